/* cache: the engine's layouts, keyed by text and style, so a screen drawn
 * again is neither shaped nor rendered again. */
#ifndef VV_PLAYER_TEXT_CACHE_H
#define VV_PLAYER_TEXT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "player/text/layout.h"

struct layout_cache {
	struct text_layout **buckets;
	size_t n_buckets;
	size_t count;
	size_t texture_bytes;   /* of all layouts; callers add what they
				 * render, freeing subtracts */
};

/* Returns the key hash of a text and style. */
uint32_t layout_cache_hash(const char *utf8, const struct text_style *style);

/* Returns the cached layout with this text and style, or NULL. */
struct text_layout *layout_cache_find(struct layout_cache *cache,
				      uint32_t hash, const char *utf8,
				      const struct text_style *style);

/* Adds `layout` (its key fields set, hash included); the cache owns it
 * from then on. Returns VV_OK or VV_ERR_NOMEM (the layout is then not
 * added and still the caller's). */
enum vv_err layout_cache_add(struct layout_cache *cache,
			     struct text_layout *layout);

/* Frees the layouts whose `used` flag is clear and clears the flag of the
 * others. */
void layout_cache_trim(struct layout_cache *cache);

/* Frees every layout and the table; the cache is empty and reusable. */
void layout_cache_clear(struct layout_cache *cache);

/* Destroys the textures of the layouts drawn longest ago (layouts stay
 * valid and render again when drawn) until the cache holds at most
 * `bytes` of them. Layouts drawn at or after draw count `keep_from` are
 * kept, so a screen that alone needs more than `bytes` is not rendered
 * again on every frame. Returns VV_OK or VV_ERR_NOMEM (nothing freed). */
enum vv_err layout_cache_shed(struct layout_cache *cache, size_t bytes,
			      unsigned long keep_from);

#endif
