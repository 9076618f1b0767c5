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
97.5 quit
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
a=$(at reset script_px)
b=$(at bigger script_px)
c=$(at smaller script_px)
if [ -n "$a" ] && [ "$b" -gt "$a" ] && [ "$c" -lt "$b" ]; then
	pass "group timer: + and - change the script's size ($a, $b, $c px)"
else
	fail "group timer: script size" "'$a' '$b' '$c'"
fi
