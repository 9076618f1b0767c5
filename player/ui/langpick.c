/* langpick: every language of the library as a large button with its
 * name in its own script, so a participant finds theirs without reading
 * any other language. */
#include "player/ui/ui_private.h"

void langpick_draw(struct ui *ui, const struct nav *nav)
{
	int u = ui->unit, n = (int)library_n_langs(ui->lib), i;
	int cols = n <= 4 ? 1 : n <= 10 ? 2 : 3;
	int rows = (n + cols - 1) / cols;
	int top = 20 * u, bottom = ui->h - 6 * u;
	int gap = 2 * u;
	int bw = (ui->w - 16 * u - (cols - 1) * gap) / cols;
	int bh = (bottom - top - (rows - 1) * gap) / (rows ? rows : 1);

	(void)nav;
	if (bh > 16 * u)
		bh = 16 * u;
	if (bh < ui->min_target)
		bh = ui->min_target;
	if (bw > 90 * u)
		bw = 90 * u;
	icon_draw(ui->out, ICON_GLOBE, (float)ui->w / 2, (float)(10 * u),
		  (float)(12 * u), UI_ACCENT, UI_BG);
	for (i = 0; i < n; i++) {
		const struct vv_lang *l = library_lang(ui->lib, (size_t)i);
		int r = i / cols, c = i % cols;
		int total_w = cols * bw + (cols - 1) * gap;
		int x = (ui->w - total_w) / 2 + c * (bw + gap);
		int y = top + r * (bh + gap);
		int size = bh * 45 / 100;
		int tw = 0, th = 0;

		out_fill_round_rect(ui->out, x, y, bw, bh, u * 2, UI_PANEL);
		ui_text_size(ui, l->endonym, size, 1, l->code, 0, 1, &tw, &th);
		ui_text_centered(ui, l->endonym, size, UI_TEXT, 1, l->code,
				 x + bw / 2, y + (bh - th) / 2);
		ui_target(ui, x, y, bw, bh, NAV_IN_PICK_LANG, i);
	}
}
