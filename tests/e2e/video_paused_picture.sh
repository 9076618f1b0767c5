#!/bin/sh
# A paused film on a kiosk shows a large play sign over its picture, and
# a tap anywhere on the picture plays it on: a participant who paused it
# (or found it paused) need not find the small button in the bar below.
# A tap on the picture of a playing film does not pause it (a hand that
# rests on the screen must not stop the film).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! film_talk_pack "$TMP" pausedfilm 30 1; then
	fail "video paused picture: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# The film's box, for its centre.
printf '0.5 key Right\n1 key Right\n1.5 quit\n' >"$TMP/r.script"
"$VP" --headless --window 640x360 --script "$TMP/r.script" \
	--log-json "$TMP/r.json" "$TMP/b" 2>"$TMP/err"
rect=$(grep -m 1 '"event":"video_rect"' "$TMP/r.json")
rx=$(jfield "$rect" x); ry=$(jfield "$rect" y)
rw=$(jfield "$rect" w); rh=$(jfield "$rect" h)
if [ -z "$rh" ]; then
	fail "video paused picture: no film box" "$(tail -n 2 "$TMP/err")"
	exit 0
fi
cx=$((rx + rw / 2)); cy=$((ry + rh / 2))
# a place on the picture off its centre and its signs
ox=$((rx + rw / 3)); oy=$((ry + rh * 3 / 4))

# paused with P at 2 s; a tap on the picture at 3 s
printf '0.5 key Right\n1 key Right\n1.8 screenshot playing\n2 key P\n2.5 screenshot paused\n3 tap %s %s\n3.5 screenshot again\n4 quit\n' \
	"$ox" "$oy" >"$TMP/p.script"
"$VP" --headless --window 640x360 --script "$TMP/p.script" \
	--screenshot-dir "$TMP/p" --log-json "$TMP/p.json" "$TMP/b" \
	2>>"$TMP/err"
# white_at PNG: the centre of the film is the sign's white
white_at() {
	wa=$("$IMGCMP" --pixel "$1" "$cx" "$cy")
	case $wa in
	[eEfF]?[eEfF]?[eEfF]?) return 0 ;;
	esac
	return 1
}
expect "video paused picture: the paused film shows a play sign" \
	white_at "$TMP/p/paused.png"
expect "video paused picture: a playing film shows none" \
	eval '! white_at "$TMP/p/playing.png"'
expect "video paused picture: a tap on the picture plays the film on" \
	grep -q '"event":"video_resume"' "$TMP/p.json"
expect "video paused picture: the sign goes when it plays" \
	eval '! white_at "$TMP/p/again.png"'

# a tap on the picture of a playing film leaves it playing
printf '0.5 key Right\n1 key Right\n2 tap %s %s\n3 quit\n' "$ox" "$oy" \
	>"$TMP/q.script"
"$VP" --headless --window 640x360 --script "$TMP/q.script" \
	--log-json "$TMP/q.json" "$TMP/b" 2>>"$TMP/err"
expect "video paused picture: a tap on a playing film does not pause it" \
	eval '! grep -q "\"event\":\"video_pause\"" "$TMP/q.json"'
expect "video paused picture: the player said nothing wrong" \
	eval '! grep -v "^$" "$TMP/err"'
