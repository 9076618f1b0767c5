/* bundle_make: turns one (language, level) of a loaded pack into one
 * bundle: first collects its members (probes and hashes the media,
 * remuxing videos per language), then writes manifest.xml
 * (docs/FORMATS.md) from them, text resolved through the language's
 * catalogue, and the bundle through bundle_write. */
#ifndef VV_BUILDER_BUNDLE_MAKE_H
#define VV_BUILDER_BUNDLE_MAKE_H

#include <stddef.h>
#include <stdint.h>

#include "builder/media.h"
#include "builder/pack.h"
#include "builder/po.h"
#include "common/err.h"
#include "common/hash.h"

/* Bump when the same inputs would give different bundle bytes. Part of
 * every build fingerprint. */
#define BUNDLE_MAKE_FORMAT "1"

/* State shared by every bundle of one build: a memo of file hashes (so a
 * video is hashed once for all its levels) and the cache directory for
 * probes and remuxes. Thread-safe. */
struct bundle_make_shared;

/* Returns a new shared state using `cache_dir` (borrowed, must outlive it)
 * or NULL when out of memory. Free with bundle_make_shared_free(). */
struct bundle_make_shared *bundle_make_shared_new(const char *cache_dir);
void bundle_make_shared_free(struct bundle_make_shared *shared);

/* Whether bundle_make() fills result->sha256 with the whole bundle's hash
 * (on by default). It reads every bundle back, so a build that does not
 * report it turns it off; result->sha256 is then "". */
/* Films above `profile` (copied; NULL: off, the default) are re-encoded
 * to fit it (media_transcode()) before they go into bundles. */
void bundle_make_shared_set_transcode(struct bundle_make_shared *shared,
				      const struct media_profile *profile);

void bundle_make_shared_set_bundle_hash(struct bundle_make_shared *shared,
					int on);

/* How many threads probe the media files of one bundle at once before
 * its members are collected (n < 1: the number of online CPUs, the
 * default; at most 64). The bundle's bytes and its error message, the
 * first in member order, do not depend on it. */
void bundle_make_shared_set_probe_jobs(struct bundle_make_shared *shared,
				       int n);

struct sign_secret;

/* Signs every bundle with `sk` (borrowed, must outlive the shared state;
 * NULL: unsigned, the default): a signature over manifest.sha256 goes in
 * as the last member (builder/sign_bundle). */
void bundle_make_shared_set_signer(struct bundle_make_shared *shared,
				   const struct sign_secret *sk);

/* Coverage of one bundle: every text it shows, how many come from the
 * catalogue and how many fall back to the source text. */
struct bundle_make_coverage {
	size_t total, translated, fallback;
};

/* Counts the texts of (lang, level). `catalog` is the language's
 * catalogue, or NULL for the source language (everything translated) or
 * when the language has no .po yet (everything falls back). When `report`
 * is not NULL, calls it once per fallback text. */
void bundle_make_count(const struct pack *pack, const char *lang,
		       const struct po_catalog *catalog, const char *level,
		       struct bundle_make_coverage *coverage,
		       void (*report)(const struct pack_text *text,
				      void *user),
		       void *user);

/* Calls fn with the path (pack dir + src) of every input file bundle
 * (lang, level) reads: images, this language's narration, the video
 * sources it may use, subtitle files. For build fingerprints. */
void bundle_make_inputs(const struct pack *pack, const char *lang,
			const char *level,
			void (*fn)(const char *path, void *user), void *user);

/* What bundle_make() wrote. */
struct bundle_make_result {
	uint64_t size;                /* bytes of the .vvb */
	char sha256[HASH_HEX_SIZE];   /* of the whole .vvb, or "" (see
				       * bundle_make_shared_set_bundle_hash) */
	struct bundle_make_coverage coverage;
	int draft;
};

/* Writes the bundle of (lang, level) to `out_path`, atomically. `catalog`
 * as for bundle_make_count(); `draft` marks the language as a draft.
 * Returns VV_OK and fills *result, or an error after one line naming the
 * file at fault; then nothing is left at out_path that was not there
 * before. Thread-safe for different out_paths. */
enum vv_err bundle_make(struct bundle_make_shared *shared,
			const struct pack *pack, const char *lang,
			const struct po_catalog *catalog, int draft,
			const char *level, const char *out_path,
			struct bundle_make_result *result);

#endif
