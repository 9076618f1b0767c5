/* image: PNG through libpng's simplified API, JPEG through libjpeg; see
 * image.h. libjpeg reports fatal errors through a longjmp out of its
 * error_exit, turned into vv_err here. */
#include "common/image.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include "common/atomic.h"
#include "common/exif.h"
#include "common/i18n.h"

/* libjpeg's working memory beyond the picture itself: a progressive JPEG
 * keeps every coefficient (2 bytes per sample, up to 4 samples a pixel in
 * CMYK) until the last scan. */
#define JPEG_MEMORY_PER_PIXEL 8
#define JPEG_MEMORY_BASE (16u << 20)

/* One row of the format table: how each format is recognised, probed and
 * decoded. */
struct image_codec {
	enum image_format format;
	const char *name;
	const uint8_t *magic;
	size_t magic_len;
	enum vv_err (*probe)(const uint8_t *data, size_t size,
			     const char *name, struct image_info *info);
	enum vv_err (*decode)(const uint8_t *data, size_t size,
			      const char *name, uint64_t max_pixels,
			      uint8_t **rgba, int *w, int *h);
};

static const uint8_t png_magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
				      0x1a, '\n' };
static const uint8_t jpeg_magic[3] = { 0xff, 0xd8, 0xff };

/* Checks a header's size against the caps; message and VV_ERR_FORMAT when
 * over. */
static enum vv_err check_size(const char *name, const char *format,
			      uint64_t w, uint64_t h, uint64_t max_pixels)
{
	if (w == 0 || h == 0) {
		vv_error(name, 0, _("not a usable %s image: it has no size; "
				    "save it again"), format);
		return VV_ERR_FORMAT;
	}
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE || w * h > max_pixels) {
		vv_error(name, 0, _("%s image of %llux%llu pixels is over the "
				    "limit of %d pixels a side and %llu "
				    "megapixels; scale it down"), format,
			 (unsigned long long)w, (unsigned long long)h,
			 IMAGE_MAX_SIDE,
			 (unsigned long long)(max_pixels / 1000000));
		return VV_ERR_FORMAT;
	}
	return VV_OK;
}

/* ---- PNG ---- */

static enum vv_err png_failed(png_image *img, const char *name)
{
	vv_error(name, 0, _("not a usable PNG image: %s; save it again"),
		 img->message[0] ? img->message : "?");
	png_image_free(img);
	return VV_ERR_FORMAT;
}

static enum vv_err png_begin(const uint8_t *data, size_t size,
			     const char *name, png_image *img)
{
	memset(img, 0, sizeof(*img));
	img->version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(img, data, size))
		return png_failed(img, name);
	return VV_OK;
}

static enum vv_err png_probe(const uint8_t *data, size_t size,
			     const char *name, struct image_info *info)
{
	png_image img;
	enum vv_err err = png_begin(data, size, name, &img);
	if (err != VV_OK)
		return err;
	info->width = (int)img.width;
	info->height = (int)img.height;
	png_image_free(&img);
	return VV_OK;
}

static enum vv_err png_decode_rgba(const uint8_t *data, size_t size,
				   const char *name, uint64_t max_pixels,
				   uint8_t **rgba, int *w, int *h)
{
	png_image img;
	enum vv_err err = png_begin(data, size, name, &img);
	if (err != VV_OK)
		return err;
	err = check_size(name, "PNG", img.width, img.height, max_pixels);
	if (err != VV_OK) {
		png_image_free(&img);
		return err;
	}
	img.format = PNG_FORMAT_RGBA;
	uint8_t *out = malloc(PNG_IMAGE_SIZE(img));
	if (!out) {
		png_image_free(&img);
		return VV_ERR_NOMEM;
	}
	/* finish_read frees the image's internals, on success and failure */
	if (!png_image_finish_read(&img, NULL, out, 0, NULL)) {
		free(out);
		return png_failed(&img, name);
	}
	*rgba = out;
	*w = (int)img.width;
	*h = (int)img.height;
	return VV_OK;
}

/* ---- JPEG ---- */

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char message[JMSG_LENGTH_MAX];
};

static void jpeg_on_error(j_common_ptr cinfo)
{
	struct jpeg_fail *fail = (struct jpeg_fail *)cinfo->err;

	(*cinfo->err->format_message)(cinfo, fail->message);
	longjmp(fail->jump, 1);
}

static void jpeg_on_message(j_common_ptr cinfo, int level)
{
	struct jpeg_fail *fail = (struct jpeg_fail *)cinfo->err;

	/* A warning (level -1) means damaged or cut data ("premature end",
	 * "corrupt data"): refuse the picture rather than show it in part.
	 * Stray bytes between markers are common from cameras and
	 * harmless. Trace messages (level >= 0) are not errors. */
	if (level < 0 && cinfo->err->msg_code != JWRN_EXTRANEOUS_DATA) {
		(*cinfo->err->format_message)(cinfo, fail->message);
		longjmp(fail->jump, 1);
	}
}

/* One row of CMYK to RGBA, without a colour profile (as browsers show
 * CMYK): each colour is its ink's complement times black's. Adobe's
 * applications store the ink inverted (255: none) and say so in their
 * marker. */
static void cmyk_to_rgba(const uint8_t *cmyk, uint8_t *rgba, JDIMENSION w,
			 int inverted)
{
	for (JDIMENSION x = 0; x < w; x++) {
		const uint8_t *p = cmyk + x * 4;
		unsigned k = inverted ? p[3] : 255u - p[3];
		for (int i = 0; i < 3; i++) {
			unsigned c = inverted ? p[i] : 255u - p[i];
			rgba[x * 4 + i] = (uint8_t)((c * k + 127) / 255);
		}
		rgba[x * 4 + 3] = 255;
	}
}

/* The Exif Orientation of the picture whose markers libjpeg saved. */
static int jpeg_orientation(j_decompress_ptr cinfo)
{
	for (jpeg_saved_marker_ptr m = cinfo->marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1) {
			int o = exif_orientation(m->data, m->data_length);
			if (o != 1)
				return o;
		}
	return 1;
}

static enum vv_err jpeg_work(const uint8_t *data, size_t size,
			     const char *name, uint64_t max_pixels,
			     struct image_info *info, uint8_t **rgba)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail fail;
	uint8_t *volatile out = NULL;
	uint8_t *volatile row = NULL;

	memset(&cinfo, 0, sizeof cinfo);
	cinfo.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_on_error;
	fail.mgr.emit_message = jpeg_on_message;
	fail.message[0] = 0;
	if (setjmp(fail.jump)) {
		vv_error(name, 0, _("not a usable JPEG image: %s; save it "
				    "again"), fail.message);
		jpeg_destroy_decompress(&cinfo);
		free(out);
		free(row);
		return VV_ERR_FORMAT;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, data, (unsigned long)size);
	/* Exif, for its Orientation: phones store the picture as the
	 * sensor saw it and say how to turn it */
	jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(&cinfo, TRUE);
	int orientation = jpeg_orientation(&cinfo);
	int swap = exif_swaps_sides(orientation);
	info->width = (int)(swap ? cinfo.image_height : cinfo.image_width);
	info->height = (int)(swap ? cinfo.image_width : cinfo.image_height);
	if (!rgba) {
		jpeg_destroy_decompress(&cinfo);
		return VV_OK;
	}
	/* Before jpeg_start_decompress(), which allocates for the whole
	 * picture: a header that claims a huge size costs nothing. */
	enum vv_err err = check_size(name, "JPEG", cinfo.image_width,
				     cinfo.image_height, max_pixels);
	if (err != VV_OK) {
		jpeg_destroy_decompress(&cinfo);
		return err;
	}
	cinfo.mem->max_memory_to_use = (long)(JPEG_MEMORY_BASE +
		(uint64_t)cinfo.image_width * cinfo.image_height *
		JPEG_MEMORY_PER_PIXEL);
	/* CMYK and YCCK (print workflows: stock photos, PDF exports) come
	 * out as CMYK, which libjpeg does not turn into RGB itself */
	int cmyk = cinfo.jpeg_color_space == JCS_CMYK ||
		   cinfo.jpeg_color_space == JCS_YCCK;
	int inverted = cmyk && cinfo.saw_Adobe_marker;
	cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
	jpeg_start_decompress(&cinfo);
	JDIMENSION w = cinfo.output_width, h = cinfo.output_height;
	int comps = cinfo.output_components;
	if (comps != (cmyk ? 4 : 3)) {
		vv_error(name, 0, _("not a usable JPEG image: %s; save it "
				    "again"), _("unsupported colour format"));
		jpeg_destroy_decompress(&cinfo);
		return VV_ERR_FORMAT;
	}
	out = malloc((size_t)w * h * 4);
	row = malloc((size_t)w * (size_t)comps);
	if (!out || !row) {
		jpeg_destroy_decompress(&cinfo);
		free(out);
		free(row);
		return VV_ERR_NOMEM;
	}
	while (cinfo.output_scanline < h) {
		JSAMPROW rows[1] = { row };
		uint8_t *dst = out + (size_t)cinfo.output_scanline * w * 4;

		if (jpeg_read_scanlines(&cinfo, rows, 1) != 1)
			break;
		if (cmyk)
			cmyk_to_rgba(row, dst, w, inverted);
		else
			for (JDIMENSION x = 0; x < w; x++) {
				dst[x * 4] = row[x * 3];
				dst[x * 4 + 1] = row[x * 3 + 1];
				dst[x * 4 + 2] = row[x * 3 + 2];
				dst[x * 4 + 3] = 255;
			}
	}
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	free(row);
	int ow, oh;
	uint8_t *upright = exif_orient(out, (int)w, (int)h, orientation, &ow,
				       &oh);
	if (upright != out)
		free(out);
	if (!upright)
		return VV_ERR_NOMEM;
	info->width = ow;
	info->height = oh;
	*rgba = upright;
	return VV_OK;
}

static enum vv_err jpeg_probe(const uint8_t *data, size_t size,
			      const char *name, struct image_info *info)
{
	return jpeg_work(data, size, name, 0, info, NULL);
}

static enum vv_err jpeg_decode_rgba(const uint8_t *data, size_t size,
				    const char *name, uint64_t max_pixels,
				    uint8_t **rgba, int *w, int *h)
{
	struct image_info info;
	uint8_t *out = NULL;
	enum vv_err err = jpeg_work(data, size, name, max_pixels, &info,
				    &out);
	if (err != VV_OK)
		return err;
	*rgba = out;
	*w = info.width;
	*h = info.height;
	return VV_OK;
}

/* ---- the table ---- */

static const struct image_codec codecs[] = {
	{ IMAGE_PNG, "PNG", png_magic, sizeof png_magic, png_probe,
	  png_decode_rgba },
	{ IMAGE_JPEG, "JPEG", jpeg_magic, sizeof jpeg_magic, jpeg_probe,
	  jpeg_decode_rgba },
};

static const struct image_codec *codec_of(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
		if (data && size >= codecs[i].magic_len &&
		    !memcmp(data, codecs[i].magic, codecs[i].magic_len))
			return &codecs[i];
	return NULL;
}

enum image_format image_format_of(const uint8_t *data, size_t size)
{
	const struct image_codec *c = codec_of(data, size);
	return c ? c->format : IMAGE_NONE;
}

const char *image_format_name(enum image_format format)
{
	for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
		if (codecs[i].format == format)
			return codecs[i].name;
	return "?";
}

static enum vv_err unknown_format(const char *name)
{
	vv_error(name, 0, _("not a PNG or JPEG image; save it again as PNG "
			    "or JPEG"));
	return VV_ERR_FORMAT;
}

enum vv_err image_probe(const uint8_t *data, size_t size, const char *name,
			struct image_info *info)
{
	const struct image_codec *c = codec_of(data, size);
	memset(info, 0, sizeof(*info));
	if (!c)
		return unknown_format(name);
	info->format = c->format;
	return c->probe(data, size, name, info);
}

enum vv_err image_decode(const uint8_t *data, size_t size, const char *name,
			 uint64_t max_pixels, uint8_t **rgba, int *w, int *h)
{
	const struct image_codec *c = codec_of(data, size);
	*rgba = NULL;
	if (!c)
		return unknown_format(name);
	return c->decode(data, size, name, max_pixels, rgba, w, h);
}

enum vv_err image_read_file(const char *path, uint64_t max_pixels,
			    uint8_t **rgba, int *w, int *h)
{
	*rgba = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		return VV_ERR_IO;
	}
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap);
	enum vv_err err = buf ? VV_OK : VV_ERR_NOMEM;
	while (err == VV_OK) {
		if (n == cap) {
			if (cap >= IMAGE_MAX_FILE) {
				vv_error(path, 0, _("image file is over "
						    "64 MiB"));
				err = VV_ERR_FORMAT;
				break;
			}
			uint8_t *more = realloc(buf, cap * 2);
			if (!more) {
				err = VV_ERR_NOMEM;
				break;
			}
			buf = more;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				vv_error(path, 0, _("cannot read: %s"),
					 strerror(errno));
				err = VV_ERR_IO;
			}
			break;
		}
	}
	fclose(f);
	if (err == VV_OK)
		err = image_decode(buf, n, path, max_pixels, rgba, w, h);
	free(buf);
	return err;
}

/* ---- writing ---- */

enum vv_err image_encode_png(const uint8_t *rgba, int w, int h,
			     size_t stride, int alpha, uint8_t **out,
			     size_t *out_size)
{
	*out = NULL;
	*out_size = 0;
	if (w <= 0 || h <= 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
		return VV_ERR_FORMAT;
	/* the simplified API has no "RGB with padding": pack RGB rows */
	uint8_t *rgb = NULL;
	const uint8_t *pixels = rgba;
	png_int_32 row_stride = (png_int_32)(stride / 4 * 4);
	if (!alpha) {
		rgb = malloc((size_t)w * (size_t)h * 3);
		if (!rgb)
			return VV_ERR_NOMEM;
		for (int y = 0; y < h; y++) {
			const uint8_t *s = rgba + (size_t)y * stride;
			uint8_t *d = rgb + (size_t)y * (size_t)w * 3;
			for (int x = 0; x < w; x++) {
				d[x * 3] = s[x * 4];
				d[x * 3 + 1] = s[x * 4 + 1];
				d[x * 3 + 2] = s[x * 4 + 2];
			}
		}
		pixels = rgb;
		row_stride = w * 3;
	}
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	img.flags = PNG_IMAGE_FLAG_FAST;
	png_alloc_size_t size = 0;
	enum vv_err err = VV_ERR_NOMEM;
	/* row_stride is in components (bytes here) */
	if (png_image_write_get_memory_size(img, size, 0, pixels, row_stride,
					    NULL)) {
		uint8_t *buf = malloc(size);
		if (buf && png_image_write_to_memory(&img, buf, &size, 0,
						     pixels, row_stride,
						     NULL)) {
			*out = buf;
			*out_size = size;
			err = VV_OK;
		} else {
			free(buf);
		}
	}
	png_image_free(&img);
	free(rgb);
	return err;
}

enum vv_err image_encode_jpeg(const uint8_t *rgba, int w, int h,
			      size_t stride, int quality, uint8_t **out,
			      size_t *out_size)
{
	struct jpeg_compress_struct c;
	struct jpeg_fail fail;
	unsigned char *volatile buf = NULL;
	unsigned long size = 0;
	uint8_t *volatile row = NULL;

	*out = NULL;
	*out_size = 0;
	if (w <= 0 || h <= 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
		return VV_ERR_FORMAT;
	memset(&c, 0, sizeof c);
	c.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_on_error;
	if (setjmp(fail.jump)) {
		jpeg_destroy_compress(&c);
		free(buf);
		free(row);
		return VV_ERR_NOMEM;
	}
	row = malloc((size_t)w * 3);
	if (!row)
		return VV_ERR_NOMEM;
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, (unsigned char **)&buf, &size);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		const uint8_t *s = rgba + (size_t)c.next_scanline * stride;
		for (int x = 0; x < w; x++) {
			row[x * 3] = s[x * 4];
			row[x * 3 + 1] = s[x * 4 + 1];
			row[x * 3 + 2] = s[x * 4 + 2];
		}
		JSAMPROW r[1] = { row };
		jpeg_write_scanlines(&c, r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	*out = buf;
	*out_size = size;
	return VV_OK;
}

enum vv_err image_write_png(const char *path, const uint8_t *rgba, int w,
			    int h, size_t stride, int alpha)
{
	uint8_t *png;
	size_t size;
	enum vv_err err = image_encode_png(rgba, w, h, stride, alpha, &png,
					   &size);
	if (err != VV_OK) {
		vv_error(path, 0, _("cannot write the image: %s"),
			 _(vv_strerror(err)));
		return err;
	}
	err = atomic_write(path, png, size, ATOMIC_REBUILDABLE);
	free(png);
	return err;
}
