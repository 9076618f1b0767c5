/* Unit tests for player/core/library's scan: what it picks up from a
 * folder, and that nothing bad stops it (each becomes a note). */
#include "player/core/library.h"
#include "tests/unit/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	rmdir(dir);
	test_versions();
	return CHECK_DONE();
}
