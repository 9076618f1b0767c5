/* Unit tests for player/core/site: reading site files (comments, per-
 * language values, bad lines, caps, not UTF-8, missing files), filling
 * placeholders with bidi isolates, and the neutral text and missing list
 * when a value is not there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "player/core/site.h"
#include "tests/unit/check.h"

#define FSI "\xe2\x81\xa8"
#define NBSP "\xc2\xa0"
/* "22 33 44 55" as filled in: its groups joined by no-break spaces */
#define PHONE "22" NBSP "33" NBSP "44" NBSP "55"
#define PDI "\xe2\x81\xa9"

static char dir[] = "/tmp/vv-test-site-XXXXXX";

static const char *write_file(const char *name, const char *data,
			      size_t size)
{
	static char path[600];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, size, f);
		fclose(f);
	}
	return path;
}

static enum vv_err load_text(const char *text, struct site **out)
{
	const char *p = write_file("site.conf", text, strlen(text));
	enum vv_err err;

	fflush(stdout);
	err = site_load(p, 1, out);
	return err;
}

static void test_load(void)
{
	struct site *s = NULL;
	enum vv_err err;

	err = load_text("# Oslo kommune\n"
			"centre_name = Karrieresenteret Oslo\n"
			"\n"
			"  centre_phone=+47 22 33 44 55  \r\n"
			"centre_name.ar = مركز المهن أوسلو\n"
			"meeting_place = Storgata 1, 0155 Oslo\n"
			"meeting_place = Rådhusgata 2\n", &s);
	CHECK(err == VV_OK && s, "a site file loads");
	if (!s)
		return;
	CHECK_STR(site_get(s, "centre_name", "nb"), "Karrieresenteret Oslo",
		  "a plain value, spaces around = trimmed");
	CHECK_STR(site_get(s, "centre_phone", NULL), "+47 22 33 44 55",
		  "trailing blanks and CR trimmed");
	CHECK_STR(site_get(s, "centre_name", "ar"), "مركز المهن أوسلو",
		  "key.LANG wins for that language");
	CHECK_STR(site_get(s, "meeting_place", "ar"), "Rådhusgata 2",
		  "a later line wins; other languages fall back to key");
	CHECK(site_get(s, "nothing", "nb") == NULL, "an unknown key is NULL");
	site_free(s);
	site_free(NULL);
}

static void test_bad_files(void)
{
	struct site *s = NULL;
	char big[SITE_MAX_BYTES + 10], value[SITE_MAX_VALUE + 20];
	const char *p;

	fflush(stdout);
	CHECK(load_text("centre_name Oslo\n", &s) == VV_ERR_FORMAT && !s,
	      "a line without = is refused");
	CHECK(load_text("centre name = Oslo\n", &s) == VV_ERR_FORMAT && !s,
	      "a key with a space is refused");
	CHECK(load_text("{centre} = Oslo\n", &s) == VV_ERR_FORMAT && !s,
	      "a key with braces is refused");
	memset(value, 'x', sizeof value - 1);
	value[sizeof value - 1] = '\0';
	memcpy(value, "k = ", 4);
	CHECK(load_text(value, &s) == VV_ERR_LIMIT && !s,
	      "a value over the cap is refused (VV_ERR_LIMIT)");
	CHECK(load_text("k = \xff\xfe\n", &s) == VV_ERR_FORMAT && !s,
	      "a file that is not UTF-8 is refused");
	memset(big, '#', sizeof big);
	p = write_file("big.conf", big, sizeof big);
	CHECK(site_load(p, 1, &s) == VV_ERR_LIMIT && !s,
	      "a file over the size cap is refused (VV_ERR_LIMIT)");
	p = write_file("nul.conf", "k = a\0b\n", 8);
	CHECK(site_load(p, 1, &s) == VV_ERR_FORMAT && !s,
	      "a file with a NUL byte is refused");
	snprintf(value, sizeof value, "%s/none.conf", dir);
	CHECK(site_load(value, 1, &s) == VV_ERR_NOTFOUND && !s,
	      "a missing --site file is an error");
	CHECK(site_load(value, 0, &s) == VV_OK && s &&
	      strcmp(site_path(s), "") == 0,
	      "a missing default file is an empty site");
	site_free(s);
	CHECK(site_load(dir, 1, &s) != VV_OK && !s,
	      "a folder is refused");
}

static void test_fill(void)
{
	struct site *s = NULL;
	char *out = NULL;

	if (load_text("centre_phone = +47 22 33 44 55\n"
		      "centre_name.ar = مركز\n"
		      "centre_name = Senteret\n"
		      "postal_address = Storgata 1, 0155 Oslo\n", &s) != VV_OK)
		return;
	CHECK(site_fill(s, "اتصل على {centre_phone} اليوم", "ar", &out) ==
	      VV_OK && out && strcmp(out, "اتصل على " FSI "+47" NBSP "22"
				     NBSP "33" NBSP "44" NBSP "55" PDI
				     " اليوم") == 0,
	      "a value is wrapped in FSI..PDI, so its order holds in RTL, "
	      "and a phone number's groups are joined by no-break spaces, "
	      "so it is never split over two lines");
	free(out);
	CHECK(site_fill(s, "{centre_name}", "ar", &out) == VV_OK && out &&
	      strcmp(out, FSI "مركز" PDI) == 0, "the language's own value");
	free(out);
	CHECK(site_fill(s, "{centre_name}", "uk", &out) == VV_OK && out &&
	      strcmp(out, FSI "Senteret" PDI) == 0,
	      "the plain value for other languages");
	free(out);
	CHECK(site_fill(s, "{postal_address}", "nb", &out) == VV_OK && out &&
	      strcmp(out, FSI "Storgata 1, 0155 Oslo" PDI) == 0,
	      "an address keeps its spaces: it may break between words");
	free(out);
	CHECK(strcmp(site_missing(s), "") == 0, "nothing missing yet");
	CHECK(site_fill(s, "Møt oss i {meeting_place} ({meeting_place}), "
			"{centre_address}.", "nb", &out) == VV_OK && out &&
	      strcmp(out, "Møt oss i " SITE_MISSING_TEXT " ("
		     SITE_MISSING_TEXT "), " SITE_MISSING_TEXT ".") == 0 &&
	      !strchr(out, '{'),
	      "a missing value shows the neutral text, never {name}");
	free(out);
	CHECK_STR(site_missing(s), "meeting_place, centre_address",
		  "the missing names, each once, in order");
	CHECK(site_fill(s, "{ not one } {} {a-b} {x", "nb", &out) == VV_OK &&
	      out && strcmp(out, "{ not one } {} {a-b} {x") == 0,
	      "braces that are no placeholder stay");
	free(out);
	CHECK(site_fill(s, "", "nb", &out) == VV_OK && out && !out[0],
	      "an empty text stays empty");
	free(out);
	site_free(s);
}

static void test_bundle(void)
{
	struct bundle_text texts[3] = {
		{ .text = NULL }, { .text = NULL }, { .text = NULL, .fallback = 1 },
	};
	struct bundle_item item;
	struct bundle b;
	struct site *s = NULL;

	if (load_text("centre_phone = 22 33 44 55\n", &s) != VV_OK)
		return;
	memset(&b, 0, sizeof b);
	memset(&item, 0, sizeof item);
	b.fd = -1;
	b.pack_title.text = strdup("Ring {centre_phone}");
	b.level_label.text = strdup("Nivå");
	item.heading.text = strdup("{centre_name}");
	item.image_alt.text = strdup("");
	item.script.text = strdup("Ring {centre_phone} nå");
	texts[0].text = strdup("a {centre_phone}");
	texts[1].text = strdup("b");
	texts[2].text = strdup("c {meeting_place}");
	item.paragraphs = texts;
	item.n_paragraphs = 2;
	item.bullets = texts + 2;
	item.n_bullets = 1;
	b.items = &item;
	b.n_items = 1;
	CHECK(site_fill_bundle(s, &b) == VV_OK, "fill a bundle");
	CHECK(strcmp(b.pack_title.text, "Ring " FSI PHONE PDI) == 0 &&
	      strcmp(item.script.text, "Ring " FSI PHONE PDI " nå") == 0 &&
	      strcmp(texts[0].text, "a " FSI PHONE PDI) == 0,
	      "title, script and paragraphs are filled");
	CHECK(strcmp(item.heading.text, SITE_MISSING_TEXT) == 0 &&
	      strcmp(texts[2].text, "c " SITE_MISSING_TEXT) == 0,
	      "heading and bullets too, missing values neutral");
	CHECK_STR(site_missing(s), "centre_name, meeting_place",
		  "the bundle's missing names");
	free(b.pack_title.text);
	free(b.level_label.text);
	free(item.heading.text);
	free(item.image_alt.text);
	free(item.script.text);
	for (int i = 0; i < 3; i++)
		free(texts[i].text);
	site_free(s);
}

int main(void)
{
	char cmd[700];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	/* site_load prints one line per bad file; keep them out of the
	 * PASS/FAIL lines' way. */
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	test_load();
	test_bad_files();
	test_fill();
	test_bundle();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("FAIL cleanup of %s\n", dir);
	return CHECK_DONE();
}
