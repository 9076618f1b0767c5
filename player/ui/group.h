/* group: veiviser-play --group, the facilitator-driven group screen. The
 * room sees the slides (with captions in a second language when asked),
 * a black or white screen, and nothing of the controls; the facilitator
 * drives it with a clicker or keyboard and reads a presenter console on a
 * second display, in a second window, or as an overlay. At the end it
 * asks for the participant count and writes the session record. No SDL
 * here: drawing goes through player/out and player/ui. */
#ifndef VV_PLAYER_UI_GROUP_H
#define VV_PLAYER_UI_GROUP_H

#include "common/err.h"
#include "player/core/facilitator.h"
#include "player/core/jsonlog.h"
#include "player/core/library.h"
#include "player/core/nav.h"
#include "player/out/out.h"
#include "player/ui/ui.h"

struct text_engine;
struct group;

/* Where the presenter console goes. */
enum group_console {
	GROUP_CONSOLE_AUTO,    /* a second display when there is one, else a
	                        * second window */
	GROUP_CONSOLE_WINDOW,  /* a second window */
	GROUP_CONSOLE_SINGLE,  /* an overlay on the one screen (c hides it) */
	GROUP_CONSOLE_OFF,
};

struct group_config {
	struct out *out;             /* the room screen */
	struct ui *ui;               /* the room's ui: pickers, helpers */
	struct text_engine *text;    /* the room's text engine, may be NULL */
	const struct library *lib;
	struct jsonlog *log;         /* may be NULL */
	enum group_console console;
	int headless;                /* console into its own software surface
	                              * of the room's size */
	const char *font_dir;        /* for the console's text engine */
	const char *console_lang;    /* the facilitator's language; NULL: nb */
	const char *captions;        /* caption language, or NULL */
	long participants;           /* >= 0: given; -1: asked at the end */
	double planned;              /* the session's planned length, s;
	                              * 0: no countdown */
	/* The current film's position (s) and duration for the console;
	 * returns -1 when no film plays. NULL: not shown. */
	double (*film_position)(void *user, double *duration);
	void *film_user;
	const char *session_dir;     /* NULL: session_default_dir() */
};

/* Parses "auto", "window", "single" or "off". Returns 1 on success. */
int group_parse_console(const char *s, enum group_console *out);

/* Returns VV_OK and a new group (free with group_free()), opening the
 * console's window or surface; VV_ERR_NOMEM, or VV_ERR_DISPLAY after a
 * message when the console cannot be opened (the caller may go on with
 * GROUP_CONSOLE_SINGLE). Borrows everything in cfg. */
enum vv_err group_new(const struct group_config *cfg, struct group **out);

/* Closes the console. NULL is a no-op. Call before the room's out and
 * text engine are freed. */
void group_free(struct group *g);

/* Handles a key press (SDL key name). Returns 1 and sets *in and *arg
 * when the caller must feed an input to nav_input(), else 0. */
int group_key(struct group *g, const struct nav *nav, const char *key,
	      double now, enum nav_input *in, long *arg);

/* Draws the room screen and the console for the nav state at `now` and
 * keeps the session record up to date (neither is presented). */
void group_draw(struct group *g, const struct nav *nav, double now);

/* Presents the console's window (no-op in single and off modes). */
void group_present(struct group *g);

/* Writes the console's last frame to `path` as PNG and logs what it
 * shows, and its boxes ("console_box" events, as ui_log_boxes()). Returns VV_OK, VV_ERR_NOTFOUND when the console has no frame of
 * its own (single, off), or an out_screenshot() error. */
enum vv_err group_screenshot_console(struct group *g, const char *path,
				     double now);

/* Linked rooms: the room follows its host's black or white screen. */
void group_set_blank(struct group *g, enum facilitator_blank blank);
enum facilitator_blank group_blank(const struct group *g);

/* Linked rooms: a note for the facilitator on the console only (never on
 * the room screen), e.g. "waiting for the counsellor"; NULL or "" clears
 * it. Copied. */
void group_set_note(struct group *g, const char *note);

/* Linked rooms: the host's rooms and questions, or a room's question
 * entry, for the console (borrowed until set again; NULL: none). */
struct console_linked;
void group_set_linked(struct group *g, const struct console_linked *view);

/* Linked rooms: the question the host shows on every room's screen, from
 * `room`, typed in `lang`, drawn on the room's screen in a band at the
 * bottom as typed, never logged; NULL text hides it. Copied. */
void group_set_shown(struct group *g, const char *room, const char *lang,
		     const char *text);

/* 1 when the facilitator has left (after the count): the caller quits. */
int group_done(const struct group *g);

/* A display was plugged in or out (OUT_EV_DISPLAYS): with --console auto
 * the windows are laid out again for the displays there are now, as at
 * the start (a projector plugged in late takes the room; unplugged, the
 * room comes back to the laptop). Logs a "displays" event. */
void group_displays_changed(struct group *g, double now);

/* 1 when subtitles and captions are on (s toggles them). */
int group_subtitles(const struct group *g);

/* Ends the session at `now` and writes its record (when a pack was
 * played) into the session folder. Returns VV_OK, or the error after a
 * message when the record could not be written (the caller's exit
 * status says so). Safe to call more than once: only the first call
 * writes. */
enum vv_err group_finish(struct group *g, double now);

#endif
