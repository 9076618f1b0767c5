#!/bin/sh
# The kiosk's library is on a network share (NFS, SMB) that stops
# answering: stat() of its folder blocks until the share answers again.
# The look every 2 s whether the folder is still the one watched runs on
# a thread of its own, so the screen goes on being drawn meanwhile; the
# log says the look is waiting, and once the share answers the kiosk goes
# on as before. The hang is a preloaded stat() (tests/tools/stat_hang.c)
# that blocks on the library's path until this script releases it. The
# player runs at real time (VV_REAL_TIME); each step waits for the
# player's log or the hang's files, not for a time.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/hang_fixture.inc"

hang_setup "hung share" pack-small-1.0.0-nb-no-schooling
# A screenshot every half second: each is a frame drawn.
awk 'BEGIN { for (t = 1; t <= 12; t += 0.5)
		printf "%.1f screenshot s%d\n", t, t * 10
	     print "12.5 quit" }' >s.script
hang_player --window 480x270 --script s.script --screenshot-dir shots \
	--log-json p.json

wait_log '"event":"watch"' 1 ||
	{ fail "hung share: the player watches" "$(tail -n 3 p.out)"; exit 0; }
# The share stops answering; wait for the look to block in stat().
touch hang/hang
i=0
until [ -s hang/blocked ]; do
	i=$((i + 1))
	if [ $i -gt 600 ] || ! kill -0 $vppid 2>/dev/null; then
		fail "hung share: a stat() of the library blocks" "it never did"
		exit 0
	fi
	sleep 0.1
done
n=$(grep -c '"event":"screenshot"' p.json)
expect "hung share: the screen is drawn while the library's stat() blocks" \
	wait_log '"event":"screenshot"' $((n + 1))
expect "hung share: the blocked stat() is not on the main thread" \
	grep -qx "thread stat" hang/blocked
expect "hung share: the log says the look is waiting" \
	wait_log '"event":"watch_check_waiting"' 1
# The share answers again.
touch hang/release
wait $vppid
vprc=$?
vppid=""
expect "hung share: the player goes on and exits 0" test "$vprc" -eq 0
expect "hung share: every screenshot was taken" \
	test "$(grep -c '"event":"screenshot"' p.json)" -eq 23
expect "hung share: the folder was never taken for lost" \
	eval '! grep -q "\"event\":\"watch_lost\"" p.json'
