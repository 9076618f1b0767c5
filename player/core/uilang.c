/* uilang: run-time switching of the gettext interface language. */
#include "player/core/uilang.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"

static const char *locale_dir = "";
static char startup_language[256];
static int have_startup_language;

void uilang_init(void)
{
	const char *lang;

	locale_dir = vv_i18n_init();
	lang = getenv("LANGUAGE");
	if (lang && *lang) {
		snprintf(startup_language, sizeof startup_language, "%s", lang);
		have_startup_language = 1;
	} else {
		/* Put in now, before any thread: uilang_set() then only
		 * replaces its value, which glibc does in place, while
		 * adding a variable reallocates the environment under
		 * threads that translate (gettext reads LANGUAGE). Empty is
		 * unset to gettext. */
		setenv("LANGUAGE", "", 1);
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
	} else {
		setenv("LANGUAGE", have_startup_language ? startup_language :
		       "", 1);
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
