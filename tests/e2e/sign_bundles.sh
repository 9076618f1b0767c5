#!/bin/sh
# Signed bundles (docs/FORMATS.md, "Keys and signatures"): keygen, build
# --sign, sign, verify with and without keys; minisign's formats checked
# both ways against Debian's minisign; bad input: a wrong or foreign key,
# a damaged signature or comment, truncated key files, a wrong password,
# a full disk.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
cd "$TMP" || exit 1

# one_line NAME FILE RC WANT_RC: exit status WANT_RC and exactly one
# line on stderr (FILE) that names NAME.
one_line() {
	if [ "$3" -eq "$4" ] && [ "$(wc -l <"$2")" -eq 1 ] &&
	   grep -q "$1" "$2"; then
		return 0
	fi
	echo "rc $3 (want $4): $(cat "$2")" >&2
	return 1
}

"$VB" keygen --unencrypted -s k.key -p k.pub >kg.out 2>&1
rc=$?
id=$(sed -n 's/^key \([0-9A-F]\{16\}\):.*/\1/p' kg.out)
expect "keygen --unencrypted writes both files, prints the key id" \
	[ $rc -eq 0 -a -n "$id" -a -f k.key -a -f k.pub ]
expect "keygen: the secret key is readable by its owner only" \
	[ "$(stat -c %a k.key)" = 600 ]
expect "keygen: the public key names its id as minisign does" \
	grep -q "^untrusted comment: minisign public key $id\$" k.pub
cp k.key k.key.orig
"$VB" keygen --unencrypted -s k.key -p k.pub 2>kg.err
expect "keygen refuses to replace an existing key without --force" \
	one_line k.key kg.err $? 2
expect "keygen: the refused run left the key as it was" cmp -s k.key k.key.orig
"$VB" keygen --unencrypted -s other.key -p other.pub >/dev/null 2>&1

"$VB" build "$P" -o out --lang ar --level no-schooling --sign k.key \
	>build.out 2>&1
B=out/pack-small-1.0.0-ar-no-schooling.vvb
expect "build --sign: built" [ -f "$B" ]
expect "build --sign: the signature is the last member (tar tf)" \
	[ "$(tar tf "$B" | tail -n 1)" = manifest.sha256.minisig ]
"$VB" verify -p k.pub "$B" >v.out 2>v.err
expect "verify -p: signed by the key's id" \
	grep -q "signed by key $id\$" v.out
"$VB" verify "$B" >v.out 2>&1
expect "verify without keys: names the key id, says it was not checked" \
	grep -q "signed by key $id (not checked" v.out
mkdir trust && cp k.pub trust/centre.pub
"$VB" verify --trust trust "$B" >v.out 2>&1
expect "verify --trust DIR: signed by a key of the folder" \
	grep -q "signed by key $id\$" v.out

# minisign accepts Veiviser's signature (-V), over manifest.sha256.
mkdir x && tar xf "$B" -C x manifest.sha256 manifest.sha256.minisig
if command -v minisign >/dev/null; then
	expect "minisign -V accepts the bundle's signature" \
		minisign -Vq -m x/manifest.sha256 -p k.pub
	# Veiviser accepts minisign's signature: minisign -S with
	# Veiviser's key, appended with tar as the last member.
	"$VB" build "$P" -o plain --lang ar --level no-schooling >/dev/null 2>&1
	U=plain/pack-small-1.0.0-ar-no-schooling.vvb
	"$VB" verify "$U" >v.out 2>&1
	expect "an unsigned bundle: verify says unsigned" \
		grep -q "intact (.*), unsigned\$" v.out
	"$VB" verify -p k.pub "$U" >v.out 2>v.err
	expect "an unsigned bundle with a key required: refused" \
		one_line unsigned v.err $? 1
	mkdir y && tar xf "$U" -C y manifest.sha256 && cp "$U" ms.vvb &&
	minisign -S -s k.key -m y/manifest.sha256 </dev/null >/dev/null &&
	(cd y && tar rf ../ms.vvb --format=ustar manifest.sha256.minisig)
	"$VB" verify -p k.pub ms.vvb >v.out 2>&1
	expect "Veiviser accepts a signature made by minisign -S" \
		grep -q "signed by key $id\$" v.out
	# A key pair made by minisign -G -W signs bundles here.
	minisign -G -W -p m.pub -s m.key </dev/null >/dev/null 2>&1
	cp "$U" m.vvb
	"$VB" sign m.vvb --key m.key >/dev/null 2>s.err
	rc=$?
	"$VB" verify -p m.pub m.vvb >v.out 2>&1
	expect "a minisign -G key signs; verify -p its .pub accepts" \
		[ $rc -eq 0 ] && grep -q "signed by key" v.out
else
	fail "minisign" "not installed; run scripts/install-deps"
fi

# sign: an unsigned bundle gets a signature; signing again replaces it.
cp plain/pack-small-1.0.0-ar-no-schooling.vvb s.vvb
"$VB" sign s.vvb --key other.key >/dev/null 2>&1 &&
"$VB" sign s.vvb --key k.key >s.out 2>&1
expect "sign: signs an unsigned bundle" grep -q "signed by key $id" s.out
expect "sign again: one signature member, the new key's" \
	[ "$(tar tf s.vvb | grep -c minisig)" -eq 1 ]
"$VB" verify -p k.pub s.vvb >/dev/null 2>&1
expect "sign again: verifies with the new key" [ $? -eq 0 ]

"$VB" verify -p other.pub "$B" >v.out 2>v.err
expect "a foreign key: refused, exit 1, one line naming the bundle" \
	one_line "$B: signed by key $id, which is not a trusted key" v.err $? 1

# A damaged signature: one base64 character of the signature line, then
# one of the trusted comment (covered by the global signature).
sigoff=$(grep -abo 'untrusted comment: signature' "$B" | tail -n 1 |
	cut -d: -f1)
flip_at() { # FILE OFFSET: replaces the byte at OFFSET with another letter
	c=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null)
	if [ "$c" = A ]; then n=B; else n=A; fi
	printf %s "$n" | dd of="$1" bs=1 seek="$2" count=1 conv=notrunc \
		2>/dev/null
}
line2=$(( sigoff + $(head -n 1 x/manifest.sha256.minisig | wc -c) + 20 ))
cp "$B" d1.vvb && flip_at d1.vvb "$line2"
"$VB" verify -p k.pub d1.vvb >v.out 2>v.err
expect "a damaged signature: refused, exit 1, one line" \
	one_line "d1.vvb: the signature of key $id does not match" v.err $? 1
tc=$(( sigoff + $(head -n 2 x/manifest.sha256.minisig | wc -c) + 30 ))
cp "$B" d2.vvb && flip_at d2.vvb "$tc"
"$VB" verify -p k.pub d2.vvb >v.out 2>v.err
expect "a changed trusted comment: refused, exit 1, one line" \
	one_line "d2.vvb: the signature of key $id does not match" v.err $? 1
# manifest.sha256 changed together with the manifest is caught by the
# signature (the hash alone would match).
"$VB" build "$P" -o out2 --lang ar --level upper-secondary >/dev/null 2>&1
B2=out2/pack-small-1.0.0-ar-upper-secondary.vvb
mkdir z && tar xf "$B2" -C z && cp x/manifest.sha256.minisig z/ &&
(cd z && tar cf ../graft.vvb --format=ustar manifest.xml \
	$(tar tf "../$B2" | grep -v '^manifest') manifest.sha256 \
	manifest.sha256.minisig)
"$VB" verify -p k.pub graft.vvb >v.out 2>v.err
expect "another bundle's signature grafted on: refused" \
	one_line "graft.vvb: the signature of key $id does not match" v.err $? 1

# Truncated or wrong key files: exit 2, one line naming the file.
head -c 60 k.key >trunc.key
"$VB" sign s.vvb --key trunc.key >/dev/null 2>s.err
expect "a truncated secret key: exit 2, one line naming it" \
	one_line "trunc.key: not a minisign secret key" s.err $? 2
head -c 70 k.pub >trunc.pub
"$VB" verify -p trunc.pub s.vvb >/dev/null 2>v.err
expect "a truncated public key: exit 2, one line naming it" \
	one_line "trunc.pub: not a minisign public key" v.err $? 2
"$VB" sign s.vvb --key k.pub >/dev/null 2>s.err
expect "a public key given as the secret key: exit 2, one line" \
	one_line "k.pub: not a minisign secret key" s.err $? 2
# Characters 100-103 of the base64 line are bytes of the key's seed.
cp k.key dam.key
sed -i '2s/^\(.\{100\}\).\{4\}/\1QUJD/' dam.key
cmp -s k.key dam.key && sed -i '2s/^\(.\{100\}\).\{4\}/\1REVG/' dam.key
"$VB" sign s.vvb --key dam.key >/dev/null 2>s.err
expect "a damaged unencrypted secret key: exit 2, one line" \
	one_line "dam.key: the secret key is damaged" s.err $? 2
cp k.pub trust/bad.pub && head -c 30 k.pub >trust/bad.pub
"$VB" verify --trust trust s.vvb >/dev/null 2>v.err
expect "a broken key in the trust folder: exit 2, one line naming it" \
	one_line "trust/bad.pub" v.err $? 2
rm trust/bad.pub
expect "sign: the refused runs left the bundle verifying" \
	"$VB" verify -p k.pub s.vvb

# An encrypted key (scrypt as minisign: ~1 GiB and some seconds each).
printf 'correct horse\n' >pw
printf 'wrong horse\n' >pw.bad
"$VB" keygen -s e.key -p e.pub --password-file pw >/dev/null 2>&1
expect "keygen --password-file: an encrypted secret key" \
	grep -q "^untrusted comment: minisign encrypted secret key" e.key
if command -v minisign >/dev/null; then
	printf 'correct horse\n' |
		setsid minisign -S -s e.key -m y/manifest.sha256 \
			-x e.minisig >/dev/null 2>&1
	expect "minisign -S decrypts Veiviser's encrypted key" \
		minisign -Vq -m y/manifest.sha256 -x e.minisig -p e.pub
fi
"$VB" sign s.vvb --key e.key --password-file pw.bad >/dev/null 2>s.err
expect "a wrong password: exit 2, one line naming the key" \
	one_line "e.key: wrong password" s.err $? 2
setsid "$VB" sign s.vvb --key e.key </dev/null >/dev/null 2>s.err
expect "an encrypted key, no terminal, no --password-file: exit 2" \
	one_line "password-file" s.err $? 2

# A full disk: the signed copy cannot be written; the bundle stays.
M=$TMP/full
mkdir "$M"
size=$(stat -c %s s.vvb)
if [ "$(id -u)" -eq 0 ] &&
   mount -t tmpfs -o size=$(( size + 8192 )) tmpfs "$M" 2>/dev/null; then
	cp plain/pack-small-1.0.0-ar-no-schooling.vvb "$M/f.vvb"
	cp "$M/f.vvb" f.orig
	"$VB" sign "$M/f.vvb" --key k.key >/dev/null 2>s.err
	rc=$?
	expect "a full disk: exit 2, one line saying to free space" \
		one_line "free some space" s.err $rc 2
	expect "a full disk: the bundle is as it was, no temp file left" \
		[ "$(ls -A "$M")" = f.vvb ] && cmp -s "$M/f.vvb" f.orig
	umount "$M"
else
	echo "# skipped the full-disk case: cannot mount a tmpfs here"
fi
