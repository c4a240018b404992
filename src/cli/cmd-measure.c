/*
 * cmd-measure.c: standard questionnaires on the command line:
 * tend measure list [NAME] | take NAME | show ID | add FILE.
 *
 * take asks each item on a terminal (a number per item, b goes back, q
 * leaves without saving); otherwise it reads every answer from standard
 * input at once (numbers separated by spaces, commas or line breaks, after
 * the passphrase line when that comes from standard input too) and refuses
 * a wrong count or an answer off the scale in one line, writing nothing.
 * When an answer is flagged like the check-in's safety question (PHQ-9
 * item 9 above 0), take and show say so gently and point to the safety
 * plan in the app, as the app's support screen does.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/fileio.h"
#include "tend/measure.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

#define ANSWERS_TEXT_MAX 4096
#define RECENT 10

enum { OPT_JSON = 1000, OPT_SHARE, OPT_PRIVATE, OPT_DATE };

static const struct option measure_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "json", no_argument, NULL, OPT_JSON },
	{ "share", no_argument, NULL, OPT_SHARE },
	{ "private", no_argument, NULL, OPT_PRIVATE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ NULL, 0, NULL, 0 },
};

static const char support_line[] =
    "Thank you for answering this honestly. Your safety plan and the "
    "people you can reach are one key away in tend (S on the home "
    "screen), and this is worth talking about with your therapist. tend "
    "is not an emergency service: if you are in danger right now, call "
    "your local emergency number.";

static int
usage(int opt)
{
	cli_usage(cli_find("measure"));
	return opt == 'h' ? 0 : 2;
}

/* ---- printing a scored response ---- */

static void
print_score(const struct measure_def *d, const struct measure_score *sc)
{
	int i;

	printf("total %d of %d", sc->total, d->total_max);
	if (d->multiplier != 1)
		printf(" (%s %d of %d)", d->scaled_label[0] ? d->scaled_label :
		    "scaled", sc->scaled, d->total_max * d->multiplier);
	if (sc->band != NULL)
		printf(": %s", sc->band);
	printf("\n");
	for (i = 0; i < sc->nsub; i++)
		printf("%s%s %d of %d%s", i ? ", " : "subscales: ",
		    sc->sub[i].name, sc->sub[i].score, sc->sub[i].max,
		    i + 1 == sc->nsub ? "\n" : "");
	if (sc->criterion >= 0)
		printf("%s: %s\n", d->crit_label, sc->criterion ? "met" :
		    "not met");
	if (sc->cutoff >= 0) {
		char range[32];

		if (d->cut_hi != d->cut_lo)
			snprintf(range, sizeof range, "range %d-%d", d->cut_lo,
			    d->cut_hi);
		else
			snprintf(range, sizeof range, "cut-off %d", d->cut_lo);
		printf("%s the %s: %s\n", sc->cutoff == 0 ? "below" :
		    sc->cutoff == 2 ? "above" : d->cut_hi != d->cut_lo ?
		    "within" : "at", range, d->cut_text);
	}
	for (i = 0; i < d->nflags; i++)
		if (sc->fired & (1U << i))
			printf("flag: %s\n", d->flags[i].text);
}

static void
print_change(const struct measure_response *r)
{
	char buf[400], when[32];

	if (!r->has_prev || r->def == NULL)
		return;
	measure_change_text(r->def, r->prev_total, r->score.total, buf,
	    sizeof buf);
	time_format_local(r->prev_time, when, sizeof when);
	printf("change: %s (%d on %s)\n", buf, r->prev_total, when);
}

static void
print_support(const struct measure_score *sc)
{
	if (sc->safety)
		printf("\n%s\n", support_line);
}

static int
show_one(const struct measure_response *r, void *arg)
{
	const struct measure_def *d = r->def;
	char when[32], id[9];
	int i;

	(void)arg;
	cli_short_id(r->uuid, id);
	time_format_local(r->time, when, sizeof when);
	printf("%s  %s  answered %s (%s), %s\n", id, r->name, when,
	    r->placement, r->shared ? "shared" : "private");
	if (d == NULL) {
		printf("not scored: this journal does not hold the version of "
		    "%s it was answered with\n", r->name);
		return 0;
	}
	printf("%s\n", d->title);
	printf("%s\n", d->time_frame);
	for (i = 0; i < r->nanswers; i++) {
		printf("%3d. ", i + 1);
		cli_print_clean(d->items[i], 0);
		printf("\n     %d %s\n", r->answers[i],
		    d->scale_labels[r->answers[i]]);
	}
	print_score(d, &r->score);
	print_change(r);
	if (d->attribution[0] != '\0') {
		printf("\n");
		cli_print_clean(d->attribution, 1);
		printf("\n");
	}
	print_support(&r->score);
	return 0;
}

/* ---- list ---- */

static int
list_def(const struct measure_def *d, void *arg)
{
	(void)arg;
	printf("%-10s %s (%d items, %d-%d)%s\n", d->name, d->title, d->nitems,
	    d->scale_min, d->scale_max, d->builtin ? "" : "  [added]");
	return 0;
}

/* One line for a response: ID, time, instrument, total and band. */
static void
response_line(const struct measure_response *r, char *line, size_t n)
{
	char when[32], id[9];

	cli_short_id(r->uuid, id);
	time_format_local(r->time, when, sizeof when);
	if (r->def == NULL)
		snprintf(line, n, "%s  %s  %-10s not scored", id, when,
		    r->name);
	else
		snprintf(line, n, "%s  %s  %-10s %3d%s%s%s%s", id, when,
		    r->name, r->score.total, r->score.band ? " " : "",
		    r->score.band ? r->score.band : "", r->score.fired ?
		    "  (flagged)" : "", r->shared ? "" : "  (private)");
}

static int
print_response_line(const struct measure_response *r, void *arg)
{
	char line[160];

	(void)arg;
	response_line(r, line, sizeof line);
	printf("%s\n", line);
	return 0;
}

/* The last RECENT lines, in a ring. */
struct recent {
	char line[RECENT][160];
	long n;
};

static int
list_response(const struct measure_response *r, void *arg)
{
	struct recent *rc = arg;

	response_line(r, rc->line[rc->n++ % RECENT], sizeof rc->line[0]);
	return 0;
}

static int
measure_list(struct cli *c, int argc, char **argv)
{
	struct recent rc;
	const char *name = NULL;
	struct journal j;
	char *json;
	int opt, want_json = 0, rv;

	memset(&rc, 0, sizeof rc);
	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, measure_longopts)) != -1)
		if (opt == OPT_JSON)
			want_json = 1;
		else
			return usage(opt);
	if (argc - optind > 1)
		return usage(0);
	if (argc - optind == 1)
		name = argv[optind];
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	if (name != NULL) {
		struct measure_def *d;

		if (store_measure_get(j.s, name, &d, &c->err) != 0) {
			cli_close_store(&j);
			return 1;
		}
		if (want_json) {
			rv = store_measure_responses_json(j.s, d->name, 0, 0,
			    &json, &c->err);
			if (rv == 0)
				cli_print_json(json);
		} else {
			rv = store_measure_responses(j.s, d->name, 0, 0,
			    print_response_line, NULL, &c->err);
		}
		measure_def_free(d);
		cli_close_store(&j);
		return rv == 0 ? 0 : 1;
	}
	if (want_json) {
		rv = store_measure_list_json(j.s, &json, &c->err);
		if (rv == 0)
			cli_print_json(json);
		cli_close_store(&j);
		return rv == 0 ? 0 : 1;
	}
	rv = store_measure_list(j.s, list_def, NULL, &c->err);
	if (rv == 0)
		rv = store_measure_responses(j.s, NULL, 0, 0, list_response,
		    &rc, &c->err);
	if (rv == 0 && rc.n > 0) {
		long i;

		printf("\n%s answers:\n", rc.n > RECENT ? "The latest" : "The");
		for (i = rc.n > RECENT ? rc.n - RECENT : 0; i < rc.n; i++)
			printf("%s\n", rc.line[i % RECENT]);
	}
	cli_close_store(&j);
	return rv == 0 ? 0 : 1;
}

/* ---- take ---- */

/* Numbers separated by spaces, commas or line breaks into out (at most
 * max); the count, or -1 with c->err set. */
static int
parse_answers(struct cli *c, const char *text, int *out, int max)
{
	const char *p = text;
	int n = 0;

	for (;;) {
		int v = 0, digits = 0;

		while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' ||
		    *p == '\r')
			p++;
		if (*p == '\0')
			break;
		while (*p >= '0' && *p <= '9') {
			if (digits++ < 3)
				v = v * 10 + (*p - '0');
			p++;
		}
		if (digits == 0 || (*p != '\0' && *p != ' ' && *p != '\t' &&
		    *p != ',' && *p != '\n' && *p != '\r'))
		{
			cli_error(c, "the answers must be whole numbers "
			    "separated by spaces or commas");
			return -1;
		}
		if (n == max) {
			cli_error(c, "more than %d answers were given", max);
			return -1;
		}
		out[n++] = digits > 3 ? 1000 : v;
	}
	return n;
}

/* The terminal's width for wrapped text: its columns, at most 80. */
static int
term_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 &&
	    ws.ws_col < 80)
		return ws.ws_col;
	return 80;
}

/* text, then a line break, wrapped at spaces to lines of fewer than
 * width characters; lines after the first start with indent spaces. */
static void
print_wrapped(const char *text, int indent, int width)
{
	int col = 0, first = 1;
	const char *p = text;

	while (*p != '\0') {
		const char *end;
		int n = 0;

		while (*p == ' ')
			p++;
		for (end = p; *end != '\0' && *end != ' '; end++)
			if (((unsigned char)*end & 0xC0) != 0x80)
				n++;
		if (end == p)
			break;
		if (!first && col + 1 + n >= width) {
			printf("\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			putchar(' ');
			col++;
		}
		fwrite(p, 1, (size_t)(end - p), stdout);
		col += n;
		first = 0;
		p = end;
	}
	putchar('\n');
}

/* Ask each item on the terminal; 0, or 1 with c->err set (left). */
static int
ask_items(struct cli *c, const struct measure_def *d, int *answers)
{
	char scale[600], text[700], line[64];
	int i = 0, width = term_width();

	snprintf(text, sizeof text, "%s: %s", d->name, d->title);
	print_wrapped(text, 0, width);
	if (d->instructions[0] != '\0')
		print_wrapped(d->instructions, 0, width);
	print_wrapped(d->time_frame, 0, width);
	measure_scale_text(d, scale, sizeof scale);
	snprintf(text, sizeof text, "Answer each with a number: %s.", scale);
	print_wrapped(text, 0, width);
	printf("(b goes back, q leaves without saving)\n");
	while (i < d->nitems) {
		char *end, *p;
		long v;

		snprintf(text, sizeof text, "%d/%d %s", i + 1, d->nitems,
		    d->items[i]);
		printf("\n");
		print_wrapped(text, 6, width);
		printf("> ");
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL)
			return cli_error(c, "stopped before the last item; "
			    "nothing was saved");
		if (strchr(line, '\n') == NULL) {
			int ch;

			while ((ch = getchar()) != '\n' && ch != EOF)
				;
		}
		for (p = line; isspace((unsigned char)*p); p++)
			;
		if (*p == 'q' || *p == 'Q')
			return cli_error(c, "stopped before the last item; "
			    "nothing was saved");
		if (*p == 'b' || *p == 'B') {
			if (i > 0)
				i--;
			continue;
		}
		v = strtol(p, &end, 10);
		while (isspace((unsigned char)*end))
			end++;
		if (end == p || *end != '\0' || v < d->scale_min ||
		    v > d->scale_max) {
			printf("Please type a number from %d to %d.\n",
			    d->scale_min, d->scale_max);
			continue;
		}
		answers[i++] = (int)v;
	}
	return 0;
}

static int
took_one(const struct measure_response *r, void *arg)
{
	char id[9];

	(void)arg;
	if (r->def == NULL)
		return 0;
	cli_short_id(r->uuid, id);
	printf("saved %s answer %s (%s)\n", r->name, id, r->placement);
	print_score(r->def, &r->score);
	print_change(r);
	print_support(&r->score);
	return 0;
}

static int
measure_take(struct cli *c, int argc, char **argv)
{
	int answers[MEASURE_ITEMS_MAX], opt, share = -1, want_json = 0, n, rc;
	char uuid[STORE_UUID_LEN + 1], *text = NULL, *json;
	struct measure_def *d = NULL;
	struct journal j;
	struct tdate date;
	time_t when = 0;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, measure_longopts)) !=
	    -1) {
		switch (opt) {
		case OPT_JSON:
			want_json = 1;
			break;
		case OPT_SHARE:
		case OPT_PRIVATE:
			if (share == (opt == OPT_PRIVATE)) {
				fprintf(stderr, "tend: measure take takes "
				    "--share or --private, not both\n");
				return usage(0);
			}
			share = opt == OPT_SHARE;
			break;
		case OPT_DATE:
			if (cli_parse_date(c, "--date", optarg, &date) != 0)
				return 1;
			when = tdate_moment(&date);
			break;
		default:
			return usage(opt);
		}
	}
	if (argc - optind != 1)
		return usage(0);
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	if (store_measure_get(j.s, argv[optind], &d, &c->err) != 0) {
		cli_close_store(&j);
		return 1;
	}
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && !want_json) {
		rc = ask_items(c, d, answers);
		n = d->nitems;
	} else {
		size_t len;

		rc = file_read_all("-", &text, &len, ANSWERS_TEXT_MAX,
		    &c->err) != 0;
		if (rc == 0)
			rc = (n = parse_answers(c, text, answers,
			    MEASURE_ITEMS_MAX)) < 0;
		cli_free_text(text);
	}
	if (rc == 0) {
		if (share < 0)
			share = store_measure_share_default(j.s);
		rc = store_measure_save(j.s, d, answers, (size_t)n, share,
		    when, uuid, &c->err) != 0;
	}
	if (rc == 0 && want_json) {
		rc = store_measure_response_json(j.s, uuid, &json, &c->err)
		    != 0;
		if (rc == 0)
			cli_print_json(json);
	} else if (rc == 0) {
		rc = store_measure_response(j.s, uuid, took_one, NULL, &c->err)
		    != 0;
	}
	measure_def_free(d);
	cli_close_store(&j);
	return rc;
}

/* ---- show, add ---- */

static int
measure_show(struct cli *c, int argc, char **argv)
{
	char uuid[STORE_UUID_LEN + 1], *json;
	int opt, want_json = 0, rc;
	struct journal j;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, measure_longopts)) != -1)
		if (opt == OPT_JSON)
			want_json = 1;
		else
			return usage(opt);
	if (argc - optind != 1)
		return usage(0);
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	rc = store_measure_resolve(j.s, argv[optind], uuid, &c->err);
	if (rc == 0 && want_json) {
		rc = store_measure_response_json(j.s, uuid, &json, &c->err);
		if (rc == 0)
			cli_print_json(json);
	} else if (rc == 0) {
		rc = store_measure_response(j.s, uuid, show_one, NULL,
		    &c->err);
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

static int
measure_add(struct cli *c, int argc, char **argv)
{
	struct measure_def *d = NULL;
	char *text, *problems = NULL;
	const char *file;
	struct journal j;
	size_t len;
	int opt, n, rc;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, measure_longopts)) != -1)
		return usage(opt);
	if (argc - optind != 1 || strcmp(argv[optind], "-") == 0)
		return usage(0);
	file = argv[optind];
	if (file_read_all(file, &text, &len, MEASURE_FILE_MAX, &c->err) != 0)
		return 1;
	/* Every mistake first, before the passphrase is asked for. */
	if ((n = measure_def_parse(file, text, len, &d, &problems)) != 0) {
		fputs(problems, stderr);
		free(problems);
		free(text);
		return cli_error(c, "%s has %d mistake%s; nothing was added",
		    file, n, n == 1 ? "" : "s");
	}
	if (cli_open_store(c, VAULT_WRITE, &j) != 0) {
		measure_def_free(d);
		free(text);
		return 1;
	}
	rc = store_measure_add(j.s, file, text, len, NULL, &c->err);
	if (rc == 0)
		printf("added %s (%s, %d items); take it with: tend measure "
		    "take %s\n", d->name, d->title, d->nitems, d->name);
	cli_close_store(&j);
	measure_def_free(d);
	free(text);
	return rc == 0 ? 0 : 1;
}

int
cmd_measure(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return usage(0);
	if (strcmp(argv[1], "list") == 0)
		return measure_list(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "take") == 0)
		return measure_take(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return measure_show(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "add") == 0)
		return measure_add(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return usage('h');
	return usage(0);
}
