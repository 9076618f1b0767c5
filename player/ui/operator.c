/* operator: speaks to the staff. Shown instead of the kiosk when there is
 * nothing to play (what is wrong, where the player looked, what to do),
 * and on the operator key chord over a working kiosk (what is loaded).
 * Both list the bundles that were skipped and why. */
#include "player/ui/ui_private.h"

#include <stdio.h>

#include "common/i18n.h"

void operator_draw(struct ui *ui)
{
	int u = ui->unit, x = 8 * u, y = 8 * u, maxw = ui->w - 16 * u;
	size_t i, n = library_n_notes(ui->lib);
	char buf[1600];

	size_t ready = library_n_bundles(ui->lib);

	icon_draw(ui->out, ready ? ICON_HOME : ICON_WARNING, (float)(x + 5 * u),
		  (float)(y + 5 * u), (float)(10 * u), ready ? UI_ACCENT :
		  UI_WARN, UI_BG);
	ui_text(ui, ready ? _("Library") : _("Nothing to play"), 6 * u,
		UI_TEXT, 1, TEXT_ALIGN_START, NULL, x + 14 * u, y + u,
		maxw - 14 * u, 1, NULL);
	y += 16 * u;
	if (ready)
		snprintf(buf, sizeof buf, ngettext("%zu bundle ready, from: %s",
			 "%zu bundles ready, from: %s", ready), ready,
			 ui->library_paths);
	else
		snprintf(buf, sizeof buf, _("No usable bundle was found in: "
			 "%s"), ui->library_paths);
	y += ui_text(ui, buf, 3 * u, UI_TEXT, 0, TEXT_ALIGN_START, NULL, x, y,
		     maxw, 3, NULL) + 2 * u;
	y += ui_text(ui, ready ? _("Press the same keys again to return to "
				   "the kiosk.") :
		     _("Copy the bundles (.vvb files) made with "
		       "veiviser-build into that folder, then restart the "
		       "player."), 3 * u, UI_ACCENT, 0, TEXT_ALIGN_START,
		     NULL, x, y, maxw, 3, NULL) + 4 * u;
	if (n) {
		y += ui_text(ui, _("Skipped:"), 3 * u, UI_TEXT, 1,
			     TEXT_ALIGN_START, NULL, x, y, maxw, 1, NULL) + u;
		for (i = 0; i < n && y < ui->h - 6 * u; i++) {
			const struct library_note *note =
				library_note(ui->lib, i);

			y += ui_text(ui, note->message, 2 * u + u / 2,
				     UI_DIM, 0, TEXT_ALIGN_START, NULL, x, y,
				     maxw, 2, NULL) + u;
		}
	}
}
