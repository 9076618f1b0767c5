/* Unit tests for builder/cache: keys and entry paths. */
#include "builder/cache.h"
#include "common/hash.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/vv-test-cache-XXXXXX";
	char src[128], k1[CACHE_KEY_SIZE], k2[CACHE_KEY_SIZE];
	char k3[CACHE_KEY_SIZE], sub[96], cmd[128];
	char *entry;
	struct stat sb;
	FILE *f;

	if (!mkdtemp(dir))
		return 1;
	snprintf(src, sizeof src, "%s/film.mkv", dir);
	f = fopen(src, "w");
	if (f) {
		fputs("not a film", f);
		fclose(f);
	}
	CHECK(cache_key(src, "remux:uk", k1) == VV_OK &&
	      cache_key(src, "remux:uk", k2) == VV_OK && strcmp(k1, k2) == 0,
	      "cache: the same file and variant give the same key");
	CHECK(hash_is_hex(k1) && strlen(k1) == 64,
	      "cache: a key is 64 lowercase hex digits");
	CHECK(cache_key(src, "remux:ar", k3) == VV_OK && strcmp(k1, k3) != 0,
	      "cache: another variant, another key");
	CHECK(cache_key("/nonexistent/x", "v", k3) == VV_ERR_IO,
	      "cache: a missing source is an I/O error");
	snprintf(sub, sizeof sub, "%s/cache", dir);
	entry = cache_entry_path(sub, k1, ".probe");
	snprintf(src, sizeof src, "%s/%.2s", sub, k1);
	CHECK(entry && strncmp(entry, src, strlen(src)) == 0 &&
	      strcmp(entry + strlen(entry) - 6, ".probe") == 0 &&
	      stat(src, &sb) == 0 && S_ISDIR(sb.st_mode),
	      "cache: entry path under a created two-digit folder");
	free(entry);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return CHECK_DONE();
}
