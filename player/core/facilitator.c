/* facilitator: group-session keys, number entry, blanking, leaving. */
#include "player/core/facilitator.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct facilitator {
	size_t n_items;
	enum facilitator_phase phase;
	enum facilitator_blank blank;
	char digits[FACILITATOR_MAX_DIGITS + 1];
	long participants;
	int bad_number;
};

enum vv_err facilitator_new(size_t n_items, long participants,
			    struct facilitator **out)
{
	struct facilitator *f = calloc(1, sizeof *f);

	*out = NULL;
	if (!f)
		return VV_ERR_NOMEM;
	f->n_items = n_items;
	f->participants = participants >= 0 ? participants : -1;
	*out = f;
	return VV_OK;
}

void facilitator_free(struct facilitator *f)
{
	free(f);
}

void facilitator_set_items(struct facilitator *f, size_t n_items)
{
	f->n_items = n_items;
}

static int is_key(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(key, *names) == 0)
			return 1;
	return 0;
}

/* The digit a key types ("7" or "Keypad 7"), or -1. */
static int digit_of(const char *key)
{
	if (strncasecmp(key, "Keypad ", 7) == 0)
		key += 7;
	if (key[0] >= '0' && key[0] <= '9' && !key[1])
		return key[0] - '0';
	return -1;
}

static const char *const next_keys[] = { "PageDown", "Right", "Down",
	"Space", NULL };
static const char *const back_keys[] = { "PageUp", "Left", "Up", NULL };
static const char *const enter_keys[] = { "Return", "Keypad Enter",
	"Return2", NULL };
static const char *const black_keys[] = { "B", ".", "Keypad .", NULL };
static const char *const white_keys[] = { "W", ",", NULL };
static const char *const bigger_keys[] = { "+", "=", "Keypad +", NULL };
static const char *const smaller_keys[] = { "-", "Keypad -", NULL };

static void push_digit(struct facilitator *f, int d)
{
	size_t n = strlen(f->digits);

	/* A leading zero adds nothing, but it is kept on its own until
	 * the next digit replaces it: "0 Enter" is a slide number out of
	 * range, which the console refuses, not a plain Enter that moves
	 * the room on. More digits than fit are dropped (the console
	 * shows what was kept). */
	if (n == 1 && f->digits[0] == '0' && f->phase == FACILITATOR_RUNNING)
		n = 0;
	if (n < FACILITATOR_MAX_DIGITS) {
		f->digits[n] = (char)('0' + d);
		f->digits[n + 1] = 0;
	}
}

static void pop_digit(struct facilitator *f)
{
	size_t n = strlen(f->digits);

	if (n)
		f->digits[n - 1] = 0;
}

static struct facilitator_result nav(struct facilitator *f,
				     enum nav_input in, long arg)
{
	struct facilitator_result r = { FACILITATOR_NAV, in, arg };

	/* The first key after a blank only shows the slide again: a
	 * facilitator back from a question does not skip one. A typed
	 * slide number is meant, so it jumps. */
	if (f->blank != FACILITATOR_SHOW && in != NAV_IN_JUMP)
		r.action = FACILITATOR_NONE;
	f->blank = FACILITATOR_SHOW;
	f->digits[0] = 0;
	return r;
}

static struct facilitator_result leave(struct facilitator *f)
{
	struct facilitator_result r = { FACILITATOR_LEAVE, NAV_IN_WAKE, 0 };

	f->phase = FACILITATOR_DONE;
	f->digits[0] = 0;
	return r;
}

static struct facilitator_result running_key(struct facilitator *f,
					     const char *key)
{
	struct facilitator_result none = { FACILITATOR_NONE, NAV_IN_WAKE, 0 };
	int d = digit_of(key);

	if (d >= 0) {
		push_digit(f, d);
		return none;
	}
	if (is_key(key, enter_keys)) {
		long n = atol(f->digits);

		if (!f->digits[0])
			return nav(f, NAV_IN_NEXT, 0);
		if (n < 1 || (size_t)n > f->n_items) {
			/* Out of range: stay, say so, start the entry anew. */
			f->digits[0] = 0;
			f->bad_number = 1;
			return none;
		}
		return nav(f, NAV_IN_JUMP, n - 1);
	}
	if (strcasecmp(key, "Backspace") == 0) {
		/* Backspace corrects a half-typed number before it means
		 * "back", as in any text field. */
		if (f->digits[0]) {
			pop_digit(f);
			return none;
		}
		return nav(f, NAV_IN_BACK, 0);
	}
	if (is_key(key, next_keys))
		return nav(f, NAV_IN_NEXT, 0);
	if (is_key(key, back_keys))
		return nav(f, NAV_IN_BACK, 0);
	if (strcasecmp(key, "Home") == 0)
		return nav(f, NAV_IN_FIRST, 0);
	if (strcasecmp(key, "End") == 0)
		return nav(f, NAV_IN_LAST, 0);
	if (is_key(key, black_keys)) {
		f->blank = f->blank == FACILITATOR_BLACK ? FACILITATOR_SHOW :
			   FACILITATOR_BLACK;
		return none;
	}
	if (is_key(key, white_keys)) {
		f->blank = f->blank == FACILITATOR_WHITE ? FACILITATOR_SHOW :
			   FACILITATOR_WHITE;
		return none;
	}
	if (strcasecmp(key, "P") == 0) {
		struct facilitator_result r = { FACILITATOR_NAV,
						NAV_IN_PAUSE, 0 };
		return r;
	}
	if (strcasecmp(key, "S") == 0) {
		struct facilitator_result r = { FACILITATOR_SUBTITLES,
						NAV_IN_WAKE, 0 };
		return r;
	}
	if (strcmp(key, "?") == 0 || strcmp(key, "/") == 0) {
		struct facilitator_result r = { FACILITATOR_HELP,
						NAV_IN_WAKE, 0 };
		return r;
	}
	if (strcasecmp(key, "X") == 0 || strcasecmp(key, "F9") == 0) {
		struct facilitator_result r = { FACILITATOR_SWAP,
						NAV_IN_WAKE, 0 };
		return r;
	}
	if (strcasecmp(key, "T") == 0 || strcasecmp(key, "Z") == 0) {
		struct facilitator_result r = { FACILITATOR_TIMER,
						NAV_IN_WAKE, 0 };

		if (strcasecmp(key, "Z") == 0)
			r.action = FACILITATOR_TIMER_RESET;
		return r;
	}
	if (is_key(key, bigger_keys) || is_key(key, smaller_keys)) {
		struct facilitator_result r = { FACILITATOR_BIGGER,
						NAV_IN_WAKE, 0 };

		if (is_key(key, smaller_keys))
			r.action = FACILITATOR_SMALLER;
		return r;
	}
	if (strcasecmp(key, "C") == 0) {
		struct facilitator_result r = { FACILITATOR_CONSOLE,
						NAV_IN_WAKE, 0 };
		return r;
	}
	if (strcasecmp(key, "Escape") == 0) {
		/* A half-typed number is cancelled first, as in any text
		 * field: pressed twice to drop it, Esc asked and then
		 * confirmed leaving the session. */
		if (!f->digits[0])
			f->phase = FACILITATOR_CONFIRM_EXIT;
		f->digits[0] = 0;
	}
	return none;
}

struct facilitator_result facilitator_key(struct facilitator *f,
					  const char *key)
{
	struct facilitator_result none = { FACILITATOR_NONE, NAV_IN_WAKE, 0 };
	int d;

	if (!key || !*key)
		return none;
	f->bad_number = 0;
	switch (f->phase) {
	case FACILITATOR_RUNNING:
		return running_key(f, key);
	case FACILITATOR_CONFIRM_EXIT:
		if (strcasecmp(key, "Escape") == 0 ||
		    strcasecmp(key, "Y") == 0) {
			if (f->participants >= 0)
				return leave(f);
			f->phase = FACILITATOR_COUNT;
			return none;
		}
		/* Any other key only cancels: a stray press while asked
		 * must not also move the slides. */
		f->phase = FACILITATOR_RUNNING;
		return none;
	case FACILITATOR_COUNT:
		d = digit_of(key);
		if (d >= 0)
			push_digit(f, d);
		else if (strcasecmp(key, "Backspace") == 0)
			pop_digit(f);
		else if (is_key(key, enter_keys)) {
			f->participants = f->digits[0] ? atol(f->digits) : -1;
			return leave(f);
		} else if (strcasecmp(key, "Escape") == 0) {
			f->participants = -1;
			return leave(f);
		}
		return none;
	case FACILITATOR_DONE:
		break;
	}
	return none;
}

enum facilitator_phase facilitator_phase(const struct facilitator *f)
{
	return f->phase;
}

void facilitator_set_blank(struct facilitator *f,
			   enum facilitator_blank blank)
{
	f->blank = blank;
	f->digits[0] = 0;
}

enum facilitator_blank facilitator_blank(const struct facilitator *f)
{
	return f->blank;
}

const char *facilitator_blank_name(enum facilitator_blank blank)
{
	switch (blank) {
	case FACILITATOR_SHOW: return "none";
	case FACILITATOR_BLACK: return "black";
	case FACILITATOR_WHITE: return "white";
	}
	return "?";
}

const char *facilitator_phase_name(enum facilitator_phase phase)
{
	switch (phase) {
	case FACILITATOR_RUNNING: return "running";
	case FACILITATOR_CONFIRM_EXIT: return "confirm_exit";
	case FACILITATOR_COUNT: return "count";
	case FACILITATOR_DONE: return "done";
	}
	return "?";
}

const char *facilitator_digits(const struct facilitator *f)
{
	return f->digits;
}

long facilitator_participants(const struct facilitator *f)
{
	return f->participants;
}

int facilitator_bad_number(const struct facilitator *f)
{
	return f->bad_number;
}
