/* err: error descriptions and one-line user messages. */
#include "common/err.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/i18n.h"

static void (*error_hook)(const char *line, void *user);
static void *error_hook_user;
/* A background thread's own receiver (library verification): its lines
 * go there only, never to stderr or the main hook. */
static _Thread_local void (*thread_capture)(const char *line, void *user);
static _Thread_local void *thread_capture_user;

const char *vv_strerror(enum vv_err err)
{
	switch (err) {
	case VV_OK: return N_("success");
	case VV_ERR_NOMEM: return N_("out of memory");
	case VV_ERR_IO: return N_("input/output error");
	case VV_ERR_USAGE: return N_("invalid usage");
	case VV_ERR_FORMAT: return N_("malformed input");
	case VV_ERR_SCHEMA: return N_("does not match the schema");
	case VV_ERR_LANG: return N_("unknown language");
	case VV_ERR_MEDIA: return N_("unusable media");
	case VV_ERR_INTEGRITY: return N_("integrity check failed");
	case VV_ERR_NOTFOUND: return N_("not found");
	case VV_ERR_INCOMPLETE: return N_("translation incomplete");
	case VV_ERR_DISPLAY: return N_("display or audio device error");
	case VV_ERR_FONT: return N_("font error");
	case VV_ERR_INTERNAL: return N_("internal error");
	case VV_ERR_LIMIT: return N_("a size limit was reached");
	}
	return N_("unknown error");
}

/* 1 when stderr is systemd's journal stream ($JOURNAL_STREAM names its
 * device and inode): then each line starts with "<3>", the syslog
 * priority of an error, which journald takes and strips. A redirected
 * stderr (a file, a pipe to a test) gets the plain line. */
static int stderr_is_journal(void)
{
	static int known = -1;
	const char *js;
	unsigned long long dev, ino;
	struct stat st;

	if (known >= 0)
		return known;
	known = 0;
	js = getenv("JOURNAL_STREAM");
	if (js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 &&
	    fstat(STDERR_FILENO, &st) == 0 &&
	    (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino)
		known = 1;
	return known;
}

void vv_verror(const char *file, long line, const char *fmt, va_list ap)
{
	char *c;

	char msg[1024];
	char full[1400];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (!file)
		snprintf(full, sizeof full, "veiviser: %s", msg);
	else if (line > 0)
		snprintf(full, sizeof full, "%s:%ld: %s", file, line, msg);
	else
		snprintf(full, sizeof full, "%s: %s", file, msg);
	/* One message, one line (the journal's unit): a newline in a file
	 * name or a library's text must not start a second entry. */
	for (c = full; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	vv_error_replay(full);
}

void vv_error_replay(const char *line)
{
	if (thread_capture) {
		thread_capture(line, thread_capture_user);
		return;
	}
	vv_error_print(line);
	if (error_hook)
		error_hook(line, error_hook_user);
}

void vv_error_print(const char *line)
{
	fprintf(stderr, "%s%s\n", stderr_is_journal() ? "<3>" : "", line);
}

void vv_error(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vv_verror(file, line, fmt, ap);
	va_end(ap);
}

void vv_error_set_hook(void (*hook)(const char *line, void *user), void *user)
{
	error_hook = hook;
	error_hook_user = user;
}

void vv_error_set_thread_capture(void (*capture)(const char *line,
						 void *user), void *user)
{
	thread_capture = capture;
	thread_capture_user = user;
}

void (*vv_error_thread_capture(void **user))(const char *line, void *user)
{
	*user = thread_capture_user;
	return thread_capture;
}

int vv_stdout_close(void)
{
	int err = 0;

	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	/* Closed so that a failure only the close reveals is caught too;
	 * nothing may print to stdout after this. */
	errno = 0;
	if (fclose(stdout) != 0 && !err)
		err = errno ? errno : EIO;
	if (!err)
		return 0;
	vv_error(_("standard output"), 0, _("cannot write: %s; the output "
					   "is incomplete"), strerror(err));
	return -1;
}
