/* uilang: run-time switching of the gettext interface language. */
#include "player/core/uilang.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef VV_LOCALEDIR
#define VV_LOCALEDIR "/usr/local/share/locale"
#endif

static char locale_dir[PATH_MAX];
static char startup_language[256];
static int have_startup_language;

static void find_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *env = getenv("VV_LOCALEDIR");
	struct stat st;

	if (env && *env) {
		snprintf(locale_dir, sizeof locale_dir, "%s", env);
		return;
	}
	if (n > 0) {
		char *slash;

		exe[n] = 0;
		slash = strrchr(exe, '/');
		if (slash) {
			snprintf(slash, sizeof exe - (size_t)(slash - exe),
				 "/locale");
			if (stat(exe, &st) == 0 && S_ISDIR(st.st_mode)) {
				snprintf(locale_dir, sizeof locale_dir, "%s",
					 exe);
				return;
			}
		}
	}
	snprintf(locale_dir, sizeof locale_dir, "%s", VV_LOCALEDIR);
}

void uilang_init(void)
{
	const char *cur = setlocale(LC_ALL, "");
	const char *lang = getenv("LANGUAGE");

	/* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 lets it work
	 * on systems without other locales (a kiosk image, CI). */
	if (!cur || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	setlocale(LC_NUMERIC, "C");
	find_dir();
	bindtextdomain("veiviser", locale_dir);
	bind_textdomain_codeset("veiviser", "UTF-8");
	textdomain("veiviser");
	if (lang && *lang) {
		snprintf(startup_language, sizeof startup_language, "%s", lang);
		have_startup_language = 1;
	} else {
		/* LANG=nb_NO.UTF-8 on a system without that locale: gettext
		 * would fall back to English, so name the language through
		 * LANGUAGE instead ("nb_NO:nb"). */
		const char *env = getenv("LC_ALL");
		char code[64];
		size_t n;

		if (!env || !*env)
			env = getenv("LC_MESSAGES");
		if (!env || !*env)
			env = getenv("LANG");
		n = env ? strcspn(env, ".@") : 0;
		if (n > 0 && n < sizeof code && strncmp(env, "C", n) != 0 &&
		    strncmp(env, "POSIX", n) != 0) {
			memcpy(code, env, n);
			code[n] = 0;
			n = strcspn(code, "_");
			snprintf(startup_language, sizeof startup_language,
				 "%s:%.*s", code, (int)n, code);
			have_startup_language = 1;
			setenv("LANGUAGE", startup_language, 1);
		}
	}
}

void uilang_set(const char *code)
{
	if (code) {
		char buf[64];

		/* Falling back to English keeps a half-translated interface
		 * readable for more people than the msgid language would. */
		snprintf(buf, sizeof buf, "%s:en", code);
		if (strcmp(code, "nb") == 0 || strcmp(code, "nn") == 0)
			snprintf(buf, sizeof buf, "%s:nb:en", code);
		setenv("LANGUAGE", buf, 1);
	} else if (have_startup_language) {
		setenv("LANGUAGE", startup_language, 1);
	} else {
		unsetenv("LANGUAGE");
	}
	/* gettext caches its answers; textdomain(3) tells it the catalogues
	 * may have changed (glibc and GNU libintl drop the cache on every
	 * successful call), so the next _() looks the new language up. */
	textdomain("veiviser");
}

const char *uilang_dir(void)
{
	return locale_dir;
}
