#!/bin/sh
# Video items played by veiviser-play from inside a bundle, headless in
# virtual time: every frame presented in A/V sync with no drop, gapless
# switches between items (the log proves it), VFR-free but mixed frame
# rates, no-audio, 5.1 at 44.1 kHz, SAR and rotation, controls (pause,
# seek, replay, subtitles) and the narration slide in between.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/video_fixture.inc"

if ! video_pack "$TMP"; then
	fail "video play: fixture" "$(tail -n 3 "$TMP/build.out" 2>/dev/null)"
	exit 0
fi
log="$TMP/play.json"
printf '0.1 key Space\n2.0 screenshot one\n9.0 quit\n' >"$TMP/play.script"
if "$VP" --headless --window 480x270 --lang nb --level all \
	--script "$TMP/play.script" --screenshot-dir "$TMP/shots" \
	--log-json "$log" "$TMP/b" 2>"$TMP/err"; then
	pass "video play: runs"
else
	fail "video play: runs" "$(tail -n 3 "$TMP/err")"
fi

order=$(jq -r 'select(.event == "video_start") | .item' "$log" | tr '\n' ' ')
expect "video play: items in order ($order)" [ "$order" = "one two three " ]
for it in one two three; do
	end=$(events "$log" video_end "$it")
	if [ "$(vfield "$end" reason)" = end ]; then
		pass "video play: $it played to its end"
	else
		fail "video play: $it end" "${end:-no video_end}"
	fi
done

# every frame presented, none dropped or repeated
frames() { events "$log" frame "$1" | wc -l | tr -d ' '; }
expect "video play: 50 frames of one" [ "$(frames one)" -eq 50 ]
expect "video play: 45 frames of two (no audio)" [ "$(frames two)" -eq 45 ]
expect "video play: 24 frames of three (5.1 44.1 kHz)" \
	[ "$(frames three)" -eq 24 ]
bad=$(grep '"event":"frame","item"' "$log" | grep -v '"dropped":0,"repeated":0' | head -n 2)
if [ -z "$bad" ]; then
	pass "video play: no dropped or repeated frame"
else
	fail "video play: no dropped or repeated frame" "$bad"
fi

# A/V sync: at 30 ticks a second each frame is shown on the tick nearest
# its time, so |A-V| <= half a tick
worst=$(jq -r 'select(.event == "frame" and .av_diff != null) | .av_diff' "$log" |
	awk '{ v = $1 < 0 ? -$1 : $1; if (v > m) m = v } END { printf "%.4f", m }')
if awk "BEGIN { exit !($worst <= 1 / 60 + 0.0005) }"; then
	pass "video play: |A-V| <= half a tick (worst $worst s)"
else
	fail "video play: A/V sync" "worst |A-V| $worst s"
fi
masters=$(events "$log" frame two | grep -c '"master":"player"')
expect "video play: no audio: the player's clock is master" [ "$masters" -eq 45 ]

# gapless: no tick without a picture; each next video was decoded
# before it started, and its first picture came on the tick the item
# changed
expect "video play: no blank tick" [ "$(events "$log" blank | wc -l)" -eq 0 ]
for it in two three; do
	fp=$(events "$log" first_picture "$it")
	start=$(grep "\"event\":\"item\",\"id\":\"$it\"" "$log")
	ft=$(vfield "$fp" t)
	st=$(vfield "$start" t)
	if [ "$(vfield "$fp" preloaded)" = 1 ] &&
	   awk "BEGIN { d = $ft - $st; exit !(d >= -0.001 && d <= 1 / 30 + 0.001) }"; then
		pass "video play: $it preloaded, first picture at its start ($st -> $ft)"
	else
		fail "video play: gapless $it" "item at '$st', first picture '$fp'"
	fi
done

info=$(events "$log" video_info three)
expect "video play: SAR 4:3 read" [ "$(vfield "$info" sar)" = 4:3 ]
rot=$(vfield "$info" rotation)
expect "video play: rotation read ($rot)" [ "$rot" = 90 -o "$rot" = 270 ]
expect "video play: 5.1 at 44.1 kHz" [ "$(vfield "$info" audio_channels)" = 6 -a \
	"$(vfield "$info" audio_rate)" = 44100 ]
expect "video play: screenshot of a video" [ -s "$TMP/shots/one.png" ]
# a small film decodes on one thread: the least memory on a kiosk
expect "video play: a 240-line film on one decoder thread" \
	[ "$(vfield "$info" threads)" = 1 ]

# Controls: pause and resume, seek +10 s (clamped), -10 s, replay,
# subtitles toggled, by keys; then seek and subtitles by touch on the
# signs over the film (where the film's rectangle puts them), the seek
# after the 300 ms that a toggle's tap holds taps off.
rect=$(grep -m 1 '"event":"video_rect"' "$log")
rx=$(vfield "$rect" x); ry=$(vfield "$rect" y)
rw=$(vfield "$rect" w); rh=$(vfield "$rect" h)
size=$((rh / 7)); [ "$size" -lt 40 ] && size=40
fwd_x=$((rx + rw - size / 4 - size / 2)); fwd_y=$((ry + rh / 2))
cc_x=$fwd_x; cc_y=$((ry + size / 4 + size / 2))
cat >"$TMP/ctl.script" <<SCRIPT
0.1 key Space
0.5 key P
1.0 key P
1.2 key C
1.4 key L
1.5 key J
1.7 key R
1.9 tap $cc_x $cc_y
2.3 tap $fwd_x $fwd_y
4.0 quit
SCRIPT
log2="$TMP/ctl.json"
"$VP" --headless --window 480x270 --lang nb --level all \
	--script "$TMP/ctl.script" --log-json "$log2" "$TMP/b" 2>/dev/null
p=$(grep '"event":"video_pause"' "$log2" | head -n 1)
r=$(grep '"event":"video_resume"' "$log2" | head -n 1)
frames_paused=$(awk -v a="$(vfield "$p" t)" -v b="$(vfield "$r" t)" \
	'/"event":"frame","item"/ { split($0, x, "\"t\":"); t = x[2] + 0; if (t > a + 0.001 && t < b - 0.001) n++ } END { print n + 0 }' "$log2")
if [ -n "$p" ] && [ -n "$r" ] && [ "$(vfield "$p" pos)" = "$(vfield "$r" pos)" ] &&
   [ "$frames_paused" -eq 0 ]; then
	pass "video play: pause holds the picture and the clock"
else
	fail "video play: pause" "pause '$p' resume '$r' frames $frames_paused"
fi
expect "video play: C toggles subtitles" grep -q '"event":"subtitles","item":"one","on":1' "$log2"
seeks=$(jq -r 'select(.event == "video_seek") | .to' "$log2" | tr '\n' ' ')
set -- $seeks
if [ $# -eq 3 ] && awk "BEGIN { exit !($1 > 1.8 && $2 < 0.9 && $3 > 1.8) }"; then
	pass "video play: seek +10 s clamps to the end, -10 s to the start, a tap seeks ($seeks)"
else
	fail "video play: seek" "targets '$seeks' (rect '$rect')"
fi
expect "video play: a tap on the caption sign toggles subtitles" \
	grep -q '"event":"subtitles","item":"one","on":0' "$log2"
expect "video play: replay" grep -q '"event":"video_replay","item":"one"' "$log2"

# P tapped while the film still loads (VV_TEST_FILM_LOAD keeps every film
# loading for 2 s of the player's clock): it starts paused on its first
# frame, the kiosk shows it paused, and the next P plays it from there.
cat >"$TMP/load.script" <<'SCRIPT'
0.1 key Space
0.1 key P
3.0 screenshot held
4.0 key P
5.0 quit
SCRIPT
log3="$TMP/load.json"
VV_TEST_FILM_LOAD=2 "$VP" --headless --window 480x270 --lang nb \
	--level all --script "$TMP/load.script" --screenshot-dir "$TMP/load" \
	--log-json "$log3" "$TMP/b" 2>/dev/null
asked=$(jq -r 'select(.event == "input" and .input == "pause") | .t' \
	"$log3" | head -n 1)
ready=$(vfield "$(events "$log3" video_ready one | head -n 1)" t)
expect "video play: P came while the film loaded ($asked, ready $ready)" \
	awk "BEGIN { exit !(\"$asked\" != \"\" && \"$ready\" != \"\" && ${ready:-0} > ${asked:-0}) }"
p=$(events "$log3" video_pause one | head -n 1)
r=$(events "$log3" video_resume one | head -n 1)
rt=$(vfield "$r" t)
# frames presented before the resume: the first one at most
frames_paused=$(jq -r --argjson b "${rt:-0}" \
	'select(.event == "frame" and .item == "one" and .t < $b - 0.001) | .t' \
	"$log3" | wc -l)
held=$(jq -r 'select(.event == "screenshot") | .t' "$log3")
if [ -n "$p" ] && [ -n "$r" ] && awk "BEGIN { exit !(${rt:-0} > ${held:-9}) }" &&
   [ "$(vfield "$p" pos)" = "$(vfield "$r" pos)" ] &&
   [ "$frames_paused" -le 1 ]; then
	pass "video play: P while the film loads starts it paused on its first frame"
else
	fail "video play: P while loading" \
		"pause '$p' resume '$r' frames before the resume $frames_paused"
fi
expect "video play: the kiosk shows the film paused" \
	[ "$(jq -r 'select(.event == "screenshot") | .paused' "$log3")" = 1 ]
