/* bidi: the Unicode bidirectional algorithm through GNU FriBidi:
 * embedding levels per paragraph, and the visual order of a line's runs. */
#ifndef VV_PLAYER_TEXT_BIDI_H
#define VV_PLAYER_TEXT_BIDI_H

#include <stdint.h>

#include "common/err.h"

/* Resolves the embedding levels of one paragraph (no newlines inside)
 * into levels[0..n). base_rtl is 1 or 0 to force the base direction, -1 to
 * take it from the first strong character (LTR when there is none).
 * Stores the resolved base direction (1 = RTL) in *rtl. Returns VV_OK or
 * VV_ERR_NOMEM. */
enum vv_err bidi_paragraph(const uint32_t *cps, int n, int base_rtl,
			   uint8_t *levels, int *rtl);

/* Reorders runs of one line from logical to visual order (rule L2):
 * levels[i] is run i's level (runs in logical order); order[0..n) receives
 * run indices, leftmost first. Trailing whitespace must already be at the
 * paragraph level (rule L1), or trimmed. */
void bidi_reorder_runs(const uint8_t *levels, int n, int *order);

#endif
