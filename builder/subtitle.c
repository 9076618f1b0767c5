/* subtitle: WebVTT and SRT cues in (read by libavformat's demuxers),
 * WebVTT out. */
#include "builder/subtitle.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libavformat/avformat.h>

#include "builder/media.h"
#include "common/atomic.h"
#include "common/cuetime.h"
#include "common/file.h"
#include "common/i18n.h"
#include "common/markup.h"
#include "common/strbuf.h"
#include "common/utf16.h"
#include "common/utf8.h"

/* Turns the UTF-16 text after a byte order mark in the n bytes at *buf
 * into UTF-8, replacing *buf and *len. Returns VV_OK, or VV_ERR_FORMAT,
 * VV_ERR_LIMIT or VV_ERR_NOMEM after one line naming the file (and the
 * line, for a broken character). */
static enum vv_err from_utf16(const char *path, enum utf16_order order,
			      char **buf, size_t *len)
{
	enum utf16_fault fault;
	enum vv_err err;
	char *text;
	size_t n;
	long ln;

	err = utf16_to_utf8((const unsigned char *)*buf + 2, *len - 2, order,
			    SUBTITLE_MAX_BYTES, &text, &n, &fault, &ln);
	if (err == VV_ERR_LIMIT)
		vv_error(path, 0, _("subtitle file is larger than %u "
				    "bytes; split the video"),
			 SUBTITLE_MAX_BYTES);
	else if (fault == UTF16_FAULT_NUL)
		vv_error(path, ln, _("NUL character in the UTF-16 text; "
				     "delete it, or save the file as "
				     "UTF-8"));
	else if (fault == UTF16_FAULT_CUT)
		vv_error(path, ln, _("the UTF-16 text ends inside a "
				     "character: the file was cut; copy or "
				     "export it again"));
	else if (err == VV_ERR_FORMAT)
		vv_error(path, ln, _("broken UTF-16 character (half of a "
				     "surrogate pair); retype the line, or "
				     "save the file as UTF-8"));
	if (err)
		return err;
	free(*buf);
	*buf = text;
	*len = n;
	return VV_OK;
}

/* Reads the whole file into a NUL-terminated buffer of UTF-8 text (or
 * what passes for it: the probe checks it), refusing files over the cap
 * and NUL bytes. UTF-16 with a byte order mark, as Windows tools save it,
 * is converted. Returns VV_OK, or VV_ERR_IO, VV_ERR_LIMIT (too large),
 * VV_ERR_FORMAT or VV_ERR_NOMEM after one line naming the file. */
static enum vv_err slurp(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	enum utf16_order order;
	enum vv_err err;

	*out = NULL;
	if (fd < 0) {
		vv_error(path, 0, _("cannot read subtitles: %s; check the "
				    "<subtitles src> path"), strerror(errno));
		return VV_ERR_IO;
	}
	err = file_read_fd(fd, SUBTITLE_MAX_BYTES, out, len);
	if (err == VV_ERR_LIMIT) {
		vv_error(path, 0, _("subtitle file is larger than %u "
				    "bytes; split the video"),
			 SUBTITLE_MAX_BYTES);
	} else if (err == VV_ERR_IO) {
		vv_error(path, 0, _("cannot read subtitles: %s"),
			 strerror(errno));
	}
	close(fd);
	if (err)
		return err;
	order = utf16_bom((const unsigned char *)*out, *len);
	if (utf32_bom((const unsigned char *)*out, *len)) {
		vv_error(path, 0, _("subtitle file is saved as UTF-32; save "
				    "it as UTF-8 (in Notepad: Save as, "
				    "Encoding: UTF-8)"));
		err = VV_ERR_FORMAT;
	} else if (order != UTF16_NONE) {
		err = from_utf16(path, order, out, len);
	} else if (memchr(*out, '\0', *len)) {
		if (utf16_looks_like((const unsigned char *)*out, *len))
			vv_error(path, 0, _("subtitle file looks like UTF-16 "
					    "without a byte order mark; save "
					    "it as UTF-8 (in Notepad: Save "
					    "as, Encoding: UTF-8)"));
		else
			vv_error(path, 0, _("subtitle file contains NUL "
					    "bytes; save it as UTF-8 WebVTT "
					    "or SRT"));
		err = VV_ERR_FORMAT;
	}
	if (err) {
		free(*out);
		*out = NULL;
	}
	return err;
}

#define CUE_TEXT_MAX 4096

/* The length of the <b>, </b>, <i> or </i> tag at s in any case (SRT
 * from HTML-minded tools writes <I>), with the tag in lower case in
 * lower; 0 when there is none. */
static size_t tag_any_case(const char *s, char lower[5])
{
	size_t i;

	for (i = 0; i < 4 && s[i]; i++)
		lower[i] = (char)tolower((unsigned char)s[i]);
	lower[i] = '\0';
	return markup_tag_len(lower);
}

/* The character reference at s ("&amp;", "&#39;", "&#x263A;", ...):
 * returns its length in s with its UTF-8 in out and the length of that
 * in *out_len, or 0 when s holds none we know (it stays as it is). A
 * number of a control character, a surrogate or past U+10FFFF is none. */
static size_t entity(const char *s, char out[4], size_t *out_len)
{
	static const struct {
		const char *name;
		char text;
	} named[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		      { "&nbsp;", ' ' }, { "&quot;", '"' }, { "&apos;", '\'' } };
	const char *p = s + 2;
	unsigned long cp = 0;
	int hex, digits = 0;
	size_t k;

	for (k = 0; k < sizeof named / sizeof named[0]; k++)
		if (strncmp(s, named[k].name, strlen(named[k].name)) == 0) {
			out[0] = named[k].text;
			*out_len = 1;
			return strlen(named[k].name);
		}
	if (s[1] != '#')
		return 0;
	hex = *p == 'x' || *p == 'X';
	p += hex;
	for (; digits < 7 && (hex ? isxdigit((unsigned char)*p)
				  : isdigit((unsigned char)*p)); digits++, p++)
		cp = cp * (hex ? 16 : 10) +
		     (unsigned long)(isdigit((unsigned char)*p)
				     ? *p - '0'
				     : tolower((unsigned char)*p) - 'a' + 10);
	if (!digits || *p != ';' || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	*out_len = utf8_put((uint32_t)cp, out);
	return (size_t)(p + 1 - s);
}

/* Appends cue text line `src` to dst (capacity cap), keeping <b>, <i>
 * and their end tags (in lower case), dropping other tags (<v Name>,
 * <c.x>, <font ...>) and ASS override blocks ({\an8}, {\i1}: SRT from
 * subtitle editors; {placeholders} have no backslash and stay),
 * resolving the usual entities and numeric character references. */
static void append_cue_line(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(dst);

	while (*src && n + 1 < cap) {
		char lower[5], ch[4];
		size_t tl, el;

		if (src[0] == '{' && src[1] == '\\') {
			const char *close = strchr(src, '}');

			if (close) {
				src = close + 1;
				continue;
			}
		}
		if (*src == '<') {
			const char *close = strchr(src, '>');

			tl = tag_any_case(src, lower);
			if (tl) {
				if (n + tl < cap) {
					memcpy(dst + n, lower, tl);
					n += tl;
				}
				src += tl;
				continue;
			}
			if (close) { /* <v Name>, <c.x>, <font ...>, ... */
				src = close + 1;
				continue;
			}
		}
		if (*src == '&' && (tl = entity(src, ch, &el)) != 0) {
			if (n + el < cap) {
				memcpy(dst + n, ch, el);
				n += el;
			}
			src += tl;
			continue;
		}
		dst[n++] = *src++;
	}
	dst[n] = '\0';
}

/* Turns each <br>, <br/> or <br /> (any case) in s into a line end, in
 * place: web exports of SRT break lines so. */
static void br_to_line_ends(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '<' && tolower((unsigned char)r[1]) == 'b' &&
		    tolower((unsigned char)r[2]) == 'r') {
			char *k = r + 3;

			k += strspn(k, " \t");
			k += *k == '/';
			if (*k == '>') {
				*w++ = '\n';
				r = k + 1;
				continue;
			}
		}
		*w++ = *r++;
	}
	*w = '\0';
}

enum { TURN_NONE, TURN_TIGHT, TURN_SPACED };

/* How the cue line s, as append_cue_line() leaves it, starts: after
 * blanks and <b>, <i> tags, with a hyphen or an en dash and a blank
 * (TURN_SPACED: "- Hei!", as most subtitlers mark a speaker's turn in a
 * cue of two), with one right before a letter or a sign (TURN_TIGHT:
 * "-Hei!", the style of NRK and other broadcasters), or neither
 * (TURN_NONE; also "-20 grader", a number). */
static int turn_mark(const char *s)
{
	for (;;) {
		size_t t;

		s += strspn(s, " \t");
		t = markup_tag_len(s);
		if (!t)
			break;
		s += t;
	}
	if (*s == '-')
		s++;
	else if (strncmp(s, "\xE2\x80\x93", 3) == 0) /* U+2013 */
		s += 3;
	else
		return TURN_NONE;
	if (*s == ' ' || *s == '\t')
		return TURN_SPACED;
	if (*s == '\0' || *s == '-' || (*s >= '0' && *s <= '9'))
		return TURN_NONE;
	return TURN_TIGHT;
}

/* Non-zero when the cue line s starts a speaker's turn: a spaced mark
 * always; a tight one only in a cue whose first line opens with a mark
 * (`dialogue`), so that "Hun sa" / "-nei takk" stays one sentence. */
static int speaker_turn(const char *s, int dialogue)
{
	int mark = turn_mark(s);

	return mark == TURN_SPACED || (dialogue && mark == TURN_TIGHT);
}

/* Normalises each line of the cue text s in place (pack_text_normalise())
 * and drops the empty ones: the lines left are speakers' turns. */
static void normalise_turns(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		size_t len = strcspn(r, "\n");
		int last = r[len] == '\0';

		r[len] = '\0';
		pack_text_normalise(r);
		if (*r) {
			if (w != s)
				*w++ = '\n';
			memmove(w, r, strlen(r));
			w += strlen(r);
		}
		if (last)
			break;
		r += len + 1;
	}
	*w = '\0';
}

/* Joins the cue's text lines (NUL-terminated `data`, lines ended by '\n';
 * changed in place) into text (capacity cap): a line that starts a
 * speaker's turn starts a new line ('\n'); any other joins the line
 * before with a space, since the player wraps cues for its screen. */
static void join_cue_lines(char *data, char *text, size_t cap)
{
	char line_text[CUE_TEXT_MAX], *line, *save = NULL;
	int dialogue = 0;

	text[0] = '\0';
	br_to_line_ends(data);
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(text);

		line_text[0] = '\0';
		append_cue_line(line_text, sizeof line_text, line);
		if (!n)
			dialogue = turn_mark(line_text) != TURN_NONE;
		if (n && n + 1 < cap) {
			text[n++] = speaker_turn(line_text, dialogue) ? '\n'
								       : ' ';
			text[n] = '\0';
		}
		snprintf(text + n, cap - n, "%s", line_text);
	}
	normalise_turns(text);
}

void subtitle_cues_free(struct pack_cue *cues, size_t n)
{
	size_t i;

	if (!cues)
		return;
	for (i = 0; i < n; i++) {
		free(cues[i].text.ctxt);
		free(cues[i].text.text);
		free(cues[i].text.note);
	}
	free(cues);
}

/* The author's file as the demuxer reads it: BOM dropped, every line
 * ended by one '\n' (CRLF and lone CR too, which FFmpeg 5.1's WebVTT
 * reader does not take as line ends), blank-looking lines (spaces, tabs)
 * empty, since the demuxers take them as text and would run two cues
 * together, and, in WebVTT, NOTE, STYLE and REGION blocks emptied (5.1
 * skips NOTE but stops reading at STYLE and REGION). Line i (from 1) keeps
 * its number and starts at at[i - 1]. */
struct doc {
	char *text;
	size_t len;
	uint32_t *at;
	size_t n_lines;
	int vtt;
};

/* Returns non-zero when the n bytes at s are spaces and tabs only. */
static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int starts(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	return n >= k && memcmp(s, word, k) == 0;
}

static int has_arrow(const char *s, size_t n)
{
	return memmem(s, n, "-->", 3) != NULL;
}

/* Fills d from the file's n bytes at buf (SUBTITLE_MAX_BYTES at most, no
 * NUL bytes). Returns VV_OK or VV_ERR_NOMEM. */
static enum vv_err doc_make(struct doc *d, const char *buf, size_t n,
			    int vtt)
{
	const char *p = buf, *end = buf + n;
	size_t cap = 64;
	int skipping = 0; /* inside a NOTE, STYLE or REGION block */
	int prev_empty = 0;

	memset(d, 0, sizeof *d);
	d->vtt = vtt;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	d->text = malloc(n + 1);
	d->at = malloc(cap * sizeof *d->at);
	if (!d->text || !d->at)
		return VV_ERR_NOMEM;
	while (p < end) {
		size_t len = strcspn(p, "\r\n");
		int empty = blank(p, len);

		if (d->n_lines == cap) {
			uint32_t *na = realloc(d->at, 2 * cap * sizeof *na);

			if (!na)
				return VV_ERR_NOMEM;
			d->at = na;
			cap *= 2;
		}
		if (empty) {
			skipping = 0;
		} else if (vtt && prev_empty &&
			   (starts(p, len, "NOTE") || starts(p, len, "STYLE") ||
			    starts(p, len, "REGION")) &&
			   !has_arrow(p, len)) {
			skipping = 1;
		}
		d->at[d->n_lines++] = (uint32_t)d->len;
		if (!empty && !skipping) {
			memcpy(d->text + d->len, p, len);
			d->len += len;
		}
		d->text[d->len++] = '\n';
		prev_empty = empty;
		p += len;
		if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
			p += 2;
		else if (p < end)
			p++;
	}
	return VV_OK;
}

static void doc_free(struct doc *d)
{
	free(d->text);
	free(d->at);
}

/* The number (from 1) of the line holding byte `off` of d->text. */
static long doc_line(const struct doc *d, size_t off)
{
	size_t lo = 0, hi = d->n_lines;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (d->at[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo;
}

/* Line ln (from 1) of d, once doc_split() has ended lines with NULs. */
static const char *doc_at(const struct doc *d, long ln)
{
	return d->text + d->at[ln - 1];
}

/* One packet of the demuxer: a cue as libavformat read it. */
struct raw {
	int64_t pos;   /* byte offset in the doc (see raw_timing_line) */
	long start, end;
	char *data;    /* the cue text, NUL-terminated */
	size_t size;
	long timing;   /* the line of its timing, from raw_timing_line() */
};

static int raw_by_pos(const void *a, const void *b)
{
	const struct raw *x = a, *y = b;

	return (x->pos > y->pos) - (x->pos < y->pos);
}

struct mem {
	const struct doc *d;
	size_t pos;
};

static int mem_read(void *opaque, uint8_t *buf, int size)
{
	struct mem *m = opaque;
	size_t left = m->d->len - m->pos;

	if (left == 0)
		return AVERROR_EOF;
	if (left > (size_t)size)
		left = (size_t)size;
	memcpy(buf, m->d->text + m->pos, left);
	m->pos += left;
	return (int)left;
}

static int64_t mem_seek(void *opaque, int64_t off, int whence)
{
	struct mem *m = opaque;
	int64_t base = 0;

	switch (whence & ~AVSEEK_FORCE) {
	case AVSEEK_SIZE:
		return (int64_t)m->d->len;
	case SEEK_CUR:
		base = (int64_t)m->pos;
		break;
	case SEEK_END:
		base = (int64_t)m->d->len;
		break;
	}
	if (base + off < 0 || base + off > (int64_t)m->d->len)
		return AVERROR(EINVAL);
	m->pos = (size_t)(base + off);
	return (int64_t)m->pos;
}

static void raws_free(struct raw *r, size_t n)
{
	size_t i;

	for (i = 0; r && i < n; i++)
		free(r[i].data);
	free(r);
}

/* Reads every cue of d with libavformat's webvtt or srt demuxer, in file
 * order. Returns VV_OK, or VV_ERR_MEDIA or VV_ERR_NOMEM after one line
 * naming path. */
static enum vv_err demux(const char *path, const struct doc *d,
			 struct raw **out, size_t *n_out)
{
	const char *name = d->vtt ? "webvtt" : "srt";
	const AVInputFormat *fmt = av_find_input_format(name);
	struct mem m = { d, 0 };
	AVFormatContext *fc = NULL;
	AVIOContext *pb = NULL;
	AVPacket *pkt = NULL;
	unsigned char *io = NULL;
	struct raw *r = NULL;
	size_t n = 0, cap = 0;
	enum vv_err err = VV_ERR_NOMEM;
	char why[128];
	int rc = 0;

	*out = NULL;
	*n_out = 0;
	media_av_init();
	if (!fmt) {
		vv_error(path, 0, _("this libavformat has no %s demuxer; "
				    "install FFmpeg with it"), name);
		return VV_ERR_MEDIA;
	}
	io = av_malloc(4096);
	pkt = av_packet_alloc();
	fc = avformat_alloc_context();
	if (!io || !pkt || !fc)
		goto done;
	pb = avio_alloc_context(io, 4096, 0, &m, mem_read, NULL, mem_seek);
	if (!pb)
		goto done;
	io = NULL; /* pb owns it */
	fc->pb = pb;
	fc->flags |= AVFMT_FLAG_CUSTOM_IO;
	rc = avformat_open_input(&fc, NULL, fmt, NULL);
	if (rc < 0)
		goto failed; /* fc is freed */
	while ((rc = av_read_frame(fc, pkt)) >= 0) {
		AVRational tb = fc->streams[pkt->stream_index]->time_base;
		AVRational ms = { 1, 1000 };

		if (pkt->pts == AV_NOPTS_VALUE || pkt->pos < 0) {
			av_packet_unref(pkt);
			continue; /* not a cue we can place; the scan sees it */
		}
		if (n == cap) {
			struct raw *nr;

			cap = cap ? cap * 2 : 64;
			nr = realloc(r, cap * sizeof *nr);
			if (!nr) {
				av_packet_unref(pkt);
				goto done;
			}
			r = nr;
		}
		memset(&r[n], 0, sizeof r[n]);
		r[n].pos = pkt->pos;
		r[n].start = (long)av_rescale_q(pkt->pts, tb, ms);
		r[n].end = (long)av_rescale_q(pkt->pts + pkt->duration, tb, ms);
		r[n].size = (size_t)pkt->size;
		r[n].data = malloc(r[n].size + 1);
		if (!r[n].data) {
			av_packet_unref(pkt);
			goto done;
		}
		if (r[n].size)
			memcpy(r[n].data, pkt->data, r[n].size);
		r[n].data[r[n].size] = '\0';
		n++;
		av_packet_unref(pkt);
	}
	if (rc != AVERROR_EOF)
		goto failed;
	if (n > 1)
		qsort(r, n, sizeof *r, raw_by_pos); /* libav sorts by time */
	*out = r;
	*n_out = n;
	r = NULL;
	n = 0;
	err = VV_OK;
	goto done;
failed:
	if (rc == AVERROR(ENOMEM))
		goto done;
	if (av_strerror(rc, why, sizeof why) < 0)
		snprintf(why, sizeof why, _("error %d"), rc);
	vv_error(path, 0, _("cannot read subtitles: %s"), why);
	err = VV_ERR_MEDIA;
done:
	raws_free(r, n);
	avformat_close_input(&fc);
	if (pb) {
		av_freep(&pb->buffer);
		avio_context_free(&pb);
	}
	av_free(io);
	av_packet_free(&pkt);
	return err;
}

/* The line of packet r's timing, or 0 when r points at no line of d. An
 * SRT packet's pos is its timing line; a WebVTT packet's pos is the end of
 * its block (5.1 takes avio_tell() after reading the block), so count
 * back over its text lines. */
static long raw_timing_line(const struct doc *d, const struct raw *r)
{
	size_t q = (size_t)r->pos, i;
	long k = 0, ln;

	if (r->pos < 0 || (uint64_t)r->pos > d->len)
		return 0;
	if (!d->vtt)
		return q < d->len ? doc_line(d, q) : 0;
	while (q > 0 && d->text[q - 1] == '\n')
		q--;
	if (q == 0)
		return 0;
	if (r->size) {
		k = 1;
		for (i = 0; i < r->size; i++)
			k += r->data[i] == '\n';
	}
	ln = doc_line(d, q - 1) - k;
	return ln >= 1 ? ln : 0;
}

/* Returns non-zero when line s looks like a timing line: it holds "-->"
 * and starts (after blanks) with a digit. */
static int timing_like(const char *s)
{
	const char *t = s + strspn(s, " \t");

	return *t >= '0' && *t <= '9' && strstr(s, "-->");
}

/* The first non-empty line after line ln (SRT text may follow blank
 * lines), or ln + 1. */
static long text_line_after(const struct doc *d, long ln)
{
	long k;

	for (k = ln + 1; k <= (long)d->n_lines; k++)
		if (*doc_at(d, k))
			return k;
	return ln + 1;
}

struct loaded {
	const char *path;
	struct doc d;
	struct raw *raw;
	size_t n_raw;
	size_t *cue_of;    /* per raw: index + 1 of its cue, 0 when empty */
	size_t *by_start;  /* cue indices sorted by start, then line */
	long *mark;        /* per line: index + 1 of the raw timed there */
	struct pack_cue *cues;
	size_t n;
};

static int cue_by_start(const void *a, const void *b, void *cues)
{
	const struct pack_cue *x = (const struct pack_cue *)cues +
				   *(const size_t *)a;
	const struct pack_cue *y = (const struct pack_cue *)cues +
				   *(const size_t *)b;

	if (x->start_ms != y->start_ms)
		return (x->start_ms > y->start_ms) - (x->start_ms < y->start_ms);
	return (x->text.line > y->text.line) - (x->text.line < y->text.line);
}

/* The text line of the first cue starting at ms, or 0. */
static long cue_starting(const struct loaded *l, long ms)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (l->cues[l->by_start[mid]].start_ms < ms)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->n && l->cues[l->by_start[lo]].start_ms == ms ?
	       l->cues[l->by_start[lo]].text.line : 0;
}

static enum vv_err bad_timing(const char *path, long ln)
{
	vv_error(path, ln, _("expected a timing line like "
			     "\"00:00:01.000 --> 00:00:03.000\""));
	return VV_ERR_FORMAT;
}

static enum vv_err two_starts(const char *path, long ln, long other)
{
	vv_error(path, ln, _("two cues start at the same time (line %ld); "
			     "merge them or move one by a millisecond"), other);
	return VV_ERR_FORMAT;
}

/* Makes the pack cues from the packets, in file order: text lines
 * joined as join_cue_lines() does, tags and entities as
 * append_cue_line() leaves them, empty cues left out. */
static enum vv_err make_cues(struct loaded *l, const char *label,
			     const char *item_id)
{
	size_t i;

	l->cue_of = calloc(l->n_raw + 1, sizeof *l->cue_of);
	l->cues = calloc(l->n_raw + 1, sizeof *l->cues);
	l->by_start = calloc(l->n_raw + 1, sizeof *l->by_start);
	if (!l->cue_of || !l->cues || !l->by_start)
		return VV_ERR_NOMEM;
	for (i = 0; i < l->n_raw; i++) {
		const struct raw *r = &l->raw[i];
		struct pack_cue *c = &l->cues[l->n];
		char text[CUE_TEXT_MAX], ts[32];
		size_t clen;

		join_cue_lines(r->data, text, sizeof text);
		if (text[0] == '\0')
			continue; /* an empty cue carries nothing to show */
		c->start_ms = r->start;
		c->end_ms = r->end;
		cuetime_format(r->start, ts, sizeof ts);
		clen = strlen(item_id) + strlen(ts) + 6;
		c->text.ctxt = malloc(clen);
		c->text.text = strdup(text);
		l->by_start[l->n] = l->n;
		l->n++;
		if (!c->text.ctxt || !c->text.text)
			return VV_ERR_NOMEM;
		snprintf(c->text.ctxt, clen, "%s/cue@%s", item_id, ts);
		c->text.line = l->d.vtt ? r->timing + 1
					: text_line_after(&l->d, r->timing);
		c->text.file = label;
		c->text.budget = SUBTITLE_CUE_BUDGET;
		l->cue_of[i] = l->n;
	}
	qsort_r(l->by_start, l->n, sizeof *l->by_start, cue_by_start,
		l->cues);
	return VV_OK;
}

/* Checks the cue whose timing is line ln (raw r) against the one strict
 * reader of cue times, common/cuetime: the demuxers take "00:00:61.000"
 * as 61 s, "00:01.5" as 1.005 s, and give a cue that ends before it
 * starts the time up to the next cue instead. */
static enum vv_err check_cue(const struct loaded *l, long ln, size_t r)
{
	const char *s = doc_at(&l->d, ln);
	size_t ci = l->cue_of[r];
	long a, z, other;

	if (cuetime_parse_timing(s, &a, &z) != 0)
		return bad_timing(l->path, ln);
	if (z < a) {
		vv_error(l->path, ln, _("cue ends before it starts; fix the "
					"end time"));
		return VV_ERR_FORMAT;
	}
	if (a != l->raw[r].start || z != l->raw[r].end)
		return bad_timing(l->path, ln);
	if (!ci)
		return VV_OK;
	if (ci > SUBTITLE_MAX_CUES) {
		vv_error(l->path, l->cues[ci - 1].text.line,
			 _("more than %d cues; split the video"),
			 SUBTITLE_MAX_CUES);
		return VV_ERR_LIMIT;
	}
	other = cue_starting(l, a);
	if (other && other != l->cues[ci - 1].text.line)
		return two_starts(l->path, l->cues[ci - 1].text.line, other);
	return VV_OK;
}

/* A timing-like line ln that no packet came from: a cue the demuxer
 * dropped as a copy of another, an empty SRT cue (dropped too), a line
 * it could not read, or, in WebVTT, a timing line inside another block. */
static enum vv_err check_stray(const struct loaded *l, long ln)
{
	const char *s = doc_at(&l->d, ln);
	long a, z, other;

	if (cuetime_parse_timing(s, &a, &z) != 0)
		return bad_timing(l->path, ln);
	other = cue_starting(l, a);
	if (other)
		return two_starts(l->path, text_line_after(&l->d, ln), other);
	if (!l->d.vtt) {
		if (ln == (long)l->d.n_lines || !*doc_at(&l->d, ln + 1))
			return VV_OK; /* no text: nothing to show */
		return bad_timing(l->path, ln); /* e.g. "00:01,000 --> ..." */
	}
	vv_error(l->path, ln, _("timing line inside the block above it; put "
				"a blank line before it"));
	return VV_ERR_FORMAT;
}

/* WebVTT: the demuxer stops for good at the first block it cannot read
 * and reports success. Finds that block: the first one after the last
 * packet's block (and after the header). Sets *ln to the line to name,
 * and *timing to 1 when a timing line is wanted there, 0 when the block
 * has no second line. *ln is 0 when every block was read. */
static void vtt_stop(const struct loaded *l, long *ln, int *timing)
{
	long n = (long)l->d.n_lines, k = 1;
	const char *first;
	size_t i;

	*ln = 0;
	*timing = 1;
	for (i = 0; i < l->n_raw; i++) {
		long e = (uint64_t)l->raw[i].pos < l->d.len ?
			 doc_line(&l->d, (size_t)l->raw[i].pos) : n + 1;

		if (e > k)
			k = e;
	}
	if (k == 1)
		while (k <= n && *doc_at(&l->d, k))
			k++; /* the WEBVTT header block */
	while (k <= n && !*doc_at(&l->d, k))
		k++;
	if (k > n)
		return;
	first = doc_at(&l->d, k);
	if (strstr(first, "-->") || cuetime_parse(&first) >= 0) {
		*ln = k; /* a timing line, however broken */
	} else if (k < n && *doc_at(&l->d, k + 1)) {
		*ln = k + 1;
	} else {
		*ln = k;
		*timing = 0;
	}
}

/* Walks the file's lines in order and reports the first thing wrong, so
 * that the message names the line an author would fix first. */
static enum vv_err check_lines(const struct loaded *l)
{
	long n = (long)l->d.n_lines, ln, stop = 0, first_timing = n + 1;
	int stop_timing = 1, prev_empty = 1;
	enum vv_err err = VV_OK;
	size_t i;

	for (i = 0; i < l->n_raw; i++)
		if (l->raw[i].timing < first_timing)
			first_timing = l->raw[i].timing;
	if (l->d.vtt)
		vtt_stop(l, &stop, &stop_timing);
	for (ln = 1; ln <= n && !err; ln++) {
		const char *s = doc_at(&l->d, ln);
		int empty = *s == '\0';
		size_t nd = strspn(s, "0123456789");
		/* a cue number; blanks after it are a hand edit's */
		int digits = nd && s[nd + strspn(s + nd, " \t")] == '\0';

		if (l->mark[ln]) {
			err = check_cue(l, ln, (size_t)l->mark[ln] - 1);
		} else if (ln == stop && !stop_timing) {
			vv_error(l->path, ln, _("cue has no timing line; "
						"expected \"00:00:01.000 --> "
						"00:00:03.000\""));
			err = VV_ERR_FORMAT;
		} else if (timing_like(s)) {
			err = check_stray(l, ln);
		} else if (ln == stop) {
			err = bad_timing(l->path, ln);
		} else if (!l->d.vtt && digits && prev_empty) {
			/* an SRT cue number: its timing line follows */
			if (ln == n || !*doc_at(&l->d, ln + 1)) {
				vv_error(l->path, ln, _("cue has no timing "
							"line; expected "
							"\"00:00:01.000 --> "
							"00:00:03.000\""));
				err = VV_ERR_FORMAT;
			} else if (!l->mark[ln + 1] &&
				   !timing_like(doc_at(&l->d, ln + 1))) {
				err = bad_timing(l->path, ln + 1);
			}
		} else if (!l->d.vtt && !empty && !digits &&
			   ln < first_timing) {
			err = bad_timing(l->path, ln); /* text before any cue */
		}
		prev_empty = empty;
	}
	return err;
}

enum vv_err subtitle_load(const char *path, const char *label,
			  const char *item_id, struct pack_cue **cues,
			  size_t *n)
{
	struct loaded l;
	char *buf, *p;
	size_t len, i;
	enum vv_err err;
	int vtt;

	*cues = NULL;
	*n = 0;
	memset(&l, 0, sizeof l);
	l.path = path;
	err = slurp(path, &buf, &len);
	if (err)
		return err;
	p = buf;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	vtt = strncmp(p, "WEBVTT", 6) == 0 &&
	      (p[6] == '\0' || p[6] == ' ' || p[6] == '\t' || p[6] == '\r' ||
	       p[6] == '\n');
	err = doc_make(&l.d, buf, len, vtt);
	free(buf);
	if (!err)
		err = demux(path, &l.d, &l.raw, &l.n_raw);
	if (err)
		goto out;
	for (i = 0; i < l.n_raw; i++)
		l.raw[i].timing = raw_timing_line(&l.d, &l.raw[i]);
	/* From here on, lines are strings. */
	for (i = 0; i < l.d.len; i++)
		if (l.d.text[i] == '\n')
			l.d.text[i] = '\0';
	l.mark = calloc(l.d.n_lines + 2, sizeof *l.mark);
	if (!l.mark) {
		err = VV_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < l.n_raw; i++) {
		long t = l.raw[i].timing;

		if (!t || !strstr(doc_at(&l.d, t), "-->") || l.mark[t]) {
			vv_error(path, 0, _("cannot read subtitles: %s"),
				 _("libavformat placed a cue where the file "
				   "has no timing line"));
			err = VV_ERR_MEDIA;
			goto out;
		}
		l.mark[t] = (long)i + 1;
	}
	err = make_cues(&l, label, item_id);
	if (!err)
		err = check_lines(&l);
out:
	if (!err && l.n) {
		*cues = l.cues;
		*n = l.n;
		l.cues = NULL;
	}
	subtitle_cues_free(l.cues, l.n);
	raws_free(l.raw, l.n_raw);
	free(l.cue_of);
	free(l.by_start);
	free(l.mark);
	doc_free(&l.d);
	return err;
}

/* Writes cue text t to b as WebVTT cue lines, each ended by '\n': one
 * line per line of t (a speaker's turn), trimmed, without the empty
 * ones, since a blank line would end the cue. */
static void put_turns(struct strbuf *b, const char *t)
{
	char *copy = strdup(t), *line, *save = NULL;

	if (!copy) {
		b->failed = 1;
		return;
	}
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		pack_text_normalise(line);
		if (!*line)
			continue;
		markup_escape(b, line, MARKUP_KEEP_TAGS);
		strbuf_puts(b, "\n");
	}
	free(copy);
}

enum vv_err subtitle_vtt_render(const struct pack_cue *cues, size_t n,
				const char *const *texts, char **out,
				size_t *len)
{
	struct strbuf b;
	size_t i;

	*out = NULL;
	*len = 0;
	strbuf_init(&b, SUBTITLE_MAX_RENDER);
	strbuf_puts(&b, "WEBVTT\n");
	for (i = 0; i < n; i++) {
		char a[32], z[32];
		const char *t = texts && texts[i] ? texts[i]
						 : cues[i].text.text;

		cuetime_format(cues[i].start_ms, a, sizeof a);
		cuetime_format(cues[i].end_ms, z, sizeof z);
		strbuf_puts(&b, "\n");
		strbuf_puts(&b, a);
		strbuf_puts(&b, " --> ");
		strbuf_puts(&b, z);
		strbuf_puts(&b, "\n");
		put_turns(&b, t ? t : "");
	}
	*out = strbuf_take(&b, len);
	return *out ? VV_OK : VV_ERR_NOMEM;
}

enum vv_err subtitle_vtt_write(const char *path, const struct pack_cue *cues,
			       size_t n, const char *const *texts)
{
	char *doc;
	size_t len;
	enum vv_err err;

	err = subtitle_vtt_render(cues, n, texts, &doc, &len);
	if (err)
		return err;
	err = atomic_write(path, doc, len, ATOMIC_DURABLE);
	free(doc);
	return err;
}
