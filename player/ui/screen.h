/* screen: the kiosk's screens as a table, the way mpv lists its video
 * outputs: ui.c picks the entry for nav's screen and calls it; each
 * screen is one file that draws through player/ui/draw and knows no other
 * screen. */
#ifndef VV_PLAYER_UI_SCREEN_H
#define VV_PLAYER_UI_SCREEN_H

#include "player/core/nav.h"

struct ui;

struct screen {
	const char *name;  /* for logs: "attract", "language", ... */
	/* Draws the screen for the nav state at clock time `now` into the
	 * frame draw_begin() started, adding its touch targets. */
	void (*draw)(struct ui *ui, const struct nav *nav, double now);
};

extern const struct screen screen_attract;   /* attract.c */
extern const struct screen screen_langpick;  /* langpick.c */
extern const struct screen screen_levelpick; /* levelpick.c */
extern const struct screen screen_slide;     /* slide.c */
extern const struct screen screen_asking;    /* asking.c */
extern const struct screen screen_operator;  /* operator.c */
extern const struct screen screen_end;       /* end.c */

#endif
