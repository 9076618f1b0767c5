#!/bin/sh
# End-to-end: a film in a group session: the room shows the video (not
# its placeholder), p pauses and plays it, s turns its subtitles off, and
# the film waits for the facilitator instead of moving on by itself.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP" video; then
	fail fixture "building the bundles failed: $(tail -n 3 "$TMP/build.log")"
	exit 1
fi
cat >"$TMP/script" <<'SCRIPT'
0.1 key 6
0.15 key Return
1.0 screenshot film
1.1 key p
1.5 screenshot paused
1.6 key P
1.7 key s
2.0 screenshot nosubs
6.0 screenshot after
6.1 quit
SCRIPT
log=$TMP/log.json
"$VP" --headless --group --lang ti --level lower-secondary \
	--script "$TMP/script" --screenshot-dir "$TMP/shots" --log-json "$log" \
	--session-dir "$TMP/sessions" "$TMP/bundles" >"$TMP/out" 2>&1
rc=$?
expect "runs and exits 0" [ "$rc" -eq 0 ] && [ -f "$TMP/shots/film.png" ]
expect "6 Enter reaches the film" \
	[ "$(jget "$log" screenshot path "$TMP/shots/film.png" item)" = 5 ]
expect "the film starts" grep -q '"event":"video_start","item":"film"' "$log"
expect "the room shows the video, not the placeholder" \
	[ "$(ink_percent "$TMP/shots/film.png")" -gt 40 ]
expect "p pauses the film" grep -q '"event":"video_pause","item":"film"' "$log"
expect "p again plays it" grep -q '"event":"video_resume","item":"film"' "$log"
# The subtitle's white letters sit in the middle of the bottom band, where
# the test picture has no white of its own.
subs=$(count_rgb "$TMP/shots/film.png" ffffff 12 600 920 700 100)
nosubs=$(count_rgb "$TMP/shots/nosubs.png" ffffff 12 600 920 700 100)
expect "subtitles shown ($subs px)" [ "$subs" -gt 300 ]
expect "s turns them off ($nosubs px)" [ "$nosubs" -lt 10 ]
expect "the film ended" grep -q '"event":"video_end","item":"film"' "$log"
expect "the film's end does not move the group on" \
	[ "$(jget "$log" screenshot path "$TMP/shots/after.png" item)" = 5 ]
shot="$TMP/shots/film-console.png"
expect "the console names the film" \
	[ "$(jget "$log" console_screenshot path "$shot" id)" = film ]

# On a single screen, c hides the console overlay even while the film
# plays; it must not reach the film as its subtitles key.
cat >"$TMP/script2" <<'SCRIPT'
0.1 key 6
0.15 key Return
1.0 screenshot over
1.1 key c
1.5 screenshot hidden
1.6 quit
SCRIPT
"$VP" --headless --group --lang ti --level lower-secondary --console single \
	--script "$TMP/script2" --screenshot-dir "$TMP/shots2" \
	--log-json "$TMP/log2.json" --session-dir "$TMP/sessions" \
	"$TMP/bundles" >"$TMP/out2" 2>&1
expect "single screen with a film: runs" [ -f "$TMP/shots2/hidden.png" ]
band=$(count_rgb "$TMP/shots2/over.png" 0b1a2c 2 0 700 1920 380)
gone=$(count_rgb "$TMP/shots2/hidden.png" 0b1a2c 2 0 700 1920 380)
expect "single screen with a film: overlay drawn ($band px)" [ "$band" -gt 300000 ]
expect "single screen with a film: c hides it ($gone px)" [ "$gone" -lt 1000 ]
if grep -q '"event":"subtitles"' "$TMP/log2.json"; then
	fail "c leaves the film's subtitles alone" "a subtitles event was logged"
else
	pass "c leaves the film's subtitles alone"
fi

# The room sees the film without the kiosk's seek and subtitle signs: a
# tap where the kiosk has its +10 s chevron (the right edge, halfway
# down) does nothing.
rect=$(jq -c 'select(.event == "video_rect")' "$log" | head -n 1)
rx=$(printf '%s' "$rect" | jq -r '.x // empty')
ry=$(printf '%s' "$rect" | jq -r '.y // empty')
rw=$(printf '%s' "$rect" | jq -r '.w // empty')
rh=$(printf '%s' "$rect" | jq -r '.h // empty')
{
	echo "0.1 key 6"
	echo "0.15 key Return"
	i=1
	while [ $i -le 8 ]; do
		echo "1.$i tap $((rx + rw - rw * i / 40)) $((ry + rh / 2))"
		i=$((i + 1))
	done
	echo "2.0 quit"
} >"$TMP/tap.script"
"$VP" --headless --group --lang ti --level lower-secondary \
	--script "$TMP/tap.script" --log-json "$TMP/tap.json" \
	--session-dir "$TMP/sessions" "$TMP/bundles" >/dev/null 2>&1
if [ -n "$rw" ] && ! grep -q '"event":"video_seek"' "$TMP/tap.json"; then
	pass "taps on the room's film do not seek"
else
	fail "taps on the room's film" "rect '$rect'; $(grep -m1 '"event":"video_seek"' "$TMP/tap.json")"
fi

# The console shows where the film is and how long it runs, and L seeks
# from the console's keyboard.
printf '0.1 key 6\n0.15 key Return\n1.0 screenshot a\n1.1 key l\n1.3 screenshot b\n1.5 quit\n' \
	>"$TMP/pos.script"
"$VP" --headless --group --lang ti --level lower-secondary \
	--script "$TMP/pos.script" --screenshot-dir "$TMP/pos" \
	--log-json "$TMP/pos.json" --session-dir "$TMP/sessions" \
	"$TMP/bundles" >/dev/null 2>&1
pa=$(jget "$TMP/pos.json" console_screenshot path "$TMP/pos/a-console.png" film_pos)
da=$(jget "$TMP/pos.json" console_screenshot path "$TMP/pos/a-console.png" film_dur)
pb=$(jget "$TMP/pos.json" console_screenshot path "$TMP/pos/b-console.png" film_pos)
if [ -n "$pa" ] && [ -n "$pb" ] &&
   awk "BEGIN { exit !($pa > 0.5 && $da > 3.9 && $da < 4.1 && $pb > $pa + 1) }"
then
	pass "the console shows the film's position ($pa of $da s, $pb after L)"
else
	fail "film position on the console" "'$pa' of '$da', after L '$pb'"
fi
