#!/bin/sh
# Staff copy a newer version of a pack (same pack, language and level,
# version 1.10.0) into a running kiosk's folder next to the older one
# (1.9.0; the names sort 1.10.0 first). A participant playing the old
# version finishes undisturbed: the slide stays as it was and the next
# item still comes from 1.9.0. At the next attract screen the kiosk offers
# 1.10.0, without a restart, and notes 1.9.0 as replaced by version
# 1.10.0: not a duplicate, not an error line, no "skipped" warning on the
# attract screen; the staff overlay lists it apart from the skipped ones.
# A second copy of the same version stays a duplicate. The player runs at
# real time (VV_REAL_TIME) so that this script can act while it plays;
# each step waits for the player's log, and the log's order is what the
# checks read.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

cd "$TMP" || exit 1
cp -r "$TOP/tests/data/pack-small" pack && sh pack/make-media pack &&
sed -i 's/version="1.0.0"/version="1.9.0"/' pack/pack.xml &&
"$VB" build pack -o old --lang nb,ar >build.out 2>&1 &&
sed -i 's/version="1.9.0"/version="1.10.0"/' pack/pack.xml &&
"$VB" build pack -o new --lang nb --level no-schooling >>build.out 2>&1 ||
	{ fail "library versions: fixture" "$(tail -n 3 build.out)"; exit 0; }
OLD=pack-small-1.9.0-nb-no-schooling.vvb
NEW=pack-small-1.10.0-nb-no-schooling.vvb
[ -f "old/$OLD" ] && [ -f "new/$NEW" ] ||
	{ fail "library versions: fixture" "$(ls old new)"; exit 0; }
mkdir lib
cp old/*.vvb lib/

vppid=""
trap '[ -n "$vppid" ] && kill $vppid 2>/dev/null; rm -rf "$TMP"' EXIT

# The participant: nb, first level (no-schooling), second slide, paused
# there; after 12 s on to the next item, then Home twice (the attract
# screen); then nb, no-schooling again. The staff overlay last.
cat >s.script <<'SCRIPT'
0.5 key Space
1.0 key 1
1.5 key 1
2.0 key Right
2.5 key P
3.0 screenshot mid-before
12.0 screenshot mid-after
12.5 key Right
13.0 key Home
13.5 key Home
15.0 screenshot attract
15.5 key Space
16.0 key 1
16.5 key 1
17.0 key Home
17.5 key Home
18.5 key ctrl+alt+o
19.0 screenshot overlay
19.5 key ctrl+alt+o
20.0 quit
SCRIPT
VV_REAL_TIME=1 "$VP" --headless --window 960x540 --script s.script \
	--screenshot-dir shots --log-json p.json lib >p.out 2>&1 &
vppid=$!

# Mid-pack, staff copy the newer version in (cp, as by hand).
wait_log '"event":"input","source":"key","input":"pause"' 1 ||
	{ fail "library versions: session" "no pause in $(tail -n 3 p.json)"; exit 0; }
cp "new/$NEW" lib/
wait $vppid
vprc=$?
vppid=""
expect "library versions: the player exits 0" test "$vprc" -eq 0

# events: the log's events in order, one a line: name, screen, file
# name (an item's bundle), languages, replaced count
events() {
	jq -r 'select(.event == "library_changed" or .event == "library" or
		      .event == "reset" or .event == "screenshot" or
		      .event == "screen" or .event == "item") |
	       .event + " " + (.screen // .name // "") + " " +
	       ((.bundle // .path // "") | sub(".*/"; "")) + " " +
	       (.langs // "") + " " + ((.replaced // "") | tostring)' p.json
}
events >order.txt
# The copy is seen mid-pack; until the participant's Home nothing resets
# or changes screen but their own next item, which comes from 1.9.0; the
# rescan follows the attract screen, and the next participant's first
# item comes from 1.10.0.
session() {
	awk -v old="$OLD" -v new="$NEW" '
	/^library_changed sequence/ && !seen { seen = 1; next }
	seen && /^screenshot sequence  *mid-after/ { mid = 1; next }
	seen && !mid && (/^reset/ || /^screen / || /^item /) { bad = 1 }
	mid && !next_item && /^item / { next_item = index($0, " " old " ") > 0; next }
	next_item && /^screen attract/ { home = 1; next }
	home && /^library .* 1$/ { rescan = 1; next }
	rescan && /^item / { ok = index($0, " " new " ") > 0; exit }
	END { exit !(ok && !bad) }' order.txt
}
expect "library versions: the participant finishes on 1.9.0, the next one gets 1.10.0" session
# The paused slide is the same before and after the copy.
expect "library versions: the participant's slide is the same before and after the copy" \
	same_paused_slide mid-before mid-after

replaced() {
	jq -r --arg old "$OLD" 'select(.event == "bundle_replaced" and
		(.path | endswith("/" + $old))) | .message' p.json
}
expect "library versions: 1.9.0 is noted as replaced by version 1.10.0" \
	eval 'replaced | grep -q "replaced by version 1.10.0"'
expect "library versions: the rescan counts one replaced, none skipped" \
	grep -q '"event":"library",.*"skipped":0,.*"replaced":1,.*"reload":1' p.json
expect "library versions: no line on stderr about the older version" \
	eval '! grep -q "1.9.0-nb-no-schooling" p.out'
expect "library versions: no bundle_skipped event for it" \
	eval '! grep "\"event\":\"bundle_skipped\"" p.json | grep -q "$OLD"'

shot_texts attract >attract.txt
expect "library versions: the attract screen warns of nothing skipped" \
	eval '[ -s attract.txt ] && ! grep -q -i "skipped\|hoppet over" attract.txt'
# The staff overlay (in nb, the staff's language): the older version
# under its own heading, not under "skipped".
shot_texts overlay >overlay.txt
expect "library versions: the staff overlay lists the older version as replaced, in nb" \
	eval 'grep -q "^Erstattet av en nyere versjon:" overlay.txt &&
	      ! grep -q "^Hoppet over:" overlay.txt'

# At start, whatever the files are called: the newer version is offered
# though its name sorts after the older one's (z-newer.vvb), and a second
# copy of it (zz-copy.vvb) is still a duplicate.
mkdir lib2
cp "old/$OLD" lib2/
cp "new/$NEW" lib2/z-newer.vvb
cp "new/$NEW" lib2/zz-copy.vvb
printf '0.5 key Space\n1.0 key 1\n1.5 key 1\n2.0 quit\n' >t.script
"$VP" --headless --window 960x540 --script t.script --log-json q.json \
	lib2 >q.out 2>&1
start_ok() {
	grep '"event":"item"' q.json | head -n 1 | grep -q '/z-newer.vvb"' &&
	grep '"event":"bundle_replaced"' q.json | grep -q "/$OLD" &&
	grep '"event":"bundle_skipped"' q.json | grep -q '/zz-copy.vvb' &&
	grep -q 'zz-copy.vvb.*already provides' q.out
}
expect "library versions: at start, the newer is offered whatever its name; a second copy is a duplicate" start_ok
# Both versions were new to this kiosk, so the scan queued both for the
# background check; the replaced one's place in the queue went with it.
expect "library versions: only the offered version waits for the background check" \
	grep -q '"event":"library",.*"bundles":1,.*"pending":1' q.json
