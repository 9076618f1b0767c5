/* syncstatus: reads veiviser-sync's status JSON (a flat object of
 * strings, numbers and nulls). */
#include "common/syncstatus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/file.h"

struct cursor {
	const char *p, *end;
};

static void skip_space(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' ||
				 *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int hex4(const char *s, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char ch = s[i];

		*v <<= 4;
		if (ch >= '0' && ch <= '9')
			*v |= (unsigned)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			*v |= (unsigned)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			*v |= (unsigned)(ch - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Appends code point `u` as UTF-8 to out (cap bytes, *n used), dropping
 * what does not fit whole. */
static void put_utf8(char *out, size_t cap, size_t *n, unsigned u)
{
	char b[4];
	size_t k;

	if (u < 0x80) {
		b[0] = (char)u;
		k = 1;
	} else if (u < 0x800) {
		b[0] = (char)(0xc0 | (u >> 6));
		b[1] = (char)(0x80 | (u & 0x3f));
		k = 2;
	} else if (u < 0x10000) {
		b[0] = (char)(0xe0 | (u >> 12));
		b[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		b[2] = (char)(0x80 | (u & 0x3f));
		k = 3;
	} else {
		b[0] = (char)(0xf0 | (u >> 18));
		b[1] = (char)(0x80 | ((u >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((u >> 6) & 0x3f));
		b[3] = (char)(0x80 | (u & 0x3f));
		k = 4;
	}
	if (*n + k < cap) {
		memcpy(out + *n, b, k);
		*n += k;
	}
	out[*n] = '\0';
}

/* Reads a string literal into out (cap bytes; longer ones are cut at a
 * character). Returns 0, or -1 when it is malformed. */
static int read_string(struct cursor *c, char *out, size_t cap)
{
	size_t n = 0;

	out[0] = '\0';
	if (c->p >= c->end || *c->p != '"')
		return -1;
	c->p++;
	while (c->p < c->end && *c->p != '"') {
		unsigned u;

		if ((unsigned char)*c->p < 0x20)
			return -1;
		if (*c->p != '\\') {
			/* UTF-8 bytes are copied whole or not at all. */
			size_t k = 1;

			while (c->p + k < c->end &&
			       ((unsigned char)c->p[k] & 0xc0) == 0x80)
				k++;
			if (n + k < cap) {
				memcpy(out + n, c->p, k);
				n += k;
				out[n] = '\0';
			}
			c->p += k;
			continue;
		}
		if (++c->p >= c->end)
			return -1;
		switch (*c->p++) {
		case '"': u = '"'; break;
		case '\\': u = '\\'; break;
		case '/': u = '/'; break;
		case 'b': u = '\b'; break;
		case 'f': u = '\f'; break;
		case 'n': u = '\n'; break;
		case 'r': u = '\r'; break;
		case 't': u = '\t'; break;
		case 'u':
			if (c->end - c->p < 4 || hex4(c->p, &u) != 0)
				return -1;
			c->p += 4;
			if (u >= 0xd800 && u < 0xdc00) {
				unsigned lo;

				if (c->end - c->p < 6 || c->p[0] != '\\' ||
				    c->p[1] != 'u' || hex4(c->p + 2, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff)
					return -1;
				c->p += 6;
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
			} else if (u >= 0xdc00 && u < 0xe000) {
				return -1;
			}
			break;
		default:
			return -1;
		}
		put_utf8(out, cap, &n, u);
	}
	if (c->p >= c->end)
		return -1;
	c->p++;
	return 0;
}

/* Reads a value: a string into str (when not NULL), a number into *num,
 * or null (*is_null). Returns 0 or -1. */
static int read_value(struct cursor *c, char *str, size_t cap, double *num,
		      int *is_null)
{
	char scratch[8];

	*is_null = 0;
	*num = 0;
	if (c->p < c->end && *c->p == '"')
		return str ? read_string(c, str, cap)
			   : read_string(c, scratch, sizeof scratch);
	if (c->end - c->p >= 4 && strncmp(c->p, "null", 4) == 0) {
		c->p += 4;
		*is_null = 1;
		return 0;
	}
	if (c->p < c->end && (*c->p == '-' || (*c->p >= '0' && *c->p <= '9'))) {
		char num_text[40], *end;
		size_t k = 0;

		while (c->p + k < c->end && k + 1 < sizeof num_text &&
		       strchr("+-.eE0123456789", c->p[k]))
			k++;
		memcpy(num_text, c->p, k);
		num_text[k] = '\0';
		errno = 0;
		*num = strtod(num_text, &end);
		if (errno || *end)
			return -1;
		c->p += k;
		return 0;
	}
	return -1;
}

static enum vv_err parse(const char *text, size_t len, struct sync_status *st)
{
	struct cursor c = { text, text + len };

	skip_space(&c);
	if (c.p >= c.end || *c.p++ != '{')
		return VV_ERR_FORMAT;
	skip_space(&c);
	if (c.p < c.end && *c.p == '}') {
		c.p++;
		goto tail;
	}
	for (;;) {
		char key[40], other[8], *str = NULL;
		size_t cap = sizeof other;
		double num;
		int is_null;

		skip_space(&c);
		if (read_string(&c, key, sizeof key) != 0)
			return VV_ERR_FORMAT;
		skip_space(&c);
		if (c.p >= c.end || *c.p++ != ':')
			return VV_ERR_FORMAT;
		skip_space(&c);
		if (strcmp(key, "last_attempt") == 0) {
			str = st->last_attempt;
			cap = sizeof st->last_attempt;
		} else if (strcmp(key, "last_success") == 0) {
			str = st->last_success;
			cap = sizeof st->last_success;
		} else if (strcmp(key, "last_error") == 0) {
			str = st->last_error;
			cap = sizeof st->last_error;
		} else if (strcmp(key, "error_kind") == 0) {
			str = st->error_kind;
			cap = sizeof st->error_kind;
		}
		if (read_value(&c, str ? str : other, cap, &num, &is_null))
			return VV_ERR_FORMAT;
		if (strcmp(key, "catalogue_version") == 0)
			st->version = (long)num;
		else if (strcmp(key, "bytes") == 0 && num >= 0)
			st->bytes = (unsigned long long)num;
		else if (strcmp(key, "bundles") == 0)
			st->bundles = (long)num;
		skip_space(&c);
		if (c.p < c.end && *c.p == ',') {
			c.p++;
			continue;
		}
		if (c.p < c.end && *c.p == '}') {
			c.p++;
			break;
		}
		return VV_ERR_FORMAT;
	}
tail:
	skip_space(&c);
	return c.p == c.end ? VV_OK : VV_ERR_FORMAT;
}

enum vv_err sync_status_read(const char *path, struct sync_status *st)
{
	char *text = NULL;
	size_t len = 0;
	enum vv_err err;

	memset(st, 0, sizeof *st);
	err = file_read(path, SYNC_STATUS_MAX, &text, &len);
	if (err != VV_OK) {
		if (err == VV_ERR_IO && errno == ENOENT)
			return VV_ERR_NOTFOUND;
		return err;
	}
	err = parse(text, len, st);
	free(text);
	if (err != VV_OK)
		memset(st, 0, sizeof *st);
	return err;
}
