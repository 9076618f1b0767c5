#!/bin/sh
# Video the machine may not keep up with: a 1080p60 and a 4K film, played
# headless at real time (VV_REAL_TIME=1), as a kiosk would on two cores.
# The audio clock is the master: when the decoder falls behind it skips
# non-reference frames, then to the next keyframe (the policy in
# player/media/sync.h), each film plays to its end (not cut short) and
# the log counts the frames skipped. What the log says is checked, not
# how fast this machine is: a machine that keeps up skips nothing and
# passes the same checks. How far the picture strays from the sound is a
# figure of this machine's speed, so it is printed here and measured
# against ffplay by bench/bench-player-heavy; that the policy keeps it
# within 100 ms but for at most a second is test_media's, on a virtual
# clock.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/video_fixture.inc"

p="$TMP/pack"
mkdir -p "$p/media" "$p/po"
echo nb >"$p/po/LINGUAS"
# B-frames (veryfast) so that there are non-reference frames to skip,
# keyframes every 2 s
if ! vff -f lavfi -i "testsrc2=duration=4:size=1920x1080:rate=60" \
	-f lavfi -i "sine=frequency=330:duration=4:sample_rate=48000" \
	-c:v libx264 -preset veryfast -g 120 -pix_fmt yuv420p -c:a aac \
	-metadata:s:a:0 language=nob -movflags +faststart -shortest \
	"$p/media/hd60.mp4" ||
   ! vff -f lavfi -i "testsrc2=duration=3:size=3840x2160:rate=30" \
	-f lavfi -i "sine=frequency=440:duration=3:sample_rate=48000" \
	-c:v libx264 -preset veryfast -g 60 -pix_fmt yuv420p -c:a aac \
	-metadata:s:a:0 language=nob -movflags +faststart -shortest \
	"$p/media/uhd.mp4"; then
	fail "video heavy: fixture" "ffmpeg could not make the films"
	exit 0
fi
cat >"$p/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="heavy" version="1.0.0"
      source-lang="nb">
  <title>Tung video</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
    <video id="hd60"><title>HD</title><source src="media/hd60.mp4"/></video>
    <video id="uhd"><title>UHD</title><source src="media/uhd.mp4"/></video>
  </items>
</pack>
XML
if ! "$VB" build "$p" -o "$TMP/b" >"$TMP/build.out" 2>&1; then
	fail "video heavy: build" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

log="$TMP/play.json"
printf '0.1 key Space\n12.0 quit\n' >"$TMP/play.script"
VV_REAL_TIME=1 "$VP" --headless --window 640x360 --lang nb --level all \
	--script "$TMP/play.script" --log-json "$log" \
	"$TMP/b" 2>"$TMP/err"

# Above 1080p30's picture rate the decoder gets a thread per core (up
# to 4): one thread falls behind there, and the film would only keep in
# step by skipping to keyframes, a picture every 2 s here.
cores=$(nproc)
[ "$cores" -gt 4 ] && cores=4
for it in hd60 uhd; do
	threads=$(vfield "$(events "$log" video_info "$it")" threads)
	expect "video heavy: $it decoded on $cores threads ($threads)" \
		[ "$threads" = "$cores" ]
done

for it in hd60 uhd; do
	end=$(events "$log" video_end "$it")
	if [ "$(vfield "$end" reason)" = end ]; then
		pass "video heavy: $it played to its end"
	else
		fail "video heavy: $it end" "${end:-no video_end} $(tail -n 2 "$TMP/err")"
		continue
	fi
	dur=4
	[ "$it" = uhd ] && dur=3
	# not cut short: the film ran its whole length, and pictures were
	# shown at least up to its last keyframe (at 2 s in both), after
	# which a decoder that cannot keep up has nothing to skip to
	expect "video heavy: $it ran its length ($(vfield "$end" clock) s)" \
		awk "BEGIN { exit !($(vfield "$end" clock) >= $dur - 0.1) }"
	last=$(events "$log" frame "$it" | tail -n 1)
	expect "video heavy: $it shown to its last keyframe ($(vfield "$last" pts))" \
		awk "BEGIN { exit !($(vfield "$last" pts) >= 2.0) }"
	skipped=$(vfield "$end" skipped)
	expect "video heavy: $it logs the frames it skipped ($skipped)" \
		[ -n "$skipped" ]
	# the longest run of frames with |A-V| over 100 ms, in seconds of
	# the audio clock, from its first to its last (printed, not checked)
	run=$(events "$log" frame "$it" |
		jq -r '"\(.av_diff // 0) \(.audio_clock // 0)"' | awk '
		{ d = $1 + 0; c = $2 + 0; if (d < 0) d = -d
		  if (d > 0.1) { if (start < 0) start = c
				 if (c - start > worst) worst = c - start }
		  else start = -1 }
		BEGIN { start = -1; worst = 0 }
		END { printf "%.3f", worst }')
	worst=$(events "$log" frame "$it" | jq -r '.av_diff | values' |
		awk '{ v = $1 < 0 ? -$1 : $1; if (v > m) m = v } END { printf "%.3f", m }')
	frames=$(events "$log" frame "$it" | wc -l | tr -d ' ')
	echo "  $it: $frames frames shown, $skipped skipped, worst |A-V| $worst s, over 100 ms for $run s at most"
done
