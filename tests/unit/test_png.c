/* Unit tests for player/out/png: write and read back, refuse damage. */
#include "player/out/png.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = malloc(1 << 20);

	*n = 0;
	if (f && buf)
		*n = fread(buf, 1, 1 << 20, f);
	if (f)
		fclose(f);
	return buf;
}

int main(void)
{
	enum { W = 37, H = 23 };
	static uint8_t img[W * H * 4];
	char dir[] = "/tmp/vv-png-XXXXXX", path[128];
	uint8_t *back = NULL;
	unsigned char *file;
	size_t n;
	int w = 0, h = 0, x, same = 1;

	for (x = 0; x < W * H; x++) {
		img[x * 4] = (uint8_t)(x * 7);
		img[x * 4 + 1] = (uint8_t)(x * 13 + 5);
		img[x * 4 + 2] = (uint8_t)(255 - x);
		img[x * 4 + 3] = (uint8_t)(x * 3);
	}
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/a.png", dir);
	CHECK(png_write(path, img, W, H, W * 4, 1) == VV_OK,
	      "png: writes RGBA");
	CHECK(png_read(path, &back, &w, &h) == VV_OK && w == W && h == H,
	      "png: reads back its size");
	if (back)
		same = memcmp(back, img, sizeof img) == 0;
	CHECK(back && same, "png: RGBA pixels survive the round trip");
	free(back);
	back = NULL;

	CHECK(png_write(path, img, W, H, W * 4, 0) == VV_OK &&
	      png_read(path, &back, &w, &h) == VV_OK, "png: writes RGB");
	same = back != NULL;
	for (x = 0; back && x < W * H; x++)
		if (memcmp(back + x * 4, img + x * 4, 3) ||
		    back[x * 4 + 3] != 255)
			same = 0;
	CHECK(same, "png: RGB keeps colour, alpha reads as opaque");
	free(back);
	back = NULL;

	file = slurp(path, &n);
	fprintf(stderr, "(the next lines are expected errors)\n");
	CHECK(n > 60 && png_decode(file, n - 20, "cut", &back, &w, &h) ==
	      VV_ERR_FORMAT && !back, "png: truncated file refused");
	if (n > 60) {
		file[n / 2] ^= 0x55;
		CHECK(png_decode(file, n, "damaged", &back, &w, &h) ==
		      VV_ERR_FORMAT && !back, "png: damaged data refused");
		file[0] = 'x';
		CHECK(png_decode(file, n, "sig", &back, &w, &h) ==
		      VV_ERR_FORMAT, "png: missing signature refused");
	}
	free(file);
	CHECK(png_read("/nonexistent.png", &back, &w, &h) == VV_ERR_IO,
	      "png: missing file is an I/O error");
	snprintf(path, sizeof path, "%s/no/such/dir.png", dir);
	CHECK(png_write(path, img, W, H, W * 4, 0) == VV_ERR_IO,
	      "png: unwritable path is an I/O error");
	snprintf(path, sizeof path, "%s/a.png", dir);
	unlink(path);
	rmdir(dir);
	return CHECK_DONE();
}
