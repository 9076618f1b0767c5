/* Unit tests for builder/po: lookups, states, charsets, Plural-Forms. */
#include "builder/po.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/fixture_file.h"
#include "tests/unit/error_capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/vv-test-po-XXXXXX";
static char path[600];

#define HEADER(charset, extra) \
	"msgid \"\"\nmsgstr \"\"\n" \
	"\"Content-Type: text/plain; charset=" charset "\\n\"\n" extra "\n"

static enum vv_err load(const char *text, struct po_catalog **cat)
{
	*cat = NULL;
	fixture_write(path, text);
	n_errors = 0;
	first_error[0] = '\0';
	return po_catalog_load(path, cat);
}

static int error_at(long line)
{
	char want[700];

	snprintf(want, sizeof want, "%s:%ld: ", path, line);
	return strncmp(first_error, want, strlen(want)) == 0;
}

static void test_fixture(const char *top)
{
	char p[600];
	struct po_catalog *ar = NULL, *ti = NULL;

	snprintf(p, sizeof p, "%s/tests/data/pack-small/po/ar.po", top);
	CHECK(po_catalog_load(p, &ar) == VV_OK, "po: fixture ar.po loads");
	snprintf(p, sizeof p, "%s/tests/data/pack-small/po/ti.po", top);
	CHECK(po_catalog_load(p, &ti) == VV_OK, "po: fixture ti.po loads");
	CHECK_STR(po_catalog_lookup(ar, "meeting/p.2", "Har du spørsmål?"),
		  "هل لديك أسئلة؟", "po: lookup by msgctxt and msgid");
	CHECK(po_catalog_lookup(ar, "meeting/p.1", "Har du spørsmål?") == NULL,
	      "po: another msgctxt does not match");
	CHECK(po_catalog_lookup(ar, "meeting/p.2", "Har du spørsmål") == NULL,
	      "po: another msgid does not match");
	CHECK(!po_catalog_is_draft(ar) && po_catalog_status(ar) == NULL,
	      "po: ar is no draft");
	CHECK(po_catalog_is_draft(ti), "po: ti is a draft");
	CHECK_STR(po_catalog_status(ti), "draft, needs review",
		  "po: X-Translation-Status value");
	CHECK(po_catalog_lookup(ti, "welcome/p.1", "Denne pakken forteller deg "
				"om <b>karriereveiledning</b>.") == NULL &&
	      po_catalog_state(ti, "welcome/p.1", "Denne pakken forteller deg "
			       "om <b>karriereveiledning</b>.") == PO_FUZZY,
	      "po: fuzzy entry is never returned");
	CHECK(po_catalog_msgstr(ti, "welcome/p.1", "Denne pakken forteller "
				"deg om <b>karriereveiledning</b>.") != NULL,
	      "po: the fuzzy msgstr is there for checks");
	CHECK(po_catalog_lookup(ti, "welcome/li.2", "Hva som skjer i møtet") ==
	      NULL && po_catalog_state(ti, "welcome/li.2",
				       "Hva som skjer i møtet") ==
	      PO_UNTRANSLATED, "po: untranslated entry is never returned");
	CHECK(po_catalog_state(ti, "nope", "x") == PO_MISSING,
	      "po: missing entry");
	CHECK(po_catalog_nplurals(ar) == 6, "po: Arabic nplurals");
	CHECK(po_catalog_line(ar, "meeting/p.2") > 0, "po: msgctxt line known");
	po_catalog_free(ar);
	po_catalog_free(ti);
	po_catalog_free(NULL);
}

static void test_charset(void)
{
	struct po_catalog *cat;
	enum vv_err err;

	err = load(HEADER("ISO-8859-1", "") "msgctxt \"a/p.1\"\n"
		   "msgid \"Blabaer\"\nmsgstr \"Bl\xe5\x62\xe6r\"\n", &cat);
	CHECK(err == VV_OK, "po: ISO-8859-1 file loads");
	CHECK_STR(po_catalog_lookup(cat, "a/p.1", "Blabaer"), "Blåbær",
		  "po: ISO-8859-1 converted to UTF-8");
	CHECK_STR(po_catalog_charset(cat), "ISO-8859-1", "po: charset read");
	po_catalog_free(cat);

	err = load(HEADER("KOI8-R", "") "msgctxt \"a\"\nmsgid \"x\"\n"
		   "msgstr \"\xf0\xd2\xc9\xd7\xc5\xd4\"\n", &cat);
	CHECK(err == VV_OK && cat && strcmp(po_catalog_lookup(cat, "a", "x"),
					    "Привет") == 0,
	      "po: KOI8-R converted to UTF-8");
	po_catalog_free(cat);

	err = load(HEADER("NO-SUCH-CHARSET", "") "msgid \"x\"\nmsgstr \"y\"\n",
		   &cat);
	CHECK(err == VV_ERR_FORMAT && cat == NULL && error_at(3),
	      "po: unknown charset names file:line");

	err = load(HEADER("UTF-8", "") "msgctxt \"a\"\nmsgid \"x\"\n"
		   "msgstr \"\xff\xfe\"\n", &cat);
	CHECK(err == VV_ERR_FORMAT && cat == NULL && error_at(7),
	      "po: invalid UTF-8 is refused at its entry");
}

static void test_plural(void)
{
	struct po_catalog *cat;
	enum vv_err err;
	const char *why;

	err = load(HEADER("UTF-8", "\"Plural-Forms: nplurals=2; plural=n "
				   "!=;\\n\"\n") "msgid \"x\"\nmsgstr \"y\"\n",
		   &cat);
	CHECK(err == VV_ERR_FORMAT && cat == NULL && error_at(4) &&
	      strstr(first_error, "Plural-Forms") && n_errors == 1,
	      "po: bad Plural-Forms is one error naming file:line");

	CHECK(po_plural_forms_problem("nplurals=1; plural=0;") == NULL,
	      "po: one form");
	CHECK(po_plural_forms_problem("nplurals=3; plural=(n%10==1 && "
				      "n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
				      "(n%100<10 || n%100>=20) ? 1 : 2);") ==
	      NULL, "po: Russian rule");
	CHECK(po_plural_forms_problem("nplurals=6; plural=n==0 ? 0 : n==1 ? "
				      "1 : n==2 ? 2 : n%100>=3 && n%100<=10 "
				      "? 3 : n%100>=11 ? 4 : 5;") == NULL,
	      "po: Arabic rule");
	CHECK(po_plural_forms_problem("nplurals=2; plural=n>1 ? 2 : 0;") != NULL,
	      "po: form number out of range");
	CHECK(po_plural_forms_problem("nplurals=0; plural=0;") != NULL,
	      "po: nplurals 0");
	CHECK(po_plural_forms_problem("nplurals=2; plural=n/0;") != NULL,
	      "po: division by zero");
	CHECK(po_plural_forms_problem("nplurals=2;") != NULL,
	      "po: plural= missing");
	CHECK(po_plural_forms_problem("nplurals=2; plural=(((n);") != NULL,
	      "po: unbalanced parentheses");
	CHECK(po_plural_forms_problem("nplurals=2; plural=n x 1;") != NULL,
	      "po: trailing garbage");
	/* The check is libgettextpo's (msgfmt --check's), with its words. */
	why = po_plural_forms_problem("nplurals=2; plural=n>1 ? 2 : 0;");
	CHECK(why && strstr(why, "can produce values as large as 2"),
	      "po: libgettextpo's range check and message");
	why = po_plural_forms_problem("nplurals=2; plural=n%(n-n);");
	CHECK(why && strstr(why, "division by zero"),
	      "po: libgettextpo's division check (n%(n-n))");
	why = po_plural_forms_problem("nplurals=2; plural=n != 1 ;");
	CHECK(why == NULL, "po: spaces and ';' after the expression");
}

static void test_syntax(void)
{
	struct po_catalog *cat;
	po_file_t f;
	int changed = -1;
	char other[700];
	enum vv_err err;

	err = load(HEADER("UTF-8", "") "msgid \"x\nmsgstr \"y\"\n", &cat);
	/* libgettextpo notices the unterminated string on the next line */
	CHECK(err == VV_ERR_FORMAT && cat == NULL && (error_at(5) ||
						      error_at(6)),
	      "po: syntax error names file:line");
	/* A translator's pasted entry: both places, so it can be found. */
	err = load(HEADER("UTF-8", "") "msgctxt \"a\"\nmsgid \"x\"\n"
		   "msgstr \"y\"\n\nmsgctxt \"a\"\nmsgid \"x\"\n"
		   "msgstr \"z\"\n", &cat);
	CHECK(err == VV_ERR_FORMAT && cat == NULL && error_at(10) &&
	      strstr(first_error, "duplicate") &&
	      strstr(first_error, "at line 5") && n_errors == 1,
	      "po: a duplicate entry names both lines");
	n_errors = 0;
	err = po_catalog_load("/nonexistent/x.po", &cat);
	CHECK(err == VV_ERR_IO && n_errors == 1, "po: missing file is I/O");

	load(HEADER("UTF-8", "") "msgctxt \"a\"\nmsgid \"x\"\nmsgstr \"y\"\n",
	     &cat);
	po_catalog_free(cat);
	f = po_read(path);
	CHECK(f != NULL, "po: po_read");
	if (f) {
		CHECK(po_write(f, path, &changed) == VV_OK && changed == 1,
		      "po: po_write rewrites a file that differs");
		CHECK(po_write(f, path, &changed) == VV_OK && changed == 0,
		      "po: po_write keeps identical bytes untouched");
		snprintf(other, sizeof other, "%s/none/x.po", dir);
		n_errors = 0;
		CHECK(po_write(f, other, &changed) == VV_ERR_IO &&
		      n_errors == 1, "po: unwritable path");
		po_file_free(f);
	}
}

int main(void)
{
	const char *top = getenv("TOP");

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(path, sizeof path, "%s/t.po", dir);
	vv_error_set_hook(capture_error, NULL);
	test_fixture(top ? top : ".");
	test_charset();
	test_plural();
	test_syntax();
	unlink(path);
	rmdir(dir);
	return CHECK_DONE();
}
