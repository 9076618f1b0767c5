# A build killed with SIGKILL at any moment leaves no bundle that verify
# refuses and no stray (non-dot) files in OUTDIR; the next build removes
# what the killed one left, finishes, and gives the same bytes as a build
# that was never interrupted (no partial cache entry was used).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
O=$TMP/out
# Lossless video makes bundles of some megabytes, so that kills land
# while bundles are being written.
make_pack "$P" 6 "-preset ultrafast -qp 0" || { fail fixture "could not make the fixture pack"; exit 1; }

# How long a build from nothing and a full rewrite take here, to spread
# the kills over them.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(now_ms)
"$VB" build "$P" -o "$TMP/clean" -j 2 >/dev/null 2>&1 ||
	fail "reference build" "exit $?"
t1=$(now_ms)
cp -r "$TMP/clean" "$TMP/again"
touch "$P/pack.xml"
"$VB" build "$P" -o "$TMP/again" -j 2 >/dev/null 2>&1
t2=$(now_ms)
rm -rf "$TMP/again"
full=$((t1 - t0 + 1))
rewrite=$((t2 - t1 + 1))

i=0
bad_verify=0
bad_stray=0
mid=0
while [ $i -lt 12 ]; do
	# Start from nothing now and then (remux cache included), else
	# force a full rewrite over the bundles of the previous round.
	if [ $((i % 4)) -eq 0 ]; then
		rm -rf "$O"
		ms=$full
	else
		touch "$P/pack.xml"
		ms=$rewrite
	fi
	delay=$(awk -v s="$i" -v ms="$ms" 'BEGIN { srand(s * 7919 + 1);
		printf "%.3f", rand() * ms * 1.2 / 1000 }')
	"$VB" build "$P" -o "$O" -j $((i % 2 + 1)) >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ -d "$O" ]; then
		for f in "$O"/*.vvb; do
			[ -e "$f" ] || continue
			if ! "$VB" verify "$f" >/dev/null 2>&1; then
				bad_verify=$((bad_verify + 1))
				echo "# round $i (kill after ${delay}s): $f refused"
			fi
		done
		ls -A "$O" | grep -q '\.vvb\.tmp-' && mid=$((mid + 1))
		s=$(stray "$O")
		if [ -n "$s" ]; then
			bad_stray=$((bad_stray + 1))
			echo "# round $i: stray files: $s"
		fi
	fi
	i=$((i + 1))
done
echo "# $mid of 12 kills landed while a bundle was being written"
expect "after 12 kills, every bundle in OUTDIR verifies" [ $bad_verify -eq 0 ]
expect "after 12 kills, no stray non-dot files in OUTDIR" [ $bad_stray -eq 0 ]

touch "$P/pack.xml"
"$VB" build "$P" -o "$O" >/dev/null 2>&1
expect "the next build succeeds" [ $? -eq 0 ]
expect "it removed the killed builds' temp files" [ -z "$(ls -A "$O" | grep '\.tmp-')" ]
expect "no temp state files left in the cache" [ -z "$(ls -A "$O/.veiviser-cache" | grep '\.tmp-')" ]
same=1
for f in "$TMP"/clean/*.vvb; do
	cmp -s "$f" "$O/$(basename "$f")" || { same=0; echo "# differs: $f"; }
done
expect "bundles equal those of an uninterrupted build" [ $same -eq 1 ]
