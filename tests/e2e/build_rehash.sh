# The builder hashes each input once and trusts a file's identity (inode,
# size, mtime, ctime) afterwards. A narration rewritten in place with the
# same size and its mtime put back (as cp -p or tar do) must still be
# seen: the next build rebuilds its bundles, hashes the new bytes (not a
# digest cached by the previous build) and the bundles verify.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
O=$TMP/out
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
N=$P/media/nb/welcome.wav

"$VB" build "$P" -o "$O" >/dev/null 2>&1 ||
	{ fail "first build" "exit $?"; exit 1; }
cp -p "$N" "$TMP/ref.wav"
ffmpeg -nostdin -v error -y -f lavfi -i sine=f=880:d=1 -ar 48000 \
	"$TMP/new.wav" || { fail fixture "ffmpeg failed"; exit 1; }
expect "the new narration has the old size" \
	[ "$(wc -c <"$TMP/new.wav")" -eq "$(wc -c <"$N")" ]
if cmp -s "$TMP/new.wav" "$N"; then
	fail fixture "the new narration has the old bytes"
	exit 1
fi
cat "$TMP/new.wav" >"$N"           # in place: same inode
touch -r "$TMP/ref.wav" "$N"       # mtime put back

"$VB" build "$P" -o "$O" >"$TMP/out2" 2>&1
expect "the second build succeeds" [ $? -eq 0 ]
expect "it rewrites the nb bundles" grep -q "wrote .*-nb-" "$TMP/out2"
bad=0
for f in "$O"/*-nb-*.vvb; do
	if ! "$VB" verify "$f" >/dev/null 2>&1; then
		echo "# $f: verify refuses it"
		bad=1
	fi
	member "$f" welcome.wav >"$TMP/got.wav"
	if ! cmp -s "$TMP/got.wav" "$TMP/new.wav"; then
		echo "# $f: does not hold the new narration"
		bad=1
	fi
done
expect "the rebuilt nb bundles verify and hold the new narration" \
	[ $bad -eq 0 ]

"$VB" build "$P" -o "$O" >"$TMP/out3" 2>&1
expect "a third build leaves every bundle unchanged" \
	[ -z "$(grep '^wrote' "$TMP/out3")" ]
