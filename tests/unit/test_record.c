/* Unit tests for player/core/record: what the session and webinar
 * records share: JSON string fields, local times, durations, file-safe
 * names and the first free pair of file names. */
#include "player/core/record.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_put_str(void)
{
	struct strbuf b;
	char *s;

	strbuf_init(&b, 1 << 16);
	record_put_str(&b, "room", "bodo \"1\"", 1);
	record_put_str(&b, "lang", NULL, 0);
	s = strbuf_take(&b, NULL);
	CHECK_STR(s, "\"room\":\"bodo \\\"1\\\"\",\"lang\":null",
		  "put_str: escaped, comma after the first, NULL as null");
	free(s);
}

static void test_time(void)
{
	char out[40];
	time_t t = 1700000000;   /* 2023-11-14T22:13:20Z */

	setenv("TZ", "UTC", 1);
	tzset();
	record_time(t, RECORD_DATE, out, sizeof out);
	CHECK_STR(out, "2023-11-14", "time: date");
	record_time(t, RECORD_ISO, out, sizeof out);
	CHECK_STR(out, "2023-11-14T22:13:20+0000", "time: ISO 8601");
	record_time(t, RECORD_CLOCK, out, sizeof out);
	CHECK_STR(out, "22:13", "time: clock");
	record_time(t, RECORD_CLOCK_S, out, sizeof out);
	CHECK_STR(out, "22:13:20", "time: clock with seconds");
	record_time(t, RECORD_FILE, out, sizeof out);
	CHECK_STR(out, "20231114-221320", "time: for file names");
	record_time(t, RECORD_ISO, out, 8);
	CHECK_STR(out, "?", "time: too small a buffer gives ?");
}

static void test_duration(void)
{
	char out[32];

	record_duration(59.4, out, sizeof out);
	CHECK_STR(out, "0:59", "duration: m:ss");
	record_duration(3599.6, out, sizeof out);
	CHECK_STR(out, "1:00:00", "duration: rounded, h:mm:ss from an hour");
	record_duration(-3, out, sizeof out);
	CHECK_STR(out, "0:00", "duration: negative as 0");
}

static void test_names(void)
{
	char out[64], dir[] = "/tmp/test_record.XXXXXX", base[128];
	char json[160], text[160];
	FILE *f;

	record_safe_name("linked rooms/Bodø", out, sizeof out);
	CHECK_STR(out, "linked_rooms_Bod__", "safe_name: unsafe bytes as _");
	memset(json, 'a', 100);
	json[100] = '\0';
	record_safe_name(json, out, sizeof out);
	CHECK(strlen(out) == 48, "safe_name: at most 48 bytes");

	if (!mkdtemp(dir))
		return;
	snprintf(base, sizeof base, "%s/webinar-x", dir);
	record_paths(base, json, text, sizeof json);
	CHECK(strcmp(json + strlen(dir), "/webinar-x.json") == 0 &&
	      strcmp(text + strlen(dir), "/webinar-x.txt") == 0,
	      "paths: BASE.json and BASE.txt first");
	/* a text file alone takes the pair too */
	if ((f = fopen(text, "w")))
		fclose(f);
	record_paths(base, json, text, sizeof json);
	CHECK(strcmp(json + strlen(dir), "/webinar-x-2.json") == 0 &&
	      strcmp(text + strlen(dir), "/webinar-x-2.txt") == 0,
	      "paths: BASE-2 when either file of BASE exists");
	snprintf(json, sizeof json, "%s/webinar-x.txt", dir);
	unlink(json);
	rmdir(dir);
	CHECK(record_make_dir("/proc/no/such/folder") == VV_ERR_IO,
	      "make_dir: a folder that cannot be made is an I/O error");
}

int main(void)
{
	test_put_str();
	test_time();
	test_duration();
	test_names();
	return CHECK_DONE();
}
