/* ui: screen dispatch, shared helpers, touch targets. */
#include "player/ui/ui_private.h"

#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "player/core/uilang.h"

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
	collect_invites(ui);
	*out = ui;
	return VV_OK;
}

void ui_free(struct ui *ui)
{
	int i;

	if (!ui)
		return;
	for (i = 0; i < ui->n_invites; i++)
		free(ui->invites[i].text);
	out_image_free(ui->image);
	free(ui);
}

void ui_set_video(struct ui *ui, ui_video_fn fn, void *user)
{
	ui->video_fn = fn;
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
	out_size(ui->out, &ui->w, &ui->h);
	ui->unit = ui->h / 100 > 0 ? ui->h / 100 : 1;
	ui->min_target = out_mm(ui->out, 9);
	ui->n_targets = 0;
	ui->missing = 0;
	out_clear(ui->out, UI_BG);
	if (ui->operator_on) {
		operator_draw(ui);
		return;
	}
	switch (nav_screen(nav)) {
	case NAV_SCREEN_OPERATOR:
		operator_draw(ui);
		break;
	case NAV_SCREEN_ATTRACT:
		attract_draw(ui, now);
		break;
	case NAV_SCREEN_LANGUAGE:
		langpick_draw(ui, nav);
		break;
	case NAV_SCREEN_LEVEL:
		levelpick_draw(ui, nav);
		break;
	case NAV_SCREEN_SEQUENCE:
		slide_draw(ui, nav, now);
		break;
	case NAV_SCREEN_IDLE:
		asking_draw(ui, nav, now);
		break;
	}
}

int ui_hit(const struct ui *ui, int x, int y, enum nav_input *in, long *arg)
{
	int i;

	/* Last added wins: controls are drawn over content. */
	for (i = ui->n_targets - 1; i >= 0; i--) {
		const struct ui_target *t = &ui->targets[i];

		if (x >= t->x && x < t->x + t->w && y >= t->y &&
		    y < t->y + t->h) {
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
			*x = t->x + t->w / 2;
			*y = t->y + t->h / 2;
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
		int side = ui->targets[i].w < ui->targets[i].h ?
			   ui->targets[i].w : ui->targets[i].h;

		if (m == 0 || side < m)
			m = side;
	}
	return m;
}

int ui_missing_glyphs(const struct ui *ui)
{
	return ui->missing;
}

static const struct text_layout *lay(struct ui *ui, const char *s, int size,
				     uint32_t rgba, int bold,
				     enum text_align align, const char *lang,
				     int max_w, int max_lines)
{
	struct text_style st;

	if (!ui->text || !s || !*s)
		return NULL;
	memset(&st, 0, sizeof st);
	st.size_px = size > 4 ? size : 4;
	st.rgba = rgba;
	st.bold = bold;
	st.align = align;
	st.lang = lang;
	st.max_width_px = max_w > 0 ? max_w : 0;
	st.max_lines = max_lines;
	st.markup = ui->markup;
	return text_layout(ui->text, s, &st);
}

int ui_text(struct ui *ui, const char *s, int size, uint32_t rgba, int bold,
	    enum text_align align, const char *lang, int x, int y, int max_w,
	    int max_lines, int *w_out)
{
	const struct text_layout *l = lay(ui, s, size, rgba, bold, align, lang,
					  max_w, max_lines);
	int w = 0, h = 0, i, n;

	if (w_out)
		*w_out = 0;
	if (!l)
		return 0;
	text_layout_size(l, &w, &h);
	ui->missing += text_layout_missing_glyphs(l);
	text_draw(ui->text, l, x, y);
	if (w_out) {
		n = text_layout_lines(l);
		for (i = 0; i < n; i++)
			if (text_layout_line_width(l, i) > *w_out)
				*w_out = text_layout_line_width(l, i);
	}
	return h;
}

void ui_text_size(struct ui *ui, const char *s, int size, int bold,
		  const char *lang, int max_w, int max_lines, int *w, int *h)
{
	const struct text_layout *l = lay(ui, s, size, UI_TEXT, bold,
					  TEXT_ALIGN_START, lang, max_w,
					  max_lines);

	*w = *h = 0;
	if (l)
		text_layout_size(l, w, h);
}

void ui_text_centered(struct ui *ui, const char *s, int size, uint32_t rgba,
		      int bold, const char *lang, int cx, int y)
{
	const struct text_layout *l = lay(ui, s, size, rgba, bold,
					  TEXT_ALIGN_CENTER, lang, 0, 1);
	int w = 0, h = 0;

	if (!l)
		return;
	text_layout_size(l, &w, &h);
	ui->missing += text_layout_missing_glyphs(l);
	text_draw(ui->text, l, cx - w / 2, y);
}

void ui_target(struct ui *ui, int x, int y, int w, int h, enum nav_input in,
	       long arg)
{
	struct ui_target *t;

	if (ui->n_targets >= UI_MAX_TARGETS)
		return;
	t = &ui->targets[ui->n_targets++];
	t->x = x;
	t->y = y;
	t->w = w;
	t->h = h;
	t->in = in;
	t->arg = arg;
}

void ui_icon_button(struct ui *ui, int x, int y, int size, enum icon icon,
		    uint32_t fg, uint32_t bg, enum nav_input in, long arg)
{
	out_fill_round_rect(ui->out, x, y, size, size, size / 5, bg);
	icon_draw(ui->out, icon, (float)x + (float)size / 2,
		  (float)y + (float)size / 2, (float)size * 0.62f, fg, bg);
	ui_target(ui, x, y, size, size, in, arg);
}
