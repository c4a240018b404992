/*
 * test-privacy.c: nothing written through a vault reaches the disk in
 * plaintext.
 *
 * A marker phrase written through a vault never appears in the vault
 * file, nor in its rollback journal read while a write transaction is
 * open (pages spilled with a tiny cache), nor in the temporary directory
 * while SQLite sorts 50 MB, runs an UPDATE that keeps a statement journal
 * or VACUUMs.  The shim refuses temporary files, so those must run in
 * memory and still succeed.  The scanner that watches the temporary
 * directory (from SQLite's progress handler) is first shown to find the
 * files a plain SQLite database with temp_store=FILE spills there.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/vault.h"
#include "testutil.h"
#include "vault/shim.h"
#include "vtest.h"

#define MARKER          "tend-privacy-marker-Qx7"
#define SQLITE_MAGIC    "SQLite format 3"
#define BIG_ROWS        13000   /* of about 4,000 bytes: 52 MB to sort */
#define NOTE_ROWS       2000    /* of about 1,000 bytes */

static char tmpdir[PATH_MAX];

/* ---- watching the temporary directory ---- */

struct scan {
	int calls;
	int files;              /* most temporary files seen at once */
	int hits;               /* times the marker was found in one */
};

/* Does the whole file behind fd (read through /proc) contain MARKER? */
static int
fd_has_marker(const char *link)
{
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r;
	int fd = open(link, O_RDONLY), found;

	if (fd < 0)
		return 0;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap * 2 + 65536;
			buf = realloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	found = vt_count(buf, n, MARKER) > 0;
	free(buf);
	return found;
}

/* Look for files in tmpdir and for descriptors of this process that point
 * into it or at SQLite's temporary files (unlinked as soon as opened). */
static void
scan_now(struct scan *s)
{
	char link[300], target[PATH_MAX + 32];
	struct dirent *de;
	DIR *d;
	ssize_t n;
	int files = 0;

	s->calls++;
	if ((d = opendir(tmpdir)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0)
				files++;
		closedir(d);
	}
	if ((d = opendir("/proc/self/fd")) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(link, sizeof link, "/proc/self/fd/%s",
			    de->d_name);
			n = readlink(link, target, sizeof target - 1);
			if (n <= 0)
				continue;
			target[n] = '\0';
			if (strncmp(target, tmpdir, strlen(tmpdir)) != 0 &&
			    strstr(target, "/etilqs_") == NULL)
				continue;
			files++;
			if (fd_has_marker(link))
				s->hits++;
		}
		closedir(d);
	}
	if (files > s->files)
		s->files = files;
}

static int
scan_tick(void *arg)
{
	scan_now(arg);
	return 0;
}

/* How often the marker or SQLite's plaintext header occurs in the file
 * (0 when it is missing): each is plaintext that must not be there. */
static size_t
plain_in(const char *path)
{
	unsigned char *buf;
	size_t n, count;

	if ((buf = test_slurp(path, &n)) == NULL)
		return 0;
	count = vt_count(buf, n, MARKER) + vt_count(buf, n, SQLITE_MAGIC);
	free(buf);
	return count;
}

/* ---- the operations that would spill temporary files ---- */

static int
make_tables(sqlite3 *db, int nbig)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_exec(db, "CREATE TABLE notes(id INTEGER PRIMARY KEY, "
	    "u INTEGER UNIQUE, body TEXT NOT NULL); CREATE TABLE big(id "
	    "INTEGER PRIMARY KEY, k INTEGER, body TEXT)", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_prepare_v2(db, "WITH RECURSIVE c(i) AS (SELECT 1 UNION "
	    "ALL SELECT i + 1 FROM c WHERE i < ?2) "
	    "INSERT INTO notes(u, body) SELECT i, printf('%s %d ', ?1, i) || "
	    "hex(randomblob(490)) FROM c", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, MARKER, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, NOTE_ROWS);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	rc = sqlite3_prepare_v2(db, "WITH RECURSIVE c(i) AS (SELECT 1 UNION "
	    "ALL SELECT i + 1 FROM c WHERE i < ?2) "
	    "INSERT INTO big(k, body) SELECT abs(random() % 1000000), "
	    "printf('%s %d ', ?1, i) || hex(randomblob(1980)) FROM c", -1, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, MARKER, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, nbig);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static long long
count_of(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* ORDER BY a column without an index: every row goes through the sorter. */
static int
op_sort(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long want = count_of(db, "SELECT count(*) FROM big"), rows = 0;
	sqlite3_int64 last = -1, k;
	int rc, sorted = 1;

	rc = sqlite3_prepare_v2(db, "SELECT k, body FROM big ORDER BY k", -1,
	    &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = sqlite3_column_int64(st, 0);
		if (k < last || sqlite3_column_bytes(st, 1) < 3900)
			sorted = 0;
		last = k;
		rows++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	return rows == want && sorted ? SQLITE_OK : SQLITE_MISMATCH;
}

/* The second UPDATE may fail half way (a UNIQUE column), and the pages it
 * changes are already in the rollback journal, so SQLite keeps their
 * earlier images in a statement journal (a plain database spills it to a
 * temporary file past 64 KiB). */
static int
op_update(sqlite3 *db)
{
	int rc = sqlite3_exec(db, "BEGIN; UPDATE notes SET body = body || "
	    "' edited'; UPDATE notes SET u = u + 1000000", NULL, NULL, NULL);

	if (rc == SQLITE_OK && sqlite3_changes(db) != NOTE_ROWS)
		rc = SQLITE_MISMATCH;
	if (rc != SQLITE_OK) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

static int
op_vacuum(sqlite3 *db)
{
	return sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
}

static const struct op {
	const char *what;
	int (*run)(sqlite3 *);
} ops[] = {
	{ "a sort (ORDER BY without an index)", op_sort },
	{ "a large UPDATE with a statement journal", op_update },
	{ "VACUUM", op_vacuum },
};

/* Run op on db while watching the temporary directory. */
static int
watched(sqlite3 *db, const struct op *op, struct scan *s)
{
	int rc;

	memset(s, 0, sizeof *s);
	sqlite3_progress_handler(db, 2000, scan_tick, s);
	rc = op->run(db);
	sqlite3_progress_handler(db, 0, NULL, NULL);
	scan_now(s);
	return rc;
}

/* The scanner finds what a plain SQLite database with temp_store=FILE
 * spills: otherwise finding nothing below would prove nothing. */
static void
scanner_self_check(void)
{
	const char *path = test_path("plain.db");
	struct scan s;
	sqlite3 *db;
	size_t i;
	int rc;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, "unix");
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA temp_store=FILE", NULL, NULL,
		    NULL);
	if (rc == SQLITE_OK)
		rc = make_tables(db, 2000);
	ok(rc == SQLITE_OK, "self-check: a plain database with 8 MB of rows");
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		rc = watched(db, &ops[i], &s);
		ok(rc == SQLITE_OK && s.files > 0 && s.hits > 0,
		    "self-check: the scanner sees %s on a plain database "
		    "spill the marker to %s (%d files, %d hits, %d scans)",
		    ops[i].what, tmpdir, s.files, s.hits, s.calls);
	}
	sqlite3_close(db);
	unlink(path);
}

/* ---- privacy of a vault ---- */

/* Commit the marker, then change it in a transaction with a tiny cache
 * (so pages spill to the vault) and read the journal while it is open. */
static void
journal_while_open(struct vault *v, const char *path)
{
	const char *jpath = vt_journal(path);
	unsigned char *before;
	size_t n;
	off_t jsize;

	before = test_slurp(path, &n);
	ok(test_exec(v, "PRAGMA cache_size=4; BEGIN; UPDATE notes SET body = "
	    "'changed ' || id") == SQLITE_OK, "update the marker rows in an "
	    "open transaction");
	jsize = vt_size(jpath);
	ok(jsize >= 50 * 4096, "the journal holds the old pages (%lld bytes)",
	    (long long)jsize);
	ok(!vt_same_file(path, before, n), "pages spilled to the vault file "
	    "before commit");
	ok(plain_in(jpath) == 0, "no marker or plaintext page 1 in the open "
	    "journal");
	ok(plain_in(path) == 0, "none in the vault with the transaction "
	    "open");
	ok(test_exec(v, "DELETE FROM notes WHERE id % 2 = 0") == SQLITE_OK &&
	    plain_in(jpath) == 0 && plain_in(path) == 0,
	    "delete in the same transaction: still no marker on disk");
	ok(test_exec(v, "ROLLBACK; PRAGMA cache_size=-2000") == SQLITE_OK,
	    "roll back");
	ok(test_int(v, "SELECT count(*) FROM notes WHERE instr(body, '"
	    MARKER "') > 0") == NOTE_ROWS, "the rollback through the shim "
	    "restored every marker row");
	ok(vt_size(jpath) == -1, "the journal is gone");
	free(before);
}

static void
privacy(void)
{
	const char *path = test_path("privacy.tend");
	struct vault *v = test_new_vault(path);
	unsigned refused;
	struct scan s;
	struct err e;
	uint32_t pages;
	size_t i;
	int rc;

	ok(make_tables(vault_db(v), BIG_ROWS) == SQLITE_OK,
	    "write %d marker rows and 52 MB more", NOTE_ROWS);
	ok(vt_size(path) > 50 * 1000 * 1000, "the vault is over 50 MB");
	ok(plain_in(path) == 0, "no marker or plaintext page 1 in the vault "
	    "file");

	journal_while_open(v, path);

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		refused = shim_refused_opens();
		rc = watched(vault_db(v), &ops[i], &s);
		ok(rc == SQLITE_OK, "%s through the vault succeeds (%s)",
		    ops[i].what, sqlite3_errstr(rc));
		ok(shim_refused_opens() == refused, "%s asked for no temporary "
		    "file (refused %u)", ops[i].what,
		    shim_refused_opens() - refused);
		ok(s.files == 0 && s.hits == 0, "%s left nothing in the "
		    "temporary directory (%d files, %d scans)", ops[i].what,
		    s.files, s.calls);
		ok(plain_in(path) == 0 && vt_size(vt_journal(path)) ==
		    -1, "%s: no marker in the vault, no journal left",
		    ops[i].what);
	}
	ok(test_int(v, "SELECT count(*) FROM notes WHERE u > 1000000 AND "
	    "body LIKE '%edited'") == NOTE_ROWS, "the update is in the vault");
	rc = vault_verify(v, &pages, &e);
	ok(rc == 0, "the vault verifies after all that (%u pages)", pages);
	vault_close(v);
	unlink(path);
}

int
main(void)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof dir, "%s/tmp", test_dir());
	if (mkdir(dir, 0700) != 0 || realpath(dir, tmpdir) == NULL)
		fatal("cannot make %s", dir);
	/* SQLite reads these when it starts (in test_init). */
	setenv("SQLITE_TMPDIR", tmpdir, 1);
	setenv("TMPDIR", tmpdir, 1);
	test_init();

	scanner_self_check();
	privacy();
	return tap_done();
}
