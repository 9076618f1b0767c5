/* import_odp: reads an Impress deck (OpenDocument presentation):
 * content.xml holds the pages in order, each with its frames (title,
 * outline, text boxes, pictures, films, objects) and its notes; bold,
 * italic and hidden pages come from the automatic styles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "builder/import_deck.h"
#include "common/i18n.h"
#include "common/xml.h"

#define NS_XML "http://www.w3.org/XML/1998/namespace"

struct style {
	char *name;
	int bold, italic, hidden;
};

struct styles {
	struct style *s;
	size_t n;
};

static void styles_read(const xmlNode *auto_styles, struct styles *st)
{
	const xmlNode *c, *p;

	for (c = auto_styles ? auto_styles->children : NULL; c; c = c->next) {
		struct style *ns, one = { 0 };

		if (!xml_is(c, NULL, "style"))
			continue;
		one.name = xml_attr(c, "name");
		if (!one.name)
			continue;
		for (p = c->children; p; p = p->next) {
			char *w = xml_attr(p, "font-weight");
			char *i = xml_attr(p, "font-style");
			char *v = xml_attr(p, "visibility");

			if (w && (strcmp(w, "bold") == 0 || atoi(w) >= 600))
				one.bold = 1;
			if (i && (strcmp(i, "italic") == 0 ||
				  strcmp(i, "oblique") == 0))
				one.italic = 1;
			if (v && strcmp(v, "hidden") == 0)
				one.hidden = 1;
			free(w);
			free(i);
			free(v);
		}
		ns = realloc(st->s, (st->n + 1) * sizeof *ns);
		if (!ns) {
			free(one.name);
			return;
		}
		st->s = ns;
		st->s[st->n++] = one;
	}
}

static void styles_free(struct styles *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		free(st->s[i].name);
	free(st->s);
}

static const struct style *style_of(const struct styles *st,
				    const xmlNode *n)
{
	char *name = xml_attr(n, "style-name");
	size_t i;

	for (i = 0; name && i < st->n; i++)
		if (strcmp(st->s[i].name, name) == 0) {
			free(name);
			return &st->s[i];
		}
	free(name);
	return NULL;
}

/* Adds the text of a text:p / text:h / text:span to p, with the styles
 * of the spans (inherited inwards). */
static void odp_runs(const struct styles *st, struct import_para *p,
		     const xmlNode *n, int bold, int italic, int depth)
{
	const xmlNode *c;

	if (depth > 16)
		return;
	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			import_para_run(p, (const char *)c->content,
					strlen((const char *)c->content), bold,
					italic);
		} else if (xml_is(c, NULL, "span") || xml_is(c, NULL, "a")) {
			const struct style *s = style_of(st, c);

			odp_runs(st, p, c, bold || (s && s->bold),
				 italic || (s && s->italic), depth + 1);
		} else if (xml_is(c, NULL, "s") || xml_is(c, NULL, "tab") ||
			   xml_is(c, NULL, "line-break")) {
			import_para_run(p, " ", 1, 0, 0);
		}
	}
}

struct frame_ctx {
	const struct styles *st;
	struct import_slide *s;
	const char *id;
	int index;       /* paragraphs so far in the frame */
};

static int odp_paragraph(struct frame_ctx *f, const xmlNode *n, int level,
			 int bullet)
{
	struct import_para p;
	struct import_text t;
	char origin[96];
	const struct style *s = style_of(f->st, n);
	int r;

	f->index++;
	import_para_init(&p, 1);
	odp_runs(f->st, &p, n, s && s->bold, s && s->italic, 0);
	snprintf(origin, sizeof origin, "%s:%d", f->id, f->index);
	r = import_para_end(&p, origin, level, &t);
	if (r <= 0)
		return r;
	if (bullet) {
		if (level > f->s->max_level)
			f->s->max_level = level;
		return import_texts_push(&f->s->bullets, &f->s->n_bullets, &t);
	}
	t.bullets_before = f->s->n_bullets; /* reading order */
	return import_texts_push(&f->s->paras, &f->s->n_paras, &t);
}

/* The paragraphs of a text box or list; lists nest (level = depth). A
 * paragraph is a bullet when it is the first of a list item: the item's
 * label goes with it. Impress writes a paragraph whose bullet is
 * switched off outside the list (in an outline frame too), or after the
 * first paragraph of a list item; a list header has no label either.
 * in_list: box is inside a list (its lists nest one level deeper);
 * labelled: box is a list item. */
static int odp_text(struct frame_ctx *f, const xmlNode *box, int level,
		    int in_list, int labelled)
{
	const xmlNode *c, *item;
	int label = labelled;

	if (level > 8)
		level = 8;
	for (c = box->children; c; c = c->next) {
		if (xml_is(c, NULL, "p") || xml_is(c, NULL, "h")) {
			if (odp_paragraph(f, c, level, label) < 0)
				return -1;
			label = 0;
		} else if (xml_is(c, NULL, "list")) {
			int inner = in_list ? level + 1 : level;

			for (item = c->children; item; item = item->next)
				if ((xml_is(item, NULL, "list-item") ||
				     xml_is(item, NULL, "list-header")) &&
				    odp_text(f, item, inner, 1,
					     xml_is(item, NULL, "list-item"))
					    < 0)
					return -1;
		}
	}
	return 0;
}

/* Plain text of every paragraph in `n` (a heading, notes). */
static void plain_all(const struct styles *st, struct import_para *p,
		      const xmlNode *n, int depth)
{
	const xmlNode *c;

	if (depth > 16)
		return;
	for (c = n->children; c; c = c->next) {
		if (xml_is(c, NULL, "p") || xml_is(c, NULL, "h")) {
			odp_runs(st, p, c, 0, 0, 0);
			import_para_run(p, " ", 1, 0, 0);
		} else if (c->type == XML_ELEMENT_NODE) {
			plain_all(st, p, c, depth + 1);
		}
	}
}

static char *frame_id(const xmlNode *n, int counter)
{
	char *id = (char *)xmlGetNsProp((xmlNode *)n, (const xmlChar *)"id",
					(const xmlChar *)NS_XML);
	char buf[32];

	if (id) {
		char *copy = strdup(id);

		xmlFree(id);
		return copy;
	}
	id = xml_attr(n, "id");
	if (id)
		return id;
	snprintf(buf, sizeof buf, "f%d", counter);
	return strdup(buf);
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* The first descendant element called `name`, depth first. */
static const xmlNode *find_deep(const xmlNode *n, const char *name, int depth)
{
	const xmlNode *c, *f;

	if (depth > 32)
		return NULL;
	for (c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, NULL, name))
			return c;
		if ((f = find_deep(c, name, depth + 1)) != NULL)
			return f;
	}
	return NULL;
}

static const xmlNode *find_table(const xmlNode *n)
{
	return find_deep(n, "table", 0);
}

static const xmlNode *find_math(const xmlNode *n)
{
	return find_deep(n, "math", 0);
}

/* The frame's picture: a PNG or JPEG one when the frame has one (Impress
 * stores a PNG beside an SVG), else the first. */
static const xmlNode *first_image(const xmlNode *fr)
{
	const xmlNode *c, *first = NULL;

	for (c = fr->children; c; c = c->next) {
		char *href;
		int raster;

		if (!xml_is(c, NULL, "image"))
			continue;
		if (!first)
			first = c;
		href = xml_attr(c, "href");
		raster = href && (has_ext(href, ".png") ||
				  has_ext(href, ".jpg") ||
				  has_ext(href, ".jpeg"));
		free(href);
		if (raster)
			return c;
	}
	return first;
}

static int odp_frame(const struct styles *st, struct import_slide *s,
		     const xmlNode *fr, int counter)
{
	char *cls = xml_attr(fr, "class");
	char *id = frame_id(fr, counter);
	const xmlNode *box = xml_first(fr, NULL, "text-box");
	const xmlNode *img = first_image(fr);
	const xmlNode *plugin = xml_first(fr, NULL, "plugin");
	int r = 0;

	if (!id) {
		free(cls);
		return -1;
	}
	if (plugin) {
		char *href = xml_attr(plugin, "href");
		char *mime = xml_attr(plugin, "mime-type");

		if (!href || (mime && strncmp(mime, "video/", 6) != 0 &&
			      strncmp(mime, "application/vnd.sun.star.media",
				      30) != 0)) {
			import_slide_lost(s, _("sound or plug-in"), 0);
		} else if (s->video || s->video_link) {
			import_slide_lost(s, _("film"), 0);
		} else {
			const char *h = strncmp(href, "./", 2) == 0 ? href + 2
								     : href;

			if (strstr(h, "://") || h[0] == '/' ||
			    strncmp(h, "../", 3) == 0)
				s->video_link = strdup(strncmp(h, "../", 3)
							       == 0 ? h + 3
								    : h);
			else
				s->video = strdup(h);
		}
		free(href);
		free(mime);
	} else if (xml_first(fr, NULL, "object") ||
		   xml_first(fr, NULL, "object-ole")) {
		import_slide_lost(s, _("chart or embedded object"), 1);
	} else if (find_table(fr)) {
		import_slide_lost(s, _("table"), 1);
	} else if (img && !box) {
		char *href = xml_attr(img, "href");
		const xmlNode *desc = xml_first(fr, NULL, "desc");
		const xmlNode *title = xml_first(fr, NULL, "title");

		if (!href) {
			import_slide_lost(s, _("linked picture"), 0);
		} else if (has_ext(href, ".emf") || has_ext(href, ".wmf") ||
			   has_ext(href, ".svm")) {
			import_slide_lost(s, _("EMF/WMF picture"), 1);
		} else if (!has_ext(href, ".png") && !has_ext(href, ".jpg") &&
			   !has_ext(href, ".jpeg") && !has_ext(href, ".svg")) {
			import_slide_lost(s, _("picture in an unsupported "
					       "format"), 1);
		} else if (s->picture) {
			s->extra_pictures++;
			import_slide_lost(s, _("second picture"), 0);
		} else {
			s->picture = strdup(href);
			if (desc || title) {
				xmlChar *d = xmlNodeGetContent(
					(xmlNode *)(desc ? desc : title));

				if (d && d[0])
					s->picture_alt = strdup((char *)d);
				xmlFree(d);
			}
		}
		free(href);
	} else if (box && cls && (strcmp(cls, "title") == 0) && !s->heading) {
		struct import_para p;
		struct import_text t;
		char origin[96];

		import_para_init(&p, 0);
		plain_all(st, &p, box, 0);
		snprintf(origin, sizeof origin, "%s:1", id);
		r = import_para_end(&p, origin, 0, &t);
		if (r > 0 && (s->heading = malloc(sizeof t)))
			*s->heading = t;
		else if (r > 0)
			import_text_clear(&t), r = -1;
	} else if (box && cls && (strcmp(cls, "page-number") == 0 ||
				  strcmp(cls, "footer") == 0 ||
				  strcmp(cls, "date-time") == 0 ||
				  strcmp(cls, "header") == 0)) {
		/* footer fields: not content */
	} else if (box) {
		struct frame_ctx f = { st, s, id, 0 };

		r = odp_text(&f, box, 0, 0, 0);
		if (find_math(box))
			import_slide_lost(s, _("equation"), 1);
	}
	free(cls);
	free(id);
	return r < 0 ? -1 : 0;
}

static int odp_shapes(const struct styles *st, struct import_slide *s,
		      const xmlNode *parent, int *counter, int depth)
{
	const xmlNode *c;

	if (depth > 32)
		return 0;
	for (c = parent->children; c; c = c->next) {
		if (xml_is(c, NULL, "frame") ||
		    xml_is(c, NULL, "custom-shape") ||
		    xml_is(c, NULL, "rect") || xml_is(c, NULL, "ellipse")) {
			const xmlNode *fr = c;

			(*counter)++;
			if (!xml_is(c, NULL, "frame") &&
			    !xml_first(c, NULL, "text-box")) {
				/* a shape's own text: paragraphs */
				struct frame_ctx f = { st, s, NULL, 0 };
				char *id = frame_id(c, *counter);

				if (!id)
					return -1;
				f.id = id;
				if (odp_text(&f, c, 0, 0, 0) < 0) {
					free(id);
					return -1;
				}
				free(id);
				continue;
			}
			if (odp_frame(st, s, fr, *counter) < 0)
				return -1;
		} else if (xml_is(c, NULL, "g")) {
			if (odp_shapes(st, s, c, counter, depth + 1) < 0)
				return -1;
		}
	}
	return 0;
}

static int odp_notes(const struct styles *st, struct import_slide *s,
		     const xmlNode *notes)
{
	const xmlNode *c;

	for (c = notes->children; c; c = c->next) {
		char *cls;
		const xmlNode *box;

		if (!xml_is(c, NULL, "frame"))
			continue;
		cls = xml_attr(c, "class");
		box = xml_first(c, NULL, "text-box");
		if (cls && strcmp(cls, "notes") == 0 && box && !s->notes) {
			struct import_para p;
			struct import_text t;
			int r;

			import_para_init(&p, 0);
			plain_all(st, &p, box, 0);
			r = import_para_end(&p, "notes", 0, &t);
			if (r > 0 && (s->notes = malloc(sizeof t)))
				*s->notes = t;
			else if (r > 0)
				import_text_clear(&t), r = -1;
			if (r < 0) {
				free(cls);
				return -1;
			}
		}
		free(cls);
	}
	return 0;
}

/* Returns 1 when META-INF/manifest.xml gives any part encryption data:
 * the deck was saved with a password (ODF encrypts the parts inside a
 * plain zip, so the container alone does not tell). */
static int odp_encrypted(const struct import_deck *deck)
{
	size_t len;
	const char *data = import_zip_get(deck->zip, "META-INF/manifest.xml",
					  &len);
	xmlDoc *doc;
	int yes;

	if (!data || len > 0x7fffffff)
		return 0;
	doc = xmlReadMemory(data, (int)len, "manifest.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING);
	if (!doc)
		return 0;
	yes = find_deep((const xmlNode *)doc, "encryption-data", 0) != NULL;
	xmlFreeDoc(doc);
	return yes;
}

enum vv_err import_odp_read(struct import_deck *deck)
{
	size_t len;
	const char *data = import_zip_get(deck->zip, "content.xml", &len);
	xmlDoc *doc;
	const xmlNode *root, *body, *pres, *c;
	struct styles st = { 0 };
	enum vv_err err = VV_OK;
	size_t n_pages;

	if (odp_encrypted(deck)) {
		vv_error(deck->path, 0, _("the deck is encrypted or "
					  "password-protected; save it "
					  "without a password"));
		return VV_ERR_FORMAT;
	}
	if (!data || len > 0x7fffffff ||
	    !(doc = xmlReadMemory(data, (int)len, "content.xml", NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR |
				  XML_PARSE_NOWARNING))) {
		vv_error(deck->path, 0, _("content.xml is missing or not "
					  "well-formed; the deck is damaged: "
					  "save it again"));
		return VV_ERR_FORMAT;
	}
	root = xmlDocGetRootElement(doc);
	styles_read(xml_first(root, NULL, "automatic-styles"), &st);
	body = xml_first(root, NULL, "body");
	pres = body ? xml_first(body, NULL, "presentation") : NULL;
	n_pages = pres ? xml_count(pres, NULL, "page") : 0;
	if (n_pages > IMPORT_MAX_SLIDES) {
		vv_error(deck->path, 0, _("the deck has more than %d slides; "
					  "split it into smaller decks"),
			 IMPORT_MAX_SLIDES);
		err = VV_ERR_FORMAT;
		pres = NULL;
	}
	for (c = pres ? pres->children : NULL; c && err == VV_OK;
	     c = c->next) {
		struct import_slide *s;
		const struct style *ps;
		const xmlNode *notes;
		char *key;
		int counter = 0;

		if (!xml_is(c, NULL, "page"))
			continue;
		key = frame_id(c, 0);
		if (key && strcmp(key, "f0") == 0) {
			free(key);
			key = xml_attr(c, "name");
		}
		s = import_deck_add_slide(deck, key ? key : "page");
		free(key);
		if (!s) {
			err = VV_ERR_NOMEM;
			break;
		}
		{
			/* Impress names an unnamed page "pageN" by its
			 * position each time it saves. */
			char auto_name[32];

			snprintf(auto_name, sizeof auto_name, "page%d",
				 s->number);
			if (strcmp(s->key, auto_name) == 0)
				deck->positional_ids = 1;
		}
		ps = style_of(&st, c);
		s->hidden = ps && ps->hidden;
		if (odp_shapes(&st, s, c, &counter, 0) < 0)
			err = VV_ERR_NOMEM;
		if (err == VV_OK && find_deep(c, "par", 0))
			import_slide_lost(s, _("animations"), 0);
		notes = xml_first(c, NULL, "notes");
		if (err == VV_OK && notes && odp_notes(&st, s, notes) < 0)
			err = VV_ERR_NOMEM;
		if (err != VV_OK)
			vv_error(deck->path, 0, _("out of memory, or a text on "
						  "slide %d is longer than %d "
						  "bytes"),
				 s->number, IMPORT_MAX_TEXT);
	}
	styles_free(&st);
	xmlFreeDoc(doc);
	if (err == VV_OK && deck->n_slides == 0) {
		vv_error(deck->path, 0, _("the deck has no slides"));
		err = VV_ERR_FORMAT;
	}
	return err;
}
