/* library: bundle discovery, verification and the language/level index. */
#include "player/core/library.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/i18n.h"
#include "common/sign.h"
#include "common/version.h"
#include "player/core/trust.h"

#define LIBRARY_MAX_BUNDLES 10000

struct entry {
	struct bundle *bundle;
	int owned;
	int pending;       /* queued for the background hash, not yet found
			    * intact */
	size_t lang_rank;  /* index in the language table */
	int level_rank;
	/* A newer version of the pack, queued for the background hash: not
	 * offered until found intact, so that a damaged copy never takes a
	 * good older one's place (library_poll()). NULL: none. */
	struct bundle *newer;
	int newer_owned;
};

/* A bundle opened at start without a record: offered at once (its
 * members are checked as they are read), hashed whole by the worker. */
enum job_state {
	JOB_WAITING,
	JOB_RUNNING,
	JOB_GOOD,      /* hashed whole and intact */
	JOB_BAD,       /* a member failed; message says which */
	JOB_COLLECTED, /* handed to the main thread by library_poll() */
};

struct job {
	struct bundle *bundle;
	enum job_state state;   /* under library.lock */
	char message[1400];     /* the worker's vv_error line, when bad */
	enum vv_err err;        /* the worker's result */
};

struct library {
	struct entry *entries;   /* sorted by (lang_rank, level_rank, id) */
	size_t n, cap;
	struct library_note *notes;
	size_t n_notes, cap_notes;
	void (*log)(const char *line, void *user);
	void *user;
	char last_error[1400];   /* last vv_error line during a scan */
	/* the scanning thread's own capture of its vv_error lines, if it
	 * has one (a rescan on a thread of its own), while add_file()
	 * captures them; else NULL */
	void (*outer)(const char *line, void *user);
	void *outer_user;
	int (*writing)(const char *path, void *user); /* or NULL */
	void *writing_user;
	/* why check_origin() refused the bundle being added, and the
	 * signer's key id (LIBRARY_NOTE_OTHER: it did not) */
	enum library_note_kind origin_kind;
	char origin_key[SIGN_ID_HEX_SIZE];
	enum vv_err note_err;    /* the next note's err */
	struct trust *trust;     /* verified-bundle records, or NULL */
	size_t n_verified, n_trusted;
	const struct sign_keyring *keys; /* trusted signers, or NULL */
	size_t n_unsigned;               /* refused for their origin */
	/* Background verification (library_set_background()). The jobs
	 * array does not move once the worker runs; each job's state is
	 * under `lock`; the bundles are read by the worker (pread on their
	 * descriptor) and by the main thread at once, which is safe, and
	 * only closed by the main thread after their job is over. */
	int background;
	struct job *jobs;
	size_t n_jobs, cap_jobs;
	pthread_mutex_t lock;
	pthread_t worker;
	int worker_started;
	int stop;               /* under lock: the worker ends after its job */
};

enum vv_err library_new(void (*log)(const char *line, void *user),
			void *user, struct library **out)
{
	struct library *lib = calloc(1, sizeof *lib);

	*out = NULL;
	if (!lib)
		return VV_ERR_NOMEM;
	lib->log = log;
	lib->user = user;
	pthread_mutex_init(&lib->lock, NULL);
	*out = lib;
	return VV_OK;
}

void library_free(struct library *lib)
{
	size_t i;

	if (!lib)
		return;
	library_stop_verify(lib);
	free(lib->jobs);
	pthread_mutex_destroy(&lib->lock);
	for (i = 0; i < lib->n; i++) {
		if (lib->entries[i].owned)
			bundle_close(lib->entries[i].bundle);
		if (lib->entries[i].newer_owned)
			bundle_close(lib->entries[i].newer);
	}
	for (i = 0; i < lib->n_notes; i++) {
		free(lib->notes[i].path);
		free(lib->notes[i].message);
		for (size_t a = 0; a < LIBRARY_NOTE_ARGS; a++)
			free(lib->notes[i].arg[a]);
	}
	free(lib->entries);
	free(lib->notes);
	free(lib);
}

enum vv_err library_each(struct library *lib,
			 enum vv_err (*fn)(struct bundle *bundle, void *user),
			 void *user)
{
	enum vv_err err = VV_OK;

	for (size_t i = 0; i < lib->n && err == VV_OK; i++) {
		err = fn(lib->entries[i].bundle, user);
		if (err == VV_OK && lib->entries[i].newer)
			err = fn(lib->entries[i].newer, user);
	}
	return err;
}

enum vv_err library_add_note(struct library *lib,
			     enum library_note_kind kind, const char *path,
			     const char *message, const char *const *arg)
{
	struct library_note *n;
	size_t a;

	if (lib->n_notes == lib->cap_notes) {
		size_t cap = lib->cap_notes ? lib->cap_notes * 2 : 8;

		if (lib->n_notes >= LIBRARY_MAX_BUNDLES)
			return VV_OK;  /* enough said */
		n = realloc(lib->notes, cap * sizeof *n);
		if (!n)
			return VV_ERR_NOMEM;
		lib->notes = n;
		lib->cap_notes = cap;
	}
	n = &lib->notes[lib->n_notes];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->err = lib->note_err;
	n->path = strdup(path ? path : "");
	n->message = strdup(message ? message : "");
	for (a = 0; arg && a < LIBRARY_NOTE_ARGS; a++)
		if (arg[a] && !(n->arg[a] = strdup(arg[a])))
			break;
	if (!n->path || !n->message || (arg && a < LIBRARY_NOTE_ARGS)) {
		free(n->path);
		free(n->message);
		for (a = 0; a < LIBRARY_NOTE_ARGS; a++)
			free(n->arg[a]);
		return VV_ERR_NOMEM;
	}
	lib->n_notes++;
	return VV_OK;
}

static int level_rank(const char *id)
{
	static const char *std[] = { "no-schooling", "lower-secondary",
				     "upper-secondary" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (id && strcmp(id, std[i]) == 0)
			return (int)i;
	return 3;
}

static size_t lang_rank(const struct vv_lang *l)
{
	size_t i;

	for (i = 0; i < lang_count(); i++)
		if (lang_at(i) == l)
			return i;
	return lang_count();
}

static int entry_cmp(const struct entry *a, const struct entry *b)
{
	if (a->lang_rank != b->lang_rank)
		return a->lang_rank < b->lang_rank ? -1 : 1;
	if (a->level_rank != b->level_rank)
		return a->level_rank < b->level_rank ? -1 : 1;
	return strcmp(a->bundle->level_id ? a->bundle->level_id : "",
		      b->bundle->level_id ? b->bundle->level_id : "");
}

/* Withdraws the background job of `bundle` (a version replaced), if it
 * has one, so that it may be closed. Returns 0, and withdraws nothing,
 * while the worker is hashing it. */
static int cancel_job(struct library *lib, const struct bundle *bundle)
{
	int ok = 1;

	pthread_mutex_lock(&lib->lock);
	for (size_t i = 0; i < lib->n_jobs; i++) {
		if (lib->jobs[i].bundle != bundle)
			continue;
		ok = lib->jobs[i].state != JOB_RUNNING;
		if (ok) {
			lib->jobs[i].state = JOB_COLLECTED;
			lib->jobs[i].bundle = NULL;
		}
		break;
	}
	pthread_mutex_unlock(&lib->lock);
	return ok;
}

/* Notes `older` as replaced by `newer`, a newer version of its pack, and
 * closes it when `owned`; its job must not be running. Not a fault: no
 * error line. */
static enum vv_err note_replaced(struct library *lib, struct bundle *older,
				 int owned, const struct bundle *newer)
{
	char msg[1400];
	const char *arg[LIBRARY_NOTE_ARGS] = { newer->pack_version,
					       newer->path };
	enum vv_err err;

	snprintf(msg, sizeof msg, _("%s: replaced by version %s (%s); it is "
		 "no longer offered and may be deleted"),
		 older->path ? older->path : "?", newer->pack_version,
		 newer->path ? newer->path : "?");
	err = library_add_note(lib, LIBRARY_NOTE_REPLACED, older->path, msg,
			       arg);
	cancel_job(lib, older);
	if (owned)
		bundle_close(older);
	return err;
}

/* Refuses `bundle`, a second one for the language and level of `have`,
 * with a note and an error line; closes it when `owned`. */
static enum vv_err note_duplicate(struct library *lib, struct bundle *bundle,
				  int owned, const struct bundle *have)
{
	char msg[1024];
	const char *arg[LIBRARY_NOTE_ARGS] = { have->path, bundle->lang->code,
					       bundle->level_id };
	enum vv_err err;

	snprintf(msg, sizeof msg, _("%s: skipped: %s already provides "
		 "language %s, level %s; keep one of them in the library"),
		 bundle->path ? bundle->path : "?",
		 have->path ? have->path : "?", bundle->lang->code,
		 bundle->level_id ? bundle->level_id : "");
	vv_error(NULL, 0, "%s", msg);
	err = library_add_note(lib, LIBRARY_NOTE_DUPLICATE, bundle->path, msg,
			       arg);
	if (owned)
		bundle_close(bundle);
	return err;
}

/* > 0 when `a` is a newer version of the pack of `b`, < 0 when older, 0
 * when the same version or not the same pack. */
static int newer_version(const struct bundle *a, const struct bundle *b)
{
	if (!a->pack_id || !b->pack_id || !a->pack_version ||
	    !b->pack_version || strcmp(a->pack_id, b->pack_id) != 0)
		return 0;
	return version_cmp(a->pack_version, b->pack_version);
}

/* A version of a pack, as settle_versions() weighs it. */
struct version {
	struct bundle *bundle;
	int owned;
	int pending;   /* waiting for its background hash */
};

/* Settles the versions of one pack for the language and level of `e`:
 * its offered one, its newer one waiting for a hash (if any), and `add`,
 * of a version neither has. Offered: the newest that waits for no hash,
 * else (all new to the kiosk) the oldest; waiting: the newest, when it is
 * newer than that and waits for its hash. So a newer copy is offered
 * once its hash found it intact, and a damaged one never takes a good
 * older one's place. The others are noted as replaced and closed when
 * owned. Returns VV_OK or VV_ERR_NOMEM. */
static enum vv_err settle_versions(struct library *lib, struct entry *e,
				   struct version add)
{
	struct version v[3] = { { e->bundle, e->owned, e->pending }, add };
	size_t n = 2, off, i, k;
	enum vv_err err = VV_OK;

	if (e->newer)
		v[n++] = (struct version){ e->newer, e->newer_owned, 1 };
	for (i = 1; i < n; i++) {  /* newest first */
		for (k = i; k > 0 &&
		     newer_version(v[k].bundle, v[k - 1].bundle) > 0; k--) {
			struct version t = v[k];

			v[k] = v[k - 1];
			v[k - 1] = t;
		}
	}
	for (off = 0; off + 1 < n && v[off].pending; off++)
		;
	e->bundle = v[off].bundle;
	e->owned = v[off].owned;
	e->pending = v[off].pending;
	e->newer = off ? v[0].bundle : NULL;
	e->newer_owned = off && v[0].owned;
	for (k = 1; k < n; k++) {
		enum vv_err r;

		if (k == off)
			continue;
		r = note_replaced(lib, v[k].bundle, v[k].owned,
				  v[k < off ? 0 : off].bundle);
		if (err == VV_OK)
			err = r;
	}
	return err;
}

/* library_add() for a bundle that waits for its background hash
 * (`pending`) or not. */
static enum vv_err add_bundle(struct library *lib, struct bundle *bundle,
			      int owned, int pending)
{
	struct entry e = { .bundle = bundle, .owned = owned,
			   .pending = pending };
	size_t i;

	if (lib->worker_started) {
		/* the worker reads the jobs array, which a replaced
		 * version's job would leave */
		if (owned)
			bundle_close(bundle);
		return VV_ERR_INTERNAL;
	}
	if (!bundle->lang) {
		/* bundle_open() refuses unknown languages; a hand-made bundle
		 * without one cannot be placed in the pickers. */
		library_add_note(lib, LIBRARY_NOTE_NO_LANG, bundle->path,
				 _("the bundle has no known language; rebuild "
				   "it"), NULL);
		if (owned)
			bundle_close(bundle);
		return VV_OK;
	}
	if (bundle->n_items == 0) {
		char msg[1024];

		/* Nothing to show: it would leave a participant on a picker
		 * that leads nowhere. */
		snprintf(msg, sizeof msg, _("%s: skipped: the bundle has no "
			 "items; rebuild it from a pack with slides or videos"),
			 bundle->path ? bundle->path : "?");
		vv_error(NULL, 0, "%s", msg);
		library_add_note(lib, LIBRARY_NOTE_NO_ITEMS, bundle->path, msg,
				 NULL);
		if (owned)
			bundle_close(bundle);
		return VV_OK;
	}
	e.lang_rank = lang_rank(bundle->lang);
	e.level_rank = level_rank(bundle->level_id);
	for (i = 0; i < lib->n; i++) {
		int c = entry_cmp(&lib->entries[i], &e), newer;
		struct entry have = lib->entries[i];

		if (c > 0)
			break;
		if (c < 0)
			continue;
		/* Staff copy a pack's new version next to the old one (by
		 * hand; the names need not sort by version): the newer is
		 * offered, whichever the scan met first, once intact. */
		newer = newer_version(bundle, have.bundle);
		if (newer == 0)
			return note_duplicate(lib, bundle, owned, have.bundle);
		if (have.newer && newer_version(bundle, have.newer) == 0)
			return note_duplicate(lib, bundle, owned, have.newer);
		return settle_versions(lib, &lib->entries[i], (struct version){
				       bundle, owned, pending });
	}
	if (lib->n == lib->cap) {
		size_t cap = lib->cap ? lib->cap * 2 : 16;
		struct entry *n;

		n = realloc(lib->entries, cap * sizeof *n);
		if (!n) {
			if (owned)
				bundle_close(bundle);
			return VV_ERR_NOMEM;
		}
		lib->entries = n;
		lib->cap = cap;
	}
	memmove(&lib->entries[i + 1], &lib->entries[i],
		(lib->n - i) * sizeof e);
	lib->entries[i] = e;
	lib->n++;
	return VV_OK;
}

enum vv_err library_add(struct library *lib, struct bundle *bundle,
			int owned)
{
	return add_bundle(lib, bundle, owned, 0);
}

static void capture(const char *line, void *user)
{
	struct library *lib = user;

	snprintf(lib->last_error, sizeof lib->last_error, "%s", line);
	if (lib->outer) {
		lib->outer(line, lib->outer_user);
		return;
	}
	vv_error_print(line);
	if (lib->log)
		lib->log(line, lib->user);
}

void library_set_writing(struct library *lib,
			 int (*writing)(const char *path, void *user),
			 void *user)
{
	lib->writing = writing;
	lib->writing_user = user;
}

void library_set_keys(struct library *lib, const struct sign_keyring *keys)
{
	lib->keys = keys;
}

size_t library_n_unsigned(const struct library *lib)
{
	return lib->n_unsigned;
}

/* With trusted keys: returns VV_OK when `b` carries a good signature by
 * one of them, else VV_ERR_INTEGRITY after one line naming the bundle
 * (unsigned, a foreign key, a signature that does not match). */
static enum vv_err check_origin(struct library *lib, const struct bundle *b)
{
	unsigned char id[SIGN_ID_BYTES];
	char hex[SIGN_ID_HEX_SIZE];
	enum vv_err err;

	if (!lib->keys || !lib->keys->n)
		return VV_OK;
	if (!b->signature) {
		lib->origin_kind = LIBRARY_NOTE_UNSIGNED;
		vv_error(b->path, 0, _("unsigned; this kiosk plays only "
				       "bundles signed by a trusted key"));
		return VV_ERR_INTEGRITY;
	}
	memset(id, 0, sizeof id);
	err = sign_verify(b->signature, b->signature_size, b->manifest_sum,
			  65, lib->keys, id, NULL);
	if (err == VV_OK)
		return VV_OK;
	if (err == VV_ERR_NOMEM)
		return err;
	sign_id_hex(id, hex);
	snprintf(lib->origin_key, sizeof lib->origin_key, "%s", hex);
	lib->origin_kind = err == VV_ERR_NOTFOUND ?
			   LIBRARY_NOTE_KEY_UNTRUSTED :
			   err == VV_ERR_INTEGRITY ?
			   LIBRARY_NOTE_BAD_SIGNATURE :
			   LIBRARY_NOTE_NOT_SIGNATURE;
	if (err == VV_ERR_NOTFOUND)
		vv_error(b->path, 0, _("signed by key %s, which this kiosk "
				       "does not trust; add its .pub file to "
				       "the trusted keys"), hex);
	else if (err == VV_ERR_INTEGRITY)
		vv_error(b->path, 0, _("the signature of key %s does not "
				       "match: the bundle or its signature "
				       "was altered"), hex);
	else
		vv_error(b->path, 0, _("the signature member is not a "
				       "minisign signature; sign the bundle "
				       "again"));
	return VV_ERR_INTEGRITY;
}

/* The kind of note for the bundle file `path` that bundle_open() or
 * bundle_verify_members() refused with `err`. */
static enum library_note_kind note_kind(enum vv_err err, const char *path)
{
	struct stat st;

	/* gone since the folder was read, or a FIFO or folder named
	 * *.vvb: bundle_open() says so with NOTFOUND or IO */
	if (stat(path, &st) != 0)
		return errno == ENOENT ? LIBRARY_NOTE_MISSING :
		       LIBRARY_NOTE_UNREADABLE;
	if (!S_ISREG(st.st_mode))
		return LIBRARY_NOTE_NOT_BUNDLE;
	switch (err) {
	case VV_ERR_FORMAT:
	case VV_ERR_INTEGRITY:
	case VV_ERR_NOTFOUND:  /* a member the manifest lists */
		return LIBRARY_NOTE_DAMAGED;
	case VV_ERR_IO:
		return LIBRARY_NOTE_UNREADABLE;
	case VV_ERR_LANG:
		return LIBRARY_NOTE_NO_LANG;
	case VV_ERR_LIMIT:
		return LIBRARY_NOTE_TOO_LARGE;
	default:
		return LIBRARY_NOTE_OTHER;
	}
}

/* Whether `b` is in the index, offered or waiting for its hash
 * (library_add() kept it). */
static int indexed(const struct library *lib, const struct bundle *b)
{
	for (size_t i = 0; i < lib->n; i++)
		if (lib->entries[i].bundle == b || lib->entries[i].newer == b)
			return 1;
	return 0;
}

static enum vv_err add_file(struct library *lib, const char *path)
{
	struct bundle *b = NULL;
	enum vv_err err;
	int queue = 0;

	if (lib->worker_started)
		return VV_ERR_INTERNAL;  /* the jobs array must not move */
	if (lib->n >= LIBRARY_MAX_BUNDLES)
		return library_add_note(lib, LIBRARY_NOTE_TOO_MANY, path,
					_("too many bundles; this one was not "
					  "loaded"), NULL);
	lib->last_error[0] = 0;
	lib->origin_kind = LIBRARY_NOTE_OTHER;
	if (lib->writing && lib->writing(path, lib->writing_user)) {
		char msg[1400];

		/* A copy in progress: not offered, even when it opens (a
		 * copier that writes out of order, or one not yet closed,
		 * may have left holes), and not damaged, so no error line
		 * (the log's bundle_skipped event has this one). */
		snprintf(msg, sizeof msg, _("%s: still being copied; it is "
			 "added when the copy is complete"), path);
		return library_add_note(lib, LIBRARY_NOTE_COPYING, path, msg,
					NULL);
	}
	/* The thread's capture, not the process's hook: a scan may run on
	 * a thread of its own while the main thread reports errors. */
	lib->outer = vv_error_thread_capture(&lib->outer_user);
	vv_error_set_thread_capture(capture, lib);
	err = bundle_open(path, &b);
	/* Origin first: a bundle this kiosk would refuse is not hashed. */
	if (err == VV_OK) {
		err = check_origin(lib, b);
		if (err != VV_OK) {
			lib->n_unsigned += err == VV_ERR_INTEGRITY;
			bundle_close(b);
			b = NULL;
		}
	}
	if (err == VV_OK && trust_known(lib->trust, &b->id)) {
		/* verified whole before: its media are checked as they
		 * stream (b->members_checked stays 0) */
		lib->n_trusted++;
	} else if (err == VV_OK && lib->background) {
		/* Offered at once, checked as it is read; hashed whole by
		 * library_start_verify()'s worker. */
		queue = 1;
	} else if (err == VV_OK) {
		err = bundle_verify_members(b);
		if (err != VV_OK) {
			bundle_close(b);
			b = NULL;
		} else {
			b->members_checked = 1;
			lib->n_verified++;
			if (trust_add(lib->trust, &b->id) != VV_OK) {
				bundle_close(b);
				b = NULL;
				err = VV_ERR_NOMEM;
			}
		}
	}
	vv_error_set_thread_capture(lib->outer, lib->outer_user);
	if (err == VV_ERR_NOMEM && !lib->last_error[0])
		return VV_ERR_NOMEM;
	if (err != VV_OK) {
		const char *arg[LIBRARY_NOTE_ARGS] = { lib->origin_key };
		enum library_note_kind kind = lib->origin_kind;

		if (!lib->last_error[0])
			snprintf(lib->last_error, sizeof lib->last_error,
				 _("%s: %s; rebuild or copy the bundle again"),
				 path, vv_strerror(err));
		if (kind == LIBRARY_NOTE_OTHER)
			kind = note_kind(err, path);
		lib->note_err = err;
		err = library_add_note(lib, kind, path, lib->last_error,
				       arg);
		lib->note_err = VV_OK;
		return err;
	}
	err = add_bundle(lib, b, 1, queue);
	if (err != VV_OK || !queue || !indexed(lib, b))
		return err;  /* a refused bundle is closed already */
	if (lib->n_jobs == lib->cap_jobs) {
		size_t cap = lib->cap_jobs ? lib->cap_jobs * 2 : 16;
		struct job *nj = realloc(lib->jobs, cap * sizeof *nj);

		if (!nj)
			return VV_ERR_NOMEM;  /* library_free() closes b */
		lib->jobs = nj;
		lib->cap_jobs = cap;
	}
	memset(&lib->jobs[lib->n_jobs], 0, sizeof *lib->jobs);
	lib->jobs[lib->n_jobs++].bundle = b;
	return VV_OK;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_bundle_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".vvb") == 0;
}

static enum vv_err add_dir(struct library *lib, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	enum vv_err err = VV_OK;

	if (!d) {
		char msg[1400];

		int e = errno;

		/* The same line goes to stderr (and the log) and the note. */
		snprintf(msg, sizeof msg, _("%s: cannot read the folder: %s"),
			 path, strerror(e));
		vv_error(NULL, 0, "%s", msg);
		return library_add_note(lib, LIBRARY_NOTE_FOLDER, path, msg,
					NULL);
	}
	while ((de = readdir(d)) && n < LIBRARY_MAX_BUNDLES) {
		if (!is_bundle_name(de->d_name))
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 32;
			nn = realloc(names, cap * sizeof *nn);
			if (!nn) {
				err = VV_ERR_NOMEM;
				break;
			}
			names = nn;
		}
		names[n] = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!names[n]) {
			err = VV_ERR_NOMEM;
			break;
		}
		sprintf(names[n], "%s/%s", path, de->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		if (err == VV_OK)
			err = add_file(lib, names[i]);
		free(names[i]);
	}
	free(names);
	return err;
}

enum vv_err library_scan(struct library *lib, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		char msg[1400];

		int e = errno;

		snprintf(msg, sizeof msg, _("%s: %s; give a bundle (.vvb) or "
			 "a folder of bundles"), path, strerror(e));
		vv_error(NULL, 0, "%s", msg);
		return library_add_note(lib, e == ENOENT ?
					LIBRARY_NOTE_MISSING :
					LIBRARY_NOTE_UNREADABLE, path, msg,
					NULL);
	}
	if (S_ISDIR(st.st_mode))
		return add_dir(lib, path);
	return add_file(lib, path);
}

size_t library_n_langs(const struct library *lib)
{
	size_t i, n = 0;

	for (i = 0; i < lib->n; i++)
		if (i == 0 || lib->entries[i].lang_rank !=
			      lib->entries[i - 1].lang_rank)
			n++;
	return n;
}

/* Index of the first entry of language number `lang`, or lib->n. */
static size_t lang_start(const struct library *lib, size_t lang)
{
	size_t i, n = 0;

	for (i = 0; i < lib->n; i++) {
		if (i == 0 || lib->entries[i].lang_rank !=
			      lib->entries[i - 1].lang_rank) {
			if (n == lang)
				return i;
			n++;
		}
	}
	return lib->n;
}

const struct vv_lang *library_lang(const struct library *lib, size_t i)
{
	size_t s = lang_start(lib, i);

	return s < lib->n ? lib->entries[s].bundle->lang : NULL;
}

int library_find_lang(const struct library *lib, const char *code)
{
	const struct vv_lang *l = lang_find(code);
	size_t i, n = library_n_langs(lib);

	for (i = 0; l && i < n; i++)
		if (library_lang(lib, i) == l)
			return (int)i;
	return -1;
}

size_t library_n_levels(const struct library *lib, size_t lang)
{
	size_t s = lang_start(lib, lang), i;

	for (i = s; i < lib->n; i++)
		if (lib->entries[i].lang_rank != lib->entries[s].lang_rank)
			break;
	return i - s;
}

const struct bundle *library_bundle(const struct library *lib, size_t lang,
				    size_t level)
{
	size_t s = lang_start(lib, lang);

	if (level >= library_n_levels(lib, lang))
		return NULL;
	return lib->entries[s + level].bundle;
}

int library_find_level(const struct library *lib, size_t lang,
		       const char *id)
{
	size_t i, n = library_n_levels(lib, lang);

	for (i = 0; id && i < n; i++) {
		const struct bundle *b = library_bundle(lib, lang, i);

		if (b->level_id && strcmp(b->level_id, id) == 0)
			return (int)i;
	}
	return -1;
}

size_t library_n_bundles(const struct library *lib)
{
	return lib->n;
}

void library_set_trust(struct library *lib, struct trust *trust)
{
	lib->trust = trust;
}

size_t library_n_verified(const struct library *lib)
{
	return lib->n_verified;
}

size_t library_n_trusted(const struct library *lib)
{
	return lib->n_trusted;
}

size_t library_n_notes(const struct library *lib)
{
	return lib->n_notes;
}

size_t library_n_replaced(const struct library *lib)
{
	size_t n = 0;

	for (size_t i = 0; i < lib->n_notes; i++)
		n += lib->notes[i].kind == LIBRARY_NOTE_REPLACED;
	return n;
}

const struct library_note *library_note(const struct library *lib,
					size_t i)
{
	return i < lib->n_notes ? &lib->notes[i] : NULL;
}

void library_set_background(struct library *lib, int on)
{
	lib->background = on;
}

static void capture_job(const char *line, void *user)
{
	struct job *job = user;

	snprintf(job->message, sizeof job->message, "%s", line);
}

static void *verify_worker(void *arg)
{
	struct library *lib = arg;

	for (size_t i = 0; i < lib->n_jobs; i++) {
		struct job *job = &lib->jobs[i];
		enum vv_err err;

		pthread_mutex_lock(&lib->lock);
		if (lib->stop || job->state != JOB_WAITING) {
			int stop = lib->stop;

			pthread_mutex_unlock(&lib->lock);
			if (stop)
				break;
			continue;
		}
		job->state = JOB_RUNNING;
		pthread_mutex_unlock(&lib->lock);
		vv_error_set_thread_capture(capture_job, job);
		err = bundle_verify_members(job->bundle);
		vv_error_set_thread_capture(NULL, NULL);
		if (err != VV_OK && !job->message[0])
			snprintf(job->message, sizeof job->message,
				 _("%s: %s; rebuild or copy the bundle again"),
				 job->bundle->path, vv_strerror(err));
		pthread_mutex_lock(&lib->lock);
		job->err = err;
		job->state = err == VV_OK ? JOB_GOOD : JOB_BAD;
		pthread_mutex_unlock(&lib->lock);
	}
	return NULL;
}

enum vv_err library_start_verify(struct library *lib)
{
	int rc;

	if (lib->worker_started || lib->n_jobs == 0)
		return VV_OK;
	rc = pthread_create(&lib->worker, NULL, verify_worker, lib);
	if (rc != 0) {
		/* No thread: hash here, as without background. */
		for (size_t i = 0; i < lib->n_jobs; i++) {
			struct job *job = &lib->jobs[i];

			if (job->state != JOB_WAITING)
				continue;  /* withdrawn: replaced */
			vv_error_set_thread_capture(capture_job, job);
			job->state = bundle_verify_members(job->bundle) == VV_OK
				     ? JOB_GOOD : JOB_BAD;
			vv_error_set_thread_capture(NULL, NULL);
		}
		return VV_OK;
	}
	lib->worker_started = 1;
	return VV_OK;
}

void library_wait_verify(struct library *lib)
{
	if (!lib || !lib->worker_started)
		return;
	pthread_join(lib->worker, NULL);
	lib->worker_started = 0;
}

void library_stop_verify(struct library *lib)
{
	if (!lib || !lib->worker_started)
		return;
	/* Ends after the bundle it is hashing, if any. */
	pthread_mutex_lock(&lib->lock);
	lib->stop = 1;
	pthread_mutex_unlock(&lib->lock);
	library_wait_verify(lib);
}

size_t library_n_pending(const struct library *lib)
{
	size_t n = 0;

	pthread_mutex_lock((pthread_mutex_t *)&lib->lock);
	for (size_t i = 0; i < lib->n_jobs; i++)
		if (lib->jobs[i].state != JOB_COLLECTED)
			n++;
	pthread_mutex_unlock((pthread_mutex_t *)&lib->lock);
	return n;
}

/* The entry offering `bundle` or holding it as the newer version that
 * waits for its hash (*newer set), or NULL. */
static struct entry *entry_of(struct library *lib,
			      const struct bundle *bundle, int *newer)
{
	for (size_t i = 0; i < lib->n; i++) {
		*newer = lib->entries[i].newer == bundle;
		if (*newer || lib->entries[i].bundle == bundle)
			return &lib->entries[i];
	}
	return NULL;
}

/* Takes `bundle` out of the index and closes it when owned. The newer
 * version waiting for its hash, if any, is offered in its place, as any
 * bundle new to the kiosk is: checked as it is read. */
static void library_remove(struct library *lib, struct bundle *bundle)
{
	int newer;
	struct entry *e = entry_of(lib, bundle, &newer);
	size_t i;

	if (!e)
		return;
	if (newer) {
		if (e->newer_owned)
			bundle_close(bundle);
		e->newer = NULL;
		return;
	}
	if (e->owned)
		bundle_close(bundle);
	if (e->newer) {
		e->bundle = e->newer;
		e->owned = e->newer_owned;
		e->pending = 1;
		e->newer = NULL;
		return;
	}
	i = (size_t)(e - lib->entries);
	memmove(&lib->entries[i], &lib->entries[i + 1],
		(lib->n - i - 1) * sizeof *lib->entries);
	lib->n--;
}

/* For library_poll(): `job`'s bundle, found intact, is recorded (once)
 * and reported. When it is the newer version of its entry, waiting, it
 * is offered in the older's place with `drop` (no bundle in use) once
 * the older's own hash is not running; returns 0 otherwise, to be called
 * again. Returns 1 when collected. */
static int collect_good(struct library *lib, struct job *job, int drop,
			enum vv_err *err,
			void (*report)(const struct bundle *bundle,
				       const char *message, void *user),
			void *user)
{
	int newer;
	struct entry *e = entry_of(lib, job->bundle, &newer);

	if (!job->bundle->members_checked) {
		/* Read by the main thread only. */
		job->bundle->members_checked = 1;
		lib->n_verified++;
		if (trust_add(lib->trust, &job->bundle->id) != VV_OK)
			*err = VV_ERR_NOMEM;
		if (report)
			report(job->bundle, NULL, user);
	}
	if (e && newer) {
		struct entry older = *e;

		if (!drop || !cancel_job(lib, older.bundle))
			return 0;
		e->bundle = job->bundle;
		e->owned = e->newer_owned;
		e->newer = NULL;
		if (note_replaced(lib, older.bundle, older.owned,
				  job->bundle) != VV_OK)
			*err = VV_ERR_NOMEM;
	}
	if (e)
		e->pending = 0;
	return 1;
}

enum vv_err library_poll(struct library *lib, int drop,
			 void (*report)(const struct bundle *bundle,
					const char *message, void *user),
			 void *user)
{
	enum vv_err err = VV_OK;

	for (size_t i = 0; i < lib->n_jobs; i++) {
		struct job *job = &lib->jobs[i];
		enum job_state st;

		pthread_mutex_lock(&lib->lock);
		st = job->state;
		pthread_mutex_unlock(&lib->lock);
		if (st == JOB_GOOD) {
			if (!collect_good(lib, job, drop, &err, report, user))
				continue;
		} else if (st == JOB_BAD && drop) {
			char msg[1600];
			int newer;
			struct entry *e = entry_of(lib, job->bundle, &newer);

			/* A newer version waiting for its hash was never
			 * offered: the older stays. */
			if (e && newer)
				snprintf(msg, sizeof msg, _("%s; version %s "
					 "stays offered"), job->message,
					 e->bundle->pack_version);
			else
				snprintf(msg, sizeof msg, _("%s; it was taken "
					 "out of the pickers"), job->message);
			vv_error(NULL, 0, "%s", msg);
			if (report)
				report(job->bundle, msg, user);
			lib->note_err = job->err;
			if (library_add_note(lib, job->err == VV_ERR_IO ?
					     LIBRARY_NOTE_UNREADABLE :
					     e && newer ? LIBRARY_NOTE_DAMAGED :
					     LIBRARY_NOTE_DROPPED,
					     job->bundle->path, msg, NULL) !=
			    VV_OK)
				err = VV_ERR_NOMEM;
			lib->note_err = VV_OK;
			library_remove(lib, job->bundle);
			job->bundle = NULL;
		} else {
			continue;
		}
		pthread_mutex_lock(&lib->lock);
		job->state = JOB_COLLECTED;
		pthread_mutex_unlock(&lib->lock);
	}
	return err;
}
