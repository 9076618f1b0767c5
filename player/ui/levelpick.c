/* levelpick: the education levels of the chosen language, each with a
 * pictogram (steps: more schooling, more steps) and its label in the
 * chosen language. */
#include "player/ui/ui_private.h"

#include <string.h>

#include "common/i18n.h"

static enum icon level_icon(const char *id)
{
	if (!id)
		return ICON_LEVEL_OTHER;
	if (strcmp(id, "no-schooling") == 0)
		return ICON_LEVEL_1;
	if (strcmp(id, "lower-secondary") == 0)
		return ICON_LEVEL_2;
	if (strcmp(id, "upper-secondary") == 0)
		return ICON_LEVEL_3;
	return ICON_LEVEL_OTHER;
}

void levelpick_draw(struct ui *ui, const struct nav *nav)
{
	int u = ui->unit, lang = nav_lang(nav), i, n;
	const struct vv_lang *l;
	int rtl, gap = 3 * u, bw, bh = 50 * u, top = 24 * u, x0;
	int ctl = 12 * u > ui->min_target ? 12 * u : ui->min_target;

	if (lang < 0)
		return;
	l = library_lang(ui->lib, (size_t)lang);
	rtl = l->dir == VV_DIR_RTL;
	n = (int)library_n_levels(ui->lib, (size_t)lang);
	/* NULL: the direction comes from the (maybe untranslated) text. */
	ui_text_centered(ui, _("Choose your schooling"), 6 * u, UI_TEXT, 1,
			 NULL, ui->w / 2, 7 * u);
	bw = (ui->w - 12 * u - (n - 1) * gap) / (n ? n : 1);
	if (bw > 50 * u)
		bw = 50 * u;
	x0 = (ui->w - (n * bw + (n - 1) * gap)) / 2;
	for (i = 0; i < n; i++) {
		const struct bundle *b = library_bundle(ui->lib, (size_t)lang,
							(size_t)i);
		/* Mirrored order: the first level sits at the reading start. */
		int slot = rtl ? n - 1 - i : i;
		int x = x0 + slot * (bw + gap);

		out_fill_round_rect(ui->out, x, top, bw, bh, 2 * u, UI_PANEL);
		icon_draw(ui->out, level_icon(b->level_id),
			  (float)x + (float)bw / 2, (float)(top + 17 * u),
			  (float)(26 * u), UI_ACCENT, UI_PANEL);
		ui_text(ui, b->level_label.text, 4 * u, UI_TEXT, 1,
			TEXT_ALIGN_CENTER, l->code, x + 2 * u, top + 34 * u,
			bw - 4 * u, 3, NULL);
		ui_target(ui, x, top, bw, bh, NAV_IN_PICK_LEVEL, i);
	}
	/* Back to the languages, at the reading start of the bottom row. */
	ui_icon_button(ui, rtl ? ui->w - 3 * u - ctl : 3 * u,
		       ui->h - 3 * u - ctl, ctl,
		       rtl ? ICON_ARROW_RIGHT : ICON_ARROW_LEFT, UI_TEXT,
		       UI_PANEL, NAV_IN_BACK, 0);
}
