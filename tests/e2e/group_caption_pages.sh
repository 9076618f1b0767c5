#!/bin/sh
# Group captions never drop text silently: a slide whose body and
# captions do not fit at the legible minimum sizes continues its
# captions on pages the facilitator steps through with next (marked
# "1/2" and an arrow), and back steps back. Every caption text shows
# whole on some page, at or above the legible caption size, at 720p
# and 1080p. Read from the boxes logged with each screenshot.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/group_fixture.inc"

if ! make_group_bundles "$TMP" long; then
	fail caption_pages_fixture "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi

for size in 1280x720 1920x1080; do
	H=${size#*x}
	d=$TMP/$size
	mkdir -p "$d"
	printf '%s\n' '0.1 key End' '0.3 screenshot p1' '0.4 key Right' \
		'0.5 screenshot p2' '0.6 key Right' '0.7 screenshot p3' \
		'0.8 key Left' '1.0 screenshot back' '1.1 quit' \
		>"$d/script"
	"$VP" --headless --group --window "$size" --session-dir "$d/s" \
		--script "$d/script" --screenshot-dir "$d" --log-json "$d/log" \
		--lang ti --level lower-secondary --captions nb \
		"$TMP/bundles" >"$d/out" 2>&1
	layout=$(jq -c 'select(.event == "group_layout" and .item == 5)' \
		"$d/log" | head -n 1)
	pages=$(printf '%s' "$layout" | jq -r '.caption_pages // empty')
	cpx=$(printf '%s' "$layout" | jq -r '.caption_px // empty')
	if [ -n "$pages" ] && [ "$pages" -ge 2 ] &&
		[ $((cpx * 1000)) -ge $((H * 35)) ]; then
		pass "caption pages $size: $pages pages at $cpx px"
	else
		fail "caption pages $size" "layout: ${layout:-none}"
		continue
	fi
	# Caption boxes (nb, caption size) that are not cut, over all shots.
	jq -r --argjson px "${cpx:-0}" 'select(.event == "box" and
		.lang == "nb" and .size == $px and .cut == 0) | .text' \
		"$d/log" | sort -u >"$d/shown"
	missing=
	for t in "Lysbilde six" "Dette er teksten på lysbilde six." \
		"Lang tekst 1:" "Lang tekst 2:" "Lang tekst 3:" \
		"Første punkt" "Andre punkt"; do
		grep -q "^$t" "$d/shown" || missing="$missing [$t]"
	done
	if [ -z "$missing" ]; then
		pass "caption pages $size: every caption text shown whole"
	else
		fail "caption pages $size: dropped" "$missing"
	fi
	# The mark: "1/N" on the first page, the last page's number after
	# next, back at the first page after back, and still slide six.
	marks=$(jq -r 'select(.event == "box" and .lang == "en") | .text |
		select(test("^[0-9]*/[0-9]*$"))' "$d/log" | tr '\n' ' ')
	items=$(jq -r 'select(.event == "screenshot") | .item' "$d/log" |
		tr '\n' ' ')
	if [ "$marks" = "1/$pages $pages/$pages $pages/$pages 1/$pages " ] &&
		[ "$items" = "5 5 5 5 " ]; then
		pass "caption pages $size: next and back step the pages"
	else
		fail "caption pages $size: stepping" "marks '$marks' items '$items'"
	fi
done
