/* jpeg: libjpeg decoding with errors turned into vv_err (libjpeg reports
 * fatal errors through a longjmp out of its error_exit). */
#include "player/out/jpeg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "common/i18n.h"
#include "player/out/png.h"

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr cinfo)
{
	struct jpeg_fail *fail = (struct jpeg_fail *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, fail->message);
	longjmp(fail->jump, 1);
}

static void on_message(j_common_ptr cinfo)
{
	(void)cinfo;  /* warnings: the picture is shown as far as it goes */
}

int jpeg_is(const uint8_t *data, size_t size)
{
	return size >= 3 && data[0] == 0xff && data[1] == 0xd8 &&
	       data[2] == 0xff;
}

enum vv_err jpeg_decode(const uint8_t *data, size_t size, const char *name,
			uint8_t **rgba, int *w_out, int *h_out)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail fail;
	uint8_t *volatile out = NULL;
	uint8_t *volatile row = NULL;
	JDIMENSION w, h;

	*rgba = NULL;
	memset(&cinfo, 0, sizeof cinfo);
	cinfo.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = on_error;
	fail.mgr.output_message = on_message;
	fail.message[0] = 0;
	if (setjmp(fail.jump)) {
		vv_error(name, 0, _("not a usable JPEG image: %s"),
			 fail.message);
		jpeg_destroy_decompress(&cinfo);
		free(out);
		free(row);
		return VV_ERR_FORMAT;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, data, (unsigned long)size);
	jpeg_read_header(&cinfo, TRUE);
	cinfo.out_color_space = JCS_RGB;
	jpeg_start_decompress(&cinfo);
	w = cinfo.output_width;
	h = cinfo.output_height;
	if (w == 0 || h == 0 || w > PNG_MAX_SIDE || h > PNG_MAX_SIDE ||
	    cinfo.output_components != 3) {
		vv_error(name, 0, _("not a usable JPEG image: %s"),
			 _("the size is 0 or over 8192 pixels"));
		jpeg_destroy_decompress(&cinfo);
		return VV_ERR_FORMAT;
	}
	out = malloc((size_t)w * h * 4);
	row = malloc((size_t)w * 3);
	if (!out || !row) {
		jpeg_destroy_decompress(&cinfo);
		free(out);
		free(row);
		return VV_ERR_NOMEM;
	}
	while (cinfo.output_scanline < h) {
		JSAMPROW rows[1] = { row };
		uint8_t *dst = out + (size_t)cinfo.output_scanline * w * 4;
		JDIMENSION x;

		jpeg_read_scanlines(&cinfo, rows, 1);
		for (x = 0; x < w; x++) {
			dst[x * 4] = row[x * 3];
			dst[x * 4 + 1] = row[x * 3 + 1];
			dst[x * 4 + 2] = row[x * 3 + 2];
			dst[x * 4 + 3] = 255;
		}
	}
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	free(row);
	*rgba = out;
	*w_out = (int)w;
	*h_out = (int)h;
	return VV_OK;
}
