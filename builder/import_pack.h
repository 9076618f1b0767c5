/* import_pack: writes an imported deck as a pack. */
#ifndef VV_BUILDER_IMPORT_PACK_H
#define VV_BUILDER_IMPORT_PACK_H

struct import_options {
	const char *deck;        /* the deck to read */
	const char *pack_dir;    /* the pack to write (or update) */
	const char *id;          /* pack id (ignored by --update) */
	const char *source_lang; /* the deck's language */
	const char *translation; /* --translation LANG, or NULL */
	int render;              /* --render */
	int update;              /* --update: PACKDIR holds the pack */
	char id_buf[72];
};

/* Imports o->deck into o->pack_dir (new, or replacing the pack there with
 * --update, keeping its po/ and other files), printing the per-slide
 * report. Returns the exit code: 0, 1 when the deck is broken or has
 * nothing to import, 2 on usage or I/O errors; nothing is written unless
 * it returns 0. Borrows `o`. */
int import_pack(const struct import_options *o);

/* Aligns the translated deck `deck` (language `lang`) with the pack in
 * `pack_dir` through its import.map and writes po/LANG.po (imported
 * texts fuzzy, with a comment), adding LANG to pack.xml and po/LINGUAS.
 * Prints what was aligned and lists what could not be. Returns the exit
 * code as import_pack(); nothing is written when the deck cannot be read
 * or nothing aligns. */
int import_translation(const char *lang, const char *deck,
		       const char *pack_dir);

/* The key of a slide item: "slide-" and the slide id made safe for item
 * ids, written to out. */
void import_item_id(const char *key, char *out, unsigned long size);

#endif
