#!/bin/sh
# A paused film sought with the chevrons over it (or J and L) shows the
# picture at the new place at once, still paused: the participant sees
# where the tap took the film. It kept showing the picture from before,
# so a tap on "forward" seemed to do nothing, and the next taps skipped
# on blindly. The film is testsrc, whose counter changes every second.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! film_talk_pack "$TMP" seekfilm 30 1; then
	fail "video paused seek: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# The film's box, for the chevron's place (see av.c, overlay_area()).
printf '0.5 key Right\n1 key Right\n1.5 quit\n' >"$TMP/r.script"
"$VP" --headless --window 640x360 --script "$TMP/r.script" \
	--log-json "$TMP/r.json" "$TMP/b" 2>"$TMP/err"
rect=$(grep -m 1 '"event":"video_rect"' "$TMP/r.json")
rx=$(jfield "$rect" x); ry=$(jfield "$rect" y)
rw=$(jfield "$rect" w); rh=$(jfield "$rect" h)
if [ -z "$rh" ]; then
	fail "video paused seek: no film box" "$(tail -n 2 "$TMP/err")"
	exit 0
fi
size=$((rh / 7)); [ "$size" -lt 40 ] && size=40
fwd_x=$((rx + rw - size / 4 - size / 2)); fwd_y=$((ry + rh / 2))
back_x=$((rx + size / 4 + size / 2))

# paused_seek NAME LINE: pauses the film after a second of play, takes a
# screenshot, then LINE (a tap or a key at 3 s), another screenshot.
paused_seek() {
	printf '0.5 key Right\n1 key Right\n2 key P\n2.5 screenshot before\n%s\n4 screenshot after\n4.2 quit\n' \
		"$2" >"$TMP/$1.script"
	"$VP" --headless --window 640x360 --script "$TMP/$1.script" \
		--screenshot-dir "$TMP/$1" --log-json "$TMP/$1.json" \
		"$TMP/b" 2>>"$TMP/err"
}
# moved NAME: the seek happened, both screenshots show the film paused,
# and the picture changed.
moved() {
	m_b=$(grep '"event":"screenshot"' "$TMP/$1.json" | grep /before.png)
	m_a=$(grep '"event":"screenshot"' "$TMP/$1.json" | grep /after.png)
	grep -q '"event":"video_seek"' "$TMP/$1.json" &&
	[ "$(jfield "$m_b" paused)" = 1 ] && [ "$(jfield "$m_a" item)" = 1 ] &&
	[ "$(jfield "$m_a" paused)" = 1 ] &&
	! "$IMGCMP" "$TMP/$1/before.png" "$TMP/$1/after.png" 0 0 >/dev/null
}
paused_seek fwd "3 tap $fwd_x $fwd_y"
expect "video paused seek: a tap on forward shows the picture 10 s on" \
	moved fwd
paused_seek key "3 key L"
expect "video paused seek: L shows the picture 10 s on" moved key
# back to the start from 1 s in: the first picture again
paused_seek back "3 tap $back_x $fwd_y"
expect "video paused seek: a tap on back shows the picture from before" \
	moved back
# and playing on goes from there: the film runs from 10 s on
printf '0.5 key Right\n1 key Right\n2 key P\n3 key L\n4 key P\n5 quit\n' \
	>"$TMP/on.script"
"$VP" --headless --window 640x360 --script "$TMP/on.script" \
	--log-json "$TMP/on.json" "$TMP/b" 2>>"$TMP/err"
pos=$(jq -r 'select(.event == "video_resume") | .pos' "$TMP/on.json" |
	head -n 1)
expect "video paused seek: playing on starts at the place sought ($pos)" \
	awk -v p="$pos" 'BEGIN { exit !(p > 10.5 && p < 11.5) }'
