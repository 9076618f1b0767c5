/* Unit tests for player/core/questions: the host's question list adds
 * the newest, selects, marks answered and reopens, shows one question at
 * a time, keeps the newest QUESTIONS_MAX (dropping the oldest answered
 * one first, else the oldest not shown) and never holds a field past its
 * byte cap. */
#include "player/core/questions.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <string.h>

/* A question from `room` with id `id` and the text "q<id>". */
static struct link_question question(const char *room, unsigned id)
{
	struct link_question q;

	memset(&q, 0, sizeof q);
	snprintf(q.room, sizeof q.room, "%s", room);
	snprintf(q.lang, sizeof q.lang, "ar");
	snprintf(q.item, sizeof q.item, "s2");
	snprintf(q.text, sizeof q.text, "q%u", id);
	q.id = id;
	return q;
}

/* The id of question i (0 the newest), 0 when there is none. */
static unsigned long id_at(const struct questions *qs, long i)
{
	const struct link_question *q;

	if (i < 0)
		return 0;
	q = questions_at(qs, (size_t)i, NULL);
	return q ? (unsigned long)q->id : 0;
}

static enum question_state state_at(const struct questions *qs, size_t i)
{
	enum question_state st = (enum question_state)-1;

	questions_at(qs, i, &st);
	return st;
}

/* Whether the list holds a question with id `id`. */
static int holds(const struct questions *qs, unsigned long id)
{
	size_t i;

	for (i = 0; i < questions_count(qs); i++)
		if (id_at(qs, (long)i) == id)
			return 1;
	return 0;
}

static void test_add_select(void)
{
	struct questions *qs;
	struct link_question q;
	const struct link_question *got;
	enum question_state st;

	CHECK(questions_new(&qs) == VV_OK, "new");
	CHECK(questions_count(qs) == 0 && questions_selected(qs) == -1 &&
	      questions_shown(qs) == -1, "a new list is empty");
	CHECK(questions_select_next(qs) == 0, "select in an empty list: no");
	CHECK(questions_toggle_answered(qs) == -1,
	      "answer with nothing selected: no");
	CHECK(questions_at(qs, 0, NULL) == NULL, "no question 0 when empty");

	q = question("tromso", 1);
	questions_add(qs, &q);
	got = questions_at(qs, 0, &st);
	CHECK(got && strcmp(got->room, "tromso") == 0 &&
	      strcmp(got->lang, "ar") == 0 && strcmp(got->item, "s2") == 0 &&
	      strcmp(got->text, "q1") == 0 && got->id == 1,
	      "add: the question is copied");
	CHECK(st == QUESTION_NEW, "add: a new question is new");
	CHECK(questions_selected(qs) == 0, "add: the first one is selected");
	q = question("alta", 2);
	questions_add(qs, &q);
	q = question("bodo", 3);
	questions_add(qs, &q);
	CHECK(questions_count(qs) == 3, "add: three");
	CHECK(id_at(qs, 0) == 3 && id_at(qs, 2) == 1, "index 0 is the newest");
	CHECK(id_at(qs, questions_selected(qs)) == 1,
	      "add: the selection stays on its question");
	CHECK(questions_at(qs, 3, NULL) == NULL, "no question past the count");

	/* select: older each time, after the oldest the newest */
	questions_toggle_answered(qs);   /* (id 1 answered, for below) */
	CHECK(questions_select_next(qs) == 1 &&
	      id_at(qs, questions_selected(qs)) == 3,
	      "select after the oldest: the newest");
	questions_select_next(qs);
	CHECK(id_at(qs, questions_selected(qs)) == 2, "select: the next older");
	questions_select_next(qs);
	CHECK(id_at(qs, questions_selected(qs)) == 1, "select: the oldest");
	questions_free(qs);
	questions_free(NULL);
}

static void test_answer_show(void)
{
	struct questions *qs;
	struct link_question q;
	unsigned i;

	if (questions_new(&qs) != VV_OK)
		return;
	for (i = 1; i <= 3; i++) {
		q = question("narvik", i);
		questions_add(qs, &q);
	}
	/* selected: id 1 (index 2) */
	CHECK(questions_show(qs, 2) == 1 && questions_shown(qs) == 2 &&
	      state_at(qs, 2) == QUESTION_SHOWN, "show: the selected one");
	CHECK(questions_show(qs, 0) == 1 && questions_shown(qs) == 0 &&
	      state_at(qs, 0) == QUESTION_SHOWN &&
	      state_at(qs, 2) == QUESTION_NEW,
	      "show another: the one before is new again");
	CHECK(questions_show(qs, -1) == 1 && questions_shown(qs) == -1 &&
	      state_at(qs, 0) == QUESTION_NEW, "hide: nothing shown");
	CHECK(questions_show(qs, 3) == 0 && questions_show(qs, -2) == 0 &&
	      questions_shown(qs) == -1, "show out of range: refused");

	q = question("narvik", 4);
	questions_show(qs, 2);
	questions_add(qs, &q);
	CHECK(id_at(qs, questions_shown(qs)) == 1,
	      "add: the shown one stays shown");

	/* answer the shown, selected one: it is hidden */
	CHECK(id_at(qs, questions_selected(qs)) == 1, "(id 1 selected)");
	CHECK(questions_toggle_answered(qs) == 1 &&
	      state_at(qs, 3) == QUESTION_ANSWERED && questions_shown(qs) == -1,
	      "mark answered: the shown question is hidden");
	CHECK(questions_show(qs, 3) == 0 && questions_shown(qs) == -1,
	      "an answered question is not shown");
	CHECK(questions_toggle_answered(qs) == 0 &&
	      state_at(qs, 3) == QUESTION_NEW, "reopen: new again");
	CHECK(questions_show(qs, 3) == 1, "a reopened question can be shown");
	questions_free(qs);
}

/* Steps the selection (questions_select_next) to the question with id
 * `id`; at most once round the list, so a broken step cannot loop. */
static void select_id(struct questions *qs, unsigned long id)
{
	size_t k;

	for (k = 0; k <= questions_count(qs); k++) {
		if (id_at(qs, questions_selected(qs)) == id)
			return;
		questions_select_next(qs);
	}
}

/* A full list of ids 1..QUESTIONS_MAX; `answered` (0: none) marked
 * answered, `shown` (0: none) shown, `selected` selected. */
static struct questions *full(unsigned answered, unsigned shown,
			      unsigned selected)
{
	struct questions *qs;
	struct link_question q;
	unsigned i;

	if (questions_new(&qs) != VV_OK)
		return NULL;
	for (i = 1; i <= QUESTIONS_MAX; i++) {
		q = question("alta", i);
		questions_add(qs, &q);
	}
	/* index of id i: QUESTIONS_MAX - i */
	if (answered) {
		select_id(qs, answered);
		questions_toggle_answered(qs);
	}
	if (shown)
		questions_show(qs, QUESTIONS_MAX - (long)shown);
	select_id(qs, selected);
	return qs;
}

static void test_overflow(void)
{
	struct questions *qs;
	struct link_question q = question("bodo", 1000);

	/* no answered one: the oldest goes */
	if (!(qs = full(0, 0, 5)))
		return;
	questions_add(qs, &q);
	CHECK(questions_count(qs) == QUESTIONS_MAX, "overflow: still full");
	CHECK(!holds(qs, 1) && holds(qs, 2) && id_at(qs, 0) == 1000,
	      "overflow, none answered: the oldest goes");
	CHECK(id_at(qs, questions_selected(qs)) == 5,
	      "overflow: the selection stays on its question");
	questions_free(qs);

	/* answered ones: the oldest answered goes, not the oldest */
	if (!(qs = full(7, 0, 9)))
		return;
	questions_add(qs, &q);
	CHECK(!holds(qs, 7) && holds(qs, 1) && holds(qs, 8) &&
	      id_at(qs, 0) == 1000,
	      "overflow with an answered one: it goes, the oldest stays");
	CHECK(id_at(qs, questions_selected(qs)) == 9,
	      "overflow: the selection moves with its question");
	questions_free(qs);

	/* the oldest is shown: it stays, the next oldest goes */
	if (!(qs = full(0, 1, 1)))
		return;
	questions_add(qs, &q);
	CHECK(holds(qs, 1) && !holds(qs, 2) &&
	      id_at(qs, questions_shown(qs)) == 1,
	      "overflow: the shown question stays");
	questions_free(qs);

	/* the selected question goes: the new one is selected */
	if (!(qs = full(0, 0, 1)))
		return;
	questions_add(qs, &q);
	CHECK(!holds(qs, 1) && id_at(qs, questions_selected(qs)) == 1000,
	      "overflow: the selected one went, the new one is selected");
	questions_free(qs);
}

static void test_caps(void)
{
	struct questions *qs;
	struct link_question q;
	const struct link_question *got;
	size_t i;

	if (questions_new(&qs) != VV_OK)
		return;
	/* every field full to its cap and not terminated */
	memset(&q, 'x', sizeof q);
	q.id = 7;
	questions_add(qs, &q);
	got = questions_at(qs, 0, NULL);
	CHECK(got && strlen(got->room) == LINK_TOKEN_MAX &&
	      strlen(got->item) == LINK_TOKEN_MAX &&
	      strlen(got->lang) == LINK_LANG_MAX &&
	      strlen(got->text) == LINK_TEXT_MAX,
	      "caps: unterminated fields are cut at their caps");

	/* a 2-byte character across the text's cap: cut before it */
	memset(&q, 0, sizeof q);
	memset(q.text, 'a', sizeof q.text);
	q.text[LINK_TEXT_MAX - 1] = (char)0xD8;   /* Arabic, 2 bytes */
	q.text[LINK_TEXT_MAX] = (char)0xA7;
	questions_add(qs, &q);
	got = questions_at(qs, 0, NULL);
	CHECK(got && strlen(got->text) == LINK_TEXT_MAX - 1,
	      "caps: a character across the cap is left out whole");

	/* a full-length text of 2-byte characters is kept byte for byte */
	memset(&q, 0, sizeof q);
	for (i = 0; i + 1 < LINK_TEXT_MAX; i += 2) {
		q.text[i] = (char)0xD8;
		q.text[i + 1] = (char)0xA7;
	}
	questions_add(qs, &q);
	got = questions_at(qs, 0, NULL);
	CHECK(got && memcmp(got->text, q.text, sizeof q.text) == 0,
	      "caps: a text at its cap is kept byte for byte");
	questions_free(qs);
}

int main(void)
{
	test_add_select();
	test_answer_show();
	test_overflow();
	test_caps();
	return CHECK_DONE();
}
