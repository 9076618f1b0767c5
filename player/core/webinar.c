/* webinar: the linked-rooms webinar record; see webinar.h. */
#include "player/core/webinar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/atomic.h"
#include "common/i18n.h"
#include "common/strbuf.h"
#include "player/core/record.h"

#define NAME_MAX_LEN 64
#define WEBINAR_MAX_TEXT (8u << 20)   /* cap for the built record */

struct wroom {
	char name[NAME_MAX_LEN + 1];
	char lang[NAME_MAX_LEN + 1];
	long participants;     /* the largest count reported, -1: none */
	double first_seen;
	int online, following;
	unsigned long lost, detached, questions, hands;
};

struct wslide {
	size_t index;
	char id[NAME_MAX_LEN + 1];
	char driver[NAME_MAX_LEN + 1];
	double from, until;    /* until < 0: still shown */
};

struct whandover {
	char driver[NAME_MAX_LEN + 1];
	double at;
};

struct webinar {
	char *session, *pack_id, *pack_version, *level, *lang;
	time_t started, ended;
	double t_start, t_end;
	int over, dirty;
	struct wroom rooms[WEBINAR_MAX_ROOMS];
	size_t n_rooms;
	unsigned long rooms_dropped;
	struct wslide *slides;
	size_t n_slides;
	unsigned long slides_dropped;
	struct whandover *handovers;
	size_t n_handovers;
	char *json_path, *text_path;
};

static void copy_name(char *dst, const char *src)
{
	snprintf(dst, NAME_MAX_LEN + 1, "%s", src ? src : "");
}

enum vv_err webinar_new(const struct webinar_info *info, double now,
			struct webinar **out)
{
	struct webinar *w = calloc(1, sizeof *w);

	*out = NULL;
	if (!w)
		return VV_ERR_NOMEM;
	w->session = strdup(info->session ? info->session : "");
	w->pack_id = strdup(info->pack_id ? info->pack_id : "");
	w->pack_version = strdup(info->pack_version ?
				 info->pack_version : "");
	w->level = strdup(info->level ? info->level : "");
	w->lang = strdup(info->lang ? info->lang : "");
	w->slides = calloc(WEBINAR_MAX_SLIDES, sizeof *w->slides);
	w->handovers = calloc(WEBINAR_MAX_HANDOVERS, sizeof *w->handovers);
	if (!w->session || !w->pack_id || !w->pack_version || !w->level ||
	    !w->lang || !w->slides || !w->handovers) {
		webinar_free(w);
		return VV_ERR_NOMEM;
	}
	w->started = w->ended = info->started;
	w->t_start = w->t_end = now;
	w->dirty = 1;
	*out = w;
	return VV_OK;
}

void webinar_free(struct webinar *w)
{
	if (!w)
		return;
	free(w->session);
	free(w->pack_id);
	free(w->pack_version);
	free(w->level);
	free(w->lang);
	free(w->slides);
	free(w->handovers);
	free(w->json_path);
	free(w->text_path);
	free(w);
}

void webinar_slide(struct webinar *w, size_t index, const char *id,
		   const char *driver, double now)
{
	struct wslide *last;

	if (!w || w->over)
		return;
	last = w->n_slides ? &w->slides[w->n_slides - 1] : NULL;
	if (last && last->index == index && strcmp(last->id, id) == 0)
		return;
	if (last)
		last->until = now;
	w->dirty = 1;
	if (w->n_slides == WEBINAR_MAX_SLIDES) {
		w->slides_dropped++;
		return;
	}
	last = &w->slides[w->n_slides++];
	last->index = index;
	copy_name(last->id, id);
	copy_name(last->driver, driver);
	last->from = now;
	last->until = -1;
}

void webinar_handover(struct webinar *w, const char *driver, double now)
{
	if (!w || w->over || w->n_handovers == WEBINAR_MAX_HANDOVERS)
		return;
	copy_name(w->handovers[w->n_handovers].driver, driver);
	w->handovers[w->n_handovers].at = now;
	w->n_handovers++;
	w->dirty = 1;
}

/* `room`'s entry (a new one when not seen), or NULL when the table is
 * full. */
static struct wroom *room_of(struct webinar *w, const char *room,
			     double now)
{
	size_t i;

	for (i = 0; i < w->n_rooms; i++)
		if (strcmp(w->rooms[i].name, room) == 0)
			return &w->rooms[i];
	if (w->n_rooms == WEBINAR_MAX_ROOMS) {
		w->rooms_dropped++;
		return NULL;
	}
	memset(&w->rooms[w->n_rooms], 0, sizeof w->rooms[0]);
	copy_name(w->rooms[w->n_rooms].name, room);
	w->rooms[w->n_rooms].participants = -1;
	w->rooms[w->n_rooms].first_seen = now;
	w->rooms[w->n_rooms].following = 1;
	return &w->rooms[w->n_rooms++];
}

/* room_of() while the webinar runs, marking the record changed; NULL
 * when `w` is NULL or over, or the table is full. */
static struct wroom *live_room(struct webinar *w, const char *room,
			       double now)
{
	struct wroom *r;

	if (!w || w->over || !(r = room_of(w, room, now)))
		return NULL;
	w->dirty = 1;
	return r;
}

void webinar_room(struct webinar *w, const char *room, const char *lang,
		  long participants, int online, int following, double now)
{
	struct wroom *r = live_room(w, room, now);

	if (!r)
		return;
	copy_name(r->lang, lang);
	if (participants > r->participants)
		r->participants = participants;
	if (r->online && !online)
		r->lost++;
	if (online && r->following && !following)
		r->detached++;
	r->online = online;
	r->following = following;
}

void webinar_question(struct webinar *w, const char *room, double now)
{
	struct wroom *r = live_room(w, room, now);

	if (r)
		r->questions++;
}

void webinar_hand(struct webinar *w, const char *room, double now)
{
	struct wroom *r = live_room(w, room, now);

	if (r)
		r->hands++;
}

void webinar_end(struct webinar *w, double now, time_t ended)
{
	if (!w || w->over)
		return;
	if (w->n_slides)
		w->slides[w->n_slides - 1].until = now;
	w->t_end = now;
	w->ended = ended;
	w->over = 1;
	w->dirty = 1;
}

int webinar_dirty(const struct webinar *w)
{
	return w && w->dirty;
}

size_t webinar_rooms(const struct webinar *w)
{
	return w ? w->n_rooms : 0;
}

unsigned long webinar_questions(const struct webinar *w, const char *room)
{
	size_t i;

	for (i = 0; w && i < w->n_rooms; i++)
		if (strcmp(w->rooms[i].name, room) == 0)
			return w->rooms[i].questions;
	return 0;
}

/* ---- output ---- */

static double end_of(const struct webinar *w, double now)
{
	return w->over ? w->t_end : now;
}

static double slide_seconds(const struct webinar *w, const struct wslide *s,
			    double now)
{
	double until = s->until >= 0 ? s->until : end_of(w, now);

	return until > s->from ? until - s->from : 0;
}

static size_t slides_shown(const struct webinar *w)
{
	size_t i, j, n = 0;

	for (i = 0; i < w->n_slides; i++) {
		for (j = 0; j < i; j++)
			if (w->slides[j].index == w->slides[i].index)
				break;
		n += j == i;
	}
	return n;
}

static void totals(const struct webinar *w, long *participants,
		   unsigned long *questions)
{
	size_t i;

	*participants = 0;
	*questions = 0;
	for (i = 0; i < w->n_rooms; i++) {
		if (w->rooms[i].participants > 0)
			*participants += w->rooms[i].participants;
		*questions += w->rooms[i].questions;
	}
}

char *webinar_json(const struct webinar *w, double now)
{
	struct strbuf b;
	char date[32], start[40], end[40];
	long participants;
	unsigned long questions;
	size_t i;

	strbuf_init(&b, WEBINAR_MAX_TEXT);
	record_time(w->started, RECORD_DATE, date, sizeof date);
	record_time(w->started, RECORD_ISO, start, sizeof start);
	record_time(w->ended, RECORD_ISO, end, sizeof end);
	totals(w, &participants, &questions);
	strbuf_puts(&b, "{");
	record_put_str(&b, "format", "veiviser-webinar/1", 1);
	record_put_str(&b, "session", w->session, 0);
	record_put_str(&b, "date", date, 0);
	record_put_str(&b, "started", start, 0);
	record_put_str(&b, "ended", w->over ? end : NULL, 0);
	record_put_str(&b, "pack", w->pack_id, 0);
	record_put_str(&b, "version", w->pack_version, 0);
	record_put_str(&b, "level", w->level, 0);
	record_put_str(&b, "host_language", w->lang, 0);
	strbuf_printf(&b, ",\"duration_seconds\":%.1f",
		      end_of(w, now) - w->t_start);
	strbuf_printf(&b, ",\"participants_total\":%ld,\"questions_total\":%lu",
		      participants, questions);
	strbuf_printf(&b, ",\"slides_shown\":%zu", slides_shown(w));
	strbuf_puts(&b, ",\"rooms\":[");
	for (i = 0; i < w->n_rooms; i++) {
		const struct wroom *r = &w->rooms[i];

		strbuf_printf(&b, "%s{", i ? "," : "");
		record_put_str(&b, "room", r->name, 1);
		record_put_str(&b, "language", r->lang[0] ? r->lang : NULL, 0);
		if (r->participants >= 0)
			strbuf_printf(&b, ",\"participants\":%ld",
				      r->participants);
		else
			strbuf_puts(&b, ",\"participants\":null");
		strbuf_printf(&b, ",\"joined_seconds\":%.1f,\"online_at_end\":"
			      "%s,\"times_lost\":%lu,\"times_detached\":%lu,"
			      "\"questions\":%lu,\"hands\":%lu}",
			      r->first_seen - w->t_start,
			      r->online ? "true" : "false", r->lost,
			      r->detached, r->questions, r->hands);
	}
	strbuf_printf(&b, "],\"rooms_not_listed\":%lu", w->rooms_dropped);
	strbuf_puts(&b, ",\"slides\":[");
	for (i = 0; i < w->n_slides; i++) {
		const struct wslide *s = &w->slides[i];

		strbuf_printf(&b, "%s{\"number\":%zu", i ? "," : "",
			      s->index + 1);
		record_put_str(&b, "id", s->id, 0);
		record_put_str(&b, "driver", s->driver, 0);
		strbuf_printf(&b, ",\"from_seconds\":%.1f,\"seconds\":%.1f}",
			      s->from - w->t_start, slide_seconds(w, s, now));
	}
	strbuf_printf(&b, "],\"slides_not_listed\":%lu", w->slides_dropped);
	strbuf_puts(&b, ",\"handovers\":[");
	for (i = 0; i < w->n_handovers; i++) {
		strbuf_printf(&b, "%s{", i ? "," : "");
		record_put_str(&b, "driver", w->handovers[i].driver, 1);
		strbuf_printf(&b, ",\"at_seconds\":%.1f}",
			      w->handovers[i].at - w->t_start);
	}
	strbuf_puts(&b, "]}\n");
	return strbuf_take(&b, NULL);
}

char *webinar_text(const struct webinar *w, double now)
{
	struct strbuf b;
	char date[32], start[16], end[16], d[32], at[16];
	long participants;
	unsigned long questions;
	size_t i;

	strbuf_init(&b, WEBINAR_MAX_TEXT);
	record_time(w->started, RECORD_DATE, date, sizeof date);
	record_time(w->started, RECORD_CLOCK_S, start, sizeof start);
	record_time(w->ended, RECORD_CLOCK_S, end, sizeof end);
	totals(w, &participants, &questions);
	strbuf_printf(&b, "%s\n\n", _("Veiviser webinar (linked rooms)"));
	strbuf_printf(&b, "%s: %s\n", _("Session"), w->session);
	strbuf_printf(&b, "%s: %s, %s-%s\n", _("Date"), date, start,
		      w->over ? end : "");
	strbuf_printf(&b, "%s: %s %s, %s %s\n", _("Pack"), w->pack_id,
		      w->pack_version, _("level"), w->level);
	record_duration(end_of(w, now) - w->t_start, d, sizeof d);
	strbuf_printf(&b, "%s: %s\n", _("Duration"), d);
	strbuf_printf(&b, "%s: %zu, %s: %ld, %s: %lu\n", _("Rooms"),
		      w->n_rooms, _("participants"), participants,
		      _("questions"), questions);
	strbuf_printf(&b, "\n%-20s %-8s %12s %9s %5s\n", _("Room"),
		      _("Language"), _("Participants"), _("Questions"),
		      _("Hands"));
	for (i = 0; i < w->n_rooms; i++) {
		const struct wroom *r = &w->rooms[i];
		char count[24];

		if (r->participants >= 0)
			snprintf(count, sizeof count, "%ld", r->participants);
		else
			snprintf(count, sizeof count, "-");
		strbuf_printf(&b, "%-20s %-8s %12s %9lu %5lu\n", r->name,
			      r->lang, count, r->questions, r->hands);
	}
	strbuf_printf(&b, "\n%s\n", _("Slides"));
	for (i = 0; i < w->n_slides; i++) {
		const struct wslide *s = &w->slides[i];

		record_time(w->started + (time_t)(s->from - w->t_start),
			    RECORD_CLOCK_S, at, sizeof at);
		record_duration(slide_seconds(w, s, now), d, sizeof d);
		strbuf_printf(&b, "%s %4zu  %-28s %8s  %s\n", at, s->index + 1,
			      s->id, d, s->driver);
	}
	for (i = 0; i < w->n_handovers; i++) {
		record_time(w->started + (time_t)(w->handovers[i].at -
						  w->t_start),
			    RECORD_CLOCK_S, at, sizeof at);
		strbuf_printf(&b, "%s%s %s: %s\n", i ? "" : "\n", at,
			      _("control to"), w->handovers[i].driver);
	}
	return strbuf_take(&b, NULL);
}

static enum vv_err pick_names(struct webinar *w, const char *dir)
{
	char stamp[32], session[64], base[4096], jpath[4200], tpath[4200];

	record_time(w->started, RECORD_FILE, stamp, sizeof stamp);
	record_safe_name(w->session, session, sizeof session);
	snprintf(base, sizeof base, "%s/webinar-%s-%s", dir, stamp, session);
	record_paths(base, jpath, tpath, sizeof jpath);
	w->json_path = strdup(jpath);
	w->text_path = strdup(tpath);
	return w->json_path && w->text_path ? VV_OK : VV_ERR_NOMEM;
}

enum vv_err webinar_write(struct webinar *w, const char *dir, double now,
			  const char **json_path)
{
	char *json = NULL, *text = NULL;
	enum vv_err err = VV_ERR_NOMEM;

	if (json_path)
		*json_path = NULL;
	if (record_make_dir(dir) != VV_OK)
		return VV_ERR_IO;
	if (!w->json_path && pick_names(w, dir) != VV_OK)
		return VV_ERR_NOMEM;
	json = webinar_json(w, now);
	text = webinar_text(w, now);
	/* one line on failure, from atomic_write(), naming the file */
	if (json && text) {
		err = atomic_write(w->json_path, json, strlen(json),
				   ATOMIC_DURABLE);
		if (err == VV_OK)
			err = atomic_write(w->text_path, text, strlen(text),
					   ATOMIC_DURABLE);
	}
	free(json);
	free(text);
	if (err == VV_OK) {
		w->dirty = 0;
		if (json_path)
			*json_path = w->json_path;
	}
	return err;
}
