/* json: writing JSON text (the builder's --json reports). */
#ifndef VV_COMMON_JSON_H
#define VV_COMMON_JSON_H

#include <stdio.h>

/* Writes `s` to `f` as a JSON string literal, quotes included, escaping
 * '"', '\\', newlines and other control bytes; NULL is written as null.
 * Bytes from 0x80 up pass through: the text is UTF-8 already. */
void json_write_string(FILE *f, const char *s);

#endif
