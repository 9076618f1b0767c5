/* args: command-line options through getopt_long(), for both programs,
 * with the one-line translated messages of the command-line contract:
 * unknown options are called unknown, a missing value is named, and an
 * option is never taken as another option's value ("--lang --headless"). */
#ifndef VV_COMMON_ARGS_H
#define VV_COMMON_ARGS_H

#include <getopt.h>

/* Starts a fresh scan: the next args_next() reads argv from argv[1]. */
void args_begin(void);

/* Returns the next option of argv like getopt_long(argc, argv, shortopts,
 * longopts, NULL) (with GNU argument permutation, --name=value and
 * abbreviations), -1 after the last option (the operands are then
 * argv[optind..argc-1]), or '?' after printing one line to stderr for an
 * unknown option, a missing value, a value that is an option (starts with
 * "--") or a value given to an option that takes none. `program` is what
 * the message tells the user to run with --help, e.g. "veiviser-build
 * build". Borrows everything; uses getopt's global state (not
 * thread-safe). `shortopts` may start with '+' (stop at the first operand)
 * but not with ':'; '?' must not be an option. */
int args_next(int argc, char **argv, const char *shortopts,
	      const struct option *longopts, const char *program);

/* For commands whose only option is --help (-h): scans argv afresh;
 * returns 0 after printing `usage` and a newline to stdout for --help, 2
 * after a one-line message for any other option, and -1 otherwise, with
 * the operands in argv[optind..argc-1]. Borrows everything. */
int args_help_only(int argc, char **argv, const char *program,
		   const char *usage);

/* For operands that are missing or one too many: prints one line,
 * "PROGRAM: give WHAT; run 'PROGRAM --help'", or, when `unexpected` is
 * not NULL, "PROGRAM: unexpected argument 'UNEXPECTED'; ..." to stderr,
 * and returns 2 (the usage-error exit status). `what` is already
 * translated ("PACKDIR and -o OUTDIR"). Borrows everything. */
int args_operands_error(const char *program, const char *what,
			const char *unexpected);

#endif
