#!/bin/sh
# A kiosk starts while its sound server has no output at all (the
# projector that is its only sound device is still off): it plays without
# sound rather than crash (SDL 2.26's PulseAudio driver crashed starting
# on such a server), and when the projector comes on, staff read that
# sound is on now (not "back": it never had sound) and the player plays
# to it. Then USB speakers are plugged in and the projector goes off:
# PulseAudio moves the sound to the speakers, and staff read where sound
# goes now.
. "$TOP/tests/lib.sh"
. "$TOP/tests/e2e/player_fixture.inc"
. "$TOP/tests/e2e/pulse_fixture.inc"

# A private sound server with no sink at all; the kiosk plays the film.
audio_kiosk "audio sinks" || exit 0
expect "audio sinks: no sink: nothing plays to the server" \
	test "$(streams)" -eq 0

# The projector comes on.
pactl load-module module-null-sink sink_name=hdmi \
	sink_properties=device.description=HDMI >/dev/null
wait_log '"event":"audio_device","state":"found"' 1 ||
	audio_player_fail "audio sinks: a first sound device is used"
expect "audio sinks: the player plays to the new sink" \
	test "$(stream_sinks)" = hdmi
# (in the kiosk's language, nb here, or English)
expect "audio sinks: staff read that sound is on" \
	grep -q -e 'sound device is there now' -e 'lyden er på' \
	p.out
expect "audio sinks: sound is not said to be back" \
	eval '! grep -q -e "there again" -e "tilbake" -e "\"state\":\"back\"" \
		p.out p.json'

# USB speakers are plugged in; the projector goes off.
pactl load-module module-null-sink sink_name=usb \
	sink_properties=device.description=USB >/dev/null
pactl unload-module "$(sink_module hdmi)"
wait_log '"event":"audio_device","state":"moved"' 1 ||
	audio_player_fail "audio sinks: the move is noticed"
expect "audio sinks: the player plays to the speakers" \
	test "$(stream_sinks)" = usb
moved=$(grep '"state":"moved"' p.json)
expect "audio sinks: the log names the speakers" \
	test "$(jfield "$moved" device)" = USB
expect "audio sinks: staff read where sound goes" \
	grep -q -e 'sound now goes to another device: USB' \
	-e 'lyden går nå til en annen enhet: USB' p.out
expect "audio sinks: a move is not a loss" \
	eval '! grep -q "\"state\":\"lost\"" p.json'
audio_player_stop "audio sinks"
