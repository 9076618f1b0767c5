/* font: the per-script font table of the text module (Noto Sans, Noto
 * Naskh Arabic UI, Noto Sans Ethiopic, and Noto Nastaliq Urdu for the
 * languages that ask for it), with per-character fallback and
 * fonts opened once per (face, size, bold). */
#ifndef VV_PLAYER_TEXT_FONT_H
#define VV_PLAYER_TEXT_FONT_H

#include <stdint.h>

#include <SDL2/SDL_ttf.h>

#include "common/err.h"

enum font_face {
	FONT_FACE_NONE = -1,   /* no face has the glyph */
	FONT_FACE_SANS = 0,    /* Latin, Cyrillic, Greek; the last resort */
	FONT_FACE_NASKH,       /* Arabic script */
	FONT_FACE_ETHIOPIC,    /* Ethiopic script */
	FONT_FACE_NASTALIQ,    /* Arabic script, for Urdu */
	FONT_FACE_COUNT,
};

struct font_set;

/* Reads and opens the regular font files under font_dir (NULL: the
 * Debian Noto directory). A missing or unreadable file is logged with
 * vv_error and its face is left out. Bold files are only checked to exist
 * here and read on first use; a missing or damaged one is logged and the
 * regular weight stands in.
 * Returns VV_OK, VV_ERR_FONT when Noto Sans Regular cannot be opened (the
 * one font nothing can replace), or VV_ERR_NOMEM. Requires TTF_Init().
 * Free with font_set_free(). */
enum vv_err font_set_new(const char *font_dir, struct font_set **out);
void font_set_free(struct font_set *set);

/* Returns 1 when `face` loaded, else 0. */
int font_set_has_face(const struct font_set *set, enum font_face face);

/* Returns 1 when `face` loaded and has a glyph for `cp`, else 0. */
int font_set_provides(struct font_set *set, enum font_face face,
		      uint32_t cp);

/* Returns `face` at `size_px`, bold or not, opened on first use and kept
 * until font_set_free() (the set owns it). Returns NULL when the face did
 * not load or the file cannot be opened at that size (logged once). */
TTF_Font *font_set_get(struct font_set *set, enum font_face face,
		       int size_px, int bold);

/* Returns how many pixels above the font's baseline the face's letters
 * rest at `size_px` (Noto Naskh draws Arabic 0.13 em up, Noto Sans and
 * Ethiopic 0), measured on a letter that sits on the line; 0 when the
 * face did not load. Runs of different faces are shifted by the
 * difference so they share one visual baseline. */
int font_set_baseline_rise(struct font_set *set, enum font_face face,
			   int size_px, int bold);

/* Returns the face a character's script asks for, or FONT_FACE_NONE for
 * characters of no particular script (spaces, digits, punctuation, marks),
 * which take the face of their neighbours. */
enum font_face font_face_of_char(uint32_t cp);

/* Returns the ISO 15924 code of `cp`'s script ("Arab", "Ethi", "Latn",
 * "Cyrl", "Grek"), or NULL for characters common to all scripts. */
const char *font_script_of_char(uint32_t cp);

/* Returns the face for an ISO 15924 script code (NULL or unknown: Sans). */
enum font_face font_face_for_script(const char *script);

/* Returns the face of a font family of the language table ("Noto
 * Nastaliq Urdu"), or else the face for `script`. */
enum font_face font_face_for_family(const char *family, const char *script);

/* Returns the face's default ISO 15924 script, and a name for logs. */
const char *font_face_script(enum font_face face);
const char *font_face_name(enum font_face face);

#endif
