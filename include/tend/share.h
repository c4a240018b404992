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

/* What the key slots of a bundle say, from its header alone (sealed.c):
 * how many open with a therapist's key and how many with a share
 * passphrase; with id, whether one of the first is for id.  Nothing is
 * decrypted but that one key. */
struct share_slots {
	int recipients, passphrases, mine;
};
int share_bundle_slots(const char *path, const struct share_identity *id,
    struct share_slots *out, struct err *e);

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

/* The key derivation for share passphrases: moderate (in test builds
 * TEND_TEST_KDF may name another, see testhook.h). */
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

/* ---- known patients (known.c) ---- */

/* The most characters in a patient's name or a journal's alias. */
#define SHARE_NAME_MAX 64
/* Room for SHARE_NAME_MAX characters of UTF-8 and NUL. */
#define SHARE_NAME_BYTES (SHARE_NAME_MAX * 4 + 1)

/* The file "patients" beside the identity file. */
char *share_patients_path(const char *identity_path);

/* A name a person gives (a patient's name, a journal's alias): UTF-8, 1 to
 * SHARE_NAME_MAX characters, no control characters (tab and line breaks
 * included), no space at either end.  what words it in the error ("the
 * name"). */
int share_name_check(const char *name, const char *what, struct err *e);

/* A fingerprint as typed (any case, dashes and spaces optional, O for 0
 * and I or L for 1) into its printed form. */
int share_fingerprint_parse(const char *text, char out[SHARE_FPR_CHARS],
    struct err *e);

struct share_patient {
	char fpr[SHARE_FPR_CHARS];
	char *name;             /* chosen by the therapist */
	char *alias;            /* the bundle's alias when added, or "" */
};
struct share_patients {
	struct share_patient *p;
	size_t n;
};

/* Read the known patients at path (none when there is no file; the old
 * "known-patients" file beside it is read while there is none).  A damaged
 * file is an error naming its line. */
int share_patients_load(const char *path, struct share_patients *out,
    struct err *e);
void share_patients_free(struct share_patients *ps);
/* Add a patient: the name is checked (share_name_check), the alias (may
 * be NULL) cleaned and cut to SHARE_NAME_MAX characters.  A fingerprint or
 * name already known is refused.  The file is replaced atomically. */
int share_patients_add(const char *path, const char *name, const char *fpr,
    const char *alias, struct err *e);
/* Remove the patient with this name (any case). */
int share_patients_rm(const char *path, const char *name, struct err *e);

/* Who sent a bundle, as far as the known patients say. */
enum share_from {
	SHARE_FROM_KNOWN,       /* the signer's fingerprint is known */
	SHARE_FROM_UNKNOWN,     /* it is not */
	SHARE_FROM_CHANGED,     /* it is not, but the alias is a known
	                         * patient's, whose key is another */
};
struct share_sender {
	enum share_from from;
	char fpr[SHARE_FPR_CHARS];      /* the signer's */
	char alias[SHARE_NAME_BYTES];   /* the bundle's, cleaned and cut */
	char name[SHARE_NAME_BYTES];    /* known, changed: the known patient */
	char was[SHARE_FPR_CHARS];      /* changed: that patient's key */
};
/* Look the signer of a bundle up in the known patients at path; alias is
 * the name the bundle carries (may be NULL).  Nothing is written. */
int share_sender_check(const char *path, const unsigned char signer[32],
    const char *alias, struct share_sender *out, struct err *e);

#endif
