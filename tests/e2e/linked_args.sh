#!/bin/sh
# End-to-end: linked rooms' bad input stops the player at start with one
# line and exit status 2: a broker URL that is not mqtt:// or mqtts://,
# --host without --group or --broker, a bad session name, and a broker
# config file with an unknown key (named with its line).
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

if ! make_linked_bundles "$TMP"; then
	fail fixture "building the bundles failed: $(tail -n 3 "$TMP/build.log")"
	exit 1
fi
B=$TMP/bundles
unset VEIVISER_MQTT_USERNAME VEIVISER_MQTT_PASSWORD VEIVISER_MQTT_CONFIG
# one_line NAME WANT ARGS...: the player exits 2 with one stderr line
# matching WANT.
one_line() {
	name=$1 want=$2
	shift 2
	"$VP" --headless --window 640x360 --lang uk --level lower-secondary \
		--session-dir "$TMP/sessions" --exit-after 5 "$@" "$B" \
		>/dev/null 2>"$TMP/err"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
	   grep -q -- "$want" "$TMP/err"; then
		pass "$name"
	else
		fail "$name" "exit $rc: $(cat "$TMP/err")"
	fi
}
one_line "a broker URL that is not MQTT" "mqtt://HOST\[:PORT\]" \
	--group --follow w --broker http://127.0.0.1:1883
one_line "a broker URL with a bad port" "not 'mqtt://127.0.0.1:99999'" \
	--group --follow w --broker mqtt://127.0.0.1:99999
one_line "--follow without --group" "give --group" \
	--follow w --broker mqtt://127.0.0.1:1
one_line "--host without --broker" "give --group" --group --host w
one_line "--host and --follow together" "give --group" \
	--group --host w --follow w --broker mqtt://127.0.0.1:1
one_line "a session name with a wildcard" "session name 'w/#'" \
	--group --follow 'w/#' --broker mqtt://127.0.0.1:1
printf 'username = bodo\npasword = x\n' >"$TMP/broker.conf"
one_line "a broker config file with an unknown key" \
	"broker.conf:2: unknown key 'pasword'" --group --follow w \
	--broker mqtt://127.0.0.1:1 --broker-config "$TMP/broker.conf"
one_line "a broker config file that is not there" \
	"nothere.conf: cannot read the broker config file" --group \
	--follow w --broker mqtt://127.0.0.1:1 \
	--broker-config "$TMP/nothere.conf"
one_line "a room without a name" "a room needs a name" --group \
	--follow w --broker mqtt://127.0.0.1:1
# libmosquitto is loaded at the first link, not linked into the player:
# one that cannot be used (here a library of another name under its
# soname) stops a room with one line, and a kiosk never loads it.
mkdir -p "$TMP/nomosq"
libz=$(ldd "$VP" | awk '$1 == "libz.so.1" { print $3 }')
cp "$libz" "$TMP/nomosq/libmosquitto.so.1"
LD_LIBRARY_PATH=$TMP/nomosq
export LD_LIBRARY_PATH
one_line "a room whose libmosquitto cannot be used" \
	"linked rooms need libmosquitto.*mosquitto_" --group --follow w \
	--room a --broker mqtt://127.0.0.1:1
unset LD_LIBRARY_PATH
# --no-render draws nothing, which only a headless player may do.
"$VP" --no-render --window 640x360 --group --lang uk \
	--level lower-secondary --exit-after 5 "$B" >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc -eq 2 ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] &&
   grep -q -- "--no-render goes with --headless" "$TMP/err"; then
	pass "--no-render without --headless"
else
	fail "--no-render without --headless" "exit $rc: $(cat "$TMP/err")"
fi
