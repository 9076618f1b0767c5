/* watch_setup: makes a watch (player/core/watch) of the library's PATHs
 * on a thread of its own (player/core/task), for the main loop to take
 * when it is made: stat() and inotify_add_watch() of a folder on a
 * network share that stopped answering (NFS, SMB) block until it
 * answers, and the kiosk's screen must go on meanwhile. */
#ifndef VV_PLAYER_CORE_WATCH_SETUP_H
#define VV_PLAYER_CORE_WATCH_SETUP_H

#include "common/err.h"

struct watch;
struct watch_setup;

/* Starts making a watch of the n `paths` (copied), each watch_add()ed.
 * With `all`, only when every path is there (stat()) and can be watched:
 * else no watch, and no line for a path that is not there. Without, the
 * paths that can be watched are. Returns VV_OK and the setup in *out
 * (free with watch_setup_free()), or VV_ERR_NOMEM. */
enum vv_err watch_setup_start(const char *const *paths, int n, int all,
			      struct watch_setup **out);

/* Returns 1 once the setup ended, else 0 (it may be blocked on a folder
 * that does not answer); NULL: 0. */
int watch_setup_done(const struct watch_setup *s);

/* Seconds since watch_setup_start() (CLOCK_MONOTONIC); NULL: 0. */
double watch_setup_age(const struct watch_setup *s);

/* What a setup that ended found. */
struct watch_setup_result {
	struct watch *watch; /* the caller's (watch_free()); NULL: none made */
	int watched;         /* paths watched */
	int missing;         /* a path was not there (ENOENT) */
	int first_dir;       /* index of the first path that is a folder,
			      * or -1 */
};

/* After watch_setup_done(): reports the setup's error lines on the
 * calling thread (stderr and the vv_error hook) and fills *result; the
 * watch goes to the caller. Returns VV_OK, or VV_ERR_INTERNAL before the
 * end or when taken already (*result then says: none). */
enum vv_err watch_setup_take(struct watch_setup *s,
			     struct watch_setup_result *result);

/* Lets go of the setup; one still running is abandoned and frees itself
 * (and its watch) when it ends. NULL is a no-op. */
void watch_setup_free(struct watch_setup *s);

#endif
