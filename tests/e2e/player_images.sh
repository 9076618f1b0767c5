#!/bin/sh
# Slide pictures in both formats the builder accepts, PNG and JPEG, are
# drawn (not replaced by their alt text): the centre of the picture box is
# the picture's white square.
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
