/* text_style: how a text is to be laid out (size, colour, alignment,
 * language, wrapping), shared by the engine (text) and the layouts it
 * builds (layout) without either including the other's header. */
#ifndef VV_PLAYER_TEXT_STYLE_H
#define VV_PLAYER_TEXT_STYLE_H

#include <stdint.h>

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
	int max_width_px;   /* wrap width; 0 = no wrapping (a newline still
	                     * starts a paragraph on a new line) */
	int max_lines;      /* 0 = up to LAYOUT_LINES_MAX (100); past it,
	                     * the last line kept ends with an ellipsis */
	int markup;         /* 1: <b>..</b> in the text is drawn bold and
	                     * <i>, </i> are dropped (no italic faces for
	                     * Arabic or Ethiopic); 0: all drawn as is */
	int min_size_px;    /* a text with a word wider than max_width_px,
	                     * or (with max_lines) that does not fit in
	                     * max_lines at size_px, is laid out smaller,
	                     * down to this floor, before the word is
	                     * broken (with a hyphen) or the text cut (with
	                     * an ellipsis); 0 = never shrink */
};

#endif
