/*
 * rekey.c: a new data key for a vault, and a new recovery key.
 *
 * vault_rekey() copies the database page by page (SQLite's backup API,
 * through the shim) into a new file beside the vault: a fresh data key, a
 * fresh UUID (so no page of one file authenticates in the other), the same
 * signing key (therapists know its fingerprint), a passphrase slot and a
 * new recovery slot.  The copy is verified, synced, moved over the vault
 * with rename(2) and the folder synced.  The old file is never written, so
 * a crash at any point leaves the old vault (and perhaps a stray
 * NAME.tmp-XXXXXX) or the new one, each whole.
 *
 * Locks: the old file is held with an EXCLUSIVE lock from before the copy
 * until after the rename, so no other connection reads or writes it
 * meanwhile (they wait, then hear that the vault is busy).  Afterwards a
 * connection that still has the old file open can read it (the same
 * content) but cannot write to it: SQLite checks before each write
 * transaction that the file is still at its name (SQLITE_READONLY_DBMOVED),
 * so nothing is written to a file that is no longer the vault.
 *
 * vault_recovery_new() rewrites both header copies with a new recovery
 * slot for the same data key.
 */
#include "config.h"

#include "tend/vault.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/fileio.h"
#include "tend/header.h"
#include "tend/progress.h"
#include "vault/rekey.h"
#include "vault/shim.h"
#include "vault/vault-int.h"

#define COPY_STEP 64            /* pages per backup step (256 KiB) */

static int
real_rename(const char *from, const char *to)
{
	return rename(from, to);
}

static int
real_sync_dir(const char *path)
{
	struct err e;

	return dir_sync_parent(path, &e);
}

static int
real_unlink(const char *path)
{
	return unlink(path);
}

const struct rekey_fs rekey_real_fs = { real_rename, real_sync_dir,
    real_unlink };
static const struct rekey_fs *fs = &rekey_real_fs;

void
rekey_set_fs(const struct rekey_fs *f)
{
	fs = f != NULL ? f : &rekey_real_fs;
}

/* Begin a read transaction on v and hold the file with an EXCLUSIVE lock
 * until it ends: nobody else reads or writes meanwhile, and SQLite's backup
 * (which refuses a source in a write transaction) can still read it. */
static int
hold_exclusive(struct vault *v, struct err *e)
{
	sqlite3_int64 n = 0;
	sqlite3_stmt *st;
	int rc, tries;

	rc = sqlite3_exec(v->db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(v->db, "SELECT count(*) FROM "
		    "sqlite_schema", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return vault_sql_error(v, rc, e);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
		return vault_sql_error(v, rc, e);
	}
	(void)n;
	/* From SHARED to EXCLUSIVE (through PENDING, which lets no new
	 * reader in) once the readers there are have finished. */
	for (tries = 0; tries < 100; tries++) {
		rc = shim_raw_lock(&v->ctx, SQLITE_LOCK_EXCLUSIVE);
		if (rc != SQLITE_BUSY)
			break;
		sqlite3_sleep(50);
	}
	if (rc != SQLITE_OK) {
		sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
		return vault_sql_error(v, rc, e);
	}
	return 0;
}

/* The header copy in use, authenticated under v's keys. */
static int
current_header(struct vault *v, struct header *h, int *which, struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	int other;

	if (shim_raw_read(&v->ctx, both, sizeof both, 0) != SQLITE_OK) {
		err_set(e, "cannot read the header of %s", v->path);
		return -1;
	}
	return vault_pick_header(v, both, h, which, &other, e);
}

int
vault_recovery_new(struct vault *v, char recovery[VAULT_RECOVERY_CHARS + 1],
    struct err *e)
{
	unsigned char *rkey;
	struct header h;
	int which, i, place = -1, rc = -1;

	rkey = sodium_malloc(32);
	if (rkey == NULL)
		fatal("out of memory");
	if (sqlite3_exec(v->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		vault_sql_error(v, sqlite3_extended_errcode(v->db), e);
		sodium_free(rkey);
		return -1;
	}
	if (current_header(v, &h, &which, e) != 0)
		goto out;
	for (i = 0; i < HDR_SLOTS; i++)
		if (h.slot[i].type == SLOT_RECOVERY) {
			memset(&h.slot[i], 0, sizeof h.slot[i]);
			if (place < 0)
				place = i;
		}
	for (i = 0; i < HDR_SLOTS && place < 0; i++)
		if (h.slot[i].type == SLOT_EMPTY)
			place = i;
	if (place < 0) {
		err_set(e, "the vault has no free key slot");
		goto out;
	}
	randombytes_buf(rkey, 32);
	slot_set_recovery(&h.slot[place], h.uuid, v->keys->dek, rkey);
	if (vault_write_headers(v, &h, which, e) != 0)
		goto out;
	v->hdr = h;
	recovery_format(rkey, recovery);
	rc = 0;
out:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	sodium_memzero(&h, sizeof h);
	sodium_free(rkey);
	return rc;
}

/* The new file's header in buf: a new UUID and data key (in nv->keys),
 * the signing seed moved under the new key, a passphrase slot and a
 * recovery slot.  *tmp gets the name of a new empty file beside the
 * vault. */
static int
new_file(struct vault *v, const struct header *h, struct vault *nv,
    const char *pass, size_t passlen, int kdf, const unsigned char *rkey,
    unsigned char buf[2 * HDR_COPY], char **tmp, struct err *e)
{
	unsigned char *seed = sodium_malloc(32);
	struct header *nh = &nv->hdr;
	int fd, rc = -1, i;

	if (seed == NULL)
		fatal("out of memory");
	*nh = *h;
	memset(nh->slot, 0, sizeof nh->slot);
	randombytes_buf(nh->uuid, sizeof nh->uuid);
	crypto_kdf_keygen(nv->keys->dek);
	keys_derive(nv->keys);
	if (sign_seed_open(h, v->keys, seed) != 0) {
		err_set(e, "the signing key in the header of %s is damaged",
		    v->path);
		goto out;
	}
	sign_seed_seal(nh, nv->keys, seed);
	if (kdf < 0) {
		kdf = VAULT_KDF_MODERATE;
		for (i = HDR_SLOTS - 1; i >= 0; i--)
			if (h->slot[i].type == SLOT_PASSPHRASE)
				kdf = h->slot[i].profile;
	}
	if (slot_set_passphrase(&nh->slot[0], SLOT_PASSPHRASE, nh->uuid,
	    nv->keys->dek, pass, passlen, (enum vault_kdf)kdf, e) != 0)
		goto out;
	slot_set_recovery(&nh->slot[1], nh->uuid, nv->keys->dek, rkey);
	/* The generation goes on counting from the old file's, so the new
	 * file never looks older than the one it replaces. */
	nh->generation = h->generation + 1;
	hdr_encode(nh, nv->keys->mac, buf);
	nh->generation = h->generation + 2;
	hdr_encode(nh, nv->keys->mac, buf + HDR_COPY);
	fd = file_tmp_beside(v->path, tmp, e);
	if (fd < 0)
		goto out;
	close(fd);
	rc = 0;
out:
	sodium_free(seed);
	return rc;
}

/* Copy every page of v into nv through SQLite's backup (each page is
 * decrypted under v's key and encrypted under nv's). */
static int
copy_pages(struct vault *v, struct vault *nv,
    const struct vault_rekey_progress *p, struct err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(nv->db, "main", v->db, "main");
	int rc;

	if (b == NULL)
		return vault_sql_error(nv, sqlite3_extended_errcode(nv->db), e);
	do {
		int total;

		rc = sqlite3_backup_step(b, COPY_STEP);
		total = sqlite3_backup_pagecount(b);
		if (p != NULL && p->tick != NULL && total > 0)
			p->tick(p->arg, (unsigned)(total -
			    sqlite3_backup_remaining(b)), (unsigned)total);
		if (total > 0)
			progress_at((unsigned long long)(total -
			    sqlite3_backup_remaining(b)),
			    (unsigned long long)total);
	} while (rc == SQLITE_OK);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	if (v->ctx.bad_page != 0)
		return vault_sql_error(v, rc, e);
	return vault_sql_error(nv, rc, e);
}

/* Open v again, now on the file at its path, under dek. */
static int
reopen(struct vault *v, const unsigned char *dek, struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	struct vault *blank = vault_new(v->path);
	int which, other;

	sqlite3_stmt *st;

	/* As vault_close(): statements FTS keeps for itself go with the
	 * connection; one of the caller's left open is a programming error. */
	for (st = sqlite3_next_stmt(v->db, NULL); st != NULL;
	    st = sqlite3_next_stmt(v->db, st))
		sqlite3_reset(st);
	if (sqlite3_close(v->db) != SQLITE_OK)
		fatal("the vault %s was re-encrypted with an SQL statement "
		    "still open", v->path);
	v->db = NULL;
	v->ctx = blank->ctx;            /* fresh nonce prefix and counter */
	vault_close(blank);
	v->nwarn = 0;
	memcpy(v->keys->dek, dek, KEY_LEN);
	keys_derive(v->keys);
	if (vault_attach(v, e) != 0 || vault_read_headers(v, both, e) != 0 ||
	    vault_pick_header(v, both, &v->hdr, &which, &other, e) != 0)
		return -1;
	return vault_finish_open(v, both, which, other, VAULT_WRITE, e);
}

int
vault_rekey(struct vault *v, const char *pass, size_t passlen, int kdf,
    const struct vault_rekey_progress *p,
    char recovery[VAULT_RECOVERY_CHARS + 1], struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	struct vault *nv = NULL;
	unsigned char *rkey;
	struct header h;
	struct stat st;
	char *tmp = NULL;
	uint32_t pages;
	int which, rc = -1, dir_ok;

	if (passlen == 0)
		return err_set(e, "the passphrase is empty");
	if (lstat(v->path, &st) == 0 && S_ISLNK(st.st_mode))
		return err_set(e, "%s is a symbolic link; re-encrypt the file "
		    "it points to instead (tend -f FILE rekey)", v->path);
	if (hold_exclusive(v, e) != 0)
		return -1;
	rkey = sodium_malloc(32);
	if (rkey == NULL)
		fatal("out of memory");
	randombytes_buf(rkey, 32);
	nv = vault_new(v->path);
	if (current_header(v, &h, &which, e) != 0 ||
	    new_file(v, &h, nv, pass, passlen, kdf, rkey, both, &tmp, e) != 0)
		goto out;
	free(nv->path);
	nv->path = xstrdup(tmp);
	/* The header goes in through the shim's file handle, like every
	 * later write (the crash simulation sees them all). */
	if (vault_attach(nv, e) != 0)
		goto out_unlink;
	if (shim_raw_write(&nv->ctx, both, sizeof both, 0) != SQLITE_OK ||
	    shim_raw_sync(&nv->ctx) != SQLITE_OK) {
		err_set(e, "cannot write %s: the disk did not take it", tmp);
		goto out_unlink;
	}
	if (vault_configure(nv, e) != 0 || copy_pages(v, nv, p, e) != 0)
		goto out_unlink;
	if (vault_verify(nv, &pages, e) != 0) {
		err_prefix(e, "the re-encrypted copy did not verify, and the "
		    "vault was left as it was");
		goto out_unlink;
	}
	if (shim_raw_sync(&nv->ctx) != SQLITE_OK) {
		err_set(e, "cannot write %s: the disk did not take it", tmp);
		goto out_unlink;
	}
	sqlite3_close(nv->db);
	nv->db = NULL;
	if (fs->rename(tmp, v->path) != 0) {
		err_set(e, "cannot replace %s: %s", v->path, strerror(errno));
		goto out_unlink;
	}
	/* From here the vault on disk is the new one. */
	dir_ok = fs->sync_dir(v->path) == 0;
	recovery_format(rkey, recovery);
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	if (reopen(v, nv->keys->dek, e) != 0) {
		err_prefix(e, "the vault was re-encrypted but could not be "
		    "opened again");
		rc = 1;
	} else if (!dir_ok) {
		err_set(e, "the vault was re-encrypted, but its folder could "
		    "not be synced: the change may not survive a power cut");
		rc = 1;
	} else
		rc = 0;
	goto out_done;
out_unlink:
	if (nv->db != NULL) {
		sqlite3_close(nv->db);
		nv->db = NULL;
	}
	fs->unlink(tmp);
	{
		char *journal = xasprintf("%s-journal", tmp);

		fs->unlink(journal);
		free(journal);
	}
out:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
out_done:
	sodium_memzero(&h, sizeof h);
	sodium_memzero(both, sizeof both);
	sodium_free(rkey);
	free(tmp);
	vault_close(nv);
	return rc;
}
