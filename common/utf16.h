/* utf16: UTF-16 text as Windows tools save it (Notepad's "Unicode",
 * subtitle editors), turned into the UTF-8 the rest of the tree reads. */
#ifndef VV_COMMON_UTF16_H
#define VV_COMMON_UTF16_H

#include <stddef.h>

#include "common/err.h"

/* The byte order of UTF-16 text. */
enum utf16_order {
	UTF16_NONE, /* not UTF-16 (no byte order mark) */
	UTF16_LE,   /* little-endian: starts FF FE (Notepad's "Unicode") */
	UTF16_BE,   /* big-endian: starts FE FF */
};

/* What utf16_to_utf8() found wrong. */
enum utf16_fault {
	UTF16_FAULT_NONE,
	UTF16_FAULT_SURROGATE, /* half of a surrogate pair, alone */
	UTF16_FAULT_CUT,       /* the text ends inside a unit or a pair */
	UTF16_FAULT_NUL,       /* a U+0000, which no text file holds */
};

/* Returns the byte order that the byte order mark at the start of
 * s[0..n) gives, or UTF16_NONE when there is none. */
enum utf16_order utf16_bom(const unsigned char *s, size_t n);

/* Whether s starts with a UTF-32 byte order mark (FF FE 00 00 or
 * 00 00 FE FF). Test it before utf16_bom(), which takes FF FE 00 00 for
 * UTF-16's. */
int utf32_bom(const unsigned char *s, size_t n);

/* Returns non-zero when s[0..n), without a byte order mark, still looks
 * like UTF-16: in its first 4096 bytes, NUL bytes are at least a quarter
 * of them and nine in ten of those fall on the same side of a unit (the
 * high bytes of Latin, Cyrillic or Arabic letters). Binary data with NUL
 * bytes here and there does not. */
int utf16_looks_like(const unsigned char *s, size_t n);

/* Converts the UTF-16 text s[0..n) (the byte order mark, if any, already
 * skipped) in byte order `order` to UTF-8. Returns VV_OK with a new
 * NUL-terminated buffer in *out (free() it) and its length in *len.
 * Returns VV_ERR_FORMAT with the fault in *fault and its line in *line
 * (from 1; LF, CR and CRLF each end a line); VV_ERR_LIMIT when the UTF-8
 * would be longer than `max` bytes; VV_ERR_NOMEM. *out is NULL on
 * failure. Borrows s; prints nothing. */
enum vv_err utf16_to_utf8(const unsigned char *s, size_t n,
			  enum utf16_order order, size_t max, char **out,
			  size_t *len, enum utf16_fault *fault, long *line);

#endif
