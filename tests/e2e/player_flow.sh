#!/bin/sh
# The whole kiosk flow, headless and scripted: attract, language and level
# pickers, slides with auto-advance, Arabic mirrored, a video item, the idle
# question and the reset. Screenshots are compared with tests/golden/.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player flow: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# At 960x540 (unit 5 px): language buttons are 450x80 from y 100 (nb,
# ar, ti); level buttons 250x250 from y 120, at x 222 and 487 (mirrored
# for Arabic). Taps come 0.3 s or more after a screen change (earlier ones are not
# choices). The 4 s film (the last item) ends at 10.4 and the end screen
# follows; the idle question comes 5 s later (it waits while media plays), reset 15 s after.
cat >"$TMP/flow.script" <<'SCRIPT'
0.5 screenshot attract
1.0 tap 480 270
1.2 screenshot language
1.5 tap 480 140
1.7 screenshot level-nb
2.0 tap 347 250
2.3 screenshot slide-nb
4.5 screenshot slide-nb-auto
5.0 key Home
5.4 tap 480 230
5.8 tap 612 250
6.1 screenshot slide-ar
6.3 key Right
6.4 key Right
6.6 screenshot video-ar
14.9 screenshot not-idle-yet
17.0 screenshot idle
32.0 screenshot after-reset
32.5 quit
SCRIPT
log="$TMP/log.json"
if "$VP" --headless --window 960x540 --idle-timeout 5 \
	--script "$TMP/flow.script" --screenshot-dir "$TMP/shots" \
	--log-json "$log" "$TMP/b" 2>"$TMP/err"; then
	pass "player flow: runs to the end of the script"
else
	fail "player flow: runs" "exit $? $(tail -n 3 "$TMP/err")"
fi

for n in attract language level-nb slide-nb slide-ar video-ar idle; do
	golden "player-$n" "$TMP/shots/$n.png"
done

screens=$(jq -r 'select(.event == "screen") | .name' "$log" |
	  uniq | tr '\n' ' ')
case "$screens" in
"attract language level sequence language level sequence end idle attract "*)
	pass "player flow: screens in kiosk order" ;;
*)	fail "player flow: screen order" "$screens" ;;
esac

line=$(grep '"event":"item","id":"meeting"' "$log" | head -n 1)
t=$(jfield "$line" t)
# welcome starts at 2.0 with 1 s of narration and a 1 s gap.
if [ -n "$t" ] && awk "BEGIN { exit !($t >= 3.9 && $t < 4.2) }"; then
	pass "player flow: auto-advance after the narration ($t s)"
else
	fail "player flow: auto-advance" "meeting started at '$t'"
fi

if grep -q '"event":"uilang","lang":"nb","sample":"Er du fortsatt her?"' \
	"$log"; then
	pass "player flow: interface switches to Norwegian"
else
	fail "player flow: interface language" "no nb uilang event"
fi
last=$(grep '"event":"uilang"' "$log" | tail -n 1)
if [ "$(jfield "$last" lang)" = default ]; then
	pass "player flow: interface language reset after the idle reset"
else
	fail "player flow: interface reset" "$last"
fi

shot=$(grep '"event":"screenshot"' "$log" | grep not-idle-yet)
if [ "$(jfield "$shot" screen)" = end ]; then
	pass "player flow: no idle question while the film plays; its end shows the end screen"
else
	fail "player flow: idle during the film" "$shot"
fi

shot=$(grep '"event":"screenshot"' "$log" | grep after-reset)
if [ "$(jfield "$shot" screen)" = attract ] &&
   grep -q '"event":"reset"' "$log"; then
	pass "player flow: idle reset returns to the attract screen"
else
	fail "player flow: idle reset" "$shot"
fi

if grep '"event":"screenshot"' "$log" | grep -qv '"missing_glyphs":0'; then
	fail "player flow: glyphs" "$(grep -v '"missing_glyphs":0' "$log" |
		grep screenshot | head -n 1)"
else
	pass "player flow: no missing glyphs on any screen"
fi

# Touch targets on every screen are at least 9 mm (96 dpi headless).
small=$(jq -r 'select(.event == "frame" and .min_target_mm != null) |
	.min_target_mm' "$log" | awk '$1 < 9 { n++ } END { print n + 0 }')
all=$(jq -r 'select(.min_target_mm != null) | .event' "$log" | wc -l)
if [ "$all" -gt 0 ] && [ "$small" -eq 0 ]; then
	pass "player flow: touch targets of $all frames are 9 mm or more"
else
	fail "player flow: touch targets" "$small of $all frames have smaller"
fi

# Ink of the heading row: Norwegian starts at the left margin (30 px),
# Arabic ends at the right margin.
nb=$("$IMGCMP" --ink "$TMP/shots/slide-nb.png" 0 25 960 40)
ar=$("$IMGCMP" --ink "$TMP/shots/slide-ar.png" 0 25 960 40)
set -- $nb
if [ "$#" -eq 4 ] && [ "$1" -le 40 ] && [ "$3" -lt 480 ]; then
	pass "player flow: LTR heading ink at the left ($nb)"
else
	fail "player flow: LTR heading ink" "$nb"
fi
set -- $ar
if [ "$#" -eq 4 ] && [ "$3" -ge 920 ] && [ "$1" -gt 480 ]; then
	pass "player flow: RTL heading ink right-aligned ($ar)"
else
	fail "player flow: RTL heading ink" "$ar"
fi
# Mirrored controls: "next" (yellow) is at the right for nb, left for ar.
pn=$("$IMGCMP" --pixel "$TMP/shots/slide-nb.png" 575 490)
pa=$("$IMGCMP" --pixel "$TMP/shots/slide-ar.png" 385 490)
if [ "$pn" = f5c342 ] && [ "$pa" = f5c342 ]; then
	pass "player flow: next button mirrored for Arabic"
else
	fail "player flow: mirrored controls" "nb $pn, ar $pa"
fi

# The attract screen's row of language names, each in its own script,
# reads as a row of choices: a tap on "العربية" picks Arabic (its level
# picker follows, in Arabic) instead of opening the picker to be chosen
# from again. A tap beside the row still only wakes the kiosk. Where the
# name is comes from the attract screenshot's boxes above.
box=$(jq -c 'select(.event == "box" and .kind == "text" and
	.text == "العربية" and .t == 0.5)' "$log" | head -n 1)
if [ -z "$box" ]; then
	fail "player flow: language row" "no box for العربية on the attract screen"
	exit 0
fi
x=$(($(jfield "$box" x) + $(jfield "$box" w) / 2))
y=$(($(jfield "$box" y) + $(jfield "$box" h) / 2))
printf '0.5 tap %s %s\n1.0 quit\n' "$x" "$y" >"$TMP/row.script"
printf '0.5 tap %s %s\n1.0 quit\n' "$x" "$((y - 120))" >"$TMP/beside.script"
for s in row beside; do
	"$VP" --headless --window 960x540 --script "$TMP/$s.script" \
		--log-json "$TMP/$s.json" "$TMP/b" 2>"$TMP/$s.err"
done
expect "player flow: a tap on a language's name on the attract screen picks it" \
	grep -q '"event":"screen","name":"level","lang":"ar"' "$TMP/row.json"
expect "player flow: a tap beside the names opens the language picker" \
	grep -q '"event":"screen","name":"language"' "$TMP/beside.json"
