/* image: the pictures of slides, read and written by libraries the project
 * did not write: PNG through libpng's simplified API (png_image_*), JPEG
 * through libjpeg. One table of formats serves the player (slides and
 * group screens), the builder (which validates pictures with the same code
 * and limits) and the test tools. 8-bit RGBA in memory, rows of w * 4
 * bytes. No SDL and no libav here. */
#ifndef VV_COMMON_IMAGE_H
#define VV_COMMON_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* Largest width or height of any picture. */
#define IMAGE_MAX_SIDE 8192
/* The player's pixel cap: what a 4K screen could show, with room. The
 * builder scales larger pictures down (pack setting, 3840x2160 by
 * default), so a bundle it wrote never reaches this. 64 MiB as RGBA. */
#define IMAGE_PLAYER_MAX_PIXELS (4096u * 4096u)
/* Largest image file read by image_read_file(). */
#define IMAGE_MAX_FILE (64u << 20)

enum image_format {
	IMAGE_NONE,  /* not a format of the table */
	IMAGE_PNG,
	IMAGE_JPEG,
};

/* What a picture's header says. */
struct image_info {
	enum image_format format;
	int width, height;
};

/* Returns the format whose signature `data` starts with, IMAGE_NONE when
 * none does. */
enum image_format image_format_of(const uint8_t *data, size_t size);

/* "PNG", "JPEG" or "?"; static. */
const char *image_format_name(enum image_format format);

/* Reads the header only: format and size (upright, as image_decode()
 * gives it), no pixels decoded. Returns
 * VV_OK, or VV_ERR_FORMAT after a message naming `name` when it is no
 * PNG or JPEG or the header is damaged. */
enum vv_err image_probe(const uint8_t *data, size_t size, const char *name,
			struct image_info *info);

/* Decodes a whole PNG (any colour type and depth, interlaced or not) or
 * JPEG (baseline or progressive; grey, RGB or CMYK; turned upright as its
 * Exif Orientation says, as phones write it) into a new RGBA buffer (caller frees) of
 * *w x *h pixels. The size is checked against IMAGE_MAX_SIDE and
 * `max_pixels` right after the header, before any picture-sized memory
 * is taken, and libjpeg's own memory is capped too. A damaged picture
 * (bad chunk CRC, truncated or corrupt zlib or JPEG data) is refused, not
 * shown in part. Returns VV_OK; VV_ERR_FORMAT after a message naming
 * `name` (damage, or over a cap: the message says which); VV_ERR_NOMEM.
 * Nothing is allocated on failure. */
enum vv_err image_decode(const uint8_t *data, size_t size, const char *name,
			 uint64_t max_pixels, uint8_t **rgba, int *w, int *h);

/* Reads the file at `path` (at most IMAGE_MAX_FILE) and decodes it as
 * image_decode() does. VV_ERR_IO after a message naming it when it
 * cannot be read. */
enum vv_err image_read_file(const char *path, uint64_t max_pixels,
			    uint8_t **rgba, int *w, int *h);

/* Encodes `rgba` (w x h pixels, `stride` bytes a row) as an 8-bit PNG in
 * a new buffer (caller frees): RGB when alpha is 0, else RGBA. Returns
 * VV_OK, VV_ERR_NOMEM, or VV_ERR_FORMAT for a size over the caps. */
enum vv_err image_encode_png(const uint8_t *rgba, int w, int h,
			     size_t stride, int alpha, uint8_t **out,
			     size_t *out_size);

/* Encodes `rgba` (alpha ignored) as a baseline JPEG of `quality` (1-100)
 * into a new buffer (caller frees). Returns VV_OK, VV_ERR_NOMEM or
 * VV_ERR_FORMAT. */
enum vv_err image_encode_jpeg(const uint8_t *rgba, int w, int h,
			      size_t stride, int quality, uint8_t **out,
			      size_t *out_size);

/* Writes `rgba` to `path` as PNG (see image_encode_png()), atomically:
 * a half-written file never appears. Returns VV_OK, VV_ERR_NOMEM, or
 * VV_ERR_IO after a message naming the file. Borrows everything. */
enum vv_err image_write_png(const char *path, const uint8_t *rgba, int w,
			    int h, size_t stride, int alpha);

#endif
