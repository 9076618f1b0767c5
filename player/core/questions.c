/* questions: the host's list of the rooms' questions; see questions.h. */
#include "player/core/questions.h"

#include <stdlib.h>
#include <string.h>

struct question_entry {
	struct link_question q;
	enum question_state state;
};

/* Inside, oldest first (the API counts from the newest): adding appends,
 * and dropping the oldest is a memmove of what follows. */
struct questions {
	struct question_entry list[QUESTIONS_MAX];
	size_t n;
	long selected;      /* in list; -1: none */
	long shown;         /* in list; -1: none */
};

enum vv_err questions_new(struct questions **out)
{
	struct questions *qs = calloc(1, sizeof *qs);

	*out = NULL;
	if (!qs)
		return VV_ERR_NOMEM;
	qs->selected = -1;
	qs->shown = -1;
	*out = qs;
	return VV_OK;
}

void questions_free(struct questions *qs)
{
	free(qs);
}

/* Between the API's index (0 the newest) and the list's (0 the oldest);
 * -1 stays -1. The mapping is its own inverse. */
static long flip(const struct questions *qs, long i)
{
	return i < 0 ? -1 : (long)qs->n - 1 - i;
}

/* Copies src (an array of `size` bytes, perhaps not terminated) into dst
 * (as large): up to the first NUL, or size - 1 bytes cut back to the
 * start of a UTF-8 character. */
static void copy_capped(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size);

	if (len == size) {
		len = size - 1;
		/* a continuation byte at the cut: back to its lead byte */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Drops list entry `k`, keeping `selected` and `shown` on their
 * questions. */
static void drop(struct questions *qs, size_t k)
{
	memmove(&qs->list[k], &qs->list[k + 1],
		(qs->n - k - 1) * sizeof qs->list[0]);
	qs->n--;
	if (qs->selected == (long)k)
		qs->selected = -1;
	else if (qs->selected > (long)k)
		qs->selected--;
	if (qs->shown > (long)k)
		qs->shown--;
}

void questions_add(struct questions *qs, const struct link_question *q)
{
	struct question_entry *e;
	size_t k = 0, i;

	if (qs->n == QUESTIONS_MAX) {
		for (i = 0; i < qs->n; i++)
			if (qs->list[i].state == QUESTION_ANSWERED) {
				k = i;
				break;
			}
		/* no answered one: the oldest, unless it is the one shown
		 * (an answered one never is) */
		if ((long)k == qs->shown)
			k = k == 0 ? 1 : 0;
		drop(qs, k);
	}
	e = &qs->list[qs->n++];
	memset(e, 0, sizeof *e);
	copy_capped(e->q.room, q->room, sizeof e->q.room);
	copy_capped(e->q.lang, q->lang, sizeof e->q.lang);
	copy_capped(e->q.item, q->item, sizeof e->q.item);
	copy_capped(e->q.text, q->text, sizeof e->q.text);
	e->q.id = q->id;
	e->state = QUESTION_NEW;
	if (qs->selected < 0)
		qs->selected = (long)qs->n - 1;
}

size_t questions_count(const struct questions *qs)
{
	return qs->n;
}

const struct link_question *questions_at(const struct questions *qs,
					  size_t i,
					  enum question_state *state)
{
	const struct question_entry *e;

	if (i >= qs->n)
		return NULL;
	e = &qs->list[flip(qs, (long)i)];
	if (state)
		*state = e->state;
	return &e->q;
}

long questions_selected(const struct questions *qs)
{
	return flip(qs, qs->selected);
}

long questions_shown(const struct questions *qs)
{
	return flip(qs, qs->shown);
}

int questions_select_next(struct questions *qs)
{
	if (qs->n == 0)
		return 0;
	/* older is lower in the list; below the oldest, the newest */
	qs->selected = qs->selected <= 0 ? (long)qs->n - 1 : qs->selected - 1;
	return 1;
}

int questions_toggle_answered(struct questions *qs)
{
	struct question_entry *e;

	if (qs->selected < 0)
		return -1;
	e = &qs->list[qs->selected];
	if (e->state == QUESTION_ANSWERED) {
		e->state = QUESTION_NEW;
		return 0;
	}
	if (qs->shown == qs->selected)
		qs->shown = -1;
	e->state = QUESTION_ANSWERED;
	return 1;
}

int questions_show(struct questions *qs, long i)
{
	long k = flip(qs, i);

	if (i >= (long)qs->n || i < -1 ||
	    (k >= 0 && qs->list[k].state == QUESTION_ANSWERED))
		return 0;
	if (qs->shown >= 0 && qs->list[qs->shown].state == QUESTION_SHOWN)
		qs->list[qs->shown].state = QUESTION_NEW;
	qs->shown = k;
	if (k >= 0)
		qs->list[k].state = QUESTION_SHOWN;
	return 1;
}
