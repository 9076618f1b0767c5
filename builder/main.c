/* veiviser-build: compiles a pack into bundles. Placeholder entry point
 * until the subcommands land. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("veiviser-build %s\n", VV_VERSION);
		return 0;
	}
	printf("usage: veiviser-build COMMAND ...\n");
	return argc > 1 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
}
