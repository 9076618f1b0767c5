# Local details filled on site: one pack with {placeholders}, a site file
# per kiosk (--site). The Arabic slide shows the phone number and the
# Latin address isolated (FSI..PDI, so they keep their order in
# right-to-left text), a value missing from the site file shows a neutral
# mark (never a raw {name}), the log and the staff's operator screen say
# which one is missing; bad or missing --site files stop the player with
# one line naming the file; check lists the placeholders the pack needs.
. "$TOP/tests/lib.sh"

FSI=$(printf '\342\201\250')
PDI=$(printf '\342\201\251')
NBSP=$(printf '\302\240')
P=$TMP/pack
mkdir -p "$P/po"
cat >"$P/pack.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="site" version="1.0.0" source-lang="nb">
  <title>Karriereveiledning</title>
  <languages>nb ar</languages>
  <levels><level id="no-schooling">Ingen skolegang</level></levels>
  <items>
    <slide id="contact">
      <heading>{centre_name}</heading>
      <p>Ring oss på {centre_phone}.</p>
      <p>Adresse: {centre_address}.</p>
      <list><li>Vi møtes i {meeting_place}.</li></list>
    </slide>
  </items>
</pack>
EOF
echo ar >"$P/po/LINGUAS"
cat >"$P/po/ar.po" <<'EOF'
msgid ""
msgstr ""
"Language: ar\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\n"

msgctxt "pack/title"
msgid "Karriereveiledning"
msgstr "الإرشاد المهني"

msgctxt "level/no-schooling"
msgid "Ingen skolegang"
msgstr "بدون تعليم"

msgctxt "contact/heading"
msgid "{centre_name}"
msgstr "{centre_name}"

msgctxt "contact/p.1"
msgid "Ring oss på {centre_phone}."
msgstr "اتصل بنا على {centre_phone}."

msgctxt "contact/p.2"
msgid "Adresse: {centre_address}."
msgstr "العنوان: {centre_address}."

msgctxt "contact/li.1"
msgid "Vi møtes i {meeting_place}."
msgstr "نلتقي في {meeting_place}."
EOF
"$VB" build "$P" -o "$TMP/b" >"$TMP/build.log" 2>&1 ||
	{ fail "player site: fixture" "$(tail -n 3 "$TMP/build.log")"; exit 0; }

"$VB" check "$P" >"$TMP/check.log" 2>&1
expect "check lists the placeholders the pack needs" \
	grep -q "local details.*centre_address, centre_name, centre_phone, meeting_place" \
	"$TMP/check.log"
"$VB" check "$P" --json >"$TMP/check.json" 2>/dev/null
expect "check --json lists them too" grep -q \
	'"placeholders":\["centre_address","centre_name","centre_phone","meeting_place"\]' \
	"$TMP/check.json"

cat >"$TMP/site.conf" <<'EOF'
# Oslo
centre_name = Karrieresenteret Oslo
centre_name.ar = مركز المهن أوسلو
centre_phone = +47 22 33 44 55
centre_address = Storgata 1, 0155 Oslo
EOF
printf '0.2 key Space\n0.8 screenshot slide\n0.9 key ctrl+alt+o\n1.2 screenshot staff\n1.3 quit\n' \
	>"$TMP/s.script"
# From $TMP, so the site file's path is short enough for the log's box
# texts (their first 47 characters) to show the names after it.
(cd "$TMP" && "$VP" --headless --window 960x540 --lang ar \
	--level no-schooling --site site.conf --script s.script \
	--screenshot-dir shots --log-json log.json b 2>err.log)
expect "the player runs with a site file" [ $? -eq 0 ]
boxes() { grep '"event":"box"' "$TMP/log.json"; }
expect "the Arabic value for centre_name.ar" \
	sh -c "grep '\"event\":\"box\"' '$TMP/log.json' | grep -qF '\"text\":\"${FSI}مركز المهن أوسلو${PDI}\"'"
expect "the phone number is isolated in the Arabic sentence, its groups joined (no line break inside it; the box text ends at 47 characters)" \
	sh -c "grep '\"event\":\"box\"' '$TMP/log.json' | grep -qF 'اتصل بنا على ${FSI}+47${NBSP}22${NBSP}33${NBSP}44${NBSP}55'"
expect "the Latin address is isolated too" \
	sh -c "grep '\"event\":\"box\"' '$TMP/log.json' | grep -qF '${FSI}Storgata 1, 0155 Oslo${PDI}'"
expect "a missing value shows a neutral mark" \
	sh -c "grep '\"event\":\"box\"' '$TMP/log.json' | grep -qF 'نلتقي في …'"
expect "no raw {placeholder} is ever drawn" \
	sh -c "! grep '\"event\":\"box\"' '$TMP/log.json' | grep -q '\"text\":\"[^\"]*{'"
expect "the log names the missing value" \
	grep -q '"event":"site","path":"site.conf","missing":"meeting_place"' \
	"$TMP/log.json"
expect "stderr says which value is missing and where" \
	grep -q "site.conf: no value for meeting_place" "$TMP/err.log"
# In the staff's language (nb), not the visit's (Arabic), the path
# isolated; the log's box texts are cut short, the operator event has the
# names.
expect "the staff's operator screen says which is missing" \
	sh -c "grep '\"event\":\"box\"' '$TMP/log.json' | grep -qF 'Lokale opplysninger mangler i ${FSI}site' &&
	       grep -q '\"event\":\"operator\",\"shown\":1,\"site_missing\":\"meeting_place\"' '$TMP/log.json'"
[ -f "$TMP/shots/slide.png" ] && [ -f "$TMP/shots/staff.png" ]
expect "screenshots of the slide and the staff screen" [ $? -eq 0 ]

# Every value there: nothing missing, no mark.
echo "meeting_place = Rådhuset, 2. etasje" >>"$TMP/site.conf"
"$VP" --headless --window 960x540 --lang ar --level no-schooling \
	--site "$TMP/site.conf" --script "$TMP/s.script" \
	--screenshot-dir "$TMP/shots" --log-json "$TMP/full.json" "$TMP/b" \
	2>"$TMP/err.log"
expect "a complete site file: nothing missing" \
	sh -c "grep -q '\"event\":\"site\".*\"missing\":\"\"' '$TMP/full.json' &&
	       ! grep -q 'Local details missing' '$TMP/full.json' &&
	       grep -qF '${FSI}Rådhuset, 2. etasje${PDI}' '$TMP/full.json'"

# Bad site files stop the player with one line naming the file.
"$VP" --headless --site "$TMP/none.conf" --exit-after 0.1 "$TMP/b" \
	>/dev/null 2>"$TMP/err.log"
rc=$?
expect "a missing --site file: exit 2 naming it" \
	sh -c "[ $rc -eq 2 ] && grep -q 'none.conf: cannot read the site file' '$TMP/err.log'"
printf 'centre_name = Oslo\nthis is not a setting\n' >"$TMP/bad.conf"
"$VP" --headless --site "$TMP/bad.conf" --exit-after 0.1 "$TMP/b" \
	>/dev/null 2>"$TMP/err.log"
rc=$?
expect "a bad line: exit 2 naming file and line" \
	sh -c "[ $rc -eq 2 ] && grep -q 'bad.conf:2: ' '$TMP/err.log'"
printf 'centre_name = \377\n' >"$TMP/latin1.conf"
"$VP" --headless --site "$TMP/latin1.conf" --exit-after 0.1 "$TMP/b" \
	>/dev/null 2>"$TMP/err.log"
rc=$?
expect "a file that is not UTF-8: exit 2" \
	sh -c "[ $rc -eq 2 ] && grep -q 'latin1.conf: .*UTF-8' '$TMP/err.log'"

# Without --site and without /etc/veiviser/site.conf every value is
# missing, and the kiosk still runs.
if [ ! -e /etc/veiviser/site.conf ]; then
	"$VP" --headless --window 960x540 --lang ar --level no-schooling \
		--script "$TMP/s.script" --screenshot-dir "$TMP/shots" \
		--log-json "$TMP/none.json" "$TMP/b" 2>/dev/null
	rc=$?
	expect "no site file at all: the kiosk runs, all four missing" \
		sh -c "[ $rc -eq 0 ] && grep -q '\"missing\":\"centre_name, centre_phone, centre_address, meeting_place\"' '$TMP/none.json'"
fi
