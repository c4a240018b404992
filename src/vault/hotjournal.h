/*
 * hotjournal.h: checking a rollback journal before SQLite rolls it back,
 * private to src/vault (see hotjournal.c).
 */
#ifndef TEND_HOTJOURNAL_H
#define TEND_HOTJOURNAL_H

#include <stddef.h>

#include "tend/err.h"
#include "vault/shim.h"

/* If a journal lies beside the vault at dbpath, check it under an
 * EXCLUSIVE lock with ctx's key (the vault is unlocked, SQLite has not
 * read anything yet).  A journal that does not authenticate is renamed
 * aside and warning (wn bytes) gets one sentence; otherwise warning is
 * empty.  Returns 0, or -1 with one sentence in e (the vault is busy, or
 * the journal cannot be read or moved). */
int hotjournal_guard(struct shim_ctx *ctx, const char *dbpath, char *warning,
    size_t wn, struct err *e);

/* The same check of the journal at jpath, when the caller (SQLite, about
 * to roll it back) already holds an EXCLUSIVE lock on the vault. */
int hotjournal_check_locked(struct shim_ctx *ctx, const char *jpath,
    char *warning, size_t wn, struct err *e);

#endif
