/* layout: one text in one style, laid out once and drawn many times.
 * Lines are filled with shaped widths (HarfBuzz through TTF_SizeUTF8, per
 * run, in the run's direction and script), never with SDL_ttf's own
 * wrapping, which under-fills right-to-left lines. */
#include "player/text/layout.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <linebreak.h>

#include "common/lang.h"
#include "common/utf8.h"
#include "player/text/bidi.h"

#define ELLIPSIS 0x2026u
/* Ends a line where a word too wide for the box is broken: a reader who
 * reads slowly sees that the word goes on. HYPHEN-MINUS, which every
 * face of the table has, unlike U+2010. */
#define HYPHEN 0x2Du

/* What line_add() and itemise() put after a line's text. */
enum line_end {
	LINE_END_NONE,
	LINE_END_ELLIPSIS,      /* text was left out after it */
	LINE_END_HYPHEN,        /* a word goes on on the next line */
};

/* A logical run before reordering. */
struct item {
	int first, count;
	uint8_t level;
	enum font_face face;
	const char *script;
	int bold;
};

struct segment {
	int start, end;         /* code points; end is after trailing spaces */
	int w_trim, w_full;     /* estimated widths without / with them */
};

/* Scratch state of one layout_build() call. */
struct build {
	struct font_set *fonts;
	const struct text_style *style;
	struct text_layout *layout;
	int size_px;
	int max_lines;          /* style.max_lines, within LAYOUT_LINES_MAX */
	enum font_face primary;
	enum font_face *face;   /* per code point, ellipsis and hyphen
				 * included */
	enum font_face *next_face; /* face of the next letter */
	uint8_t *level;         /* per code point, ellipsis included */
	uint8_t *bold;          /* per code point, ellipsis and hyphen
				 * included */
	int *para_level;        /* base level of each code point's paragraph */
	struct item *items;     /* scratch for itemise() */
	int *order;
	uint8_t *item_levels;
	char *utf8;             /* scratch for encoding a run */
	size_t utf8_cap;
	int runs_cap, lines_cap;
};

/* Decodes UTF-8, replacing malformed bytes with U+FFFD, turning CR LF and
 * CR into LF and tabs into spaces, and dropping other control characters.
 * Returns the number of code points written (at most len). */
static int utf8_decode(const unsigned char *s, size_t len, uint32_t *out)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		uint32_t c;
		size_t step = utf8_next(s + i, len - i, &c);

		if (step == 0) {
			out[n++] = UTF8_REPLACEMENT;
			i++;
			continue;
		}
		i += step;
		if (c == '\r') {
			if (i < len && s[i] == '\n')
				continue;
			c = '\n';
		}
		if (c == 0x2028 || c == 0x2029)
			c = '\n';
		if (c == '\t')
			c = ' ';
		if ((c < 0x20 && c != '\n') || (c >= 0x7F && c < 0xA0))
			continue;
		out[n++] = c;
	}
	return n;
}

/* Returns the length of the tag at cps[0..n) when it is one of <b>,
 * </b>, <i>, </i>, else 0; *close is set for a closing tag and *tag to
 * its letter. */
static int markup_tag(const uint32_t *cps, int n, int *close, uint32_t *tag)
{
	int k = 1;

	if (n < 3 || cps[0] != '<')
		return 0;
	*close = cps[1] == '/';
	if (*close)
		k++;
	if (k + 1 >= n || (cps[k] != 'b' && cps[k] != 'i') ||
	    cps[k + 1] != '>')
		return 0;
	*tag = cps[k];
	return k + 2;
}

/* With style.markup, removes <b> and <i> tags (as slide paragraphs keep
 * them) from cps[0..n) in place, marking what <b> encloses bold; <i>
 * draws in the regular style, since the Arabic and Ethiopic faces have no
 * italic. Fills bold[] for what is left and returns its length. */
static int markup_strip(uint32_t *cps, int n, const struct text_style *style,
			uint8_t *bold)
{
	int i, o = 0, depth = 0;

	for (i = 0; i < n; i++) {
		int close = 0, len;
		uint32_t tag = 0;

		len = style->markup ? markup_tag(cps + i, n - i, &close, &tag)
				    : 0;
		if (len) {
			if (tag == 'b')
				depth += close ? (depth > 0 ? -1 : 0) : 1;
			i += len - 1;
			continue;
		}
		bold[o] = style->bold || depth > 0;
		cps[o++] = cps[i];
	}
	return o;
}

/* Drops combining marks past LAYOUT_MARKS_MAX in a row from cps[0..n)
 * (and bold[] with them), in place; returns the length left. HarfBuzz
 * positions a stack of marks in time that grows faster than their
 * number, and SDL_ttf draws the stack as a tower over the screen: one
 * letter with 50,000 marks took 30 s. No language of the table puts more
 * than three on a letter. */
static int marks_cap(uint32_t *cps, uint8_t *bold, int n)
{
	int i, o = 0, run = 0;

	for (i = 0; i < n; i++) {
		if (fribidi_get_bidi_type(cps[i]) == FRIBIDI_TYPE_NSM) {
			if (++run > LAYOUT_MARKS_MAX)
				continue;
		} else {
			run = 0;
		}
		bold[o] = bold[i];
		cps[o++] = cps[i];
	}
	return o;
}

/* Writes cps[0..n) as UTF-8 into the build's scratch buffer. Returns it,
 * or NULL on allocation failure. */
static const char *utf8_encode(struct build *b, const uint32_t *cps, int n)
{
	size_t need = (size_t)n * 4 + 1, o = 0;
	int i;

	if (need > b->utf8_cap) {
		char *p = realloc(b->utf8, need);

		if (!p)
			return NULL;
		b->utf8 = p;
		b->utf8_cap = need;
	}
	for (i = 0; i < n; i++)
		o += utf8_put(cps[i], b->utf8 + o);
	b->utf8[o] = '\0';
	return b->utf8;
}

/* Characters that draw nothing on purpose: a font need not have them. */
static int is_ignorable(uint32_t c)
{
	return c == 0xAD || c == 0x34F || c == 0x61C || c == 0x180E ||
	       (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF ||
	       (c >= 0xFE00 && c <= 0xFE0F) || c == '\n';
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == 0x1680 || (c >= 0x2000 && c <= 0x200B &&
					   c != 0x2007) ||
	       c == 0x205F || c == 0x3000;
}

/* Combining marks must stay with their base when a word is split. */
static int is_mark(uint32_t c)
{
	return fribidi_get_bidi_type(c) == FRIBIDI_TYPE_NSM ||
	       c == 0x200C || c == 0x200D;
}

/* Returns the first face, in order of preference, that has `c`. */
static enum font_face face_pick(struct build *b, const enum font_face *pref,
				int n_pref, uint32_t c)
{
	static const enum font_face all[] = {
		FONT_FACE_SANS, FONT_FACE_NASKH, FONT_FACE_ETHIOPIC,
		FONT_FACE_NASTALIQ,
	};
	int i;

	for (i = 0; i < n_pref; i++)
		if (pref[i] != FONT_FACE_NONE &&
		    font_set_provides(b->fonts, pref[i], c))
			return pref[i];
	for (i = 0; i < (int)(sizeof all / sizeof all[0]); i++)
		if (font_set_provides(b->fonts, all[i], c))
			return all[i];
	return FONT_FACE_NONE;
}

/* Chooses a face per code point: a script's own face for its letters,
 * the neighbours' face for spaces, digits, punctuation and marks, and a
 * fallback face for anything the first choice lacks. Counts the code
 * points that no face has. */
static void assign_faces(struct build *b)
{
	struct text_layout *l = b->layout;
	int i, n = l->n_cps;
	enum font_face next = FONT_FACE_NONE, last_letter = FONT_FACE_NONE;

	for (i = 0; i < n; i++) {
		enum font_face want[2] = { font_face_of_char(l->cps[i]),
					   FONT_FACE_NONE };

		/* A language with a face of its own for its script (Urdu's
		 * Nastaliq) takes it, and the script's face where it has
		 * no glyph. */
		if (want[0] == FONT_FACE_NASKH &&
		    b->primary == FONT_FACE_NASTALIQ) {
			want[0] = FONT_FACE_NASTALIQ;
			want[1] = FONT_FACE_NASKH;
		}
		b->face[i] = FONT_FACE_NONE;
		if (want[0] != FONT_FACE_NONE) {
			b->face[i] = face_pick(b, want, 2, l->cps[i]);
			if (b->face[i] == FONT_FACE_NONE) {
				l->missing++;
				/* FONT_FACE_COUNT marks "resolved, missing". */
				b->face[i] = FONT_FACE_COUNT;
			}
		}
	}
	/* The face of the next letter in the paragraph, right to left. */
	for (i = n - 1; i >= 0; i--) {
		b->next_face[i] = next;
		if (l->cps[i] == '\n')
			next = FONT_FACE_NONE;
		else if (b->face[i] != FONT_FACE_NONE &&
			 b->face[i] != FONT_FACE_COUNT)
			next = b->face[i];
	}
	for (i = 0; i < n; i++) {
		uint32_t c = l->cps[i];
		enum font_face prev = FONT_FACE_NONE, pref[4];
		enum font_face got;

		if (c == '\n')
			last_letter = FONT_FACE_NONE;
		if (i > 0 && l->cps[i - 1] != '\n')
			prev = b->face[i - 1];
		if (b->face[i] == FONT_FACE_COUNT) {
			/* Drawn as .notdef by a neighbour's face. */
			b->face[i] = prev != FONT_FACE_NONE ? prev : b->primary;
			continue;
		}
		if (b->face[i] != FONT_FACE_NONE) {
			last_letter = b->face[i];
			continue;
		}
		/* Digits take the face of the words they follow, so "2024"
		 * looks alike all through an Arabic paragraph (Noto Naskh
		 * has digits) and goes to Noto Sans in Tigrinya (Noto Sans
		 * Ethiopic has none). Other common characters join the run
		 * they are in. */
		if (c >= '0' && c <= '9') {
			pref[0] = last_letter;
			pref[1] = b->primary;
			pref[2] = prev;
		} else {
			pref[0] = prev;
			pref[1] = b->next_face[i];
			pref[2] = b->primary;
		}
		pref[3] = b->next_face[i];
		got = face_pick(b, pref, 4, c);
		if (got == FONT_FACE_NONE) {
			if (!is_ignorable(c))
				l->missing++;
			got = prev != FONT_FACE_NONE ? prev : b->primary;
		}
		b->face[i] = got;
	}
	b->face[n] = face_pick(b, &b->primary, 1, ELLIPSIS);
	if (b->face[n] == FONT_FACE_NONE)
		b->face[n] = FONT_FACE_SANS;
	b->face[n + 1] = face_pick(b, &b->primary, 1, HYPHEN);
	if (b->face[n + 1] == FONT_FACE_NONE)
		b->face[n + 1] = FONT_FACE_SANS;
}

/* Splits cps[start..end) into logical runs of one face, one bidi level
 * and one script; `tail` adds the ellipsis or the hyphen as a last run
 * (in the face of the letter before a hyphen when it has one). Returns
 * the number of items written to b->items. */
static int itemise(struct build *b, int start, int end, enum line_end tail)
{
	const uint32_t *cps = b->layout->cps;
	int n = 0, i;

	for (i = start; i < end; i++) {
		const char *script = font_script_of_char(cps[i]);
		struct item *it = n ? &b->items[n - 1] : NULL;

		if (it && it->face == b->face[i] &&
		    it->level == b->level[i] && it->bold == b->bold[i] &&
		    (!script || !it->script ||
		     strcmp(script, it->script) == 0)) {
			it->count++;
			if (!it->script)
				it->script = script;
			continue;
		}
		it = &b->items[n++];
		it->first = i;
		it->count = 1;
		it->level = b->level[i];
		it->face = b->face[i];
		it->script = script;
		it->bold = b->bold[i];
	}
	if (tail != LINE_END_NONE) {
		struct item *it = &b->items[n++];
		int e = b->layout->n_cps + (tail == LINE_END_HYPHEN);

		it->first = e;
		it->count = 1;
		it->level = (uint8_t)b->para_level[start];
		it->face = b->face[e];
		it->script = NULL;
		it->bold = b->style->bold;
		if (tail == LINE_END_HYPHEN && end > start) {
			it->bold = b->bold[end - 1];
			if (font_set_provides(b->fonts, b->face[end - 1],
					      HYPHEN))
				it->face = b->face[end - 1];
		}
	}
	for (i = 0; i < n; i++)
		if (!b->items[i].script)
			b->items[i].script = font_face_script(b->items[i].face);
	return n;
}

/* Returns the font for an item, with direction and script set for
 * shaping, or NULL when its face cannot be opened. */
static TTF_Font *item_font(struct build *b, const struct item *it)
{
	TTF_Font *font = font_set_get(b->fonts, it->face, b->size_px,
				      it->bold);

	if (!font)
		return NULL;
	TTF_SetFontDirection(font, (it->level & 1) ? TTF_DIRECTION_RTL
						   : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(font, it->script);
	return font;
}

/* Returns the shaped width of one item in pixels (0 on any failure). */
static int item_width(struct build *b, const struct item *it)
{
	TTF_Font *font = item_font(b, it);
	const char *s;
	int w = 0, h = 0;

	if (!font)
		return 0;
	s = utf8_encode(b, b->layout->cps + it->first, it->count);
	if (!s || TTF_SizeUTF8(font, s, &w, &h) != 0)
		return 0;
	return w;
}

/* Returns the shaped width of cps[start..end), measured run by run. */
static int range_width(struct build *b, int start, int end)
{
	int n = itemise(b, start, end, LINE_END_NONE), i, w = 0;

	for (i = 0; i < n; i++)
		w += item_width(b, &b->items[i]);
	return w;
}

static int trim_end(const uint32_t *cps, int start, int end)
{
	while (end > start && is_space(cps[end - 1]))
		end--;
	return end;
}

/* Appends the line cps[start..end) (trailing spaces dropped) and `tail`,
 * its runs reordered into visual order with their widths. Returns its
 * width, or -1 on allocation failure. */
static int line_add(struct build *b, int start, int end,
		    enum line_end tail)
{
	struct text_layout *l = b->layout;
	struct layout_line *line;
	int n, i, x = 0;

	end = trim_end(l->cps, start, end);
	if (l->n_lines == b->lines_cap) {
		int cap = b->lines_cap ? b->lines_cap * 2 : 8;
		void *p = realloc(l->lines, (size_t)cap * sizeof *l->lines);

		if (!p)
			return -1;
		l->lines = p;
		b->lines_cap = cap;
	}
	n = itemise(b, start, end, tail);
	if (l->n_runs + n > b->runs_cap) {
		int cap = b->runs_cap ? b->runs_cap * 2 : 16;
		void *p;

		while (cap < l->n_runs + n)
			cap *= 2;
		p = realloc(l->runs, (size_t)cap * sizeof *l->runs);
		if (!p)
			return -1;
		l->runs = p;
		b->runs_cap = cap;
	}
	for (i = 0; i < n; i++)
		b->item_levels[i] = b->items[i].level;
	bidi_reorder_runs(b->item_levels, n, b->order);
	line = &l->lines[l->n_lines];
	memset(line, 0, sizeof *line);
	line->first = start;
	line->count = end - start;
	line->rtl = b->para_level[start] & 1;
	line->first_run = l->n_runs;
	for (i = 0; i < n; i++) {
		const struct item *it = &b->items[b->order[i]];
		struct layout_run *r = &l->runs[l->n_runs++];

		memset(r, 0, sizeof *r);
		r->first = it->first;
		r->count = it->count;
		r->level = it->level;
		r->face = it->face;
		r->script = it->script;
		r->bold = it->bold;
		r->line = l->n_lines;
		r->x = x;
		r->w = item_width(b, it);
		x += r->w;
	}
	line->n_runs = n;
	line->w = x;
	l->n_lines++;
	return x;
}

static void line_drop_last(struct text_layout *l)
{
	l->n_lines--;
	l->n_runs = l->lines[l->n_lines].first_run;
}

/* Returns the end of the longest prefix of cps[start..end) that fits in
 * max_w, at least one character (with its marks). */
static int prefix_fit(struct build *b, int start, int end, int max_w)
{
	const uint32_t *cps = b->layout->cps;
	int lo = start + 1, hi = end, fit;
	/* No visible character is narrower than an eighth of the size, so
	 * a line never holds more than this: it keeps a 64 KiB "word" from
	 * costing a shaping of the whole rest of it per line. */
	long most = (long)max_w * 8 / b->size_px + 16;

	if (hi - start > most)
		hi = start + (int)most;

	while (lo < end && is_mark(cps[lo]))
		lo++;
	fit = lo;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, m = mid;

		while (m < end && is_mark(cps[m]))
			m++;
		if (range_width(b, start, m) <= max_w) {
			fit = m;
			lo = m + 1;
		} else {
			hi = mid - 1;
		}
	}
	return fit;
}

/* Returns the shaped width of the hyphen that would end a line whose
 * last character is cps[last]. */
static int hyphen_width(struct build *b, int last)
{
	int n = itemise(b, last, last + 1, LINE_END_HYPHEN);

	return item_width(b, &b->items[n - 1]);
}

/* The word cps[start..end) is wider than max_w: where does its piece on
 * this line end? Returns end when the rest fits whole, else the end of
 * the longest prefix that fits with a hyphen after it (at least one
 * character); *hyphen is set when the piece needs one. */
static int split_word(struct build *b, int start, int end, int max_w,
		      int *hyphen)
{
	int fit = prefix_fit(b, start, end, max_w), hw;

	*hyphen = fit < end;
	if (fit == end)
		return end;
	hw = hyphen_width(b, fit - 1);
	return prefix_fit(b, start, end, max_w - hw);
}

/* Lays out one paragraph cps[start..end) into lines. */
static enum vv_err paragraph_layout(struct build *b, int start, int end,
				    int base_rtl)
{
	struct text_layout *l = b->layout;
	int n = end - start, max_w = b->style->max_width_px;
	struct segment *seg = NULL;
	char *brks = NULL;
	int rtl, n_seg = 0, i, k;
	enum vv_err err;

	if (n == 0) {
		b->para_level[start] = base_rtl == 1;
		return line_add(b, start, start, LINE_END_NONE) < 0 ? VV_ERR_NOMEM : VV_OK;
	}
	err = bidi_paragraph(l->cps + start, n, base_rtl, b->level + start,
			     &rtl);
	if (err != VV_OK)
		return err;
	for (i = start; i < end; i++)
		b->para_level[i] = rtl;
	if (max_w <= 0)
		return line_add(b, start, end, LINE_END_NONE) < 0 ? VV_ERR_NOMEM : VV_OK;

	brks = malloc((size_t)n);
	seg = malloc((size_t)n * sizeof *seg);
	if (!brks || !seg) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	set_linebreaks_utf32(l->cps + start, (size_t)n, b->style->lang, brks);
	for (i = 0, k = start; i < n; i++) {
		if (brks[i] != LINEBREAK_ALLOWBREAK &&
		    brks[i] != LINEBREAK_MUSTBREAK && i != n - 1)
			continue;
		seg[n_seg].start = k;
		seg[n_seg].end = start + i + 1;
		k = start + i + 1;
		n_seg++;
	}
	/* Estimated widths: words are shaped apart, which is exact for
	 * Arabic joining (it never crosses a space) and off by a kerning
	 * pair at most; each line is measured exactly below. */
	for (i = 0; i < n_seg; i++) {
		int t = trim_end(l->cps, seg[i].start, seg[i].end);

		seg[i].w_trim = range_width(b, seg[i].start, t);
		seg[i].w_full = t == seg[i].end
			? seg[i].w_trim
			: seg[i].w_trim + range_width(b, t, seg[i].end);
	}
	k = 0;
	/* Lines past the limit would only be dropped by ellipsize(). */
	while (k < n_seg && l->n_lines <= b->max_lines) {
		int j = k, acc = 0, w;

		while (j < n_seg) {
			if (j > k && acc + seg[j].w_trim > max_w)
				break;
			acc += seg[j].w_full;
			j++;
		}
		if (j == k + 1 && seg[k].w_trim > max_w) {
			/* One word wider than the box: split it, each
			 * piece but the last ending with a hyphen. */
			int s = seg[k].start;
			int e = trim_end(l->cps, s, seg[k].end);

			l->broken++;
			while (s < e && l->n_lines <= b->max_lines) {
				int hyphen;
				int cut = split_word(b, s, e, max_w, &hyphen);

				if (line_add(b, s, cut == e ? seg[k].end : cut,
					     hyphen ? LINE_END_HYPHEN
						    : LINE_END_NONE) < 0) {
					err = VV_ERR_NOMEM;
					goto out;
				}
				s = cut;
			}
			k++;
			continue;
		}
		for (;;) {
			w = line_add(b, seg[k].start, seg[j - 1].end,
				     LINE_END_NONE);
			if (w < 0) {
				err = VV_ERR_NOMEM;
				goto out;
			}
			if (w <= max_w || j == k + 1)
				break;
			line_drop_last(l);
			j--;
		}
		k = j;
	}
	err = VV_OK;
out:
	free(brks);
	free(seg);
	return err;
}

/* Cuts the block to b->max_lines, ending the last line kept with an
 * ellipsis that fits in the width. */
static enum vv_err ellipsize(struct build *b)
{
	struct text_layout *l = b->layout;
	int max_w = b->style->max_width_px, start, end;

	if (l->n_lines <= b->max_lines)
		return VV_OK;
	l->cut = 1;
	while (l->n_lines > b->max_lines)
		line_drop_last(l);
	start = l->lines[l->n_lines - 1].first;
	end = start + l->lines[l->n_lines - 1].count;
	line_drop_last(l);
	for (;;) {
		int w = line_add(b, start, end, LINE_END_ELLIPSIS), p;

		if (w < 0)
			return VV_ERR_NOMEM;
		if (max_w <= 0 || w <= max_w || end <= start)
			return VV_OK;
		line_drop_last(l);
		/* Give back a word, or a character when there is one word. */
		for (p = end - 1; p > start && !is_space(l->cps[p - 1]); p--)
			;
		if (p > start) {
			end = trim_end(l->cps, start, p);
		} else {
			end--;
			while (end > start && is_mark(l->cps[end]))
				end--;
		}
	}
}

/* Places lines vertically and aligns them in the box. */
static void place(struct build *b)
{
	struct text_layout *l = b->layout;
	TTF_Font *pf = font_set_get(b->fonts, b->primary, b->size_px,
				    b->style->bold);
	int i, j, y = 0, box_w = b->style->max_width_px;
	int rise = font_set_baseline_rise(b->fonts, b->primary, b->size_px,
					  b->style->bold);

	if (box_w <= 0)
		for (i = 0, box_w = 0; i < l->n_lines; i++)
			if (l->lines[i].w > box_w)
				box_w = l->lines[i].w;
	for (i = 0; i < l->n_lines; i++) {
		struct layout_line *line = &l->lines[i];
		int asc = pf ? TTF_FontAscent(pf) : b->size_px;
		int desc = pf ? -TTF_FontDescent(pf) : b->size_px / 4;
		int skip = pf ? TTF_FontLineSkip(pf) : b->size_px * 5 / 4;
		int right, x;

		for (j = 0; j < line->n_runs; j++) {
			const struct layout_run *r = &l->runs[line->first_run
							       + j];
			TTF_Font *f = font_set_get(b->fonts, r->face,
						   b->size_px, r->bold);
			/* How far this run goes down to meet the primary
			 * face's letters on one visual baseline. */
			int shift = font_set_baseline_rise(b->fonts, r->face,
							   b->size_px,
							   r->bold) - rise;

			if (!f)
				continue;
			if (TTF_FontAscent(f) - shift > asc)
				asc = TTF_FontAscent(f) - shift;
			if (-TTF_FontDescent(f) + shift > desc)
				desc = -TTF_FontDescent(f) + shift;
		}
		line->h = asc + desc > skip ? asc + desc : skip;
		line->y = y;
		right = (b->style->align == TEXT_ALIGN_START && line->rtl) ||
			(b->style->align == TEXT_ALIGN_END && !line->rtl);
		if (b->style->align == TEXT_ALIGN_CENTER)
			x = (box_w - line->w) / 2;
		else
			x = right ? box_w - line->w : 0;
		if (x < 0)
			x = 0;
		line->x = x;
		for (j = 0; j < line->n_runs; j++) {
			struct layout_run *r = &l->runs[line->first_run + j];
			TTF_Font *f = font_set_get(b->fonts, r->face,
						   b->size_px, r->bold);

			r->x += x;
			r->y = y + asc - (f ? TTF_FontAscent(f) : asc) +
			       font_set_baseline_rise(b->fonts, r->face,
						      b->size_px, r->bold) -
			       rise;
			r->h = f ? TTF_FontHeight(f) : line->h;
		}
		y += line->h;
	}
	l->w = box_w;
	l->h = y;
}

/* Returns 1 when row `row` of a rendered run has ink. */
static int row_inked(const SDL_Surface *s, int row)
{
	const Uint32 *p = (const Uint32 *)((const Uint8 *)s->pixels +
					   (size_t)row * (size_t)s->pitch);
	Uint32 amask = s->format->Amask;
	int x;

	for (x = 0; x < s->w; x++)
		if (p[x] & amask)
			return 1;
	return 0;
}

/* SDL_ttf grows a run's surface past the font height when glyphs (stacked
 * marks) reach above the ascent or below the descent, and then moves the
 * baseline down by the growth on top. Returns that growth, so the run can
 * be raised to keep one baseline: all of it when only the top row has
 * ink, else the part the tallest glyph's own metrics account for. */
static int top_growth(TTF_Font *font, const SDL_Surface *s,
		      const uint32_t *cps, int n)
{
	int extra = s->h - TTF_FontHeight(font), top, bottom, i, est = 0;

	if (extra <= 0 || SDL_LockSurface((SDL_Surface *)s) != 0)
		return 0;
	top = row_inked(s, 0);
	bottom = row_inked(s, s->h - 1);
	SDL_UnlockSurface((SDL_Surface *)s);
	if (!top)
		return 0;
	if (!bottom)
		return extra;
	for (i = 0; i < n; i++) {
		int maxy;

		if (TTF_GlyphMetrics32(font, cps[i], NULL, NULL, NULL, &maxy,
				       NULL) == 0 &&
		    maxy - TTF_FontAscent(font) > est)
			est = maxy - TTF_FontAscent(font);
	}
	return est < extra ? est : extra;
}

size_t layout_render(struct font_set *fonts, SDL_Renderer *renderer,
		     struct text_layout *l)
{
	uint32_t rgba = l->style.rgba;
	SDL_Color color = {
		(Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8),
		255,
	};
	struct build bs, *b = &bs;
	size_t bytes = 0;
	int i;

	if (!renderer || l->rendered)
		return 0;
	l->rendered = 1;
	memset(b, 0, sizeof *b);
	b->fonts = fonts;
	b->style = &l->style;
	b->layout = l;
	b->size_px = l->size_px;
	for (i = 0; i < l->n_runs; i++) {
		struct layout_run *r = &l->runs[i];
		struct item it = {
			r->first, r->count, r->level, r->face, r->script,
			r->bold,
		};
		TTF_Font *font;
		SDL_Surface *s;
		const char *text;

		if (r->w <= 0)
			continue;
		font = item_font(b, &it);
		text = utf8_encode(b, l->cps + r->first, r->count);
		if (!font || !text)
			continue;
		s = TTF_RenderUTF8_Blended(font, text, color);
		if (!s)
			continue;
		r->texture = SDL_CreateTextureFromSurface(renderer, s);
		r->w = s->w;
		r->h = s->h;
		r->top_growth = top_growth(font, s, l->cps + r->first,
					   r->count);
		SDL_FreeSurface(s);
		if (!r->texture)
			continue;
		bytes += (size_t)r->w * (size_t)r->h * 4;
		SDL_SetTextureBlendMode(r->texture, SDL_BLENDMODE_BLEND);
		SDL_SetTextureAlphaMod(r->texture, (Uint8)(rgba & 0xFF));
	}
	free(b->utf8);
	l->texture_bytes = bytes;
	return bytes;
}

size_t layout_unrender(struct text_layout *l)
{
	size_t bytes = l->texture_bytes;
	int i;

	for (i = 0; i < l->n_runs; i++) {
		if (l->runs[i].texture)
			SDL_DestroyTexture(l->runs[i].texture);
		l->runs[i].texture = NULL;
	}
	l->rendered = 0;
	l->texture_bytes = 0;
	return bytes;
}

static enum vv_err build_alloc(struct build *b, int n)
{
	size_t m = (size_t)n + 2;   /* the ellipsis and the hyphen */

	b->face = malloc(m * sizeof *b->face);
	b->next_face = malloc(m * sizeof *b->next_face);
	b->level = calloc(m, sizeof *b->level);
	b->para_level = calloc(m, sizeof *b->para_level);
	b->items = malloc(m * sizeof *b->items);
	b->order = malloc(m * sizeof *b->order);
	b->item_levels = malloc(m * sizeof *b->item_levels);
	if (!b->face || !b->next_face || !b->level || !b->para_level ||
	    !b->items ||
	    !b->order || !b->item_levels)
		return VV_ERR_NOMEM;
	return VV_OK;
}

static void build_free(struct build *b)
{
	free(b->face);
	free(b->bold);
	free(b->next_face);
	free(b->level);
	free(b->para_level);
	free(b->items);
	free(b->order);
	free(b->item_levels);
	free(b->utf8);
}

/* Lays out at size_px (already within bounds); see layout_build(). */
static enum vv_err build_at(struct font_set *fonts, const char *utf8,
			    const struct text_style *style, int size_px,
			    struct text_layout **out)
{
	struct build b;
	struct text_layout *l;
	const struct vv_lang *lang;
	size_t len;
	int base_rtl = -1, i, start;
	enum vv_err err;

	*out = NULL;
	if (!utf8)
		utf8 = "";
	len = strnlen(utf8, LAYOUT_TEXT_MAX);
	/* A text cut at the cap is cut between characters, not inside one
	 * (which would show a replacement box at the end). */
	if (len == LAYOUT_TEXT_MAX)
		while (len > 0 && ((unsigned char)utf8[len] & 0xC0) == 0x80)
			len--;
	memset(&b, 0, sizeof b);
	l = calloc(1, sizeof *l);
	if (!l)
		return VV_ERR_NOMEM;
	l->style = *style;
	l->text = malloc(len + 1);
	l->style.lang = style->lang ? strdup(style->lang) : NULL;
	l->cps = malloc((len + 2) * sizeof *l->cps);
	if (!l->text || (style->lang && !l->style.lang) || !l->cps) {
		layout_free(l);
		return VV_ERR_NOMEM;
	}
	memcpy(l->text, utf8, len);
	l->text[len] = '\0';
	l->n_cps = utf8_decode((const unsigned char *)utf8, len, l->cps);
	b.bold = malloc((size_t)l->n_cps + 2);
	if (!b.bold) {
		layout_free(l);
		return VV_ERR_NOMEM;
	}
	l->n_cps = markup_strip(l->cps, l->n_cps, style, b.bold);
	l->n_cps = marks_cap(l->cps, b.bold, l->n_cps);
	l->cps[l->n_cps] = ELLIPSIS;
	l->cps[l->n_cps + 1] = HYPHEN;
	b.bold[l->n_cps] = style->bold ? 1 : 0;
	b.bold[l->n_cps + 1] = b.bold[l->n_cps];

	b.fonts = fonts;
	b.style = &l->style;
	b.layout = l;
	b.size_px = size_px;
	l->size_px = b.size_px;
	b.max_lines = style->max_lines > 0 && style->max_lines < LAYOUT_LINES_MAX
		    ? style->max_lines : LAYOUT_LINES_MAX;
	lang = lang_find(style->lang);
	if (lang) {
		base_rtl = lang->dir == VV_DIR_RTL;
		b.primary = font_face_for_family(lang->font_family,
						 lang->script);
	} else {
		b.primary = FONT_FACE_SANS;
		for (i = 0; i < l->n_cps; i++)
			if (font_face_of_char(l->cps[i]) != FONT_FACE_NONE) {
				b.primary = font_face_of_char(l->cps[i]);
				break;
			}
	}
	if (!font_set_has_face(fonts, b.primary))
		b.primary = FONT_FACE_SANS;
	err = build_alloc(&b, l->n_cps);
	if (err != VV_OK)
		goto fail;
	assign_faces(&b);
	for (start = 0, i = 0; i <= l->n_cps && l->n_lines <= b.max_lines;
	     i++) {
		if (i < l->n_cps && l->cps[i] != '\n')
			continue;
		err = paragraph_layout(&b, start, i, base_rtl);
		if (err != VV_OK)
			goto fail;
		start = i + 1;
	}
	l->rtl = l->n_lines ? l->lines[0].rtl : base_rtl == 1;
	err = ellipsize(&b);
	if (err != VV_OK)
		goto fail;
	place(&b);
	build_free(&b);
	*out = l;
	return VV_OK;
fail:
	build_free(&b);
	layout_free(l);
	return err;
}

static int size_bound(int px)
{
	return px < 4 ? 4 : px > 1000 ? 1000 : px;
}

/* Returns 1 when `l` would look better smaller: cut to its max_lines, or
 * with a word broken inside (a reader who reads slowly may not join the
 * pieces again). */
static int too_big(const struct text_layout *l)
{
	return (l->cut && l->style.max_lines > 0) || l->broken;
}

enum vv_err layout_build(struct font_set *fonts, const char *utf8,
			 const struct text_style *style,
			 struct text_layout **out)
{
	int size = size_bound(style->size_px), floor, step;
	struct text_layout *l;
	enum vv_err err;

	err = build_at(fonts, utf8, style, size, &l);
	if (err != VV_OK || style->min_size_px <= 0 || !too_big(l))
		goto done;
	/* Shrink in steps of a sixteenth (at most about 16 tries, each
	 * bounded like any layout) until it fits, or to the floor. */
	floor = size_bound(style->min_size_px);
	step = size / 16 > 1 ? size / 16 : 1;
	while (too_big(l) && size > floor) {
		struct text_layout *smaller;

		size = size - step > floor ? size - step : floor;
		err = build_at(fonts, utf8, style, size, &smaller);
		if (err != VV_OK)
			break;
		layout_free(l);
		l = smaller;
	}
done:
	if (err != VV_OK) {
		layout_free(l);
		l = NULL;
	}
	*out = l;
	return err;
}

void layout_free(struct text_layout *layout)
{
	if (!layout)
		return;
	layout_unrender(layout);
	free(layout->runs);
	free(layout->lines);
	free(layout->cps);
	free(layout->text);
	free((char *)layout->style.lang);
	free(layout);
}
