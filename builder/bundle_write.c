/* bundle_write: reproducible, atomic ustar writing through libarchive. */
#include "builder/bundle_write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "common/atomic.h"
#include "common/i18n.h"

/* Big reads: fewer syscalls, and libarchive (unbuffered, see
 * bundle_writer_new) hands each chunk to write() as it is. */
#define COPY_CHUNK (1024 * 1024)

/* Every this many bytes, the writer asks the kernel to start writing
 * them to disk, so the disk works while the rest is copied and the fsync
 * at commit only waits for the tail. */
#define WRITEBACK_STEP (8 * 1024 * 1024)

struct bundle_writer {
	char *path;      /* the target */
	struct atomic_file *file; /* the temporary file, renamed at commit */
	int fd;          /* its descriptor, owned by `file` */
	struct archive *archive;
	uint64_t written;
	uint64_t flushed;   /* bytes handed to writeback so far */
	unsigned char *buf; /* COPY_CHUNK bytes, allocated on first use */
	int write_errno; /* first failure inside the write callback */
};

static la_ssize_t write_cb(struct archive *a, void *user, const void *buf,
			   size_t size)
{
	struct bundle_writer *w = user;
	const unsigned char *p = buf;
	size_t left = size;
	ssize_t n;

	(void)a;
	while (left > 0) {
		n = write(w->fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			w->write_errno = n < 0 ? errno : EIO;
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	w->written += size;
	/* Only starts writeback (no wait, no durability promise): the
	 * fsync in bundle_writer_commit() is what makes the bundle safe. A
	 * failure here is harmless and so ignored. */
	if (w->written - w->flushed >= WRITEBACK_STEP) {
		(void)sync_file_range(w->fd, (off64_t)w->flushed,
				      (off64_t)(w->written - w->flushed),
				      SYNC_FILE_RANGE_WRITE);
		w->flushed = w->written;
	}
	return (la_ssize_t)size;
}

/* Prints the one-line error for a failed archive call. */
static void report_write_error(struct bundle_writer *w)
{
	const char *why;

	if (w->write_errno)
		why = strerror(w->write_errno);
	else
		why = archive_error_string(w->archive);
	if (!why)
		why = _("unknown error");
	if (w->write_errno == ENOSPC || w->write_errno == EDQUOT)
		vv_error(w->path, 0, _("cannot write: %s; free some space "
				       "and build again"), why);
	else
		vv_error(w->path, 0, _("cannot write: %s; check the output "
				       "directory"), why);
}

__attribute__((format(printf, 1, 2)))
static char *dup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return NULL;
	s = malloc((size_t)len + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return s;
}

enum vv_err bundle_writer_new(const char *path, struct bundle_writer **out)
{
	struct bundle_writer *w;
	enum vv_err err;

	*out = NULL;
	w = calloc(1, sizeof *w);
	if (!w)
		return VV_ERR_NOMEM;
	w->fd = -1;
	w->path = strdup(path);
	if (!w->path) {
		bundle_writer_abort(w);
		return VV_ERR_NOMEM;
	}
	/* Read-write: commit may hash what was written. */
	err = atomic_file_open(path, ATOMIC_DURABLE, &w->file);
	if (err) {
		bundle_writer_abort(w);
		return err;
	}
	w->fd = atomic_file_fd(w->file);
	w->archive = archive_write_new();
	if (!w->archive) {
		bundle_writer_abort(w);
		return VV_ERR_NOMEM;
	}
	/* ustar: no pax extended headers and so no timestamps or ids that
	 * could make two builds differ. No padding to a 10 KiB record.
	 * Unbuffered (block size 0): libarchive passes every header, data
	 * chunk and padding straight to write_cb, so member data is not
	 * copied through its 10 KiB block buffer; the bytes are the same. */
	if (archive_write_set_format_ustar(w->archive) != ARCHIVE_OK ||
	    archive_write_set_bytes_per_block(w->archive, 0) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(w->archive, 1) !=
		    ARCHIVE_OK ||
	    archive_write_open(w->archive, w, NULL, write_cb, NULL) !=
		    ARCHIVE_OK) {
		report_write_error(w);
		bundle_writer_abort(w);
		return VV_ERR_IO;
	}
	*out = w;
	return VV_OK;
}

static enum vv_err write_header(struct bundle_writer *w, const char *name,
				uint64_t size)
{
	struct archive_entry *e;
	int rc;

	if (strlen(name) > BUNDLE_WRITE_MAX_NAME) {
		vv_error(w->path, 0, _("member name too long: %s"), name);
		return VV_ERR_INTERNAL;
	}
	e = archive_entry_new();
	if (!e)
		return VV_ERR_NOMEM;
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	rc = archive_write_header(w->archive, e);
	archive_entry_free(e);
	if (rc != ARCHIVE_OK) {
		report_write_error(w);
		return VV_ERR_IO;
	}
	return VV_OK;
}

static enum vv_err write_data(struct bundle_writer *w, const void *data,
			      size_t size)
{
	const unsigned char *p = data;
	la_ssize_t n;

	while (size > 0) {
		n = archive_write_data(w->archive, p, size);
		if (n <= 0) {
			report_write_error(w);
			return VV_ERR_IO;
		}
		p += n;
		size -= (size_t)n;
	}
	return VV_OK;
}

enum vv_err bundle_writer_add_buffer(struct bundle_writer *w,
				     const char *name, const void *data,
				     size_t size)
{
	enum vv_err err = write_header(w, name, size);

	if (err == VV_OK)
		err = write_data(w, data, size);
	return err;
}

void bundle_file_id_from_stat(struct bundle_file_id *id,
			      const struct stat *st)
{
	memset(id, 0, sizeof *id);
	id->dev = (uint64_t)st->st_dev;
	id->ino = (uint64_t)st->st_ino;
	id->size = (uint64_t)st->st_size;
	id->mtime_sec = (int64_t)st->st_mtim.tv_sec;
	id->mtime_nsec = (int64_t)st->st_mtim.tv_nsec;
	id->ctime_sec = (int64_t)st->st_ctim.tv_sec;
	id->ctime_nsec = (int64_t)st->st_ctim.tv_nsec;
}

int bundle_file_id_equal(const struct bundle_file_id *a,
			 const struct bundle_file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec &&
	       a->mtime_nsec == b->mtime_nsec &&
	       a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

/* Copies `size` bytes of `fd` (the file `src`) into a new member `name`;
 * when `hash` is not NULL, also hashes them. Returns VV_OK, or VV_ERR_IO
 * / VV_ERR_INTEGRITY (the file is shorter or longer than `size`) after
 * one line. */
static enum vv_err copy_member(struct bundle_writer *w, const char *name,
			       const char *src, int fd, uint64_t size,
			       struct hash_sha256 *hash)
{
	uint64_t left = size;
	enum vv_err err;
	ssize_t got;

	if (!w->buf) {
		w->buf = malloc(COPY_CHUNK);
		if (!w->buf)
			return VV_ERR_NOMEM;
	}
	/* Doubles the kernel's read-ahead for a cold source. */
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	err = write_header(w, name, size);
	while (err == VV_OK && left > 0) {
		got = read(fd, w->buf, left < COPY_CHUNK ? (size_t)left
							  : COPY_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			vv_error(src, 0, _("cannot read: %s; check the file"),
				 strerror(errno));
			return VV_ERR_IO;
		}
		if (got == 0) {
			vv_error(src, 0, _("changed while the bundle was "
					   "written (shorter now); build "
					   "again"));
			return VV_ERR_INTEGRITY;
		}
		if (hash)
			hash_sha256_update(hash, w->buf, (size_t)got);
		err = write_data(w, w->buf, (size_t)got);
		left -= (uint64_t)got;
	}
	if (err == VV_OK) {
		do
			got = read(fd, w->buf, 1);
		while (got < 0 && errno == EINTR);
		if (got != 0) {
			vv_error(src, 0, _("changed while the bundle was "
					   "written; build again"));
			err = VV_ERR_INTEGRITY;
		}
	}
	return err;
}

static int open_source(const char *src)
{
	int fd = open(src, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		vv_error(src, 0, _("cannot open: %s; check the path"),
			 strerror(errno));
	return fd;
}

enum vv_err bundle_writer_add_file(struct bundle_writer *w,
				   const char *name, const char *src,
				   uint64_t size, const char *sha256)
{
	struct hash_sha256 hash;
	char hex[HASH_HEX_SIZE];
	enum vv_err err;
	int fd = open_source(src);

	if (fd < 0)
		return VV_ERR_IO;
	hash_sha256_begin(&hash);
	err = copy_member(w, name, src, fd, size, &hash);
	close(fd);
	if (err == VV_OK) {
		hash_sha256_end(&hash, hex);
		if (strcmp(hex, sha256) != 0) {
			vv_error(src, 0, _("changed while the bundle was "
					   "written; build again"));
			err = VV_ERR_INTEGRITY;
		}
	}
	return err;
}

/* Returns non-zero when the open file `fd` is still the file `id`. */
static int still_same(int fd, const struct bundle_file_id *id)
{
	struct bundle_file_id now;
	struct stat st;

	if (fstat(fd, &st) != 0)
		return 0;
	bundle_file_id_from_stat(&now, &st);
	return bundle_file_id_equal(&now, id);
}

enum vv_err bundle_writer_add_file_id(struct bundle_writer *w,
				      const char *name, const char *src,
				      const struct bundle_file_id *id)
{
	enum vv_err err = VV_OK;
	int fd = open_source(src);

	if (fd < 0)
		return VV_ERR_IO;
	/* Before: the path may now name another file. After: it may have
	 * been written to while it was copied. Either way the digest in the
	 * manifest would not describe the bytes copied. */
	if (!still_same(fd, id)) {
		vv_error(src, 0, _("changed since it was hashed; build "
				   "again"));
		err = VV_ERR_INTEGRITY;
	}
	if (err == VV_OK)
		err = copy_member(w, name, src, fd, id->size, NULL);
	if (err == VV_OK && !still_same(fd, id)) {
		vv_error(src, 0, _("changed while the bundle was written; "
				   "build again"));
		err = VV_ERR_INTEGRITY;
	}
	close(fd);
	return err;
}

static void writer_free(struct bundle_writer *w)
{
	if (w->archive)
		archive_write_free(w->archive);
	atomic_file_abort(w->file);
	free(w->path);
	free(w->buf);
	free(w);
}

enum vv_err bundle_writer_commit(struct bundle_writer *w,
				 char sha256[HASH_HEX_SIZE], uint64_t *size)
{
	int rc;

	rc = archive_write_close(w->archive);
	if (rc != ARCHIVE_OK) {
		report_write_error(w);
		bundle_writer_abort(w);
		return VV_ERR_IO;
	}
	/* Only when asked: it reads the whole bundle back (from the page
	 * cache) and hashing is most of a build's CPU time. */
	if (sha256 &&
	    hash_sha256_range(w->fd, 0, w->written, sha256) != VV_OK) {
		w->write_errno = errno ? errno : EIO;
		report_write_error(w);
		bundle_writer_abort(w);
		return VV_ERR_IO;
	}
	/* fsync, close, rename and folder fsync; prints its own error. */
	{
		struct atomic_file *file = w->file;
		enum vv_err err;

		w->file = NULL;
		w->fd = -1;
		err = atomic_file_commit(file);
		if (err == VV_OK && size)
			*size = w->written;
		writer_free(w);
		return err;
	}
}

void bundle_writer_abort(struct bundle_writer *w)
{
	if (!w)
		return;
	writer_free(w);
}

int bundle_write_clean_stale(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	char *path;
	int removed = 0;
	long pid;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		pid = atomic_temp_owner(de->d_name);
		if (pid <= 0)
			continue;
		/* A live process (this one included) may still be writing. */
		if (pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		path = dup_printf("%s/%s", dir, de->d_name);
		if (path && unlink(path) == 0)
			removed++;
		free(path);
	}
	closedir(d);
	return removed;
}
