/* bundle: reads and verifies .vvb bundles (docs/FORMATS.md). Shared by
 * veiviser-build (verify, info) and veiviser-play. Read-only: the builder's
 * writer lives in builder/. */
#ifndef VV_COMMON_BUNDLE_H
#define VV_COMMON_BUNDLE_H

#include <stdint.h>
#include <stddef.h>

#include "common/err.h"
#include "common/lang.h"

/* The manifest's XML namespace (docs/FORMATS.md); the builder writes it,
 * the reader requires it. */
#define BUNDLE_NS "urn:veiviser:bundle:1"

/* The most tar entries a bundle may hold; the reader refuses more. */
#define BUNDLE_MAX_ENTRIES 4096

/* The most media members the builder puts in one bundle: the entries
 * less manifest.xml, manifest.sha256 and its signature. */
#define BUNDLE_MAX_MEMBERS (BUNDLE_MAX_ENTRIES - 3)

/* The optional last member: a minisign signature (common/sign) over the
 * 65 bytes of manifest.sha256, and the most bytes it may have. */
#define BUNDLE_SIGNATURE_MEMBER "manifest.sha256.minisig"
#define BUNDLE_MAX_SIGNATURE 16384

/* The largest member of each kind a bundle may hold; a bundle with a
 * larger one is refused (bundle_open()) and the builder does not write it
 * (bundle_member_cap()). A kiosk film is minutes long: 2 GiB of video, 512
 * MiB of audio (24 min of 48 kHz stereo PCM), 64 MiB for a picture, 4 MiB
 * of subtitles. */
#define BUNDLE_MAX_VIDEO     (2ull << 30)
#define BUNDLE_MAX_AUDIO     (512ull << 20)
#define BUNDLE_MAX_IMAGE     (64ull << 20)
#define BUNDLE_MAX_SUBTITLES (4ull << 20)

struct bundle_member {
	char *name;          /* "media/..." */
	char *kind;          /* "image", "audio", "video", "subtitles" */
	uint64_t offset;     /* byte offset of the data in the bundle file */
	uint64_t size;
	char sha256[65];     /* lowercase hex */
	double duration;     /* seconds; 0 when not timed */
	int width, height;   /* 0 when not visual */
};

struct bundle_text {
	char *text;          /* resolved UTF-8 text; never NULL */
	int fallback;        /* the source text stands in for a translation */
	int level;           /* a bullet's list level, 1 (top) to
	                      * BUNDLE_LIST_LEVELS; 0 for other texts */
	size_t bullets_before; /* a paragraph: how many of the item's
	                        * bullets come before it in reading order */
};

/* The deepest list level a manifest's <li level="N"> may have. */
#define BUNDLE_LIST_LEVELS 4

enum bundle_item_kind {
	BUNDLE_SLIDE,
	BUNDLE_VIDEO,
};

/* The text at position k (from 0, below n_paragraphs + n_bullets) of an
 * item's body in reading order, where paragraphs and bullets may
 * alternate (a paragraph after a list); *bullet is set to 1 for a bullet,
 * 0 for a paragraph. NULL when k is past the end. */
struct bundle_item;
const struct bundle_text *bundle_body_text(const struct bundle_item *it,
					   size_t k, int *bullet);

struct bundle_item {
	enum bundle_item_kind kind;
	char *id;
	struct bundle_text heading;    /* slide heading or video title */
	struct bundle_text *paragraphs;
	size_t n_paragraphs;
	struct bundle_text *bullets;
	size_t n_bullets;
	const struct bundle_member *image;     /* NULL when none */
	struct bundle_text image_alt;
	struct bundle_text script;             /* text "" when none */
	const struct bundle_member *narration; /* NULL when none */
	const struct bundle_member *video;     /* video items only */
	const struct bundle_member *subtitles; /* WebVTT, or NULL */
	char *audio_lang;                      /* BCP 47 code, or NULL */
	/* Subtitle cues shown in the source language (not translated, or
	 * refused by check); 0 in bundles from before it was recorded. */
	size_t cue_fallback;
};

/* What identifies the bundle file that was opened: a verification record
 * keyed by it (player/core/trust) stays valid while all of it is the
 * same. */
struct bundle_identity {
	uint64_t dev, ino, size;
	int64_t mtime_ns, ctime_ns;
	char manifest_sha256[65];   /* lowercase hex */
};

struct bundle {
	char *path;
	/* The bundle file, open read-only for the bundle's life: members are
	 * verified and played through it (pread), so a file put in its place
	 * after bundle_open() is never read. -1 in bundles not made by
	 * bundle_open(). */
	int fd;
	struct bundle_identity id;
	/* 1 when every member was hashed since bundle_open() (set by its
	 * user after bundle_verify_members()); 0: check media as they are
	 * read. */
	int members_checked;
	char *pack_id;
	char *pack_version;
	struct bundle_text pack_title;
	const struct vv_lang *lang;  /* from the language table */
	int draft;                   /* translation marked as draft */
	char *level_id;
	struct bundle_text level_label;
	size_t coverage_total, coverage_translated, coverage_fallback;
	struct bundle_item *items;
	size_t n_items;
	struct bundle_member *members;
	size_t n_members;
	/* Spoken prompts (audio members, NULL when none): "continue in
	 * <language>" for the language picker, and the level's label. */
	const struct bundle_member *language_prompt;
	const struct bundle_member *level_prompt;
	const struct bundle_member *end_prompt; /* the end screen's */
	/* the kiosk's idle question's ("are you still there?") */
	const struct bundle_member *idle_prompt;
	/* The pack's source language, the language of texts marked
	 * fallback; NULL when the manifest does not say (older bundles) or
	 * names a language the table does not know. */
	const struct vv_lang *source_lang;
	/* manifest.sha256's 65 bytes (the message a signature covers) and a
	 * NUL. */
	char manifest_sum[66];
	/* The signature member's text and size; NULL when unsigned. */
	char *signature;
	size_t signature_size;
	/* Bytes of the file up to the end of manifest.sha256's data blocks:
	 * where a signature member goes (builder/sign_bundle). */
	uint64_t unsigned_size;
};

/* Returns the language code to lay `t` (a text of `bundle`) out in: the
 * bundle's language, or for a fallback text the source language, or
 * NULL (detect from the text) when the bundle does not name that. */
const char *bundle_text_lang(const struct bundle *bundle,
			     const struct bundle_text *t);

/* Returns the size cap of a member kind ("video", "audio", "image",
 * "subtitles"; any other: the video cap). */
uint64_t bundle_member_cap(const char *kind);

/* Opens `path`, parses the tar index and the manifest, and checks the
 * structure: manifest first, manifest.sha256 matches, every member the
 * manifest names is present with the right size, no unlisted members,
 * no member over its kind's cap. Anything but a regular file (a FIFO, a
 * device, a folder) is refused without opening it, so it never blocks.
 * Keeps the file open (bundle->fd) and records its identity. Does not
 * hash media (see bundle_verify_members()).
 * Returns VV_OK and a new bundle in *out (free with bundle_close()).
 * On failure prints one line naming the bundle and returns
 * VV_ERR_IO, VV_ERR_FORMAT, VV_ERR_INTEGRITY, VV_ERR_NOTFOUND or
 * VV_ERR_LANG. Borrows `path`. */
enum vv_err bundle_open(const char *path, struct bundle **out);

/* Hashes every member and compares size and SHA-256 with the manifest.
 * Returns VV_OK, or VV_ERR_INTEGRITY / VV_ERR_IO after printing one line
 * naming the bundle and the member. */
enum vv_err bundle_verify_members(const struct bundle *bundle);

/* Returns the member called `name`, or NULL. Borrowed from the bundle. */
const struct bundle_member *bundle_find_member(const struct bundle *bundle,
					       const char *name);

/* Reads a whole member into a new buffer (caller frees) of *size bytes and
 * checks its SHA-256. Returns VV_OK, VV_ERR_NOMEM, VV_ERR_IO or
 * VV_ERR_INTEGRITY. Members over 64 MiB are refused with VV_ERR_LIMIT:
 * stream those through offset/size instead. */
enum vv_err bundle_read_member(const struct bundle *bundle,
			       const struct bundle_member *member,
			       unsigned char **data, size_t *size);

/* Frees everything. NULL is a no-op. */
void bundle_close(struct bundle *bundle);

#endif
