#!/bin/sh
# Subtitle files in the encodings and line ends translators' tools save:
# UTF-16 with a byte order mark (Windows Notepad's "Unicode", little-
# endian, and big-endian), old Mac CR line ends, UTF-8 with a BOM and
# CRLF. check finds nothing wrong and the bundles carry the text. UTF-16
# without a BOM, and UTF-16 with a broken character, are refused with
# the file (and line) and what to do.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/subtitle_fixture.inc"

P=$TMP/pack
subtitle_pack "$P" 3 nb nb le.nb.srt be.nb.vtt cr.nb.srt bom.nb.vtt ||
	{ fail "subtitles encodings: fixture" "ffmpeg"; exit 0; }

# u16 ORDER: UTF-8 on stdin to UTF-16 (LE or BE) with its BOM, as
# Notepad writes it.
u16() {
	if [ "$1" = LE ]; then printf '\377\376'; else printf '\376\377'; fi
	iconv -f UTF-8 -t "UTF-16$1"
}
printf '1\r\n00:00:00,000 --> 00:00:01,000\r\nHei på deg\r\n\r\n2\r\n00:00:01,000 --> 00:00:02,000\r\nГарного дня 😀\r\n' |
	u16 LE >"$P/media/le.nb.srt"
printf 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nBig-endian på skjermen\n' |
	u16 BE >"$P/media/be.nb.vtt"
printf '1\r00:00:00,000 --> 00:00:01,000\rGamle Mac\r\r2\r00:00:01,000 --> 00:00:02,000\rAndre linje\r' \
	>"$P/media/cr.nb.srt"
printf '\357\273\277WEBVTT\r\n\r\n00:00:00.000 --> 00:00:01.000\r\nMed BOM\r\n' \
	>"$P/media/bom.nb.vtt"

subtitle_check_build "subtitles encodings" "$P"
for line in 'Hei på deg' 'Гарного дня 😀' 'Big-endian på skjermen' \
	'Gamle Mac' 'Andre linje' 'Med BOM'; do
	if grep -qxF "$line" "$TMP/nb.vtt"; then
		pass "subtitles encodings: the bundle shows \"$line\""
	else
		fail "subtitles encodings: bundle" "no \"$line\" in: $(cat "$TMP/nb.vtt")"
	fi
done

# Refused: UTF-16 without a BOM (some tools' "Unicode (no BOM)"), and a
# lone surrogate on line 3.
Q=$TMP/bad
subtitle_pack "$Q" 3 nb nb nobom.nb.srt broken.nb.srt u32.nb.srt ||
	{ fail "subtitles encodings: fixture" "ffmpeg"; exit 0; }
printf '1\r\n00:00:00,000 --> 00:00:01,000\r\nUten BOM\r\n' |
	iconv -f UTF-8 -t UTF-16LE >"$Q/media/nobom.nb.srt"
{
	printf '1\n00:00:00,000 --> 00:00:01,000\n' | u16 LE
	printf '\075\330'  # D83D: the high half of a pair, alone
	printf 'ei\n' | iconv -f UTF-8 -t UTF-16LE
} >"$Q/media/broken.nb.srt"
# UTF-32 with its BOM (FF FE 00 00: it starts like UTF-16's)
printf '1\n00:00:00,000 --> 00:00:01,000\nTretti to\n' |
	iconv -f UTF-8 -t UTF-32 >"$Q/media/u32.nb.srt"
"$VB" check "$Q" >"$TMP/bad.log" 2>&1
nobom=$(grep '^error: .*media/nobom.nb.srt: ' "$TMP/bad.log")
case "$nobom" in
*"UTF-16 without a byte order mark"*"UTF-8"*)
	pass "subtitles encodings: UTF-16 without a BOM says how to save it" ;;
*) fail "subtitles encodings: no BOM" "$(cat "$TMP/bad.log")" ;;
esac
broken=$(grep '^error: .*media/broken.nb.srt:3: ' "$TMP/bad.log")
case "$broken" in
*"UTF-16"*) pass "subtitles encodings: a broken UTF-16 character names its line" ;;
*) fail "subtitles encodings: broken UTF-16" "$(cat "$TMP/bad.log")" ;;
esac
u32=$(grep '^error: .*media/u32.nb.srt: ' "$TMP/bad.log")
case "$u32" in
*"UTF-32"*"UTF-8"*)
	pass "subtitles encodings: UTF-32 is named as such, with how to save it" ;;
*) fail "subtitles encodings: UTF-32" "$(cat "$TMP/bad.log")" ;;
esac
expect "subtitles encodings: one error each" \
	grep -q "errors: 3, warnings: 0" "$TMP/bad.log"
