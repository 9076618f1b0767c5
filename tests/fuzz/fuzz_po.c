/* libFuzzer target for the .po loading path of the builder (builder/po:
 * libgettextpo's reader, the charset conversion, the Plural-Forms check
 * and the lookup table): any bytes load or give an error after one
 * message; never a crash, a hang or a leak of ours (libgettextpo's own
 * leaks are suppressed in po.c). The bytes reach it as a file, as a
 * translator's .po does. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "builder/po.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct po_catalog *cat = NULL;
	char path[64];
	int fd = memfd_create("fuzz.po", MFD_CLOEXEC);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		if (po_catalog_load(path, &cat) == VV_OK) {
			if (!cat)
				abort();
			(void)po_catalog_nplurals(cat);
			(void)po_catalog_lookup(cat, "a/heading", "x");
			po_catalog_free(cat);
		} else if (cat) {
			abort();
		}
	}
	close(fd);
	return 0;
}
