#!/bin/sh
# End-to-end: import --render makes a picture of each slide whose content
# is not text (here a chart) with LibreOffice and pdftoppm; the report and
# check mark it untranslatable, and the pack builds. Without LibreOffice
# on PATH, --render says what to install and writes nothing. A
# LibreOffice that hangs is stopped after --render-timeout seconds.
. "$TOP/tests/lib.sh"

MD="python3 $TOP/tests/tools/make-deck.py"
$MD pptx "$TMP/deck.pptx"

mkdir "$TMP/nobin"
PATH="$TMP/nobin" "$VB" import --render "$TMP/deck.pptx" -o "$TMP/none" \
	>/dev/null 2>"$TMP/none.err"
rc=$?
expect "without LibreOffice: exit 2, one line naming the package, nothing written" \
	sh -c "[ $rc -eq 2 ] && [ \$(wc -l <'$TMP/none.err') -eq 1 ] &&
	       grep -q 'install libreoffice-impress' '$TMP/none.err' &&
	       [ ! -e '$TMP/none' ] && [ -z \"\$(ls -A '$TMP' | grep '^\\.none')\" ]"

HOME="$TMP/home" "$VB" import --render "$TMP/deck.pptx" -o "$TMP/pack" \
	>"$TMP/report" 2>"$TMP/err"
expect "import --render exits 0" [ $? -eq 0 ]
x="$TMP/pack/pack.xml"
png="$TMP/pack/media/slide-259.slide.png"
expect "the chart slide is a picture of the slide" \
	sh -c "grep -q '<image src=\"media/slide-259.slide.png\">' '$x' &&
	       [ \"\$(head -c 8 '$png' | od -An -c | tr -d ' ')\" = '211PNG\\r\\n032\\n' ]"
expect "the picture is 1920 pixels wide" \
	[ "$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')" -eq 1920 ]
ymin=$(ffmpeg -nostdin -v info -i "$png" -vf "signalstats,metadata=print:key=lavfi.signalstats.YMIN" -f null - 2>&1 |
	sed -n 's/.*YMIN=\([0-9]*\).*/\1/p' | head -n 1)
expect "the picture shows the slide's text (dark pixels on white)" \
	[ "${ymin:-255}" -lt 64 ]
expect "the report marks it untranslatable" \
	grep -q "slide 4 (slide-259): heading, a picture of the slide (its text is in the picture: untranslatable)" "$TMP/report"
expect "no slide is left needing --render" \
	grep -q "1 slide(s) rendered as pictures; 0 slide(s) need --render" "$TMP/report"
expect "the work folder is gone" [ ! -e "$TMP/pack/.render" ]
"$VB" check "$TMP/pack" >"$TMP/check" 2>&1
expect "check passes and warns that the slide is untranslatable" \
	sh -c "[ $? -eq 0 ] && grep -q 'picture of a whole slide' '$TMP/check'"
"$VB" build "$TMP/pack" -o "$TMP/bundles" >"$TMP/build" 2>&1
expect "the rendered pack builds" [ $? -eq 0 ]
if [ -n "${KEEP_SHOTS:-}" ]; then cp "$png" "$KEEP_SHOTS"; fi

# A LibreOffice that hangs (here a soffice that sleeps, with a child of
# its own) is stopped after --render-timeout seconds, its whole process
# group: one line naming the deck, exit 2, nothing written.
mkdir "$TMP/hang"
cat >"$TMP/hang/soffice" <<SH
#!/bin/sh
sleep 600 &
echo \$! >"$TMP/hang/child"
wait
SH
chmod +x "$TMP/hang/soffice"
PATH="$TMP/hang:$PATH" "$VB" import --render --render-timeout 1 \
	"$TMP/deck.pptx" -o "$TMP/hung" >/dev/null 2>"$TMP/hung.err"
rc=$?
expect "a hung LibreOffice: exit 2, one line naming the deck and the limit, nothing written" \
	sh -c "[ $rc -eq 2 ] && [ \$(wc -l <'$TMP/hung.err') -eq 1 ] &&
	       grep -q '^$TMP/deck.pptx: LibreOffice did not finish within 1 s' '$TMP/hung.err' &&
	       [ ! -e '$TMP/hung' ] && [ -z \"\$(ls -A '$TMP' | grep '^\\.hung')\" ]"
# (a killed child may stay a zombie where pid 1 does not reap)
stopped() {
	[ -s "$TMP/hang/child" ] || return 1
	st=$(ps -o stat= -p "$(cat "$TMP/hang/child")")
	case "$st" in ""|Z*) return 0 ;; *) return 1 ;; esac
}
expect "a hung LibreOffice: its children are stopped too" stopped
"$VB" import --render --render-timeout 0 "$TMP/deck.pptx" -o "$TMP/t0" \
	>/dev/null 2>"$TMP/t0.err"
expect "--render-timeout 0: exit 2, nothing written" \
	sh -c "[ $? -eq 2 ] && [ ! -e '$TMP/t0' ] && grep -q 'render-timeout 0: give the seconds, from 1' '$TMP/t0.err'"
