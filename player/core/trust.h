/* trust: the record of bundles the player has verified whole: one line
 * per bundle file with its identity (device, inode, size, mtime, ctime)
 * and manifest hash (common/bundle.h's struct bundle_identity), kept in
 * the player's state folder. A bundle whose identity matches a record is
 * not hashed again at start; its media are checked while they stream
 * instead (player/media/avio_range). */
#ifndef VV_PLAYER_CORE_TRUST_H
#define VV_PLAYER_CORE_TRUST_H

#include <stddef.h>

#include "common/bundle.h"
#include "common/err.h"

/* At most this many records are kept (the library's bundle cap); the
 * oldest go first. */
#define TRUST_MAX_RECORDS 10000

struct trust;

/* Reads the records in `path` (a missing, unreadable or damaged file is
 * an empty record: bundles are then verified again, nothing else).
 * Returns VV_OK and a new trust in *out (free with trust_free()), or
 * VV_ERR_NOMEM. Borrows `path` (copied). */
enum vv_err trust_open(const char *path, struct trust **out);

/* Returns VV_OK and in *out a copy of the records of `t` that keeps no
 * file (trust_save() of it writes nothing), for a thread that scans
 * while `t` changes (free with trust_free()); NULL `t`: VV_OK and NULL.
 * VV_ERR_NOMEM otherwise. */
enum vv_err trust_copy(const struct trust *t, struct trust **out);

/* NULL is a no-op. */
void trust_free(struct trust *t);

/* Returns 1 when a record matches `id` exactly, else 0. NULL t: 0. */
int trust_known(const struct trust *t, const struct bundle_identity *id);

/* Records `id` as verified (replacing a record of the same device and
 * inode). Returns VV_OK or VV_ERR_NOMEM. NULL t: no-op. */
enum vv_err trust_add(struct trust *t, const struct bundle_identity *id);

/* Writes the records back (atomically; the folder is made when missing)
 * when they changed. Returns VV_OK, or VV_ERR_IO after one line naming
 * the file, or the folder when that cannot be made: the player goes on,
 * and verifies again at the next start.
 * NULL t: no-op. */
enum vv_err trust_save(struct trust *t);

/* After a trust_save() that could not write: the folder of the record
 * file (borrowed from t, valid until trust_free()); NULL while the last
 * save that had something to write succeeded, or none did. The staff
 * overlay says so: without a record every start hashes every bundle. */
const char *trust_unwritable(const struct trust *t);

/* While trust_unwritable() names a folder: what that costs and what the
 * staff can do, as one sentence in the interface language now set
 * (gettext), after the reason (a full disk, a read-only one, or
 * permissions). Borrowed (static or the catalogue's); NULL otherwise. */
const char *trust_unwritable_advice(const struct trust *t);

/* The default record file: $XDG_STATE_HOME/veiviser/verified, else
 * $HOME/.local/state/veiviser/verified, else NULL (no record kept).
 * Writes into buf. */
const char *trust_default_path(char *buf, size_t size);

#endif
