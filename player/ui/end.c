/* end: the kiosk's screen after the last item: large pictograms, no
 * words needed: watch again, another language (where there is one to
 * choose), back to the start. */
#include "player/ui/draw.h"

#include "player/ui/screen.h"

static void end_draw(struct ui *ui, const struct nav *nav, double now)
{
	static const struct {
		enum icon icon;
		enum nav_input in;
	} choices[] = {
		{ ICON_REPLAY, NAV_IN_AGAIN },
		{ ICON_GLOBE, NAV_IN_OTHER_LANG },
		{ ICON_HOME, NAV_IN_HOME },
	};
	const struct bundle *b = nav_bundle(nav);
	int rtl = b && b->lang && b->lang->dir == VV_DIR_RTL;
	int portrait = ui->h > ui->w, n = 3, i, size, gap, x0, y0;
	/* One language, or one fixed with --lang: the globe would start
	 * the same pack again, as "again" does. */
	int globe = nav_language_choice(nav);

	(void)now;
	if (!globe)
		n = 2;
	/* As big as fits three in a row (a column when portrait). */
	size = portrait ? ui->h / 5 : ui->w / 5;
	if (size > ui->h * 2 / 5)
		size = ui->h * 2 / 5;
	if (portrait && size > ui->w * 3 / 5)
		size = ui->w * 3 / 5;
	gap = size / 4;
	x0 = (ui->w - (portrait ? size : n * size + (n - 1) * gap)) / 2;
	y0 = (ui->h - (portrait ? n * size + (n - 1) * gap : size)) / 2;
	for (i = 0; i < n; i++) {
		/* right to left: "again" on the right, where reading starts */
		int k = rtl && !portrait ? n - 1 - i : i;
		struct draw_rect r = {
			portrait ? x0 : x0 + i * (size + gap),
			portrait ? y0 + i * (size + gap) : y0, size, size };

		if (!globe && k > 0)
			k++;  /* past the globe, to home */

		draw_icon_button(ui, r, choices[k].icon,
				 k == 0 ? UI_BG : UI_TEXT,
				 k == 0 ? UI_ACCENT : UI_PANEL,
				 choices[k].in, 0);
	}
}

const struct screen screen_end = { "end", end_draw };
