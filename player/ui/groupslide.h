/* groupslide: one slide of the group screen fitted into a rectangle, text
 * sizes relative to its height, with captions in a second language: the
 * room screen shows it large, the presenter console as thumbnails. */
#ifndef VV_PLAYER_UI_GROUPSLIDE_H
#define VV_PLAYER_UI_GROUPSLIDE_H

#include <stddef.h>

#include "common/bundle.h"
#include "player/ui/draw.h"

#define GROUPSLIDE_IMAGES 4

/* Decoded pictures for one renderer: the room shows one slide, the
 * console two (current and next), so one picture per ui would reload
 * every frame. */
struct groupslide_images {
	struct {
		const struct bundle *bundle;
		const struct bundle_member *member;
		struct out_image *image;
		int failed;
		unsigned used;
	} e[GROUPSLIDE_IMAGES];
	unsigned clock;
};

/* Frees every picture; the cache can be used again. */
void groupslide_images_clear(struct groupslide_images *c);

/* What to draw. */
struct groupslide {
	const struct bundle *bundle;
	const struct bundle_item *item;   /* NULL: the ground only */
	size_t index;                     /* item's place, for the progress */
	const struct bundle *cap_bundle;  /* captions' language, or NULL */
	const struct bundle_item *cap;    /* caption item, or NULL */
	int progress;                     /* 1: thin progress bar below */
	int cap_page;                     /* text page to show, from 0 */
};

/* Sizes the slide was drawn at (pixels), and whether the text did not
 * fit at the minimum sizes. */
struct groupslide_sizes {
	int heading, body, caption;
	int overflow;          /* not all on one page at the minimum sizes */
	int cap_pages;         /* text pages: the slide's text, then its
	                        * captions, where they do not fit one page
	                        * (1 when all fits) */
	int cap_page;          /* the one drawn */
};

/* Draws the slide fitted into r: heading, body, picture, and the caption
 * item under the body; text that does not fit at the minimum sizes
 * continues on text pages (s->cap_page), never dropped. Pictures come from (and go into) `images`. A video
 * item goes through ui's video hook, else a placeholder. *sizes (may be
 * NULL) gets the sizes used. */
void groupslide_draw(struct ui *ui, struct groupslide_images *images,
		     const struct groupslide *s, struct draw_rect r,
		     struct groupslide_sizes *sizes);

/* The mark of a text page that more follow or came before: "2/3" and,
 * while more follow, an arrow in the reading direction, at the bottom
 * corner (of the row at y, w wide from x) where the reading ends; in rgba
 * (the colour of the page's text), `size` px high. page counts from 0.
 * The console marks its script's pages with it too. */
void groupslide_page_mark(struct ui *ui, int page, int pages, int rtl,
			  int x, int y, int w, int size, uint32_t rgba);

#endif
