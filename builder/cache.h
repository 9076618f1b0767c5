/* cache: a content-addressed store for derived files (remuxed videos, probe
 * results) under the build's cache directory. Entries are written to a
 * temporary file and renamed into place, so a killed build never leaves a
 * usable partial entry. Safe to use from several threads and processes. */
#ifndef VV_BUILDER_CACHE_H
#define VV_BUILDER_CACHE_H

#include <stddef.h>

#include "common/err.h"

#define CACHE_KEY_SIZE 65 /* 64 hex digits and a NUL */

/* Bump when what the cache holds changes meaning or layout; it is part of
 * every key, with the builder version. */
#define CACHE_FORMAT 1

/* Computes in `key` the SHA-256 (hex) of the source file's resolved path,
 * size and modification time (nanoseconds), `variant` (e.g. "remux:uk")
 * and the builder version. Does not read the file's contents. Returns
 * VV_OK, or VV_ERR_IO after one line naming `src`. Borrows all. */
enum vv_err cache_key(const char *src, const char *variant,
		      char key[CACHE_KEY_SIZE]);

/* Returns a new string "<cache_dir>/<key[0..1]>/<key><suffix>" (caller
 * frees), creating the directories; NULL after one line when they cannot
 * be created or memory runs out. */
char *cache_entry_path(const char *cache_dir, const char *key,
		       const char *suffix);

/* Returns non-zero when `path` is an existing regular file. */
int cache_has(const char *path);

/* An exclusive lock on one entry, so one worker produces it while the
 * others wait and then reuse it. Opaque. */
struct cache_lock;

/* Takes the lock of `entry` (blocking; works between threads of one
 * process and between processes). On success *lock is set; release with
 * cache_unlock(). Returns VV_OK or VV_ERR_IO after one line. */
enum vv_err cache_lock(const char *entry, struct cache_lock **lock);

/* Releases and frees `lock`; NULL is a no-op. */
void cache_unlock(struct cache_lock *lock);

/* Returns a new unique temporary path next to `entry` (caller frees), or
 * NULL when out of memory. Nothing ever reads temporary paths as
 * entries. */
char *cache_temp_path(const char *entry);

/* Removes temporary files of `entry` left by a killed build. Call it only
 * while holding the entry's lock, so no live writer owns one. */
void cache_clean_temps(const char *entry);

/* Flushes `tmp` to disk and renames it to `entry`. On failure removes
 * tmp, prints one line, and returns VV_ERR_IO. */
enum vv_err cache_commit(const char *tmp, const char *entry);

/* Stores `size` bytes as `entry`, atomically but without an fsync: for
 * small records whose loss only costs recomputing them (after a crash
 * the entry may be missing or empty, which cache_get() reports as
 * missing). Returns VV_OK or VV_ERR_IO (after one line). Borrows data. */
enum vv_err cache_put(const char *entry, const void *data, size_t size);

/* Reads `entry` into data when it holds exactly `size` bytes. Returns
 * VV_OK, or VV_ERR_NOTFOUND (silently) when it is missing or has another
 * size. */
enum vv_err cache_get(const char *entry, void *data, size_t size);

#endif
