/* operator: speaks to the staff. Shown instead of the kiosk when there is
 * nothing to play (what is wrong, where the player looked, what to do),
 * and on the operator key chord over a working kiosk (what is loaded).
 * Both list the bundles that were skipped and why. */
#include "player/ui/draw.h"

#include <stdio.h>

#include "common/i18n.h"
#include "player/ui/screen.h"

static void operator_draw(struct ui *ui, const struct nav *nav, double now)
{
	int u = ui->unit, x = 8 * u, y = 8 * u, maxw = ui->w - 16 * u;
	size_t i, n = library_n_notes(ui->lib);
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

	(void)nav;
	(void)now;

	icon_draw(ui->out, ready ? ICON_HOME : ICON_WARNING, (float)(x + 5 * u),
		  (float)(y + 5 * u), (float)(10 * u), ready ? UI_ACCENT :
		  UI_WARN, UI_BG);
	draw_text(ui, ready ? _("Library") : _("Nothing to play"), &title,
		  (struct draw_rect){ x + 14 * u, y + u, maxw - 14 * u, 0 });
	y += 16 * u;
	if (ready)
		snprintf(buf, sizeof buf, ngettext("%zu bundle ready, from: %s",
			 "%zu bundles ready, from: %s", ready), ready,
			 ui->library_paths);
	else
		snprintf(buf, sizeof buf, _("No usable bundle was found in: "
			 "%s"), ui->library_paths);
	y += draw_text(ui, buf, &text, (struct draw_rect){ x, y, maxw, 0 }) +
	     2 * u;
	y += draw_text(ui, ready ? _("Press the same keys again to return to "
				     "the kiosk.") :
		       _("Copy the bundles (.vvb files) made with "
			 "veiviser-build into that folder, then restart the "
			 "player."), &advice,
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
	if (n) {
		y += draw_text(ui, _("Skipped:"), &label,
			       (struct draw_rect){ x, y, maxw, 0 }) + u;
		for (i = 0; i < n && y < ui->h - 6 * u; i++) {
			const struct library_note *note =
				library_note(ui->lib, i);

			y += draw_text(ui, note->message, &note_style,
				       (struct draw_rect){ x, y, maxw, 0 }) +
			     u;
		}
	}
}

const struct screen screen_operator = { "operator", operator_draw };
