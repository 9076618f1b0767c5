/* Unit tests for builder/pot: the template's content and the merge rules
 * of update-po, read back through libgettextpo. */
#include "builder/commands.h"
#include "builder/po.h"
#include "common/err.h"
#include "tests/unit/check.h"
#include "tests/unit/fixture_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gettext-po.h>

static char dir[] = "/tmp/vv-test-pot-XXXXXX";

static void remove_file(const char *rel)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	unlink(path);
}

static int run(int (*cmd)(int, char **), const char *name)
{
	char *argv[3];

	argv[0] = (char *)name;
	argv[1] = dir;
	argv[2] = NULL;
	return cmd(2, argv);
}

/* Finds the message with msgctxt ctxt (obsolete ones too). */
static po_message_t find(po_file_t f, const char *ctxt)
{
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t m, hit = NULL;

	while ((m = po_next_message(it)) != NULL)
		if (po_message_msgctxt(m) &&
		    strcmp(po_message_msgctxt(m), ctxt) == 0) {
			hit = m;
			break;
		}
	po_message_iterator_free(it);
	return hit;
}

static po_file_t read_po(const char *rel)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return po_read(path);
}

#define PACK(heading, extra) \
	"<?xml version=\"1.0\"?>\n" \
	"<pack xmlns=\"urn:veiviser:pack:1\" id=\"t\" version=\"2\" " \
	"source-lang=\"nb\">\n<title>Tittel</title>\n" \
	"<languages>nb nn</languages>\n<items>\n" \
	"<slide id=\"a\">\n<heading note=\"Kort\">" heading "</heading>\n" \
	"<p>Avsnitt <b>en</b>.</p>\n" extra "</slide>\n</items>\n</pack>\n"

static void test_pot(void)
{
	po_file_t f;
	po_message_t m;
	po_filepos_t fp;

	fixture_write_in(dir, "pack.xml", PACK("Hei", "<p>Borte snart</p>\n"));
	CHECK(run(cmd_pot, "pot") == 0, "pot: runs");
	f = read_po("po/pack.pot");
	CHECK(f != NULL, "pot: template reads back");
	if (!f)
		return;
	m = find(f, "a/heading");
	CHECK(m && strcmp(po_message_msgid(m), "Hei") == 0 &&
	      po_message_msgstr(m)[0] == '\0', "pot: heading message");
	CHECK(m && strcmp(po_message_extracted_comments(m), "Kort\n") == 0,
	      "pot: note as extracted comment");
	fp = m ? po_message_filepos(m, 0) : NULL;
	CHECK(fp && strcmp(po_filepos_file(fp), "pack.xml") == 0 &&
	      po_filepos_start_line(fp) == 7, "pot: reference pack.xml:7");
	m = find(f, "a/p.1");
	CHECK(m && strcmp(po_message_msgid(m), "Avsnitt <b>en</b>.") == 0,
	      "pot: paragraph with literal markup");
	CHECK(find(f, "pack/title") && find(f, "level/no-schooling"),
	      "pot: pack title and default level labels");
	po_file_free(f);
}

static void test_merge(void)
{
	po_file_t f;
	po_message_t m;

	fixture_write_in(dir, "po/LINGUAS", "# target languages\nnn\n");
	CHECK(run(cmd_update_po, "update-po") == 0, "update-po: creates nn.po");
	f = read_po("po/nn.po");
	CHECK(f && find(f, "a/heading"), "update-po: new catalogue has the "
	      "template's messages");
	po_file_free(f);

	/* A translator's work. */
	fixture_write_in(dir, "po/nn.po",
		   "msgid \"\"\nmsgstr \"\"\n"
		   "\"Language: nn\\n\"\n"
		   "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
		   "# translator comment\n"
		   "msgctxt \"a/heading\"\nmsgid \"Velkommen til mÃ¸tet\"\n"
		   "msgstr \"Velkomen til mÃ¸tet\"\n\n"
		   "msgctxt \"a/p.1\"\nmsgid \"Avsnitt <b>en</b>.\"\n"
		   "msgstr \"Avsnitt <b>ein</b>.\"\n\n"
		   "msgctxt \"a/p.2\"\nmsgid \"Borte snart\"\n"
		   "msgstr \"Borte snart\"\n\n"
		   "msgctxt \"pack/title\"\nmsgid \"Tittel\"\nmsgstr \"\"\n");
	/* The heading changes a little, p.2 goes, p.3 comes. msgmerge's
	 * rules: a similar msgid keeps its translation as fuzzy with the
	 * previous msgid; a different text at the same msgctxt is new. */
	fixture_write_in(dir, "pack.xml", PACK("Velkommen til mÃ¸tet i dag",
				    "<p>Ny</p>\n<p>Tredje</p>\n"));
	CHECK(run(cmd_update_po, "update-po") == 0, "update-po: merges");
	f = read_po("po/nn.po");
	if (!f) {
		CHECK(0, "update-po: merged catalogue reads back");
		return;
	}
	m = find(f, "a/heading");
	CHECK(m && po_message_is_fuzzy(m) &&
	      strcmp(po_message_msgstr(m), "Velkomen til mÃ¸tet") == 0 &&
	      po_message_prev_msgid(m) &&
	      strcmp(po_message_prev_msgid(m), "Velkommen til mÃ¸tet") == 0,
	      "update-po: changed msgid fuzzy, previous msgid kept");
	CHECK(m && strcmp(po_message_msgid(m), "Velkommen til mÃ¸tet i dag") == 0,
	      "update-po: changed msgid updated");
	CHECK(m && strcmp(po_message_comments(m), "translator comment\n") == 0,
	      "update-po: translator comment kept");
	m = find(f, "a/p.1");
	CHECK(m && !po_message_is_fuzzy(m) &&
	      strcmp(po_message_msgstr(m), "Avsnitt <b>ein</b>.") == 0,
	      "update-po: unchanged translation kept");
	m = find(f, "a/p.2");
	CHECK(m && !po_message_is_fuzzy(m) && !po_message_is_obsolete(m) &&
	      strcmp(po_message_msgid(m), "Ny") == 0 &&
	      po_message_msgstr(m)[0] == '\0',
	      "update-po: same msgctxt with unrelated text is new");
	m = find(f, "a/p.3");
	CHECK(m && po_message_msgstr(m)[0] == '\0' && !po_message_is_fuzzy(m),
	      "update-po: new string added untranslated");
	m = find(f, "pack/title");
	CHECK(m && !po_message_is_fuzzy(m) && !po_message_is_obsolete(m),
	      "update-po: untranslated entry stays untranslated");
	po_file_free(f);

	/* Remove a translated paragraph: it becomes obsolete. */
	fixture_write_in(dir, "pack.xml",
			 PACK("Velkommen til mÃ¸tet i dag", ""));
	CHECK(run(cmd_update_po, "update-po") == 0, "update-po: again");
	f = read_po("po/nn.po");
	m = f ? find(f, "a/p.2") : NULL;
	CHECK(m && po_message_is_obsolete(m) &&
	      strcmp(po_message_msgid(m), "Borte snart") == 0,
	      "update-po: removed string is obsolete");
	m = f ? find(f, "a/p.3") : NULL;
	CHECK(f && !m, "update-po: removed untranslated string is dropped");
	po_file_free(f);

	/* And back: the obsolete entry comes back to life. */
	fixture_write_in(dir, "pack.xml", PACK("Velkommen til mÃ¸tet i dag",
				    "<p>Borte snart</p>\n"));
	CHECK(run(cmd_update_po, "update-po") == 0, "update-po: third run");
	f = read_po("po/nn.po");
	m = f ? find(f, "a/p.2") : NULL;
	CHECK(m && !po_message_is_obsolete(m) &&
	      strcmp(po_message_msgstr(m), "Borte snart") == 0,
	      "update-po: an obsolete entry is revived");
	po_file_free(f);

	fixture_write_in(dir, "po/LINGUAS", "nn klingon\n");
	CHECK(run(cmd_update_po, "update-po") == 1,
	      "update-po: unknown LINGUAS code is a problem in the inputs");
}

int main(void)
{
	char path[256];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(path, sizeof path, "%s/po", dir);
	mkdir(path, 0777);
	test_pot();
	test_merge();
	remove_file("pack.xml");
	remove_file("po/pack.pot");
	remove_file("po/nn.po");
	remove_file("po/LINGUAS");
	rmdir(path);
	rmdir(dir);
	return CHECK_DONE();
}
