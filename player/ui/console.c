/* console: the presenter console of the group screen. Full form (second
 * display or window): the current slide small with the next one under
 * it, the script of the current slide large in the facilitator's
 * language, slide number, clock, elapsed time and time on this slide, and
 * a status line (what the room sees, a typed slide number, the keys).
 * Overlay form (one screen): the script, times and status in a band. */
#include "player/ui/group_private.h"

#include <stdio.h>
#include <string.h>

#include "common/i18n.h"
#include "player/core/legible.h"

#define CONSOLE_PANEL 0x0b1a2cffu

static void mmss(double s, char *out, size_t size)
{
	long t = s > 0 ? (long)s : 0;

	if (t >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60,
			 t % 60);
	else
		snprintf(out, size, "%ld:%02ld", t / 60, t % 60);
}

static void clock_text(time_t t, char *out, size_t size)
{
	struct tm tm;

	if (localtime_r(&t, &tm))
		snprintf(out, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else
		snprintf(out, size, "--:--");
}

/* The script: as large as fits, from 4.5% of the console's height down
 * to 3%; text in the script's language and direction. */
static void draw_script(struct ui *ui, const struct console_view *v, int x,
			int y, int w, int h)
{
	const char *lang = v->script_bundle->lang->code;
	const char *script = v->script_item->script.text;
	int size, tw, th, heading, max_lines;

	heading = legible_px(ui->h, 0.035);
	y += ui_text(ui, v->script_item->heading.text, heading, UI_ACCENT, 1,
		     TEXT_ALIGN_START, lang, x, y, w, 2, NULL) + heading / 2;
	h -= heading * 3;
	if (!script || !*script) {
		ui_text(ui, _("(no script for this slide)"),
			legible_px(ui->h, 0.03), UI_DIM, 0, TEXT_ALIGN_START,
			NULL, x, y, w, 2, NULL);
		return;
	}
	for (size = legible_px(ui->h, 0.045);
	     size > legible_px(ui->h, 0.03); size -= 2) {
		ui_text_size(ui, script, size, 0, lang, w, 0, &tw, &th);
		if (th <= h)
			break;
	}
	max_lines = h / (size * 5 / 4) > 1 ? h / (size * 5 / 4) : 1;
	ui_text(ui, script, size, UI_TEXT, 0, TEXT_ALIGN_START, lang, x, y,
		w, max_lines, NULL);
}

/* What the room sees, a typed number, pause and captions: one line. */
static void status_line(const struct console_view *v, char *out,
			size_t size)
{
	size_t n = 0;

	out[0] = 0;
#define ADD(...) do { \
		if (n < size) \
			n += (size_t)snprintf(out + n, size - n, __VA_ARGS__); \
	} while (0)
	if (v->blank == FACILITATOR_BLACK)
		ADD("%s", _("Room: BLACK screen (b or any slide key)"));
	else if (v->blank == FACILITATOR_WHITE)
		ADD("%s", _("Room: WHITE screen (w or any slide key)"));
	else
		ADD("%s", _("Room: slide shown"));
	if (v->paused)
		ADD("   %s", _("Paused (p)"));
	if (v->captions)
		ADD("   %s %s: %s", _("Captions"), v->captions,
		    v->subtitles ? _("on") : _("off"));
	if (v->digits && v->digits[0])
		ADD("   %s %s_", _("Go to slide:"), v->digits);
	else if (v->bad_number)
		ADD("   %s", _("No slide with that number"));
#undef ADD
}

static void thumbnail(struct ui *ui, struct group_images *images,
		      const struct bundle *b, const struct bundle_item *it,
		      size_t index, int x, int y, int w, uint32_t frame,
		      enum facilitator_blank blank)
{
	int h = w * 9 / 16, f = ui->h / 200 > 1 ? ui->h / 200 : 1;

	out_fill_rect(ui->out, x - f, y - f, w + 2 * f, h + 2 * f, frame);
	if (blank != FACILITATOR_SHOW) {
		/* The room is blanked: show that, so nobody is surprised. */
		out_fill_rect(ui->out, x, y, w, h, blank == FACILITATOR_BLACK ?
			      0x000000ffu : 0xffffffffu);
		ui_text_centered(ui, blank == FACILITATOR_BLACK ?
				 _("black screen") : _("white screen"),
				 legible_px(ui->h, 0.03), UI_WARN, 1, NULL,
				 x + w / 2, y + h / 2 - ui->h / 60);
		return;
	}
	group_slide_draw(ui, images, b, it, index, NULL, NULL, x, y, w, h, 1,
			 NULL);
}

void console_draw_dialog(struct ui *ui, const struct console_view *v,
			 int x, int y, int w, int h)
{
	int bw = w * 60 / 100, bh = h * 40 / 100, bx = x + (w - bw) / 2;
	int by = y + (h - bh) / 2, big = legible_px(h, 0.06);
	int mid = legible_px(h, 0.035), ty = by + big / 2;
	char buf[64];

	out_fill_rect(ui->out, x, y, w, h, 0x000000a0u);
	out_fill_round_rect(ui->out, bx, by, bw, bh, bh / 12, UI_PANEL);
	if (v->phase == FACILITATOR_CONFIRM_EXIT) {
		ui_text_centered(ui, _("Leave the session?"), big, UI_TEXT, 1,
				 NULL, bx + bw / 2, ty);
		ui_text_centered(ui, _("Esc or y: leave"), mid, UI_ACCENT, 0,
				 NULL, bx + bw / 2, ty + big * 2);
		ui_text_centered(ui, _("any other key: go on"), mid, UI_DIM,
				 0, NULL, bx + bw / 2, ty + big * 2 + mid * 2);
		return;
	}
	ui_text_centered(ui, _("How many took part?"), big, UI_TEXT, 1, NULL,
			 bx + bw / 2, ty);
	snprintf(buf, sizeof buf, "%s_", v->digits ? v->digits : "");
	ui_text_centered(ui, buf, big * 3 / 2, UI_ACCENT, 1, NULL,
			 bx + bw / 2, ty + big * 3 / 2);
	ui_text_centered(ui, _("Enter: save   Esc: skip"), mid, UI_DIM, 0,
			 NULL, bx + bw / 2, ty + big * 4);
}

static void draw_overlay(struct ui *ui, const struct console_view *v,
			 int x, int y, int w, int h)
{
	int pad = h / 16, small = legible_px(ui->h, 0.028);
	char top[400], el[32], it[32], clk[16], status[256];

	out_fill_rect(ui->out, x, y, w, h, CONSOLE_PANEL);
	out_fill_rect(ui->out, x, y, w, ui->h / 200 + 1, UI_ACCENT);
	mmss(v->elapsed, el, sizeof el);
	mmss(v->item_elapsed, it, sizeof it);
	clock_text(v->wall, clk, sizeof clk);
	snprintf(top, sizeof top, "%zu / %zu    %s    %s %s    %s %s",
		 v->index + 1, v->total, clk, _("total"), el,
		 _("this slide"), it);
	ui_text(ui, top, small, UI_ACCENT, 1, TEXT_ALIGN_START, NULL,
		x + pad, y + pad / 2, w - 2 * pad, 1, NULL);
	status_line(v, status, sizeof status);
	ui_text(ui, status, small, v->blank != FACILITATOR_SHOW ? UI_WARN :
		UI_DIM, 0, TEXT_ALIGN_START, NULL, x + pad,
		y + h - small * 2, w - 2 * pad, 1, NULL);
	snprintf(top, sizeof top, "%s: %s", _("Next"), v->next_heading ?
		 v->next_heading : _("End of the pack"));
	ui_text(ui, top, small, UI_DIM, 0, TEXT_ALIGN_START, NULL, x + pad,
		y + h - small * 7 / 2, w - 2 * pad, 1, NULL);
	draw_script(ui, v, x + pad, y + pad / 2 + small * 2, w - 2 * pad,
		    h - small * 6);
}

void console_draw(struct ui *ui, struct group_images *images,
		  const struct console_view *v, int x, int y, int w, int h,
		  int overlay)
{
	int pad = h * 3 / 100, big = legible_px(h, 0.05);
	int small = legible_px(h, 0.025), col, top, th;
	char buf[160], el[32], it[32], status[256];

	if (v->phase == FACILITATOR_CONFIRM_EXIT ||
	    v->phase == FACILITATOR_COUNT) {
		if (!overlay) {
			out_fill_rect(ui->out, x, y, w, h, UI_BG);
			console_draw_dialog(ui, v, x, y, w, h);
		}
		return;
	}
	if (v->picking) {
		out_fill_rect(ui->out, x, y, w, h, UI_BG);
		clock_text(v->wall, buf, sizeof buf);
		ui_text_centered(ui, buf, big, UI_ACCENT, 1, NULL, x + w / 2,
				 y + h / 4);
		ui_text_centered(ui, _("Choose the language and level on the "
				 "room screen"), legible_px(h, 0.035), UI_TEXT,
				 0, NULL, x + w / 2, y + h / 2);
		return;
	}
	if (overlay) {
		draw_overlay(ui, v, x, y, w, h);
		return;
	}
	out_fill_rect(ui->out, x, y, w, h, UI_BG);
	/* Top bar: slide number, clock, times. */
	out_fill_rect(ui->out, x, y, w, big + 2 * pad, CONSOLE_PANEL);
	snprintf(buf, sizeof buf, "%zu / %zu", v->index + 1, v->total);
	ui_text(ui, buf, big, UI_TEXT, 1, TEXT_ALIGN_START, NULL, x + pad,
		y + pad, 0, 1, NULL);
	clock_text(v->wall, buf, sizeof buf);
	ui_text_centered(ui, buf, big, UI_ACCENT, 1, NULL, x + w / 2, y + pad);
	mmss(v->elapsed, el, sizeof el);
	mmss(v->item_elapsed, it, sizeof it);
	snprintf(buf, sizeof buf, "%s %s   %s %s", _("total"), el,
		 _("this slide"), it);
	ui_text(ui, buf, legible_px(h, 0.035), UI_TEXT, 0, TEXT_ALIGN_END,
		NULL, x + w / 2 + big * 2, y + pad + big / 6,
		w / 2 - big * 2 - pad, 1, NULL);
	top = y + big + 3 * pad;
	/* Left column: now and next, small. */
	col = w * 36 / 100;
	ui_text(ui, _("Now"), small, UI_DIM, 1, TEXT_ALIGN_START, NULL,
		x + pad, top, 0, 1, NULL);
	th = small * 3 / 2;
	thumbnail(ui, images, v->room, v->current, v->index, x + pad,
		  top + th, col - 2 * pad, UI_ACCENT, v->blank);
	top += th + (col - 2 * pad) * 9 / 16 + 2 * pad;
	ui_text(ui, _("Next"), small, UI_DIM, 1, TEXT_ALIGN_START, NULL,
		x + pad, top, 0, 1, NULL);
	if (v->next) {
		int nw = (col - 2 * pad) * 3 / 4;

		thumbnail(ui, images, v->room, v->next, v->index + 1,
			  x + pad, top + th, nw, UI_PANEL_HI,
			  FACILITATOR_SHOW);
		ui_text(ui, v->next_heading, small, UI_TEXT, 0,
			TEXT_ALIGN_START, v->script_bundle->lang->code,
			x + pad, top + th + nw * 9 / 16 + pad / 2,
			col - 2 * pad, 1, NULL);
	} else {
		ui_text(ui, _("End of the pack"), legible_px(h, 0.03),
			UI_TEXT, 0, TEXT_ALIGN_START, NULL, x + pad, top + th,
			col - 2 * pad, 1, NULL);
	}
	/* Right: the script, large. */
	out_fill_rect(ui->out, x + col, y + big + 2 * pad, w - col,
		      h - big - 2 * pad - small * 3, CONSOLE_PANEL);
	draw_script(ui, v, x + col + pad, y + big + 3 * pad,
		    w - col - 2 * pad, h - big - 5 * pad - small * 3);
	/* Bottom: status and keys. */
	status_line(v, status, sizeof status);
	ui_text(ui, status, small, v->blank != FACILITATOR_SHOW ? UI_WARN :
		UI_TEXT, 1, TEXT_ALIGN_START, NULL, x + pad,
		y + h - small * 3 + small / 4, w - 2 * pad, 1, NULL);
	ui_text(ui, _("PgDn/PgUp: next/back   b .: black   w ,: white   "
		      "number Enter: go to   p: pause   s: captions   "
		      "Esc: leave"), small * 3 / 4, UI_DIM, 0,
		TEXT_ALIGN_START, NULL, x + pad, y + h - small * 3 / 2,
		w - 2 * pad, 1, NULL);
}
