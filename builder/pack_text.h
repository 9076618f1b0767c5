/* pack_text: a translatable text of a pack (a field of pack.xml or a
 * subtitle cue) and the whitespace rule every source text follows. The
 * pack loader and the subtitle reader both make them; neither needs the
 * other for it. */
#ifndef VV_BUILDER_PACK_TEXT_H
#define VV_BUILDER_PACK_TEXT_H

#include <stddef.h>

/* The deepest list level a <li level="N"> may have. */
#define PACK_LIST_LEVELS 4

/* One translatable string of the source pack. */
struct pack_text {
	char *ctxt;   /* msgctxt: "<item-id>/<field>", e.g. "welcome/p.2" */
	char *text;   /* source text, whitespace-normalised; inline markup kept
	               * as literal tags, e.g. "Ta med <b>pass</b>" */
	char *note;   /* note to translators (#. comment), or NULL */
	long line;    /* line in pack.xml (or in the subtitle file for cues) */
	const char *file; /* borrowed: path of the file the text comes from */
	size_t budget;/* length budget in characters for this field; 0 = none */
	int level;    /* a bullet's list level, 1 (top) to PACK_LIST_LEVELS;
	               * 0 for every other text */
	size_t bullets_before; /* a paragraph: how many of the item's bullets
	                        * come before it in reading order */
};

/* A subtitle cue from the source-language WebVTT or SRT file. */
struct pack_cue {
	long start_ms, end_ms;
	struct pack_text text; /* ctxt "<item-id>/cue@HH:MM:SS.mmm" */
};

/* Normalises whitespace in place: runs of spaces, tabs and line breaks
 * become one space, and the ends are trimmed (docs/FORMATS.md). */
void pack_text_normalise(char *s);

#endif
