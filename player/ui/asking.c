/* asking: "are you still there?" with a countdown ring; any touch carries
 * on, the end of the countdown resets the kiosk. */
#include "player/ui/draw.h"

#include <math.h>
#include <stdio.h>

#include "common/i18n.h"
#include "player/ui/screen.h"

static void asking_draw(struct ui *ui, const struct nav *nav, double now)
{
	int u = ui->unit;
	/* Laid out for 100 units of height; a portrait screen is taller,
	 * and the question goes in its middle rather than its top. */
	int top = ui->h > ui->w ? (ui->h - 100 * u) / 2 : 0;
	double left = nav_idle_remaining(nav, now);
	float cx = (float)ui->w / 2, cy = (float)(top + 58 * u);
	float frac;
	char num[16];
	const struct draw_style title = { .size = 7 * u, .rgba = UI_TEXT,
					  .bold = 1 };
	const struct draw_style count = { .size = 12 * u, .rgba = UI_TEXT,
					  .bold = 1, .lang = "en" };
	const struct draw_style hint = { .size = 4 * u, .rgba = UI_DIM };

	draw_icon(ui, ICON_QUESTION, cx, (float)(top + 17 * u),
		  (float)(20 * u), UI_ACCENT, UI_BG);
	/* Interface strings may be untranslated (English) in an RTL
	 * language: the text engine picks the direction from the text. */
	draw_text_centered(ui, _("Are you still there?"), &title, ui->w / 2,
			   top + 30 * u);
	/* The ring empties as time runs out; the number says the seconds. */
	/* Redrawn four times a second, and as the number changes. */
	if (left > 0)
		draw_wake_at(ui, now + fmin(0.25, left - floor(left) + 1e-3));
	frac = (float)(left / nav_idle_countdown(nav));
	if (frac > 1)
		frac = 1;
	out_stroke_arc(ui->out, cx, cy, (float)(14 * u), (float)(2 * u), 0,
		       2 * 3.14159265f, UI_PANEL);
	out_stroke_arc(ui->out, cx, cy, (float)(14 * u), (float)(2 * u),
		       -0.5f * 3.14159265f,
		       (-0.5f + 2 * frac) * 3.14159265f, UI_ACCENT);
	draw_note_box(ui, UI_BOX_ICON, (struct draw_rect){
			      (int)cx - 15 * u, (int)cy - 15 * u, 30 * u,
			      30 * u });
	snprintf(num, sizeof num, "%d", (int)ceil(left));
	draw_text_centered(ui, num, &count, ui->w / 2, (int)cy - 8 * u);
	draw_icon(ui, ICON_TOUCH, cx, (float)(top + 86 * u), (float)(10 * u),
		  UI_DIM, UI_BG);
	draw_text_centered(ui, _("Touch the screen to continue."), &hint,
			   ui->w / 2, top + 93 * u);
	draw_target(ui, (struct draw_rect){ 0, 0, ui->w, ui->h }, NAV_IN_WAKE,
		    0);
}

const struct screen screen_asking = { "asking", asking_draw };
