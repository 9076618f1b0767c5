# Per-language media in real bundles: a multi-track MKV and MP4 (nb, uk,
# ar audio) give each bundle the video plus its language's audio only,
# checked with ffprobe on the bundled members; a language without a track
# (so) gets the source audio and subtitles; MP4 keeps moov before mdat;
# first timestamps are those of the source; narration durations reach the
# manifest; a no-op rebuild remuxes nothing.
. "$TOP/tests/lib.sh"

FF="ffmpeg -nostdin -v error -y"
P=$TMP/pack
O=$TMP/out
mkdir -p "$P/media/nb" "$P/media/uk" "$P/media/pictograms"
make_media() {
	$FF -f lavfi -i testsrc=s=320x240:r=25:d=3 -f lavfi -i sine=f=300:d=3 \
		-f lavfi -i sine=f=400:d=3 -f lavfi -i sine=f=500:d=3 \
		-map 0 -map 1 -map 2 -map 3 -c:v libx264 -preset veryfast \
		-c:a aac -metadata:s:a:0 language=nob \
		-metadata:s:a:1 language=ukr -metadata:s:a:2 language=ara \
		"$P/media/film.mkv" &&
	$FF -i "$P/media/film.mkv" -map 0 -c copy "$P/media/film2.mp4" &&
	$FF -f lavfi -i sine=d=2:sample_rate=44100 -ac 1 \
		"$P/media/nb/welcome.mp3" &&
	$FF -f lavfi -i sine=d=1.5 -c:a libopus "$P/media/uk/welcome.opus" &&
	$FF -f lavfi -i testsrc=s=64x64:d=1 -frames:v 1 \
		"$P/media/pictograms/welcome.png" &&
	printf 'WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHei.\n' \
		>"$P/media/film.nb.vtt"
}
make_media || { fail fixture "ffmpeg could not make the media"; exit 1; }
cat >"$P/pack.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="mt" version="1.0.0" source-lang="nb">
  <title>Flerspråklig film</title>
  <languages>nb uk ar so</languages>
  <levels>
    <level id="no-schooling">Ingen skolegang</level>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <slide id="welcome">
      <heading>Velkommen</heading>
      <image src="media/pictograms/welcome.png"><alt>Vinker</alt></image>
      <script>Velkommen!</script>
      <narration lang="nb" src="media/nb/welcome.mp3"/>
      <narration lang="uk" src="media/uk/welcome.opus"/>
    </slide>
    <video id="film">
      <title>Film</title>
      <source src="media/film.mkv"/>
      <subtitles src="media/film.nb.vtt"/>
    </video>
    <video id="film2">
      <title>Film to</title>
      <source src="media/film2.mp4"/>
    </video>
  </items>
</pack>
EOF
# Translated, so that their bundles are built (0 % is refused).
translate_as_source "$P" uk ar so || { fail fixture "no .po files"; exit 1; }

"$VB" build "$P" -o "$O" >"$TMP/log" 2>&1
expect "build with multi-track videos" [ $? -eq 0 ]

# member BUNDLE SUFFIX DEST: extracts the first member ending in SUFFIX.
member() {
	name=$(tar tf "$1" | grep -- "$2\$" | head -n 1)
	[ -n "$name" ] && tar xOf "$1" "$name" >"$3"
}
# streams FILE: "video," and "audio,LANG" lines, in stream order.
streams() {
	ffprobe -v error -show_entries stream=codec_type:stream_tags=language \
		-of csv=p=0 "$1" | sed 's/^video.*/video,/' | tr '\n' ' '
}
# first_pts FILE SELECTOR: pts_time of the first packet of that stream.
first_pts() {
	ffprobe -v error -select_streams "$2" -show_entries packet=pts_time \
		-read_intervals '%+#1' -of csv=p=0 "$1" | head -n 1
}
# same A B: both timestamps read, and equal.
same() {
	[ -n "$1" ] && [ "$1" = "$2" ]
}
# offset FILE WORD: byte offset of the first WORD in FILE.
offset() {
	LC_ALL=C grep -obam1 "$2" "$1" | head -n 1 | cut -d: -f1
}

src_v=$(first_pts "$P/media/film.mkv" v:0)
for lang in nb uk ar so; do
	case $lang in
	nb) tag=nob; idx=0 ;;
	uk) tag=ukr; idx=1 ;;
	ar) tag=ara; idx=2 ;;
	so) tag=nob; idx=0 ;;
	esac
	for level in no-schooling upper-secondary; do
		b="$O/mt-1.0.0-$lang-$level.vvb"
		member "$b" .mkv "$TMP/v.mkv" && member "$b" .mp4 "$TMP/v.mp4"
		expect "$lang $level: bundle has both videos" [ $? -eq 0 ]
		got=$(streams "$TMP/v.mkv")
		expect "$lang $level: mkv holds video + $tag audio only ($got)" \
			[ "$got" = "video, audio,$tag " ]
		got=$(streams "$TMP/v.mp4")
		expect "$lang $level: mp4 holds video + $tag audio only ($got)" \
			[ "$got" = "video, audio,$tag " ]
	done
	# Timing, layout and manifest once per language.
	b="$O/mt-1.0.0-$lang-no-schooling.vvb"
	member "$b" .mkv "$TMP/v.mkv"
	member "$b" .mp4 "$TMP/v.mp4"
	expect "$lang: mkv first video pts is the source's" \
		same "$(first_pts "$TMP/v.mkv" v:0)" "$src_v"
	expect "$lang: mkv first audio pts is the source's" \
		same "$(first_pts "$TMP/v.mkv" a:0)" \
		"$(first_pts "$P/media/film.mkv" a:$idx)"
	expect "$lang: mp4 first video pts is the source's" \
		same "$(first_pts "$TMP/v.mp4" v:0)" \
		"$(first_pts "$P/media/film2.mp4" v:0)"
	expect "$lang: mp4 first audio pts is the source's" \
		same "$(first_pts "$TMP/v.mp4" a:0)" \
		"$(first_pts "$P/media/film2.mp4" a:$idx)"
	moov=$(offset "$TMP/v.mp4" moov)
	mdat=$(offset "$TMP/v.mp4" mdat)
	expect "$lang: mp4 moov ($moov) before mdat ($mdat)" \
		[ "${moov:-999999999}" -lt "${mdat:--1}" ]
	tar xOf "$b" manifest.xml >"$TMP/m.xml"
	want=$lang
	[ $lang = so ] && want=nb
	expect "$lang: manifest audio-lang is $want" \
		grep -q "<video id=\"film\" [^>]*audio-lang=\"$want\"" "$TMP/m.xml"
done
expect "so: the film carries subtitles for the missing audio" \
	grep -q '<video id="film" [^>]*subtitles="media/' "$TMP/m.xml"
expect "so: the manifest lists exactly two streams per video" \
	[ "$(grep -c '<stream ' "$TMP/m.xml")" -eq 4 ]

tar xOf "$O/mt-1.0.0-nb-no-schooling.vvb" manifest.xml >"$TMP/m.xml"
expect "nb narration (44.1 kHz mono mp3) has its duration" \
	grep -q '<narration [^>]*duration="2\.0' "$TMP/m.xml"
expect "nb narration member records 44.1 kHz mono" \
	grep -q 'sample-rate="44100"' "$TMP/m.xml"
tar xOf "$O/mt-1.0.0-uk-no-schooling.vvb" manifest.xml >"$TMP/m.xml"
expect "uk narration (opus) has its duration" \
	grep -q '<narration [^>]*duration="1\.5' "$TMP/m.xml"

# Each (film, kept language) was remuxed once and shared by the levels:
# MKV for nb, uk, ar (so reuses nb), and as many MP4s.
n=$(find "$O/.veiviser-cache" -name '*.mkv' | wc -l)
expect "one cached MKV remux per kept language ($n)" [ "$n" -eq 3 ]
n=$(find "$O/.veiviser-cache" -name '*.mp4' | wc -l)
expect "one cached MP4 remux per kept language ($n)" [ "$n" -eq 3 ]
expect "no temporary cache files left" \
	[ -z "$(find "$O/.veiviser-cache" -name '*.tmp-*')" ]

# A no-op rebuild touches no cache entry.
find "$O/.veiviser-cache" -type f -name '*.m[kp][v4]' -exec stat -c '%n %Y %i' {} + |
	sort >"$TMP/c1"
"$VB" build "$P" -o "$O" >/dev/null 2>&1
expect "rebuild succeeds" [ $? -eq 0 ]
find "$O/.veiviser-cache" -type f -name '*.m[kp][v4]' -exec stat -c '%n %Y %i' {} + |
	sort >"$TMP/c2"
expect "no-op rebuild remuxes nothing" cmp -s "$TMP/c1" "$TMP/c2"
"$VB" verify "$O"/*.vvb >/dev/null 2>&1
expect "all bundles verify" [ $? -eq 0 ]
