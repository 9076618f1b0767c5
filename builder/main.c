/* veiviser-build: compiles a pack into bundles; dispatches subcommands. */
#include <stdio.h>
#include <string.h>

#include "builder/commands.h"
#include "common/args.h"
#include "common/err.h"
#include "common/i18n.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
};

static const struct command commands[] = {
	{ "pot", cmd_pot, N_("pot PACKDIR                 write PACKDIR/po/pack.pot") },
	{ "update-po", cmd_update_po, N_("update-po PACKDIR           merge the POT into PACKDIR/po/*.po") },
	{ "check", cmd_check, N_("check PACKDIR [--json]      quality report; exit 0 clean, 1 problems, 2 error") },
	{ "build", cmd_build, N_("build PACKDIR -o OUTDIR [--lang L,..] [--level X,..] [--strict] [-j N] [--json FILE] [--sign KEY]") },
	{ "verify", cmd_verify, N_("verify BUNDLE... [--trust DIR] [-p KEY.pub]\n                              exit 0 when every bundle is intact (and signed by a given key)") },
	{ "info", cmd_info, N_("info BUNDLE                 summary of a bundle's manifest") },
	{ "import", cmd_import, N_("import DECK -o PACKDIR      a pack from a PowerPoint or Impress deck") },
	{ "keygen", cmd_keygen, N_("keygen [-s KEY] [-p KEY.pub] an Ed25519 key pair in minisign's formats") },
	{ "sign", cmd_sign, N_("sign BUNDLE... --key KEY    sign bundles (a last member over manifest.sha256)") },
	{ "publish", cmd_publish, N_("publish BUNDLE... -o SITEDIR --key KEY [--expires DAYS]\n                              a signed catalogue and its bundles for a web server") },
	{ "catalogue", cmd_catalogue, N_("catalogue SITEDIR [-p KEY.pub]\n                              what a site offers, by pack, language and level") },
	{ "new", cmd_new, N_("new PACKDIR                 a minimal pack to start from (docs/minimal-pack)") },
};

static void usage(FILE *to)
{
	size_t i;

	fprintf(to, _("usage: veiviser-build COMMAND [ARGS]\n\ncommands:\n"));
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(to, "  %s\n", _(commands[i].usage));
	fprintf(to, _("\nveiviser-build --help | --version\n"));
}

enum { OPT_VERSION = 256 };

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

int main(int argc, char **argv)
{
	size_t i;
	int c;

	vv_i18n_init();
	/* Options before the command; "+": the command's own start there. */
	args_begin();
	while ((c = args_next(argc, argv, "+h", long_options,
			      "veiviser-build")) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return vv_stdout_close() != 0 ? 2 : 0;
		case OPT_VERSION:
			printf("veiviser-build %s\n", VV_VERSION);
			return vv_stdout_close() != 0 ? 2 : 0;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[optind], commands[i].name) == 0) {
			int rc = commands[i].run(argc - optind, argv + optind);

			/* A report that did not reach its reader is an output
			 * error (2), whatever the command found. */
			return vv_stdout_close() != 0 ? 2 : rc;
		}
	fprintf(stderr, _("veiviser-build: unknown command '%s'; "
			  "run 'veiviser-build --help'\n"), argv[optind]);
	return 2;
}
