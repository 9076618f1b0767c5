/* hash: SHA-256 (Nettle, which uses the CPU's SHA instructions) as
 * lowercase hex, for bundle members, the manifest check
 * and build fingerprints. */
#ifndef VV_COMMON_HASH_H
#define VV_COMMON_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

#define HASH_HEX_SIZE 65 /* 64 hex digits and the terminating NUL */

struct sha256_ctx;

/* An incremental SHA-256. Lives on the caller's stack; hash_sha256_end()
 * or hash_sha256_cancel() frees what hash_sha256_begin() allocated. */
struct hash_sha256 {
	struct sha256_ctx *ctx;  /* NULL: begin failed (no memory) */
};

/* Starts a hash. Returns VV_OK, or VV_ERR_NOMEM (then update is a no-op
 * and end writes an empty string). */
enum vv_err hash_sha256_begin(struct hash_sha256 *hash);

/* Adds `size` bytes. */
void hash_sha256_update(struct hash_sha256 *hash, const void *data,
			size_t size);

/* Finishes the hash, writes 64 lowercase hex digits and a NUL to hex
 * (an empty string when begin failed) and frees the state. */
void hash_sha256_end(struct hash_sha256 *hash, char hex[HASH_HEX_SIZE]);

/* Frees the state of a hash that will not be finished. */
void hash_sha256_cancel(struct hash_sha256 *hash);

/* Hashes a buffer in one call. */
void hash_sha256_buffer(const void *data, size_t size,
			char hex[HASH_HEX_SIZE]);

/* Hashes the file at `path`; *size (when not NULL) gets its length.
 * Returns VV_OK, or VV_ERR_IO after one line naming the file. */
enum vv_err hash_sha256_file(const char *path, char hex[HASH_HEX_SIZE],
			     uint64_t *size);

/* Hashes `size` bytes of the open file `fd` from `offset` (pread; the file
 * position is not used). Returns VV_OK, or VV_ERR_IO when the file is
 * shorter or a read fails (errno is kept; nothing is printed). */
enum vv_err hash_sha256_range(int fd, uint64_t offset, uint64_t size,
			      char hex[HASH_HEX_SIZE]);

/* Returns non-zero when `hex` is exactly 64 lowercase hex digits. */
int hash_is_hex(const char *hex);

#endif
