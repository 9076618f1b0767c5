/* Unit tests for the bundle writer (builder/bundle_write) and reader
 * (common/bundle): round trip, reproducibility, and refusal of every
 * kind of damage: each flipped byte, truncation, missing, unlisted,
 * duplicate and unsafe members, malformed manifests, write errors. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "builder/bundle_write.h"
#include "common/bundle.h"
#include "common/hash.h"
#include "tests/unit/check.h"

static char dir[] = "/tmp/vv-test-bundle-XXXXXX";
static char path[512];

struct media {
	const char *name;
	const char *kind;
	unsigned char data[1400];
	size_t size;
	char sha[HASH_HEX_SIZE];
};

static struct media media[4] = {
	{ "media/0001-pic.png", "image", { 0 }, 700, "" },
	{ "media/0002-talk.opus", "audio", { 0 }, 512, "" },
	{ "media/0003-film.mkv", "video", { 0 }, 1300, "" },
	{ "media/0004-film.ar.vtt", "subtitles", { 0 }, 90, "" },
};

static void fill_media(void)
{
	size_t i, j;

	for (i = 0; i < 4; i++) {
		for (j = 0; j < media[i].size; j++)
			media[i].data[j] = (unsigned char)(i * 31 + j * 7 + 1);
		hash_sha256_buffer(media[i].data, media[i].size, media[i].sha);
	}
}

/* Builds a manifest naming the members; `lang` and `extra_member` let
 * tests make it wrong in chosen ways. Returns a static buffer. */
static const char *manifest(const char *lang, const char *extra_member)
{
	static char buf[8192];
	char members[4096] = "";
	size_t i, len = 0;

	for (i = 0; i < 4; i++)
		len += (size_t)snprintf(members + len, sizeof members - len,
			"    <member name=\"%s\" kind=\"%s\" size=\"%zu\" "
			"sha256=\"%s\"%s/>\n", media[i].name, media[i].kind,
			media[i].size, media[i].sha,
			i == 0 ? " width=\"2\" height=\"3\""
			       : i == 1 ? " duration=\"1.500\"" : "");
	snprintf(buf, sizeof buf,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<bundle xmlns=\"urn:veiviser:bundle:1\" format=\"1\">\n"
		"  <pack id=\"demo\" version=\"1.0.0\" source-lang=\"nb\">"
		"<title>Velkommen"
		"</title></pack>\n"
		"  <language code=\"%s\" script=\"Arab\" dir=\"rtl\" "
		"draft=\"true\"/>\n"
		"  <level id=\"no-schooling\"><label fallback=\"true\">Ingen "
		"skolegang</label></level>\n"
		"  <coverage total=\"9\" translated=\"7\" fallback=\"2\"/>\n"
		"  <items>\n"
		"    <slide id=\"welcome\">\n"
		"      <heading>مرحبا</heading>\n"
		"      <p>one</p><p fallback=\"true\">two &lt;b&gt;x&lt;/b&gt;"
		"</p>\n"
		"      <list><li>a</li><li level=\"3\">b</li></list>\n"
		"      <image member=\"%s\"><alt>alt text</alt></image>\n"
		"      <script>say it</script>\n"
		"      <narration member=\"%s\" duration=\"1.500\"/>\n"
		"    </slide>\n"
		"    <video id=\"film\" member=\"%s\" audio-lang=\"nb\" "
		"subtitles=\"%s\"><title>Film</title></video>\n"
		"  </items>\n"
		"  <members>\n%s%s  </members>\n"
		"</bundle>\n",
		lang, media[0].name, media[1].name, media[2].name,
		media[3].name, members, extra_member ? extra_member : "");
	return buf;
}

enum shape { GOOD, MISSING, UNLISTED, DUPLICATE, MANIFEST_LAST };

/* Writes `out` with manifest text `xml` and the media, in `shape`. */
static enum vv_err write_bundle(const char *out, const char *xml,
				enum shape shape)
{
	struct bundle_writer *w;
	char sum[HASH_HEX_SIZE + 1];
	enum vv_err err;
	size_t i;

	err = bundle_writer_new(out, &w);
	if (err)
		return err;
	hash_sha256_buffer(xml, strlen(xml), sum);
	sum[64] = '\n';
	if (shape != MANIFEST_LAST)
		err = bundle_writer_add_buffer(w, "manifest.xml", xml,
					       strlen(xml));
	for (i = 0; i < 4 && !err; i++) {
		if (shape == MISSING && i == 2)
			continue;
		err = bundle_writer_add_buffer(w, media[i].name,
					       media[i].data, media[i].size);
	}
	if (!err && shape == UNLISTED)
		err = bundle_writer_add_buffer(w, "media/extra", "x", 1);
	if (!err && shape == DUPLICATE)
		err = bundle_writer_add_buffer(w, media[0].name,
					       media[0].data, media[0].size);
	if (!err && shape == MANIFEST_LAST)
		err = bundle_writer_add_buffer(w, "manifest.xml", xml,
					       strlen(xml));
	if (!err)
		err = bundle_writer_add_buffer(w, "manifest.sha256", sum, 65);
	if (err) {
		bundle_writer_abort(w);
		return err;
	}
	return bundle_writer_commit(w, NULL, NULL);
}

/* Opens and verifies `p` with stderr silenced; returns the first error. */
static enum vv_err open_verify(const char *p)
{
	struct bundle *b = NULL;
	enum vv_err err;

	err = bundle_open(p, &b);
	if (err == VV_OK)
		err = bundle_verify_members(b);
	bundle_close(b);
	return err;
}

static int saved_stderr = -1;

static void mute(void)
{
	int null = open("/dev/null", O_WRONLY);

	fflush(stderr);
	saved_stderr = dup(2);
	dup2(null, 2);
	close(null);
}

static void unmute(void)
{
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
}

static unsigned char *slurp(const char *p, size_t *size)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(p, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf && read(fd, buf, (size_t)st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*size = (size_t)st.st_size;
	return buf;
}

static void spit(const char *p, const unsigned char *data, size_t size)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, data, size) != (ssize_t)size)
			perror(p);
		close(fd);
	}
}

static void test_round_trip(void)
{
	struct bundle *b = NULL;
	const struct bundle_item *it;
	unsigned char *data = NULL;
	size_t size = 0;

	snprintf(path, sizeof path, "%s/good.vvb", dir);
	CHECK(write_bundle(path, manifest("ar", NULL), GOOD) == VV_OK,
	      "write a bundle");
	CHECK(bundle_open(path, &b) == VV_OK && b, "open the bundle");
	if (!b)
		return;
	CHECK_STR(b->pack_id, "demo", "pack id");
	CHECK_STR(b->pack_version, "1.0.0", "pack version");
	CHECK_STR(b->pack_title.text, "Velkommen", "pack title");
	CHECK(b->lang && strcmp(b->lang->code, "ar") == 0 &&
		      b->lang->dir == VV_DIR_RTL, "language from the table");
	CHECK(b->draft, "draft flag");
	CHECK(b->source_lang && strcmp(b->source_lang->code, "nb") == 0 &&
		      strcmp(bundle_text_lang(b, &b->level_label), "nb") == 0 &&
		      strcmp(bundle_text_lang(b, &b->pack_title), "ar") == 0,
	      "source language: fallback texts in it, the others in ar");
	CHECK(strcmp(b->level_id, "no-schooling") == 0 &&
		      b->level_label.fallback, "level and its fallback flag");
	CHECK(b->coverage_total == 9 && b->coverage_translated == 7 &&
		      b->coverage_fallback == 2, "coverage");
	CHECK(b->n_items == 2 && b->n_members == 4, "item and member counts");
	it = &b->items[0];
	CHECK(it->kind == BUNDLE_SLIDE && strcmp(it->id, "welcome") == 0 &&
		      strcmp(it->heading.text, "مرحبا") == 0,
	      "slide id and heading");
	CHECK(it->n_paragraphs == 2 && !it->paragraphs[0].fallback &&
		      it->paragraphs[1].fallback &&
		      strcmp(it->paragraphs[1].text, "two <b>x</b>") == 0,
	      "paragraphs keep inline tags and fallback marks");
	CHECK(it->n_bullets == 2 && strcmp(it->bullets[1].text, "b") == 0,
	      "bullets");
	CHECK(it->bullets[0].level == 1 && it->bullets[1].level == 3 &&
		      it->paragraphs[0].level == 0,
	      "a bullet without level is at level 1; level=\"3\" is read");
	CHECK(it->image == &b->members[0] && it->image->width == 2 &&
		      it->image->height == 3 &&
		      strcmp(it->image_alt.text, "alt text") == 0,
	      "image member and alt text");
	CHECK(it->narration && it->narration->duration == 1.5,
	      "narration member with its duration");
	CHECK_STR(it->script.text, "say it", "script");
	it = &b->items[1];
	CHECK(it->kind == BUNDLE_VIDEO && it->video == &b->members[2] &&
		      it->subtitles == &b->members[3] &&
		      strcmp(it->audio_lang, "nb") == 0 &&
		      strcmp(it->heading.text, "Film") == 0,
	      "video item with member, subtitles and audio language");
	CHECK(it->script.text && it->image_alt.text && !it->image,
	      "absent texts are empty strings, absent media NULL");
	CHECK(bundle_find_member(b, media[1].name) == &b->members[1] &&
		      !bundle_find_member(b, "media/none"),
	      "bundle_find_member");
	CHECK(bundle_verify_members(b) == VV_OK, "verify every member");
	CHECK(bundle_read_member(b, &b->members[2], &data, &size) == VV_OK &&
		      size == media[2].size &&
		      memcmp(data, media[2].data, size) == 0,
	      "read a member back");
	free(data);
	bundle_close(b);
	bundle_close(NULL);
}

static void test_reproducible(void)
{
	char other[600];
	unsigned char *a, *b;
	size_t na = 0, nb = 0;

	snprintf(other, sizeof other, "%s/again.vvb", dir);
	write_bundle(other, manifest("ar", NULL), GOOD);
	a = slurp(path, &na);
	b = slurp(other, &nb);
	CHECK(a && b && na == nb && memcmp(a, b, na) == 0,
	      "identical inputs give identical bytes");
	CHECK(a && na % 512 == 0 && memcmp(a + 257, "ustar\0" "00", 8) == 0 &&
		      strcmp((char *)a, "manifest.xml") == 0,
	      "ustar archive with manifest.xml first");
	free(a);
	free(b);
	unlink(other);
}

/* Flips every byte of the good bundle in turn: each must be refused. */
static void test_every_flipped_byte(void)
{
	char flipped[600];
	unsigned char *data;
	size_t size = 0, i, accepted = 0;
	unsigned char byte;
	int fd;

	data = slurp(path, &size);
	if (!data) {
		CHECK(0, "read the good bundle");
		return;
	}
	snprintf(flipped, sizeof flipped, "%s/flipped.vvb", dir);
	spit(flipped, data, size);
	fd = open(flipped, O_WRONLY);
	mute();
	for (i = 0; i < size && fd >= 0; i++) {
		byte = data[i] ^ 0x20;
		if (pwrite(fd, &byte, 1, (off_t)i) != 1)
			break;
		if (open_verify(flipped) == VV_OK) {
			if (accepted++ < 5)
				printf("# accepted a flip at byte %zu\n", i);
		}
		if (pwrite(fd, &data[i], 1, (off_t)i) != 1)
			break;
	}
	unmute();
	CHECK(fd >= 0 && i == size, "flip every byte in turn");
	if (fd >= 0)
		close(fd);
	CHECK(accepted == 0 && size > 2048,
	      "a flipped byte anywhere (headers, data, padding, trailer) "
	      "is refused");
	/* Truncation at every block boundary and inside blocks. */
	accepted = 0;
	mute();
	for (i = 0; i < size; i += 97) {
		spit(flipped, data, i);
		accepted += open_verify(flipped) == VV_OK;
	}
	for (i = 0; i < size; i += 512) {
		spit(flipped, data, i);
		accepted += open_verify(flipped) == VV_OK;
	}
	unmute();
	CHECK(accepted == 0, "every truncation is refused");
	/* Trailing garbage after the end marker. */
	data = realloc(data, size + 512);
	memset(data + size, 0, 512);
	data[size + 10] = 1;
	spit(flipped, data, size + 512);
	mute();
	CHECK(open_verify(flipped) == VV_ERR_FORMAT,
	      "trailing bytes after the archive are refused");
	unmute();
	free(data);
	unlink(flipped);
}

static void test_shapes(void)
{
	char p[600];
	struct bundle *b = NULL;

	snprintf(p, sizeof p, "%s/shape.vvb", dir);
	mute();
	write_bundle(p, manifest("ar", NULL), MISSING);
	CHECK(bundle_open(p, &b) == VV_ERR_NOTFOUND && !b,
	      "a missing member is refused");
	write_bundle(p, manifest("ar", NULL), UNLISTED);
	CHECK(bundle_open(p, &b) == VV_ERR_FORMAT,
	      "an unlisted member is refused");
	write_bundle(p, manifest("ar", NULL), DUPLICATE);
	CHECK(bundle_open(p, &b) == VV_ERR_FORMAT,
	      "a duplicate member is refused");
	write_bundle(p, manifest("ar", NULL), MANIFEST_LAST);
	CHECK(bundle_open(p, &b) == VV_ERR_FORMAT,
	      "manifest.xml not first is refused");
	write_bundle(p, manifest("xx", NULL), GOOD);
	CHECK(bundle_open(p, &b) == VV_ERR_LANG,
	      "an unknown language is refused");
	write_bundle(p, "<bundle xmlns=\"urn:veiviser:bundle:1\" format=\"1\">"
		     "<pack", GOOD);
	CHECK(bundle_open(p, &b) == VV_ERR_FORMAT,
	      "a malformed manifest is refused");
	write_bundle(p, "<?xml version=\"1.0\"?><!DOCTYPE bundle [<!ENTITY a "
		     "\"aaaa\">]><bundle xmlns=\"urn:veiviser:bundle:1\" "
		     "format=\"1\"/>", GOOD);
	CHECK(bundle_open(p, &b) == VV_ERR_FORMAT,
	      "a manifest with a DTD is refused");
	write_bundle(p, manifest("ar", "<member name=\"media/0001-pic.png\" "
				 "kind=\"image\" size=\"1\" sha256=\"aa\"/>"),
		     GOOD);
	CHECK(bundle_open(p, &b) == VV_ERR_FORMAT,
	      "a manifest listing a member twice is refused");
	{
		static const char *const bad_levels[] = { "5", "0", "x", "" };
		char xml[8192], *at;
		size_t k;

		for (k = 0; k < 4; k++) {
			snprintf(xml, sizeof xml, "%s", manifest("ar", NULL));
			at = strstr(xml, "level=\"3\"");
			if (!at)
				break;
			/* level="N" for each bad N, the rest of the text
			 * moved to fit */
			memmove(at + 7 + strlen(bad_levels[k]), at + 8,
				strlen(at + 8) + 1);
			memcpy(at + 7, bad_levels[k], strlen(bad_levels[k]));
			write_bundle(p, xml, GOOD);
			CHECK(bundle_open(p, &b) == VV_ERR_FORMAT && !b,
			      "a list level outside 1 to 4 is refused");
		}
		CHECK(k == 4, "the fixture has a list level to spoil");
	}
	CHECK(bundle_open(p, &b) != VV_OK && !b, "failure leaves *out NULL");
	unlink(p);
	CHECK(bundle_open(p, &b) == VV_ERR_NOTFOUND,
	      "a missing bundle file is reported");
	unmute();
}

/* Writes a tar by hand with libarchive holding a member the reader must
 * refuse: manifest.xml, then `name` (a symlink when `link`), then the
 * checksum. */
static enum vv_err hostile(const char *p, const char *name, int link)
{
	const char *xml = manifest("ar", NULL);
	char sum[HASH_HEX_SIZE + 1];
	struct archive_entry *e;
	struct archive *a = archive_write_new();
	enum vv_err err;
	const char *names[3] = { "manifest.xml", name, "manifest.sha256" };
	int i;

	hash_sha256_buffer(xml, strlen(xml), sum);
	sum[64] = '\n';
	archive_write_set_format_ustar(a);
	archive_write_set_bytes_in_last_block(a, 1);
	archive_write_open_filename(a, p);
	for (i = 0; i < 3; i++) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, names[i]);
		archive_entry_set_perm(e, 0644);
		if (i == 1 && link) {
			archive_entry_set_filetype(e, AE_IFLNK);
			archive_entry_set_symlink(e, "/etc/passwd");
			archive_entry_set_size(e, 0);
			archive_write_header(a, e);
		} else {
			const char *d = i == 0 ? xml : i == 1 ? "x" : sum;
			size_t n = i == 0 ? strlen(xml) : i == 1 ? 1 : 65;

			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_size(e, (la_int64_t)n);
			archive_write_header(a, e);
			archive_write_data(a, d, n);
		}
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
	mute();
	err = open_verify(p);
	unmute();
	return err;
}

static void test_hostile_names(void)
{
	char p[600], longest[257];

	snprintf(p, sizeof p, "%s/hostile.vvb", dir);
	CHECK(hostile(p, "/etc/evil", 0) == VV_ERR_FORMAT,
	      "an absolute member path is refused");
	CHECK(hostile(p, "media/../../evil", 0) == VV_ERR_FORMAT,
	      "a member path with .. is refused");
	CHECK(hostile(p, "media/link", 1) == VV_ERR_FORMAT,
	      "a symlink member is refused");
	/* The longest ustar name: a 155-byte prefix, '/', 100 bytes. */
	memset(longest, 'b', sizeof longest - 1);
	longest[sizeof longest - 1] = '\0';
	memcpy(longest, "media/", 6);
	longest[155] = '/';
	CHECK(hostile(p, longest, 0) == VV_ERR_FORMAT,
	      "an unlisted member with the longest ustar name is refused");
	unlink(p);
}

static int count_entries(const char *d)
{
	char cmd[700];
	FILE *f;
	int n = -1;

	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", d);
	f = popen(cmd, "r");
	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = -1;
		pclose(f);
	}
	return n;
}

static void test_writer_failures(void)
{
	struct bundle_writer *w = NULL;
	char sub[600], p[700], stale[700], live[700];
	struct rlimit old, small;
	enum vv_err err;
	unsigned char big[8192];

	snprintf(sub, sizeof sub, "%s/w", dir);
	mkdir(sub, 0755);
	snprintf(p, sizeof p, "%s/missing-dir/x.vvb", dir);
	mute();
	CHECK(bundle_writer_new(p, &w) == VV_ERR_IO && !w,
	      "a missing output directory is an I/O error");
	unmute();

	snprintf(p, sizeof p, "%s/x.vvb", sub);
	CHECK(bundle_writer_new(p, &w) == VV_OK && count_entries(sub) == 1,
	      "the writer makes one temp file");
	bundle_writer_add_buffer(w, "manifest.xml", "<x/>", 4);
	bundle_writer_abort(w);
	CHECK(count_entries(sub) == 0, "abort leaves nothing behind");

	bundle_writer_new(p, &w);
	mute();
	err = bundle_writer_add_file(w, "media/f", "/dev/null", 4,
				     media[0].sha);
	unmute();
	CHECK(err == VV_ERR_INTEGRITY,
	      "a source that changed since it was hashed is refused");
	bundle_writer_abort(w);

	/* A write error part-way (a file size limit stands in for a full
	 * disk): an error, and neither the bundle nor the temp file stays. */
	memset(big, 7, sizeof big);
	getrlimit(RLIMIT_FSIZE, &old);
	small = old;
	small.rlim_cur = 4096;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &small);
	err = bundle_writer_new(p, &w);
	mute();
	if (err == VV_OK)
		err = bundle_writer_add_buffer(w, "media/big", big, sizeof big);
	if (err == VV_OK)
		err = bundle_writer_commit(w, NULL, NULL);
	else
		bundle_writer_abort(w);
	unmute();
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK(err == VV_ERR_IO && count_entries(sub) == 0,
	      "a write error fails cleanly with no partial file");

	snprintf(stale, sizeof stale, "%s/.x.vvb.tmp-999999999", sub);
	snprintf(live, sizeof live, "%s/.y.vvb.tmp-%ld", sub, (long)getpid());
	spit(stale, (const unsigned char *)"x", 1);
	spit(live, (const unsigned char *)"x", 1);
	CHECK(bundle_write_clean_stale(sub) == 1 && access(stale, F_OK) != 0 &&
		      access(live, F_OK) == 0,
	      "stale temp files of dead builds are removed, live ones kept");
	unlink(live);
	rmdir(sub);
}

/* bundle_writer_add_file_id: copies a file that is still what it was,
 * refuses one rewritten in place with its mtime set back, or replaced;
 * the commit's whole-bundle hash is that of the bytes on disk. */
static void test_file_id(void)
{
	const size_t n = 3 * 1024 * 1024 + 100; /* several copy chunks */
	struct bundle_file_id id;
	struct bundle_writer *w = NULL;
	struct timespec times[2], tick = { 0, 20000000 };
	char src[600], other[600], out[600];
	char sha[HASH_HEX_SIZE], want[HASH_HEX_SIZE];
	unsigned char *data = malloc(n), *got;
	uint64_t size = 0;
	size_t i, got_size = 0;
	struct stat st;
	enum vv_err err;
	int fd;

	if (!data)
		return;
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i * 7 + i / 4096);
	snprintf(src, sizeof src, "%s/src.bin", dir);
	snprintf(other, sizeof other, "%s/other.bin", dir);
	snprintf(out, sizeof out, "%s/id.vvb", dir);
	spit(src, data, n);
	stat(src, &st);
	bundle_file_id_from_stat(&id, &st);

	err = bundle_writer_new(out, &w);
	if (err == VV_OK)
		err = bundle_writer_add_file_id(w, "media/f", src, &id);
	if (err == VV_OK)
		err = bundle_writer_commit(w, sha, &size);
	else
		bundle_writer_abort(w);
	got = slurp(out, &got_size);
	/* A padding member (header and 3072 zeros) puts the data at 4096. */
	CHECK(err == VV_OK && got && got_size == size &&
	      got_size >= 4096 + n && memcmp(got + 4096, data, n) == 0 &&
	      memcmp(got, ".pad.1", 7) == 0,
	      "an unchanged file is copied whole, block-aligned");
	if (got)
		hash_sha256_buffer(got, got_size, want);
	CHECK(got && strcmp(sha, want) == 0,
	      "commit reports the hash of the bundle's bytes");
	free(got);

	/* Same size, other bytes, mtime put back: only the ctime moves.
	 * The pause makes sure it lands on a later timestamp tick. */
	nanosleep(&tick, NULL);
	data[n / 2] ^= 0xff;
	fd = open(src, O_WRONLY);
	if (fd >= 0) {
		if (pwrite(fd, data, n, 0) != (ssize_t)n)
			perror(src);
		times[0] = st.st_atim;
		times[1] = st.st_mtim;
		futimens(fd, times);
		close(fd);
	}
	bundle_writer_new(out, &w);
	mute();
	err = bundle_writer_add_file_id(w, "media/f", src, &id);
	unmute();
	bundle_writer_abort(w);
	CHECK(err == VV_ERR_INTEGRITY,
	      "a file rewritten with its mtime set back is refused");

	/* Replaced by another file of the same size. */
	stat(src, &st);
	bundle_file_id_from_stat(&id, &st);
	spit(other, data, n);
	rename(other, src);
	bundle_writer_new(out, &w);
	mute();
	err = bundle_writer_add_file_id(w, "media/f", src, &id);
	unmute();
	bundle_writer_abort(w);
	CHECK(err == VV_ERR_INTEGRITY, "a replaced file is refused");

	unlink(src);
	unlink(out);
	free(data);
}

/* A FIFO named like a bundle, a folder, a file swapped after opening, and
 * a member over its kind's cap. The alarm turns a blocking open() into a
 * failure instead of a hung test run. */
static void test_special_files(void)
{
	char fifo[600], folder[600], good[600], other[600], capped[600];
	struct bundle *b = NULL;
	unsigned char *data = NULL;
	size_t size = 0;
	enum vv_err err;

	snprintf(fifo, sizeof fifo, "%s/fifo.vvb", dir);
	snprintf(folder, sizeof folder, "%s/folder.vvb", dir);
	snprintf(good, sizeof good, "%s/swap.vvb", dir);
	snprintf(other, sizeof other, "%s/other.vvb", dir);
	snprintf(capped, sizeof capped, "%s/capped.vvb", dir);

	CHECK(mkfifo(fifo, 0600) == 0, "make a FIFO named *.vvb");
	alarm(10);
	mute();
	err = bundle_open(fifo, &b);
	unmute();
	alarm(0);
	CHECK(err == VV_ERR_IO && !b, "a FIFO is refused without blocking");
	unlink(fifo);
	mkdir(folder, 0700);
	mute();
	err = bundle_open(folder, &b);
	unmute();
	CHECK(err == VV_ERR_IO && !b, "a folder is refused");
	rmdir(folder);

	/* Opened, then another bundle renamed over it: the open bundle still
	 * reads and verifies the file it opened. */
	CHECK(write_bundle(good, manifest("ar", NULL), GOOD) == VV_OK,
	      "write a bundle to swap");
	media[2].data[5] ^= 0xff;
	CHECK(write_bundle(other, manifest("ar", NULL), GOOD) == VV_OK,
	      "write a damaged one of the same shape");
	media[2].data[5] ^= 0xff;
	CHECK(bundle_open(good, &b) == VV_OK && b && b->fd >= 0 &&
		      b->id.size > 0 && hash_is_hex(b->id.manifest_sha256),
	      "open keeps the file and its identity");
	rename(other, good);
	if (b) {
		CHECK(bundle_verify_members(b) == VV_OK &&
			      bundle_read_member(b, &b->members[2], &data,
						 &size) == VV_OK &&
			      size == media[2].size &&
			      memcmp(data, media[2].data, size) == 0,
		      "a file swapped in after open is never read");
		free(data);
	}
	bundle_close(b);
	b = NULL;
	mute();
	err = open_verify(good);
	unmute();
	CHECK(err == VV_ERR_INTEGRITY, "the swapped-in file itself is damaged");
	unlink(good);

	/* Subtitles over BUNDLE_MAX_SUBTITLES. */
	{
		size_t big = (size_t)BUNDLE_MAX_SUBTITLES + 1;
		unsigned char *z = calloc(1, big);
		char sha[HASH_HEX_SIZE], sum[HASH_HEX_SIZE + 1];
		char xml[2048];
		struct bundle_writer *w = NULL;

		if (!z)
			return;
		hash_sha256_buffer(z, big, sha);
		snprintf(xml, sizeof xml,
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			"<bundle xmlns=\"urn:veiviser:bundle:1\" format=\"1\">\n"
			"  <pack id=\"demo\" version=\"1.0.0\"><title>T</title>"
			"</pack>\n"
			"  <language code=\"nb\" script=\"Latn\" dir=\"ltr\"/>\n"
			"  <level id=\"all\"><label>Alle</label></level>\n"
			"  <coverage total=\"1\" translated=\"1\" fallback=\"0\"/>\n"
			"  <items><slide id=\"s\"><heading>H</heading></slide>"
			"</items>\n"
			"  <members><member name=\"media/big.vtt\" "
			"kind=\"subtitles\" size=\"%zu\" sha256=\"%s\"/>"
			"</members>\n</bundle>\n", big, sha);
		hash_sha256_buffer(xml, strlen(xml), sum);
		sum[64] = '\n';
		err = bundle_writer_new(capped, &w);
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "manifest.xml", xml,
						       strlen(xml));
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "media/big.vtt", z,
						       big);
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "manifest.sha256",
						       sum, 65);
		if (err == VV_OK)
			err = bundle_writer_commit(w, NULL, NULL);
		else
			bundle_writer_abort(w);
		free(z);
		CHECK(err == VV_OK, "write a bundle with 4 MiB + 1 of subtitles");
		mute();
		err = bundle_open(capped, &b);
		unmute();
		CHECK(err == VV_ERR_FORMAT && !b,
		      "a member over its kind's size cap is refused");
		bundle_close(b);
		unlink(capped);
		CHECK(bundle_member_cap("video") == BUNDLE_MAX_VIDEO &&
			      bundle_member_cap("audio") == BUNDLE_MAX_AUDIO &&
			      bundle_member_cap("image") == BUNDLE_MAX_IMAGE,
		      "caps per kind");
	}
}

/* Walks the ustar headers of `tar` (what `tar tf` does): checks that
 * every member of 64 KiB or more starts its data at a multiple of 4096,
 * that the others need no padding member, and counts the members and
 * the padding members. Returns 0 when the layout is right. */
static int check_layout(const unsigned char *tar, size_t size, int *members,
			int *pads)
{
	size_t off = 0;
	int pad_before = 0;

	*members = *pads = 0;
	while (off + 512 <= size && tar[off]) {
		unsigned long long n = strtoull((const char *)tar + off + 124,
						NULL, 8);
		int is_pad = strncmp((const char *)tar + off, ".pad.", 5) == 0;

		if (is_pad) {
			(*pads)++;
			pad_before = 1;
		} else {
			(*members)++;
			if (n >= 64 * 1024 && (off + 512) % 4096 != 0)
				return -1;
			if (pad_before && n < 64 * 1024)
				return -1;
			pad_before = 0;
		}
		off += 512 + (size_t)((n + 511) / 512 * 512);
	}
	return off + 1024 == size ? 0 : -1;
}

/* Big file members are block-aligned after padding members; the bytes
 * are the same whether a member was copied by the kernel
 * (add_file_id) or read and hashed (add_file); small members get no
 * padding; the kernel path is taken. */
static void test_aligned_members(void)
{
	const size_t n_big = 200 * 1024 + 77, n_mid = 64 * 1024;
	unsigned char *big = malloc(n_big), *mid = malloc(n_mid);
	unsigned char *a = NULL, *b = NULL;
	char src_big[600], src_mid[600], out_a[600], out_b[600];
	char sha_big[HASH_HEX_SIZE], sha_mid[HASH_HEX_SIZE];
	struct bundle_file_id id_big, id_mid;
	struct bundle_write_stats stats;
	struct bundle_writer *w;
	size_t na = 0, nb = 0, i;
	struct stat st;
	int members = 0, pads = 0, pass;

	if (!big || !mid) {
		free(big);
		free(mid);
		return;
	}
	for (i = 0; i < n_big; i++)
		big[i] = (unsigned char)(i * 13 + 5);
	for (i = 0; i < n_mid; i++)
		mid[i] = (unsigned char)(i * 3 + 1);
	hash_sha256_buffer(big, n_big, sha_big);
	hash_sha256_buffer(mid, n_mid, sha_mid);
	snprintf(src_big, sizeof src_big, "%s/big.bin", dir);
	snprintf(src_mid, sizeof src_mid, "%s/mid.bin", dir);
	snprintf(out_a, sizeof out_a, "%s/aligned-a.vvb", dir);
	snprintf(out_b, sizeof out_b, "%s/aligned-b.vvb", dir);
	spit(src_big, big, n_big);
	spit(src_mid, mid, n_mid);
	stat(src_big, &st);
	bundle_file_id_from_stat(&id_big, &st);
	stat(src_mid, &st);
	bundle_file_id_from_stat(&id_mid, &st);
	memset(&stats, 0, sizeof stats);

	for (pass = 0; pass < 2; pass++) {
		const char *out = pass ? out_b : out_a;
		enum vv_err err = bundle_writer_new(out, &w);

		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "manifest.xml", "<x/>",
						       4);
		if (err == VV_OK)
			err = pass ? bundle_writer_add_file(w, "media/big",
							    src_big, n_big,
							    sha_big)
				   : bundle_writer_add_file_id(w, "media/big",
							       src_big,
							       &id_big);
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "media/small", "abc",
						       3);
		if (err == VV_OK)
			err = pass ? bundle_writer_add_file(w, "media/mid",
							    src_mid, n_mid,
							    sha_mid)
				   : bundle_writer_add_file_id(w, "media/mid",
							       src_mid,
							       &id_mid);
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "manifest.sha256",
						       "x", 1);
		if (err == VV_OK && !pass)
			bundle_writer_stats(w, &stats);
		if (err == VV_OK)
			err = bundle_writer_commit(w, NULL, NULL);
		else
			bundle_writer_abort(w);
		CHECK(err == VV_OK, pass ? "write with hashed copies"
					 : "write with kernel copies");
	}
	a = slurp(out_a, &na);
	b = slurp(out_b, &nb);
	CHECK(a && b && na == nb && memcmp(a, b, na) == 0,
	      "kernel copies and hashed copies give the same bytes");
	CHECK(a && check_layout(a, na, &members, &pads) == 0 &&
	      members == 5 && pads == 2,
	      "big members start block-aligned after .pad members, a valid "
	      "tar");
	CHECK(stats.cloned + stats.copied_in_kernel == n_big + n_mid &&
	      stats.copied_by_read == 0,
	      "file members go through the kernel (clone or "
	      "copy_file_range), not a read loop");
	free(a);
	free(b);

	/* A small file member copied by the kernel has the very bytes
	 * libarchive writes for the same member from a buffer: the header
	 * (size, checksum) made for the raw path is libarchive's. */
	for (pass = 0; pass < 2; pass++) {
		const char *out = pass ? out_b : out_a;
		struct bundle_file_id id;
		enum vv_err err;

		spit(src_mid, mid, 1300);
		stat(src_mid, &st);
		bundle_file_id_from_stat(&id, &st);
		err = bundle_writer_new(out, &w);
		if (err == VV_OK)
			err = bundle_writer_add_buffer(w, "manifest.xml", "<x/>",
						       4);
		if (err == VV_OK)
			err = pass ? bundle_writer_add_buffer(w, "media/s", mid,
							      1300)
				   : bundle_writer_add_file_id(w, "media/s",
							       src_mid, &id);
		if (err == VV_OK)
			err = bundle_writer_commit(w, NULL, NULL);
		else
			bundle_writer_abort(w);
	}
	a = slurp(out_a, &na);
	b = slurp(out_b, &nb);
	CHECK(a && b && na == nb && memcmp(a, b, na) == 0,
	      "a kernel-copied member has libarchive's header, byte for byte");
	free(a);
	free(b);
	free(big);
	free(mid);
	unlink(src_big);
	unlink(src_mid);
	unlink(out_a);
	unlink(out_b);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	fill_media();
	test_round_trip();
	test_reproducible();
	test_every_flipped_byte();
	test_shapes();
	test_hostile_names();
	test_writer_failures();
	test_file_id();
	test_special_files();
	test_aligned_members();
	unlink(path);
	if (rmdir(dir) != 0)
		printf("FAIL test directory left non-empty: %s\n", dir);
	return CHECK_DONE();
}
