#!/bin/sh
# Slide pictures in both formats the builder accepts, PNG and JPEG, are
# drawn (not replaced by their alt text): the centre of the picture box is
# the picture's white square. A phone photo (stored sideways, with an Exif
# Orientation that says to turn it) is shown upright.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

cp -r "$TOP/tests/data/pack-small" "$TMP/pack" &&
sh "$TMP/pack/make-media" "$TMP/pack" &&
ffmpeg -nostdin -loglevel error -i "$TMP/pack/media/welcome.png" \
	-q:v 3 "$TMP/pack/media/welcome.jpg" &&
sed -i 's|media/welcome.png|media/welcome.jpg|' "$TMP/pack/pack.xml" &&
"$VB" build "$TMP/pack" -o "$TMP/jpg" --lang nb >"$TMP/build.out" 2>&1
if [ "$?" -ne 0 ]; then
	fail "player images: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
mkdir -p "$TMP/png"
if ! player_bundles "$TMP/png"; then
	fail "player images: fixture" "$(tail -n 3 "$TMP/png/build.out")"
	exit 0
fi

# 960x540: the picture box is x 593..925, y 93..425 (centre 759, 259).
printf '0.1 key Space\n0.2 key 1\n0.3 key 1\n0.5 screenshot slide\n0.6 quit\n' \
	>"$TMP/s.script"
for kind in jpg png; do
	lib="$TMP/$kind"
	[ "$kind" = png ] && lib="$TMP/png/b"
	"$VP" --headless --window 960x540 --lang nb --script "$TMP/s.script" \
		--screenshot-dir "$TMP/$kind-shots" --log-json "$TMP/$kind.json" \
		"$lib" 2>"$TMP/$kind.err"
	px=$("$IMGCMP" --pixel "$TMP/$kind-shots/slide.png" 759 259)
	if [ "$px" = ffffff ] || [ "$px" = fefefe ] || [ "$px" = fdfdfd ]; then
		pass "player images: $kind picture drawn"
	else
		fail "player images: $kind picture" "centre pixel $px; $(head -n 2 "$TMP/$kind.err")"
	fi
	# errors about the picture (others, such as a missing site file, are
	# not this test's business)
	if grep '"event":"error"' "$TMP/$kind.json" | grep -q welcome; then
		fail "player images: $kind log" "$(grep '"error"' "$TMP/$kind.json" | grep welcome | head -n 1)"
	else
		pass "player images: $kind picture without errors"
	fi
done

# The group screen loads pictures through the same table: a JPEG is drawn
# there too, not its alt text. 960x540: the picture's white square is
# around (797, 230).
printf '0.5 key 1\n1.0 screenshot slide\n1.1 quit\n' >"$TMP/g.script"
"$VP" --headless --group --window 960x540 --lang nb \
	--session-dir "$TMP/sessions" --script "$TMP/g.script" \
	--screenshot-dir "$TMP/group-shots" "$TMP/jpg" >"$TMP/group.err" 2>&1
px=$("$IMGCMP" --pixel "$TMP/group-shots/slide.png" 797 230)
case "$px" in
ffffff|fefefe|fdfdfd) pass "player images: jpg picture drawn in --group" ;;
*) fail "player images: jpg picture in --group" "centre pixel $px; $(head -n 2 "$TMP/group.err")" ;;
esac

# A phone photo: stored 2:1 landscape (left half red, right half blue)
# with Exif Orientation 6 (turn 90 degrees clockwise), as a phone held
# upright writes it. Upright it is 1:2 portrait, red above blue: in the
# 332x332 picture box (x 593..925, y 93..425) it fills y 93..425 at
# x 759, where a sideways picture would leave y 150 and 370 empty.
mkdir -p "$TMP/phone"
cp -r "$TOP/tests/data/pack-small" "$TMP/phone/pack" &&
sh "$TMP/phone/pack/make-media" "$TMP/phone/pack" &&
ffmpeg -nostdin -loglevel error -y -f lavfi \
	-i "color=red:s=160x160,pad=320:160:0:0:blue" -frames:v 1 -q:v 2 \
	"$TMP/phone/stored.jpg" &&
python3 - "$TMP/phone/stored.jpg" "$TMP/phone/pack/media/welcome.jpg" <<'PY' &&
import struct, sys
# an Exif APP1 segment right after SOI: IFD0 with Orientation = 6 only
d = open(sys.argv[1], 'rb').read()
tiff = (b'MM\x00\x2a' + struct.pack('>IH', 8, 1) +
        struct.pack('>HHIHH', 0x0112, 3, 1, 6, 0) + struct.pack('>I', 0))
app1 = b'Exif\x00\x00' + tiff
open(sys.argv[2], 'wb').write(d[:2] + b'\xff\xe1' +
                              struct.pack('>H', len(app1) + 2) + app1 + d[2:])
PY
sed -i 's|media/welcome.png|media/welcome.jpg|' "$TMP/phone/pack/pack.xml" &&
"$VB" build "$TMP/phone/pack" -o "$TMP/phone/b" --lang nb \
	>"$TMP/phone/build.out" 2>&1
if [ "$?" -ne 0 ]; then
	fail "player images: phone photo fixture" "$(tail -n 3 "$TMP/phone/build.out")"
	exit 0
fi
b=$(ls "$TMP/phone/b"/*.vvb | head -n 1)
expect "player images: phone photo is 160x320 in the manifest" \
	grep -q 'kind="image".*width="160" height="320"' \
	"$(tar -xOf "$b" manifest.xml >"$TMP/phone/manifest.xml" &&
	   echo "$TMP/phone/manifest.xml")"
"$VP" --headless --window 960x540 --lang nb --script "$TMP/s.script" \
	--screenshot-dir "$TMP/phone/shots" "$TMP/phone/b" 2>"$TMP/phone.err"
top=$("$IMGCMP" --pixel "$TMP/phone/shots/slide.png" 759 150)
bottom=$("$IMGCMP" --pixel "$TMP/phone/shots/slide.png" 759 370)
case "$top $bottom" in
f[c-f]0[0-3]0[0-3]\ 0[0-3]0[0-3]f[c-f])
	pass "player images: phone photo shown upright (red above blue)" ;;
*)	fail "player images: phone photo upright" "pixel above $top, below $bottom (want red, blue)" ;;
esac
