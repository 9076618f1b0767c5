/* out: the SDL side of the player's screen: a fullscreen or windowed
 * window, or a headless software renderer drawing into a surface (same
 * pixels, no display), drawing primitives for player/ui, screenshots, and
 * input events translated into plain structs. Only player/out and
 * player/text include SDL headers; everything here is SDL-free to call. */
#ifndef VV_PLAYER_OUT_OUT_H
#define VV_PLAYER_OUT_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

struct out;
struct out_image;

struct out_config {
	int headless;     /* 1: dummy video driver, software renderer into a
	                   * surface, no window */
	int width, height;/* window or surface size; 0: 1920x1080 headless,
	                   * the desktop size fullscreen */
	int fullscreen;   /* 1: fullscreen desktop (ignored headless) */
	const char *title;
	int display;      /* 1 + index of the display to open on (a group
	                   * screen's presenter console); 0: the first */
};

/* Opens the window (or the headless surface) and a renderer. Returns
 * VV_OK and a new out in *out (free with out_free()), or VV_ERR_DISPLAY
 * after a message with SDL's reason. */
enum vv_err out_new(const struct out_config *cfg, struct out **out);

/* Closes everything. NULL is a no-op. Several outs may be open at once
 * (a group screen and its presenter console); SDL is shut down with the
 * last one. */
void out_free(struct out *out);

/* Number of displays SDL sees (1 headless); call after out_new(). */
int out_displays(void);

/* Moves a window (fullscreen stays fullscreen) to display `display`
 * (1 + index); no-op headless. */
void out_move_to_display(struct out *out, int display);

/* Makes a window fill display `display` (1 + index), fullscreen, from
 * fullscreen or windowed; no-op headless. */
void out_fullscreen_on(struct out *out, int display);

/* Makes a window a window of w x h centred on display `display` (1 +
 * index), leaving fullscreen; no-op headless. */
void out_window_on(struct out *out, int display, int w, int h);

/* Makes windows a and b change places: each takes the other's display,
 * position and size, and a fullscreen one stays fullscreen on its new
 * display (a group screen's room and console, swapped as pdfpc does
 * when the projector turned out to be the other output). Their contents
 * stay with them, so a film, taps and cached pictures need no moving.
 * No-op when either is headless. */
void out_swap_places(struct out *a, struct out *b);

/* Where a window is: *display (0-based, -1 headless), *x and *y (its
 * top-left corner on the desktop, 0 headless). */
void out_place(const struct out *out, int *display, int *x, int *y);

/* The SDL_Renderer *, for player/text and player/out/av. */
void *out_renderer(struct out *out);

/* 1 when the SDL_Renderer * draws with OpenGL on the CPU (Mesa's llvmpipe
 * or softpipe: a kiosk without a GPU driver, a virtual machine, Xvfb).
 * out_new() does not keep such a renderer unless SDL_RENDER_DRIVER asks
 * for it. Asked of the GL context the renderer made current. */
int out_renderer_software_gl(void *renderer);

/* Drawable size in pixels. */
void out_size(const struct out *out, int *w, int *h);

/* Pixels for `mm` millimetres on this display, from SDL_GetDisplayDPI;
 * headless (or when the display does not say) 96 dpi is assumed, which is
 * what a 1920x1080 23" kiosk screen has. Never less than 1. */
int out_mm(const struct out *out, double mm);

/* 1 when headless. */
int out_headless(const struct out *out);

/* ---- Drawing; colours are 0xRRGGBBAA; alpha blends ---- */

void out_clear(struct out *out, uint32_t rgba);
void out_fill_rect(struct out *out, int x, int y, int w, int h,
		   uint32_t rgba);
void out_fill_round_rect(struct out *out, int x, int y, int w, int h,
			 int radius, uint32_t rgba);
void out_fill_circle(struct out *out, float cx, float cy, float r,
		     uint32_t rgba);
/* A ring between radius r - thick and r, from angle a0 to a1 (radians,
 * 0 = right, clockwise on screen). */
void out_stroke_arc(struct out *out, float cx, float cy, float r,
		    float thick, float a0, float a1, uint32_t rgba);
/* A convex polygon of n points (xy pairs), n <= 32. */
void out_fill_polygon(struct out *out, const float *xy, int n,
		      uint32_t rgba);
/* A straight line `thick` pixels wide. */
void out_line(struct out *out, float x0, float y0, float x1, float y1,
	      float thick, uint32_t rgba);

/* Shows the frame (present). Headless this only finishes the drawing. */
void out_present(struct out *out);

/* Writes the last drawn frame to `path` as PNG. Returns VV_OK, or
 * VV_ERR_IO / VV_ERR_DISPLAY after a message. Call before out_present()
 * in windowed mode (the back buffer is undefined after it). */
enum vv_err out_screenshot(struct out *out, const char *path);

/* ---- Images ---- */

/* Makes a texture from `rgba` (w*h*4 bytes, copied). Returns VV_OK and a
 * new image (free with out_image_free()), or VV_ERR_DISPLAY. */
enum vv_err out_image_new(struct out *out, const uint8_t *rgba, int w,
			  int h, struct out_image **img);

/* Decodes a picture (PNG or JPEG, through common/image's format table and
 * the player's pixel cap) and makes a texture of it: what slides and group
 * screens both use. Returns VV_OK and a new image in *img; VV_ERR_FORMAT
 * after a message naming `name` when it cannot be decoded or is over the
 * cap; VV_ERR_NOMEM or VV_ERR_DISPLAY. Borrows `data`. */
enum vv_err out_image_load(struct out *out, const uint8_t *data,
			   size_t size, const char *name,
			   struct out_image **img);
void out_image_free(struct out_image *img);
void out_image_size(const struct out_image *img, int *w, int *h);
/* Draws the image scaled into the rectangle. */
void out_draw_image(struct out *out, const struct out_image *img, int x,
		    int y, int w, int h);

/* ---- Input ---- */

enum out_event_kind {
	OUT_EV_NONE,
	OUT_EV_KEY,     /* key pressed: name (an SDL key name, chosen by
	                 * keys_press_name()) and mods */
	OUT_EV_TAP,     /* touch or click at (x, y) in drawable pixels */
	OUT_EV_CLOSE,   /* the window manager asks to close */
	OUT_EV_EXPOSE,  /* the window needs redrawing (resize, expose) */
	OUT_EV_TEXT,    /* text typed (UTF-8 in text), while text input is
	                 * on: whole characters, from the keyboard or an
	                 * input method */
	OUT_EV_EDIT,    /* an input method's text being composed (text;
	                 * "" when it ended), not typed yet */
	OUT_EV_DISPLAYS,/* a display was plugged in or out (a projector):
	                 * out_displays() says how many there are now */
};

struct out_event {
	enum out_event_kind kind;
	char key[32];
	char text[32];  /* OUT_EV_TEXT, OUT_EV_EDIT: NUL-terminated UTF-8 */
	unsigned mods;  /* KEYS_* bits of player/core/keys.h */
	int x, y;
};

/* Takes the next pending event; returns 1 and fills *ev, or 0 when none.
 * wait_ms > 0 waits that long for one, or until out_wake() (idle frames;
 * headless, only out_wake() ends the wait early). */
int out_poll(struct out *out, struct out_event *ev, int wait_ms);

/* Ends out_poll()'s wait now, or its next one if none is under way: for
 * another thread that has news for the loop (linked rooms' network
 * thread). Thread-safe; out_poll() then returns 0 when no input came. */
void out_wake(struct out *out);

/* Turns text input on (SDL_StartTextInput: OUT_EV_TEXT and OUT_EV_EDIT
 * events come, and an on-screen keyboard or input method may open) or
 * off (the default; keys are only keys). */
void out_text_input(struct out *out, int on);

/* Queues `utf8` as typed text (SDL_TEXTINPUT events of whole characters),
 * as a keyboard would send it: dropped when text input is off. For
 * scripted runs (--script "type"). Returns the bytes queued. */
size_t out_type_text(struct out *out, const char *utf8);

#endif
