#!/bin/sh
# A subtitle cue with two speakers, as subtitlers write it: one line each,
# starting with a dash ("- Hei!" / "- Hallo, velkommen."). The builder
# joined a cue's lines into one, so the turns ran together on screen
# ("- Hei! - Hallo, velkommen."). They stay lines of their own: in the
# .pot (one msgid with a line break), through a translation, in the
# bundles and on screen. A cue wrapped by its author is still one line
# the player wraps for its screen. Read from the player's "cue" log line.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/subtitle_fixture.inc"

P=$TMP/pack
mkdir -p "$TMP/lib"
# Ukrainian speech in a Norwegian bundle: the subtitles show by default.
if ! subtitle_pack "$P" 4 "nb uk" uk film.nb.srt; then
	fail subtitles_dialogue_fixture "ffmpeg could not make the film"
	exit 0
fi
# as Subtitle Edit saves an SRT: CRLF
printf '1\r\n00:00:00,000 --> 00:00:02,000\r\n- Hei!\r\n- Hallo, velkommen.\r\n\r\n2\r\n00:00:02,000 --> 00:00:04,000\r\nVelkommen til\r\nkontoret.\r\n' \
	>"$P/media/film.nb.srt"

if ! translate_as_source "$P" uk; then
	fail subtitles_dialogue_fixture "pot or msgen failed"
	exit 0
fi
expect "subtitles dialogue: the msgid keeps the turns apart" \
	grep -qxF '"- Hei!\n"' "$P/po/pack.pot"
# the translation of cue 1, as a translator writes it in the .po
sed -i '/^msgstr/,/^$/ s/^"- Hallo, velkommen\."$/"- Привіт, ласкаво просимо."/' \
	"$P/po/uk.po"
"$VB" check "$P" >"$TMP/check.log" 2>&1
expect "subtitles dialogue: check finds nothing wrong" \
	grep -q "errors: 0, warnings: 0" "$TMP/check.log"
"$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1
for lang in nb uk; do
	bundle_vtt "$TMP/lib/subs-1.0.0-$lang-no-schooling.vvb" \
		>"$TMP/$lang.vtt"
done
if grep -A2 -- '--> 00:00:02.000' "$TMP/nb.vtt" | tr '\n' '|' |
	grep -qxF -- '00:00:00.000 --> 00:00:02.000|- Hei!|- Hallo, velkommen.|'
then
	pass "subtitles dialogue: the nb bundle's cue has a line a turn"
else
	fail "subtitles dialogue: nb bundle" "$(cat "$TMP/nb.vtt") $(tail -n 3 "$TMP/build.log")"
fi
if grep -A2 -- '--> 00:00:02.000' "$TMP/uk.vtt" | tr '\n' '|' |
	grep -qxF -- '00:00:00.000 --> 00:00:02.000|- Hei!|- Привіт, ласкаво просимо.|'
then
	pass "subtitles dialogue: the translated cue has a line a turn"
else
	fail "subtitles dialogue: uk bundle" "$(cat "$TMP/uk.vtt")"
fi
expect "subtitles dialogue: the author's wrap is joined" \
	grep -qxF 'Velkommen til kontoret.' "$TMP/nb.vtt"

# A translation that runs the turns together is shipped, with a warning
# naming its line in the .po.
sed '/^msgstr/,/^$/ s/^"- Hei!\\n"$/"- Hei! "/' "$P/po/uk.po" >"$TMP/uk.po"
cp "$TMP/uk.po" "$P/po/uk.po"
"$VB" check "$P" >"$TMP/check2.log" 2>&1
turns=$(grep '^warning: .*po/uk.po:[0-9]*:' "$TMP/check2.log")
case "$turns" in
*"2 lines"*"translation 1"*) pass "subtitles dialogue: check warns of turns run together" ;;
*) fail "subtitles dialogue: check of joined turns" "$(grep -E '^(error|warning)' "$TMP/check2.log")" ;;
esac

printf '0.2 tap 500 300\n1.0 screenshot dialogue\n3.0 quit\n' >"$TMP/s"
"$VP" --headless --window 1280x720 --script "$TMP/s" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/log" --exit-after 10 \
	--lang nb "$TMP/lib" >"$TMP/err" 2>&1
lines=$(jq -r 'select(.event == "cue") | .lines' "$TMP/log" | tr '\n' ' ')
if [ "$lines" = "2 1 " ]; then
	pass "subtitles dialogue: on screen, two lines for two speakers, one for the wrapped cue"
else
	fail "subtitles dialogue: screen" "lines per cue: $lines ($(tail -n 2 "$TMP/err"))"
fi

# The two turns are one block, centred, with each turn's dash under the
# other (subtitlers' convention): their left edges line up. The wrapped
# cue is centred as always. The cue's log line gives its box.
IMGCMP="$TOP/$BUILD/tests/imgcmp"
case "$BUILD" in /*) IMGCMP="$BUILD/tests/imgcmp" ;; esac
cue1=$(jq -c 'select(.event == "cue")' "$TMP/log" | head -n 1)
set -- $(printf '%s' "$cue1" | jq -r '.box | values | map(tostring) | join(" ")')
if [ $# -eq 4 ] && [ -f "$TMP/shots/dialogue.png" ]; then
	bx=$1 by=$2 bw=$3 bh=$4
	half=$((bh / 2))
	l1=$("$IMGCMP" --ink "$TMP/shots/dialogue.png" $((bx + 2)) $((by + 2)) \
		$((bw - 4)) $((half - 2)) | cut -d' ' -f1)
	l2=$("$IMGCMP" --ink "$TMP/shots/dialogue.png" $((bx + 2)) $((by + half)) \
		$((bw - 4)) $((half - 2)) | cut -d' ' -f1)
	if [ -n "$l1" ] && [ "$l1" != none ] && [ -n "$l2" ] &&
	   [ "$l2" != none ] && [ "$l1" -ge $((l2 - 2)) ] &&
	   [ "$l1" -le $((l2 + 2)) ]; then
		pass "subtitles dialogue: the turns' dashes line up (x $l1 and $l2)"
	else
		fail "subtitles dialogue: turns aligned" "left edges $l1 and $l2 in box $bx $by $bw $bh"
	fi
	expect "subtitles dialogue: the block is centred on the screen ($bx + $bw/2)" \
		[ $((bx + bw / 2)) -ge 630 -a $((bx + bw / 2)) -le 650 ]
else
	fail "subtitles dialogue: turns aligned" "no box in the cue's log line ($cue1)"
fi
