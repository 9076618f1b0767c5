#!/bin/sh
# Subtitles as authors get them from other tools: an SRT from a subtitle
# editor, with a BOM, CRLF line ends and ASS placing codes ({\an8}), and a
# cue timed after the film's end (from the longer cut of the film). The
# codes reach neither the translators nor the screen; the late cue, which
# the player would never show, is named by check's report.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/subtitle_fixture.inc"

P=$TMP/pack
subtitle_pack "$P" 2 nb nb film.nb.srt ||
	{ fail "subtitles from tools: fixture" "ffmpeg"; exit 0; }
printf '\357\273\2771\r\n00:00:00,000 --> 00:00:01,000\r\n{\\an8}Velkommen\r\n\r\n2\r\n00:00:01,000 --> 00:00:01,900\r\nTil filmen\r\n\r\n3\r\n00:00:03,500 --> 00:00:05,000\r\nFra en lengre versjon\r\n\r\n' \
	>"$P/media/film.nb.srt"

"$VB" pot "$P" >/dev/null 2>&1
if grep -q 'msgid "Velkommen"' "$P/po/pack.pot" &&
   ! grep -qF 'an8' "$P/po/pack.pot"; then
	pass "subtitles from tools: the placing code is not sent to the translators"
else
	fail "subtitles from tools: pot" "$(grep -A1 'cue@00:00:00' "$P/po/pack.pot")"
fi

"$VB" check "$P" >"$TMP/check.log" 2>&1
late=$(grep '^warning:' "$TMP/check.log" | grep 'film.nb.srt:11:')
case "$late" in
*"starts at 3.500 s"*"ends at 2.0"*) pass "subtitles from tools: check names the cue after the film's end" ;;
*) fail "subtitles from tools: check" "$(grep -E '^(warning|error)' "$TMP/check.log")" ;;
esac
expect "subtitles from tools: no other problem" \
	grep -q "errors: 0, warnings: 1" "$TMP/check.log"

"$VB" build "$P" -o "$TMP/out" >"$TMP/build.log" 2>&1
expect "subtitles from tools: build succeeds" [ $? -eq 0 ]
bundle_vtt "$TMP/out/subs-1.0.0-nb-no-schooling.vvb" >"$TMP/film.vtt"
if grep -qx 'Velkommen' "$TMP/film.vtt" && ! grep -qF '{' "$TMP/film.vtt"; then
	pass "subtitles from tools: the bundle's cue has no placing code"
else
	fail "subtitles from tools: bundle" "$(head -n 5 "$TMP/film.vtt")"
fi
