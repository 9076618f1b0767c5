/* transcode: re-encodes a film that is above the kiosk profile to fit it:
 * the first video stream decoded, scaled down (libswscale) to fit the
 * profile's frame, frames dropped down to its rate, and encoded with
 * libx264 (High profile, 8-bit 4:2:0); every audio stream, with its
 * language and disposition, copied as it is when the player plays it,
 * else re-encoded to Opus (builder/transcode_audio). The output is
 * Matroska, which takes every audio codec the player plays. */
#ifndef VV_BUILDER_TRANSCODE_H
#define VV_BUILDER_TRANSCODE_H

#include "builder/media_profile.h"
#include "common/err.h"

/* Called now and then with the fraction done (0 to 1) of `src`. */
typedef void (*transcode_progress_fn)(const char *src, double done,
				      void *user);

/* Writes to `dst` (created or truncated) `src` re-encoded to `profile`.
 * With `picture_fits` (the video is within the profile and only the sound
 * is unplayable), an upright progressive picture is copied as it is and
 * only the sound re-encoded; `*copied` (when not NULL) says whether it
 * was. `progress` may be NULL. On failure prints one line naming `src` (or
 * `dst` for a write error), removes dst, and returns VV_ERR_MEDIA,
 * VV_ERR_IO or VV_ERR_NOMEM. Borrows everything. */
enum vv_err transcode_to_profile(const char *src, const char *dst,
				 const struct media_profile *profile,
				 int picture_fits, int *copied,
				 transcode_progress_fn progress, void *user);

/* The frame size that fits `w` x `h` into the profile's frame (either
 * way round, so a portrait film fits a portrait screen), keeping the
 * aspect, never enlarging, with even sides. */
void transcode_fit(int w, int h, const struct media_profile *profile,
		   int *out_w, int *out_h);

#endif
