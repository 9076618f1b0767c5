/* Unit tests for player/core/trust: records of verified bundles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "player/core/trust.h"
#include "tests/unit/check.h"

static struct bundle_identity ident(uint64_t ino, int64_t ctime_ns)
{
	struct bundle_identity id;

	memset(&id, 0, sizeof id);
	id.dev = 2049;
	id.ino = ino;
	id.size = 400000000;
	id.mtime_ns = 1700000000123456789;
	id.ctime_ns = ctime_ns;
	memset(id.manifest_sha256, 'a', 64);
	return id;
}

int main(void)
{
	char dir[] = "/tmp/vv-test-trust-XXXXXX", path[256], text[512];
	struct bundle_identity a = ident(11, 1700000000000000001);
	struct bundle_identity b = ident(12, 1700000000000000002);
	struct bundle_identity c;
	struct trust *t = NULL;
	FILE *f;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/state/veiviser/verified", dir);
	CHECK(trust_open(path, &t) == VV_OK && t && !trust_known(t, &a),
	      "trust: a missing record file is an empty record");
	CHECK(trust_add(t, &a) == VV_OK && trust_add(t, &b) == VV_OK &&
		      trust_known(t, &a) && trust_known(t, &b),
	      "trust: added records are known");
	CHECK(trust_save(t) == VV_OK, "trust: saved, its folders made");
	trust_free(t);
	t = NULL;
	CHECK(trust_open(path, &t) == VV_OK && trust_known(t, &a) &&
		      trust_known(t, &b), "trust: read back");
	c = a;
	c.ctime_ns++;
	CHECK(!trust_known(t, &c), "trust: another ctime is not known");
	c = a;
	c.size--;
	CHECK(!trust_known(t, &c), "trust: another size is not known");
	c = a;
	c.manifest_sha256[3] = 'b';
	CHECK(!trust_known(t, &c), "trust: another manifest is not known");
	c = a;
	c.ctime_ns++;
	CHECK(trust_add(t, &c) == VV_OK && trust_known(t, &c) &&
		      !trust_known(t, &a),
	      "trust: a new record for the same file replaces the old");
	trust_free(t);

	/* Damaged lines are ignored; the good one is kept. */
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "garbage\n1 2 3\n");
		fprintf(f, "2049 12 400000000 1700000000123456789 "
			   "1700000000000000002 %.64s\n", b.manifest_sha256);
		fprintf(f, "2049 11 400000000 1700000000123456789 "
			   "1700000000000000001 %.63sZ\n", a.manifest_sha256);
		fclose(f);
	}
	t = NULL;
	CHECK(trust_open(path, &t) == VV_OK && trust_known(t, &b) &&
		      !trust_known(t, &a),
	      "trust: damaged lines are skipped, good ones kept");
	trust_free(t);

	/* An unwritable place: an error from save, never from open. */
	t = NULL;
	CHECK(trust_open("/proc/vv-no/verified", &t) == VV_OK && t,
	      "trust: an unreadable record opens empty");
	trust_add(t, &a);
	fflush(stdout);
	CHECK(trust_unwritable(t) == NULL, "trust: no failure before a save");
	CHECK(trust_save(t) == VV_ERR_IO, "trust: an unwritable one fails");
	CHECK(trust_unwritable(t) &&
	      strcmp(trust_unwritable(t), "/proc/vv-no") == 0,
	      "trust: the failed save's folder is kept for the staff");
	trust_free(t);
	trust_free(NULL);

	snprintf(text, sizeof text, "rm -rf '%s'", dir);
	if (system(text) != 0)
		printf("FAIL could not remove %s\n", dir);
	return CHECK_DONE();
}
