/* legible: group-screen text sizes and viewing angles. */
#include "player/core/legible.h"

#include <math.h>

int legible_px(int screen_h, double fraction)
{
	int px = (int)ceil((double)screen_h * fraction - 1e-9);

	return px < 1 ? 1 : px;
}

double legible_arcmin(double px, int screen_h, double diagonal_in,
		      double distance_m)
{
	/* 16:9: height = diagonal * 9 / sqrt(16^2 + 9^2). */
	double height_mm = diagonal_in * 25.4 * 9.0 / sqrt(337.0);
	double mm = px * height_mm / (screen_h > 0 ? screen_h : 1);
	double rad = 2 * atan(mm / 2 / (distance_m * 1000));

	return rad * 180 / M_PI * 60;
}

double legible_stroke_arcmin(int font_px, int screen_h)
{
	return legible_arcmin(font_px * LEGIBLE_STEM_EM, screen_h,
			      LEGIBLE_ROOM_DIAGONAL_IN,
			      LEGIBLE_ROOM_DISTANCE_M);
}

double legible_cap_arcmin(int font_px, int screen_h)
{
	return legible_arcmin(font_px * LEGIBLE_CAP_EM, screen_h,
			      LEGIBLE_ROOM_DIAGONAL_IN,
			      LEGIBLE_ROOM_DISTANCE_M);
}
