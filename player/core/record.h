/* record: the parts the player's records share, the session record
 * (session.c) and the linked webinar's (webinar.c): JSON string fields,
 * local times and durations as the records print them, and the records'
 * folder and file names. No SDL; unit-tested alone. */
#ifndef VV_PLAYER_CORE_RECORD_H
#define VV_PLAYER_CORE_RECORD_H

#include <stddef.h>
#include <time.h>

#include "common/err.h"
#include "common/strbuf.h"

/* Appends "key":"value" (value JSON-escaped, null when NULL), with a
 * leading comma unless `first`. A value is cut at 2 KiB on a character
 * boundary (records hold names, not texts). Borrows both. */
void record_put_str(struct strbuf *b, const char *key, const char *value,
		    int first);

enum record_stamp {
	RECORD_DATE,        /* 2026-12-02 */
	RECORD_ISO,         /* 2026-12-02T14:05:09+0100 */
	RECORD_CLOCK,       /* 14:05 */
	RECORD_CLOCK_S,     /* 14:05:09 */
	RECORD_FILE,        /* 20261202-140509, for file names */
};

/* Writes local time `t` as `kind` into out (size bytes); "?" when the
 * time cannot be converted or does not fit. */
void record_time(time_t t, enum record_stamp kind, char *out, size_t size);

/* Writes `seconds` (rounded; negative as 0) as m:ss, or h:mm:ss from an
 * hour on, into out (size bytes). */
void record_duration(double seconds, char *out, size_t size);

/* Writes `in` for a file name into out (size bytes): at most 48 bytes,
 * every byte but a letter, digit, '.', '-' or '_' as '_'. */
void record_safe_name(const char *in, char *out, size_t size);

/* Makes the records' folder `dir` and its parents. Returns VV_OK, or
 * VV_ERR_IO after one line naming `dir` and what to do. */
enum vv_err record_make_dir(const char *dir);

/* Writes into json_path and text_path (size bytes each) the first pair
 * BASE.json and BASE.txt, or BASE-2.json and BASE-2.txt up to BASE-999,
 * of which neither file exists yet (the last pair when all do). */
void record_paths(const char *base, char *json_path, char *text_path,
		  size_t size);

#endif
