/* libFuzzer target for the deck readers of veiviser-build import
 * (builder/import_zip, import_pptx, import_odp): any bytes, read as a
 * deck, must give a deck within the caps or an error; never a crash, a
 * hang or a leak. The input is handed over as a file (a memfd), as
 * import reads decks by path. Seeded with a .pptx and an .odp made by
 * tests/tools/make-deck.py. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "builder/import_deck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("deck", 0);
	char path[64];
	struct import_deck deck;
	size_t i;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (import_deck_read(path, &deck) == VV_OK) {
		if (deck.n_slides == 0 || deck.n_slides > IMPORT_MAX_SLIDES)
			abort();
		for (i = 0; i < deck.n_slides; i++)
			if (!deck.slides[i].key)
				abort();
		import_deck_clear(&deck);
	}
	close(fd);
	return 0;
}
