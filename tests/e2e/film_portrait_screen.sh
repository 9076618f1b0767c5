#!/bin/sh
# On a portrait kiosk screen (a totem), a film narrower than 16:9 (a
# phone's upright film, also one stored sideways with a rotate tag, or a
# 4:3 DVD film with its non-square pixels) is drawn across the screen's
# width, in a box of its own shape, with its title still on screen above
# the controls; in a 16:9 box it would fill only a part of the width
# (an upright phone film a third of it). A 16:9 film keeps its 16:9 box.
# Each film is plain red, so its picture is where the screenshot is red.
# (Sampled a quarter down the box: the seek arrows sit at its middle.)
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

FF="ffmpeg -nostdin -v error -y"
mkdir -p "$TMP/src"
plain_film "$TMP/src/upright.mp4" red 180x320 2 nob &&
plain_film "$TMP/src/flat.mp4" red 320x180 2 nob &&
$FF -i "$TMP/src/flat.mp4" -c copy -metadata:s:v:0 rotate=90 \
	"$TMP/src/sideways.mp4" &&
$FF -f lavfi -i "color=c=red:s=720x576:r=25:d=2" -f lavfi -i "sine=d=2" \
	-vf setsar=16/15 -c:v libx264 -pix_fmt yuv420p -c:a aac \
	"$TMP/src/dvd43.mp4" &&
cp "$TMP/src/flat.mp4" "$TMP/src/wide.mp4" ||
	{ fail film_portrait_screen_fixture "ffmpeg could not make the films"; exit 0; }

# red RRGGBB: R high, G and B low.
red() {
	case $1 in
	[e-fE-F]?[0-3]?[0-3]?) return 0 ;;
	*) return 1 ;;
	esac
}

for film in upright sideways dvd43 wide; do
	P=$TMP/$film/pack
	mkdir -p "$P/media" "$P/po"
	echo nb >"$P/po/LINGUAS"
	cp "$TMP/src/$film.mp4" "$P/media/film.mp4"
	cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="tall" version="1.0.0"
      source-lang="nb">
  <title>Film</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
    <video id="film"><title>Filmen</title><source src="media/film.mp4"/>
    </video>
  </items>
</pack>
XML
	if ! "$VB" build "$P" -o "$TMP/$film/b" >"$TMP/$film/build" 2>&1; then
		fail "film_portrait_screen $film: build" "$(tail -n 2 "$TMP/$film/build")"
		continue
	fi
	printf '0.1 key Space\n1.0 screenshot mid\n1.1 quit\n' >"$TMP/$film/s"
	(cd "$TMP/$film" && "$VP" --headless --window 540x960 --lang nb \
		--level all --script s --screenshot-dir shots \
		--log-json p.json --exit-after 10 b >err 2>&1)
	shot=$TMP/$film/shots/mid.png
	rect=$(grep '"event":"video_rect"' "$TMP/$film/p.json" | tail -n 1)
	if [ -z "$rect" ] || [ ! -f "$shot" ]; then
		fail "film_portrait_screen $film" "no film: $(tail -n 2 "$TMP/$film/err")"
		continue
	fi
	x=$(echo "$rect" | jq '.x')
	y=$(echo "$rect" | jq '.y')
	w=$(echo "$rect" | jq '.w')
	h=$(echo "$rect" | jq '.h')
	left=$("$IMGCMP" --pixel "$shot" $((x + w / 20)) $((y + h / 4)))
	right=$("$IMGCMP" --pixel "$shot" $((x + w - w / 20)) $((y + h / 4)))
	# and the box is most of the screen's width (a third of it before)
	if red "$left" && red "$right" && [ $((w * 3)) -ge $((540 * 2)) ]; then
		pass "film_portrait_screen $film: the picture spans the box, most of the width ($w px of 540)"
	else
		fail "film_portrait_screen $film: the picture spans the box, most of the width" \
			"left $left, right $right in the box ${w}x$h at $x,$y"
	fi
	# The title: under the film, above the controls.
	title=$(cd "$TMP/$film" && shot_texts mid | grep -c '^Filmen$')
	tbottom=$(jq -r 'select(.event == "box" and .kind == "text" and .text == "Filmen") | .y + .h' "$TMP/$film/p.json" | tail -n 1)
	buttons=$(jq -r 'select(.event == "box" and .kind == "button") | .y' "$TMP/$film/p.json" | sort -n | head -n 1)
	if [ "$title" -ge 1 ] && [ "$tbottom" -le "$buttons" ]; then
		pass "film_portrait_screen $film: the title shows above the controls"
	else
		fail "film_portrait_screen $film: the title" \
			"shown $title times, its foot at $tbottom, the controls at $buttons"
	fi
	if [ "$film" = wide ]; then
		expect "film_portrait_screen wide: a 16:9 film keeps its 16:9 box" \
			[ $((w * 9 / 16)) -eq "$h" ]
	fi
done
