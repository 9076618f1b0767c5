/* avio_range: an AVIOContext over a byte range of a file, so libavformat
 * demuxes a bundle member in place; nothing is extracted to disk. */
#ifndef VV_PLAYER_MEDIA_AVIO_RANGE_H
#define VV_PLAYER_MEDIA_AVIO_RANGE_H

#include <stdint.h>

#include "common/err.h"

struct AVIOContext;
struct avio_range;

/* Returns in *out a reader of bytes [offset, offset+size) (free with
 * avio_range_free()) of the open file `fd` when fd >= 0 (borrowed: the
 * range reads a dup() of it, so a file put in place of `path` later is
 * not read), else of the file `path`, opened here. Reads past the range
 * see end of file; AVSEEK_SIZE answers `size`. Returns VV_OK, VV_ERR_IO
 * (the file cannot be opened or is shorter than the range) or
 * VV_ERR_NOMEM. Borrows path. */
enum vv_err avio_range_new(const char *path, int fd, uint64_t offset,
			   uint64_t size, struct avio_range **out);

/* Checks the range against `sha256` (64 lowercase hex digits, copied) as
 * it is read: bytes are hashed in order as the demuxer reads them (small
 * forward gaps are read in; re-read bytes are not hashed twice), and once
 * all are hashed a mismatch turns every further read into an error.
 * Returns VV_OK or VV_ERR_NOMEM. */
enum vv_err avio_range_expect(struct avio_range *range, const char *sha256);

/* Finishes the check (reads and hashes what playback skipped) and returns
 * VV_OK when the range matches or no check was asked for, VV_ERR_INTEGRITY
 * when it does not, VV_ERR_IO when the rest cannot be read. Call at the
 * demuxer's end. */
enum vv_err avio_range_verify(struct avio_range *range);

/* The context to put in AVFormatContext.pb; owned by the range. */
struct AVIOContext *avio_range_context(struct avio_range *range);

/* Closes the file and frees the context. NULL is a no-op. */
void avio_range_free(struct avio_range *range);

#endif
