/* Unit tests for player/core/watch: which changes in a bundle folder
 * inotify reports, and which it leaves alone. The kernel queues an event
 * before the system call that caused it returns, so each case polls
 * right after its change. */
#include "player/core/watch.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/error_capture.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name)
{
	char p[128];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "w");
	if (f) {
		fputs("x", f);
		fclose(f);
	}
}

static int move(const char *from, const char *to)
{
	char a[128], b[128];

	snprintf(a, sizeof a, "%s/%s", dir, from);
	snprintf(b, sizeof b, "%s/%s", dir, to);
	return rename(a, b);
}

static int drop(const char *name)
{
	char p[128];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return unlink(p);
}

/* watch_check() and waits for its look to end, as a kiosk that calls
 * watch_poll() until it has: the bits of both. */
static unsigned check_and_wait(struct watch *w)
{
	unsigned bits = watch_check(w);

	while (watch_checking(w))
		sched_yield();
	return bits | watch_poll(w);
}

/* A stat() that hangs as one on a network file system that stopped
 * answering: it blocks until `release`, after posting `entered`. Called
 * on the test's own thread (the kiosk's main thread, which draws), it
 * notes that it would have frozen it, and does not block, so that the
 * test fails rather than hangs. */
static pthread_t main_thread;
static sem_t entered, release;
static int calls, on_caller;

static int hanging_stat(const char *path, struct stat *st)
{
	calls++;
	if (pthread_equal(pthread_self(), main_thread)) {
		on_caller++;
	} else {
		sem_post(&entered);
		sem_wait(&release);
	}
	return stat(path, st);
}

/* The kiosk's library is on a network share that stops answering: the
 * look blocks in stat(), and the caller (the main loop, which draws the
 * screen) goes on; the look's result comes once the share answers. */
static void test_hung_share(void)
{
	struct watch *share = NULL;
	char mount[128], lib[160], gone[128];
	int i, returned = 0;

	main_thread = pthread_self();
	sem_init(&entered, 0, 0);
	sem_init(&release, 0, 0);
	/* the share's mount point, and the library folder on it */
	snprintf(mount, sizeof mount, "%s/nfs", dir);
	snprintf(lib, sizeof lib, "%s/share", mount);
	snprintf(gone, sizeof gone, "%s/nfs.gone", dir);
	mkdir(mount, 0700);
	mkdir(lib, 0700);
	if (watch_new(&share) != VV_OK || watch_add(share, lib) != VV_OK)
		return;
	watch_set_stat(share, hanging_stat);
	CHECK(watch_check(share) == 0 && on_caller == 0,
	      "watch: a look does not stat on the caller's thread");
	if (on_caller) {
		/* nothing blocks: the checks below would hang */
		watch_free(share);
		rmdir(lib);
		rmdir(mount);
		return;
	}
	sem_wait(&entered);
	/* the main loop's turns while the share hangs: each returns */
	for (i = 0; i < 100; i++)
		returned += watch_poll(share) == 0 && watch_check(share) == 0 &&
			    watch_checking(share);
	CHECK(returned == 100 && calls == 1,
	      "watch: while a look's stat() blocks, polls and checks return "
	      "at once, and no second look starts");
	/* the share answers again: the folder is still there */
	sem_post(&release);
	while (watch_checking(share))
		sched_yield();
	CHECK(watch_poll(share) == 0 && !watch_checking(share),
	      "watch: the look ends once the share answers; nothing lost");
	/* the share unmounted while it hangs (no event: the folder itself
	 * did not move): lost, once the look ends */
	CHECK(rename(mount, gone) == 0 && watch_check(share) == 0,
	      "watch: a look starts again");
	sem_wait(&entered);
	CHECK(watch_poll(share) == 0, "watch: nothing yet while it hangs");
	sem_post(&release);
	while (watch_checking(share))
		sched_yield();
	CHECK(watch_poll(share) == WATCH_LOST,
	      "watch: the look's lost folder comes through watch_poll()");
	/* freed while a look hangs: the look ends on its own afterwards */
	CHECK(rename(gone, mount) == 0 && watch_check(share) == 0,
	      "watch: a look started before the watch is freed");
	sem_wait(&entered);
	watch_free(share);
	sem_post(&release);
	rmdir(lib);
	rmdir(mount);
}

int main(void)
{
	struct watch *w = NULL, *one = NULL;
	char file[128];

	snprintf(dir, sizeof dir, "/tmp/test_watch.XXXXXX");
	if (!mkdtemp(dir) || watch_new(&w) != VV_OK || watch_new(&one) != VV_OK)
		return 1;
	CHECK(watch_add(w, dir) == VV_OK && watch_poll(w) == 0,
	      "watch: a folder, nothing yet");

	put(".a.vvb.tmp");
	CHECK(watch_poll(w) == 0,
	      "watch: a dot-file written is not a bundle");
	CHECK(move(".a.vvb.tmp", "a.vvb") == 0 &&
	      watch_poll(w) == WATCH_BUNDLES,
	      "watch: a bundle renamed in (an updater's install)");
	put("b.vvb");
	CHECK(watch_poll(w) == WATCH_BUNDLES,
	      "watch: a bundle written and closed (a copy)");
	CHECK(drop("b.vvb") == 0 && watch_poll(w) == WATCH_BUNDLES,
	      "watch: a bundle deleted");
	{
		/* A copy in progress: written, not yet closed. */
		char p[128], other[128];
		int fd;

		snprintf(p, sizeof p, "%s/e.vvb", dir);
		snprintf(other, sizeof other, "%s/b.vvb", dir);
		fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		CHECK(fd >= 0 && write(fd, "ab", 2) == 2 &&
		      watch_poll(w) == WATCH_BUNDLES && watch_writing(w, p) &&
		      !watch_writing(w, other),
		      "watch: a bundle written, not closed, is being written "
		      "(a rescan: it is not the bundle it was)");
		CHECK(fd >= 0 && write(fd, "cd", 2) == 2 &&
		      watch_poll(w) == 0 && watch_writing(w, p),
		      "watch: its next writes ask for no rescan");
		CHECK(fd >= 0 && close(fd) == 0 &&
		      watch_poll(w) == WATCH_BUNDLES && !watch_writing(w, p),
		      "watch: closed, it is written (a rescan), no longer "
		      "being written");
		fd = open(p, O_WRONLY | O_APPEND);
		CHECK(fd >= 0 && write(fd, "c", 1) == 1 &&
		      watch_poll(w) == WATCH_BUNDLES && watch_writing(w, p) &&
		      drop("e.vvb") == 0 && watch_poll(w) == WATCH_BUNDLES &&
		      !watch_writing(w, p),
		      "watch: a bundle deleted while written is not being "
		      "written");
		if (fd >= 0)
			close(fd);
		watch_poll(w);
		CHECK(!watch_writing(NULL, p), "watch: NULL writes nothing");
	}
	{
		/* Staff fix a bundle's permissions, as the overlay told
		 * them: the kiosk must look again. */
		char p[128];

		put("f.vvb");
		watch_poll(w);
		snprintf(p, sizeof p, "%s/f.vvb", dir);
		CHECK(chmod(p, 0644) == 0 && watch_poll(w) == WATCH_BUNDLES,
		      "watch: a bundle's permissions changed");
		drop("f.vvb");
		watch_poll(w);
	}
	put("notes.txt");
	put(".a.vvb.part");
	CHECK(watch_poll(w) == 0,
	      "watch: other files and partial downloads are not bundles");
	put(".veiviser-sync.lock");
	CHECK(watch_poll(w) == 0,
	      "watch: veiviser-sync's lock file is neither bundle nor status");
	put(".status.tmp");
	CHECK(move(".status.tmp", ".veiviser-sync.json") == 0 &&
	      watch_poll(w) == WATCH_STATUS,
	      "watch: the sync status renamed into place");
	{
		char sub[128];

		snprintf(sub, sizeof sub, "%s/sub", dir);
		mkdir(sub, 0700);
		watch_poll(w);
	}
	CHECK(move("a.vvb", "sub/a.vvb") == 0 &&
	      watch_poll(w) == WATCH_BUNDLES,
	      "watch: a bundle moved out");

	/* A bundle given by name: its folder, for that name only. */
	put("c.vvb");
	snprintf(file, sizeof file, "%s/c.vvb", dir);
	CHECK(watch_add(one, file) == VV_OK && watch_poll(one) == 0,
	      "watch: a bundle file");
	put("d.vvb");
	CHECK(watch_poll(one) == 0, "watch: another bundle in its folder is "
	      "not its business");
	put("c.vvb");
	CHECK(watch_poll(one) == WATCH_BUNDLES, "watch: the bundle rewritten");

	{
		/* The library is a folder on a USB stick: the stick pulled
		 * out (its mount point emptied, the path gone) and another
		 * put in send the old watch no event; watch_check() sees
		 * that the path no longer leads to the watched folder. */
		struct watch *usb = NULL;
		char stick[128], lib[256], old[160];

		snprintf(stick, sizeof stick, "%s/stick", dir);
		snprintf(lib, sizeof lib, "%s/lib", stick);
		snprintf(old, sizeof old, "%s/stick.old", dir);
		mkdir(stick, 0700);
		mkdir(lib, 0700);
		watch_poll(w);
		CHECK(watch_new(&usb) == VV_OK && watch_add(usb, lib) == VV_OK &&
		      check_and_wait(usb) == 0,
		      "watch: a folder that is still there checks out");
		CHECK(rename(stick, old) == 0 && watch_poll(usb) == 0 &&
		      check_and_wait(usb) == WATCH_LOST,
		      "watch: its parent gone (a stick pulled out), no event, "
		      "but the check says lost");
		mkdir(stick, 0700);
		mkdir(lib, 0700);
		CHECK(check_and_wait(usb) == WATCH_LOST,
		      "watch: another folder at the path (another stick) is "
		      "lost too");
		CHECK(watch_check(NULL) == 0, "watch: NULL checks nothing");
		watch_free(usb);
		rmdir(lib);
		rmdir(stick);
		snprintf(lib, sizeof lib, "%s/lib", old);
		rmdir(lib);
		rmdir(old);
		watch_poll(w);
	}

	test_hung_share();
	watch_poll(w);

	fprintf(stderr, "(the next line is an expected error)\n");
	n_errors = 0;
	vv_error_set_hook(capture_error, NULL);
	CHECK(watch_add(w, "/nonexistent/bundles") == VV_ERR_IO &&
	      n_errors == 1 && strstr(first_error, "/nonexistent/bundles"),
	      "watch: a missing folder is one line naming it");
	vv_error_set_hook(NULL, NULL);

	drop("c.vvb");
	drop("d.vvb");
	drop("notes.txt");
	drop(".a.vvb.part");
	drop(".veiviser-sync.lock");
	drop(".veiviser-sync.json");
	drop("sub/a.vvb");
	{
		char sub[128];

		snprintf(sub, sizeof sub, "%s/sub", dir);
		rmdir(sub);
	}
	watch_poll(w);
	CHECK(rmdir(dir) == 0 && (watch_poll(w) & WATCH_LOST),
	      "watch: the folder removed is a lost watch");
	watch_free(w);
	watch_free(one);
	watch_free(NULL);
	CHECK(watch_poll(NULL) == 0, "watch: NULL is a no-op");
	return CHECK_DONE();
}
