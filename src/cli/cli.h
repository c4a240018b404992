/*
 * cli.h: the command line (private to src/cli).
 *
 * main() parses the global options into struct cli, finds the command in
 * the table in main.c and calls it with the remaining arguments.  A command
 * returns 0, 1 after filling cli->err (main prints it as one line), or 2 for
 * a usage error (it has printed the usage line itself).
 */
#ifndef TEND_CLI_H
#define TEND_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "tend/err.h"
#include "tend/report.h"
#include "tend/store.h"

struct option;
struct vault;

struct cli {
	const char *file;               /* -f, or NULL for the default */
	const char *passfile;           /* --passphrase-file */
	char *vault_path;               /* resolved */
	struct err err;
};

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage;              /* after "tend NAME " */
	const char *summary;
};

/* Options every command also accepts after its name. */
#define CLI_GLOBAL_LONGOPTS \
	{ "file", required_argument, NULL, 'f' }, \
	{ "passphrase-file", required_argument, NULL, 'P' }, \
	{ "help", no_argument, NULL, 'h' }

/* getopt_long, but a long option must be written out in full: glibc
 * takes any unambiguous prefix, so "--passphrase WORD" would be read as
 * --passphrase-file and WORD, maybe the passphrase itself, opened as a file
 * and echoed in the error.  An abbreviation is reported on stderr (without
 * its value) and returns '!'. */
int cli_getopt(int argc, char **argv, const char *shortopts,
    const struct option *longopts);

/* Handle a global option seen by a command's parser: 1 if it was one. */
int cli_global_option(struct cli *c, int opt, const char *arg);

/* Print "usage: tend NAME USAGE" to out; cli_usage prints it to stderr
 * and returns 2. */
void cli_print_usage(const struct command *cmd, FILE *out);
int cli_usage(const struct command *cmd);

/* Usage errors in a command's arguments: say what was wrong in one line
 * (an option by name, never its value), then the usage line; return 2.
 * opt is what getopt returned: ':', '?', or an option cmd does not take. */
int cli_bad_option(const struct command *cmd, int opt, char **argv,
    const struct option *longopts);
int cli_too_many_args(const struct command *cmd, int max);
const struct command *cli_find(const char *name);

/* A secret read from a file or the terminal, in guarded memory. */
struct secret {
	char *buf;
	size_t len;
};
void secret_free(struct secret *s);

/* Read the passphrase: from file (its first line) or the terminal.
 * what names it in the prompt; option is the one to suggest when there is
 * no terminal.  confirm asks twice (new passphrases). */
int prompt_passphrase(struct cli *c, const char *file, const char *what,
    const char *option, int confirm, struct secret *out);

/* Read one line of a file ('-': standard input, byte by byte so the rest
 * stays for the command). */
int prompt_read_line(const char *path, struct secret *out, struct err *e);

/* Show key derivation progress on stderr when it is a terminal. */
void prompt_progress_on(void);

/* Open the vault named by the options with its passphrase; prints the
 * vault's warnings. */
int cli_open_vault(struct cli *c, int flags, struct vault **out);
void cli_print_warnings(struct vault *v);

/* ---- the journal commands (journal.c) ---- */

struct store;
struct entry;
struct tdate;

struct journal {
	struct vault *v;
	struct store *s;
};

/* Fill c->err and return 1, a command's status for a user error. */
int cli_error(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Open the vault and its store (migrating the schema if needed). */
int cli_open_store(struct cli *c, int flags, struct journal *j);
void cli_close_store(struct journal *j);

/* Open the journal for writing, find the item typed as ref in table t
 * and apply act to it (trash, restore, remove, mark done).  Returns 0
 * with the item's short ID in id, or 1 with c->err set. */
int cli_act_on(struct cli *c, enum store_table t, const char *ref,
    int (*act)(struct store *, const char *, struct err *), char id[9]);

/* cli_getopt over lo ("-f FILE" and "-h" too), handling the global
 * options itself: the next other option, or -1.  Set optind = 0 first. */
int cli_next_option(struct cli *c, int argc, char **argv,
    const struct option *lo);

/* Parse a date given to option opt ("--date"); -1 with c->err set. */
int cli_parse_date(struct cli *c, const char *opt, const char *arg,
    struct tdate *d);

/* The moment of an entry's or check-in's date (see cli_parse_date), which
 * may be no later than this time tomorrow (the store's rule, checked here
 * too so that nothing is asked first); -1 with c->err set. */
int cli_parse_moment(struct cli *c, const char *opt, const char *arg,
    time_t *when);

/* --since and --until (either may be NULL): *from gets the start of
 * since's day, *to the end of until's day; an absent one leaves its time
 * as it was.  -1 with c->err set if a date cannot be read. */
int cli_day_range(struct cli *c, const char *since, const char *until,
    time_t *from, time_t *to);

/* All of standard input as UTF-8 text (NULL with c->err set). */
char *cli_read_stdin_text(struct cli *c);
/* The arguments joined by spaces. */
char *cli_join_args(int argc, char **argv);
/* Wipe and free journal text. */
void cli_free_text(char *s);

/* Print text from the journal or a bundle on standard output without
 * its control characters (utf8_clean; multiline keeps line breaks). */
void cli_print_clean(const char *s, int multiline);

/* Print a JSON text and a newline (DEL and C1 controls escaped), then
 * free it; returns 0. */
int cli_print_json(char *json);

/* The short form of a UUID. */
void cli_short_id(const char *uuid, char out[9]);

/* One line per entry: ID, local time, kind, title or first line, tags,
 * placement (an entry_cb). */
int cli_print_entry_line(const struct entry *r, void *arg);

/* The commands (cmd-*.c). */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_passwd(struct cli *c, int argc, char **argv);
int cmd_recover(struct cli *c, int argc, char **argv);
int cmd_rekey(struct cli *c, int argc, char **argv);
int cmd_recovery_key(struct cli *c, int argc, char **argv);
int cmd_verify(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_sql(struct cli *c, int argc, char **argv);
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_rm(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_trash(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);
int cmd_tags(struct cli *c, int argc, char **argv);
int cmd_checkin(struct cli *c, int argc, char **argv);
int cmd_session(struct cli *c, int argc, char **argv);
int cmd_agenda(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_identity(struct cli *c, int argc, char **argv);
int cmd_therapist(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_review(struct cli *c, int argc, char **argv);
int cmd_patient(struct cli *c, int argc, char **argv);
int cmd_name(struct cli *c, int argc, char **argv);

/* Opening a bundle (cmd-share.c), for review and patient add: with the
 * share passphrase from share_pass_file, else with the identity (NULL:
 * the default) under its passphrase; on a terminal the six words are asked
 * for when the bundle opens with them and the identity cannot open it (or
 * there is none).  0, or -1 with c->err set. */
struct share_bundle;
struct share_sender;
int cli_bundle_open(struct cli *c, const char *identity,
    const char *share_pass_file, const char *bundle,
    struct share_bundle **b);
/* Open b's image as a read-only store (*s), check that it names the key
 * that signed it, and look the signer up in the known patients (a damaged
 * file is a warning on stderr; the sender is then unknown). */
int cli_bundle_sender(struct cli *c, const char *bundle, const char *identity,
    const struct share_bundle *b, struct store **s, struct share_sender *sd);
/* The known patients file beside the identity (NULL: the default). */
char *cli_patients_path(const char *identity);
int cmd_jot(struct cli *c, int argc, char **argv);

/* tend export --format (cmd-export-plain.c): 1 if the arguments ask for
 * a plaintext export, and the command itself with the same arguments;
 * cmd_export hands over to it. */
int cli_export_wants_plain(int argc, char **argv);
int cli_export_plain(struct cli *c, int argc, char **argv);

/* The two halves of writing a plaintext file from a store (export and
 * review share them).  prepare: OUT must not exist, and without yes a
 * terminal must be there to ask on (*tty, else -1).  finish: the summary
 * on stderr, the question, the rendering and the atomic 0600 write; it
 * closes s and tty.  all only words the summary (no hint about --all). */
struct store;
int cli_plain_prepare(struct cli *c, const char *out, int yes, int *tty);
int cli_plain_finish(struct cli *c, struct store *s, enum report_format f,
    const char *out, int tty, int all);

#endif
