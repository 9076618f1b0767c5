# update-po on catalogues whose header msgmerge itself refuses, though
# check and build read them: a Windows editor's windows-1252 with CRLF
# line ends, a hand-written charset=utf8, a header without Content-Type.
# Each is merged as UTF-8 and keeps its translations.
. "$TOP/tests/lib.sh"
P=$TMP/pack
cp -r "$TOP/tests/data/pack-small" "$P"
sed -i 's|<languages>nb ar ti</languages>|<languages>nb ar ti nn</languages>|' "$P/pack.xml"
echo nn >>"$P/po/LINGUAS"

# msgfmt_ok FILE: msgfmt --check accepts it (its warnings on missing
# header fields are no concern here).
msgfmt_ok() { msgfmt --check -o /dev/null "$1" 2>/dev/null; }

# merged NAME: update-po exits 0, nn.po says UTF-8, msgfmt accepts it.
merged() {
	"$VB" update-po "$P" >"$TMP/out" 2>"$TMP/err"
	expect "$1: update-po exits 0" test $? -eq 0
	expect "$1: nothing on stderr" test ! -s "$TMP/err"
	expect "$1: now declares UTF-8" \
		grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"' "$P/po/nn.po"
	expect "$1: msgfmt --check accepts it" \
		msgfmt_ok "$P/po/nn.po"
}

# Notepad on Windows: cp1252 bytes (curly quotes 0x93/0x94, æ), CRLF.
{
	printf 'msgid ""\r\nmsgstr ""\r\n"Language: nn\\n"\r\n'
	printf '"Content-Type: text/plain; charset=windows-1252\\n"\r\n\r\n'
	printf 'msgctxt "welcome/heading"\r\nmsgid "Velkommen"\r\n'
	printf 'msgstr "\223Velkomen\224, k\346re deg"\r\n'
} >"$P/po/nn.po"
"$VB" check "$P" >/dev/null 2>&1
expect "windows-1252: check reads it" test $? -ne 2
merged "windows-1252"
expect "windows-1252: translation kept, as UTF-8" \
	grep -qx 'msgstr "“Velkomen”, kære deg"' "$P/po/nn.po"
expect "windows-1252: says it converted" grep -q 'nn.po: .*converted to UTF-8' "$TMP/out"

# A hand-edited header: "utf8" is not a name msgmerge accepts.
cat >"$P/po/nn.po" <<'PO'
msgid ""
msgstr ""
"Language: nn\n"
"Content-Type: text/plain; charset=utf8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgctxt "welcome/heading"
msgid "Velkommen"
msgstr "Velkomen, kjære"
PO
merged "charset=utf8"
expect "charset=utf8: translation kept" grep -qx 'msgstr "Velkomen, kjære"' "$P/po/nn.po"

# No Content-Type at all: check reads it as UTF-8, so does update-po.
cat >"$P/po/nn.po" <<'PO'
# Nynorsk, typed by hand.
msgid ""
msgstr ""
"Project-Id-Version: pack-small\n"
"Language: nn\n"

#, fuzzy
#| msgid "Velkomen"
msgctxt "welcome/heading"
msgid "Velkommen"
msgstr "Velkomen, kjære"
PO
merged "no Content-Type"
expect "no Content-Type: fuzzy translation kept" \
	grep -qx 'msgstr "Velkomen, kjære"' "$P/po/nn.po"
expect "no Content-Type: translator comment kept" \
	grep -qx '# Nynorsk, typed by hand.' "$P/po/nn.po"
expect "no Content-Type: other header fields kept" \
	grep -q '^"Project-Id-Version: pack-small\\n"' "$P/po/nn.po"

# A Content-Type that names no charset.
cat >"$P/po/nn.po" <<'PO'
msgid ""
msgstr ""
"Language: nn\n"
"Content-Type: text/plain\n"

msgctxt "welcome/heading"
msgid "Velkommen"
msgstr "Velkomen, kjære"
PO
merged "Content-Type without charset"
expect "Content-Type without charset: translation kept" \
	grep -qx 'msgstr "Velkomen, kjære"' "$P/po/nn.po"

# A note above the header, set off by a blank line.
cat >"$P/po/nn.po" <<'PO'
# Nynorsk translation of pack-small.

msgid ""
msgstr ""
"Language: nn\n"
"Content-Type: text/plain; charset=utf8\n"

msgctxt "welcome/heading"
msgid "Velkommen"
msgstr "Velkomen, kjære"
PO
merged "note above the header"
expect "note above the header: translation kept" \
	grep -qx 'msgstr "Velkomen, kjære"' "$P/po/nn.po"
