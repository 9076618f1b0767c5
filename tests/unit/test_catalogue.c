/* Unit tests for common/catalogue: a good catalogue read field by field,
 * and bad ones (not well-formed, against the schema, a DTD, an href that
 * names another bundle, a time in another form, numbers that do not fit,
 * too many entries), each refused with one line that names the file and
 * the line, and an empty catalogue left behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/catalogue.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/error_capture.h"

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* A catalogue as publish writes it; %s: the first entry's extra text
 * (attributes to override go through the template below). */
#define HEAD                                                                   \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                         \
	"<catalogue xmlns=\"urn:veiviser:catalogue:1\" format=\"1\" "          \
	"version=\"7\"\n"                                                      \
	" published=\"2026-01-02T03:04:05Z\" expires=\"2026-02-01T03:04:05Z\"" \
	" key=\"0123456789ABCDEF\">\n"
#define ENTRY(sha, href, size, review)                                         \
	"  <bundle pack=\"arbeid\" version=\"1.0.0\" lang=\"ti\" "             \
	"level=\"no-schooling\" review=\"" review "\" size=\"" size "\"\n"     \
	"   sha256=\"" sha "\" key=\"0123456789ABCDEF\"\n"                     \
	"   href=\"" href "\">\n"                                              \
	"    <title>Arbeid i Norge</title>\n"                                  \
	"    <level-label>Uten skolegang</level-label>\n"                      \
	"  </bundle>\n"
#define TAIL "</catalogue>\n"

static const char good[] =
	HEAD ENTRY(SHA_A, "bundles/" SHA_A ".vvb", "1234", "draft")
	ENTRY(SHA_B, "bundles/" SHA_B ".vvb", "99", "reviewed") TAIL;

static void reset_errors(void)
{
	n_errors = 0;
	first_error[0] = '\0';
}

/* Parses `text` as "site/catalogue.xml"; returns the error. */
static enum vv_err parse_text(const char *text, struct catalogue *c)
{
	reset_errors();
	return catalogue_parse("site/catalogue.xml", text, strlen(text), c);
}

static void test_good(void)
{
	struct catalogue c;
	enum vv_err err = parse_text(good, &c);
	char msg[300] = "x";

	CHECK(err == VV_OK, "a good catalogue is read");
	CHECK(n_errors == 0, "a good catalogue: no message");
	CHECK(c.version == 7, "the version");
	CHECK_STR(c.published, "2026-01-02T03:04:05Z", "the publication time");
	CHECK_STR(c.expires, "2026-02-01T03:04:05Z", "the expiry time");
	CHECK(c.expires_at == 1769915045, "the expiry as a time (UTC)");
	CHECK_STR(c.key, "0123456789ABCDEF", "the catalogue's key");
	CHECK(c.n == 2, "both entries");
	if (c.n == 2) {
		CHECK_STR(c.entries[0].pack, "arbeid", "entry: pack");
		CHECK_STR(c.entries[0].version, "1.0.0", "entry: version");
		CHECK_STR(c.entries[0].lang, "ti", "entry: language");
		CHECK_STR(c.entries[0].level, "no-schooling", "entry: level");
		CHECK_STR(c.entries[0].review, "draft", "entry: review");
		CHECK_STR(c.entries[1].review, "reviewed", "entry 2: review");
		CHECK_STR(c.entries[0].sha256, SHA_A, "entry: sha256");
		CHECK_STR(c.entries[0].href, "bundles/" SHA_A ".vvb",
			  "entry: href");
		CHECK_STR(c.entries[0].key, "0123456789ABCDEF", "entry: key");
		CHECK_STR(c.entries[0].title, "Arbeid i Norge",
			  "entry: title");
		CHECK_STR(c.entries[0].level_label, "Uten skolegang",
			  "entry: level label");
		CHECK(c.entries[0].size == 1234 && c.entries[1].size == 99,
		      "entry: sizes");
	}
	catalogue_clear(&c);
	CHECK(c.n == 0 && c.entries == NULL, "catalogue_clear empties it");
	catalogue_clear(NULL);
	catalogue_entry_clear(NULL);
	reset_errors();
	CHECK(catalogue_check(good, strlen(good), msg, sizeof msg) == VV_OK &&
	      msg[0] == '\0' && n_errors == 0,
	      "catalogue_check accepts it, silently");
}

/* Checks that `text` is refused with `want`, one line that starts with
 * "site/catalogue.xml:LINE: " (LINE 0: no line number) and holds
 * `words`, and that the catalogue is left empty; catalogue_check says the
 * same without printing. */
static void refused(const char *name, const char *text, enum vv_err want,
		    long line, const char *words)
{
	struct catalogue c;
	enum vv_err err = parse_text(text, &c);
	char prefix[64], label[160], msg[400];

	if (line > 0)
		snprintf(prefix, sizeof prefix, "site/catalogue.xml:%ld: ",
			 line);
	else
		snprintf(prefix, sizeof prefix, "site/catalogue.xml: ");
	snprintf(label, sizeof label, "%s: refused with %s", name,
		 vv_strerror(want));
	CHECK(err == want, label);
	snprintf(label, sizeof label, "%s: one line", name);
	CHECK(n_errors == 1 && !strchr(first_error, '\n'), label);
	snprintf(label, sizeof label, "%s: the line names the file and line",
		 name);
	if (strncmp(first_error, prefix, strlen(prefix)) != 0)
		printf("# got: %s\n# want it to start with: %s\n", first_error,
		       prefix);
	CHECK(strncmp(first_error, prefix, strlen(prefix)) == 0, label);
	snprintf(label, sizeof label, "%s: the line says what", name);
	if (!strstr(first_error, words))
		printf("# got: %s\n# want: %s\n", first_error, words);
	CHECK(strstr(first_error, words) != NULL, label);
	snprintf(label, sizeof label, "%s: nothing is left half-read", name);
	CHECK(c.n == 0 && c.entries == NULL && c.version == 0, label);
	catalogue_clear(&c);

	reset_errors();
	err = catalogue_check(text, strlen(text), msg, sizeof msg);
	snprintf(label, sizeof label, "%s: catalogue_check says so silently",
		 name);
	CHECK(err == want && n_errors == 0 && strstr(msg, words) != NULL,
	      label);
}

static void test_malformed(void)
{
	/* Line 8: the first entry's <title> ends as </titel>. */
	static const char mismatch[] =
		HEAD "  <bundle pack=\"a\" version=\"1\" lang=\"ti\"\n"
		"   level=\"l\" review=\"draft\" size=\"1\"\n"
		"   sha256=\"" SHA_A "\" key=\"0123456789ABCDEF\"\n"
		"   href=\"bundles/" SHA_A ".vvb\">\n"
		"    <title>Arbeid</titel>\n"
		"  </bundle>\n" TAIL;
	/* Cut after the first entry: the end is at line 10. */
	static const char cut[] =
		HEAD ENTRY(SHA_A, "bundles/" SHA_A ".vvb", "1", "draft");

	refused("a mismatched end tag", mismatch, VV_ERR_FORMAT, 8,
		"not well-formed XML");
	refused("a cut catalogue", cut, VV_ERR_FORMAT, 10,
		"not well-formed XML");
	refused("not XML at all", "PK\x03\x04 a zip file", VV_ERR_FORMAT, 1,
		"not well-formed XML");
	refused("an empty file", "", VV_ERR_FORMAT, 1,
		"not well-formed XML");
}

static void test_schema(void)
{
	/* The second entry (lines 10-15) has a review the schema lacks;
	 * libxml2 gives an element the line where its start tag ends. */
	static const char review[] =
		HEAD ENTRY(SHA_A, "bundles/" SHA_A ".vvb", "1", "draft")
		ENTRY(SHA_B, "bundles/" SHA_B ".vvb", "1", "approved") TAIL;
	/* The root is not a catalogue. */
	static const char other[] =
		"<?xml version=\"1.0\"?>\n<catalogue/>\n";
	/* A size of 0 is not a positive integer. */
	static const char zero[] =
		HEAD ENTRY(SHA_A, "bundles/" SHA_A ".vvb", "0", "draft") TAIL;
	/* A pack id with a slash could name a file outside a folder. */
	static const char slash[] =
		HEAD "  <bundle pack=\"../x\" version=\"1\" lang=\"ti\" "
		"level=\"l\" review=\"draft\" size=\"1\"\n"
		"   sha256=\"" SHA_A "\" key=\"0123456789ABCDEF\"\n"
		"   href=\"bundles/" SHA_A ".vvb\">\n"
		"    <title>t</title><level-label>l</level-label>\n"
		"  </bundle>\n" TAIL;

	refused("a review the schema lacks", review, VV_ERR_SCHEMA, 12,
		"does not follow the catalogue schema");
	refused("a root in no namespace", other, VV_ERR_SCHEMA, 2,
		"does not follow the catalogue schema");
	refused("a size of 0", zero, VV_ERR_SCHEMA, 6,
		"does not follow the catalogue schema");
	refused("a pack id with a slash", slash, VV_ERR_SCHEMA, 6,
		"does not follow the catalogue schema");
}

static void test_beyond_schema(void)
{
	/* Valid against the schema, refused by the reader's own checks. */
	static const char href[] =
		HEAD ENTRY(SHA_A, "bundles/" SHA_A ".vvb", "1", "draft")
		ENTRY(SHA_B, "bundles/" SHA_A ".vvb", "1", "draft") TAIL;
	static const char huge[] =
		HEAD ENTRY(SHA_A, "bundles/" SHA_A ".vvb",
			   "99999999999999999999999", "draft") TAIL;
	static const char dtd[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE catalogue [<!ENTITY x \"y\">]>\n"
		"<catalogue/>\n";
	static const char version[] =
		"<catalogue xmlns=\"urn:veiviser:catalogue:1\" format=\"1\" "
		"version=\"99999999999999999999999\"\n"
		" published=\"2026-01-02T03:04:05Z\" "
		"expires=\"2026-02-01T03:04:05Z\" key=\"0123456789ABCDEF\"/>\n";
	static const char offset[] =
		"<catalogue xmlns=\"urn:veiviser:catalogue:1\" format=\"1\" "
		"version=\"1\"\n"
		" published=\"2026-01-02T03:04:05Z\" "
		"expires=\"2026-02-01T03:04:05+01:00\" "
		"key=\"0123456789ABCDEF\"/>\n";

	refused("an href naming another bundle", href, VV_ERR_FORMAT, 12,
		"href");
	refused("a size past 64 bits", huge, VV_ERR_FORMAT, 6, "size=");
	refused("a DTD", dtd, VV_ERR_FORMAT, 0, "DTD");
	refused("a version past a long", version, VV_ERR_FORMAT, 2,
		"version=");
	refused("an expiry with a zone offset", offset, VV_ERR_FORMAT, 2,
		"expires=");
}

static void test_too_many(void)
{
	size_t n = CATALOGUE_MAX_ENTRIES + 1, i;
	size_t cap = sizeof HEAD + n * 10 + sizeof TAIL;
	char *text = malloc(cap), *p = text;

	if (!text) {
		CHECK(0, "memory for the large catalogue");
		return;
	}
	p += sprintf(p, "%s", HEAD);
	for (i = 0; i < n; i++)
		p += sprintf(p, "<bundle/>");
	sprintf(p, "%s", TAIL);
	refused("one entry more than the cap", text, VV_ERR_LIMIT, 0,
		"more than 20000 bundles");
	free(text);
}

int main(void)
{
	vv_error_set_hook(capture_error, NULL);
	test_good();
	test_malformed();
	test_schema();
	test_beyond_schema();
	test_too_many();
	return CHECK_DONE();
}
