# No translator's work is lost on a full disk or a read-only folder: pot
# and update-po keep the old files, say so in one line and exit 2; pot
# does not crash; info, check and build --json - exit non-zero when
# standard output cannot be written (/dev/full).
. "$TOP/tests/lib.sh"

# no_temps DIR: no temporary file of atomic_temp_path() left in DIR.
no_temps() { [ -z "$(ls -A "$1" | grep '\.tmp-')" ]; }

M=$TMP/disk
mkdir -p "$M"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null; rm -rf "$TMP"' EXIT
	P=$M/pack
	mkdir -p "$P"
	cp -r "$TOP/tests/data/pack-small/pack.xml" "$TOP/tests/data/pack-small/po" \
		"$TOP/tests/data/pack-small/media" "$P/"
	# A source change, so that both files must be rewritten.
	sed -i 's|Hva som skjer i møtet|Hva som skjer på møtet|' "$P/pack.xml"
	for f in pack.pot ar.po ti.po; do cp "$P/po/$f" "$TMP/$f.orig"; done
	dd if=/dev/zero of="$M/fill" bs=4k count=64 2>/dev/null
	"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect "full disk: update-po exits 2" test "$rc" -eq 2
	expect "full disk: pack.pot kept" cmp -s "$TMP/pack.pot.orig" "$P/po/pack.pot"
	expect "full disk: ar.po kept" cmp -s "$TMP/ar.po.orig" "$P/po/ar.po"
	expect "full disk: ti.po kept" cmp -s "$TMP/ti.po.orig" "$P/po/ti.po"
	expect "full disk: update-po says to free space, naming the file" \
		grep -q "^$P/po/pack.pot: cannot write: No space left on device; free some space" "$TMP/err"
	expect "full disk: update-po reports no success" sh -c "! grep -q 'wrote\|translated' '$TMP/out'"
	expect "full disk: update-po leaves no temporary file" no_temps "$P/po"

	"$VB" pot "$P" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect "full disk: pot exits 2" test "$rc" -eq 2
	expect "full disk: pot keeps pack.pot" cmp -s "$TMP/pack.pot.orig" "$P/po/pack.pot"
	expect "full disk: pot error is one line" test "$(wc -l <"$TMP/err")" -eq 1
	expect "full disk: pot leaves no temporary file" no_temps "$P/po"

	# With the space back, the same commands succeed.
	rm -f "$M/fill"
	"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
	expect "space back: update-po exits 0" test $? -eq 0
	expect "space back: ar.po now merged" grep -qx '#| msgid "Hva som skjer i møtet"' "$P/po/ar.po"

	# Read-only: a read-only remount stops root too.
	mount -o remount,ro "$M"
	for f in pack.pot ar.po; do cp "$P/po/$f" "$TMP/$f.ro"; done
	sed 's|på møtet|i møtet|' "$P/pack.xml" >"$TMP/pack.xml"
	umount "$M" && mount -t tmpfs -o size=64k tmpfs "$M"
	mkdir -p "$P/po"
	cp "$TMP/pack.xml" "$P/pack.xml"
	cp "$TMP/pack.pot.ro" "$P/po/pack.pot"
	cp "$TMP/ar.po.ro" "$P/po/ar.po"
	cp "$TOP/tests/data/pack-small/po/LINGUAS" "$TOP/tests/data/pack-small/po/ti.po" "$P/po/"
	cp -r "$TOP/tests/data/pack-small/media" "$P/"
	mount -o remount,ro "$M"
	"$VB" pot "$P" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect "read-only: pot does not crash, exits 2" test "$rc" -eq 2
	expect "read-only: pot names pack.pot" grep -q "^$P/po/pack.pot: cannot write: Read-only file system" "$TMP/err"
	expect "read-only: pot error is one line" test "$(wc -l <"$TMP/err")" -eq 1
	"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
	expect "read-only: update-po exits 2" test $? -eq 2
	expect "read-only: ar.po kept" cmp -s "$TMP/ar.po.ro" "$P/po/ar.po"
	umount "$M"
else
	echo "# skipped the full-disk and read-only cases: cannot mount a tmpfs here"
fi

# Standard output that cannot be written.
P=$TMP/pack
cp -r "$TOP/tests/data/pack-small" "$P"
if [ -w /dev/full ]; then
	"$VB" check "$P" >/dev/full 2>"$TMP/err"
	expect "/dev/full: check exits 2" test $? -eq 2
	expect "/dev/full: check says stdout failed" grep -q "standard output: cannot write" "$TMP/err"
	"$VB" --help >/dev/full 2>/dev/null
	expect "/dev/full: --help exits 2" test $? -eq 2
	sh "$TOP/tests/data/pack-small/make-media" "$P" >/dev/null 2>&1
	"$VB" build "$P" -o "$TMP/bundles" --lang ar --level no-schooling --json - >/dev/full 2>"$TMP/err"
	expect "/dev/full: build --json - exits 2" test $? -eq 2
	expect "/dev/full: build says stdout failed" grep -q "standard output: cannot write" "$TMP/err"
	b=$(ls "$TMP/bundles"/*.vvb 2>/dev/null | head -n 1)
	expect "/dev/full: the bundle itself was built" test -n "$b"
	"$VB" info "$b" >/dev/full 2>"$TMP/err"
	expect "/dev/full: info exits 2" test $? -eq 2
	expect "/dev/full: info says stdout failed" grep -q "standard output: cannot write" "$TMP/err"
	"$VB" info "$b" >/dev/null 2>&1
	expect "info to a working stdout exits 0" test $? -eq 0

	# build --json FILE where FILE cannot be written: old report kept.
	J=$TMP/jdisk
	mkdir -p "$J"
	if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=16k tmpfs "$J" 2>/dev/null; then
		echo '{"old": true}' >"$J/report.json"
		dd if=/dev/zero of="$J/fill" bs=4k count=8 2>/dev/null
		"$VB" build "$P" -o "$TMP/bundles" --lang ar --level no-schooling --json "$J/report.json" >/dev/null 2>"$TMP/err"
		expect "full disk: build --json FILE exits 2" test $? -eq 2
		expect "full disk: the old report is kept" grep -qx '{"old": true}' "$J/report.json"
		expect "full disk: build --json names the report" grep -q "^$J/report.json: cannot write: No space left on device" "$TMP/err"
		expect "full disk: no temporary report left" no_temps "$J"
		rm -f "$J/fill"
		mount -o remount,ro "$J"
		"$VB" build "$P" -o "$TMP/bundles" --lang ar --level no-schooling --json "$J/report.json" >/dev/null 2>"$TMP/err"
		expect "read-only: build --json FILE exits 2" test $? -eq 2
		expect "read-only: the old report is kept" grep -qx '{"old": true}' "$J/report.json"
		"$VB" build "$P" -o "$TMP/bundles-ro" --lang ar --level no-schooling --json "$J/report.json" >/dev/null 2>"$TMP/err"
		expect "read-only report folder: build exits 2" test $? -eq 2
		expect "read-only report folder: found before building, no bundle written" \
			test -z "$(ls "$TMP/bundles-ro" 2>/dev/null | grep vvb)"
		expect "read-only report folder: one line naming the report" \
			sh -c "test \$(wc -l <'$TMP/err') -eq 1 && grep -q '^$J/report.json: ' '$TMP/err'"
		umount "$J"
	fi
else
	echo "# skipped the /dev/full cases: no /dev/full"
fi

# A report that cannot be written is found before an hour-long build,
# not after it: a missing folder for --json FILE.
"$VB" build "$P" -o "$TMP/bundles-nodir" --json "$TMP/nodir/report.json" >/dev/null 2>"$TMP/err"
expect "report in a missing folder: build exits 2" test $? -eq 2
expect "report in a missing folder: no bundle written" \
	test -z "$(ls "$TMP/bundles-nodir" 2>/dev/null | grep vvb)"
expect "report in a missing folder: one line naming the report" \
	sh -c "test \$(wc -l <'$TMP/err') -eq 1 && grep -q '^$TMP/nodir/report.json: ' '$TMP/err'"
