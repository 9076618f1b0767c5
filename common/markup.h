/* markup: the inline tags pack text may carry (<b>, <i> and their end
 * tags; see docs/FORMATS.md), recognised the same way by the builder's
 * checks and subtitle writer and by the group screen, and the one escaper
 * for text the builder writes into XML and WebVTT. */
#ifndef VV_COMMON_MARKUP_H
#define VV_COMMON_MARKUP_H

#include <stddef.h>

#include "common/strbuf.h"

/* Returns the length of the <b>, </b>, <i> or </i> tag that starts at
 * `s` (3 or 4), else 0. `s` must be NUL-terminated. */
size_t markup_tag_len(const char *s);

/* How markup_escape() writes text. */
enum markup_escape_flags {
	MARKUP_KEEP_TAGS = 1, /* copy the tags markup_tag_len() knows as
	                       * they are (WebVTT cue text keeps <b>, <i>) */
	MARKUP_QUOTES = 2,    /* write '"' as &quot; (an XML attribute) */
};

/* Appends the NUL-terminated `s` to `b` with &, < and > written as
 * &amp;, &lt; and &gt; (which XML and WebVTT both read), and each control
 * character, line breaks included, as a space: a line break would end a
 * WebVTT cue, and pack.xml's titles are one line. `flags` is a set of
 * markup_escape_flags. Errors are b's (strbuf: sticky `failed`). */
void markup_escape(struct strbuf *b, const char *s, unsigned flags);

#endif
