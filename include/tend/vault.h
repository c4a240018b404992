/*
 * vault.h: the encrypted journal file.
 *
 * A vault is one file: two copies of a 2048-byte header (magic, format
 * version, generation, UUID, key slots, a checksum against torn writes and a
 * MAC keyed from the data key), then the pages of an SQLite database, each
 * encrypted with XChaCha20-Poly1305 under a random data key.  Key slots wrap
 * that data key: one under the passphrase (Argon2id), one under the
 * recovery key shown once at creation.  The file format is described in
 * doc/FORMAT.md and DESIGN.md.
 *
 * Every function that can fail for a reason the user should hear returns -1
 * and fills struct err with one sentence; nothing it says contains journal
 * text.  Passphrases are passed as (pointer, length) and never copied
 * outside sodium_malloc'd memory; the caller wipes its own copy.
 */
#ifndef TEND_VAULT_H
#define TEND_VAULT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct err;
struct vault;

/* Argon2id cost profiles; moderate is the default. */
enum vault_kdf {
	VAULT_KDF_MINIMAL,      /* tests only: warns on every open */
	VAULT_KDF_INTERACTIVE,  /* ops 2, 64 MiB: about 0.25 s */
	VAULT_KDF_MODERATE,     /* ops 3, 256 MiB: about 1 s */
	VAULT_KDF_SENSITIVE,    /* ops 4, 1 GiB: 5 to 8 s */
};

/* "XXXX-XXXX-..." : 14 groups of 4 Crockford base32 characters. */
#define VAULT_RECOVERY_CHARS 69

/* Called about ten times a second while a key is derived: elapsed seconds,
 * and done=1 once when it has finished. */
struct vault_progress {
	void (*tick)(void *arg, double elapsed, int done);
	void *arg;
};

enum vault_open_flags {
	VAULT_WRITE = 1,        /* the caller will write; refuse a read-only file */
};

/* Start the library: libsodium, the SQLite version check (3.32 or newer),
 * SQLite's wiping allocator and the encrypting VFS.  Call once, first. */
int vault_library_init(struct err *e);

/* Turn off core dumps for this process (RLIMIT_CORE 0, not dumpable). */
void vault_harden_process(void);

/* Parse a profile name ("minimal", "interactive", "moderate",
 * "sensitive"). */
int vault_kdf_parse(const char *name, enum vault_kdf *out, struct err *e);
const char *vault_kdf_name(enum vault_kdf kdf);

/* Derive the key progress is shown for (NULL: none). */
void vault_set_progress(const struct vault_progress *p);

/* Create a new vault at path (its directory is made 0700 if missing, the
 * file 0600).  An existing file is never touched.  recovery receives the
 * recovery key text, to show once. */
int vault_create(const char *path, const char *pass, size_t passlen,
    enum vault_kdf kdf, char recovery[VAULT_RECOVERY_CHARS + 1],
    struct err *e);

/* Open with the passphrase, or with the recovery key text. */
int vault_open(const char *path, const char *pass, size_t passlen, int flags,
    struct vault **out, struct err *e);
int vault_open_recovery(const char *path, const char *recovery, int flags,
    struct vault **out, struct err *e);

/* Close: frees SQLite's cache (wiped) and the keys.  The caller must have
 * finalized its own statements (one left open is fatal()); statements that
 * virtual tables keep are theirs to finalize, and SQLite does that here. */
void vault_close(struct vault *v);

/* The open connection, for src/store. */
sqlite3 *vault_db(struct vault *v);

/* Replace every passphrase slot with one for newpass, with the same cost
 * profile as before.  Pages are not rewritten; both header copies are. */
int vault_passwd(struct vault *v, const char *newpass, size_t len,
    struct err *e);
/* The same with a new cost profile for the passphrase slot (kdf is an enum
 * vault_kdf, or -1 to keep the one in use). */
int vault_passwd_kdf(struct vault *v, const char *newpass, size_t len,
    int kdf, struct err *e);

/* Progress of a rekey: pages copied so far of total, called after every
 * few hundred kilobytes. */
struct vault_rekey_progress {
	void (*tick)(void *arg, unsigned done, unsigned total);
	void *arg;
};

/* Re-encrypt the whole vault under a new data key and UUID (src/vault/
 * rekey.c): every page is copied into a new file beside it, verified,
 * synced and moved over the vault; the old file is never written, so a
 * crash leaves the old vault or the new one.  The new file has one
 * passphrase slot for pass (cost profile kdf, or -1 to keep the one in
 * use), the same signing key, and a new recovery key, put in recovery
 * (the old one cannot be carried over: it is not known here, and whoever
 * has it could read every later version).  Call with no statement of the
 * caller's open on v.  Returns 0 with v open on the new file; -1 with the
 * vault unchanged and v still usable; 1 when the new file is in place but
 * something after the move failed (e says what; recovery is filled and
 * must be shown; v may be closed).  Needs room for a second copy. */
int vault_rekey(struct vault *v, const char *pass, size_t passlen, int kdf,
    const struct vault_rekey_progress *p,
    char recovery[VAULT_RECOVERY_CHARS + 1], struct err *e);

/* Replace the recovery key: both header copies get a new recovery slot
 * for the same data key, and the old recovery key no longer opens this
 * file (older copies of the file still open with it). */
int vault_recovery_new(struct vault *v,
    char recovery[VAULT_RECOVERY_CHARS + 1], struct err *e);

/* Warnings found while opening (a damaged header copy, the minimal KDF),
 * one sentence each; NULL after the last. */
const char *vault_warning(const struct vault *v, int i);

/* Rollback witness: each open and each close after a change record the
 * vault's generation under $XDG_STATE_HOME/tend/ (a keyed MAC, no journal
 * content).  vault_rolled_back() is 1 when the vault opened is older than
 * the generation this computer saw last (a warning says so, and
 * vault_verify fails); vault_accept_version() makes the copy open now the
 * current one (a change written to it does the same at close). */
int vault_rolled_back(const struct vault *v);
int vault_accept_version(struct vault *v, struct err *e);

/* Authenticate every page and both header copies, then run SQLite's
 * integrity_check; a rolled-back vault fails too.  *pages gets the number
 * of pages checked. */
int vault_verify(struct vault *v, uint32_t *pages, struct err *e);

/* The plaintext of database page pgno (1-based), read from the file and
 * decrypted: for tests that prove deleted text is gone from the file.  The
 * caller wipes out when done.  Call with no write in progress. */
int vault_read_page(struct vault *v, uint32_t pgno, unsigned char out[4096],
    struct err *e);

/* Copy the vault to dest (a new file) while holding a read lock, then open
 * the copy and verify it.  dest NULL: beside the vault, named
 * NAME-YYYYmmdd-HHMMSS.tend.  *written gets the path used (free() it). */
int vault_backup(struct vault *v, const char *dest, char **written,
    struct err *e);

/* Facts about an open vault. */
const char *vault_path(const struct vault *v);
void vault_uuid(const struct vault *v, unsigned char uuid[16]);
enum vault_kdf vault_kdf_used(const struct vault *v);

/* The vault's Ed25519 signing key (made at creation, kept encrypted in the
 * header).  pk: 32 bytes.  sig: 64 bytes. */
void vault_sign_public(const struct vault *v, unsigned char pk[32]);
void vault_sign(const struct vault *v, const unsigned char *m, size_t n,
    unsigned char sig[64]);

/* Turn an SQLite failure on this vault into one sentence in e (naming the
 * page that failed authentication, if that is what happened). */
int vault_sql_error(struct vault *v, int rc, struct err *e);

/* Memory for secrets (passphrases, recovery keys) outside src/vault:
 * guarded, locked, wiped when freed.  Never NULL (fatal() instead). */
void *vault_secret_alloc(size_t n);
void vault_secret_free(void *p);
void vault_wipe(void *p, size_t n);

/* The default vault path: $TEND_FILE, else the XDG data dir (free()). */
char *vault_default_path(void);

#endif
