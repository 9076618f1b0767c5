# The player's screens in every script of a small pack, headless: no
# missing glyph (.notdef) on the attract screen, the language picker or any
# slide; ink right-aligned on right-to-left slides and left-aligned on
# left-to-right ones, one the mirror of the other. A bundle with text no
# font has is the control: its missing glyphs must show up in the log.
. "$TOP/tests/lib.sh"

P=$TMP/pack
mkdir -p "$P/po" "$TMP/lib" "$TMP/shots"
cat >"$P/pack.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="text-pack" version="1.0.0"
      source-lang="nb">
  <title>Karriereveiledning</title>
  <languages>nb ar prs ti am uk ckb</languages>
  <levels>
    <level id="upper-secondary">Videregående skole</level>
  </levels>
  <items>
    <slide id="welcome">
      <heading>Velkommen</heading>
      <p>Møtet begynner klokka 10:30 den 12. mars 2024 hos Oslo Kommune.</p>
      <list>
        <li>Ta med ID-kort</li>
        <li>Møtet tar 45 minutter</li>
      </list>
    </slide>
  </items>
</pack>
EOF

# po LANG TITLE LEVEL HEADING PARAGRAPH ITEM1 ITEM2
po() {
	cat >"$P/po/$1.po" <<EOF
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgctxt "pack/title"
msgid "Karriereveiledning"
msgstr "$2"

msgctxt "level/upper-secondary"
msgid "Videregående skole"
msgstr "$3"

msgctxt "welcome/heading"
msgid "Velkommen"
msgstr "$4"

msgctxt "welcome/p.1"
msgid "Møtet begynner klokka 10:30 den 12. mars 2024 hos Oslo Kommune."
msgstr "$5"

msgctxt "welcome/li.1"
msgid "Ta med ID-kort"
msgstr "$6"

msgctxt "welcome/li.2"
msgid "Møtet tar 45 minutter"
msgstr "$7"
EOF
}
po ar "الإرشاد المهني" "المدرسة الثانوية" "مرحبا بكم" \
	"يبدأ الاجتماع في الساعة 10:30 يوم 12 مارس 2024 في Oslo Kommune." \
	"أحضر بطاقة الهوية (ID-kort)" "يستغرق الاجتماع 45 دقيقة"
po prs "رهنمایی شغلی" "مکتب متوسطه" "خوش آمدید" \
	"جلسه‌ی شما ساعت 10:30 روز 12 مارچ 2024 در Oslo Kommune شروع می‌شود." \
	"کارت هویت (ID-kort) را بیاورید" "جلسه 45 دقیقه طول می‌کشد"
po ti "ምኽሪ ስራሕ" "ካልኣይ ደረጃ ቤት ትምህርቲ" "እንቋዕ ብደሓን መጻእኩም" \
	"ኣኼባ ብ 12 መጋቢት 2024 ሰዓት 10:30 ኣብ Oslo Kommune ይጅምር።" \
	"መንነት ካርድ (ID-kort) ሒዝኩም ምጹ" "ኣኼባ 45 ደቒቕ ይወስድ"
po am "የሙያ ምክር" "ሁለተኛ ደረጃ ትምህርት ቤት" "እንኳን ደህና መጡ" \
	"ስብሰባው መጋቢት 12 ቀን 2024 በ10:30 በ Oslo Kommune ይጀምራል።" \
	"መታወቂያ ካርድ (ID-kort) ይዘው ይምጡ" "ስብሰባው 45 ደቂቃ ይወስዳል"
po uk "Кар'єрне консультування" "Старша школа" "Ласкаво просимо" \
	"Зустріч починається о 10:30, 12 березня 2024 року в Oslo Kommune." \
	"Візьміть посвідчення (ID-kort)" "Зустріч триває 45 хвилин"
po ckb "ڕێنمایی پیشەیی" "قوتابخانەی ئامادەیی" "بەخێربێن" \
	"کۆبوونەوەکە لە کاتژمێر 10:30ی ڕۆژی 12ی ئازاری 2024 لە Oslo Kommune \
دەست پێدەکات." \
	"ناسنامە (ID-kort) لەگەڵ خۆت بهێنە" "کۆبوونەوەکە 45 خولەک دەخایەنێت"

if ! "$VB" build "$P" -o "$TMP/lib" >"$TMP/build.log" 2>&1; then
	fail text_screens_fixture \
		"veiviser-build failed: $(tail -n 3 "$TMP/build.log")"
	exit 1
fi

# play NAME SCRIPT-LINES [OPTIONS...]: runs the player headless on the
# library, writing $TMP/NAME.log; returns its exit status.
play() {
	name=$1
	printf '%b' "$2" >"$TMP/$name.script"
	shift 2
	"$VP" --headless --script "$TMP/$name.script" \
		--screenshot-dir "$TMP/shots" --log-json "$TMP/$name.log" \
		--exit-after 10 "$@" >"$TMP/$name.err" 2>&1
}

# missing_total LOG: the largest missing_glyphs value of any event, or
# "none" when the log has no such field.
missing_max() {
	jq -r '.missing_glyphs // empty' "$1" |
		sort -n | tail -n 1 | grep . || echo none
}

# bands PNG: one line per band of inked rows above the controls:
# "TOP BOTTOM LEFT RIGHT". Ink is anything much brighter than the dark
# background: text, and the bullets. Gaps under 12 rows (a madda above a
# letter) do not end a band.
bands() {
	ffmpeg -nostdin -v error -i "$1" -vf "crop=1920:850:0:0,format=gray" \
		-f rawvideo - | od -An -v -tu1 -w1920 | awk '
	{
		l = -1; r = -1
		for (i = 1; i <= NF; i++)
			if ($i > 150) { if (l < 0) l = i - 1; r = i - 1 }
		if (l >= 0) {
			if (!in_band) {
				top = NR - 1; bl = l; br = r; in_band = 1
			}
			if (l < bl) bl = l
			if (r > br) br = r
			bottom = NR - 1
		} else if (in_band && NR - 1 - bottom >= 12) {
			print top, bottom, bl, br; in_band = 0
		}
	}
	END { if (in_band) print top, bottom, bl, br }'
}

# Attract screen, then the language picker with every endonym.
if play pick '0.2 screenshot attract\n0.3 tap 960 540
0.5 screenshot pick\n0.6 quit\n' "$TMP/lib"; then
	m=$(missing_max "$TMP/pick.log")
	if [ "$m" = 0 ] && grep -q '"screen":"language"' "$TMP/pick.log"; then
		pass text_screens_picker_no_missing_glyphs
	else
		fail text_screens_picker_no_missing_glyphs "missing_glyphs $m"
	fi
else
	fail text_screens_picker_no_missing_glyphs \
		"player failed: $(tail -n 2 "$TMP/pick.err")"
fi

for lang in nb ar prs ti am uk ckb; do
	if play "$lang" "0.2 tap 960 540\n0.5 screenshot $lang\n0.6 quit\n" \
		--lang "$lang" "$TMP/lib" &&
		grep -q '"screen":"sequence"' "$TMP/$lang.log"; then
		m=$(missing_max "$TMP/$lang.log")
		if [ "$m" = 0 ]; then
			pass "text_screens_${lang}_no_missing_glyphs"
		else
			fail "text_screens_${lang}_no_missing_glyphs" \
				"missing_glyphs $m"
		fi
	else
		fail "text_screens_${lang}_no_missing_glyphs" \
			"no slide shown: $(tail -n 2 "$TMP/$lang.err")"
	fi
done

# Control: text that no font has must be counted.
mkdir -p "$TMP/ctl" "$TMP/ctl-lib"
cp "$P/pack.xml" "$TMP/ctl/pack.xml"
P=$TMP/ctl
sed -i 's|<languages>.*</languages>|<languages>nb uk</languages>|' "$P/pack.xml"
mkdir -p "$P/po"
po uk "漢字" "漢字" "漢字 汉字" "漢字" "漢字" "漢字"
if "$VB" build "$P" -o "$TMP/ctl-lib" >/dev/null 2>&1 &&
	play ctl '0.2 tap 960 540\n0.5 screenshot ctl\n0.6 quit\n' --lang uk \
		"$TMP/ctl-lib"; then
	m=$(missing_max "$TMP/ctl.log")
	if [ "$m" != none ] && [ "$m" -gt 0 ]; then
		pass text_screens_missing_glyphs_reported
	else
		fail text_screens_missing_glyphs_reported \
			"missing_glyphs $m for Han text"
	fi
else
	fail text_screens_missing_glyphs_reported "the control did not run"
fi

# Alignment, read from the pixels of the slides.
for lang in nb ar prs ti uk ckb; do
	[ -f "$TMP/shots/$lang.png" ] || continue
	bands "$TMP/shots/$lang.png" >"$TMP/$lang.bands"
done
if [ -s "$TMP/nb.bands" ] && [ -s "$TMP/ar.bands" ]; then
	# The heading is the first band; its margin on the start side.
	nb_margin=$(awk 'NR == 1 { print $3 }' "$TMP/nb.bands")
	ar_margin=$(awk 'NR == 1 { print 1919 - $4 }' "$TMP/ar.bands")
	d=$((nb_margin - ar_margin))
	if [ "${d#-}" -le 8 ] && [ "$nb_margin" -lt 300 ]; then
		pass text_screens_rtl_heading_mirrors_ltr
	else
		fail text_screens_rtl_heading_mirrors_ltr \
			"nb left margin $nb_margin, ar right margin $ar_margin"
	fi
fi
for lang in ar prs ckb; do
	f=$TMP/$lang.bands
	if [ ! -s "$f" ]; then
		fail "text_screens_${lang}_ink_right_aligned" "no screenshot"
		continue
	fi
	# Every band ends near the right margin; the short heading starts
	# right of the middle.
	if awk -v m="$ar_margin" '
		{ if (1919 - $4 > m + 60) bad = 1 }
		NR == 1 && $3 < 960 { bad = 1 }
		END { exit bad || NR < 3 }' "$f"; then
		pass "text_screens_${lang}_ink_right_aligned"
	else
		fail "text_screens_${lang}_ink_right_aligned" \
			"bands: $(tr '\n' ';' <"$f")"
	fi
done
for lang in nb ti uk; do
	f=$TMP/$lang.bands
	if [ ! -s "$f" ]; then
		fail "text_screens_${lang}_ink_left_aligned" "no screenshot"
		continue
	fi
	if awk -v m="$nb_margin" '
		{ if ($3 > m + 60) bad = 1 }
		NR == 1 && $4 > 960 { bad = 1 }
		END { exit bad || NR < 3 }' "$f"; then
		pass "text_screens_${lang}_ink_left_aligned"
	else
		fail "text_screens_${lang}_ink_left_aligned" \
			"bands: $(tr '\n' ';' <"$f")"
	fi
done
