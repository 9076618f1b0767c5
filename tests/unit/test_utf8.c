/* Unit tests for common/utf8. */
#include "common/utf8.h"
#include "tests/unit/check.h"

static int valid(const char *s, size_t n)
{
	return utf8_valid((const unsigned char *)s, n);
}

static void test_next_put(void)
{
	static const uint32_t cps[] = { 0x41, 0xe5, 0x1200, 0x1f600,
					0x7ff, 0x800, 0xffff, 0x10000,
					0x10ffff };
	char buf[4];
	uint32_t cp = 0;
	size_t i, n, bad = 0;

	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		n = utf8_put(cps[i], buf);
		if (utf8_next((const unsigned char *)buf, n, &cp) != n ||
		    cp != cps[i])
			bad++;
	}
	CHECK(bad == 0, "utf8: put and next round-trip 1 to 4 bytes");
	CHECK(utf8_next((const unsigned char *)"\xc3\xa5x", 3, &cp) == 2 &&
	      cp == 0xe5, "utf8: next decodes one character");
	CHECK(utf8_next((const unsigned char *)"\xff", 1, &cp) == 0 &&
	      cp == UTF8_REPLACEMENT, "utf8: next refuses 0xff as U+FFFD");
	CHECK(utf8_next((const unsigned char *)"\xe1\x88\xb0", 2, &cp) == 0,
	      "utf8: next refuses a sequence cut by n");
	CHECK(utf8_next((const unsigned char *)"\x80", 1, &cp) == 0,
	      "utf8: next refuses a stray continuation byte");
}

int main(void)
{
	CHECK(valid("abc", 3), "utf8: ASCII is valid");
	CHECK(utf8_valid_str("ትግርኛ العربية Українська"),
	      "utf8: Ethiopic, Arabic and Cyrillic are valid");
	CHECK(!valid("\xc0\xaf", 2), "utf8: overlong two-byte form refused");
	CHECK(!valid("\xe0\x80\xaf", 3), "utf8: overlong three-byte form refused");
	CHECK(!valid("\xed\xa0\x80", 3), "utf8: surrogate refused");
	CHECK(!valid("\xf4\x90\x80\x80", 4), "utf8: above U+10FFFF refused");
	CHECK(!valid("\xe1\x88", 2), "utf8: sequence cut at the end refused");
	CHECK(!valid("\xe9t\xe9", 3), "utf8: Latin-1 bytes refused");
	CHECK(!utf8_valid_str(NULL), "utf8: NULL string is not valid");
	test_next_put();
	return CHECK_DONE();
}
