/* session: group-session record, JSON and text. */
#include "player/core/session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/atomic.h"
#include "common/i18n.h"
#include "common/path.h"
#include "common/strbuf.h"
#include "player/core/record.h"

#define SESSION_MAX_ITEMS 10000
#define SESSION_MAX_PARTICIPANTS 10000
#define SESSION_MAX_TEXT (4u << 20)   /* cap for the built record */

struct session_item {
	char *id;
	int video;
	double seconds;
	int visits;
};

struct session {
	char *pack_id, *pack_version, *lang, *level, *captions;
	struct session_item *items;
	size_t n_items;
	time_t started, ended;
	double t_start, t_end, t_last;
	long current;        /* item on screen, or -1 */
	int blank;
	double blank_seconds;
	long participants;
	int over;
};

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

enum vv_err session_new(const struct session_info *info, double now,
			struct session **out)
{
	struct session *s;
	size_t i;

	*out = NULL;
	if (info->n_items == 0 || info->n_items > SESSION_MAX_ITEMS)
		return VV_ERR_USAGE;
	s = calloc(1, sizeof *s);
	if (!s)
		return VV_ERR_NOMEM;
	s->pack_id = dup_or_empty(info->pack_id);
	s->pack_version = dup_or_empty(info->pack_version);
	s->lang = dup_or_empty(info->lang);
	s->level = dup_or_empty(info->level);
	s->captions = info->captions ? strdup(info->captions) : NULL;
	s->items = calloc(info->n_items, sizeof *s->items);
	s->n_items = info->n_items;
	if (!s->pack_id || !s->pack_version || !s->lang || !s->level ||
	    (info->captions && !s->captions) || !s->items) {
		session_free(s);
		return VV_ERR_NOMEM;
	}
	for (i = 0; i < s->n_items; i++) {
		s->items[i].id = dup_or_empty(info->item_ids ?
					      info->item_ids[i] : NULL);
		s->items[i].video = info->item_is_video ?
				    info->item_is_video[i] : 0;
		if (!s->items[i].id) {
			session_free(s);
			return VV_ERR_NOMEM;
		}
	}
	s->started = info->started;
	s->ended = info->started;
	s->t_start = s->t_end = s->t_last = now;
	s->current = -1;
	s->participants = -1;
	*out = s;
	return VV_OK;
}

void session_free(struct session *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; s->items && i < s->n_items; i++)
		free(s->items[i].id);
	free(s->items);
	free(s->pack_id);
	free(s->pack_version);
	free(s->lang);
	free(s->level);
	free(s->captions);
	free(s);
}

/* Charges the time since the last event to what the room saw. */
static void account(struct session *s, double now)
{
	double dt = now - s->t_last;

	if (dt < 0)
		dt = 0;
	if (s->blank)
		s->blank_seconds += dt;
	else if (s->current >= 0)
		s->items[s->current].seconds += dt;
	s->t_last = now;
}

void session_show(struct session *s, size_t index, double now)
{
	if (s->over || index >= s->n_items)
		return;
	account(s, now);
	if ((long)index != s->current)
		s->items[index].visits++;
	s->current = (long)index;
}

void session_blank(struct session *s, int blank, double now)
{
	if (s->over)
		return;
	account(s, now);
	s->blank = blank != 0;
}

void session_end(struct session *s, double now, time_t ended)
{
	if (s->over)
		return;
	account(s, now);
	s->t_end = now;
	s->ended = ended;
	s->over = 1;
}

void session_set_participants(struct session *s, long n)
{
	s->participants = n >= 0 && n <= SESSION_MAX_PARTICIPANTS ? n : -1;
}

size_t session_items_shown(const struct session *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_items; i++)
		n += s->items[i].visits > 0;
	return n;
}

double session_item_seconds(const struct session *s, size_t index)
{
	return index < s->n_items ? s->items[index].seconds : 0;
}

int session_item_visits(const struct session *s, size_t index)
{
	return index < s->n_items ? s->items[index].visits : 0;
}

double session_blank_seconds(const struct session *s)
{
	return s->blank_seconds;
}

double session_seconds(const struct session *s)
{
	return (s->over ? s->t_end : s->t_last) - s->t_start;
}

char *session_json(const struct session *s)
{
	struct strbuf b;
	char date[32], start[40], end[40];
	size_t i;
	int first = 1;

	strbuf_init(&b, SESSION_MAX_TEXT);
	record_time(s->started, RECORD_DATE, date, sizeof date);
	record_time(s->started, RECORD_ISO, start, sizeof start);
	record_time(s->ended, RECORD_ISO, end, sizeof end);
	strbuf_add(&b, "{", 1);
	record_put_str(&b, "format", "veiviser-session/1", 1);
	record_put_str(&b, "date", date, 0);
	record_put_str(&b, "started", start, 0);
	record_put_str(&b, "ended", end, 0);
	record_put_str(&b, "pack", s->pack_id, 0);
	record_put_str(&b, "version", s->pack_version, 0);
	record_put_str(&b, "language", s->lang, 0);
	record_put_str(&b, "level", s->level, 0);
	record_put_str(&b, "captions", s->captions, 0);
	if (s->participants >= 0)
		strbuf_printf(&b, ",\"participants\":%ld", s->participants);
	else
		strbuf_add(&b, ",\"participants\":null", 20);
	strbuf_printf(&b, ",\"items_total\":%zu,\"slides_shown\":%zu",
	     s->n_items, session_items_shown(s));
	strbuf_printf(&b, ",\"duration_seconds\":%.1f,\"blank_seconds\":%.1f",
	     session_seconds(s), s->blank_seconds);
	strbuf_add(&b, ",\"slides\":[", 11);
	for (i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];

		if (!it->visits)
			continue;
		strbuf_printf(&b, "%s{\"number\":%zu", first ? "" : ",", i + 1);
		record_put_str(&b, "id", it->id, 0);
		record_put_str(&b, "kind", it->video ? "video" : "slide", 0);
		strbuf_printf(&b, ",\"seconds\":%.1f,\"visits\":%d}", it->seconds,
		     it->visits);
		first = 0;
	}
	strbuf_add(&b, "]}\n", 3);
	return strbuf_take(&b, NULL);
}

char *session_text(const struct session *s)
{
	struct strbuf b;
	char date[32], start[16], end[16], d[32];
	size_t i;

	strbuf_init(&b, SESSION_MAX_TEXT);
	record_time(s->started, RECORD_DATE, date, sizeof date);
	record_time(s->started, RECORD_CLOCK, start, sizeof start);
	record_time(s->ended, RECORD_CLOCK, end, sizeof end);
	strbuf_printf(&b, "%s\n\n", _("Veiviser group session"));
	strbuf_printf(&b, "%s: %s, %s-%s\n", _("Date"), date, start, end);
	strbuf_printf(&b, "%s: %s\n", _("Pack"), s->pack_id);
	strbuf_printf(&b, "%s: %s\n", _("Version"), s->pack_version);
	strbuf_printf(&b, "%s: %s\n", _("Language"), s->lang);
	strbuf_printf(&b, "%s: %s\n", _("Level"), s->level);
	if (s->captions)
		strbuf_printf(&b, "%s: %s\n", _("Captions"), s->captions);
	if (s->participants >= 0)
		strbuf_printf(&b, "%s: %ld\n", _("Participants"), s->participants);
	else
		strbuf_printf(&b, "%s: %s\n", _("Participants"), _("not given"));
	strbuf_printf(&b, "%s: %zu / %zu\n", _("Slides shown"),
	     session_items_shown(s), s->n_items);
	record_duration(session_seconds(s), d, sizeof d);
	strbuf_printf(&b, "%s: %s\n", _("Duration"), d);
	record_duration(s->blank_seconds, d, sizeof d);
	strbuf_printf(&b, "%s: %s\n", _("Black or white screen"), d);
	strbuf_printf(&b, "\n%s\n", _("Time per slide"));
	for (i = 0; i < s->n_items; i++) {
		const struct session_item *it = &s->items[i];

		if (!it->visits)
			continue;
		record_duration(it->seconds, d, sizeof d);
		strbuf_printf(&b, "%4zu  %-28s %8s", i + 1, it->id, d);
		if (it->visits > 1)
			strbuf_printf(&b, "  (%dx)", it->visits);
		strbuf_add(&b, "\n", 1);
	}
	return strbuf_take(&b, NULL);
}

const char *session_default_dir(char *buf, size_t size)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state && state[0] == '/')
		snprintf(buf, size, "%s/veiviser/sessions", state);
	else if (home && home[0] == '/')
		snprintf(buf, size, "%s/.local/state/veiviser/sessions", home);
	else
		snprintf(buf, size, ".");
	return buf;
}

static enum vv_err write_file(const char *path, const char *text)
{
	/* One line on failure, from atomic_write(), naming the record. */
	return atomic_write(path, text, strlen(text), ATOMIC_DURABLE);
}

/* Room the probe asks for: the .json and the .txt of a record of a
 * pack of usual size, a block each. */
#define PROBE_BYTES 8192

/* Makes a probe file in the folder `dir`, with room for a record, and
 * removes it. A full disk still lets an empty file be made, so the room
 * is asked for too: the record would be lost at the end otherwise.
 * Returns 0, or -1 with errno set. */
static int probe_dir(const char *dir)
{
	char probe[4200];
	int fd, err;

	snprintf(probe, sizeof probe, "%s/.veiviser-probe-XXXXXX", dir);
	fd = mkstemp(probe);
	if (fd < 0)
		return -1;
	err = posix_fallocate(fd, 0, PROBE_BYTES);
	close(fd);
	unlink(probe);
	/* EINVAL or EOPNOTSUPP: a file system that cannot say; the
	 * record is tried at the end as before. */
	if (err != 0 && err != EINVAL && err != EOPNOTSUPP) {
		errno = err;
		return -1;
	}
	return 0;
}

enum vv_err session_check_dir(const char *dir)
{
	char up[4096], cur[4096];
	struct stat st;
	char *slash;
	int ok, saved;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (probe_dir(dir) != 0)
			goto unwritable;
		return VV_OK;
	}
	/* Not there yet: it is made at the end, only when a pack was
	 * played. Try making it now, then take away what was made. */
	snprintf(up, sizeof up, "%s", dir[0] ? dir : ".");
	for (;;) {
		slash = strrchr(up, '/');
		if (!slash)
			snprintf(up, sizeof up, ".");
		else if (slash == up)
			up[1] = 0;
		else
			*slash = 0;
		if (stat(up, &st) == 0 || errno != ENOENT ||
		    !strcmp(up, ".") || !strcmp(up, "/"))
			break;
	}
	ok = path_make_dirs(dir, 0777) == 0 && probe_dir(dir) == 0;
	saved = errno;
	snprintf(cur, sizeof cur, "%s", dir);
	while (strcmp(cur, up) != 0 && rmdir(cur) == 0 &&
	       (slash = strrchr(cur, '/')) && slash != cur)
		*slash = 0;
	errno = saved;
	if (ok)
		return VV_OK;
unwritable:
	vv_error(dir, 0, _("session records cannot be written here: %s; "
		 "this session's record would be lost: give a writable "
		 "folder with --session-dir"), strerror(errno));
	return VV_ERR_IO;
}

enum vv_err session_write(const struct session *s, const char *dir,
			  char **json_path)
{
	char stamp[32], pack[64], lang[64], level[64];
	char base[4096], jpath[4200], tpath[4200];
	char *json = NULL, *text = NULL;
	enum vv_err err = VV_ERR_NOMEM;

	if (json_path)
		*json_path = NULL;
	if (record_make_dir(dir) != VV_OK)
		return VV_ERR_IO;
	record_time(s->started, RECORD_FILE, stamp, sizeof stamp);
	record_safe_name(s->pack_id, pack, sizeof pack);
	record_safe_name(s->lang, lang, sizeof lang);
	record_safe_name(s->level, level, sizeof level);
	snprintf(base, sizeof base, "%s/session-%s-%s-%s-%s", dir, stamp,
		 pack, lang, level);
	record_paths(base, jpath, tpath, sizeof jpath);
	json = session_json(s);
	text = session_text(s);
	if (json && text) {
		err = write_file(jpath, json);
		if (err == VV_OK) {
			err = write_file(tpath, text);
			if (err != VV_OK)
				unlink(jpath);
		}
	}
	if (err == VV_OK && json_path && !(*json_path = strdup(jpath)))
		err = VV_ERR_NOMEM;
	free(json);
	free(text);
	return err;
}
