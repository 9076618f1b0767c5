#!/bin/sh
# End-to-end: linked rooms through a real Mosquitto broker that the test
# starts on a free loopback port, with a password file and the shipped
# ACLs. A scripted headless host (nb) leads four rooms (nb, uk, ar, ti)
# that join late and land on the retained state; after each host key
# every room shows the same slide in its own language; the host's black
# screen reaches every room; a room's forged state is refused by the
# broker; a room with another pack version refuses with one line.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"
. "$TOP/tests/e2e/group_fixture.inc"   # all_bytes

linked_need mosquitto
linked_bundles
linked_broker
# Real time: host and rooms run side by side.
VV_REAL_TIME=1
export VV_REAL_TIME

# The host: next at 10 and 14 s, black at 18 s, leaves at 24 s.
printf '10 key Right\n14 key Right\n18 key b\n24 quit\n' >"$TMP/host.script"
linked_host "$URL" --window 640x360 --participants 5 \
	--session-dir "$TMP/sessions"
if wait_log "$TMP/host.log" '"event":"link_state_sent"'; then
	pass "the host publishes its state"
else
	fail "the host publishes its state" "$(cat "$TMP/host.err")"
fi

# A room's credentials cannot publish state: the broker refuses it (MQTT
# 5 reason code), and the retained state is still the host's.
mosquitto_pub -V mqttv5 -q 1 -p "$PORT" -u bodo -P bodo-pw \
	-t veiviser/webinar/state -r -m 'v=1
seq=999
driver=bodo' 2>"$TMP/forge.err"
mosquitto_sub -p "$PORT" -u narvik -P narvik-pw -t veiviser/webinar/state \
	-C 1 -W 5 >"$TMP/retained" 2>&1
if grep -q "Not authorized" "$TMP/forge.err" &&
   grep -qx "driver=host" "$TMP/retained"; then
	pass "the broker refuses a room that publishes state"
else
	fail "the broker refuses a room that publishes state" \
		"$(cat "$TMP/forge.err" "$TMP/retained")"
fi

# Four rooms join after the host started: a screenshot every half second.
awk 'BEGIN { for (i = 1; i <= 56; i++)
	printf "%.1f screenshot shot-%02d\n", i * 0.5, i }' >"$TMP/room.script"
# bodo raises its hand once it follows; then its facilitator presses
# keys that would move a room of its own (End, Space): a room that
# follows the counsellor stays on the counsellor's slide (d detaches it
# first).
{ cat "$TMP/room.script"; printf '3 key h\n5 key End\n6 key Space\n'; } |
	sort -n >"$TMP/bodo.script"
for r in bodo:nb narvik:uk tromso:ar alta:ti; do
	room=${r%%:*} lang=${r#*:}
	script=$TMP/room.script
	[ "$room" = bodo ] && script=$TMP/bodo.script
	# narvik's facilitator reads Ukrainian; the others the default, nb
	staff=nb
	[ "$room" = narvik ] && staff=uk
	VEIVISER_MQTT_USERNAME=$room VEIVISER_MQTT_PASSWORD=$room-pw \
		"$VP" --headless --window 640x360 --group --console off \
		--console-lang "$staff" \
		--lang "$lang" --level lower-secondary --participants 12 \
		--session-dir "$TMP/sessions-$room" --follow webinar \
		--broker "$URL" --script "$script" \
		--screenshot-dir "$TMP/shots-$room" \
		--log-json "$TMP/$room.log" "$B" 2>"$TMP/$room.err" &
	PIDS="$PIDS $!"
done
# every exit status, host first
linked_wait_all

# Each room: its screenshots, in order, show slide 1, then 2, then 3 in
# the room's own language, and the last ones the host's black screen.
for r in bodo:nb narvik:uk tromso:ar alta:ti; do
	room=${r%%:*} lang=${r#*:}
	log=$TMP/$room.log
	if grep -q '"event":"link_applied","seq":1,' "$log" ||
	   grep -q '"event":"link_applied"' "$log"; then
		pass "$room ($lang) lands on the host's retained state"
	else
		fail "$room ($lang) lands on the host's retained state" \
			"$(cat "$TMP/$room.err")"
	fi
	items=$(grep '"event":"screenshot"' "$log" |
		sed -n 's/.*"item":\([0-9-]*\).*/\1/p' | uniq | tr '\n' ' ')
	if [ "$items" = "0 1 2 " ]; then
		pass "$room ($lang) follows the host: slides 1, 2, 3"
	else
		fail "$room ($lang) follows the host: slides 1, 2, 3" \
			"screenshots showed items: $items"
	fi
	for k in 1 2 3; do
		want=$(linked_heading "$lang" $k)
		if grep -F '"kind":"text"' "$log" | grep -F "\"lang\":\"$lang\"" |
		   grep -qF "\"text\":\"$want\""; then
			pass "$room shows slide $k as '$want'"
		else
			fail "$room shows slide $k as '$want'" \
				"no such text box in its screenshots"
		fi
	done
	last=$(ls "$TMP/shots-$room" | sort | tail -n 1)
	if all_bytes "$TMP/shots-$room/$last" 000; then
		pass "$room follows the host's black screen"
	else
		fail "$room follows the host's black screen" "$last is not black"
	fi
	# The counsellor left: the facilitator is told on the console only,
	# in the console's language (--console-lang), like the rest of the
	# console, not in the room's.
	staff=nb
	[ "$room" = narvik ] && staff=uk
	away=$(po_msgstr "$staff" "Waiting for the counsellor")
	# (logged at the player's time, as every other event: the host left
	# at 24 s, not at 0)
	if grep -qF "\"event\":\"link_note\",\"note\":\"$away\"" "$log" &&
	   ! grep -qF "{\"t\":0.000,\"event\":\"link_note\",\"note\":\"$away\"" "$log"; then
		pass "$room tells its facilitator the counsellor is away"
	else
		fail "$room tells its facilitator the counsellor is away" \
			"no note in the log"
	fi
done
# Keep one room's screenshots per slide for a look (VV_KEEP=DIR).
if [ -n "${VV_KEEP:-}" ]; then
	mkdir -p "$VV_KEEP" && cp -r "$TMP"/shots-* "$TMP"/*.log "$VV_KEEP"/
fi

# The host saw every room, with its language.
for r in bodo:nb narvik:uk tromso:ar alta:ti; do
	room=${r%%:*} lang=${r#*:}
	if grep -F '"event":"link_room"' "$TMP/host.log" |
	   grep -qF "\"room\":\"$room\",\"lang\":\"$lang\",\"online\":1"; then
		pass "the host lists $room ($lang)"
	else
		fail "the host lists $room ($lang)" "no link_room event"
	fi
done

if grep -qF '"event":"link_key_ignored","key":"End"' "$TMP/bodo.log" &&
   grep -qF '"event":"link_key_ignored","key":"Space"' "$TMP/bodo.log"; then
	pass "a following room's own slide keys are ignored"
else
	fail "a following room's own slide keys are ignored" \
		"no link_key_ignored for End and Space in bodo's log"
fi

if grep -qF '"event":"link_hand","room":"bodo","up":1' "$TMP/host.log"; then
	pass "a room's raised hand reaches the host"
else
	fail "a room's raised hand reaches the host" "no link_hand event"
fi

# Host and rooms left cleanly (under make SANITIZE=...: no report).
if [ "$RCS" = " 0 0 0 0 0" ] &&
   ! grep -l "Sanitizer\|runtime error" "$TMP"/*.err; then
	pass "host and rooms exit cleanly"
else
	fail "host and rooms exit cleanly" "exit statuses$RCS: $(grep -h -A3 "Sanitizer\|runtime error" "$TMP"/*.err | head -n 8)"
fi

# A room with another version of the pack refuses with one line.
mkdir -p "$TMP/other"
sed 's/version="1.0.0"/version="1.1.0"/' "$TMP/pack/pack.xml" \
	>"$TMP/other.xml" && cp "$TMP/other.xml" "$TMP/pack/pack.xml"
"$VB" build "$TMP/pack" -o "$TMP/other" --lang uk >"$TMP/other.log" 2>&1
mosquitto_pub -q 1 -p "$PORT" -u host -P host-pw -t veiviser/old/state -r \
	-m "$(printf 'v=1\nseq=1\ndriver=host\npack=linked-test\nversion=1.0.0\nlevel=lower-secondary\nitem=s2\nindex=1\nplaying=1\nposition=0\nsent_ms=0\nblank=show')"
VEIVISER_MQTT_USERNAME=narvik VEIVISER_MQTT_PASSWORD=narvik-pw \
	"$VP" --headless --window 640x360 --group --console off --lang uk \
	--level lower-secondary --follow old --broker "$URL" \
	--session-dir "$TMP/sessions-other" --exit-after 60 "$TMP/other" \
	>/dev/null 2>"$TMP/refuse.err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/refuse.err")" -eq 1 ] &&
   grep -q "linked-test.*1\.1\.0.*linked-test.*1\.0\.0" "$TMP/refuse.err"; then
	pass "a room with another pack version refuses with one line"
else
	fail "a room with another pack version refuses with one line" \
		"exit $rc: $(cat "$TMP/refuse.err")"
fi
# (in the facilitator's language, --console-lang, default nb: not in
# the room's, uk, that its screen was last drawn in)
expect "the refusal is in the console's language" \
	grep -qF "kopier vertens pakker hit" "$TMP/refuse.err"

# A room whose broker login is wrong (a typing error in its config
# file's password) cannot get better by trying again: it stops with one
# line saying the broker refused its login, exit status 2, instead of
# waiting under "local control" for ever.
printf 'username = narvik\npassword = not-the-password\n' >"$TMP/wrong.conf"
chmod 600 "$TMP/wrong.conf"
"$VP" --headless --window 640x360 --group --console off --lang uk \
	--level lower-secondary --follow webinar --broker "$URL" \
	--broker-config "$TMP/wrong.conf" --session-dir "$TMP/sessions-wrong" \
	--exit-after 60 "$B" >/dev/null 2>"$TMP/wrong.err"
rc=$?
wrong_login() {
	[ $rc -eq 2 ] && [ "$(wc -l <"$TMP/wrong.err")" -eq 1 ] &&
		grep -q "narvik" "$TMP/wrong.err" &&
		grep -qF "$TMP/wrong.conf" "$TMP/wrong.err"
}
if wrong_login; then
	pass "a room with a wrong password stops with one line"
else
	fail "a room with a wrong password stops with one line" \
		"exit $rc: $(cat "$TMP/wrong.err")"
fi
