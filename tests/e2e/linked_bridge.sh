#!/bin/sh
# End-to-end: the path past one broker is configuration, not code. Two
# real Mosquitto brokers on loopback ports: the centre's (A), where the
# host logs in, and a second one (B) where the rooms log in, joined to A
# by the MQTT bridge of the shipped docs/mosquitto/bridge.conf (its
# address and password filled in) with the shipped ACLs on both. A room
# that is on B from the start follows every host key; a room that joins
# B after the host moved lands on the host's retained state; the host
# lists both rooms (their presence crossed the bridge the other way);
# and the bridge's login cannot publish state on A.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

linked_need mosquitto
linked_bundles
PORT_A=$(free_port)
PORT_B=$(free_port)
while [ "$PORT_B" = "$PORT_A" ]; do PORT_B=$(free_port); done
broker_config "$TMP/a" "$PORT_A"
mosquitto_passwd -b "$TMP/a/passwd" bridge bridge-pw
broker_config "$TMP/b" "$PORT_B"
# B's bridge to A: the shipped example, pointed at A without TLS
sed -e "s/^address .*/address 127.0.0.1:$PORT_A/" -e '/^bridge_cafile /d' \
	-e 's/^remote_password .*/remote_password bridge-pw/' \
	"$TOP/docs/mosquitto/bridge.conf" >>"$TMP/b/mosquitto.conf"
PIDS=
A_PID=
B_PID=
trap 'for p in $PIDS $A_PID $B_PID; do kill $p 2>/dev/null; done; rm -rf "$TMP"' EXIT
if broker_start "$TMP/a" "$PORT_A"; then
	A_PID=$BROKER_PID
else
	fail broker "mosquitto A did not start: $(cat "$TMP/a/broker.err")"
	exit 1
fi
if broker_start "$TMP/b" "$PORT_B"; then
	B_PID=$BROKER_PID
else
	fail broker "mosquitto B did not start: $(cat "$TMP/b/broker.err")"
	exit 1
fi
BROKER_PID=
if wait_log "$TMP/a/broker.log" "u'bridge'"; then
	pass "broker B bridges to broker A with the shipped bridge.conf"
else
	fail "broker B bridges to broker A with the shipped bridge.conf" \
		"$(tail -n 5 "$TMP/b/broker.log")"
fi
VV_REAL_TIME=1
export VV_REAL_TIME

# The host on A: next at 8 and 12 s, black at 16 s, leaves at 22 s.
printf '8 key Right\n12 key Right\n16 key b\n22 quit\n' >"$TMP/host.script"
linked_host "mqtt://127.0.0.1:$PORT_A" --no-render --window 320x180 \
	--participants 5 --session-dir "$TMP/sessions"
# room ROOM LANG: a room on B until 26 s
room() {
	VEIVISER_MQTT_USERNAME=$1 VEIVISER_MQTT_PASSWORD=$1-pw \
		"$VP" --headless --no-render --window 320x180 --group \
		--console off --lang "$2" --level lower-secondary \
		--participants 12 --session-dir "$TMP/sessions-$1" \
		--follow webinar --broker "mqtt://127.0.0.1:$PORT_B" \
		--exit-after 26 --log-json "$TMP/$1.log" "$B" \
		2>"$TMP/$1.err" &
	PIDS="$PIDS $!"
}
room narvik uk
# tromso joins B after the host's first key
wait_log "$TMP/host.log" '"event":"link_state_sent","seq":2,' 30
room tromso ar
linked_wait_all

# applied ROOM: the items and blank screens the room applied, in order
applied() {
	grep '"event":"link_applied"' "$TMP/$1.log" |
		sed -n 's/.*"item":"\([^"]*\)".*/\1/p' | uniq | tr '\n' ' '
}
states() {
	grep '"event":"link_state"' "$TMP/$1.log" |
		sed -n 's/.*"item":"\([^"]*\)".*"blank":"\([a-z]*\)".*/\1-\2/p' |
		uniq | tr '\n' ' '
}
got=$(applied narvik)
if [ "$got" = "s1 s2 s3 " ]; then
	pass "a room on broker B follows the host on A: slides 1, 2, 3"
else
	fail "a room on broker B follows the host on A: slides 1, 2, 3" \
		"applied: $got; $(cat "$TMP/narvik.err")"
fi
got=$(states narvik)
if [ "$got" = "s1-show s2-show s3-show s3-black " ]; then
	pass "the host's black screen crosses the bridge"
else
	fail "the host's black screen crosses the bridge" "states: $got"
fi
got=$(applied tromso)
if [ "${got%% *}" = s2 ] && [ "$got" = "s2 s3 " ]; then
	pass "a room joining B late lands on the host's retained state"
else
	fail "a room joining B late lands on the host's retained state" \
		"applied: $got; $(cat "$TMP/tromso.err")"
fi
for r in narvik:uk tromso:ar; do
	room=${r%%:*} lang=${r#*:}
	if grep -F '"event":"link_room"' "$TMP/host.log" |
	   grep -qF "\"room\":\"$room\",\"lang\":\"$lang\",\"online\":1"; then
		pass "the host on A lists $room ($lang) from B"
	else
		fail "the host on A lists $room ($lang) from B" "no link_room event"
	fi
done
if [ "$RCS" = " 0 0 0" ] && ! grep -l "Sanitizer\|runtime error" "$TMP"/*.err
then
	pass "host and rooms exit cleanly"
else
	fail "host and rooms exit cleanly" "exit statuses$RCS"
fi

# The bridge's login reads the sessions but cannot drive them.
mosquitto_pub -V mqttv5 -q 1 -p "$PORT_A" -u bridge -P bridge-pw \
	-t veiviser/webinar/state -r -m 'v=1
seq=999
driver=bridge' 2>"$TMP/forge.err"
if grep -q "Not authorized" "$TMP/forge.err"; then
	pass "the bridge's login cannot publish state on A"
else
	fail "the bridge's login cannot publish state on A" \
		"$(cat "$TMP/forge.err")"
fi
