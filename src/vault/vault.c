/*
 * vault.c: create, open, rekey, verify and back up a vault.
 *
 * Opening reads the header through the shim's own file handle (a second
 * descriptor would lose SQLite's POSIX locks when closed), unwraps the data
 * key from a slot, checks the header MAC, and only then hands the page key
 * to the shim.  SQLite's first read of page 1 comes after that, so a hot
 * journal is rolled back through the shim before anything is decrypted.
 *
 * Every header change rewrites both copies in turn, each synced before the
 * next, while an EXCLUSIVE lock keeps other connections out: a crash leaves
 * at least one whole copy, and readers take the newest whole one.
 */
#include "config.h"

#include "tend/vault.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/fileio.h"
#include "tend/header.h"
#include "tend/progress.h"
#include "vault/hotjournal.h"
#include "vault/inbox-int.h"
#include "vault/secmem.h"
#include "vault/shim.h"
#include "vault/vault-int.h"
#include "vault/witness.h"

#define APP_ID 0x74656e64       /* "tend" in PRAGMA application_id */

static const struct vault_progress *progress;

static const char *const kdf_names[] = {
	[VAULT_KDF_MINIMAL] = "minimal",
	[VAULT_KDF_INTERACTIVE] = "interactive",
	[VAULT_KDF_MODERATE] = "moderate",
	[VAULT_KDF_SENSITIVE] = "sensitive",
};

int
vault_library_init(struct err *e)
{
	static int done;

	if (done)
		return 0;
	if (sqlite3_libversion_number() < 3032000)
		return err_set(e, "SQLite %s is too old: tend needs 3.32 or "
		    "newer", sqlite3_libversion());
	if (sodium_init() < 0)
		return err_set(e, "libsodium could not start");
	if (secmem_sqlite_allocator() != SQLITE_OK)
		return err_set(e, "SQLite could not start");
	if (shim_register(NULL) != SQLITE_OK)
		return err_set(e, "the encrypting SQLite layer could not start");
	done = 1;
	return 0;
}

int
vault_kdf_parse(const char *name, enum vault_kdf *out, struct err *e)
{
	size_t i;

	for (i = 0; i < sizeof kdf_names / sizeof kdf_names[0]; i++)
		if (strcmp(name, kdf_names[i]) == 0) {
			*out = (enum vault_kdf)i;
			return 0;
		}
	return err_set(e, "unknown key derivation profile '%s' (use "
	    "interactive, moderate, sensitive or minimal)", name);
}

const char *
vault_kdf_name(enum vault_kdf kdf)
{
	if ((size_t)kdf < sizeof kdf_names / sizeof kdf_names[0])
		return kdf_names[kdf];
	return "unknown";
}

void
vault_set_progress(const struct vault_progress *p)
{
	progress = p;
}

char *
vault_default_path(void)
{
	const char *env = getenv("TEND_FILE");
	char *dir, *path;

	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	dir = path_data_dir();
	path = xasprintf("%s/journal.tend", dir);
	free(dir);
	return path;
}

/* ---- Argon2id with a progress display ---- */

struct pwjob {
	unsigned char *out;
	const char *pass;
	size_t len;
	const unsigned char *salt;
	uint32_t ops;
	uint64_t mem;
	int rc;
	int done;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static void *
pwjob_run(void *arg)
{
	struct pwjob *j = arg;
	int rc = crypto_pwhash(j->out, KEY_LEN, j->pass, j->len, j->salt,
	    j->ops, (size_t)j->mem, crypto_pwhash_ALG_ARGON2ID13);

	pthread_mutex_lock(&j->lock);
	j->rc = rc;
	j->done = 1;
	pthread_cond_signal(&j->cond);
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int vault_pwhash(unsigned char *out, const char *pass, size_t len,
    const unsigned char *salt, uint32_t ops, uint64_t mem);

int
vault_pwhash(unsigned char *out, const char *pass, size_t len,
    const unsigned char *salt, uint32_t ops, uint64_t mem)
{
	struct pwjob j = { .out = out, .pass = pass, .len = len, .salt = salt,
	    .ops = ops, .mem = mem };
	struct timespec t0, until;
	pthread_t th;

	if (progress == NULL)
		return crypto_pwhash(out, KEY_LEN, pass, len, salt, ops,
		    (size_t)mem, crypto_pwhash_ALG_ARGON2ID13);
	pthread_mutex_init(&j.lock, NULL);
	pthread_cond_init(&j.cond, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (pthread_create(&th, NULL, pwjob_run, &j) != 0) {
		pwjob_run(&j);
	} else {
		pthread_mutex_lock(&j.lock);
		while (!j.done) {
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 100 * 1000 * 1000;
			if (until.tv_nsec >= 1000 * 1000 * 1000) {
				until.tv_sec++;
				until.tv_nsec -= 1000 * 1000 * 1000;
			}
			pthread_cond_timedwait(&j.cond, &j.lock, &until);
			if (!j.done) {
				pthread_mutex_unlock(&j.lock);
				progress->tick(progress->arg, seconds_since(&t0), 0);
				pthread_mutex_lock(&j.lock);
			}
		}
		pthread_mutex_unlock(&j.lock);
		pthread_join(th, NULL);
	}
	progress->tick(progress->arg, seconds_since(&t0), 1);
	pthread_mutex_destroy(&j.lock);
	pthread_cond_destroy(&j.cond);
	return j.rc;
}

/* ---- errors ---- */

int
vault_sql_error(struct vault *v, int rc, struct err *e)
{
	const char *msg = v->db ? sqlite3_errmsg(v->db) : sqlite3_errstr(rc);

	if (rc == SQLITE_IOERR_DATA) {
		if (v->ctx.bad_domain == SHIM_DOMAIN_JOURNAL)
			return err_set(e, "a page image (page %u) in the vault's "
			    "rollback journal failed authentication: the "
			    "journal is damaged or was changed",
			    (unsigned)v->ctx.bad_page);
		if (v->ctx.fresh.stale == 2)
			return err_set(e, "the vault %s was written by a newer "
			    "version of tend", v->path);
		if (v->ctx.fresh.stale && v->ctx.bad_page == 0)
			return err_set(e, "part of the vault is older than the "
			    "rest: pages were put back from an older copy of "
			    "the file (restore a backup)");
		if (v->ctx.fresh.stale)
			return err_set(e, "page %u of the vault is older than "
			    "the rest: it was put back from an older copy of "
			    "the file (restore a backup)",
			    (unsigned)v->ctx.bad_page);
		return err_set(e, "page %u of the vault failed authentication: "
		    "the file is damaged or was changed (restore a backup)",
		    (unsigned)v->ctx.bad_page);
	}
	if (rc == SQLITE_READONLY_DBMOVED)
		return err_set(e, "the vault %s was replaced while tend had it "
		    "open (re-encrypted, or a backup put back); nothing was "
		    "saved: open it again", v->path);
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, "the vault's database is damaged (%s)", msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, "the vault is busy: another tend is using "
		    "it; try again in a moment");
	case SQLITE_READONLY:
		return err_set(e, "the vault %s is read-only", v->path);
	case SQLITE_FULL:
		return err_set(e, "the disk is full; the change was not saved");
	case SQLITE_IOERR:
		return err_set(e, "cannot read or write the vault %s (%s)",
		    v->path, msg);
	default:
		return err_set(e, "%s", msg);
	}
}

static int
exec(struct vault *v, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(v->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : vault_sql_error(v, rc, e);
}

static int
query_int(struct vault *v, const char *sql, sqlite3_int64 *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(v->db, sql, -1, &st, NULL);

	*out = 0;
	if (rc != SQLITE_OK)
		return vault_sql_error(v, rc, e);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : vault_sql_error(v, rc, e);
}

static void
warn(struct vault *v, const char *msg)
{
	if (v->nwarn < MAX_WARN)
		snprintf(v->warn[v->nwarn++], sizeof v->warn[0], "%s", msg);
}

const char *
vault_warning(const struct vault *v, int i)
{
	return i >= 0 && i < v->nwarn ? v->warn[i] : NULL;
}

/* The vault's generation: SQLite's file change counter (page 1 bytes
 * 24-27, inside the encrypted page), which every write transaction
 * changes.  Call inside a read transaction. */
static int
read_generation(struct vault *v, uint32_t *gen)
{
	unsigned char page[SHIM_PAGE];
	int rc = shim_read_page(&v->ctx, 1, page);

	if (rc == SQLITE_OK)
		*gen = (uint32_t)page[24] << 24 | (uint32_t)page[25] << 16 |
		    (uint32_t)page[26] << 8 | page[27];
	sodium_memzero(page, sizeof page);
	return rc;
}

/* ---- opening ---- */

struct vault *
vault_new(const char *path)
{
	struct vault *v = xcalloc(1, sizeof *v);

	v->path = xstrdup(path);
	v->keys = sodium_malloc(sizeof *v->keys);
	if (v->keys == NULL)
		fatal("out of memory");
	v->ctx.format = HDR_VERSION;
	shim_ctx_reset_nonce(&v->ctx);
	return v;
}

/* The generation now, read in a transaction of its own; -1 when it
 * cannot be read (a transaction is still open, an I/O error). */
static int
current_generation(struct vault *v, uint32_t *gen)
{
	int rc;

	if (v->db == NULL || v->ctx.page_key == NULL ||
	    !sqlite3_get_autocommit(v->db) ||
	    sqlite3_exec(v->db, "BEGIN; SELECT 1 FROM sqlite_schema LIMIT 1",
	    NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	rc = read_generation(v, gen);
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -1;
}

/* At close: when this session changed the vault, record its generation,
 * even below the witness's (a change made here accepts a restored copy). */
static void
witness_close(struct vault *v)
{
	uint32_t gen;

	if (v->witness && current_generation(v, &gen) == 0 &&
	    gen != v->gen_open)
		witness_store(v->keys->dek, v->hdr.uuid, gen);
}

int
vault_rolled_back(const struct vault *v)
{
	return v->rolled_back;
}

int
vault_accept_version(struct vault *v, struct err *e)
{
	uint32_t gen;

	if (current_generation(v, &gen) != 0)
		return err_set(e, "cannot read the vault %s", v->path);
	if (witness_store(v->keys->dek, v->hdr.uuid, gen) != 0)
		return err_set(e, "cannot write the rollback witness for %s",
		    v->path);
	v->gen_open = gen;
	v->rolled_back = 0;
	return 0;
}

void
vault_close(struct vault *v)
{
	if (v == NULL)
		return;
	witness_close(v);
	/* Never finalize statements found on the connection: virtual
	 * tables (FTS) keep statements of their own and finalize them when
	 * sqlite3_close disconnects them, and there is no telling theirs from
	 * a caller's.  Reset what is left; a statement the caller did not
	 * finalize is a programming error (the connection and its decrypted
	 * cache would stay open), so fatal() wipes what it can and exits. */
	if (v->db != NULL) {
		sqlite3_stmt *st;

		for (st = sqlite3_next_stmt(v->db, NULL); st != NULL;
		    st = sqlite3_next_stmt(v->db, st))
			sqlite3_reset(st);
		if (sqlite3_close(v->db) != SQLITE_OK)
			fatal("the vault %s was closed with an SQL statement "
			    "still open", v->path);
	}
	v->ctx.page_key = NULL;
	sodium_free(v->keys);
	sodium_memzero(&v->hdr, sizeof v->hdr);
	free(v->path);
	free(v);
}

static int
check_file(const char *path, int flags, struct err *e)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return err_set(e, "there is no vault at %s (create one "
			    "with: tend init)", path);
		return err_set(e, "cannot open %s: %s", path, strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return err_set(e, "%s is a directory, not a vault", path);
	if (!S_ISREG(st.st_mode))
		return err_set(e, "%s is not a regular file", path);
	if (st.st_size == 0)
		return err_set(e, "%s is empty: it is not a tend vault", path);
	if (st.st_size < SHIM_HEADER)
		return err_set(e, "%s is too short to be a tend vault", path);
	if ((flags & VAULT_WRITE) &&
	    (!(st.st_mode & S_IWUSR) || access(path, W_OK) != 0))
		return err_set(e, "the vault %s is read-only", path);
	if (access(path, R_OK) != 0)
		return err_set(e, "cannot read %s: %s", path, strerror(errno));
	return 0;
}

/* SQLite virtual machine steps between two looks at the clock. */
#define PROGRESS_OPS 100000

static int
sql_progress(void *arg)
{
	(void)arg;
	progress_tick();
	return 0;
}

/* Open the SQLite connection through the shim (not yet unlocked). */
static int
attach_db(struct vault *v, struct err *e)
{
	int rc;

	shim_expect(&v->ctx);
	rc = sqlite3_open_v2(v->path, &v->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, SHIM_VFS_NAME);
	shim_expect(NULL);
	if (rc != SQLITE_OK || v->ctx.main == NULL) {
		err_set(e, "cannot open %s: %s", v->path,
		    v->db ? sqlite3_errmsg(v->db) : sqlite3_errstr(rc));
		sqlite3_close(v->db);
		v->db = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(v->db, 1);
	sqlite3_busy_timeout(v->db, 5000);
	/* A statement that runs long (VACUUM, a whole export, the integrity
	 * check) moves the progress line, if a step shows one. */
	sqlite3_progress_handler(v->db, PROGRESS_OPS, sql_progress, NULL);
	return 0;
}

/* Read both header copies under a shared lock (so no writer is half way
 * through one). */
static int
read_headers(struct vault *v, unsigned char both[2 * HDR_COPY],
    struct err *e)
{
	int rc, tries;

	for (tries = 0; tries < 100; tries++) {
		rc = shim_raw_lock(&v->ctx, SQLITE_LOCK_SHARED);
		if (rc != SQLITE_BUSY)
			break;
		sqlite3_sleep(50);
	}
	if (rc != SQLITE_OK)
		return vault_sql_error(v, rc, e);
	rc = shim_raw_read(&v->ctx, both, 2 * HDR_COPY, 0);
	shim_raw_unlock(&v->ctx, SQLITE_LOCK_NONE);
	if (rc == SQLITE_IOERR_SHORT_READ)
		return err_set(e, "it is too short to be a tend vault");
	if (rc != SQLITE_OK)
		return vault_sql_error(v, rc, e);
	return 0;
}

static const char copy_name[2] = { 'A', 'B' };

/* The unlock step shared by passphrase and recovery opens. */
struct unlock {
	const char *pass;
	size_t passlen;
	const unsigned char *rkey;
};

static int
unlock_dek(struct vault *v, const struct unlock *u, struct err *e)
{
	const struct header *h = &v->hdr;
	int i, tried = 0;

	for (i = 0; i < HDR_SLOTS; i++) {
		const struct hdr_slot *s = &h->slot[i];

		if (u->rkey != NULL && s->type == SLOT_RECOVERY) {
			tried = 1;
			if (slot_open_recovery(s, h->uuid, u->rkey,
			    v->keys->dek) == 0)
				return 0;
		} else if (u->rkey == NULL && s->type == SLOT_PASSPHRASE) {
			tried = 1;
			if (slot_open_passphrase(s, h->uuid, u->pass, u->passlen,
			    v->keys->dek, e) == 0)
				return 0;
			if (strcmp(e->msg, "wrong passphrase") != 0)
				return -1;
		}
	}
	if (!tried)
		return err_set(e, u->rkey ? "this vault has no recovery key" :
		    "this vault has no passphrase slot");
	return err_set(e, u->rkey ? "wrong recovery key for this vault" :
	    "wrong passphrase");
}

static int
configure_db(struct vault *v, struct err *e)
{
	int reserve = SHIM_RESERVE;

	v->ctx.page_key = v->keys->page;
	memcpy(v->ctx.uuid, v->hdr.uuid, 16);
	/* EXTRA, not FULL: in DELETE mode a commit is the journal's unlink,
	 * durable only once the directory is synced.  Under FULL a power cut
	 * soon after COMMIT brings the journal back and rolls the committed
	 * transaction back (tests/crash finds it). */
	/* cache_size: every page SQLite reads past its cache costs a
	 * decryption here, not just a copy from the OS's cache; 8 MiB
	 * instead of SQLite's 2 MiB halves full-text search times on a
	 * journal of thousands of entries (tests/bench).  Freed pages are
	 * wiped (secmem.c). */
	if (exec(v, "PRAGMA temp_store=MEMORY; PRAGMA journal_mode=DELETE; "
	    "PRAGMA synchronous=EXTRA; PRAGMA secure_delete=ON; "
	    "PRAGMA mmap_size=0; PRAGMA cache_size=-8192;", e) != 0)
		return -1;
	sqlite3_file_control(v->db, "main", SQLITE_FCNTL_RESERVE_BYTES,
	    &reserve);
	v->ctx.guard = 1;
	return 0;
}

/* The file must hold exactly the header region and the pages SQLite
 * counts: a truncated or extended vault is an error. */
static int
check_size(struct vault *v, sqlite3_int64 *npages, struct err *e)
{
	sqlite3_int64 size, pages;

	if (shim_raw_size(&v->ctx, &size) != SQLITE_OK)
		return err_set(e, "cannot find the size of %s", v->path);
	if ((size - SHIM_HEADER) % SHIM_PAGE != 0)
		return err_set(e, "the vault file ends in the middle of a page: "
		    "it was truncated or extended");
	if (query_int(v, "PRAGMA page_count", &pages, e) != 0)
		return -1;
	if (size != SHIM_HEADER + pages * SHIM_PAGE)
		return err_set(e, "the vault file holds %lld pages but its "
		    "database has %lld: it was truncated or extended",
		    (long long)((size - SHIM_HEADER) / SHIM_PAGE),
		    (long long)pages);
	if (npages)
		*npages = pages;
	return 0;
}

/* SQLite calls a file shorter than the page count in page 1 (bytes 28-31)
 * "malformed"; say what happened instead.  Leaves e alone otherwise. */
static void
explain_short_file(struct vault *v, struct err *e)
{
	sqlite3_file *f = NULL;
	unsigned char h[100];
	sqlite3_int64 size;
	uint32_t pages;

	if (sqlite3_file_control(v->db, "main", SQLITE_FCNTL_FILE_POINTER,
	    &f) != SQLITE_OK || f == NULL || f->pMethods == NULL ||
	    f->pMethods->xRead(f, h, sizeof h, 0) != SQLITE_OK ||
	    shim_raw_size(&v->ctx, &size) != SQLITE_OK)
		return;
	pages = (uint32_t)h[28] << 24 | (uint32_t)h[29] << 16 |
	    (uint32_t)h[30] << 8 | h[31];
	if (size < SHIM_HEADER + (sqlite3_int64)pages * SHIM_PAGE)
		err_set(e, "the vault file holds %lld pages but its database "
		    "has %lu: it was truncated (restore a backup)",
		    (long long)((size - SHIM_HEADER) / SHIM_PAGE),
		    (unsigned long)pages);
}

static int
check_open(struct vault *v, struct err *e)
{
	sqlite3_int64 id;
	int rc;

	if (exec(v, "BEGIN", e) != 0)
		return -1;
	rc = query_int(v, "PRAGMA application_id", &id, e);
	/* A file cut back to its header reads as an empty database. */
	if (rc == 0 && id != APP_ID)
		rc = err_set(e, "the vault %s holds no tend database: it was "
		    "truncated or is damaged (restore a backup)", v->path);
	if (rc == 0)
		rc = check_size(v, NULL, e);
	if (rc == 0) {
		int src = read_generation(v, &v->gen_open);

		if (src != SQLITE_OK)
			rc = vault_sql_error(v, src, e);
	}
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* The highest-generation usable copy (order[0..n-1], see hdr_candidates)
 * whose MAC verifies under mac_key, or -1. */
static int
first_authentic(const unsigned char both[2 * HDR_COPY], const int order[2],
    int n, const unsigned char *mac_key)
{
	int k;

	for (k = 0; k < n; k++)
		if (hdr_mac_ok(both + order[k] * HDR_COPY, mac_key))
			return order[k];
	return -1;
}

/* What is wrong with the copy not in use, for the warning at open. */
enum other_copy { OTHER_FINE, OTHER_DAMAGED, OTHER_FORGED };

static enum other_copy
other_copy_state(const unsigned char both[2 * HDR_COPY], int which, int n,
    const unsigned char *mac_key)
{
	if (n < 2)
		return OTHER_DAMAGED;
	return hdr_mac_ok(both + (1 - which) * HDR_COPY, mac_key) ?
	    OTHER_FINE : OTHER_FORGED;
}

/* Unlock with the key slots of each usable copy in turn (highest
 * generation first) until a data key is found under which a copy's MAC
 * verifies; the highest such copy is used (*which, v->hdr).  A copy whose
 * MAC fails was not written by tend, whatever its checksum and generation
 * say, and is passed over.  But a newer copy that is authentic and whose
 * slots do not open with what was typed means the passphrase was changed:
 * the older copy's slots no longer count. */
static int
unlock_authentic(struct vault *v, const unsigned char both[2 * HDR_COPY],
    const struct header c[2], const int order[2], int n,
    const struct unlock *u, int *which, struct err *e)
{
	int k, w, unlocked = 0;

	for (k = 0; k < n; k++) {
		v->hdr = c[order[k]];
		if (unlock_dek(v, u, e) != 0)
			continue;
		unlocked = 1;
		keys_derive(v->keys);
		w = first_authentic(both, order, n, v->keys->mac);
		if (w < 0)
			continue;
		if (k > 0 && w == order[0])
			return err_set(e, u->rkey ? "wrong recovery key for "
			    "this vault" : "wrong passphrase");
		*which = w;
		v->hdr = c[w];
		return 0;
	}
	if (unlocked)
		return err_set(e, "the header of %s failed authentication: "
		    "it was changed or is damaged", v->path);
	return -1;
}

/* Compare the vault's generation with the one this computer saw last:
 * older is a warning (and a failed verify); newer is recorded. */
static void
witness_check(struct vault *v)
{
	uint64_t seen;
	int have = witness_load(v->keys->dek, v->hdr.uuid, &seen);

	v->witness = 1;
	if (have && seen > v->gen_open) {
		char msg[300];

		v->rolled_back = 1;
		snprintf(msg, sizeof msg, "this journal is older than the last "
		    "version this computer saw (version %lu, last seen %llu), so "
		    "it may have been replaced by an old copy; if you restored "
		    "a backup on purpose, your next change makes it the current "
		    "version", (unsigned long)v->gen_open,
		    (unsigned long long)seen);
		warn(v, msg);
		return;
	}
	if (!have || seen < v->gen_open)
		witness_store(v->keys->dek, v->hdr.uuid, v->gen_open);
}

static int
finish_open(struct vault *v, const unsigned char both[2 * HDR_COPY],
    int which, enum other_copy other, int flags, struct err *e)
{
	unsigned char seed[32], sk[64];
	int i;

	keys_derive(v->keys);
	if (!hdr_mac_ok(both + which * HDR_COPY, v->keys->mac))
		return err_set(e, "the header of %s failed authentication: "
		    "it was changed or is damaged", v->path);
	if (sign_seed_open(&v->hdr, v->keys, seed) != 0)
		return err_set(e, "the signing key in the header of %s is "
		    "damaged", v->path);
	crypto_sign_seed_keypair(v->sign_pk, sk, seed);
	inbox_keypair(seed, v->jot_pk, NULL);
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk, sizeof sk);
	if (other != OTHER_FINE) {
		char msg[200];

		snprintf(msg, sizeof msg, "header copy %c of the vault %s; "
		    "copy %c is intact and was used (run: tend verify)",
		    copy_name[1 - which], other == OTHER_DAMAGED ?
		    "is damaged" : "failed authentication and was ignored",
		    copy_name[which]);
		warn(v, msg);
	}
	for (i = 0; i < HDR_SLOTS; i++)
		if (v->hdr.slot[i].type == SLOT_PASSPHRASE &&
		    v->hdr.slot[i].profile == VAULT_KDF_MINIMAL) {
			warn(v, "this vault uses the 'minimal' key "
			    "derivation, meant only for tests: anyone with the "
			    "file can guess its passphrase quickly; tend passwd --kdf "
			    "moderate makes it strong");
			break;
		}
	if (configure_db(v, e) != 0 || check_open(v, e) != 0) {
		if ((sqlite3_extended_errcode(v->db) & 0xff) == SQLITE_CORRUPT)
			explain_short_file(v, e);
		return -1;
	}
	if ((flags & VAULT_WRITE) && sqlite3_db_readonly(v->db, "main") == 1)
		return err_set(e, "the vault %s is read-only", v->path);
	if (!(flags & OPEN_NO_WITNESS))
		witness_check(v);
	return 0;
}

/* SQLite is about to roll back a hot journal while the vault is open
 * (another process left it): check it first (hotjournal.c). */
static int
journal_hook(struct shim_ctx *ctx, const char *jpath)
{
	struct vault *v = ctx->journal_arg;
	char msg[sizeof v->warn[0]];
	struct err e;

	if (hotjournal_check_locked(ctx, jpath, msg, sizeof msg, &e) != 0)
		return SQLITE_IOERR_ACCESS;
	if (msg[0] != '\0') {
		warn(v, msg);
		v->journal_aside = v->nwarn;
	}
	return SQLITE_OK;
}

/* Before SQLite reads the vault (and rolls back a journal it finds):
 * a journal that does not authenticate is set aside (hotjournal.c). */
static int
check_journal(struct vault *v, struct err *e)
{
	char msg[sizeof v->warn[0]];

	keys_derive(v->keys);
	v->ctx.page_key = v->keys->page;
	memcpy(v->ctx.uuid, v->hdr.uuid, 16);
	if (hotjournal_guard(&v->ctx, v->path, msg, sizeof msg, e) != 0)
		return -1;
	if (msg[0] != '\0') {
		warn(v, msg);
		v->journal_aside = v->nwarn;
	}
	v->ctx.journal_check = journal_hook;
	v->ctx.journal_arg = v;
	return 0;
}

/* A vault made before tend jot has no public key for notes in its header
 * (offset 1664): put the one derived from its signing seed there, under
 * the header MAC, rewriting both copies.  Nothing to do when it is there;
 * -1 when it could not be written (the vault stays usable). */
static int write_headers(struct vault *v, struct header *h, int which,
    struct err *e);

static int
jot_key_store(struct vault *v)
{
	unsigned char both[2 * HDR_COPY];
	struct header h;
	struct err e;
	int which, other_bad, rc = -1;

	if (sodium_memcmp(v->hdr.pub, v->jot_pk, 32) == 0)
		return 0;
	if (sqlite3_exec(v->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return -1;
	if (shim_raw_read(&v->ctx, both, sizeof both, 0) == SQLITE_OK &&
	    hdr_pick(both, HDR_KIND_VAULT, &h, &which, &other_bad,
	    &e) == 0 && hdr_mac_ok(both + which * HDR_COPY, v->keys->mac)) {
		memcpy(h.pub, v->jot_pk, 32);
		if (write_headers(v, &h, which, &e) == 0) {
			v->hdr = h;
			rc = 0;
		}
	}
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	sodium_memzero(&h, sizeof h);
	return rc;
}

static int
open_common(const char *path, const struct unlock *u, int flags,
    struct vault **out, struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	struct header c[2];
	struct vault *v;
	int order[2] = { 0, 1 }, n, which = 0;

	*out = NULL;
	if (check_file(path, flags, e) != 0)
		return -1;
	v = vault_new(path);
	if (attach_db(v, e) != 0 || read_headers(v, both, e) != 0)
		goto fail;
	if (hdr_candidates(both, HDR_KIND_VAULT, c, order, &n, e) != 0) {
		err_prefix(e, "cannot open %s", path);
		goto fail;
	}
	if (unlock_authentic(v, both, c, order, n, u, &which, e) != 0 ||
	    check_journal(v, e) != 0)
		goto fail;
	if (finish_open(v, both, which, other_copy_state(both, which, n,
	    v->keys->mac), flags, e) != 0) {
		/* Without its journal a vault cut off mid-write may not
		 * open: say both. */
		if (v->journal_aside) {
			char msg[ERR_MSG_MAX];

			snprintf(msg, sizeof msg, "%s", e->msg);
			err_set(e, "%s; %s", msg, v->warn[v->journal_aside - 1]);
		}
		goto fail;
	}
	if ((flags & VAULT_WRITE) && jot_key_store(v) != 0)
		warn(v, "the key for notes written without the passphrase "
		    "could not be saved in the header; tend jot will not work "
		    "until it is");
	*out = v;
	return 0;
fail:
	vault_close(v);
	return -1;
}

int
vault_open(const char *path, const char *pass, size_t passlen, int flags,
    struct vault **out, struct err *e)
{
	struct unlock u = { .pass = pass, .passlen = passlen };

	return open_common(path, &u, flags, out, e);
}

int
vault_open_recovery(const char *path, const char *recovery, int flags,
    struct vault **out, struct err *e)
{
	unsigned char *rkey = sodium_malloc(32);
	struct unlock u = { .rkey = rkey };
	int rc;

	*out = NULL;
	if (rkey == NULL)
		return err_set(e, "out of memory");
	if (recovery_parse(recovery, rkey) != 0) {
		sodium_free(rkey);
		return err_set(e, "that is not a valid recovery key (it has 56 "
		    "letters and digits in groups of four; check for typos)");
	}
	rc = open_common(path, &u, flags, out, e);
	sodium_free(rkey);
	return rc;
}

/* Open another vault file with keys already known (a fresh backup). */
static int
open_with_keys(const char *path, const struct keys *keys,
    struct vault **out, struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	struct header c[2];
	struct vault *v = vault_new(path);
	int order[2] = { 0, 1 }, n, which;

	*out = NULL;
	if (attach_db(v, e) != 0 || read_headers(v, both, e) != 0 ||
	    hdr_candidates(both, HDR_KIND_VAULT, c, order, &n, e) != 0)
		goto fail;
	memcpy(v->keys->dek, keys->dek, KEY_LEN);
	keys_derive(v->keys);
	which = first_authentic(both, order, n, v->keys->mac);
	if (which < 0) {
		err_set(e, "the header of %s failed authentication: it was "
		    "changed or is damaged", path);
		goto fail;
	}
	v->hdr = c[which];
	if (finish_open(v, both, which, other_copy_state(both, which, n,
	    v->keys->mac), OPEN_NO_WITNESS, e) != 0)
		goto fail;
	*out = v;
	return 0;
fail:
	vault_close(v);
	return -1;
}

/* ---- writing the header ---- */

/* Write h to both copies: first the one not in use, then the other, each
 * synced.  The caller holds an EXCLUSIVE lock (or the file is new). */
static int
write_headers(struct vault *v, struct header *h, int which, struct err *e)
{
	unsigned char buf[HDR_COPY];
	int i, rc = SQLITE_OK;

	for (i = 0; i < 2 && rc == SQLITE_OK; i++) {
		int copy = i == 0 ? 1 - which : which;

		h->generation++;
		hdr_encode(h, v->keys->mac, buf);
		rc = shim_raw_write(&v->ctx, buf, HDR_COPY,
		    (sqlite3_int64)copy * HDR_COPY);
		if (rc == SQLITE_OK)
			rc = shim_raw_sync(&v->ctx);
	}
	if (rc != SQLITE_OK)
		return vault_sql_error(v, rc, e);
	return 0;
}

int
vault_passwd(struct vault *v, const char *newpass, size_t len, struct err *e)
{
	return vault_passwd_kdf(v, newpass, len, -1, e);
}

int
vault_passwd_kdf(struct vault *v, const char *newpass, size_t len, int newkdf,
    struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	struct header h, c[2];
	enum vault_kdf kdf = VAULT_KDF_MODERATE;
	int order[2] = { 0, 1 }, n, which, i, place = -1, rc = -1;

	if (len == 0)
		return err_set(e, "the new passphrase is empty");
	if (exec(v, "BEGIN EXCLUSIVE", e) != 0)
		return -1;
	if (shim_raw_read(&v->ctx, both, sizeof both, 0) != SQLITE_OK) {
		err_set(e, "cannot read the header of %s", v->path);
		goto out;
	}
	if (hdr_candidates(both, HDR_KIND_VAULT, c, order, &n, e) != 0)
		goto out;
	which = first_authentic(both, order, n, v->keys->mac);
	if (which < 0) {
		err_set(e, "the header of %s failed authentication", v->path);
		goto out;
	}
	h = c[which];
	for (i = 0; i < HDR_SLOTS; i++) {
		if (h.slot[i].type != SLOT_PASSPHRASE)
			continue;
		kdf = newkdf >= 0 ? (enum vault_kdf)newkdf :
		    (enum vault_kdf)h.slot[i].profile;
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
	if (slot_set_passphrase(&h.slot[place], SLOT_PASSPHRASE, h.uuid,
	    v->keys->dek, newpass, len, kdf, e) != 0)
		goto out;
	if (write_headers(v, &h, which, e) != 0)
		goto out;
	v->hdr = h;
	rc = 0;
out:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	sodium_memzero(&h, sizeof h);
	return rc;
}

/* ---- creating ---- */

/* A journal left by a vault that was deleted would be taken as hot and
 * rolled into a new vault made at the same path. */
static int
check_no_journal(const char *path, struct err *e)
{
	char *journal = xasprintf("%s-journal", path);
	struct stat st;
	int rc = 0;

	if (lstat(journal, &st) == 0)
		rc = err_set(e, "%s is left from an earlier vault at this "
		    "path; move it away before making a new vault here",
		    journal);
	free(journal);
	return rc;
}

int
vault_create(const char *path, const char *pass, size_t passlen,
    enum vault_kdf kdf, char recovery[VAULT_RECOVERY_CHARS + 1],
    struct err *e)
{
	unsigned char buf[2 * HDR_COPY], seed[32];
	unsigned char *rkey;
	struct vault *v = NULL;
	struct header *h;
	struct stat st;
	char *dir, *tmp = NULL;
	int fd, rc = -1;

	if (passlen == 0)
		return err_set(e, "the passphrase is empty");
	if (lstat(path, &st) == 0)
		return err_set(e, "a vault already exists at %s; tend never "
		    "overwrites one", path);
	if (check_no_journal(path, e) != 0)
		return -1;
	dir = path_dirname(path);
	rc = dir_ensure(dir, e);
	free(dir);
	if (rc != 0)
		return -1;
	rc = -1;
	v = vault_new(path);
	rkey = sodium_malloc(32);
	if (rkey == NULL)
		fatal("out of memory");
	h = &v->hdr;
	h->version = HDR_VERSION;
	h->kind = HDR_KIND_VAULT;
	h->page_size = SHIM_PAGE;
	h->reserve = SHIM_RESERVE;
	h->created = (uint64_t)time(NULL);
	randombytes_buf(h->uuid, sizeof h->uuid);
	crypto_kdf_keygen(v->keys->dek);
	keys_derive(v->keys);
	randombytes_buf(rkey, 32);
	randombytes_buf(seed, sizeof seed);
	sign_seed_seal(h, v->keys, seed);
	inbox_keypair(seed, h->pub, NULL);
	sodium_memzero(seed, sizeof seed);
	if (slot_set_passphrase(&h->slot[0], SLOT_PASSPHRASE, h->uuid,
	    v->keys->dek, pass, passlen, kdf, e) != 0)
		goto out;
	slot_set_recovery(&h->slot[1], h->uuid, v->keys->dek, rkey);

	h->generation = 1;
	hdr_encode(h, v->keys->mac, buf);
	h->generation = 2;
	hdr_encode(h, v->keys->mac, buf + HDR_COPY);

	fd = file_tmp_beside(path, &tmp, e);
	if (fd < 0)
		goto out;
	if (fd_write_all(fd, buf, sizeof buf) != 0 || fsync(fd) != 0) {
		err_set(e, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		goto out_unlink;
	}
	close(fd);

	/* Make page 1 now, with its reserved bytes, through the shim. */
	free(v->path);
	v->path = xstrdup(tmp);
	if (attach_db(v, e) != 0 || configure_db(v, e) != 0)
		goto out_unlink;
	if (exec(v, "PRAGMA application_id=1952804452", e) != 0 ||
	    query_int(v, "PRAGMA application_id", &(sqlite3_int64){0}, e) != 0)
		goto out_unlink;
	sqlite3_close(v->db);
	v->db = NULL;
	if (file_commit_tmp(tmp, path, 1, e) != 0)
		goto out;
	recovery_format(rkey, recovery);
	rc = 0;
	goto out;
out_unlink:
	if (v->db != NULL) {
		sqlite3_close(v->db);
		v->db = NULL;
	}
	unlink(tmp);
out:
	free(tmp);
	sodium_free(rkey);
	vault_close(v);
	return rc;
}

/* ---- checking and copying ---- */

static int
verify_headers(struct vault *v, struct err *e)
{
	unsigned char both[2 * HDR_COPY];
	struct header h;
	int i;

	if (shim_raw_read(&v->ctx, both, sizeof both, 0) != SQLITE_OK)
		return err_set(e, "cannot read the header of %s", v->path);
	for (i = 0; i < 2; i++) {
		enum hdr_state st = hdr_decode(both + i * HDR_COPY, &h);

		if (st != HDR_OK)
			return err_set(e, "header copy %c is damaged (%s); "
			    "copy %c was used", copy_name[i],
			    st == HDR_TORN ? "its checksum does not match" :
			    "it is not a tend header", copy_name[1 - i]);
		if (!hdr_mac_ok(both + i * HDR_COPY, v->keys->mac))
			return err_set(e, "header copy %c failed "
			    "authentication: it was changed", copy_name[i]);
		if (memcmp(h.uuid, v->hdr.uuid, 16) != 0)
			return err_set(e, "header copy %c belongs to another "
			    "vault", copy_name[i]);
	}
	return 0;
}

int
vault_verify(struct vault *v, uint32_t *pages, struct err *e)
{
	sqlite3_int64 n, i;
	sqlite3_stmt *st = NULL;
	int rc = -1, src;

	*pages = 0;
	if (exec(v, "BEGIN", e) != 0)
		return -1;
	if (query_int(v, "SELECT count(*) FROM sqlite_schema", &n, e) != 0 ||
	    verify_headers(v, e) != 0 || check_size(v, &n, e) != 0)
		goto out;
	for (i = 1; i <= n; i++) {
		src = shim_check_page(&v->ctx, (uint32_t)i);
		if (src != SQLITE_OK) {
			vault_sql_error(v, src, e);
			goto out;
		}
		(*pages)++;
		/* The pages are half the work, SQLite's own check the rest. */
		progress_at((unsigned long long)i, (unsigned long long)n * 2);
	}
	src = sqlite3_prepare_v2(v->db, "PRAGMA integrity_check", -1, &st,
	    NULL);
	if (src != SQLITE_OK) {
		vault_sql_error(v, src, e);
		goto out;
	}
	src = sqlite3_step(st);
	if (src != SQLITE_ROW) {
		vault_sql_error(v, src, e);
		goto out;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		err_set(e, "the database inside the vault is damaged: %s",
		    (const char *)sqlite3_column_text(st, 0));
		goto out;
	}
	if (v->rolled_back) {
		err_set(e, "this journal is older than the last version this "
		    "computer saw (version %lu), so it may have been replaced "
		    "by an old copy", (unsigned long)v->gen_open);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int
vault_read_page(struct vault *v, uint32_t pgno, unsigned char out[4096],
    struct err *e)
{
	int src = shim_read_page(&v->ctx, pgno, out);

	if (src != SQLITE_OK) {
		sodium_memzero(out, SHIM_PAGE);
		return vault_sql_error(v, src, e);
	}
	return 0;
}

/* NAME-YYYYmmdd-HHMMSS.tend beside path; when a backup made in the same
 * second has that name, NAME-YYYYmmdd-HHMMSS-2.tend and so on. */
static char *
backup_name(const char *path)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	size_t n = strlen(path);
	char *name;
	int i;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	if (n > 5 && strcmp(path + n - 5, ".tend") == 0)
		n -= 5;
	name = xasprintf("%.*s-%s.tend", (int)n, path, stamp);
	for (i = 2; i < 100 && access(name, F_OK) == 0; i++) {
		free(name);
		name = xasprintf("%.*s-%s-%d.tend", (int)n, path, stamp, i);
	}
	return name;
}

int
vault_backup(struct vault *v, const char *dest, char **written, struct err *e)
{
	unsigned char buf[64 * 1024];
	struct vault *copy = NULL;
	sqlite3_int64 size, off, n;
	char *target = dest ? xstrdup(dest) : backup_name(v->path);
	char *tmp = NULL;
	uint32_t pages;
	int fd = -1, rc = -1;

	*written = NULL;
	if (access(target, F_OK) == 0) {
		err_set(e, "%s already exists; tend does not overwrite it",
		    target);
		goto out;
	}
	if (check_no_journal(target, e) != 0)
		goto out;
	if (exec(v, "BEGIN", e) != 0)
		goto out;
	if (query_int(v, "SELECT count(*) FROM sqlite_schema", &n, e) != 0 ||
	    check_size(v, &n, e) != 0)
		goto out_commit;
	fd = file_tmp_beside(target, &tmp, e);
	if (fd < 0)
		goto out_commit;
	shim_raw_size(&v->ctx, &size);
	for (off = 0; off < size; off += n) {
		n = size - off < (sqlite3_int64)sizeof buf ? size - off :
		    (sqlite3_int64)sizeof buf;
		if (shim_raw_read(&v->ctx, buf, (int)n, off) != SQLITE_OK) {
			err_set(e, "cannot read %s", v->path);
			goto out_commit;
		}
		if (fd_write_all(fd, buf, (size_t)n) != 0) {
			err_set(e, "cannot write %s: %s", tmp, strerror(errno));
			goto out_commit;
		}
		progress_at((unsigned long long)(off + n),
		    (unsigned long long)size);
	}
	if (fsync(fd) != 0) {
		err_set(e, "cannot write %s: %s", tmp, strerror(errno));
		goto out_commit;
	}
	close(fd);
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	if (file_commit_tmp(tmp, target, 1, e) != 0) {
		free(tmp);
		tmp = NULL;
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (open_with_keys(target, v->keys, &copy, e) != 0 ||
	    vault_verify(copy, &pages, e) != 0) {
		err_prefix(e, "the backup %s did not verify and was removed",
		    target);
		vault_close(copy);
		unlink(target);
		goto out;
	}
	vault_close(copy);
	*written = target;
	target = NULL;
	rc = 0;
	goto out;
out_commit:
	sqlite3_exec(v->db, "COMMIT", NULL, NULL, NULL);
	if (fd >= 0)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
out:
	free(tmp);
	free(target);
	return rc;
}

/* ---- facts ---- */

sqlite3 *
vault_db(struct vault *v)
{
	return v->db;
}

const char *
vault_path(const struct vault *v)
{
	return v->path;
}

void
vault_uuid(const struct vault *v, unsigned char uuid[16])
{
	memcpy(uuid, v->hdr.uuid, 16);
}

enum vault_kdf
vault_kdf_used(const struct vault *v)
{
	int i;

	for (i = 0; i < HDR_SLOTS; i++)
		if (v->hdr.slot[i].type == SLOT_PASSPHRASE)
			return (enum vault_kdf)v->hdr.slot[i].profile;
	return VAULT_KDF_MODERATE;
}

void
vault_sign_public(const struct vault *v, unsigned char pk[32])
{
	memcpy(pk, v->sign_pk, 32);
}

void
vault_sign(const struct vault *v, const unsigned char *m, size_t n,
    unsigned char sig[64])
{
	unsigned char *sk = sodium_malloc(64 + 32);
	unsigned char pk[32];

	if (sk == NULL)
		fatal("out of memory");
	if (sign_seed_open(&v->hdr, v->keys, sk + 64) != 0)
		fatal("the vault's signing key cannot be read");
	crypto_sign_seed_keypair(pk, sk, sk + 64);
	crypto_sign_detached(sig, NULL, m, n, sk);
	sodium_free(sk);
}

/* ---- for the other files of src/vault (vault-int.h) ---- */

int
vault_attach(struct vault *v, struct err *e)
{
	return attach_db(v, e);
}

int
vault_configure(struct vault *v, struct err *e)
{
	return configure_db(v, e);
}

int
vault_read_headers(struct vault *v, unsigned char both[2 * HDR_COPY],
    struct err *e)
{
	return read_headers(v, both, e);
}

int
vault_pick_header(struct vault *v, const unsigned char both[2 * HDR_COPY],
    struct header *h, int *which, int *other, struct err *e)
{
	struct header c[2];
	int order[2] = { 0, 1 }, n;

	if (hdr_candidates(both, HDR_KIND_VAULT, c, order, &n, e) != 0)
		return -1;
	*which = first_authentic(both, order, n, v->keys->mac);
	if (*which < 0)
		return err_set(e, "the header of %s failed authentication: it "
		    "was changed or is damaged", v->path);
	*h = c[*which];
	*other = (int)other_copy_state(both, *which, n, v->keys->mac);
	return 0;
}

int
vault_finish_open(struct vault *v, const unsigned char both[2 * HDR_COPY],
    int which, int other, int flags, struct err *e)
{
	if (finish_open(v, both, which, (enum other_copy)other, flags,
	    e) != 0)
		return -1;
	v->ctx.journal_check = journal_hook;
	v->ctx.journal_arg = v;
	return 0;
}

int
vault_write_headers(struct vault *v, struct header *h, int which,
    struct err *e)
{
	return write_headers(v, h, which, e);
}
