/*
 * cmd-entry.c: the journal entry commands: add, edit, rm, restore, trash,
 * list, show, search and tags.
 *
 * Text typed as an argument ends up in the shell's history, so the help
 * points to `tend add -` (the text from standard input) instead.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

#define MAX_TAGS 64

enum {
	OPT_TITLE = 1000, OPT_TAG, OPT_KIND, OPT_SHARE, OPT_DATE, OPT_SINCE,
	OPT_UNTIL, OPT_JSON,
};

static const struct option entry_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "share", no_argument, NULL, OPT_SHARE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

struct entry_args {
	const char *title, *kind, *date, *since, *until;
	const char *tags[MAX_TAGS];
	size_t ntags;
	int share, json;
	int nargs;
	char **args;
};

/* Parse the options of command argv[0]; allowed lists the OPT_* it takes
 * (0 ends).  Returns 0, or 2 after printing the usage (3: -h, done). */
static int
parse(struct cli *c, int argc, char **argv, const int *allowed,
    struct entry_args *a)
{
	const struct command *cmd = cli_find(argv[0]);
	int opt, i, ok;

	memset(a, 0, sizeof *a);
	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, entry_longopts)) != -1) {
		if (opt == 'h') {
			cli_usage(cmd);
			return 3;
		}
		for (ok = 0, i = 0; allowed[i] != 0; i++)
			if (allowed[i] == opt)
				ok = 1;
		if (!ok) {
			if (opt == ':')
				fprintf(stderr, "tend: option %s needs a "
				    "value\n", argv[optind - 1]);
			return cli_usage(cmd);
		}
		switch (opt) {
		case OPT_TITLE:
			a->title = optarg;
			break;
		case OPT_TAG:
			if (a->ntags == MAX_TAGS) {
				fprintf(stderr, "tend: at most %d tags\n",
				    MAX_TAGS);
				return 2;
			}
			a->tags[a->ntags++] = optarg;
			break;
		case OPT_KIND:
			a->kind = optarg;
			break;
		case OPT_SHARE:
			a->share = 1;
			break;
		case OPT_DATE:
			a->date = optarg;
			break;
		case OPT_SINCE:
			a->since = optarg;
			break;
		case OPT_UNTIL:
			a->until = optarg;
			break;
		case OPT_JSON:
			a->json = 1;
			break;
		}
	}
	a->nargs = argc - optind;
	a->args = argv + optind;
	return 0;
}

/* parse() with a fixed number of operands (-1: any). */
static int
parse_n(struct cli *c, int argc, char **argv, const int *allowed, int n,
    struct entry_args *a)
{
	int rc = parse(c, argc, argv, allowed, a);

	if (rc == 0 && n >= 0 && a->nargs != n)
		return cli_usage(cli_find(argv[0]));
	return rc;
}

/* A usage return from parse(): 3 (help shown) means success. */
static int
parse_rc(int rc)
{
	return rc == 3 ? 0 : rc;
}

int
cmd_add(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_TITLE, OPT_TAG, OPT_KIND,
	    OPT_SHARE, OPT_DATE, 0 };
	struct entry_args a;
	struct entry_new n;
	struct journal j;
	char uuid[STORE_UUID_LEN + 1], *text;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, &a)) != 0)
		return parse_rc(rc);
	memset(&n, 0, sizeof n);
	if (a.kind != NULL && !store_kind_valid(a.kind))
		return cli_error(c, "'%s' is not a kind of entry (journal, "
		    "reflection, dream or other)", a.kind);
	if (a.date != NULL && cli_parse_moment(c, "--date", a.date,
	    &n.when) != 0)
		return 1;
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	if (a.nargs == 0 || (a.nargs == 1 && strcmp(a.args[0], "-") == 0))
		text = cli_read_stdin_text(c);
	else
		text = cli_join_args(a.nargs, a.args);
	if (text == NULL) {
		cli_close_store(&j);
		return 1;
	}
	n.title = a.title;
	n.body = text;
	n.kind = a.kind;
	n.tags = a.tags;
	n.ntags = a.ntags;
	n.shared = a.share;
	rc = store_entry_add(j.s, &n, uuid, &c->err);
	cli_free_text(text);
	if (rc == 0) {
		char id[9];

		cli_short_id(uuid, id);
		printf("saved entry %s\n", id);
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

int
cmd_edit(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { 0 };
	struct entry_args a;
	struct journal j;
	char uuid[STORE_UUID_LEN + 1], *text;
	int rc;

	if ((rc = parse_n(c, argc, argv, allowed, 1, &a)) != 0)
		return parse_rc(rc);
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	rc = store_resolve(j.s, STORE_ENTRY, a.args[0], uuid, &c->err);
	if (rc == 0 && (text = cli_read_stdin_text(c)) != NULL) {
		rc = store_entry_edit(j.s, uuid, text, &c->err);
		cli_free_text(text);
	} else
		rc = -1;
	if (rc == 0) {
		char id[9];

		cli_short_id(uuid, id);
		printf("saved entry %s (the earlier text is kept as a "
		    "revision)\n", id);
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

/* rm and restore: take one ID and run act on the entry it names in table
 * t.  -1 when that was done (id holds the short ID), else the exit code. */
static int
act_on_entry(struct cli *c, int argc, char **argv, enum store_table t,
    int (*act)(struct store *, const char *, struct err *), char id[9])
{
	static const int allowed[] = { 0 };
	struct entry_args a;
	int rc;

	if ((rc = parse_n(c, argc, argv, allowed, 1, &a)) != 0)
		return parse_rc(rc);
	if (cli_act_on(c, t, a.args[0], act, id) != 0)
		return 1;
	return -1;
}

int
cmd_rm(struct cli *c, int argc, char **argv)
{
	char id[9];
	int rc;

	rc = act_on_entry(c, argc, argv, STORE_ENTRY, store_entry_trash, id);
	if (rc != -1)
		return rc;
	printf("moved entry %s to the trash (tend restore %s brings it "
	    "back)\n", id, id);
	return 0;
}

int
cmd_restore(struct cli *c, int argc, char **argv)
{
	char id[9];
	int rc;

	rc = act_on_entry(c, argc, argv, STORE_ENTRY_TRASHED,
	    store_entry_restore, id);
	if (rc != -1)
		return rc;
	printf("restored entry %s\n", id);
	return 0;
}

/* After a JSON list was written to standard output: its newline. */
static int
json_end(int rc)
{
	if (rc == 0)
		putchar('\n');
	return rc;
}

int
cmd_trash(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_JSON, 0 };
	struct entry_filter f;
	struct entry_args a;
	struct journal j;
	long n;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, &a)) != 0)
		return parse_rc(rc);
	if (a.nargs > 1 || (a.nargs == 1 && (strcmp(a.args[0], "empty") != 0
	    || a.json)))
		return cli_usage(cli_find(argv[0]));
	if (cli_open_store(c, a.nargs ? VAULT_WRITE : 0, &j) != 0)
		return 1;
	memset(&f, 0, sizeof f);
	f.trashed = 1;
	if (a.nargs == 1) {
		rc = store_trash_empty(j.s, &n, &c->err);
		if (rc == 0)
			printf("deleted %ld %s for good\n", n,
			    n == 1 ? "entry" : "entries");
	} else if (a.json) {
		rc = json_end(store_entry_list_json_to(j.s, &f, stdout,
		    &c->err));
	} else
		rc = store_entry_list(j.s, &f, cli_print_entry_line, NULL,
		    &c->err);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

int
cmd_list(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_SINCE, OPT_UNTIL, OPT_KIND, OPT_TAG,
	    OPT_JSON, 0 };
	struct entry_filter f;
	struct entry_args a;
	struct journal j;
	int rc;

	if ((rc = parse_n(c, argc, argv, allowed, 0, &a)) != 0)
		return parse_rc(rc);
	if (a.ntags > 1)
		return cli_usage(cli_find(argv[0]));
	memset(&f, 0, sizeof f);
	if (cli_day_range(c, a.since, a.until, &f.since, &f.until) != 0)
		return 1;
	f.kind = a.kind;
	f.tag = a.ntags ? a.tags[0] : NULL;
	if (f.kind != NULL && !store_kind_valid(f.kind))
		return cli_error(c, "'%s' is not a kind of entry (journal, "
		    "reflection, dream or other)", f.kind);
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	if (a.json)
		rc = json_end(store_entry_list_json_to(j.s, &f, stdout,
		    &c->err));
	else
		rc = store_entry_list(j.s, &f, cli_print_entry_line, NULL,
		    &c->err);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

static int
print_revision(time_t saved, const char *title, const char *body, void *arg)
{
	char when[32];

	(void)title;
	(void)body;
	(*(int *)arg)++;
	time_format_local(saved, when, sizeof when);
	printf("revision:  %d, the text as of %s\n", *(int *)arg, when);
	return 0;
}

/* A label and one line of the journal's text, without controls. */
static void
print_field(const char *label, const char *text)
{
	fputs(label, stdout);
	cli_print_clean(text, 0);
	putchar('\n');
}

static int
print_entry(const struct entry *r, void *arg)
{
	struct journal *j = arg;
	char when[32];
	int nrev = 0;

	time_format_local(r->created, when, sizeof when);
	printf("entry:     %s\n", r->uuid);
	printf("date:      %s (%s)\n", when, r->placement);
	printf("kind:      %s\n", r->kind);
	if (*r->title != '\0')
		print_field("title:     ", r->title);
	if (*r->tags != '\0')
		print_field("tags:      ", r->tags);
	printf("shared:    %s\n", r->shared ? "yes" : "no");
	if (r->prompt != NULL)
		print_field("prompt:    ", r->prompt);
	if (r->trashed != 0) {
		time_format_local(r->trashed, when, sizeof when);
		printf("trash:     since %s\n", when);
	}
	if (r->revisions > 0)
		store_entry_revisions(j->s, r->uuid, print_revision, &nrev,
		    NULL);
	putchar('\n');
	cli_print_clean(r->body, 1);
	if (*r->body != '\0' && r->body[strlen(r->body) - 1] != '\n')
		putchar('\n');
	return 0;
}

int
cmd_show(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_JSON, 0 };
	struct entry_args a;
	struct journal j;
	char uuid[STORE_UUID_LEN + 1], *json;
	struct err e2;
	int rc;

	if ((rc = parse_n(c, argc, argv, allowed, 1, &a)) != 0)
		return parse_rc(rc);
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	rc = store_resolve(j.s, STORE_ENTRY, a.args[0], uuid, &c->err);
	if (rc != 0 && store_resolve(j.s, STORE_ENTRY_TRASHED, a.args[0],
	    uuid, &e2) == 0)
		rc = 0;
	if (rc == 0 && a.json) {
		if ((rc = store_entry_get_json(j.s, uuid, &json, &c->err)) == 0)
			cli_print_json(json);
	} else if (rc == 0)
		rc = store_entry_get(j.s, uuid, print_entry, &j, &c->err);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

static int
print_hit(const struct entry *r, void *arg)
{
	cli_print_entry_line(r, arg);
	fputs("          ", stdout);
	cli_print_clean(r->snippet, 0);
	putchar('\n');
	return 0;
}

int
cmd_search(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_JSON, 0 };
	struct entry_args a;
	struct journal j;
	char *query;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, &a)) != 0)
		return parse_rc(rc);
	if (a.nargs == 0)
		return cli_usage(cli_find(argv[0]));
	query = cli_join_args(a.nargs, a.args);
	if (cli_open_store(c, 0, &j) != 0) {
		cli_free_text(query);
		return 1;
	}
	if (a.json) {
		rc = json_end(store_search_json_to(j.s, query, 0, stdout,
		    &c->err));
	} else
		rc = store_search(j.s, query, 0, print_hit, NULL, &c->err);
	cli_free_text(query);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

static int
print_tag(const char *tag, long n, void *arg)
{
	(void)arg;
	printf("%-24s %ld\n", tag, n);
	return 0;
}

int
cmd_tags(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_JSON, 0 };
	struct entry_args a;
	struct journal j;
	char *json;
	int rc;

	if ((rc = parse_n(c, argc, argv, allowed, 0, &a)) != 0)
		return parse_rc(rc);
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	if (a.json) {
		if ((rc = store_tags_json(j.s, &json, &c->err)) == 0)
			cli_print_json(json);
	} else
		rc = store_tags(j.s, print_tag, NULL, &c->err);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}
