/* console: the presenter console of the group screen. Full form (second
 * display or window): the current slide small with the next one under
 * it, the script of the current slide large in the facilitator's
 * language, slide number, clock, elapsed time and time on this slide, and
 * a status line (what the room sees, a typed slide number, the keys).
 * Overlay form (one screen): the script, times, the countdown and status
 * in a band. */
#include "player/ui/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "common/lang.h"
#include "player/core/legible.h"
#include "player/ui/keyhelp.h"

#define CONSOLE_PANEL 0x0b1a2cffu

#define CONSOLE_RED 0xe5484dffu

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

/* The height the console's text sizes are fractions of: the screen's,
 * or three quarters of its width when that is less (a portrait screen,
 * whose width holds the lines). */
static int text_ref(const struct ui *ui)
{
	return ui->w * 3 / 4 < ui->h ? ui->w * 3 / 4 : ui->h;
}

#define SCRIPT_PAGES_MAX 32

/* Sets text->size to the largest size from pref down to least at which
 * the script fits r (least when none does); returns its height there. */
static int script_fit(struct ui *ui, const char *script,
		      struct draw_style *text, struct draw_rect r, int pref,
		      int least)
{
	int tw, th = 0;

	for (text->size = pref; text->size >= least; text->size--) {
		draw_text_size(ui, script, text, r.w, &tw, &th);
		if (th <= r.h)
			return th;
	}
	text->size = least;
	return th;
}

/* Draws page `asked` (from 0) of the script, which does not fit r whole
 * at text's size, under the heading in head; the mark "1/2" (an arrow
 * while more follow) at the heading's end, where it takes no line of the
 * script. Fills the view's page fields. Returns 0, or -1 when memory ran
 * out (nothing drawn). */
static int script_page(struct ui *ui, struct console_view *v, int asked,
		       const struct draw_style *head, struct draw_style *text,
		       struct draw_rect r)
{
	const char *script = v->script_item->script.text;
	const struct vv_lang *l = text->lang ? lang_find(text->lang) : NULL;
	const struct draw_style probe = { .size = head->size, .bold = 1,
					  .lang = "en", .max_lines = 1 };
	int rtl = l && l->dir == VV_DIR_RTL, size = head->size;
	size_t ends[SCRIPT_PAGES_MAX], from, to;
	int pages, page, mark_w, hw, th;
	struct draw_rect body = r;
	char *buf;

	/* the mark's width as groupslide_page_mark() draws it, a gap */
	draw_text_size(ui, "00/00", &probe, 0, &mark_w, &th);
	hw = r.w - mark_w - size / 3 - size * 2;
	draw_text_size(ui, v->script_item->heading.text, head, hw, &th, &th);
	body.y += th + size / 2;
	body.h -= th + size / 2;
	pages = draw_split_pages(ui, script, text, body.w, body.h, ends,
				 SCRIPT_PAGES_MAX);
	if (pages < 1)
		return -1;
	page = asked < 0 ? 0 : asked >= pages ? pages - 1 : asked;
	from = page > 0 ? ends[page - 1] : 0;
	to = ends[page];
	buf = malloc(to - from + 1);
	if (!buf)
		return -1;
	memcpy(buf, script + from, to - from);
	buf[to - from] = '\0';
	draw_text(ui, v->script_item->heading.text, head, (struct draw_rect){
			  rtl ? r.x + r.w - hw : r.x, r.y, hw, 0 });
	text->max_lines = body.h / (text->size * 5 / 4) > 1 ?
			  body.h / (text->size * 5 / 4) : 1;
	draw_text(ui, buf, text, body);
	free(buf);
	groupslide_page_mark(ui, page, pages, rtl, r.x, r.y, r.w, size,
			     UI_ACCENT);
	v->script_page = page;
	v->script_pages = pages;
	v->script_from = from;
	v->script_to = to;
	return 0;
}

/* The script in r under its slide's heading: as large as fits, from 4.5%
 * of the console's height (text_ref()) down to the floor of 2.5%, text in
 * the script's language and direction. The floor is the facilitator's,
 * who reads at a laptop's distance or near the screen, not the back
 * row's (LEGIBLE_BODY_MIN): about 20 px on a 768-line laptop, which "-"
 * gave before the script shrank that far by itself. A script that does
 * not fit at the floor goes on pages (script_page()): it is never cut. */
static void draw_script(struct ui *ui, struct console_view *v,
			struct draw_rect r)
{
	const struct bundle *sb = v->script_bundle;
	const char *script = v->script_item->script.text;
	int ref = text_ref(ui), heading = legible_px(ref, 0.035), tw, th;
	int least, asked = v->script_page;
	const struct draw_style head = {
		.size = heading, .rgba = UI_ACCENT, .bold = 1,
		.lang = bundle_text_lang(sb, &v->script_item->heading),
		.max_lines = 2 };
	const struct draw_style none = { .size = legible_px(ref, 0.03),
					 .rgba = UI_DIM, .max_lines = 2 };
	struct draw_style text = {
		.rgba = UI_TEXT,
		.lang = bundle_text_lang(sb, &v->script_item->script) };
	struct draw_rect body = r;
	double scale;

	draw_text_size(ui, v->script_item->heading.text, &head, r.w, &tw,
		       &th);
	body.y += th + heading / 2;
	body.h -= th + heading / 2;
	v->script_page = 0;
	v->script_pages = 1;
	v->script_from = v->script_to = 0;
	if (!script || !*script) {
		draw_text(ui, v->script_item->heading.text, &head, r);
		draw_text(ui, _("(no script for this slide)"), &none, body);
		return;
	}
	/* + and - scale the preferred size and the floor together. */
	scale = 1.0 + 0.15 * v->script_step;
	least = legible_px(ref, 0.025 * scale);
	th = script_fit(ui, script, &text, body,
			legible_px(ref, 0.045 * scale), least);
	v->script_px = text.size;
	if (th > body.h && script_page(ui, v, asked, &head, &text, r) == 0)
		return;
	draw_text(ui, v->script_item->heading.text, &head, r);
	text.max_lines = body.h / (text.size * 5 / 4) > 1 ?
			 body.h / (text.size * 5 / 4) : 1;
	v->script_to = strlen(script);
	draw_text(ui, script, &text, body);
}

/* A typed number, what the room sees, pause and captions: one line.
 * The number being typed comes first: on a small console the end of the
 * line may not fit. */
static void status_line(const struct console_view *v, char *out,
			size_t size)
{
	size_t n = 0;

	out[0] = 0;
#define ADD(...) do { \
		if (n < size) \
			n += (size_t)snprintf(out + n, size - n, __VA_ARGS__); \
	} while (0)
	if (v->digits && v->digits[0])
		ADD("%s %s_   ", _("Go to slide:"), v->digits);
	else if (v->bad_number)
		ADD("%s   ", _("No slide with that number"));
	if (v->note)
		ADD("%s   ", v->note);
	if (v->record_lost)
		ADD("%s   ", _("NO SESSION RECORD: the folder cannot be "
			     "written"));
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
	if (v->film_pos >= 0) {
		char pos[32], dur[32], left[32];

		/* Where the film is and what is left; J and L seek. */
		mmss(v->film_pos, pos, sizeof pos);
		mmss(v->film_dur, dur, sizeof dur);
		mmss(v->film_dur - v->film_pos, left, sizeof left);
		ADD("   %s / %s  -%s  (J L \u00b110 s)", pos, dur,
		    left);
	}
	if (v->text_pages > 1) {
		/* the room's slide goes on on pages that next steps
		 * through: say where the room is */
		ADD("   ");
		ADD(_("Slide text: page %d of %d"), v->text_page,
		    v->text_pages);
	}
#undef ADD
}

/* Slide s fitted 16:9 into r's width (r.h is not used), in a frame of
 * colour `frame`; a blanked room shows as such. */
static void thumbnail(struct ui *ui, struct groupslide_images *images,
		      const struct groupslide *s, struct draw_rect r,
		      uint32_t frame, enum facilitator_blank blank)
{
	int f = ui->h / 200 > 1 ? ui->h / 200 : 1;
	const struct draw_style st = { .size = legible_px(ui->h, 0.03),
				       .rgba = UI_WARN, .bold = 1 };

	r.h = r.w * 9 / 16;
	out_fill_rect(ui->out, r.x - f, r.y - f, r.w + 2 * f, r.h + 2 * f,
		      frame);
	if (blank != FACILITATOR_SHOW) {
		/* The room is blanked: show that, so nobody is surprised. */
		out_fill_rect(ui->out, r.x, r.y, r.w, r.h,
			      blank == FACILITATOR_BLACK ? 0x000000ffu :
			      0xffffffffu);
		draw_text_centered(ui, blank == FACILITATOR_BLACK ?
				   _("black screen") : _("white screen"), &st,
				   r.x + r.w / 2, r.y + r.h / 2 - ui->h / 60);
		return;
	}
	groupslide_draw(ui, images, s, r, NULL);
}

void console_draw_dialog(struct ui *ui, const struct console_view *v,
			 struct draw_rect r)
{
	int bw = r.w * 60 / 100, bh = r.h * 40 / 100;
	int bx = r.x + (r.w - bw) / 2, by = r.y + (r.h - bh) / 2;
	int big = legible_px(r.h, 0.06), mid = legible_px(r.h, 0.035);
	int ty = by + big / 2, cx = bx + bw / 2;
	const struct draw_style title = { .size = big, .rgba = UI_TEXT,
					  .bold = 1 };
	const struct draw_style number = { .size = big * 3 / 2,
					   .rgba = UI_ACCENT, .bold = 1 };
	const struct draw_style action = { .size = mid, .rgba = UI_ACCENT };
	const struct draw_style hint = { .size = mid, .rgba = UI_DIM };
	char buf[64];

	out_fill_rect(ui->out, r.x, r.y, r.w, r.h, 0x000000a0u);
	out_fill_round_rect(ui->out, bx, by, bw, bh, bh / 12, UI_PANEL);
	if (v->phase == FACILITATOR_CONFIRM_EXIT) {
		draw_text_centered(ui, _("Leave the session?"), &title, cx, ty);
		draw_text_centered(ui, _("Esc or y: leave"), &action, cx,
				   ty + big * 2);
		draw_text_centered(ui, _("any other key: go on"), &hint, cx,
				   ty + big * 2 + mid * 2);
		return;
	}
	draw_text_centered(ui, _("How many took part?"), &title, cx, ty);
	snprintf(buf, sizeof buf, "%s_", v->digits ? v->digits : "");
	draw_text_centered(ui, buf, &number, cx, ty + big * 3 / 2);
	draw_text_centered(ui, _("Enter: save   Esc: skip"), &hint, cx,
			   ty + big * 4);
}

/* ---- Linked rooms ---- */

/* The host's rooms, one a line in columns, then the questions, newest
 * first, the selected one marked; in r. */
static void draw_linked_host(struct ui *ui, const struct console_linked *k,
			     struct draw_rect r)
{
	int small = legible_px(ui->h, 0.022), line = small * 5 / 4;
	int y = r.y, bottom = r.y + r.h, c;
	size_t i;
	/* the columns' left edges, in 1/100 of r.w */
	static const int col[] = { 0, 20, 32, 44, 60, 76, 90 };
	const char *head[7];
	const struct draw_style label = { .size = small, .rgba = UI_DIM,
					  .bold = 1, .max_lines = 1 };
	const struct draw_style cell = { .size = small, .rgba = UI_TEXT,
					 .max_lines = 1 };
	const struct draw_style warn = { .size = small, .rgba = UI_WARN,
					 .bold = 1, .max_lines = 1 };
	struct draw_style meta = { .size = small, .rgba = UI_DIM,
				   .max_lines = 1 };
	struct draw_style text = { .size = small * 6 / 5, .rgba = UI_TEXT,
				   .max_lines = 2, .personal = 1 };
	/* the question keys' line wraps on a small console, not cut */
	const struct draw_style keys = { .size = small, .rgba = UI_DIM,
					 .bold = 1, .max_lines = 3 };

	head[0] = _("Room");
	head[1] = _("Language");
	head[2] = _("People");
	head[3] = _("Link");
	head[4] = _("Follows");
	head[5] = _("Item");
	head[6] = _("Drift");
	for (c = 0; c < 7; c++)
		draw_text(ui, head[c], &label, (struct draw_rect){
				  r.x + r.w * col[c] / 100, y,
				  r.w * (c < 6 ? col[c + 1] - col[c] : 10) /
				  100, 0 });
	y += line;
	for (i = 0; i < k->n_rooms && y + line <= r.y + r.h / 2; i++) {
		const struct console_room *m = &k->rooms[i];
		char buf[7][80];

		snprintf(buf[0], sizeof buf[0], "%s%s", m->room,
			 m->hand ? _(" HAND") : "");
		snprintf(buf[1], sizeof buf[1], "%s", m->lang);
		if (m->participants >= 0)
			snprintf(buf[2], sizeof buf[2], "%ld",
				 m->participants);
		else
			snprintf(buf[2], sizeof buf[2], "?");
		snprintf(buf[3], sizeof buf[3], "%s", m->online ?
			 _("connected") : _("lost"));
		snprintf(buf[4], sizeof buf[4], "%s", !m->online ? "" :
			 m->following ? _("following") : _("detached"));
		snprintf(buf[5], sizeof buf[5], "%s", m->item[0] ? m->item :
			 "-");
		if (m->drift_known)
			snprintf(buf[6], sizeof buf[6], "%+.1f s",
				 (double)m->drift_ms / 1000.0);
		else
			snprintf(buf[6], sizeof buf[6], "-");
		for (c = 0; c < 7; c++)
			draw_text(ui, buf[c],
				  (c == 3 && !m->online) ||
				  (c == 4 && !m->following) ||
				  (c == 0 && m->hand) ? &warn : &cell,
				  (struct draw_rect){
					  r.x + r.w * col[c] / 100, y,
					  r.w * (c < 6 ? col[c + 1] - col[c] :
						 10) / 100, 0 });
		y += line;
	}
	y += line / 2;
	out_fill_rect(ui->out, r.x, y, r.w, 1, UI_DIM);
	y += line / 3;
	y += draw_text(ui, _("Questions: q selects, a marks answered, v shows "
			     "it on every room's screen (v again hides it)"),
		       &keys, (struct draw_rect){ r.x, y, r.w, 0 });
	y += line / 3;
	for (i = 0; i < k->n_questions; i++) {
		const struct console_question *q = &k->questions[i];
		char buf[256];
		int th, tw;

		text.lang = q->lang;
		text.rgba = q->state == QUESTION_ANSWERED ? UI_DIM : UI_TEXT;
		draw_text_size(ui, q->text, &text, r.w - small, &tw, &th);
		if (y + line + th > bottom)
			break;
		if ((long)i == k->selected)
			out_fill_rect(ui->out, r.x - small / 4, y,
				      r.w + small / 2, line + th, UI_PANEL_HI);
		snprintf(buf, sizeof buf, "%s \u00b7 %s \u00b7 %s \u00b7 %s",
			 q->room, q->lang, q->item[0] ? q->item : "-",
			 q->state == QUESTION_NEW ? _("new") :
			 q->state == QUESTION_SHOWN ? _("shown") :
			 _("answered"));
		meta.rgba = q->state == QUESTION_SHOWN ? UI_ACCENT : UI_DIM;
		draw_text(ui, buf, &meta, (struct draw_rect){ r.x, y, r.w,
							      0 });
		y += line;
		y += draw_text(ui, q->text, &text, (struct draw_rect){
				       r.x + small / 2, y, r.w - small, 0 });
		y += line / 3;
	}
}

/* A room's question entry in r: what to press, and the text typed so
 * far (its own direction: Arabic from the right) with the caret. */
void console_draw_entry(struct ui *ui, const struct console_linked *k,
		       struct draw_rect r)
{
	int small = legible_px(ui->h, 0.028), pad = small / 2;
	char buf[2 * 1024];
	const struct draw_style label = {
		.size = small, .bold = 1, .max_lines = 2,
		.rgba = k->entry_failed ? UI_WARN : UI_ACCENT };
	const struct draw_style text = { .size = small * 3 / 2,
					 .rgba = UI_TEXT, .max_lines = 3,
					 .min_size = small, .personal = 1 };
	int y;

	out_fill_rect(ui->out, r.x, r.y, r.w, r.h, UI_PANEL);
	out_fill_rect(ui->out, r.x, r.y, r.w, ui->h / 200 + 1, UI_ACCENT);
	y = r.y + pad;
	y += draw_text(ui, k->entry_failed ?
		       _("Not sent: the broker is not reachable; Enter tries "
			 "again, Esc cancels") :
		       _("Question for the counsellor: Enter sends, Esc "
			 "cancels"), &label,
		       (struct draw_rect){ r.x + pad, y, r.w - 2 * pad, 0 });
	/* the caret at the text's logical end: left of Arabic, right of
	 * Latin */
	snprintf(buf, sizeof buf, "%s%s_", k->entry_text ? k->entry_text : "",
		 k->entry_edit ? k->entry_edit : "");
	draw_text(ui, buf, &text, (struct draw_rect){ r.x + pad, y + pad / 2,
						      r.w - 2 * pad, 0 });
}

const char *console_countdown(const struct console_view *v)
{
	double left = v->planned - v->elapsed;
	double warn = v->planned / 10 < 120 ? v->planned / 10 : 120;

	if (v->planned <= 0)
		return NULL;
	return left < 0 ? "red" : left <= warn ? "amber" : "normal";
}

/* The planned session's time left ("-12:34"), or over ("+01:05"), in
 * white, amber near the end and red when over; "II" before it while
 * the timer is paused. Needs no words. */
static void draw_countdown(struct ui *ui, const struct console_view *v,
			   int cx, int y, int size)
{
	const char *state = console_countdown(v);
	double left = v->planned - v->elapsed;
	char t[32], buf[48];
	struct draw_style st = { .size = size, .bold = 1, .lang = "en",
				 .rgba = UI_TEXT };

	if (!state)
		return;
	if (!strcmp(state, "amber"))
		st.rgba = UI_ACCENT;
	else if (!strcmp(state, "red"))
		st.rgba = CONSOLE_RED;
	mmss(left < 0 ? -left : left, t, sizeof t);
	snprintf(buf, sizeof buf, "%s%s%s", v->timer_paused ? "II " : "",
		 left < 0 ? "+" : "-", t);
	draw_text_centered(ui, buf, &st, cx, y);
}

/* Draws `text` in st as one line in r and after it, in the staff
 * language's direction, "?: all keys" in bold (a message of its own, so
 * that the translations of the lines it follows stay whole). When both
 * do not fit r.w, `text` is cut. */
static void draw_with_hint(struct ui *ui, const char *staff_lang,
			   const char *text, const struct draw_style *st,
			   struct draw_rect r)
{
	const struct vv_lang *l = staff_lang ? lang_find(staff_lang) : NULL;
	int rtl = l && l->dir == VV_DIR_RTL, gap = st->size * 2, kw, mw, th;
	/* TRANSLATORS: after the line of common keys: ? shows all keys */
	const char *more = _("?: all keys");
	const struct draw_style hi = { .size = st->size, .rgba = UI_TEXT,
				       .bold = 1, .max_lines = 1 };

	draw_text_size(ui, more, &hi, 0, &mw, &th);
	draw_text_size(ui, text, st, 0, &kw, &th);
	if (mw > r.w)
		mw = r.w;
	if (kw > r.w - mw - gap)
		kw = r.w - mw - gap > 0 ? r.w - mw - gap : 0;
	if (kw > 0)
		draw_text(ui, text, st, (struct draw_rect){
				  rtl ? r.x + r.w - kw : r.x, r.y, kw, 0 });
	draw_text(ui, more, &hi, (struct draw_rect){
			  rtl ? r.x + r.w - kw - gap - mw : r.x + kw + gap,
			  r.y, mw, 0 });
}

static void draw_overlay(struct ui *ui, struct console_view *v,
			 struct draw_rect r)
{
	int x = r.x, y = r.y, w = r.w, h = r.h;
	int pad = h / 16, small = legible_px(text_ref(ui), 0.028), cd = 0;
	int rtl, tw, next_h, next_y, status_y = y + h - small * 2;
	char top[400], el[32], it[32], clk[16], status[256];
	/* a long line of times shrinks (to two thirds) before it is cut */
	const struct draw_style head = { .size = small, .rgba = UI_ACCENT,
					 .bold = 1, .max_lines = 1,
					 .min_size = small * 2 / 3 };
	/* a long status shrinks (to two thirds) before it is cut */
	const struct draw_style state = {
		.size = small, .max_lines = 1, .min_size = small * 2 / 3,
		.rgba = v->blank != FACILITATOR_SHOW ? UI_WARN : UI_DIM };
	const struct draw_style next = { .size = small, .rgba = UI_DIM,
					 .max_lines = 1 };

	out_fill_rect(ui->out, x, y, w, h, CONSOLE_PANEL);
	out_fill_rect(ui->out, x, y, w, ui->h / 200 + 1, UI_ACCENT);
	mmss(v->elapsed, el, sizeof el);
	mmss(v->item_elapsed, it, sizeof it);
	clock_text(v->wall, clk, sizeof clk);
	snprintf(top, sizeof top, "%zu / %zu    %s    %s %s    %s %s",
		 v->index + 1, v->total, clk, _("total"), el,
		 _("this slide"), it);
	/* The planned session's countdown in the band's last quarter (the
	 * left one in a right-to-left console), as on the full console:
	 * the one screen is all the facilitator has. */
	if (console_countdown(v))
		cd = w / 4;
	rtl = v->script_bundle && v->script_bundle->lang &&
	      v->script_bundle->lang->dir == VV_DIR_RTL;
	draw_text(ui, top, &head,
		  (struct draw_rect){ x + pad + (rtl ? cd : 0), y + pad / 2,
				      w - 2 * pad - cd, 0 });
	draw_countdown(ui, v, rtl ? x + pad + cd / 2 : x + w - pad - cd / 2,
		       y + pad / 2, small * 3 / 2);
	status_line(v, status, sizeof status);
	draw_with_hint(ui, v->staff_lang, status, &state,
		       (struct draw_rect){ x + pad, status_y, w - 2 * pad,
					   0 });
	/* "Next" right above the status, by its height in its script (an
	 * Arabic line is taller than a Latin one) */
	snprintf(top, sizeof top, "%s: %s", _("Next"), v->next_heading ?
		 v->next_heading : _("End of the pack"));
	draw_text_size(ui, top, &next, w - 2 * pad, &tw, &next_h);
	next_y = status_y - next_h;
	draw_text(ui, top, &next,
		  (struct draw_rect){ x + pad, next_y, w - 2 * pad, 0 });
	draw_script(ui, v, (struct draw_rect){
			    x + pad, y + pad / 2 + small * 2, w - 2 * pad,
			    next_y - small / 2 - (y + pad / 2 + small * 2) });
	if (v->linked && v->linked->entry)
		console_draw_entry(ui, v->linked, (struct draw_rect){ x, y, w,
							      h - small * 2 });
}

int console_overview_columns(size_t n)
{
	return n <= 9 ? 3 : n <= 16 ? 4 : 5;
}

/* Tab: every slide as a cell of the grid in r, its number large and its
 * heading in the script's language under it; the current slide's number
 * in the accent colour, the highlighted cell filled and framed in
 * white. Rows scroll so that the highlight is always on screen. Drawn on
 * the console only: the room goes on showing its slide. */
static void draw_overview(struct ui *ui, const struct console_view *v,
			  struct draw_rect r)
{
	int cols = console_overview_columns(v->total);
	int gap = r.h / 40 > 2 ? r.h / 40 : 2;
	int cw = (r.w - gap * (cols + 1)) / cols, ch = cw * 9 / 16 / 2;
	int rows_fit, first_row, frame = ui->h / 180 > 2 ? ui->h / 180 : 2;
	int num = legible_px(ui->h, 0.04), head = legible_px(ui->h, 0.025);
	size_t i, rows = (v->total + (size_t)cols - 1) / (size_t)cols;

	out_fill_rect(ui->out, r.x, r.y, r.w, r.h, UI_BG);
	if (ch < num + head * 2 + gap)
		ch = num + head * 2 + gap;
	rows_fit = (r.h - gap) / (ch + gap) > 1 ? (r.h - gap) / (ch + gap) :
		   1;
	first_row = (int)(v->overview_sel / (size_t)cols) - rows_fit + 1;
	if (first_row < 0 || rows <= (size_t)rows_fit)
		first_row = 0;
	for (i = (size_t)first_row * (size_t)cols; i < v->total; i++) {
		int row = (int)(i / (size_t)cols) - first_row;
		int cx = r.x + gap + (int)(i % (size_t)cols) * (cw + gap);
		int cy = r.y + gap + row * (ch + gap);
		const struct bundle_item *it = &v->room->items[i];
		const struct bundle *sb = v->script_bundle;
		const struct draw_style n_st = {
			.size = num, .bold = 1, .lang = "en", .max_lines = 1,
			.rgba = i == v->index ? UI_ACCENT : UI_TEXT };
		struct draw_style h_st = { .size = head, .rgba = UI_TEXT,
					   .max_lines = 2 };
		char buf[24];
		size_t k;

		if (row >= rows_fit)
			break;
		/* The heading in the facilitator's language when the
		 * script's bundle has this slide. */
		for (k = 0; sb && sb != v->room && k < sb->n_items; k++)
			if (!strcmp(sb->items[k].id, it->id)) {
				it = &sb->items[k];
				break;
			}
		if (it == &v->room->items[i])
			sb = v->room;
		h_st.lang = bundle_text_lang(sb, &it->heading);
		if (i == v->overview_sel)
			out_fill_round_rect(ui->out, cx - frame, cy - frame,
					    cw + 2 * frame, ch + 2 * frame,
					    ch / 10, UI_TEXT);
		out_fill_round_rect(ui->out, cx, cy, cw, ch, ch / 10,
				    i == v->overview_sel ? UI_PANEL_HI :
				    CONSOLE_PANEL);
		if (i == v->index)
			out_fill_rect(ui->out, cx, cy, frame * 2, ch,
				      UI_ACCENT);
		snprintf(buf, sizeof buf, "%zu", i + 1);
		draw_text(ui, buf, &n_st, (struct draw_rect){
				  cx + gap, cy + gap / 2, 0, 0 });
		draw_text(ui, it->heading.text, &h_st, (struct draw_rect){
				  cx + gap, cy + gap / 2 + num * 5 / 4,
				  cw - 2 * gap, 0 });
	}
}

/* Whose keys the help adds: a linked room's, or a host's (a
 * co-presenter has none of its own). */
static enum keyhelp_extra help_extra(const struct console_linked *k)
{
	if (!k || (k->host && k->copresenter))
		return KEYHELP_GROUP;
	return k->host ? KEYHELP_HOST : KEYHELP_ROOM;
}

/* The full console's body under the top bar (r is the whole console):
 * now and next on the left, the script on the right; a host's rooms and
 * questions under the script. */
static void draw_body(struct ui *ui, struct groupslide_images *images,
		      struct console_view *v, struct draw_rect r)
{
	int x = r.x, y = r.y, w = r.w, h = r.h;
	int pad = h * 3 / 100, big = legible_px(h, 0.05);
	int small = legible_px(h, 0.025), col, top, th;
	const struct draw_style label = { .size = small, .rgba = UI_DIM,
					  .bold = 1, .max_lines = 1 };
	const struct draw_style next = {
		.size = small, .rgba = UI_TEXT,
		.lang = v->script_bundle->lang->code, .max_lines = 1 };
	const struct draw_style end = { .size = legible_px(h, 0.03),
					.rgba = UI_TEXT, .max_lines = 1 };
	/* "Now" on the room's text page */
	struct groupslide slide = {
		.bundle = v->room, .item = v->current, .index = v->index,
		.progress = 1,
		.cap_page = v->text_page > 0 ? v->text_page - 1 : 0 };

	top = y + big + 3 * pad;
	/* Left column: now and next, small. */
	col = w * 36 / 100;
	draw_text(ui, _("Now"), &label, (struct draw_rect){ x + pad, top, 0,
							    0 });
	th = small * 3 / 2;
	thumbnail(ui, images, &slide,
		  (struct draw_rect){ x + pad, top + th, col - 2 * pad, 0 },
		  UI_ACCENT, v->blank);
	top += th + (col - 2 * pad) * 9 / 16 + 2 * pad;
	draw_text(ui, _("Next"), &label, (struct draw_rect){ x + pad, top, 0,
							     0 });
	if (v->next) {
		int nw = (col - 2 * pad) * 3 / 4;

		slide.item = v->next;
		slide.index = v->index + 1;
		slide.cap_page = 0;
		thumbnail(ui, images, &slide,
			  (struct draw_rect){ x + pad, top + th, nw, 0 },
			  UI_PANEL_HI, FACILITATOR_SHOW);
		draw_text(ui, v->next_heading, &next,
			  (struct draw_rect){ x + pad,
					      top + th + nw * 9 / 16 + pad / 2,
					      col - 2 * pad, 0 });
	} else {
		draw_text(ui, _("End of the pack"), &end,
			  (struct draw_rect){ x + pad, top + th,
					      col - 2 * pad, 0 });
	}
	/* Right: the script, large. */
	out_fill_rect(ui->out, x + col, y + big + 2 * pad, w - col,
		      h - big - 2 * pad - small * 3, CONSOLE_PANEL);
	{
		int sh = h - big - 5 * pad - small * 3;
		const struct console_linked *k = v->linked;

		/* a host of linked rooms: the script above, the rooms and
		 * their questions below */
		if (k && k->host)
			sh = sh * 2 / 5;
		draw_script(ui, v, (struct draw_rect){
				    x + col + pad, y + big + 3 * pad,
				    w - col - 2 * pad, sh });
		if (k && k->host) {
			int ly = y + big + 3 * pad + sh + pad;

			out_fill_rect(ui->out, x + col, ly - pad / 2, w - col,
				      2, UI_ACCENT);
			draw_linked_host(ui, k, (struct draw_rect){
					 x + col + pad, ly,
					 w - col - 2 * pad,
					 h - small * 3 - pad - ly + y });
		}
	}
}

/* The full console: top bar, now and next on the left, the script on
 * the right, status and keys at the bottom. */
static void draw_full(struct ui *ui, struct groupslide_images *images,
		      struct console_view *v, struct draw_rect r)
{
	int x = r.x, y = r.y, w = r.w, h = r.h;
	int pad = h * 3 / 100, big = legible_px(h, 0.05);
	int small = legible_px(h, 0.025);
	char buf[160], el[32], it[32], status[256];
	const struct draw_style keys = { .size = small * 3 / 4,
					 .rgba = UI_DIM, .max_lines = 1 };
	const struct draw_style number = { .size = big, .rgba = UI_TEXT,
					   .bold = 1, .max_lines = 1 };
	const struct draw_style clock = { .size = big, .rgba = UI_ACCENT,
					  .bold = 1 };
	const struct draw_style times = { .size = legible_px(h, 0.035),
					  .rgba = UI_TEXT,
					  .align = TEXT_ALIGN_END,
					  .max_lines = 1 };
	/* a long status shrinks (to two thirds) before it is cut */
	const struct draw_style state = {
		.size = small, .bold = 1, .max_lines = 1,
		.min_size = small * 2 / 3,
		.rgba = v->blank != FACILITATOR_SHOW || v->record_lost ||
			v->note ?
			UI_WARN : UI_TEXT };

	out_fill_rect(ui->out, x, y, w, h, UI_BG);
	/* Top bar: slide number, clock, times. */
	out_fill_rect(ui->out, x, y, w, big + 2 * pad, CONSOLE_PANEL);
	snprintf(buf, sizeof buf, "%zu / %zu", v->index + 1, v->total);
	draw_text(ui, buf, &number, (struct draw_rect){ x + pad, y + pad, 0,
							0 });
	clock_text(v->wall, buf, sizeof buf);
	draw_text_centered(ui, buf, &clock, x + w / 2, y + pad);
	mmss(v->elapsed, el, sizeof el);
	mmss(v->item_elapsed, it, sizeof it);
	snprintf(buf, sizeof buf, "%s %s   %s %s", _("total"), el,
		 _("this slide"), it);
	draw_countdown(ui, v, x + w / 4, y + pad, big);
	draw_text(ui, buf, &times,
		  (struct draw_rect){ x + w / 2 + big * 2, y + pad + big / 6,
				      w / 2 - big * 2 - pad, 0 });
	/* The overview and the key help take the whole body: what they
	 * cover is not drawn. */
	if (v->overview)
		draw_overview(ui, v, (struct draw_rect){
				      x, y + big + 2 * pad, w,
				      h - big - 2 * pad - small * 3 });
	else if (v->help)
		keyhelp_draw(ui, help_extra(v->linked), 0, v->staff_lang,
			     (struct draw_rect){
				     x, y + big + 2 * pad, w,
				     h - big - 2 * pad - small * 3 });
	else
		draw_body(ui, images, v, r);
	/* A room's question entry, over the lower part of the console. */
	if (v->linked && v->linked->entry)
		console_draw_entry(ui, v->linked, (struct draw_rect){
				   x, y + h * 55 / 100, w,
				   h * 45 / 100 - small * 3 });
	/* Bottom: status, and the common keys with "?: all keys". */
	status_line(v, status, sizeof status);
	draw_text(ui, status, &state,
		  (struct draw_rect){ x + pad, y + h - small * 3 + small / 4,
				      w - 2 * pad, 0 });
	draw_with_hint(ui, v->staff_lang,
		       _("PgDn/PgUp: next/back   b .: black   w ,: white   "
			 "number Enter: go to   p: pause   s: captions   "
			 "Esc: leave"), &keys,
		       (struct draw_rect){ x + pad, y + h - small * 3 / 2,
					   w - 2 * pad, 0 });
}

void console_draw(struct ui *ui, struct groupslide_images *images,
		  struct console_view *v, struct draw_rect r, int overlay)
{
	const struct draw_style clock = { .size = legible_px(r.h, 0.05),
					  .rgba = UI_ACCENT, .bold = 1 };
	const struct draw_style ask = { .size = legible_px(r.h, 0.035),
					.rgba = UI_TEXT };
	char buf[32];

	if (v->phase == FACILITATOR_CONFIRM_EXIT ||
	    v->phase == FACILITATOR_COUNT) {
		if (!overlay) {
			out_fill_rect(ui->out, r.x, r.y, r.w, r.h, UI_BG);
			console_draw_dialog(ui, v, r);
		}
		return;
	}
	if (v->picking) {
		out_fill_rect(ui->out, r.x, r.y, r.w, r.h, UI_BG);
		clock_text(v->wall, buf, sizeof buf);
		draw_text_centered(ui, buf, &clock, r.x + r.w / 2,
				   r.y + r.h / 4);
		draw_text_centered(ui, _("Choose the language and level on "
				   "the room screen"), &ask, r.x + r.w / 2,
				   r.y + r.h / 2);
		return;
	}
	if (overlay && v->help)
		keyhelp_draw(ui, help_extra(v->linked), 1, v->staff_lang, r);
	else if (overlay)
		draw_overlay(ui, v, r);
	else
		draw_full(ui, images, v, r);
}
