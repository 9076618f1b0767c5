/* group_private: what group.c (room screen, flow) and console.c (presenter
 * console) share: a small picture cache, the slide layout that both the
 * room and the console's thumbnails use, and the console's view. */
#ifndef VV_PLAYER_UI_GROUP_PRIVATE_H
#define VV_PLAYER_UI_GROUP_PRIVATE_H

#include <time.h>

#include "player/core/facilitator.h"
#include "player/ui/ui_private.h"

#define GROUP_IMAGES 4

/* Decoded pictures for one renderer: the room shows one slide, the
 * console two (current and next), so one picture per ui would reload
 * every frame. */
struct group_images {
	struct {
		const struct bundle *bundle;
		const struct bundle_member *member;
		struct out_image *image;
		int failed;
		unsigned used;
	} e[GROUP_IMAGES];
	unsigned clock;
};

/* Frees every picture; the cache can be used again. */
void group_images_clear(struct group_images *c);

/* Sizes the slide was drawn at (pixels), and whether the text did not
 * fit at the minimum sizes. */
struct group_sizes {
	int heading, body, caption;
	int overflow;
};

/* Draws item `it` of `b` fitted into the rectangle, text sizes relative
 * to its height: heading, body, picture, and the caption item `cap` of
 * bundle `cap_b` under the body (both may be NULL). progress: draw the
 * thin progress bar at the bottom. *sizes (may be NULL) gets the sizes
 * used. */
void group_slide_draw(struct ui *ui, struct group_images *images,
		      const struct bundle *b, const struct bundle_item *it,
		      size_t index, const struct bundle *cap_b,
		      const struct bundle_item *cap, int x, int y, int w,
		      int h, int progress, struct group_sizes *sizes);

/* What the presenter console shows. */
struct console_view {
	int picking;                        /* no pack chosen yet */
	const struct bundle *room;          /* the room's bundle */
	const struct bundle_item *current, *next;
	size_t index, total;
	const struct bundle *script_bundle; /* the script's language */
	const struct bundle_item *script_item;
	const char *next_heading;           /* in the script's language */
	double elapsed, item_elapsed;       /* s */
	time_t wall;                        /* the clock shown */
	enum facilitator_phase phase;
	enum facilitator_blank blank;
	const char *digits;
	int bad_number;
	int paused;
	int subtitles;
	const char *captions;               /* language, or NULL */
};

/* Draws the console into the rectangle of `ui`'s screen. overlay: the
 * compact form over the room's slide (single screen), else the full
 * console with the slides small. */
void console_draw(struct ui *ui, struct group_images *images,
		  const struct console_view *v, int x, int y, int w, int h,
		  int overlay);

/* The confirmation and count boxes, drawn on the room screen as well. */
void console_draw_dialog(struct ui *ui, const struct console_view *v,
			 int x, int y, int w, int h);

/* Paragraph text without the <b> and <i> tags the text engine does not
 * draw; writes at most size bytes. */
void group_strip_tags(const char *in, char *out, size_t size);

#endif
