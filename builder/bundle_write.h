/* bundle_write: writes a .vvb bundle (docs/FORMATS.md) as a reproducible
 * ustar archive through libarchive, atomically: members go to a dot-named
 * temp file next to the target, which is fsynced and renamed into place. */
#ifndef VV_BUILDER_BUNDLE_WRITE_H
#define VV_BUILDER_BUNDLE_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "common/err.h"
#include "common/hash.h"

struct bundle_writer;

/* Longest member name: ustar's name field, without the prefix split. */
#define BUNDLE_WRITE_MAX_NAME 99

/* Creates "DIR/.NAME.tmp-PID" for the target `path` ("DIR/NAME") and
 * starts an archive in it. Every header has mtime 0, uid/gid 0, no user or
 * group name and mode 0644, so equal members give equal bytes. Returns
 * VV_OK and a writer in *out (finish with bundle_writer_commit() or
 * bundle_writer_abort()), or VV_ERR_IO / VV_ERR_NOMEM after one line
 * naming the directory. Borrows `path`. */
enum vv_err bundle_writer_new(const char *path, struct bundle_writer **out);

/* Appends a member holding `size` bytes from `data` (borrowed). Returns
 * VV_OK, or VV_ERR_IO after one line naming the bundle. */
enum vv_err bundle_writer_add_buffer(struct bundle_writer *writer,
				     const char *name, const void *data,
				     size_t size);

/* File members (the two functions below) of ALIGN_MIN (64 KiB) bytes or
 * more start their data at a multiple of 4096 bytes in the bundle,
 * after a zero-filled member named ".pad.N" when needed (readers skip
 * those, docs/FORMATS.md). Their data is cloned from the source where
 * the file system shares blocks (XFS, btrfs: FICLONERANGE), else copied
 * by the kernel (copy_file_range), else read and written. */

/* Appends a member copied from the file `src`, which must still be `size`
 * bytes with SHA-256 `sha256` (as hashed when the manifest was made): a
 * file changed in between is refused with VV_ERR_INTEGRITY. Returns VV_OK,
 * or VV_ERR_IO / VV_ERR_INTEGRITY after one line naming the file. */
enum vv_err bundle_writer_add_file(struct bundle_writer *writer,
				   const char *name, const char *src,
				   uint64_t size, const char *sha256);

/* What a source file was when it was hashed: its device, inode, size and
 * modification and change times (nanoseconds). The change time moves on
 * every write and cannot be set back, so an equal identity means equal
 * contents without reading them again. */
struct bundle_file_id {
	uint64_t dev, ino, size;
	int64_t mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

/* Fills *id from a stat result. */
void bundle_file_id_from_stat(struct bundle_file_id *id,
			      const struct stat *st);

/* Returns non-zero when a and b are the same file in the same state. */
int bundle_file_id_equal(const struct bundle_file_id *a,
			 const struct bundle_file_id *b);

/* Appends a member copied from the file `src`, which must still be the
 * file `id` (as it was when its digest went into the manifest): checked
 * with fstat before and after the copy instead of hashing it again. A
 * file replaced or changed in between is refused with VV_ERR_INTEGRITY.
 * Returns VV_OK, or VV_ERR_IO / VV_ERR_INTEGRITY after one line naming
 * the file. Borrows everything. */
enum vv_err bundle_writer_add_file_id(struct bundle_writer *writer,
				      const char *name, const char *src,
				      const struct bundle_file_id *id);

/* Ends the archive, fsyncs it, renames it over the target and fsyncs the
 * directory. On success *sha256 (when not NULL) gets the whole bundle's
 * hash (read back from the page cache only then: it costs a full pass)
 * and *size its length. Frees the writer in every case; on failure
 * the temp file is removed and VV_ERR_IO returned after one line. */
enum vv_err bundle_writer_commit(struct bundle_writer *writer,
				 char sha256[HASH_HEX_SIZE], uint64_t *size);

/* How a writer's file members reached the bundle, in bytes. */
struct bundle_write_stats {
	uint64_t cloned;            /* blocks shared with the source */
	uint64_t copied_in_kernel;  /* copy_file_range */
	uint64_t copied_by_read;    /* read and written (hashed copies) */
};

/* Fills *out with what `writer` did so far. */
void bundle_writer_stats(const struct bundle_writer *writer,
			 struct bundle_write_stats *out);

/* Removes the temp file and frees the writer. NULL is a no-op. */
void bundle_writer_abort(struct bundle_writer *writer);

/* Removes temporary files (see atomic.h) in `dir` whose process is no longer
 * running: what a killed build left behind. Returns how many it removed. */
int bundle_write_clean_stale(const char *dir);

#endif
