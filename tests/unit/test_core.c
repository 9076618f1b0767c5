/* Unit tests for player/core: idle timer, keys and chord, JSON log
 * escaping, virtual clock. */
#include "common/json.h"
#include "player/core/clock.h"
#include "player/core/idle.h"
#include "player/core/jsonlog.h"
#include "player/core/keys.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_idle(void)
{
	struct idle idle;
	double left;

	idle_init(&idle, 60, 10, 5);
	CHECK(idle_check(&idle, 64, &left) == IDLE_ACTIVE && left == 1,
	      "idle: active before the timeout");
	CHECK(idle_check(&idle, 65, &left) == IDLE_ASKING && left == 10,
	      "idle: asks at the timeout with the full countdown");
	CHECK(idle_check(&idle, 75, &left) == IDLE_EXPIRED && left == 0,
	      "idle: expires after the countdown");
	idle_touch(&idle, 70);
	CHECK(idle_check(&idle, 75, NULL) == IDLE_ACTIVE,
	      "idle: activity restarts the timer");
	idle_touch(&idle, 20);
	CHECK(idle.last_activity == 70, "idle: time never goes back");
	idle_init(&idle, 0, -1, 0);
	CHECK(idle.timeout == 90 && idle.countdown == 15,
	      "idle: defaults for unset durations");
}

static void test_keys(void)
{
	struct keys_chord c;
	enum nav_input in;
	long arg;

	CHECK(keys_parse_chord("ctrl+alt+q", &c) == VV_OK &&
	      c.mods == (KEYS_CTRL | KEYS_ALT) && strcmp(c.key, "q") == 0,
	      "keys: chord parsed");
	CHECK(keys_chord_match(&c, KEYS_CTRL | KEYS_ALT, "Q"),
	      "keys: chord matches key name in any case");
	CHECK(!keys_chord_match(&c, KEYS_CTRL, "Q"),
	      "keys: chord needs every modifier");
	CHECK(!keys_chord_match(&c, KEYS_CTRL | KEYS_ALT | KEYS_SHIFT, "Q"),
	      "keys: chord refuses extra modifiers");
	CHECK(keys_parse_chord("ctrl+alt", &c) == VV_ERR_USAGE,
	      "keys: chord without a key refused");
	CHECK(keys_parse_chord("q+ctrl", &c) == VV_ERR_USAGE,
	      "keys: key must come last");
	CHECK(keys_parse_chord("Shift+F12", &c) == VV_OK &&
	      c.mods == KEYS_SHIFT, "keys: function key chord");
	CHECK(keys_to_nav("PageDown", NAV_MODE_GROUP, &in, &arg) &&
	      in == NAV_IN_NEXT, "keys: clicker PageDown is next");
	CHECK(keys_to_nav("left", NAV_MODE_KIOSK, &in, &arg) &&
	      in == NAV_IN_BACK, "keys: Left is back");
	CHECK(keys_to_nav("Home", NAV_MODE_GROUP, &in, &arg) &&
	      in == NAV_IN_FIRST, "keys: Home is the first slide in a group");
	CHECK(keys_to_nav("3", NAV_MODE_KIOSK, &in, &arg) &&
	      in == NAV_IN_JUMP && arg == 2, "keys: digit picks 0-based");
	CHECK(keys_to_nav("X", NAV_MODE_KIOSK, &in, &arg) &&
	      in == NAV_IN_WAKE, "keys: any key wakes a kiosk");
	CHECK(!keys_to_nav("X", NAV_MODE_GROUP, &in, &arg),
	      "keys: unknown key ignored in a group");
	/* The staff's chords begin with Ctrl and Alt held down: those
	 * presses alone must not move the kiosk under the overlay. */
	CHECK(!keys_to_nav("Left Ctrl", NAV_MODE_KIOSK, &in, &arg) &&
	      !keys_to_nav("Right Alt", NAV_MODE_KIOSK, &in, &arg) &&
	      !keys_to_nav("Left Shift", NAV_MODE_KIOSK, &in, &arg) &&
	      !keys_to_nav("Left GUI", NAV_MODE_KIOSK, &in, &arg),
	      "keys: a modifier alone does not wake a kiosk");
}

static void test_jsonlog(void)
{
	char buf[64];
	size_t len = 0;
	struct jsonlog *log = NULL;
	char path[] = "/tmp/vv-jsonlog-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	char line[256] = "";

	json_escape(buf, sizeof buf, &len, "a\"b\\c\n\x01\xff\xc3\xa5");
	CHECK_STR(buf, "a\\\"b\\\\c\\n\\u0001\xef\xbf\xbd\xc3\xa5",
		  "jsonlog: quotes, control and invalid UTF-8 escaped");
	len = 0;
	json_escape(buf, 8, &len, "0123456789");
	CHECK(len == 7 && strlen(buf) == 7, "jsonlog: escape stops at size");
	CHECK(fd >= 0 && jsonlog_open(path, &log) == VV_OK,
	      "jsonlog: opens a file");
	jsonlog_begin(log, 1.5, "screen");
	jsonlog_str(log, "name", "attract");
	jsonlog_int(log, "n", -3);
	jsonlog_num(log, "ms", 2.25);
	jsonlog_end(log);
	jsonlog_free(log);
	f = fopen(path, "r");
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = 0;
		fclose(f);
	}
	CHECK_STR(line, "{\"t\":1.500,\"event\":\"screen\","
		  "\"name\":\"attract\",\"n\":-3,\"ms\":2.250}\n",
		  "jsonlog: one object a line");
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	jsonlog_begin(NULL, 0, "x");  /* NULL log: no-op */
	jsonlog_end(NULL);
	jsonlog_free(NULL);
}

static void test_clock(void)
{
	struct clock *c = NULL;

	CHECK(clock_new(1, &c) == VV_OK && clock_now(c) == 0,
	      "clock: virtual clock starts at 0");
	clock_advance(c, 0.25);
	clock_advance(c, -1);
	CHECK(clock_now(c) == 0.25, "clock: virtual time moves only forward");
	clock_free(c);
	CHECK(clock_new(0, &c) == VV_OK && clock_now(c) >= 0 &&
	      clock_now(c) < 5, "clock: real clock starts near 0");
	clock_free(c);
	clock_free(NULL);
}

int main(void)
{
	test_idle();
	test_keys();
	test_jsonlog();
	test_clock();
	return CHECK_DONE();
}
