#!/bin/sh
# Kiosks trust keys, not files: veiviser-play --trust DIR plays only
# bundles signed by a key in DIR; unsigned, foreign-signed and altered
# ones are skipped with one line each and listed for the staff. Without
# keys every intact bundle plays and the staff's screen says origin is
# not checked. A missing --trust folder or a bad key file stops the
# player with one line.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player origin: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
cd "$TMP" || exit 1
"$VB" keygen --unencrypted -s k.key -p k.pub >/dev/null 2>&1 &&
"$VB" keygen --unencrypted -s f.key -p f.pub >/dev/null 2>&1 ||
	fail "player origin: keygen" "could not make keys"
mkdir keys empty lib
cp k.pub keys/centre.pub
cp b/*.vvb lib/
"$VB" sign lib/*-nb-*.vvb --key k.key >/dev/null 2>&1 &&
"$VB" sign lib/*-ar-*.vvb --key f.key >/dev/null 2>&1 ||
	fail "player origin: sign" "could not sign"
total=$(ls lib/*.vvb | wc -l)
nb=$(ls lib/*-nb-*.vvb | wc -l)

run() { # NAME ARGS...: a short headless start; its log in NAME.json
	name=$1
	shift
	"$VP" --headless --exit-after 0.2 --log-json "$name.json" "$@" \
		>"$name.out" 2>"$name.err"
}
lib_field() { jfield "$(grep '"event":"library"' "$1.json")" "$2"; }

run keyed --trust keys lib
expect "with a trusted key: only the bundles it signed play" \
	[ "$(lib_field keyed bundles)" = "$nb" ]
expect "with a trusted key: the others are counted as refused for origin" \
	[ "$(lib_field keyed unsigned)" = $((total - nb)) ]
expect "the log says where the keys are and how many" \
	grep -q '"event":"origin","dir":"keys","keys":1' keyed.json
n_unsigned=$(grep -c ': unsigned; this kiosk plays only bundles signed' \
	keyed.err)
n_foreign=$(grep -c "which this kiosk does not trust" keyed.err)
expect "one line per unsigned bundle, naming it" \
	[ "$n_unsigned" -eq $((total - nb - nb)) ]
expect "one line per bundle signed by a foreign key, naming it" \
	[ "$n_foreign" -eq "$nb" ] &&
	grep -q "^lib/pack-small-1.0.0-ar-.*\.vvb: signed by key" keyed.err
expect "the skipped bundles are notes for the staff" \
	[ "$(grep -c '"event":"bundle_skipped"' keyed.json)" -eq \
	  $((total - nb)) ]

# An altered signature: the trusted comment changed.
cp lib/pack-small-1.0.0-nb-no-schooling.vvb alt.vvb
off=$(grep -abo 'trusted comment: timestamp' alt.vvb | tail -n 1 |
	cut -d: -f1)
printf 9 | dd of=alt.vvb bs=1 seek=$((off + 27)) conv=notrunc 2>/dev/null
mkdir altlib && mv alt.vvb altlib/
run altered --trust keys altlib
expect "an altered signature: refused, one line" \
	[ "$(lib_field altered bundles)" = 0 ] &&
	grep -q "does not match" altered.err

run unkeyed --trust empty lib
expect "no trusted keys: every intact bundle plays" \
	[ "$(lib_field unkeyed bundles)" = "$total" ] &&
	grep -q '"event":"origin","dir":"empty","keys":0' unkeyed.json

"$VP" --headless --exit-after 0.2 --trust nowhere lib >/dev/null \
	2>missing.err
rc=$?
expect "a missing --trust folder: exit 2, one line naming it" \
	[ $rc -eq 2 ] && [ "$(wc -l <missing.err)" -eq 1 ] &&
	grep -q "^nowhere: " missing.err
mkdir badkeys && head -c 40 k.pub >badkeys/cut.pub
"$VP" --headless --exit-after 0.2 --trust badkeys lib >/dev/null \
	2>bad.err
rc=$?
expect "a cut key file: exit 2, one line naming it" \
	[ $rc -eq 2 ] && [ "$(wc -l <bad.err)" -eq 1 ] &&
	grep -q "^badkeys/cut.pub: not a minisign public key" bad.err

# The staff's screen (in nb) says whether origin is checked.
printf '0.3 key ctrl+alt+o\n0.6 screenshot staff\n0.7 quit\n' >s.script
for mode in keys empty; do
	"$VP" --headless --window 960x540 --trust "$mode" --script s.script \
		--screenshot-dir "shots-$mode" --log-json "staff-$mode.json" \
		lib >/dev/null 2>&1
done
expect "staff screen with keys: origin checked" \
	sh -c "grep '\"event\":\"box\"' staff-keys.json | grep -q 'Opphav kontrollert'"
expect "staff screen without keys: origin not checked" \
	sh -c "grep '\"event\":\"box\"' staff-empty.json | grep -q 'Opphav ikke kontrollert'"
expect "staff screenshots" [ -f shots-keys/staff.png ] &&
	[ -f shots-empty/staff.png ]
if [ -n "${VV_KEEP_SHOTS:-}" ]; then
	cp shots-keys/staff.png "$VV_KEEP_SHOTS/origin-keys.png"
	cp shots-empty/staff.png "$VV_KEEP_SHOTS/origin-empty.png"
fi
