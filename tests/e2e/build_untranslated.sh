# A language at 0 % is an error of check, so build ships no bundle for it:
# one line names the .po (or the missing file) and why, the other
# languages are built, the exit status is 1 (a problem in the inputs) and
# --json lists the language. The source language is never at 0 %.
. "$TOP/tests/lib.sh"
P=$TMP/pack
# jqt ARGS...: jq -e, quiet; succeeds when the filter's last value is true.
jqt() { jq -e "$@" >/dev/null; }
cp -r "$TOP/tests/data/pack-small" "$P"
sh "$TOP/tests/data/pack-small/make-media" "$P" >/dev/null 2>&1 ||
	{ fail fixture "make-media failed"; exit 1; }
# so: listed, no po/so.po at all. en: a .po with every msgstr empty.
sed -i 's|<languages>nb ar ti</languages>|<languages>nb ar ti so en</languages>|' \
	"$P/pack.xml"
printf 'ar\nti\nen\n' >"$P/po/LINGUAS"
# The template with its msgstrs still empty, as a translator gets it.
sed -e 's|^"Language: .*"$|"Language: en\\n"|' \
	-e 's|charset=CHARSET|charset=UTF-8|' "$P/po/pack.pot" >"$P/po/en.po"
expect "fixture: en.po has no translated text" \
	sh -c "msgattrib --translated '$P/po/en.po' 2>/dev/null | grep -q '^msgid \"[^\"]' && exit 1 || exit 0"

"$VB" check "$P" >"$TMP/check" 2>&1
expect "check: calls both languages errors" \
	sh -c "grep -q '^error: .*po/so.po.*0 %' '$TMP/check' && grep -q '^error: .*po/en.po.*0 %' '$TMP/check'"

O=$TMP/bundles
"$VB" build "$P" -o "$O" --level no-schooling >"$TMP/out" 2>"$TMP/err"
expect "build: exits 1 (a problem in the inputs)" test $? -eq 1
expect "build: no bundle in the language without a .po" \
	test ! -e "$O/pack-small-1.0.0-so-no-schooling.vvb"
expect "build: no bundle in the language at 0 %" \
	test ! -e "$O/pack-small-1.0.0-en-no-schooling.vvb"
for l in nb ar ti; do
	expect "build: the $l bundle is still built" \
		test -s "$O/pack-small-1.0.0-$l-no-schooling.vvb"
done
expect "build: one line names the missing po/so.po and why" \
	test "$(grep -c "^$P/po/so.po: .*0 %" "$TMP/err")" -eq 1
expect "build: one line names po/en.po and why" \
	test "$(grep -c "^$P/po/en.po: .*0 %" "$TMP/err")" -eq 1
expect "build: nothing said about the source language" \
	sh -c "! grep -q 'nb.po' '$TMP/err'"

"$VB" build "$P" -o "$O" --level no-schooling --json "$TMP/r.json" \
	>/dev/null 2>"$TMP/err"
expect "build --json: exits 1 also when the rest is unchanged" test $? -eq 1
expect "build --json: valid JSON" jqt . "$TMP/r.json"
expect "build --json: not ok" jqt '.ok == false' "$TMP/r.json"
expect "build --json: lists both languages at 0 %" \
	jqt '[.untranslated[].lang] | sort == ["en", "so"]' "$TMP/r.json"
expect "build --json: says the .po of so is missing" \
	jqt --arg f "$P/po/so.po" \
	'.untranslated[] | select(.lang == "so") | .file == $f and .missing == true' \
	"$TMP/r.json"
expect "build --json: en's .po is there but has no translated text" \
	jqt '.untranslated[] | select(.lang == "en") | .missing == false' \
	"$TMP/r.json"
expect "build --json: the en bundle is not built" \
	jqt '.bundles[] | select(.lang == "en") | .status == "untranslated"' \
	"$TMP/r.json"
expect "build --json: the other bundles are" \
	jqt '[.bundles[] | select(.lang == "nb" or .lang == "ar" or .lang == "ti") | .status] == ["unchanged", "unchanged", "unchanged"]' \
	"$TMP/r.json"

# --strict refuses every error: nothing is written.
rm -rf "$O"
"$VB" build "$P" -o "$O" --level no-schooling --strict >/dev/null 2>"$TMP/err"
expect "--strict: exits 1" test $? -eq 1
expect "--strict: writes no bundle" test -z "$(ls "$O"/*.vvb 2>/dev/null)"

# Only the other languages asked for: exit 0.
"$VB" build "$P" -o "$O" --lang nb,ar --level no-schooling >/dev/null 2>"$TMP/err"
expect "build --lang nb,ar: exits 0" test $? -eq 0
expect "build --lang nb,ar: says nothing about so or en" test ! -s "$TMP/err"

# One text translated is no longer 0 %: the bundle is built.
awk 'BEGIN { done = 0 }
/^msgid "[^"]/ && !done { print; getline; print "msgstr \"Hello\""; done = 1; next }
{ print }' "$P/po/en.po" >"$TMP/en.po" && cp "$TMP/en.po" "$P/po/en.po"
"$VB" build "$P" -o "$O" --lang en --level no-schooling >/dev/null 2>"$TMP/err"
expect "build: one translated text is enough for a bundle" \
	test -s "$O/pack-small-1.0.0-en-no-schooling.vvb"

# A bundle an earlier build wrote for a language now at 0 % is removed.
cp "$TOP/tests/data/pack-small/po/ar.po" "$TMP/ar.po"
"$VB" build "$P" -o "$O" --lang ar --level no-schooling >/dev/null 2>&1
expect "fixture: the ar bundle is there" \
	test -s "$O/pack-small-1.0.0-ar-no-schooling.vvb"
sed -i 's|^msgstr "[^"].*|msgstr ""|' "$P/po/ar.po"
"$VB" build "$P" -o "$O" --lang ar --level no-schooling >/dev/null 2>"$TMP/err"
expect "build: exits 1 once ar is at 0 %" test $? -eq 1
expect "build: the earlier ar bundle is not left to be shipped" \
	test ! -e "$O/pack-small-1.0.0-ar-no-schooling.vvb"
