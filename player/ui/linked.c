/* linked: host and room sides of linked rooms; see linked.h. */
#include "player/ui/linked.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/bundle.h"
#include "common/i18n.h"
#include "player/net/link.h"

#define MAX_ROOMS 256

struct room_seen {
	struct link_presence p;
	unsigned long questions, hands;
	int hand_up;
};

/* Wall clock in ms since 1970: what `sent_ms` is in (host and rooms on
 * the same clock, or NTP-synchronised ones). */
static int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The same clock in ms to a microsecond, for the log: the benchmark
 * takes a state's propagation from the host's link_state_sent to each
 * room's link_applied (and to mosquitto_sub's timestamps). */
static double wall_ms_exact(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Where the host's film is now, from a state: its position at sent_ms,
 * moved on by the time since when it plays. */
static double host_position(const struct link_state *st)
{
	double elapsed = (double)(wall_ms() - st->sent_ms) / 1000.0;

	if (!st->playing || elapsed < 0)
		elapsed = 0;
	return st->position + elapsed;
}

struct linked {
	struct linked_config cfg;
	struct link *link;
	char note[256];
	/* host */
	uint64_t seq;
	struct link_state sent;
	int sent_valid;
	int was_connected;
	struct room_seen rooms[MAX_ROOMS];
	size_t n_rooms;
	/* room */
	struct link_state want;
	int have_state, pending, detached, host_online, refused;
	char driver[LINK_TOKEN_MAX + 1];
	char shown_item[LINK_TOKEN_MAX + 1];
	int presence_following;
	char presence_item[LINK_TOKEN_MAX + 1];
	int presence_valid;
	int hand_up;
	/* film position */
	double host_video;        /* host: its film position, -1: none */
	double seek_delta;        /* room: a seek to do, 0: none */
	double seek_after;        /* room: no new seek before this time */
	double drift_logged;      /* room: time of the last drift sample */
	long drift_ms;            /* room: its film minus the host's */
	long presence_drift;
	double presence_at;
};

static enum link_blank to_link_blank(enum facilitator_blank b)
{
	return b == FACILITATOR_BLACK ? LINK_BLACK :
	       b == FACILITATOR_WHITE ? LINK_WHITE : LINK_SHOW;
}

static enum facilitator_blank from_link_blank(enum link_blank b)
{
	return b == LINK_BLACK ? FACILITATOR_BLACK :
	       b == LINK_WHITE ? FACILITATOR_WHITE : FACILITATOR_SHOW;
}

static void fill_presence(const struct linked *l, struct link_msg *m,
			  int online)
{
	memset(m, 0, sizeof *m);
	m->kind = LINK_PRESENCE;
	snprintf(m->u.presence.lang, sizeof m->u.presence.lang, "%s",
		 l->cfg.lang ? l->cfg.lang : "und");
	m->u.presence.online = online;
	m->u.presence.participants = l->cfg.participants;
	m->u.presence.following = !l->detached;
	snprintf(m->u.presence.item, sizeof m->u.presence.item, "%s",
		 l->shown_item);
	m->u.presence.drift_ms = l->drift_ms;
}

enum vv_err linked_new(const struct linked_config *cfg,
		       struct linked **out)
{
	struct linked *l = calloc(1, sizeof *l);
	struct link_config lc;
	struct link_msg birth, will;
	enum vv_err err;

	*out = NULL;
	if (!l)
		return VV_ERR_NOMEM;
	l->cfg = *cfg;
	l->host_video = -1;
	memset(&lc, 0, sizeof lc);
	lc.host = cfg->host;
	lc.session = cfg->session;
	lc.url = cfg->url;
	lc.ca_file = cfg->ca_file;
	lc.config_file = cfg->config_file;
	lc.name = cfg->room;
	lc.wake = cfg->wake;
	lc.wake_user = cfg->wake_user;
	memset(&birth, 0, sizeof birth);
	if (cfg->host) {
		birth.kind = LINK_HOST;
		will = birth;
		birth.u.host.online = 1;
	} else {
		fill_presence(l, &birth, 1);
		fill_presence(l, &will, 0);
	}
	lc.birth = &birth;
	lc.will = &will;
	err = link_new(&lc, &l->link);
	if (err != VV_OK) {
		free(l);
		return err;
	}
	jsonlog_begin(cfg->log, 0, "link_start");
	jsonlog_str(cfg->log, "role", cfg->host ? "host" : "room");
	jsonlog_str(cfg->log, "session", cfg->session);
	jsonlog_str(cfg->log, "name", link_name(l->link));
	jsonlog_end(cfg->log);
	*out = l;
	return VV_OK;
}

void linked_free(struct linked *l)
{
	if (!l)
		return;
	if (l->link && !l->cfg.host) {
		/* a room that leaves says so; the will is for a lost one */
		struct link_msg m;
		fill_presence(l, &m, 0);
		link_publish(l->link, &m, 1);
	} else if (l->link) {
		struct link_msg m;
		memset(&m, 0, sizeof m);
		m.kind = LINK_HOST;
		link_publish(l->link, &m, 1);
	}
	link_free(l->link);
	free(l);
}

int linked_refused(const struct linked *l)
{
	return l && l->refused;
}

static void set_note(struct linked *l, const char *note)
{
	if (strcmp(l->note, note) == 0)
		return;
	snprintf(l->note, sizeof l->note, "%s", note);
	group_set_note(l->cfg.group, note);
	jsonlog_begin(l->cfg.log, 0, "link_note");
	jsonlog_str(l->cfg.log, "note", note);
	jsonlog_int(l->cfg.log, "connected", link_connected(l->link));
	jsonlog_end(l->cfg.log);
}

/* ---- host ---- */

static struct room_seen *room_slot(struct linked *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n_rooms; i++)
		if (strcmp(l->rooms[i].p.room, name) == 0)
			return &l->rooms[i];
	if (l->n_rooms == MAX_ROOMS)
		return NULL;
	memset(&l->rooms[l->n_rooms], 0, sizeof l->rooms[0]);
	snprintf(l->rooms[l->n_rooms].p.room, sizeof l->rooms[0].p.room,
		 "%s", name);
	return &l->rooms[l->n_rooms++];
}

static void host_message(struct linked *l, const struct link_msg *m,
			 double now)
{
	struct room_seen *r = room_slot(l, m->topic_room);

	if (!r)
		return;
	switch (m->kind) {
	case LINK_PRESENCE:
		r->p = m->u.presence;
		jsonlog_begin(l->cfg.log, now, "link_room");
		jsonlog_str(l->cfg.log, "room", r->p.room);
		jsonlog_str(l->cfg.log, "lang", r->p.lang);
		jsonlog_int(l->cfg.log, "online", r->p.online);
		jsonlog_int(l->cfg.log, "following", r->p.following);
		jsonlog_int(l->cfg.log, "participants", r->p.participants);
		jsonlog_str(l->cfg.log, "item", r->p.item);
		jsonlog_int(l->cfg.log, "drift_ms", r->p.drift_ms);
		jsonlog_end(l->cfg.log);
		break;
	case LINK_QUESTION:
		/* no text here: it may hold personal data */
		r->questions++;
		jsonlog_begin(l->cfg.log, now, "link_question");
		jsonlog_str(l->cfg.log, "room", m->u.question.room);
		jsonlog_str(l->cfg.log, "lang", m->u.question.lang);
		jsonlog_str(l->cfg.log, "item", m->u.question.item);
		jsonlog_end(l->cfg.log);
		break;
	case LINK_HAND:
		r->hands += m->u.hand.up && !r->hand_up;
		r->hand_up = m->u.hand.up;
		jsonlog_begin(l->cfg.log, now, "link_hand");
		jsonlog_str(l->cfg.log, "room", m->u.hand.room);
		jsonlog_int(l->cfg.log, "up", m->u.hand.up);
		jsonlog_end(l->cfg.log);
		break;
	default:
		break;
	}
}

/* The console's line about the rooms: "bodo uk, tromso ar detached,
 * narvik ti LOST". */
static void host_note(struct linked *l)
{
	char buf[256];
	size_t i, n = 0;
	int online = 0;

	if (!link_connected(l->link)) {
		set_note(l, _("Broker not reachable: the rooms keep the last "
			      "slide; trying again"));
		return;
	}
	for (i = 0; i < l->n_rooms; i++)
		online += l->rooms[i].p.online;
	n = (size_t)snprintf(buf, sizeof buf, _("Rooms %d:"), online);
	for (i = 0; i < l->n_rooms && n < sizeof buf; i++) {
		const struct link_presence *p = &l->rooms[i].p;
		char drift[32] = "";

		/* the film's clock drift, to a tenth of a second */
		if (l->host_video >= 0 && p->online && p->following &&
		    strcmp(p->item, l->sent.item) == 0)
			snprintf(drift, sizeof drift, " %+.1fs",
				 (double)p->drift_ms / 1000.0);
		n += (size_t)snprintf(buf + n, sizeof buf - n,
				      " %s %s%s%s%s%s",
				      p->room, p->lang,
				      !p->online ? _(" LOST") :
				      !p->following ? _(" detached") : "",
				      drift,
				      l->rooms[i].hand_up ? _(" HAND") : "",
				      i + 1 < l->n_rooms ? "," : "");
	}
	set_note(l, buf);
}

static void host_tick(struct linked *l, const struct nav *nav, double now,
		      double video)
{
	const struct bundle *b = nav_bundle(nav);
	struct link_msg m;
	struct link_state *st = &m.u.state;
	int connected = link_connected(l->link);
	int moved;
	double sent_at;

	l->host_video = video;
	while (link_next(l->link, &m))
		if (m.kind == LINK_PRESENCE || m.kind == LINK_QUESTION ||
		    m.kind == LINK_HAND)
			host_message(l, &m, now);
	host_note(l);
	if (!b || nav_screen(nav) != NAV_SCREEN_SEQUENCE)
		return;
	memset(&m, 0, sizeof m);
	m.kind = LINK_STATE;
	snprintf(st->pack, sizeof st->pack, "%s", b->pack_id);
	snprintf(st->version, sizeof st->version, "%s", b->pack_version);
	snprintf(st->level, sizeof st->level, "%s", b->level_id);
	snprintf(st->item, sizeof st->item, "%s", nav_current(nav)->id);
	st->index = (long)nav_item(nav);
	st->playing = !nav_paused(nav);
	st->blank = to_link_blank(group_blank(l->cfg.group));
	st->position = video > 0 ? video : 0;
	if (st->position > LINK_MAX_POSITION)
		st->position = LINK_MAX_POSITION;
	/* the film is not where the last state says it is (a seek, or it
	 * loaded later than the state went out): say where it is */
	moved = l->sent_valid && video >= 0 &&
		(video - host_position(&l->sent) > LINKED_SEEK_THRESHOLD / 2 ||
		 host_position(&l->sent) - video > LINKED_SEEK_THRESHOLD / 2);
	/* the broker may have lost the retained state (restarted without
	 * persistence): publish again after every reconnection */
	if (l->sent_valid && connected && l->was_connected && !moved &&
	    strcmp(st->item, l->sent.item) == 0 &&
	    st->playing == l->sent.playing && st->blank == l->sent.blank &&
	    strcmp(st->pack, l->sent.pack) == 0 &&
	    strcmp(st->level, l->sent.level) == 0)
		return;
	l->was_connected = connected;
	if (!connected)
		return;
	st->seq = ++l->seq;
	st->sent_ms = wall_ms();
	sent_at = wall_ms_exact();
	if (link_publish(l->link, &m, 1) != VV_OK) {
		l->was_connected = 0;
		return;
	}
	l->sent = *st;
	l->sent_valid = 1;
	jsonlog_begin(l->cfg.log, now, "link_state_sent");
	jsonlog_int(l->cfg.log, "seq", (long)st->seq);
	jsonlog_str(l->cfg.log, "item", st->item);
	jsonlog_int(l->cfg.log, "playing", st->playing);
	jsonlog_str(l->cfg.log, "blank", link_blank_name(st->blank));
	jsonlog_num(l->cfg.log, "position", st->position);
	jsonlog_num(l->cfg.log, "wall_ms", sent_at);
	jsonlog_end(l->cfg.log);
}

/* ---- room ---- */

static void room_message(struct linked *l, const struct link_msg *m,
			 const struct nav *nav, double now)
{
	const struct bundle *b = nav_bundle(nav);

	if (m->kind == LINK_HOST) {
		l->host_online = m->u.host.online;
		if (m->u.host.online)
			snprintf(l->driver, sizeof l->driver, "%s",
				 m->u.host.driver);
		return;
	}
	if (m->kind == LINK_CONTROL) {
		snprintf(l->driver, sizeof l->driver, "%s",
			 m->u.control.driver);
		return;
	}
	if (m->kind != LINK_STATE)
		return;
	/* only the driver drives; the broker's ACLs keep rooms from
	 * publishing state, and this keeps a second presenter without the
	 * control from moving the rooms */
	if (l->driver[0] && strcmp(m->u.state.driver, l->driver) != 0) {
		jsonlog_begin(l->cfg.log, now, "link_ignored");
		jsonlog_str(l->cfg.log, "driver", m->u.state.driver);
		jsonlog_end(l->cfg.log);
		return;
	}
	if (b && (strcmp(m->u.state.pack, b->pack_id) != 0 ||
		  strcmp(m->u.state.version, b->pack_version) != 0 ||
		  strcmp(m->u.state.level, b->level_id) != 0)) {
		if (!l->refused)
			vv_error(NULL, 0, _("this room has pack %s version %s "
				 "level %s, the host has pack %s version %s "
				 "level %s; copy the host's bundles here"),
				 b->pack_id, b->pack_version, b->level_id,
				 m->u.state.pack, m->u.state.version,
				 m->u.state.level);
		l->refused = 1;
		return;
	}
	if (l->have_state && m->u.state.seq < l->want.seq &&
	    strcmp(m->u.state.driver, l->want.driver) == 0)
		return;      /* an older state, out of order */
	l->want = m->u.state;
	l->have_state = 1;
	l->pending = 1;
	jsonlog_begin(l->cfg.log, now, "link_state");
	jsonlog_int(l->cfg.log, "seq", (long)l->want.seq);
	jsonlog_str(l->cfg.log, "item", l->want.item);
	jsonlog_int(l->cfg.log, "playing", l->want.playing);
	jsonlog_str(l->cfg.log, "blank", link_blank_name(l->want.blank));
	jsonlog_end(l->cfg.log);
}

static long item_index(const struct bundle *b, const char *id)
{
	size_t i;

	for (i = 0; i < b->n_items; i++)
		if (strcmp(b->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void room_note(struct linked *l)
{
	/* the counsellor's absence first: a raised hand waits for them */
	if (!link_connected(l->link))
		set_note(l, _("Broker not reachable: local control; the room "
			      "joins when it is back"));
	else if (!l->host_online && !l->detached)
		set_note(l, _("Waiting for the counsellor"));
	else if (l->hand_up)
		set_note(l, _("Hand raised: the counsellor sees it (h lowers "
			      "it)"));
	else if (l->detached)
		set_note(l, _("Detached from the counsellor (r rejoins)"));
	else
		set_note(l, _("Following the counsellor (d detaches)"));
}

static void room_presence(struct linked *l, double now)
{
	struct link_msg m;
	long d = l->drift_ms - l->presence_drift;

	/* the drift goes out at most once a second, when it moved */
	if (l->presence_valid && l->presence_following == !l->detached &&
	    strcmp(l->presence_item, l->shown_item) == 0 &&
	    ((d < 50 && d > -50) || now - l->presence_at < 1.0))
		return;
	fill_presence(l, &m, 1);
	link_set_birth(l->link, &m);
	if (link_publish(l->link, &m, 1) != VV_OK)
		return;
	l->presence_valid = 1;
	l->presence_drift = l->drift_ms;
	l->presence_at = now;
	l->presence_following = !l->detached;
	snprintf(l->presence_item, sizeof l->presence_item, "%s",
		 l->shown_item);
}

/* A room following a host's film: measures how far its own film is
 * from the host's and asks for a seek past the threshold (then leaves
 * the film a second to settle). */
static void room_video(struct linked *l, double now, double video)
{
	double drift;

	if (!l->have_state || l->detached || l->pending || video < 0 ||
	    !l->want.item[0] || strcmp(l->want.item, l->shown_item) != 0) {
		l->drift_ms = 0;
		return;
	}
	drift = video - host_position(&l->want);
	l->drift_ms = (long)(drift * 1000.0 + (drift < 0 ? -0.5 : 0.5));
	if (now - l->drift_logged >= 0.25 && l->want.playing) {
		l->drift_logged = now;
		jsonlog_begin(l->cfg.log, now, "link_drift");
		jsonlog_str(l->cfg.log, "item", l->want.item);
		jsonlog_int(l->cfg.log, "drift_ms", l->drift_ms);
		jsonlog_end(l->cfg.log);
	}
	if ((drift > LINKED_SEEK_THRESHOLD || drift < -LINKED_SEEK_THRESHOLD)
	    && now >= l->seek_after) {
		l->seek_delta = -drift;
		l->seek_after = now + 1.0;
	}
}

int linked_seek(struct linked *l, double *delta)
{
	if (!l || l->seek_delta == 0)
		return 0;
	*delta = l->seek_delta;
	l->seek_delta = 0;
	jsonlog_begin(l->cfg.log, 0, "link_seek");
	jsonlog_num(l->cfg.log, "delta", *delta);
	jsonlog_end(l->cfg.log);
	return 1;
}

static int room_tick(struct linked *l, const struct nav *nav, double now,
		     double video, enum nav_input *in, long *arg)
{
	const struct bundle *b = nav_bundle(nav);
	struct link_msg m;
	long idx;

	while (link_next(l->link, &m))
		room_message(l, &m, nav, now);
	room_note(l);
	if (b && nav_screen(nav) == NAV_SCREEN_SEQUENCE)
		snprintf(l->shown_item, sizeof l->shown_item, "%s",
			 nav_current(nav)->id);
	room_video(l, now, video);
	if (link_connected(l->link))
		room_presence(l, now);
	if (l->refused || !l->pending || l->detached || !b ||
	    nav_screen(nav) != NAV_SCREEN_SEQUENCE)
		return 0;
	idx = l->want.item[0] ? item_index(b, l->want.item) : -1;
	if (idx >= 0 && (size_t)idx != nav_item(nav)) {
		*in = NAV_IN_JUMP;
		*arg = idx;
		return 1;
	}
	if (nav_paused(nav) == l->want.playing) {
		*in = NAV_IN_PAUSE;
		*arg = 0;
		return 1;
	}
	if (group_blank(l->cfg.group) != from_link_blank(l->want.blank))
		group_set_blank(l->cfg.group, from_link_blank(l->want.blank));
	l->pending = 0;
	jsonlog_begin(l->cfg.log, now, "link_applied");
	jsonlog_int(l->cfg.log, "seq", (long)l->want.seq);
	jsonlog_str(l->cfg.log, "item", idx >= 0 ? l->want.item : NULL);
	jsonlog_num(l->cfg.log, "wall_ms", wall_ms_exact());
	jsonlog_end(l->cfg.log);
	return 0;
}

int linked_tick(struct linked *l, const struct nav *nav, double now,
		double video, enum nav_input *in, long *arg)
{
	if (!l || l->refused)
		return 0;
	/* the broker's certificate was refused: stop, like a refused host */
	if (link_poll(l->link)) {
		l->refused = 1;
		return 0;
	}
	if (l->cfg.host) {
		host_tick(l, nav, now, video);
		return 0;
	}
	return room_tick(l, nav, now, video, in, arg);
}

int linked_key(struct linked *l, const char *key, double now)
{
	if (!l || l->cfg.host)
		return 0;
	if (strcasecmp(key, "H") == 0) {
		struct link_msg m;

		memset(&m, 0, sizeof m);
		m.kind = LINK_HAND;
		m.u.hand.up = !l->hand_up;
		/* not connected: the hand stays down, the note says why */
		if (link_publish(l->link, &m, 0) == VV_OK)
			l->hand_up = m.u.hand.up;
		jsonlog_begin(l->cfg.log, now, "link_hand");
		jsonlog_int(l->cfg.log, "up", l->hand_up);
		jsonlog_end(l->cfg.log);
		return 1;
	}
	if (strcasecmp(key, "D") == 0 && !l->detached) {
		l->detached = 1;
	} else if (strcasecmp(key, "R") == 0 && l->detached) {
		l->detached = 0;
		l->pending = l->have_state;  /* land on the host's state */
	} else {
		return 0;
	}
	jsonlog_begin(l->cfg.log, now, "link_detach");
	jsonlog_int(l->cfg.log, "detached", l->detached);
	jsonlog_end(l->cfg.log);
	return 1;
}
