/* webvtt: parser for the builder's WebVTT; see webvtt.h. */
#include "player/media/webvtt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/cuetime.h"

/* A timing line with the end not before the start; times in seconds. */
static int parse_timing(const char *line, double *start, double *end)
{
	long a, z;

	if (cuetime_parse_timing(line, &a, &z) != 0 || z < a)
		return -1;
	*start = (double)a / 1000.0;
	*end = (double)z / 1000.0;
	return 0;
}

/* Appends the text of one cue line to buf without tags, resolving the
 * common entities. buf has room for the whole line plus a newline. */
static size_t append_clean(char *buf, size_t len, const char *line)
{
	static const struct { const char *name; const char *text; } ent[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&nbsp;", "\xC2\xA0" }, { "&quot;", "\"" },
	};
	const char *p = line;
	while (*p) {
		if (*p == '<') {
			const char *close = strchr(p, '>');
			if (close) {
				p = close + 1;
				continue;
			}
		}
		if (*p == '&') {
			size_t i;
			for (i = 0; i < sizeof(ent) / sizeof(ent[0]); i++) {
				size_t n = strlen(ent[i].name);
				if (strncmp(p, ent[i].name, n) == 0) {
					size_t t = strlen(ent[i].text);
					memcpy(buf + len, ent[i].text, t);
					len += t;
					p += n;
					break;
				}
			}
			if (i < sizeof(ent) / sizeof(ent[0]))
				continue;
		}
		buf[len++] = *p++;
	}
	buf[len] = '\0';
	return len;
}

static int cue_compare(const void *a, const void *b)
{
	const struct webvtt_cue *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

enum vv_err webvtt_parse(const char *data, size_t size, struct webvtt **out)
{
	*out = NULL;
	if (size > WEBVTT_MAX_BYTES)
		return VV_ERR_LIMIT;
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		size -= 3;
	}
	if (size < 6 || memcmp(data, "WEBVTT", 6) != 0)
		return VV_ERR_FORMAT;
	/* A NUL-terminated copy split into lines in place. */
	char *copy = malloc(size + 1);
	struct webvtt *vtt = calloc(1, sizeof(*vtt));
	if (!copy || !vtt) {
		free(copy);
		free(vtt);
		return VV_ERR_NOMEM;
	}
	memcpy(copy, data, size);
	copy[size] = '\0';
	size_t cap = 0;
	enum vv_err err = VV_OK;
	char *line = copy;
	struct webvtt_cue *cue = NULL;   /* collecting text for this one */
	int skipping = 1;                /* header or a NOTE/STYLE block */
	while (line && err == VV_OK) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0) {
			cue = NULL;
			skipping = 0;
		} else if (cue) {
			size_t have = strlen(cue->text);
			char *t = realloc(cue->text, have + len + 2);
			if (!t) {
				err = VV_ERR_NOMEM;
				break;
			}
			cue->text = t;
			if (have)
				t[have++] = '\n';
			append_clean(t, have, line);
		} else if (!skipping && strstr(line, "-->")) {
			double start, end;
			if (parse_timing(line, &start, &end) != 0) {
				skipping = 1;    /* drop this cue only */
			} else if (vtt->n_cues >= WEBVTT_MAX_CUES) {
				err = VV_ERR_LIMIT;
			} else {
				if (vtt->n_cues == cap) {
					size_t ncap = cap ? cap * 2 : 64;
					struct webvtt_cue *c = realloc(
						vtt->cues, ncap * sizeof(*c));
					if (!c) {
						err = VV_ERR_NOMEM;
						break;
					}
					vtt->cues = c;
					cap = ncap;
				}
				cue = &vtt->cues[vtt->n_cues];
				cue->start = start;
				cue->end = end;
				cue->text = calloc(1, 1);
				if (!cue->text) {
					err = VV_ERR_NOMEM;
					break;
				}
				vtt->n_cues++;
			}
		} else if (!skipping && (strncmp(line, "NOTE", 4) == 0 ||
					 strncmp(line, "STYLE", 5) == 0 ||
					 strncmp(line, "REGION", 6) == 0)) {
			skipping = 1;
		}
		/* else: a cue identifier line, or inside a skipped block */
		line = next;
	}
	free(copy);
	if (err != VV_OK) {
		webvtt_free(vtt);
		return err;
	}
	if (vtt->n_cues > 1)
		qsort(vtt->cues, vtt->n_cues, sizeof(*vtt->cues), cue_compare);
	*out = vtt;
	return VV_OK;
}

enum vv_err webvtt_load(const char *path, int file, uint64_t offset,
			uint64_t size, struct webvtt **out)
{
	*out = NULL;
	if (size > WEBVTT_MAX_BYTES)
		return VV_ERR_LIMIT;
	int fd = file >= 0 ? file : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return VV_ERR_IO;
	char *buf = malloc(size ? size : 1);
	if (!buf) {
		if (fd != file)
			close(fd);
		return VV_ERR_NOMEM;
	}
	size_t got = 0;
	while (got < size) {
		ssize_t n = pread(fd, buf + got, size - got,
				  (off_t)(offset + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (fd != file)
		close(fd);
	enum vv_err err = got == size ? webvtt_parse(buf, size, out)
				      : VV_ERR_IO;
	free(buf);
	return err;
}

const char *webvtt_text_at(const struct webvtt *vtt, double t)
{
	if (!vtt || vtt->n_cues == 0)
		return NULL;
	/* binary search for the last cue starting at or before t */
	size_t lo = 0, hi = vtt->n_cues;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (vtt->cues[mid].start <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* cues are short; look back a few for overlapping long ones */
	for (size_t i = lo, seen = 0; i > 0 && seen < 8; i--, seen++) {
		const struct webvtt_cue *c = &vtt->cues[i - 1];
		if (t >= c->start && t < c->end && c->text[0])
			return c->text;
	}
	return NULL;
}

void webvtt_free(struct webvtt *vtt)
{
	if (!vtt)
		return;
	for (size_t i = 0; i < vtt->n_cues; i++)
		free(vtt->cues[i].text);
	free(vtt->cues);
	free(vtt);
}
