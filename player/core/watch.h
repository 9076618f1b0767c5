/* watch: tells a running kiosk that its bundle folders changed, through
 * inotify: a bundle moved in or out, written, or deleted, and the status
 * file of veiviser-sync rewritten. It only says so; the player rescans
 * when no participant is using a bundle (the attract screen). */
#ifndef VV_PLAYER_CORE_WATCH_H
#define VV_PLAYER_CORE_WATCH_H

#include "common/err.h"

struct watch;

/* What watch_poll() saw (bits). */
enum {
	WATCH_BUNDLES = 1 << 0, /* a *.vvb appeared, was replaced or went */
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

/* Reads the events that arrived, without waiting. Returns the WATCH_*
 * bits of what they say (0: nothing); NULL is a no-op returning 0. */
unsigned watch_poll(struct watch *w);

#endif
