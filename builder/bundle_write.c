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
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/fs.h>

#include <archive.h>
#include <archive_entry.h>

#include "common/atomic.h"
#include "common/i18n.h"

/* Big reads: fewer syscalls, and libarchive (unbuffered, see
 * bundle_writer_new) hands each chunk to write() as it is. */
#define COPY_CHUNK (1024 * 1024)

/* A file member of at least ALIGN_MIN bytes has its data start at a
 * multiple of ALIGN_BLOCK in the bundle (a zero-filled ".pad.N" member
 * goes before it when needed), so that on a file system that shares
 * blocks (XFS, btrfs) its data can be cloned from the source instead of
 * copied. The rule depends on sizes only, so a bundle has the same bytes
 * on every file system. */
#define ALIGN_BLOCK 4096
#define ALIGN_MIN (64 * 1024)

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
	unsigned pads;   /* padding members so far, for their names */
	int no_clone;    /* the file system said it cannot share blocks */
	int no_copy_range; /* copy_file_range is not there */
	struct bundle_write_stats stats;
};

/* Counts `size` bytes just written at the end of the bundle. */
static void note_written(struct bundle_writer *w, uint64_t size,
			 int dirty)
{
	w->written += size;
	if (!dirty) {
		w->flushed = w->written;
		return;
	}
	/* Only starts writeback (no wait, no durability promise): the
	 * fsync in bundle_writer_commit() is what makes the bundle safe. A
	 * failure here is harmless and so ignored. */
	if (w->written - w->flushed >= WRITEBACK_STEP) {
		(void)sync_file_range(w->fd, (off64_t)w->flushed,
				      (off64_t)(w->written - w->flushed),
				      SYNC_FILE_RANGE_WRITE);
		w->flushed = w->written;
	}
}

/* Writes all of buf at the end of the bundle. Returns 0, or -1 with
 * w->write_errno set. */
static int raw_write(struct bundle_writer *w, const void *buf, size_t size)
{
	const unsigned char *p = buf;
	size_t left = size;
	ssize_t n;

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
	note_written(w, size, 1);
	return 0;
}

static la_ssize_t write_cb(struct archive *a, void *user, const void *buf,
			   size_t size)
{
	(void)a;
	if (raw_write(user, buf, size) != 0)
		return -1;
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

/* Returns a new entry for a member (free with archive_entry_free()), or
 * NULL when memory ran out. Every member looks the same but for its name
 * and size, so equal members give equal bytes. */
static struct archive_entry *member_entry(const char *name, uint64_t size)
{
	struct archive_entry *e = archive_entry_new();

	if (!e)
		return NULL;
	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, 0, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	return e;
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
	e = member_entry(name, size);
	if (!e)
		return VV_ERR_NOMEM;
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

/* ---- file members: header by libarchive, data by the kernel -------- */

struct header_capture {
	unsigned char block[512];
	size_t len;
};

static la_ssize_t capture_cb(struct archive *a, void *user, const void *buf,
			     size_t size)
{
	struct header_capture *hc = user;
	size_t take = size;

	(void)a;
	if (take > sizeof hc->block - hc->len)
		take = sizeof hc->block - hc->len;
	memcpy(hc->block + hc->len, buf, take);
	hc->len += take;
	return (la_ssize_t)size;
}

/* Has libarchive make the 512-byte ustar header of a member into
 * `block`, exactly as bundle_writer_add_buffer() would write it, so that
 * the data can then go to the bundle without passing through libarchive.
 * libarchive writes the header of an empty member (closing that archive
 * costs nothing then), and the size and checksum fields are set for
 * `size` as ustar defines them: 11 octal digits and a space; 6 octal
 * digits, NUL and space for the sum of the header's bytes with the
 * checksum field as spaces. Returns VV_OK, VV_ERR_NOMEM or
 * VV_ERR_INTERNAL. */
static enum vv_err make_header(struct bundle_writer *w, const char *name,
			       uint64_t size, unsigned char block[512])
{
	struct header_capture hc = { .len = 0 };
	struct archive *a;
	struct archive_entry *e;
	enum vv_err err = VV_ERR_INTERNAL;
	char field[16];
	unsigned sum = 0;

	if (strlen(name) > BUNDLE_WRITE_MAX_NAME) {
		vv_error(w->path, 0, _("member name too long: %s"), name);
		return VV_ERR_INTERNAL;
	}
	if (size >= 077777777777ull) {
		vv_error(w->path, 0, _("member %s is 8 GiB or more, more than "
				       "a bundle holds"), name);
		return VV_ERR_INTERNAL;
	}
	a = archive_write_new();
	e = member_entry(name, 0);
	if (!a || !e) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	if (archive_write_set_format_ustar(a) == ARCHIVE_OK &&
	    archive_write_set_bytes_per_block(a, 0) == ARCHIVE_OK &&
	    archive_write_open(a, &hc, NULL, capture_cb, NULL) ==
		    ARCHIVE_OK &&
	    archive_write_header(a, e) == ARCHIVE_OK && hc.len == 512) {
		memcpy(block, hc.block, 512);
		err = VV_OK;
	}
	/* Closed normally (failing it made libarchive skip freeing its
	 * client state, which LeakSanitizer reports); for an empty member
	 * that writes only the end marker, which capture_cb drops. */
	archive_write_close(a);
out:
	if (a)
		archive_write_free(a);
	archive_entry_free(e);
	if (err == VV_ERR_INTERNAL)
		vv_error(w->path, 0, _("cannot make the header of member "
				       "%s"), name);
	if (err != VV_OK)
		return err;
	snprintf(field, sizeof field, "%011llo ", (unsigned long long)size);
	memcpy(block + 124, field, 12);
	memset(block + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += block[i];
	snprintf(field, sizeof field, "%06o", sum);
	memcpy(block + 148, field, 7);   /* six digits and the NUL */
	block[155] = ' ';
	return VV_OK;
}

/* Starts a file member whose data the caller writes itself: ends the
 * member libarchive may have open (its padding), puts a padding member
 * first when the data must start block-aligned, then writes the header.
 * Returns VV_OK, or VV_ERR_IO / VV_ERR_NOMEM after one line. */
static enum vv_err raw_member_begin(struct bundle_writer *w,
				    const char *name, uint64_t size)
{
	unsigned char header[512];
	enum vv_err err;

	if (archive_write_finish_entry(w->archive) != ARCHIVE_OK) {
		report_write_error(w);
		return VV_ERR_IO;
	}
	if (size >= ALIGN_MIN && (w->written + 512) % ALIGN_BLOCK != 0) {
		/* Room before the member's header, a multiple of 512:
		 * one header block and the padding member's zeros. */
		uint64_t room = ALIGN_BLOCK - (w->written + 512) % ALIGN_BLOCK;
		static const unsigned char zeros[ALIGN_BLOCK];
		char pad_name[32];

		snprintf(pad_name, sizeof pad_name, ".pad.%u", ++w->pads);
		err = make_header(w, pad_name, room - 512, header);
		if (err != VV_OK)
			return err;
		if (raw_write(w, header, 512) != 0 ||
		    raw_write(w, zeros, (size_t)room - 512) != 0) {
			report_write_error(w);
			return VV_ERR_IO;
		}
	}
	err = make_header(w, name, size, header);
	if (err != VV_OK)
		return err;
	if (raw_write(w, header, 512) != 0) {
		report_write_error(w);
		return VV_ERR_IO;
	}
	return VV_OK;
}

/* Ends a member started by raw_member_begin(): zeros up to the next
 * 512-byte block. */
static enum vv_err raw_member_end(struct bundle_writer *w, uint64_t size)
{
	static const unsigned char zeros[512];
	size_t pad = (size_t)((512 - size % 512) % 512);

	if (pad && raw_write(w, zeros, pad) != 0) {
		report_write_error(w);
		return VV_ERR_IO;
	}
	return VV_OK;
}

static void source_shorter(const char *src)
{
	vv_error(src, 0, _("changed while the bundle was written (shorter "
			   "now); build again"));
}

/* Shares the blocks of `fd` (the whole file, `size` bytes) with the
 * bundle at its end (FICLONERANGE). Returns 1 when done, 0 when this file
 * system or this pair of files cannot (the caller copies instead), -1
 * after one line on a real error. */
static int clone_data(struct bundle_writer *w, int fd, uint64_t size)
{
	struct file_clone_range range;

	if (w->no_clone || w->written % ALIGN_BLOCK != 0 || size == 0)
		return 0;
	memset(&range, 0, sizeof range);
	range.src_fd = fd;
	range.src_offset = 0;
	range.src_length = size;
	range.dest_offset = w->written;
	if (ioctl(w->fd, FICLONERANGE, &range) != 0) {
		switch (errno) {
		case EOPNOTSUPP:
		case ENOTTY:
		case ENOSYS:
		case EPERM:
			w->no_clone = 1;
			return 0;
		case EXDEV:   /* the source is on another file system */
		case EINVAL:  /* alignment the file system does not take */
		case ETXTBSY:
		case EISDIR:
		case EBADF:
			return 0;
		default:
			w->write_errno = errno;
			report_write_error(w);
			return -1;
		}
	}
	if (lseek(w->fd, (off_t)(w->written + size), SEEK_SET) < 0) {
		w->write_errno = errno;
		report_write_error(w);
		return -1;
	}
	note_written(w, size, 0);
	w->stats.cloned += size;
	return 1;
}

/* Copies `size` bytes of `fd` from offset *in into the bundle with
 * copy_file_range: the kernel moves the bytes (or shares them, where the
 * file system can). Advances *in by what it copied. Returns 0 (all
 * copied, or copy_file_range not usable here: the caller goes on from
 * *in), or -1 after one line. */
static int copy_range_data(struct bundle_writer *w, const char *src, int fd,
			   loff_t *in, uint64_t size)
{
	while (!w->no_copy_range && (uint64_t)*in < size) {
		uint64_t left = size - (uint64_t)*in;
		size_t want = left > (1u << 30) ? (1u << 30) : (size_t)left;
		ssize_t n = copy_file_range(fd, in, w->fd, NULL, want, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == ENOSYS || errno == EOPNOTSUPP ||
			      errno == EXDEV || errno == EINVAL ||
			      errno == EBADF)) {
			/* Older kernels: not across file systems, not for
			 * some file types. Plain copying still works. */
			if (errno != EXDEV)
				w->no_copy_range = 1;
			return 0;
		}
		if (n < 0) {
			w->write_errno = errno;
			report_write_error(w);
			return -1;
		}
		if (n == 0) {
			source_shorter(src);
			errno = 0;
			return -2;
		}
		note_written(w, (uint64_t)n, 1);
		w->stats.copied_in_kernel += (uint64_t)n;
	}
	return 0;
}

/* Copies `size` bytes of `fd` (the file `src`) into a new member `name`.
 * With `hash`, reads and hashes them on the way (the digest is checked by
 * the caller); without, lets the kernel clone or copy them. Returns
 * VV_OK, or VV_ERR_IO / VV_ERR_INTEGRITY (the file is shorter or longer
 * than `size`) after one line. */
static enum vv_err copy_member(struct bundle_writer *w, const char *name,
			       const char *src, int fd, uint64_t size,
			       struct hash_sha256 *hash)
{
	loff_t in = 0;
	enum vv_err err;
	ssize_t got;
	char extra;
	int rc;

	err = raw_member_begin(w, name, size);
	if (err != VV_OK)
		return err;
	if (!hash) {
		rc = clone_data(w, fd, size);
		if (rc < 0)
			return VV_ERR_IO;
		if (rc > 0)
			in = (loff_t)size;
		else {
			rc = copy_range_data(w, src, fd, &in, size);
			if (rc == -2)
				return VV_ERR_INTEGRITY;
			if (rc < 0)
				return VV_ERR_IO;
		}
	}
	if ((uint64_t)in < size && !w->buf) {
		w->buf = malloc(COPY_CHUNK);
		if (!w->buf)
			return VV_ERR_NOMEM;
	}
	if ((uint64_t)in < size)
		/* Doubles the kernel's read-ahead for a cold source. */
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	while ((uint64_t)in < size) {
		uint64_t left = size - (uint64_t)in;

		got = pread(fd, w->buf, left < COPY_CHUNK ? (size_t)left
							   : COPY_CHUNK, in);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			vv_error(src, 0, _("cannot read: %s; check the file"),
				 strerror(errno));
			return VV_ERR_IO;
		}
		if (got == 0) {
			source_shorter(src);
			return VV_ERR_INTEGRITY;
		}
		if (hash)
			hash_sha256_update(hash, w->buf, (size_t)got);
		if (raw_write(w, w->buf, (size_t)got) != 0) {
			report_write_error(w);
			return VV_ERR_IO;
		}
		w->stats.copied_by_read += (uint64_t)got;
		in += got;
	}
	do
		got = pread(fd, &extra, 1, (off_t)size);
	while (got < 0 && errno == EINTR);
	if (got != 0) {
		vv_error(src, 0, _("changed while the bundle was written; "
				   "build again"));
		return VV_ERR_INTEGRITY;
	}
	return raw_member_end(w, size);
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
	if (hash_sha256_begin(&hash) != VV_OK) {
		close(fd);
		return VV_ERR_NOMEM;
	}
	err = copy_member(w, name, src, fd, size, &hash);
	close(fd);
	if (err != VV_OK) {
		hash_sha256_cancel(&hash);  /* the state is on the heap */
		return err;
	}
	hash_sha256_end(&hash, hex);
	if (strcmp(hex, sha256) != 0) {
		vv_error(src, 0, _("changed while the bundle was written; "
				   "build again"));
		err = VV_ERR_INTEGRITY;
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

void bundle_writer_stats(const struct bundle_writer *w,
			 struct bundle_write_stats *out)
{
	*out = w->stats;
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
