#!/bin/sh
# Decks of another origin: Impress itself makes a deck (tests/tools/
# lo-deck.xba, run as a Basic macro in a fresh profile), as an author
# would, and saves it as .odp and as .pptx. Both import to the same body
# in the deck's reading order (a paragraph, nested bullets with italic,
# a paragraph after them, the text box below, bold kept), with the
# picture and its description, the notes as the script and the hidden
# slide left out; check and build accept both. LibreOffice numbers slide
# ids by position when it saves, so the report says how to keep them.
. "$TOP/tests/lib.sh"

if ! command -v soffice >/dev/null; then
	fail "LibreOffice decks" "soffice is not installed (scripts/install-deps installs libreoffice-impress)"
	exit 0
fi
LO=$TMP/lo
mkdir -p "$TMP/out"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc=s=160x120" \
	-frames:v 1 "$TMP/pic.png"
# A fresh profile, then the macro as its Standard.Module1.
soffice -env:UserInstallation="file://$LO" --headless --terminate_after_init \
	>"$TMP/lo.out" 2>&1
cp "$TOP/tests/tools/lo-deck.xba" "$LO/user/basic/Standard/Module1.xba"
VV_LO_OUT=$TMP/out VV_LO_PICTURE=$TMP/pic.png \
	soffice -env:UserInstallation="file://$LO" --headless \
	"macro:///Standard.Module1.Main" >>"$TMP/lo.out" 2>&1
expect "Impress made the deck as .odp and .pptx" \
	[ -s "$TMP/out/deck.odp" -a -s "$TMP/out/deck.pptx" ]

# The body of item $2 in pack.xml $1: its lines from the heading to the
# script, without the item's id (media file names carry it).
body() {
	awk -v id="$2" '$0 ~ "<slide id=\"" id "\">", /<\/slide>/' "$1" |
		sed -e '1d' -e '$d' -e "s/$2/ID/g"
}
want1=$(cat <<'XML'
      <heading>Velkommen</heading>
      <p>Hva er <b>karriereveiledning</b>?</p>
      <list>
        <li level="2"><i>Det er gratis</i></li>
        <li level="2">Ditt eget språk</li>
      </list>
      <p>Vi hjelper deg videre</p>
      <p>Ring oss på telefon</p>
      <image src="media/ID.png">
        <alt>En veileder som vinker</alt>
      </image>
      <script>Velkommen! Her får du vite hva karriereveiledning er.</script>
XML
)
want3=$(cat <<'XML'
      <heading>Spørsmål?</heading>
      <list>
        <li level="2">Spør veilederen</li>
        <li level="2">Ta med pass</li>
      </list>
      <script>Avslutt med spørsmål fra salen.</script>
XML
)
for fmt in odp pptx; do
	P=$TMP/$fmt
	"$VB" import "$TMP/out/deck.$fmt" -o "$P" >"$TMP/$fmt.report" 2>"$TMP/$fmt.err"
	expect "$fmt: import exits 0 without errors" \
		sh -c "[ $? -eq 0 ] && [ ! -s '$TMP/$fmt.err' ]"
	if [ $fmt = odp ]; then s1=slide-page1 s2=slide-page2 s3=slide-page3
	else s1=slide-256 s2=slide-257 s3=slide-258; fi
	got=$(body "$P/pack.xml" $s1)
	if [ "$got" = "$want1" ]; then
		pass "$fmt: slide 1 in reading order, levels, bold, italic, picture, notes"
	else
		fail "$fmt: slide 1" "got:
$got"
	fi
	got=$(body "$P/pack.xml" $s3)
	if [ "$got" = "$want3" ]; then
		pass "$fmt: slide 3's bullets and notes"
	else
		fail "$fmt: slide 3" "got:
$got"
	fi
	expect "$fmt: the hidden slide is left out and listed" \
		sh -c "grep -q 'slide 2 ($s2): hidden; left out' '$TMP/$fmt.report' &&
		       ! grep -q '$s2' '$P/pack.xml'"
	expect "$fmt: the picture is the PNG Impress stored" \
		sh -c "[ \"\$(head -c 4 '$P/media/$s1.png' | od -An -c | tr -d ' ')\" = '211PNG' ]"
	expect "$fmt: the report says the ids follow positions, and what to do" \
		grep -q "note: the slide ids follow the slides' positions (LibreOffice renumbers them when it saves).*name the slides in Impress" "$TMP/$fmt.report"
	"$VB" check "$P" >"$TMP/$fmt.check" 2>&1
	expect "$fmt: check accepts it" [ $? -eq 0 ]
	"$VB" build "$P" -o "$TMP/$fmt.bundles" >"$TMP/$fmt.build" 2>&1
	expect "$fmt: build accepts it" [ $? -eq 0 ]
done

# A deck with ids of its own (PowerPoint's sldId, named Impress pages)
# gets no such note.
for fmt in pptx odp; do
	python3 "$TOP/tests/tools/make-deck.py" $fmt "$TMP/own.$fmt"
	"$VB" import "$TMP/own.$fmt" -o "$TMP/own-$fmt" >"$TMP/own.report" 2>&1
	expect "$fmt with ids of its own: no note about positions" \
		sh -c "! grep -q 'note: the slide ids follow' '$TMP/own.report'"
done
