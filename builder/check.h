/* check: the quality report of `veiviser-build check`: coverage per
 * language and level, and the text and media problems a translator or
 * author should fix. The comparison helpers are exported for tests. */
#ifndef VV_BUILDER_CHECK_H
#define VV_BUILDER_CHECK_H

#include <stddef.h>

/* Returns the length of s in characters (UTF-8 code points), not
 * counting the <b>, </b>, <i>, </i> tags. */
size_t check_text_length(const char *s);

/* Compares the {placeholders} of source and translation as multisets.
 * Returns 0 when they match; else non-zero and a description of the
 * first difference in why (always terminated). */
int check_placeholders(const char *source, const char *translation,
		       char *why, size_t size);

/* Compares the counts of <b>, </b>, <i> and </i> tags, as check does.
 * Returns 0 when they match; else non-zero and a description in why. */
int check_markup(const char *source, const char *translation, char *why,
		 size_t size);

/* Compares the final punctuation. Arabic-script and Ethiopic marks count
 * as their Latin equivalents (؟ = ?, ، = ,, ؛ = ;, ۔ = ., ። = ., ፧ = ?,
 * ፣ = ,, ፤ = ;). Returns 0 when they agree or the source ends without
 * punctuation; else non-zero and a description in why. */
/* Compares the lines of a subtitle cue of more than one speaker, one
 * line ('\n') a turn (builder/subtitle): returns non-zero with a
 * description in why when the source has more than one line and the
 * translation another number of them (empty lines do not count), else
 * 0. A one-line source leaves the lines to the translator. */
int check_turns(const char *source, const char *translation, char *why,
		size_t size);

int check_end_punctuation(const char *source, const char *translation,
			  char *why, size_t size);

/* Returns non-zero when s shows nothing: only white space and tags. */
int check_is_empty(const char *s);

/* How far over its length budget a text may be and still be shown whole:
 * the player shrinks a text that does not fit (player/text,
 * style.min_size_px) to about 70 % of its size, which holds twice the
 * characters. Longer, it would be cut or draw over the buttons. */
#define CHECK_FIT_FACTOR 2

/* Returns non-zero when one of the two texts starts or ends with a line
 * break and the other does not (msgfmt -c's rule), with the reason in
 * why. */
int check_newlines(const char *source, const char *translation,
		   char *why, size_t size);

/* What may be shipped of a translation. */
enum check_verdict {
	CHECK_SHIP,       /* no problem */
	CHECK_SHIP_LONG,  /* over its budget, but the player fits it */
	CHECK_REFUSE,     /* an error: the source text is shipped instead */
};

/* The one rule that check reports and build applies: a translation with
 * a placeholder, markup or line break error, that shows nothing, or that
 * is over CHECK_FIT_FACTOR times its budget (0: none) is refused. Returns the
 * verdict; for anything but CHECK_SHIP, *kind ("empty", "placeholder",
 * "markup", "newline", "length"; static) and why say what is wrong. */
enum check_verdict check_translation(const char *source,
				     const char *translation, size_t budget,
				     const char **kind, char *why,
				     size_t size);

#endif
