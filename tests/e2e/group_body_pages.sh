#!/bin/sh
# A slide whose own text does not fit the group screen even at the
# legible minimum size is not cut with an ellipsis (the last bullets of
# the sample pack's "Education in Norway" were lost in uk and so): it
# continues on text pages that next and back step through, marked "1/2"
# and an arrow, with its captions on the pages after. The console says
# which text page the room shows. At 720p and 1080p; read from the boxes
# and the console's log lines at each screenshot.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP" longer; then
	fail "body pages: fixture" "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi

# run DIR SIZE OPTIONS...: slide six (End), then next four times and
# back once, a screenshot after each key.
run() {
	d=$1
	size=$2
	shift 2
	mkdir -p "$d"
	printf '%s\n' '0.1 key End' '0.2 screenshot p1' '0.3 key Right' \
		'0.4 screenshot p2' '0.5 key Right' '0.6 screenshot p3' \
		'0.7 key Right' '0.8 screenshot p4' '0.9 key Right' \
		'1.0 screenshot p5' '1.1 key Left' '1.2 screenshot back' \
		'1.3 quit' >"$d/script"
	"$VP" --headless --group --window "$size" --participants 2 \
		--session-dir "$d/s" --script "$d/script" --screenshot-dir "$d" \
		--log-json "$d/log" --level lower-secondary "$@" \
		"$TMP/bundles" >"$d/out" 2>&1
}

# shown LOG: the room's text boxes of the screenshots of slide six (item
# 5), one JSON object a line.
shown() {
	awk '/"event":"screenshot"/ { on = /"item":5,/; next }
		/"event":"box"/ && on { print; next } { on = 0 }' "$1"
}

for size in 1280x720 1920x1080; do
	H=${size#*x}
	d=$TMP/nb-$size
	run "$d" "$size" --lang nb
	layout=$(jq -c 'select(.event == "group_layout" and .item == 5)' \
		"$d/log" | head -n 1)
	pages=$(printf '%s' "$layout" | jq -r '.caption_pages // 0')
	px=$(printf '%s' "$layout" | jq -r '.body_px // 0')
	if [ "$pages" -ge 2 ] && [ $((px * 1000)) -ge $((H * 45)) ]; then
		pass "body pages $size: $pages pages at $px px (legible)"
	else
		fail "body pages $size: pages" "layout: ${layout:-none}"
	fi
	cut=$(shown "$d/log" | jq -r 'select(.kind == "text" and .cut == 1) |
		.text')
	missing=
	for t in "Dette er teksten på lysbilde six." "Lang tekst 1:" \
		"Lang tekst 4:" "Lang tekst 7:" "Første punkt" "Andre punkt"
	do
		shown "$d/log" | jq -r 'select(.cut == 0) | .text' |
			grep -q "^$t" || missing="$missing [$t]"
	done
	if [ -z "$cut" ] && [ -z "$missing" ]; then
		pass "body pages $size: every text of the slide shown whole"
	else
		fail "body pages $size: lost text" "cut: $cut; missing:$missing"
	fi
	# the marks "1/N", "2/N"... and back; still slide six throughout
	marks=$(shown "$d/log" | jq -r 'select(.lang == "en") | .text |
		select(test("^[0-9]+/[0-9]+$"))' | tr '\n' ' ')
	items=$(jq -r 'select(.event == "screenshot") | .item' "$d/log" |
		sed -n 1,"$pages"p | tr '\n' ' ')
	want=
	k=1
	while [ $k -le "$pages" ]; do
		want="$want$k/$pages "
		k=$((k + 1))
	done
	case "$marks" in
	"$want"*) ok=1 ;;
	*) ok=0 ;;
	esac
	if [ $ok = 1 ] && [ "$items" = "$(yes 5 | head -n "$pages" |
		tr '\n' ' ')" ]; then
		pass "body pages $size: next steps through the pages ($marks)"
	else
		fail "body pages $size: stepping" "marks '$marks', items '$items'"
	fi
	# The console says which text page the room shows (nb), in its
	# status line (the log keeps a box's first 47 bytes).
	said=$(jq -r 'select(.event == "console_box" and .cut == 0) | .text' \
		"$d/log" | grep -c "^Rommet: lysbildet vises   Teksten på")
	if [ "$said" -ge 1 ] &&
	   jq -e -s --argjson n "$pages" 'map(select(.event ==
		"console_screenshot"))[0] | .text_page == 1 and
		.text_pages == $n' "$d/log" >/dev/null; then
		pass "body pages $size: the console says 'side 1 av $pages'"
	else
		fail "body pages $size: console" "$(jq -c 'select(.event == "console_screenshot")' "$d/log" | head -n 1)"
	fi
done

# With captions: the body's pages, then the captions', nothing cut.
d=$TMP/ti
run "$d" 1280x720 --lang ti --captions nb
cut=$(shown "$d/log" | jq -r 'select(.kind == "text" and .cut == 1) | .text')
n=$(shown "$d/log" | jq -r 'select(.cut == 0) | .text' |
	grep -c "^Lang tekst 7:")
if [ -z "$cut" ] && [ "$n" -ge 2 ]; then
	pass "body pages with captions: body and captions whole (Lang tekst 7 shown $n times)"
else
	fail "body pages with captions" "cut: $cut; 'Lang tekst 7' shown $n times"
fi

# Captions that fit whole under the last text page share it (a page of
# their own left that room empty and cost a key press): nb text on two
# pages, the second holding only "Andre punkt", with short ti captions
# under it; two pages in all, marked 1/2 and 2/2, and the console says
# page 2 of 2.
if ! make_group_bundles "$TMP/ls" longshort; then
	fail "body pages longshort: fixture" "$(tail -n 3 "$TMP/ls/build.log")"
	exit 0
fi
for size in 1024x600 1280x720 1920x1080; do
	d=$TMP/ls-$size
	mkdir -p "$d"
	printf '%s\n' '0.1 key End' '0.2 screenshot p1' '0.3 key Right' \
		'0.4 screenshot p2' '0.5 quit' >"$d/script"
	"$VP" --headless --group --window "$size" --participants 2 \
		--session-dir "$d/s" --script "$d/script" --screenshot-dir "$d" \
		--log-json "$d/log" --level lower-secondary --lang nb \
		--captions ti "$TMP/ls/bundles" >"$d/out" 2>&1
	# the texts of the second screenshot's boxes, one a line
	last=$(awk '/"event":"screenshot"/ { n++; on = n == 2 && /"item":5,/
			next }
		/"event":"box"/ && on { print; next } { on = 0 }' "$d/log" |
		jq -r 'select(.kind == "text") | .text')
	pages=$(jq -r 'select(.event == "group_layout" and .item == 5) |
		.caption_pages' "$d/log" | sort -u | tr '\n' ' ')
	said=$(jq -r 'select(.event == "console_screenshot") |
		"\(.text_page)/\(.text_pages)"' "$d/log" | tr '\n' ' ')
	if [ "$pages" = "2 " ] && [ "$said" = "1/2 2/2 " ] &&
	   printf '%s\n' "$last" | grep -qx 'Andre punkt' &&
	   printf '%s\n' "$last" | grep -qx 'ስላይድ six' &&
	   printf '%s\n' "$last" | grep -qx 'ካልኣይ ነጥቢ' &&
	   printf '%s\n' "$last" | grep -qx '2/2'; then
		pass "body pages $size: captions share the last text page (2 pages, console 'page 2 of 2')"
	else
		fail "body pages $size: captions on a page of their own" \
			"pages '$pages', console '$said', last page: $(printf '%s' "$last" | tr '\n' '|')"
	fi
done
