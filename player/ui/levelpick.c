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

/* Where level `i` of `n` goes: landscape, a tall button in a row (the
 * first at the reading start) with the pictogram over the label;
 * portrait, a wide button in a column down the screen (the first on
 * top) with the pictogram at the reading start and the label beside it,
 * so the buttons fill the height and the labels get a wide line. */
struct level_place {
	struct draw_rect button, label;
	float icon_x, icon_y, icon;
};

static struct level_place place(const struct ui *ui, int n, int i, int rtl)
{
	int u = ui->unit, gap = 3 * u, top = 24 * u;
	int ctl = 12 * u > ui->min_target ? 12 * u : ui->min_target;
	struct level_place p;
	int bw, bh, x0;

	if (ui->h > ui->w) {
		top = 18 * u;
		bw = ui->w - 12 * u;
		/* Down to the back button's row. */
		bh = (ui->h - 6 * u - ctl - top - (n - 1) * gap) /
		     (n ? n : 1);
		if (bh > 40 * u)
			bh = 40 * u;
		/* Few levels: in the middle of the height, within reach
		 * of a short participant on a tall kiosk. */
		top += (ui->h - 6 * u - ctl - top - n * bh - (n - 1) * gap) /
		       2;
		p.button = (struct draw_rect){ 6 * u, top + i * (bh + gap),
					       bw, bh };
		p.icon = (float)(bh - 6 * u < 30 * u ? bh - 6 * u : 30 * u);
		p.icon_x = rtl ? (float)(6 * u + bw - 3 * u) - p.icon / 2
			       : (float)(9 * u) + p.icon / 2;
		p.icon_y = (float)p.button.y + (float)bh / 2;
		p.label = (struct draw_rect){
			rtl ? 9 * u : 12 * u + (int)p.icon, p.button.y,
			bw - 9 * u - (int)p.icon, bh - 4 * u };
		return p;
	}
	bh = 50 * u;
	bw = (ui->w - 12 * u - (n - 1) * gap) / (n ? n : 1);
	if (bw > 50 * u)
		bw = 50 * u;
	x0 = (ui->w - (n * bw + (n - 1) * gap)) / 2;
	/* Mirrored order: the first level sits at the reading start. */
	p.button = (struct draw_rect){
		x0 + (rtl ? n - 1 - i : i) * (bw + gap), top, bw, bh };
	p.icon_x = (float)p.button.x + (float)bw / 2;
	p.icon_y = (float)(top + 17 * u);
	p.icon = (float)(26 * u);
	/* Under the pictogram, with a margin at the foot. */
	p.label = (struct draw_rect){ p.button.x + 2 * u, top + 34 * u,
				      bw - 4 * u, bh - 36 * u };
	return p;
}

static void levelpick_draw(struct ui *ui, const struct nav *nav,
			   double now)
{
	int u = ui->unit, lang = nav_lang(nav), i, n, portrait;
	const struct vv_lang *l;
	int rtl;
	int ctl = 12 * u > ui->min_target ? 12 * u : ui->min_target;
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
	portrait = ui->h > ui->w;
	if (portrait) {
		/* Beside the pictogram, from the reading start, larger. */
		label.size = 5 * u;
		label.align = TEXT_ALIGN_START;
	}
	label.lang = l->code;
	/* NULL: the direction comes from the (maybe untranslated) text. */
	draw_text_centered(ui, _("Choose your schooling"), &title, ui->w / 2,
			   7 * u);
	/* In a narrow (landscape) column a label of three lines is taller
	 * than the room left, and stuck out of the button. One size for
	 * every label. */
	for (i = 0; i < n; i++) {
		const struct bundle *b = library_bundle(ui->lib, (size_t)lang,
							(size_t)i);
		struct level_place p = place(ui, n, i, rtl);
		int tw, th;

		label.lang = bundle_text_lang(b, &b->level_label);
		draw_text_size(ui, b->level_label.text, &label, p.label.w,
			       &tw, &th);
		if (th > p.label.h && label.size > 3 * u) {
			label.size--;
			i = -1;  /* measure them all again at this size */
		}
	}
	for (i = 0; i < n; i++) {
		const struct bundle *b = library_bundle(ui->lib, (size_t)lang,
							(size_t)i);
		struct level_place p = place(ui, n, i, rtl);
		struct draw_rect r = p.button;
		int tw, th, ty = p.label.y;

		/* A clicker's highlight (group sessions have no touch). */
		if (nav_mode(nav) == NAV_MODE_GROUP && i == nav_focus(nav))
			out_fill_round_rect(ui->out, r.x - u, r.y - u,
					    r.w + 2 * u, r.h + 2 * u, 3 * u,
					    UI_ACCENT);
		out_fill_round_rect(ui->out, r.x, r.y, r.w, r.h, 2 * u,
				    UI_PANEL);
		draw_note_box(ui, UI_BOX_BUTTON, r);
		icon_draw(ui->out, level_icon(b->level_id), p.icon_x,
			  p.icon_y, p.icon, UI_ACCENT, UI_PANEL);
		label.lang = bundle_text_lang(b, &b->level_label);
		if (portrait) {
			draw_text_size(ui, b->level_label.text, &label,
				       p.label.w, &tw, &th);
			ty = r.y + (r.h - th) / 2;
		}
		draw_text(ui, b->level_label.text, &label,
			  (struct draw_rect){ p.label.x, ty, p.label.w, 0 });
		draw_target(ui, r, NAV_IN_PICK_LEVEL, i);
	}
	/* Back to the languages, at the reading start of the bottom row. */
	back = (struct draw_rect){ rtl ? ui->w - 3 * u - ctl : 3 * u,
				   ui->h - 3 * u - ctl, ctl, ctl };
	draw_icon_button(ui, back, rtl ? ICON_ARROW_RIGHT : ICON_ARROW_LEFT,
			 UI_TEXT, UI_PANEL, NAV_IN_BACK, 0);
}

const struct screen screen_levelpick = { "level", levelpick_draw };
