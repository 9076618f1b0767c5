# Spoken prompts: <prompt> in <languages> and in a <level> of pack.xml
# become audio members of the bundle of their language, named by the
# manifest (<language prompt="..." end-prompt="..."> and <level><prompt
# member duration>); <end>'s prompt is the end screen's, <idle>'s the
# idle question's (<language idle-prompt="...">);
# bundles of other languages get none; verify accepts them; a prompt
# whose audio is tagged with another language stops the build.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/build_fixture.inc"
. "$TOP/tests/e2e/prompts_fixture.inc"

P=$TMP/pack
make_pack "$P" || { fail fixture "could not make the fixture pack"; exit 1; }
add_prompts "$P" ||
	{ fail fixture "ffmpeg could not make the prompts"; exit 1; }
expect "the fixture has five prompts" \
	[ "$(grep -c '<prompt ' "$P/pack.xml")" -eq 5 ]

O=$TMP/out
"$VB" build "$P" -o "$O" >"$TMP/log" 2>&1
expect "a pack with prompts builds" [ $? -eq 0 ]
expect "still six bundles" [ "$(ls "$O"/*.vvb | wc -l)" -eq 6 ]
NB=$O/pack-small-1.0.0-nb-no-schooling.vvb
NB2=$O/pack-small-1.0.0-nb-upper-secondary.vvb
AR=$O/pack-small-1.0.0-ar-no-schooling.vvb
TI=$O/pack-small-1.0.0-ti-no-schooling.vvb
member "$NB" manifest.xml >"$TMP/nb.xml"
member "$NB2" manifest.xml >"$TMP/nb2.xml"
member "$AR" manifest.xml >"$TMP/ar.xml"
member "$TI" manifest.xml >"$TMP/ti.xml"
expect "nb manifest names its language prompt" \
	grep -q '<language code="nb"[^>]* prompt="media/[0-9a-f]*-prompt-language.opus"' "$TMP/nb.xml"
expect "nb no-schooling manifest has the level prompt with a duration" \
	grep -q '<prompt member="media/[0-9a-f]*-prompt-no-schooling.opus" duration="0\.' "$TMP/nb.xml"
expect "nb upper-secondary has the language prompt but no level prompt" \
	sh -c "grep -q 'prompt=\"media/' '$TMP/nb2.xml' && ! grep -q '<prompt ' '$TMP/nb2.xml'"
expect "the level prompt is an audio member of the bundle" \
	sh -c "tar tf '$NB' | grep -q 'prompt-no-schooling.opus\$'"
expect "ar manifest names the ar prompt, no level prompt" \
	sh -c "grep -q '<language code=\"ar\"[^>]* prompt=\"media/' '$TMP/ar.xml' && ! grep -q '<prompt ' '$TMP/ar.xml'"
expect "nb manifests name the end screen's prompt" \
	sh -c "grep -q '<language code=\"nb\"[^>]* end-prompt=\"media/[0-9a-f]*-prompt-end.opus\"' '$TMP/nb.xml' &&
	       grep -q 'end-prompt=\"media/' '$TMP/nb2.xml'"
expect "the end prompt is an audio member of the bundle" \
	sh -c "tar tf '$NB' | grep -q 'prompt-end.opus\$'"
expect "ar (no end prompt) names none" \
	sh -c "! grep -q 'end-prompt' '$TMP/ar.xml'"
expect "nb manifests name the idle question's prompt" \
	sh -c "grep -q '<language code=\"nb\"[^>]* idle-prompt=\"media/[0-9a-f]*-prompt-idle.opus\"' '$TMP/nb.xml' &&
	       grep -q 'idle-prompt=\"media/' '$TMP/nb2.xml'"
expect "the idle prompt is an audio member of the bundle" \
	sh -c "tar tf '$NB' | grep -q 'prompt-idle.opus\$'"
expect "ar (no idle prompt) names none" \
	sh -c "! grep -q 'idle-prompt' '$TMP/ar.xml'"
expect "ti (no prompt) has none" \
	sh -c "! grep -q 'prompt' '$TMP/ti.xml'"
"$VB" verify "$O"/*.vvb >/dev/null 2>"$TMP/verify.err"
expect "verify accepts the bundles with prompts" [ $? -eq 0 ]

ffmpeg -nostdin -v error -y -f lavfi -i sine=f=500:d=0.7 -c:a libopus \
	-metadata:s:a:0 language=eng "$P/media/ar/prompt-language.opus" ||
	{ fail fixture "ffmpeg could not tag the prompt"; exit 1; }
"$VB" build "$P" -o "$TMP/bad" >/dev/null 2>"$TMP/bad.err"
expect "a prompt tagged eng, declared ar, fails the build" [ $? -ne 0 ]
expect "the error names the prompt file" \
	grep -q "media/ar/prompt-language.opus" "$TMP/bad.err"

# The idle prompt is checked as the end prompt is: a missing file stops
# the build of its language and names the file.
rm "$P/media/nb/prompt-idle.opus"
"$VB" build "$P" -o "$TMP/gone" --lang nb >/dev/null 2>"$TMP/gone.err"
expect "a missing idle prompt fails the build" [ $? -ne 0 ]
expect "the error names the idle prompt file" \
	grep -q "media/nb/prompt-idle.opus" "$TMP/gone.err"
