/* Unit tests for player/core/link_msg: linked rooms' topics and payloads
 * round-trip, and the parser refuses what a hostile client could send:
 * oversize, other versions, duplicates, out-of-range values, bad UTF-8,
 * control characters, wildcards in topics, a room speaking for another. */
#include <stdlib.h>

#include "player/core/link_msg.h"
#include "tests/unit/check.h"

static enum vv_err parse_str(const char *topic, const char *payload,
			     struct link_msg *m)
{
	return link_msg_parse(topic, payload, strlen(payload), m);
}

static const char *const good_state =
	"v=1\nseq=7\ndriver=host\npack=career\nversion=1.2+b3\n"
	"level=lower-secondary\nitem=meeting\nindex=3\nplaying=1\n"
	"position=12.500\nsent_ms=1764657000123\nblank=black\n";

static void test_topics(void)
{
	char buf[LINK_TOPIC_MAX + 1];

	CHECK(link_topic(LINK_STATE, "webinar-12", NULL, buf, sizeof buf) ==
	      VV_OK && strcmp(buf, "veiviser/webinar-12/state") == 0,
	      "state topic");
	CHECK(link_topic(LINK_QUESTION, "w", "bodo", buf, sizeof buf) ==
	      VV_OK && strcmp(buf, "veiviser/w/room/bodo/question") == 0,
	      "question topic");
	CHECK(link_topic(LINK_STATE, "a/b", NULL, buf, sizeof buf) ==
	      VV_ERR_USAGE && link_topic(LINK_STATE, "a+", NULL, buf,
					 sizeof buf) == VV_ERR_USAGE &&
	      link_topic(LINK_HAND, "w", "#", buf, sizeof buf) ==
	      VV_ERR_USAGE && link_topic(LINK_HAND, "w", NULL, buf,
					 sizeof buf) == VV_ERR_USAGE,
	      "no separator or wildcard in a session or room name");
	CHECK(link_topic(LINK_STATE, "w", NULL, buf, 8) == VV_ERR_LIMIT,
	      "a short buffer is a size cap");
	CHECK(link_token_valid("nb-NO_1.2x") && !link_token_valid("") &&
	      !link_token_valid("a b") && !link_token_valid(
		      "0123456789012345678901234567890123456789"
		      "01234567890123456789012345"), "tokens");
}

static void test_state(void)
{
	struct link_msg m, back;
	char buf[LINK_MSG_MAX];
	size_t len = 0;

	CHECK(parse_str("veiviser/w1/state", good_state, &m) == VV_OK,
	      "a state parses");
	CHECK(m.kind == LINK_STATE && strcmp(m.session, "w1") == 0 &&
	      m.u.state.seq == 7 && strcmp(m.u.state.item, "meeting") == 0 &&
	      m.u.state.index == 3 && m.u.state.playing == 1 &&
	      m.u.state.position == 12.5 &&
	      m.u.state.sent_ms == 1764657000123LL &&
	      m.u.state.blank == LINK_BLACK && m.u.state.ended == 0 &&
	      strcmp(m.u.state.level, "lower-secondary") == 0,
	      "every state field is read");
	CHECK(link_msg_format(&m, buf, sizeof buf, &len) == VV_OK &&
	      link_msg_parse("veiviser/w1/state", buf, len, &back) == VV_OK &&
	      memcmp(&m.u.state, &back.u.state, sizeof m.u.state) == 0,
	      "a state round-trips");
	CHECK(link_msg_format(&m, buf, 20, &len) == VV_ERR_LIMIT,
	      "format into a short buffer is a size cap");
	m.u.state.position = -1;
	CHECK(link_msg_format(&m, buf, sizeof buf, &len) == VV_ERR_USAGE,
	      "format refuses what a reader would refuse");
	CHECK(parse_str("veiviser/w1/state",
			"v=1\nseq=1\ndriver=h\npack=p\nversion=1\nlevel=l\n"
			"item=\nindex=-1\nplaying=0\nposition=0\nsent_ms=0\n"
			"blank=show\nfuture=yes", &m) == VV_OK &&
	      m.u.state.item[0] == '\0', "an empty item and an unknown "
	      "field (a newer writer's) are taken, no final newline needed");
}

static void test_refusals(void)
{
	struct link_msg m;
	char *big, *s;
	size_t i;
	static const struct { const char *what, *find, *repl; } bad[] = {
		{ "version 2", "v=1", "v=2" },
		{ "no version first", "v=1\n", "" },
		{ "a negative index below -1", "index=3", "index=-2" },
		{ "a huge index", "index=3", "index=100001" },
		{ "a fractional index", "index=3", "index=3.5" },
		{ "a negative position", "position=12.500", "position=-1" },
		{ "a position over a day", "position=12.500",
		  "position=86401" },
		{ "nan", "position=12.500", "position=nan" },
		{ "an exponent", "position=12.500", "position=1e3" },
		{ "hex", "position=12.500", "position=0x10" },
		{ "playing 2", "playing=1", "playing=2" },
		{ "blank grey", "blank=black", "blank=grey" },
		{ "seq overflow", "seq=7", "seq=18446744073709551616" },
		{ "seq with a sign", "seq=7", "seq=+7" },
		{ "an item with a space", "item=meeting", "item=a b" },
		{ "an item with a slash", "item=meeting", "item=a/b" },
		{ "a line without =", "item=meeting\n", "item=meeting\nx\n" },
		{ "a duplicate field", "item=meeting",
		  "item=meeting\nitem=other" },
		{ "a second version line", "item=meeting", "item=meeting\nv=1" },
		{ "a missing field", "driver=host\n", "" },
		{ "an empty key", "item=meeting", "=x" },
	};

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char name[128];
		const char *at = strstr(good_state, bad[i].find);
		size_t pre = (size_t)(at - good_state);
		s = malloc(strlen(good_state) + strlen(bad[i].repl) + 1);
		memcpy(s, good_state, pre);
		strcpy(s + pre, bad[i].repl);
		strcat(s, at + strlen(bad[i].find));
		snprintf(name, sizeof name, "refuses %s", bad[i].what);
		CHECK(parse_str("veiviser/w/state", s, &m) == VV_ERR_FORMAT &&
		      m.session[0] == '\0', name);
		free(s);
	}
	big = malloc(LINK_MSG_MAX + 2);
	memset(big, 'a', LINK_MSG_MAX + 1);
	memcpy(big, "v=1\n", 4);
	CHECK(link_msg_parse("veiviser/w/state", big, LINK_MSG_MAX + 1, &m) ==
	      VV_ERR_LIMIT, "a payload over the cap is refused");
	free(big);
	CHECK(link_msg_parse("veiviser/w/state", "v=1\0", 4, &m) ==
	      VV_ERR_FORMAT, "a NUL byte is refused");
	CHECK(parse_str("veiviser/w/state", "v=1\nitem=\xc3\x28\n", &m) ==
	      VV_ERR_FORMAT, "invalid UTF-8 is refused");
	CHECK(parse_str("veiviser/w/state", "", &m) == VV_ERR_FORMAT,
	      "an empty payload is refused");
	CHECK(parse_str("veiviser/w/other", good_state, &m) == VV_ERR_FORMAT &&
	      parse_str("veiviser/w/state/x", good_state, &m) ==
	      VV_ERR_FORMAT && parse_str("other/w/state", good_state, &m) ==
	      VV_ERR_FORMAT && parse_str("veiviser//state", good_state, &m) ==
	      VV_ERR_FORMAT && parse_str("veiviser/w/room/r/state",
					 good_state, &m) == VV_ERR_FORMAT &&
	      parse_str("veiviser/w/room/r/x/y/presence", good_state, &m) ==
	      VV_ERR_FORMAT, "unknown topics are refused");
}

static void test_room_messages(void)
{
	struct link_msg m, back;
	char buf[LINK_MSG_MAX];
	size_t len;
	char text[LINK_TEXT_MAX + 1];
	/* Arabic and Tigrinya: "when does it start?" and a greeting */
	static const char q[] = "\xd9\x85\xd8\xaa\xd9\x89 \xd9\x8a\xd8\xa8"
		"\xd8\xaf\xd8\xa3\xd8\x9f \xe1\x88\xb0\xe1\x88\x8b\xe1\x88\x9d";

	CHECK(parse_str("veiviser/w/room/bodo/presence",
			"v=1\nroom=bodo\nlang=uk\nonline=0\n", &m) == VV_OK &&
	      m.kind == LINK_PRESENCE && m.u.presence.online == 0 &&
	      m.u.presence.participants == -1 && m.u.presence.following == 1,
	      "a last-will presence parses with defaults");
	CHECK(parse_str("veiviser/w/room/bodo/presence",
			"v=1\nroom=narvik\nlang=uk\nonline=1\n", &m) ==
	      VV_ERR_FORMAT, "a room cannot speak for another room");
	CHECK(parse_str("veiviser/w/room/bodo/presence",
			"v=1\nroom=bodo\nlang=uk\nonline=1\n"
			"participants=10001\n", &m) == VV_ERR_FORMAT,
	      "a participant count over the cap is refused");
	memset(&m, 0, sizeof m);
	m.kind = LINK_QUESTION;
	strcpy(m.session, "w");
	strcpy(m.u.question.room, "tromso");
	strcpy(m.u.question.lang, "ar");
	strcpy(m.u.question.item, "meeting");
	m.u.question.id = 3;
	strcpy(m.u.question.text, q);
	CHECK(link_msg_format(&m, buf, sizeof buf, &len) == VV_OK &&
	      link_msg_parse("veiviser/w/room/tromso/question", buf, len,
			     &back) == VV_OK &&
	      strcmp(back.u.question.text, q) == 0 &&
	      strcmp(back.topic_room, "tromso") == 0,
	      "an Arabic and Tigrinya question round-trips intact");
	CHECK(parse_str("veiviser/w/room/tromso/question",
			"v=1\nroom=tromso\nlang=ar\nitem=x\nid=1\n"
			"text=a\x1b[2Jb\n", &m) == VV_ERR_FORMAT,
	      "a control character in a question is refused");
	CHECK(parse_str("veiviser/w/room/tromso/question",
			"v=1\nroom=tromso\nlang=ar\nitem=x\nid=1\n"
			"text=a\xc2\x85" "b\n", &m) == VV_ERR_FORMAT,
	      "a C1 control character is refused");
	link_text_clean("  line one\n\tline\xff two \x1b  ", text);
	CHECK_STR(text, "line one line two", "typed text is cleaned");
	{
		char *longtext = malloc(3000);
		size_t i;
		for (i = 0; i + 2 < 2999; i += 2)
			memcpy(longtext + i, "\xd8\xa8", 2);
		longtext[i] = '\0';
		link_text_clean(longtext, text);
		CHECK(strlen(text) == LINK_TEXT_MAX &&
		      text[LINK_TEXT_MAX - 2] == '\xd8',
		      "long text is cut on a character boundary");
		free(longtext);
	}
	{
		/* a question of LINK_TEXT_MAX + 1 bytes is refused; one of
		 * LINK_TEXT_MAX is taken */
		char *p = malloc(LINK_MSG_MAX);
		int n = snprintf(p, LINK_MSG_MAX, "v=1\nroom=tromso\nlang=ar\n"
				 "item=x\nid=1\ntext=");
		memset(p + n, 'a', LINK_TEXT_MAX + 1);
		CHECK(link_msg_parse("veiviser/w/room/tromso/question", p,
				     (size_t)n + LINK_TEXT_MAX + 1, &m) ==
		      VV_ERR_LIMIT && m.u.question.text[0] == '\0',
		      "an over-long question is refused");
		CHECK(link_msg_parse("veiviser/w/room/tromso/question", p,
				     (size_t)n + LINK_TEXT_MAX, &m) == VV_OK &&
		      strlen(m.u.question.text) == LINK_TEXT_MAX,
		      "a question of the longest length is taken");
		free(p);
	}
	CHECK(parse_str("veiviser/w/room/tromso/question",
			"v=1\nroom=tromso\nlang=ar\nitem=x\nid=1\n"
			"text=\xd9\x85\xd8\n", &m) == VV_ERR_FORMAT,
	      "a question cut inside a character is refused");
	CHECK(parse_str("veiviser/w/room/tromso/question",
			"v=1\nroom=tromso\nlang=ar\nitem=x\nid=1\n"
			"text=\xc0\xaf" "etc\n", &m) == VV_ERR_FORMAT,
	      "an overlong UTF-8 encoding in a question is refused");
	CHECK(parse_str("veiviser/w/room/tromso/question",
			"v=1\nroom=tromso\nlang=ar\nitem=x\nid=1\n"
			"text=\xed\xa0\x80\n", &m) == VV_ERR_FORMAT,
	      "a UTF-16 surrogate in a question is refused");
	CHECK(parse_str("veiviser/w/room/tromso/question",
			"v=1\nroom=tromso\nlang=ar\nitem=x\nid=1\ntext=\n",
			&m) == VV_ERR_FORMAT, "an empty question is refused");
	/* the host's shown question */
	memset(&m, 0, sizeof m);
	m.kind = LINK_SHOWN;
	strcpy(m.session, "w");
	m.u.shown.seq = 4;
	m.u.shown.show = 1;
	strcpy(m.u.shown.room, "tromso");
	strcpy(m.u.shown.lang, "ar");
	strcpy(m.u.shown.item, "s2");
	m.u.shown.id = 3;
	strcpy(m.u.shown.text, q);
	CHECK(link_topic(LINK_SHOWN, "w", NULL, buf, sizeof buf) == VV_OK &&
	      strcmp(buf, "veiviser/w/shown") == 0, "shown topic");
	CHECK(link_msg_format(&m, buf, sizeof buf, &len) == VV_OK &&
	      link_msg_parse("veiviser/w/shown", buf, len, &back) == VV_OK &&
	      back.kind == LINK_SHOWN && back.u.shown.show == 1 &&
	      strcmp(back.u.shown.text, q) == 0 &&
	      strcmp(back.u.shown.room, "tromso") == 0 &&
	      strcmp(back.u.shown.lang, "ar") == 0 && back.u.shown.id == 3,
	      "a shown question round-trips intact");
	m.u.shown.show = 0;
	m.u.shown.text[0] = '\0';
	m.u.shown.lang[0] = '\0';
	m.u.shown.room[0] = '\0';
	CHECK(link_msg_format(&m, buf, sizeof buf, &len) == VV_OK &&
	      memmem(buf, len, "text=", 5) == NULL &&
	      link_msg_parse("veiviser/w/shown", buf, len, &back) == VV_OK &&
	      back.u.shown.show == 0, "a hidden question has no text");
	CHECK(parse_str("veiviser/w/shown", "v=1\nseq=1\nshow=1\nroom=a\n"
			"lang=ar\nitem=s1\nid=1\n", &m) == VV_ERR_FORMAT,
	      "a shown question without text is refused");
	CHECK(parse_str("veiviser/w/shown", "v=1\nseq=1\nshow=0\nroom=\n"
			"item=s1\nid=1\ntext=hei\n", &m) == VV_ERR_FORMAT,
	      "a hidden question with a text is refused");
	CHECK(parse_str("veiviser/w/shown", "v=2\nseq=1\nshow=0\nroom=\n"
			"item=s1\nid=1\n", &m) == VV_ERR_FORMAT,
	      "a shown question of another version is refused");
	CHECK(parse_str("veiviser/w/shown", "v=1\nseq=1\nshow=1\nroom=a\n"
			"lang=ar\nitem=s1\nid=1\ntext=a\x7f" "b\n", &m) ==
	      VV_ERR_FORMAT, "a control character in a shown question is "
	      "refused");
	CHECK(parse_str("veiviser/w/room/a/shown", "v=1\nseq=1\nshow=0\n"
			"room=\nitem=s1\nid=1\n", &m) == VV_ERR_FORMAT,
	      "a shown question below a room's topic is refused");
	CHECK(parse_str("veiviser/w/room/r/hand", "v=1\nroom=r\nup=1", &m) ==
	      VV_OK && m.u.hand.up == 1, "a hand");
	CHECK(parse_str("veiviser/w/control", "v=1\nterm=2\ndriver=nav", &m)
	      == VV_OK && strcmp(m.u.control.driver, "nav") == 0 &&
	      m.u.control.term == 2, "control");
	CHECK(parse_str("veiviser/w/control", "v=1\ndriver=nav", &m) ==
	      VV_ERR_FORMAT, "a control record without its term is refused");
	CHECK(parse_str("veiviser/w/host", "v=1\ndriver=host\nonline=0", &m) ==
	      VV_OK && m.u.host.online == 0, "the host's last will");
}

/* A co-presenter's own topics: its state and presence under
 * presenter/NAME/, speaking only for NAME. */
static void test_presenter(void)
{
	char buf[LINK_TOPIC_MAX + 1], out[LINK_MSG_MAX];
	struct link_msg m, back;
	size_t len = 0;
	static const char *const nav_state =
		"v=1\nseq=3\nterm=17\ndriver=nav\npack=p\nversion=1\n"
		"level=l\nitem=s2\nindex=1\nplaying=1\nposition=0\n"
		"sent_ms=0\nblank=show\n";

	CHECK(link_presenter_topic(LINK_STATE, "w", "nav", buf, sizeof buf)
	      == VV_OK && strcmp(buf, "veiviser/w/presenter/nav/state") == 0,
	      "a co-presenter's state topic");
	CHECK(link_presenter_topic(LINK_QUESTION, "w", "nav", buf,
				   sizeof buf) == VV_ERR_USAGE &&
	      link_presenter_topic(LINK_STATE, "w", "n+", buf, sizeof buf) ==
	      VV_ERR_USAGE, "only state and presence, only tokens");
	CHECK(parse_str("veiviser/w/presenter/nav/state", nav_state, &m) ==
	      VV_OK && m.kind == LINK_STATE && m.u.state.term == 17 &&
	      strcmp(m.topic_presenter, "nav") == 0 && !m.topic_room[0],
	      "a co-presenter's state parses, with its term");
	CHECK(parse_str("veiviser/w/presenter/bodo/state", nav_state, &m) ==
	      VV_ERR_FORMAT, "a co-presenter cannot speak for another");
	CHECK(parse_str("veiviser/w/presenter/nav/question", nav_state, &m) ==
	      VV_ERR_FORMAT && parse_str("veiviser/w/room/nav/state",
					 nav_state, &m) == VV_ERR_FORMAT,
	      "no other kind under presenter/, no state under room/");
	CHECK(parse_str("veiviser/w/presenter/nav/host",
			"v=1\ndriver=nav\nonline=1", &m) == VV_OK &&
	      m.kind == LINK_HOST && strcmp(m.topic_presenter, "nav") == 0,
	      "a co-presenter's presence");
	CHECK(parse_str("veiviser/w/presenter/nav/state", nav_state, &m) ==
	      VV_OK && link_msg_format(&m, out, sizeof out, &len) == VV_OK &&
	      link_msg_parse("veiviser/w/presenter/nav/state", out, len,
			     &back) == VV_OK &&
	      memcmp(&m.u.state, &back.u.state, sizeof m.u.state) == 0,
	      "a co-presenter's state round-trips");
	CHECK(parse_str("veiviser/w/state", good_state, &m) == VV_OK &&
	      m.u.state.term == 0, "a state without a term has term 0");
}

/* A room whose drift stays over the threshold (a slow machine) seeks at
 * growing intervals, 1, 2, 4, 8, 8 s, not every second; once its drift
 * has stayed under the threshold for LINK_SEEK_CALM seconds the next
 * seek waits 1 s again. */
static void test_seek_damping(void)
{
	struct link_seekdamp d = { 0 };
	double seeks[8], t;
	int n = 0, ok;

	for (t = 0; t <= 30.0 && n < 8; t += 0.25)
		if (link_seekdamp_step(&d, t, 0.6, 0.5))
			seeks[n++] = t;
	CHECK(n == 6 && seeks[0] == 0 && seeks[1] == 1 && seeks[2] == 3 &&
	      seeks[3] == 7 && seeks[4] == 15 && seeks[5] == 23,
	      "over-threshold drift seeks at 0, 1, 3, 7, 15, 23 s");
	CHECK(!link_seekdamp_step(&d, 24.0, -0.6, 0.5),
	      "no seek inside the backoff, either way");
	/* converged: under the threshold from 31 s for LINK_SEEK_CALM */
	for (t = 31.0; t <= 31.0 + LINK_SEEK_CALM; t += 0.25)
		CHECK(!link_seekdamp_step(&d, t, 0.1, 0.5),
		      "no seek under the threshold");
	t = 31.0 + LINK_SEEK_CALM + 0.25;
	ok = link_seekdamp_step(&d, t, 0.7, 0.5) &&
	     !link_seekdamp_step(&d, t + 0.75, 0.7, 0.5) &&
	     link_seekdamp_step(&d, t + 1.0, 0.7, 0.5);
	CHECK(ok, "a converged room's backoff starts again at 1 s");
	/* a short calm spell does not reset it */
	d = (struct link_seekdamp){ 0 };
	CHECK(link_seekdamp_step(&d, 0, 0.6, 0.5) &&
	      link_seekdamp_step(&d, 1, 0.6, 0.5), "seeks at 0 and 1 s");
	CHECK(!link_seekdamp_step(&d, 2, 0.1, 0.5) &&
	      link_seekdamp_step(&d, 3, 0.6, 0.5) &&
	      !link_seekdamp_step(&d, 4, 0.6, 0.5) &&
	      !link_seekdamp_step(&d, 6.75, 0.6, 0.5) &&
	      link_seekdamp_step(&d, 7, 0.6, 0.5),
	      "a one-second calm spell does not reset the backoff");
}

int main(void)
{
	test_seek_damping();
	test_presenter();
	test_topics();
	test_state();
	test_refusals();
	test_room_messages();
	return CHECK_DONE();
}
