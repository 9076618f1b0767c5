/* exif: Orientation from a JPEG's Exif segment, and the turn; see
 * exif.h. */
#include "common/exif.h"

#include <stdlib.h>
#include <string.h>

#define EXIF_TAG_ORIENTATION 0x0112
#define EXIF_TYPE_SHORT 3
#define EXIF_ENTRY_SIZE 12

static unsigned read16(const uint8_t *p, int big)
{
	return big ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

static uint32_t read32(const uint8_t *p, int big)
{
	return big ? (uint32_t)read16(p, 1) << 16 | read16(p + 2, 1)
		   : (uint32_t)read16(p + 2, 0) << 16 | read16(p, 0);
}

int exif_orientation(const uint8_t *data, size_t size)
{
	if (!data || size < 6 + 8 || memcmp(data, "Exif\0\0", 6) != 0)
		return 1;
	const uint8_t *tiff = data + 6;
	size_t n = size - 6;
	int big;
	if (tiff[0] == 'M' && tiff[1] == 'M')
		big = 1;
	else if (tiff[0] == 'I' && tiff[1] == 'I')
		big = 0;
	else
		return 1;
	if (read16(tiff + 2, big) != 42)
		return 1;
	uint32_t ifd = read32(tiff + 4, big);
	if (ifd < 8 || ifd > n - 2)
		return 1;
	unsigned count = read16(tiff + ifd, big);
	for (unsigned i = 0; i < count; i++) {
		size_t at = ifd + 2 + (size_t)i * EXIF_ENTRY_SIZE;
		if (at + EXIF_ENTRY_SIZE > n)
			break;
		if (read16(tiff + at, big) != EXIF_TAG_ORIENTATION)
			continue;
		unsigned o = read16(tiff + at + 8, big);
		if (read16(tiff + at + 2, big) != EXIF_TYPE_SHORT ||
		    read32(tiff + at + 4, big) != 1 || o < 1 || o > 8)
			return 1;
		return (int)o;
	}
	return 1;
}

int exif_swaps_sides(int o)
{
	return o >= 5 && o <= 8;
}

uint8_t *exif_orient(const uint8_t *rgba, int w, int h, int o, int *ow,
		     int *oh)
{
	*ow = w;
	*oh = h;
	if (o < 2 || o > 8)
		return (uint8_t *)rgba;
	if (exif_swaps_sides(o)) {
		*ow = h;
		*oh = w;
	}
	uint8_t *out = malloc((size_t)w * (size_t)h * 4);
	if (!out)
		return NULL;
	int dw = *ow, dh = *oh;
	/* for each shown pixel (x, y), the stored pixel (sx, sy) */
	for (int y = 0; y < dh; y++)
		for (int x = 0; x < dw; x++) {
			int sx, sy;
			switch (o) {
			case 2: sx = w - 1 - x; sy = y; break;
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			case 4: sx = x; sy = h - 1 - y; break;
			case 5: sx = y; sy = x; break;
			case 6: sx = y; sy = h - 1 - x; break;
			case 7: sx = w - 1 - y; sy = h - 1 - x; break;
			default: sx = w - 1 - y; sy = x; break;
			}
			memcpy(out + ((size_t)y * dw + x) * 4,
			       rgba + ((size_t)sy * w + sx) * 4, 4);
		}
	return out;
}
