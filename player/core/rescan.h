/* rescan: scans the library's PATHs again on a thread of its own
 * (player/core/task), into a new library that the main loop takes when
 * the scan ended: a folder on a network share that stopped answering
 * (NFS, SMB) blocks opendir(), stat() and open() until it answers, and
 * the kiosk's screen, its taps and the bundles already open must go on
 * meanwhile. The scan uses copies of what it is given, so the caller
 * may change or free those at once. */
#ifndef VV_PLAYER_CORE_RESCAN_H
#define VV_PLAYER_CORE_RESCAN_H

#include <stddef.h>

#include "common/err.h"

struct library;
struct sign_keyring;
struct trust;

struct rescan_config {
	const char *const *paths;  /* library_scan() each, in order */
	int n_paths;
	const struct trust *trust; /* records to consult; NULL: none */
	const struct sign_keyring *keys; /* trusted signers; NULL: any */
	/* bundles a copy is still writing (watch_writing_list()) */
	const char *const *writing;
	size_t n_writing;
};

struct rescan;

/* Starts the scan (library_new(), library_set_background() on, trust,
 * keys and writing as configured, library_scan() of each path). Returns
 * VV_OK and the rescan in *out (free with rescan_free()), or
 * VV_ERR_NOMEM (nothing started). */
enum vv_err rescan_start(const struct rescan_config *config,
			 struct rescan **out);

/* Returns 1 once the scan ended, else 0 (it may be blocked on a folder
 * that does not answer); NULL: 0. */
int rescan_done(const struct rescan *r);

/* Seconds since rescan_start() (CLOCK_MONOTONIC); NULL: 0. */
double rescan_age(const struct rescan *r);

/* After rescan_done(): reports the scan's error lines on the calling
 * thread (stderr and the vv_error hook), then returns VV_OK and the new
 * library in *lib, which the caller owns (free with library_free()): its
 * background verification is not started, and it has no trust records
 * nor keys (the scan's copies): set the caller's before library_poll().
 * Returns VV_ERR_NOMEM when the scan ran out of memory, VV_ERR_INTERNAL
 * before the end or when taken already; *lib is NULL then. */
enum vv_err rescan_take(struct rescan *r, struct library **lib);

/* Lets go of the rescan; one still running is abandoned, and frees
 * itself when its scan ends. NULL is a no-op. */
void rescan_free(struct rescan *r);

#endif
