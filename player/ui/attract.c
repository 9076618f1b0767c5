/* attract: the screen a kiosk shows while nobody uses it. A pulsing touch
 * pictogram and the invitation in every language of the library, each in
 * its own script; the highlight moves through them. */
#include "player/ui/draw.h"

#include <math.h>
#include <stdio.h>

#include "common/i18n.h"
#include "player/ui/screen.h"

static void attract_draw(struct ui *ui, const struct nav *nav, double now)
{
	/* The animation moves in steps of 1/UI_ATTRACT_FPS s. */
	double step = floor(now * UI_ATTRACT_FPS);
	int u = ui->unit, i, n = ui->n_invites, shown, y, line;
	float pulse = 0.5f + 0.5f *
		      (float)sin(step / UI_ATTRACT_FPS * 2.4);
	float cx = (float)ui->w / 2, cy = (float)(28 * u);
	int current = n ? (int)fmod(step / UI_ATTRACT_FPS / 2.0,
				    (double)n) : 0;
	size_t notes = library_n_notes(ui->lib);

	(void)nav;
	draw_wake_at(ui, (step + 1) / UI_ATTRACT_FPS);
	/* Ripples grow out of the fingertip, then the hand on top. */
	out_fill_circle(ui->out, cx, cy,
			(float)(14 * u) + pulse * (float)(4 * u),
			(UI_PANEL & 0xffffff00u) | 0x90);
	out_fill_circle(ui->out, cx, cy, (float)(14 * u), UI_PANEL);
	icon_draw(ui->out, ICON_TOUCH, cx, cy + (float)u, (float)(20 * u),
		  UI_ACCENT, UI_PANEL);

	/* As many languages as fit in the lower half, highlight cycling. */
	line = 7 * u;
	shown = n < 6 ? n : 6;
	y = 52 * u + (6 - shown) * line / 2;
	for (i = 0; i < shown; i++) {
		int k = (current + i) % (n ? n : 1);
		int hi = i == 0;
		struct draw_style st = {
			.size = hi ? 6 * u : 4 * u,
			.rgba = hi ? UI_ACCENT : UI_DIM,
			.bold = hi,
			.lang = ui->invites[k].lang,
		};

		draw_text_centered(ui, ui->invites[k].text, &st, ui->w / 2,
				   y + (hi ? 0 : u));
		y += line;
	}
	/* The languages on offer, each named in its own script: a reader
	 * of any of them sees at once that their language is here. */
	{
		size_t k, nl = library_n_langs(ui->lib);
		int total = 0, gap = 4 * u, x;
		int widths[16];
		struct draw_style st = { .size = 3 * u + u / 2,
					 .rgba = UI_DIM, .max_lines = 1 };

		if (nl > 16)
			nl = 16;
		for (k = 0; k < nl; k++) {
			const struct vv_lang *l = library_lang(ui->lib, k);
			int th;

			st.lang = l->code;
			draw_text_size(ui, l->endonym, &st, 0, &widths[k],
				       &th);
			total += widths[k] + (k ? gap : 0);
		}
		if (total > ui->w - 8 * u)
			nl = 0;  /* too many for one line: the picker has all */
		x = (ui->w - total) / 2;
		for (k = 0; k < nl; k++) {
			const struct vv_lang *l = library_lang(ui->lib, k);

			st.lang = l->code;
			draw_text(ui, l->endonym, &st,
				  (struct draw_rect){ x, ui->h - 12 * u, 0,
						      0 });
			x += widths[k] + gap;
		}
	}
	if (notes) {
		char msg[128];
		const struct draw_style st = { .size = 2 * u, .rgba = UI_DIM,
					       .max_lines = 1 };

		/* For the staff: some bundles were left out (see the log). */
		icon_draw(ui->out, ICON_WARNING, (float)(3 * u),
			  (float)(ui->h - 3 * u), (float)(3 * u), UI_WARN,
			  UI_BG);
		snprintf(msg, sizeof msg, ngettext("%zu bundle skipped",
			 "%zu bundles skipped", notes), notes);
		draw_text(ui, msg, &st,
			  (struct draw_rect){ 6 * u, ui->h - 4 * u - u / 2, 0,
					      0 });
	}
	draw_target(ui, (struct draw_rect){ 0, 0, ui->w, ui->h }, NAV_IN_WAKE,
		    0);
}

const struct screen screen_attract = { "attract", attract_draw };
