#!/bin/sh
# The kiosk's library is on a network share (NFS, SMB) that stops
# answering while the kiosk shows its attract screen: every stat(),
# lstat(), opendir(), open() and inotify_add_watch() of the folder or a
# file in it blocks until the share answers again (a preloaded shim,
# tests/tools/stat_hang.c). A bundle that arrived just before makes the
# kiosk rescan, and the rescan waits; the screen goes on, a tap and keys
# still work, a language of the bundles already open plays, and the log
# and the staff overlay say the folder is not answering. Once it answers
# the rescan ends and the new language is offered at the next attract
# screen. Then the folder is replaced while the share hangs again, so
# that the watch is set up anew on a folder that does not answer; the
# screen goes on, and the kiosk quits when told although those calls
# never return. The player runs at real time (VV_REAL_TIME); each step
# waits for the player's log or the shim's files, and the checks read the
# log's order.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/hang_fixture.inc"

hang_setup "hung rescan" pack-small-1.0.0-nb-no-schooling \
	pack-small-1.0.0-ar-no-schooling
# A screenshot every half second: each is a frame drawn. The staff
# overlay (in English) at 8 s; at 10 s a tap leaves the attract screen,
# then keys pick the first language and level; Home twice at 20 s, back
# to attract.
awk 'BEGIN { for (t = 1; t <= 44; t += 0.5)
		printf "%.1f screenshot s%d\n", t, t * 10
	     print "8.0 key ctrl+alt+o"
	     print "8.2 screenshot overlay"
	     print "9.0 key ctrl+alt+o"
	     print "10.0 tap 240 135"
	     print "11.0 key 1"
	     print "11.5 key 1"
	     print "20.0 key Home"
	     print "20.5 key Home"
	     print "45.0 quit" }' >s.script
hang_player --window 480x270 --script s.script --console-lang en \
	--screenshot-dir shots --log-json p.json

# line_of PATTERN: the line number in p.json of the first line with
# PATTERN, or 999999.
line_of() {
	grep -n "$1" p.json | head -n 1 | cut -d: -f1 | grep . || echo 999999
}
# before A B: the first line with A comes before the first with B.
before() {
	test "$(line_of "$1")" -lt "$(line_of "$2")"
}

wait_log '"event":"watch"' 1 ||
	{ fail "hung rescan: the player watches" "$(tail -n 3 p.out)"; exit 0; }
# The share stops answering, just after a new language arrived.
touch hang/hang
cp b/pack-small-1.0.0-ti-no-schooling.vvb lib/.ti.part
mv lib/.ti.part lib/pack-small-1.0.0-ti-no-schooling.vvb
wait_log '"event":"library_changed"' 1 ||
	{ fail "hung rescan: the new bundle is seen" "$(tail -n 3 p.out)"
	  exit 0; }

# While the share hangs: the tap, the keys and the slide they lead to.
expect "hung rescan: a language plays while the rescan waits" \
	wait_log '"event":"item"' 1
expect "hung rescan: calls blocked, none on the main thread" off_main
expect "hung rescan: the log says the library folder is not answering" \
	grep -q '"event":"library_waiting"' p.json
expect "hung rescan: it said so before the staff overlay was shown" \
	before '"event":"library_waiting"' 'shots/overlay.png'
expect "hung rescan: the tap on the attract screen is taken" \
	before '"event":"library_waiting"' '"source":"tap"'
expect "hung rescan: the slide is of a bundle already open" \
	grep -q '"event":"item".*"bundle":"lib/pack-small-1.0.0-nb' p.json
expect "hung rescan: the staff overlay says the folder is not answering" \
	eval 'shot_texts overlay | grep -q "not answering"'
expect "hung rescan: no new language while the share hangs" \
	eval '! grep -q "\"reload\":1" p.json'

# The share answers: the rescan ends, and its library is taken up at
# the attract screen, not under the participant.
touch hang/release
expect "hung rescan: the rescan ends once the share answers" \
	wait_log '"reload":1' 1
expect "hung rescan: the new language is offered" \
	grep -q '"langs":"[^"]*ti[^"]*","reload":1' p.json
expect "hung rescan: the new library waited for the attract screen" \
	before '"input":"home"' '"reload":1'
expect "hung rescan: the log says the folder answers again" \
	grep -q '"event":"library_answering"' p.json

# The share hangs again, and the folder is replaced (a share mounted
# anew): the watch is set up again on a folder that does not answer.
rm -f hang/release hang/blocked
mv lib lib.old
mkdir lib
cp lib.old/*.vvb lib/
expect "hung rescan: the replaced folder is seen" \
	wait_log '"event":"watch_lost"' 1
i=0
until [ -s hang/blocked ] && grep -q '"event":"watch_waiting"' p.json; do
	i=$((i + 1))
	if [ $i -gt 600 ] || ! kill -0 $vppid 2>/dev/null; then
		break
	fi
	sleep 0.1
done
expect "hung rescan: the watch's setup waits, and the log says so" \
	grep -q '"event":"watch_waiting"' p.json
n=$(grep -c '"event":"screenshot"' p.json)
expect "hung rescan: the screen is drawn while the watch's setup waits" \
	wait_log '"event":"screenshot"' $((n + 2))
expect "hung rescan: calls blocked, none on the main thread, again" \
	off_main

# The script quits while the calls still hang: the player must not wait
# for them.
hang_wait_exit "hung rescan: the player quits while the share hangs" 90
expect "hung rescan: the player exits 0" test "$vprc" -eq 0
expect "hung rescan: it quit with the share still hanging" \
	test ! -e hang/release
expect "hung rescan: every screenshot was taken" \
	test "$(grep -c '"event":"screenshot"' p.json)" -eq 88
expect "hung rescan: no sanitizer report" \
	eval '! grep -q "Sanitizer" p.out'
