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

/* The context to put in AVFormatContext.pb; owned by the range. */
struct AVIOContext *avio_range_context(struct avio_range *range);

/* Closes the file and frees the context. NULL is a no-op. */
void avio_range_free(struct avio_range *range);

#endif
