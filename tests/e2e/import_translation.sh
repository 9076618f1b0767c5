#!/bin/sh
# End-to-end: translated copies of a deck (Ukrainian, Arabic, Tigrinya),
# made by tests/tools/make-deck.py with the source's slide and shape ids,
# become po/LANG.po through import --translation: every text aligned by
# ids, notes included, marked fuzzy (needs review); a split shape and an
# added slide are listed, not guessed. Then import --update after one
# bullet is edited: ids stay, and after update-po only that entry of the
# reviewed catalogue is fuzzy.
. "$TOP/tests/lib.sh"

MD="python3 $TOP/tests/tools/make-deck.py"
P="$TMP/pack"
$MD pptx "$TMP/nb.pptx"
"$VB" import "$TMP/nb.pptx" -o "$P" >"$TMP/import.out" 2>&1 ||
	fail "import" "$(cat "$TMP/import.out")"

# entry PO CTXT: the msgstr of CTXT in PO, whatever its state.
entry() {
	msggrep --no-wrap -J -e "^$2\$" "$1" 2>/dev/null |
		sed -n 's/^msgstr "\(.*\)"$/\1/p' | tail -n 1
}
fuzzy_ctxts() {
	msgattrib --no-wrap --only-fuzzy "$1" 2>/dev/null |
		sed -n 's/^msgctxt "\(.*\)"$/\1/p' | sort | tr '\n' ' '
}

for lang in uk ar ti; do
	$MD pptx "$TMP/$lang.pptx" --lang "$lang"
	"$VB" import --translation "$lang" "$TMP/$lang.pptx" "$P" \
		>"$TMP/$lang.out" 2>&1
	expect "$lang: import --translation exits 0" [ $? -eq 0 ]
	expect "$lang: nothing is left unaligned" \
		sh -c "! grep -q '^  not aligned' '$TMP/$lang.out'"
	expect "$lang: the language is added to pack.xml and po/LINGUAS" \
		sh -c "grep -q '<languages>nb.*$lang' '$P/pack.xml' &&
		       grep -qx '$lang' '$P/po/LINGUAS'"
	expect "$lang: the imported texts are fuzzy, with the review comment" \
		sh -c "[ \$(msgattrib --only-fuzzy '$P/po/$lang.po' | grep -c '^msgctxt') -eq 16 ] &&
		       grep -q 'review it, then remove the fuzzy flag' '$P/po/$lang.po'"
done
expect "uk: a bullet with a bold run" \
	[ "$(entry "$P/po/uk.po" slide-256/li.1)" = "Що таке <b>кар'єрне консультування</b>?" ]
expect "uk: the notes become the script's translation" \
	[ "$(entry "$P/po/uk.po" slide-256/script)" = "Ласкаво просимо! Тут ви дізнаєтеся, що таке кар'єрне консультування." ]
expect "ar: right-to-left text, digits kept" \
	[ "$(entry "$P/po/ar.po" slide-256/p.1)" = "اتصل بنا على الرقم 25" ]
expect "ti: Ethiopic text" \
	[ "$(entry "$P/po/ti.po" slide-260/li.2)" = "ፓስፖርት ሒዝኩም ንዑ" ]
expect "ti: the picture's description is the alt text's translation" \
	[ "$(entry "$P/po/ti.po" slide-256/alt)" = "ኣማኻሪ ኢዱ ዘወዛውዝ" ]
expect "msgfmt accepts the catalogues" \
	sh -c "msgfmt -c -o /dev/null '$P/po/uk.po' && msgfmt -c -o /dev/null '$P/po/ar.po' && msgfmt -c -o /dev/null '$P/po/ti.po'"

# Reviewed: the fuzzy flags removed, as a translator would. Then the
# Ukrainian builds with the translated texts.
for lang in uk ar ti; do
	msgattrib --clear-fuzzy --no-wrap -o "$TMP/r.po" "$P/po/$lang.po" &&
		mv "$TMP/r.po" "$P/po/$lang.po"
done
"$VB" build "$P" -o "$TMP/bundles" --lang uk >"$TMP/build.out" 2>&1
expect "the reviewed translation builds" [ $? -eq 0 ]

# A split shape and an added slide are listed, and the reviewed work is
# kept.
cp "$P/po/uk.po" "$TMP/uk.before"
$MD pptx "$TMP/uk-split.pptx" --lang uk --split --extra-slide
"$VB" import --translation uk "$TMP/uk-split.pptx" "$P" >"$TMP/split.out" 2>&1
expect "split: exits 0" [ $? -eq 0 ]
expect "split: the missing paragraph is listed" \
	grep -q "not aligned: slide-260/li.2: slide 5 has no text at shape 3:2" "$TMP/split.out"
expect "split: the new shape is listed" \
	grep -q "not aligned: slide 5, shape 5:1: \"Візьміть паспорт\" is not in the source" "$TMP/split.out"
expect "split: the added slide is listed" \
	grep -q "not aligned: slide 6 (id 261) is not in the source deck" "$TMP/split.out"
expect "split: reviewed translations are kept" \
	[ -z "$(fuzzy_ctxts "$P/po/uk.po")" ]

# import --update after one bullet changed.
$MD pptx "$TMP/nb-edit.pptx" --edit
cp "$P/pack.xml" "$TMP/pack.before"
"$VB" import --update "$P" "$TMP/nb-edit.pptx" >"$TMP/update.out" 2>&1
expect "update: exits 0" [ $? -eq 0 ]
expect "update: only the edited bullet changed in pack.xml" \
	[ "$(diff "$TMP/pack.before" "$P/pack.xml" | grep -c '^[<>]')" -eq 2 ]
expect "update: the languages and po/ are kept" \
	sh -c "grep -q '<languages>nb uk ar ti</languages>' '$P/pack.xml' && [ -f '$P/po/ti.po' ]"
"$VB" update-po "$P" >"$TMP/update-po.out" 2>&1
expect "update-po after the update exits 0" [ $? -eq 0 ]
for lang in uk ar ti; do
	expect "$lang: only the edited bullet is fuzzy after update-po" \
		[ "$(fuzzy_ctxts "$P/po/$lang.po")" = "slide-256/li.2 " ]
done

# Bad uses: no import.map, an unknown language, a deck that is not a
# translation of this one; nothing written.
cp -r "$P" "$TMP/keep"
$MD pptx "$TMP/other.pptx" --slides 3
"$VB" import --translation uk "$TMP/other.pptx" "$P" >/dev/null 2>"$TMP/e1"
expect "a deck that aligns with nothing: exit 1, nothing written" \
	sh -c "[ $? -eq 1 ] && grep -q 'no text could be aligned' '$TMP/e1' && diff -r '$P' '$TMP/keep' >/dev/null"
"$VB" import --translation xx "$TMP/uk.pptx" "$P" >/dev/null 2>"$TMP/e2"
expect "an unknown language: exit 2" [ $? -eq 2 ]
mkdir "$TMP/nomap" && cp "$P/pack.xml" "$TMP/nomap/"
"$VB" import --translation uk "$TMP/uk.pptx" "$TMP/nomap" >/dev/null 2>"$TMP/e3"
expect "a pack without import.map: one line naming it" \
	sh -c "[ \$(wc -l <'$TMP/e3') -eq 1 ] && grep -q 'import.map' '$TMP/e3'"
