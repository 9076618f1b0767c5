/* facilitator: what a group-session facilitator's keys mean (presentation
 * clickers send PageDown/PageUp, "b" or "."), the slide-number entry, the
 * black and white screens, the "leave?" question and the participant count
 * at the end. Pure logic on SDL key names: no SDL, unit-tested alone. */
#ifndef VV_PLAYER_CORE_FACILITATOR_H
#define VV_PLAYER_CORE_FACILITATOR_H

#include "common/err.h"
#include "player/core/nav.h"

/* Where the session is. Every phase but DONE is left by Esc or Enter, so
 * no key leads to a state that traps the facilitator. */
enum facilitator_phase {
	FACILITATOR_RUNNING,      /* the pack plays; keys navigate */
	FACILITATOR_CONFIRM_EXIT, /* "leave?": Esc or y leaves, any other key
	                           * goes back to RUNNING */
	FACILITATOR_COUNT,        /* participant count entry: digits,
	                           * Backspace, Enter saves, Esc skips */
	FACILITATOR_DONE,         /* the session is over: write the record */
};

enum facilitator_blank {
	FACILITATOR_SHOW,         /* the room sees the slide */
	FACILITATOR_BLACK,
	FACILITATOR_WHITE,
};

/* What the caller must do after a key. */
enum facilitator_action {
	FACILITATOR_NONE,         /* nothing outside (state may have changed) */
	FACILITATOR_NAV,          /* feed `in`/`arg` to nav_input() */
	FACILITATOR_SUBTITLES,    /* toggle subtitles and captions */
	FACILITATOR_CONSOLE,      /* show or hide the console overlay */
	FACILITATOR_TIMER,        /* pause or resume the session timer (t) */
	FACILITATOR_TIMER_RESET,  /* the session timer back to zero (z) */
	FACILITATOR_BIGGER,       /* the console's script larger (+ =) */
	FACILITATOR_SMALLER,      /* and smaller (-) */
	FACILITATOR_HELP,         /* the console's key help on or off (?) */
	FACILITATOR_SWAP,         /* the room's and the console's screens
	                           * change places (x, F9) */
	FACILITATOR_LEAVE,        /* phase became DONE */
};

struct facilitator_result {
	enum facilitator_action action;
	enum nav_input in;        /* for FACILITATOR_NAV */
	long arg;                 /* item index (0-based) for NAV_IN_JUMP */
};

/* Longest slide number and participant count the entries accept. */
#define FACILITATOR_MAX_DIGITS 4

struct facilitator;

/* Returns VV_OK and a new facilitator in RUNNING (free with
 * facilitator_free()), or VV_ERR_NOMEM. n_items: slides in the pack, for
 * range checks of typed numbers. participants >= 0: the count is known
 * already (--participants), so leaving skips the count entry; -1: ask. */
enum vv_err facilitator_new(size_t n_items, long participants,
			    struct facilitator **out);

/* NULL is a no-op. */
void facilitator_free(struct facilitator *f);

/* Sets the number of items (after the language and level are chosen). */
void facilitator_set_items(struct facilitator *f, size_t n_items);

/* Handles one key press: `key` is an SDL key name ("PageDown", "B", ".",
 * "Keypad 5"), compared without regard to case. Returns what to do; keys
 * that mean nothing give FACILITATOR_NONE and change nothing. On a black
 * or white screen a navigation key (next, back, first, last) only shows
 * the slide again; a typed slide number jumps and shows it. Navigation
 * clears a half-typed number. */
struct facilitator_result facilitator_key(struct facilitator *f,
					  const char *key);

/* Sets the black or white screen from outside (a linked room follows
 * its host's); clears a half-typed number. */
void facilitator_set_blank(struct facilitator *f,
			   enum facilitator_blank blank);

enum facilitator_phase facilitator_phase(const struct facilitator *f);
enum facilitator_blank facilitator_blank(const struct facilitator *f);
const char *facilitator_blank_name(enum facilitator_blank blank);
const char *facilitator_phase_name(enum facilitator_phase phase);

/* The digits typed so far (slide number in RUNNING, count in COUNT); ""
 * when none. Owned by the facilitator. */
const char *facilitator_digits(const struct facilitator *f);

/* The participant count entered (or given), or -1 when not known. */
long facilitator_participants(const struct facilitator *f);

/* 1 when a typed slide number was out of range at the last Enter (the
 * console says so until the next key). */
int facilitator_bad_number(const struct facilitator *f);

#endif
