# veiviser-build update-po: msgmerge's semantics through libgettextpo.
# Unchanged catalogues round-trip byte for byte; changed strings become
# fuzzy with the previous msgid; new ones are added, removed ones
# obsolete; a non-UTF-8 catalogue is converted; a bad Plural-Forms stops it.
. "$TOP/tests/lib.sh"
P=$TMP/pack
cp -r "$TOP/tests/data/pack-small" "$P"
cp "$P/po/ar.po" "$TMP/ar.orig"
cp "$P/po/ti.po" "$TMP/ti.orig"

"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
expect "update-po: exits 0" test $? -eq 0
expect "update-po: unchanged ar.po round-trips byte-identical" \
	cmp -s "$P/po/ar.po" "$TMP/ar.orig"
expect "update-po: unchanged ti.po round-trips byte-identical" \
	cmp -s "$P/po/ti.po" "$TMP/ti.orig"
expect "update-po: reports per file" grep -q "po/ar.po: unchanged; 17 translated" "$TMP/out"
# Our output is what msgmerge itself would write for it.
msgmerge -q --previous -o "$TMP/mm.po" "$P/po/ti.po" "$P/po/pack.pot"
expect "update-po: output is a msgmerge fixed point" cmp -s "$TMP/mm.po" "$P/po/ti.po"

# Change, add and remove source strings.
sed -i -e 's|<li>Hva som skjer i møtet</li>|<li>Hva som skjer på møtet</li>|' \
	-e 's|<p>Har du spørsmål?</p>|<p>Har du spørsmål?</p><p>Ta med {document} til møtet.</p>|' \
	"$P/pack.xml"
awk '/<slide id="school"/{skip=1} !skip{print} skip&&/<\/slide>/{skip=0}' \
	"$P/pack.xml" >"$TMP/pack.xml" && cp "$TMP/pack.xml" "$P/pack.xml"
"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
expect "update-po: exits 0 after source changes" test $? -eq 0
expect "update-po: changed string is fuzzy with the previous msgid" \
	grep -qx '#| msgid "Hva som skjer i møtet"' "$P/po/ar.po"
grep -B4 -A2 'msgid "Hva som skjer på møtet"' "$P/po/ar.po" >"$TMP/entry"
expect "update-po: changed string keeps its translation" \
	grep -q 'msgstr "ماذا يحدث في الاجتماع"' "$TMP/entry"
expect "update-po: changed string marked fuzzy" grep -qx '#, fuzzy' "$TMP/entry"
expect "update-po: new string added" grep -qx 'msgctxt "meeting/p.3"' "$P/po/ar.po"
expect "update-po: removed string is obsolete" \
	grep -qx '#~ msgctxt "school/heading"' "$P/po/ar.po"
expect "update-po: kept translations stay" \
	grep -qx 'msgstr "هل لديك أسئلة؟"' "$P/po/ar.po"
expect "update-po: msgfmt --check accepts the result" \
	msgfmt --check -o /dev/null "$P/po/ar.po"
msgmerge -q --previous -o "$TMP/mm.po" "$TMP/ar.orig" "$P/po/pack.pot"
expect "update-po: same result as msgmerge --previous" cmp -s "$TMP/mm.po" "$P/po/ar.po"
cp "$P/po/ar.po" "$TMP/ar.merged"
"$VB" update-po "$P" >/dev/null 2>&1
expect "update-po: merged catalogue is stable" cmp -s "$TMP/ar.merged" "$P/po/ar.po"

# A new language in LINGUAS gets a fresh catalogue.
sed -i 's|<languages>nb ar ti</languages>|<languages>nb ar ti nn</languages>|' "$P/pack.xml"
echo nn >>"$P/po/LINGUAS"
"$VB" update-po "$P" >/dev/null 2>"$TMP/err"
expect "update-po: creates po/nn.po for a new language" test -s "$P/po/nn.po"
expect "update-po: new catalogue names its language" grep -q '"Language: nn\\n"' "$P/po/nn.po"
expect "update-po: new catalogue passes msgfmt --check" msgfmt --check -o /dev/null "$P/po/nn.po"

# A catalogue without a header gets one, and keeps its translation.
printf 'msgctxt "welcome/heading"\nmsgid "Velkommen"\nmsgstr "Velkomen"\n' >"$P/po/nn.po"
"$VB" update-po "$P" >/dev/null 2>"$TMP/err"
expect "update-po: header-less catalogue merges" test $? -eq 0
expect "update-po: header added" grep -q '"Language: nn\\n"' "$P/po/nn.po"
expect "update-po: header-less translation kept" grep -qx 'msgstr "Velkomen"' "$P/po/nn.po"

# A catalogue in ISO-8859-1 still works, and comes out as UTF-8.
printf 'msgid ""\nmsgstr ""\n"Language: nn\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgctxt "meeting/p.2"\nmsgid "Har du sp\370rsm\345l?"\nmsgstr "Har du sp\370rsm\345l?"\n\nmsgctxt "welcome/heading"\nmsgid "Velkommen"\nmsgstr "Velkomen, \346\370\345"\n' >"$P/po/nn.po"
"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
expect "update-po: ISO-8859-1 catalogue merges" test $? -eq 0
expect "update-po: converted to UTF-8" grep -q 'charset=UTF-8' "$P/po/nn.po"
expect "update-po: Latin-1 translation kept, now UTF-8" \
	grep -qx 'msgstr "Velkomen, æøå"' "$P/po/nn.po"
expect "update-po: Latin-1 msgid matched" grep -qx 'msgstr "Har du spørsmål?"' "$P/po/nn.po"
expect "update-po: says it converted" grep -q 'nn.po: .*converted to UTF-8' "$TMP/out"

# A bad Plural-Forms header: one line naming file:line, file untouched.
sed -i 's|^"Plural-Forms: .*|"Plural-Forms: nplurals=2; plural=n !=;\\n"|' "$P/po/ti.po"
cp "$P/po/ti.po" "$TMP/ti.bad"
"$VB" update-po "$P" >/dev/null 2>"$TMP/err"
rc=$?
expect "update-po: bad Plural-Forms exits non-zero" test "$rc" -ne 0
expect "update-po: bad Plural-Forms is one line" test "$(wc -l <"$TMP/err")" -eq 1
line=$(grep -n '^"Plural-Forms' "$P/po/ti.po" | cut -d: -f1)
expect "update-po: bad Plural-Forms names file:line" \
	grep -q "^$P/po/ti.po:$line: .*Plural-Forms" "$TMP/err"
expect "update-po: bad catalogue left as it was" cmp -s "$TMP/ti.bad" "$P/po/ti.po"

echo xx >>"$P/po/LINGUAS"
"$VB" update-po "$P" >/dev/null 2>"$TMP/err"
expect "update-po: unknown language in LINGUAS fails" test $? -ne 0
expect "update-po: unknown language lists known codes" \
	grep -q "LINGUAS:[0-9]*: unknown language 'xx'; known codes: .*ti" "$TMP/err"
