/* Unit tests for builder/subtitle: WebVTT and SRT in, WebVTT out. */
#include "builder/subtitle.h"
#include "common/cuetime.h"
#include "common/err.h"
#include "common/utf8.h"
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

/* Writes the n bytes at data to the fixture and loads it. */
static enum vv_err parse_bytes(const void *data, size_t len,
			       struct pack_cue **cues, size_t *n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	n_errors = 0;
	first_error[0] = '\0';
	return subtitle_load(path, "media/x.srt", "film", cues, n);
}

static size_t put16(unsigned char *out, size_t k, uint32_t unit, int be)
{
	out[k] = (unsigned char)(be ? unit >> 8 : unit & 0xFF);
	out[k + 1] = (unsigned char)(be ? unit & 0xFF : unit >> 8);
	return k + 2;
}

/* Encodes the UTF-8 text as UTF-16 (big-endian when `be`), as Notepad's
 * "Unicode" and subtitle tools save it: with a BOM when `bom`. Returns
 * the length written to out (room for 2 * (strlen(text) + 1) bytes). */
static size_t utf16(const char *text, int be, int bom, unsigned char *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), k = 0;

	if (bom)
		k = put16(out, k, 0xFEFF, be);
	while (n) {
		uint32_t cp;
		size_t used = utf8_next(s, n, &cp);

		used = used ? used : 1;
		s += used;
		n -= used;
		if (cp > 0xFFFF) {
			k = put16(out, k, 0xD800 + ((cp - 0x10000) >> 10), be);
			cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
		}
		k = put16(out, k, cp, be);
	}
	return k;
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

	/* Subtitle Edit, Aegisub exports and many downloads place a cue
	 * with an ASS override such as {\an8} (top); FFmpeg's SRT reader
	 * passes it on as text. It is no text: it must not reach the
	 * screen or the translators. {name} placeholders stay. */
	err = parse("1\n00:00:00,000 --> 00:00:01,000\n"
		    "{\\an8}<font color=\"#ffff00\">Gul</font> tekst\n\n"
		    "2\n00:00:01,000 --> 00:00:02,000\n"
		    "{\\i1}Skr\u00e5{\\i0} og {name}{\\pos(10,20)}\n\n"
		    "3\n00:00:02,000 --> 00:00:03,000\n{\\an8}\n",
		    &c, &n);
	CHECK(err == VV_OK && n == 2, "subtitle: SRT with ASS overrides "
	      "(a cue of only an override is empty)");
	if (n == 2) {
		CHECK_STR(c[0].text.text, "Gul tekst",
			  "subtitle: SRT {\\an8} dropped");
		CHECK_STR(c[1].text.text, "Skr\u00e5 og {name}",
			  "subtitle: SRT {\\i1} {\\pos} dropped, {name} kept");
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

/* Returns non-zero when `text` is refused with one line naming path:line
 * and holding `why`. */
static int refused_at(const char *text, long line, const char *why)
{
	struct pack_cue *c = NULL;
	size_t n = 0;
	enum vv_err err = parse(text, &c, &n);

	subtitle_cues_free(c, n);
	if (err != VV_ERR_FORMAT || c || n_errors != 1 || !error_at(line) ||
	    !strstr(first_error, why)) {
		printf("  got %d, %d line(s): %s\n", (int)err, n_errors,
		       first_error);
		return 0;
	}
	return 1;
}

/* What FFmpeg 5.1's WebVTT and SRT demuxers get wrong or pass over
 * silently, each of which subtitle_load() must still see. */
static void test_demuxer_quirks(void)
{
	struct pack_cue *c = NULL;
	size_t n = 0;
	enum vv_err err;

	/* 5.1 stops reading at the first block it cannot read and reports
	 * success with the cues before it. */
	CHECK(refused_at("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n"
			 "00:03.000 --> 00:0x.000\nB\n\n"
			 "00:05.000 --> 00:06.000\nC\n", 6, "timing line"),
	      "subtitle: bad timing between good cues names its line");
	CHECK(refused_at("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n"
			 "id\nnot a timing\nB\n\n00:05.000 --> 00:06.000\nC\n",
			 7, "timing line"),
	      "subtitle: identifier without timing names the line after it");
	CHECK(refused_at("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nlonely\n\n"
			 "00:05.000 --> 00:06.000\nC\n", 6, "no timing line"),
	      "subtitle: a one-line block has no timing line");
	CHECK(refused_at("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nA\n", 3,
			 "timing line"),
	      "subtitle: SRT commas in WebVTT name the line");
	/* 5.1 reads "1.5" as 1.005 s and 61 seconds as 61 s. */
	CHECK(refused_at("WEBVTT\n\n00:00:01.5 --> 00:00:02.000\nA\n", 3,
			 "timing line"),
	      "subtitle: two millisecond digits refused");
	CHECK(refused_at("1\n00:00:01,5 --> 00:00:02,000\nA\n", 2,
			 "timing line"),
	      "subtitle: SRT with two millisecond digits refused");
	/* 5.1 gives a cue that ends before it starts the time up to the
	 * next cue. */
	CHECK(refused_at("WEBVTT\n\n00:03.000 --> 00:01.000\nA\n\n"
			 "00:05.000 --> 00:06.000\nB\n", 3, "ends before"),
	      "subtitle: end before start, another cue after");
	CHECK(refused_at("1\n00:00:03,000 --> 00:00:01,000\nA\n\n"
			 "2\n00:00:05,000 --> 00:00:06,000\nB\n", 2,
			 "ends before"),
	      "subtitle: SRT end before start, another cue after");
	/* 5.1 drops a cue equal to another in time and text, silently. */
	CHECK(refused_at("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\n"
			 "00:01.000 --> 00:02.000\nA\n", 7, "(line 4)"),
	      "subtitle: a copied cue is two cues at one time");
	CHECK(refused_at("1\n00:00:01,000 --> 00:00:02,000\nA\n\n"
			 "2\n00:00:01,000 --> 00:00:02,000\nA\n", 7, "(line 3)"),
	      "subtitle: SRT copied cue");
	/* 5.1 takes a timing line it cannot read as text of the cue
	 * before it (SRT) or skips the header block with it (WebVTT). */
	CHECK(refused_at("1\n00:00:01,000 --> 00:00:02,000\nA\n\n"
			 "2\n00:00:03,000 --> 00:00:0x,000\nB\n", 6,
			 "timing line"),
	      "subtitle: SRT bad timing after a good cue");
	CHECK(refused_at("1\n00:01,000 --> 00:02,000\nA\n", 2, "timing line"),
	      "subtitle: SRT timing without hours");
	CHECK(refused_at("junk\n1\n00:00:01,000 --> 00:00:02,000\nA\n", 1,
			 "timing line"),
	      "subtitle: SRT text before the first cue");
	CHECK(refused_at("WEBVTT\nKind: captions\n00:01.000 --> 00:02.000\nA\n",
			 3, "blank line"),
	      "subtitle: a cue inside the header block");
	CHECK(refused_at("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n"
			 "00:03.000 --> 00:04.000\nB\n", 5, "blank line"),
	      "subtitle: a timing line inside a cue");
	/* 5.1 skips NOTE blocks but stops at STYLE and REGION ones. */
	err = parse("WEBVTT\n\nREGION\nid:fred\n\nSTYLE\n::cue { }\n\n"
		    "00:01.000 --> 00:02.000\nA\n", &c, &n);
	CHECK(err == VV_OK && n == 1, "subtitle: REGION and STYLE skipped");
	subtitle_cues_free(c, n);
	/* 5.1 takes only LF and CRLF as line ends, and a line of spaces as
	 * text, which would run two cues together. */
	err = parse("WEBVTT\r\r00:01.000 --> 00:02.000\rA\r\r"
		    "00:03.000 --> 00:04.000\rB\r", &c, &n);
	CHECK(err == VV_OK && n == 2 && c[1].text.line == 7 &&
	      strcmp(c[1].text.text, "B") == 0, "subtitle: CR line ends");
	subtitle_cues_free(c, n);
	err = parse("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n \t\n"
		    "00:03.000 --> 00:04.000\nB\n", &c, &n);
	CHECK(err == VV_OK && n == 2 && strcmp(c[0].text.text, "A") == 0,
	      "subtitle: a line of blanks ends a cue");
	subtitle_cues_free(c, n);
	/* Kept as the author wrote them: overlapping, zero-length and
	 * out-of-order cues (5.1 sorts by time; file order is kept). */
	err = parse("WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n"
		    "00:01.000 --> 00:01.000\nZ\n\n"
		    "00:05.500 --> 00:07.000\nO\n", &c, &n);
	CHECK(err == VV_OK && n == 3 && c[0].start_ms == 5000 &&
	      c[1].end_ms == 1000 && c[2].start_ms == 5500 &&
	      c[2].text.line == 10, "subtitle: overlapping, zero-length, "
	      "out of order");
	subtitle_cues_free(c, n);
	err = parse("WEBVTT\n\nNOTE only a comment\n", &c, &n);
	CHECK(err == VV_OK && n == 0, "subtitle: WebVTT without cues");
	subtitle_cues_free(c, n);
	err = parse("1\n00:00:01,000 --> 00:00:02,000\n\n"
		    "2\n00:00:03,000 --> 00:00:04,000\nB\n", &c, &n);
	CHECK(err == VV_OK && n == 1 && c[0].start_ms == 3000 &&
	      c[0].text.line == 6, "subtitle: empty SRT cue left out");
	subtitle_cues_free(c, n);
	err = parse("WEBVTT\n\nid\n00:01.000 --> 00:02.000\n\n"
		    "00:03.000 --> 00:04.000 line:0\nB\n", &c, &n);
	CHECK(err == VV_OK && n == 1 && c[0].text.line == 7,
	      "subtitle: empty WebVTT cue left out");
	subtitle_cues_free(c, n);
}

/* Returns non-zero when the last load was refused as VV_ERR_FORMAT with
 * one error line naming path (and line, when line > 0) and holding why. */
static int refused(enum vv_err err, long line, const char *why)
{
	char want[128];

	if (line > 0)
		snprintf(want, sizeof want, "%s:%ld: ", path, line);
	else
		snprintf(want, sizeof want, "%s: ", path);
	if (err != VV_ERR_FORMAT || n_errors != 1 ||
	    strncmp(first_error, want, strlen(want)) != 0 ||
	    !strstr(first_error, why)) {
		printf("  got %d, %d line(s): %s\n", (int)err, n_errors,
		       first_error);
		return 0;
	}
	return 1;
}

/* Files as Windows tools save them: UTF-16 with a BOM (Notepad's
 * "Unicode", Subtitle Edit's "Unicode" encodings), and old Mac CR line
 * ends. A UTF-16 file without a BOM cannot be told from binary for
 * sure: it is refused with what to do about it. */
static void test_encodings(void)
{
	static const char srt[] = "1\r\n00:00:00,500 --> 00:00:02,000\r\n"
				  "Hei p\u00e5 deg \U0001F600\r\n\r\n2\r\n"
				  "00:00:02,000 --> 00:00:03,000\r\n"
				  "\u0645\u0631\u062d\u0628\u0627\r\n";
	unsigned char buf[512];
	struct pack_cue *c = NULL;
	size_t n = 0, len, k;
	enum vv_err err;
	int be;

	for (be = 0; be < 2; be++) {
		len = utf16(srt, be, 1, buf);
		err = parse_bytes(buf, len, &c, &n);
		CHECK(err == VV_OK && n == 2, be ? "subtitle: UTF-16 BE SRT"
						 : "subtitle: UTF-16 LE SRT");
		if (n == 2) {
			CHECK_STR(c[0].text.text, "Hei p\u00e5 deg \U0001F600",
				  "subtitle: UTF-16 text, a surrogate pair");
			CHECK_STR(c[1].text.text, "\u0645\u0631\u062d\u0628\u0627",
				  "subtitle: UTF-16 Arabic text");
			CHECK(c[1].text.line == 7 && c[1].start_ms == 2000 &&
			      c[1].end_ms == 3000,
			      "subtitle: UTF-16 line numbers and times");
		}
		subtitle_cues_free(c, n);
	}
	len = utf16("WEBVTT\n\n00:01.000 --> 00:02.000\nHei\n", 0, 1, buf);
	err = parse_bytes(buf, len, &c, &n);
	CHECK(err == VV_OK && n == 1 && c[0].text.line == 4 &&
	      strcmp(c[0].text.text, "Hei") == 0, "subtitle: UTF-16 WebVTT");
	subtitle_cues_free(c, n);

	/* A high surrogate without its low half, on line 3 (after the
	 * BOM, "1\n" and the timing line: 2 bytes a unit). */
	len = utf16("1\n00:00:00,500 --> 00:00:02,000\nHei\n", 0, 1, buf);
	k = 2 + 2 * strlen("1\n00:00:00,500 --> 00:00:02,000\n");
	put16(buf, k, 0xD83D, 0);
	CHECK(refused(parse_bytes(buf, len, &c, &n), 3, "UTF-16"),
	      "subtitle: UTF-16 lone high surrogate names its line");
	/* A low surrogate alone, on line 2 of CR line ends. */
	len = utf16("1\r00:00:00,500 --> 00:00:02,000\rHei\r", 1, 1, buf);
	put16(buf, 2 + 2 * strlen("1\r00:00:00,"), 0xDE00, 1);
	CHECK(refused(parse_bytes(buf, len, &c, &n), 2, "UTF-16"),
	      "subtitle: UTF-16 lone low surrogate names its line");
	/* Cut in the middle of a pair, or of a unit. */
	len = utf16("1\n00:00:00,500 --> 00:00:02,000\nHei \U0001F600", 0, 1,
		    buf);
	CHECK(refused(parse_bytes(buf, len - 2, &c, &n), 3, "UTF-16"),
	      "subtitle: UTF-16 cut after a high surrogate");
	CHECK(refused(parse_bytes(buf, len - 1, &c, &n), 3, "UTF-16"),
	      "subtitle: UTF-16 cut in a unit");
	len = utf16("1\n00:00:00,500 --> 00:00:02,000\nHei\n", 0, 1, buf);
	put16(buf, 2 + 2 * strlen("1\n00:00:00,500 --> 00:00:02,000\nH"), 0,
	      0);
	CHECK(refused(parse_bytes(buf, len, &c, &n), 3, "NUL"),
	      "subtitle: UTF-16 NUL character names its line");

	for (be = 0; be < 2; be++) {
		len = utf16(srt, be, 0, buf);
		CHECK(refused(parse_bytes(buf, len, &c, &n), 0,
			      "UTF-16 without a byte order mark"),
		      be ? "subtitle: UTF-16 BE without BOM: what to do"
			 : "subtitle: UTF-16 LE without BOM: what to do");
	}
	CHECK(strstr(first_error, "UTF-8"), "subtitle: says to save as UTF-8");
	memcpy(buf, "WEBVTT\n\n\0\0\0\0\0\0\x01\x02\x03", 15);
	CHECK(refused(parse_bytes(buf, 15, &c, &n), 0, "NUL bytes"),
	      "subtitle: other NUL bytes are no UTF-16");

	/* UTF-8 with a BOM and old Mac CR line ends, in SRT. */
	err = parse("\xEF\xBB\xBF" "1\r00:00:00,500 --> 00:00:02,000\rEn\r\r"
		    "2\r00:00:02,000 --> 00:00:03,000\rTo\r", &c, &n);
	CHECK(err == VV_OK && n == 2 && c[1].text.line == 7 &&
	      strcmp(c[1].text.text, "To") == 0,
	      "subtitle: SRT with a UTF-8 BOM and CR line ends");
	subtitle_cues_free(c, n);
}

/* A cue of two speakers: each turn is a line that starts with a dash.
 * The turns stay lines of their own (joined by '\n'), to the translators
 * and on screen; other line breaks are the author's wrapping, which the
 * player redoes for its screen. */
static void test_dialogue(void)
{
	struct pack_cue *c = NULL, *back = NULL;
	size_t n = 0, nb = 0;
	enum vv_err err;
	char *doc = NULL;
	size_t len = 0;

	err = parse("1\n00:00:00,500 --> 00:00:02,000\n- Hei!\n"
		    "- Hallo, velkommen.\n\n"
		    "2\n00:00:02,000 --> 00:00:03,000\n\u2013 Er du klar?  \n"
		    "  \u2013 Ja.\n\n"
		    "3\n00:00:03,000 --> 00:00:04,000\n<i>- Hvor er\n"
		    "kontoret?</i>\n<i>- Der borte.</i>\n\n"
		    "4\n00:00:04,000 --> 00:00:05,000\nI dag er det\n"
		    "-20 grader og\n- som i g\u00e5r - kaldt\n\n"
		    "5\n00:00:05,000 --> 00:00:06,000\n{\\an8}- Opp\n"
		    "<font color=\"red\">- Ned</font>\n\n"
		    /* NRK's and many broadcasters' style: no blank after
		     * the dash, when the cue opens with a turn */
		    "6\n00:00:06,000 --> 00:00:07,000\n-Hei!\n"
		    "-Hallo, velkommen.\n\n"
		    "7\n00:00:07,000 --> 00:00:08,000\n<i>-Hvor er\n"
		    "kontoret?</i>\n<i>-Der borte.</i>\n\n"
		    "8\n00:00:08,000 --> 00:00:09,000\nHun sa\n-nei takk\n\n"
		    "9\n00:00:09,000 --> 00:00:10,000\n-Kaldt?\n"
		    "-20 grader.\n", &c, &n);
	CHECK(err == VV_OK && n == 9, "subtitle: dialogue cues parsed");
	if (n == 9) {
		CHECK_STR(c[5].text.text, "-Hei!\n-Hallo, velkommen.",
			  "subtitle: turns without a blank after the dash");
		CHECK_STR(c[6].text.text, "<i>-Hvor er kontoret?</i>\n"
			  "<i>-Der borte.</i>",
			  "subtitle: a turn without a blank after a tag");
		CHECK_STR(c[7].text.text, "Hun sa -nei takk",
			  "subtitle: no turns when the cue does not open "
			  "with one");
		CHECK_STR(c[8].text.text, "-Kaldt? -20 grader.",
			  "subtitle: a dash before a number starts no turn");
	}
	if (n >= 5) {
		CHECK_STR(c[0].text.text, "- Hei!\n- Hallo, velkommen.",
			  "subtitle: two speakers' lines kept apart");
		CHECK_STR(c[1].text.text, "\u2013 Er du klar?\n\u2013 Ja.",
			  "subtitle: en dash turns, blanks trimmed");
		CHECK_STR(c[2].text.text, "<i>- Hvor er kontoret?</i>\n"
			  "<i>- Der borte.</i>",
			  "subtitle: a turn after a tag, its wrap joined");
		CHECK_STR(c[3].text.text, "I dag er det -20 grader og\n"
			  "- som i g\u00e5r - kaldt",
			  "subtitle: only a dash and a blank start a turn");
		CHECK_STR(c[4].text.text, "- Opp\n- Ned",
			  "subtitle: a turn after a placing code or <font>");
	}
	err = subtitle_vtt_render(c, n, NULL, &doc, &len);
	CHECK(err == VV_OK && doc &&
	      strstr(doc, "\n- Hei!\n- Hallo, velkommen.\n"),
	      "subtitle: rendered turns on lines of their own");
	if (doc) {
		fixture_write(path, doc);
		subtitle_load(path, "x", "film", &back, &nb);
	}
	CHECK(nb == n && n >= 6 &&
	      strcmp(back[2].text.text, c[2].text.text) == 0 &&
	      strcmp(back[5].text.text, c[5].text.text) == 0,
	      "subtitle: dialogue render and parse round trip");
	free(doc);
	doc = NULL;
	subtitle_cues_free(back, nb);
	if (n >= 5) {
		/* A translation's line breaks: blank lines (which would end
		 * the cue) and blanks at the ends of lines go. */
		const char *texts[5] = { "- Hi!\n\n - Hello, welcome. \n",
					 "\n\r\n\u2013 Ready?\n \n\u2013 Yes.\n",
					 NULL, NULL, NULL };

		err = subtitle_vtt_render(c, 2, texts, &doc, &len);
		CHECK(err == VV_OK && doc &&
		      strstr(doc, "\n- Hi!\n- Hello, welcome.\n\n") &&
		      strstr(doc, "00:00:03.000\n\u2013 Ready?\n\u2013 Yes.\n"),
		      "subtitle: translated turns without blank lines");
		free(doc);
	}
	subtitle_cues_free(c, n);
}

/* SRT as tools and hand edits leave it, which FFmpeg reads and a
 * translator expects to work. */
static void test_srt_quirks(void)
{
	struct pack_cue *c = NULL;
	size_t n = 0;
	enum vv_err err;

	/* No blank line between cues, '.' before the milliseconds, no cue
	 * numbers. */
	err = parse("1\n00:00:00,500 --> 00:00:01,000\nEn\n"
		    "2\n00:00:01,000 --> 00:00:02,000\nTo\n", &c, &n);
	CHECK(err == VV_OK && n == 2 && strcmp(c[0].text.text, "En") == 0 &&
	      c[1].text.line == 6, "subtitle: SRT without blank lines");
	subtitle_cues_free(c, n);
	err = parse("1\n00:00:00.500 --> 00:00:01.000\nEn\n\n"
		    "2\n00:00:01.000 --> 00:00:02.000\nTo\n", &c, &n);
	CHECK(err == VV_OK && n == 2 && c[0].start_ms == 500 &&
	      c[1].end_ms == 2000, "subtitle: SRT with '.' before ms");
	subtitle_cues_free(c, n);
	err = parse("00:00:00,500 --> 00:00:01,000\nEn\n\n"
		    "00:00:01,000 --> 00:00:02,000\nTo\n", &c, &n);
	CHECK(err == VV_OK && n == 2 && c[1].text.line == 5,
	      "subtitle: SRT without cue numbers");
	subtitle_cues_free(c, n);

	/* Blanks after a cue number or a timing line (hand edits). */
	err = parse("1 \n00:00:00,500 --> 00:00:01,000  \nEn \n\n"
		    "2\t\n00:00:01,000 --> 00:00:02,000\nTo\n", &c, &n);
	CHECK(err == VV_OK && n == 2 && c[1].text.line == 7,
	      "subtitle: SRT cue numbers with blanks after them");
	if (err)
		printf("  %s\n", first_error);
	subtitle_cues_free(c, n);

	/* Tags as HTML-minded tools write them: capitals, line breaks. */
	err = parse("1\n00:00:00,500 --> 00:00:01,000\n"
		    "<I>Skr\u00e5</I> og <B>fet</B> <U>under</U>\n\n"
		    "2\n00:00:01,000 --> 00:00:02,000\n"
		    "Hei<br>der<BR/>og <br />her\n\n"
		    "3\n00:00:02,000 --> 00:00:03,000\n"
		    "- Hei!<br>- Hallo.\n", &c, &n);
	CHECK(err == VV_OK && n == 3, "subtitle: SRT with HTML tags");
	if (n == 3) {
		CHECK_STR(c[0].text.text, "<i>Skr\u00e5</i> og <b>fet</b> under",
			  "subtitle: <I> and <B> kept as <i> and <b>");
		CHECK_STR(c[1].text.text, "Hei der og her",
			  "subtitle: <br> is a line break, not glue");
		CHECK_STR(c[2].text.text, "- Hei!\n- Hallo.",
			  "subtitle: a turn after <br>");
	}
	subtitle_cues_free(c, n);

	/* Entities of web exports: numeric ones and &apos;. */
	err = parse("1\n00:00:00,500 --> 00:00:01,000\n"
		    "It&#39;s &apos;ok&apos; &#x263A;&#X263a; &#0; &#xD800; "
		    "&#1114112; &eacute; &#;\n", &c, &n);
	CHECK(err == VV_OK && n == 1, "subtitle: SRT with entities");
	if (n == 1)
		CHECK_STR(c[0].text.text, "It's 'ok' \u263a\u263a &#0; "
			  "&#xD800; &#1114112; &eacute; &#;",
			  "subtitle: numeric entities and &apos; resolved, "
			  "others kept");
	subtitle_cues_free(c, n);
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
	test_demuxer_quirks();
	test_encodings();
	test_dialogue();
	test_srt_quirks();
	test_render();
	cuetime_format(3723004, ts, sizeof ts);
	CHECK_STR(ts, "01:02:03.004", "subtitle: format_time");
	unlink(path);
	return CHECK_DONE();
}
