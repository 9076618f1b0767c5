/* questions: the host's list of the questions the rooms of a linked
 * webinar asked (--group --host): the newest QUESTIONS_MAX, which one the
 * counsellor selected, which one every room's screen shows, and which
 * are answered. State only: the caller publishes and logs. No SDL, no
 * network; unit-tested alone. */
#ifndef VV_PLAYER_CORE_QUESTIONS_H
#define VV_PLAYER_CORE_QUESTIONS_H

#include <stddef.h>

#include "common/err.h"
#include "player/core/link_msg.h"

/* The list keeps the newest this many questions. */
#define QUESTIONS_MAX 64

enum question_state {
	QUESTION_NEW,        /* not answered, not on the rooms' screens */
	QUESTION_SHOWN,      /* on every room's screen; at most one is */
	QUESTION_ANSWERED,   /* marked answered; never shown */
};

struct questions;

/* Returns VV_OK and a new, empty list with nothing selected or shown
 * (free with questions_free()), or VV_ERR_NOMEM. */
enum vv_err questions_new(struct questions **out);

/* NULL is a no-op. */
void questions_free(struct questions *qs);

/* Keeps a copy of `q` as the newest question, QUESTION_NEW, and selects
 * it when nothing is selected. Each field is copied up to its cap in
 * link_msg.h (room and item LINK_TOKEN_MAX, lang LINK_LANG_MAX, text
 * LINK_TEXT_MAX bytes), cut on a character boundary when `q` holds no
 * terminator within it, so the list never holds an unterminated field.
 * When the list is full the oldest answered question goes, else the
 * oldest one not shown; a selected question that goes leaves nothing
 * selected (so the new one is selected). */
void questions_add(struct questions *qs, const struct link_question *q);

/* How many questions the list holds (at most QUESTIONS_MAX). */
size_t questions_count(const struct questions *qs);

/* Question `i`, 0 the newest; its state in *state when `state` is not
 * NULL. The list owns it; it stays valid until the next questions_add().
 * Returns NULL when i is not below questions_count(). */
const struct link_question *questions_at(const struct questions *qs,
					  size_t i,
					  enum question_state *state);

/* The selected question's / the shown question's index (0 the newest),
 * or -1 when none is. */
long questions_selected(const struct questions *qs);
long questions_shown(const struct questions *qs);

/* Selects the next older question, after the oldest the newest again
 * (the newest when none is selected). Returns 0 when the list is empty
 * (nothing changes), else 1. */
int questions_select_next(struct questions *qs);

/* Marks the selected question answered, or an answered one new again
 * (reopens it). An answered question is not shown: if it was, nothing
 * is shown afterwards. Returns 1 when it is now answered, 0 when it was
 * reopened, -1 when none is selected (nothing changes). */
int questions_toggle_answered(struct questions *qs);

/* Shows question `i` (0 the newest) on the rooms' screens, or hides the
 * one shown when i is -1; the one shown before goes back to
 * QUESTION_NEW. Returns 0 and changes nothing when `i` is out of range
 * or answered; else 1. */
int questions_show(struct questions *qs, long i);

#endif
