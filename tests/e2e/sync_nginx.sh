#!/bin/sh
# veiviser-sync against Debian's nginx on a loopback port (the real path):
# a first sync installs the signed catalogue's bundles under their SHA-256,
# --status prints the JSON status, a selection drops what it no longer
# wants only after the new set is complete, a new publish adds; and the
# attacks of issue 14 that a plain web server can serve: a changed byte,
# a foreign-signed bundle, a catalogue signed by an untrusted key, a
# changed catalogue, a rollback, an expired catalogue, a catalogue entry
# whose size disagrees, a full disk. Each refusal keeps the last good set.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

VS="$TOP/$BUILD/veiviser-sync"
case "$BUILD" in /*) VS="$BUILD/veiviser-sync" ;; esac
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { fail nginx "nginx is not installed (scripts/install-deps)"; exit 1; }

P=$TMP/pack
signed_fixture || { fail fixture "could not make the fixture pack"; exit 1; }
"$VB" build "$P" -o fout --sign f.key --lang nb --level no-schooling \
	>/dev/null 2>&1
mkdir trust ftrust www
cp k.pub trust/
cp f.pub ftrust/
"$VB" publish out/*-nb-*.vvb out/*-ar-*.vvb -o www/site --key k.key \
	>/dev/null 2>&1 || { fail fixture "publish failed"; exit 1; }
cp www/site/catalogue.xml v1.xml
cp www/site/catalogue.xml.minisig v1.sig

# nginx on a free loopback port, with everything in the test's folder.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
mkdir -p ng/tmp
cat >ng/nginx.conf <<CONF
$user
daemon off;
worker_processes 1;
pid $TMP/ng/nginx.pid;
error_log $TMP/ng/error.log;
events { worker_connections 64; }
http {
	access_log $TMP/ng/access.log;
	client_body_temp_path $TMP/ng/tmp;
	proxy_temp_path $TMP/ng/tmp;
	fastcgi_temp_path $TMP/ng/tmp;
	uwsgi_temp_path $TMP/ng/tmp;
	scgi_temp_path $TMP/ng/tmp;
	server {
		listen 127.0.0.1:$port;
		root $TMP/www;
	}
}
CONF
"$NGINX" -p "$TMP/ng" -c "$TMP/ng/nginx.conf" -e "$TMP/ng/error.log" \
	>ng/out 2>&1 &
ngpid=$!
trap 'kill $ngpid 2>/dev/null; wait $ngpid 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
until curl -fs -o /dev/null "http://127.0.0.1:$port/site/catalogue.xml"; do
	i=$((i + 1))
	[ $i -gt 100 ] && { fail nginx "nginx did not start: $(cat ng/out ng/error.log)"; exit 1; }
	sleep 0.1
done
URL="http://127.0.0.1:$port/site"

jqt() { jq -e "$@" >/dev/null; }
one_line() { # WHAT FILE RC WANT
	[ "$3" -eq "$4" ] && [ "$(wc -l <"$2")" -eq 1 ] && grep -q "$1" "$2" &&
		return 0
	echo "rc $3 (want $4): $(cat "$2")" >&2
	return 1
}
listing() { ls -a "$1" | grep -v '^\.veiviser-sync\.' ; }
# same_set DIR SITE: DIR holds exactly SITE's bundles, byte for byte.
same_set() {
	[ "$(ls "$1"/*.vvb | wc -l)" -eq "$(ls "$2"/bundles/*.vvb | wc -l)" ] ||
		return 1
	for f in "$2"/bundles/*.vvb; do
		cmp -s "$f" "$1/$(basename "$f")" || return 1
	done
}

# veiviser-build catalogue URL (fetched through fetch/, the updater's
# code): the same table as from the folder the site was published in;
# with --trust the signature is checked before the catalogue is read;
# every failure is one line naming the URL, exit 1, nothing on stdout.
"$VB" catalogue www/site -p k.pub >cd.out 2>cd.err
"$VB" catalogue "$URL" --trust trust >cu.out 2>cu.err
rc=$?
_catalogue_url() {
	[ $rc -eq 0 ] && [ ! -s cu.err ] && [ "$(wc -l <cu.out)" -gt 3 ] &&
	cmp -s cd.out cu.out
}
expect "catalogue URL --trust: exit 0, the same table as catalogue SITEDIR" \
	_catalogue_url
"$VB" catalogue "$URL/" >cn.out 2>cn.err
rc=$?
_catalogue_unchecked() {
	[ $rc -eq 0 ] && grep -q "origin not checked" cn.out &&
	[ "$(tail -n +3 cn.out)" = "$(tail -n +3 cd.out)" ]
}
expect "catalogue URL/ without keys: the same table, origin not checked" \
	_catalogue_unchecked
"$VB" publish fout/*.vvb -o www/fsite --key f.key >/dev/null 2>&1
"$VB" catalogue "http://127.0.0.1:$port/fsite" --trust trust >cb.out 2>cb.err
rc=$?
_catalogue_foreign() {
	one_line "^http://127.0.0.1:$port/fsite/catalogue.xml.minisig: .*not a given key" \
		cb.err $rc 1 && [ ! -s cb.out ]
}
expect "catalogue URL --trust, a site signed by a foreign key: refused, one line, exit 1" \
	_catalogue_foreign
cp -r www/site www/alt
sed -i 's/review="reviewed"/review="draft"/' www/alt/catalogue.xml
cmp -s www/site/catalogue.xml www/alt/catalogue.xml &&
	fail "catalogue URL, a changed catalogue" "sed changed nothing"
"$VB" catalogue "http://127.0.0.1:$port/alt" --key k.pub >cb.out 2>cb.err
rc=$?
_catalogue_altered() {
	one_line "^http://127.0.0.1:$port/alt/catalogue.xml.minisig: .*does not match" \
		cb.err $rc 1 && [ ! -s cb.out ]
}
expect "catalogue URL --key, a changed catalogue (reviewed made draft): refused, one line, exit 1" \
	_catalogue_altered
printf '<?xml version="1.0"?>\n<catalogue>\n<bundle\n' >www/alt/catalogue.xml
"$VB" catalogue "http://127.0.0.1:$port/alt" >cb.out 2>cb.err
rc=$?
_catalogue_malformed() {
	one_line "^http://127.0.0.1:$port/alt/catalogue.xml:[0-9][0-9]*: " \
		cb.err $rc 1 && [ ! -s cb.out ]
}
expect "catalogue URL, malformed XML: one line with the URL and line, exit 1" \
	_catalogue_malformed
rm -r www/alt
"$VB" catalogue "http://127.0.0.1:$port/nosite" >cb.out 2>cb.err
rc=$?
_catalogue_404() {
	one_line "^http://127.0.0.1:$port/nosite/catalogue.xml: .*404" \
		cb.err $rc 1 && [ ! -s cb.out ]
}
expect "catalogue URL of no site (404): one line naming it, exit 1" \
	_catalogue_404

mkdir kiosk
"$VS" "$URL" kiosk --trust trust --once >s.out 2>s.err
rc=$?
_check86() {
	[ $rc -eq 0 ] && [ ! -s s.err ]
}
expect "first sync: exit 0, nothing on stderr" _check86
expect "first sync: the site's four bundles, byte for byte" \
	same_set kiosk www/site
expect "first sync: one line saying version and count" \
	grep -q "catalogue version 1, 4 bundles" s.out
"$VS" --status kiosk >st.json
_check92() {
	[ -s st.json ] && jqt '.catalogue_version == 1 and .last_error == null and
	       .bytes > 0 and .bundles == 4 and (.last_success | type) ==
	       "string"' st.json
}
expect "--status: JSON with version 1, no error, bytes" _check92
# Two runs on one folder (one by hand while the timer's runs): the second
# refuses at once, with its own exit status, and leaves the folder and
# the status (the running one's to write) alone. The lock is held here
# by util-linux flock on the updater's lock file, as another run would.
cp kiosk/.veiviser-sync.json busy.before
listing kiosk >busy.ls
( exec 9>>kiosk/.veiviser-sync.lock; flock 9; : >busy.held; exec sleep 30 ) &
lockpid=$!
until [ -e busy.held ]; do sleep 0.05; done
"$VS" "$URL" kiosk --trust trust --once >s.out 2>s.err
rc=$?
expect "a second run while one holds the lock: exit 3, one line" \
	one_line "another veiviser-sync is updating kiosk" s.err $rc 3
listing kiosk >busy.now
expect "a second run while one holds the lock: status and folder untouched" \
	eval 'cmp -s busy.before kiosk/.veiviser-sync.json && cmp -s busy.ls busy.now'
kill $lockpid
wait $lockpid 2>/dev/null
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
expect "the lock released: the next run updates (the lock file left is no obstacle)" \
	eval '[ $rc -eq 0 ] && grep -q "version 1 unchanged" s.out'
# mark NAME: nginx logs a request after answering it, so wait until a
# marker request is in the access log: every earlier one is there too
# (one worker, in order).
mark() {
	curl -s -o /dev/null "http://127.0.0.1:$port/$1"
	until grep -q "GET /$1 " ng/access.log; do sleep 0.05; done
}
mark before
: >ng/access.log
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
mark after
grep -v "GET /after " ng/access.log >poll.log
_check109() {
	[ $rc -eq 0 ] && jqt '.bytes == 0' kiosk/.veiviser-sync.json &&
	grep -q "version 1 unchanged" s.out
}
expect "an unchanged site: exit 0, nothing downloaded" _check109
_check112() {
	[ "$(wc -l <poll.log)" -eq 1 ] &&
	grep -q '"GET /site/catalogue.xml HTTP/1.1" 304 ' poll.log
}
expect "an unchanged site: one conditional GET answered 304, nothing else" _check112
[ "$(wc -l <poll.log)" -eq 1 ] || sed 's/^/# /' poll.log
# A download left by an earlier run (cut, killed, or of a bundle the
# selection has dropped since) goes at an unchanged poll: the folder
# holds the whole selection, so no part is wanted.
stale=kiosk/.$(printf '%064d' 0).vvb.part
head -c 50000 /dev/zero >"$stale"
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
expect "an unchanged site: a part left by an earlier run is removed" \
	eval '[ $rc -eq 0 ] && [ ! -e "$stale" ] && grep -q unchanged s.out'
# The site's address as staff copy it from a browser: the catalogue's own
# URL, or the folder with a slash. Both name the same site: nothing is
# downloaded again.
"$VS" "$URL/catalogue.xml" kiosk --trust trust >s.out 2>s.err
rc=$?
expect "URL given as .../catalogue.xml: the same site, unchanged" \
	eval '[ $rc -eq 0 ] && grep -q "version 1 unchanged" s.out'
"$VS" "$URL/" kiosk --trust trust >s.out 2>s.err
rc=$?
expect "URL given with a trailing slash: the same site, unchanged" \
	eval '[ $rc -eq 0 ] && grep -q "version 1 unchanged" s.out'
rm kiosk/"$(ls kiosk | grep vvb | head -n 1)"
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
_check127() {
	[ $rc -eq 0 ] && same_set kiosk www/site
}
expect "a bundle removed by hand: the next run fetches in full and restores it" _check127

"$VS" "$URL" kiosk --trust trust --lang nb >s.out 2>s.err
rc=$?
_check131() {
	[ $rc -eq 0 ] && [ "$(ls kiosk/*.vvb | wc -l)" -eq 2 ] || return 1
	for f in kiosk/*.vvb; do
		grep -q "lang=\"nb\".*sha256=\"$(basename "$f" .vvb)\"" \
			www/site/catalogue.xml || return 1
	done
}
expect "--lang nb: only the two Norwegian bundles stay" _check131
"$VS" "$URL" kiosk --trust trust --lang nb --level no-schooling >/dev/null 2>&1
expect "--level narrows further" [ "$(ls kiosk/*.vvb | wc -l)" -eq 1 ]
# A selection that matches none of the catalogue's bundles is a typing
# error in sync.conf (--lang nob), not a wish for an empty kiosk: it is
# refused with one line naming the selection, and the folder is kept.
listing kiosk >sel.before
"$VS" "$URL" kiosk --trust trust --lang nob >s.out 2>s.err
rc=$?
expect "a selection that matches nothing (--lang nob): exit 1, one line naming it" \
	one_line "selection (--lang nob) matches none" s.err $rc 1
listing kiosk >sel.after
expect "a selection that matches nothing: the folder is kept" \
	eval 'cmp -s sel.before sel.after && [ "$(ls kiosk/*.vvb | wc -l)" -eq 1 ]'
expect "a selection that matches nothing: the status says so" \
	jqt '(.last_error | test("lang nob")) and .error_kind == "selection"' \
	kiosk/.veiviser-sync.json
"$VS" "$URL" kiosk --trust trust >/dev/null 2>&1

"$VB" publish out/*-ti-*.vvb -o www/site --key k.key >/dev/null 2>&1
cp www/site/catalogue.xml v2.xml
cp www/site/catalogue.xml.minisig v2.sig
"$VS" "$URL" kiosk --trust trust >/dev/null 2>&1
rc=$?
_check158() {
	[ $rc -eq 0 ] && same_set kiosk www/site &&
	jqt '.catalogue_version == 2' kiosk/.veiviser-sync.json
}
expect "a new publish (Tigrinya): six bundles, version 2" _check158
"$VS" "$URL" kiosk --trust trust --reviewed-only >/dev/null 2>&1
rc=$?
_check162() {
	[ $rc -eq 0 ] && [ "$(ls kiosk/*.vvb | wc -l)" -eq 4 ]
}
expect "--reviewed-only leaves out the draft Tigrinya" _check162
"$VS" "$URL" kiosk --trust trust >/dev/null 2>&1
listing kiosk >good

# refused CASE WHAT KIND: the last sync failed with one line naming WHAT,
# the status says so (and that it is a failure of KIND, which the staff
# overlay explains) and the kiosk's folder is as it was.
refused() {
	expect "$1: exit 1, one line" one_line "$2" s.err $rc 1
	expect "$1: the status says why ($3)" \
		jqt --arg w "$2" --arg k "$3" \
		'(.last_error | test($w)) and .error_kind == $k' \
		kiosk/.veiviser-sync.json
	listing kiosk >now
	expect "$1: the last good set is kept, nothing partial" \
		cmp -s good now
}

cp v1.xml www/site/catalogue.xml
cp v1.sig www/site/catalogue.xml.minisig
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
refused "rollback to a correctly signed version 1" "rollback" rollback
expect "rollback: the status keeps version 2" \
	jqt '.catalogue_version == 2' kiosk/.veiviser-sync.json
cp v2.xml www/site/catalogue.xml
cp v2.sig www/site/catalogue.xml.minisig

"$VS" "$URL" kiosk --trust ftrust >s.out 2>s.err
rc=$?
refused "a catalogue signed by an untrusted key" "not trusted" untrusted

sed 's/review="draft"/review="reviewed"/' v2.xml >www/site/catalogue.xml
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
refused "a changed catalogue" "does not match" signature

# Signed by the trusted key but against the schema (a review value the
# schema lacks): the reader both programs share refuses it, naming the
# catalogue's URL and the line.
sed 's/review="draft"/review="approved"/' v2.xml >www/site/catalogue.xml
minisign -S -s k.key -m www/site/catalogue.xml >/dev/null 2>&1 </dev/null
"$VS" "$URL" kiosk --trust trust >s.out 2>s.err
rc=$?
refused "a signed catalogue against the schema" \
	"catalogue.xml:[0-9][0-9]*: does not follow the catalogue schema" format
cp v2.xml www/site/catalogue.xml
cp v2.sig www/site/catalogue.xml.minisig

# Expired: published long ago for one day (as version 3).
cp -r www/site www/old
SOURCE_DATE_EPOCH=1000000000 "$VB" publish out/*-nb-no*.vvb -o www/old \
	--key k.key --expires 1 >/dev/null 2>&1
"$VS" "$URL/../old" kiosk --trust trust >s.out 2>s.err
rc=$?
refused "an expired catalogue" "expired" expired

# One changed byte in a bundle the kiosk does not have yet.
mkdir kiosk2
cp -r www/site www/bad
b=$(ls www/bad/bundles/*.vvb | head -n 1)
printf X | dd of="$b" bs=1 seek=5000 conv=notrunc 2>/dev/null
"$VS" "$URL/../bad" kiosk2 --trust trust >s.out 2>s.err
expect "one changed byte: exit 1, one line naming the bundle" \
	one_line "$(basename "$b"): size or SHA-256 differs" s.err $? 1
expect "one changed byte: the status names a bad bundle" \
	jqt '.error_kind == "bundle"' kiosk2/.veiviser-sync.json
_check230() {
	[ -z "$(ls kiosk2/*.vvb 2>/dev/null)" ] &&
	[ ! -e "kiosk2/.$(basename "$b").part" ] &&
	[ -z "$(listing kiosk2 | grep -v '^\.\.\?$' | grep -v '\.vvb\.part$')" ]
}
expect "one changed byte: nothing installed, no part of the bad bundle" _check230

# A catalogue entry whose size disagrees (re-signed with the right key,
# so only the entry is wrong).
cp -r www/site www/size
sed -i '0,/size="\([0-9]*\)"/s//size="\11"/' www/size/catalogue.xml
minisign -S -s k.key -m www/size/catalogue.xml >/dev/null 2>&1 </dev/null
rm -rf kiosk2 && mkdir kiosk2
"$VS" "$URL/../size" kiosk2 --trust trust >s.out 2>s.err
rc=$?
_check243() {
	[ $rc -eq 1 ] && [ -z "$(ls kiosk2/*.vvb 2>/dev/null)" ] &&
	grep -q "size or SHA-256 differs" s.err
}
expect "an entry whose size disagrees: exit 1, nothing installed" _check243

# A bundle signed by a foreign key, listed in a catalogue signed by the
# trusted one.
"$VB" publish fout/*.vvb -o www/foreign --key k.key >/dev/null 2>&1
rm -rf kiosk2 && mkdir kiosk2
"$VS" "$URL/../foreign" kiosk2 --trust trust >s.out 2>s.err
expect "a bundle signed by a foreign key: exit 1, one line" \
	one_line "not trusted" s.err $? 1
expect "a foreign bundle: the status says untrusted" \
	jqt '.error_kind == "untrusted"' kiosk2/.veiviser-sync.json
expect "a foreign bundle: nothing installed" \
	[ -z "$(ls kiosk2/*.vvb 2>/dev/null)" ]

# A key rotation the kiosk's trust does not cover: the site's catalogue
# is now signed by a new key (f), which the kiosk trusts instead of the
# old one, but its bundles are still signed by the old key (k). The
# bundles the kiosk already holds are checked against the new trust too,
# not only the ones it downloads: the run is refused, as it would be on
# a new kiosk, rather than leave bundles that the player would skip.
cp -r www/site www/rot
minisign -S -s f.key -m www/rot/catalogue.xml >/dev/null 2>&1 </dev/null
cp -r kiosk kiosk3
listing kiosk3 >rot.before
"$VS" "$URL/../rot" kiosk3 --trust ftrust >s.out 2>s.err
expect "trust changed, held bundles signed by a key no longer trusted: exit 1, one line" \
	one_line "not trusted" s.err $? 1
expect "trust changed: the status says untrusted" \
	jqt '.error_kind == "untrusted"' kiosk3/.veiviser-sync.json
listing kiosk3 >rot.after
expect "trust changed: the folder is as it was" cmp -s rot.before rot.after
mkdir both
cp k.pub f.pub both/
"$VS" "$URL/../rot" kiosk3 --trust both >s.out 2>s.err
rc=$?
expect "trust changed to both keys: the held bundles pass, nothing downloaded" \
	eval '[ $rc -eq 0 ] && jqt ".bytes == 0 and .error_kind == null" \
		kiosk3/.veiviser-sync.json'

# A full disk: a small tmpfs holding the kiosk's folder. 400 kB hold
# the one Norwegian bundle kept (126 kB) and one more of the new set's
# (the first Arabic one, 174 kB), not the second: the run fills the disk
# after one bundle has downloaded whole.
M=$TMP/full
mkdir "$M"
if [ "$(id -u)" -eq 0 ] &&
   mount -t tmpfs -o size=400k tmpfs "$M" 2>/dev/null; then
	"$VS" "$URL" "$M" --trust trust --lang nb --level no-schooling \
		>/dev/null 2>&1
	listing "$M" >full.before
	free_before=$(df -k --output=avail "$M" | tail -n 1)
	"$VS" "$URL" "$M" --trust trust >s.out 2>s.err
	rc=$?
	expect "a full disk: exit 1, the status says why (disk)" \
		eval '[ $rc -eq 1 ] &&
		      jqt "(.last_error | test(\"space|No space\")) and
			   .error_kind == \"disk\"" "$M/.veiviser-sync.json"'
	listing "$M" >full.after
	expect "a full disk: the old set is kept, no download kept" \
		eval 'cmp -s full.before full.after &&
		      [ "$(ls "$M"/*.vvb | wc -l)" -eq 1 ]'
	# The space the run took is given back (the status file may have
	# grown by a block), so the advice "choose fewer languages" helps.
	expect "a full disk: the space the failed run took is free again" \
		[ "$(df -k --output=avail "$M" | tail -n 1)" -ge \
		  $((free_before - 8)) ]
	umount "$M"
else
	echo "# skipped the full-disk case: cannot mount a tmpfs here"
fi

# A part left by a run as root (staff running veiviser-sync by hand, cut
# short) in the folder of the service's user: the service cannot write
# that file, but the folder is its own, so it starts the part afresh
# instead of failing at every run.
R=$TMP/asuser
mkdir "$R"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1 &&
   chmod a+rx "$TMP" trust && chown 65534 "$R" &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$VS" --help \
	>/dev/null 2>&1; then
	sha=$(sed -n 's/.*sha256="\([0-9a-f]*\)".*/\1/p' www/site/catalogue.xml |
		head -n 1)
	head -c 1000 /dev/zero >"$R/.$sha.vvb.part"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$VS" "$URL" "$R" --trust trust >s.out 2>s.err
	rc=$?
	expect "a root-owned part in the service user's folder: the run succeeds" \
		eval '[ $rc -eq 0 ] && same_set "$R" www/site'
else
	echo "# skipped the root-owned part: cannot run as another user here"
fi

"$VS" "$URL" >s.out 2>s.err
rc=$?
_check317() {
	[ $rc -eq 2 ] && [ "$(wc -l <s.err)" -eq 1 ]
}
expect "one operand: exit 2, one line" _check317
"$VS" "ftp://x/" kiosk --trust trust >s.out 2>s.err
expect "a non-http URL: exit 2, one line" one_line "ftp://x/" s.err $? 2
"$VS" "$URL" kiosk --trust "$TMP/none" >s.out 2>s.err
expect "no trusted keys: exit 2, one line naming the folder" \
	one_line "none" s.err $? 2
"$VS" --status "$TMP/none" >s.out 2>s.err
expect "--status on a folder never synced: exit 1, one line" \
	one_line "no status yet" s.err $? 1

# The server stopped: catalogue URL says so in one line naming the URL.
kill $ngpid 2>/dev/null
wait $ngpid 2>/dev/null
"$VB" catalogue "$URL" --trust trust >cb.out 2>cb.err
rc=$?
_catalogue_down() {
	one_line "^$URL/catalogue.xml: " cb.err $rc 1 && [ ! -s cb.out ]
}
expect "catalogue URL with the server stopped: one line naming it, exit 1" \
	_catalogue_down
