/* utf8: strict UTF-8 validation shared by the builder's .po and subtitle
 * readers, so both accept exactly the same text. */
#ifndef VV_COMMON_UTF8_H
#define VV_COMMON_UTF8_H

#include <stddef.h>

/* Returns non-zero when s[0..n) is well-formed UTF-8: no overlong forms,
 * no surrogates, nothing above U+10FFFF, no sequence cut at the end. */
int utf8_valid(const unsigned char *s, size_t n);

/* The same for a NUL-terminated string. */
int utf8_valid_str(const char *s);

#endif
