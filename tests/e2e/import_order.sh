#!/bin/sh
# Reading order: a slide whose body has bullets and then a paragraph (no
# bullet), and then a text box, keeps that order from the deck (.pptx and
# .odp) through pack.xml and the bundle to the screen: the kiosk's slide,
# the group screen and the group screen's captions draw the paragraph
# below the bullets, not above them.
. "$TOP/tests/lib.sh"

MD="python3 $TOP/tests/tools/make-deck.py"
# The tags of item $2 in pack.xml $1, in order, one line.
tags() {
	awk -v id="$2" '$0 ~ "<slide id=\"" id "\">", /<\/slide>/' "$1" |
		sed -n 's|^ *<\([a-z/]*\).*|\1|p' | tr '\n' ' '
}
# y of the first box drawn (at the screenshot) whose text starts with $2
# (in language $3 when given) in log $1.
box_y() {
	jq -r --arg t "$2" --arg l "${3:-}" 'select(.event == "box" and
		((.text // "") | contains($t)) and
		($l == "" or .lang == $l)) | .y' "$1" | head -n 1
}
# below LOG LANG TEXT...: each TEXT is drawn below the one before it.
below() {
	bl_log=$1 bl_lang=$2
	shift 2
	bl_prev=-1
	for bl_t in "$@"; do
		bl_y=$(box_y "$bl_log" "$bl_t" "$bl_lang")
		if [ -z "$bl_y" ] || [ "$bl_y" -le "$bl_prev" ]; then
			echo "'$bl_t' at y '${bl_y:-none}', after y $bl_prev" >&2
			return 1
		fi
		bl_prev=$bl_y
	done
}

for fmt in pptx odp; do
	$MD $fmt "$TMP/deck.$fmt" --after-list
	P=$TMP/$fmt
	"$VB" import "$TMP/deck.$fmt" -o "$P" >"$TMP/$fmt.out" 2>&1
	expect "$fmt: import exits 0" [ $? -eq 0 ]
	id=slide-256
	[ $fmt = odp ] && id=slide-s256
	got=$(tags "$P/pack.xml" $id)
	want="slide heading list li li li /list p p image alt /image script /slide "
	if [ "$got" = "$want" ]; then
		pass "$fmt: pack.xml keeps the deck's order (bullets, paragraph, text box)"
	else
		fail "$fmt: pack.xml keeps the deck's order" "got '$got'"
	fi
	expect "$fmt: the paragraph after the bullets is a paragraph" \
		grep -q "<p>Vi hjelper deg videre</p>" "$P/pack.xml"
	"$VB" check "$P" >"$TMP/$fmt.check" 2>&1
	expect "$fmt: check accepts it" [ $? -eq 0 ]
done

# Built with a second language (the source text stands in for it) for
# the group screen's captions.
P=$TMP/pptx
sed -i 's|<languages>nb</languages>|<languages>nb uk</languages>|' "$P/pack.xml"
translate_as_source "$P" uk
"$VB" build "$P" -o "$TMP/bundles" >"$TMP/build.out" 2>&1
expect "build accepts it" [ $? -eq 0 ]

order="Hva er|Det er gratis|Ditt eget språk|Vi hjelper deg videre|Ring oss på telefon"
IFS='|'
# shellcheck disable=SC2086
set -- $order
unset IFS

printf '0.2 tap 960 540\n0.6 screenshot kiosk\n0.7 quit\n' >"$TMP/s1"
"$VP" --headless --script "$TMP/s1" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log1" --exit-after 10 --lang nb --level no-schooling "$TMP/bundles" \
	>"$TMP/play1" 2>&1
expect "kiosk: the imported pack plays" [ $? -eq 0 ]
expect "kiosk: the paragraph is drawn below the bullets, the text box last" \
	below "$TMP/log1" nb "$@"

printf '0.3 screenshot group\n0.6 quit\n' >"$TMP/s2"
"$VP" --headless --group --lang nb --level no-schooling --captions uk --script "$TMP/s2" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/log2" \
	--session-dir "$TMP/sessions" "$TMP/bundles" >"$TMP/play2" 2>&1
expect "group: the imported pack plays" [ $? -eq 0 ]
expect "group: the paragraph is drawn below the bullets, the text box last" \
	below "$TMP/log2" nb "$@"
expect "group captions: the same order" below "$TMP/log2" uk "$@"

# A pack written by hand: paragraphs and two lists alternating. check
# accepts it, p.N and li.N count through the body, and the kiosk draws
# it in order.
H=$TMP/hand
mkdir -p "$H"
cat >"$H/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="order" version="1.0.0" source-lang="nb">
  <title>Rekkefølge</title>
  <languages>nb</languages>
  <items>
    <slide id="s">
      <heading>Rekkefølge</heading>
      <p>Først et avsnitt</p>
      <list><li>Første punkt</li></list>
      <p>Så et avsnitt til</p>
      <list><li>Andre punkt</li><li level="2">Under andre punkt</li></list>
      <p>Til slutt</p>
    </slide>
  </items>
</pack>
XML
"$VB" check "$H" >"$TMP/hand.check" 2>&1
expect "by hand: check accepts paragraphs and lists alternating" [ $? -eq 0 ]
"$VB" pot "$H" >/dev/null 2>&1
ctx() { msggrep --no-wrap -J -e "^$1\$" "$H/po/pack.pot" | sed -n 's/^msgid "\(.*\)"$/\1/p' | tail -n 1; }
expect "by hand: p.2 is the second paragraph" [ "$(ctx s/p.2)" = "Så et avsnitt til" ]
expect "by hand: li.3 counts through both lists" [ "$(ctx s/li.3)" = "Under andre punkt" ]
expect "by hand: the pot lists the body in reading order" \
	[ "$(grep '^msgctxt "s/' "$H/po/pack.pot" | tr '\n' ' ')" = 'msgctxt "s/heading" msgctxt "s/p.1" msgctxt "s/li.1" msgctxt "s/p.2" msgctxt "s/li.2" msgctxt "s/li.3" msgctxt "s/p.3" ' ]
"$VB" build "$H" -o "$TMP/hb" >"$TMP/hb.out" 2>&1
expect "by hand: build accepts it" [ $? -eq 0 ]
"$VP" --headless --script "$TMP/s1" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log3" --exit-after 10 --lang nb --level no-schooling "$TMP/hb" \
	>"$TMP/play3" 2>&1
expect "by hand: the kiosk draws the body in order" \
	below "$TMP/log3" nb "Først et avsnitt" "Første punkt" \
	"Så et avsnitt til" "Andre punkt" "Under andre punkt" "Til slutt"
[ -n "${KEEP_SHOTS:-}" ] && cp "$TMP"/shots/*.png "$KEEP_SHOTS"
exit 0
