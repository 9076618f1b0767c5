#!/bin/sh
# End-to-end: a film in linked rooms through a real Mosquitto broker on
# loopback. The host plays the film and seeks it (L, +10 s); two rooms
# (one joining later) follow the film position: each measures its drift
# from the host's, seeks past the threshold, and the host's console shows
# each room's drift. What is checked is what the rooms do (they measure,
# seek past the threshold and come back within it), not how close a
# machine keeps them: the figure (|room - host| p50/p95) is
# bench/bench-player-linked's, which runs this script with
# VV_BENCH_DIR=DIR to keep the settled samples and the host's log.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/linked_fixture.inc"
. "$TOP/tests/e2e/group_fixture.inc"

linked_need mosquitto
if ! GROUP_FILM_SECONDS=30 make_group_bundles "$TMP" video; then
	fail fixture "building the bundles failed: $(tail -n 3 "$TMP/build.log")"
	exit 1
fi
linked_broker
VV_REAL_TIME=1
export VV_REAL_TIME

# The host goes to the film at 3 s, seeks +10 s at 8 s, leaves at 16 s.
printf '3 key 6\n3.05 key Return\n8 key L\n16 quit\n' >"$TMP/host.script"
B=$TMP/bundles
linked_host "$URL" --window 640x360 --session-dir "$TMP/sessions"
room() {
	VEIVISER_MQTT_USERNAME=$1 VEIVISER_MQTT_PASSWORD=$1-pw \
		"$VP" --headless --window 640x360 --group --console off \
		--lang "$2" --level lower-secondary --exit-after "$3" \
		--session-dir "$TMP/sessions-$1" --follow webinar \
		--broker "$URL" --log-json "$TMP/$1.log" "$TMP/bundles" \
		2>"$TMP/$1.err" &
	PIDS="$PIDS $!"
}
room bodo nb 15
sleep 5          # narvik joins while the film plays
room narvik ti 10
rcs=
for p in $PIDS; do wait "$p"; rcs="$rcs$?"; done
PIDS=

expect "the host's film starts and seeks" \
	grep -q '"event":"video_seek"' "$TMP/host.log"
for r in bodo narvik; do
	expect "room $r plays the film" \
		grep -q '"event":"video_start","item":"film"' "$TMP/$r.log"
	# the host's +10 s reaches the room as a seek of about +10 s
	big=$(jq -r 'select(.event == "link_seek" and .delta > 5) | .delta' \
		"$TMP/$r.log" | head -n 1)
	expect "room $r follows the host's seek (delta $big)" [ -n "$big" ]
done
# |room - host| over every sample from 1 s after the film started in the
# room or after each of its seeks (settled), both rooms together.
jq -r 'select(.event == "video_start" or .event == "link_seek" or
	      .event == "link_drift") |
       [.event, .t, (.drift_ms // 0)] | @tsv' "$TMP/bodo.log" "$TMP/narvik.log" |
	awk -F'\t' '$1 != "link_drift" { since = $2; next }
		    $2 - since >= 1 { d = $3 < 0 ? -$3 : $3; print d }' |
	sort -n >"$TMP/drift"
n=$(wc -l <"$TMP/drift")
if [ -n "${VV_BENCH_DIR:-}" ]; then
	cp "$TMP/drift" "$TMP/host.log" "$VV_BENCH_DIR/"
fi
expect "the rooms measure their drift ($n settled samples)" [ "$n" -ge 20 ]
# back_within ROOM: after the room followed the host's +10 s (its first
# seek of more than 5 s), a later drift sample is within the seek
# threshold (LINKED_SEEK_THRESHOLD, 500 ms): the room came back to the
# host's film rather than drifting on or seeking for ever.
back_within() {
	jq -r 'select(.event == "link_seek" or .event == "link_drift") |
	       [.event, (.delta // 0), (.drift_ms // 0)] | @tsv' "$TMP/$1.log" |
		awk -F'\t' '$1 == "link_seek" && $2 > 5 { after = 1; next }
			    after && $1 == "link_drift" &&
			    $3 >= -500 && $3 <= 500 { ok = 1 }
			    END { exit !ok }'
}
for r in bodo narvik; do
	expect "room $r comes back within the seek threshold after the host's seek" \
		back_within "$r"
done
expect "the host's console shows each room's drift" \
	grep -qE '"note":"[^"]*bodo nb [+-][0-9]+\.[0-9]s' "$TMP/host.log"
if [ "$rcs" = 000 ] &&
   ! grep -q "ERROR: AddressSanitizer\|runtime error" "$TMP"/*.err; then
	pass "the host and rooms exit 0 cleanly"
else
	fail "the host and rooms exit 0 cleanly" "exits $rcs: $(cat "$TMP"/*.err)"
fi
