/* libFuzzer target for the builder's reading of authors' subtitles
 * (builder/subtitle: libavformat's WebVTT and SRT demuxers, and the line
 * checks around them): any bytes as a .vtt or .srt file give VV_OK with
 * cues whose lines lie in the file and whose ends are not before their
 * starts, or an error with no cues; never a crash, a hang or a leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "builder/subtitle.h"
#include "common/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[] = "/tmp/vv-fuzz-subtitle-XXXXXX";
static int ready;

static void quiet(const char *line, void *user)
{
	(void)line;
	(void)user;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pack_cue *cues = NULL;
	size_t n = 0, i, lines = 1;
	FILE *f;

	if (!ready) {
		int fd = mkstemp(path);

		if (fd < 0)
			abort();
		close(fd);
		vv_error_set_hook(quiet, NULL);
		ready = 1;
	}
	f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f))
		abort();
	for (i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r';
	if (subtitle_load(path, "media/s.vtt", "film", &cues, &n) != VV_OK) {
		if (cues || n)
			abort(); /* an error leaves nothing behind */
		return 0;
	}
	if (n > SUBTITLE_MAX_CUES || (n && !cues))
		abort();
	for (i = 0; i < n; i++)
		if (cues[i].end_ms < cues[i].start_ms ||
		    cues[i].text.line < 1 || (size_t)cues[i].text.line > lines ||
		    !cues[i].text.text[0])
			abort();
	subtitle_cues_free(cues, n);
	return 0;
}
