/* po: reads translations through libgettextpo. A catalogue answers
 * "what is the shippable msgstr for (msgctxt, msgid)": fuzzy, obsolete and
 * untranslated entries never are. Text is converted to UTF-8.
 * Threads: libgettextpo reports errors through process-wide state, so
 * load, read and write from one thread at a time; lookups in a loaded
 * catalogue are read-only and may run in any number of threads. */
#ifndef VV_BUILDER_PO_H
#define VV_BUILDER_PO_H

#include <iconv.h>
#include <stddef.h>

#include <gettext-po.h>

#include "common/err.h"

struct po_catalog;

/* Loads `path`. Validates the header (charset, Plural-Forms) and converts
 * to UTF-8. Returns VV_OK and a new catalogue in *out (free with
 * po_catalog_free()); on failure prints "FILE:LINE: ..." and returns
 * VV_ERR_FORMAT or VV_ERR_IO. Borrows `path`. */
enum vv_err po_catalog_load(const char *path, struct po_catalog **out);
void po_catalog_free(struct po_catalog *cat);

/* Returns the translation of (ctxt, msgid), or NULL when the entry is
 * missing, untranslated, fuzzy or empty. Borrowed from the catalogue. */
const char *po_catalog_lookup(const struct po_catalog *cat, const char *ctxt,
			      const char *msgid);

/* Entry state for reports: */
enum po_state { PO_MISSING, PO_UNTRANSLATED, PO_FUZZY, PO_TRANSLATED };
enum po_state po_catalog_state(const struct po_catalog *cat, const char *ctxt,
			       const char *msgid);

/* Calls fn for every entry (obsolete ones and the header apart), in no
 * particular order, with its msgctxt ("" when none), msgid (UTF-8) and
 * state. The strings are valid during the call only. */
void po_catalog_foreach(const struct po_catalog *cat,
			void (*fn)(const char *ctxt, const char *msgid,
				   enum po_state state, void *user),
			void *user);

/* Returns the header's Language value, or NULL when absent or empty.
 * Borrowed. */
const char *po_catalog_language(const struct po_catalog *cat);

/* Returns the line of the header field `field` ("Language") in the file,
 * or 0 when it is not there. */
long po_catalog_header_line(const struct po_catalog *cat, const char *field);

/* Returns non-zero when the header marks the translation as a draft
 * (X-Translation-Status contains "draft"). */
int po_catalog_is_draft(const struct po_catalog *cat);

/* Returns the header's X-Translation-Status value, or NULL. Borrowed. */
const char *po_catalog_status(const struct po_catalog *cat);

/* Returns the msgstr of (ctxt, msgid) whatever its state (fuzzy and
 * empty included), or NULL when there is no such entry. For checks;
 * never ship it. Borrowed from the catalogue. */
const char *po_catalog_msgstr(const struct po_catalog *cat, const char *ctxt,
			      const char *msgid);

/* Returns the line of `msgctxt "ctxt"` in the file, or 0 when unknown. */
long po_catalog_line(const struct po_catalog *cat, const char *ctxt);

/* Returns the line of that entry's msgstr (where a translator fixes the
 * text), else of its msgctxt, or 0 when unknown. */
long po_catalog_msgstr_line(const struct po_catalog *cat, const char *ctxt);

/* Returns the path the catalogue was loaded from, and the charset its
 * header declares ("UTF-8" when none). Borrowed. */
const char *po_catalog_path(const struct po_catalog *cat);
const char *po_catalog_charset(const struct po_catalog *cat);

/* Returns nplurals from the header, or 0 when there is no Plural-Forms. */
int po_catalog_nplurals(const struct po_catalog *cat);

/* Reads `path` with libgettextpo (no conversion, no header checks; see
 * po_catalog_load() for those). Returns the file (free with
 * po_file_free()), or NULL after printing "FILE:LINE: ...". */
po_file_t po_read(const char *path);

/* Writes `file` to `path` with atomic_write() (common/atomic.h): a full
 * disk, a read-only folder or a crash leaves the old file intact. When
 * the bytes equal the existing file's, it is left untouched and *changed
 * is 0. Returns VV_OK, or an error after printing one line naming the
 * file. */
enum vv_err po_write(po_file_t file, const char *path, int *changed);

/* Returns in *data (new, NUL-terminated; free() it) and *len the bytes
 * libgettextpo writes for `file`, formatted as msgmerge formats them.
 * Returns VV_OK, or VV_ERR_NOMEM / VV_ERR_INTERNAL without printing. */
enum vv_err po_serialize(po_file_t file, char **data, size_t *len);

/* Parses .po bytes with libgettextpo. Returns the file (free with
 * po_file_free()), or NULL after printing "NAME:LINE: ...". Borrows all. */
po_file_t po_parse(const char *data, size_t len, const char *name);

/* Returns 1 when the file at `path` holds exactly these bytes, else 0. */
int po_same_bytes(const char *path, const char *data, size_t len);

/* Returns a new UTF-8 copy of s (free() it), converted with cd, or copied
 * as is when cd is (iconv_t)-1; NULL when s holds bytes invalid in cd's
 * charset or memory ran out. Resets cd first; borrows s and cd. */
char *po_to_utf8(iconv_t cd, const char *s);

/* Returns NULL when `value` (a Plural-Forms header value) passes
 * libgettextpo's check (as msgfmt --check), else a one-line description
 * of the problem, valid until the next call (not thread-safe). */
const char *po_plural_forms_problem(const char *value);

#endif
