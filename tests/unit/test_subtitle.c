/* Unit tests for builder/subtitle: WebVTT and SRT in, WebVTT out. */
#include "builder/subtitle.h"
#include "common/cuetime.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/fixture_file.h"
#include "tests/unit/error_capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[] = "/tmp/vv-test-subtitle-XXXXXX";

static enum vv_err parse(const char *text, struct pack_cue **cues, size_t *n)
{
	fixture_write(path, text);
	n_errors = 0;
	first_error[0] = '\0';
	return subtitle_load(path, "media/x.vtt", "film", cues, n);
}

/* Returns non-zero when the first error names path:line. */
static int error_at(long line)
{
	char want[128];

	snprintf(want, sizeof want, "%s:%ld: ", path, line);
	return strncmp(first_error, want, strlen(want)) == 0;
}

static void test_vtt(void)
{
	struct pack_cue *c = NULL;
	size_t n = 0;
	enum vv_err err;

	err = parse("\xEF\xBB\xBFWEBVTT - a title\nKind: captions\n\n"
		    "NOTE this is\na comment\n\n"
		    "STYLE\n::cue { color: yellow }\n\n"
		    "intro\n00:01.000 --> 00:02.500 align:start\n"
		    "<v Anna>Hei &amp; velkommen</v>\n\n"
		    "01:02:03.004 --> 01:02:05.000\n<b>To</b>\nlinjer &lt;3\n",
		    &c, &n);
	CHECK(err == VV_OK && n == 2, "subtitle: WebVTT with BOM, NOTE, STYLE, "
	      "identifier and settings");
	if (n == 2) {
		CHECK(c[0].start_ms == 1000 && c[0].end_ms == 2500,
		      "subtitle: MM:SS.mmm times");
		CHECK_STR(c[0].text.text, "Hei & velkommen",
			  "subtitle: voice tag dropped, entity resolved");
		CHECK_STR(c[0].text.ctxt, "film/cue@00:00:01.000",
			  "subtitle: msgctxt from the start time");
		CHECK(c[0].text.line == 12, "subtitle: cue text line");
		CHECK(c[1].start_ms == 3723004, "subtitle: HH:MM:SS.mmm times");
		CHECK_STR(c[1].text.text, "<b>To</b> linjer <3",
			  "subtitle: lines joined, <b> kept");
		CHECK_STR(c[1].text.file, "media/x.vtt", "subtitle: label kept");
		CHECK(c[1].text.budget == 84, "subtitle: cue budget");
	}
	subtitle_cues_free(c, n);
}

static void test_srt(void)
{
	struct pack_cue *c = NULL;
	size_t n = 0;
	enum vv_err err;

	err = parse("1\r\n00:00:00,500 --> 00:00:02,000\r\n<i>Hei</i>\r\n"
		    "<font color=\"red\">der</font>\r\n\r\n\r\n"
		    "2\r\n00:00:02,000 --> 00:00:03,000\r\nSiste\r\n", &c, &n);
	CHECK(err == VV_OK && n == 2, "subtitle: SRT with CRLF");
	if (n == 2) {
		CHECK(c[0].start_ms == 500 && c[0].end_ms == 2000,
		      "subtitle: SRT comma times");
		CHECK_STR(c[0].text.text, "<i>Hei</i> der",
			  "subtitle: SRT font tag dropped, <i> kept");
		CHECK(c[1].text.line == 9, "subtitle: SRT line numbers");
	}
	subtitle_cues_free(c, n);
}

static void test_errors(void)
{
	struct pack_cue *c = NULL;
	size_t n = 0;
	enum vv_err err;

	err = parse("WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nHi\n", &c, &n);
	CHECK(err == VV_ERR_FORMAT && c == NULL && error_at(3),
	      "subtitle: bad timestamp names file:line");
	err = parse("WEBVTT\n\n00:00:03.000 --> 00:00:01.000\nHi\n", &c, &n);
	CHECK(err == VV_ERR_FORMAT && error_at(3),
	      "subtitle: end before start");
	err = parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n"
		    "00:00:01.000 --> 00:00:03.000\nB\n", &c, &n);
	CHECK(err == VV_ERR_FORMAT && error_at(7),
	      "subtitle: two cues with one start time");
	err = parse("WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nA\n", &c, &n);
	CHECK(err == VV_ERR_FORMAT, "subtitle: seconds over 59");
	err = parse("1\nno timing\nA\n", &c, &n);
	CHECK(err == VV_ERR_FORMAT && error_at(2),
	      "subtitle: SRT without timing line");
	err = parse("", &c, &n);
	CHECK(err == VV_OK && n == 0, "subtitle: empty file has no cues");
	n_errors = 0;
	err = subtitle_load("/nonexistent/x.vtt", "x.vtt", "v", &c, &n);
	CHECK(err == VV_ERR_IO && n_errors == 1, "subtitle: missing file");
}

static void test_render(void)
{
	struct pack_cue *c = NULL, *back = NULL;
	size_t n = 0, nb = 0;
	const char *texts[2] = { "مرحباً، وأهلاً بك & <i>du</i> < 3", NULL };
	char *doc = NULL;
	size_t len = 0;
	FILE *f;

	parse("WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHei\n\n"
	      "00:00:02.200 --> 00:00:04.000\nHer <b>er</b> vi\n", &c, &n);
	CHECK(n == 2, "subtitle: render input parsed");
	if (n != 2) {
		subtitle_cues_free(c, n);
		return;
	}
	CHECK(subtitle_vtt_render(c, n, texts, &doc, &len) == VV_OK && doc &&
	      len == strlen(doc), "subtitle: render");
	CHECK(doc && strncmp(doc, "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\n",
			     38) == 0, "subtitle: rendered header and timing");
	CHECK(doc && strstr(doc, "&amp; <i>du</i> &lt; 3"),
	      "subtitle: rendered text escaped, tags kept");
	CHECK(doc && strstr(doc, "Her <b>er</b> vi"),
	      "subtitle: NULL text falls back to the source");
	/* What we write, we read back the same. */
	f = fopen(path, "wb");
	if (f && doc) {
		fputs(doc, f);
		fclose(f);
		subtitle_load(path, "x", "film", &back, &nb);
	} else if (f) {
		fclose(f);
	}
	CHECK(nb == 2 && back && strcmp(back[0].text.text, texts[0]) == 0 &&
	      back[1].start_ms == 2200 && back[1].end_ms == 4000,
	      "subtitle: render and parse round trip");
	free(doc);
	subtitle_cues_free(back, nb);
	CHECK(subtitle_vtt_write(path, c, n, NULL) == VV_OK,
	      "subtitle: write file");
	CHECK(subtitle_vtt_write("/nonexistent/dir/x.vtt", c, n, NULL) ==
	      VV_ERR_IO, "subtitle: unwritable path is an I/O error");
	subtitle_cues_free(c, n);
	subtitle_cues_free(NULL, 0);
}

int main(void)
{
	char ts[32];
	int fd = mkstemp(path);

	if (fd < 0) {
		perror("mkstemp");
		return 2;
	}
	close(fd);
	vv_error_set_hook(capture_error, NULL);
	test_vtt();
	test_srt();
	test_errors();
	test_render();
	cuetime_format(3723004, ts, sizeof ts);
	CHECK_STR(ts, "01:02:03.004", "subtitle: format_time");
	unlink(path);
	return CHECK_DONE();
}
