/*
 * cmd-track.c: check-ins, the session timeline, the agenda and stats:
 * tend checkin, session add|list|rm, agenda add|list|done, stats.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

#define MAX_SYMPTOMS 16

enum {
	OPT_MOOD = 1000, OPT_ANXIETY, OPT_SLEEP, OPT_ENERGY, OPT_CONNECTION,
	OPT_SLEEP_HOURS, OPT_SYMPTOM, OPT_NOTE, OPT_DATE, OPT_KIND, OPT_TITLE,
	OPT_JSON, OPT_SHARE, OPT_PRIVATE, OPT_SAFETY,
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
	{ NULL, 0, NULL, 0 },
};

/* A 0-10 scale value from an option. */
static int
parse_scale(struct cli *c, const char *what, const char *arg, int *out)
{
	char *end;
	long v;

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

int
cmd_checkin(struct cli *c, int argc, char **argv)
{
	const char *symptoms[MAX_SYMPTOMS];
	char uuid[STORE_UUID_LEN + 1];
	struct checkin_new n;
	struct journal j;
	struct tdate d;
	char *end;
	int opt, rc, have_mood = 0, share = -1;   /* -1: the setting */

	memset(&n, 0, sizeof n);
	n.anxiety = n.sleep = n.energy = n.connection = CHECKIN_UNSET;
	n.sleep_hours = CHECKIN_UNSET;
	n.symptoms = symptoms;
	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, track_longopts)) != -1) {
		int *scale = NULL;
		const char *what = NULL;

		switch (opt) {
		case OPT_MOOD:
			scale = &n.mood, what = "mood", have_mood = 1;
			break;
		case OPT_ANXIETY:
			scale = &n.anxiety, what = "anxiety";
			break;
		case OPT_SLEEP:
			scale = &n.sleep, what = "sleep quality";
			break;
		case OPT_ENERGY:
			scale = &n.energy, what = "energy";
			break;
		case OPT_CONNECTION:
			scale = &n.connection, what = "connection";
			break;
		case OPT_SLEEP_HOURS:
			errno = 0;
			n.sleep_hours = strtod(optarg, &end);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    !isfinite(n.sleep_hours) || n.sleep_hours < 0 ||
			    n.sleep_hours > 24)
				return cli_error(c, "hours of sleep must be "
				    "a number from 0 to 24");
			break;
		case OPT_SYMPTOM:
			if (!store_symptom_valid(optarg))
				return cli_error(c, "'%.40s' is not a "
				    "symptom tend knows (nightmares, "
				    "flashbacks, avoidance, on-edge, numbness, "
				    "concentration, irritability)", optarg);
			if (n.nsymptoms < MAX_SYMPTOMS)
				symptoms[n.nsymptoms++] = optarg;
			break;
		case OPT_NOTE:
			n.note = optarg;
			break;
		case OPT_DATE:
			if (cli_parse_date(c, "--date", optarg, &d) != 0)
				return 1;
			n.when = tdate_moment(&d);
			break;
		case OPT_SHARE:
		case OPT_PRIVATE:
			if (share == (opt == OPT_PRIVATE)) {
				fprintf(stderr, "tend: checkin takes --share or "
				    "--private, not both\n");
				return cli_usage(cli_find("checkin"));
			}
			share = opt == OPT_SHARE;
			break;
		case OPT_SAFETY:
			if (store_safety_parse(optarg, &n.safety) != 0) {
				fprintf(stderr, "tend: --safety takes yes or no "
				    "(got '%.20s')\n", optarg);
				return cli_usage(cli_find("checkin"));
			}
			break;
		default:
			return usage_or_help(opt, "checkin");
		}
		if (scale != NULL && parse_scale(c, what, optarg, scale) != 0)
			return 1;
	}
	if (optind != argc || !have_mood) {
		if (!have_mood && optind == argc)
			fprintf(stderr, "tend: checkin needs --mood N (0-10)\n");
		return cli_usage(cli_find("checkin"));
	}
	if (cli_open_store(c, VAULT_WRITE, &j) != 0)
		return 1;
	/* Neither --share nor --private: the journal's setting, as in the
	 * app. */
	n.shared = share >= 0 ? share : store_checkin_share_default(j.s);
	rc = store_checkin_add(j.s, &n, uuid, &c->err);
	if (rc == 0) {
		char id[9], place[96];

		cli_short_id(uuid, id);
		store_place(j.s, n.when ? n.when : time(NULL), place,
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
