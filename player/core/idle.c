/* idle: inactivity timer with a question phase. */
#include "player/core/idle.h"

void idle_init(struct idle *idle, double timeout, double countdown,
	       double now)
{
	idle->timeout = timeout > 0 ? timeout : 90.0;
	idle->countdown = countdown > 0 ? countdown : 15.0;
	idle->last_activity = now;
}

void idle_touch(struct idle *idle, double now)
{
	if (now > idle->last_activity)
		idle->last_activity = now;
}

enum idle_state idle_check(const struct idle *idle, double now,
			   double *remaining)
{
	double quiet = now - idle->last_activity;
	enum idle_state st;
	double left;

	if (quiet < idle->timeout) {
		st = IDLE_ACTIVE;
		left = idle->timeout - quiet;
	} else if (quiet < idle->timeout + idle->countdown) {
		st = IDLE_ASKING;
		left = idle->timeout + idle->countdown - quiet;
	} else {
		st = IDLE_EXPIRED;
		left = 0;
	}
	if (remaining)
		*remaining = left;
	return st;
}
