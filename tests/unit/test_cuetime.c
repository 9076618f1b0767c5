/* Unit tests for common/cuetime: the one cue time parser. */
#include "common/cuetime.h"
#include "tests/unit/check.h"

static long one(const char *s)
{
	return cuetime_parse(&s);
}

int main(void)
{
	const char *p = "00:01.250 rest";
	long a = 0, z = 0;
	char buf[16];

	CHECK(cuetime_parse(&p) == 1250 && *p == ' ',
	      "cuetime: MM:SS.mmm, pointer past it");
	CHECK(one("01:02:03,004") == 3723004, "cuetime: SRT comma, hours");
	CHECK(one("00:00:61.000") == -1, "cuetime: seconds over 59 refused");
	CHECK(one("00:61:00.000") == -1, "cuetime: minutes over 59 refused");
	CHECK(one("00:00:01.5") == -1, "cuetime: two ms digits refused");
	CHECK(one("1.000") == -1, "cuetime: seconds alone refused");
	CHECK(cuetime_parse_timing(" 00:01.000 --> 00:00:02.500 align:start",
				   &a, &z) == 0 && a == 1000 && z == 2500,
	      "cuetime: timing line with settings");
	CHECK(cuetime_parse_timing("00:00:01,000 -> 00:00:02,000", &a, &z) ==
	      -1, "cuetime: a one-dash arrow is no timing line");
	CHECK(cuetime_parse_timing("00:00:03.000 --> 00:00:01.000", &a, &z) ==
	      0 && a == 3000 && z == 1000,
	      "cuetime: order is left to the caller");
	cuetime_format(3723004, buf, sizeof buf);
	CHECK_STR(buf, "01:02:03.004", "cuetime: format");
	cuetime_format(-5, buf, sizeof buf);
	CHECK_STR(buf, "00:00:00.000", "cuetime: negative formats as 0");
	return CHECK_DONE();
}
