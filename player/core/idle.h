/* idle: the kiosk's inactivity timer. After `timeout` seconds without
 * activity the kiosk asks "are you still there?" for `countdown` seconds,
 * then resets. A plain value type: embed it, no allocation. */
#ifndef VV_PLAYER_CORE_IDLE_H
#define VV_PLAYER_CORE_IDLE_H

enum idle_state {
	IDLE_ACTIVE,   /* someone used the kiosk recently */
	IDLE_ASKING,   /* timeout passed: show the question and countdown */
	IDLE_EXPIRED,  /* countdown passed too: reset to the attract screen */
};

struct idle {
	double timeout;        /* seconds of inactivity before asking */
	double countdown;      /* seconds the question stays up */
	double last_activity;  /* clock time of the last activity */
};

/* Sets the durations and counts `now` as activity. Durations <= 0 are
 * replaced by the defaults (90 s and 15 s). */
void idle_init(struct idle *idle, double timeout, double countdown,
	       double now);

/* Counts `now` as activity. */
void idle_touch(struct idle *idle, double now);

/* Returns the state at `now`; *remaining (when not NULL) gets the seconds
 * left until the next state (0 when expired). */
enum idle_state idle_check(const struct idle *idle, double now,
			   double *remaining);

#endif
