/*
 * cmd-sql.c: tend sql [--write]: SQL from standard input on the vault.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tend/fileio.h"
#include "tend/store.h"
#include "tend/vault.h"

#define SQL_MAX (64u << 20)

int
cmd_sql(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_GLOBAL_LONGOPTS,
		{ "write", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_find("sql");
	struct vault *v;
	char *sql;
	size_t len;
	int opt, write = 0, rc;

	opterr = 0;
	while ((opt = cli_getopt(argc, argv, ":f:h", longopts)) != -1) {
		if (opt == '!')
			return 2;
		if (cli_global_option(c, opt, optarg))
			continue;
		if (opt == 'w')
			write = 1;
		else if (opt == 'h') {
			cli_print_usage(cmd, stdout);
			return 0;
		} else
			return cli_bad_option(cmd, opt, argv, longopts);
	}
	if (optind != argc)
		return cli_too_many_args(cmd, 0);
	if (cli_open_vault(c, write ? VAULT_WRITE : 0, &v) != 0)
		return 1;
	if (file_read_all("-", &sql, &len, SQL_MAX, &c->err) != 0) {
		vault_close(v);
		return 1;
	}
	if (strlen(sql) != len) {
		err_set(&c->err, "the SQL on standard input contains a NUL byte");
		rc = -1;
	} else
		rc = store_sql_run(v, sql, write, stdout, &c->err);
	vault_wipe(sql, len);
	free(sql);
	vault_close(v);
	return rc == 0 ? 0 : 1;
}
