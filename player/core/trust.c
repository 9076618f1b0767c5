/* trust: verified-bundle records; see trust.h. The file is text, one
 * record a line: "DEV INO SIZE MTIME_NS CTIME_NS SHA256". */
#include "player/core/trust.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/atomic.h"
#include "common/err.h"
#include "common/hash.h"
#include "common/i18n.h"
#include "common/path.h"

/* A record line is under 200 bytes; the file's cap follows. */
#define TRUST_LINE_MAX 256
#define TRUST_FILE_MAX ((size_t)TRUST_MAX_RECORDS * TRUST_LINE_MAX)

struct trust {
	char *path;
	char *folder;      /* the record's folder: the last save failed */
	int folder_errno;  /* and why (an errno value) */
	struct bundle_identity *ids;
	size_t n, cap;
	int dirty;
};

static int same_file(const struct bundle_identity *a,
		     const struct bundle_identity *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

static enum vv_err push(struct trust *t, const struct bundle_identity *id)
{
	if (t->n == TRUST_MAX_RECORDS) {
		/* the oldest record goes */
		memmove(t->ids, t->ids + 1, (t->n - 1) * sizeof *t->ids);
		t->n--;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct bundle_identity *ids = realloc(t->ids,
						      cap * sizeof *ids);

		if (!ids)
			return VV_ERR_NOMEM;
		t->ids = ids;
		t->cap = cap;
	}
	t->ids[t->n++] = *id;
	return VV_OK;
}

static int parse_line(const char *line, struct bundle_identity *id)
{
	char sha[80];
	int used = 0;

	memset(id, 0, sizeof *id);
	if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNd64
		   " %" SCNd64 " %70s%n", &id->dev, &id->ino, &id->size,
		   &id->mtime_ns, &id->ctime_ns, sha, &used) != 6 ||
	    (line[used] != '\n' && line[used] != '\0') ||
	    strlen(sha) != 64 || !hash_is_hex(sha))
		return 0;
	memcpy(id->manifest_sha256, sha, 65);
	return 1;
}

enum vv_err trust_open(const char *path, struct trust **out)
{
	struct trust *t = calloc(1, sizeof *t);
	char line[TRUST_LINE_MAX];
	size_t total = 0;
	FILE *f;

	*out = NULL;
	if (!t || !(t->path = strdup(path ? path : ""))) {
		free(t);
		return VV_ERR_NOMEM;
	}
	f = path ? fopen(path, "re") : NULL;
	while (f && fgets(line, sizeof line, f)) {
		struct bundle_identity id;
		size_t i;

		total += strlen(line);
		if (total > TRUST_FILE_MAX)
			break;
		if (!parse_line(line, &id))
			continue;  /* damaged: that bundle is verified again */
		for (i = 0; i < t->n && !same_file(&t->ids[i], &id); i++)
			;
		if (i < t->n)
			t->ids[i] = id;
		else if (push(t, &id) != VV_OK) {
			fclose(f);
			trust_free(t);
			return VV_ERR_NOMEM;
		}
	}
	if (f)
		fclose(f);
	*out = t;
	return VV_OK;
}

enum vv_err trust_copy(const struct trust *t, struct trust **out)
{
	struct trust *c;

	*out = NULL;
	if (!t)
		return VV_OK;
	c = calloc(1, sizeof *c);
	if (!c || !(c->path = strdup(""))) {
		free(c);
		return VV_ERR_NOMEM;
	}
	if (t->n) {
		c->ids = malloc(t->n * sizeof *c->ids);
		if (!c->ids) {
			trust_free(c);
			return VV_ERR_NOMEM;
		}
		memcpy(c->ids, t->ids, t->n * sizeof *c->ids);
		c->n = c->cap = t->n;
	}
	*out = c;
	return VV_OK;
}

void trust_free(struct trust *t)
{
	if (!t)
		return;
	free(t->ids);
	free(t->path);
	free(t->folder);
	free(t);
}

int trust_known(const struct trust *t, const struct bundle_identity *id)
{
	size_t i;

	for (i = 0; t && i < t->n; i++)
		if (same_file(&t->ids[i], id))
			return t->ids[i].size == id->size &&
			       t->ids[i].mtime_ns == id->mtime_ns &&
			       t->ids[i].ctime_ns == id->ctime_ns &&
			       strcmp(t->ids[i].manifest_sha256,
				      id->manifest_sha256) == 0;
	return 0;
}

enum vv_err trust_add(struct trust *t, const struct bundle_identity *id)
{
	size_t i;

	if (!t)
		return VV_OK;
	t->dirty = 1;
	for (i = 0; i < t->n; i++)
		if (same_file(&t->ids[i], id)) {
			t->ids[i] = *id;
			return VV_OK;
		}
	return push(t, id);
}

/* Notes that the record's folder could not be written, for the reason
 * `why` (an errno value); returns err. */
static enum vv_err failed(struct trust *t, enum vv_err err, int why)
{
	const char *slash = strrchr(t->path, '/');
	size_t n = slash && slash != t->path ? (size_t)(slash - t->path) :
		   strlen(t->path);

	if (err == VV_ERR_NOMEM)
		return err;
	free(t->folder);
	t->folder = strndup(t->path, n);
	t->folder_errno = why;
	return err;
}

enum vv_err trust_save(struct trust *t)
{
	char *text, *slash;
	size_t i, len = 0;
	enum vv_err err;
	int why;

	if (!t || !t->dirty || !t->path[0])
		return VV_OK;
	text = malloc(t->n * TRUST_LINE_MAX + 1);
	if (!text)
		return VV_ERR_NOMEM;
	for (i = 0; i < t->n; i++) {
		const struct bundle_identity *id = &t->ids[i];

		len += (size_t)snprintf(text + len, TRUST_LINE_MAX,
			"%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64 " %"
			PRId64 " %s\n", id->dev, id->ino, id->size,
			id->mtime_ns, id->ctime_ns, id->manifest_sha256);
	}
	slash = strrchr(t->path, '/');
	if (slash && slash != t->path) {
		int made;

		*slash = '\0';
		made = path_make_dirs(t->path, 0700) == 0;
		why = errno;
		/* The folder's own reason (a read-only or refused place),
		 * not the file's "no such file" that writing in it gives. */
		if (!made)
			vv_error(t->path, 0, _("cannot write: %s; check that "
					       "the folder is writable"),
				 strerror(why));
		*slash = '/';
		if (!made) {
			free(text);
			return failed(t, VV_ERR_IO, why);
		}
	}
	/* Lost after a crash, the record is rebuilt by verifying again. */
	err = atomic_write(t->path, text, len, ATOMIC_REBUILDABLE);
	why = errno;
	free(text);
	if (err == VV_OK) {
		t->dirty = 0;
		free(t->folder);
		t->folder = NULL;
		t->folder_errno = 0;
		return VV_OK;
	}
	return failed(t, err, why);
}

const char *trust_unwritable(const struct trust *t)
{
	return t ? t->folder : NULL;
}

const char *trust_unwritable_advice(const struct trust *t)
{
	if (!t || !t->folder)
		return NULL;
	/* "Make the folder writable" sent the staff to check permissions
	 * that were right when the disk was full. */
	if (t->folder_errno == ENOSPC || t->folder_errno == EDQUOT)
		return _("Its disk is full. Without the folder, the kiosk "
			 "checks every bundle in full again at each start, so "
			 "starting takes longer. Free some space on that disk, "
			 "or set XDG_STATE_HOME to a folder on another one.");
	if (t->folder_errno == EROFS)
		return _("Its disk is read-only. Without the folder, the "
			 "kiosk checks every bundle in full again at each "
			 "start, so starting takes longer. Set XDG_STATE_HOME "
			 "to a folder on a writable disk.");
	return _("Without it, the kiosk checks every bundle in full again at "
		 "each start, so starting takes longer. Make the folder "
		 "writable, or set XDG_STATE_HOME to one that is.");
}

const char *trust_default_path(char *buf, size_t size)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state && state[0] == '/')
		snprintf(buf, size, "%s/veiviser/verified", state);
	else if (home && home[0] == '/')
		snprintf(buf, size, "%s/.local/state/veiviser/verified", home);
	else
		return NULL;
	return buf;
}
