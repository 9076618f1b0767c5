#!/bin/sh
# An SRT as hand edits and web exports leave it: a cue number with a
# blank after it, no blank line before a cue, '.' before the
# milliseconds, no cue number, tags in capitals (<I>), <br> line breaks
# and numeric character references (&#39;). check refused the number
# ("expected a timing line"), and the builder lost the italics, glued the
# words around <br> together ("Heider") and showed "&#39;" as it is.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/subtitle_fixture.inc"

P=$TMP/pack
subtitle_pack "$P" 4 nb nb film.nb.srt ||
	{ fail "subtitles hand edits: fixture" "ffmpeg"; exit 0; }
{
	printf '1 \r\n00:00:00,000 --> 00:00:01,000\r\n<I>Skrå</I> tekst\r\n'
	printf '2\r\n00:00:01.000 --> 00:00:02.000\r\nHei<br>der\r\n\r\n'
	printf '00:00:02,000 --> 00:00:03,000\r\nIt&#39;s &apos;ok&apos;\r\n'
} >"$P/media/film.nb.srt"

subtitle_check_build "subtitles hand edits" "$P"
for line in '<i>Skrå</i> tekst' 'Hei der' "It's 'ok'"; do
	if grep -qxF "$line" "$TMP/nb.vtt"; then
		pass "subtitles hand edits: the bundle shows \"$line\""
	else
		fail "subtitles hand edits: bundle" "no \"$line\" in: $(cat "$TMP/nb.vtt")"
	fi
done
