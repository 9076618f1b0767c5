/* pack: the source pack as authored (pack.xml), loaded and validated
 * against builder/schema/pack.rng. This is the builder's data model; the
 * translation, check, media and bundle modules read it.
 * Format: docs/FORMATS.md, section "pack.xml". */
#ifndef VV_BUILDER_PACK_H
#define VV_BUILDER_PACK_H

#include <stddef.h>

#include "builder/pack_text.h"
#include "common/err.h"

struct pack_media {
	char *lang;   /* BCP 47 code when language-specific, else NULL */
	char *src;    /* path relative to the pack directory */
	long line;
};

enum pack_item_kind {
	PACK_SLIDE,
	PACK_VIDEO,
};

struct pack_item {
	enum pack_item_kind kind;
	char *id;
	long line;
	char **levels;        /* level ids the item is in; NULL = every level */
	size_t n_levels;

	struct pack_text *heading;  /* slide: heading; video: title */
	struct pack_text *paragraphs;
	size_t n_paragraphs;
	struct pack_text *bullets;
	size_t n_bullets;
	struct pack_media *image;   /* NULL when none */
	struct pack_text *image_alt;
	struct pack_text *script;   /* presenter/narrator script, or NULL */
	struct pack_media *narration; /* one per language */
	size_t n_narration;

	/* video only */
	struct pack_media *sources; /* one with lang==NULL (multi-track file),
	                             * or one per language */
	size_t n_sources;
	struct pack_media *subtitles; /* source-language WebVTT/SRT, or NULL */
	struct pack_cue *cues;
	size_t n_cues;
};

struct pack_level {
	char *id;
	struct pack_text label;  /* ctxt "level/<id>" */
	struct pack_media *prompts; /* spoken label, one per language at
	                             * most; NULL when none */
	size_t n_prompts;
};

struct pack {
	char *dir;            /* the pack directory, as given */
	char *path;           /* dir + "/pack.xml" */
	char *id;
	char *version;
	char *source_lang;
	struct pack_text title; /* ctxt "pack/title" */
	char **langs;         /* target languages, source included */
	size_t n_langs;
	struct pack_level *levels;
	size_t n_levels;
	struct pack_item *items;
	size_t n_items;
	/* Spoken "continue in <language>" for the language picker, from
	 * <prompt> in <languages>: one per language at most. */
	struct pack_media *lang_prompts;
	size_t n_lang_prompts;
	/* Spoken prompt of the end screen after the last item, from
	 * <prompt> in <end>: one per language at most. */
	struct pack_media *end_prompts;
	size_t n_end_prompts;
	/* Spoken "are you still there?" of the kiosk's idle question, from
	 * <prompt> in <idle>: one per language at most. */
	struct pack_media *idle_prompts;
	size_t n_idle_prompts;
	/* The video-profile attribute, checked by media_profile_parse();
	 * NULL when absent. */
	char *video_profile;
	/* The screen-size attribute ("WxH", checked by
	 * picture_screen_parse()); NULL when absent. */
	char *screen_size;
};

/* Loads and validates PACKDIR/pack.xml, including the source-language
 * subtitle files its videos name. Returns VV_OK and a new pack in *out
 * (free with pack_free()); on failure prints one line per problem as
 * "pack.xml:LINE: ..." and returns VV_ERR_FORMAT, VV_ERR_SCHEMA,
 * VV_ERR_LANG or VV_ERR_IO. Borrows `dir`. */
enum vv_err pack_load(const char *dir, struct pack **out);

/* Frees the pack. NULL is a no-op. */
void pack_free(struct pack *pack);

/* Returns non-zero when `item` belongs to level `level_id`. */
int pack_item_in_level(const struct pack_item *item, const char *level_id);

/* Calls fn for every translatable text of the pack in document order
 * (title, level labels, item fields, subtitle cues). */
void pack_foreach_text(const struct pack *pack,
		       void (*fn)(const struct pack_text *text, void *user),
		       void *user);

/* Name of the manifest inside a pack directory, as used in references
 * ("pack.xml:LINE") and in pack_text.file. */
#define PACK_XML "pack.xml"

/* Size caps on what pack_load() accepts. */
#define PACK_MAX_BYTES (16u << 20)
#define PACK_MAX_TEXT 65536

#endif
