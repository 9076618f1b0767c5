/* cuetime: the one reader and writer of subtitle cue times, for the
 * player's WebVTT members and for checking the timing lines of the
 * builder's WebVTT and SRT input (which libavformat reads, leniently):
 * "[HH:]MM:SS.mmm" (SRT: "," before the milliseconds), minutes and
 * seconds under 60, exactly three millisecond digits. */
#ifndef VV_COMMON_CUETIME_H
#define VV_COMMON_CUETIME_H

#include <stddef.h>

/* Parses the time at *p and advances *p past it. Returns milliseconds,
 * or -1 (*p unchanged) when the text there is no such time. */
long cuetime_parse(const char **p);

/* Parses a timing line "START --> END [settings]" (blanks around the
 * arrow and before START allowed). Returns 0 with the times in *start
 * and *end (in any order: the caller judges that), or -1. */
int cuetime_parse_timing(const char *line, long *start, long *end);

/* Writes ms (negative: 0) as "HH:MM:SS.mmm" into buf of `size` bytes
 * (16 suffice). */
void cuetime_format(long ms, char *buf, size_t size);

#endif
