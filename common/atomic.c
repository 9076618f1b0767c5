/* atomic: write-to-temporary-then-rename; see atomic.h. */
#include "common/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/i18n.h"

struct atomic_file {
	char *path;
	char *tmp;
	int fd;
	FILE *stream;
	int flags;
	int error; /* first errno of a failed write, 0 while all is well */
};

static atomic_uint temp_counter;

/* Prints the one line for a failed write of `path`; it speaks of the old
 * file only when there is one. */
static void report(const char *path, int err)
{
	int old = access(path, F_OK) == 0;

	if (err == ENOSPC || err == EDQUOT)
		vv_error(path, 0, old ? _("cannot write: %s; free some space "
					  "and try again (the old file is "
					  "kept)")
				      : _("cannot write: %s; free some space "
					  "and try again"),
			 strerror(err));
	else
		vv_error(path, 0, old ? _("cannot write: %s; check that the "
					  "folder is writable (the old file "
					  "is kept)")
				      : _("cannot write: %s; check that the "
					  "folder is writable"),
			 strerror(err ? err : EIO));
}

char *atomic_temp_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int dir_len = slash ? (int)(slash - path) + 1 : 0;
	unsigned n = atomic_fetch_add(&temp_counter, 1);
	size_t size = strlen(path) + 48;
	char *tmp = malloc(size);

	if (tmp)
		snprintf(tmp, size, "%.*s.%s.tmp-%ld-%u", dir_len, path, base,
			 (long)getpid(), n);
	return tmp;
}

long atomic_temp_owner(const char *name)
{
	const char *tag = name[0] == '.' ? strstr(name, ".tmp-") : NULL;
	char *end;
	long pid;

	if (!tag)
		return 0;
	errno = 0;
	pid = strtol(tag + 5, &end, 10);
	if (errno || end == tag + 5 || pid <= 0)
		return 0;
	if (*end == '-') {
		const char *p = end + 1;

		if (!*p)
			return 0;
		for (; *p; p++)
			if (*p < '0' || *p > '9')
				return 0;
	} else if (*end) {
		return 0;
	}
	return pid;
}

/* Returns a new copy of the folder part of `path` ("." when none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* fsyncs the folder of `path`, so that a rename in it is on disk.
 * Returns 0 or -1 with errno set. */
static int sync_dir_of(const char *path)
{
	char *dir = dir_of(path);
	int fd, rc, saved;

	if (!dir) {
		errno = ENOMEM;
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
	/* Some file systems cannot sync a folder; the rename stands. */
	if (rc != 0 && (errno == EINVAL || errno == EROFS))
		rc = 0;
	return rc;
}

enum vv_err atomic_file_open(const char *path, int flags,
			     struct atomic_file **out)
{
	struct atomic_file *af;
	struct stat st;
	int saved;

	*out = NULL;
	af = calloc(1, sizeof *af);
	if (!af)
		return VV_ERR_NOMEM;
	af->fd = -1;
	af->flags = flags;
	af->path = strdup(path);
	af->tmp = atomic_temp_path(path);
	if (!af->path || !af->tmp) {
		atomic_file_abort(af);
		return VV_ERR_NOMEM;
	}
	af->fd = open(af->tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (af->fd < 0) {
		saved = errno;
		free(af->tmp);
		af->tmp = NULL; /* not ours: never unlink it */
		report(path, saved);
		atomic_file_abort(af);
		errno = saved;
		return VV_ERR_IO;
	}
	/* A translator's file keeps its permissions across a rewrite. */
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		(void)fchmod(af->fd, st.st_mode & 07777);
	*out = af;
	return VV_OK;
}

int atomic_file_fd(const struct atomic_file *af)
{
	return af->fd;
}

const char *atomic_file_temp(const struct atomic_file *af)
{
	return af->tmp;
}

FILE *atomic_file_stream(struct atomic_file *af)
{
	if (!af->stream) {
		af->stream = fdopen(af->fd, "w");
		if (!af->stream && !af->error)
			af->error = errno ? errno : ENOMEM;
	}
	return af->stream;
}

enum vv_err atomic_file_write(struct atomic_file *af, const void *data,
			      size_t size)
{
	const unsigned char *p = data;
	ssize_t n;

	if (af->error)
		return VV_ERR_IO;
	if (af->stream) {
		if (fwrite(data, 1, size, af->stream) != size) {
			af->error = errno ? errno : EIO;
			return VV_ERR_IO;
		}
		return VV_OK;
	}
	while (size > 0) {
		n = write(af->fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			af->error = n < 0 ? errno : EIO;
			return VV_ERR_IO;
		}
		p += n;
		size -= (size_t)n;
	}
	return VV_OK;
}

static void free_writer(struct atomic_file *af)
{
	free(af->path);
	free(af->tmp);
	free(af);
}

void atomic_file_abort(struct atomic_file *af)
{
	if (!af)
		return;
	if (af->stream)
		fclose(af->stream);
	else if (af->fd >= 0)
		close(af->fd);
	if (af->tmp)
		unlink(af->tmp);
	free_writer(af);
}

enum vv_err atomic_file_commit(struct atomic_file *af)
{
	int err = af->error;
	int durable = !(af->flags & ATOMIC_REBUILDABLE);

	if (af->stream) {
		errno = 0;
		if (!err && (fflush(af->stream) != 0 || ferror(af->stream)))
			err = errno ? errno : EIO;
	}
	if (!err && durable && fsync(af->fd) != 0)
		err = errno;
	/* Closed exactly once, whatever failed above. */
	if (af->stream) {
		errno = 0;
		if (fclose(af->stream) != 0 && !err)
			err = errno ? errno : EIO;
		af->stream = NULL;
	} else if (close(af->fd) != 0 && !err) {
		err = errno;
	}
	af->fd = -1;
	if (!err && rename(af->tmp, af->path) != 0)
		err = errno;
	if (err) {
		report(af->path, err);
		unlink(af->tmp);
		free_writer(af);
		errno = err;
		return VV_ERR_IO;
	}
	if (durable && sync_dir_of(af->path) != 0) {
		vv_error(af->path, 0, _("written, but the folder could not be "
					"synced: %s"), strerror(errno));
		free_writer(af);
		return VV_ERR_IO;
	}
	free_writer(af);
	return VV_OK;
}

enum vv_err atomic_write(const char *path, const void *data, size_t size,
			 int flags)
{
	struct atomic_file *af;
	enum vv_err err = atomic_file_open(path, flags, &af);

	if (err)
		return err;
	(void)atomic_file_write(af, data, size);
	return atomic_file_commit(af);
}

enum vv_err atomic_rename(const char *tmp, const char *path, int flags)
{
	int durable = !(flags & ATOMIC_REBUILDABLE);
	int err = 0, fd;

	if (durable) {
		fd = open(tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0)
			err = errno;
		if (fd >= 0 && close(fd) != 0 && !err)
			err = errno;
	}
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		report(path, err);
		unlink(tmp);
		return VV_ERR_IO;
	}
	if (durable && sync_dir_of(path) != 0) {
		vv_error(path, 0, _("written, but the folder could not be "
				    "synced: %s"), strerror(errno));
		return VV_ERR_IO;
	}
	return VV_OK;
}
