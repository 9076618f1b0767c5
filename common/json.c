/* json: JSON string escaping; see json.h. */
#include "common/json.h"

#include <string.h>

#include "common/utf8.h"

/* Escapes the character at p[0..n) into out (NUL-terminated). Returns
 * the length written; *used gets the input bytes consumed. */
static size_t escape_one(const unsigned char *p, size_t n, char out[8],
			 size_t *used)
{
	/* A character and the letter that follows the backslash. */
	static const char two[][3] = { "\"\"", "\\\\", "\nn", "\tt" };
	uint32_t cp;
	size_t k, i;

	*used = 1;
	for (i = 0; i < sizeof two / sizeof two[0]; i++) {
		if (*p == (unsigned char)two[i][0]) {
			out[0] = '\\';
			out[1] = two[i][1];
			out[2] = '\0';
			return 2;
		}
	}
	if (*p < 0x20 || *p == 0x7f)
		return (size_t)snprintf(out, 8, "\\u%04x", *p);
	k = utf8_next(p, n, &cp);
	if (k == 0) {
		k = utf8_put(UTF8_REPLACEMENT, out);
	} else {
		memcpy(out, p, k);
		*used = k;
	}
	out[k] = '\0';
	return k;
}

void json_escape(char *buf, size_t size, size_t *len, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0, used, k;
	char tmp[8];

	while (n) {
		k = escape_one(p, n, tmp, &used);
		if (*len + k + 1 > size)
			break;
		memcpy(buf + *len, tmp, k);
		*len += k;
		p += used;
		n -= used;
	}
	if (*len < size)
		buf[*len] = '\0';
}

void json_write_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, used;
	char tmp[8];

	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (n = strlen(s); n; p += used, n -= used) {
		escape_one(p, n, tmp, &used);
		fputs(tmp, f);
	}
	fputc('"', f);
}
