/*
 * cmd-jot.c: tend jot: a note for the journal without the passphrase.
 *
 * The text is sealed to the public key in the vault's header and appended
 * to the inbox beside it (src/vault/inbox.c); the next unlock that may
 * write brings it in.  No passphrase is asked for, and nothing here can
 * read a note back.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/inbox.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

/* Whether s (n bytes) holds anything but white space. */
static int
has_words(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strchr(" \t\r\n\f\v", s[i]) == NULL)
			return 1;
	return 0;
}

int
cmd_jot(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = cli_find(argv[0]);
	time_t now = time(NULL);
	char *text;
	size_t len;
	int opt, nargs, rc;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, longopts)) != -1) {
		if (opt == 'h') {
			cli_print_usage(cmd, stdout);
			return 0;
		}
		return cli_bad_option(cmd, opt, argv, longopts);
	}
	nargs = argc - optind;
	if (c->vault_path == NULL)
		c->vault_path = c->file ? xstrdup(c->file) :
		    vault_default_path();
	if (nargs == 0 || (nargs == 1 && strcmp(argv[optind], "-") == 0))
		text = cli_read_stdin_text(c);
	else
		text = cli_join_args(nargs, argv + optind);
	if (text == NULL)
		return 1;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (!has_words(text, len)) {
		cli_free_text(text);
		return cli_error(c, "the note is empty: nothing was jotted");
	}
	rc = inbox_jot(c->vault_path, text, len, now, time_offset(now),
	    &c->err);
	cli_free_text(text);
	if (rc != 0)
		return 1;
	printf("jotted a note; it comes into your journal at the next "
	    "unlock\n");
	return 0;
}
