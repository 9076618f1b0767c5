/* subtitle: WebVTT and SRT cues in, WebVTT out. */
#include "builder/subtitle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/atomic.h"
#include "common/cuetime.h"
#include "common/file.h"
#include "common/i18n.h"
#include "common/markup.h"
#include "common/strbuf.h"

/* Reads the whole file into a NUL-terminated buffer, refusing files over
 * the cap. Returns VV_OK, or VV_ERR_IO, VV_ERR_LIMIT (too large) or
 * VV_ERR_NOMEM after one line naming the file. */
static enum vv_err slurp(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
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
	return err;
}

/* Splits buf in place into lines (LF, CRLF or CR). Returns the next line
 * start or NULL at the end; *line receives the line. */
static char *next_line(char *p, char **line)
{
	char *e;

	if (!p || !*p)
		return NULL;
	*line = p;
	e = p + strcspn(p, "\r\n");
	if (*e == '\r' && e[1] == '\n') {
		*e = '\0';
		return e + 2;
	}
	if (*e) {
		*e = '\0';
		return e + 1;
	}
	return e;
}

/* Appends cue text line `src` to dst (capacity cap), keeping <b>, <i>
 * and their end tags, dropping other tags (<v Name>, <c.x>, <font ...>),
 * resolving the usual entities. */
static void append_cue_line(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(dst);
	static const struct {
		const char *name;
		const char *text;
	} ents[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		     { "&nbsp;", " " }, { "&quot;", "\"" } };

	if (n && n + 1 < cap)
		dst[n++] = ' ';
	while (*src && n + 1 < cap) {
		if (*src == '<') {
			size_t tl = markup_tag_len(src);
			const char *close = strchr(src, '>');

			if (tl) {
				if (n + tl < cap) {
					memcpy(dst + n, src, tl);
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
		if (*src == '&') {
			size_t k;

			for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
				if (strncmp(src, ents[k].name,
					    strlen(ents[k].name)) == 0)
					break;
			if (k < sizeof ents / sizeof ents[0]) {
				dst[n++] = ents[k].text[0];
				src += strlen(ents[k].name);
				continue;
			}
		}
		dst[n++] = *src++;
	}
	dst[n] = '\0';
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

#define CUE_TEXT_MAX 4096

enum vv_err subtitle_load(const char *path, const char *label,
			  const char *item_id, struct pack_cue **cues,
			  size_t *n)
{
	char *buf, *p, *line;
	size_t len, count = 0, cap = 0, i;
	struct pack_cue *out = NULL;
	enum vv_err err;
	long lineno = 0;
	int vtt;

	*cues = NULL;
	*n = 0;
	err = slurp(path, &buf, &len);
	if (err)
		return err;
	p = buf;
	if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
	    (unsigned char)p[2] == 0xBF)
		p += 3;
	if (memchr(buf, '\0', len)) {
		vv_error(path, 0, _("subtitle file contains NUL bytes; save it "
				    "as UTF-8 WebVTT or SRT"));
		free(buf);
		return VV_ERR_FORMAT;
	}
	vtt = strncmp(p, "WEBVTT", 6) == 0 &&
	      (p[6] == '\0' || p[6] == ' ' || p[6] == '\t' || p[6] == '\r' ||
	       p[6] == '\n');
	if (vtt) {
		/* Skip the header block up to the first blank line. */
		while ((p = next_line(p, &line)) != NULL) {
			lineno++;
			if (*line == '\0')
				break;
		}
	}
	for (;;) {
		char text[CUE_TEXT_MAX];
		long start, end, text_line = 0, block_line;

		/* Skip blank lines between blocks. */
		while ((p = next_line(p, &line)) != NULL) {
			lineno++;
			if (line[strspn(line, " \t")] != '\0')
				break;
		}
		if (!p)
			break;
		block_line = lineno;
		if (vtt && (strncmp(line, "NOTE", 4) == 0 ||
			    strncmp(line, "STYLE", 5) == 0 ||
			    strncmp(line, "REGION", 6) == 0) &&
		    !strstr(line, "-->")) {
			while ((p = next_line(p, &line)) != NULL) {
				lineno++;
				if (*line == '\0')
					break;
			}
			if (!p)
				break;
			continue;
		}
		if (!strstr(line, "-->")) {
			const char *t = line;

			if (cuetime_parse(&t) >= 0) {
				vv_error(path, lineno,
					 _("expected a timing line like "
					   "\"00:00:01.000 --> 00:00:03.000\""));
				goto fail;
			}
			/* A cue identifier (VTT) or a cue number (SRT). */
			if (!(p = next_line(p, &line))) {
				vv_error(path, block_line,
					 _("cue has no timing line; expected "
					   "\"00:00:01.000 --> 00:00:03.000\""));
				goto fail;
			}
			lineno++;
		}
		if (cuetime_parse_timing(line, &start, &end) != 0) {
			vv_error(path, lineno,
				 _("expected a timing line like "
				   "\"00:00:01.000 --> 00:00:03.000\""));
			goto fail;
		}
		if (end < start) {
			vv_error(path, lineno,
				 _("cue ends before it starts; fix the end "
				   "time"));
			goto fail;
		}
		text[0] = '\0';
		while ((p = next_line(p, &line)) != NULL) {
			lineno++;
			if (line[strspn(line, " \t")] == '\0')
				break;
			if (!text_line)
				text_line = lineno;
			append_cue_line(text, sizeof text, line);
		}
		pack_text_normalise(text);
		if (text[0] == '\0') {
			if (!p)
				break;
			continue; /* an empty cue carries nothing to show */
		}
		if (count == SUBTITLE_MAX_CUES) {
			vv_error(path, text_line,
				 _("more than %d cues; split the video"),
				 SUBTITLE_MAX_CUES);
			err = VV_ERR_LIMIT;
			goto fail_err;
		}
		if (count == cap) {
			struct pack_cue *nc;

			cap = cap ? cap * 2 : 32;
			nc = realloc(out, cap * sizeof *out);
			if (!nc) {
				err = VV_ERR_NOMEM;
				goto fail_err;
			}
			out = nc;
		}
		{
			struct pack_cue *c = &out[count];
			char ts[32];
			size_t clen;

			memset(c, 0, sizeof *c);
			count++;
			c->start_ms = start;
			c->end_ms = end;
			cuetime_format(start, ts, sizeof ts);
			clen = strlen(item_id) + strlen(ts) + 6;
			c->text.ctxt = malloc(clen);
			c->text.text = strdup(text);
			if (!c->text.ctxt || !c->text.text) {
				err = VV_ERR_NOMEM;
				goto fail_err;
			}
			snprintf(c->text.ctxt, clen, "%s/cue@%s", item_id, ts);
			c->text.line = text_line;
			c->text.file = label;
			c->text.budget = SUBTITLE_CUE_BUDGET;
		}
		for (i = 0; i + 1 < count; i++)
			if (out[i].start_ms == start) {
				vv_error(path, text_line,
					 _("two cues start at the same time "
					   "(line %ld); merge them or move one "
					   "by a millisecond"),
					 out[i].text.line);
				goto fail;
			}
		if (!p)
			break;
	}
	free(buf);
	*cues = out;
	*n = count;
	return VV_OK;
fail:
	err = VV_ERR_FORMAT;
fail_err:
	subtitle_cues_free(out, count);
	free(buf);
	return err;
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
		markup_escape(&b, t ? t : "", MARKUP_KEEP_TAGS);
		strbuf_puts(&b, "\n");
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
