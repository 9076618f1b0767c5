#!/bin/sh
# A kiosk can only be left through the admin key chord: Escape, Alt+F4,
# Ctrl+Q and window-close do nothing; Ctrl+Alt+Q (or the chord set with
# --exit-chord / VV_EXIT_CHORD) leaves at once.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player kiosk: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
cat >"$TMP/k.script" <<'SCRIPT'
0.2 key Escape
0.3 key alt+F4
0.4 key ctrl+q
0.5 key Q
1.0 key ctrl+alt+q
5.0 screenshot too-late
SCRIPT
"$VP" --headless --window 480x270 --script "$TMP/k.script" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/k.json" "$TMP/b" \
	2>/dev/null
exit_t=$(jfield "$(grep '"event":"exit"' "$TMP/k.json")" t)
if grep -q '"event":"admin_exit"' "$TMP/k.json" && [ -n "$exit_t" ] &&
   awk "BEGIN { exit !($exit_t == 1) }" &&
   [ ! -f "$TMP/shots/too-late.png" ]; then
	pass "player kiosk: only the admin chord leaves (at ${exit_t} s)"
else
	fail "player kiosk: admin chord" "exit at '$exit_t'"
fi

sed 's/ctrl+alt+q/shift+F12/; /screenshot/d' "$TMP/k.script" \
	>"$TMP/k2.script"
VV_EXIT_CHORD=shift+f12 "$VP" --headless --window 480x270 \
	--script "$TMP/k2.script" --log-json "$TMP/k2.json" "$TMP/b" 2>/dev/null
exit_t=$(jfield "$(grep '"event":"exit"' "$TMP/k2.json")" t)
if [ -n "$exit_t" ] && awk "BEGIN { exit !($exit_t == 1) }"; then
	pass "player kiosk: chord set through VV_EXIT_CHORD"
else
	fail "player kiosk: VV_EXIT_CHORD" "exit at '$exit_t'"
fi
"$VP" --headless --window 480x270 --exit-chord shift+F12 \
	--script "$TMP/k.script" --screenshot-dir "$TMP/shots3" \
	--log-json "$TMP/k3.json" "$TMP/b" 2>/dev/null
exit_t=$(jfield "$(grep '"event":"exit"' "$TMP/k3.json")" t)
if [ -n "$exit_t" ] && awk "BEGIN { exit !($exit_t >= 5) }"; then
	pass "player kiosk: the default chord is off when another is set"
else
	fail "player kiosk: --exit-chord" "exit at '$exit_t'"
fi
"$VP" --headless --exit-chord ctrl+ --exit-after 0 "$TMP/b" 2>"$TMP/c.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "not a key chord" "$TMP/c.err"; then
	pass "player kiosk: a malformed chord is refused"
else
	fail "player kiosk: malformed chord" "exit $rc"
fi
