# veiviser-build pot on tests/data/pack-small: the template msgfmt accepts,
# with msgctxt, references and notes, written only when it changes.
. "$TOP/tests/lib.sh"
P=$TMP/pack
cp -r "$TOP/tests/data/pack-small" "$P"
rm -f "$P/po/pack.pot"

"$VB" pot "$P" >"$TMP/out" 2>"$TMP/err"
expect "pot: exits 0" test $? -eq 0
expect "pot: writes po/pack.pot" test -s "$P/po/pack.pot"
expect "pot: no stderr" test ! -s "$TMP/err"
expect "pot: msgfmt --check accepts it" \
	msgfmt --check -o /dev/null "$P/po/pack.pot"
n=$(grep -c '^msgctxt ' "$P/po/pack.pot")
expect "pot: 17 messages" test "$n" -eq 17
expect "pot: msgctxt item/field" grep -qx 'msgctxt "welcome/li.2"' "$P/po/pack.pot"
expect "pot: cue msgctxt carries the start" \
	grep -qx 'msgctxt "film/cue@00:00:02.200"' "$P/po/pack.pot"
expect "pot: reference pack.xml:LINE" grep -qx '#: pack.xml:14' "$P/po/pack.pot"
expect "pot: cue reference names the subtitle file" \
	grep -qx '#: media/film.nb.srt:7' "$P/po/pack.pot"
expect "pot: note becomes an extracted comment" \
	grep -qx '#. Short: must fit one line on a screen' "$P/po/pack.pot"
expect "pot: inline markup kept as literal tags" grep -qF \
	'msgid "Denne pakken forteller deg om <b>karriereveiledning</b>."' \
	"$P/po/pack.pot"
expect "pot: charset UTF-8" grep -q 'charset=UTF-8' "$P/po/pack.pot"
# Every msgctxt/msgid pair of the template, as msgcat sees it, once.
dups=$(msgcat --use-first -o /dev/null "$P/po/pack.pot" 2>&1 | wc -l)
expect "pot: msgcat reads it without complaint" test "$dups" -eq 0

cp "$P/po/pack.pot" "$TMP/first.pot"
touch -d '2000-01-01' "$P/po/pack.pot"
"$VB" pot "$P" >/dev/null 2>&1
expect "pot: second run is byte-identical" cmp -s "$P/po/pack.pot" "$TMP/first.pot"
expect "pot: an unchanged template is not rewritten" \
	test "$(find "$P/po/pack.pot" -newermt '2001-01-01')" = ""

sed -i 's|<li>Hva som skjer i møtet</li>|<li>Hva som skjer på møtet</li>|' "$P/pack.xml"
"$VB" pot "$P" >/dev/null 2>&1
expect "pot: a changed source string reaches the template" \
	grep -qx 'msgid "Hva som skjer på møtet"' "$P/po/pack.pot"

"$VB" pot "$TMP/nowhere" >/dev/null 2>"$TMP/err"
rc=$?
expect "pot: missing pack dir exits 2" test "$rc" -eq 2
expect "pot: missing pack names the file" \
	grep -q "^$TMP/nowhere/pack.xml: " "$TMP/err"
"$VB" pot >/dev/null 2>&1
expect "pot: no argument is a usage error" test $? -eq 2
