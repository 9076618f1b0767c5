/* import_pptx: reads a PowerPoint deck (Office Open XML, ECMA-376):
 * ppt/presentation.xml gives the slides in order with their ids, each
 * slide's relationships lead to its pictures, films and notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "builder/import_deck.h"
#include "common/i18n.h"
#include "common/xml.h"

#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

struct rel {
	char *id, *type, *target; /* target resolved to a member name */
	int external;
};

struct rels {
	struct rel *r;
	size_t n;
};

static void rels_free(struct rels *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].id);
		free(rs->r[i].type);
		free(rs->r[i].target);
	}
	free(rs->r);
	rs->r = NULL;
	rs->n = 0;
}

static xmlDoc *parse_member(const struct import_deck *deck, const char *name)
{
	size_t len;
	const char *data = import_zip_get(deck->zip, name, &len);
	xmlDoc *doc;

	if (!data)
		return NULL;
	if (len > (size_t)0x7fffffff)
		return NULL;
	doc = xmlReadMemory(data, (int)len, name, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING);
	return doc;
}

/* "ppt/slides/" + "../media/a.png" -> "ppt/media/a.png" (new string). */
static char *resolve(const char *base_dir, const char *target)
{
	size_t n = strlen(base_dir) + strlen(target) + 2;
	char *out = malloc(n), *src, *seg, *save = NULL;
	char *parts[256];
	size_t np = 0, i;

	if (!out)
		return NULL;
	if (target[0] == '/')
		snprintf(out, n, "%s", target + 1);
	else
		snprintf(out, n, "%s%s", base_dir, target);
	src = strdup(out);
	if (!src) {
		free(out);
		return NULL;
	}
	for (seg = strtok_r(src, "/", &save); seg;
	     seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, "..") == 0) {
			if (np)
				np--;
		} else if (strcmp(seg, ".") != 0 && np < 256) {
			parts[np++] = seg;
		}
	}
	out[0] = '\0';
	for (i = 0; i < np; i++) {
		if (i)
			strcat(out, "/");
		strcat(out, parts[i]);
	}
	free(src);
	return out;
}

/* Reads the relationships of part `part` ("ppt/slides/slide1.xml"). */
static void rels_read(const struct import_deck *deck, const char *part,
		      struct rels *rs)
{
	const char *slash = strrchr(part, '/');
	size_t dirlen = slash ? (size_t)(slash - part) + 1 : 0;
	char *name = malloc(strlen(part) + 16), *dir = malloc(dirlen + 1);
	xmlDoc *doc = NULL;
	const xmlNode *c;

	rs->r = NULL;
	rs->n = 0;
	if (!name || !dir)
		goto out;
	memcpy(dir, part, dirlen);
	dir[dirlen] = '\0';
	sprintf(name, "%s_rels/%s.rels", dir, slash ? slash + 1 : part);
	doc = parse_member(deck, name);
	if (!doc)
		goto out;
	for (c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
		struct rel *p;
		char *target, *mode;

		if (!xml_is(c, NULL, "Relationship"))
			continue;
		p = realloc(rs->r, (rs->n + 1) * sizeof *p);
		if (!p)
			break;
		rs->r = p;
		p = &rs->r[rs->n];
		target = xml_attr(c, "Target");
		mode = xml_attr(c, "TargetMode");
		p->id = xml_attr(c, "Id");
		p->type = xml_attr(c, "Type");
		p->external = mode && strcmp(mode, "External") == 0;
		p->target = !target ? NULL
			    : p->external ? strdup(target)
					  : resolve(dir, target);
		free(target);
		free(mode);
		if (!p->id || !p->type || !p->target) {
			free(p->id);
			free(p->type);
			free(p->target);
			continue;
		}
		rs->n++;
	}
out:
	xmlFreeDoc(doc);
	free(name);
	free(dir);
}

static const struct rel *rels_find(const struct rels *rs, const char *id)
{
	size_t i;

	for (i = 0; id && i < rs->n; i++)
		if (strcmp(rs->r[i].id, id) == 0)
			return &rs->r[i];
	return NULL;
}

static const struct rel *rels_find_type(const struct rels *rs,
					const char *suffix)
{
	size_t i, n = strlen(suffix);

	for (i = 0; i < rs->n; i++) {
		size_t t = strlen(rs->r[i].type);

		if (t >= n && strcmp(rs->r[i].type + t - n, suffix) == 0)
			return &rs->r[i];
	}
	return NULL;
}

/* The first descendant element called `name`, depth first. */
static const xmlNode *find_deep(const xmlNode *n, const char *name)
{
	const xmlNode *c, *f;

	for (c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, NULL, name))
			return c;
		if ((f = find_deep(c, name)) != NULL)
			return f;
	}
	return NULL;
}

static int attr_true(const xmlNode *n, const char *name)
{
	char *v = n ? xml_attr(n, name) : NULL;
	int yes = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);

	free(v);
	return yes;
}

static void add_node_text(struct import_para *p, const xmlNode *t, int b,
			  int i)
{
	xmlChar *s = xmlNodeGetContent(t);

	if (s) {
		import_para_run(p, (const char *)s, strlen((const char *)s), b,
				i);
		xmlFree(s);
	}
}

/* Adds the runs of paragraph a:p to p. */
static void para_runs(struct import_para *p, const xmlNode *ap)
{
	const xmlNode *c;

	for (c = ap->children; c; c = c->next) {
		if (xml_is(c, NULL, "r") || xml_is(c, NULL, "fld")) {
			const xmlNode *rpr = xml_first(c, NULL, "rPr");
			const xmlNode *t = xml_first(c, NULL, "t");

			if (t)
				add_node_text(p, t, attr_true(rpr, "b"),
					      attr_true(rpr, "i"));
		} else if (xml_is(c, NULL, "br")) {
			import_para_run(p, " ", 1, 0, 0);
		}
	}
}

/* Returns the text of every paragraph of txBody joined by spaces, as
 * plain text (headings, notes); 1 when there was text, 0 none, -1 nomem. */
static int body_plain(const xmlNode *body, const char *origin,
		      struct import_text *t)
{
	struct import_para p;
	const xmlNode *c;

	import_para_init(&p, 0);
	for (c = body ? body->children : NULL; c; c = c->next)
		if (xml_is(c, NULL, "p")) {
			para_runs(&p, c);
			import_para_run(&p, " ", 1, 0, 0);
		}
	return import_para_end(&p, origin, 0, t);
}

static int paragraph_level(const xmlNode *ap, int *bullet_none,
			   int *bullet_char)
{
	const xmlNode *ppr = xml_first(ap, NULL, "pPr");
	char *lvl = ppr ? xml_attr(ppr, "lvl") : NULL;
	int level = lvl ? atoi(lvl) : 0;

	free(lvl);
	*bullet_none = ppr && xml_first(ppr, NULL, "buNone") != NULL;
	*bullet_char = ppr && (xml_first(ppr, NULL, "buChar") ||
			       xml_first(ppr, NULL, "buAutoNum"));
	return level < 0 ? 0 : level > 8 ? 8 : level;
}

/* Body text of shape `id`: bullets for a body placeholder (unless a
 * paragraph says buNone), paragraphs for other text boxes (unless they
 * say buChar). */
static int shape_text(struct import_slide *s, const xmlNode *body,
		      const char *id, int placeholder)
{
	const xmlNode *c;
	int index = 0;

	for (c = body->children; c; c = c->next) {
		struct import_para p;
		struct import_text t;
		char origin[64];
		int none, chr, level, r;

		if (!xml_is(c, NULL, "p"))
			continue;
		index++;
		level = paragraph_level(c, &none, &chr);
		import_para_init(&p, 1);
		para_runs(&p, c);
		snprintf(origin, sizeof origin, "%s:%d", id, index);
		r = import_para_end(&p, origin, level, &t);
		if (r < 0)
			return -1;
		if (r == 0)
			continue;
		if ((placeholder && !none) || chr) {
			if (level > s->max_level)
				s->max_level = level;
			r = import_texts_push(&s->bullets, &s->n_bullets, &t);
		} else {
			t.bullets_before = s->n_bullets; /* reading order */
			r = import_texts_push(&s->paras, &s->n_paras, &t);
		}
		if (r < 0)
			return -1;
	}
	return 0;
}

static int has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);

	return n > e && strcasecmp(name + n - e, ext) == 0;
}

static void picture(struct import_slide *s, const struct rels *rs,
		    const xmlNode *pic)
{
	const xmlNode *nvpr = find_deep(pic, "nvPr");
	const xmlNode *video = nvpr ? find_deep(nvpr, "videoFile") : NULL;
	const xmlNode *media = nvpr ? find_deep(nvpr, "media") : NULL;
	const xmlNode *blip = find_deep(pic, "blip");
	const xmlNode *cnv = find_deep(pic, "cNvPr");
	char *rid;
	const struct rel *r;

	if (video || media || (nvpr && find_deep(nvpr, "audioFile"))) {
		if (!video && !media) {
			import_slide_lost(s, _("sound"), 0);
			return;
		}
		rid = (char *)xmlGetNsProp((xmlNode *)(media ? media : video),
					   (const xmlChar *)(media ? "embed"
								   : "link"),
					   (const xmlChar *)NS_R);
		if (!rid && video)
			rid = (char *)xmlGetNsProp((xmlNode *)video,
						   (const xmlChar *)"link",
						   (const xmlChar *)NS_R);
		r = rels_find(rs, rid);
		xmlFree(rid);
		if (!r || s->video || s->video_link) {
			import_slide_lost(s, _("film"), 0);
			return;
		}
		if (r->external)
			s->video_link = strdup(r->target);
		else
			s->video = strdup(r->target);
		return;
	}
	rid = blip ? (char *)xmlGetNsProp((xmlNode *)blip,
					  (const xmlChar *)"embed",
					  (const xmlChar *)NS_R)
		   : NULL;
	r = rels_find(rs, rid);
	xmlFree(rid);
	if (!r || r->external) {
		import_slide_lost(s, _("linked picture"), 0);
		return;
	}
	if (has_ext(r->target, ".emf") || has_ext(r->target, ".wmf")) {
		import_slide_lost(s, _("EMF/WMF picture"), 1);
		return;
	}
	if (!has_ext(r->target, ".png") && !has_ext(r->target, ".jpg") &&
	    !has_ext(r->target, ".jpeg") && !has_ext(r->target, ".svg")) {
		import_slide_lost(s, _("picture in an unsupported format"), 1);
		return;
	}
	if (s->picture) {
		s->extra_pictures++;
		import_slide_lost(s, _("second picture"), 0);
		return;
	}
	s->picture = strdup(r->target);
	if (cnv) {
		char *d = xml_attr(cnv, "descr");

		if (d && !d[0]) {
			free(d);
			d = NULL;
		}
		s->picture_alt = d;
	}
}

static void graphic_frame(struct import_slide *s, const xmlNode *gf)
{
	const xmlNode *gd = find_deep(gf, "graphicData");
	char *uri = gd ? xml_attr(gd, "uri") : NULL;

	if (uri && strstr(uri, "/chart"))
		import_slide_lost(s, _("chart"), 1);
	else if (uri && strstr(uri, "/diagram"))
		import_slide_lost(s, _("SmartArt"), 1);
	else if (uri && strstr(uri, "/table"))
		import_slide_lost(s, _("table"), 1);
	else
		import_slide_lost(s, _("embedded object"), 1);
	free(uri);
}

static int shape_tree(struct import_slide *s, const struct rels *rs,
		      const xmlNode *tree, int depth)
{
	const xmlNode *c;

	if (depth > 32)
		return 0;
	for (c = tree->children; c; c = c->next) {
		if (xml_is(c, NULL, "sp")) {
			const xmlNode *cnv = find_deep(c, "cNvPr");
			const xmlNode *ph = find_deep(xml_first(c, NULL,
								"nvSpPr"),
						      "ph");
			const xmlNode *body = xml_first(c, NULL, "txBody");
			char *id = cnv ? xml_attr(cnv, "id") : NULL;
			char *type = ph ? xml_attr(ph, "type") : NULL;
			char origin[64];
			int r = 0;

			snprintf(origin, sizeof origin, "%s:1",
				 id ? id : "0");
			if (!body) {
				/* no text */
			} else if (type && (strcmp(type, "title") == 0 ||
					    strcmp(type, "ctrTitle") == 0)) {
				if (!s->heading) {
					struct import_text t;

					r = body_plain(body, origin, &t);
					if (r > 0 &&
					    (s->heading = malloc(sizeof t)))
						*s->heading = t;
					else if (r > 0)
						import_text_clear(&t), r = -1;
				} else {
					r = shape_text(s, body, id ? id : "0",
						       0);
				}
			} else if (type && (strcmp(type, "dt") == 0 ||
					    strcmp(type, "ftr") == 0 ||
					    strcmp(type, "sldNum") == 0 ||
					    strcmp(type, "hdr") == 0)) {
				/* footer fields: not content */
			} else {
				int body_ph = ph && (!type ||
						     strcmp(type, "body") == 0 ||
						     strcmp(type, "obj") == 0);

				r = shape_text(s, body, id ? id : "0",
					       body_ph);
			}
			if (body && find_deep(body, "oMath"))
				import_slide_lost(s, _("equation"), 1);
			free(id);
			free(type);
			if (r < 0)
				return -1;
		} else if (xml_is(c, NULL, "pic")) {
			picture(s, rs, c);
		} else if (xml_is(c, NULL, "graphicFrame")) {
			graphic_frame(s, c);
		} else if (xml_is(c, NULL, "grpSp")) {
			if (shape_tree(s, rs, c, depth + 1) < 0)
				return -1;
		} else if (xml_is(c, NULL, "AlternateContent")) {
			const xmlNode *choice = xml_first(c, NULL, "Choice");

			if (choice && (find_deep(choice, "oMath") ||
				       find_deep(choice, "oMathPara")))
				import_slide_lost(s, _("equation"), 1);
			else if (choice &&
				 shape_tree(s, rs, choice, depth + 1) < 0)
				return -1;
		}
	}
	return 0;
}

static int read_notes(const struct import_deck *deck, struct import_slide *s,
		      const char *part)
{
	xmlDoc *doc = parse_member(deck, part);
	const xmlNode *tree;
	const xmlNode *c;
	int r = 0;

	if (!doc)
		return 0;
	tree = find_deep(xmlDocGetRootElement(doc), "spTree");
	for (c = tree ? tree->children : NULL; c; c = c->next) {
		const xmlNode *ph, *body;
		char *type;

		if (!xml_is(c, NULL, "sp"))
			continue;
		ph = find_deep(xml_first(c, NULL, "nvSpPr"), "ph");
		type = ph ? xml_attr(ph, "type") : NULL;
		body = xml_first(c, NULL, "txBody");
		if (type && strcmp(type, "body") == 0 && body && !s->notes) {
			struct import_text t;

			r = body_plain(body, "notes", &t);
			if (r > 0 && (s->notes = malloc(sizeof t)))
				*s->notes = t;
			else if (r > 0)
				import_text_clear(&t), r = -1;
		}
		free(type);
		if (r < 0)
			break;
	}
	xmlFreeDoc(doc);
	return r < 0 ? -1 : 0;
}

static enum vv_err read_slide(struct import_deck *deck,
			      struct import_slide *s, const char *part)
{
	xmlDoc *doc = parse_member(deck, part);
	const xmlNode *root, *tree;
	struct rels rs;
	const struct rel *notes;
	int r;

	if (!doc) {
		vv_error(deck->path, 0, _("slide %d (%s) is missing or not "
					  "well-formed XML; the deck is "
					  "damaged: save it again"),
			 s->number, part);
		return VV_ERR_FORMAT;
	}
	root = xmlDocGetRootElement(doc);
	{
		char *show = root ? xml_attr(root, "show") : NULL;

		s->hidden = show && (strcmp(show, "0") == 0 ||
				     strcmp(show, "false") == 0);
		free(show);
	}
	rels_read(deck, part, &rs);
	tree = root ? find_deep(root, "spTree") : NULL;
	r = tree ? shape_tree(s, &rs, tree, 0) : 0;
	if (r == 0 && root && xml_first(root, NULL, "timing"))
		import_slide_lost(s, _("animations"), 0);
	if (r == 0 && root && xml_first(root, NULL, "transition"))
		import_slide_lost(s, _("slide transition"), 0);
	notes = rels_find_type(&rs, "/notesSlide");
	if (r == 0 && notes)
		r = read_notes(deck, s, notes->target);
	rels_free(&rs);
	xmlFreeDoc(doc);
	if (r < 0) {
		vv_error(deck->path, 0, _("out of memory, or a text on slide "
					  "%d is longer than %d bytes"),
			 s->number, IMPORT_MAX_TEXT);
		return VV_ERR_NOMEM;
	}
	return VV_OK;
}

enum vv_err import_pptx_read(struct import_deck *deck)
{
	xmlDoc *doc = parse_member(deck, "ppt/presentation.xml");
	const xmlNode *list, *c;
	struct rels rs;
	enum vv_err err = VV_OK;

	if (!doc) {
		vv_error(deck->path, 0, _("ppt/presentation.xml is missing or "
					  "not well-formed; the deck is "
					  "damaged: save it again"));
		return VV_ERR_FORMAT;
	}
	rels_read(deck, "ppt/presentation.xml", &rs);
	{
		/* LibreOffice numbers sldId 256, 257, ... by position each
		 * time it saves (PowerPoint keeps them). */
		const char *app = import_zip_get(deck->zip,
						 "docProps/app.xml", NULL);

		deck->positional_ids = app && strstr(app, "<Application>"
							   "LibreOffice");
	}
	list = find_deep(xmlDocGetRootElement(doc), "sldIdLst");
	if (list && xml_count(list, NULL, "sldId") > IMPORT_MAX_SLIDES) {
		vv_error(deck->path, 0, _("the deck has more than %d slides; "
					  "split it into smaller decks"),
			 IMPORT_MAX_SLIDES);
		err = VV_ERR_FORMAT;
		list = NULL;
	}
	for (c = list ? list->children : NULL; c && err == VV_OK;
	     c = c->next) {
		struct import_slide *s;
		char *id, *rid;
		const struct rel *r;

		if (!xml_is(c, NULL, "sldId"))
			continue;
		id = xml_attr(c, "id");
		rid = (char *)xmlGetNsProp((xmlNode *)c,
					   (const xmlChar *)"id",
					   (const xmlChar *)NS_R);
		r = rels_find(&rs, rid);
		s = import_deck_add_slide(deck, id ? id : "0");
		if (!s)
			err = VV_ERR_FORMAT;
		else if (!r || r->external) {
			vv_error(deck->path, 0, _("slide %d has no slide part; "
						  "the deck is damaged: save "
						  "it again"),
				 s->number);
			err = VV_ERR_FORMAT;
		} else {
			err = read_slide(deck, s, r->target);
		}
		free(id);
		xmlFree(rid);
	}
	rels_free(&rs);
	xmlFreeDoc(doc);
	if (err == VV_OK && deck->n_slides == 0) {
		vv_error(deck->path, 0, _("the deck has no slides"));
		err = VV_ERR_FORMAT;
	}
	return err;
}
