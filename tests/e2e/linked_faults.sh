#!/bin/sh
# End-to-end: linked rooms' faults with a real Mosquitto broker that the
# test starts and kills. Broker down at start: the room plays under local
# control, tells its facilitator, and joins when the broker comes up.
# Broker killed mid-session and restarted: the room keeps its slide and
# resynchronises to the slide the host moved to meanwhile. Host crash
# (SIGKILL): the broker's last will tells the room, which keeps the last
# slide and says "Waiting for the counsellor" on the console only.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

linked_bundles
PORT=$(free_port)
broker_config "$TMP/broker" "$PORT"
PIDS=
trap linked_cleanup EXIT
# the consoles' notes, as the host (nb) and the room (ar) show them
HOST_DOWN=$(po_msgstr nb "Broker not reachable: the rooms keep the last slide; trying again")
ROOM_DOWN=$(po_msgstr ar "Broker not reachable: local control; the room joins when it is back")
AWAY=$(po_msgstr ar "Waiting for the counsellor")
URL=mqtt://127.0.0.1:$PORT
VV_REAL_TIME=1
export VV_REAL_TIME

# 1. The room starts while the broker is down.
awk 'BEGIN { for (i = 1; i <= 100; i++)
	printf "%d screenshot shot-%03d\n", i, i }' >"$TMP/room.script"
VEIVISER_MQTT_USERNAME=tromso VEIVISER_MQTT_PASSWORD=tromso-pw \
	"$VP" --headless --window 640x360 --group --console window \
	--console-lang ar --lang ar --level lower-secondary --participants 9 \
	--session-dir "$TMP/sessions-room" --follow webinar --broker "$URL" \
	--script "$TMP/room.script" --screenshot-dir "$TMP/shots" \
	--log-json "$TMP/room.log" "$B" 2>"$TMP/room.err" &
ROOM_PID=$!
PIDS=$ROOM_PID
if wait_log "$TMP/room.log" "\"note\":\"$ROOM_DOWN\"" &&
   wait_log "$TMP/room.log" '"event":"screenshot"'; then
	pass "broker down at start: the room plays and tells its facilitator"
else
	fail "broker down at start: the room plays and tells its facilitator" \
		"$(cat "$TMP/room.err")"
fi
if grep '"event":"screenshot"' "$TMP/room.log" | head -n 1 |
   grep -q '"screen":"sequence","item":0'; then
	pass "broker down at start: the room shows the first slide"
else
	fail "broker down at start: the room shows the first slide" \
		"$(grep '"event":"screenshot"' "$TMP/room.log" | head -n 1)"
fi

# The broker comes up, then the host: the room joins and follows.
broker_start "$TMP/broker" "$PORT" || fail broker "did not start"
printf '20 key Right\n40 key Right\n300 quit\n' >"$TMP/host.script"
linked_host "$URL" --window 640x360 --participants 5 \
	--session-dir "$TMP/sessions-host"
if wait_log "$TMP/room.log" '"event":"link_applied","seq":1,' 60; then
	pass "the room joins when the broker comes up"
else
	fail "the room joins when the broker comes up" "no link_applied"
fi

# 2. The broker is killed; the host moves on while it is down; the
# broker comes back and the room lands on the host's slide.
broker_stop
if wait_log "$TMP/host.log" "\"note\":\"$HOST_DOWN\"" &&
   wait_log "$TMP/room.log" "\"note\":\"$ROOM_DOWN\"" 30; then
	pass "broker killed: host and room notice"
else
	fail "broker killed: host and room notice" "no note"
fi
wait_log "$TMP/host.log" '"event":"input","source":"key"' 60
broker_start "$TMP/broker" "$PORT" || fail broker "did not restart"
if wait_log "$TMP/room.log" '"event":"link_applied","seq":2,"item":"s2"' 60
then
	pass "broker restarted: the room resynchronises to the host's slide"
else
	fail "broker restarted: the room resynchronises to the host's slide" \
		"$(grep link_ "$TMP/room.log" | tail -n 5)"
fi
# It went to s2 only after the broker came back (the order of the log).
if awk -v note="\"note\":\"$ROOM_DOWN\"" 'index($0, note) { down = NR }
	/"event":"link_applied","seq":2,"item":"s2"/ { up = NR }
	END { exit !(down && up > down) }' "$TMP/room.log"; then
	pass "the room kept its slide while the broker was away"
else
	fail "the room kept its slide while the broker was away" "log order"
fi

# 3. The host crashes: the will says so; the room keeps slide 2.
kill -9 "$HOST_PID"
if wait_log "$TMP/room.log" "\"note\":\"$AWAY\"" 60; then
	pass "host crash: the room's facilitator sees 'waiting for the counsellor'"
else
	fail "host crash: the room's facilitator sees 'waiting for the counsellor'" \
		"no note"
fi
n=$(grep -c '"event":"screenshot"' "$TMP/room.log")
# the next screenshot after the note
while [ "$(grep -c '"event":"screenshot"' "$TMP/room.log")" -le "$n" ]; do
	sleep 0.2
done
last=$(grep '"event":"screenshot"' "$TMP/room.log" | tail -n 1)
if echo "$last" | grep -q '"screen":"sequence","item":1'; then
	pass "host crash: the room keeps the last slide"
else
	fail "host crash: the room keeps the last slide" "$last"
fi
# The participants' screen never shows the notes: no screenshot of the
# room holds a text box with them (the console's screenshots do).
if grep '"kind":"text"' "$TMP/room.log" | grep -v console |
   grep -qF -e "$AWAY" -e "$ROOM_DOWN"; then
	fail "the room screen never shows a network note" \
		"$(grep -l 'Waiting' "$TMP/room.log")"
else
	pass "the room screen never shows a network note"
fi
if grep '"event":"console_screenshot"' "$TMP/room.log" |
   grep -qF "\"note\":\"$AWAY\""; then
	pass "the room's console shows 'Waiting for the counsellor'"
else
	fail "the room's console shows 'Waiting for the counsellor'" \
		"no console screenshot with the note"
fi

# 4. The counsellor starts the player again: it reads the state its
# earlier run left retained and goes on from slide 2; the room stays on
# slide 2 (it is not pulled back to slide 1).
mv "$TMP/host.log" "$TMP/host1.log"
printf '300 quit\n' >"$TMP/host.script"
linked_host "$URL" --window 640x360 --participants 5 \
	--session-dir "$TMP/sessions-host"
if wait_log "$TMP/host.log" '"event":"link_state_sent"' 60 &&
   grep '"event":"link_state_sent"' "$TMP/host.log" | head -n 1 |
   grep -qF '"item":"s2"'; then
	pass "host restart: the host resumes on the rooms' slide"
else
	fail "host restart: the host resumes on the rooms' slide" \
		"$(grep link_ "$TMP/host.log" | head -n 5)"
fi
if wait_log "$TMP/room.log" '"event":"link_applied","seq":1,"item":"s2"' 60
then
	pass "host restart: the room stays on slide 2"
else
	fail "host restart: the room stays on slide 2" \
		"$(grep link_applied "$TMP/room.log" | tail -n 3)"
fi
kill "$HOST_PID" 2>/dev/null
wait "$HOST_PID" 2>/dev/null
kill "$ROOM_PID" 2>/dev/null
wait "$ROOM_PID" 2>/dev/null
PIDS=
if [ -n "${VV_KEEP:-}" ]; then
	mkdir -p "$VV_KEEP" && cp -r "$TMP/shots" "$TMP/room.log" "$VV_KEEP"/
fi
