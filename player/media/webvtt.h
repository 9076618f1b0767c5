/* webvtt: parses the simple WebVTT the builder writes into bundles (cue
 * timings and text lines) and finds the cue shown at a time. No libav. */
#ifndef VV_PLAYER_MEDIA_WEBVTT_H
#define VV_PLAYER_MEDIA_WEBVTT_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* Caps on untrusted input. */
#define WEBVTT_MAX_BYTES (8u << 20)
#define WEBVTT_MAX_CUES 20000

struct webvtt_cue {
	double start, end;   /* seconds */
	char *text;          /* UTF-8, lines joined with '\n', tags removed */
};

struct webvtt {
	struct webvtt_cue *cues;  /* sorted by start */
	size_t n_cues;
};

/* Parses `size` bytes of WebVTT. Cue settings, NOTE/STYLE/REGION blocks
 * and cue identifiers are skipped; <b>, <i> and other tags are removed;
 * &amp; &lt; &gt; &nbsp; are resolved. A malformed timing line skips that
 * cue only. Returns VV_OK and a new webvtt in *out (free with
 * webvtt_free()), VV_ERR_FORMAT when the data does not start with
 * "WEBVTT", or VV_ERR_NOMEM (also when over the caps). Borrows data. */
enum vv_err webvtt_parse(const char *data, size_t size, struct webvtt **out);

/* Reads `size` bytes at `offset` of the open file `fd` (a bundle's
 * descriptor, borrowed) when fd >= 0, else of the file `path`, and parses
 * them. Returns what webvtt_parse() returns, or VV_ERR_IO. */
enum vv_err webvtt_load(const char *path, int fd, uint64_t offset,
			uint64_t size, struct webvtt **out);

/* Returns the text of the cue showing at `t` seconds (the latest-starting
 * one when cues overlap), or NULL. Owned by the webvtt. */
const char *webvtt_text_at(const struct webvtt *vtt, double t);

void webvtt_free(struct webvtt *vtt);

#endif
