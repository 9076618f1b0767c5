#!/bin/sh
# Decks of another origin: Impress itself makes a deck (tests/tools/
# lo-deck.xba, run as a Basic macro in a fresh profile), as an author
# would, and saves it as .odp and as .pptx. Both import to the same body
# in the deck's reading order (a paragraph, nested bullets with italic,
# a paragraph after them, the text box below, bold kept), with the
# picture and its description, the notes as the script, the hidden
# slide left out and the film linked beside the deck (LibreOffice links
# with an absolute file:// URL) as a video item; check and build accept both; saved with a password,
# it is refused in one line. LibreOffice numbers slide
# ids by position when it saves, so the report says how to keep them,
# and import --update after a slide is inserted keeps the ids by text. A
# Ukrainian copy (the texts replaced, then saved again by Impress as .odp
# and .pptx) aligns into po/uk.po.
. "$TOP/tests/lib.sh"

if ! command -v soffice >/dev/null; then
	fail "LibreOffice decks" "soffice is not installed (scripts/install-deps installs libreoffice-impress)"
	exit 0
fi
LO=$TMP/lo
mkdir -p "$TMP/out"
# LibreOffice is bounded: a run that hangs is killed, and the checks
# after it fail rather than hold the test run.
lo() { timeout -k 10 300 soffice -env:UserInstallation="file://$LO" --headless "$@"; }
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc=s=160x120" \
	-frames:v 1 "$TMP/pic.png"
ffmpeg -nostdin -loglevel error -y -f lavfi -i "testsrc=s=320x180:r=25:d=1" \
	-c:v libx264 -preset veryfast -pix_fmt yuv420p "$TMP/out/film.mp4"
# A fresh profile, then the macro as its Standard.Module1.
lo --terminate_after_init \
	>"$TMP/lo.out" 2>&1
cp "$TOP/tests/tools/lo-deck.xba" "$LO/user/basic/Standard/Module1.xba"
VV_LO_OUT=$TMP/out VV_LO_PICTURE=$TMP/pic.png VV_LO_FILM=$TMP/out/film.mp4 \
	lo "macro:///Standard.Module1.Main" >>"$TMP/lo.out" 2>&1
expect "Impress made the deck as .odp and .pptx" \
	[ -s "$TMP/out/deck.odp" -a -s "$TMP/out/deck.pptx" ]

# The msgstr of msgctxt $2 in $1.
msgstr_of() {
	msggrep --no-wrap -J -e "^$2\$" "$1" 2>/dev/null |
		sed -n 's/^msgstr "\(.*\)"$/\1/p' | tail -n 1
}
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
      </list>
      <p>Hun svarer gjerne</p>
      <list>
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
	if [ $fmt = odp ]; then s1=slide-page1 s2=slide-page2 s3=slide-page3 s4=slide-page4
	else s1=slide-256 s2=slide-257 s3=slide-258 s4=slide-259; fi
	got=$(body "$P/pack.xml" $s1)
	if [ "$got" = "$want1" ]; then
		pass "$fmt: slide 1 in reading order, levels, bold, italic, picture, notes"
	else
		fail "$fmt: slide 1" "got:
$got"
	fi
	got=$(body "$P/pack.xml" $s3)
	if [ "$got" = "$want3" ]; then
		pass "$fmt: slide 3's bullets, the paragraph without one between them, notes"
	else
		fail "$fmt: slide 3" "got:
$got"
	fi
	expect "$fmt: the hidden slide is left out and listed" \
		sh -c "grep -q 'slide 2 ($s2): hidden; left out' '$TMP/$fmt.report' &&
		       ! grep -q '$s2' '$P/pack.xml'"
	expect "$fmt: the linked film beside the deck is a video item" \
		sh -c "grep -q '<video id=\"$s4\">' '$P/pack.xml' &&
		       cmp -s '$P/media/$s4.mp4' '$TMP/out/film.mp4'"
	expect "$fmt: the picture is the PNG Impress stored" \
		sh -c "[ \"\$(head -c 4 '$P/media/$s1.png' | od -An -c | tr -d ' ')\" = '211PNG' ]"
	expect "$fmt: the report says the ids follow positions, and what to do" \
		grep -q "note: the slide ids follow the slides' positions (LibreOffice renumbers them when it saves).*name the slides in Impress" "$TMP/$fmt.report"
	"$VB" check "$P" >"$TMP/$fmt.check" 2>&1
	expect "$fmt: check accepts it" [ $? -eq 0 ]
	"$VB" build "$P" -o "$TMP/$fmt.bundles" >"$TMP/$fmt.build" 2>&1
	expect "$fmt: build accepts it" [ $? -eq 0 ]
done

# Saved with a password by Impress: one line naming the deck, exit 1, no
# pack.
"$VB" import "$TMP/out/locked.odp" -o "$TMP/locked" >/dev/null 2>"$TMP/locked.err"
rc=$?
expect "an .odp Impress saved with a password: one line, exit 1, nothing written" \
	sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$TMP/locked.err') -eq 1 ] &&
	       grep -q '^$TMP/out/locked.odp: .*password-protected' '$TMP/locked.err' &&
	       [ ! -e '$TMP/locked' ]"

# The translator's copy: the texts replaced in content.xml, then opened
# and saved again by Impress in both formats.
python3 - "$TMP/out/deck.odp" "$TMP/uk-edit.odp" <<'PY'
import sys, zipfile
pairs = [("Hva er ", "Що таке "), (">karriereveiledning<", ">кар'єрне консультування<"),
         ("Det er gratis", "Це безкоштовно"), ("Ditt eget språk", "Вашою мовою"),
         ("Vi hjelper deg videre", "Ми допоможемо вам далі"),
         ("Ring oss på telefon", "Зателефонуйте нам"),
         ("Spør veilederen", "Запитайте консультанта"), ("Ta med pass", "Візьміть паспорт"),
         ("Spørsmål?", "Запитання?"),
         ("Avslutt med spørsmål fra salen.", "Завершіть запитаннями із зали.")]
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == "content.xml":
            text = data.decode()
            for a, b in pairs:
                text = text.replace(a, b)
            data = text.encode()
        if info.filename == "mimetype":
            out.writestr(zipfile.ZipInfo("mimetype"), data)
        else:
            out.writestr(info.filename, data)
PY
mkdir -p "$TMP/uk"
for fmt in odp pptx; do
	lo --convert-to $fmt \
		--outdir "$TMP/uk" "$TMP/uk-edit.odp" >>"$TMP/lo.out" 2>&1
	P=$TMP/$fmt
	"$VB" import --translation uk "$TMP/uk/uk-edit.$fmt" "$P" \
		>"$TMP/uk-$fmt.out" 2>&1
	expect "$fmt: the Impress-saved Ukrainian copy aligns, nothing left over" \
		sh -c "[ $? -eq 0 ] && grep -q '0 not aligned in the pack, 0 in the translated deck' '$TMP/uk-$fmt.out'"
	if [ $fmt = odp ]; then s1=slide-page1 s3=slide-page3
	else s1=slide-256 s3=slide-258; fi
	expect "$fmt: uk: the bold run" \
		[ "$(msgstr_of "$P/po/uk.po" $s1/p.1)" = "Що таке <b>кар'єрне консультування</b>?" ]
	expect "$fmt: uk: the paragraph after the bullets" \
		[ "$(msgstr_of "$P/po/uk.po" $s1/p.2)" = "Ми допоможемо вам далі" ]
	expect "$fmt: uk: the italic bullet" \
		[ "$(msgstr_of "$P/po/uk.po" $s1/li.1)" = "<i>Це безкоштовно</i>" ]
	expect "$fmt: uk: the notes" \
		[ "$(msgstr_of "$P/po/uk.po" $s3/script)" = "Завершіть запитаннями із зали." ]
done

# A slide inserted before the first and a bullet edited, saved again by
# Impress as .pptx (ids renumbered by position): import --update keeps
# the ids by the slides' text, so the first slide's translations stay
# with it and the new slide gets an id no item had.
python3 - "$TMP/out/deck.odp" "$TMP/ins.odp" <<'PY'
import re, sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == "content.xml":
            text = data.decode()
            page = re.search(r'<draw:page draw:name="page4".*?</draw:page>', text, re.S).group(0)
            page = re.sub(r'<draw:frame[^>]*><draw:plugin.*?</draw:frame>', "", page, flags=re.S)
            page = page.replace('draw:name="page4"', 'draw:name="page0"').replace("Se filmen", "Nytt lysbilde")
            i = text.index('<draw:page draw:name="page1"')
            text = (text[:i] + page + text[i:]).replace("Ditt eget språk", "Ditt eget morsmål")
            data = text.encode()
        if info.filename == "mimetype":
            out.writestr(zipfile.ZipInfo("mimetype"), data)
        else:
            out.writestr(info.filename, data)
PY
mkdir -p "$TMP/ins"
lo --convert-to pptx --outdir "$TMP/ins" "$TMP/ins.odp" >>"$TMP/lo.out" 2>&1
P=$TMP/pptx
"$VB" import --update "$P" "$TMP/ins/ins.pptx" >"$TMP/ins.out" 2>&1 &&
	"$VB" update-po "$P" >>"$TMP/ins.out" 2>&1
expect "pptx saved again after a slide was inserted: import --update and update-po exit 0" [ $? -eq 0 ]
expect "pptx: the inserted slide, first, gets slide-260; the first slide keeps slide-256" \
	[ "$(grep -o '<slide id="[^"]*"' "$P/pack.xml" | head -n 2 | tr '\n' ' ')" = '<slide id="slide-260" <slide id="slide-256" ' ]
expect "pptx: the first slide's Ukrainian texts stay with it" \
	[ "$(msgstr_of "$P/po/uk.po" slide-256/p.1)" = "Що таке <b>кар'єрне консультування</b>?" ]
expect "pptx: the report counts unchanged, edited and new slides" \
	grep -q "slides matched to the pack's items by their text: 2 unchanged, 1 edited, 1 new" "$TMP/ins.out"

# A deck with ids of its own (PowerPoint's sldId, named Impress pages)
# gets no such note.
for fmt in pptx odp; do
	python3 "$TOP/tests/tools/make-deck.py" $fmt "$TMP/own.$fmt"
	"$VB" import "$TMP/own.$fmt" -o "$TMP/own-$fmt" >"$TMP/own.report" 2>&1
	expect "$fmt with ids of its own: no note about positions" \
		sh -c "! grep -q 'note: the slide ids follow' '$TMP/own.report'"
done
