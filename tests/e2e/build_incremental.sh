# Incremental builds: a no-op rebuild rewrites nothing; touching one
# <lang>.po or one language's narration rebuilds only that language's
# bundles; a deleted or altered bundle is rebuilt; a changed pack.xml
# rebuilds everything. Compared by inode and mtime.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
O=$TMP/out
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
"$VB" build "$P" -o "$O" >/dev/null 2>&1
expect "first build" [ $? -eq 0 ]

# snap: one line per bundle: name inode mtime(ns).
snap() {
	for f in "$O"/*.vvb; do
		echo "$(basename "$f") $(stat -c '%i %Y' "$f") $(stat -c %y "$f")"
	done
}
# changed BEFORE AFTER: names of the bundles whose line differs.
changed() {
	diff "$1" "$2" | grep '^>' | awk '{print $2}' | sed 's/pack-small-1.0.0-//; s/\.vvb$//' | sort | tr '\n' ' '
}

snap >"$TMP/s0"
"$VB" build "$P" -o "$O" --json "$TMP/j1" >"$TMP/log" 2>&1
snap >"$TMP/s1"
expect "no-op rebuild rewrites nothing" [ -z "$(changed "$TMP/s0" "$TMP/s1")" ]
expect "no-op rebuild says 0 written" grep -q '6 bundles: 0 written, 6 unchanged' "$TMP/log"
expect "json marks unchanged bundles with their hash" grep -q '"status": "unchanged", "size": [0-9]*, "sha256": "[0-9a-f]\{64\}"' "$TMP/j1"

sleep 0.05
touch "$P/po/ar.po"
"$VB" build "$P" -o "$O" >/dev/null 2>&1
snap >"$TMP/s2"
got=$(changed "$TMP/s1" "$TMP/s2")
expect "touching po/ar.po rebuilds only the ar bundles" [ "$got" = "ar-no-schooling ar-upper-secondary " ]

sleep 0.05
touch "$P/media/nb/welcome.wav"
"$VB" build "$P" -o "$O" >/dev/null 2>&1
snap >"$TMP/s3"
got=$(changed "$TMP/s2" "$TMP/s3")
expect "touching nb narration rebuilds only the nb bundles" [ "$got" = "nb-no-schooling nb-upper-secondary " ]

rm "$O/pack-small-1.0.0-ti-no-schooling.vvb"
printf x >>"$O/pack-small-1.0.0-ar-upper-secondary.vvb"
"$VB" build "$P" -o "$O" >/dev/null 2>&1
snap >"$TMP/s4"
got=$(changed "$TMP/s3" "$TMP/s4")
expect "a deleted and an altered bundle are rebuilt, nothing else" [ "$got" = "ar-upper-secondary ti-no-schooling " ]
"$VB" verify "$O"/*.vvb >/dev/null 2>&1
expect "rebuilt bundles verify" [ $? -eq 0 ]

sleep 0.05
touch "$P/pack.xml"
"$VB" build "$P" -o "$O" >/dev/null 2>&1
snap >"$TMP/s5"
expect "touching pack.xml rebuilds all six" [ "$(changed "$TMP/s4" "$TMP/s5" | wc -w)" -eq 6 ]

# Progress: plain lines when stdout is not a terminal, one per bundle.
touch "$P/pack.xml"
"$VB" build "$P" -o "$O" -j 2 >"$TMP/log" 2>&1
expect "one plain line per bundle when not on a terminal" [ "$(grep -c '^wrote ' "$TMP/log")" -eq 6 ]
expect "no carriage returns when not on a terminal" sh -c "! grep -q \"$(printf '\r')\" '$TMP/log'"
# On a terminal (script(1) gives one), a bar redrawn with \r.
if command -v script >/dev/null 2>&1; then
	touch "$P/pack.xml"
	script -qec "'$VB' build '$P' -o '$O' -j 2" /dev/null >"$TMP/tty" 2>&1
	expect "a progress bar redrawn with carriage returns on a terminal" grep -q "$(printf '\r')\[#*\.*\] [0-9]/6 bundles" "$TMP/tty"
	expect "the bar ends at 6/6" grep -q '6/6 bundles' "$TMP/tty"
fi
