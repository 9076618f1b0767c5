/* build: `veiviser-build build`: one bundle per (language, level), written
 * by a pool of -j threads, skipping bundles whose inputs have not changed
 * since the last build (fingerprints under OUTDIR/.veiviser-cache/), with
 * a progress bar on a terminal and one plain line per bundle otherwise. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "builder/bundle_make.h"
#include "builder/bundle_write.h"
#include "builder/check.h"
#include "builder/commands.h"
#include "builder/media.h"
#include "builder/pack.h"
#include "builder/po.h"
#include "builder/sign_bundle.h"
#include "common/args.h"
#include "common/atomic.h"
#include "common/hash.h"
#include "common/i18n.h"
#include "common/json.h"
#include "common/lang.h"
#include "common/path.h"

#define CACHE_DIR ".veiviser-cache"
#define MAX_JOBS 64

/* JOB_UNTRANSLATED: the language is at 0 %, an error of check, so its
 * bundles are not built. */
enum job_status { JOB_PENDING, JOB_UNCHANGED, JOB_WRITTEN, JOB_FAILED,
		  JOB_UNTRANSLATED };

struct job {
	const char *lang;
	const char *level;
	struct po_catalog *catalog; /* borrowed from the language */
	int draft;
	char name[PATH_MAX];        /* <pack>-<version>-<lang>-<level>.vvb */
	char path[PATH_MAX];        /* OUTDIR/name */
	char state[PATH_MAX];       /* OUTDIR/.veiviser-cache/name.state */
	const char *cache_dir;      /* OUTDIR/.veiviser-cache */
	char fingerprint[HASH_HEX_SIZE];
	enum job_status status;
	struct bundle_make_result result;
};

struct language {
	const char *code;
	struct po_catalog *catalog; /* NULL: source language or no .po */
	char po_path[PATH_MAX];
	int has_po;
	int needed;                 /* some bundle must be built */
	int untranslated;           /* 0 %: no .po, or nothing translated */
};

struct options {
	const char *pack_dir;
	const char *out_dir;
	const char *langs;
	const char *levels;
	const char *json;
	const char *profile;        /* --profile, or NULL */
	int strict;
	int transcode;              /* --transcode */
	const char *sign_key;       /* --sign, or NULL */
	const char *password_file;  /* --password-file, or NULL */
	long jobs;
};

/* A translation check calls an error, which the build does not ship. */
struct refusal {
	const char *lang;  /* borrowed from the pack */
	const char *file;  /* borrowed: the language's .po */
	long line;         /* of the msgstr */
	const char *ctxt;  /* borrowed from the pack */
	const char *kind;  /* static, as in check's report */
	char *message;
};

struct build {
	struct options opt;
	struct pack *pack;
	struct language *languages;
	size_t n_languages;
	struct job *jobs;
	size_t n_jobs;
	char cache_dir[PATH_MAX];
	struct bundle_make_shared *shared;

	/* Where the progress and the summary go: standard output, or
	 * standard error when --json - takes standard output. */
	FILE *human;
	/* --json FILE, opened before building so that a report that cannot
	 * be written is found at once, not after the build. */
	struct atomic_file *json_file;
	/* The pool: next job to take, and progress; under `lock`. */
	pthread_mutex_t lock;
	size_t next, done, to_build, built;
	uint64_t bytes;
	int failed;
	int tty;
	struct timespec start;

	/* Inputs that cannot be read, each reported once. */
	char *missing[64];
	size_t n_missing;
	int any_missing;
	int fail_io;        /* a job failed to read or write, not on input */
	size_t strict_errors;
	size_t n_untranslated;   /* languages at 0 %, not built */
	struct refusal *refused; /* translations not shipped, for --json */
	size_t n_refused, cap_refused;
	/* The kiosk profile (--profile, the pack's video-profile or the
	 * default) that --transcode fits films into. */
	struct media_profile profile;
	char profile_name[64];
	/* --sign: the key, and its id for the fingerprints. */
	struct sign_secret *signer;
	char signer_id[SIGN_ID_HEX_SIZE];
};

static const char usage_text[] =
	N_("usage: veiviser-build build PACKDIR -o OUTDIR [--lang L,..] "
	   "[--level X,..] [--strict] [--transcode] [--profile P] [-j N] "
	   "[--json FILE]\n"
	   "Writes OUTDIR/<pack>-<version>-<lang>-<level>.vvb for every "
	   "language and level\n(or the ones given). Unchanged bundles are "
	   "not rewritten; the fingerprints\nand the media cache live in "
	   "OUTDIR/.veiviser-cache/.\n"
	   "  --strict   refuse to build when any text would fall back to "
	   "the source language\n"
	   "  -j N       build N bundles at once (default: number of cores); "
	   "with fewer\n             bundles to build, the spare threads "
	   "probe one bundle's media at once\n"
	   "  --transcode  re-encode films above the kiosk profile to fit it, "
	   "and a film's\n             audio the player cannot play (AC-3, "
	   "DTS...; libx264, Opus;\n             cached like remuxes)\n"
	   "  --profile P  the kiosk profile, e.g. 1080p30 (default), 720p, "
	   "1280x720@25;\n             the pack's video-profile otherwise\n"
	   "  --json F   write the result (bundles, sizes, hashes, "
	   "fallbacks) to F as JSON\n"
	   "  --sign KEY   sign every bundle with the secret key KEY "
	   "(veiviser-build keygen;\n             --password-file FILE "
	   "for an encrypted key without a terminal)");

/* ---- arguments ------------------------------------------------------ */

enum { OPT_LANG = 256, OPT_LEVEL, OPT_JSON, OPT_STRICT, OPT_TRANSCODE,
       OPT_PROFILE, OPT_SIGN, OPT_PASSWORD_FILE };

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "transcode", no_argument, NULL, OPT_TRANSCODE },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "sign", required_argument, NULL, OPT_SIGN },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ NULL, 0, NULL, 0 }
};

/* Returns 0 after --help, 2 on a usage error, -1 to go on and build. */
static int parse_args(int argc, char **argv, struct options *o)
{
	char *end;
	int c;

	memset(o, 0, sizeof *o);
	o->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	args_begin();
	while ((c = args_next(argc, argv, "ho:j:", long_options,
			      "veiviser-build build")) != -1) {
		switch (c) {
		case 'h':
			printf("%s\n", _(usage_text));
			return 0;
		case 'o':
			o->out_dir = optarg;
			break;
		case OPT_LANG:
			o->langs = optarg;
			break;
		case OPT_LEVEL:
			o->levels = optarg;
			break;
		case OPT_JSON:
			o->json = optarg;
			break;
		case OPT_STRICT:
			o->strict = 1;
			break;
		case OPT_TRANSCODE:
			o->transcode = 1;
			break;
		case OPT_SIGN:
			o->sign_key = optarg;
			break;
		case OPT_PASSWORD_FILE:
			o->password_file = optarg;
			break;
		case OPT_PROFILE: {
			struct media_profile p;

			o->profile = optarg;
			if (media_profile_parse(optarg, &p) != VV_OK) {
				vv_error(NULL, 0, _("--profile '%s' is not a "
						    "profile; write e.g. "
						    "1080p30, 720p or "
						    "1280x720@25"), optarg);
				return 2;
			}
			break;
		}
		case 'j':
			errno = 0;
			o->jobs = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || o->jobs < 1 ||
			    o->jobs > MAX_JOBS) {
				vv_error(NULL, 0, _("-j needs a number from 1 "
						    "to %d"), MAX_JOBS);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind < argc)
		o->pack_dir = argv[optind++];
	if (optind < argc)
		return args_operands_error("veiviser-build build", NULL,
					   argv[optind]);
	if (o->jobs < 1)
		o->jobs = 1;
	if (o->jobs > MAX_JOBS)
		o->jobs = MAX_JOBS;
	if (!o->pack_dir || !o->out_dir)
		return args_operands_error("veiviser-build build",
					   _("PACKDIR and -o OUTDIR"), NULL);
	return -1;
}

/* Returns non-zero when `word` is in the comma-separated `list` (or when
 * list is NULL: everything is selected). */
static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	if (!list)
		return 1;
	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, word, n) == 0)
			return 1;
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* Checks that every word of `list` is one of `have`. */
static int check_list(const char *list, char *const *have, size_t n_have,
		      size_t stride, const char *what, const char *pack_path)
{
	const char *p = list;
	char word[128];
	size_t i;
	int found;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		snprintf(word, sizeof word, "%.*s", (int)len, p);
		found = 0;
		for (i = 0; i < n_have; i++)
			found |= strcmp(*(char *const *)((const char *)have +
							 i * stride),
					word) == 0;
		if (!found) {
			vv_error(pack_path, 0, _("the pack has no %s \"%s\"; "
						 "use one it lists"),
				 what, word);
			return -1;
		}
		p = comma ? comma + 1 : NULL;
	}
	return 0;
}

/* ---- directories and fingerprints -------------------------------------- */

static void fp_file(struct hash_sha256 *h, const char *path)
{
	char line[PATH_MAX + 96];
	struct stat st;
	int n;

	/* Inode and ctime too: a file rewritten with its mtime set back
	 * (cp -p, tar, touch -r) still counts as changed. */
	if (stat(path, &st) == 0)
		n = snprintf(line, sizeof line,
			     "%s %lld %lld.%09ld %llu %lld.%09ld\n", path,
			     (long long)st.st_size,
			     (long long)st.st_mtim.tv_sec,
			     (long)st.st_mtim.tv_nsec,
			     (unsigned long long)st.st_ino,
			     (long long)st.st_ctim.tv_sec,
			     (long)st.st_ctim.tv_nsec);
	else
		n = snprintf(line, sizeof line, "%s absent\n", path);
	hash_sha256_update(h, line, n > 0 ? (size_t)n : 0);
}

struct fp_walk {
	struct hash_sha256 *hash;
	struct build *build;
};

/* Adds a media input to the fingerprint; a missing one is reported once
 * and fails the build before anything is written. */
static void fp_input(const char *path, void *user)
{
	struct fp_walk *walk = user;
	struct build *b = walk->build;
	size_t i;

	fp_file(walk->hash, path);
	if (access(path, R_OK) == 0)
		return;
	for (i = 0; i < b->n_missing; i++)
		if (strcmp(b->missing[i], path) == 0)
			return;
	vv_error(path, 0, _("the pack uses this file, but it cannot be "
			    "read: %s; add it or fix the path in pack.xml"),
		 strerror(errno));
	if (b->n_missing < sizeof b->missing / sizeof b->missing[0]) {
		b->missing[b->n_missing] = strdup(path);
		if (b->missing[b->n_missing])
			b->n_missing++;
	}
	b->any_missing = 1;
}

/* The fingerprint of a bundle's inputs: builder version and bundle
 * format, the bundle's name, pack.xml, the language's .po and every media
 * file it reads, each by path, size, mtime, inode and ctime. */
static void fingerprint(struct build *b, struct job *j,
			const struct language *l)
{
	struct hash_sha256 h;
	struct fp_walk walk;
	char head[PATH_MAX + 64];
	int n;

	hash_sha256_begin(&h);
	/* --transcode and its profile change the films in the bundle. */
	n = snprintf(head, sizeof head, "veiviser-build %s format %s\n%s\n"
		     "transcode %s\nsigned %s\n", VV_VERSION,
		     BUNDLE_MAKE_FORMAT, j->name,
		     b->opt.transcode ? b->profile_name : "off",
		     b->signer ? b->signer_id : "no");
	hash_sha256_update(&h, head, (size_t)n);
	fp_file(&h, b->pack->path);
	fp_file(&h, l->po_path);
	walk.hash = &h;
	walk.build = b;
	bundle_make_inputs(b->pack, j->lang, j->level, fp_input, &walk);
	hash_sha256_end(&h, j->fingerprint);
}

/* Returns non-zero when the state file says the bundle at j->path was
 * built from inputs with the same fingerprint and has not been touched
 * since; fills j->result from it. */
static int up_to_date(struct job *j)
{
	char fp[HASH_HEX_SIZE], sha[HASH_HEX_SIZE];
	unsigned long long size, ino, total, translated, fallback;
	long long sec;
	long nsec;
	int draft, ok;
	struct stat st;
	FILE *f = fopen(j->state, "r");

	if (!f)
		return 0;
	ok = fscanf(f, "%64s %llu %lld.%ld %llu %64s %llu %llu %llu %d", fp,
		    &size, &sec, &nsec, &ino, sha, &total, &translated,
		    &fallback, &draft) == 10;
	fclose(f);
	if (!ok || strcmp(fp, j->fingerprint) != 0 ||
	    stat(j->path, &st) != 0 || (unsigned long long)st.st_size != size ||
	    st.st_mtim.tv_sec != sec || st.st_mtim.tv_nsec != nsec ||
	    (unsigned long long)st.st_ino != ino)
		return 0;
	j->result.size = size;
	/* "-": built without --json, the bundle's hash was not taken. */
	if (hash_is_hex(sha))
		memcpy(j->result.sha256, sha, HASH_HEX_SIZE);
	j->result.coverage.total = total;
	j->result.coverage.translated = translated;
	j->result.coverage.fallback = fallback;
	j->result.draft = draft;
	return 1;
}

/* Records what was built, atomically; a build killed before this point
 * just rebuilds the bundle next time (with the same bytes). */
static void save_state(const struct job *j)
{
	struct atomic_file *af;
	struct stat st;
	FILE *f;

	if (stat(j->path, &st) != 0)
		return;
	/* Rebuildable: after a crash a lost or empty state file fails to
	 * parse and the bundle (fsynced before this) is just rebuilt. A
	 * failure costs only that rebuild; the commit's line says why. */
	if (atomic_file_open(j->state, ATOMIC_REBUILDABLE, &af) != VV_OK)
		return;
	f = atomic_file_stream(af);
	if (!f) {
		atomic_file_abort(af);
		return;
	}
	fprintf(f, "%s %llu %lld.%09ld %llu %s %zu %zu %zu %d\n",
		j->fingerprint, (unsigned long long)st.st_size,
		(long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
		(unsigned long long)st.st_ino,
		j->result.sha256[0] ? j->result.sha256 : "-",
		j->result.coverage.total, j->result.coverage.translated,
		j->result.coverage.fallback, j->result.draft);
	(void)atomic_file_commit(af);
}

/* ---- progress --------------------------------------------------------- */

static double since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) +
	       (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Called under b->lock after each bundle. */
static void progress(struct build *b, const struct job *j)
{
	char bar[31];
	double elapsed, eta;
	size_t fill, i;

	if (!b->tty) {
		if (j->status == JOB_WRITTEN)
			fprintf(b->human, _("wrote %s (%llu bytes, %zu of "
					    "%zu texts translated)\n"),
				j->path, (unsigned long long)j->result.size,
				j->result.coverage.translated,
				j->result.coverage.total);
		else if (j->status == JOB_UNCHANGED)
			fprintf(b->human, _("unchanged %s\n"), j->path);
		fflush(b->human);
		return;
	}
	fill = b->n_jobs ? b->done * 30 / b->n_jobs : 30;
	for (i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	elapsed = since(&b->start);
	eta = b->built ? elapsed / (double)b->built *
			 (double)(b->to_build - b->built) : 0;
	/* The carriage return stays out of the message (translators' tools
	 * refuse it). */
	fputc('\r', b->human);
	fprintf(b->human, _("[%s] %zu/%zu bundles, %.1f MB, ETA %.0f s  "),
		bar, b->done, b->n_jobs, (double)b->bytes / 1e6,
		b->built < b->to_build ? eta : 0.0);
	if (b->done == b->n_jobs)
		fputc('\n', b->human);
	fflush(b->human);
}

/* ---- the pool --------------------------------------------------------- */

static void *worker(void *arg)
{
	struct build *b = arg;
	struct job *j;
	enum vv_err err;

	for (;;) {
		pthread_mutex_lock(&b->lock);
		while (b->next < b->n_jobs &&
		       b->jobs[b->next].status != JOB_PENDING)
			b->next++;
		if (b->next >= b->n_jobs || b->failed) {
			pthread_mutex_unlock(&b->lock);
			return NULL;
		}
		j = &b->jobs[b->next++];
		pthread_mutex_unlock(&b->lock);

		err = bundle_make(b->shared, b->pack, j->lang, j->catalog,
				  j->draft, j->level, j->path, &j->result);
		if (err == VV_OK)
			save_state(j);

		pthread_mutex_lock(&b->lock);
		if (err == VV_OK) {
			j->status = JOB_WRITTEN;
			b->done++;
			b->built++;
			b->bytes += j->result.size;
			progress(b, j);
		} else {
			j->status = JOB_FAILED;
			b->failed = 1;
			if (err == VV_ERR_IO || err == VV_ERR_NOMEM ||
			    err == VV_ERR_INTERNAL)
				b->fail_io = 1;
		}
		pthread_mutex_unlock(&b->lock);
	}
}

static int run_pool(struct build *b)
{
	pthread_t threads[MAX_JOBS];
	size_t n = (size_t)b->opt.jobs, started = 0, i;

	if (n > b->to_build)
		n = b->to_build;
	/* Threads that no bundle takes probe a bundle's media files: -j
	 * threads in all. */
	bundle_make_shared_set_probe_jobs(b->shared,
					  (int)((size_t)b->opt.jobs /
						(n ? n : 1)));
	if (n <= 1) {
		worker(b);
		return b->failed;
	}
	for (i = 0; i < n; i++)
		if (pthread_create(&threads[i], NULL, worker, b) == 0)
			started++;
	if (!started)
		worker(b);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	return b->failed;
}

/* ---- JSON result ------------------------------------------------------- */

static const char *status_name(enum job_status s)
{
	switch (s) {
	case JOB_WRITTEN: return "written";
	case JOB_UNCHANGED: return "unchanged";
	case JOB_FAILED: return "failed";
	case JOB_UNTRANSLATED: return "untranslated";
	case JOB_PENDING: break;
	}
	return "not-built";
}

static void json_write(FILE *f, const struct build *b, int ok)
{
	const struct job *j;
	size_t i, k, first;

	fprintf(f, "{\n  \"pack\": ");
	json_write_string(f, b->pack->id);
	fprintf(f, ",\n  \"version\": ");
	json_write_string(f, b->pack->version);
	fprintf(f, ",\n  \"outdir\": ");
	json_write_string(f, b->opt.out_dir);
	fprintf(f, ",\n  \"ok\": %s,\n  \"bundles\": [", ok ? "true" : "false");
	for (i = 0; i < b->n_jobs; i++) {
		j = &b->jobs[i];
		fprintf(f, "%s\n    {\"file\": ", i ? "," : "");
		json_write_string(f, j->name);
		fprintf(f, ", \"lang\": ");
		json_write_string(f, j->lang);
		fprintf(f, ", \"level\": ");
		json_write_string(f, j->level);
		fprintf(f, ", \"status\": \"%s\"", status_name(j->status));
		if (j->status == JOB_WRITTEN || j->status == JOB_UNCHANGED)
			fprintf(f, ", \"size\": %llu, \"sha256\": \"%s\", "
				"\"texts\": %zu, \"translated\": %zu, "
				"\"fallback\": %zu, \"draft\": %s",
				(unsigned long long)j->result.size,
				j->result.sha256, j->result.coverage.total,
				j->result.coverage.translated,
				j->result.coverage.fallback,
				j->result.draft ? "true" : "false");
		fprintf(f, "}");
	}
	fprintf(f, "\n  ],\n  \"fallbacks\": {");
	for (i = 0; i < b->n_languages; i++) {
		fprintf(f, "%s\n    ", i ? "," : "");
		json_write_string(f, b->languages[i].code);
		fprintf(f, ": {");
		first = 1;
		for (k = 0; k < b->n_jobs; k++) {
			j = &b->jobs[k];
			if (strcmp(j->lang, b->languages[i].code) != 0 ||
			    (j->status != JOB_WRITTEN &&
			     j->status != JOB_UNCHANGED))
				continue;
			fprintf(f, "%s", first ? "" : ", ");
			json_write_string(f, j->level);
			fprintf(f, ": %zu", j->result.coverage.fallback);
			first = 0;
		}
		fprintf(f, "}");
	}
	/* Translations check calls an error: not shipped, the source text
	 * stands in (counted in "fallback" above). */
	fprintf(f, "\n  },\n  \"refused\": [");
	for (i = 0; i < b->n_refused; i++) {
		const struct refusal *r = &b->refused[i];

		fprintf(f, "%s\n    {\"lang\": ", i ? "," : "");
		json_write_string(f, r->lang);
		fprintf(f, ", \"file\": ");
		json_write_string(f, r->file);
		fprintf(f, ", \"line\": %ld, \"msgctxt\": ", r->line);
		json_write_string(f, r->ctxt);
		fprintf(f, ", \"kind\": ");
		json_write_string(f, r->kind);
		fprintf(f, ", \"message\": ");
		json_write_string(f, r->message);
		fprintf(f, "}");
	}
	/* Languages at 0 %: none of their bundles is built. */
	fprintf(f, "%s],\n  \"untranslated\": [", b->n_refused ? "\n  " : "");
	first = 1;
	for (i = 0; i < b->n_languages; i++) {
		const struct language *l = &b->languages[i];

		if (!l->untranslated)
			continue;
		fprintf(f, "%s\n    {\"lang\": ", first ? "" : ",");
		json_write_string(f, l->code);
		fprintf(f, ", \"file\": ");
		json_write_string(f, l->po_path);
		fprintf(f, ", \"missing\": %s}", l->has_po ? "false" : "true");
		first = 0;
	}
	fprintf(f, "%s]\n}\n", first ? "" : "\n  ");
}

static int write_json(struct build *b, int ok)
{
	const char *path = b->opt.json;
	struct atomic_file *af;
	FILE *f;

	/* Standard output is checked by main() at exit. */
	if (strcmp(path, "-") == 0) {
		json_write(stdout, b, ok);
		return 0;
	}
	af = b->json_file;
	b->json_file = NULL;
	f = atomic_file_stream(af);
	if (f)
		json_write(f, b, ok);
	return atomic_file_commit(af) == VV_OK ? 0 : -1;
}

/* ---- setup ------------------------------------------------------------ */

static int setup_languages(struct build *b)
{
	const struct pack *p = b->pack;
	struct language *l;
	size_t i;

	if (check_list(b->opt.langs, p->langs, p->n_langs, sizeof(char *),
		       _("language"), p->path) != 0)
		return -1;
	b->languages = calloc(p->n_langs ? p->n_langs : 1,
			      sizeof *b->languages);
	if (!b->languages)
		return -1;
	for (i = 0; i < p->n_langs; i++) {
		if (!in_list(b->opt.langs, p->langs[i]))
			continue;
		l = &b->languages[b->n_languages++];
		l->code = p->langs[i];
		snprintf(l->po_path, sizeof l->po_path, "%s/po/%s.po",
			 b->opt.pack_dir, l->code);
		l->has_po = access(l->po_path, F_OK) == 0;
	}
	return 0;
}

static int setup_jobs(struct build *b)
{
	const struct pack *p = b->pack;
	struct job *j;
	size_t i, k;
	int n;

	if (check_list(b->opt.levels, &p->levels[0].id, p->n_levels,
		       sizeof p->levels[0], _("level"), p->path) != 0)
		return -1;
	b->jobs = calloc(p->n_levels * b->n_languages + 1, sizeof *b->jobs);
	if (!b->jobs)
		return -1;
	/* Level-major order, so parallel workers start on different
	 * languages instead of waiting for the same remux. */
	for (k = 0; k < p->n_levels; k++) {
		if (!in_list(b->opt.levels, p->levels[k].id))
			continue;
		for (i = 0; i < b->n_languages; i++) {
			j = &b->jobs[b->n_jobs++];
			j->lang = b->languages[i].code;
			j->cache_dir = b->cache_dir;
			j->level = p->levels[k].id;
			n = snprintf(j->name, sizeof j->name,
				     "%s-%s-%s-%s.vvb", p->id, p->version,
				     j->lang, j->level);
			if (n < 0 || (size_t)n >= sizeof j->name ||
			    snprintf(j->path, sizeof j->path, "%s/%s",
				     b->opt.out_dir, j->name) >=
				    (int)sizeof j->path ||
			    snprintf(j->state, sizeof j->state,
				     "%s/%s.state", b->cache_dir, j->name) >=
				    (int)sizeof j->state) {
				vv_error(b->opt.out_dir, 0,
					 _("path too long"));
				return -1;
			}
			fingerprint(b, j, &b->languages[i]);
			if (up_to_date(j)) {
				j->status = JOB_UNCHANGED;
			} else {
				b->languages[i].needed = 1;
				b->to_build++;
			}
		}
	}
	return 0;
}

/* Counts, for refuse_untranslated(), the texts a catalogue translates. */
struct translated_count {
	const struct po_catalog *catalog;
	size_t translated;
};

static void count_translated(const struct pack_text *t, void *user)
{
	struct translated_count *c = user;

	if (po_catalog_state(c->catalog, t->ctxt, t->text) == PO_TRANSLATED)
		c->translated++;
}

/* A language at 0 % (no .po, or not one text translated) is an error of
 * check: its bundles would show only the source text, so none is built.
 * One line per such language; the source language is never at 0 %. */
static void refuse_untranslated(struct build *b)
{
	struct language *l;
	size_t i, k;

	for (i = 0; i < b->n_languages; i++) {
		struct translated_count c;

		l = &b->languages[i];
		if (strcmp(l->code, b->pack->source_lang) == 0)
			continue;
		if (l->has_po) {
			c.catalog = l->catalog;
			c.translated = 0;
			pack_foreach_text(b->pack, count_translated, &c);
			if (c.translated)
				continue;
			vv_error(l->po_path, 0,
				 _("no text is translated (0 %%), so no "
				   "bundle is built in this language; "
				   "translate it, or remove the language "
				   "from <languages>"));
		} else {
			vv_error(l->po_path, 0,
				 _("missing: no translation yet (0 %%), so "
				   "no bundle is built in this language; add "
				   "the language to po/LINGUAS, run update-po "
				   "and translate it"));
		}
		l->untranslated = 1;
		b->n_untranslated++;
		for (k = 0; k < b->n_jobs; k++) {
			if (strcmp(b->jobs[k].lang, l->code) != 0)
				continue;
			if (b->jobs[k].status == JOB_PENDING)
				b->to_build--;
			b->jobs[k].status = JOB_UNTRANSLATED;
		}
	}
}

/* Returns VV_OK, or the error of the first catalogue that did not load
 * (after its one line). */
static enum vv_err load_catalogs(struct build *b)
{
	struct language *l;
	enum vv_err err;
	size_t i;

	for (i = 0; i < b->n_languages; i++) {
		l = &b->languages[i];
		/* Every catalogue is loaded, also for unchanged bundles:
		 * a language at 0 % is refused whether or not its bundles
		 * are up to date. */
		if (!l->has_po || strcmp(l->code, b->pack->source_lang) == 0)
			continue;
		err = po_catalog_load(l->po_path, &l->catalog);
		if (err)
			return err;
	}
	for (i = 0; i < b->n_jobs; i++) {
		size_t k;

		for (k = 0; k < b->n_languages; k++)
			if (b->languages[k].code == b->jobs[i].lang) {
				b->jobs[i].catalog = b->languages[k].catalog;
				b->jobs[i].draft =
					b->languages[k].catalog &&
					po_catalog_is_draft(
						b->languages[k].catalog);
			}
	}
	return 0;
}

static void add_refusal(struct build *b, const struct language *l,
			long line, const char *ctxt, const char *kind,
			const char *why)
{
	struct refusal *r;

	if (b->n_refused == b->cap_refused) {
		size_t nc = b->cap_refused ? b->cap_refused * 2 : 16;
		struct refusal *nr = nc < 1000000
			? realloc(b->refused, nc * sizeof *nr) : NULL;

		if (!nr)
			return; /* the line on stderr still says it */
		b->refused = nr;
		b->cap_refused = nc;
	}
	r = &b->refused[b->n_refused];
	r->message = strdup(why);
	if (!r->message)
		return;
	r->lang = l->code;
	r->file = l->po_path;
	r->line = line;
	r->ctxt = ctxt;
	r->kind = kind;
	b->n_refused++;
}

/* One line per translation that check calls an error (not shipped: the
 * source text stands in) or that is over its budget (shipped, shrunk),
 * for each language whose catalogue was loaded. Returns the number of
 * refused translations. */
struct verdict_walk {
	struct build *b;
	const struct language *l;
	size_t refused;
	int strict;
};

static void note_verdict(const struct pack_text *t, void *user)
{
	struct verdict_walk *w = user;
	const char *tr = po_catalog_lookup(w->l->catalog, t->ctxt, t->text);
	const char *kind;
	char why[512];
	long line;

	if (!tr)
		return;
	line = po_catalog_msgstr_line(w->l->catalog, t->ctxt);
	switch (check_translation(t->text, tr, t->budget, &kind, why,
				  sizeof why)) {
	case CHECK_REFUSE:
		w->refused++;
		add_refusal(w->b, w->l, line, t->ctxt, kind, why);
		vv_error(w->l->po_path, line,
			 w->strict ? _("%s: %s") :
			 _("%s: %s; the source text is shipped instead"),
			 t->ctxt, why);
		break;
	case CHECK_SHIP_LONG:
		vv_error(w->l->po_path, line, _("warning: %s: %s"), t->ctxt,
			 why);
		break;
	case CHECK_SHIP:
		break;
	}
}

static size_t report_verdicts(struct build *b)
{
	struct verdict_walk w;
	size_t i, refused = 0;

	for (i = 0; i < b->n_languages; i++) {
		if (!b->languages[i].catalog)
			continue;
		w.b = b;
		w.l = &b->languages[i];
		w.refused = 0;
		w.strict = b->opt.strict;
		pack_foreach_text(b->pack, note_verdict, &w);
		refused += w.refused;
	}
	return refused;
}

/* --strict: a source text over its budget is an error of check too. */
static void note_long_source(const struct pack_text *t, void *user)
{
	struct build *b = user;
	size_t len = check_text_length(t->text);
	char *file;

	if (!t->budget || len <= t->budget)
		return;
	file = path_join(b->pack->dir, t->file);
	vv_error(file ? file : t->file, t->line,
		 _("--strict: %s: the source text is %zu characters, over the "
		   "budget of %zu for this field; shorten it"), t->ctxt, len,
		 t->budget);
	free(file);
	b->strict_errors++;
}

struct strict_report {
	const char *first_ctxt;
};

static void note_fallback(const struct pack_text *t, void *user)
{
	struct strict_report *r = user;

	if (!r->first_ctxt)
		r->first_ctxt = t->ctxt;
}

/* --strict: refuses, before anything is written, when any bundle would
 * show source text. One line per (language, level) at fault. */
static int strict_check(struct build *b)
{
	struct bundle_make_coverage cov;
	struct strict_report r;
	const struct language *l;
	size_t i, k;
	int bad = 0;

	for (i = 0; i < b->n_jobs; i++) {
		const struct job *j = &b->jobs[i];

		if (j->status == JOB_UNTRANSLATED)
			continue; /* said by refuse_untranslated() */
		l = NULL;
		for (k = 0; k < b->n_languages; k++)
			if (b->languages[k].code == j->lang)
				l = &b->languages[k];
		r.first_ctxt = NULL;
		bundle_make_count(b->pack, j->lang, j->catalog, j->level, &cov,
				  note_fallback, &r);
		if (!cov.fallback)
			continue;
		bad = 1;
		vv_error(l ? l->po_path : b->pack->path, 0,
			 _("--strict: %zu of %zu texts for level %s are "
			   "untranslated, fuzzy or refused by check (first: "
			   "%s); fix them or build without --strict"),
			 cov.fallback, cov.total, j->level,
			 r.first_ctxt ? r.first_ctxt : "?");
	}
	b->strict_errors = 0;
	pack_foreach_text(b->pack, note_long_source, b);
	return bad || b->strict_errors;
}

static void build_free(struct build *b)
{
	size_t i;

	sign_secret_free(b->signer);
	for (i = 0; i < b->n_missing; i++)
		free(b->missing[i]);
	for (i = 0; i < b->n_refused; i++)
		free(b->refused[i].message);
	free(b->refused);
	for (i = 0; i < b->n_languages; i++)
		po_catalog_free(b->languages[i].catalog);
	free(b->languages);
	free(b->jobs);
	bundle_make_shared_free(b->shared);
	pack_free(b->pack);
	atomic_file_abort(b->json_file);
	pthread_mutex_destroy(&b->lock);
}

/* --json after builds without it: hashes the unchanged bundles whose
 * state has no hash yet, and records it. Returns 0, or -1 after one
 * line. */
static int hash_unhashed(struct build *b)
{
	struct job *j;
	size_t i;

	for (i = 0; i < b->n_jobs; i++) {
		j = &b->jobs[i];
		if (j->status != JOB_UNCHANGED || j->result.sha256[0])
			continue;
		if (hash_sha256_file(j->path, j->result.sha256, NULL) != VV_OK)
			return -1;
		save_state(j);
	}
	return 0;
}

int cmd_build(int argc, char **argv)
{
	struct build b;
	size_t i, written = 0, unchanged = 0, untranslated = 0;
	int rc;

	memset(&b, 0, sizeof b);
	rc = parse_args(argc, argv, &b.opt);
	if (rc >= 0)
		return rc;
	/* The key first: a wrong password stops before any work. */
	if (b.opt.sign_key) {
		struct sign_public pub;

		if (sign_bundle_load_key(b.opt.sign_key, b.opt.password_file,
					 &b.signer) != VV_OK)
			return 2;
		sign_secret_public(b.signer, &pub);
		sign_id_hex(pub.id, b.signer_id);
	}
	pthread_mutex_init(&b.lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b.start);
	b.human = b.opt.json && strcmp(b.opt.json, "-") == 0 ? stderr
							      : stdout;
	b.tty = isatty(fileno(b.human));
	xmlInitParser();
	/* Exit status (man page): 1 for a problem in the inputs (pack.xml,
	 * a .po, a missing media file), 2 for usage and I/O errors. */
	rc = 2;
	if (b.opt.json && strcmp(b.opt.json, "-") != 0 &&
	    atomic_file_open(b.opt.json, ATOMIC_DURABLE, &b.json_file) !=
	    VV_OK)
		goto out;
	{
		enum vv_err err = pack_load(b.opt.pack_dir, &b.pack);

		if (err) {
			rc = err == VV_ERR_IO || err == VV_ERR_NOMEM ? 2 : 1;
			goto out;
		}
	}
	if (snprintf(b.cache_dir, sizeof b.cache_dir, "%s/%s", b.opt.out_dir,
		     CACHE_DIR) >= (int)sizeof b.cache_dir) {
		vv_error(b.opt.out_dir, 0, _("path too long"));
		goto out;
	}
	if (path_make_dirs(b.opt.out_dir, 0755) != 0 ||
	    path_make_dirs(b.cache_dir, 0755) != 0 ||
	    access(b.opt.out_dir, W_OK) != 0) {
		vv_error(b.opt.out_dir, 0, _("cannot create or write the "
					     "output directory: %s; choose a "
					     "writable one with -o"),
			 strerror(errno));
		goto out;
	}
	/* What an earlier, killed build left behind. */
	bundle_write_clean_stale(b.opt.out_dir);
	bundle_write_clean_stale(b.cache_dir);
	b.shared = bundle_make_shared_new(b.cache_dir);
	/* The command line wins over the pack, which wins over the
	 * default; the pack's value was checked when it was loaded. */
	snprintf(b.profile_name, sizeof b.profile_name, "%s",
		 b.opt.profile ? b.opt.profile : b.pack->video_profile ?
		 b.pack->video_profile : MEDIA_PROFILE_DEFAULT);
	if (media_profile_parse(b.profile_name, &b.profile) != VV_OK)
		media_profile_parse(MEDIA_PROFILE_DEFAULT, &b.profile);
	/* The whole bundle's hash is only reported in --json. */
	if (b.shared) {
		bundle_make_shared_set_bundle_hash(b.shared,
						   b.opt.json != NULL);
		if (b.opt.transcode)
			bundle_make_shared_set_transcode(b.shared,
							 &b.profile);
		bundle_make_shared_set_signer(b.shared, b.signer);
	}
	if (!b.shared || setup_languages(&b) != 0 || setup_jobs(&b) != 0)
		goto out;
	{
		enum vv_err err = load_catalogs(&b);

		if (err || b.any_missing) {
			rc = err == VV_ERR_IO || err == VV_ERR_NOMEM ? 2 : 1;
			goto out;
		}
	}
	refuse_untranslated(&b);
	report_verdicts(&b);
	/* Evaluated in full, so that --strict names every error. */
	if (b.opt.strict && (strict_check(&b) | (b.n_untranslated != 0))) {
		rc = 1;
		goto out;
	}
	for (i = 0; i < b.n_jobs; i++) {
		/* A bundle an earlier build wrote for a language now at 0 %
		 * is removed, so that it is not shipped with the others. */
		if (b.jobs[i].status == JOB_UNTRANSLATED) {
			unlink(b.jobs[i].path);
			unlink(b.jobs[i].state);
		}
		if (b.jobs[i].status == JOB_UNCHANGED ||
		    b.jobs[i].status == JOB_UNTRANSLATED) {
			b.done++;
			progress(&b, &b.jobs[i]);
		}
	}
	run_pool(&b);
	if (b.tty && b.done < b.n_jobs)
		fputc('\n', b.human);
	for (i = 0; i < b.n_jobs; i++) {
		written += b.jobs[i].status == JOB_WRITTEN;
		unchanged += b.jobs[i].status == JOB_UNCHANGED;
		untranslated += b.jobs[i].status == JOB_UNTRANSLATED;
	}
	rc = b.failed ? (b.fail_io ? 2 : 1) : b.n_untranslated ? 1 : 0;
	if (b.opt.json && hash_unhashed(&b) != 0)
		rc = 2;
	if (b.opt.json &&
	    write_json(&b, !b.failed && !b.n_untranslated) != 0)
		rc = 2;
	fprintf(b.human, _("%zu bundles: %zu written, %zu unchanged%s\n"),
		b.n_jobs - untranslated, written, unchanged,
		b.failed ? _(", build failed") : "");
out:
	build_free(&b);
	return rc;
}
