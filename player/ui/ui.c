/* ui: the frame: picks the screen from a table, answers taps through
 * the targets the screens registered. */
#include "player/ui/ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/syncstatus.h"
#include "player/core/site.h"
#include "player/core/uilang.h"
#include "player/ui/draw.h"
#include "player/ui/screen.h"

/* Indexed by enum nav_screen. */
static const struct screen *const screens[] = {
	[NAV_SCREEN_OPERATOR] = &screen_operator,
	[NAV_SCREEN_ATTRACT] = &screen_attract,
	[NAV_SCREEN_LANGUAGE] = &screen_langpick,
	[NAV_SCREEN_LEVEL] = &screen_levelpick,
	[NAV_SCREEN_SEQUENCE] = &screen_slide,
	[NAV_SCREEN_IDLE] = &screen_asking,
	[NAV_SCREEN_END] = &screen_end,
};

static int seen(const struct ui *ui, const char *text)
{
	int i;

	for (i = 0; i < ui->n_invites; i++)
		if (strcmp(ui->invites[i].text, text) == 0)
			return 1;
	return 0;
}

/* Collects the invitation in every library language with a translation,
 * each in its own script, for the attract screen. */
static void collect_invites(struct ui *ui)
{
	const char *msgid = N_("Touch the screen to start");
	size_t i, n = library_n_langs(ui->lib);

	for (i = 0; i < n && ui->n_invites < UI_MAX_INVITES; i++) {
		const struct vv_lang *l = library_lang(ui->lib, i);
		const char *t;

		uilang_set(l->code);
		t = gettext(msgid);
		/* Untranslated (or English through the fallback chain):
		 * English is shown once, below. */
		if (strcmp(t, msgid) == 0 || seen(ui, t))
			continue;
		ui->invites[ui->n_invites].lang = l->code;
		ui->invites[ui->n_invites].text = strdup(t);
		if (ui->invites[ui->n_invites].text)
			ui->n_invites++;
	}
	{
		/* English as the common fallback, last. */
		uilang_set("en");
		if (ui->n_invites < UI_MAX_INVITES &&
		    !seen(ui, gettext(msgid))) {
			ui->invites[ui->n_invites].lang = "en";
			ui->invites[ui->n_invites].text =
				strdup(gettext(msgid));
			if (ui->invites[ui->n_invites].text)
				ui->n_invites++;
		}
	}
	uilang_set(NULL);
}

static void free_invites(struct ui *ui)
{
	int i;

	for (i = 0; i < ui->n_invites; i++)
		free(ui->invites[i].text);
	ui->n_invites = 0;
}

enum vv_err ui_new(const struct ui_config *cfg, struct ui **out)
{
	struct ui *ui = calloc(1, sizeof *ui);

	*out = NULL;
	if (!ui)
		return VV_ERR_NOMEM;
	ui->out = cfg->out;
	ui->text = cfg->text;
	ui->lib = cfg->lib;
	ui->log = cfg->log;
	ui->library_paths = cfg->library_paths ? cfg->library_paths : "";
	ui->staff_lang = cfg->staff_lang ? cfg->staff_lang : "nb";
	ui->site_missing = cfg->site_missing ? cfg->site_missing : "";
	ui->trust_dir = cfg->trust_dir ? cfg->trust_dir : "";
	ui->trust_keys = cfg->trust_keys;
	ui->records = cfg->records;
	ui->site_path = cfg->site_path && cfg->site_path[0] ?
			cfg->site_path : SITE_DEFAULT_PATH;
	ui->wake = HUGE_VAL;
	collect_invites(ui);
	*out = ui;
	return VV_OK;
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	free_invites(ui);
	out_image_free(ui->image);
	free(ui);
}

enum vv_err ui_set_library(struct ui *ui, const struct library *lib)
{
	free_invites(ui);
	ui->lib = lib;
	collect_invites(ui);
	ui_changed(ui);
	return VV_OK;
}

void ui_set_watched(struct ui *ui, int watched)
{
	ui->watched = watched;
}

void ui_set_not_answering(struct ui *ui, int on)
{
	ui->not_answering = on;
	ui_changed(ui);
}

void ui_set_sync_status(struct ui *ui, const char *path,
			const struct sync_status *st, enum vv_err err)
{
	snprintf(ui->sync_path, sizeof ui->sync_path, "%s", path ? path : "");
	ui->sync_err = st ? VV_OK : err;
	if (st)
		ui->sync = *st;
	else
		memset(&ui->sync, 0, sizeof ui->sync);
	ui->sync_known = 1;
}

void ui_set_video(struct ui *ui, ui_video_fn fn, ui_video_band_fn band,
		  ui_video_aspect_fn aspect, void *user)
{
	ui->video_fn = fn;
	ui->video_band_fn = band;
	ui->video_aspect_fn = aspect;
	ui->video_user = user;
}

void ui_changed(struct ui *ui)
{
	out_image_free(ui->image);
	ui->image = NULL;
	ui->image_item = NULL;
	ui->image_failed = 0;
	if (ui->text)
		text_engine_trim(ui->text);
}

void ui_draw(struct ui *ui, const struct nav *nav, double now)
{
	const struct screen *scr = &screen_operator;
	size_t k = (size_t)nav_screen(nav);

	draw_begin(ui);
	out_clear(ui->out, UI_BG);
	if (!ui->operator_on && k < sizeof screens / sizeof screens[0] &&
	    screens[k])
		scr = screens[k];
	if (scr != &screen_operator) {
		scr->draw(ui, nav, now);
		return;
	}
	/* The staff's screen in the staff's language, whatever the
	 * participant chose; then back to the participant's. */
	uilang_set(ui->staff_lang);
	scr->draw(ui, nav, now);
	uilang_set(nav_lang(nav) >= 0 ?
		   library_lang(ui->lib, (size_t)nav_lang(nav))->code : NULL);
}

double ui_next_change(const struct ui *ui)
{
	return ui->wake;
}

int ui_hit(const struct ui *ui, int x, int y, enum nav_input *in, long *arg)
{
	int i;

	/* Last added wins: controls are drawn over content. */
	for (i = ui->n_targets - 1; i >= 0; i--) {
		const struct ui_target *t = &ui->targets[i];

		if (x >= t->r.x && x < t->r.x + t->r.w && y >= t->r.y &&
		    y < t->r.y + t->r.h) {
			*in = t->in;
			*arg = t->arg;
			return 1;
		}
	}
	return 0;
}

int ui_target_center(const struct ui *ui, enum nav_input in, long arg,
		     int *x, int *y)
{
	int i;

	for (i = 0; i < ui->n_targets; i++) {
		const struct ui_target *t = &ui->targets[i];

		if (t->in == in && t->arg == arg) {
			*x = t->r.x + t->r.w / 2;
			*y = t->r.y + t->r.h / 2;
			return 1;
		}
	}
	return 0;
}

void ui_set_operator(struct ui *ui, int on)
{
	ui->operator_on = on;
}

int ui_operator(const struct ui *ui)
{
	return ui->operator_on;
}

int ui_min_target(const struct ui *ui)
{
	int i, m = 0;

	for (i = 0; i < ui->n_targets; i++) {
		const struct draw_rect *r = &ui->targets[i].r;
		int side = r->w < r->h ? r->w : r->h;

		if (m == 0 || side < m)
			m = side;
	}
	return m;
}

void ui_log_boxes(const struct ui *ui, struct jsonlog *log, double t,
		  const char *event)
{
	static const char *const kinds[] = {
		[UI_BOX_TEXT] = "text", [UI_BOX_BUTTON] = "button",
		[UI_BOX_PICTURE] = "picture", [UI_BOX_ICON] = "icon",
	};
	int i;

	for (i = 0; log && i < ui->n_boxes; i++) {
		const struct ui_box *b = &ui->boxes[i];

		jsonlog_begin(log, t, event);
		jsonlog_str(log, "kind", kinds[b->kind]);
		jsonlog_int(log, "x", b->x);
		jsonlog_int(log, "y", b->y);
		jsonlog_int(log, "w", b->w);
		jsonlog_int(log, "h", b->h);
		if (b->kind == UI_BOX_TEXT) {
			jsonlog_int(log, "rtl", b->rtl);
			jsonlog_int(log, "cut", b->cut);
			jsonlog_int(log, "broken", b->broken);
			jsonlog_int(log, "size", b->size);
			jsonlog_str(log, "lang", b->lang ? b->lang : "");
			jsonlog_str(log, "text", b->text);
		}
		jsonlog_end(log);
	}
}

int ui_missing_glyphs(const struct ui *ui)
{
	return ui->missing;
}
