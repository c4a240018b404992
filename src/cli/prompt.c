/*
 * prompt.c: passphrases from a file or the terminal, and the progress line
 * shown while a key is derived.
 *
 * Passphrases never come from argv or the environment.  On a terminal they
 * are read from /dev/tty with echo off; Ctrl-C restores the terminal before
 * tend exits.  From a file, the first line is the passphrase (a trailing
 * newline or CR LF is not part of it).  Everything lands in guarded memory
 * and is wiped when freed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tend/vault.h"

#define SECRET_MAX 1024

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	interrupted = sig;
}

void
secret_free(struct secret *s)
{
	if (s->buf != NULL) {
		vault_secret_free(s->buf);
		s->buf = NULL;
	}
	s->len = 0;
}

/* Read up to a newline from fd, one byte at a time. */
static int
read_line_fd(int fd, struct secret *out)
{
	size_t n = 0;
	int got_any = 0;

	out->buf = vault_secret_alloc(SECRET_MAX + 1);
	for (;;) {
		char ch;
		ssize_t r = read(fd, &ch, 1);

		if (r < 0 && errno == EINTR && !interrupted)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got_any = 1;
		if (ch == '\n')
			break;
		if (n == SECRET_MAX) {
			errno = E2BIG;
			return -1;
		}
		out->buf[n++] = ch;
	}
	if (n > 0 && out->buf[n - 1] == '\r')
		n--;
	out->buf[n] = '\0';
	out->len = n;
	if (!got_any) {
		errno = 0;
		return -1;
	}
	return 0;
}

int
prompt_read_line(const char *path, struct secret *out, struct err *e)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	out->buf = NULL;
	out->len = 0;
	if (fd < 0)
		return err_set(e, "cannot open %s: %s", path, strerror(errno));
	rc = read_line_fd(fd, out);
	if (rc != 0) {
		int saved = errno;

		secret_free(out);
		if (saved == 0)
			err_set(e, "%s is empty", strcmp(path, "-") == 0 ?
			    "standard input" : path);
		else if (saved == E2BIG)
			err_set(e, "the first line of %s is too long", path);
		else
			err_set(e, "cannot read %s: %s", path, strerror(saved));
	}
	if (fd != 0)
		close(fd);
	return rc;
}

/* Ask on the terminal with echo off; without one, point to option. */
static int
ask_tty(const char *prompt, const char *option, struct secret *out,
    struct err *e)
{
	struct termios old, quiet;
	struct sigaction sa, oldint, oldterm, oldhup;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return err_set(e, "there is no terminal to ask on: run tend "
		    "in a terminal, or give %s FILE", option);
	if (tcgetattr(fd, &old) != 0) {
		close(fd);
		return err_set(e, "cannot use the terminal: %s",
		    strerror(errno));
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;      /* no SA_RESTART: read() returns */
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &oldint);
	sigaction(SIGTERM, &sa, &oldterm);
	sigaction(SIGHUP, &sa, &oldhup);
	quiet = old;
	quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
	tcsetattr(fd, TCSAFLUSH, &quiet);
	(void)!write(fd, prompt, strlen(prompt));
	rc = read_line_fd(fd, out);
	tcsetattr(fd, TCSAFLUSH, &old);
	(void)!write(fd, "\n", 1);
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGTERM, &oldterm, NULL);
	sigaction(SIGHUP, &oldhup, NULL);
	close(fd);
	if (interrupted) {
		secret_free(out);
		return err_set(e, "interrupted; nothing was changed");
	}
	if (rc != 0) {
		secret_free(out);
		return err_set(e, "no passphrase was entered");
	}
	return 0;
}

int
prompt_passphrase(struct cli *c, const char *file, const char *what,
    const char *option, int confirm, struct secret *out)
{
	struct secret again = { NULL, 0 };
	char prompt[128];

	if (file != NULL)
		return prompt_read_line(file, out, &c->err);
	snprintf(prompt, sizeof prompt, "%s: ", what);
	if (ask_tty(prompt, option, out, &c->err) != 0)
		return -1;
	if (!confirm)
		return 0;
	snprintf(prompt, sizeof prompt, "%s, once more: ", what);
	if (ask_tty(prompt, option, &again, &c->err) != 0) {
		secret_free(out);
		return -1;
	}
	if (again.len != out->len || memcmp(again.buf, out->buf, out->len) != 0) {
		secret_free(&again);
		secret_free(out);
		return err_set(&c->err, "the two passphrases differ; nothing "
		    "was changed");
	}
	secret_free(&again);
	return 0;
}

static void
progress_tick(void *arg, double elapsed, int done)
{
	(void)arg;
	if (done)
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\rDeriving the key from the passphrase (%.1f s)",
		    elapsed);
	fflush(stderr);
}

void
prompt_progress_on(void)
{
	static const struct vault_progress p = { progress_tick, NULL };

	if (isatty(2))
		vault_set_progress(&p);
}

void
cli_print_warnings(struct vault *v)
{
	const char *w;
	int i;

	for (i = 0; (w = vault_warning(v, i)) != NULL; i++)
		fprintf(stderr, "tend: warning: %s\n", w);
}

int
cli_open_vault(struct cli *c, int flags, struct vault **out)
{
	struct secret pass = { NULL, 0 };
	int rc;

	if (c->vault_path == NULL)
		c->vault_path = c->file ? xstrdup(c->file) : vault_default_path();
	if (access(c->vault_path, F_OK) != 0)
		return err_set(&c->err, "there is no vault at %s (create one "
		    "with: tend init)", c->vault_path);
	if (prompt_passphrase(c, c->passfile, "Passphrase",
	    "--passphrase-file", 0, &pass) != 0)
		return -1;
	prompt_progress_on();
	rc = vault_open(c->vault_path, pass.buf, pass.len, flags, out, &c->err);
	secret_free(&pass);
	if (rc == 0)
		cli_print_warnings(*out);
	return rc;
}
