/*
 * cmd-export.c: tend export, one command for both kinds of export:
 *
 *   export -o OUT --format md|json|csv|html [--yes] [--since D]
 *          [--until D] [--all]      a plaintext export (cmd-export-plain.c)
 *   export -o OUT [--to NAME|KEY]... [--share-passphrase] [--since D]
 *          [--until D] [--all]      an encrypted bundle for the therapist
 *
 * --format decides which: this function only looks for it and hands the
 * whole argument list on.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int
cmd_export(struct cli *c, int argc, char **argv)
{
	int i;

	if (cli_export_wants_plain(argc, argv))
		return cli_export_plain(c, argc, argv);
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			cli_print_usage(cli_find("export"), stdout);
			return 0;
		}
	/* Encrypted bundles come with the share layer's export command. */
	return cli_error(c, "encrypted bundles are not in this build yet; "
	    "--format md|json|csv|html writes a plaintext export");
}
