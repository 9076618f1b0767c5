/* import_translation: aligns a translated copy of a deck with the pack
 * made from the source deck, through the pack's import.map: slide by
 * slide (the deck's slide ids) and shape by shape (translated copies keep
 * shape ids). The aligned texts go into po/LANG.po as fuzzy entries with
 * a comment (imported, needing review); what cannot be aligned is listed,
 * never guessed. Everything is read and aligned before anything is
 * written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "builder/commands.h"
#include "builder/import_deck.h"
#include "builder/import_pack.h"
#include "builder/pack.h"
#include "builder/po.h"
#include "common/atomic.h"
#include "common/file.h"
#include "common/i18n.h"
#include "common/lang.h"
#include "common/path.h"
#include "common/xml.h"

struct entry {
	char *ctxt, *key, *origin; /* point into the map's text */
	const char *msgid;         /* the pack's text (borrowed) */
	const char *msgstr;        /* the aligned translation, or NULL */
	int used;
};

struct align {
	struct entry *e;
	size_t n;
	const struct pack *pack;
};

static void find_msgid(const struct pack_text *t, void *user)
{
	struct align *a = user;
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!a->e[i].msgid && strcmp(a->e[i].ctxt, t->ctxt) == 0)
			a->e[i].msgid = t->text;
}

/* Parses import.map (tab-separated ctxt, slide key, origin; '#'
 * comments). Returns 0, or -1 after an error line. `data` is modified. */
static int map_parse(const char *path, char *data, struct align *a)
{
	char *line, *save = NULL;
	long n = 0;

	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *t1, *t2;
		struct entry *p;

		n++;
		if (line[0] == '#' || !line[0])
			continue;
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2) {
			vv_error(path, n, _("not \"msgctxt<TAB>slide<TAB>"
					    "shape\"; import the deck again"));
			return -1;
		}
		*t1 = *t2 = '\0';
		p = realloc(a->e, (a->n + 1) * sizeof *p);
		if (!p) {
			vv_error(path, n, _("out of memory"));
			return -1;
		}
		a->e = p;
		memset(&p[a->n], 0, sizeof *p);
		p[a->n].ctxt = line;
		p[a->n].key = t1 + 1;
		p[a->n].origin = t2 + 1;
		a->n++;
	}
	return 0;
}

static const struct import_slide *slide_of(const struct import_deck *d,
					   const char *key)
{
	size_t i;

	for (i = 0; i < d->n_slides; i++)
		if (strcmp(d->slides[i].key, key) == 0)
			return &d->slides[i];
	return NULL;
}

/* The translated text at `origin` on slide s, or NULL. */
static const char *text_at(const struct import_slide *s, const char *origin)
{
	size_t i;

	if (strcmp(origin, "picture") == 0)
		return s->picture_alt;
	if (s->heading && strcmp(s->heading->origin, origin) == 0)
		return s->heading->plain;
	if (s->notes && strcmp(s->notes->origin, origin) == 0)
		return s->notes->plain;
	for (i = 0; i < s->n_paras; i++)
		if (strcmp(s->paras[i].origin, origin) == 0)
			return s->paras[i].plain;
	for (i = 0; i < s->n_bullets; i++)
		if (strcmp(s->bullets[i].origin, origin) == 0)
			return s->bullets[i].plain;
	return NULL;
}

static int in_map(const struct align *a, const char *key, const char *origin)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->e[i].key, key) == 0 &&
		    strcmp(a->e[i].origin, origin) == 0)
			return 1;
	return 0;
}

static int key_in_map(const struct align *a, const char *key)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->e[i].key, key) == 0)
			return 1;
	return 0;
}

/* Lists the translated deck's texts that the source does not have. */
static size_t list_extra(const struct align *a, const struct import_deck *d)
{
	size_t i, j, n = 0;

	for (i = 0; i < d->n_slides; i++) {
		const struct import_slide *s = &d->slides[i];
		const struct import_text *all[3] = { s->heading, s->notes,
						     NULL };

		if (s->hidden)
			continue;
		if (!key_in_map(a, s->key)) {
			printf(_("  not aligned: slide %d (id %s) is not in "
				 "the source deck; left out\n"),
			       s->number, s->key);
			n++;
			continue;
		}
		for (j = 0; j < 2; j++)
			if (all[j] && !in_map(a, s->key, all[j]->origin)) {
				printf(_("  not aligned: slide %d, shape %s: "
					 "\"%s\" is not in the source\n"),
				       s->number, all[j]->origin,
				       all[j]->plain);
				n++;
			}
		for (j = 0; j < s->n_paras + s->n_bullets; j++) {
			const struct import_text *t =
				j < s->n_paras ? &s->paras[j]
					       : &s->bullets[j - s->n_paras];

			if (!in_map(a, s->key, t->origin)) {
				printf(_("  not aligned: slide %d, shape %s: "
					 "\"%s\" is not in the source (a shape "
					 "split or added?)\n"),
				       s->number, t->origin, t->plain);
				n++;
			}
		}
	}
	return n;
}

/* Adds `lang` to the <languages> of pack.xml (kept as it is otherwise)
 * and to po/LINGUAS. Returns 0, or -1 after an error line. */
static int add_language(const char *dir, const char *lang)
{
	char *path = path_join(dir, "pack.xml");
	xmlDoc *doc = path ? xmlReadFile(path, NULL, XML_PARSE_NONET) : NULL;
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNode *langs = root ? (xmlNode *)xml_first(root, NULL, "languages")
			      : NULL;
	xmlNode *c;
	char *data = NULL, *linguas;
	size_t len = 0;
	int rc = -1, found = 0;

	for (c = langs ? langs->children : NULL; c; c = c->next)
		if (c->type == XML_TEXT_NODE) {
			xmlChar *s = xmlNodeGetContent(c);
			char *tok, *save = NULL;

			for (tok = s ? strtok_r((char *)s, " \t\n", &save)
				     : NULL;
			     tok; tok = strtok_r(NULL, " \t\n", &save))
				if (strcmp(tok, lang) == 0)
					found = 1;
			xmlFree(s);
			break;
		}
	if (!langs || !c) {
		vv_error(path ? path : dir, 0, _("no <languages> to add %s "
						 "to"), lang);
		goto out;
	}
	if (!found) {
		xmlChar *s = xmlNodeGetContent(c);
		size_t n = strlen((char *)s);
		char *add = malloc(n + strlen(lang) + 2), *end;

		if (!add) {
			xmlFree(s);
			goto out;
		}
		memcpy(add, s, n + 1);
		/* "nb uk\n    <prompt" : the new code after the last one */
		end = add + n;
		while (end > add && (end[-1] == ' ' || end[-1] == '\n' ||
				     end[-1] == '\t'))
			end--;
		memmove(end + strlen(lang) + 1, end, strlen(end) + 1);
		*end = ' ';
		memcpy(end + 1, lang, strlen(lang));
		xmlNodeSetContent(c, (xmlChar *)add);
		free(add);
		xmlFree(s);
		{
			xmlChar *mem = NULL;
			int size = 0;

			xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
			if (!mem || atomic_write(path, mem, (size_t)size,
						 ATOMIC_DURABLE) != VV_OK) {
				xmlFree(mem);
				goto out;
			}
			xmlFree(mem);
		}
	}
	linguas = path_join(dir, "po/LINGUAS");
	if (!linguas)
		goto out;
	if (file_read(linguas, 1 << 16, &data, &len) != VV_OK) {
		data = NULL;
		len = 0;
	}
	found = 0;
	if (data) {
		char *copy = strdup(data), *tok, *save = NULL;

		for (tok = copy ? strtok_r(copy, " \t\n", &save) : NULL; tok;
		     tok = strtok_r(NULL, " \t\n", &save))
			if (tok[0] != '#' && strcmp(tok, lang) == 0)
				found = 1;
		free(copy);
	}
	if (!found) {
		char *po_dir = path_join(dir, "po");
		struct strbuf b;

		strbuf_init(&b, (1 << 16) + 64);
		if (data) {
			strbuf_add(&b, data, len);
			if (len && data[len - 1] != '\n')
				strbuf_puts(&b, "\n");
		}
		strbuf_printf(&b, "%s\n", lang);
		if (!po_dir || path_make_dirs(po_dir, 0777) != 0 ||
		    b.failed ||
		    atomic_write(linguas, b.data, b.len, ATOMIC_DURABLE) !=
			    VV_OK) {
			free(po_dir);
			strbuf_free(&b);
			free(linguas);
			goto out;
		}
		free(po_dir);
		strbuf_free(&b);
	}
	free(linguas);
	rc = 0;
out:
	free(data);
	xmlFreeDoc(doc);
	free(path);
	return rc;
}

/* Fills the aligned entries into po/LANG.po. */
static int fill_po(const char *dir, const char *lang, const char *deck,
		   struct align *a, size_t *filled, size_t *kept)
{
	char name[40], *path;
	po_file_t f;
	po_message_iterator_t it;
	po_message_t m;
	char comment[1024];
	int changed;
	enum vv_err err;

	snprintf(name, sizeof name, "po/%.15s.po", lang);
	path = path_join(dir, name);
	f = path ? po_read(path) : NULL;
	if (!f) {
		free(path);
		return -1;
	}
	snprintf(comment, sizeof comment,
		 "Imported from %s by veiviser-build import --translation;\n"
		 "review it, then remove the fuzzy flag.\n", deck);
	it = po_message_iterator(f, NULL);
	while ((m = po_next_message(it)) != NULL) {
		const char *ctxt = po_message_msgctxt(m);
		const char *msgid = po_message_msgid(m);
		size_t i;

		if (!ctxt || po_message_is_obsolete(m))
			continue;
		for (i = 0; i < a->n; i++) {
			struct entry *e = &a->e[i];

			if (!e->msgstr || !e->msgid ||
			    strcmp(e->ctxt, ctxt) != 0 ||
			    strcmp(e->msgid, msgid) != 0)
				continue;
			e->used = 1;
			if (po_message_msgstr(m)[0] &&
			    !po_message_is_fuzzy(m)) {
				if (strcmp(po_message_msgstr(m), e->msgstr))
					(*kept)++;
				break;
			}
			po_message_set_msgstr(m, e->msgstr);
			po_message_set_fuzzy(m, 1);
			po_message_set_comments(m, comment);
			(*filled)++;
			break;
		}
	}
	po_message_iterator_free(it);
	err = po_write(f, path, &changed);
	po_file_free(f);
	free(path);
	return err == VV_OK ? 0 : -1;
}

int import_translation(const char *lang, const char *deck_path,
		       const char *dir)
{
	struct import_deck deck;
	struct align a = { 0 };
	struct pack *pack = NULL;
	char *map_path = path_join(dir, "import.map"), *map = NULL;
	size_t len, i, n_aligned = 0, n_missing = 0, n_extra, filled = 0,
	       kept = 0;
	const char *argv_update[] = { "update-po", dir, NULL };
	enum vv_err err;
	int rc = 1;

	memset(&deck, 0, sizeof deck);
	if (!lang_find(lang)) {
		fprintf(stderr, _("veiviser-build import: --translation %s: "
				  "not a language Veiviser knows\n"), lang);
		free(map_path);
		return 2;
	}
	if (!map_path)
		return 2;
	err = file_read(map_path, 16 << 20, &map, &len);
	if (err != VV_OK) {
		vv_error(map_path, 0, _("cannot read it; --translation needs "
					"a pack made by veiviser-build "
					"import"));
		free(map_path);
		return err == VV_ERR_IO ? 2 : 1;
	}
	if (map_parse(map_path, map, &a) < 0)
		goto out;
	err = pack_load(dir, &pack);
	if (err != VV_OK) {
		rc = err == VV_ERR_IO ? 2 : 1;
		goto out;
	}
	if (strcmp(pack->source_lang, lang) == 0) {
		fprintf(stderr, _("veiviser-build import: --translation %s is "
				  "the pack's source language\n"), lang);
		rc = 2;
		goto out;
	}
	a.pack = pack;
	pack_foreach_text(pack, find_msgid, &a);
	err = import_deck_read(deck_path, &deck);
	if (err != VV_OK) {
		rc = err == VV_ERR_FORMAT ? 1 : 2;
		goto out;
	}
	printf(_("%s: %zu slides, aligned with %s by slide and shape ids\n"),
	       deck_path, deck.n_slides, dir);
	for (i = 0; i < a.n; i++) {
		struct entry *e = &a.e[i];
		const struct import_slide *s = slide_of(&deck, e->key);

		if (!e->msgid) {
			printf(_("  not aligned: %s is no longer in "
				 "pack.xml\n"), e->ctxt);
			n_missing++;
		} else if (!s) {
			printf(_("  not aligned: %s: slide id %s is not in the "
				 "translated deck\n"), e->ctxt, e->key);
			n_missing++;
		} else if (!(e->msgstr = text_at(s, e->origin))) {
			printf(_("  not aligned: %s: slide %d has no text at "
				 "shape %s (a shape split or removed?)\n"),
			       e->ctxt, s->number, e->origin);
			n_missing++;
		} else {
			n_aligned++;
		}
	}
	n_extra = list_extra(&a, &deck);
	if (n_aligned == 0) {
		vv_error(deck_path, 0, _("no text could be aligned with the "
					 "pack; is it a translated copy of "
					 "the deck the pack was imported "
					 "from?"));
		goto out;
	}
	/* Written from here on: the language, the merged catalogue, the
	 * imported texts. */
	if (add_language(dir, lang) < 0) {
		rc = 2;
		goto out;
	}
	rc = cmd_update_po(2, (char **)argv_update);
	if (rc != 0)
		goto out;
	if (fill_po(dir, lang, deck_path, &a, &filled, &kept) < 0) {
		rc = 2;
		goto out;
	}
	printf(_("po/%s.po: %zu texts imported as fuzzy (review them), "
		 "%zu reviewed translations kept, %zu not aligned in the "
		 "pack, %zu in the translated deck\n"),
	       lang, filled, kept, n_missing, n_extra);
	rc = 0;
out:
	import_deck_clear(&deck);
	pack_free(pack);
	free(a.e);
	free(map);
	free(map_path);
	return rc;
}
