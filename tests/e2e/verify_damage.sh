# veiviser-build verify refuses damaged bundles: a flipped byte in the
# manifest, a member's data, a tar header, tar padding and the end-of-
# archive trailer; a truncated file; a missing member; an unlisted member;
# a malformed manifest. Each gives exit 1 and one line naming the bundle.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
"$VB" build "$P" -o "$TMP/out" --lang ar --level no-schooling >/dev/null 2>&1
B=$TMP/out/pack-small-1.0.0-ar-no-schooling.vvb
[ -f "$B" ] || { fail build "no bundle"; exit 1; }
"$VB" verify "$B" >/dev/null 2>&1
expect "the intact bundle verifies" [ $? -eq 0 ]

# flip FILE OFFSET: changes the byte at OFFSET.
flip() {
	v=$(od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' ')
	v=$(( (v + 1) % 256 ))
	printf "\\$(printf %03o "$v")" |
		dd of="$1" bs=1 seek="$2" count=1 conv=notrunc 2>/dev/null
}

# damaged NAME FILE: verify must exit 1 with one line naming FILE.
damaged() {
	"$VB" verify "$2" >"$TMP/v.out" 2>"$TMP/v.err"
	rc=$?
	lines=$(wc -l <"$TMP/v.err")
	if [ $rc -eq 1 ] && [ "$lines" -eq 1 ] &&
	   grep -q "^$2: " "$TMP/v.err"; then
		pass "$1"
	else
		fail "$1" "rc=$rc, $lines lines: $(head -n 2 "$TMP/v.err")"
	fi
}

size=$(stat -c %s "$B")
msize=$(tar tvf "$B" | head -n 1 | awk '{print $3}')
mblocks=$(( (msize + 511) / 512 ))
hdr2=$(( 512 + mblocks * 512 ))      # header of the first media member

for case in manifest:600 header:$((hdr2 + 3)) checksum:$((hdr2 + 150)) \
	    data:$((hdr2 + 512 + 20)) padding:$((512 + msize)) \
	    trailer:$((size - 700)) last-byte:$((size - 1)); do
	name=${case%%:*}
	off=${case#*:}
	cp "$B" "$TMP/d.vvb"
	flip "$TMP/d.vvb" "$off"
	damaged "flipped byte in the $name (offset $off) is refused" "$TMP/d.vvb"
done

head -c $((size - 1024)) "$B" >"$TMP/d.vvb"
damaged "a truncated bundle (trailer cut) is refused" "$TMP/d.vvb"
head -c $((hdr2 + 700)) "$B" >"$TMP/d.vvb"
damaged "a bundle truncated inside a member is refused" "$TMP/d.vvb"
: >"$TMP/d.vvb"
damaged "an empty file is refused" "$TMP/d.vvb"

# Re-pack with GNU tar (same ustar layout) to drop or add members.
mkdir "$TMP/x"
(cd "$TMP/x" && tar xf "$B") || fail extract "tar xf failed"
(cd "$TMP/x" && tar --format=ustar --owner=0 --group=0 --numeric-owner \
	--mtime=@0 -cf "$TMP/d.vvb" manifest.xml media/* manifest.sha256)
"$VB" verify "$TMP/d.vvb" >/dev/null 2>&1
expect "a faithful re-pack still verifies (control)" [ $? -eq 0 ]
first=$(cd "$TMP/x" && ls media/* | head -n 1)
rest=$(cd "$TMP/x" && ls media/* | tail -n +2)
(cd "$TMP/x" && tar --format=ustar --owner=0 --group=0 --numeric-owner \
	--mtime=@0 -cf "$TMP/d.vvb" manifest.xml $rest manifest.sha256)
damaged "a missing member is refused" "$TMP/d.vvb"
echo extra >"$TMP/x/media/extra"
(cd "$TMP/x" && tar --format=ustar --owner=0 --group=0 --numeric-owner \
	--mtime=@0 -cf "$TMP/d.vvb" manifest.xml $first $rest media/extra \
	manifest.sha256)
damaged "an unlisted member is refused" "$TMP/d.vvb"
rm "$TMP/x/media/extra"
# A malformed manifest whose checksum matches: the XML itself is refused.
head -c 300 "$TMP/x/manifest.xml" >"$TMP/x/m" && mv "$TMP/x/m" "$TMP/x/manifest.xml"
sha256sum "$TMP/x/manifest.xml" | cut -c1-64 >"$TMP/x/manifest.sha256"
(cd "$TMP/x" && tar --format=ustar --owner=0 --group=0 --numeric-owner \
	--mtime=@0 -cf "$TMP/d.vvb" manifest.xml media/* manifest.sha256)
damaged "a malformed manifest is refused" "$TMP/d.vvb"

# Several bundles: the good one is reported intact, the exit is still 1.
cp "$B" "$TMP/d.vvb"
flip "$TMP/d.vvb" 600
"$VB" verify "$B" "$TMP/d.vvb" >"$TMP/v.out" 2>"$TMP/v.err"
rc=$?
expect "verify of a good and a bad bundle exits 1" [ $rc -eq 1 ]
expect "the good one is reported intact" grep -q "^$B: intact" "$TMP/v.out"
"$VB" verify "$TMP/nonexistent.vvb" >/dev/null 2>"$TMP/v.err"
expect "a missing bundle file: exit 2 (I/O), one line" [ $? -eq 2 ] && [ "$(wc -l <"$TMP/v.err")" -eq 1 ]
"$VB" info "$TMP/d.vvb" >/dev/null 2>"$TMP/v.err"
expect "info refuses a damaged bundle with one line" [ $? -eq 1 ] && [ "$(wc -l <"$TMP/v.err")" -eq 1 ]
