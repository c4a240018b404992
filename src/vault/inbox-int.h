/*
 * inbox-int.h: what src/vault shares about the jot inbox (private).
 */
#ifndef TEND_VAULT_INBOX_INT_H
#define TEND_VAULT_INBOX_INT_H

#include "vault/rekey.h"

/* The X25519 key pair for notes, derived from the vault's signing seed
 * (BLAKE2b-256 keyed with the seed over "tend jot key v1"), so a rekey,
 * which carries the seed over, keeps it.  sk may be NULL. */
void inbox_keypair(const unsigned char seed[32], unsigned char pk[32],
    unsigned char *sk);

/* The file steps of removing an inbox (unlink, then sync the folder) go
 * through fs, so the crash tests can model them (NULL: the real ones). */
void inbox_set_fs(const struct rekey_fs *fs);

#endif
