# The documentation cannot rot: docs/minimal-pack uses every element and
# attribute of the pack schema, validates with xmllint as docs/AUTHORING.md
# says, is clean in check and builds; AUTHORING.md names every element;
# veiviser-build new writes the same pack, and never over another.
. "$TOP/tests/lib.sh"

DOC=$TOP/docs/minimal-pack
RNG=$TOP/builder/schema/pack.rng
P=$TMP/minimal
cp -r "$DOC" "$P"
rm -rf "$P/media/nb" "$P/media/"*.png "$P/media/"*.mp4

# Every element and attribute the schema defines appears in the pack.
python3 - "$RNG" "$P/pack.xml" >"$TMP/missing" <<'EOF'
import sys, xml.etree.ElementTree as ET
R = '{http://relaxng.org/ns/structure/1.0}'
rng = ET.parse(sys.argv[1]).getroot()
elements = {e.get('name') for e in rng.iter(R + 'element')}
attributes = {a.get('name') for a in rng.iter(R + 'attribute')}
pack = ET.parse(sys.argv[2]).getroot()
used_el = {e.tag.split('}')[1] for e in pack.iter()}
used_at = {a for e in pack.iter() for a in e.attrib}
for name in sorted(elements - used_el):
    print('element', name)
for name in sorted(attributes - used_at):
    print('attribute', name)
EOF
expect "the minimal pack uses every element and attribute of pack.rng" \
	sh -c "! grep . '$TMP/missing'"
[ -s "$TMP/missing" ] && cat "$TMP/missing"

ok=1
for el in $(python3 -c "
import sys, xml.etree.ElementTree as ET
R = '{http://relaxng.org/ns/structure/1.0}'
print(' '.join(sorted({e.get('name') for e in ET.parse('$RNG').getroot().iter(R + 'element')})))"); do
	grep -q "<$el[ >]" "$TOP/docs/AUTHORING.md" ||
		{ echo "AUTHORING.md does not name <$el>"; ok=0; }
done
expect "AUTHORING.md names every element" [ $ok -eq 1 ]

expect "xmllint validates it against the schema, as the docs say" \
	xmllint --noout --relaxng "$RNG" "$P/pack.xml"

"$P/make-media" >"$TMP/media.log" 2>&1
expect "make-media makes its media" [ $? -eq 0 ]

"$VB" check "$P" >"$TMP/check.log" 2>&1
expect "check finds nothing to fix" grep -q "errors: 0, warnings: 0" \
	"$TMP/check.log"
expect "the English translation is complete" \
	grep -q "^en  *upper-secondary .* 100.0%" "$TMP/check.log"

"$VB" build "$P" -o "$TMP/out" --strict >"$TMP/build.log" 2>&1
expect "build --strict makes its bundles" [ $? -eq 0 ]
n=$(ls "$TMP/out"/minimal-1.0.0-*.vvb 2>/dev/null | wc -l)
expect "four bundles: nb and en, two levels" [ "$n" -eq 4 ]
"$VB" verify "$TMP/out"/*.vvb >/dev/null 2>&1
expect "every bundle verifies" [ $? -eq 0 ]
m=$(tar xOf "$TMP/out/minimal-1.0.0-en-upper-secondary.vvb" manifest.xml)
expect "the English bundle holds the film, its subtitles and the picture" \
	sh -c "echo '$m' | grep -q 'kind=\"video\"' &&
	       echo '$m' | grep -q 'kind=\"subtitles\"' &&
	       echo '$m' | grep -q 'kind=\"image\"'"
expect "the film is only in the level it names" \
	sh -c "! tar tf '$TMP/out/minimal-1.0.0-en-no-schooling.vvb' |
	       grep -q 'film'"

N=$TMP/new
"$VB" new "$N" >"$TMP/new.log" 2>&1
expect "veiviser-build new writes a pack" [ $? -eq 0 ]
diff -r -x pack.xml -x .gitignore -x "*.png" -x "*.mp4" -x nb "$DOC" "$N" >"$TMP/new.diff" 2>&1
expect "the same files as docs/minimal-pack" [ $? -eq 0 ]
expect "its pack.xml differs only in the installed schema's path" \
	sh -c "diff '$DOC/pack.xml' '$N/pack.xml' | grep '^[<>]' |
	       grep -v 'xml-model href=' | grep -q . && exit 1 || exit 0"
"$N/make-media" >/dev/null 2>&1 && "$VB" check "$N" >"$TMP/ncheck.log" 2>&1
expect "the new pack is clean in check" \
	grep -q "errors: 0, warnings: 0" "$TMP/ncheck.log"
"$VB" new "$N" >/dev/null 2>"$TMP/new2.log"
rc=$?
expect "new refuses a folder that holds a pack" \
	sh -c "[ $rc -eq 2 ] && grep -q 'already holds a pack.xml' '$TMP/new2.log'"
: >"$TMP/afile"
"$VB" new "$TMP/afile" >/dev/null 2>&1
expect "new refuses a file" [ $? -eq 2 ]

# A folder without pack.xml is taken, but a translator's file in it is
# never overwritten.
mkdir -p "$TMP/half/po"
echo 'msgid ""' >"$TMP/half/po/en.po"
"$VB" new "$TMP/half" >/dev/null 2>"$TMP/half.log"
rc=$?
expect "new refuses to overwrite a file, naming it, and writes nothing" \
	sh -c "[ $rc -eq 2 ] && grep -q '^$TMP/half/po/en.po: ' '$TMP/half.log' &&
	       [ \$(wc -l <'$TMP/half.log') -eq 1 ] &&
	       [ ! -e '$TMP/half/po/LINGUAS' ] && [ ! -e '$TMP/half/media' ] &&
	       [ \"\$(cat '$TMP/half/po/en.po')\" = 'msgid \"\"' ]"

# A full disk: one line, exit 2, and nothing half-written left behind.
D=$TMP/disk
mkdir -p "$D"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=40k tmpfs "$D" 2>/dev/null; then
	dd if=/dev/zero of="$D/fill" bs=1k count=30 2>/dev/null
	"$VB" new "$D/p" >/dev/null 2>"$TMP/full.log"
	rc=$?
	expect "new on a full disk exits 2" [ $rc -eq 2 ]
	expect "new on a full disk says so in one line" \
		sh -c "[ \$(wc -l <'$TMP/full.log') -eq 1 ] && grep -q 'No space left' '$TMP/full.log'"
	expect "new on a full disk leaves no half pack" [ ! -e "$D/p" ]
	expect "new on a full disk speaks of no old file (there was none)" \
		sh -c "! grep -q 'old file' '$TMP/full.log'"
	mkdir "$D/q"
	"$VB" new "$D/q" >/dev/null 2>&1
	expect "new on a full disk leaves a folder that was there as it was" \
		sh -c "[ -d '$D/q' ] && [ -z \"\$(ls -A '$D/q')\" ]"
	umount "$D"
fi
