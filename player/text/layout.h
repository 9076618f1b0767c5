/* layout: turns one text in one style into positioned, rendered runs:
 * itemising by font, script and bidi level, filling lines at libunibreak's
 * break opportunities, reordering each line, rendering each run once. */
#ifndef VV_PLAYER_TEXT_LAYOUT_H
#define VV_PLAYER_TEXT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include <SDL2/SDL.h>

#include "common/err.h"
#include "player/text/font.h"
#include "player/text/text_style.h"

/* Input texts longer than this are cut: no screen shows more. */
#define LAYOUT_TEXT_MAX (64 * 1024)
/* Combining marks kept in a row on one letter; the rest are dropped. */
#define LAYOUT_MARKS_MAX 8
/* Lines laid out at most, whatever style.max_lines says; past it the last
 * line ends with an ellipsis. No screen shows more (100 lines of the
 * smallest text, 2 % of the screen height, fill it twice), and a bound
 * keeps a hostile text from costing seconds of rendering. */
#define LAYOUT_LINES_MAX 100

struct layout_run {
	int first, count;       /* code points in layout->cps */
	uint8_t level;          /* bidi level: odd is shaped right to left */
	enum font_face face;
	const char *script;     /* ISO 15924, static */
	int x, y, w, h;         /* relative to the block's top-left */
	int line;
	SDL_Texture *texture;   /* owned; NULL when there is nothing to draw */
	int top_growth;         /* rows the texture has above the line box */
	int bold;
};

struct layout_line {
	int first, count;       /* code points, trailing spaces trimmed */
	int x, y, w, h;
	int rtl;                /* paragraph direction */
	int first_run, n_runs;  /* runs, leftmost first */
};

struct text_layout {
	/* cache key; text and lang are owned copies */
	char *text;
	struct text_style style;
	uint32_t hash;
	struct text_layout *next;  /* cache bucket chain */
	int used;                  /* laid out or drawn since the last trim */

	uint32_t *cps;             /* decoded text, then U+2026 (the
				    * ellipsis) and U+002D (the hyphen) */
	int n_cps;                 /* without the ellipsis */
	struct layout_line *lines;
	int n_lines;
	struct layout_run *runs;
	int n_runs;
	int w, h;
	int missing;
	int rtl;                   /* direction of the first paragraph */
	int size_px;               /* the size laid out at: style.size_px
				    * within sane bounds, or smaller to fit
				    * (style.min_size_px) */
	int cut;                   /* text left out, an ellipsis added */
	int broken;                /* words broken inside, across lines
				    * (each piece but the last ends with a
				    * hyphen) */
	int rendered;              /* run textures made */
	size_t texture_bytes;      /* their memory, about */
	unsigned long drawn_at;    /* engine draw count at the last draw */
};

/* Lays out `utf8` (borrowed) in `style`: shaped, measured and placed,
 * not yet rendered. Fills *out with a new layout (key fields set, not
 * linked into any cache); free with layout_free(). Returns VV_OK or
 * VV_ERR_NOMEM; characters no font has are counted, not errors. */
enum vv_err layout_build(struct font_set *fonts, const char *utf8,
			 const struct text_style *style,
			 struct text_layout **out);

/* Renders each run of `layout` to a texture on `renderer`, once: later
 * calls return at once. Layouts only measured (never drawn) so cost no
 * texture memory. A run that fails to render is left out of drawing.
 * Returns the bytes of texture memory made (0 when already rendered). */
size_t layout_render(struct font_set *fonts, SDL_Renderer *renderer,
		     struct text_layout *layout);

/* Destroys the layout's textures (the next layout_render() makes them
 * again); the layout stays valid. Returns the bytes freed. */
size_t layout_unrender(struct text_layout *layout);
void layout_free(struct text_layout *layout);

#endif
