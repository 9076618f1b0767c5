/* atomic: write a file so that readers, and the disk after a crash, see
 * either the whole old file or the whole new one. Every writer of both
 * programs goes through here: one temporary-name scheme, one durability
 * rule, every write, flush, sync and close checked. */
#ifndef VV_COMMON_ATOMIC_H
#define VV_COMMON_ATOMIC_H

#include <stddef.h>
#include <stdio.h>

#include "common/err.h"

/* The durability rule: a committed file is fsynced before the rename and
 * its folder after it. Only a file that is rebuilt when lost (a cache
 * entry, a build's state record) may skip both with ATOMIC_REBUILDABLE;
 * after a crash it may then be missing or empty, never half-written. */
enum atomic_flags {
	ATOMIC_DURABLE = 0,
	ATOMIC_REBUILDABLE = 1,
};

struct atomic_file;

/* Starts writing `path`: creates the temporary file "DIR/.NAME.tmp-PID-N"
 * in the same folder (so that the rename cannot cross file systems), with
 * the old file's permissions when there is one. Returns VV_OK and a new
 * writer in *out, to be ended by atomic_file_commit() or
 * atomic_file_abort(); on failure prints one line naming `path` and
 * returns VV_ERR_IO or VV_ERR_NOMEM. Borrows `path`. */
enum vv_err atomic_file_open(const char *path, int flags,
			     struct atomic_file **out);

/* The temporary file's descriptor and path, for writers that need them
 * (libarchive, a child process). Owned by the writer. */
int atomic_file_fd(const struct atomic_file *af);
const char *atomic_file_temp(const struct atomic_file *af);

/* Returns a stdio stream over the temporary file (the same one on every
 * call), or NULL when memory ran out. Owned by the writer: do not fclose
 * it; atomic_file_commit() flushes it and checks for errors. */
FILE *atomic_file_stream(struct atomic_file *af);

/* Writes all `size` bytes of `data` at the current position. Returns
 * VV_OK or VV_ERR_IO; the error is remembered and reported once by
 * atomic_file_commit(), which then fails. */
enum vv_err atomic_file_write(struct atomic_file *af, const void *data,
			      size_t size);

/* Finishes: flushes the stream, fsyncs, closes, renames the temporary
 * file over the target and fsyncs the folder. Always frees `af`. Returns
 * VV_OK; or, after one line naming the target ("free some space" on a
 * full disk), VV_ERR_IO with the old file untouched, the temporary file
 * removed and errno saying why (ENOSPC: the disk is full). A failure of the folder fsync comes after the rename:
 * the new file is then in place but the error is still returned. */
enum vv_err atomic_file_commit(struct atomic_file *af);

/* Drops the temporary file and frees `af`, leaving the target as it was.
 * NULL is a no-op. Prints nothing. */
void atomic_file_abort(struct atomic_file *af);

/* Writes `size` bytes of `data` to `path` with the steps above. Returns
 * VV_OK, or an error after one line naming `path` (VV_ERR_IO: errno says
 * why). */
enum vv_err atomic_write(const char *path, const void *data, size_t size,
			 int flags);

/* Returns a new temporary name for `path` in the scheme above (free()
 * it), for files that another library creates itself (libavformat).
 * Finish them with atomic_rename(). NULL when memory ran out. */
char *atomic_temp_path(const char *path);

/* Syncs the finished file `tmp` (unless ATOMIC_REBUILDABLE), renames it
 * to `path` and syncs the folder. Returns VV_OK, or VV_ERR_IO after one
 * line naming `path`, with `tmp` removed. Borrows both. */
enum vv_err atomic_rename(const char *tmp, const char *path, int flags);

/* Returns the process id in a temporary name of this scheme (the file
 * name without its folder: ".NAME.tmp-PID-N", or the older
 * ".NAME.tmp-PID"), or 0 when `name` is not one. Used to remove the
 * leftovers of a killed process. */
long atomic_temp_owner(const char *name);

#endif
