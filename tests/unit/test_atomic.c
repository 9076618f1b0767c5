/* Unit tests for common/atomic: the old file survives every failure, no
 * temporary file or descriptor is left behind, and the bundle writer
 * (which commits through it) leaks no descriptor when fsync fails. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder/bundle_write.h"
#include "common/atomic.h"
#include "error_capture.h"
#include "check.h"

/* This program's fsync() replaces libc's for everything linked into it,
 * so the tests can make the disk refuse a sync. */
static int fail_fsync;
int fsync(int fd);
int fsync(int fd)
{
	(void)fd;
	if (fail_fsync) {
		errno = EIO;
		return -1;
	}
	return 0;
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Number of entries in `dir` apart from . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static int file_is(const char *path, const char *want)
{
	char buf[256];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strcmp(buf, want) == 0;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_basic(const char *dir)
{
	char path[512];
	struct atomic_file *af;
	FILE *s;

	snprintf(path, sizeof path, "%s/a.txt", dir);
	put(path, "old");
	chmod(path, 0640);
	CHECK(atomic_write(path, "new", 3, ATOMIC_DURABLE) == VV_OK,
	      "atomic: write succeeds");
	CHECK(file_is(path, "new"), "atomic: new content in place");
	{
		struct stat st;

		CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640,
		      "atomic: keeps the old file's permissions");
	}
	CHECK(count_entries(dir) == 1, "atomic: no temporary file left");

	CHECK(atomic_file_open(path, 0, &af) == VV_OK, "atomic: open");
	s = atomic_file_stream(af);
	fprintf(s, "via %s", "stdio");
	CHECK(strstr(atomic_file_temp(af), "/.a.txt.tmp-") != NULL,
	      "atomic: temporary name is DIR/.NAME.tmp-PID-N");
	CHECK(atomic_temp_owner(strrchr(atomic_file_temp(af), '/') + 1) ==
		      (long)getpid(),
	      "atomic: temporary name gives its owner");
	CHECK(atomic_file_commit(af) == VV_OK && file_is(path, "via stdio"),
	      "atomic: stream commit");

	CHECK(atomic_file_open(path, 0, &af) == VV_OK, "atomic: open again");
	atomic_file_write(af, "dropped", 7);
	atomic_file_abort(af);
	CHECK(file_is(path, "via stdio") && count_entries(dir) == 1,
	      "atomic: abort keeps the old file, removes the temporary");
	CHECK(atomic_temp_owner(".x.tmp-12") == 12 &&
		      atomic_temp_owner(".x.tmp-12-3") == 12 &&
		      atomic_temp_owner("x.tmp-12") == 0 &&
		      atomic_temp_owner(".x.tmp-12-") == 0 &&
		      atomic_temp_owner(".x.tmp-") == 0,
	      "atomic: owner parsing");
}

static void test_fsync_failure(const char *dir)
{
	char path[512];
	int before;

	snprintf(path, sizeof path, "%s/b.txt", dir);
	put(path, "old");
	before = count_fds();
	fail_fsync = 1;
	n_errors = 0;
	first_error[0] = '\0';
	CHECK(atomic_write(path, "new", 3, ATOMIC_DURABLE) == VV_ERR_IO,
	      "atomic: failed fsync is an error");
	fail_fsync = 0;
	CHECK(file_is(path, "old"), "atomic: failed fsync keeps the old file");
	CHECK(strstr(first_error, "b.txt: cannot write") != NULL,
	      "atomic: failed fsync says so, naming the file");
	CHECK(count_fds() == before, "atomic: failed fsync leaks no fd");
	CHECK(count_entries(dir) == 2, "atomic: failed fsync leaves no temp");
}

static void test_bundle_fsync_failure(const char *dir)
{
	char path[512];
	struct bundle_writer *w;
	int before;

	snprintf(path, sizeof path, "%s/x.vvb", dir);
	before = count_fds();
	CHECK(bundle_writer_new(path, &w) == VV_OK, "bundle: writer opens");
	bundle_writer_add_buffer(w, "manifest.xml", "<m/>", 4);
	fail_fsync = 1;
	n_errors = 0;
	first_error[0] = '\0';
	CHECK(bundle_writer_commit(w, NULL, NULL) == VV_ERR_IO,
	      "bundle: failed fsync fails the commit");
	fail_fsync = 0;
	CHECK(count_fds() == before, "bundle: failed fsync leaks no fd");
	CHECK(access(path, F_OK) != 0, "bundle: failed fsync leaves no bundle");
}

static void test_readonly(const char *dir)
{
	char sub[512], path[600];
	int rc;

	snprintf(sub, sizeof sub, "%s/ro", dir);
	mkdir(sub, 0777);
	snprintf(path, sizeof path, "%s/c.txt", sub);
	put(path, "old");
	/* A read-only bind mount stops root too. */
	if (geteuid() == 0 && mount(sub, sub, NULL, MS_BIND, NULL) == 0 &&
	    mount(NULL, sub, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) ==
		    0) {
		n_errors = 0;
	first_error[0] = '\0';
		rc = atomic_write(path, "new", 3, ATOMIC_DURABLE);
			CHECK(rc == VV_ERR_IO && file_is(path, "old"),
		      "atomic: read-only folder fails, old file kept");
		CHECK(strstr(first_error, "c.txt: cannot write") != NULL,
		      "atomic: read-only folder error names the file");
		umount(sub);
	} else {
		chmod(sub, 0555);
		if (access(path, W_OK) == 0 && geteuid() == 0)
			printf("# skipped the read-only case: no bind mount\n");
		else {
			CHECK(atomic_write(path, "new", 3, 0) == VV_ERR_IO &&
				      file_is(path, "old"),
			      "atomic: read-only folder fails, old file kept");
		}
		chmod(sub, 0777);
	}
}

static void test_full_disk(const char *dir)
{
	char mnt[512], path[600], big[16384];
	int rc;

	snprintf(mnt, sizeof mnt, "%s/full", dir);
	mkdir(mnt, 0777);
	if (geteuid() != 0 ||
	    mount("tmpfs", mnt, "tmpfs", 0, "size=16k") != 0) {
		printf("# skipped the full-disk case: cannot mount a tmpfs\n");
		return;
	}
	snprintf(path, sizeof path, "%s/d.txt", mnt);
	put(path, "old");
	memset(big, 'x', sizeof big);
	n_errors = 0;
	first_error[0] = '\0';
	rc = atomic_write(path, big, sizeof big, ATOMIC_DURABLE);
	CHECK(rc == VV_ERR_IO, "atomic: full disk is an error");
	CHECK(file_is(path, "old"), "atomic: full disk keeps the old file");
	CHECK(strstr(first_error, "free some space") != NULL,
	      "atomic: full disk says to free space");
	CHECK(count_entries(mnt) == 1, "atomic: full disk leaves no temp");
	umount(mnt);
}

int main(void)
{
	char dir[] = "/tmp/vv-atomic-XXXXXX";
	char cmd[128];

	vv_error_set_hook(capture_error, NULL);
	if (!mkdtemp(dir))
		return 1;
	test_basic(dir);
	test_fsync_failure(dir);
	test_bundle_fsync_failure(dir);
	test_readonly(dir);
	test_full_disk(dir);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return CHECK_DONE();
}
