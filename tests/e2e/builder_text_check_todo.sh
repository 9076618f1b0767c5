# check tells a translator what to do: --list untranslated,fuzzy (text and
# JSON) with msgctxt and .po line; a language at 0 % is an error; stale
# or foreign translations are counted; a Language header that disagrees
# with the file name is reported; overlapping cues are reported; Ethiopic
# full stops (። and ፡፡) are punctuation; info marks every fallback,
# subtitle cues included.
. "$TOP/tests/lib.sh"
cp -r "$TOP/tests/data/pack-small" "$TMP/base"
sh "$TOP/tests/data/pack-small/make-media" "$TMP/base" >/dev/null 2>&1
fresh() {
	rm -rf "${TMP:?}/$1"
	cp -r "$TMP/base" "$TMP/$1"
}
msgstr_line_of() {
	awk -v c="msgctxt \"$2\"" '$0 == c { f = 1 } f && /^msgstr/ { print NR; exit }' "$1"
}

# --list
fresh l
TI=$TMP/l/po/ti.po
"$VB" check "$TMP/l" --list untranslated,fuzzy >"$TMP/out" 2>"$TMP/err"
expect "--list: exits 0 (nothing is an error)" test $? -eq 0
expect "--list: a fuzzy string with msgctxt and msgstr line" \
	grep -qx "ti fuzzy $TI:$(msgstr_line_of "$TI" welcome/p.1): welcome/p.1: Denne pakken forteller deg om <b>karriereveiledning</b>." "$TMP/out"
expect "--list: an untranslated string with msgctxt and msgstr line" \
	grep -qx "ti untranslated $TI:$(msgstr_line_of "$TI" meeting/p.1): meeting/p.1: Veilederen din heter {name}." "$TMP/out"
expect "--list: untranslated cues listed" grep -q "^ti untranslated .*film/cue@00:00:02.200: " "$TMP/out"
expect "--list: 12 strings for ti (1 fuzzy, 11 untranslated)" \
	test "$(grep -c '^ti \(fuzzy\|untranslated\) ' "$TMP/out")" -eq 12
expect "--list: nothing for the complete ar" sh -c "! grep -q '^ar \(fuzzy\|untranslated\) ' '$TMP/out'"
"$VB" check "$TMP/l" --list fuzzy >"$TMP/out" 2>&1
expect "--list fuzzy: only the fuzzy one" test "$(grep -c '^ti \(fuzzy\|untranslated\) ' "$TMP/out")" -eq 1
"$VB" check "$TMP/l" --list=untranslated,fuzzy --json >"$TMP/json" 2>&1
expect "--list --json: entry with state, file, line, msgctxt, msgid" grep -q \
	"{\"lang\":\"ti\",\"state\":\"fuzzy\",\"file\":\"$TI\",\"line\":$(msgstr_line_of "$TI" welcome/p.1),\"msgctxt\":\"welcome/p.1\",\"msgid\":\"Denne pakken forteller deg om <b>karriereveiledning</b>.\"}" "$TMP/json"
expect "--list --json: valid JSON" sh -c "python3 -m json.tool \"$TMP/json\" >/dev/null"
"$VB" check "$TMP/l" --list everything >/dev/null 2>"$TMP/err"
expect "--list: an unknown kind is a usage error" test $? -eq 2

# 0 %: a .po with nothing translated, and a language without a .po.
fresh z
sed -i '/^msgctxt/,$s/^msgstr ".\+"$/msgstr ""/' "$TMP/z/po/ti.po"
"$VB" check "$TMP/z" >"$TMP/out" 2>&1
expect "0 %: exits 1" test $? -eq 1
expect "0 %: an error naming the .po" grep -q "^error: $TMP/z/po/ti.po: no text is translated (0 %)" "$TMP/out"
expect "0 %: the table says not started" grep -Eq '^ti +no-schooling +14 +0 .* 0\.0% +not started' "$TMP/out"
rm "$TMP/z/po/ti.po"
"$VB" check "$TMP/z" >"$TMP/out" 2>&1
expect "no .po: exits 1" test $? -eq 1
expect "no .po: an error, 0 %" grep -q "^error: $TMP/z/po/ti.po: no translation yet (0 %)" "$TMP/out"

# Stale and foreign translations.
fresh s
cat >>"$TMP/s/po/ar.po" <<'EOF'

msgctxt "gone/p.1"
msgid "Borte"
msgstr "ذهب"

msgctxt "welcome/heading"
msgid "Velkommen hit"
msgstr "مرحبا هنا"
EOF
"$VB" check "$TMP/s" >"$TMP/out" 2>&1
expect "stale: counted, with the first one" \
	grep -q "^warning: $TMP/s/po/ar.po: 2 of its 19 translations match no text of this pack (first: " "$TMP/out"
printf 'msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "intro/heading"\nmsgid "Welcome to the course"\nmsgstr "مرحبا بكم في الدورة"\n\nmsgctxt "intro/p.1"\nmsgid "Bring your papers."\nmsgstr "أحضر أوراقك."\n' >"$TMP/s/po/ar.po"
"$VB" check "$TMP/s" >"$TMP/out" 2>&1
expect "foreign .po: exits 1" test $? -eq 1
expect "foreign .po: an error with the count" \
	grep -q "^error: $TMP/s/po/ar.po: none of its 2 translations matches a text of this pack" "$TMP/out"

# Language header against the file name.
fresh h
sed -i 's|^"Language: ar\\n"|"Language: nb\\n"|' "$TMP/h/po/ar.po"
line=$(grep -n '^"Language: nb' "$TMP/h/po/ar.po" | cut -d: -f1)
"$VB" check "$TMP/h" >"$TMP/out" 2>&1
expect "Language header: a mismatch is an error at the header line" \
	grep -q "^error: $TMP/h/po/ar.po:$line: the header says Language: nb, but the file is for 'ar'" "$TMP/out"
sed -i 's|^"Language: nb\\n"|"Language: ar_SA\\n"|' "$TMP/h/po/ar.po"
"$VB" check "$TMP/h" >"$TMP/out" 2>&1
expect "Language header: ar_SA in ar.po is fine" sh -c "! grep -q 'the header says' '$TMP/out'"

# Overlapping cues.
fresh o
sed -i 's|00:00:00,500 --> 00:00:02,000|00:00:00,500 --> 00:00:03,000|' "$TMP/o/media/film.nb.srt"
"$VB" check "$TMP/o" >"$TMP/out" 2>&1
expect "overlapping cues: reported at the cue" \
	grep -q "^warning: $TMP/o/media/film.nb.srt:3: film/cue@00:00:00.500: this cue (0.500 s to 3.000 s) overlaps the next one, from 2.200 s" "$TMP/out"
"$VB" check "$TMP/l" >"$TMP/out" 2>&1
expect "overlapping cues: none in the original" sh -c "! grep -q overlaps '$TMP/out'"

# Ethiopic full stops are punctuation.
fresh e
awk -v c='msgctxt "welcome/script"' '$0 == c { f = 1 } f && /^msgstr/ { print "msgstr \"እንቋዕ ብደሓን መጻእኩም፡፡\""; f = 0; next } { print }' \
	"$TMP/e/po/ti.po" >"$TMP/ti.po" && cp "$TMP/ti.po" "$TMP/e/po/ti.po"
sed -i 's|^msgid "Velkommen! I dag skal vi snakke om karriereveiledning."|msgid "Velkommen! I dag skal vi snakke om karriereveiledning."|' "$TMP/e/po/ti.po"
"$VB" check "$TMP/e" >"$TMP/out" 2>&1
expect "Ethiopic ፡፡ is a full stop: no punctuation warning" sh -c "! grep -q 'welcome/script: the source ends' '$TMP/out'"

# info marks every fallback, cues included.
"$VB" build "$TMP/l" -o "$TMP/bundles" --lang ti --level no-schooling >/dev/null 2>&1
"$VB" info "$TMP/bundles/pack-small-1.0.0-ti-no-schooling.vvb" >"$TMP/info" 2>&1
expect "info: an untranslated paragraph is marked" \
	grep -q '\[source text\] paragraph 1: Veilederen din heter {name}.' "$TMP/info"
expect "info: the fuzzy paragraph is marked" \
	grep -q '\[source text\] paragraph 1: Denne pakken forteller deg om' "$TMP/info"
expect "info: untranslated subtitle cues are marked" grep -q '\[source text\] 2 subtitle cues' "$TMP/info"
expect "info: an untranslated title is marked" grep -q 'Hva er karriereveiledning? \[source text\]' "$TMP/info"
