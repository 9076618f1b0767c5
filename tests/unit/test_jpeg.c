/* Unit tests for player/out/jpeg: decode what libjpeg encodes, refuse
 * what is not a JPEG without leaking or crashing. */
#include "player/out/jpeg.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

enum { W = 48, H = 32 };

static unsigned char *encode(unsigned long *size)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *buf = NULL, row[W * 3];
	int x;

	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, size);
	c.image_width = W;
	c.image_height = H;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < H) {
		JSAMPROW r[1] = { row };

		for (x = 0; x < W; x++) {
			row[x * 3] = 200;       /* a flat orange */
			row[x * 3 + 1] = 120;
			row[x * 3 + 2] = 40;
		}
		jpeg_write_scanlines(&c, r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return buf;
}

int main(void)
{
	unsigned long size = 0;
	unsigned char *jpg = encode(&size);
	uint8_t *rgba = NULL;
	int w = 0, h = 0, close = 0;
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', 13, 10, 26,
					    10 };

	CHECK(jpg && jpeg_is(jpg, size) && !jpeg_is(png_sig, 8),
	      "jpeg: recognised by its first bytes");
	CHECK(jpeg_decode(jpg, size, "t.jpg", &rgba, &w, &h) == VV_OK &&
	      w == W && h == H, "jpeg: decodes its size");
	if (rgba)
		close = abs(rgba[0] - 200) < 6 && abs(rgba[1] - 120) < 6 &&
			abs(rgba[2] - 40) < 6 && rgba[3] == 255;
	CHECK(close, "jpeg: colour kept, opaque");
	free(rgba);
	rgba = NULL;
	fprintf(stderr, "(the next lines are expected errors)\n");
	if (jpg && size > 40) {
		memset(jpg + 2, 0x00, 20);  /* header gone */
		CHECK(jpeg_decode(jpg, size, "bad.jpg", &rgba, &w, &h) ==
		      VV_ERR_FORMAT && !rgba, "jpeg: damaged header refused");
	}
	CHECK(jpeg_decode(png_sig, 8, "png", &rgba, &w, &h) ==
	      VV_ERR_FORMAT && !rgba, "jpeg: other data refused");
	free(jpg);
	return CHECK_DONE();
}
