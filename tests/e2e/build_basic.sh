# veiviser-build build on the small pack (nb, ar, ti; two levels): names,
# tar layout, resolved text and fallbacks, direction and script, draft,
# remuxed audio per language, translated subtitles, --json, --lang/--level,
# --strict, reproducibility, and one-line errors for bad arguments.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
O=$TMP/out
"$VB" build "$P" -o "$O" --json "$TMP/result.json" -j 2 >"$TMP/log" 2>&1
expect "build exits 0" [ $? -eq 0 ]

n=$(ls "$O"/*.vvb | wc -l)
expect "six bundles (3 languages x 2 levels)" [ "$n" -eq 6 ]
for l in nb ar ti; do
	for v in no-schooling upper-secondary; do
		[ -f "$O/pack-small-1.0.0-$l-$v.vvb" ] ||
			fail "bundle name $l-$v" "missing pack-small-1.0.0-$l-$v.vvb"
	done
done
expect "no stray files in OUTDIR" [ -z "$(stray "$O")" ]

AR=$O/pack-small-1.0.0-ar-no-schooling.vvb
TI=$O/pack-small-1.0.0-ti-upper-secondary.vvb
NB=$O/pack-small-1.0.0-nb-no-schooling.vvb
expect "tar lists manifest.xml first" [ "$(tar tf "$AR" | head -n 1)" = manifest.xml ]
expect "tar lists manifest.sha256 last" [ "$(tar tf "$AR" | tail -n 1)" = manifest.sha256 ]
expect "manifest.sha256 is the hash of manifest.xml" [ "$(member "$AR" manifest.xml | sha256sum | cut -c1-64)" = "$(member "$AR" manifest.sha256)" ]
expect "tar members are plain ustar, uid 0, mtime 0" sh -c "tar tvf '$AR' | grep -v ' 0/0 ' | grep -v '1970-01-01' | grep -q . && exit 1 || exit 0"
"$VB" verify "$O"/*.vvb >/dev/null
expect "verify accepts every bundle" [ $? -eq 0 ]

member "$AR" manifest.xml >"$TMP/ar.xml"
member "$TI" manifest.xml >"$TMP/ti.xml"
member "$NB" manifest.xml >"$TMP/nb.xml"
expect "ar manifest: code, script and direction" grep -q '<language code="ar" script="Arab" dir="rtl"' "$TMP/ar.xml"
expect "ti manifest: Ethiopic script, ltr, draft" grep -q '<language code="ti" script="Ethi" dir="ltr" draft="true"' "$TMP/ti.xml"
expect "ar heading translated" grep -q '<heading>مرحبا</heading>' "$TMP/ar.xml"
expect "ar untranslated text falls back, marked" grep -q '<script fallback="true">Velkommen! I dag' "$TMP/ar.xml"
expect "nb (source) has no fallback marks" sh -c "! grep -q 'fallback=\"true\"' '$TMP/nb.xml'"
expect "coverage recorded" grep -q '<coverage total="14" translated="3" fallback="11"/>' "$TMP/ar.xml"
expect "level filter: upper-secondary bundle lacks the no-schooling slide" sh -c "! grep -q 'slide id=\"meeting\"' '$TMP/ti.xml' && grep -q 'slide id=\"school\"' '$TMP/ti.xml'"
expect "ar narration with its duration" grep -q '<narration member="media/[0-9a-f]*-welcome.wav" duration="1.500"/>' "$TMP/ar.xml"
expect "ti has no narration (none given)" sh -c "! grep -q '<narration' '$TMP/ti.xml'"
expect "members carry sha256 and probe results" grep -q 'kind="video" size="[0-9]*" sha256="[0-9a-f]\{64\}" duration="1.000" container="mov,mp4' "$TMP/ar.xml"

# The ar bundle's video keeps only the Arabic audio track.
member "$AR" .mp4 >"$TMP/ar.mp4"
streams=$(ffprobe -v error -show_entries stream=codec_type:stream_tags=language -of csv=p=0 "$TMP/ar.mp4" | tr '\n' ' ')
expect "ar video: the video stream plus Arabic audio only" [ "$streams" = "video,und audio,ara " ]
member "$TI" .mp4 >"$TMP/ti.mp4"
streams=$(ffprobe -v error -show_entries stream=codec_type:stream_tags=language -of csv=p=0 "$TMP/ti.mp4" | tr '\n' ' ')
expect "ti video (no ti track): source-language audio" [ "$streams" = "video,und audio,nob " ]
expect "ti video item records audio-lang nb" grep -q 'audio-lang="nb"' "$TMP/ti.xml"
member "$AR" .vtt >"$TMP/ar.vtt"
expect "ar subtitles hold the translated cue" grep -q 'مرحبا، وأهلا بك.' "$TMP/ar.vtt"
expect "ar subtitles keep the cue timing" grep -q '00:00:00.500 --> 00:00:02.000' "$TMP/ar.vtt"

"$VB" info "$AR" >"$TMP/info" 2>&1
expect "info exits 0" [ $? -eq 0 ]
expect "info shows the endonym and direction" grep -q 'العربية.*rtl' "$TMP/info"
expect "info lists items with titles" grep -q 'meeting.*Møtet med veilederen' "$TMP/info"
expect "info lists members with sizes and durations" grep -q 'video .* bytes  1.00 s' "$TMP/info"
"$VB" info "$TI" | grep -q 'draft'
expect "info shows the draft mark" [ $? -eq 0 ]

# --json (read with jq): every bundle with its size and the hash of its
# bytes, and nothing else.
bad=0
for f in "$O"/*.vvb; do
	h=$(sha256sum "$f" | cut -c1-64)
	s=$(stat -c %s "$f")
	n=$(jq --arg f "$(basename "$f")" --arg h "$h" --argjson s "$s" \
		'[.bundles[] | select(.file == $f and .size == $s and
		  .sha256 == $h)] | length' "$TMP/result.json")
	if [ "$n" != 1 ]; then
		fail "json entry for $(basename "$f")" "size or hash missing or wrong"
		bad=1
	fi
done
expect "json lists every bundle with size and sha256" [ "$bad" -eq 0 ]
expect "json lists no other bundle" \
	[ "$(jq '.bundles | length' "$TMP/result.json")" -eq "$(ls "$O"/*.vvb | wc -l)" ]
expect "json counts fallbacks per language" jq -e \
	'.fallbacks.ar == {"no-schooling": 11, "upper-secondary": 10}' \
	"$TMP/result.json"

# --json -: standard output is the JSON alone (a script pipes it to a
# parser); the per-bundle lines and the summary go to standard error.
"$VB" build "$P" -o "$O" --json - >"$TMP/stdout.json" 2>"$TMP/stderr"
expect "--json -: exits 0" [ $? -eq 0 ]
expect "--json -: standard output is valid JSON" \
	sh -c "python3 -m json.tool '$TMP/stdout.json' >/dev/null"
expect "--json -: the summary goes to standard error" \
	grep -q '^[0-9]* bundles: 0 written, [0-9]* unchanged$' "$TMP/stderr"

# Reproducible: a second build elsewhere gives identical bytes.
"$VB" build "$P" -o "$TMP/out2" -j 1 >/dev/null 2>&1
same=1
for f in "$O"/*.vvb; do cmp -s "$f" "$TMP/out2/$(basename "$f")" || same=0; done
expect "identical inputs give identical bundles" [ $same -eq 1 ]

# --lang and --level select.
"$VB" build "$P" -o "$TMP/one" --lang ar --level upper-secondary >/dev/null 2>&1
expect "--lang/--level build just that bundle" [ "$(ls "$TMP/one")" = pack-small-1.0.0-ar-upper-secondary.vvb ]

# --strict refuses when any text falls back, and writes nothing.
"$VB" build "$P" -o "$TMP/strict" --strict >"$TMP/strict.log" 2>&1
rc=$?
expect "--strict with fallbacks exits non-zero" [ $rc -ne 0 ]
expect "--strict writes no bundle" [ -z "$(ls "$TMP/strict" 2>/dev/null | grep vvb)" ]
expect "--strict names the .po" grep -q 'po/ar.po:.*--strict' "$TMP/strict.log"
"$VB" build "$P" -o "$TMP/strict" --strict --lang nb >/dev/null 2>&1
expect "--strict passes for the source language" [ $? -eq 0 ]

"$VB" build "$P" -o "$TMP/x" --lang xx >"$TMP/err" 2>&1
rc=$?
expect "unknown --lang: exit 2 and one line" [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ]
"$VB" build "$P" >"$TMP/err" 2>&1
expect "missing -o: usage error" [ $? -eq 2 ]
"$VB" build "$P" -o "$TMP/x" -j 0 >"$TMP/err" 2>&1
expect "bad -j: usage error" [ $? -eq 2 ]
