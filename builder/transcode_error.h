/* transcode_error: the one line that builder/transcode and
 * builder/transcode_audio print when libav* fails. */
#ifndef VV_BUILDER_TRANSCODE_ERROR_H
#define VV_BUILDER_TRANSCODE_ERROR_H

/* Prints one line naming `path` for the libav* error `averr` met while
 * `what` (a translated phrase, e.g. "decoding"): a full disk says so,
 * anything else names the error and the ffmpeg command that converts by
 * hand. Borrows everything. */
void transcode_error(const char *path, const char *what, int averr);

#endif
