/* Unit tests for common/image: PNG and JPEG through libpng and libjpeg,
 * round trips, interlaced PNGs, damage refused (bad CRC, cut zlib stream,
 * cut JPEG), the size caps applied before memory is taken, and a JPEG
 * turned upright by its Exif Orientation, CMYK and YCCK JPEGs in RGB. */
#include "common/image.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>

enum { W = 37, H = 23 };

struct buf {
	uint8_t *data;
	size_t size, cap;
};

static void buf_put(struct buf *b, const void *p, size_t n)
{
	if (b->size + n > b->cap) {
		b->cap = (b->size + n) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->size, p, n);
	b->size += n;
}

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

/* CRC-32 as PNG chunks use it, to forge chunks that pass the CRC check
 * and fail later (a test fixture, not a decoder). */
static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

/* Recomputes the CRC of the chunk whose type starts at `type`. */
static void fix_crc(uint8_t *type)
{
	uint32_t len = get32(type - 4);
	put32(type + 4 + len, crc32_of(type, 4 + len));
}

static void write_cb(png_structp png, png_bytep data, png_size_t n)
{
	buf_put(png_get_io_ptr(png), data, n);
}

static void flush_cb(png_structp png)
{
	(void)png;
}

/* An Adam7-interlaced RGB PNG of the test pattern, made with libpng's
 * classic writer (the simplified writer cannot interlace). */
static struct buf interlaced_png(const uint8_t *rgba)
{
	struct buf b = { 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
						  NULL, NULL);
	png_infop info = png_create_info_struct(png);
	static uint8_t rows[H][W * 3];
	png_bytep ptrs[H];
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(b.data);
		b.data = NULL;
		b.size = 0;
		return b;
	}
	png_set_write_fn(png, &b, write_cb, flush_cb);
	png_set_IHDR(png, info, W, H, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_ADAM7, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	for (int y = 0; y < H; y++) {
		for (int x = 0; x < W; x++)
			memcpy(rows[y] + x * 3, rgba + (y * W + x) * 4, 3);
		ptrs[y] = rows[y];
	}
	png_set_rows(png, info, ptrs);
	png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	png_destroy_write_struct(&png, &info);
	return b;
}

/* Finds the first chunk of `type`; returns a pointer to its type field. */
static uint8_t *find_chunk(uint8_t *png, size_t size, const char *type)
{
	size_t at = 8;
	while (at + 12 <= size) {
		uint32_t len = get32(png + at);
		if (!memcmp(png + at + 4, type, 4))
			return png + at + 4;
		at += 12 + len;
	}
	return NULL;
}

static uint8_t *encode_jpeg(int progressive, unsigned long *size)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *buf = NULL, row[W * 3];

	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, size);
	c.image_width = W;
	c.image_height = H;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < H) {
		JSAMPROW r[1] = { row };
		for (int x = 0; x < W; x++) {
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

/* Sets the size in a JPEG's SOF0 or SOF2 header. */
static int jpeg_claim_size(uint8_t *jpg, size_t size, unsigned w, unsigned h)
{
	for (size_t i = 2; i + 9 < size; i++) {
		if (jpg[i] == 0xff && (jpg[i + 1] == 0xc0 ||
				       jpg[i + 1] == 0xc2)) {
			jpg[i + 5] = (uint8_t)(h >> 8);
			jpg[i + 6] = (uint8_t)h;
			jpg[i + 7] = (uint8_t)(w >> 8);
			jpg[i + 8] = (uint8_t)w;
			return 1;
		}
	}
	return 0;
}

static long max_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void test_png(const uint8_t *img, const char *dir)
{
	char path[256];
	uint8_t *back = NULL, *file = NULL;
	size_t n = 0;
	int w = 0, h = 0, same;

	snprintf(path, sizeof path, "%s/a.png", dir);
	CHECK(image_write_png(path, img, W, H, W * 4, 1) == VV_OK,
	      "png: writes RGBA");
	CHECK(image_read_file(path, IMAGE_PLAYER_MAX_PIXELS, &back, &w, &h) ==
	      VV_OK && w == W && h == H, "png: reads back its size");
	CHECK(back && memcmp(back, img, (size_t)W * H * 4) == 0,
	      "png: RGBA pixels survive the round trip");
	free(back);
	back = NULL;

	CHECK(image_write_png(path, img, W, H, W * 4, 0) == VV_OK &&
	      image_read_file(path, IMAGE_PLAYER_MAX_PIXELS, &back, &w, &h) ==
	      VV_OK, "png: writes RGB");
	same = back != NULL;
	for (int x = 0; back && x < W * H; x++)
		if (memcmp(back + x * 4, img + x * 4, 3) ||
		    back[x * 4 + 3] != 255)
			same = 0;
	CHECK(same, "png: RGB keeps colour, alpha reads as opaque");
	free(back);
	back = NULL;

	CHECK(image_encode_png(img, W, H, W * 4, 0, &file, &n) == VV_OK &&
	      image_format_of(file, n) == IMAGE_PNG, "png: encodes in memory");
	struct image_info info;
	CHECK(image_probe(file, n, "p", &info) == VV_OK &&
	      info.format == IMAGE_PNG && info.width == W && info.height == H,
	      "png: probe reads the header");

	struct buf il = interlaced_png(img);
	CHECK(il.data && image_decode(il.data, il.size, "interlaced.png",
				      IMAGE_PLAYER_MAX_PIXELS, &back, &w,
				      &h) == VV_OK && w == W && h == H,
	      "png: an interlaced (Adam7) PNG decodes");
	same = back != NULL;
	for (int x = 0; back && x < W * H; x++)
		if (memcmp(back + x * 4, img + x * 4, 3))
			same = 0;
	CHECK(same, "png: interlaced pixels are right");
	free(back);
	back = NULL;
	free(il.data);

	fprintf(stderr, "(the next lines are expected errors)\n");
	/* the zlib stream cut in half, in a well-formed IDAT with a right
	 * CRC and an IEND after it */
	uint8_t *idat = find_chunk(file, n, "IDAT");
	if (idat) {
		uint32_t len = get32(idat - 4);
		size_t head = (size_t)(idat - file) - 4;
		struct buf cut = { 0 };
		uint8_t hdr[8], crc[4];
		buf_put(&cut, file, head);
		put32(hdr, len / 2);
		memcpy(hdr + 4, "IDAT", 4);
		buf_put(&cut, hdr, 8);
		buf_put(&cut, idat + 4, len / 2);
		put32(crc, crc32_of(cut.data + head + 4, 4 + len / 2));
		buf_put(&cut, crc, 4);
		static const uint8_t iend[12] = { 0, 0, 0, 0, 'I', 'E', 'N',
						  'D', 0xae, 0x42, 0x60,
						  0x82 };
		buf_put(&cut, iend, 12);
		CHECK(image_decode(cut.data, cut.size, "cutzlib.png",
				   IMAGE_PLAYER_MAX_PIXELS, &back, &w, &h) ==
		      VV_ERR_FORMAT && !back,
		      "png: a truncated zlib stream is refused");
		free(cut.data);
	}
	CHECK(n > 60 && image_decode(file, n - 20, "cut.png",
				     IMAGE_PLAYER_MAX_PIXELS, &back, &w,
				     &h) == VV_ERR_FORMAT && !back,
	      "png: a truncated file is refused");
	if (idat) {
		uint8_t *crc = idat + 4 + get32(idat - 4);
		crc[1] ^= 0x55;  /* the data is intact, its CRC is not */
		CHECK(image_decode(file, n, "crc.png", IMAGE_PLAYER_MAX_PIXELS,
				   &back, &w, &h) == VV_ERR_FORMAT && !back,
		      "png: a chunk CRC mismatch is refused");
		crc[1] ^= 0x55;
	}
	/* a header that claims 9000 x 9000: refused before the pixels */
	uint8_t *ihdr = find_chunk(file, n, "IHDR");
	if (ihdr) {
		put32(ihdr + 4, 9000);
		put32(ihdr + 8, 9000);
		fix_crc(ihdr);
		CHECK(image_decode(file, n, "huge.png", IMAGE_PLAYER_MAX_PIXELS,
				   &back, &w, &h) == VV_ERR_FORMAT && !back,
		      "png: over the side cap is refused");
		put32(ihdr + 4, 5000);
		put32(ihdr + 8, 5000);
		fix_crc(ihdr);
		CHECK(image_decode(file, n, "big.png", IMAGE_PLAYER_MAX_PIXELS,
				   &back, &w, &h) == VV_ERR_FORMAT && !back,
		      "png: over the pixel cap is refused");
	}
	file[0] = 'x';
	CHECK(image_decode(file, n, "sig", IMAGE_PLAYER_MAX_PIXELS, &back, &w,
			   &h) == VV_ERR_FORMAT, "png: no signature refused");
	free(file);
	CHECK(image_read_file("/nonexistent.png", IMAGE_PLAYER_MAX_PIXELS,
			      &back, &w, &h) == VV_ERR_IO,
	      "png: a missing file is an I/O error");
	snprintf(path, sizeof path, "%s/no/such/dir.png", dir);
	CHECK(image_write_png(path, img, W, H, W * 4, 0) == VV_ERR_IO,
	      "png: an unwritable path is an I/O error");
	snprintf(path, sizeof path, "%s/a.png", dir);
	unlink(path);
}

static void test_jpeg(void)
{
	unsigned long size = 0;
	uint8_t *jpg = encode_jpeg(0, &size);
	uint8_t *rgba = NULL;
	int w = 0, h = 0, close = 0;

	CHECK(jpg && image_format_of(jpg, size) == IMAGE_JPEG,
	      "jpeg: recognised by its first bytes");
	CHECK(image_decode(jpg, size, "t.jpg", IMAGE_PLAYER_MAX_PIXELS, &rgba,
			   &w, &h) == VV_OK && w == W && h == H,
	      "jpeg: decodes its size");
	if (rgba)
		close = abs(rgba[0] - 200) < 6 && abs(rgba[1] - 120) < 6 &&
			abs(rgba[2] - 40) < 6 && rgba[3] == 255;
	CHECK(close, "jpeg: colour kept, opaque");
	free(rgba);
	rgba = NULL;

	static uint8_t black[W * H * 4];
	uint8_t *again = NULL;
	size_t again_size = 0;
	CHECK(image_encode_jpeg(black, W, H, W * 4, 85, &again,
				&again_size) == VV_OK &&
	      image_format_of(again, again_size) == IMAGE_JPEG,
	      "jpeg: encodes in memory");
	free(again);

	fprintf(stderr, "(the next lines are expected errors)\n");
	CHECK(image_decode(jpg, size / 2, "cut.jpg", IMAGE_PLAYER_MAX_PIXELS,
			   &rgba, &w, &h) == VV_ERR_FORMAT && !rgba,
	      "jpeg: a truncated file is refused");
	memset(jpg + 2, 0x00, 20);  /* header gone */
	CHECK(image_decode(jpg, size, "bad.jpg", IMAGE_PLAYER_MAX_PIXELS,
			   &rgba, &w, &h) == VV_ERR_FORMAT && !rgba,
	      "jpeg: a damaged header is refused");
	free(jpg);

	/* A small progressive JPEG whose header claims 15113 x 49713: it
	 * must be refused from the header, before libjpeg allocates its
	 * whole-picture coefficient buffers (1.5 GB). */
	jpg = encode_jpeg(1, &size);
	long before = max_rss_kb();
	CHECK(jpg && jpeg_claim_size(jpg, size, 15113, 49713) &&
	      image_decode(jpg, size, "huge.jpg", IMAGE_PLAYER_MAX_PIXELS,
			   &rgba, &w, &h) == VV_ERR_FORMAT && !rgba,
	      "jpeg: a progressive JPEG claiming 15113x49713 is refused");
	CHECK(jpeg_claim_size(jpg, size, 8000, 8000) &&
	      image_decode(jpg, size, "big.jpg", IMAGE_PLAYER_MAX_PIXELS,
			   &rgba, &w, &h) == VV_ERR_FORMAT && !rgba,
	      "jpeg: over the pixel cap is refused");
	/* under the caps, the claim is decoded, finds its data missing and
	 * is refused too, within libjpeg's memory cap */
	CHECK(jpeg_claim_size(jpg, size, 4000, 4000) &&
	      image_decode(jpg, size, "lying.jpg", IMAGE_PLAYER_MAX_PIXELS,
			   &rgba, &w, &h) == VV_ERR_FORMAT && !rgba,
	      "jpeg: a header larger than its data is refused");
	long grew = max_rss_kb() - before;
	printf("(peak memory grew by %ld KiB)\n", grew);
	CHECK(grew < 200 * 1024,
	      "jpeg: refusing lying headers costs no picture-sized memory");
	struct image_info info;
	CHECK(image_probe(jpg, size, "p.jpg", &info) == VV_OK &&
	      info.format == IMAGE_JPEG && info.width == 4000,
	      "jpeg: probe reads the header only");
	free(jpg);
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', 13, 10, 26,
					    10 };
	CHECK(image_decode(png_sig, 8, "png", IMAGE_PLAYER_MAX_PIXELS, &rgba,
			   &w, &h) == VV_ERR_FORMAT && !rgba,
	      "jpeg: other data refused");
	static const uint8_t text[] = "GIF89a.....";
	CHECK(image_decode(text, sizeof text, "x.gif", IMAGE_PLAYER_MAX_PIXELS,
			   &rgba, &w, &h) == VV_ERR_FORMAT &&
	      image_format_of(text, sizeof text) == IMAGE_NONE,
	      "image: other formats are refused by name");
}

/* A copy of the JPEG `jpg` with an Exif APP1 segment right after its SOI
 * whose IFD0 holds only Orientation = `o`, in the byte order `mm`
 * (Motorola) or not (Intel), as phone cameras write it. Caller frees. */
static uint8_t *with_orientation(const uint8_t *jpg, size_t size, int o,
				 int mm, size_t *out_size)
{
	uint8_t seg[4 + 6 + 8 + 2 + 12 + 4];
	size_t n = 0;
	uint16_t len = (uint16_t)(sizeof seg - 2);
#define PUT16(v) (mm ? (seg[n] = (uint8_t)((v) >> 8), \
			seg[n + 1] = (uint8_t)(v)) \
		     : (seg[n] = (uint8_t)(v), \
			seg[n + 1] = (uint8_t)((v) >> 8)), n += 2)
#define PUT32(v) (mm ? (PUT16((v) >> 16), PUT16((v) & 0xffff)) \
		     : (PUT16((v) & 0xffff), PUT16((v) >> 16)))
	seg[n++] = 0xff;
	seg[n++] = 0xe1;
	seg[n++] = (uint8_t)(len >> 8);
	seg[n++] = (uint8_t)len;
	memcpy(seg + n, "Exif\0\0", 6);
	n += 6;
	seg[n++] = mm ? 'M' : 'I';
	seg[n++] = mm ? 'M' : 'I';
	PUT16(42);
	PUT32(8);             /* IFD0 right after the header */
	PUT16(1);             /* one entry */
	PUT16(0x0112);        /* Orientation */
	PUT16(3);             /* SHORT */
	PUT32(1);
	PUT16(o);
	PUT16(0);
	PUT32(0);             /* no next IFD */
#undef PUT16
#undef PUT32
	uint8_t *out = malloc(size + n);
	if (!out)
		return NULL;
	memcpy(out, jpg, 2);
	memcpy(out + 2, seg, n);
	memcpy(out + 2 + n, jpg + 2, size - 2);
	*out_size = size + n;
	return out;
}

/* 1 when pixel (x, y) of the w-wide `rgba` is near red (r) or blue. */
static int is_red(const uint8_t *rgba, int w, int x, int y)
{
	const uint8_t *p = rgba + ((size_t)y * w + x) * 4;
	return p[0] > 200 && p[2] < 60;
}

static int is_blue(const uint8_t *rgba, int w, int x, int y)
{
	const uint8_t *p = rgba + ((size_t)y * w + x) * 4;
	return p[2] > 200 && p[0] < 60;
}

/* A phone photo is stored as the sensor saw it, with an Exif Orientation
 * that says how to turn it: it is shown upright (and its size is the
 * upright one), not sideways. Stored: 64x32, left half red, right half
 * blue. */
static void test_jpeg_orientation(void)
{
	enum { SW = 64, SH = 32 };
	static uint8_t stored[SW * SH * 4];
	for (int y = 0; y < SH; y++)
		for (int x = 0; x < SW; x++) {
			uint8_t *p = stored + ((size_t)y * SW + x) * 4;
			p[0] = x < SW / 2 ? 255 : 0;
			p[1] = 0;
			p[2] = x < SW / 2 ? 0 : 255;
			p[3] = 255;
		}
	uint8_t *jpg = NULL;
	size_t size = 0;
	if (image_encode_jpeg(stored, SW, SH, SW * 4, 95, &jpg, &size) !=
	    VV_OK) {
		CHECK(0, "jpeg orientation: encode the fixture");
		return;
	}
	/* where the red half is when shown: 'l'eft, 'r'ight, 't'op,
	 * 'b'ottom */
	static const struct {
		int o;
		char red;
	} cases[] = { { 1, 'l' }, { 2, 'r' }, { 3, 'r' }, { 4, 'l' },
		      { 5, 't' }, { 6, 't' }, { 7, 'b' }, { 8, 'b' } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (int mm = 0; mm <= 1; mm++) {
			size_t osize = 0;
			uint8_t *o = with_orientation(jpg, size, cases[i].o,
						      mm, &osize);
			uint8_t *rgba = NULL;
			int w = 0, h = 0, turned = cases[i].o >= 5;
			int ew = turned ? SH : SW, eh = turned ? SW : SH;
			struct image_info info = { 0 };
			char what[96];
			int ok = o && image_decode(o, osize, "o.jpg",
						   IMAGE_PLAYER_MAX_PIXELS,
						   &rgba, &w, &h) == VV_OK &&
				 w == ew && h == eh;
			if (ok) {
				int lx = 2, rx = w - 3, ty = 2, by = h - 3;
				int mx = w / 2, my = h / 2;
				switch (cases[i].red) {
				case 'l':
					ok = is_red(rgba, w, lx, my) &&
					     is_blue(rgba, w, rx, my);
					break;
				case 'r':
					ok = is_red(rgba, w, rx, my) &&
					     is_blue(rgba, w, lx, my);
					break;
				case 't':
					ok = is_red(rgba, w, mx, ty) &&
					     is_blue(rgba, w, mx, by);
					break;
				default:
					ok = is_red(rgba, w, mx, by) &&
					     is_blue(rgba, w, mx, ty);
				}
			}
			snprintf(what, sizeof what,
				 "jpeg orientation %d (%s): shown upright, "
				 "%dx%d", cases[i].o, mm ? "MM" : "II", ew,
				 eh);
			CHECK(ok, what);
			snprintf(what, sizeof what,
				 "jpeg orientation %d (%s): probe gives the "
				 "upright size", cases[i].o, mm ? "MM" : "II");
			CHECK(o && image_probe(o, osize, "o.jpg", &info) ==
				      VV_OK && info.width == ew &&
				      info.height == eh, what);
			free(rgba);
			free(o);
		}
	free(jpg);
}

/* A 64x32 CMYK (or YCCK) JPEG, left half red, right half blue, with the
 * ink stored inverted as Photoshop writes it (and says so in the Adobe
 * marker libjpeg adds). Caller frees. */
static uint8_t *encode_cmyk(int ycck, unsigned long *size)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *buf = NULL, row[64 * 4];

	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &buf, size);
	c.image_width = 64;
	c.image_height = 32;
	c.input_components = 4;
	c.in_color_space = JCS_CMYK;
	jpeg_set_defaults(&c);
	if (ycck)
		jpeg_set_colorspace(&c, JCS_YCCK);
	jpeg_set_quality(&c, 95, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < 32) {
		JSAMPROW r[1] = { row };
		for (int x = 0; x < 64; x++) {
			/* red: magenta and yellow; blue: cyan and magenta */
			row[x * 4] = x < 32 ? 255 : 0;
			row[x * 4 + 1] = 0;
			row[x * 4 + 2] = x < 32 ? 0 : 255;
			row[x * 4 + 3] = 255;  /* no black */
		}
		jpeg_write_scanlines(&c, r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return buf;
}

/* A picture from a print workflow (stock photo, PDF export) is often a
 * CMYK JPEG: it is shown in its colours, not refused. */
static void test_jpeg_cmyk(void)
{
	for (int ycck = 0; ycck <= 1; ycck++) {
		unsigned long size = 0;
		uint8_t *jpg = encode_cmyk(ycck, &size), *rgba = NULL;
		int w = 0, h = 0, ok;
		char what[64];

		ok = jpg && image_decode(jpg, size, "cmyk.jpg",
					 IMAGE_PLAYER_MAX_PIXELS, &rgba, &w,
					 &h) == VV_OK && w == 64 && h == 32;
		ok = ok && is_red(rgba, w, 4, 16) && is_blue(rgba, w, 60, 16) &&
		     rgba[3] == 255;
		snprintf(what, sizeof what, "jpeg: %s shown in its colours",
			 ycck ? "YCCK" : "CMYK");
		CHECK(ok, what);
		free(rgba);
		free(jpg);
	}
}

int main(void)
{
	static uint8_t img[W * H * 4];
	char dir[] = "/tmp/vv-image-XXXXXX";

	for (int x = 0; x < W * H; x++) {
		img[x * 4] = (uint8_t)(x * 7);
		img[x * 4 + 1] = (uint8_t)(x * 13 + 5);
		img[x * 4 + 2] = (uint8_t)(255 - x);
		img[x * 4 + 3] = (uint8_t)(x * 3);
	}
	if (!mkdtemp(dir))
		return 1;
	test_png(img, dir);
	test_jpeg();
	test_jpeg_orientation();
	test_jpeg_cmyk();
	rmdir(dir);
	return CHECK_DONE();
}
