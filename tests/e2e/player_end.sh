#!/bin/sh
# After the last item a kiosk shows an end screen with three pictograms
# (watch again, another language, home) rather than dropping the
# participant at the language picker. Each choice is tapped once.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player end: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# 960x540: nb at (480, 140), no-schooling at (347, 250); End jumps to the
# 4 s film, the last item. End screen: again (240, 270), another
# language (480, 270), home (720, 270).
cat >"$TMP/s.script" <<'SCRIPT'
0.5 tap 480 270
1.0 tap 480 140
1.5 tap 347 250
2.0 key End
7.0 screenshot end
7.5 tap 240 270
8.0 screenshot again
8.5 key End
14.0 tap 480 270
14.5 screenshot other
15.0 tap 480 140
15.5 tap 347 250
16.0 key End
21.0 tap 720 270
21.5 screenshot home
22.0 quit
SCRIPT
log=$TMP/log.json
"$VP" --headless --window 960x540 --script "$TMP/s.script" \
	--screenshot-dir "$TMP/shots" --log-json "$log" "$TMP/b" 2>"$TMP/err"
shot() {
	grep '"event":"screenshot"' "$log" | grep "/$1.png"
}
s=$(shot end)
if [ "$(jfield "$s" screen)" = end ]; then
	pass "player end: the film's end leads to the end screen"
else
	fail "player end: end screen" "$s"
fi
s=$(shot again)
if [ "$(jfield "$s" screen)" = sequence ] && [ "$(jfield "$s" item)" = 0 ]
then
	pass "player end: again starts the same pack from its first item"
else
	fail "player end: again" "$s"
fi
s=$(shot other)
if [ "$(jfield "$s" screen)" = language ]; then
	pass "player end: another language opens the language picker"
else
	fail "player end: another language" "$s"
fi
s=$(shot home)
if [ "$(jfield "$s" screen)" = attract ]; then
	pass "player end: home goes back to the start"
else
	fail "player end: home" "$s"
fi
golden player-end "$TMP/shots/end.png"
