/* picture: slide pictures at build time, through the player's own decoder
 * (common/image): a picture that builds is one the kiosk shows, and one
 * larger than the largest screen it is shown on is scaled down here
 * (libswscale, area averaging), not on every kiosk at every showing. */
#ifndef VV_BUILDER_PICTURE_H
#define VV_BUILDER_PICTURE_H

#include "common/err.h"

/* The largest screen when the pack names none (its screen-size). */
#define PICTURE_SCREEN_DEFAULT "3840x2160"

/* Parses a screen size "WxH". Returns VV_OK, or VV_ERR_USAGE (no message)
 * when it is not one, or when a picture that large could not be shown by
 * the player (over common/image's side or pixel caps). */
enum vv_err picture_screen_parse(const char *text, int *w, int *h);

/* Decodes the picture at `path` completely with common/image, within the
 * builder's cap (a picture may be larger than the player's cap, since it
 * is scaled down). Sets its size. Returns VV_OK; VV_ERR_MEDIA after one
 * line naming the file and saying what to do (damaged, cut, over the
 * cap); VV_ERR_IO or VV_ERR_NOMEM. */
enum vv_err picture_validate(const char *path, int *w, int *h);

/* Returns 1 when a w x h picture fits a screen of screen_w x screen_h in
 * its own orientation (a portrait picture on a portrait screen). */
int picture_fits(int w, int h, int screen_w, int screen_h);

/* Returns in *out_path (caller frees) the picture to put in a bundle for
 * `src` on screens up to screen_w x screen_h: `src` itself when it fits,
 * else a copy scaled down to fit (same format; JPEG at quality 90), made
 * once and kept in `cache_dir`. Sets the size of the returned picture.
 * Returns VV_OK, or an error after one line naming `src`. Thread-safe:
 * concurrent calls for the same picture wait for one scaling. */
enum vv_err picture_for_screen(const char *src, int screen_w, int screen_h,
			       const char *cache_dir, char **out_path,
			       int *w, int *h);

#endif
