/* check: `veiviser-build check PACKDIR [--json]`. Loads the pack and
 * every po/<lang>.po, counts coverage per language and level, compares
 * each translation with its source, and checks that media are there. */
#include "builder/check.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder/commands.h"
#include "builder/media.h"
#include "builder/pack.h"
#include "builder/po.h"
#include "common/args.h"
#include "common/i18n.h"
#include "common/json.h"
#include "common/lang.h"
#include "common/markup.h"
#include "common/path.h"

/* ---- comparison helpers ---- */

size_t check_text_length(const char *s)
{
	size_t n = 0;

	while (*s) {
		size_t t = markup_tag_len(s);

		if (t) {
			s += t;
			continue;
		}
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
		s++;
	}
	return n;
}

int check_is_empty(const char *s)
{
	while (*s) {
		size_t t = markup_tag_len(s);

		if (t)
			s += t;
		else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else
			return 0;
	}
	return 1;
}

#define MAX_PLACEHOLDERS 32

/* Collects "{name}" placeholders (name: letters, digits, _) of s. */
static size_t placeholders(const char *s, char out[][64], size_t max)
{
	size_t n = 0;

	for (; *s && n < max; s++) {
		size_t k;

		if (*s != '{')
			continue;
		for (k = 1; s[k] && k < 62; k++)
			if (!((s[k] >= 'a' && s[k] <= 'z') ||
			      (s[k] >= 'A' && s[k] <= 'Z') ||
			      (s[k] >= '0' && s[k] <= '9') || s[k] == '_'))
				break;
		if (k > 1 && s[k] == '}') {
			memcpy(out[n], s, k + 1);
			out[n][k + 1] = '\0';
			n++;
			s += k;
		}
	}
	return n;
}

int check_placeholders(const char *source, const char *translation,
		       char *why, size_t size)
{
	char a[MAX_PLACEHOLDERS][64], b[MAX_PLACEHOLDERS][64];
	int used[MAX_PLACEHOLDERS] = { 0 };
	size_t na = placeholders(source, a, MAX_PLACEHOLDERS);
	size_t nb = placeholders(translation, b, MAX_PLACEHOLDERS);
	size_t i, k;

	why[0] = '\0';
	for (i = 0; i < na; i++) {
		for (k = 0; k < nb; k++)
			if (!used[k] && strcmp(a[i], b[k]) == 0)
				break;
		if (k == nb) {
			snprintf(why, size, _("placeholder %s is missing in the "
					      "translation; keep it exactly as "
					      "in the source"), a[i]);
			return 1;
		}
		used[k] = 1;
	}
	for (k = 0; k < nb; k++)
		if (!used[k]) {
			snprintf(why, size, _("the translation has placeholder "
					      "%s, which the source does not; "
					      "use the source's placeholders"),
				 b[k]);
			return 1;
		}
	return 0;
}

int check_markup(const char *source, const char *translation, char *why,
		 size_t size)
{
	static const char *const tags[] = { "<b>", "</b>", "<i>", "</i>" };
	size_t t;

	why[0] = '\0';
	for (t = 0; t < 4; t++) {
		size_t ca = 0, cb = 0, l = strlen(tags[t]);
		const char *p;

		for (p = source; (p = strstr(p, tags[t])) != NULL; p += l)
			ca++;
		for (p = translation; (p = strstr(p, tags[t])) != NULL; p += l)
			cb++;
		if (ca != cb) {
			snprintf(why, size, _("inline markup differs: the source "
					      "has %zu %s and the translation "
					      "%zu; keep the <b> and <i> tags"),
				 ca, tags[t], cb);
			return 1;
		}
	}
	/* Equal counts can still cross ("<b><i>x</b></i>") or close first. */
	{
		char stack[64];
		size_t depth = 0;
		const char *p;

		for (p = translation; *p; p++) {
			size_t tl = markup_tag_len(p);

			if (!tl)
				continue;
			if (tl == 3 && depth < sizeof stack) {
				stack[depth++] = p[1];
			} else if (tl == 4 &&
				   (!depth || stack[--depth] != p[2])) {
				snprintf(why, size, _("the <b> and <i> tags of "
						      "the translation are not "
						      "nested properly; close "
						      "each tag after the one "
						      "opened inside it"));
				return 1;
			}
			p += tl - 1;
		}
	}
	return 0;
}

int check_newlines(const char *source, const char *translation,
		   char *why, size_t size)
{
	size_t a = strlen(source), b = strlen(translation);

	why[0] = '\0';
	if ((source[0] == '\n') != (translation[0] == '\n')) {
		snprintf(why, size, _("the source and the translation differ "
				      "in a line break (\\n) at the start; "
				      "make them the same"));
		return 1;
	}
	if ((a && source[a - 1] == '\n') != (b && translation[b - 1] == '\n')) {
		snprintf(why, size, _("the source and the translation differ "
				      "in a line break (\\n) at the end; "
				      "make them the same"));
		return 1;
	}
	return 0;
}

/* Returns the final punctuation class of s ('.', '?', '!', ':', ';',
 * ',') with script-specific marks mapped to it, or 0. */
static char end_punct(const char *s)
{
	static const struct {
		const char *mark;
		char as;
	} marks[] = {
		{ "\xD8\x9F", '?' },     /* ؟ ARABIC QUESTION MARK */
		{ "\xD8\x8C", ',' },     /* ، ARABIC COMMA */
		{ "\xD8\x9B", ';' },     /* ؛ ARABIC SEMICOLON */
		{ "\xDB\x94", '.' },     /* ۔ ARABIC FULL STOP (Urdu) */
		{ "\xE1\x8D\xA2", '.' }, /* ። ETHIOPIC FULL STOP */
		/* ፡፡ two ETHIOPIC WORDSPACEs: the full stop as many Amharic
		 * and Tigrinya writers type it. */
		{ "\xE1\x8D\xA1\xE1\x8D\xA1", '.' },
		{ "\xE1\x8D\xA7", '?' }, /* ፧ ETHIOPIC QUESTION MARK */
		{ "\xE1\x8D\xA3", ',' }, /* ፣ ETHIOPIC COMMA */
		{ "\xE1\x8D\xA4", ';' }, /* ፤ ETHIOPIC SEMICOLON */
		{ "\xE1\x8D\xA5", ':' }, /* ፥ ETHIOPIC COLON */
		{ "\xE2\x80\xA6", '.' }, /* … counts as a full stop */
	};
	size_t n = strlen(s), i;

	for (;;) {
		while (n && (s[n - 1] == ' ' || s[n - 1] == '"' ||
			     s[n - 1] == '\'' || s[n - 1] == ')'))
			n--;
		if (n >= 4 && (strncmp(s + n - 4, "</b>", 4) == 0 ||
			       strncmp(s + n - 4, "</i>", 4) == 0)) {
			n -= 4;
			continue;
		}
		break;
	}
	if (!n)
		return 0;
	if (strchr(".?!:;,", s[n - 1]))
		return s[n - 1];
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t l = strlen(marks[i].mark);

		if (n >= l && memcmp(s + n - l, marks[i].mark, l) == 0)
			return marks[i].as;
	}
	return 0;
}

int check_end_punctuation(const char *source, const char *translation,
			  char *why, size_t size)
{
	char a = end_punct(source), b = end_punct(translation);

	why[0] = '\0';
	if (!a || a == b)
		return 0;
	if (b)
		snprintf(why, size, _("the source ends with '%c' and the "
				      "translation with '%c'"), a, b);
	else
		snprintf(why, size, _("the source ends with '%c' and the "
				      "translation without punctuation"), a);
	return 1;
}

/* The number of lines of s that hold more than blanks. */
static size_t count_lines(const char *s)
{
	size_t n = 0;

	while (*s) {
		size_t len = strcspn(s, "\n"), blanks = strspn(s, " \t\r");

		n += blanks < len;
		s += len + (s[len] == '\n');
	}
	return n;
}

int check_turns(const char *source, const char *translation, char *why,
		size_t size)
{
	size_t a = count_lines(source), b = count_lines(translation);

	why[0] = '\0';
	if (a < 2 || a == b)
		return 0;
	snprintf(why, size, _("the source cue has %zu lines, one for each "
			      "speaker, and the translation %zu; start each "
			      "speaker's line on a new line (\\n in the .po)"),
		 a, b);
	return 1;
}

enum check_verdict check_translation(const char *source,
				     const char *translation, size_t budget,
				     const char **kind, char *why,
				     size_t size)
{
	size_t len;

	*kind = NULL;
	why[0] = '\0';
	if (check_is_empty(translation)) {
		*kind = "empty";
		snprintf(why, size, _("the translation is empty; translate it "
				      "or clear the msgstr"));
		return CHECK_REFUSE;
	}
	if (check_placeholders(source, translation, why, size)) {
		*kind = "placeholder";
		return CHECK_REFUSE;
	}
	if (check_markup(source, translation, why, size)) {
		*kind = "markup";
		return CHECK_REFUSE;
	}
	if (check_newlines(source, translation, why, size)) {
		*kind = "newline";
		return CHECK_REFUSE;
	}
	len = check_text_length(translation);
	if (budget && len > budget * CHECK_FIT_FACTOR) {
		*kind = "length";
		snprintf(why, size, _("the translation is %zu characters, more "
				      "than the player can fit (%zu, twice the "
				      "budget of %zu for this field); shorten "
				      "it"), len, budget * CHECK_FIT_FACTOR,
			 budget);
		return CHECK_REFUSE;
	}
	if (budget && len > budget) {
		*kind = "length";
		snprintf(why, size, _("the translation is %zu characters, over "
				      "the budget of %zu for this field; the "
				      "player shrinks it to fit; shorten it"),
			 len, budget);
		return CHECK_SHIP_LONG;
	}
	return CHECK_SHIP;
}

/* ---- the report ---- */

enum severity { SEV_ERROR, SEV_WARNING };

struct problem {
	enum severity sev;
	const char *kind;  /* static */
	char *file;
	long line;
	char *lang;        /* or NULL */
	char *ctxt;        /* or NULL */
	char *message;
};

struct coverage {
	const char *lang;
	const char *level;
	size_t total, translated, fuzzy, untranslated;
	int draft;
	const char *status;
};

struct report {
	struct problem *problems;
	size_t n_problems, cap_problems;
	struct coverage *cov;
	size_t n_cov;
	size_t errors, warnings;
	int nomem;
	const char *capture_kind;  /* set while vv_error lines are problems */
	const char *capture_lang;
	/* The placeholder names the source texts use, sorted, unique: the
	 * local details each kiosk's site file must give. */
	char places[MAX_PLACEHOLDERS][64];
	size_t n_places;
	struct media_profile profile; /* kiosk video budget */
	const char *profile_name;     /* as written, e.g. "1080p30" */
	int list;                     /* LIST_* of --list */
	struct todo *todo;            /* what --list lists */
	size_t n_todo, cap_todo;
};

/* --list: the strings a translator has yet to do. */
enum { LIST_UNTRANSLATED = 1, LIST_FUZZY = 2 };

struct todo {
	const char *lang;   /* borrowed from the pack */
	const char *state;  /* "untranslated" or "fuzzy"; static */
	const char *file;   /* borrowed: the language's .po path */
	long line;          /* of the msgstr, 0 when the entry is missing */
	const char *ctxt;   /* borrowed from the pack */
	const char *msgid;  /* borrowed from the pack */
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void add_problem(struct report *r, enum severity sev, const char *kind,
			const char *file, long line, const char *lang,
			const char *ctxt, const char *message)
{
	struct problem *p;

	if (r->n_problems == r->cap_problems) {
		size_t nc = r->cap_problems ? r->cap_problems * 2 : 32;
		struct problem *np;

		if (nc > 1000000 ||
		    !(np = realloc(r->problems, nc * sizeof *np))) {
			r->nomem = 1;
			return;
		}
		r->problems = np;
		r->cap_problems = nc;
	}
	p = &r->problems[r->n_problems++];
	p->sev = sev;
	p->kind = kind;
	p->file = dup_or_null(file);
	p->line = line;
	p->lang = dup_or_null(lang);
	p->ctxt = dup_or_null(ctxt);
	p->message = dup_or_null(message);
	if (sev == SEV_ERROR)
		r->errors++;
	else
		r->warnings++;
}

/* vv_error hook: while a module that prints its own errors runs (pack
 * loading, .po loading, media probing), each line becomes a problem. */
static void capture_line(const char *line, void *user)
{
	struct report *r = user;
	const char *sep = strstr(line, ": ");
	char file[1024];
	long lineno = 0;
	size_t n, d;

	if (!r->capture_kind)
		return;
	/* Split "FILE:LINE: message" (or "FILE: message") for the JSON. */
	if (!sep || (size_t)(sep - line) >= sizeof file ||
	    strncmp(line, "veiviser: ", 10) == 0) {
		add_problem(r, SEV_ERROR, r->capture_kind, NULL, 0,
			    r->capture_lang, NULL, line);
		return;
	}
	n = (size_t)(sep - line);
	memcpy(file, line, n);
	file[n] = '\0';
	for (d = n; d > 0 && file[d - 1] >= '0' && file[d - 1] <= '9'; d--)
		;
	if (d < n && d > 1 && file[d - 1] == ':') {
		lineno = strtol(file + d, NULL, 10);
		file[d - 1] = '\0';
	}
	add_problem(r, SEV_ERROR, r->capture_kind, file, lineno,
		    r->capture_lang, NULL, sep + 2);
}

static void report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->n_problems; i++) {
		free(r->problems[i].file);
		free(r->problems[i].lang);
		free(r->problems[i].ctxt);
		free(r->problems[i].message);
	}
	free(r->problems);
	free(r->cov);
	free(r->todo);
}

/* One target language: its catalogue (NULL when there is no .po or it
 * did not load) and where it comes from. */
struct target {
	const char *lang;
	char *po_path;
	struct po_catalog *cat;
	int missing;       /* no .po file */
	int broken;        /* the .po did not load */
};

/* Checks one source text against one translation, with the rule build
 * applies (check_translation()). */
static void check_text(struct report *r, const struct pack *pack,
		       const struct target *t, const struct pack_text *text)
{
	const char *tr, *kind;
	char why[512], msg[700];
	long line;

	tr = po_catalog_msgstr(t->cat, text->ctxt, text->text);
	if (!tr || po_catalog_state(t->cat, text->ctxt, text->text) ==
			   PO_FUZZY)
		return; /* not shipped; counted in the coverage */
	line = po_catalog_msgstr_line(t->cat, text->ctxt);
	if (!tr[0])
		return; /* untranslated */
	switch (check_translation(text->text, tr, text->budget, &kind, why,
				  sizeof why)) {
	case CHECK_REFUSE:
		snprintf(msg, sizeof msg, _("%s; until then bundles show the "
					    "source text"), why);
		add_problem(r, SEV_ERROR, kind, t->po_path, line, t->lang,
			    text->ctxt, msg);
		return;
	case CHECK_SHIP_LONG:
		add_problem(r, SEV_WARNING, kind, t->po_path, line, t->lang,
			    text->ctxt, why);
		break;
	case CHECK_SHIP:
		break;
	}
	if (check_end_punctuation(text->text, tr, why, sizeof why))
		add_problem(r, SEV_WARNING, "punctuation", t->po_path, line,
			    t->lang, text->ctxt, why);
	if (check_turns(text->text, tr, why, sizeof why))
		add_problem(r, SEV_WARNING, "turns", t->po_path, line,
			    t->lang, text->ctxt, why);
	(void)pack;
}

struct text_walk {
	struct report *r;
	const struct pack *pack;
	const struct target *targets;
	size_t n_targets;
};

/* Adds the placeholder names of `s` to the report's sorted set. */
static void note_places(struct report *r, const char *s)
{
	char found[MAX_PLACEHOLDERS][64];
	size_t n = placeholders(s, found, MAX_PLACEHOLDERS), i, k;

	for (i = 0; i < n; i++) {
		char name[64];
		int cmp = 1;

		/* "{centre_phone}" -> "centre_phone" */
		snprintf(name, sizeof name, "%.*s",
			 (int)strlen(found[i]) - 2, found[i] + 1);
		for (k = 0; k < r->n_places; k++) {
			cmp = strcmp(name, r->places[k]);
			if (cmp <= 0)
				break;
		}
		if (cmp == 0 || r->n_places == MAX_PLACEHOLDERS)
			continue;
		memmove(r->places[k + 1], r->places[k],
			(r->n_places - k) * sizeof r->places[0]);
		memcpy(r->places[k], name, sizeof name);
		r->n_places++;
	}
}

static void walk_text(const struct pack_text *text, void *user)
{
	struct text_walk *w = user;
	size_t i;

	note_places(w->r, text->text);
	if (text->budget && check_text_length(text->text) > text->budget) {
		char why[256], *file = path_join(w->pack->dir, text->file);

		snprintf(why, sizeof why,
			 _("the source text is %zu characters, over the "
			   "budget of %zu for this field; shorten it"),
			 check_text_length(text->text), text->budget);
		add_problem(w->r, SEV_ERROR, "length", file, text->line,
			    w->pack->source_lang, text->ctxt, why);
		free(file);
	}
	for (i = 0; i < w->n_targets; i++)
		if (w->targets[i].cat)
			check_text(w->r, w->pack, &w->targets[i], text);
}

/* ---- what a translator should do next ---- */

struct lang_walk {
	struct report *r;
	const struct target *t;
	size_t translated;
};

/* Counts the language's translated texts and, with --list, notes each
 * untranslated or fuzzy one. */
static void walk_todo(const struct pack_text *text, void *user)
{
	struct lang_walk *w = user;
	struct report *r = w->r;
	enum po_state st = w->t->cat ? po_catalog_state(w->t->cat, text->ctxt,
							text->text)
				     : PO_MISSING;
	const char *state;
	struct todo *td;

	if (st == PO_TRANSLATED) {
		w->translated++;
		return;
	}
	state = st == PO_FUZZY ? N_("fuzzy") : N_("untranslated");
	if (!(r->list & (st == PO_FUZZY ? LIST_FUZZY : LIST_UNTRANSLATED)))
		return;
	if (r->n_todo == r->cap_todo) {
		size_t nc = r->cap_todo ? r->cap_todo * 2 : 64;
		struct todo *nt;

		if (nc > 1000000 || !(nt = realloc(r->todo, nc * sizeof *nt))) {
			r->nomem = 1;
			return;
		}
		r->todo = nt;
		r->cap_todo = nc;
	}
	td = &r->todo[r->n_todo++];
	td->lang = w->t->lang;
	td->state = state;
	td->file = w->t->po_path;
	td->line = st == PO_MISSING ? 0
				    : po_catalog_msgstr_line(w->t->cat,
							     text->ctxt);
	td->ctxt = text->ctxt;
	td->msgid = text->text;
}

/* The keys ("msgctxt\004msgid") of every text of the pack, sorted. */
struct pack_keys {
	char **keys;
	size_t n, cap;
	int nomem;
};

static char *text_key(const char *ctxt, const char *msgid)
{
	size_t a = strlen(ctxt), b = strlen(msgid);
	char *k = malloc(a + b + 2);

	if (k) {
		memcpy(k, ctxt, a);
		k[a] = '\004';
		memcpy(k + a + 1, msgid, b + 1);
	}
	return k;
}

static void collect_key(const struct pack_text *text, void *user)
{
	struct pack_keys *pk = user;

	if (pk->n == pk->cap) {
		size_t nc = pk->cap ? pk->cap * 2 : 256;
		char **nk = nc < 10000000 ? realloc(pk->keys, nc * sizeof *nk)
					  : NULL;

		if (!nk) {
			pk->nomem = 1;
			return;
		}
		pk->keys = nk;
		pk->cap = nc;
	}
	pk->keys[pk->n] = text_key(text->ctxt, text->text);
	if (pk->keys[pk->n])
		pk->n++;
	else
		pk->nomem = 1;
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct stale_walk {
	const struct pack_keys *pk;
	size_t stale, translated;
	char first[128];
};

static void walk_stale(const char *ctxt, const char *msgid,
		       enum po_state state, void *user)
{
	struct stale_walk *w = user;
	char *key;

	if (state != PO_TRANSLATED)
		return;
	w->translated++;
	key = text_key(ctxt, msgid);
	if (key && !bsearch(&key, w->pk->keys, w->pk->n, sizeof *w->pk->keys,
			    key_cmp)) {
		if (!w->stale++)
			snprintf(w->first, sizeof w->first, "%s",
				 ctxt[0] ? ctxt : msgid);
	}
	free(key);
}

/* Translations that match no text of the pack: a .po of another pack,
 * or one not merged since the texts changed. */
static void check_stale(struct report *r, const struct target *t,
			const struct pack_keys *pk)
{
	struct stale_walk w = { pk, 0, 0, "" };
	char why[512];

	po_catalog_foreach(t->cat, walk_stale, &w);
	if (!w.stale)
		return;
	if (w.stale == w.translated) {
		snprintf(why, sizeof why,
			 _("none of its %zu translations matches a text of "
			   "this pack (first: %.100s); is it the .po of "
			   "another pack? run update-po to merge it"),
			 w.stale, w.first);
		add_problem(r, SEV_ERROR, "stale", t->po_path, 0, t->lang,
			    NULL, why);
	} else {
		snprintf(why, sizeof why,
			 _("%zu of its %zu translations match no text of this "
			   "pack (first: %.100s); run update-po to merge it "
			   "with the current texts"),
			 w.stale, w.translated, w.first);
		add_problem(r, SEV_WARNING, "stale", t->po_path, 0, t->lang,
			    NULL, why);
	}
}

/* Returns non-zero when a Language header value names the language of
 * file code `code`: the same primary subtag ("ar_SA" in ar.po), or a
 * name translation platforms use for it. */
static int same_language(const char *header, const char *code)
{
	static const char *const aliases[][2] = {
		{ "prs", "fa_AF" }, { "prs", "fa-AF" }, { "kmr", "ku" },
		{ "nb", "no" },
	};
	size_t a = strcspn(header, "_-@."), b = strcspn(code, "_-@."), i;

	if (a == b && strncasecmp(header, code, a) == 0)
		return 1;
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(code, aliases[i][0]) == 0 &&
		    strncasecmp(header, aliases[i][1],
				strlen(aliases[i][1])) == 0)
			return 1;
	return 0;
}

static void check_language_header(struct report *r, const struct target *t)
{
	const char *language = po_catalog_language(t->cat);
	char why[256];

	if (!language || same_language(language, t->lang))
		return;
	snprintf(why, sizeof why,
		 _("the header says Language: %.40s, but the file is for "
		   "'%.20s'; is it the right file? fix the header or the "
		   "file name"), language, t->lang);
	add_problem(r, SEV_ERROR, "language", t->po_path,
		    po_catalog_header_line(t->cat, "Language"), t->lang, NULL,
		    why);
}

/* Subtitle cues that are on screen at the same time: the player shows
 * one at a time, so the earlier one is cut short. */
static void check_cue_overlaps(struct report *r, const struct pack *pack)
{
	size_t i, a, b, reported;

	for (i = 0; i < pack->n_items; i++) {
		const struct pack_item *it = &pack->items[i];

		reported = 0;
		for (a = 0; a < it->n_cues && reported < 20; a++)
			for (b = 0; b < it->n_cues; b++) {
				const struct pack_cue *x = &it->cues[a];
				const struct pack_cue *y = &it->cues[b];
				char why[256], *file;

				if (a == b || y->start_ms < x->start_ms ||
				    (y->start_ms == x->start_ms && b < a) ||
				    y->start_ms >= x->end_ms)
					continue;
				snprintf(why, sizeof why,
					 _("this cue (%ld.%03ld s to %ld.%03ld "
					   "s) overlaps the next one, from "
					   "%ld.%03ld s; end it before the "
					   "next starts"),
					 x->start_ms / 1000, x->start_ms % 1000,
					 x->end_ms / 1000, x->end_ms % 1000,
					 y->start_ms / 1000, y->start_ms % 1000);
				file = path_join(pack->dir, x->text.file);
				add_problem(r, SEV_WARNING, "subtitles",
					    file ? file : x->text.file,
					    x->text.line, NULL, x->text.ctxt,
					    why);
				free(file);
				reported++;
				break;
			}
	}
}

/* A picture of a whole slide (import --render) carries its text as
 * pixels: no translation reaches it, so every language shows the
 * source's words there. */
static void check_rendered_slides(struct report *r, const struct pack *pack)
{
	size_t i, n;

	for (i = 0; i < pack->n_items; i++) {
		const struct pack_item *it = &pack->items[i];

		if (!it->image)
			continue;
		n = strlen(it->image->src);
		if (n < 10 || strcmp(it->image->src + n - 10, ".slide.png"))
			continue;
		add_problem(r, SEV_WARNING, "untranslatable", pack->path,
			    it->image->line, NULL,
			    it->image_alt ? it->image_alt->ctxt : NULL,
			    _("this is a picture of a whole slide (import "
			      "--render): its text is not translated; "
			      "replace it with text or a picture per "
			      "language when you can"));
	}
}

/* Counts one text into a coverage row. */
static void count(struct coverage *c, const struct target *t,
		  const struct pack_text *text)
{
	c->total++;
	switch (t->cat ? po_catalog_state(t->cat, text->ctxt, text->text)
		       : PO_MISSING) {
	case PO_TRANSLATED:
		c->translated++;
		break;
	case PO_FUZZY:
		c->fuzzy++;
		break;
	default:
		c->untranslated++;
		break;
	}
}

static void coverage_row(struct coverage *c, const struct pack *pack,
			 const struct target *t, const struct pack_level *lv)
{
	size_t i, k;

	memset(c, 0, sizeof *c);
	c->lang = t->lang;
	c->level = lv->id;
	c->draft = po_catalog_is_draft(t->cat);
	c->status = po_catalog_status(t->cat);
	count(c, t, &pack->title);
	count(c, t, &lv->label);
	for (i = 0; i < pack->n_items; i++) {
		const struct pack_item *it = &pack->items[i];

		if (!pack_item_in_level(it, lv->id))
			continue;
		count(c, t, it->heading);
		for (k = 0; k < it->n_paragraphs; k++)
			count(c, t, &it->paragraphs[k]);
		for (k = 0; k < it->n_bullets; k++)
			count(c, t, &it->bullets[k]);
		if (it->image_alt)
			count(c, t, it->image_alt);
		if (it->script)
			count(c, t, it->script);
		for (k = 0; k < it->n_cues; k++)
			count(c, t, &it->cues[k].text);
	}
}

/* Checks that a media file is there and readable, then lets the media
 * module probe it. *duration (NULL: not wanted) is its length in
 * seconds, 0 when unknown. */
static void check_media(struct report *r, const struct pack *pack,
			const struct pack_media *m, const char *what,
			const char *kind, double *duration)
{
	char *path = path_join(pack->dir, m->src);
	char why[512];
	struct media_info info;
	struct stat st;
	FILE *f;

	if (duration)
		*duration = 0;
	if (!path) {
		r->nomem = 1;
		return;
	}
	memset(&st, 0, sizeof st);
	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (fgetc(f) == EOF && ferror(f))) {
		snprintf(why, sizeof why,
			 _("%s '%s' is missing or unreadable (%s); add the "
			   "file or fix src"), what, m->src,
			 f && !S_ISREG(st.st_mode) ? _("not a file")
						   : strerror(errno));
		add_problem(r, SEV_ERROR, "media", pack->path, m->line,
			    m->lang, NULL, why);
		if (f)
			fclose(f);
		free(path);
		return;
	}
	fclose(f);
	r->capture_kind = "media";
	r->capture_lang = m->lang;
	if (media_probe(path, &info) == VV_OK &&
	    media_expect_kind(path, &info, kind) == VV_OK &&
	    media_refuse_unplayable(path, &info) == VV_OK) {
		char above[160];

		if (duration && info.duration > 0)
			*duration = info.duration;
		if (m->lang)
			media_check_language(path, &info, m->lang);
		else if (strcmp(kind, "video") == 0)
			/* one file for every language: each bundle picks
			 * its audio track as the build will */
			for (size_t i = 0; i < pack->n_langs; i++)
				if (media_check_audio_tags(path, &info,
						pack->langs[i],
						pack->source_lang) != VV_OK)
					break;
		if (media_profile_exceeds(&info, &r->profile, above,
					  sizeof above)) {
			snprintf(why, sizeof why,
				 _("video is above the kiosk profile %s (%s); "
				   "it may stutter; build with --transcode, "
				   "or re-encode it, e.g. ffmpeg -i in -vf "
				   "scale=-2:%d,fps=%.0f -c:v libx264 "
				   "-profile:v high -pix_fmt yuv420p -c:a copy "
				   "out.mp4"),
				 r->profile_name, above, r->profile.height,
				 r->profile.fps);
			add_problem(r, SEV_WARNING, "media", path, 0, m->lang,
				    NULL, why);
		}
	}
	r->capture_kind = NULL;
	r->capture_lang = NULL;
	free(path);
}

/* Subtitle cues that start when the film has ended (timed for a longer
 * cut of it): the player never shows them. `duration`: the shortest of
 * the item's films, in seconds. */
static void check_cues_after_end(struct report *r, const struct pack *pack,
				 const struct pack_item *it, double duration)
{
	long end_ms = lround(duration * 1000);
	size_t k, reported = 0;

	for (k = 0; k < it->n_cues && reported < 20; k++) {
		const struct pack_cue *c = &it->cues[k];
		char why[256], *file;

		if (c->start_ms < end_ms)
			continue;
		snprintf(why, sizeof why,
			 _("this cue starts at %ld.%03ld s, but the film ends "
			   "at %ld.%03ld s: it is never shown; are these the "
			   "subtitles of this cut of the film? fix its time "
			   "or remove it"),
			 c->start_ms / 1000, c->start_ms % 1000,
			 end_ms / 1000, end_ms % 1000);
		file = path_join(pack->dir, c->text.file);
		add_problem(r, SEV_WARNING, "subtitles",
			    file ? file : c->text.file, c->text.line, NULL,
			    c->text.ctxt, why);
		free(file);
		reported++;
	}
}

static void check_all_media(struct report *r, const struct pack *pack)
{
	size_t i, k;

	for (i = 0; i < pack->n_items; i++) {
		const struct pack_item *it = &pack->items[i];
		double shortest = 0;

		if (it->image)
			check_media(r, pack, it->image, "<image>", "image",
				    NULL);
		for (k = 0; k < it->n_narration; k++)
			check_media(r, pack, &it->narration[k], "<narration>",
				    "audio", NULL);
		for (k = 0; k < it->n_sources; k++) {
			double d;

			check_media(r, pack, &it->sources[k], "<source>",
				    "video", &d);
			if (d > 0 && (shortest == 0 || d < shortest))
				shortest = d;
		}
		if (it->subtitles)
			check_media(r, pack, it->subtitles, "<subtitles>",
				    "subtitles", NULL);
		if (shortest > 0)
			check_cues_after_end(r, pack, it, shortest);
	}
}

/* Reads po/LINGUAS when present and warns about languages that are
 * there but not in <languages>, or the other way round. */
static void check_linguas(struct report *r, const struct pack *pack)
{
	char *path = path_join(pack->dir, "po/LINGUAS");
	char line[512], why[256];
	FILE *f = path ? fopen(path, "r") : NULL;
	long lineno = 0;

	if (!f) {
		free(path);
		return;
	}
	while (fgets(line, sizeof line, f)) {
		char *tok, *save = NULL;
		size_t i;

		lineno++;
		line[strcspn(line, "#")] = '\0';
		for (tok = strtok_r(line, " \t\r\n", &save); tok;
		     tok = strtok_r(NULL, " \t\r\n", &save)) {
			for (i = 0; i < pack->n_langs; i++)
				if (strcmp(pack->langs[i], tok) == 0)
					break;
			if (i < pack->n_langs)
				continue;
			if (!lang_find(tok)) {
				char known[512];

				lang_known_codes(known, sizeof known);
				snprintf(why, sizeof why,
					 _("unknown language '%.20s'; known "
					   "codes: %.200s"), tok, known);
				add_problem(r, SEV_ERROR, "language", path,
					    lineno, NULL, NULL, why);
			} else {
				snprintf(why, sizeof why,
					 _("'%.20s' is not in pack.xml's "
					   "<languages>; add it there or remove "
					   "it here"), tok);
				add_problem(r, SEV_WARNING, "language", path,
					    lineno, tok, NULL, why);
			}
		}
	}
	fclose(f);
	free(path);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reports one po/NAME.po that no language of the pack reads. */
static void unused_po(struct report *r, const struct pack *pack,
		      const char *name)
{
	size_t stem = strlen(name) - 3, i, best = 0, best_len = 0;
	char why[320], rel[64], *path, *own = NULL;
	struct stat st;

	path = path_join(pack->dir, "po");
	if (path) {
		char *full = path_join(path, name);

		free(path);
		path = full;
	}
	if (!path) {
		r->nomem = 1;
		return;
	}
	/* The language it was meant for: "ar" for ar_SA.po, ar-SA.po and
	 * ar@latin.po (locale names, as Crowdin and Weblate write them). */
	for (i = 0; i < pack->n_langs; i++) {
		size_t n = strlen(pack->langs[i]);

		if (n < stem && strncmp(name, pack->langs[i], n) == 0 &&
		    strchr("_-@.", name[n]) && n > best_len) {
			best = i;
			best_len = n;
		}
	}
	if (best_len && strcmp(pack->langs[best], pack->source_lang) != 0) {
		snprintf(rel, sizeof rel, "po/%.40s.po", pack->langs[best]);
		own = path_join(pack->dir, rel);
		if (own && stat(own, &st) != 0) {
			snprintf(why, sizeof why,
				 _("not used: the translation into '%s' is "
				   "read from %s; rename this file to it"),
				 pack->langs[best], rel);
			add_problem(r, SEV_ERROR, "unused-po", path, 0,
				    pack->langs[best], NULL, why);
		} else {
			snprintf(why, sizeof why,
				 _("not used: the translation into '%s' is "
				   "read from %s; merge this file into it "
				   "(msgcat) or remove it"),
				 pack->langs[best], rel);
			add_problem(r, SEV_WARNING, "unused-po", path, 0,
				    pack->langs[best], NULL, why);
		}
	} else if (strncmp(name, pack->source_lang, stem) == 0 &&
		   strlen(pack->source_lang) == stem) {
		add_problem(r, SEV_WARNING, "unused-po", path, 0, NULL, NULL,
			    _("not used: it is the source language, whose "
			      "text is pack.xml itself"));
	} else {
		snprintf(why, sizeof why,
			 _("not used: '%.*s' is not one of the pack's "
			   "<languages>; add it there and to po/LINGUAS, or "
			   "remove the file"), (int)(stem > 40 ? 40 : stem),
			 name);
		add_problem(r, SEV_WARNING, "unused-po", path, 0, NULL, NULL,
			    why);
	}
	free(own);
	free(path);
}

/* Reports the .po files in po/ that no language of the pack reads: a
 * translator's work there would otherwise be ignored without a word. */
static void check_unused_po(struct report *r, const struct pack *pack)
{
	char *dir = path_join(pack->dir, "po"), **names = NULL;
	size_t n = 0, cap = 0, i, j;
	struct dirent *e;
	DIR *d = dir ? opendir(dir) : NULL;

	free(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		int used = 0;

		if (len < 4 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 3, ".po") != 0)
			continue;
		for (j = 0; j < pack->n_langs && !used; j++)
			used = strlen(pack->langs[j]) == len - 3 &&
			       strncmp(e->d_name, pack->langs[j], len - 3) ==
				       0 &&
			       strcmp(pack->langs[j], pack->source_lang) != 0;
		if (used)
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			char **g;

			if (nc > 4096 || !(g = realloc(names, nc * sizeof *g)))
				break;
			names = g;
			cap = nc;
		}
		if (!(names[n] = strdup(e->d_name))) {
			r->nomem = 1;
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		unused_po(r, pack, names[i]);
		free(names[i]);
	}
	free(names);
}

/* ---- output ---- */

static double percent(const struct coverage *c)
{
	return c->total ? 100.0 * (double)c->translated / (double)c->total
			: 100.0;
}

static void print_json(FILE *out, const struct report *r,
		       const struct pack *pack, const char *dir)
{
	size_t i;

	fputs("{\"pack\":", out);
	if (pack) {
		fputs("{\"id\":", out);
		json_write_string(out, pack->id);
		fputs(",\"version\":", out);
		json_write_string(out, pack->version);
		fputs(",\"source_lang\":", out);
		json_write_string(out, pack->source_lang);
		fputs(",\"dir\":", out);
		json_write_string(out, dir);
		fprintf(out, ",\"items\":%zu,\"levels\":%zu}", pack->n_items,
			pack->n_levels);
	} else {
		fputs("null", out);
	}
	fputs(",\"coverage\":[", out);
	for (i = 0; i < r->n_cov; i++) {
		const struct coverage *c = &r->cov[i];

		fputs(i ? ",{\"lang\":" : "{\"lang\":", out);
		json_write_string(out, c->lang);
		fputs(",\"level\":", out);
		json_write_string(out, c->level);
		fprintf(out, ",\"total\":%zu,\"translated\":%zu,\"fuzzy\":%zu,"
			"\"untranslated\":%zu,\"percent\":%.1f,\"draft\":%s,"
			"\"status\":", c->total, c->translated, c->fuzzy,
			c->untranslated, percent(c),
			c->draft ? "true" : "false");
		json_write_string(out, c->status);
		fputc('}', out);
	}
	fputs("],\"placeholders\":[", out);
	for (i = 0; i < r->n_places; i++) {
		if (i)
			fputc(',', out);
		json_write_string(out, r->places[i]);
	}
	fputs("],\"problems\":[", out);
	for (i = 0; i < r->n_problems; i++) {
		const struct problem *p = &r->problems[i];

		fputs(i ? ",{\"severity\":" : "{\"severity\":", out);
		json_write_string(out,
				  p->sev == SEV_ERROR ? "error" : "warning");
		fputs(",\"kind\":", out);
		json_write_string(out, p->kind);
		fputs(",\"file\":", out);
		json_write_string(out, p->file);
		fprintf(out, ",\"line\":%ld,\"lang\":", p->line);
		json_write_string(out, p->lang);
		fputs(",\"msgctxt\":", out);
		json_write_string(out, p->ctxt);
		fputs(",\"message\":", out);
		json_write_string(out, p->message);
		fputc('}', out);
	}
	fputc(']', out);
	if (r->list) {
		fputs(",\"list\":[", out);
		for (i = 0; i < r->n_todo; i++) {
			const struct todo *td = &r->todo[i];

			fputs(i ? ",{\"lang\":" : "{\"lang\":", out);
			json_write_string(out, td->lang);
			fputs(",\"state\":", out);
			json_write_string(out, td->state);
			fputs(",\"file\":", out);
			json_write_string(out, td->file);
			fprintf(out, ",\"line\":%ld,\"msgctxt\":", td->line);
			json_write_string(out, td->ctxt);
			fputs(",\"msgid\":", out);
			json_write_string(out, td->msgid);
			fputc('}', out);
		}
		fputc(']', out);
	}
	fprintf(out, ",\"errors\":%zu,\"warnings\":%zu}\n", r->errors,
		r->warnings);
}

/* The human report: a coverage table, then one line per problem as
 * "severity: FILE:LINE: msgctxt: message". */
static void print_text(FILE *out, const struct report *r,
		       const struct pack *pack)
{
	size_t i;

	if (pack) {
		fprintf(out, _("Pack %s %s, source language %s, %zu items, "
			       "%zu levels\n\n"),
			pack->id, pack->version, pack->source_lang,
			pack->n_items, pack->n_levels);
		fprintf(out, "%-9s %-18s %6s %10s %6s %13s %7s  %s\n",
			_("LANGUAGE"), _("LEVEL"), _("TOTAL"), _("TRANSLATED"),
			_("FUZZY"), _("UNTRANSLATED"), _("DONE"), _("STATUS"));
		for (i = 0; i < r->n_cov; i++) {
			const struct coverage *c = &r->cov[i];

			fprintf(out, "%-9s %-18s %6zu %10zu %6zu %13zu "
				"%6.1f%%  %s\n", c->lang, c->level, c->total,
				c->translated, c->fuzzy, c->untranslated,
				percent(c),
				!c->translated && c->total ? _("not started")
				: c->draft ? _("draft")
				: c->status ? c->status : "");
		}
		if (!r->n_cov)
			fputs(_("(no target languages besides the source)\n"),
			      out);
	}
	if (r->list) {
		fputs(_("\nTo translate (--list): LANGUAGE STATE FILE:LINE: "
			"MSGCTXT: SOURCE TEXT\n"), out);
		for (i = 0; i < r->n_todo; i++) {
			const struct todo *td = &r->todo[i];

			fprintf(out, "%s %s ", td->lang, _(td->state));
			if (td->line > 0)
				fprintf(out, "%s:%ld: ", td->file, td->line);
			else
				fprintf(out, "%s: ", td->file);
			fprintf(out, "%s: %s\n", td->ctxt, td->msgid);
		}
		if (!r->n_todo)
			fputs(_("(nothing left to translate)\n"), out);
	}
	if (r->n_places) {
		/* What each kiosk's site file (veiviser-play --site) must
		 * give; a missing one shows as a neutral mark. */
		fputs(_("\nlocal details for the site file: "), out);
		for (i = 0; i < r->n_places; i++)
			fprintf(out, "%s%s", i ? ", " : "", r->places[i]);
		fputc('\n', out);
	}
	if (r->n_problems)
		fputc('\n', out);
	for (i = 0; i < r->n_problems; i++) {
		const struct problem *p = &r->problems[i];

		fputs(p->sev == SEV_ERROR ? _("error: ") : _("warning: "), out);
		if (p->file && p->line > 0)
			fprintf(out, "%s:%ld: ", p->file, p->line);
		else if (p->file)
			fprintf(out, "%s: ", p->file);
		if (p->ctxt)
			fprintf(out, "%s: ", p->ctxt);
		fprintf(out, "%s\n", p->message);
	}
	fprintf(out, _("\nerrors: %zu, warnings: %zu\n"), r->errors,
		r->warnings);
}

/* Parses --list's value: "untranslated", "fuzzy" or both, comma
 * separated. Returns 0 and sets *list, or -1. */
static int parse_list(const char *v, int *list)
{
	char buf[64], *tok, *save = NULL;

	*list = 0;
	if (!v[0] || strlen(v) >= sizeof buf)
		return -1;
	snprintf(buf, sizeof buf, "%s", v);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "untranslated") == 0)
			*list |= LIST_UNTRANSLATED;
		else if (strcmp(tok, "fuzzy") == 0)
			*list |= LIST_FUZZY;
		else
			return -1;
	}
	return *list ? 0 : -1;
}

static void usage(FILE *to)
{
	fprintf(to, _("usage: veiviser-build check PACKDIR [--json] "
		      "[--list untranslated,fuzzy] [--profile 1080p30]\n"
		      "Quality report: coverage per language and level, "
		      "placeholder, markup,\nlength and media problems. Exit "
		      "0 when clean, 1 when problems were found,\n2 on a "
		      "usage or I/O error.\n"));
}

enum { OPT_JSON = 256, OPT_LIST, OPT_PROFILE };

static const struct option check_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "list", required_argument, NULL, OPT_LIST },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ NULL, 0, NULL, 0 }
};

int cmd_check(int argc, char **argv)
{
	struct report r = { 0 };
	struct pack *pack = NULL;
	struct target *targets = NULL;
	struct text_walk walk;
	const char *dir = NULL, *profile = NULL;
	size_t n_targets = 0, i, k;
	int json = 0, rc, c;
	enum vv_err err;

	args_begin();
	while ((c = args_next(argc, argv, "h", check_options,
			      "veiviser-build check")) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 0;
		case OPT_JSON:
			json = 1;
			break;
		case OPT_LIST:
			if (parse_list(optarg, &r.list) != 0) {
				fprintf(stderr, _("veiviser-build check: "
						  "--list takes untranslated, "
						  "fuzzy or both, separated "
						  "by a comma\n"));
				return 2;
			}
			break;
		case OPT_PROFILE:
			profile = optarg;
			if (media_profile_parse(profile, &r.profile) !=
			    VV_OK) {
				fprintf(stderr, _("veiviser-build check: "
						  "--profile '%s' is not a "
						  "profile; write e.g. "
						  "1080p30, 720p or "
						  "1280x720@25\n"), profile);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (optind < argc)
		dir = argv[optind++];
	if (optind < argc || !dir)
		return args_operands_error("veiviser-build check",
					   _("one PACKDIR"),
					   optind < argc ? argv[optind]
							 : NULL);

	{
		/* No pack to look at is a usage or I/O error, not a finding. */
		char *xml = path_join(dir, PACK_XML);

		if (!xml)
			return 2;
		if (access(xml, R_OK) != 0) {
			vv_error(xml, 0, _("cannot read the pack: %s; give the "
					   "directory that holds pack.xml"),
				 strerror(errno));
			free(xml);
			return 2;
		}
		free(xml);
	}
	vv_error_set_hook(capture_line, &r);
	r.capture_kind = "pack";
	err = pack_load(dir, &pack);
	r.capture_kind = NULL;
	if (err && !r.n_problems)
		add_problem(&r, SEV_ERROR, "pack", NULL, 0, NULL, NULL,
			    _(vv_strerror(err)));
	if (!pack)
		goto output;
	/* The command line wins over the pack, which wins over the
	 * default; the pack's value was checked when it was loaded. */
	if (!profile) {
		profile = pack->video_profile ? pack->video_profile
					      : MEDIA_PROFILE_DEFAULT;
		if (media_profile_parse(profile, &r.profile) != VV_OK)
			media_profile_parse(MEDIA_PROFILE_DEFAULT, &r.profile);
	}
	r.profile_name = profile;

	for (i = 0; i < pack->n_langs; i++)
		if (strcmp(pack->langs[i], pack->source_lang) != 0)
			n_targets++;
	targets = calloc(n_targets + 1, sizeof *targets);
	r.cov = calloc(n_targets * pack->n_levels + 1, sizeof *r.cov);
	if (!targets || !r.cov) {
		r.nomem = 1;
		goto output;
	}
	n_targets = 0;
	for (i = 0; i < pack->n_langs; i++) {
		struct target *t;
		char name[64];
		struct stat st;

		if (strcmp(pack->langs[i], pack->source_lang) == 0)
			continue;
		t = &targets[n_targets++];
		t->lang = pack->langs[i];
		snprintf(name, sizeof name, "po/%.40s.po", t->lang);
		t->po_path = path_join(pack->dir, name);
		if (!t->po_path) {
			r.nomem = 1;
			goto output;
		}
		if (stat(t->po_path, &st) != 0) {
			t->missing = 1;
			add_problem(&r, SEV_ERROR, "missing-po", t->po_path, 0,
				    t->lang, NULL,
				    _("no translation yet (0 %): bundles in "
				      "this language would show only the "
				      "source text; add the language to "
				      "po/LINGUAS, run update-po and "
				      "translate it"));
			continue;
		}
		r.capture_kind = "po";
		r.capture_lang = t->lang;
		if (po_catalog_load(t->po_path, &t->cat) != VV_OK) {
			t->cat = NULL;
			t->broken = 1;
		}
		r.capture_kind = NULL;
		r.capture_lang = NULL;
		if (po_catalog_is_draft(t->cat)) {
			char why[256];

			snprintf(why, sizeof why,
				 _("marked as a draft (X-Translation-Status: "
				   "%.100s); bundles will say so"),
				 po_catalog_status(t->cat));
			add_problem(&r, SEV_WARNING, "draft", t->po_path, 0,
				    t->lang, NULL, why);
		}
	}
	for (i = 0; i < n_targets; i++)
		for (k = 0; k < pack->n_levels; k++)
			coverage_row(&r.cov[r.n_cov++], pack, &targets[i],
				     &pack->levels[k]);
	{
		struct pack_keys pk = { NULL, 0, 0, 0 };

		pack_foreach_text(pack, collect_key, &pk);
		if (pk.n)
			qsort(pk.keys, pk.n, sizeof *pk.keys, key_cmp);
		if (pk.nomem)
			r.nomem = 1;
		for (i = 0; i < n_targets; i++) {
			struct lang_walk lw = { &r, &targets[i], 0 };

			pack_foreach_text(pack, walk_todo, &lw);
			if (targets[i].broken)
				continue;
			if (!lw.translated && !targets[i].missing)
				add_problem(&r, SEV_ERROR, "coverage",
					    targets[i].po_path, 0,
					    targets[i].lang, NULL,
					    _("no text is translated (0 %): "
					      "bundles in this language would "
					      "show only the source text; "
					      "translate it, or remove the "
					      "language from <languages>"));
			if (targets[i].cat) {
				check_stale(&r, &targets[i], &pk);
				check_language_header(&r, &targets[i]);
			}
		}
		for (i = 0; i < pk.n; i++)
			free(pk.keys[i]);
		free(pk.keys);
	}
	check_cue_overlaps(&r, pack);
	check_rendered_slides(&r, pack);
	check_linguas(&r, pack);
	check_unused_po(&r, pack);
	walk.r = &r;
	walk.pack = pack;
	walk.targets = targets;
	walk.n_targets = n_targets;
	pack_foreach_text(pack, walk_text, &walk);
	check_all_media(&r, pack);

output:
	vv_error_set_hook(NULL, NULL);
	if (json)
		print_json(stdout, &r, pack, dir);
	else
		print_text(stdout, &r, pack);
	fflush(stdout);
	rc = r.nomem ? 2 : r.errors ? 1 : 0;
	if (ferror(stdout))
		rc = 2;
	for (i = 0; targets && i < n_targets; i++) {
		free(targets[i].po_path);
		po_catalog_free(targets[i].cat);
	}
	free(targets);
	report_free(&r);
	pack_free(pack);
	return rc;
}
