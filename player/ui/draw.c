/* draw: frame set-up, text in a style and a rectangle, touch targets and
 * icon buttons for the screens of player/ui. */
#include "player/ui/draw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void draw_begin(struct ui *ui)
{
	out_size(ui->out, &ui->w, &ui->h);
	/* 1 % of the height, unless the width is short of 105 units: the
	 * slide's row of controls needs that much (five 13-unit buttons,
	 * their gaps and margins), so portrait screens get the unit of a
	 * landscape one as wide. */
	ui->unit = ui->h / 100 < ui->w / 105 ? ui->h / 100 : ui->w / 105;
	if (ui->unit < 1)
		ui->unit = 1;
	ui->min_target = out_mm(ui->out, 9);
	ui->n_targets = 0;
	ui->missing = 0;
	ui->broken = 0;
	ui->wake = HUGE_VAL;
	ui->n_boxes = 0;
}

void draw_wake_at(struct ui *ui, double t)
{
	if (t < ui->wake)
		ui->wake = t;
}

/* Returns the new box, or NULL when it is empty or the table is full. */
static struct ui_box *note(struct ui *ui, enum ui_box_kind kind,
			   struct draw_rect r)
{
	struct ui_box *b;

	if (ui->n_boxes >= UI_MAX_BOXES || r.w <= 0 || r.h <= 0)
		return NULL;
	b = &ui->boxes[ui->n_boxes++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->x = r.x;
	b->y = r.y;
	b->w = r.w;
	b->h = r.h;
	return b;
}

void draw_note_box(struct ui *ui, enum ui_box_kind kind, struct draw_rect r)
{
	note(ui, kind, r);
}

/* Notes the text box of layout `l` drawn with its top-left at (x, y). */
static void note_text(struct ui *ui, const struct text_layout *l,
		      const char *s, const struct draw_style *st, int x, int y)
{
	int ex, ew, w, h;
	size_t n;
	struct ui_box *b;

	text_layout_extent(l, &ex, &ew);
	text_layout_size(l, &w, &h);
	b = note(ui, UI_BOX_TEXT, (struct draw_rect){ x + ex, y, ew, h });
	if (!b)
		return;
	b->rtl = text_layout_is_rtl(l);
	b->cut = text_layout_cut(l);
	b->broken = text_layout_broken(l);
	b->size = text_layout_size_px(l);
	b->lang = st->lang;
	n = st->personal ? 0 : strlen(s);
	if (n >= sizeof b->text) {
		n = sizeof b->text - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(b->text, s, n);
	b->text[n] = '\0';
}

static const struct text_layout *lay(struct ui *ui, const char *s,
				     const struct draw_style *st, int max_w,
				     int max_lines)
{
	struct text_style ts;
	const struct text_layout *l;

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
	ts.min_size_px = st->min_size;
	l = text_layout(ui->text, s, &ts);
	ui->broken += text_layout_broken(l);
	return l;
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
	note_text(ui, l, s, st, r.x, r.y);
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

int draw_pick_step(struct ui *ui, int n, int (*fits)(void *user, int step),
		   void *user)
{
	int step, best = -1, best_broken = 0;

	for (step = 0; step < n; step++) {
		int before = ui->broken, broken;

		if (!fits(user, step))
			continue;
		broken = ui->broken - before;
		if (best < 0 || broken < best_broken) {
			best = step;
			best_broken = broken;
		}
		if (broken == 0)
			break;
	}
	return best;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Whether s[from, to), without its trailing spaces, fits `room` px high
 * in st wrapped to max_w; buf holds at least to - from + 1 bytes. */
static int prefix_fits(struct ui *ui, const char *s, size_t from, size_t to,
		       const struct draw_style *st, int max_w, int room,
		       char *buf)
{
	int w, h;

	while (to > from && is_space(s[to - 1]))
		to--;
	memcpy(buf, s + from, to - from);
	buf[to - from] = '\0';
	draw_text_size(ui, buf, st, max_w, &w, &h);
	return h <= room;
}

/* The largest of the n ascending offsets at[] at which s[from, at) fits,
 * or 0 when none does (binary search: more text is never shorter). */
static size_t last_fitting(struct ui *ui, const char *s, size_t from,
			   const size_t *at, size_t n,
			   const struct draw_style *st, int max_w, int room,
			   char *buf)
{
	size_t lo = 0, hi = n, best = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (prefix_fits(ui, s, from, at[mid], st, max_w, room, buf)) {
			best = at[mid];
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return best;
}

int draw_split_pages(struct ui *ui, const char *s,
		     const struct draw_style *style, int max_w, int room,
		     size_t *ends, int cap)
{
	struct draw_style st = *style;
	size_t len, from = 0, n_words = 0, i, *at;
	char *buf;
	int pages = 0;

	if (!s || !*s || cap < 1)
		return 0;
	len = strlen(s);
	buf = malloc(len + 1);
	/* where a word starts, and where a character starts: the breaks */
	at = malloc((len + 1) * sizeof *at);
	if (!buf || !at) {
		free(buf);
		free(at);
		return -1;
	}
	st.max_lines = 0;
	st.min_size = 0;
	while (pages < cap) {
		size_t end = 0, k, n_chars = 0;

		while (from < len && is_space(s[from]))
			from++;
		if (from >= len)
			break;
		/* the rest whole, or the cap's last page */
		if (pages == cap - 1 ||
		    prefix_fits(ui, s, from, len, &st, max_w, room, buf)) {
			ends[pages++] = len;
			break;
		}
		n_words = 0;
		for (i = from + 1; i < len; i++)
			if (is_space(s[i - 1]) && !is_space(s[i]))
				at[n_words++] = i;
		end = last_fitting(ui, s, from, at, n_words, &st, max_w, room,
				   buf);
		if (!end) {
			/* not one word fits: between its characters, at
			 * least one */
			k = n_words ? at[0] : len;
			for (i = from + 1; i <= k; i++)
				if (i == len ||
				    ((unsigned char)s[i] & 0xC0) != 0x80)
					at[n_chars++] = i;
			end = last_fitting(ui, s, from, at, n_chars, &st,
					   max_w, room, buf);
			if (!end)
				end = at[0];
		}
		ends[pages++] = end;
		from = end;
	}
	/* spaces after the last page's text belong to it */
	if (pages > 0)
		ends[pages - 1] = len;
	free(buf);
	free(at);
	return pages;
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
	note_text(ui, l, s, st, cx - w / 2, y);
}

void draw_icon(struct ui *ui, enum icon icon, float cx, float cy, float size,
	       uint32_t fg, uint32_t bg)
{
	icon_draw(ui->out, icon, cx, cy, size, fg, bg);
	note(ui, UI_BOX_ICON, (struct draw_rect){ (int)(cx - size / 2),
						  (int)(cy - size / 2),
						  (int)size, (int)size });
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
	draw_note_box(ui, UI_BOX_BUTTON, r);
	icon_draw(ui->out, icon, (float)r.x + (float)r.w / 2,
		  (float)r.y + (float)r.h / 2, (float)side * 0.62f, fg, bg);
	draw_target(ui, r, in, arg);
}
