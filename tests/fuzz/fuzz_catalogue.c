/* libFuzzer target for the catalogue reader (common/catalogue), which
 * veiviser-sync runs on what a site serves: any bytes give VV_OK with a
 * catalogue whose every entry is complete (href naming its own sha256),
 * or an error that leaves the catalogue empty; catalogue_check() agrees;
 * never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/catalogue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalogue c;
	enum vv_err err;
	char msg[400];
	size_t i;

	err = catalogue_parse("fuzz", (const char *)data, size, &c);
	if (catalogue_check((const char *)data, size, msg, sizeof msg) != err)
		abort();        /* the two entry points read alike */
	if (err != VV_OK) {
		if (c.n || c.entries || c.version)
			abort();        /* an error leaves nothing behind */
		return 0;
	}
	if (c.version <= 0 || c.n > CATALOGUE_MAX_ENTRIES)
		abort();
	for (i = 0; i < c.n; i++) {
		const struct catalogue_entry *e = &c.entries[i];
		char want[96];

		snprintf(want, sizeof want, "bundles/%s.vvb", e->sha256);
		if (!e->pack || !e->lang || !e->level || !e->title ||
		    e->size == 0 || strcmp(e->href, want) != 0)
			abort();
	}
	catalogue_clear(&c);
	return 0;
}
