/* strbuf: a growable string with a size cap, after curl's dynbuf: text
 * built from untrusted or unbounded input (session records, rendered
 * subtitles) cannot grow past what its owner allows. */
#ifndef VV_COMMON_STRBUF_H
#define VV_COMMON_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *data;   /* NUL-terminated; NULL until something is added */
	size_t len;   /* bytes in data, the NUL not counted */
	size_t cap;   /* bytes allocated */
	size_t max;   /* the cap: len + 1 never passes it */
	int failed;   /* sticks once an allocation failed or max was hit;
	               * later additions are ignored */
};

/* Starts an empty buffer that may hold at most max - 1 bytes. Nothing is
 * allocated yet. */
void strbuf_init(struct strbuf *b, size_t max);

/* Appends n bytes of s (which may hold NULs). On an allocation failure
 * or past the cap, sets b->failed and leaves the text as it was. */
void strbuf_add(struct strbuf *b, const char *s, size_t n);

/* Appends the NUL-terminated string s. */
void strbuf_puts(struct strbuf *b, const char *s);

/* Appends printf-style formatted text, whole or not at all. */
void strbuf_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Hands the text over: returns it (caller frees) with its length in *len
 * (may be NULL), or NULL when the buffer failed, after freeing it. An
 * empty buffer gives "". The buffer is empty afterwards. */
char *strbuf_take(struct strbuf *b, size_t *len);

/* Frees the text; the buffer is empty and usable again. */
void strbuf_free(struct strbuf *b);

#endif
