/* ui_private: what the screens of player/ui share: the ui struct, colours,
 * text and button helpers. Not for use outside player/ui. */
#ifndef VV_PLAYER_UI_PRIVATE_H
#define VV_PLAYER_UI_PRIVATE_H

#include <stdint.h>

#include "player/out/icon.h"
#include "player/text/text.h"
#include "player/ui/ui.h"

#define UI_MAX_TARGETS 64
#define UI_MAX_INVITES 24

/* Colours: dark blue ground, white text, warm yellow for actions. High
 * contrast for old screens in bright waiting rooms. */
#define UI_BG 0x10263fffu
#define UI_PANEL 0x1f4a78ffu
#define UI_PANEL_HI 0x2d6aa8ffu
#define UI_TEXT 0xffffffffu
#define UI_DIM 0xb8c7d9ffu
#define UI_ACCENT 0xf5c342ffu
#define UI_WARN 0xf08a4bffu

struct ui_target {
	int x, y, w, h;
	enum nav_input in;
	long arg;
};

struct ui_invite {
	const char *lang;  /* code, static (language table) */
	char *text;        /* "Touch the screen to start" in that language */
};

struct ui {
	struct out *out;
	struct text_engine *text;
	const struct library *lib;
	struct jsonlog *log;
	const char *library_paths;
	ui_video_fn video_fn;
	void *video_user;
	int w, h;              /* screen size this frame */
	int unit;              /* 1% of the screen height */
	int min_target;        /* 9 mm in pixels */
	struct ui_target targets[UI_MAX_TARGETS];
	int n_targets;
	int missing;           /* glyphs missing this frame */
	struct ui_invite invites[UI_MAX_INVITES];
	int n_invites;
	/* The current item's picture. */
	const struct bundle_item *image_item;
	struct out_image *image;
	int image_failed;
	int operator_on;       /* the staff's overlay (ui_set_operator) */
	int markup;            /* 1 while drawing slide text: <b> is bold */
};

/* Lays out and draws `s` at (x, y) in a box max_w wide (0: one line, at x
 * as the left edge); returns the block height. lang NULL: detect. No-op
 * returning 0 without a text engine. *w_out (may be NULL) gets the width
 * of the widest line. */
int ui_text(struct ui *ui, const char *s, int size, uint32_t rgba, int bold,
	    enum text_align align, const char *lang, int x, int y, int max_w,
	    int max_lines, int *w_out);

/* Measures like ui_text() without drawing. */
void ui_text_size(struct ui *ui, const char *s, int size, int bold,
		  const char *lang, int max_w, int max_lines, int *w, int *h);

/* One line centred on cx. */
void ui_text_centered(struct ui *ui, const char *s, int size, uint32_t rgba,
		      int bold, const char *lang, int cx, int y);

/* Adds a touch target. */
void ui_target(struct ui *ui, int x, int y, int w, int h, enum nav_input in,
	       long arg);

/* A round-cornered button with an icon, registered as a target. */
void ui_icon_button(struct ui *ui, int x, int y, int size, enum icon icon,
		    uint32_t fg, uint32_t bg, enum nav_input in, long arg);

/* The screens. */
void attract_draw(struct ui *ui, double now);
void langpick_draw(struct ui *ui, const struct nav *nav);
void levelpick_draw(struct ui *ui, const struct nav *nav);
void slide_draw(struct ui *ui, const struct nav *nav, double now);
void asking_draw(struct ui *ui, const struct nav *nav, double now);
void operator_draw(struct ui *ui);

#endif
