#!/bin/sh
# Staff copy bundles into a running kiosk's folder one after the other
# (cp, pv, a file manager), so the kiosk rescans while the next one is
# still half-written. That one is not damaged, it is being copied: the
# kiosk says so (no "damaged; copy it again" line in the journal, nor in
# the staff overlay's note), does not offer it while it is written, and
# takes it up once its writer closes it. A bundle copied over in place
# is taken out of the pickers as soon as the copy starts.
# The player runs at real time (VV_REAL_TIME); each step waits for its
# log, not for a time.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "library copying: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
cd "$TMP" || exit 1
mkdir lib
cp b/pack-small-1.0.0-nb-no-schooling.vvb lib/
ar=$(ls b/pack-small-1.0.0-ar-*.vvb | head -n 1)
ti=$(ls b/pack-small-1.0.0-ti-*.vvb | head -n 1)
size=$(stat -c %s "$ar")
half=$((size / 2))

vppid=""
trap '[ -n "$vppid" ] && kill $vppid 2>/dev/null; rm -rf "$TMP"' EXIT
printf '600 quit\n' >s.script
VV_REAL_TIME=1 "$VP" --headless --window 1024x600 --script s.script \
	--log-json p.json lib >p.out 2>&1 &
vppid=$!

wait_log '"event":"watch"' 1 ||
	{ fail "library copying: the player watches" "$(tail -n 3 p.out)"; exit 0; }

# The first half of ar written, the file still open (descriptor 3); a
# finished ti bundle arrives meanwhile, which makes the kiosk rescan.
exec 3>lib/ar.vvb
head -c "$half" "$ar" >&3
cp "$ti" lib/.ti.vvb.tmp
mv lib/.ti.vvb.tmp lib/ti.vvb
wait_log '"event":"library",.*"langs":"nb,ti"' 1 ||
	{ fail "library copying: the rescan with ar half-written" "$(tail -n 3 p.json)"; exit 0; }
skipped() {
	jq -r 'select(.event == "bundle_skipped" and
		      (.path | endswith("/ar.vvb"))) | .message' p.json
}
expect "library copying: the half-written bundle is noted as being copied" \
	eval 'skipped | grep -q "ar.vvb: still being copied"'
expect "library copying: no line calls it damaged (stderr, log)" \
	eval '! grep -q "ar.vvb" p.out && ! skipped | grep -q damaged'

# The rest, the file still open: whole as far as the kiosk can read it,
# but a copier may write out of order or not be done, so it is not
# offered before its writer closes it (ti taken out makes a rescan).
tail -c +$((half + 1)) "$ar" >&3
rm lib/ti.vvb
wait_log '"event":"library",.*"langs":"nb"' 1 ||
	{ fail "library copying: the rescan with ar written, not closed" "$(tail -n 3 p.json)"; exit 0; }
expect "library copying: a bundle not yet closed by its writer is not offered" \
	eval '[ "$(skipped | grep -c "ar.vvb: still being copied")" -eq 2 ]'

# The writer closes it: the next rescan offers ar.
exec 3>&-
wait_log '"event":"library",.*"langs":"nb,ar"' 1 ||
	fail "library copying: ar is offered once complete" "$(tail -n 3 p.json)"
expect "library copying: ar is offered once complete" \
	grep -q '"event":"library",.*"skipped":0,.*"langs":"nb,ar"' p.json

# A newer copy of ar written over it in place (cp truncates the file and
# writes it anew): from the first write on, the old entry's bytes are
# going, so the kiosk takes ar out at once, not at the copy's end, and
# offers it again after the close.
exec 4>lib/ar.vvb
head -c "$half" "$ar" >&4
wait_log '"event":"library",.*"langs":"nb"' 2 ||
	fail "library copying: a bundle copied over in place is taken out while written" "$(tail -n 3 p.json)"
expect "library copying: a bundle copied over in place is taken out while written" \
	eval '[ "$(skipped | grep -c "ar.vvb: still being copied")" -eq 3 ]'
tail -c +$((half + 1)) "$ar" >&4
exec 4>&-
wait_log '"event":"library",.*"langs":"nb,ar"' 2 ||
	fail "library copying: and offered again once written" "$(tail -n 3 p.json)"

kill $vppid
wait $vppid
vprc=$?
vppid=""
expect "library copying: the player ends cleanly on SIGTERM" \
	test "$vprc" -eq 0
