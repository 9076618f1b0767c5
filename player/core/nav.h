/* nav: the player's state machine. Kiosk flow (attract -> language ->
 * level -> sequence, idle question, reset) and the navigation that any
 * mode shares (next, back, home, jump, pause, replay, auto-advance).
 * Group mode (facilitator-driven) uses the same navigation with the
 * kiosk-only parts (attract, idle, auto-advance) switched off by the mode
 * flag. No SDL: the main loop feeds inputs and clock ticks, then reads the
 * effects and state to drive the screen and the audio. */
#ifndef VV_PLAYER_CORE_NAV_H
#define VV_PLAYER_CORE_NAV_H

#include <stddef.h>

#include "common/bundle.h"
#include "common/err.h"
#include "player/core/library.h"

enum nav_mode {
	NAV_MODE_KIOSK,  /* self-service: attract, pickers, idle reset */
	NAV_MODE_GROUP,  /* facilitator: no attract, no idle, no auto-advance */
};

enum nav_screen {
	NAV_SCREEN_OPERATOR,  /* nothing to play: tells the staff what to do */
	NAV_SCREEN_ATTRACT,
	NAV_SCREEN_LANGUAGE,
	NAV_SCREEN_LEVEL,
	NAV_SCREEN_SEQUENCE,
	NAV_SCREEN_IDLE,      /* "are you still there?" with a countdown */
	NAV_SCREEN_END,       /* kiosk, after the last item: again, another
	                       * language, or home */
};

enum nav_input {
	NAV_IN_WAKE,        /* any touch or key where no control is hit */
	NAV_IN_NEXT,
	NAV_IN_BACK,
	NAV_IN_HOME,
	NAV_IN_PAUSE,       /* toggles */
	NAV_IN_REPLAY,      /* narration or video from the start */
	NAV_IN_PICK_LANG,   /* arg: language index in the library */
	NAV_IN_PICK_LEVEL,  /* arg: level index for the chosen language */
	NAV_IN_JUMP,        /* arg: item index (0-based) */
	NAV_IN_FIRST,       /* first item */
	NAV_IN_LAST,        /* last item */
	NAV_IN_ITEM_DONE,   /* media says the current item played to its end */
	NAV_IN_AGAIN,       /* end screen: the same pack from its start */
	NAV_IN_OTHER_LANG,  /* end screen: the language picker */
	NAV_IN_FOCUS_NEXT,  /* pickers: highlight the next entry (clicker) */
	NAV_IN_FOCUS_PREV,  /* pickers: highlight the one before */
	NAV_IN_SELECT,      /* pickers: pick the highlighted entry */
};

/* Effects since the last nav_take_effects(), as bits. */
enum {
	NAV_FX_SCREEN = 1 << 0,   /* the screen changed */
	NAV_FX_ITEM = 1 << 1,     /* an item started: (re)start its media */
	NAV_FX_REPLAY = 1 << 2,   /* play the current item's media again */
	NAV_FX_PAUSE = 1 << 3,    /* pause media */
	NAV_FX_RESUME = 1 << 4,   /* resume media */
	NAV_FX_STOP = 1 << 5,     /* stop media (left the sequence, or a
	                           * prompt's screen) */
	NAV_FX_UILANG = 1 << 6,   /* interface language changed (or reset) */
	NAV_FX_RESET = 1 << 7,    /* state cleared (idle reset, home) */
};

struct nav_config {
	enum nav_mode mode;
	double idle_timeout;     /* s without input before asking; 0: 90 */
	double idle_countdown;   /* s the question stays up; 0: 15 */
	double advance_gap;      /* s after the narration ends before the next
	                          * item (auto-advance) */
	double video_placeholder;/* > 0: a video item is skipped after this
	                          * many seconds (until video playback exists);
	                          * 0: wait for NAV_IN_ITEM_DONE */
	int fixed_lang;          /* library language index, or -1 */
	const char *fixed_level; /* level id for every language (skips the
	                          * level picker where that level exists),
	                          * or NULL; borrowed */
};

struct nav;

/* Returns VV_OK and a new state machine in *out, or VV_ERR_NOMEM. Borrows
 * `lib` (it must outlive the nav). The first screen is the operator screen
 * when the library is empty, else attract (kiosk) or the first picker or
 * item (group). */
enum vv_err nav_new(const struct library *lib, const struct nav_config *cfg,
		    double now, struct nav **out);

/* NULL is a no-op. */
void nav_free(struct nav *nav);

/* Feeds one input at clock time `now`. Inputs that do not apply to the
 * current screen are ignored (never an error). */
void nav_input(struct nav *nav, enum nav_input in, long arg, double now);

/* Advances timers to `now`: auto-advance, idle question, reset. */
void nav_tick(struct nav *nav, double now);

/* Tells the nav whether media (a film, narration or a spoken prompt) is
 * playing at clock time `now`; call it every frame before nav_tick(). A
 * kiosk is not idle while something plays: the idle timer counts from
 * the moment the media ended or was paused, so a film or narration
 * longer than the idle timeout plays to its end. Ignored while paused,
 * held (nav_set_held()) and on the idle question (media is held there). */
void nav_set_playing(struct nav *nav, int playing, double now);

/* Holds the kiosk (held 1) while something covers it (the staff
 * overlay), or lets it go on (0). While held, nav_tick() moves no timer:
 * the current slide's time to auto-advance and the idle timer (or the
 * idle question's countdown) stand still, and go on from there when let
 * go. The nav starts not held; reset() does not change it. */
void nav_set_held(struct nav *nav, int held);

/* Returns 1 when the participant chooses the language (the picker, or a
 * name in the attract screen's row: NAV_IN_PICK_LANG there too), 0 when
 * it is fixed (--lang, or only one in the library). */
int nav_language_choice(const struct nav *nav);

/* Someone used the screen at clock time `now` through something that is
 * not a nav input (the seek and subtitle signs over a film): the idle
 * timer starts again from then. */
void nav_touch(struct nav *nav, double now);

/* Tells the nav that bundles left the library (a damaged one found in
 * the background): `fixed_lang` is --lang's index again (or -1). On the
 * attract or operator screen the nav resets, so that an emptied library
 * shows the operator screen. */
void nav_library_changed(struct nav *nav, int fixed_lang, double now);

/* Points the nav at `lib` (borrowed, must outlive the nav) instead of
 * its library: the player rescanned its bundle folders. Only on the
 * attract or operator screen, where no bundle is in use (the old library
 * may be freed after the call); elsewhere returns VV_ERR_INTERNAL and
 * changes nothing. `fixed_lang` as for nav_library_changed(); the nav
 * resets, so that an emptied library shows the operator screen and a
 * filled one leaves it. */
enum vv_err nav_set_library(struct nav *nav, const struct library *lib,
			    int fixed_lang, double now);

/* Returns and clears the effect bits. */
unsigned nav_take_effects(struct nav *nav);

enum nav_screen nav_screen(const struct nav *nav);
enum nav_mode nav_mode(const struct nav *nav);
const char *nav_screen_name(enum nav_screen screen);
/* "next", "pick_lang", ...: for logs. Static; never NULL. */
const char *nav_input_name(enum nav_input in);

/* Chosen language and level indexes, or -1. */
int nav_lang(const struct nav *nav);
int nav_level(const struct nav *nav);

/* The bundle being played (NULL outside a sequence) and the item. */
const struct bundle *nav_bundle(const struct nav *nav);
size_t nav_item(const struct nav *nav);
const struct bundle_item *nav_current(const struct nav *nav);

/* On the language and level pickers: the highlighted entry (0 when a
 * picker opens; FOCUS_NEXT and FOCUS_PREV move it round). */
int nav_focus(const struct nav *nav);

/* 1 when paused. */
int nav_paused(const struct nav *nav);

/* Seconds the current item has played (pauses excluded). */
double nav_item_elapsed(const struct nav *nav);

/* Seconds until auto-advance, or -1 when the item does not auto-advance. */
double nav_advance_in(const struct nav *nav);

/* On the idle screen: seconds left before the reset; else 0. */
double nav_idle_remaining(const struct nav *nav, double now);

/* Makes the idle question on the language picker stay up at least
 * `seconds` (the time to speak every language's prompt once and to
 * answer), where the participant's language is not known yet; shorter
 * than the usual countdown (or 0): the usual one. The other screens
 * keep theirs. Applies from the next question. */
void nav_set_language_countdown(struct nav *nav, double seconds);

/* The seconds from the idle question's start to the reset, for the
 * current (or last) question. */
double nav_idle_countdown(const struct nav *nav);

/* The screen the idle question interrupted. */
enum nav_screen nav_idle_return(const struct nav *nav);

#endif
