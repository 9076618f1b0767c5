/* import_deck: reads a PowerPoint (.pptx) or Impress (.odp) deck into a plain
 * model of slides (texts with the shape they came from, pictures, video,
 * speaker notes, and what could not be carried over), which
 * builder/import_pack.c writes as a pack. The deck readers are
 * builder/import_pptx.c and builder/import_odp.c; the zip container is
 * read by builder/import_zip.c with libarchive, with caps on sizes and
 * counts (a deck is untrusted input). */
#ifndef VV_BUILDER_IMPORT_DECK_H
#define VV_BUILDER_IMPORT_DECK_H

#include <stddef.h>

#include "common/err.h"
#include "common/strbuf.h"

/* Caps against zip bombs and absurd decks. */
#define IMPORT_MAX_MEMBERS 100000       /* zip members */
#define IMPORT_MAX_MEMBER (512UL << 20) /* one member, uncompressed */
#define IMPORT_MAX_TOTAL (1024UL << 20) /* all members, uncompressed */
#define IMPORT_MAX_SLIDES 2000
#define IMPORT_MAX_TEXT 16384           /* one paragraph, in bytes */

/* The zip container, read whole into memory. */
struct import_zip;

/* Reads every member of the zip file `path`. Returns VV_OK and a new
 * container in *out (free with import_zip_free()); on a broken,
 * encrypted or oversized file prints one line naming `path` and returns
 * VV_ERR_FORMAT (or VV_ERR_IO, VV_ERR_NOMEM). Borrows `path`. */
enum vv_err import_zip_open(const char *path, struct import_zip **out);
void import_zip_free(struct import_zip *zip);

/* Returns the bytes of member `name` (NUL-terminated after *len bytes)
 * and its size in *len, or NULL when there is no such member. Borrowed
 * from the container. */
const char *import_zip_get(const struct import_zip *zip, const char *name,
			   size_t *len);

/* One text of a slide: a paragraph, bullet, heading or the notes. */
struct import_text {
	char *xml;    /* content for pack.xml: escaped text, <b> and <i> */
	char *plain;  /* the same as the pack loader reads it (the msgid) */
	char *origin; /* where it came from in the slide: "SHAPE:N" (shape id,
	               * paragraph from 1), "notes" */
	int level;    /* list level, 0 = top */
	size_t bullets_before; /* a paragraph: how many of the slide's
	                        * bullets come before it in reading order */
};

struct import_slide {
	char *key;            /* the deck's own slide id ("256", "page3") */
	int number;           /* position in the deck, from 1 */
	int hidden;
	struct import_text *heading;        /* NULL when the slide has none */
	struct import_text *paras;
	size_t n_paras;
	struct import_text *bullets;
	size_t n_bullets;
	struct import_text *notes;          /* NULL when none */
	char *picture;        /* zip member of the first picture, or NULL */
	char *picture_alt;    /* its description, or NULL */
	char *video;          /* zip member of an embedded film, or NULL */
	char *video_link;     /* a linked film's target, or NULL */
	size_t extra_pictures;/* pictures past the first (not carried) */
	int max_level;        /* deepest list level seen */
	struct strbuf lost;   /* "chart, table, ...": what was not carried */
	int needs_render;     /* essential content is not text */
};

struct import_deck {
	char *path;           /* borrowed */
	struct import_zip *zip;
	struct import_slide *slides;
	size_t n_slides, cap_slides;
	int positional_ids;   /* the slide ids follow the slides' positions:
	                       * LibreOffice renumbers them when it saves */
};

/* Builds texts: runs of one paragraph are added with their style. */
struct import_para {
	struct strbuf xml, plain;
	int bold, italic;     /* the styles open in xml */
	int markup;           /* 0: a heading or notes; styles are dropped */
};

void import_para_init(struct import_para *p, int markup);
/* Adds `len` bytes of run text with the given styles. */
void import_para_run(struct import_para *p, const char *text, size_t len,
		     int bold, int italic);
/* Ends the paragraph: returns 1 and fills *t (owned by the caller: free
 * with import_text_clear()) when it holds text, 0 when it is empty (t
 * untouched), -1 when memory ran out or the text passed the cap. Frees
 * the builder's buffers in every case. `origin` is copied. */
int import_para_end(struct import_para *p, const char *origin, int level,
		    struct import_text *t);
void import_text_clear(struct import_text *t);

/* Adds a new, zeroed slide to the deck and returns it, or NULL when
 * memory ran out or the deck has more than IMPORT_MAX_SLIDES slides
 * (after one line naming the deck). */
struct import_slide *import_deck_add_slide(struct import_deck *deck,
					   const char *key);
/* Appends t to an array (takes t's contents). Returns 0, or -1 when memory
 * ran out. */
int import_texts_push(struct import_text **array, size_t *n,
		      struct import_text *t);
/* Notes `what` ("chart") as not carried over on slide s; `render` marks
 * the slide as one that needs a picture of itself. */
void import_slide_lost(struct import_slide *s, const char *what, int render);

/* Frees the deck's slides and container; the deck struct itself is the
 * caller's. NULL is a no-op. */
void import_deck_clear(struct import_deck *deck);

/* The readers: fill `deck` (zeroed, with path and zip set) from its
 * container. Return VV_OK, or an error after one line naming the deck. */
enum vv_err import_pptx_read(struct import_deck *deck);
enum vv_err import_odp_read(struct import_deck *deck);

/* Opens and reads the deck at `path` by its kind (.pptx or .odp, told by
 * the container's content). Returns VV_OK with *deck filled (clear with
 * import_deck_clear()), or an error after one line naming `path`. */
enum vv_err import_deck_read(const char *path, struct import_deck *deck);

#endif
