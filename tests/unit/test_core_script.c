/* Unit tests for player/core/script (the --script parser). */
#include "player/core/script.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	struct script *s = NULL;
	const struct script_event *e;
	enum vv_err err;

	err = script_parse("# a comment\n"
			   "0.50 key Right\n"
			   "\n"
			   "2.0 screenshot slide-1\n"
			   "1.2 tap 960 540\n"
			   "  3 quit\r\n", "t.script", &s);
	CHECK(err == VV_OK && s, "script: valid script parses");
	if (s) {
		CHECK(script_count(s) == 4, "script: four events");
		e = script_at(s, 1);
		CHECK(e && e->kind == SCRIPT_TAP && e->x == 960 && e->y == 540,
		      "script: events sorted by time, tap coordinates kept");
		e = script_at(s, 2);
		CHECK(e && e->kind == SCRIPT_SCREENSHOT && e->line == 4,
		      "script: screenshot keeps its line number");
		CHECK_STR(e ? e->arg : NULL, "slide-1",
			  "script: screenshot name");
		CHECK(script_next(s, 0.49) == NULL,
		      "script: nothing due early");
		CHECK(script_next_time(s) == 0.5,
		      "script: next event's time, for the loop's sleep");
		e = script_next(s, 0.5);
		CHECK(e && e->kind == SCRIPT_KEY,
		      "script: key due at its time");
		CHECK_STR(e ? e->arg : NULL, "Right", "script: key name");
		CHECK(script_next(s, 0.5) == NULL,
		      "script: event consumed once");
		e = script_next(s, 10);
		CHECK(e && e->kind == SCRIPT_TAP,
		      "script: late events in order");
		script_next(s, 10);
		e = script_next(s, 10);
		CHECK(e && e->kind == SCRIPT_QUIT && script_done(s),
		      "script: quit last, then done");
		CHECK(script_next_time(s) < 0,
		      "script: no next time when done");
		script_free(s);
	}

	s = NULL;
	fprintf(stderr, "(the next lines are expected errors)\n");
	CHECK(script_parse("1 jump 3\n", "t", &s) == VV_ERR_FORMAT && !s,
	      "script: unknown event refused");
	CHECK(script_parse("0 key Right\nabc key Left\n", "t", &s) ==
	      VV_ERR_FORMAT, "script: bad time refused");
	CHECK(script_parse("1 tap 10\n", "t", &s) == VV_ERR_FORMAT,
	      "script: tap needs two numbers");
	CHECK(script_parse("1 tap 10 x\n", "t", &s) == VV_ERR_FORMAT,
	      "script: tap needs integers");
	CHECK(script_parse("1 screenshot ../etc/x\n", "t", &s) ==
	      VV_ERR_FORMAT, "script: screenshot name cannot leave the dir");
	CHECK(script_parse("-1 quit\n", "t", &s) == VV_ERR_FORMAT,
	      "script: negative time refused");
	CHECK(script_parse("1 quit now\n", "t", &s) == VV_ERR_FORMAT,
	      "script: extra words refused");
	CHECK(script_parse("1 hang now\n", "t", &s) == VV_ERR_FORMAT,
	      "script: hang takes no arguments");
	CHECK(script_parse("2 hang\n", "t", &s) == VV_OK &&
	      script_next(s, 2)->kind == SCRIPT_HANG,
	      "script: hang (tests only) parsed");
	script_free(s);
	s = NULL;
	CHECK(script_load("/nonexistent/x.script", &s) == VV_ERR_IO,
	      "script: missing file is an I/O error");
	{
		/* 100,001 events: over the cap, which is a limit, not a
		 * memory error. */
		size_t i, n = 100001, len = 0;
		char *many = malloc(n * 8 + 1);

		if (many) {
			for (i = 0; i < n; i++)
				len += (size_t)sprintf(many + len, "1 quit\n");
			CHECK(script_parse(many, "t", &s) == VV_ERR_LIMIT &&
			      !s, "script: over the event cap is VV_ERR_LIMIT");
			free(many);
		}
	}
	CHECK(script_parse("", "t", &s) == VV_OK && s && script_done(s),
	      "script: empty script is done at once");
	script_free(s);
	script_free(NULL);
	/* type: the rest of the line, any script, spaces kept */
	s = NULL;
	CHECK(script_parse("1 type \xd9\x85\xd8\xaa\xd9\x89  \xd9\x8a\xd8\xa8"
			   "\xd8\xaf\xd8\xa3\xd8\x9f?\r\n"
			   "0.5\ttype \xe1\x88\xb0\xe1\x88\x8b\xe1\x88\x9d\n",
			   "t", &s) == VV_OK && s && script_count(s) == 2,
	      "script: type lines parse");
	if (s) {
		e = script_at(s, 0);
		CHECK(e && e->kind == SCRIPT_TYPE && e->time == 0.5 &&
		      e->text && strcmp(e->text,
		      "\xe1\x88\xb0\xe1\x88\x8b\xe1\x88\x9d") == 0,
		      "script: type keeps Ethiopic text");
		e = script_at(s, 1);
		CHECK(e && e->text && strcmp(e->text, "\xd9\x85\xd8\xaa\xd9"
		      "\x89  \xd9\x8a\xd8\xa8\xd8\xaf\xd8\xa3\xd8\x9f?") == 0,
		      "script: type keeps inner spaces, drops the CR");
		script_free(s);
	}
	s = NULL;
	CHECK(script_parse("1 type \xd9\n", "t", &s) == VV_ERR_FORMAT && !s,
	      "script: type refuses invalid UTF-8");
	CHECK(script_parse("1 type \n", "t", &s) == VV_ERR_FORMAT && !s,
	      "script: type wants a text");
	CHECK(script_parse("x type hello\n", "t", &s) == VV_ERR_FORMAT && !s,
	      "script: type wants a time first");
	CHECK(script_name_ok("a_b-1.x") && !script_name_ok(".hidden") &&
	      !script_name_ok("a/b") && !script_name_ok(""),
	      "script: screenshot names checked");
	return CHECK_DONE();
}
