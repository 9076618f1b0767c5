/* site: local details from a site file, filled into {placeholders}. */
#include "player/core/site.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/i18n.h"
#include "common/utf8.h"

#define FSI "\xe2\x81\xa8" /* U+2068 FIRST STRONG ISOLATE */
#define NBSP "\xc2\xa0" /* U+00A0 NO-BREAK SPACE */
#define PDI "\xe2\x81\xa9" /* U+2069 POP DIRECTIONAL ISOLATE */
#define KEY_MAX 64         /* "name.LANG" included */
#define MISSING_MAX 1024   /* the list of missing names */

struct site_entry {
	char key[KEY_MAX];
	char *value;
};

struct site {
	char *path;
	struct site_entry *entries;
	size_t n;
	char missing[MISSING_MAX];
};

struct site *site_new(void)
{
	struct site *site = calloc(1, sizeof *site);

	if (site)
		site->path = strdup("");
	if (site && !site->path) {
		free(site);
		return NULL;
	}
	return site;
}

void site_free(struct site *site)
{
	if (!site)
		return;
	for (size_t i = 0; i < site->n; i++)
		free(site->entries[i].value);
	free(site->entries);
	free(site->path);
	free(site);
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static int lang_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

/* "name" or "name.LANG". */
static int valid_key(const char *key)
{
	const char *p = key;

	if (!name_char(*p))
		return 0;
	while (name_char(*p))
		p++;
	if (*p == '.') {
		if (!lang_char(*++p))
			return 0;
		while (lang_char(*p))
			p++;
	}
	return *p == '\0';
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

/* Sets key to value (copied); a later line for a key replaces it. */
static enum vv_err set_value(struct site *site, const char *key,
			     const char *value)
{
	char *copy = strdup(value);
	struct site_entry *grown;

	if (!copy)
		return VV_ERR_NOMEM;
	for (size_t i = 0; i < site->n; i++)
		if (strcmp(site->entries[i].key, key) == 0) {
			free(site->entries[i].value);
			site->entries[i].value = copy;
			return VV_OK;
		}
	grown = realloc(site->entries, (site->n + 1) * sizeof *grown);
	if (!grown) {
		free(copy);
		return VV_ERR_NOMEM;
	}
	site->entries = grown;
	snprintf(site->entries[site->n].key, KEY_MAX, "%s", key);
	site->entries[site->n++].value = copy;
	return VV_OK;
}

static enum vv_err parse(struct site *site, const char *path, char *data)
{
	char *line = data, *next;
	long lineno = 0;

	for (; line && *line; line = next) {
		char *eq, *key, *value;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			vv_error(path, lineno, _("not a \"key = value\" line; "
						 "write e.g. centre_phone = "
						 "+47 22 33 44 55"));
			return VV_ERR_FORMAT;
		}
		*eq = '\0';
		value = trim(eq + 1);
		key = trim(key);
		if (strlen(key) >= KEY_MAX || !valid_key(key)) {
			vv_error(path, lineno, _("'%s' is not a placeholder "
						 "name; use letters, digits "
						 "and _ (and .LANG for one "
						 "language)"), key);
			return VV_ERR_FORMAT;
		}
		if (strlen(value) > SITE_MAX_VALUE) {
			vv_error(path, lineno, _("the value of %s is longer "
						 "than %d bytes; shorten it"),
				 key, SITE_MAX_VALUE);
			return VV_ERR_LIMIT;
		}
		if (site->n >= SITE_MAX_KEYS) {
			vv_error(path, lineno, _("more than %d keys"),
				 SITE_MAX_KEYS);
			return VV_ERR_LIMIT;
		}
		if (set_value(site, key, value) != VV_OK)
			return VV_ERR_NOMEM;
	}
	return VV_OK;
}

enum vv_err site_load(const char *path, int required, struct site **out)
{
	struct site *site;
	struct stat st;
	enum vv_err err;
	char *data;
	size_t got;
	FILE *f;

	*out = NULL;
	site = site_new();
	if (!site)
		return VV_ERR_NOMEM;
	f = fopen(path, "rb");
	if (!f && errno == ENOENT && !required) {
		*out = site;
		return VV_OK;
	}
	if (!f) {
		int e = errno;

		vv_error(path, 0, _("cannot read the site file: %s; give "
				    "the file with --site"), strerror(e));
		site_free(site);
		return e == ENOENT ? VV_ERR_NOTFOUND : VV_ERR_IO;
	}
	if (fstat(fileno(f), &st) != 0)
		st.st_mode = 0;
	if (!S_ISREG(st.st_mode) || st.st_size > (off_t)SITE_MAX_BYTES) {
		vv_error(path, 0, _("the site file is not a regular file of "
				    "at most %u KiB"), SITE_MAX_BYTES >> 10);
		fclose(f);
		site_free(site);
		return S_ISREG(st.st_mode) ? VV_ERR_LIMIT : VV_ERR_FORMAT;
	}
	data = malloc((size_t)st.st_size + 1);
	if (!data) {
		fclose(f);
		site_free(site);
		return VV_ERR_NOMEM;
	}
	got = fread(data, 1, (size_t)st.st_size, f);
	if (ferror(f) || got != (size_t)st.st_size) {
		vv_error(path, 0, _("cannot read the site file; check the "
				    "disk"));
		fclose(f);
		free(data);
		site_free(site);
		return VV_ERR_IO;
	}
	fclose(f);
	data[got] = '\0';
	if (!utf8_valid((const unsigned char *)data, got) ||
	    memchr(data, '\0', got)) {
		vv_error(path, 0, _("the site file is not UTF-8 text; save it "
				    "as UTF-8"));
		free(data);
		site_free(site);
		return VV_ERR_FORMAT;
	}
	free(site->path);
	site->path = strdup(path);
	err = site->path ? parse(site, path, data) : VV_ERR_NOMEM;
	free(data);
	if (err != VV_OK) {
		site_free(site);
		return err;
	}
	*out = site;
	return VV_OK;
}

static const char *lookup(const struct site *site, const char *key)
{
	for (size_t i = 0; i < site->n; i++)
		if (strcmp(site->entries[i].key, key) == 0)
			return site->entries[i].value;
	return NULL;
}

const char *site_get(const struct site *site, const char *key,
		     const char *lang)
{
	char full[KEY_MAX * 2];
	const char *v = NULL;

	if (!site || !key)
		return NULL;
	if (lang && lang[0]) {
		snprintf(full, sizeof full, "%s.%s", key, lang);
		v = lookup(site, full);
	}
	return v ? v : lookup(site, key);
}

/* Adds `name` to the missing list once. */
static void note_missing(struct site *site, const char *name)
{
	size_t len = strlen(site->missing), nlen = strlen(name);
	const char *p = site->missing;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == site->missing || p[-1] == ' ') &&
		    (p[nlen] == ',' || p[nlen] == '\0'))
			return;
		p += nlen;
	}
	if (len + nlen + 3 >= sizeof site->missing)
		return;
	snprintf(site->missing + len, sizeof site->missing - len, "%s%s",
		 len ? ", " : "", name);
}

/* A growable output buffer. */
struct out {
	char *buf;
	size_t len, cap;
	int nomem;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->nomem)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 64;
		char *grown;

		while (o->len + n + 1 > cap)
			cap *= 2;
		grown = realloc(o->buf, cap);
		if (!grown) {
			o->nomem = 1;
			return;
		}
		o->buf = grown;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* Appends a value with the spaces between the groups of a number ("+47
 * 22 33 44 55", "0155 1234") made no-break spaces, so that a phone
 * number is never split over two lines, where in right-to-left text its
 * halves would read in the wrong order. Other spaces (between the words
 * of an address) stay breakable. */
static void put_value(struct out *o, const char *value)
{
	const char *p = value, *space;

	while ((space = strchr(p, ' ')) != NULL) {
		int joined = space > value &&
			     (isdigit((unsigned char)space[-1]) ||
			      space[-1] == '+') &&
			     isdigit((unsigned char)space[1]);

		put(o, p, (size_t)(space - p));
		put(o, joined ? NBSP : " ", joined ? strlen(NBSP) : 1);
		p = space + 1;
	}
	put(o, p, strlen(p));
}

enum vv_err site_fill(struct site *site, const char *text, const char *lang,
		      char **out)
{
	struct out o = { NULL, 0, 0, 0 };
	const char *p = text;

	*out = NULL;
	while (*p) {
		const char *open = strchr(p, '{');
		size_t k;

		if (!open) {
			put(&o, p, strlen(p));
			break;
		}
		put(&o, p, (size_t)(open - p));
		for (k = 1; open[k] && name_char(open[k]) && k < KEY_MAX; k++)
			;
		if (k == 1 || open[k] != '}') {
			/* Not a placeholder: a literal brace. */
			put(&o, open, 1);
			p = open + 1;
			continue;
		}
		{
			char name[KEY_MAX];
			const char *value;

			memcpy(name, open + 1, k - 1);
			name[k - 1] = '\0';
			value = site_get(site, name, lang);
			if (value && value[0]) {
				put(&o, FSI, strlen(FSI));
				put_value(&o, value);
				put(&o, PDI, strlen(PDI));
			} else {
				note_missing(site, name);
				put(&o, SITE_MISSING_TEXT,
				    strlen(SITE_MISSING_TEXT));
			}
		}
		p = open + k + 1;
	}
	if (!o.buf && !o.nomem)
		put(&o, "", 0);
	if (o.nomem) {
		free(o.buf);
		return VV_ERR_NOMEM;
	}
	*out = o.buf;
	return VV_OK;
}

/* A fallback text is in the source language: it gets that language's
 * values (centre_name.nb), a translated one the bundle's. */
static enum vv_err fill_text(struct site *site, const struct bundle *b,
			     struct bundle_text *t)
{
	char *filled;
	enum vv_err err;

	if (!t->text || !strchr(t->text, '{'))
		return VV_OK;
	err = site_fill(site, t->text, bundle_text_lang(b, t), &filled);
	if (err != VV_OK)
		return err;
	free(t->text);
	t->text = filled;
	return VV_OK;
}

enum vv_err site_fill_bundle(struct site *site, struct bundle *b)
{
	enum vv_err err;

	err = fill_text(site, b, &b->pack_title);
	if (!err)
		err = fill_text(site, b, &b->level_label);
	for (size_t i = 0; !err && i < b->n_items; i++) {
		struct bundle_item *it = &b->items[i];

		err = fill_text(site, b, &it->heading);
		for (size_t k = 0; !err && k < it->n_paragraphs; k++)
			err = fill_text(site, b, &it->paragraphs[k]);
		for (size_t k = 0; !err && k < it->n_bullets; k++)
			err = fill_text(site, b, &it->bullets[k]);
		if (!err)
			err = fill_text(site, b, &it->image_alt);
		if (!err)
			err = fill_text(site, b, &it->script);
	}
	return err;
}

const char *site_missing(const struct site *site)
{
	return site ? site->missing : "";
}

const char *site_path(const struct site *site)
{
	return site ? site->path : "";
}
