#!/bin/sh
# x (or F9) swaps the room's and the console's screens: in real windows
# (Xvfb) the room's window takes the console window's place and size and
# the console the room's, each keeping its content; x again swaps back.
# Headless (no windows) the key is logged and moves nothing.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"
IMGCMP="$TOP/$BUILD/tests/imgcmp"
case "$BUILD" in /*) IMGCMP="$BUILD/tests/imgcmp" ;; esac

if ! command -v xvfb-run >/dev/null 2>&1; then
	fail "group swap" "xvfb-run is missing; run scripts/install-deps"
	exit 0
fi
if ! make_group_bundles "$TMP"; then
	fail "group swap: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
# See player_xvfb.sh: SDL's X11 driver leaves libdbus allocations behind.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
cat >"$TMP/s.script" <<'SCRIPT'
1.0 screenshot before
1.2 key x
2.4 screenshot swapped
2.6 key F9
3.8 screenshot back
4.0 quit
SCRIPT
SDL_AUDIODRIVER=dummy xvfb-run -a -n "${VV_XVFB_NUM:-99}" -s "-screen 0 2200x1200x24" \
	"$VP" --group --console window --window 640x360 --lang nb \
	--level lower-secondary --participants 2 --script "$TMP/s.script" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/log.json" \
	--session-dir "$TMP/sess" "$TMP/bundles" >"$TMP/out" 2>&1
rc=$?
# size PNG: "W H" from the header
size() { od -An -tu4 --endian=big -j16 -N8 "$1" 2>/dev/null | tr -s ' ' |
	sed 's/^ //'; }
rb=$(size "$TMP/shots/before.png")
cb=$(size "$TMP/shots/before-console.png")
rs=$(size "$TMP/shots/swapped.png")
cs=$(size "$TMP/shots/swapped-console.png")
rk=$(size "$TMP/shots/back.png")
if [ "$rc" -eq 0 ] && [ "$rb" = "640 360" ] && [ "$cb" = "1280 720" ]; then
	pass "group swap: room window 640x360, console window 1280x720"
else
	fail "group swap: start" "exit $rc, room '$rb', console '$cb'; $(tail -n 2 "$TMP/out")"
fi
if [ "$rs" = "$cb" ] && [ "$cs" = "$rb" ]; then
	pass "group swap: after x the windows have each other's size"
else
	fail "group swap: sizes" "room '$rs' console '$cs' after x"
fi
if [ "$rk" = "$rb" ]; then
	pass "group swap: F9 swaps them back"
else
	fail "group swap: back" "room '$rk' after F9"
fi
swap() {
	jq -r --argjson n "$1" --arg f "$2" \
		'select(.event == "screens_swapped") | .[$f]' "$TMP/log.json" |
		sed -n "${1}p"
}
# the room's place after the first swap is the console's after the second
# (where the console had been), and the other way round
if [ "$(swap 1 swapped)" = 1 ] && [ "$(swap 2 swapped)" = 0 ] &&
   [ -n "$(swap 1 room_x)" ] &&
   [ "$(swap 1 room_x),$(swap 1 room_y)" = \
     "$(swap 2 console_x),$(swap 2 console_y)" ] &&
   [ "$(swap 1 console_x),$(swap 1 console_y)" = \
     "$(swap 2 room_x),$(swap 2 room_y)" ] &&
   [ "$(swap 1 room_x),$(swap 1 room_y)" != \
     "$(swap 1 console_x),$(swap 1 console_y)" ]; then
	pass "group swap: the windows change places (the log's positions)"
else
	fail "group swap: places" "$(jq -c 'select(.event == "screens_swapped")' "$TMP/log.json" | tr '\n' ' ')"
fi
# each window keeps its content: the console's top bar (0b1a2c) stays in
# the console's window, the room's ground (10263f) in the room's
px() { "$IMGCMP" --pixel "$TMP/shots/$1.png" 5 5 2>/dev/null; }
if [ "$(px swapped)" = 10263f ] && [ "$(px swapped-console)" = 0b1a2c ]
then
	pass "group swap: each window keeps its content"
else
	fail "group swap: content" "room '$(px swapped)', console '$(px swapped-console)'"
fi

# Headless: nothing to move, the key is logged, the slides stay.
printf '1 key x\n2 screenshot h\n3 quit\n' >"$TMP/h.script"
"$VP" --headless --group --lang nb --level lower-secondary --participants 2 \
	--script "$TMP/h.script" --screenshot-dir "$TMP/h" \
	--log-json "$TMP/h.json" --session-dir "$TMP/sess" "$TMP/bundles" \
	>"$TMP/h.out" 2>&1
if [ "$(jq -r 'select(.event == "screens_swapped") | .room_display' \
	"$TMP/h.json")" = -1 ] && [ -f "$TMP/h/h-console.png" ]; then
	pass "group swap: headless, x is logged and moves nothing"
else
	fail "group swap: headless" "$(tail -n 2 "$TMP/h.out")"
fi
