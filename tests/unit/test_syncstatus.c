/* Unit tests for common/syncstatus: reading veiviser-sync's status JSON
 * (what the sync writes, escapes, nulls, and what is not a status). */
#include "common/syncstatus.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static enum vv_err read_text(const char *text, struct sync_status *st)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return VV_ERR_IO;
	fputs(text, f);
	fclose(f);
	return sync_status_read(path, st);
}

int main(void)
{
	struct sync_status st;
	enum vv_err err;
	int fd;

	snprintf(path, sizeof path, "/tmp/test_syncstatus.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);

	err = read_text("{\"catalogue_version\":7,\"last_attempt\":"
			"\"2026-12-02T10:00:00Z\",\"last_success\":"
			"\"2026-12-02T10:00:01Z\",\"last_error\":null,"
			"\"error_kind\":null,"
			"\"bytes\":123456789012,\"bundles\":21}\n", &st);
	CHECK(err == VV_OK && st.version == 7 && st.bundles == 21 &&
	      st.bytes == 123456789012ULL && st.last_error[0] == '\0' &&
	      st.error_kind[0] == '\0',
	      "syncstatus: what veiviser-sync writes after a success");
	CHECK_STR(st.last_success, "2026-12-02T10:00:01Z",
		  "syncstatus: the last success");
	err = read_text("{\"last_error\":\"x: expired\",\"error_kind\":"
			"\"expired\"}", &st);
	CHECK(err == VV_OK && strcmp(st.error_kind, SYNC_KIND_EXPIRED) == 0,
	      "syncstatus: the kind of a failure");
	err = read_text(" { \"last_success\" : null , \"unknown\": \"x\","
			"\"last_error\":\"a \\\"b\\\"\\n\\u00e5\\ud83d\\ude00"
			"\", \"catalogue_version\": 0 } ", &st);
	CHECK(err == VV_OK && st.last_success[0] == '\0',
	      "syncstatus: null and unknown members, spaces");
	CHECK_STR(st.last_error, "a \"b\"\n\xc3\xa5\xf0\x9f\x98\x80",
		  "syncstatus: escapes and a surrogate pair decoded");
	err = read_text("{\"last_error\":\"x\"", &st);
	CHECK(err == VV_ERR_FORMAT && st.last_error[0] == '\0',
	      "syncstatus: a cut object is refused and leaves nothing");
	CHECK(read_text("{\"bytes\":1} trailing", &st) == VV_ERR_FORMAT,
	      "syncstatus: text after the object is refused");
	CHECK(read_text("{\"last_error\":\"\\ud800\"}", &st) == VV_ERR_FORMAT,
	      "syncstatus: a lone surrogate is refused");
	CHECK(read_text("[1]", &st) == VV_ERR_FORMAT,
	      "syncstatus: not an object");
	{
		char big[2000];

		memset(big, 'x', sizeof big);
		memcpy(big, "{\"last_error\":\"", 15);
		strcpy(big + sizeof big - 3, "\"}");
		err = read_text(big, &st);
		CHECK(err == VV_OK &&
		      strlen(st.last_error) == sizeof st.last_error - 1,
		      "syncstatus: a long error is cut to fit");
	}
	unlink(path);
	CHECK(sync_status_read(path, &st) == VV_ERR_NOTFOUND,
	      "syncstatus: no file is VV_ERR_NOTFOUND");
	return CHECK_DONE();
}
