/*
 * journal.c: what the journal commands share: opening the store, dates,
 * text from standard input, printing JSON and one-line listings.
 *
 * Journal text read here is kept in memory only and wiped when freed; it
 * never reaches an error message.
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/fileio.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"
#include "tend/vault.h"

#define TEXT_MAX (16u << 20)

int
cli_error(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof c->err.msg, fmt, ap);
	va_end(ap);
	return 1;
}

/* Bring in the notes jotted while the journal was locked, and say so on
 * stderr (stdout is for the command's own output).  A failure here is a
 * warning: the notes stay in the inbox for the next unlock. */
static void
cli_take_jots(struct store *s)
{
	char problem[ERR_MSG_MAX];
	struct err e;
	size_t added;

	if (store_jot_import(s, &added, problem, sizeof problem, &e) != 0) {
		fprintf(stderr, "tend: warning: the notes jotted while the "
		    "journal was locked could not be brought in yet: %s\n",
		    e.msg);
		return;
	}
	if (added > 0)
		fprintf(stderr, "tend: %zu %s jotted while the journal was "
		    "locked came in (tagged jot)\n", added,
		    added == 1 ? "note" : "notes");
	if (problem[0] != '\0')
		fprintf(stderr, "tend: warning: %s\n", problem);
}

int
cli_open_store(struct cli *c, int flags, struct journal *j)
{
	j->v = NULL;
	j->s = NULL;
	if (cli_open_vault(c, flags, &j->v) != 0)
		return -1;
	if (store_open(j->v, &j->s, &c->err) != 0) {
		vault_close(j->v);
		j->v = NULL;
		return -1;
	}
	if (flags & VAULT_WRITE)
		cli_take_jots(j->s);
	return 0;
}

void
cli_close_store(struct journal *j)
{
	store_close(j->s);
	if (j->v != NULL)
		vault_close(j->v);
	j->s = NULL;
	j->v = NULL;
}

int
cli_act_on(struct cli *c, enum store_table t, const char *ref,
    int (*act)(struct store *, const char *, struct err *), char id[9])
{
	char uuid[STORE_UUID_LEN + 1];
	struct journal j;
	int rc;

	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	rc = store_resolve(j.s, t, ref, uuid, &c->err);
	if (rc == 0)
		rc = act(j.s, uuid, &c->err);
	if (rc == 0)
		cli_short_id(uuid, id);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

int
cli_parse_date(struct cli *c, const char *opt, const char *arg,
    struct tdate *d)
{
	if (time_parse(arg, time(NULL), d, &c->err) != 0)
		return err_prefix(&c->err, "%s", opt);
	return 0;
}

int
cli_parse_moment(struct cli *c, const char *opt, const char *arg,
    time_t *when)
{
	struct tdate d;

	if (cli_parse_date(c, opt, arg, &d) != 0)
		return -1;
	*when = tdate_moment(&d);
	if (*when > time_tomorrow(time(NULL))) {
		cli_error(c, "%s: '%.40s' is more than a day ahead: entries and "
		    "check-ins can be dated up to this time tomorrow (only "
		    "sessions can be further ahead)", opt, arg);
		return -1;
	}
	return 0;
}

int
cli_day_range(struct cli *c, const char *since, const char *until,
    time_t *from, time_t *to)
{
	struct tdate d;

	if (since != NULL) {
		if (cli_parse_date(c, "--since", since, &d) != 0)
			return -1;
		*from = tdate_day_start(&d);
	}
	if (until != NULL) {
		if (cli_parse_date(c, "--until", until, &d) != 0)
			return -1;
		*to = tdate_day_end(&d);
	}
	return 0;
}

char *
cli_read_stdin_text(struct cli *c)
{
	char *buf;
	size_t len;

	if (isatty(0))
		fputs("Write the text, then press Ctrl-D on a new line.\n",
		    stderr);
	if (file_read_all("-", &buf, &len, TEXT_MAX, &c->err) != 0)
		return NULL;
	if (!utf8_valid(buf, len)) {
		cli_free_text(buf);
		err_set(&c->err, "the text on standard input is not valid "
		    "UTF-8 (or contains a NUL byte)");
		return NULL;
	}
	return buf;
}

char *
cli_join_args(int argc, char **argv)
{
	size_t n = 1, at = 0;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	s = xmalloc(n);
	for (i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (i > 0)
			s[at++] = ' ';
		memcpy(s + at, argv[i], len);
		at += len;
	}
	s[at] = '\0';
	return s;
}

void
cli_free_text(char *s)
{
	if (s != NULL) {
		vault_wipe(s, strlen(s));
		free(s);
	}
}

int
cli_print_json(char *json)
{
	char *safe = utf8_json_controls(json);

	puts(safe);
	cli_free_text(safe);
	cli_free_text(json);
	return 0;
}

void
cli_print_clean(const char *s, int multiline)
{
	char *copy = xstrdup(s);

	utf8_clean(copy, multiline, 0);
	fputs(copy, stdout);
	cli_free_text(copy);
}

void
cli_short_id(const char *uuid, char out[STORE_ID_SHORT + 1])
{
	memcpy(out, uuid, STORE_ID_SHORT);
	out[STORE_ID_SHORT] = '\0';
}

int
cli_print_entry_line(const struct entry *r, void *arg)
{
	char id[STORE_ID_SHORT + 1], when[32], line[256];
	const char *p;

	(void)arg;
	cli_short_id(r->uuid, id);
	time_format_local(r->created, when, sizeof when);
	utf8_first_line(*r->title != '\0' ? r->title : r->body, 50, line,
	    sizeof line);
	utf8_clean(line, 0, 0);
	printf("%s  %s  %-10s  %s", id, when, r->kind, line);
	for (p = r->tags; *p != '\0'; ) {
		size_t n = strcspn(p, " ");
		char *tag = xasprintf(" #%.*s", (int)n, p);

		cli_print_clean(tag, 0);
		free(tag);
		p += n + (p[n] == ' ');
	}
	printf("  (%s)\n", r->placement);
	return 0;
}

int
cli_next_option(struct cli *c, int argc, char **argv, const struct option *lo)
{
	int opt;

	opterr = 0;
	while ((opt = cli_getopt(argc, argv, ":f:h", lo)) != -1)
		if (!cli_global_option(c, opt, optarg))
			return opt;
	return -1;
}
