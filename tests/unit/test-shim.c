/*
 * test-shim.c: the rules of the encrypting VFS (src/vault/shim.c).
 *
 * Guards: unsafe pragmas, ATTACH and VACUUM INTO another file (also by
 * a URI naming another VFS, or onto an existing file) are refused, and so
 * is every kind of temporary, WAL or stray file asked of the shim.
 * Layout: page 1 decrypted through the shim has page size 4096 and 40
 * reserved bytes, partial reads agree with whole ones, writes of page 1
 * with another layout fail closed, file sizes are shifted past the
 * header, xFetch never maps, and rewriting a page with the same text
 * gives new ciphertext under a new nonce.  What stays out of the disk's
 * plaintext is tested in test-privacy.c.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/vault.h"
#include "testutil.h"
#include "vault/shim.h"
#include "vtest.h"

#define MARKER          "tend-shim-marker-Jw2"
#define SQLITE_MAGIC    "SQLite format 3"

/* ---- pragma guards ---- */

static const char *
text_of(struct vault *v, const char *sql)
{
	static char buf[64];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(vault_db(v), sql, -1, &st, NULL) != SQLITE_OK)
		return "(error)";
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static void
guards(void)
{
	static const struct {
		const char *sql;
		int allowed;
		const char *check, *expect;     /* state afterwards */
	} cases[] = {
		{ "PRAGMA journal_mode=WAL", 0, "PRAGMA journal_mode", "delete" },
		{ "PRAGMA main.journal_mode=wal", 0, "PRAGMA journal_mode",
		    "delete" },
		{ "PRAGMA journal_mode=OFF", 0, "PRAGMA journal_mode", "delete" },
		{ "PRAGMA journal_mode=MEMORY", 0, "PRAGMA journal_mode",
		    "delete" },
		{ "PRAGMA journal_mode=PERSIST", 0, "PRAGMA journal_mode",
		    "delete" },
		{ "PRAGMA journal_mode=TRUNCATE", 1, "PRAGMA journal_mode",
		    "truncate" },
		{ "PRAGMA journal_mode=DELETE", 1, "PRAGMA journal_mode",
		    "delete" },
		{ "PRAGMA synchronous=OFF", 0, "PRAGMA synchronous", "3" },
		{ "PRAGMA synchronous=NORMAL", 0, "PRAGMA synchronous", "3" },
		{ "PRAGMA synchronous=0", 0, "PRAGMA synchronous", "3" },
		{ "PRAGMA synchronous=1", 0, "PRAGMA synchronous", "3" },
		{ "PRAGMA synchronous=EXTRA", 1, "PRAGMA synchronous", "3" },
		{ "PRAGMA synchronous=FULL", 1, "PRAGMA synchronous", "2" },
		{ "PRAGMA mmap_size=1048576", 0, "PRAGMA mmap_size", "0" },
		{ "PRAGMA mmap_size=0", 1, "PRAGMA mmap_size", "0" },
		{ "PRAGMA page_size=8192", 0, "PRAGMA page_size", "4096" },
		{ "PRAGMA page_size=1024", 0, "PRAGMA page_size", "4096" },
		{ "PRAGMA page_size=4096", 1, "PRAGMA page_size", "4096" },
		{ "PRAGMA temp_store=FILE", 0, "PRAGMA temp_store", "2" },
		{ "PRAGMA temp_store=1", 0, "PRAGMA temp_store", "2" },
		{ "PRAGMA temp_store=DEFAULT", 0, "PRAGMA temp_store", "2" },
		{ "PRAGMA temp_store=MEMORY", 1, "PRAGMA temp_store", "2" },
	};
	const char *path = test_path("guards.tend");
	struct vault *v = test_new_vault(path);
	const char *now;
	size_t i;
	int rc;

	vt_add_rows(v, NULL, 1, 10, 200);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rc = test_exec(v, cases[i].sql);
		if (cases[i].allowed)
			ok(rc == SQLITE_OK, "%s is allowed", cases[i].sql);
		else
			ok(rc != SQLITE_OK && vt_says(sqlite3_errmsg(vault_db(v)),
			    "not allowed"), "%s is refused (%s)", cases[i].sql,
			    sqlite3_errmsg(vault_db(v)));
		now = text_of(v, cases[i].check);
		ok(strcmp(now, cases[i].expect) == 0, "then %s is %s (%s)",
		    cases[i].check, cases[i].expect, now);
	}
	ok(test_exec(v, "PRAGMA page_size=8192; VACUUM") != SQLITE_OK ||
	    test_int(v, "PRAGMA page_size") == 4096,
	    "page_size and VACUUM cannot change the page size");
	ok(test_exec(v, "INSERT INTO t(n, len, body) VALUES(11, 2, 'ok')") ==
	    SQLITE_OK && test_int(v, "SELECT count(*) FROM t") == 11,
	    "the vault still works after the refusals");
	vault_close(v);
	unlink(path);
}

/* ATTACH and VACUUM INTO would write a second database: refused, also
 * when a URI names the plain unix VFS, and also onto an existing file. */
static void
other_files(void)
{
	static const struct {
		const char *before, *name, *after;
		int exists;             /* an empty file is there already */
	} cases[] = {
		{ "ATTACH '", "other.tend", "' AS o", 0 },
		{ "ATTACH '", "other-e.tend", "' AS o", 1 },
		{ "ATTACH 'file:", "other-uri.db", "?vfs=unix' AS o", 0 },
		{ "ATTACH 'file:", "other-uri-e.db", "?vfs=unix' AS o", 1 },
		{ "VACUUM INTO '", "copy.db", "'", 0 },
		{ "VACUUM INTO 'file:", "copy-uri.db", "?vfs=unix'", 0 },
	};
	const char *path = test_path("attach.tend");
	struct vault *v = test_new_vault(path);
	char sql[PATH_MAX + 64], *other;
	unsigned refused;
	size_t i;
	int rc;

	vt_add_rows(v, MARKER, 1, 10, 200);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		other = test_path(cases[i].name);
		if (cases[i].exists)
			test_spit(other, "", 0);
		snprintf(sql, sizeof sql, "%s%s%s", cases[i].before, other,
		    cases[i].after);
		refused = shim_refused_opens();
		rc = test_exec(v, sql);
		ok(rc != SQLITE_OK, "%s is refused (%s)", sql,
		    rc == SQLITE_OK ? "it worked" : sqlite3_errmsg(vault_db(v)));
		if (rc == SQLITE_OK && strncmp(sql, "ATTACH", 6) == 0) {
			test_exec(v, "CREATE TABLE o.leak AS SELECT * FROM t");
			test_exec(v, "DETACH o");
		}
		ok(vt_size(other) == (cases[i].exists ? 0 : -1) &&
		    test_count_in_file(other, MARKER) == 0,
		    "%s: no file was written",
		    sql);
		ok(shim_refused_opens() > refused, "%s: the shim refused the "
		    "open", sql);
		unlink(other);
	}
	vault_close(v);
	unlink(path);
}

/* Ask the shim directly for each kind of file SQLite might spill to: all
 * refused, and nothing is made on disk. */
static void
temp_opens(void)
{
	static const struct {
		const char *what, *name;        /* name NULL: nameless */
		int flags;
	} cases[] = {
		{ "a temporary database", NULL, SQLITE_OPEN_TEMP_DB |
		    SQLITE_OPEN_DELETEONCLOSE },
		{ "a temporary journal", NULL, SQLITE_OPEN_TEMP_JOURNAL |
		    SQLITE_OPEN_DELETEONCLOSE },
		{ "a statement journal", NULL, SQLITE_OPEN_SUBJOURNAL |
		    SQLITE_OPEN_DELETEONCLOSE },
		{ "a transient database", NULL, SQLITE_OPEN_TRANSIENT_DB |
		    SQLITE_OPEN_DELETEONCLOSE },
		{ "a nameless main database", NULL, SQLITE_OPEN_MAIN_DB },
		{ "a named temporary database", "named-temp.db",
		    SQLITE_OPEN_TEMP_DB },
		{ "a WAL file", "spill.tend-wal", SQLITE_OPEN_WAL },
		{ "a super-journal", "spill.tend-mj01", SQLITE_OPEN_SUPER_JOURNAL },
		{ "an unannounced main database", "stray.tend",
		    SQLITE_OPEN_MAIN_DB },
	};
	sqlite3_vfs *vfs = sqlite3_vfs_find(SHIM_VFS_NAME);
	sqlite3_file *f;
	const char *name;
	unsigned refused;
	size_t i;
	int rc, out;

	if (vfs == NULL) {
		ok(0, "the shim VFS is registered");
		return;
	}
	f = calloc(1, (size_t)vfs->szOsFile);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		name = cases[i].name ? test_path(cases[i].name) : NULL;
		refused = shim_refused_opens();
		rc = vfs->xOpen(vfs, name, f, cases[i].flags |
		    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &out);
		ok(rc != SQLITE_OK && shim_refused_opens() == refused + 1,
		    "the shim refuses to open %s", cases[i].what);
		if (rc == SQLITE_OK && f->pMethods != NULL)
			f->pMethods->xClose(f);
		if (name != NULL)
			ok(vt_size(name) == -1, "%s: no file was made",
			    cases[i].what);
		memset(f, 0, (size_t)vfs->szOsFile);
	}
	free(f);
}

/* ---- the page layout ---- */

static sqlite3_file *
main_file(struct vault *v)
{
	sqlite3_file *f = NULL;

	sqlite3_file_control(vault_db(v), "main", SQLITE_FCNTL_FILE_POINTER,
	    &f);
	return f;
}

/* Page pgno decrypted through the shim (SHIM_PAGE bytes). */
static int
read_plain(sqlite3_file *f, uint32_t pgno, unsigned char *out)
{
	return f->pMethods->xRead(f, out, SHIM_PAGE,
	    (sqlite3_int64)(pgno - 1) * SHIM_PAGE);
}

static const unsigned char *
raw_page(const unsigned char *raw, uint32_t pgno)
{
	return raw + SHIM_HEADER + (size_t)(pgno - 1) * SHIM_PAGE;
}

static void
layout(void)
{
	static const struct {
		const char *what;
		int off;
		unsigned char value;
	} bad1[] = {
		{ "no reserved bytes", 20, 0 },
		{ "41 reserved bytes", 20, 41 },
		{ "page size 8192", 16, 0x20 },
		{ "page size 1024", 16, 0x04 },
		{ "page size 4097", 17, 0x01 },
	};
	const char *path = test_path("layout.tend");
	struct vault *v = test_new_vault(path);
	unsigned char p1[SHIM_PAGE], p2[SHIM_PAGE], buf[SHIM_PAGE];
	unsigned char *raw, *raw2;
	sqlite3_file *f;
	sqlite3_int64 size;
	struct err e;
	uint32_t pages;
	size_t n, n2, i;
	void *map = &map;
	int rc;

	vt_add_rows(v, MARKER, 1, 100, 1500);
	ok(test_int(v, "PRAGMA page_size") == SHIM_PAGE, "page_size is 4096");
	ok(test_exec(v, "BEGIN IMMEDIATE; SELECT count(*) FROM t") ==
	    SQLITE_OK && (f = main_file(v)) != NULL, "hold a write lock");
	raw = test_slurp(path, &n);

	ok(read_plain(f, 1, p1) == SQLITE_OK && memcmp(p1, SQLITE_MAGIC,
	    16) == 0, "page 1 decrypts to an SQLite header");
	ok(p1[16] == 0x10 && p1[17] == 0x00, "page 1 says page size 4096");
	ok(p1[20] == SHIM_RESERVE, "page 1 says 40 reserved bytes (%u)",
	    p1[20]);
	ok(memcmp(raw_page(raw, 1), SQLITE_MAGIC, 15) != 0 &&
	    memcmp(raw_page(raw, 1), p1, 64) != 0,
	    "page 1 at offset 4096 of the file is not plaintext");
	ok(memcmp(raw_page(raw, 1) + SHIM_USABLE, p1 + SHIM_USABLE,
	    SHIM_RESERVE) == 0, "the reserved bytes hold the nonce and tag "
	    "as they are on disk");
	ok(f->pMethods->xFileSize(f, &size) == SQLITE_OK &&
	    size == (sqlite3_int64)n - SHIM_HEADER &&
	    (size_t)size == (size_t)test_int(v, "PRAGMA page_count") *
	    SHIM_PAGE, "SQLite sees the file size less the header region");

	ok(f->pMethods->xRead(f, buf, 100, 0) == SQLITE_OK &&
	    memcmp(buf, p1, 100) == 0, "a 100-byte read at 0 decrypts page 1");
	ok(f->pMethods->xRead(f, buf, 16, 24) == SQLITE_OK &&
	    memcmp(buf, p1 + 24, 16) == 0, "a 16-byte read at 24 as well");
	ok(read_plain(f, 2, p2) == SQLITE_OK && f->pMethods->xRead(f, buf,
	    200, 4000) == SQLITE_OK && memcmp(buf, p1 + 4000, 96) == 0 &&
	    memcmp(buf + 96, p2, 104) == 0, "a read across two pages");
	ok(f->pMethods->iVersion >= 3 && f->pMethods->xFetch(f, 0, SHIM_PAGE,
	    &map) == SQLITE_OK && map == NULL, "xFetch never maps");

	for (i = 0; i < sizeof bad1 / sizeof bad1[0]; i++) {
		memcpy(buf, p1, sizeof buf);
		buf[bad1[i].off] = bad1[i].value;
		ok(f->pMethods->xWrite(f, buf, SHIM_PAGE, 0) != SQLITE_OK &&
		    vt_same_file(path, raw, n), "writing page 1 with %s fails "
		    "and leaves the file", bad1[i].what);
	}
	ok(f->pMethods->xWrite(f, p1, 100, 0) != SQLITE_OK &&
	    vt_same_file(path, raw, n), "a partial page write is refused");

	/* The same text written again: new nonce, new ciphertext. */
	ok(f->pMethods->xWrite(f, p1, SHIM_PAGE, 0) == SQLITE_OK,
	    "write page 1 again unchanged");
	raw2 = test_slurp(path, &n2);
	ok(raw2 != NULL && n2 == n && memcmp(raw_page(raw2, 1) + SHIM_USABLE,
	    raw_page(raw, 1) + SHIM_USABLE, SHIM_NONCE) != 0,
	    "it got a new nonce");
	ok(raw2 != NULL && memcmp(raw_page(raw2, 1), raw_page(raw, 1),
	    SHIM_USABLE) != 0, "and new ciphertext");
	ok(read_plain(f, 1, buf) == SQLITE_OK && memcmp(buf, p1,
	    SHIM_USABLE) == 0, "and still decrypts to the same page");
	ok(raw2 != NULL && memcmp(raw2 + SHIM_HEADER + SHIM_PAGE, raw +
	    SHIM_HEADER + SHIM_PAGE, n - SHIM_HEADER - SHIM_PAGE) == 0 &&
	    memcmp(raw2, raw, SHIM_HEADER) == 0, "nothing else changed");
	test_exec(v, "COMMIT");
	rc = vault_verify(v, &pages, &e);
	ok(rc == 0, "the vault verifies (%u pages)", pages);
	vault_close(v);
	free(raw);
	free(raw2);
	unlink(path);
}

static int
cmp_nonce(const void *a, const void *b)
{
	return memcmp(a, b, SHIM_NONCE);
}

/* Change a row and change it back: the page's text is the same as
 * before, its ciphertext and nonce are not; no nonce is used twice. */
static void
nonces(void)
{
	const char *path = test_path("nonces.tend");
	struct vault *v = test_new_vault(path);
	unsigned char *raw0, *raw2, *plain0, *plain2, *all;
	uint32_t npages, i;
	size_t n0, n2, nall = 0;
	sqlite3_stmt *st;
	char *orig = NULL;
	sqlite3_file *f;
	int same_text = 0, stale = 0, unmoved = 0;

	vt_add_rows(v, NULL, 1, 100, 1500);
	vault_close(v);
	v = test_open_vault(path);
	npages = (uint32_t)test_int(v, "PRAGMA page_count");
	plain0 = malloc((size_t)npages * SHIM_PAGE);
	plain2 = malloc((size_t)npages * SHIM_PAGE);
	test_exec(v, "BEGIN; SELECT count(*) FROM t");
	f = main_file(v);
	for (i = 1; i <= npages; i++)
		read_plain(f, i, plain0 + (size_t)(i - 1) * SHIM_PAGE);
	test_exec(v, "COMMIT");
	raw0 = test_slurp(path, &n0);

	sqlite3_prepare_v2(vault_db(v), "SELECT body FROM t WHERE n = 50", -1,
	    &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		orig = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	ok(orig != NULL && test_exec(v, "UPDATE t SET body = lower(body) "
	    "WHERE n = 50") == SQLITE_OK, "change a row");
	sqlite3_prepare_v2(vault_db(v), "UPDATE t SET body = ? WHERE n = 50",
	    -1, &st, NULL);
	sqlite3_bind_text(st, 1, orig, -1, SQLITE_STATIC);
	ok(sqlite3_step(st) == SQLITE_DONE, "and change it back");
	sqlite3_finalize(st);

	raw2 = test_slurp(path, &n2);
	test_exec(v, "BEGIN; SELECT count(*) FROM t");
	f = main_file(v);
	for (i = 1; i <= npages; i++)
		read_plain(f, i, plain2 + (size_t)(i - 1) * SHIM_PAGE);
	test_exec(v, "COMMIT");
	ok(raw2 != NULL && n2 == n0, "the file kept its size");

	all = malloc((size_t)npages * 2 * SHIM_NONCE);
	for (i = 2; raw2 != NULL && n2 == n0 && i <= npages; i++) {
		const unsigned char *a = raw_page(raw0, i), *b = raw_page(raw2, i);
		size_t off = (size_t)(i - 1) * SHIM_PAGE;

		if (memcmp(a, b, SHIM_PAGE) == 0) {
			unmoved++;
			continue;
		}
		if (memcmp(plain0 + off, plain2 + off, SHIM_USABLE) == 0)
			same_text++;
		if (memcmp(a + SHIM_USABLE, b + SHIM_USABLE, SHIM_NONCE) == 0 ||
		    memcmp(a, b, 64) == 0)
			stale++;
	}
	ok(same_text >= 1, "a page was written again with the same text "
	    "(%d pages; %d untouched)", same_text, unmoved);
	ok(stale == 0, "every rewritten page has a new nonce and ciphertext");

	/* Every nonce on disk before and after, each at most once. */
	for (i = 1; i <= npages; i++) {
		memcpy(all + nall++ * SHIM_NONCE, raw_page(raw0, i) +
		    SHIM_USABLE, SHIM_NONCE);
		if (raw2 != NULL && n2 == n0 && memcmp(raw_page(raw0, i),
		    raw_page(raw2, i), SHIM_PAGE) != 0)
			memcpy(all + nall++ * SHIM_NONCE, raw_page(raw2, i) +
			    SHIM_USABLE, SHIM_NONCE);
	}
	qsort(all, nall, SHIM_NONCE, cmp_nonce);
	for (i = 1; i < nall; i++)
		if (memcmp(all + (i - 1) * SHIM_NONCE, all + i * SHIM_NONCE,
		    SHIM_NONCE) == 0)
			break;
	ok(nall > npages && i == nall, "no nonce is used twice (%zu nonces)",
	    nall);
	vault_close(v);
	free(all);
	free(orig);
	free(raw0);
	free(raw2);
	free(plain0);
	free(plain2);
	unlink(path);
}

int
main(void)
{
	test_dir();
	test_init();
	guards();
	other_files();
	temp_opens();
	layout();
	nonces();
	return tap_done();
}
