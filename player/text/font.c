/* font: the per-script font table. Coverage is asked of the font files
 * themselves (TTF_GlyphIsProvided32), never of fontconfig, whose :lang=
 * matching picks fonts that cannot render ti or ps. */
#include "player/text/font.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/i18n.h"
#include "common/path.h"

#define FONT_DIR_DEFAULT "/usr/share/fonts/truetype/noto"
#define FONT_PROBE_SIZE 16
/* Sizes come from screen heights, so a handful are in use; past the cap
 * the font looked up longest ago is closed. Layouts keep no font
 * pointers, and one layout uses at most six fonts, so none in use goes. */
#define FONT_OPEN_MAX 96
/* Noto files are under 1 MB; anything near this is not one of them. */
#define FONT_FILE_MAX (64L << 20)

static const struct {
	const char *name;
	const char *script;
	const char *file[2];   /* regular, bold */
	const char *package;   /* the Debian package with the files */
	uint32_t rests;        /* a letter that rests on the baseline */
	const char *what;      /* for messages */
} face_table[FONT_FACE_COUNT] = {
	[FONT_FACE_SANS] = { "Noto Sans", "Latn",
		{ "NotoSans-Regular.ttf", "NotoSans-Bold.ttf" },
		"fonts-noto-core", 'H', "Latin, Cyrillic and Greek" },
	[FONT_FACE_NASKH] = { "Noto Naskh Arabic UI", "Arab",
		{ "NotoNaskhArabicUI-Regular.ttf",
		  "NotoNaskhArabicUI-Bold.ttf" },
		"fonts-noto-ui-core", 0x627, "Arabic-script" },
	[FONT_FACE_ETHIOPIC] = { "Noto Sans Ethiopic", "Ethi",
		{ "NotoSansEthiopic-Regular.ttf",
		  "NotoSansEthiopic-Bold.ttf" },
		"fonts-noto-core", 0x1200, "Ethiopic" },
	[FONT_FACE_NASTALIQ] = { "Noto Nastaliq Urdu", "Arab",
		{ "NotoNastaliqUrdu-Regular.ttf",
		  "NotoNastaliqUrdu-Bold.ttf" },
		"fonts-noto-core", 0x627, "Urdu (Nastaliq)" },
};

struct font_open {
	enum font_face face;
	int size_px;
	int bold;
	TTF_Font *font;        /* NULL: opening failed, do not retry */
	unsigned long used;    /* set->uses at the last lookup */
};

struct font_set {
	/* Whole font files, mapped read-only once: FreeType then reads
	 * glyphs from memory, not with a seek and a read system call per
	 * access, and only the pages it reads (the tables and the glyphs
	 * drawn) take memory, not the whole file, as a copy would: a few
	 * hundred kB instead of 2.3 MB for the four faces. (Packages replace
	 * font files by renaming, so a mapped file is never cut short.) */
	void *data[FONT_FACE_COUNT][2];   /* NULL: not available */
	size_t size[FONT_FACE_COUNT][2];
	char *path[FONT_FACE_COUNT][2];
	/* Bold files are read on first use (start-up then reads half as
	 * much): 0 not yet, 1 read, -1 missing or damaged. */
	int bold_state[FONT_FACE_COUNT];
	TTF_Font *probe[FONT_FACE_COUNT]; /* for coverage questions */
	struct font_open open[FONT_OPEN_MAX];
	int n_open;
	unsigned long uses;
};

/* Returns `face` opened from memory at `size_px`, or NULL. */
static TTF_Font *font_open_mem(struct font_set *set, int face, int bold,
			       int size_px)
{
	SDL_RWops *rw;

	if (!set->data[face][bold])
		bold = 0;
	if (!set->data[face][bold])
		return NULL;
	rw = SDL_RWFromConstMem(set->data[face][bold],
				(int)set->size[face][bold]);
	if (!rw)
		return NULL;
	return TTF_OpenFontRW(rw, 1, size_px);
}

/* Reads one font file and checks that it opens as a font; logs why when
 * it does not. */
/* Maps `path` read-only; NULL with *why set when it cannot. */
static void *map_file(const char *path, size_t *size, const char **why)
{
	struct stat st;
	void *data;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > FONT_FILE_MAX) {
		*why = _("not a font file of a plausible size");
		close(fd);
		return NULL;
	}
	data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED) {
		*why = strerror(errno);
		return NULL;
	}
	*size = (size_t)st.st_size;
	return data;
}

/* Maps one font file and checks that it opens as a font; logs why when
 * it does not. */
static void font_load(struct font_set *set, int face, int bold,
		      const char *path)
{
	size_t size = 0;
	void *data;
	TTF_Font *f = NULL;
	const char *why = NULL;
	SDL_RWops *rw;

	data = map_file(path, &size, &why);
	if (data) {
		rw = SDL_RWFromConstMem(data, (int)size);
		f = rw ? TTF_OpenFontRW(rw, 1, FONT_PROBE_SIZE) : NULL;
		if (!f)
			why = TTF_GetError();
	}
	if (!f) {
		if (bold)
			vv_error(path, 0, _("cannot open font (%s); bold "
					    "text uses the regular weight; "
					    "install %s"),
				 why, face_table[face].package);
		else if (face == FONT_FACE_SANS)
			vv_error(path, 0, _("cannot open font (%s); install "
					    "%s"),
				 why, face_table[face].package);
		else
			vv_error(path, 0, _("cannot open font (%s); %s text "
					    "falls back to other fonts and may "
					    "show boxes; install %s"),
				 why, face_table[face].what,
				 face_table[face].package);
		if (data)
			munmap(data, size);
		return;
	}
	set->data[face][bold] = data;
	set->size[face][bold] = size;
	if (!bold)
		set->probe[face] = f;
	else
		TTF_CloseFont(f);
}

enum vv_err font_set_new(const char *font_dir, struct font_set **out)
{
	struct font_set *set;
	int face, bold;

	*out = NULL;
	if (!font_dir)
		font_dir = FONT_DIR_DEFAULT;
	set = calloc(1, sizeof *set);
	if (!set)
		return VV_ERR_NOMEM;
	for (face = 0; face < FONT_FACE_COUNT; face++) {
		for (bold = 0; bold < 2; bold++) {
			set->path[face][bold] = path_join(font_dir,
					face_table[face].file[bold]);
			if (!set->path[face][bold]) {
				font_set_free(set);
				return VV_ERR_NOMEM;
			}
			/* Without the regular weight the face is left out,
			 * so its bold file is not even tried; a bold file
			 * that is there is read when first used. */
			if (!bold) {
				font_load(set, face, 0, set->path[face][0]);
			} else if (set->probe[face]) {
				struct stat st;

				if (stat(set->path[face][1], &st) != 0) {
					font_load(set, face, 1,
						  set->path[face][1]);
					set->bold_state[face] = -1;
				}
			}
			if (face == FONT_FACE_SANS && !set->probe[face]) {
				font_set_free(set);
				return VV_ERR_FONT;
			}
		}
	}
	*out = set;
	return VV_OK;
}

void font_set_free(struct font_set *set)
{
	int i;

	if (!set)
		return;
	for (i = 0; i < set->n_open; i++)
		if (set->open[i].font)
			TTF_CloseFont(set->open[i].font);
	for (i = 0; i < FONT_FACE_COUNT; i++) {
		if (set->probe[i])
			TTF_CloseFont(set->probe[i]);
		if (set->data[i][0])
			munmap(set->data[i][0], set->size[i][0]);
		if (set->data[i][1])
			munmap(set->data[i][1], set->size[i][1]);
		free(set->path[i][0]);
		free(set->path[i][1]);
	}
	free(set);
}

int font_set_has_face(const struct font_set *set, enum font_face face)
{
	return face >= 0 && face < FONT_FACE_COUNT && set->probe[face];
}

int font_set_provides(struct font_set *set, enum font_face face, uint32_t cp)
{
	if (!font_set_has_face(set, face))
		return 0;
	return TTF_GlyphIsProvided32(set->probe[face], cp) != 0;
}

TTF_Font *font_set_get(struct font_set *set, enum font_face face,
		       int size_px, int bold)
{
	struct font_open *o;
	const char *path;
	int i;

	if (!font_set_has_face(set, face))
		return NULL;
	bold = bold ? 1 : 0;
	if (bold && set->bold_state[face] == 0) {
		font_load(set, face, 1, set->path[face][1]);
		set->bold_state[face] = set->data[face][1] ? 1 : -1;
	}
	set->uses++;
	for (i = 0; i < set->n_open; i++) {
		o = &set->open[i];
		if (o->face == face && o->size_px == size_px &&
		    o->bold == bold) {
			o->used = set->uses;
			return o->font;
		}
	}
	if (set->n_open == FONT_OPEN_MAX) {
		int oldest = 0;

		for (i = 1; i < set->n_open; i++)
			if (set->open[i].used < set->open[oldest].used)
				oldest = i;
		o = &set->open[oldest];
		if (o->font)
			TTF_CloseFont(o->font);
	} else {
		o = &set->open[set->n_open++];
	}
	path = set->data[face][bold] ? set->path[face][bold]
				     : set->path[face][0];
	o->used = set->uses;
	o->face = face;
	o->size_px = size_px;
	o->bold = bold;
	o->font = font_open_mem(set, face, bold, size_px);
	if (!o->font) {
		vv_error(path, 0, _("cannot open font at %d px (%s); text in "
				    "it is not drawn"),
			 size_px, TTF_GetError());
		return NULL;
	}
	/* Light hinting keeps HarfBuzz advances and FreeType outlines in
	 * step, so measured widths match rendered ones. */
	TTF_SetFontHinting(o->font, TTF_HINTING_LIGHT);
	return o->font;
}

int font_set_baseline_rise(struct font_set *set, enum font_face face,
			   int size_px, int bold)
{
	TTF_Font *font = font_set_get(set, face, size_px, bold);
	int miny = 0;

	if (!font || TTF_GlyphMetrics32(font, face_table[face].rests, NULL,
					NULL, &miny, NULL, NULL) != 0)
		return 0;
	/* A pixel or two either way is hinting; a fifth of the size would
	 * be a font that is not one of ours. */
	if (miny < 2 || miny > size_px / 5)
		return 0;
	return miny;
}

enum font_face font_face_of_char(uint32_t cp)
{
	const char *script = font_script_of_char(cp);

	if (!script)
		return FONT_FACE_NONE;
	return font_face_for_script(script);
}

const char *font_script_of_char(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    cp == 0xAA || cp == 0xBA ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	    (cp >= 0x250 && cp <= 0x2AF) || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	    (cp >= 0x2C60 && cp <= 0x2C7F) || (cp >= 0xA720 && cp <= 0xA7FF) ||
	    (cp >= 0xFB00 && cp <= 0xFB06))
		return "Latn";
	if ((cp >= 0x370 && cp <= 0x3FF && cp != 0x37E && cp != 0x387) ||
	    (cp >= 0x1F00 && cp <= 0x1FFF))
		return "Grek";
	if ((cp >= 0x400 && cp <= 0x52F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
	    (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F))
		return "Cyrl";
	/* The Arabic comma, semicolon, question mark and tatweel are
	 * "Common" in Unicode, but only the Arabic fonts draw them. */
	if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
	    (cp >= 0x870 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF && cp != 0xFEFF))
		return "Arab";
	if ((cp >= 0x1200 && cp <= 0x139F) || (cp >= 0x2D80 && cp <= 0x2DDF) ||
	    (cp >= 0xAB00 && cp <= 0xAB2F) ||
	    (cp >= 0x1E7E0 && cp <= 0x1E7FF))
		return "Ethi";
	return NULL;
}

enum font_face font_face_for_script(const char *script)
{
	if (script && strcmp(script, "Arab") == 0)
		return FONT_FACE_NASKH;
	if (script && strcmp(script, "Ethi") == 0)
		return FONT_FACE_ETHIOPIC;
	return FONT_FACE_SANS;
}

enum font_face font_face_for_family(const char *family, const char *script)
{
	int i;

	for (i = 0; family && i < FONT_FACE_COUNT; i++)
		if (strcmp(face_table[i].name, family) == 0)
			return (enum font_face)i;
	return font_face_for_script(script);
}

const char *font_face_script(enum font_face face)
{
	if (face < 0 || face >= FONT_FACE_COUNT)
		return "Zyyy";
	return face_table[face].script;
}

const char *font_face_name(enum font_face face)
{
	if (face < 0 || face >= FONT_FACE_COUNT)
		return "(none)";
	return face_table[face].name;
}
