#!/bin/sh
# End-to-end: a black or white room holds the film and the narration, so
# the room does not hear what it cannot see nor miss that part: their
# position stands still while blank (the console still shows the film's)
# and goes on from there when the slide is shown again, by b or w again
# or by a slide key. What the facilitator paused with p before blanking
# stays paused, and p pressed while blank does not start it behind the
# black. A slide reached by a number while blank plays as it always did.
# A film still loading when b, w or p comes (VV_TEST_FILM_LOAD keeps it
# loading) starts paused at its first frame, and plays by the same rules.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/group_fixture.inc"

# intro (0), film "vid" of 10 s (1), "talk" with 10 s of narration (2),
# last (3)
if ! film_talk_pack "$TMP" vid 10 10; then
	fail "group blank media: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi

# play NAME: runs the group session on the script $TMP/NAME.script, its
# screenshots in $TMP/NAME and its log in $TMP/NAME.json.
play() {
	"$VP" --headless --group --lang nb --level all \
		--script "$TMP/$1.script" --screenshot-dir "$TMP/$1" \
		--log-json "$TMP/$1.json" --session-dir "$TMP/sessions" \
		"$TMP/b" >"$TMP/$1.out" 2>&1
}

# at NAME SHOT FIELD: FIELD of the screenshot SHOT of run NAME (film_pos
# from its console's picture, narration_pos and item from the room's).
at() {
	case $3 in
	film_*) jget "$TMP/$1.json" console_screenshot path \
		"$TMP/$1/$2-console.png" "$3" ;;
	*) jget "$TMP/$1.json" screenshot path "$TMP/$1/$2.png" "$3" ;;
	esac
}

# still NAME FIELD A B: FIELD is a number, the same at screenshots A and B.
still() {
	s_a=$(at "$1" "$3" "$2") s_b=$(at "$1" "$4" "$2")
	[ -n "$s_a" ] && [ -n "$s_b" ] && awk "BEGIN { exit !($s_a == $s_b) }"
}

# moved NAME FIELD A B: FIELD is further on at B than at A.
moved() {
	m_a=$(at "$1" "$3" "$2") m_b=$(at "$1" "$4" "$2")
	[ -n "$m_a" ] && [ -n "$m_b" ] && awk "BEGIN { exit !($m_b > $m_a) }"
}

# positions NAME FIELD SHOT...: what the failure message shows.
positions() {
	pn=$1 pf=$2
	shift 2
	for ps in "$@"; do
		printf '%s=%s ' "$ps" "$(at "$pn" "$ps" "$pf")"
	done
}

# The film, blanked black and shown by b, then white and shown by a
# slide key (which only ends the blank: the film stays).
cat >"$TMP/film.script" <<'SCRIPT'
0.1 key Right
1.5 screenshot play
1.6 key b
2.5 screenshot black1
4.0 screenshot black2
4.1 key b
5.0 screenshot shown
5.1 key w
5.5 screenshot white1
6.5 screenshot white2
6.6 key Right
7.5 screenshot right
7.6 quit
SCRIPT
play film
expect "group blank media: the film's session runs" [ -f "$TMP/film/right.png" ]
expect "group blank media: the console shows the film's position while black" \
	[ -n "$(at film black1 film_pos)" ]
if moved film film_pos play black1 && still film film_pos black1 black2 &&
   moved film film_pos black2 shown; then
	pass "group blank media: b holds the film and b again goes on"
else
	fail "group blank media: b and the film" \
		"$(positions film film_pos play black1 black2 shown)"
fi
if still film film_pos white1 white2 && moved film film_pos white2 right &&
   [ "$(at film right item)" = 1 ]; then
	pass "group blank media: w holds the film and a slide key goes on"
else
	fail "group blank media: w and a slide key" \
		"$(positions film film_pos white1 white2 right), item $(at film right item)"
fi

# Paused with p before blanking: stays paused when shown again. Then p
# while blank (twice: pause, play) does not play the film behind the
# black; it goes on when shown.
cat >"$TMP/paused.script" <<'SCRIPT'
0.1 key Right
1.0 key p
1.5 screenshot paused
1.6 key b
2.5 key b
3.5 screenshot after
3.6 key p
4.5 screenshot playing
4.6 key b
5.0 screenshot held1
5.1 key p
5.2 key p
6.0 screenshot held2
6.1 key b
7.0 screenshot on
7.1 quit
SCRIPT
play paused
if still paused film_pos paused after &&
   [ "$(at paused after paused)" = 1 ]; then
	pass "group blank media: a film paused with p stays paused after the blank"
else
	fail "group blank media: paused film" \
		"$(positions paused film_pos paused after), paused '$(at paused after paused)'"
fi
if moved paused film_pos after playing && still paused film_pos held1 held2 &&
   moved paused film_pos held2 on; then
	pass "group blank media: p while blank does not play the film behind it"
else
	fail "group blank media: p while blank" \
		"$(positions paused film_pos after playing held1 held2 on)"
fi

# Narration: the room blanked on the film goes to the talk slide by its
# number, whose narration plays as always; then b holds it and b again
# goes on.
cat >"$TMP/talk.script" <<'SCRIPT'
0.1 key Right
0.5 key b
1.0 key 3
1.05 key Return
2.0 screenshot n1
3.0 screenshot n2
3.1 key b
4.0 screenshot n3
5.0 screenshot n4
5.1 key b
6.0 screenshot n5
6.1 quit
SCRIPT
play talk
if [ "$(at talk n1 item)" = 2 ] && moved talk narration_pos n1 n2; then
	pass "group blank media: a slide reached while blank plays its narration"
else
	fail "group blank media: slide reached while blank" \
		"item $(at talk n1 item), $(positions talk narration_pos n1 n2)"
fi
if still talk narration_pos n3 n4 && moved talk narration_pos n4 n5; then
	pass "group blank media: b holds the narration and b again goes on"
else
	fail "group blank media: b and the narration" \
		"$(positions talk narration_pos n2 n3 n4 n5)"
fi

# A film still loading when the key comes: every film loads for 2 s of
# the player's clock (the film was preloaded at 0 s, on the intro slide),
# so the key right after Right comes while it loads. It starts paused at
# its first frame, and goes on when the slide is shown again (b, or a
# slide key after w) or when p is pressed again.
export VV_TEST_FILM_LOAD=2
for key in b w p; do
	case $key in
	p) again=p ;;
	w) again=Right ;;
	*) again=b ;;
	esac
	cat >"$TMP/load$key.script" <<SCRIPT
0.1 key Right
0.1 key $key
3.0 screenshot held1
4.0 screenshot held2
4.1 key $again
5.0 screenshot on
5.1 quit
SCRIPT
	play "load$key"
	# the key came while the film loaded (else this case tests nothing)
	k_t=$(jget "$TMP/load$key.json" group_key key "$key" t)
	r_t=$(jget "$TMP/load$key.json" video_ready item vid t)
	expect "group blank media: $key came while the film loaded" \
		awk "BEGIN { exit !(\"$k_t\" != \"\" && \"$r_t\" != \"\" && $r_t > ${k_t:-0}) }"
	if still "load$key" film_pos held1 held2 &&
	   [ "$(at "load$key" held1 film_pos)" = 0 ] &&
	   moved "load$key" film_pos held2 on; then
		pass "group blank media: $key while the film loads holds it at its start"
	else
		fail "group blank media: $key while the film loads" \
			"$(positions "load$key" film_pos held1 held2 on)"
	fi
done
expect "group blank media: p while the film loads shows it paused" \
	[ "$(at loadp held1 paused)" = 1 ]
