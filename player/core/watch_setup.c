/* watch_setup: a watch made on a thread of its own; see watch_setup.h. */
#include "player/core/watch_setup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "player/core/task.h"
#include "player/core/watch.h"

/* What the setup's thread works on: copies of the paths, its result. */
struct setup_job {
	char **paths;
	int n;
	int all;
	struct watch_setup_result result;
};

struct watch_setup {
	struct task *task;
	int taken;
};

static void setup_job_free(void *arg)
{
	struct setup_job *job = arg;

	watch_free(job->result.watch);
	for (int i = 0; i < job->n; i++)
		free(job->paths[i]);
	free(job->paths);
	free(job);
}

static void setup_job_run(void *arg)
{
	struct setup_job *job = arg;
	struct watch_setup_result *r = &job->result;
	struct stat st;
	int i, *there = calloc((size_t)job->n + 1, sizeof *there);

	if (!there)
		return;
	for (i = 0; i < job->n; i++) {
		there[i] = stat(job->paths[i], &st) == 0;
		if (!there[i] && errno == ENOENT)
			r->missing = 1;
		if (there[i] && S_ISDIR(st.st_mode) && r->first_dir < 0)
			r->first_dir = i;
		if (!there[i] && job->all)
			goto out;  /* quiet: tried again later */
	}
	if (watch_new(&r->watch) != VV_OK)
		goto out;
	for (i = 0; i < job->n; i++) {
		if ((there[i] || !job->all) &&
		    watch_add(r->watch, job->paths[i]) == VV_OK) {
			r->watched++;
		} else if (job->all) {
			watch_free(r->watch);
			r->watch = NULL;
			r->watched = 0;
			break;
		}
	}
out:
	free(there);
}

enum vv_err watch_setup_start(const char *const *paths, int n, int all,
			      struct watch_setup **out)
{
	struct watch_setup *s = calloc(1, sizeof *s);
	struct setup_job *job = calloc(1, sizeof *job);
	int i;

	*out = NULL;
	if (!s || !job || !(job->paths = calloc((size_t)n + 1,
						 sizeof *job->paths))) {
		free(s);
		free(job);
		return VV_ERR_NOMEM;
	}
	job->all = all;
	job->result.first_dir = -1;
	for (i = 0; i < n; i++, job->n++)
		if (!(job->paths[i] = strdup(paths[i])))
			break;
	if (i < n) {
		setup_job_free(job);
		free(s);
		return VV_ERR_NOMEM;
	}
	if (task_start(setup_job_run, setup_job_free, job, &s->task) !=
	    VV_OK) {
		free(s);  /* the task freed the job */
		return VV_ERR_NOMEM;
	}
	*out = s;
	return VV_OK;
}

int watch_setup_done(const struct watch_setup *s)
{
	return s && task_done(s->task);
}

double watch_setup_age(const struct watch_setup *s)
{
	return s ? task_age(s->task) : 0;
}

enum vv_err watch_setup_take(struct watch_setup *s,
			     struct watch_setup_result *result)
{
	struct setup_job *job = s ? task_collect(s->task) : NULL;

	memset(result, 0, sizeof *result);
	result->first_dir = -1;
	if (!job || s->taken)
		return VV_ERR_INTERNAL;
	s->taken = 1;
	*result = job->result;
	job->result.watch = NULL;
	return VV_OK;
}

void watch_setup_free(struct watch_setup *s)
{
	if (!s)
		return;
	task_free(s->task);
	free(s);
}
