#!/bin/sh
# The sound device comes and goes under a kiosk that plays: the only sink
# of a private PulseAudio is removed (USB headphones pulled out, an HDMI
# projector switched off) and added again, then the sound server itself
# restarts. The film and the narration play to their end, staff read that
# the device was lost and that it is back, the player plays to the device
# again (its stream is on the sink), and the kiosk goes idle after them.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/pulse_fixture.inc"

# A private sound server with one sink; the kiosk plays the film.
audio_kiosk "audio device" "load-module module-null-sink sink_name=hdmi" ||
	exit 0
expect "audio device: the player plays to the sink" test "$(streams)" -eq 1

# The sink goes away while the film plays, and comes back.
pactl unload-module "$(sink_module hdmi)"
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
audio_player_stop "audio device"
