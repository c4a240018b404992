/*
 * cmd-track.c: check-ins, the session timeline, the agenda and stats:
 * tend checkin [edit ID|rm ID|list], session add|list|rm,
 * agenda add|list|done|undone, stats.
 *
 * Check-ins have no trash (the schema keeps none for them): `checkin rm`
 * deletes one for good, so it asks first on the terminal, and without
 * one it needs --yes.  `checkin edit` changes only the fields given.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

#define MAX_SYMPTOMS 16

enum {
	OPT_MOOD = 1000, OPT_ANXIETY, OPT_SLEEP, OPT_ENERGY, OPT_CONNECTION,
	OPT_SLEEP_HOURS, OPT_SYMPTOM, OPT_NOTE, OPT_DATE, OPT_KIND, OPT_TITLE,
	OPT_JSON, OPT_SHARE, OPT_PRIVATE, OPT_SAFETY, OPT_YES, OPT_SINCE,
	OPT_UNTIL,
};

static const struct option track_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "mood", required_argument, NULL, OPT_MOOD },
	{ "anxiety", required_argument, NULL, OPT_ANXIETY },
	{ "sleep", required_argument, NULL, OPT_SLEEP },
	{ "energy", required_argument, NULL, OPT_ENERGY },
	{ "connection", required_argument, NULL, OPT_CONNECTION },
	{ "sleep-hours", required_argument, NULL, OPT_SLEEP_HOURS },
	{ "symptom", required_argument, NULL, OPT_SYMPTOM },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "share", no_argument, NULL, OPT_SHARE },
	{ "private", no_argument, NULL, OPT_PRIVATE },
	{ "safety", required_argument, NULL, OPT_SAFETY },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ NULL, 0, NULL, 0 },
};

/* A 0-10 scale value from an option ("none" leaves it out when edit is
 * set). */
static int
parse_scale(struct cli *c, const char *what, const char *arg, int edit,
    int *out)
{
	char *end;
	long v;

	if (edit && strcmp(arg, "none") == 0) {
		*out = CHECKIN_UNSET;
		return 0;
	}
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0 || v > 10)
		return err_set(&c->err, "%s must be a whole number from 0 to "
		    "10 (got '%.20s')", what, arg);
	*out = (int)v;
	return 0;
}

/* Print usage for the command or subcommand; 0 after -h. */
static int
usage_or_help(int opt, const char *name)
{
	cli_usage(cli_find(name));
	return opt == 'h' ? 0 : 2;
}

/* What was given on the command line for a check-in. */
enum {
	GIVEN_MOOD = 1 << 0, GIVEN_ANXIETY = 1 << 1, GIVEN_SLEEP = 1 << 2,
	GIVEN_ENERGY = 1 << 3, GIVEN_CONNECTION = 1 << 4,
	GIVEN_HOURS = 1 << 5, GIVEN_SYMPTOMS = 1 << 6, GIVEN_NOTE = 1 << 7,
	GIVEN_SAFETY = 1 << 8,
};

struct checkin_args {
	struct checkin_new n;
	const char *symptoms[MAX_SYMPTOMS];
	unsigned given;         /* GIVEN_* */
	int share;              /* -1: not said */
	int edit;               /* checkin edit: "none" clears a field */
};

/* The options of checkin and checkin edit (name: for the usage line).
 * Returns -1 to go on, else the exit status. */
static int
checkin_options(struct cli *c, int argc, char **argv, const char *name,
    struct checkin_args *a)
{
	struct checkin_new *n = &a->n;
	char *end;
	int opt;

	n->anxiety = n->sleep = n->energy = n->connection = CHECKIN_UNSET;
	n->sleep_hours = CHECKIN_UNSET;
	n->symptoms = a->symptoms;
	a->share = -1;
	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, track_longopts)) != -1) {
		int *scale = NULL;
		const char *what = NULL;
		unsigned g = 0;

		switch (opt) {
		case OPT_MOOD:
			scale = &n->mood, what = "mood", g = GIVEN_MOOD;
			break;
		case OPT_ANXIETY:
			scale = &n->anxiety, what = "anxiety", g = GIVEN_ANXIETY;
			break;
		case OPT_SLEEP:
			scale = &n->sleep, what = "sleep quality";
			g = GIVEN_SLEEP;
			break;
		case OPT_ENERGY:
			scale = &n->energy, what = "energy", g = GIVEN_ENERGY;
			break;
		case OPT_CONNECTION:
			scale = &n->connection, what = "connection";
			g = GIVEN_CONNECTION;
			break;
		case OPT_SLEEP_HOURS:
			a->given |= GIVEN_HOURS;
			if (a->edit && strcmp(optarg, "none") == 0) {
				n->sleep_hours = CHECKIN_UNSET;
				break;
			}
			errno = 0;
			n->sleep_hours = strtod(optarg, &end);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    !isfinite(n->sleep_hours) || n->sleep_hours < 0 ||
			    n->sleep_hours > 24)
				return cli_error(c, "hours of sleep must be "
				    "a number from 0 to 24");
			break;
		case OPT_SYMPTOM:
			a->given |= GIVEN_SYMPTOMS;
			if (a->edit && strcmp(optarg, "none") == 0)
				break;
			if (!store_symptom_valid(optarg))
				return cli_error(c, "'%.40s' is not a "
				    "symptom tend knows (nightmares, "
				    "flashbacks, avoidance, on-edge, numbness, "
				    "concentration, irritability)", optarg);
			if (n->nsymptoms < MAX_SYMPTOMS)
				a->symptoms[n->nsymptoms++] = optarg;
			break;
		case OPT_NOTE:
			a->given |= GIVEN_NOTE;
			n->note = optarg;
			break;
		case OPT_DATE:
			if (cli_parse_moment(c, "--date", optarg,
			    &n->when) != 0)
				return 1;
			break;
		case OPT_SHARE:
		case OPT_PRIVATE:
			if (a->share == (opt == OPT_PRIVATE)) {
				fprintf(stderr, "tend: %s takes --share or "
				    "--private, not both\n", name);
				return cli_usage(cli_find("checkin"));
			}
			a->share = opt == OPT_SHARE;
			break;
		case OPT_SAFETY:
			a->given |= GIVEN_SAFETY;
			if (a->edit && strcmp(optarg, "none") == 0) {
				n->safety = CHECKIN_SAFETY_UNANSWERED;
				break;
			}
			if (store_safety_parse(optarg, &n->safety) != 0) {
				fprintf(stderr, "tend: --safety takes yes or no "
				    "(got '%.20s')\n", optarg);
				return cli_usage(cli_find("checkin"));
			}
			break;
		default:
			return usage_or_help(opt, "checkin");
		}
		a->given |= g;
		if (scale != NULL && parse_scale(c, what, optarg, a->edit,
		    scale) != 0)
			return 1;
	}
	if (a->edit && (a->given & GIVEN_MOOD) && n->mood == CHECKIN_UNSET)
		return cli_error(c, "the mood cannot be left out; give a "
		    "number from 0 to 10");
	return -1;
}

struct checkin_found {
	struct checkin_new n;
	const char *symptoms[MAX_SYMPTOMS];
	char *note;
	time_t time;
	int found;
};

static int
checkin_keep(const struct checkin *r, void *arg)
{
	struct checkin_found *f = arg;
	size_t i;

	f->found = 1;
	f->time = r->time;
	f->n.mood = r->mood;
	f->n.anxiety = r->anxiety;
	f->n.sleep = r->sleep;
	f->n.energy = r->energy;
	f->n.connection = r->connection;
	f->n.sleep_hours = r->sleep_hours;
	f->n.shared = r->shared;
	f->n.safety = r->safety;
	f->n.symptoms = f->symptoms;
	for (i = 0; i < MAX_SYMPTOMS && store_symptoms[i] != NULL; i++) {
		char quoted[40];

		snprintf(quoted, sizeof quoted, "\"%s\"", store_symptoms[i]);
		if (r->symptoms != NULL && strstr(r->symptoms, quoted) != NULL)
			f->symptoms[f->n.nsymptoms++] = store_symptoms[i];
	}
	f->note = strdup(r->note != NULL ? r->note : "");
	return 0;
}

/* Read check-in uuid into f (f->found 0 when there is none). */
static int
checkin_read(struct cli *c, struct journal *j, const char *uuid,
    struct checkin_found *f)
{
	memset(f, 0, sizeof *f);
	if (store_checkin_get(j->s, uuid, checkin_keep, f, &c->err) != 0)
		return -1;
	if (!f->found) {
		cli_error(c, "there is no check-in %.12s", uuid);
		return -1;
	}
	if (f->note == NULL) {
		cli_error(c, "out of memory");
		return -1;
	}
	return 0;
}

static int
checkin_edit(struct cli *c, int argc, char **argv)
{
	char uuid[STORE_UUID_LEN + 1];
	struct checkin_args a;
	struct checkin_found f;
	struct journal j;
	int rc;

	memset(&a, 0, sizeof a);
	a.edit = 1;
	if ((rc = checkin_options(c, argc, argv, "checkin edit", &a)) != -1)
		return rc;
	if (argc - optind != 1)
		return cli_usage(cli_find("checkin"));
	if (a.given == 0 && a.share < 0 && a.n.when == 0)
		return cli_error(c, "nothing to change: give the fields to "
		    "change, e.g. --mood 6 or --note TEXT");
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	rc = store_resolve(j.s, STORE_CHECKIN, argv[optind], uuid, &c->err);
	if (rc == 0)
		rc = checkin_read(c, &j, uuid, &f);
	if (rc != 0) {
		cli_close_store(&j);
		return 1;
	}
	/* What was given replaces what was there; the rest stays. */
	if (a.given & GIVEN_MOOD)
		f.n.mood = a.n.mood;
	if (a.given & GIVEN_ANXIETY)
		f.n.anxiety = a.n.anxiety;
	if (a.given & GIVEN_SLEEP)
		f.n.sleep = a.n.sleep;
	if (a.given & GIVEN_ENERGY)
		f.n.energy = a.n.energy;
	if (a.given & GIVEN_CONNECTION)
		f.n.connection = a.n.connection;
	if (a.given & GIVEN_HOURS)
		f.n.sleep_hours = a.n.sleep_hours;
	if (a.given & GIVEN_SYMPTOMS) {
		f.n.symptoms = a.symptoms;
		f.n.nsymptoms = a.n.nsymptoms;
	}
	f.n.note = (a.given & GIVEN_NOTE) ? a.n.note : f.note;
	if (a.given & GIVEN_SAFETY)
		f.n.safety = a.n.safety;
	if (a.share >= 0)
		f.n.shared = a.share;
	f.n.when = a.n.when;
	rc = store_checkin_update(j.s, uuid, &f.n, &c->err);
	if (rc == 0) {
		char id[9], place[96];

		cli_short_id(uuid, id);
		store_place(j.s, a.n.when ? a.n.when : f.time, place,
		    sizeof place);
		printf("changed check-in %s (%s)\n", id, place);
	}
	cli_free_text(f.note);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

/* Ask on the terminal fd; 1 for yes. */
static int
ask_yes(int fd, const char *question)
{
	char answer[16];
	size_t n = 0;
	char ch;

	dprintf(fd, "%s [y/N] ", question);
	while (read(fd, &ch, 1) == 1 && ch != '\n')
		if (n + 1 < sizeof answer)
			answer[n++] = ch;
	answer[n] = '\0';
	return strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0;
}

/* Find the check-in typed as ref, ask on tty (-1: do not ask), delete. */
static int
checkin_rm_in(struct cli *c, struct journal *j, const char *ref, int tty)
{
	char uuid[STORE_UUID_LEN + 1], id[9], when[32], question[160];
	struct checkin_found f;

	if (store_resolve(j->s, STORE_CHECKIN, ref, uuid, &c->err) != 0 ||
	    checkin_read(c, j, uuid, &f) != 0)
		return -1;
	cli_free_text(f.note);
	cli_short_id(uuid, id);
	time_format_local(f.time, when, sizeof when);
	snprintf(question, sizeof question, "Delete the check-in %s of %s "
	    "(mood %d/10) for good?", id, when, f.n.mood);
	if (tty >= 0 && !ask_yes(tty, question))
		return err_set(&c->err, "nothing was deleted");
	if (store_checkin_rm(j->s, uuid, &c->err) != 0)
		return -1;
	printf("deleted check-in %s (%s, mood %d/10)\n", id, when, f.n.mood);
	return 0;
}

static int
checkin_rm(struct cli *c, int argc, char **argv)
{
	struct journal j;
	int opt, yes = 0, tty = -1, rc = -1;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, track_longopts)) != -1) {
		if (opt == OPT_YES)
			yes = 1;
		else
			return usage_or_help(opt, "checkin");
	}
	if (argc - optind != 1)
		return cli_usage(cli_find("checkin"));
	/* Know before the passphrase is asked whether we can ask. */
	if (!yes && (tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0)
		return cli_error(c, "deleting a check-in needs a yes: there is "
		    "no terminal to ask on, so nothing was deleted (add --yes "
		    "to delete it without asking)");
	if (cli_open_store(c, VAULT_WRITE, &j) == 0) {
		rc = checkin_rm_in(c, &j, argv[optind], tty);
		cli_close_store(&j);
	}
	if (tty >= 0)
		close(tty);
	return rc == 0 ? 0 : 1;
}

static int
print_checkin(const struct checkin *r, void *arg)
{
	char id[9], when[32], sym[160];

	(void)arg;
	cli_short_id(r->uuid, id);
	time_format_local(r->time, when, sizeof when);
	printf("%s  %s  mood %2d", id, when, r->mood);
	if (r->anxiety != CHECKIN_UNSET)
		printf("  anxiety %2d", r->anxiety);
	if (r->sleep != CHECKIN_UNSET)
		printf("  sleep %2d", r->sleep);
	if (r->sleep_hours != CHECKIN_UNSET)
		printf("  %.1f h", r->sleep_hours);
	if (r->energy != CHECKIN_UNSET)
		printf("  energy %2d", r->energy);
	if (r->connection != CHECKIN_UNSET)
		printf("  connection %2d", r->connection);
	store_symptoms_text(r->symptoms, sym, sizeof sym);
	if (sym[0] != '\0')
		printf("  [%s]", sym);
	printf("  %s", r->shared ? "shared" : "private");
	if (r->note != NULL && r->note[0] != '\0') {
		printf("  ");
		cli_print_clean(r->note, 0);
	}
	printf("\n");
	return 0;
}

static int
checkin_list(struct cli *c, int argc, char **argv)
{
	const char *since = NULL, *until = NULL;
	time_t from = 0, to = 0;
	struct journal j;
	char *json;
	int opt, rc, want_json = 0;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, track_longopts)) != -1) {
		if (opt == OPT_JSON)
			want_json = 1;
		else if (opt == OPT_SINCE)
			since = optarg;
		else if (opt == OPT_UNTIL)
			until = optarg;
		else
			return usage_or_help(opt, "checkin");
	}
	if (argc != optind)
		return cli_usage(cli_find("checkin"));
	if (cli_day_range(c, since, until, &from, &to) != 0)
		return 1;
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	if (want_json) {
		rc = store_checkin_list_json(j.s, from, to, &json, &c->err);
		if (rc == 0)
			cli_print_json(json);
	} else
		rc = store_checkin_list(j.s, from, to, print_checkin, NULL,
		    &c->err);
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

int
cmd_checkin(struct cli *c, int argc, char **argv)
{
	char uuid[STORE_UUID_LEN + 1];
	struct checkin_args a;
	struct journal j;
	int rc;

	if (argc >= 2 && strcmp(argv[1], "edit") == 0)
		return checkin_edit(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rm") == 0)
		return checkin_rm(c, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return checkin_list(c, argc - 1, argv + 1);
	memset(&a, 0, sizeof a);
	if ((rc = checkin_options(c, argc, argv, "checkin", &a)) != -1)
		return rc;
	if (optind != argc || !(a.given & GIVEN_MOOD)) {
		if (!(a.given & GIVEN_MOOD) && optind == argc)
			fprintf(stderr, "tend: checkin needs --mood N (0-10)\n");
		return cli_usage(cli_find("checkin"));
	}
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	/* Neither --share nor --private: the journal's setting, as in the
	 * app. */
	a.n.shared = a.share >= 0 ? a.share : store_checkin_share_default(j.s);
	rc = store_checkin_add(j.s, &a.n, uuid, &c->err);
	if (rc == 0) {
		char id[9], place[96];

		cli_short_id(uuid, id);
		store_place(j.s, a.n.when ? a.n.when : time(NULL), place,
		    sizeof place);
		printf("saved check-in %s (%s)\n", id, place);
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

static int
print_session(const struct session *r, void *arg)
{
	char id[9], when[32], label[32];

	(void)arg;
	cli_short_id(r->uuid, id);
	time_format_local(r->time, when, sizeof when);
	if (r->medicine_no > 0)
		snprintf(label, sizeof label, "medicine %d", r->medicine_no);
	else
		snprintf(label, sizeof label, "%s",
		    store_session_kind_name(r->kind));
	printf("%s  %s  %-12s  %s\n", id, when, label, r->title);
	return 0;
}

static int
session_add(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *date = NULL, *title = NULL;
	char uuid[STORE_UUID_LEN + 1];
	enum session_kind k;
	struct journal j;
	struct tdate d;
	int opt, rc;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, track_longopts)) != -1) {
		if (opt == OPT_KIND)
			kind = optarg;
		else if (opt == OPT_DATE)
			date = optarg;
		else if (opt == OPT_TITLE)
			title = optarg;
		else
			return usage_or_help(opt, "session");
	}
	if (optind != argc || kind == NULL || date == NULL)
		return cli_usage(cli_find("session"));
	if (store_session_kind_parse(kind, &k) != 0)
		return cli_error(c, "'%.40s' is not a kind of session "
		    "(preparation, medicine, integration or other)", kind);
	if (cli_parse_date(c, "--date", date, &d) != 0)
		return 1;
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	rc = store_session_add(j.s, k, tdate_moment(&d), title, NULL, uuid,
	    &c->err);
	if (rc == 0) {
		char id[9];

		cli_short_id(uuid, id);
		printf("saved session %s\n", id);
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}

/* Parse "--json" or nothing, and n operands, for list/rm/done forms.
 * json must not be NULL.  Returns -1 to go on, else the exit status. */
static int
simple_args(struct cli *c, int argc, char **argv, const char *name,
    int nargs, int *json)
{
	int opt;

	*json = 0;
	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, track_longopts)) != -1) {
		if (opt == OPT_JSON && nargs == 0)
			*json = 1;
		else
			return usage_or_help(opt, name);
	}
	if (argc - optind != nargs)
		return cli_usage(cli_find(name));
	return -1;
}

int
cmd_session(struct cli *c, int argc, char **argv)
{
	struct journal j;
	char *json;
	int rc, want_json;

	if (argc < 2)
		return cli_usage(cli_find("session"));
	if (strcmp(argv[1], "add") == 0)
		return session_add(c, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0) {
		if ((rc = simple_args(c, argc - 1, argv + 1, "session", 0,
		    &want_json)) != -1)
			return rc;
		if (cli_open_store(c, 0, &j) != 0)
			return 1;
		if (want_json) {
			rc = store_session_list_json(j.s, &json, &c->err);
			if (rc == 0)
				cli_print_json(json);
		} else
			rc = store_session_list(j.s, print_session, NULL,
			    &c->err);
		cli_close_store(&j);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "rm") == 0) {
		char id[9];

		if ((rc = simple_args(c, argc - 1, argv + 1, "session", 1,
		    &want_json)) != -1)
			return rc;
		if (cli_act_on(c, STORE_SESSION, argv[optind + 1],
		    store_session_rm, id) != 0)
			return 1;
		printf("removed session %s\n", id);
		return 0;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_usage(cli_find("session"));
		return 0;
	}
	return cli_usage(cli_find("session"));
}

static int
print_agenda(const struct agenda_item *r, void *arg)
{
	char id[9];

	(void)arg;
	cli_short_id(r->uuid, id);
	if (r->done != 0) {
		char when[32];

		time_format_local(r->done, when, sizeof when);
		printf("%s  [x] %s  (done %s)\n", id, r->text, when);
	} else
		printf("%s  [ ] %s\n", id, r->text);
	return 0;
}

int
cmd_agenda(struct cli *c, int argc, char **argv)
{
	struct journal j;
	char *json;
	int rc, want_json;

	if (argc < 2)
		return cli_usage(cli_find("agenda"));
	if (strcmp(argv[1], "add") == 0) {
		char uuid[STORE_UUID_LEN + 1], *text;
		int opt;

		optind = 0;
		while ((opt = cli_next_option(c, argc - 1, argv + 1,
		    track_longopts)) != -1)
			return usage_or_help(opt, "agenda");
		if (optind + 1 >= argc)
			return cli_usage(cli_find("agenda"));
		text = cli_join_args(argc - 1 - optind, argv + 1 + optind);
		if (cli_open_store(c, VAULT_WRITE, &j) != 0) {
			cli_free_text(text);
			return 1;
		}
		rc = store_agenda_add(j.s, text, uuid, &c->err);
		cli_free_text(text);
		if (rc == 0) {
			char id[9];

			cli_short_id(uuid, id);
			printf("saved agenda item %s\n", id);
		}
		cli_close_store(&j);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "list") == 0) {
		if ((rc = simple_args(c, argc - 1, argv + 1, "agenda", 0,
		    &want_json)) != -1)
			return rc;
		if (cli_open_store(c, 0, &j) != 0)
			return 1;
		if (want_json) {
			rc = store_agenda_list_json(j.s, &json, &c->err);
			if (rc == 0)
				cli_print_json(json);
		} else
			rc = store_agenda_list(j.s, print_agenda, NULL,
			    &c->err);
		cli_close_store(&j);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "done") == 0) {
		char id[9];

		if ((rc = simple_args(c, argc - 1, argv + 1, "agenda", 1,
		    &want_json)) != -1)
			return rc;
		if (cli_act_on(c, STORE_AGENDA, argv[optind + 1],
		    store_agenda_done, id) != 0)
			return 1;
		printf("marked agenda item %s done\n", id);
		return 0;
	}
	if (strcmp(argv[1], "undone") == 0) {
		char id[9];

		if ((rc = simple_args(c, argc - 1, argv + 1, "agenda", 1,
		    &want_json)) != -1)
			return rc;
		if (cli_act_on(c, STORE_AGENDA, argv[optind + 1],
		    store_agenda_undone, id) != 0)
			return 1;
		printf("opened agenda item %s again\n", id);
		return 0;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cli_usage(cli_find("agenda"));
		return 0;
	}
	return cli_usage(cli_find("agenda"));
}

static int
print_group(const struct stats_group *g, void *arg)
{
	(void)arg;
	printf("  %-34s %4ld check-ins  mood %4.1f  (%d-%d)\n", g->label,
	    g->checkins, g->mood_mean, g->mood_min, g->mood_max);
	return 0;
}

int
cmd_stats(struct cli *c, int argc, char **argv)
{
	struct stats st;
	struct journal j;
	char *json;
	int rc, want_json;

	if ((rc = simple_args(c, argc, argv, "stats", 0, &want_json)) != -1)
		return rc;
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	if (want_json) {
		rc = store_stats_json(j.s, time(NULL), &json, &c->err);
		if (rc == 0)
			cli_print_json(json);
	} else if ((rc = store_stats(j.s, time(NULL), &st, &c->err)) == 0) {
		printf("entries:         %ld (%ld in the trash)\n", st.entries,
		    st.trashed);
		printf("check-ins:       %ld\n", st.checkins);
		printf("sessions:        %ld\n", st.sessions);
		printf("agenda (open):   %ld\n", st.agenda_open);
		printf("check-in streak: %ld %s\n", st.streak,
		    st.streak == 1 ? "day" : "days");
		if (st.checkins > 0) {
			printf("mood by phase:\n");
			rc = store_stats_groups(j.s, 0, print_group, NULL,
			    &c->err);
			if (rc == 0) {
				printf("mood by week (from Monday):\n");
				rc = store_stats_groups(j.s, 1, print_group,
				    NULL, &c->err);
			}
		}
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}
