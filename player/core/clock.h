/* clock: the player's time source in seconds. Real (monotonic) on a kiosk;
 * virtual in scripted headless runs, where the main loop advances it by a
 * fixed step per frame so that a script replays the same way every time. */
#ifndef VV_PLAYER_CORE_CLOCK_H
#define VV_PLAYER_CORE_CLOCK_H

#include "common/err.h"

struct clock;

/* Returns VV_OK and a new clock at 0 s in *out (free with clock_free()),
 * or VV_ERR_NOMEM. virtual_time: 1 = time moves only by clock_advance(). */
enum vv_err clock_new(int virtual_time, struct clock **out);

/* NULL is a no-op. */
void clock_free(struct clock *clock);

/* Seconds since clock_new(). */
double clock_now(const struct clock *clock);

/* Moves a virtual clock forward by `seconds` (>= 0); no-op on a real one. */
void clock_advance(struct clock *clock, double seconds);

/* 1 when the clock is virtual. */
int clock_is_virtual(const struct clock *clock);

/* Real monotonic seconds from an arbitrary origin, for measuring how long
 * work takes (benchmark figures in the log) even under a virtual clock. */
double clock_wall(void);

/* CPU seconds used by the calling thread: what drawing a frame costs,
 * unaffected by other processes on a busy machine. */
double clock_thread_cpu(void);

/* CPU seconds used by the whole process so far (all threads). */
double clock_process_cpu(void);

#endif
