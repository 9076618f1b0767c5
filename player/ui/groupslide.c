/* groupslide: one slide of the group screen laid out in a rectangle:
 * heading, body, picture and captions, sizes relative to its height. */
#include "player/ui/groupslide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/markup.h"
#include "player/core/legible.h"

#define GROUPSLIDE_TEXT 4096
#define CAPTION_RGBA 0xffe8a3ffu   /* warm light yellow: told apart from
                                    * the white main text at a glance */

/* Paragraph text without the <b> and <i> tags the text engine does not
 * draw; writes at most size bytes. */
static void strip_tags(const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (*in && n + 1 < size) {
		size_t tl = markup_tag_len(in);

		if (tl)
			in += tl;
		else
			out[n++] = *in++;
	}
	out[n] = 0;
}

/* ---- Pictures ---- */

void groupslide_images_clear(struct groupslide_images *c)
{
	int i;

	for (i = 0; i < GROUPSLIDE_IMAGES; i++)
		out_image_free(c->e[i].image);
	memset(c, 0, sizeof *c);
}

/* Returns the decoded picture of `m`, or NULL when it cannot be shown. */
static struct out_image *image_get(struct ui *ui, struct groupslide_images *c,
				   const struct bundle *b,
				   const struct bundle_member *m)
{
	unsigned char *data = NULL;
	size_t size = 0;
	int i, victim = 0;

	c->clock++;
	for (i = 0; i < GROUPSLIDE_IMAGES; i++) {
		if (c->e[i].bundle == b && c->e[i].member == m) {
			c->e[i].used = c->clock;
			return c->e[i].image;
		}
		if (c->e[i].used < c->e[victim].used)
			victim = i;
	}
	out_image_free(c->e[victim].image);
	c->e[victim].image = NULL;
	c->e[victim].bundle = b;
	c->e[victim].member = m;
	c->e[victim].used = c->clock;
	c->e[victim].failed = 1;
	if (bundle_read_member(b, m, &data, &size) == VV_OK &&
	    out_image_load(ui->out, data, size, m->name,
			   &c->e[victim].image) == VV_OK)
		c->e[victim].failed = 0;
	free(data);
	return c->e[victim].image;
}

/* The picture fitted into r, top-aligned, or its alt text at text_px
 * when it cannot be shown. */
static void draw_picture(struct ui *ui, struct groupslide_images *c,
			 const struct bundle *b, const struct bundle_item *it,
			 struct draw_rect r, int text_px)
{
	struct out_image *img = image_get(ui, c, b, it->image);
	int iw, ih, dw, dh;
	const struct draw_style alt = { .size = text_px, .rgba = UI_DIM,
					.align = TEXT_ALIGN_CENTER,
					.lang = bundle_text_lang(
						b, &it->image_alt),
					.max_lines = 6 };

	if (!img) {
		out_fill_round_rect(ui->out, r.x, r.y, r.w, r.h, r.h / 40,
				    UI_PANEL);
		draw_text(ui, it->image_alt.text, &alt,
			  (struct draw_rect){ r.x + text_px / 2,
					      r.y + text_px / 2,
					      r.w - text_px, 0 });
		return;
	}
	out_image_size(img, &iw, &ih);
	dw = r.w;
	dh = iw > 0 ? (int)((long)ih * r.w / iw) : r.h;
	if (dh > r.h) {
		dh = r.h;
		dw = ih > 0 ? (int)((long)iw * r.h / ih) : r.w;
	}
	out_draw_image(ui->out, img, r.x + (r.w - dw) / 2, r.y, dw, dh);
}

/* ---- The slide ---- */

/* Lines of text at `size` that fit in `room` pixels (line height
 * measured once per size), or 0 (unlimited) when limit is off. */
static int lines_in(struct ui *ui, int size, int room, int limited)
{
	const struct draw_style st = { .size = size, .max_lines = 1 };
	int tw, lh;

	if (!limited)
		return 0;
	draw_text_size(ui, "Ag", &st, 0, &tw, &lh);
	if (lh <= 0)
		lh = size * 4 / 3;
	return room >= lh ? room / lh : -1;
}

/* How many levels bullet t is nested below the top (0 to 3). */
static int nest_of(const struct bundle_text *t)
{
	return t->level > 1 ? t->level - 1 : 0;
}

/* The radius of bullet t's dot at text size `size`: smaller when nested. */
static float dot_radius(const struct bundle_text *t, int size)
{
	return nest_of(t) ? (float)size / 9 : (float)size / 6;
}

/* A slide's text and its captions are made of units (a paragraph, a
 * bullet, the captions' heading) that text pages hold whole: what does
 * not fit one page is never dropped, it goes on the next. */
#define PAGE_UNITS_MAX 64

/* Returns the number of body units of `it` (at most PAGE_UNITS_MAX). */
static int body_units(const struct bundle_item *it)
{
	size_t n = it->n_paragraphs + it->n_bullets;

	return n > PAGE_UNITS_MAX ? PAGE_UNITS_MAX : (int)n;
}

/* Lays out (and with draw, draws) an item's paragraphs and bullets
 * [from, to) (in reading order) at `size` in a box `w` wide; returns the
 * height. limit > 0: when drawing, text that would pass y = limit is cut
 * with an ellipsis, and what has no room at all is left out, so nothing
 * runs off the screen. */
static int body_range(struct ui *ui, const struct bundle *b,
		      const struct bundle_item *it, uint32_t rgba, int x,
		      int y, int w, int size, int draw, int limit,
		      size_t from, size_t to)
{
	char buf[GROUPSLIDE_TEXT];
	int h = 0, th, tw, rtl = b->lang->dir == VV_DIR_RTL, max;
	int indent = size * 3 / 2;
	struct draw_style st = { .size = size, .rgba = rgba };
	size_t i, n = it->n_paragraphs + it->n_bullets;

	/* The paragraphs and bullets in reading order; bullets indented,
	 * after a dot. */
	for (i = from; i < to && i < n; i++) {
		int bullet;
		const struct bundle_text *t = bundle_body_text(it, i, &bullet);
		struct draw_rect r = { x, y + h, w, 0 };
		/* a nested bullet (level 2 to 4): one indent further in per
		 * level, from the right in RTL, after a smaller dot */
		int in = indent * (bullet ? nest_of(t) + 1 : 0);

		if (bullet) {
			r.x = rtl ? x : x + in;
			r.w = w - in;
		}
		strip_tags(t->text, buf, sizeof buf);
		st.lang = bundle_text_lang(b, t);
		max = lines_in(ui, size, limit - y - h, draw && limit > 0);
		if (max < 0)
			return h;
		st.max_lines = draw ? max : 0;
		if (draw && bullet) {
			float dot = rtl ? (float)(x + w - in) +
					  (float)indent / 2 :
				    (float)(x + in) - (float)indent / 2;

			out_fill_circle(ui->out, dot, (float)(y + h) +
					(float)size * 0.72f, dot_radius(t, size),
					rgba == UI_TEXT ? UI_ACCENT : rgba);
		}
		if (draw)
			th = draw_text(ui, buf, &st, r);
		else
			draw_text_size(ui, buf, &st, r.w, &tw, &th);
		h += th + (bullet ? size / 4 : size / 3);
	}
	return h;
}

/* body_range() over all of the item's paragraphs and bullets. */
static int body(struct ui *ui, const struct bundle *b,
		const struct bundle_item *it, uint32_t rgba, int x, int y,
		int w, int size, int draw, int limit)
{
	return body_range(ui, b, it, rgba, x, y, w, size, draw, limit, 0,
			  it->n_paragraphs + it->n_bullets);
}

/* Splits n units of heights h[] into pages of at most `room` pixels
 * each (a unit taller than that gets a page of its own): first[p] is
 * the first unit of page p, first[pages] is n (first holds one more than
 * the units). Returns the page count, at least 1. */
static int split_pages(const int *h, int n, int room, int *first)
{
	int k, pages = 0, used = 0;

	first[0] = 0;
	for (k = 0; k < n; k++) {
		if (k == 0 || used + h[k] > room) {
			first[pages++] = k;
			used = 0;
		}
		used += h[k];
	}
	if (!pages)
		pages = 1;
	first[pages] = n;
	return pages;
}

/* Returns the number of caption units of `cap` (its heading, then each
 * paragraph and bullet; at most PAGE_UNITS_MAX). */
static int caption_units(const struct bundle_item *cap)
{
	size_t n = 1 + cap->n_paragraphs + cap->n_bullets;

	return n > PAGE_UNITS_MAX ? PAGE_UNITS_MAX : (int)n;
}

/* Lays out (draw: and draws) unit k of the captions with its top at y;
 * returns its height with the space after it. limit > 0: text past it
 * is cut with an ellipsis (a unit taller than a whole page). */
static int caption_unit(struct ui *ui, const struct bundle *cb,
			const struct bundle_item *cap, int k, int x, int y,
			int w, int size, int draw, int limit)
{
	char buf[GROUPSLIDE_TEXT];
	int rtl = cb->lang->dir == VV_DIR_RTL, indent = size * 3 / 2;
	int th = 0, tw, bullet = 0, max;
	const struct bundle_text *t;
	struct draw_style st = { .size = size, .rgba = CAPTION_RGBA };

	if (k == 0) {
		t = &cap->heading;
		st.bold = 1;
	} else {
		/* the body's texts in reading order */
		t = bundle_body_text(cap, (size_t)k - 1, &bullet);
	}
	st.lang = bundle_text_lang(cb, t);
	strip_tags(t->text, buf, sizeof buf);
	if (bullet) {
		/* nested bullets: one indent further in per level */
		indent *= nest_of(t) + 1;
		if (!rtl)
			x += indent;
		w -= indent;
	}
	max = lines_in(ui, size, limit - y, draw && limit > 0);
	st.max_lines = max < 0 ? 1 : max;
	if (!draw) {
		draw_text_size(ui, buf, &st, w, &tw, &th);
	} else {
		if (bullet) {
			float half = (float)(size * 3 / 2) / 2;
			float dot = rtl ? (float)(x + w) + half :
				    (float)x - half;

			out_fill_circle(ui->out, dot, (float)y +
					(float)size * 0.72f, dot_radius(t, size),
					CAPTION_RGBA);
		}
		th = draw_text(ui, buf, &st, (struct draw_rect){ x, y, w, 0 });
	}
	return th + size / (k == 0 ? 4 : bullet ? 4 : 3);
}

/* Splits the caption units into pages of at most `room` pixels each
 * (a unit taller than that gets a page of its own): first[p] is the
 * first unit of page p, first[pages] the end (first holds one more than
 * the units). Returns the page count. */
static int caption_pages(struct ui *ui, const struct bundle *cb,
			 const struct bundle_item *cap, int w, int size,
			 int room, int *first)
{
	int n = caption_units(cap), k, h[PAGE_UNITS_MAX];

	for (k = 0; k < n; k++)
		h[k] = caption_unit(ui, cb, cap, k, 0, 0, w, size, 0, 0);
	return split_pages(h, n, room, first);
}

/* The whole caption block's height, or draws units [from, to) from y. */
static int captions(struct ui *ui, const struct bundle *cb,
		    const struct bundle_item *cap, int from, int to, int x,
		    int y, int w, int size, int draw, int limit)
{
	int h = 0, k;

	for (k = from; k < to; k++)
		h += caption_unit(ui, cb, cap, k, x, y + h, w, size, draw,
				  limit);
	return h;
}

void groupslide_page_mark(struct ui *ui, int page, int pages, int rtl,
			  int x, int y, int w, int size, uint32_t rgba)
{
	char num[32];
	const struct draw_style st = { .size = size, .rgba = rgba,
				       .bold = 1, .lang = "en",
				       .max_lines = 1 };
	int tw = 0, th = 0, icon = size, gap = size / 3, mx;

	snprintf(num, sizeof num, "%d/%d", page + 1, pages);
	draw_text_size(ui, num, &st, 0, &tw, &th);
	if (page + 1 == pages)
		icon = gap = 0;
	mx = rtl ? x : x + w - tw - gap - icon;
	if (icon)
		draw_icon(ui, rtl ? ICON_ARROW_LEFT : ICON_ARROW_RIGHT,
			  (float)(rtl ? mx + icon / 2 : mx + tw + gap +
				  icon / 2),
			  (float)y + (float)th / 2, (float)icon, rgba,
			  UI_BG);
	draw_text(ui, num, &st, (struct draw_rect){
			  rtl ? mx + icon + gap : mx, y, 0, 0 });
}

static void video_placeholder(struct ui *ui, const struct bundle *b,
			      const struct bundle_item *it, struct draw_rect r)
{
	const struct draw_style title = {
		.size = legible_px(r.h, LEGIBLE_BODY_MIN), .rgba = UI_TEXT,
		.bold = 1, .align = TEXT_ALIGN_CENTER,
		.lang = bundle_text_lang(b, &it->heading),
		.max_lines = 2 };

	out_fill_rect(ui->out, r.x, r.y, r.w, r.h, 0x000000ffu);
	icon_draw(ui->out, ICON_VIDEO, (float)r.x + (float)r.w / 2,
		  (float)r.y + (float)r.h * 0.42f, (float)r.h * 0.4f,
		  UI_PANEL_HI, 0x000000ffu);
	draw_text(ui, it->heading.text, &title,
		  (struct draw_rect){ r.x + r.w / 20, r.y + r.h * 3 / 4,
				      r.w - r.w / 10, 0 });
}

/* Draws a rule across w at y for the captions that follow text in
 * `csize`; returns the space it takes (csize). */
static int caption_rule(struct ui *ui, int x, int y, int w, int csize)
{
	int rule = csize / 10 > 1 ? csize / 10 : 1;

	out_fill_rect(ui->out, x, y + csize / 3, w, rule, UI_PANEL_HI);
	return csize / 3 + csize * 2 / 3;
}

/* Draws the body and the caption page s->cap_page in r at the sizes
 * found. When everything fits, one page: body, a rule, all captions.
 * Else the captions continue on pages the facilitator steps through,
 * each marked "2/3": under the body, or when that takes more pages (or
 * the body leaves less than three lines), alone on the pages after the
 * body's. */
static void draw_captions(struct ui *ui, const struct bundle *b,
			  const struct bundle_item *it,
			  const struct groupslide *s, struct draw_rect r,
			  int bsize, int csize, struct groupslide_sizes *sizes)
{
	const struct bundle *cb = s->cap_bundle;
	int first[PAGE_UNITS_MAX + 2], pages, page, alone = 0, body_h;
	int mark_h, room, tw, y;
	int bottom = r.y + r.h, rtl = b->lang->dir == VV_DIR_RTL;
	const struct draw_style probe = { .size = csize, .max_lines = 1 };

	draw_text_size(ui, "Ag", &probe, 0, &tw, &mark_h);
	body_h = body(ui, b, it, UI_TEXT, r.x, r.y, r.w, bsize, 0, 0);
	if (!sizes->overflow) {
		pages = 1;
		first[0] = 0;
		first[1] = caption_units(s->cap);
		room = 0;
	} else {
		int alone_first[PAGE_UNITS_MAX + 2], alone_pages;

		/* Under the body, or alone on pages after the body's: the
		 * way with fewer pages (under the body needs three lines). */
		room = bottom - (r.y + body_h + csize) - mark_h;
		pages = room >= 3 * mark_h
			? caption_pages(ui, cb, s->cap, r.w, csize, room,
					first)
			: PAGE_UNITS_MAX + 2;
		alone_pages = 1 + caption_pages(ui, cb, s->cap, r.w, csize,
						r.h - mark_h,
						alone_first + 1);
		if (alone_pages < pages) {
			alone = 1;
			pages = alone_pages;
			alone_first[0] = 0;
			memcpy(first, alone_first, sizeof first);
		}
	}
	page = s->cap_page < 0 ? 0 : s->cap_page >= pages ? pages - 1
							  : s->cap_page;
	sizes->cap_pages = pages;
	sizes->cap_page = page;
	y = r.y;
	if (!alone || page == 0)
		y += body(ui, b, it, UI_TEXT, r.x, y, r.w, bsize, 1,
			  pages > 1 ? bottom - mark_h : bottom);
	if (!(alone && page == 0)) {
		if (y > r.y)
			y += caption_rule(ui, r.x, y, r.w, csize);
		captions(ui, cb, s->cap, first[page], first[page + 1], r.x, y,
			 r.w, csize, 1, pages > 1 ? bottom - mark_h : bottom);
	}
	if (pages > 1)
		groupslide_page_mark(ui, page, pages, rtl, r.x, bottom - mark_h,
				     r.w, csize, CAPTION_RGBA);
}

/* The slide's own text does not fit r even at the minimum size: it goes
 * on text pages (whole paragraphs and bullets each, marked "1/3"), and
 * its captions, if any, under the text of the last page when they fit
 * there whole, else on the pages after them. Draws page s->cap_page;
 * returns 0 (drawing nothing) when the text fits one page after all. */
static int draw_text_pages(struct ui *ui, const struct bundle *b,
			   const struct bundle_item *it,
			   const struct groupslide *s, struct draw_rect r,
			   int bsize, int csize, struct groupslide_sizes *sizes)
{
	int h[PAGE_UNITS_MAX], first[PAGE_UNITS_MAX + 2];
	int cfirst[PAGE_UNITS_MAX + 2], n = body_units(it), k, tw, mark_h;
	int bpages, cpages = 0, pages, page, bottom = r.y + r.h;
	int rtl = b->lang->dir == VV_DIR_RTL, shared = 0, last_h = 0, y;
	const struct draw_style probe = { .size = csize, .max_lines = 1 };

	draw_text_size(ui, "Ag", &probe, 0, &tw, &mark_h);
	for (k = 0; k < n; k++)
		h[k] = body_range(ui, b, it, UI_TEXT, r.x, r.y, r.w, bsize, 0,
				  0, (size_t)k, (size_t)k + 1);
	bpages = split_pages(h, n, r.h - mark_h, first);
	if (bpages < 2)
		return 0;
	for (k = first[bpages - 1]; k < n; k++)
		last_h += h[k];
	if (s->cap) {
		int cap_h = captions(ui, s->cap_bundle, s->cap, 0,
				     caption_units(s->cap), r.x, r.y, r.w,
				     csize, 0, 0);

		/* Under the last page's text, after a rule, when all of
		 * them fit there: a page of its own would leave that room
		 * empty and cost the facilitator a key press. */
		shared = last_h + csize + cap_h <= r.h - mark_h;
		if (!shared)
			cpages = caption_pages(ui, s->cap_bundle, s->cap,
					       r.w, csize, r.h - mark_h,
					       cfirst);
	}
	pages = bpages + cpages;
	page = s->cap_page < 0 ? 0 : s->cap_page >= pages ? pages - 1 :
	       s->cap_page;
	sizes->cap_pages = pages;
	sizes->cap_page = page;
	if (page < bpages) {
		y = r.y + body_range(ui, b, it, UI_TEXT, r.x, r.y, r.w, bsize,
				     1, bottom - mark_h, (size_t)first[page],
				     (size_t)first[page + 1]);
		if (shared && page == bpages - 1) {
			y += caption_rule(ui, r.x, y, r.w, csize);
			captions(ui, s->cap_bundle, s->cap, 0,
				 caption_units(s->cap), r.x, y, r.w, csize,
				 1, bottom - mark_h);
		}
	} else
		captions(ui, s->cap_bundle, s->cap, cfirst[page - bpages],
			 cfirst[page - bpages + 1], r.x, r.y, r.w, csize, 1,
			 bottom - mark_h);
	groupslide_page_mark(ui, page, pages, rtl, r.x, bottom - mark_h, r.w,
			     csize, page < bpages &&
			     !(shared && page == bpages - 1) ?
			     UI_TEXT : CAPTION_RGBA);
	return 1;
}

/* The body and caption sizes of step 0 (preferred) to 4 (minimum) for a
 * slide `h` pixels high. */
#define SIZE_STEPS 5
static void step_sizes(int h, int step, int *bsize, int *csize)
{
	*bsize = legible_px(h, LEGIBLE_BODY_PREFERRED - step *
			    (LEGIBLE_BODY_PREFERRED - LEGIBLE_BODY_MIN) /
			    (SIZE_STEPS - 1));
	*csize = legible_px(h, LEGIBLE_CAPTION_PREFERRED - step *
			    (LEGIBLE_CAPTION_PREFERRED - LEGIBLE_CAPTION_MIN) /
			    (SIZE_STEPS - 1));
}

/* What fits_step() measures. */
struct fit_probe {
	struct ui *ui;
	const struct groupslide *s;
	int x, y, w, room, h;
};

/* draw_pick_step()'s measure: body and captions at `step` in the room. */
static int fits_step(void *user, int step)
{
	const struct fit_probe *p = user;
	const struct groupslide *s = p->s;
	int bsize, csize, need;

	step_sizes(p->h, step, &bsize, &csize);
	need = body(p->ui, s->bundle, s->item, UI_TEXT, p->x, p->y, p->w,
		    bsize, 0, 0);
	if (s->cap)
		need += csize + captions(p->ui, s->cap_bundle, s->cap, 0,
					 caption_units(s->cap), p->x, p->y,
					 p->w, csize, 0, 0);
	return need <= p->room;
}

void groupslide_draw(struct ui *ui, struct groupslide_images *images,
		     const struct groupslide *s, struct draw_rect r,
		     struct groupslide_sizes *sizes)
{
	const struct bundle *b = s->bundle;
	const struct bundle_item *it = s->item, *cap = s->cap;
	int x = r.x, y = r.y, w = r.w, h = r.h;
	int margin = h * 5 / 100, rtl, top, bottom, text_x, text_w, step;
	int heading = legible_px(h, LEGIBLE_HEADING), bsize = 0, csize = 0;
	/* A long heading shrinks, down to the body's preferred size,
	 * before it is cut. */
	struct draw_style heading_style = {
		.size = heading, .rgba = UI_TEXT, .bold = 1, .max_lines = 2,
		.min_size = legible_px(h, LEGIBLE_BODY_PREFERRED) };
	struct groupslide_sizes local;

	if (!sizes)
		sizes = &local;
	memset(sizes, 0, sizeof *sizes);
	out_fill_rect(ui->out, x, y, w, h, UI_BG);
	if (!b || !it)
		return;
	rtl = b->lang->dir == VV_DIR_RTL;
	bottom = y + h - margin;
	if (s->progress && b->n_items > 0) {
		int bar = h / 120 > 1 ? h / 120 : 1;
		int done = (int)((long)w * (long)(s->index + 1) /
				 (long)b->n_items);

		out_fill_rect(ui->out, x, y + h - bar, w, bar, UI_PANEL);
		out_fill_rect(ui->out, rtl ? x + w - done : x, y + h - bar,
			      done, bar, UI_ACCENT);
	}
	if (it->kind == BUNDLE_VIDEO) {
		if (ui->video_fn && ui->video_fn(ui->video_user, it, x, y, w,
						 h, 0))
			return;
		video_placeholder(ui, b, it, r);
		return;
	}
	text_x = x + margin;
	text_w = w - 2 * margin;
	heading_style.lang = bundle_text_lang(b, &it->heading);
	top = y + margin + draw_text(ui, it->heading.text, &heading_style,
				     (struct draw_rect){ text_x, y + margin,
							 text_w, 0 });
	top += h * 3 / 100;
	if (it->image) {
		int iw = text_w * 30 / 100;

		draw_picture(ui, images, b, it, (struct draw_rect){
				     rtl ? text_x : text_x + text_w - iw, top,
				     iw, bottom - top },
			     legible_px(h, LEGIBLE_CAPTION_MIN));
		text_w -= iw + margin / 2;
		if (rtl)
			text_x += iw + margin / 2;
	}
	/* The largest of five steps between the preferred and the minimum
	 * sizes at which body and captions fit, smaller while that keeps a
	 * long word whole ("karriereveiledningssamtalen" on a portrait
	 * screen); never below the minimum. */
	{
		struct fit_probe probe = { ui, s, text_x, top, text_w,
					   bottom - top, h };

		step = draw_pick_step(ui, SIZE_STEPS, fits_step, &probe);
	}
	if (step < 0) {
		sizes->overflow = 1;
		step = SIZE_STEPS - 1;
	}
	step_sizes(h, step, &bsize, &csize);
	sizes->heading = heading;
	sizes->body = bsize;
	sizes->cap_pages = 1;
	if (cap)
		sizes->caption = csize;
	if (sizes->overflow &&
	    draw_text_pages(ui, b, it, s, (struct draw_rect){
				    text_x, top, text_w, bottom - top },
			    bsize, csize, sizes))
		return;
	if (!cap) {
		body(ui, b, it, UI_TEXT, text_x, top, text_w, bsize, 1,
		     bottom);
		return;
	}
	draw_captions(ui, b, it, s, (struct draw_rect){ text_x, top, text_w,
							bottom - top },
		      bsize, csize, sizes);
}


