#!/bin/sh
# Nothing is redrawn when nothing changes: a still slide and a paused
# film draw no frames between two screenshots ten seconds apart, and the
# attract screen animates at its low rate (4 frames a second), not at the
# loop's; a narrated slide's progress fills gently while it plays.
# Counts, not timings: "frames" in the screenshot events.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! player_bundles "$TMP"; then
	fail "player idle frames: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
b="$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb"

# frames_between LOG: frames drawn between the screenshots a and b
frames_between() {
	fa=$(jfield "$(grep '"event":"screenshot"' "$1" | grep '/a.png' | head -n 1)" frames)
	fb=$(jfield "$(grep '"event":"screenshot"' "$1" | grep '/b.png' | head -n 1)" frames)
	if [ -z "$fa" ] || [ -z "$fb" ]; then
		echo "none"
	else
		echo $((fb - fa))
	fi
}

run() { # NAME SCRIPT ARGS...
	n=$1
	printf "$2" >"$TMP/$n.script"
	shift 2
	"$VP" --headless --window 640x360 --idle-timeout 1000 \
		--script "$TMP/$n.script" --screenshot-dir "$TMP/$n" \
		--log-json "$TMP/$n.json" "$@" "$b" >"$TMP/$n.out" 2>&1
}

# A slide without narration (the second), shown for ten seconds (the
# first key leaves the attract screen).
run still '0.5 key Right\n1 key Right\n2 screenshot a\n12 screenshot b\n12.2 quit\n' \
	--lang nb --level no-schooling
d=$(frames_between "$TMP/still.json")
if [ "$d" = 0 ]; then
	pass "player idle frames: a still slide draws no frame in 10 s"
else
	fail "player idle frames: still slide" "$d frames drawn in 10 s; $(tail -n 2 "$TMP/still.out")"
fi

# The film (third item), paused after half a second of play.
run film '0.5 key Right\n1 key Right\n1.5 key Right\n2 key P\n3 screenshot a\n13 screenshot b\n13.2 quit\n' \
	--lang nb --level no-schooling
d=$(frames_between "$TMP/film.json")
paused=$(grep -c '"event":"video_pause"' "$TMP/film.json")
if [ "$d" = 0 ] && [ "$paused" -ge 1 ]; then
	pass "player idle frames: a paused film draws no frame in 10 s"
else
	fail "player idle frames: paused film" "$d frames drawn in 10 s, $paused pause events"
fi

# The attract screen keeps moving, gently: 4 frames a second.
run attract '1 screenshot a\n11 screenshot b\n11.2 quit\n'
d=$(frames_between "$TMP/attract.json")
if [ "$d" != none ] && [ "$d" -ge 30 ] && [ "$d" -le 45 ]; then
	pass "player idle frames: attract animates at 4 frames a second ($d in 10 s)"
else
	fail "player idle frames: attract" "$d frames in 10 s (want 30 to 45)"
fi

# A narrated slide is not still: its progress segment fills up to the
# move on, so what the screen shows changes while the narration plays,
# gently (at the attract screen's rate at most). It stayed as first
# drawn, empty, until the slide moved on. Paused, it is still again.
# The talk slide (third item) has 12 s of narration.
mkdir -p "$TMP/ft"
if film_talk_pack "$TMP/ft" ftalk 2 12; then
	b="$TMP/ft/b"
	run talk '0.5 key Right\n1 key Right\n1.5 key Right\n3 screenshot a\n8 screenshot b\n8.2 quit\n'
	d=$(frames_between "$TMP/talk.json")
	if [ "$d" != none ] && [ "$d" -ge 1 ] && [ "$d" -le 21 ]; then
		pass "player idle frames: a narrated slide's progress moves ($d frames in 5 s)"
	else
		fail "player idle frames: narrated slide" "$d frames in 5 s (want 1 to 21)"
	fi
	run talkpaused '0.5 key Right\n1 key Right\n1.5 key Right\n2 key P\n3 screenshot a\n8 screenshot b\n8.2 quit\n'
	d=$(frames_between "$TMP/talkpaused.json")
	if [ "$d" = 0 ]; then
		pass "player idle frames: a paused narrated slide draws no frame in 5 s"
	else
		fail "player idle frames: paused narrated slide" "$d frames drawn in 5 s"
	fi
else
	fail "player idle frames: talk fixture" "$(tail -n 3 "$TMP/ft/build.out")"
fi
