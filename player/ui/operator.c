/* operator: speaks to the staff. Shown instead of the kiosk when there is
 * nothing to play (what is wrong, where the player looked, what to do),
 * and on the operator key chord over a working kiosk (what is loaded).
 * Both list the bundles that were skipped and why, and older versions
 * of a pack that a newer one replaced. */
#include "player/ui/draw.h"

#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "common/lang.h"
#include "player/core/trust.h"
#include "player/ui/screen.h"

/* "2026-12-02T12:00:00Z" as "2026-12-02 12:00 UTC"; other text as it
 * is. */
static void short_time(const char *iso, char *out, size_t cap)
{
	if (strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
		snprintf(out, cap, "%.10s %.5s UTC", iso, iso + 11);
	else
		snprintf(out, cap, "%s", iso);
}

/* A byte count with an SI unit: "650 B", "12.3 MB". */
static void short_bytes(unsigned long long n, char *out, size_t cap)
{
	static const char *const unit[] = { "kB", "MB", "GB", "TB" };
	double v = (double)n;
	int u = -1;

	if (n < 1000) {
		snprintf(out, cap, "%llu B", n);
		return;
	}
	while (v >= 1000 && u < 3) {
		v /= 1000;
		u++;
	}
	snprintf(out, cap, "%.1f %s", v, unit[u]);
}

/* What a failure of the kind named in the status means, for the staff;
 * NULL for a kind this player does not know (the updater's own words are
 * shown then). */
static const char *kind_text(const char *kind)
{
	static const struct {
		const char *kind, *text;
	} kinds[] = {
		{ SYNC_KIND_NETWORK, N_("the site could not be reached, or it "
			"was too slow; the next run tries again") },
		{ SYNC_KIND_LIMIT, N_("the server sent more than the catalogue "
			"allows; refused") },
		{ SYNC_KIND_DISK, N_("the disk is full or cannot be written; "
			"the bundles already here stay") },
		{ SYNC_KIND_EXPIRED, N_("the site's catalogue has expired; the "
			"publisher must publish it again") },
		{ SYNC_KIND_ROLLBACK, N_("the site offers an older catalogue "
			"than this kiosk already has; refused") },
		{ SYNC_KIND_UNTRUSTED, N_("the catalogue or a bundle is not "
			"signed by a key this kiosk trusts") },
		{ SYNC_KIND_SIGNATURE, N_("a signature does not match: the "
			"catalogue or a bundle was changed") },
		{ SYNC_KIND_BUNDLE, N_("a bundle differs from the catalogue or "
			"is damaged; refused") },
		{ SYNC_KIND_FORMAT, N_("the site does not offer a valid "
			"Veiviser catalogue") },
		{ SYNC_KIND_SELECTION, N_("the languages, levels or packs "
			"chosen for this kiosk match nothing the site offers "
			"(a typing error?); the bundles here stay") },
	};
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return _(kinds[i].text);
	return NULL;
}

/* What veiviser-sync last said (its status file): the catalogue version,
 * the last success, the bytes of the last run when it succeeded, and
 * the last error.
 * Returns the height drawn. */
static int sync_draw(struct ui *ui, int x, int y, int maxw,
		     const struct draw_style *text,
		     const struct draw_style *advice,
		     const struct draw_style *detail)
{
	char buf[1600], path[1100], when[64], size[32];
	const struct sync_status *st = &ui->sync;
	int h = 0, u = ui->unit;

	if (!ui->sync_known)
		return 0;
	/* Paths and the updater's own words are isolated (FSI..PDI), so
	 * that they keep their order in a right-to-left interface. */
	snprintf(path, sizeof path, "\xe2\x81\xa8%s\xe2\x81\xa9",
		 ui->sync_path);
	if (ui->sync_err == VV_ERR_NOTFOUND) {
		snprintf(buf, sizeof buf, _("Updates: no status from "
			 "veiviser-sync in %s."), path);
		return draw_text(ui, buf, text,
				 (struct draw_rect){ x, y, maxw, 0 }) + 2 * u;
	}
	if (ui->sync_err != VV_OK) {
		snprintf(buf, sizeof buf, _("Updates: cannot read %s: %s"),
			 path, _(vv_strerror(ui->sync_err)));
		return draw_text(ui, buf, advice,
				 (struct draw_rect){ x, y, maxw, 0 }) + 2 * u;
	}
	if (st->last_success[0]) {
		short_time(st->last_success, when, sizeof when);
		snprintf(buf, sizeof buf, _("Updates: catalogue version %ld, "
			 "last success %s."), st->version, when);
	} else {
		snprintf(buf, sizeof buf, "%s",
			 _("Updates: no update has succeeded yet."));
	}
	h += draw_text(ui, buf, st->last_success[0] ? text : advice,
		       (struct draw_rect){ x, y + h, maxw, 0 }) + u;
	/* The status's bytes are the last run's: the last success's only
	 * when that run succeeded. After a failure they are not shown ("0 B
	 * downloaded" read as if nothing had happened). */
	if (st->last_success[0] && !st->last_error[0]) {
		short_bytes(st->bytes, size, sizeof size);
		snprintf(buf, sizeof buf, _("%s downloaded in the last run."),
			 size);
		h += draw_text(ui, buf, detail,
			       (struct draw_rect){ x, y + h, maxw, 0 }) + u;
	}
	if (st->last_error[0]) {
		const char *meaning = kind_text(st->error_kind);
		char error[600];

		/* The meaning in the staff's language; the updater's own
		 * line (in the language it ran in) below it, small. */
		short_time(st->last_attempt, when, sizeof when);
		snprintf(error, sizeof error, "\xe2\x81\xa8%s\xe2\x81\xa9",
			 st->last_error);
		snprintf(buf, sizeof buf, _("Last update attempt (%s) failed: "
			 "%s"), when, meaning ? meaning : error);
		h += draw_text(ui, buf, advice,
			       (struct draw_rect){ x, y + h, maxw, 0 }) + u;
		if (meaning)
			h += draw_text(ui, error, detail,
				       (struct draw_rect){ x, y + h, maxw,
							   0 }) + u;
	}
	return h + u;
}

/* The state folder, when the record of verified bundles cannot be
 * written there: which folder, and what that costs (every start hashes
 * every bundle again). Returns the height drawn. */
static int records_draw(struct ui *ui, int x, int y, int maxw,
			const struct draw_style *advice,
			const struct draw_style *detail)
{
	const char *folder = trust_unwritable(ui->records);
	char buf[1200], path[1100];
	int h;

	if (!folder)
		return 0;
	/* isolated (FSI..PDI), as the other paths */
	snprintf(path, sizeof path, "\xe2\x81\xa8%s\xe2\x81\xa9", folder);
	snprintf(buf, sizeof buf, _("Cannot write to the state folder %s."),
		 path);
	h = draw_text(ui, buf, advice, (struct draw_rect){ x, y, maxw, 0 }) +
	    ui->unit;
	/* worded by trust.c: the reason (a full disk, a read-only one) */
	h += draw_text(ui, trust_unwritable_advice(ui->records), detail,
		       (struct draw_rect){ x, y + h, maxw, 0 });
	return h + 2 * ui->unit;
}

/* Draws at y, under `heading`, the library's notes of older versions
 * replaced (`replaced` 1) or of skipped bundles (0): as many as fit (two
 * lines each, at most), the rest counted on a line of their own. Returns
 * the y below them; y when there are none. */
static int notes_draw(struct ui *ui, int x, int y, int maxw, int replaced,
		      const char *heading, const struct draw_style *label,
		      const struct draw_style *note_style)
{
	int u = ui->unit;
	size_t i, shown = 0, all = library_n_notes(ui->lib);
	size_t n = replaced ? library_n_replaced(ui->lib) :
		   all - library_n_replaced(ui->lib);
	char buf[1600];

	if (!n)
		return y;
	y += draw_text(ui, heading, label, (struct draw_rect){ x, y, maxw, 0 }) +
	     u;
	for (i = 0; i < all && y <= ui->h - (shown + 1 < n ? 13 : 9) * u;
	     i++) {
		const struct library_note *note = library_note(ui->lib, i);

		if ((note->kind == LIBRARY_NOTE_REPLACED) != replaced)
			continue;
		/* in the staff's language, set for this screen */
		library_note_text(note, buf, sizeof buf);
		y += draw_text(ui, buf, note_style,
			       (struct draw_rect){ x, y, maxw, 0 }) + u;
		shown++;
	}
	if (shown < n) {
		snprintf(buf, sizeof buf, ngettext("... and %zu more; the log "
			 "names each.", "... and %zu more; the log names "
			 "each.", n - shown), n - shown);
		y += draw_text(ui, buf, label,
			       (struct draw_rect){ x, y, maxw, 0 }) + u;
	}
	return y;
}

static void operator_draw(struct ui *ui, const struct nav *nav, double now)
{
	int u = ui->unit, x = 8 * u, y = 8 * u, maxw = ui->w - 16 * u;
	char buf[1600];
	size_t ready = library_n_bundles(ui->lib);
	const struct draw_style title = { .size = 6 * u, .rgba = UI_TEXT,
					  .bold = 1, .max_lines = 1 };
	const struct draw_style text = { .size = 3 * u, .rgba = UI_TEXT,
					 .max_lines = 3 };
	const struct draw_style advice = { .size = 3 * u, .rgba = UI_ACCENT,
					   .max_lines = 3 };
	const struct draw_style label = { .size = 3 * u, .rgba = UI_TEXT,
					  .bold = 1, .max_lines = 1 };
	const struct draw_style note_style = { .size = 2 * u + u / 2,
					       .rgba = UI_DIM,
					       .max_lines = 2 };

	const struct vv_lang *staff = lang_find(ui->staff_lang);
	/* mirrored for a right-to-left staff language: the icon at the
	 * right, beside the title's start */
	int rtl = staff && staff->dir == VV_DIR_RTL;
	char paths[1100];

	/* no bundle yet, and the library folder does not answer: the
	 * kiosk started before its network share */
	int waiting = !ready && ui->not_answering;
	const char *advice_text;

	(void)nav;
	(void)now;

	draw_icon(ui, ready ? ICON_HOME : ICON_WARNING,
		  (float)(rtl ? x + maxw - 5 * u : x + 5 * u),
		  (float)(y + 5 * u), (float)(10 * u), ready ? UI_ACCENT :
		  UI_WARN, UI_BG);
	draw_text(ui, ready ? _("Library") : waiting ?
		  _("Waiting for the library") : _("Nothing to play"), &title,
		  (struct draw_rect){ rtl ? x : x + 14 * u, y + u,
				      maxw - 14 * u, 0 });
	y += 16 * u;
	/* the folders isolated (FSI..PDI), as the other paths */
	snprintf(paths, sizeof paths, "\xe2\x81\xa8%s\xe2\x81\xa9",
		 ui->library_paths);
	if (ready)
		snprintf(buf, sizeof buf, ngettext("%zu bundle ready, from: %s",
			 "%zu bundles ready, from: %s", ready), ready, paths);
	else if (waiting)
		snprintf(buf, sizeof buf, _("The library folder is not "
			 "answering (a network share that is slow or stopped?): "
			 "%s. The kiosk starts by itself when it answers."),
			 paths);
	else
		snprintf(buf, sizeof buf, _("No usable bundle was found in: "
			 "%s"), paths);
	y += draw_text(ui, buf, &text, (struct draw_rect){ x, y, maxw, 0 }) +
	     2 * u;
	if (ui->not_answering && !waiting)
		y += draw_text(ui, _("The library folder is not answering (a "
				     "network share that stopped?). The kiosk "
				     "goes on with the bundles it has open, "
				     "and takes up new ones when the folder "
				     "answers again."), &advice,
			       (struct draw_rect){ x, y, maxw, 0 }) + 2 * u;
	/* A kiosk watches its folders and rescans on this screen; a group
	 * screen reads them once. Not said while waiting: whether the
	 * folder can be watched is not known yet. */
	if (ready)
		advice_text = _("Press the same keys again to return to the "
				"kiosk.");
	else if (waiting)
		advice_text = NULL;
	else if (ui->watched)
		advice_text = _("Bundles (.vvb files) made with veiviser-build "
				"show here by themselves as soon as they are "
				"copied into that folder; no restart is "
				"needed.");
	else
		advice_text = _("Copy the bundles (.vvb files) made with "
				"veiviser-build into that folder, then restart "
				"the player.");
	if (advice_text)
		y += draw_text(ui, advice_text, &advice,
			       (struct draw_rect){ x, y, maxw, 0 }) + 4 * u;
	{
		char dir[512];

		/* Whether this kiosk checks who made its bundles. The folder
		 * is isolated (FSI..PDI) as the site file's path below. */
		snprintf(dir, sizeof dir, "\xe2\x81\xa8%s\xe2\x81\xa9",
			 ui->trust_dir);
		if (ui->trust_keys)
			snprintf(buf, sizeof buf, ngettext("Origin checked: "
				 "only bundles signed by a key in %s play "
				 "(%zu key).", "Origin checked: only bundles "
				 "signed by a key in %s play (%zu keys).",
				 ui->trust_keys), dir, ui->trust_keys);
		else
			snprintf(buf, sizeof buf, _("Origin not checked: %s "
				 "holds no trusted key, so any intact bundle "
				 "plays."), dir);
		y += draw_text(ui, buf, ui->trust_keys ? &text : &advice,
			       (struct draw_rect){ x, y, maxw, 0 }) + 2 * u;
	}
	y += records_draw(ui, x, y, maxw, &advice, &note_style);
	y += sync_draw(ui, x, y, maxw, &text, &advice, &note_style);
	if (ui->site_missing[0]) {
		char path[512], names[640];

		/* The site file lacks a value some text needs: the kiosk
		 * shows a neutral mark there; say which and where. The path
		 * and the names are isolated (FSI..PDI), so that they keep
		 * their order in a right-to-left interface. */
		snprintf(path, sizeof path, "\xe2\x81\xa8%s\xe2\x81\xa9",
			 ui->site_path);
		snprintf(names, sizeof names, "\xe2\x81\xa8%s\xe2\x81\xa9",
			 ui->site_missing);
		snprintf(buf, sizeof buf, _("Local details missing in %s: %s. "
			 "Add a line \"name = value\" for each."),
			 path, names);
		y += draw_text(ui, buf, &advice,
			       (struct draw_rect){ x, y, maxw, 0 }) + 4 * u;
	}
	/* the faults first; older versions that a newer one replaced are
	 * none, and wait for the staff's leisure under a heading of their
	 * own */
	y = notes_draw(ui, x, y, maxw, 0, _("Skipped:"), &label,
		       &note_style);
	notes_draw(ui, x, y, maxw, 1, _("Replaced by a newer version:"),
		   &label, &note_style);
}

const struct screen screen_operator = { "operator", operator_draw };
