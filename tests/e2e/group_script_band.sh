#!/bin/sh
# The script band of --console single shows the whole script of every
# slide without a key press for its size: the script shrinks to fit down
# to its floor (2.5 % of the screen's height, of three quarters of its
# width on a portrait screen), and a script longer than that, or made
# larger with "+", continues on pages
# that next steps through before the slide changes, marked "1/2" with an
# arrow. At 1024x768 the sample pack's longest scripts (nb, ti) were cut
# with an ellipsis until the facilitator pressed "-". Checked on every
# slide of the sample pack's upper-secondary level, with the script in nb
# at common laptop and screen sizes and on a portrait screen (ar and ti
# on three of them),
# from the player's log: the "console" event of each page says which part
# of the script it shows, and the boxes of each screenshot show that no
# text of the band is cut and none overlaps another.
. "$TOP/tests/lib.sh"

if ! "$VB" build "$TOP/content/career-guidance" -o "$TMP/b" \
	--lang en,nb,ar,ti --level upper-secondary >"$TMP/build.out" 2>&1; then
	fail "script band: sample pack" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

# script_for N: next N times, on every page of every slide, a screenshot
# after each press (the room has five pages of text a slide on a
# portrait screen, three at most on a landscape one; a script made
# larger has up to five).
script_for() {
	i=1
	echo "0.2 screenshot s0"
	while [ $i -le "$1" ]; do
		echo "$i.1 key Right"
		echo "$i.5 screenshot s$i"
		i=$((i + 1))
	done
	echo "$(($1 + 1)) quit"
}
script_for 30 >"$TMP/next30"
script_for 60 >"$TMP/next60"

# covered LOG: every slide's script pages, as the "console" events say
# (the last size of each slide's script), run from the script's first
# byte to its last without a gap: page 1 starts at 0, each page starts
# where the one before ended, the last ends at the script's length, and
# each of pages 1 to N was shown.
covered() {
	jq -s -e '
		map(select(.event == "console" and .item != null)) |
		group_by(.item) | length == 10 and
		all(.[];
			.[-1] as $last |
			($last.script | utf8bytelength) as $len |
			map(select(.script_px == $last.script_px and
				.script_pages == $last.script_pages)) |
			unique_by(.script_page) as $p |
			($p | map(.script_page)) ==
				[range(1; ($last.script_pages // 0) + 1)] and
			$p[0].script_from == 0 and
			$p[-1].script_to == $len and
			all(range(1; $p | length);
				$p[.].script_from == $p[. - 1].script_to))
		' "$1" >/dev/null
}

# the band's text boxes (the script's language, or the staff's labels,
# which the log gives no language) logged with each screenshot, one JSON
# array a screenshot; the room's slide under the band is in English
band_boxes() {
	jq -s -c --argjson top "$2" --arg l "$3" '
		reduce .[] as $e ({n: 0, out: []};
			if $e.event == "screenshot" then .n += 1
			elif $e.event == "box" and $e.kind == "text" and
				$e.y >= $top and ($e.lang == $l or $e.lang == "")
			then .out += [$e + {shot: .n}]
			else . end) | .out | group_by(.shot) | .[]' "$1"
}

# band NAME SIZE LANG SCRIPT BIGGER: one run at SIZE (WxH), the script in
# LANG, "+" (the = key) pressed BIGGER times first, then SCRIPT; checks
# it.
band() {
	d=$TMP/$1
	W=${2%x*}
	H=${2#*x}
	# the band's top (group.c), and the height the sizes are taken of
	top=$((H * 56 / 100))
	ref=$H
	[ $((W * 3 / 4)) -lt "$ref" ] && ref=$((W * 3 / 4))
	mkdir -p "$d"
	{
		k=1
		while [ $k -le "$5" ]; do
			echo "0.0$k key ="
			k=$((k + 1))
		done
		cat "$4"
	} >"$d/script"
	"$VP" --headless --group --console single --console-lang "$3" \
		--window "$2" --session-dir "$d/s" --script "$d/script" \
		--screenshot-dir "$d" --log-json "$d/log" --lang en \
		--level upper-secondary "$TMP/b" >"$d/out" 2>&1
	expect "script band $1: every slide's script shown whole, page by page" \
		covered "$d/log"
	band_boxes "$d/log" "$top" "$3" >"$d/boxes"
	cut=$(jq -r '.[] | select(.cut == 1) | .text' "$d/boxes" | sort -u |
		tr '\n' '|')
	over=$(jq -r 'map(select(.w > 0 and .h > 0)) | . as $b |
		[range(0; length) as $i | range($i + 1; length) as $j |
		select($b[$i].x < $b[$j].x + $b[$j].w and
			$b[$j].x < $b[$i].x + $b[$i].w and
			$b[$i].y < $b[$j].y + $b[$j].h and
			$b[$j].y < $b[$i].y + $b[$i].h) |
		"\($b[$i].text) / \($b[$j].text)"] | .[]' "$d/boxes" |
		sort -u | tr '\n' '|')
	if [ -n "$(cat "$d/boxes")" ] && [ -z "$cut$over" ]; then
		pass "script band $1: no text of the band cut or overlapping"
	else
		fail "script band $1: band" "cut: $cut; overlapping: $over"
	fi
	# never under the floor (2.5 %, times 1.15 for each "+"); a script
	# on pages says so with "1/N" in the band's upper half, beside its
	# heading (the room's own marks are at the foot of its slide)
	small=$(jq -r 'select(.event == "console" and .item != null and
		.script_px * 100000 < '"$ref"' * 25 * (100 + 15 * .script_step)) |
		.script_px' "$d/log" | head -n 1)
	marks=$(jq -r 'select(.event == "console" and .script_pages > 1 and
		.script_page == 1) | "1/\(.script_pages)"' "$d/log" | sort -u)
	missing=
	for m in $marks; do
		jq -e -s --arg t "$m" 'map(select(.event == "box" and
			.text == $t and .y >= '"$top"' and
			.y < '"$(((H + top) / 2))"')) | length > 0' \
			"$d/log" >/dev/null || missing="$missing $m"
	done
	if [ -z "$small$missing" ]; then
		pass "script band $1: script at or above its floor, pages marked ($(echo $marks))"
	else
		fail "script band $1: sizes" "under the floor: '$small'; marks missing:$missing"
	fi
}

for size in 1024x768 1024x600 1280x720 1366x768 1920x1080 1080x1920; do
	script=$TMP/next30
	[ "${size%x*}" -lt "${size#*x}" ] && script=$TMP/next60
	# the longest scripts are Norwegian; Arabic and Tigrinya (other
	# scripts, right to left) on a small, a short and a portrait screen
	langs=nb
	case $size in 1024x768|1024x600|1080x1920) langs="nb ar ti" ;; esac
	for l in $langs; do
		band "$size-$l" "$size" "$l" "$script" 0
	done
done

# A facilitator who wants the script larger ("+" six times, the most):
# the long scripts go on pages rather than being cut.
for l in nb ar; do
	band "1024x768-$l-larger" 1024x768 "$l" "$TMP/next60" 6
	if jq -e -s 'map(select(.event == "console" and
		.script_pages > 1)) | length > 0' "$TMP/1024x768-$l-larger/log" \
		>/dev/null; then
		pass "script band 1024x768 $l larger: long scripts on pages"
	else
		fail "script band 1024x768 $l larger" "no script on pages"
	fi
done

# Back steps back through the script's pages before the slide changes:
# slide 7 (the longest script) at the largest size, next, then back.
printf '%s\n' '0.01 key =' '0.02 key =' '0.03 key =' '0.04 key =' \
	'0.05 key =' '0.06 key =' '0.1 key 7' '0.2 key Return' \
	'0.5 key Right' '1.0 key Left' '1.5 quit' >"$TMP/back.script"
"$VP" --headless --group --console single --window 1024x768 \
	--session-dir "$TMP/back" --script "$TMP/back.script" \
	--log-json "$TMP/back.log" --lang nb --level upper-secondary \
	"$TMP/b" >"$TMP/back.out" 2>&1
steps=$(jq -r 'select(.event == "console" and .item != null and
	.t >= 0.2) | "\(.item):\(.script_page)"' "$TMP/back.log" | tr '\n' ' ')
if [ "$steps" = "6:1 6:2 6:1 " ]; then
	pass "script band: next and back step the script's pages on its slide ($steps)"
else
	fail "script band: next and back" "item:page '$steps', want '6:1 6:2 6:1 '"
fi
