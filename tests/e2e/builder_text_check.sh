# veiviser-build check on tests/data/pack-small: coverage per language and
# level, draft mark, text and media findings, JSON, exit codes.
. "$TOP/tests/lib.sh"

. "$TOP/tests/e2e/pack_fixture.inc"
# set_msgstr FILE CTXT TEXT: replaces the one-line msgstr of CTXT.
set_msgstr() {
	awk -v c="msgctxt \"$2\"" -v t="$3" '
		$0 == c { hit = 1 }
		hit && /^msgstr / { print "msgstr \"" t "\""; hit = 0; next }
		{ print }' "$1" >"$1.new" && mv "$1.new" "$1"
}
# line_of FILE CTXT: the line of msgctxt CTXT in FILE.
line_of() {
	grep -n -x "msgctxt \"$2\"" "$1" | cut -d: -f1
}
# msgstr_line_of PO CTXT: the line of that entry's msgstr, where findings
# point (the translator fixes the text there).
msgstr_line_of() {
	awk -v c="msgctxt \"$2\"" '$0 == c { f = 1 } f && /^msgstr/ { print NR; exit }' "$1"
}

fresh ok
"$VB" check "$TMP/ok" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "check: clean pack exits 0" test "$rc" -eq 0
expect "check: complete language at 100%" \
	grep -Eq '^ar +no-schooling +14 +14 +0 +0 +100\.0%' "$TMP/out"
expect "check: level-specific count for ar upper-secondary" \
	grep -Eq '^ar +upper-secondary +13 +13 +0 +0 +100\.0%' "$TMP/out"
expect "check: partial language counts translated, fuzzy, untranslated" \
	grep -Eq '^ti +no-schooling +14 +5 +1 +8 +35\.7% +draft' "$TMP/out"
expect "check: draft mark is a warning" \
	grep -q "^warning: $TMP/ok/po/ti.po: marked as a draft" "$TMP/out"
expect "check: Arabic and Ethiopic question marks raise no warning" \
	sh -c "! grep -q punctuation '$TMP/out' && ! grep -q 'meeting/p.2' '$TMP/out'"
expect "check: summary line" grep -qx 'errors: 0, warnings: 1' "$TMP/out"

"$VB" check "$TMP/ok" --json >"$TMP/json" 2>/dev/null
expect "check --json: exits 0" test $? -eq 0
expect "check --json: one JSON line" test "$(wc -l <"$TMP/json")" -eq 1
expect "check --json: coverage row" grep -q '{"lang":"ti","level":"no-schooling","total":14,"translated":5,"fuzzy":1,"untranslated":8,"percent":35.7,"draft":true,"status":"draft, needs review"}' "$TMP/json"
expect "check --json: counts" grep -q '"errors":0,"warnings":1}$' "$TMP/json"
if command -v python3 >/dev/null 2>&1; then
	expect "check --json: valid JSON" python3 -m json.tool "$TMP/json" >/dev/null
fi

# Translation findings, each with the .po file and line.
fresh tr
po=$TMP/tr/po/ar.po
set_msgstr "$po" meeting/p.1 'اسم مرشدك {nom}.'
set_msgstr "$po" welcome/p.1 'تخبرك هذه الحزمة عن الإرشاد المهني.'
set_msgstr "$po" welcome/heading 'أهلاً وسهلاً أهلاً وسهلاً أهلاً وسهلاً أهلاً وسهلاً أهلاً وسهلاً أهلاً وسهلاً'
set_msgstr "$po" welcome/li.1 ' '
set_msgstr "$po" film/title 'ما هو الإرشاد المهني.'
"$VB" check "$TMP/tr" >"$TMP/out" 2>"$TMP/err"
rc=$?
expect "check: findings exit 1" test "$rc" -eq 1
expect "check: placeholder mismatch names po:line" grep -q \
	"^error: $po:$(msgstr_line_of "$po" meeting/p.1): meeting/p.1: placeholder {name} is missing" "$TMP/out"
expect "check: markup mismatch names po:line" grep -q \
	"^error: $po:$(msgstr_line_of "$po" welcome/p.1): welcome/p.1: inline markup differs" "$TMP/out"
expect "check: heading over its budget, which the player fits, is a warning" grep -q \
	"^warning: $po:$(msgstr_line_of "$po" welcome/heading): welcome/heading: the translation is .* over the budget of 60 for this field; the player shrinks it" "$TMP/out"
expect "check: empty translation" grep -q \
	"^error: $po:$(msgstr_line_of "$po" welcome/li.1): welcome/li.1: the translation is empty" "$TMP/out"
expect "check: full stop for a question is a warning" grep -q \
	"^warning: $po:$(msgstr_line_of "$po" film/title): film/title: the source ends with '?'" "$TMP/out"
expect "check: three errors" grep -q '^errors: 3, warnings: 3$' "$TMP/out"
"$VB" check "$TMP/tr" --json >"$TMP/json" 2>/dev/null
expect "check --json: finding with kind, file, line and msgctxt" grep -q \
	"{\"severity\":\"error\",\"kind\":\"placeholder\",\"file\":\"$po\",\"line\":$(msgstr_line_of "$po" meeting/p.1),\"lang\":\"ar\",\"msgctxt\":\"meeting/p.1\"" "$TMP/json"

# Fuzzy entries are not compared: they are not shipped.
fresh fz
set_msgstr "$TMP/fz/po/ti.po" welcome/p.1 'no markup {x}'
"$VB" check "$TMP/fz" >"$TMP/out" 2>&1
expect "check: fuzzy entries are not checked" test $? -eq 0

# Source text over budget, in pack.xml.
fresh src
sed -i 's|<heading>Møtet med veilederen</heading>|<heading>Møtet med veilederen, som er en person som hjelper deg å velge skole og arbeid</heading>|' "$TMP/src/pack.xml"
"$VB" check "$TMP/src" >"$TMP/out" 2>&1
expect "check: long source heading exits 1" test $? -eq 1
expect "check: long source heading names pack.xml:line" grep -q \
	"^error: $TMP/src/pack.xml:29: meeting/heading: the source text is 78 characters, over the budget of 60" "$TMP/out"

# Media that are missing or broken.
fresh media
rm "$TMP/media/media/ar/welcome.wav"
printf 'not a video' >"$TMP/media/media/film.mp4"
"$VB" check "$TMP/media" >"$TMP/out" 2>"$TMP/err"
expect "check: missing media exits 1" test $? -eq 1
expect "check: missing narration names pack.xml:line" grep -q \
	"^error: $TMP/media/pack.xml:26: <narration> 'media/ar/welcome.wav' is missing or unreadable" "$TMP/out"
expect "check: broken video reported" grep -q "^error: .*film.mp4" "$TMP/out"

# Pack-level problems: unknown language, duplicate id.
fresh lang
sed -i 's|<languages>nb ar ti</languages>|<languages>nb ar ti xx</languages>|' "$TMP/lang/pack.xml"
"$VB" check "$TMP/lang" >"$TMP/out" 2>"$TMP/err"
expect "check: unknown language exits 1" test $? -eq 1
expect "check: unknown language lists the known codes" grep -q \
	"^$TMP/lang/pack.xml:7: unknown language 'xx' in <languages>; known codes: nb, nn, en, .*ti" "$TMP/err"
fresh dup
sed -i 's|<slide id="school"|<slide id="welcome"|' "$TMP/dup/pack.xml"
"$VB" check "$TMP/dup" --json >"$TMP/json" 2>"$TMP/err"
expect "check: duplicate id exits 1" test $? -eq 1
expect "check --json: duplicate id is a finding" grep -q \
	"duplicate item id 'welcome' (first used on line 13)" "$TMP/json"
line=$(grep -n '<slide id="welcome" levels' "$TMP/dup/pack.xml" | cut -d: -f1)
expect "check --json: pack finding has its file and line" grep -q \
	"\"kind\":\"pack\",\"file\":\"$TMP/dup/pack.xml\",\"line\":$line," "$TMP/json"

# A bad .po is a finding of that language; the others are still counted.
fresh pf
sed -i 's|^"Plural-Forms: .*|"Plural-Forms: nplurals=2; plural=n !=;\\n"|' "$TMP/pf/po/ti.po"
"$VB" check "$TMP/pf" >"$TMP/out" 2>"$TMP/err"
expect "check: bad Plural-Forms exits 1" test $? -eq 1
line=$(grep -n '^"Plural-Forms' "$TMP/pf/po/ti.po" | cut -d: -f1)
expect "check: bad Plural-Forms names file:line" grep -q \
	"^$TMP/pf/po/ti.po:$line: bad Plural-Forms header" "$TMP/err"
expect "check: other languages still reported" \
	grep -Eq '^ar +no-schooling +14 +14' "$TMP/out"

# A .po that no language reads: a translator's ar_SA.po (Crowdin and
# Weblate name files by locale) would be silently ignored while ar shows
# 0 %; a de.po for a language the pack does not have.
fresh stray
mv "$TMP/stray/po/ar.po" "$TMP/stray/po/ar_SA.po"
cp "$TMP/stray/po/ti.po" "$TMP/stray/po/de.po"
cp "$TMP/stray/po/ti.po" "$TMP/stray/po/ti@latin.po"
"$VB" check "$TMP/stray" >"$TMP/out" 2>"$TMP/err"
expect "check: a .po named by locale exits 1" test $? -eq 1
expect "check: ar_SA.po is named, with the file to rename it to" \
	grep -q "^error: $TMP/stray/po/ar_SA.po: not used: .*po/ar.po" "$TMP/out"
expect "check: a .po of a language not in the pack is a warning" \
	grep -q "^warning: $TMP/stray/po/de.po: not used: 'de' is not" "$TMP/out"
expect "check: a second file for a language that has one is a warning" \
	grep -q "^warning: $TMP/stray/po/ti@latin.po: not used: .*po/ti.po" "$TMP/out"
"$VB" check "$TMP/stray" --json >"$TMP/json" 2>/dev/null
expect "check --json: the unused .po files are problems" \
	sh -c "grep -q '\"kind\":\"unused-po\",\"file\":\"$TMP/stray/po/ar_SA.po\"' '$TMP/json'"

# Usage and I/O errors exit 2.
"$VB" check >/dev/null 2>&1
expect "check: no argument exits 2" test $? -eq 2
"$VB" check "$TMP/ok" --bogus >/dev/null 2>&1
expect "check: unknown option exits 2" test $? -eq 2
"$VB" check "$TMP/none" >/dev/null 2>"$TMP/err"
expect "check: missing pack exits 2" test $? -eq 2
expect "check: missing pack names the file" grep -q "^$TMP/none/pack.xml: " "$TMP/err"
