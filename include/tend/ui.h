/*
 * ui.h: the full-screen app.
 *
 * ui_run() takes over the terminal (which must be one), unlocks the vault
 * at opts->vault_path or, when there is none yet, walks the person through
 * making one, and runs until they quit or a SIGHUP, SIGTERM or SIGINT
 * arrives.  The terminal is always restored before it returns, and before
 * fatal() exits.
 */
#ifndef TEND_UI_H
#define TEND_UI_H

struct err;

struct ui_opts {
	const char *vault_path;         /* the vault to open or create */
};

/* Returns 0 after a normal quit (or a signal, once everything needed was
 * saved), -1 with e filled when the app could not start. */
int ui_run(const struct ui_opts *opts, struct err *e);

#endif
