# Bad input to `build`: malformed pack.xml, a schema violation, a .po with
# a bad Plural-Forms header each stop the build with an error naming the
# file, a non-zero exit and nothing in OUTDIR; a .po in ISO-8859-1 still
# builds, with its text converted to UTF-8 in the bundle.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
cp -r "$P" "$TMP/orig"

# refused NAME FILE-PATTERN: the build must fail, name the file, write
# no bundle.
refused() {
	rm -rf "$TMP/out"
	"$VB" build "$P" -o "$TMP/out" >/dev/null 2>"$TMP/err"
	rc=$?
	if [ $rc -ne 0 ] && grep -q "$2" "$TMP/err" &&
	   [ -z "$(ls "$TMP/out" 2>/dev/null | grep vvb)" ]; then
		pass "$1"
	else
		fail "$1" "exit $rc: $(head -n 2 "$TMP/err" | tr '\n' '|')"
	fi
	rm -rf "$P"
	cp -r "$TMP/orig" "$P"
}

printf '<pack xmlns="urn:veiviser:pack:1" id="x"' >"$P/pack.xml"
refused "malformed pack.xml: error naming it, nothing written" 'pack.xml:[0-9]*:'

sed 's/<heading note=/<headline note=/; s/<\/heading>/<\/headline>/' \
	"$TMP/orig/pack.xml" >"$P/pack.xml"
refused "schema violation: error naming pack.xml and the line, nothing written" 'pack.xml:[0-9]*:'

sed 's/^"Plural-Forms: .*/"Plural-Forms: nplurals=two; plural=n;\\n"/' \
	"$TMP/orig/po/ar.po" >"$P/po/ar.po"
refused "bad Plural-Forms: error naming the .po, nothing written" 'ar.po:[0-9]*: .*Plural-Forms'

# ISO-8859-1 catalogue for ar (Latin text only, so it fits the charset).
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgctxt "welcome/heading"\nmsgid "Velkommen"\nmsgstr "V\344lkommen"\n' >"$P/po/ar.po"
"$VB" build "$P" -o "$TMP/latin" --lang ar --level no-schooling >/dev/null 2>"$TMP/err"
expect "an ISO-8859-1 .po builds" [ $? -eq 0 ]
member "$TMP/latin/pack-small-1.0.0-ar-no-schooling.vvb" manifest.xml >"$TMP/m.xml"
expect "its text is converted to UTF-8 in the bundle" grep -q '<heading>Välkommen</heading>' "$TMP/m.xml"
