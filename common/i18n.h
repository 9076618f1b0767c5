/* i18n: gettext for user-visible strings of every program.
 * The text domain is "veiviser"; catalogues come from locales/. */
#ifndef VV_COMMON_I18N_H
#define VV_COMMON_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s

/* Sets the locale from the environment, keeping LC_NUMERIC "C" (numbers
 * in manifests, reports and logs use '.'), and binds the text domain to
 * $VV_LOCALEDIR when set, else to the build tree's locale folder when the
 * program runs from it (<dir of the executable>/locale), else to the
 * installed one. Without $LANGUAGE, it names the language of LC_ALL,
 * LC_MESSAGES or LANG through $LANGUAGE ("nb_NO:nb"), and when that
 * locale does not exist on the system (only C.UTF-8 generated, as on a
 * kiosk image or in CI) it runs in C.UTF-8: the messages are translated
 * all the same. Returns
 * the folder bound (static). Call once at start, before any _(). */
const char *vv_i18n_init(void);

#endif
