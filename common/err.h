/* err: the one error enum both programs use, and the one-line user messages.
 * Messages go to stderr as "FILE:LINE: what happened; what to do". */
#ifndef VV_COMMON_ERR_H
#define VV_COMMON_ERR_H

#include <stdarg.h>

enum vv_err {
	VV_OK = 0,        /* success */
	VV_ERR_NOMEM,     /* an allocation failed (never a size cap: VV_ERR_LIMIT) */
	VV_ERR_IO,        /* reading, writing, renaming or syncing failed */
	VV_ERR_USAGE,     /* bad command-line arguments */
	VV_ERR_FORMAT,    /* malformed input: XML, .po, tar, manifest */
	VV_ERR_SCHEMA,    /* well-formed XML that the schema rejects */
	VV_ERR_LANG,      /* a language code that the language table lacks */
	VV_ERR_MEDIA,     /* media that cannot be probed, decoded or remuxed */
	VV_ERR_INTEGRITY, /* a hash or size that does not match the manifest */
	VV_ERR_NOTFOUND,  /* a named file, member, item or id does not exist */
	VV_ERR_INCOMPLETE,/* --strict: a translation is missing or fuzzy */
	VV_ERR_DISPLAY,   /* SDL could not open a window, renderer or audio */
	VV_ERR_FONT,      /* a font file is missing or unreadable */
	VV_ERR_INTERNAL,  /* a bug: an invariant did not hold */
	VV_ERR_LIMIT,     /* a size cap was reached: input larger or longer
	                   * than the program accepts (a file, text, count) */
};

/* Returns a static English description of `err`; never NULL. It is marked
 * N_(): logs keep it as it is, a message for people shows
 * _(vv_strerror(err)). */
const char *vv_strerror(enum vv_err err);

/* Prints one line to stderr: "FILE:LINE: message\n", or "FILE: message\n"
 * when line <= 0, or "veiviser: message\n" when file is NULL. The message
 * should say what went wrong and what to do about it. */
void vv_error(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void vv_verror(const char *file, long line, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Flushes and closes standard output, as the last step of a program
 * whose output is its result: a full disk, /dev/full or a failed pipe
 * must not end in exit status 0. Returns 0, or -1 after one line
 * ("standard output: cannot write: ..."). Call it once, at exit. */
int vv_stdout_close(void);

/* Sets a hook that receives every vv_error line (without the newline) in
 * addition to stderr; the player uses it for its JSON log and operator
 * screen. NULL removes the hook. Not thread-safe: set it at start-up. */
void vv_error_set_hook(void (*hook)(const char *line, void *user), void *user);

/* Sends the calling thread's vv_error lines to `capture` only (not to
 * stderr nor the hook), so that a background thread can hand its
 * message to the main thread to report. NULL restores the default for
 * this thread. Other threads are not affected. */
void vv_error_set_thread_capture(void (*capture)(const char *line,
						 void *user), void *user);

/* Returns the calling thread's capture (vv_error_set_thread_capture()),
 * or NULL; *user receives its user pointer. */
void (*vv_error_thread_capture(void **user))(const char *line, void *user);

/* Prints `line` (no newline) to stderr as vv_error() does, without the
 * hook and whatever the thread's capture. */
void vv_error_print(const char *line);

/* Reports again a line that vv_error() formatted on another thread and
 * that thread captured (vv_error_set_thread_capture()): to stderr and the
 * hook, or to this thread's capture, as vv_error() would. `line` has no
 * newline. */
void vv_error_replay(const char *line);

#endif
