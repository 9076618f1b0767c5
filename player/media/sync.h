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
 *   player's clock, advanced by the tick's elapsed time while playing.
 *
 * A decoder slower than the film (1080p60 or 4K on two cores) must not
 * let the picture drift behind the sound. The decode thread knows the
 * master clock and, by how late each decoded frame is, picks a skip mode
 * (sync_skip_mode()), escalating as mpv's decoder frame dropping does:
 * - more than a frame late: the codec skips non-reference frames (which
 *   no other frame needs, so the picture stays clean), and frames whose
 *   whole interval has passed are dropped after decoding, before they
 *   are converted (the decoder stays in step, the cheapest catch-up);
 * - more than SYNC_LATE_KEY late for SYNC_LATE_HOLD of the clock while
 *   not catching up (the lateness does not fall from frame to frame), or
 *   for SYNC_LATE_GIVE_UP at all: every frame up to the next keyframe is
 *   skipped, and decoding starts again from it, on time. Films with
 *   keyframes seconds apart (phones and editors write 8 s GOPs) would
 *   freeze that long, so a short stall, which dropping absorbs within a
 *   fraction of a second, never skips to a keyframe;
 * - caught up: every frame is decoded again.
 * So the picture is never more than SYNC_LATE_KEY behind for longer than
 * SYNC_LATE_GIVE_UP plus the time it takes to reach a keyframe. */
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

/* Late by more than SYNC_LATE_KEY (seconds) for SYNC_LATE_HOLD of the
 * clock and not catching up: skip to the next keyframe; for
 * SYNC_LATE_GIVE_UP: skip to it in any case. */
#define SYNC_LATE_KEY 0.100
#define SYNC_LATE_HOLD 0.500
#define SYNC_LATE_GIVE_UP 1.000

enum sync_skip {
	SYNC_SKIP_NONE,    /* decode every frame */
	SYNC_SKIP_NONREF,  /* skip frames no other frame refers to */
	SYNC_SKIP_TO_KEY,  /* skip everything up to the next keyframe */
};

/* The skip mode after a frame was decoded `late` seconds after its time
 * (master clock minus pts) with `duration` seconds per frame; `held` is
 * how long (seconds of the clock) the frames have been more than
 * SYNC_LATE_KEY late without a break (0 when this one is not); `trend`
 * is how the lateness changes from frame to frame (smoothed; positive:
 * falling further behind; NAN: not known yet, as right after a seek);
 * `keyframe` is 1 when that frame was a keyframe. TO_KEY holds until a
 * keyframe comes; NONREF holds until the decoder is on time. */
enum sync_skip sync_skip_mode(enum sync_skip current, double late,
			      double held, double trend, double duration,
			      int keyframe);

/* How late a video decoder's frames come, frame by frame: the decode
 * thread's state for sync_lateness_update(). All zero is the state after
 * a start or a seek (decode every frame, no trend known). */
struct sync_lateness {
	enum sync_skip skip; /* the mode in force */
	double last;         /* the previous frame's lateness (s) */
	double trend;        /* its change from frame to frame, smoothed */
	int frames;          /* frames measured since the state was zeroed */
	int over;            /* 1: the frames are over SYNC_LATE_KEY late ... */
	double over_since;   /* ... since this master clock time */
};

/* Records that a frame was decoded `late` seconds after its time (master
 * clock minus pts) at master clock `clock` and returns the skip mode for
 * the frames after it: sync_skip_mode() with how long the lateness has
 * been over SYNC_LATE_KEY and the smoothed trend once more than three
 * frames were measured (NAN before). Updates *s; nothing else. */
enum sync_skip sync_lateness_update(struct sync_lateness *s, double late,
				    double clock, double duration,
				    int keyframe);

/* Returns 1 when a decoded frame should be dropped before it is queued:
 * its whole interval has passed at `clock`, and it is not a keyframe
 * (which is kept so the picture moves on after a skip). */
int sync_drop_decoded(double pts, double duration, double clock,
		      int keyframe);

#endif
