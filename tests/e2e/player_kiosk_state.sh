#!/bin/sh
# Every item starts in a defined state, and nothing of one visit carries
# over to the next. On the sample pack (career-guidance, English,
# no-schooling), tapped as a participant would at 960x540: pause on the
# first slide, then next, next: the film plays (it stayed black and
# paused, with the pause button saying "playing"). A film paused before
# Home, or before an idle reset, plays again for the next participant.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! "$VB" build "$TOP/content/career-guidance" -o "$TMP/b" --lang nb,en \
	>"$TMP/build.out" 2>&1; then
	fail "player kiosk state: build" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# 960x540: English is the second language button (y 190-270); no
# schooling the first level (x 90-340, y 120-370); the bar's pause at
# (519, 492), next at (599, 492), home at (62, 492). Idle question 5 s
# after the media stops, reset 15 s later.
cat >"$TMP/s.script" <<'SCRIPT'
0.5 tap 480 270
1.0 tap 480 230
1.5 tap 215 245
2.0 tap 519 492
2.5 tap 599 492
3.0 tap 599 492
5.0 screenshot film-after-pause
5.5 tap 519 492
6.0 tap 62 492
6.5 tap 480 230
7.0 tap 215 245
7.5 tap 599 492
8.0 tap 599 492
10.0 screenshot film-after-home
10.5 tap 519 492
31.0 tap 480 270
31.5 tap 480 230
32.0 tap 215 245
32.5 tap 599 492
33.0 tap 599 492
35.0 screenshot film-after-reset
35.5 quit
SCRIPT
log=$TMP/log.json
"$VP" --headless --window 960x540 --idle-timeout 5 --script "$TMP/s.script" \
	--screenshot-dir "$TMP/shots" --log-json "$log" "$TMP/b" \
	2>"$TMP/err"

# frames FROM TO: film pictures presented between the two times.
frames() {
	jq -r 'select(.event == "frame" and .item == "film") | .t' "$log" |
		awk -v a="$1" -v b="$2" '$1 >= a && $1 < b { n++ } END { print n + 0 }'
}
pauses() {
	jq -r 'select(.event == "video_pause" and .item == "film") | .t' \
		"$log" | tr '\n' ' '
}
n=$(frames 3.0 5.0)
if [ "$n" -ge 20 ]; then
	pass "player kiosk state: pause on slide 1, next, next: the film plays ($n frames in 2 s)"
else
	fail "player kiosk state: film after a pause" "$n frames in 2 s; video_pause at $(pauses)"
fi
shot=$(grep '"event":"screenshot"' "$log" | grep film-after-pause)
if [ "$(jfield "$shot" paused)" = 0 ]; then
	pass "player kiosk state: the new item is not paused"
else
	fail "player kiosk state: paused state" "$shot"
fi
n=$(frames 8.0 10.0)
if [ "$n" -ge 20 ]; then
	pass "player kiosk state: a film paused before Home plays for the next one ($n frames)"
else
	fail "player kiosk state: film after Home" "$n frames in 2 s; video_pause at $(pauses)"
fi
n=$(frames 33.0 35.0)
if grep -q '"event":"reset"' "$log" && [ "$n" -ge 20 ]; then
	pass "player kiosk state: a film paused before an idle reset plays for the next one ($n frames)"
else
	fail "player kiosk state: film after reset" "$n frames in 2 s; video_pause at $(pauses)"
fi
p=$(pauses)
if [ "$p" = "5.5000 10.5000 " ] || [ "$p" = "5.4667 10.4667 " ]; then
	pass "player kiosk state: the film paused only when tapped ($p)"
else
	fail "player kiosk state: pauses" "video_pause at '$p'"
fi
