#!/bin/sh
# The sound device comes and goes under a kiosk that plays: the only sink
# of a private PulseAudio is removed (USB headphones pulled out, an HDMI
# projector switched off) and added again, then the sound server itself
# restarts. The film and the narration play to their end, staff read that
# the device was lost and that it is back, the player plays to the device
# again (its stream is on the sink), and the kiosk goes idle after them.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"

if ! command -v pulseaudio >/dev/null 2>&1 ||
   ! command -v pactl >/dev/null 2>&1; then
	fail "audio device: pulseaudio" "not installed: run scripts/install-deps"
	exit 0
fi

# intro (silent slide), film (20 s), talk (8 s narration), last.
if ! film_talk_pack "$TMP" film 20 8; then
	fail "audio device: build" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
cd "$TMP" || exit 1

# A private sound server with one sink, on its own socket.
mkdir -p pa
PULSE_RUNTIME_PATH=$TMP/pa/run PULSE_STATE_PATH=$TMP/pa/state
PULSE_SERVER=unix:$TMP/pa/sock
export PULSE_RUNTIME_PATH PULSE_STATE_PATH PULSE_SERVER
printf 'load-module module-native-protocol-unix socket=%s auth-anonymous=1
load-module module-null-sink sink_name=hdmi\n' "$TMP/pa/sock" >pa/pa.conf
papid=""
vppid=""
trap '[ -n "$vppid" ] && kill $vppid 2>/dev/null
	[ -n "$papid" ] && kill $papid 2>/dev/null; rm -rf "$TMP"' EXIT
# pa_start: starts the server, waits (at most 20 s) until it answers.
pa_start() {
	HOME=$TMP/pa pulseaudio -n --daemonize=no --exit-idle-time=-1 \
		--disallow-exit -F pa/pa.conf >>pa/log 2>&1 &
	papid=$!
	pa_i=0
	until pactl info >/dev/null 2>&1; do
		pa_i=$((pa_i + 1))
		[ $pa_i -gt 200 ] && return 1
		sleep 0.1
	done
}
# sink_module: the index of the sink's module (none when it is gone).
sink_module() {
	pactl list short modules | awk '$2 == "module-null-sink" { print $1 }'
}
# streams: how many streams play to the server.
streams() {
	pactl list short sink-inputs | wc -l
}
pa_start || { fail "audio device: pulseaudio starts" "$(tail -n 3 pa/log)"; exit 0; }

# Wake the kiosk, next to the film.
printf '0.5 tap 160 90\n1.0 key Right\n600 quit\n' >s.script
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=pulseaudio "$VP" \
	--window 320x180 --idle-timeout 3 --script s.script \
	--log-json p.json b >p.out 2>&1 &
vppid=$!
wait_log '"event":"video_start","item":"film"' 1 ||
	{ fail "audio device: the film starts" "$(tail -n 3 p.out)"; exit 0; }
expect "audio device: the player plays to the sink" test "$(streams)" -eq 1

# The sink goes away while the film plays, and comes back.
pactl unload-module "$(sink_module)"
wait_log '"state":"lost"' 1 ||
	fail "audio device: a lost device is noticed" "$(tail -n 3 p.out)"
# (in the kiosk's language, nb here, or English)
expect "audio device: staff read that the device was lost" \
	grep -q -e 'sound device was lost' -e 'lydenheten forsvant' p.out
pactl load-module module-null-sink sink_name=hdmi >/dev/null
wait_log '"state":"back"' 1 ||
	fail "audio device: a device that comes back is used" "$(tail -n 3 p.out)"
expect "audio device: the player plays to the sink that came back" \
	test "$(streams)" -eq 1

# The sound server restarts.
kill $papid
wait $papid
papid=""
wait_log '"state":"lost"' 2 ||
	fail "audio device: a sound server that stops is noticed" "$(tail -n 3 p.out)"
pa_start || { fail "audio device: pulseaudio starts again" "$(tail -n 3 pa/log)"; exit 0; }
wait_log '"state":"back"' 2 ||
	fail "audio device: a restarted sound server is used" "$(tail -n 3 p.out)"
expect "audio device: the player plays to the restarted server" \
	test "$(streams)" -eq 1

# The film and the narration end; the kiosk asks if someone is there.
wait_log '"event":"screen","name":"idle"' 1 ||
	fail "audio device: the kiosk goes idle" "$(tail -n 3 p.json)"
end=$(grep -m1 '"event":"video_end","item":"film"' p.json)
expect "audio device: the film plays to its end ($(jfield "$end" reason), clock $(jfield "$end" clock))" \
	eval '[ "$(jfield "$end" reason)" = end ] &&
		awk "BEGIN { exit !($(jfield "$end" clock) > 19.9) }"'
expect "audio device: the narration plays to its end" \
	grep -q '"event":"narration_end"' p.json
expect "audio device: no watchdog skipped anything" \
	eval '! grep -q "\"event\":\"watchdog\"" p.json'
# The idle question comes after the narration ended.
expect "audio device: idle only after the narration" \
	eval 'grep -n "" p.json | grep -E "narration_end|\"name\":\"idle\"" |
		head -n 1 | grep -q narration_end'
kill $vppid
wait $vppid
vprc=$?
vppid=""
expect "audio device: the player leaves cleanly on SIGTERM (status $vprc)" \
	test "$vprc" -eq 0
