#!/bin/sh
# A kiosk starts while the network share (NFS, SMB) of its library does
# not answer: it booted before the file server, or the share stopped.
# Every call on the folder blocks (a preloaded shim,
# tests/tools/stat_hang.c). The kiosk must not hang before its first
# frame, where staff see nothing and the service's watchdog restarts it
# again and again: the scan waits on a thread, the screen says that the
# kiosk waits for its library (not that there is nothing to play), and
# the log says so. Once the share answers, the bundles are offered and
# the attract screen comes. The player runs at real time
# (VV_REAL_TIME); each step waits for the player's log or the shim's
# files.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/hang_fixture.inc"

hang_setup "hung start" pack-small-1.0.0-nb-no-schooling \
	pack-small-1.0.0-ar-no-schooling
# A screenshot every half second of the player's clock, which starts
# before the wait for the library (a few seconds); it quits at 40 s.
awk 'BEGIN { for (t = 4; t <= 39; t += 0.5)
		printf "%.1f screenshot s%d\n", t, t * 10
	     print "40.0 quit" }' >s.script
touch hang/hang
hang_player --window 640x360 --script s.script --console-lang en \
	--screenshot-dir shots --log-json p.json
# last_shot: the name of the newest screenshot in the log.
last_shot() {
	grep '"event":"screenshot"' p.json | tail -n 1 |
		sed 's/.*"path":"[^"]*\/\(s[0-9]*\)\.png".*/\1/'
}

expect "hung start: the screen is drawn while the library's share hangs" \
	wait_log '"event":"screenshot"' 3
expect "hung start: calls blocked, none on the main thread" off_main
expect "hung start: the log says the library folder is not answering" \
	grep -q '"event":"library_waiting"' p.json
shot=$(last_shot)
expect "hung start: the screen says the kiosk waits for its library" \
	eval 'shot_texts "$shot" | grep -q "^Waiting for the library"'
expect "hung start: ... and that the folder does not answer" \
	eval 'shot_texts "$shot" | grep -q "not answering"'
expect "hung start: not that there is nothing to play" \
	eval '! shot_texts "$shot" | grep -q "Nothing to play\|No usable bundle"'
expect "hung start: one line says the kiosk waits for its library" \
	eval 'grep -q "lib: the library folder is not answering" p.out &&
	      ! grep -q "no usable bundle" p.out'
expect "hung start: still waiting, nothing offered" \
	eval '! grep -q "\"reload\":1" p.json'

touch hang/release
expect "hung start: the bundles are offered once the share answers" \
	wait_log '"langs":"[^"]*nb[^"]*","reload":1' 1
expect "hung start: the log says the folder answers again" \
	grep -q '"event":"library_answering"' p.json
expect "hung start: the attract screen comes" \
	wait_log '"event":"screenshot".*"screen":"attract"' 1

hang_wait_exit "hung start: the player ends its script" 90
expect "hung start: the player exits 0" test "$vprc" -eq 0
expect "hung start: no sanitizer report" \
	eval '! grep -q "Sanitizer" p.out'

# The share never answers: the kiosk still quits when told, although
# its first scan's calls never return.
rm -f hang/release hang/blocked
printf '5.0 quit\n' >q.script
mv p.out p1.out
hang_player --window 640x360 --script q.script --log-json q.json
hang_wait_exit "hung start: the kiosk quits while the share never answered" 30
expect "hung start: the kiosk quits while the share never answered" \
	test "$vprc" -eq 0 -a -s hang/blocked -a ! -e hang/release
expect "hung start: ... with no bundle offered" \
	eval '! grep -q "\"reload\":1" q.json'
expect "hung start: ... and no sanitizer report" \
	eval '! grep -q "Sanitizer" p.out'

# A group screen waits for its library (the facilitator is at the
# terminal and the session needs the bundles), but says on one line
# that the folder is not answering rather than hang silently; once the
# share answers, the session starts.
rm -f hang/release hang/blocked p.out
printf '1.0 key Right\n2.0 quit\n' >g.script
hang_player --group --lang nb --level no-schooling --participants 1 \
	--script g.script --log-json g.json --session-dir sessions
i=0
until grep -q "not answering" p.out 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 300 ] || ! kill -0 $vppid 2>/dev/null; then
		break
	fi
	sleep 0.1
done
expect "hung start: a group screen says it waits for the library" \
	eval 'grep -q "^lib: the library folder is not answering; waiting" p.out &&
	      off_main'
touch hang/release
hang_wait_exit "hung start: the group session runs once the share answers" 90
expect "hung start: the group session ran, on the bundles" \
	eval 'test "$vprc" -eq 0 &&
	      grep -q "\"event\":\"item\".*pack-small-1.0.0-nb" g.json'
expect "hung start: ... with no sanitizer report" \
	eval '! grep -q "Sanitizer" p.out'
