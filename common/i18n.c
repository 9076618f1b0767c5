/* i18n: locale and text domain set-up shared by the programs. */
#include "common/i18n.h"

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

/* LANG=nb_NO.UTF-8 on a system without that locale: setlocale() leaves
 * "C", where gettext would answer in English, so name the language
 * through LANGUAGE instead ("nb_NO:nb"). */
static void language_from_env(void)
{
	const char *lang = getenv("LANGUAGE");
	const char *env = getenv("LC_ALL");
	char code[64], buf[160];
	size_t n;

	if (lang && *lang)
		return;
	if (!env || !*env)
		env = getenv("LC_MESSAGES");
	if (!env || !*env)
		env = getenv("LANG");
	n = env ? strcspn(env, ".@") : 0;
	if (n == 0 || n >= sizeof code || strncmp(env, "C", n) == 0 ||
	    strncmp(env, "POSIX", n) == 0)
		return;
	memcpy(code, env, n);
	code[n] = 0;
	n = strcspn(code, "_");
	snprintf(buf, sizeof buf, "%s:%.*s", code, (int)n, code);
	setenv("LANGUAGE", buf, 1);
}

const char *vv_i18n_init(void)
{
	const char *cur = setlocale(LC_ALL, "");

	/* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 lets it work
	 * on systems without other locales. */
	if (!cur || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	language_from_env();
	setlocale(LC_NUMERIC, "C");
	find_dir();
	bindtextdomain("veiviser", locale_dir);
	bind_textdomain_codeset("veiviser", "UTF-8");
	textdomain("veiviser");
	return locale_dir;
}
