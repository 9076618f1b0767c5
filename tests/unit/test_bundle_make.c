/* Unit tests for builder/bundle_make on a pack built in memory (no media,
 * no pack.xml): coverage counting, level filtering, fallback marks, the
 * manifest read back through the bundle reader, reproducibility. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builder/bundle_make.h"
#include "common/bundle.h"
#include "tests/unit/check.h"

static char *keep[64];
static size_t n_keep;

/* A heap copy of s, freed at the end (pack fields are not const). */
static char *S(const char *s)
{
	char *d = strdup(s);

	keep[n_keep++] = d;
	return d;
}

static void text(struct pack_text *t, const char *ctxt, const char *s)
{
	memset(t, 0, sizeof *t);
	t->ctxt = S(ctxt);
	t->text = S(s);
}

static void count_fallback(const struct pack_text *t, void *user)
{
	(void)t;
	(*(int *)user)++;
}

int main(void)
{
	static struct pack_item items[2];
	static struct pack_level levels[2];
	static struct pack_text heading[2], paras[2], script;
	static char *langs[2], *only_low[1];
	struct bundle_make_coverage cov;
	struct bundle_make_result res, res2;
	struct bundle_make_shared *shared;
	struct pack pack;
	struct bundle *b = NULL;
	char dir[] = "/tmp/vv-test-make-XXXXXX", out[128], out2[128];
	int reported = 0;
	size_t i;

	memset(&pack, 0, sizeof pack);
	pack.dir = S("/nonexistent");
	pack.path = S("/nonexistent/pack.xml");
	pack.id = S("demo");
	pack.version = S("2.0.0");
	pack.source_lang = S("nb");
	text(&pack.title, "pack/title", "Tittel");
	langs[0] = S("nb");
	langs[1] = S("ar");
	pack.langs = langs;
	pack.n_langs = 2;
	levels[0].id = S("low");
	text(&levels[0].label, "level/low", "Lav");
	levels[1].id = S("high");
	text(&levels[1].label, "level/high", "Høy");
	pack.levels = levels;
	pack.n_levels = 2;
	text(&heading[0], "a/heading", "Hei");
	text(&paras[0], "a/p.1", "Ta med <b>pass</b>");
	text(&script, "a/script", "Si hei");
	items[0].kind = PACK_SLIDE;
	items[0].id = S("a");
	items[0].heading = &heading[0];
	items[0].paragraphs = &paras[0];
	items[0].n_paragraphs = 1;
	items[0].script = &script;
	text(&heading[1], "b/heading", "Bare lav");
	text(&paras[1], "b/p.1", "Enkel tekst");
	only_low[0] = S("low");
	items[1].kind = PACK_SLIDE;
	items[1].id = S("b");
	items[1].levels = only_low;
	items[1].n_levels = 1;
	items[1].heading = &heading[1];
	items[1].paragraphs = &paras[1];
	items[1].n_paragraphs = 1;
	pack.items = items;
	pack.n_items = 2;

	bundle_make_count(&pack, "nb", NULL, "low", &cov, NULL, NULL);
	CHECK(cov.total == 7 && cov.translated == 7 && cov.fallback == 0,
	      "source language: every text counts as translated");
	bundle_make_count(&pack, "ar", NULL, "low", &cov, count_fallback,
			  &reported);
	CHECK(cov.total == 7 && cov.fallback == 7 && reported == 7,
	      "no catalogue: every text falls back and is reported");
	bundle_make_count(&pack, "ar", NULL, "high", &cov, NULL, NULL);
	CHECK(cov.total == 5, "level filter: the low-only item is not counted");

	if (!mkdtemp(dir))
		return 1;
	snprintf(out, sizeof out, "%s/demo-ar-low.vvb", dir);
	snprintf(out2, sizeof out2, "%s/again.vvb", dir);
	shared = bundle_make_shared_new(NULL);
	CHECK(bundle_make(shared, &pack, "ar", NULL, 1, "low", out, &res) ==
		      VV_OK, "bundle_make writes a bundle");
	CHECK(res.size > 0 && res.size % 512 == 0 && res.coverage.fallback == 7,
	      "result: size in tar blocks, coverage");
	CHECK(bundle_make(shared, &pack, "ar", NULL, 1, "low", out2, &res2) ==
		      VV_OK && strcmp(res.sha256, res2.sha256) == 0,
	      "the same inputs give the same bytes");
	CHECK(bundle_open(out, &b) == VV_OK, "the bundle opens");
	if (b) {
		CHECK(strcmp(b->lang->code, "ar") == 0 && b->draft &&
			      strcmp(b->level_id, "low") == 0 &&
			      strcmp(b->pack_version, "2.0.0") == 0,
		      "manifest: language, draft, level, version");
		CHECK(b->n_items == 2 && b->items[0].heading.fallback &&
			      strcmp(b->items[0].paragraphs[0].text,
				     "Ta med <b>pass</b>") == 0,
		      "manifest: items, fallback marks, inline tags kept");
		CHECK(strcmp(b->items[0].script.text, "Si hei") == 0 &&
			      b->n_members == 0,
		      "manifest: script, no members without media");
		CHECK(b->coverage_total == 7 && b->coverage_fallback == 7,
		      "manifest: coverage");
		CHECK(b->source_lang &&
			      strcmp(b->source_lang->code, "nb") == 0 &&
			      strcmp(bundle_text_lang(b, &b->items[0].heading),
				     "nb") == 0 &&
			      strcmp(bundle_text_lang(b, &b->items[0].script),
				     "nb") == 0,
		      "manifest: source language, for fallback texts");
	}
	bundle_close(b);
	snprintf(out, sizeof out, "%s/missing-dir/x.vvb", dir);
	CHECK(bundle_make(shared, &pack, "nb", NULL, 0, "high", out, &res) ==
		      VV_ERR_IO, "an unwritable target is an I/O error");
	bundle_make_shared_free(shared);
	bundle_make_shared_free(NULL);
	snprintf(out, sizeof out, "%s/demo-ar-low.vvb", dir);
	unlink(out);
	unlink(out2);
	CHECK(rmdir(dir) == 0, "nothing else was left in the directory");
	for (i = 0; i < n_keep; i++)
		free(keep[i]);
	return CHECK_DONE();
}
