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
struct store;
struct share_sender;

struct ui_opts {
	const char *vault_path;         /* the vault to open or create */
	/* Review mode: a bundle's store, already open and read-only (the
	 * caller keeps it and closes it after ui_run).  Nothing can be
	 * changed; locking (L or the idle time) ends the review, because the
	 * bundle can only be opened again with the identity's passphrase. */
	struct store *review;
	/* Review mode: who sent the bundle.  Unless it is a known patient,
	 * a screen says so and must be acknowledged before any of the
	 * journal shows. */
	const struct share_sender *sender;
};

/* In review mode the review ended by a lock sets *locked (may be NULL).
 * Returns 0 after a normal quit (or a signal, once everything needed was
 * saved), -1 with e filled when the app could not start. */
int ui_run(const struct ui_opts *opts, int *locked, struct err *e);

#endif
