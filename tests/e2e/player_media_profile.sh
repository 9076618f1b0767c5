#!/bin/sh
# The player plays every codec and container the builder lets into a
# bundle (builder/media.c video_codec_ok, audio_container_ok;
# builder/playable.c): its media module links its own FFmpeg with only the
# profile's decoders (scripts/build-libav), so a decoder missing from that
# list would show here as a film or narration that does not play. And the
# module does link that FFmpeg, not Debian's libavcodec and its ~90
# libraries (the kiosk's memory goal).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/video_fixture.inc"

MOD="$BUILD/veiviser-media.so"
if readelf -d "$MOD" 2>/dev/null | grep -q 'NEEDED.*libav'; then
	fail "media profile: the module links the player's own FFmpeg" \
	     "$(readelf -d "$MOD" | grep -o 'lib[a-z]*\.so\.[0-9]*' | grep libav | tr '\n' ' ')(build/libav/which: $(cat "$TOP/build/libav/which" 2>/dev/null))"
else
	pass "media profile: the module links the player's own FFmpeg"
fi

p="$TMP/pack"
mkdir -p "$p/media" "$p/po"
echo nb >"$p/po/LINGUAS"
pic() { echo "-f lavfi -i testsrc=duration=1:size=160x128:rate=25"; }
tone() { echo "-f lavfi -i sine=frequency=$1:duration=1:sample_rate=48000"; }
# shellcheck disable=SC2046
if ! { vff $(pic) $(tone 330) -c:v libvpx-vp9 -deadline realtime -cpu-used 8 \
		-c:a libopus -shortest "$p/media/vp9.webm" &&
	vff $(pic) $(tone 350) -c:v libsvtav1 -preset 12 -pix_fmt yuv420p \
		-c:a libopus -shortest "$p/media/av1.mkv" &&
	vff $(pic) $(tone 370) -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
		-c:a libmp3lame -shortest -movflags +faststart "$p/media/mp3.mp4" &&
	vff $(pic) $(tone 390) -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
		-c:a flac -shortest "$p/media/flac.mkv" &&
	vff $(tone 410) -c:a pcm_s16le "$p/media/s16.wav" &&
	vff $(tone 420) -c:a pcm_s24le "$p/media/s24.wav" &&
	vff $(tone 430) -c:a pcm_f32le "$p/media/f32.wav" &&
	vff $(tone 440) -c:a pcm_u8 "$p/media/u8.wav" &&
	vff $(tone 450) -c:a flac "$p/media/nflac.flac" &&
	vff $(tone 460) -c:a libmp3lame "$p/media/nmp3.mp3" &&
	vff $(tone 470) -c:a aac "$p/media/nm4a.m4a" &&
	vff $(tone 480) -c:a aac -f adts "$p/media/nadts.aac" &&
	vff $(tone 490) -c:a libopus "$p/media/nopus.opus"; } 2>"$TMP/ff.err"; then
	fail "media profile: fixture" "$(tail -n 3 "$TMP/ff.err")"
	exit 0
fi
films="vp9:vp9.webm av1:av1.mkv mp3:mp3.mp4 flac:flac.mkv"
narrs="s16:s16.wav s24:s24.wav f32:f32.wav u8:u8.wav nflac:nflac.flac nmp3:nmp3.mp3 nm4a:nm4a.m4a nadts:nadts.aac nopus:nopus.opus"
{
	cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="profile" version="1.0.0"
      source-lang="nb">
  <title>Profil</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
XML
	for f in $films; do
		printf '    <video id="%s"><title>%s</title><source src="media/%s"/></video>\n' \
			"${f%%:*}" "${f%%:*}" "${f#*:}"
	done
	for n in $narrs; do
		printf '    <slide id="%s"><heading>%s</heading><p>Tekst</p>\n      <narration lang="nb" src="media/%s"/></slide>\n' \
			"${n%%:*}" "${n%%:*}" "${n#*:}"
	done
	echo '  </items>'
	echo '</pack>'
} >"$p/pack.xml"
if ! "$VB" build "$p" -o "$TMP/b" >"$TMP/build.out" 2>&1; then
	fail "media profile: the builder takes every file" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
pass "media profile: the builder takes every file"

# Each item plays to its end and the player goes on by itself.
log="$TMP/play.json"
printf '0.1 key Space\n40 quit\n' >"$TMP/play.script"
if "$VP" --headless --window 480x270 --lang nb --level all \
	--script "$TMP/play.script" --log-json "$log" "$TMP/b" 2>"$TMP/err"; then
	pass "media profile: the player runs"
else
	fail "media profile: the player runs" "$(tail -n 3 "$TMP/err")"
fi
errs=$(jq -c 'select(.event == "media_error")' "$log" | head -n 3)
expect "media profile: no media error ($errs)" [ -z "$errs" ]
for f in $films; do
	id=${f%%:*}
	info=$(events "$log" video_info "$id")
	end=$(events "$log" video_end "$id")
	frames=$(vfield "$end" frames)
	if [ "$(vfield "$end" reason)" = end ] && [ "${frames:-0}" -ge 20 ] &&
	   [ "$(vfield "$info" audio)" = 1 ]; then
		pass "media profile: film $id ($(vfield "$info" video_codec) + $(vfield "$info" audio_codec)) plays to its end with sound"
	else
		fail "media profile: film $id" "info ${info:-none}; end ${end:-none}"
	fi
done
started=$(jq -r 'select(.event == "narration_start") | .item' "$log")
ended=$(jq -r 'select(.event == "narration_end") | .item' "$log")
for n in $narrs; do
	id=${n%%:*}
	# a narration member's name ends with its source's name (id.ext)
	if printf '%s\n' "$started" | grep -q -- "-$id\." &&
	   printf '%s\n' "$ended" | grep -q -- "-$id\."; then
		pass "media profile: narration ${n#*:} plays to its end"
	else
		fail "media profile: narration ${n#*:}" \
		     "started: $(echo $started); ended: $(echo $ended)"
	fi
done
