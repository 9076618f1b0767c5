#!/bin/sh
# import on a full disk and into a read-only folder: exit 2, one line
# naming the file, and nothing left behind (no pack, no temporary
# folder); --update on a full disk keeps the old pack as it was.
. "$TOP/tests/lib.sh"

MD="python3 $TOP/tests/tools/make-deck.py"
$MD pptx "$TMP/deck.pptx"
# A bigger picture than the disk holds: 256 KiB of noise as the deck's
# first picture is not needed; the pack's files alone pass 16 KiB.
M=$TMP/disk
mkdir -p "$M"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=16k tmpfs "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null; rm -rf "$TMP"' EXIT
	dd if=/dev/zero of="$M/fill" bs=4k count=3 2>/dev/null
	"$VB" import "$TMP/deck.pptx" -o "$M/pack" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect "full disk: import exits 2" [ "$rc" -eq 2 ]
	expect "full disk: one line, naming the file and to free space" \
		sh -c "[ \$(wc -l <'$TMP/err') -eq 1 ] && grep -q 'No space left on device' '$TMP/err'"
	expect "full disk: no pack and no temporary folder left" \
		[ "$(ls -A "$M")" = fill ]
	rm -f "$M/fill"
	"$VB" import "$TMP/deck.pptx" -o "$M/pack" >/dev/null 2>&1
	expect "with room: the import succeeds" [ -f "$M/pack/pack.xml" ]
	cp -r "$M/pack" "$TMP/before"
	dd if=/dev/zero of="$M/fill" bs=1k count=64 2>/dev/null
	$MD pptx "$TMP/edit.pptx" --edit
	"$VB" import --update "$M/pack" "$TMP/edit.pptx" >/dev/null 2>"$TMP/err2"
	rc=$?
	expect "full disk: import --update exits 2 and keeps the old pack" \
		sh -c "[ $rc -eq 2 ] && diff -r '$TMP/before' '$M/pack' >/dev/null &&
		       [ \"\$(ls -A '$M' | sort | tr '\n' ' ')\" = 'fill pack ' ]"
	umount "$M"
	trap 'rm -rf "$TMP"' EXIT
else
	echo "# skipped the full-disk cases: cannot mount a tmpfs here"
fi

# A read-only folder: a read-only tmpfs as root (root writes into any
# folder whatever its mode), a mode-555 folder otherwise.
mkdir "$TMP/ro"
ro_ok=0
if [ "$(id -u)" -eq 0 ]; then
	mount -t tmpfs -o ro,size=16k tmpfs "$TMP/ro" 2>/dev/null && ro_ok=1
else
	chmod 555 "$TMP/ro" && ro_ok=1
fi
if [ $ro_ok -eq 1 ]; then
	"$VB" import "$TMP/deck.pptx" -o "$TMP/ro/pack" >/dev/null 2>"$TMP/err3"
	rc=$?
	expect "read-only folder: exit 2, one line naming it, nothing written" \
		sh -c "[ $rc -eq 2 ] && [ \$(wc -l <'$TMP/err3') -eq 1 ] &&
		       grep -q '^$TMP/ro/' '$TMP/err3' && [ -z \"\$(ls -A '$TMP/ro')\" ]"
	[ "$(id -u)" -eq 0 ] && umount "$TMP/ro"
else
	echo "# skipped the read-only case: cannot make a read-only folder"
fi
