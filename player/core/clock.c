/* clock: real or virtual time in seconds. */
#include "player/core/clock.h"

#include <stdlib.h>
#include <time.h>

struct clock {
	int virtual_time;
	double origin;   /* clock_wall() at creation (real clocks) */
	double now;      /* current time (virtual clocks) */
};

double clock_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double clock_thread_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double clock_process_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum vv_err clock_new(int virtual_time, struct clock **out)
{
	struct clock *c = calloc(1, sizeof *c);

	*out = NULL;
	if (!c)
		return VV_ERR_NOMEM;
	c->virtual_time = virtual_time;
	c->origin = clock_wall();
	*out = c;
	return VV_OK;
}

void clock_free(struct clock *clock)
{
	free(clock);
}

double clock_now(const struct clock *clock)
{
	if (clock->virtual_time)
		return clock->now;
	return clock_wall() - clock->origin;
}

void clock_advance(struct clock *clock, double seconds)
{
	if (clock->virtual_time && seconds > 0)
		clock->now += seconds;
}

int clock_is_virtual(const struct clock *clock)
{
	return clock->virtual_time;
}
