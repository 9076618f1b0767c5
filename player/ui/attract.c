/* attract: the screen a kiosk shows while nobody uses it. A pulsing touch
 * pictogram and the invitation in every language of the library, each in
 * its own script; the highlight moves through them. */
#include "player/ui/draw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "player/core/trust.h"
#include "player/core/uilang.h"
#include "player/ui/screen.h"

/* The languages on offer, each named in its own script, in one row whose
 * top is at y (a reader of any of them sees at once that their language
 * is here, and a tap on it picks it: `pick`). Returns 0 and draws nothing
 * when they do not fit in one row: the picker has them all. With draw 0
 * only measures: *row_h gets the row's height. */
static int language_row(struct ui *ui, int y, int draw, int pick,
			int *row_h)
{
	int u = ui->unit, total = 0, gap = 4 * u, x;
	size_t k, nl = library_n_langs(ui->lib);
	int widths[16], th;
	struct draw_style st = { .size = 3 * u + u / 2, .rgba = UI_DIM,
				 .max_lines = 1 };

	*row_h = 0;
	if (nl > 16)
		return 0;
	for (k = 0; k < nl; k++) {
		const struct vv_lang *l = library_lang(ui->lib, k);

		st.lang = l->code;
		draw_text_size(ui, l->endonym, &st, 0, &widths[k], &th);
		total += widths[k] + (k ? gap : 0);
		if (th > *row_h)
			*row_h = th;
	}
	if (!nl || total > ui->w - 8 * u) {
		*row_h = 0;
		return 0;
	}
	x = (ui->w - total) / 2;
	for (k = 0; draw && k < nl; k++) {
		const struct vv_lang *l = library_lang(ui->lib, k);

		st.lang = l->code;
		draw_text(ui, l->endonym, &st,
			  (struct draw_rect){ x, y, 0, 0 });
		/* The gap and two units above and below: a finger's
		 * width, more than the letters'. */
		if (pick)
			draw_target(ui, (struct draw_rect){
					    x - gap / 2, y - 2 * u,
					    widths[k] + gap, *row_h + 4 * u },
				    NAV_IN_PICK_LANG, (long)k);
		x += widths[k] + gap;
	}
	return 1;
}

static void attract_draw(struct ui *ui, const struct nav *nav, double now)
{
	/* The animation moves in steps of 1/UI_ATTRACT_FPS s. */
	double step = floor(now * UI_ATTRACT_FPS);
	int u = ui->unit, i, n = ui->n_invites, shown, y, row_h, limit;
	int heights[6], total = 0, row_y;
	float pulse = 0.5f + 0.5f *
		      (float)sin(step / UI_ATTRACT_FPS * 2.4);
	float cx = (float)ui->w / 2, cy;
	int current = n ? (int)fmod(step / UI_ATTRACT_FPS / 2.0,
				    (double)n) : 0;
	/* older versions replaced by a newer one are no fault to warn of */
	size_t notes = library_n_notes(ui->lib) - library_n_replaced(ui->lib);
	struct draw_style st[2] = {
		{ .size = 4 * u, .rgba = UI_DIM, .align = TEXT_ALIGN_CENTER,
		  .max_lines = 1, .min_size = 3 * u },
		{ .size = 6 * u, .rgba = UI_ACCENT, .bold = 1,
		  .align = TEXT_ALIGN_CENTER, .max_lines = 1,
		  .min_size = 4 * u },
	};
	int text_w = ui->w - 8 * u;

	draw_wake_at(ui, (step + 1) / UI_ATTRACT_FPS);
	/* Any touch wakes the kiosk; the language row's names, added
	 * after, pick theirs. */
	draw_target(ui, (struct draw_rect){ 0, 0, ui->w, ui->h }, NAV_IN_WAKE,
		    0);
	/* The language row sits above the bottom margin (and the staff's
	 * note); the invitations fill what is left between it and the
	 * pictogram, as many as fit, measured rather than assumed: a
	 * 6-unit font's line is over 8 units tall. */
	row_y = ui->h - 6 * u;
	if (language_row(ui, 0, 0, 0, &row_h))
		row_y -= row_h;
	limit = row_y - 2 * u;
	shown = 0;
	for (i = 0; i < n && i < 6; i++) {
		int k = (current + i) % n, tw, th;

		st[i == 0].lang = ui->invites[k].lang;
		draw_text_size(ui, ui->invites[k].text, &st[i == 0], text_w,
			       &tw, &th);
		if (48 * u + total + th > limit)
			break;
		heights[i] = th;
		total += th + u / 2;
		shown++;
	}
	/* Landscape: the pictogram at the top, the invitations centred in
	 * the space under it. Portrait: the two together in the middle of
	 * the screen's height, where the top of the space would leave the
	 * lower half empty. */
	if (ui->h > ui->w) {
		cy = (float)((limit - 40 * u - total) / 2 + 18 * u);
		if (cy < (float)(28 * u))
			cy = (float)(28 * u);
		y = (int)cy + 20 * u;
	} else {
		cy = (float)(28 * u);
		y = 48 * u + (limit - 48 * u - total) / 2;
	}
	/* Ripples grow out of the fingertip, then the hand on top. */
	out_fill_circle(ui->out, cx, cy,
			(float)(14 * u) + pulse * (float)(4 * u),
			(UI_PANEL & 0xffffff00u) | 0x90);
	out_fill_circle(ui->out, cx, cy, (float)(14 * u), UI_PANEL);
	icon_draw(ui->out, ICON_TOUCH, cx, cy + (float)u, (float)(20 * u),
		  UI_ACCENT, UI_PANEL);
	draw_note_box(ui, UI_BOX_ICON, (struct draw_rect){
			      (int)cx - 18 * u, (int)cy - 18 * u, 36 * u,
			      36 * u });

	/* The highlighted one on top. */
	for (i = 0; i < shown; i++) {
		int k = (current + i) % n;

		st[i == 0].lang = ui->invites[k].lang;
		draw_text(ui, ui->invites[k].text, &st[i == 0],
			  (struct draw_rect){ 4 * u, y, text_w, 0 });
		y += heights[i] + u / 2;
	}
	language_row(ui, row_y, 1, nav_language_choice(nav), &row_h);
	if (notes || ui->site_missing[0] || trust_unwritable(ui->records)) {
		char msg[256];
		const struct draw_style nst = { .size = 2 * u, .rgba = UI_DIM,
						.max_lines = 1 };
		const char *sep = "";

		/* For the staff, in their language (the participants'
		 * invitations above were made at start): some bundles were
		 * left out, the site file lacks details, or the state folder
		 * cannot be written (the operator screen says which). */
		uilang_set(ui->staff_lang);
		draw_icon(ui, ICON_WARNING, (float)(3 * u),
			  (float)(ui->h - 3 * u), (float)(3 * u), UI_WARN,
			  UI_BG);
		msg[0] = '\0';
		/* first: it costs every start, on every kiosk day */
		if (trust_unwritable(ui->records)) {
			snprintf(msg, sizeof msg, "%s",
				 _("state folder not writable"));
			sep = " \xc2\xb7 ";
		}
		if (notes) {
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
				 "%s", sep);
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
				 ngettext("%zu bundle skipped", "%zu bundles "
					  "skipped", notes), notes);
			sep = " \xc2\xb7 ";
		}
		if (ui->site_missing[0]) {
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
				 "%s%s", sep, _("local details missing"));
		}
		draw_text(ui, msg, &nst,
			  (struct draw_rect){ 6 * u, ui->h - 4 * u - u / 2, 0,
					      0 });
		uilang_set(NULL);
	}
}

const struct screen screen_attract = { "attract", attract_draw };
