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

#include "common/i18n.h"

#define COPY_CHUNK (256 * 1024)

struct bundle_writer {
	char *path;      /* the target */
	char *tmp_path;  /* DIR/.NAME.tmp-PID */
	char *dir;       /* DIR, for the fsync after rename */
	int fd;
	struct archive *archive;
	struct hash_sha256 hash; /* of every byte written */
	uint64_t written;
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
	hash_sha256_update(&w->hash, buf, size);
	w->written += size;
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
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	*out = NULL;
	w = calloc(1, sizeof *w);
	if (!w)
		return VV_ERR_NOMEM;
	w->fd = -1;
	w->path = strdup(path);
	w->dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	if (w->dir && !w->dir[0]) {
		free(w->dir);
		w->dir = strdup("/");
	}
	if (w->path && w->dir)
		w->tmp_path = dup_printf("%s/.%s.tmp-%ld", w->dir, base,
					 (long)getpid());
	if (!w->path || !w->dir || !w->tmp_path) {
		bundle_writer_abort(w);
		return VV_ERR_NOMEM;
	}
	w->fd = open(w->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		     0644);
	if (w->fd < 0) {
		vv_error(w->dir, 0, _("cannot create a file here: %s; check "
				      "that the output directory is writable"),
			 strerror(errno));
		bundle_writer_abort(w);
		return VV_ERR_IO;
	}
	hash_sha256_begin(&w->hash);
	w->archive = archive_write_new();
	if (!w->archive) {
		bundle_writer_abort(w);
		return VV_ERR_NOMEM;
	}
	/* ustar: no pax extended headers and so no timestamps or ids that
	 * could make two builds differ. No padding to a 10 KiB record. */
	if (archive_write_set_format_ustar(w->archive) != ARCHIVE_OK ||
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

enum vv_err bundle_writer_add_file(struct bundle_writer *w,
				   const char *name, const char *src,
				   uint64_t size, const char *sha256)
{
	struct hash_sha256 hash;
	char hex[HASH_HEX_SIZE];
	unsigned char *buf;
	uint64_t left = size;
	enum vv_err err;
	ssize_t got;
	int fd;

	fd = open(src, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		vv_error(src, 0, _("cannot open: %s; check the path"),
			 strerror(errno));
		return VV_ERR_IO;
	}
	buf = malloc(COPY_CHUNK);
	if (!buf) {
		close(fd);
		return VV_ERR_NOMEM;
	}
	err = write_header(w, name, size);
	hash_sha256_begin(&hash);
	while (err == VV_OK && left > 0) {
		got = read(fd, buf, left < COPY_CHUNK ? (size_t)left
						      : COPY_CHUNK);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			vv_error(src, 0, _("changed while the bundle was "
					   "written (shorter now); build "
					   "again"));
			err = VV_ERR_INTEGRITY;
			break;
		}
		hash_sha256_update(&hash, buf, (size_t)got);
		err = write_data(w, buf, (size_t)got);
		left -= (uint64_t)got;
	}
	if (err == VV_OK) {
		hash_sha256_end(&hash, hex);
		got = read(fd, buf, 1);
		if (got != 0 || strcmp(hex, sha256) != 0) {
			vv_error(src, 0, _("changed while the bundle was "
					   "written; build again"));
			err = VV_ERR_INTEGRITY;
		}
	}
	free(buf);
	close(fd);
	return err;
}

static void writer_free(struct bundle_writer *w)
{
	if (w->archive)
		archive_write_free(w->archive);
	if (w->fd >= 0)
		close(w->fd);
	free(w->path);
	free(w->tmp_path);
	free(w->dir);
	free(w);
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
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
	if (fsync(w->fd) != 0 || close(w->fd) != 0) {
		w->fd = -1;
		w->write_errno = errno;
		report_write_error(w);
		bundle_writer_abort(w);
		return VV_ERR_IO;
	}
	w->fd = -1;
	if (rename(w->tmp_path, w->path) != 0) {
		vv_error(w->path, 0, _("cannot rename the finished bundle "
				       "into place: %s"), strerror(errno));
		bundle_writer_abort(w);
		return VV_ERR_IO;
	}
	/* The rename is only durable once the directory is on disk. */
	if (sync_dir(w->dir) != 0) {
		vv_error(w->dir, 0, _("cannot sync the directory: %s"),
			 strerror(errno));
		writer_free(w);
		return VV_ERR_IO;
	}
	if (sha256)
		hash_sha256_end(&w->hash, sha256);
	if (size)
		*size = w->written;
	writer_free(w);
	return VV_OK;
}

void bundle_writer_abort(struct bundle_writer *w)
{
	if (!w)
		return;
	if (w->fd >= 0) {
		close(w->fd);
		w->fd = -1;
	}
	if (w->tmp_path)
		unlink(w->tmp_path);
	writer_free(w);
}

int bundle_write_clean_stale(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	char *end, *path;
	const char *tag;
	int removed = 0;
	long pid;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] != '.')
			continue;
		tag = strstr(de->d_name, ".tmp-");
		if (!tag)
			continue;
		errno = 0;
		pid = strtol(tag + 5, &end, 10);
		if (errno || *end || pid <= 0)
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
