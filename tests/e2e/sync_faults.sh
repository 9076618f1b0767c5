#!/bin/sh
# veiviser-sync against a server that misbehaves (tests/tools/faultserve.py):
# endless data stops at the catalogue's size cap, a transfer cut half-way
# and a stalled server are given up; in every case the kiosk's folder
# keeps its last good set and holds nothing partial, and the status says
# why.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

VS="$TOP/$BUILD/veiviser-sync"
case "$BUILD" in /*) VS="$BUILD/veiviser-sync" ;; esac

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
cd "$TMP" || exit 1
"$VB" keygen --unencrypted -s k.key -p k.pub >/dev/null 2>&1
"$VB" build "$P" -o out --sign k.key --lang nb >/dev/null 2>&1
mkdir trust www
cp k.pub trust/
"$VB" publish out/*.vvb -o www/site --key k.key >/dev/null 2>&1 ||
	{ fail fixture "publish failed"; exit 1; }

srvpid=""
trap '[ -n "$srvpid" ] && kill $srvpid 2>/dev/null; rm -rf "$TMP"' EXIT
# serve MODE [NEXTDIR]: (re)starts the fault server; sets URL.
serve() {
	[ -n "$srvpid" ] && { kill $srvpid 2>/dev/null; wait $srvpid 2>/dev/null; }
	rm -f port
	rm -f port.log
	python3 "$TOP/tests/tools/faultserve.py" "$TMP/www" "$1" port ${2:+"$2"} &
	srvpid=$!
	i=0
	until [ -s port ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && { fail server "the fault server did not start"; exit 1; }
		sleep 0.1
	done
	URL="http://127.0.0.1:$(cat port)/site"
}
jqt() { jq -e "$@" >/dev/null; }
nothing_partial() { # DIR: no bundle and no temporary file but a part
	[ -z "$(ls -A "$1" | grep -v '^\.veiviser-sync\.' |
		grep -v '^\.[0-9a-f]\{64\}\.vvb\.part$')" ]
}

mkdir k1
serve endless
"$VS" "$URL" k1 --trust trust --timeout 20 >s.out 2>s.err
rc=$?
_check50() {
	[ $rc -eq 1 ] && grep -q "more than the [0-9]* bytes expected" s.err
}
expect "endless data: exit 1 at the size cap, the line names the cap" _check50
expect "endless data: the status says why (kind limit)" \
	jqt '(.last_error | test("more than")) and .error_kind == "limit"' \
	k1/.veiviser-sync.json
expect "endless data: nothing partial in the folder" nothing_partial k1

serve cut
"$VS" "$URL" k1 --trust trust --timeout 20 >s.out 2>s.err
rc=$?
_check59() {
	[ $rc -eq 1 ] && [ "$(wc -l <s.err)" -eq 1 ]
}
expect "a cut transfer: exit 1, one line" _check59
expect "a cut transfer: nothing partial in the folder" nothing_partial k1

serve stall
"$VS" "$URL" k1 --trust trust --timeout 2 >s.out 2>s.err
rc=$?
_check65() {
	[ $rc -eq 1 ] && grep -q "too slow" s.err
}
expect "a stalled server: exit 1 at the time limit, says so" _check65
expect "a stalled server: nothing partial in the folder" nothing_partial k1

# The cut transfer's part is resumed with a Range request.
expect "a cut transfer leaves a part to resume (a dot-file)" \
	[ -n "$(ls -A k1 | grep '\.vvb\.part$')" ]
serve good
"$VS" "$URL" k1 --trust trust >s.out 2>s.err
rc=$?
_check74() {
	[ $rc -eq 0 ] && [ -s port.ranges ] &&
	! grep -q ' 0$' port.ranges &&
	[ "$(ls k1/*.vvb | wc -l)" -eq "$(ls www/site/bundles/*.vvb | wc -l)" ] &&
	[ -z "$(ls -A k1 | grep part)" ]
}
expect "the next run resumes with Range, completes and installs" _check74
rm -f k1/*.vvb k1/.veiviser-sync.state

# A good first sync of one bundle, then a cut transfer of the others:
# the good set stays as it was.
serve good
"$VS" "$URL" k1 --trust trust --level no-schooling >s.out 2>s.err
rc=$?
_check85() {
	[ $rc -eq 0 ] && [ "$(ls k1/*.vvb | wc -l)" -eq 1 ]
}
expect "a well-behaved server: exit 0, one bundle" _check85
# visible DIR: what the player sees (no dot-files), with checksums
visible() {
	ls "$1"
	cksum "$1"/*.vvb
}
visible k1 >before
serve cut
"$VS" "$URL" k1 --trust trust >s.out 2>s.err
rc=$?
visible k1 >after
expect "a cut transfer after a good sync: exit 1, the good set kept" \
	eval '[ $rc -eq 1 ] && cmp -s before after'
expect "the status keeps the last success and says why this one failed" \
	jqt '.last_success != null and .last_error != null' \
	k1/.veiviser-sync.json

# A trickling server (slow retrieval): 2 bytes a second, below the
# low-speed limit, and 1,000 bytes a second, above it but far below the
# average a whole transfer must keep (fetch.h, FETCH_MIN_AVERAGE). Each
# run gives up at its time limit, says it will try again, and keeps the
# good set; the next run completes.
for mode in trickle trickle1k; do
	serve $mode
	"$VS" "$URL" k1 --trust trust --timeout 2 >s.out 2>s.err
	rc=$?
	visible k1 >after
	expect "$mode: exit 1 at the time limit, will try again" \
		eval '[ $rc -eq 1 ] && grep -q "too slow.*try again later" s.err'
	expect "$mode: the good set kept, the status says why" \
		eval 'cmp -s before after &&
		      jqt "(.last_error | test(\"too slow\")) and
			   .error_kind == \"network\"" k1/.veiviser-sync.json'
done
# The slow runs left a part; a server that ignores its Range request
# (200, the whole file) restarts it from the first byte.
expect "the trickles left a part to resume" \
	eval '[ -n "$(ls -A k1 | grep "\.vvb\.part$")" ]'
serve norange
"$VS" "$URL" k1 --trust trust >s.out 2>s.err
rc=$?
expect "after the trickles, a server without ranges: exit 0, the whole set" \
	eval '[ $rc -eq 0 ] &&
	      [ "$(ls k1/*.vvb | wc -l)" -eq "$(ls www/site/bundles/*.vvb | wc -l)" ] &&
	      [ -z "$(ls -A k1 | grep part)" ]'

# kill -9 at 10 moments of a sync of every bundle: the folder only ever
# holds bundles whose content matches their name (temporary files are
# dot-files, which the player does not read); the next run removes the
# killed run's temporary files and completes the set.
"$VB" build "$P" -o all --sign k.key >/dev/null 2>&1
"$VB" publish all/*.vvb -o www/site --key k.key >/dev/null 2>&1
serve good
mkdir k2
intact() { # DIR: every visible bundle is complete and verified
	for f in "$1"/*.vvb; do
		[ -e "$f" ] || continue
		[ "$(sha256sum "$f" | cut -d' ' -f1).vvb" = "$(basename "$f")" ] ||
			return 1
	done
}
ok=1
for n in 1 2 3 4 5 6 7 8 9 10; do
	"$VS" "$URL" k2 --trust trust >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$(( (n * 7919) % 10 ))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	intact k2 || { ok=0; echo "# after kill $n: $(ls -A k2)"; }
	# Let some runs finish their set so later kills hit removals too.
	[ $n -eq 5 ] && rm -f k2/*.vvb
done
expect "kill -9 at 10 moments: only complete, verified bundles visible" \
	[ $ok -eq 1 ]
"$VS" "$URL" k2 --trust trust >s.out 2>s.err
rc=$?
# after_kills: the last run exited 0 with the whole set, intact, and no
# temporary file (one check: expect runs a single command)
after_kills() {
	[ $rc -eq 0 ] &&
	[ "$(ls k2/*.vvb | wc -l)" -eq \
	  "$(xmllint --xpath 'count(//*[local-name()="bundle"])' \
		www/site/catalogue.xml)" ] &&
	intact k2 && [ -z "$(ls -A k2 | grep 'tmp-')" ]
}
expect "the run after the kills: exit 0, the whole set, no temporary file" \
	after_kills

# The site is published again between the kiosk's two requests (the
# catalogue, then its signature: a rename race). The pair the kiosk holds
# does not match; it fetches both once more and takes the new pair whole.
mkdir k3
"$VS" "$URL" k3 --trust trust >s.out 2>s.err
v=$(jq .catalogue_version k3/.veiviser-sync.json)
cp -r www/site www/next
"$VB" publish all/*.vvb -o www/next --key k.key >/dev/null 2>&1
serve race "$TMP/www/next"
"$VS" "$URL" k3 --trust trust >s.out 2>s.err
rc=$?
race_ok() {
	[ $rc -eq 0 ] && [ ! -s s.err ] &&
	[ "$(grep -c '/catalogue.xml$' port.log)" -eq 2 ] &&
	[ "$(grep -c '/catalogue.xml.minisig$' port.log)" -eq 2 ] &&
	jqt ".catalogue_version == $((v + 1)) and .last_error == null and
	     .error_kind == null" k3/.veiviser-sync.json
}
expect "a pair replaced between the two requests: fetched again, the new pair taken whole" race_ok
# A signature that never matches its catalogue: refused after the second
# try; the set and the accepted version stay.
cp -r www/site www/next2
"$VB" publish all/*.vvb -o www/next2 --key k.key >/dev/null 2>&1
ls -A k3 | grep -v '^\.veiviser-sync\.' >before
serve mismatch "$TMP/www/next2"
"$VS" "$URL" k3 --trust trust >s.out 2>s.err
rc=$?
ls -A k3 | grep -v '^\.veiviser-sync\.' >after
mismatch_ok() {
	[ $rc -eq 1 ] && [ "$(wc -l <s.err)" -eq 1 ] &&
	grep -q "does not match, twice; refused" s.err &&
	cmp -s before after &&
	jqt ".catalogue_version == $((v + 1)) and
	     (.last_error | test(\"does not match\")) and
	     .error_kind == \"signature\"" k3/.veiviser-sync.json
}
expect "a pair that never matches: refused after a second try, the set and version kept" mismatch_ok
