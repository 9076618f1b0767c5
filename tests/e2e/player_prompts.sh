#!/bin/sh
# Spoken prompts in the pickers: tapping a language whose bundles carry a
# language prompt logs a "prompt" event and starts playing it; tapping a
# level whose bundle carries a level prompt does the same; a level without
# one logs none. The flow goes on as without prompts.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/prompts_fixture.inc"

prompt_bundles "player prompts" || exit 0
# Taps as in player_flow.sh: nb, its first level (no-schooling), home,
# ar, its first level (mirrored; no level prompt in ar).
cat >"$TMP/s.script" <<'SCRIPT'
1.0 tap 480 270
1.5 tap 480 140
2.0 tap 347 250
3.0 key Home
3.4 tap 480 230
3.8 tap 612 250
4.2 quit
SCRIPT
log=$TMP/log.json
"$VP" --headless --window 960x540 --script "$TMP/s.script" \
	--log-json "$log" "$TMP/b" 2>"$TMP/err"
expect "player prompts: runs to the end of the script" [ $? -eq 0 ]
expect "player prompts: tapping nb logs its language prompt" \
	grep -q '"event":"prompt","lang":"nb","member":"media/[0-9a-f]*-prompt-language.opus"' "$log"
expect "player prompts: tapping the level logs its level prompt" \
	grep -q '"event":"prompt","lang":"nb","level":"no-schooling"' "$log"
expect "player prompts: tapping ar logs the ar prompt" \
	grep -q '"event":"prompt","lang":"ar","member"' "$log"
expect "player prompts: an ar level without a prompt logs none" \
	[ "$(grep -c '"event":"prompt"' "$log")" -eq 3 ]
expect "player prompts: the prompt is played" \
	grep -q '"event":"narration_start".*prompt-language.opus' "$log"
expect "player prompts: the flow still reaches the ar sequence" \
	grep -q '"event":"screen","name":"sequence","lang":"ar"' "$log"

# The end screen speaks its prompt once when it appears (nb has one, ar
# not): a key leaves the attract screen, End goes to the last item and
# next past it.
printf '0.5 key End\n1 key End\n1.5 key Right\n2.5 quit\n' >"$TMP/e.script"
"$VP" --headless --lang nb --level no-schooling --script "$TMP/e.script" \
	--log-json "$TMP/e.json" "$TMP/b" 2>"$TMP/err"
expect "player prompts: the end screen appears" \
	grep -q '"event":"screen","name":"end"' "$TMP/e.json"
expect "player prompts: the end screen speaks its prompt, once" \
	[ "$(jq -r 'select(.event == "prompt" and .screen == "end") |
		.member' "$TMP/e.json" | grep -c 'prompt-end.opus$')" -eq 1 ]
expect "player prompts: the end prompt is played" \
	grep -q '"event":"narration_start".*prompt-end.opus' "$TMP/e.json"
cp "$TMP/e.script" "$TMP/a.script"
"$VP" --headless --lang ar --level no-schooling --script "$TMP/a.script" \
	--log-json "$TMP/a.json" "$TMP/b" 2>"$TMP/err"
expect "player prompts: the ar end screen appears" \
	grep -q '"event":"screen","name":"end"' "$TMP/a.json"
expect "player prompts: an end screen without a prompt in ar speaks none" \
	[ "$(jq -r 'select(.event == "prompt") | .screen' "$TMP/a.json" |
		grep -c end)" -eq 0 ]

# The end screen's prompt belongs to it: Home half a second into its
# 0.7 s goes back to the start, and the prompt stops there instead of
# speaking on over the attract screen to its end.
printf '0.5 key End\n1 key End\n1.5 key Right\n2 key Home\n4 quit\n' \
	>"$TMP/h.script"
"$VP" --headless --lang nb --level no-schooling --script "$TMP/h.script" \
	--log-json "$TMP/h.json" "$TMP/b" 2>"$TMP/err"
expect "player prompts: Home on the end screen goes to the start" \
	grep -q '"event":"screen","name":"attract"' "$TMP/h.json"
expect "player prompts: Home stops the end screen's prompt" \
	[ "$(grep -c '"event":"narration_end".*prompt-end.opus' \
		"$TMP/h.json")" -eq 0 ]
