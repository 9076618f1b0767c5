#!/bin/sh
# The kiosk's library is a folder on a USB stick. Pulled out, the stick's
# mount point is emptied and the path is gone, yet the folder's watch
# gets no event (the desktop unmounts a vanished device lazily, and the
# kiosk holds its bundles open); put back, or another stick put in, the
# path leads to a new folder the kiosk never watched. The kiosk must
# notice both: it drops the bundles it can no longer read and takes up
# the new stick's. Here the stick is the folder usb/ (moved away: no
# event reaches usb/lib's watch). Real time (VV_REAL_TIME); each step
# waits for the player's log.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "library usb: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
cd "$TMP" || exit 1
mkdir -p usb/lib
cp b/pack-small-1.0.0-nb-no-schooling.vvb usb/lib/

vppid=""
trap '[ -n "$vppid" ] && kill $vppid 2>/dev/null; rm -rf "$TMP"' EXIT
printf '600 quit\n' >s.script
VV_REAL_TIME=1 "$VP" --headless --window 1024x600 --script s.script \
	--log-json p.json usb/lib >p.out 2>&1 &
vppid=$!

wait_log '"event":"watch"' 1 ||
	{ fail "library usb: the player watches" "$(tail -n 3 p.out)"; exit 0; }

# The stick pulled out.
mv usb usb.old
wait_log '"event":"library",.*"bundles":0,.*"reload":1' 1 ||
	fail "library usb: a stick pulled out is noticed" "$(tail -n 3 p.json)"
expect "library usb: a stick pulled out is noticed (its bundles dropped, the path noted)" \
	eval 'jq -e -s "map(select(.event == \"bundle_skipped\" and
		.path == \"usb/lib\")) | length > 0" p.json >/dev/null'

# Another stick put in, with Arabic on it.
mkdir -p usb/lib
cp b/pack-small-1.0.0-ar-no-schooling.vvb usb/lib/
wait_log '"event":"library",.*"langs":"ar"' 1 ||
	fail "library usb: the new stick's bundles are offered" "$(tail -n 3 p.json)"
expect "library usb: the new stick's bundles are offered" \
	grep -q '"event":"library",.*"skipped":0,.*"langs":"ar"' p.json

kill $vppid
wait $vppid
vprc=$?
vppid=""
expect "library usb: the player ends cleanly on SIGTERM" test "$vprc" -eq 0

# The kiosk started without its stick (put in later): the staff's screen
# says the bundles will show by themselves, and they do.
rm -rf usb usb.old p.json
printf '0.5 screenshot nothing\n600 quit\n' >s.script
VV_REAL_TIME=1 "$VP" --headless --window 1024x600 --script s.script \
	--console-lang en --screenshot-dir shots --log-json p.json usb/lib \
	>p.out 2>&1 &
vppid=$!
wait_log '"event":"screenshot"' 1 ||
	{ fail "library usb: start without the stick" "$(tail -n 3 p.out)"; exit 0; }
nothing_says() {
	awk '/"event":"screenshot"/ { n++; next }
	     n == 1 && /"event":"box","kind":"text"/' p.json |
		jq -r .text | grep -q "^$1"
}
expect "library usb: without the stick, the screen says bundles will show by themselves" \
	nothing_says "Bundles (.vvb files) made with veiviser-build"
mkdir -p usb/lib
cp b/pack-small-1.0.0-ti-no-schooling.vvb usb/lib/
wait_log '"event":"library",.*"langs":"ti"' 1 ||
	fail "library usb: a stick put in after the start is taken up" "$(tail -n 3 p.json)"
expect "library usb: a stick put in after the start is taken up" \
	grep -q '"event":"library",.*"skipped":0,.*"langs":"ti"' p.json
kill $vppid
wait $vppid
vppid=""
