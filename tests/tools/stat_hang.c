/* stat_hang: a stat() that hangs as it does on a network share that
 * stopped answering (NFS, SMB), preloaded into the player by the
 * end-to-end tests (LD_PRELOAD). A stat() of exactly $VV_HANG_PATH, once
 * the file $VV_HANG_DIR/hang exists, writes $VV_HANG_DIR/blocked (its
 * text: "main" when the caller is the process's main thread, else
 * "thread") and waits until $VV_HANG_DIR/release exists. Every other
 * call is the C library's. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int exists_in(const char *dir, const char *name)
{
	char p[4096];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

int stat(const char *path, struct stat *st)
{
	static int (*real)(const char *, struct stat *);
	const char *hang = getenv("VV_HANG_PATH");
	const char *dir = getenv("VV_HANG_DIR");

	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "stat");
	if (hang && dir && strcmp(path, hang) == 0 &&
	    exists_in(dir, "hang") && !exists_in(dir, "release")) {
		char p[4096];
		FILE *f;
		const struct timespec tick = { 0, 10 * 1000 * 1000 };

		snprintf(p, sizeof p, "%s/blocked", dir);
		f = fopen(p, "w");
		if (f) {
			fputs(gettid() == getpid() ? "main\n" : "thread\n", f);
			fclose(f);
		}
		while (!exists_in(dir, "release"))
			nanosleep(&tick, NULL);
	}
	return real ? real(path, st) : -1;
}
