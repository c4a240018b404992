/*
 * cmd-export-plain.c: tend export -o OUT --format md|json|csv|html
 * [--yes] [--since D] [--until D] [--all]: a plaintext export.
 *
 * The same subset as an encrypted bundle is built first
 * (store_export_open: entries and check-ins marked to share, or all
 * with --all, sessions and open agenda items in the range) as a read-only
 * store in memory, summed up on standard error and, after a yes on the
 * terminal (or --yes), rendered and written to OUT atomically with mode
 * 0600; an existing OUT is never replaced.  The journal is closed before the question is asked.  The
 * rendered text lives only in memory until it is written, and is wiped
 * after.  Without a terminal and without --yes nothing is written.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/fileio.h"
#include "tend/report.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

enum {
	OPT_FORMAT = 1000, OPT_YES, OPT_SINCE, OPT_UNTIL, OPT_ALL, OPT_TO,
	OPT_SHARE_PASSPHRASE,
};

static const struct option plain_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "to", required_argument, NULL, OPT_TO },
	{ "share-passphrase", no_argument, NULL, OPT_SHARE_PASSPHRASE },
	{ NULL, 0, NULL, 0 },
};

struct plain_args {
	const char *out;
	const char *format;
	const char *since, *until;
	int yes, all;
};

int
cli_export_wants_plain(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--format") == 0 ||
		    strncmp(argv[i], "--format=", 9) == 0)
			return 1;
	return 0;
}

static int
parse(struct cli *c, int argc, char **argv, struct plain_args *a)
{
	const struct command *cmd = cli_find("export");
	int opt;

	memset(a, 0, sizeof *a);
	optind = 0;
	opterr = 0;
	while ((opt = cli_getopt(argc, argv, ":f:ho:", plain_longopts)) != -1) {
		if (cli_global_option(c, opt, optarg))
			continue;
		switch (opt) {
		case 'o':
			a->out = optarg;
			break;
		case OPT_FORMAT:
			a->format = optarg;
			break;
		case OPT_YES:
			a->yes = 1;
			break;
		case OPT_SINCE:
			a->since = optarg;
			break;
		case OPT_UNTIL:
			a->until = optarg;
			break;
		case OPT_ALL:
			a->all = 1;
			break;
		case OPT_TO:
		case OPT_SHARE_PASSPHRASE:
			fprintf(stderr, "tend: --%s is for encrypted bundles; a "
			    "plaintext export (--format) has no recipient\n",
			    opt == OPT_TO ? "to" : "share-passphrase");
			cli_usage(cmd);
			return 2;
		case 'h':
			cli_print_usage(cmd, stdout);
			return -1;
		case '!':
			return 2;
		default:
			cli_bad_option(cmd, opt, argv, plain_longopts);
			return 2;
		}
	}
	if (optind < argc) {
		cli_too_many_args(cmd, 0);
		return 2;
	}
	if (a->out == NULL || a->out[0] == '\0') {
		fprintf(stderr, "tend: export needs -o OUT, the file to write\n");
		cli_usage(cmd);
		return 2;
	}
	return 0;
}

/* The day range: since from the start of its day, until to the end of
 * its day. */
static int
scope_from(struct cli *c, const struct plain_args *a,
    struct export_scope *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->all = a->all;
	if (cli_day_range(c, a->since, a->until, &sc->since, &sc->until) != 0)
		return -1;
	if (sc->since != 0 && sc->until != 0 && sc->until <= sc->since)
		return err_set(&c->err, "--until is before --since");
	return 0;
}

/* Build the subset of the journal and open it as a store of its own;
 * the journal is closed again before this returns. */
static int
open_subset(struct cli *c, const struct export_scope *sc,
    struct store **out, struct export_counts *counts)
{
	struct export_meta m;
	struct journal j;
	int rc;

	*out = NULL;
	if (cli_open_store(c, 0, &j) != 0)
		return -1;
	memset(&m, 0, sizeof m);
	m.version = PACKAGE_VERSION;
	m.when = time(NULL);
	rc = store_export_counts(j.s, sc, counts, &c->err);
	if (rc == 0)
		rc = store_export_open(j.s, sc, &m, out, &c->err);
	cli_close_store(&j);
	return rc;
}

/* What the file will hold, on standard error (standard output stays
 * free, as for a bundle). */
static void
print_summary(const struct report_summary *sum, enum report_format f,
    int all, const struct export_counts *n, const char *out)
{
	long agenda = sum->agenda_open + sum->agenda_done;
	FILE *o = stderr;

	fprintf(o, "A plaintext export (%s) of your journal will hold:\n",
	    report_format_name(f));
	if (f == REPORT_CSV)
		fprintf(o, "  %ld check-in%s (a CSV file holds check-ins "
		    "only)\n", sum->checkins, sum->checkins == 1 ? "" : "s");
	else {
		fprintf(o, "  %ld journal entr%s", sum->entries,
		    sum->entries == 1 ? "y" : "ies");
		if (sum->private_entries > 0)
			fprintf(o, " (%ld not marked to share)",
			    sum->private_entries);
		else if (!all)
			fprintf(o, " marked to share (--all adds the others)");
		fprintf(o, "\n  %ld check-in%s\n  %ld session%s\n"
		    "  %ld agenda item%s\n", sum->checkins,
		    sum->checkins == 1 ? "" : "s", sum->sessions,
		    sum->sessions == 1 ? "" : "s", agenda,
		    agenda == 1 ? "" : "s");
	}
	if (n != NULL && !all && n->checkins_private > 0)
		fprintf(o, "  %ld private check-in%s in this range stay%s out "
		    "(--all adds %s)\n", n->checkins_private,
		    n->checkins_private == 1 ? "" : "s",
		    n->checkins_private == 1 ? "s" : "",
		    n->checkins_private == 1 ? "it" : "them");
	if (n != NULL && !all && n->measures_private > 0)
		fprintf(o, "  %ld private questionnaire answer%s in this range "
		    "stay%s out (--all adds %s)\n", n->measures_private,
		    n->measures_private == 1 ? "" : "s",
		    n->measures_private == 1 ? "s" : "",
		    n->measures_private == 1 ? "it" : "them");
	if (sum->first != 0) {
		char first[32], last[32];

		time_format_iso(sum->first, sum->first_off, first, sizeof first);
		time_format_iso(sum->last, sum->last_off, last, sizeof last);
		fprintf(o, "  written from %.10s to %.10s\n", first, last);
	}
	fprintf(o, "It is not encrypted: anyone who can open %s can read "
	    "it.\n", out);
	fflush(o);
}

/* Ask on the terminal; 1 for yes, 0 for anything else. */
static int
confirm(int fd, const char *out)
{
	char answer[16];
	size_t n = 0;
	char ch;

	dprintf(fd, "Write %s? [y/N] ", out);
	while (n + 1 < sizeof answer && read(fd, &ch, 1) == 1 && ch != '\n')
		answer[n++] = ch;
	answer[n] = '\0';
	return strcmp(answer, "y") == 0 || strcmp(answer, "Y") == 0 ||
	    strcmp(answer, "yes") == 0 || strcmp(answer, "YES") == 0;
}

static int plain_finish(struct cli *c, struct store *s,
    enum report_format f, const char *out, int tty, int all,
    const struct export_counts *n);

int
cli_export_plain(struct cli *c, int argc, char **argv)
{
	struct export_counts n;
	struct plain_args a;
	struct export_scope sc;
	enum report_format f;
	struct store *s;
	int rc, tty = -1;

	if ((rc = parse(c, argc, argv, &a)) != 0)
		return rc < 0 ? 0 : rc;
	if (report_format_parse(a.format, &f) != 0) {
		fprintf(stderr, "tend: '%.20s' is not a format tend writes (md, "
		    "json, csv or html)\n", a.format);
		return cli_usage(cli_find("export"));
	}
	if (scope_from(c, &a, &sc) != 0)
		return 1;
	if (cli_plain_prepare(c, a.out, a.yes, &tty) != 0)
		return 1;
	if (open_subset(c, &sc, &s, &n) != 0) {
		if (tty >= 0)
			close(tty);
		return 1;
	}
	return plain_finish(c, s, f, a.out, tty, a.all, &n);
}

int
cli_plain_finish(struct cli *c, struct store *s, enum report_format f,
    const char *out, int tty, int all)
{
	return plain_finish(c, s, f, out, tty, all, NULL);
}

/* The summary (with n, what the journal kept back), the question, the
 * file. */
static int
plain_finish(struct cli *c, struct store *s, enum report_format f,
    const char *out, int tty, int all, const struct export_counts *n)
{
	struct report_summary sum;
	char *text = NULL;
	size_t len = 0;
	int rc;

	rc = report_summarize(s, &sum, &c->err);
	if (rc == 0) {
		print_summary(&sum, f, all, n, out);
		if (tty >= 0 && !confirm(tty, out))
			rc = err_set(&c->err, "nothing was written");
	}
	if (tty >= 0)
		close(tty);
	if (rc == 0)
		rc = report_render(s, f, &text, &len, &c->err);
	store_close(s);
	if (rc == 0)
		rc = file_write_atomic(out, text, len, 0600, 1, &c->err);
	report_free(text, len);
	if (rc != 0)
		return 1;
	fprintf(stderr, "Wrote %s (%zu bytes, readable only by you).\n",
	    out, len);
	return 0;
}

int
cli_plain_prepare(struct cli *c, const char *out, int yes, int *tty)
{
	*tty = -1;
	/* Like a bundle, an export never replaces a file (checked again,
	 * without a race, when it is written). */
	if (access(out, F_OK) == 0)
		return cli_error(c, "%s already exists; nothing was written "
		    "(choose another name)", out);
	/* Know before the passphrase is asked whether we can ask. */
	if (!yes && (*tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0)
		return cli_error(c, "a plaintext export needs a yes: there is "
		    "no terminal to ask on, so nothing was written (add --yes "
		    "to write it without asking)");
	return 0;
}
