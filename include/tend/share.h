/*
 * share.h: therapist identities and sealed export bundles.
 *
 * A therapist makes an identity once: an X25519 key pair whose secret half
 * is kept in a small file under the therapist's passphrase (the vault's
 * header and key slots, kind 3).  The public key travels as one line of
 * text, "tend1..." (bech32, with a checksum), and is compared in person by
 * its fingerprint.
 *
 * A bundle (kind 2) is the shared subset of a patient's journal (a
 * database image from store_export_image), encrypted whole under a fresh
 * key that each key slot wraps: a recipient slot per therapist
 * (crypto_box_seal) and optionally a share-passphrase slot (six words).
 * Inside the encryption it carries an Ed25519 signature by the patient's
 * vault signing key.  doc/FORMAT.md describes both files byte by byte.
 *
 * Every function that can fail returns -1 with one sentence in e; none of
 * them writes a file it was asked to read.
 */
#ifndef TEND_SHARE_H
#define TEND_SHARE_H

#include <stddef.h>
#include <time.h>

#include "tend/vault.h"

struct err;
struct store;

/* "tend1" and 52 data characters and 6 checksum characters, and NUL. */
#define SHARE_KEY_HRP "tend"
#define SHARE_KEY_CHARS 64
/* "XXXX-XXXX-XXXX-XXXX" and NUL. */
#define SHARE_FPR_CHARS 20

/* ---- keys (keys.c) ---- */

void share_key_format(const unsigned char pk[32],
    char out[SHARE_KEY_CHARS]);
/* A key as typed: surrounding spaces are ignored; anything else wrong
 * (a changed, missing or extra character) is refused in one sentence. */
int share_key_parse(const char *text, unsigned char pk[32], struct err *e);
/* The first 10 bytes of BLAKE2b-256("tend fingerprint" || key) as four
 * groups of four Crockford base32 characters. */
void share_fingerprint(const unsigned char key[32],
    char out[SHARE_FPR_CHARS]);

/* ---- identities (identity.c) ---- */

struct share_identity {
	unsigned char pk[32];
	unsigned char *sk;      /* 32 bytes in guarded memory */
};

/* $XDG_DATA_HOME/tend/identity.tend (or ~/.local/share/tend/...); free(). */
char *share_identity_default_path(void);
/* Make a key pair and write it to path (0600, its folder made 0700); an
 * existing file is never replaced. */
int share_identity_create(const char *path, const char *pass, size_t len,
    enum vault_kdf kdf, unsigned char pk[32], struct err *e);
/* The public key, read from the header without the passphrase. */
int share_identity_public(const char *path, unsigned char pk[32],
    struct err *e);
int share_identity_open(const char *path, const char *pass, size_t len,
    struct share_identity **out, struct err *e);
void share_identity_free(struct share_identity *id);

/* ---- share passphrases (words.c) ---- */

#define SHARE_PASSPHRASE_WORDS 6
#define SHARE_PASSPHRASE_MAX (SHARE_PASSPHRASE_WORDS * 9)

extern const char *const share_words[];
extern const size_t share_nwords;

/* Six random words joined by spaces. */
void share_passphrase_new(char out[SHARE_PASSPHRASE_MAX]);
/* Rewrite s[0..len) in place as lower-case words joined by single
 * spaces (spaces, dashes, dots, commas, underscores separate words);
 * returns the new length.  The bytes after it are wiped. */
size_t share_passphrase_normalize(char *s, size_t len);

/* ---- bundles (bundle.c) ---- */

/* Who signs a bundle: the public key and a function that signs. */
struct share_signer {
	unsigned char pk[32];
	void (*sign)(void *arg, const unsigned char *m, size_t n,
	    unsigned char sig[64]);
	void *arg;
};
/* The vault's own signing key (vault_sign). */
void share_vault_signer(struct vault *v, struct share_signer *out);

/* Who can open a bundle: therapists' public keys and/or a share
 * passphrase (pass NULL: none), derived with kdf.  At most 8 in all. */
struct share_to {
	const unsigned char (*keys)[32];
	size_t nkeys;
	const char *pass;
	size_t passlen;
	enum vault_kdf kdf;
};

/* Write the image as a bundle at path (0600, atomically; an existing file
 * is never replaced). */
int share_bundle_write(const char *path, const unsigned char *img,
    size_t len, const struct share_signer *sg, const struct share_to *to,
    struct err *e);

struct share_bundle {
	unsigned char *img;     /* the decrypted database image */
	size_t len;
	unsigned char signer[32];
	unsigned char uuid[16];
	time_t created;
	/* Whom the signer named: the therapists' keys of its recipient
	 * slots, and whether it has a share-passphrase slot. */
	unsigned char recipients[8][32];
	size_t nrecipients;
	int passphrase_slot;
	/* 1: opened with the identity, which the signature names; 0: opened
	 * with the share passphrase. */
	int named;
};

/* Open a bundle with an identity (NULL: none) or a share passphrase
 * (NULL: none), check it whole (only key slots tend writes, header MAC,
 * every chunk, nothing missing or added, the signature, and that the
 * signature names the identity for the slot it opened) and decrypt it
 * into memory.  The file is only read. */
int share_bundle_open(const char *path, const struct share_identity *id,
    const char *pass, size_t passlen, struct share_bundle **out,
    struct err *e);
/* Wipe and free. */
void share_bundle_free(struct share_bundle *b);

/* ---- writing a journal's shared part (export.c) ---- */

struct export_scope;

/* What share_export_bundle writes and for whom: therapists' keys and/or
 * a share passphrase (share_pass), derived with kdf. */
struct share_export {
	const struct export_scope *scope;
	const unsigned char (*keys)[32];
	size_t nkeys;
	int share_pass;
	enum vault_kdf kdf;
};

/* The key derivation for share passphrases: moderate (TEND_TEST_KDF may
 * name another, for the tests only). */
enum vault_kdf share_export_kdf(void);

/* Write the part of store s chosen by x->scope as a bundle at path,
 * signed with vault v's signing key (fpr gets its fingerprint).  With
 * x->share_pass, words (guarded memory of SHARE_PASSPHRASE_MAX bytes)
 * gets the six new words to pass on; it is wiped if writing fails.  An
 * existing file is refused; nobody to open it is an error. */
int share_export_bundle(struct store *s, struct vault *v,
    const struct share_export *x, const char *path,
    char words[SHARE_PASSPHRASE_MAX], char fpr[SHARE_FPR_CHARS],
    struct err *e);

/* ---- patients seen before (known.c) ---- */

/* The file of alias-to-fingerprint pairs beside the identity file. */
char *share_known_path(const char *identity_path);

enum share_known {
	SHARE_KNOWN_SAME,       /* seen before with this fingerprint */
	SHARE_KNOWN_NEW,        /* first time: now remembered */
	SHARE_KNOWN_DIFFERENT,  /* seen before with another: *before set */
};
/* Look alias up; remember it with fpr the first time.  An empty alias
 * is never remembered (SHARE_KNOWN_NEW). */
int share_known_check(const char *path, const char *alias, const char *fpr,
    enum share_known *out, char before[SHARE_FPR_CHARS], struct err *e);

#endif
