/* record: what the player's records share; see record.h. */
#include "player/core/record.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/i18n.h"
#include "common/json.h"
#include "common/path.h"

void record_put_str(struct strbuf *b, const char *key, const char *value,
		    int first)
{
	char esc[2048];
	size_t len = 0;

	esc[0] = '\0';
	if (value)
		json_escape(esc, sizeof esc, &len, value);
	strbuf_printf(b, "%s\"%s\":", first ? "" : ",", key);
	if (value)
		strbuf_printf(b, "\"%s\"", esc);
	else
		strbuf_puts(b, "null");
}

void record_time(time_t t, enum record_stamp kind, char *out, size_t size)
{
	struct tm tm;
	size_t n = 0;

	/* literal formats, so the compiler checks each */
	if (localtime_r(&t, &tm)) {
		switch (kind) {
		case RECORD_DATE:
			n = strftime(out, size, "%Y-%m-%d", &tm);
			break;
		case RECORD_ISO:
			n = strftime(out, size, "%Y-%m-%dT%H:%M:%S%z", &tm);
			break;
		case RECORD_CLOCK:
			n = strftime(out, size, "%H:%M", &tm);
			break;
		case RECORD_CLOCK_S:
			n = strftime(out, size, "%H:%M:%S", &tm);
			break;
		case RECORD_FILE:
			n = strftime(out, size, "%Y%m%d-%H%M%S", &tm);
			break;
		}
	}
	if (!n)
		snprintf(out, size, "?");
}

void record_duration(double seconds, char *out, size_t size)
{
	long t = (long)(seconds + 0.5);

	if (t < 0)
		t = 0;
	if (t >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(out, size, "%ld:%02ld", t / 60, t % 60);
}

void record_safe_name(const char *in, char *out, size_t size)
{
	size_t n = 0;

	if (!size)
		return;
	for (; *in && n + 1 < size && n < 48; in++)
		out[n++] = (*in >= 'a' && *in <= 'z') || (*in >= 'A' &&
			    *in <= 'Z') || (*in >= '0' && *in <= '9') ||
			   *in == '.' || *in == '-' || *in == '_' ? *in : '_';
	out[n] = '\0';
}

enum vv_err record_make_dir(const char *dir)
{
	if (path_make_dirs(dir, 0777) == 0)
		return VV_OK;
	vv_error(dir, 0, _("cannot create the folder for session "
		 "records: %s; give another with --session-dir"),
		 strerror(errno));
	return VV_ERR_IO;
}

void record_paths(const char *base, char *json_path, char *text_path,
		  size_t size)
{
	struct stat st;
	int k;

	for (k = 1; k < 1000; k++) {
		if (k == 1) {
			snprintf(json_path, size, "%s.json", base);
			snprintf(text_path, size, "%s.txt", base);
		} else {
			snprintf(json_path, size, "%s-%d.json", base, k);
			snprintf(text_path, size, "%s-%d.txt", base, k);
		}
		if (stat(json_path, &st) != 0 && stat(text_path, &st) != 0)
			break;
	}
}
