/* task: one piece of work on a detached thread; see task.h. */
#include "player/core/task.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/core/clock.h"

/* Lines of vv_error kept per task; the later ones are not reported
 * (a library scan's are in its notes too). */
#define TASK_LINES 64

/* Shared by the caller and the thread until both let go (`refs`). */
struct task {
	int refs;            /* under task_lock: the caller's, the thread's */
	int done;            /* under task_lock */
	int collected;       /* the caller's only */
	double started;      /* clock_wall() at task_start() */
	void (*run)(void *arg);
	void (*free_arg)(void *arg);
	void *arg;
	/* written by the thread before `done`, read by the caller after */
	char *lines[TASK_LINES];
	int n_lines;
};

static pthread_mutex_t task_lock = PTHREAD_MUTEX_INITIALIZER;

static void task_destroy(struct task *t)
{
	for (int i = 0; i < t->n_lines; i++)
		free(t->lines[i]);
	if (t->free_arg)
		t->free_arg(t->arg);
	free(t);
}

/* Lets go of one reference; the last one frees the task. */
static void task_release(struct task *t)
{
	int last;

	pthread_mutex_lock(&task_lock);
	last = --t->refs == 0;
	pthread_mutex_unlock(&task_lock);
	if (last)
		task_destroy(t);
}

/* The thread's vv_error lines, kept for task_collect(). */
static void keep_line(const char *line, void *user)
{
	struct task *t = user;

	if (t->n_lines < TASK_LINES && (t->lines[t->n_lines] = strdup(line)))
		t->n_lines++;
}

/* Runs the work with its lines kept, and marks it done. */
static void task_run(struct task *t)
{
	void (*outer)(const char *line, void *user);
	void *outer_user;

	outer = vv_error_thread_capture(&outer_user);
	vv_error_set_thread_capture(keep_line, t);
	t->run(t->arg);
	vv_error_set_thread_capture(outer, outer_user);
	pthread_mutex_lock(&task_lock);
	t->done = 1;
	pthread_mutex_unlock(&task_lock);
}

static void *task_thread(void *arg)
{
	struct task *t = arg;

	task_run(t);
	task_release(t);
	return NULL;
}

enum vv_err task_start(void (*run)(void *arg), void (*free_arg)(void *arg),
		       void *arg, struct task **out)
{
	struct task *t = calloc(1, sizeof *t);
	pthread_attr_t attr;
	pthread_t thread;
	int rc;

	*out = NULL;
	if (!t) {
		if (free_arg)
			free_arg(arg);
		return VV_ERR_NOMEM;
	}
	t->refs = 2;
	t->run = run;
	t->free_arg = free_arg;
	t->arg = arg;
	t->started = clock_wall();
	rc = pthread_attr_init(&attr);
	if (rc == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		rc = pthread_create(&thread, &attr, task_thread, t);
		pthread_attr_destroy(&attr);
	}
	if (rc != 0) {
		/* No thread: the work runs here. */
		task_run(t);
		t->refs--;  /* the thread's reference */
	}
	*out = t;
	return VV_OK;
}

int task_done(const struct task *t)
{
	int done;

	if (!t)
		return 0;
	pthread_mutex_lock(&task_lock);
	done = t->done;
	pthread_mutex_unlock(&task_lock);
	return done;
}

int task_wait(const struct task *t, double seconds)
{
	const struct timespec tick = { 0, 1000 * 1000 };

	while (t && !task_done(t) && task_age(t) < seconds)
		nanosleep(&tick, NULL);
	return task_done(t);
}

double task_age(const struct task *t)
{
	return t ? clock_wall() - t->started : 0;
}

void *task_collect(struct task *t)
{
	if (!task_done(t))
		return NULL;
	if (!t->collected) {
		t->collected = 1;
		for (int i = 0; i < t->n_lines; i++)
			vv_error_replay(t->lines[i]);
	}
	return t->arg;
}

void task_free(struct task *t)
{
	if (t)
		task_release(t);
}
