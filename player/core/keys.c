/* keys: key mapping and the admin chord. */
#include "player/core/keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int keys_layout_latin(const long letters[26])
{
	int i, other = 0;

	for (i = 0; i < 26; i++)
		if (letters[i] < 0 || letters[i] > 0x7f)
			other++;
	return other < 13;
}

static int ascii_only(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

const char *keys_press_name(const char *typed, const char *physical,
			    int latin)
{
	if (!physical || !*physical)
		return typed;
	if (!typed || !*typed || !ascii_only(typed))
		return physical;
	/* a key that types a character has a one-character name
	 * ("W", "7", "/"); "Space", "Return" and "Keypad ." stay */
	if (!latin && strlen(physical) == 1)
		return physical;
	return typed;
}

enum vv_err keys_parse_chord(const char *text, struct keys_chord *out)
{
	char buf[128];
	char *tok, *save = NULL;
	int have_key = 0;

	memset(out, 0, sizeof *out);
	if (!text || strlen(text) >= sizeof buf)
		return VV_ERR_USAGE;
	strcpy(buf, text);
	for (tok = strtok_r(buf, "+", &save); tok;
	     tok = strtok_r(NULL, "+", &save)) {
		if (have_key)
			return VV_ERR_USAGE;  /* the key comes last */
		if (strcasecmp(tok, "ctrl") == 0 ||
		    strcasecmp(tok, "control") == 0)
			out->mods |= KEYS_CTRL;
		else if (strcasecmp(tok, "alt") == 0)
			out->mods |= KEYS_ALT;
		else if (strcasecmp(tok, "shift") == 0)
			out->mods |= KEYS_SHIFT;
		else if (strcasecmp(tok, "gui") == 0 ||
			 strcasecmp(tok, "super") == 0 ||
			 strcasecmp(tok, "win") == 0)
			out->mods |= KEYS_GUI;
		else {
			if (strlen(tok) >= sizeof out->key)
				return VV_ERR_USAGE;
			strcpy(out->key, tok);
			have_key = 1;
		}
	}
	return have_key ? VV_OK : VV_ERR_USAGE;
}

int keys_chord_match(const struct keys_chord *chord, unsigned mods,
		     const char *key)
{
	return chord->key[0] && mods == chord->mods &&
	       strcasecmp(key, chord->key) == 0;
}

/* 1 for a modifier key's own press ("Left Ctrl", "Right Alt", AltGr's
 * "ModeSwitch"): held for a chord, it is no input by itself. */
static int is_modifier(const char *key)
{
	static const char *const side[] = { "Left ", "Right " };
	static const char *const mod[] = { "Ctrl", "Alt", "Shift", "GUI" };
	size_t i, j, n;

	if (strcasecmp(key, "ModeSwitch") == 0)
		return 1;
	for (i = 0; i < 2; i++) {
		n = strlen(side[i]);
		if (strncasecmp(key, side[i], n) != 0)
			continue;
		for (j = 0; j < sizeof mod / sizeof mod[0]; j++)
			if (strcasecmp(key + n, mod[j]) == 0)
				return 1;
	}
	return 0;
}

int keys_to_nav(const char *key, enum nav_mode mode, enum nav_input *in,
		long *arg)
{
	static const struct {
		const char *name;
		enum nav_input in;
	} map[] = {
		{ "Right", NAV_IN_NEXT }, { "PageDown", NAV_IN_NEXT },
		{ "Space", NAV_IN_NEXT }, { "Return", NAV_IN_NEXT },
		{ "Left", NAV_IN_BACK }, { "PageUp", NAV_IN_BACK },
		{ "Backspace", NAV_IN_BACK }, { "Home", NAV_IN_HOME },
		{ "End", NAV_IN_LAST }, { "P", NAV_IN_PAUSE },
		{ "R", NAV_IN_REPLAY },
	};
	size_t i;

	*arg = 0;
	/* Digits pick the Nth entry on a picker screen (1-based). */
	if (strlen(key) == 1 && key[0] >= '1' && key[0] <= '9') {
		*in = NAV_IN_JUMP;
		*arg = key[0] - '1';
		return 1;
	}
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcasecmp(key, map[i].name) == 0) {
			/* The kiosk's home leads back to the start; in a group
			 * Home means the first slide. */
			*in = map[i].in;
			if (*in == NAV_IN_HOME && mode == NAV_MODE_GROUP)
				*in = NAV_IN_FIRST;
			return 1;
		}
	}
	/* The staff's chords (Ctrl+Alt+O) start with these: the kiosk
	 * under the overlay must not move. */
	if (mode == NAV_MODE_KIOSK && !is_modifier(key)) {
		*in = NAV_IN_WAKE;
		return 1;
	}
	return 0;
}
