#!/bin/sh
# Hostile text in a bundle: a heading of one letter and 32,000 combining
# marks (the most the builder's 64 KiB cap lets in; 50,000 froze a
# frame for 30 s) and a 26 KB paragraph with no line
# limit. The kiosk shows the slide; the heading's box stays a line or two
# high, and the paragraph is laid out to a bounded number of lines, cut
# with an ellipsis; the marks do not tower out of the screen. No timing
# here: the bounds are asserted on what is laid out and drawn.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

P=$TMP/pack
mkdir -p "$P/po" "$TMP/lib" "$TMP/shots"
marks=$(awk 'BEGIN { s = "a"; for (i = 0; i < 32000; i++) s = s "\xcc\x81"
		     print s }')
words=$(awk 'BEGIN { for (i = 0; i < 2400; i++) s = s "Lang tekst "
		     print s }')
cat >"$P/pack.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="hostile" version="1.0.0"
      source-lang="nb">
  <title>Tekst</title>
  <languages>nb</languages>
  <levels>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <slide id="marks">
      <heading>$marks</heading>
      <p>$words</p>
    </slide>
  </items>
</pack>
XML
if ! "$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1; then
	fail text_hostile_fixture "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
printf '0.2 tap 960 540\n0.6 screenshot s\n0.7 quit\n' >"$TMP/s"
if "$VP" --headless --script "$TMP/s" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log" --exit-after 20 --lang nb "$TMP/lib" \
	>"$TMP/err" 2>&1 && [ -f "$TMP/shots/s.png" ]; then
	pass text_hostile_slide_shown
else
	fail text_hostile_slide_shown "$(tail -n 2 "$TMP/err")"
fi
# box PREFIX: the first box event whose text starts with PREFIX.
box() {
	jq -c --arg t "$1" \
		'select(.event == "box" and ((.text // "") | startswith($t)))' \
		"$TMP/log" | head -n 1
}
head=$(box a)
body=$(box "Lang tekst")
hh=$(printf '%s' "$head" | jq -r '.h // empty')
hs=$(printf '%s' "$head" | jq -r '.size // empty')
# The stack of marks is drawn above the heading, but not up to the
# screen's top edge (uncapped, it rose out of the screen).
above=$("$IMGCMP" --ink "$TMP/shots/s.png" 0 0 1920 2 2>&1)
if [ -n "$hh" ] && [ "$hh" -le $((3 * hs)) ] && [ "$above" = none ]; then
	pass "text_hostile_marks_heading_one_line ($hh px at $hs px)"
else
	fail text_hostile_marks_heading_one_line \
		"box: ${head:-none}; ink in the top rows: $above"
fi
if printf '%s' "$body" | jq -e '.cut == 1' >/dev/null &&
	[ "$(printf '%s' "$body" | jq -r '.y // empty')" -lt 1080 ]
then
	pass text_hostile_long_paragraph_bounded
else
	fail text_hostile_long_paragraph_bounded "box: ${body:-none}"
fi
