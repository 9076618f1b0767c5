/* Shared by test_media*.c: makes clips with the ffmpeg CLI in a temporary
 * directory, and embeds a file in a larger one (as in a bundle). */
#ifndef VV_TESTS_MEDIA_FIXTURE_H
#define VV_TESTS_MEDIA_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fixture_dir[256];

static const char *fixture_tmpdir(void)
{
	if (!fixture_dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(fixture_dir, sizeof(fixture_dir), "%s/vvmediaXXXXXX",
			 t ? t : "/tmp");
		if (!mkdtemp(fixture_dir))
			fixture_dir[0] = '\0';
	}
	return fixture_dir;
}

static void fixture_cleanup(void)
{
	if (fixture_dir[0]) {
		char cmd[320];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fixture_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", fixture_dir);
	}
}

/* Runs `ffmpeg -y -loglevel error ARGS OUT` into the temp dir; returns
 * the path (static buffer per call site: copy it) or NULL. */
static const char *fixture_make(const char *name, const char *args,
				char *path, size_t size)
{
	snprintf(path, size, "%s/%s", fixture_tmpdir(), name);
	char cmd[2048];
	snprintf(cmd, sizeof(cmd),
		 "ffmpeg -nostdin -y -loglevel error %s '%s'", args, path);
	if (system(cmd) != 0) {
		printf("FAIL fixture %s: ffmpeg failed: %s\n", name, cmd);
		return NULL;
	}
	return path;
}

static long long fixture_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* Writes `prefix` junk bytes, the file, and 1000 junk bytes into `out`;
 * the member then sits at offset `prefix`. Returns 0. */
static int fixture_embed(const char *file, const char *out, long prefix)
{
	FILE *in = fopen(file, "rb"), *o = fopen(out, "wb");
	if (!in || !o) {
		if (in)
			fclose(in);
		if (o)
			fclose(o);
		return -1;
	}
	for (long i = 0; i < prefix; i++)
		fputc((int)(i * 7 % 251), o);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, o);
	for (int i = 0; i < 1000; i++)
		fputc(0x47, o);
	fclose(in);
	return fclose(o) == 0 ? 0 : -1;
}

#endif
