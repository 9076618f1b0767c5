/* Unit tests for common/utf8. */
#include "common/utf8.h"
#include "tests/unit/check.h"

static int valid(const char *s, size_t n)
{
	return utf8_valid((const unsigned char *)s, n);
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
	return CHECK_DONE();
}
