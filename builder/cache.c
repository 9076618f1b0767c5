/* cache: content-addressed store of derived files; see cache.h. */
#include "builder/cache.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/atomic.h"
#include "common/hash.h"
#include "common/i18n.h"
#include "common/path.h"

#ifndef VV_VERSION
#define VV_VERSION "unknown"
#endif

struct cache_lock {
	int fd;
};

_Static_assert(CACHE_KEY_SIZE == HASH_HEX_SIZE, "a key is a SHA-256 in hex");

/* name=, length, bytes: no two field lists hash alike. */
static void hash_field(struct hash_sha256 *h, const char *name,
		       const void *data, size_t size)
{
	uint64_t len = size;

	hash_sha256_update(h, name, strlen(name) + 1);
	hash_sha256_update(h, &len, sizeof len);
	hash_sha256_update(h, data, size);
}

enum vv_err cache_key(const char *src, const char *variant,
		      char key[CACHE_KEY_SIZE])
{
	struct hash_sha256 h;
	char resolved[PATH_MAX];
	struct stat sb;
	int64_t size, mtime_ns;
	int format = CACHE_FORMAT;

	if (stat(src, &sb) != 0) {
		vv_error(src, 0, _("cannot read: %s; check the path"),
			 strerror(errno));
		return VV_ERR_IO;
	}
	if (!realpath(src, resolved))
		snprintf(resolved, sizeof resolved, "%s", src);
	size = (int64_t)sb.st_size;
	mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		   sb.st_mtim.tv_nsec;
	if (hash_sha256_begin(&h) != VV_OK)
		return VV_ERR_NOMEM;
	hash_field(&h, "path", resolved, strlen(resolved));
	hash_field(&h, "size", &size, sizeof size);
	hash_field(&h, "mtime", &mtime_ns, sizeof mtime_ns);
	hash_field(&h, "variant", variant, strlen(variant));
	hash_field(&h, "version", VV_VERSION, strlen(VV_VERSION));
	hash_field(&h, "format", &format, sizeof format);
	hash_sha256_end(&h, key);
	return key[0] ? VV_OK : VV_ERR_NOMEM;
}

char *cache_entry_path(const char *cache_dir, const char *key,
		       const char *suffix)
{
	size_t n = strlen(cache_dir) + strlen(key) + strlen(suffix) + 8;
	char *path = malloc(n);

	if (!path)
		return NULL;
	snprintf(path, n, "%s/%.2s", cache_dir, key);
	if (path_make_dirs(path, 0777) != 0) {
		vv_error(cache_dir, 0, _("cannot create the cache directory: "
					 "%s; check the output directory's "
					 "permissions"), strerror(errno));
		free(path);
		return NULL;
	}
	snprintf(path, n, "%s/%.2s/%s%s", cache_dir, key, key, suffix);
	return path;
}

int cache_has(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

enum vv_err cache_lock(const char *entry, struct cache_lock **lock)
{
	size_t n = strlen(entry) + 6;
	char *path = malloc(n);
	struct cache_lock *l;
	int fd;

	*lock = NULL;
	if (!path)
		return VV_ERR_NOMEM;
	snprintf(path, n, "%s.lock", entry);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		vv_error(path, 0, _("cannot create a cache lock: %s; check "
				    "the output directory's permissions"),
			 strerror(errno));
		free(path);
		return VV_ERR_IO;
	}
	free(path);
	/* flock() locks belong to the open file description, so two threads
	 * with their own open() exclude each other too. */
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			close(fd);
			return VV_ERR_IO;
		}
	}
	l = malloc(sizeof *l);
	if (!l) {
		close(fd);
		return VV_ERR_NOMEM;
	}
	l->fd = fd;
	*lock = l;
	return VV_OK;
}

void cache_unlock(struct cache_lock *lock)
{
	if (!lock)
		return;
	flock(lock->fd, LOCK_UN);
	close(lock->fd);
	free(lock);
}

char *cache_temp_path(const char *entry)
{
	return atomic_temp_path(entry);
}

void cache_clean_temps(const char *entry)
{
	const char *slash = strrchr(entry, '/');
	char dir[PATH_MAX], prefix[NAME_MAX + 8];
	DIR *d;
	struct dirent *e;

	if (!slash || (size_t)(slash - entry) >= sizeof dir)
		return;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - entry), entry);
	/* atomic_temp_path()'s scheme: ".NAME.tmp-PID-N". */
	if (snprintf(prefix, sizeof prefix, ".%s.tmp-", slash + 1) >=
	    (int)sizeof prefix)
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX];

		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) <
		    (int)sizeof path)
			unlink(path);
	}
	closedir(d);
}

enum vv_err cache_commit(const char *tmp, const char *entry)
{
	return atomic_rename(tmp, entry, ATOMIC_DURABLE);
}

enum vv_err cache_put(const char *entry, const void *data, size_t size)
{
	/* Rebuildable (one fsync per entry was a good part of a first
	 * build's time): after a crash the entry may be missing or empty,
	 * which cache_get() reads as missing since it wants the exact size;
	 * the rename never exposes a half-written entry. */
	return atomic_write(entry, data, size, ATOMIC_REBUILDABLE);
}

enum vv_err cache_get(const char *entry, void *data, size_t size)
{
	FILE *f = fopen(entry, "rb");
	size_t got;
	int extra;

	if (!f)
		return VV_ERR_NOTFOUND;
	got = fread(data, 1, size, f);
	extra = fgetc(f);
	fclose(f);
	return got == size && extra == EOF ? VV_OK : VV_ERR_NOTFOUND;
}
