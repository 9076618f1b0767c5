#!/bin/sh
# What the X server shows, not what the player would draw again for a
# screenshot: on an X server without direct rendering the player draws with
# SDL's software renderer, which keeps its pixels between frames and, while
# only a film changes, draws just the film over the last frame. Whatever
# covers the film then must stay covered. Read back from the screen
# (tests/e2e/xshot.py) in a real window under Xvfb, driven by xdotool.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/video_fixture.inc"

# A 40 s film whose every picture differs (testsrc's counter and sweep),
# without sound, so its subtitles show: one cue all through.
p=$TMP/pack
mkdir -p "$p/media" "$p/po"
echo nb >"$p/po/LINGUAS"
printf 'WEBVTT\n\n00:00:00.000 --> 00:00:40.000\nHei og velkommen\n' \
	>"$p/media/film.nb.vtt"
if ! vff -f lavfi -i "testsrc=duration=40:size=320x240:rate=10" \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p \
	-movflags +faststart "$p/media/film.mp4"; then
	fail "player window redraw: fixture" "ffmpeg failed"
	exit 0
fi
cat >"$p/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="redraw" version="1.0.0"
      source-lang="nb">
  <title>Tegning</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
    <video id="film"><title>Film</title><source src="media/film.mp4"/>
      <subtitles src="media/film.nb.vtt"/></video>
    <slide id="s"><heading>Lysbilde</heading><p>Tekst</p></slide>
  </items>
</pack>
XML
if ! "$VB" build "$p" -o "$TMP/b" >"$TMP/build.out" 2>&1; then
	fail "player window redraw: build" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

# The staff overlay (ctrl+alt+o) over a playing film: two screen reads a
# second apart while it shows, then one after it is closed again.
cat >"$TMP/drive.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
"$VP" --window 640x360 --lang nb --level all --exit-after 120 \
	--log-json "$TMP/x.json" "$TMP/b" 2>"$TMP/x.err" &
pid=$!
w=$(xwin)
xwait "$TMP/x.json" '"event":"screen","name":"attract"'
xtap "$w" 320 180
xwait "$TMP/x.json" '"event":"first_picture"'
sleep 1
xkey "$w" ctrl+alt+o
xwait "$TMP/x.json" '"event":"operator","shown":1'
sleep 1
xshot "$TMP/op-1.png"
sleep 1
xshot "$TMP/op-2.png"
xkey "$w" ctrl+alt+o
xwait "$TMP/x.json" '"event":"operator","shown":0'
sleep 1
xshot "$TMP/film.png"
xclose "$w"
wait $pid
DRIVE
xdrive "$TMP/drive.sh"
rc=$?
if [ "$rc" -eq 77 ]; then
	fail "player window redraw" "xvfb-run or xdotool missing; run scripts/install-deps"
	exit 0
fi
open=$(grep -m 1 '"event":"video_open"' "$TMP/x.json")
case $open in
*'"renderer":"software"'*) pass "player window redraw: the software renderer draws the film" ;;
*) fail "player window redraw: renderer" "'$open'; $(tail -n 2 "$TMP/x.err")" ;;
esac
# The window is centred on the 1024x768 screen: the film's middle there.
rect=$(grep -m 1 '"event":"video_rect"' "$TMP/x.json")
x=$(echo "$rect" | jq '192 + .x + (.w / 2 | floor)')
y=$(echo "$rect" | jq '204 + .y + (.h / 2 | floor)')
if out=$("$IMGCMP" "$TMP/op-1.png" "$TMP/op-2.png" 8 0); then
	pass "player window redraw: the staff overlay stays still over a playing film"
else
	fail "player window redraw: staff overlay" "the screen changed under it: $out (film at $x,$y)"
fi
over=$("$IMGCMP" --pixel "$TMP/op-2.png" "$x" "$y" 2>/dev/null)
film=$("$IMGCMP" --pixel "$TMP/film.png" "$x" "$y" 2>/dev/null)
if [ -n "$film" ] && [ "$film" != "$over" ] &&
   ! "$IMGCMP" "$TMP/op-2.png" "$TMP/film.png" 8 0 >/dev/null; then
	pass "player window redraw: the film shows again when the overlay closes"
else
	fail "player window redraw: after the overlay" "film pixel '$film', overlay pixel '$over'"
fi

# A portrait window: the film's subtitles go in a band under the picture
# and its title under that. Back to the film from the slide after it, the
# film is opened again, so the first frame has no picture yet (a
# pictogram, and the title right under the box); the frames after it must
# move the title under the band, not paint the band over it.
cat >"$TMP/portrait.sh" <<'DRIVE'
. "$TOP/tests/e2e/xdrive.inc"
"$VP" --window 360x640 --lang nb --level all --exit-after 120 \
	--log-json "$TMP/p.json" "$TMP/b" 2>"$TMP/p.err" &
pid=$!
w=$(xwin)
xwait "$TMP/p.json" '"event":"screen","name":"attract"'
xtap "$w" 180 320
xwait "$TMP/p.json" '"event":"first_picture"'
xkey "$w" Right
xwait "$TMP/p.json" '"event":"item","id":"s"'
xkey "$w" Left
xwait "$TMP/p.json" '"event":"first_picture".*"preloaded":0'
sleep 1
xshot "$TMP/portrait.png"
xclose "$w"
wait $pid
DRIVE
xdrive "$TMP/portrait.sh"
rect=$(grep '"event":"video_rect"' "$TMP/p.json" | grep -v '"band":0' |
	tail -n 1)
if grep -q '"event":"blank"' "$TMP/p.json" && [ -n "$rect" ]; then
	# the window is centred on the 1024x768 screen
	x=$(echo "$rect" | jq '332 + .x')
	y=$(echo "$rect" | jq '64 + .y + .h + .band')
	w=$(echo "$rect" | jq '.w')
	ink=$("$IMGCMP" --ink "$TMP/portrait.png" "$x" "$y" "$w" 60 2>&1)
	if [ -n "$ink" ] && [ "$ink" != none ]; then
		pass "player window redraw: portrait: the film's title stays under its subtitles"
	else
		fail "player window redraw: portrait title" "no ink under the band ($ink; $rect)"
	fi
else
	fail "player window redraw: portrait" "no blank first frame or no band: '$rect'; $(tail -n 2 "$TMP/p.err")"
fi
