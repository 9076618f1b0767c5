#!/bin/sh
# A running kiosk follows its bundle folder (inotify) without disturbing a
# participant: while one is mid-pack (paused on a slide), a new language is
# moved into the folder, another removed and an unsigned bundle dropped
# in; the session goes on untouched, and at the next attract screen the
# rescan puts the new language in the picker, takes the removed one out
# and skips the unsigned one. Then a real veiviser-sync run installs a
# bundle into the folder mid-session the same way, and the staff overlay
# shows the status it wrote. Last, the folder itself is replaced (a USB
# stick swapped): the player watches the new one. The player runs at real time (VV_REAL_TIME)
# so that this script can act while it plays; each step waits for the
# player's log, and the log's order is what the checks read.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

VS="$TOP/$BUILD/veiviser-sync"
case "$BUILD" in /*) VS="$BUILD/veiviser-sync" ;; esac

cd "$TMP" || exit 1
cp -r "$TOP/tests/data/pack-small" pack && sh pack/make-media pack &&
"$VB" keygen --unencrypted -s k.key -p k.pub >/dev/null 2>&1 &&
"$VB" build pack -o signed --sign k.key >build.out 2>&1 &&
"$VB" build pack -o unsigned --lang ar >>build.out 2>&1 ||
	{ fail "library watch: fixture" "$(tail -n 3 build.out)"; exit 0; }
mkdir trust lib www
cp k.pub trust/
cp signed/*-nb-*.vvb signed/*-ar-*.vvb lib/
"$VB" publish signed/*.vvb -o www/site --key k.key >/dev/null 2>&1 ||
	{ fail "library watch: fixture" "publish failed"; exit 0; }

srvpid=""
vppid=""
trap '[ -n "$srvpid" ] && kill $srvpid 2>/dev/null
      [ -n "$vppid" ] && kill $vppid 2>/dev/null; rm -rf "$TMP"' EXIT

# The participant: nb, first level, second slide, paused there; after
# 12 s Home (the language picker) and Home again (the attract screen),
# then the language picker. Twice. The staff overlay last.
cat >s.script <<'SCRIPT'
0.5 key Space
1.0 key 1
1.5 key 1
2.0 key Right
2.5 key P
3.0 screenshot mid-before
12.0 screenshot mid-after
12.5 key Home
13.0 key Home
14.0 key Space
14.5 screenshot picker1
15.0 key 1
15.5 key 1
16.0 key Right
16.5 key P
26.0 screenshot mid2-after
26.5 key Home
27.0 key Home
28.0 key Space
28.5 screenshot picker2
29.0 key Home
30.0 key ctrl+alt+o
30.5 screenshot overlay
31.0 key ctrl+alt+o
40.0 key Space
40.5 screenshot picker3
41.0 quit
SCRIPT
VV_REAL_TIME=1 "$VP" --headless --window 960x540 --script s.script \
	--trust trust --screenshot-dir shots --log-json p.json lib \
	>p.out 2>&1 &
vppid=$!

pausedmark='"event":"input","source":"key","input":"pause"'

# Phase 1, by hand: the participant is paused mid-pack.
wait_log "$pausedmark" 1 || { fail "library watch: session" "no pause in $(tail -n 3 p.json)"; exit 0; }
mv signed/*-ti-no-schooling.vvb lib/
rm lib/*-ar-*.vvb
cp unsigned/*-ar-no-schooling.vvb lib/unsigned-ar.vvb.tmp
mv lib/unsigned-ar.vvb.tmp lib/unsigned-ar.vvb

# Phase 2, veiviser-sync: mid-session again; it installs the signed ar
# bundle (a temporary file, then a rename) and writes its status.
wait_log "$pausedmark" 2 || { fail "library watch: second session" "$(tail -n 3 p.json)"; exit 0; }
python3 "$TOP/tests/tools/faultserve.py" "$TMP/www" good port &
srvpid=$!
i=0
until [ -s port ] || [ $i -gt 100 ]; do i=$((i + 1)); sleep 0.1; done
"$VS" "http://127.0.0.1:$(cat port)/site" lib --trust trust --lang ar \
	--level no-schooling >sync.out 2>&1
syncrc=$?

# Phase 3, on the attract screen: the folder itself is replaced (moved
# away, a new one made with only Tigrinya in it, as when a USB stick is
# swapped); once the player watches the new folder, Norwegian is added.
wait_log '"event":"screenshot".*overlay' 1 ||
	{ fail "library watch: phase 3" "$(tail -n 3 p.json)"; exit 0; }
mv lib lib.old
mkdir lib
cp lib.old/*-ti-*.vvb lib/
wait_log '"event":"watch",.*"renewed":1' 1 ||
	{ fail "library watch: the new folder is not watched" "$(tail -n 3 p.json)"; exit 0; }
cp lib.old/*-nb-no-schooling.vvb lib/nb.vvb.tmp
mv lib/nb.vvb.tmp lib/nb.vvb
wait $vppid
vprc=$?
vppid=""

expect "library watch: the player and the sync run exit 0" \
	eval '[ $vprc -eq 0 ] && [ $syncrc -eq 0 ]'

# events: the log's event names (and screens) in order, one a line
events() {
	jq -r 'select(.event == "library_changed" or .event == "library" or
		      .event == "reset" or .event == "screenshot" or
		      (.event == "screen")) |
	       .event + " " + (.screen // .name // "") + " " +
	       ((.path // "") | sub(".*/"; "")) + " " + (.langs // "")' p.json
}
events >order.txt
# Phase 1: the change is seen during the session (on the sequence screen),
# no reset or screen change follows until the participant's Home, and
# the rescan comes after the attract screen.
phase1() {
	awk '
	/^library_changed sequence/ && !seen { seen = 1; next }
	seen && /^screenshot sequence  *mid-after/ { mid = 1; next }
	seen && !mid && (/^reset/ || /^screen /) { bad = 1 }
	mid && /^screen attract/ { home = 1; next }
	home && /^library  *nb,ti$/ { ok = 1; exit }
	END { exit !(ok && !bad) }' order.txt
}
expect "library watch: a change mid-pack waits for the attract screen, then nb and ti (not ar)" phase1
# The session was not disturbed: the same item, paused, before and after.
expect "library watch: the participant's slide is the same before and after the change" \
	same_paused_slide mid-before mid-after
shot_texts picker1 >picker1.txt
picker1_ok() {
	grep -qx 'Norsk bokmål' picker1.txt && grep -q 'ትግርኛ' picker1.txt &&
	! grep -q 'العربية' picker1.txt
}
expect "library watch: picker1 shows Norsk bokmål and Tigrinya, not Arabic" picker1_ok
expect "library watch: the unsigned bundle moved in is skipped with one line" \
	eval '[ "$(grep -c "unsigned-ar.vvb.*unsigned" p.out)" -ge 1 ] &&
	      grep "\"event\":\"bundle_skipped\"" p.json | grep -q unsigned-ar.vvb'

# Phase 2: the sync's rename is seen mid-session; after Home, ar is back.
phase2() {
	awk '
	/^library  *nb,ti$/ { p1 = 1; next }
	p1 && /^library_changed sequence/ { seen = 1; next }
	seen && /^screenshot sequence  *mid2-after/ { mid = 1; next }
	seen && !mid && (/^reset/ || /^screen /) { bad = 1 }
	mid && /^screen attract/ { home = 1; next }
	home && /^library  *nb,ar,ti$/ { ok = 1; exit }
	END { exit !(ok && !bad) }' order.txt
}
expect "library watch: a veiviser-sync install mid-pack shows at the next attract screen (nb, ar, ti)" phase2
shot_texts picker2 >picker2.txt
expect "library watch: picker2 shows Arabic again" grep -q 'العربية' picker2.txt
expect "library watch: the pickers differ on screen too" \
	eval '! "$IMGCMP" shots/picker1.png shots/picker2.png 0 0 >/dev/null'

# The staff overlay shows what the sync wrote (in nb, the staff's
# language): catalogue version 1 and the last success, no error.
overlay() {
	jq -s -e 'map(select(.event == "sync_status" and
		.catalogue_version == 1 and (.last_success | length) > 0 and
		.last_error == "")) | length > 0' p.json >/dev/null &&
	shot_texts overlay | grep -q '^Oppdateringer: katalogversjon 1'
}
expect "library watch: the staff overlay reads the sync status (version 1, in nb)" overlay
# After a successful run, what it downloaded, on its own line (the log
# keeps only the start of each text).
expect "library watch: the overlay says what the last (successful) run downloaded" \
	eval 'shot_texts overlay | grep -q "^[0-9.]* [kMG]*B lastet ned i siste kjøring"'

# Phase 3: the folder was replaced; the player watched the new one and
# saw the bundle added to it.
phase3() {
	awk '
	/^screenshot attract  *overlay/ { p3 = 1; next }
	p3 && /^library  *nb,ti$/ { ok = 1 }
	END { exit !ok }' order.txt &&
	shot_texts picker3 >picker3.txt &&
	grep -qx 'Norsk bokmål' picker3.txt && grep -q 'ትግርኛ' picker3.txt &&
	! grep -q 'العربية' picker3.txt
}
expect "library watch: a replaced folder is watched anew (a USB stick swapped)" phase3

# --sync-status names the file; a failed last run is shown in the staff's
# language (here --console-lang en), and so is a file that is not a
# status (the log keeps the start of each text: 47 bytes).
mkdir st
printf '%s\n' '{"catalogue_version":3,"last_attempt":"2026-12-01T10:00:00Z","last_success":"2026-11-30T09:00:00Z","last_error":"http://x/site/catalogue.xml: the catalogue expired; refused until the site publishes again","error_kind":"expired","bytes":0,"bundles":4}' >st/status.json
# The updater's refusal of a selection that matches nothing (--lang nob)
# is a kind the overlay explains too.
printf '%s\n' '{"catalogue_version":3,"last_attempt":"2026-12-01T10:00:00Z","last_success":"2026-11-30T09:00:00Z","last_error":"http://x/site/catalogue.xml: the selection (--lang nob) matches none of the catalogue'"'"'s 4 bundles; refused, the folder is kept","error_kind":"selection","bytes":0,"bundles":4}' >st/sel.json
printf 'not json\n' >st/bad.json
printf '0.2 key ctrl+alt+o\n0.4 screenshot status\n0.5 quit\n' >o.script
for f in status sel bad; do
	"$VP" --headless --window 960x540 --script o.script --trust trust \
		--console-lang en --sync-status "st/$f.json" \
		--screenshot-dir "shots-$f" --log-json p.json lib >/dev/null 2>&1
	shot_texts status >"$f.txt"
done
expect "library watch: --sync-status: version, last success and the failure, in English" \
	eval 'grep -q "^Updates: catalogue version 3, last success 2026" status.txt &&
	      grep -q "^Last update attempt (2026-12-01 10:00 UTC) fail" status.txt'
# A known kind of failure is said in the staff's words, and the updater's
# own line follows, small (without a kind it is the only explanation).
expect "library watch: the updater's own line follows the explained failure" \
	grep -q '^.http://x/site/catalogue.xml: the catalogue' status.txt
# A failed run: the bytes (of that run) are not shown as if they were the
# last success's: the failure follows the version line directly.
expect "library watch: after a failed run, no 'downloaded in the last run'" \
	eval '! grep -q "downloaded" status.txt &&
	      grep -A1 "^Updates: catalogue version 3" status.txt |
	      tail -n 1 | grep -q "^Last update attempt"'
expect "library watch: a selection that matches nothing is explained (the updater's line follows)" \
	grep -q '^.http://x/site/catalogue.xml: the selection' sel.txt
expect "library watch: a status file that is not one is said so" \
	grep -q '^Updates: cannot read' bad.txt
