# The modules of both programs call each other one way only: no object
# file of common/, builder/ or player/ takes a symbol from another that
# (directly or round a loop) takes one from it (issue 12: ui.c and its
# screens, group.c and console.c, pack.c and subtitle.c did). The checker
# itself is shown to find a loop made on purpose.
. "$TOP/tests/lib.sh"

case "$BUILD" in /*) obj=$BUILD/obj ;; *) obj=$TOP/$BUILD/obj ;; esac
DC="$TOP/tests/tools/dep-cycles"

# A loop on purpose: a.o needs b.o and b.o needs a.o; c.o only needs a.o.
mkdir -p "$TMP/obj/x"
printf 'int b(void);\nint a(void);\nint a(void) { return b(); }\n' \
	>"$TMP/a.c"
printf 'int a(void);\nint b(void);\nint b(void) { return a() + 1; }\n' \
	>"$TMP/b.c"
printf 'int a(void);\nint c(void);\nint c(void) { return a(); }\n' \
	>"$TMP/c.c"
for f in a b c; do
	cc -c "$TMP/$f.c" -o "$TMP/obj/x/$f.o" ||
		{ fail "dep cycles: fixture" "cc failed"; exit 1; }
done
out=$("$DC" "$TMP/obj" x)
rc=$?
if [ "$rc" -eq 1 ] && [ "$out" = "$(printf 'x/a.o\nx/b.o')" ]; then
	pass "dep cycles: a loop made on purpose is found"
else
	fail "dep cycles: a loop made on purpose is found" "rc $rc: $out"
fi
rm "$TMP/obj/x/b.o"
"$DC" "$TMP/obj" x >/dev/null
expect "dep cycles: without the loop nothing is found" [ $? -eq 0 ]

if [ ! -d "$obj/player/ui" ] || [ ! -d "$obj/builder" ]; then
	fail "dep cycles: objects" "no objects in $obj; run make first"
	exit 1
fi
if out=$("$DC" "$obj" common builder player); then
	pass "dep cycles: common, builder and player depend one way only"
else
	fail "dep cycles: common, builder and player depend one way only" \
		"$(echo "$out" | tr '\n' ' ')"
fi
