#!/bin/sh
# A kiosk plays films and narration longer than the idle timeout (90 s)
# to their end: the idle question comes 90 s after the media ended or was
# paused, never while it plays. Headless with the default timeout, and
# in a real window under Xvfb with a tap on pause.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

vff() {
	ffmpeg -nostdin -hide_banner -loglevel error -y "$@"
}
# intro (silent slide), long (100 s film), talk (95 s narration), last.
P=$TMP/pack
if ! film_talk_pack "$TMP" long 100 95; then
	fail "player long media: build" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

# t LOG EVENT-PATTERN: the time of the first log line matching it.
t() {
	jfield "$(grep -m1 "$2" "$1")" t
}
# add A B: A + B (decimals)
add() {
	awk "BEGIN { print $1 + $2 }"
}
# lt A B: A < B (decimals)
lt() {
	[ -n "$1" ] && [ -n "$2" ] && awk "BEGIN { exit !($1 < $2) }"
}

# Wake, next to the film; it plays 100 s, then the 95 s narration.
printf '0.5 tap 160 90\n1.0 key Right\n400 quit\n' >"$TMP/a.script"
"$VP" --headless --window 320x180 --script "$TMP/a.script" \
	--log-json "$TMP/a.json" "$TMP/b" 2>"$TMP/a.err"
film_end=$(t "$TMP/a.json" '"event":"video_end","item":"long"')
reason=$(jfield "$(grep -m1 '"event":"video_end","item":"long"' \
	"$TMP/a.json")" reason)
talk_end=$(t "$TMP/a.json" '"event":"narration_end"')
idle=$(t "$TMP/a.json" '"event":"screen","name":"idle"')
reset=$(t "$TMP/a.json" '"event":"reset"')
if [ "$reason" = end ] && lt 100 "$film_end" && lt "$film_end" 102; then
	pass "player long media: a 100 s film plays to its end ($film_end s)"
else
	fail "player long media: film" "video_end '$reason' at '$film_end', idle at '$idle'"
fi
if lt "$film_end" "$talk_end" && lt 195 "$talk_end"; then
	pass "player long media: 95 s narration plays to its end ($talk_end s)"
else
	fail "player long media: narration" "ends at '$talk_end', idle at '$idle'"
fi
# The last slide starts 1 s after the narration; idle 90 s later.
if lt "$talk_end" "$idle" && lt "$(add "$talk_end" 90)" "$idle" &&
   lt "$idle" "$(add "$talk_end" 92)" &&
   lt "$(add "$idle" 14.9)" "$reset"; then
	pass "player long media: the idle question comes 90 s after the media ($idle s), reset at $reset s"
else
	fail "player long media: idle" "narration end '$talk_end', idle '$idle', reset '$reset'"
fi

# Pause the film at 11 s: the question comes 90 s after the pause.
printf '0.5 tap 160 90\n1.0 key Right\n11.0 key P\n130 quit\n' \
	>"$TMP/p.script"
"$VP" --headless --window 320x180 --script "$TMP/p.script" \
	--log-json "$TMP/p.json" "$TMP/b" 2>"$TMP/p.err"
idle=$(t "$TMP/p.json" '"event":"screen","name":"idle"')
if lt 100.9 "$idle" && lt "$idle" 101.2; then
	pass "player long media: paused film, idle question 90 s later"
else
	fail "player long media: paused" "idle at '$idle'"
fi

# Someone tapping the seek sign over a paused film is there: each tap
# counts as activity, so the question comes 90 s after the last one (at
# 120 s), not 90 s after the pause. The sign is where video_play.sh
# finds it, from the film's rectangle in the first run.
rect=$(grep -m 1 '"event":"video_rect"' "$TMP/a.json")
rx=$(jfield "$rect" x); ry=$(jfield "$rect" y)
rw=$(jfield "$rect" w); rh=$(jfield "$rect" h)
size=$((rh / 7)); [ "$size" -lt 40 ] && size=40
fwd_x=$((rx + rw - size / 4 - size / 2)); fwd_y=$((ry + rh / 2))
printf '0.5 tap 160 90\n1.0 key Right\n11.0 key P\n60 tap %s %s
120 tap %s %s\n250 quit\n' "$fwd_x" "$fwd_y" "$fwd_x" "$fwd_y" \
	>"$TMP/s.script"
"$VP" --headless --window 320x180 --script "$TMP/s.script" \
	--log-json "$TMP/s.json" "$TMP/b" 2>"$TMP/s.err"
idle=$(t "$TMP/s.json" '"event":"screen","name":"idle"')
seeks=$(grep -c '"event":"video_seek"' "$TMP/s.json")
if [ "$seeks" -eq 2 ] && lt 209.9 "$idle" && lt "$idle" 210.2; then
	pass "player long media: taps on a paused film's seek sign hold the question off ($idle s)"
else
	fail "player long media: seek taps" "$seeks seeks, idle at '$idle'"
fi

# A real window at real time: a 6 s film with a 3 s idle timeout, reached
# by a tap and the Right key sent through X.
Q=$TMP/short
mkdir -p "$Q/media" "$Q/po" && echo nb >"$Q/po/LINGUAS" &&
vff -f lavfi -i "testsrc=duration=6:size=160x90:rate=10" \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p "$Q/media/short.mkv" ||
	{ fail "player long media: window fixture" "ffmpeg failed"; exit 0; }
sed -e 's/id="long" version/id="short" version/' \
	-e 's|media/long.mkv|media/short.mkv|' -e '/id="talk"/,/<\/slide>/d' \
	"$P/pack.xml" >"$Q/pack.xml"
if ! "$VB" build "$Q" -o "$TMP/bq" >"$TMP/buildq.out" 2>&1; then
	fail "player long media: window build" "$(tail -n 3 "$TMP/buildq.out")"
	exit 0
fi
cat >"$TMP/drive.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
"$VP" --window 320x180 --idle-timeout 3 --exit-after 13 \
	--log-json "$TMP/x.json" "$TMP/bq" 2>"$TMP/x.err" &
pid=$!
w=$(xwin)
sleep 0.5
xtap "$w" 160 90
sleep 0.5
xkey "$w" Right
wait $pid
DRIVE
xdrive "$TMP/drive.sh"
rc=$?
if [ "$rc" -eq 77 ]; then
	fail "player long media: window" "xvfb-run or xdotool missing; run scripts/install-deps"
	exit 0
fi
film_end=$(t "$TMP/x.json" '"event":"video_end","item":"long"')
reason=$(jfield "$(grep -m1 '"event":"video_end","item":"long"' \
	"$TMP/x.json")" reason)
idle=$(t "$TMP/x.json" '"event":"screen","name":"idle"')
if [ "$rc" -eq 0 ] && [ "$reason" = end ] && lt "$film_end" "$idle"; then
	pass "player long media: in a window, a 6 s film outlasts a 3 s idle timeout (end $film_end s, idle $idle s)"
else
	fail "player long media: window" "exit $rc, video_end '$reason' at '$film_end', idle at '$idle'; $(head -c 300 "$TMP/x.err")"
fi
