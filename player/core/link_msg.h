/* link_msg: the messages of linked rooms (--group --host / --follow) and
 * their MQTT topics, as text: one "key=value" line per field, the first
 * line "v=1". Every message that comes over the broker is untrusted, so
 * the parser caps the size, checks the version, every field's bounds and
 * the UTF-8, and refuses duplicates. No SDL, no libmosquitto: the glue in
 * player/net carries the bytes. Described in docs/FORMATS.md. */
#ifndef VV_PLAYER_CORE_LINK_MSG_H
#define VV_PLAYER_CORE_LINK_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

/* The payload version this player writes and the only one it reads. */
#define LINK_MSG_VERSION 1
/* Largest payload accepted or written (bytes). */
#define LINK_MSG_MAX 4096
/* Longest session, room, driver, pack, item, level or version token. */
#define LINK_TOKEN_MAX 64
/* Longest language code (BCP 47 as the pack schema allows it). */
#define LINK_LANG_MAX 35
/* Longest question text (bytes of UTF-8). */
#define LINK_TEXT_MAX 1000
/* Largest participant count and video position (s) accepted. */
#define LINK_MAX_PARTICIPANTS 10000
#define LINK_MAX_POSITION 86400.0
/* Longest topic written or accepted. */
#define LINK_TOPIC_MAX 256

enum link_kind {
	LINK_STATE,      /* veiviser/SESSION/state, retained, from the host;
	                  * or veiviser/SESSION/presenter/NAME/state from
	                  * the co-presenter NAME */
	LINK_HOST,       /* veiviser/SESSION/host, retained; last will (or
	                  * .../presenter/NAME/host) */
	LINK_PRESENCE,   /* veiviser/SESSION/room/ROOM/presence, retained;
	                  * last will */
	LINK_QUESTION,   /* veiviser/SESSION/room/ROOM/question */
	LINK_HAND,       /* veiviser/SESSION/room/ROOM/hand */
	LINK_CONTROL,    /* veiviser/SESSION/control, retained, from the host
	                  * only: who drives, in which term */
	LINK_SHOWN,      /* veiviser/SESSION/shown, retained, from the host:
	                  * a question every room shows, or none */
};

enum link_blank { LINK_SHOW, LINK_BLACK, LINK_WHITE };

/* The whole room state a follower needs: a late joiner lands on it. */
struct link_state {
	uint64_t seq;                      /* grows with every change the
	                                    * driver makes */
	uint64_t term;                     /* the control term it was sent
	                                    * in (0: not given) */
	char driver[LINK_TOKEN_MAX + 1];   /* who sent it */
	char pack[LINK_TOKEN_MAX + 1];     /* pack id */
	char version[LINK_TOKEN_MAX + 1];  /* pack version (may hold '+') */
	char level[LINK_TOKEN_MAX + 1];
	char item[LINK_TOKEN_MAX + 1];     /* current item id; "" before the
	                                    * first item */
	long index;                        /* its index at the host (a hint
	                                    * only: rooms match the id) */
	int playing;                       /* 1: the video plays */
	double position;                   /* video position (s) at sent_ms */
	int64_t sent_ms;                   /* host wall clock, ms since 1970 */
	enum link_blank blank;
	int ended;                         /* 1: the host closed the session */
};

/* The host (or a co-presenter) is there (online = 1) or gone (0). */
struct link_host {
	char driver[LINK_TOKEN_MAX + 1];
	int online;
};

/* One room as the host console lists it. */
struct link_presence {
	char room[LINK_TOKEN_MAX + 1];
	char lang[LINK_LANG_MAX + 1];
	int online;                        /* 0: the broker's last will */
	long participants;                 /* -1: not known */
	int following;                     /* 0: detached */
	char item[LINK_TOKEN_MAX + 1];     /* the item the room shows */
	long drift_ms;                     /* room video minus host (ms) */
};

/* A room's typed question. The text may hold personal data: it is never
 * logged nor written into records. */
struct link_question {
	char room[LINK_TOKEN_MAX + 1];
	char lang[LINK_LANG_MAX + 1];
	char item[LINK_TOKEN_MAX + 1];     /* asked at this item */
	uint64_t id;                       /* the room's own counter */
	char text[LINK_TEXT_MAX + 1];      /* one line of UTF-8, no control
	                                    * characters */
};

struct link_hand {
	char room[LINK_TOKEN_MAX + 1];
	int up;
};

/* The question the host shows on every room's screen (show = 1, with
 * its text as the room typed it), or hides (show = 0, no text). The
 * rooms draw it and never log it. */
struct link_shown {
	uint64_t seq;                      /* grows with every change */
	int show;
	char room[LINK_TOKEN_MAX + 1];     /* the room that asked */
	char lang[LINK_LANG_MAX + 1];      /* the language it was asked in */
	char item[LINK_TOKEN_MAX + 1];     /* the host's item when shown */
	uint64_t id;                       /* the room's question id */
	char text[LINK_TEXT_MAX + 1];      /* "" when show = 0 */
};

/* Who may drive: the host gives control to `driver` (or takes it back),
 * each time in a new, larger term. Rooms take state only from `driver`
 * sent in `term`. */
struct link_control {
	uint64_t term;
	char driver[LINK_TOKEN_MAX + 1];
};

struct link_msg {
	enum link_kind kind;
	char session[LINK_TOKEN_MAX + 1];  /* from the topic */
	char topic_room[LINK_TOKEN_MAX + 1]; /* from the topic (room kinds) */
	char topic_presenter[LINK_TOKEN_MAX + 1]; /* from a presenter/NAME/
	                                    * topic; "" for the host's */
	union {
		struct link_state state;
		struct link_host host;
		struct link_presence presence;
		struct link_question question;
		struct link_hand hand;
		struct link_control control;
		struct link_shown shown;
	} u;
};

/* Returns 1 when `s` is a valid token: 1 to LINK_TOKEN_MAX characters of
 * A-Z a-z 0-9 . _ - (so never an MQTT wildcard nor a level separator). */
int link_token_valid(const char *s);

/* Writes the topic for `kind` in `session` (room: for the room kinds,
 * else ignored) into buf. Returns VV_OK, or VV_ERR_USAGE when a token is
 * not valid, or VV_ERR_LIMIT when buf is too small. */
enum vv_err link_topic(enum link_kind kind, const char *session,
		       const char *room, char *buf, size_t size);

/* Writes a co-presenter's topic, veiviser/SESSION/presenter/NAME/LEAF,
 * for LINK_STATE or LINK_HOST; as link_topic() otherwise (VV_ERR_USAGE
 * for another kind). */
enum vv_err link_presenter_topic(enum link_kind kind, const char *session,
				 const char *presenter, char *buf,
				 size_t size);

/* Parses one message: `topic` (NUL-terminated) and `len` bytes of
 * payload (not terminated). Returns VV_OK with *out filled; VV_ERR_LIMIT
 * for a payload over LINK_MSG_MAX or a field too long; VV_ERR_FORMAT for
 * anything else malformed: unknown topic, missing or other version,
 * missing, duplicate or out-of-range field, invalid UTF-8, a question's
 * room not the topic's room, a shown question without its text (or a
 * hidden one with a text). Unknown keys are ignored (a newer minor
 * writer may add fields). *out is cleared on failure. Never logs the
 * payload. */
enum vv_err link_msg_parse(const char *topic, const void *payload,
			   size_t len, struct link_msg *out);

/* Writes msg's payload into buf (size bytes) and its length into *len.
 * The topic comes from link_topic() with msg->session and, for room
 * kinds, the room's name; or from link_presenter_topic() when
 * msg->topic_presenter is set. Returns VV_OK, VV_ERR_USAGE when a field is out
 * of bounds (what the parser would refuse), or VV_ERR_LIMIT when buf is
 * too small. */
enum vv_err link_msg_format(const struct link_msg *msg, char *buf,
			    size_t size, size_t *len);

/* Cleans a typed question for sending: control characters and newlines
 * become spaces, invalid UTF-8 is dropped, runs of spaces become one,
 * and the text is cut at LINK_TEXT_MAX bytes on a character boundary.
 * Writes into out (LINK_TEXT_MAX + 1 bytes). */
void link_text_clean(const char *in, char out[LINK_TEXT_MAX + 1]);

/* "show", "black", "white". */
const char *link_blank_name(enum link_blank b);

/* Damping of a room's catch-up seeks. After a seek the picture is black
 * until the next keyframe, so a room whose drift stays just over the
 * threshold (a slow machine) must not seek every second: each seek that
 * follows another doubles the wait before the next (1, 2, 4, 8 s, at
 * most LINK_SEEK_WAIT_MAX); once the drift has stayed under the
 * threshold for LINK_SEEK_CALM seconds the wait starts at 1 s again.
 * Zero-initialise. */
#define LINK_SEEK_WAIT_MAX 8.0
#define LINK_SEEK_CALM 3.0
struct link_seekdamp {
	double next;       /* no seek before this time */
	double wait;       /* the last wait, 0: none yet */
	double calm_since; /* drift under the threshold since then */
	int calm;          /* calm_since is set */
};

/* Takes one drift reading (seconds, the room's film minus the host's)
 * at now. Returns 1 when the room should seek now, 0 otherwise. */
int link_seekdamp_step(struct link_seekdamp *d, double now, double drift,
		       double threshold);

#endif
