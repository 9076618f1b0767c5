/* draw: frame set-up, text in a style and a rectangle, touch targets and
 * icon buttons for the screens of player/ui. */
#include "player/ui/draw.h"

#include <math.h>
#include <string.h>

void draw_begin(struct ui *ui)
{
	out_size(ui->out, &ui->w, &ui->h);
	ui->unit = ui->h / 100 > 0 ? ui->h / 100 : 1;
	ui->min_target = out_mm(ui->out, 9);
	ui->n_targets = 0;
	ui->missing = 0;
	ui->wake = HUGE_VAL;
}

void draw_wake_at(struct ui *ui, double t)
{
	if (t < ui->wake)
		ui->wake = t;
}

static const struct text_layout *lay(struct ui *ui, const char *s,
				     const struct draw_style *st, int max_w,
				     int max_lines)
{
	struct text_style ts;

	if (!ui->text || !s || !*s)
		return NULL;
	memset(&ts, 0, sizeof ts);
	ts.size_px = st->size > 4 ? st->size : 4;
	ts.rgba = st->rgba;
	ts.bold = st->bold;
	ts.align = st->align;
	ts.lang = st->lang;
	ts.max_width_px = max_w > 0 ? max_w : 0;
	ts.max_lines = max_lines;
	ts.markup = st->markup;
	return text_layout(ui->text, s, &ts);
}

int draw_text(struct ui *ui, const char *s, const struct draw_style *st,
	      struct draw_rect r)
{
	const struct text_layout *l = lay(ui, s, st, r.w, st->max_lines);
	int w = 0, h = 0;

	if (!l)
		return 0;
	text_layout_size(l, &w, &h);
	ui->missing += text_layout_missing_glyphs(l);
	text_draw(ui->text, l, r.x, r.y);
	return h;
}

void draw_text_size(struct ui *ui, const char *s,
		    const struct draw_style *st, int max_w, int *w, int *h)
{
	const struct text_layout *l = lay(ui, s, st, max_w, st->max_lines);

	*w = *h = 0;
	if (l)
		text_layout_size(l, w, h);
}

void draw_text_centered(struct ui *ui, const char *s,
			const struct draw_style *st, int cx, int y)
{
	struct draw_style one = *st;
	const struct text_layout *l;
	int w = 0, h = 0;

	one.align = TEXT_ALIGN_CENTER;
	l = lay(ui, s, &one, 0, 1);
	if (!l)
		return;
	text_layout_size(l, &w, &h);
	ui->missing += text_layout_missing_glyphs(l);
	text_draw(ui->text, l, cx - w / 2, y);
}

void draw_target(struct ui *ui, struct draw_rect r, enum nav_input in,
		 long arg)
{
	struct ui_target *t;

	if (ui->n_targets >= UI_MAX_TARGETS)
		return;
	t = &ui->targets[ui->n_targets++];
	t->r = r;
	t->in = in;
	t->arg = arg;
}

void draw_icon_button(struct ui *ui, struct draw_rect r, enum icon icon,
		      uint32_t fg, uint32_t bg, enum nav_input in, long arg)
{
	int side = r.w < r.h ? r.w : r.h;

	out_fill_round_rect(ui->out, r.x, r.y, r.w, r.h, side / 5, bg);
	icon_draw(ui->out, icon, (float)r.x + (float)r.w / 2,
		  (float)r.y + (float)r.h / 2, (float)side * 0.62f, fg, bg);
	draw_target(ui, r, in, arg);
}
