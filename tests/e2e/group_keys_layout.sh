#!/bin/sh
# The facilitator's letter keys under a keyboard layout that types no
# Latin letters (Russian, Arabic), as an interpreter's laptop has: a key
# counts by where it is on the keyboard (the physical W key blanks the
# room white, the /? key shows the key help), not by the Cyrillic or
# Arabic letter it types. Ctrl+W still does not blank. A real window under
# Xvfb; the layout is set before the player starts and xdotool presses
# the keys by the symbols that layout gives them (Cyrillic_tse is the W
# key in Russian), as a keyboard would.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/group_fixture.inc"
# Under a sanitizer build: SDL 2.26 over-reads one byte of the text of a
# non-ASCII key (see the file).
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}suppressions=$TOP/tests/asan-sdl-x11-keys.supp"
export ASAN_OPTIONS

if ! make_group_bundles "$TMP"; then
	fail "group keys layout: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi

# layout_run NAME LAYOUT KEY...: starts the group player in a window with
# the keyboard layout LAYOUT, presses the keys (xdotool names) one after
# the other and writes "key action blank" of each group_key event into
# $TMP/NAME.keys. Returns xdrive's status (77: no xvfb-run or xdotool).
layout_run() {
	name=$1
	layout=$2
	shift 2
	cat >"$TMP/$name.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
setxkbmap -layout "$LAYOUT" || exit 3
"$VP" --group --console single --window 800x450 --lang nb \
	--level lower-secondary --participants 3 \
	--session-dir "$TMP/sess-$NAME" --exit-after 12 \
	--log-json "$TMP/$NAME.json" "$TMP/bundles" >"$TMP/$NAME.out" 2>&1 &
pid=$!
w=$(xwin)
# the keys go to the slides: wait until the session started
n=0
until grep -q '"event":"group_start"' "$TMP/$NAME.json" 2>/dev/null ||
	[ $n -ge 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
for k in $KEYS; do
	xkey "$w" "$k"
	sleep 0.3
done
wait $pid
DRIVE
	NAME=$name LAYOUT=$layout KEYS="$*" xdrive "$TMP/$name.sh"
	rc=$?
	jq -r 'select(.event == "group_key") | "\(.key) \(.action) \(.blank)"' \
		"$TMP/$name.json" >"$TMP/$name.keys" 2>/dev/null
	return $rc
}

# same NAME TEST: passes when NAME's keys are the ones wanted.
same() {
	if cmp -s "$TMP/$1.want" "$TMP/$1.keys"; then
		pass "$2"
	else
		fail "$2" "got '$(tr '\n' '|' <"$TMP/$1.keys")', want '$(tr '\n' '|' <"$TMP/$1.want")' (exit $rc; $(tail -n 2 "$TMP/$1.out" | tr '\n' ' '))"
	fi
}

# Russian: W (white), Ctrl+W (nothing), W (the slide again), the /? key
# (which types "." in Russian: it must not blank black).
layout_run ru ru Cyrillic_tse ctrl+Cyrillic_tse Cyrillic_tse period
rc=$?
if [ $rc -eq 77 ]; then
	fail "group keys layout" "xvfb-run or xdotool missing; run scripts/install-deps"
	exit 0
fi
printf 'W none white\nW none none\n/ help none\n' >"$TMP/ru.want"
same ru "Russian layout: the W key blanks white and shows the slide again, Ctrl+W does nothing, the /? key shows the help"

# Arabic: W (white), the "." key (black), the /? key (help).
layout_run ara ara Arabic_sad Arabic_zain Arabic_zah
rc=$?
printf 'W none white\n. none black\n/ help black\n' >"$TMP/ara.want"
same ara "Arabic layout: the W key blanks white, the . key black, the /? key shows the help"
