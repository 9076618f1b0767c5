/* picture: validation with the player's decoder, and scaling to the
 * largest screen; see picture.h. */
#include "builder/picture.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libswscale/swscale.h>

#include "builder/cache.h"
#include "common/i18n.h"
#include "common/image.h"

/* The builder decodes pictures up to the largest the format table takes
 * (8192 a side): authors' photos are often larger than a screen, and are
 * scaled down; only the result must fit the player's cap. */
#define PICTURE_BUILD_MAX_PIXELS ((uint64_t)IMAGE_MAX_SIDE * IMAGE_MAX_SIDE)
#define PICTURE_JPEG_QUALITY 90

enum vv_err picture_screen_parse(const char *text, int *w, int *h)
{
	int n = 0;

	if (!text || sscanf(text, "%dx%d%n", w, h, &n) != 2 || text[n] ||
	    *w <= 0 || *h <= 0 || *w > IMAGE_MAX_SIDE ||
	    *h > IMAGE_MAX_SIDE ||
	    (uint64_t)*w * (uint64_t)*h > IMAGE_PLAYER_MAX_PIXELS)
		return VV_ERR_USAGE;
	return VV_OK;
}

int picture_fits(int w, int h, int screen_w, int screen_h)
{
	int long_side = screen_w > screen_h ? screen_w : screen_h;
	int short_side = screen_w > screen_h ? screen_h : screen_w;

	if (w >= h)
		return w <= long_side && h <= short_side;
	return h <= long_side && w <= short_side;
}

/* Reads and decodes `path` with the builder's cap. */
static enum vv_err load(const char *path, uint8_t **rgba, int *w, int *h,
			enum image_format *format)
{
	enum vv_err err = image_read_file(path, PICTURE_BUILD_MAX_PIXELS,
					  rgba, w, h);
	if (err == VV_ERR_FORMAT)
		return VV_ERR_MEDIA;  /* image_decode() said why */
	if (err != VV_OK || !format)
		return err;
	/* the format, from the file's first bytes */
	uint8_t head[8] = { 0 };
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;
	if (f)
		fclose(f);
	*format = image_format_of(head, n);
	return VV_OK;
}

enum vv_err picture_validate(const char *path, int *w, int *h)
{
	uint8_t *rgba = NULL;
	enum vv_err err = load(path, &rgba, w, h, NULL);
	free(rgba);
	return err;
}

/* The size of a w x h picture scaled down to fit the screen. */
static void fitted_size(int w, int h, int screen_w, int screen_h, int *fw,
			int *fh)
{
	int long_side = screen_w > screen_h ? screen_w : screen_h;
	int short_side = screen_w > screen_h ? screen_h : screen_w;
	int box_w = w >= h ? long_side : short_side;
	int box_h = w >= h ? short_side : long_side;
	double scale = (double)box_w / w;

	if ((double)box_h / h < scale)
		scale = (double)box_h / h;
	*fw = (int)(w * scale);
	*fh = (int)(h * scale);
	if (*fw < 1)
		*fw = 1;
	if (*fh < 1)
		*fh = 1;
}

static int has_alpha(const uint8_t *rgba, int w, int h)
{
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
		if (rgba[i * 4 + 3] != 255)
			return 1;
	return 0;
}

/* Scales `rgba` down to fw x fh and encodes it as `format` into a new
 * buffer. */
static enum vv_err scale_encode(const uint8_t *rgba, int w, int h, int fw,
				int fh, enum image_format format,
				uint8_t **out, size_t *out_size)
{
	uint8_t *scaled = malloc((size_t)fw * (size_t)fh * 4);
	struct SwsContext *sws = sws_getContext(w, h, AV_PIX_FMT_RGBA, fw, fh,
						AV_PIX_FMT_RGBA, SWS_AREA,
						NULL, NULL, NULL);
	enum vv_err err = VV_ERR_NOMEM;

	if (scaled && sws) {
		const uint8_t *src[1] = { rgba };
		int src_stride[1] = { w * 4 };
		uint8_t *dst[1] = { scaled };
		int dst_stride[1] = { fw * 4 };

		sws_scale(sws, src, src_stride, 0, h, dst, dst_stride);
		err = format == IMAGE_JPEG
			? image_encode_jpeg(scaled, fw, fh, (size_t)fw * 4,
					    PICTURE_JPEG_QUALITY, out,
					    out_size)
			: image_encode_png(scaled, fw, fh, (size_t)fw * 4,
					   has_alpha(scaled, fw, fh), out,
					   out_size);
	}
	sws_freeContext(sws);
	free(scaled);
	return err;
}

/* Writes `size` bytes to the temporary file `tmp`. */
static enum vv_err write_file(const char *tmp, const uint8_t *data,
			      size_t size)
{
	FILE *f = fopen(tmp, "wb");
	int ok = f && fwrite(data, 1, size, f) == size;

	if (f && fclose(f) != 0)
		ok = 0;
	if (!ok) {
		vv_error(tmp, 0, _("cannot write the scaled picture"));
		remove(tmp);
		return VV_ERR_IO;
	}
	return VV_OK;
}

enum vv_err picture_for_screen(const char *src, int screen_w, int screen_h,
			       const char *cache_dir, char **out_path,
			       int *w, int *h)
{
	uint8_t *rgba = NULL, *encoded = NULL;
	size_t encoded_size = 0;
	enum image_format format = IMAGE_NONE;
	char variant[64], key[CACHE_KEY_SIZE];
	char *entry = NULL, *tmp = NULL;
	struct cache_lock *lock = NULL;
	int fw, fh;
	enum vv_err err;

	*out_path = NULL;
	err = load(src, &rgba, w, h, &format);
	if (err != VV_OK)
		return err;
	if (picture_fits(*w, *h, screen_w, screen_h)) {
		free(rgba);
		*out_path = strdup(src);
		return *out_path ? VV_OK : VV_ERR_NOMEM;
	}
	fitted_size(*w, *h, screen_w, screen_h, &fw, &fh);
	if (!cache_dir) {
		free(rgba);
		vv_error(src, 0, _("picture of %dx%d is larger than the "
				   "largest screen (%dx%d); scale it down"),
			 *w, *h, screen_w, screen_h);
		return VV_ERR_MEDIA;
	}
	snprintf(variant, sizeof variant, "picture:%dx%d", fw, fh);
	err = cache_key(src, variant, key);
	if (err == VV_OK) {
		entry = cache_entry_path(cache_dir, key,
					 format == IMAGE_JPEG ? ".jpg"
							      : ".png");
		err = entry ? cache_lock(entry, &lock) : VV_ERR_IO;
	}
	if (err == VV_OK && !cache_has(entry)) {
		cache_clean_temps(entry);
		tmp = cache_temp_path(entry);
		err = tmp ? scale_encode(rgba, *w, *h, fw, fh, format,
					 &encoded, &encoded_size)
			  : VV_ERR_NOMEM;
		if (err == VV_OK)
			err = write_file(tmp, encoded, encoded_size);
		if (err == VV_OK)
			err = cache_commit(tmp, entry);
		else if (err == VV_ERR_NOMEM)
			vv_error(src, 0, _("out of memory while scaling the "
					   "picture down"));
	}
	cache_unlock(lock);
	free(rgba);
	free(encoded);
	free(tmp);
	if (err != VV_OK) {
		free(entry);
		return err;
	}
	*out_path = entry;
	*w = fw;
	*h = fh;
	return VV_OK;
}
