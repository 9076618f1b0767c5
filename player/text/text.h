/* text: lays out and draws UTF-8 text in any script of the language table:
 * FriBidi for bidi, libunibreak for line breaks, a font per script with
 * per-character fallback, SDL2_ttf (HarfBuzz) for shaping per run.
 * Callers outside player/text and player/out never see SDL types: the
 * renderer is passed as an opaque pointer. Not thread-safe: use an engine
 * from the thread that owns its renderer. */
#ifndef VV_PLAYER_TEXT_H
#define VV_PLAYER_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "player/text/text_style.h"

struct text_engine;
struct text_layout;

/* Creates an engine drawing on `sdl_renderer` (an SDL_Renderer *,
 * borrowed; NULL lays out and measures without drawing), loading fonts
 * from font_dir (NULL: the Debian Noto paths). Returns
 * VV_OK, or VV_ERR_FONT after logging which font file is missing; a
 * missing fallback font is logged and skipped, not fatal, as long as the
 * Latin font loads. Free with text_engine_free(). */
enum vv_err text_engine_new(void *sdl_renderer, const char *font_dir,
			    struct text_engine **out);
void text_engine_free(struct text_engine *engine);

/* Returns a layout of `utf8` in `style`, from the engine's cache when the
 * same text and style were laid out before (the cache owns it: do not
 * free; it stays valid until text_engine_free() or text_engine_trim()).
 * Returns NULL on allocation failure, or when engine or style is NULL. */
const struct text_layout *text_layout(struct text_engine *engine,
				      const char *utf8,
				      const struct text_style *style);

/* Size of the laid-out block in pixels: w is style.max_width_px when set,
 * else the widest line; h is the lines' heights added up. NULL: 0 x 0. */
void text_layout_size(const struct text_layout *layout, int *w, int *h);

/* Number of lines after wrapping (an empty text is one empty line). */
int text_layout_lines(const struct text_layout *layout);

/* Writes the left edge and width (in the block) of what the lines cover,
 * without the box's empty margins and trailing spaces; 0 and 0 for NULL
 * or an empty text. */
void text_layout_extent(const struct text_layout *layout, int *x, int *w);

/* Returns 1 when `utf8` has a letter of ISO 15924 script `script`
 * ("Arab", "Ethi", "Latn", "Cyrl", "Grek"), else 0 (also for NULL).
 * A text in a bundle of a non-Latin script without one of its letters
 * is source text standing in for a translation. */
int text_has_script(const char *utf8, const char *script);

/* Returns 1 when text was left out and an ellipsis ends the block, else
 * 0 (also for NULL). */
int text_layout_cut(const struct text_layout *layout);

/* Returns the number of words broken inside across lines because they
 * are wider than the box even at style.min_size_px (each piece but the
 * last ends with a hyphen); 0 for NULL. */
int text_layout_broken(const struct text_layout *layout);

/* Returns the font size the block was laid out at: style.size_px, or
 * less when it shrank to fit (style.min_size_px); 0 for NULL. */
int text_layout_size_px(const struct text_layout *layout);

/* Number of characters drawn with no glyph in any font (.notdef);
 * characters meant to be invisible (ZWJ, ZWNJ, bidi marks) do not count. */
int text_layout_missing_glyphs(const struct text_layout *layout);

/* Draws the block with its top-left corner at (x, y); alignment applies
 * within style.max_width_px. NULL layout: no-op. The first draw of a
 * layout renders its runs to textures (so layouts only measured cost no
 * texture memory); every later draw only copies them. */
void text_draw(struct text_engine *engine, const struct text_layout *layout,
	       int x, int y);

/* Drops cached layouts not drawn since the last trim. Call once per
 * screen change to keep memory flat on a kiosk that runs for weeks.
 * (A layout returned by text_layout() counts as drawn until the next
 * trim, so one laid out and then trimmed before its first draw survives
 * that trim.) */
void text_engine_trim(struct text_engine *engine);

/* Returns the number of layouts in the engine's cache. */
int text_engine_cached(const struct text_engine *engine);

/* Returns the bytes of texture memory the cached layouts hold now. */
size_t text_engine_texture_bytes(const struct text_engine *engine);

/* Caps the texture memory of cached layouts (default 32 MiB). Past it, a
 * draw that renders a layout frees the textures of the layouts drawn
 * longest ago (not the last 256 draws, so no screen renders every
 * frame); those layouts stay valid and render again when drawn. */
void text_engine_set_texture_budget(struct text_engine *engine,
				    size_t bytes);

/* Returns 1 when the block's first paragraph runs right to left (from
 * style.lang, or detected from the text when lang is NULL), else 0.
 * Callers mirror the rest of a screen with it. */
int text_layout_is_rtl(const struct text_layout *layout);

/* Returns the width of line `line` (0-based) without trailing spaces, or
 * 0 when there is no such line. Width from text_layout_size() is the box:
 * style.max_width_px when set, else the widest line. */
int text_layout_line_width(const struct text_layout *layout, int line);

/* One shaped run, as drawn. Characters are counted in code points of the
 * text after control characters other than newline (and, with markup,
 * the tags) are dropped, CR LF counting as one; first is -1 for an
 * ellipsis added by max_lines, -2 for a hyphen added where a word is
 * broken. */
struct text_run_info {
	int line;            /* 0-based line index */
	int first, count;    /* logical code points the run holds */
	int rtl;             /* shaped right to left */
	int x, y, w, h;      /* in the block, top-left origin */
	const char *font;    /* family, e.g. "Noto Sans"; static */
	const char *script;  /* ISO 15924 code given to HarfBuzz; static */
	int bold;
};

/* Writes up to `cap` runs into out, line by line and leftmost first, and
 * returns the total number of runs (which may exceed cap). */
int text_layout_runs(const struct text_layout *layout,
		     struct text_run_info *out, int cap);

/* Writes the logical index (as in struct text_run_info) of each character
 * of line `line` in visual order, leftmost first, into logical[0..cap);
 * -1 stands for an added ellipsis, -2 for an added hyphen. Returns the number of characters in
 * the line (which may exceed cap), or -1 when there is no such line. */
int text_layout_visual_map(const struct text_layout *layout, int line,
			   int *logical, int cap);

#endif
