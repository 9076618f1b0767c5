#!/bin/sh
# End-to-end: a PowerPoint deck made by tests/tools/make-deck.py (notes,
# nested bullets, bold and italic runs, a picture, a film, a hidden slide,
# a chart) becomes a pack that check and build accept; the per-slide
# report says what could not be carried over; the group screen's console
# shows the slide's notes as the script. Bad decks (broken, encrypted, a
# zip bomb, 10,000 slides) get one line, a non-zero exit and no pack.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc" # jget, ink_percent

MD="python3 $TOP/tests/tools/make-deck.py"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc=s=320x180:r=25:d=2" \
	-f lavfi -i "sine=f=300:d=2" -c:v libx264 -preset veryfast \
	-pix_fmt yuv420p -c:a aac -b:a 64k -metadata:s:a:0 language=nob \
	-movflags +faststart "$TMP/film.mp4"
$MD pptx "$TMP/deck.pptx" --video "$TMP/film.mp4"

"$VB" import "$TMP/deck.pptx" -o "$TMP/pack" >"$TMP/report" 2>"$TMP/err"
expect "import exits 0" [ $? -eq 0 ]
expect "import prints no error" [ ! -s "$TMP/err" ]
has() { grep -q -- "$2" "$1"; }
expect "report: the hidden slide is left out" \
	has "$TMP/report" "slide 3 (slide-258): hidden; left out"
expect "report: the chart is not carried over and needs --render" \
	sh -c "grep -A2 'slide 4 (slide-259)' '$TMP/report' | grep -q 'not carried over: chart' &&
	       grep -A2 'slide 4 (slide-259)' '$TMP/report' | grep -q 'needs --render'"
expect "report: the list levels are kept" \
	has "$TMP/report" "3 bullet(s) (list levels 1-2 kept)"
x="$TMP/pack/pack.xml"
expect "the title is the heading" has "$x" "<heading>Velkommen</heading>"
expect "bold runs stay bold" has "$x" "<li>Hva er <b>karriereveiledning</b>?</li>"
expect "italic runs stay italic, nested at level 2 (lvl=1)" \
	has "$x" "<li level=\"2\"><i>Det er gratis</i></li>"
expect "a nested bullet keeps its level" has "$x" "<li level=\"2\">Ditt eget språk</li>"
expect "a top-level bullet has no level" has "$x" "<li>Hva er <b>"
expect "a text box is a paragraph" has "$x" "<p>Ring oss på telefon</p>"
expect "the notes are the script" \
	has "$x" "<script>Velkommen! Her får du vite hva karriereveiledning er.</script>"
expect "the picture is in media/ with its description as alt text" \
	sh -c "cmp -s '$TMP/pack/media/slide-256.png' /dev/null ||
	       [ -s '$TMP/pack/media/slide-256.png' ] && grep -q '<alt>En veileder som vinker</alt>' '$x'"
expect "the film is a video item with the deck's film" \
	sh -c "cmp -s '$TMP/pack/media/slide-257.mp4' '$TMP/film.mp4' &&
	       grep -q '<video id=\"slide-257\">' '$x'"
expect "the hidden slide is not an item" sh -c "! grep -q slide-258 '$x'"
expect "ids come from the deck's slide ids" \
	[ "$(grep -o 'id="slide-[0-9]*"' "$x" | tr '\n' ' ')" = 'id="slide-256" id="slide-257" id="slide-259" id="slide-260" ' ]

"$VB" check "$TMP/pack" >"$TMP/check" 2>&1
expect "check accepts the imported pack" [ $? -eq 0 ]
"$VB" build "$TMP/pack" -o "$TMP/bundles" >"$TMP/build" 2>&1
expect "build accepts the imported pack" [ $? -eq 0 ]

# Played as a group session: the console shows slide 1's notes.
printf '0.3 screenshot first\n0.6 quit\n' >"$TMP/script"
"$VP" --headless --group --lang nb --level no-schooling \
	--script "$TMP/script" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log.json" --session-dir "$TMP/sessions" \
	"$TMP/bundles" >"$TMP/play" 2>&1
rc=$?
expect "the imported pack plays" [ $rc -eq 0 ]
[ $rc -eq 0 ] || cat "$TMP/play"
expect "the console shows the slide's notes as the script" \
	[ "$(jget "$TMP/log.json" console_screenshot path \
		"$TMP/shots/first-console.png" script)" = \
	  "Velkommen! Her får du vite hva karriereveiledning er." ]
expect "the console screenshot is drawn" \
	[ "$(ink_percent "$TMP/shots/first-console.png")" -gt 2 ]
[ -n "${KEEP_SHOTS:-}" ] && cp "$TMP/shots/first-console.png" "$KEEP_SHOTS"

# Bad decks: one line naming the deck, non-zero exit, no pack written.
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
	cp -r "$TMP/pack" "$TMP/before"
	"$VB" import --update "$TMP/pack" "$deck" >/dev/null 2>"$TMP/bad.err"
	rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/bad.err")" -eq 1 ] &&
	   diff -r "$TMP/before" "$TMP/pack" >/dev/null &&
	   [ -z "$(ls -A "$TMP" | grep '^\.pack')" ]; then
		pass "bad deck: $name: --update keeps the pack"
	else
		fail "bad deck: $name: --update keeps the pack" \
			"rc $rc: $(cat "$TMP/bad.err")"
	fi
	rm -rf "$TMP/before"
}
head -c 2000 "$TMP/deck.pptx" >"$TMP/broken.pptx"
bad "a truncated deck" "$TMP/broken.pptx" "save it again"
printf '\320\317\021\340\241\261\032\341' >"$TMP/locked.pptx"
head -c 4000 /dev/zero >>"$TMP/locked.pptx"
bad "a password-protected deck" "$TMP/locked.pptx" "password-protected"
# One part that unpacks to 600 MiB of zeros (the cap is 512 MiB a part);
# the file is about 600 KiB.
$MD pptx "$TMP/bomb.pptx" --pad 1:600
bad "a zip bomb" "$TMP/bomb.pptx" "zip bomb"
# Three parts of 400 MiB: each under the 512 MiB cap of a part, together
# over the 1024 MiB of a whole deck (the file is about 1.2 MiB).
$MD pptx "$TMP/bomb3.pptx" --pad 3:400
bad "parts over the cap together, each under it" "$TMP/bomb3.pptx" \
	"parts unpack to more than 1024 MiB together"
rm -f "$TMP/bomb.pptx" "$TMP/bomb3.pptx"
$MD pptx "$TMP/huge.pptx" --slides 10000
bad "a deck with 10,000 slides" "$TMP/huge.pptx" "more than 2000 slides"
printf 'not a zip' >"$TMP/text.pptx"
bad "not a zip file" "$TMP/text.pptx" "save it again"

mkdir "$TMP/full" && touch "$TMP/full/x"
"$VB" import "$TMP/deck.pptx" -o "$TMP/full" >/dev/null 2>"$TMP/full.err"
expect "a folder that holds files is refused (exit 2) and kept" \
	sh -c "[ $? -eq 2 ] && [ -f '$TMP/full/x' ] && [ ! -e '$TMP/full/pack.xml' ]"

# A linked film is copied from beside the deck; a link to any other file
# (outside the deck's folder, or not a film) is reported, not copied.
mkdir -p "$TMP/linked"
cp "$TMP/film.mp4" "$TMP/linked/film.mp4"
$MD pptx "$TMP/linked/deck.pptx" --link film.mp4
"$VB" import "$TMP/linked/deck.pptx" -o "$TMP/lpack" >"$TMP/l.out" 2>&1
expect "a linked film beside the deck is copied" \
	sh -c "cmp -s '$TMP/lpack/media/slide-257.mp4' '$TMP/film.mp4' &&
	       grep -q '<source src=\"media/slide-257.mp4\"/>' '$TMP/lpack/pack.xml'"
$MD pptx "$TMP/linked/evil.pptx" --link /etc/passwd
"$VB" import "$TMP/linked/evil.pptx" -o "$TMP/epack" >"$TMP/e.out" 2>&1
expect "a link to a file elsewhere is reported, not copied" \
	sh -c "[ ! -e '$TMP/epack/media/slide-257.bin' ] && [ -z \"\$(ls '$TMP/epack/media' | grep 257)\" ] &&
	       grep -q 'linked film /etc/passwd not found beside the deck' '$TMP/e.out'"
# An absolute file:// URL (as LibreOffice writes links), with an escaped
# space: copied when it names a film in the deck's folder, reported when
# the film lies outside it.
cp "$TMP/film.mp4" "$TMP/linked/Min film.mp4"
$MD pptx "$TMP/linked/abs.pptx" --link "file://$TMP/linked/Min%20film.mp4"
"$VB" import "$TMP/linked/abs.pptx" -o "$TMP/apack" >"$TMP/a.out" 2>&1
expect "a file:// link to a film beside the deck is copied" \
	cmp -s "$TMP/apack/media/slide-257.mp4" "$TMP/film.mp4"
$MD pptx "$TMP/linked/out.pptx" --link "file://$TMP/film.mp4"
"$VB" import "$TMP/linked/out.pptx" -o "$TMP/opack" >"$TMP/o.out" 2>&1
expect "a file:// link to a film outside the deck's folder is reported, not copied" \
	sh -c "[ -z \"\$(ls '$TMP/opack/media' | grep 257)\" ] &&
	       grep -q 'linked film file://$TMP/film.mp4 not found beside the deck' '$TMP/o.out'"

# Deeper lists: levels 3 and 4 are kept, the deck's fifth and sixth are
# drawn at the fourth (a pack nests four deep), and the report says so.
$MD pptx "$TMP/deep.pptx" --deep
"$VB" import "$TMP/deep.pptx" -o "$TMP/deep" >"$TMP/deep.out" 2>&1
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
