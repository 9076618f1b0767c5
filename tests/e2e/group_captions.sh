#!/bin/sh
# End-to-end: the group screen's captions (a second language under each
# slide) stay above the legible minimum sizes (4.5% and 3.5% of the
# screen height, player/core/legible.h) at 1080p and 720p, and s turns
# them off; the console in single mode is an overlay that c hides;
# --console-lang, --participants, leaving from the picker, bad options.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP" long; then
	fail fixture "building the bundles failed: $(tail -n 3 "$TMP/build.log")"
	exit 1
fi
B=$TMP/bundles

run() {  # run NAME SCRIPT-TEXT OPTIONS...: one headless run into $TMP/NAME
	name=$1 text=$2
	shift 2
	mkdir -p "$TMP/$name"
	printf '%s\n' "$text" >"$TMP/$name/script"
	"$VP" --headless --group --session-dir "$TMP/$name/sessions" \
		--script "$TMP/$name/script" --screenshot-dir "$TMP/$name" \
		--log-json "$TMP/$name/log.json" "$@" "$B" \
		>"$TMP/$name/out" 2>&1
}

# legible LOG ITEM: checks the logged sizes of ITEM against the minima.
legible() {
	line=$(grep '"event":"group_layout"' "$1" | grep "\"item\":$2," |
		head -n 1)
	echo "$line" | awk -v line="$line" '
		function num(k,  s) { s = line; sub(".*\"" k "\":", "", s)
				      sub("[,}].*", "", s); return s + 0 }
		END { h = num("screen_h"); b = num("body_px")
		      c = num("caption_px")
		      if (h <= 0 || b / h < 0.045 || c / h < 0.035) {
			      printf "body %d, captions %d of %d px\n", b, c, h
			      exit 1 } }'
}

script='0.1 screenshot cap
0.2 key End
0.3 screenshot long
0.4 key s
0.5 screenshot nocap
0.6 quit'
run hd "$script" --lang ti --level lower-secondary --captions nb
log=$TMP/hd/log.json
expect "1080p: runs" [ -f "$TMP/hd/cap.png" ]
expect "1080p: captions from the nb bundle" \
	[ "$(jget "$log" group_start event group_start captions)" = nb ]
# check_legible LOG ITEM NAME
check_legible() {
	if why=$(legible "$1" "$2"); then pass "$3"; else fail "$3" "$why"; fi
}
check_legible "$log" 0 "1080p: body >= 4.5%, captions >= 3.5% of the height"
check_legible "$log" 5 "1080p: a long slide shrinks, never below the minimum"
b0=$(jget "$log" group_layout item 0 body_px)
b5=$(jget "$log" group_layout item 5 body_px)
expect "1080p: the long slide did shrink ($b0 -> $b5 px)" [ "$b5" -lt "$b0" ]
# Too long even at the minimum: cut above the bottom margin, not off it.
expect "1080p: nothing runs into the bottom margin" \
	eval '[ "$(count_rgb "$TMP/hd/long.png" ffe8a3 30 0 1030 1920 44)" -eq 0 ] &&
	[ "$(count_rgb "$TMP/hd/long.png" ffffff 30 0 1030 1920 44)" -eq 0 ]'
# Caption text is drawn in its own colour (0xffe8a3) under the main text.
cap=$(count_rgb "$TMP/hd/cap.png" ffe8a3 30 0 0 1920 1080)
nocap=$(count_rgb "$TMP/hd/nocap.png" ffe8a3 30 0 0 1920 1080)
expect "1080p: caption text drawn ($cap px)" [ "$cap" -gt 1000 ]
expect "1080p: s turns the captions off" [ "$nocap" -eq 0 ]
expect "1080p: no missing glyphs" \
	[ -z "$(grep '"event":"screenshot"' "$log" |
		grep -v '"missing_glyphs":0')" ]

run sd "$script" --lang ti --level lower-secondary --captions nb \
	--window 1280x720
check_legible "$TMP/sd/log.json" 0 "720p: sizes scale with the screen"
check_legible "$TMP/sd/log.json" 5 "720p: long slide above the minimum"
expect "720p: the console is the room's size" \
	[ "$(ffprobe -v error -show_entries stream=width,height -of csv=p=0 \
	     "$TMP/sd/cap-console.png")" = "1280,720" ]

# No bundle in the caption language: said once, no captions drawn.
run nocaps "0.1 screenshot a
0.2 quit" --lang ti --level lower-secondary --captions ar
expect "--captions without such a bundle: a message" \
	grep -q -e '--captions ar: ' "$TMP/nocaps/out"
expect "--captions without such a bundle: none drawn" \
	[ "$(jget "$TMP/nocaps/log.json" group_layout item 0 caption_px)" = 0 ]

# Single screen: the console is an overlay band on the room screen.
run single "0.1 screenshot over
0.2 key c
0.3 screenshot hidden
0.4 quit" --lang ti --level lower-secondary --console single
expect "single: no console picture of its own" \
	[ ! -f "$TMP/single/over-console.png" ]
expect "single: the console is an overlay" \
	grep -q '"event":"console","mode":"overlay"' "$TMP/single/log.json"
band=$(count_rgb "$TMP/single/over.png" 0b1a2c 2 0 700 1920 380)
gone=$(count_rgb "$TMP/single/hidden.png" 0b1a2c 2 0 700 1920 380)
expect "single: the overlay band is drawn ($band px)" [ "$band" -gt 300000 ]
expect "single: c hides it" [ "$gone" -eq 0 ]

# The facilitator's language can be another: the ti script here.
run tiscript "0.1 screenshot a
0.2 quit" --lang nb --level lower-secondary --console-lang ti
got=$(jget "$TMP/tiscript/log.json" console_screenshot item 0 script)
expect "--console-lang ti: the console shows the ti script" \
	[ "$got" = "$(group_script_ti one)" ]
run nbscript "0.1 screenshot a
0.2 quit" --lang nb --level lower-secondary
got=$(jget "$TMP/nbscript/log.json" console_screenshot item 0 script)
expect "nb room, default console language: the nb script" \
	[ "$got" = "$(group_script_nb one)" ]

# left_at NAME: the player clock (whole seconds) at exit in run NAME.
left_at() { jget "$TMP/$1/log.json" exit event exit t | cut -d. -f1; }

# A count given up front: Esc Esc leaves at once, with that count.
run given "0.1 key Right
0.2 key Escape
0.3 key Escape
5 quit" --lang ti --level lower-secondary --participants 7
json=$(ls "$TMP"/given/sessions/*.json 2>/dev/null | head -n 1)
expect "--participants: no count screen, the record has it" \
	grep -q '"participants":7,' "$json"
expect "--participants: left at once" [ "$(left_at given)" -lt 5 ]

# Leaving from the language picker: nothing was played, nothing recorded.
run picker "0.1 screenshot pick
0.2 key Escape
0.3 key y
5 quit"
first=$(jget "$TMP/picker/log.json" screenshot event screenshot screen)
expect "picker: the language picker first (nb and ti)" [ "$first" = language ]
expect "picker: Esc y leaves" [ "$(left_at picker)" -lt 5 ]
expect "picker: no session record" [ ! -d "$TMP/picker/sessions" ]

# Bad options: one line, exit 2.
"$VP" --headless --group --console sideways "$B" >"$TMP/bad1" 2>&1
rc=$?
expect "--console sideways: exit 2 with one line" \
	eval '[ "$rc" -eq 2 ] && [ "$(wc -l <"$TMP/bad1")" -eq 1 ]'
"$VP" --headless --group --participants -3 "$B" >"$TMP/bad2" 2>&1
rc=$?
expect "--participants -3: exit 2 with one line" \
	eval '[ "$rc" -eq 2 ] && [ "$(wc -l <"$TMP/bad2")" -eq 1 ]'
