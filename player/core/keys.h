/* keys: which name a key press goes by, key names to navigation inputs,
 * and the admin exit chord. Key names are SDL's (SDL_GetKeyName: "Right",
 * "PageDown", "Q", "Return"), compared without regard to case, so this
 * module needs no SDL. */
#ifndef VV_PLAYER_CORE_KEYS_H
#define VV_PLAYER_CORE_KEYS_H

#include "common/err.h"
#include "player/core/nav.h"

enum {
	KEYS_CTRL = 1,
	KEYS_ALT = 2,
	KEYS_SHIFT = 4,
	KEYS_GUI = 8,
};

struct keys_chord {
	unsigned mods;    /* KEYS_* bits */
	char key[32];     /* key name */
};

/* The default admin exit chord. */
#define KEYS_DEFAULT_EXIT "ctrl+alt+q"
/* The chord that shows or hides the operator screen (library status). */
#define KEYS_OPERATOR "ctrl+alt+o"

/* 1 when a keyboard layout types Latin letters. `letters` holds what its
 * 26 letter keys (A to Z on a US keyboard) type, as Unicode code points
 * (SDL keycodes); 0 when half of them or more type something outside
 * ASCII: Cyrillic, Arabic, Persian, Greek or Hebrew letters. */
int keys_layout_latin(const long letters[26]);

/* The name a key press goes by, for every shortcut (the letter keys, the
 * . , / + - keys, digits): `typed` is its name in the active layout
 * (SDL_GetKeyName of the keycode: "W", "Ц", "."), `physical` the name of
 * the same physical key on a US keyboard (SDL_GetScancodeName: "W", "/").
 * Under a Latin layout a key goes by what it types (AZERTY's A key is A);
 * a key that types a letter outside ASCII, and under a layout that is
 * not Latin (keys_layout_latin() 0) every key that types a character,
 * goes by its physical key, so an interpreter's Cyrillic or Arabic layout
 * keeps the shortcuts where the keys are (the W key blanks). Text typed
 * into an entry comes as text input and keeps its script. Returns
 * `typed` or `physical` (borrowed); NULL or "" `physical` gives
 * `typed`. */
const char *keys_press_name(const char *typed, const char *physical,
			    int latin);

/* Parses "ctrl+alt+q" (modifiers ctrl, alt, shift, gui/super/win, then one
 * key name; '+' separated; any case). Returns VV_OK, or VV_ERR_USAGE when
 * the text is not a chord. */
enum vv_err keys_parse_chord(const char *text, struct keys_chord *out);

/* 1 when a key press (name and KEYS_* modifiers held) is the chord. */
int keys_chord_match(const struct keys_chord *chord, unsigned mods,
		     const char *key);

/* Maps a key press to a navigation input for `mode`. Returns 1 and sets
 * *in and *arg, or 0 when the key means nothing. In kiosk mode, any other
 * key counts as NAV_IN_WAKE (returns 1), so a keyboard works like touch,
 * but for a modifier's own press (Ctrl, Alt, Shift, GUI), which begins
 * the staff's chords. */
int keys_to_nav(const char *key, enum nav_mode mode, enum nav_input *in,
		long *arg);

#endif
