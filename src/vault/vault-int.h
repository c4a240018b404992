/*
 * vault-int.h: what the files of src/vault share about an open vault
 * (private to src/vault).  vault.c opens, creates and checks; rekey.c
 * replaces the data key and the recovery key.
 */
#ifndef TEND_VAULT_INT_H
#define TEND_VAULT_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "tend/header.h"
#include "vault/shim.h"

struct err;

#define MAX_WARN 4

/* vault_finish_open: a copy being checked (a backup) leaves the rollback
 * witness alone */
#define OPEN_NO_WITNESS 0x100

struct vault {
	sqlite3 *db;
	struct shim_ctx ctx;
	struct keys *keys;              /* sodium_malloc */
	struct header hdr;
	char *path;
	unsigned char sign_pk[32];
	unsigned char jot_pk[32];       /* for notes: inbox.c */
	char warn[MAX_WARN][320];
	int nwarn;
	int journal_aside;      /* 1 + index of the warning that a journal
				 * was set aside at open, or 0 */
	int witness;                    /* keep the rollback witness */
	int rolled_back;                /* older than the witness says */
	uint32_t gen_open;              /* generation when opened */
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
/* With the keys known: the newest header copy whose MAC verifies (*h,
 * *which) and the state of the other one for vault_finish_open (*other:
 * 0 fine, 1 damaged, 2 failed authentication). */
int vault_pick_header(struct vault *v, const unsigned char both[2 * HDR_COPY],
    struct header *h, int *which, int *other, struct err *e);
/* With v->keys->dek and v->hdr filled: check the header MAC and the
 * signing key, configure the connection and check the file.  other is
 * as vault_pick_header sets it. */
int vault_finish_open(struct vault *v, const unsigned char both[2 * HDR_COPY],
    int which, int other, int flags, struct err *e);
/* Write h to both copies in turn (h->generation grows by two); the caller
 * holds an EXCLUSIVE lock. */
int vault_write_headers(struct vault *v, struct header *h, int which,
    struct err *e);

#endif
