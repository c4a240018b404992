/*
 * test-crashkill.c: processes killed in the middle of a transaction.
 *
 * A child killed with SIGKILL after spilling part of a transaction leaves
 * a hot journal; the next open rolls it back through the shim, every row
 * from before is back byte for byte and the vault verifies.  The same with
 * page 1 torn on disk (the open-time header read must not fail on it), and
 * with its header padding zeroed as an earlier tend wrote it.  A journal
 * that does not authenticate is never rolled back: it is moved aside
 * (never deleted) and the vault is left byte for byte as it was, whether
 * a page image in it is damaged, it is a planted 4 KiB journal header
 * naming one page (issue 11), or it is an old journal of this very vault
 * put back after the vault changed, also when it is planted while the
 * vault is open.  A new vault is never made beside a
 * hot journal its old vault left.
 * Then a child committing numbered rows is killed at least 50 times at
 * random moments: each time the vault reopens, integrity_check is ok and
 * every row the child reported committed is there.
 */
#include "config.h"

#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/vault.h"
#include "testutil.h"
#include "vault/shim.h"
#include "vtest.h"

#define MARKER          "crash-marker-Zq4"
#define ROWS            400
#define KILLS           60      /* at least */
#define MAX_KILLS       200
#define MIN_HOT         10      /* kills that must leave a hot journal */

static char *path;
static unsigned char *pristine;
static size_t npristine;
static unsigned char digest0[32];

/* In a child: open the vault with a tiny cache, run sql in a transaction
 * and die before committing.  Exit status 3 if anything failed first. */
static void
die_in_transaction(const char *sql)
{
	struct vault *v;
	struct err e;

	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e) != 0 || test_exec(v, "PRAGMA cache_size=4; BEGIN") !=
	    SQLITE_OK || test_exec(v, sql) != SQLITE_OK)
		_exit(3);
	raise(SIGKILL);
	_exit(4);
}

static int
killed_child(const char *sql)
{
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) == -1)
		fatal("fork: %s", strerror(errno));
	if (pid == 0)
		die_in_transaction(sql);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

static void
restore(void)
{
	glob_t g;
	size_t i;

	/* Putting the pristine copy back on purpose: forget the rollback
	 * witness, which would rightly call it older. */
	if (glob(test_path("state/tend/*"), 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	unlink(vt_journal(path));
	if (test_spit(path, pristine, npristine) != 0)
		fatal("cannot restore %s", path);
}

/* Reopen after a crash: rows as before, verified. */
static void
check_rolled_back(const char *what)
{
	unsigned char d[32];
	struct vault *v;
	struct err e;
	uint32_t pages = 0;
	int rc;

	rc = vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e);
	ok(rc == 0, "%s: the vault reopens (%s)", what, rc == 0 ? "ok" : e.msg);
	if (rc != 0)
		return;
	ok(vt_size(vt_journal(path)) == -1, "%s: the hot journal was rolled "
	    "back and removed", what);
	ok(vt_check_rows(v) == ROWS && vt_digest_rows(v, d) == 0 &&
	    memcmp(d, digest0, 32) == 0, "%s: all %d earlier rows are back, "
	    "byte for byte", what, ROWS);
	rc = vault_verify(v, &pages, &e);
	ok(rc == 0, "%s: the vault verifies (%s)", what,
	    rc == 0 ? "ok" : e.msg);
	vault_close(v);
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Offset of the first page image of page *pgno (0: of any page, and
 * *pgno gets its number) in the journal's first segment, or -1.  Layout:
 * a header of one sector (record count at 8, sector size at 20, page
 * size at 24), then records of page number, page, checksum. */
static long
journal_find(const unsigned char *j, size_t n, uint32_t *pgno)
{
	uint32_t nrec, sector, psize, i;
	size_t off;

	if (n < 28)
		return -1;
	nrec = be32(j + 8);
	sector = be32(j + 20);
	psize = be32(j + 24);
	if (psize != SHIM_PAGE || sector < 512 || sector > 65536)
		return -1;
	for (i = 0, off = sector; i < nrec && off + 8 + psize <= n; i++) {
		if (*pgno == 0 || be32(j + off) == *pgno) {
			*pgno = be32(j + off);
			return (long)off + 4;
		}
		off += 8 + psize;
	}
	return -1;
}

static const char spill_sql[] =
    "UPDATE t SET body = lower(body); DELETE FROM t WHERE n % 3 = 0; "
    "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
    "WHERE i < 150) INSERT INTO t(n, len, body) SELECT 1000 + i, 3000, "
    "'" MARKER "' || hex(randomblob(2000)) FROM c";

static void
hot_journal(void)
{
	unsigned char *now;
	size_t n;

	restore();
	ok(killed_child(spill_sql), "a child changing every page with a tiny "
	    "cache is killed before commit");
	ok(vt_size(vt_journal(path)) > 10 * SHIM_PAGE, "it left a hot journal "
	    "(%lld bytes)", (long long)vt_size(vt_journal(path)));
	now = test_slurp(path, &n);
	ok(now != NULL && (n != npristine || memcmp(now, pristine, n) != 0),
	    "and pages it spilled to the vault (%zu bytes, was %zu)", n,
	    npristine);
	free(now);
	ok(test_count_in_file(vt_journal(path), MARKER) == 0 &&
	    test_count_in_file(path, MARKER) == 0,
	    "neither the journal nor the vault holds the new text in plain");
	check_rolled_back("hot journal");
}

/* Page 1 is in the hot journal; tear it on disk before reopening. */
static void
torn_page1(void)
{
	unsigned char *j, *db, junk[2048];
	uint32_t pg = 1;
	size_t nj, ndb;
	long at;

	restore();
	ok(killed_child("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT "
	    "i + 1 FROM c WHERE i < 300) INSERT INTO t(n, len, body) SELECT "
	    "1000 + i, 3000, hex(randomblob(1500)) FROM c"),
	    "a child growing the vault is killed before commit");
	j = test_slurp(vt_journal(path), &nj);
	at = j != NULL ? journal_find(j, nj, &pg) : -1;
	ok(at > 0, "the hot journal holds page 1 (at %ld)", at);
	free(j);

	db = test_slurp(path, &ndb);
	randombytes_buf(junk, sizeof junk);
	if (db != NULL && ndb > 2 * SHIM_HEADER) {
		memcpy(db + SHIM_HEADER, junk, sizeof junk);
		test_spit(path, db, ndb);
	}
	free(db);
	check_rolled_back("torn page 1");
}

/* The size of the one journal moved aside (NAME-journal.rejected-*), -1
 * if there is none or more than one; they are removed after. */
static off_t
rejected_size(void)
{
	char pat[4200];
	glob_t g;
	off_t size = -1;
	size_t i;

	snprintf(pat, sizeof pat, "%s.rejected-*", vt_journal(path));
	if (glob(pat, 0, NULL, &g) != 0)
		return -1;
	if (g.gl_pathc == 1)
		size = vt_size(g.gl_pathv[0]);
	for (i = 0; i < g.gl_pathc; i++)
		unlink(g.gl_pathv[i]);
	globfree(&g);
	return size;
}

/* A page image in the hot journal is damaged: rolling back with it would
 * write garbage, so the journal is moved aside and the vault left as it
 * is.  The child had spilled pages, so the vault cannot open without its
 * journal: the error says both, naming the page. */
static void
damaged_journal(void)
{
	unsigned char *j, *before;
	struct vault *v;
	struct err e;
	uint32_t pg = 0;
	size_t nj, nb;
	long at;
	int rc;

	restore();
	killed_child(spill_sql);
	j = test_slurp(vt_journal(path), &nj);
	at = j != NULL ? journal_find(j, nj, &pg) : -1;
	ok(at > 0, "the hot journal holds an image of page %u", pg);
	free(j);
	if (at > 0)
		test_flip(vt_journal(path), at + 100);
	before = test_slurp(path, &nb);
	rc = vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e);
	ok(rc == -1 && vt_says(e.msg, "journal") && vt_names_page(e.msg, pg) &&
	    vt_one_sentence(e.msg), "a damaged page image in the hot journal "
	    "is not rolled back, and the error says so, naming it (%s)",
	    rc == -1 ? e.msg : "opened");
	if (rc == 0)
		vault_close(v);
	ok(before != NULL && vt_same_file(path, before, nb),
	    "the vault is left byte for byte as it was");
	ok(vt_size(vt_journal(path)) == -1 && rejected_size() == (off_t)nj,
	    "the journal is moved aside whole, not deleted");
	free(before);
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Open a sound vault beside a journal that must be set aside: it opens
 * with one warning about the journal, every row as before, the vault's
 * bytes as they were (vault[0..n)) and the journal moved aside whole. */
static void
check_set_aside(const char *what, const unsigned char *vault, size_t n)
{
	unsigned char d[32];
	const char *w;
	struct vault *v;
	struct err e;
	off_t js = vt_size(vt_journal(path));
	int rc, i, about;

	rc = vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e);
	ok(rc == 0, "%s: the vault opens (%s)", what, rc == 0 ? "ok" : e.msg);
	if (rc != 0)
		return;
	for (i = 0, about = 0; (w = vault_warning(v, i)) != NULL; i++)
		if (vt_says(w, "journal")) {
			about++;
			ok(vt_one_sentence(w), "%s: the warning is one sentence "
			    "(%s)", what, w);
		}
	ok(about == 1, "%s: one warning about the journal (%d)", what, about);
	ok(vt_check_rows(v) == ROWS && vt_digest_rows(v, d) == 0 &&
	    memcmp(d, digest0, 32) == 0, "%s: all %d rows are there, byte for "
	    "byte", what, ROWS);
	vault_close(v);
	ok(vt_same_file(path, vault, n), "%s: the vault's bytes are as they "
	    "were", what);
	ok(vt_size(vt_journal(path)) == -1 && rejected_size() == js,
	    "%s: the journal is moved aside whole, not deleted", what);
}

/* Issue 11: a 4 KiB file holding only a journal header naming a one-page
 * database (no key needed to make it) made the next open truncate the
 * vault to 8 KiB. */
static void
plant_header(void)
{
	unsigned char j[4096];

	memset(j, 0, sizeof j);
	memcpy(j, "\xd9\xd5\x05\xf9\x20\xa1\x63\xd7", 8);
	put_be32(j + 12, 0x12345678);   /* checksum seed */
	put_be32(j + 16, 1);            /* the database had one page */
	put_be32(j + 20, 4096);         /* sector size */
	put_be32(j + 24, SHIM_PAGE);
	if (test_spit(vt_journal(path), j, sizeof j) != 0)
		fatal("cannot write the journal");
}

static void
planted_header(void)
{
	restore();
	plant_header();
	check_set_aside("a planted journal header", pristine, npristine);
}

/* The same journal planted while the vault is open (by another process,
 * a sync tool): SQLite would roll it back at the next read. */
static void
planted_while_open(void)
{
	unsigned char d[32];
	const char *w;
	struct vault *v;
	struct err e;
	int i, about = 0;

	restore();
	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e) != 0)
		fatal("%s", e.msg);
	plant_header();
	ok(vt_check_rows(v) == ROWS && vt_digest_rows(v, d) == 0 &&
	    memcmp(d, digest0, 32) == 0, "planted while open: the next read "
	    "sees every row, byte for byte");
	for (i = 0; (w = vault_warning(v, i)) != NULL; i++)
		about += vt_says(w, "journal");
	ok(about == 1, "planted while open: one warning about the journal");
	vault_close(v);
	ok(vt_same_file(path, pristine, npristine), "planted while open: the "
	    "vault's bytes are as they were");
	ok(vt_size(vt_journal(path)) == -1 && rejected_size() == 4096,
	    "planted while open: the journal is moved aside whole");
}

/* A genuine journal of this vault, kept from a crash and put back after
 * the vault was rolled back and changed twice, would write its old pages
 * over the new ones. */
static void
replayed_journal(void)
{
	unsigned char *old, *now;
	struct vault *v;
	struct err e;
	size_t nold, nnow;

	restore();
	killed_child(spill_sql);
	old = test_slurp(vt_journal(path), &nold);
	if (old == NULL || vault_open(path, TEST_PASS, strlen(TEST_PASS),
	    VAULT_WRITE, &v, &e) != 0)
		fatal("cannot roll back the first crash");
	if (test_exec(v, "PRAGMA user_version = 7") != SQLITE_OK ||
	    test_exec(v, "PRAGMA user_version = 8") != SQLITE_OK)
		fatal("cannot change the vault");
	vault_close(v);
	now = test_slurp(path, &nnow);
	if (now == NULL || test_spit(vt_journal(path), old, nold) != 0)
		fatal("cannot put the old journal back");
	check_set_aside("an old journal put back", now, nnow);
	free(old);
	free(now);
}

/* An earlier tend wrote no MAC into journal headers: the padding after
 * SQLite's 28 bytes is zero.  Such a journal (here one holding page 1 and
 * matching the vault) still rolls back. */
static void
legacy_journal(void)
{
	unsigned char *j;
	size_t nj;

	restore();
	killed_child(spill_sql);
	j = test_slurp(vt_journal(path), &nj);
	if (j == NULL || nj < 64)
		fatal("no journal");
	memset(j + 28, 0, 36);
	test_spit(vt_journal(path), j, nj);
	free(j);
	check_rolled_back("a journal from an earlier tend");
}

/* The vault is deleted but its hot journal stays behind; a new vault
 * made at the same path must not be rolled back with it (SQLite would
 * truncate the new file to the old size before finding the images do not
 * authenticate).  Refusing to create is fine, so is a working vault. */
static void
stale_journal(void)
{
	char rec[VAULT_RECOVERY_CHARS + 1];
	struct vault *v;
	struct err e;
	uint32_t pages;
	int rc;

	restore();
	killed_child(spill_sql);
	unlink(path);
	ok(vt_size(vt_journal(path)) > 0, "a hot journal outlives its vault");
	rc = vault_create(path, TEST_PASS, strlen(TEST_PASS), VAULT_KDF_MINIMAL,
	    rec, &e);
	if (rc != 0)
		ok(vt_says(e.msg, "journal") && vt_one_sentence(e.msg) &&
		    vt_size(path) == -1 && vt_size(vt_journal(path)) > 0,
		    "creating a vault beside it is refused, naming the journal "
		    "(%s)", e.msg);
	else {
		rc = vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE,
		    &v, &e);
		if (rc == 0) {
			rc = vault_verify(v, &pages, &e);
			vault_close(v);
		}
		ok(rc == 0, "a vault created beside it works (%s)",
		    rc == 0 ? "ok" : e.msg);
	}
	unlink(path);
	unlink(vt_journal(path));
}

/* ---- killed at random while committing ---- */

/* In a child: commit rows first, first + 1, ... one per transaction and
 * report each number on fd once COMMIT has returned.  Some transactions
 * also rewrite every 13th row, so they touch many pages. */
static void
commit_forever(int fd, int first)
{
	struct vault *v;
	struct err e;
	char sql[200];
	int i, zero = 0;

	alarm(30);              /* never outlive a lost parent */
	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e) != 0)
		_exit(3);
	if (write(fd, &zero, sizeof zero) != sizeof zero)
		_exit(3);
	for (i = first;; i++) {
		int len = 40 + (int)randombytes_uniform(9000);

		if (test_exec(v, "BEGIN") != SQLITE_OK ||
		    vt_add_rows(v, NULL, i, 1, len) != SQLITE_OK)
			_exit(3);
		if (i % 4 == 0) {
			snprintf(sql, sizeof sql, "UPDATE t SET body = substr("
			    "printf('row:%%d:', n) || hex(randomblob(len)), 1, "
			    "len) WHERE n %% 13 = %d", i % 13);
			if (test_exec(v, sql) != SQLITE_OK)
				_exit(3);
		}
		if (test_exec(v, "COMMIT") != SQLITE_OK)
			_exit(3);
		if (write(fd, &i, sizeof i) != sizeof i)
			_exit(3);
	}
}

struct tally {
	int kills, hot, not_killed, reopen_failed, integrity_failed;
	int verify_failed, rows_missing;
	long long reported;
	char first_error[ERR_MSG_MAX + 64];
};

static void
note(struct tally *t, int *counter, const char *what, const char *msg)
{
	(*counter)++;
	if (t->first_error[0] == '\0')
		snprintf(t->first_error, sizeof t->first_error, "%s%s", what,
		    msg);
}

/* The first line PRAGMA integrity_check gives (or "(none)"). */
static void
integrity_check(struct vault *v, char *out, size_t n)
{
	sqlite3_stmt *st;

	snprintf(out, n, "(none)");
	if (sqlite3_prepare_v2(vault_db(v), "PRAGMA integrity_check", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* One kill; returns the number of rows now in the vault. */
static long long
crash_once(struct tally *t, long long rows, useconds_t delay)
{
	struct vault *v;
	struct err e;
	uint32_t pages;
	long long have, top = 0;
	int p[2], got, status;
	pid_t pid;
	char ic[64];

	if (pipe(p) != 0)
		fatal("pipe: %s", strerror(errno));
	fflush(stdout);
	if ((pid = fork()) == -1)
		fatal("fork: %s", strerror(errno));
	if (pid == 0) {
		close(p[0]);
		commit_forever(p[1], (int)rows + 1);
	}
	close(p[1]);
	if (read(p[0], &got, sizeof got) == sizeof got)      /* opened */
		usleep(delay);
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
	while (read(p[0], &got, sizeof got) == sizeof got) {
		top = got;
		t->reported++;
	}
	close(p[0]);
	t->kills++;
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		note(t, &t->not_killed, "a child stopped by itself", "");
	if (vt_size(vt_journal(path)) > 0)
		t->hot++;

	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e) != 0) {
		note(t, &t->reopen_failed, "reopening failed: ", e.msg);
		return rows;
	}
	integrity_check(v, ic, sizeof ic);
	if (strcmp(ic, "ok") != 0)
		note(t, &t->integrity_failed, "integrity_check: ", ic);
	have = vt_check_rows(v);
	if (have < top || have < rows)
		note(t, &t->rows_missing, "committed rows are missing", "");
	if (vault_verify(v, &pages, &e) != 0)
		note(t, &t->verify_failed, "verify: ", e.msg);
	vault_close(v);
	return have < 0 ? rows : have;
}

static void
crash_loop(void)
{
	static const useconds_t spread[] = { 1000, 5000, 20000, 80000 };
	struct tally t;
	struct timespec t0, t1;
	struct vault *v;
	long long rows = 0;
	unsigned i;

	memset(&t, 0, sizeof t);
	v = test_new_vault(path);
	if (vt_add_rows(v, NULL, 1, 0, 0) != SQLITE_OK)
		fatal("cannot make table t");
	vault_close(v);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < KILLS || (t.hot < MIN_HOT && i < MAX_KILLS); i++)
		rows = crash_once(&t, rows, (useconds_t)randombytes_uniform(
		    spread[i % (sizeof spread / sizeof spread[0])]));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tap_diag("%d kills in %.1f s, %lld commits reported, %lld rows, %d "
	    "hot journals", t.kills, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, t.reported, rows, t.hot);
	if (t.first_error[0] != '\0')
		tap_diag("first problem: %s", t.first_error);
	ok(t.kills >= KILLS && t.not_killed == 0, "%d children killed with "
	    "SIGKILL while committing", t.kills);
	ok(t.hot >= MIN_HOT, "%d kills left a hot journal", t.hot);
	ok(t.reported > 0 && rows >= t.reported, "%lld commits reported, "
	    "%lld rows in the vault", t.reported, rows);
	ok(t.reopen_failed == 0, "the vault reopened after every kill (%d "
	    "failed)", t.reopen_failed);
	ok(t.integrity_failed == 0, "integrity_check was ok after every kill "
	    "(%d failed)", t.integrity_failed);
	ok(t.rows_missing == 0, "every row reported committed was there, "
	    "each whole (%d times not)", t.rows_missing);
	ok(t.verify_failed == 0, "vault_verify passed after every kill (%d "
	    "failed)", t.verify_failed);
}

int
main(void)
{
	struct vault *v;

	test_dir();
	test_init();
	path = strdup(test_path("crash.tend"));
	v = test_new_vault(path);
	if (vt_add_rows(v, NULL, 1, ROWS, 1500) != SQLITE_OK ||
	    vt_digest_rows(v, digest0) != 0)
		fatal("cannot fill %s", path);
	vault_close(v);
	pristine = test_slurp(path, &npristine);
	if (pristine == NULL)
		fatal("cannot read %s", path);

	hot_journal();
	torn_page1();
	damaged_journal();
	planted_header();
	planted_while_open();
	replayed_journal();
	legacy_journal();
	stale_journal();
	crash_loop();
	free(pristine);
	free(path);
	return tap_done();
}
