/* draw: what the screens of player/ui share: the frame state (struct ui),
 * the colours, and text and button helpers that take a style and a
 * rectangle. Knows no screen. Not for use outside player/ui. */
#ifndef VV_PLAYER_UI_DRAW_H
#define VV_PLAYER_UI_DRAW_H

#include <stdint.h>

#include "common/syncstatus.h"
#include "player/core/nav.h"
#include "player/out/icon.h"
#include "player/out/out.h"
#include "player/text/text.h"

struct bundle_item;
struct jsonlog;
struct library;
struct trust;

#define UI_MAX_TARGETS 64
#define UI_MAX_INVITES 24

/* What a box of the last frame holds (ui_boxes()). */
enum ui_box_kind {
	UI_BOX_TEXT,     /* a block of text: the part its lines cover */
	UI_BOX_BUTTON,   /* a touch control */
	UI_BOX_PICTURE,  /* a picture, a film, or its placeholder */
	UI_BOX_ICON,     /* a pictogram or a bar that is not a control */
};

#define UI_MAX_BOXES 96

struct ui_box {
	enum ui_box_kind kind;
	int x, y, w, h;
	int rtl;              /* text: laid out right to left */
	int cut;              /* text: cut with an ellipsis */
	int broken;           /* text: words broken inside, with a hyphen */
	int size;             /* text: font size laid out at, px */
	const char *lang;     /* text: code it was laid out in, or NULL */
	char text[48];        /* text: its start, cut at a character */
};

/* Colours: dark blue ground, white text, warm yellow for actions. High
 * contrast for old screens in bright waiting rooms. */
#define UI_BG 0x10263fffu
#define UI_PANEL 0x1f4a78ffu
#define UI_PANEL_HI 0x2d6aa8ffu
#define UI_TEXT 0xffffffffu
#define UI_DIM 0xb8c7d9ffu
#define UI_ACCENT 0xf5c342ffu
#define UI_WARN 0xf08a4bffu

/* A rectangle in screen pixels. */
struct draw_rect {
	int x, y, w, h;
};

/* How a piece of text looks. Fields an initializer leaves out are 0:
 * regular weight, aligned at the reading start, direction detected, no
 * line limit, tags drawn as they are. */
struct draw_style {
	int size;               /* font pixel height (at least 4 is used) */
	uint32_t rgba;
	int bold;
	enum text_align align;  /* within the rectangle's width */
	const char *lang;       /* NULL: direction detected from the text */
	int max_lines;          /* 0: unlimited; past it an ellipsis */
	int markup;             /* 1: <b> drawn bold, <i> dropped */
	int min_size;           /* with max_lines: shrink down to this size
	                         * before cutting with an ellipsis; 0: no */
	int personal;           /* 1: the text may hold personal data (a
	                         * typed question): its box (ui_boxes(), the
	                         * log) keeps no text */
};

struct ui_target {
	struct draw_rect r;
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
	const char *site_missing, *site_path; /* ui_config's */
	const char *trust_dir;                /* ui_config's */
	size_t trust_keys;
	const struct trust *records;          /* ui_config's */
	int watched;                          /* ui_set_watched() */
	int not_answering;                    /* ui_set_not_answering() */
	/* ui_set_video()'s hooks (player/ui/ui.h). */
	int (*video_fn)(void *user, const struct bundle_item *item, int x,
			int y, int w, int h, int band);
	int (*video_band_fn)(void *user, const struct bundle_item *item);
	double (*video_aspect_fn)(void *user, const struct bundle_item *item);
	void *video_user;
	int w, h;              /* screen size this frame */
	int unit;              /* 1% of the screen height, or less on a
	                        * narrow (portrait) screen */
	int min_target;        /* 9 mm in pixels */
	struct ui_target targets[UI_MAX_TARGETS];
	int n_targets;
	int missing;           /* glyphs missing this frame */
	int broken;            /* words broken inside (too wide for their
	                        * box) in the texts laid out this frame,
	                        * measured or drawn: a screen that picks a
	                        * size compares it before and after */
	struct ui_invite invites[UI_MAX_INVITES];
	int n_invites;
	/* The current item's picture. */
	const struct bundle_item *image_item;
	struct out_image *image;
	int image_failed;
	int operator_on;       /* the staff's overlay (ui_set_operator) */
	/* veiviser-sync's status for the overlay (ui_set_sync_status()):
	 * sync_known 0 until set; sync_err VV_OK when `sync` was read. */
	int sync_known;
	enum vv_err sync_err;
	struct sync_status sync;
	char sync_path[1024];
	const char *staff_lang;  /* its language (ui_config's, or nb) */
	double wake;           /* ui_next_change(); HUGE_VAL: none */
	struct ui_box boxes[UI_MAX_BOXES];  /* what this frame drew */
	int n_boxes;
};

/* Frames per second of the attract screen's animation: a kiosk shows it
 * all day, so it moves gently rather than at the display's rate. */
#define UI_ATTRACT_FPS 4

/* Starts a frame on ui's screen: takes its size, sets the unit (1% of
 * the height) and the 9 mm touch size, and forgets the last frame's
 * targets and missing glyphs. Draws nothing. */
void draw_begin(struct ui *ui);

/* Says that what this frame draws changes by itself at clock time `t`
 * (an animation step, a countdown tick); the earliest such time of the
 * frame wins (draw_begin() forgets them). A screen whose picture depends
 * on the time calls it, or it is not redrawn until something else
 * changes. */
void draw_wake_at(struct ui *ui, double t);

/* Lays out and draws `s` in the style with its top-left corner at (r.x,
 * r.y), wrapped to r.w (0: one line, r.x its left edge); r.h is not
 * used. Returns the block's height; 0 without a text engine or for an
 * empty or NULL `s`. */
int draw_text(struct ui *ui, const char *s, const struct draw_style *st,
	      struct draw_rect r);

/* Measures like draw_text() with wrap width `max_w`, without drawing:
 * *w and *h get the block's size (0 x 0 when nothing would be drawn). */
void draw_text_size(struct ui *ui, const char *s,
		    const struct draw_style *st, int max_w, int *w, int *h);

/* Picks a text size among n steps, from the largest (step 0) down:
 * fits(user, step) measures the text at that step (draw_text_size(),
 * which counts broken words in ui->broken) and returns 1 when it fits
 * its room. Returns the first step that fits with the fewest words
 * broken inside, so text shrinks before a word is broken, but not for a
 * word that breaks at every size; -1 when no step fits. */
int draw_pick_step(struct ui *ui, int n, int (*fits)(void *user, int step),
		   void *user);

/* Splits `s` into pages that each fit `room` px high, wrapped to max_w
 * in st (its max_lines and min_size are not used): a page ends before a
 * word where one fits, else between characters (at least one). ends[p]
 * gets the byte offset in s where page p ends and page p + 1 starts
 * (page 0 starts at 0; the spaces that start a page are not its text).
 * The last page ends at strlen(s); at `cap` pages, the last one holds the
 * rest whether it fits or not. Returns the page count, 0 for NULL or an
 * empty s, -1 when memory runs out. */
int draw_split_pages(struct ui *ui, const char *s,
		     const struct draw_style *st, int max_w, int room,
		     size_t *ends, int cap);

/* Draws `s` as one line centred on cx, its top at y; st's align and
 * max_lines are not used. */
void draw_text_centered(struct ui *ui, const char *s,
			const struct draw_style *st, int cx, int y);

/* Notes a box of `kind` drawn this frame, for ui_boxes(). Past
 * UI_MAX_BOXES it is dropped. */
void draw_note_box(struct ui *ui, enum ui_box_kind kind, struct draw_rect r);

/* Draws a pictogram centred on (cx, cy) in a size x size square (as
 * icon_draw()) and notes its box. */
void draw_icon(struct ui *ui, enum icon icon, float cx, float cy, float size,
	       uint32_t fg, uint32_t bg);

/* Adds a touch target for the next frame's ui_hit(); past
 * UI_MAX_TARGETS it is dropped. */
void draw_target(struct ui *ui, struct draw_rect r, enum nav_input in,
		 long arg);

/* A round-cornered button filling r with an icon (fg on bg) in its
 * middle, registered as a target. */
void draw_icon_button(struct ui *ui, struct draw_rect r, enum icon icon,
		      uint32_t fg, uint32_t bg, enum nav_input in, long arg);

#endif
