/* library_note: a skipped bundle's note as a line for the staff, in the
 * interface language set when it is drawn (the scan wrote its line in
 * the process's language). */
#include "player/core/library.h"

#include <stdio.h>

#include "common/i18n.h"

/* FSI..PDI around a path or a name: its order stays in a right-to-left
 * line. */
static void isolate(const char *s, char *out, size_t cap)
{
	snprintf(out, cap, "\xe2\x81\xa8%s\xe2\x81\xa9", s ? s : "");
}

/* What is wrong and what to do, for the kinds that take no argument;
 * NULL for the others. */
static const char *reason(enum library_note_kind kind)
{
	switch (kind) {
	case LIBRARY_NOTE_MISSING:
		return _("not found; check the path the player was given");
	case LIBRARY_NOTE_UNREADABLE:
		return _("cannot be read; check its permissions (the log "
			 "says more)");
	case LIBRARY_NOTE_FOLDER:
		return _("the folder cannot be read; check its permissions");
	case LIBRARY_NOTE_NOT_BUNDLE:
		return _("not a regular file; give a .vvb bundle");
	case LIBRARY_NOTE_TOO_MANY:
		return _("too many bundles; this one was not loaded");
	case LIBRARY_NOTE_NO_LANG:
		return _("its language is unknown to this player; a newer "
			 "veiviser may know it");
	case LIBRARY_NOTE_UNSIGNED:
		return _("unsigned; this kiosk plays only bundles signed by a "
			 "trusted key");
	case LIBRARY_NOTE_NOT_SIGNATURE:
		return _("the signature member is not a minisign signature; "
			 "sign the bundle again");
	case LIBRARY_NOTE_DAMAGED:
		return _("damaged; copy it again or rebuild it (the log names "
			 "the fault)");
	case LIBRARY_NOTE_DROPPED:
		return _("damaged, found after it was offered: it was taken "
			 "out of the pickers; copy it again or rebuild it (the "
			 "log names the fault)");
	case LIBRARY_NOTE_COPYING:
		return _("still being copied; it is added when the copy is "
			 "complete");
	case LIBRARY_NOTE_TOO_LARGE:
		return _("a member is larger than a bundle may hold; rebuild "
			 "it with shorter or more compressed media");
	default:
		return NULL;
	}
}

void library_note_text(const struct library_note *note, char *buf,
		       size_t cap)
{
	char path[1100], other[1100], key[64], lang[64], level[128];
	const char *why = reason(note->kind);

	isolate(note->path, path, sizeof path);
	if (why) {
		snprintf(buf, cap, "%s: %s", path, why);
		return;
	}
	switch (note->kind) {
	case LIBRARY_NOTE_NO_ITEMS:
		snprintf(buf, cap, _("%s: skipped: the bundle has no items; "
			 "rebuild it from a pack with slides or videos"),
			 path);
		break;
	case LIBRARY_NOTE_DUPLICATE:
		/* codes isolated too: "no-schooling" broke at its
		 * hyphen into a right-to-left line's order */
		isolate(note->arg[0], other, sizeof other);
		isolate(note->arg[1], lang, sizeof lang);
		isolate(note->arg[2], level, sizeof level);
		snprintf(buf, cap, _("%s: skipped: %s already provides "
			 "language %s, level %s; keep one of them in the "
			 "library"), path, other, lang, level);
		break;
	case LIBRARY_NOTE_REPLACED:
		/* not a fault: the staff may delete it when they like */
		isolate(note->arg[0], other, sizeof other);
		snprintf(buf, cap, _("%s: replaced by version %s, which is "
			 "offered instead; this file may be deleted"), path,
			 other);
		break;
	case LIBRARY_NOTE_KEY_UNTRUSTED:
		isolate(note->arg[0], key, sizeof key);
		snprintf(other, sizeof other, _("signed by key %s, which this "
			 "kiosk does not trust; add its .pub file to the "
			 "trusted keys"), key);
		snprintf(buf, cap, "%s: %s", path, other);
		break;
	case LIBRARY_NOTE_BAD_SIGNATURE:
		isolate(note->arg[0], key, sizeof key);
		snprintf(other, sizeof other, _("the signature of key %s does "
			 "not match: the bundle or its signature was altered"),
			 key);
		snprintf(buf, cap, "%s: %s", path, other);
		break;
	default:
		snprintf(buf, cap, _("%s: %s; rebuild or copy the bundle "
			 "again"), path, _(vv_strerror(note->err)));
		break;
	}
}
