/* i18n: gettext for user-visible strings of both programs.
 * The text domain is "veiviser"; catalogues come from locales/. */
#ifndef VV_COMMON_I18N_H
#define VV_COMMON_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s

#endif
