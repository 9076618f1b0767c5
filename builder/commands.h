/* commands: one entry point per veiviser-build subcommand. Each takes the
 * arguments after the subcommand name (argv[0] is the subcommand) and
 * returns the process exit code: 0 success, 1 problems found (check,
 * verify), 2 usage or I/O error. */
#ifndef VV_BUILDER_COMMANDS_H
#define VV_BUILDER_COMMANDS_H

int cmd_pot(int argc, char **argv);       /* builder/pot.c */
int cmd_update_po(int argc, char **argv); /* builder/pot.c */
int cmd_check(int argc, char **argv);     /* builder/check.c */
int cmd_build(int argc, char **argv);     /* builder/build.c */
int cmd_verify(int argc, char **argv);    /* builder/inspect.c */
int cmd_info(int argc, char **argv);      /* builder/inspect.c */
int cmd_new(int argc, char **argv);       /* builder/new.c */
int cmd_import(int argc, char **argv);    /* builder/import.c */
int cmd_keygen(int argc, char **argv);    /* builder/sign_bundle.c */
int cmd_sign(int argc, char **argv);      /* builder/sign_bundle.c */
int cmd_publish(int argc, char **argv);   /* builder/publish.c */
int cmd_catalogue(int argc, char **argv); /* builder/publish.c */

#endif
