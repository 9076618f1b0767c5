/* jpeg: decodes JPEG slide pictures (the builder accepts PNG and JPEG)
 * into RGBA through libjpeg. No SDL here. */
#ifndef VV_PLAYER_OUT_JPEG_H
#define VV_PLAYER_OUT_JPEG_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* 1 when `data` starts like a JPEG file (FF D8 FF). */
int jpeg_is(const uint8_t *data, size_t size);

/* Decodes a baseline or progressive JPEG (grey, YCbCr, or CMYK as libjpeg
 * converts it) into a new RGBA buffer (caller frees) of *w x *h pixels,
 * stride w*4, opaque. Sides over PNG_MAX_SIDE (8192) are refused. `name`
 * is used in messages. Returns VV_OK, or VV_ERR_FORMAT / VV_ERR_NOMEM
 * after a message naming it; nothing is allocated on failure. */
enum vv_err jpeg_decode(const uint8_t *data, size_t size, const char *name,
			uint8_t **rgba, int *w, int *h);

#endif
