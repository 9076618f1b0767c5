/* levelpick: the education levels of the chosen language, each with a
 * pictogram (steps: more schooling, more steps) and its label in the
 * chosen language. */
#include "player/ui/draw.h"

#include <string.h>

#include "common/i18n.h"
#include "player/ui/screen.h"

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

static void levelpick_draw(struct ui *ui, const struct nav *nav,
			   double now)
{
	int u = ui->unit, lang = nav_lang(nav), i, n;
	const struct vv_lang *l;
	int rtl, gap = 3 * u, bw, bh = 50 * u, top = 24 * u, x0;
	int ctl = 12 * u > ui->min_target ? 12 * u : ui->min_target;
	int room = bh - 36 * u;  /* for a label, with a margin at the foot */
	const struct draw_style title = { .size = 6 * u, .rgba = UI_TEXT,
					  .bold = 1 };
	struct draw_style label = { .size = 4 * u, .rgba = UI_TEXT, .bold = 1,
				    .align = TEXT_ALIGN_CENTER,
				    .max_lines = 3 };
	struct draw_rect back;

	(void)now;
	if (lang < 0)
		return;
	l = library_lang(ui->lib, (size_t)lang);
	rtl = l->dir == VV_DIR_RTL;
	n = (int)library_n_levels(ui->lib, (size_t)lang);
	label.lang = l->code;
	/* NULL: the direction comes from the (maybe untranslated) text. */
	draw_text_centered(ui, _("Choose your schooling"), &title, ui->w / 2,
			   7 * u);
	bw = (ui->w - 12 * u - (n - 1) * gap) / (n ? n : 1);
	if (bw > 50 * u)
		bw = 50 * u;
	x0 = (ui->w - (n * bw + (n - 1) * gap)) / 2;
	/* Under the pictogram and inside the button: in a narrow
	 * (portrait) column a label of three lines is taller than the room
	 * left, and stuck out of the button. One size for every label. */
	for (i = 0; i < n; i++) {
		const struct bundle *b = library_bundle(ui->lib, (size_t)lang,
							(size_t)i);
		int tw, th;

		label.lang = bundle_text_lang(b, &b->level_label);
		draw_text_size(ui, b->level_label.text, &label, bw - 4 * u,
			       &tw, &th);
		if (th > room && label.size > 3 * u) {
			label.size--;
			i = -1;  /* measure them all again at this size */
		}
	}
	for (i = 0; i < n; i++) {
		const struct bundle *b = library_bundle(ui->lib, (size_t)lang,
							(size_t)i);
		/* Mirrored order: the first level sits at the reading start. */
		int slot = rtl ? n - 1 - i : i;
		int x = x0 + slot * (bw + gap);

		/* A clicker's highlight (group sessions have no touch). */
		if (nav_mode(nav) == NAV_MODE_GROUP && i == nav_focus(nav))
			out_fill_round_rect(ui->out, x - u, top - u,
					    bw + 2 * u, bh + 2 * u, 3 * u,
					    UI_ACCENT);
		out_fill_round_rect(ui->out, x, top, bw, bh, 2 * u, UI_PANEL);
		draw_note_box(ui, UI_BOX_BUTTON,
			      (struct draw_rect){ x, top, bw, bh });
		icon_draw(ui->out, level_icon(b->level_id),
			  (float)x + (float)bw / 2, (float)(top + 17 * u),
			  (float)(26 * u), UI_ACCENT, UI_PANEL);
		label.lang = bundle_text_lang(b, &b->level_label);
		draw_text(ui, b->level_label.text, &label,
			  (struct draw_rect){ x + 2 * u, top + 34 * u,
					      bw - 4 * u, 0 });
		draw_target(ui, (struct draw_rect){ x, top, bw, bh },
			    NAV_IN_PICK_LEVEL, i);
	}
	/* Back to the languages, at the reading start of the bottom row. */
	back = (struct draw_rect){ rtl ? ui->w - 3 * u - ctl : 3 * u,
				   ui->h - 3 * u - ctl, ctl, ctl };
	draw_icon_button(ui, back, rtl ? ICON_ARROW_RIGHT : ICON_ARROW_LEFT,
			 UI_TEXT, UI_PANEL, NAV_IN_BACK, 0);
}

const struct screen screen_levelpick = { "level", levelpick_draw };
