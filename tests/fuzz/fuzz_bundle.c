/* libFuzzer target for the bundle reader: any bytes as a .vvb file must
 * give VV_OK or an error, never a crash, a hang or a leak. The input is
 * put in a memfd, since bundle_open() takes a path. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fd = -1;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle *b = NULL;
	unsigned char *member = NULL;
	size_t member_size = 0, i;

	if (fd < 0) {
		fd = memfd_create("fuzz.vvb", 0);
		if (fd < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (bundle_open(path, &b) == VV_OK) {
		/* Walk everything the player would touch. */
		(void)bundle_verify_members(b);
		for (i = 0; i < b->n_members && i < 4; i++) {
			if (bundle_read_member(b, &b->members[i], &member,
					       &member_size) == VV_OK)
				free(member);
			member = NULL;
		}
		for (i = 0; i < b->n_items; i++)
			if (b->items[i].image &&
			    !bundle_find_member(b, b->items[i].image->name))
				abort();
	}
	bundle_close(b);
	return 0;
}
