#!/bin/sh
# Slide pictures at build time go through the player's own decoder and
# limits (common/image): a cut PNG does not build (it would show only its
# alt text on the kiosk), a picture larger than the largest screen (the
# pack's screen-size, 3840x2160 by default) is scaled down in the bundle
# (an 8192x8192 PNG froze a kiosk for seconds), and the player shows the
# scaled picture.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
# size FILE: "WxH" of a picture, by ffprobe
size() {
	ffprobe -v error -select_streams v:0 -show_entries stream=width,height \
		-of csv=s=x:p=0 "$1"
}
# extract BUNDLE: unpacks it into $TMP/x and prints its picture member
extract() {
	rm -rf "$TMP/x" && mkdir -p "$TMP/x" &&
	tar -xf "$1" -C "$TMP/x" &&
	find "$TMP/x" -name '*welcome.png' -o -name '*welcome.jpg' | head -n 1
}

make_pack() {  # make_pack DIR: pack-small, nb only
	rm -rf "$1" && cp -r "$TOP/tests/data/pack-small" "$1" &&
	sh "$1/make-media" "$1"
}

# 1. 8192x8192 PNG, default screen: scaled to fit 3840x2160 (2160 square)
make_pack "$TMP/big" || { fail "build pictures: fixture" "pack"; exit 0; }
ff -f lavfi -i "testsrc2=size=8192x8192" -frames:v 1 "$TMP/big/media/welcome.png"
if "$VB" build "$TMP/big" -o "$TMP/big-out" --lang nb >"$TMP/big.log" 2>&1; then
	pass "build pictures: an 8192x8192 picture builds"
	b=$(ls "$TMP"/big-out/*-nb-no-schooling.vvb)
	pic=$(extract "$b")
	got=$(size "$pic")
	expect "build pictures: scaled to the largest screen ($got)" \
		[ "$got" = 2160x2160 ]
	# the kiosk shows it (not the alt text): the picture box holds
	# more than one colour
	printf '0.1 key Space\n0.2 key 1\n0.3 key 1\n0.8 screenshot s\n0.9 quit\n' \
		>"$TMP/s.script"
	"$VP" --headless --window 960x540 --lang nb --script "$TMP/s.script" \
		--screenshot-dir "$TMP/shots" --log-json "$TMP/big.json" \
		"$TMP/big-out" 2>"$TMP/play.err"
	box=$("$IMGCMP" --ink "$TMP/shots/s.png" 600 100 300 300)
	if [ -n "$box" ] && [ "$box" != none ] &&
	   ! grep '"event":"error"' "$TMP/big.json" | grep -q welcome; then
		pass "build pictures: the kiosk draws the scaled picture without errors"
	else
		fail "build pictures: kiosk" "ink $box; $(head -n 2 "$TMP/play.err")"
	fi
else
	fail "build pictures: 8192x8192 build" "$(tail -n 2 "$TMP/big.log")"
fi

# 2. screen-size="1280x720": a 1920x1080 JPEG becomes 1280x720, a JPEG
make_pack "$TMP/small" || exit 0
ff -f lavfi -i "testsrc2=size=1920x1080" -frames:v 1 "$TMP/small/media/welcome.jpg"
sed -i -e 's|media/welcome.png|media/welcome.jpg|' \
	-e 's|source-lang="nb"|source-lang="nb" screen-size="1280x720"|' \
	"$TMP/small/pack.xml"
if "$VB" build "$TMP/small" -o "$TMP/small-out" --lang nb >"$TMP/small.log" 2>&1; then
	pic=$(extract "$(ls "$TMP"/small-out/*-nb-no-schooling.vvb)")
	got=$(size "$pic")
	expect "build pictures: screen-size 1280x720 scales to it ($got)" \
		[ "$got" = 1280x720 ]
	expect "build pictures: a JPEG stays a JPEG" \
		sh -c "file '$pic' | grep -q JPEG"
else
	fail "build pictures: screen-size build" "$(tail -n 2 "$TMP/small.log")"
fi
# a picture that fits is taken as it is
make_pack "$TMP/fits" || exit 0
"$VB" build "$TMP/fits" -o "$TMP/fits-out" --lang nb >"$TMP/fits.log" 2>&1
pic=$(extract "$(ls "$TMP"/fits-out/*-nb-no-schooling.vvb)")
expect "build pictures: a picture that fits is kept" \
	cmp -s "$pic" "$TOP/tests/data/pack-small/media/welcome.png"

# 3. a cut PNG (the zlib stream stops half way) does not build
make_pack "$TMP/cut" || exit 0
ff -f lavfi -i "testsrc2=size=640x480" -frames:v 1 "$TMP/whole.png"
n=$(wc -c <"$TMP/whole.png")
head -c $((n / 2)) "$TMP/whole.png" >"$TMP/cut/media/welcome.png"
"$VB" build "$TMP/cut" -o "$TMP/cut-out" --lang nb >"$TMP/cut.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'welcome.png' "$TMP/cut.log" &&
   ! ls "$TMP"/cut-out/*.vvb >/dev/null 2>&1; then
	pass "build pictures: a cut PNG is refused, naming it ($(grep welcome.png "$TMP/cut.log" | head -n 1))"
else
	fail "build pictures: cut PNG" "exit $rc; $(head -n 2 "$TMP/cut.log")"
fi
"$VB" check "$TMP/cut" >"$TMP/cutcheck.log" 2>&1
expect "build pictures: check refuses it too" \
	grep -q 'welcome.png' "$TMP/cutcheck.log"

# 4. a screen-size the player cannot fill is a pack.xml error
make_pack "$TMP/bad" || exit 0
sed -i 's|source-lang="nb"|source-lang="nb" screen-size="8192x8192"|' \
	"$TMP/bad/pack.xml"
"$VB" build "$TMP/bad" -o "$TMP/bad-out" --lang nb >"$TMP/bad.log" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'pack.xml:[0-9]*:.*screen-size' "$TMP/bad.log"; then
	pass "build pictures: a screen-size over the player's cap is refused"
else
	fail "build pictures: bad screen-size" "exit $rc; $(head -n 2 "$TMP/bad.log")"
fi
