#!/bin/sh
# The film fills its box to both edges, whatever its width. With SDL's
# software renderer the player converts pictures to RGB straight into a
# texture whose rows are whole swscale blocks (64 pixels) wide; only the
# picture's own width of it may be drawn, else the padding would show as
# a dark strip down the right of the film (and squeeze the picture).
# A plain red film; box widths that are and are not multiples of 64.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

P=$TMP/pack
mkdir -p "$P/po" "$P/media" "$TMP/lib"
if ! plain_film "$P/media/film.mp4" red 330x186 3 nob; then
	fail video_edges_fixture "ffmpeg could not make the film"
	exit 0
fi
cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="edges" version="1.0.0"
      source-lang="nb">
  <title>Film</title>
  <languages>nb</languages>
  <levels>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <video id="film">
      <title>Rød</title>
      <source src="media/film.mp4"/>
    </video>
  </items>
</pack>
XML
if ! "$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1; then
	fail video_edges_fixture "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
# red: R high, G and B low (scaling may blend a little at the edge)
red() {
	case $1 in
	[e-fE-F]?[0-3]?[0-3]?) return 0 ;;
	*) return 1 ;;
	esac
}
for size in 1024x600 1000x560 1280x720 1080x1920; do
	printf '0.2 tap 500 300\n1.2 screenshot film\n1.3 quit\n' >"$TMP/s"
	rm -rf "$TMP/shots"
	"$VP" --headless --window "$size" --script "$TMP/s" \
		--screenshot-dir "$TMP/shots" --log-json "$TMP/log" \
		--exit-after 10 --lang nb "$TMP/lib" >"$TMP/err" 2>&1
	rect=$(grep -m 1 '"event":"video_rect"' "$TMP/log")
	if [ -z "$rect" ] || [ ! -f "$TMP/shots/film.png" ]; then
		fail "video_edges $size" "no film: $(tail -n 2 "$TMP/err")"
		continue
	fi
	x=$(echo "$rect" | jq '.x')
	w=$(echo "$rect" | jq '.w')
	y=$(echo "$rect" | jq '.y + (.h / 2 | floor)')
	left=$("$IMGCMP" --pixel "$TMP/shots/film.png" $((x + 2)) "$y")
	right=$("$IMGCMP" --pixel "$TMP/shots/film.png" $((x + w - 3)) "$y")
	if red "$left" && red "$right"; then
		pass "video_edges $size: red from edge to edge (box $w wide)"
	else
		fail "video_edges $size" \
			"left $left, right $right (box x $x, $w wide)"
	fi
done
