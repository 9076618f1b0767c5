# Bad input to pot, update-po and check: each problem is one line that
# names FILE:LINE, the exit status is non-zero, and nothing is written.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/pack_fixture.inc"
# one_line NAME FILE PATTERN: FILE has exactly one line, matching PATTERN.
one_line() {
	if [ "$(wc -l <"$2")" -eq 1 ] && grep -q "$3" "$2"; then
		pass "$1"
	else
		fail "$1" "want one line matching '$3', got: $(head -c 300 "$2")"
	fi
}

# Malformed XML: the tag mismatch on line 14.
fresh xml
sed -i 's|<heading note="Short: must fit one line on a screen">Velkommen</heading>|<heading>Velkommen</headin>|' "$TMP/xml/pack.xml"
cp "$TMP/xml/po/pack.pot" "$TMP/pot.before"
for cmd in pot update-po check; do
	"$VB" $cmd "$TMP/xml" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	expect "bad input: malformed XML, $cmd exits non-zero" test "$rc" -ne 0
	one_line "bad input: malformed XML, $cmd names pack.xml:14" "$TMP/err" \
		"^$TMP/xml/pack.xml:14: .*expected well-formed XML"
done
expect "bad input: malformed XML leaves pack.pot alone" \
	cmp -s "$TMP/pot.before" "$TMP/xml/po/pack.pot"

# Schema violation: a <p> before the heading, line 13 onwards.
fresh schema
sed -i 's|<slide id="school" levels="upper-secondary">|<slide id="school" levels="upper-secondary"><p>Først</p>|' "$TMP/schema/pack.xml"
line=$(grep -n '<slide id="school"' "$TMP/schema/pack.xml" | cut -d: -f1)
for cmd in pot check; do
	"$VB" $cmd "$TMP/schema" >"$TMP/out" 2>"$TMP/err"
	expect "bad input: schema violation, $cmd exits non-zero" test $? -ne 0
	one_line "bad input: schema violation, $cmd names pack.xml:LINE and what was expected" \
		"$TMP/err" "^$TMP/schema/pack.xml:$line: .*expected: <slide .*<heading>"
done
fresh attr
sed -i 's|<slide id="meeting" levels="no-schooling">|<slide id="meeting" level="no-schooling">|' "$TMP/attr/pack.xml"
"$VB" pot "$TMP/attr" >/dev/null 2>"$TMP/err"
expect "bad input: unknown attribute exits non-zero" test $? -ne 0
one_line "bad input: unknown attribute names the element's line" "$TMP/err" \
	"^$TMP/attr/pack.xml:28: Invalid attribute level for element slide"
fresh level
sed -i 's|levels="no-schooling"|levels="lower-secondary"|' "$TMP/level/pack.xml"
"$VB" pot "$TMP/level" >/dev/null 2>"$TMP/err"
expect "bad input: undeclared level exits non-zero" test $? -ne 0
one_line "bad input: undeclared level names pack.xml:28" "$TMP/err" \
	"^$TMP/level/pack.xml:28: .*'lower-secondary'"

# Bad Plural-Forms: check and update-po each say it once.
fresh plural
sed -i 's|^"Plural-Forms: .*|"Plural-Forms: nplurals=2; plural=(n > 1;\\n"|' "$TMP/plural/po/ar.po"
line=$(grep -n '^"Plural-Forms' "$TMP/plural/po/ar.po" | cut -d: -f1)
"$VB" check "$TMP/plural" >/dev/null 2>"$TMP/err"
expect "bad input: bad Plural-Forms, check exits 1" test $? -eq 1
one_line "bad input: bad Plural-Forms, check names po:line" "$TMP/err" \
	"^$TMP/plural/po/ar.po:$line: bad Plural-Forms header"

# A catalogue in ISO-8859-1 works: its translations count.
fresh latin1
sed -i 's|<languages>nb ar ti</languages>|<languages>nb ar ti nn</languages>|' "$TMP/latin1/pack.xml"
printf 'msgid ""\nmsgstr ""\n"Language: nn\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgctxt "meeting/p.2"\nmsgid "Har du sp\370rsm\345l?"\nmsgstr "Har du sp\370rsm\345l?"\n\nmsgctxt "level/no-schooling"\nmsgid "Ingen skolegang"\nmsgstr "Inga skulegang \346\370\345"\n' >"$TMP/latin1/po/nn.po"
"$VB" check "$TMP/latin1" >"$TMP/out" 2>"$TMP/err"
expect "bad input: ISO-8859-1 catalogue, check exits 0" test $? -eq 0
expect "bad input: ISO-8859-1 catalogue, translations counted" \
	grep -Eq '^nn +no-schooling +14 +2 +0 +12 ' "$TMP/out"
expect "bad input: ISO-8859-1 catalogue, no error" test ! -s "$TMP/err"

# A catalogue saved "UTF-8 with BOM" (Notepad, some Windows editors):
# GNU gettext refuses it, so say what to do, not "syntax error"; update-po
# leaves it as it was.
fresh bom
{ printf '\357\273\277'; cat "$TMP/bom/po/ar.po"; } >"$TMP/bom/po/ar.po.new"
mv "$TMP/bom/po/ar.po.new" "$TMP/bom/po/ar.po"
cp "$TMP/bom/po/ar.po" "$TMP/bom.before"
for cmd in check update-po build; do
	if [ $cmd = build ]; then
		"$VB" build "$TMP/bom" -o "$TMP/bom-out" >/dev/null 2>"$TMP/err"
	else
		"$VB" $cmd "$TMP/bom" >/dev/null 2>"$TMP/err"
	fi
	expect "bad input: .po with a BOM, $cmd exits 1" test $? -eq 1
	one_line "bad input: .po with a BOM, $cmd says so once, naming po:1" \
		"$TMP/err" "^$TMP/bom/po/ar.po:1: .*byte order mark.*without"
done
expect "bad input: .po with a BOM, update-po leaves it alone" \
	cmp -s "$TMP/bom.before" "$TMP/bom/po/ar.po"

# Notepad's "Unicode" (UTF-16 little endian, FF FE first), and UTF-32
# with its BOM (FF FE 00 00, which starts like UTF-16's): each named as
# what it is, not "syntax error".
for u in 16 32; do
	fresh u$u
	if [ $u = 16 ]; then
		{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TMP/u16/po/ar.po"; }
	else
		iconv -f UTF-8 -t UTF-32 "$TMP/u32/po/ar.po"
	fi >"$TMP/u$u/po/ar.po.new"
	mv "$TMP/u$u/po/ar.po.new" "$TMP/u$u/po/ar.po"
	cp "$TMP/u$u/po/ar.po" "$TMP/u$u.before"
	for cmd in check update-po; do
		"$VB" $cmd "$TMP/u$u" >/dev/null 2>"$TMP/err"
		expect "bad input: UTF-$u .po, $cmd exits 1" test $? -eq 1
		one_line "bad input: UTF-$u .po, $cmd says so once, naming po:1" \
			"$TMP/err" "^$TMP/u$u/po/ar.po:1: .*UTF-$u.*save it as UTF-8"
	done
	expect "bad input: UTF-$u .po, update-po leaves it alone" \
		cmp -s "$TMP/u$u.before" "$TMP/u$u/po/ar.po"
done

# Placeholder mismatch: one report line naming po:line.
fresh ph
sed -i 's|msgstr "اسم مرشدك {name}."|msgstr "اسم مرشدك {navn}."|' "$TMP/ph/po/ar.po"
line=$(grep -n -x 'msgstr "اسم مرشدك {navn}."' "$TMP/ph/po/ar.po" | cut -d: -f1)
"$VB" check "$TMP/ph" >"$TMP/out" 2>"$TMP/err"
expect "bad input: placeholder mismatch exits 1" test $? -eq 1
grep '^error: ' "$TMP/out" >"$TMP/errors"
one_line "bad input: placeholder mismatch is one line naming po:line" "$TMP/errors" \
	"^error: $TMP/ph/po/ar.po:$line: meeting/p.1: placeholder {name} is missing"

# Missing media: one report line naming pack.xml:line.
fresh mm
rm "$TMP/mm/media/welcome.png"
"$VB" check "$TMP/mm" >"$TMP/out" 2>"$TMP/err"
expect "bad input: missing image exits 1" test $? -eq 1
grep '^error: ' "$TMP/out" >"$TMP/errors"
one_line "bad input: missing image is one line naming pack.xml:21" "$TMP/errors" \
	"^error: $TMP/mm/pack.xml:21: <image> 'media/welcome.png' is missing"

# Missing or broken subtitles stop pot: the template would lack cues.
fresh sub
printf '1\n00:00:01,000 -> 00:00:02,000\nHei\n' >"$TMP/sub/media/film.nb.srt"
"$VB" pot "$TMP/sub" >/dev/null 2>"$TMP/err"
expect "bad input: broken subtitles, pot exits non-zero" test $? -ne 0
one_line "bad input: broken subtitles names the subtitle file:line" "$TMP/err" \
	"^$TMP/sub/media/film.nb.srt:2: expected a timing line"
