/* library: the bundles a player can play, found from the PATH arguments
 * (bundle files or directories of them), opened and verified through
 * common/bundle.h, and indexed by language and level. A bad bundle is
 * skipped with a note; the library never fails because of one. */
#ifndef VV_PLAYER_CORE_LIBRARY_H
#define VV_PLAYER_CORE_LIBRARY_H

#include <stddef.h>

#include "common/bundle.h"
#include "common/err.h"
#include "common/lang.h"

struct library;

/* The kiosk's folder of trusted signing keys (veiviser-play --trust),
 * installed empty by make install. */
#define LIBRARY_KEYS_DIR "/etc/veiviser/trusted-keys"

/* A bundle that was skipped: what and why (one vv_error line). */
struct library_note {
	char *path;
	char *message;
};

/* Returns VV_OK and a new empty library in *out (free with
 * library_free()), or VV_ERR_NOMEM. `log` (may be NULL) receives each
 * error line printed while scanning, after the scan's own use of the
 * vv_error hook; the scan restores the hook to (log, user) afterwards. */
enum vv_err library_new(void (*log)(const char *line, void *user),
			void *user, struct library **out);

/* Frees the library and the bundles it owns. NULL is a no-op. */
void library_free(struct library *lib);

/* Adds `path`: a .vvb file, or a directory whose *.vvb files are added in
 * name order (not recursive; at most 10000). Every bundle is opened and
 * its members verified (unless a trust record vouches for it, see
 * library_set_trust()); a failure becomes a note and is not an error.
 * Returns VV_OK, or VV_ERR_NOMEM. A missing path is a note too. */
enum vv_err library_scan(struct library *lib, const char *path);

/* Adds an already open bundle. owned: 1 = library_free() closes it.
 * A second bundle for the same language and level is refused with a
 * note (and closed when owned). Returns VV_OK or VV_ERR_NOMEM. */
enum vv_err library_add(struct library *lib, struct bundle *bundle,
			int owned);

/* Languages present, in the order of the language table. */
size_t library_n_langs(const struct library *lib);
const struct vv_lang *library_lang(const struct library *lib, size_t i);
/* Index of the language with `code`, or -1. */
int library_find_lang(const struct library *lib, const char *code);

/* Levels present for language i, in the standard order (no-schooling,
 * lower-secondary, upper-secondary, then others by id). */
size_t library_n_levels(const struct library *lib, size_t lang);
const struct bundle *library_bundle(const struct library *lib, size_t lang,
				    size_t level);
/* Index of level `id` for language `lang`, or -1. */
int library_find_level(const struct library *lib, size_t lang,
		       const char *id);

/* Calls fn(bundle, user) on every bundle, in index order, so that the
 * player can fill in its site's details once after the scan; stops at
 * and returns the first error. Returns VV_OK otherwise. */
enum vv_err library_each(struct library *lib,
			 enum vv_err (*fn)(struct bundle *bundle, void *user),
			 void *user);

/* Total number of usable bundles. */
size_t library_n_bundles(const struct library *lib);

struct trust;

/* Makes later scans consult and update `trust` (player/core/trust.h;
 * borrowed, NULL: none): a bundle it knows is not hashed at start, and
 * one hashed whole is recorded in it. Without trust every bundle is
 * hashed. */
void library_set_trust(struct library *lib, struct trust *trust);

/* Bundles hashed whole by the scans, and bundles a record vouched for. */
size_t library_n_verified(const struct library *lib);
size_t library_n_trusted(const struct library *lib);

struct sign_keyring;

/* Makes later scans accept only bundles carrying a good signature by one
 * of `keys` (common/sign; borrowed, must outlive the library). NULL or
 * an empty keyring: origin is not checked, every intact bundle plays.
 * A refused bundle becomes a note. */
void library_set_keys(struct library *lib, const struct sign_keyring *keys);

/* Bundles the scans refused for their origin: unsigned, by a key not
 * trusted, or with a signature that does not match. */
size_t library_n_unsigned(const struct library *lib);

/* Skipped bundles. Notes are owned by the library. */
size_t library_n_notes(const struct library *lib);
const struct library_note *library_note(const struct library *lib,
					size_t i);

/* Adds a note (copies both strings). Returns VV_OK or VV_ERR_NOMEM. */
enum vv_err library_add_note(struct library *lib, const char *path,
			     const char *message);

#endif
