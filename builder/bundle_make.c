/* bundle_make: one (language, level) of a pack -> one .vvb. */
#include "builder/bundle_make.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "builder/bundle_write.h"
#include "builder/cache.h"
#include "builder/check.h"
#include "builder/media.h"
#include "builder/picture.h"
#include "builder/sign_bundle.h"
#include "builder/subtitle.h"
#include "common/bundle.h"
#include "common/i18n.h"
#include "common/lang.h"
#include "common/path.h"
#include "common/strbuf.h"


/* ---- shared state: the memo of file hashes --------------------------- */

/* One file's digest for this build. `pending` while one worker hashes
 * it; the others wait for it on `done` rather than hash it too (with -j,
 * the levels of one language want the same remuxed video at once). */
struct memo_entry {
	char *path;
	struct bundle_file_id id;
	int pending;
	int racy;
	char sha256[HASH_HEX_SIZE];
};

/* A file changed less than this before it was hashed may change again
 * within the same timestamp tick without its identity moving (git's
 * "racy clean" problem): its digest is not cached for later builds and
 * its copies are hashed again. Timestamps come from the coarse clock
 * (a few ms); the margin covers it with room to spare. */
#define RACY_NS 50000000LL

/* Threads probing the files of one bundle at most. */
#define PROBE_MAX_JOBS 64

struct bundle_make_shared {
	const char *cache_dir;
	int bundle_hash;
	int transcode;                 /* fit films into `profile` */
	struct media_profile profile;
	const struct sign_secret *signer; /* NULL: unsigned */
	int probe_jobs;                /* threads probing one bundle's files */
	pthread_mutex_t lock;
	pthread_cond_t done;
	struct memo_entry *memo;
	size_t n_memo, cap_memo;
};

struct bundle_make_shared *bundle_make_shared_new(const char *cache_dir)
{
	struct bundle_make_shared *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->cache_dir = cache_dir;
	s->bundle_hash = 1;
	bundle_make_shared_set_probe_jobs(s, 0);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->done, NULL);
	return s;
}

void bundle_make_shared_set_transcode(struct bundle_make_shared *s,
				      const struct media_profile *profile)
{
	s->transcode = profile != NULL;
	if (profile)
		s->profile = *profile;
}

void bundle_make_shared_set_bundle_hash(struct bundle_make_shared *s,
					int on)
{
	s->bundle_hash = on;
}

void bundle_make_shared_set_signer(struct bundle_make_shared *s,
				   const struct sign_secret *sk)
{
	s->signer = sk;
}

void bundle_make_shared_set_probe_jobs(struct bundle_make_shared *s, int n)
{
	if (n < 1)
		n = (int)sysconf(_SC_NPROCESSORS_ONLN);
	s->probe_jobs = n < 1 ? 1 : n > PROBE_MAX_JOBS ? PROBE_MAX_JOBS : n;
}

void bundle_make_shared_free(struct bundle_make_shared *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n_memo; i++)
		free(s->memo[i].path);
	free(s->memo);
	pthread_cond_destroy(&s->done);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* Under s->lock: the entry for `path` as it is now (`id`), or NULL. */
static struct memo_entry *memo_find(struct bundle_make_shared *s,
				    const char *path,
				    const struct bundle_file_id *id)
{
	size_t i;

	for (i = 0; i < s->n_memo; i++)
		if (strcmp(s->memo[i].path, path) == 0 &&
		    bundle_file_id_equal(&s->memo[i].id, id))
			return &s->memo[i];
	return NULL;
}

/* Under s->lock: adds a pending entry. Returns 0 when out of memory (the
 * caller then hashes without the memo: it is only an optimisation). */
static int memo_claim(struct bundle_make_shared *s, const char *path,
		      const struct bundle_file_id *id)
{
	struct memo_entry *e;

	if (s->n_memo == s->cap_memo) {
		size_t cap = s->cap_memo ? 2 * s->cap_memo : 32;
		struct memo_entry *grown = realloc(s->memo,
						   cap * sizeof *grown);

		if (!grown)
			return 0;
		s->memo = grown;
		s->cap_memo = cap;
	}
	e = &s->memo[s->n_memo];
	e->path = strdup(path);
	if (!e->path)
		return 0;
	e->id = *id;
	e->pending = 1;
	s->n_memo++;
	return 1;
}

/* Ends the claim on (path, id): stores the digest, or drops the entry
 * when sha256 is NULL (a failure: a waiter then tries, and reports, it
 * itself). Wakes the waiters. */
static void memo_settle(struct bundle_make_shared *s, const char *path,
			const struct bundle_file_id *id, const char *sha256,
			int racy)
{
	struct memo_entry *e;

	pthread_mutex_lock(&s->lock);
	e = memo_find(s, path, id);
	if (e && sha256) {
		memcpy(e->sha256, sha256, HASH_HEX_SIZE);
		e->racy = racy;
		e->pending = 0;
	} else if (e) {
		free(e->path);
		*e = s->memo[--s->n_memo];
	}
	pthread_cond_broadcast(&s->done);
	pthread_mutex_unlock(&s->lock);
}

/* Returns non-zero when `path` lies in the build's cache directory. */
static int in_cache(const struct bundle_make_shared *s, const char *path)
{
	size_t n = s->cache_dir ? strlen(s->cache_dir) : 0;

	return n && strncmp(path, s->cache_dir, n) == 0 && path[n] == '/';
}

/* Finds the digest of the open file `fd` (`path`, now `id`) in the digest
 * cache of earlier builds, or hashes it and stores it there. The key
 * holds the file's identity (device, inode, size, mtime and ctime): a
 * file written since, even with its mtime set back, has another ctime.
 * *racy is set for a file changed just before it was read (RACY_NS).
 * Returns VV_OK, or VV_ERR_IO after one line. */
static enum vv_err digest(struct bundle_make_shared *s, const char *path,
			  int fd, const struct bundle_file_id *id,
			  char sha256[HASH_HEX_SIZE], int *racy)
{
	struct timespec now;
	char key[CACHE_KEY_SIZE], variant[200], *entry = NULL;
	struct bundle_file_id after;
	struct stat st;
	unsigned char end;
	enum vv_err err;

	snprintf(variant, sizeof variant,
		 "sha256 %llu %llu %llu %lld.%09lld %lld.%09lld",
		 (unsigned long long)id->dev, (unsigned long long)id->ino,
		 (unsigned long long)id->size, (long long)id->mtime_sec,
		 (long long)id->mtime_nsec, (long long)id->ctime_sec,
		 (long long)id->ctime_nsec);
	if (s->cache_dir && cache_key(path, variant, key) == VV_OK)
		entry = cache_entry_path(s->cache_dir, key, ".sha256");
	if (entry && cache_get(entry, sha256, 64) == VV_OK) {
		sha256[64] = '\0';
		if (hash_is_hex(sha256)) {
			free(entry);
			return VV_OK;
		}
	}
	clock_gettime(CLOCK_REALTIME, &now);
	*racy = id->ctime_sec * 1000000000LL + id->ctime_nsec + RACY_NS >=
		(long long)now.tv_sec * 1000000000LL + now.tv_nsec;
	/* Cache entries (remuxed videos) are written whole, then renamed
	 * into place, and never written again: a recent ctime there is the
	 * rename that just published a finished file. */
	if (*racy && in_cache(s, path))
		*racy = 0;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	errno = 0;
	err = hash_sha256_range(fd, 0, id->size, sha256);
	if (err != VV_OK) {
		vv_error(path, 0, _("cannot read: %s; check the file"),
			 strerror(errno ? errno : EIO));
		free(entry);
		return VV_ERR_IO;
	}
	/* Longer than it was, or written to while it was read: the digest
	 * may describe bytes that were never in the file at once. */
	if (pread(fd, &end, 1, (off_t)id->size) != 0 || fstat(fd, &st) != 0 ||
	    (bundle_file_id_from_stat(&after, &st),
	     !bundle_file_id_equal(&after, id))) {
		vv_error(path, 0, _("changed while it was read; build again"));
		free(entry);
		return VV_ERR_IO;
	}
	/* A failed cache write only costs a re-hash next time. */
	if (entry && !*racy)
		(void)cache_put(entry, sha256, 64);
	free(entry);
	return VV_OK;
}

/* Returns in sha256 the digest of `path` and in *id what the file was
 * when it was hashed (bundle_writer_add_file_id() checks the copy against
 * it); *racy when that check is not enough (see RACY_NS). Each distinct
 * file is hashed once per build, and not at all when an earlier build
 * cached its digest. Returns VV_OK or VV_ERR_IO after one line.
 * Thread-safe. */
static enum vv_err memo_hash(struct bundle_make_shared *s, const char *path,
			     char sha256[HASH_HEX_SIZE],
			     struct bundle_file_id *id, int *racy)
{
	struct memo_entry *e;
	struct stat st;
	enum vv_err err;
	int fd, claimed;

	*racy = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		vv_error(path, 0, _("cannot read: %s; check the path"),
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		return VV_ERR_IO;
	}
	bundle_file_id_from_stat(id, &st);
	pthread_mutex_lock(&s->lock);
	while ((e = memo_find(s, path, id)) && e->pending)
		pthread_cond_wait(&s->done, &s->lock);
	if (e) {
		memcpy(sha256, e->sha256, HASH_HEX_SIZE);
		*racy = e->racy;
		pthread_mutex_unlock(&s->lock);
		close(fd);
		return VV_OK;
	}
	claimed = memo_claim(s, path, id);
	pthread_mutex_unlock(&s->lock);
	err = digest(s, path, fd, id, sha256, racy);
	close(fd);
	if (claimed)
		memo_settle(s, path, id, err == VV_OK ? sha256 : NULL,
			    *racy);
	return err;
}

/* ---- walking the texts of one bundle ---------------------------------- */

static const struct pack_level *find_level(const struct pack *pack,
					   const char *id)
{
	size_t i;

	for (i = 0; i < pack->n_levels; i++)
		if (strcmp(pack->levels[i].id, id) == 0)
			return &pack->levels[i];
	return NULL;
}

static void foreach_bundle_text(const struct pack *pack, const char *level,
				void (*fn)(const struct pack_text *, void *),
				void *user)
{
	const struct pack_level *lv = find_level(pack, level);
	const struct pack_item *it;
	size_t i, j;

	fn(&pack->title, user);
	if (lv)
		fn(&lv->label, user);
	for (i = 0; i < pack->n_items; i++) {
		it = &pack->items[i];
		if (!pack_item_in_level(it, level))
			continue;
		if (it->heading)
			fn(it->heading, user);
		for (j = 0; j < it->n_paragraphs; j++)
			fn(&it->paragraphs[j], user);
		for (j = 0; j < it->n_bullets; j++)
			fn(&it->bullets[j], user);
		if (it->image && it->image_alt)
			fn(it->image_alt, user);
		if (it->script)
			fn(it->script, user);
		for (j = 0; j < it->n_cues; j++)
			fn(&it->cues[j].text, user);
	}
}

struct resolver {
	const struct po_catalog *catalog;
	int is_source;
};

/* Returns the text to ship for `t`; *fallback is set when the source text
 * stands in for a missing, untranslated or fuzzy translation, or for one
 * that check calls an error (check_translation()). */
static const char *resolve(const struct resolver *r, const struct pack_text *t,
			   int *fallback)
{
	const char *tr, *kind;
	char why[512];

	*fallback = 0;
	if (r->is_source)
		return t->text;
	tr = r->catalog ? po_catalog_lookup(r->catalog, t->ctxt, t->text)
			: NULL;
	if (tr && check_translation(t->text, tr, t->budget, &kind, why,
				    sizeof why) != CHECK_REFUSE)
		return tr;
	*fallback = 1;
	return t->text;
}

struct counting {
	struct resolver r;
	struct bundle_make_coverage *coverage;
	void (*report)(const struct pack_text *, void *);
	void *user;
};

static void count_one(const struct pack_text *t, void *user)
{
	struct counting *c = user;
	int fallback;

	resolve(&c->r, t, &fallback);
	c->coverage->total++;
	if (fallback) {
		c->coverage->fallback++;
		if (c->report)
			c->report(t, c->user);
	} else {
		c->coverage->translated++;
	}
}

static int same_lang(const char *a, const char *b)
{
	const struct vv_lang *la, *lb;

	if (!a || !b)
		return 0;
	la = lang_find(a);
	lb = lang_find(b);
	return la && lb ? la == lb : strcmp(a, b) == 0;
}

void bundle_make_count(const struct pack *pack, const char *lang,
		       const struct po_catalog *catalog, const char *level,
		       struct bundle_make_coverage *coverage,
		       void (*report)(const struct pack_text *, void *),
		       void *user)
{
	struct counting c;

	memset(coverage, 0, sizeof *coverage);
	c.r.catalog = catalog;
	c.r.is_source = same_lang(lang, pack->source_lang);
	c.coverage = coverage;
	c.report = report;
	c.user = user;
	foreach_bundle_text(pack, level, count_one, &c);
}

/* ---- inputs -------------------------------------------------------- */

static const struct pack_media *narration_for(const struct pack_item *it,
					      const char *lang)
{
	size_t i;

	for (i = 0; i < it->n_narration; i++)
		if (same_lang(it->narration[i].lang, lang))
			return &it->narration[i];
	return NULL;
}

/* The prompt for `lang` among `m`, or NULL. */
static const struct pack_media *prompt_for(const struct pack_media *m,
					   size_t n, const char *lang)
{
	size_t i;

	for (i = 0; m && i < n; i++)
		if (same_lang(m[i].lang, lang))
			return &m[i];
	return NULL;
}

/* Picks the video source for `lang`: its own file, else the multi-track
 * file, else the source language's file. *own_lang is the language to
 * pass to media_for_language() as the file's source language. */
static const struct pack_media *video_for(const struct pack *pack,
					  const struct pack_item *it,
					  const char *lang,
					  const char **own_lang)
{
	size_t i;

	for (i = 0; i < it->n_sources; i++)
		if (same_lang(it->sources[i].lang, lang)) {
			*own_lang = it->sources[i].lang;
			return &it->sources[i];
		}
	*own_lang = pack->source_lang;
	for (i = 0; i < it->n_sources; i++)
		if (!it->sources[i].lang)
			return &it->sources[i];
	for (i = 0; i < it->n_sources; i++)
		if (same_lang(it->sources[i].lang, pack->source_lang))
			return &it->sources[i];
	if (it->n_sources) {
		*own_lang = it->sources[0].lang;
		return &it->sources[0];
	}
	return NULL;
}

static void input(const struct pack *pack, const struct pack_media *m,
		  void (*fn)(const char *, void *), void *user)
{
	char *p;

	if (!m)
		return;
	p = path_join(pack->dir, m->src);
	if (p)
		fn(p, user);
	free(p);
}

void bundle_make_inputs(const struct pack *pack, const char *lang,
			const char *level,
			void (*fn)(const char *path, void *user), void *user)
{
	const struct pack_item *it;
	const char *own;
	size_t i;

	input(pack, prompt_for(pack->lang_prompts, pack->n_lang_prompts,
			       lang), fn, user);
	input(pack, prompt_for(pack->end_prompts, pack->n_end_prompts, lang),
	      fn, user);
	input(pack, prompt_for(pack->idle_prompts, pack->n_idle_prompts,
			       lang), fn, user);
	for (i = 0; i < pack->n_levels; i++)
		if (strcmp(pack->levels[i].id, level) == 0)
			input(pack, prompt_for(pack->levels[i].prompts,
					       pack->levels[i].n_prompts,
					       lang), fn, user);
	for (i = 0; i < pack->n_items; i++) {
		it = &pack->items[i];
		if (!pack_item_in_level(it, level))
			continue;
		input(pack, it->image, fn, user);
		input(pack, narration_for(it, lang), fn, user);
		input(pack, video_for(pack, it, lang, &own), fn, user);
		input(pack, it->subtitles, fn, user);
	}
}

/* ---- members ---------------------------------------------------------- */

/* Numbers in the manifest (and in the media cache's records) use '.',
 * whatever the user's locale: every thread that writes them uses this. */
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;
static locale_t c_numeric_locale;

static void c_numeric_init(void)
{
	c_numeric_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* One file that collect() probes: a pack file (media_probe_cached()) or
 * a pack picture (picture_for_screen(), then a probe of the fitted
 * file). probe_all() runs them all on up to probe_jobs threads before
 * collect() starts; each result waits here, with the lines its failure
 * printed, until collect() reaches the file in member order. So the
 * manifest is a function of the results only, and the error reported is
 * the first in member order, in the same words, whatever the number of
 * threads (later failures are not reported, as without threads). */
struct probe {
	char *path;              /* pack dir + src */
	int picture;
	char *fitted;            /* picture: the file that goes in */
	int w, h;
	struct media_info info;
	enum vv_err err;
	struct strbuf lines;     /* what the failure printed, '\n' after each */
	int done;
};

struct member {
	char name[BUNDLE_WRITE_MAX_NAME + 1];
	const char *kind;
	char *path;          /* file to copy; NULL for generated members */
	char *data;          /* generated member (subtitles) */
	uint64_t size;
	struct bundle_file_id id; /* of path, as hashed */
	int racy;                 /* copy with a hash check (RACY_NS) */
	char sha256[HASH_HEX_SIZE];
	struct media_info info;
	int has_info;
	double duration;
};

#define NO_MEMBER ((size_t)-1)

/* What the manifest says of one item of the bundle, collected (probed,
 * hashed, remuxed) before any of the manifest is written. Members are
 * indices into make.members, NO_MEMBER when there is none. */
struct entry {
	const struct pack_item *item;
	size_t image, narration;         /* slides */
	size_t video, subtitles;         /* videos */
	char *audio_lang;                /* video: kept audio, or NULL */
};

struct make {
	struct bundle_make_shared *shared;
	const struct pack *pack;
	const char *lang;
	const char *level;
	struct resolver r;
	xmlTextWriterPtr w;
	int xml_failed;
	struct member *members;
	size_t n_members, cap_members;
	/* Collected first, then written: the manifest is a pure function
	 * of these. */
	struct entry *entries;
	size_t n_entries;
	size_t lang_prompt, level_prompt, end_prompt, idle_prompt;
	/* Probed before collect(), in parallel (probe_all()). */
	struct probe *probes;
	size_t n_probes, cap_probes, next_probe;
	pthread_mutex_t probe_lock;
};

/* "media/<12 hex>-<base>", base reduced to safe characters and cut to
 * fit ustar's name field, keeping its extension. */
static void member_name(char *out, const char *sha256, const char *base)
{
	char clean[BUNDLE_WRITE_MAX_NAME + 1];
	const char *slash = strrchr(base, '/'), *dot;
	size_t room = BUNDLE_WRITE_MAX_NAME - 19, len, ext, i;

	base = slash ? slash + 1 : base;
	len = strlen(base);
	dot = strrchr(base, '.');
	ext = dot ? strlen(dot) : 0;
	if (ext > 16)
		ext = 0;
	if (len > room) {
		memcpy(clean, base, room - ext);
		memcpy(clean + room - ext, base + len - ext, ext);
		len = room;
	} else {
		memcpy(clean, base, len);
	}
	clean[len] = '\0';
	for (i = 0; i < len; i++) {
		char c = clean[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		      c == '_'))
			clean[i] = '_';
	}
	if (clean[0] == '.')
		clean[0] = '_';
	snprintf(out, BUNDLE_WRITE_MAX_NAME + 1, "media/%.12s-%s", sha256,
		 clean);
}

static struct member *new_member(struct make *m, const char *name,
				 const char *sha256, int *existing)
{
	struct member *mb;
	size_t i;

	*existing = 0;
	for (i = 0; i < m->n_members; i++)
		if (strcmp(m->members[i].name, name) == 0) {
			*existing = 1;
			return &m->members[i];
		}
	if (m->n_members >= BUNDLE_MAX_MEMBERS)
		return NULL;
	if (m->n_members == m->cap_members) {
		size_t cap = m->cap_members ? 2 * m->cap_members : 16;
		struct member *grown = realloc(m->members,
					       cap * sizeof *grown);

		if (!grown)
			return NULL;
		m->members = grown;
		m->cap_members = cap;
	}
	mb = &m->members[m->n_members++];
	memset(mb, 0, sizeof *mb);
	memcpy(mb->name, name, sizeof mb->name);
	memcpy(mb->sha256, sha256, HASH_HEX_SIZE);
	return mb;
}

/* ---- probing, before collecting ---------------------------------------- */

static void screen_of(const struct make *m, int *sw, int *sh)
{
	if (picture_screen_parse(m->pack->screen_size ? m->pack->screen_size
				 : PICTURE_SCREEN_DEFAULT, sw, sh) != VV_OK)
		picture_screen_parse(PICTURE_SCREEN_DEFAULT, sw, sh);
}

static void capture_line(const char *line, void *user)
{
	struct strbuf *b = user;

	strbuf_puts(b, line);
	strbuf_puts(b, "\n");
}

/* Probes p on the calling thread, keeping what it prints in p->lines. */
static void probe_one(struct make *m, struct probe *p)
{
	const char *cache = m->shared->cache_dir;
	int sw, sh;

	vv_error_set_thread_capture(capture_line, &p->lines);
	if (p->picture) {
		screen_of(m, &sw, &sh);
		p->err = picture_for_screen(p->path, sw, sh, cache, &p->fitted,
					    &p->w, &p->h);
		if (p->err == VV_OK)
			p->err = media_probe_cached(p->fitted, cache,
						    &p->info);
	} else {
		p->err = media_probe_cached(p->path, cache, &p->info);
	}
	vv_error_set_thread_capture(NULL, NULL);
	p->done = 1;
}

/* Adds the file `path` (taken over) to the probes, once. Returns its
 * probe, or NULL when out of memory. */
static struct probe *probe_add(struct make *m, char *path, int picture)
{
	struct probe *p;
	size_t i;

	if (!path)
		return NULL;
	for (i = 0; i < m->n_probes; i++)
		if (m->probes[i].picture == picture &&
		    strcmp(m->probes[i].path, path) == 0) {
			free(path);
			return &m->probes[i];
		}
	if (m->n_probes == m->cap_probes) {
		size_t cap = m->cap_probes ? 2 * m->cap_probes : 16;
		struct probe *grown = realloc(m->probes, cap * sizeof *grown);

		if (!grown) {
			free(path);
			return NULL;
		}
		m->probes = grown;
		m->cap_probes = cap;
	}
	p = &m->probes[m->n_probes++];
	memset(p, 0, sizeof *p);
	p->path = path;
	p->picture = picture;
	strbuf_init(&p->lines, 16384);
	return p;
}

static struct probe *plan_probe(struct make *m, const char *src,
				int picture)
{
	return probe_add(m, path_join(m->pack->dir, src), picture);
}

/* The files collect() will probe, in the order it meets them. */
static enum vv_err plan_probes(struct make *m)
{
	const struct pack_level *lv = find_level(m->pack, m->level);
	const struct pack_media *pr[4];
	int fail = 0;
	size_t i;

	pr[0] = prompt_for(m->pack->lang_prompts, m->pack->n_lang_prompts,
			   m->lang);
	pr[1] = lv ? prompt_for(lv->prompts, lv->n_prompts, m->lang) : NULL;
	pr[2] = prompt_for(m->pack->end_prompts, m->pack->n_end_prompts,
			   m->lang);
	pr[3] = prompt_for(m->pack->idle_prompts, m->pack->n_idle_prompts,
			   m->lang);
	for (i = 0; i < 4; i++)
		if (pr[i])
			fail |= !plan_probe(m, pr[i]->src, 0);
	for (i = 0; i < m->pack->n_items; i++) {
		const struct pack_item *it = &m->pack->items[i];
		const struct pack_media *nar, *src;
		const char *own;

		if (!pack_item_in_level(it, m->level))
			continue;
		if (it->kind == PACK_VIDEO) {
			src = video_for(m->pack, it, m->lang, &own);
			if (src)
				fail |= !plan_probe(m, src->src, 0);
			if (it->subtitles && it->n_cues)
				fail |= !plan_probe(m, it->subtitles->src, 0);
			continue;
		}
		nar = narration_for(it, m->lang);
		if (it->image)
			fail |= !plan_probe(m, it->image->src, 1);
		if (nar)
			fail |= !plan_probe(m, nar->src, 0);
	}
	return fail ? VV_ERR_NOMEM : VV_OK;
}

static void *probe_worker(void *arg)
{
	struct make *m = arg;
	size_t i;

	if (c_numeric_locale)
		uselocale(c_numeric_locale);
	for (;;) {
		pthread_mutex_lock(&m->probe_lock);
		i = m->next_probe++;
		pthread_mutex_unlock(&m->probe_lock);
		if (i >= m->n_probes)
			return NULL;
		probe_one(m, &m->probes[i]);
	}
}

/* Probes every file of the bundle on up to probe_jobs threads; the
 * results wait in m->probes for collect(). */
static enum vv_err probe_all(struct make *m)
{
	pthread_t threads[PROBE_MAX_JOBS];
	size_t n = (size_t)m->shared->probe_jobs, started = 0, i;
	enum vv_err err = plan_probes(m);

	if (err != VV_OK)
		return err;
	if (n > m->n_probes)
		n = m->n_probes;
	pthread_mutex_init(&m->probe_lock, NULL);
	for (i = 0; i < n; i++)
		if (pthread_create(&threads[i], NULL, probe_worker, m) == 0)
			started++;
	if (!started)
		probe_worker(m);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&m->probe_lock);
	return VV_OK;
}

/* The probe of the pack file `path` (a picture when `picture`): the one
 * probe_all() made, or, for a file it did not plan, one made now. A
 * failure is reported here, in collect()'s order. Returns NULL after
 * setting *err. */
static const struct probe *probed(struct make *m, const char *path,
				  int picture, enum vv_err *err)
{
	struct probe *p = probe_add(m, strdup(path), picture);
	char *line, *nl;

	if (!p) {
		*err = VV_ERR_NOMEM;
		return NULL;
	}
	if (!p->done) /* plan_probes() missed it: probe it now */
		probe_one(m, p);
	*err = p->err;
	if (p->err == VV_OK)
		return p;
	for (line = p->lines.data; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		vv_error_replay(line);
		*nl = '\n';
	}
	return NULL;
}

static void probes_free(struct make *m)
{
	size_t i;

	for (i = 0; i < m->n_probes; i++) {
		free(m->probes[i].path);
		free(m->probes[i].fitted);
		strbuf_free(&m->probes[i].lines);
	}
	free(m->probes);
}

/* Adds the file `path` as a member of `kind`; `info` is its probe result
 * when the caller has it, else it is probed here. `base` names it. When
 * `lang` is not NULL, the file's tagged audio must be in that language
 * (a narration declared for it). */
static enum vv_err add_file(struct make *m, const char *path,
			    const char *kind, const struct media_info *known,
			    const char *base, const char *lang, size_t *out)
{
	struct media_info info;
	char sha[HASH_HEX_SIZE], name[BUNDLE_WRITE_MAX_NAME + 1];
	struct bundle_file_id id;
	struct member *mb;
	enum vv_err err;
	int existing, racy;

	if (known) {
		info = *known;
	} else {
		const struct probe *p = probed(m, path, 0, &err);

		if (!p)
			return err;
		info = p->info;
	}
	err = media_expect_kind(path, &info, kind);
	if (err != VV_OK)
		return err;
	{
		/* The player refuses a bundle with a larger member
		 * (bundle_open()): say so now, before hashing it. */
		struct stat st;

		if (stat(path, &st) == 0 &&
		    (uint64_t)st.st_size > bundle_member_cap(kind)) {
			vv_error(path, 0, _("%llu bytes; a bundle's %s may "
					    "have at most %llu MiB: shorten or "
					    "compress it"),
				 (unsigned long long)st.st_size, kind,
				 (unsigned long long)
				 (bundle_member_cap(kind) >> 20));
			return VV_ERR_MEDIA;
		}
	}
	if (lang) {
		err = media_check_language(path, &info, lang);
		if (err != VV_OK)
			return err;
	}
	err = memo_hash(m->shared, path, sha, &id, &racy);
	if (err != VV_OK)
		return err;
	member_name(name, sha, base);
	mb = new_member(m, name, sha, &existing);
	if (!mb) {
		vv_error(path, 0, _("too many media members in one bundle"));
		return VV_ERR_LIMIT;
	}
	if (!existing) {
		mb->kind = kind;
		mb->path = strdup(path);
		mb->size = id.size;
		mb->id = id;
		mb->racy = racy;
		mb->info = info;
		mb->has_info = 1;
		mb->duration = info.duration;
		if (!mb->path)
			return VV_ERR_NOMEM;
	}
	*out = (size_t)(mb - m->members);
	return VV_OK;
}

/* ---- collecting the members ------------------------------------------ */

/* Adds the pack's file `src` as a member of `kind` (add_file()). */
static enum vv_err add_pack_file(struct make *m, const char *src,
				 const char *kind, const char *lang,
				 size_t *out)
{
	enum vv_err err;
	char *path = path_join(m->pack->dir, src);

	if (!path)
		return VV_ERR_NOMEM;
	err = add_file(m, path, kind, NULL, src, lang, out);
	free(path);
	return err;
}

/* Adds the pack's picture `src`, scaled down first when it is larger than
 * the largest screen (the pack's screen-size). */
static enum vv_err add_pack_picture(struct make *m, const char *src,
				    size_t *out)
{
	char *path = path_join(m->pack->dir, src);
	const struct probe *p;
	struct media_info info;
	enum vv_err err;
	char *fitted;

	if (!path)
		return VV_ERR_NOMEM;
	p = probed(m, path, 1, &err);
	free(path);
	if (!p)
		return err;
	/* add_file() may grow m->probes: copy what it needs first. */
	info = p->info;
	fitted = strdup(p->fitted);
	if (!fitted)
		return VV_ERR_NOMEM;
	err = add_file(m, fitted, "image", &info, src, NULL, out);
	free(fitted);
	return err;
}

static enum vv_err collect_slide(struct make *m, struct entry *e)
{
	const struct pack_item *it = e->item;
	const struct pack_media *nar = narration_for(it, m->lang);
	enum vv_err err = VV_OK;

	if (it->image)
		err = add_pack_picture(m, it->image->src, &e->image);
	if (err == VV_OK && nar)
		err = add_pack_file(m, nar->src, "audio", nar->lang,
				    &e->narration);
	return err;
}

/* Renders the item's cues in the bundle's language as a WebVTT member. */
static enum vv_err add_subtitles(struct make *m, const struct pack_item *it,
				 size_t *out)
{
	const char **texts;
	char sha[HASH_HEX_SIZE], name[BUNDLE_WRITE_MAX_NAME + 1];
	char base[BUNDLE_WRITE_MAX_NAME + 1];
	struct member *mb;
	enum vv_err err;
	char *doc = NULL;
	size_t len = 0, i;
	int fallback, existing;

	char *src_path = path_join(m->pack->dir, it->subtitles->src);

	/* The source file was parsed by pack_load(); the probe checks what
	 * the player needs of it (UTF-8, size) and names it when it fails. */
	if (!src_path)
		return VV_ERR_NOMEM;
	if (!probed(m, src_path, 0, &err)) {
		free(src_path);
		return err;
	}
	free(src_path);
	texts = calloc(it->n_cues, sizeof *texts);
	if (!texts)
		return VV_ERR_NOMEM;
	for (i = 0; i < it->n_cues; i++)
		texts[i] = resolve(&m->r, &it->cues[i].text, &fallback);
	err = subtitle_vtt_render(it->cues, it->n_cues, texts, &doc, &len);
	free(texts);
	if (err != VV_OK) {
		vv_error(it->subtitles->src, 0,
			 _("cannot render translated subtitles: %s"),
			 _(vv_strerror(err)));
		return err;
	}
	hash_sha256_buffer(doc, len, sha);
	snprintf(base, sizeof base, "%s.%s.vtt", it->id, m->lang);
	member_name(name, sha, base);
	mb = new_member(m, name, sha, &existing);
	if (!mb) {
		free(doc);
		return VV_ERR_NOMEM;
	}
	if (existing) {
		free(doc);
	} else {
		mb->kind = "subtitles";
		mb->has_info = 1;
		snprintf(mb->info.kind, sizeof mb->info.kind, "subtitles");
		snprintf(mb->info.container, sizeof mb->info.container,
			 "webvtt");
		mb->data = doc;
		mb->size = len;
		mb->duration = it->n_cues ?
			it->cues[it->n_cues - 1].end_ms / 1000.0 : 0;
	}
	*out = (size_t)(mb - m->members);
	return VV_OK;
}

/* The video for the bundle's language (remuxed to keep its audio when
 * the source has several tracks) and its translated subtitles. */
static enum vv_err collect_video(struct make *m, struct entry *e)
{
	const struct pack_item *it = e->item;
	const struct pack_media *src;
	const struct probe *p;
	struct media_info info;
	char *path, *out_path = NULL;
	char base[BUNDLE_WRITE_MAX_NAME + 1];
	const char *own, *ext;
	int refitted;
	enum vv_err err;

	src = video_for(m->pack, it, m->lang, &own);
	if (!src) {
		vv_error(m->pack->path, it->line, _("video \"%s\" has no "
						    "source; add <source>"),
			 it->id);
		return VV_ERR_FORMAT;
	}
	path = path_join(m->pack->dir, src->src);
	if (!path)
		return VV_ERR_NOMEM;
	if (!own)
		own = m->pack->source_lang;
	/* The source's probe (media_for_language() finds it in the cache):
	 * its failure is reported here, in member order. */
	p = probed(m, path, 0, &err);
	if (!p) {
		free(path);
		return err;
	}
	refitted = 0;
	if (m->shared->transcode) {
		struct media_info in = p->info;
		char above[160], *fitted = NULL;

		/* --transcode: a film above the profile is replaced by its
		 * re-encoding, from which the language is then chosen. */
		if (media_profile_exceeds(&in, &m->shared->profile, above,
					  sizeof above))
			err = media_transcode(path, &m->shared->profile,
					      m->shared->cache_dir, &fitted,
					      &in);
		if (err != VV_OK) {
			free(path);
			return err;
		}
		if (fitted) {
			free(path);
			path = fitted;
			refitted = 1;
		}
	}
	err = media_for_language(path, m->lang, own, m->shared->cache_dir,
				 &out_path, &e->audio_lang, &info);
	if (err == VV_OK) {
		/* A remux or re-encoding is named after its source and kept
		 * language, with its own format's extension (a VOB re-encoded
		 * is Matroska). */
		if (refitted || strcmp(out_path, path) != 0) {
			const char *slash = strrchr(src->src, '/');
			const char *stem = slash ? slash + 1 : src->src;
			const char *dot = strrchr(stem, '.');
			int stem_len = dot ? (int)(dot - stem)
					   : (int)strlen(stem);

			ext = strrchr(out_path, '.');
			snprintf(base, sizeof base, "%.*s.%s%s", stem_len > 60 ?
				 60 : stem_len, stem,
				 e->audio_lang ? e->audio_lang : m->lang,
				 ext && !strchr(ext, '/') ? ext : "");
		} else {
			snprintf(base, sizeof base, "%s", src->src);
		}
		err = add_file(m, out_path, "video", &info, base, NULL,
			       &e->video);
	}
	if (err == VV_OK && it->subtitles && it->n_cues)
		err = add_subtitles(m, it, &e->subtitles);
	free(path);
	free(out_path);
	return err;
}

/* Probes, hashes and remuxes everything the bundle holds, in manifest
 * order: the spoken prompts, then each item of the level. Returns VV_OK,
 * or the first error after its message. */
static enum vv_err collect(struct make *m)
{
	const struct pack_level *lv = find_level(m->pack, m->level);
	const struct pack_media *lp, *vp, *ep, *ip;
	enum vv_err err = VV_OK;
	size_t i;

	m->lang_prompt = m->level_prompt = m->end_prompt = NO_MEMBER;
	m->idle_prompt = NO_MEMBER;
	/* Spoken prompts become audio members in the same way narration
	 * does: probed, language-checked, named by content. */
	lp = prompt_for(m->pack->lang_prompts, m->pack->n_lang_prompts,
			m->lang);
	vp = lv ? prompt_for(lv->prompts, lv->n_prompts, m->lang) : NULL;
	if (lp)
		err = add_pack_file(m, lp->src, "audio", lp->lang,
				    &m->lang_prompt);
	if (err == VV_OK && vp)
		err = add_pack_file(m, vp->src, "audio", vp->lang,
				    &m->level_prompt);
	ep = prompt_for(m->pack->end_prompts, m->pack->n_end_prompts,
			m->lang);
	if (err == VV_OK && ep)
		err = add_pack_file(m, ep->src, "audio", ep->lang,
				    &m->end_prompt);
	ip = prompt_for(m->pack->idle_prompts, m->pack->n_idle_prompts,
			m->lang);
	if (err == VV_OK && ip)
		err = add_pack_file(m, ip->src, "audio", ip->lang,
				    &m->idle_prompt);
	if (err != VV_OK)
		return err;
	m->entries = calloc(m->pack->n_items ? m->pack->n_items : 1,
			    sizeof *m->entries);
	if (!m->entries)
		return VV_ERR_NOMEM;
	for (i = 0; i < m->pack->n_items && err == VV_OK; i++) {
		const struct pack_item *it = &m->pack->items[i];
		struct entry *e;

		if (!pack_item_in_level(it, m->level))
			continue;
		e = &m->entries[m->n_entries++];
		e->item = it;
		e->image = e->narration = NO_MEMBER;
		e->video = e->subtitles = NO_MEMBER;
		err = it->kind == PACK_VIDEO ? collect_video(m, e)
					     : collect_slide(m, e);
	}
	return err;
}

/* ---- manifest --------------------------------------------------------- */

#define X(call) do { if ((call) < 0) m->xml_failed = 1; } while (0)

static void el_text(struct make *m, const char *el, const struct pack_text *t)
{
	const char *s;
	int fallback;

	s = resolve(&m->r, t, &fallback);
	X(xmlTextWriterStartElement(m->w, BAD_CAST el));
	if (t->level > 1) /* a nested bullet; level 1 is the default */
		X(xmlTextWriterWriteFormatAttribute(m->w, BAD_CAST "level",
						    "%d", t->level));
	if (fallback)
		X(xmlTextWriterWriteAttribute(m->w, BAD_CAST "fallback",
					      BAD_CAST "true"));
	X(xmlTextWriterWriteString(m->w, BAD_CAST s));
	X(xmlTextWriterEndElement(m->w));
}

static void attr_s(struct make *m, const char *name, const char *value)
{
	X(xmlTextWriterWriteAttribute(m->w, BAD_CAST name, BAD_CAST value));
}

static void attr_f(struct make *m, const char *name, double value)
{
	X(xmlTextWriterWriteFormatAttribute(m->w, BAD_CAST name, "%.3f",
					    value));
}

static void attr_i(struct make *m, const char *name, long long value)
{
	X(xmlTextWriterWriteFormatAttribute(m->w, BAD_CAST name, "%lld",
					    value));
}

static void write_slide(struct make *m, const struct entry *e)
{
	const struct pack_item *it = e->item;

	X(xmlTextWriterStartElement(m->w, BAD_CAST "slide"));
	attr_s(m, "id", it->id);
	if (it->heading)
		el_text(m, "heading", it->heading);
	/* The body in reading order: a paragraph that follows bullets in
	 * pack.xml follows them here (common/bundle.c reads it back). */
	{
		size_t pi = 0, bi = 0;
		int in_list = 0;

		while (pi < it->n_paragraphs || bi < it->n_bullets) {
			if (pi < it->n_paragraphs &&
			    (bi >= it->n_bullets ||
			     it->paragraphs[pi].bullets_before <= bi)) {
				if (in_list) {
					X(xmlTextWriterEndElement(m->w));
					in_list = 0;
				}
				el_text(m, "p", &it->paragraphs[pi++]);
			} else {
				if (!in_list) {
					X(xmlTextWriterStartElement(
						m->w, BAD_CAST "list"));
					in_list = 1;
				}
				el_text(m, "li", &it->bullets[bi++]);
			}
		}
		if (in_list)
			X(xmlTextWriterEndElement(m->w));
	}
	if (e->image != NO_MEMBER) {
		X(xmlTextWriterStartElement(m->w, BAD_CAST "image"));
		attr_s(m, "member", m->members[e->image].name);
		if (it->image_alt)
			el_text(m, "alt", it->image_alt);
		X(xmlTextWriterEndElement(m->w));
	}
	if (it->script)
		el_text(m, "script", it->script);
	if (e->narration != NO_MEMBER) {
		X(xmlTextWriterStartElement(m->w, BAD_CAST "narration"));
		attr_s(m, "member", m->members[e->narration].name);
		attr_f(m, "duration", m->members[e->narration].duration);
		X(xmlTextWriterEndElement(m->w));
	}
	X(xmlTextWriterEndElement(m->w));
}

static void write_video(struct make *m, const struct entry *e)
{
	X(xmlTextWriterStartElement(m->w, BAD_CAST "video"));
	attr_s(m, "id", e->item->id);
	attr_s(m, "member", m->members[e->video].name);
	if (e->audio_lang)
		attr_s(m, "audio-lang", e->audio_lang);
	if (e->subtitles != NO_MEMBER) {
		const struct pack_item *it = e->item;
		size_t i, n = 0;
		int fallback;

		attr_s(m, "subtitles", m->members[e->subtitles].name);
		/* Cues shown in the source language, so that info and the
		 * staff can tell; absent when there are none. */
		for (i = 0; i < it->n_cues; i++) {
			resolve(&m->r, &it->cues[i].text, &fallback);
			n += fallback != 0;
		}
		if (n)
			attr_i(m, "cue-fallback", (long long)n);
	}
	if (e->item->heading)
		el_text(m, "title", e->item->heading);
	/* What the presenter says before or over the film. */
	if (e->item->script)
		el_text(m, "script", e->item->script);
	X(xmlTextWriterEndElement(m->w));
}

static void write_member(struct make *m, const struct member *mb)
{
	const struct media_info *in = &mb->info;
	const struct media_stream_info *s;
	int i;

	X(xmlTextWriterStartElement(m->w, BAD_CAST "member"));
	attr_s(m, "name", mb->name);
	attr_s(m, "kind", mb->kind);
	attr_i(m, "size", (long long)mb->size);
	attr_s(m, "sha256", mb->sha256);
	if (mb->duration > 0)
		attr_f(m, "duration", mb->duration);
	if (mb->has_info) {
		if (in->container[0])
			attr_s(m, "container", in->container);
		if (in->video_codec[0])
			attr_s(m, "video-codec", in->video_codec);
		if (in->width > 0) {
			attr_i(m, "width", in->width);
			attr_i(m, "height", in->height);
		}
		if (in->fps > 0) {
			attr_f(m, "fps", in->fps);
			attr_s(m, "vfr", in->vfr ? "true" : "false");
		}
		for (i = 0; i < in->n_streams && i < MEDIA_MAX_STREAMS; i++) {
			s = &in->streams[i];
			X(xmlTextWriterStartElement(m->w, BAD_CAST "stream"));
			attr_i(m, "index", s->index);
			attr_s(m, "type", s->type);
			attr_s(m, "codec", s->codec);
			if (s->lang[0])
				attr_s(m, "lang", s->lang);
			if (strcmp(s->type, "audio") == 0) {
				attr_i(m, "channels", s->channels);
				if (s->layout[0])
					attr_s(m, "layout", s->layout);
				attr_i(m, "sample-rate", s->sample_rate);
			}
			X(xmlTextWriterEndElement(m->w));
		}
	}
	X(xmlTextWriterEndElement(m->w));
}

/* Writes manifest.xml from what collect() gathered; no file is read.
 * Returns VV_OK, or VV_ERR_NOMEM when libxml2 failed. */
static enum vv_err write_manifest(struct make *m, int draft,
				  const struct bundle_make_coverage *cov)
{
	const struct vv_lang *lang = lang_find(m->lang);
	const struct pack_level *lv = find_level(m->pack, m->level);
	size_t i;

	X(xmlTextWriterSetIndent(m->w, 1));
	X(xmlTextWriterSetIndentString(m->w, BAD_CAST "  "));
	X(xmlTextWriterStartDocument(m->w, "1.0", "UTF-8", NULL));
	X(xmlTextWriterStartElement(m->w, BAD_CAST "bundle"));
	attr_s(m, "xmlns", BUNDLE_NS);
	attr_s(m, "format", "1");
	X(xmlTextWriterStartElement(m->w, BAD_CAST "pack"));
	attr_s(m, "id", m->pack->id);
	attr_s(m, "version", m->pack->version);
	/* The language of fallback texts: the player lays them out in its
	 * direction, not the bundle's. */
	attr_s(m, "source-lang", m->pack->source_lang);
	el_text(m, "title", &m->pack->title);
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterStartElement(m->w, BAD_CAST "language"));
	attr_s(m, "code", lang ? lang->code : m->lang);
	if (lang) {
		attr_s(m, "script", lang->script);
		attr_s(m, "dir", lang_dir_name(lang->dir));
	}
	if (draft)
		attr_s(m, "draft", "true");
	if (m->lang_prompt != NO_MEMBER)
		attr_s(m, "prompt", m->members[m->lang_prompt].name);
	/* An attribute, not an element: players that do not know it read
	 * the bundle as before. */
	if (m->end_prompt != NO_MEMBER)
		attr_s(m, "end-prompt", m->members[m->end_prompt].name);
	if (m->idle_prompt != NO_MEMBER)
		attr_s(m, "idle-prompt", m->members[m->idle_prompt].name);
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterStartElement(m->w, BAD_CAST "level"));
	attr_s(m, "id", m->level);
	if (lv)
		el_text(m, "label", &lv->label);
	if (m->level_prompt != NO_MEMBER) {
		X(xmlTextWriterStartElement(m->w, BAD_CAST "prompt"));
		attr_s(m, "member", m->members[m->level_prompt].name);
		attr_f(m, "duration", m->members[m->level_prompt].duration);
		X(xmlTextWriterEndElement(m->w));
	}
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterStartElement(m->w, BAD_CAST "coverage"));
	attr_i(m, "total", (long long)cov->total);
	attr_i(m, "translated", (long long)cov->translated);
	attr_i(m, "fallback", (long long)cov->fallback);
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterStartElement(m->w, BAD_CAST "items"));
	for (i = 0; i < m->n_entries; i++) {
		if (m->entries[i].item->kind == PACK_VIDEO)
			write_video(m, &m->entries[i]);
		else
			write_slide(m, &m->entries[i]);
	}
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterStartElement(m->w, BAD_CAST "members"));
	for (i = 0; i < m->n_members; i++)
		write_member(m, &m->members[i]);
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterEndElement(m->w));
	X(xmlTextWriterEndDocument(m->w));
	X(xmlTextWriterFlush(m->w));
	return m->xml_failed ? VV_ERR_NOMEM : VV_OK;
}

/* ---- the bundle ------------------------------------------------------- */

static enum vv_err write_bundle(struct make *m, const char *out_path,
				const unsigned char *xml, size_t xml_len,
				struct bundle_make_result *result)
{
	struct bundle_writer *w;
	char sum[HASH_HEX_SIZE];
	enum vv_err err;
	size_t i;

	err = bundle_writer_new(out_path, &w);
	if (err != VV_OK)
		return err;
	err = bundle_writer_add_buffer(w, "manifest.xml", xml, xml_len);
	for (i = 0; i < m->n_members && err == VV_OK; i++) {
		const struct member *mb = &m->members[i];

		if (mb->path && mb->racy)
			err = bundle_writer_add_file(w, mb->name, mb->path,
						     mb->size, mb->sha256);
		else if (mb->path)
			err = bundle_writer_add_file_id(w, mb->name, mb->path,
							&mb->id);
		else
			err = bundle_writer_add_buffer(w, mb->name, mb->data,
						       (size_t)mb->size);
	}
	if (err == VV_OK) {
		hash_sha256_buffer(xml, xml_len, sum);
		sum[64] = '\n';
		err = bundle_writer_add_buffer(w, "manifest.sha256", sum, 65);
	}
	if (err == VV_OK && m->shared->signer) {
		char comment[512], *sig = NULL;

		sign_bundle_comment(out_path, comment, sizeof comment);
		err = sign_message(m->shared->signer, sum, 65, comment, &sig);
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w,
						       BUNDLE_SIGNATURE_MEMBER,
						       sig, strlen(sig));
		else
			vv_error(out_path, 0, _("could not sign: %s"),
				 _(vv_strerror(err)));
		free(sig);
	}
	if (err != VV_OK) {
		bundle_writer_abort(w);
		return err;
	}
	return bundle_writer_commit(w, m->shared->bundle_hash ? result->sha256
							     : NULL,
				    &result->size);
}

enum vv_err bundle_make(struct bundle_make_shared *shared,
			const struct pack *pack, const char *lang,
			const struct po_catalog *catalog, int draft,
			const char *level, const char *out_path,
			struct bundle_make_result *result)
{
	struct make m;
	xmlBufferPtr buf;
	enum vv_err err;
	locale_t old = (locale_t)0;
	size_t i;

	memset(result, 0, sizeof *result);
	memset(&m, 0, sizeof m);
	m.shared = shared;
	m.pack = pack;
	m.lang = lang;
	m.level = level;
	m.r.catalog = catalog;
	m.r.is_source = same_lang(lang, pack->source_lang);
	bundle_make_count(pack, lang, catalog, level, &result->coverage,
			  NULL, NULL);
	result->draft = draft;
	/* Numbers in the manifest use '.', whatever the user's locale. */
	pthread_once(&c_numeric_once, c_numeric_init);
	if (c_numeric_locale)
		old = uselocale(c_numeric_locale);
	/* First everything the manifest names, then the manifest. */
	err = probe_all(&m);
	if (err == VV_OK)
		err = collect(&m);
	buf = err == VV_OK ? xmlBufferCreate() : NULL;
	m.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (err == VV_OK && !m.w) {
		err = VV_ERR_NOMEM;
	} else if (err == VV_OK) {
		err = write_manifest(&m, draft, &result->coverage);
		xmlFreeTextWriter(m.w);
	}
	if (old)
		uselocale(old);
	if (err == VV_ERR_NOMEM)
		vv_error(out_path, 0, _("out of memory while writing the "
					"manifest"));
	if (err == VV_OK)
		err = write_bundle(&m, out_path, xmlBufferContent(buf),
				   (size_t)xmlBufferLength(buf), result);
	xmlBufferFree(buf);
	for (i = 0; i < m.n_members; i++) {
		free(m.members[i].path);
		free(m.members[i].data);
	}
	free(m.members);
	probes_free(&m);
	for (i = 0; i < m.n_entries; i++)
		free(m.entries[i].audio_lang);
	free(m.entries);
	return err;
}
