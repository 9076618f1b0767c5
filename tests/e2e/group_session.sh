#!/bin/sh
# End-to-end: a group session driven headless through clicker keys:
# next, back, black and white screens, a typed slide number, Home/End,
# leaving with a confirmation and the participant count. Asserts what the
# room screen and the presenter console show (screenshots and the JSON
# log) and what the session record holds.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP"; then
	fail fixture "building the bundles failed: $(tail -n 3 "$TMP/build.log")"
	exit 1
fi
cat >"$TMP/script" <<'SCRIPT'
0.1 screenshot start
0.2 key PageDown
0.3 key Right
0.4 screenshot third
0.5 key b
0.6 screenshot black
0.7 key PageUp
0.75 key PageUp
0.8 screenshot back
0.9 key period
1.0 key w
1.1 screenshot white
1.2 key comma
1.3 screenshot unwhite
1.4 key Space
1.5 key 6
1.6 key Return
1.7 screenshot jump6
1.8 key 2
1.9 key Return
2.0 screenshot jump2
2.1 key 9
2.2 key Return
2.3 screenshot badjump
2.32 key p
2.34 screenshot paused
2.36 key P
2.38 screenshot playing
2.4 key End
2.5 key Home
2.6 key Escape
2.7 screenshot confirm
2.8 key PageDown
2.9 screenshot cancelled
3.0 key Escape
3.1 key y
3.2 screenshot count
3.3 key 1
3.4 key 4
3.5 key Return
9 quit
SCRIPT
# SDL names the "." and "," keys "." and ","; the script reads one word.
sed -i 's/key period/key ./; s/key comma/key ,/' "$TMP/script"
shots=$TMP/shots
log=$TMP/log.json
"$VP" --headless --group --lang ti --level lower-secondary \
	--script "$TMP/script" --screenshot-dir "$shots" --log-json "$log" \
	--session-dir "$TMP/sessions" "$TMP/bundles" >"$TMP/out" 2>&1
rc=$?
expect "runs and exits 0" [ "$rc" -eq 0 ]
expect "the count's Enter ends the session (before the script's quit)" \
	[ "$(jget "$log" exit event exit t | cut -d. -f1)" -lt 9 ]

# Which item each screenshot shows (the room), from the log.
item_of() { jget "$log" screenshot path "$shots/$1.png" item; }
check_item() {
	got=$(item_of "$1")
	if [ "$got" = "$2" ]; then pass "$3"; else
		fail "$3" "screenshot $1 shows item '$got', want $2"; fi
}
check_item start 0 "starts on the first slide, no attract screen"
check_item third 2 "PageDown and Right go forward"
check_item back 1 "PageUp on the black screen only shows the slide, the next goes back"
check_item jump6 5 "6 Enter jumps to slide 6"
check_item jump2 1 "2 Enter jumps to slide 2"
check_item badjump 1 "9 Enter (of 6 slides) stays where it was"
check_item cancelled 0 "any key on the leave question only cancels it"
# Every slide change in order: PageDown, Right, PageUp, Space, 6 Enter,
# 2 Enter, (9 Enter: none), End, Home.
order=$(jq -r 'select(.event == "item") | .index | values' "$log" |
	tr '\n' ' ')
if [ "$order" = "0 1 2 1 2 5 1 5 0 " ]; then pass "slide order, Home and End"
else fail "slide order, Home and End" "items shown: $order"; fi

expect "black screen is all black" all_bytes "$shots/black.png" 000
expect "white screen is all white" all_bytes "$shots/white.png" 377
expect "slide screen is not blank" [ "$(ink_percent "$shots/third.png")" -gt 2 ]
expect ", again shows the slide" [ "$(ink_percent "$shots/unwhite.png")" -gt 2 ]
# shots_where_not FILTER: the room's screenshot lines that fail FILTER.
shots_where_not() {
	jq -c "select(.event == \"screenshot\" and (($1) | not))" "$log" ||
		echo "(the log could not be read)"
}
expect "the room never shows a kiosk control" \
	[ -z "$(shots_where_not '.screen == "sequence"')" ]
expect "no missing glyphs on the room screen" \
	[ -z "$(shots_where_not '.missing_glyphs == 0')" ]

# The console: its own picture for every screenshot, not empty, and its
# script is the current slide's, in the facilitator's language (nb) while
# the room sees ti.
# console NAME FIELD: FIELD of the log line of NAME-console.png.
console() { jget "$log" console_screenshot path "$shots/$1-console.png" "$2"; }
n_room=$(ls "$shots" | grep -vc -- '-console.png')
n_console=$(ls "$shots" | grep -c -- '-console.png')
expect "a console screenshot beside each room screenshot" \
	[ "$n_console" -eq "$n_room" ]
ok=1
for name in start third black jump6 jump2 cancelled; do
	item=$(item_of $name)
	cid=$(console $name item)
	sid=$(console $name script_id)
	id=$(console $name id)
	script=$(console $name script)
	lang=$(console $name script_lang)
	if [ "$cid" != "$item" ] || [ "$sid" != "$id" ] ||
	   [ "$script" != "$(group_script_nb "$id")" ] ||
	   [ "$lang" != nb ]; then
		fail "console follows: $name" \
			"item $cid/$item, script of '$sid' ($lang): $script"
		ok=0
	fi
	ink=$(ink_percent "$shots/$name-console.png")
	if [ "$ink" -lt 3 ]; then
		fail "console drawn: $name" "only $ink% differs from its ground"
		ok=0
	fi
done
[ $ok -eq 1 ] && pass "the console shows the current slide's nb script, drawn"
# The "now" picture (upper left) is black when the room is.
now_black() { count_rgb "$shots/$1-console.png" 000000 8 40 200 560 300; }
expect "the console shows the room is blanked" [ "$(now_black black)" -gt 100000 ]
expect "... and not otherwise" [ "$(now_black third)" -eq 0 ]
expect "the console is not blanked with the room" \
	[ "$(ink_percent "$shots/black-console.png")" -gt 3 ]
expect "p pauses (the console says so), p again plays" \
	eval '[ "$(console paused paused)" = 1 ] && [ "$(console playing paused)" = 0 ]'
expect "the leave question on the room screen" \
	[ "$(console confirm phase)" = confirm_exit ]

# The session record.
json=$(ls "$TMP"/sessions/*.json 2>/dev/null | head -n 1)
txt=$(ls "$TMP"/sessions/*.txt 2>/dev/null | head -n 1)
expect "session record written as JSON and text" [ -f "$json" ] && [ -f "$txt" ]
if [ -f "$json" ]; then
	got=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["pack"], r["version"], r["language"], r["level"],
      r["participants"], r["items_total"], r["slides_shown"],
      " ".join(str(s["number"]) for s in r["slides"]))' "$json")
	want="group-test 2.1.0 ti lower-secondary 14 6 4 1 2 3 6"
	if [ "$got" = "$want" ]; then
		pass "record: pack, language, level, count, slides shown"
	else
		fail "record: pack, language, level, count, slides shown" "$got"
	fi
	bad=""
	for s in "$TMP" "$TOP" "${HOME:-/nonexistent}" ".vvb" \
		"$(hostname 2>/dev/null || echo /nonexistent)"; do
		grep -qF -- "$s" "$json" "$txt" && bad="$bad $s"
	done
	if [ -n "${USER:-}" ] && grep -qw -- "$USER" "$json" "$txt"; then
		bad="$bad $USER"
	fi
	expect "record holds no path, user or host name" [ -z "$bad" ]
	expect "readable record says the count" grep -q '14' "$txt"
fi

# Ctrl+W (a browser's "close tab", pressed out of habit) does not blank
# the room; a plain w does. Ctrl+Right does not move either.
printf '0.1 key ctrl+w\n0.2 screenshot ctrlw\n0.3 key ctrl+Right\n0.4 key w\n0.5 screenshot w\n0.6 quit\n' \
	>"$TMP/cw.script"
"$VP" --headless --group --lang nb --level lower-secondary --participants 1 \
	--script "$TMP/cw.script" --screenshot-dir "$TMP/cw" \
	--log-json "$TMP/cw.json" --session-dir "$TMP/sessions-cw" \
	"$TMP/bundles" >"$TMP/cw.out" 2>&1
a=$(jq -c 'select(.event == "console_screenshot")' "$TMP/cw.json" |
	head -n 1)
b=$(jq -c 'select(.event == "console_screenshot")' "$TMP/cw.json" |
	sed -n 2p)
if printf '%s' "$a" | jq -e '.item == 0 and .blank == "none"' >/dev/null
then pass "Ctrl+W neither blanks nor moves"
else fail "Ctrl+W" "$a"; fi
if printf '%s' "$b" | jq -e '.item == 0 and .blank == "white"' >/dev/null
then pass "a plain w blanks the room white (and Ctrl+Right did not move)"
else fail "plain w" "$b"; fi

# The leave question and the count entry are for the facilitator: on the
# console only (the room keeps its slide), and on the console band at the
# bottom with --console single.
printf '0.2 key Escape\n0.3 screenshot confirm\n0.4 key y\n0.5 screenshot count\n0.6 quit\n' \
	>"$TMP/d.script"
for mode in auto single; do
	"$VP" --headless --group --console $mode --lang nb \
		--level lower-secondary --script "$TMP/d.script" \
		--screenshot-dir "$TMP/d-$mode" --log-json "$TMP/d-$mode.json" \
		--session-dir "$TMP/sessions-d" "$TMP/bundles" >/dev/null 2>&1
	# the room's text boxes at the two screenshots that hold "Esc"
	boxes=$(awk '/"event":"screenshot"/ { on = 1; next }
		/"event":"box"/ && on && /Esc/ { print }
		!/"event":"box"/ { on = 0 }' "$TMP/d-$mode.json")
	if [ $mode = auto ]; then
		if [ -z "$boxes" ]; then
			pass "console $mode: the room shows neither the leave question nor the count"
		else
			fail "console $mode: dialog on the room" "$boxes"
		fi
	else
		top=$(printf '%s\n' "$boxes" | jq -r '.y | values' |
			sort -n | head -n 1)
		if [ -n "$top" ] && [ "$top" -ge 604 ]; then
			pass "console single: the dialogs sit on the band (y $top)"
		else
			fail "console single: dialogs" "top '$top': $boxes"
		fi
	fi
done

# A room blanked (a break, a question) stays blank while the facilitator
# leaves: the leave question and the count are the facilitator's, and
# the room showed its slide again under them. With --console single the
# dialog is drawn on the band over the black screen. 1280x720: the band
# starts at y 403.
printf '%s\n' '0.2 key b' '0.3 key Escape' '0.4 screenshot confirm' \
	'0.5 key y' '0.6 screenshot count' '0.7 key 3' '0.8 key Return' \
	'2 quit' >"$TMP/bl.script"
for mode in auto single; do
	"$VP" --headless --group --console $mode --window 1280x720 \
		--lang nb --level lower-secondary --script "$TMP/bl.script" \
		--screenshot-dir "$TMP/bl-$mode" --log-json "$TMP/bl-$mode.json" \
		--session-dir "$TMP/sessions-bl" "$TMP/bundles" >/dev/null 2>&1
	for shot in confirm count; do
		f=$TMP/bl-$mode/$shot.png
		if [ $mode = auto ]; then
			expect "blanked room while leaving ($shot): all black" \
				all_bytes "$f" 000
		else
			expect "blanked room while leaving, console single ($shot): black above the band" \
				test "$(count_rgb "$f" 000000 0 0 0 1280 400)" -eq 512000
			expect "blanked room while leaving, console single ($shot): the dialog on the band" \
				test "$(ink_percent "$f")" -gt 2
		fi
	done
done

# The level picker with a clicker (no mouse, no digits): Down, PageDown
# and Up move the highlight, Enter picks. Three presses down from the
# first of two levels wrap to the second.
. "$TOP/tests/e2e/player_fixture.inc"
mkdir -p "$TMP/small"
if player_bundles "$TMP/small"; then
	printf '0.2 key Down\n0.3 key PageDown\n0.4 key Down\n0.5 screenshot focus\n0.6 key Return\n0.8 quit\n' \
		>"$TMP/lv.script"
	"$VP" --headless --group --lang nb --participants 1 \
		--script "$TMP/lv.script" --screenshot-dir "$TMP/lv" \
		--log-json "$TMP/lv.json" --session-dir "$TMP/sessions-lv" \
		"$TMP/small/b" >/dev/null 2>&1
	first=$(jq -c 'select(.event == "item")' "$TMP/lv.json" | head -n 1)
	case "$first" in
	*nb-upper-secondary.vvb*)
		pass "level picker: Down, PageDown, Down and Enter pick the second level" ;;
	*)	fail "level picker with a clicker" "$first" ;;
	esac
else
	fail "level picker: fixture" "$(tail -n 3 "$TMP/small/build.out")"
fi
