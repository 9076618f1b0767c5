/* subtitle: reads source-language subtitles (WebVTT or SRT) into pack cues,
 * and writes translated cues back out as WebVTT for bundles. */
#ifndef VV_BUILDER_SUBTITLE_H
#define VV_BUILDER_SUBTITLE_H

#include <stddef.h>

#include "builder/pack_text.h"
#include "common/err.h"

/* Caps on untrusted subtitle files. */
#define SUBTITLE_MAX_BYTES (8u << 20)
#define SUBTITLE_MAX_CUES 20000
#define SUBTITLE_CUE_BUDGET 84
/* Cap on a rendered WebVTT document: every cue translated at four
 * times the length of the largest source file. */
#define SUBTITLE_MAX_RENDER (4 * (size_t)SUBTITLE_MAX_BYTES)

/* Parses the subtitle file at `path` (WebVTT when it starts with "WEBVTT",
 * else SRT; UTF-8, or UTF-16 with a byte order mark). Each cue becomes a
 * pack_cue whose text is whitespace-normalised (lines joined with a
 * space, except that a line starting a speaker's turn, "- " or "– ",
 * starts a new line after a '\n'; <b>/<i> kept, other tags dropped,
 * entities resolved), with ctxt "<item_id>/cue@HH:MM:SS.mmm", `file` set
 * to `label` (borrowed, e.g. "media/film.nb.vtt"; must outlive the cues),
 * line the cue's first text line and the cue length budget. Returns VV_OK
 * with a new array in *cues and its length in *n (free with
 * subtitle_cues_free()). On failure prints one line "PATH:LINE: ..." and
 * returns VV_ERR_FORMAT, VV_ERR_IO or VV_ERR_NOMEM; *cues is then NULL. */
enum vv_err subtitle_load(const char *path, const char *label,
			  const char *item_id, struct pack_cue **cues,
			  size_t *n);

/* Frees n cues and the array. NULL is a no-op. */
void subtitle_cues_free(struct pack_cue *cues, size_t n);

/* Renders cues as a WebVTT document. texts[i] is the text to show for
 * cues[i] (a translation); when texts is NULL or texts[i] is NULL the
 * cue's source text is used. Each line of a text ('\n': a speaker's
 * turn) is a line of the cue, trimmed; empty lines are left out. Returns VV_OK and a new NUL-terminated
 * buffer in *out (caller frees) with its length in *len, or
 * VV_ERR_NOMEM (also past SUBTITLE_MAX_RENDER bytes). */
enum vv_err subtitle_vtt_render(const struct pack_cue *cues, size_t n,
				const char *const *texts, char **out,
				size_t *len);

/* Like subtitle_vtt_render(), but writes the document to `path`. Returns
 * VV_OK, or VV_ERR_IO after one line naming the file. */
enum vv_err subtitle_vtt_write(const char *path, const struct pack_cue *cues,
			       size_t n, const char *const *texts);

#endif
