/*
 * cmd-vault.c: tend init, passwd, recover, rekey, recovery-key, verify
 * and backup.
 *
 * passwd and recover offer a rekey afterwards (a question on a terminal,
 * --rekey for scripts): a new passphrase keeps the data key, so anyone
 * with the old passphrase and an old copy of the file could still read
 * what is written later; a rekey ends that.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/fileio.h"
#include "tend/progress.h"
#include "tend/vault.h"

/* Options shared by the commands here; 0 ends the list. */
enum { OPT_KDF = 1000, OPT_RECOVERY_FILE, OPT_NEW_PASS_FILE, OPT_REKEY,
    OPT_NEW_RECOVERY_FILE };

static const struct option vault_longopts[] = {
	CLI_GLOBAL_LONGOPTS,
	{ "kdf", required_argument, NULL, OPT_KDF },
	{ "recovery-key-file", required_argument, NULL, OPT_RECOVERY_FILE },
	{ "new-passphrase-file", required_argument, NULL, OPT_NEW_PASS_FILE },
	{ "rekey", no_argument, NULL, OPT_REKEY },
	{ "new-recovery-key-file", required_argument, NULL,
	    OPT_NEW_RECOVERY_FILE },
	{ NULL, 0, NULL, 0 },
};

struct vault_args {
	const char *kdf;
	const char *recovery_file;
	const char *new_pass_file;
	const char *new_recovery_file;
	int rekey;
	int nargs;
	char **args;
};

/* Parse argv (argv[0] is the command) accepting only the options in
 * allowed (a string of OPT_* codes); 2 on a usage error. */
static int
parse(struct cli *c, int argc, char **argv, const int *allowed, int maxargs,
    struct vault_args *a)
{
	const struct command *cmd = cli_find(argv[0]);
	int opt, i, ok;

	memset(a, 0, sizeof *a);
	opterr = 0;
	while ((opt = cli_getopt(argc, argv, ":f:h", vault_longopts)) != -1) {
		if (opt == '!')
			return 2;
		if (cli_global_option(c, opt, optarg))
			continue;
		if (opt == 'h') {
			cli_print_usage(cmd, stdout);
			exit(0);
		}
		for (ok = 0, i = 0; allowed[i] != 0; i++)
			if (allowed[i] == opt)
				ok = 1;
		if (!ok)
			return cli_bad_option(cmd, opt, argv, vault_longopts);
		switch (opt) {
		case OPT_KDF:
			a->kdf = optarg;
			break;
		case OPT_RECOVERY_FILE:
			a->recovery_file = optarg;
			break;
		case OPT_NEW_PASS_FILE:
			a->new_pass_file = optarg;
			break;
		case OPT_REKEY:
			a->rekey = 1;
			break;
		case OPT_NEW_RECOVERY_FILE:
			a->new_recovery_file = optarg;
			break;
		default:
			return cli_bad_option(cmd, opt, argv, vault_longopts);
		}
	}
	a->nargs = argc - optind;
	a->args = argv + optind;
	if (a->nargs > maxargs)
		return cli_too_many_args(cmd, maxargs);
	if (c->vault_path == NULL)
		c->vault_path = c->file ? xstrdup(c->file) : vault_default_path();
	return 0;
}

/* Before a vault is made, make sure its recovery key can be saved at
 * path: nothing is there yet (another vault's key may be) and the folder
 * is writable.  Otherwise the new vault's key would be lost. */
static int
check_key_file(const char *path, struct err *e)
{
	struct stat st;
	char *dir;
	int rc = 0;

	if (lstat(path, &st) == 0)
		return err_set(e, "%s already exists; tend does not overwrite "
		    "it (name a new file for the recovery key)", path);
	dir = path_dirname(path);
	if (access(dir, W_OK) != 0)
		rc = err_set(e, "cannot write %s: %s", path, errno == ENOENT ?
		    "its folder does not exist" : strerror(errno));
	free(dir);
	return rc;
}

int
cmd_init(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_KDF, OPT_RECOVERY_FILE, 0 };
	char recovery[VAULT_RECOVERY_CHARS + 2];
	struct vault_args a;
	struct secret pass = { NULL, 0 };
	enum vault_kdf kdf = VAULT_KDF_MODERATE;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, 0, &a)) != 0)
		return rc;
	if (a.kdf != NULL && vault_kdf_parse(a.kdf, &kdf, &c->err) != 0) {
		/* A bad option value is a usage error, like a bad option. */
		fprintf(stderr, "tend: %s\n", c->err.msg);
		return 2;
	}
	if (access(c->vault_path, F_OK) == 0) {
		err_set(&c->err, "a vault already exists at %s; tend never "
		    "overwrites one", c->vault_path);
		return 1;
	}
	if (a.recovery_file != NULL && check_key_file(a.recovery_file,
	    &c->err) != 0)
		return 1;
	if (prompt_passphrase(c, c->passfile, "New passphrase",
	    "--passphrase-file", 1, &pass) != 0)
		return 1;
	if (pass.len == 0) {
		secret_free(&pass);
		err_set(&c->err, "the passphrase is empty");
		return 1;
	}
	prompt_progress_on();
	rc = vault_create(c->vault_path, pass.buf, pass.len, kdf, recovery,
	    &c->err);
	secret_free(&pass);
	if (rc != 0)
		return 1;
	fprintf(stderr, "Created the vault %s.\n", c->vault_path);
	if (kdf == VAULT_KDF_MINIMAL)
		fprintf(stderr, "tend: warning: the 'minimal' key derivation "
		    "is meant for tests only\n");
	if (a.recovery_file != NULL) {
		size_t n = strlen(recovery);

		recovery[n] = '\n';
		rc = file_write_atomic(a.recovery_file, recovery, n + 1, 0600,
		    1, &c->err);
		vault_wipe(recovery, sizeof recovery);
		if (rc != 0) {
			err_prefix(&c->err, "the vault was created but its "
			    "recovery key could not be saved (the vault is "
			    "usable; keep your passphrase safe)");
			return 1;
		}
		fprintf(stderr, "Its recovery key is in %s. Keep a copy "
		    "somewhere safe, away from this computer.\n",
		    a.recovery_file);
		return 0;
	}
	fprintf(stderr, "Recovery key (shown only this once; write it down and "
	    "keep it somewhere safe; it opens the vault if the passphrase is "
	    "forgotten):\n");
	printf("%s\n", recovery);
	vault_wipe(recovery, sizeof recovery);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_set(&c->err, "the vault was created but its recovery key "
		    "could not be shown: standard output cannot be written (the "
		    "vault is usable; keep your passphrase safe)");
		return 1;
	}
	return 0;
}

/* Ask for a new passphrase, from a file or twice on the terminal. */
static int
new_passphrase(struct cli *c, const char *file, struct secret *out)
{
	if (prompt_passphrase(c, file, "New passphrase",
	    "--new-passphrase-file", 1, out) != 0)
		return -1;
	if (out->len == 0) {
		secret_free(out);
		return err_set(&c->err, "the new passphrase is empty; nothing "
		    "was changed");
	}
	return 0;
}

/* --kdf for passwd and recover: -1 keeps the profile in use. */
static int
kdf_arg(struct cli *c, const struct vault_args *a, int *kdf)
{
	enum vault_kdf k;

	*kdf = -1;
	if (a->kdf == NULL)
		return 0;
	if (vault_kdf_parse(a->kdf, &k, &c->err) != 0) {
		/* A bad option value is a usage error, like a bad option. */
		fprintf(stderr, "tend: %s\n", c->err.msg);
		return 2;
	}
	*kdf = (int)k;
	return 0;
}

/* Show a new recovery key once: into file (a new file, mode 0600), or on
 * standard output with a note on standard error.  If the file cannot be
 * written, the key is shown instead: the vault has already changed. */
static int
show_recovery(struct cli *c, char recovery[VAULT_RECOVERY_CHARS + 2],
    const char *file)
{
	size_t n = strlen(recovery);

	if (file != NULL) {
		recovery[n] = '\n';
		if (file_write_atomic(file, recovery, n + 1, 0600, 1,
		    &c->err) == 0) {
			vault_wipe(recovery, VAULT_RECOVERY_CHARS + 2);
			fprintf(stderr, "The new recovery key is in %s. Keep a "
			    "copy somewhere safe, away from this computer.\n",
			    file);
			return 0;
		}
		recovery[n] = '\0';
		fprintf(stderr, "tend: %s; the new recovery key is shown "
		    "here instead\n", c->err.msg);
	}
	fprintf(stderr, "New recovery key (shown only this once; write it "
	    "down and keep it somewhere safe; it opens the vault if the "
	    "passphrase is forgotten):\n");
	printf("%s\n", recovery);
	vault_wipe(recovery, VAULT_RECOVERY_CHARS + 2);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_set(&c->err, "the new recovery key could not be shown: "
		    "standard output cannot be written");
		return 1;
	}
	return file != NULL ? 1 : 0;
}

/* "Re-encrypting: 42%" on standard error (a terminal). */
/* Re-encrypt v under a new data key, with pass as its passphrase, and
 * show the new recovery key.  A command's status. */
static int
rekey_now(struct cli *c, struct vault *v, const struct secret *pass, int kdf,
    const char *keyfile)
{
	char recovery[VAULT_RECOVERY_CHARS + 2];
	struct progress p;
	int rc, shown;

	progress_stderr(&p);
	progress_begin(&p, "Re-encrypting");
	rc = vault_rekey(v, pass->buf, pass->len, kdf, NULL, recovery,
	    &c->err);
	progress_end(&p);
	if (rc < 0)
		return 1;
	fprintf(stderr, "Re-encrypted the vault %s under a new key. Older "
	    "copies of it (backups) open only with the passphrase and "
	    "recovery key they had, and cannot read what you write from now "
	    "on.\n", vault_path(v));
	if (rc > 0) {
		struct err saved = c->err;

		show_recovery(c, recovery, keyfile);
		c->err = saved;
		return 1;
	}
	shown = show_recovery(c, recovery, keyfile);
	return shown;
}

/* On a terminal (standard input and error), ask whether to rekey too. */
static int
offer_rekey(void)
{
	char answer[16];
	size_t n = 0;
	char ch;
	int fd;

	if (!isatty(0) || !isatty(2))
		return 0;
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return 0;
	dprintf(fd, "The data key is still the one from before: anyone with "
	    "the old passphrase and an old copy of the vault can read what "
	    "you write from now on.\nAlso re-encrypt everything with a new "
	    "key? [y/N] ");
	while (n + 1 < sizeof answer && read(fd, &ch, 1) == 1 && ch != '\n')
		answer[n++] = ch;
	answer[n] = '\0';
	close(fd);
	return strcmp(answer, "y") == 0 || strcmp(answer, "Y") == 0 ||
	    strcmp(answer, "yes") == 0 || strcmp(answer, "YES") == 0;
}

int
cmd_passwd(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_NEW_PASS_FILE, OPT_KDF, OPT_REKEY,
	    OPT_RECOVERY_FILE, 0 };
	struct vault_args a;
	struct vault *v;
	struct secret pass = { NULL, 0 };
	int rc, kdf;

	if ((rc = parse(c, argc, argv, allowed, 0, &a)) != 0)
		return rc;
	if ((rc = kdf_arg(c, &a, &kdf)) != 0)
		return rc;
	if (a.recovery_file != NULL && !a.rekey) {
		fprintf(stderr, "tend: passwd takes --recovery-key-file only "
		    "with --rekey (it names the file for the new recovery "
		    "key)\n");
		return cli_usage(cli_find(argv[0]));
	}
	if (a.recovery_file != NULL && check_key_file(a.recovery_file,
	    &c->err) != 0)
		return 1;
	if (cli_open_vault(c, VAULT_WRITE, &v) != 0)
		return 1;
	if (new_passphrase(c, a.new_pass_file, &pass) != 0) {
		vault_close(v);
		return 1;
	}
	rc = vault_passwd_kdf(v, pass.buf, pass.len, kdf, &c->err);
	if (rc == 0) {
		fprintf(stderr, "The passphrase was changed.\n");
		if (a.rekey || offer_rekey())
			rc = rekey_now(c, v, &pass, kdf, a.recovery_file);
	} else
		rc = 1;
	secret_free(&pass);
	vault_close(v);
	return rc;
}

int
cmd_recover(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_RECOVERY_FILE, OPT_NEW_PASS_FILE,
	    OPT_KDF, OPT_REKEY, OPT_NEW_RECOVERY_FILE, 0 };
	struct vault_args a;
	struct vault *v;
	struct secret key = { NULL, 0 }, pass = { NULL, 0 };
	int rc, kdf;

	if ((rc = parse(c, argc, argv, allowed, 0, &a)) != 0)
		return rc;
	if ((rc = kdf_arg(c, &a, &kdf)) != 0)
		return rc;
	if (access(c->vault_path, F_OK) != 0) {
		err_set(&c->err, "there is no vault at %s", c->vault_path);
		return 1;
	}
	if (a.new_recovery_file != NULL && !a.rekey) {
		fprintf(stderr, "tend: recover takes --new-recovery-key-file "
		    "only with --rekey\n");
		return cli_usage(cli_find(argv[0]));
	}
	if (a.new_recovery_file != NULL && check_key_file(a.new_recovery_file,
	    &c->err) != 0)
		return 1;
	if (a.recovery_file != NULL)
		rc = prompt_read_line(a.recovery_file, &key, &c->err);
	else
		rc = prompt_passphrase(c, NULL, "Recovery key",
		    "--recovery-key-file", 0, &key);
	if (rc != 0)
		return 1;
	rc = vault_open_recovery(c->vault_path, key.buf, VAULT_WRITE, &v,
	    &c->err);
	secret_free(&key);
	if (rc != 0)
		return 1;
	cli_print_warnings(v);
	if (new_passphrase(c, a.new_pass_file, &pass) != 0) {
		vault_close(v);
		return 1;
	}
	prompt_progress_on();
	rc = vault_passwd_kdf(v, pass.buf, pass.len, kdf, &c->err);
	if (rc == 0) {
		if (a.rekey || offer_rekey()) {
			fprintf(stderr, "The vault has a new passphrase.\n");
			rc = rekey_now(c, v, &pass, kdf, a.new_recovery_file);
		} else
			fprintf(stderr, "The vault has a new passphrase. The "
			    "recovery key still works.\n");
	} else
		rc = 1;
	secret_free(&pass);
	vault_close(v);
	return rc;
}

int
cmd_rekey(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_RECOVERY_FILE, 0 };
	struct vault_args a;
	struct vault *v;
	struct secret pass = { NULL, 0 };
	int rc;

	if ((rc = parse(c, argc, argv, allowed, 0, &a)) != 0)
		return rc;
	if (a.recovery_file != NULL && check_key_file(a.recovery_file,
	    &c->err) != 0)
		return 1;
	if (access(c->vault_path, F_OK) != 0)
		return cli_error(c, "there is no vault at %s (create one with: "
		    "tend init)", c->vault_path);
	/* The passphrase stays the same: it opens the vault and is set
	 * again on the new file. */
	if (prompt_passphrase(c, c->passfile, "Passphrase",
	    "--passphrase-file", 0, &pass) != 0)
		return 1;
	prompt_progress_on();
	if (vault_open(c->vault_path, pass.buf, pass.len, VAULT_WRITE, &v,
	    &c->err) != 0) {
		secret_free(&pass);
		return 1;
	}
	cli_print_warnings(v);
	rc = rekey_now(c, v, &pass, -1, a.recovery_file);
	secret_free(&pass);
	vault_close(v);
	return rc;
}

int
cmd_recovery_key(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { OPT_RECOVERY_FILE, 0 };
	char recovery[VAULT_RECOVERY_CHARS + 2];
	struct vault_args a;
	struct vault *v;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, 1, &a)) != 0)
		return rc;
	if (a.nargs != 1 || strcmp(a.args[0], "new") != 0) {
		fprintf(stderr, "tend: recovery-key needs the word new\n");
		return cli_usage(cli_find(argv[0]));
	}
	if (a.recovery_file != NULL && check_key_file(a.recovery_file,
	    &c->err) != 0)
		return 1;
	if (cli_open_vault(c, VAULT_WRITE, &v) != 0)
		return 1;
	rc = vault_recovery_new(v, recovery, &c->err);
	vault_close(v);
	if (rc != 0)
		return 1;
	fprintf(stderr, "The vault has a new recovery key; the old one no "
	    "longer opens it. Copies of the vault made before now still open "
	    "with the old key, and share this vault's data key: run tend "
	    "rekey so that they cannot read what you write from now on.\n");
	return show_recovery(c, recovery, a.recovery_file);
}

int
cmd_verify(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { 0 };
	struct vault_args a;
	struct progress p;
	struct vault *v;
	uint32_t pages = 0;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, 0, &a)) != 0)
		return rc;
	if (cli_open_vault(c, 0, &v) != 0)
		return 1;
	progress_stderr(&p);
	progress_begin(&p, "Checking the vault");
	rc = vault_verify(v, &pages, &c->err);
	progress_end(&p);
	vault_close(v);
	if (rc != 0)
		return 1;
	printf("%u pages checked; the vault is intact\n", (unsigned)pages);
	return 0;
}

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	static const int allowed[] = { 0 };
	struct vault_args a;
	struct progress p;
	struct vault *v;
	char *written;
	int rc;

	if ((rc = parse(c, argc, argv, allowed, 1, &a)) != 0)
		return rc;
	if (cli_open_vault(c, 0, &v) != 0)
		return 1;
	progress_stderr(&p);
	progress_begin(&p, "Writing the backup");
	rc = vault_backup(v, a.nargs ? a.args[0] : NULL, &written, &c->err);
	progress_end(&p);
	vault_close(v);
	if (rc != 0)
		return 1;
	printf("%s\n", written);
	free(written);
	return 0;
}
