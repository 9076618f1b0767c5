/* args: getopt_long() with one-line messages; see args.h. */
#include "common/args.h"

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/i18n.h"

void args_begin(void)
{
	optind = 0;     /* glibc: reinitialise, then start at argv[1] */
	opterr = 0;     /* the messages below instead of getopt's own */
}

/* The long option named by `arg` ("--name" or "--name=value", possibly
 * abbreviated), or NULL. */
static const struct option *find_long(const struct option *longopts,
				      const char *arg)
{
	size_t len = strcspn(arg + 2, "=");
	const struct option *found = NULL;
	size_t i;

	for (i = 0; longopts && longopts[i].name; i++) {
		if (strncmp(longopts[i].name, arg + 2, len) != 0)
			continue;
		if (strlen(longopts[i].name) == len)
			return &longopts[i];
		found = found ? NULL : &longopts[i];
	}
	return found;
}

int args_next(int argc, char **argv, const char *shortopts,
	      const struct option *longopts, const char *program)
{
	char opts[64];
	const char *arg;
	int c, index = -1;

	/* ':' first (after a '+' or '-' ordering mark): a missing value
	 * returns ':' instead of '?'. */
	if (*shortopts == '+' || *shortopts == '-')
		c = snprintf(opts, sizeof opts, "%c:%s", *shortopts,
			     shortopts + 1);
	else
		c = snprintf(opts, sizeof opts, ":%s", shortopts);
	if (c < 0 || c >= (int)sizeof opts)
		return '?';
	c = getopt_long(argc, argv, opts, longopts, &index);
	if (c == -1)
		return -1;
	arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (c == ':') {
		if (optopt > 0 && optopt < 256 && strncmp(arg, "--", 2) != 0)
			vv_error(NULL, 0, _("-%c needs a value; run '%s "
					    "--help'"), optopt, program);
		else
			vv_error(NULL, 0, _("%s needs a value; run '%s "
					    "--help'"), arg, program);
		return '?';
	}
	if (c == '?') {
		if (strncmp(arg, "--", 2) == 0) {
			const struct option *o = find_long(longopts, arg);
			size_t len = strcspn(arg, "=");

			if (o && arg[len] == '=' && o->has_arg == no_argument)
				vv_error(NULL, 0, _("%s takes no value; run "
						    "'%s --help'"), arg,
					 program);
			else
				vv_error(NULL, 0, _("unknown option %.*s; run "
						    "'%s --help'"), (int)len,
					 arg, program);
		} else {
			vv_error(NULL, 0, _("unknown option -%c; run '%s "
					    "--help'"), optopt, program);
		}
		return '?';
	}
	if (optarg && optarg[0] == '-' && optarg[1] == '-') {
		if (index >= 0)
			vv_error(NULL, 0, _("--%s needs a value, not the "
					    "option %s; run '%s --help'"),
				 longopts[index].name, optarg, program);
		else
			vv_error(NULL, 0, _("-%c needs a value, not the "
					    "option %s; run '%s --help'"), c,
				 optarg, program);
		return '?';
	}
	return c;
}

int args_help_only(int argc, char **argv, const char *program,
		   const char *usage)
{
	static const struct option help[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	args_begin();
	while ((c = args_next(argc, argv, "h", help, program)) != -1) {
		if (c != 'h')
			return 2;
		printf("%s\n", usage);
		return 0;
	}
	return -1;
}

int args_operands_error(const char *program, const char *what,
			const char *unexpected)
{
	if (unexpected)
		fprintf(stderr, _("%s: unexpected argument '%s'; run '%s "
				  "--help'\n"), program, unexpected, program);
	else
		fprintf(stderr, _("%s: give %s; run '%s --help'\n"), program,
			what, program);
	return 2;
}
