#!/bin/sh
# A facilitator's clicker, pressed fast: every press counts against the
# slide the room is on when it comes, even when the slide it left had
# text pages and the new one is not drawn yet (Back then Next in one
# frame stayed on the slide before, the Next taken as "page 2" of the
# slide just left). And "0 Enter" is a slide number out of range, refused
# on the console; it moved the room to the next slide, as a plain Enter.
# Scripted (two keys at the same moment) and in a real window under Xvfb
# with xdotool.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/group_fixture.inc"

# Slide six (item 5) has text on more than one page.
if ! make_group_bundles "$TMP" longer; then
	fail "group clicker: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi

# last_item LOG: the index of the last item the room showed.
last_item() {
	jq -r 'select(.event == "item") | .index' "$1" 2>/dev/null | tail -n 1
}

# refused LOG: true when an Enter was refused as a number out of range.
refused() {
	jq -e -s 'map(select(.event == "group_key" and .key == "Return" and
		.bad_number == 1)) | length == 1' "$1" >/dev/null 2>&1
}

printf '%s\n' '0.1 key End' '0.3 key Left' '0.3 key Right' \
	'0.5 screenshot fast' '0.6 key Home' '0.7 key 0' '0.8 key Return' \
	'1.0 screenshot zero' '1.1 quit' >"$TMP/s.script"
"$VP" --headless --group --lang nb --level lower-secondary \
	--participants 2 --session-dir "$TMP/s" --script "$TMP/s.script" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/s.json" \
	"$TMP/bundles" >"$TMP/s.out" 2>&1
at_fast=$(jq -r 'select(.event == "screenshot" and
	(.path | endswith("fast.png"))) | .item' "$TMP/s.json")
at_zero=$(jq -r 'select(.event == "screenshot" and
	(.path | endswith("zero.png"))) | .item' "$TMP/s.json")
expect "group clicker: Back and Next at once from a paged slide come back to it" \
	test "$at_fast" = 5
expect "group clicker: 0 Enter leaves the room on its slide" \
	test "$at_zero" = 0
expect "group clicker: 0 Enter is refused as out of range" \
	refused "$TMP/s.json"

# The same with a clicker's keys in a real window: End, then Back and
# Next as fast as xdotool sends them; then Home, 0 and Enter.
cat >"$TMP/drive.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
"$VP" --group --console single --window 800x450 --lang nb \
	--level lower-secondary --participants 3 --session-dir "$TMP/sx" \
	--exit-after 30 --log-json "$TMP/x.json" "$TMP/bundles" \
	>"$TMP/x.out" 2>&1 &
pid=$!
w=$(xwin)
xwait "$TMP/x.json" '"event":"group_start"'
xkey "$w" End
xwait "$TMP/x.json" '"index":5,'
xdotool key --delay 0 Prior Next
sleep 1
jq -r 'select(.event == "item") | .index' "$TMP/x.json" | tail -n 1 \
	>"$TMP/x.fast"
xdotool key Home
sleep 1
xdotool key 0 Return
sleep 1
jq -r 'select(.event == "item") | .index' "$TMP/x.json" | tail -n 1 \
	>"$TMP/x.zero"
kill -TERM $pid
wait $pid
DRIVE
xdrive "$TMP/drive.sh"
rc=$?
if [ "$rc" -eq 77 ]; then
	fail "group clicker: xvfb" "xvfb-run or xdotool is missing; run scripts/install-deps"
else
	expect "group clicker: xvfb: PageUp PageDown fast from a paged slide come back to it" \
		test "$(cat "$TMP/x.fast" 2>/dev/null)" = 5
	expect "group clicker: xvfb: 0 Enter leaves the room on its slide" \
		test "$(cat "$TMP/x.zero" 2>/dev/null)" = 0
	expect "group clicker: xvfb: 0 Enter is refused" refused "$TMP/x.json"
fi
