/* catalogue: reading and checking a site's catalogue.xml; see
 * catalogue.h. */
#include "common/catalogue.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "common/hash.h"
#include "common/i18n.h"
#include "common/xml.h"

/* The schema, compiled in (as builder/pack.c does with pack.rng), so that
 * veiviser-sync needs no file of the builder's at run time. The file
 * stays in builder/schema/, where the docs, `make install` and the tests'
 * xmllint look for it; the Makefile makes this object depend on it. */
__asm__(".section .rodata\n"
	".balign 16\n"
	"catalogue_schema_start:\n"
	".incbin \"builder/schema/catalogue.rng\"\n"
	"catalogue_schema_end:\n"
	".byte 0\n"
	".balign 8\n"
	"catalogue_schema_size:\n"
	".quad catalogue_schema_end - catalogue_schema_start\n"
	".previous\n");
extern const char catalogue_schema_start[];
extern const uint64_t catalogue_schema_size;

/* What went wrong and where, for catalogue_parse() to print and
 * catalogue_check() to hand back. */
struct problem {
	long line;
	char what[300];
	int have;
};

static void problem_set(struct problem *p, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem_set(struct problem *p, long line, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (p->have)
		return;
	va_start(ap, fmt);
	vsnprintf(p->what, sizeof p->what, fmt, ap);
	va_end(ap);
	/* libxml2's messages end in a newline; the line is ours to end. */
	n = strlen(p->what);
	while (n && (p->what[n - 1] == '\n' || p->what[n - 1] == ' '))
		p->what[--n] = '\0';
	p->line = line;
	p->have = 1;
}

/* Keeps the schema's first complaint, with its line. */
static void schema_error(void *user, xmlErrorPtr e)
{
	if (e && e->message)
		problem_set(user, e->line, _("does not follow the catalogue "
					     "schema: %.200s"), e->message);
}

/* Validates `doc` against the compiled-in schema. Returns VV_OK,
 * VV_ERR_SCHEMA with the first complaint in *p, or VV_ERR_NOMEM. */
static enum vv_err validate(xmlDocPtr doc, struct problem *p)
{
	xmlRelaxNGParserCtxtPtr pctx;
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	xmlRelaxNGPtr schema = NULL;
	int r = -1;

	pctx = xmlRelaxNGNewMemParserCtxt(catalogue_schema_start,
					  (int)catalogue_schema_size);
	if (pctx)
		schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (schema)
		vctx = xmlRelaxNGNewValidCtxt(schema);
	if (vctx) {
		xmlRelaxNGSetValidStructuredErrors(vctx, schema_error, p);
		r = xmlRelaxNGValidateDoc(vctx, doc);
	}
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	if (!vctx)
		return VV_ERR_NOMEM; /* the built-in schema itself is good */
	if (r == 0)
		return VV_OK;
	problem_set(p, 0, "%s", _("does not follow the catalogue schema"));
	return VV_ERR_SCHEMA;
}

/* Parses `text` without a DTD, network or messages. Returns the document,
 * or NULL with *err and *p set. */
static xmlDocPtr read_xml(const char *text, size_t len, enum vv_err *err,
			  struct problem *p)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;

	*err = VV_ERR_FORMAT;
	if (len > CATALOGUE_MAX) {
		*err = VV_ERR_LIMIT;
		problem_set(p, 0, _("larger than %u MiB; not a catalogue"),
			    CATALOGUE_MAX >> 20);
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*err = VV_ERR_NOMEM;
		problem_set(p, 0, "%s", _("out of memory"));
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, text, (int)len, CATALOGUE_FILE, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);

		problem_set(p, e ? e->line : 0,
			    _("not well-formed XML: %.200s"),
			    e && e->message ? e->message : "?");
	} else if (doc->intSubset || doc->extSubset) {
		/* A catalogue never needs a DTD; refusing one rules out
		 * entity expansion tricks. */
		problem_set(p, 0, "%s",
			    _("a DTD is not allowed in a catalogue"));
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* Parses `s` as publish's UTC time. Returns 0, or -1 when it is in any
 * other form. */
static int parse_time(const char *s, time_t *out)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return -1;
	*out = timegm(&tm);
	return 0;
}

/* Copies the time attribute `name` of `root` into `buf`. Returns 0, or -1
 * with *p set. */
static int time_attr(const xmlNode *root, const char *name, char *buf,
		     size_t cap, time_t *t, struct problem *p)
{
	char *v = xml_attr(root, name);
	int ok = v && strlen(v) < cap && parse_time(v, t) == 0;

	if (ok)
		snprintf(buf, cap, "%s", v);
	else
		problem_set(p, xmlGetLineNo(root),
			    _("%s=\"%.40s\" is not a time of the form "
			      "YYYY-MM-DDTHH:MM:SSZ"), name, v ? v : "");
	free(v);
	return ok ? 0 : -1;
}

static char *node_text(const xmlNode *n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *s = strdup(t ? (const char *)t : "");

	xmlFree(t);
	return s;
}

/* Fills `e` from the valid <bundle> `n`. Returns VV_OK, VV_ERR_FORMAT with
 * *p set, or VV_ERR_NOMEM. */
static enum vv_err read_entry(const xmlNode *n, struct catalogue_entry *e,
			      struct problem *p)
{
	char want[96], *v, *end;

	e->pack = xml_attr(n, "pack");
	e->version = xml_attr(n, "version");
	e->lang = xml_attr(n, "lang");
	e->level = xml_attr(n, "level");
	e->review = xml_attr(n, "review");
	e->sha256 = xml_attr(n, "sha256");
	e->key = xml_attr(n, "key");
	e->href = xml_attr(n, "href");
	e->title = node_text(xml_first(n, CATALOGUE_NS, "title"));
	e->level_label = node_text(xml_first(n, CATALOGUE_NS, "level-label"));
	v = xml_attr(n, "size");
	if (!e->pack || !e->version || !e->lang || !e->level || !e->review ||
	    !e->sha256 || !e->key || !e->href || !e->title ||
	    !e->level_label || !v) {
		free(v);
		problem_set(p, 0, "%s", _("out of memory"));
		return VV_ERR_NOMEM;
	}
	errno = 0;
	e->size = strtoull(v, &end, 10);
	if (errno || *end || e->size == 0) {
		problem_set(p, xmlGetLineNo(n),
			    _("size=\"%.40s\" is out of range"), v);
		free(v);
		return VV_ERR_FORMAT;
	}
	free(v);
	/* The schema checks href's form; that it names this very bundle is
	 * what keeps a kiosk from fetching one file under another's hash. */
	snprintf(want, sizeof want, "bundles/%s.vvb", e->sha256);
	if (strcmp(e->href, want) != 0 || !hash_is_hex(e->sha256)) {
		problem_set(p, xmlGetLineNo(n), "%s",
			    _("href is not bundles/SHA256.vvb with the "
			      "entry's sha256"));
		return VV_ERR_FORMAT;
	}
	return VV_OK;
}

/* Fills *c from the valid document `doc`. Returns VV_OK, or an error with
 * *p set and *c cleared. */
static enum vv_err read_catalogue(xmlDocPtr doc, struct catalogue *c,
				  struct problem *p)
{
	const xmlNode *root = xmlDocGetRootElement(doc), *n;
	size_t count = xml_count(root, CATALOGUE_NS, "bundle");
	enum vv_err err = VV_ERR_FORMAT;
	char *v, *end;
	time_t published;

	v = xml_attr(root, "version");
	errno = 0;
	c->version = v ? strtol(v, &end, 10) : 0;
	if (!v || errno || *end || c->version <= 0) {
		problem_set(p, xmlGetLineNo(root),
			    _("version=\"%.40s\" is out of range"),
			    v ? v : "");
		free(v);
		goto fail;
	}
	free(v);
	if (time_attr(root, "published", c->published, sizeof c->published,
		      &published, p) != 0 ||
	    time_attr(root, "expires", c->expires, sizeof c->expires,
		      &c->expires_at, p) != 0)
		goto fail;
	v = xml_attr(root, "key");
	snprintf(c->key, sizeof c->key, "%s", v ? v : "");
	free(v);
	c->entries = calloc(count ? count : 1, sizeof *c->entries);
	if (!c->entries) {
		problem_set(p, 0, "%s", _("out of memory"));
		err = VV_ERR_NOMEM;
		goto fail;
	}
	for (n = root->children; n; n = n->next) {
		if (!xml_is(n, CATALOGUE_NS, "bundle"))
			continue;
		err = read_entry(n, &c->entries[c->n++], p);
		if (err != VV_OK)
			goto fail;
	}
	return VV_OK;
fail:
	catalogue_clear(c);
	return err;
}

/* Parses, validates and reads `text` into *c. */
static enum vv_err parse(const char *text, size_t len, struct catalogue *c,
			 struct problem *p)
{
	enum vv_err err;
	xmlDocPtr doc;

	memset(c, 0, sizeof *c);
	doc = read_xml(text, len, &err, p);
	if (!doc)
		return err;
	/* Counted before the schema is run over them all. */
	if (xml_count(xmlDocGetRootElement(doc), CATALOGUE_NS, "bundle") >
	    CATALOGUE_MAX_ENTRIES) {
		problem_set(p, 0, _("more than %d bundles; not read (split "
				    "the site)"), CATALOGUE_MAX_ENTRIES);
		err = VV_ERR_LIMIT;
	} else {
		err = validate(doc, p);
	}
	if (err == VV_OK)
		err = read_catalogue(doc, c, p);
	xmlFreeDoc(doc);
	return err;
}

enum vv_err catalogue_parse(const char *name, const char *text, size_t len,
			    struct catalogue *c)
{
	struct problem p = { 0, "", 0 };
	enum vv_err err = parse(text, len, c, &p);

	if (err == VV_ERR_FORMAT || err == VV_ERR_SCHEMA)
		vv_error(name, p.line, _("%s; publish the site again"),
			 p.what);
	else if (err != VV_OK)
		vv_error(name, p.line, "%s", p.what);
	return err;
}

enum vv_err catalogue_check(const char *text, size_t len, char *msg,
			    size_t cap)
{
	struct problem p = { 0, "", 0 };
	struct catalogue c;
	enum vv_err err = parse(text, len, &c, &p);

	catalogue_clear(&c);
	if (cap == 0)
		return err;
	msg[0] = '\0';
	if (err != VV_OK && p.line > 0)
		snprintf(msg, cap, _("line %ld: %s"), p.line, p.what);
	else if (err != VV_OK)
		snprintf(msg, cap, "%s", p.what);
	return err;
}

void catalogue_entry_clear(struct catalogue_entry *e)
{
	if (!e)
		return;
	free(e->pack);
	free(e->version);
	free(e->lang);
	free(e->level);
	free(e->review);
	free(e->sha256);
	free(e->key);
	free(e->href);
	free(e->title);
	free(e->level_label);
	memset(e, 0, sizeof *e);
}

void catalogue_clear(struct catalogue *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		catalogue_entry_clear(&c->entries[i]);
	free(c->entries);
	memset(c, 0, sizeof *c);
}
