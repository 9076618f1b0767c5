#!/bin/sh
# The staff's chords typed on a real keyboard (Xvfb, xdotool through
# XTEST: Ctrl and Alt go down first, each a key press of its own):
# Ctrl+Alt+O shows and hides the overlay and Ctrl+Alt+Q leaves, and the
# kiosk underneath does not move. Ctrl and Alt alone were taken as a
# participant's key, so opening the overlay on the attract screen left
# the kiosk on the language picker.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "staff chords: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
cat >"$TMP/drive.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
"$VP" --window 960x540 --log-json "$TMP/k.json" "$TMP/b" 2>"$TMP/k.err" &
pid=$!
w=$(xwin)
xwait "$TMP/k.json" '"name":"attract"'
xkey "$w" ctrl+alt+o
xwait "$TMP/k.json" '"shown":1'
xkey "$w" ctrl+alt+o
xwait "$TMP/k.json" '"shown":0'
xkey "$w" ctrl+alt+q
wait $pid
echo $? >"$TMP/k.rc"
DRIVE
xdrive "$TMP/drive.sh"
rc=$?
if [ "$rc" -eq 77 ]; then
	fail "staff chords" "xvfb-run or xdotool is missing; run scripts/install-deps"
	exit 0
fi
expect "staff chords: the exit chord ends the kiosk with status 0" \
	[ "$(cat "$TMP/k.rc" 2>/dev/null)" = 0 ]
expect "staff chords: the overlay was shown, then hidden" \
	[ "$(jq -r 'select(.event == "operator") | .shown' "$TMP/k.json" |
		tr '\n' ' ')" = "1 0 " ]
expect "staff chords: the exit is the staff's" \
	grep -q '"event":"admin_exit"' "$TMP/k.json"
expect "staff chords: the kiosk stayed on its attract screen" \
	[ "$(jq -r 'select(.event == "screen") | .name' "$TMP/k.json" |
		tr '\n' ' ')" = "attract " ]
expect "staff chords: no key of theirs reached the kiosk" \
	eval '! grep -q "\"event\":\"input\"" "$TMP/k.json"'
