/* script: timed input for headless and test runs (--script FILE). One event
 * a line, times in seconds since start:
 *   0.50 key Right        a key by its SDL name, or a chord "ctrl+alt+q"
 *   1.2 tap 960 540       a touch or click at window pixel (x, y)
 *   2.0 screenshot NAME   write NAME.png into --screenshot-dir
 *   2.5 type TEXT         type TEXT (the rest of the line, UTF-8, any
 *                         script) into an open text entry, as a keyboard
 *                         or input method would (text input events)
 *   3.0 quit              leave the player
 *   4.0 hang              (tests only, not advertised) block the main loop
 *                         until a stop signal, as a hung player would; the
 *                         systemd watchdog test uses it
 * Blank lines and lines starting with '#' are ignored. */
#ifndef VV_PLAYER_CORE_SCRIPT_H
#define VV_PLAYER_CORE_SCRIPT_H

#include <stddef.h>

#include "common/err.h"

enum script_kind {
	SCRIPT_KEY,
	SCRIPT_TAP,
	SCRIPT_SCREENSHOT,
	SCRIPT_QUIT,
	SCRIPT_HANG,
	SCRIPT_TYPE,
};

struct script_event {
	double time;            /* seconds since start */
	enum script_kind kind;
	int x, y;               /* tap position */
	char arg[64];           /* key name or screenshot name */
	char *text;             /* SCRIPT_TYPE: the text (owned by the
	                         * script), else NULL */
	long line;              /* line in the script file */
};

struct script;

/* Parses `text` (NUL-terminated); `name` is used in messages. Events are
 * kept in time order (stable for equal times). On a bad line prints
 * "NAME:LINE: ..." via vv_error() and returns VV_ERR_FORMAT; a script over
 * 100000 events or a line over 1024 bytes gives VV_ERR_LIMIT (after the
 * same kind of message).
 * Returns VV_OK and a new script in *out (free with script_free()). */
enum vv_err script_parse(const char *text, const char *name,
			 struct script **out);

/* Reads and parses the file at `path`; VV_ERR_IO after a message when it
 * cannot be read, VV_ERR_LIMIT when it is over 4 MiB. */
enum vv_err script_load(const char *path, struct script **out);

/* NULL is a no-op. */
void script_free(struct script *script);

/* Returns the next event due at `now` (time <= now) and consumes it, or
 * NULL when none is due. The event is owned by the script. */
const struct script_event *script_next(struct script *script, double now);

/* Time of the next event not yet consumed, or -1 when every event has
 * been consumed: the main loop sleeps until then at most. */
double script_next_time(const struct script *script);

/* Number of events, and event i (NULL when out of range). */
size_t script_count(const struct script *script);
const struct script_event *script_at(const struct script *script, size_t i);

/* 1 when every event has been consumed. */
int script_done(const struct script *script);

/* 1 when `name` is safe as a screenshot file name: 1-63 characters of
 * [A-Za-z0-9._-], not starting with '.'. */
int script_name_ok(const char *name);

#endif
