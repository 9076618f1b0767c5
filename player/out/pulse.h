/* pulse: asks the PulseAudio server whether it has an output before SDL's
 * PulseAudio driver starts, since SDL 2.26's driver crashes starting on a
 * server without any sink. */
#ifndef VV_PLAYER_OUT_PULSE_H
#define VV_PLAYER_OUT_PULSE_H

/* Returns 1 when a PulseAudio server answers (within a second) and has no
 * default sink, which it has whenever it has a sink at all; 0 when it has
 * one, or when no server answers (SDL's driver then fails on its own and
 * SDL tries its next one). Connects as SDL would (PULSE_SERVER, the
 * user's server), starts no server, and keeps nothing open. */
int pulse_without_sink(void);

#endif
