/* watch: inotify on the player's bundle folders, and a look now and then,
 * on a thread of its own, whether their paths still lead to them. */
#include "player/core/watch.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/i18n.h"
#include "common/syncstatus.h"
#include "player/core/task.h"

/* More paths than this are not watched (the player takes 256). */
#define WATCH_MAX 256

/* Bundles written and not yet closed that are remembered: past this
 * many at once, the others are taken for finished (a rescan then calls
 * a half-written one damaged, until its writer closes it). */
#define WATCH_WRITING_MAX 64

/* What a rescan must see: a bundle renamed in or out (an updater's
 * atomic install, mv), deleted, written by a copy, or its permissions
 * changed (staff made an unreadable one readable); and a write that has
 * not ended yet (IN_MODIFY, no rescan by itself). */
#define WATCH_MASK (IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | \
		    IN_CLOSE_WRITE | IN_ATTRIB | IN_MODIFY | \
		    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct watched {
	int wd;
	char *path;  /* as given to watch_add() */
	char *name;  /* a bundle file's name in the folder; NULL: all */
	char *dir;   /* the folder watched: path, or a bundle's folder */
	dev_t dev;   /* and its identity when watched (watch_check()) */
	ino_t ino;
};

/* One look of watch_check()'s, on a thread of its own (task): the
 * folders to stat and their identities, copied, so that the thread
 * never touches the watch. A thread whose stat() blocks on a network
 * file system that stopped answering cannot be stopped or waited for,
 * so a watch freed meanwhile leaves the look to its task. */
struct look {
	unsigned result;    /* WATCH_LOST or 0; read once done */
	int (*stat_fn)(const char *path, struct stat *st);
	int n;
	struct {
		char *dir;
		dev_t dev;
		ino_t ino;
	} items[];
};

static unsigned collect_look(struct watch *w);

struct watch {
	int fd;
	struct task *look;  /* the last look not yet collected, or NULL */
	int (*stat_fn)(const char *path, struct stat *st); /* or NULL */
	struct watched items[WATCH_MAX];
	int n;
	/* bundles written since they were last closed, named as the
	 * library names them (see watch_writing()) */
	char *writing[WATCH_WRITING_MAX];
	int n_writing;
};

enum vv_err watch_new(struct watch **out)
{
	struct watch *w = calloc(1, sizeof *w);

	*out = NULL;
	if (!w)
		return VV_ERR_NOMEM;
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		vv_error(NULL, 0, _("cannot watch the bundle folders: %s; "
				    "new bundles show after a restart"),
			 strerror(errno));
		free(w);
		return VV_ERR_IO;
	}
	*out = w;
	return VV_OK;
}

static void look_free(void *arg)
{
	struct look *look = arg;

	for (int i = 0; i < look->n; i++)
		free(look->items[i].dir);
	free(look);
}

void watch_free(struct watch *w)
{
	int i;

	if (!w)
		return;
	task_free(w->look);
	for (i = 0; i < w->n; i++) {
		free(w->items[i].path);
		free(w->items[i].name);
		free(w->items[i].dir);
	}
	for (i = 0; i < w->n_writing; i++)
		free(w->writing[i]);
	close(w->fd);
	free(w);
}

enum vv_err watch_add(struct watch *w, const char *path)
{
	struct stat st;
	char *dir = NULL, *name = NULL;
	const char *slash;
	int wd;

	if (w->n == WATCH_MAX)
		return VV_OK;  /* the first ones are watched */
	if (stat(path, &st) != 0) {
		vv_error(path, 0, _("cannot watch: %s"), strerror(errno));
		return VV_ERR_IO;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* A bundle given by name: its folder, for that name. */
		slash = strrchr(path, '/');
		dir = slash ? strndup(path, (size_t)(slash - path) +
					    (slash == path))
			    : strdup(".");
		name = strdup(slash ? slash + 1 : path);
		if (!dir || !name) {
			free(dir);
			free(name);
			return VV_ERR_NOMEM;
		}
	}
	if (!dir && !(dir = strdup(path))) {
		free(name);
		return VV_ERR_NOMEM;
	}
	/* the folder's identity before its watch: a folder put in its
	 * place between the two is then seen by watch_check() */
	if (stat(dir, &st) != 0 ||
	    (wd = inotify_add_watch(w->fd, dir, WATCH_MASK)) < 0) {
		vv_error(dir, 0, _("cannot watch: %s"), strerror(errno));
		free(dir);
		free(name);
		return VV_ERR_IO;
	}
	w->items[w->n].path = strdup(path);
	if (!w->items[w->n].path) {
		/* the kernel's watch stays, unused, until watch_free() */
		free(dir);
		free(name);
		return VV_ERR_NOMEM;
	}
	w->items[w->n].wd = wd;
	w->items[w->n].name = name;
	w->items[w->n].dir = dir;
	w->items[w->n].dev = st.st_dev;
	w->items[w->n].ino = st.st_ino;
	w->n++;
	return VV_OK;
}

static int is_bundle(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".vvb") == 0;
}

static void forget_writing(struct watch *w)
{
	while (w->n_writing > 0)
		free(w->writing[--w->n_writing]);
}

/* Notes that the bundle `name` of watched item `it` is being written
 * (on) or was closed, renamed or deleted (!on). Returns 1 when a write
 * started (it was not marked yet), else 0. */
static int mark_writing(struct watch *w, const struct watched *it,
			const char *name, int on)
{
	char path[PATH_MAX + NAME_MAX + 2];
	int i;

	if (it->name)
		snprintf(path, sizeof path, "%s", it->path);
	else
		snprintf(path, sizeof path, "%s/%s", it->path, name);
	for (i = 0; i < w->n_writing && strcmp(w->writing[i], path); i++)
		;
	if (i < w->n_writing && !on) {
		free(w->writing[i]);
		w->writing[i] = w->writing[--w->n_writing];
	} else if (i == w->n_writing && on &&
		   w->n_writing < WATCH_WRITING_MAX) {
		w->writing[w->n_writing] = strdup(path);
		w->n_writing += w->writing[w->n_writing] != NULL;
		return 1;
	}
	return 0;
}

/* The bits one event on watch `wd` means. A bundle written (IN_MODIFY)
 * is marked as being written; its first write asks for a rescan (a
 * bundle copied over in place is no longer the one offered), the next
 * ones do not. */
static unsigned classify(struct watch *w, const struct inotify_event *e)
{
	unsigned bits = 0;
	int i;

	if (e->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF |
		       IN_IGNORED | IN_UNMOUNT)) {
		/* a close may be among what was lost */
		forget_writing(w);
		return WATCH_LOST;
	}
	if (!e->len)
		return 0;
	for (i = 0; i < w->n; i++) {
		const struct watched *it = &w->items[i];

		if (it->wd != e->wd)
			continue;
		if (it->name ? strcmp(it->name, e->name) == 0
			     : is_bundle(e->name)) {
			/* a change of permissions during a copy (cp
			 * -p's at its end) does not end the copy */
			int started = 0;

			if (!(e->mask & IN_ATTRIB))
				started = mark_writing(w, it, e->name,
						       !!(e->mask & IN_MODIFY));
			if (!(e->mask & IN_MODIFY) || started)
				bits |= WATCH_BUNDLES;
		} else if (!it->name && strcmp(e->name, SYNC_STATUS_FILE) == 0 &&
			 (e->mask & (IN_MOVED_TO | IN_CLOSE_WRITE)))
			bits |= WATCH_STATUS;
	}
	return bits;
}

unsigned watch_poll(struct watch *w)
{
	/* Aligned as the kernel writes struct inotify_event. */
	union {
		struct inotify_event e;
		char bytes[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)];
	} buf;
	unsigned bits = 0;
	ssize_t n;

	if (!w)
		return 0;
	bits = collect_look(w);
	while ((n = read(w->fd, buf.bytes, sizeof buf.bytes)) > 0) {
		ssize_t off = 0;

		while (off + (ssize_t)sizeof(struct inotify_event) <= n) {
			const struct inotify_event *e =
				(const void *)(buf.bytes + off);

			bits |= classify(w, e);
			off += (ssize_t)sizeof *e + e->len;
		}
	}
	return bits;
}

int watch_writing(const struct watch *w, const char *path)
{
	int i;

	for (i = 0; w && path && i < w->n_writing; i++)
		if (strcmp(w->writing[i], path) == 0)
			return 1;
	return 0;
}

const char *const *watch_writing_list(const struct watch *w, size_t *n)
{
	*n = w ? (size_t)w->n_writing : 0;
	return w ? (const char *const *)w->writing : NULL;
}

/* Stats each folder of `look`: its result is WATCH_LOST when one is
 * gone or is another folder. */
static void look_run(void *arg)
{
	struct look *look = arg;
	struct stat st;

	look->result = 0;
	for (int i = 0; i < look->n; i++) {
		if (look->stat_fn(look->items[i].dir, &st) != 0 ||
		    st.st_dev != look->items[i].dev ||
		    st.st_ino != look->items[i].ino) {
			look->result = WATCH_LOST;
			return;
		}
	}
}

/* A new look at the watch's folders; NULL when out of memory. */
static struct look *look_new(const struct watch *w)
{
	struct look *look = calloc(1, sizeof *look +
				      (size_t)w->n * sizeof look->items[0]);

	if (!look)
		return NULL;
	look->stat_fn = w->stat_fn ? w->stat_fn : stat;
	for (int i = 0; i < w->n; i++) {
		look->items[i].dir = strdup(w->items[i].dir);
		look->items[i].dev = w->items[i].dev;
		look->items[i].ino = w->items[i].ino;
		if (!look->items[i].dir) {
			look_free(look);
			return NULL;
		}
		look->n++;
	}
	return look;
}

/* The result of the watch's look when it is done, after which the watch
 * lets go of it; 0 while it runs, or without one. */
static unsigned collect_look(struct watch *w)
{
	const struct look *look = task_collect(w->look);
	unsigned result;

	if (!look)
		return 0;
	result = look->result;
	task_free(w->look);
	w->look = NULL;
	if (result & WATCH_LOST)
		forget_writing(w);  /* a close may have gone unseen */
	return result;
}

unsigned watch_check(struct watch *w)
{
	struct look *look;
	unsigned bits;

	if (!w || watch_checking(w))
		return 0;
	bits = collect_look(w);
	if (bits)
		return bits;
	look = look_new(w);
	/* without memory, it looks again next time */
	if (!look || task_start(look_run, look_free, look, &w->look) != VV_OK)
		return 0;
	/* No thread: it looked here, as before there was one. */
	return collect_look(w);
}

int watch_checking(const struct watch *w)
{
	return w && w->look && !task_done(w->look);
}

void watch_set_stat(struct watch *w,
		    int (*stat_fn)(const char *path, struct stat *st))
{
	w->stat_fn = stat_fn;
}
