/* Minimal unit-test helpers: each CHECK prints PASS or FAIL with its name.
 * The runner (tests/run) counts those lines. */
#ifndef VV_TESTS_CHECK_H
#define VV_TESTS_CHECK_H
#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond, name)                                                      \
	do {                                                                   \
		if (cond) {                                                    \
			printf("PASS %s\n", (name));                           \
		} else {                                                       \
			printf("FAIL %s: %s (%s:%d)\n", (name), #cond,         \
			       __FILE__, __LINE__);                            \
			check_failures++;                                      \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want, name)                                             \
	do {                                                                   \
		const char *check_got_ = (got);                                \
		const char *check_want_ = (want);                              \
		if (check_got_ && check_want_ &&                               \
		    strcmp(check_got_, check_want_) == 0) {                    \
			printf("PASS %s\n", (name));                           \
		} else {                                                       \
			printf("FAIL %s: got \"%s\", want \"%s\" (%s:%d)\n",   \
			       (name), check_got_ ? check_got_ : "(null)",     \
			       check_want_ ? check_want_ : "(null)", __FILE__, \
			       __LINE__);                                      \
			check_failures++;                                      \
		}                                                              \
	} while (0)

#define CHECK_DONE() (fflush(stdout), check_failures ? 1 : 0)

#endif
