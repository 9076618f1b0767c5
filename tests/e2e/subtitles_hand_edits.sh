#!/bin/sh
# An SRT as hand edits and web exports leave it: a cue number with a
# blank after it, no blank line before a cue, '.' before the
# milliseconds, no cue number, tags in capitals (<I>), <br> line breaks
# and numeric character references (&#39;). check refused the number
# ("expected a timing line"), and the builder lost the italics, glued the
# words around <br> together ("Heider") and showed "&#39;" as it is.
. "$TOP/tests/lib.sh"

P=$TMP/pack
mkdir -p "$P/media"
ffmpeg -nostdin -v error -y -f lavfi -i testsrc=s=160x120:r=25:d=5 \
	-f lavfi -i sine=d=5 -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
	-c:a aac -metadata:s:a:0 language=nob "$P/media/film.mp4" ||
	{ fail "subtitles hand edits: fixture" "ffmpeg"; exit 0; }
{
	printf '1 \r\n00:00:00,000 --> 00:00:01,000\r\n<I>Skrå</I> tekst\r\n'
	printf '2\r\n00:00:01.000 --> 00:00:02.000\r\nHei<br>der\r\n\r\n'
	printf '00:00:02,000 --> 00:00:03,000\r\nIt&#39;s &apos;ok&apos;\r\n'
} >"$P/media/film.nb.srt"
cat >"$P/pack.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="hand" version="1.0.0" source-lang="nb">
  <title>Håndredigert</title>
  <languages>nb</languages>
  <levels><level id="no-schooling">Ingen skolegang</level></levels>
  <items>
    <video id="film">
      <title>Film</title>
      <source src="media/film.mp4"/>
      <subtitles src="media/film.nb.srt"/>
    </video>
  </items>
</pack>
XML

"$VB" check "$P" >"$TMP/check.log" 2>&1
if grep -q "errors: 0, warnings: 0" "$TMP/check.log"; then
	pass "subtitles hand edits: check finds nothing wrong"
else
	fail "subtitles hand edits: check" "$(grep -E '^(error|warning)' "$TMP/check.log")"
fi
"$VB" build "$P" -o "$TMP/out" >"$TMP/build.log" 2>&1
expect "subtitles hand edits: build succeeds" [ $? -eq 0 ]
b=$(ls "$TMP/out"/*.vvb 2>/dev/null | head -n 1)
vtt=$(tar -tf "$b" 2>/dev/null | grep '\.vtt$')
tar -xOf "$b" "$vtt" >"$TMP/film.vtt" 2>/dev/null
for line in '<i>Skrå</i> tekst' 'Hei der' "It's 'ok'"; do
	if grep -qxF "$line" "$TMP/film.vtt"; then
		pass "subtitles hand edits: the bundle shows \"$line\""
	else
		fail "subtitles hand edits: bundle" "no \"$line\" in: $(cat "$TMP/film.vtt")"
	fi
done
