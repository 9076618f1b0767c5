/* Unit tests for player/core/session: time per slide, blank time, the
 * JSON and text records, atomic files, and that no personal data (user,
 * host, home, bundle path) ends up in them. */
#include "player/core/session.h"
#include "tests/unit/check.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const ids[] = { "welcome", "meeting", "film",
	"say \"hi\"" };
static const int video[] = { 0, 0, 1, 0 };

static struct session *make(void)
{
	struct session_info in;
	struct session *s = NULL;

	memset(&in, 0, sizeof in);
	in.pack_id = "career-guidance";
	in.pack_version = "1.2.0";
	in.lang = "ti";
	in.level = "lower-secondary";
	in.captions = "nb";
	in.n_items = 4;
	in.item_ids = ids;
	in.item_is_video = video;
	in.started = 1700000000;
	if (session_new(&in, 10.0, &s) != VV_OK)
		return NULL;
	return s;
}

static int near(double a, double b)
{
	return a - b < 1e-6 && b - a < 1e-6;
}

/* Reads a whole small file; NULL when missing. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = calloc(1, 65536);
	n = buf ? fread(buf, 1, 65535, f) : 0;
	(void)n;
	fclose(f);
	return buf;
}

static void test_times(void)
{
	struct session *s = make();
	struct session_info bad;
	struct session *none = NULL;

	CHECK(s != NULL, "new");
	memset(&bad, 0, sizeof bad);
	CHECK(session_new(&bad, 0, &none) == VV_ERR_USAGE && !none,
	      "no items is refused");
	session_show(s, 0, 10.0);
	session_show(s, 1, 14.0);      /* welcome 4 s */
	session_blank(s, 1, 15.0);     /* meeting 1 s, then blank */
	session_blank(s, 0, 18.0);     /* blank 3 s */
	session_show(s, 0, 20.0);      /* meeting +2 s */
	session_show(s, 0, 21.0);      /* same item: no new visit */
	session_show(s, 9, 22.0);      /* out of range: ignored */
	session_end(s, 25.0, 1700000900);  /* welcome +5 s */
	session_show(s, 3, 30.0);      /* after the end: ignored */
	CHECK(near(session_item_seconds(s, 0), 9.0) &&
	      near(session_item_seconds(s, 1), 3.0),
	      "time per slide, blank time excluded");
	CHECK(session_item_visits(s, 0) == 2 &&
	      session_item_visits(s, 1) == 1 &&
	      session_item_visits(s, 3) == 0, "visits");
	CHECK(near(session_blank_seconds(s), 3.0), "blank seconds");
	CHECK(near(session_seconds(s), 15.0), "duration");
	CHECK(session_items_shown(s) == 2, "distinct slides shown");
	session_free(s);
	session_free(NULL);
}

static void test_json(void)
{
	struct session *s = make();
	char *j, *t;

	session_show(s, 0, 10.0);
	session_show(s, 2, 12.5);
	session_show(s, 3, 13.0);
	session_end(s, 20.0, 1700000900);
	session_set_participants(s, 12);
	j = session_json(s);
	CHECK(j && strstr(j, "\"pack\":\"career-guidance\"") &&
	      strstr(j, "\"version\":\"1.2.0\"") &&
	      strstr(j, "\"language\":\"ti\"") &&
	      strstr(j, "\"level\":\"lower-secondary\"") &&
	      strstr(j, "\"captions\":\"nb\""), "json: pack and choice");
	CHECK(j && strstr(j, "\"participants\":12") &&
	      strstr(j, "\"slides_shown\":3") &&
	      strstr(j, "\"items_total\":4"), "json: counts");
	CHECK(j && strstr(j, "{\"number\":1,\"id\":\"welcome\",\"kind\":"
			     "\"slide\",\"seconds\":2.5,\"visits\":1}") &&
	      strstr(j, "\"id\":\"film\",\"kind\":\"video\",\"seconds\":0.5") &&
	      !strstr(j, "\"meeting\""), "json: shown slides with times");
	CHECK(j && strstr(j, "\"id\":\"say \\\"hi\\\"\""),
	      "json: strings escaped");
	CHECK(j && strstr(j, "\"date\":\"2023-11-1"),
	      "json: date of the start");
	t = session_text(s);
	CHECK(t && strstr(t, "career-guidance") && strstr(t, "Participants: 12")
	      && strstr(t, "3 / 4") && strstr(t, "welcome") &&
	      strstr(t, "0:03"), "text: readable summary");
	free(j);
	free(t);
	session_set_participants(s, -1);
	j = session_json(s);
	CHECK(j && strstr(j, "\"participants\":null"),
	      "json: count not given is null");
	free(j);
	session_set_participants(s, 99999);
	j = session_json(s);
	CHECK(j && strstr(j, "\"participants\":null"),
	      "json: an absurd count is not given");
	free(j);
	session_free(s);
}

static void test_write(void)
{
	char dir[] = "/tmp/vv-session-XXXXXX", sub[256], *path = NULL,
	     *path2 = NULL, *txt;
	struct session *s = make();
	DIR *d;
	struct dirent *e;
	int files = 0, tmp = 0;
	const char *user = getenv("USER"), *home = getenv("HOME");
	char host[256] = "";
	char *j;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	gethostname(host, sizeof host);
	snprintf(sub, sizeof sub, "%s/a/b", dir);
	session_show(s, 0, 10.0);
	session_end(s, 20.0, 1700000900);
	session_set_participants(s, 3);
	CHECK(session_write(s, sub, &path) == VV_OK && path &&
	      strstr(path, "/session-") && strstr(path,
	      "-career-guidance-ti-lower-secondary.json"),
	      "write: named by date, pack, language, level");
	CHECK(session_write(s, sub, &path2) == VV_OK && path2 &&
	      strstr(path2, "-2.json"), "write: a second record gets -2");
	j = path ? slurp(path) : NULL;
	txt = NULL;
	if (path) {
		char tp[512];

		snprintf(tp, sizeof tp, "%.*s.txt", (int)(strlen(path) - 5),
			 path);
		txt = slurp(tp);
	}
	CHECK(j && txt && strstr(j, "\"participants\":3") &&
	      strstr(txt, "Participants: 3"), "write: json and text files");
	CHECK(j && txt && (!user || !*user || (!strstr(j, user) &&
	      !strstr(txt, user))) && (!home || (!strstr(j, home) &&
	      !strstr(txt, home))) && (!*host || (!strstr(j, host) &&
	      !strstr(txt, host))) && !strstr(j, "/tmp") &&
	      !strstr(j, ".vvb"),
	      "write: no user, home, host or path in the record");
	d = opendir(sub);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		files++;
		tmp += strstr(e->d_name, ".tmp") != NULL;
	}
	if (d)
		closedir(d);
	CHECK(files == 4 && tmp == 0, "write: four files, no temporary left");
	CHECK(session_write(s, "/proc/no/such", NULL) == VV_ERR_IO,
	      "write: an unwritable folder is an error");
	free(j);
	free(txt);
	free(path);
	free(path2);
	session_free(s);
	{
		char cmd[512];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0, "cleanup");
	}
}

static void test_default_dir(void)
{
	char buf[512];

	setenv("XDG_STATE_HOME", "/x/state", 1);
	CHECK_STR(session_default_dir(buf, sizeof buf),
		  "/x/state/veiviser/sessions", "default: XDG state dir");
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/h", 1);
	CHECK_STR(session_default_dir(buf, sizeof buf),
		  "/h/.local/state/veiviser/sessions", "default: HOME");
	unsetenv("HOME");
	CHECK_STR(session_default_dir(buf, sizeof buf), ".",
		  "default: current folder");
}

/* The start-up check finds a folder that cannot take the record, and
 * creates nothing. */
static void test_check_dir(void)
{
	char dir[] = "/tmp/vv-session-check-XXXXXX";
	char file[256], sub[256], deep[256];
	struct stat st;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	snprintf(file, sizeof file, "%s/file", dir);
	snprintf(sub, sizeof sub, "%s/file/sessions", dir);
	snprintf(deep, sizeof deep, "%s/a/b/sessions", dir);
	f = fopen(file, "w");
	if (f)
		fclose(f);
	CHECK(session_check_dir(dir) == VV_OK, "check: a writable folder");
	CHECK(session_check_dir(deep) == VV_OK && stat(deep, &st) != 0,
	      "check: a folder still to make is fine, and not made yet");
	CHECK(session_check_dir(sub) == VV_ERR_IO,
	      "check: a folder under a file is refused at start");
	CHECK(session_check_dir("/proc/no/such") == VV_ERR_IO,
	      "check: a folder under /proc is refused at start");
	unlink(file);
	rmdir(dir);
}

int main(void)
{
	test_times();
	test_json();
	test_write();
	test_default_dir();
	test_check_dir();
	return CHECK_DONE();
}
