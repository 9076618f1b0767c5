/* publish: `veiviser-build publish` writes a static site (catalogue.xml,
 * its minisign signature, bundles under content-addressed names) and
 * `veiviser-build catalogue` prints what a site offers (docs/FORMATS.md,
 * "Catalogue"). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "builder/commands.h"
#include "builder/sign_bundle.h"
#include "common/args.h"
#include "common/atomic.h"
#include "common/bundle.h"
#include "common/catalogue.h"
#include "common/file.h"
#include "common/hash.h"
#include "common/i18n.h"
#include "common/lang.h"
#include "common/path.h"
#include "common/sign.h"
#include "fetch/fetch.h"

#define DEFAULT_EXPIRES_DAYS 30

/* Reads SITEDIR/catalogue.xml; a missing one is an empty catalogue of
 * version 0 when `missing_ok`. */
static enum vv_err catalogue_load(const char *site, int missing_ok,
				  struct catalogue *c, char **text_out,
				  size_t *len_out)
{
	char *path = path_join(site, CATALOGUE_FILE), *text = NULL;
	enum vv_err err;
	size_t len = 0;

	memset(c, 0, sizeof *c);
	if (!path)
		return VV_ERR_NOMEM;
	err = file_read(path, CATALOGUE_MAX, &text, &len);
	if (err != VV_OK) {
		if (errno == ENOENT && missing_ok) {
			free(path);
			return VV_OK;
		}
		if (err == VV_ERR_LIMIT)
			vv_error(path, 0, _("larger than %u MiB; not a "
					    "catalogue"), CATALOGUE_MAX >> 20);
		else
			vv_error(path, 0, _("cannot read: %s; give a site "
					    "folder that publish wrote"),
				 strerror(errno));
		free(path);
		return err;
	}
	err = catalogue_parse(path, text, len, c);
	free(path);
	if (err == VV_OK && text_out) {
		*text_out = text;
		*len_out = len;
	} else {
		free(text);
	}
	return err;
}

static void iso_time(time_t t, char *buf, size_t cap)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static time_t now_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (epoch && *epoch) {
		unsigned long long v = strtoull(epoch, &end, 10);

		if (!*end)
			return (time_t)v;
	}
	return time(NULL);
}

static int entry_cmp(const void *a, const void *b)
{
	const struct catalogue_entry *x = a, *y = b;
	int r = strcmp(x->pack, y->pack);

	if (!r)
		r = strcmp(x->lang, y->lang);
	if (!r)
		r = strcmp(x->level, y->level);
	return r;
}

#define W(call) do { if ((call) < 0) ok = 0; } while (0)

/* Returns the catalogue's XML in a new buffer (xmlBufferFree()), or NULL
 * when memory ran out. */
static xmlBufferPtr catalogue_xml(const struct catalogue *c)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	char num[32];
	size_t i;
	int ok = 1;

	if (!w) {
		xmlBufferFree(buf);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	W(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
	W(xmlTextWriterStartElementNS(w, NULL, BAD_CAST "catalogue",
				      BAD_CAST CATALOGUE_NS));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "format", BAD_CAST "1"));
	snprintf(num, sizeof num, "%ld", c->version);
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST num));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "published",
				      BAD_CAST c->published));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "expires",
				      BAD_CAST c->expires));
	W(xmlTextWriterWriteAttribute(w, BAD_CAST "key", BAD_CAST c->key));
	for (i = 0; i < c->n; i++) {
		const struct catalogue_entry *e = &c->entries[i];

		W(xmlTextWriterStartElement(w, BAD_CAST "bundle"));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "pack",
					      BAD_CAST e->pack));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "version",
					      BAD_CAST e->version));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "lang",
					      BAD_CAST e->lang));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "level",
					      BAD_CAST e->level));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "review",
					      BAD_CAST e->review));
		snprintf(num, sizeof num, "%llu", (unsigned long long)e->size);
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "size",
					      BAD_CAST num));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "sha256",
					      BAD_CAST e->sha256));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "key",
					      BAD_CAST e->key));
		W(xmlTextWriterWriteAttribute(w, BAD_CAST "href",
					      BAD_CAST e->href));
		W(xmlTextWriterWriteElement(w, BAD_CAST "title",
					    BAD_CAST e->title));
		W(xmlTextWriterWriteElement(w, BAD_CAST "level-label",
					    BAD_CAST e->level_label));
		W(xmlTextWriterEndElement(w));
	}
	W(xmlTextWriterEndElement(w));
	W(xmlTextWriterEndDocument(w));
	xmlFreeTextWriter(w);
	if (!ok) {
		xmlBufferFree(buf);
		return NULL;
	}
	return buf;
}

/* Copies the file `src` to `dst` through a temporary file. Returns
 * VV_OK, or VV_ERR_IO after one line. */
static enum vv_err copy_file(const char *src, const char *dst)
{
	struct atomic_file *af;
	char buf[65536];
	enum vv_err err;
	ssize_t n;
	int in = open(src, O_RDONLY | O_CLOEXEC);

	if (in < 0) {
		vv_error(src, 0, _("cannot read: %s"), strerror(errno));
		return VV_ERR_IO;
	}
	err = atomic_file_open(dst, ATOMIC_DURABLE, &af);
	if (err != VV_OK) {
		close(in);
		return err;
	}
	(void)fchmod(atomic_file_fd(af), 0644);
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (atomic_file_write(af, buf, (size_t)n) != VV_OK)
			break;
	if (n < 0) {
		vv_error(src, 0, _("cannot read: %s"), strerror(errno));
		close(in);
		atomic_file_abort(af);
		return VV_ERR_IO;
	}
	close(in);
	return atomic_file_commit(af);
}

/* Fills `e` from the intact, signed bundle `b` whose file hash is `sha`.
 * Returns 0, or -1 when memory ran out. */
static int entry_from_bundle(struct catalogue_entry *e, const struct bundle *b,
			     const char *sha, uint64_t size,
			     const char *key)
{
	char href[96];

	memset(e, 0, sizeof *e);
	snprintf(href, sizeof href, "bundles/%s.vvb", sha);
	e->pack = strdup(b->pack_id);
	e->version = strdup(b->pack_version);
	e->lang = strdup(b->lang->code);
	e->level = strdup(b->level_id);
	e->review = strdup(b->draft ? "draft" : "reviewed");
	e->sha256 = strdup(sha);
	e->key = strdup(key);
	e->href = strdup(href);
	e->title = strdup(b->pack_title.text);
	e->level_label = strdup(b->level_label.text);
	e->size = size;
	return e->pack && e->version && e->lang && e->level && e->review &&
	       e->sha256 && e->key && e->href && e->title && e->level_label
	       ? 0 : -1;
}

/* Adds the bundle at `path` to `c` (replacing the entry of the same pack,
 * language and level) and its file to SITEDIR/bundles/ unless it is
 * there. Returns VV_OK, or an error after one line; *added is set when a
 * file was copied. */
static enum vv_err add_bundle(struct catalogue *c, const char *site,
			      const char *path, int *added)
{
	unsigned char id[SIGN_ID_BYTES];
	char sha[HASH_HEX_SIZE], key[SIGN_ID_HEX_SIZE], name[96];
	struct bundle *b = NULL;
	struct catalogue_entry e, *grown;
	struct stat st;
	enum vv_err err;
	uint64_t size = 0;
	char *dst = NULL;
	size_t i;

	*added = 0;
	err = bundle_open(path, &b);
	if (err == VV_OK)
		err = bundle_verify_members(b);
	if (err != VV_OK)
		goto done;
	if (!b->signature ||
	    sign_signature_id(b->signature, b->signature_size, id) != VV_OK) {
		vv_error(path, 0, _("unsigned; kiosks refuse unsigned bundles: "
				    "sign it with veiviser-build sign first"));
		err = VV_ERR_FORMAT;
		goto done;
	}
	sign_id_hex(id, key);
	err = hash_sha256_file(path, sha, &size);
	if (err != VV_OK)
		goto done;
	snprintf(name, sizeof name, "bundles/%s.vvb", sha);
	dst = path_join(site, name);
	if (!dst) {
		err = VV_ERR_NOMEM;
		goto done;
	}
	if (stat(dst, &st) != 0 || (uint64_t)st.st_size != size) {
		err = copy_file(path, dst);
		if (err != VV_OK)
			goto done;
		*added = 1;
	}
	if (entry_from_bundle(&e, b, sha, size, key) != 0) {
		catalogue_entry_clear(&e);
		err = VV_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < c->n; i++)
		if (entry_cmp(&c->entries[i], &e) == 0) {
			catalogue_entry_clear(&c->entries[i]);
			c->entries[i] = e;
			goto done;
		}
	grown = c->n >= CATALOGUE_MAX_ENTRIES ? NULL :
		realloc(c->entries, (c->n + 1) * sizeof *grown);
	if (!grown) {
		catalogue_entry_clear(&e);
		err = VV_ERR_NOMEM;
		goto done;
	}
	c->entries = grown;
	c->entries[c->n++] = e;
done:
	if (err == VV_ERR_NOMEM)
		vv_error(path, 0, _("out of memory"));
	free(dst);
	bundle_close(b);
	return err;
}

static const char publish_usage[] =
	N_("usage: veiviser-build publish BUNDLE... -o SITEDIR --key KEY "
	   "[--expires DAYS]\n"
	   "Writes a static site for any web server: SITEDIR/catalogue.xml "
	   "(its version\nraised by one), its signature catalogue.xml.minisig "
	   "and the bundles under\nSITEDIR/bundles/SHA256.vvb. Bundles already "
	   "there are not copied again; entries\nof other packs, languages and "
	   "levels stay. The bundles must be signed.\n"
	   "  --expires DAYS  kiosks refuse the catalogue after this many days "
	   "(default 30)\n"
	   "  --password-file FILE  the key's password, without a terminal");

enum { OPT_KEY = 256, OPT_EXPIRES, OPT_PASSWORD_FILE };

static const struct option publish_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "expires", required_argument, NULL, OPT_EXPIRES },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ NULL, 0, NULL, 0 }
};

int cmd_publish(int argc, char **argv)
{
	const char *site = NULL, *key = NULL, *password_file = NULL;
	struct catalogue c;
	struct sign_secret *sk = NULL;
	struct sign_public pub;
	xmlBufferPtr xml = NULL;
	char *path = NULL, *sigpath = NULL, *sig = NULL, *end, *bdir = NULL;
	char comment[128], msg[300];
	long days = DEFAULT_EXPIRES_DAYS;
	size_t added = 0;
	int ch, i, one, rc = 2;
	time_t t;

	args_begin();
	while ((ch = args_next(argc, argv, "ho:", publish_options,
			       "veiviser-build publish")) != -1) {
		switch (ch) {
		case 'h':
			printf("%s\n", _(publish_usage));
			return 0;
		case 'o':
			site = optarg;
			break;
		case OPT_KEY:
			key = optarg;
			break;
		case OPT_PASSWORD_FILE:
			password_file = optarg;
			break;
		case OPT_EXPIRES:
			errno = 0;
			days = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || days < 1 ||
			    days > 3660) {
				vv_error(NULL, 0, _("--expires wants a number "
						    "of days from 1 to 3660, "
						    "not '%s'"), optarg);
				return 2;
			}
			break;
		default:
			return 2;
		}
	}
	if (!site || !key || optind >= argc)
		return args_operands_error("veiviser-build publish",
					   _("BUNDLE files, -o SITEDIR and "
					     "--key KEY"), NULL);
	if (sign_bundle_load_key(key, password_file, &sk) != VV_OK)
		return 2;
	sign_secret_public(sk, &pub);
	memset(&c, 0, sizeof c);
	bdir = path_join(site, "bundles");
	if (!bdir || path_make_dirs(bdir, 0755) != 0) {
		vv_error(site, 0, _("cannot create the site folder: %s; "
				    "choose a writable one with -o"),
			 strerror(errno));
		goto done;
	}
	{
		enum vv_err err = catalogue_load(site, 1, &c, NULL, NULL);

		if (err != VV_OK) {
			rc = err == VV_ERR_IO || err == VV_ERR_NOMEM ? 2 : 1;
			goto done;
		}
	}
	for (i = optind; i < argc; i++) {
		enum vv_err err = add_bundle(&c, site, argv[i], &one);

		if (err != VV_OK) {
			rc = err == VV_ERR_IO || err == VV_ERR_NOMEM ? 2 : 1;
			goto done;
		}
		added += (size_t)one;
	}
	qsort(c.entries, c.n, sizeof *c.entries, entry_cmp);
	c.version++;
	t = now_time();
	iso_time(t, c.published, sizeof c.published);
	iso_time(t + (time_t)days * 86400, c.expires, sizeof c.expires);
	sign_id_hex(pub.id, c.key);
	xml = catalogue_xml(&c);
	if (!xml) {
		vv_error(site, 0, _("out of memory writing the catalogue"));
		goto done;
	}
	/* What is written must be what kiosks accept: the same reader
	 * checks it. */
	if (catalogue_check((const char *)xmlBufferContent(xml),
			    (size_t)xmlBufferLength(xml), msg, sizeof msg) !=
	    VV_OK) {
		vv_error(site, 0, _("the new catalogue does not follow its "
				    "schema (%s); a bundle's pack id, "
				    "version, language or level is not a "
				    "plain token"),
			 msg);
		rc = 1;
		goto done;
	}
	snprintf(comment, sizeof comment,
		 "timestamp:%llu\tfile:" CATALOGUE_FILE "\tversion:%ld",
		 (unsigned long long)t, c.version);
	path = path_join(site, CATALOGUE_FILE);
	sigpath = path_join(site, CATALOGUE_SIG);
	if (!path || !sigpath ||
	    sign_message(sk, xmlBufferContent(xml),
			 (size_t)xmlBufferLength(xml), comment, &sig) !=
		    VV_OK) {
		vv_error(site, 0, _("out of memory signing the catalogue"));
		goto done;
	}
	/* The catalogue, then its signature: between the two renames a
	 * kiosk sees a signature that does not match and tries again
	 * later; it never accepts a catalogue that was not signed. */
	if (atomic_write(path, xmlBufferContent(xml),
			 (size_t)xmlBufferLength(xml), ATOMIC_DURABLE) !=
		    VV_OK ||
	    atomic_write(sigpath, sig, strlen(sig), ATOMIC_DURABLE) != VV_OK)
		goto done;
	printf(_("%s: catalogue version %ld, %zu bundles (%zu new files), "
		 "signed by key %s, expires %s\n"), site, c.version, c.n,
	       added, c.key, c.expires);
	rc = 0;
done:
	xmlBufferFree(xml);
	free(sig);
	free(path);
	free(sigpath);
	free(bdir);
	catalogue_clear(&c);
	sign_secret_free(sk);
	return rc;
}

/* ---- veiviser-build catalogue ----------------------------------------- */

static const char catalogue_usage[] =
	N_("usage: veiviser-build catalogue URL|SITEDIR [--trust DIR] "
	   "[-p KEY.pub]...\n"
	   "Prints what a site offers: packs by language and level, with each "
	   "bundle's\nversion and review status (draft or reviewed). URL is "
	   "a site's http(s) address;\nits catalogue.xml and signature are "
	   "fetched. With --trust (every *.pub in\nDIR) or -p (--key), the "
	   "catalogue's signature must be by one of those keys.\nExit 1 when "
	   "the site cannot be read, the signature does not match or the\n"
	   "catalogue has expired.");

enum { OPT_TRUST = 256 };

static const struct option catalogue_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "public-key", required_argument, NULL, 'p' },
	{ "key", required_argument, NULL, 'p' },
	{ "trust", required_argument, NULL, OPT_TRUST },
	{ NULL, 0, NULL, 0 }
};

/* Fetches URL/catalogue.xml and its signature through fetch/ (the
 * updater's limits: size caps, connect and low-speed time limits).
 * *name and *signame get the two files' URLs (free() them). Returns VV_OK
 * or, after one line naming the URL, an error. */
static enum vv_err catalogue_fetch(const char *site, char **name,
				   char **signame, char **text, size_t *len,
				   char **sig, size_t *siglen)
{
	static const struct fetch_limits limits = { 30, 30 };
	size_t n = strlen(site);
	enum vv_err err;

	while (n > 0 && site[n - 1] == '/')
		n--;
	if (asprintf(name, "%.*s/" CATALOGUE_FILE, (int)n, site) < 0)
		*name = NULL;
	if (asprintf(signame, "%.*s/" CATALOGUE_SIG, (int)n, site) < 0)
		*signame = NULL;
	if (!*name || !*signame) {
		vv_error(site, 0, _("out of memory"));
		return VV_ERR_NOMEM;
	}
	if (fetch_init() != VV_OK) {
		vv_error(site, 0, _("cannot start libcurl"));
		return VV_ERR_INTERNAL;
	}
	err = fetch_memory(*name, CATALOGUE_MAX, &limits, text, len);
	if (err == VV_OK)
		err = fetch_memory(*signame, SIGN_MAX_FILE, &limits, sig,
				   siglen);
	return err;
}

/* Prints `s` left-aligned in `width` columns, counting UTF-8 characters
 * rather than bytes. */
static void print_cell(const char *s, int width)
{
	int chars = 0;
	const char *p;

	for (p = s; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	printf(" %s%*s", s, chars < width ? width - chars : 0, "");
}

/* Returns the index of `s` in `list` (n strings), adding it when new;
 * -1 when the list is full. */
static int intern(const char **list, size_t *n, size_t cap, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(list[i], s) == 0)
			return (int)i;
	if (*n >= cap)
		return -1;
	list[*n] = s;
	return (int)(*n)++;
}

/* Checks the signature `sig` (from `signame`) over `text` against `ring`.
 * Returns 1 when good (*id: the key), else 0 after one line naming
 * `signame`. */
static int verify_catalogue(const char *signame, const char *sig,
			    size_t siglen, const char *text, size_t len,
			    const struct sign_keyring *ring, unsigned char *id)
{
	char hex[SIGN_ID_HEX_SIZE];
	enum vv_err err = sign_verify(sig, siglen, text, len, ring, id, NULL);

	if (err == VV_OK)
		return 1;
	if (err == VV_ERR_FORMAT) {
		vv_error(signame, 0, _("not a minisign signature"));
		return 0;
	}
	sign_id_hex(id, hex);
	vv_error(signame, 0, err == VV_ERR_NOTFOUND ?
		 _("signed by key %s, which is not a given key") :
		 _("the signature of key %s does not match catalogue.xml: "
		   "altered or half-published"),
		 hex);
	return 0;
}

int cmd_catalogue(int argc, char **argv)
{
	struct sign_keyring ring = { NULL, 0 };
	struct sign_public pub;
	struct catalogue c;
	unsigned char id[SIGN_ID_BYTES];
	char *text = NULL, *sigtext = NULL, *sigpath = NULL, *name = NULL;
	char now[32];
	char hex[SIGN_ID_HEX_SIZE];
	const char *levels[64];
	size_t len = 0, siglen = 0, n_levels = 0, i, j, k;
	int ch, rc = 2;

	memset(&c, 0, sizeof c);
	args_begin();
	const char *trust = NULL;

	while ((ch = args_next(argc, argv, "hp:", catalogue_options,
			       "veiviser-build catalogue")) != -1) {
		switch (ch) {
		case 'h':
			printf("%s\n", _(catalogue_usage));
			sign_keyring_clear(&ring);
			return 0;
		case 'p':
			if (sign_public_load(optarg, &pub) != VV_OK ||
			    sign_keyring_add(&ring, &pub) != VV_OK)
				goto done;
			break;
		case OPT_TRUST:
			trust = optarg;
			if (sign_keyring_load_dir(&ring, optarg) != VV_OK)
				goto done;
			break;
		default:
			goto done;
		}
	}
	if (trust && ring.n == 0) {
		vv_error(trust, 0, _("no trusted keys (*.pub); add the "
				     "publisher's public key or drop "
				     "--trust"));
		goto done;
	}
	if (optind != argc - 1) {
		sign_keyring_clear(&ring);
		return args_operands_error("veiviser-build catalogue",
					   _("one URL or SITEDIR"),
					   optind < argc ? argv[optind + 1]
							 : NULL);
	}
	if (strstr(argv[optind], "://")) {
		/* A site on a web server: every failure is the site's (or
		 * the network's), exit 1. */
		rc = 1;
		if (catalogue_fetch(argv[optind], &name, &sigpath, &text, &len,
				    &sigtext, &siglen) != VV_OK)
			goto done;
		/* Checked before it is parsed, as veiviser-sync does: an
		 * unverified catalogue's contents are not looked at. */
		if (ring.n && !verify_catalogue(sigpath, sigtext, siglen, text,
						len, &ring, id))
			goto done;
		if (catalogue_parse(name, text, len, &c) != VV_OK)
			goto done;
	} else {
		enum vv_err err = catalogue_load(argv[optind], 0, &c, &text,
						 &len);

		if (err != VV_OK) {
			rc = err == VV_ERR_IO || err == VV_ERR_NOMEM ||
			     err == VV_ERR_NOTFOUND ? 2 : 1;
			goto done;
		}
		rc = 1;
		sigpath = path_join(argv[optind], CATALOGUE_SIG);
		if (!sigpath || file_read(sigpath, SIGN_MAX_FILE, &sigtext,
					  &siglen) != VV_OK) {
			vv_error(sigpath ? sigpath : argv[optind], 0,
				 _("the catalogue's signature is missing; "
				   "publish again"));
			goto done;
		}
	}
	if (ring.n) {
		/* A fetched catalogue (name set) was checked already. */
		if (!name && !verify_catalogue(sigpath, sigtext, siglen, text,
					       len, &ring, id))
			goto done;
	} else if (sign_signature_id(sigtext, siglen, id) != VV_OK) {
		vv_error(sigpath, 0, _("not a minisign signature"));
		goto done;
	}
	sign_id_hex(id, hex);
	iso_time(now_time(), now, sizeof now);
	printf(_("catalogue version %ld, published %s, expires %s%s\n"
		 "signed by key %s%s\n"), c.version, c.published, c.expires,
	       strcmp(now, c.expires) >= 0 ? _(" (EXPIRED)") : "", hex,
	       ring.n ? "" : _(" (origin not checked: give --trust DIR or "
			       "-p KEY.pub)"));
	for (i = 0; i < c.n; i++)
		if (intern(levels, &n_levels, 64, c.entries[i].level) < 0)
			break;
	/* One row per pack and language; one column per level. */
	printf("%-20s %-6s", _("pack"), _("lang"));
	print_cell(_("language"), 18);
	for (k = 0; k < n_levels; k++)
		print_cell(levels[k], 22);
	printf("\n");
	for (i = 0; i < c.n; i = j) {
		const struct vv_lang *l = lang_find(c.entries[i].lang);

		for (j = i; j < c.n &&
			    strcmp(c.entries[j].pack, c.entries[i].pack) == 0 &&
			    strcmp(c.entries[j].lang, c.entries[i].lang) == 0;
		     j++)
			;
		printf("%-20s %-6s", c.entries[i].pack, c.entries[i].lang);
		print_cell(l ? l->endonym : "?", 18);
		for (k = 0; k < n_levels; k++) {
			char cell[64] = "-";
			size_t m;

			for (m = i; m < j; m++)
				if (strcmp(c.entries[m].level, levels[k]) ==
				    0)
					snprintf(cell, sizeof cell, "%s %s",
						 c.entries[m].version,
						 c.entries[m].review);
			print_cell(cell, 22);
		}
		printf("\n");
	}
	rc = strcmp(now, c.expires) >= 0 ? 1 : 0;
done:
	free(text);
	free(sigtext);
	free(sigpath);
	free(name);
	catalogue_clear(&c);
	sign_keyring_clear(&ring);
	return rc;
}
