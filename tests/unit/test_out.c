/* The drawing primitives of player/out on the headless software renderer:
 * the shapes are where they should be, and a translucent colour blends
 * once everywhere inside them (no pixel drawn twice, none missed). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>

#include "player/out/out.h"
#include "tests/unit/check.h"

enum { W = 240, H = 160 };

static Uint32 px[W * H];

/* Reads the screen as 0xRRGGBB per pixel. */
static void grab(struct out *out)
{
	SDL_RenderReadPixels(out_renderer(out), NULL, SDL_PIXELFORMAT_RGB888,
			     px, W * 4);
}

static unsigned red(int x, int y)
{
	return (px[y * W + x] >> 16) & 0xff;
}

/* Pixels by their red level: none (black), once (the colour blended over
 * black once) or other (blended twice, or a stray level). */
struct census {
	long none, once, other;
};

static struct census census(void)
{
	struct census c = { 0, 0, 0 };
	int i;

	for (i = 0; i < W * H; i++) {
		unsigned r = (px[i] >> 16) & 0xff;

		if (r == 0)
			c.none++;
		else if (r >= 126 && r <= 130)
			c.once++;
		else
			c.other++;
	}
	return c;
}

static void test_round_rect(struct out *out)
{
	const int x = 20, y = 30, w = 180, h = 100, rad = 24;
	double want = (double)w * h - (4.0 - M_PI) * rad * rad;
	struct census c;
	int mirrored = 1, i, j;

	out_clear(out, 0x000000ff);
	/* White at half alpha: once over black is ~128, twice ~192. */
	out_fill_round_rect(out, x, y, w, h, rad, 0xffffff80);
	grab(out);
	c = census();
	CHECK(c.other == 0, "round rect: every pixel blended at most once");
	CHECK(fabs((double)c.once - want) < want * 0.01,
	      "round rect: its area is the rectangle less the four corners");
	CHECK(red(x + w / 2, y + h / 2) >= 126, "round rect: the middle is "
	      "filled");
	CHECK(red(x + w / 2, y) >= 126 && red(x + w / 2, y + h - 1) >= 126,
	      "round rect: the top and bottom rows are filled between the "
	      "corners");
	CHECK(red(x, y + h / 2) >= 126 && red(x + w - 1, y + h / 2) >= 126,
	      "round rect: the side columns are filled between the corners");
	CHECK(red(x, y) == 0 && red(x + w - 1, y) == 0 &&
	      red(x, y + h - 1) == 0 && red(x + w - 1, y + h - 1) == 0,
	      "round rect: the corner pixels are cut off");
	CHECK(red(x - 1, y + h / 2) == 0 && red(x + w, y + h / 2) == 0 &&
	      red(x + w / 2, y - 1) == 0 && red(x + w / 2, y + h) == 0,
	      "round rect: nothing outside its box");
	for (j = y; j < y + h; j++)
		for (i = x; i < x + w; i++)
			if ((red(i, j) == 0) != (red(2 * x + w - 1 - i, j) == 0) ||
			    (red(i, j) == 0) != (red(i, 2 * y + h - 1 - j) == 0))
				mirrored = 0;
	CHECK(mirrored, "round rect: symmetric left to right and top to "
	      "bottom");

	/* A radius over half the height makes a pill, still blended once. */
	out_clear(out, 0x000000ff);
	out_fill_round_rect(out, x, y, w, 40, 60, 0xffffff80);
	grab(out);
	c = census();
	CHECK(c.other == 0 && c.once > 0, "pill: every pixel blended at most "
	      "once");
	CHECK(red(x + w / 2, y) >= 126 && red(x, y) == 0 &&
	      red(x, y + 20) >= 126, "pill: round ends, flat top");
}

static void test_circle(struct out *out)
{
	const float cx = 120, cy = 80, r = 50;
	double want = M_PI * r * r;
	struct census c;

	out_clear(out, 0x000000ff);
	out_fill_circle(out, cx, cy, r, 0xffffff80);
	grab(out);
	c = census();
	CHECK(c.other == 0, "circle: every pixel blended at most once");
	CHECK(fabs((double)c.once - want) < want * 0.01,
	      "circle: its area is pi r squared");
	CHECK(red(120, 80) >= 126 && red(120, 31) >= 126 && red(120, 28) == 0,
	      "circle: centre and top edge in place");
}

/* An opaque fill replaces what was under it, exactly; and the renderer
 * still blends what is drawn after it. */
static void test_opaque_then_translucent(struct out *out)
{
	const float tri[] = { 20, 150, 120, 20, 220, 150 };
	struct census c;

	out_clear(out, 0x000000ff);
	out_fill_rect(out, 0, 0, W, H, 0x404040ff);
	out_fill_round_rect(out, 10, 10, 100, 60, 12, 0x123456ff);
	grab(out);
	CHECK(px[40 * W + 60] == 0x123456 && px[10 * W + 60] == 0x123456,
	      "opaque round rect: its exact colour inside");
	CHECK(px[10 * W + 10] == 0x404040, "opaque round rect: the "
	      "background stays in the cut corner");

	out_clear(out, 0x000000ff);
	out_fill_rect(out, 0, 0, 10, 10, 0xffffffff);
	out_fill_polygon(out, tri, 3, 0xffffff80);
	out_fill_rect(out, 0, 100, W, 20, 0xffffff80);
	grab(out);
	c = census();
	CHECK(red(120, 60) >= 126 && red(120, 60) <= 130,
	      "a translucent triangle after an opaque fill is blended");
	CHECK(red(5, 110) >= 126 && red(5, 110) <= 130 &&
	      red(120, 110) >= 180 && red(120, 110) <= 200,
	      "a translucent fill after an opaque one is blended, over the "
	      "triangle too");
	CHECK(c.once > 0, "translucent shapes drawn");
}

int main(void)
{
	struct out_config cfg = { .headless = 1, .width = W, .height = H };
	struct out *out = NULL;

	if (out_new(&cfg, &out) != VV_OK) {
		printf("FAIL out_new: no headless renderer\n");
		return 1;
	}
	test_round_rect(out);
	test_circle(out);
	test_opaque_then_translucent(out);
	out_free(out);
	return CHECK_DONE();
}
