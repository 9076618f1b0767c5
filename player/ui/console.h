/* console: the presenter console of the group screen, drawn from a view
 * that group.c fills in: full form on a second display or window, or a
 * compact overlay band on the room's one screen. */
#ifndef VV_PLAYER_UI_CONSOLE_H
#define VV_PLAYER_UI_CONSOLE_H

#include <stddef.h>
#include <time.h>

#include "player/core/facilitator.h"
#include "player/ui/draw.h"
#include "player/ui/groupslide.h"

/* What the presenter console shows. */
struct console_view {
	int picking;                        /* no pack chosen yet */
	const struct bundle *room;          /* the room's bundle */
	const struct bundle_item *current, *next;
	size_t index, total;
	const struct bundle *script_bundle; /* the script's language */
	const struct bundle_item *script_item;
	const char *next_heading;           /* in the script's language */
	double elapsed, item_elapsed;       /* s */
	time_t wall;                        /* the clock shown */
	enum facilitator_phase phase;
	enum facilitator_blank blank;
	const char *digits;
	int bad_number;
	int paused;
	int subtitles;
	const char *captions;               /* language, or NULL */
	int record_lost;                    /* the session folder cannot be
	                                     * written (checked at start) */
	double planned;                     /* s; 0: no countdown */
	int timer_paused;                   /* t */
	int script_step;                    /* + and -: steps of 10 % */
	int script_px;                      /* out: the script's size */
	double film_pos, film_dur;          /* s; film_pos < 0: no film */
	int help;                           /* ?: the keys, large */
	int overview;                       /* Tab: the grid of slides */
	size_t overview_sel;                /* its highlighted slide */
	const char *note;                   /* linked rooms: the broker's or
	                                     * the host's state, or NULL */
};

/* Draws the console into rectangle r of `ui`'s screen, the thumbnails'
 * pictures through `images`. overlay: the compact form over the room's
 * slide (single screen), else the full console with the slides small. */
void console_draw(struct ui *ui, struct groupslide_images *images,
		  struct console_view *v, struct draw_rect r, int overlay);

/* Columns of the slide overview's grid for a pack of n slides (3 to
 * 5); group.c moves the highlight a row with Up and Down by it. */
int console_overview_columns(size_t n);

/* The countdown's state for the view: "normal", "amber" (the last tenth
 * of the plan, at most two minutes) or "red" (over), or NULL without a
 * plan. Static strings. */
const char *console_countdown(const struct console_view *v);

/* The confirmation and count boxes in r, drawn on the room screen as
 * well. */
void console_draw_dialog(struct ui *ui, const struct console_view *v,
			 struct draw_rect r);

#endif
