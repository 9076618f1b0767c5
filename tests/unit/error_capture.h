/* error_capture: lets a unit test read the first line vv_error() printed.
 * Include it once in a test program, install with
 * vv_error_set_hook(capture_error, NULL), and reset n_errors (and
 * first_error[0]) before each case. */
#ifndef VV_TESTS_ERROR_CAPTURE_H
#define VV_TESTS_ERROR_CAPTURE_H

#include <stdio.h>

static char first_error[1400];
static int n_errors;

/* Counts every line; keeps the first, cut to fit. */
static void capture_error(const char *line, void *user)
{
	(void)user;
	if (!n_errors++)
		snprintf(first_error, sizeof first_error, "%s", line);
}

#endif
