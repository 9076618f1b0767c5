# The sample pack content/career-guidance: it builds with --strict (every
# language complete) into 21 bundles, each bundle holds exactly the items of
# its level (counted in pack.xml with xmllint), no-schooling slides all have
# a pictogram and, where espeak-ng has a voice, narration; the film has one
# tagged audio track per voiced language and subtitles for the others; the
# voiced languages have spoken prompts for the pickers, the end screen and
# the idle question;
# the committed media stay under 15 MB.
. "$TOP/tests/lib.sh"

PACK=$TOP/content/career-guidance
O=$TMP/out
LANGS="nb en uk ar ti so prs"
VOICED="nb en uk ar prs"
LEVELS="no-schooling lower-secondary upper-secondary"

# Items of pack.xml that belong to level $1 (no levels= means every level).
items_in_level() {
	xmllint --xpath "count(/*[local-name()='pack']/*[local-name()='items']/*[not(@levels) or contains(concat(' ', normalize-space(@levels), ' '), ' $1 ')])" \
		"$PACK/pack.xml"
}
manifest() {
	tar xOf "$1" manifest.xml
}
# xpath BUNDLE EXPR: evaluates EXPR on the bundle's manifest.
xpath() {
	manifest "$1" | xmllint --xpath "$2" - 2>/dev/null
}

"$VB" build "$PACK" -o "$O" --strict >"$TMP/log" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
	pass "career-guidance builds with --strict"
else
	fail "career-guidance builds with --strict" "exit $rc: $(tail -n 3 "$TMP/log")"
fi

n=$(ls "$O"/*.vvb 2>/dev/null | wc -l)
expect "21 bundles (7 languages x 3 levels), found $n" [ "$n" -eq 21 ]

total=$(xmllint --xpath "count(/*[local-name()='pack']/*[local-name()='items']/*)" "$PACK/pack.xml")
if [ "$total" -ge 10 ] && [ "$total" -le 15 ]; then
	pass "pack has 10-15 items ($total)"
else
	fail "pack has 10-15 items" "$total"
fi

for level in $LEVELS; do
	want=$(items_in_level "$level")
	bad=""
	for lang in $LANGS; do
		b=$O/career-guidance-1.0.0-$lang-$level.vvb
		if [ ! -f "$b" ]; then
			bad="$bad $lang(missing)"
			continue
		fi
		got=$(xpath "$b" "count(/*[local-name()='bundle']/*[local-name()='items']/*)")
		info=$("$VB" info "$b" | sed -n 's/^items: *//p')
		[ "$got" = "$want" ] && [ "$info" = "$want" ] ||
			bad="$bad $lang(manifest $got, info $info)"
	done
	if [ -z "$bad" ]; then
		pass "$level: every bundle has the level's $want items"
	else
		fail "$level: item count $want" "$bad"
	fi
done

# Levels differ where it matters: upper-secondary has recognition, the
# others not; no-schooling has only its own short slides besides the
# shared ones.
b=$O/career-guidance-1.0.0-nb-upper-secondary.vvb
expect "upper-secondary has the recognition slide" [ "$(xpath "$b" "count(//*[@id='recognition'])")" = 1 ]
b=$O/career-guidance-1.0.0-nb-lower-secondary.vvb
expect "lower-secondary has no recognition slide" [ "$(xpath "$b" "count(//*[@id='recognition'])")" = 0 ]

bad=""
for lang in $LANGS; do
	b=$O/career-guidance-1.0.0-$lang-no-schooling.vvb
	[ -f "$b" ] || continue
	noimg=$(xpath "$b" "count(//*[local-name()='slide'][not(*[local-name()='image'])])")
	[ "$noimg" = 0 ] || bad="$bad $lang:$noimg-without-image"
	case " $VOICED " in *" $lang "*)
		nonarr=$(xpath "$b" "count(//*[local-name()='slide'][not(*[local-name()='narration'])])")
		[ "$nonarr" = 0 ] || bad="$bad $lang:$nonarr-without-narration" ;;
	esac
done
if [ -z "$bad" ]; then
	pass "no-schooling: a pictogram on every slide, narration where voiced"
else
	fail "no-schooling: pictograms and narration" "$bad"
fi

# The film: the bundle's own audio where espeak-ng has a voice, else the
# source audio with translated subtitles.
bad=""
for lang in $LANGS; do
	b=$O/career-guidance-1.0.0-$lang-lower-secondary.vvb
	[ -f "$b" ] || continue
	audio=$(xpath "$b" "string(//*[local-name()='video'][@id='film']/@audio-lang)")
	subs=$(xpath "$b" "string(//*[local-name()='video'][@id='film']/@subtitles)")
	case " $VOICED " in
	*" $lang "*) [ "$audio" = "$lang" ] || bad="$bad $lang:audio=$audio" ;;
	*) [ "$audio" = nb ] && [ -n "$subs" ] || bad="$bad $lang:audio=$audio,subs=$subs" ;;
	esac
done
if [ -z "$bad" ]; then
	pass "film: own audio for nb en uk ar prs, nb audio + subtitles for ti so"
else
	fail "film audio and subtitles" "$bad"
fi

tags=$(ffprobe -v error -select_streams a -show_entries stream_tags=language \
	-of csv=p=0 "$PACK/media/film.mkv" | tr '\n' ' ')
expect "film.mkv audio tracks tagged nob eng ukr ara prs ($tags)" [ "$tags" = "nob eng ukr ara prs " ]
d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$PACK/media/film.mkv")
expect "film lasts 30-60 s ($d)" awk "BEGIN { exit !($d >= 30 && $d <= 60) }"

size=$(du -sb "$PACK/media" | cut -f1)
expect "committed media under 15 MB ($size bytes)" [ "$size" -lt 15728640 ]

bad=""
for lang in en uk ar ti so prs; do
	grep -q '^"X-Translation-Status: draft, needs review\\n"$' "$PACK/po/$lang.po" ||
		bad="$bad $lang"
done
expect "every translation is marked as a draft${bad:+ (not:$bad)}" [ -z "$bad" ]

# The scripts the pack needs: Arabic and Dari in Arabic script, Tigrinya in
# Ethiopic, Ukrainian in Cyrillic (the heading of the welcome slide).
heading() {
	xpath "$O/career-guidance-1.0.0-$1-no-schooling.vvb" \
		"string(//*[local-name()='slide'][@id='welcome']/*[local-name()='heading'])"
}
# script_of TEXT: the Unicode script name of the first letter, e.g. ARABIC.
script_of() {
	printf '%s' "$1" | python3 -c 'import sys, unicodedata
t = sys.stdin.buffer.read().decode("utf-8")
print(next((unicodedata.name(c).split()[0] for c in t if c.isalpha()), ""))'
}
for pair in ar:ARABIC prs:ARABIC ti:ETHIOPIC uk:CYRILLIC so:LATIN; do
	lang=${pair%%:*}
	want=${pair#*:}
	got=$(script_of "$(heading "$lang")")
	expect "$lang text is in $want script (got '$got')" [ "$got" = "$want" ]
done

# Spoken prompts: every voiced language has a language prompt and a level
# prompt in each of its bundles; unvoiced ones (ti, so) have none.
bad=
for lang in nb en uk ar prs ti so; do
	for level in no-schooling lower-secondary upper-secondary; do
		b=$O/career-guidance-1.0.0-$lang-$level.vvb
		n=$(manifest "$b" | grep -c -e ' prompt="media/' \
			-e '<prompt member="media/[0-9a-f]*-prompt-'"$level"'\.opus"')
		case $lang in ti|so) want=0 ;; *) want=2 ;; esac
		[ "$n" -eq "$want" ] || bad="$bad $lang-$level($n)"
	done
done
expect "prompts: language and level prompt in every voiced bundle${bad:+ (not:$bad)}" \
	[ -z "$bad" ]

# The end screen's spoken prompt ("again, another language or home"): in
# every voiced bundle, none in the unvoiced ones; and the player speaks it
# when a participant reaches the end screen after the last item.
# voiced_prompt NAME: the bundles that do not name their prompt-NAME.opus
# in <language NAME-prompt> once when voiced, never when not
voiced_prompt() {
	for lang in nb en uk ar prs ti so; do
		for level in no-schooling lower-secondary upper-secondary; do
			n=$(manifest "$O/career-guidance-1.0.0-$lang-$level.vvb" |
				grep -c " $1-prompt=\"media/[0-9a-f]*-prompt-$1\\.opus\"")
			case $lang in ti|so) want=0 ;; *) want=1 ;; esac
			[ "$n" -eq "$want" ] || printf ' %s' "$lang-$level($n)"
		done
	done
}
bad=$(voiced_prompt end)
expect "prompts: an end prompt in every voiced bundle${bad:+ (not:$bad)}" \
	[ -z "$bad" ]
# A key leaves the attract screen, End goes to the last item, Right past it.
printf '0.5 key End\n1 key End\n1.5 key Right\n2.5 quit\n' >"$TMP/end.script"
for lang in nb ar; do
	"$VP" --headless --lang $lang --level upper-secondary \
		--script "$TMP/end.script" --log-json "$TMP/end-$lang.json" \
		"$O/career-guidance-1.0.0-$lang-upper-secondary.vvb" \
		2>"$TMP/end-$lang.err"
	# end_spoken LOG: the end screen came, its prompt was logged once
	# and started playing
	end_spoken() {
		grep -q '"event":"screen","name":"end"' "$1" &&
		[ "$(jq -r 'select(.event == "prompt" and .screen == "end") |
			.member' "$1" | grep -c 'prompt-end\.opus$')" -eq 1 ] &&
		grep -q '"event":"narration_start".*prompt-end\.opus' "$1"
	}
	expect "prompts: the $lang end screen speaks its prompt" \
		end_spoken "$TMP/end-$lang.json"
done

# The idle question's spoken prompt ("are you still there?"): in every
# voiced bundle, none in the unvoiced ones; the kiosk speaks it when the
# question comes over a paused first slide.
bad=$(voiced_prompt idle)
expect "prompts: an idle prompt in every voiced bundle${bad:+ (not:$bad)}" \
	[ -z "$bad" ]
printf '0.5 key Right\n0.7 key P\n4 quit\n' >"$TMP/idle.script"
"$VP" --headless --idle-timeout 2 --lang prs --level no-schooling \
	--script "$TMP/idle.script" --log-json "$TMP/idle.json" \
	"$O/career-guidance-1.0.0-prs-no-schooling.vvb" 2>"$TMP/idle.err"
expect "prompts: the prs idle question speaks its prompt" \
	sh -c "grep -q '\"event\":\"screen\",\"name\":\"idle\"' '$TMP/idle.json' &&
	       grep -q '\"event\":\"prompt\",\"screen\":\"idle\",\"lang\":\"prs\"' '$TMP/idle.json' &&
	       grep -q '\"event\":\"narration_start\".*prompt-idle\.opus' '$TMP/idle.json'"
