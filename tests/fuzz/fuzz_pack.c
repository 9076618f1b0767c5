/* libFuzzer target for pack loading: any bytes as pack.xml must give
 * VV_OK or an error, never a crash, a hang or a leak. When the input holds
 * the line "--VTT--", what follows it is written as media/s.vtt, so that
 * a pack naming <subtitles src="media/s.vtt"/> reaches the subtitle
 * reader too (fuzz_subtitle fuzzes it alone). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/vv-fuzz-pack-XXXXXX";
static int ready;

static void put(const char *name, const uint8_t *data, size_t size)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n--VTT--\n";
	struct pack *pack = NULL;
	const uint8_t *vtt = NULL;
	size_t xml_size = size, i;

	if (!ready) {
		char media[128];

		if (!mkdtemp(dir))
			abort();
		snprintf(media, sizeof media, "%s/media", dir);
		if (mkdir(media, 0700) != 0)
			abort();
		ready = 1;
	}
	for (i = 0; i + sizeof sep - 1 <= size; i++)
		if (memcmp(data + i, sep, sizeof sep - 1) == 0) {
			xml_size = i;
			vtt = data + i + sizeof sep - 1;
			break;
		}
	put("pack.xml", data, xml_size);
	put("media/s.vtt", vtt ? vtt : data, vtt ? size - (size_t)(vtt - data)
					   : 0);
	if (pack_load(dir, &pack) == VV_OK) {
		/* Walk what pot and build would touch. */
		size_t k;

		for (k = 0; k < pack->n_items; k++)
			(void)pack_item_in_level(&pack->items[k],
						 pack->levels[0].id);
	}
	pack_free(pack);
	return 0;
}
