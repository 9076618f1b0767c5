/* linked: linked rooms on top of --group. The host publishes its room
 * state (item id, play or pause, black or white screen) as a retained
 * message; a room follows it in its own language, matching items by id,
 * refuses a host with another pack, version or level, can detach (d) and
 * rejoin (r), and tells its facilitator on the console, never on the
 * room's screen, when the broker or the counsellor is away. */
#ifndef VV_PLAYER_UI_LINKED_H
#define VV_PLAYER_UI_LINKED_H

#include "common/err.h"
#include "player/core/jsonlog.h"
#include "player/core/nav.h"
#include "player/ui/group.h"

struct linked_config {
	int host;                 /* 1: --host, 0: --follow */
	int copresenter;          /* with host: --co-presenter (NAV): drives
	                           * only while the host has handed it the
	                           * control; follows the driver otherwise */
	const char *session;
	const char *url;          /* --broker */
	const char *ca_file;      /* --broker-ca, may be NULL */
	const char *config_file;  /* --broker-config, may be NULL */
	const char *room;         /* --room, may be NULL (the username) */
	const char *lang;         /* the room's language, for presence */
	const char *console_lang; /* the staff's (--console-lang), for the
	                           * console's notes; NULL: nb */
	long participants;        /* -1: not known */
	const char *session_dir;  /* host: where the webinar record goes;
	                           * NULL: session_default_dir() */
	struct group *group;      /* borrowed */
	struct jsonlog *log;      /* may be NULL */
	/* Called from the network thread when a message came in or the
	 * connection changed (see link_config): the player's loop wakes
	 * and calls linked_tick(). NULL: it polls. */
	void (*wake)(void *user);
	void *wake_user;
};

struct linked;

/* Returns VV_OK and a new linked side (free with linked_free()), which
 * starts connecting; or the link_new() error after one line. Borrows
 * cfg's pointers for the linked side's life. */
enum vv_err linked_new(const struct linked_config *cfg,
		       struct linked **out);

/* Leaves the broker cleanly. NULL is a no-op. */
void linked_free(struct linked *l);

/* One turn of the player's loop at clock time `now`: the messages that
 * came in, the console note, and for the host the state it publishes. `video` is the current film's position in seconds,
 * -1 when no film is current: the host publishes it, a room measures its
 * drift from it. Returns 1 with *in and *arg set when a room must feed
 * nav_input() to follow the host (call again after feeding: one input
 * per call), else 0. */
int linked_tick(struct linked *l, const struct nav *nav, double now,
		double video, enum nav_input *in, long *arg);

/* Returns 1 with *delta (s) set, once, when a room's film is more than
 * LINKED_SEEK_THRESHOLD away from the host's and must seek by *delta;
 * else 0. */
#define LINKED_SEEK_THRESHOLD 0.5
/* How long (s) a host, once connected, waits for the state its earlier
 * run left retained before it publishes its own. */
#define LINKED_RESUME_WAIT 0.5
int linked_seek(struct linked *l, double *delta);

/* A room's own keys: d detaches, r rejoins, h raises or lowers the
 * room's hand (the host's console shows it), q opens the question entry
 * on the console; while it is open every key is the entry's (Backspace,
 * Enter sends, Escape cancels). The host's F6 hands the control to the
 * co-presenter that is online, and takes it back; its q selects the next
 * question, a marks it answered, v shows it on every room's screen or
 * hides it. A presenter that does not drive takes every key that would
 * move the rooms (navigation, pause, seek, black and white) and only
 * shows a note on its console. Returns 1 when the key was taken. */
int linked_key(struct linked *l, const char *key, double now);

/* The host's webinar record (rooms, languages, counts, slides and
 * times, questions per room; no question text): ends it at `now` and
 * writes it (webinar-DATE-TIME-SESSION.json and .txt, atomically) into
 * the session folder. The host also writes it while the session runs.
 * Returns VV_OK (and the JSON file's path in *path, owned by l, or NULL
 * when there is no record: not the host, or nothing was played), or the
 * error after a message naming the file. NULL l: VV_OK. */
enum vv_err linked_finish(struct linked *l, double now, const char **path);
/* 1 while a room's question entry is open: the caller turns text input
 * on and gives it every key. */
int linked_typing(const struct linked *l);

/* Text typed into the open entry (UTF-8 of whole characters; control
 * characters are dropped, and what goes past LINK_TEXT_MAX bytes), and
 * an input method's text being composed (shown, not kept). No-ops when
 * the entry is closed. */
void linked_text(struct linked *l, const char *utf8);
void linked_editing(struct linked *l, const char *utf8);

/* 1, once, when what the consoles or the room's screen show changed (a
 * question, a room, the entry): the caller draws again. */
int linked_changed(struct linked *l);

/* 1 after a room refused its host (another pack, version or level), or
 * either side the broker's TLS certificate: the player exits with status
 * 2; the line was written. */
int linked_refused(const struct linked *l);

#endif
