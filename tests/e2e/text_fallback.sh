#!/bin/sh
# A fallback text (the Norwegian source standing in for a missing Arabic
# translation) is laid out in Norwegian's direction, left to right, so
# "22 33 44 55" keeps its order and the full stop stays at the end; the
# translated texts around it stay right to left. Read from the boxes the
# player logs with each screenshot, and from the pixels.
. "$TOP/tests/lib.sh"

P=$TMP/pack
mkdir -p "$P/po" "$TMP/lib" "$TMP/shots"
cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="fallback" version="1.0.0"
      source-lang="nb">
  <title>Karriereveiledning</title>
  <languages>nb ar</languages>
  <levels>
    <level id="no-schooling">Ingen skolegang</level>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <slide id="phone">
      <heading>Ring oss</heading>
      <p>Telefonnummeret er 22 33 44 55.</p>
      <p>Vi svarer hver dag.</p>
    </slide>
    <slide id="long">
      <heading>Hva skjer i veiledningssamtalen, og hva kan du ta med deg til det første møtet med veilederen din på kontoret i kommunen?</heading>
      <p>Ta med deg papirene dine.</p>
    </slide>
  </items>
</pack>
XML
cat >"$P/po/ar.po" <<'PO'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgctxt "pack/title"
msgid "Karriereveiledning"
msgstr "الإرشاد المهني"

msgctxt "phone/heading"
msgid "Ring oss"
msgstr "اتصل بنا"

msgctxt "phone/p.2"
msgid "Vi svarer hver dag."
msgstr "نجيب كل يوم."
PO
if ! "$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1; then
	fail text_fallback_fixture "$(tail -n 3 "$TMP/build.log")"
	exit 0
fi
printf '0.2 tap 960 540\n0.6 screenshot ar\n0.7 key Right\n1.0 screenshot long
1.1 quit\n' >"$TMP/s"
"$VP" --headless --script "$TMP/s" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log" --exit-after 10 --lang ar \
	--level upper-secondary "$TMP/lib" \
	>"$TMP/err" 2>&1

# box PREFIX [LOG]: the box events whose text starts with PREFIX, one
# JSON object a line.
box() {
	jq -c --arg t "$1" \
		'select(.event == "box" and ((.text // "") | startswith($t)))' \
		"${2:-$TMP/log}"
}
# has BOXES FILTER: some box of BOXES passes the jq FILTER.
has() {
	printf '%s\n' "$1" | jq -e -s "any(.[]; $2)" >/dev/null
}
fb=$(box "Telefonnummeret er 22 33 44 55.")
tr=$(box "نجيب كل يوم.")
if has "$fb" '.rtl == 0 and .lang == "nb"' &&
	has "$tr" '.rtl == 1 and .lang == "ar"'; then
	pass text_fallback_in_source_direction
else
	fail text_fallback_in_source_direction \
		"fallback: ${fb:-no box}; translated: ${tr:-no box}"
fi
# The level picker: an untranslated level label is Norwegian, LTR.
printf '0.2 tap 960 540\n0.6 screenshot level\n0.7 quit\n' >"$TMP/s2"
"$VP" --headless --script "$TMP/s2" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log2" --exit-after 10 --lang ar "$TMP/lib" \
	>"$TMP/err2" 2>&1
lv=$(jq -c 'select(.event == "box" and .text == "Videregående skole")' \
	"$TMP/log2")
if has "$lv" '.rtl == 0 and .lang == "nb"'; then
	pass text_fallback_level_label_in_source_direction
else
	fail text_fallback_level_label_in_source_direction "${lv:-no box}"
fi
# Pixels: the fallback starts at the left margin (its reading start) and
# the translation ends at the right one.
fx=$(printf '%s' "$fb" | jq -r '.x // empty')
tx=$(printf '%s' "$tr" | jq -r 'select(.x and .w) | "\(.x) \(.w)"')
if [ -n "$fx" ] && [ "$fx" -lt 200 ] && [ -n "$tx" ] &&
	[ $(( ${tx% *} + ${tx#* } )) -gt 1700 ]; then
	pass text_fallback_aligned_at_its_start
else
	fail text_fallback_aligned_at_its_start "fallback x '$fx', ar '$tx'"
fi
# A heading too long for two lines at its size shrinks (not below the
# body's 5 % of the height) rather than losing its end to an ellipsis.
hd=$(box "Hva skjer i")
sz=$(printf '%s' "$hd" | jq -r '.size // empty')
if has "$hd" '.cut == 0' && [ -n "$sz" ] &&
	[ "$sz" -lt 70 ] && [ "$sz" -ge 50 ]; then
	pass "text_long_heading_shrinks ($sz px)"
else
	fail text_long_heading_shrinks "${hd:-no box}"
fi
