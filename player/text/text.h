/* text: lays out and draws UTF-8 text in any script of the language table:
 * FriBidi for bidi, libunibreak for line breaks, a font per script with
 * per-character fallback, SDL2_ttf (HarfBuzz) for shaping per run.
 * Callers outside player/text and player/out never see SDL types: the
 * renderer is passed as an opaque pointer. */
#ifndef VV_PLAYER_TEXT_H
#define VV_PLAYER_TEXT_H

#include <stdint.h>

#include "common/err.h"

struct text_engine;
struct text_layout;

enum text_align {
	TEXT_ALIGN_START,   /* left for LTR paragraphs, right for RTL */
	TEXT_ALIGN_CENTER,
	TEXT_ALIGN_END,
};

struct text_style {
	int size_px;        /* font pixel height; callers derive it from the
	                     * screen height so group screens stay legible */
	uint32_t rgba;      /* 0xRRGGBBAA */
	int bold;
	enum text_align align;
	const char *lang;   /* BCP 47 code: base direction and script hint;
	                     * NULL means detect from the text */
	int max_width_px;   /* wrap width; 0 = one line, no wrapping */
	int max_lines;      /* 0 = unlimited; extra lines end with an ellipsis */
};

/* Creates an engine drawing on `sdl_renderer` (an SDL_Renderer *),
 * loading fonts from font_dir (NULL: the Debian Noto paths). Returns
 * VV_OK, or VV_ERR_FONT after logging which font file is missing; a
 * missing fallback font is logged and skipped, not fatal, as long as the
 * Latin font loads. Free with text_engine_free(). */
enum vv_err text_engine_new(void *sdl_renderer, const char *font_dir,
			    struct text_engine **out);
void text_engine_free(struct text_engine *engine);

/* Returns a layout of `utf8` in `style`, from the engine's cache when the
 * same text and style were laid out before (the cache owns it: do not
 * free; it stays valid until text_engine_free() or text_engine_trim()).
 * Returns NULL only on allocation failure. */
const struct text_layout *text_layout(struct text_engine *engine,
				      const char *utf8,
				      const struct text_style *style);

/* Size of the laid-out block in pixels. */
void text_layout_size(const struct text_layout *layout, int *w, int *h);

/* Number of lines after wrapping. */
int text_layout_lines(const struct text_layout *layout);

/* Number of characters drawn with no glyph in any font (.notdef). */
int text_layout_missing_glyphs(const struct text_layout *layout);

/* Draws the block with its top-left corner at (x, y); alignment applies
 * within style.max_width_px. */
void text_draw(struct text_engine *engine, const struct text_layout *layout,
	       int x, int y);

/* Drops cached layouts not drawn since the last trim. Call once per
 * screen change to keep memory flat on a kiosk that runs for weeks. */
void text_engine_trim(struct text_engine *engine);

#endif
