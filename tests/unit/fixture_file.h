/* fixture_file: writes the small text files unit tests read (a pack.xml,
 * a .po, a subtitle file). A fixture that cannot be written ends the test
 * program with status 2: the tests after it would prove nothing. */
#ifndef VV_TESTS_FIXTURE_FILE_H
#define VV_TESTS_FIXTURE_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* Writes `text` to `path`, replacing it. */
static inline void fixture_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* Writes `text` to "dir/rel". */
static inline void fixture_write_in(const char *dir, const char *rel,
				    const char *text)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	fixture_write(path, text);
}

#endif
