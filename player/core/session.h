/* session: the record of one group session for the municipality: date,
 * pack, version, language, level, which slides were shown for how long,
 * and the participant count the facilitator entered. Written as JSON and
 * as a readable text file. It holds no names, no paths, no host or user:
 * nothing that identifies a person. No SDL; unit-tested alone. */
#ifndef VV_PLAYER_CORE_SESSION_H
#define VV_PLAYER_CORE_SESSION_H

#include <stddef.h>
#include <time.h>

#include "common/err.h"

/* What the record is about. Strings are copied by session_new(). */
struct session_info {
	const char *pack_id;
	const char *pack_version;
	const char *lang;        /* the room's language (BCP 47) */
	const char *level;       /* level id */
	const char *captions;    /* caption language, or NULL */
	size_t n_items;          /* items in the bundle (at most 10000) */
	const char *const *item_ids;  /* n_items ids (may be NULL) */
	const int *item_is_video;     /* n_items flags (may be NULL) */
	time_t started;          /* wall-clock start, for the date */
};

struct session;

/* Returns VV_OK and a new record in *out (free with session_free()),
 * VV_ERR_NOMEM, or VV_ERR_USAGE when n_items is 0 or over 10000. `now`
 * is the player's clock (s) at the start. */
enum vv_err session_new(const struct session_info *info, double now,
			struct session **out);

/* NULL is a no-op. */
void session_free(struct session *s);

/* The room now sees item `index` (0-based); time since the previous call
 * counts for the previous item. An index out of range is ignored. */
void session_show(struct session *s, size_t index, double now);

/* The room screen went black or white (blank = 1) or back (0): blank time
 * counts separately, not for the slide under it. */
void session_blank(struct session *s, int blank, double now);

/* Ends the record at `now`; later calls of session_show() and
 * session_blank() and session_end() are ignored. `ended` is the
 * wall-clock end time. */
void session_end(struct session *s, double now, time_t ended);

/* Sets the participant count (-1: not given). Counts over 10000 are
 * taken as not given. */
void session_set_participants(struct session *s, long n);

/* Totals, for the caller and tests. */
size_t session_items_shown(const struct session *s);  /* distinct items */
double session_item_seconds(const struct session *s, size_t index);
int session_item_visits(const struct session *s, size_t index);
double session_blank_seconds(const struct session *s);
double session_seconds(const struct session *s);

/* Returns the record as a JSON object (one line and a newline), or NULL
 * when out of memory. The caller frees it. */
char *session_json(const struct session *s);

/* Returns the record as readable text (labels through gettext, in the
 * interface language set at the call), or NULL when out of memory. The
 * caller frees it. */
char *session_text(const struct session *s);

/* Writes session-DATE-TIME-PACK-LANG-LEVEL.json and .txt into `dir`
 * (created when missing; one level), each through a temporary file and a
 * rename so no half-written record is left. A name already there gets
 * "-2", "-3" ... Returns VV_OK and the JSON file's path in *json_path (the
 * caller frees it; may be NULL), or VV_ERR_IO / VV_ERR_NOMEM after a
 * message naming the file. */
enum vv_err session_write(const struct session *s, const char *dir,
			  char **json_path);

/* Checks at start that records can be written into `dir` by making and
 * removing a probe file in it; a folder not there yet is made for the
 * probe and removed again, so a session that plays nothing leaves no
 * folder. Returns VV_OK, or
 * VV_ERR_IO after one message naming the folder and saying what to do. */
enum vv_err session_check_dir(const char *dir);

/* The default folder: $XDG_STATE_HOME/veiviser/sessions, else
 * $HOME/.local/state/veiviser/sessions, else ".". Writes into buf (size
 * bytes) and returns buf. */
const char *session_default_dir(char *buf, size_t size);

#endif
