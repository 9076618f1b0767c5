/* keyhelp: the console's table of keys and what they do. */
#include "player/ui/keyhelp.h"

#include <string.h>

#include "common/i18n.h"
#include "common/lang.h"
#include "player/core/legible.h"

#define KEYHELP_PANEL 0x0b1a2cffu
#define KEYHELP_MAX 32

/* A row: keys is N_() where it has words; a key's own label as printed
 * on it (P, Tab, F6) stays as it is (_() finds no translation for it). */
struct keyhelp_entry {
	const char *keys;   /* the keys' names */
	const char *what;   /* what they do */
};

/* Every group session's keys (player/core/facilitator, player/ui/group,
 * the film's J and L in player/out/av). */
static const struct keyhelp_entry group_keys[] = {
	/* TRANSLATORS: the key help's left column names keys as a
	 * keyboard of the language prints them, or in words (Space is
	 * "mellomrom" in Norwegian); a letter key stays the Latin letter,
	 * as the keys go by their place on the keyboard. */
	{ N_("Page Down, Right arrow, Space"), N_("Next slide") },
	{ N_("Page Up, Left arrow, Backspace"), N_("Previous slide") },
	/* rows of their own, so the rows above keep their translations */
	{ N_("Down arrow, Up arrow"), N_("Next slide, previous slide") },
	{ "Home, End", N_("First slide, last slide") },
	{ N_("A number, then Enter"), N_("Go to that slide") },
	{ "Enter", N_("Next slide; confirms a typed number or a choice") },
	{ "Tab", N_("All slides: pick one with the arrows and Enter") },
	{ N_("B or full stop (.)"),
	  N_("Black screen in the room, film and sound paused; "
	     "again to show the slide") },
	{ N_("W or comma (,)"),
	  N_("White screen in the room, film and sound paused; "
	     "again to show the slide") },
	{ "P", N_("Pause or play the sound and the film") },
	{ "J, L", N_("Film 10 seconds back, forward") },
	{ "S", N_("Captions and subtitles on or off") },
	{ "T", N_("Pause or resume the session timer") },
	{ "Z", N_("Session timer back to zero") },
	{ N_("Plus (+), Minus (-)"), N_("Script on this screen larger, "
					 "smaller") },
	{ "X, F9",
	  N_("Swap the room's screen and this one") },
	{ "?, /", N_("Show or hide this help (Esc hides it too)") },
	{ "Esc", N_("End the session") },
};

/* group_keys' rows that do nothing with --console single: its band has
 * no overview, and there is no second screen to swap with. */
static const char *const not_single[] = { "Tab", "X, F9", NULL };

/* Whether row e of group_keys is one of not_single. */
static int is_not_single(const struct keyhelp_entry *e)
{
	const char *const *k;

	for (k = not_single; *k; k++)
		if (!strcmp(e->keys, *k))
			return 1;
	return 0;
}

/* The keys of --console single only. */
static const struct keyhelp_entry single_keys[] = {
	{ "C", N_("Hide or show the console band: the room sees it") },
};

/* A linked room's keys (player/ui/linked). */
static const struct keyhelp_entry room_keys[] = {
	{ "Q", N_("Ask the counsellor a question") },
	{ "H", N_("Raise or lower the room's hand") },
	{ "D", N_("Stop following the counsellor") },
	{ "R", N_("Follow the counsellor again") },
};

/* The host's keys (a co-presenter has none of these). */
static const struct keyhelp_entry host_keys[] = {
	{ "Q", N_("Select the next question") },
	{ "A", N_("Mark the question answered, or open it again") },
	{ "V", N_("Show the question on every room's screen, or hide "
		      "it") },
	{ "F6", N_("Hand the control to the co-presenter, or take it "
		       "back") },
};

static size_t add(const struct keyhelp_entry **to, size_t n,
		  const struct keyhelp_entry *from, size_t count)
{
	size_t i;

	for (i = 0; i < count && n < KEYHELP_MAX; i++)
		to[n++] = &from[i];
	return n;
}

void keyhelp_draw(struct ui *ui, enum keyhelp_extra extra, int single,
		  const char *lang, struct draw_rect r)
{
	const struct vv_lang *l = lang ? lang_find(lang) : NULL;
	int rtl = l && l->dir == VV_DIR_RTL;
	const struct keyhelp_entry *e[KEYHELP_MAX];
	size_t n = 0, i;
	int size = legible_px(ui->h, 0.035);
	int min = legible_px(ui->h, 0.022);
	int pad, gap, row, keys_w, tw, th, y;
	/* in the staff's language's direction: a key name in Latin
	 * letters starts where the words do */
	struct draw_style key_st = { .rgba = UI_ACCENT, .bold = 1,
				     .max_lines = 1, .lang = lang };
	struct draw_style what_st = { .rgba = UI_TEXT, .max_lines = 1,
				      .lang = lang };
	int keys_x, what_x, what_w;

	for (i = 0; i < sizeof group_keys / sizeof group_keys[0]; i++) {
		/* a single screen's own keys before the help's and Esc */
		if (single && !strcmp(group_keys[i].keys, "?, /"))
			n = add(e, n, single_keys,
				sizeof single_keys / sizeof single_keys[0]);
		if (!single || !is_not_single(&group_keys[i]))
			n = add(e, n, &group_keys[i], 1);
	}
	if (extra == KEYHELP_ROOM)
		n = add(e, n, room_keys,
			sizeof room_keys / sizeof room_keys[0]);
	else if (extra == KEYHELP_HOST)
		n = add(e, n, host_keys,
			sizeof host_keys / sizeof host_keys[0]);
	out_fill_rect(ui->out, r.x, r.y, r.w, r.h, KEYHELP_PANEL);
	/* the console's margin (player/ui/console) */
	pad = ui->h * 3 / 100;
	/* As large as the rows fit the height with an eighth of a line
	 * between them; up to a quarter where there is room. */
	for (;; size--) {
		key_st.size = size;
		draw_text_size(ui, "Ag", &key_st, 0, &tw, &th);
		if (size <= min || (th + th / 8) * (int)n + pad <= r.h)
			break;
	}
	/* An eighth of a line between rows, none where the rows need
	 * the room (a linked room's table at 1024x600): the lines' own
	 * leading still keeps them apart. */
	row = (r.h - pad) / (int)n;
	if (row > th + th / 4)
		row = th + th / 4;
	if (row < th)
		row = th;
	gap = th;
	/* The keys' column as wide as its widest name, at most two
	 * fifths; a longer name or text shrinks to fit its column. */
	keys_w = 0;
	for (i = 0; i < n; i++) {
		draw_text_size(ui, _(e[i]->keys), &key_st, 0, &tw, &th);
		if (tw > keys_w)
			keys_w = tw;
	}
	if (keys_w > (r.w - 2 * pad) * 2 / 5)
		keys_w = (r.w - 2 * pad) * 2 / 5;
	what_st.size = size;
	key_st.min_size = min;
	what_st.min_size = min;
	what_w = r.w - 2 * pad - keys_w - gap;
	keys_x = rtl ? r.x + r.w - pad - keys_w : r.x + pad;
	what_x = rtl ? r.x + pad : r.x + pad + keys_w + gap;
	y = r.y + pad;
	for (i = 0; i < n && y + row <= r.y + r.h; i++, y += row) {
		draw_text(ui, _(e[i]->keys), &key_st,
			  (struct draw_rect){ keys_x, y, keys_w, 0 });
		draw_text(ui, _(e[i]->what), &what_st,
			  (struct draw_rect){ what_x, y, what_w, 0 });
	}
}
