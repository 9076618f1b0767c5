/* Unit tests for common/json: the one JSON string escaper. */
#include "common/json.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <string.h>

static void written(const char *s, char *out, size_t size)
{
	FILE *f = tmpfile();
	size_t n = 0;

	out[0] = '\0';
	if (!f)
		return;
	json_write_string(f, s);
	rewind(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
}

int main(void)
{
	char buf[64], out[64];
	size_t len = 0;

	json_escape(buf, sizeof buf, &len, "\t\x7f\xc3");
	CHECK_STR(buf, "\\t\\u007f\xef\xbf\xbd",
		  "json: tab, DEL and a cut sequence escaped");
	len = 0;
	json_escape(buf, 4, &len, "\xc3\xa5\xc3\xa5");
	CHECK(len == 2 && strcmp(buf, "\xc3\xa5") == 0,
	      "json: escape stops between characters, not inside one");
	len = 0;
	json_escape(buf, 3, &len, "a\"");
	CHECK(len == 1 && strcmp(buf, "a") == 0,
	      "json: an escape that does not fit is left out whole");
	len = 0;
	json_escape(buf, sizeof buf, &len, NULL);
	CHECK(len == 0 && buf[0] == '\0', "json: NULL appends nothing");
	written("a\"b\n\xff", out, sizeof out);
	CHECK_STR(out, "\"a\\\"b\\n\xef\xbf\xbd\"",
		  "json: write_string quotes and escapes like json_escape");
	written(NULL, out, sizeof out);
	CHECK_STR(out, "null", "json: write_string writes NULL as null");
	return CHECK_DONE();
}
