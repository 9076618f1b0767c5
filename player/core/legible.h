/* legible: text sizes on the group screen as fractions of the screen
 * height, and the arithmetic that shows they are readable from the back
 * of the room: the angle a stroke and a capital subtend at the eye. */
#ifndef VV_PLAYER_CORE_LEGIBLE_H
#define VV_PLAYER_CORE_LEGIBLE_H

/* Font pixel sizes (em height) per screen height. The group screen never
 * draws the slide body or the captions smaller than the minimum; it
 * starts at the preferred size and shrinks to fit down to the minimum.
 *
 * Reasoning (docs in man/veiviser-play.1, GROUP SCREEN):
 * the reference room is a 50" 16:9 screen at 1920x1080 (picture height
 * 623 mm, 0.577 mm a pixel) and the back row at 5 m, where one arc-minute
 * is 1.45 mm, 2.5 pixels. A reader with 6/6 (20/20) vision resolves
 * strokes of 1 arc-minute; a Snellen letter is five strokes, 5 arc-minutes
 * high. Noto Sans Regular has stems of about 0.08-0.09 em and capitals
 * of 0.714 em. At 4.5% of the height (49 px) the body's stems are 4 px,
 * 1.6', and its capitals 35 px, 14', 2.8 times the threshold letter;
 * captions at 3.5% (38 px) have 1.3-1.6' stems and 11' capitals, still
 * twice the threshold, so someone with less than perfect sight can
 * follow. tests/unit/test_legible.c measures this from rendered pixels. */
#define LEGIBLE_HEADING 0.070        /* slide heading, bold */
#define LEGIBLE_BODY_PREFERRED 0.060
#define LEGIBLE_BODY_MIN 0.045
#define LEGIBLE_CAPTION_PREFERRED 0.045
#define LEGIBLE_CAPTION_MIN 0.035

/* The reference room. */
#define LEGIBLE_ROOM_DIAGONAL_IN 50.0
#define LEGIBLE_ROOM_DISTANCE_M 5.0
#define LEGIBLE_ROOM_HEIGHT_PX 1080

/* Noto Sans Regular proportions of the em (stem of "l", capital "H"). */
#define LEGIBLE_STEM_EM 0.088
#define LEGIBLE_CAP_EM 0.714

/* Returns the pixel size for `fraction` of a screen `screen_h` pixels
 * high, rounded up, at least 1. */
int legible_px(int screen_h, double fraction);

/* Returns the angle in arc-minutes that `px` pixels subtend at
 * `distance_m` on a 16:9 screen of `diagonal_in` inches showing
 * `screen_h` pixel rows. */
double legible_arcmin(double px, int screen_h, double diagonal_in,
		      double distance_m);

/* Returns the stroke (stem) width in arc-minutes of text at `font_px` in
 * the reference room, for a screen `screen_h` pixels high scaled to it. */
double legible_stroke_arcmin(int font_px, int screen_h);

/* Returns the capital height in arc-minutes likewise. */
double legible_cap_arcmin(int font_px, int screen_h);

#endif
