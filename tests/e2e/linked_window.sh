#!/bin/sh
# End-to-end: a linked room in a real window (Xvfb), as in a meeting
# room, follows a headless host through a real Mosquitto broker. In a
# window the player sleeps in SDL's event wait, so the room's network
# thread wakes it with an SDL event (out_wake) when the host's state
# arrives; the room applies each of the host's keys and its window shows
# the host's slide in the room's language. (How fast: bench-linked; the
# loop's idle tick would also pick the state up, so this test shows that
# the event path works, not how soon.)
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

linked_need mosquitto xvfb-run
linked_bundles
# SDL's X11 driver leaves libdbus allocations behind (see player_xvfb.sh)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
linked_broker

# The room in a window: a screenshot every half second for 20 s.
awk 'BEGIN { for (i = 1; i <= 40; i++)
	printf "%.1f screenshot shot-%02d\n", i * 0.5, i; print "20.5 quit" }' \
	>"$TMP/room.script"
VEIVISER_MQTT_USERNAME=narvik VEIVISER_MQTT_PASSWORD=narvik-pw \
SDL_AUDIODRIVER=dummy xvfb-run -a -n "${VV_XVFB_NUM:-99}" -s "-screen 0 1024x768x24" \
	"$VP" --window 640x360 --group --console off --lang uk \
	--level lower-secondary --participants 12 \
	--session-dir "$TMP/sessions-room" --follow webinar --broker "$URL" \
	--script "$TMP/room.script" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/room.log" "$B" >"$TMP/room.out" 2>&1 &
PIDS=$!
# The host, once the room's window is up: next at 4 and 8 s.
wait_log "$TMP/room.log" '"event":"link_note"' 30
printf '4 key Right\n8 key Right\n12 quit\n' >"$TMP/host.script"
VEIVISER_MQTT_USERNAME=host VEIVISER_MQTT_PASSWORD=host-pw VV_REAL_TIME=1 \
	"$VP" --headless --no-render --window 320x180 --group --console off \
	--lang nb --level lower-secondary --participants 5 \
	--session-dir "$TMP/sessions" --host webinar --broker "$URL" \
	--script "$TMP/host.script" --log-json "$TMP/host.log" "$B" \
	2>"$TMP/host.err" &
PIDS="$PIDS $!"
linked_wait_all

got=$(grep '"event":"link_applied"' "$TMP/room.log" |
	sed -n 's/.*"item":"\([^"]*\)".*/\1/p' | uniq | tr '\n' ' ')
if [ "$got" = "s1 s2 s3 " ]; then
	pass "a room in a window applies the host's keys: slides 1, 2, 3"
else
	fail "a room in a window applies the host's keys: slides 1, 2, 3" \
		"applied: $got; $(tail -n 3 "$TMP/room.out")"
fi
items=$(grep '"event":"screenshot"' "$TMP/room.log" |
	sed -n 's/.*"item":\([0-9-]*\).*/\1/p' | uniq | tr '\n' ' ')
if [ "$items" = "0 1 2 " ]; then
	pass "the room's window shows slides 1, 2, 3 in turn"
else
	fail "the room's window shows slides 1, 2, 3 in turn" \
		"screenshots showed items: $items"
fi
want=$(linked_heading uk 3)
if grep -F '"kind":"text"' "$TMP/room.log" | grep -qF "\"text\":\"$want\""
then
	pass "the room's window shows slide 3 as '$want'"
else
	fail "the room's window shows slide 3 as '$want'" "no such text box"
fi
if [ "$RCS" = " 0 0" ]; then
	pass "the windowed room and the host exit cleanly"
else
	fail "the windowed room and the host exit cleanly" \
		"exit statuses$RCS: $(tail -n 3 "$TMP/room.out")"
fi
