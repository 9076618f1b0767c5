/* lang: the table of languages Veiviser knows: BCP 47 code, endonym,
 * ISO 15924 script, direction and the font family the player uses. */
#ifndef VV_COMMON_LANG_H
#define VV_COMMON_LANG_H

#include <stddef.h>

enum vv_dir {
	VV_DIR_LTR = 0,
	VV_DIR_RTL = 1,
};

struct vv_lang {
	const char *code;         /* BCP 47, e.g. "prs", "kmr", "ckb" */
	const char *endonym;      /* the language's own name, in its script */
	const char *english;      /* English name, for reports and logs */
	const char *script;       /* ISO 15924, e.g. "Latn", "Arab", "Ethi" */
	enum vv_dir dir;
	const char *font_family;  /* primary font family for the script */
	const char *iso639_2;     /* three-letter code used in media tags */
};

/* Returns the entry for `code` (case-insensitive, "nb-NO" matches "nb"),
 * or NULL when the table has no such language. Entries are static. */
const struct vv_lang *lang_find(const char *code);

/* Returns the entry whose ISO 639-2 code (as in a media stream's language
 * tag, e.g. "ukr", "ara", "nob", "fas") matches, or NULL. */
const struct vv_lang *lang_find_iso639_2(const char *tag);

/* Returns the number of entries, and entry `i` (0-based), or NULL when
 * i is out of range. */
size_t lang_count(void);
const struct vv_lang *lang_at(size_t i);

/* Writes the known codes, comma-separated, into buf (always terminated).
 * Used for the "unknown language" message. */
void lang_known_codes(char *buf, size_t size);

/* Returns "ltr" or "rtl". */
const char *lang_dir_name(enum vv_dir dir);

#endif
