/*
 * main.c: tend's entry point: global options, the command table, help.
 *
 * Exit status: 0 success, 1 a user-facing error (one line on stderr),
 * 2 a usage error.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/ui.h"
#include "tend/vault.h"

static const struct command commands[] = {
	{ "init", cmd_init, "[--kdf interactive|moderate|sensitive|minimal] "
	    "[--recovery-key-file F]", "create a new vault" },
	{ "passwd", cmd_passwd, "[--new-passphrase-file F] [--kdf PROFILE] "
	    "[--rekey [--recovery-key-file F]]",
	    "change the passphrase" },
	{ "recover", cmd_recover, "[--recovery-key-file F] "
	    "[--new-passphrase-file F] [--kdf PROFILE] [--rekey "
	    "[--new-recovery-key-file F]]",
	    "set a new passphrase with the recovery key" },
	{ "rekey", cmd_rekey, "[--recovery-key-file F]",
	    "re-encrypt everything under a new key (and a new recovery key)" },
	{ "recovery-key", cmd_recovery_key, "new [--recovery-key-file F]",
	    "replace the recovery key" },
	{ "verify", cmd_verify, "", "check every page of the vault" },
	{ "backup", cmd_backup, "[DEST]", "write a verified encrypted copy" },
	{ "sql", cmd_sql, "[--write]", "run SQL from standard input" },
	{ "add", cmd_add, "[--title T] [--tag T]... [--kind K] [--share] "
	    "[--date D] [TEXT | -]", "write an entry ('tend add -' reads stdin "
	    "and keeps it out of shell history)" },
	{ "jot", cmd_jot, "[TEXT | -]", "a note without the passphrase, "
	    "sealed until the next unlock ('tend jot -' or just 'tend jot' "
	    "keeps it out of shell history)" },
	{ "edit", cmd_edit, "ID", "replace an entry's text with stdin (the "
	    "earlier text is kept)" },
	{ "rm", cmd_rm, "ID", "move an entry to the trash" },
	{ "restore", cmd_restore, "ID", "bring an entry back from the trash" },
	{ "trash", cmd_trash, "[empty] [--json]",
	    "list the trash, or delete what is in it for good" },
	{ "checkin", cmd_checkin, "--mood N [--anxiety N] [--sleep N] "
	    "[--energy N] [--connection N] [--sleep-hours H] [--symptom S]... "
	    "[--note T] [--date D] [--safety yes|no] [--share|--private] | "
	    "edit ID [the same options; none clears one] | rm ID [--yes] | "
	    "list [--since D] [--until D] [--json]",
	    "record how you are (scales 0-10), or change, delete or list "
	    "check-ins" },
	{ "list", cmd_list, "[--since D] [--until D] [--kind K] [--tag T] "
	    "[--json]", "list entries, oldest first" },
	{ "show", cmd_show, "ID [--json]", "show one entry" },
	{ "search", cmd_search, "QUERY [--json]", "find entries by words" },
	{ "session", cmd_session, "add --kind KIND --date D [--title T] | "
	    "list [--json] | rm ID", "the sessions of your treatment" },
	{ "agenda", cmd_agenda, "add TEXT | list [--json] | done ID | "
	    "undone ID",
	    "things to bring to the next session" },
	{ "tags", cmd_tags, "[--json]", "the tags in use" },
	{ "stats", cmd_stats, "[--json]",
	    "counts, mood by phase and week, check-in streak" },
	{ "identity", cmd_identity, "new [--kdf PROFILE] [--identity F] | "
	    "show [--identity F]",
	    "a therapist's key pair, for receiving bundles" },
	{ "therapist", cmd_therapist, "add NAME KEY | list [--json] | rm NAME",
	    "the therapists you share with" },
	{ "export", cmd_export, "-o OUT [--to NAME|KEY]... "
	    "[--share-passphrase] [--since D] [--until D] [--all] | "
	    "-o OUT --format md|json|csv|html [--yes] [--since D] [--until D] "
	    "[--all]",
	    "write an encrypted, signed bundle for your therapist, or (with "
	    "--format) plain text after a yes" },
	{ "review", cmd_review, "BUNDLE [--json|--md] [--identity F] "
	    "[--share-passphrase-file F] [-o OUT --format md|json|csv|html "
	    "[--yes]]",
	    "open a patient's bundle (therapists)" },
	{ "patient", cmd_patient, "add NAME FINGERPRINT|BUNDLE [--identity F] "
	    "[--share-passphrase-file F] | list [--json] | rm NAME",
	    "the patients you know by their journal's key (therapists)" },
	{ "name", cmd_name, "[NAME]",
	    "the name your bundles carry (\"\" for none)" },
};

const struct command *
cli_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void
cli_print_usage(const struct command *cmd, FILE *out)
{
	fprintf(out, "usage: tend [-f FILE] [--passphrase-file FILE|-] %s%s%s\n",
	    cmd->name, cmd->usage[0] ? " " : "", cmd->usage);
}

int
cli_usage(const struct command *cmd)
{
	cli_print_usage(cmd, stderr);
	return 2;
}

int
cli_bad_option(const struct command *cmd, int opt, char **argv,
    const struct option *longopts)
{
	const char *word = argv[optind - 1];
	int i;

	if (opt == ':')
		fprintf(stderr, "tend: option %.*s needs a value\n",
		    (int)strcspn(word, "="), word);
	else if (opt == '?' && optopt != 0)
		fprintf(stderr, "tend: %s has no option -%c\n", cmd->name,
		    optopt);
	else if (opt == '?')
		fprintf(stderr, "tend: %s has no option %.*s\n", cmd->name,
		    (int)strcspn(word, "="), word);
	else {
		for (i = 0; longopts[i].name != NULL; i++)
			if (longopts[i].val == opt)
				break;
		if (longopts[i].name != NULL)
			fprintf(stderr, "tend: %s has no option --%s\n",
			    cmd->name, longopts[i].name);
	}
	return cli_usage(cmd);
}

int
cli_too_many_args(const struct command *cmd, int max)
{
	if (max == 0)
		fprintf(stderr, "tend: %s takes no arguments\n", cmd->name);
	else
		fprintf(stderr, "tend: %s takes at most %d argument%s\n",
		    cmd->name, max, max == 1 ? "" : "s");
	return cli_usage(cmd);
}

static void
help(FILE *out)
{
	size_t i;

	fputs("usage: tend [-f FILE] [--passphrase-file FILE|-] "
	    "[COMMAND [ARGS]]\n\n"
	    "A private journal for the time between therapy sessions, kept in\n"
	    "one encrypted file.\n\n"
	    "Options:\n"
	    "  -f, --file FILE          the vault (default: $TEND_FILE, or\n"
	    "                           $XDG_DATA_HOME/tend/journal.tend)\n"
	    "  --passphrase-file FILE   read the passphrase from FILE's first "
	    "line ('-': stdin)\n"
	    "  -h, --help               show this help\n"
	    "  -V, --version            show the version\n\n"
	    "Commands:\n", out);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-9s %s\n            %s\n", commands[i].name,
		    commands[i].usage, commands[i].summary);
	fputs("\nSee tend(1) for details.\n", out);
}

int
cli_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts)
{
	const char *word, *name;
	size_t n;
	int idx = -1;
	int opt = getopt_long(argc, argv, shortopts, longopts, &idx);

	if (opt == -1 || opt == '?' || opt == ':' || idx < 0)
		return opt;
	/* The option's own word: the one before its value if that was a
	 * separate argument. */
	if (optarg != NULL && optind >= 2 && optarg == argv[optind - 1])
		word = argv[optind - 2];
	else
		word = argv[optind - 1];
	name = word + 2;
	n = strcspn(name, "=");
	if (strncmp(word, "--", 2) == 0 && strlen(longopts[idx].name) == n &&
	    strncmp(name, longopts[idx].name, n) == 0)
		return opt;
	fprintf(stderr, "tend: unknown option --%.*s (options are written "
	    "out in full; see tend --help)\n", (int)n, name);
	return '!';
}

int
cli_global_option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case 'f':
		c->file = arg;
		return 1;
	case 'P':
		c->passfile = arg;
		return 1;
	default:
		return 0;
	}
}

/* No command: the full-screen app when both ends are a terminal, else a
 * short note (scripts and pipes get no escape codes). */
static int
no_command(struct cli *c)
{
	struct ui_opts opts = { .vault_path = c->vault_path };

	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		if (ui_run(&opts, NULL, &c->err) != 0) {
			fprintf(stderr, "tend: %s\n", c->err.msg);
			return 1;
		}
		return 0;
	}
	printf("The full-screen app needs a terminal: run tend in one.\n"
	    "Your journal is %s%s.\n"
	    "Everything tend can do from scripts: tend --help\n",
	    c->vault_path, access(c->vault_path, F_OK) != 0 ?
	    " (not made yet: tend init makes it)" : "");
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_GLOBAL_LONGOPTS,
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	const struct command *cmd;
	int opt, rc;

	memset(&c, 0, sizeof c);
	vault_harden_process();
	opterr = 0;
	while ((opt = cli_getopt(argc, argv, "+:f:hV", longopts)) != -1) {
		if (cli_global_option(&c, opt, optarg))
			continue;
		switch (opt) {
		case 'h':
			help(stdout);
			return 0;
		case 'V':
			printf("tend %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			fprintf(stderr, "tend: option %s needs a value\n",
			    argv[optind - 1]);
			return 2;
		case '!':
			return 2;
		default:
			fprintf(stderr, "tend: unknown option %.*s (see tend "
			    "--help)\n", (int)strcspn(argv[optind - 1], "="),
			    argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		cmd = cli_find(argv[optind]);
		if (cmd == NULL) {
			fprintf(stderr, "tend: unknown command '%s' (see tend "
			    "--help)\n", argv[optind]);
			return 2;
		}
	} else
		cmd = NULL;

	if (vault_library_init(&c.err) != 0) {
		fprintf(stderr, "tend: %s\n", c.err.msg);
		return 1;
	}
	argc -= optind;
	argv += optind;
	optind = 0;
	if (cmd == NULL) {
		c.vault_path = c.file ? strdup(c.file) : vault_default_path();
		rc = no_command(&c);
	} else {
		rc = cmd->run(&c, argc, argv);
		if (rc == 1)
			fprintf(stderr, "tend: %s\n", c.err.msg);
	}
	free(c.vault_path);
	if (fflush(stdout) != 0 && rc == 0) {
		fprintf(stderr, "tend: cannot write the output\n");
		rc = 1;
	}
	return rc;
}
