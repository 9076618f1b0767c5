#!/bin/sh
# After the last item a kiosk shows an end screen with three pictograms
# (watch again, another language, home) rather than dropping the
# participant at the language picker. Each choice is tapped once. With
# one language to play (or --lang), there is no "another language".
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

# A kiosk with one language (or started with --lang) has no other
# language to offer: the end screen shows "again" and "home" only. Its
# globe restarted the same pack, as "again" does, for a participant who
# wanted another language. The one-language pack of a slide, a 2 s
# film and two slides; 1 picks the first language where there is a
# picker (else the first item), End and Right lead to the end screen.
# end_buttons LOG: the centres of the buttons on the screenshot "end".
end_buttons() {
	awk '/"event":"screenshot"/ { on = index($0, "/end.png") > 0; next }
	on && /"event":"box"/ { print; next }
	{ on = 0 }' "$1" |
		jq -r 'select(.kind == "button") |
			"\(.x + (.w / 2 | floor)) \(.y + (.h / 2 | floor))"'
}
# end_taps NAME ARGS...: taps each button of the end screen in a run of
# its own (the player with ARGS), prints the inputs they gave.
end_taps() {
	et_n=$1
	shift
	printf '0.5 key Right\n0.8 key 1\n1 key End\n1.5 key Right\n2 screenshot end\n2.2 quit\n' \
		>"$TMP/$et_n.script"
	"$VP" --headless --window 960x540 --script "$TMP/$et_n.script" \
		--screenshot-dir "$TMP/$et_n" --log-json "$TMP/$et_n.json" \
		"$@" 2>>"$TMP/err"
	end_buttons "$TMP/$et_n.json" >"$TMP/$et_n.buttons"
	while read -r et_x et_y; do
		printf '0.5 key Right\n0.8 key 1\n1 key End\n1.5 key Right\n2 tap %s %s\n2.5 quit\n' \
			"$et_x" "$et_y" >"$TMP/$et_n.tap.script"
		"$VP" --headless --window 960x540 \
			--script "$TMP/$et_n.tap.script" \
			--log-json "$TMP/$et_n.tap.json" "$@" 2>>"$TMP/err"
		jq -r 'select(.event == "input" and .screen == "end") |
			.input' "$TMP/$et_n.tap.json"
	done <"$TMP/$et_n.buttons"
}
mkdir -p "$TMP/one"
if film_talk_pack "$TMP/one" onefilm 2 1; then
	got=$(end_taps one "$TMP/one/b" | sort | tr '\n' ' ')
	if [ "$got" = "again home " ]; then
		pass "player end: one language: again and home, no other language"
	else
		fail "player end: one language" "the buttons give: '$got'"
	fi
else
	fail "player end: one-language fixture" "$(tail -n 3 "$TMP/one/build.out")"
fi
got=$(end_taps fixed --lang nb --level no-schooling "$TMP/b" | sort |
	tr '\n' ' ')
if [ "$got" = "again home " ]; then
	pass "player end: --lang: again and home, no other language"
else
	fail "player end: --lang" "the buttons give: '$got'"
fi
got=$(end_taps all --level no-schooling "$TMP/b" | sort | tr '\n' ' ')
if [ "$got" = "again home other_lang " ]; then
	pass "player end: several languages: again, another language and home"
else
	fail "player end: several languages" "the buttons give: '$got'"
fi
