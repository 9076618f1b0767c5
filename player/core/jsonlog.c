/* jsonlog: line-oriented JSON event log. */
#include "player/core/jsonlog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"

#define JSONLOG_LINE 8192
#define JSONLOG_VALUE 2000

struct jsonlog {
	FILE *f;
	int own;
	char line[JSONLOG_LINE];
	size_t len;
};

enum vv_err jsonlog_open(const char *path, struct jsonlog **out)
{
	struct jsonlog *log = calloc(1, sizeof *log);

	*out = NULL;
	if (!log)
		return VV_ERR_NOMEM;
	if (strcmp(path, "-") == 0) {
		log->f = stderr;
	} else {
		log->f = fopen(path, "w");
		log->own = 1;
	}
	if (!log->f) {
		vv_error(path, 0, _("cannot write the JSON log: %s; check "
			 "the path given to --log-json"), strerror(errno));
		free(log);
		return VV_ERR_IO;
	}
	*out = log;
	return VV_OK;
}

void jsonlog_free(struct jsonlog *log)
{
	if (!log)
		return;
	if (log->own)
		fclose(log->f);
	else
		fflush(log->f);
	free(log);
}

static void put(struct jsonlog *log, const char *s)
{
	size_t n = strlen(s);

	if (log->len + n >= JSONLOG_LINE - 2)
		n = JSONLOG_LINE - 2 - log->len;
	memcpy(log->line + log->len, s, n);
	log->len += n;
	log->line[log->len] = 0;
}

/* Length of the valid UTF-8 sequence at s, or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void jsonlog_escape(char *buf, size_t size, size_t *len, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = *len;

	while (*p && *len - start < JSONLOG_VALUE) {
		char tmp[8];
		size_t n = 1;

		if (*p == '"' || *p == '\\') {
			tmp[0] = '\\';
			tmp[1] = (char)*p;
			tmp[2] = 0;
		} else if (*p == '\n') {
			strcpy(tmp, "\\n");
		} else if (*p == '\t') {
			strcpy(tmp, "\\t");
		} else if (*p < 0x20 || *p == 0x7f) {
			snprintf(tmp, sizeof tmp, "\\u%04x", *p);
		} else if ((n = utf8_len(p)) == 0) {
			strcpy(tmp, "\xef\xbf\xbd");
			n = 1;
		} else {
			memcpy(tmp, p, n);
			tmp[n] = 0;
		}
		if (*len + strlen(tmp) + 1 > size)
			break;
		memcpy(buf + *len, tmp, strlen(tmp));
		*len += strlen(tmp);
		p += n;
	}
	if (*len < size)
		buf[*len] = 0;
}

static void put_key(struct jsonlog *log, const char *key)
{
	put(log, ",\"");
	jsonlog_escape(log->line, JSONLOG_LINE - 64, &log->len, key);
	put(log, "\":");
}

void jsonlog_begin(struct jsonlog *log, double t, const char *event)
{
	char num[64];

	if (!log)
		return;
	snprintf(num, sizeof num, "{\"t\":%.3f,\"event\":\"", t);
	log->len = 0;
	put(log, num);
	jsonlog_escape(log->line, JSONLOG_LINE - 64, &log->len, event);
	put(log, "\"");
}

void jsonlog_str(struct jsonlog *log, const char *key, const char *value)
{
	if (!log)
		return;
	put_key(log, key);
	if (!value) {
		put(log, "null");
		return;
	}
	put(log, "\"");
	jsonlog_escape(log->line, JSONLOG_LINE - 64, &log->len, value);
	put(log, "\"");
}

void jsonlog_num(struct jsonlog *log, const char *key, double value)
{
	char num[64];

	if (!log)
		return;
	put_key(log, key);
	if (!isfinite(value))
		strcpy(num, "null");
	else
		snprintf(num, sizeof num, "%.3f", value);
	put(log, num);
}

void jsonlog_int(struct jsonlog *log, const char *key, long value)
{
	char num[32];

	if (!log)
		return;
	put_key(log, key);
	snprintf(num, sizeof num, "%ld", value);
	put(log, num);
}

void jsonlog_raw(struct jsonlog *log, const char *key, const char *json)
{
	if (!log)
		return;
	put_key(log, key);
	put(log, json);
}

void jsonlog_end(struct jsonlog *log)
{
	if (!log)
		return;
	put(log, "}");
	fputs(log->line, log->f);
	fputc('\n', log->f);
	fflush(log->f);
	log->len = 0;
}

void jsonlog_line(struct jsonlog *log, const char *json)
{
	if (!log || !json)
		return;
	fputs(json, log->f);
	fputc('\n', log->f);
	fflush(log->f);
}
