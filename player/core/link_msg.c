/* link_msg: linked rooms' topics and payloads, parsed as untrusted input. */
#include "player/core/link_msg.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"

#define TOPIC_ROOT "veiviser"

enum field_type {
	F_TOKEN,   /* char[LINK_TOKEN_MAX + 1], link_token_valid() */
	F_ITEM,    /* a token, or empty */
	F_VERSION, /* a token that may also hold '+' (pack versions) */
	F_LANG,    /* char[LINK_LANG_MAX + 1]: letters, digits and '-' */
	F_TEXT,    /* char[LINK_TEXT_MAX + 1]: UTF-8, no control characters */
	F_U64,     /* uint64_t, decimal */
	F_I64,     /* int64_t, decimal, >= 0 */
	F_LONG,    /* long within [min, max] */
	F_DOUBLE,  /* double within [min, max], finite */
	F_BOOL,    /* int, "0" or "1" */
	F_BLANK,   /* enum link_blank by name */
};

struct field {
	const char *key;
	enum field_type type;
	size_t offset;     /* in struct link_msg's union */
	int required;
	double min, max;
};

#define U(type, member) \
	(offsetof(struct link_msg, u) + offsetof(type, member))
#define FS(k, t, type, member, r) { k, t, U(type, member), r, 0, 0 }
#define FR(k, t, type, member, r, lo, hi) \
	{ k, t, U(type, member), r, lo, hi }

static const struct field state_fields[] = {
	FS("seq", F_U64, struct link_state, seq, 1),
	FS("term", F_U64, struct link_state, term, 0),
	FS("driver", F_TOKEN, struct link_state, driver, 1),
	FS("pack", F_TOKEN, struct link_state, pack, 1),
	FS("version", F_VERSION, struct link_state, version, 1),
	FS("level", F_TOKEN, struct link_state, level, 1),
	FS("item", F_ITEM, struct link_state, item, 1),
	FR("index", F_LONG, struct link_state, index, 1, -1, 100000),
	FS("playing", F_BOOL, struct link_state, playing, 1),
	FR("position", F_DOUBLE, struct link_state, position, 1, 0,
	   LINK_MAX_POSITION),
	FS("sent_ms", F_I64, struct link_state, sent_ms, 1),
	FS("blank", F_BLANK, struct link_state, blank, 1),
	FS("ended", F_BOOL, struct link_state, ended, 0),
};

static const struct field host_fields[] = {
	FS("driver", F_TOKEN, struct link_host, driver, 1),
	FS("online", F_BOOL, struct link_host, online, 1),
};

static const struct field presence_fields[] = {
	FS("room", F_TOKEN, struct link_presence, room, 1),
	FS("lang", F_LANG, struct link_presence, lang, 1),
	FS("online", F_BOOL, struct link_presence, online, 1),
	FR("participants", F_LONG, struct link_presence, participants, 0, -1,
	   LINK_MAX_PARTICIPANTS),
	FS("following", F_BOOL, struct link_presence, following, 0),
	FS("item", F_ITEM, struct link_presence, item, 0),
	FR("drift_ms", F_LONG, struct link_presence, drift_ms, 0,
	   -86400000.0, 86400000.0),
};

static const struct field question_fields[] = {
	FS("room", F_TOKEN, struct link_question, room, 1),
	FS("lang", F_LANG, struct link_question, lang, 1),
	FS("item", F_ITEM, struct link_question, item, 1),
	FS("id", F_U64, struct link_question, id, 1),
	FS("text", F_TEXT, struct link_question, text, 1),
};

static const struct field hand_fields[] = {
	FS("room", F_TOKEN, struct link_hand, room, 1),
	FS("up", F_BOOL, struct link_hand, up, 1),
};

static const struct field control_fields[] = {
	FS("term", F_U64, struct link_control, term, 1),
	FS("driver", F_TOKEN, struct link_control, driver, 1),
};

static const struct field shown_fields[] = {
	FS("seq", F_U64, struct link_shown, seq, 1),
	FS("show", F_BOOL, struct link_shown, show, 1),
	FS("room", F_ITEM, struct link_shown, room, 1),
	FS("lang", F_LANG, struct link_shown, lang, 0),
	FS("item", F_ITEM, struct link_shown, item, 1),
	FS("id", F_U64, struct link_shown, id, 1),
	FS("text", F_TEXT, struct link_shown, text, 0),
};

struct kind_info {
	const char *leaf;            /* last topic level */
	int room;                    /* under room/ROOM/ */
	int presenter;               /* also under presenter/NAME/ */
	const struct field *fields;
	size_t n_fields;
};

#define KIND(leaf, room, pres, f) \
	{ leaf, room, pres, f, sizeof f / sizeof f[0] }
static const struct kind_info kinds[] = {
	[LINK_STATE] = KIND("state", 0, 1, state_fields),
	[LINK_HOST] = KIND("host", 0, 1, host_fields),
	[LINK_PRESENCE] = KIND("presence", 1, 0, presence_fields),
	[LINK_QUESTION] = KIND("question", 1, 0, question_fields),
	[LINK_HAND] = KIND("hand", 1, 0, hand_fields),
	[LINK_CONTROL] = KIND("control", 0, 0, control_fields),
	[LINK_SHOWN] = KIND("shown", 0, 0, shown_fields),
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

static const char *const blank_names[] = { "show", "black", "white" };

const char *link_blank_name(enum link_blank b)
{
	return (unsigned)b < 3 ? blank_names[b] : "show";
}

static int token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static int token_valid_n(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > LINK_TOKEN_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!token_char(s[i]))
			return 0;
	return 1;
}

static int version_valid_n(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > LINK_TOKEN_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!token_char(s[i]) && s[i] != '+')
			return 0;
	return 1;
}

int link_token_valid(const char *s)
{
	return s && token_valid_n(s, strlen(s));
}

static int lang_valid_n(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || n > LINK_LANG_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || (c == '-' && i > 0)))
			return 0;
	}
	return 1;
}

/* Text: valid UTF-8 (checked for the whole payload), no C0, DEL or C1
 * control characters. */
static int text_valid_n(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (k == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return 0;
		i += k;
	}
	return 1;
}

enum vv_err link_topic(enum link_kind kind, const char *session,
		       const char *room, char *buf, size_t size)
{
	int n;

	if ((unsigned)kind >= N_KINDS || !link_token_valid(session) ||
	    (kinds[kind].room && !link_token_valid(room)))
		return VV_ERR_USAGE;
	if (kinds[kind].room)
		n = snprintf(buf, size, TOPIC_ROOT "/%s/room/%s/%s", session,
			     room, kinds[kind].leaf);
	else
		n = snprintf(buf, size, TOPIC_ROOT "/%s/%s", session,
			     kinds[kind].leaf);
	if (n < 0 || (size_t)n >= size)
		return VV_ERR_LIMIT;
	return VV_OK;
}

enum vv_err link_presenter_topic(enum link_kind kind, const char *session,
				 const char *presenter, char *buf,
				 size_t size)
{
	int n;

	if ((unsigned)kind >= N_KINDS || !kinds[kind].presenter)
		return VV_ERR_USAGE;
	if (!link_token_valid(session) || !link_token_valid(presenter))
		return VV_ERR_USAGE;
	n = snprintf(buf, size, TOPIC_ROOT "/%s/presenter/%s/%s", session,
		     presenter, kinds[kind].leaf);
	if (n < 0 || (size_t)n >= size)
		return VV_ERR_LIMIT;
	return VV_OK;
}

/* Splits the topic into its levels; returns their count (at most 6). */
static size_t topic_levels(const char *topic, const char *lv[6],
			   size_t lvlen[6])
{
	size_t n = 0;
	const char *p = topic;

	for (;;) {
		const char *slash = strchr(p, '/');
		size_t l = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 6)
			return 7;
		lv[n] = p;
		lvlen[n] = l;
		n++;
		if (!slash)
			return n;
		p = slash + 1;
	}
}

static int level_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

static enum vv_err parse_topic(const char *topic, struct link_msg *out)
{
	const char *lv[6];
	size_t len[6], n, k;
	int presenter = 0;

	if (!topic || strlen(topic) > LINK_TOPIC_MAX)
		return VV_ERR_FORMAT;
	n = topic_levels(topic, lv, len);
	if ((n != 3 && n != 5) || !level_is(lv[0], len[0], TOPIC_ROOT) ||
	    !token_valid_n(lv[1], len[1]))
		return VV_ERR_FORMAT;
	memcpy(out->session, lv[1], len[1]);
	out->session[len[1]] = '\0';
	if (n == 5) {
		presenter = level_is(lv[2], len[2], "presenter");
		if ((!presenter && !level_is(lv[2], len[2], "room")) ||
		    !token_valid_n(lv[3], len[3]))
			return VV_ERR_FORMAT;
		memcpy(presenter ? out->topic_presenter : out->topic_room,
		       lv[3], len[3]);
		(presenter ? out->topic_presenter : out->topic_room)[len[3]] =
			'\0';
	}
	for (k = 0; k < N_KINDS; k++)
		if ((presenter ? kinds[k].presenter :
		     kinds[k].room == (n == 5)) &&
		    level_is(lv[n - 1], len[n - 1], kinds[k].leaf)) {
			out->kind = (enum link_kind)k;
			return VV_OK;
		}
	return VV_ERR_FORMAT;
}

/* Parses a decimal number without sign, leading '+', spaces or
 * overflow. */
static int parse_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 20)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned d;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

static int parse_double(const char *s, size_t n, double *out)
{
	char buf[40];
	char *end;
	size_t i;

	if (n == 0 || n >= sizeof buf)
		return 0;
	/* plain decimal only: no hex, inf, nan, exponent or spaces */
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		      (s[i] == '-' && i == 0)))
			return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*out = strtod(buf, &end);
	return errno == 0 && end == buf + n && isfinite(*out);
}

static enum vv_err set_field(const struct field *f, const char *v, size_t n,
			     struct link_msg *out)
{
	char *p = (char *)out + f->offset;
	uint64_t u;
	double d;

	switch (f->type) {
	case F_TOKEN:
	case F_ITEM:
	case F_VERSION:
		if (n > LINK_TOKEN_MAX)
			return VV_ERR_LIMIT;
		if (!(f->type == F_ITEM && n == 0) && !token_valid_n(v, n) &&
		    !(f->type == F_VERSION && version_valid_n(v, n)))
			return VV_ERR_FORMAT;
		memcpy(p, v, n);
		p[n] = '\0';
		return VV_OK;
	case F_LANG:
		if (n > LINK_LANG_MAX)
			return VV_ERR_LIMIT;
		if (!lang_valid_n(v, n))
			return VV_ERR_FORMAT;
		memcpy(p, v, n);
		p[n] = '\0';
		return VV_OK;
	case F_TEXT:
		if (n > LINK_TEXT_MAX)
			return VV_ERR_LIMIT;
		if (n == 0 || !text_valid_n(v, n))
			return VV_ERR_FORMAT;
		memcpy(p, v, n);
		p[n] = '\0';
		return VV_OK;
	case F_U64:
		if (!parse_u64(v, n, &u))
			return VV_ERR_FORMAT;
		memcpy(p, &u, sizeof u);
		return VV_OK;
	case F_I64: {
		int64_t i;
		if (!parse_u64(v, n, &u) || u > (uint64_t)INT64_MAX)
			return VV_ERR_FORMAT;
		i = (int64_t)u;
		memcpy(p, &i, sizeof i);
		return VV_OK;
	}
	case F_LONG: {
		long l;
		if (!parse_double(v, n, &d) || d != floor(d) || d < f->min ||
		    d > f->max)
			return VV_ERR_FORMAT;
		l = (long)d;
		memcpy(p, &l, sizeof l);
		return VV_OK;
	}
	case F_DOUBLE:
		if (!parse_double(v, n, &d) || d < f->min || d > f->max)
			return VV_ERR_FORMAT;
		memcpy(p, &d, sizeof d);
		return VV_OK;
	case F_BOOL: {
		int b;
		if (n != 1 || (v[0] != '0' && v[0] != '1'))
			return VV_ERR_FORMAT;
		b = v[0] == '1';
		memcpy(p, &b, sizeof b);
		return VV_OK;
	}
	case F_BLANK: {
		enum link_blank b;
		for (b = LINK_SHOW; b <= LINK_WHITE; b++)
			if (level_is(v, n, blank_names[b])) {
				memcpy(p, &b, sizeof b);
				return VV_OK;
			}
		return VV_ERR_FORMAT;
	}
	}
	return VV_ERR_FORMAT;
}

static void set_defaults(struct link_msg *m)
{
	if (m->kind == LINK_PRESENCE) {
		m->u.presence.participants = -1;
		m->u.presence.following = 1;
	}
}

static enum vv_err parse_payload(const char *s, size_t len,
				 struct link_msg *out)
{
	const struct kind_info *k = &kinds[out->kind];
	uint32_t seen = 0;
	int version_seen = 0;
	size_t pos = 0, i;

	set_defaults(out);
	while (pos < len) {
		const char *line = s + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		const char *eq = memchr(line, '=', n);
		size_t klen, vlen;
		enum vv_err err;

		pos += n + (nl ? 1 : 0);
		if (!eq || eq == line)
			return VV_ERR_FORMAT;
		klen = (size_t)(eq - line);
		vlen = n - klen - 1;
		if (!version_seen) {
			/* the version comes first, so a later version's
			 * fields are never read as this one's */
			if (!level_is(line, klen, "v"))
				return VV_ERR_FORMAT;
			if (!level_is(eq + 1, vlen, "1"))
				return VV_ERR_FORMAT;
			version_seen = 1;
			continue;
		}
		for (i = 0; i < k->n_fields; i++)
			if (level_is(line, klen, k->fields[i].key))
				break;
		if (i == k->n_fields) {
			if (level_is(line, klen, "v"))
				return VV_ERR_FORMAT;
			continue;           /* a newer writer's extra field */
		}
		if (seen & (1u << i))
			return VV_ERR_FORMAT;
		seen |= 1u << i;
		err = set_field(&k->fields[i], eq + 1, vlen, out);
		if (err != VV_OK)
			return err;
	}
	if (!version_seen)
		return VV_ERR_FORMAT;
	for (i = 0; i < k->n_fields; i++)
		if (k->fields[i].required && !(seen & (1u << i)))
			return VV_ERR_FORMAT;
	return VV_OK;
}

enum vv_err link_msg_parse(const char *topic, const void *payload,
			   size_t len, struct link_msg *out)
{
	enum vv_err err;

	memset(out, 0, sizeof *out);
	if (len > LINK_MSG_MAX)
		return VV_ERR_LIMIT;
	if (!payload || len == 0 || memchr(payload, '\0', len) ||
	    !utf8_valid(payload, len))
		return VV_ERR_FORMAT;
	err = parse_topic(topic, out);
	if (err == VV_OK)
		err = parse_payload(payload, len, out);
	/* a room's message names the room of its topic: the broker's ACL
	 * binds the topic to the room's login, so the payload cannot
	 * speak for another room */
	if (err == VV_OK) {
		const char *room = NULL;
		if (out->kind == LINK_PRESENCE)
			room = out->u.presence.room;
		else if (out->kind == LINK_QUESTION)
			room = out->u.question.room;
		else if (out->kind == LINK_HAND)
			room = out->u.hand.room;
		if (room && strcmp(room, out->topic_room) != 0)
			err = VV_ERR_FORMAT;
		/* likewise a co-presenter speaks only for itself: the ACL
		 * gives it presenter/ITS-LOGIN/ only */
		if (out->topic_presenter[0] &&
		    strcmp(out->kind == LINK_STATE ? out->u.state.driver :
			   out->u.host.driver, out->topic_presenter) != 0)
			err = VV_ERR_FORMAT;
	}
	/* a shown question carries its text, its room and its language; a
	 * hidden one carries no text */
	if (err == VV_OK && out->kind == LINK_SHOWN &&
	    (out->u.shown.show ? !out->u.shown.text[0] ||
	     !out->u.shown.room[0] || !out->u.shown.lang[0] :
	     out->u.shown.text[0] != '\0'))
		err = VV_ERR_FORMAT;
	if (err != VV_OK)
		memset(out, 0, sizeof *out);
	return err;
}

struct writer {
	char *buf;
	size_t size, len;
	int full;
};

static void put(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put(struct writer *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(w->buf + w->len, w->size - w->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= w->size - w->len)
		w->full = 1;
	else
		w->len += (size_t)n;
}

enum vv_err link_msg_format(const struct link_msg *msg, char *buf,
			    size_t size, size_t *len)
{
	const struct kind_info *k;
	struct writer w = { buf, size, 0, 0 };
	struct link_msg check;
	size_t i;

	if (!msg || (unsigned)msg->kind >= N_KINDS || size == 0)
		return VV_ERR_USAGE;
	k = &kinds[msg->kind];
	put(&w, "v=%d\n", LINK_MSG_VERSION);
	for (i = 0; i < k->n_fields; i++) {
		const struct field *f = &k->fields[i];
		const char *p = (const char *)msg + f->offset;
		switch (f->type) {
		case F_TOKEN: case F_ITEM: case F_VERSION: case F_LANG:
		case F_TEXT:
			/* an optional language or text left out, as its
			 * empty value would be refused */
			if (!f->required && !*p &&
			    (f->type == F_LANG || f->type == F_TEXT))
				break;
			put(&w, "%s=%s\n", f->key, p);
			break;
		case F_U64: {
			uint64_t u;
			memcpy(&u, p, sizeof u);
			put(&w, "%s=%" PRIu64 "\n", f->key, u);
			break;
		}
		case F_I64: {
			int64_t v;
			memcpy(&v, p, sizeof v);
			put(&w, "%s=%" PRId64 "\n", f->key, v);
			break;
		}
		case F_LONG: {
			long l;
			memcpy(&l, p, sizeof l);
			put(&w, "%s=%ld\n", f->key, l);
			break;
		}
		case F_DOUBLE: {
			double d;
			memcpy(&d, p, sizeof d);
			put(&w, "%s=%.3f\n", f->key, d);
			break;
		}
		case F_BOOL: {
			int b;
			memcpy(&b, p, sizeof b);
			put(&w, "%s=%d\n", f->key, b ? 1 : 0);
			break;
		}
		case F_BLANK: {
			enum link_blank b;
			memcpy(&b, p, sizeof b);
			put(&w, "%s=%s\n", f->key, link_blank_name(b));
			break;
		}
		}
	}
	if (w.full || w.len > LINK_MSG_MAX)
		return VV_ERR_LIMIT;
	/* never send what a reader would refuse */
	{
		char topic[LINK_TOPIC_MAX + 1];
		const char *room = msg->kind == LINK_PRESENCE ?
			msg->u.presence.room : msg->kind == LINK_QUESTION ?
			msg->u.question.room : msg->kind == LINK_HAND ?
			msg->u.hand.room : NULL;
		enum vv_err terr = msg->topic_presenter[0] ?
			link_presenter_topic(msg->kind, msg->session,
					     msg->topic_presenter, topic,
					     sizeof topic) :
			link_topic(msg->kind, msg->session, room, topic,
				   sizeof topic);
		if (terr != VV_OK ||
		    link_msg_parse(topic, buf, w.len, &check) != VV_OK)
			return VV_ERR_USAGE;
	}
	*len = w.len;
	return VV_OK;
}

void link_text_clean(const char *in, char out[LINK_TEXT_MAX + 1])
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t n = strlen((const char *)s), i = 0, o = 0;
	int space = 1;     /* drops leading spaces */

	while (i < n) {
		uint32_t cp;
		size_t k = utf8_next(s + i, n - i, &cp);
		if (k == 0) {
			i++;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == ' ') {
			if (!space && o < LINK_TEXT_MAX)
				out[o++] = ' ';
			space = 1;
		} else {
			if (o + k > LINK_TEXT_MAX)
				break;
			memcpy(out + o, s + i, k);
			o += k;
			space = 0;
		}
		i += k;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

int link_seekdamp_step(struct link_seekdamp *d, double now, double drift,
		       double threshold)
{
	if (drift <= threshold && drift >= -threshold) {
		if (!d->calm) {
			d->calm = 1;
			d->calm_since = now;
		}
		if (now - d->calm_since >= LINK_SEEK_CALM)
			d->wait = 0;
		return 0;
	}
	d->calm = 0;
	if (now < d->next)
		return 0;
	d->wait = d->wait <= 0 ? 1.0 : d->wait * 2;
	if (d->wait > LINK_SEEK_WAIT_MAX)
		d->wait = LINK_SEEK_WAIT_MAX;
	d->next = now + d->wait;
	return 1;
}
