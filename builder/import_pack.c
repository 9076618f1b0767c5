/* import_pack: writes an imported deck as a pack: pack.xml, the pictures
 * and films under media/, and import.map (where each text came from in
 * the deck, for aligning translated copies). The whole pack is made in a
 * temporary folder beside PACKDIR and renamed into place. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "builder/import_deck.h"
#include "builder/import_pack.h"
#include "builder/import_render.h"
#include "builder/pack_text.h"
#include "common/atomic.h"
#include "common/file.h"
#include "common/i18n.h"
#include "common/markup.h"
#include "common/path.h"
#include "common/xml.h"

void import_item_id(const char *key, char *out, unsigned long size)
{
	size_t n = 0;
	const char *c;

	n = (size_t)snprintf(out, size, "slide-");
	for (c = key; *c && n + 1 < size; c++) {
		char ch = *c;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[n++] = ch;
		else if (out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n > 6 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

static void xml_escape(struct strbuf *b, const char *s)
{
	markup_escape(b, s, MARKUP_QUOTES);
}

/* The plain text of an inline text: its tags removed (for a heading made
 * from a paragraph). */
static void strip_tags(struct strbuf *b, const char *plain)
{
	for (; *plain; plain++) {
		if (*plain == '<' && (plain[1] == 'b' || plain[1] == 'i' ||
				      plain[1] == '/')) {
			const char *e = strchr(plain, '>');

			if (e) {
				plain = e;
				continue;
			}
		}
		strbuf_add(b, plain, 1);
	}
}

/* The file name extension of a deck member, when it is a plain one
 * (letters and digits, 1 to 8): it goes into pack.xml and media/. */
static const char *ext_of(const char *name)
{
	const char *dot = strrchr(name, '.'), *c;

	if (!dot || !dot[1] || strlen(dot + 1) > 8)
		return "bin";
	for (c = dot + 1; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9')))
			return "bin";
	return dot + 1;
}

/* Returns 1 when `name` is named as a film. */
static int film_name(const char *name)
{
	static const char *const films[] = { "mp4", "m4v", "mov", "mkv",
					     "webm", "avi", "wmv", "mpg",
					     "mpeg", NULL };
	const char *ext = ext_of(name);
	size_t i;

	for (i = 0; films[i]; i++)
		if (strcasecmp(ext, films[i]) == 0)
			return 1;
	return 0;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the %XX escapes of a link (a URI: "Min%20film.mp4") in place;
 * an escaped NUL is left as it is. */
static void url_decode(char *s)
{
	char *out = s;

	for (; *s; s++) {
		int hi, lo;

		if (*s == '%' && (hi = hex_digit(s[1])) >= 0 &&
		    (lo = hex_digit(s[2])) >= 0 && (hi || lo)) {
			*out++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* The file a linked film names, when the import may copy it: it must lie
 * in the deck's folder or below it (after symbolic links are followed)
 * and be named as a film, so that a deck cannot make the import copy any
 * file it names into the pack. PowerPoint links with a path relative to
 * the deck, LibreOffice with an absolute file:// URL. Returns the file's
 * resolved path (free it), or NULL. */
static char *linked_film(const char *deck, const char *link)
{
	char *target, *dir, *slash, *src, *real = NULL, *real_dir;
	size_t n;

	if (strncmp(link, "file://", 7) == 0) {
		link += 7;
		if (strncmp(link, "localhost/", 10) == 0)
			link += 9;
	} else if (strstr(link, "://")) {
		return NULL; /* on the web */
	}
	target = strdup(link);
	dir = strdup(deck);
	if (!target || !dir) {
		free(target);
		free(dir);
		return NULL;
	}
	url_decode(target);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	src = !film_name(target) ? NULL :
	      target[0] == '/' ? strdup(target) :
	      path_join(slash ? dir : ".", target);
	real_dir = realpath(slash ? (dir[0] ? dir : "/") : ".", NULL);
	if (src)
		real = realpath(src, NULL);
	n = real_dir ? strlen(real_dir) : 0;
	if (real && (!real_dir || strncmp(real, real_dir, n) != 0 ||
		     (real[n] != '/' && !(n == 1 && real_dir[0] == '/')))) {
		free(real);
		real = NULL;
	}
	free(real_dir);
	free(src);
	free(dir);
	free(target);
	return real;
}

/* The heading of slide s as pack.xml holds it (unescaped): its title,
 * else its first text in reading order, else its number. */
static void slide_heading(const struct import_slide *s, struct strbuf *b)
{
	if (s->heading)
		strbuf_puts(b, s->heading->plain);
	else if (s->n_paras || s->n_bullets)
		strip_tags(b, s->n_paras && (!s->n_bullets ||
					     !s->paras[0].bullets_before)
				      ? s->paras[0].plain
				      : s->bullets[0].plain);
	else
		strbuf_printf(b, "%d", s->number);
}

struct writer {
	const struct import_options *o;
	const struct import_deck *deck;
	char *tmp;           /* the temporary pack folder */
	struct strbuf xml;   /* pack.xml */
	struct strbuf map;   /* import.map */
	int failed;
};

static int write_member(struct writer *w, const char *member,
			const char *rel)
{
	size_t len;
	const char *data = import_zip_get(w->deck->zip, member, &len);
	char *path;
	enum vv_err err;

	if (!data) {
		vv_error(w->o->deck, 0, _("part %s is missing; the deck is "
					  "damaged: save it again"), member);
		return -1;
	}
	path = path_join(w->tmp, rel);
	if (!path)
		return -1;
	err = atomic_write(path, data, len, ATOMIC_DURABLE);
	free(path);
	return err == VV_OK ? 0 : -1;
}

/* Copies a linked film that lies beside the deck (linked_film()).
 * Returns 0, 1 when it is not copied (reported), -1 on a write error. */
static int copy_linked(struct writer *w, const char *link, const char *rel)
{
	char *src = linked_film(w->o->deck, link), *path, *data = NULL;
	size_t len;
	enum vv_err err;

	if (!src)
		return 1; /* reported, not copied */
	err = file_read(src, IMPORT_MAX_MEMBER, &data, &len);
	free(src);
	if (err != VV_OK)
		return 1; /* not readable: reported, not fatal */
	path = path_join(w->tmp, rel);
	err = path ? atomic_write(path, data, len, ATOMIC_DURABLE)
		   : VV_ERR_NOMEM;
	free(path);
	free(data);
	return err == VV_OK ? 0 : -1;
}

static void map_line(struct writer *w, const char *id, const char *field,
		     const struct import_slide *s, const char *origin)
{
	strbuf_printf(&w->map, "%s/%s\t%s\t%s\n", id, field, s->key, origin);
}

/* Writes one slide's items and prints its report line. Returns 0, or -1
 * after an error line. */
static int write_slide(struct writer *w, const struct import_slide *s,
		       const char *id, int rendered, int *n_items)
{
	struct strbuf *x = &w->xml;
	struct strbuf report;
	char rel[160], field[32];
	size_t i;
	int text = s->n_paras || s->n_bullets || s->picture || rendered;
	int video = s->video || s->video_link;
	int video_ok = 0;
	const char *heading_origin = s->heading ? s->heading->origin : NULL;
	struct strbuf heading;

	strbuf_init(&report, 8192);
	strbuf_init(&heading, IMPORT_MAX_TEXT);
	slide_heading(s, &heading);
	if (!s->heading && (s->n_paras || s->n_bullets)) {
		heading_origin = NULL;
		strbuf_puts(&report, _("no title (the first text is the "
				       "heading); "));
	} else if (!s->heading) {
		strbuf_puts(&report, _("no title (the slide number is the "
				       "heading); "));
	}
	if (video) {
		snprintf(rel, sizeof rel, "media/%s.%s", id,
			 ext_of(s->video ? s->video : s->video_link));
		if (s->video) {
			if (write_member(w, s->video, rel) < 0)
				goto fail;
			video_ok = 1;
		} else {
			int r = copy_linked(w, s->video_link, rel);

			if (r < 0)
				goto fail;
			video_ok = r == 0;
			if (!video_ok)
				strbuf_printf(&report, _("linked film %s not "
							 "found beside the deck "
							 "(copy it into media/ "
							 "and add a <video>); "),
					      s->video_link);
		}
	}
	/* A slide that only holds a film becomes the film. */
	if (video_ok && !text) {
		strbuf_printf(x, "    <video id=\"%s\">\n      <title>", id);
		xml_escape(x, heading.data ? heading.data : "");
		strbuf_printf(x, "</title>\n      <source src=\"%s\"/>\n", rel);
		if (heading_origin)
			map_line(w, id, "title", s, heading_origin);
		if (s->notes) {
			strbuf_puts(x, "      <script>");
			xml_escape(x, s->notes->plain);
			strbuf_puts(x, "</script>\n");
			map_line(w, id, "script", s, "notes");
		}
		strbuf_puts(x, "    </video>\n");
		strbuf_printf(&report, _("film, title%s"),
			      s->notes ? _(", script from the notes") : "");
		(*n_items)++;
		goto done;
	}
	strbuf_printf(x, "    <slide id=\"%s\">\n      <heading>", id);
	xml_escape(x, heading.data ? heading.data : "");
	strbuf_puts(x, "</heading>\n");
	if (heading_origin)
		map_line(w, id, "heading", s, heading_origin);
	strbuf_puts(&report, _("heading"));
	/* The body in the deck's reading order: a paragraph that follows
	 * bullets (a text box below the list, a paragraph without a bullet
	 * at its end) follows them in pack.xml; p.N and li.N count each kind
	 * through the body. */
	{
		size_t pi = 0, bi = 0;
		int in_list = 0;

		while (pi < s->n_paras || bi < s->n_bullets) {
			if (pi < s->n_paras &&
			    (bi >= s->n_bullets ||
			     s->paras[pi].bullets_before <= bi)) {
				if (in_list)
					strbuf_puts(x, "      </list>\n");
				in_list = 0;
				strbuf_printf(x, "      <p>%s</p>\n",
					      s->paras[pi].xml);
				snprintf(field, sizeof field, "p.%zu", pi + 1);
				map_line(w, id, field, s, s->paras[pi].origin);
				pi++;
			} else {
				int level = s->bullets[bi].level + 1;

				if (!in_list)
					strbuf_puts(x, "      <list>\n");
				in_list = 1;
				if (level > PACK_LIST_LEVELS)
					level = PACK_LIST_LEVELS;
				if (level > 1)
					strbuf_printf(x, "        <li level="
							 "\"%d\">%s</li>\n",
						      level,
						      s->bullets[bi].xml);
				else
					strbuf_printf(x, "        <li>%s</li>\n",
						      s->bullets[bi].xml);
				snprintf(field, sizeof field, "li.%zu",
					 bi + 1);
				map_line(w, id, field, s,
					 s->bullets[bi].origin);
				bi++;
			}
		}
		if (in_list)
			strbuf_puts(x, "      </list>\n");
	}
	if (s->n_paras)
		strbuf_printf(&report, _(", %zu paragraph(s)"), s->n_paras);
	if (s->n_bullets) {
		strbuf_printf(&report, _(", %zu bullet(s)"), s->n_bullets);
		/* a pack nests bullets PACK_LIST_LEVELS deep; a deck's
		 * deeper levels are drawn at the deepest */
		if (s->max_level + 1 > PACK_LIST_LEVELS)
			strbuf_printf(&report, _(" (list levels %d-%d shown "
						 "as level %d)"),
				      PACK_LIST_LEVELS + 1, s->max_level + 1,
				      PACK_LIST_LEVELS);
		else if (s->max_level > 0)
			strbuf_printf(&report, _(" (list levels 1-%d kept)"),
				      s->max_level + 1);
	}
	if (rendered) {
		strbuf_printf(x, "      <image src=\"media/%s.slide.png\">\n"
				 "        <alt note=\"%s\">", id,
			      "A picture of the whole slide (import "
			      "--render): its text is not translated");
		xml_escape(x, heading.data ? heading.data : "");
		strbuf_puts(x, "</alt>\n      </image>\n");
		strbuf_puts(&report, _(", a picture of the slide (its text "
				       "is in the picture: untranslatable)"));
		if (s->picture)
			strbuf_puts(&report, _(" in place of its picture"));
	} else if (s->picture) {
		snprintf(rel, sizeof rel, "media/%s.%s", id,
			 ext_of(s->picture));
		for (i = strlen(rel) - strlen(ext_of(s->picture));
		     rel[i]; i++)
			if (rel[i] >= 'A' && rel[i] <= 'Z')
				rel[i] = (char)(rel[i] - 'A' + 'a');
		if (strcmp(ext_of(s->picture), "svg") == 0 ||
		    strcmp(ext_of(s->picture), "SVG") == 0) {
			/* rasterised: media/ID.png from media/.ID.svg */
			char svg_rel[180], *svg, *png;
			int r;

			snprintf(svg_rel, sizeof svg_rel, "media/.%s.svg", id);
			snprintf(rel, sizeof rel, "media/%s.png", id);
			if (write_member(w, s->picture, svg_rel) < 0)
				goto fail;
			svg = path_join(w->tmp, svg_rel);
			png = path_join(w->tmp, rel);
			r = svg && png ? import_render_svg(svg, png, s->picture)
				       : -1;
			if (svg)
				remove(svg);
			free(svg);
			free(png);
			if (r < 0)
				goto fail;
			strbuf_puts(&report, _(", SVG picture drawn as PNG"));
		} else if (write_member(w, s->picture, rel) < 0) {
			goto fail;
		}
		strbuf_printf(x, "      <image src=\"%s\">\n        <alt>",
			      rel);
		xml_escape(x, s->picture_alt ? s->picture_alt
					     : (heading.data ? heading.data
							     : ""));
		strbuf_puts(x, "</alt>\n      </image>\n");
		map_line(w, id, "alt", s, "picture");
		strbuf_puts(&report, s->picture_alt
				     ? _(", picture")
				     : _(", picture (no description: the "
					 "heading is its alt text)"));
	}
	if (s->notes) {
		strbuf_puts(x, "      <script>");
		xml_escape(x, s->notes->plain);
		strbuf_puts(x, "</script>\n");
		map_line(w, id, "script", s, "notes");
		strbuf_puts(&report, _(", script from the notes"));
	}
	strbuf_puts(x, "    </slide>\n");
	(*n_items)++;
	if (video_ok) {
		strbuf_printf(x, "    <video id=\"%s-film\">\n      <title>",
			      id);
		xml_escape(x, heading.data ? heading.data : "");
		strbuf_printf(x, "</title>\n      <source src=\"%s\"/>\n"
				 "    </video>\n", rel);
		if (heading_origin) {
			char vid[96];

			snprintf(vid, sizeof vid, "%s-film", id);
			map_line(w, vid, "title", s, heading_origin);
		}
		strbuf_printf(&report, _(", film (item %s-film)"), id);
		(*n_items)++;
	}
done:
	printf(_("  slide %d (%s): %s\n"), s->number, id,
	       report.data ? report.data : "");
	if (s->lost.len)
		printf(_("    not carried over: %s\n"), s->lost.data);
	if (s->needs_render && !rendered)
		printf(_("    needs --render: its content is not text\n"));
	strbuf_free(&report);
	strbuf_free(&heading);
	return 0;
fail:
	strbuf_free(&report);
	strbuf_free(&heading);
	return -1;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Returns 1 when `dir` is missing or an empty folder, 0 when it holds
 * something, -1 when it is not a folder. */
static int dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return errno == ENOENT ? 1 : -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* The old pack's attributes, for --update. */
/* An item of the pack being updated, for matching a deck whose slide ids
 * follow positions: its id and the text fingerprint of its heading,
 * paragraphs, bullets and script (item_fingerprint()). */
struct old_item {
	char *id;
	char *heading;
	struct strbuf fp;
	int used;
};

struct old_pack {
	char *id, *version, *source_lang, *languages, *title;
	struct old_item *items;
	size_t n_items;
};

static void old_pack_free(struct old_pack *p)
{
	size_t i;

	free(p->id);
	free(p->version);
	free(p->source_lang);
	if (p->languages)
		xmlFree(p->languages);
	if (p->title)
		xmlFree(p->title);
	for (i = 0; i < p->n_items; i++) {
		free(p->items[i].id);
		if (p->items[i].heading)
			xmlFree(p->items[i].heading);
		strbuf_free(&p->items[i].fp);
	}
	free(p->items);
}

/* A fingerprint is the heading, then "p TEXT", "l TEXT" for each
 * paragraph and bullet in order, then "s TEXT" for the script, one a
 * line, as plain text (markup removed). */
struct fp_parts {
	struct strbuf heading, paras, bullets, script;
};

static void fp_parts_init(struct fp_parts *f)
{
	strbuf_init(&f->heading, (size_t)1 << 20);
	strbuf_init(&f->paras, (size_t)16 << 20);
	strbuf_init(&f->bullets, (size_t)16 << 20);
	strbuf_init(&f->script, (size_t)1 << 20);
}

static void fp_parts_end(struct fp_parts *f, struct strbuf *fp)
{
	strbuf_init(fp, (size_t)40 << 20);
	strbuf_printf(fp, "%s\n%s%s", f->heading.data ? f->heading.data : "",
		      f->paras.data ? f->paras.data : "",
		      f->bullets.data ? f->bullets.data : "");
	if (f->script.data)
		strbuf_printf(fp, "s %s\n", f->script.data);
	strbuf_free(&f->heading);
	strbuf_free(&f->paras);
	strbuf_free(&f->bullets);
	strbuf_free(&f->script);
}

static void fp_walk(const xmlNode *n, struct fp_parts *f, char **heading)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next) {
		char *t;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, NULL, "list") || xml_is(c, NULL, "image")) {
			fp_walk(c, f, heading);
			continue;
		}
		t = (char *)xmlNodeGetContent(c);
		if (!t)
			continue;
		if ((xml_is(c, NULL, "heading") || xml_is(c, NULL, "title")) &&
		    !*heading) {
			strbuf_puts(&f->heading, t);
			*heading = t;
			continue;
		} else if (xml_is(c, NULL, "p")) {
			strbuf_printf(&f->paras, "p %s\n", t);
		} else if (xml_is(c, NULL, "li")) {
			strbuf_printf(&f->bullets, "l %s\n", t);
		} else if (xml_is(c, NULL, "script")) {
			strbuf_puts(&f->script, t);
		}
		xmlFree(t);
	}
}

/* The text of an xml form of a paragraph (escaped text with <b> and <i>):
 * tags removed, entities decoded. */
static void untag(struct strbuf *b, const char *xml)
{
	static const struct { const char *e, *c; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" } };
	size_t k;

	while (*xml) {
		if (*xml == '<') {
			const char *e = strchr(xml, '>');

			xml = e ? e + 1 : xml + strlen(xml);
			continue;
		}
		if (*xml == '&') {
			for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
				if (strncmp(xml, ents[k].e,
					    strlen(ents[k].e)) == 0)
					break;
			if (k < sizeof ents / sizeof ents[0]) {
				strbuf_puts(b, ents[k].c);
				xml += strlen(ents[k].e);
				continue;
			}
		}
		strbuf_add(b, xml, 1);
		xml++;
	}
}

static void slide_fingerprint(const struct import_slide *s,
			      struct strbuf *fp)
{
	struct fp_parts f;
	size_t i;

	fp_parts_init(&f);
	slide_heading(s, &f.heading);
	for (i = 0; i < s->n_paras; i++) {
		strbuf_puts(&f.paras, "p ");
		untag(&f.paras, s->paras[i].xml);
		strbuf_puts(&f.paras, "\n");
	}
	for (i = 0; i < s->n_bullets; i++) {
		strbuf_puts(&f.bullets, "l ");
		untag(&f.bullets, s->bullets[i].xml);
		strbuf_puts(&f.bullets, "\n");
	}
	if (s->notes)
		strbuf_puts(&f.script, s->notes->plain);
	fp_parts_end(&f, fp);
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* The byte bigrams of s, sorted (free the result); *n their count. */
static unsigned *bigrams(const char *s, size_t *n)
{
	size_t len = strlen(s), i;
	unsigned *g = malloc((len ? len : 1) * sizeof *g);

	*n = 0;
	if (!g)
		return NULL;
	for (i = 0; i + 1 < len; i++)
		g[(*n)++] = (unsigned)(unsigned char)s[i] << 8 |
			    (unsigned char)s[i + 1];
	qsort(g, *n, sizeof *g, cmp_uint);
	return g;
}

/* How alike two fingerprints are, from 0 to 1: the Dice coefficient of
 * their byte bigrams. */
static double similarity(const char *a, const char *b)
{
	size_t na, nb, i = 0, j = 0, common = 0;
	unsigned *ga = bigrams(a, &na), *gb = bigrams(b, &nb);
	double r;

	if (!ga || !gb || na + nb == 0) {
		free(ga);
		free(gb);
		return strcmp(a, b) == 0;
	}
	while (i < na && j < nb) {
		if (ga[i] == gb[j]) {
			common++;
			i++;
			j++;
		} else if (ga[i] < gb[j]) {
			i++;
		} else {
			j++;
		}
	}
	r = 2.0 * (double)common / (double)(na + nb);
	free(ga);
	free(gb);
	return r;
}

/* An edited slide keeps the id of the item it is most like, when it is
 * at least this alike. */
#define IMPORT_MATCH_MIN 0.6

static int old_items_read(const xmlNode *root, struct old_pack *p)
{
	const xmlNode *items = xml_first(root, NULL, "items"), *c;
	size_t n;

	if (!items)
		return 0;
	for (c = items->children, n = 0; c; c = c->next)
		n += c->type == XML_ELEMENT_NODE;
	p->items = calloc(n ? n : 1, sizeof *p->items);
	if (!p->items)
		return -1;
	for (c = items->children; c; c = c->next) {
		struct old_item *it;
		struct fp_parts f;
		char *id;

		if (c->type != XML_ELEMENT_NODE || !(id = xml_attr(c, "id")))
			continue;
		it = &p->items[p->n_items++];
		it->id = id;
		fp_parts_init(&f);
		fp_walk(c, &f, &it->heading);
		fp_parts_end(&f, &it->fp);
	}
	return 0;
}

static int old_pack_read(const char *dir, struct old_pack *p)
{
	char *path = path_join(dir, "pack.xml");
	xmlDoc *doc = path ? xmlReadFile(path, NULL, XML_PARSE_NONET |
					 XML_PARSE_NOERROR |
					 XML_PARSE_NOWARNING)
			   : NULL;
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	const xmlNode *langs = root ? xml_first(root, NULL, "languages")
				    : NULL;

	memset(p, 0, sizeof *p);
	if (root) {
		const xmlNode *title = xml_first(root, NULL, "title");

		p->id = xml_attr(root, "id");
		p->version = xml_attr(root, "version");
		p->source_lang = xml_attr(root, "source-lang");
		if (title)
			p->title = (char *)xmlNodeGetContent(title);
		if (old_items_read(root, p) < 0) {
			xmlFreeDoc(doc);
			free(path);
			old_pack_free(p);
			vv_error(dir, 0, _("out of memory"));
			return -1;
		}
	}
	if (langs) {
		const xmlNode *c;

		for (c = langs->children; c; c = c->next)
			if (c->type == XML_TEXT_NODE && !p->languages)
				p->languages = (char *)xmlNodeGetContent(c);
	}
	xmlFreeDoc(doc);
	if (!p->id || !p->version || !p->source_lang || !p->languages) {
		vv_error(path ? path : dir, 0, _("not a pack that import "
						 "--update can update (no id, "
						 "version, source-lang or "
						 "languages)"));
		free(path);
		old_pack_free(p);
		return -1;
	}
	free(path);
	return 0;
}

/* Copies (or links) what the old pack holds besides what the import
 * writes: po/, narration, the author's own media. */
static const char *copy_from, *copy_to;
static int copy_failed;

static int copy_one(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	const char *rel = path + strlen(copy_from);
	char *to;

	(void)ftw;
	if (*rel == '/')
		rel++;
	if (!*rel)
		return 0;
	if (strcmp(rel, "pack.xml") == 0 || strcmp(rel, "import.map") == 0 ||
	    strncmp(rel, "media/slide-", 12) == 0)
		return 0;
	to = path_join(copy_to, rel);
	if (!to)
		return copy_failed = 1;
	if (flag == FTW_D) {
		if (mkdir(to, st->st_mode & 07777) != 0 && errno != EEXIST)
			copy_failed = 1;
	} else if (flag == FTW_F) {
		if (link(path, to) != 0) {
			char *data = NULL;
			size_t len;

			if (file_read(path, (size_t)1 << 34, &data, &len) !=
				    VV_OK ||
			    atomic_write(to, data, len, ATOMIC_DURABLE) !=
				    VV_OK)
				copy_failed = 1;
			free(data);
		}
	}
	if (copy_failed)
		vv_error(to, 0, _("cannot copy %s here: %s"), path,
			 strerror(errno));
	free(to);
	return copy_failed;
}

static int sync_dir(const char *dir)
{
	FILE *f = fopen(dir, "r");
	int r = 0;

	if (!f)
		return 0;
	if (fsync(fileno(f)) != 0 && errno != EINVAL)
		r = -1;
	fclose(f);
	return r;
}

static int n_render_wanted(const struct import_deck *deck)
{
	size_t i;
	int n = 0;

	for (i = 0; i < deck->n_slides; i++)
		if (!deck->slides[i].hidden && deck->slides[i].needs_render)
			n++;
	return n;
}

static int id_taken(const char *id, const struct old_pack *old,
		    char (*ids)[80], size_t n)
{
	size_t i;

	for (i = 0; i < old->n_items; i++)
		if (strcmp(old->items[i].id, id) == 0)
			return 1;
	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/* The trailing number of id when it starts with the `plen` bytes of
 * prefix and ends in digits after them, else -1. */
static long id_number(const char *id, const char *prefix, size_t plen)
{
	const char *c;

	if (strncmp(id, prefix, plen) != 0 || !id[plen] ||
	    strlen(id + plen) > 9)
		return -1;
	for (c = id + plen; *c; c++)
		if (*c < '0' || *c > '9')
			return -1;
	return strtol(id + plen, NULL, 10);
}

/* import --update with a deck whose slide ids follow positions: each
 * visible slide takes the id of the pack's item with the same text
 * (heading, paragraphs, bullets, script), else of the one it is most like
 * (IMPORT_MATCH_MIN), each item used once, in slide order; a slide that
 * matches none gets an id no item had. Fills ids[i] for every slide
 * (hidden ones keep their deck id) and *title_slide with the slide that
 * took the item whose heading was the pack's title (-1 when none), and
 * prints what was matched and which items were removed. Returns 0, or -1
 * when memory ran out. */
static int match_ids(const struct import_deck *deck, struct old_pack *old,
		     char (*ids)[80], long *title_slide)
{
	struct strbuf *fp = calloc(deck->n_slides ? deck->n_slides : 1,
				   sizeof *fp);
	long *match = malloc((deck->n_slides ? deck->n_slides : 1) *
			     sizeof *match);
	size_t i, k, title_item = old->n_items;
	int n_same = 0, n_edited = 0, n_new = 0, rc = -1;

	if (!fp || !match)
		goto out;
	for (k = 0; k < old->n_items && old->title; k++)
		if (old->items[k].heading &&
		    strcmp(old->items[k].heading, old->title) == 0) {
			title_item = k;
			break;
		}
	*title_slide = -1;
	for (i = 0; i < deck->n_slides; i++) {
		match[i] = -1;
		ids[i][0] = '\0';
		if (deck->slides[i].hidden)
			continue;
		slide_fingerprint(&deck->slides[i], &fp[i]);
		if (fp[i].failed)
			goto out;
	}
	for (i = 0; i < deck->n_slides; i++) {
		if (deck->slides[i].hidden)
			continue;
		for (k = 0; k < old->n_items; k++)
			if (!old->items[k].used &&
			    strcmp(old->items[k].fp.data ? old->items[k].fp.data
							 : "",
				   fp[i].data ? fp[i].data : "") == 0) {
				old->items[k].used = 1;
				match[i] = (long)k;
				n_same++;
				break;
			}
	}
	for (i = 0; i < deck->n_slides; i++) {
		double best = IMPORT_MATCH_MIN, sim;
		long b = -1;

		if (deck->slides[i].hidden || match[i] >= 0)
			continue;
		for (k = 0; k < old->n_items; k++) {
			if (old->items[k].used)
				continue;
			sim = similarity(old->items[k].fp.data
						 ? old->items[k].fp.data : "",
					 fp[i].data ? fp[i].data : "");
			if (sim >= best + (b >= 0 ? 1e-9 : 0)) {
				best = sim;
				b = (long)k;
			}
		}
		if (b >= 0) {
			old->items[b].used = 1;
			match[i] = b;
			n_edited++;
		}
	}
	for (i = 0; i < deck->n_slides; i++) {
		if (match[i] < 0)
			continue;
		snprintf(ids[i], sizeof ids[i], "%s", old->items[match[i]].id);
		if ((size_t)match[i] == title_item)
			*title_slide = (long)i;
	}
	for (i = 0; i < deck->n_slides; i++) {
		char want[80], prefix[80];
		size_t plen;
		long top = 0, v;

		if (match[i] >= 0)
			continue;
		import_item_id(deck->slides[i].key, want, sizeof want);
		if (deck->slides[i].hidden ||
		    !id_taken(want, old, ids, deck->n_slides)) {
			snprintf(ids[i], sizeof ids[i], "%s", want);
			n_new += !deck->slides[i].hidden;
			continue;
		}
		/* slide-256 is taken: slide-N above every slide-N in use */
		plen = strlen(want);
		while (plen && want[plen - 1] >= '0' && want[plen - 1] <= '9')
			plen--;
		memcpy(prefix, want, plen);
		prefix[plen] = '\0';
		for (k = 0; k < old->n_items; k++)
			if ((v = id_number(old->items[k].id, prefix, plen)) >
			    top)
				top = v;
		for (k = 0; k < deck->n_slides; k++)
			if ((v = id_number(ids[k], prefix, plen)) > top)
				top = v;
		do {
			char cand[128];

			snprintf(cand, sizeof cand, "%s%s%ld", prefix,
				 plen == strlen(want) ? "-" : "", ++top);
			snprintf(ids[i], sizeof ids[i], "%.79s", cand);
		} while (id_taken(ids[i], old, ids, i) ||
			 id_taken(ids[i], old, ids + i + 1,
				  deck->n_slides - i - 1));
		n_new++;
	}
	printf(_("  the slide ids follow positions: slides matched to the "
		 "pack's items by their text: %d unchanged, %d edited, %d "
		 "new\n"), n_same, n_edited, n_new);
	for (k = 0; k < old->n_items; k++)
		if (!old->items[k].used)
			printf(_("  removed: %s (%s): no slide of the deck "
				 "matches it\n"), old->items[k].id,
			       old->items[k].heading ? old->items[k].heading
						     : "");
	rc = 0;
out:
	if (fp)
		for (i = 0; i < deck->n_slides; i++)
			strbuf_free(&fp[i]);
	free(fp);
	free(match);
	return rc;
}

int import_pack(const struct import_options *o)
{
	struct import_deck deck;
	struct writer w = { 0 };
	struct old_pack old = { 0 };
	char *parent = NULL, *tmp = NULL, *path = NULL, *backup = NULL;
	const char *slash, *base;
	size_t i;
	int n_items = 0, n_hidden = 0, n_render = 0, n_rendered = 0;
	int visible = 0, rc = 2, e;
	char *pdf = NULL;
	char (*ids)[80] = NULL; /* by content (match_ids()), or NULL */
	long title_slide = -1;
	enum vv_err err;

	e = dir_empty(o->pack_dir);
	if (!o->update && e != 1) {
		vv_error(o->pack_dir, 0, e < 0 ? _("not a folder") :
			 _("the folder is not empty; to re-import an edited "
			   "deck run 'veiviser-build import --update %s "
			   "DECK'"), o->pack_dir);
		return 2;
	}
	if (o->update && old_pack_read(o->pack_dir, &old) < 0)
		return 1;
	err = import_deck_read(o->deck, &deck);
	if (err != VV_OK) {
		old_pack_free(&old);
		return err == VV_ERR_FORMAT ? 1 : 2;
	}
	/* PACKDIR's parent, where the temporary folder goes. */
	slash = strrchr(o->pack_dir, '/');
	while (slash && slash > o->pack_dir && !slash[1]) {
		const char *s2 = slash - 1;

		while (s2 > o->pack_dir && *s2 != '/')
			s2--;
		slash = *s2 == '/' ? s2 : NULL;
	}
	parent = slash ? strndup(o->pack_dir, (size_t)(slash - o->pack_dir))
		       : strdup(".");
	base = slash ? slash + 1 : o->pack_dir;
	if (parent && !parent[0]) {
		free(parent);
		parent = strdup("/");
	}
	tmp = parent ? malloc(strlen(parent) + strlen(base) + 64) : NULL;
	if (!tmp)
		goto nomem;
	sprintf(tmp, "%s/.%.*s.import-%ld", parent,
		(int)strcspn(base, "/"), base, (long)getpid());
	if (path_make_dirs(parent, 0777) != 0 || mkdir(tmp, 0777) != 0) {
		vv_error(tmp, 0, _("cannot make the folder: %s"),
			 strerror(errno));
		goto out;
	}
	w.o = o;
	w.deck = &deck;
	w.tmp = tmp;
	strbuf_init(&w.xml, (size_t)64 << 20);
	strbuf_init(&w.map, (size_t)16 << 20);
	path = path_join(tmp, "media");
	if (!path || mkdir(path, 0777) != 0)
		goto io;
	free(path);
	path = NULL;

	printf(_("%s: %zu slides\n"), o->deck, deck.n_slides);
	if (o->update && deck.positional_ids) {
		ids = malloc((deck.n_slides ? deck.n_slides : 1) * sizeof *ids);
		if (!ids || match_ids(&deck, &old, ids, &title_slide) < 0)
			goto nomem;
	}
	strbuf_puts(&w.map, "# veiviser-build import: where each text of "
			    "pack.xml came from in the deck\n"
			    "# msgctxt\tslide id\tshape:paragraph\n");

	strbuf_puts(&w.xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<!-- Imported from a deck by veiviser-build "
			    "import; import.map says where each text came "
			    "from. -->\n<pack xmlns=\"urn:veiviser:pack:1\" "
			    "id=\"");
	xml_escape(&w.xml, o->update ? old.id : o->id);
	strbuf_puts(&w.xml, "\" version=\"");
	xml_escape(&w.xml, o->update ? old.version : "1.0.0");
	strbuf_puts(&w.xml, "\" source-lang=\"");
	xml_escape(&w.xml, o->update ? old.source_lang : o->source_lang);
	strbuf_puts(&w.xml, "\">\n  <title>");
	{
		const char *title = NULL;

		/* The pack's title stays with the slide it came from when
		 * the ids were matched by content. */
		if (title_slide >= 0 && deck.slides[title_slide].heading) {
			title = deck.slides[title_slide].heading->plain;
			strbuf_printf(&w.map, "pack/title\t%s\t%s\n",
				      deck.slides[title_slide].key,
				      deck.slides[title_slide].heading->origin);
		}
		for (i = 0; i < deck.n_slides && !title; i++)
			if (!deck.slides[i].hidden && deck.slides[i].heading) {
				title = deck.slides[i].heading->plain;
				strbuf_printf(&w.map, "pack/title\t%s\t%s\n",
					      deck.slides[i].key,
					      deck.slides[i].heading->origin);
			}
		xml_escape(&w.xml, title ? title : (o->update ? old.id
							     : o->id));
	}
	strbuf_puts(&w.xml, "</title>\n  <languages>");
	xml_escape(&w.xml, o->update ? old.languages : o->source_lang);
	strbuf_puts(&w.xml, "</languages>\n  <items>\n");
	if (o->render && n_render_wanted(&deck) > 0) {
		if (!import_render_available(o->deck))
			goto out;
		path = path_join(tmp, ".render");
		if (!path || mkdir(path, 0700) != 0)
			goto io;
		pdf = import_render_pdf(o->deck, path);
		free(path);
		path = NULL;
		if (!pdf)
			goto out;
	}
	for (i = 0; i < deck.n_slides; i++) {
		const struct import_slide *s = &deck.slides[i];
		char id[80];
		size_t j;
		int rendered = 0;

		import_item_id(s->key, id, sizeof id);
		for (j = 0; j < i; j++) {
			char other[80];

			import_item_id(deck.slides[j].key, other,
				       sizeof other);
			if (strcmp(other, id) == 0) {
				vv_error(o->deck, 0, _("slides %d and %d have "
						       "the same id %s; the "
						       "deck is damaged"),
					 deck.slides[j].number, s->number,
					 s->key);
				rc = 1;
				goto out;
			}
		}
		if (ids)
			snprintf(id, sizeof id, "%s", ids[i]);
		if (s->hidden) {
			printf(_("  slide %d (%s): hidden; left out\n"),
			       s->number, id);
			n_hidden++;
			continue;
		}
		visible++;
		if (s->needs_render && pdf) {
			char rel[120];

			snprintf(rel, sizeof rel, "media/%s.slide.png", id);
			path = path_join(tmp, rel);
			if (!path || import_render_page(pdf, visible, path) < 0)
				goto out;
			free(path);
			path = NULL;
			rendered = 1;
			n_rendered++;
		} else if (s->needs_render) {
			n_render++;
		}
		if (write_slide(&w, s, id, rendered, &n_items) < 0)
			goto io;
	}
	strbuf_puts(&w.xml, "  </items>\n</pack>\n");
	if (deck.positional_ids)
		printf(_("  note: the slide ids follow the slides' positions "
			 "(LibreOffice renumbers them when it saves): import "
			 "--update matches the slides to the pack's items by "
			 "their text to keep the ids, so a slide that is both "
			 "moved and much changed gets a new id. To keep the "
			 "ids whatever changes, name the slides in Impress "
			 "(Slide > Rename Slide) and save as .odp (or save in "
			 "PowerPoint, which keeps the ids)\n"));
	if (n_items == 0) {
		vv_error(o->deck, 0, _("no slide to import (all %zu are "
				       "hidden)"), deck.n_slides);
		rc = 1;
		goto out;
	}
	if (w.xml.failed || w.map.failed)
		goto nomem;
	/* atomic_write() names the file on failure. */
	path = path_join(tmp, "pack.xml");
	if (!path)
		goto nomem;
	if (atomic_write(path, w.xml.data, w.xml.len, ATOMIC_DURABLE) !=
	    VV_OK)
		goto out;
	free(path);
	path = path_join(tmp, "import.map");
	if (!path)
		goto nomem;
	if (atomic_write(path, w.map.data, w.map.len, ATOMIC_DURABLE) !=
	    VV_OK)
		goto out;
	free(path);
	path = NULL;
	if (pdf) {
		char *work = path_join(tmp, ".render");

		if (!work)
			goto nomem;
		remove_tree(work);
		free(work);
	}
	if (o->update) {
		copy_from = o->pack_dir;
		copy_to = tmp;
		copy_failed = 0;
		if (nftw(o->pack_dir, copy_one, 16, FTW_PHYS) != 0 ||
		    copy_failed)
			goto out;
		backup = malloc(strlen(tmp) + 8);
		if (!backup)
			goto nomem;
		sprintf(backup, "%s.old", tmp);
		if (rename(o->pack_dir, backup) != 0) {
			vv_error(o->pack_dir, 0, _("cannot replace the pack: "
						   "%s"), strerror(errno));
			goto out;
		}
	} else if (e == 1) {
		rmdir(o->pack_dir); /* an empty folder, or none */
	}
	if (rename(tmp, o->pack_dir) != 0) {
		vv_error(o->pack_dir, 0, _("cannot make the pack here: %s"),
			 strerror(errno));
		if (backup)
			rename(backup, o->pack_dir);
		goto out;
	}
	if (backup)
		remove_tree(backup);
	sync_dir(parent);
	printf(_("%s: %d items written to %s; %d hidden slide(s) left out; "
		 "%d slide(s) rendered as pictures; %d slide(s) need "
		 "--render\n"), o->deck, n_items, o->pack_dir, n_hidden,
	       n_rendered, n_render);
	if (o->update)
		printf(_("next: veiviser-build update-po %s (keeps the "
			 "translations; changed texts become fuzzy)\n"),
		       o->pack_dir);
	else
		printf(_("next: veiviser-build check %s\n"), o->pack_dir);
	rc = 0;
	goto done;
nomem:
	vv_error(o->deck, 0, _("out of memory"));
	goto out;
io:
	if (path)
		vv_error(path, 0, _("cannot write: %s"), strerror(errno));
out:
	if (tmp)
		remove_tree(tmp);
done:
	free(path);
	free(pdf);
	free(tmp);
	free(backup);
	free(parent);
	free(ids);
	strbuf_free(&w.xml);
	strbuf_free(&w.map);
	old_pack_free(&old);
	import_deck_clear(&deck);
	return rc;
}
