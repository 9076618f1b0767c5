/* Unit tests for player/core/nav (kiosk flow and navigation) and
 * player/core/library (index by language and level), on bundles built in
 * memory. */
#include "player/core/library.h"
#include "player/core/nav.h"
#include "tests/unit/check.h"

#include <string.h>

static struct bundle_member narr = { .name = (char *)"media/n.opus",
				     .kind = (char *)"audio", .duration = 4.0 };
static struct bundle_member vid = { .name = (char *)"media/v.mkv",
				    .kind = (char *)"video",
				    .duration = 30.0 };

static struct bundle_item items[3] = {
	{ .kind = BUNDLE_SLIDE, .id = (char *)"welcome", .narration = &narr },
	{ .kind = BUNDLE_SLIDE, .id = (char *)"plain" },
	{ .kind = BUNDLE_VIDEO, .id = (char *)"film", .video = &vid },
};

static struct bundle mk(const char *lang, const char *level)
{
	struct bundle b;

	memset(&b, 0, sizeof b);
	b.path = (char *)"mem.vvb";
	b.lang = lang_find(lang);
	b.level_id = (char *)level;
	b.items = items;
	b.n_items = 3;
	return b;
}

static struct nav_config kiosk_cfg(void)
{
	struct nav_config c;

	memset(&c, 0, sizeof c);
	c.mode = NAV_MODE_KIOSK;
	c.idle_timeout = 60;
	c.idle_countdown = 10;
	c.advance_gap = 1;
	c.video_placeholder = 3;
	c.fixed_lang = -1;
	c.fixed_level = NULL;
	return c;
}

static void test_library(struct library *lib)
{
	int ar = library_find_lang(lib, "ar");
	int nb = library_find_lang(lib, "nb");

	CHECK(library_n_langs(lib) == 2 && library_n_bundles(lib) == 3,
	      "library: two languages, three bundles");
	CHECK(nb == 0 && ar == 1, "library: languages in table order");
	CHECK(library_n_levels(lib, 0) == 2 && library_n_levels(lib, 1) == 1,
	      "library: levels per language");
	CHECK(library_find_level(lib, 0, "no-schooling") == 0 &&
	      library_find_level(lib, 0, "upper-secondary") == 1,
	      "library: standard level order, not insertion order");
	CHECK(library_find_lang(lib, "ti") == -1 &&
	      library_find_level(lib, 1, "x") == -1, "library: misses give -1");
	CHECK(library_n_notes(lib) == 2, "library: duplicate bundle noted");
	CHECK(library_find_lang(lib, "ti") == -1 &&
	      strstr(library_note(lib, 1)->message, "no items"),
	      "library: a bundle without items is noted, not offered");
}

static void test_flow(struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	unsigned fx;
	double t = 0;

	CHECK_STR(nav_input_name(NAV_IN_ITEM_DONE), "item_done",
		  "nav: input names for the log");
	CHECK(nav_new(lib, &cfg, t, &nav) == VV_OK &&
	      nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "nav: kiosk starts attract");
	nav_take_effects(nav);
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE,
	      "nav: any input on attract opens the language picker");
	nav_input(nav, NAV_IN_PICK_LANG, 7, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE,
	      "nav: out-of-range pick ignored");
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_LEVEL && (fx & NAV_FX_UILANG),
	      "nav: picking nb opens the level picker and switches the UI");
	nav_input(nav, NAV_IN_PICK_LEVEL, 1, t += 1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE && nav_item(nav) == 0 &&
	      (fx & NAV_FX_ITEM) &&
	      strcmp(nav_bundle(nav)->level_id, "upper-secondary") == 0,
	      "nav: picking a level starts the chosen bundle");
	CHECK(nav_advance_in(nav) == 5, "nav: auto-advance after narration");
	nav_tick(nav, t += 4.9);
	CHECK(nav_item(nav) == 0, "nav: no advance before narration ends");
	nav_tick(nav, t += 0.2);
	CHECK(nav_item(nav) == 1, "nav: advance after narration and gap");
	CHECK(nav_advance_in(nav) == -1, "nav: silent slide waits");
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	CHECK(nav_item(nav) == 2, "nav: next");
	nav_input(nav, NAV_IN_PAUSE, 0, t += 0.5);
	fx = nav_take_effects(nav);
	CHECK(nav_paused(nav) && (fx & NAV_FX_PAUSE), "nav: pause");
	nav_tick(nav, t += 20);
	CHECK(nav_item(nav) == 2, "nav: paused video placeholder stays");
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	CHECK(nav_item(nav) == 1 && !nav_paused(nav),
	      "nav: back, and a new item plays");
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LEVEL,
	      "nav: back on the first item returns to the level picker");
	nav_take_effects(nav);
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE && (fx & NAV_FX_STOP),
	      "nav: back from the level picker stops the language's prompt");
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_input(nav, NAV_IN_REPLAY, 0, t += 2);
	fx = nav_take_effects(nav);
	CHECK((fx & NAV_FX_REPLAY) && nav_item_elapsed(nav) == 0,
	      "nav: replay restarts the item");
	nav_input(nav, NAV_IN_JUMP, 2, t += 1);
	CHECK(nav_item(nav) == 2, "nav: jump");
	nav_input(nav, NAV_IN_JUMP, 9, t += 1);
	CHECK(nav_item(nav) == 2, "nav: jump out of range ignored");
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE && nav_lang(nav) == -1,
	      "nav: home returns to the language picker");
	nav_input(nav, NAV_IN_PICK_LANG, 1, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE &&
	      strcmp(nav_bundle(nav)->lang->code, "ar") == 0,
	      "nav: a language with one level skips the level picker");
	nav_input(nav, NAV_IN_JUMP, 2, t += 1);
	nav_take_effects(nav);
	nav_tick(nav, t += 3.1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_END && (fx & NAV_FX_STOP),
	      "nav: the last item, played, leads to the end screen");
	nav_input(nav, NAV_IN_AGAIN, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE && nav_item(nav) == 0 &&
	      strcmp(nav_bundle(nav)->lang->code, "ar") == 0,
	      "nav: end screen, again: the same pack from its start");
	nav_input(nav, NAV_IN_LAST, 0, t += 1);
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_END,
	      "nav: next on the last item leads to the end screen");
	nav_take_effects(nav);
	nav_input(nav, NAV_IN_OTHER_LANG, 0, t += 1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE && nav_lang(nav) == -1,
	      "nav: end screen, another language: the language picker");
	CHECK(fx & NAV_FX_STOP,
	      "nav: leaving the end screen stops its spoken prompt");
	nav_input(nav, NAV_IN_PICK_LANG, 1, t += 1);
	nav_input(nav, NAV_IN_LAST, 0, t += 1);
	nav_input(nav, NAV_IN_ITEM_DONE, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_END,
	      "nav: the last film's end leads to the end screen");
	nav_take_effects(nav);
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT && nav_lang(nav) == -1,
	      "nav: end screen, home: back to the start");
	CHECK(fx & NAV_FX_STOP,
	      "nav: end screen, home: its spoken prompt stops");
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 1, t += 1);
	nav_input(nav, NAV_IN_LAST, 0, t += 1);
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	nav_tick(nav, t += 60.1);
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE,
	      "nav: an end screen left alone asks, then resets");
	nav_tick(nav, t += 10.1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT, "nav: and resets");
	CHECK_STR(nav_screen_name(NAV_SCREEN_END), "end",
		  "nav: the end screen's name");
	nav_free(nav);
}

static void test_idle_reset(struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	unsigned fx;
	int i;
	double t = 0;

	nav_new(lib, &cfg, t, &nav);
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	nav_take_effects(nav);
	nav_tick(nav, t += 59.9);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE, "idle: not yet asking");
	nav_tick(nav, t += 0.2);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE && (fx & NAV_FX_PAUSE),
	      "idle: asks after the timeout and pauses media");
	CHECK(nav_idle_remaining(nav, t) > 9.8 &&
	      nav_idle_remaining(nav, t) <= 10, "idle: countdown shown");
	nav_input(nav, NAV_IN_WAKE, 0, t += 5);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE && nav_item(nav) == 1 &&
	      (fx & NAV_FX_RESUME), "idle: a touch resumes where it was");
	nav_tick(nav, t += 60.1);
	nav_tick(nav, t += 10.1);
	fx = nav_take_effects(nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT && nav_lang(nav) == -1 &&
	      nav_level(nav) == -1 && !nav_bundle(nav) &&
	      (fx & NAV_FX_RESET) && (fx & NAV_FX_UILANG) && (fx & NAV_FX_STOP),
	      "idle: countdown end resets everything to attract");
	nav_tick(nav, t += 500);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "idle: attract never times out");
	/* Media end reports (every frame, even) are not activity. */
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_input(nav, NAV_IN_LAST, 0, t += 1);
	for (i = 0; i < 100; i++)
		nav_input(nav, NAV_IN_ITEM_DONE, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "idle: media end reports do not keep the kiosk awake");
	nav_free(nav);
}

/* A film or narration longer than the idle timeout plays to its end: the
 * idle timer runs only while nothing plays, and counts from the moment
 * the media ended or was paused. */
static void test_idle_while_playing(struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0, end;

	cfg.video_placeholder = 0;
	nav_new(lib, &cfg, t, &nav);
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_input(nav, NAV_IN_JUMP, 2, t += 1);
	/* a 150 s film, reported playing each frame */
	for (end = t + 150; t < end; t += 0.5) {
		nav_set_playing(nav, 1, t);
		nav_tick(nav, t);
	}
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE && !nav_paused(nav),
	      "idle: no question while a film longer than the timeout plays");
	/* last reported playing at t - 0.5 */
	nav_set_playing(nav, 0, t);
	nav_tick(nav, t += 59.4);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE,
	      "idle: the countdown starts when the film ends");
	nav_tick(nav, t += 0.2);
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE,
	      "idle: asks a timeout after the film ended");
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE, "idle: back to the film");
	nav_input(nav, NAV_IN_PAUSE, 0, t += 1);
	/* paused media is not playing, whatever the media side says */
	for (end = t + 60.1; t < end; t += 0.5) {
		nav_set_playing(nav, 1, t);
		nav_tick(nav, t);
	}
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE,
	      "idle: the countdown starts when the film is paused");
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PAUSE, 0, t += 1);
	for (end = t + 30; t < end; t += 0.5) {
		nav_set_playing(nav, 1, t);
		nav_tick(nav, t);
	}
	nav_tick(nav, t += 59.4);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE,
	      "idle: resumed media counts as activity until it stops");
	nav_free(nav);
}

/* A held kiosk (under the staff overlay) moves no timer: the slide does
 * not advance, no idle question, no reset; both go on from where they
 * were when let go. */
static void test_held(struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0, end;

	nav_new(lib, &cfg, t, &nav);
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	/* the welcome slide advances 5 s after it started */
	nav_tick(nav, t += 2);
	nav_set_held(nav, 1);
	for (end = t + 200; t < end; t += 0.5) {
		nav_set_playing(nav, 1, t);
		nav_tick(nav, t);
	}
	nav_tick(nav, t);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE && nav_item(nav) == 0,
	      "held: no advance, no idle question while held");
	nav_set_held(nav, 0);
	nav_tick(nav, t += 2.9);
	CHECK(nav_item(nav) == 0, "held: the slide's time went on from 2 s");
	nav_tick(nav, t += 0.2);
	CHECK(nav_item(nav) == 1, "held: and it advances at 5 s");
	/* paused (nothing advances): quiet from the pause, held for 100 s */
	nav_input(nav, NAV_IN_PAUSE, 0, t += 1);
	nav_set_held(nav, 1);
	nav_tick(nav, t += 100);
	nav_set_held(nav, 0);
	nav_tick(nav, t += 59.9);
	CHECK(nav_screen(nav) != NAV_SCREEN_IDLE,
	      "held: the idle timer did not run while held");
	nav_tick(nav, t += 0.2);
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE, "held: asks at 60 s quiet");
	nav_set_held(nav, 1);
	nav_tick(nav, t += 100);
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE,
	      "held: no reset while held on the question");
	nav_set_held(nav, 0);
	nav_tick(nav, t += 9.7);
	CHECK(nav_screen(nav) == NAV_SCREEN_IDLE,
	      "held: the countdown goes on from where it was");
	nav_tick(nav, t += 0.4);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT, "held: then resets");
	nav_free(nav);
}

/* Nothing of one visit is left for the next: a pause made before Home,
 * back to the pickers or an idle reset is gone. */
static void test_clean_state(struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0;

	nav_new(lib, &cfg, t, &nav);
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_input(nav, NAV_IN_JUMP, 2, t += 1);
	nav_input(nav, NAV_IN_PAUSE, 0, t += 1);
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE && !nav_paused(nav) &&
	      nav_item(nav) == 0 && nav_item_elapsed(nav) == 0,
	      "state: Home clears the pause and the item");
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_input(nav, NAV_IN_PAUSE, 0, t += 1);
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LEVEL && !nav_paused(nav),
	      "state: back to the level picker clears the pause");
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	CHECK(nav_item(nav) == 0 && !nav_paused(nav),
	      "state: the next visit starts on a playing first item");
	nav_free(nav);
}

static void test_group_and_fixed(struct library *lib, struct library *empty)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0;

	cfg.mode = NAV_MODE_GROUP;
	cfg.fixed_lang = 0;
	cfg.fixed_level = "upper-secondary";
	nav_new(lib, &cfg, t, &nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE && nav_item(nav) == 0,
	      "group: fixed language and level start on the first item");
	nav_tick(nav, t += 100);
	CHECK(nav_item(nav) == 0 && nav_screen(nav) == NAV_SCREEN_SEQUENCE,
	      "group: no auto-advance and no idle question");
	nav_input(nav, NAV_IN_LAST, 0, t += 1);
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	CHECK(nav_item(nav) == 2 && nav_screen(nav) == NAV_SCREEN_SEQUENCE,
	      "group: next on the last item stays");
	nav_input(nav, NAV_IN_FIRST, 0, t += 1);
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	CHECK(nav_item(nav) == 0 && nav_screen(nav) == NAV_SCREEN_SEQUENCE,
	      "group: back on the first item stays");
	nav_free(nav);

	/* A clicker on the pickers: the highlight goes round, Enter picks
	 * it. */
	cfg.fixed_lang = -1;
	cfg.fixed_level = NULL;
	nav_new(lib, &cfg, t, &nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE && nav_focus(nav) == 0,
	      "group: the language picker opens on the first entry");
	nav_input(nav, NAV_IN_FOCUS_PREV, 0, t += 1);
	CHECK(nav_focus(nav) == 1, "group: up from the first wraps round");
	nav_input(nav, NAV_IN_FOCUS_NEXT, 0, t += 1);
	nav_input(nav, NAV_IN_SELECT, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LEVEL && nav_lang(nav) == 0 &&
	      nav_focus(nav) == 0,
	      "group: Enter picks the highlighted language");
	nav_input(nav, NAV_IN_FOCUS_NEXT, 0, t += 1);
	nav_input(nav, NAV_IN_SELECT, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE &&
	      strcmp(nav_bundle(nav)->level_id, "upper-secondary") == 0,
	      "group: Enter picks the highlighted level");
	nav_free(nav);

	cfg = kiosk_cfg();
	nav_new(empty, &cfg, 0, &nav);
	CHECK(nav_screen(nav) == NAV_SCREEN_OPERATOR,
	      "nav: empty library shows the operator screen");
	nav_input(nav, NAV_IN_WAKE, 0, 1);
	nav_tick(nav, 1000);
	CHECK(nav_screen(nav) == NAV_SCREEN_OPERATOR,
	      "nav: operator screen stays");
	nav_free(nav);
}

/* A kiosk whose language step is skipped (one language in the library,
 * or --lang) opens on the level picker: its back arrow and Home lead to
 * the attract screen (where a changed library is taken up), not to the
 * same level picker again. */
static void test_level_first(struct library *one, struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0;

	nav_new(one, &cfg, t, &nav);
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LEVEL,
	      "one language: the kiosk opens on the level picker");
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "one language: back on the level picker goes to attract");
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "one language: Home on the level picker goes to attract");
	nav_free(nav);

	cfg.fixed_lang = 0;
	nav_new(lib, &cfg, t, &nav);
	nav_input(nav, NAV_IN_WAKE, 0, t += 1);
	nav_input(nav, NAV_IN_BACK, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "--lang: back on the level picker goes to attract");
	nav_free(nav);
}

/* A rescanned library replaces the nav's only where no bundle is in use:
 * refused mid-sequence, taken on attract and operator screens. */
static void test_set_library(struct library *lib, struct library *empty)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0;

	nav_new(lib, &cfg, t, &nav);
	nav_input(nav, NAV_IN_NEXT, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LANG, 0, t += 1);
	nav_input(nav, NAV_IN_PICK_LEVEL, 0, t += 1);
	nav_take_effects(nav);
	CHECK(nav_set_library(nav, empty, -1, t += 1) == VV_ERR_INTERNAL &&
	      nav_screen(nav) == NAV_SCREEN_SEQUENCE && nav_bundle(nav) &&
	      nav_take_effects(nav) == 0,
	      "nav: a new library is refused under a participant");
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT &&
	      nav_set_library(nav, empty, -1, t += 1) == VV_OK &&
	      nav_screen(nav) == NAV_SCREEN_OPERATOR,
	      "nav: on attract an emptied library shows the operator screen");
	CHECK(nav_set_library(nav, lib, -1, t += 1) == VV_OK &&
	      nav_screen(nav) == NAV_SCREEN_ATTRACT,
	      "nav: bundles arriving on the operator screen open the kiosk");
	nav_free(nav);
}

/* The attract screen's row of language names: a tap on one picks it
 * (NAV_IN_PICK_LANG there), unless the language is fixed. */
static void test_attract_pick(struct library *lib)
{
	struct nav_config cfg = kiosk_cfg();
	struct nav *nav = NULL;
	double t = 0;

	nav_new(lib, &cfg, t, &nav);
	CHECK(nav_language_choice(nav),
	      "attract: two languages are a choice");
	nav_input(nav, NAV_IN_PICK_LANG, 1, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_SEQUENCE &&
	      strcmp(nav_bundle(nav)->lang->code, "ar") == 0,
	      "attract: a tap on ar's name picks ar (one level: its pack)");
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	nav_input(nav, NAV_IN_HOME, 0, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_ATTRACT, "attract: home again");
	nav_input(nav, NAV_IN_PICK_LANG, 7, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LANGUAGE,
	      "attract: a name out of range only wakes the kiosk");
	nav_free(nav);

	cfg.fixed_lang = 0;
	nav_new(lib, &cfg, t, &nav);
	CHECK(!nav_language_choice(nav), "attract: --lang is no choice");
	nav_input(nav, NAV_IN_PICK_LANG, 1, t += 1);
	CHECK(nav_screen(nav) == NAV_SCREEN_LEVEL && nav_lang(nav) == 0,
	      "attract: with --lang a name picks the fixed language");
	nav_free(nav);
}

int main(void)
{
	struct bundle b1 = mk("nb", "upper-secondary");
	struct bundle b2 = mk("ar", "no-schooling");
	struct bundle b3 = mk("nb", "no-schooling");
	struct bundle dup = mk("nb", "no-schooling");
	struct bundle empty_b = mk("ti", "no-schooling");
	struct bundle o1 = mk("nb", "upper-secondary");
	struct bundle o2 = mk("nb", "no-schooling");
	struct library *lib = NULL, *empty = NULL, *one = NULL;

	if (library_new(NULL, NULL, &lib) != VV_OK ||
	    library_new(NULL, NULL, &empty) != VV_OK ||
	    library_new(NULL, NULL, &one) != VV_OK)
		return 1;
	library_add(one, &o1, 0);
	library_add(one, &o2, 0);
	library_add(lib, &b1, 0);
	library_add(lib, &b2, 0);
	library_add(lib, &b3, 0);
	library_add(lib, &dup, 0);
	empty_b.n_items = 0;
	library_add(lib, &empty_b, 0);
	test_library(lib);
	test_flow(lib);
	test_idle_reset(lib);
	test_idle_while_playing(lib);
	test_held(lib);
	test_clean_state(lib);
	test_group_and_fixed(lib, empty);
	test_set_library(lib, empty);
	test_level_first(one, lib);
	test_attract_pick(lib);
	library_free(lib);
	library_free(one);
	library_free(empty);
	return CHECK_DONE();
}
