/* pulse: does the PulseAudio server have an output; see pulse.h. */
#include "player/out/pulse.h"

#include <time.h>

#include <pulse/context.h>
#include <pulse/introspect.h>
#include <pulse/mainloop.h>

/* A server that does not answer in this long is left to SDL. */
#define PULSE_TIMEOUT 1.0

struct pulse_query {
	int done;          /* the server answered */
	int without_sink;
};

static double pulse_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* SDL 2.26 copies i->default_sink_name here without checking it. */
static void pulse_server_info(pa_context *context, const pa_server_info *i,
			      void *user)
{
	(void)context;
	struct pulse_query *q = user;
	q->without_sink = i && (!i->default_sink_name ||
				!i->default_sink_name[0]);
	q->done = 1;    /* i is NULL when the server refused */
}

/* Runs one round of the loop, waiting at most until `deadline`. Returns
 * 0, or -1 when the time is up or the loop failed. */
static int pulse_iterate(pa_mainloop *loop, double deadline)
{
	double left = deadline - pulse_now();
	if (left <= 0)
		return -1;
	if (pa_mainloop_prepare(loop, (int)(left * 1e6)) < 0 ||
	    pa_mainloop_poll(loop) < 0 || pa_mainloop_dispatch(loop) < 0)
		return -1;
	return 0;
}

int pulse_without_sink(void)
{
	struct pulse_query q = { 0, 0 };
	pa_mainloop *loop = pa_mainloop_new();
	if (!loop)
		return 0;
	pa_context *context = pa_context_new(pa_mainloop_get_api(loop),
					     "veiviser-play");
	pa_operation *op = NULL;
	double deadline = pulse_now() + PULSE_TIMEOUT;
	if (context && pa_context_connect(context, NULL,
					  PA_CONTEXT_NOAUTOSPAWN, NULL) >= 0) {
		while (!q.done) {
			pa_context_state_t state =
				pa_context_get_state(context);
			if (!PA_CONTEXT_IS_GOOD(state))
				break;
			if (state == PA_CONTEXT_READY && !op) {
				op = pa_context_get_server_info(
					context, pulse_server_info, &q);
				if (!op)
					break;
			}
			if (pulse_iterate(loop, deadline) != 0)
				break;
		}
	}
	if (op) {
		/* no callback after this, into a `q` that is gone */
		if (pa_operation_get_state(op) == PA_OPERATION_RUNNING)
			pa_operation_cancel(op);
		pa_operation_unref(op);
	}
	if (context) {
		pa_context_disconnect(context);
		pa_context_unref(context);
	}
	pa_mainloop_free(loop);
	return q.done && q.without_sink;
}
