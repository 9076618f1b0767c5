/* jsonlog: the --log-json event log, one JSON object a line, flushed per
 * line so that a crash still leaves a readable log. Every object has
 * "t" (player clock, s) and "event". A NULL log makes every call a no-op,
 * so callers need not check whether logging is on. */
#ifndef VV_PLAYER_CORE_JSONLOG_H
#define VV_PLAYER_CORE_JSONLOG_H

#include <stddef.h>

#include "common/err.h"

struct jsonlog;

/* Opens (truncates) `path`; "-" means stderr. Returns VV_OK and a new log
 * in *out (free with jsonlog_free()), or VV_ERR_IO after a message. */
enum vv_err jsonlog_open(const char *path, struct jsonlog **out);

/* Flushes and closes. NULL is a no-op. */
void jsonlog_free(struct jsonlog *log);

/* Starts an object {"t":T,"event":"EVENT" ...}. Fields follow with the
 * calls below; jsonlog_end() writes the line. Strings are escaped, and
 * invalid UTF-8 becomes U+FFFD, so the line is always valid JSON. Values
 * over 2000 bytes are cut. */
void jsonlog_begin(struct jsonlog *log, double t, const char *event);
void jsonlog_str(struct jsonlog *log, const char *key, const char *value);
void jsonlog_num(struct jsonlog *log, const char *key, double value);
void jsonlog_int(struct jsonlog *log, const char *key, long value);
/* Appends `json` (a complete JSON value, trusted) as the value of key. */
void jsonlog_raw(struct jsonlog *log, const char *key, const char *json);
void jsonlog_end(struct jsonlog *log);

/* Writes a finished JSON object line as it is (from av_out's events),
 * adding nothing. */
void jsonlog_line(struct jsonlog *log, const char *json);

/* Appends `s` JSON-escaped (without quotes) to buf of `size` bytes, from
 * offset *len; stops before overflowing and keeps buf terminated.
 * Exposed for unit tests. */
void jsonlog_escape(char *buf, size_t size, size_t *len, const char *s);

#endif
