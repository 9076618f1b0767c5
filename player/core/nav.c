/* nav: kiosk flow and navigation state machine. */
#include "player/core/nav.h"

#include <stdlib.h>

#include "player/core/idle.h"

struct nav {
	const struct library *lib;
	struct nav_config cfg;
	enum nav_screen screen;
	enum nav_screen idle_return;   /* screen under the idle question */
	int lang, level;
	int focus;                     /* highlighted picker entry */
	const struct bundle *bundle;
	size_t item;
	int paused;
	int held;                      /* nav_set_held(): timers stand still */
	double elapsed;                /* current item, pauses excluded */
	double last_tick;
	struct idle idle;
	double countdown;              /* the question's usual countdown */
	double language_countdown;     /* at least this on the language
	                                * picker (nav_set_language_countdown) */
	unsigned fx;
};

const char *nav_screen_name(enum nav_screen screen)
{
	switch (screen) {
	case NAV_SCREEN_OPERATOR: return "operator";
	case NAV_SCREEN_ATTRACT: return "attract";
	case NAV_SCREEN_LANGUAGE: return "language";
	case NAV_SCREEN_LEVEL: return "level";
	case NAV_SCREEN_SEQUENCE: return "sequence";
	case NAV_SCREEN_IDLE: return "idle";
	case NAV_SCREEN_END: return "end";
	}
	return "?";
}

const char *nav_input_name(enum nav_input in)
{
	static const char *names[] = { "wake", "next", "back", "home",
		"pause", "replay", "pick_lang", "pick_level", "jump", "first",
		"last", "item_done", "again", "other_lang", "focus_next",
		"focus_prev", "select" };

	if ((unsigned)in < sizeof names / sizeof names[0])
		return names[in];
	return "?";
}

static void set_screen(struct nav *nav, enum nav_screen s)
{
	if (nav->screen != s)
		nav->fx |= NAV_FX_SCREEN;
	if (nav->screen != s && (s == NAV_SCREEN_LANGUAGE ||
				 s == NAV_SCREEN_LEVEL))
		nav->focus = 0;
	if (nav->screen == NAV_SCREEN_SEQUENCE && s != NAV_SCREEN_SEQUENCE &&
	    s != NAV_SCREEN_IDLE)
		nav->fx |= NAV_FX_STOP;
	/* A spoken prompt belongs to its screen: the end screen's ("again,
	 * another language or home") must not go on over the start, nor the
	 * language's over the picker it was taken back on. The language's
	 * prompt does carry over to the level picker, and a level's is
	 * replaced by the first slide's narration. */
	if (nav->screen != s && s != NAV_SCREEN_IDLE &&
	    (nav->screen == NAV_SCREEN_END ||
	     (nav->screen == NAV_SCREEN_LEVEL && s != NAV_SCREEN_SEQUENCE)))
		nav->fx |= NAV_FX_STOP;
	nav->screen = s;
}

/* Forgets the item and its pause: every way out of a sequence starts the
 * next one from a defined state. */
static void clear_item(struct nav *nav)
{
	nav->bundle = NULL;
	nav->item = 0;
	nav->paused = 0;
	nav->elapsed = 0;
}

static void start_item(struct nav *nav, size_t i, double now)
{
	nav->item = i;
	nav->elapsed = 0;
	nav->paused = 0;
	nav->last_tick = now;
	idle_touch(&nav->idle, now);
	set_screen(nav, NAV_SCREEN_SEQUENCE);
	nav->fx |= NAV_FX_ITEM;
}

static void start_sequence(struct nav *nav, double now)
{
	nav->bundle = library_bundle(nav->lib, (size_t)nav->lang,
				     (size_t)nav->level);
	if (!nav->bundle || nav->bundle->n_items == 0) {
		/* An empty bundle cannot be played: stay on the pickers. */
		nav->bundle = NULL;
		return;
	}
	start_item(nav, 0, now);
}

static int n_langs(const struct nav *nav)
{
	return (int)library_n_langs(nav->lib);
}

static int n_levels(const struct nav *nav)
{
	return nav->lang < 0 ? 0 :
	       (int)library_n_levels(nav->lib, (size_t)nav->lang);
}

static void choose_level(struct nav *nav, int level, double now)
{
	nav->level = level;
	start_sequence(nav, now);
}

/* Enters the level step for the chosen language: skipped when there is
 * only one level or it is fixed. */
static int fixed_level(const struct nav *nav)
{
	if (!nav->cfg.fixed_level || nav->lang < 0)
		return -1;
	return library_find_level(nav->lib, (size_t)nav->lang,
				  nav->cfg.fixed_level);
}

static void enter_level_step(struct nav *nav, double now)
{
	int fixed = fixed_level(nav);

	if (fixed >= 0)
		choose_level(nav, fixed, now);
	else if (n_levels(nav) == 1)
		choose_level(nav, 0, now);
	else
		set_screen(nav, NAV_SCREEN_LEVEL);
}

static void choose_lang(struct nav *nav, int lang, double now)
{
	if (nav->lang != lang)
		nav->fx |= NAV_FX_UILANG;
	nav->lang = lang;
	nav->level = -1;
	enter_level_step(nav, now);
}

/* The first step after waking up: the language picker unless it is
 * skipped (one language, or --lang). */
/* Whether the language picker is skipped: a fixed language (--lang) or
 * only one in the library. */
static int language_step_skipped(const struct nav *nav)
{
	int fixed = nav->cfg.fixed_lang;

	return (fixed >= 0 && fixed < n_langs(nav)) || n_langs(nav) == 1;
}

static void enter_language_step(struct nav *nav, double now)
{
	int fixed = nav->cfg.fixed_lang;

	clear_item(nav);
	if (fixed >= 0 && fixed < n_langs(nav))
		choose_lang(nav, fixed, now);
	else if (n_langs(nav) == 1)
		choose_lang(nav, 0, now);
	else {
		if (nav->lang != -1)
			nav->fx |= NAV_FX_UILANG;
		nav->lang = -1;
		nav->level = -1;
		set_screen(nav, NAV_SCREEN_LANGUAGE);
	}
}

/* Clears every choice and shows the first screen of the mode. */
static void reset(struct nav *nav, double now)
{
	nav->fx |= NAV_FX_RESET;
	if (nav->screen == NAV_SCREEN_SEQUENCE ||
	    nav->screen == NAV_SCREEN_IDLE)
		nav->fx |= NAV_FX_STOP;
	if (nav->lang != -1)
		nav->fx |= NAV_FX_UILANG;
	nav->lang = -1;
	nav->level = -1;
	clear_item(nav);
	idle_touch(&nav->idle, now);
	if (library_n_bundles(nav->lib) == 0)
		set_screen(nav, NAV_SCREEN_OPERATOR);
	else if (nav->cfg.mode == NAV_MODE_KIOSK)
		set_screen(nav, NAV_SCREEN_ATTRACT);
	else
		enter_language_step(nav, now);
}

enum vv_err nav_new(const struct library *lib, const struct nav_config *cfg,
		    double now, struct nav **out)
{
	struct nav *nav = calloc(1, sizeof *nav);

	*out = NULL;
	if (!nav)
		return VV_ERR_NOMEM;
	nav->lib = lib;
	nav->cfg = *cfg;
	nav->lang = nav->level = -1;
	nav->screen = NAV_SCREEN_OPERATOR;
	nav->last_tick = now;
	idle_init(&nav->idle, cfg->idle_timeout, cfg->idle_countdown, now);
	nav->countdown = nav->idle.countdown;
	reset(nav, now);
	nav->fx = NAV_FX_SCREEN | NAV_FX_UILANG;
	if (nav->screen == NAV_SCREEN_SEQUENCE)
		nav->fx |= NAV_FX_ITEM;
	*out = nav;
	return VV_OK;
}

void nav_free(struct nav *nav)
{
	free(nav);
}

/* The step before the sequence, for "back" on the first item and "home". */
static void leave_sequence_back(struct nav *nav, double now)
{
	int level_shown = fixed_level(nav) < 0 && n_levels(nav) > 1;

	if (level_shown) {
		clear_item(nav);
		nav->level = -1;
		set_screen(nav, NAV_SCREEN_LEVEL);
	} else {
		enter_language_step(nav, now);
		if (nav->screen == NAV_SCREEN_SEQUENCE)
			return;  /* nothing to go back to */
	}
}

static void go_item(struct nav *nav, long i, double now)
{
	if (!nav->bundle || i < 0 || (size_t)i >= nav->bundle->n_items)
		return;
	start_item(nav, (size_t)i, now);
}

static void sequence_input(struct nav *nav, enum nav_input in, long arg,
			   double now)
{
	size_t n = nav->bundle->n_items;

	switch (in) {
	case NAV_IN_NEXT:
	case NAV_IN_ITEM_DONE:
		if (in == NAV_IN_ITEM_DONE && nav->cfg.mode != NAV_MODE_KIOSK)
			break;
		if (nav->item + 1 < n)
			go_item(nav, (long)nav->item + 1, now);
		else if (nav->cfg.mode == NAV_MODE_KIOSK)
			set_screen(nav, NAV_SCREEN_END);  /* what next? */
		break;
	case NAV_IN_BACK:
		if (nav->item > 0)
			go_item(nav, (long)nav->item - 1, now);
		else if (nav->cfg.mode == NAV_MODE_KIOSK)
			leave_sequence_back(nav, now);
		break;
	case NAV_IN_HOME:
		if (nav->cfg.mode == NAV_MODE_KIOSK) {
			enter_language_step(nav, now);
			if (nav->screen == NAV_SCREEN_SEQUENCE)
				go_item(nav, 0, now);
		} else {
			go_item(nav, 0, now);
		}
		break;
	case NAV_IN_FIRST:
		go_item(nav, 0, now);
		break;
	case NAV_IN_LAST:
		go_item(nav, (long)n - 1, now);
		break;
	case NAV_IN_JUMP:
		go_item(nav, arg, now);
		break;
	case NAV_IN_PAUSE:
		nav->paused = !nav->paused;
		nav->fx |= nav->paused ? NAV_FX_PAUSE : NAV_FX_RESUME;
		break;
	case NAV_IN_REPLAY:
		nav->elapsed = 0;
		if (nav->paused)
			nav->fx |= NAV_FX_RESUME;
		nav->paused = 0;
		nav->fx |= NAV_FX_REPLAY;
		break;
	default:
		break;
	}
}

/* Moves the picker highlight by `by` round n entries. */
static void move_focus(struct nav *nav, int by, int n)
{
	if (n > 0)
		nav->focus = ((nav->focus + by) % n + n) % n;
}

void nav_input(struct nav *nav, enum nav_input in, long arg, double now)
{
	nav_tick(nav, now);
	/* Media reporting an end is not a person at the kiosk. */
	if (in != NAV_IN_ITEM_DONE)
		idle_touch(&nav->idle, now);
	switch (nav->screen) {
	case NAV_SCREEN_OPERATOR:
		break;
	case NAV_SCREEN_ATTRACT:
		/* A tap on a language's name in the attract screen's row
		 * picks it, as on the picker. */
		if (in == NAV_IN_PICK_LANG && arg >= 0 && arg < n_langs(nav) &&
		    !language_step_skipped(nav)) {
			clear_item(nav);
			choose_lang(nav, (int)arg, now);
		} else if (in != NAV_IN_ITEM_DONE) {
			enter_language_step(nav, now);
		}
		break;
	case NAV_SCREEN_LANGUAGE:
		if (in == NAV_IN_SELECT)
			in = NAV_IN_PICK_LANG, arg = nav->focus;
		if (in == NAV_IN_FOCUS_NEXT || in == NAV_IN_FOCUS_PREV)
			move_focus(nav, in == NAV_IN_FOCUS_NEXT ? 1 : -1,
				   n_langs(nav));
		else if (in == NAV_IN_PICK_LANG && arg >= 0 &&
			 arg < n_langs(nav))
			choose_lang(nav, (int)arg, now);
		else if (in == NAV_IN_HOME && nav->cfg.mode == NAV_MODE_KIOSK)
			reset(nav, now);
		break;
	case NAV_SCREEN_LEVEL:
		if (in == NAV_IN_SELECT)
			in = NAV_IN_PICK_LEVEL, arg = nav->focus;
		if (in == NAV_IN_FOCUS_NEXT || in == NAV_IN_FOCUS_PREV)
			move_focus(nav, in == NAV_IN_FOCUS_NEXT ? 1 : -1,
				   n_levels(nav));
		else if (in == NAV_IN_PICK_LEVEL && arg >= 0 &&
			 arg < n_levels(nav))
			choose_level(nav, (int)arg, now);
		else if ((in == NAV_IN_BACK || in == NAV_IN_HOME) &&
			 nav->cfg.mode == NAV_MODE_KIOSK &&
			 language_step_skipped(nav))
			/* Nothing before this picker but the attract screen
			 * (which also takes up a changed library). */
			reset(nav, now);
		else if (in == NAV_IN_BACK || in == NAV_IN_HOME)
			enter_language_step(nav, now);
		break;
	case NAV_SCREEN_SEQUENCE:
		sequence_input(nav, in, arg, now);
		break;
	case NAV_SCREEN_END:
		if (in == NAV_IN_AGAIN || in == NAV_IN_REPLAY)
			go_item(nav, 0, now);
		else if (in == NAV_IN_OTHER_LANG)
			enter_language_step(nav, now);
		else if (in == NAV_IN_HOME)
			reset(nav, now);
		else if (in == NAV_IN_BACK)
			go_item(nav, (long)nav->bundle->n_items - 1, now);
		break;
	case NAV_SCREEN_IDLE:
		/* Any input means someone is there: carry on where they
		 * were. */
		if (in == NAV_IN_ITEM_DONE)
			break;
		set_screen(nav, nav->idle_return);
		if (nav->screen == NAV_SCREEN_SEQUENCE && !nav->paused)
			nav->fx |= NAV_FX_RESUME;
		break;
	}
}

static double advance_after(const struct nav *nav)
{
	const struct bundle_item *it = nav_current(nav);

	if (!it || nav->cfg.mode != NAV_MODE_KIOSK)
		return -1;
	if (it->kind == BUNDLE_VIDEO)
		return nav->cfg.video_placeholder > 0 ?
		       nav->cfg.video_placeholder : -1;
	if (it->narration && it->narration->duration > 0)
		return it->narration->duration + nav->cfg.advance_gap;
	return -1;
}

void nav_tick(struct nav *nav, double now)
{
	double dt = now - nav->last_tick;
	double after;

	if (dt < 0)
		dt = 0;
	nav->last_tick = now;
	if (nav->held) {
		/* the quiet time stands still too */
		nav->idle.last_activity += dt;
		return;
	}
	if (nav->screen == NAV_SCREEN_SEQUENCE && !nav->paused) {
		nav->elapsed += dt;
		after = advance_after(nav);
		if (after >= 0 && nav->elapsed >= after) {
			if (nav->item + 1 < nav->bundle->n_items)
				start_item(nav, nav->item + 1, now);
			else
				set_screen(nav, NAV_SCREEN_END);
		}
	}
	if (nav->cfg.mode != NAV_MODE_KIOSK)
		return;
	switch (nav->screen) {
	case NAV_SCREEN_LANGUAGE:
	case NAV_SCREEN_LEVEL:
	case NAV_SCREEN_SEQUENCE:
	case NAV_SCREEN_END:
		if (idle_check(&nav->idle, now, NULL) != IDLE_ACTIVE) {
			nav->idle_return = nav->screen;
			/* before a language is chosen, the question lasts
			 * as long as every language's prompt needs */
			nav->idle.countdown =
				nav->screen == NAV_SCREEN_LANGUAGE &&
				nav->language_countdown > nav->countdown ?
				nav->language_countdown : nav->countdown;
			set_screen(nav, NAV_SCREEN_IDLE);
			if (nav->idle_return == NAV_SCREEN_SEQUENCE &&
			    !nav->paused)
				nav->fx |= NAV_FX_PAUSE;
		}
		break;
	case NAV_SCREEN_IDLE:
		if (idle_check(&nav->idle, now, NULL) == IDLE_EXPIRED)
			reset(nav, now);
		break;
	default:
		break;
	}
}

void nav_library_changed(struct nav *nav, int fixed_lang, double now)
{
	nav->cfg.fixed_lang = fixed_lang;
	if (nav->screen == NAV_SCREEN_ATTRACT ||
	    nav->screen == NAV_SCREEN_OPERATOR)
		reset(nav, now);
}

enum vv_err nav_set_library(struct nav *nav, const struct library *lib,
			    int fixed_lang, double now)
{
	if (nav->screen != NAV_SCREEN_ATTRACT &&
	    nav->screen != NAV_SCREEN_OPERATOR)
		return VV_ERR_INTERNAL;
	nav->lib = lib;
	nav->cfg.fixed_lang = fixed_lang;
	reset(nav, now);
	return VV_OK;
}

void nav_set_held(struct nav *nav, int held)
{
	nav->held = held != 0;
}

void nav_set_playing(struct nav *nav, int playing, double now)
{
	if (playing && !nav->paused && !nav->held &&
	    nav->screen != NAV_SCREEN_IDLE)
		idle_touch(&nav->idle, now);
}

int nav_language_choice(const struct nav *nav)
{
	return !language_step_skipped(nav);
}

void nav_touch(struct nav *nav, double now)
{
	idle_touch(&nav->idle, now);
}

unsigned nav_take_effects(struct nav *nav)
{
	unsigned fx = nav->fx;

	nav->fx = 0;
	return fx;
}

enum nav_screen nav_screen(const struct nav *nav)
{
	return nav->screen;
}

enum nav_mode nav_mode(const struct nav *nav)
{
	return nav->cfg.mode;
}

int nav_lang(const struct nav *nav)
{
	return nav->lang;
}

int nav_level(const struct nav *nav)
{
	return nav->level;
}

const struct bundle *nav_bundle(const struct nav *nav)
{
	return nav->bundle;
}

size_t nav_item(const struct nav *nav)
{
	return nav->item;
}

const struct bundle_item *nav_current(const struct nav *nav)
{
	if (!nav->bundle || nav->item >= nav->bundle->n_items)
		return NULL;
	return &nav->bundle->items[nav->item];
}

int nav_focus(const struct nav *nav)
{
	return nav->focus;
}

int nav_paused(const struct nav *nav)
{
	return nav->paused;
}

double nav_item_elapsed(const struct nav *nav)
{
	return nav->elapsed;
}

double nav_advance_in(const struct nav *nav)
{
	double after = advance_after(nav);

	/* the last item moves on to the end screen */
	if (after < 0 || !nav->bundle)
		return -1;
	return after > nav->elapsed ? after - nav->elapsed : 0;
}

double nav_idle_remaining(const struct nav *nav, double now)
{
	double left = 0;

	if (nav->screen == NAV_SCREEN_IDLE)
		idle_check(&nav->idle, now, &left);
	return left;
}

void nav_set_language_countdown(struct nav *nav, double seconds)
{
	nav->language_countdown = seconds;
}

double nav_idle_countdown(const struct nav *nav)
{
	return nav->idle.countdown;
}

enum nav_screen nav_idle_return(const struct nav *nav)
{
	return nav->idle_return;
}
