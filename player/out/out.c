/* out: SDL window / headless surface, primitives, screenshots, input. */
#include "player/out/out.h"

#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_syswm.h>

#include "common/i18n.h"
#include "player/core/keys.h"
#include "common/image.h"

struct out {
	SDL_Window *window;
	SDL_Surface *surface;   /* headless target */
	SDL_Renderer *renderer;
	int headless;
	int w, h;               /* drawable size */
	int win_w, win_h;       /* window size in SDL's coordinates */
	float dpi;
	int wake_fd[2];         /* headless: out_wake() writes, out_poll()
	                         * waits; -1 when none */
};

/* Open outs: SDL_Quit() only when the last one closes. */
static int out_open_count;

struct out_image {
	SDL_Texture *texture;
	int w, h;
};

static void update_size(struct out *out)
{
	if (out->headless)
		return;
	SDL_GetRendererOutputSize(out->renderer, &out->w, &out->h);
	SDL_GetWindowSize(out->window, &out->win_w, &out->win_h);
}

int out_renderer_software_gl(void *renderer)
{
	SDL_RendererInfo info;
	const unsigned char *(*get_string)(unsigned int) = NULL;
	const char *name;

	if (!renderer || SDL_GetRendererInfo(renderer, &info) != 0 ||
	    !info.name || strncmp(info.name, "opengl", 6) != 0)
		return 0;
	*(void **)&get_string = SDL_GL_GetProcAddress("glGetString");
	if (!get_string)
		return 0;
	name = (const char *)get_string(0x1F01 /* GL_RENDERER */);
	return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe") ||
			strstr(name, "Software Rasterizer"));
}

/* 1 when the window is on an X server that offers no direct rendering
 * (neither DRI3 nor DRI2: Xvfb, Xorg on fbdev or vesa, a VM without 3D):
 * OpenGL there would run on the CPU. */
static int x11_without_dri(SDL_Window *window)
{
#ifdef SDL_VIDEO_DRIVER_X11
	SDL_SysWMinfo wm;
	int op, ev, err;

	SDL_VERSION(&wm.version);
	if (!SDL_GetWindowWMInfo(window, &wm) || wm.subsystem != SDL_SYSWM_X11)
		return 0;
	return !XQueryExtension(wm.info.x11.display, "DRI3", &op, &ev, &err) &&
	       !XQueryExtension(wm.info.x11.display, "DRI2", &op, &ev, &err);
#else
	(void)window;
	return 0;
#endif
}

/* SDL's software renderer on the window's native framebuffer (MIT-SHM on
 * X11), not on a GL texture; NULL (and the hint undone) when it fails. */
static SDL_Renderer *shm_renderer(SDL_Window *window)
{
	SDL_Renderer *r;

	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
	if (!r)
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, NULL);
	return r;
}

/* The window's renderer: the GPU's, with vsync; else SDL's software
 * renderer. OpenGL that runs on the CPU is not kept: every frame it
 * converts and blends the YUV picture and the whole window in a shader,
 * then reads the result back for the X server, where the software
 * renderer blits pictures that libswscale converted once and hands the
 * window to the X server through shared memory (MIT-SHM), as mpv's x11
 * output does. For a film that is under half the CPU and memory. The
 * window framebuffer must then be SDL's native one, not a GL texture
 * (which SDL picks for a Mesa that calls itself accelerated).
 * SDL_RENDER_DRIVER, when set, is the user's choice and kept. */
static SDL_Renderer *window_renderer(SDL_Window *window)
{
	const char *asked = SDL_getenv("SDL_RENDER_DRIVER");
	int free_choice = !asked || !*asked;
	SDL_Renderer *r;

	/* Known before any GL loads: Mesa's llvmpipe alone would add ~70 MB
	 * (LLVM) to the kiosk's memory. */
	if (free_choice && x11_without_dri(window) &&
	    (r = shm_renderer(window)))
		return r;
	r = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
	if (r && free_choice && out_renderer_software_gl(r)) {
		SDL_Renderer *soft;

		SDL_DestroyRenderer(r);
		if ((soft = shm_renderer(window)))
			return soft;
		r = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
	}
	if (!r)
		r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
	return r;
}

enum vv_err out_new(const struct out_config *cfg, struct out **outp)
{
	struct out *out = calloc(1, sizeof *out);
	float ddpi = 0, hdpi = 0, vdpi = 0;

	*outp = NULL;
	if (!out)
		return VV_ERR_NOMEM;
	out->headless = cfg->headless;
	out->dpi = 96;
	out->wake_fd[0] = out->wake_fd[1] = -1;
	/* headless there is no event queue to wait on: a pipe stands in */
	if (cfg->headless && pipe2(out->wake_fd, O_NONBLOCK | O_CLOEXEC) != 0)
		out->wake_fd[0] = out->wake_fd[1] = -1;
	if (cfg->headless) {
		/* No display, no audio device: the dummy driver needs none,
		 * and the software renderer gives the same pixels as on a
		 * kiosk with no GPU. */
		SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
		SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
	}
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		vv_error(NULL, 0, _("cannot start the display: %s; run with "
			 "--headless when there is no screen"), SDL_GetError());
		free(out);
		return VV_ERR_DISPLAY;
	}
	if (cfg->headless) {
		out->w = cfg->width > 0 ? cfg->width : 1920;
		out->h = cfg->height > 0 ? cfg->height : 1080;
		out->win_w = out->w;
		out->win_h = out->h;
		out->surface = SDL_CreateRGBSurfaceWithFormat(0, out->w, out->h,
				32, SDL_PIXELFORMAT_ARGB8888);
		if (out->surface)
			out->renderer =
				SDL_CreateSoftwareRenderer(out->surface);
	} else {
		Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
		int w = cfg->width > 0 ? cfg->width : 1280;
		int h = cfg->height > 0 ? cfg->height : 720;

		if (cfg->fullscreen) {
			SDL_DisplayMode mode;

			/* Created at the desktop size, the window needs no
			 * resize when it goes full screen; without a window
			 * manager (a bare X kiosk) that resize can leave the
			 * GL drawable and the window out of step. */
			flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
			if (SDL_GetDesktopDisplayMode(cfg->display > 0 ?
					cfg->display - 1 : 0, &mode) == 0 &&
			    mode.w > 0 && mode.h > 0) {
				w = mode.w;
				h = mode.h;
			}
		}
		SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
		out->window = SDL_CreateWindow(cfg->title ? cfg->title :
				"Veiviser",
				SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display > 0 ?
					cfg->display - 1 : 0),
				SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display > 0 ?
					cfg->display - 1 : 0), w, h, flags);
		if (out->window) {
			out->renderer = window_renderer(out->window);
			if (cfg->fullscreen)
				SDL_ShowCursor(SDL_DISABLE);
		}
		if (SDL_GetDisplayDPI(0, &ddpi, &hdpi, &vdpi) == 0 &&
		    vdpi > 50 && vdpi < 1000)
			out->dpi = vdpi;
	}
	if (!out->renderer) {
		vv_error(NULL, 0, _("cannot open a window or renderer: %s; "
			 "run with --headless when there is no screen"),
			 SDL_GetError());
		out_free(out);
		return VV_ERR_DISPLAY;
	}
	SDL_SetRenderDrawBlendMode(out->renderer, SDL_BLENDMODE_BLEND);
	update_size(out);
	/* SDL starts with text input on where there is a keyboard: off
	 * until a text entry opens, so keys are only keys */
	if (out_open_count == 0)
		SDL_StopTextInput();
	out_open_count++;
	*outp = out;
	return VV_OK;
}

void out_free(struct out *out)
{
	if (!out)
		return;
	if (out->wake_fd[0] >= 0) {
		close(out->wake_fd[0]);
		close(out->wake_fd[1]);
	}
	if (out->renderer)
		SDL_DestroyRenderer(out->renderer);
	if (out->surface)
		SDL_FreeSurface(out->surface);
	if (out->window)
		SDL_DestroyWindow(out->window);
	if (out->renderer)
		out_open_count--;  /* counted only once open */
	if (out_open_count > 0)
		SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
	else
		SDL_Quit();
	free(out);
}

int out_displays(void)
{
	int n = SDL_GetNumVideoDisplays();

	return n > 0 ? n : 1;
}

/* Puts a fullscreen window (fs: its fullscreen flag) on display `index`
 * (0-based), filling it; a windowed one (fs 0) only centred there. */
static void place_on_display(struct out *out, int index, Uint32 fs)
{
	int pos = (int)SDL_WINDOWPOS_CENTERED_DISPLAY(index);
	SDL_Rect r;

	/* A fullscreen window moves only when windowed for a moment. */
	if (SDL_GetWindowFlags(out->window) & SDL_WINDOW_FULLSCREEN_DESKTOP)
		SDL_SetWindowFullscreen(out->window, 0);
	if (fs && SDL_GetDisplayBounds(index, &r) == 0) {
		/* Made as large as the new display and put over it while
		 * windowed: without a window manager (a bare X session)
		 * going fullscreen resizes nothing, and the window kept
		 * the first display's size, a box on a black projector. */
		SDL_SetWindowSize(out->window, r.w, r.h);
		SDL_SetWindowPosition(out->window, r.x, r.y);
	} else {
		SDL_SetWindowPosition(out->window, pos, pos);
	}
	if (fs)
		SDL_SetWindowFullscreen(out->window, fs);
	update_size(out);
}

void out_move_to_display(struct out *out, int display)
{
	if (!out->window)
		return;
	place_on_display(out, display > 0 ? display - 1 : 0,
			 SDL_GetWindowFlags(out->window) &
			 SDL_WINDOW_FULLSCREEN_DESKTOP);
}

void out_fullscreen_on(struct out *out, int display)
{
	if (!out->window)
		return;
	place_on_display(out, display > 0 ? display - 1 : 0,
			 SDL_WINDOW_FULLSCREEN_DESKTOP);
}

void out_window_on(struct out *out, int display, int w, int h)
{
	if (!out->window)
		return;
	if (SDL_GetWindowFlags(out->window) & SDL_WINDOW_FULLSCREEN_DESKTOP)
		SDL_SetWindowFullscreen(out->window, 0);
	SDL_SetWindowSize(out->window, w, h);
	place_on_display(out, display > 0 ? display - 1 : 0, 0);
}

void out_swap_places(struct out *a, struct out *b)
{
	Uint32 afs, bfs;
	int ax, ay, aw, ah, bx, by, bw, bh;

	if (!a->window || !b->window)
		return;
	/* Fullscreen windows move and resize only when windowed. */
	afs = SDL_GetWindowFlags(a->window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
	bfs = SDL_GetWindowFlags(b->window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
	if (afs)
		SDL_SetWindowFullscreen(a->window, 0);
	if (bfs)
		SDL_SetWindowFullscreen(b->window, 0);
	SDL_GetWindowPosition(a->window, &ax, &ay);
	SDL_GetWindowSize(a->window, &aw, &ah);
	SDL_GetWindowPosition(b->window, &bx, &by);
	SDL_GetWindowSize(b->window, &bw, &bh);
	SDL_SetWindowSize(a->window, bw, bh);
	SDL_SetWindowPosition(a->window, bx, by);
	SDL_SetWindowSize(b->window, aw, ah);
	SDL_SetWindowPosition(b->window, ax, ay);
	if (bfs)
		SDL_SetWindowFullscreen(a->window, bfs);
	if (afs)
		SDL_SetWindowFullscreen(b->window, afs);
	update_size(a);
	update_size(b);
}

void out_place(const struct out *out, int *display, int *x, int *y)
{
	*display = -1;
	*x = *y = 0;
	if (!out->window)
		return;
	*display = SDL_GetWindowDisplayIndex(out->window);
	SDL_GetWindowPosition(out->window, x, y);
}

void *out_renderer(struct out *out)
{
	return out->renderer;
}

void out_size(const struct out *out, int *w, int *h)
{
	*w = out->w;
	*h = out->h;
}

int out_mm(const struct out *out, double mm)
{
	int px = (int)lround(mm / 25.4 * out->dpi);

	return px < 1 ? 1 : px;
}

int out_headless(const struct out *out)
{
	return out->headless;
}

static SDL_Color color(uint32_t rgba)
{
	SDL_Color c = { (Uint8)(rgba >> 24), (Uint8)(rgba >> 16),
			(Uint8)(rgba >> 8), (Uint8)rgba };
	return c;
}

static void set_color(struct out *out, uint32_t rgba)
{
	SDL_Color c = color(rgba);

	SDL_SetRenderDrawColor(out->renderer, c.r, c.g, c.b, c.a);
}

void out_clear(struct out *out, uint32_t rgba)
{
	update_size(out);
	set_color(out, rgba);
	SDL_SetRenderDrawBlendMode(out->renderer, SDL_BLENDMODE_NONE);
	SDL_RenderClear(out->renderer);
	SDL_SetRenderDrawBlendMode(out->renderer, SDL_BLENDMODE_BLEND);
}

/* Fills rectangles in one colour. An opaque colour is copied rather than
 * blended: the same pixels, but SDL's software renderer blends every pixel
 * of a fill even at full alpha, at several times the cost. The renderer
 * is left blending, as the rest of player/out expects. */
static void fill_rects(struct out *out, const SDL_Rect *r, int n,
		       uint32_t rgba)
{
	int opaque = (rgba & 0xff) == 0xff;

	set_color(out, rgba);
	SDL_SetRenderDrawBlendMode(out->renderer, opaque ?
				   SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_RenderFillRects(out->renderer, r, n);
	if (opaque)
		SDL_SetRenderDrawBlendMode(out->renderer, SDL_BLENDMODE_BLEND);
}

void out_fill_rect(struct out *out, int x, int y, int w, int h,
		   uint32_t rgba)
{
	SDL_Rect r = { x, y, w, h };

	if (w <= 0 || h <= 0)
		return;
	fill_rects(out, &r, 1, rgba);
}

void out_fill_polygon(struct out *out, const float *xy, int n,
		      uint32_t rgba)
{
	SDL_Vertex v[32];
	int idx[3 * 30];
	SDL_Color c = color(rgba);
	int i;

	if (n < 3 || n > 32)
		return;
	for (i = 0; i < n; i++) {
		v[i].position.x = xy[2 * i];
		v[i].position.y = xy[2 * i + 1];
		v[i].color = c;
		v[i].tex_coord.x = v[i].tex_coord.y = 0;
	}
	for (i = 0; i < n - 2; i++) {
		idx[3 * i] = 0;
		idx[3 * i + 1] = i + 1;
		idx[3 * i + 2] = i + 2;
	}
	SDL_RenderGeometry(out->renderer, NULL, v, n, idx, 3 * (n - 2));
}

/* Segments for a circle of radius r: smooth enough, never too many. */
static int segments(float r)
{
	int n = (int)(r * 0.8f) + 12;

	return n > 96 ? 96 : n;
}

/* Horizontal runs of pixels, filled in batches. Rectangles are what SDL's
 * software renderer fills fastest: a triangle fan cost it ~1.5 ms for a
 * 300-pixel disc, most of the attract screen's frame on a kiosk without a
 * GPU (issue 10.8), and the four corner fans of a rounded button most of
 * a slide's controls. */
struct runs {
	struct out *out;
	uint32_t rgba;
	int n;
	SDL_Rect rows[256];
};

static void runs_begin(struct runs *rs, struct out *out, uint32_t rgba)
{
	rs->out = out;
	rs->rgba = rgba;
	rs->n = 0;
}

static void runs_flush(struct runs *rs)
{
	if (rs->n)
		fill_rects(rs->out, rs->rows, rs->n, rs->rgba);
	rs->n = 0;
}

static void runs_add(struct runs *rs, int x0, int x1, int y)
{
	if (x1 <= x0)
		return;
	rs->rows[rs->n++] = (SDL_Rect){ x0, y, x1 - x0, 1 };
	if (rs->n == (int)(sizeof rs->rows / sizeof rs->rows[0]))
		runs_flush(rs);
}

/* Half the width, at row y, of a circle of radius r centred at cy, taken
 * at the row's middle; negative when the row misses the circle. */
static float half_width(float cy, float r, int y)
{
	float dy = (float)y + 0.5f - cy;

	return dy * dy >= r * r ? -1.0f : sqrtf(r * r - dy * dy);
}

/* A filled disc, as one run per row, each from the circle's edge at the
 * row's middle. The runs never overlap, so a translucent colour blends
 * once everywhere. */
void out_fill_circle(struct out *out, float cx, float cy, float r,
		     uint32_t rgba)
{
	struct runs rs;
	int y, y1;

	if (!(r > 0))
		return;
	runs_begin(&rs, out, rgba);
	y1 = (int)ceilf(cy + r);
	for (y = (int)floorf(cy - r); y < y1; y++) {
		float half = half_width(cy, r, y);

		if (half >= 0)
			runs_add(&rs, (int)lroundf(cx - half),
				 (int)lroundf(cx + half), y);
	}
	runs_flush(&rs);
}

void out_stroke_arc(struct out *out, float cx, float cy, float r,
		    float thick, float a0, float a1, uint32_t rgba)
{
	SDL_Vertex v[2 * 98];
	int idx[6 * 97];
	SDL_Color c = color(rgba);
	int n = segments(r), i;
	float ri = r - thick;

	if (r <= 0 || thick <= 0)
		return;
	n = (int)(n * fabsf(a1 - a0) / (2 * (float)M_PI)) + 2;
	if (n > 96)
		n = 96;
	for (i = 0; i <= n; i++) {
		float a = a0 + (a1 - a0) * (float)i / (float)n;

		v[2 * i].position.x = cx + r * cosf(a);
		v[2 * i].position.y = cy + r * sinf(a);
		v[2 * i + 1].position.x = cx + ri * cosf(a);
		v[2 * i + 1].position.y = cy + ri * sinf(a);
		v[2 * i].color = v[2 * i + 1].color = c;
		v[2 * i].tex_coord.x = v[2 * i].tex_coord.y = 0;
		v[2 * i + 1].tex_coord = v[2 * i].tex_coord;
	}
	for (i = 0; i < n; i++) {
		idx[6 * i] = 2 * i;
		idx[6 * i + 1] = 2 * i + 1;
		idx[6 * i + 2] = 2 * i + 2;
		idx[6 * i + 3] = 2 * i + 1;
		idx[6 * i + 4] = 2 * i + 3;
		idx[6 * i + 5] = 2 * i + 2;
	}
	SDL_RenderGeometry(out->renderer, NULL, v, 2 * (n + 1), idx, 6 * n);
}

void out_line(struct out *out, float x0, float y0, float x1, float y1,
	      float thick, uint32_t rgba)
{
	float dx = x1 - x0, dy = y1 - y0;
	float len = sqrtf(dx * dx + dy * dy);
	float nx, ny, q[8];

	if (len <= 0)
		return;
	nx = -dy / len * thick / 2;
	ny = dx / len * thick / 2;
	q[0] = x0 + nx; q[1] = y0 + ny;
	q[2] = x1 + nx; q[3] = y1 + ny;
	q[4] = x1 - nx; q[5] = y1 - ny;
	q[6] = x0 - nx; q[7] = y0 - ny;
	out_fill_polygon(out, q, 4, rgba);
}

/* The rows in the corners' bands as runs between the two corner arcs,
 * and the band between them as one rectangle: nothing is drawn twice, so
 * alpha stays even. */
void out_fill_round_rect(struct out *out, int x, int y, int w, int h,
			 int radius, uint32_t rgba)
{
	struct runs rs;
	float r, top, bottom, left, right;
	int i;

	if (w <= 0 || h <= 0)
		return;
	if (radius * 2 > w)
		radius = w / 2;
	if (radius * 2 > h)
		radius = h / 2;
	if (radius <= 1) {
		out_fill_rect(out, x, y, w, h, rgba);
		return;
	}
	r = (float)radius;
	top = (float)y + r;
	bottom = (float)(y + h) - r;
	left = (float)x + r;
	right = (float)(x + w) - r;
	runs_begin(&rs, out, rgba);
	for (i = 0; i < radius; i++) {
		float ht = half_width(top, r, y + i);
		float hb = half_width(bottom, r, y + h - 1 - i);

		if (ht >= 0)
			runs_add(&rs, (int)lroundf(left - ht),
				 (int)lroundf(right + ht), y + i);
		if (hb >= 0)
			runs_add(&rs, (int)lroundf(left - hb),
				 (int)lroundf(right + hb), y + h - 1 - i);
	}
	runs_flush(&rs);
	out_fill_rect(out, x, y + radius, w, h - 2 * radius, rgba);
}

void out_present(struct out *out)
{
	SDL_RenderPresent(out->renderer);
}

enum vv_err out_screenshot(struct out *out, const char *path)
{
	uint8_t *px = malloc((size_t)out->w * out->h * 4);
	enum vv_err err;

	if (!px)
		return VV_ERR_NOMEM;
	if (SDL_RenderReadPixels(out->renderer, NULL, SDL_PIXELFORMAT_RGBA32,
				 px, out->w * 4) != 0) {
		vv_error(path, 0, _("cannot read the screen for a "
			 "screenshot: %s"), SDL_GetError());
		free(px);
		return VV_ERR_DISPLAY;
	}
	err = image_write_png(path, px, out->w, out->h, (size_t)out->w * 4, 0);
	free(px);
	return err;
}

enum vv_err out_image_new(struct out *out, const uint8_t *rgba, int w,
			  int h, struct out_image **imgp)
{
	struct out_image *img = calloc(1, sizeof *img);

	*imgp = NULL;
	if (!img)
		return VV_ERR_NOMEM;
	img->texture = SDL_CreateTexture(out->renderer, SDL_PIXELFORMAT_RGBA32,
					 SDL_TEXTUREACCESS_STATIC, w, h);
	if (!img->texture ||
	    SDL_UpdateTexture(img->texture, NULL, rgba, w * 4) != 0) {
		vv_error(NULL, 0, _("cannot make a texture of %dx%d pixels: "
			 "%s"), w, h, SDL_GetError());
		if (img->texture)
			SDL_DestroyTexture(img->texture);
		free(img);
		return VV_ERR_DISPLAY;
	}
	SDL_SetTextureBlendMode(img->texture, SDL_BLENDMODE_BLEND);
	SDL_SetTextureScaleMode(img->texture, SDL_ScaleModeLinear);
	img->w = w;
	img->h = h;
	*imgp = img;
	return VV_OK;
}

enum vv_err out_image_load(struct out *out, const uint8_t *data,
			   size_t size, const char *name,
			   struct out_image **img)
{
	uint8_t *rgba;
	int w, h;
	*img = NULL;
	enum vv_err err = image_decode(data, size, name,
				       IMAGE_PLAYER_MAX_PIXELS, &rgba, &w, &h);
	if (err != VV_OK)
		return err;
	err = out_image_new(out, rgba, w, h, img);
	free(rgba);
	return err;
}

void out_image_free(struct out_image *img)
{
	if (!img)
		return;
	SDL_DestroyTexture(img->texture);
	free(img);
}

void out_image_size(const struct out_image *img, int *w, int *h)
{
	*w = img->w;
	*h = img->h;
}

void out_draw_image(struct out *out, const struct out_image *img, int x,
		    int y, int w, int h)
{
	SDL_Rect r = { x, y, w, h };

	SDL_RenderCopy(out->renderer, img->texture, NULL, &r);
}

static unsigned mods_of(Uint16 m)
{
	unsigned mods = 0;

	if (m & KMOD_CTRL)
		mods |= KEYS_CTRL;
	if (m & KMOD_ALT)
		mods |= KEYS_ALT;
	if (m & KMOD_SHIFT)
		mods |= KEYS_SHIFT;
	if (m & KMOD_GUI)
		mods |= KEYS_GUI;
	return mods;
}

/* The name a key press goes by (keys_press_name()): what the key types
 * in the active layout, or where it is on the keyboard when the layout
 * types no Latin letters. The layout is read at each press: SDL follows
 * a layout switched while the player runs. */
static void key_name(const SDL_Keysym *k, char *name, size_t size)
{
	long letters[26];
	int i;

	for (i = 0; i < 26; i++)
		letters[i] = SDL_GetKeyFromScancode(
			(SDL_Scancode)(SDL_SCANCODE_A + i));
	snprintf(name, size, "%s",
		 keys_press_name(SDL_GetKeyName(k->sym),
				 SDL_GetScancodeName(k->scancode),
				 keys_layout_latin(letters)));
}

/* Window coordinates to drawable pixels (they differ on HiDPI). */
static void to_pixels(const struct out *out, int *x, int *y)
{
	if (out->win_w > 0 && out->win_h > 0) {
		*x = (int)((long)*x * out->w / out->win_w);
		*y = (int)((long)*y * out->h / out->win_h);
	}
}

void out_wake(struct out *out)
{
	if (out->headless) {
		/* full pipe: a wake-up is pending already */
		if (out->wake_fd[1] >= 0 && write(out->wake_fd[1], "w", 1) < 0)
			return;
	} else {
		SDL_Event e;

		memset(&e, 0, sizeof e);
		e.type = SDL_USEREVENT;
		SDL_PushEvent(&e);
	}
}

/* Headless: sleeps up to wait_ms or until out_wake(), then empties the
 * pipe. */
static void headless_wait(struct out *out, int wait_ms)
{
	struct pollfd pfd;
	char buf[64];

	if (out->wake_fd[0] < 0) {
		SDL_Delay((Uint32)wait_ms);
		return;
	}
	pfd.fd = out->wake_fd[0];
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, wait_ms) > 0)
		while (read(out->wake_fd[0], buf, sizeof buf) > 0)
			;
}

int out_poll(struct out *out, struct out_event *ev, int wait_ms)
{
	SDL_Event e;

	memset(ev, 0, sizeof *ev);
	if (out->headless && wait_ms > 0) {
		headless_wait(out, wait_ms);
		wait_ms = 0;
	}
	while (wait_ms > 0 ? SDL_WaitEventTimeout(&e, wait_ms) :
			     SDL_PollEvent(&e)) {
		wait_ms = 0;
		switch (e.type) {
		case SDL_QUIT:
			ev->kind = OUT_EV_CLOSE;
			return 1;
		case SDL_KEYDOWN:
			if (e.key.repeat)
				break;
			ev->kind = OUT_EV_KEY;
			key_name(&e.key.keysym, ev->key, sizeof ev->key);
			ev->mods = mods_of(e.key.keysym.mod);
			return 1;
		case SDL_MOUSEBUTTONDOWN:
			if (e.button.which == SDL_TOUCH_MOUSEID)
				break;  /* the finger event says it too */
			ev->kind = OUT_EV_TAP;
			ev->x = e.button.x;
			ev->y = e.button.y;
			update_size(out);
			to_pixels(out, &ev->x, &ev->y);
			return 1;
		case SDL_FINGERDOWN:
			update_size(out);
			ev->kind = OUT_EV_TAP;
			ev->x = (int)(e.tfinger.x * (float)out->w);
			ev->y = (int)(e.tfinger.y * (float)out->h);
			return 1;
		case SDL_WINDOWEVENT:
			update_size(out);
			ev->kind = OUT_EV_EXPOSE;
			/* SDL sends SDL_QUIT only when the last window
			 * closes: with a console window beside the room's,
			 * the close button of either one is this. */
			if (e.window.event == SDL_WINDOWEVENT_CLOSE)
				ev->kind = OUT_EV_CLOSE;
			return 1;
		case SDL_DISPLAYEVENT:
			if (e.display.event != SDL_DISPLAYEVENT_CONNECTED &&
			    e.display.event != SDL_DISPLAYEVENT_DISCONNECTED)
				break;
			ev->kind = OUT_EV_DISPLAYS;
			return 1;
		case SDL_TEXTINPUT:
			ev->kind = OUT_EV_TEXT;
			snprintf(ev->text, sizeof ev->text, "%s", e.text.text);
			return 1;
		case SDL_TEXTEDITING:
			ev->kind = OUT_EV_EDIT;
			snprintf(ev->text, sizeof ev->text, "%s", e.edit.text);
			return 1;
		default:
			break;
		}
	}
	return 0;
}

void out_text_input(struct out *out, int on)
{
	(void)out;
	if (on && !SDL_IsTextInputActive())
		SDL_StartTextInput();
	else if (!on && SDL_IsTextInputActive())
		SDL_StopTextInput();
}

size_t out_type_text(struct out *out, const char *utf8)
{
	size_t n = strlen(utf8), i = 0, done = 0;

	(void)out;
	if (!SDL_IsTextInputActive())
		return 0;
	while (i < n) {
		SDL_Event e;
		size_t k = 0;

		/* whole characters, as many as fit in one event */
		while (i + k < n) {
			size_t c = 1;
			unsigned char b = (unsigned char)utf8[i + k];

			if (b >= 0xf0)
				c = 4;
			else if (b >= 0xe0)
				c = 3;
			else if (b >= 0xc0)
				c = 2;
			if (i + k + c > n ||
			    k + c >= sizeof e.text.text)
				break;
			k += c;
		}
		if (k == 0)
			break;
		memset(&e, 0, sizeof e);
		e.type = SDL_TEXTINPUT;
		e.text.timestamp = SDL_GetTicks();
		memcpy(e.text.text, utf8 + i, k);
		e.text.text[k] = '\0';
		if (SDL_PushEvent(&e) != 1)
			break;
		i += k;
		done += k;
	}
	return done;
}
