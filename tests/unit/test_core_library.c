/* Unit tests for player/core/library's scan: what it picks up from a
 * folder, and that nothing bad stops it (each becomes a note). */
#include "player/core/library.h"
#include "builder/bundle_write.h"
#include "common/hash.h"
#include "player/core/trust.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int lines;

static void count(const char *line, void *user)
{
	(void)line;
	(void)user;
	lines++;
}

/* For library_set_writing(): a.vvb is being copied. */
static int writing_a(const char *path, void *user)
{
	(void)user;
	return strstr(path, "/a.vvb") != NULL;
}

/* A bundle in memory (not owned by the library) of pack `id`, version
 * `version`, in nb at level no-schooling, with one item. */
static struct bundle_item one_item = { .kind = BUNDLE_SLIDE,
				       .id = (char *)"welcome" };

static struct bundle mem_bundle(const char *path, const char *id,
				const char *version)
{
	struct bundle b;

	memset(&b, 0, sizeof b);
	b.path = (char *)path;
	b.fd = -1;
	b.pack_id = (char *)id;
	b.pack_version = (char *)version;
	b.lang = lang_find("nb");
	b.level_id = (char *)"no-schooling";
	b.items = &one_item;
	b.n_items = 1;
	return b;
}

/* The note about `path` in `lib`, or NULL. */
static const struct library_note *note_of(const struct library *lib,
					  const char *path)
{
	for (size_t i = 0; i < library_n_notes(lib); i++)
		if (strcmp(library_note(lib, i)->path, path) == 0)
			return library_note(lib, i);
	return NULL;
}

/* Staff copy a newer version of a pack next to the older one: the newer
 * is offered whichever comes first (names sort 1.10.0 before 1.9.0), and
 * the older is noted as replaced, not as a duplicate or an error. */
static void test_versions(void)
{
	struct bundle old = mem_bundle("lib/p-1.9.0-nb.vvb", "p", "1.9.0");
	struct bundle new = mem_bundle("lib/p-1.10.0-nb.vvb", "p", "1.10.0");
	struct bundle same = mem_bundle("lib/copy-of-p-1.10.0-nb.vvb", "p",
					"1.10.0");
	struct bundle other = mem_bundle("lib/q-2.0.0-nb.vvb", "q", "2.0.0");
	struct library *lib = NULL;
	const struct library_note *n;
	int before;

	/* the older first, as a rescan after the copy meets them */
	if (library_new(count, NULL, &lib) != VV_OK)
		return;
	before = lines;
	library_add(lib, &old, 0);
	library_add(lib, &new, 0);
	CHECK(library_n_bundles(lib) == 1 &&
	      library_bundle(lib, 0, 0) == &new,
	      "library: a newer version added after the older is offered");
	n = note_of(lib, old.path);
	CHECK(library_n_notes(lib) == 1 && library_n_replaced(lib) == 1 && n &&
	      n->kind == LIBRARY_NOTE_REPLACED &&
	      strstr(n->message, "replaced by version 1.10.0"),
	      "library: the older version is noted as replaced by the newer");
	if (n) {
		char text[2048];

		/* for the staff: what happened, and that it may go */
		library_note_text(n, text, sizeof text);
		CHECK(strcmp(text, "\xe2\x81\xa8lib/p-1.9.0-nb.vvb\xe2\x81\xa9: "
			     "replaced by version \xe2\x81\xa8" "1.10.0"
			     "\xe2\x81\xa9, which is offered instead; this "
			     "file may be deleted") == 0,
		      "library: a replaced version's note tells the staff it "
		      "may be deleted");
	}
	CHECK(lines == before,
	      "library: a replaced version is no error line");
	/* a second copy of the same version stays a duplicate */
	library_add(lib, &same, 0);
	n = note_of(lib, same.path);
	CHECK(library_bundle(lib, 0, 0) == &new && n &&
	      n->kind == LIBRARY_NOTE_DUPLICATE,
	      "library: the same version twice is a duplicate");
	/* another pack for the same language and level is no version */
	library_add(lib, &other, 0);
	n = note_of(lib, other.path);
	CHECK(library_bundle(lib, 0, 0) == &new && n &&
	      n->kind == LIBRARY_NOTE_DUPLICATE,
	      "library: another pack for the same language and level is a "
	      "duplicate, whatever its version");
	library_free(lib);

	/* the newer first (name order): the older one added after it is
	 * the one noted */
	if (library_new(count, NULL, &lib) != VV_OK)
		return;
	library_add(lib, &new, 0);
	library_add(lib, &old, 0);
	n = note_of(lib, old.path);
	CHECK(library_n_bundles(lib) == 1 &&
	      library_bundle(lib, 0, 0) == &new && n &&
	      n->kind == LIBRARY_NOTE_REPLACED &&
	      strstr(n->message, "replaced by version 1.10.0"),
	      "library: an older version added after the newer is noted "
	      "as replaced (1.10.0 > 1.9.0)");
	library_free(lib);
}

/* Writes `path`: a bundle of pack "p", version `version`, in nb at level
 * no-schooling, of one slide with a picture. With `damaged`, one byte of
 * the picture is flipped after its hash went into the manifest, as a bad
 * copy would: the bundle opens, and only hashing it whole finds the
 * fault. Ends the program (status 2) when it cannot be written. */
static void write_version(const char *path, const char *version,
			  int damaged)
{
	unsigned char pic[900];
	char sha[HASH_HEX_SIZE], sum[HASH_HEX_SIZE + 1], xml[2048];
	struct bundle_writer *w = NULL;
	enum vv_err err;

	for (size_t i = 0; i < sizeof pic; i++)
		pic[i] = (unsigned char)(i * 7 + 1);
	hash_sha256_buffer(pic, sizeof pic, sha);
	snprintf(xml, sizeof xml,
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<bundle xmlns=\"urn:veiviser:bundle:1\" format=\"1\">\n"
		 "  <pack id=\"p\" version=\"%s\" source-lang=\"nb\">"
		 "<title>P</title></pack>\n"
		 "  <language code=\"nb\" script=\"Latn\" dir=\"ltr\"/>\n"
		 "  <level id=\"no-schooling\"><label>Ingen</label></level>\n"
		 "  <items>\n"
		 "    <slide id=\"welcome\"><heading>Hei</heading>\n"
		 "      <image member=\"media/0001-pic.png\"><alt>a</alt>"
		 "</image></slide>\n"
		 "  </items>\n"
		 "  <members>\n"
		 "    <member name=\"media/0001-pic.png\" kind=\"image\" "
		 "size=\"%zu\" sha256=\"%s\" width=\"2\" height=\"3\"/>\n"
		 "  </members>\n"
		 "</bundle>\n", version, sizeof pic, sha);
	hash_sha256_buffer(xml, strlen(xml), sum);
	sum[64] = '\n';
	if (damaged)
		pic[sizeof pic / 2] ^= 0xff;
	err = bundle_writer_new(path, &w);
	if (err == VV_OK)
		err = bundle_writer_add_buffer(w, "manifest.xml", xml,
					       strlen(xml));
	if (err == VV_OK)
		err = bundle_writer_add_buffer(w, "media/0001-pic.png", pic,
					       sizeof pic);
	if (err == VV_OK)
		err = bundle_writer_add_buffer(w, "manifest.sha256", sum, 65);
	if (err == VV_OK)
		err = bundle_writer_commit(w, NULL, NULL);
	else
		bundle_writer_abort(w);
	if (err != VV_OK) {
		perror(path);
		exit(2);
	}
}

/* For library_poll(): the bundles it reported damaged. */
static int n_damaged;

static void on_verified(const struct bundle *bundle, const char *message,
			void *user)
{
	(void)bundle;
	(void)user;
	n_damaged += message != NULL;
}

/* The version offered for nb, no-schooling, or "none". */
static const char *offered(const struct library *lib)
{
	const struct bundle *b = library_bundle(lib, 0, 0);

	return b && b->pack_version ? b->pack_version : "none";
}

/* CHECK with the case's label after the name. */
static void check_case(int ok, const char *name, const char *label)
{
	char full[400];

	snprintf(full, sizeof full, "%s %s", name, label);
	CHECK(ok, full);
}

/* A newer version (1.1.0) next to a good older one (1.0.0), hashed in
 * the background: until the hash found the newer intact the older is
 * offered and not called replaced; a damaged newer is noted as damaged
 * and the older stays. Whichever name sorts first, with both new to the
 * kiosk (a start) or the older in the trust record (the rescan of a
 * running kiosk after the copy). A participant playing the older (polls
 * without drop) keeps it; the attract screen's poll changes the index. */
static void test_damaged_newer(const char *dir)
{
	static const char *names[][2] = { { "p-1.0.0.vvb", "p-1.1.0.vvb" },
					   { "z-old.vvb", "a-new.vvb" } };
	char sub[300], old[400], new[400], record[400], label[160];

	snprintf(sub, sizeof sub, "%s/versions", dir);
	snprintf(record, sizeof record, "%s/verified", dir);
	if (mkdir(sub, 0700) != 0)
		return;
	for (int order = 0; order < 2; order++)
	for (int known = 0; known < 2; known++)
	for (int damaged = 1; damaged >= 0; damaged--) {
		struct library *lib = NULL;
		struct trust *trust = NULL;
		const struct library_note *n;
		const struct bundle *kept;

		snprintf(old, sizeof old, "%s/%s", sub, names[order][0]);
		snprintf(new, sizeof new, "%s/%s", sub, names[order][1]);
		snprintf(label, sizeof label, "(%s newer, %s sorts first, "
			 "older %s)", damaged ? "damaged" : "intact",
			 order ? "newer" : "older",
			 known ? "known" : "new too");
		write_version(old, "1.0.0", 0);
		unlink(record);
		if (trust_open(record, &trust) != VV_OK)
			return;
		if (known) {
			/* verified whole at an earlier scan */
			if (library_new(NULL, NULL, &lib) != VV_OK)
				return;
			library_set_trust(lib, trust);
			library_scan(lib, old);
			library_free(lib);
		}
		write_version(new, "1.1.0", damaged);
		if (library_new(NULL, NULL, &lib) != VV_OK)
			return;
		library_set_trust(lib, trust);
		library_set_background(lib, 1);
		n_damaged = 0;
		library_scan(lib, sub);
		kept = library_bundle(lib, 0, 0);
		check_case(library_n_bundles(lib) == 1 &&
			   strcmp(offered(lib), "1.0.0") == 0 &&
			   library_n_notes(lib) == 0 &&
			   library_n_pending(lib) == (size_t)(2 - known),
			   "library: a newer version waits for its hash; the "
			   "older is offered, not replaced", label);
		library_start_verify(lib);
		library_wait_verify(lib);
		/* the polls of a participant's session */
		library_poll(lib, 0, on_verified, NULL);
		check_case(library_bundle(lib, 0, 0) == kept &&
			   library_n_notes(lib) == 0 && n_damaged == 0,
			   "library: while a participant plays, the older "
			   "stays in place", label);
		library_poll(lib, 1, on_verified, NULL);
		if (damaged) {
			n = note_of(lib, new);
			check_case(library_n_bundles(lib) == 1 &&
				   library_bundle(lib, 0, 0) == kept &&
				   !note_of(lib, old) &&
				   library_n_replaced(lib) == 0,
				   "library: the older stays offered when the "
				   "newer is damaged, not called replaced",
				   label);
			check_case(n_damaged == 1 && library_n_notes(lib) == 1 &&
				   n && n->kind == LIBRARY_NOTE_DAMAGED &&
				   strstr(n->message, "SHA-256") &&
				   strstr(n->message, "1.0.0 stays offered"),
				   "library: the damaged newer is noted as "
				   "damaged, naming the version offered", label);
		} else {
			n = note_of(lib, old);
			check_case(library_n_bundles(lib) == 1 &&
				   strcmp(offered(lib), "1.1.0") == 0 &&
				   library_bundle(lib, 0, 0)->members_checked &&
				   library_n_notes(lib) == 1 && n &&
				   n->kind == LIBRARY_NOTE_REPLACED,
				   "library: an intact newer is offered once "
				   "hashed, on the attract screen; the older "
				   "then replaced", label);
		}
		library_free(lib);
		trust_free(trust);
		unlink(old);
		unlink(new);
	}
	unlink(record);
	rmdir(sub);
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

int main(void)
{
	char dir[] = "/tmp/vv-lib-XXXXXX", path[256];
	struct library *lib = NULL;
	const struct library_note *n;
	static const char *names[] = { "b.vvb", "a.vvb", ".hidden.vvb",
				       "notes.txt", "x.vvb.part" };
	size_t i;

	if (!mkdtemp(dir) || library_new(count, NULL, &lib) != VV_OK)
		return 1;
	put(dir, "b.vvb", "not a tar archive\n");
	put(dir, "a.vvb", "");
	put(dir, ".hidden.vvb", "x");
	put(dir, "notes.txt", "x");
	put(dir, "x.vvb.part", "x");
	fprintf(stderr, "(the next lines are expected errors)\n");
	CHECK(library_scan(lib, dir) == VV_OK, "library: a bad folder is no "
	      "error");
	CHECK(library_n_bundles(lib) == 0 && library_n_notes(lib) == 2,
	      "library: only *.vvb files tried, hidden ones skipped");
	n = library_note(lib, 0);
	CHECK(n && strstr(n->path, "/a.vvb") && strstr(n->message, "a.vvb"),
	      "library: files tried in name order, note names the file");
	CHECK(lines >= 2, "library: each failure reaches the log hook");
	{
		char text[2048], want[1200];

		/* The staff's line is made when drawn, in the language
		 * then set (here the source's), from a kind and the path. */
		library_note_text(n, text, sizeof text);
		snprintf(want, sizeof want, "\xe2\x81\xa8%s/a.vvb\xe2\x81\xa9: "
			 "damaged; ", dir);
		CHECK(n->kind == LIBRARY_NOTE_DAMAGED &&
		      strncmp(text, want, strlen(want)) == 0,
		      "library: a damaged bundle's note says so for the staff");
	}
	{
		/* A duplicate's codes are isolated as its paths: in a
		 * right-to-left line "no-schooling" broke at its hyphen. */
		char a[] = "x/a.vvb", lang[] = "nb", level[] = "no-schooling";
		char bpath[] = "x/b.vvb", message[] = "";
		struct library_note dup = { bpath, message,
					    LIBRARY_NOTE_DUPLICATE, VV_OK,
					    { a, lang, level } };
		char text[2048];

		library_note_text(&dup, text, sizeof text);
		CHECK(strcmp(text, "\xe2\x81\xa8x/b.vvb\xe2\x81\xa9: skipped: "
			     "\xe2\x81\xa8x/a.vvb\xe2\x81\xa9 already provides "
			     "language \xe2\x81\xa8nb\xe2\x81\xa9, level "
			     "\xe2\x81\xa8no-schooling\xe2\x81\xa9; keep one "
			     "of them in the library") == 0,
		      "library: a duplicate's note isolates paths and codes");
	}
	{
		/* A file that a copy is still writing cannot be opened
		 * either; it is not damaged, and no error line says so. */
		struct library *busy = NULL;
		char text[2048], want[1200];
		const struct library_note *c;
		int before = lines;

		snprintf(path, sizeof path, "%s/a.vvb", dir);
		CHECK(library_new(count, NULL, &busy) == VV_OK, "library: new");
		library_set_writing(busy, writing_a, NULL);
		CHECK(library_scan(busy, path) == VV_OK &&
		      library_n_notes(busy) == 1 && lines == before &&
		      (c = library_note(busy, 0)) &&
		      c->kind == LIBRARY_NOTE_COPYING &&
		      strstr(c->message, "a.vvb: still being copied"),
		      "library: a bundle being written is noted as copied, "
		      "with no error line");
		library_note_text(library_note(busy, 0), text, sizeof text);
		snprintf(want, sizeof want, "\xe2\x81\xa8%s\xe2\x81\xa9: still "
			 "being copied; it is added when the copy is "
			 "complete", path);
		CHECK(strcmp(text, want) == 0,
		      "library: a copy's note tells the staff it will come");
		library_free(busy);
	}
	CHECK(library_scan(lib, "/nonexistent/bundles") == VV_OK &&
	      library_n_notes(lib) == 3 &&
	      strstr(library_note(lib, 2)->message, "/nonexistent/bundles"),
	      "library: a missing path becomes a note");
	CHECK(library_n_langs(lib) == 0 && library_bundle(lib, 0, 0) == NULL &&
	      library_find_lang(lib, "nb") == -1,
	      "library: an empty library answers every query");
	library_free(lib);
	library_free(NULL);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	test_versions();
	test_damaged_newer(dir);
	rmdir(dir);
	return CHECK_DONE();
}
