/* Unit tests for player/core/uilang: switching the interface language at
 * run time, back and forth, with catalogues this test compiles itself
 * (msgfmt), so the answers do not depend on locales/. */
#include "player/core/uilang.h"
#include "tests/unit/check.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/test_uilang.XXXXXX";

/* Writes DIR/CODE/LC_MESSAGES/veiviser.mo translating "Start" and
 * "Language" to the two given strings. */
static int catalogue(const char *code, const char *start, const char *lang)
{
	char path[512], cmd[1200];
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, code);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", dir, code);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/%s.po", dir, code);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "msgid \"\"\nmsgstr \"Content-Type: text/plain; "
		   "charset=UTF-8\\n\"\n\n"
		   "msgid \"Start\"\nmsgstr \"%s\"\n\n"
		   "msgid \"Language\"\nmsgstr \"%s\"\n", start, lang);
	fclose(f);
	snprintf(cmd, sizeof cmd, "msgfmt -o '%s/%s/LC_MESSAGES/veiviser.mo' "
		 "'%s'", dir, code, path);
	rc = system(cmd);
	return rc == 0 ? 0 : -1;
}

int main(void)
{
	char cmd[600];
	int ok;

	if (!mkdtemp(dir)) {
		printf("FAIL uilang: cannot make a temporary folder\n");
		return 1;
	}
	ok = catalogue("nb", "Begynn", "Språk") == 0 &&
	     catalogue("ar", "ابدأ", "اللغة") == 0 &&
	     catalogue("en", "Start", "Language") == 0;
	CHECK(ok, "uilang: test catalogues compiled with msgfmt");

	setenv("VV_LOCALEDIR", dir, 1);
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C", 1);
	uilang_init();
	CHECK_STR(uilang_dir(), dir, "uilang: bound to $VV_LOCALEDIR");
	CHECK_STR(gettext("Start"), "Start",
		  "uilang: C locale at start: the msgid");

	/* Each switch must show at once, also for a msgid already looked up
	 * in another language (gettext caches its answers). */
	uilang_set("nb");
	CHECK_STR(gettext("Start"), "Begynn", "uilang: switched to nb");
	CHECK_STR(gettext("Language"), "Språk", "uilang: nb, second msgid");
	uilang_set("ar");
	CHECK_STR(gettext("Start"), "ابدأ",
		  "uilang: switched to ar (cached nb answer not reused)");
	CHECK_STR(gettext("Language"), "اللغة", "uilang: ar, second msgid");
	uilang_set("nb");
	CHECK_STR(gettext("Start"), "Begynn", "uilang: back to nb");
	uilang_set("ti");
	CHECK_STR(gettext("Start"), "Start",
		  "uilang: a language without a catalogue falls back to en");
	uilang_set(NULL);
	CHECK_STR(gettext("Start"), "Start",
		  "uilang: NULL: back to the start-up language (none: msgid)");
	/* Threads translate (gettext reads LANGUAGE) while the main one
	 * switches: LANGUAGE is put in the environment once, at init, and
	 * only ever replaced after, so that no setenv() has to grow the
	 * environment under a reader (glibc reallocates the array when a
	 * variable is added). Empty means unset to gettext. */
	{
		extern char **environ;
		char **before;

		CHECK(getenv("LANGUAGE") && !*getenv("LANGUAGE"),
		      "uilang: NULL without a start-up language: LANGUAGE "
		      "stays, empty");
		before = environ;
		uilang_set("ar");
		uilang_set(NULL);
		uilang_set("nb");
		CHECK(environ == before,
		      "uilang: switching never reallocates the environment");
	}

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return CHECK_DONE();
}
