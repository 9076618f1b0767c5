/* veiviser-sync: the kiosk's updater. Fetches a site's signed catalogue,
 * downloads the wanted bundles, verifies each (size, SHA-256, the
 * bundle's own signature and members) and installs them atomically in
 * the kiosk's bundle folder; a failure keeps the last good set. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/args.h"
#include "common/atomic.h"
#include "common/bundle.h"
#include "common/catalogue.h"
#include "common/file.h"
#include "common/hash.h"
#include "common/i18n.h"
#include "common/json.h"
#include "common/path.h"
#include "common/sign.h"
#include "common/syncstatus.h"
#include "fetch/fetch.h"

#define STATE_FILE ".veiviser-sync.state"
/* Held (flock) for the whole of each run, so that two runs on one folder
 * (one by hand while the timer's runs) do not both write it. A dot-file:
 * the player's folder watch reads only *.vvb and the status file. */
#define LOCK_FILE ".veiviser-sync.lock"
/* The exit status of a run refused because another one holds the lock. */
#define EXIT_BUSY 3
#define DEFAULT_TRUST "/etc/veiviser/trusted-keys"

struct options {
	const char *url, *dir, *trust;
	char *langs, *levels, *packs; /* comma lists, NULL: all */
	int reviewed_only;
	long interval; /* minutes; 0: once */
	struct fetch_limits limits;
};

/* What one run leaves in the status file. */
struct status {
	long version;        /* highest catalogue version accepted */
	char last_success[32];
	char last_error[512];
	/* What kind of failure last_error is, for the staff overlay to
	 * explain in the staff's language (common/syncstatus.h lists
	 * them); NULL: none or another. */
	const char *kind;
	unsigned long long bytes; /* downloaded in the last run */
	size_t bundles;      /* installed after the last success */
	/* For the conditional GET: the accepted catalogue's ETag, expiry
	 * and the selection it was installed with. */
	char etag[256];
	long long expires;
	char filter[8192];
};

/* Returns non-zero when `list` (comma separated; NULL: everything) holds
 * `s`. */
static int in_list(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list;

	if (!list)
		return 1;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, s, n) == 0)
			return 1;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void iso_now(char *buf, size_t cap)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Reads the state file (highest accepted version, last success, the
 * conditional GET's data); a missing one is version 0. */
static void state_load(const char *dir, struct status *st)
{
	char *path = path_join(dir, STATE_FILE), *text = NULL, *line, *save;
	size_t len;

	memset(st, 0, sizeof *st);
	if (path && file_read(path, 16384, &text, &len) == VV_OK) {
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *v = strchr(line, ' ');

			if (!v)
				continue;
			*v++ = '\0';
			if (strcmp(line, "version") == 0)
				st->version = strtol(v, NULL, 10);
			else if (strcmp(line, "success") == 0)
				snprintf(st->last_success,
					 sizeof st->last_success, "%s", v);
			else if (strcmp(line, "etag") == 0)
				snprintf(st->etag, sizeof st->etag, "%s", v);
			else if (strcmp(line, "expires") == 0)
				st->expires = strtoll(v, NULL, 10);
			else if (strcmp(line, "bundles") == 0)
				st->bundles = strtoul(v, NULL, 10);
			else if (strcmp(line, "filter") == 0)
				snprintf(st->filter, sizeof st->filter, "%s",
					 v);
		}
	}
	free(text);
	free(path);
}

static enum vv_err state_save(const char *dir, const struct status *st)
{
	char *path = path_join(dir, STATE_FILE), text[9216];
	enum vv_err err;

	if (!path)
		return VV_ERR_NOMEM;
	snprintf(text, sizeof text,
		 "version %ld\nsuccess %s\nexpires %lld\nbundles %zu\n"
		 "filter %s\netag %s\n",
		 st->version, st->last_success, st->expires, st->bundles,
		 st->filter, st->etag);
	err = atomic_write(path, text, strlen(text), ATOMIC_DURABLE);
	free(path);
	return err;
}

static void status_save(const char *dir, const struct status *st)
{
	char *path = path_join(dir, SYNC_STATUS_FILE), buf[2048], now[32];
	size_t len = 0;
	int n;

	if (!path)
		return;
	iso_now(now, sizeof now);
	n = snprintf(buf, sizeof buf,
		     "{\"catalogue_version\":%ld,\"last_attempt\":\"%s\","
		     "\"last_success\":",
		     st->version, now);
	len = (size_t)n;
	if (st->last_success[0]) {
		len += (size_t)snprintf(buf + len, sizeof buf - len,
					"\"%s\"", st->last_success);
	} else {
		len += (size_t)snprintf(buf + len, sizeof buf - len, "null");
	}
	len += (size_t)snprintf(buf + len, sizeof buf - len,
				",\"last_error\":");
	if (st->last_error[0]) {
		buf[len++] = '"';
		json_escape(buf, sizeof buf - 200, &len, st->last_error);
		buf[len++] = '"';
	} else {
		len += (size_t)snprintf(buf + len, sizeof buf - len, "null");
	}
	if (st->last_error[0] && st->kind)
		len += (size_t)snprintf(buf + len, sizeof buf - len,
					",\"error_kind\":\"%s\"", st->kind);
	else
		len += (size_t)snprintf(buf + len, sizeof buf - len,
					",\"error_kind\":null");
	len += (size_t)snprintf(buf + len, sizeof buf - len,
				",\"bytes\":%llu,\"bundles\":%zu}\n",
				st->bytes, st->bundles);
	atomic_write(path, buf, len, ATOMIC_DURABLE);
	free(path);
}

/* Keeps the last error line for the status file. */
static void error_hook(const char *line, void *user)
{
	struct status *st = user;

	snprintf(st->last_error, sizeof st->last_error, "%s", line);
}

/* Removes from `dir` every file whose name `doomed` accepts. */
static void remove_where(const char *dir, int (*doomed)(const char *name))
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char *p;

		if (!doomed(de->d_name))
			continue;
		p = path_join(dir, de->d_name);
		if (p)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* Returns non-zero when `name` is a temporary file of an updater that no
 * longer runs (a kill -9 or power cut during a download). */
static int is_stale_temp(const char *name)
{
	long pid = atomic_temp_owner(name);

	return pid > 0 && (pid == getpid() || kill((pid_t)pid, 0) != 0);
}

/* Removes temporary files of an updater that no longer runs. */
static void remove_stale_temps(const char *dir)
{
	remove_where(dir, is_stale_temp);
}

/* Returns non-zero when `name` is a download in progress:
 * ".SHA256.vvb.part". */
static int is_part_name(const char *name)
{
	return name[0] == '.' && strlen(name) == 74 &&
	       strcmp(name + 65, ".vvb.part") == 0;
}

/* Removes every download in progress from `dir`: after a full disk (the
 * space goes back), and when the folder already holds the accepted
 * catalogue's whole selection (a part then belongs to a bundle no longer
 * wanted, left by a cut or killed run). */
static void remove_parts(const char *dir)
{
	remove_where(dir, is_part_name);
}

/* Returns non-zero when `name` is a bundle this program installs:
 * 64 lowercase hex digits and ".vvb". */
static int is_synced_name(const char *name)
{
	char hex[HASH_HEX_SIZE];

	if (strlen(name) != 68 || strcmp(name + 64, ".vvb") != 0)
		return 0;
	memcpy(hex, name, 64);
	hex[64] = '\0';
	return hash_is_hex(hex);
}

/* Returns how many bundles this program installed are in `dir`. */
static size_t count_synced(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	while (d && (de = readdir(d)))
		n += is_synced_name(de->d_name) != 0;
	if (d)
		closedir(d);
	return n;
}

/* Checks a downloaded bundle in `tmp` against its entry and the trust
 * keys. Returns VV_OK or an error after one line naming `url`, with
 * *kind the SYNC_KIND_* of the refusal. */
static enum vv_err bundle_check(const char *url, const char *tmp,
				const struct catalogue_entry *e,
				const struct sign_keyring *ring,
				const char **kind)
{
	char hex[HASH_HEX_SIZE], idhex[SIGN_ID_HEX_SIZE];
	unsigned char id[SIGN_ID_BYTES];
	uint64_t size = 0;
	struct bundle *b = NULL;
	enum vv_err err;

	*kind = SYNC_KIND_BUNDLE;
	err = hash_sha256_file(tmp, hex, &size);
	if (err != VV_OK) {
		*kind = SYNC_KIND_DISK;
		return err;
	}
	if (size != e->size || strcmp(hex, e->sha256) != 0) {
		vv_error(url, 0, _("size or SHA-256 differs from the "
				   "catalogue; refused"));
		return VV_ERR_INTEGRITY;
	}
	err = bundle_open(tmp, &b);
	if (err != VV_OK) {
		vv_error(url, 0, _("not a valid bundle; refused"));
		return err;
	}
	if (!b->signature) {
		*kind = SYNC_KIND_UNTRUSTED;
		vv_error(url, 0, _("the bundle is not signed; refused"));
		bundle_close(b);
		return VV_ERR_INTEGRITY;
	}
	memset(id, 0, sizeof id);
	err = sign_verify(b->signature, b->signature_size, b->manifest_sum,
			  strlen(b->manifest_sum), ring, id, NULL);
	if (err != VV_OK) {
		*kind = err == VV_ERR_NOTFOUND ? SYNC_KIND_UNTRUSTED
					       : SYNC_KIND_SIGNATURE;
		sign_id_hex(id, idhex);
		vv_error(url, 0, err == VV_ERR_NOTFOUND
				 ? _("signed by key %s, which is not trusted; "
				     "refused")
				 : _("bad signature (key %s); refused"),
			 idhex);
		bundle_close(b);
		return VV_ERR_INTEGRITY;
	}
	err = bundle_verify_members(b);
	if (err != VV_OK)
		vv_error(url, 0, _("a member does not match the bundle's "
				   "manifest; refused"));
	bundle_close(b);
	return err;
}

/* One download of a wanted bundle that is not installed yet: the
 * dot-file "DIR/.SHA256.vvb.part", which the player does not read; a cut
 * transfer leaves it for the next run to resume with a Range request. */
struct pending {
	char *part, *target;
	int fd;
};

/* Takes the folder's lock without waiting. Returns its descriptor; -1
 * after one line when another run holds it (*busy set) or it cannot be
 * opened. Opened read-only: flock needs no write access, so a lock file
 * that a run by hand as root left still serves the service's user. */
static int lock_dir(const char *dir, int *busy)
{
	char *path = path_join(dir, LOCK_FILE);
	int fd;

	*busy = 0;
	if (!path)
		return -1;
	fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		vv_error(path, 0, _("cannot open the lock file: %s"),
			 strerror(errno));
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK) {
			*busy = 1;
			vv_error(NULL, 0, _("another veiviser-sync is updating "
					    "%s"), dir);
		} else {
			vv_error(path, 0, _("cannot lock: %s"),
				 strerror(errno));
		}
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}

/* Runs one update. Returns 0 on success, 1 after a failure (the status
 * file says why). */
static int sync_once(const struct options *o, const struct sign_keyring *ring)
{
	struct status st;
	struct catalogue c;
	struct pending *pend = NULL;
	unsigned char *wanted = NULL; /* per entry: in the selection */
	unsigned char catid[SIGN_ID_BYTES];
	char *url = NULL, *sigurl = NULL, *text = NULL, *sig = NULL;
	size_t len = 0, siglen = 0, i, n_pend = 0, n_wanted = 0;
	long accepted;
	int rc = 1, not_modified = 0, disk_full = 0, filter_changed;
	char filter[8192], etag[256];
	enum vv_err err;

	memset(&c, 0, sizeof c);
	state_load(o->dir, &st);
	accepted = st.version;
	vv_error_set_hook(error_hook, &st);
	remove_stale_temps(o->dir);
	if (asprintf(&url, "%s/" CATALOGUE_FILE, o->url) < 0)
		url = NULL;
	if (asprintf(&sigurl, "%s/" CATALOGUE_SIG, o->url) < 0)
		sigurl = NULL;
	if (!url || !sigurl)
		goto done;
	/* The site and selection in one line: a conditional GET's 304 only
	 * says that this URL's catalogue is the same as the last one
	 * accepted from it, not that the same bundles are wanted. */
	snprintf(filter, sizeof filter,
		 "url=%s lang=%s level=%s pack=%s reviewed=%d", o->url,
		 o->langs ? o->langs : "*", o->levels ? o->levels : "*",
		 o->packs ? o->packs : "*", o->reviewed_only);
	/* ...nor that the same keys are trusted: a changed trust folder
	 * checks the catalogue's signature again. */
	for (i = 0; i < ring->n; i++) {
		char hex[SIGN_ID_HEX_SIZE];
		size_t used = strlen(filter);

		sign_id_hex(ring->keys[i].id, hex);
		snprintf(filter + used, sizeof filter - used, " %s", hex);
	}
	filter_changed = strcmp(filter, st.filter) != 0;
	if (filter_changed || count_synced(o->dir) != st.bundles ||
	    accepted == 0)
		st.etag[0] = '\0';
	st.kind = SYNC_KIND_NETWORK;
	if (fetch_memory_if(url, CATALOGUE_MAX, &o->limits, st.etag, etag,
			    sizeof etag, &not_modified, &text, &len) != VV_OK)
		goto done;
	if (not_modified) {
		st.bytes = 0;
		if (st.expires < (long long)time(NULL)) {
			st.kind = SYNC_KIND_EXPIRED;
			vv_error(url, 0, _("the catalogue expired; refused "
					   "until the site publishes again"));
			goto done;
		}
		iso_now(st.last_success, sizeof st.last_success);
		st.kind = SYNC_KIND_DISK;
		if (state_save(o->dir, &st) != VV_OK)
			goto done;
		/* The selection is whole (the count matched), so any part is
		 * of a bundle no longer wanted. */
		remove_parts(o->dir);
		st.last_error[0] = '\0';
		printf(_("%s: catalogue version %ld unchanged, %zu bundles\n"),
		       o->dir, st.version, st.bundles);
		fflush(stdout);
		rc = 0;
		goto done;
	}
	if (fetch_memory(sigurl, SIGN_MAX_FILE, &o->limits, &sig, &siglen) !=
		    VV_OK)
		goto done;
	err = sign_verify(sig, siglen, text, len, ring, catid, NULL);
	if (err == VV_ERR_INTEGRITY) {
		/* A site being published replaces the catalogue and then its
		 * signature (two renames); a kiosk that fetched between them
		 * holds a pair that does not match. Fetch both once more, a
		 * moment later; a pair that still does not match is
		 * refused. */
		sleep(1);
		free(text);
		free(sig);
		text = sig = NULL;
		if (fetch_memory_if(url, CATALOGUE_MAX, &o->limits, NULL, etag,
				    sizeof etag, &not_modified, &text,
				    &len) != VV_OK ||
		    fetch_memory(sigurl, SIGN_MAX_FILE, &o->limits, &sig,
				 &siglen) != VV_OK)
			goto done;
		err = sign_verify(sig, siglen, text, len, ring, catid, NULL);
	}
	if (err != VV_OK) {
		st.kind = err == VV_ERR_NOTFOUND ? SYNC_KIND_UNTRUSTED
						 : SYNC_KIND_SIGNATURE;
		vv_error(url, 0, err == VV_ERR_NOTFOUND
				 ? _("the catalogue is signed by a key that is "
				     "not trusted; refused")
				 : _("the catalogue's signature does not "
				     "match, twice; refused (will try again "
				     "later)"));
		goto done;
	}
	st.kind = SYNC_KIND_FORMAT;
	if (catalogue_parse(url, text, len, &c) != VV_OK)
		goto done;
	st.kind = SYNC_KIND_ROLLBACK;
	if (c.version < accepted) {
		vv_error(url, 0, _("catalogue version %ld is older than "
				   "version %ld accepted before; refused "
				   "(rollback)"),
			 c.version, accepted);
		goto done;
	}
	if (c.expires_at < time(NULL)) {
		st.kind = SYNC_KIND_EXPIRED;
		vv_error(url, 0, _("the catalogue expired; refused until the "
				   "site publishes again"));
		goto done;
	}
	st.kind = NULL;
	pend = calloc(c.n ? c.n : 1, sizeof *pend);
	wanted = calloc(c.n ? c.n : 1, sizeof *wanted);
	if (!pend || !wanted)
		goto done;
	st.bytes = 0;
	for (i = 0; i < c.n; i++) {
		const struct catalogue_entry *e = &c.entries[i];
		char name[80], *target, *burl = NULL;
		struct pending *p;
		struct stat sb;
		uint64_t got = 0, have;

		wanted[i] = in_list(o->langs, e->lang) &&
			    in_list(o->levels, e->level) &&
			    in_list(o->packs, e->pack) &&
			    (!o->reviewed_only ||
			     strcmp(e->review, "reviewed") == 0);
		if (!wanted[i])
			continue;
		n_wanted++;
		snprintf(name, sizeof name, "%s.vvb", e->sha256);
		target = path_join(o->dir, name);
		if (!target)
			goto done;
		if (access(target, F_OK) == 0) {
			/* Held already. Checked again when the trust keys (or
			 * the site or selection) changed since the last
			 * success: a bundle whose key is no longer trusted
			 * refuses the run, as it would on a new kiosk, rather
			 * than stay for the player to skip. */
			if (filter_changed &&
			    bundle_check(target, target, e, ring, &st.kind) !=
				    VV_OK) {
				free(target);
				goto done;
			}
			st.kind = NULL;
			free(target);
			continue;
		}
		snprintf(name, sizeof name, ".%s.vvb.part", e->sha256);
		pend[n_pend].target = target;
		pend[n_pend].part = path_join(o->dir, name);
		pend[n_pend].fd = -1;
		if (!pend[n_pend].part) {
			n_pend++;
			goto done;
		}
		p = &pend[n_pend++];
		st.kind = SYNC_KIND_DISK;
		p->fd = open(p->part, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		/* A part another user left (a run by hand as root) in this
		 * user's folder: start it afresh rather than fail at every
		 * run. */
		if (p->fd < 0 && (errno == EACCES || errno == EPERM) &&
		    unlink(p->part) == 0)
			p->fd = open(p->part, O_RDWR | O_CREAT | O_CLOEXEC,
				     0644);
		if (p->fd < 0 || fstat(p->fd, &sb) != 0) {
			vv_error(p->part, 0, _("cannot write: %s"),
				 strerror(errno));
			goto done;
		}
		if ((uint64_t)sb.st_size > e->size &&
		    ftruncate(p->fd, 0) != 0) {
			vv_error(p->part, 0, _("cannot write: %s"),
				 strerror(errno));
			goto done;
		}
		have = (uint64_t)sb.st_size > e->size ? 0
						      : (uint64_t)sb.st_size;
		if (asprintf(&burl, "%s/%s", o->url, e->href) < 0)
			goto done;
		err = VV_OK;
		errno = 0;
		if (have < e->size)
			err = fetch_file_from(burl, p->fd, have, e->size,
					      &o->limits, &got);
		st.bytes += got;
		st.kind = err == VV_ERR_LIMIT ? SYNC_KIND_LIMIT
					      : SYNC_KIND_NETWORK;
		/* A full disk: give the space back rather than keep parts,
		 * this one's and the whole bundles this run downloaded
		 * before it (done: below), so that choosing fewer languages
		 * or freeing space helps at the next run. */
		if (err != VV_OK && (errno == ENOSPC || errno == EDQUOT)) {
			st.kind = SYNC_KIND_DISK;
			disk_full = 1;
		}
		if (err == VV_OK) {
			err = bundle_check(burl, p->part, e, ring, &st.kind);
			if (err != VV_OK)
				unlink(p->part); /* wrong bytes: no resuming */
		}
		free(burl);
		if (err != VV_OK)
			goto done;
	}
	/* A selection that matches none of a non-empty catalogue's bundles
	 * is a typing error (--lang nob), not a wish for an empty kiosk:
	 * refused before anything is removed. */
	if (n_wanted == 0 && c.n > 0) {
		char sel[1024];

		snprintf(sel, sizeof sel, "%s%s%s%s%s%s%s",
			 o->langs ? " --lang " : "", o->langs ? o->langs : "",
			 o->levels ? " --level " : "",
			 o->levels ? o->levels : "",
			 o->packs ? " --pack " : "", o->packs ? o->packs : "",
			 o->reviewed_only ? " --reviewed-only" : "");
		st.kind = SYNC_KIND_SELECTION;
		vv_error(url, 0, _("the selection (%s) matches none of the "
				   "catalogue's %zu bundles; refused, the "
				   "folder is kept"),
			 sel[0] ? sel + 1 : "", c.n);
		goto done;
	}
	/* Every wanted bundle is here and verified: install them all. */
	st.kind = SYNC_KIND_DISK;
	for (i = 0; i < n_pend; i++) {
		close(pend[i].fd);
		pend[i].fd = -1;
		err = atomic_rename(pend[i].part, pend[i].target,
				    ATOMIC_DURABLE);
		if (err != VV_OK)
			goto done;
	}
	/* Only now drop what left the catalogue or the selection. */
	{
		DIR *d = opendir(o->dir);
		struct dirent *de;

		while (d && (de = readdir(d))) {
			int keep = 0;
			char *p;

			/* A part of a bundle no longer wanted goes too. */
			const char *name = de->d_name;
			int part = is_part_name(name);

			if (part)
				name++;
			if (!part && !is_synced_name(name))
				continue;
			for (i = 0; i < c.n && !keep; i++)
				keep = wanted[i] &&
				       strncmp(name, c.entries[i].sha256,
					       64) == 0;
			if (keep)
				continue;
			p = path_join(o->dir, de->d_name);
			if (p && unlink(p) != 0)
				vv_error(p, 0, _("cannot remove: %s"),
					 strerror(errno));
			free(p);
		}
		if (d)
			closedir(d);
	}
	st.version = c.version;
	st.bundles = n_wanted;
	st.expires = (long long)c.expires_at;
	snprintf(st.filter, sizeof st.filter, "%s", filter);
	snprintf(st.etag, sizeof st.etag, "%s", etag);
	iso_now(st.last_success, sizeof st.last_success);
	if (state_save(o->dir, &st) != VV_OK)
		goto done;
	st.last_error[0] = '\0';
	printf(_("%s: catalogue version %ld, %zu bundles, %llu bytes "
		 "downloaded\n"),
	       o->dir, c.version, n_wanted, st.bytes);
	fflush(stdout);
	rc = 0;
done:
	for (i = 0; i < n_pend; i++) {
		/* A cut transfer's part stays, synced, for the next run;
		 * after a full disk none does. */
		if (pend[i].fd >= 0) {
			if (!disk_full)
				fsync(pend[i].fd);
			close(pend[i].fd);
		}
		free(pend[i].part);
		free(pend[i].target);
	}
	if (disk_full)
		remove_parts(o->dir);
	vv_error_set_hook(NULL, NULL);
	if (rc != 0 && !st.last_error[0])
		/* Every other failure printed its line through the hook. */
		snprintf(st.last_error, sizeof st.last_error, "%s",
			 _("out of memory"));
	if (rc != 0)
		st.version = accepted;
	status_save(o->dir, &st);
	free(pend);
	free(wanted);
	free(url);
	free(sigurl);
	free(text);
	free(sig);
	catalogue_clear(&c);
	return rc;
}

static int print_status(const char *dir)
{
	char *path = path_join(dir, SYNC_STATUS_FILE), *text = NULL;
	size_t len = 0;

	if (!path)
		return 1;
	if (file_read(path, SYNC_STATUS_MAX, &text, &len) != VV_OK) {
		vv_error(path, 0, _("no status yet: veiviser-sync has not run "
				    "on this folder"));
		free(path);
		return 1;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	free(path);
	return vv_stdout_close() == 0 ? 0 : 1;
}

/* The default trust folder is a %s argument, not pasted into the text:
 * xgettext does not expand macros, and the msgid would end before it. */
/* xgettext:c-format */
static const char usage[] = N_(
	"usage: veiviser-sync URL DIR [--trust DIR] [--lang L,..] "
	"[--level X,..] [--pack ID,..] [--reviewed-only] "
	"[--once | --interval MIN]\n"
	"       veiviser-sync --status DIR\n"
	"Keeps DIR holding the bundles that the signed catalogue at URL "
	"offers.\n"
	"  --trust DIR       public keys to accept (default %s)\n"
	"  --lang, --level, --pack  only these (comma separated)\n"
	"  --reviewed-only   skip draft translations\n"
	"  --once            one update, then exit (the default)\n"
	"  --interval MIN    update every MIN minutes\n"
	"  --timeout SEC     give up on a server this slow (default 30)\n"
	"  --status DIR      print DIR's last update status (JSON)");

enum { OPT_TRUST = 256, OPT_LANG, OPT_LEVEL, OPT_PACK, OPT_REVIEWED,
       OPT_ONCE, OPT_INTERVAL, OPT_STATUS, OPT_TIMEOUT };

static const struct option options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "trust", required_argument, NULL, OPT_TRUST },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "pack", required_argument, NULL, OPT_PACK },
	{ "reviewed-only", no_argument, NULL, OPT_REVIEWED },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "status", required_argument, NULL, OPT_STATUS },
	{ NULL, 0, NULL, 0 },
};

static long positive(const char *opt, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end || v <= 0 || v > 1000000) {
		vv_error(NULL, 0, _("%s wants a positive number, not '%s'"),
			 opt, s);
		return -1;
	}
	return v;
}

int main(int argc, char **argv)
{
	struct options o;
	struct sign_keyring ring = { NULL, 0 };
	const char *status_dir = NULL;
	int ch, rc = 2, once = 0;
	struct stat sb;
	static char site[4096]; /* the URL, normalised */

	vv_i18n_init();
	memset(&o, 0, sizeof o);
	o.trust = DEFAULT_TRUST;
	o.limits.connect_time = 30;
	o.limits.low_speed_time = 30;
	args_begin();
	while ((ch = args_next(argc, argv, "h", options, "veiviser-sync")) !=
	       -1) {
		switch (ch) {
		case 'h':
			printf(_(usage), DEFAULT_TRUST);
			putchar('\n');
			return vv_stdout_close() == 0 ? 0 : 1;
		case OPT_TRUST: o.trust = optarg; break;
		case OPT_LANG: o.langs = optarg; break;
		case OPT_LEVEL: o.levels = optarg; break;
		case OPT_PACK: o.packs = optarg; break;
		case OPT_REVIEWED: o.reviewed_only = 1; break;
		case OPT_ONCE: once = 1; break;
		case OPT_STATUS: status_dir = optarg; break;
		case OPT_INTERVAL:
			if ((o.interval = positive("--interval", optarg)) < 0)
				return 2;
			break;
		case OPT_TIMEOUT:
			if ((o.limits.low_speed_time =
				     positive("--timeout", optarg)) < 0)
				return 2;
			o.limits.connect_time = o.limits.low_speed_time;
			break;
		default:
			return 2;
		}
	}
	if (status_dir) {
		if (optind != argc)
			return args_operands_error("veiviser-sync",
						   _("no operand with --status"),
						   argv[optind]);
		return print_status(status_dir);
	}
	if (optind != argc - 2)
		return args_operands_error("veiviser-sync", _("URL and DIR"),
					   optind + 2 < argc ? argv[optind + 2]
							     : NULL);
	if (once && o.interval) {
		vv_error(NULL, 0, _("--once and --interval exclude each "
				    "other"));
		return 2;
	}
	o.url = argv[optind];
	o.dir = argv[optind + 1];
	if (strncmp(o.url, "http://", 7) != 0 &&
	    strncmp(o.url, "https://", 8) != 0) {
		vv_error(o.url, 0, _("not an http:// or https:// URL"));
		return 2;
	}
	/* The site as staff copy it from a browser: the catalogue's own URL
	 * or the folder with a slash name the same site as the folder. */
	{
		size_t n = strlen(o.url), cl = strlen("/" CATALOGUE_FILE);
		size_t min = strncmp(o.url, "https://", 8) == 0 ? 9 : 8;

		if (n > min + cl && strcmp(o.url + n - cl,
					   "/" CATALOGUE_FILE) == 0)
			n -= cl;
		while (n > min && o.url[n - 1] == '/')
			n--;
		if (n >= sizeof site) {
			vv_error(o.url, 0, _("URL too long"));
			return 2;
		}
		snprintf(site, sizeof site, "%.*s", (int)n, o.url);
		o.url = site;
	}
	if (stat(o.dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		vv_error(o.dir, 0, _("not a folder; create the kiosk's bundle "
				     "folder first"));
		return 2;
	}
	if (sign_keyring_load_dir(&ring, o.trust) != VV_OK)
		return 2;
	if (ring.n == 0) {
		rc = 2;
		vv_error(o.trust, 0, _("no trusted keys (*.pub); add the "
				       "site's public key"));
		goto out;
	}
	if (fetch_init() != VV_OK) {
		vv_error(NULL, 0, _("libcurl could not start"));
		goto out;
	}
	for (;;) {
		int busy, lock = lock_dir(o.dir, &busy);

		/* Busy: the running one writes the status, not this one. */
		if (lock < 0)
			rc = busy ? EXIT_BUSY : 1;
		else
			rc = sync_once(&o, &ring);
		if (lock >= 0)
			close(lock);
		if (!o.interval)
			break;
		sleep((unsigned)(o.interval * 60));
	}
out:
	sign_keyring_clear(&ring);
	return rc;
}
