/* po: a read-only translation catalogue over libgettextpo. libgettextpo
 * parses the file and checks the Plural-Forms header; this module
 * converts text to UTF-8 with iconv and answers lookups. */
#include "builder/po.h"

#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gettext-po.h>

#include "common/atomic.h"
#include "common/file.h"
#include "common/i18n.h"
#include "common/utf16.h"
#include "common/utf8.h"

/* Cap on a catalogue serialized in memory (as on a .po read back). */
#define PO_MAX_SERIALIZED ((size_t)256 << 20)

struct po_entry {
	char *key;     /* msgctxt "\004" msgid, UTF-8 (msgctxt may be empty) */
	char *msgstr;  /* UTF-8; "" when untranslated */
	enum po_state state;
};

struct po_catalog {
	char *path;
	struct po_entry *entries; /* sorted by key */
	size_t n;
	char *status;  /* X-Translation-Status, or NULL */
	char *language;
	char *charset;
	int nplurals;
	/* msgctxt -> line in the file, for messages (diagnostics only) */
	struct po_ctxt_line *lines;
	size_t n_lines;
};

struct po_ctxt_line {
	char *ctxt;
	long line;         /* of `msgctxt "..."` */
	long msgstr_line;  /* of the msgstr (or msgstr[0]) after it, or 0 */
};

/* libgettextpo 0.21 never frees the msgctxt strings it reads, nor some
 * buffers on syntax errors (po_file_read + po_file_free of a file with
 * one msgctxt leaks its bytes). Those leaks are the library's; without
 * this every sanitized run that reads a .po would fail. The hook is only
 * consulted by LeakSanitizer, and only matches libgettextpo's frames. */
const char *__lsan_default_suppressions(void);
__attribute__((used)) const char *__lsan_default_suppressions(void)
{
	return "leak:libgettextpo.so\n";
}

/* ... and without the "Suppressions used" table on stderr, which would
 * break the one-line error contract in sanitized test runs. */
const char *__lsan_default_options(void);
__attribute__((used)) const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* ---- libgettextpo error handling ---- */

/* libgettextpo reports problems through a global handler; we keep the
 * first error. Its contract says the handler must not return on a fatal
 * error, so that case jumps back to po_catalog_load(). */
struct po_capture {
	int have;
	char file[512];
	long line;
	char msg[512];
	jmp_buf fatal;
	int armed;
};
static struct po_capture *capture;

static void po_xerror(int severity, po_message_t message, const char *file,
		      size_t line, size_t column, int multiline,
		      const char *text)
{
	struct po_capture *c = capture;
	size_t n;

	(void)message;
	(void)column;
	(void)multiline;
	if (!c || severity == PO_SEVERITY_WARNING)
		goto out;
	if (!c->have) {
		c->have = 1;
		snprintf(c->file, sizeof c->file, "%s", file ? file : "");
		c->line = file && line != (size_t)-1 ? (long)line : 0;
		snprintf(c->msg, sizeof c->msg, "%s", text ? text : "error");
		n = strlen(c->msg);
		while (n && (c->msg[n - 1] == '\n' || c->msg[n - 1] == ' '))
			c->msg[--n] = '\0';
		/* A multi-line message: keep its first line. */
		c->msg[strcspn(c->msg, "\n")] = '\0';
	}
out:
	if (severity == PO_SEVERITY_FATAL_ERROR && c && c->armed)
		longjmp(c->fatal, 1);
}

static long find_line(const char *path, const char *needle);

static void po_xerror2(int severity, po_message_t m1, const char *f1,
		       size_t l1, size_t c1, int ml1, const char *t1,
		       po_message_t m2, const char *f2, size_t l2, size_t c2,
		       int ml2, const char *t2)
{
	struct po_capture *c = capture;
	const char *ctxt = m2 ? po_message_msgctxt(m2) : NULL;

	(void)f2;
	(void)l2;
	(void)c2;
	(void)ml2;
	(void)t2;
	/* "duplicate message definition": libgettextpo gives the first
	 * one as a message without its line; find it by its msgctxt. */
	if (c && !c->have && severity != PO_SEVERITY_WARNING && f1 && ctxt &&
	    strlen(ctxt) < 400) {
		char needle[420], text[512];
		long first;

		snprintf(needle, sizeof needle, "msgctxt \"%s\"", ctxt);
		first = find_line(f1, needle);
		if (first > 0 && (size_t)first != l1) {
			snprintf(text, sizeof text,
				 _("%s: msgctxt \"%s\" is also at line %ld"),
				 t1 ? t1 : "error", ctxt, first);
			po_xerror(severity, m1, f1, l1, c1, ml1, text);
			return;
		}
	}
	po_xerror(severity, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler handler = { po_xerror, po_xerror2 };

/* ---- Plural-Forms ---- */

/* The first error libgettextpo's check reports (warnings, such as header
 * fields a translator left out, are not problems here). */
static char plural_problem[256];

static void plural_xerror(int severity, po_message_t message,
			  const char *file, size_t line, size_t column,
			  int multiline, const char *text)
{
	(void)message;
	(void)file;
	(void)line;
	(void)column;
	(void)multiline;
	if (severity == PO_SEVERITY_WARNING || plural_problem[0])
		return;
	snprintf(plural_problem, sizeof plural_problem, "%s",
		 text ? text : "error");
	plural_problem[strcspn(plural_problem, "\n")] = '\0';
}

static void plural_xerror2(int severity, po_message_t m1, const char *f1,
			   size_t l1, size_t c1, int ml1, const char *t1,
			   po_message_t m2, const char *f2, size_t l2,
			   size_t c2, int ml2, const char *t2)
{
	(void)m2;
	(void)f2;
	(void)l2;
	(void)c2;
	(void)ml2;
	(void)t2;
	plural_xerror(severity, m1, f1, l1, c1, ml1, t1);
}

static const struct po_xerror_handler plural_handler = {
	plural_xerror, plural_xerror2
};

/* Validates a Plural-Forms value with libgettextpo's own check (the one
 * msgfmt --check runs: the expression's syntax, and its value for a
 * range of n against nplurals, division by zero included), on a header
 * built in memory. Returns NULL when it is good (and sets *nplurals),
 * else a description of what is wrong (static; not thread-safe, like
 * libgettextpo). */
static const char *plural_check(const char *value, int *nplurals)
{
	const char *s = strstr(value, "nplurals=");
	po_message_iterator_t it;
	po_message_t header;
	po_file_t file;
	char *end, *msgstr;
	long np;

	if (!s)
		return _("Plural-Forms lacks nplurals=");
	np = strtol(s + 9, &end, 10);
	if (end == s + 9 || np < 1 || np > 100)
		return _("nplurals must be a number from 1 to 100");
	/* libgettextpo lets a header without plural= pass when no message
	 * has plural forms; a header that names nplurals needs it. */
	if (!strstr(value, "plural=")) /* "nplurals=" never matches */
		return _("Plural-Forms lacks plural=");
	if (asprintf(&msgstr, "Content-Type: text/plain; charset=UTF-8\n"
		     "Plural-Forms: %s\n", value) < 0)
		return _("out of memory");
	file = po_file_create();
	it = file ? po_message_iterator(file, NULL) : NULL;
	header = it ? po_message_create() : NULL;
	plural_problem[0] = '\0';
	if (!header) {
		snprintf(plural_problem, sizeof plural_problem, "%s",
			 _("out of memory"));
	} else {
		po_message_set_msgid(header, "");
		po_message_set_msgstr(header, msgstr);
		po_message_insert(it, header);
		po_message_check_all(header, it, &plural_handler);
	}
	if (it)
		po_message_iterator_free(it);
	if (file)
		po_file_free(file);
	free(msgstr);
	if (plural_problem[0])
		return plural_problem;
	*nplurals = (int)np;
	return NULL;
}

/* ---- text conversion ---- */

char *po_to_utf8(iconv_t cd, const char *s)
{
	size_t inleft = strlen(s), outcap = inleft * 4 + 1, outleft;
	char *out, *in = (char *)s, *o;

	if (cd == (iconv_t)-1)
		return strdup(s);
	out = malloc(outcap);
	if (!out)
		return NULL;
	o = out;
	outleft = outcap - 1;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		free(out);
		return NULL;
	}
	*o = '\0';
	return out;
}

/* ---- the catalogue ---- */

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct po_entry *)a)->key,
		      ((const struct po_entry *)b)->key);
}

static char *make_key(const char *ctxt, const char *msgid)
{
	size_t a = ctxt ? strlen(ctxt) : 0, b = strlen(msgid);
	char *k = malloc(a + b + 2);

	if (!k)
		return NULL;
	if (a)
		memcpy(k, ctxt, a);
	k[a] = '\004';
	memcpy(k + a + 1, msgid, b + 1);
	return k;
}

static int is_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

void po_catalog_free(struct po_catalog *cat)
{
	size_t i;

	if (!cat)
		return;
	for (i = 0; i < cat->n; i++) {
		free(cat->entries[i].key);
		free(cat->entries[i].msgstr);
	}
	free(cat->entries);
	for (i = 0; i < cat->n_lines; i++)
		free(cat->lines[i].ctxt);
	free(cat->lines);
	free(cat->path);
	free(cat->status);
	free(cat->language);
	free(cat->charset);
	free(cat);
}

/* Returns the 1-based line of the first line starting with `needle` in
 * the file, or 0. Used only to point messages at header lines. */
static long find_line(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	char buf[1024];
	long line = 0, found = 0;
	int at_start = 1;

	if (!f)
		return 0;
	while (fgets(buf, sizeof buf, f)) {
		size_t n = strlen(buf);

		if (at_start) {
			line++;
			if (strstr(buf, needle)) {
				found = line;
				break;
			}
		}
		at_start = n && buf[n - 1] == '\n';
	}
	fclose(f);
	return found;
}

/* Indexes the lines of `msgctxt "..."` in the file so that check can
 * name file:line. Message contexts of a pack are plain ASCII ids, so a
 * line match is exact; anything else simply gets no line. This reads
 * lines only and is no .po parser: libgettextpo did the parsing. */
static void index_lines(struct po_catalog *cat)
{
	FILE *f = fopen(cat->path, "rb");
	char buf[1024];
	long line = 0;
	size_t cap = 0;
	int at_start = 1;

	if (!f)
		return;
	while (fgets(buf, sizeof buf, f)) {
		size_t n = strlen(buf);
		int start = at_start;

		at_start = n && buf[n - 1] == '\n';
		if (!start)
			continue;
		line++;
		if (cat->n_lines && strncmp(buf, "msgstr", 6) == 0 &&
		    (buf[6] == ' ' || strncmp(buf + 6, "[0]", 3) == 0) &&
		    !cat->lines[cat->n_lines - 1].msgstr_line)
			cat->lines[cat->n_lines - 1].msgstr_line = line;
		if (strncmp(buf, "msgctxt \"", 9) == 0) {
			char *q = strchr(buf + 9, '"');
			struct po_ctxt_line *nl;

			if (!q || q == buf + 9)
				continue;
			*q = '\0';
			if (cat->n_lines == cap) {
				if (cap >= 1000000)
					break;
				cap = cap ? cap * 2 : 64;
				nl = realloc(cat->lines, cap * sizeof *nl);
				if (!nl)
					break;
				cat->lines = nl;
			}
			cat->lines[cat->n_lines].ctxt = strdup(buf + 9);
			if (!cat->lines[cat->n_lines].ctxt)
				break;
			cat->lines[cat->n_lines].msgstr_line = 0;
			cat->lines[cat->n_lines++].line = line;
		}
	}
	fclose(f);
}

/* Reads the charset from a header; returns a new string ("UTF-8" when
 * the header has none or still says CHARSET). */
static char *header_charset(const char *header)
{
	char *ct = header ? po_header_field(header, "Content-Type") : NULL;
	const char *cs;
	char *out;
	size_t n;

	cs = ct ? strstr(ct, "charset=") : NULL;
	if (!cs) {
		free(ct);
		return strdup("UTF-8");
	}
	cs += 8;
	n = strcspn(cs, " \t;\r\n");
	if (n == 0 || (n == 7 && strncmp(cs, "CHARSET", 7) == 0))
		out = strdup("UTF-8");
	else
		out = strndup(cs, n);
	free(ct);
	return out;
}

static enum vv_err fill_entries(struct po_catalog *cat, po_file_t file,
				iconv_t cd)
{
	const char *const *domains = po_file_domains(file);
	size_t cap = 0, d;

	for (d = 0; domains && domains[d]; d++) {
		po_message_iterator_t it = po_message_iterator(file,
							       domains[d]);
		po_message_t m;

		while ((m = po_next_message(it)) != NULL) {
			const char *ctxt = po_message_msgctxt(m);
			const char *id = po_message_msgid(m);
			const char *str = po_message_msgstr(m);
			struct po_entry *e;
			char *uctxt = NULL, *uid, *ustr;

			if (po_message_is_obsolete(m))
				continue;
			if (!ctxt && id[0] == '\0')
				continue; /* the header */
			if (po_message_msgid_plural(m))
				str = po_message_msgstr_plural(m, 0);
			if (!str)
				str = "";
			if (cat->n == cap) {
				struct po_entry *ne;

				cap = cap ? cap * 2 : 128;
				ne = realloc(cat->entries, cap * sizeof *ne);
				if (!ne) {
					po_message_iterator_free(it);
					return VV_ERR_NOMEM;
				}
				cat->entries = ne;
			}
			uid = po_to_utf8(cd, id);
			ustr = po_to_utf8(cd, str);
			if (ctxt)
				uctxt = po_to_utf8(cd, ctxt);
			if (!uid || !ustr || (ctxt && !uctxt) ||
			    !utf8_valid_str(uid) || !utf8_valid_str(ustr) ||
			    (uctxt && !utf8_valid_str(uctxt))) {
				free(uid);
				free(ustr);
				free(uctxt);
				po_message_iterator_free(it);
				vv_error(cat->path, ctxt ? po_catalog_line(
						 cat, ctxt) : 0,
					 _("text is not valid %s; fix the "
					   "charset= in the header or the "
					   "text"), cat->charset);
				return VV_ERR_FORMAT;
			}
			e = &cat->entries[cat->n];
			e->key = make_key(uctxt, uid);
			free(uctxt);
			free(uid);
			e->msgstr = ustr;
			if (!e->key) {
				free(ustr);
				po_message_iterator_free(it);
				return VV_ERR_NOMEM;
			}
			cat->n++;
			if (po_message_is_fuzzy(m))
				e->state = PO_FUZZY;
			else if (is_blank(ustr))
				e->state = PO_UNTRANSLATED;
			else
				e->state = PO_TRANSLATED;
		}
		po_message_iterator_free(it);
	}
	if (cat->n)
		qsort(cat->entries, cat->n, sizeof *cat->entries, entry_cmp);
	return VV_OK;
}

/* Runs po_file_read() with our handler; a fatal error jumps back here
 * and yields NULL. */
static po_file_t read_po_captured(const char *path, struct po_capture *cap)
{
	po_file_t volatile file = NULL;

	memset(cap, 0, sizeof *cap);
	capture = cap;
	if (setjmp(cap->fatal) == 0) {
		cap->armed = 1;
		file = po_file_read(path, &handler);
	}
	cap->armed = 0;
	capture = NULL;
	return file;
}

/* Returns the parsed file, or NULL after one line naming `name` (the .po
 * as the user knows it) with the first problem gettext found. */
static po_file_t read_po(const char *path, const char *name)
{
	struct po_capture cap;
	po_file_t file = read_po_captured(path, &cap);

	if (!file || cap.have) {
		vv_error(name, cap.line, _("%s; fix the .po file (msgfmt "
					   "--check shows every problem)"),
			 cap.have ? cap.msg : _("cannot parse"));
		if (file)
			po_file_free(file);
		return NULL;
	}
	return file;
}

enum vv_err po_catalog_load(const char *path, struct po_catalog **out)
{
	struct po_catalog *cat;
	struct stat st;
	po_file_t file = NULL;
	char *header;
	iconv_t cd = (iconv_t)-1;
	enum vv_err err;
	FILE *probe;
	unsigned char head[4] = { 0 };
	size_t head_len = 0;

	*out = NULL;
	probe = fopen(path, "rb");
	if (!probe || fstat(fileno(probe), &st) != 0) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		if (probe)
			fclose(probe);
		return VV_ERR_IO;
	}
	if (S_ISREG(st.st_mode))
		head_len = fread(head, 1, sizeof head, probe);
	fclose(probe);
	if (!S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
		vv_error(path, 0, _("not a regular .po file of at most 64 MB"));
		return VV_ERR_FORMAT;
	}
	/* Editors that save "UTF-8 with BOM" put EF BB BF first; GNU gettext
	 * (msgfmt, msgmerge, libgettextpo) calls that a syntax error, which
	 * does not tell a translator what to do. */
	if (head_len >= 3 && head[0] == 0xef && head[1] == 0xbb &&
	    head[2] == 0xbf) {
		vv_error(path, 1, _("starts with a byte order mark (BOM), which "
				    "gettext tools refuse; save it as UTF-8 "
				    "without BOM"));
		return VV_ERR_FORMAT;
	}
	if (utf32_bom(head, head_len)) {
		vv_error(path, 1, _("is saved as UTF-32, which gettext tools "
				    "cannot read; save it as UTF-8 without "
				    "BOM"));
		return VV_ERR_FORMAT;
	}
	/* Notepad's "Unicode": UTF-16, FF FE (or FE FF) first. */
	if (utf16_bom(head, head_len) != UTF16_NONE) {
		vv_error(path, 1, _("is saved as UTF-16 (\"Unicode\"), which "
				    "gettext tools cannot read; save it as "
				    "UTF-8 without BOM"));
		return VV_ERR_FORMAT;
	}
	cat = calloc(1, sizeof *cat);
	if (!cat || !(cat->path = strdup(path))) {
		free(cat);
		return VV_ERR_NOMEM;
	}
	index_lines(cat);

	file = read_po(path, path);
	if (!file) {
		po_catalog_free(cat);
		return VV_ERR_FORMAT;
	}

	/* libgettextpo returns a copy here, despite the const. */
	header = (char *)po_file_domain_header(file, NULL);
	cat->charset = header_charset(header);
	if (header) {
		char *pf = po_header_field(header, "Plural-Forms");

		cat->status = po_header_field(header, "X-Translation-Status");
		cat->language = po_header_field(header, "Language");
		if (pf) {
			const char *why = plural_check(pf, &cat->nplurals);

			free(pf);
			if (why) {
				free(header);
				vv_error(path,
					 find_line(path, "\"Plural-Forms:"),
					 _("bad Plural-Forms header: %s; copy "
					   "it from a working .po for this "
					   "language"), why);
				po_file_free(file);
				po_catalog_free(cat);
				return VV_ERR_FORMAT;
			}
		}
	}
	free(header);
	if (!cat->charset) {
		po_file_free(file);
		po_catalog_free(cat);
		return VV_ERR_NOMEM;
	}
	if (strcasecmp(cat->charset, "UTF-8") != 0 &&
	    strcasecmp(cat->charset, "UTF8") != 0 &&
	    strcasecmp(cat->charset, "ASCII") != 0 &&
	    strcasecmp(cat->charset, "US-ASCII") != 0) {
		cd = iconv_open("UTF-8", cat->charset);
		if (cd == (iconv_t)-1) {
			vv_error(path, find_line(path, "\"Content-Type:"),
				 _("unknown charset '%s'; use UTF-8"),
				 cat->charset);
			po_file_free(file);
			po_catalog_free(cat);
			return VV_ERR_FORMAT;
		}
	}
	err = fill_entries(cat, file, cd);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	po_file_free(file);
	if (err) {
		po_catalog_free(cat);
		return err;
	}
	*out = cat;
	return VV_OK;
}

static const struct po_entry *find(const struct po_catalog *cat,
				   const char *ctxt, const char *msgid)
{
	struct po_entry probe;
	const struct po_entry *e;

	if (!cat || !msgid)
		return NULL;
	probe.key = make_key(ctxt, msgid);
	if (!probe.key)
		return NULL;
	e = cat->n ? bsearch(&probe, cat->entries, cat->n,
			     sizeof *cat->entries, entry_cmp)
		   : NULL;
	free(probe.key);
	return e;
}

const char *po_catalog_lookup(const struct po_catalog *cat, const char *ctxt,
			      const char *msgid)
{
	const struct po_entry *e = find(cat, ctxt, msgid);

	return e && e->state == PO_TRANSLATED ? e->msgstr : NULL;
}

enum po_state po_catalog_state(const struct po_catalog *cat, const char *ctxt,
			       const char *msgid)
{
	const struct po_entry *e = find(cat, ctxt, msgid);

	return e ? e->state : PO_MISSING;
}

const char *po_catalog_msgstr(const struct po_catalog *cat, const char *ctxt,
			      const char *msgid)
{
	const struct po_entry *e = find(cat, ctxt, msgid);

	return e ? e->msgstr : NULL;
}

/* The lines of the first entry with msgctxt `ctxt`, or NULL. */
static const struct po_ctxt_line *ctxt_line(const struct po_catalog *cat,
					    const char *ctxt)
{
	size_t i;

	if (!cat || !ctxt)
		return NULL;
	for (i = 0; i < cat->n_lines; i++)
		if (strcmp(cat->lines[i].ctxt, ctxt) == 0)
			return &cat->lines[i];
	return NULL;
}

long po_catalog_line(const struct po_catalog *cat, const char *ctxt)
{
	const struct po_ctxt_line *l = ctxt_line(cat, ctxt);

	return l ? l->line : 0;
}

long po_catalog_msgstr_line(const struct po_catalog *cat, const char *ctxt)
{
	const struct po_ctxt_line *l = ctxt_line(cat, ctxt);

	return !l ? 0 : l->msgstr_line ? l->msgstr_line : l->line;
}

void po_catalog_foreach(const struct po_catalog *cat,
			void (*fn)(const char *ctxt, const char *msgid,
				   enum po_state state, void *user),
			void *user)
{
	size_t i;

	for (i = 0; cat && i < cat->n; i++) {
		const char *key = cat->entries[i].key;
		const char *sep = strchr(key, '\004');
		char *ctxt = sep ? strndup(key, (size_t)(sep - key)) : NULL;

		if (!sep || !ctxt) {
			free(ctxt);
			continue;
		}
		fn(ctxt, sep + 1, cat->entries[i].state, user);
		free(ctxt);
	}
}

const char *po_catalog_language(const struct po_catalog *cat)
{
	return cat && cat->language && cat->language[0] ? cat->language
						       : NULL;
}

long po_catalog_header_line(const struct po_catalog *cat, const char *field)
{
	char needle[80];

	if (!cat)
		return 0;
	snprintf(needle, sizeof needle, "\"%s:", field);
	return find_line(cat->path, needle);
}

int po_catalog_is_draft(const struct po_catalog *cat)
{
	return cat && cat->status && strstr(cat->status, "draft") != NULL;
}

const char *po_catalog_status(const struct po_catalog *cat)
{
	return cat ? cat->status : NULL;
}

const char *po_catalog_path(const struct po_catalog *cat)
{
	return cat ? cat->path : NULL;
}

const char *po_catalog_charset(const struct po_catalog *cat)
{
	return cat ? cat->charset : NULL;
}

int po_catalog_nplurals(const struct po_catalog *cat)
{
	return cat ? cat->nplurals : 0;
}

const char *po_plural_forms_problem(const char *value)
{
	int np;

	return plural_check(value, &np);
}

po_file_t po_read(const char *path)
{
	FILE *probe = fopen(path, "rb");

	if (!probe) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		return NULL;
	}
	fclose(probe);
	return read_po(path, path);
}

/* Runs po_file_write(); a fatal error (the file cannot be created) jumps
 * back here instead of letting libgettextpo write to a NULL stream. */
static void write_po(po_file_t file, const char *path,
		     struct po_capture *cap)
{
	memset(cap, 0, sizeof *cap);
	capture = cap;
	if (setjmp(cap->fatal) == 0) {
		cap->armed = 1;
		po_file_write(file, path, &handler);
	}
	cap->armed = 0;
	capture = NULL;
}

enum vv_err po_serialize(po_file_t file, char **data, size_t *len)
{
	struct po_capture cap;
	enum vv_err err;
	char path[64];
	int fd;

	*data = NULL;
	*len = 0;
	/* libgettextpo writes only to a named file, and ignores write
	 * errors there; a file in memory cannot fill a disk, and the bytes
	 * then reach the disk through atomic_write(), which checks all. */
	fd = memfd_create("veiviser-po", MFD_CLOEXEC);
	if (fd < 0)
		return VV_ERR_NOMEM;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	write_po(file, path, &cap);
	err = cap.have ? VV_ERR_INTERNAL :
	      file_read_fd(fd, PO_MAX_SERIALIZED, data, len);
	if (err != VV_OK) {
		close(fd);
		free(*data);
		*data = NULL;
		return err;
	}
	close(fd);
	return VV_OK;
}

po_file_t po_parse(const char *data, size_t len, const char *name)
{
	po_file_t file;
	char path[64];
	size_t done = 0;
	ssize_t n;
	int fd = memfd_create("veiviser-po", MFD_CLOEXEC);

	if (fd < 0)
		return NULL;
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return NULL;
		}
		done += (size_t)n;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	file = read_po(path, name);
	close(fd);
	return file;
}

int po_same_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t at = 0, n;
	int same = f != NULL;

	while (same) {
		n = fread(buf, 1, sizeof buf, f);
		if (n > len - at || memcmp(buf, data + at, n) != 0)
			same = 0;
		at += n;
		if (n < sizeof buf)
			break;
	}
	if (f)
		fclose(f);
	return same && at == len;
}

enum vv_err po_write(po_file_t file, const char *path, int *changed)
{
	char *data;
	size_t len;
	enum vv_err err;

	*changed = 0;
	err = po_serialize(file, &data, &len);
	if (err) {
		vv_error(path, 0, _("cannot write: %s"), _(vv_strerror(err)));
		return err;
	}
	if (po_same_bytes(path, data, len)) {
		free(data);
		return VV_OK;
	}
	err = atomic_write(path, data, len, ATOMIC_DURABLE);
	free(data);
	if (err == VV_OK)
		*changed = 1;
	return err == VV_OK ? VV_OK : VV_ERR_IO;
}
