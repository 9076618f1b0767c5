/* watch: tells a running kiosk that its bundle folders changed, through
 * inotify: a bundle moved in or out, written, or deleted, and the status
 * file of veiviser-sync rewritten. It only says so; the player rescans
 * when no participant is using a bundle (the attract screen). It also
 * knows which bundles are being written (a copy not yet closed), so that
 * a rescan during a copy does not call the half-written file damaged.
 * Threads: a watch is used by one thread; watch_check()'s look runs on a
 * thread of its own, on a copy of the paths, and hands its result over
 * through player/core/task, so callers take no lock. */
#ifndef VV_PLAYER_CORE_WATCH_H
#define VV_PLAYER_CORE_WATCH_H

#include <stddef.h>
#include <sys/stat.h>

#include "common/err.h"

struct watch;

/* What watch_poll() saw (bits). */
enum {
	WATCH_BUNDLES = 1 << 0, /* a *.vvb appeared, was replaced or went,
				 * or a write to one began */
	WATCH_STATUS = 1 << 1,  /* the sync status file was written */
	WATCH_LOST = 1 << 2,    /* events were lost, or a watched folder
				 * went away (deleted, moved, unmounted):
				 * rescan to be sure, and watch anew */
};

/* Returns VV_OK and a new watch without paths in *out (free with
 * watch_free()), VV_ERR_NOMEM, or VV_ERR_IO after one line when the
 * kernel refuses an inotify instance. */
enum vv_err watch_new(struct watch **out);

/* Stops watching. NULL is a no-op. */
void watch_free(struct watch *w);

/* Watches `path` (borrowed): a folder, for the *.vvb files in it (dot
 * files, such as an updater's partial downloads, are not bundles) and
 * its sync status file; or a bundle file, through its folder, for that
 * name only. Returns VV_OK, VV_ERR_NOMEM, or VV_ERR_IO after one line
 * naming `path` (missing, unreadable, or out of inotify watches). */
enum vv_err watch_add(struct watch *w, const char *path);

/* Reads the events that arrived, and the result of a look of
 * watch_check()'s that ended, without waiting. Returns the WATCH_*
 * bits of what they say (0: nothing); NULL is a no-op returning 0. */
unsigned watch_poll(struct watch *w);

/* Looks whether each watched path still leads to the folder that is
 * watched (same device and inode). A folder on a USB stick pulled out,
 * or on another stick put in, sends the old watch no event: the stick's
 * file system is unmounted lazily while the kiosk holds bundles open.
 * The look (a few stat() calls) runs on a thread of its own and never
 * makes the caller wait: on a network file system that stopped
 * answering, stat() blocks until it answers again (for good, on a hard
 * mount), and the kiosk's screen must go on meanwhile. Returns
 * WATCH_LOST when a look that ended found a path that does not lead to
 * its folder (gone, or another folder), else 0; watch_poll() returns
 * that too, as soon as the look ends. While a look runs, no other
 * starts. When no thread can be made, it looks here. Call it now and
 * then (every few seconds), not every frame. NULL is a no-op returning
 * 0. A look still running when the watch is freed ends on its own. */
unsigned watch_check(struct watch *w);

/* Returns 1 while a look started by watch_check() has not ended (its
 * stat() may be blocked), else 0; NULL: 0. */
int watch_checking(const struct watch *w);

/* Makes later looks call stat_fn instead of stat() (a test's, to block
 * as a network file system can). Before any watch_check(). */
void watch_set_stat(struct watch *w,
		    int (*stat_fn)(const char *path, struct stat *st));

/* Returns 1 when the bundle at `path` (named as the library names it:
 * a watched folder as given, '/', the file's name; or a watched bundle
 * path) was written since it was last closed, as far as the events read
 * by watch_poll() tell: a copy in progress. 0 otherwise, for a NULL
 * watch, and for everything after lost events. */
int watch_writing(const struct watch *w, const char *path);

/* The bundles watch_writing() answers 1 for: *n of them, borrowed from
 * the watch until its next watch_poll() or watch_free() (for a copy
 * that a scan on another thread consults). NULL w: none. */
const char *const *watch_writing_list(const struct watch *w, size_t *n);

#endif
