/* import_render: pictures of slides whose content is not text (charts,
 * tables, SmartArt, equations), made by LibreOffice (soffice --headless
 * converts the deck to PDF, with its own throw-away profile) and poppler
 * (pdftoppm turns one page into PNG). Neither is linked: both run as
 * child processes, and --render says what to install when one is
 * missing. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

static unsigned time_limit = IMPORT_RENDER_TIMEOUT;

void import_render_set_timeout(unsigned seconds)
{
	time_limit = seconds;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A signal that would stop the import while a child runs: the child is
 * in a process group of its own, which the terminal's Ctrl-C does not
 * reach, so run() stops it and then lets the signal act. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* Runs argv in a process group of its own with its output and errors to
 * /dev/null; returns its exit status, -1 when it could not run or was
 * killed, -2 when it ran past the time limit (then its whole group, which
 * holds what it started, is killed). */
static int run(const char *const argv[])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	pid_t pid, r;
	int status = 0, e;
	double end;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	e = posix_spawnp(&pid, argv[0], &fa, &attr, (char *const *)argv,
			 environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (e)
		return -1;
	{
		static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
		struct sigaction sa, old_sa[3];
		int i, rc = 0;

		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_stop;
		sigemptyset(&sa.sa_mask);
		stop_signal = 0;
		for (i = 0; i < 3; i++) {
			sigaction(sigs[i], &sa, &old_sa[i]);
			if (old_sa[i].sa_handler == SIG_IGN)
				sigaction(sigs[i], &old_sa[i], NULL);
		}
		end = now() + time_limit;
		for (;;) {
			const struct timespec nap = { 0, 20 * 1000 * 1000 };

			r = waitpid(pid, &status, WNOHANG);
			if (r == pid) {
				rc = WIFEXITED(status) ? WEXITSTATUS(status)
						       : -1;
				break;
			}
			if (r < 0 && errno != EINTR) {
				rc = -1;
				break;
			}
			if (stop_signal || now() >= end) {
				kill(-pid, SIGKILL);
				while (waitpid(pid, &status, 0) < 0 &&
				       errno == EINTR)
					;
				rc = stop_signal ? -1 : -2;
				break;
			}
			nanosleep(&nap, NULL);
		}
		for (i = 0; i < 3; i++)
			sigaction(sigs[i], &old_sa[i], NULL);
		if (stop_signal)
			raise(stop_signal);
		return rc;
	}
}

/* One line naming `name` when run() returned -2 (the time limit), and
 * returns 1; else returns 0. */
static int timed_out(int r, const char *name, const char *program)
{
	if (r != -2)
		return 0;
	vv_error(name, 0, _("%s did not finish within %u s and was stopped "
			    "(hung?); try again, or allow more time with "
			    "--render-timeout"), program, time_limit);
	return 1;
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
		int r = run(full);

		if (r != 0) {
			if (!timed_out(r, deck, "LibreOffice"))
				vv_error(deck, 0, _("LibreOffice could not "
						    "convert the deck to PDF "
						    "for --render"));
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
	int r;

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
	r = run(argv);
	if (timed_out(r, pdf, "pdftoppm"))
		return -1;
	if (r != 0 || access(png, R_OK) != 0) {
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
	int r;

	if (!on_path("rsvg-convert")) {
		vv_error(name, 0, _("an SVG picture needs rsvg-convert; "
				    "install librsvg2-bin"));
		return -1;
	}
	r = run(argv);
	if (timed_out(r, name, "rsvg-convert"))
		return -1;
	if (r != 0 || access(png, R_OK) != 0) {
		vv_error(name, 0, _("librsvg could not draw this SVG picture; "
				    "save it as PNG in the deck"));
		return -1;
	}
	return 0;
}
