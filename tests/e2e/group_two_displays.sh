#!/bin/sh
# The group screen's standard setup, a laptop and a projector: with two
# displays and --console auto (the default) the room's slides fill the
# second display (the projector) and the presenter console the first,
# each fullscreen at its display's size, with no window manager. Keys
# reach the player whichever window has the focus; x swaps the windows
# between the displays, still each filling its display. Unplugged, the
# projector's room comes to the laptop; plugged back, it goes back, and
# a projector plugged in after the start takes the room.
# Two displays as SDL sees them (RandR outputs) need TigerVNC's Xvnc:
# Xvfb has one output however many screens it is given.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"
IMGCMP="$TOP/$BUILD/tests/imgcmp"
case "$BUILD" in /*) IMGCMP="$BUILD/tests/imgcmp" ;; esac

for tool in Xvnc xdotool python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		fail "group two displays" "$tool is missing; run scripts/install-deps"
		exit 0
	fi
done
if ! make_group_bundles "$TMP"; then
	fail "group two displays: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
# See player_xvfb.sh: SDL's X11 driver leaves libdbus allocations behind.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

# The laptop 1366x768 on the left, the projector 1920x1080 to its right.
sock=$TMP/vnc.sock
Xvnc -displayfd 3 -geometry 1366x768 -depth 24 -SecurityTypes None \
	-rfbport -1 -rfbunixpath "$sock" 3>"$TMP/dpy" >"$TMP/xvnc.log" 2>&1 &
xvnc=$!
vp=
trap 'kill $vp $xvnc 2>/dev/null; rm -rf "$TMP"' EXIT
n=0
until [ -s "$TMP/dpy" ] && [ -S "$sock" ]; do
	n=$((n + 1))
	if [ $n -gt 300 ] || ! kill -0 $xvnc 2>/dev/null; then
		fail "group two displays: Xvnc" "$(tail -n 3 "$TMP/xvnc.log")"
		exit 0
	fi
	sleep 0.1
done
DISPLAY=:$(head -n 1 "$TMP/dpy")
export DISPLAY
screens() { python3 "$TOP/tests/e2e/vncscreens.py" "$sock" "$@"; }
if ! screens 1366x768+0+0 1920x1080+1366+0 >"$TMP/screens.out" 2>&1; then
	fail "group two displays: monitors" "$(cat "$TMP/screens.out")"
	exit 0
fi

SDL_AUDIODRIVER=dummy "$VP" --group --lang nb --level lower-secondary \
	--participants 2 --log-json "$TMP/log.json" \
	--session-dir "$TMP/sess" "$TMP/bundles" >"$TMP/out" 2>&1 &
vp=$!
# waits (at most a minute) for the log to hold N lines matching PATTERN
wait_for() {
	n=0
	while c=$(grep -c -- "$1" "$TMP/log.json" 2>/dev/null)
	      [ "${c:-0}" -lt "$2" ]; do
		n=$((n + 1))
		[ $n -gt 600 ] && return 1
		kill -0 $vp 2>/dev/null || return 1
		sleep 0.1
	done
}
wait_for '"event":"group_start"' 1
wait_for '"event":"frame","screen":"sequence"' 1
# the player's two windows: the console is the one with its own title
wins=$(xdotool search --onlyvisible --classname '^veiviser-play$' 2>/dev/null)
room= console=
for w in $wins; do
	case $(xdotool getwindowname "$w") in
	Veiviser) room=$w ;;
	*) console=$w ;;
	esac
done
# "WxH+X+Y" of a window
geom() {
	xdotool getwindowgeometry --shell "$1" 2>/dev/null | awk -F= '
		{ v[$1] = $2 }
		END { printf "%sx%s+%s+%s\n", v["WIDTH"], v["HEIGHT"], v["X"], v["Y"] }'
}
# the colour the X server shows at (x, y) of the whole desktop
pixel() { "$IMGCMP" --pixel "$TMP/$1.png" "$2" "$3" 2>/dev/null; }

log_console=$(grep -m 1 '"event":"console_open"' "$TMP/log.json")
case $log_console in
*'"displays":2,"placement":"second display"'*)
	pass "group two displays: SDL sees both, the console opens on one" ;;
*) fail "group two displays: console_open" "'$log_console'; $(tail -n 2 "$TMP/out")" ;;
esac
if [ -n "$room" ] && [ "$(geom "$room")" = 1920x1080+1366+0 ]; then
	pass "group two displays: the room fills the projector"
else
	fail "group two displays: room" "window '$room' at '$(geom "$room")'"
fi
if [ -n "$console" ] && [ "$(geom "$console")" = 1366x768+0+0 ]; then
	pass "group two displays: the console fills the laptop"
else
	fail "group two displays: console" "window '$console' at '$(geom "$console")'"
fi
# What the displays show: the room's ground (10263f) at the projector's
# corners, the console's top bar (0b1a2c) at the laptop's.
python3 "$TOP/tests/e2e/xshot.py" "$TMP/start.png"
if [ "$(pixel start 1370 4)" = 10263f ] &&
   [ "$(pixel start 3280 4)" = 10263f ] && [ "$(pixel start 4 4)" = 0b1a2c ]
then
	pass "group two displays: room on the projector, console on the laptop"
else
	fail "group two displays: screen" "projector '$(pixel start 1370 4)' '$(pixel start 3280 4)', laptop '$(pixel start 4 4)'"
fi

# Right, with the focus on either window, moves the room on.
xdotool windowfocus --sync "$console" 2>/dev/null
xdotool key Right
wait_for '"key":"Right","action":"next"' 1
xdotool windowfocus --sync "$room" 2>/dev/null
xdotool key Right
if wait_for '"key":"Right","action":"next"' 2; then
	pass "group two displays: keys reach the player from either window"
else
	fail "group two displays: keys" "$(grep -c '"group_key"' "$TMP/log.json") keys logged"
fi

# x: each window takes the other's display, filling it.
xdotool key x
wait_for '"event":"screens_swapped"' 1
n=0
until [ "$(geom "$room")" = 1366x768+0+0 ] || [ $n -gt 100 ]; do
	n=$((n + 1))
	sleep 0.1
done
if [ "$(geom "$room")" = 1366x768+0+0 ] &&
   [ "$(geom "$console")" = 1920x1080+1366+0 ]; then
	pass "group two displays: x puts the room on the laptop, the console on the projector"
else
	fail "group two displays: swap" "room '$(geom "$room")', console '$(geom "$console")'"
fi
xdotool key x
wait_for '"event":"screens_swapped"' 2
n=0
until [ "$(geom "$room")" = 1920x1080+1366+0 ] || [ $n -gt 100 ]; do
	n=$((n + 1))
	sleep 0.1
done
if [ "$(geom "$room")" = 1920x1080+1366+0 ] &&
   [ "$(geom "$console")" = 1366x768+0+0 ]; then
	pass "group two displays: x again puts them back"
else
	fail "group two displays: swap back" "room '$(geom "$room")', console '$(geom "$console")'"
fi

# The projector unplugged: the room comes to the laptop, filling it, and
# the console is a window over it, as when the player starts with one
# display; plugged back (as a projector plugged in late), each goes back
# to its own display.
# waits (at most 10 s) until window $1 is at $2
wait_geom() {
	n=0
	until [ "$(geom "$1")" = "$2" ] || [ $n -gt 100 ]; do
		n=$((n + 1))
		sleep 0.1
	done
}
screens 1366x768+0+0 >"$TMP/screens.out" 2>&1
wait_for '"event":"displays","displays":1' 1
wait_geom "$room" 1366x768+0+0
wait_geom "$console" 1280x720+43+24
python3 "$TOP/tests/e2e/xshot.py" "$TMP/unplug.png"
if [ "$(geom "$room")" = 1366x768+0+0 ] &&
   [ "$(geom "$console")" = 1280x720+43+24 ] &&
   [ "$(pixel unplug 4 4)" = 10263f ]; then
	pass "group two displays: unplugged, the room fills the laptop under the console's window"
else
	fail "group two displays: unplug" "room '$(geom "$room")', console '$(geom "$console")', laptop '$(pixel unplug 4 4)'; $(cat "$TMP/screens.out")"
fi
screens 1366x768+0+0 1920x1080+1366+0 >>"$TMP/screens.out" 2>&1
wait_for '"event":"displays","displays":2' 1
wait_geom "$room" 1920x1080+1366+0
wait_geom "$console" 1366x768+0+0
xdotool key Right
wait_for '"key":"Right","action":"next"' 3
python3 "$TOP/tests/e2e/xshot.py" "$TMP/replug.png"
if [ "$(geom "$room")" = 1920x1080+1366+0 ] &&
   [ "$(geom "$console")" = 1366x768+0+0 ] &&
   [ "$(pixel replug 1370 4)" = 10263f ] &&
   [ "$(pixel replug 3280 4)" = 10263f ] &&
   [ "$(pixel replug 4 4)" = 0b1a2c ]; then
	pass "group two displays: plugged back, the room fills the projector again"
else
	fail "group two displays: replug" "room '$(geom "$room")', console '$(geom "$console")', projector '$(pixel replug 1370 4)', laptop '$(pixel replug 4 4)'; $(cat "$TMP/screens.out")"
fi
kill $vp 2>/dev/null
wait $vp 2>/dev/null

# The projector plugged in after the player started on the laptop alone:
# the room goes to it, the console fills the laptop.
screens 1366x768+0+0 >"$TMP/screens.out" 2>&1
rm -f "$TMP/log.json"
SDL_AUDIODRIVER=dummy "$VP" --group --lang nb --level lower-secondary \
	--participants 2 --log-json "$TMP/log.json" \
	--session-dir "$TMP/sess" "$TMP/bundles" >"$TMP/out" 2>&1 &
vp=$!
wait_for '"event":"frame","screen":"sequence"' 1
room= console=
for w in $(xdotool search --onlyvisible --classname '^veiviser-play$' \
	2>/dev/null); do
	case $(xdotool getwindowname "$w") in
	Veiviser) room=$w ;;
	*) console=$w ;;
	esac
done
late_start="$(geom "$room") $(geom "$console")"
screens 1366x768+0+0 1920x1080+1366+0 >>"$TMP/screens.out" 2>&1
wait_for '"event":"displays","displays":2' 1
wait_geom "$room" 1920x1080+1366+0
wait_geom "$console" 1366x768+0+0
if [ "$late_start" = "1366x768+0+0 1280x720+43+24" ] &&
   [ "$(geom "$room")" = 1920x1080+1366+0 ] &&
   [ "$(geom "$console")" = 1366x768+0+0 ]; then
	pass "group two displays: a projector plugged in late takes the room"
else
	fail "group two displays: late projector" "at the start '$late_start', then room '$(geom "$room")', console '$(geom "$console")'; $(cat "$TMP/screens.out")"
fi
kill $vp 2>/dev/null
wait $vp 2>/dev/null
