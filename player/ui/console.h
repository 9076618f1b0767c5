/* console: the presenter console of the group screen, drawn from a view
 * that group.c fills in: full form on a second display or window, or a
 * compact overlay band on the room's one screen. */
#ifndef VV_PLAYER_UI_CONSOLE_H
#define VV_PLAYER_UI_CONSOLE_H

#include <stddef.h>
#include <time.h>

#include "player/core/facilitator.h"
#include "player/core/questions.h"
#include "player/ui/draw.h"
#include "player/ui/groupslide.h"

/* Linked rooms: one room as the host's console lists it. */
struct console_room {
	const char *room, *lang;
	const char *item;                   /* the item it shows, or "" */
	long participants;                  /* -1: not known */
	int online;                         /* 0: lost (the broker's will) */
	int following;                      /* 0: detached */
	int hand;                           /* its hand is up */
	int drift_known;                    /* a film plays on the same item */
	long drift_ms;                      /* its film minus the host's */
};

/* Linked rooms: a question on the host's console. Its text may hold
 * personal data: it is drawn, never logged. */
struct console_question {
	const char *room, *lang, *item, *text;
	enum question_state state;          /* player/core/questions.h */
};

/* Linked rooms: the host's rooms and questions, or a room's question
 * entry. Borrowed from player/ui/linked for the frame. */
struct console_linked {
	int host;
	int copresenter;                    /* a host that is a co-presenter */
	const struct console_room *rooms;
	size_t n_rooms;
	const struct console_question *questions;  /* newest first */
	size_t n_questions;
	long selected;                      /* in questions; -1: none */
	int entry;                          /* a room: the entry is open */
	const char *entry_text;             /* typed so far */
	const char *entry_edit;             /* being composed (input method) */
	int entry_failed;                   /* the last Enter could not send */
};

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
	int script_page;                    /* in: the script's page asked
	                                     * for (from 0; next and back
	                                     * step it); out: the one drawn */
	int script_pages;                   /* out: pages of a script too
	                                     * long for its place at the
	                                     * smallest size; 0: not drawn */
	size_t script_from, script_to;      /* out: the page's bytes of the
	                                     * script */
	double film_pos, film_dur;          /* s; film_pos < 0: no film */
	int text_page, text_pages;          /* the room's text page (from 1)
	                                     * of the slide's pages; next
	                                     * shows the page after */
	int help;                           /* ?: the keys, large */
	const char *staff_lang;             /* the labels' language (code) */
	int overview;                       /* Tab: the grid of slides */
	size_t overview_sel;                /* its highlighted slide */
	const char *note;                   /* linked rooms: the broker's or
	                                     * the host's state, or NULL */
	const struct console_linked *linked; /* linked rooms, or NULL */
};

/* Draws the console into rectangle r of `ui`'s screen, the thumbnails'
 * pictures through `images`. overlay: the compact form over the room's
 * slide (single screen), or with v->help the key help filling r; else
 * the full console with the slides small. */
void console_draw(struct ui *ui, struct groupslide_images *images,
		  struct console_view *v, struct draw_rect r, int overlay);

/* A linked room's question entry in r: what to press, and the text
 * typed so far with the caret, in its own direction. The text is drawn,
 * never logged. */
void console_draw_entry(struct ui *ui, const struct console_linked *k,
			struct draw_rect r);

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
