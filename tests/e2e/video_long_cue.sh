#!/bin/sh
# A long subtitle cue, as subtitle tools of other origins write them (one
# cue of a whole sentence with long Norwegian compounds), is shown whole:
# it shrinks towards a legible floor before a word is broken or the cue
# cut with an ellipsis. At 1080x1920 the cue kept only its first words
# ("Karriereveiledningstjenest- / en / i kommunen hjelper deg...") and at
# 1024x600 it lost its last clause. A short cue keeps the full size.
# Read from the player's "cue" log line (once a cue).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

P=$TMP/pack
mkdir -p "$P/po" "$P/media" "$TMP/lib"
# Ukrainian speech in a Norwegian bundle: the subtitles show by default.
if ! plain_film "$P/media/film.mp4" gray 320x180 4 ukr; then
	fail video_long_cue_fixture "ffmpeg could not make the film"
	exit 0
fi
{
	printf '1\r\n00:00:00,000 --> 00:00:02,000\r\n'
	printf 'Karriereveiledningstjenesten i kommunen hjelper deg å finne ut '
	printf 'hva du kan bli, og hvilke utdanningsmuligheter og '
	printf 'arbeidsmarkedstiltak som finnes for deg.\r\n\r\n'
	printf '2\r\n00:00:02,000 --> 00:00:04,000\r\nVelkommen.\r\n'
} >"$P/media/film.nb.srt"
cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="cue" version="1.0.0"
      source-lang="nb">
  <title>Film</title>
  <languages>nb uk</languages>
  <levels>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <video id="film">
      <title>Karriereveiledning</title>
      <source src="media/film.mp4" lang="uk"/>
      <subtitles src="media/film.nb.srt"/>
    </video>
  </items>
</pack>
XML
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' \
	>"$P/po/uk.po"
# (uk has no translation: only the nb bundle is built, with a warning)
"$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1
if [ ! -f "$TMP/lib/cue-1.0.0-nb-upper-secondary.vvb" ]; then
	fail video_long_cue_fixture "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
printf '0.2 tap 500 300\n3.0 quit\n' >"$TMP/s"
for size in 1024x600 1280x720 1920x1080 1080x1920; do
	log="$TMP/log-$size"
	"$VP" --headless --window "$size" --script "$TMP/s" \
		--log-json "$log" --exit-after 10 --lang nb "$TMP/lib" \
		>"$TMP/err" 2>&1
	cues=$(jq -r 'select(.event == "cue") |
		"\(.lines) \(.size) \(.cut) \(.broken)"' "$log")
	set -- $cues
	if [ $# -ne 8 ]; then
		fail "video_long_cue $size" "cue lines: $cues"
		continue
	fi
	if [ "$3" -eq 0 ] && [ "$4" -eq 0 ]; then
		pass "video_long_cue $size: the long cue whole ($1 lines at $2 px)"
	else
		fail "video_long_cue $size" \
			"long cue cut $3, words broken $4 ($1 lines at $2 px)"
	fi
	# the short cue keeps the full size, the long one shrank no more
	# than to two thirds of it
	if [ "$6" -ge "$2" ] && [ $(($2 * 3)) -ge $(($6 * 2)) ]; then
		pass "video_long_cue $size: sizes $2 and $6 px"
	else
		fail "video_long_cue $size" "long cue $2 px, short cue $6 px"
	fi
done
