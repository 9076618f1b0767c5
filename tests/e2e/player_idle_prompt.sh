#!/bin/sh
# The idle question's spoken prompt (<idle> in pack.xml): on a kiosk it is
# spoken once when "Are you still there?" appears, over a slide's paused
# narration, which is held and comes back after a tap; a tap stops the
# prompt; the countdown runs on while it speaks, so the reset comes as
# long after the question as without a prompt (the ar bundles have none),
# cutting the prompt (16 s, longer than the 15 s countdown) short. Only
# the language picker's question, where the language is not known and
# every language speaks in turn, lasts until each has been heard.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/prompts_fixture.inc"

prompt_bundles "idle prompt" || exit 0

# events LOG EVENT: the event's lines, one JSON object each
events() { jq -c "select(.event == \"$2\")" "$1"; }
# at LOG EVENT [FILTER]: the time of the event's first line (FILTER: a jq
# condition on it as well)
at() { jq -r "select(.event == \"$2\" and (${3:-true})) | .t" "$1" |
	head -n 1; }

# A key leaves the attract screen for the first slide, whose 1 s
# narration P pauses at once; 3 s later the question comes; a tap at 6
# goes back; P at 7 plays the slide on.
cat >"$TMP/tap.script" <<'SCRIPT'
0.5 key Right
0.7 key P
6.0 tap 480 270
7.0 key P
9.0 quit
SCRIPT
log=$TMP/tap.json
"$VP" --headless --window 960x540 --idle-timeout 3 --lang nb \
	--level no-schooling --script "$TMP/tap.script" --log-json "$log" \
	"$TMP/b" 2>"$TMP/err"
expect "idle prompt: the player runs to the end of the script" [ $? -eq 0 ]
asked=$(at "$log" screen '.name == "idle"')
expect "idle prompt: the question appears" [ -n "$asked" ]
expect "idle prompt: it is spoken once, in nb, from its member" \
	[ "$(events "$log" prompt | jq -r 'select(.screen == "idle") |
		"\(.t) \(.lang) \(.member)"' |
		grep -c "^$asked nb media/[0-9a-f]*-prompt-idle.opus\$")" -eq 1 ]
expect "idle prompt: one prompt event for the idle screen in all" \
	[ "$(events "$log" prompt | grep -c '"screen":"idle"')" -eq 1 ]
tap=$(at "$log" input '.screen == "idle"')
# line LOG EVENT FILTER: where the event's first line is in the log
line() { jq "select(.event == \"$2\" and ($3)) | input_line_number" \
	"$1" | head -n 1; }
n_asked=$(line "$log" screen '.name == "idle"')
n_start=$(line "$log" narration_start '.item | test("prompt-idle.opus$")')
n_tap=$(line "$log" input '.screen == "idle"')
expect "idle prompt: it starts playing after the question, before the tap" \
	[ "${n_start:-0}" -gt "${n_asked:-0}" -a "${n_start:-0}" -lt "${n_tap:-0}" ]
expect "idle prompt: the tap stops it" \
	[ "$(at "$log" prompt_stop '.screen == "idle"')" = "$tap" ]
expect "idle prompt: it was cut, not played to its end" \
	sh -c "! grep '\"event\":\"narration_end\"' '$log' |
		grep -q 'prompt-idle.opus'"
expect "idle prompt: the tap goes back to the slide" \
	[ "$(events "$log" screen | tail -n 1 | jq -r .name)" = sequence ]
expect "idle prompt: the slide's held narration plays on after P" \
	[ "$(at "$log" narration_end '.item | test("welcome.wav$")' |
		jq -r --argjson tap "$tap" '. > $tap')" = true ]

# No tap, on the level picker (nothing paused there: media would hold
# the idle timer): the language is known, so a bundle of it speaks; the
# reset comes as long after the question as without a prompt (ar has
# none), and it stops the prompt still speaking.
printf '1.0 tap 480 270\n1.5 tap 480 140\n25.0 quit\n' >"$TMP/wait-nb.script"
printf '1.0 tap 480 270\n1.5 tap 480 230\n25.0 quit\n' >"$TMP/wait-ar.script"
for lang in nb ar; do
	"$VP" --headless --window 960x540 --idle-timeout 3 \
		--script "$TMP/wait-$lang.script" \
		--log-json "$TMP/wait-$lang.json" "$TMP/b" 2>"$TMP/err"
	expect "idle prompt: $lang runs to the end of the script" [ $? -eq 0 ]
	expect "idle prompt: $lang asks on the level picker" \
		[ "$(events "$TMP/wait-$lang.json" input |
			jq -r 'select(.screen == "idle") | .input')" = "" -a \
		  "$(events "$TMP/wait-$lang.json" screen | jq -r .name |
			tr '\n' ' ')" = "attract language level idle attract " ]
done
w=$TMP/wait-nb.json
expect "idle prompt: on the level picker it speaks in the language chosen" \
	[ "$(at "$w" prompt '.screen == "idle" and .lang == "nb"')" \
		= "$(at "$w" screen '.name == "idle"')" ]
reset_nb=$(at "$w" reset)
expect "idle prompt: nb resets" [ -n "$reset_nb" ]
# countdown LOG: frames of the virtual clock (1/30 s; the log's times are
# rounded to ms) from the question to the reset
countdown() { awk -v a="$(at "$1" screen '.name == "idle"')" \
	-v r="$(at "$1" reset)" 'BEGIN { printf "%d\n", (r - a) * 30 + 0.5 }'; }
expect "idle prompt: the countdown runs as without a prompt (ar)" \
	[ "$(countdown "$w")" = "$(countdown "$TMP/wait-ar.json")" ]
expect "idle prompt: ar (no idle prompt) speaks none" \
	[ -z "$(at "$TMP/wait-ar.json" prompt '.screen == "idle"')" ]
expect "idle prompt: nb spoke it until the reset stopped it" \
	[ "$(at "$w" prompt_stop '.screen == "idle"')" = "$reset_nb" ]

# A paused slide's question: the reset stops the prompt too.
printf '0.5 key Right\n0.7 key P\n22.0 quit\n' >"$TMP/paused.script"
"$VP" --headless --window 960x540 --idle-timeout 3 --lang nb \
	--level no-schooling --script "$TMP/paused.script" \
	--log-json "$TMP/paused.json" "$TMP/b" 2>"$TMP/err"
expect "idle prompt: a paused slide's question resets, stopping it" \
	[ "$(at "$TMP/paused.json" prompt_stop '.screen == "idle"')" = \
	  "$(at "$TMP/paused.json" reset)" -a \
	  -n "$(at "$TMP/paused.json" reset)" ]

# A group screen never asks, and so never speaks it.
"$VP" --headless --group --window 960x540 --idle-timeout 3 --lang nb \
	--level no-schooling --script "$TMP/paused.script" \
	--log-json "$TMP/group.json" "$TMP/b" 2>"$TMP/err"
expect "idle prompt: a group screen speaks none" \
	sh -c "! grep -q '\"event\":\"prompt\"' '$TMP/group.json'"

# Before a language is chosen (the language picker) the participant's
# language is not known: the question speaks the idle prompt of each
# language that has one, in the picker's order (nb ar ti), one after the
# other, until a tap or the reset. A copy of the pack with short nb and
# ti prompts (1 s each; ar has none).
# ti_pack N TI_SECONDS [NB_SECONDS]: a copy of the pack, $TMP/packN,
# with a ti idle prompt of TI_SECONDS (and nb's made NB_SECONDS long),
# built into $TMP/bN; reports the fixture's failure
ti_pack() {
	cp -r "$TMP/pack" "$TMP/pack$1" &&
	mkdir -p "$TMP/pack$1/media/ti" &&
	ffmpeg -nostdin -v error -y -f lavfi -i "sine=f=600:d=$2" \
		-c:a libopus -b:a 24k "$TMP/pack$1/media/ti/prompt-idle.opus" &&
	{ [ -z "${3:-}" ] ||
	  ffmpeg -nostdin -v error -y -f lavfi -i "sine=f=600:d=$3" \
		-c:a libopus -b:a 24k "$TMP/pack$1/media/nb/prompt-idle.opus"; } &&
	sed -i 's|<idle><prompt lang="nb" src="media/nb/prompt-idle.opus"/>|&\
    <prompt lang="ti" src="media/ti/prompt-idle.opus"/>|' \
		"$TMP/pack$1/pack.xml" &&
	"$VB" build "$TMP/pack$1" -o "$TMP/b$1" >"$TMP/build$1.out" 2>&1 ||
	{ fail "idle prompt: fixture $1" "$(tail -n 3 "$TMP/build$1.out")"
	  return 1; }
}
# pick_wait N QUIT [WHAT]: the language picker of $TMP/bN left alone
# until QUIT s, logged in $TMP/pickN.json: it asks, resets, and speaks
# nb, then ti (WHAT: "long prompts: " before the checks' names)
pick_wait() {
	printf '1.0 tap 480 270\n%s quit\n' "$2" >"$TMP/pick$1.script"
	"$VP" --headless --window 960x540 --idle-timeout 3 \
		--script "$TMP/pick$1.script" --log-json "$TMP/pick$1.json" \
		"$TMP/b$1" 2>"$TMP/err"
	expect "idle prompt: ${3:-}the language picker asks, then resets" \
		[ "$(events "$TMP/pick$1.json" screen | jq -r .name |
			tr '\n' ' ')" = "attract language idle attract " ]
	expect "idle prompt: ${3:-}on the language picker it speaks nb, then ti" \
		[ "$(events "$TMP/pick$1.json" prompt |
			jq -r 'select(.screen == "idle") | .lang' |
			tr '\n' ' ')" = "nb ti " ]
}
ti_pack 2 1 1 || exit 0
pick_wait 2 25.0
p=$TMP/pick2.json
expect "idle prompt: the language picker's first prompt comes with the question" \
	[ "$(at "$p" prompt '.screen == "idle"')" = \
	  "$(at "$p" screen '.name == "idle"')" ]
# (in the log's order: the two clocks' times are rounded differently)
nb_end=$(line "$p" narration_end '.item | test("prompt-idle.opus$")')
ti_at=$(line "$p" prompt '.screen == "idle" and .lang == "ti"')
expect "idle prompt: ti is spoken after nb has ended" \
	[ "${ti_at:-0}" -gt "${nb_end:-0}" -a "${nb_end:-0}" -gt 0 ]
expect "idle prompt: the countdown runs as without a prompt (language picker)" \
	[ "$(countdown "$p")" = "$(countdown "$TMP/wait-ar.json")" ]

# Prompts longer than the countdown on the language picker (nb's 16 s,
# then ti's 7 s): the question stays up until each language's prompt has
# been spoken once, to its end, with time left to answer, so a
# participant who cannot read and whose language comes last hears it
# too. The level picker's question keeps its countdown (above).
ti_pack 3 7 || exit 0
pick_wait 3 50.0 "long prompts: "
l=$TMP/pick3.json
expect "idle prompt: long prompts: both play to their end" \
	[ "$(events "$l" narration_end |
		grep -c 'prompt-idle.opus')" -eq 2 ]
expect "idle prompt: long prompts: none is cut by the reset" \
	sh -c "! grep -q '\"event\":\"prompt_stop\"' '$l'"
n_last=$(line "$l" narration_end '.item | test("prompt-idle.opus$")' |
	tail -n 1)
n_reset=$(line "$l" reset true)
expect "idle prompt: long prompts: the reset comes after the last one" \
	[ "${n_reset:-0}" -gt "${n_last:-0}" -a "${n_last:-0}" -gt 0 ]
expect "idle prompt: long prompts: the countdown shown counts to the reset" \
	[ "$(events "$l" screen | jq -r 'select(.name == "idle") | .countdown')" \
		= "$(awk -v a="$(at "$l" screen '.name == "idle"')" \
		     -v r="$(at "$l" reset)" \
		     'BEGIN { printf "%d\n", r - a + 0.5 }')" ]
