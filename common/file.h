/* file: reading a whole file into memory, with a size cap, the one copy
 * for the .po and .pot paths and the subtitle reader. */
#ifndef VV_COMMON_FILE_H
#define VV_COMMON_FILE_H

#include <stddef.h>

#include "common/err.h"

/* Reads all of the open file `fd` from its start (pread: the file offset
 * does not move) into a new NUL-terminated buffer: returns VV_OK with it
 * in *data (free() it) and its length in *len. VV_ERR_LIMIT with errno
 * EFBIG when the file is larger than `max` bytes, VV_ERR_NOMEM when
 * memory ran out, VV_ERR_IO (errno kept) when fstat or a read failed;
 * *data is then NULL. Prints nothing. */
enum vv_err file_read_fd(int fd, size_t max, char **data, size_t *len);

/* The same for the file at `path`, opened read-only. */
enum vv_err file_read(const char *path, size_t max, char **data,
		      size_t *len);

#endif
