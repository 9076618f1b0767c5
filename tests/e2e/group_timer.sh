#!/bin/sh
# The presenter console's session timer: --planned MINUTES counts down;
# the countdown turns amber in the last tenth (at most two minutes) and
# red when the plan is over. t pauses and resumes the timer, z sets it
# back to zero; + and - change the script's size. Read from the
# console's log lines at each screenshot.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP"; then
	fail "group timer: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
# planned 1 minute: amber from 54 s, red from 60 s; paused for 30 s, so
# amber at 84 s and red at 90 s of the clock
cat >"$TMP/s.script" <<'SCRIPT'
10 screenshot normal
10.5 key t
40 screenshot paused
40.5 key t
87 screenshot amber
92 screenshot red
93 key z
94 screenshot reset
94.5 key =
94.6 key =
95 screenshot bigger
95.5 key -
96 screenshot smaller
96.2 key /
96.5 screenshot help
96.7 key /
97 screenshot nohelp
97.2 key /
97.4 key Escape
97.6 screenshot help-esc
97.8 key Escape
98 screenshot esc-after-help
98.2 key n
98.5 quit
SCRIPT
"$VP" --headless --group --lang nb --level lower-secondary --participants 2 \
	--planned 1 --script "$TMP/s.script" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log.json" --session-dir "$TMP/sess" "$TMP/bundles" \
	>"$TMP/out" 2>&1
# at TAG FIELD: a field of the console's log line at screenshot TAG
at() {
	jq -r --arg shot "/$1-console.png" --arg f "$2" \
		'select(.event == "console_screenshot" and
			(tostring | contains($shot))) | .[$f] | values' \
		"$TMP/log.json"
}
check() {
	if [ "$(at "$1" "$2")" = "$3" ]; then
		pass "group timer: $4"
	else
		fail "group timer: $4" "$2 at $1 is '$(at "$1" "$2")', want '$3'"
	fi
}
check normal countdown normal "ten seconds in, the countdown is plain"
check normal left 50 "ten seconds into a minute, 50 s are left"
check paused timer paused "t pauses the timer"
check paused left 49 "a paused timer stands still (paused at 10.5 s)"
check amber countdown amber "near the end the countdown turns amber"
check red countdown red "over the plan it turns red"
check reset left 59 "z sets the timer back to the whole plan (1 s ago)"
check reset countdown normal "and plain again"
check help help 1 "? (the / key) shows the key help"
check nohelp help 0 "and hides it again"
# Esc closes the help as it closes the overview: it was taken as leave,
# asked "end the session?" over the help (which stayed open behind it),
# and a second Esc to close the help that seemed stuck ended the session.
check help-esc help 0 "Esc closes the key help"
check help-esc phase running "without asking to end the session"
check esc-after-help phase confirm_exit "the next Esc asks to end the session"
a=$(at reset script_px)
b=$(at bigger script_px)
c=$(at smaller script_px)
if [ -n "$a" ] && [ "$b" -gt "$a" ] && [ "$c" -lt "$b" ]; then
	pass "group timer: + and - change the script's size ($a, $b, $c px)"
else
	fail "group timer: script size" "'$a' '$b' '$c'"
fi

# With --console single the countdown is on the room's band too (the
# facilitator has no other screen): the band's text boxes hold the time
# left, amber near the end and red over the plan, drawn in those colours.
cat >"$TMP/single.script" <<'SCRIPT'
10 screenshot s-normal
10.5 key t
40 screenshot s-paused
40.5 key t
87 screenshot s-amber
92 screenshot s-red
92.2 key /
92.4 key Escape
92.5 quit
SCRIPT
"$VP" --headless --group --console single --lang nb \
	--level lower-secondary --participants 2 --planned 1 \
	--script "$TMP/single.script" --screenshot-dir "$TMP/single" \
	--log-json "$TMP/single.json" --session-dir "$TMP/sess" \
	"$TMP/bundles" >"$TMP/single.out" 2>&1
# band TAG: the text boxes drawn at screenshot TAG (after its line, up
# to the next non-box line), one JSON object a line
band() {
	awk -v p="/$1.png" 'index($0, "\"event\":\"screenshot\"") &&
		index($0, p) { on = 1; next }
		/"event":"box"/ && on { print; next } { on = 0 }' \
		"$TMP/single.json"
}
# countdown_box TAG TEXT: the band (below 56 % of 1080) has a box with TEXT
countdown_box() {
	band "$1" | jq -s -e --arg t "$2" \
		'map(select(.kind == "text" and .text == $t and .y >= 604)) |
		 length > 0' >/dev/null
}
# countdown_rgb TAG RGB: pixels of colour RGB inside that box
countdown_rgb() {
	b=$(band "$1" | jq -c --arg t "$2" \
		'select(.kind == "text" and .text == $t)' | head -n 1)
	[ -n "$b" ] || { echo 0; return; }
	count_rgb "$TMP/single/$1.png" "$3" 40 \
		"$(printf '%s' "$b" | jq .x)" "$(printf '%s' "$b" | jq .y)" \
		"$(printf '%s' "$b" | jq .w)" "$(printf '%s' "$b" | jq .h)"
}
expect "group timer: single screen: the band shows the countdown (-0:50)" \
	countdown_box s-normal "-0:50"
expect "group timer: single screen: a paused countdown is marked (II -0:49)" \
	countdown_box s-paused "II -0:49"
expect "group timer: single screen: near the end it counts on (-0:03)" \
	countdown_box s-amber "-0:03"
expect "group timer: single screen: over the plan it counts up (+0:01)" \
	countdown_box s-red "+0:01"
amber=$(countdown_rgb s-amber "-0:03" f5c342)
red=$(countdown_rgb s-red "+0:01" e5484d)
expect "group timer: single screen: the countdown turns amber ($amber px)" [ "$amber" -gt 50 ]
expect "group timer: single screen: and red when over ($red px)" [ "$red" -gt 50 ]
# ? shows the key help on the one screen (group_key_help checks it): Esc
# after it hides it, and does not ask to end the session.
esc=$(jq -r 'select(.event == "group_key" and .key == "Escape") | .phase' \
	"$TMP/single.json")
expect "group timer: single screen: Esc after ? hides the keys ($esc)" \
	[ "$esc" = running ]

# In a right-to-left console (--console-lang ar) the band reads from the
# right: the countdown goes to the left end, clear of the times.
if "$VB" build "$TOP/content/career-guidance" -o "$TMP/cg" --lang nb,ar \
	--level upper-secondary >"$TMP/cg.out" 2>&1; then
	printf '10 screenshot s-rtl\n10.5 quit\n' >"$TMP/rtl.script"
	"$VP" --headless --group --console single --console-lang ar \
		--lang nb --level upper-secondary --participants 2 --planned 1 \
		--script "$TMP/rtl.script" --screenshot-dir "$TMP/single" \
		--log-json "$TMP/single.json" --session-dir "$TMP/sess" \
		"$TMP/cg" >"$TMP/rtl.out" 2>&1
	# countdown_left: the countdown box ends left of the times' box
	countdown_left() {
		band s-rtl | jq -s -e 'map(select(.kind == "text" and
			.y >= 604 and .y < 660)) as $b |
			($b | map(select(.text == "-0:50")) | .[0]) as $c |
			($b | map(select(.text | test("/ ?10|10 ?/"))) | .[0]) as $t |
			$c != null and $t != null and $c.x + $c.w < $t.x' \
			>/dev/null
	}
	expect "group timer: single screen, ar console: the countdown is at the left end" \
		countdown_left
else
	fail "group timer: career-guidance builds" "$(tail -n 3 "$TMP/cg.out")"
fi
