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

/* Why a bundle (or a path) was skipped: a code that the staff overlay
 * turns into a sentence in the staff's language when it draws
 * (library_note_text()), since the scan runs in the process's language. */
enum library_note_kind {
	LIBRARY_NOTE_OTHER,         /* err: see `err` */
	LIBRARY_NOTE_MISSING,       /* the path does not exist */
	LIBRARY_NOTE_UNREADABLE,    /* a file that cannot be opened or read */
	LIBRARY_NOTE_FOLDER,        /* a folder that cannot be read */
	LIBRARY_NOTE_NOT_BUNDLE,    /* not a regular file */
	LIBRARY_NOTE_TOO_MANY,      /* past the library's bundle cap */
	LIBRARY_NOTE_NO_LANG,       /* a language this player does not know */
	LIBRARY_NOTE_NO_ITEMS,      /* nothing to show */
	LIBRARY_NOTE_DUPLICATE,     /* arg: the other bundle, language, level */
	LIBRARY_NOTE_UNSIGNED,      /* origin checked, no signature */
	LIBRARY_NOTE_KEY_UNTRUSTED, /* arg: the signer's key id */
	LIBRARY_NOTE_BAD_SIGNATURE, /* arg: the key id; altered */
	LIBRARY_NOTE_NOT_SIGNATURE, /* the signature member is not one */
	LIBRARY_NOTE_DAMAGED,       /* malformed, or a hash that differs
				     * (also found in the background, for
				     * a newer version not yet offered) */
	LIBRARY_NOTE_DROPPED,       /* damaged, found after it was offered */
	LIBRARY_NOTE_TOO_LARGE,     /* a member past the size cap */
	LIBRARY_NOTE_COPYING,       /* cannot be opened yet: still being
				     * written (library_set_writing()) */
	LIBRARY_NOTE_REPLACED,      /* an older version of a pack offered
				     * in a newer one; arg: the newer's
				     * version and path. Not a fault */
};

#define LIBRARY_NOTE_ARGS 3

/* A bundle that was skipped: what and why. `message` is the vv_error
 * line (stderr's, in the process's language), for logs; `kind` and
 * `arg` say the same for library_note_text(). */
struct library_note {
	char *path;
	char *message;
	enum library_note_kind kind;
	enum vv_err err;                 /* LIBRARY_NOTE_OTHER's error */
	char *arg[LIBRARY_NOTE_ARGS];    /* NULL when unused */
};

/* Returns VV_OK and a new empty library in *out (free with
 * library_free()), or VV_ERR_NOMEM. `log` (may be NULL) receives each
 * error line printed while a scan opens a bundle, instead of the
 * vv_error hook (the scan leaves the hook alone). A scan on a thread
 * that captures its vv_error lines (vv_error_set_thread_capture())
 * hands them to that capture instead, and not to `log`: library_scan()
 * may run on any one thread. */
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
 * Of two bundles for the same language and level, the library keeps one:
 * of the same pack (id) in two versions, the newer (version_cmp()),
 * whichever came first, and the older gets a LIBRARY_NOTE_REPLACED note
 * and no error line; otherwise (another pack, or the same version) the
 * first, and the second a LIBRARY_NOTE_DUPLICATE note and an error line.
 * A scan's newer version that waits for its background hash
 * (library_set_background()) is kept too but not offered, nor the older
 * replaced, until library_poll() found it intact.
 * The bundle not kept is closed when owned. Returns VV_OK, VV_ERR_NOMEM,
 * or VV_ERR_INTERNAL after library_start_verify() (the bundle is closed
 * when owned). */
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

/* Calls fn(bundle, user) on every bundle, in index order (a newer
 * version waiting for its hash after the one offered), so that the
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

/* Makes later scans ask writing(path, user) about each bundle file
 * first: when it answers 1 (a copy into the folder is still writing it,
 * player/core/watch), the file is not opened, since it may be
 * incomplete, and gets a LIBRARY_NOTE_COPYING note and no error line,
 * since it is not damaged; the rescan after the copy ends takes it up.
 * NULL: no file is taken for a copy in progress. */
void library_set_writing(struct library *lib,
			 int (*writing)(const char *path, void *user),
			 void *user);

struct sign_keyring;

/* Makes later scans accept only bundles carrying a good signature by one
 * of `keys` (common/sign; borrowed, must outlive the library). NULL or
 * an empty keyring: origin is not checked, every intact bundle plays.
 * A refused bundle becomes a note. */
void library_set_keys(struct library *lib, const struct sign_keyring *keys);

/* Bundles the scans refused for their origin: unsigned, by a key not
 * trusted, or with a signature that does not match. */
size_t library_n_unsigned(const struct library *lib);

/* Background verification, so that the first screen does not wait for
 * hashing. With `on`, later scans open each bundle that no trust record
 * vouches for (structure and manifest checked) and add it at once, with
 * members_checked 0: its media are checked as they stream and its other
 * members as they are read. library_start_verify() then hashes those
 * bundles whole on a thread of its own; library_poll() collects the
 * results on the caller's thread. Off by default: scans hash at once. */
void library_set_background(struct library *lib, int on);

/* Starts the worker over the bundles the scans left unverified (no-op
 * when there are none). No scan may follow. When no thread can be made
 * it hashes them here. Returns VV_OK. library_free() stops the worker
 * after the bundle it is hashing. */
enum vv_err library_start_verify(struct library *lib);

/* Stops the worker after the bundle it is hashing and waits for it;
 * library_poll() then collects what it finished. NULL or no worker:
 * no-op. */
void library_stop_verify(struct library *lib);

/* Waits until the worker has hashed every bundle (tests; the kiosk polls
 * instead); library_poll() then collects them. NULL or no worker:
 * no-op. */
void library_wait_verify(struct library *lib);

/* Bundles whose background verification is not yet collected by
 * library_poll() (waiting, running, or done). */
size_t library_n_pending(const struct library *lib);

/* Collects finished background verifications; call from the thread that
 * uses the library. An intact bundle gets members_checked 1 and a trust
 * record (trust_save() is the caller's), and report(bundle, NULL, user).
 * With `drop` (call it so only while no bundle is in use, e.g. on the
 * attract screen), a damaged bundle is taken out of the index and
 * closed, after one vv_error line naming it and the member, a note, and
 * report(bundle, that line, user) before the close; without `drop` it
 * stays until a later call, still checked as it streams. A newer version
 * waiting for its hash (library_add()) is, with `drop`, offered in the
 * older's place once intact (the older gets a LIBRARY_NOTE_REPLACED note
 * and is closed), or, when damaged, closed with a LIBRARY_NOTE_DAMAGED
 * note and the older stays offered; without `drop` it waits (an intact
 * one is recorded and reported meanwhile). A damaged offered bundle's
 * waiting newer version is offered in its place, checked as it is read.
 * report may be NULL. Returns VV_OK or VV_ERR_NOMEM. */
enum vv_err library_poll(struct library *lib, int drop,
			 void (*report)(const struct bundle *bundle,
					const char *message, void *user),
			 void *user);

/* Skipped bundles, and older versions replaced (LIBRARY_NOTE_REPLACED).
 * Notes are owned by the library. */
size_t library_n_notes(const struct library *lib);
/* Of those, the older versions replaced by a newer one: not faults. */
size_t library_n_replaced(const struct library *lib);
const struct library_note *library_note(const struct library *lib,
					size_t i);

/* Adds a note of `kind` (copies the strings; `arg` may be NULL, else
 * LIBRARY_NOTE_ARGS strings or NULLs). Returns VV_OK or VV_ERR_NOMEM. */
enum vv_err library_add_note(struct library *lib,
			     enum library_note_kind kind, const char *path,
			     const char *message, const char *const *arg);

/* Writes into buf (always terminated) the note as one line for the
 * staff, in the interface language now set (gettext): the path, what is
 * wrong and what to do. The path is isolated (FSI..PDI), so that it
 * keeps its order in a right-to-left line. Defined in library_note.c. */
void library_note_text(const struct library_note *note, char *buf,
		       size_t cap);

#endif
