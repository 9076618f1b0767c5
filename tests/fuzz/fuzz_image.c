/* libFuzzer target for the picture decoder (common/image, libpng and
 * libjpeg behind one table): any bytes must give VV_OK with a picture
 * within the player's caps, or an error; never a crash, a hang, a leak,
 * or memory far beyond the picture's size (the caps are checked right
 * after the header). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "common/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *rgba = NULL;
	int w = 0, h = 0;
	struct image_info info;

	(void)image_probe(data, size, "fuzz", &info);
	if (image_decode(data, size, "fuzz", IMAGE_PLAYER_MAX_PIXELS, &rgba,
			 &w, &h) == VV_OK) {
		if (w <= 0 || h <= 0 || w > IMAGE_MAX_SIDE ||
		    h > IMAGE_MAX_SIDE ||
		    (uint64_t)w * (uint64_t)h > IMAGE_PLAYER_MAX_PIXELS)
			abort();
		/* every pixel is there */
		volatile uint8_t sink = rgba[(size_t)w * (size_t)h * 4 - 1];
		(void)sink;
		free(rgba);
	}
	return 0;
}
