/* sync: the A/V sync policy; see sync.h. */
#include "player/media/sync.h"

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
