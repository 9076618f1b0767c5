/* jsonlog: line-oriented JSON event log. */
#include "player/core/jsonlog.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/json.h"

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

/* Appends `s` escaped, at most JSONLOG_VALUE bytes of it. */
static void put_escaped(struct jsonlog *log, const char *s)
{
	size_t size = log->len + JSONLOG_VALUE + 1;

	if (size > JSONLOG_LINE - 64)
		size = JSONLOG_LINE - 64;
	json_escape(log->line, size, &log->len, s);
}

static void put_key(struct jsonlog *log, const char *key)
{
	put(log, ",\"");
	put_escaped(log, key);
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
	put_escaped(log, event);
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
	put_escaped(log, value);
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
