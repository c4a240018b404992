/*
 * cmd-share.c: tend identity, therapist, export (bundles) and review.
 *
 * The identity file defaults to $XDG_DATA_HOME/tend/identity.tend;
 * --identity F names another.  Passphrases come from the terminal or the
 * files named by --passphrase-file (the identity's or the vault's) and
 * --share-passphrase-file, never from the arguments.
 *
 * An export names who can open it: --to NAME (a stored therapist) or
 * --to KEY (a tend1... key), and/or --share-passphrase.  With none of
 * these it is a usage error rather than "every stored therapist": a bundle
 * should never reach someone the patient did not name this time.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/fileio.h"
#include "tend/progress.h"
#include "tend/share.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/ui.h"
#include "tend/utf8.h"
#include "tend/vault.h"

#define MAX_TO 8

enum {
	OPT_KDF = 1000, OPT_IDENTITY, OPT_JSON, OPT_MD, OPT_SHARE_PASS_FILE,
	OPT_OUT, OPT_TO, OPT_SHARE_PASS, OPT_SINCE, OPT_UNTIL, OPT_ALL,
	OPT_FORMAT, OPT_YES,
};

static const struct option share_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "kdf", required_argument, NULL, OPT_KDF },
	{ "identity", required_argument, NULL, OPT_IDENTITY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "md", no_argument, NULL, OPT_MD },
	{ "share-passphrase-file", required_argument, NULL,
	    OPT_SHARE_PASS_FILE },
	{ "output", required_argument, NULL, OPT_OUT },
	{ "to", required_argument, NULL, OPT_TO },
	{ "share-passphrase", no_argument, NULL, OPT_SHARE_PASS },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "yes", no_argument, NULL, OPT_YES },
	{ NULL, 0, NULL, 0 },
};

struct share_args {
	const char *kdf, *identity, *share_pass_file, *out, *since, *until;
	const char *format;
	int yes;
	const char *to[MAX_TO];
	int nto, json, md, share_pass, all;
	int nargs;
	char **args;
};

/* Parse argv from argv[first] on (argv[0] is the command, argv[1] maybe
 * its subcommand) accepting only the options in allowed; 0 or 2. */
static int
parse(struct cli *c, int argc, char **argv, int first, const int *allowed,
    int maxargs, struct share_args *a)
{
	const struct command *cmd = cli_find(argv[0]);
	int opt, i, ok;

	memset(a, 0, sizeof *a);
	optind = 0;
	opterr = 0;
	argc -= first - 1;
	argv += first - 1;
	while ((opt = cli_getopt(argc, argv, ":f:o:h", share_longopts)) != -1) {
		if (opt == '!')
			return 2;
		if (cli_global_option(c, opt, optarg))
			continue;
		if (opt == 'h') {
			cli_print_usage(cmd, stdout);
			exit(0);
		}
		if (opt == 'o')
			opt = OPT_OUT;
		for (ok = 0, i = 0; allowed[i] != 0; i++)
			if (allowed[i] == opt)
				ok = 1;
		if (!ok)
			return cli_bad_option(cmd, opt, argv, share_longopts);
		switch (opt) {
		case OPT_KDF: a->kdf = optarg; break;
		case OPT_IDENTITY: a->identity = optarg; break;
		case OPT_JSON: a->json = 1; break;
		case OPT_MD: a->md = 1; break;
		case OPT_SHARE_PASS_FILE: a->share_pass_file = optarg; break;
		case OPT_OUT: a->out = optarg; break;
		case OPT_SHARE_PASS: a->share_pass = 1; break;
		case OPT_SINCE: a->since = optarg; break;
		case OPT_UNTIL: a->until = optarg; break;
		case OPT_ALL: a->all = 1; break;
		case OPT_FORMAT: a->format = optarg; break;
		case OPT_YES: a->yes = 1; break;
		case OPT_TO:
			if (a->nto == MAX_TO) {
				fprintf(stderr, "tend: a bundle can be opened by "
				    "at most %d therapists\n", MAX_TO);
				return cli_usage(cmd);
			}
			a->to[a->nto++] = optarg;
			break;
		default:
			return cli_bad_option(cmd, opt, argv, share_longopts);
		}
	}
	a->nargs = argc - optind;
	a->args = argv + optind;
	if (a->nargs > maxargs)
		return cli_too_many_args(cmd, maxargs);
	return 0;
}

static char *
identity_path(const struct share_args *a)
{
	return a->identity != NULL ? xstrdup(a->identity) :
	    share_identity_default_path();
}

static void
print_key(const unsigned char pk[32])
{
	char key[SHARE_KEY_CHARS], fpr[SHARE_FPR_CHARS];

	share_key_format(pk, key);
	share_fingerprint(pk, fpr);
	printf("%s\n%s\n", key, fpr);
}

/* ---- tend identity ---- */

static int
identity_new(struct cli *c, const struct share_args *a)
{
	struct secret pass = { NULL, 0 };
	enum vault_kdf kdf = VAULT_KDF_MODERATE;
	unsigned char pk[32];
	char *path;
	int rc;

	if (a->kdf != NULL && vault_kdf_parse(a->kdf, &kdf, &c->err) != 0) {
		fprintf(stderr, "tend: %s\n", c->err.msg);
		return cli_usage(cli_find("identity"));
	}
	path = identity_path(a);
	if (access(path, F_OK) == 0) {
		rc = cli_error(c, "an identity already exists at %s; tend never "
		    "replaces one (tend identity show prints its key)", path);
		free(path);
		return rc;
	}
	if (prompt_passphrase(c, c->passfile, "Passphrase for the new identity",
	    "--passphrase-file", 1, &pass) != 0) {
		free(path);
		return 1;
	}
	prompt_progress_on();
	rc = share_identity_create(path, pass.buf, pass.len, kdf, pk, &c->err);
	secret_free(&pass);
	if (rc == 0) {
		print_key(pk);
		fprintf(stderr, "Your identity is in %s.\nGive the first line "
		    "to your patients; compare the fingerprint (second line) "
		    "with them in person.\n", path);
	}
	free(path);
	return rc == 0 ? 0 : 1;
}

static int
identity_show(struct cli *c, const struct share_args *a)
{
	unsigned char pk[32];
	char *path = identity_path(a);
	int rc;

	if (access(path, F_OK) != 0)
		rc = err_set(&c->err, "there is no identity at %s (make one "
		    "with: tend identity new)", path);
	else
		rc = share_identity_public(path, pk, &c->err);
	if (rc == 0)
		print_key(pk);
	free(path);
	return rc == 0 ? 0 : 1;
}

int
cmd_identity(struct cli *c, int argc, char **argv)
{
	static const int new_opts[] = { OPT_KDF, OPT_IDENTITY, 0 };
	static const int show_opts[] = { OPT_IDENTITY, 0 };
	const struct command *cmd = cli_find(argv[0]);
	struct share_args a;
	int rc;

	if (argc < 2)
		return cli_usage(cmd);
	if (strcmp(argv[1], "new") == 0) {
		if ((rc = parse(c, argc, argv, 2, new_opts, 0, &a)) != 0)
			return rc;
		return identity_new(c, &a);
	}
	if (strcmp(argv[1], "show") == 0) {
		if ((rc = parse(c, argc, argv, 2, show_opts, 0, &a)) != 0)
			return rc;
		return identity_show(c, &a);
	}
	fprintf(stderr, "tend: identity has no subcommand '%.40s'\n", argv[1]);
	return cli_usage(cmd);
}

/* ---- tend therapist ---- */

static void
json_string(const char *s, FILE *out)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

struct list_state {
	int json, n;
};

static int
print_therapist(const struct therapist *t, void *arg)
{
	struct list_state *ls = arg;
	char key[SHARE_KEY_CHARS], fpr[SHARE_FPR_CHARS];

	share_key_format(t->key, key);
	share_fingerprint(t->key, fpr);
	if (ls->json) {
		fputs(ls->n ? "," : "", stdout);
		fputs("{\"name\":", stdout);
		json_string(t->name, stdout);
		printf(",\"key\":\"%s\",\"fingerprint\":\"%s\"}", key, fpr);
	} else
		printf("%s\t%s\t%s\n", t->name, key, fpr);
	ls->n++;
	return 0;
}

int
cmd_therapist(struct cli *c, int argc, char **argv)
{
	static const int list_opts[] = { OPT_JSON, 0 };
	static const int none[] = { 0 };
	const struct command *cmd = cli_find(argv[0]);
	struct list_state ls = { 0, 0 };
	struct share_args a;
	struct journal j;
	int rc;

	if (argc < 2)
		return cli_usage(cmd);
	if (strcmp(argv[1], "add") == 0) {
		unsigned char pk[32];

		if ((rc = parse(c, argc, argv, 2, none, 2, &a)) != 0)
			return rc;
		if (a.nargs != 2)
			return cli_usage(cmd);
		if (share_key_parse(a.args[1], pk, &c->err) != 0)
			return 1;
		if (cli_open_store(c, VAULT_WRITE, &j) != 0)
			return 1;
		rc = store_therapist_add(j.s, a.args[0], pk, &c->err);
		cli_close_store(&j);
		if (rc == 0) {
			char fpr[SHARE_FPR_CHARS];

			share_fingerprint(pk, fpr);
			printf("Added %s, fingerprint %s: compare it with your "
			    "therapist's.\n", a.args[0], fpr);
		}
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "rm") == 0) {
		if ((rc = parse(c, argc, argv, 2, none, 1, &a)) != 0)
			return rc;
		if (a.nargs != 1)
			return cli_usage(cmd);
		if (cli_open_store(c, VAULT_WRITE, &j) != 0)
			return 1;
		rc = store_therapist_rm(j.s, a.args[0], &c->err);
		cli_close_store(&j);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(argv[1], "list") == 0) {
		if ((rc = parse(c, argc, argv, 2, list_opts, 0, &a)) != 0)
			return rc;
		ls.json = a.json;
		if (cli_open_store(c, 0, &j) != 0)
			return 1;
		if (ls.json)
			fputc('[', stdout);
		rc = store_therapist_list(j.s, print_therapist, &ls, &c->err);
		if (ls.json)
			fputs("]\n", stdout);
		cli_close_store(&j);
		return rc == 0 ? 0 : 1;
	}
	fprintf(stderr, "tend: therapist has no subcommand '%.40s'\n", argv[1]);
	return cli_usage(cmd);
}

/* ---- tend export (bundles) ---- */

static void
day_text(time_t t, char out[16])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static void
say_counts(const struct export_counts *n, const struct export_scope *sc)
{
	fprintf(stderr, "This bundle will hold %ld entr%s marked to share",
	    n->entries_shared, n->entries_shared == 1 ? "y" : "ies");
	if (sc->all)
		fprintf(stderr, " and %ld private entr%s (--all)",
		    n->entries_private, n->entries_private == 1 ? "y" : "ies");
	if (sc->all && n->checkins_private > 0)
		fprintf(stderr, ", %ld check-ins (%ld of them private, --all)",
		    n->checkins + n->checkins_private, n->checkins_private);
	else
		fprintf(stderr, ", %ld check-in%s", n->checkins,
		    n->checkins == 1 ? "" : "s");
	if (n->measures + (sc->all ? n->measures_private : 0) > 0)
		fprintf(stderr, ", %ld questionnaire answer%s",
		    n->measures + (sc->all ? n->measures_private : 0),
		    n->measures + (sc->all ? n->measures_private : 0) == 1 ?
		    "" : "s");
	fprintf(stderr, ", %ld session%s and %ld open agenda item%s",
	    n->sessions, n->sessions == 1 ? "" : "s", n->agenda,
	    n->agenda == 1 ? "" : "s");
	if (n->first != 0) {
		char a[16], b[16];

		day_text(n->first, a);
		day_text(n->last, b);
		fprintf(stderr, ", from %s to %s", a, b);
	}
	fputs(".\n", stderr);
	if (!sc->all && n->entries_private > 0)
		fprintf(stderr, "%ld private entr%s in this range stay%s out "
		    "(--all would include %s).\n", n->entries_private,
		    n->entries_private == 1 ? "y" : "ies",
		    n->entries_private == 1 ? "s" : "",
		    n->entries_private == 1 ? "it" : "them");
	if (!sc->all && n->checkins_private > 0)
		fprintf(stderr, "%ld private check-in%s in this range stay%s "
		    "out (--all would include %s).\n", n->checkins_private,
		    n->checkins_private == 1 ? "" : "s",
		    n->checkins_private == 1 ? "s" : "",
		    n->checkins_private == 1 ? "it" : "them");
	if (!sc->all && n->measures_private > 0)
		fprintf(stderr, "%ld private questionnaire answer%s in this "
		    "range stay%s out (--all would include %s).\n",
		    n->measures_private, n->measures_private == 1 ? "" : "s",
		    n->measures_private == 1 ? "s" : "",
		    n->measures_private == 1 ? "it" : "them");
}

/* Resolve each --to into a key; 0 or 1 with c->err set. */
static int
resolve_to(struct cli *c, struct store *s, const struct share_args *a,
    unsigned char keys[][32])
{
	char fpr[SHARE_FPR_CHARS];
	int i, k;

	for (i = 0; i < a->nto; i++) {
		const char *to = a->to[i];

		if (strncasecmp(to, "tend1", 5) == 0) {
			if (share_key_parse(to, keys[i], &c->err) != 0)
				return err_prefix(&c->err, "--to");
		} else if (store_therapist_get(s, to, keys[i], &c->err) != 0)
			return -1;
		for (k = 0; k < i; k++)
			if (memcmp(keys[k], keys[i], 32) == 0)
				return err_set(&c->err, "--to names the same "
				    "therapist twice");
		share_fingerprint(keys[i], fpr);
		fprintf(stderr, "It opens for %s (fingerprint %s).\n",
		    strncasecmp(to, "tend1", 5) == 0 ? "the key given" : to,
		    fpr);
	}
	return 0;
}

static int
export_bundle(struct cli *c, const struct share_args *a,
    const struct export_scope *sc)
{
	unsigned char keys[MAX_TO][32];
	char *words = NULL, fpr[SHARE_FPR_CHARS];
	struct share_export x;
	struct export_counts n;
	struct progress p;
	struct journal j;
	int rc = 1;

	if (access(a->out, F_OK) == 0)
		return cli_error(c, "%s already exists; tend does not overwrite "
		    "it (name a new file)", a->out);
	if (cli_open_store(c, 0, &j) != 0)
		return 1;
	if (resolve_to(c, j.s, a, keys) != 0 ||
	    store_export_counts(j.s, sc, &n, &c->err) != 0)
		goto done;
	if (a->share_pass)
		fputs("It opens with a share passphrase (shown below).\n",
		    stderr);
	say_counts(&n, sc);
	memset(&x, 0, sizeof x);
	x.scope = sc;
	x.keys = (const unsigned char (*)[32])keys;
	x.nkeys = (size_t)a->nto;
	x.share_pass = a->share_pass;
	x.kdf = share_export_kdf();
	if (a->share_pass) {
		words = vault_secret_alloc(SHARE_PASSPHRASE_MAX);
		prompt_progress_on();
	}
	progress_stderr(&p);
	progress_begin(&p, "Writing the bundle");
	rc = share_export_bundle(j.s, j.v, &x, a->out, words, fpr, &c->err);
	progress_end(&p);
	rc = rc != 0 ? 1 : 0;
	if (rc != 0)
		goto done;
	fprintf(stderr, "Wrote %s, signed by your journal (fingerprint %s).\n",
	    a->out, fpr);
	if (words != NULL) {
		fputs("The share passphrase, shown only now: give it to your "
		    "therapist separately from the file.\n", stderr);
		printf("%s\n", words);
	}
	rc = 0;
done:
	if (words != NULL)
		vault_secret_free(words);
	cli_close_store(&j);
	return rc;
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const int opts[] = { OPT_OUT, OPT_TO, OPT_SHARE_PASS, OPT_SINCE,
	    OPT_UNTIL, OPT_ALL, 0 };
	const struct command *cmd = cli_find(argv[0]);
	struct export_scope sc = { 0, 0, 0 };
	struct share_args a;
	int rc;

	/* --format: a plaintext export (cmd-export-plain.c) instead. */
	if (cli_export_wants_plain(argc, argv))
		return cli_export_plain(c, argc, argv);
	if ((rc = parse(c, argc, argv, 1, opts, 0, &a)) != 0)
		return rc;
	if (a.out == NULL) {
		fputs("tend: export needs -o FILE\n", stderr);
		return cli_usage(cmd);
	}
	if (a.nto == 0 && !a.share_pass) {
		fputs("tend: say who can open the bundle: --to NAME (tend "
		    "therapist list), --to KEY or --share-passphrase\n", stderr);
		return cli_usage(cmd);
	}
	if (cli_day_range(c, a.since, a.until, &sc.since, &sc.until) != 0)
		return 1;
	if (sc.since != 0 && sc.until != 0 && sc.until <= sc.since)
		return cli_error(c, "--until is before --since");
	sc.all = a.all;
	return export_bundle(c, &a, &sc);
}

/* ---- tend review ---- */

char *
cli_patients_path(const char *identity)
{
	char *id = identity != NULL ? xstrdup(identity) :
	    share_identity_default_path();
	char *p = share_patients_path(id);

	free(id);
	return p;
}

/* share_bundle_open with a progress line (decrypting and checking a big
 * bundle takes a while). */
static int
open_bundle(struct cli *c, const char *bundle,
    const struct share_identity *id, const char *pass, size_t len,
    struct share_bundle **b)
{
	struct progress p;
	int rc;

	progress_stderr(&p);
	progress_begin(&p, "Opening the bundle");
	rc = share_bundle_open(bundle, id, pass, len, b, &c->err);
	progress_end(&p);
	return rc;
}

/* Ask on the terminal for the six words and open the bundle with them. */
static int
open_with_words(struct cli *c, const char *bundle, const char *file,
    struct share_bundle **b)
{
	struct secret pass = { NULL, 0 };
	int rc;

	if (file != NULL)
		rc = prompt_read_line(file, &pass, &c->err);
	else
		rc = prompt_passphrase(c, NULL, "The share passphrase (six "
		    "words)", "--share-passphrase-file", 0, &pass);
	if (rc != 0)
		return -1;
	pass.len = share_passphrase_normalize(pass.buf, pass.len);
	prompt_progress_on();
	rc = open_bundle(c, bundle, NULL, pass.buf, pass.len, b);
	secret_free(&pass);
	return rc;
}

int
cli_bundle_open(struct cli *c, const char *identity,
    const char *share_pass_file, const char *bundle,
    struct share_bundle **b)
{
	struct share_identity *id = NULL;
	struct secret pass = { NULL, 0 };
	struct share_slots sl;
	struct err ignored;
	char *path;
	int rc, tty = isatty(STDIN_FILENO);

	*b = NULL;
	if (share_pass_file != NULL)
		return open_with_words(c, bundle, share_pass_file, b);
	/* On a terminal the six words are asked for when the identity
	 * cannot open the bundle but they can (the slots say so). */
	if (share_bundle_slots(bundle, NULL, &sl, &ignored) != 0)
		memset(&sl, 0, sizeof sl);
	path = identity != NULL ? xstrdup(identity) :
	    share_identity_default_path();
	if (access(path, F_OK) != 0) {
		if (tty && sl.passphrases > 0) {
			free(path);
			return open_with_words(c, bundle, NULL, b);
		}
		rc = err_set(&c->err, "there is no identity at %s (make one "
		    "with tend identity new, or use --share-passphrase-file)",
		    path);
		free(path);
		return rc;
	}
	if (tty && sl.passphrases > 0 && sl.recipients == 0) {
		free(path);
		return open_with_words(c, bundle, NULL, b);
	}
	if (prompt_passphrase(c, c->passfile, "Identity passphrase",
	    "--passphrase-file", 0, &pass) != 0) {
		free(path);
		return -1;
	}
	prompt_progress_on();
	rc = share_identity_open(path, pass.buf, pass.len, &id, &c->err);
	secret_free(&pass);
	free(path);
	if (rc != 0)
		return -1;
	if (tty && sl.passphrases > 0 &&
	    share_bundle_slots(bundle, id, &sl, &ignored) == 0 && !sl.mine) {
		share_identity_free(id);
		fputs("This bundle was not made for your identity; it also "
		    "opens with its share passphrase.\n", stderr);
		return open_with_words(c, bundle, NULL, b);
	}
	rc = open_bundle(c, bundle, id, NULL, 0, b);
	share_identity_free(id);
	return rc;
}

int
cli_bundle_sender(struct cli *c, const char *bundle, const char *identity,
    const struct share_bundle *b, struct store **s, struct share_sender *sd)
{
	char fpr[SHARE_FPR_CHARS], *claimed, *alias, *patients;
	struct progress p;
	struct err e;
	int rc;

	*s = NULL;
	share_fingerprint(b->signer, fpr);
	progress_stderr(&p);
	progress_begin(&p, "Reading the bundle");
	rc = store_open_image(b->img, b->len, s, &c->err);
	progress_end(&p);
	if (rc != 0)
		return err_prefix(&c->err, "%s", bundle);
	claimed = store_meta_get(*s, "export_fingerprint");
	rc = claimed == NULL || strcmp(claimed, fpr) != 0;
	free(claimed);
	if (rc) {
		store_close(*s);
		*s = NULL;
		return err_set(&c->err, "%s names another signer than the one "
		    "whose signature it carries; it cannot be trusted", bundle);
	}
	alias = store_meta_get(*s, "export_alias");
	patients = cli_patients_path(identity);
	if (share_sender_check(patients, b->signer, alias, sd, &e) != 0)
		fprintf(stderr, "tend: warning: %s; the sender is shown as "
		    "unknown\n", e.msg);
	free(patients);
	free(alias);
	return 0;
}

/* Who sent it, in one line (the first of --md, and on stderr). */
static char *
sender_line(const struct share_sender *sd)
{
	const char *alias = sd->alias;

	switch (sd->from) {
	case SHARE_FROM_KNOWN:
		return xasprintf("From: %s (known), fingerprint %s", sd->name,
		    sd->fpr);
	case SHARE_FROM_CHANGED:
		return xasprintf("Changed key: this bundle is named \"%s\" like "
		    "your patient %s, but it is signed by %s, not %s; ask %s "
		    "in person whether they started a new journal before you "
		    "trust it", alias, sd->name, sd->fpr, sd->was, sd->name);
	case SHARE_FROM_UNKNOWN:
		break;
	}
	return xasprintf("Unknown sender: %s%s%s with the fingerprint %s is "
	    "not one of your known patients; compare the fingerprint with "
	    "your patient in person before you trust it (then: tend patient "
	    "add NAME BUNDLE)", sd->alias[0] != '\0' ? "the journal \"" :
	    "a journal without a name", sd->alias, sd->alias[0] != '\0' ?
	    "\"" : "", sd->fpr);
}

/* The "from" member of review --json. */
static void
sender_json(const struct share_sender *sd, FILE *out)
{
	fputs("\"from\":{\"name\":", out);
	if (sd->from == SHARE_FROM_KNOWN)
		json_string(sd->name, out);
	else
		fputs("null", out);
	fprintf(out, ",\"known\":%s,\"changed\":%s,\"fingerprint\":\"%s\","
	    "\"alias\":", sd->from == SHARE_FROM_KNOWN ? "true" : "false",
	    sd->from == SHARE_FROM_CHANGED ? "true" : "false", sd->fpr);
	json_string(sd->alias, out);
	fputs(",\"changed_from\":", out);
	if (sd->from == SHARE_FROM_CHANGED) {
		fputs("{\"name\":", out);
		json_string(sd->name, out);
		fprintf(out, ",\"fingerprint\":\"%s\"}", sd->was);
	} else
		fputs("null", out);
	fputc('}', out);
}

/* Write down in the review's store whom the signature names and whether
 * the identity that opened it is one of them (replacing anything the
 * image says under those keys). */
static int
note_recipients(struct store *s, const struct share_bundle *b,
    struct err *e)
{
	char list[8 * (SHARE_FPR_CHARS + 2) + 32], fpr[SHARE_FPR_CHARS];
	size_t i, used = 0;

	list[0] = '\0';
	for (i = 0; i < b->nrecipients; i++) {
		share_fingerprint(b->recipients[i], fpr);
		used += (size_t)snprintf(list + used, sizeof list - used,
		    "%s%s", used ? ", " : "", fpr);
	}
	if (b->passphrase_slot)
		snprintf(list + used, sizeof list - used, "%sa share passphrase",
		    used ? ", " : "");
	if (store_image_note(s, "export_recipients", list, e) != 0)
		return -1;
	return store_image_note(s, "export_named", b->named ? "yes" :
	    "no, opened with the share passphrase", e);
}

/* Write down in the review's store what the reader knows of the sender
 * (export_sender), for the summary at the top of a report. */
static int
note_sender(struct store *s, const struct share_sender *sd, struct err *e)
{
	char *text;
	int rc;

	switch (sd->from) {
	case SHARE_FROM_KNOWN:
		text = xasprintf("your known patient %s", sd->name);
		break;
	case SHARE_FROM_CHANGED:
		text = xasprintf("named like your patient %s, but signed by "
		    "another key than theirs", sd->name);
		break;
	default:
		text = xstrdup("not one of your known patients");
		break;
	}
	rc = store_image_note(s, "export_sender", text, e);
	free(text);
	return rc;
}

/* How review shows the bundle. */
enum review_mode { REVIEW_APP, REVIEW_JSON, REVIEW_MD, REVIEW_FILE };

/* The full-screen review: the app over the bundle's store, read-only. */
static int
review_app(struct cli *c, struct store *s, const char *bundle,
    const struct share_sender *sd)
{
	struct ui_opts opts = { .vault_path = bundle, .review = s,
	    .sender = sd };
	int locked = 0;

	store_image_interactive(s);
	if (ui_run(&opts, &locked, &c->err) != 0)
		return -1;
	if (locked)
		fprintf(stderr, "The review was closed to keep it private; "
		    "tend review %s opens it again.\n", bundle);
	return 0;
}

/* Print the bundle to standard output as JSON or Markdown, who sent it
 * first; every character that could steer a terminal is taken out. */
/* A store_write_fn to standard output. */
static int
to_stdout(const char *p, size_t n, void *arg)
{
	(void)arg;
	return fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* The same with every character that could steer a terminal taken out
 * (the pieces end on whole characters). */
static int
to_stdout_clean(const char *p, size_t n, void *arg)
{
	char *copy = xmalloc(n + 1);
	size_t len;
	int rc;

	(void)arg;
	memcpy(copy, p, n);
	copy[n] = '\0';
	len = utf8_clean(copy, 1, 0);
	rc = fwrite(copy, 1, len, stdout) == len ? 0 : -1;
	vault_wipe(copy, n + 1);
	free(copy);
	return rc;
}

static int
review_print(struct cli *c, struct store *s, enum review_mode mode,
    const struct share_sender *sd)
{
	int rc;

	if (mode == REVIEW_JSON) {
		fputc('{', stdout);
		sender_json(sd, stdout);
		fputc(',', stdout);
		rc = store_review_json_to(s, sd->fpr, to_stdout, NULL,
		    &c->err);
		if (rc == 0 && fputs("}\n", stdout) == EOF)
			rc = -1;
	} else {
		char *from = sender_line(sd);

		printf("%s\n\n", from);
		free(from);
		rc = report_write(s, REPORT_MD, to_stdout_clean, NULL, &c->err);
	}
	if (rc != 0 && strncmp(c->err.msg, "cannot write", 12) != 0)
		return -1;      /* the store's own words */
	if (rc != 0 || fflush(stdout) != 0)
		return cli_error(c, "cannot write the output");
	return 0;
}

int
cmd_review(struct cli *c, int argc, char **argv)
{
	static const int opts[] = { OPT_JSON, OPT_MD, OPT_IDENTITY,
	    OPT_SHARE_PASS_FILE, OPT_OUT, OPT_FORMAT, OPT_YES, 0 };
	const struct command *cmd = cli_find(argv[0]);
	struct share_sender sd;
	struct share_bundle *b = NULL;
	char *from;
	struct share_args a;
	struct store *s = NULL;
	enum review_mode mode = REVIEW_APP;
	enum report_format f = REPORT_MD;
	int rc, tty = -1;

	if ((rc = parse(c, argc, argv, 1, opts, 1, &a)) != 0)
		return rc;
	if (a.nargs != 1)
		return cli_usage(cmd);
	if (a.json + a.md + (a.out != NULL || a.format != NULL) > 1) {
		fputs("tend: review takes one of --json, --md or -o FILE "
		    "--format F\n", stderr);
		return cli_usage(cmd);
	}
	if (a.json)
		mode = REVIEW_JSON;
	else if (a.md)
		mode = REVIEW_MD;
	else if (a.out != NULL || a.format != NULL) {
		mode = REVIEW_FILE;
		if (a.out == NULL || a.format == NULL) {
			fputs("tend: a report from a bundle needs both -o FILE "
			    "and --format md|json|csv|html\n", stderr);
			return cli_usage(cmd);
		}
		if (report_format_parse(a.format, &f) != 0) {
			fprintf(stderr, "tend: '%.20s' is not a format tend "
			    "writes (md, json, csv or html)\n", a.format);
			return cli_usage(cmd);
		}
		if (cli_plain_prepare(c, a.out, a.yes, &tty) != 0)
			return 1;
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(c, "the full-screen review needs a terminal; "
		    "tend review %s --json or --md prints the bundle instead",
		    a.args[0]);
	rc = 1;
	if (cli_bundle_open(c, a.identity, a.share_pass_file, a.args[0],
	    &b) != 0 || b == NULL)
		goto done;
	if (cli_bundle_sender(c, a.args[0], a.identity, b, &s, &sd) != 0)
		goto done;
	if (note_recipients(s, b, &c->err) != 0 ||
	    note_sender(s, &sd, &c->err) != 0) {
		err_prefix(&c->err, "%s", a.args[0]);
		goto done;
	}
	from = sender_line(&sd);
	fprintf(stderr, "%s.\n", from);
	free(from);
	/* The bundle's plaintext stays only in the store from here on. */
	share_bundle_free(b);
	b = NULL;
	switch (mode) {
	case REVIEW_APP:
		if (review_app(c, s, a.args[0], &sd) != 0)
			goto done;
		break;
	case REVIEW_JSON:
	case REVIEW_MD:
		if (review_print(c, s, mode, &sd) != 0)
			goto done;
		break;
	case REVIEW_FILE:
		rc = cli_plain_finish(c, s, f, a.out, tty, 1);
		s = NULL;       /* finish closed it */
		tty = -1;
		goto done;
	}
	rc = 0;
done:
	if (tty >= 0)
		close(tty);
	store_close(s);
	share_bundle_free(b);
	return rc;
}
