/* Tests draw_split_pages() (player/ui/draw), which puts the console's
 * script on pages: the pages cover the text from its first byte to its
 * last, each fits its room, a page ends before a word where one fits,
 * else between characters, and the cap's last page holds the rest. Laid
 * out by a text engine without a renderer (measures only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/text/text.h"
#include "player/ui/draw.h"
#include "tests/unit/check.h"

#define CAP 32

static struct ui ui;

/* Whether page p of s (ends from draw_split_pages()), without its
 * leading and trailing spaces, fits `room` px high. */
static int page_fits(const char *s, const size_t *ends, int p,
		     const struct draw_style *st, int w, int room)
{
	size_t from = p > 0 ? ends[p - 1] : 0, to = ends[p];
	char buf[4096];
	int tw, th;

	while (from < to && s[from] == ' ')
		from++;
	while (to > from && s[to - 1] == ' ')
		to--;
	if (to - from >= sizeof buf)
		return 0;
	memcpy(buf, s + from, to - from);
	buf[to - from] = '\0';
	draw_text_size(&ui, buf, st, w, &tw, &th);
	return to > from && th <= room;
}

/* Whether the n pages run from 0 to strlen(s) with every end after the
 * one before, every page but the cap's last fitting `room`; at_word: and
 * each end but the last before a word. */
static int pages_ok(const char *s, const size_t *ends, int n,
		    const struct draw_style *st, int w, int room, int at_word)
{
	int p;

	if (n < 1 || ends[n - 1] != strlen(s))
		return 0;
	for (p = 0; p < n; p++) {
		if ((p > 0 && ends[p] <= ends[p - 1]) || ends[p] == 0)
			return 0;
		if (p < CAP - 1 && !page_fits(s, ends, p, st, w, room))
			return 0;
		if (at_word && p < n - 1 && s[ends[p] - 1] != ' ')
			return 0;
	}
	return 1;
}

int main(void)
{
	static const char nb[] =
		"Har du fullført utdanning i et annet land, kan du søke om å "
		"få den godkjent i Norge. Høyere utdanning, fra høyskole eller "
		"universitet, godkjennes av HK-dir, Direktoratet for høyere "
		"utdanning og kompetanse. Veilederen kan hjelpe deg å finne ut "
		"hva som gjelder for deg.  ";
	static const char ar[] =
		"إذا أكملت تعليماً في بلد آخر، يمكنك أن تقدّم طلباً للاعتراف به "
		"في النرويج. التعليم العالي، من الكليات الجامعية والجامعات، "
		"تعترف به مديرية التعليم العالي والكفاءات.";
	struct draw_style st = { .size = 20, .rgba = 0xffffffffu,
				 .lang = "nb", .max_lines = 2 };
	char word[600];
	size_t ends[CAP];
	int tw, line, n;

	if (text_engine_new(NULL, NULL, &ui.text) != VV_OK) {
		printf("FAIL draw pages: no text engine (fonts)\n");
		return 1;
	}
	draw_text_size(&ui, "Ag", &st, 0, &tw, &line);

	n = draw_split_pages(&ui, nb, &st, 300, line * 3, ends, CAP);
	CHECK(n > 1 && pages_ok(nb, ends, n, &st, 300, line * 3, 1),
	      "nb text: pages of three lines, broken before words, covering "
	      "it all (the trailing spaces in the last)");
	n = draw_split_pages(&ui, nb, &st, 3000, line * 3, ends, CAP);
	CHECK(n == 1 && ends[0] == strlen(nb),
	      "a text that fits is one page (max_lines not used to cut it)");

	st.lang = "ar";
	n = draw_split_pages(&ui, ar, &st, 260, line * 2, ends, CAP);
	CHECK(n > 1 && pages_ok(ar, ends, n, &st, 260, line * 2, 1),
	      "ar text: pages of two lines, broken before words");

	/* one word wider than the box and taller than the room */
	st.lang = "nb";
	memset(word, 'a', sizeof word - 1);
	word[sizeof word - 1] = '\0';
	n = draw_split_pages(&ui, word, &st, 200, line * 2, ends, CAP);
	CHECK(n > 1 && pages_ok(word, ends, n, &st, 200, line * 2, 0),
	      "a word taller than the room: pages between its characters");

	/* a room lower than a line: a character a page, the cap's last
	 * holds the rest */
	n = draw_split_pages(&ui, nb, &st, 300, line / 2, ends, 4);
	CHECK(n == 4 && ends[0] == 1 && ends[3] == strlen(nb),
	      "no line fits: one character a page, the last holds the rest");

	CHECK(draw_split_pages(&ui, "", &st, 300, line, ends, CAP) == 0 &&
	      draw_split_pages(&ui, NULL, &st, 300, line, ends, CAP) == 0,
	      "no text: no pages");
	text_engine_free(ui.text);
	return CHECK_DONE();
}
