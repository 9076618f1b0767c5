/* bundle: reads .vvb bundles. The tar index is parsed by hand, block by
 * block, with every length from the file checked against the file size and
 * every header checksum, padding byte and trailer byte checked, so that a
 * single changed byte anywhere in a bundle is caught (media bytes by their
 * SHA-256, in bundle_verify_members()). */
#include "common/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "common/hash.h"
#include "common/i18n.h"
#include "common/xml.h"

#define BLOCK 512
#define MAX_MANIFEST (16u << 20)   /* manifest.xml */
#define MAX_ITEMS 4096
#define MAX_MEMBER_READ (64u << 20) /* bundle_read_member() */
#define MAX_NAME 256               /* ustar: 155 prefix + '/' + 100 */

#define DAMAGED _("the bundle is damaged; rebuild it or copy it again")

struct tar_entry {
	char name[MAX_NAME + 1];  /* and the terminating NUL */
	uint64_t offset; /* of the data */
	uint64_t size;
};

/* ---- small helpers ---------------------------------------------------- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void bundle_init(void)
{
	/* Numbers in the manifest are written in the C locale; the programs
	 * run in the user's, where the decimal point may be a comma. */
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	xmlInitParser();
}

static int read_exact(int fd, uint64_t offset, void *buf, size_t size)
{
	unsigned char *p = buf;
	ssize_t got;

	while (size > 0) {
		got = pread(fd, p, size, (off_t)offset);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			return -1;
		}
		p += got;
		size -= (size_t)got;
		offset += (uint64_t)got;
	}
	return 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* Parses a ustar octal field: optional leading spaces, octal digits, then
 * only NULs or spaces. Returns 0 and *out, or -1 when anything else is in
 * it (base-256 numbers included: bundles never need them). */
static int parse_octal(const unsigned char *field, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	int digits = 0;

	while (i < n && field[i] == ' ')
		i++;
	for (; i < n && field[i] >= '0' && field[i] <= '7'; i++) {
		if (v > (UINT64_MAX >> 3))
			return -1;
		v = (v << 3) | (uint64_t)(field[i] - '0');
		digits++;
	}
	for (; i < n; i++)
		if (field[i] != '\0' && field[i] != ' ')
			return -1;
	if (!digits)
		return -1;
	*out = v;
	return 0;
}

/* Returns non-zero for a safe relative name: no leading '/', no empty,
 * "." or ".." component, no backslash or control character. */
static int safe_name(const char *name)
{
	const char *p = name, *end;
	size_t len;

	if (!*name || *name == '/')
		return 0;
	for (;;) {
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len == 0 || (len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (!end)
			break;
		p = end + 1;
	}
	for (p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return 0;
	return 1;
}

/* A padding member (".pad.N", all zeros) only moves the next member's
 * data to a block boundary, so that file systems can share its blocks
 * with the builder's copy; readers skip it. */
#define PAD_PREFIX ".pad."
#define PAD_MAX_SIZE (64u << 10)

static int is_pad(const char *name)
{
	const char *p = name + strlen(PAD_PREFIX);

	if (strncmp(name, PAD_PREFIX, strlen(PAD_PREFIX)) != 0 || !*p)
		return 0;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

static int cmp_entry_name(const void *a, const void *b)
{
	const struct tar_entry *const *x = a;
	const struct tar_entry *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* ---- tar index ------------------------------------------------------- */

/* Reads one ustar header at `off`. Returns VV_OK with *entry filled, and
 * *end set when the block is the first of the two zero blocks. */
static enum vv_err tar_header(const char *path, int fd, uint64_t file_size,
			      uint64_t off, struct tar_entry *entry, int *end)
{
	unsigned char h[BLOCK];
	uint64_t sum_field, size;
	unsigned long sum = 0;
	size_t i, name_len, prefix_len;

	*end = 0;
	if (off + BLOCK > file_size) {
		vv_error(path, 0, _("truncated: it ends inside the archive "
				    "index; %s"), DAMAGED);
		return VV_ERR_FORMAT;
	}
	if (read_exact(fd, off, h, BLOCK) != 0) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		return VV_ERR_IO;
	}
	if (all_zero(h, BLOCK)) {
		*end = 1;
		return VV_OK;
	}
	for (i = 0; i < BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	/* The checksum field itself is summed as spaces, so only its exact
	 * POSIX form (six digits, NUL, space) catches a change inside it. */
	if (parse_octal(h + 148, 6, &sum_field) != 0 || h[154] != '\0' ||
	    h[155] != ' ' || sum_field != sum) {
		vv_error(path, 0, _("archive header at byte %llu has a bad "
				    "checksum; %s"),
			 (unsigned long long)off, DAMAGED);
		return VV_ERR_FORMAT;
	}
	if (memcmp(h + 257, "ustar\0" "00", 8) != 0) {
		vv_error(path, 0, _("archive header at byte %llu is not "
				    "POSIX ustar; %s"),
			 (unsigned long long)off, DAMAGED);
		return VV_ERR_FORMAT;
	}
	name_len = strnlen((const char *)h, 100);
	prefix_len = strnlen((const char *)h + 345, 155);
	if (prefix_len) {
		memcpy(entry->name, h + 345, prefix_len);
		entry->name[prefix_len] = '/';
		memcpy(entry->name + prefix_len + 1, h, name_len);
		entry->name[prefix_len + 1 + name_len] = '\0';
	} else {
		memcpy(entry->name, h, name_len);
		entry->name[name_len] = '\0';
	}
	if (h[156] != '0' && h[156] != '\0') {
		vv_error(path, 0, _("member \"%s\" is a link or special file, "
				    "which bundles never hold; %s"),
			 entry->name, DAMAGED);
		return VV_ERR_FORMAT;
	}
	if (!safe_name(entry->name)) {
		vv_error(path, 0, _("member \"%s\" has an unsafe name "
				    "(absolute, \"..\" or empty part); %s"),
			 entry->name, DAMAGED);
		return VV_ERR_FORMAT;
	}
	if (parse_octal(h + 124, 12, &size) != 0) {
		vv_error(path, 0, _("member \"%s\" has a malformed size; %s"),
			 entry->name, DAMAGED);
		return VV_ERR_FORMAT;
	}
	entry->offset = off + BLOCK;
	entry->size = size;
	if (size > file_size || entry->offset > file_size - size) {
		vv_error(path, 0, _("truncated: member \"%s\" runs past the "
				    "end of the file; %s"),
			 entry->name, DAMAGED);
		return VV_ERR_FORMAT;
	}
	return VV_OK;
}

/* Checks that [off, off+n) holds only zero bytes. */
static enum vv_err zero_range(const char *path, int fd, uint64_t off,
			      uint64_t n, const char *what)
{
	unsigned char buf[4096];
	size_t want;

	while (n > 0) {
		want = n < sizeof buf ? (size_t)n : sizeof buf;
		if (read_exact(fd, off, buf, want) != 0) {
			vv_error(path, 0, _("cannot read: %s"),
				 strerror(errno));
			return VV_ERR_IO;
		}
		if (!all_zero(buf, want)) {
			vv_error(path, 0, _("non-zero bytes in the %s near "
					    "byte %llu; %s"),
				 what, (unsigned long long)off, DAMAGED);
			return VV_ERR_FORMAT;
		}
		off += want;
		n -= want;
	}
	return VV_OK;
}

static enum vv_err tar_scan(const char *path, int fd, uint64_t file_size,
			    struct tar_entry **out, size_t *n_out)
{
	struct tar_entry *entries = NULL, **sorted = NULL;
	size_t n = 0, cap = 0, i;
	uint64_t off = 0, pad;
	enum vv_err err = VV_OK;
	int end = 0;

	*out = NULL;
	*n_out = 0;
	if (file_size % BLOCK != 0) {
		vv_error(path, 0, _("truncated or padded: its size is not a "
				    "whole number of tar blocks; %s"),
			 DAMAGED);
		return VV_ERR_FORMAT;
	}
	for (;;) {
		if (n == cap) {
			struct tar_entry *grown;

			if (cap >= BUNDLE_MAX_ENTRIES) {
				vv_error(path, 0, _("more than %d members; "
						    "%s"),
					 BUNDLE_MAX_ENTRIES, DAMAGED);
				err = VV_ERR_FORMAT;
				goto fail;
			}
			cap = cap ? cap * 2 : 16;
			grown = realloc(entries, cap * sizeof *entries);
			if (!grown) {
				err = VV_ERR_NOMEM;
				goto fail;
			}
			entries = grown;
		}
		err = tar_header(path, fd, file_size, off, &entries[n], &end);
		if (err != VV_OK)
			goto fail;
		if (end)
			break;
		if (is_pad(entries[n].name)) {
			if (entries[n].size > PAD_MAX_SIZE) {
				vv_error(path, 0, _("padding member \"%s\" is "
						    "larger than %u KiB; %s"),
					 entries[n].name, PAD_MAX_SIZE >> 10,
					 DAMAGED);
				err = VV_ERR_FORMAT;
				goto fail;
			}
			err = zero_range(path, fd, entries[n].offset,
					 entries[n].size, _("padding member"));
			if (err != VV_OK)
				goto fail;
		}
		pad = (BLOCK - entries[n].size % BLOCK) % BLOCK;
		off = entries[n].offset + entries[n].size;
		if (pad > file_size - off) {
			vv_error(path, 0, _("truncated inside member \"%s\"; "
					    "%s"), entries[n].name, DAMAGED);
			err = VV_ERR_FORMAT;
			goto fail;
		}
		err = zero_range(path, fd, off, pad, _("padding"));
		if (err != VV_OK)
			goto fail;
		off += pad;
		n++;
	}
	/* The end marker is two zero blocks; nothing but zeros may follow. */
	if (file_size - off < 2 * BLOCK) {
		vv_error(path, 0, _("truncated: the end-of-archive marker is "
				    "missing; %s"), DAMAGED);
		err = VV_ERR_FORMAT;
		goto fail;
	}
	err = zero_range(path, fd, off + BLOCK, file_size - off - BLOCK,
			 _("end of the archive"));
	if (err != VV_OK)
		goto fail;
	if (n > 1) {
		sorted = malloc(n * sizeof *sorted);
		if (!sorted) {
			err = VV_ERR_NOMEM;
			goto fail;
		}
		for (i = 0; i < n; i++)
			sorted[i] = &entries[i];
		qsort(sorted, n, sizeof *sorted, cmp_entry_name);
		for (i = 1; i < n; i++)
			if (strcmp(sorted[i - 1]->name, sorted[i]->name) == 0) {
				vv_error(path, 0, _("member \"%s\" appears "
						    "twice; %s"),
					 sorted[i]->name, DAMAGED);
				err = VV_ERR_FORMAT;
				goto fail;
			}
		free(sorted);
		sorted = NULL;
	}
	*out = entries;
	*n_out = n;
	return VV_OK;
fail:
	free(sorted);
	free(entries);
	return err;
}

/* ---- manifest -------------------------------------------------------- */

struct parse {
	const char *path;
	struct bundle *b;
};

/* Every manifest element lives in the bundle namespace. */
static int is_el(const xmlNode *node, const char *name)
{
	return xml_is(node, BUNDLE_NS, name);
}

static int attr_is(const xmlNode *node, const char *name, const char *want)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	int same = v && strcmp((const char *)v, want) == 0;

	xmlFree(v);
	return same;
}

static int attr_u64(const xmlNode *node, const char *name, uint64_t *out)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	unsigned long long n;
	char *end;
	int ok;

	*out = 0;
	if (!v)
		return 0;
	errno = 0;
	ok = v[0] >= '0' && v[0] <= '9';
	n = strtoull((const char *)v, &end, 10);
	ok = ok && !errno && !*end;
	xmlFree(v);
	if (!ok)
		return -1;
	*out = n;
	return 0;
}

static int attr_double(const xmlNode *node, const char *name, double *out)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	char *end;
	double d;
	int ok;

	*out = 0;
	if (!v)
		return 0;
	d = strtod_l((const char *)v, &end, c_locale);
	ok = end != (char *)v && !*end && isfinite(d) && d >= 0 && d < 1e9;
	xmlFree(v);
	if (!ok)
		return -1;
	*out = d;
	return 0;
}

static enum vv_err set_text(struct bundle_text *t, const xmlNode *node)
{
	xmlChar *v = node ? xmlNodeGetContent(node) : NULL;

	free(t->text);
	t->text = strdup(v ? (const char *)v : "");
	t->fallback = node && attr_is(node, "fallback", "true");
	xmlFree(v);
	return t->text ? VV_OK : VV_ERR_NOMEM;
}

static enum vv_err bad(struct parse *p, const xmlNode *node, const char *what)
{
	vv_error(p->path, 0, _("malformed manifest (line %ld): %s; %s"),
		 node ? (long)xmlGetLineNo(node) : 0L, what, DAMAGED);
	return VV_ERR_FORMAT;
}

static enum vv_err parse_member(struct parse *p, const xmlNode *node,
				struct bundle_member *m)
{
	static const char *const kinds[] = { "image", "audio", "video",
					     "subtitles" };
	uint64_t w, h;
	char *sha;
	size_t i;
	int kind_ok = 0;

	m->name = xml_attr(node, "name");
	m->kind = xml_attr(node, "kind");
	if (!m->name || !m->kind)
		return bad(p, node, _("a member lacks name or kind"));
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		kind_ok |= strcmp(m->kind, kinds[i]) == 0;
	if (!kind_ok)
		return bad(p, node, _("unknown member kind"));
	if (strncmp(m->name, "media/", 6) != 0 || !safe_name(m->name) ||
	    strlen(m->name) >= MAX_NAME)
		return bad(p, node, _("member name outside media/"));
	sha = xml_attr(node, "sha256");
	if (!sha || strlen(sha) != 64 || !hash_is_hex(sha)) {
		free(sha);
		return bad(p, node, _("member sha256 is not 64 hex digits"));
	}
	memcpy(m->sha256, sha, 65);
	free(sha);
	if (!xmlHasProp(node, BAD_CAST "size") ||
	    attr_u64(node, "size", &m->size) != 0 ||
	    attr_double(node, "duration", &m->duration) != 0 ||
	    attr_u64(node, "width", &w) != 0 ||
	    attr_u64(node, "height", &h) != 0 || w > 65535 || h > 65535)
		return bad(p, node, _("bad member size, duration or "
				      "dimensions"));
	m->width = (int)w;
	m->height = (int)h;
	return VV_OK;
}

static enum vv_err parse_members(struct parse *p, const xmlNode *list)
{
	struct bundle *b = p->b;
	const xmlNode *c;
	enum vv_err err;
	size_t n = xml_count(list, BUNDLE_NS, "member"), i, j;

	if (n > BUNDLE_MAX_ENTRIES) {
		bad(p, list, _("too many members"));
		return VV_ERR_LIMIT;
	}
	b->members = calloc(n ? n : 1, sizeof *b->members);
	if (!b->members)
		return VV_ERR_NOMEM;
	for (c = list->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(c, "member"))
			return bad(p, c, _("unexpected element in members"));
		err = parse_member(p, c, &b->members[b->n_members++]);
		if (err != VV_OK)
			return err;
	}
	for (i = 0; i < b->n_members; i++)
		for (j = i + 1; j < b->n_members; j++)
			if (strcmp(b->members[i].name,
				   b->members[j].name) == 0)
				return bad(p, list, _("a member is listed "
						      "twice"));
	return VV_OK;
}

/* Points *out at the member named by attribute `name` of `node`, which
 * must exist when `required`, and must have kind `kind`. */
static enum vv_err member_ref(struct parse *p, const xmlNode *node,
			      const char *name, const char *kind,
			      int required, const struct bundle_member **out)
{
	const struct bundle_member *m;
	char *ref = xml_attr(node, name);

	*out = NULL;
	if (!ref)
		return required ? bad(p, node, _("missing member reference"))
				: VV_OK;
	m = bundle_find_member(p->b, ref);
	free(ref);
	if (!m)
		return bad(p, node, _("reference to a member that is not "
				      "listed"));
	if (strcmp(m->kind, kind) != 0)
		return bad(p, node, _("reference to a member of the wrong "
				      "kind"));
	*out = m;
	return VV_OK;
}

static enum vv_err add_text(struct bundle_text **arr, size_t *n,
			    const xmlNode *node)
{
	struct bundle_text *grown;

	if (*n >= 1024)
		return VV_ERR_NOMEM;
	grown = realloc(*arr, (*n + 1) * sizeof **arr);
	if (!grown)
		return VV_ERR_NOMEM;
	*arr = grown;
	memset(&grown[*n], 0, sizeof grown[*n]);
	(*n)++;
	return set_text(&grown[*n - 1], node);
}

/* Reads <li>'s level="N" (1 to BUNDLE_LIST_LEVELS; 1 when absent) into
 * *level. */
static enum vv_err li_level(struct parse *p, const xmlNode *li, int *level)
{
	uint64_t n = 1;

	if (xmlHasProp((xmlNode *)li, BAD_CAST "level") &&
	    (attr_u64(li, "level", &n) != 0 || n < 1 ||
	     n > BUNDLE_LIST_LEVELS))
		return bad(p, li, _("bad list level; expected 1 to 4"));
	*level = (int)n;
	return VV_OK;
}

const struct bundle_text *bundle_body_text(const struct bundle_item *it,
					   size_t k, int *bullet)
{
	size_t pi = 0, bi = 0, pos;

	for (pos = 0; pi < it->n_paragraphs || bi < it->n_bullets; pos++) {
		int para = pi < it->n_paragraphs &&
			   (bi >= it->n_bullets ||
			    it->paragraphs[pi].bullets_before <= bi);

		if (pos == k) {
			*bullet = !para;
			return para ? &it->paragraphs[pi] : &it->bullets[bi];
		}
		if (para)
			pi++;
		else
			bi++;
	}
	*bullet = 0;
	return NULL;
}

static enum vv_err parse_item(struct parse *p, const xmlNode *node,
			      struct bundle_item *it)
{
	const xmlNode *c, *li;
	enum vv_err err = VV_OK;
	double dur;

	it->kind = is_el(node, "video") ? BUNDLE_VIDEO : BUNDLE_SLIDE;
	it->id = xml_attr(node, "id");
	if (!it->id || !*it->id)
		return bad(p, node, _("an item has no id"));
	if (set_text(&it->heading, NULL) || set_text(&it->image_alt, NULL) ||
	    set_text(&it->script, NULL))
		return VV_ERR_NOMEM;
	if (it->kind == BUNDLE_VIDEO) {
		err = member_ref(p, node, "member", "video", 1, &it->video);
		if (!err)
			err = member_ref(p, node, "subtitles", "subtitles", 0,
					 &it->subtitles);
		if (err)
			return err;
		it->audio_lang = xml_attr(node, "audio-lang");
		{
			uint64_t n;

			if (attr_u64(node, "cue-fallback", &n) != 0)
				return bad(p, node, _("bad cue-fallback"));
			it->cue_fallback = (size_t)n;
		}
	}
	for (c = node->children; c && err == VV_OK; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "heading") || is_el(c, "title")) {
			err = set_text(&it->heading, c);
		} else if (is_el(c, "script")) {
			/* a slide's, or a film's (the presenter's words) */
			err = set_text(&it->script, c);
		} else if (it->kind == BUNDLE_VIDEO) {
			err = bad(p, c, _("unexpected element in a video"));
		} else if (is_el(c, "p")) {
			/* reading order: the bullets so far come before it */
			err = add_text(&it->paragraphs, &it->n_paragraphs, c);
			if (!err)
				it->paragraphs[it->n_paragraphs - 1]
					.bullets_before = it->n_bullets;
		} else if (is_el(c, "list")) {
			for (li = c->children; li && !err; li = li->next) {
				if (li->type != XML_ELEMENT_NODE)
					continue;
				if (!is_el(li, "li"))
					return bad(p, li, _("unexpected "
							    "element in a "
							    "list"));
				err = add_text(&it->bullets, &it->n_bullets,
					       li);
				if (!err)
					err = li_level(p, li, &it->bullets[
						it->n_bullets - 1].level);
			}
		} else if (is_el(c, "image")) {
			err = member_ref(p, c, "member", "image", 1,
					 &it->image);
			for (li = c->children; li && !err; li = li->next)
				if (is_el(li, "alt"))
					err = set_text(&it->image_alt, li);
		} else if (is_el(c, "narration")) {
			err = member_ref(p, c, "member", "audio", 1,
					 &it->narration);
			if (!err && attr_double(c, "duration", &dur) != 0)
				err = bad(p, c, _("bad narration duration"));
		} else {
			err = bad(p, c, _("unexpected element in a slide"));
		}
	}
	return err;
}

static enum vv_err parse_items(struct parse *p, const xmlNode *list)
{
	struct bundle *b = p->b;
	const xmlNode *c;
	enum vv_err err;
	size_t n = xml_count(list, BUNDLE_NS, "slide") +
		   xml_count(list, BUNDLE_NS, "video");

	if (n > MAX_ITEMS) {
		bad(p, list, _("too many items"));
		return VV_ERR_LIMIT;
	}
	b->items = calloc(n ? n : 1, sizeof *b->items);
	if (!b->items)
		return VV_ERR_NOMEM;
	for (c = list->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(c, "slide") && !is_el(c, "video"))
			return bad(p, c, _("unexpected element in items"));
		err = parse_item(p, c, &b->items[b->n_items++]);
		if (err != VV_OK)
			return err;
	}
	return VV_OK;
}

static enum vv_err parse_root(struct parse *p, const xmlNode *root)
{
	struct bundle *b = p->b;
	const xmlNode *c, *members = NULL, *items = NULL, *sub;
	const xmlNode *pack = NULL, *language = NULL, *level = NULL;
	enum vv_err err;
	uint64_t v;
	char *code;

	if (!root || !is_el(root, "bundle"))
		return bad(p, root, _("the root is not a veiviser bundle"));
	if (!attr_is(root, "format", "1"))
		return bad(p, root, _("unsupported bundle format; a newer "
				      "veiviser may read it"));
	for (c = root->children; c; c = c->next) {
		const xmlNode **slot = NULL;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "pack"))
			slot = &pack;
		else if (is_el(c, "language"))
			slot = &language;
		else if (is_el(c, "level"))
			slot = &level;
		else if (is_el(c, "items"))
			slot = &items;
		else if (is_el(c, "members"))
			slot = &members;
		else if (is_el(c, "coverage")) {
			if (attr_u64(c, "total", &v) != 0)
				return bad(p, c, _("bad coverage"));
			b->coverage_total = (size_t)v;
			if (attr_u64(c, "translated", &v) != 0)
				return bad(p, c, _("bad coverage"));
			b->coverage_translated = (size_t)v;
			if (attr_u64(c, "fallback", &v) != 0)
				return bad(p, c, _("bad coverage"));
			b->coverage_fallback = (size_t)v;
			continue;
		} else
			return bad(p, c, _("unexpected element"));
		if (*slot)
			return bad(p, c, _("an element appears twice"));
		*slot = c;
	}
	if (!pack || !language || !level || !items || !members)
		return bad(p, root, _("pack, language, level, items or "
				      "members is missing"));
	b->pack_id = xml_attr(pack, "id");
	b->pack_version = xml_attr(pack, "version");
	if (!b->pack_id || !b->pack_version)
		return bad(p, pack, _("pack id or version is missing"));
	if (set_text(&b->pack_title, NULL) ||
	    set_text(&b->level_label, NULL))
		return VV_ERR_NOMEM;
	for (sub = pack->children; sub; sub = sub->next)
		if (is_el(sub, "title") && set_text(&b->pack_title, sub))
			return VV_ERR_NOMEM;
	code = xml_attr(pack, "source-lang");
	b->source_lang = lang_find(code);
	free(code);
	code = xml_attr(language, "code");
	if (!code)
		return bad(p, language, _("language code is missing"));
	b->lang = lang_find(code);
	if (!b->lang) {
		vv_error(p->path, 0, _("unknown language \"%s\"; a newer "
				       "veiviser may know it"), code);
		free(code);
		return VV_ERR_LANG;
	}
	free(code);
	b->draft = attr_is(language, "draft", "true");
	b->level_id = xml_attr(level, "id");
	if (!b->level_id)
		return bad(p, level, _("level id is missing"));
	for (sub = level->children; sub; sub = sub->next)
		if (is_el(sub, "label") && set_text(&b->level_label, sub))
			return VV_ERR_NOMEM;
	err = parse_members(p, members);
	if (err == VV_OK)
		err = member_ref(p, language, "prompt", "audio", 0,
				 &b->language_prompt);
	if (err == VV_OK)
		err = member_ref(p, language, "end-prompt", "audio", 0,
				 &b->end_prompt);
	if (err == VV_OK)
		err = member_ref(p, language, "idle-prompt", "audio", 0,
				 &b->idle_prompt);
	for (sub = level->children; sub && err == VV_OK; sub = sub->next)
		if (is_el(sub, "prompt"))
			err = member_ref(p, sub, "member", "audio", 1,
					 &b->level_prompt);
	if (err == VV_OK)
		err = parse_items(p, items);
	return err;
}

static enum vv_err parse_manifest(const char *path, const char *xml,
				  size_t size, struct bundle *b)
{
	struct parse p = { path, b };
	xmlParserCtxtPtr ctxt;
	enum vv_err err;
	xmlDocPtr doc;

	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return VV_ERR_NOMEM;
	doc = xmlCtxtReadMemory(ctxt, xml, (int)size, "manifest.xml", "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);

		vv_error(path, 0, _("malformed manifest (line %d): %s; %s"),
			 e ? e->line : 0,
			 e && e->message ? _("not well-formed XML")
					 : _("unreadable"),
			 DAMAGED);
		xmlFreeParserCtxt(ctxt);
		return VV_ERR_FORMAT;
	}
	/* A manifest never needs a DTD; refusing it rules out entity
	 * expansion tricks. */
	if (doc->intSubset || doc->extSubset)
		err = bad(&p, NULL, _("a DTD is not allowed"));
	else
		err = parse_root(&p, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return err;
}

/* ---- bundle_open ----------------------------------------------------- */

static enum vv_err check_entries(const char *path, struct bundle *b,
				 const struct tar_entry *e, size_t n)
{
	struct bundle_member *m;
	size_t i, pads = 0;

	for (i = 1; i + 1 < n; i++) {
		if (is_pad(e[i].name)) {
			pads++;
			continue;
		}
		m = (struct bundle_member *)bundle_find_member(b, e[i].name);
		if (!m) {
			vv_error(path, 0, _("member \"%s\" is not listed in "
					    "the manifest; %s"),
				 e[i].name, DAMAGED);
			return VV_ERR_FORMAT;
		}
		if (m->size != e[i].size) {
			vv_error(path, 0, _("member \"%s\" is %llu bytes, the "
					    "manifest says %llu; %s"),
				 e[i].name, (unsigned long long)e[i].size,
				 (unsigned long long)m->size, DAMAGED);
			return VV_ERR_INTEGRITY;
		}
		if (m->size > bundle_member_cap(m->kind)) {
			vv_error(path, 0, _("member \"%s\" is %llu bytes; a "
					    "bundle's %s may have at most %llu "
					    "MiB: shorten or compress it and "
					    "build again"),
				 e[i].name, (unsigned long long)m->size,
				 m->kind,
				 (unsigned long long)
				 (bundle_member_cap(m->kind) >> 20));
			return VV_ERR_FORMAT;
		}
		m->offset = e[i].offset;
	}
	/* Every listed member must be in the archive: n - 2 entries, all
	 * listed and unique, cover the members exactly when the counts are
	 * equal. */
	if (n - 2 - pads != b->n_members) {
		for (i = 0; i < b->n_members; i++)
			if (b->members[i].offset == 0) {
				vv_error(path, 0, _("member \"%s\" is "
						    "missing; %s"),
					 b->members[i].name, DAMAGED);
				return VV_ERR_NOTFOUND;
			}
		return VV_ERR_INTERNAL;
	}
	return VV_OK;
}

uint64_t bundle_member_cap(const char *kind)
{
	if (kind && strcmp(kind, "audio") == 0)
		return BUNDLE_MAX_AUDIO;
	if (kind && strcmp(kind, "image") == 0)
		return BUNDLE_MAX_IMAGE;
	if (kind && strcmp(kind, "subtitles") == 0)
		return BUNDLE_MAX_SUBTITLES;
	return BUNDLE_MAX_VIDEO;
}

/* Opens a regular file (following a symlink) without ever blocking: a
 * FIFO named *.vvb would block open() until a writer came. lstat/stat
 * first, then O_NONBLOCK, then the descriptor must be the file that was
 * looked at. Returns the descriptor, or -1 after a message. */
static int open_regular(const char *path, struct stat *st, enum vv_err *err)
{
	struct stat first;
	int fd;

	*err = VV_ERR_IO;
	if (lstat(path, &first) != 0 ||
	    (S_ISLNK(first.st_mode) && stat(path, &first) != 0)) {
		vv_error(path, 0, _("cannot open: %s; check the path"),
			 strerror(errno));
		if (errno == ENOENT)
			*err = VV_ERR_NOTFOUND;
		return -1;
	}
	if (!S_ISREG(first.st_mode)) {
		vv_error(path, 0, _("not a regular file; give a .vvb bundle"));
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		vv_error(path, 0, _("cannot open: %s; check the path"),
			 strerror(errno));
		if (errno == ENOENT)
			*err = VV_ERR_NOTFOUND;
		return -1;
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) ||
	    st->st_dev != first.st_dev || st->st_ino != first.st_ino) {
		vv_error(path, 0, _("the file changed while it was opened; "
				    "try again"));
		close(fd);
		return -1;
	}
	return fd;
}

enum vv_err bundle_open(const char *path, struct bundle **out)
{
	struct tar_entry *entries = NULL, *sig = NULL;
	struct bundle *b = NULL;
	char *manifest = NULL;
	char sum[66], hex[HASH_HEX_SIZE];
	enum vv_err err;
	struct stat st;
	size_t n = 0;
	int fd;

	*out = NULL;
	pthread_once(&init_once, bundle_init);
	fd = open_regular(path, &st, &err);
	if (fd < 0)
		return err;
	err = tar_scan(path, fd, (uint64_t)st.st_size, &entries, &n);
	if (err != VV_OK)
		goto done;
	err = VV_ERR_FORMAT;
	if (n < 2 || strcmp(entries[0].name, "manifest.xml") != 0) {
		vv_error(path, 0, _("the first member is not manifest.xml; "
				    "%s"), DAMAGED);
		goto done;
	}
	/* A signature, when there is one, is the last member. */
	if (n >= 3 && strcmp(entries[n - 1].name, BUNDLE_SIGNATURE_MEMBER) ==
			      0) {
		sig = &entries[n - 1];
		n--;
		if (sig->size == 0 || sig->size > BUNDLE_MAX_SIGNATURE) {
			vv_error(path, 0, _("the signature member is %llu "
					    "bytes; %s"),
				 (unsigned long long)sig->size, DAMAGED);
			goto done;
		}
	}
	if (strcmp(entries[n - 1].name, "manifest.sha256") != 0 ||
	    entries[n - 1].size != 65) {
		vv_error(path, 0, _("the last member is not manifest.sha256; "
				    "%s"), DAMAGED);
		goto done;
	}
	if (entries[0].size > MAX_MANIFEST) {
		vv_error(path, 0, _("manifest.xml is larger than %u MiB; %s"),
			 MAX_MANIFEST >> 20, DAMAGED);
		goto done;
	}
	manifest = malloc(entries[0].size + 1);
	if (!manifest) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	if (read_exact(fd, entries[0].offset, manifest, entries[0].size) ||
	    read_exact(fd, entries[n - 1].offset, sum, 65)) {
		vv_error(path, 0, _("cannot read: %s"), strerror(errno));
		err = VV_ERR_IO;
		goto done;
	}
	manifest[entries[0].size] = '\0';
	sum[65] = '\0';
	hash_sha256_buffer(manifest, entries[0].size, hex);
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* Fuzzing (tests/fuzz/fuzz.mk): accept any digest, so mutated
	 * manifests reach the XML parser instead of stopping here. */
	memcpy(sum, hex, 64);
#endif
	if (sum[64] != '\n' || memcmp(sum, hex, 64) != 0) {
		vv_error(path, 0, _("manifest.xml does not match "
				    "manifest.sha256; %s"), DAMAGED);
		err = VV_ERR_INTEGRITY;
		goto done;
	}
	b = calloc(1, sizeof *b);
	if (b)
		b->fd = -1;
	if (!b || !(b->path = strdup(path))) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	b->id.dev = (uint64_t)st.st_dev;
	b->id.ino = (uint64_t)st.st_ino;
	b->id.size = (uint64_t)st.st_size;
	b->id.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 +
			 st.st_mtim.tv_nsec;
	b->id.ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000 +
			 st.st_ctim.tv_nsec;
	memcpy(b->id.manifest_sha256, hex, sizeof b->id.manifest_sha256);
	memcpy(b->manifest_sum, sum, sizeof b->manifest_sum);
	b->unsigned_size = (entries[n - 1].offset + 65 + 511) & ~(uint64_t)511;
	if (sig) {
		b->signature = malloc((size_t)sig->size + 1);
		if (!b->signature) {
			err = VV_ERR_NOMEM;
			goto done;
		}
		if (read_exact(fd, sig->offset, b->signature,
			       (size_t)sig->size)) {
			vv_error(path, 0, _("cannot read: %s"),
				 strerror(errno));
			err = VV_ERR_IO;
			goto done;
		}
		b->signature[sig->size] = '\0';
		b->signature_size = (size_t)sig->size;
	}
	err = parse_manifest(path, manifest, entries[0].size, b);
	if (err == VV_OK)
		err = check_entries(path, b, entries, n);
done:
	if (err == VV_ERR_NOMEM)
		vv_error(path, 0, _("out of memory while reading the bundle"));
	free(manifest);
	free(entries);
	if (err != VV_OK) {
		close(fd);
		bundle_close(b);
		return err;
	}
	b->fd = fd;
	*out = b;
	return VV_OK;
}

/* ---- members --------------------------------------------------------- */

const struct bundle_member *bundle_find_member(const struct bundle *b,
					       const char *name)
{
	size_t i;

	for (i = 0; b && name && i < b->n_members; i++)
		if (strcmp(b->members[i].name, name) == 0)
			return &b->members[i];
	return NULL;
}

enum vv_err bundle_verify_members(const struct bundle *b)
{
	char hex[HASH_HEX_SIZE];
	enum vv_err err = VV_OK;
	size_t i;

	if (b->fd < 0) {
		vv_error(b->path, 0, _("cannot read: the bundle is not open"));
		return VV_ERR_IO;
	}
	for (i = 0; i < b->n_members && err == VV_OK; i++) {
		err = hash_sha256_range(b->fd, b->members[i].offset,
					b->members[i].size, hex);
		if (err != VV_OK) {
			vv_error(b->path, 0, _("cannot read member \"%s\": "
					       "%s"),
				 b->members[i].name, strerror(errno));
			err = VV_ERR_IO;
		} else if (strcmp(hex, b->members[i].sha256) != 0) {
			vv_error(b->path, 0, _("member \"%s\" does not match "
					       "its SHA-256; %s"),
				 b->members[i].name, DAMAGED);
			err = VV_ERR_INTEGRITY;
		}
	}
	return err;
}

enum vv_err bundle_read_member(const struct bundle *b,
			       const struct bundle_member *m,
			       unsigned char **data, size_t *size)
{
	char hex[HASH_HEX_SIZE];
	unsigned char *buf;

	*data = NULL;
	*size = 0;
	if (m->size > MAX_MEMBER_READ)
		return VV_ERR_LIMIT;
	buf = malloc(m->size ? (size_t)m->size : 1);
	if (!buf)
		return VV_ERR_NOMEM;
	if (b->fd < 0 || read_exact(b->fd, m->offset, buf,
				    (size_t)m->size) != 0) {
		vv_error(b->path, 0, _("cannot read member \"%s\": %s"),
			 m->name, b->fd < 0 ? _("the bundle is not open") :
			 strerror(errno));
		free(buf);
		return VV_ERR_IO;
	}
	hash_sha256_buffer(buf, (size_t)m->size, hex);
	if (strcmp(hex, m->sha256) != 0) {
		vv_error(b->path, 0, _("member \"%s\" does not match its "
				       "SHA-256; %s"), m->name, DAMAGED);
		free(buf);
		return VV_ERR_INTEGRITY;
	}
	*data = buf;
	*size = (size_t)m->size;
	return VV_OK;
}

static void free_texts(struct bundle_text *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(t[i].text);
	free(t);
}

const char *bundle_text_lang(const struct bundle *b,
			     const struct bundle_text *t)
{
	if (!b || !b->lang)
		return NULL;
	if (t && t->fallback)
		return b->source_lang ? b->source_lang->code : NULL;
	return b->lang->code;
}

void bundle_close(struct bundle *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n_items; i++) {
		struct bundle_item *it = &b->items[i];

		free(it->id);
		free(it->heading.text);
		free_texts(it->paragraphs, it->n_paragraphs);
		free_texts(it->bullets, it->n_bullets);
		free(it->image_alt.text);
		free(it->script.text);
		free(it->audio_lang);
	}
	free(b->items);
	for (i = 0; i < b->n_members; i++) {
		free(b->members[i].name);
		free(b->members[i].kind);
	}
	free(b->members);
	free(b->signature);
	free(b->path);
	free(b->pack_id);
	free(b->pack_version);
	free(b->pack_title.text);
	free(b->level_id);
	free(b->level_label.text);
	if (b->fd >= 0)
		close(b->fd);
	free(b);
}
