/* import_render: pictures of slides whose content is not text (charts,
 * tables, SmartArt, equations), made by LibreOffice (soffice --headless
 * converts the deck to PDF, with its own throw-away profile) and poppler
 * (pdftoppm turns one page into PNG). Neither is linked: both run as
 * child processes, and --render says what to install when one is
 * missing. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "builder/import_render.h"
#include "common/err.h"
#include "common/i18n.h"
#include "common/path.h"

extern char **environ;

/* Returns 1 when `program` is an executable file on PATH. */
static int on_path(const char *program)
{
	const char *path = getenv("PATH");
	char buf[4096];

	while (path && *path) {
		size_t n = strcspn(path, ":");

		if (snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path,
			     program) < (int)sizeof buf &&
		    access(buf, X_OK) == 0)
			return 1;
		path += n;
		if (*path == ':')
			path++;
	}
	return 0;
}

int import_render_available(const char *deck)
{
	if (!on_path("soffice")) {
		vv_error(deck, 0, _("--render needs LibreOffice (soffice); "
				    "install libreoffice-impress, or import "
				    "without --render"));
		return 0;
	}
	if (!on_path("pdftoppm")) {
		vv_error(deck, 0, _("--render needs pdftoppm; install "
				    "poppler-utils, or import without "
				    "--render"));
		return 0;
	}
	return 1;
}

/* Runs argv with its output and errors to /dev/null; returns its exit
 * status, or -1 when it could not run or was killed. */
static int run(const char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = 0, e;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	e = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			 environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *import_render_pdf(const char *deck, const char *workdir)
{
	char profile[4200], *pdf = NULL, *abs = NULL;
	const char *base = strrchr(deck, '/'), *dot;
	const char *argv[8];
	size_t n;

	base = base ? base + 1 : deck;
	dot = strrchr(base, '.');
	n = dot ? (size_t)(dot - base) : strlen(base);
	abs = realpath(workdir, NULL);
	if (!abs)
		return NULL;
	snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s/"
		 "profile", abs);
	argv[0] = "soffice";
	argv[1] = profile;
	argv[2] = "--headless";
	argv[3] = "--convert-to";
	argv[4] = "pdf";
	argv[5] = "--outdir";
	argv[6] = abs;
	argv[7] = NULL;
	{
		const char *full[9];
		int i;

		for (i = 0; i < 7; i++)
			full[i] = argv[i];
		full[7] = deck;
		full[8] = NULL;
		if (run(full) != 0) {
			vv_error(deck, 0, _("LibreOffice could not convert "
					    "the deck to PDF for --render"));
			free(abs);
			return NULL;
		}
	}
	pdf = malloc(strlen(abs) + n + 8);
	if (pdf)
		sprintf(pdf, "%s/%.*s.pdf", abs, (int)n, base);
	free(abs);
	if (pdf && access(pdf, R_OK) != 0) {
		vv_error(deck, 0, _("LibreOffice made no PDF of the deck for "
				    "--render"));
		free(pdf);
		return NULL;
	}
	return pdf;
}

int import_render_page(const char *pdf, int page, const char *png)
{
	char num[16], prefix[4200];
	const char *argv[12];
	size_t n = strlen(png);

	/* pdftoppm -singlefile adds ".png" to the prefix. */
	if (n < 5 || n - 4 >= sizeof prefix || strcmp(png + n - 4, ".png"))
		return -1;
	memcpy(prefix, png, n - 4);
	prefix[n - 4] = '\0';
	snprintf(num, sizeof num, "%d", page);
	argv[0] = "pdftoppm";
	argv[1] = "-png";
	argv[2] = "-singlefile";
	argv[3] = "-scale-to";
	argv[4] = "1920";
	argv[5] = "-f";
	argv[6] = num;
	argv[7] = "-l";
	argv[8] = num;
	argv[9] = pdf;
	argv[10] = prefix;
	argv[11] = NULL;
	if (run(argv) != 0 || access(png, R_OK) != 0) {
		vv_error(pdf, 0, _("pdftoppm could not make a picture of page "
				   "%d for --render"), page);
		return -1;
	}
	return 0;
}

int import_render_svg(const char *svg, const char *png, const char *name)
{
	const char *argv[] = { "rsvg-convert", "--width", "1920",
			       "--keep-aspect-ratio", "--format", "png",
			       "--output", png, svg, NULL };

	if (!on_path("rsvg-convert")) {
		vv_error(name, 0, _("an SVG picture needs rsvg-convert; "
				    "install librsvg2-bin"));
		return -1;
	}
	if (run(argv) != 0 || access(png, R_OK) != 0) {
		vv_error(name, 0, _("librsvg could not draw this SVG picture; "
				    "save it as PNG in the deck"));
		return -1;
	}
	return 0;
}
