/* import_model: the texts, slides and deck that the deck readers fill
 * and import_pack writes (declared in builder/import_deck.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder/import_deck.h"
#include "builder/pack_text.h"
#include "common/i18n.h"

void import_para_init(struct import_para *p, int markup)
{
	memset(p, 0, sizeof *p);
	strbuf_init(&p->xml, IMPORT_MAX_TEXT);
	strbuf_init(&p->plain, IMPORT_MAX_TEXT);
	p->markup = markup;
}

static void para_style(struct import_para *p, int bold, int italic)
{
	if (!p->markup)
		return;
	/* Close what differs, innermost (italic) first, then open. */
	if (p->italic && (!italic || bold != p->bold)) {
		strbuf_puts(&p->xml, "</i>");
		strbuf_puts(&p->plain, "</i>");
		p->italic = 0;
	}
	if (p->bold && !bold) {
		strbuf_puts(&p->xml, "</b>");
		strbuf_puts(&p->plain, "</b>");
		p->bold = 0;
	}
	if (bold && !p->bold) {
		strbuf_puts(&p->xml, "<b>");
		strbuf_puts(&p->plain, "<b>");
		p->bold = 1;
	}
	if (italic && !p->italic) {
		strbuf_puts(&p->xml, "<i>");
		strbuf_puts(&p->plain, "<i>");
		p->italic = 1;
	}
}

void import_para_run(struct import_para *p, const char *text, size_t len,
		     int bold, int italic)
{
	size_t i;
	int blank = 1;

	for (i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n')
			blank = 0;
	if (len == 0)
		return;
	if (!blank)
		para_style(p, bold, italic);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '&') {
			strbuf_puts(&p->xml, "&amp;");
		} else if (c == '<') {
			strbuf_puts(&p->xml, "&lt;");
		} else if (c == '>') {
			strbuf_puts(&p->xml, "&gt;");
		} else if (c < 0x20) {
			/* line breaks, vertical tabs: a space, as in XML */
			strbuf_add(&p->xml, " ", 1);
			strbuf_add(&p->plain, " ", 1);
			continue;
		} else {
			strbuf_add(&p->xml, (const char *)&text[i], 1);
		}
		strbuf_add(&p->plain, (const char *)&text[i], 1);
	}
}

void import_text_clear(struct import_text *t)
{
	if (!t)
		return;
	free(t->xml);
	free(t->plain);
	free(t->origin);
	memset(t, 0, sizeof *t);
}

int import_para_end(struct import_para *p, const char *origin, int level,
		    struct import_text *t)
{
	char *xml, *plain;
	const char *c;
	int text = 0;

	para_style(p, 0, 0);
	xml = strbuf_take(&p->xml, NULL);
	plain = strbuf_take(&p->plain, NULL);
	if (!xml || !plain) {
		free(xml);
		free(plain);
		return -1;
	}
	pack_text_normalise(plain);
	/* Text, not just tags around spaces. */
	for (c = plain; *c; c++) {
		if (*c == '<') {
			c = strchr(c, '>');
			if (!c)
				break;
			continue;
		}
		if (*c != ' ') {
			text = 1;
			break;
		}
	}
	if (!text) {
		free(xml);
		free(plain);
		return 0;
	}
	t->xml = xml;
	t->plain = plain;
	t->origin = strdup(origin);
	t->level = level;
	if (!t->origin) {
		import_text_clear(t);
		return -1;
	}
	return 1;
}

int import_texts_push(struct import_text **array, size_t *n,
		      struct import_text *t)
{
	struct import_text *p = realloc(*array, (*n + 1) * sizeof *p);

	if (!p) {
		import_text_clear(t);
		return -1;
	}
	*array = p;
	p[(*n)++] = *t;
	return 0;
}

void import_slide_lost(struct import_slide *s, const char *what, int render)
{
	if (s->lost.len)
		strbuf_puts(&s->lost, ", ");
	strbuf_puts(&s->lost, what);
	if (render)
		s->needs_render = 1;
}

struct import_slide *import_deck_add_slide(struct import_deck *deck,
					   const char *key)
{
	struct import_slide *s;

	if (deck->n_slides >= IMPORT_MAX_SLIDES) {
		vv_error(deck->path, 0, _("the deck has more than %d slides; "
					  "split it into smaller decks"),
			 IMPORT_MAX_SLIDES);
		return NULL;
	}
	if (deck->n_slides == deck->cap_slides) {
		size_t ncap = deck->cap_slides ? deck->cap_slides * 2 : 16;

		s = realloc(deck->slides, ncap * sizeof *s);
		if (!s) {
			vv_error(deck->path, 0, _("out of memory"));
			return NULL;
		}
		deck->slides = s;
		deck->cap_slides = ncap;
	}
	s = &deck->slides[deck->n_slides];
	memset(s, 0, sizeof *s);
	strbuf_init(&s->lost, 4096);
	s->number = (int)deck->n_slides + 1;
	s->key = strdup(key);
	if (!s->key) {
		vv_error(deck->path, 0, _("out of memory"));
		return NULL;
	}
	deck->n_slides++;
	return s;
}

static void texts_free(struct import_text *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		import_text_clear(&a[i]);
	free(a);
}

void import_deck_clear(struct import_deck *deck)
{
	size_t i;

	if (!deck)
		return;
	for (i = 0; i < deck->n_slides; i++) {
		struct import_slide *s = &deck->slides[i];

		free(s->key);
		import_text_clear(s->heading);
		free(s->heading);
		import_text_clear(s->notes);
		free(s->notes);
		texts_free(s->paras, s->n_paras);
		texts_free(s->bullets, s->n_bullets);
		free(s->picture);
		free(s->picture_alt);
		free(s->video);
		free(s->video_link);
		strbuf_free(&s->lost);
	}
	free(deck->slides);
	import_zip_free(deck->zip);
	deck->slides = NULL;
	deck->zip = NULL;
	deck->n_slides = deck->cap_slides = 0;
}

