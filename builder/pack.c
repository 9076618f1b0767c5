/* pack: loads pack.xml with libxml2, validates it against the embedded
 * RelaxNG schema, then checks what the schema cannot (unique ids, known
 * levels and languages) and builds the in-memory pack. */
#include "builder/pack.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "builder/media.h"
#include "builder/picture.h"
#include "builder/subtitle.h"
#include "common/i18n.h"
#include "common/lang.h"
#include "common/path.h"
#include "common/xml.h"

/* The schema is compiled into the binary so that veiviser-build works
 * from any directory; make runs the compiler from the top directory. The
 * assembler computes its length: in C, subtracting the addresses of two
 * separate objects is undefined. */
__asm__(".section .rodata\n"
	".balign 16\n"
	"pack_schema_start:\n"
	".incbin \"builder/schema/pack.rng\"\n"
	"pack_schema_end:\n"
	".byte 0\n"
	".balign 8\n"
	"pack_schema_size:\n"
	".quad pack_schema_end - pack_schema_start\n"
	".previous\n");
extern const char pack_schema_start[];
extern const uint64_t pack_schema_size;

/* Length budgets in characters (docs/FORMATS.md). */
enum {
	BUDGET_HEADING = 60,
	BUDGET_LI = 90,
	BUDGET_P = 400,
	BUDGET_ALT = 150,
	BUDGET_TITLE = 80,
};

static const char *const default_levels[][2] = {
	{ "no-schooling", "Ingen skolegang" },
	{ "lower-secondary", "Ungdomsskole" },
	{ "upper-secondary", "Videregående skole" },
};

/* The first libxml2 error of a parse or validation. */
struct xml_capture {
	int have;
	long line;
	char msg[512];
	char element[64];  /* the element the schema complains about */
	char parent[64];   /* and its parent */
	long parent_line;
};

/* What each element holds, to say what was expected after libxml2's
 * RelaxNG message (which names only what it found). */
static const char *const element_hints[][2] = {
	{ "pack", N_("<pack id=\"...\" version=\"...\" source-lang=\"...\"> "
		     "holds <title>, <languages>, an optional <levels>, then "
		     "<items>; ids match [a-z0-9][a-z0-9-]*") },
	{ "items", N_("<items> holds <slide> and <video> elements") },
	{ "levels", N_("<levels> holds <level id=\"...\">label</level> "
		       "elements") },
	{ "slide", N_("<slide id=\"...\" [levels=\"...\"]> holds, in this "
		      "order: <heading>, its body (<p> paragraphs and <list> "
		      "of <li>, in reading order), "
		      "an optional <image src=\"...\"> with <alt>, an optional "
		      "<script>, then any <narration lang=\"...\" "
		      "src=\"...\"/>; ids match [a-z0-9][a-z0-9-]*") },
	{ "video", N_("<video id=\"...\" [levels=\"...\"]> holds, in this "
		      "order: <title>, one <source src=\"...\"/> or one "
		      "<source lang=\"...\" src=\"...\"/> per language, an "
		      "optional <subtitles src=\"...\"/>, an optional <script>; "
		      "ids match [a-z0-9][a-z0-9-]*") },
	{ "list", N_("<list> holds <li> elements") },
	{ "image", N_("<image src=\"...\"> holds one <alt>") },
	{ "p", N_("<p> holds text with <b> and <i>, and an optional "
		  "note=\"...\"") },
	{ "li", N_("<li [level=\"1\" to \"4\"]> holds text with <b> and "
		   "<i>, and an optional note=\"...\"; level nests the bullet "
		   "(1 is the top)") },
	{ "b", N_("<b> holds text with <i>") },
	{ "i", N_("<i> holds text with <b>") },
	{ "narration", N_("<narration lang=\"...\" src=\"...\"/> is empty") },
	{ "source", N_("<source src=\"...\"/> (with lang=\"...\" when there "
		       "is one per language) is empty") },
	{ "subtitles", N_("<subtitles src=\"...\"/> is empty") },
	{ "level", N_("<level id=\"...\"> holds plain text; ids match "
		      "[a-z0-9][a-z0-9-]*") },
};

static const char *element_hint(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof element_hints / sizeof element_hints[0]; i++)
		if (strcmp(element_hints[i][0], name) == 0)
			return _(element_hints[i][1]);
	if (name[0])
		return _("this element holds plain text and an optional "
			 "note=\"...\"");
	return NULL;
}

static void capture_error(void *user, xmlErrorPtr e)
{
	struct xml_capture *cap = user;
	size_t n;

	if (cap->have || !e || e->level == XML_ERR_WARNING)
		return;
	cap->have = 1;
	cap->line = e->line;
	if (e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE) {
		xmlNodePtr node = e->node;

		if (e->line <= 0)
			cap->line = xmlGetLineNo(node);
		snprintf(cap->element, sizeof cap->element, "%s",
			 (const char *)node->name);
		if (node->parent && node->parent->type == XML_ELEMENT_NODE) {
			snprintf(cap->parent, sizeof cap->parent, "%s",
				 (const char *)node->parent->name);
			cap->parent_line = xmlGetLineNo(node->parent);
		}
	}
	snprintf(cap->msg, sizeof cap->msg, "%s",
		 e->message ? e->message : "error");
	n = strlen(cap->msg);
	while (n && (cap->msg[n - 1] == '\n' || cap->msg[n - 1] == ' '))
		cap->msg[--n] = '\0';
}

/* Loader state: collects semantic errors so that all are reported. */
struct loader {
	struct pack *pack;
	int errors;
	enum vv_err err;   /* the first error kind seen */
};

static void fail(struct loader *ld, enum vv_err err, long line,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void fail(struct loader *ld, enum vv_err err, long line,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vv_verror(ld->pack->path, line, fmt, ap);
	va_end(ap);
	if (!ld->errors)
		ld->err = err;
	ld->errors++;
}

/* Appends the text of n's children to buf (cap PACK_MAX_TEXT), writing
 * <b>/<i> elements as literal tags. Returns -1 when the cap is hit. */
static int collect_text(const xmlNode *n, char *buf, size_t *len)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			size_t l = c->content ? strlen((char *)c->content) : 0;

			if (*len + l + 1 > PACK_MAX_TEXT)
				return -1;
			memcpy(buf + *len, c->content, l);
			*len += l;
		} else if (xml_is(c, NULL, "prompt")) {
			continue; /* a spoken prompt, not part of the text */
		} else if (xml_is(c, NULL, "b") || xml_is(c, NULL, "i")) {
			if (*len + 8 > PACK_MAX_TEXT)
				return -1;
			*len += (size_t)sprintf(buf + *len, "<%s>",
						(const char *)c->name);
			if (collect_text(c, buf, len) < 0)
				return -1;
			if (*len + 8 > PACK_MAX_TEXT)
				return -1;
			*len += (size_t)sprintf(buf + *len, "</%s>",
						(const char *)c->name);
		}
	}
	buf[*len] = '\0';
	return 0;
}

/* Fills t from element n. Returns 0, or -1 after reporting. */
static int load_text(struct loader *ld, const xmlNode *n, const char *id,
		     const char *field, size_t budget, struct pack_text *t)
{
	char *buf;
	size_t len = 0, clen;
	char *note;

	t->line = xmlGetLineNo((xmlNode *)n);
	t->file = PACK_XML;
	t->budget = budget;
	buf = malloc(PACK_MAX_TEXT);
	if (!buf) {
		fail(ld, VV_ERR_NOMEM, t->line, _("out of memory"));
		return -1;
	}
	if (collect_text(n, buf, &len) < 0) {
		fail(ld, VV_ERR_LIMIT, t->line,
		     _("<%s> is longer than %d bytes; shorten it"),
		     (const char *)n->name, PACK_MAX_TEXT);
		free(buf);
		return -1;
	}
	pack_text_normalise(buf);
	if (!buf[0]) {
		fail(ld, VV_ERR_SCHEMA, t->line,
		     _("<%s> is empty; expected text"),
		     (const char *)n->name);
		free(buf);
		return -1;
	}
	t->text = strdup(buf);
	free(buf);
	clen = strlen(id) + strlen(field) + 2;
	t->ctxt = malloc(clen);
	if (t->ctxt)
		snprintf(t->ctxt, clen, "%s/%s", id, field);
	note = xml_attr(n, "note");
	if (note) {
		pack_text_normalise(note);
		if (!note[0]) {
			free(note);
			note = NULL;
		}
	}
	t->note = note;
	if (!t->text || !t->ctxt) {
		fail(ld, VV_ERR_NOMEM, t->line, _("out of memory"));
		return -1;
	}
	return 0;
}

/* The list level of <li> n: its level="N" (the schema allows 1 to
 * PACK_LIST_LEVELS), or 1 when it has none. */
static int li_level(const xmlNode *n)
{
	char *v = xml_attr(n, "level");
	int level = v ? atoi(v) : 1;

	free(v);
	return level < 1 ? 1 : level > PACK_LIST_LEVELS ? PACK_LIST_LEVELS
							: level;
}

static void text_free(struct pack_text *t)
{
	if (!t)
		return;
	free(t->ctxt);
	free(t->text);
	free(t->note);
}

static int pack_has_lang(const struct pack *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->n_langs; i++)
		if (strcmp(p->langs[i], code) == 0)
			return 1;
	return 0;
}

/* Checks that `code` is known and one of the pack's languages. */
static void check_lang(struct loader *ld, const char *code, long line,
		       const char *what)
{
	char known[512];

	if (!lang_find(code)) {
		lang_known_codes(known, sizeof known);
		fail(ld, VV_ERR_LANG, line,
		     _("unknown language '%s' in %s; known codes: %s"), code,
		     what, known);
	} else if (!pack_has_lang(ld->pack, code)) {
		fail(ld, VV_ERR_LANG, line,
		     _("language '%s' in %s is not in <languages>; add it "
		       "there"), code, what);
	}
}

/* Returns non-zero when the relative path stays inside the pack: not
 * absolute, no ".." component. */
static int path_inside(const char *src)
{
	const char *s = src;

	if (*s == '/')
		return 0;
	while (*s) {
		size_t n = strcspn(s, "/");

		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 0;
		s += n;
		if (*s == '/')
			s++;
	}
	return 1;
}

static int load_media(struct loader *ld, const xmlNode *n,
		      struct pack_media *m, const char *what)
{
	m->line = xmlGetLineNo((xmlNode *)n);
	m->src = xml_attr(n, "src");
	m->lang = xml_attr(n, "lang");
	if (!m->src) {
		fail(ld, VV_ERR_NOMEM, m->line, _("out of memory"));
		return -1;
	}
	if (!path_inside(m->src)) {
		fail(ld, VV_ERR_SCHEMA, m->line,
		     _("%s src '%s' must be a path inside the pack directory"),
		     what, m->src);
		return -1;
	}
	if (m->lang)
		check_lang(ld, m->lang, m->line, what);
	return 0;
}

static void media_free(struct pack_media *m)
{
	if (!m)
		return;
	free(m->lang);
	free(m->src);
}

static int has_level(const struct pack *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->n_levels; i++)
		if (strcmp(p->levels[i].id, id) == 0)
			return 1;
	return 0;
}

/* Splits a whitespace-separated list into a new array of strings. */
static char **split_list(const char *s, size_t *n)
{
	char *copy = strdup(s), *tok, *save = NULL;
	char **out;
	size_t k = 0, cap = strlen(s) / 2 + 1;

	*n = 0;
	out = calloc(cap, sizeof *out);
	if (!copy || !out) {
		free(copy);
		free(out);
		return NULL;
	}
	for (tok = strtok_r(copy, " \t\r\n", &save); tok && k < cap;
	     tok = strtok_r(NULL, " \t\r\n", &save))
		if (!(out[k++] = strdup(tok)))
			break;
	free(copy);
	*n = k;
	return out;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int load_item(struct loader *ld, const xmlNode *n,
		     struct pack_item *it)
{
	struct pack *p = ld->pack;
	const xmlNode *c;
	char *lv;
	char field[32];
	size_t i;

	it->kind = xml_is(n, NULL, "video") ? PACK_VIDEO : PACK_SLIDE;
	it->line = xmlGetLineNo((xmlNode *)n);
	it->id = xml_attr(n, "id");
	if (!it->id)
		return -1;
	lv = xml_attr(n, "levels");
	if (lv) {
		it->levels = split_list(lv, &it->n_levels);
		free(lv);
		if (!it->levels)
			return -1;
		for (i = 0; i < it->n_levels; i++)
			if (!has_level(p, it->levels[i]))
				fail(ld, VV_ERR_SCHEMA, it->line,
				     _("levels=\"...\" names '%s', which is "
				       "not a level of this pack; use one of "
				       "the <level> ids"), it->levels[i]);
	}
	it->n_paragraphs = xml_count(n, NULL, "p");
	it->n_bullets = 0;
	for (c = n->children; c; c = c->next)
		if (xml_is(c, NULL, "list"))
			it->n_bullets += xml_count(c, NULL, "li");
	it->n_narration = xml_count(n, NULL, "narration");
	it->n_sources = xml_count(n, NULL, "source");
	it->heading = calloc(1, sizeof *it->heading);
	it->paragraphs = calloc(it->n_paragraphs + 1, sizeof *it->paragraphs);
	it->bullets = calloc(it->n_bullets + 1, sizeof *it->bullets);
	it->narration = calloc(it->n_narration + 1, sizeof *it->narration);
	it->sources = calloc(it->n_sources + 1, sizeof *it->sources);
	if (!it->heading || !it->paragraphs || !it->bullets ||
	    !it->narration || !it->sources)
		return -1;
	if (it->kind == PACK_VIDEO)
		load_text(ld, xml_first(n, NULL, "title"), it->id, "title",
			  BUDGET_TITLE, it->heading);
	else
		load_text(ld, xml_first(n, NULL, "heading"), it->id, "heading",
			  BUDGET_HEADING, it->heading);
	/* The body in reading order: paragraphs and lists may alternate;
	 * each paragraph notes how many bullets come before it. */
	{
		size_t np = 0, nb = 0;
		const xmlNode *li;

		for (c = n->children; c; c = c->next) {
			if (xml_is(c, NULL, "p")) {
				snprintf(field, sizeof field, "p.%zu", np + 1);
				load_text(ld, c, it->id, field, BUDGET_P,
					  &it->paragraphs[np]);
				it->paragraphs[np++].bullets_before = nb;
			} else if (xml_is(c, NULL, "list")) {
				for (li = c->children; li; li = li->next) {
					if (!xml_is(li, NULL, "li"))
						continue;
					snprintf(field, sizeof field, "li.%zu",
						 nb + 1);
					load_text(ld, li, it->id, field,
						  BUDGET_LI, &it->bullets[nb]);
					it->bullets[nb++].level = li_level(li);
				}
			}
		}
	}
	if ((c = xml_first(n, NULL, "image")) != NULL) {
		it->image = calloc(1, sizeof *it->image);
		it->image_alt = calloc(1, sizeof *it->image_alt);
		if (!it->image || !it->image_alt)
			return -1;
		load_media(ld, c, it->image, "<image>");
		load_text(ld, xml_first(c, NULL, "alt"), it->id, "alt",
			  BUDGET_ALT, it->image_alt);
	}
	if ((c = xml_first(n, NULL, "script")) != NULL) {
		it->script = calloc(1, sizeof *it->script);
		if (!it->script)
			return -1;
		load_text(ld, c, it->id, "script", 0, it->script);
	}
	i = 0;
	for (c = n->children; c; c = c->next)
		if (xml_is(c, NULL, "narration")) {
			size_t k;

			load_media(ld, c, &it->narration[i], "<narration>");
			for (k = 0; k < i; k++)
				if (it->narration[i].lang &&
				    it->narration[k].lang &&
				    strcmp(it->narration[i].lang,
					   it->narration[k].lang) == 0)
					fail(ld, VV_ERR_SCHEMA,
					     it->narration[i].line,
					     _("second <narration> for "
					       "language '%s'; keep one"),
					     it->narration[i].lang);
			i++;
		}
	i = 0;
	for (c = n->children; c; c = c->next)
		if (xml_is(c, NULL, "source")) {
			size_t k;

			load_media(ld, c, &it->sources[i], "<source>");
			for (k = 0; k < i; k++)
				if (it->sources[i].lang &&
				    it->sources[k].lang &&
				    strcmp(it->sources[i].lang,
					   it->sources[k].lang) == 0)
					fail(ld, VV_ERR_SCHEMA,
					     it->sources[i].line,
					     _("second <source> for language "
					       "'%s'; keep one"),
					     it->sources[i].lang);
			i++;
		}
	if ((c = xml_first(n, NULL, "subtitles")) != NULL) {
		it->subtitles = calloc(1, sizeof *it->subtitles);
		if (!it->subtitles)
			return -1;
		if (load_media(ld, c, it->subtitles, "<subtitles>") == 0)
			return 1; /* cues are loaded once the tree is done */
	}
	return 0;
}

static int load_cues(struct loader *ld, struct pack_item *it)
{
	struct pack *p = ld->pack;
	char *path = path_join(p->dir, it->subtitles->src);
	enum vv_err err;

	if (!path)
		return -1;
	if (access(path, R_OK) != 0) {
		fail(ld, VV_ERR_IO, it->subtitles->line,
		     _("cannot read subtitles '%s': %s; check the path"),
		     it->subtitles->src, strerror(errno));
		free(path);
		return -1;
	}
	err = subtitle_load(path, it->subtitles->src, it->id, &it->cues,
			    &it->n_cues);
	free(path);
	if (err) {
		if (!ld->errors)
			ld->err = err;
		ld->errors++;
		return -1;
	}
	return 0;
}

static void item_free(struct pack_item *it)
{
	size_t i;

	free(it->id);
	free_list(it->levels, it->n_levels);
	text_free(it->heading);
	free(it->heading);
	for (i = 0; it->paragraphs && i < it->n_paragraphs; i++)
		text_free(&it->paragraphs[i]);
	free(it->paragraphs);
	for (i = 0; it->bullets && i < it->n_bullets; i++)
		text_free(&it->bullets[i]);
	free(it->bullets);
	media_free(it->image);
	free(it->image);
	text_free(it->image_alt);
	free(it->image_alt);
	text_free(it->script);
	free(it->script);
	for (i = 0; it->narration && i < it->n_narration; i++)
		media_free(&it->narration[i]);
	free(it->narration);
	for (i = 0; it->sources && i < it->n_sources; i++)
		media_free(&it->sources[i]);
	free(it->sources);
	media_free(it->subtitles);
	free(it->subtitles);
	subtitle_cues_free(it->cues, it->n_cues);
}

static void prompts_free(struct pack_media *m, size_t n);

void pack_free(struct pack *p)
{
	size_t i;

	if (!p)
		return;
	free(p->dir);
	free(p->path);
	free(p->id);
	free(p->version);
	free(p->source_lang);
	free(p->video_profile);
	free(p->screen_size);
	text_free(&p->title);
	free_list(p->langs, p->n_langs);
	for (i = 0; p->levels && i < p->n_levels; i++) {
		free(p->levels[i].id);
		text_free(&p->levels[i].label);
		prompts_free(p->levels[i].prompts, p->levels[i].n_prompts);
	}
	free(p->levels);
	prompts_free(p->lang_prompts, p->n_lang_prompts);
	prompts_free(p->end_prompts, p->n_end_prompts);
	prompts_free(p->idle_prompts, p->n_idle_prompts);
	for (i = 0; p->items && i < p->n_items; i++)
		item_free(&p->items[i]);
	free(p->items);
	free(p);
}

/* Loads the <prompt lang src> children of n into a new array in *out
 * (NULL when none). Each language may have one prompt. Reports problems
 * through fail(). */
static void load_prompts(struct loader *ld, const xmlNode *n,
			 struct pack_media **out, size_t *n_out)
{
	const xmlNode *c;
	size_t cnt = n ? xml_count(n, NULL, "prompt") : 0, i = 0, k;

	*out = NULL;
	*n_out = 0;
	if (!cnt)
		return;
	*out = calloc(cnt, sizeof **out);
	if (!*out) {
		fail(ld, VV_ERR_NOMEM, 0, _("out of memory"));
		return;
	}
	for (c = n->children; c && i < cnt; c = c->next) {
		if (!xml_is(c, NULL, "prompt"))
			continue;
		*n_out = i + 1;
		if (load_media(ld, c, &(*out)[i], "<prompt>") < 0) {
			i++;
			continue;
		}
		for (k = 0; k < i; k++)
			if ((*out)[i].lang && (*out)[k].lang &&
			    strcmp((*out)[i].lang, (*out)[k].lang) == 0)
				fail(ld, VV_ERR_SCHEMA, (*out)[i].line,
				     _("second <prompt> for language '%s'; "
				       "keep one"), (*out)[i].lang);
		i++;
	}
}

static void prompts_free(struct pack_media *m, size_t n)
{
	size_t i;

	for (i = 0; m && i < n; i++)
		media_free(&m[i]);
	free(m);
}

static void load_languages(struct loader *ld, const xmlNode *root)
{
	struct pack *p = ld->pack;
	const xmlNode *n = xml_first(root, NULL, "languages");
	xmlChar *content = xmlNodeGetContent(n);
	long line = xmlGetLineNo((xmlNode *)n);
	char known[512];
	size_t i, k;

	p->langs = split_list(content ? (const char *)content : "",
			      &p->n_langs);
	xmlFree(content);
	if (!p->langs) {
		fail(ld, VV_ERR_NOMEM, line, _("out of memory"));
		return;
	}
	lang_known_codes(known, sizeof known);
	for (i = 0; i < p->n_langs; i++) {
		if (!lang_find(p->langs[i]))
			fail(ld, VV_ERR_LANG, line,
			     _("unknown language '%s' in <languages>; known "
			       "codes: %s"), p->langs[i], known);
		for (k = 0; k < i; k++)
			if (strcmp(p->langs[i], p->langs[k]) == 0)
				fail(ld, VV_ERR_SCHEMA, line,
				     _("language '%s' is listed twice in "
				       "<languages>"), p->langs[i]);
	}
	if (!lang_find(p->source_lang)) {
		fail(ld, VV_ERR_LANG, xmlGetLineNo((xmlNode *)root),
		     _("unknown source-lang '%s'; known codes: %s"),
		     p->source_lang, known);
	} else if (!pack_has_lang(p, p->source_lang)) {
		/* The source language is always a language of the pack. */
		char **nl = realloc(p->langs, (p->n_langs + 1) * sizeof *nl);
		char *s = strdup(p->source_lang);

		if (nl)
			p->langs = nl;
		if (!nl || !s) {
			free(s);
			fail(ld, VV_ERR_NOMEM, line, _("out of memory"));
			return;
		}
		memmove(nl + 1, nl, p->n_langs * sizeof *nl);
		nl[0] = s;
		p->n_langs++;
	}
	load_prompts(ld, n, &p->lang_prompts, &p->n_lang_prompts);
}

static void load_levels(struct loader *ld, const xmlNode *root)
{
	struct pack *p = ld->pack;
	const xmlNode *lv = xml_first(root, NULL, "levels"), *c;
	size_t i = 0, k;
	char field[160];

	if (!lv) {
		p->n_levels = sizeof default_levels / sizeof default_levels[0];
		p->levels = calloc(p->n_levels, sizeof *p->levels);
		if (!p->levels)
			goto nomem;
		for (i = 0; i < p->n_levels; i++) {
			struct pack_text *t = &p->levels[i].label;

			p->levels[i].id = strdup(default_levels[i][0]);
			t->text = strdup(default_levels[i][1]);
			snprintf(field, sizeof field, "level/%s",
				 default_levels[i][0]);
			t->ctxt = strdup(field);
			t->line = xmlGetLineNo((xmlNode *)root);
			t->file = PACK_XML;
			if (!p->levels[i].id || !t->text || !t->ctxt)
				goto nomem;
		}
		return;
	}
	p->n_levels = xml_count(lv, NULL, "level");
	p->levels = calloc(p->n_levels + 1, sizeof *p->levels);
	if (!p->levels)
		goto nomem;
	for (c = lv->children; c; c = c->next) {
		if (!xml_is(c, NULL, "level"))
			continue;
		p->levels[i].id = xml_attr(c, "id");
		if (!p->levels[i].id)
			goto nomem;
		load_text(ld, c, "level", p->levels[i].id, 0,
			  &p->levels[i].label);
		load_prompts(ld, c, &p->levels[i].prompts,
			     &p->levels[i].n_prompts);
		for (k = 0; k < i; k++)
			if (strcmp(p->levels[k].id, p->levels[i].id) == 0)
				fail(ld, VV_ERR_SCHEMA,
				     xmlGetLineNo((xmlNode *)c),
				     _("level id '%s' is used twice (first "
				       "on line %ld); level ids must be "
				       "unique"), p->levels[i].id,
				     p->levels[k].label.line);
		i++;
	}
	return;
nomem:
	fail(ld, VV_ERR_NOMEM, 0, _("out of memory"));
}

static void load_tree(struct loader *ld, const xmlNode *root)
{
	struct pack *p = ld->pack;
	const xmlNode *items = xml_first(root, NULL, "items"), *c;
	size_t i = 0, k;
	int *want_cues;

	p->id = xml_attr(root, "id");
	p->version = xml_attr(root, "version");
	p->source_lang = xml_attr(root, "source-lang");
	if (!p->id || !p->version || !p->source_lang) {
		fail(ld, VV_ERR_NOMEM, 0, _("out of memory"));
		return;
	}
	if (xmlHasProp((xmlNode *)root, BAD_CAST "video-profile")) {
		struct media_profile prof;

		p->video_profile = xml_attr(root, "video-profile");
		if (!p->video_profile) {
			fail(ld, VV_ERR_NOMEM, 0, _("out of memory"));
			return;
		}
		if (media_profile_parse(p->video_profile, &prof) != VV_OK)
			fail(ld, VV_ERR_FORMAT, xmlGetLineNo((xmlNode *)root),
			     _("video-profile '%s' is not a profile; write "
			       "e.g. 1080p30, 720p or 1280x720@25"),
			     p->video_profile);
	}
	if (xmlHasProp((xmlNode *)root, BAD_CAST "screen-size")) {
		int sw, sh;

		p->screen_size = xml_attr(root, "screen-size");
		if (!p->screen_size) {
			fail(ld, VV_ERR_NOMEM, 0, _("out of memory"));
			return;
		}
		if (picture_screen_parse(p->screen_size, &sw, &sh) != VV_OK)
			fail(ld, VV_ERR_FORMAT, xmlGetLineNo((xmlNode *)root),
			     _("screen-size '%s' is not a screen the player "
			       "can fill; write e.g. 1920x1080 (at most "
			       "4096x4096 pixels in all)"), p->screen_size);
	}
	load_text(ld, xml_first(root, NULL, "title"), "pack", "title",
		  BUDGET_TITLE, &p->title);
	load_languages(ld, root);
	load_levels(ld, root);
	load_prompts(ld, xml_first(root, NULL, "end"), &p->end_prompts,
		     &p->n_end_prompts);
	load_prompts(ld, xml_first(root, NULL, "idle"), &p->idle_prompts,
		     &p->n_idle_prompts);
	if (ld->errors && ld->err == VV_ERR_NOMEM)
		return;
	for (c = items->children; c; c = c->next)
		if (xml_is(c, NULL, "slide") || xml_is(c, NULL, "video"))
			p->n_items++;
	p->items = calloc(p->n_items + 1, sizeof *p->items);
	want_cues = calloc(p->n_items + 1, sizeof *want_cues);
	if (!p->items || !want_cues) {
		free(want_cues);
		p->n_items = 0;
		fail(ld, VV_ERR_NOMEM, 0, _("out of memory"));
		return;
	}
	for (c = items->children; c; c = c->next) {
		int r;

		if (!xml_is(c, NULL, "slide") && !xml_is(c, NULL, "video"))
			continue;
		r = load_item(ld, c, &p->items[i]);
		if (r < 0) {
			fail(ld, VV_ERR_NOMEM, xmlGetLineNo((xmlNode *)c),
			     _("out of memory"));
			i++;
			break;
		}
		want_cues[i] = r == 1;
		/* "pack/title" and "level/<id>" are taken by the pack. */
		if (strcmp(p->items[i].id, "pack") == 0 ||
		    strcmp(p->items[i].id, "level") == 0)
			fail(ld, VV_ERR_SCHEMA, p->items[i].line,
			     _("item id '%s' is reserved for the pack's own "
			       "strings; choose another id"), p->items[i].id);
		for (k = 0; k < i; k++)
			if (strcmp(p->items[k].id, p->items[i].id) == 0)
				fail(ld, VV_ERR_SCHEMA, p->items[i].line,
				     _("duplicate item id '%s' (first used on "
				       "line %ld); item ids must be unique"),
				     p->items[i].id, p->items[k].line);
		i++;
	}
	/* Subtitles only after the tree checks, so that an id error is
	 * reported before any subtitle file problem. */
	for (k = 0; k < i; k++)
		if (want_cues[k])
			load_cues(ld, &p->items[k]);
	free(want_cues);
}

/* Validates doc against the embedded schema. Returns 0, or -1 after
 * printing the first violation. */
static int validate(struct loader *ld, xmlDocPtr doc)
{
	xmlRelaxNGParserCtxtPtr pctx;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	struct xml_capture cap = { 0 };
	int r = -1;

	xmlSetStructuredErrorFunc(&cap, capture_error);
	pctx = xmlRelaxNGNewMemParserCtxt(pack_schema_start,
					  (int)pack_schema_size);
	if (pctx)
		schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (!schema) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		fail(ld, VV_ERR_INTERNAL, 0,
		     _("the built-in schema does not load: %s"),
		     cap.have ? cap.msg : "?");
		return -1;
	}
	memset(&cap, 0, sizeof cap);
	vctx = xmlRelaxNGNewValidCtxt(schema);
	if (vctx) {
		xmlRelaxNGSetValidStructuredErrors(vctx, capture_error, &cap);
		r = xmlRelaxNGValidateDoc(vctx, doc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeValidCtxt(vctx);
	xmlRelaxNGFree(schema);
	if (r != 0) {
		/* "Did not expect element p there" names the child; what was
		 * expected is the parent's content. */
		int in_parent =
			strncmp(cap.msg, "Did not expect", 14) == 0 ||
			strncmp(cap.msg, "Expecting element", 17) == 0;
		const char *about = in_parent ? cap.parent : cap.element;
		const char *hint;
		char named[64] = "";

		/* "Element slide failed to validate attributes" and "Invalid
		 * attribute x for element slide" may come with a child node;
		 * the element the message names is the one to point at. */
		if (sscanf(cap.msg, "Element %63s failed", named) != 1) {
			const char *f = strstr(cap.msg, "for element ");

			if (!f || sscanf(f, "for element %63s", named) != 1)
				named[0] = '\0';
		}
		if (named[0] && strcmp(named, cap.parent) == 0 &&
		    strcmp(named, cap.element) != 0) {
			about = cap.parent;
			cap.line = cap.parent_line;
		} else if (named[0]) {
			about = cap.element;
		}
		hint = element_hint(about);

		if (hint)
			fail(ld, VV_ERR_SCHEMA, cap.line, _("%s; expected: %s"),
			     cap.have ? cap.msg
				      : _("does not match the pack schema"),
			     hint);
		else
			fail(ld, VV_ERR_SCHEMA, cap.line,
			     _("%s; see docs/FORMATS.md"),
			     cap.have ? cap.msg
				      : _("does not match the pack schema"));
		return -1;
	}
	return 0;
}

enum vv_err pack_load(const char *dir, struct pack **out)
{
	struct loader ld = { 0 };
	struct pack *p;
	struct xml_capture cap = { 0 };
	struct stat st;
	xmlDocPtr doc;
	size_t plen = strlen(dir) + sizeof PACK_XML + 1;

	*out = NULL;
	p = calloc(1, sizeof *p);
	if (!p)
		return VV_ERR_NOMEM;
	ld.pack = p;
	p->dir = strdup(dir);
	p->path = malloc(plen);
	if (!p->dir || !p->path) {
		pack_free(p);
		return VV_ERR_NOMEM;
	}
	/* "pack/" and "pack" name the same pack; keep messages tidy. */
	plen = strlen(p->dir);
	while (plen > 1 && p->dir[plen - 1] == '/')
		p->dir[--plen] = '\0';
	snprintf(p->path, plen + sizeof PACK_XML + 1, "%s/%s", p->dir,
		 PACK_XML);
	if (stat(p->path, &st) != 0 || access(p->path, R_OK) != 0) {
		vv_error(p->path, 0, _("cannot read the pack: %s; give the "
				       "directory that holds pack.xml"),
			 strerror(errno));
		pack_free(p);
		return VV_ERR_IO;
	}
	if (st.st_size > (off_t)PACK_MAX_BYTES) {
		vv_error(p->path, 0, _("pack.xml is larger than %u bytes; "
				       "split the pack"), PACK_MAX_BYTES);
		pack_free(p);
		return VV_ERR_LIMIT;
	}
	xmlSetStructuredErrorFunc(&cap, capture_error);
	doc = xmlReadFile(p->path, NULL,
			  XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc || cap.have) {
		vv_error(p->path, cap.line, _("%s; expected well-formed XML"),
			 cap.have ? cap.msg : _("cannot parse"));
		xmlFreeDoc(doc);
		pack_free(p);
		return VV_ERR_FORMAT;
	}
	if (doc->intSubset) {
		vv_error(p->path, xmlGetLineNo((xmlNodePtr)doc->intSubset),
			 _("a DOCTYPE is not allowed in pack.xml; remove it"));
		xmlFreeDoc(doc);
		pack_free(p);
		return VV_ERR_FORMAT;
	}
	if (validate(&ld, doc) == 0)
		load_tree(&ld, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	if (ld.errors) {
		pack_free(p);
		return ld.err ? ld.err : VV_ERR_FORMAT;
	}
	*out = p;
	return VV_OK;
}

int pack_item_in_level(const struct pack_item *item, const char *level_id)
{
	size_t i;

	if (!item->levels)
		return 1;
	for (i = 0; i < item->n_levels; i++)
		if (strcmp(item->levels[i], level_id) == 0)
			return 1;
	return 0;
}

void pack_foreach_text(const struct pack *pack,
		       void (*fn)(const struct pack_text *text, void *user),
		       void *user)
{
	size_t i, k;

	fn(&pack->title, user);
	for (i = 0; i < pack->n_levels; i++)
		fn(&pack->levels[i].label, user);
	for (i = 0; i < pack->n_items; i++) {
		const struct pack_item *it = &pack->items[i];

		fn(it->heading, user);
		/* the body in reading order (the pot lists it so) */
		{
			size_t pi = 0, bi = 0;

			while (pi < it->n_paragraphs || bi < it->n_bullets)
				if (pi < it->n_paragraphs &&
				    (bi >= it->n_bullets ||
				     it->paragraphs[pi].bullets_before <= bi))
					fn(&it->paragraphs[pi++], user);
				else
					fn(&it->bullets[bi++], user);
		}
		if (it->image_alt)
			fn(it->image_alt, user);
		if (it->script)
			fn(it->script, user);
		for (k = 0; k < it->n_cues; k++)
			fn(&it->cues[k].text, user);
	}
}
