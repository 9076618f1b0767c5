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
int check_end_punctuation(const char *source, const char *translation,
			  char *why, size_t size);

/* Returns non-zero when s shows nothing: only white space and tags. */
int check_is_empty(const char *s);

#endif
