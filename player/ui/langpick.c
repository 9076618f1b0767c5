/* langpick: every language of the library as a large button with its
 * name in its own script, so a participant finds theirs without reading
 * any other language. */
#include "player/ui/draw.h"
#include "player/ui/screen.h"

static void langpick_draw(struct ui *ui, const struct nav *nav,
			  double now)
{
	int u = ui->unit, n = (int)library_n_langs(ui->lib), i;
	int portrait = ui->h > ui->w;
	/* A portrait screen is tall: one column of wide buttons down it
	 * for up to eight languages, where two columns filled its top. */
	int cols = n <= (portrait ? 8 : 4) ? 1 :
		   n <= (portrait ? 16 : 10) ? 2 : 3;
	int most = portrait ? 18 * u : 16 * u;
	int rows = (n + cols - 1) / cols;
	int top = 20 * u, bottom = ui->h - 6 * u;
	int gap = 2 * u;
	int bw = (ui->w - 16 * u - (cols - 1) * gap) / cols;
	int bh = (bottom - top - (rows - 1) * gap) / (rows ? rows : 1);

	(void)now;
	if (bh > most)
		bh = most;
	if (bh < ui->min_target)
		bh = ui->min_target;
	if (bw > 90 * u)
		bw = 90 * u;
	/* Portrait: the globe and the buttons in the middle of the
	 * height, where a few languages are within reach of a short
	 * participant on a tall kiosk. */
	if (portrait) {
		int shift = (ui->h - 16 * u - rows * bh - (rows - 1) * gap) /
			    2 - 4 * u;

		if (shift > 0)
			top += shift;
	}
	draw_icon(ui, ICON_GLOBE, (float)ui->w / 2, (float)(top - 10 * u),
		  (float)(12 * u), UI_ACCENT, UI_BG);
	for (i = 0; i < n; i++) {
		const struct vv_lang *l = library_lang(ui->lib, (size_t)i);
		int r = i / cols, c = i % cols;
		int total_w = cols * bw + (cols - 1) * gap;
		int x = (ui->w - total_w) / 2 + c * (bw + gap);
		int y = top + r * (bh + gap);
		/* The name shrinks to fit a narrow button (portrait). */
		struct draw_style st = { .size = bh * 45 / 100,
					 .rgba = UI_TEXT, .bold = 1,
					 .align = TEXT_ALIGN_CENTER,
					 .lang = l->code, .max_lines = 1,
					 .min_size = bh / 5 };
		struct draw_rect button = { x, y, bw, bh };
		int tw = 0, th = 0;

		/* A clicker's highlight (group sessions have no touch). */
		if (nav_mode(nav) == NAV_MODE_GROUP && i == nav_focus(nav))
			out_fill_round_rect(ui->out, x - u, y - u, bw + 2 * u,
					    bh + 2 * u, u * 3, UI_ACCENT);
		out_fill_round_rect(ui->out, x, y, bw, bh, u * 2, UI_PANEL);
		draw_note_box(ui, UI_BOX_BUTTON, button);
		draw_text_size(ui, l->endonym, &st, bw - 4 * u, &tw, &th);
		draw_text(ui, l->endonym, &st,
			  (struct draw_rect){ x + 2 * u, y + (bh - th) / 2,
					      bw - 4 * u, 0 });
		draw_target(ui, button, NAV_IN_PICK_LANG, i);
	}
}

const struct screen screen_langpick = { "language", langpick_draw };
