#!/bin/sh
# Staff copy a newer version of a pack (same pack, language and level,
# version 1.10.0) into a running kiosk's folder next to the older one
# (1.9.0; the names sort 1.10.0 first). A participant playing the old
# version finishes undisturbed: the slide stays as it was and the next
# item still comes from 1.9.0. At the next attract screen the kiosk
# rescans without a restart, hashes 1.10.0 in the background and, once
# it is found intact, offers it and notes 1.9.0 as replaced by version
# 1.10.0: not a duplicate, not an error line, no "skipped" warning on the
# attract screen; the staff overlay lists it apart from the skipped ones.
# A damaged copy of 1.10.0 (a byte of its film flipped) is noted as
# damaged instead, and 1.9.0 stays offered and is not called replaced;
# so too at start. A second copy of the same version stays a duplicate.
# The player runs at real time (VV_REAL_TIME) so that this script can act
# while it plays; each step waits for the player's log, and the log's
# order is what the checks read.
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
mkdir bad
cp "new/$NEW" "bad/$NEW" && flip_member_byte "bad/$NEW" film.mp4 ||
	{ fail "library versions: fixture" "cannot damage bad/$NEW"; exit 0; }

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

# events: the log p.json's events in order, one a line: name, screen,
# file name (an item's bundle, a note's path), languages, replaced count
events() {
	jq -r 'select(.event == "library_changed" or .event == "library" or
		      .event == "reset" or .event == "screenshot" or
		      .event == "screen" or .event == "item" or
		      .event == "bundle_replaced" or
		      .event == "bundle_dropped") |
	       .event + " " + (.screen // .name // "") + " " +
	       ((.bundle // .path // "") | sub(".*/"; "")) + " " +
	       (.langs // "") + " " + ((.replaced // "") | tostring)' p.json
}

# copy_session DIR FILE: in DIR (made, and the current folder after it),
# the kiosk on a folder of the old bundles runs s.script; mid-pack, staff
# copy FILE in (cp, as by hand). Leaves p.json, p.out, shots/ and
# order.txt (events) in DIR; status 1 when the session did not run.
copy_session() {
	mkdir -p "$1/lib" && cd "$1" && cp ../old/*.vvb lib/ || return 1
	VV_REAL_TIME=1 "$VP" --headless --window 960x540 --script ../s.script \
		--screenshot-dir shots --log-json p.json lib >p.out 2>&1 &
	vppid=$!
	wait_log '"event":"input","source":"key","input":"pause"' 1 ||
		return 1
	cp "$TMP/$2" lib/
	wait $vppid
	vprc=$?
	vppid=""
	events >order.txt
	[ "$vprc" -eq 0 ]
}

# session NEXT: the copy is seen mid-pack; until the participant's Home
# nothing resets or changes screen but their own next item, which comes
# from 1.9.0; the rescan follows the attract screen. NEXT "new": 1.9.0 is
# noted replaced after the rescan and the next participant's item comes
# from 1.10.0; "old": it comes from 1.9.0, and nothing is replaced.
session() {
	awk -v old="$OLD" -v new="$NEW" -v want="$1" '
	/^library_changed sequence/ && !seen { seen = 1; next }
	seen && /^screenshot sequence  *mid-after/ { mid = 1; next }
	seen && !mid && (/^reset/ || /^screen / || /^item /) { bad = 1 }
	/^bundle_replaced/ { replaced++ }
	mid && !next_item && /^item / { next_item = index($0, " " old " ") > 0; next }
	next_item && /^screen attract/ { home = 1; next }
	home && /^library .* 0$/ { rescan = 1; next }
	rescan && /^bundle_replaced/ && index($0, " " old " ") { rep = 1; next }
	rescan && /^item / {
		if (want == "new")
			ok = rep && index($0, " " new " ") > 0
		else
			ok = index($0, " " old " ") > 0
		exit
	}
	END { exit !(ok && !bad && replaced == (want == "new")) }' order.txt
}

if ! copy_session good "new/$NEW"; then
	fail "library versions: session" "$(tail -n 3 p.out)"
else
	expect "library versions: the participant finishes on 1.9.0, the next one gets 1.10.0 once hashed" \
		session new
	# The paused slide is the same before and after the copy.
	expect "library versions: the participant's slide is the same before and after the copy" \
		same_paused_slide mid-before mid-after

	replaced() {
		jq -r --arg old "$OLD" 'select(.event == "bundle_replaced" and
			(.path | endswith("/" + $old))) | .message' p.json
	}
	expect "library versions: 1.9.0 is noted as replaced by version 1.10.0" \
		eval 'replaced | grep -q "replaced by version 1.10.0"'
	expect "library versions: the rescan skips none" \
		grep -q '"event":"library",.*"skipped":0,.*"reload":1' p.json
	expect "library versions: no line on stderr about the older version" \
		eval '! grep -q "1.9.0-nb-no-schooling" p.out'
	expect "library versions: no bundle_skipped event for it" \
		eval '! grep "\"event\":\"bundle_skipped\"" p.json | grep -q "$OLD"'

	shot_texts attract >attract.txt
	expect "library versions: the attract screen warns of nothing skipped" \
		eval '[ -s attract.txt ] && ! grep -q -i "skipped\|hoppet over" attract.txt'
	# The staff overlay (in nb, the staff's language): the older
	# version under its own heading, not under "skipped".
	shot_texts overlay >overlay.txt
	expect "library versions: the staff overlay lists the older version as replaced, in nb" \
		eval 'grep -q "^Erstattet av en nyere versjon:" overlay.txt &&
		      ! grep -q "^Hoppet over:" overlay.txt'
fi
cd "$TMP" || exit 1

# The same with a damaged copy of 1.10.0: the background hash finds the
# film's byte; 1.9.0 stays offered to the next participant and is not
# called replaced, and 1.10.0 is noted as damaged, in the log and under
# "skipped" in the staff overlay.
if ! copy_session damaged "bad/$NEW"; then
	fail "library versions: damaged session" "$(tail -n 3 p.out)"
else
	expect "library versions: with a damaged 1.10.0 the next participant still gets 1.9.0" \
		session old
	expect "library versions: the participant's slide is the same before and after the damaged copy" \
		same_paused_slide mid-before mid-after
	damaged() {
		grep '"event":"bundle_dropped"' p.json | grep "/$NEW" |
			grep 'SHA-256' | grep -q 'version 1.9.0 stays offered'
	}
	expect "library versions: the damaged 1.10.0 is noted as damaged; 1.9.0 stays offered" \
		damaged
	shot_texts overlay >overlay.txt
	expect "library versions: the staff overlay lists the damaged copy as skipped, nothing as replaced" \
		eval 'grep -q "^Hoppet over:" overlay.txt &&
		      ! grep -q "^Erstattet av en nyere versjon:" overlay.txt'
fi
cd "$TMP" || exit 1

# At start, whatever the files are called: both versions wait for their
# hash, the duplicate does not; once the newer (named z-newer.vvb, after
# the older) is found intact, it is offered, and a second copy of it
# (zz-copy.vvb) is still a duplicate. The first start runs until then.
mkdir start start/lib
cp "old/$OLD" start/lib/
cp "new/$NEW" start/lib/z-newer.vvb
cp "new/$NEW" start/lib/zz-copy.vvb
cd start || exit 1
VV_REAL_TIME=1 "$VP" --headless --window 960x540 --log-json p.json lib \
	>p.out 2>&1 &
vppid=$!
promoted=0
wait_log '"event":"bundle_replaced"' 1 && promoted=1
kill -TERM $vppid 2>/dev/null
wait $vppid
vppid=""
expect "library versions: at start, both versions wait for the background check, the duplicate not" \
	grep -q '"event":"library",.*"bundles":1,.*"pending":2' p.json
expect "library versions: at start, the intact newer is offered once hashed" \
	eval '[ $promoted = 1 ] && grep "\"event\":\"bundle_replaced\"" p.json |
	      grep "/$OLD" | grep -q "\"by\":\"[^\"]*/z-newer.vvb\""'
# The next start trusts the record of that hash: the newer at once.
printf '0.5 key Space\n1.0 key 1\n1.5 key 1\n2.0 quit\n' >t.script
"$VP" --headless --window 960x540 --script t.script --log-json q.json \
	lib >q.out 2>&1
start_ok() {
	grep '"event":"item"' q.json | head -n 1 | grep -q '/z-newer.vvb"' &&
	grep '"event":"bundle_replaced"' q.json | grep -q "/$OLD" &&
	grep '"event":"bundle_skipped"' q.json | grep -q '/zz-copy.vvb' &&
	grep -q 'zz-copy.vvb.*already provides' q.out
}
expect "library versions: at start, the newer is offered whatever its name; a second copy is a duplicate" start_ok
cd "$TMP" || exit 1

# At start with a damaged 1.10.0 next to 1.9.0: two participants, one
# before and one after the hash, both get 1.9.0; 1.10.0 is noted as
# damaged and 1.9.0 never as replaced.
mkdir start-damaged start-damaged/lib
cp "old/$OLD" "bad/$NEW" start-damaged/lib/
cd start-damaged || exit 1
printf '%s\n' '0.5 key Space' '1.0 key 1' '1.5 key 1' '2.0 key Home' \
	'2.5 key Home' '4.0 key Space' '4.5 key 1' '5.0 key 1' '5.5 quit' \
	>t.script
VV_REAL_TIME=1 "$VP" --headless --window 960x540 --script t.script \
	--log-json p.json lib >p.out 2>&1
start_damaged() {
	[ "$(grep -c '"event":"item"' p.json)" -ge 2 ] &&
	! grep '"event":"item"' p.json | grep -qv "/$OLD\"" &&
	grep '"event":"bundle_dropped"' p.json | grep "/$NEW" |
		grep -q 'version 1.9.0 stays offered' &&
	! grep -q '"event":"bundle_replaced"' p.json
}
expect "library versions: at start, a damaged newer is never offered; 1.9.0 stays, not replaced" \
	start_damaged
