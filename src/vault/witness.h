/*
 * witness.h: the rollback witness, private to src/vault.
 *
 * For each vault this computer opens, a 48-byte file under
 * $XDG_STATE_HOME/tend/ (~/.local/state/tend/) records the newest
 * generation (SQLite's file change counter, page 1 bytes 24-27) seen
 * here, with a MAC under a key derived from the data key.  Its name is a
 * keyed hash of the vault's UUID, so the folder does not say which vault
 * it belongs to; it holds no journal content.  The file is a hint: a
 * missing, unreadable or forged witness is ignored and never keeps a vault
 * from opening.  The format is in doc/FORMAT.md.
 */
#ifndef TEND_WITNESS_H
#define TEND_WITNESS_H

#include <stdint.h>

#define WITNESS_SIZE 48

/* The recorded generation of the vault with this data key and UUID:
 * 1 and *gen set when a witness exists and its MAC holds, 0 otherwise. */
int witness_load(const unsigned char dek[32], const unsigned char uuid[16],
    uint64_t *gen);

/* Record gen (atomically, mode 0600 in a 0700 folder).  0, or -1 when it
 * could not be written (the caller carries on). */
int witness_store(const unsigned char dek[32], const unsigned char uuid[16],
    uint64_t gen);

/* The witness file's path for this vault (free() it). */
char *witness_path(const unsigned char dek[32], const unsigned char uuid[16]);

#endif
