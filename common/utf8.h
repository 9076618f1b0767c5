/* utf8: strict UTF-8 decoding and encoding, the one copy for the whole
 * tree: the builder's .po and subtitle checks, the player's text layout
 * and its JSON log all accept exactly the same text. */
#ifndef VV_COMMON_UTF8_H
#define VV_COMMON_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The replacement character written for malformed input. */
#define UTF8_REPLACEMENT 0xfffdu

/* Decodes the character at s[0..n), n >= 1. Returns its length in bytes
 * (1 to 4) with the code point in *cp, or 0 when the bytes there are no
 * well-formed UTF-8 (an overlong form, a surrogate, above U+10FFFF, a
 * stray continuation byte, or a sequence cut by n); *cp is then
 * UTF8_REPLACEMENT and the caller skips one byte. */
size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp);

/* Writes code point cp (at most U+10FFFF, no surrogate) into out as 1 to
 * 4 bytes and returns how many. */
size_t utf8_put(uint32_t cp, char out[4]);

/* Returns non-zero when s[0..n) is well-formed UTF-8: no overlong forms,
 * no surrogates, nothing above U+10FFFF, no sequence cut at the end. */
int utf8_valid(const unsigned char *s, size_t n);

/* The same for a NUL-terminated string. */
int utf8_valid_str(const char *s);

#endif
