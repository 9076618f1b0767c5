#!/bin/sh
# End-to-end: linked rooms over mqtts://. The test makes a CA and a
# server certificate for 127.0.0.1 with openssl, and runs a real Mosquitto
# with the shipped docs/mosquitto/mosquitto.conf (its TLS listener, paths
# and ports pointed into the test's folder). Host and rooms link with
# --broker mqtts://127.0.0.1:PORT and the CA from --broker-ca or from the
# config file's cafile; a room given another CA, or a broker name its
# certificate is not made out to, stops with one line naming the CA file
# (exit status 2) instead of trying again for ever.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

linked_need mosquitto openssl
linked_bundles
# A CA, a server certificate it signs for 127.0.0.1, and another CA.
T=$TMP/tls
mkdir -p "$T"
tls() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Test CA" \
		-keyout "$T/ca.key" -out "$T/ca.crt" &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout "$T/server.key" -out "$T/server.csr" &&
	printf 'subjectAltName=IP:127.0.0.1\n' >"$T/san.cnf" &&
	openssl x509 -req -days 2 -in "$T/server.csr" -CA "$T/ca.crt" \
		-CAkey "$T/ca.key" -CAcreateserial -extfile "$T/san.cnf" \
		-out "$T/server.crt" &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
		-subj "/CN=Other CA" -keyout "$T/other-ca.key" \
		-out "$T/other-ca.crt"
}
if ! tls >"$T/openssl.log" 2>&1; then
	fail fixture "openssl: $(tail -n 3 "$T/openssl.log")"
	exit 1
fi
PORT=$(free_port)
PLAIN=$(free_port)
while [ "$PLAIN" = "$PORT" ]; do PLAIN=$(free_port); done
# the password file and ACL of the other tests, the shipped config
broker_config "$TMP/broker" "$PORT"
sed -e "s|^listener 8883\$|listener $PORT 127.0.0.1|" \
	-e "s|^listener 1883 127.0.0.1\$|listener $PLAIN 127.0.0.1|" \
	-e "s|/etc/mosquitto/certs/|$T/|" \
	-e "s|/etc/mosquitto/veiviser.passwd|$TMP/broker/passwd|" \
	-e "s|/etc/mosquitto/veiviser.acl|$TMP/broker/acl|" \
	"$TOP/docs/mosquitto/mosquitto.conf" >"$TMP/broker/mosquitto.conf"
printf 'log_dest file %s\nuser %s\n' "$TMP/broker/broker.log" "$(id -un)" \
	>>"$TMP/broker/mosquitto.conf"
# (its settings, not its comments)
left=$(grep -v '^#' "$TMP/broker/mosquitto.conf" | grep '/etc/\|8883\|1883')
if [ -n "$left" ]; then
	fail "the shipped mosquitto.conf is used" "paths or ports left: $left"
fi
PIDS=
trap linked_cleanup EXIT
# (broker_start probes the plain loopback listener)
if ! broker_start "$TMP/broker" "$PLAIN"; then
	fail broker "mosquitto did not start: $(cat "$TMP/broker/broker.err")"
	exit 1
fi
if mosquitto_pub -p "$PORT" -h 127.0.0.1 --cafile "$T/ca.crt" -u host \
	-P host-pw -t veiviser/probe/p -m x 2>"$TMP/pub.err"; then
	pass "the shipped mosquitto.conf's TLS listener answers"
else
	fail "the shipped mosquitto.conf's TLS listener answers" \
		"$(cat "$TMP/pub.err")"
fi
URL=mqtts://127.0.0.1:$PORT
VV_REAL_TIME=1
export VV_REAL_TIME

# The host: next at 6 s, leaves at 12 s. Room narvik has the CA from
# --broker-ca, tromso from its config file.
printf '6 key Right\n12 quit\n' >"$TMP/host.script"
linked_host "$URL" --no-render --window 320x180 --participants 5 \
	--session-dir "$TMP/sessions" --broker-ca "$T/ca.crt"
VEIVISER_MQTT_USERNAME=narvik VEIVISER_MQTT_PASSWORD=narvik-pw \
	"$VP" --headless --no-render --window 320x180 --group --console off \
	--lang uk --level lower-secondary --participants 12 \
	--session-dir "$TMP/sessions-narvik" --follow webinar --broker "$URL" \
	--broker-ca "$T/ca.crt" --exit-after 14 --log-json "$TMP/narvik.log" \
	"$B" 2>"$TMP/narvik.err" &
PIDS="$PIDS $!"
printf 'username = tromso\npassword = tromso-pw\ncafile = %s\n' \
	"$T/ca.crt" >"$TMP/tromso.conf"
chmod 600 "$TMP/tromso.conf"
"$VP" --headless --no-render --window 320x180 --group --console off \
	--lang ar --level lower-secondary --participants 12 \
	--session-dir "$TMP/sessions-tromso" --follow webinar --broker "$URL" \
	--broker-config "$TMP/tromso.conf" --exit-after 14 \
	--log-json "$TMP/tromso.log" "$B" 2>"$TMP/tromso.err" &
PIDS="$PIDS $!"
linked_wait_all
for room in narvik tromso; do
	got=$(grep '"event":"link_applied"' "$TMP/$room.log" |
		sed -n 's/.*"item":"\([^"]*\)".*/\1/p' | uniq | tr '\n' ' ')
	if [ "$got" = "s1 s2 " ]; then
		pass "over mqtts:// $room follows the host: slides 1, 2"
	else
		fail "over mqtts:// $room follows the host: slides 1, 2" \
			"applied: $got; $(cat "$TMP/$room.err")"
	fi
	if grep -F '"event":"link_room"' "$TMP/host.log" |
	   grep -qF "\"room\":\"$room\","; then
		pass "over mqtts:// the host lists $room"
	else
		fail "over mqtts:// the host lists $room" "no link_room event"
	fi
done
if [ "$RCS" = " 0 0 0" ]; then
	pass "over mqtts:// host and rooms exit cleanly"
else
	fail "over mqtts:// host and rooms exit cleanly" "exit statuses$RCS"
fi

# refused NAME URL CA: a room with CA exits 2 after one line naming the
# CA file and the broker.
refused() {
	VEIVISER_MQTT_USERNAME=bodo VEIVISER_MQTT_PASSWORD=bodo-pw \
		"$VP" --headless --no-render --window 320x180 --group \
		--console off --lang uk --level lower-secondary \
		--session-dir "$TMP/sessions-bodo" --follow webinar \
		--broker "$2" --broker-ca "$3" --exit-after 30 "$B" \
		>/dev/null 2>"$TMP/refused.err"
	rc=$?
	host=${2#mqtts://}
	if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/refused.err")" -eq 1 ] &&
	   grep -qF "$3: " "$TMP/refused.err" &&
	   grep -qF "$host" "$TMP/refused.err" &&
	   grep -qF "certificate verify failed" "$TMP/refused.err"; then
		pass "$1"
	else
		fail "$1" "exit $rc: $(cat "$TMP/refused.err")"
	fi
}
refused "a room with another CA is refused with one line" "$URL" \
	"$T/other-ca.crt"
refused "a broker name the certificate is not for is refused with one line" \
	"mqtts://localhost:$PORT" "$T/ca.crt"
