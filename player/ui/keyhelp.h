/* keyhelp: the group console's key help (? or /): every key by a name a
 * facilitator can read ("Page Down", "Space"), with what it does in
 * words, in the staff's language; a linked room's or host's keys too. */
#ifndef VV_PLAYER_UI_KEYHELP_H
#define VV_PLAYER_UI_KEYHELP_H

#include "player/ui/draw.h"

/* Whose keys the help lists besides every group session's. */
enum keyhelp_extra {
	KEYHELP_GROUP,   /* none: no linked rooms, or a co-presenter */
	KEYHELP_ROOM,    /* a linked room's: q, h, d, r */
	KEYHELP_HOST,    /* the host's: q, a, v, F6 */
};

/* Draws the help over r: a table of keys and what they do, as large as
 * fits r (from 3.5 % of the console's height down to 2.2 %), in the
 * direction of `lang` (the staff's language, a code; NULL: left to
 * right), the keys first. single: the keys of --console single (C, and
 * not the overview's or the swap's). Borrows everything. */
void keyhelp_draw(struct ui *ui, enum keyhelp_extra extra, int single,
		  const char *lang, struct draw_rect r);

#endif
