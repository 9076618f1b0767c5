# content/career-guidance/make-media regenerates the pictograms byte for
# byte from their SVG sources (the committed PNGs are not hand-edited), and
# they stay small (256x256).
. "$TOP/tests/lib.sh"

PACK=$TOP/content/career-guidance
cp -R "$PACK" "$TMP/pack"
rm -f "$TMP"/pack/media/pictograms/*.png
if "$TMP/pack/make-media" pictograms >"$TMP/log" 2>&1; then
	pass "make-media pictograms runs"
else
	fail "make-media pictograms runs" "$(tail -n 3 "$TMP/log")"
fi
bad=""
n=0
for svg in "$PACK"/source/pictograms/*.svg; do
	name=$(basename "$svg" .svg)
	n=$((n + 1))
	cmp -s "$PACK/media/pictograms/$name.png" \
		"$TMP/pack/media/pictograms/$name.png" || bad="$bad $name"
done
[ "$n" -ge 10 ] || bad="$bad (only $n SVG sources)"
expect "$n pictograms regenerate identically${bad:+ (differ:$bad)}" [ -z "$bad" ]

bad=""
for png in "$PACK"/media/pictograms/*.png; do
	wh=$(ffprobe -v error -show_entries stream=width,height -of csv=p=0 "$png")
	size=$(wc -c <"$png")
	[ "$wh" = "256,256" ] && [ "$size" -lt 32768 ] ||
		bad="$bad $(basename "$png"):$wh:$size"
done
expect "pictograms are 256x256 and under 32 KB${bad:+ (not:$bad)}" [ -z "$bad" ]

# Every image pack.xml names exists.
missing=""
for src in $(xmllint --xpath "//*[local-name()='image']/@src" "$PACK/pack.xml" |
	     sed 's/ *src="\([^"]*\)"/\1 /g'); do
	[ -f "$PACK/$src" ] || missing="$missing $src"
done
expect "every image in pack.xml exists${missing:+ (missing:$missing)}" [ -z "$missing" ]
