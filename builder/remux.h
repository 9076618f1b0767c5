/* remux: copies chosen streams of a media file into a new file of the same
 * container family (MP4 -> MP4 with moov first, MKV -> MKV, WebM -> WebM),
 * by stream copy: no re-encoding, timestamps kept as they are. */
#ifndef VV_BUILDER_REMUX_H
#define VV_BUILDER_REMUX_H

#include "common/err.h"

/* Returns the muxer name ("mp4", "mov", "matroska", "webm") for a file
 * that libavformat opened as `input_format` with path `src`, or NULL when
 * the family is not one the player reads. Static string. */
const char *remux_format(const char *input_format, const char *src);

/* Returns the file extension (".mp4", ".mkv", ...) for muxer `format`. */
const char *remux_extension(const char *format);

/* Writes to `dst` (created or truncated) the streams of `src` whose indices
 * are listed in `streams` (n entries, output in that order) with muxer
 * `format`. Stream metadata (language) and disposition are kept, and
 * each kept stream is marked default. On failure prints one line
 * naming `src`, removes dst, and returns VV_ERR_MEDIA or VV_ERR_IO.
 * Borrows everything. */
enum vv_err remux_streams(const char *src, const char *dst,
			  const char *format, const int *streams, int n);

#endif
