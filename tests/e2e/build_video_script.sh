#!/bin/sh
# A film's <script> (what the presenter says before or over it) reaches
# the bundle and the presenter console: the builder dropped it from the
# manifest without a word.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

P=$TMP/pack
mkdir -p "$P/media" "$P/po" && echo nb >"$P/po/LINGUAS" &&
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc=duration=2:size=160x90:rate=10" \
	-c:v libx264 -preset ultrafast -pix_fmt yuv420p "$P/media/f.mkv" ||
	{ fail "video script: fixture" "ffmpeg failed"; exit 0; }
cat >"$P/pack.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<pack xmlns="urn:veiviser:pack:1" id="vs" version="1.0.0" source-lang="nb">
  <title>Film</title>
  <languages>nb</languages>
  <levels><level id="all">Alle</level></levels>
  <items>
    <slide id="s"><heading>Start</heading><p>Tekst</p></slide>
    <video id="film"><title>Filmen</title><source src="media/f.mkv"/>
      <script>Nå ser vi filmen om veiledning.</script></video>
  </items>
</pack>
XML
if ! "$VB" build "$P" -o "$TMP/b" >"$TMP/build.out" 2>&1; then
	fail "video script: build" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
b=$(ls "$TMP"/b/*.vvb)
if tar xOf "$b" manifest.xml | tr -d '\n' |
	grep -q '<video[^>]*id="film".*<script>Nå ser vi filmen om veiledning.</script>.*</video>'
then
	pass "video script: the manifest keeps the film's script"
else
	fail "video script: manifest" "$(tar xOf "$b" manifest.xml | grep -A4 '<video')"
fi
if "$VB" info "$b" >"$TMP/info" 2>&1 && grep -A2 'video film' "$TMP/info" |
	grep -q script; then
	pass "video script: info lists it"
else
	fail "video script: info" "$(cat "$TMP/info")"
fi
printf '0.2 key Right\n0.5 screenshot film\n0.6 quit\n' >"$TMP/s.script"
"$VP" --headless --group --participants 1 --session-dir "$TMP/sess" \
	--script "$TMP/s.script" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/log.json" "$TMP/b" >"$TMP/play.out" 2>&1
c=$(grep '"event":"console_screenshot"' "$TMP/log.json")
case "$c" in
*'"id":"film"'*'"script":"Nå ser vi filmen om veiledning."'*)
	pass "video script: the presenter console shows it" ;;
*)	fail "video script: console" "$c; $(head -c 300 "$TMP/play.out")" ;;
esac
