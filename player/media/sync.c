/* sync: the A/V sync policy; see sync.h. */
#include "player/media/sync.h"

#include <math.h>

double sync_tolerance(double interval)
{
	double t = interval * 0.5;
	if (!(t > 0))
		return 0.5 / 60;   /* no tick measured yet: assume 60 Hz */
	return t < SYNC_MAX_TOLERANCE ? t : SYNC_MAX_TOLERANCE;
}

int sync_pick(const double *pts, int n, double clock, double tolerance)
{
	int pick = -1;
	for (int i = 0; i < n; i++) {
		if (pts[i] > clock + tolerance)
			break;
		pick = i;
	}
	return pick;
}

int sync_overdue(double pts, double duration, double clock,
		 double tolerance)
{
	return pts + duration < clock - tolerance;
}

enum sync_skip sync_skip_mode(enum sync_skip current, double late,
			      double held, double trend, double duration,
			      int keyframe)
{
	if (!(duration > 0))
		duration = 0.04;
	if (current == SYNC_SKIP_TO_KEY && !keyframe)
		return SYNC_SKIP_TO_KEY;
	if (late > SYNC_LATE_KEY &&
	    (held >= SYNC_LATE_GIVE_UP ||
	     (held >= SYNC_LATE_HOLD && !isnan(trend) && trend >= 0)))
		return SYNC_SKIP_TO_KEY;
	if (late > duration)
		return SYNC_SKIP_NONREF;
	if (current != SYNC_SKIP_NONE && late > 0)
		return SYNC_SKIP_NONREF;
	return SYNC_SKIP_NONE;
}

enum sync_skip sync_lateness_update(struct sync_lateness *s, double late,
				    double clock, double duration,
				    int keyframe)
{
	if (s->frames > 0)
		s->trend = s->trend * 0.7 + (late - s->last) * 0.3;
	s->last = late;
	s->frames++;
	if (!(late > SYNC_LATE_KEY))
		s->over = 0;
	else if (!s->over) {
		s->over = 1;
		s->over_since = clock;
	}
	double held = s->over ? clock - s->over_since : 0;
	s->skip = sync_skip_mode(s->skip, late, held,
				 s->frames > 3 ? s->trend : NAN, duration,
				 keyframe);
	return s->skip;
}

int sync_drop_decoded(double pts, double duration, double clock,
		      int keyframe)
{
	return !keyframe && pts + duration < clock;
}
