/* watch: inotify on the player's bundle folders. */
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

/* More paths than this are not watched (the player takes 256). */
#define WATCH_MAX 256

/* What a rescan must see: a bundle renamed in or out (an updater's
 * atomic install, mv), deleted, or written by a copy. */
#define WATCH_MASK (IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | \
		    IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF | \
		    IN_ONLYDIR)

struct watched {
	int wd;
	char *name;  /* a bundle file's name in the folder; NULL: all */
};

struct watch {
	int fd;
	struct watched items[WATCH_MAX];
	int n;
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

void watch_free(struct watch *w)
{
	int i;

	if (!w)
		return;
	for (i = 0; i < w->n; i++)
		free(w->items[i].name);
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
	wd = inotify_add_watch(w->fd, dir ? dir : path, WATCH_MASK);
	if (wd < 0) {
		vv_error(dir ? dir : path, 0, _("cannot watch: %s"),
			 strerror(errno));
		free(dir);
		free(name);
		return VV_ERR_IO;
	}
	free(dir);
	w->items[w->n].wd = wd;
	w->items[w->n].name = name;
	w->n++;
	return VV_OK;
}

static int is_bundle(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".vvb") == 0;
}

/* The bits one event on watch `wd` means. */
static unsigned classify(const struct watch *w, const struct inotify_event *e)
{
	unsigned bits = 0;
	int i;

	if (e->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF |
		       IN_IGNORED | IN_UNMOUNT))
		return WATCH_LOST;
	if (!e->len)
		return 0;
	for (i = 0; i < w->n; i++) {
		const struct watched *it = &w->items[i];

		if (it->wd != e->wd)
			continue;
		if (it->name ? strcmp(it->name, e->name) == 0
			     : is_bundle(e->name))
			bits |= WATCH_BUNDLES;
		else if (!it->name && strcmp(e->name, SYNC_STATUS_FILE) == 0 &&
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
