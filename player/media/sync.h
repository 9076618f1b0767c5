/* sync: the A/V sync policy, as pure functions so it is unit-tested
 * without a display or a decoder. The audio clock is the master.
 *
 * Policy, applied once per ui frame (tick) with the master clock C and a
 * tolerance T of half the tick interval (capped at 20 ms):
 * - A queued frame is due when its pts <= C + T: shown on the tick
 *   nearest its time, so |A-V| stays within half a tick.
 * - Show the latest due frame. Due frames before it are dropped: their
 *   whole display interval has passed (video behind audio). Dropping
 *   never happens while the video keeps up.
 * - A frame not yet due is never shown early: the current picture stays
 *   (video ahead of audio waits).
 * - When the current picture's interval has ended (pts + duration < C - T)
 *   and no next frame is decoded, the picture is repeated; the next frame
 *   shown is logged with repeated = 1. The audio is never slowed down or
 *   stretched for the video's sake.
 * - With no audio stream (or after it ends) the master clock is the
 *   player's clock, advanced by the tick's elapsed time while playing. */
#ifndef VV_PLAYER_MEDIA_SYNC_H
#define VV_PLAYER_MEDIA_SYNC_H

/* Maximum tolerance in seconds. */
#define SYNC_MAX_TOLERANCE 0.020

/* Returns the tolerance for ticks `interval` seconds apart (60 Hz assumed
 * when interval is 0). */
double sync_tolerance(double interval);

/* Given the pts of the n queued frames in order, returns -1 when none is
 * due (keep the current picture), else k: drop frames 0..k-1 and show
 * frame k. */
int sync_pick(const double *pts, int n, double clock, double tolerance);

/* Returns 1 when a picture shown at `pts` for `duration` is held past its
 * interval at `clock` (a repeat if no next frame is ready). */
int sync_overdue(double pts, double duration, double clock,
		 double tolerance);

#endif
