/* Tests the group screen's legibility rule (player/core/legible.h): the
 * minimum body and caption sizes relative to the screen height, and,
 * measured from rendered pixels of Noto Sans at those sizes, that strokes
 * and capitals subtend enough arc-minutes at 5 m on a 50" 1080p screen. */
#include <stdio.h>
#include <string.h>

#include <SDL2/SDL.h>

#include "player/core/legible.h"
#include "player/text/text.h"
#include "tests/unit/check.h"

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static struct text_engine *engine;

/* Draws `s` at `size` px; *height gets the ink height and *stem the
 * widest run of ink along the middle row of the ink box. */
static void measure(const char *s, int size, int *height, int *stem)
{
	struct text_style st;
	const struct text_layout *l;
	int x, y, top = -1, bottom = -1, row, run = 0, best = 0;

	memset(&st, 0, sizeof st);
	st.size_px = size;
	st.rgba = 0xffffffffu;
	st.lang = "en";
	SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
	SDL_RenderClear(renderer);
	l = text_layout(engine, s, &st);
	if (l)
		text_draw(engine, l, 20, 20);
	SDL_RenderPresent(renderer);
	for (y = 0; y < surface->h; y++) {
		const Uint32 *p = (const Uint32 *)((const Uint8 *)
			surface->pixels + (size_t)y * (size_t)surface->pitch);

		for (x = 0; x < surface->w; x++) {
			if (((p[x] >> 8) & 0xff) >= 128) {
				if (top < 0)
					top = y;
				bottom = y;
			}
		}
	}
	*height = top < 0 ? 0 : bottom - top + 1;
	*stem = 0;
	if (top < 0)
		return;
	row = (top + bottom) / 2;
	{
		const Uint32 *p = (const Uint32 *)((const Uint8 *)
			surface->pixels + (size_t)row * (size_t)surface->pitch);

		/* Half-covered edge pixels count half: ink at >= 50%. */
		for (x = 0; x < surface->w; x++) {
			if (((p[x] >> 8) & 0xff) >= 128) {
				run++;
				if (run > best)
					best = run;
			} else {
				run = 0;
			}
		}
	}
	*stem = best;
}

static void test_fractions(void)
{
	CHECK(LEGIBLE_BODY_MIN >= 0.045 && LEGIBLE_CAPTION_MIN >= 0.035,
	      "minimum sizes: body 4.5%, captions 3.5% of the height");
	CHECK(LEGIBLE_BODY_PREFERRED >= LEGIBLE_BODY_MIN &&
	      LEGIBLE_CAPTION_PREFERRED >= LEGIBLE_CAPTION_MIN &&
	      LEGIBLE_HEADING >= LEGIBLE_BODY_PREFERRED,
	      "preferred sizes are not below the minimum");
	CHECK(legible_px(1080, LEGIBLE_BODY_MIN) == 49 &&
	      legible_px(1080, LEGIBLE_CAPTION_MIN) == 38 &&
	      legible_px(720, LEGIBLE_CAPTION_MIN) == 26,
	      "pixel sizes round up");
	/* 1 arc-minute at 5 m is 1.454 mm. */
	CHECK(legible_arcmin(1.454 * 1080 / 622.6, 1080, 50, 5) > 0.99 &&
	      legible_arcmin(1.454 * 1080 / 622.6, 1080, 50, 5) < 1.01,
	      "arc-minutes on a 50\" screen at 5 m");
}

static void test_rendered(void)
{
	int body = legible_px(1080, LEGIBLE_BODY_MIN);
	int cap = legible_px(1080, LEGIBLE_CAPTION_MIN);
	int h, stem, cap_h, cap_stem;
	char msg[160];

	measure("l", body, &h, &stem);
	measure("H", cap, &cap_h, &cap_stem);
	snprintf(msg, sizeof msg, "measured stem %.3f em of the body size "
		 "(table says %.3f)", (double)stem / body, LEGIBLE_STEM_EM);
	CHECK(stem >= (int)(body * LEGIBLE_STEM_EM * 0.75) &&
	      stem <= (int)(body * LEGIBLE_STEM_EM * 1.35) + 1, msg);
	snprintf(msg, sizeof msg, "body stem %d px = %.2f' >= 1.5' at 5 m",
		 stem, legible_arcmin(stem, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
				      LEGIBLE_ROOM_DISTANCE_M));
	CHECK(legible_arcmin(stem, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
			     LEGIBLE_ROOM_DISTANCE_M) >= 1.5, msg);
	measure("H", body, &h, &stem);
	snprintf(msg, sizeof msg, "body capital %d px = %.1f' >= 13'", h,
		 legible_arcmin(h, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
				LEGIBLE_ROOM_DISTANCE_M));
	CHECK(legible_arcmin(h, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
			     LEGIBLE_ROOM_DISTANCE_M) >= 13, msg);
	snprintf(msg, sizeof msg, "caption capital %d px = %.1f' >= 10' "
		 "(twice a threshold letter)", cap_h,
		 legible_arcmin(cap_h, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
				LEGIBLE_ROOM_DISTANCE_M));
	CHECK(legible_arcmin(cap_h, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
			     LEGIBLE_ROOM_DISTANCE_M) >= 10, msg);
	measure("l", cap, &h, &stem);
	snprintf(msg, sizeof msg, "caption stem %d px = %.2f' >= 1.25'", stem,
		 legible_arcmin(stem, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
				LEGIBLE_ROOM_DISTANCE_M));
	CHECK(legible_arcmin(stem, 1080, LEGIBLE_ROOM_DIAGONAL_IN,
			     LEGIBLE_ROOM_DISTANCE_M) >= 1.25, msg);
	CHECK(legible_stroke_arcmin(body, 1080) >= 1.5 &&
	      legible_cap_arcmin(cap, 1080) >= 10,
	      "the table's proportions agree");
}

int main(void)
{
	test_fractions();
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(0) != 0 ||
	    !(surface = SDL_CreateRGBSurfaceWithFormat(0, 400, 200, 32,
			SDL_PIXELFORMAT_ARGB8888)) ||
	    !(renderer = SDL_CreateSoftwareRenderer(surface)) ||
	    text_engine_new(renderer, NULL, &engine) != VV_OK) {
		CHECK(0, "software renderer and fonts");
		return CHECK_DONE();
	}
	test_rendered();
	text_engine_free(engine);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	SDL_Quit();
	return CHECK_DONE();
}
