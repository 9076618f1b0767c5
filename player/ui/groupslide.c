/* groupslide: one slide of the group screen laid out in a rectangle:
 * heading, body, picture and captions, sizes relative to its height. */
#include "player/ui/groupslide.h"

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
					.lang = b->lang->code,
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

/* Lays out (and with draw, draws) an item's paragraphs and bullets at
 * `size` in a box `w` wide; returns the height. limit > 0: when drawing,
 * text that would pass y = limit is cut with an ellipsis, and what has
 * no room at all is left out, so nothing runs off the screen. */
static int body(struct ui *ui, const struct bundle_item *it,
		const struct vv_lang *lang, uint32_t rgba, int x, int y,
		int w, int size, int draw, int limit)
{
	char buf[GROUPSLIDE_TEXT];
	int h = 0, th, tw, rtl = lang->dir == VV_DIR_RTL, max;
	int indent = size * 3 / 2;
	struct draw_style st = { .size = size, .rgba = rgba,
				 .lang = lang->code };
	size_t i;

	for (i = 0; i < it->n_paragraphs; i++) {
		strip_tags(it->paragraphs[i].text, buf, sizeof buf);
		max = lines_in(ui, size, limit - y - h, draw && limit > 0);
		if (max < 0)
			return h;
		st.max_lines = draw ? max : 0;
		if (draw)
			th = draw_text(ui, buf, &st,
				       (struct draw_rect){ x, y + h, w, 0 });
		else
			draw_text_size(ui, buf, &st, w, &tw, &th);
		h += th + size / 3;
	}
	for (i = 0; i < it->n_bullets; i++) {
		int tx = rtl ? x : x + indent;

		strip_tags(it->bullets[i].text, buf, sizeof buf);
		max = lines_in(ui, size, limit - y - h, draw && limit > 0);
		if (max < 0)
			return h;
		st.max_lines = draw ? max : 0;
		if (draw) {
			float dot = rtl ? (float)(x + w) - (float)indent / 2 :
				    (float)x + (float)indent / 2;

			out_fill_circle(ui->out, dot, (float)(y + h) +
					(float)size * 0.72f, (float)size / 6,
					rgba == UI_TEXT ? UI_ACCENT : rgba);
			th = draw_text(ui, buf, &st,
				       (struct draw_rect){ tx, y + h,
							   w - indent, 0 });
		} else {
			draw_text_size(ui, buf, &st, w - indent, &tw, &th);
		}
		h += th + size / 4;
	}
	return h;
}

/* The caption block: the heading and body in the second language. */
static int captions(struct ui *ui, const struct bundle *cb,
		    const struct bundle_item *cap, int x, int y, int w,
		    int size, int draw, int limit)
{
	int h, tw = 0, th = 0;
	const struct draw_style st = { .size = size, .rgba = CAPTION_RGBA,
				       .bold = 1, .lang = cb->lang->code,
				       .max_lines = 2 };

	if (draw && limit > 0 && lines_in(ui, size, limit - y, 1) < 1)
		return 0;
	if (draw)
		h = draw_text(ui, cap->heading.text, &st,
			      (struct draw_rect){ x, y, w, 0 });
	else {
		draw_text_size(ui, cap->heading.text, &st, w, &tw, &th);
		h = th;
	}
	h += size / 4;
	return h + body(ui, cap, cb->lang, CAPTION_RGBA, x, y + h, w, size,
			draw, limit);
}

static void video_placeholder(struct ui *ui, const struct bundle *b,
			      const struct bundle_item *it, struct draw_rect r)
{
	const struct draw_style title = {
		.size = legible_px(r.h, LEGIBLE_BODY_MIN), .rgba = UI_TEXT,
		.bold = 1, .align = TEXT_ALIGN_CENTER, .lang = b->lang->code,
		.max_lines = 2 };

	out_fill_rect(ui->out, r.x, r.y, r.w, r.h, 0x000000ffu);
	icon_draw(ui->out, ICON_VIDEO, (float)r.x + (float)r.w / 2,
		  (float)r.y + (float)r.h * 0.42f, (float)r.h * 0.4f,
		  UI_PANEL_HI, 0x000000ffu);
	draw_text(ui, it->heading.text, &title,
		  (struct draw_rect){ r.x + r.w / 20, r.y + r.h * 3 / 4,
				      r.w - r.w / 10, 0 });
}

void groupslide_draw(struct ui *ui, struct groupslide_images *images,
		     const struct groupslide *s, struct draw_rect r,
		     struct groupslide_sizes *sizes)
{
	const struct bundle *b = s->bundle, *cap_b = s->cap_bundle;
	const struct bundle_item *it = s->item, *cap = s->cap;
	int x = r.x, y = r.y, w = r.w, h = r.h;
	int margin = h * 5 / 100, rtl, top, bottom, text_x, text_w, step;
	int heading = legible_px(h, LEGIBLE_HEADING), bsize = 0, csize = 0;
	int rule = h / 300 > 1 ? h / 300 : 1;
	struct draw_style heading_style = { .size = heading, .rgba = UI_TEXT,
					    .bold = 1, .max_lines = 2 };
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
						 h))
			return;
		video_placeholder(ui, b, it, r);
		return;
	}
	text_x = x + margin;
	text_w = w - 2 * margin;
	heading_style.lang = b->lang->code;
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
	 * sizes at which body and captions fit; never below the minimum. */
	for (step = 0; step <= 4; step++) {
		int need;

		bsize = legible_px(h, LEGIBLE_BODY_PREFERRED - step *
				   (LEGIBLE_BODY_PREFERRED -
				    LEGIBLE_BODY_MIN) / 4);
		csize = legible_px(h, LEGIBLE_CAPTION_PREFERRED - step *
				   (LEGIBLE_CAPTION_PREFERRED -
				    LEGIBLE_CAPTION_MIN) / 4);
		need = body(ui, it, b->lang, UI_TEXT, text_x, top, text_w,
			    bsize, 0, 0);
		if (cap)
			need += csize + captions(ui, cap_b, cap, text_x, top,
						 text_w, csize, 0, 0);
		if (need <= bottom - top)
			break;
	}
	if (step > 4)
		sizes->overflow = 1;
	sizes->heading = heading;
	sizes->body = bsize;
	top += body(ui, it, b->lang, UI_TEXT, text_x, top, text_w, bsize, 1,
		    bottom);
	if (cap && top + csize * 2 < bottom) {
		sizes->caption = csize;
		top += csize / 3;
		out_fill_rect(ui->out, text_x, top, text_w, rule, UI_PANEL_HI);
		top += csize * 2 / 3;
		captions(ui, cap_b, cap, text_x, top, text_w, csize, 1,
			 bottom);
	}
}

