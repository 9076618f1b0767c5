/* ui: the player's screens (attract, language and level pickers, the
 * sequence of slides and videos, the idle question, the operator screen),
 * drawn through player/out and player/text from the state in player/core's
 * nav. Sizes are fractions of the screen height; right-to-left languages
 * get a mirrored layout. No SDL here. */
#ifndef VV_PLAYER_UI_UI_H
#define VV_PLAYER_UI_UI_H

#include "common/err.h"
#include "player/core/jsonlog.h"
#include "player/core/library.h"
#include "player/core/nav.h"
#include "player/out/out.h"

struct text_engine;
struct trust;
struct ui;


struct ui_config {
	struct out *out;
	struct text_engine *text;   /* NULL: no fonts; icons only */
	const struct library *lib;
	struct jsonlog *log;        /* may be NULL */
	const char *library_paths;  /* what the operator screen names */
	const char *staff_lang;     /* the operator screen's language;
	                             * NULL: nb */
	/* Placeholders the site file has no value for ("centre_phone,
	 * meeting_place"), and that file; "" or NULL when none. */
	const char *site_missing, *site_path;
	/* The folder of trusted signing keys and how many it holds; 0:
	 * bundles are not checked for origin. */
	const char *trust_dir;
	size_t trust_keys;
	/* The records of verified bundles (player/core/trust.h), read at
	 * each draw: the operator screen says when their folder cannot be
	 * written. NULL: none. */
	const struct trust *records;
};

/* Whether the player watches its folders (a kiosk): then an empty one's
 * operator screen says that new bundles show by themselves; otherwise
 * (a group screen, or a folder that could not be watched) that the
 * player must be restarted. Off until set. */
void ui_set_watched(struct ui *ui, int watched);

/* Whether the library's folder is not answering (a network share that
 * stopped: work on it has waited for seconds): the operator screen says
 * so. Off until set. */
void ui_set_not_answering(struct ui *ui, int on);

/* Hook for video items (player/out/av): called to draw the current
 * video item into the rectangle, and its subtitles into the band `band`
 * px high under it (0: over the picture, as on a landscape screen).
 * Returns 2 when it drew a picture and subtitles in the band, 1 when it
 * drew a picture and left the band alone (no subtitles shown), 0 to let
 * the ui show its placeholder (title and video icon). */
typedef int (*ui_video_fn)(void *user, const struct bundle_item *item,
			   int x, int y, int w, int h, int band);

/* Hook beside ui_video_fn, asked before it draws: returns 1 when `item`
 * is the playing video and its subtitles show, so that they would fill
 * a band under it, else 0. A portrait layout places the film by it. */
typedef int (*ui_video_band_fn)(void *user, const struct bundle_item *item);

/* Hook beside ui_video_fn: returns the width over the height at which
 * `item` shows (its pixels' aspect and its rotation applied) when it is
 * the playing video and that is known, else 0. A portrait layout gives
 * a film narrower than 16:9 a box of its own shape by it. */
typedef double (*ui_video_aspect_fn)(void *user,
				     const struct bundle_item *item);

/* Returns VV_OK and a new ui (free with ui_free()), or VV_ERR_NOMEM.
 * Borrows everything in cfg. Call after uilang_init(): it collects the
 * attract screen's invitation in each language of the library. */
enum vv_err ui_new(const struct ui_config *cfg, struct ui **out);

/* NULL is a no-op. */
void ui_free(struct ui *ui);

/* Draws from `lib` (borrowed) instead of the library of ui_config from
 * now on, after the player rescanned its folders; collects the attract
 * screen's invitations again. Returns VV_OK (a failed copy of an
 * invitation leaves it out). */
enum vv_err ui_set_library(struct ui *ui, const struct library *lib);

/* The sync status for the staff overlay: `st` (copied; NULL: none was
 * read) from `path` (copied; the file the overlay names), and `err`, why
 * it could not be read (VV_ERR_NOTFOUND: there is none). */
struct sync_status;
void ui_set_sync_status(struct ui *ui, const char *path,
			const struct sync_status *st, enum vv_err err);

/* Sets the video hooks (fn NULL: placeholders; band NULL: no band;
 * aspect NULL: every film in a 16:9 box). */
void ui_set_video(struct ui *ui, ui_video_fn fn, ui_video_band_fn band,
		  ui_video_aspect_fn aspect, void *user);

/* Draws the whole frame for the nav state at clock time `now` (the caller
 * presents it). Rebuilds the touch targets. */
void ui_draw(struct ui *ui, const struct nav *nav, double now);

/* The clock time at which the frame ui_draw() drew last would look
 * different by itself (the attract screen's next animation step, the
 * countdown's next tick), or HUGE_VAL when it stays the same until the
 * state or the input changes. The main loop sleeps until then. */
double ui_next_change(const struct ui *ui);

/* Maps a tap at (x, y) to an input through the targets of the last
 * frame. Returns 1 with *in and *arg set, or 0 when nothing was hit. */
int ui_hit(const struct ui *ui, int x, int y, enum nav_input *in,
	   long *arg);

/* Call when the screen or item changed: frees the old item's image and
 * trims the text cache. */
void ui_changed(struct ui *ui);

/* Shows (1) or hides (0) the operator screen over whatever the kiosk
 * shows, for the staff: what is loaded and what was skipped. While it is
 * up, ui_hit() finds nothing. */
void ui_set_operator(struct ui *ui, int on);
int ui_operator(const struct ui *ui);

/* The smaller side, in pixels, of the smallest touch target in the last
 * frame, or 0 when it had none. */
int ui_min_target(const struct ui *ui);

/* Writes one `event` event ("box" for the room's screen) per box of the
 * last frame (texts, controls, pictures, icons; at most 96, in drawing
 * order) to `log` (kind, x, y, w, h; for text also rtl, cut, size, lang
 * and the text's start), for tests that check that nothing overlaps.
 * NULL log: no-op. */
void ui_log_boxes(const struct ui *ui, struct jsonlog *log, double t,
		  const char *event);

/* Characters drawn without a glyph in the last frame (0 is right). */
int ui_missing_glyphs(const struct ui *ui);

/* Centre of the first target for `in` (and arg) in the last frame, for
 * tests and benchmarks that need to tap a control; returns 0 when there
 * is none. */
int ui_target_center(const struct ui *ui, enum nav_input in, long arg,
		     int *x, int *y);

#endif
