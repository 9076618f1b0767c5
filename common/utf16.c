/* utf16: UTF-16 to UTF-8; see utf16.h. */
#include "common/utf16.h"

#include <stdint.h>
#include <stdlib.h>

#include "common/utf8.h"

enum utf16_order utf16_bom(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return UTF16_LE;
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return UTF16_BE;
	return UTF16_NONE;
}

int utf32_bom(const unsigned char *s, size_t n)
{
	return n >= 4 &&
	       ((s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) ||
		(s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF));
}

int utf16_looks_like(const unsigned char *s, size_t n)
{
	size_t nul[2] = { 0, 0 }, i;

	if (n > 4096)
		n = 4096;
	for (i = 0; i < n; i++)
		if (s[i] == 0)
			nul[i % 2]++;
	if (4 * (nul[0] + nul[1]) < n || n < 2)
		return 0;
	return 10 * nul[0] >= 9 * (nul[0] + nul[1]) ||
	       10 * nul[1] >= 9 * (nul[0] + nul[1]);
}

static uint32_t unit_at(const unsigned char *s, enum utf16_order order)
{
	return order == UTF16_BE ? (uint32_t)s[0] << 8 | s[1]
				 : (uint32_t)s[1] << 8 | s[0];
}

enum vv_err utf16_to_utf8(const unsigned char *s, size_t n,
			  enum utf16_order order, size_t max, char **out,
			  size_t *len, enum utf16_fault *fault, long *line)
{
	size_t i = 0, k = 0;
	uint32_t prev = 0;
	char *buf;

	*out = NULL;
	*len = 0;
	*fault = UTF16_FAULT_NONE;
	*line = 1;
	/* a unit takes at most 3 bytes in UTF-8, a pair of them 4 */
	buf = malloc(n / 2 * 3 + 1);
	if (!buf)
		return VV_ERR_NOMEM;
	while (i < n) {
		uint32_t cp;

		if (n - i < 2) {
			*fault = UTF16_FAULT_CUT;
			break;
		}
		cp = unit_at(s + i, order);
		i += 2;
		if (cp >= 0xDC00 && cp <= 0xDFFF) {
			*fault = UTF16_FAULT_SURROGATE;
			break;
		}
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			uint32_t low;

			if (n - i < 2) {
				*fault = UTF16_FAULT_CUT;
				break;
			}
			low = unit_at(s + i, order);
			if (low < 0xDC00 || low > 0xDFFF) {
				*fault = UTF16_FAULT_SURROGATE;
				break;
			}
			i += 2;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
		}
		if (cp == 0) {
			*fault = UTF16_FAULT_NUL;
			break;
		}
		if (cp == '\r' || (cp == '\n' && prev != '\r'))
			++*line;
		prev = cp;
		k += utf8_put(cp, buf + k);
		if (k > max) {
			free(buf);
			return VV_ERR_LIMIT;
		}
	}
	if (*fault != UTF16_FAULT_NONE) {
		free(buf);
		return VV_ERR_FORMAT;
	}
	buf[k] = '\0';
	*out = buf;
	*len = k;
	return VV_OK;
}
