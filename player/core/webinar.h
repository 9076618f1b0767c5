/* webinar: the record of one linked-rooms webinar, kept by the host
 * (--group --host): the session, the pack, which slides the rooms were
 * led through and when (and who drove), every room with its language,
 * participant count and number of questions and raised hands, and the
 * handovers to a co-presenter. Counts only: never a question's text, and
 * no names but the rooms' and presenters' broker logins (which name
 * municipalities and organisations, not people). Written as JSON and as
 * a readable text file, atomically; the host writes it again during the
 * session, so a crash leaves the last copy. No SDL; unit-tested alone. */
#ifndef VV_PLAYER_CORE_WEBINAR_H
#define VV_PLAYER_CORE_WEBINAR_H

#include <stddef.h>
#include <time.h>

#include "common/err.h"

/* At most this many rooms, slide changes and handovers are kept; more
 * are counted but not listed. */
#define WEBINAR_MAX_ROOMS 256
#define WEBINAR_MAX_SLIDES 10000
#define WEBINAR_MAX_HANDOVERS 1000

/* What the record is about. Strings are copied by webinar_new(). */
struct webinar_info {
	const char *session;
	const char *pack_id;
	const char *pack_version;
	const char *level;
	const char *lang;        /* the host's language */
	time_t started;          /* wall clock, for the date and times */
};

struct webinar;

/* Returns VV_OK and a new record (free with webinar_free()), or
 * VV_ERR_NOMEM. `now` is the player's clock (s). */
enum vv_err webinar_new(const struct webinar_info *info, double now,
			struct webinar **out);

/* NULL is a no-op. */
void webinar_free(struct webinar *w);

/* The rooms are shown slide `index` (0-based; `id` its item id), driven
 * by `driver`. The same slide again is ignored. */
void webinar_slide(struct webinar *w, size_t index, const char *id,
		   const char *driver, double now);

/* The control went to `driver`. */
void webinar_handover(struct webinar *w, const char *driver, double now);

/* A room's presence: its language, participant count (-1: not known),
 * whether it is connected and following. */
void webinar_room(struct webinar *w, const char *room, const char *lang,
		  long participants, int online, int following, double now);

/* A room asked a question / raised its hand: counted, nothing else. */
void webinar_question(struct webinar *w, const char *room, double now);
void webinar_hand(struct webinar *w, const char *room, double now);

/* Ends the record at `now` (`ended`: wall clock); later calls change
 * nothing. */
void webinar_end(struct webinar *w, double now, time_t ended);

/* 1 when something was recorded since the last webinar_write(). */
int webinar_dirty(const struct webinar *w);

/* Totals, for the caller and tests. */
size_t webinar_rooms(const struct webinar *w);
unsigned long webinar_questions(const struct webinar *w, const char *room);

/* The record as one JSON object and a newline / as readable text
 * (labels through gettext); NULL when out of memory. The caller frees
 * it. `now` closes the open slide's time when the record is not ended. */
char *webinar_json(const struct webinar *w, double now);
char *webinar_text(const struct webinar *w, double now);

/* Writes webinar-DATE-TIME-SESSION.json and .txt into `dir` (made when
 * missing), each through a temporary file and a rename. The name is
 * chosen at the first write ("-2", "-3" ... when taken) and kept, so
 * later writes replace the same files. Returns VV_OK and, when
 * json_path is not NULL, the JSON file's path in *json_path (the
 * record's, do not free); or VV_ERR_IO / VV_ERR_NOMEM after a message
 * naming the file. */
enum vv_err webinar_write(struct webinar *w, const char *dir, double now,
			  const char **json_path);

#endif
