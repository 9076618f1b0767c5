# Output errors: an OUTDIR that cannot be created or written, a full disk
# (a small tmpfs when this runs as root) and a write that fails part-way
# (a file size limit): each gives a one-line error, a non-zero exit and no
# partial bundle or stray file.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }

# one_line NAME RC: the last command's status RC must be non-zero and
# $TMP/err must hold exactly one line.
one_line() {
	n=$(wc -l <"$TMP/err")
	if [ "$2" -ne 0 ] && [ "$n" -eq 1 ]; then
		pass "$1"
	else
		fail "$1" "exit $2, $n lines: $(head -n 3 "$TMP/err" | tr '\n' '|')"
	fi
}

# OUTDIR below a regular file: cannot be created, even by root.
: >"$TMP/file"
"$VB" build "$P" -o "$TMP/file/out" >/dev/null 2>"$TMP/err"
one_line "OUTDIR that cannot be created: one-line error" $?
expect "the error names OUTDIR" grep -q "^$TMP/file/out: " "$TMP/err"

if [ "$(id -u)" -ne 0 ]; then
	mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
	"$VB" build "$P" -o "$TMP/ro" >/dev/null 2>"$TMP/err"
	one_line "read-only OUTDIR: one-line error" $?
	expect "nothing written to the read-only OUTDIR" [ -z "$(ls -A "$TMP/ro")" ]
	chmod 755 "$TMP/ro"
fi

# check_clean NAME DIR: no stray files, no temp bundles, and any bundle
# there is complete.
check_clean() {
	ok=1
	[ -z "$(stray "$2")" ] || ok=0
	ls -A "$2" | grep -q '\.vvb\.tmp-' && ok=0
	for f in "$2"/*.vvb; do
		[ -e "$f" ] || continue
		"$VB" verify "$f" >/dev/null 2>&1 || ok=0
	done
	expect "$1" [ $ok -eq 1 ]
}

# A write that fails part-way. The media cache is filled first, so that
# the bundle writer is what hits the limit.
O=$TMP/limit
"$VB" build "$P" -o "$O" >/dev/null 2>&1
rm -f "$O"/*.vvb
touch "$P/pack.xml"
(trap '' XFSZ; ulimit -f 20; exec "$VB" build "$P" -o "$O" -j 1) \
	>/dev/null 2>"$TMP/err"
one_line "a write that fails part-way: one-line error" $?
expect "the error says the write failed" grep -q 'cannot write' "$TMP/err"
check_clean "after a failed write: no partial bundle, no stray file" "$O"

# A full disk: a tmpfs too small for the bundles (needs root).
M=$TMP/full
mkdir "$M"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=300k tmpfs "$M" 2>/dev/null; then
	trap 'umount "$M" 2>/dev/null; rm -rf "$TMP"' EXIT
	"$VB" build "$P" -o "$M" -j 1 >/dev/null 2>"$TMP/err"
	one_line "full disk: one-line error" $?
	expect "the error says the disk is full" grep -q 'No space left on device' "$TMP/err"
	check_clean "after a full disk: no partial bundle, no stray file" "$M"
	umount "$M"
	trap 'rm -rf "$TMP"' EXIT
else
	echo "# skipped the full-disk case: cannot mount a tmpfs here"
fi

# A missing media file: one line naming it, no bundle that needs it.
rm "$P/media/ar/welcome.wav"
"$VB" build "$P" -o "$TMP/missing" -j 1 >/dev/null 2>"$TMP/err"
one_line "missing media file: one-line error" $?
expect "the error names the missing file" grep -q 'media/ar/welcome.wav' "$TMP/err"
expect "nothing was written" [ -z "$(ls "$TMP/missing" | grep vvb)" ]
check_clean "after a missing media file: no partial bundle, no stray file" "$TMP/missing"
