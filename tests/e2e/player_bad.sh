#!/bin/sh
# Bad input never crashes or freezes the player, and each case leaves a
# clear line in the JSON log: damaged bundle, a manifest naming a missing
# member, a language the table lacks, missing fonts, an unknown --lang,
# an empty library (operator screen), bad scripts and options.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player bad input: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
good="$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb"
mkdir -p "$TMP/lib"
cp "$good" "$TMP/lib/"

# Damaged: one byte flipped in the middle of a media member.
python3 - "$TMP/b/pack-small-1.0.0-ar-no-schooling.vvb" \
	"$TMP/lib/damaged.vvb" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
d[len(d) // 2] ^= 0xff
open(sys.argv[2], 'wb').write(d)
PY
# A manifest naming a member the archive lacks, and a manifest in a
# language the table does not know; manifest.sha256 kept consistent so
# only the named problem remains.
python3 - "$TMP/b/pack-small-1.0.0-ti-no-schooling.vvb" "$TMP/lib" <<'PY'
import hashlib, io, re, sys, tarfile
src, out = sys.argv[1], sys.argv[2]
def rewrite(dst, drop_media=False, manifest_fn=None):
    t = tarfile.open(src)
    members = [(m, t.extractfile(m).read()) for m in t.getmembers()]
    man = dict((m.name, d) for m, d in members)['manifest.xml']
    if manifest_fn:
        man = manifest_fn(man)
    o = tarfile.open(dst, 'w', format=tarfile.USTAR_FORMAT)
    dropped = False
    for m, d in members:
        if m.name == 'manifest.xml':
            d = man
        elif m.name == 'manifest.sha256':
            d = (hashlib.sha256(man).hexdigest() + '\n').encode()
        elif drop_media and m.name.startswith('media/') and not dropped:
            dropped = True
            continue
        m.size = len(d)
        o.addfile(m, io.BytesIO(d))
    o.close()
rewrite(out + '/missing-member.vvb', drop_media=True)
rewrite(out + '/unknown-lang.vvb',
        manifest_fn=lambda m: re.sub(rb'<language code="ti"',
                                     rb'<language code="xx"', m))
PY
echo "not a bundle" >"$TMP/lib/junk.vvb"

printf '0.3 screenshot attract\n0.5 tap 10 10\n0.7 screenshot language\n1 quit\n' \
	>"$TMP/s.script"
log="$TMP/log.json"
"$VP" --headless --window 960x540 --script "$TMP/s.script" \
	--screenshot-dir "$TMP/shots" --log-json "$log" "$TMP/lib" \
	>"$TMP/out" 2>"$TMP/err"
rc=$?
expect "player bad: keeps running with bad bundles (exit 0)" [ "$rc" -eq 0 ]
skipped() {
	if grep '"event":"bundle_skipped"' "$log" | grep "$1" | grep -q "$2"
	then
		pass "player bad: $3 skipped with a message"
	else
		fail "player bad: $3" "no bundle_skipped line for $1 with '$2'"
	fi
}
# A damaged media member is found by the background check (the first
# screen does not wait for it) and the bundle dropped from the pickers.
if grep '"event":"bundle_dropped"' "$log" | grep damaged.vvb | grep -q SHA-256
then
	pass "player bad: damaged bundle dropped with a message"
else
	fail "player bad: damaged bundle" "no bundle_dropped line for damaged.vvb"
fi
skipped missing-member.vvb "missing" "manifest naming a missing member"
skipped unknown-lang.vvb "xx" "bundle in an unknown language"
skipped junk.vvb "damaged" "file that is not a bundle"
if grep -q '"event":"library","bundles":2,' "$log" &&
   [ "$(grep -c '"event":"bundle_dropped"' "$log")" -eq 1 ] &&
   grep '"event":"bundle_verified"' "$log" | grep -qv damaged.vvb; then
	pass "player bad: the good bundle is still played"
else
	fail "player bad: good bundle" "$(grep '"library"' "$log")"
fi
n=$(grep -c 'damaged.vvb\|missing-member.vvb\|unknown-lang.vvb\|junk.vvb' \
	"$TMP/err")
expect "player bad: each skipped bundle named on stderr" [ "$n" -ge 4 ]

# The operator chord shows the staff what was skipped, over the kiosk;
# taps do not reach the kiosk meanwhile; the chord again hides it (then
# a tap starts the one language and level there is).
printf '0.2 key ctrl+alt+o\n0.4 tap 480 270\n0.6 screenshot staff\n0.8 key ctrl+alt+o\n1.0 tap 480 270\n1.2 screenshot kiosk\n1.3 quit\n' \
	>"$TMP/o.script"
"$VP" --headless --window 960x540 --script "$TMP/o.script" \
	--screenshot-dir "$TMP/oshots" --log-json "$TMP/o.json" "$TMP/lib" \
	2>/dev/null
a=$(grep '"event":"screenshot"' "$TMP/o.json" | grep staff)
b=$(grep '"event":"screenshot"' "$TMP/o.json" | grep kiosk)
if grep -q '"event":"operator","shown":1' "$TMP/o.json" &&
   [ "$(jfield "$a" screen)" = attract ] &&
   [ "$(jfield "$b" screen)" = sequence ] &&
   ! "$IMGCMP" "$TMP/oshots/staff.png" "$TMP/shots/attract.png" >/dev/null
then
	pass "player bad: operator chord shows the skipped bundles to staff"
else
	fail "player bad: operator chord" "$a / $b"
fi

# Unknown --lang: a message with the known codes; the picker stays.
"$VP" --headless --window 960x540 --lang xx --exit-after 0.5 \
	--log-json "$TMP/lang.json" "$TMP/lib" 2>"$TMP/lang.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q "unknown language code 'xx'.*known codes: nb" \
	"$TMP/lang.json"; then
	pass "player bad: unknown --lang reported in the log"
else
	fail "player bad: unknown --lang" "exit $rc; $(cat "$TMP/lang.err")"
fi

# Missing fonts: the text engine says which file; icons still drawn.
VV_FONT_DIR="$TMP/nofonts" "$VP" --headless --window 960x540 \
	--script "$TMP/s.script" --screenshot-dir "$TMP/nofont" \
	--log-json "$TMP/font.json" "$TMP/lib" 2>"$TMP/font.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'nofonts/.*Noto' "$TMP/font.json" &&
   [ -f "$TMP/nofont/language.png" ]; then
	pass "player bad: missing font files logged, player keeps running"
else
	fail "player bad: missing fonts" "exit $rc; $(head -n 2 "$TMP/font.err")"
fi

# Empty library: the operator screen says what to do.
mkdir -p "$TMP/empty"
printf '0.3 screenshot operator\n0.5 tap 480 270\n0.6 key Return\n0.7 screenshot operator2\n1 quit\n' \
	>"$TMP/op.script"
"$VP" --headless --window 960x540 --script "$TMP/op.script" \
	--screenshot-dir "$TMP/op" --log-json "$TMP/op.json" "$TMP/empty" \
	2>"$TMP/op.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '"name":"operator"' "$TMP/op.json" &&
   grep -q 'no usable bundle' "$TMP/op.json"; then
	pass "player bad: empty library shows the operator screen"
else
	fail "player bad: empty library" "exit $rc"
fi
# (No golden image here: the screen names the temporary folder.)
# The advice is true for the mode: a kiosk watches its folder and finds
# new bundles by itself; a group screen reads its folder once, so it must
# be restarted. (The log keeps a text box's first 47 characters.)
advice() { # MODE: the operator screen's advice line, in English
	"$VP" --headless --window 960x540 --script "$TMP/op.script" \
		--console-lang en --screenshot-dir "$TMP/adv$1" \
		--log-json "$TMP/adv$1.json" $1 "$TMP/empty" \
		2>/dev/null
	grep '"event":"box","kind":"text"' "$TMP/adv$1.json" |
		sed -n 's/.*"text":"\([^"]*\)".*/\1/p' | sed -n 3p
}
expect "player bad: an empty kiosk says it finds new bundles by itself" \
	eval '[ "$(advice --kiosk)" = "Bundles (.vvb files) made with veiviser-build s" ]'
expect "player bad: an empty group screen says to restart after copying" \
	eval '[ "$(advice --group)" = "Copy the bundles (.vvb files) made with veivise" ]'
if grep '"event":"screenshot"' "$TMP/op.json" | grep -q 'operator2.*"screen":"operator"'
then
	pass "player bad: input does not leave the operator screen"
else
	fail "player bad: operator screen" "left it on input"
fi

# Bad scripts and options: exit 2 with a line naming the file and line.
printf '0.5 key Right\n1.0 fly away\n' >"$TMP/bad.script"
"$VP" --headless --script "$TMP/bad.script" "$TMP/lib" 2>"$TMP/bs.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "bad.script:2: unknown event" "$TMP/bs.err"
then
	pass "player bad: bad script line refused with FILE:LINE"
else
	fail "player bad: bad script" "exit $rc; $(cat "$TMP/bs.err")"
fi
"$VP" --window 12x "$TMP/lib" 2>"$TMP/w.err"
expect "player bad: malformed --window refused (exit 2)" [ "$?" -eq 2 ]
"$VP" --bogus "$TMP/lib" 2>"$TMP/o.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "unknown option --bogus" "$TMP/o.err"; then
	pass "player bad: unknown option refused"
else
	fail "player bad: unknown option" "exit $rc"
fi
"$VP" --headless 2>"$TMP/n.err"
expect "player bad: no PATH refused (exit 2)" [ "$?" -eq 2 ]
# Options through getopt_long: an option never takes another option as its
# value, an unknown option is called unknown wherever it stands, and
# --name=value works.
timeout -k 2 20 "$VP" --lang --headless "$TMP/lib" >/dev/null 2>"$TMP/o2.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q -- "--lang needs a value" "$TMP/o2.err" &&
	[ "$(wc -l <"$TMP/o2.err")" -eq 1 ]; then
	pass "player bad: --lang --headless refused (--lang needs a value)"
else
	fail "player bad: --lang --headless" "exit $rc; $(cat "$TMP/o2.err")"
fi
timeout -k 2 20 "$VP" --headless "$TMP/lib" --bogus >/dev/null 2>"$TMP/o3.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "unknown option --bogus" "$TMP/o3.err"; then
	pass "player bad: unknown option after PATH called unknown"
else
	fail "player bad: unknown option after PATH" "exit $rc; $(cat "$TMP/o3.err")"
fi
timeout -k 2 20 "$VP" --headless --lang 2>"$TMP/o4.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q -- "--lang needs a value" "$TMP/o4.err"; then
	pass "player bad: --lang at the end needs a value"
else
	fail "player bad: --lang at the end" "exit $rc; $(cat "$TMP/o4.err")"
fi
timeout -k 2 20 "$VP" --headless --window=12x "$TMP/lib" 2>"$TMP/o5.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "not '12x'" "$TMP/o5.err"; then
	pass "player bad: --window=VALUE is parsed (and checked)"
else
	fail "player bad: --window=VALUE" "exit $rc; $(cat "$TMP/o5.err")"
fi
"$VP" --help >"$TMP/help" && grep -q -- "--screenshot-dir" "$TMP/help"
expect "player: --help lists the options" [ "$?" -eq 0 ]
# Every option comes before the closing "--help, --version" and
# environment lines: none listed after them, where staff stop reading.
help_ends_well() {
	[ "$(grep '^  --' "$TMP/help" | tail -n 1)" = "  --help, --version" ] &&
		tail -n 1 "$TMP/help" | grep -q '^Environment: VV_LOCALEDIR'
}
expect "player: --help ends with --help, --version and the environment" \
	help_ends_well
"$VP" --version | grep -q '^veiviser-play [0-9]'
expect "player: --version" [ "$?" -eq 0 ]

# No media module (a broken install): slides still show; the reason is one
# line on stderr and one "error" line in the JSON log, written by the main
# loop (the module loads on a preload thread, which must not write the log
# beside it), and every log line stays valid JSON.
printf '0.5 key Right\n1.5 key Right\n2.5 quit\n' >"$TMP/nomod.script"
VV_MEDIA_MODULE=/nonexistent/veiviser-media.so "$VP" --headless \
	--script "$TMP/nomod.script" --log-json "$TMP/nomod.json" "$good" \
	>"$TMP/nomod.out" 2>&1
rc=$?
expect "player bad: no media module: still runs (exit 0)" [ "$rc" -eq 0 ]
expect "player bad: no media module: one line naming the module" \
	[ "$(grep -c '^/nonexistent/veiviser-media.so: ' "$TMP/nomod.out")" -eq 1 ]
expect "player bad: no media module: every log line is JSON" \
	eval 'jq -c . "$TMP/nomod.json" >/dev/null 2>&1 &&
	[ "$(grep "\"event\":\"error\"" "$TMP/nomod.json" | grep -c /nonexistent/veiviser-media.so)" -eq 1 ]'
