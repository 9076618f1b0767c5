#!/bin/sh
# The presenter console's slide overview: Tab shows a grid of the slides
# on the console, arrows and PageDown move the highlight, Enter jumps
# there, Tab and Esc close it. The room never sees the grid: its
# screenshot while the grid is open is the same picture as before Tab.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP"; then
	fail "group overview: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
# play NAME: runs the script $TMP/NAME.script; screenshots go to
# $TMP/NAME, the log to $TMP/NAME.json.
play() {
	"$VP" --headless --group --lang nb --level lower-secondary \
		--participants 2 --script "$TMP/$1.script" \
		--screenshot-dir "$TMP/$1" --log-json "$TMP/$1.json" \
		--session-dir "$TMP/sess" "$TMP/bundles" >"$TMP/$1.out" 2>&1
}
cat >"$TMP/shots.script" <<'SCRIPT'
2 key PageDown
3 screenshot before
4 key Tab
5 screenshot open
5.2 key Right
5.4 key Down
5.6 key PageDown
6 screenshot moved
7 key Return
8 screenshot jumped
9 key Tab
9.5 key Left
10 key Escape
11 screenshot closed
12 quit
SCRIPT
play shots
at() {
	jq -r --arg shot "/$1-console.png" --arg f "$2" \
		'select(.event == "console_screenshot" and
			(tostring | contains($shot))) | .[$f] | values' \
		"$TMP/shots.json"
}
check() {
	if [ "$(at "$1" "$2")" = "$3" ]; then
		pass "group overview: $4"
	else
		fail "group overview: $4" "$2 at $1 is '$(at "$1" "$2")', want '$3'"
	fi
}
check before overview 0 "the console starts without the overview"
check open overview 1 "Tab opens the overview"
check open overview_sel 1 "with the current slide (2) highlighted"
check open item 1 "opening it does not move the room"
# six slides, three columns: Right 1->2, Down 2->5, PageDown 5->6 (last)
check moved overview_sel 5 "Right, Down and PageDown move the highlight"
check moved item 1 "moving the highlight does not move the room"
check jumped item 5 "Enter jumps to the highlighted slide"
check jumped overview 0 "and closes the overview"
check closed overview 0 "Esc closes the overview"
check closed item 5 "without moving the room (Left moved only the highlight)"
n=$(jq -r 'select(.event == "overview" and .state == "jump") | .sel' \
	"$TMP/shots.json")
if [ "$n" = 5 ]; then
	pass "group overview: the log shows the jump to slide 6"
else
	fail "group overview: jump log" "sel '$n'"
fi
# The room's picture with the grid open is the one before Tab.
if [ -f "$TMP/shots/before.png" ] &&
   cmp -s "$TMP/shots/before.png" "$TMP/shots/open.png"; then
	pass "group overview: the room never sees the overview"
else
	fail "group overview: room" "before.png and open.png differ"
fi
if [ -f "$TMP/shots/open-console.png" ] &&
   ! cmp -s "$TMP/shots/before-console.png" "$TMP/shots/open-console.png"
then
	pass "group overview: the console draws the grid"
else
	fail "group overview: console" "console picture unchanged by Tab"
fi

# While the overview is open the room keeps its slide, and the keys that
# act on the room still do: the clicker's blank key (b or .) blanks it
# (it was swallowed, and a room that should go black during a question
# stayed on the slide), and again shows it, the grid staying open.
cat >"$TMP/b.script" <<'SCRIPT'
1 key Tab
2 key .
3 screenshot black
4 key b
5 screenshot shown
6 quit
SCRIPT
play b
blank_at() {
	jq -r --arg shot "/$1-console.png" \
		'select(.event == "console_screenshot" and
			(tostring | contains($shot))) |
		"\(.blank) \(.overview)"' "$TMP/b.json"
}
expect "group overview: . blanks the room while the overview is open" \
	[ "$(blank_at black)" = "black 1" ]
expect "group overview: b shows the slide again, the overview still open" \
	[ "$(blank_at shown)" = "none 1" ]
