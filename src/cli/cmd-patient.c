/*
 * cmd-patient.c: names on both sides of a bundle.
 *
 * tend patient (the therapist): the known patients, each a journal's
 * signing fingerprint under a name the therapist chooses, kept in the file
 * "patients" beside the identity (src/share/known.c).  A review says
 * "From: NAME (known)" for them, and warns about every other sender.
 * Adding from a bundle opens it like tend review does, to read the key
 * that signed it (that key is inside the encryption).
 *
 * tend name (the patient): the name the journal's bundles carry, the
 * journal setting "owner".
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/share.h"
#include "tend/store.h"

enum { OPT_IDENTITY = 1000, OPT_SHARE_PASS_FILE, OPT_JSON };

static const struct option patient_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "identity", required_argument, NULL, OPT_IDENTITY },
	{ "share-passphrase-file", required_argument, NULL,
	    OPT_SHARE_PASS_FILE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

struct patient_args {
	const char *identity, *share_pass_file;
	int json;
};

/* Options after "patient SUB"; only those in allowed (a string of
 * option codes as chars is awkward: a 0-ended list) are taken.  Returns
 * 0, or the status to exit with. */
static int
patient_parse(struct cli *c, int argc, char **argv, const int *allowed,
    struct patient_args *pa)
{
	const struct command *cmd = cli_find("patient");
	int opt, i, ok;

	memset(pa, 0, sizeof *pa);
	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, patient_longopts)) !=
	    -1) {
		if (opt == '!')
			return 2;
		if (opt == 'h') {
			cli_print_usage(cmd, stdout);
			return -1;
		}
		for (ok = 0, i = 0; allowed[i] != 0; i++)
			if (allowed[i] == opt)
				ok = 1;
		if (!ok)
			return cli_bad_option(cmd, opt, argv, patient_longopts);
		if (opt == OPT_IDENTITY)
			pa->identity = optarg;
		else if (opt == OPT_SHARE_PASS_FILE)
			pa->share_pass_file = optarg;
		else
			pa->json = 1;
	}
	return 0;
}

static void
json_text(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++)
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else
			putchar(*s);    /* names hold no control characters */
	putchar('"');
}

/* The fingerprint and the alias of the journal that signed bundle. */
static int
bundle_signer(struct cli *c, const struct patient_args *pa,
    const char *bundle, struct share_sender *sd)
{
	struct share_bundle *b = NULL;
	struct store *s = NULL;
	int rc;

	if (cli_bundle_open(c, pa->identity, pa->share_pass_file, bundle,
	    &b) != 0)
		return -1;
	rc = cli_bundle_sender(c, bundle, pa->identity, b, &s, sd);
	store_close(s);
	share_bundle_free(b);
	return rc;
}

static int
patient_add(struct cli *c, const struct patient_args *pa, const char *name,
    const char *what)
{
	struct share_sender sd;
	char *path;
	int rc;

	memset(&sd, 0, sizeof sd);
	if (share_name_check(name, "the name", &c->err) != 0)
		return 1;
	if (share_fingerprint_parse(what, sd.fpr, &c->err) != 0) {
		if (access(what, F_OK) != 0)
			return cli_error(c, "%s is neither a fingerprint (four "
			    "groups of four, like 1A2B-3C4D-5E6F-7G8H) nor a "
			    "bundle file", what);
		if (bundle_signer(c, pa, what, &sd) != 0)
			return 1;
		if (sd.from == SHARE_FROM_KNOWN)
			return cli_error(c, "that journal is already known as "
			    "\"%s\"", sd.name);
	}
	path = cli_patients_path(pa->identity);
	rc = share_patients_add(path, name, sd.fpr, sd.alias, &c->err);
	free(path);
	if (rc != 0)
		return 1;
	if (sd.alias[0] != '\0')
		printf("Added %s: the journal \"%s\", fingerprint %s.\n", name,
		    sd.alias, sd.fpr);
	else
		printf("Added %s: fingerprint %s.\n", name, sd.fpr);
	fputs("Compare the fingerprint with your patient in person if you "
	    "have not yet.\n", stderr);
	return 0;
}

static int
patient_list(struct cli *c, const struct patient_args *pa)
{
	struct share_patients ps;
	char *path = cli_patients_path(pa->identity);
	size_t i;
	int rc;

	rc = share_patients_load(path, &ps, &c->err);
	free(path);
	if (rc != 0)
		return 1;
	if (pa->json)
		putchar('[');
	for (i = 0; i < ps.n; i++) {
		const struct share_patient *p = &ps.p[i];

		if (!pa->json) {
			printf("%s\t%s\t%s\n", p->name, p->fpr, p->alias);
			continue;
		}
		fputs(i > 0 ? ",{\"name\":" : "{\"name\":", stdout);
		json_text(p->name);
		printf(",\"fingerprint\":\"%s\",\"alias\":", p->fpr);
		json_text(p->alias);
		putchar('}');
	}
	if (pa->json)
		puts("]");
	share_patients_free(&ps);
	if (fflush(stdout) != 0)
		return cli_error(c, "cannot write the output");
	return 0;
}

int
cmd_patient(struct cli *c, int argc, char **argv)
{
	static const int add_opts[] = { OPT_IDENTITY, OPT_SHARE_PASS_FILE, 0 };
	static const int list_opts[] = { OPT_IDENTITY, OPT_JSON, 0 };
	static const int rm_opts[] = { OPT_IDENTITY, 0 };
	const struct command *cmd = cli_find(argv[0]);
	struct patient_args pa;
	const int *allowed;
	int rc, nargs;
	char *path;

	if (argc < 2)
		return cli_usage(cmd);
	if (strcmp(argv[1], "add") == 0)
		allowed = add_opts, nargs = 2;
	else if (strcmp(argv[1], "list") == 0)
		allowed = list_opts, nargs = 0;
	else if (strcmp(argv[1], "rm") == 0)
		allowed = rm_opts, nargs = 1;
	else {
		fprintf(stderr, "tend: patient has no subcommand '%.40s'\n",
		    argv[1]);
		return cli_usage(cmd);
	}
	rc = patient_parse(c, argc - 1, argv + 1, allowed, &pa);
	if (rc != 0)
		return rc < 0 ? 0 : rc;
	if (argc - 1 - optind != nargs)
		return cli_usage(cmd);
	argv += 1 + optind;
	if (nargs == 0)
		return patient_list(c, &pa);
	if (nargs == 2)
		return patient_add(c, &pa, argv[0], argv[1]);
	path = cli_patients_path(pa.identity);
	rc = share_patients_rm(path, argv[0], &c->err);
	free(path);
	if (rc == 0)
		printf("Removed %s from the known patients.\n", argv[0]);
	return rc == 0 ? 0 : 1;
}

int
cmd_name(struct cli *c, int argc, char **argv)
{
	static const struct option lo[] = { CLI_GLOBAL_LONGOPTS,
	    { NULL, 0, NULL, 0 } };
	const struct command *cmd = cli_find(argv[0]);
	struct journal j;
	int opt, rc;

	optind = 0;
	while ((opt = cli_next_option(c, argc, argv, lo)) != -1) {
		if (opt == 'h') {
			cli_print_usage(cmd, stdout);
			return 0;
		}
		return opt == '!' ? 2 : cli_bad_option(cmd, opt, argv, lo);
	}
	if (argc - optind > 1)
		return cli_too_many_args(cmd, 1);
	if (argc - optind == 1 && argv[optind][0] != '\0' &&
	    share_name_check(argv[optind], "the name", &c->err) != 0)
		return 1;
	if (cli_open_store(c, argc - optind == 1 ? VAULT_WRITE : 0, &j) != 0)
		return 1;
	if (argc - optind == 0) {
		char *name = store_meta_get(j.s, "owner");

		if (name != NULL && name[0] != '\0')
			printf("%s\n", name);
		else
			fputs("This journal has no name yet; its bundles say "
			    "only their fingerprint (tend name NAME gives it "
			    "one).\n", stderr);
		free(name);
		rc = 0;
	} else {
		rc = store_meta_set(j.s, "owner", argv[optind], &c->err);
		if (rc == 0 && argv[optind][0] != '\0')
			printf("Your bundles now carry the name \"%s\".\n",
			    argv[optind]);
		else if (rc == 0)
			puts("Your bundles now carry no name.");
	}
	cli_close_store(&j);
	return rc == 0 ? 0 : 1;
}
