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
#include "common/utf8.h"
#include "player/core/questions.h"
#include "player/core/session.h"
#include "player/core/uilang.h"
#include "player/core/webinar.h"
#include "player/net/link.h"
#include "player/ui/console.h"

#define MAX_ROOMS 256
#define SENT_NOTE_S 4.0      /* "question sent" stays this long */
/* Presenters (the host and its co-presenters) a side keeps track of. */
#define MAX_PRESENTERS 8
/* How long a note about a presenter's ignored key stays (s). */
#define KEY_NOTE_SECONDS 4.0
/* The host writes its webinar record again at most this often (s) while
 * the session runs, so a crash loses little. */
#define WEBINAR_SAVE_EVERY 30.0

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

/* A co-presenter as the host sees it (its presence). */
struct presenter_seen {
	char name[LINK_TOKEN_MAX + 1];
	int online;
};

struct linked {
	struct linked_config cfg;
	struct link *link;
	char note[256];
	/* who drives: the host decides it and publishes it as the control
	 * record; every other side follows that record */
	struct link_control ctl;
	int have_ctl;
	int ctl_dirty;            /* host: the control is to be published */
	unsigned long ctl_conn;   /* host: link_connections() at the last
	                           * publication of the control */
	/* presenters (host, co-presenter) */
	uint64_t seq;
	struct link_state sent;
	int sent_valid;
	unsigned long sent_conn;  /* link_connections() at the last state */
	struct room_seen rooms[MAX_ROOMS];
	size_t n_rooms;
	struct presenter_seen pres[MAX_PRESENTERS];
	size_t n_pres;
	struct webinar *web;      /* host: the webinar record */
	double web_saved;         /* when it was last written */
	int web_failed;           /* writing it failed (said once) */
	double key_note_until;
	char key_note[128];
	int note_which;             /* room_note()'s last case; 0: none */
	/* followers (rooms, and a presenter that does not drive): the
	 * latest state from each driver, and the host's main state */
	struct link_state latest[MAX_PRESENTERS];
	size_t n_latest;
	struct link_state main_state;
	int have_main;
	/* room */
	struct link_state want;
	int have_state, pending, detached, host_online, refused;
	char driver[LINK_TOKEN_MAX + 1];  /* the host's name (presence) */
	char shown_item[LINK_TOKEN_MAX + 1];
	int presence_following;
	char presence_item[LINK_TOKEN_MAX + 1];
	int presence_valid;
	int hand_up;
	/* film position */
	double host_video;        /* host: its film position, -1: none */
	/* host: after its start it reads the state an earlier run left
	 * retained (a restart after a crash) until resume_until, from the
	 * first connection, before it publishes; 0: not connected yet */
	double resume_until;
	int resumed;              /* host: the reading is over */
	double seek_delta;        /* room: a seek to do, 0: none */
	struct link_seekdamp seek_damp; /* room: waits between seeks */
	double seek_at;           /* room: when seek_delta was measured */
	double drift_logged;      /* room: time of the last drift sample */
	long drift_ms;            /* room: its film minus the host's */
	long presence_drift;
	double presence_at;
	/* questions, host (NULL in a room); the console's view of them */
	struct questions *questions;
	uint64_t shown_seq;
	char shown_at[LINK_TOKEN_MAX + 1];  /* the host's item when shown */
	int shown_pending;        /* publish the shown state again */
	char host_item[LINK_TOKEN_MAX + 1];  /* the host's current item */
	struct console_room croom[MAX_ROOMS];
	struct console_question cq[QUESTIONS_MAX];
	struct console_linked view;
	int changed;              /* the console's view changed */
	/* questions, room: the entry and what the host shows */
	int entry;
	int in_sequence;          /* the room shows a slide (not a picker) */
	char entry_text[LINK_TEXT_MAX + 1];
	char entry_edit[LINK_TEXT_MAX + 1];
	int entry_failed;
	uint64_t question_id;
	double sent_until;        /* the "sent" note until then */
	struct link_shown shown_msg;
	int shown_valid;
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
	l->view.host = cfg->host;
	l->view.copresenter = cfg->copresenter;
	l->view.selected = -1;
	/* grows across the host's restarts too: rooms drop older ones */
	l->shown_seq = (uint64_t)wall_ms();
	group_set_linked(cfg->group, &l->view);
	memset(&lc, 0, sizeof lc);
	lc.host = cfg->host;
	lc.copresenter = cfg->copresenter;
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
	err = cfg->host ? questions_new(&l->questions) : VV_OK;
	if (err == VV_OK)
		err = link_new(&lc, &l->link);
	if (err != VV_OK) {
		questions_free(l->questions);
		free(l);
		return err;
	}
	if (cfg->host && !cfg->copresenter) {
		/* The host drives from the start. Its terms begin at its
		 * start time in ms, so a host that restarts outranks what
		 * its earlier run left retained (a handover adds 1). */
		l->ctl.term = (uint64_t)wall_ms();
		snprintf(l->ctl.driver, sizeof l->ctl.driver, "%s",
			 link_name(l->link));
		l->have_ctl = 1;
		l->ctl_dirty = 1;
	}
	jsonlog_begin(cfg->log, 0, "link_start");
	jsonlog_str(cfg->log, "role", !cfg->host ? "room" :
		    cfg->copresenter ? "co-presenter" : "host");
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
		/* the session ends: no room keeps a question on screen */
		if (!l->cfg.copresenter && questions_shown(l->questions) >= 0) {
			memset(&m, 0, sizeof m);
			m.kind = LINK_SHOWN;
			m.u.shown.seq = ++l->shown_seq;
			link_publish(l->link, &m, 1);
		}
		memset(&m, 0, sizeof m);
		m.kind = LINK_HOST;
		link_publish(l->link, &m, 1);
	}
	link_free(l->link);
	webinar_free(l->web);
	questions_free(l->questions);
	free(l);
}

int linked_refused(const struct linked *l)
{
	return l && l->refused;
}

/* The console's notes are for the staff: in --console-lang, as the
 * console's other labels, not in the language the room's screen was
 * last drawn in. (Each window's drawing sets its own language again.) */
static void staff_lang(const struct linked *l)
{
	uilang_set(l->cfg.console_lang ? l->cfg.console_lang : "nb");
}

static void set_note(struct linked *l, const char *note, double now)
{
	if (strcmp(l->note, note) == 0)
		return;
	snprintf(l->note, sizeof l->note, "%s", note);
	group_set_note(l->cfg.group, note);
	jsonlog_begin(l->cfg.log, now, "link_note");
	jsonlog_str(l->cfg.log, "note", note);
	jsonlog_int(l->cfg.log, "connected", link_connected(l->link));
	jsonlog_end(l->cfg.log);
}

static long item_index(const struct bundle *b, const char *id);

/* ---- host and co-presenter ---- */

/* 1 when this presenter drives now. */
static int presenter_driving(const struct linked *l)
{
	return l->cfg.host && l->have_ctl &&
	       strcmp(l->ctl.driver, link_name(l->link)) == 0;
}

static void host_handover(struct linked *l, double now, const char *why);
static void follow_message(struct linked *l, const struct link_msg *m,
			   const struct nav *nav, double now);

/* A co-presenter's presence (retained, last will), as the host sees it:
 * one that goes while it drives hands the control back at once. */
static void presenter_message(struct linked *l, const struct link_msg *m,
			      double now)
{
	const char *name = m->topic_presenter;
	size_t i;

	if (strcmp(name, link_name(l->link)) == 0)
		return;
	for (i = 0; i < l->n_pres; i++)
		if (strcmp(l->pres[i].name, name) == 0)
			break;
	if (i == l->n_pres) {
		if (l->n_pres == MAX_PRESENTERS)
			return;
		snprintf(l->pres[i].name, sizeof l->pres[i].name, "%s", name);
		l->n_pres++;
	}
	l->pres[i].online = m->u.host.online;
	jsonlog_begin(l->cfg.log, now, "link_presenter");
	jsonlog_str(l->cfg.log, "name", name);
	jsonlog_int(l->cfg.log, "online", m->u.host.online);
	jsonlog_end(l->cfg.log);
	if (!l->cfg.copresenter && !m->u.host.online && l->have_ctl &&
	    strcmp(l->ctl.driver, name) == 0)
		host_handover(l, now, "lost");
}

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

/* Publishes what the rooms show: question `idx` (0 the newest), or none
 * (-1). */
static void publish_shown(struct linked *l, long idx)
{
	struct link_msg m;

	memset(&m, 0, sizeof m);
	m.kind = LINK_SHOWN;
	m.u.shown.seq = l->shown_seq + 1;
	if (idx >= 0) {
		const struct link_question *q =
			questions_at(l->questions, (size_t)idx, NULL);

		m.u.shown.show = 1;
		memcpy(m.u.shown.room, q->room, sizeof q->room);
		memcpy(m.u.shown.lang, q->lang, sizeof q->lang);
		memcpy(m.u.shown.item, l->shown_at, sizeof l->shown_at);
		m.u.shown.id = q->id;
		memcpy(m.u.shown.text, q->text, sizeof q->text);
	}
	if (link_publish(l->link, &m, 1) == VV_OK) {
		l->shown_seq++;
		l->shown_pending = 0;
	} else {
		l->shown_pending = 1;   /* again when the broker is back */
	}
}

/* Shows question idx (0 the newest) on every room's screen (-1: hides
 * the one shown). */
static void host_show(struct linked *l, long idx, const char *item,
		      double now, const char *why)
{
	const struct link_question *q;

	if (!questions_show(l->questions, idx))
		return;
	snprintf(l->shown_at, sizeof l->shown_at, "%s", item);
	publish_shown(l, idx);
	l->changed = 1;
	jsonlog_begin(l->cfg.log, now, "link_shown");
	jsonlog_int(l->cfg.log, "show", idx >= 0);
	if (idx >= 0 && (q = questions_at(l->questions, (size_t)idx, NULL))) {
		jsonlog_str(l->cfg.log, "room", q->room);
		jsonlog_int(l->cfg.log, "id", (long)q->id);
	}
	jsonlog_str(l->cfg.log, "item", item);
	jsonlog_str(l->cfg.log, "why", why);
	jsonlog_int(l->cfg.log, "sent", !l->shown_pending);
	jsonlog_end(l->cfg.log);
}

/* The host's console view: rooms in arrival order, questions newest
 * first. */
static void host_view(struct linked *l)
{
	size_t i, n = questions_count(l->questions);

	for (i = 0; i < l->n_rooms; i++) {
		const struct room_seen *r = &l->rooms[i];
		struct console_room *c = &l->croom[i];

		c->room = r->p.room;
		c->lang = r->p.lang[0] ? r->p.lang : "?";
		c->item = r->p.item;
		c->participants = r->p.participants;
		c->online = r->p.online;
		c->following = r->p.following;
		c->hand = r->hand_up;
		c->drift_known = l->host_video >= 0 && r->p.online &&
				 r->p.following &&
				 strcmp(r->p.item, l->sent.item) == 0;
		c->drift_ms = r->p.drift_ms;
	}
	for (i = 0; i < n; i++) {
		const struct link_question *q =
			questions_at(l->questions, i, &l->cq[i].state);
		struct console_question *c = &l->cq[i];

		c->room = q->room;
		c->lang = q->lang;
		c->item = q->item;
		c->text = q->text;
	}
	l->view.rooms = l->croom;
	l->view.n_rooms = l->n_rooms;
	l->view.questions = l->cq;
	l->view.n_questions = n;
	l->view.selected = questions_selected(l->questions);
}

/* The host's question keys: q selects the next (older) question, a
 * marks it answered, v shows it on every room's screen or hides it. */
static int host_key(struct linked *l, const char *key, double now)
{
	long sel = questions_selected(l->questions);
	const struct link_question *q;
	const char *action;

	if (strcasecmp(key, "Q") == 0) {
		if (!questions_select_next(l->questions))
			return 1;
		action = "select";
	} else if (strcasecmp(key, "A") == 0) {
		if (sel < 0)
			return 1;
		/* the rooms stop showing an answered question */
		if (questions_shown(l->questions) == sel)
			host_show(l, -1, l->host_item, now, "answered");
		action = questions_toggle_answered(l->questions) == 1 ?
			 "answered" : "reopened";
	} else if (strcasecmp(key, "V") == 0) {
		if (sel < 0)
			return 1;
		host_show(l, questions_shown(l->questions) == sel ? -1 : sel,
			  l->host_item, now, "key");
		action = questions_shown(l->questions) >= 0 ? "show" : "hide";
	} else {
		return 0;
	}
	l->changed = 1;
	jsonlog_begin(l->cfg.log, now, "link_question_key");
	jsonlog_str(l->cfg.log, "key", key);
	jsonlog_str(l->cfg.log, "action", action);
	sel = questions_selected(l->questions);
	if (sel >= 0 && (q = questions_at(l->questions, (size_t)sel, NULL))) {
		jsonlog_str(l->cfg.log, "room", q->room);
		jsonlog_int(l->cfg.log, "id", (long)q->id);
	}
	jsonlog_end(l->cfg.log);
	return 1;
}

static void host_message(struct linked *l, const struct link_msg *m,
			 double now)
{
	struct room_seen *r = room_slot(l, m->topic_room);

	if (!r)
		return;
	switch (m->kind) {
	case LINK_PRESENCE:
		l->changed = 1;
		r->p = m->u.presence;
		webinar_room(l->web, r->p.room, r->p.lang, r->p.participants,
			     r->p.online, r->p.following, now);
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
		webinar_question(l->web, m->topic_room, now);
		questions_add(l->questions, &m->u.question);
		l->changed = 1;
		jsonlog_begin(l->cfg.log, now, "link_question");
		jsonlog_str(l->cfg.log, "room", m->u.question.room);
		jsonlog_str(l->cfg.log, "lang", m->u.question.lang);
		jsonlog_str(l->cfg.log, "item", m->u.question.item);
		jsonlog_int(l->cfg.log, "id", (long)m->u.question.id);
		jsonlog_int(l->cfg.log, "bytes",
			    (long)strlen(m->u.question.text));
		jsonlog_int(l->cfg.log, "listed",
			    (long)questions_count(l->questions));
		jsonlog_end(l->cfg.log);
		break;

	case LINK_HAND:
		if (m->u.hand.up && !r->hand_up)
			webinar_hand(l->web, m->topic_room, now);
		l->changed = 1;
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
static void host_note(struct linked *l, double now)
{
	char buf[256];
	size_t i, n = 0;
	int online = 0;

	staff_lang(l);
	if (!link_connected(l->link)) {
		set_note(l, _("Broker not reachable: the rooms keep the last "
			      "slide; trying again"), now);
		return;
	}
	if (l->key_note_until > 0 && now < l->key_note_until) {
		set_note(l, l->key_note, now);
		return;
	}
	for (i = 0; i < l->n_rooms; i++)
		online += l->rooms[i].p.online;
	n = 0;
	/* who drives, when there is more than one presenter */
	if (l->have_ctl && !presenter_driving(l))
		n = (size_t)snprintf(buf, sizeof buf, l->cfg.copresenter ?
				     _("%s drives: your keys do not move the "
				       "rooms") :
				     _("%s drives (F6 takes the control back)"),
				     l->ctl.driver);
	else if (l->cfg.copresenter)
		n = (size_t)snprintf(buf, sizeof buf, "%s", _("You drive"));
	else
		for (i = 0; i < l->n_pres && !n; i++)
			if (l->pres[i].online)
				n = (size_t)snprintf(buf, sizeof buf,
					_("You drive (F6 hands the control "
					  "to %s)"), l->pres[i].name);
	if (n > 0 && n < sizeof buf)
		n += (size_t)snprintf(buf + n, sizeof buf - n, " · ");
	if (n < sizeof buf)
		n += (size_t)snprintf(buf + n, sizeof buf - n, _("Rooms %d:"),
				      online);
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
	set_note(l, buf, now);
}

/* The host publishes the control record (retained) when it changed and
 * after every reconnection (the broker may have lost it). */
static void host_control(struct linked *l, double now)
{
	struct link_msg m;

	if (l->cfg.copresenter || !link_connected(l->link) ||
	    (!l->ctl_dirty && l->ctl_conn == link_connections(l->link)))
		return;
	memset(&m, 0, sizeof m);
	m.kind = LINK_CONTROL;
	m.u.control = l->ctl;
	if (link_publish(l->link, &m, 1) != VV_OK)
		return;
	l->ctl_dirty = 0;
	l->ctl_conn = link_connections(l->link);
	jsonlog_begin(l->cfg.log, now, "link_control_sent");
	jsonlog_str(l->cfg.log, "driver", l->ctl.driver);
	jsonlog_int(l->cfg.log, "term", (long)l->ctl.term);
	jsonlog_end(l->cfg.log);
}

static const char *record_dir(const struct linked *l, char *buf,
			      size_t size)
{
	return l->cfg.session_dir ? l->cfg.session_dir :
	       session_default_dir(buf, size);
}

/* The host's webinar record: begun with the first slide, kept up to date
 * with the slide the rooms are led to, and written again every
 * WEBINAR_SAVE_EVERY seconds when it changed. */
static void host_record(struct linked *l, const struct nav *nav, double now)
{
	const struct bundle *b = nav_bundle(nav);
	char dir[4096];
	size_t i;

	if (l->cfg.copresenter || !b || nav_screen(nav) != NAV_SCREEN_SEQUENCE)
		return;
	if (!l->web) {
		struct webinar_info wi;

		memset(&wi, 0, sizeof wi);
		wi.session = l->cfg.session;
		wi.pack_id = b->pack_id;
		wi.pack_version = b->pack_version;
		wi.level = b->level_id;
		wi.lang = b->lang ? b->lang->code : l->cfg.lang;
		wi.started = time(NULL);
		if (webinar_new(&wi, now, &l->web) != VV_OK)
			return;
		l->web_saved = now - WEBINAR_SAVE_EVERY;
		/* the rooms seen before the first slide */
		for (i = 0; i < l->n_rooms; i++) {
			const struct room_seen *r = &l->rooms[i];
			unsigned long k;

			webinar_room(l->web, r->p.room, r->p.lang,
				     r->p.participants, r->p.online,
				     r->p.following, now);
			for (k = 0; k < r->questions; k++)
				webinar_question(l->web, r->p.room, now);
			for (k = 0; k < r->hands; k++)
				webinar_hand(l->web, r->p.room, now);
		}
	}
	webinar_slide(l->web, nav_item(nav), nav_current(nav)->id,
		      l->have_ctl ? l->ctl.driver : link_name(l->link), now);
	if (l->web_failed || !webinar_dirty(l->web) ||
	    now - l->web_saved < WEBINAR_SAVE_EVERY)
		return;
	l->web_saved = now;
	/* a folder that cannot be written: said once; the end tries again */
	if (webinar_write(l->web, record_dir(l, dir, sizeof dir), now, NULL)
	    != VV_OK)
		l->web_failed = 1;
}

enum vv_err linked_finish(struct linked *l, double now, const char **path)
{
	char dir[4096];
	const char *written = NULL;
	enum vv_err err;

	if (path)
		*path = NULL;
	if (!l || !l->web)
		return VV_OK;
	webinar_end(l->web, now, time(NULL));
	err = webinar_write(l->web, record_dir(l, dir, sizeof dir), now,
			    &written);
	jsonlog_begin(l->cfg.log, now, "webinar_record");
	jsonlog_str(l->cfg.log, "path", written);
	jsonlog_int(l->cfg.log, "ok", err == VV_OK);
	jsonlog_int(l->cfg.log, "rooms", (long)webinar_rooms(l->web));
	jsonlog_end(l->cfg.log);
	if (path)
		*path = written;
	return err;
}

/* The host's own state, retained by its earlier run, read before it
 * publishes: when it is for the same pack, version and level, the host
 * lands on its item, play and blanking (follow_apply) and goes on from
 * there instead of pulling every room back to the first slide. */
static void host_resume(struct linked *l, const struct nav *nav,
			const struct link_state *st, double now)
{
	const struct bundle *b = nav_bundle(nav);

	if (!b || strcmp(st->pack, b->pack_id) != 0 ||
	    strcmp(st->version, b->pack_version) != 0 ||
	    strcmp(st->level, b->level_id) != 0 ||
	    item_index(b, st->item) < 0)
		return;
	l->want = *st;
	l->have_state = 1;
	l->pending = 1;
	l->resumed = 1;
	jsonlog_begin(l->cfg.log, now, "link_resume");
	jsonlog_int(l->cfg.log, "seq", (long)st->seq);
	jsonlog_str(l->cfg.log, "item", st->item);
	jsonlog_int(l->cfg.log, "playing", st->playing);
	jsonlog_str(l->cfg.log, "blank", link_blank_name(st->blank));
	jsonlog_end(l->cfg.log);
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
	while (link_next(l->link, &m)) {
		if (m.kind == LINK_PRESENCE || m.kind == LINK_QUESTION ||
		    m.kind == LINK_HAND)
			host_message(l, &m, now);
		else if (m.kind == LINK_HOST && m.topic_presenter[0])
			presenter_message(l, &m, now);
		else if (m.kind == LINK_CONTROL && !l->cfg.copresenter) {
			/* an earlier run's record with a later term (the
			 * clock went back): outrank it */
			if (m.u.control.term > l->ctl.term) {
				l->ctl.term = m.u.control.term + 1;
				l->ctl_dirty = 1;
				l->sent_valid = 0;
			}
		} else if (m.kind == LINK_STATE && !l->resumed &&
			   !m.topic_presenter[0] && !l->cfg.copresenter) {
			host_resume(l, nav, &m.u.state, now);
		} else if (m.kind == LINK_CONTROL || m.kind == LINK_STATE ||
			   m.kind == LINK_HOST) {
			if (m.kind == LINK_CONTROL &&
			    strcmp(m.u.control.driver, link_name(l->link)) == 0
			    && (!l->have_ctl || l->ctl.term !=
				m.u.control.term))
				l->sent_valid = 0;   /* our turn: say where */
			follow_message(l, &m, nav, now);
		}
	}
	host_control(l, now);
	host_note(l, now);
	host_record(l, nav, now);
	if (b && nav_screen(nav) == NAV_SCREEN_SEQUENCE)
		snprintf(l->host_item, sizeof l->host_item, "%s",
			 nav_current(nav)->id);
	/* the host moved on: the question shown goes from the rooms */
	if (questions_shown(l->questions) >= 0 &&
	    strcmp(l->host_item, l->shown_at) != 0)
		host_show(l, -1, l->host_item, now, "moved");
	if (l->shown_pending && connected)
		publish_shown(l, questions_shown(l->questions));
	host_view(l);
	if (!l->resumed && connected && l->resume_until == 0)
		l->resume_until = now + LINKED_RESUME_WAIT;
	if (!l->resumed && (l->cfg.copresenter ||
			    (l->resume_until > 0 && now >= l->resume_until)))
		l->resumed = 1;
	if (!l->resumed)
		return;
	if (!presenter_driving(l) || l->pending || !b ||
	    nav_screen(nav) != NAV_SCREEN_SEQUENCE)
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
	st->term = l->ctl.term;
	/* the film is not where the last state says it is (a seek, or it
	 * loaded later than the state went out): say where it is */
	moved = l->sent_valid && video >= 0 &&
		(video - host_position(&l->sent) > LINKED_SEEK_THRESHOLD / 2 ||
		 host_position(&l->sent) - video > LINKED_SEEK_THRESHOLD / 2);
	/* the broker may have lost the retained state (restarted without
	 * persistence): publish again after every reconnection */
	if (l->sent_valid && connected &&
	    l->sent_conn == link_connections(l->link) && !moved &&
	    st->term == l->sent.term &&
	    strcmp(st->item, l->sent.item) == 0 &&
	    st->playing == l->sent.playing && st->blank == l->sent.blank &&
	    strcmp(st->pack, l->sent.pack) == 0 &&
	    strcmp(st->level, l->sent.level) == 0)
		return;
	if (!connected)
		return;
	st->seq = ++l->seq;
	st->sent_ms = wall_ms();
	sent_at = wall_ms_exact();
	if (link_publish(l->link, &m, 1) != VV_OK)
		return;
	l->sent = *st;
	l->sent_valid = 1;
	l->sent_conn = link_connections(l->link);
	jsonlog_begin(l->cfg.log, now, "link_state_sent");
	jsonlog_int(l->cfg.log, "seq", (long)st->seq);
	jsonlog_str(l->cfg.log, "item", st->item);
	jsonlog_int(l->cfg.log, "playing", st->playing);
	jsonlog_str(l->cfg.log, "blank", link_blank_name(st->blank));
	jsonlog_num(l->cfg.log, "position", st->position);
	jsonlog_num(l->cfg.log, "wall_ms", sent_at);
	jsonlog_int(l->cfg.log, "term", (long)st->term);
	jsonlog_int(l->cfg.log, "index", st->index);
	jsonlog_end(l->cfg.log);
}

/* ---- room ---- */

/* The slot of `driver`'s latest state (a new one when not seen), or
 * NULL when the table is full. */
static struct link_state *latest_slot(struct linked *l, const char *driver,
				      int add)
{
	size_t i;

	for (i = 0; i < l->n_latest; i++)
		if (strcmp(l->latest[i].driver, driver) == 0)
			return &l->latest[i];
	if (!add || l->n_latest == MAX_PRESENTERS)
		return NULL;
	memset(&l->latest[l->n_latest], 0, sizeof l->latest[0]);
	snprintf(l->latest[l->n_latest].driver, sizeof l->latest[0].driver,
		 "%s", driver);
	return &l->latest[l->n_latest++];
}

/* 1 when state a was sent before b by the same driver. */
static int state_older(const struct link_state *a,
		       const struct link_state *b)
{
	return a->term < b->term || (a->term == b->term && a->seq < b->seq);
}

/* The state to follow now: the control's driver's latest, sent in the
 * control's term; without a control record (a host that never
 * published one), the host's own state topic. */
static const struct link_state *follow_candidate(struct linked *l)
{
	const struct link_state *c;

	if (!l->have_ctl)
		return l->have_main && (!l->driver[0] ||
			strcmp(l->main_state.driver, l->driver) == 0) ?
			&l->main_state : NULL;
	c = latest_slot(l, l->ctl.driver, 0);
	return c && c->term == l->ctl.term ? c : NULL;
}

/* Takes the candidate state as the one to land on, unless it is older
 * than the one taken (out of order) or another pack. Returns 1 when
 * `sent` (may be NULL) was taken. */
static int follow_update(struct linked *l, const struct nav *nav,
			 const struct link_state *sent, double now)
{
	const struct bundle *b = nav_bundle(nav);
	const struct link_state *c = follow_candidate(l);

	/* the driver follows no one (a state pending from before it got
	 * the control is landed on first, then it publishes) */
	if (presenter_driving(l))
		return 1;
	if (!c || (sent && (strcmp(c->driver, sent->driver) != 0 ||
			    c->term != sent->term || c->seq != sent->seq)))
		return 0;
	if (l->have_state && strcmp(c->driver, l->want.driver) == 0 &&
	    state_older(c, &l->want))
		return 0;      /* an older state, out of order */
	if (b && (strcmp(c->pack, b->pack_id) != 0 ||
		  strcmp(c->version, b->pack_version) != 0 ||
		  strcmp(c->level, b->level_id) != 0)) {
		if (!l->refused) {
			staff_lang(l);
			vv_error(NULL, 0, _("this room has pack %s version %s "
				 "level %s, the host has pack %s version %s "
				 "level %s; copy the host's bundles here"),
				 b->pack_id, b->pack_version, b->level_id,
				 c->pack, c->version, c->level);
		}
		l->refused = 1;
		return 1;
	}
	l->want = *c;
	l->have_state = 1;
	l->pending = 1;
	jsonlog_begin(l->cfg.log, now, "link_state");
	jsonlog_int(l->cfg.log, "seq", (long)l->want.seq);
	jsonlog_str(l->cfg.log, "item", l->want.item);
	jsonlog_int(l->cfg.log, "playing", l->want.playing);
	jsonlog_str(l->cfg.log, "blank", link_blank_name(l->want.blank));
	jsonlog_int(l->cfg.log, "term", (long)l->want.term);
	jsonlog_str(l->cfg.log, "driver", l->want.driver);
	jsonlog_end(l->cfg.log);
	return 1;
}

/* A room's (or a presenter's that does not drive) state, control and
 * host messages. Only the control's driver, in the control's term,
 * moves it: the broker's ACLs keep rooms from publishing state and a
 * co-presenter from publishing it anywhere but under its own name; the
 * term keeps a presenter that lost the control, or its late messages,
 * from moving the rooms; the sequence keeps out-of-order states out. */
static void follow_message(struct linked *l, const struct link_msg *m,
			   const struct nav *nav, double now)
{
	const struct link_state *st = &m->u.state;
	struct link_state *slot;

	if (m->kind == LINK_HOST) {
		if (m->topic_presenter[0])
			return;
		l->host_online = m->u.host.online;
		if (m->u.host.online)
			snprintf(l->driver, sizeof l->driver, "%s",
				 m->u.host.driver);
		return;
	}
	if (m->kind == LINK_CONTROL) {
		if (l->have_ctl && l->ctl.term == m->u.control.term &&
		    strcmp(l->ctl.driver, m->u.control.driver) == 0)
			return;        /* the same record again */
		l->ctl = m->u.control;
		l->have_ctl = 1;
		jsonlog_begin(l->cfg.log, now, "link_control");
		jsonlog_str(l->cfg.log, "driver", l->ctl.driver);
		jsonlog_int(l->cfg.log, "term", (long)l->ctl.term);
		jsonlog_end(l->cfg.log);
		follow_update(l, nav, NULL, now);
		return;
	}
	if (m->kind != LINK_STATE)
		return;
	/* a co-presenter reads its own state back: not one to follow */
	if (l->cfg.host && strcmp(st->driver, link_name(l->link)) == 0)
		return;
	if (!m->topic_presenter[0]) {
		l->main_state = *st;
		l->have_main = 1;
	}
	slot = latest_slot(l, st->driver, 1);
	if (slot && (!slot->seq || !state_older(st, slot)))
		*slot = *st;
	if (!follow_update(l, nav, st, now)) {
		jsonlog_begin(l->cfg.log, now, "link_ignored");
		jsonlog_str(l->cfg.log, "driver", st->driver);
		jsonlog_int(l->cfg.log, "term", (long)st->term);
		jsonlog_int(l->cfg.log, "seq", (long)st->seq);
		jsonlog_str(l->cfg.log, "item", st->item);
		jsonlog_end(l->cfg.log);
	}
}

static long item_index(const struct bundle *b, const char *id)
{
	size_t i;

	for (i = 0; i < b->n_items; i++)
		if (strcmp(b->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void room_note(struct linked *l, double now)
{
	int which = !link_connected(l->link) ? 1 :
		    !l->host_online && !l->detached ? 2 :
		    now < l->sent_until ? 3 : l->hand_up ? 4 :
		    l->detached ? 5 : 6;

	/* translated again only when it changes: not at every tick */
	if (which == l->note_which)
		return;
	l->note_which = which;
	staff_lang(l);
	/* the counsellor's absence first: a raised hand waits for them */
	if (!link_connected(l->link))
		set_note(l, _("Broker not reachable: local control; the room "
			      "joins when it is back"), now);
	else if (!l->host_online && !l->detached)
		set_note(l, _("Waiting for the counsellor"), now);
	else if (now < l->sent_until)
		set_note(l, _("Question sent to the counsellor"), now);
	else if (l->hand_up)
		set_note(l, _("Hand raised: the counsellor sees it (h lowers "
			      "it)"), now);
	else if (l->detached)
		set_note(l, _("Detached from the counsellor (r rejoins)"), now);
	else
		set_note(l, _("Following the counsellor (d detaches, q asks "
			      "a question)"), now);
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
 * the film 1, 2, 4, 8 s to settle when seeks follow each other: each
 * seek blacks the picture until the next keyframe). */
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
	if (link_seekdamp_step(&l->seek_damp, now, drift,
			       LINKED_SEEK_THRESHOLD)) {
		l->seek_delta = -drift;
		l->seek_at = now;
	}
}

int linked_seek(struct linked *l, double *delta)
{
	if (!l || l->seek_delta == 0)
		return 0;
	*delta = l->seek_delta;
	l->seek_delta = 0;
	jsonlog_begin(l->cfg.log, l->seek_at, "link_seek");
	jsonlog_num(l->cfg.log, "delta", *delta);
	jsonlog_end(l->cfg.log);
	return 1;
}

/* Lands on the state taken (one input per call): the item, then play or
 * pause, then the black or white screen. */
static int follow_apply(struct linked *l, const struct nav *nav,
			double now, enum nav_input *in, long *arg)
{
	const struct bundle *b = nav_bundle(nav);
	long idx;

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
	jsonlog_str(l->cfg.log, "driver", l->want.driver);
	jsonlog_end(l->cfg.log);
	return 0;
}

/* The question the host shows on every room's screen, or none. Only
 * the host can publish it (the broker's ACL); a late copy of an older
 * one is dropped. Its text is drawn, never logged. */
static void room_shown(struct linked *l, const struct link_shown *sh,
		       double now)
{
	if (l->shown_valid && sh->seq < l->shown_msg.seq)
		return;
	l->shown_msg = *sh;
	l->shown_valid = 1;
	group_set_shown(l->cfg.group, sh->room, sh->lang,
			sh->show ? sh->text : NULL);
	l->changed = 1;
	jsonlog_begin(l->cfg.log, now, "link_shown");
	jsonlog_int(l->cfg.log, "show", sh->show);
	jsonlog_str(l->cfg.log, "room", sh->room);
	jsonlog_str(l->cfg.log, "lang", sh->lang);
	jsonlog_int(l->cfg.log, "id", (long)sh->id);
	jsonlog_end(l->cfg.log);
}

static int room_tick(struct linked *l, const struct nav *nav, double now,
		     double video, enum nav_input *in, long *arg)
{
	const struct bundle *b = nav_bundle(nav);
	struct link_msg m;

	while (link_next(l->link, &m))
		if (m.kind == LINK_SHOWN)
			room_shown(l, &m.u.shown, now);
		else
			follow_message(l, &m, nav, now);
	room_note(l, now);
	l->in_sequence = b && nav_screen(nav) == NAV_SCREEN_SEQUENCE;
	if (b && nav_screen(nav) == NAV_SCREEN_SEQUENCE)
		snprintf(l->shown_item, sizeof l->shown_item, "%s",
			 nav_current(nav)->id);
	room_video(l, now, video);
	if (link_connected(l->link))
		room_presence(l, now);
	return follow_apply(l, nav, now, in, arg);
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
		/* a presenter that does not drive follows the one that does,
		 * so it goes on from there when it gets the control */
		return follow_apply(l, nav, now, in, arg);
	}
	return room_tick(l, nav, now, video, in, arg);
}

/* The keys that move the rooms (group and video keys): a presenter that
 * does not drive must not move its own screen away from the rooms'. */
static int driving_key(const char *key)
{
	static const char *const keys[] = {
		"Right", "Left", "Up", "Down", "PageDown", "PageUp", "Space",
		"Home", "End", "Return", "Return2", "Keypad Enter",
		"Backspace", "B", "W", ".", ",", "Keypad .", "P", "J", "L",
		NULL };
	size_t i;

	for (i = 0; keys[i]; i++)
		if (strcasecmp(key, keys[i]) == 0)
			return 1;
	/* slide numbers */
	if (strncasecmp(key, "Keypad ", 7) == 0)
		key += 7;
	return key[0] >= '0' && key[0] <= '9' && key[1] == '\0';
}

/* The host's F6: the control to the first co-presenter online, or back
 * to the host. */
static void host_handover(struct linked *l, double now, const char *why)
{
	const char *to = NULL;
	size_t i;

	if (presenter_driving(l)) {
		for (i = 0; i < l->n_pres && !to; i++)
			if (l->pres[i].online)
				to = l->pres[i].name;
		if (!to) {
			staff_lang(l);
			snprintf(l->key_note, sizeof l->key_note, "%s",
				 _("No co-presenter is connected"));
			l->key_note_until = now + KEY_NOTE_SECONDS;
			return;
		}
	} else {
		/* goes on from the state it followed (landing first on one
		 * still pending), as a new one */
		to = link_name(l->link);
		l->sent_valid = 0;
	}
	l->ctl.term++;
	snprintf(l->ctl.driver, sizeof l->ctl.driver, "%s", to);
	l->ctl_dirty = 1;
	l->key_note_until = 0;
	webinar_handover(l->web, l->ctl.driver, now);
	jsonlog_begin(l->cfg.log, now, "link_handover");
	jsonlog_str(l->cfg.log, "driver", l->ctl.driver);
	jsonlog_int(l->cfg.log, "term", (long)l->ctl.term);
	jsonlog_str(l->cfg.log, "why", why);
	jsonlog_end(l->cfg.log);
}

static int presenter_key(struct linked *l, const char *key, double now)
{
	if (!l->cfg.copresenter && strcasecmp(key, "F6") == 0) {
		host_handover(l, now, "key");
		return 1;
	}
	if (presenter_driving(l) || !driving_key(key))
		return 0;
	/* not the driver: the key does nothing but say so */
	staff_lang(l);
	snprintf(l->key_note, sizeof l->key_note,
		 _("%s drives: your keys do not move the rooms"),
		 l->have_ctl ? l->ctl.driver : "?");
	l->key_note_until = now + KEY_NOTE_SECONDS;
	jsonlog_begin(l->cfg.log, now, "link_key_ignored");
	jsonlog_str(l->cfg.log, "key", key);
	jsonlog_str(l->cfg.log, "driver", l->have_ctl ? l->ctl.driver : NULL);
	jsonlog_end(l->cfg.log);
	return 1;
}

/* Sends the typed question: the room's name, language and the item it
 * shows go with it; the text goes to the broker only, never to a log. */
static void send_question(struct linked *l, double now)
{
	struct link_msg m;
	enum vv_err err;

	memset(&m, 0, sizeof m);
	m.kind = LINK_QUESTION;
	link_text_clean(l->entry_text, m.u.question.text);
	if (!m.u.question.text[0])
		return;     /* nothing but spaces: the entry stays open */
	snprintf(m.u.question.lang, sizeof m.u.question.lang, "%s",
		 l->cfg.lang ? l->cfg.lang : "und");
	snprintf(m.u.question.item, sizeof m.u.question.item, "%s",
		 l->shown_item);
	m.u.question.id = l->question_id + 1;
	err = link_publish(l->link, &m, 0);
	jsonlog_begin(l->cfg.log, now, "link_question_sent");
	jsonlog_int(l->cfg.log, "id", (long)m.u.question.id);
	jsonlog_str(l->cfg.log, "lang", m.u.question.lang);
	jsonlog_str(l->cfg.log, "item", m.u.question.item);
	jsonlog_int(l->cfg.log, "bytes", (long)strlen(m.u.question.text));
	jsonlog_int(l->cfg.log, "sent", err == VV_OK);
	jsonlog_end(l->cfg.log);
	if (err != VV_OK) {
		/* kept: Enter tries again when the broker is back */
		l->entry_failed = 1;
		return;
	}
	l->question_id++;
	l->entry = 0;
	l->entry_failed = 0;
	memset(l->entry_text, 0, sizeof l->entry_text);
	l->entry_edit[0] = '\0';
	l->sent_until = now + SENT_NOTE_S;
}

static void entry_view(struct linked *l)
{
	l->view.entry = l->entry;
	l->view.entry_text = l->entry_text;
	l->view.entry_edit = l->entry_edit;
	l->view.entry_failed = l->entry_failed;
	l->changed = 1;
}

/* A key while the entry is open: Backspace takes the last character
 * (a whole code point), Enter sends, Escape cancels; every other key
 * only types (its text comes as text input). */
static void entry_key(struct linked *l, const char *key, double now)
{
	if (strcasecmp(key, "Backspace") == 0) {
		size_t n = strlen(l->entry_text);

		if (l->entry_edit[0])
			return;     /* the input method edits its own text */
		while (n > 0 && ((unsigned char)l->entry_text[n - 1] &
				 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		l->entry_text[n] = '\0';
	} else if (strcasecmp(key, "Return") == 0 ||
		   strcasecmp(key, "Keypad Enter") == 0 ||
		   strcasecmp(key, "Return2") == 0) {
		send_question(l, now);
	} else if (strcasecmp(key, "Escape") == 0) {
		l->entry = 0;
		l->entry_failed = 0;
		memset(l->entry_text, 0, sizeof l->entry_text);
		l->entry_edit[0] = '\0';
		jsonlog_begin(l->cfg.log, now, "link_question_entry");
		jsonlog_str(l->cfg.log, "state", "cancelled");
		jsonlog_end(l->cfg.log);
	}
	entry_view(l);
}

int linked_typing(const struct linked *l)
{
	return l && l->entry;
}

void linked_text(struct linked *l, const char *utf8)
{
	size_t n, i = 0, len = strlen(utf8);

	if (!l || !l->entry)
		return;
	n = strlen(l->entry_text);
	/* whole characters while they fit; control characters are not
	 * text */
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_next((const unsigned char *)utf8 + i, len - i,
				     &cp);

		if (k == 0)
			break;
		if (n + k > LINK_TEXT_MAX)
			break;
		if (cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0)) {
			memcpy(l->entry_text + n, utf8 + i, k);
			n += k;
		}
		i += k;
	}
	l->entry_text[n] = '\0';
	l->entry_edit[0] = '\0';
	entry_view(l);
}

void linked_editing(struct linked *l, const char *utf8)
{
	if (!l || !l->entry)
		return;
	snprintf(l->entry_edit, sizeof l->entry_edit, "%s", utf8);
	entry_view(l);
}

int linked_changed(struct linked *l)
{
	int c = l && l->changed;

	if (l)
		l->changed = 0;
	return c;
}

int linked_key(struct linked *l, const char *key, double now)
{
	if (!l)
		return 0;
	if (l->cfg.host) {
		/* the questions are the host's (only its login may show
		 * one on the rooms' screens) */
		if (!l->cfg.copresenter && host_key(l, key, now))
			return 1;
		return presenter_key(l, key, now);
	}
	if (l->entry) {
		entry_key(l, key, now);
		return 1;
	}
	/* a question is asked at a slide: not from the pickers, where
	 * an entry could not be drawn */
	if (strcasecmp(key, "Q") == 0 && l->in_sequence) {
		l->entry = 1;
		l->entry_failed = 0;
		entry_view(l);
		jsonlog_begin(l->cfg.log, now, "link_question_entry");
		jsonlog_str(l->cfg.log, "state", "open");
		jsonlog_end(l->cfg.log);
		return 1;
	}
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
	} else if (!l->detached && l->have_state && l->host_online &&
		   link_connected(l->link) && driving_key(key)) {
		/* A room that follows the counsellor shows the
		 * counsellor's slide: a clicker or a stray Space must not
		 * take it elsewhere while the counsellor's console still
		 * lists it as following. The note already says that d
		 * detaches it to drive it with its own keys. (Without a
		 * broker or a counsellor it is under local control.) */
		jsonlog_begin(l->cfg.log, now, "link_key_ignored");
		jsonlog_str(l->cfg.log, "key", key);
		jsonlog_str(l->cfg.log, "why", "following");
		jsonlog_end(l->cfg.log);
		return 1;
	} else {
		return 0;
	}
	jsonlog_begin(l->cfg.log, now, "link_detach");
	jsonlog_int(l->cfg.log, "detached", l->detached);
	jsonlog_end(l->cfg.log);
	return 1;
}
