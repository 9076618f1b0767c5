/* icon: vector pictograms. Coordinates are in a unit box (-0.5 .. 0.5)
 * scaled by `size`. */
#include "player/out/icon.h"

#include <math.h>

#define PI_F 3.14159265f

struct pen {
	struct out *out;
	float cx, cy, s;
	uint32_t c;
};

static float X(const struct pen *p, float u)
{
	return p->cx + u * p->s;
}

static float Y(const struct pen *p, float v)
{
	return p->cy + v * p->s;
}

static void poly(const struct pen *p, const float *uv, int n, uint32_t c)
{
	float xy[64];
	int i;

	for (i = 0; i < n && i < 32; i++) {
		xy[2 * i] = X(p, uv[2 * i]);
		xy[2 * i + 1] = Y(p, uv[2 * i + 1]);
	}
	out_fill_polygon(p->out, xy, n, c);
}

static void rect(const struct pen *p, float u0, float v0, float u1, float v1,
		 uint32_t c)
{
	float q[8] = { u0, v0, u1, v0, u1, v1, u0, v1 };

	poly(p, q, 4, c);
}

static void circle(const struct pen *p, float u, float v, float r,
		   uint32_t c)
{
	out_fill_circle(p->out, X(p, u), Y(p, v), r * p->s, c);
}

static void arc(const struct pen *p, float u, float v, float r, float t,
		float a0, float a1, uint32_t c)
{
	out_stroke_arc(p->out, X(p, u), Y(p, v), r * p->s, t * p->s, a0, a1,
		       c);
}

static void line(const struct pen *p, float u0, float v0, float u1,
		 float v1, float t, uint32_t c)
{
	out_line(p->out, X(p, u0), Y(p, v0), X(p, u1), Y(p, v1), t * p->s, c);
}

static void arrow(const struct pen *p, float dir)
{
	/* Shaft and head pointing right; dir -1 mirrors. */
	float head[6] = { 0.42f * dir, 0, 0.02f * dir, -0.36f,
			  0.02f * dir, 0.36f };

	rect(p, -0.40f * dir, -0.11f, 0.05f * dir, 0.11f, p->c);
	poly(p, head, 3, p->c);
}

static void steps(const struct pen *p, int filled, uint32_t bg)
{
	int i;

	for (i = 0; i < 3; i++) {
		float u0 = -0.42f + 0.29f * (float)i;
		float top = 0.30f - 0.20f * (float)i;
		uint32_t c = i < filled ? p->c : (p->c & 0xffffff00u) | 0x40;

		rect(p, u0, top, u0 + 0.25f, 0.42f, c);
	}
	/* A small person standing on the highest filled step. */
	if (filled > 0) {
		float u = -0.42f + 0.29f * (float)(filled - 1) + 0.125f;
		float top = 0.30f - 0.20f * (float)(filled - 1);

		circle(p, u, top - 0.27f, 0.055f, p->c);
		rect(p, u - 0.045f, top - 0.2f, u + 0.045f, top - 0.02f,
		     p->c);
	}
	(void)bg;
}

void icon_draw(struct out *out, enum icon icon, float cx, float cy,
	       float size, uint32_t rgba, uint32_t bg)
{
	struct pen p = { out, cx, cy, size, rgba };

	switch (icon) {
	case ICON_ARROW_RIGHT:
		arrow(&p, 1);
		break;
	case ICON_ARROW_LEFT:
		arrow(&p, -1);
		break;
	case ICON_PLAY: {
		float t[6] = { -0.28f, -0.38f, 0.38f, 0, -0.28f, 0.38f };

		poly(&p, t, 3, rgba);
		break;
	}
	case ICON_PAUSE:
		rect(&p, -0.30f, -0.36f, -0.08f, 0.36f, rgba);
		rect(&p, 0.08f, -0.36f, 0.30f, 0.36f, rgba);
		break;
	case ICON_REPLAY: {
		/* Three quarters of a circle and an arrowhead at its end. */
		float head[6] = { -0.02f, -0.52f, -0.02f, -0.12f, 0.22f,
				  -0.32f };

		arc(&p, 0, 0, 0.38f, 0.12f, -0.5f * PI_F, 1.05f * PI_F, rgba);
		head[0] = -0.08f;
		head[2] = -0.08f;
		poly(&p, head, 3, rgba);
		break;
	}
	case ICON_HOME: {
		float roof[6] = { -0.46f, -0.02f, 0, -0.42f, 0.46f, -0.02f };

		poly(&p, roof, 3, rgba);
		rect(&p, -0.32f, -0.04f, 0.32f, 0.40f, rgba);
		rect(&p, -0.08f, 0.14f, 0.08f, 0.40f, bg);
		break;
	}
	case ICON_TOUCH:
		/* Ripples around a fingertip, and the finger. */
		arc(&p, -0.05f, -0.22f, 0.26f, 0.05f, 0, 2 * PI_F,
		    (rgba & 0xffffff00u) | 0x60);
		arc(&p, -0.05f, -0.22f, 0.16f, 0.05f, 0, 2 * PI_F,
		    (rgba & 0xffffff00u) | 0xa0);
		circle(&p, -0.05f, -0.22f, 0.07f, rgba);
		rect(&p, -0.12f, -0.22f, 0.02f, 0.20f, rgba);
		{
			float palm[12] = { -0.12f, 0.0f, 0.30f, 0.0f, 0.30f,
					   0.30f, 0.18f, 0.46f, -0.06f, 0.46f,
					   -0.20f, 0.24f };

			poly(&p, palm, 6, rgba);
		}
		line(&p, 0.08f, 0.0f, 0.08f, 0.12f, 0.03f, bg);
		line(&p, 0.19f, 0.0f, 0.19f, 0.12f, 0.03f, bg);
		break;
	case ICON_HOURGLASS: {
		float top[6] = { -0.28f, -0.40f, 0.28f, -0.40f, 0, 0 };
		float bot[6] = { 0, 0, 0.28f, 0.40f, -0.28f, 0.40f };

		poly(&p, top, 3, rgba);
		poly(&p, bot, 3, rgba);
		rect(&p, -0.34f, -0.46f, 0.34f, -0.40f, rgba);
		rect(&p, -0.34f, 0.40f, 0.34f, 0.46f, rgba);
		break;
	}
	case ICON_SPEAKER: {
		float cone[8] = { -0.12f, -0.14f, 0.10f, -0.36f, 0.10f, 0.36f,
				  -0.12f, 0.14f };

		rect(&p, -0.38f, -0.14f, -0.12f, 0.14f, rgba);
		poly(&p, cone, 4, rgba);
		arc(&p, 0.10f, 0, 0.20f, 0.06f, -0.3f * PI_F, 0.3f * PI_F,
		    rgba);
		arc(&p, 0.10f, 0, 0.34f, 0.06f, -0.3f * PI_F, 0.3f * PI_F,
		    rgba);
		break;
	}
	case ICON_WARNING: {
		float tri[6] = { 0, -0.44f, 0.48f, 0.40f, -0.48f, 0.40f };

		poly(&p, tri, 3, rgba);
		rect(&p, -0.04f, -0.16f, 0.04f, 0.16f, bg);
		circle(&p, 0, 0.27f, 0.05f, bg);
		break;
	}
	case ICON_GLOBE: {
		int i;

		arc(&p, 0, 0, 0.44f, 0.06f, 0, 2 * PI_F, rgba);
		line(&p, -0.42f, 0, 0.42f, 0, 0.05f, rgba);
		line(&p, 0, -0.42f, 0, 0.42f, 0.05f, rgba);
		line(&p, -0.36f, -0.21f, 0.36f, -0.21f, 0.04f, rgba);
		line(&p, -0.36f, 0.21f, 0.36f, 0.21f, 0.04f, rgba);
		/* A meridian: an ellipse of short straight pieces. */
		for (i = 0; i < 24; i++) {
			float a0 = 2 * PI_F * (float)i / 24;
			float a1 = 2 * PI_F * (float)(i + 1) / 24;

			line(&p, 0.2f * cosf(a0), 0.41f * sinf(a0),
			     0.2f * cosf(a1), 0.41f * sinf(a1), 0.05f, rgba);
		}
		break;
	}
	case ICON_VIDEO: {
		float t[6] = { -0.12f, -0.18f, 0.22f, 0, -0.12f, 0.18f };

		out_fill_round_rect(out, (int)X(&p, -0.46f), (int)Y(&p, -0.32f),
				    (int)(0.92f * size), (int)(0.64f * size),
				    (int)(0.08f * size), rgba);
		poly(&p, t, 3, bg);
		break;
	}
	case ICON_LEVEL_1:
		steps(&p, 1, bg);
		break;
	case ICON_LEVEL_2:
		steps(&p, 2, bg);
		break;
	case ICON_LEVEL_3:
		steps(&p, 3, bg);
		break;
	case ICON_LEVEL_OTHER:
		steps(&p, 0, bg);
		break;
	case ICON_QUESTION: {
		float tail[6] = { -0.20f, 0.20f, -0.02f, 0.20f, -0.30f,
				  0.44f };

		out_fill_round_rect(out, (int)X(&p, -0.46f), (int)Y(&p, -0.42f),
				    (int)(0.92f * size), (int)(0.66f * size),
				    (int)(0.16f * size), rgba);
		poly(&p, tail, 3, rgba);
		arc(&p, 0, -0.17f, 0.14f, 0.06f, -PI_F, 0.5f * PI_F, bg);
		rect(&p, -0.03f, -0.04f, 0.03f, 0.06f, bg);
		circle(&p, 0, 0.13f, 0.04f, bg);
		break;
	}
	}
}
