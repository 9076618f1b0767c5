/* slide: the sequence screen. A slide shows its heading, paragraphs or
 * bullets and picture; a video item shows its film through the video hook
 * or, until that exists, its title. Below: progress and the controls
 * (home, back, replay, pause, next) as icons. Right-to-left languages get
 * the mirror image: text on the right, picture on the left, next on the
 * left pointing left, progress filling from the right. */
#include "player/ui/draw.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "player/ui/screen.h"

/* Mirrors a rectangle's x for right-to-left layouts. */
static int mx(const struct ui *ui, int rtl, int x, int w)
{
	return rtl ? ui->w - x - w : x;
}

static void load_image(struct ui *ui, const struct bundle *b,
		       const struct bundle_item *it)
{
	unsigned char *data = NULL;
	size_t size = 0;

	ui->image_item = it;
	ui->image_failed = 1;
	if (bundle_read_member(b, it->image, &data, &size) != VV_OK)
		return;
	if (out_image_load(ui->out, data, size, it->image->name,
			   &ui->image) == VV_OK)
		ui->image_failed = 0;
	free(data);
}

/* Loads the item's picture unless it is the one loaded; returns 1 when
 * it can be shown, 0 when it could not be read (its alt text stands in). */
static int image_ready(struct ui *ui, const struct bundle *b,
		       const struct bundle_item *it)
{
	if (ui->image_item != it) {
		out_image_free(ui->image);
		ui->image = NULL;
		load_image(ui, b, it);
	}
	return ui->image != NULL;
}

/* Draws the picture fitted into the box, or its alt text when it cannot
 * be shown. */
static void draw_image(struct ui *ui, const struct bundle *b,
		       const struct bundle_item *it, struct draw_rect r)
{
	int iw, ih, dw, dh, u = ui->unit;
	const struct draw_style alt = {
		.size = 3 * u, .rgba = UI_DIM, .align = TEXT_ALIGN_CENTER,
		.lang = bundle_text_lang(b, &it->image_alt), .max_lines = 6,
	};

	if (!image_ready(ui, b, it)) {
		out_fill_round_rect(ui->out, r.x, r.y, r.w, r.h, 2 * u,
				    UI_PANEL);
		draw_note_box(ui, UI_BOX_PICTURE, r);
		draw_text(ui, it->image_alt.text, &alt,
			  (struct draw_rect){ r.x + 2 * u, r.y + 2 * u,
					      r.w - 4 * u, 0 });
		return;
	}
	out_image_size(ui->image, &iw, &ih);
	dw = r.w;
	dh = (int)((long)ih * r.w / iw);
	if (dh > r.h) {
		dh = r.h;
		dw = (int)((long)iw * r.h / ih);
	}
	out_draw_image(ui->out, ui->image, r.x + (r.w - dw) / 2,
		       r.y + (r.h - dh) / 2, dw, dh);
	draw_note_box(ui, UI_BOX_PICTURE, (struct draw_rect){
			      r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2, dw,
			      dh });
}

/* Lays out the body at `size`; returns its height (draw: 1 to draw).
 * Each text is laid out in its own language: a fallback (source text)
 * in the source language's direction. */
static int body(struct ui *ui, const struct bundle *b,
		const struct bundle_item *it, int rtl, int x, int y, int w,
		int size, int draw)
{
	int h = 0, th, tw, bullet;
	size_t i, n = it->n_paragraphs + it->n_bullets;
	int indent = size * 3 / 2;
	/* Paragraphs and bullets keep <b> and <i> as literal tags
	 * (docs/FORMATS.md); the text engine draws <b> bold. */
	struct draw_style st = { .size = size, .rgba = UI_TEXT, .markup = 1 };

	/* In reading order: a paragraph may follow bullets. */
	for (i = 0; i < n; i++) {
		const struct bundle_text *t = bundle_body_text(it, i, &bullet);
		/* A nested bullet (level 2 to 4) moves one indent further in
		 * per level, from the right in RTL, with a smaller dot. */
		int nest = t->level > 1 ? t->level - 1 : 0;
		int in = indent * (nest + 1);
		int tx = rtl ? x : x + in;
		float dot_r = nest ? (float)size / 8 : (float)size / 5;
		const char *buf = t->text;

		st.lang = bundle_text_lang(b, t);
		if (!bullet) {
			if (draw)
				th = draw_text(ui, buf, &st,
					       (struct draw_rect){ x, y + h, w,
								   0 });
			else
				draw_text_size(ui, buf, &st, w, &tw, &th);
			h += th + size / 2;
			continue;
		}
		if (draw) {
			float dot_x = rtl ? (float)(x + w - in) +
					    (float)indent / 2
					  : (float)(x + in) - (float)indent / 2;
			float dot_y = (float)(y + h) + (float)size * 0.75f;

			out_fill_circle(ui->out, dot_x, dot_y, dot_r,
					UI_ACCENT);
			draw_note_box(ui, UI_BOX_ICON, (struct draw_rect){
					      (int)(dot_x - dot_r),
					      (int)(dot_y - dot_r),
					      (int)(2 * dot_r),
					      (int)(2 * dot_r) });
			th = draw_text(ui, buf, &st,
				       (struct draw_rect){ tx, y + h,
							   w - in, 0 });
		} else {
			draw_text_size(ui, buf, &st, w - in, &tw, &th);
		}
		h += th + size / 3;
	}
	return h;
}

/* While narration plays, the current segment fills up to the automatic
 * move on: time made visible without words. The screen is drawn again
 * when the fill has grown a pixel, at the attract screen's gentle rate
 * at most; paused, it is still. */
static void draw_progress(struct ui *ui, const struct nav *nav, int rtl,
			  int y, double now)
{
	const struct bundle *b = nav_bundle(nav);
	int n = (int)b->n_items, cur = (int)nav_item(nav), i;
	int u = ui->unit, x0 = 6 * u, w = ui->w - 12 * u, gap = u / 2 + 1;
	int seg = (w - (n - 1) * gap) / (n ? n : 1);

	double left = nav_advance_in(nav);
	double total = left >= 0 ? left + nav_item_elapsed(nav) : 0;

	draw_note_box(ui, UI_BOX_ICON,
		      (struct draw_rect){ x0, y, w, u + u / 2 });
	for (i = 0; i < n; i++) {
		uint32_t c = i < cur ? UI_ACCENT :
			     i == cur ? UI_TEXT : UI_PANEL;
		int x = x0 + i * (seg + gap);

		out_fill_rect(ui->out, mx(ui, rtl, x, seg), y, seg,
			      u + u / 2, c);
		if (i == cur && total > 0) {
			int done = (int)((double)seg * (1.0 - left / total));
			/* seconds until the fill reaches its next pixel */
			double step = left - total * (1.0 - (double)(done + 1) /
						      (seg > 0 ? seg : 1));

			out_fill_rect(ui->out, rtl ? mx(ui, rtl, x, seg) + seg -
				      done : x, y, done, u + u / 2, UI_ACCENT);
			if (!nav_paused(nav) && done < seg && left > 0)
				draw_wake_at(ui, now + fmax(step,
						1.0 / UI_ATTRACT_FPS));
		}
	}
}

/* A square control button `size` wide at x (before mirroring). */
static void control(struct ui *ui, int rtl, int x, int y, int size,
		    enum icon icon, int primary, enum nav_input in)
{
	struct draw_rect r = { mx(ui, rtl, x, size), y, size, size };

	draw_icon_button(ui, r, icon, primary ? UI_BG : UI_TEXT,
			 primary ? UI_ACCENT : UI_PANEL, in, 0);
}

static void draw_controls(struct ui *ui, const struct nav *nav, int rtl,
			  int y, int size)
{
	int u = ui->unit, gap = 3 * u;
	int group = 4 * size + 3 * gap;
	int gx = (ui->w - group) / 2;
	enum icon back = rtl ? ICON_ARROW_RIGHT : ICON_ARROW_LEFT;
	enum icon next = rtl ? ICON_ARROW_LEFT : ICON_ARROW_RIGHT;

	control(ui, rtl, 6 * u, y, size, ICON_HOME, 0, NAV_IN_HOME);
	control(ui, rtl, gx, y, size, back, 0, NAV_IN_BACK);
	control(ui, rtl, gx + size + gap, y, size, ICON_REPLAY, 0,
		NAV_IN_REPLAY);
	control(ui, rtl, gx + 2 * (size + gap), y, size,
		nav_paused(nav) ? ICON_PLAY : ICON_PAUSE, 0, NAV_IN_PAUSE);
	control(ui, rtl, gx + 3 * (size + gap), y, size, next, 1,
		NAV_IN_NEXT);
}

/* The film in the largest 16:9 box from `top` to `bottom`, or, on a
 * portrait screen, across the width with its subtitles (when they show)
 * in a band under it and its title under that, the three in the middle
 * of the height; there a film narrower than 16:9 (a phone's upright
 * film, a 4:3 one) has a box of its own shape, as tall as that leaves
 * room for. */
static void draw_video(struct ui *ui, const struct bundle *b,
		       const struct bundle_item *it, int top, int bottom)
{
	int u = ui->unit, portrait = ui->h > ui->w;
	int h = bottom - top, w = h * 16 / 9, x, y = top, band = 0, drawn;
	const struct draw_style title = {
		.size = 5 * u, .rgba = UI_TEXT, .bold = 1,
		.align = TEXT_ALIGN_CENTER,
		.lang = bundle_text_lang(b, &it->heading), .max_lines = 2,
		.min_size = 3 * u,
	};
	struct draw_style big = title;

	big.size = 7 * u;
	if (w > ui->w - 12 * u) {
		w = ui->w - 12 * u;
		h = w * 9 / 16;
	}
	x = (ui->w - w) / 2;
	if (portrait) {
		int tw, th, block, subtitled;
		double aspect = ui->video_aspect_fn ?
			ui->video_aspect_fn(ui->video_user, it) : 0;

		subtitled = ui->video_band_fn &&
			    ui->video_band_fn(ui->video_user, it);
		draw_text_size(ui, it->heading.text, &big, w, &tw, &th);
		/* In a 16:9 box across the width, an upright phone film
		 * would be drawn a third as wide as the screen. Its own
		 * shape, short of the room its band and title need. */
		if (aspect > 0) {
			int tall = (int)lround(w / aspect);
			int room = bottom - top - (subtitled ? w * 2 / 5 : 0) -
				   3 * u - th;

			if (tall > room) {
				/* as high as there is room for, and only
				 * as wide as the film is then */
				tall = room;
				if (tall * aspect < w) {
					w = (int)lround(tall * aspect);
					x = (ui->w - w) / 2;
				}
			}
			if (tall > h + h / 50)
				h = tall;
		}
		/* Up to three subtitle lines of a sixteenth of the width,
		 * the most av_video_present_band() draws: a sixth of the
		 * band would be larger. Without subtitles shown there is no
		 * band: the title comes up to the film. */
		band = w * 2 / 5;
		if (band > bottom - top - h)
			band = bottom - top - h > 0 ? bottom - top - h : 0;
		if (!subtitled)
			band = 0;
		/* The room under a film across the width would stay empty
		 * at the foot of a tall screen: film, band and title are
		 * centred in the height instead. */
		block = h + band + 3 * u + th;
		if (block < bottom - top)
			y = top + (bottom - top - block) / 2;
	}
	drawn = ui->video_fn ?
		ui->video_fn(ui->video_user, it, x, y, w, h, band) : 0;
	draw_note_box(ui, UI_BOX_PICTURE,
		      (struct draw_rect){ x, y, w, h + band });
	/* The title, which a landscape film leaves out, fits in the room
	 * under a portrait one (under its band, empty until the first
	 * picture). */
	if (portrait)
		draw_text(ui, it->heading.text, &big,
			  (struct draw_rect){ x, y + h + band + 3 * u, w,
					      0 });
	if (drawn)
		return;
	/* Until the film shows (or when it cannot): a film pictogram, over
	 * the film's title unless that is under the box; nav skips the
	 * item after a few seconds. */
	out_fill_rect(ui->out, x, y, w, h, 0x000000ffu);
	icon_draw(ui->out, ICON_VIDEO, (float)ui->w / 2,
		  (float)y + (float)h * 0.42f, (float)h * 0.4f, UI_PANEL_HI,
		  0x000000ffu);
	if (!portrait)
		draw_text(ui, it->heading.text, &title,
			  (struct draw_rect){ x + 2 * u, y + h * 3 / 4,
					      w - 4 * u, 0 });
}

/* Heading, body, and the space between them at body size `size`: the
 * height of the text block `w` wide (draw: 1 to draw it at x, y). */
static int text_block(struct ui *ui, const struct bundle *b,
		      const struct bundle_item *it, int rtl,
		      const struct draw_style *heading, struct draw_rect r,
		      int size, int draw)
{
	int hw, hh;

	if (draw)
		hh = draw_text(ui, it->heading.text, heading, r);
	else
		draw_text_size(ui, it->heading.text, heading, r.w, &hw, &hh);
	hh += 3 * ui->unit;
	return hh + body(ui, b, it, rtl, r.x, r.y + hh, r.w, size, draw);
}

/* What a slide's text sizes are picked for (draw_pick_step()). */
struct fit_probe {
	struct ui *ui;
	const struct bundle *b;
	const struct bundle_item *it;
	int rtl;
	const struct draw_style *heading;
	struct draw_rect r;
	int largest;        /* body size of step 0; a unit less a step */
	int room;           /* height the text may take */
	int least;          /* the picture's least height (portrait) */
};

/* Landscape: the body at step's size fits the room. */
static int body_fits(void *user, int step)
{
	const struct fit_probe *p = user;

	return body(p->ui, p->b, p->it, p->rtl, p->r.x, p->r.y, p->r.w,
		    p->largest - step * p->ui->unit, 0) <= p->room;
}

/* Portrait: heading and body at step's size leave the picture (if any)
 * at least its least height. */
static int block_fits(void *user, int step)
{
	const struct fit_probe *p = user;

	return p->room - text_block(p->ui, p->b, p->it, p->rtl, p->heading,
				    p->r, p->largest - step * p->ui->unit,
				    0) >= p->least;
}

/* Returns the body size of the step draw_pick_step() picks among the
 * sizes from p->largest down to 3 units, or 3 units when none fits: the
 * largest that fits, smaller while that keeps a long word whole. */
static int pick_size(struct fit_probe *p, int (*fits)(void *, int))
{
	int u = p->ui->unit;
	int step = draw_pick_step(p->ui, (p->largest - 3 * u) / u + 1, fits,
				  p);

	return step < 0 ? 3 * u : p->largest - step * u;
}

/* A portrait screen: the picture across the width at the top, at its own
 * aspect while the text fits under it, then the heading and the body
 * under it in the largest size that fits above `bottom`, from 6 units
 * down. The picture gives up room, down to 40 % of the space, before the
 * body shrinks; under 3 units the body would not be legible, so past
 * that the picture shrinks further (to 20 %). */
static void slide_portrait(struct ui *ui, const struct bundle *b,
			   const struct bundle_item *it, int rtl, int bottom,
			   const struct draw_style *heading)
{
	int u = ui->unit, margin = 6 * u, gap = 3 * u;
	struct draw_rect r = { margin, margin, ui->w - 2 * margin, 0 };
	int room = bottom - margin, size = 6 * u;
	int pic, natural, least, iw, ih;
	struct fit_probe probe = { ui, b, it, rtl, heading, r, size, room,
				   0 };

	if (!it->image) {
		size = pick_size(&probe, block_fits);
		text_block(ui, b, it, rtl, heading, r, size, 1);
		return;
	}
	/* A picture that cannot be read leaves a 4:3 panel with its alt
	 * text. */
	natural = r.w * 3 / 4;
	if (image_ready(ui, b, it)) {
		out_image_size(ui->image, &iw, &ih);
		if (iw > 0)
			natural = (int)((long)ih * r.w / iw);
	}
	least = natural < room * 40 / 100 ? natural : room * 40 / 100;
	probe.room = room - gap;
	probe.least = least;
	size = pick_size(&probe, block_fits);
	pic = room - gap - text_block(ui, b, it, rtl, heading, r, size, 0);
	if (pic > natural)
		pic = natural;
	if (pic < room * 20 / 100)
		pic = room * 20 / 100;
	draw_image(ui, b, it, (struct draw_rect){ r.x, r.y, r.w, pic });
	r.y += pic + gap;
	text_block(ui, b, it, rtl, heading, r, size, 1);
}

static void slide_draw(struct ui *ui, const struct nav *nav, double now)
{
	const struct bundle *b = nav_bundle(nav);
	const struct bundle_item *it = nav_current(nav);
	int u = ui->unit, rtl, margin = 6 * u;
	int ctl = 13 * u > ui->min_target ? 13 * u : ui->min_target;
	int ctl_y = ui->h - ctl - 3 * u, prog_y = ctl_y - 4 * u;
	int top, text_x, text_w, size, bottom;
	/* A long heading shrinks before it is cut, down to the body's
	 * largest size. */
	struct draw_style heading = { .size = 7 * u, .rgba = UI_TEXT,
				      .bold = 1, .max_lines = 2,
				      .min_size = 5 * u };

	if (!b || !it)
		return;
	rtl = b->lang->dir == VV_DIR_RTL;
	heading.lang = bundle_text_lang(b, &it->heading);
	if (it->kind == BUNDLE_VIDEO) {
		draw_video(ui, b, it, 4 * u, prog_y - 3 * u);
	} else if (ui->h > ui->w) {
		slide_portrait(ui, b, it, rtl, prog_y - 3 * u, &heading);
	} else {
		top = margin + draw_text(ui, it->heading.text, &heading,
					 (struct draw_rect){ margin, margin,
							     ui->w - 2 *
							     margin, 0 }) +
		      3 * u;
		text_x = margin;
		text_w = ui->w - 2 * margin;
		bottom = prog_y - 3 * u;
		/* The picture beside the text. */
		if (it->image) {
			int iw = (ui->w - 2 * margin) * 38 / 100;

			draw_image(ui, b, it, (struct draw_rect){
					   mx(ui, rtl, ui->w - margin - iw, iw),
					   top, iw, bottom - top });
			text_w -= iw + 4 * u;
			text_x = mx(ui, rtl, margin, text_w);
		}
		/* The largest size of three that fits the space, smaller
		 * while that keeps a long word whole. */
		{
			struct fit_probe probe = {
				ui, b, it, rtl, &heading,
				{ text_x, top, text_w, 0 }, 5 * u,
				bottom - top, 0 };

			size = pick_size(&probe, body_fits);
		}
		body(ui, b, it, rtl, text_x, top, text_w, size, 1);
	}
	draw_progress(ui, nav, rtl, prog_y, now);
	draw_controls(ui, nav, rtl, ctl_y, ctl);
}

const struct screen screen_slide = { "slide", slide_draw };
