/* Unit tests for common/strbuf: the capped growable string. */
#include "common/strbuf.h"
#include "tests/unit/check.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	struct strbuf b;
	char *s;
	size_t len = 99, i;

	strbuf_init(&b, 1 << 20);
	s = strbuf_take(&b, &len);
	CHECK(s && *s == '\0' && len == 0, "strbuf: empty buffer gives \"\"");
	free(s);
	strbuf_init(&b, 1 << 20);
	for (i = 0; i < 1000; i++)
		strbuf_puts(&b, "abc");
	strbuf_printf(&b, "-%d-%s", 42, "x");
	s = strbuf_take(&b, &len);
	CHECK(s && len == 3005 && strlen(s) == 3005 &&
	      strcmp(s + 3000, "-42-x") == 0, "strbuf: grows, printf appends");
	free(s);
	strbuf_init(&b, 8);
	strbuf_puts(&b, "1234567");
	CHECK(!b.failed && b.len == 7, "strbuf: fills up to the cap");
	strbuf_add(&b, "8", 1);
	CHECK(b.failed && b.len == 7 && strcmp(b.data, "1234567") == 0,
	      "strbuf: past the cap fails and keeps the text");
	strbuf_puts(&b, "");
	CHECK(b.failed, "strbuf: failure sticks");
	CHECK(strbuf_take(&b, &len) == NULL && len == 0 && !b.data,
	      "strbuf: a failed buffer is freed, not handed over");
	strbuf_init(&b, 8);
	strbuf_printf(&b, "%s", "123456789");
	CHECK(b.failed && b.len == 0, "strbuf: printf past the cap adds nothing");
	strbuf_free(&b);
	return CHECK_DONE();
}
