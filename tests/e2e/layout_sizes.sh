#!/bin/sh
# Every kiosk screen, and the group screen's room with captions, at every
# common screen size, landscape and portrait:
# the player logs each screenshot's boxes (--log-json "box" events), and
# no text box may overlap another text, stick out of the screen, or cut
# into a control, picture or icon (a label inside its button is fine).
# The screenshots are also compared with tests/golden/layout-*.png, kept
# scaled down to about 500 px wide to keep the repository small;
# VV_UPDATE_GOLDEN=1 writes them instead (look at them before
# committing).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "layout sizes: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
# The sample pack's three levels, whose labels wrap to three lines in
# narrow columns (portrait): in English and Ukrainian the third line stuck
# out of the level buttons at 1080x1920.
if ! "$VB" build "$TOP/content/career-guidance" -o "$TMP/cg" --lang en,uk \
	>"$TMP/cg.out" 2>&1; then
	fail "layout sizes: sample pack" "$(tail -n 3 "$TMP/cg.out")"
	exit 0
fi

# run NAME SIZE SCRIPT OPTIONS...: one headless run at SIZE (WxH).
run() {
	name=$1 size=$2
	printf '%b' "$3" >"$TMP/$name.script"
	shift 3
	"$VP" --headless --window "$size" --script "$TMP/$name.script" \
		--screenshot-dir "$TMP/shots" --log-json "$TMP/$name.log" \
		--exit-after 20 "$@" "$TMP/b" >"$TMP/$name.err" 2>&1
}

# golden_small NAME SHOT FACTOR: compares SHOT with the golden image
# NAME, which is SHOT's size divided by FACTOR.
golden_small() {
	g=$GOLDEN/$1.png
	if [ -n "${VV_UPDATE_GOLDEN:-}" ]; then
		"$IMGCMP" --shrink "$3" "$2" "$g" &&
			pass "golden $1 (updated)"
		return
	fi
	if [ ! -f "$2" ]; then
		fail "golden $1" "no screenshot $2"
	elif out=$("$IMGCMP" "$g" "$2" 40 0.5); then
		pass "golden $1: $out"
	else
		fail "golden $1" "$out (compare $2 with $g)"
	fi
}

# The reader of the box checks' awk programs (after their flush()):
# the boxes logged after each screenshot go into k (kind), t (text), x,
# y, w, h (0 to n - 1), then flush() checks them with `shot` set to the
# screenshot's file name ("" before the first one).
BOXES_AWK='
	function num(key,   m) {
		if (match($0, "\"" key "\":-?[0-9]+")) {
			m = substr($0, RSTART, RLENGTH)
			sub(/.*:/, "", m)
			return m + 0
		}
		return 0
	}
	function str(key,   m) {
		if (match($0, "\"" key "\":\"[^\"]*\"")) {
			m = substr($0, RSTART, RLENGTH)
			sub("\"" key "\":\"", "", m)
			return substr(m, 1, length(m) - 1)
		}
		return ""
	}
	BEGIN { n = 0 }
	/"event":"screenshot"/ {
		flush()
		n = 0
		shot = str("path")
		sub(/.*\//, "", shot)
		shots++
	}
	/"event":"box"/ {
		k[n] = str("kind"); t[n] = str("text")
		x[n] = num("x"); y[n] = num("y"); w[n] = num("w")
		h[n] = num("h")
		n++
	}
	END { flush(); if (!shots) print "no screenshot logged" }'

# overlaps LOG W H: prints one line per fault in the boxes logged after
# each screenshot: "SHOT: what".
overlaps() {
	awk -v W="$2" -v H="$3" '
	function flush(   i, j, a, b) {
		for (i = 0; i < n; i++) {
			if (k[i] != "text")
				continue
			if (x[i] < 0 || y[i] < 0 || x[i] + w[i] > W ||
			    y[i] + h[i] > H)
				print shot ": text \"" t[i] "\" leaves the screen"
			for (j = 0; j < n; j++) {
				if (j == i || (k[j] == "text" && j < i))
					continue
				if (x[i] >= x[j] + w[j] || x[j] >= x[i] + w[i] ||
				    y[i] >= y[j] + h[j] || y[j] >= y[i] + h[i])
					continue
				if (k[j] != "text" && x[i] >= x[j] &&
				    y[i] >= y[j] && x[i] + w[i] <= x[j] + w[j] &&
				    y[i] + h[i] <= y[j] + h[j])
					continue   # a label inside its element
				print shot ": text \"" t[i] "\" overlaps " k[j] \
				      (k[j] == "text" ? " \"" t[j] "\"" : "") \
				      " at " x[j] "," y[j] " " w[j] "x" h[j]
			}
		}
	}
	'"$BOXES_AWK" "$1"
}

# portrait_use LOG W H: on a portrait screen, prints one line per screen
# of LOG that leaves the screen's height unused as a landscape layout
# shrunk to the width did (the lower half empty): "SHOT: what". A slide
# with a picture has it across the width above its text, the text or
# picture reaching below the middle; a film is across the width with its
# title under it, the two with their middle in the middle third of the
# height (not at the top over an empty foot); the controls of both are in
# the bottom fifth (within reach); the pickers' choices and the idle
# question have their middle in the middle third of the height.
portrait_use() {
	awk -v W="$2" -v H="$3" '
	function flush(   i, pic, low, ttop, a, z, big) {
		if (shot == "")
			return
		pic = -1; low = 0; ttop = H; a = H; z = 0
		for (i = 0; i < n; i++) {
			if (k[i] == "picture" && pic < 0)
				pic = i
			if (k[i] == "text" && y[i] < ttop)
				ttop = y[i]
			if ((k[i] == "text" || k[i] == "picture") &&
			    y[i] + h[i] > low)
				low = y[i] + h[i]
			if (k[i] == "button" && y[i] * 5 < H * 4 &&
			    shot ~ /^(slide|video)/)
				print shot ": control at y " y[i] \
				      " above the bottom fifth"
			if (y[i] < a)
				a = y[i]
			if (y[i] + h[i] > z)
				z = y[i] + h[i]
		}
		if (shot ~ /^slide/ && pic >= 0) {
			if (y[pic] > ttop)
				print shot ": picture at y " y[pic] \
				      " under the text at y " ttop
			if (w[pic] * 5 < W * 4)
				print shot ": picture " w[pic] \
				      " px wide, under 80 % of the width"
		}
		if (shot ~ /^slide/ && pic >= 0 && low * 2 <= H)
			print shot ": text and picture end at y " low \
			      ", above the middle"
		if (shot ~ /^video/ && (pic < 0 || w[pic] * 5 < W * 4))
			print shot ": no film across the width"
		else if (shot ~ /^video/ && low <= y[pic] + h[pic])
			print shot ": no title under the film"
		else if (shot ~ /^video/ &&
			 ((y[pic] + low) * 3 < H * 2 ||
			  (y[pic] + low) * 3 > H * 4))
			print shot ": film and title have their middle at y " \
			      int((y[pic] + low) / 2) \
			      ", outside the middle third"
		if (shot ~ /^(language|level)/) {
			# the choices: the buttons of at least half the area
			# of the largest (not the back button)
			a = H; z = 0; big = 0
			for (i = 0; i < n; i++)
				if (k[i] == "button" && w[i] * h[i] > big)
					big = w[i] * h[i]
			for (i = 0; i < n; i++) {
				if (k[i] != "button" || w[i] * h[i] * 2 < big)
					continue
				if (y[i] < a)
					a = y[i]
				if (y[i] + h[i] > z)
					z = y[i] + h[i]
			}
		}
		if (shot ~ /^(language|level|idle)/ &&
		    ((a + z) * 3 < H * 2 || (a + z) * 3 > H * 4))
			print shot ": middle at y " int((a + z) / 2) \
			      ", outside the middle third"
	}
	'"$BOXES_AWK" "$1"
}

for size in 1024x600 1280x720 1280x800 1366x768 1920x1080 3840x2160 \
	    1080x1920; do
	W=${size%x*} H=${size#*x}
	cx=$((W / 2)) cy=$((H / 2))
	rm -f "$TMP"/*.log
	run pick "$size" "0.3 screenshot attract-$size\n0.5 tap $cx $cy
0.8 screenshot language-$size\n0.9 quit\n"
	run level "$size" "0.1 tap $cx $cy\n0.5 screenshot level-ar-$size\n0.6 quit\n" \
		--lang ar
	run nb "$size" "0.1 tap $cx $cy\n0.5 screenshot slide-nb-$size\n0.6 key Right
0.8 screenshot slide2-nb-$size\n0.9 key Right
1.1 screenshot video-nb-$size\n1.2 quit\n" --lang nb --level no-schooling
	for l in en uk; do
		run "level-$l" "$size" "0.1 tap $cx $cy\n0.5 screenshot level-$l-$size
0.6 quit\n" --lang "$l" "$TMP/cg"
	done
	# The idle question on a slide without narration (nothing plays,
	# so the idle timer runs): any time after 1 s shows it.
	run ar "$size" "0.1 tap $cx $cy\n0.5 screenshot slide-ar-$size
0.6 key Right\n3.0 screenshot idle-$size\n3.1 quit\n" --lang ar \
		--level no-schooling --idle-timeout 1
	# The group screen's room: slides with captions in a second
	# language, left to right and right to left.
	for g in ti ar; do
		run "group-$g" "$size" "0.3 screenshot group-$g-$size
0.4 quit\n" --group --session-dir "$TMP/sessions" --lang "$g" \
			--level no-schooling --captions nb
	done
	bad= unused=
	for r in pick level level-en level-uk nb ar group-ti group-ar; do
		if [ ! -s "$TMP/$r.log" ]; then
			bad="$bad
$r: no log ($(tail -n 1 "$TMP/$r.err"))"
			continue
		fi
		out=$(overlaps "$TMP/$r.log" "$W" "$H")
		[ -n "$out" ] && bad="$bad
$out"
		[ "$H" -gt "$W" ] || continue
		out=$(portrait_use "$TMP/$r.log" "$W" "$H")
		[ -n "$out" ] && unused="$unused
$out"
	done
	# Portrait: the Arabic film (subtitled: its sound is not Arabic)
	# has its cue in a band under the picture, not over its foot, and
	# film, band and title are in the middle of the height.
	if [ "$H" -gt "$W" ]; then
		run film-ar "$size" "0.1 tap $cx $cy\n0.5 key Right\n0.7 key Right
1.7 screenshot video-ar-$size\n1.8 quit\n" --lang ar --level no-schooling
		out=$(portrait_use "$TMP/film-ar.log" "$W" "$H")
		[ -n "$out" ] && unused="$unused
$out"
		rect=$(jq -c 'select(.event == "video_rect")' \
			"$TMP/film-ar.log" 2>/dev/null | tail -n 1)
		band=$(jfield "$rect" band)
		if [ "${band:-0}" -gt 0 ]; then
			ink=$("$IMGCMP" --ink "$TMP/shots/video-ar-$size.png" \
				"$(jfield "$rect" x)" \
				"$(($(jfield "$rect" y) + $(jfield "$rect" h)))" \
				"$(jfield "$rect" w)" "$band")
			[ "$ink" = none ] && unused="$unused
film-ar-$size: no subtitle in the band under the film"
		else
			unused="$unused
film-ar-$size: no subtitle band under the film (${rect:-no video_rect})"
		fi
		# The nb film (nb sound: no subtitles) has no band; a tap
		# on its caption sign (where video_play.sh finds it) at
		# 1.5 s makes room for one at once, in a whole frame (the
		# virtual clock: before 2.5 s), rather than at the next
		# input (the screenshot's whole frame at 3 s), with the cue
		# over the picture meanwhile.
		rect=$(jq -c 'select(.event == "video_rect")' \
			"$TMP/nb.log" 2>/dev/null | tail -n 1)
		rh=$(jfield "$rect" h)
		sz=$((${rh:-0} / 7)); [ "$sz" -lt 40 ] && sz=40
		run film-cc "$size" "0.1 tap $cx $cy\n0.5 key Right\n0.7 key Right
1.5 tap $(($(jfield "$rect" x) + $(jfield "$rect" w) - sz * 3 / 4)) \
$(($(jfield "$rect" y) + sz * 3 / 4))\n3.0 screenshot video-cc-$size\n3.1 quit\n" \
			--lang nb --level no-schooling
		out=$(portrait_use "$TMP/film-cc.log" "$W" "$H")
		[ -n "$out" ] && unused="$unused
$out"
		t=$(jq -r 'select(.event == "video_rect" and .band > 0) | .t' \
			"$TMP/film-cc.log" 2>/dev/null | head -n 1)
		if [ "$(jfield "$rect" band)" != 0 ] ||
		   ! grep -q '"event":"subtitles","item":"film","on":1' \
			"$TMP/film-cc.log"; then
			unused="$unused
film-cc-$size: the nb film had a band, or the tap did not turn subtitles on"
		elif [ -z "$t" ] || awk "BEGIN { exit !($t >= 2.5) }"; then
			unused="$unused
film-cc-$size: no band under the film until the next input (${t:-never})"
		fi
	fi
	if [ "$H" -gt "$W" ] && [ -z "$unused" ]; then
		pass "layout $size: portrait screens use the height"
	elif [ "$H" -gt "$W" ]; then
		fail "layout $size: portrait height unused" "$(printf '%s' \
			"$unused" | head -n 8 | tr '\n' ';')"
	fi
	# About 500 px wide, by a factor that divides both sides.
	case $size in
	1024x600|1366x768) f=2 ;;
	3840x2160) f=8 ;;
	*) f=4 ;;
	esac
	for s in attract language level-ar slide-nb slide2-nb slide-ar idle \
		group-ti group-ar; do
		golden_small "layout-$s-$size" "$TMP/shots/$s-$size.png" $f
	done
	if [ -z "$bad" ]; then
		pass "layout $size: no text box overlaps"
	else
		fail "layout $size: overlaps" "$(printf '%s' "$bad" | head -n 8 |
			tr '\n' ';')"
	fi
done
