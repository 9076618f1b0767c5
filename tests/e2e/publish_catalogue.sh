#!/bin/sh
# veiviser-build publish and catalogue (docs/FORMATS.md, "Catalogue"): a
# static site with catalogue.xml (valid against its RelaxNG schema), its
# minisign signature and the bundles under their SHA-256; every publish
# raises the version; publishing one more language adds files and
# rewrites no other; expiry; bad input: unsigned or damaged bundles, a
# changed catalogue, a foreign key, a broken catalogue, a full disk.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
signed_fixture || { fail fixture "could not make the fixture pack"; exit 1; }
"$VB" build "$P" -o plain --lang nb --level no-schooling >/dev/null 2>&1
[ "$(ls out/*.vvb | wc -l)" -eq 6 ] || fail fixture "not six bundles"

one_line() { # WHAT FILE RC WANT
	[ "$3" -eq "$4" ] && [ "$(wc -l <"$2")" -eq 1 ] && grep -q "$1" "$2" &&
		return 0
	echo "rc $3 (want $4): $(cat "$2")" >&2
	return 1
}
version() { sed -n 's/.*<catalogue [^>]*version="\([0-9]*\)".*/\1/p' \
	site/catalogue.xml; }

"$VB" publish out/*-nb-*.vvb out/*-ar-*.vvb -o site --key k.key >p.out 2>&1
expect "publish: exit 0" [ $? -eq 0 ]
expect "publish: version 1" [ "$(version)" = 1 ]
expect "catalogue.xml follows its RelaxNG schema" \
	xmllint --noout --relaxng "$TOP/builder/schema/catalogue.rng" \
	site/catalogue.xml
if command -v minisign >/dev/null; then
	expect "minisign -V accepts the catalogue's signature" \
		minisign -Vq -m site/catalogue.xml -p k.pub
fi
ok=1
for f in site/bundles/*.vvb; do
	h=$(sha256sum "$f" | cut -d' ' -f1)
	[ "$f" = "site/bundles/$h.vvb" ] || ok=0
	grep -q "sha256=\"$h\"" site/catalogue.xml || ok=0
done
_check41() {
	[ $ok -eq 1 ] && [ "$(ls site/bundles | wc -l)" -eq 4 ]
}
expect "bundles are named by their SHA-256, which the catalogue lists" _check41
expect "each entry: pack, version, language, level, size, review, title" \
	grep -q 'pack="pack-small" version="1.0.0" lang="ar" level="no-schooling" review="reviewed" size="[0-9]*"' \
	site/catalogue.xml

stat -c '%n %i %Y' site/bundles/*.vvb >before
cp site/catalogue.xml v1.xml
"$VB" publish out/*-ti-*.vvb -o site --key k.key >p.out 2>&1
_check50() {
	[ "$(version)" = 2 ] && [ "$(ls site/bundles | wc -l)" -eq 6 ] &&
	grep -q "6 bundles (2 new files)" p.out
}
expect "publish again with one more language: version 2, two new files" _check50
stat -c '%n %i %Y' $(cut -d' ' -f1 before) >after
expect "the other bundles' files were not rewritten" cmp -s before after
"$VB" catalogue site -p k.pub >c.out 2>c.err
expect "catalogue SITEDIR -p: exit 0" [ $? -eq 0 ]
expect "catalogue: Tigrinya at both levels, marked draft (from the .po)" \
	grep -q "^pack-small  *ti  *ትግርኛ  *1.0.0 draft  *1.0.0 draft" c.out
expect "catalogue: Arabic reviewed" \
	grep -q "^pack-small  *ar .*1.0.0 reviewed  *1.0.0 reviewed" c.out
_check61() {
	grep -q "catalogue version 2, " c.out &&
	grep -q "signed by key [0-9A-F]\{16\}\$" c.out
}
expect "catalogue: names the version and the signing key" _check61
# A municipality with only the two files it fetched from the site
# (veiviser-build(1)): the same table.
mkdir fetched
cp site/catalogue.xml site/catalogue.xml.minisig fetched/
"$VB" catalogue fetched -p k.pub >f.out 2>f.err
rc=$?
expect "catalogue of a folder holding only catalogue.xml and its signature: the same table" \
	eval '[ $rc -eq 0 ] && cmp -s c.out f.out'

"$VB" catalogue site -p f.pub >c.out 2>c.err
expect "catalogue with a foreign key: exit 1, one line" \
	one_line "which is not a given key" c.err $? 1
cp -r site altered
sed -i 's/review="draft"/review="reviewed"/' altered/catalogue.xml
"$VB" catalogue altered -p k.pub >c.out 2>c.err
expect "a changed catalogue (draft made reviewed): exit 1, one line" \
	one_line "does not match" c.err $? 1
printf '<catalogue/>' >altered/catalogue.xml
"$VB" catalogue altered -p k.pub >c.out 2>c.err
expect "a catalogue against the schema: exit 1, one line naming it" \
	one_line "altered/catalogue.xml" c.err $? 1
"$VB" publish out/*-nb-no*.vvb -o altered --key k.key >p.out 2>p.err
expect "publish onto a broken catalogue: exit 1, one line naming it" \
	one_line "altered/catalogue.xml" p.err $? 1

# Expiry: published "long ago" for one day.
cp -r site old
SOURCE_DATE_EPOCH=1000000000 "$VB" publish out/*-nb-no*.vvb -o old \
	--key k.key --expires 1 >/dev/null 2>&1
"$VB" catalogue old -p k.pub >c.out 2>&1
rc=$?
_check94() {
	[ $rc -eq 1 ] && grep -q "expires 2001-09-10T01:46:40Z (EXPIRED)" c.out
}
expect "an expired catalogue: shown as EXPIRED, exit 1" _check94
"$VB" publish out/*-nb-no*.vvb -o site --key k.key --expires 0 \
	>/dev/null 2>p.err
expect "--expires 0: exit 2, one line" one_line "expires" p.err $? 2

# Refused input leaves the site as it was.
cp site/catalogue.xml v2.xml
"$VB" publish plain/*.vvb -o site --key k.key >p.out 2>p.err
expect "an unsigned bundle: exit 1, one line naming it" \
	one_line "plain/pack-small-1.0.0-nb-no-schooling.vvb: unsigned" \
	p.err $? 1
cp out/pack-small-1.0.0-nb-no-schooling.vvb dam.vvb
printf X | dd of=dam.vvb bs=1 seek=100000 conv=notrunc 2>/dev/null
"$VB" publish dam.vvb -o site --key k.key >p.out 2>p.err
expect "a damaged bundle: exit 1, one line naming it" \
	one_line "^dam.vvb: " p.err $? 1
head -c 50 k.key >cut.key
"$VB" publish out/*.vvb -o site --key cut.key >p.out 2>p.err
expect "a truncated key: exit 2, one line naming it" \
	one_line "cut.key" p.err $? 2
expect "refused publishes left the catalogue as it was" \
	cmp -s site/catalogue.xml v2.xml

M=$TMP/full
mkdir "$M"
if [ "$(id -u)" -eq 0 ] &&
   mount -t tmpfs -o size=300k tmpfs "$M" 2>/dev/null; then
	"$VB" publish out/*-nb-no*.vvb -o "$M/site" --key k.key >/dev/null 2>&1
	cp "$M/site/catalogue.xml" full.xml
	"$VB" publish out/*.vvb -o "$M/site" --key k.key >p.out 2>p.err
	rc=$?
	expect "a full disk: exit 2, one line saying to free space" \
		one_line "free some space" p.err $rc 2
	_check128() {
		cmp -s "$M/site/catalogue.xml" full.xml &&
		[ -z "$(find "$M" -name '.*tmp*')" ]
	}
	expect "a full disk: the catalogue as it was, no temporary file" _check128
	umount "$M"
else
	echo "# skipped the full-disk case: cannot mount a tmpfs here"
fi
