/* exif: the one Exif field the picture decoder needs, Orientation (how a
 * camera that was held turned says to show its picture), read from a
 * JPEG's APP1 segment, and the turn itself on an RGBA picture. The
 * segment is untrusted: every offset is checked against its size. */
#ifndef VV_COMMON_EXIF_H
#define VV_COMMON_EXIF_H

#include <stddef.h>
#include <stdint.h>

/* Returns the Orientation (1..8, TIFF tag 0x0112 in IFD0) of the APP1
 * payload `data` of `size` bytes ("Exif\0\0" and a TIFF header, either
 * byte order); 1 (shown as stored) when it is no Exif, has no
 * Orientation, or is damaged. */
int exif_orientation(const uint8_t *data, size_t size);

/* 1 when orientation `o` turns the picture a quarter (5..8): its width
 * and height swap. */
int exif_swaps_sides(int o);

/* Turns the w x h RGBA picture `rgba` (rows of w * 4 bytes) as
 * orientation `o` says. Returns a new buffer of the upright picture
 * (caller frees; *ow x *oh), `rgba` itself when o is 1 or out of range,
 * or NULL when out of memory. Borrows `rgba`. */
uint8_t *exif_orient(const uint8_t *rgba, int w, int h, int o, int *ow,
		     int *oh);

#endif
