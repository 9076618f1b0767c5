#!/bin/sh
# End-to-end: the host's webinar record (issue 13.7) through a real
# Mosquitto broker. A host (nb) leads two rooms (narvik uk with 7
# participants, tromso ar with 12) through three slides; the rooms ask
# questions (sent with mosquitto_pub as the rooms' logins, in the
# documented payload) and narvik raises its hand; the host is stopped with
# SIGTERM. Its record lists the rooms with their languages, counts,
# questions and hands, and the slides with their times, and holds no
# question text. A second host stopped with SIGHUP writes its record too.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

linked_need mosquitto
linked_bundles
linked_broker
VV_REAL_TIME=1
export VV_REAL_TIME
SECRET="Mitt navn er Kari Nordmann, hva med kurset"
SECRET_AR="اسمي أحمد، متى يبدأ الدرس"

# host SESSION: a host whose script moves to slides 2 and 3 and does not
# end before a signal stops it.
host() {
	printf '3 key Right\n5 key Right\n600 quit\n' >"$TMP/host-$1.script"
	VEIVISER_MQTT_USERNAME=host VEIVISER_MQTT_PASSWORD=host-pw \
		"$VP" --headless --window 640x360 --group --console off \
		--lang nb --level lower-secondary --participants 2 \
		--session-dir "$TMP/sessions" --host "$1" --broker "$URL" \
		--script "$TMP/host-$1.script" --log-json "$TMP/host-$1.log" \
		"$B" 2>"$TMP/host-$1.err" &
	HOST_PID=$!
}
host webinar
PIDS=$HOST_PID
for r in narvik:uk:7 tromso:ar:12; do
	room=${r%%:*} rest=${r#*:}
	lang=${rest%%:*} count=${rest#*:}
	# A player ends with its script: each room's runs until the test
	# stops it (with /dev/null tromso left before its presence reached
	# the host, now and then, and the record had no tromso).
	script=$TMP/$room.script
	printf '600 quit\n' >"$script"
	[ "$room" = narvik ] && printf '2 key h\n600 quit\n' >"$script"
	VEIVISER_MQTT_USERNAME=$room VEIVISER_MQTT_PASSWORD=$room-pw \
		"$VP" --headless --window 640x360 --group --console off \
		--lang "$lang" --level lower-secondary --participants "$count" \
		--session-dir "$TMP/sessions-$room" --follow webinar \
		--broker "$URL" --script "$script" --exit-after 60 \
		--log-json "$TMP/$room.log" "$B" 2>"$TMP/$room.err" &
	PIDS="$PIDS $!"
done
wait_log "$TMP/host-webinar.log" '"event":"link_room","room":"narvik"' &&
	wait_log "$TMP/host-webinar.log" '"event":"link_room","room":"tromso"'

# ask ROOM LANG ID TEXT: a question as the room's login sends it.
ask() {
	mosquitto_pub -q 1 -p "$PORT" -u "$1" -P "$1-pw" \
		-t "veiviser/webinar/room/$1/question" \
		-m "$(printf 'v=1\nroom=%s\nlang=%s\nitem=s1\nid=%s\ntext=%s' "$1" "$2" "$3" "$4")"
}
ask narvik uk 1 "$SECRET"
ask narvik uk 2 "$SECRET 2"
ask tromso ar 1 "$SECRET_AR"
n=0
while [ "$(grep -c '"event":"link_question"' "$TMP/host-webinar.log")" -lt 3 ] &&
      [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
wait_log "$TMP/host-webinar.log" '"event":"link_hand","room":"narvik","up":1'
wait_log "$TMP/host-webinar.log" '"event":"item","id":"s3"'
sleep 1
kill -TERM "$HOST_PID"
wait "$HOST_PID"
rc=$?
expect "the host stopped by SIGTERM exits 0" [ "$rc" -eq 0 ]
expect "the host was stopped by the signal" \
	grep -qF '"event":"signal","name":"SIGTERM"' "$TMP/host-webinar.log"

REC=$(ls "$TMP"/sessions/webinar-*-webinar.json 2>/dev/null | head -n 1)
if [ -n "$REC" ] && [ -f "${REC%.json}.txt" ]; then
	pass "SIGTERM: the webinar record is written (JSON and text)"
else
	fail "SIGTERM: the webinar record is written (JSON and text)" \
		"$(ls "$TMP/sessions" 2>&1) $(cat "$TMP/host-webinar.err")"
fi
has() {
	grep -qF -- "$1" "$REC"
}
expect "the record names its format and session" \
	has '"format":"veiviser-webinar/1","session":"webinar"'
expect "narvik: uk, 7 participants" \
	has '{"room":"narvik","language":"uk","participants":7,'
expect "tromso: ar, 12 participants" \
	has '{"room":"tromso","language":"ar","participants":12,'
expect "narvik: 2 questions, 1 hand" has '"questions":2,"hands":1}'
expect "tromso: 1 question, no hand" has '"questions":1,"hands":0}'
expect "the totals" has '"participants_total":19,"questions_total":3'
slides() {
	for k in 1 2 3; do
		grep -qE "\{\"number\":$k,\"id\":\"s$k\",\"driver\":\"host\",\"from_seconds\":[0-9.]+,\"seconds\":[0-9.]+\}" \
			"$REC" || return 1
	done
}
expect "the slides with their times and driver" slides
expect "ended at the signal" grep -qE '"ended":"[0-9]{4}-' "$REC"
# The text record is for the municipality, in the counsellor's language
# (nb): its headings are translated, none left in English.
nb_text() {
	for id in "Veiviser webinar (linked rooms)" Session Rooms \
		participants questions Questions Hands Slides level; do
		tr=$(po_msgstr nb "$id")
		[ "$tr" != "$id" ] || { echo "no nb for '$id'"; return 1; }
		grep -qF -- "$tr" "${REC%.json}.txt" ||
			{ echo "'$tr' not in the record"; return 1; }
	done
}
expect "the text record is in the counsellor's language" nb_text
# The rooms leave (SIGTERM): their own session records are written too.
for p in $PIDS; do
	kill "$p" 2>/dev/null
	wait "$p" 2>/dev/null
done
PIDS=
no_text() {
	! grep -rqF -e "Kari" -e "Nordmann" -e "أحمد" "$TMP/sessions" \
		"$TMP"/sessions-* "$TMP"/*.log
}
expect "no question text in any record or log" no_text
expect "the host says where the record went" \
	grep -qF "$REC" "$TMP/host-webinar.err"

# SIGHUP (the terminal closed) writes the record too.
host webinar2
PIDS="$PIDS $HOST_PID"
wait_log "$TMP/host-webinar2.log" '"event":"item","id":"s3"'
kill -HUP "$HOST_PID"
wait "$HOST_PID"
rc=$?
hup() {
	[ "$rc" -eq 0 ] &&
		grep -qF '"event":"signal","name":"SIGHUP"' \
			"$TMP/host-webinar2.log" &&
		grep -q '"ended":"' "$TMP"/sessions/webinar-*-webinar2.json
}
expect "SIGHUP: the webinar record is written" hup
if [ -n "${VV_KEEP:-}" ]; then
	mkdir -p "$VV_KEEP" && cp -r "$TMP/sessions" "$TMP"/*.log "$VV_KEEP"/
fi
