/* syncstatus: the status file that veiviser-sync writes into the kiosk's
 * bundle folder after each run, and that the player's staff overlay and
 * `veiviser-sync --status` read: one flat JSON object. */
#ifndef VV_COMMON_SYNCSTATUS_H
#define VV_COMMON_SYNCSTATUS_H

#include "common/err.h"

/* Its name in the bundle folder: a dot-file, which is not a bundle. */
#define SYNC_STATUS_FILE ".veiviser-sync.json"

/* Larger status files are refused. */
#define SYNC_STATUS_MAX 65536

/* The kinds of failure the status names ("error_kind"), so that the
 * staff overlay can say what a failure means in the staff's language. */
#define SYNC_KIND_NETWORK "network"     /* unreachable, HTTP error, slow */
#define SYNC_KIND_LIMIT "limit"         /* more bytes than allowed */
#define SYNC_KIND_DISK "disk"           /* full, or cannot be written */
#define SYNC_KIND_EXPIRED "expired"     /* the catalogue expired */
#define SYNC_KIND_ROLLBACK "rollback"   /* older than the one accepted */
#define SYNC_KIND_UNTRUSTED "untrusted" /* unsigned or a foreign key */
#define SYNC_KIND_SIGNATURE "signature" /* a signature does not match */
#define SYNC_KIND_BUNDLE "bundle"       /* a bundle differs or is damaged */
#define SYNC_KIND_FORMAT "format"       /* not a valid catalogue */
#define SYNC_KIND_SELECTION "selection" /* --lang etc. match nothing */

struct sync_status {
	long version;               /* highest catalogue version accepted */
	char last_attempt[32];      /* ISO 8601 UTC, "" when absent */
	char last_success[32];      /* "" when none yet (null) */
	char last_error[512];       /* "" when the last run succeeded */
	char error_kind[16];        /* a SYNC_KIND_*, or "" */
	unsigned long long bytes;   /* downloaded in the last run */
	long bundles;               /* installed after the last success */
};

/* Reads the status file at `path` (borrowed) into *st. Returns VV_OK;
 * VV_ERR_NOTFOUND when there is none; VV_ERR_IO, VV_ERR_LIMIT or
 * VV_ERR_FORMAT when it cannot be read or is not such an object (*st is
 * then zeroed). Prints nothing. Unknown members are skipped. */
enum vv_err sync_status_read(const char *path, struct sync_status *st);

#endif
