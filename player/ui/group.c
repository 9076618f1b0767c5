/* group: the group screen's flow, the room's slides and captions, the
 * facilitator's keys, the console's output and the session record. */
#include "player/ui/group.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/i18n.h"
#include "player/core/keys.h"
#include "player/core/legible.h"
#include "player/core/link_msg.h"
#include "player/core/session.h"
#include "player/core/uilang.h"
#include "player/ui/console.h"
#include "player/ui/draw.h"
#include "player/ui/groupslide.h"

struct group {
	struct group_config cfg;
	char console_lang[16];
	int console_lang_given;       /* --console-lang, not the default */
	char captions[16];
	struct facilitator *fac;
	struct session *session;
	/* The console's own screen (window or headless surface). */
	struct out *cout;
	struct text_engine *ctext;
	struct ui *cui;
	int overlay_hidden;           /* single mode: c hid the overlay */
	struct groupslide_images room_images, console_images;
	int subtitles;
	/* State seen at the last frame, to notice changes. */
	const struct bundle *bundle;
	long item;
	enum facilitator_blank blank;
	double t0, item_t0;
	double timer_t0;         /* the session timer's zero (z moves it) */
	double timer_stopped;    /* clock time t paused it, or -1 */
	int script_step;         /* + and - */
	int help;                /* ? */
	int overview;            /* Tab: the console's grid of slides */
	int swapped;             /* x: the windows changed places */
	size_t overview_sel;     /* its highlight */
	const struct bundle *cap_bundle, *script_bundle;
	int layout_logged;
	/* A slide's text or captions too long for one page continue on
	 * pages, and so does a script too long for the console: next and
	 * back step through them, the room's and the script's together,
	 * before they move on to another slide. `step` is the page asked
	 * for; each shows its last page past its own count. */
	int step;
	int cap_page, cap_pages;      /* the room's, as drawn */
	int script_pages;             /* the console's script's, as drawn
	                               * (1 when it was not drawn) */
	long console_item;
	/* the script's page, page count and size last logged */
	int console_page, console_pages, console_px;
	int finished, done;
	int record_lost;         /* the session folder failed its check */
	long trim_second;             /* when the text caches were trimmed */
	struct console_view view;
	char note[256];               /* linked rooms: console only */
	const struct console_linked *linked;
	/* linked rooms: the question shown on the room's screen */
	char shown_room[LINK_TOKEN_MAX + 1], shown_lang[LINK_LANG_MAX + 1];
	char shown_text[LINK_TEXT_MAX + 1];
	int shown_logged;
};

/* The console's window when it has no display of its own. */
#define CONSOLE_WINDOW_W 1280
#define CONSOLE_WINDOW_H 720

int group_parse_console(const char *s, enum group_console *out)
{
	static const char *const names[] = { "auto", "window", "single",
		"off" };
	int i;

	for (i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum group_console)i;
			return 1;
		}
	}
	return 0;
}

/* ---- Set-up ---- */

static void copy_code(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

enum vv_err group_new(const struct group_config *cfg, struct group **outp)
{
	struct group *g = calloc(1, sizeof *g);
	struct out_config oc;
	struct ui_config uc;
	enum vv_err err;
	int w, h;

	*outp = NULL;
	if (!g)
		return VV_ERR_NOMEM;
	g->cfg = *cfg;
	copy_code(g->console_lang, sizeof g->console_lang,
		  cfg->console_lang ? cfg->console_lang : "nb");
	g->console_lang_given = cfg->console_lang != NULL;
	copy_code(g->captions, sizeof g->captions, cfg->captions);
	g->cfg.console_lang = g->console_lang;
	g->cfg.captions = g->captions[0] ? g->captions : NULL;
	g->subtitles = 1;
	g->item = -1;
	g->console_item = -2;
	if (facilitator_new(0, cfg->participants, &g->fac) != VV_OK) {
		free(g);
		return VV_ERR_NOMEM;
	}
	{
		char dir[4096];

		/* Found now, not when the record is lost at the end. Said
		 * in the facilitator's language, like the end's message
		 * (group_finish()); then back to the start-up one, which
		 * the room's screens set for themselves when they draw. */
		uilang_set(g->console_lang);
		g->record_lost = session_check_dir(cfg->session_dir ?
			cfg->session_dir :
			session_default_dir(dir, sizeof dir)) != VV_OK;
		uilang_set(NULL);
	}
	if (cfg->console == GROUP_CONSOLE_SINGLE ||
	    cfg->console == GROUP_CONSOLE_OFF) {
		*outp = g;
		return VV_OK;
	}
	memset(&oc, 0, sizeof oc);
	oc.headless = cfg->headless;
	oc.title = _("Veiviser presenter console");
	out_size(cfg->out, &w, &h);
	if (cfg->headless) {
		oc.width = w;
		oc.height = h;
	} else if (cfg->console == GROUP_CONSOLE_AUTO &&
		   out_displays() > 1) {
		/* As presentation programs do: the room on the second
		 * display (the projector), the console on the first. */
		oc.fullscreen = 1;
		oc.display = 1;
		out_move_to_display(cfg->out, 2);
	} else {
		oc.width = CONSOLE_WINDOW_W;
		oc.height = CONSOLE_WINDOW_H;
	}
	err = out_new(&oc, &g->cout);
	if (err == VV_OK && text_engine_new(out_renderer(g->cout),
					    cfg->font_dir, &g->ctext) != VV_OK)
		g->ctext = NULL;  /* logged; the console still draws boxes */
	memset(&uc, 0, sizeof uc);
	uc.out = g->cout;
	uc.text = g->ctext;
	uc.lib = cfg->lib;
	uc.log = cfg->log;
	if (err == VV_OK)
		err = ui_new(&uc, &g->cui);
	if (err != VV_OK) {
		group_free(g);
		return err;
	}
	jsonlog_begin(cfg->log, 0, "console_open");
	jsonlog_int(cfg->log, "displays", cfg->headless ? 1 : out_displays());
	jsonlog_str(cfg->log, "placement", cfg->headless ? "surface" :
		    oc.display ? "second display" : "window");
	out_size(g->cout, &w, &h);
	jsonlog_int(cfg->log, "width", w);
	jsonlog_int(cfg->log, "height", h);
	jsonlog_end(cfg->log);
	*outp = g;
	return VV_OK;
}

void group_free(struct group *g)
{
	if (!g)
		return;
	groupslide_images_clear(&g->room_images);
	groupslide_images_clear(&g->console_images);
	ui_free(g->cui);
	text_engine_free(g->ctext);
	out_free(g->cout);
	session_free(g->session);
	facilitator_free(g->fac);
	free(g);
}

/* ---- Keys ---- */

static const char *action_name(const struct facilitator_result *r)
{
	switch (r->action) {
	case FACILITATOR_NONE: return "none";
	case FACILITATOR_SUBTITLES: return "subtitles";
	case FACILITATOR_CONSOLE: return "console";
	case FACILITATOR_TIMER: return "timer";
	case FACILITATOR_HELP: return "help";
	case FACILITATOR_SWAP: return "swap";
	case FACILITATOR_TIMER_RESET: return "timer_reset";
	case FACILITATOR_BIGGER: return "script_bigger";
	case FACILITATOR_SMALLER: return "script_smaller";
	case FACILITATOR_LEAVE: return "leave";
	case FACILITATOR_NAV:
		break;
	}
	switch (r->in) {
	case NAV_IN_NEXT: return "next";
	case NAV_IN_BACK: return "back";
	case NAV_IN_FIRST: return "first";
	case NAV_IN_LAST: return "last";
	case NAV_IN_JUMP: return "jump";
	case NAV_IN_PAUSE: return "pause";
	default: return "nav";
	}
}

static int key_in(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(key, *names) == 0)
			return 1;
	return 0;
}

/* The log's fields for where the windows are. */
static void log_places(struct group *g)
{
	int d, x, y;

	jsonlog_int(g->cfg.log, "swapped", g->swapped);
	jsonlog_str(g->cfg.log, "console", g->cout ? "screen" : "none");
	out_place(g->cfg.out, &d, &x, &y);
	jsonlog_int(g->cfg.log, "room_display", d);
	jsonlog_int(g->cfg.log, "room_x", x);
	jsonlog_int(g->cfg.log, "room_y", y);
	if (g->cout) {
		out_place(g->cout, &d, &x, &y);
		jsonlog_int(g->cfg.log, "console_display", d);
		jsonlog_int(g->cfg.log, "console_x", x);
		jsonlog_int(g->cfg.log, "console_y", y);
	}
}

/* x or F9: the room's window and the console's change places (the
 * projector was the other output). With one screen there is nothing to
 * swap; the log says so. */
static void swap_screens(struct group *g, double now)
{
	if (g->cout) {
		out_swap_places(g->cfg.out, g->cout);
		g->swapped = !g->swapped;
	}
	jsonlog_begin(g->cfg.log, now, "screens_swapped");
	log_places(g);
	jsonlog_end(g->cfg.log);
}

void group_displays_changed(struct group *g, double now)
{
	int n = out_displays();

	if (g->cout && g->cfg.console == GROUP_CONSOLE_AUTO) {
		/* As at the start: the console fills the first display
		 * and the room the second (the other way round after x);
		 * with one display the console is a window over the
		 * room, which keeps its fullscreen or window. */
		if (n > 1) {
			out_fullscreen_on(g->cout, g->swapped ? 2 : 1);
			out_move_to_display(g->cfg.out, g->swapped ? 1 : 2);
		} else {
			g->swapped = 0;
			out_move_to_display(g->cfg.out, 1);
			out_window_on(g->cout, 1, CONSOLE_WINDOW_W,
				      CONSOLE_WINDOW_H);
		}
	}
	jsonlog_begin(g->cfg.log, now, "displays");
	jsonlog_int(g->cfg.log, "displays", n);
	log_places(g);
	jsonlog_end(g->cfg.log);
}

static void log_overview(struct group *g, double now, const char *key,
			 const char *state)
{
	jsonlog_begin(g->cfg.log, now, "overview");
	jsonlog_str(g->cfg.log, "key", key);
	jsonlog_str(g->cfg.log, "state", state);
	jsonlog_int(g->cfg.log, "sel", (long)g->overview_sel);
	jsonlog_end(g->cfg.log);
}

/* A key while the slide overview is open: arrows, PageUp and PageDown
 * (a clicker), Home and End move the highlight; Enter jumps there and
 * shows the room the slide; Tab and Esc close. The keys that act on the
 * room without moving it (blank, pause, captions, timer, script size,
 * swap) are not the overview's: it returns -1 for them, and they act as
 * always (the clicker's blank key during a question). Other keys do
 * nothing, so a stray press cannot move the room's slides unseen.
 * Returns 1 with the jump in *in and *arg, else 0. */
static int overview_key(struct group *g, size_t n, const char *key,
			double now, enum nav_input *in, long *arg)
{
	static const char *const room[] = { "B", ".", "Keypad .", "W", ",",
		"P", "S", "T", "Z", "+", "=", "Keypad +", "-", "Keypad -",
		"X", "F9", NULL };
	static const char *const next[] = { "Right", "PageDown", "Space",
					    NULL };
	static const char *const back[] = { "Left", "PageUp", "Backspace",
					    NULL };
	static const char *const pick[] = { "Return", "Keypad Enter", NULL };
	size_t cols = (size_t)console_overview_columns(n);
	size_t sel = g->overview_sel;

	if (key_in(key, room))
		return -1;
	if (key_in(key, pick)) {
		g->overview = 0;
		log_overview(g, now, key, "jump");
		facilitator_set_blank(g->fac, FACILITATOR_SHOW);
		*in = NAV_IN_JUMP;
		*arg = (long)sel;
		return 1;
	}
	if (strcasecmp(key, "Tab") == 0 || strcasecmp(key, "Escape") == 0) {
		g->overview = 0;
		log_overview(g, now, key, "closed");
		return 0;
	}
	if (key_in(key, next) && sel + 1 < n)
		sel++;
	else if (key_in(key, back) && sel > 0)
		sel--;
	else if (strcasecmp(key, "Down") == 0 && sel + cols < n)
		sel += cols;
	else if (strcasecmp(key, "Up") == 0 && sel >= cols)
		sel -= cols;
	else if (strcasecmp(key, "Home") == 0)
		sel = 0;
	else if (strcasecmp(key, "End") == 0)
		sel = n - 1;
	g->overview_sel = sel;
	log_overview(g, now, key, "open");
	return 0;
}

/* Next and back on a slide whose text, captions or script go on over
 * pages: step through the pages that are left (the room's and the
 * script's together) instead of changing the slide. Returns 1 when the
 * key was taken so. */
static int page_key(struct group *g, enum nav_input in)
{
	int pages = g->cap_pages > g->script_pages ? g->cap_pages :
		    g->script_pages;

	if (pages < 1)  /* a key before the first frame */
		pages = 1;
	/* both stood on their last pages past their own counts */
	if (g->step > pages - 1)
		g->step = pages - 1;
	if ((in == NAV_IN_NEXT && g->step + 1 < pages) ||
	    (in == NAV_IN_BACK && g->step > 0)) {
		g->step += in == NAV_IN_NEXT ? 1 : -1;
		g->layout_logged = 0;  /* logs the page shown */
		return 1;
	}
	return 0;
}

int group_key(struct group *g, const struct nav *nav, const char *key,
	      double now, enum nav_input *in, long *arg)
{
	struct facilitator_result r;
	enum facilitator_phase before = facilitator_phase(g->fac);

	*arg = 0;
	if (g->done)
		return 0;
	/* The pickers before the pack plays work as on the kiosk (digits
	 * pick); Esc leaves from there too. */
	if (nav_screen(nav) != NAV_SCREEN_SEQUENCE &&
	    before == FACILITATOR_RUNNING && strcmp(key, "Escape") != 0) {
		static const char *const down[] = { "Down", "PageDown",
						    "Right", NULL };
		static const char *const up[] = { "Up", "PageUp", "Left",
						  NULL };
		static const char *const pick[] = { "Return", "Keypad Enter",
						    "Space", NULL };

		/* A clicker moves the highlight and picks with Enter. */
		if (key_in(key, down))
			*in = NAV_IN_FOCUS_NEXT;
		else if (key_in(key, up))
			*in = NAV_IN_FOCUS_PREV;
		else if (key_in(key, pick))
			*in = NAV_IN_SELECT;
		else
			return keys_to_nav(key, NAV_MODE_GROUP, in, arg);
		return 1;
	}
	if (nav_bundle(nav))  /* a key may come before the first frame */
		facilitator_set_items(g->fac, nav_bundle(nav)->n_items);
	/* The overview is drawn on the console's own screen only: with one
	 * screen the room would see it. */
	if (g->cout && nav_bundle(nav) && before == FACILITATOR_RUNNING &&
	    nav_bundle(nav)->n_items > 0) {
		int taken = g->overview ?
			    overview_key(g, nav_bundle(nav)->n_items, key,
					 now, in, arg) : -1;

		if (taken >= 0)
			return taken;
		if (!g->overview && strcasecmp(key, "Tab") == 0) {
			g->overview = 1;
			g->overview_sel = nav_item(nav);
			log_overview(g, now, key, "open");
			return 0;
		}
	}
	/* Esc closes the key help, as it closes the overview. Taken as
	 * leave, it asked to end the session over the help (which stayed
	 * open behind), and a second Esc to close the help ended it. Only
	 * where the help is drawn: the console's own screen, or the one
	 * screen with --console single. */
	if (g->help && (g->cout || g->cfg.console == GROUP_CONSOLE_SINGLE) &&
	    before == FACILITATOR_RUNNING && strcasecmp(key, "Escape") == 0)
		r = (struct facilitator_result){ FACILITATOR_HELP,
						 NAV_IN_WAKE, 0 };
	else
		r = facilitator_key(g->fac, key);
	if (facilitator_phase(g->fac) == FACILITATOR_COUNT && !g->session) {
		/* Nothing was played: there is nothing to count. */
		r.action = FACILITATOR_LEAVE;
		g->done = 1;
	}
	if (r.action == FACILITATOR_LEAVE)
		g->done = 1;
	/* Leaving is confirmed: the time spent typing the count is not the
	 * slide's. */
	if (g->session && (facilitator_phase(g->fac) == FACILITATOR_COUNT ||
			   g->done))
		session_end(g->session, now, time(NULL));
	if (r.action == FACILITATOR_SUBTITLES) {
		g->subtitles = !g->subtitles;
		g->layout_logged = 0;  /* the sizes change: log them again */
	}
	if (r.action == FACILITATOR_CONSOLE)
		g->overlay_hidden = !g->overlay_hidden;
	if (r.action == FACILITATOR_TIMER && g->timer_stopped >= 0) {
		g->timer_t0 += now - g->timer_stopped;  /* resume */
		g->timer_stopped = -1;
	} else if (r.action == FACILITATOR_TIMER) {
		g->timer_stopped = now;
	}
	if (r.action == FACILITATOR_TIMER_RESET) {
		g->timer_t0 = now;
		if (g->timer_stopped >= 0)
			g->timer_stopped = now;
	}
	if (r.action == FACILITATOR_HELP)
		g->help = !g->help;
	if (r.action == FACILITATOR_SWAP)
		swap_screens(g, now);
	if (r.action == FACILITATOR_BIGGER && g->script_step < 6)
		g->script_step++;
	if (r.action == FACILITATOR_SMALLER && g->script_step > -3)
		g->script_step--;
	jsonlog_begin(g->cfg.log, now, "group_key");
	jsonlog_str(g->cfg.log, "key", key);
	jsonlog_str(g->cfg.log, "action", action_name(&r));
	if (r.action == FACILITATOR_NAV && r.in == NAV_IN_JUMP)
		jsonlog_int(g->cfg.log, "to_item", r.arg);
	jsonlog_str(g->cfg.log, "phase",
		    facilitator_phase_name(facilitator_phase(g->fac)));
	jsonlog_str(g->cfg.log, "blank",
		    facilitator_blank_name(facilitator_blank(g->fac)));
	jsonlog_str(g->cfg.log, "digits", facilitator_digits(g->fac));
	if (facilitator_bad_number(g->fac))
		jsonlog_int(g->cfg.log, "bad_number", 1);
	if (r.action == FACILITATOR_SUBTITLES)
		jsonlog_int(g->cfg.log, "subtitles", g->subtitles);
	jsonlog_end(g->cfg.log);
	if (r.action == FACILITATOR_NAV && page_key(g, r.in))
		return 0;
	if (r.action == FACILITATOR_NAV) {
		*in = r.in;
		*arg = r.arg;
		return 1;
	}
	return 0;
}

void group_set_blank(struct group *g, enum facilitator_blank blank)
{
	facilitator_set_blank(g->fac, blank);
}

enum facilitator_blank group_blank(const struct group *g)
{
	return facilitator_blank(g->fac);
}

void group_set_note(struct group *g, const char *note)
{
	snprintf(g->note, sizeof g->note, "%s", note ? note : "");
}

void group_set_linked(struct group *g, const struct console_linked *view)
{
	g->linked = view;
}

void group_set_shown(struct group *g, const char *room, const char *lang,
		     const char *text)
{
	snprintf(g->shown_room, sizeof g->shown_room, "%s",
		 text && room ? room : "");
	snprintf(g->shown_lang, sizeof g->shown_lang, "%s",
		 text && lang ? lang : "");
	snprintf(g->shown_text, sizeof g->shown_text, "%s", text ? text : "");
	g->shown_logged = 0;
}

int group_done(const struct group *g)
{
	return g->done;
}

int group_subtitles(const struct group *g)
{
	return g->subtitles;
}

/* ---- Following nav: session, companion bundles, log ---- */

/* The bundle of the same pack and level in `code`, or NULL. */
static const struct bundle *companion(const struct library *lib,
				      const struct bundle *b,
				      const char *code)
{
	int l, lv;
	const struct bundle *c;

	if (!code || !*code || !b)
		return NULL;
	l = library_find_lang(lib, code);
	if (l < 0)
		return NULL;
	lv = library_find_level(lib, (size_t)l, b->level_id);
	if (lv < 0)
		return NULL;
	c = library_bundle(lib, (size_t)l, (size_t)lv);
	if (!c || strcmp(c->pack_id, b->pack_id) != 0)
		return NULL;
	return c;
}

/* The item with `id` in `b`, or NULL. */
static const struct bundle_item *item_by_id(const struct bundle *b,
					    const char *id)
{
	size_t i;

	if (!b || !id)
		return NULL;
	for (i = 0; i < b->n_items; i++)
		if (strcmp(b->items[i].id, id) == 0)
			return &b->items[i];
	return NULL;
}

static void start_session(struct group *g, const struct bundle *b,
			  double now)
{
	struct session_info si;
	const char **ids = calloc(b->n_items, sizeof *ids);
	int *video = calloc(b->n_items, sizeof *video);
	size_t i;

	g->bundle = b;
	g->t0 = now;
	g->timer_t0 = now;
	g->timer_stopped = -1;
	g->cap_bundle = companion(g->cfg.lib, b, g->cfg.captions);
	if (g->cap_bundle == b)
		g->cap_bundle = NULL;
	g->script_bundle = companion(g->cfg.lib, b, g->console_lang);
	if (!g->script_bundle) {
		if (g->console_lang_given)
			vv_error(NULL, 0, _("--console-lang %s: no bundle of "
				 "pack %s at level %s in that language; the "
				 "console shows the room's script"),
				 g->console_lang, b->pack_id, b->level_id);
		g->script_bundle = b;
	}
	if (g->cfg.captions && !g->cap_bundle)
		vv_error(NULL, 0, _("--captions %s: no bundle of pack %s at "
			 "level %s in that language; showing no captions"),
			 g->cfg.captions, b->pack_id, b->level_id);
	facilitator_set_items(g->fac, b->n_items);
	memset(&si, 0, sizeof si);
	si.pack_id = b->pack_id;
	si.pack_version = b->pack_version;
	si.lang = b->lang->code;
	si.level = b->level_id;
	si.captions = g->cap_bundle ? g->cap_bundle->lang->code : NULL;
	si.n_items = b->n_items;
	si.started = time(NULL);
	if (ids && video) {
		for (i = 0; i < b->n_items; i++) {
			ids[i] = b->items[i].id;
			video[i] = b->items[i].kind == BUNDLE_VIDEO;
		}
		si.item_ids = ids;
		si.item_is_video = video;
	}
	if (session_new(&si, now, &g->session) != VV_OK)
		g->session = NULL;
	free(ids);
	free(video);
	jsonlog_begin(g->cfg.log, now, "group_start");
	jsonlog_str(g->cfg.log, "pack", b->pack_id);
	jsonlog_str(g->cfg.log, "lang", b->lang->code);
	jsonlog_str(g->cfg.log, "level", b->level_id);
	jsonlog_str(g->cfg.log, "captions", g->cap_bundle ?
		    g->cap_bundle->lang->code : NULL);
	jsonlog_str(g->cfg.log, "script_lang", g->script_bundle->lang->code);
	jsonlog_int(g->cfg.log, "items", (long)b->n_items);
	jsonlog_end(g->cfg.log);
}

static void follow(struct group *g, const struct nav *nav, double now)
{
	const struct bundle *b = nav_bundle(nav);
	enum facilitator_blank blank = facilitator_blank(g->fac);
	long item = (long)nav_item(nav);

	if (!b || nav_screen(nav) != NAV_SCREEN_SEQUENCE)
		return;
	if (!g->session && !g->finished && b != g->bundle)
		start_session(g, b, now);
	if (item != g->item) {
		g->item = item;
		g->item_t0 = now;
		g->layout_logged = 0;
		g->step = 0;
		g->cap_page = 0;
		g->cap_pages = 1;
		g->script_pages = 1;
		if (g->session)
			session_show(g->session, (size_t)item, now);
	}
	if (blank != g->blank) {
		g->blank = blank;
		if (g->session)
			session_blank(g->session, blank != FACILITATOR_SHOW,
				      now);
		jsonlog_begin(g->cfg.log, now, "blank");
		jsonlog_str(g->cfg.log, "state",
			    facilitator_blank_name(blank));
		jsonlog_int(g->cfg.log, "item", item);
		jsonlog_end(g->cfg.log);
	}
}

static void fill_view(struct group *g, const struct nav *nav, double now)
{
	struct console_view *v = &g->view;
	const struct bundle *b = nav_bundle(nav);

	memset(v, 0, sizeof *v);
	v->picking = !b || nav_screen(nav) != NAV_SCREEN_SEQUENCE;
	v->wall = time(NULL);
	v->phase = facilitator_phase(g->fac);
	v->blank = facilitator_blank(g->fac);
	v->digits = facilitator_digits(g->fac);
	v->bad_number = facilitator_bad_number(g->fac);
	v->paused = nav_paused(nav);
	v->subtitles = g->subtitles;
	v->captions = g->cap_bundle ? g->cap_bundle->lang->code : NULL;
	v->record_lost = g->record_lost;
	v->note = g->note[0] ? g->note : NULL;
	v->linked = g->linked;
	if (v->picking)
		return;
	v->room = b;
	v->index = nav_item(nav);
	v->total = b->n_items;
	v->current = nav_current(nav);
	v->next = v->index + 1 < b->n_items ? &b->items[v->index + 1] : NULL;
	v->script_bundle = g->script_bundle ? g->script_bundle : b;
	v->script_item = item_by_id(v->script_bundle, v->current->id);
	if (!v->script_item) {
		v->script_bundle = b;
		v->script_item = v->current;
	}
	if (v->next) {
		const struct bundle_item *n = item_by_id(v->script_bundle,
							 v->next->id);

		v->next_heading = (n ? n : v->next)->heading.text;
	}
	/* The session timer: t pauses it, z sets it back to zero. */
	v->elapsed = (g->timer_stopped >= 0 ? g->timer_stopped : now) -
		     g->timer_t0;
	v->timer_paused = g->timer_stopped >= 0;
	v->planned = g->cfg.planned;
	v->script_step = g->script_step;
	v->script_page = g->step;
	v->help = g->help;
	v->staff_lang = g->console_lang;
	v->overview = g->overview;
	v->overview_sel = g->overview_sel < b->n_items ? g->overview_sel : 0;
	v->film_pos = -1;
	if (g->cfg.film_position)
		v->film_pos = g->cfg.film_position(g->cfg.film_user,
						   &v->film_dur);
	v->item_elapsed = now - g->item_t0;
}

static void log_console(struct group *g, double now, const char *event,
			const char *path)
{
	const struct console_view *v = &g->view;

	jsonlog_begin(g->cfg.log, now, event);
	if (path)
		jsonlog_str(g->cfg.log, "path", path);
	jsonlog_str(g->cfg.log, "mode", g->cout ? "screen" :
		    g->cfg.console == GROUP_CONSOLE_SINGLE ? "overlay" : "off");
	if (!v->picking) {
		jsonlog_int(g->cfg.log, "item", (long)v->index);
		jsonlog_str(g->cfg.log, "id", v->current->id);
		jsonlog_str(g->cfg.log, "script_lang",
			    v->script_bundle->lang->code);
		jsonlog_str(g->cfg.log, "script_id", v->script_item->id);
		jsonlog_str(g->cfg.log, "script", v->script_item->script.text);
		jsonlog_str(g->cfg.log, "next_id", v->next ? v->next->id :
			    NULL);
		jsonlog_int(g->cfg.log, "total", (long)v->total);
	}
	jsonlog_str(g->cfg.log, "phase", facilitator_phase_name(v->phase));
	jsonlog_str(g->cfg.log, "blank", facilitator_blank_name(v->blank));
	jsonlog_int(g->cfg.log, "paused", v->paused);
	jsonlog_int(g->cfg.log, "record_ok", !v->record_lost);
	if (!v->picking) {
		jsonlog_str(g->cfg.log, "timer", v->timer_paused ? "paused" :
			    "running");
		if (v->planned > 0) {
			jsonlog_str(g->cfg.log, "countdown",
				    console_countdown(v));
			jsonlog_int(g->cfg.log, "left",
				    (long)(v->planned - v->elapsed));
		}
		jsonlog_int(g->cfg.log, "script_px", v->script_px);
		jsonlog_int(g->cfg.log, "script_step", v->script_step);
		/* the script's page shown: its bytes [from, to) */
		if (v->script_pages > 0) {
			jsonlog_int(g->cfg.log, "script_page",
				    v->script_page + 1);
			jsonlog_int(g->cfg.log, "script_pages",
				    v->script_pages);
			jsonlog_int(g->cfg.log, "script_from",
				    (long)v->script_from);
			jsonlog_int(g->cfg.log, "script_to",
				    (long)v->script_to);
		}
		jsonlog_int(g->cfg.log, "help", v->help);
		jsonlog_int(g->cfg.log, "overview", v->overview);
		if (v->overview)
			jsonlog_int(g->cfg.log, "overview_sel",
				    (long)v->overview_sel);
		if (v->text_pages > 1) {
			jsonlog_int(g->cfg.log, "text_page", v->text_page);
			jsonlog_int(g->cfg.log, "text_pages", v->text_pages);
		}
		if (v->film_pos >= 0) {
			jsonlog_num(g->cfg.log, "film_pos", v->film_pos);
			jsonlog_num(g->cfg.log, "film_dur", v->film_dur);
		}
	}
	jsonlog_str(g->cfg.log, "note", v->note);
	jsonlog_end(g->cfg.log);
}

/* ---- Drawing ---- */

static void set_interface_lang(const struct group *g, const struct nav *nav,
			       int console)
{
	int l = nav_lang(nav);

	if (console)
		uilang_set(g->console_lang);
	else
		uilang_set(l >= 0 ? library_lang(g->cfg.lib, (size_t)l)->code :
			   NULL);
}

/* The question the host shows, in a band at the bottom of the room's
 * screen, as the room typed it (Arabic from the right), under a line
 * saying which room asked, in the room's language. Its text may hold
 * personal data: its box keeps no text and nothing logs it. */
static void draw_shown(struct group *g, struct ui *ui, double now)
{
	int w = ui->w, h = ui->h, pad = h / 40;
	int label_px = legible_px(h, 0.032), text_px = legible_px(h, 0.05);
	int band = h * 30 / 100, y = h - band;
	char label[160];
	const struct draw_style head = { .size = label_px, .rgba = UI_ACCENT,
					 .bold = 1, .max_lines = 1 };
	const struct draw_style text = {
		.size = text_px, .rgba = UI_TEXT, .lang = g->shown_lang,
		.max_lines = 3, .min_size = legible_px(h, 0.03),
		.personal = 1 };

	out_fill_rect(ui->out, 0, y, w, band, UI_PANEL);
	out_fill_rect(ui->out, 0, y, w, h / 150 + 1, UI_ACCENT);
	snprintf(label, sizeof label, _("Question from %s"), g->shown_room);
	y += pad;
	y += draw_text(ui, label, &head, (struct draw_rect){ pad * 2, y,
							     w - pad * 4, 0 });
	draw_text(ui, g->shown_text, &text,
		  (struct draw_rect){ pad * 2, y + pad / 2, w - pad * 4, 0 });
	if (!g->shown_logged) {
		g->shown_logged = 1;
		jsonlog_begin(g->cfg.log, now, "question_shown");
		jsonlog_str(g->cfg.log, "room", g->shown_room);
		jsonlog_str(g->cfg.log, "lang", g->shown_lang);
		jsonlog_int(g->cfg.log, "band_y", h - band);
		jsonlog_int(g->cfg.log, "missing_glyphs", ui->missing);
		jsonlog_end(g->cfg.log);
	}
}

/* The leave question and the count are the facilitator's: on the
 * console's own screen, or its band on a single screen; over the room
 * (`screen`) only when there is no console at all. */
static void draw_leave_dialog(struct group *g, const struct nav *nav,
			      struct draw_rect screen)
{
	struct draw_rect band = { 0, screen.h * 56 / 100, screen.w,
				  screen.h - screen.h * 56 / 100 };

	if ((g->view.phase != FACILITATOR_CONFIRM_EXIT &&
	     g->view.phase != FACILITATOR_COUNT) || g->cout)
		return;
	set_interface_lang(g, nav, 1);
	console_draw_dialog(g->cfg.ui, &g->view,
			    g->cfg.console == GROUP_CONSOLE_SINGLE ? band :
			    screen);
	set_interface_lang(g, nav, 0);
}

static void draw_room(struct group *g, const struct nav *nav, double now)
{
	struct ui *ui = g->cfg.ui;
	struct console_view *v = &g->view;
	struct groupslide_sizes sizes;
	struct groupslide slide;
	struct draw_rect screen;
	int w, h;

	if (v->picking) {
		ui_draw(ui, nav, now);
		return;
	}
	/* The room's ui is set up like ui_draw() does, without its
	 * controls: the clicker drives a group screen. */
	draw_begin(ui);
	w = ui->w;
	h = ui->h;
	screen = (struct draw_rect){ 0, 0, w, h };
	/* A blanked room stays blank while the facilitator leaves; the
	 * leave question and the count go over it when they are drawn on
	 * the room's screen. */
	if (v->blank != FACILITATOR_SHOW) {
		out_clear(ui->out, v->blank == FACILITATOR_BLACK ?
			  0x000000ffu : 0xffffffffu);
		draw_leave_dialog(g, nav, screen);
		return;
	}
	out_clear(ui->out, UI_BG);
	memset(&slide, 0, sizeof slide);
	slide.bundle = v->room;
	slide.item = v->current;
	slide.index = v->index;
	if (g->subtitles && g->cap_bundle) {
		slide.cap_bundle = g->cap_bundle;
		slide.cap = item_by_id(g->cap_bundle, v->current->id);
	}
	slide.progress = 1;
	slide.cap_page = g->step;
	groupslide_draw(ui, &g->room_images, &slide, screen, &sizes);
	g->cap_pages = sizes.cap_pages > 1 ? sizes.cap_pages : 1;
	g->cap_page = sizes.cap_pages > 1 ? sizes.cap_page : 0;
	/* the console, drawn after, says which page the room shows */
	v->text_page = g->cap_page + 1;
	v->text_pages = g->cap_pages;
	if (!g->layout_logged) {
		g->layout_logged = 1;
		jsonlog_begin(g->cfg.log, now, "group_layout");
		jsonlog_int(g->cfg.log, "item", (long)v->index);
		jsonlog_int(g->cfg.log, "screen_h", h);
		jsonlog_int(g->cfg.log, "heading_px", sizes.heading);
		jsonlog_int(g->cfg.log, "body_px", sizes.body);
		jsonlog_int(g->cfg.log, "caption_px", sizes.caption);
		jsonlog_int(g->cfg.log, "overflow", sizes.overflow);
		jsonlog_int(g->cfg.log, "caption_pages", g->cap_pages);
		jsonlog_int(g->cfg.log, "caption_page", g->cap_page);
		jsonlog_end(g->cfg.log);
	}
	if (g->shown_text[0])
		draw_shown(g, ui, now);
	/* a linked room's question entry opens a hidden overlay */
	if (g->cfg.console == GROUP_CONSOLE_SINGLE &&
	    (!g->overlay_hidden || (g->linked && g->linked->entry)) &&
	    v->phase == FACILITATOR_RUNNING) {
		set_interface_lang(g, nav, 1);
		/* the key help (?) takes the one screen: the band is too
		 * small for it */
		console_draw(ui, &g->room_images, v, v->help ? screen :
			     (struct draw_rect){ 0, h * 56 / 100, w,
						 h - h * 56 / 100 }, 1);
		set_interface_lang(g, nav, 0);
	}
	draw_leave_dialog(g, nav, screen);
	/* With no console at all the question entry goes over the room's
	 * lower part, as the dialogs do: the facilitator must see it. */
	if (g->cfg.console == GROUP_CONSOLE_OFF && g->linked &&
	    g->linked->entry && v->phase == FACILITATOR_RUNNING) {
		set_interface_lang(g, nav, 1);
		console_draw_entry(ui, g->linked, (struct draw_rect){
					   0, h * 56 / 100, w,
					   h - h * 56 / 100 });
		set_interface_lang(g, nav, 0);
	}
}

void group_draw(struct group *g, const struct nav *nav, double now)
{
	follow(g, nav, now);
	fill_view(g, nav, now);
	draw_room(g, nav, now);
	/* The console's timers count whole seconds of the session and of
	 * the slide: redraw when the next one turns (the wall clock shows
	 * minutes, which turn on such a second too, near enough). */
	if (!g->view.picking && g->view.film_pos >= 0)
		draw_wake_at(g->cfg.ui, now + 0.5);
	if (!g->view.picking) {
		draw_wake_at(g->cfg.ui, g->t0 + floor(now - g->t0) + 1);
		draw_wake_at(g->cfg.ui,
			   g->item_t0 + floor(now - g->item_t0) + 1);
	}
	if (g->cui) {
		draw_begin(g->cui);
		set_interface_lang(g, nav, 1);
		out_clear(g->cout, UI_BG);
		console_draw(g->cui, &g->console_images, &g->view,
			     (struct draw_rect){ 0, 0, g->cui->w, g->cui->h },
			     0);
		set_interface_lang(g, nav, 0);
	}
	/* The clock and timers make new text every second: drop what was
	 * not drawn since the last trim, so a long session stays flat. */
	if ((long)now != g->trim_second) {
		g->trim_second = (long)now;
		if (g->ctext)
			text_engine_trim(g->ctext);
		if (g->cfg.text && !g->view.picking)
			text_engine_trim(g->cfg.text);
	}
	/* the script's pages count where the facilitator sees them */
	g->script_pages = g->view.script_pages > 1 ? g->view.script_pages : 1;
	if (!g->view.picking && ((long)g->view.index != g->console_item ||
				 (g->view.script_pages > 0 &&
				  (g->view.script_page != g->console_page ||
				   g->view.script_pages != g->console_pages ||
				   g->view.script_px != g->console_px)))) {
		g->console_item = (long)g->view.index;
		g->console_page = g->view.script_page;
		g->console_pages = g->view.script_pages;
		g->console_px = g->view.script_px;
		log_console(g, now, "console", NULL);
	}
}

void group_present(struct group *g)
{
	if (g->cout)
		out_present(g->cout);
}

enum vv_err group_screenshot_console(struct group *g, const char *path,
				     double now)
{
	enum vv_err err;

	if (!g->cout)
		return VV_ERR_NOTFOUND;
	err = out_screenshot(g->cout, path);
	log_console(g, now, "console_screenshot", path);
	/* the console's boxes as "console_box": the room's are "box" */
	if (g->cui)
		ui_log_boxes(g->cui, g->cfg.log, now, "console_box");
	return err;
}

enum vv_err group_finish(struct group *g, double now)
{
	char dir[4096];
	char *path = NULL;
	const char *d;
	enum vv_err err;

	if (g->finished)
		return VV_OK;
	g->finished = 1;
	if (!g->session)
		return VV_OK;
	session_end(g->session, now, time(NULL));
	session_set_participants(g->session,
				 facilitator_participants(g->fac));
	d = g->cfg.session_dir ? g->cfg.session_dir :
	    session_default_dir(dir, sizeof dir);
	/* The record is for the municipality: in the facilitator's
	 * language, not the room's. */
	uilang_set(g->console_lang);
	err = session_write(g->session, d, &path);
	if (err == VV_OK) {
		jsonlog_begin(g->cfg.log, now, "session");
		jsonlog_str(g->cfg.log, "path", path);
		jsonlog_int(g->cfg.log, "slides_shown",
			    (long)session_items_shown(g->session));
		jsonlog_int(g->cfg.log, "participants",
			    facilitator_participants(g->fac));
		jsonlog_end(g->cfg.log);
		fprintf(stderr, "%s: %s\n", _("session record"), path);
	}
	free(path);
	return err;
}
