/* cache: a chained hash table; it grows, so a kiosk screen full of
 * strings stays one lookup per string. */
#include "player/text/cache.h"

#include <stdlib.h>
#include <string.h>

#define CACHE_BUCKETS_MIN 64

static uint32_t fnv(uint32_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static uint32_t fnv_int(uint32_t h, long v)
{
	return fnv(h, &v, sizeof v);
}

uint32_t layout_cache_hash(const char *utf8, const struct text_style *style)
{
	uint32_t h = 2166136261u;

	if (!utf8)
		utf8 = "";
	h = fnv(h, utf8, strnlen(utf8, LAYOUT_TEXT_MAX));
	h = fnv_int(h, style->size_px);
	h = fnv_int(h, (long)style->rgba);
	h = fnv_int(h, style->bold);
	h = fnv_int(h, style->align);
	h = fnv_int(h, style->max_width_px);
	h = fnv_int(h, style->max_lines);
	h = fnv_int(h, style->markup);
	h = fnv_int(h, style->min_size_px);
	if (style->lang)
		h = fnv(h, style->lang, strlen(style->lang));
	return h;
}

static int same_key(const struct text_layout *l, const char *utf8,
		    const struct text_style *s)
{
	const struct text_style *k = &l->style;
	size_t len;

	if (!utf8)
		utf8 = "";
	if (k->size_px != s->size_px || k->rgba != s->rgba ||
	    k->bold != s->bold || k->align != s->align ||
	    k->max_width_px != s->max_width_px ||
	    k->max_lines != s->max_lines || k->markup != s->markup ||
	    k->min_size_px != s->min_size_px)
		return 0;
	if (!k->lang != !s->lang || (k->lang && strcmp(k->lang, s->lang)))
		return 0;
	len = strnlen(utf8, LAYOUT_TEXT_MAX);
	return strlen(l->text) == len && memcmp(l->text, utf8, len) == 0;
}

struct text_layout *layout_cache_find(struct layout_cache *cache,
				      uint32_t hash, const char *utf8,
				      const struct text_style *style)
{
	struct text_layout *l;

	if (!cache->n_buckets)
		return NULL;
	for (l = cache->buckets[hash % cache->n_buckets]; l; l = l->next)
		if (l->hash == hash && same_key(l, utf8, style))
			return l;
	return NULL;
}

static enum vv_err grow(struct layout_cache *cache)
{
	size_t n = cache->n_buckets ? cache->n_buckets * 2
				    : CACHE_BUCKETS_MIN, i;
	struct text_layout **b = calloc(n, sizeof *b);

	if (!b)
		return VV_ERR_NOMEM;
	for (i = 0; i < cache->n_buckets; i++) {
		struct text_layout *l = cache->buckets[i], *next;

		for (; l; l = next) {
			next = l->next;
			l->next = b[l->hash % n];
			b[l->hash % n] = l;
		}
	}
	free(cache->buckets);
	cache->buckets = b;
	cache->n_buckets = n;
	return VV_OK;
}

enum vv_err layout_cache_add(struct layout_cache *cache,
			     struct text_layout *layout)
{
	struct text_layout **head;

	if (cache->count >= cache->n_buckets && grow(cache) != VV_OK)
		return VV_ERR_NOMEM;
	head = &cache->buckets[layout->hash % cache->n_buckets];
	layout->next = *head;
	*head = layout;
	cache->count++;
	return VV_OK;
}

void layout_cache_trim(struct layout_cache *cache)
{
	size_t i;

	for (i = 0; i < cache->n_buckets; i++) {
		struct text_layout **p = &cache->buckets[i];

		while (*p) {
			struct text_layout *l = *p;

			if (l->used) {
				l->used = 0;
				p = &l->next;
				continue;
			}
			*p = l->next;
			cache->texture_bytes -= l->texture_bytes;
			layout_free(l);
			cache->count--;
		}
	}
}

void layout_cache_clear(struct layout_cache *cache)
{
	size_t i;

	for (i = 0; i < cache->n_buckets; i++) {
		struct text_layout *l = cache->buckets[i], *next;

		for (; l; l = next) {
			next = l->next;
			layout_free(l);
		}
	}
	free(cache->buckets);
	cache->buckets = NULL;
	cache->n_buckets = 0;
	cache->count = 0;
	cache->texture_bytes = 0;
}

static int by_draw_age(const void *a, const void *b)
{
	const struct text_layout *la = *(const struct text_layout *const *)a;
	const struct text_layout *lb = *(const struct text_layout *const *)b;

	return (la->drawn_at > lb->drawn_at) - (la->drawn_at < lb->drawn_at);
}

enum vv_err layout_cache_shed(struct layout_cache *cache, size_t bytes,
			      unsigned long keep_from)
{
	struct text_layout **old, *l;
	size_t n = 0, i;

	if (cache->texture_bytes <= bytes)
		return VV_OK;
	old = malloc(cache->count * sizeof *old);
	if (!old)
		return VV_ERR_NOMEM;
	for (i = 0; i < cache->n_buckets; i++)
		for (l = cache->buckets[i]; l; l = l->next)
			if (l->rendered && l->drawn_at < keep_from)
				old[n++] = l;
	qsort(old, n, sizeof *old, by_draw_age);
	for (i = 0; i < n && cache->texture_bytes > bytes; i++)
		cache->texture_bytes -= layout_unrender(old[i]);
	free(old);
	return VV_OK;
}
