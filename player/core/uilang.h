/* uilang: the language of the player's own interface (gettext domain
 * "veiviser"). It follows the participant's choice at run time and goes
 * back to the start-up language after a reset. */
#ifndef VV_PLAYER_CORE_UILANG_H
#define VV_PLAYER_CORE_UILANG_H

/* Sets the locale from the environment (keeping LC_NUMERIC "C" so numbers
 * in logs use '.'), binds the text domain to the build tree's locale
 * folder when the program runs from it (<dir of the executable>/locale),
 * else to $VV_LOCALEDIR or the installed one, and remembers the start-up
 * language. Call once at start, before any thread: it puts LANGUAGE in
 * the environment (empty when there was none), so that uilang_set() only
 * replaces it while other threads translate. */
void uilang_init(void);

/* Switches the interface to `code` (BCP 47, e.g. "ar"), or back to the
 * start-up language when NULL. Takes effect for the next _() call. */
void uilang_set(const char *code);

/* The folder the text domain is bound to (static). */
const char *uilang_dir(void);

#endif
