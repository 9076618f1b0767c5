/* rescan: a library scan on a thread of its own; see rescan.h. */
#include "player/core/rescan.h"

#include <stdlib.h>
#include <string.h>

#include "common/sign.h"
#include "player/core/library.h"
#include "player/core/task.h"
#include "player/core/trust.h"

/* What the scan's thread works on: its own copies, and its result. */
struct scan_job {
	char **paths;
	int n_paths;
	struct trust *trust;          /* a copy, or NULL */
	struct sign_keyring keys;     /* a copy */
	char **writing;
	size_t n_writing;
	struct library *lib;          /* the result, until taken */
	enum vv_err err;
};

struct rescan {
	struct task *task;
	int taken;
};

static void scan_job_free(void *arg)
{
	struct scan_job *job = arg;
	int i;
	size_t k;

	library_free(job->lib);
	for (i = 0; i < job->n_paths; i++)
		free(job->paths[i]);
	free(job->paths);
	for (k = 0; k < job->n_writing; k++)
		free(job->writing[k]);
	free(job->writing);
	trust_free(job->trust);
	sign_keyring_clear(&job->keys);
	free(job);
}

static int being_written(const char *path, void *user)
{
	const struct scan_job *job = user;

	for (size_t k = 0; k < job->n_writing; k++)
		if (strcmp(job->writing[k], path) == 0)
			return 1;
	return 0;
}

static void scan_job_run(void *arg)
{
	struct scan_job *job = arg;

	job->err = library_new(NULL, NULL, &job->lib);
	if (job->err != VV_OK)
		return;
	library_set_trust(job->lib, job->trust);
	library_set_background(job->lib, 1);
	library_set_keys(job->lib, &job->keys);
	library_set_writing(job->lib, being_written, job);
	for (int i = 0; i < job->n_paths && job->err == VV_OK; i++)
		job->err = library_scan(job->lib, job->paths[i]);
}

/* Copies `n` strings into *out; 0, or -1 when out of memory (*out then
 * holds what was copied, NULL-filled, for the caller to free). */
static int copy_strings(const char *const *from, size_t n, char ***out)
{
	*out = n ? calloc(n, sizeof **out) : NULL;
	if (n && !*out)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!((*out)[i] = strdup(from[i])))
			return -1;
	return 0;
}

/* A job with copies of what `c` names; NULL when out of memory. */
static struct scan_job *scan_job_new(const struct rescan_config *c)
{
	struct scan_job *job = calloc(1, sizeof *job);

	if (!job)
		return NULL;
	job->n_paths = c->n_paths;
	job->n_writing = c->n_writing;
	if (copy_strings(c->paths, (size_t)c->n_paths, &job->paths) ||
	    copy_strings(c->writing, c->n_writing, &job->writing) ||
	    trust_copy(c->trust, &job->trust) != VV_OK)
		goto fail;
	if (c->keys && c->keys->n) {
		job->keys.keys = malloc(c->keys->n * sizeof *c->keys->keys);
		if (!job->keys.keys)
			goto fail;
		memcpy(job->keys.keys, c->keys->keys,
		       c->keys->n * sizeof *c->keys->keys);
		job->keys.n = c->keys->n;
	}
	return job;
fail:
	if (!job->paths)
		job->n_paths = 0;
	if (!job->writing)
		job->n_writing = 0;
	scan_job_free(job);
	return NULL;
}

enum vv_err rescan_start(const struct rescan_config *config,
			 struct rescan **out)
{
	struct rescan *r = calloc(1, sizeof *r);
	struct scan_job *job = r ? scan_job_new(config) : NULL;

	*out = NULL;
	if (!job) {
		free(r);
		return VV_ERR_NOMEM;
	}
	if (task_start(scan_job_run, scan_job_free, job, &r->task) != VV_OK) {
		free(r);  /* the task freed the job */
		return VV_ERR_NOMEM;
	}
	*out = r;
	return VV_OK;
}

int rescan_done(const struct rescan *r)
{
	return r && task_done(r->task);
}

double rescan_age(const struct rescan *r)
{
	return r ? task_age(r->task) : 0;
}

enum vv_err rescan_take(struct rescan *r, struct library **lib)
{
	struct scan_job *job = r ? task_collect(r->task) : NULL;

	*lib = NULL;
	if (!job || r->taken)
		return VV_ERR_INTERNAL;
	r->taken = 1;
	if (job->err != VV_OK)
		return job->err;
	*lib = job->lib;
	job->lib = NULL;
	/* the job's copies go with it */
	library_set_trust(*lib, NULL);
	library_set_keys(*lib, NULL);
	library_set_writing(*lib, NULL, NULL);
	return VV_OK;
}

void rescan_free(struct rescan *r)
{
	if (!r)
		return;
	task_free(r->task);
	free(r);
}
