# What check calls an error is never shipped: a translation with a missing
# {placeholder}, unbalanced <b> or 50,000 characters is replaced by the
# source text (marked fallback, the reason printed with FILE:LINE of the
# msgstr); one over its budget that the player still fits is shipped and
# reported; --strict refuses every error; exit codes follow the man page.
. "$TOP/tests/lib.sh"
P=$TMP/pack
cp -r "$TOP/tests/data/pack-small" "$P"
sh "$TOP/tests/data/pack-small/make-media" "$P" >/dev/null 2>&1 ||
	{ fail fixture "make-media failed"; exit 1; }
A=$P/po/ar.po
long=$(head -c 50000 /dev/zero | tr '\0' 'x')
# welcome/li.2 (budget 90): 150 characters, which the player fits.
fits=$(head -c 150 /dev/zero | tr '\0' 'y')
sed -i -e 's|^msgstr "اسم مرشدك {name}."|msgstr "اسم مرشدك."|' \
	-e 's|^msgstr "تخبرك هذه الحزمة عن <b>الإرشاد المهني</b>."|msgstr "تخبرك هذه الحزمة عن <b>الإرشاد المهني."|' \
	-e "s|^msgstr \"ما هو الإرشاد المهني\"|msgstr \"$long\"|" \
	-e "s|^msgstr \"ماذا يحدث في الاجتماع\"|msgstr \"$fits\"|" "$A"
l_ph=$(grep -n '^msgstr "اسم مرشدك."' "$A" | cut -d: -f1)
l_mk=$(grep -n '^msgstr "تخبرك هذه' "$A" | cut -d: -f1)

"$VB" check "$P" >"$TMP/check" 2>&1
expect "check: exits 1 on errors" test $? -eq 1
expect "check: placeholder error points at the msgstr line" \
	grep -q "^error: $A:$l_ph: meeting/p.1: placeholder {name} is missing" "$TMP/check"
expect "check: markup error points at the msgstr line" \
	grep -q "^error: $A:$l_mk: welcome/p.1: inline markup differs" "$TMP/check"
expect "check: says the source text is shown until fixed" \
	grep -q "meeting/p.1: .*until then bundles show the source text" "$TMP/check"
expect "check: 50,000 characters is an error" \
	grep -q "^error: .*welcome/li.1: the translation is 50000 characters, more than the player can fit" "$TMP/check"
expect "check: 150 characters where 90 fit is a warning" \
	grep -q "^warning: .*welcome/li.2: the translation is 150 characters, over the budget of 90" "$TMP/check"

O=$TMP/bundles
"$VB" build "$P" -o "$O" --lang ar --level no-schooling >"$TMP/out" 2>"$TMP/err"
expect "build: exits 0, shipping the source text instead" test $? -eq 0
B=$O/pack-small-1.0.0-ar-no-schooling.vvb
tar xOf "$B" manifest.xml >"$TMP/manifest.xml"
expect "build: refused placeholder translation not shipped" \
	sh -c "! grep -q 'اسم مرشدك.<' '$TMP/manifest.xml'"
expect "build: the source text stands in, marked fallback" \
	grep -q '<p fallback="true">Veilederen din heter {name}.</p>' "$TMP/manifest.xml"
expect "build: unbalanced markup not shipped" \
	grep -q '<p fallback="true">Denne pakken forteller deg om &lt;b&gt;karriereveiledning&lt;/b&gt;.</p>' "$TMP/manifest.xml"
expect "build: 50,000 characters not shipped" \
	sh -c "! grep -q xxxxxxxxxx '$TMP/manifest.xml'"
expect "build: a translation the player fits is shipped" grep -q "<li>$fits</li>" "$TMP/manifest.xml"
expect "build: coverage counts the three refused texts as fallbacks" \
	grep -q '<coverage total="14" translated="11" fallback="3"/>' "$TMP/manifest.xml"
expect "build: says why, at the msgstr line" \
	grep -q "^$A:$l_ph: meeting/p.1: placeholder {name} is missing.*the source text is shipped instead" "$TMP/err"
expect "build: reports the over-budget text it shipped" \
	grep -q "^$A:[0-9]*: warning: welcome/li.2: the translation is 150 characters" "$TMP/err"
# The JSON report says why, also when the bundle is up to date.
"$VB" build "$P" -o "$O" --lang ar --level no-schooling --json "$TMP/r.json" >/dev/null 2>&1
expect "build --json: exits 0 (bundle unchanged)" test $? -eq 0
expect "build --json: lists the refused placeholder translation with its line" \
	grep -q "{\"lang\": \"ar\", \"file\": \"$A\", \"line\": $l_ph, \"msgctxt\": \"meeting/p.1\", \"kind\": \"placeholder\"" "$TMP/r.json"
expect "build --json: three refused in all" test "$(grep -c '"kind": ' "$TMP/r.json")" -eq 3
expect "build --json: valid JSON" sh -c "python3 -m json.tool '$TMP/r.json' >/dev/null"
"$VB" info "$B" >"$TMP/info" 2>&1
expect "info: marks the refused texts as source-language text" \
	grep -q '3 shown in the source language' "$TMP/info"

rm -rf "$O"
"$VB" build "$P" -o "$O" --lang ar --level no-schooling --strict >"$TMP/out" 2>"$TMP/err"
expect "--strict: exits 1" test $? -eq 1
expect "--strict: writes no bundle" test -z "$(ls "$O"/*.vvb 2>/dev/null)"
expect "--strict: names the placeholder error" grep -q "meeting/p.1: placeholder {name} is missing" "$TMP/err"
expect "--strict: names the markup error" grep -q "welcome/p.1: inline markup differs" "$TMP/err"

# Only the over-budget text left: --strict builds (it is no error).
cp "$TOP/tests/data/pack-small/po/ar.po" "$A"
sed -i "s|^msgstr \"ماذا يحدث في الاجتماع\"|msgstr \"$fits\"|" "$A"
"$VB" build "$P" -o "$O" --lang ar --level no-schooling --strict >"$TMP/out" 2>"$TMP/err"
expect "--strict: a text the player fits is no error" test $? -eq 0

# A source text over its budget is an error of check, so --strict refuses.
sed -i 's|<li>Hva karriereveiledning er</li>|<li>'"$(head -c 100 /dev/zero | tr '\0' 'z')"'</li>|' "$P/pack.xml"
"$VB" build "$P" -o "$TMP/o2" --lang nb --level no-schooling --strict >"$TMP/out" 2>"$TMP/err"
expect "--strict: a source text over its budget is refused" test $? -eq 1
expect "--strict: names the long source text" grep -q "pack.xml:[0-9]*: --strict: welcome/li.1: the source text is 100 characters" "$TMP/err"

# Exit codes: 1 for a problem in the inputs, 2 for usage and I/O.
echo '<pack' >"$TMP/bad.xml"
mkdir -p "$TMP/badpack" && cp "$TMP/bad.xml" "$TMP/badpack/pack.xml"
for cmd in check pot update-po; do
	"$VB" $cmd "$TMP/badpack" >/dev/null 2>&1
	expect "exit codes: $cmd on a malformed pack.xml exits 1" test $? -eq 1
done
"$VB" build "$TMP/badpack" -o "$TMP/o3" >/dev/null 2>&1
expect "exit codes: build on a malformed pack.xml exits 1" test $? -eq 1
for cmd in check pot update-po; do
	"$VB" $cmd "$TMP/nowhere" >/dev/null 2>&1
	expect "exit codes: $cmd on a missing folder exits 2" test $? -eq 2
done
"$VB" build "$TMP/nowhere" -o "$TMP/o3" >/dev/null 2>&1
expect "exit codes: build on a missing folder exits 2" test $? -eq 2
"$VB" build "$P" >/dev/null 2>&1
expect "exit codes: build without -o exits 2" test $? -eq 2
printf 'not a tar' >"$TMP/bad.vvb"
"$VB" verify "$TMP/bad.vvb" >/dev/null 2>&1
expect "exit codes: verify on a damaged bundle exits 1" test $? -eq 1
"$VB" info "$TMP/bad.vvb" >/dev/null 2>&1
expect "exit codes: info on a damaged bundle exits 1" test $? -eq 1
"$VB" verify "$TMP/nowhere.vvb" >/dev/null 2>&1
expect "exit codes: verify on a missing file exits 2" test $? -eq 2
"$VB" info "$TMP/nowhere.vvb" >/dev/null 2>&1
expect "exit codes: info on a missing file exits 2" test $? -eq 2
cp -r "$P" "$TMP/badpo"
printf 'msgid "unterminated\n' >>"$TMP/badpo/po/ar.po"
"$VB" build "$TMP/badpo" -o "$TMP/o4" --lang ar >/dev/null 2>"$TMP/err"
expect "exit codes: build with a malformed .po exits 1" test $? -eq 1
expect "exit codes: the malformed .po is named" grep -q "^$TMP/badpo/po/ar.po:" "$TMP/err"
