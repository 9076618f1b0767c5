/* Unit tests for builder/pack: loading, normalisation and every kind of
 * error pack.xml can have. */
#include "builder/pack.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/fixture_file.h"
#include "tests/unit/error_capture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/vv-test-pack-XXXXXX";

#define HEAD "<?xml version=\"1.0\"?>\n" \
	"<pack xmlns=\"urn:veiviser:pack:1\" id=\"p\" version=\"1\" " \
	"source-lang=\"nb\">\n<title>T</title>\n<languages>nb ar</languages>\n"

/* Loads `xml` as pack.xml; returns the error and leaves the first error
 * line in first_error. */
static enum vv_err load_xml(const char *xml, struct pack **out)
{
	struct pack *p = NULL;
	enum vv_err err;

	fixture_write_in(tmpdir, "pack.xml", xml);
	n_errors = 0;
	first_error[0] = '\0';
	err = pack_load(tmpdir, &p);
	if (out)
		*out = p;
	else
		pack_free(p);
	return err;
}

/* Returns non-zero when first_error starts with "<tmpdir>/pack.xml:LINE:". */
static int error_at(long line)
{
	char want[600];

	snprintf(want, sizeof want, "%s/pack.xml:%ld: ", tmpdir, line);
	return strncmp(first_error, want, strlen(want)) == 0;
}

static void count_text(const struct pack_text *t, void *user)
{
	(void)t;
	(*(int *)user)++;
}

static void test_fixture(const char *top)
{
	char dir[512];
	struct pack *p = NULL;
	const struct pack_item *w, *m, *film;
	enum vv_err err;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/tests/data/pack-small", top);
	err = pack_load(dir, &p);
	CHECK(err == VV_OK && p, "pack: the small fixture loads");
	if (!p)
		return;
	CHECK_STR(p->id, "pack-small", "pack: id");
	CHECK_STR(p->version, "1.0.0", "pack: version");
	CHECK_STR(p->source_lang, "nb", "pack: source language");
	CHECK(p->n_langs == 3 && strcmp(p->langs[1], "ar") == 0 &&
	      strcmp(p->langs[2], "ti") == 0, "pack: languages in order");
	CHECK(p->n_levels == 2, "pack: declared levels replace the default");
	CHECK_STR(p->levels[1].label.ctxt, "level/upper-secondary",
		  "pack: level label msgctxt");
	CHECK(p->n_items == 4, "pack: four items");
	w = &p->items[0];
	m = &p->items[1];
	film = &p->items[3];
	CHECK_STR(w->heading->ctxt, "welcome/heading", "pack: heading msgctxt");
	CHECK_STR(w->heading->note, "Short: must fit one line on a screen",
		  "pack: note to translators");
	CHECK(w->heading->line == 14, "pack: heading line number");
	CHECK(w->heading->budget == 60, "pack: heading budget is 60");
	CHECK_STR(w->paragraphs[0].text,
		  "Denne pakken forteller deg om <b>karriereveiledning</b>.",
		  "pack: whitespace normalised, <b> kept as literal tag");
	CHECK_STR(w->paragraphs[0].file, "pack.xml", "pack: text file name");
	CHECK_STR(w->bullets[1].ctxt, "welcome/li.2", "pack: list item ctxt");
	CHECK_STR(w->image_alt->ctxt, "welcome/alt", "pack: alt ctxt");
	CHECK_STR(w->image->src, "media/welcome.png", "pack: image src");
	CHECK(w->n_narration == 2 && strcmp(w->narration[1].lang, "ar") == 0,
	      "pack: narration per language");
	CHECK(m->n_levels == 1 && pack_item_in_level(m, "no-schooling") &&
	      !pack_item_in_level(m, "upper-secondary"),
	      "pack: levels= restricts the item");
	CHECK(pack_item_in_level(w, "upper-secondary"),
	      "pack: an item without levels= is in every level");
	CHECK_STR(m->paragraphs[0].text, "Veilederen din heter {name}.",
		  "pack: placeholder kept");
	CHECK(film->kind == PACK_VIDEO && film->n_sources == 1 &&
	      film->sources[0].lang == NULL, "pack: video with one source");
	CHECK_STR(film->heading->ctxt, "film/title", "pack: video title ctxt");
	CHECK(film->n_cues == 2, "pack: subtitle cues loaded");
	if (film->n_cues == 2) {
		CHECK_STR(film->cues[1].text.ctxt, "film/cue@00:00:02.200",
			  "pack: cue msgctxt carries its start");
		CHECK_STR(film->cues[1].text.text,
			  "Her møter du en veileder, <i>kanskje</i> med tolk.",
			  "pack: cue lines joined, <i> kept");
		CHECK_STR(film->cues[1].text.file, "media/film.nb.srt",
			  "pack: cue reference names the subtitle file");
		CHECK(film->cues[1].text.line == 7, "pack: cue line number");
	}
	pack_foreach_text(p, count_text, &n);
	/* title, 2 levels, welcome 6, meeting 3, school 2, film 1 + 2 cues */
	CHECK(n == 17, "pack: foreach visits every text");
	pack_free(p);
}

static void test_errors(void)
{
	struct pack *p = NULL;
	enum vv_err err;
	char *s;

	err = load_xml(HEAD "<items><slide id=\"a\">\n<heading>x</head>\n"
		       "</slide></items>\n</pack>\n", NULL);
	CHECK(err == VV_ERR_FORMAT && error_at(6),
	      "pack: malformed XML names file:line");

	err = load_xml(HEAD "<items>\n<slide id=\"a\">\n<p>x</p>\n"
		       "</slide></items></pack>\n", NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(7),
	      "pack: slide without heading is a schema error at its line");
	CHECK(strstr(first_error, "heading") != NULL,
	      "pack: schema error says what was expected");

	err = load_xml(HEAD "<items>\n<slide id=\"a\"><heading>x</heading>"
		       "<list><li>a</li>\n<li level=\"5\">b</li></list>"
		       "</slide></items></pack>\n", NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(7) &&
	      strstr(first_error, "level=\"1\" to \"4\""),
	      "pack: a list level past 4 is a schema error with a hint");

	err = load_xml(HEAD "<items>\n<slide id=\"a\"><heading>x</heading>"
		       "<p>y</p><list><li>a</li><li level=\"2\">b</li>"
		       "<li level=\"4\">c</li></list>"
		       "</slide></items></pack>\n", &p);
	CHECK(err == VV_OK && p && p->items[0].n_bullets == 3 &&
		      p->items[0].bullets[0].level == 1 &&
		      p->items[0].bullets[1].level == 2 &&
		      p->items[0].bullets[2].level == 4 &&
		      p->items[0].paragraphs[0].level == 0,
	      "pack: <li level> is loaded; 1 without it, 0 on other texts");
	pack_free(p);
	p = NULL;

	err = load_xml(HEAD "<items>\n<slide id=\"Bad Id\"><heading>x</heading>"
		       "</slide></items></pack>\n", NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(6), "pack: bad id pattern");

	err = load_xml(HEAD "<items>\n<slide id=\"a\"><heading>x</heading>"
		       "</slide>\n<slide id=\"a\"><heading>y</heading>"
		       "</slide></items></pack>\n", NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(7) &&
	      strstr(first_error, "duplicate item id 'a'"),
	      "pack: duplicate item id");

	err = load_xml(HEAD "<items>\n<slide id=\"a\" levels=\"no-schooling "
		       "phd\"><heading>x</heading></slide></items></pack>\n",
		       NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(6) && strstr(first_error, "phd"),
	      "pack: unknown level in levels=");

	err = load_xml("<?xml version=\"1.0\"?>\n<pack xmlns=\"urn:veiviser:"
		       "pack:1\" id=\"p\" version=\"1\" source-lang=\"nb\">\n"
		       "<title>T</title>\n<languages>nb xx ar</languages>\n"
		       "<items><slide id=\"a\"><heading>x</heading></slide>"
		       "</items></pack>\n", NULL);
	CHECK(err == VV_ERR_LANG && error_at(4) &&
	      strstr(first_error, "'xx'") && strstr(first_error, "prs"),
	      "pack: unknown language lists the known codes");

	err = load_xml(HEAD "<items>\n<slide id=\"a\"><heading>x</heading>\n"
		       "<narration lang=\"ti\" src=\"a.wav\"/></slide></items>"
		       "</pack>\n", NULL);
	CHECK(err == VV_ERR_LANG && error_at(7),
	      "pack: narration language must be a pack language");

	err = load_xml(HEAD "<items>\n<slide id=\"a\">\n<heading>  </heading>"
		       "</slide></items></pack>\n", NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(7), "pack: empty heading");

	err = load_xml("<?xml version=\"1.0\"?>\n<!DOCTYPE pack [\n"
		       "<!ENTITY a \"aaaaaaaa\">]>\n" "<pack/>\n", NULL);
	CHECK(err == VV_ERR_FORMAT, "pack: a DOCTYPE is refused");

	err = load_xml(HEAD "<items>\n<slide id=\"a\"><heading>x</heading>\n"
		       "<image src=\"../etc/passwd\"><alt>a</alt></image>"
		       "</slide></items></pack>\n", NULL);
	CHECK(err == VV_ERR_SCHEMA && error_at(7),
	      "pack: media path must stay inside the pack");

	err = load_xml(HEAD "<items>\n<video id=\"v\"><title>x</title>\n"
		       "<source src=\"v.mp4\"/>\n<subtitles src=\"none.vtt\"/>"
		       "</video></items></pack>\n", NULL);
	CHECK(err == VV_ERR_IO && error_at(8), "pack: missing subtitles file");

	fixture_write_in(tmpdir, "bad.vtt",
			 "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nHi\n");
	err = load_xml(HEAD "<items>\n<video id=\"v\"><title>x</title>\n"
		       "<source src=\"v.mp4\"/>\n<subtitles src=\"bad.vtt\"/>"
		       "</video></items></pack>\n", NULL);
	CHECK(err == VV_ERR_FORMAT && strstr(first_error, "bad.vtt:3: "),
	      "pack: bad subtitle timing names the subtitle file:line");

	err = load_xml(HEAD "<items>\n<slide id=\"a\">\n<heading note=\"n\">"
		       " Hei\n  der </heading><p>a <b>b</b> <i>c <b>d</b></i>"
		       "</p></slide></items></pack>\n", &p);
	CHECK(err == VV_OK && p && p->n_levels == 3 &&
	      strcmp(p->levels[0].id, "no-schooling") == 0,
	      "pack: default levels without <levels>");
	if (p) {
		CHECK_STR(p->items[0].heading->text, "Hei der",
			  "pack: heading whitespace normalised");
		CHECK_STR(p->items[0].paragraphs[0].text,
			  "a <b>b</b> <i>c <b>d</b></i>", "pack: nested markup");
	}
	pack_free(p);
	pack_free(NULL);

	s = strdup("  a \n\t b  ");
	pack_text_normalise(s);
	CHECK_STR(s, "a b", "pack: normalise_space");
	free(s);
}

static void test_prompts(void)
{
	struct pack *p = NULL;
	enum vv_err err;
	const char *head = "<?xml version=\"1.0\"?>\n<pack xmlns=\"urn:"
		"veiviser:pack:1\" id=\"p\" version=\"1\" "
		"source-lang=\"nb\">\n<title>T</title>\n";

	{
		char xml[2048];

		snprintf(xml, sizeof xml, "%s<languages>nb ar\n"
			 "<prompt lang=\"nb\" src=\"media/nb/l.opus\"/>\n"
			 "<prompt lang=\"ar\" src=\"media/ar/l.opus\"/>"
			 "\n</languages>\n<levels><level id=\"a\">Lett"
			 "<prompt lang=\"ar\" src=\"media/ar/a.opus\"/>"
			 "</level><level id=\"b\">Vanskelig</level>"
			 "</levels>\n<items><slide id=\"s\"><heading>x"
			 "</heading></slide></items></pack>\n", head);
		err = load_xml(xml, &p);
		CHECK(err == VV_OK && p, "pack: prompts load");
		if (p) {
			CHECK(p->n_langs == 2 && p->n_lang_prompts == 2 &&
			      strcmp(p->lang_prompts[1].lang, "ar") == 0 &&
			      strcmp(p->lang_prompts[1].src,
				     "media/ar/l.opus") == 0,
			      "pack: language prompts, languages intact");
			CHECK(p->n_levels == 2 &&
			      strcmp(p->levels[0].label.text, "Lett") == 0 &&
			      p->levels[0].n_prompts == 1 &&
			      strcmp(p->levels[0].prompts[0].src,
				     "media/ar/a.opus") == 0 &&
			      p->levels[1].n_prompts == 0,
			      "pack: level prompt, label text intact");
		}
		pack_free(p);

		snprintf(xml, sizeof xml, "%s<languages>nb ar\n"
			 "<prompt lang=\"en\" src=\"media/en/l.opus\"/>"
			 "</languages>\n<items><slide id=\"s\"><heading>x"
			 "</heading></slide></items></pack>\n", head);
		err = load_xml(xml, NULL);
		CHECK(err == VV_ERR_LANG && error_at(5),
		      "pack: prompt in a language outside <languages>");

		snprintf(xml, sizeof xml, "%s<languages>nb\n"
			 "<prompt lang=\"nb\" src=\"a.opus\"/>\n"
			 "<prompt lang=\"nb\" src=\"b.opus\"/>"
			 "</languages>\n<items><slide id=\"s\"><heading>x"
			 "</heading></slide></items></pack>\n", head);
		err = load_xml(xml, NULL);
		CHECK(err == VV_ERR_SCHEMA && error_at(6),
		      "pack: second prompt for a language");

		snprintf(xml, sizeof xml, "%s<languages>nb ar</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<end><prompt lang=\"ar\" "
			 "src=\"media/ar/end.opus\"/></end></pack>\n", head);
		err = load_xml(xml, &p);
		CHECK(err == VV_OK && p && p->n_end_prompts == 1 &&
		      strcmp(p->end_prompts[0].lang, "ar") == 0 &&
		      strcmp(p->end_prompts[0].src, "media/ar/end.opus") == 0,
		      "pack: the end screen's prompt loads");
		pack_free(p);

		snprintf(xml, sizeof xml, "%s<languages>nb</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<end>\n<prompt lang=\"nb\" "
			 "src=\"a.opus\"/>\n<prompt lang=\"nb\" "
			 "src=\"b.opus\"/></end></pack>\n", head);
		err = load_xml(xml, NULL);
		CHECK(err == VV_ERR_SCHEMA && error_at(8),
		      "pack: second end prompt for a language");

		/* <idle>: the idle question's prompt, checked as <end>'s */
		snprintf(xml, sizeof xml, "%s<languages>nb ar</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<end><prompt lang=\"nb\" "
			 "src=\"media/nb/end.opus\"/></end>\n<idle><prompt "
			 "lang=\"ar\" src=\"media/ar/idle.opus\"/></idle>"
			 "</pack>\n", head);
		err = load_xml(xml, &p);
		CHECK(err == VV_OK && p && p->n_idle_prompts == 1 &&
		      strcmp(p->idle_prompts[0].lang, "ar") == 0 &&
		      strcmp(p->idle_prompts[0].src,
			     "media/ar/idle.opus") == 0 &&
		      p->n_end_prompts == 1,
		      "pack: the idle question's prompt loads");
		pack_free(p);

		snprintf(xml, sizeof xml, "%s<languages>nb</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<idle>\n<prompt lang=\"nb\" "
			 "src=\"a.opus\"/>\n<prompt lang=\"nb\" "
			 "src=\"b.opus\"/></idle></pack>\n", head);
		err = load_xml(xml, NULL);
		CHECK(err == VV_ERR_SCHEMA && error_at(8),
		      "pack: second idle prompt for a language");

		snprintf(xml, sizeof xml, "%s<languages>nb ar</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<idle>\n<prompt lang=\"en\" "
			 "src=\"media/en/idle.opus\"/></idle></pack>\n",
			 head);
		err = load_xml(xml, NULL);
		CHECK(err == VV_ERR_LANG && error_at(7),
		      "pack: idle prompt in a language outside <languages>");

		snprintf(xml, sizeof xml, "%s<languages>nb</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<idle>\n<prompt lang=\"nb\" "
			 "src=\"../idle.opus\"/></idle></pack>\n", head);
		err = load_xml(xml, NULL);
		CHECK(err == VV_ERR_SCHEMA && error_at(7),
		      "pack: idle prompt outside the pack directory");

		snprintf(xml, sizeof xml, "%s<languages>nb</languages>\n"
			 "<items><slide id=\"s\"><heading>x</heading>"
			 "</slide></items>\n<idle></idle></pack>\n", head);
		err = load_xml(xml, NULL);
		CHECK(err != VV_OK, "pack: an empty <idle> is refused");
	}
}

int main(void)
{
	const char *top = getenv("TOP");
	char path[600];

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	vv_error_set_hook(capture_error, NULL);
	test_fixture(top ? top : ".");
	test_errors();
	test_prompts();
	snprintf(path, sizeof path, "%s/pack.xml", tmpdir);
	unlink(path);
	snprintf(path, sizeof path, "%s/bad.vtt", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return CHECK_DONE();
}
