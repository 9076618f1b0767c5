#!/bin/sh
# Start-up never waits for hashing: the first start opens each bundle
# (structure and manifest checked), offers it at once, and hashes it whole
# on a thread of its own; an intact bundle is then recorded (device, inode, size,
# mtime, ctime, manifest hash) in $XDG_STATE_HOME/veiviser/verified; the
# next start trusts the record. A bundle changed since is hashed again in
# the background and, when damaged, dropped from the pickers at the next
# return to the attract screen with one line for the staff. A damaged member of a bundle the record vouches
# for (a forged record here) is caught while it streams: playback stops.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player trust: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
mkdir -p "$TMP/lib"
cp "$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb" "$TMP/lib/"
bundle="$TMP/lib/pack-small-1.0.0-nb-no-schooling.vvb"
record="$XDG_STATE_HOME/veiviser/verified"

start() { # NAME [SCRIPT]: one headless start; its library log line
	if [ -n "${2:-}" ]; then
		printf "$2" >"$TMP/$1.script"
		"$VP" --headless --lang nb --level no-schooling \
			--script "$TMP/$1.script" --log-json "$TMP/$1.json" \
			"$TMP/lib" >"$TMP/$1.out" 2>&1
	else
		"$VP" --headless --exit-after 0.2 --log-json "$TMP/$1.json" \
			"$TMP/lib" >"$TMP/$1.out" 2>&1
	fi
	grep '"event":"library"' "$TMP/$1.json"
}

l=$(start first)
if [ "$(jfield "$l" verified)" = 0 ] && [ "$(jfield "$l" trusted)" = 0 ] &&
   [ "$(jfield "$l" pending)" = 1 ] && [ "$(jfield "$l" bundles)" = 1 ] &&
   grep '"event":"bundle_verified"' "$TMP/first.json" | grep -q "$bundle" &&
   [ "$(wc -l <"$record")" -eq 1 ]; then
	pass "player trust: the first start offers the bundle at once, hashes it in the background and records it"
else
	fail "player trust: first start" "$l; record: $(cat "$record" 2>&1)"
fi
l=$(start second)
if [ "$(jfield "$l" verified)" = 0 ] && [ "$(jfield "$l" trusted)" = 1 ] &&
   [ "$(jfield "$l" bundles)" = 1 ]; then
	pass "player trust: the next start trusts the record"
else
	fail "player trust: second start" "$l"
fi

# One byte of the film flipped in place: the ctime moves, so the record
# no longer matches; hashed again, the bundle is refused.
cp "$bundle" "$TMP/good.vvb"
flip_member_byte "$bundle" film.mp4
l=$(start third)
if [ "$(jfield "$l" verified)" = 0 ] && [ "$(jfield "$l" trusted)" = 0 ] &&
   [ "$(jfield "$l" bundles)" = 1 ] && [ "$(jfield "$l" pending)" = 1 ] &&
   grep '"event":"bundle_dropped"' "$TMP/third.json" |
	grep -q 'does not match its SHA-256' &&
   ! grep -q '"event":"bundle_verified"' "$TMP/third.json" &&
   [ "$(grep -c 'does not match its SHA-256' "$TMP/third.out")" -eq 1 ] &&
   grep '"event":"screen"' "$TMP/third.json" | tail -n 1 |
	grep -q '"name":"operator"'; then
	pass "player trust: a bundle changed since its record is hashed again and dropped, with one line"
else
	fail "player trust: changed bundle" "$l; $(tail -n 2 "$TMP/third.out"); $(grep '"event":"screen"' "$TMP/third.json" | tail -n 1)"
fi
# Damaged and walked through: the background check never takes the
# bundle away under a participant (the film stops on its own when the
# damaged part streams); it is dropped only while the kiosk shows the
# attract (or, once empty, the operator) screen.
l=$(start thirdb '0.5 key Right\n1 key Right\n1.5 key Right\n4 key Home\n6 quit\n')
where=$(awk '/"event":"screen"/ { s = $0; sub(/.*"name":"/, "", s);
		sub(/".*/, "", s); screen = s }
	/"event":"bundle_dropped"/ { print (screen == "" ? "start" : screen) }' \
	"$TMP/thirdb.json")
if [ "$(jfield "$l" pending)" = 1 ] && [ -n "$where" ] &&
   ! printf '%s\n' "$where" | grep -qv -e '^start$' -e '^attract$' -e '^operator$'; then
	pass "player trust: a damaged bundle is dropped only on the attract or operator screen"
else
	fail "player trust: drop while in use" "$l; dropped on: $where"
fi

# A record that vouches for the damaged file (as a same-size copy with
# the same timestamps on a file system without ctime could): the start
# trusts it, and the film stops when its hash fails as it streams.
python3 - "$bundle" "$record" <<'PY'
import os, sys, tarfile
path, record = sys.argv[1], sys.argv[2]
st = os.stat(path)
with tarfile.open(path) as t:
    sha = t.extractfile('manifest.sha256').read().decode().strip()
with open(record, 'w') as f:
    f.write('%d %d %d %d %d %s\n' % (st.st_dev, st.st_ino, st.st_size,
            st.st_mtime_ns, st.st_ctime_ns, sha))
PY
l=$(start fourth '0.5 key Right\n1 key Right\n1.5 key Right\n8 quit\n')
if [ "$(jfield "$l" trusted)" = 1 ] &&
   grep '"event":"media_error"' "$TMP/fourth.json" |
	grep -q 'does not match its SHA-256' &&
   grep '"event":"video_end"' "$TMP/fourth.json" | grep -q '"reason":"failed"'; then
	pass "player trust: a damaged member of a trusted bundle stops as it streams"
else
	fail "player trust: stream check" "$l; $(grep -E 'media_error|video_end' "$TMP/fourth.json" | head -n 3)"
fi

# The intact bundle put back: the stream check passes and the film ends.
cp "$TMP/good.vvb" "$bundle"
start fifth >/dev/null
l=$(start sixth '0.5 key Right\n1 key Right\n1.5 key Right\n8 quit\n')
if [ "$(jfield "$l" trusted)" = 1 ] &&
   grep '"event":"video_end"' "$TMP/sixth.json" | grep -q '"reason":"end"' &&
   ! grep -q '"event":"media_error"' "$TMP/sixth.json"; then
	pass "player trust: an intact trusted bundle plays to its end"
else
	fail "player trust: intact film" "$l; $(grep -E 'media_error|video_end' "$TMP/sixth.json" | head -n 3)"
fi

# A state folder that cannot be written costs a message, not the start.
XDG_STATE_HOME=/proc/no-such-folder
l=$(start seventh)
if [ "$(jfield "$l" bundles)" = 1 ] && [ "$(jfield "$l" pending)" = 1 ] &&
   grep -q '"event":"bundle_verified"' "$TMP/seventh.json"; then
	pass "player trust: an unwritable state folder only means hashing again"
else
	fail "player trust: unwritable state" "$l; $(tail -n 2 "$TMP/seventh.out")"
fi

# A state folder that cannot be made (mkdir in sysfs is refused) says why,
# on the folder, rather than "No such file or directory" for the file
# that was to be written in it.
XDG_STATE_HOME=/sys
start eighth >/dev/null
if grep -q "/sys/veiviser: cannot write: " "$TMP/eighth.out" &&
   ! grep -q "No such file" "$TMP/eighth.out"; then
	pass "player trust: a state folder that cannot be made says why"
else
	fail "player trust: state folder message" "$(grep -v ALSA "$TMP/eighth.out" | tail -n 2)"
fi
