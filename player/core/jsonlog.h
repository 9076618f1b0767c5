/* jsonlog: the --log-json event log, one JSON object a line, flushed per
 * line so that a crash still leaves a readable log. Every object has
 * "t" (player clock, s) and "event". A NULL log makes every call a no-op,
 * so callers need not check whether logging is on.
 *
 * Events veiviser-play writes (player/main.c; media events come from
 * player/out/av.h): start; library (bundles, languages, skipped, scan_ms);
 * bundle_skipped (path, message); error (message: the vv_error line);
 * uilang (lang, sample); screen (name, lang); item (id, index, kind,
 * bundle, narration); input (source, input, arg, screen); frame (screen,
 * item, draw_ms, draw_cpu_ms, input_to_frame_ms, input_to_frame_cpu_ms,
 * wall_ms since main(), proc_cpu_ms, missing_glyphs, min_target_mm,
 * rss_kb), written when what is shown changes or after an input;
 * screenshot (path, screen, item, missing_glyphs, ok), then one box per
 * text, control, picture and icon of that frame (kind, x, y, w, h; text
 * also rtl, cut, size, lang, text); reset; operator;
 * admin_exit; close_request; frame_stats (per screen: frames, avg_ms,
 * max_ms, avg_cpu_ms of the frames not logged); exit (frames, errors,
 * rss_kb). */
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

#endif
