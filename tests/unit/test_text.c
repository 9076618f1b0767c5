/* Tests the text module on a software renderer: fonts and fallback,
 * bidi order against the fribidi CLI, alignment and line filling read
 * back from pixels, the layout cache. Set VV_TEXT_SHOTS=DIR to also write
 * 1920x1080 PNG screenshots of sample slides (ar, prs, ti, uk) there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL2/SDL.h>

#include "common/err.h"
#include "common/lang.h"
#include "common/image.h"
#include "player/text/text.h"
#include "tests/unit/check.h"

#define SCREEN_W 1920
#define SCREEN_H 1080

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static struct text_engine *engine;

struct sample {
	const char *lang;
	const char *text;
};

/* Short sentences written for these tests: digits, punctuation and, for
 * Persian-script languages, the zero-width non-joiner. */
static const struct sample samples[] = {
	{ "ar", "مرحبًا بك في مركز الإرشاد المهني. يبدأ الاجتماع في الساعة "
		"10:30 يوم 12 مارس 2024." },
	{ "prs", "به مرکز رهنمایی شغلی خوش آمدید. جلسه‌ی شما ساعت 9 صبح "
		 "شروع می‌شود." },
	{ "ti", "ናብ ማእከል ምኽሪ ስራሕ እንቋዕ ብደሓን መጻእኩም። ኣኼባ ብ 2024 ሰዓት 10 "
		"ይጅምር።" },
	{ "am", "ወደ የሙያ ምክር ማዕከል እንኳን ደህና መጡ። ስብሰባው በ 2024 ዓ.ም. "
		"ይጀምራል።" },
	{ "uk", "Ласкаво просимо до центру кар'єрного консультування. "
		"Зустріч починається о 10:30, 12 березня 2024 року." },
	{ "ckb", "بەخێربێن بۆ ناوەندی ڕێنمایی پیشەیی. کۆبوونەوەکە لە کاتژمێر "
		 "10 دەست پێدەکات." },
	{ "ur", "پیشہ ورانہ رہنمائی کے مرکز میں خوش آمدید۔ ملاقات صبح 10 بجے "
		"شروع ہوگی۔" },
	{ "ps", "د مسلکي لارښوونې مرکز ته ښه راغلاست. غونډه به د سهار په 10 "
		"بجو پیل شي." },
	{ "so", "Ku soo dhawoow xarunta hagitaanka shaqada. Kulanku wuxuu "
		"bilaabmayaa saacadda 10:30." },
	{ "kmr", "Hûn bi xêr hatin navenda şêwirmendiya kariyerê. Civîn di "
		 "saet 10:30an de dest pê dike." },
};

static const char *arabic_long =
	"يحق للاجئين الجدد في النرويج الحصول على الإرشاد المهني، وعليهم "
	"واجب المشاركة فيه. قبل الاجتماع يجب أن يعرفوا ما هو الإرشاد المهني "
	"وماذا سيحدث في الاجتماع وكيف يعمل التعليم والعمل في النرويج. يصنع "
	"مركز الإرشاد أفلامًا وعروضًا ونشرات لهذا الغرض، ثم يترجمها إلى لغات "
	"كثيرة ومستويات تعليمية مختلفة.";

static struct text_style style_for(const char *lang, int size, int max_w)
{
	struct text_style s;

	memset(&s, 0, sizeof s);
	s.size_px = size;
	s.rgba = 0xFFFFFFFF;
	s.align = TEXT_ALIGN_START;
	s.lang = lang;
	s.max_width_px = max_w;
	return s;
}

static void clear(void)
{
	SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
	SDL_RenderClear(renderer);
}

/* Finds the ink bounding box within [x0, x1) x [y0, y1). Returns 0 when
 * nothing is inked. */
static int ink_box(int x0, int y0, int x1, int y1, int *left, int *right,
		   int *top, int *bottom)
{
	int x, y, found = 0;

	SDL_RenderPresent(renderer);
	*left = x1;
	*right = -1;
	*top = y1;
	*bottom = -1;
	for (y = y0; y < y1; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)
			surface->pixels + (size_t)y * (size_t)surface->pitch);

		for (x = x0; x < x1; x++) {
			if ((row[x] & 0xFFFFFF) == 0)
				continue;
			found = 1;
			if (x < *left)
				*left = x;
			if (x > *right)
				*right = x;
			if (y < *top)
				*top = y;
			if (y > *bottom)
				*bottom = y;
		}
	}
	return found;
}

static int setup(void)
{
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	if (SDL_Init(0) != 0)
		return 0;
	surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32,
						 SDL_PIXELFORMAT_ARGB8888);
	if (!surface)
		return 0;
	renderer = SDL_CreateSoftwareRenderer(surface);
	if (!renderer)
		return 0;
	return text_engine_new(renderer, NULL, &engine) == VV_OK;
}

static void test_endonyms(void)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < lang_count(); i++) {
		const struct vv_lang *lang = lang_at(i);
		struct text_style s = style_for(lang->code, 48, 0);
		const struct text_layout *l = text_layout(engine,
							  lang->endonym, &s);
		int m = l ? text_layout_missing_glyphs(l) : -1;

		if (m != 0) {
			printf("# %s endonym: %d missing\n", lang->code, m);
			bad++;
		}
	}
	CHECK(bad == 0, "text_endonyms_no_missing_glyphs");
}

static void test_samples(void)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		struct text_style s = style_for(samples[i].lang, 40, 1600);
		const struct text_layout *l = text_layout(engine,
							  samples[i].text, &s);
		int m = l ? text_layout_missing_glyphs(l) : -1;

		if (m != 0) {
			printf("# %s sample: %d missing\n", samples[i].lang, m);
			bad++;
		}
	}
	CHECK(bad == 0, "text_samples_no_missing_glyphs");
	{
		/* The count must be able to fail: no Noto font here has
		 * Han or Devanagari. */
		struct text_style s = style_for("en", 40, 0);
		const struct text_layout *l = text_layout(engine,
							  "a 漢字 देव b", &s);

		CHECK(l && text_layout_missing_glyphs(l) == 5,
		      "text_missing_glyphs_counted");
	}
}

/* Returns the code point index of the UTF-8 substring `needle` in `text`,
 * or -1. */
static int cp_index(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	int n = 0;

	if (!p)
		return -1;
	for (; text < p; text++)
		if ((*text & 0xC0) != 0x80)
			n++;
	return n;
}

/* Reads fribidi(1)'s logical-to-visual map of `text` into ltov; returns
 * the number of entries, or -1 when the CLI cannot be run. */
static int fribidi_ltov(const char *text, int rtl, int *ltov, int cap)
{
	char path[] = "/tmp/vv-text-XXXXXX", cmd[256];
	FILE *f, *p;
	int fd, n = 0, v;

	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return -1;
	}
	fprintf(f, "%s\n", text);
	fclose(f);
	snprintf(cmd, sizeof cmd,
		 "fribidi --nopad --nobreak --novisual --ltov %s %s",
		 rtl ? "--rtl" : "--ltr", path);
	p = popen(cmd, "r");
	if (!p) {
		unlink(path);
		return -1;
	}
	while (n < cap && fscanf(p, "%d", &v) == 1)
		ltov[n++] = v;
	if (pclose(p) != 0)
		n = -1;
	unlink(path);
	return n;
}

static void test_fribidi_order(void)
{
	static const char *lines[] = {
		"قال المدير: الاجتماع في 2024 مع Veiviser 3.1 في أوسلو",
		"الموعد 12:30 ثم Oslo Kommune و NAV ثم 45 دقيقة",
		"في ١٢ مارس (سنة ۱۴۰۳) اتصل بـ +47 22 33 44 55 أو NAV-kontor.",
		/* A site detail as the player fills it in: isolated (FSI
		 * .. PDI), the number keeps its order. */
		"اتصل على \xe2\x81\xa8+47 22 33 44 55\xe2\x81\xa9 اليوم.",
	};
	size_t i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct text_style s = style_for("ar", 40, 0);
		const struct text_layout *l = text_layout(engine, lines[i], &s);
		int map[256], ltov[256], n, m, v, ok = 1;
		char name[64];

		n = l ? text_layout_visual_map(l, 0, map, 256) : -1;
		m = fribidi_ltov(lines[i], 1, ltov, 256);
		if (n <= 0 || n != m) {
			printf("# line %zu: %d chars laid out, fribidi "
			       "gave %d\n", i, n, m);
			ok = 0;
		}
		for (v = 0; ok && v < n; v++)
			if (map[v] < 0 || map[v] >= m || ltov[map[v]] != v) {
				printf("# line %zu: visual %d holds logical "
				       "%d\n", i, v, map[v]);
				ok = 0;
			}
		snprintf(name, sizeof name, "text_visual_order_fribidi_%zu",
			 i);
		CHECK(ok, name);
	}
}

static void test_alignment(void)
{
	struct text_style s = style_for("ar", 48, 1600);
	const struct text_layout *l;
	int left, right, top, bottom;

	l = text_layout(engine, "مرحبا بكم", &s);
	clear();
	text_draw(engine, l, 100, 100);
	CHECK(ink_box(0, 0, SCREEN_W, SCREEN_H, &left, &right, &top, &bottom)
	      && right >= 1700 - 16 && right < 1700 + 4 && left > 900,
	      "text_rtl_ink_right_aligned");
	CHECK(text_layout_is_rtl(l), "text_rtl_from_lang");

	s = style_for("en", 48, 1600);
	l = text_layout(engine, "Welcome here", &s);
	clear();
	text_draw(engine, l, 100, 100);
	CHECK(ink_box(0, 0, SCREEN_W, SCREEN_H, &left, &right, &top, &bottom)
	      && left >= 100 && left < 100 + 16 && right < 900,
	      "text_ltr_ink_left_aligned");

	/* No language: each paragraph finds its own direction. */
	s = style_for(NULL, 48, 1600);
	l = text_layout(engine, "Welcome\nمرحبا بكم", &s);
	clear();
	text_draw(engine, l, 100, 100);
	{
		struct text_run_info runs[8];
		int n = text_layout_runs(l, runs, 8), ok;

		ok = n == 2 && text_layout_lines(l) == 2 &&
		     !text_layout_is_rtl(l);
		ok = ok && ink_box(0, 100 + runs[0].y, SCREEN_W,
				   100 + runs[0].y + runs[0].h, &left, &right,
				   &top, &bottom) && left < 100 + 16;
		ok = ok && ink_box(0, 100 + runs[1].y + runs[1].h / 3,
				   SCREEN_W, 100 + runs[1].y + runs[1].h,
				   &left, &right, &top, &bottom) &&
		     right >= 1700 - 16 && left > 900;
		CHECK(ok, "text_direction_detected_per_paragraph");
	}
}

static void test_wrap_fill(void)
{
	struct text_style s = style_for("ar", 48, 1000);
	const struct text_layout *l = text_layout(engine, arabic_long, &s);
	struct text_run_info runs[128];
	int n, i, lines, ok = 1, left, right, top, bottom;

	lines = text_layout_lines(l);
	CHECK(lines >= 4, "text_arabic_paragraph_wraps");
	for (i = 0; i < lines; i++) {
		int w = text_layout_line_width(l, i);

		if (w > 1000 || (i < lines - 1 && w < 700)) {
			printf("# line %d is %d px of 1000\n", i, w);
			ok = 0;
		}
	}
	CHECK(ok, "text_arabic_lines_filled");

	/* Read the lines back from pixels: each ends at the right edge. */
	clear();
	text_draw(engine, l, 100, 50);
	n = text_layout_runs(l, runs, 128);
	ok = n > 0 && n <= 128;
	for (i = 0; ok && i < lines; i++) {
		int j, y0 = SCREEN_H, y1 = 0;

		for (j = 0; j < n; j++)
			if (runs[j].line == i) {
				if (runs[j].y < y0)
					y0 = runs[j].y;
				if (runs[j].y + runs[j].h > y1)
					y1 = runs[j].y + runs[j].h;
			}
		/* The middle of the line's band: clear of neighbours. */
		y0 += (y1 - y0) / 3;
		y1 -= (y1 - y0) / 3;
		if (!ink_box(0, 50 + y0, SCREEN_W, 50 + y1, &left, &right,
			     &top, &bottom) ||
		    right < 1100 - 16 || right > 1100 + 4 || left < 100 - 4 ||
		    (i < lines - 1 && left > 100 + 300)) {
			printf("# line %d inked from %d to %d\n", i, left,
			       right);
			ok = 0;
		}
	}
	CHECK(ok, "text_arabic_lines_inked_right_aligned");
}

/* Draws `layout` at (x, y) on a clear screen and copies the pixels of the
 * run holding code point `cp` into buf (w*h of them); returns 0 when
 * there is no such run. */
static int run_pixels(const struct text_layout *l, int cp, int x, int y,
		      Uint32 *buf, int cap, struct text_run_info *out)
{
	struct text_run_info runs[64];
	int n = text_layout_runs(l, runs, 64), i, r, c;

	clear();
	text_draw(engine, l, x, y);
	SDL_RenderPresent(renderer);
	for (i = 0; i < n && i < 64; i++) {
		if (cp < runs[i].first || cp >= runs[i].first + runs[i].count)
			continue;
		if (runs[i].w * runs[i].h > cap)
			return 0;
		for (r = 0; r < runs[i].h; r++)
			for (c = 0; c < runs[i].w; c++)
				buf[r * runs[i].w + c] = ((const Uint32 *)
					((const Uint8 *)surface->pixels +
					 (size_t)(y + runs[i].y + r) *
					 (size_t)surface->pitch))
					[x + runs[i].x + c];
		*out = runs[i];
		return 1;
	}
	return 0;
}

/* Returns 1 when run b's pixels equal the leftmost columns of run a's
 * (a may hold a trailing space that b lacks). */
static int same_pixels(const Uint32 *a, const struct text_run_info *ra,
		       const Uint32 *b, const struct text_run_info *rb)
{
	int r;

	if (ra->h != rb->h || ra->w < rb->w || ra->w > rb->w + rb->h / 2)
		return 0;
	for (r = 0; r < ra->h; r++)
		if (memcmp(a + r * ra->w, b + r * rb->w,
			   (size_t)rb->w * sizeof *a) != 0)
			return 0;
	return 1;
}

static void test_digits(void)
{
	static Uint32 in_text[200 * 200], alone[200 * 200], reversed[200 * 200];
	const char *text = "بدأ البرنامج في عام 2024 في النرويج";
	struct text_style s = style_for("ar", 64, 0);
	const struct text_layout *l = text_layout(engine, text, &s);
	struct text_run_info r1, r2, r3;
	int at = cp_index(text, "2024"), map[64], n, i, ok;

	n = text_layout_visual_map(l, 0, map, 64);
	for (i = 0, ok = 0; i + 3 < n; i++)
		if (map[i] == at)
			ok = map[i + 1] == at + 1 && map[i + 2] == at + 2 &&
			     map[i + 3] == at + 3;
	CHECK(ok, "text_digits_in_arabic_keep_order_map");

	ok = run_pixels(l, at, 100, 100, in_text, 200 * 200, &r1) &&
	     !r1.rtl && r1.first == at && r1.count == 4;
	l = text_layout(engine, "2024", &s);
	ok = ok && run_pixels(l, 0, 100, 400, alone, 200 * 200, &r2);
	l = text_layout(engine, "4202", &s);
	ok = ok && run_pixels(l, 0, 100, 400, reversed, 200 * 200, &r3);
	CHECK(ok && same_pixels(in_text, &r1, alone, &r2) &&
	      !same_pixels(in_text, &r1, reversed, &r3),
	      "text_digits_in_arabic_render_like_2024");
}

static void test_fallback(void)
{
	static Uint32 in_text[200 * 200], alone[200 * 200];
	const char *ti = "ኣኼባ ብ 2024 ይጅምር";
	struct text_style s = style_for("ti", 64, 0);
	const struct text_layout *l = text_layout(engine, ti, &s);
	struct text_run_info runs[16], r1, r2;
	int n = text_layout_runs(l, runs, 16), i, at = cp_index(ti, "2024");
	int ok = n > 1 && n <= 16 && text_layout_missing_glyphs(l) == 0;

	for (i = 0; ok && i < n; i++) {
		int digits = runs[i].first <= at &&
			     at < runs[i].first + runs[i].count;

		if (digits ? strcmp(runs[i].font, "Noto Sans") != 0
			   : strcmp(runs[i].font, "Noto Sans Ethiopic") != 0)
			ok = 0;
	}
	CHECK(ok, "text_tigrinya_digits_from_noto_sans");
	s = style_for("ti", 64, 0);
	ok = run_pixels(l, at, 100, 100, in_text, 200 * 200, &r1);
	s.lang = "en";
	l = text_layout(engine, "2024", &s);
	ok = ok && run_pixels(l, 0, 100, 400, alone, 200 * 200, &r2);
	CHECK(ok && same_pixels(in_text, &r1, alone, &r2),
	      "text_tigrinya_digits_drawn_not_notdef");

	s = style_for("ar", 48, 0);
	l = text_layout(engine, "مرحبا Veiviser", &s);
	n = text_layout_runs(l, runs, 16);
	/* RTL: the Latin word is logically last, so visually leftmost. */
	CHECK(n == 2 && strcmp(runs[0].font, "Noto Sans") == 0 &&
	      strcmp(runs[0].script, "Latn") == 0 && !runs[0].rtl &&
	      strcmp(runs[1].font, "Noto Naskh Arabic UI") == 0 &&
	      strcmp(runs[1].script, "Arab") == 0 && runs[1].rtl &&
	      runs[0].x < runs[1].x,
	      "text_latin_in_arabic_from_noto_sans");
}

/* Copies the inked pixels of `layout` drawn at (100, 100) into buf as a
 * w x h image; returns 0 when nothing is inked or it does not fit. */
static int ink_image(const struct text_layout *l, Uint32 *buf, int cap,
		     int *w, int *h)
{
	int left, right, top, bottom, r;

	clear();
	text_draw(engine, l, 100, 100);
	if (!ink_box(0, 0, SCREEN_W, SCREEN_H, &left, &right, &top, &bottom))
		return 0;
	*w = right - left + 1;
	*h = bottom - top + 1;
	if (*w * *h > cap)
		return 0;
	for (r = 0; r < *h; r++)
		memcpy(buf + r * *w, (const Uint8 *)surface->pixels +
		       (size_t)(top + r) * (size_t)surface->pitch +
		       (size_t)left * 4, (size_t)*w * sizeof *buf);
	return 1;
}

static void test_shaping(void)
{
	static Uint32 both[400 * 200], alef[400 * 200];
	struct text_style s = style_for("ar", 64, 0);
	int bw, bh, aw, ah, r, ok, w1, w3;

	/* Alef then beh: right to left, alef is the rightmost glyph. */
	ok = ink_image(text_layout(engine, "ا ب", &s), both, 400 * 200,
		       &bw, &bh) &&
	     ink_image(text_layout(engine, "ا", &s), alef, 400 * 200,
		       &aw, &ah) && aw < bw && ah <= bh;
	for (r = 0; ok && r < ah; r++)
		if (memcmp(both + r * bw + (bw - aw), alef + r * aw,
			   (size_t)aw * sizeof *alef) != 0)
			ok = 0;
	CHECK(ok, "text_arabic_shaped_right_to_left");

	/* Joined medial forms are narrower than isolated ones. */
	text_layout_size(text_layout(engine, "ب", &s), &w1, NULL);
	text_layout_size(text_layout(engine, "ببب", &s), &w3, NULL);
	CHECK(w1 > 0 && w3 * 10 < w1 * 3 * 8, "text_arabic_joined");
}

static void test_markup(void)
{
	struct text_style s = style_for("ar", 48, 0);
	struct text_run_info runs[16];
	const struct text_layout *l, *plain;
	int n, w1, w2;

	s.markup = 1;
	l = text_layout(engine, "اقرأ <b>الإرشاد المهني</b> الآن<i></i>", &s);
	n = text_layout_runs(l, runs, 16);
	/* RTL: logical order is right to left, so the bold middle run is
	 * the middle one and the tags are gone from the text. */
	CHECK(n == 3 && !runs[0].bold && runs[1].bold && !runs[2].bold &&
	      runs[1].first == 5 && runs[1].count == 14 &&
	      runs[0].first + runs[0].count == 24,
	      "text_markup_bold_runs");
	s.markup = 0;
	plain = text_layout(engine, "a <b>b</b>", &s);
	CHECK(plain && text_layout_runs(plain, runs, 16) >= 1 &&
	      !runs[0].bold && text_layout_visual_map(plain, 0, NULL, 0) == 10,
	      "text_markup_off_draws_tags");
	s = style_for("en", 48, 0);
	s.markup = 1;
	text_layout_size(text_layout(engine, "Velkommen", &s), &w1, NULL);
	text_layout_size(text_layout(engine, "<b>Velkommen</b>", &s), &w2,
			 NULL);
	CHECK(w1 > 0 && w2 > w1, "text_markup_bold_is_wider");
}

static void test_cache(void)
{
	struct text_style s = style_for("nb", 40, 800);
	const struct text_layout *a, *b, *c;
	int before;

	text_engine_trim(engine);
	text_engine_trim(engine);
	before = text_engine_cached(engine);
	a = text_layout(engine, "Velkommen til karrieresenteret", &s);
	b = text_layout(engine, "Velkommen til karrieresenteret", &s);
	s.bold = 1;
	c = text_layout(engine, "Velkommen til karrieresenteret", &s);
	CHECK(a && a == b && c && c != a &&
	      text_engine_cached(engine) == before + 2,
	      "text_cache_same_text_same_layout");
	text_draw(engine, a, 0, 0);
	text_engine_trim(engine);   /* both used: both kept */
	CHECK(text_engine_cached(engine) == before + 2,
	      "text_trim_keeps_used");
	text_draw(engine, a, 0, 0);
	text_engine_trim(engine);   /* c unused since the last trim */
	CHECK(text_engine_cached(engine) == before + 1,
	      "text_trim_drops_unused");
	text_engine_trim(engine);
	CHECK(text_engine_cached(engine) == 0, "text_trim_empties");
}

static void test_edges(void)
{
	struct text_style s = style_for("ar", 48, 800);
	struct text_run_info runs[64];
	const struct text_layout *l;
	int n, w, h, i;

	s.max_lines = 2;
	l = text_layout(engine, arabic_long, &s);
	n = text_layout_runs(l, runs, 64);
	for (i = 0; i < n && i < 64 && runs[i].line < 1; i++)
		;
	/* RTL: the ellipsis ends the line, so it is the leftmost run. */
	CHECK(l && text_layout_lines(l) == 2 && n > 0 && n <= 64 &&
	      text_layout_line_width(l, 1) <= 800 && i < n &&
	      runs[i].first == -1 && runs[i].count == 1,
	      "text_max_lines_ellipsis");
	s = style_for(NULL, 32, 300);
	l = text_layout(engine, "ok \xff\xfe bad \xe2\x82", &s);
	CHECK(l != NULL, "text_bad_utf8_laid_out");
	l = text_layout(engine, "", &s);
	text_layout_size(l, &w, &h);
	CHECK(l && text_layout_lines(l) == 1 && h > 0,
	      "text_empty_string");
	l = text_layout(engine, "Arbeidsmarkedsopplæringskurskoordinator"
			"stillingsbeskrivelse", &s);
	CHECK(l && text_layout_lines(l) >= 2 &&
	      text_layout_line_width(l, 0) <= 300,
	      "text_long_word_split");
	{
		/* A 2000-letter "word": split into full lines (45 of them;
		 * test_line_bound() covers the cap on lines). */
		static char word[2001];
		int k, ok = 1;

		memset(word, 'a', sizeof word - 1);
		s = style_for("en", 40, 1000);
		l = text_layout(engine, word, &s);
		n = text_layout_lines(l);
		for (k = 0; l && k < n; k++)
			if (text_layout_line_width(l, k) > 1000 ||
			    (k < n - 1 && text_layout_line_width(l, k) < 950))
				ok = 0;
		CHECK(l && ok && n > 2000 * 20 / 1000 && n < 100,
		      "text_huge_word_split_in_full_lines");
	}
}

/* Stacked marks rise above the font's ascent; the base letter must still
 * sit on the line's baseline. */
static void test_tall_marks(void)
{
	struct text_style s = style_for("en", 60, 0);
	int l1, r1, t1, b1, l2, r2, t2, b2, ok;

	clear();
	text_draw(engine, text_layout(engine, "A", &s), 100, 300);
	ok = ink_box(0, 0, SCREEN_W, SCREEN_H, &l1, &r1, &t1, &b1);
	clear();
	text_draw(engine, text_layout(engine, "A\xcc\x82\xcc\x83\xcc\x83"
				      "\xcc\x83", &s), 100, 300);
	ok = ok && ink_box(0, 0, SCREEN_W, SCREEN_H, &l2, &r2, &t2, &b2);
	CHECK(ok && t2 < t1 - 20 && b2 == b1,
	      "text_stacked_marks_keep_baseline");
}

/* One letter and 50,000 combining marks (a hostile heading): shaping
 * them all costs seconds, growing faster than linearly, and draws a
 * tower of marks over the screen. Marks past a few per letter are not
 * laid out, so the cost is bounded and the ink stays near the line. */
static void test_mark_flood(void)
{
	enum { MARKS = 50000 };
	struct text_style s = style_for("en", 60, 1500);
	struct text_run_info runs[16];
	static char text[1 + 2 * MARKS + 1];
	const struct text_layout *l;
	int i, n, kept = 0, x0, x1, y0, y1, ok;

	text[0] = 'a';
	for (i = 0; i < MARKS; i++) {
		text[1 + 2 * i] = (char)0xcc;
		text[2 + 2 * i] = (char)0x81;
	}
	s.bold = 1;
	s.max_lines = 2;
	l = text_layout(engine, text, &s);
	n = text_layout_runs(l, runs, 16);
	for (i = 0; i < n && i < 16; i++)
		kept += runs[i].count;
	CHECK(l && n <= 16 && kept >= 2 && kept <= 9,
	      "text_mark_flood_capped");
	clear();
	text_draw(engine, l, 100, 500);
	ok = ink_box(0, 0, SCREEN_W, SCREEN_H, &x0, &x1, &y0, &y1);
	CHECK(ok && y0 > 500 - 4 * 60 && y1 < 500 + 2 * 60,
	      "text_mark_flood_ink_near_line");
	/* Marks of real text stay: a few on one letter, and many letters
	 * with one each. */
	s = style_for("ar", 40, 0);
	l = text_layout(engine, "\xd8\xb4\xd9\x91\xd9\x8e \xd8\xa8\xd9\x90", &s);
	n = text_layout_runs(l, runs, 16);
	for (i = 0, kept = 0; i < n && i < 16; i++)
		kept += runs[i].count;
	CHECK(l && kept == 6, "text_marks_of_real_text_kept");
}

/* 64 KiB of words with no line limit: more lines than any screen shows
 * would be rendered to textures (seconds, and megabytes). The layout
 * stops at a bound and ends the last line with an ellipsis. */
static void test_line_bound(void)
{
	static char text[64 * 1024];
	struct text_style s = style_for("nb", 30, 1500);
	struct text_run_info runs[1];
	const struct text_layout *l;
	size_t i;
	int n, last_ellipsis = 0, k;

	for (i = 0; i + 1 < sizeof text; i++)
		text[i] = "Velkommen til veiledning "[i % 25];
	text[sizeof text - 1] = '\0';
	l = text_layout(engine, text, &s);
	n = text_layout_lines(l);
	if (l) {
		int cap = text_layout_runs(l, NULL, 0);
		struct text_run_info *all = calloc((size_t)cap, sizeof *all);

		if (all) {
			text_layout_runs(l, all, cap);
			for (k = 0; k < cap; k++)
				if (all[k].first == -1 && all[k].line == n - 1)
					last_ellipsis = 1;
			free(all);
		}
	}
	(void)runs;
	CHECK(l && n >= 40 && n <= 120 && last_ellipsis,
	      "text_lines_bounded_with_ellipsis");
}

/* Urdu in Nastaliq, with lines tall enough for its deep descents and
 * high ascents: the ink of every line stays inside the block, and Arabic
 * in the same style stays in Naskh. */
static void test_nastaliq(void)
{
	struct text_style s = style_for("ur", 48, 700);
	struct text_run_info runs[32];
	const struct text_layout *l;
	int n, i, nastaliq = 0, naskh = 0, w, h, x0, x1, y0, y1, ok;
	int ar_h, ar_w;

	l = text_layout(engine, samples[6].text, &s);
	n = text_layout_runs(l, runs, 32);
	for (i = 0; i < n && i < 32; i++)
		if (strcmp(runs[i].script, "Arab") == 0) {
			nastaliq += strcmp(runs[i].font,
					   "Noto Nastaliq Urdu") == 0;
			naskh += strcmp(runs[i].font,
					"Noto Naskh Arabic UI") == 0;
		}
	CHECK(l && nastaliq > 0 && naskh == 0 &&
	      text_layout_missing_glyphs(l) == 0, "text_urdu_in_nastaliq");
	text_layout_size(l, &w, &h);
	clear();
	text_draw(engine, l, 100, 200);
	ok = ink_box(0, 0, SCREEN_W, SCREEN_H, &x0, &x1, &y0, &y1);
	s.lang = "ar";
	text_layout_size(text_layout(engine, samples[6].text, &s), &ar_w,
			 &ar_h);
	CHECK(ok && text_layout_lines(l) >= 2 && y0 >= 200 &&
	      y1 < 200 + h && h > ar_h, "text_urdu_lines_hold_their_ink");
	l = text_layout(engine, samples[0].text, &s);
	n = text_layout_runs(l, runs, 32);
	for (i = 0, nastaliq = 0; i < n && i < 32; i++)
		nastaliq += strcmp(runs[i].font, "Noto Nastaliq Urdu") == 0;
	CHECK(l && n > 0 && nastaliq == 0, "text_arabic_stays_naskh");
}

/* Returns the lowest inked row in columns [x0, x1), or -1. */
static int ink_bottom(int x0, int x1)
{
	int l, r, t, b;

	return ink_box(x0, 0, x1, SCREEN_H, &l, &r, &t, &b) ? b : -1;
}

/* Latin and Arabic on one baseline: Noto Naskh draws its letters and
 * digits 0.13 em above the font's own baseline, so a Latin word in an
 * Arabic line sat 9 px low at a 1080p heading size (and an Arabic word
 * in a Latin line 9 px high). Measured on glyphs that rest on the line:
 * Latin capitals, and digits and alif in Naskh. */
static void test_one_baseline(void)
{
	static const struct {
		const char *lang, *text;
	} cases[] = {
		{ "ar", "\xd8\xa7\xd8\xa7 2024 HH" },
		{ "nb", "HH \xd8\xa7\xd8\xa7\xd8\xa7" },
		{ "ur", "\xd8\xa7\xd8\xa7 HH" },
	};
	size_t c;
	int bad = 0;

	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct text_style s = style_for(cases[c].lang, 75, 0);
		struct text_run_info runs[8];
		const struct text_layout *l = text_layout(engine,
							  cases[c].text, &s);
		int n = text_layout_runs(l, runs, 8), i, latin = -1;
		int arabic = -1;

		clear();
		text_draw(engine, l, 100, 300);
		for (i = 0; i < n && i < 8; i++) {
			int b;

			if (runs[i].w <= 0 || runs[i].count < 2)
				continue;
			b = ink_bottom(100 + runs[i].x,
				       100 + runs[i].x + runs[i].w);
			if (strcmp(runs[i].script, "Latn") == 0)
				latin = b;
			else if (strcmp(runs[i].script, "Arab") == 0 &&
				 (arabic < 0 || b > arabic))
				arabic = b;
		}
		if (latin < 0 || arabic < 0 || abs(latin - arabic) > 1) {
			printf("# %s: Latin ink ends at row %d, Arabic at "
			       "%d\n", cases[c].lang, latin, arabic);
			bad++;
		}
	}
	CHECK(bad == 0, "text_latin_and_arabic_on_one_baseline");
}

/* A heading shrinks to fit its lines before it is cut, down to a floor;
 * only text that does not fit even at the floor gets an ellipsis. */
static void test_shrink_to_fit(void)
{
	struct text_style s = style_for("nb", 75, 900);
	const struct text_layout *l;
	const char *longer = "Hva skjer i veiledningssamtalen, og hva kan "
			     "du ta med deg?";

	s.max_lines = 2;
	l = text_layout(engine, longer, &s);
	CHECK(l && text_layout_cut(l) && text_layout_size_px(l) == 75,
	      "text_no_floor_cuts_at_size");
	s.min_size_px = 45;
	l = text_layout(engine, longer, &s);
	CHECK(l && !text_layout_cut(l) && text_layout_size_px(l) < 75 &&
	      text_layout_size_px(l) >= 45 && text_layout_lines(l) <= 2,
	      "text_heading_shrinks_to_fit");
	l = text_layout(engine, "Kort", &s);
	CHECK(l && !text_layout_cut(l) && text_layout_size_px(l) == 75,
	      "text_heading_that_fits_keeps_its_size");
	s.max_lines = 1;
	s.max_width_px = 300;
	l = text_layout(engine, longer, &s);
	CHECK(l && text_layout_cut(l) && text_layout_size_px(l) == 45 &&
	      text_layout_lines(l) == 1, "text_shrink_stops_at_the_floor");
}

/* Returns 1 when every line of `l` but the last ends with an added
 * hyphen (run first == -2 at the line's end in reading order) and the
 * last has none, with no line wider than max_w. */
static int hyphen_ends(const struct text_layout *l, int max_w)
{
	struct text_run_info runs[64];
	int n = text_layout_runs(l, runs, 64), lines, k, i;

	lines = text_layout_lines(l);
	if (n > 64 || lines < 2)
		return 0;
	for (k = 0; k < lines; k++) {
		int hyphen = 0;

		for (i = 0; i < n; i++)
			if (runs[i].line == k && runs[i].first == -2)
				hyphen = 1;
		if (hyphen != (k < lines - 1) ||
		    text_layout_line_width(l, k) > max_w)
			return 0;
	}
	return 1;
}

/* A word wider than the box (Norwegian compounds on a portrait room
 * screen: "karriereveiled" / "ning") is not broken while the text can
 * shrink to fit it whole, down to the floor; a word too wide even then
 * is broken with a visible hyphen, which a reader with little schooling
 * needs to join it again. */
static void test_long_word_shrinks(void)
{
	/* the group body on a 1080x1920 room: 116 px, floor 87 px, 888 px
	 * between the margins */
	struct text_style s = style_for("nb", 116, 888);
	const char *word = "Hva er karriereveiledning?";
	const char *longer = "karriereveiledningssamtalen";
	const struct text_layout *l;

	l = text_layout(engine, longer, &s);
	CHECK(l && text_layout_broken(l) == 1 && hyphen_ends(l, 888),
	      "text_word_broken_with_hyphen_without_floor");
	s.min_size_px = 87;
	l = text_layout(engine, word, &s);
	CHECK(l && text_layout_broken(l) == 0 && text_layout_lines(l) == 2 &&
	      text_layout_size_px(l) < 116 && text_layout_size_px(l) >= 87,
	      "text_shrinks_before_breaking_a_word");
	l = text_layout(engine, longer, &s);
	CHECK(l && text_layout_broken(l) == 1 &&
	      text_layout_size_px(l) == 87 && hyphen_ends(l, 888),
	      "text_word_too_wide_at_floor_broken_with_hyphen");
	/* Arabic: the hyphen ends the line on the left */
	s = style_for("ar", 60, 300);
	l = text_layout(engine, "والمستشارونوالمستشارات", &s);
	{
		int map[128], n = text_layout_visual_map(l, 0, map, 128);

		CHECK(l && hyphen_ends(l, 300) && n > 1 && n <= 128 &&
		      map[0] == -2, "text_rtl_hyphen_on_the_left");
	}
}

/* A subtitle cue with no letter of the bundle's script is a source-text
 * stand-in; the player lays it out in its own direction. */
static void test_has_script(void)
{
	CHECK(text_has_script("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 "
			      "Oslo", "Arab") &&
	      !text_has_script("Ring 22 33 44 55.", "Arab") &&
	      !text_has_script("22 33", "Latn") &&
	      text_has_script("\xe1\x88\x80", "Ethi") &&
	      !text_has_script("\xff\xfe", "Arab") &&
	      !text_has_script(NULL, "Arab") && !text_has_script("a", NULL),
	      "text_has_script");
}

/* Many short-lived layouts on one screen (subtitle cues): textures are
 * capped, old layouts stay valid and draw again. */
static void test_texture_budget(void)
{
	struct text_style s = style_for("en", 40, 0);
	const struct text_layout *first = NULL, *l;
	size_t budget = (size_t)4 << 20, before;
	char cue[64];
	int k, f, left, right, top, bottom;

	text_engine_trim(engine);
	text_engine_trim(engine);
	before = text_engine_texture_bytes(engine);
	l = text_layout(engine, "Laid out, never drawn", &s);
	CHECK(l && text_engine_texture_bytes(engine) == before,
	      "text_layout_renders_lazily");
	text_engine_set_texture_budget(engine, budget);
	for (k = 0; k < 400; k++) {
		snprintf(cue, sizeof cue, "Subtitle cue number %d, two words",
			 k);
		l = text_layout(engine, cue, &s);
		if (!first)
			first = l;
		for (f = 0; f < 20; f++)
			text_draw(engine, l, 0, 0);
	}
	CHECK(text_engine_cached(engine) >= 400 &&
	      text_engine_texture_bytes(engine) <= budget,
	      "text_texture_budget_kept");
	clear();
	text_draw(engine, first, 100, 100);
	CHECK(ink_box(0, 0, SCREEN_W, SCREEN_H, &left, &right, &top, &bottom),
	      "text_shed_layout_draws_again");
	text_engine_set_texture_budget(engine, (size_t)32 << 20);
	text_engine_trim(engine);
	text_engine_trim(engine);
	CHECK(text_engine_cached(engine) == 0 &&
	      text_engine_texture_bytes(engine) == 0,
	      "text_trim_frees_textures");
}

static char logged[4096];

static void log_hook(const char *line, void *user)
{
	size_t used = strlen(logged);

	(void)user;
	snprintf(logged + used, sizeof logged - used, "%s\n", line);
}

/* A font directory with only some of the files, and a damaged one. */
static void test_missing_fonts(void)
{
	char dir[] = "/tmp/vv-fonts-XXXXXX", path[256], bold[256];
	struct text_engine *e = NULL;
	struct text_style s = style_for("ar", 40, 0);
	const struct text_layout *l;
	enum vv_err err;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(0, "text_missing_fonts_setup");
		return;
	}
	vv_error_set_hook(log_hook, NULL);
	logged[0] = '\0';
	err = text_engine_new(renderer, dir, &e);
	CHECK(err == VV_ERR_FONT && !e &&
	      strstr(logged, "NotoSans-Regular.ttf"),
	      "text_no_noto_sans_is_fatal");

	snprintf(path, sizeof path, "%s/NotoSans-Regular.ttf", dir);
	if (symlink("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
		    path) != 0)
		printf("# cannot link %s\n", path);
	snprintf(path, sizeof path, "%s/NotoSansEthiopic-Regular.ttf", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("not a font", f);
		fclose(f);
	}
	logged[0] = '\0';
	err = text_engine_new(renderer, dir, &e);
	CHECK(err == VV_OK && e && strstr(logged, "NotoSans-Bold.ttf") &&
	      strstr(logged, "NotoNaskhArabicUI-Regular.ttf") &&
	      strstr(logged, "NotoSansEthiopic-Regular.ttf"),
	      "text_missing_fonts_logged_not_fatal");
	if (e) {
		/* Arabic has no font: drawn as .notdef, counted, no crash;
		 * Latin still has its glyphs. */
		l = text_layout(e, "مرحبا Veiviser", &s);
		CHECK(l && text_layout_missing_glyphs(l) == 5 &&
		      text_layout_lines(l) == 1,
		      "text_missing_script_font_counted");
		s.bold = 1;
		l = text_layout(e, "Veiviser", &s);
		CHECK(l && text_layout_missing_glyphs(l) == 0,
		      "text_missing_bold_uses_regular");
		text_engine_free(e);
		e = NULL;
	}
	/* A damaged bold file is found when bold text first needs it. */
	snprintf(bold, sizeof bold, "%s/NotoSans-Bold.ttf", dir);
	f = fopen(bold, "w");
	if (f) {
		fputs("not a font either", f);
		fclose(f);
	}
	logged[0] = '\0';
	err = text_engine_new(renderer, dir, &e);
	if (err == VV_OK && e) {
		int at_start = strstr(logged, "NotoSans-Bold.ttf") != NULL;

		s = style_for("en", 40, 0);
		s.bold = 1;
		l = text_layout(e, "Veiviser", &s);
		CHECK(!at_start && l && text_layout_missing_glyphs(l) == 0 &&
		      strstr(logged, "NotoSans-Bold.ttf"),
		      "text_damaged_bold_logged_on_use");
		text_engine_free(e);
	} else {
		CHECK(0, "text_damaged_bold_logged_on_use");
	}
	unlink(bold);
	vv_error_set_hook(NULL, NULL);
	unlink(path);
	snprintf(path, sizeof path, "%s/NotoSans-Regular.ttf", dir);
	unlink(path);
	rmdir(dir);
}

/* The font files are mapped, not copied into the heap: only the pages
 * FreeType reads take memory (2.3 MB of copies before, for four faces). */
static void test_fonts_mapped(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int sans = 0, naskh = 0;

	if (!f) {
		CHECK(0, "text_fonts_mapped");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		sans += strstr(line, "/NotoSans-Regular.ttf") != NULL;
		naskh += strstr(line, "/NotoNaskhArabicUI-Regular.ttf") != NULL;
	}
	fclose(f);
	CHECK(sans == 1 && naskh == 1, "text_fonts_mapped");
}

/* Writes the screen to `path` as PNG. */
static void save_png(const char *path)
{
	uint8_t *rgba = malloc((size_t)SCREEN_W * SCREEN_H * 4);
	int x, y;

	if (!rgba)
		return;
	for (y = 0; y < SCREEN_H; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)
			surface->pixels + (size_t)y * (size_t)surface->pitch);

		for (x = 0; x < SCREEN_W; x++) {
			uint8_t *p = rgba + ((size_t)y * SCREEN_W + x) * 4;

			p[0] = (uint8_t)(row[x] >> 16);
			p[1] = (uint8_t)(row[x] >> 8);
			p[2] = (uint8_t)row[x];
			p[3] = 255;
		}
	}
	if (image_write_png(path, rgba, SCREEN_W, SCREEN_H, (size_t)SCREEN_W * 4,
		      0) != VV_OK)
		printf("# cannot write %s\n", path);
	free(rgba);
}

/* Group-screen slides: a heading and a paragraph, sizes from the screen
 * height as the player derives them. */
static void write_shots(const char *dir)
{
	static const struct {
		const char *name, *lang, *heading, *body;
	} shots[] = {
		{ "ar", "ar", "ما هو الإرشاد المهني؟", NULL },
		{ "prs", "prs", "رهنمایی شغلی چیست؟",
		  "به مرکز رهنمایی شغلی خوش آمدید. جلسه‌ی شما <b>ساعت 9 صبح "
		  "روز 12 مارچ 2024</b> شروع می‌شود. در جلسه درباره‌ی تعلیم، کار "
		  "و آینده‌ی شما در ناروې صحبت می‌کنیم. لطفاً کارت هویت خود را "
		  "با خود بیاورید (ID-kort)." },
		{ "ti", "ti", "ምኽሪ ስራሕ እንታይ እዩ?",
		  "ናብ ማእከል ምኽሪ ስራሕ እንቋዕ ብደሓን መጻእኩም። ኣኼባ ብ 12 መጋቢት "
		  "2024 ሰዓት 10:30 ይጅምር። ኣብቲ ኣኼባ ብዛዕባ ትምህርቲ፡ ስራሕን "
		  "መጻኢኹምን ኣብ ኖርወይ ክንዛረብ ኢና። በጃኹም መንነት ካርድኹም "
		  "ሒዝኩም ምጹ።" },
		{ "ur", "ur", "پیشہ ورانہ رہنمائی کیا ہے؟",
		  "پیشہ ورانہ رہنمائی کے مرکز میں خوش آمدید۔ ملاقات <b>12 مارچ "
		  "2024 کو صبح 10:30 بجے</b> Oslo Kommune میں شروع ہوگی۔ براہ "
		  "کرم اپنا شناختی کارڈ (ID-kort) ساتھ لائیں۔" },
		{ "uk", "uk", "Що таке кар'єрне консультування?",
		  "Ласкаво просимо до центру кар'єрного консультування. "
		  "Зустріч починається <b>о 10:30, 12 березня 2024 року</b>. На "
		  "зустрічі ми поговоримо про освіту, роботу та ваше "
		  "майбутнє в Норвегії. Будь ласка, візьміть із собою "
		  "посвідчення особи (ID-kort)." },
	};
	size_t i;
	int margin = SCREEN_H / 12;

	for (i = 0; i < sizeof shots / sizeof shots[0]; i++) {
		struct text_style hs = style_for(shots[i].lang, SCREEN_H / 14,
						 SCREEN_W - 2 * margin);
		struct text_style bs = style_for(shots[i].lang, SCREEN_H / 22,
						 SCREEN_W - 2 * margin);
		const struct text_layout *h, *b;
		char path[512];
		int hh;

		hs.bold = 1;
		hs.rgba = 0xFFD75EFF;
		bs.markup = 1;
		h = text_layout(engine, shots[i].heading, &hs);
		b = text_layout(engine, shots[i].body ? shots[i].body
						      : arabic_long, &bs);
		clear();
		text_layout_size(h, NULL, &hh);
		text_draw(engine, h, margin, margin);
		text_draw(engine, b, margin, margin + hh + margin / 2);
		SDL_RenderPresent(renderer);
		snprintf(path, sizeof path, "%s/text_%s.png", dir,
			 shots[i].name);
		save_png(path);
	}
}

int main(void)
{
	const char *shots = getenv("VV_TEXT_SHOTS");

	if (!setup()) {
		printf("FAIL text_setup: %s\n", SDL_GetError());
		return 1;
	}
	test_endonyms();
	test_samples();
	test_fribidi_order();
	test_alignment();
	test_wrap_fill();
	test_digits();
	test_shaping();
	test_markup();
	test_fallback();
	test_cache();
	test_edges();
	test_missing_fonts();
	test_fonts_mapped();
	test_tall_marks();
	test_mark_flood();
	test_line_bound();
	test_nastaliq();
	test_one_baseline();
	test_shrink_to_fit();
	test_long_word_shrinks();
	test_has_script();
	test_texture_budget();
	if (shots)
		write_shots(shots);
	text_engine_free(engine);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
	SDL_Quit();
	return CHECK_DONE();
}
