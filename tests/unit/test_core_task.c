/* Unit tests for player/core/task, rescan and watch_setup: work on a
 * thread of its own whose result the caller takes when it ended, whose
 * error lines reach the caller's thread, and which can be let go while
 * it is blocked (as on a network share that stopped answering) without
 * the caller waiting; what it owns is freed when it ends. */
#include "player/core/library.h"
#include "player/core/rescan.h"
#include "player/core/task.h"
#include "player/core/watch.h"
#include "player/core/watch_setup.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/error_capture.h"

#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A piece of work that blocks until released, as a stat() on a hung
 * share; it prints one error line when it goes on. */
struct blocker {
	sem_t release;  /* posted by the test: the share answers */
	sem_t freed;    /* posted by blocker_free() */
	int ran;
};

static void blocker_run(void *arg)
{
	struct blocker *b = arg;

	while (sem_wait(&b->release) != 0)
		;
	vv_error("share", 0, "answered late");
	b->ran = 1;
}

/* Does not free: the test reads the blocker afterwards. */
static void blocker_free(void *arg)
{
	struct blocker *b = arg;

	sem_post(&b->freed);
}

static void quick_run(void *arg)
{
	*(int *)arg = 42;
	vv_error("quick", 0, "a line from the thread");
}

/* Waits (yielding) until fn(arg) is true; 0 after a great many turns. */
static int until(int (*fn)(const void *), const void *arg)
{
	for (long i = 0; i < 50000000L; i++) {
		if (fn(arg))
			return 1;
		sched_yield();
	}
	return 0;
}

static int rescan_ended(const void *r)
{
	return rescan_done(r);
}

static int setup_ended(const void *s)
{
	return watch_setup_done(s);
}

static void check_task(void)
{
	struct task *t = NULL;
	struct blocker b;
	int value = 0, *got;

	/* A task that ends: its result and its line, on this thread. */
	n_errors = 0;
	first_error[0] = 0;
	CHECK(task_start(quick_run, NULL, &value, &t) == VV_OK && t,
	      "task: starts");
	CHECK(task_wait(t, 60) == 1, "task: a bounded wait sees it end");
	CHECK(n_errors == 0, "task: its line is not printed on its thread");
	got = task_collect(t);
	CHECK(got == &value && *got == 42, "task: its result is handed over");
	CHECK(n_errors == 1 && strstr(first_error, "a line from the thread"),
	      "task: its line is reported when collected");
	task_collect(t);
	CHECK(n_errors == 1, "task: its lines are reported once");
	task_free(t);

	/* A task that blocks: let go of at once, it frees its work when
	 * it ends, and its line goes nowhere. */
	memset(&b, 0, sizeof b);
	sem_init(&b.release, 0, 0);
	sem_init(&b.freed, 0, 0);
	n_errors = 0;
	CHECK(task_start(blocker_run, blocker_free, &b, &t) == VV_OK,
	      "task: a blocking one starts");
	CHECK(!task_done(t) && task_collect(t) == NULL,
	      "task: nothing to collect while it blocks");
	CHECK(task_age(t) >= 0, "task: it has an age");
	CHECK(task_wait(t, 0.05) == 0 && task_age(t) >= 0.05,
	      "task: a bounded wait on a blocked one gives up in time");
	task_free(t);  /* must not wait */
	CHECK(sem_trywait(&b.freed) != 0,
	      "task: let go of while blocked, its work is not freed yet");
	sem_post(&b.release);
	while (sem_wait(&b.freed) != 0)
		;
	CHECK(b.ran == 1 && n_errors == 0,
	      "task: it ends after it was let go of, frees its work, and "
	      "reports no line");
	sem_destroy(&b.release);
	sem_destroy(&b.freed);
	CHECK(task_done(NULL) == 0 && task_collect(NULL) == NULL,
	      "task: NULL");
	task_free(NULL);
}

static void check_rescan(const char *dir)
{
	char missing[128];
	const char *paths[2];
	struct rescan_config c;
	struct rescan *r = NULL;
	struct library *lib = NULL;

	snprintf(missing, sizeof missing, "%s/not-there", dir);
	paths[0] = dir;
	paths[1] = missing;
	memset(&c, 0, sizeof c);
	c.paths = paths;
	c.n_paths = 2;
	n_errors = 0;
	first_error[0] = 0;
	CHECK(rescan_start(&c, &r) == VV_OK && r, "rescan: starts");
	CHECK(until(rescan_ended, r), "rescan: ends");
	CHECK(n_errors == 0, "rescan: no line before it is taken");
	CHECK(rescan_take(r, &lib) == VV_OK && lib,
	      "rescan: its library is taken");
	CHECK(n_errors == 1 && strstr(first_error, "not-there"),
	      "rescan: the missing path's line is reported when taken");
	CHECK(lib && library_n_notes(lib) == 1 &&
	      library_note(lib, 0)->kind == LIBRARY_NOTE_MISSING,
	      "rescan: the missing path is a note of the library");
	library_free(lib);
	CHECK(rescan_take(r, &lib) == VV_ERR_INTERNAL && !lib,
	      "rescan: taken once only");
	rescan_free(r);
	rescan_free(NULL);
}

static void check_watch_setup(const char *dir)
{
	char missing[128];
	const char *paths[2];
	struct watch_setup *s = NULL;
	struct watch_setup_result res;
	struct watch *made;

	snprintf(missing, sizeof missing, "%s/not-there", dir);
	paths[0] = missing;
	paths[1] = dir;
	n_errors = 0;
	CHECK(watch_setup_start(paths, 2, 1, &s) == VV_OK &&
	      until(setup_ended, s) &&
	      watch_setup_take(s, &res) == VV_OK,
	      "watch setup: all paths, one missing, ends");
	CHECK(!res.watch && res.missing && n_errors == 0,
	      "watch setup: all or none: none, quietly");
	watch_setup_free(s);

	n_errors = 0;
	CHECK(watch_setup_start(paths, 2, 0, &s) == VV_OK &&
	      until(setup_ended, s) &&
	      watch_setup_take(s, &res) == VV_OK,
	      "watch setup: what can be watched, ends");
	CHECK(res.watch && res.watched == 1 && res.missing &&
	      res.first_dir == 1,
	      "watch setup: the folder is watched, the missing one noted");
	CHECK(n_errors == 1 && strstr(first_error, "not-there"),
	      "watch setup: the missing path's line is reported when taken");
	made = res.watch;
	CHECK(watch_setup_take(s, &res) == VV_ERR_INTERNAL && !res.watch,
	      "watch setup: taken once only");
	watch_setup_free(s);
	watch_free(made);
}

int main(void)
{
	char dir[64];

	snprintf(dir, sizeof dir, "/tmp/test_task.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	vv_error_set_hook(capture_error, NULL);
	puts("(lines on stderr below are expected)");
	check_task();
	check_rescan(dir);
	check_watch_setup(dir);
	vv_error_set_hook(NULL, NULL);
	rmdir(dir);
	return CHECK_DONE();
}
