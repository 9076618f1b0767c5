#!/bin/sh
# Every language of the table: the language picker shows all endonyms in
# their own scripts, and a slide in each language draws with no missing
# glyph (.notdef), interface strings included.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

codes="nb nn en uk ru ar prs fa ps ti am so kmr ckb tr pl ur"
cp -r "$TOP/tests/data/pack-small" "$TMP/pack" &&
sh "$TMP/pack/make-media" "$TMP/pack" &&
sed -i "s|<languages>.*</languages>|<languages>$codes</languages>|" \
	"$TMP/pack/pack.xml" &&
# The languages without a .po get one, so that their bundles are built
# (0 % is refused); their slides show the source text, as before.
translate_as_source "$TMP/pack" nn en uk ru prs fa ps am so kmr ckb tr pl ur &&
"$VB" build "$TMP/pack" -o "$TMP/b" --level no-schooling >"$TMP/build.out" 2>&1
if [ "$(ls "$TMP/b" | grep -c '\.vvb$')" -ne 17 ]; then
	fail "player langs: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

printf '0.2 key Space\n0.4 screenshot language\n0.5 quit\n' >"$TMP/pick.script"
"$VP" --headless --window 960x540 --script "$TMP/pick.script" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/pick.json" "$TMP/b" \
	2>"$TMP/pick.err"
golden player-language-all "$TMP/shots/language.png"
if grep '"event":"screenshot"' "$TMP/pick.json" | grep -q '"missing_glyphs":0'
then
	pass "player langs: every endonym drawn without missing glyphs"
else
	fail "player langs: endonyms" "$(grep screenshot "$TMP/pick.json")"
fi

# One run per language, straight to the first slide; then the idle
# question (interface strings) after 1 s.
printf '0.1 key Space\n0.3 screenshot slide\n1.5 screenshot idle\n1.6 quit\n' >"$TMP/one.script"
bad=""
for c in $codes; do
	"$VP" --headless --window 960x540 --lang "$c" --level no-schooling \
		--idle-timeout 1 --script "$TMP/one.script" \
		--screenshot-dir "$TMP/$c" --log-json "$TMP/$c.json" "$TMP/b" \
		2>/dev/null
	n=$(grep '"event":"screenshot"' "$TMP/$c.json" |
	    grep -c '"missing_glyphs":0')
	s=$(grep '"event":"screenshot"' "$TMP/$c.json" | grep -c \
	    '"screen":"sequence"\|"screen":"idle"')
	[ "$n" -eq 2 ] && [ "$s" -eq 2 ] || bad="$bad $c"
done
if [ -z "$bad" ]; then
	pass "player langs: slides and interface in 17 languages, no missing glyphs"
else
	fail "player langs: missing glyphs or wrong screen" "in:$bad"
fi
