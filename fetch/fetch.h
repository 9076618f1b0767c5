/* fetch: HTTP(S) downloads through libcurl for veiviser-sync and
 * `veiviser-build catalogue URL`, with the limits a kiosk needs against a
 * hostile or broken server: a size cap per file, connect and low-speed
 * time limits, http and https only. The only layer with libcurl. */
#ifndef VV_FETCH_FETCH_H
#define VV_FETCH_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* The time limits of every transfer, in seconds: connecting, and giving
 * up when fewer than FETCH_LOW_SPEED bytes a second arrive for
 * `low_speed_time` seconds. */
struct fetch_limits {
	long connect_time;
	long low_speed_time;
};

#define FETCH_LOW_SPEED 512

/* Bytes a second that a whole transfer must average: a server trickling
 * just above FETCH_LOW_SPEED would otherwise hold a kiosk for days (a
 * 100 MB bundle at 600 bytes a second). A transfer may take
 * connect_time + low_speed_time + (bytes expected) / FETCH_MIN_AVERAGE
 * seconds in all; a bundle cut so is resumed at the next run. */
#define FETCH_MIN_AVERAGE 16384

/* Starts libcurl once for the process. Returns VV_OK or VV_ERR_INTERNAL. */
enum vv_err fetch_init(void);

/* Downloads `url` into a new buffer of at most `max` bytes (*data, NUL
 * terminated, free() it; *len its length). Returns VV_OK; or after one
 * line naming `url`: VV_ERR_LIMIT (more than `max` bytes), VV_ERR_IO
 * (network, HTTP status, time limit), VV_ERR_NOMEM. Borrows `url`. */
enum vv_err fetch_memory(const char *url, size_t max,
			 const struct fetch_limits *limits, char **data,
			 size_t *len);

/* A conditional GET: `etag` (NULL or empty: none) is sent as
 * If-None-Match; returns VV_OK with *not_modified = 1 and no data when
 * the server answers 304, else as fetch_memory() with the response's
 * ETag in `etag_out` (`cap` bytes; empty when the server sent none). */
enum vv_err fetch_memory_if(const char *url, size_t max,
			    const struct fetch_limits *limits,
			    const char *etag, char *etag_out, size_t cap,
			    int *not_modified, char **data, size_t *len);

/* Downloads `url` to the open file `fd` (from its current position),
 * refusing more than `max` bytes; *written gets the bytes written.
 * Returns VV_OK; or after one line naming `url`: VV_ERR_LIMIT,
 * VV_ERR_IO (also a failed write, then errno tells why, e.g. ENOSPC).
 * Borrows everything. */
enum vv_err fetch_file(const char *url, int fd, uint64_t max,
		       const struct fetch_limits *limits, uint64_t *written);

/* Resumes the download of `url` into `fd` from byte `offset` (a Range
 * request) up to `size` bytes in all; a server that sends the whole file
 * instead is followed by truncating `fd` first. *written gets the bytes
 * received. Returns as fetch_file(). */
enum vv_err fetch_file_from(const char *url, int fd, uint64_t offset,
			    uint64_t size, const struct fetch_limits *limits,
			    uint64_t *written);

#endif
