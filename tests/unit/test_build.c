/* Unit tests for builder/build (veiviser-build build) through cmd_build()
 * on a text-only pack it writes itself: one bundle per language and level,
 * --lang/--level selection, --strict, unchanged bundles left alone, the
 * --json result, and usage errors that write nothing. */
#include "builder/commands.h"
#include "common/bundle.h"
#include "common/lang.h"
#include "tests/unit/check.h"
#include "tests/unit/fixture_file.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[] = "/tmp/vv-test-build-XXXXXX";
static char pack[600];

/* Runs cmd_build with the arguments after "build", up to a NULL. */
static int build(const char *first, ...)
{
	char *argv[16] = { (char *)"build" };
	const char *a = first;
	int argc = 1;
	va_list ap;

	va_start(ap, first);
	while (a && argc < 15) {
		argv[argc++] = (char *)a;
		a = va_arg(ap, const char *);
	}
	va_end(ap);
	argv[argc] = NULL;
	fflush(stdout);
	return cmd_build(argc, argv);
}

/* Number of .vvb files in `dir` (-1 when it cannot be read). */
static int count_bundles(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strstr(e->d_name, ".vvb") != NULL;
	closedir(d);
	return n;
}

static void out_dir(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", top, name);
}

/* The language, level and number of items of one built bundle. */
static int bundle_is(const char *dir, const char *file, const char *lang,
		     const char *level, size_t n_items)
{
	char path[800];
	struct bundle *b = NULL;
	int ok;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	if (bundle_open(path, &b) != VV_OK)
		return 0;
	ok = b->lang && strcmp(b->lang->code, lang) == 0 && b->level_id &&
	     strcmp(b->level_id, level) == 0 && b->n_items == n_items;
	bundle_close(b);
	return ok;
}

int main(void)
{
	char all[700], one[700], strict[700], json[700], path[800];
	struct stat before, after;
	char *text = NULL;
	size_t len;
	FILE *f;

	if (!mkdtemp(top))
		return 2;
	snprintf(pack, sizeof pack, "%s/pack", top);
	mkdir(pack, 0700);
	fixture_write_in(pack, "pack.xml",
		"<?xml version=\"1.0\"?>\n"
		"<pack xmlns=\"urn:veiviser:pack:1\" id=\"p\" version=\"1\" "
		"source-lang=\"nb\">\n<title>T</title>\n"
		"<languages>nb ar</languages>\n<items>\n"
		"<slide id=\"a\"><heading>Hei</heading><p>Velkommen</p>"
		"</slide>\n<slide id=\"b\" levels=\"no-schooling\">"
		"<heading>To</heading></slide>\n</items>\n</pack>\n");
	/* One text of ar translated: a language at 0 % gets no bundle. */
	snprintf(path, sizeof path, "%s/po", pack);
	mkdir(path, 0700);
	fixture_write_in(pack, "po/ar.po",
		"msgid \"\"\nmsgstr \"\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\"Language: ar\\n\"\n\n"
		"msgctxt \"a/heading\"\nmsgid \"Hei\"\n"
		"msgstr \"\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\"\n");

	fprintf(stderr, "(messages from cmd_build follow)\n");
	out_dir(all, sizeof all, "all");
	snprintf(json, sizeof json, "%s/result.json", top);
	CHECK(build(pack, "-o", all, "-j", "2", NULL, NULL) == 0,
	      "build: the pack builds (exit 0)");
	CHECK(count_bundles(all) == 6,
	      "build: one bundle per language and level (2 x 3)");
	CHECK(bundle_is(all, "p-1-ar-no-schooling.vvb", "ar", "no-schooling",
			2), "build: ar no-schooling has both slides");
	CHECK(bundle_is(all, "p-1-nb-upper-secondary.vvb", "nb",
			"upper-secondary", 1),
	      "build: a slide limited to no-schooling is left out elsewhere");

	/* A second build leaves unchanged bundles alone. */
	snprintf(path, sizeof path, "%s/p-1-nb-no-schooling.vvb", all);
	CHECK(stat(path, &before) == 0, "build: stat the first bundle");
	sleep(1);
	CHECK(build(pack, "-o", all, "--json", json, NULL, NULL) == 0,
	      "build: the second build exits 0");
	CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino &&
	      after.st_mtime == before.st_mtime,
	      "build: an unchanged bundle is not rewritten");
	f = fopen(json, "rb");
	if (f) {
		text = calloc(1, 65536);
		len = text ? fread(text, 1, 65535, f) : 0;
		fclose(f);
		(void)len;
	}
	CHECK(text && strstr(text, "\"status\": \"unchanged\"") &&
	      !strstr(text, "\"status\": \"written\""),
	      "build: --json says every bundle is unchanged");
	free(text);

	out_dir(one, sizeof one, "one");
	CHECK(build(pack, "-o", one, "--lang", "ar", "--level",
		    "no-schooling", NULL) == 0 && count_bundles(one) == 1 &&
	      bundle_is(one, "p-1-ar-no-schooling.vvb", "ar", "no-schooling",
			2), "build: --lang and --level pick one bundle");

	out_dir(strict, sizeof strict, "strict");
	CHECK(build(pack, "-o", strict, "--strict", NULL, NULL, NULL) != 0 &&
	      count_bundles(strict) <= 0,
	      "build: --strict refuses untranslated ar, writes nothing");
	CHECK(build(pack, "-o", strict, "--strict", "--lang", "nb", NULL) == 0 &&
	      count_bundles(strict) == 3,
	      "build: --strict builds the complete language");

	out_dir(path, sizeof path, "bad");
	CHECK(build(pack, "-o", path, "--lang", "xx", NULL, NULL) != 0 &&
	      count_bundles(path) <= 0,
	      "build: a language the pack lacks is refused, nothing written");
	CHECK(build(pack, NULL) == 2,
	      "build: no -o is a usage error (2)");
	CHECK(build(pack, "-o", path, "-j", "0", NULL, NULL) == 2,
	      "build: -j 0 is a usage error (2)");

	snprintf(path, sizeof path, "rm -rf '%s'", top);
	if (system(path) != 0)
		printf("# could not remove %s\n", top);
	return CHECK_DONE();
}
