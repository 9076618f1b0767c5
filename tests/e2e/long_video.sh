#!/bin/sh
# Long run (make check-long, VV_LONG=1): 500 item transitions alternating
# video items and narrated slides, twice:
# - under AddressSanitizer/LeakSanitizer: no leak, no memory error, no
#   stalled or blank frame, every video shown. Uses $BUILD's veiviser-play
#   when it is built with ASan, else builds one in $BUILD-asan;
# - with a plain veiviser-play ($BUILD's, or one built in $BUILD-plain when
#   $BUILD's is the ASan one, whose allocator keeps freed memory in
#   quarantine): RSS flat within +-2 MB
#   after warm-up (the first fifth), read from /proc at each video start.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/video_fixture.inc"

N=${VV_LONG_TRANSITIONS:-500}
player="$VP"
plain=
if ! nm -D "$player" 2>/dev/null | grep -q __asan_init &&
   ! nm "$player" 2>/dev/null | grep -q __asan_init; then
	abuild="$BUILD-asan"
	case "$abuild" in /*) ;; *) abuild="$TOP/$abuild" ;; esac
	if ! make -C "$TOP" --no-print-directory BUILD="$abuild" \
		SANITIZE=address,undefined all >"$TMP/make.out" 2>&1; then
		fail "long video: ASan build" "$(tail -n 3 "$TMP/make.out")"
		exit 0
	fi
	player="$abuild/veiviser-play"
	plain="$VP"
else
	# $VP is the ASan build (make check-long SANITIZE=...): the RSS
	# check needs a plain one, whose allocator frees for real.
	pbuild="$BUILD-plain"
	case "$pbuild" in /*) ;; *) pbuild="$TOP/$pbuild" ;; esac
	if ! make -C "$TOP" --no-print-directory BUILD="$pbuild" SANITIZE= \
		all >"$TMP/make.out" 2>&1; then
		fail "long video: plain build" "$(tail -n 3 "$TMP/make.out")"
		exit 0
	fi
	plain="$pbuild/veiviser-play"
fi

# 20 items: a 1 s video (AAC), then a slide with 0.5 s of narration, x10
p="$TMP/pack"
mkdir -p "$p/media" "$p/po"
echo nb >"$p/po/LINGUAS"
vff -f lavfi -i "testsrc=duration=1:size=320x240:rate=25" \
	-f lavfi -i "sine=frequency=330:duration=1:sample_rate=48000" \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -ac 2 \
	-metadata:s:a:0 language=nob -movflags +faststart -shortest \
	"$p/media/clip.mp4" &&
vff -f lavfi -i "sine=frequency=440:duration=0.5:sample_rate=16000" \
	-ac 1 -c:a pcm_s16le "$p/media/narr.wav" || {
	fail "long video: fixture" "ffmpeg failed"
	exit 0
}
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<pack xmlns="urn:veiviser:pack:1" id="long" version="1.0.0" source-lang="nb">'
	echo '<title>Lang</title><languages>nb</languages>'
	echo '<levels><level id="all">Alle</level></levels><items>'
	i=1
	while [ $i -le 10 ]; do
		echo "<video id=\"v$i\"><title>V$i</title><source src=\"media/clip.mp4\"/></video>"
		echo "<slide id=\"s$i\"><heading>S$i</heading><p>Tekst $i</p>"
		echo "<narration lang=\"nb\" src=\"media/narr.wav\"/></slide>"
		i=$((i + 1))
	done
	echo '</items></pack>'
} >"$p/pack.xml"
if ! "$VB" build "$p" -o "$TMP/b" >"$TMP/build.out" 2>&1; then
	fail "long video: bundle" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

# A key every 0.7 s: videos are left before their end (0.7 s) or end by
# themselves (when the key comes late), slides by the key. After the last
# item comes the end screen, where Right does nothing: R between two
# Rights starts the pack again there (and plays the item again before).
awk -v n="$N" 'BEGIN { print "0.1 key Space"; for (i = 1; i <= n; i++)
	printf "%.1f key Right\n%.1f key R\n", 0.2 + i * 0.7, 0.6 + i * 0.7
	printf "%.1f quit\n", 1 + n * 0.7 }' \
	>"$TMP/long.script"
# run PLAYER LOG [ENV...]: the whole script
run() {
	pl=$1
	lg=$2
	shift 2
	env "$@" "$pl" --headless --window 480x270 --lang nb --level all \
		--script "$TMP/long.script" --log-json "$lg" "$TMP/b" \
		2>"$lg.err"
}
log="$TMP/long.json"
run "$player" "$log" \
	ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=16:malloc_context_size=5
rc=$?
if [ "$rc" -eq 0 ] && ! grep -q "ERROR: LeakSanitizer\|ERROR: AddressSanitizer\|runtime error" "$log.err"; then
	pass "long video: $N transitions under ASan, no leak or memory error"
else
	fail "long video: sanitizers" "exit $rc: $(grep -m 3 'ERROR\|SUMMARY\|runtime error' "$log.err")"
fi
# a transition is an item start, or the move home after the last item
moves=$(grep -c '"event":"item"\|"event":"reset"' "$log")
expect "long video: $moves transitions (>= $N)" [ "$moves" -ge "$N" ]
videos=$(grep -c '"event":"video_start"' "$log")
pics=$(grep -c '"event":"first_picture"' "$log")
expect "long video: every started video showed a picture ($pics of $videos)" \
	[ "$videos" -gt 0 -a "$pics" -eq "$videos" ]
stalls=$(grep -c '"event":"watchdog"\|"event":"blank"\|"reason":"failed"' "$log")
expect "long video: no stalled or blank frame" [ "$stalls" -eq 0 ]

log="$TMP/plain.json"
run "$plain" "$log"
rss=$(jq -r 'select(.event == "video_start" and .rss_now_kb != null) |
	"\(.t) \(.rss_now_kb)"' "$log" |
	awk -v from="$(awk -v n="$N" 'BEGIN { print n * 0.7 / 5 }')" \
	'$1 >= from { if (!n++ || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
	 END { printf "%d %d %d\n", n, lo, hi }')
set -- $rss
if [ "$1" -gt 10 ] && [ $(($3 - $2)) -le 2048 ]; then
	pass "long video: RSS flat after warm-up ($2..$3 kB over $1 video starts)"
else
	fail "long video: RSS" "samples $1, $2..$3 kB"
fi
stalls=$(grep -c '"event":"watchdog"\|"event":"blank"\|"reason":"failed"' "$log")
expect "long video: no stalled or blank frame (plain build)" [ "$stalls" -eq 0 ]
