# Media the player cannot show get the right advice from check and build
# alike: encrypted MP4 (CENC), xHE-AAC, HDR (PQ, HLG), an audio-only file
# given as a video source; times in messages are never negative; video
# above the kiosk profile gets a warning in check (default 1080p30, the
# pack's video-profile, or --profile). Two untagged audio tracks are
# refused by check as by build.
. "$TOP/tests/lib.sh"

FF="ffmpeg -nostdin -v error -y"
KEY=00112233445566778899aabbccddeeff
P=$TMP/pack
S=$TMP/src
mkdir -p "$P/media/nb" "$S"

# pack ITEM [PACK-ATTRIBUTES]: a one-item pack.
pack() {
	cat >"$P/pack.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="adv" version="1.0.0"
      source-lang="nb"${2:-}>
  <title>Råd</title>
  <languages>nb</languages>
  <levels><level id="no-schooling">Ingen skolegang</level></levels>
  <items>
    $1
  </items>
</pack>
EOF
}
video() {
	pack "<video id=\"film\"><title>Film</title>
	      <source src=\"media/$1\"/></video>" "${2:-}"
}
narration() {
	pack "<slide id=\"s\"><heading>Hei</heading>
	      <narration lang=\"nb\" src=\"media/nb/$1\"/></slide>"
}

# both NAME WORDS...: check and build both fail and both name every WORD.
both() {
	name=$1
	shift
	rm -rf "$TMP/out"
	"$VB" check "$P" >"$TMP/check.log" 2>&1
	crc=$?
	"$VB" build "$P" -o "$TMP/out" >"$TMP/build.log" 2>&1
	brc=$?
	if [ $crc -eq 0 ] || [ $brc -eq 0 ]; then
		fail "$name" "check exit $crc, build exit $brc"
		return
	fi
	for w in "$@"; do
		for log in check build; do
			if ! grep -qF -- "$w" "$TMP/$log.log"; then
				fail "$name" "$log says no '$w': $(head -n 2 "$TMP/$log.log")"
				return
			fi
		done
	done
	if [ -n "$(ls -A "$TMP/out" 2>/dev/null | grep vvb)" ]; then
		fail "$name" "a bundle was written"
		return
	fi
	pass "$name"
}

# check_warns NAME ARGS -- WORDS...: check ARGS reports one warning that
# has every WORD, and no error. (Its exit code is the exit-code policy's
# business, tested elsewhere.)
check_warns() {
	name=$1
	shift
	args=""
	while [ "$1" != "--" ]; do args="$args $1"; shift; done
	shift
	# shellcheck disable=SC2086
	"$VB" check "$P" $args >"$TMP/check.log" 2>&1
	if ! grep -q "errors: 0, warnings: 1" "$TMP/check.log"; then
		fail "$name" "$(grep -E '^(error|warning)' "$TMP/check.log")"
		return
	fi
	for w in "$@"; do
		if ! grep "^warning:" "$TMP/check.log" | grep -qF -- "$w"; then
			fail "$name" "no '$w' in: $(grep '^warning' "$TMP/check.log")"
			return
		fi
	done
	pass "$name"
}

clean() {
	"$VB" check "$P" "$@" >"$TMP/check.log" 2>&1 &&
		grep -q "errors: 0, warnings: 0" "$TMP/check.log" && return 0
	grep -E '^(error|warning)' "$TMP/check.log" >&2
	return 1
}

$FF -f lavfi -i testsrc=s=160x120:r=25:d=2 -f lavfi -i sine=d=2 \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac \
	"$S/good.mp4" &&
$FF -f lavfi -i testsrc=s=160x120:r=25:d=2 -f lavfi -i sine=d=2 \
	-c:v libx264 -preset ultrafast -c:a aac \
	-encryption_scheme cenc-aes-ctr -encryption_key $KEY \
	-encryption_kid $KEY "$S/cenc.mp4" &&
$FF -f lavfi -i sine=d=2 -c:a aac -encryption_scheme cenc-aes-ctr \
	-encryption_key $KEY -encryption_kid $KEY "$S/cenc.m4a" &&
$FF -f lavfi -i sine=d=2 -c:a aac "$S/aac.m4a" &&
$FF -f lavfi -i testsrc=s=160x120:r=25:d=1 -c:v libx264 -preset ultrafast \
	-color_primaries bt2020 -colorspace bt2020nc -color_trc smpte2084 \
	"$S/pq.mp4" &&
$FF -f lavfi -i testsrc=s=160x120:r=25:d=1 -c:v libx264 -preset ultrafast \
	-color_primaries bt2020 -colorspace bt2020nc -color_trc arib-std-b67 \
	"$S/hlg.mkv" &&
$FF -f lavfi -i testsrc=s=2560x1440:r=25:d=1 -c:v libx264 \
	-preset ultrafast -pix_fmt yuv420p \
	"$S/1440p.mp4" &&
$FF -f lavfi -i testsrc=s=320x240:r=60:d=1 -c:v libx264 \
	-preset ultrafast -pix_fmt yuv420p \
	"$S/60fps.mp4" &&
$FF -f lavfi -i testsrc=s=320x240:r=25:d=1 -c:v libx264 -preset ultrafast \
	-pix_fmt yuv420p10le "$S/high10.mp4" &&
$FF -f lavfi -i testsrc=s=1280x720:r=25:d=1 -c:v libx264 \
	-preset ultrafast -pix_fmt yuv420p \
	"$S/720p.mp4" &&
$FF -f lavfi -i testsrc=s=160x120:r=25:d=4 -c:v libx264 \
	-preset ultrafast -pix_fmt yuv420p \
	-avoid_negative_ts disabled -output_ts_offset 600 "$S/late.mkv" ||
	{ fail fixture "ffmpeg could not make the media"; exit 1; }

# xHE-AAC: no encoder in Debian, so the AudioSpecificConfig of an AAC-LC
# file (FFmpeg writes 5 bytes: AOT 2, 44.1 kHz, mono, SBR sync extension)
# is rewritten in place to object type 42 (USAC).
python3 - "$S/aac.m4a" "$S/xhe.m4a" <<'EOF' ||
import sys
d = open(sys.argv[1], 'rb').read()
lc = bytes.fromhex('0580808005120856e500')
assert d.count(lc) == 1, 'AudioSpecificConfig not found'
usac = bytes.fromhex('0580808005f948200000')
open(sys.argv[2], 'wb').write(d.replace(lc, usac))
EOF
	{ fail fixture "could not make the xHE-AAC file"; exit 1; }

# Damage: bytes 60% into the file, in the middle of the data.
damage() {
	python3 - "$1" "$2" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
at = len(d) * 6 // 10
for i in range(at, min(at + 3000, len(d) - 64)):
	d[i] ^= 0x5a
open(sys.argv[2], 'wb').write(d)
EOF
}
damage "$S/late.mkv" "$S/late-bad.mkv" &&
damage "$S/aac.m4a" "$S/aac-bad.m4a" ||
	{ fail fixture "could not damage the media"; exit 1; }

video film.mp4
cp "$S/good.mp4" "$P/media/film.mp4"
expect "the good film is clean in check" clean

cp "$S/cenc.mp4" "$P/media/film.mp4"
both "encrypted MP4 video refused as encrypted" "media/film.mp4:" \
	"encrypted" "unprotected copy"
if grep -q "corrupt" "$TMP/check.log" "$TMP/build.log"; then
	fail "encrypted MP4 is not called corrupt" "$(cat "$TMP/check.log")"
else
	pass "encrypted MP4 is not called corrupt"
fi

narration n.m4a
cp "$S/cenc.m4a" "$P/media/nb/n.m4a"
both "encrypted AAC narration refused as encrypted" "media/nb/n.m4a:" \
	"encrypted"

cp "$S/xhe.m4a" "$P/media/nb/n.m4a"
both "xHE-AAC refused with advice" "media/nb/n.m4a:" "xHE-AAC" \
	"AAC-LC or Opus"

cp "$S/aac-bad.m4a" "$P/media/nb/n.m4a"
both "damaged AAC refused" "media/nb/n.m4a:" "corrupt"
if grep -q "at -" "$TMP/check.log" "$TMP/build.log"; then
	fail "no negative time in the message" "$(head -n 1 "$TMP/build.log")"
else
	pass "no negative time in the message"
fi

# The film starts at 600 s in its container; damage 60% in lies about
# 2.4 s into a 4 s film.
video film.mkv
cp "$S/late-bad.mkv" "$P/media/film.mkv"
"$VB" check "$P" >"$TMP/check.log" 2>&1
at=$(sed -n 's/.* at \([0-9.-]*\) s.*/\1/p' "$TMP/check.log" | head -n 1)
expect "a time inside the film, from its start (got '$at')" \
	awk -v t="$at" 'BEGIN { exit !(t != "" && t >= 0 && t <= 4) }'

video film.m4a
cp "$S/aac.m4a" "$P/media/film.m4a"
both "audio-only file as a video source: check and build agree" \
	"media/film.m4a:" "audio only" "video source"

video film.mp4
cp "$S/pq.mp4" "$P/media/film.mp4"
both "HDR PQ refused with advice" "media/film.mp4:" "HDR (PQ)" "SDR" \
	"tonemap"
video film.mkv
cp "$S/hlg.mkv" "$P/media/film.mkv"
both "HDR HLG refused with advice" "media/film.mkv:" "HDR (HLG)" "SDR"

# The advice works: the filter chain it gives makes a file check takes.
for f in pq.mp4 hlg.mkv; do
	case $f in *.mp4) video film.mp4 ;; *) video film.mkv ;; esac
	cp "$S/$f" "$P/media/film.${f#*.}"
	"$VB" check "$P" >"$TMP/check.log" 2>&1
	vf=$(sed -n 's/^error: .* -vf \([^ ]*\) .*/\1/p' "$TMP/check.log")
	video film.mp4
	$FF -i "$S/$f" -vf "$vf" -c:v libx264 -preset ultrafast \
		"$P/media/film.mp4" 2>"$TMP/ff.log"
	expect "the advised conversion of $f passes check" clean
done

video film.mp4
cp "$S/1440p.mp4" "$P/media/film.mp4"
check_warns "1440p warned against 1080p30" -- "media/film.mp4" \
	"kiosk profile 1080p30" "2560x1440 is larger than 1920x1080"
rm -rf "$TMP/out"
"$VB" build "$P" -o "$TMP/out" >/dev/null 2>&1
expect "a warning does not stop the build" [ $? -eq 0 ]
expect "--profile 1440p30 takes it" clean --profile 1440p30
cp "$S/60fps.mp4" "$P/media/film.mp4"
check_warns "60 fps warned" -- "60.00 frames a second is more than 30"
expect "--profile 1280x720@60 takes 60 fps" clean --profile 1280x720@60
cp "$S/high10.mp4" "$P/media/film.mp4"
check_warns "H.264 High 10 warned" -- "High 10" "10-bit"
cp "$S/720p.mp4" "$P/media/film.mp4"
expect "720p is inside the default profile" clean
video film.mp4 ' video-profile="480p25"'
check_warns "the pack's video-profile is used" -- "kiosk profile 480p25" \
	"1280x720 is larger than 854x480"
expect "--profile wins over the pack" clean --profile 720p
"$VB" check "$P" --profile fast >"$TMP/check.log" 2>&1
rc=$?
expect "a bad --profile is a usage error" [ $rc -eq 2 ]
video film.mp4 ' video-profile="fast"'
"$VB" check "$P" >"$TMP/check.log" 2>&1
expect "a bad video-profile in pack.xml is an error naming the file" \
	grep -q "pack.xml:.*video-profile" "$TMP/check.log"

# A screen recording (OBS) with two untagged audio tracks, microphone and
# desktop sound: the builder cannot tell which one to play, and check
# says so as build does, not "errors: 0".
$FF -f lavfi -i testsrc=s=160x120:r=25:d=1 -f lavfi -i anullsrc=d=1 \
	-f lavfi -i sine=d=1 -map 0 -map 1 -map 2 -c:v libx264 \
	-preset ultrafast -pix_fmt yuv420p -c:a aac -t 1 "$S/obs.mp4"
video film.mp4
cp "$S/obs.mp4" "$P/media/film.mp4"
both "two untagged audio tracks refused by check and build" \
	"media/film.mp4:" "2 audio tracks" "language=nob"
