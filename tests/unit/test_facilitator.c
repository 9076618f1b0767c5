/* Unit tests for player/core/facilitator: clicker keys, slide-number
 * entry, black and white screens, leaving with a confirmation and the
 * participant count; no key traps the facilitator. */
#include "player/core/facilitator.h"
#include "player/core/keys.h"
#include "tests/unit/check.h"

static struct facilitator_result press(struct facilitator *f,
				       const char *key)
{
	return facilitator_key(f, key);
}

static int is_nav(struct facilitator_result r, enum nav_input in, long arg)
{
	return r.action == FACILITATOR_NAV && r.in == in && r.arg == arg;
}

static void test_navigation(void)
{
	struct facilitator *f = NULL;
	static const char *const nexts[] = { "PageDown", "Right", "space",
		"Return", "Keypad Enter" };
	static const char *const backs[] = { "PageUp", "Left", "Backspace" };
	size_t i;
	int ok = 1;

	CHECK(facilitator_new(12, -1, &f) == VV_OK && f, "new");
	for (i = 0; i < sizeof nexts / sizeof nexts[0]; i++)
		ok &= is_nav(press(f, nexts[i]), NAV_IN_NEXT, 0);
	CHECK(ok, "PageDown, Right, Space and Enter mean next");
	ok = 1;
	for (i = 0; i < sizeof backs / sizeof backs[0]; i++)
		ok &= is_nav(press(f, backs[i]), NAV_IN_BACK, 0);
	CHECK(ok, "PageUp, Left and Backspace mean back");
	CHECK(is_nav(press(f, "Home"), NAV_IN_FIRST, 0) &&
	      is_nav(press(f, "End"), NAV_IN_LAST, 0), "Home and End");
	CHECK(is_nav(press(f, "P"), NAV_IN_PAUSE, 0), "p pauses");
	CHECK(press(f, "S").action == FACILITATOR_SUBTITLES, "s subtitles");
	CHECK(press(f, "c").action == FACILITATOR_CONSOLE, "c console");
	CHECK(press(f, "F7").action == FACILITATOR_NONE &&
	      facilitator_phase(f) == FACILITATOR_RUNNING,
	      "an unknown key does nothing");
	facilitator_free(f);
	facilitator_free(NULL);
}

static void test_jump(void)
{
	struct facilitator *f = NULL;
	struct facilitator_result r;

	facilitator_new(12, -1, &f);
	r = press(f, "1");
	CHECK(r.action == FACILITATOR_NONE, "a digit alone does not move");
	press(f, "Keypad 2");
	CHECK_STR(facilitator_digits(f), "12", "digits collect (keypad too)");
	CHECK(is_nav(press(f, "Return"), NAV_IN_JUMP, 11),
	      "12 Enter jumps to item index 11");
	CHECK_STR(facilitator_digits(f), "", "the entry is cleared after");
	press(f, "1");
	press(f, "3");
	r = press(f, "Return");
	CHECK(r.action == FACILITATOR_NONE && facilitator_bad_number(f),
	      "13 of 12 is refused and said");
	CHECK_STR(facilitator_digits(f), "", "a refused number is cleared");
	CHECK(is_nav(press(f, "Return"), NAV_IN_NEXT, 0) &&
	      !facilitator_bad_number(f), "the next Enter is next again");
	press(f, "0");
	r = press(f, "Return");
	CHECK(r.action == FACILITATOR_NONE && facilitator_bad_number(f),
	      "0 Enter is a number out of range, not next");
	press(f, "0");
	press(f, "0");
	CHECK_STR(facilitator_digits(f), "0", "leading zeros show as one");
	press(f, "4");
	CHECK_STR(facilitator_digits(f), "4", "a digit after it replaces it");
	CHECK(is_nav(press(f, "Return"), NAV_IN_JUMP, 3), "04 Enter is 4");
	press(f, "3");
	press(f, "4");
	CHECK(press(f, "Backspace").action == FACILITATOR_NONE,
	      "Backspace corrects a typed number");
	CHECK(is_nav(press(f, "Return"), NAV_IN_JUMP, 2),
	      "34 Backspace Enter jumps to 3");
	press(f, "5");
	CHECK(is_nav(press(f, "PageDown"), NAV_IN_NEXT, 0) &&
	      !facilitator_digits(f)[0],
	      "a clicker key drops a half-typed number");
	press(f, "1");
	press(f, "2");
	press(f, "3");
	press(f, "4");
	press(f, "5");
	CHECK_STR(facilitator_digits(f), "1234", "at most four digits");
	facilitator_set_items(f, 2000);
	CHECK(is_nav(press(f, "Return"), NAV_IN_JUMP, 1233),
	      "set_items widens the range");
	facilitator_free(f);
}

static void test_blank(void)
{
	struct facilitator *f = NULL;

	facilitator_new(5, -1, &f);
	CHECK(facilitator_blank(f) == FACILITATOR_SHOW, "starts showing");
	press(f, "B");
	CHECK(facilitator_blank(f) == FACILITATOR_BLACK, "b: black");
	press(f, "b");
	CHECK(facilitator_blank(f) == FACILITATOR_SHOW, "b again: back");
	press(f, ".");
	CHECK(facilitator_blank(f) == FACILITATOR_BLACK, ".: black");
	press(f, "W");
	CHECK(facilitator_blank(f) == FACILITATOR_WHITE,
	      "w on black: white");
	press(f, ",");
	CHECK(facilitator_blank(f) == FACILITATOR_SHOW, ", on white: back");
	press(f, ",");
	CHECK(press(f, "PageDown").action == FACILITATOR_NONE &&
	      facilitator_blank(f) == FACILITATOR_SHOW,
	      "the first key after a blank only shows the slide again");
	CHECK(is_nav(press(f, "PageDown"), NAV_IN_NEXT, 0),
	      "the next key moves on");
	press(f, "b");
	CHECK(press(f, "Left").action == FACILITATOR_NONE &&
	      press(f, "Return").action == FACILITATOR_NAV &&
	      facilitator_blank(f) == FACILITATOR_SHOW,
	      "back and Enter after a blank: the first only unblanks");
	press(f, "b");
	press(f, "4");
	CHECK(facilitator_blank(f) == FACILITATOR_BLACK,
	      "typing a number keeps the screen black");
	CHECK(is_nav(press(f, "Return"), NAV_IN_JUMP, 3) &&
	      facilitator_blank(f) == FACILITATOR_SHOW,
	      "the jump leaves the black screen");
	press(f, "b");
	press(f, "P");
	CHECK(facilitator_blank(f) == FACILITATOR_BLACK,
	      "pause keeps the black screen");
	CHECK(press(f, "t").action == FACILITATOR_TIMER &&
	      press(f, "Z").action == FACILITATOR_TIMER_RESET &&
	      press(f, "=").action == FACILITATOR_BIGGER &&
	      press(f, "Keypad -").action == FACILITATOR_SMALLER &&
	      press(f, "/").action == FACILITATOR_HELP,
	      "t, z, + and -: the timer and the script's size; ? the help");
	CHECK(press(f, "x").action == FACILITATOR_SWAP &&
	      press(f, "F9").action == FACILITATOR_SWAP &&
	      facilitator_blank(f) == FACILITATOR_BLACK,
	      "x and F9 swap the screens and leave a black screen black");
	CHECK(!strcmp(facilitator_blank_name(FACILITATOR_WHITE), "white") &&
	      !strcmp(facilitator_blank_name(FACILITATOR_BLACK), "black"),
	      "blank names");
	facilitator_free(f);
}

static void test_leave(void)
{
	struct facilitator *f = NULL;
	struct facilitator_result r;

	facilitator_new(5, -1, &f);
	press(f, "3");
	/* Esc cancels a half-typed number first, as in any text field: a
	 * facilitator pressing it twice to drop a wrong number must not
	 * end the session (the second Esc confirmed leaving). */
	r = press(f, "Escape");
	CHECK(r.action == FACILITATOR_NONE &&
	      facilitator_phase(f) == FACILITATOR_RUNNING &&
	      !facilitator_digits(f)[0], "Esc drops a typed number only");
	press(f, "Escape");
	CHECK(facilitator_phase(f) == FACILITATOR_CONFIRM_EXIT,
	      "Esc then asks whether to leave");
	r = press(f, "PageDown");
	CHECK(r.action == FACILITATOR_NONE &&
	      facilitator_phase(f) == FACILITATOR_RUNNING,
	      "any other key only cancels the question");
	press(f, "Escape");
	press(f, "Escape");
	CHECK(facilitator_phase(f) == FACILITATOR_COUNT,
	      "Esc twice: the participant count is asked");
	CHECK(press(f, "PageDown").action == FACILITATOR_NONE &&
	      facilitator_phase(f) == FACILITATOR_COUNT,
	      "clicker keys do nothing on the count");
	press(f, "1");
	press(f, "0");
	press(f, "4");
	press(f, "Backspace");
	CHECK_STR(facilitator_digits(f), "10", "count digits, Backspace");
	r = press(f, "Return");
	CHECK(r.action == FACILITATOR_LEAVE &&
	      facilitator_phase(f) == FACILITATOR_DONE &&
	      facilitator_participants(f) == 10, "Enter saves the count");
	CHECK(press(f, "PageDown").action == FACILITATOR_NONE,
	      "keys after DONE do nothing");
	facilitator_free(f);

	facilitator_new(5, -1, &f);
	press(f, "Escape");
	press(f, "Y");
	press(f, "Escape");
	CHECK(facilitator_phase(f) == FACILITATOR_DONE &&
	      facilitator_participants(f) == -1,
	      "Esc y, then Esc skips the count");
	facilitator_free(f);

	facilitator_new(5, -1, &f);
	press(f, "Escape");
	press(f, "y");
	r = press(f, "Return");
	CHECK(r.action == FACILITATOR_LEAVE &&
	      facilitator_participants(f) == -1,
	      "Enter on an empty count: not given");
	facilitator_free(f);

	facilitator_new(5, 7, &f);
	press(f, "Escape");
	r = press(f, "Escape");
	CHECK(r.action == FACILITATOR_LEAVE &&
	      facilitator_participants(f) == 7,
	      "a count given up front skips the entry");
	facilitator_free(f);
}

/* From every phase but DONE, Esc or Enter (at most three presses) gets
 * the facilitator either back to RUNNING or out: nothing traps. */
static void test_no_trap(void)
{
	static const char *const keys[] = { "Escape", "Return", "B", "W",
		"1", "Backspace", "Y", "PageDown", "S", "P", "Home", "x" };
	size_t a, b;
	int ok = 1;

	for (a = 0; a < sizeof keys / sizeof keys[0]; a++) {
		for (b = 0; b < sizeof keys / sizeof keys[0]; b++) {
			struct facilitator *f = NULL;
			int n = 0;

			facilitator_new(5, -1, &f);
			press(f, keys[a]);
			press(f, keys[b]);
			while (facilitator_phase(f) != FACILITATOR_RUNNING &&
			       facilitator_phase(f) != FACILITATOR_DONE &&
			       n++ < 3)
				press(f, "Escape");
			ok &= facilitator_phase(f) == FACILITATOR_RUNNING ||
			      facilitator_phase(f) == FACILITATOR_DONE;
			facilitator_free(f);
		}
	}
	CHECK(ok, "every two-key sequence is left with Esc");
}

/* What the letter keys A to Z of a US keyboard type in other layouts
 * (SDL keycodes are these code points). */
static const long us_letters[26] = {
	'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z' };
static const long azerty_letters[26] = {
	'q', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', ',',
	'n', 'o', 'p', 'a', 'r', 's', 't', 'u', 'v', 'z', 'x', 'y', 'w' };
static const long russian_letters[26] = {
	0x444, 0x438, 0x441, 0x432, 0x443, 0x430, 0x43f, 0x440, 0x448,
	0x43e, 0x43b, 0x434, 0x44c, 0x442, 0x449, 0x437, 0x439, 0x43a,
	0x44b, 0x435, 0x433, 0x43c, 0x446, 0x447, 0x43d, 0x44f };
/* Arabic (ara); its B key types lam-alef, which has no keycode of its
 * own (0) */
static const long arabic_letters[26] = {
	0x634, 0, 0x624, 0x64a, 0x62b, 0x628, 0x644, 0x627, 0x647, 0x62a,
	0x646, 0x645, 0x629, 0x649, 0x62e, 0x62d, 0x636, 0x642, 0x633,
	0x641, 0x639, 0x631, 0x635, 0x621, 0x63a, 0x626 };
/* Hebrew: Q and W type / and ' */
static const long hebrew_letters[26] = {
	0x5e9, 0x5e0, 0x5d1, 0x5d2, 0x5e7, 0x5db, 0x5e2, 0x5d9, 0x5df,
	0x5d7, 0x5dc, 0x5da, 0x5e6, 0x5de, 0x5dd, 0x5e4, '/', 0x5e8, 0x5d3,
	0x5d0, 0x5d5, 0x5d4, '\'', 0x5e1, 0x5d8, 0x5d6 };

/* A key press as SDL reports it (the keycode's name in the layout, the
 * physical key's name) through keys_press_name() to the facilitator, as
 * player/out does. */
static struct facilitator_result press_in(struct facilitator *f,
					  const long letters[26],
					  const char *typed,
					  const char *physical)
{
	return facilitator_key(f, keys_press_name(typed, physical,
						  keys_layout_latin(letters)));
}

/* An interpreter's keyboard layout: the letter keys go by where they are,
 * so the W key blanks though it types a Cyrillic or Arabic letter. */
static void test_layouts(void)
{
	struct facilitator *f = NULL;

	CHECK(keys_layout_latin(us_letters) &&
	      keys_layout_latin(azerty_letters), "US and AZERTY are Latin");
	CHECK(!keys_layout_latin(russian_letters) &&
	      !keys_layout_latin(arabic_letters) &&
	      !keys_layout_latin(hebrew_letters),
	      "Russian, Arabic and Hebrew are not");
	facilitator_new(6, -1, &f);
	press_in(f, russian_letters, "\xd0\xa6", "W");  /* Ц */
	CHECK(facilitator_blank(f) == FACILITATOR_WHITE,
	      "Russian: the W key (typing \u0426) blanks white");
	press_in(f, arabic_letters, "\xd8\xb5", "W");   /* ص */
	CHECK(facilitator_blank(f) == FACILITATOR_SHOW,
	      "Arabic: the W key (typing \u0635) shows the slide again");
	/* Russian types "." on the /? key: the help, not a black screen */
	CHECK(press_in(f, russian_letters, ".", "/").action ==
	      FACILITATOR_HELP && facilitator_blank(f) == FACILITATOR_SHOW,
	      "Russian: the /? key (typing .) is the help");
	CHECK(press_in(f, hebrew_letters, "/", "Q").action ==
	      FACILITATOR_NONE, "Hebrew: the Q key (typing /) is not help");
	press_in(f, arabic_letters, "\xd8\xb2", ".");  /* ز */
	CHECK(facilitator_blank(f) == FACILITATOR_BLACK,
	      "Arabic: the . key blanks black");
	press_in(f, russian_letters, "Space", "Space");
	CHECK(is_nav(press_in(f, russian_letters, "Right", "Right"),
		     NAV_IN_NEXT, 0), "Russian: Right is next");
	/* a Latin layout's keys go by their letters */
	CHECK(is_nav(press_in(f, azerty_letters, "P", "P"), NAV_IN_PAUSE, 0)
	      && press_in(f, azerty_letters, "W", "Z").action ==
	      FACILITATOR_NONE && facilitator_blank(f) == FACILITATOR_WHITE,
	      "AZERTY: the key that types W blanks white");
	facilitator_free(f);
}

int main(void)
{
	test_navigation();
	test_jump();
	test_blank();
	test_leave();
	test_no_trap();
	test_layouts();
	return CHECK_DONE();
}
