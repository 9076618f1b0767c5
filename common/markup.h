/* markup: the inline tags pack text may carry (<b>, <i> and their end
 * tags; see docs/FORMATS.md), recognised the same way by the builder's
 * checks and subtitle writer and by the group screen. */
#ifndef VV_COMMON_MARKUP_H
#define VV_COMMON_MARKUP_H

#include <stddef.h>

/* Returns the length of the <b>, </b>, <i> or </i> tag that starts at
 * `s` (3 or 4), else 0. `s` must be NUL-terminated. */
size_t markup_tag_len(const char *s);

#endif
