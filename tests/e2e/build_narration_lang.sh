# A narration whose audio is tagged with another language than the one
# pack.xml declares for it stops the build with one line naming the file
# and both languages, and writes no bundle; a matching tag (ISO 639-2 for
# the declared BCP 47 code) and an untagged file pass.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
FF="ffmpeg -nostdin -v error -y"

# narration TAG: the ar narration as Ogg/Opus tagged TAG.
narration() {
	$FF -f lavfi -i sine=f=550:d=1 -c:a libopus \
		-metadata:s:a:0 language="$1" "$P/media/ar/welcome.opus"
}
sed -i 's|media/ar/welcome.wav|media/ar/welcome.opus|' "$P/pack.xml"

narration eng || { fail fixture "ffmpeg could not tag the narration"; exit 1; }
"$VB" build "$P" -o "$TMP/bad" >"$TMP/bad.out" 2>"$TMP/bad.err"
rc=$?
expect "a narration tagged eng, declared ar, fails the build" [ $rc -ne 0 ]
expect "the error names the file, the tag and the declared language" \
	grep -q "media/ar/welcome.opus.*'eng'.*'ar'" "$TMP/bad.err"
expect "the error is one line" [ "$(wc -l <"$TMP/bad.err")" -eq 1 ]
expect "no ar bundle is written" \
	[ -z "$(ls "$TMP/bad" 2>/dev/null | grep -- '-ar-')" ]

narration ara || { fail fixture "ffmpeg could not tag the narration"; exit 1; }
"$VB" build "$P" -o "$TMP/good" >/dev/null 2>"$TMP/good.err"
expect "a narration tagged ara, declared ar, builds" [ $? -eq 0 ]

$FF -f lavfi -i sine=f=550:d=1 -c:a libopus "$P/media/ar/welcome.opus" ||
	{ fail fixture "ffmpeg could not make the narration"; exit 1; }
"$VB" build "$P" -o "$TMP/untagged" >/dev/null 2>"$TMP/untagged.err"
expect "an untagged narration builds" [ $? -eq 0 ]
