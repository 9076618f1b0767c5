# build --transcode: a film above the kiosk profile is re-encoded to fit
# it (frame, frame rate, H.264 High 8-bit) with every audio track kept,
# once (cached like remuxes; a rebuild does not transcode again), and
# the bundles then play in the player; without --transcode the film goes
# in as it is; --profile and the pack's video-profile choose the profile.
. "$TOP/tests/lib.sh"

FF="ffmpeg -nostdin -v error -y"
P=$TMP/pack
mkdir -p "$P/media"
# 640x480 at 50 frames a second, 4:4:4 (High 4:4:4): above 360p25 in
# frame, rate and profile.
$FF -f lavfi -i "testsrc2=s=640x480:r=50:d=2" -f lavfi -i sine=f=300:d=2 \
	-f lavfi -i sine=f=500:d=2 -map 0 -map 1 -map 2 -c:v libx264 \
	-preset ultrafast -pix_fmt yuv444p -c:a aac \
	-metadata:s:a:0 language=nob -metadata:s:a:1 language=ukr \
	"$P/media/film.mp4" ||
	{ fail fixture "ffmpeg could not make the film"; exit 1; }
cat >"$P/pack.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="tc" version="1.0.0" source-lang="nb"
      video-profile="360p25">
  <title>Film</title>
  <languages>nb uk</languages>
  <levels><level id="no-schooling">Ingen skolegang</level></levels>
  <items>
    <video id="film"><title>Film</title><source src="media/film.mp4"/></video>
  </items>
</pack>
EOF
translate_as_source "$P" uk || { fail fixture "no po/uk.po"; exit 1; }

# video_attr BUNDLE NAME: an attribute of the bundle's video member.
video_attr() {
	tar xOf "$1" manifest.xml |
		sed -n "s/.*kind=\"video\"[^>]* $2=\"\([^\"]*\)\".*/\1/p"
}
nb=$TMP/out/tc-1.0.0-nb-no-schooling.vvb
uk=$TMP/out/tc-1.0.0-uk-no-schooling.vvb

"$VB" check "$P" >"$TMP/check.log" 2>&1
expect "check warns: above the pack's profile 360p25" \
	grep -q "^warning: .*film.mp4: video is above the kiosk profile 360p25" \
	"$TMP/check.log"

"$VB" build "$P" -o "$TMP/out" --transcode >"$TMP/build.log" 2>&1
expect "build --transcode succeeds" [ $? -eq 0 ]
expect "it says it transcoded, once, to 480x360 at 25 fps" \
	sh -c "[ \$(grep -c 'transcoded to 480x360 at 25 frames' '$TMP/build.log') -eq 1 ]"
expect "the bundles' film fits the profile" \
	sh -c "[ '$(video_attr "$nb" width)x$(video_attr "$nb" height)' = 480x360 ] &&
	       [ '$(video_attr "$uk" fps)' = 25.000 ] &&
	       [ '$(video_attr "$uk" video-codec)' = h264 ]"
expect "each bundle keeps its language's audio" \
	sh -c "tar xOf '$uk' manifest.xml | grep -q 'type=\"audio\"[^>]*lang=\"ukr\"' &&
	       tar xOf '$nb' manifest.xml | grep -q 'type=\"audio\"[^>]*lang=\"nob\"'"
"$VB" verify "$TMP/out"/*.vvb >/dev/null 2>&1
expect "the bundles verify" [ $? -eq 0 ]

rm -f "$TMP/out"/*.vvb
"$VB" build "$P" -o "$TMP/out" --transcode >"$TMP/build2.log" 2>&1
expect "a rebuild takes the transcode from the cache" \
	sh -c "[ -f '$nb' ] && ! grep -q transcoded '$TMP/build2.log'"

"$VB" build "$P" -o "$TMP/out" >"$TMP/build3.log" 2>&1
expect "without --transcode the film goes in as it is (bundles rebuilt)" \
	[ "$(video_attr "$nb" width)" = 640 ]

"$VB" build "$P" -o "$TMP/out" --transcode --profile 240p >"$TMP/build4.log" 2>&1
expect "--profile wins over the pack's" \
	grep -q "transcoded to 320x240 at 30 frames" "$TMP/build4.log"
"$VB" build "$P" -o "$TMP/out" --profile fast >/dev/null 2>&1
expect "a bad --profile is a usage error" [ $? -eq 2 ]

printf '0.2 key Space\n2.8 quit\n' >"$TMP/s.script"
"$VP" --headless --lang uk --level no-schooling --script "$TMP/s.script" \
	--log-json "$TMP/play.json" "$TMP/out" >/dev/null 2>&1
ended=$(jq -s 'any(.[]; .event == "video_end" and .item == "film" and
	.reason == "end")' "$TMP/play.json")
expect "the transcoded film plays to its end" [ "$ended" = true ]

# HDR: refused without --transcode (check and build), tone-mapped with
# it. A flat PQ grey of about 100 nits (SDR white) comes out at video
# level ~160 of 235, where showing the PQ code as it is would give 127
# (the washed-out look); the film is then tagged BT.709 SDR, 8-bit.
H=$TMP/hdr
mkdir -p "$H/media"
sed -e 's/id="tc"/id="hdr"/' -e 's/ video-profile="360p25"//' \
	-e 's/film.mp4/film.mkv/' "$P/pack.xml" >"$H/pack.xml"
translate_as_source "$H" uk || { fail fixture "no po/uk.po"; exit 1; }
$FF -f lavfi -i "color=c=0x818181:s=320x240:r=25:d=1" -c:v libx264 \
	-preset ultrafast -pix_fmt yuv420p10le -color_primaries bt2020 \
	-colorspace bt2020nc -color_trc smpte2084 "$H/media/film.mkv" ||
	{ fail fixture "ffmpeg could not make the HDR film"; exit 1; }
"$VB" build "$H" -o "$TMP/hout" >"$TMP/h1.log" 2>&1
expect "HDR without --transcode is refused, pointing at --transcode" \
	sh -c "[ $? -ne 0 ] && grep -q 'HDR (PQ).*--transcode' '$TMP/h1.log'"
"$VB" build "$H" -o "$TMP/hout" --transcode >"$TMP/h2.log" 2>&1
expect "HDR with --transcode builds" [ $? -eq 0 ]
hb=$TMP/hout/hdr-1.0.0-nb-no-schooling.vvb
mkdir -p "$TMP/hx"
member=$(tar tf "$hb" | grep 'film.*\.mkv$')
tar xf "$hb" -C "$TMP/hx" "$member"
film=$TMP/hx/$member
expect "the tone-mapped film is tagged BT.709 SDR, 8-bit" \
	sh -c "ffprobe -v error -select_streams v -show_entries \
	       stream=color_transfer,pix_fmt -of csv=p=0 '$film' |
	       grep -qx 'yuv420p,bt709'"
y=$(ffmpeg -nostdin -v error -i "$film" -vf \
	signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=- \
	-f null - | awk -F= '/YAVG/ { s += $2; n++ } END { printf "%d", s / n }')
expect "100-nit PQ grey comes out near SDR white's level (Y=$y, not 127)" \
	sh -c "[ ${y:-0} -ge 150 ] && [ ${y:-0} -le 185 ]"

# A full disk while transcoding: one line naming the film, no bundle.
if [ "$(id -u)" -eq 0 ] && mkdir "$TMP/tiny" &&
	mount -t tmpfs -o size=100k tmpfs "$TMP/tiny" 2>/dev/null; then
	"$VB" build "$P" -o "$TMP/tiny/out" --transcode >/dev/null \
		2>"$TMP/full.log"
	rc=$?
	expect "a full disk: the build fails, saying so for the film" \
		sh -c "[ $rc -ne 0 ] &&
		       grep -q 'film.mp4: cannot transcode: the output disk is full' '$TMP/full.log' &&
		       ! ls '$TMP/tiny/out'/*.vvb >/dev/null 2>&1"
	umount "$TMP/tiny"
fi
