/* new: veiviser-build new PACKDIR writes the documentation's minimal pack
 * (docs/minimal-pack, embedded at build time, so it is the pack a test
 * builds) into a new folder for an author to start from. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builder/commands.h"
#include "common/args.h"
#include "common/atomic.h"
#include "common/i18n.h"
#include "common/path.h"

/* The files of docs/minimal-pack, embedded as they are in the source. */
#define EMBED(sym, file)                                                      \
	__asm__(".section .rodata\n"                                          \
		".balign 16\n" #sym "_start:\n"                               \
		".incbin \"" file "\"\n" #sym "_end:\n"                       \
		".previous\n");                                               \
	extern const char sym##_start[], sym##_end[];

EMBED(minimal_pack_xml, "docs/minimal-pack/pack.xml")
EMBED(minimal_linguas, "docs/minimal-pack/po/LINGUAS")
EMBED(minimal_en_po, "docs/minimal-pack/po/en.po")
EMBED(minimal_pot, "docs/minimal-pack/po/pack.pot")
EMBED(minimal_vtt, "docs/minimal-pack/media/film.nb.vtt")
EMBED(minimal_make_media, "docs/minimal-pack/make-media")

struct file {
	const char *name;
	const char *start, *end;
	mode_t mode;
};

/* In the docs the schema is found next to the source; in a new pack it
 * is the installed one. */
#define DOCS_SCHEMA "../../builder/schema/pack.rng"

static const char usage_text[] =
	N_("usage: veiviser-build new PACKDIR\n"
	   "Writes a minimal pack that uses every element of pack.xml "
	   "(docs/minimal-pack)\ninto the new folder PACKDIR: pack.xml, "
	   "po/LINGUAS, po/en.po, a WebVTT file\nand make-media, which makes "
	   "stand-in media with ffmpeg.");

/* pack.xml with the installed schema's path in its xml-model line. */
static char *pack_xml(size_t *len)
{
	size_t n = (size_t)(minimal_pack_xml_end - minimal_pack_xml_start);
	const char *at = memmem(minimal_pack_xml_start, n, DOCS_SCHEMA,
				strlen(DOCS_SCHEMA));
	const char *schema = VV_DATADIR "/pack.rng";
	char *out;

	if (!at) {
		out = malloc(n);
		if (out)
			memcpy(out, minimal_pack_xml_start, n);
		*len = n;
		return out;
	}
	*len = n - strlen(DOCS_SCHEMA) + strlen(schema);
	out = malloc(*len);
	if (!out)
		return NULL;
	memcpy(out, minimal_pack_xml_start, (size_t)(at - minimal_pack_xml_start));
	memcpy(out + (at - minimal_pack_xml_start), schema, strlen(schema));
	memcpy(out + (at - minimal_pack_xml_start) + strlen(schema),
	       at + strlen(DOCS_SCHEMA),
	       n - (size_t)(at - minimal_pack_xml_start) - strlen(DOCS_SCHEMA));
	return out;
}

/* Returns 0 when `dir` does not exist or is an empty folder. */
static int usable(const char *dir)
{
	struct stat st;
	char *xml;
	int empty;

	if (stat(dir, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	xml = path_join(dir, "pack.xml");
	empty = xml && access(xml, F_OK) != 0;
	free(xml);
	return empty ? 0 : -1;
}

int cmd_new(int argc, char **argv)
{
	const struct file files[] = {
		{ "po/LINGUAS", minimal_linguas_start, minimal_linguas_end,
		  0644 },
		{ "po/en.po", minimal_en_po_start, minimal_en_po_end, 0644 },
		{ "po/pack.pot", minimal_pot_start, minimal_pot_end, 0644 },
		{ "media/film.nb.vtt", minimal_vtt_start, minimal_vtt_end,
		  0644 },
		{ "make-media", minimal_make_media_start,
		  minimal_make_media_end, 0755 },
	};
	/* The pack folder itself first, so that it is removed last. */
	const char *const dirs[] = { "", "media", "po" };
	enum { N_FILES = sizeof files / sizeof files[0],
	       N_DIRS = sizeof dirs / sizeof dirs[0] };
	char *made[N_DIRS] = { NULL };
	int existed[N_DIRS] = { 0 };
	const char *dir;
	char *xml, *path;
	size_t len, i, written = 0;
	enum vv_err err;
	int c;

	c = args_help_only(argc, argv, "veiviser-build new", _(usage_text));
	if (c >= 0)
		return c;
	if (optind != argc - 1)
		return args_operands_error("veiviser-build new",
					   _("one PACKDIR"),
					   optind < argc ? argv[optind + 1]
							 : NULL);
	dir = argv[optind];
	if (usable(dir) != 0) {
		vv_error(dir, 0, errno == ENOTDIR ?
			 _("is not a folder; give the path of a new pack "
			   "folder") :
			 _("already holds a pack.xml; give a new folder, "
			   "new packs never overwrite one"));
		return 2;
	}
	/* A file already there (a translator's po/en.po) is never
	 * overwritten. */
	for (i = 0; i < N_FILES; i++) {
		path = path_join(dir, files[i].name);
		if (path && access(path, F_OK) == 0) {
			vv_error(path, 0, _("already exists; give a new "
					    "folder, new packs never overwrite "
					    "a file"));
			free(path);
			return 2;
		}
		free(path);
	}
	for (i = 0; i < N_DIRS; i++) {
		made[i] = path_join(dir, dirs[i]);
		if (!made[i]) {
			err = VV_ERR_NOMEM;
			goto fail;
		}
		existed[i] = access(made[i], F_OK) == 0;
		if (!existed[i] && path_make_dirs(made[i], 0755) != 0) {
			vv_error(dir, 0, _("cannot create the folder: %s"),
				 strerror(errno));
			err = VV_ERR_IO;
			goto fail;
		}
	}
	for (i = 0; i < N_FILES; i++) {
		path = path_join(dir, files[i].name);
		if (!path) {
			err = VV_ERR_NOMEM;
			goto fail;
		}
		err = atomic_write(path, files[i].start,
				   (size_t)(files[i].end - files[i].start),
				   ATOMIC_DURABLE);
		if (err == VV_OK)
			written++;
		if (err == VV_OK && chmod(path, files[i].mode) != 0) {
			vv_error(path, 0, _("cannot set its mode: %s"),
				 strerror(errno));
			err = VV_ERR_IO;
		}
		free(path);
		if (err != VV_OK)
			goto fail;
	}
	/* pack.xml last: a folder with one is a finished pack. */
	xml = pack_xml(&len);
	path = path_join(dir, "pack.xml");
	err = xml && path ? atomic_write(path, xml, len, ATOMIC_DURABLE)
			  : VV_ERR_NOMEM;
	free(xml);
	free(path);
	if (err != VV_OK)
		goto fail;
	for (i = 0; i < N_DIRS; i++)
		free(made[i]);
	printf(_("%s: a minimal pack; make its stand-in media with "
		 "%s/make-media,\nthen: veiviser-build check %s\n"), dir, dir,
	       dir);
	return 0;

fail:
	/* Nothing half-made is left: the files written here, then the
	 * folders made here (rmdir only takes empty ones). */
	for (i = written; i-- > 0;) {
		path = path_join(dir, files[i].name);
		if (path)
			unlink(path);
		free(path);
	}
	for (i = N_DIRS; i-- > 0;) {
		if (made[i] && !existed[i])
			rmdir(made[i]);
		free(made[i]);
	}
	return 2;
}
