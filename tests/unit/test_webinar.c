/* Unit tests for player/core/webinar: the linked-rooms webinar record
 * lists rooms with their languages, counts and questions, the slides
 * with their times and drivers, the handovers; it is written atomically
 * into the same files again and again, and holds counts only. */
#include "player/core/webinar.h"
#include "tests/unit/check.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct webinar *make(void)
{
	struct webinar_info in;
	struct webinar *w = NULL;

	memset(&in, 0, sizeof in);
	in.session = "webinar-2026-12";
	in.pack_id = "career";
	in.pack_version = "1.0.0";
	in.level = "lower-secondary";
	in.lang = "nb";
	in.started = 1700000000;
	if (webinar_new(&in, 100.0, &w) != VV_OK)
		return NULL;
	return w;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	return buf;
}

static size_t count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_record(void)
{
	struct webinar *w = make();
	char *json, *text;

	CHECK(w != NULL, "a record is made");
	if (!w)
		return;
	webinar_slide(w, 0, "welcome", "host", 100.0);
	webinar_room(w, "narvik", "uk", 7, 1, 1, 101.0);
	webinar_room(w, "tromso", "ar", 12, 1, 1, 102.0);
	webinar_slide(w, 0, "welcome", "host", 105.0);   /* the same again */
	webinar_slide(w, 1, "meeting", "host", 110.0);
	webinar_question(w, "narvik", 111.0);
	webinar_question(w, "narvik", 112.0);
	webinar_question(w, "tromso", 113.0);
	webinar_hand(w, "tromso", 114.0);
	webinar_handover(w, "nav", 120.0);
	webinar_slide(w, 2, "nav-part", "nav", 121.0);
	webinar_room(w, "tromso", "ar", 9, 0, 1, 125.0);   /* lost */
	webinar_end(w, 130.0, 1700000030);
	webinar_slide(w, 0, "welcome", "host", 140.0);     /* after the end */
	CHECK(webinar_rooms(w) == 2 && webinar_questions(w, "narvik") == 2 &&
	      webinar_questions(w, "tromso") == 1, "rooms and questions");
	json = webinar_json(w, 999.0);
	text = webinar_text(w, 999.0);
	CHECK(json && strstr(json, "\"format\":\"veiviser-webinar/1\"") &&
	      strstr(json, "\"session\":\"webinar-2026-12\""),
	      "the JSON names its format and the session");
	CHECK(json && strstr(json, "{\"room\":\"narvik\",\"language\":\"uk\","
			     "\"participants\":7,") &&
	      strstr(json, "\"questions\":2,\"hands\":0}") &&
	      strstr(json, "{\"room\":\"tromso\",\"language\":\"ar\","
		     "\"participants\":12,") &&
	      strstr(json, "\"online_at_end\":false,\"times_lost\":1"),
	      "each room: language, its largest count, questions, lost");
	CHECK(json && strstr(json, "\"participants_total\":19,"
			     "\"questions_total\":3"), "the totals");
	CHECK(json && strstr(json, "{\"number\":1,\"id\":\"welcome\","
			     "\"driver\":\"host\",\"from_seconds\":0.0,"
			     "\"seconds\":10.0}") &&
	      strstr(json, "{\"number\":3,\"id\":\"nav-part\",\"driver\":"
		     "\"nav\",\"from_seconds\":21.0,\"seconds\":9.0}") &&
	      !strstr(json, "\"from_seconds\":40.0"),
	      "the slides with their times and drivers, until the end");
	CHECK(json && strstr(json, "\"handovers\":[{\"driver\":\"nav\","
			     "\"at_seconds\":20.0}]"), "the handover");
	CHECK(json && strstr(json, "\"duration_seconds\":30.0"),
	      "the duration ends at the end");
	CHECK(text && strstr(text, "narvik") && strstr(text, "webinar-2026-12")
	      && strstr(text, "nav-part"), "the text record");
	free(json);
	free(text);
	webinar_free(w);
}

static void test_write(void)
{
	char dir[] = "/tmp/test_webinar_XXXXXX";
	char sub[600];
	struct webinar *w = make();
	const char *path = NULL, *again = NULL;
	char *first = NULL, *json;

	CHECK(w && mkdtemp(dir) != NULL, "a folder");
	if (!w)
		return;
	snprintf(sub, sizeof sub, "%s/sessions", dir);
	webinar_slide(w, 0, "welcome", "host", 100.0);
	CHECK(webinar_dirty(w), "a change makes the record dirty");
	CHECK(webinar_write(w, sub, 105.0, &path) == VV_OK && path &&
	      strstr(path, "/webinar-") && strstr(path, "-webinar-2026-12.json"),
	      "written, the folder made, named by date and session");
	CHECK(!webinar_dirty(w), "clean after writing");
	first = path ? strdup(path) : NULL;
	webinar_room(w, "bodo", "nb", 4, 1, 1, 106.0);
	CHECK(webinar_write(w, sub, 107.0, &again) == VV_OK && again && first &&
	      strcmp(again, first) == 0 && count_files(sub) == 2,
	      "written again into the same two files, no temporary left");
	json = again ? read_all(again) : NULL;
	CHECK(json && strstr(json, "\"room\":\"bodo\"") &&
	      strstr(json, "\"ended\":null"),
	      "the new copy holds the room; not ended yet");
	free(json);
	free(first);
	webinar_free(w);
	/* a second record of the same second gets its own name */
	w = make();
	if (w) {
		webinar_slide(w, 0, "welcome", "host", 100.0);
		CHECK(webinar_write(w, sub, 101.0, &path) == VV_OK && path &&
		      strstr(path, "-2.json") && count_files(sub) == 4,
		      "a name already taken gets -2");
		webinar_free(w);
	}
	{
		char cmd[700];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0, "cleanup");
	}
}

int main(void)
{
	test_record();
	test_write();
	return CHECK_DONE();
}
