/*
 * vault-int.h: what the files of src/vault share about an open vault
 * (private to src/vault).  vault.c opens, creates and checks; rekey.c
 * replaces the data key and the recovery key.
 */
#ifndef TEND_VAULT_INT_H
#define TEND_VAULT_INT_H

#include <sqlite3.h>

#include "tend/header.h"
#include "vault/shim.h"

struct err;

#define MAX_WARN 3

struct vault {
	sqlite3 *db;
	struct shim_ctx ctx;
	struct keys *keys;              /* sodium_malloc */
	struct header hdr;
	char *path;
	unsigned char sign_pk[32];
	unsigned char jot_pk[32];       /* for notes: inbox.c */
	char warn[MAX_WARN][200];
	int nwarn;
};

/* A closed vault for path, with a fresh nonce prefix and key memory. */
struct vault *vault_new(const char *path);

/* Open v->path through the shim (not yet unlocked). */
int vault_attach(struct vault *v, struct err *e);
/* Hand the page key to the shim and set the pragmas tend runs with. */
int vault_configure(struct vault *v, struct err *e);
/* Both header copies, read under a shared lock. */
int vault_read_headers(struct vault *v, unsigned char both[2 * HDR_COPY],
    struct err *e);
/* With v->keys->dek and v->hdr filled: check the header MAC and the
 * signing key, configure the connection and check the file. */
int vault_finish_open(struct vault *v, const unsigned char both[2 * HDR_COPY],
    int which, int other_bad, int flags, struct err *e);
/* Write h to both copies in turn (h->generation grows by two); the caller
 * holds an EXCLUSIVE lock. */
int vault_write_headers(struct vault *v, struct header *h, int which,
    struct err *e);

#endif
