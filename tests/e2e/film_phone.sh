#!/bin/sh
# A film from a phone held upright is stored sideways, with the turn in
# its display matrix (the "rotate" tag). The player turns it back; when
# build --transcode re-encodes it (here: 50 frames a second, above the
# pack's 360p25), the re-encoded film must still show upright, as
# ffmpeg's own command line does when it re-encodes (autorotate).
# The film: a still picture, red over its left half and blue over its
# right, so that a frame of the original and one of the re-encoding look
# the same whenever they are taken.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

FF="ffmpeg -nostdin -v error -y"
P=$TMP/pack
mkdir -p "$P/media" "$P/po"
echo nb >"$P/po/LINGUAS"
$FF -f lavfi -i "color=c=red:s=320x360:r=50:d=2" \
	-f lavfi -i "color=c=blue:s=320x360:r=50:d=2" \
	-f lavfi -i "sine=f=440:d=2:sample_rate=48000" \
	-filter_complex "[0][1]hstack" -c:v libx264 -preset ultrafast \
	-pix_fmt yuv420p -c:a aac -shortest "$TMP/flat.mp4" &&
$FF -i "$TMP/flat.mp4" -c copy -metadata:s:v:0 rotate=90 \
	"$P/media/phone.mp4" ||
	{ fail film_phone_fixture "ffmpeg could not make the film"; exit 0; }
cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="phone" version="1.0.0"
      source-lang="nb" video-profile="360p25">
  <title>Film</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
    <video id="film"><title>Film</title><source src="media/phone.mp4"/>
    </video>
    <slide id="after"><heading>Etter</heading><p>Tekst</p></slide>
  </items>
</pack>
XML

# shot NAME [BUILD OPTIONS]: builds the pack into $TMP/NAME and plays it
# in a landscape window; the screenshot is $TMP/NAME/shots/mid.png and
# the box the film is drawn in is in $TMP/NAME/log.
shot() {
	out=$TMP/$1
	shift
	"$VB" build "$P" -o "$out/b" "$@" >"$out.build" 2>&1 || return 1
	printf '0.1 key Space\n0.8 screenshot mid\n1.0 quit\n' >"$out.script"
	"$VP" --headless --window 640x360 --lang nb --level all \
		--script "$out.script" --screenshot-dir "$out/shots" \
		--log-json "$out/log" --exit-after 10 "$out/b" \
		>"$out.play" 2>&1 && [ -f "$out/shots/mid.png" ]
}

if ! shot asis; then
	fail "film_phone: as it is" "$(tail -n 2 "$TMP/asis.build" "$TMP/asis.play")"
	exit 0
fi
# As it is, the player turns it: an upright picture in a landscape box
# leaves the box's left edge dark and has red above blue (or blue above
# red) down its middle.
rect=$(grep -m 1 '"event":"video_rect"' "$TMP/asis/log")
x=$(echo "$rect" | jq '.x')
y=$(echo "$rect" | jq '.y')
w=$(echo "$rect" | jq '.w')
h=$(echo "$rect" | jq '.h')
px() { "$IMGCMP" --pixel "$TMP/$1/shots/mid.png" "$2" "$3"; }
upright() {
	edge=$(px "$1" $((x + 2)) $((y + h / 2)))
	top=$(px "$1" $((x + w / 2)) $((y + h / 4)))
	bottom=$(px "$1" $((x + w / 2)) $((y + h * 3 / 4)))
	case $edge in [0-3]?[0-3]?[0-3]?) ;; *) return 1 ;; esac
	[ "$top" != "$bottom" ]
}
expect "film_phone: as it is, the player shows it upright" upright asis

if ! shot fitted --transcode; then
	fail "film_phone: --transcode" "$(tail -n 2 "$TMP/fitted.build" "$TMP/fitted.play")"
	exit 0
fi
expect "film_phone: --transcode re-encoded it" \
	grep -q 'transcoded to' "$TMP/fitted.build"
expect "film_phone: re-encoded, it still shows upright" upright fitted
if out=$("$IMGCMP" "$TMP/asis/shots/mid.png" "$TMP/fitted/shots/mid.png" \
	40 0.5); then
	pass "film_phone: re-encoded, it looks as the original does ($out)"
else
	fail "film_phone: re-encoded, it looks as the original does" "$out"
fi

# An iPhone films in HEVC (H.265) by default, in a .mov with a timecode
# track; the player decodes H.264, so the build refuses it with one line
# that names the file and says what to do, --transcode among it; with
# --transcode it is re-encoded and shows upright like the first.
# (MPEG-4 Part 2, as older phones wrote, where this FFmpeg has no x265.)
if $FF -i "$TMP/flat.mp4" -map 0 -c:v libx265 -preset ultrafast \
	-x265-params log-level=none -tag:v hvc1 -c:a copy \
	-timecode 00:00:00:00 "$TMP/hevc.mov" 2>/dev/null; then
	codec=hevc
else
	$FF -i "$TMP/flat.mp4" -map 0 -c:v mpeg4 -c:a copy \
		-timecode 00:00:00:00 "$TMP/hevc.mov" || exit 0
	codec=mpeg4
fi
$FF -i "$TMP/hevc.mov" -map 0 -c copy -metadata:s:v:0 rotate=90 \
	"$P/media/iphone.mov" || exit 0
sed -i 's|media/phone.mp4|media/iphone.mov|' "$P/pack.xml"
"$VB" build "$P" -o "$TMP/refused" >"$TMP/refused.out" 2>"$TMP/refused.err"
refused_once() {
	[ "$(wc -l <"$TMP/refused.err")" -eq 1 ] &&
	grep -q "media/iphone.mov: video codec $codec is not supported" \
		"$TMP/refused.err" &&
	grep -q -- "--transcode" "$TMP/refused.err" &&
	[ ! -e "$TMP/refused/phone-1.0.0-nb-all.vvb" ]
}
expect "film_phone: $codec as it is: refused in one line naming the file, advising --transcode" \
	refused_once
if shot iphone --transcode; then
	pass "film_phone: $codec with --transcode builds and plays"
	expect "film_phone: $codec re-encoded shows upright" upright iphone
	if out=$("$IMGCMP" "$TMP/asis/shots/mid.png" \
		"$TMP/iphone/shots/mid.png" 40 0.5); then
		pass "film_phone: $codec re-encoded looks as the H.264 original does ($out)"
	else
		fail "film_phone: $codec re-encoded looks as the H.264 original does" "$out"
	fi
else
	fail "film_phone: $codec with --transcode" \
		"$(tail -n 2 "$TMP/iphone.build" "$TMP/iphone.play")"
fi
