#!/bin/sh
# The console's key help (? or /) tells a facilitator who has never seen
# it what each key does: every row names its keys and says in words what
# they do (it was "x F9: <->", "+ -: Aa", "?"). The whole table fits the
# console, nothing cut, at 1024x600 and at 1920x1080, for a plain group,
# a linked room (its q, h, d, r) and a linked host (q, a, v, F6). Read
# from the console's boxes logged with each screenshot.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP"; then
	fail "group key help: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
printf '3 key /\n4 screenshot help\n4.5 quit\n' >"$TMP/s.script"

# shot NAME SIZE [LINK...]: the console with the help open, in the
# console's language nb, at SIZE; LINK are --host or --follow options
# (the broker is not there: the keys are the same).
shot() {
	name=$1
	size=$2
	shift 2
	VEIVISER_MQTT_USERNAME=room1 VEIVISER_MQTT_PASSWORD=pw \
	"$VP" --headless --group --window "$size" --lang nb \
		--level lower-secondary --participants 2 "$@" \
		--script "$TMP/s.script" --screenshot-dir "$TMP/$name" \
		--log-json "$TMP/$name.json" --session-dir "$TMP/sess" \
		"$TMP/bundles" >"$TMP/$name.out" 2>&1
}

# help_boxes NAME: the help's text boxes (a JSON array): the console's
# text boxes below the top bar (the slide number's box) and above the
# status line (drawn just before the line of keys, "PgDn/PgUp: ...").
help_boxes() {
	awk 'index($0, "\"event\":\"console_screenshot\"") { on = 1; next }
		on && /"event":"console_box"/ { print; next } { on = 0 }' \
		"$TMP/$1.json" |
		jq -s -c 'map(select(.kind == "text")) as $b |
			($b[0].y + $b[0].h) as $top |
			($b | map(.text | startswith("PgDn")) |
			 index(true)) as $k | $b[$k - 1].y as $bottom |
			$b | map(select(.y >= $top and .y < $bottom))'
}

# check NAME W H LAST: the help at W x H; LAST is its last row's keys.
check() {
	b=$(help_boxes "$1")
	rows=$(printf '%s' "$b" | jq 'group_by(.y) | length')
	# every row: its keys, then words (a word of three letters or more)
	worded=$(printf '%s' "$b" | jq '[group_by(.y)[] | sort_by(.x) |
		select(length == 2 and (.[1].text | test("\\p{L}{3}")))] |
		length')
	if [ "$rows" -ge 16 ] && [ "$worded" = "$rows" ]; then
		pass "key help $1: each of the $rows rows says in words what its keys do"
	else
		fail "key help $1: words" "$worded of $rows rows have keys and words: $b"
	fi
	last=$(printf '%s' "$b" | jq -r 'group_by(.y) | last | min_by(.x) | .text')
	# all on the console, none cut, rows one under the other
	fits=$(jq -s -c --argjson w "$2" --argjson h "$3" --argjson help "$b" '
		map(select(.event == "console_box" and .kind == "text" and
			   (.cut == 1 or .x < 0 or .y < 0 or .x + .w > $w or
			    .y + .h > $h))) +
		[$help | group_by(.y) | . as $r |
		 range(1; length) | select($r[.][0].y <
			($r[. - 1] | map(.y + .h) | max))]' "$TMP/$1.json")
	if [ "$last" = "$4" ] && [ "$fits" = "[]" ]; then
		pass "key help $1: the whole table fits ${2}x$3, down to $4"
	else
		fail "key help $1: fit" "last row '$last', want '$4'; cut, outside or overlapping: $fits"
	fi
}

shot plain-small 1024x600
check plain-small 1024 600 Esc
shot plain-big 1920x1080
check plain-big 1920 1080 Esc
shot room-small 1024x600 --follow webinar --broker mqtt://127.0.0.1:9
check room-small 1024 600 R
shot host-small 1024x600 --host webinar --broker mqtt://127.0.0.1:9
check host-small 1024 600 F6
shot host-big 1920x1080 --host webinar --broker mqtt://127.0.0.1:9
check host-big 1920 1080 F6
# The bottom line of keys ends in "?: all keys" (nb "?: alle taster"), so
# a facilitator learns where the rest are: on the line of the common
# keys, beside it, neither cut nor overlapping it, at both sizes.
hint() {
	jq -s -e --argjson w "$2" '
		map(select(.event == "console_box" and .kind == "text")) as $b |
		($b | map(select(.text == "?: alle taster"))) as $q |
		($b | map(select(.text | startswith("PgDn/PgUp")))) as $k |
		($q | length) == 1 and ($k | length) == 1 and
		$q[0].cut == 0 and $k[0].cut == 0 and
		$q[0].x + $q[0].w <= $w and
		($q[0].y - $k[0].y | fabs) < $k[0].h and
		($q[0].x >= $k[0].x + $k[0].w or $q[0].x + $q[0].w <= $k[0].x)
		' "$TMP/$1.json" >/dev/null
}
expect "console keys line at 1024x600: '?: alle taster' beside it, whole" \
	hint plain-small 1024
expect "console keys line at 1920x1080: '?: alle taster' beside it, whole" \
	hint plain-big 1920
# Readable key names in the staff's language.
names() {
	help_boxes plain-small | jq -e 'map(.text) |
		index("Page Down, høyre pil, mellomrom") and
		index("Pluss (+), minus (-)")' >/dev/null
}
expect "key help: readable key names in nb (Page Down, høyre pil, mellomrom; Pluss (+), minus (-))" \
	names
# Every key that moves the slides is in the table: the arrows Down and Up
# (a clicker's other pair) and Enter, which alone goes on, confirms a
# typed number or a pick; each in a row of its own with its words.
moving() {
	help_boxes plain-small | jq -e 'group_by(.y) | map(sort_by(.x) |
		map(.text)) as $rows |
		($rows | map(select(.[0] == "Pil ned, pil opp" and
			.[1] == "Neste lysbilde, forrige lysbilde")) | length) == 1
		and ($rows | map(select(.[0] == "Enter" and
			(.[1] | test("Neste lysbilde.*bekreft")))) | length) == 1
		' >/dev/null
}
expect "key help: Down and Up arrows, and Enter (next, confirm), have rows" \
	moving

# The host's own console (no help open) at the smallest console size:
# its texts, the question keys' line among them, are whole, not cut.
printf '3 screenshot main\n3.5 quit\n' >"$TMP/s.script"
shot host-main 1024x600 --host webinar --broker mqtt://127.0.0.1:9
cut=$(jq -s -c 'map(select(.event == "console_box" and .kind == "text" and
	.cut == 1) | .text)' "$TMP/host-main.json")
seen=$(jq -s 'map(select(.event == "console_box")) | length' "$TMP/host-main.json")
if [ "$seen" -gt 0 ] && [ "$cut" = "[]" ]; then
	pass "host console 1024x600: no text cut ($seen boxes)"
else
	fail "host console 1024x600: cut" "boxes $seen; cut: $cut"
fi

# --console single (the laptop is the only screen): ? shows the keys on
# that screen (it showed nothing, and the Esc that was meant to close it
# asked to leave), whole at 1366x768, and Esc hides them again; the
# band says "?: alle taster" too.
printf '%s\n' '0.5 screenshot band' '1 key /' '1.5 screenshot help' \
	'2 key Escape' '2.5 screenshot closed' '3 quit' >"$TMP/single.script"
"$VP" --headless --group --console single --window 1366x768 --lang nb \
	--level lower-secondary --participants 2 --script "$TMP/single.script" \
	--screenshot-dir "$TMP/single" --log-json "$TMP/single.json" \
	--session-dir "$TMP/sess" "$TMP/bundles" >"$TMP/single.out" 2>&1
# room_boxes NAME: the room's text boxes at screenshot NAME.png
room_boxes() {
	awk -v shot="/$1.png\"" 'index($0, "\"event\":\"screenshot\"") {
			on = index($0, shot) > 0; next }
		on && /"event":"box"/ { print; next } { on = 0 }' \
		"$TMP/single.json" | jq -s -c 'map(select(.kind == "text"))'
}
single_help() {
	room_boxes help | jq -e 'map(select(.cut == 0) | .text) |
		index("Page Down, høyre pil, mellomrom") and index("Esc")' \
		>/dev/null &&
	room_boxes help | jq -e 'map(select(.cut == 1 or .y + .h > 768)) |
		length == 0' >/dev/null
}
single_closed() {
	room_boxes closed | jq -e 'map(.text) |
		index("Page Down, høyre pil, mellomrom") == null' >/dev/null &&
	[ "$(jq -r 'select(.event == "group_key" and .key == "Escape") |
		.phase' "$TMP/single.json")" = running ]
}
expect "console single: ? shows every key on the one screen, whole" \
	single_help
expect "console single: Esc hides the keys, and does not ask to leave" \
	single_closed
expect "console single: the band says '?: alle taster'" eval \
	'room_boxes band | jq -e "map(.text) | index(\"?: alle taster\")" >/dev/null'
# ... and it lists the keys of a single screen: C, which hides the band
# before the room looks, and not Tab or X, F9, which do nothing there.
single_keys() {
	room_boxes help | jq -e 'map(.text) | index("C") and
		index("Tab") == null and index("X, F9") == null' >/dev/null
}
expect "console single: the help lists C (hide the band), not Tab or X, F9" \
	single_keys
