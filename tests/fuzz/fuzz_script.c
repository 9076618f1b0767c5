/* libFuzzer target for the --script parser (player/core/script): any text
 * gives VV_OK with events in time order, or an error after one message;
 * never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "player/core/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct script *s = NULL;
	const struct script_event *e;
	double last = -1;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';      /* script_parse reads up to the first NUL */
	if (script_parse(text, "fuzz.script", &s) == VV_OK) {
		if (!s)
			abort();
		/* drain it: events come out in time order */
		while (!script_done(s) && (e = script_next(s, 1e9))) {
			if (e->time < last)
				abort();
			last = e->time;
		}
		script_free(s);
	} else if (s) {
		abort();
	}
	free(text);
	return 0;
}
