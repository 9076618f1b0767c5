/* imgcmp: compares screenshots for the player's end-to-end tests, read by
 * libpng (through common/image), a decoder the project did not write.
 *   imgcmp A.png B.png [TOLERANCE [MAX_PERCENT]]
 *       exit 0 when at most MAX_PERCENT (default 0.5) of the pixels differ
 *       by more than TOLERANCE (default 40, 0-255) in any channel; prints
 *       the share of differing pixels.
 *   imgcmp --ink A.png X Y W H
 *       prints "x0 y0 x1 y1" (inclusive), the box of pixels in the region
 *       that differ from the region's top-left pixel, or "none".
 *   imgcmp --pixel A.png X Y      prints the colour as RRGGBB.
 *   imgcmp --shrink F A.png OUT.png
 *       writes A scaled down by the whole factor F (box average), the
 *       form golden images of large screens are kept in.
 * A.png smaller than B.png by a whole factor in both sides is compared
 * with B scaled down by that factor, so a 4K screenshot is checked
 * against a 960x540 golden image. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/image.h"

static int load(const char *path, uint8_t **px, int *w, int *h)
{
	if (image_read_file(path, IMAGE_PLAYER_MAX_PIXELS, px, w, h) !=
	    VV_OK) {
		fprintf(stderr, "imgcmp: cannot read %s\n", path);
		return 0;
	}
	return 1;
}

static int ink(char **argv)
{
	uint8_t *px;
	int w, h, x, y, rx = atoi(argv[3]), ry = atoi(argv[4]);
	int rw = atoi(argv[5]), rh = atoi(argv[6]);
	int x0 = -1, y0 = -1, x1 = -1, y1 = -1;
	const uint8_t *bg;

	if (!load(argv[2], &px, &w, &h))
		return 2;
	if (rx < 0 || ry < 0 || rw <= 0 || rh <= 0 || rx + rw > w ||
	    ry + rh > h) {
		fprintf(stderr, "imgcmp: region outside the %dx%d image\n", w,
			h);
		free(px);
		return 2;
	}
	bg = px + ((size_t)ry * w + rx) * 4;
	for (y = ry; y < ry + rh; y++) {
		for (x = rx; x < rx + rw; x++) {
			const uint8_t *p = px + ((size_t)y * w + x) * 4;
			int c, d = 0;

			for (c = 0; c < 3; c++)
				if (abs(p[c] - bg[c]) > d)
					d = abs(p[c] - bg[c]);
			if (d <= 40)
				continue;
			if (x0 < 0 || x < x0)
				x0 = x;
			if (x > x1)
				x1 = x;
			if (y0 < 0)
				y0 = y;
			y1 = y;
		}
	}
	if (x0 < 0)
		printf("none\n");
	else
		printf("%d %d %d %d\n", x0, y0, x1, y1);
	free(px);
	return 0;
}

/* Scales px (w x h) down by f in place (box average); the new size is
 * (w / f) x (h / f). */
static void shrink(uint8_t *px, int w, int h, int f)
{
	int x, y, dx, dy, c, ow = w / f, oh = h / f;

	for (y = 0; y < oh; y++) {
		for (x = 0; x < ow; x++) {
			for (c = 0; c < 4; c++) {
				unsigned sum = 0;

				for (dy = 0; dy < f; dy++)
					for (dx = 0; dx < f; dx++)
						sum += px[(((size_t)y * f + dy)
							   * w + (size_t)x * f
							   + dx) * 4 + c];
				px[((size_t)y * ow + x) * 4 + c] =
					(uint8_t)((sum + (unsigned)(f * f) / 2)
						  / (unsigned)(f * f));
			}
		}
	}
}

static int shrink_file(char **argv)
{
	uint8_t *px;
	int w, h, f = atoi(argv[2]);

	if (f < 1 || f > 16 || !load(argv[3], &px, &w, &h))
		return 2;
	shrink(px, w, h, f);
	if (image_write_png(argv[4], px, w / f, h / f, (size_t)(w / f) * 4,
			    0) != VV_OK) {
		free(px);
		return 2;
	}
	free(px);
	return 0;
}

static int pixel(char **argv)
{
	uint8_t *px;
	int w, h, x = atoi(argv[3]), y = atoi(argv[4]);

	if (!load(argv[2], &px, &w, &h))
		return 2;
	if (x < 0 || y < 0 || x >= w || y >= h) {
		free(px);
		return 2;
	}
	{
		const uint8_t *q = px + ((size_t)y * w + x) * 4;

		printf("%02x%02x%02x\n", q[0], q[1], q[2]);
	}
	free(px);
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t *a, *b;
	int aw, ah, bw, bh, tol = 40;
	double max_percent = 0.5, percent;
	size_t i, n, differ = 0;

	if (argc == 7 && strcmp(argv[1], "--ink") == 0)
		return ink(argv);
	if (argc == 5 && strcmp(argv[1], "--pixel") == 0)
		return pixel(argv);
	if (argc == 5 && strcmp(argv[1], "--shrink") == 0)
		return shrink_file(argv);
	if (argc < 3 || argc > 5) {
		fprintf(stderr, "usage: imgcmp A.png B.png [TOLERANCE "
			"[MAX_PERCENT]] | --ink A.png X Y W H | "
			"--pixel A.png X Y | --shrink F A.png OUT.png\n");
		return 2;
	}
	if (argc > 3)
		tol = atoi(argv[3]);
	if (argc > 4)
		max_percent = atof(argv[4]);
	if (!load(argv[1], &a, &aw, &ah))
		return 2;
	if (!load(argv[2], &b, &bw, &bh)) {
		free(a);
		return 2;
	}
	if (aw > 0 && ah > 0 && bw > aw && bw % aw == 0 && bh % ah == 0 &&
	    bw / aw == bh / ah && bw / aw <= 16) {
		shrink(b, bw, bh, bw / aw);
		bw = aw;
		bh = ah;
	}
	if (aw != bw || ah != bh) {
		printf("size differs: %dx%d vs %dx%d\n", aw, ah, bw, bh);
		free(a);
		free(b);
		return 1;
	}
	n = (size_t)aw * ah;
	for (i = 0; i < n; i++) {
		int c;

		for (c = 0; c < 3; c++) {
			if (abs(a[i * 4 + c] - b[i * 4 + c]) > tol) {
				differ++;
				break;
			}
		}
	}
	percent = 100.0 * (double)differ / (double)n;
	printf("%.3f%% of pixels differ (tolerance %d)\n", percent, tol);
	free(a);
	free(b);
	return percent <= max_percent ? 0 : 1;
}
