/* png: writes screenshots and reads images (slide pictures, golden test
 * images) as PNG, through zlib. 8-bit RGBA in memory. No SDL here, so the
 * image compare tool and tests can use it too. */
#ifndef VV_PLAYER_OUT_PNG_H
#define VV_PLAYER_OUT_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* Largest width or height accepted when reading. */
#define PNG_MAX_SIDE 8192

/* Writes `rgba` (w*h pixels, `stride` bytes a row, 4 bytes a pixel R G B
 * A) to `path` as an 8-bit PNG, RGB when alpha is unused (alpha: 0) else
 * RGBA. Writes to PATH.tmp and renames, so a half-written file never
 * appears. Returns VV_OK, VV_ERR_NOMEM, or VV_ERR_IO after a message
 * naming the file. Borrows everything. */
enum vv_err png_write(const char *path, const uint8_t *rgba, int w, int h,
		      size_t stride, int alpha);

/* Decodes a PNG in memory (any colour type, bit depth 8 or 16, or 1-8 for
 * grey and palette; not interlaced) into a new RGBA buffer (caller frees)
 * of *w x *h pixels, stride w*4. `name` is used in messages. Returns
 * VV_OK, or VV_ERR_FORMAT / VV_ERR_NOMEM after a message naming it. */
enum vv_err png_decode(const uint8_t *data, size_t size, const char *name,
		       uint8_t **rgba, int *w, int *h);

/* Reads and decodes the file at `path` (at most 64 MiB). */
enum vv_err png_read(const char *path, uint8_t **rgba, int *w, int *h);

#endif
