/* script: parser and cursor for timed input scripts. */
#include "player/core/script.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/utf8.h"

#define SCRIPT_MAX_EVENTS 100000
#define SCRIPT_MAX_LINE 1024
#define SCRIPT_MAX_FILE (4u << 20)

struct script {
	struct script_event *events;
	size_t n, cap, pos;
};

int script_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > 63 || name[0] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return 0;
	}
	return 1;
}

static int parse_int(const char *s, int *v)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(s, &end, 10);
	if (errno || end == s || *end || x < -100000 || x > 100000)
		return 0;
	*v = (int)x;
	return 1;
}

/* 1 when the line's second word is "type". */
static int is_type_line(const char *line)
{
	size_t a = strspn(line, " \t");
	size_t b = a + strcspn(line + a, " \t");
	size_t c = b + strspn(line + b, " \t");

	return b > a && c > b && strncmp(line + c, "type", 4) == 0 &&
	       (line[c + 4] == ' ' || line[c + 4] == '\t');
}

static const char *parse_type(char *line, struct script_event *ev)
{
	size_t a = strspn(line, " \t");
	size_t b = a + strcspn(line + a, " \t");
	size_t c = b + strspn(line + b, " \t");
	char *t = line + c + 5, *end;
	size_t len = strlen(t);

	if (len && t[len - 1] == '\r')
		t[--len] = '\0';
	line[b] = '\0';
	errno = 0;
	ev->time = strtod(line + a, &end);
	if (errno || end == line + a || *end || !isfinite(ev->time) ||
	    ev->time < 0 || ev->time > 1e7)
		return N_("the line must start with a time in seconds, "
			  "such as 1.25");
	if (len == 0)
		return N_("write \"type TEXT\" with the text to type after "
			  "it");
	if (!utf8_valid_str(t))
		return N_("the text to type is not valid UTF-8");
	ev->kind = SCRIPT_TYPE;
	ev->text = strdup(t);
	return ev->text ? "" : N_("out of memory");
}

/* Parses one line into *ev; returns NULL or a static reason. */
static const char *parse_line(char *line, struct script_event *ev)
{
	char *tok[5];
	int n = 0;
	char *save = NULL, *p, *end;

	/* "TIME type TEXT": the text is the rest of the line, spaces and
	 * all */
	if (is_type_line(line))
		return parse_type(line, ev);
	for (p = strtok_r(line, " \t\r", &save); p && n < 5;
	     p = strtok_r(NULL, " \t\r", &save))
		tok[n++] = p;
	if (n == 0)
		return NULL;
	if (p || strtok_r(NULL, " \t\r", &save))
		return N_("too many words");
	errno = 0;
	ev->time = strtod(tok[0], &end);
	if (errno || end == tok[0] || *end || !isfinite(ev->time) ||
	    ev->time < 0 || ev->time > 1e7)
		return N_("the line must start with a time in seconds, "
			  "such as 1.25");
	if (n < 2)
		return N_("an event (key, tap, screenshot, quit) must follow "
			  "the time");
	if (strcmp(tok[1], "key") == 0) {
		if (n != 3)
			return N_("write \"key NAME\", e.g. \"key Right\"");
		if (strlen(tok[2]) >= sizeof ev->arg)
			return N_("the key name is too long");
		ev->kind = SCRIPT_KEY;
		strcpy(ev->arg, tok[2]);
	} else if (strcmp(tok[1], "tap") == 0) {
		if (n != 4 || !parse_int(tok[2], &ev->x) ||
		    !parse_int(tok[3], &ev->y))
			return N_("write \"tap X Y\" with whole pixel numbers");
		ev->kind = SCRIPT_TAP;
	} else if (strcmp(tok[1], "screenshot") == 0) {
		if (n != 3 || !script_name_ok(tok[2]))
			return N_("write \"screenshot NAME\"; NAME may use "
				  "letters, digits, '.', '_' and '-'");
		ev->kind = SCRIPT_SCREENSHOT;
		strcpy(ev->arg, tok[2]);
	} else if (strcmp(tok[1], "quit") == 0) {
		if (n != 2)
			return N_("\"quit\" takes no arguments");
		ev->kind = SCRIPT_QUIT;
	} else if (strcmp(tok[1], "hang") == 0) {
		if (n != 2)
			return N_("too many words");
		ev->kind = SCRIPT_HANG;
	} else {
		return N_("unknown event; use key, type, tap, screenshot or "
			  "quit");
	}
	return "";
}

static int cmp_event(const void *a, const void *b)
{
	const struct script_event *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

enum vv_err script_parse(const char *text, const char *name,
			 struct script **out)
{
	struct script *s;
	const char *p = text;
	long lineno = 0;

	*out = NULL;
	s = calloc(1, sizeof *s);
	if (!s)
		return VV_ERR_NOMEM;
	while (*p) {
		char buf[SCRIPT_MAX_LINE + 1];
		size_t len = strcspn(p, "\n");
		struct script_event ev;
		const char *why;

		lineno++;
		if (len > SCRIPT_MAX_LINE) {
			vv_error(name, lineno, _("line too long (over %d "
				 "bytes); write one event per line"),
				 SCRIPT_MAX_LINE);
			script_free(s);
			return VV_ERR_LIMIT;
		}
		memcpy(buf, p, len);
		buf[len] = 0;
		p += len + (p[len] == '\n');
		if (buf[strspn(buf, " \t\r")] == '#')
			continue;
		memset(&ev, 0, sizeof ev);
		ev.line = lineno;
		why = parse_line(buf, &ev);
		if (!why)
			continue;
		if (*why) {
			vv_error(name, lineno, "%s", _(why));
			script_free(s);
			return VV_ERR_FORMAT;
		}
		/* Checked on every event: capacity doubles past the cap. */
		if (s->n >= SCRIPT_MAX_EVENTS) {
			vv_error(name, lineno, _("more than %d events; split "
				 "the script"), SCRIPT_MAX_EVENTS);
			free(ev.text);
			script_free(s);
			return VV_ERR_LIMIT;
		}
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 32;
			struct script_event *e;

			e = realloc(s->events, cap * sizeof *e);
			if (!e) {
				free(ev.text);
				script_free(s);
				return VV_ERR_NOMEM;
			}
			s->events = e;
			s->cap = cap;
		}
		s->events[s->n++] = ev;
	}
	if (s->n)
		qsort(s->events, s->n, sizeof *s->events, cmp_event);
	*out = s;
	return VV_OK;
}

enum vv_err script_load(const char *path, struct script **out)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	enum vv_err err;

	*out = NULL;
	if (!f) {
		vv_error(path, 0, _("cannot open the script: %s; check the "
			 "path given to --script"), strerror(errno));
		return VV_ERR_IO;
	}
	buf = malloc(SCRIPT_MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		return VV_ERR_NOMEM;
	}
	n = fread(buf, 1, SCRIPT_MAX_FILE + 1, f);
	if (ferror(f) || n > SCRIPT_MAX_FILE) {
		err = ferror(f) ? VV_ERR_IO : VV_ERR_LIMIT;
		vv_error(path, 0, err == VV_ERR_IO ? _("cannot read the "
			 "script") : _("the script is larger than 4 MiB"));
		fclose(f);
		free(buf);
		return err;
	}
	fclose(f);
	buf[n] = 0;
	if (memchr(buf, 0, n)) {
		vv_error(path, 0, _("the script contains NUL bytes; it must "
			 "be a text file"));
		free(buf);
		return VV_ERR_FORMAT;
	}
	err = script_parse(buf, path, out);
	free(buf);
	return err;
}

void script_free(struct script *script)
{
	size_t i;

	if (!script)
		return;
	for (i = 0; i < script->n; i++)
		free(script->events[i].text);
	free(script->events);
	free(script);
}

const struct script_event *script_next(struct script *script, double now)
{
	/* A tiny epsilon: times such as 0.3 are not exact sums of steps. */
	if (script->pos < script->n &&
	    script->events[script->pos].time <= now + 1e-9)
		return &script->events[script->pos++];
	return NULL;
}

double script_next_time(const struct script *script)
{
	return script->pos < script->n ? script->events[script->pos].time : -1;
}

size_t script_count(const struct script *script)
{
	return script->n;
}

const struct script_event *script_at(const struct script *script, size_t i)
{
	return i < script->n ? &script->events[i] : NULL;
}

int script_done(const struct script *script)
{
	return script->pos >= script->n;
}
