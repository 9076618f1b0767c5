#!/bin/sh
# End-to-end: an Impress deck (.odp, written part by part by
# tests/tools/make-deck.py) imports as the PowerPoint one does: titles,
# nested lists with bold and italic spans, a text box, a picture with its
# description, a film, a hidden page, a chart (reported), notes as the
# script; check and build accept it; Arabic and Tigrinya copies align
# into po/; a split frame is listed. Bad decks (broken, encrypted, a zip
# bomb, 10,000 pages) get one line, a non-zero exit and no pack.
. "$TOP/tests/lib.sh"

MD="python3 $TOP/tests/tools/make-deck.py"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc=s=320x180:r=25:d=2" \
	-f lavfi -i "sine=f=300:d=2" -c:v libx264 -preset veryfast \
	-pix_fmt yuv420p -c:a aac -b:a 64k -metadata:s:a:0 language=nob \
	-movflags +faststart "$TMP/film.mp4"
$MD odp "$TMP/deck.odp" --video "$TMP/film.mp4"
P="$TMP/pack"
"$VB" import "$TMP/deck.odp" -o "$P" >"$TMP/report" 2>"$TMP/err"
expect "import exits 0 without errors" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$TMP/err' ]"
has() { grep -q -- "$2" "$1"; }
x="$P/pack.xml"
expect "report: the hidden page is left out" \
	has "$TMP/report" "slide 3 (slide-s258): hidden; left out"
expect "report: the chart is not carried over" \
	has "$TMP/report" "not carried over: chart or embedded object"
expect "the title is the heading" has "$x" "<heading>Velkommen</heading>"
expect "a bold span stays bold" has "$x" "<li>Hva er <b>karriereveiledning</b>?</li>"
expect "an italic span in a nested list stays italic, at level 2" \
	has "$x" "<li level=\"2\"><i>Det er gratis</i></li>"
expect "a top-level bullet has no level" has "$x" "<li>Hva er <b>"
expect "a text box is a paragraph" has "$x" "<p>Ring oss på telefon</p>"
expect "the notes are the script" \
	has "$x" "<script>Velkommen! Her får du vite hva karriereveiledning er.</script>"
expect "the picture and its description" \
	sh -c "[ -s '$P/media/slide-s256.png' ] && grep -q '<alt>En veileder som vinker</alt>' '$x'"
expect "the film" cmp -s "$P/media/slide-s257.mp4" "$TMP/film.mp4"
expect "ids come from the pages' ids" \
	[ "$(grep -o 'id="slide-[a-z0-9]*"' "$x" | tr '\n' ' ')" = 'id="slide-s256" id="slide-s257" id="slide-s259" id="slide-s260" ' ]
"$VB" check "$P" >"$TMP/check" 2>&1
expect "check accepts the imported pack" [ $? -eq 0 ]
"$VB" build "$P" -o "$TMP/bundles" >"$TMP/build" 2>&1
expect "build accepts the imported pack" [ $? -eq 0 ]

entry() {
	msggrep --no-wrap -J -e "^$2\$" "$1" 2>/dev/null |
		sed -n 's/^msgstr "\(.*\)"$/\1/p' | tail -n 1
}
for lang in ar ti; do
	$MD odp "$TMP/$lang.odp" --lang "$lang"
	"$VB" import --translation "$lang" "$TMP/$lang.odp" "$P" \
		>"$TMP/$lang.out" 2>&1
	expect "$lang: aligned without leftovers" \
		sh -c "[ $? -eq 0 ] && ! grep -q '^  not aligned' '$TMP/$lang.out'"
done
expect "ar: the bold span in Arabic" \
	[ "$(entry "$P/po/ar.po" slide-s256/li.1)" = "ما هو <b>الإرشاد المهني</b>؟" ]
expect "ti: the notes in Tigrinya" \
	[ "$(entry "$P/po/ti.po" slide-s260/script)" = "ብሕቶታት ካብ ኣዳራሽ ዛዝሙ።" ]
$MD odp "$TMP/split.odp" --lang ar --split
"$VB" import --translation ar "$TMP/split.odp" "$P" >"$TMP/split.out" 2>&1
expect "a split frame is listed, not guessed" \
	sh -c "grep -q 'not aligned: slide-s260/li.2' '$TMP/split.out' &&
	       grep -q 'not aligned: slide 5, shape c260:1' '$TMP/split.out'"

# An SVG picture is drawn as PNG with librsvg (rsvg-convert).
$MD odp "$TMP/svg.odp" --svg
"$VB" import "$TMP/svg.odp" -o "$TMP/svgpack" >"$TMP/svg.out" 2>&1
png="$TMP/svgpack/media/slide-s256.png"
expect "an SVG picture becomes a PNG in media/" \
	sh -c "grep -q '<image src=\"media/slide-s256.png\">' '$TMP/svgpack/pack.xml' &&
	       [ \"\$(head -c 4 '$png' | od -An -c | tr -d ' ')\" = '211PNG' ] &&
	       [ -z \"\$(ls -A '$TMP/svgpack/media' | grep svg)\" ] &&
	       grep -q 'SVG picture drawn as PNG' '$TMP/svg.out'"
"$VB" check "$TMP/svgpack" >"$TMP/svgcheck" 2>&1
expect "check accepts the drawn picture" [ $? -eq 0 ]

# Deeper lists: levels 3 and 4 are kept, the deck's fifth and sixth are
# drawn at the fourth (a pack nests four deep), and the report says so.
$MD odp "$TMP/deep.odp" --deep
"$VB" import "$TMP/deep.odp" -o "$TMP/deep" >"$TMP/deep.out" 2>&1
expect "a deep list imports" [ $? -eq 0 ]
expect "levels 3 and 4 are kept" \
	sh -c "grep -q '<li level=\"3\">Ditt eget språk 3</li>' '$TMP/deep/pack.xml' &&
	       grep -q '<li level=\"4\">Ditt eget språk 4</li>' '$TMP/deep/pack.xml'"
expect "levels 5 and 6 are drawn at level 4" \
	sh -c "grep -q '<li level=\"4\">Ditt eget språk 5</li>' '$TMP/deep/pack.xml' &&
	       grep -q '<li level=\"4\">Ditt eget språk 6</li>' '$TMP/deep/pack.xml'"
expect "the report names the levels shown at the fourth" \
	grep -q "7 bullet(s) (list levels 5-6 shown as level 4)" "$TMP/deep.out"
"$VB" check "$TMP/deep" >"$TMP/deep.check" 2>&1
expect "check accepts the deep list" [ $? -eq 0 ]

# Bad decks: one line naming the deck, non-zero exit, no pack written
# (none with -o; the old one unchanged with --update).
bad() {
	name=$1 deck=$2 want=$3
	rm -rf "$TMP/bad"
	"$VB" import "$deck" -o "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
	rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/bad.err")" -eq 1 ] &&
	   grep -q "^$deck: .*$want" "$TMP/bad.err" && [ ! -e "$TMP/bad" ] &&
	   [ -z "$(ls -A "$TMP" | grep '^\.bad')" ]; then
		pass "bad deck: $name"
	else
		fail "bad deck: $name" "rc $rc: $(cat "$TMP/bad.err")"
	fi
	cp -r "$P" "$TMP/before"
	"$VB" import --update "$P" "$deck" >/dev/null 2>"$TMP/bad.err"
	rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/bad.err")" -eq 1 ] &&
	   diff -r "$TMP/before" "$P" >/dev/null &&
	   [ -z "$(ls -A "$TMP" | grep '^\.pack')" ]; then
		pass "bad deck: $name: --update keeps the pack"
	else
		fail "bad deck: $name: --update keeps the pack" \
			"rc $rc: $(cat "$TMP/bad.err")"
	fi
	rm -rf "$TMP/before"
}
head -c 2000 "$TMP/deck.odp" >"$TMP/broken.odp"
bad "a truncated deck" "$TMP/broken.odp" "save it again"
$MD odp "$TMP/locked.odp" --encrypt
bad "a password-protected deck" "$TMP/locked.odp" "password-protected"
# One part that unpacks to 600 MiB of zeros (the file is about 600 KiB).
$MD odp "$TMP/bomb.odp" --pad 1:600
bad "a zip bomb" "$TMP/bomb.odp" "zip bomb"
rm -f "$TMP/bomb.odp"
$MD odp "$TMP/huge.odp" --slides 10000
bad "a deck with 10,000 pages" "$TMP/huge.odp" "more than 2000 slides"
printf 'not a zip' >"$TMP/text.odp"
bad "not a zip file" "$TMP/text.odp" "save it again"
