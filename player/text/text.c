/* text: the engine (fonts and the layout cache) and the public API. */
#include "player/text/text.h"

#include <stdlib.h>
#include <string.h>

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <linebreak.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "player/text/cache.h"
#include "player/text/font.h"
#include "player/text/layout.h"

/* Text textures a kiosk keeps: a few screens' worth. Subtitles make a
 * layout per cue on one screen, with no trim between them, so without a
 * cap a long film would pile up textures. */
#define TEXT_TEXTURE_BUDGET ((size_t)32 << 20)
/* Layouts drawn within this many draws are never shed: more than one
 * frame of the busiest screen, so it is not rendered again every frame. */
#define TEXT_KEEP_DRAWS 256

struct text_engine {
	SDL_Renderer *renderer;
	struct font_set *fonts;
	struct layout_cache cache;
	size_t budget;
	unsigned long draws;
};

enum vv_err text_engine_new(void *sdl_renderer, const char *font_dir,
			    struct text_engine **out)
{
	struct text_engine *e;
	enum vv_err err;

	*out = NULL;
	if (TTF_Init() != 0) {
		vv_error(NULL, 0, _("cannot start the font renderer (%s); "
				    "reinstall libsdl2-ttf-2.0-0"),
			 TTF_GetError());
		return VV_ERR_FONT;
	}
	e = calloc(1, sizeof *e);
	if (!e) {
		TTF_Quit();
		return VV_ERR_NOMEM;
	}
	err = font_set_new(font_dir, &e->fonts);
	if (err != VV_OK) {
		free(e);
		TTF_Quit();
		return err;
	}
	init_linebreak();
	e->renderer = sdl_renderer;
	e->budget = TEXT_TEXTURE_BUDGET;
	*out = e;
	return VV_OK;
}

void text_engine_free(struct text_engine *engine)
{
	if (!engine)
		return;
	layout_cache_clear(&engine->cache);
	font_set_free(engine->fonts);
	free(engine);
	TTF_Quit();
}

const struct text_layout *text_layout(struct text_engine *engine,
				      const char *utf8,
				      const struct text_style *style)
{
	uint32_t hash;
	struct text_layout *l;

	if (!engine || !style)
		return NULL;
	hash = layout_cache_hash(utf8, style);
	l = layout_cache_find(&engine->cache, hash, utf8, style);
	if (!l) {
		if (layout_build(engine->fonts, utf8, style, &l) != VV_OK)
			return NULL;
		l->hash = hash;
		if (layout_cache_add(&engine->cache, l) != VV_OK) {
			layout_free(l);
			return NULL;
		}
	}
	l->used = 1;
	return l;
}

void text_layout_size(const struct text_layout *layout, int *w, int *h)
{
	if (w)
		*w = layout ? layout->w : 0;
	if (h)
		*h = layout ? layout->h : 0;
}

int text_layout_lines(const struct text_layout *layout)
{
	return layout ? layout->n_lines : 0;
}

void text_layout_extent(const struct text_layout *layout, int *x, int *w)
{
	int i, x0 = 0, x1 = 0;

	for (i = 0; layout && i < layout->n_lines; i++) {
		const struct layout_line *ln = &layout->lines[i];

		if (ln->w <= 0)
			continue;
		if (x1 <= x0 || ln->x < x0)
			x0 = ln->x;
		if (ln->x + ln->w > x1)
			x1 = ln->x + ln->w;
	}
	*x = x0;
	*w = x1 > x0 ? x1 - x0 : 0;
}

int text_has_script(const char *utf8, const char *script)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n, k;

	if (!utf8 || !script)
		return 0;
	n = strnlen(utf8, LAYOUT_TEXT_MAX);
	while (n > 0) {
		uint32_t cp;
		const char *sc;

		k = utf8_next(s, n, &cp);
		if (k == 0)
			k = 1;
		sc = font_script_of_char(cp);
		if (sc && strcmp(sc, script) == 0)
			return 1;
		s += k;
		n -= k;
	}
	return 0;
}

int text_layout_cut(const struct text_layout *layout)
{
	return layout ? layout->cut : 0;
}

int text_layout_broken(const struct text_layout *layout)
{
	return layout ? layout->broken : 0;
}

int text_layout_size_px(const struct text_layout *layout)
{
	return layout ? layout->size_px : 0;
}

int text_layout_missing_glyphs(const struct text_layout *layout)
{
	return layout ? layout->missing : 0;
}

void text_draw(struct text_engine *engine, const struct text_layout *layout,
	       int x, int y)
{
	struct text_layout *l;
	int i;

	if (!engine || !layout || !engine->renderer)
		return;
	/* The cache owns the layout (so it is not const to us): marking it
	 * keeps it past a trim, and it is rendered on its first draw. */
	l = (struct text_layout *)layout;
	l->used = 1;
	l->drawn_at = ++engine->draws;
	if (!l->rendered) {
		engine->cache.texture_bytes +=
			layout_render(engine->fonts, engine->renderer, l);
		if (engine->cache.texture_bytes > engine->budget &&
		    engine->draws > TEXT_KEEP_DRAWS)
			layout_cache_shed(&engine->cache,
					  engine->budget / 4 * 3,
					  engine->draws - TEXT_KEEP_DRAWS);
	}
	for (i = 0; i < layout->n_runs; i++) {
		const struct layout_run *r = &layout->runs[i];
		SDL_Rect dst = {
			x + r->x, y + r->y - r->top_growth, r->w, r->h,
		};

		if (r->texture)
			SDL_RenderCopy(engine->renderer, r->texture, NULL,
				       &dst);
	}
}

void text_engine_trim(struct text_engine *engine)
{
	if (engine)
		layout_cache_trim(&engine->cache);
}

int text_engine_cached(const struct text_engine *engine)
{
	return (int)engine->cache.count;
}

size_t text_engine_texture_bytes(const struct text_engine *engine)
{
	return engine->cache.texture_bytes;
}

void text_engine_set_texture_budget(struct text_engine *engine,
				    size_t bytes)
{
	engine->budget = bytes;
}

int text_layout_is_rtl(const struct text_layout *layout)
{
	return layout ? layout->rtl : 0;
}

int text_layout_line_width(const struct text_layout *layout, int line)
{
	if (!layout || line < 0 || line >= layout->n_lines)
		return 0;
	return layout->lines[line].w;
}

int text_layout_runs(const struct text_layout *layout,
		     struct text_run_info *out, int cap)
{
	int i;

	if (!layout)
		return 0;
	for (i = 0; i < layout->n_runs && i < cap; i++) {
		const struct layout_run *r = &layout->runs[i];

		out[i].line = r->line;
		out[i].first = r->first == layout->n_cps ? -1 :
			       r->first == layout->n_cps + 1 ? -2 : r->first;
		out[i].count = r->count;
		out[i].rtl = r->level & 1;
		out[i].x = r->x;
		out[i].y = r->y - r->top_growth;
		out[i].w = r->w;
		out[i].h = r->h;
		out[i].font = font_face_name(r->face);
		out[i].script = r->script;
		out[i].bold = r->bold;
	}
	return layout->n_runs;
}

int text_layout_visual_map(const struct text_layout *layout, int line,
			   int *logical, int cap)
{
	const struct layout_line *ln;
	int i, k, n = 0;

	if (!layout || line < 0 || line >= layout->n_lines)
		return -1;
	ln = &layout->lines[line];
	for (i = 0; i < ln->n_runs; i++) {
		const struct layout_run *r = &layout->runs[ln->first_run + i];

		for (k = 0; k < r->count; k++, n++) {
			int idx = (r->level & 1) ? r->first + r->count - 1 - k
						 : r->first + k;

			if (n < cap)
				logical[n] = r->first == layout->n_cps ? -1 :
					     r->first == layout->n_cps + 1 ? -2 :
					     idx;
		}
	}
	return n;
}
