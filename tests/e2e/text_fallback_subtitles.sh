#!/bin/sh
# A subtitle cue left untranslated in an Arabic bundle (its Norwegian
# source stands in) keeps Norwegian's direction: "Ring 22 33 44 55." ends
# with its full stop on the right, as in the source, where laid out right
# to left it would start with it. Read from the pixels over a black film:
# the rightmost glyph of the cue is the full stop, a few pixels high.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

P=$TMP/pack
mkdir -p "$P/po" "$P/media" "$TMP/lib" "$TMP/shots"
if ! plain_film "$P/media/film.mp4" black 320x180 4 nob; then
	fail text_fallback_subtitles_fixture "ffmpeg could not make the film"
	exit 0
fi
printf '1\n00:00:00,000 --> 00:00:04,000\nRing 22 33 44 55.\n' \
	>"$P/media/film.nb.srt"
cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="subs" version="1.0.0"
      source-lang="nb">
  <title>Film</title>
  <languages>nb ar</languages>
  <levels>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <video id="film">
      <title>Ring oss</title>
      <source src="media/film.mp4"/>
      <subtitles src="media/film.nb.srt"/>
    </video>
  </items>
</pack>
XML
cat >"$P/po/ar.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "pack/title"
msgid "Film"
msgstr "فيلم"

msgctxt "level/upper-secondary"
msgid "Videregående skole"
msgstr "المدرسة الثانوية"

msgctxt "film/title"
msgid "Ring oss"
msgstr "اتصل بنا"
PO
if ! "$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1; then
	fail text_fallback_subtitles_fixture "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
printf '0.2 tap 960 540\n1.5 screenshot film\n1.6 quit\n' >"$TMP/s"
"$VP" --headless --script "$TMP/s" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log" --exit-after 10 --lang ar "$TMP/lib" \
	>"$TMP/err" 2>&1
# The bottom quarter of the film (1440x810 from x 240, y 40 at 1080p),
# under the seek chevrons.
box=$("$IMGCMP" --ink "$TMP/shots/film.png" 240 640 1440 200 2>&1)
set -- $box
if [ $# -ne 4 ]; then
	fail text_fallback_subtitles_ltr "no subtitle ink: $box"
	exit 0
fi
x1=$3 y0=$2 y1=$4
end=$("$IMGCMP" --ink "$TMP/shots/film.png" $((x1 - 5)) "$y0" 6 \
	$((y1 - y0 + 1)) 2>&1)
set -- $end
if [ $# -eq 4 ] && [ $(( ($4 - $2 + 1) * 3 )) -le $((y1 - y0 + 1)) ]; then
	pass text_fallback_subtitles_ltr
else
	fail text_fallback_subtitles_ltr \
		"rightmost glyph rows $end of cue rows $y0-$y1"
fi
