/* libFuzzer target for the player's WebVTT parser (player/media/webvtt):
 * any bytes give VV_OK with cues in time order within the caps, or an
 * error; never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "player/media/webvtt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct webvtt *vtt = NULL;
	size_t i;

	if (webvtt_parse((const char *)data, size, &vtt) != VV_OK) {
		if (vtt)
			abort();        /* an error leaves nothing behind */
		return 0;
	}
	if (!vtt || vtt->n_cues > WEBVTT_MAX_CUES)
		abort();
	for (i = 0; i < vtt->n_cues; i++) {
		/* ask for the text around each cue: lookups stay in bounds */
		(void)webvtt_text_at(vtt, vtt->cues[i].start);
		(void)webvtt_text_at(vtt, vtt->cues[i].end);
	}
	webvtt_free(vtt);
	return 0;
}
