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
	return CHECK_DONE();
}
