/* png: PNG encode (filter Sub, zlib) and decode (all filters). */
#include "player/out/png.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "common/i18n.h"

#define PNG_MAX_FILE (64u << 20)

static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
				      0x1a, '\n' };

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int write_chunk(FILE *f, const char *type, const uint8_t *data,
		       size_t len)
{
	uint8_t hdr[8];
	uint8_t crc_bytes[4];
	uLong crc = crc32(0, (const Bytef *)type, 4);

	put32(hdr, (uint32_t)len);
	memcpy(hdr + 4, type, 4);
	if (len)
		crc = crc32(crc, data, (uInt)len);
	put32(crc_bytes, (uint32_t)crc);
	return fwrite(hdr, 1, 8, f) == 8 &&
	       (len == 0 || fwrite(data, 1, len, f) == len) &&
	       fwrite(crc_bytes, 1, 4, f) == 4;
}

enum vv_err png_write(const char *path, const uint8_t *rgba, int w, int h,
		      size_t stride, int alpha)
{
	size_t bpp = alpha ? 4 : 3;
	size_t row = (size_t)w * bpp + 1;
	size_t raw_len = row * (size_t)h;
	uLongf z_len;
	uint8_t *raw, *z, ihdr[13];
	char tmp[4096];
	FILE *f;
	int x, y, ok;

	if (w <= 0 || h <= 0 || w > PNG_MAX_SIDE || h > PNG_MAX_SIDE)
		return VV_ERR_INTERNAL;
	raw = malloc(raw_len);
	z_len = compressBound((uLong)raw_len);
	z = malloc(z_len);
	if (!raw || !z) {
		free(raw);
		free(z);
		return VV_ERR_NOMEM;
	}
	/* Filter "Sub" on every row: flat screen areas become zero runs. */
	for (y = 0; y < h; y++) {
		const uint8_t *src = rgba + (size_t)y * stride;
		uint8_t *dst = raw + (size_t)y * row;

		dst[0] = 1;
		for (x = 0; x < w; x++) {
			size_t c;

			for (c = 0; c < bpp; c++) {
				uint8_t left = x ? src[(x - 1) * 4 + c] : 0;

				dst[1 + x * bpp + c] =
					(uint8_t)(src[x * 4 + c] - left);
			}
		}
	}
	ok = compress2(z, &z_len, raw, (uLong)raw_len, 6) == Z_OK;
	free(raw);
	if (!ok) {
		free(z);
		return VV_ERR_NOMEM;
	}
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;
	ihdr[9] = alpha ? 6 : 2;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	f = fopen(tmp, "wb");
	if (!f) {
		vv_error(path, 0, _("cannot write the image: %s; check the "
			 "folder exists and is writable"), strerror(errno));
		free(z);
		return VV_ERR_IO;
	}
	ok = fwrite(signature, 1, 8, f) == 8 &&
	     write_chunk(f, "IHDR", ihdr, 13) &&
	     write_chunk(f, "IDAT", z, z_len) &&
	     write_chunk(f, "IEND", NULL, 0);
	free(z);
	if (fclose(f) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		vv_error(path, 0, _("cannot write the image: %s; check the "
			 "free space"), strerror(errno));
		remove(tmp);
		return VV_ERR_IO;
	}
	return VV_OK;
}

static int paeth(int a, int b, int c)
{
	int p = a + b - c;
	int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

static enum vv_err bad(const char *name, const char *why)
{
	vv_error(name, 0, _("not a usable PNG image: %s"), why);
	return VV_ERR_FORMAT;
}

/* Undoes the row filters in place; bpp is bytes per complete pixel
 * (at least 1). Returns 0 on an unknown filter type. */
static int unfilter(uint8_t *raw, size_t row, int h, size_t bpp)
{
	int y;
	size_t x;

	for (y = 0; y < h; y++) {
		uint8_t *cur = raw + (size_t)y * (row + 1);
		uint8_t *prev = y ? cur - (row + 1) : NULL;
		int type = cur[0];

		cur++;
		if (prev)
			prev++;
		for (x = 0; x < row; x++) {
			int a = x >= bpp ? cur[x - bpp] : 0;
			int b = prev ? prev[x] : 0;
			int c = prev && x >= bpp ? prev[x - bpp] : 0;

			switch (type) {
			case 0: break;
			case 1: cur[x] = (uint8_t)(cur[x] + a); break;
			case 2: cur[x] = (uint8_t)(cur[x] + b); break;
			case 3: cur[x] = (uint8_t)(cur[x] + (a + b) / 2); break;
			case 4: cur[x] = (uint8_t)(cur[x] + paeth(a, b, c));
				break;
			default: return 0;
			}
		}
	}
	return 1;
}

enum vv_err png_decode(const uint8_t *data, size_t size, const char *name,
		       uint8_t **rgba, int *w_out, int *h_out)
{
	uint32_t w = 0, h = 0;
	int depth = 0, ctype = -1, interlace = 0, have_ihdr = 0;
	uint8_t palette[256][4];
	int n_palette = 0;
	size_t pos = 8, z_total = 0, channels = 1, bits_pp = 8, row = 0;
	size_t raw_len;
	uint8_t *raw = NULL, *out = NULL;
	z_stream zs;
	int zret = Z_OK, zinit = 0;
	uint32_t y, x;
	enum vv_err err = VV_ERR_FORMAT;

	*rgba = NULL;
	memset(palette, 255, sizeof palette);
	if (size < 8 || memcmp(data, signature, 8) != 0)
		return bad(name, _("the PNG signature is missing"));
	memset(&zs, 0, sizeof zs);
	while (pos + 12 <= size) {
		uint32_t len = get32(data + pos);
		const uint8_t *type = data + pos + 4;
		const uint8_t *body = data + pos + 8;

		if (len > size - pos - 12) {
			err = bad(name, _("a chunk runs past the end"));
			goto out;
		}
		if (memcmp(type, "IHDR", 4) == 0 && len == 13) {
			w = get32(body);
			h = get32(body + 4);
			depth = body[8];
			ctype = body[9];
			interlace = body[12];
			have_ihdr = 1;
			if (w == 0 || h == 0 || w > PNG_MAX_SIDE ||
			    h > PNG_MAX_SIDE) {
				err = bad(name, _("the size is 0 or over "
					  "8192 pixels"));
				goto out;
			}
			if (interlace) {
				err = bad(name, _("interlaced images are not "
					  "supported; save it without "
					  "interlacing"));
				goto out;
			}
			switch (ctype) {
			case 0: channels = 1; break;
			case 2: channels = 3; break;
			case 3: channels = 1; break;
			case 4: channels = 2; break;
			case 6: channels = 4; break;
			default:
				err = bad(name, _("unknown colour type"));
				goto out;
			}
			if (!(depth == 8 || (depth == 16 && ctype != 3) ||
			      ((ctype == 0 || ctype == 3) &&
			       (depth == 1 || depth == 2 || depth == 4)))) {
				err = bad(name, _("unsupported bit depth"));
				goto out;
			}
			bits_pp = channels * (size_t)depth;
			row = ((size_t)w * bits_pp + 7) / 8;
			raw_len = (row + 1) * h;
			raw = malloc(raw_len);
			if (!raw || inflateInit(&zs) != Z_OK) {
				err = VV_ERR_NOMEM;
				goto out;
			}
			zinit = 1;
			zs.next_out = raw;
			zs.avail_out = (uInt)raw_len;
		} else if (memcmp(type, "PLTE", 4) == 0 && len % 3 == 0 &&
			   len <= 768) {
			uint32_t i;

			n_palette = (int)(len / 3);
			for (i = 0; i < len / 3; i++) {
				palette[i][0] = body[i * 3];
				palette[i][1] = body[i * 3 + 1];
				palette[i][2] = body[i * 3 + 2];
			}
		} else if (memcmp(type, "tRNS", 4) == 0 && ctype == 3) {
			uint32_t i;

			for (i = 0; i < len && i < 256; i++)
				palette[i][3] = body[i];
		} else if (memcmp(type, "IDAT", 4) == 0) {
			if (!have_ihdr) {
				err = bad(name, _("image data before the "
					  "header"));
				goto out;
			}
			z_total += len;
			zs.next_in = (Bytef *)body;
			zs.avail_in = len;
			while (zs.avail_in && zret == Z_OK && zs.avail_out)
				zret = inflate(&zs, Z_NO_FLUSH);
			if (zret != Z_OK && zret != Z_STREAM_END) {
				err = bad(name, _("the compressed data is "
					  "damaged"));
				goto out;
			}
		} else if (memcmp(type, "IEND", 4) == 0) {
			break;
		}
		pos += 12 + len;
	}
	if (!have_ihdr || !z_total || zs.avail_out != 0) {
		err = bad(name, _("the image data is missing or cut short"));
		goto out;
	}
	if (ctype == 3 && n_palette == 0) {
		err = bad(name, _("the palette is missing"));
		goto out;
	}
	if (!unfilter(raw, row, (int)h, (bits_pp + 7) / 8)) {
		err = bad(name, _("unknown row filter"));
		goto out;
	}
	out = malloc((size_t)w * h * 4);
	if (!out) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	for (y = 0; y < h; y++) {
		const uint8_t *src = raw + (size_t)y * (row + 1) + 1;
		uint8_t *dst = out + (size_t)y * w * 4;

		for (x = 0; x < w; x++) {
			uint8_t px[4] = { 0, 0, 0, 255 };
			size_t c, step = (size_t)depth == 16 ? 2 : 1;

			if (depth < 8) {
				size_t bit = (size_t)x * (size_t)depth;
				int v = (src[bit / 8] >> (8 - depth -
					 (int)(bit % 8))) & ((1 << depth) - 1);

				if (ctype == 3) {
					memcpy(px, palette[v], 4);
				} else {
					v = v * 255 / ((1 << depth) - 1);
					px[0] = px[1] = px[2] = (uint8_t)v;
				}
			} else {
				const uint8_t *s = src + (size_t)x * channels *
						   step;
				uint8_t v[4];

				for (c = 0; c < channels; c++)
					v[c] = s[c * step];  /* high byte */
				switch (ctype) {
				case 0: px[0] = px[1] = px[2] = v[0]; break;
				case 2: memcpy(px, v, 3); break;
				case 3: memcpy(px, palette[v[0]], 4); break;
				case 4: px[0] = px[1] = px[2] = v[0];
					px[3] = v[1]; break;
				case 6: memcpy(px, v, 4); break;
				}
			}
			memcpy(dst + x * 4, px, 4);
		}
	}
	*rgba = out;
	*w_out = (int)w;
	*h_out = (int)h;
	out = NULL;
	err = VV_OK;
out:
	if (zinit)
		inflateEnd(&zs);
	free(raw);
	free(out);
	return err;
}

enum vv_err png_read(const char *path, uint8_t **rgba, int *w, int *h)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;
	long len;
	enum vv_err err;

	*rgba = NULL;
	if (!f) {
		vv_error(path, 0, _("cannot open the image: %s"),
			 strerror(errno));
		return VV_ERR_IO;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (unsigned long)len > PNG_MAX_FILE) {
		fclose(f);
		vv_error(path, 0, _("cannot read the image, or it is larger "
			 "than 64 MiB"));
		return VV_ERR_IO;
	}
	buf = malloc((size_t)len + 1);
	if (!buf) {
		fclose(f);
		return VV_ERR_NOMEM;
	}
	n = fread(buf, 1, (size_t)len, f);
	fclose(f);
	err = png_decode(buf, n, path, rgba, w, h);
	free(buf);
	return err;
}
