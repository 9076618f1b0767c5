/* site: the local details of one municipality or kiosk (centre name,
 * phone, address, meeting place...), read from a site file and put into
 * the {placeholders} of a bundle's texts, so that one national pack shows
 * each site's own details in every language. No SDL, no libav. */
#ifndef VV_PLAYER_CORE_SITE_H
#define VV_PLAYER_CORE_SITE_H

#include <stddef.h>

#include "common/bundle.h"
#include "common/err.h"

/* Where the player looks when --site is not given. */
#define SITE_DEFAULT_PATH "/etc/veiviser/site.conf"

/* A site file larger than this is refused: it holds a few lines. */
#define SITE_MAX_BYTES (64u << 10)
/* At most this many keys, and this long a value (bytes). */
#define SITE_MAX_KEYS 256
#define SITE_MAX_VALUE 512

/* Shown where a placeholder has no value: neutral in every language and
 * never a raw "{name}". */
#define SITE_MISSING_TEXT "\xe2\x80\xa6" /* U+2026 HORIZONTAL ELLIPSIS */

struct site;

/* Returns a new site with no values (free with site_free()), or NULL when
 * memory ran out. */
struct site *site_new(void);

/* Frees the site. NULL is a no-op. */
void site_free(struct site *site);

/* Reads the site file `path`: UTF-8 lines "key = value"; "#" starts a
 * comment line; blank lines are skipped; keys are letters, digits and
 * "_" (the names of the placeholders); "key.LANG = value" (LANG a BCP 47
 * code, e.g. centre_name.ar) is used in bundles of that language instead
 * of "key". A later line for the same key wins. When `path` does not exist
 * and `required` is 0 (the default path), *out is an empty site. Returns
 * VV_OK and a new site in *out; VV_ERR_NOTFOUND, VV_ERR_IO, VV_ERR_FORMAT
 * (a bad line, not UTF-8), VV_ERR_LIMIT (over SITE_MAX_BYTES,
 * SITE_MAX_KEYS or SITE_MAX_VALUE) or VV_ERR_NOMEM after one line naming
 * the file (and line). Borrows `path`. */
enum vv_err site_load(const char *path, int required, struct site **out);

/* Returns the value of `key` for the language `lang` (BCP 47; NULL for
 * none): "key.LANG" when there is one, else "key", else NULL. Borrowed
 * from the site. */
const char *site_get(const struct site *site, const char *key,
		     const char *lang);

/* Returns in *out (caller frees) `text` with each "{name}" replaced by
 * its value for `lang`, wrapped in FIRST STRONG ISOLATE .. POP
 * DIRECTIONAL ISOLATE (U+2068, U+2069), so that a phone number or a
 * Latin address keeps its order inside right-to-left text; a name with no
 * value becomes SITE_MISSING_TEXT and is remembered as missing (see
 * site_missing()). Text without placeholders is copied as it is. Returns
 * VV_OK or VV_ERR_NOMEM. */
enum vv_err site_fill(struct site *site, const char *text, const char *lang,
		      char **out);

/* Fills every text of bundle `b` (title, level, headings, paragraphs,
 * bullets, alt texts, scripts) in place with site_fill(), for the
 * language each text is in (bundle_text_lang()). Returns VV_OK or VV_ERR_NOMEM (the bundle's texts are then
 * partly filled, but each is whole). */
enum vv_err site_fill_bundle(struct site *site, struct bundle *b);

/* The placeholder names that had no value, in the order first met,
 * separated by ", " (e.g. "centre_phone, meeting_place"), or "" when
 * none. Owned by the site; valid until the next fill. "" when `site` is
 * NULL. */
const char *site_missing(const struct site *site);

/* The path the site was read from, or "" when it was not read (no file
 * at the default path). */
const char *site_path(const struct site *site);

#endif
