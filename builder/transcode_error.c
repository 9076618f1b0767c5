/* transcode_error: the one line a failed transcode prints. */
#include "builder/transcode_error.h"

#include <errno.h>
#include <stdio.h>

#include <libavutil/error.h>

#include "common/err.h"
#include "common/i18n.h"

void transcode_error(const char *path, const char *what, int averr)
{
	char msg[128];

	if (averr == AVERROR(ENOSPC) || averr == AVERROR(EDQUOT)) {
		vv_error(path, 0, _("cannot transcode: the output disk is "
				    "full; free some space and build again"));
		return;
	}
	if (av_strerror(averr, msg, sizeof msg) < 0)
		snprintf(msg, sizeof msg, _("error %d"), averr);
	vv_error(path, 0, _("cannot transcode (%s: %s); convert it by hand, "
			    "e.g. ffmpeg -i in -vf scale=-2:1080,fps=30 -c:v "
			    "libx264 -c:a libopus out.mkv"), what, msg);
}
