/*
 * header.h: the header and key slots of tend's files: vaults, and in
 * src/share the bundles and identities built on the same header (for
 * src/vault and src/share only: it needs libsodium).
 *
 * A header copy is 2048 bytes, little-endian:
 *
 *   0    8  magic "TENDVLT\x1a"
 *   8    2  format version (1)
 *  10    1  file kind (1 vault, 2 bundle, 3 identity)
 *  11    5  zero
 *  16    8  generation
 *  24   16  UUID
 *  40    4  page size (4096)
 *  44    2  reserved bytes per page (40)
 *  46    2  number of slot places (8)
 *  48    8  created, Unix seconds
 *  56   72  signing seed: nonce 24, ciphertext 32, tag 16 (under the data key)
 * 128 1536  8 key slots of 192 bytes
 * 1664  32  public key: identity files; vaults: the key for notes
 *           (tend jot, src/vault/inbox.c), zero in older vaults
 * 1696 288  zero
 * 1984  32  MAC: keyed BLAKE2b of bytes 0-1983 under a key from the data key
 * 2016  32  checksum: BLAKE2b of bytes 0-2015 (finds a torn copy)
 *
 * A key slot:
 *   0 1 type, 1 1 KDF profile, 4 4 opslimit, 8 8 memlimit, 16 16 salt,
 *  32 24 nonce, 56 48 wrapped data key (ciphertext 32, tag 16),
 * 104 80 sealed data key (recipient slots), the rest zero.
 */
#ifndef TEND_VAULT_HEADER_H
#define TEND_VAULT_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "tend/vault.h"

#define HDR_COPY        2048
#define HDR_SLOTS       8
#define HDR_SLOT_SIZE   192
#define HDR_VERSION     1
#define HDR_PUB_OFF     1664
#define HDR_MAC_OFF     1984
#define HDR_SUM_OFF     2016
#define KEY_LEN         32

enum hdr_kind { HDR_KIND_VAULT = 1, HDR_KIND_BUNDLE = 2, HDR_KIND_IDENTITY = 3 };

enum slot_type {
	SLOT_EMPTY = 0,
	SLOT_PASSPHRASE = 1,
	SLOT_RECOVERY = 2,
	SLOT_RECIPIENT = 3,
	SLOT_SHARE_PASSPHRASE = 4,
};

struct hdr_slot {
	uint8_t type;
	uint8_t profile;
	uint32_t opslimit;
	uint64_t memlimit;
	unsigned char salt[16];
	unsigned char nonce[24];
	unsigned char wrapped[KEY_LEN + 16];
	unsigned char sealed[KEY_LEN + 48];
};

struct header {
	uint16_t version;
	uint8_t kind;
	uint64_t generation;
	unsigned char uuid[16];
	uint32_t page_size;
	uint16_t reserve;
	uint64_t created;
	unsigned char sign_box[24 + 32 + 16];
	struct hdr_slot slot[HDR_SLOTS];
	unsigned char pub[32];          /* identity files: the public key */
};

/* Subkeys of the data key. */
struct keys {
	unsigned char dek[KEY_LEN];
	unsigned char page[KEY_LEN];
	unsigned char mac[KEY_LEN];
	unsigned char sign[KEY_LEN];
};

/* Derive page, MAC and signing-seed keys from k->dek. */
void keys_derive(struct keys *k);

/* Serialize h into out with its MAC (under mac_key) and checksum. */
void hdr_encode(const struct header *h, const unsigned char *mac_key,
    unsigned char out[HDR_COPY]);

enum hdr_state { HDR_OK, HDR_NOT_OURS, HDR_TORN, HDR_NEWER };

/* Parse one copy; HDR_NEWER when its checksum holds and its version is
 * not one we read.  A copy whose checksum fails is HDR_TORN whatever its
 * version field says (h->version is filled in as a hint). */
enum hdr_state hdr_decode(const unsigned char in[HDR_COPY], struct header *h);

/* Check a copy's MAC. */
int hdr_mac_ok(const unsigned char in[HDR_COPY], const unsigned char *mac_key);

/* Choose the copy to use from both (2*HDR_COPY bytes).  *which is 0 or 1;
 * *other_bad is set when the other copy is damaged.  kind is the file kind
 * expected.  Returns 0, or -1 with one sentence in e. */
int hdr_pick(const unsigned char both[2 * HDR_COPY], int kind,
    struct header *h, int *which, int *other_bad, struct err *e);

/* For a reader that will check MACs once it has the key: c gets both
 * copies decoded, order[0..*n-1] the indexes of the usable ones (ours,
 * checksum intact, of the kind and page layout expected), highest
 * generation first.  Returns 0 (*n is 1 or 2), or -1 with one sentence in
 * e when no copy is usable. */
int hdr_candidates(const unsigned char both[2 * HDR_COPY], int kind,
    struct header c[2], int order[2], int *n, struct err *e);

/* Key slots.  Passphrase slots run Argon2id with the profile's limits. */
void kdf_limits(enum vault_kdf kdf, uint32_t *ops, uint64_t *mem);
int slot_set_passphrase(struct hdr_slot *s, int type, const unsigned char *uuid,
    const unsigned char *dek, const char *pass, size_t len,
    enum vault_kdf kdf, struct err *e);
/* 0: dek filled; -1: wrong passphrase (or not enough memory, said in e). */
int slot_open_passphrase(const struct hdr_slot *s, const unsigned char *uuid,
    const char *pass, size_t len, unsigned char *dek, struct err *e);
void slot_set_recovery(struct hdr_slot *s, const unsigned char *uuid,
    const unsigned char *dek, const unsigned char *rkey);
int slot_open_recovery(const struct hdr_slot *s, const unsigned char *uuid,
    const unsigned char *rkey, unsigned char *dek);

/* The signing seed, kept encrypted under keys->sign. */
void sign_seed_seal(struct header *h, const struct keys *k,
    const unsigned char seed[32]);
int sign_seed_open(const struct header *h, const struct keys *k,
    unsigned char seed[32]);

/* Recovery key text: 32 random bytes and a 3-byte check, Crockford base32
 * in groups of four. */
void recovery_format(const unsigned char rkey[32],
    char out[VAULT_RECOVERY_CHARS + 1]);
int recovery_parse(const char *text, unsigned char rkey[32]);

#endif
