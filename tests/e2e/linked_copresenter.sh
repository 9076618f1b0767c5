#!/bin/sh
# End-to-end: a co-presenter (NAV) beside the counsellor, through a real
# Mosquitto broker with the shipped ACLs. The host drives first, hands the
# control to NAV with F6 and takes it back with F6; all the while both
# press keys at once, rapidly, in opposite directions (host: next, NAV:
# back). Two rooms (uk, ar) must move only with the driver: up while the
# host drives, down while NAV drives, up again after the take-back, never
# back and forth. A state NAV's login sends in its old term after the
# take-back moves nothing; the broker refuses NAV's login on the host's
# state and control topics and a room's on NAV's state topic.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"

linked_need mosquitto
linked_bundles 12
linked_broker
VV_REAL_TIME=1
export VV_REAL_TIME

# keys FROM TO KEY: KEY every 0.1 s from FROM to TO seconds.
keys() {
	awk -v a="$1" -v b="$2" -v k="$3" \
		'BEGIN { for (t = a; t <= b + 0.001; t += 0.1)
			printf "%.1f key %s\n", t, k }'
}
# The host: eight nexts at 6 s (it drives; NAV presses back meanwhile),
# F6 at 10 s (NAV drives), nexts from 12 to 16 s while NAV presses back,
# F6 at 22 s (the host drives again), nexts from 24 to 28 s while NAV
# presses back.
{
	keys 6.0 6.7 Right
	echo "10 key F6"
	keys 12 16 Right
	echo "22 key F6"
	keys 24 28 Right
	echo "34 quit"
} >"$TMP/host.script"
{
	keys 5.5 7.5 Left
	keys 12 16 Left
	keys 24 28 Left
	echo "34 quit"
} >"$TMP/nav.script"
printf '36 screenshot end\n37 quit\n' >"$TMP/room.script"

linked_host "$URL" --window 640x360 --participants 3 \
	--session-dir "$TMP/sessions-host"
VEIVISER_MQTT_USERNAME=nav VEIVISER_MQTT_PASSWORD=nav-pw \
	"$VP" --headless --window 640x360 --group --console off \
	--lang nb --level lower-secondary --participants 1 \
	--session-dir "$TMP/sessions-nav" --host webinar --co-presenter \
	--broker "$URL" --script "$TMP/nav.script" \
	--log-json "$TMP/nav.log" "$B" 2>"$TMP/nav.err" &
PIDS="$PIDS $!"
for r in narvik:uk tromso:ar; do
	room=${r%%:*} lang=${r#*:}
	VEIVISER_MQTT_USERNAME=$room VEIVISER_MQTT_PASSWORD=$room-pw \
		"$VP" --headless --window 640x360 --group --console off \
		--lang "$lang" --level lower-secondary --participants 10 \
		--session-dir "$TMP/sessions-$room" --follow webinar \
		--broker "$URL" --script "$TMP/room.script" \
		--screenshot-dir "$TMP/shots-$room" \
		--log-json "$TMP/$room.log" "$B" 2>"$TMP/$room.err" &
	PIDS="$PIDS $!"
done

# After the take-back: NAV's login sends a state in its own, old term
# (item s1, a later sequence number). Rooms must not follow it.
if wait_log "$TMP/host.log" '"event":"link_handover","driver":"host"' 40; then
	term=$(sed -n 's/.*"event":"link_control","driver":"nav","term":\([0-9]*\).*/\1/p' \
		"$TMP/narvik.log" | tail -n 1)
	sleep 3
	mosquitto_pub -q 1 -p "$PORT" -u nav -P nav-pw -r \
		-t veiviser/webinar/presenter/nav/state -m "$(printf 'v=1\nseq=999999\nterm=%s\ndriver=nav\npack=linked-test\nversion=1.0.0\nlevel=lower-secondary\nitem=s1\nindex=0\nplaying=1\nposition=0\nsent_ms=0\nblank=show' "$term")" \
		2>"$TMP/stale.err"
fi

# What the broker refuses (MQTT 5 reason codes).
forge() {
	mosquitto_pub -V mqttv5 -q 1 -p "$PORT" -u "$1" -P "$1-pw" -t "$2" \
		-m "$(printf 'v=1\nterm=1\ndriver=%s' "$1")" 2>&1 |
		grep -q "Not authorized"
}
expect "the broker refuses NAV's login on the host's state topic" \
	forge nav veiviser/webinar/state
expect "the broker refuses NAV's login on the control record" \
	forge nav veiviser/webinar/control
expect "the broker refuses a room on NAV's state topic" \
	forge narvik veiviser/webinar/presenter/nav/state

linked_wait_all

# The host handed the control over and took it back, each time in a new
# term.
terms=$(sed -n 's/.*"event":"link_handover","driver":\("[a-z]*"\),"term":\([0-9]*\).*/\1 \2/p' \
	"$TMP/host.log" | tr '\n' ' ')
handover_terms() {
	set -- $terms
	[ $# -eq 4 ] && [ "$1" = '"nav"' ] && [ "$3" = '"host"' ] &&
		[ "$4" -eq $(($2 + 1)) ]
}
expect "F6 hands the control to NAV and takes it back, term by term" \
	handover_terms

# Who may not drive, said so on its console, and sent nothing.
ignored() {
	grep -q '"event":"link_key_ignored","key":"'"$2"'","driver":"'"$3"'"' \
		"$TMP/$1.log"
}
expect "NAV's keys do nothing while the host drives" ignored nav Left host
expect "the host's keys do nothing while NAV drives" ignored host Right nav
# NAV published only in its own term: from its first state to its last,
# all carry the term the host gave it.
nav_term=$(echo "$terms" | awk '{ print $2 }')
nav_sent() {
	n=$(grep -c '"event":"link_state_sent"' "$TMP/nav.log")
	m=$(grep '"event":"link_state_sent"' "$TMP/nav.log" |
		grep -c '"term":'"$nav_term,")
	[ "$n" -gt 0 ] && [ "$n" -eq "$m" ]
}
expect "NAV publishes state only in the term it drove" nav_sent

# What the drivers published, in term and sequence order: the slides the
# rooms may show, in that order.
DRIVEN=$(cat "$TMP/host.log" "$TMP/nav.log" | grep '"event":"link_state_sent"' |
	sed -n 's/.*"seq":\([0-9]*\).*"term":\([0-9]*\),"index":\([0-9]*\).*/\2 \1 \3/p' |
	sort -k1,1n -k2,2n | awk '{ print $3 }' | uniq | tr '\n' ' ')
# Each room's slides, one line per change: up to 8 with the host, down
# to 1 with NAV, up to 12 with the host. Two turns, never back and forth.
for room in narvik tromso; do
	seqn=$(grep '"event":"item"' "$TMP/$room.log" |
		sed -n 's/.*"index":\([0-9]*\).*/\1/p' | uniq | tr '\n' ' ')
	turns=$(echo "$seqn" | awk '{
		dir = 0; t = 0
		for (i = 2; i <= NF; i++) {
			d = $i > $(i - 1) ? 1 : -1
			if (dir != 0 && d != dir) t++
			dir = d
		}
		print t }')
	peak=$(echo "$seqn" | awk '{ m = 0; for (i = 1; i <= NF; i++)
		if ($i >= m) { m = $i } else break; print m }')
	last=$(echo "$seqn" | awk '{ print $NF }')
	low=$(echo "$seqn" | awk -v p="$peak" '{ seen = 0; low = 99
		for (i = 1; i <= NF; i++) { if ($i == p) seen = 1
			if (seen && $i < low) low = $i } print low }')
	if [ "$turns" = 2 ] && [ "$peak" = 8 ] &&
	   [ "$low" = 0 ] && [ "$last" = 11 ]; then
		pass "$room moves only with the driver: $seqn"
	else
		fail "$room moves only with the driver" \
			"items $seqn ($turns turns, peak $peak, low $low, last $last)"
	fi
	# every state the room took came from the driver of the control
	# record it had then (before it had one: the host's own topic)
	from_driver() {
		awk '
			BEGIN { drv = "host" }
			/"event":"link_control"/ {
				sub(/.*"driver":"/, ""); sub(/".*/, ""); drv = $0 }
			/"event":"link_state"/ {
				s = $0; sub(/.*"driver":"/, "", s); sub(/".*/, "", s)
				if (s != drv) bad++; n++ }
			END { exit !(n > 0 && bad == 0) }' "$TMP/$1.log"
	}
	expect "$room takes state only from the control's driver" \
		from_driver "$room"
	# and its slides are the drivers' own, in their order (some may be
	# passed over when they came faster than the room drew)
	in_order() {
		echo "$DRIVEN|$seqn" | awk -F'|' '{
			nd = split($1, d, " "); nr = split($2, r, " ")
			j = 1
			for (i = 1; i <= nr; i++) {
				while (j <= nd && d[j] != r[i]) j++
				if (j > nd) exit 1
			}
			exit !(nr > 0) }'
	}
	expect "$room shows the drivers' slides in their order" in_order
	stale() {
		grep -q '"event":"link_ignored","driver":"nav","term":'"$nav_term"',"seq":999999,"item":"s1"' \
			"$TMP/$1.log"
	}
	expect "$room ignores NAV's state from its old term" stale "$room"
done

if [ "$RCS" = " 0 0 0 0" ] &&
   ! grep -l "Sanitizer\|runtime error" "$TMP"/*.err; then
	pass "host, NAV and rooms exit cleanly"
else
	fail "host, NAV and rooms exit cleanly" "exit statuses$RCS: $(head -c 600 "$TMP"/*.err)"
fi
if [ -n "${VV_KEEP:-}" ]; then
	mkdir -p "$VV_KEEP" && cp -r "$TMP"/*.log "$TMP"/shots-* "$VV_KEEP"/
fi
