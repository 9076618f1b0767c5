/* stat_hang: file system calls that hang as they do on a network share
 * that stopped answering (NFS, SMB), preloaded into the player by the
 * end-to-end tests (LD_PRELOAD). A stat(), lstat(), opendir(), open(),
 * openat() or inotify_add_watch() of exactly $VV_HANG_PATH, or of a path
 * under it ($VV_HANG_PATH/...), once the file $VV_HANG_DIR/hang exists,
 * appends a line to $VV_HANG_DIR/blocked ("main" when the caller is the
 * process's main thread, else "thread"; then the call's name) and waits
 * until $VV_HANG_DIR/release exists. Every other call is the C
 * library's. */
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int exists_in(const char *dir, const char *name)
{
	char p[4096];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

/* Blocks the call `what` of `path` while the share "hangs". */
static void maybe_hang(const char *what, const char *path)
{
	const char *hang = getenv("VV_HANG_PATH");
	const char *dir = getenv("VV_HANG_DIR");
	size_t n;
	char p[4096];
	FILE *f;
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (!hang || !dir || !path)
		return;
	n = strlen(hang);
	if (strncmp(path, hang, n) != 0 || (path[n] && path[n] != '/'))
		return;
	if (!exists_in(dir, "hang") || exists_in(dir, "release"))
		return;
	snprintf(p, sizeof p, "%s/blocked", dir);
	f = fopen(p, "a");
	if (f) {
		fprintf(f, "%s %s\n", gettid() == getpid() ? "main" : "thread",
			what);
		fclose(f);
	}
	while (!exists_in(dir, "release"))
		nanosleep(&tick, NULL);
}

#define REAL(name) \
	static __typeof__(name) *real; \
	if (!real) \
		*(void **)&real = dlsym(RTLD_NEXT, #name)

int stat(const char *path, struct stat *st)
{
	REAL(stat);
	maybe_hang("stat", path);
	return real ? real(path, st) : -1;
}

int lstat(const char *path, struct stat *st)
{
	REAL(lstat);
	maybe_hang("lstat", path);
	return real ? real(path, st) : -1;
}

DIR *opendir(const char *path)
{
	REAL(opendir);
	maybe_hang("opendir", path);
	return real ? real(path) : NULL;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	REAL(open);
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	maybe_hang("open", path);
	return real ? real(path, flags, mode) : -1;
}

int openat(int fd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	REAL(openat);
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	maybe_hang("openat", path);
	return real ? real(fd, path, flags, mode) : -1;
}

int inotify_add_watch(int fd, const char *path, uint32_t mask)
{
	REAL(inotify_add_watch);
	maybe_hang("inotify_add_watch", path);
	return real ? real(fd, path, mask) : -1;
}
