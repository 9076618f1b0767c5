/* Unit tests for common/version: the order of pack versions. */
#include "common/version.h"
#include "tests/unit/check.h"

/* sign of version_cmp(a, b), and that the reverse is its opposite */
static int order(const char *a, const char *b)
{
	int ab = version_cmp(a, b), ba = version_cmp(b, a);

	ab = ab < 0 ? -1 : ab > 0;
	ba = ba < 0 ? -1 : ba > 0;
	return ab == -ba ? ab : 99;
}

int main(void)
{
	CHECK(order("1.10.0", "1.9.0") == 1, "version: 1.10.0 after 1.9.0");
	CHECK(order("1.1.0", "1.0.0") == 1, "version: 1.1.0 after 1.0.0");
	CHECK(order("2.0.0", "1.99.99") == 1, "version: the major part first");
	CHECK(order("1.0.10", "1.0.9") == 1, "version: patch as a number");
	CHECK(order("1.0.0", "1.0.0") == 0, "version: equal");
	CHECK(order("1.1", "1.1.0") == 0 && order("1.1.1", "1.1") == 1,
	      "version: a missing part is 0");
	CHECK(order("01.2.0", "1.2.0") == 0,
	      "version: leading zeros do not count");
	CHECK(order("1.0.0+build.7", "1.0.0+build.8") == 0 &&
	      order("1.0.1+a", "1.0.0+z") == 1,
	      "version: build metadata is ignored");
	CHECK(order("1.0.0-rc.1", "1.0.0") == -1 &&
	      order("1.0.0-rc.1", "0.9.9") == 1,
	      "version: a pre-release before its release, after the one "
	      "before");
	/* SemVer 2.0.0's own list, section 11 */
	CHECK(order("1.0.0-alpha", "1.0.0-alpha.1") == -1 &&
	      order("1.0.0-alpha.1", "1.0.0-alpha.beta") == -1 &&
	      order("1.0.0-alpha.beta", "1.0.0-beta") == -1 &&
	      order("1.0.0-beta", "1.0.0-beta.2") == -1 &&
	      order("1.0.0-beta.2", "1.0.0-beta.11") == -1 &&
	      order("1.0.0-beta.11", "1.0.0-rc.1") == -1,
	      "version: pre-releases in SemVer's order");
	CHECK(order("123456789012345678901234567890.0",
		    "123456789012345678901234567889.9") == 1,
	      "version: numbers longer than a long compare by value");
	CHECK(order("2024b", "2024a") == 1 && order("2024a", "2025") == 1,
	      "version: a part that is no number compares as text, after "
	      "numbers");
	CHECK(order(NULL, "0") == -1 && order(NULL, NULL) == 0,
	      "version: none is older than any");
	CHECK(order("1..3", "1..2") == 1 && order("1.", "1") == 0,
	      "version: empty parts do not stop the comparison");
	return CHECK_DONE();
}
