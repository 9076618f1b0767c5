#!/bin/sh
# Odd files in a bundle folder never hang or exhaust the player or
# veiviser-build verify: a FIFO named *.vvb is skipped without blocking
# (lstat first, O_NONBLOCK), and a member over its kind's size cap is
# refused by the builder before it is hashed. `timeout` turns a hang
# into a failure.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "hostile files: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
mkdir -p "$TMP/lib"
cp "$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb" "$TMP/lib/"
mkfifo "$TMP/lib/fifo.vvb"

timeout 30 "$VP" --headless --exit-after 0.5 --log-json "$TMP/p.json" \
	"$TMP/lib" >"$TMP/p.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] &&
   grep '"event":"bundle_skipped"' "$TMP/p.json" | grep -q 'fifo.vvb' &&
   grep -q '"event":"library","bundles":1' "$TMP/p.json"; then
	pass "hostile files: the player skips a FIFO named *.vvb"
else
	fail "hostile files: FIFO in the library" "exit $rc; $(tail -n 2 "$TMP/p.out")"
fi

timeout 30 "$VB" verify "$TMP/lib/fifo.vvb" >"$TMP/v.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] &&
   grep -q 'fifo.vvb: not a regular file' "$TMP/v.out"; then
	pass "hostile files: verify refuses a FIFO at once, naming it"
else
	fail "hostile files: verify FIFO" "exit $rc; $(cat "$TMP/v.out")"
fi

# Narration over the audio cap (512 MiB): a real WAV header whose data
# is a hole in a sparse file, so the test writes almost nothing.
python3 - "$TMP/pack/media/nb/welcome.wav" "$TMP/big.wav" <<'PY'
import struct, sys
src, dst = sys.argv[1], sys.argv[2]
n = 513 * 1024 * 1024
with open(dst, 'wb') as f:
    f.write(b'RIFF' + struct.pack('<I', 36 + n) + b'WAVE')
    f.write(b'fmt ' + struct.pack('<IHHIIHH', 16, 1, 1, 16000, 32000, 2, 16))
    f.write(b'data' + struct.pack('<I', n))
    f.truncate(44 + n)
PY
cp "$TMP/big.wav" "$TMP/pack/media/nb/welcome.wav"
timeout 60 "$VB" build "$TMP/pack" -o "$TMP/b2" --lang nb >"$TMP/big.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] &&
   grep -q 'welcome.wav: .*at most 512 MiB' "$TMP/big.out" &&
   ! ls "$TMP/b2"/*.vvb >/dev/null 2>&1; then
	pass "hostile files: the builder refuses a member over its size cap"
else
	fail "hostile files: member cap" "exit $rc; $(tail -n 2 "$TMP/big.out")"
fi
