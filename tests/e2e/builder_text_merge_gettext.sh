# veiviser-build update-po merges exactly as GNU gettext does: on realistic
# catalogues (a Crowdin export with six plural forms and Language: ar_SA,
# plural and obsolete plural entries, c-format and no-wrap flags, previous
# msgids, ISO-8859-1 and ISO-8859-7 input) its output is byte for byte
# what `msgmerge --previous` writes, and a new language gets the
# Plural-Forms and Language headers msginit would write.
. "$TOP/tests/lib.sh"
P=$TMP/pack
cp -r "$TOP/tests/data/pack-small" "$P"
sed -i 's|<languages>nb ar ti</languages>|<languages>nb ar ti nn ru uk</languages>|' "$P/pack.xml"
printf 'ar\nti\nnn\nru\n' >"$P/po/LINGUAS"

# A Crowdin export: nplurals=6, Language: ar_SA, Crowdin's own fields.
cat >"$P/po/ar.po" <<'EOF'
msgid ""
msgstr ""
"Project-Id-Version: pack-small\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2026-11-01 10:00+0000\n"
"PO-Revision-Date: 2026-11-20 12:31\n"
"Last-Translator: \n"
"Language-Team: Arabic\n"
"Language: ar_SA\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\n"
"X-Crowdin-Project: veiviser\n"
"X-Crowdin-Project-ID: 123456\n"
"X-Crowdin-Language: ar\n"
"X-Crowdin-File: /main/pack.pot\n"
"X-Crowdin-File-ID: 42\n"

#. Kort
#: pack.xml:12
msgctxt "welcome/heading"
msgid "Velkommen"
msgstr "أهلاً وسهلاً"

# Translator: keep it short
#: pack.xml:14
#, fuzzy
#| msgctxt "welcome/li.2"
#| msgid "Hva skjer i møtet"
msgctxt "welcome/li.2"
msgid "Hva som skjer i møtet"
msgstr "ماذا يحدث في الاجتماع"

#: pack.xml:20
#, c-format
msgctxt "meeting/p.1"
msgid "Veilederen din heter {name}."
msgstr "اسم مرشدك {name}."

msgctxt "meeting/p.2"
msgid "Har du spørsmål?"
msgstr "هل لديك أسئلة؟"

#: old.c:20
#, no-wrap
msgctxt "old/p.9"
msgid "Et avsnitt som ikke lenger finnes i pakken, med en lang linje som ikke skal brytes"
msgstr "فقرة لم تعد موجودة في الحزمة، بسطر طويل لا يجب أن يُلف أبداً لأن المترجم طلب ذلك صراحةً"

#: old.c:10
#, c-format
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "لا ملفات"
msgstr[1] "ملف واحد"
msgstr[2] "ملفان"
msgstr[3] "%d ملفات"
msgstr[4] "%d ملفًا"
msgstr[5] "%d ملف"

#~ msgid "%d minute"
#~ msgid_plural "%d minutes"
#~ msgstr[0] "لا دقائق"
#~ msgstr[1] "دقيقة"
#~ msgstr[2] "دقيقتان"
#~ msgstr[3] "%d دقائق"
#~ msgstr[4] "%d دقيقة"
#~ msgstr[5] "%d دقيقة"
EOF

# ISO-8859-1 (a Latin-1 editor) and ISO-8859-7 (a Greek one).
printf 'msgid ""\nmsgstr ""\n"Language: nn\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgctxt "meeting/p.2"\nmsgid "Har du sp\370rsm\345l?"\nmsgstr "Har du sp\370rsm\345l?"\n\nmsgctxt "welcome/heading"\nmsgid "Velkommen"\nmsgstr "Velkomen, \346\370\345"\n\n#~ msgctxt "gone/p.1"\n#~ msgid "Borte"\n#~ msgstr "Vekk \345"\n' >"$P/po/nn.po"
printf 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=ISO-8859-7\\n"\n"Plural-Forms: nplurals=3; plural=(n%%10==1 && n%%100!=11 ? 0 : n%%10>=2 && n%%10<=4 && (n%%100<10 || n%%100>=20) ? 1 : 2);\\n"\n\nmsgctxt "welcome/heading"\nmsgid "Velkommen"\nmsgstr "\312\341\353\347\354\335\361\341"\n\n#, fuzzy\n#| msgid "Hva skjer i motet"\nmsgctxt "welcome/li.2"\nmsgid "Hva skjer i motet"\nmsgstr "\324\351 \343\355\337\355\345\364\341\351"\n' >"$P/po/ru.po"

for l in ar nn ru ti; do cp "$P/po/$l.po" "$TMP/$l.orig"; done
"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
expect "merge: update-po exits 0" test $? -eq 0
expect "merge: nothing on stderr" test ! -s "$TMP/err"

for l in ar nn ru ti; do
	msgmerge --quiet --previous -o "$TMP/$l.mm" "$TMP/$l.orig" "$P/po/pack.pot" 2>/dev/null
	expect "merge: $l.po is byte-identical to msgmerge --previous" \
		cmp "$TMP/$l.mm" "$P/po/$l.po"
	expect "merge: $l.po passes msgfmt --check" \
		msgfmt --check -o /dev/null "$P/po/$l.po"
done

A=$P/po/ar.po
expect "merge: Crowdin's Language: ar_SA stays" grep -qx '"Language: ar_SA\\n"' "$A"
expect "merge: six plural forms kept" grep -q '^"Plural-Forms: nplurals=6;' "$A"
expect "merge: plural entry gone from the template keeps all six forms" \
	grep -qx '#~ msgstr\[5\] "%d ملف"' "$A"
expect "merge: obsolete plural entry keeps all six forms" \
	grep -qx '#~ msgstr\[5\] "%d دقيقة"' "$A"
expect "merge: obsolete plural entry keeps msgid_plural" \
	grep -qx '#~ msgid_plural "%d minutes"' "$A"
expect "merge: c-format flag of a plural entry kept" \
	sh -c "grep -A1 -x '#, c-format' '$A' | grep -qx '#~ msgid \"%d file\"'"
grep -A3 -x '#, no-wrap' "$A" >"$TMP/nowrap"
expect "merge: no-wrap entry keeps its flag and is not rewrapped" \
	grep -qx '#~ msgstr "فقرة لم تعد موجودة في الحزمة، بسطر طويل لا يجب أن يُلف أبداً لأن المترجم طلب ذلك صراحةً"' "$TMP/nowrap"
expect "merge: previous msgid of a fuzzy entry kept" \
	grep -qx '#| msgid "Hva skjer i møtet"' "$A"
expect "merge: translator comment kept" grep -qx '# Translator: keep it short' "$A"
expect "merge: Crowdin fields kept" grep -q '^"X-Crowdin-File-ID: 42\\n"' "$A"
expect "merge: Latin-1 translation kept, as UTF-8" \
	grep -qx 'msgstr "Velkomen, æøå"' "$P/po/nn.po"
expect "merge: Greek translation kept, as UTF-8" \
	grep -qx 'msgstr "Καλημέρα"' "$P/po/ru.po"
expect "merge: obsolete Latin-1 entry kept" grep -qx '#~ msgstr "Vekk å"' "$P/po/nn.po"

# The merged files are a fixed point: a second run changes nothing.
for l in ar nn ru ti; do cp "$P/po/$l.po" "$TMP/$l.once"; done
"$VB" update-po "$P" >"$TMP/out" 2>&1
for l in ar nn ru ti; do
	expect "merge: $l.po is stable on a second run" cmp -s "$TMP/$l.once" "$P/po/$l.po"
done
expect "merge: an unchanged file is reported as such" \
	grep -q 'po/ar.po: unchanged; ' "$TMP/out"

# A new language: msginit's header, with Plural-Forms and Language.
echo uk >>"$P/po/LINGUAS"
"$VB" update-po "$P" >/dev/null 2>"$TMP/err"
expect "new language: exits 0" test $? -eq 0
U=$P/po/uk.po
expect "new language: Language header" grep -qx '"Language: uk\\n"' "$U"
expect "new language: Plural-Forms header with three forms" \
	grep -q '^"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11' "$U"
expect "new language: header is not fuzzy" sh -c "! sed -n '1,/^msgid \"\"/p' '$U' | grep -qx '#, fuzzy'"
expect "new language: nobody is told not to edit it" sh -c "! grep -qi 'do not edit' '$U' '$P/po/pack.pot'"
expect "new language: passes msgfmt --check" msgfmt --check -o /dev/null "$U"
msgmerge --quiet --previous -o "$TMP/uk.mm" "$U" "$P/po/pack.pot"
expect "new language: a msgmerge fixed point" cmp -s "$TMP/uk.mm" "$U"

# The shipped pack's catalogues are already what msgmerge writes.
cp -r "$TOP/content/career-guidance" "$TMP/cg"
"$VB" update-po "$TMP/cg" >/dev/null 2>&1
expect "content: update-po exits 0" test $? -eq 0
for f in "$TOP"/content/career-guidance/po/*.po; do
	expect "content: update-po leaves $(basename "$f") unchanged" \
		cmp -s "$f" "$TMP/cg/po/$(basename "$f")"
done
