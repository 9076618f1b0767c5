/* catalogue: the one reader of a site's catalogue.xml (docs/FORMATS.md,
 * "Catalogue") for veiviser-build publish and catalogue and for
 * veiviser-sync, so that what publish writes and what a kiosk accepts are
 * checked by the same code against the same compiled-in schema. */
#ifndef VV_COMMON_CATALOGUE_H
#define VV_COMMON_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/err.h"
#include "common/sign.h"

#define CATALOGUE_NS "urn:veiviser:catalogue:1"
#define CATALOGUE_FILE "catalogue.xml"
#define CATALOGUE_SIG "catalogue.xml.minisig"
/* The largest catalogue read (some 20,000 entries) and its entry cap. */
#define CATALOGUE_MAX (16u << 20)
#define CATALOGUE_MAX_ENTRIES 20000

/* One bundle a site offers. The entry owns every string. */
struct catalogue_entry {
	char *pack, *version, *lang, *level; /* tokens: [A-Za-z0-9._-]{1,64} */
	char *review;      /* "draft" or "reviewed" */
	char *sha256;      /* the bundle file's SHA-256, 64 lowercase hex */
	char *key;         /* the bundle's signing key id, 16 uppercase hex */
	char *href;        /* "bundles/SHA256.vvb", with the sha256 above */
	char *title, *level_label;
	uint64_t size;     /* the bundle file's size in bytes, > 0 */
};

/* A whole catalogue. All zero is the empty catalogue of version 0 (what
 * publish starts a new site from). */
struct catalogue {
	long version;      /* > 0 in a parsed catalogue */
	/* "YYYY-MM-DDTHH:MM:SSZ", the only form publish writes */
	char published[32], expires[32];
	time_t expires_at; /* `expires` as a time */
	char key[SIGN_ID_HEX_SIZE]; /* the catalogue's signing key id */
	struct catalogue_entry *entries;
	size_t n;
};

/* Reads the catalogue text `text` (`len` bytes, not necessarily
 * NUL-terminated) into *c: well-formed XML without a DTD, valid against
 * builder/schema/catalogue.rng (compiled in: nothing is read at run
 * time), times in the form above, numbers that fit, at most
 * CATALOGUE_MAX_ENTRIES entries, and each href naming its own sha256.
 * Returns VV_OK, or after one line "NAME:LINE: ..." (`name` is the file
 * or URL the text came from; borrowed) VV_ERR_FORMAT (not well-formed,
 * or a time or number out of range), VV_ERR_SCHEMA, VV_ERR_LIMIT or
 * VV_ERR_NOMEM; *c is then empty. Free a parsed *c with
 * catalogue_clear(). */
enum vv_err catalogue_parse(const char *name, const char *text, size_t len,
			    struct catalogue *c);

/* Checks `text` as catalogue_parse() does, printing nothing (publish
 * checks what it is about to write). Returns VV_OK, or the error that
 * catalogue_parse() would return with "line N: what" in `msg` (`cap`
 * bytes, always NUL-terminated). */
enum vv_err catalogue_check(const char *text, size_t len, char *msg,
			    size_t cap);

/* Frees the strings of `e` and zeroes it. NULL is a no-op. */
void catalogue_entry_clear(struct catalogue_entry *e);

/* Frees every entry of `c` and zeroes it, leaving the empty catalogue.
 * NULL is a no-op. */
void catalogue_clear(struct catalogue *c);

#endif
