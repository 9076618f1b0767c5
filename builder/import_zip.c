/* import_zip: the zip container of a deck, read whole with libarchive
 * under caps on member count and uncompressed sizes (counted as bytes
 * are read, not taken from headers, which a zip bomb may fake). */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builder/import_deck.h"
#include "common/i18n.h"

struct member {
	char *name;
	char *data;
	size_t len;
};

struct import_zip {
	struct member *members;
	size_t n, cap;
};

void import_zip_free(struct import_zip *zip)
{
	size_t i;

	if (!zip)
		return;
	for (i = 0; i < zip->n; i++) {
		free(zip->members[i].name);
		free(zip->members[i].data);
	}
	free(zip->members);
	free(zip);
}

const char *import_zip_get(const struct import_zip *zip, const char *name,
			   size_t *len)
{
	size_t i;

	for (i = 0; zip && i < zip->n; i++)
		if (strcmp(zip->members[i].name, name) == 0) {
			if (len)
				*len = zip->members[i].len;
			return zip->members[i].data;
		}
	return NULL;
}

/* Returns 1 when the file starts with the OLE compound-file signature:
 * what PowerPoint writes for a password-protected deck (and for .ppt). */
static int is_compound_file(const char *path)
{
	static const unsigned char magic[8] = { 0xD0, 0xCF, 0x11, 0xE0,
						0xA1, 0xB1, 0x1A, 0xE1 };
	unsigned char head[8];
	FILE *f = fopen(path, "rb");
	int yes;

	if (!f)
		return 0;
	yes = fread(head, 1, sizeof head, f) == sizeof head &&
	      memcmp(head, magic, sizeof magic) == 0;
	fclose(f);
	return yes;
}

/* Reads the current member's data into m under the caps. */
static enum vv_err read_member(struct archive *a, const char *path,
			       struct member *m, size_t *total)
{
	size_t cap = 0;
	char buf[65536];

	for (;;) {
		la_ssize_t got = archive_read_data(a, buf, sizeof buf);

		if (got == 0)
			break;
		if (got < 0) {
			vv_error(path, 0, _("member %s cannot be read (%s); "
					    "the deck is damaged: save it "
					    "again"),
				 m->name, archive_error_string(a));
			return VV_ERR_FORMAT;
		}
		if (m->len + (size_t)got > IMPORT_MAX_MEMBER) {
			vv_error(path, 0, _("member %s unpacks to more than "
					    "%lu MiB (the deck holds %lu MiB "
					    "at most); it may be a zip bomb"),
				 m->name, IMPORT_MAX_MEMBER >> 20,
				 IMPORT_MAX_TOTAL >> 20);
			return VV_ERR_FORMAT;
		}
		if (*total + (size_t)got > IMPORT_MAX_TOTAL) {
			vv_error(path, 0, _("the deck's parts unpack to more "
					    "than %lu MiB together (passed at "
					    "member %s); it may be a zip "
					    "bomb"),
				 IMPORT_MAX_TOTAL >> 20, m->name);
			return VV_ERR_FORMAT;
		}
		if (m->len + (size_t)got + 1 > cap) {
			size_t ncap = cap ? cap : 65536;
			char *p;

			while (ncap < m->len + (size_t)got + 1)
				ncap *= 2;
			p = realloc(m->data, ncap);
			if (!p) {
				vv_error(path, 0, _("out of memory"));
				return VV_ERR_NOMEM;
			}
			m->data = p;
			cap = ncap;
		}
		memcpy(m->data + m->len, buf, (size_t)got);
		m->len += (size_t)got;
		*total += (size_t)got;
	}
	if (!m->data && !(m->data = malloc(1))) {
		vv_error(path, 0, _("out of memory"));
		return VV_ERR_NOMEM;
	}
	m->data[m->len] = '\0';
	return VV_OK;
}

enum vv_err import_zip_open(const char *path, struct import_zip **out)
{
	struct archive *a;
	struct archive_entry *e;
	struct import_zip *zip;
	enum vv_err err = VV_OK;
	size_t total = 0;
	int r;

	*out = NULL;
	if (is_compound_file(path)) {
		vv_error(path, 0, _("the deck is encrypted or "
				    "password-protected (or an old .ppt); "
				    "save it without a password as .pptx"));
		return VV_ERR_FORMAT;
	}
	zip = calloc(1, sizeof *zip);
	a = archive_read_new();
	if (!zip || !a) {
		free(zip);
		archive_read_free(a);
		vv_error(path, 0, _("out of memory"));
		return VV_ERR_NOMEM;
	}
	archive_read_support_format_zip_seekable(a);
	if (access(path, R_OK) != 0) {
		vv_error(path, 0, _("cannot read the deck: %s"),
			 strerror(errno));
		archive_read_free(a);
		free(zip);
		return VV_ERR_IO;
	}
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		vv_error(path, 0, _("the deck is not a readable zip file "
				    "(%s); save it again as .pptx or .odp"),
			 archive_error_string(a));
		archive_read_free(a);
		free(zip);
		return VV_ERR_FORMAT;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		struct member *m;
		const char *name = archive_entry_pathname(e);

		if (archive_entry_filetype(e) != AE_IFREG || !name)
			continue;
		if (archive_entry_is_encrypted(e)) {
			vv_error(path, 0, _("the deck is encrypted or "
					    "password-protected; save it "
					    "without a password"));
			err = VV_ERR_FORMAT;
			break;
		}
		if (zip->n >= IMPORT_MAX_MEMBERS) {
			vv_error(path, 0, _("the deck has more than %d "
					    "parts; it is not a presentation "
					    "Veiviser can import"),
				 IMPORT_MAX_MEMBERS);
			err = VV_ERR_FORMAT;
			break;
		}
		if (zip->n == zip->cap) {
			size_t ncap = zip->cap ? zip->cap * 2 : 64;
			struct member *p = realloc(zip->members,
						   ncap * sizeof *p);

			if (!p) {
				vv_error(path, 0, _("out of memory"));
				err = VV_ERR_NOMEM;
				break;
			}
			zip->members = p;
			zip->cap = ncap;
		}
		m = &zip->members[zip->n];
		memset(m, 0, sizeof *m);
		m->name = strdup(name);
		zip->n++;
		if (!m->name) {
			vv_error(path, 0, _("out of memory"));
			err = VV_ERR_NOMEM;
			break;
		}
		if ((err = read_member(a, path, m, &total)) != VV_OK)
			break;
	}
	if (err == VV_OK && r != ARCHIVE_EOF) {
		vv_error(path, 0, _("the deck is not a readable zip file "
				    "(%s); save it again as .pptx or .odp"),
			 archive_error_string(a));
		err = VV_ERR_FORMAT;
	}
	archive_read_free(a);
	if (err == VV_OK && zip->n == 0) {
		vv_error(path, 0, _("the deck is empty; save it again as "
				    ".pptx or .odp"));
		err = VV_ERR_FORMAT;
	}
	if (err != VV_OK) {
		import_zip_free(zip);
		return err;
	}
	*out = zip;
	return VV_OK;
}
