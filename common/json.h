/* json: JSON text, the one string escaper for the builder's --json
 * reports and the player's event logs. */
#ifndef VV_COMMON_JSON_H
#define VV_COMMON_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Appends `s` as the inside of a JSON string literal (no quotes) to buf,
 * `size` bytes, from offset *len, advancing *len: '"' and '\\' are
 * escaped, newline and tab as \n and \t, other control characters and
 * DEL as \u00XX, and malformed UTF-8 becomes U+FFFD, so the result is
 * always valid JSON. Stops before the first character whose escape would
 * not fit with the terminating NUL, never cutting one; buf stays
 * terminated when *len < size. NULL `s` appends nothing. */
void json_escape(char *buf, size_t size, size_t *len, const char *s);

/* Writes `s` to `f` as a JSON string literal, quotes included, escaped as
 * by json_escape(); NULL is written as null. */
void json_write_string(FILE *f, const char *s);

#endif
