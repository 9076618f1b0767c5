#!/bin/sh
# Soak (make check-long): 300 participants in a row, each going through
# the pickers, the slides and the video, some left idle until the reset.
# A kiosk runs for weeks, so memory must stay flat: the peak RSS after the
# last participant may not exceed the peak after the 30th by more than
# 4 MB.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player soak: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# Each cycle takes 20 s of virtual time. Coordinates as in player_flow.
awk 'BEGIN {
	for (i = 0; i < 300; i++) {
		t = i * 20
		lang = (i % 3 == 0) ? 140 : (i % 3 == 1) ? 230 : 320
		printf "%.1f tap 480 270\n", t + 0.5
		printf "%.1f tap 480 %d\n", t + 1.0, lang
		printf "%.1f tap %d 250\n", t + 1.5, (i % 2) ? 347 : 612
		printf "%.1f key Right\n", t + 2.5
		printf "%.1f key Right\n", t + 3.0
		if (i % 4 == 0)
			continue  # left alone: the idle reset ends the visit
		printf "%.1f key Left\n", t + 6.0
		printf "%.1f key Home\n", t + 7.0
		printf "%.1f key Escape\n", t + 7.5
	}
	printf "%.1f quit\n", 300 * 20 }' >"$TMP/soak.script"
"$VP" --headless --window 960x540 --idle-timeout 4 --script "$TMP/soak.script" \
	--log-json "$TMP/soak.json" "$TMP/b" 2>"$TMP/err"
rc=$?
expect "player soak: 300 visits without a crash" [ "$rc" -eq 0 ]
# The resident size at the last frame event of the first 600 s, and at exit.
early=$(jq -r 'select(.event == "frame" and .t <= 600) | .rss_kb // empty' \
	"$TMP/soak.json" | tail -n 1)
late=$(jq -r 'select(.event == "exit") | .rss_kb // empty' "$TMP/soak.json")
resets=$(jq -s '[.[] | select(.event == "reset")] | length' "$TMP/soak.json")
if [ -n "$early" ] && [ -n "$late" ] && [ $((late - early)) -le 4096 ]; then
	pass "player soak: memory flat (${early} kB after 30 visits, ${late} kB after 300; $resets resets)"
else
	fail "player soak: memory grows" "${early} kB after 30 visits, ${late} kB after 300"
fi
