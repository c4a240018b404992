/*
 * test-vault-close.c: closing a vault with full-text tables, whose
 * modules keep prepared statements of their own on the connection.
 *
 * Regression: vault_close() finalized every statement on the connection,
 * including those FTS4 prepared for itself, which FTS4 then finalized
 * again when SQLite disconnected it: a crash in sqlite3_close on every
 * vault with an FTS4 table (found by the benchmark).
 *
 * Built without sanitizers: SQLite's wiping allocator zeroes freed
 * memory and ASan does not reuse it, so the stale statement looks
 * finalized and nothing crashes under ASan; with plain malloc the memory
 * is reused at once and the old code crashed here every time.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"

static void
one(const char *name, const char *module)
{
	struct vault *v = test_new_vault(test_path(name));
	sqlite3_stmt *st;
	char sql[200];
	int i, rc;

	snprintf(sql, sizeof sql, "CREATE VIRTUAL TABLE f USING %s(a, b)",
	    module);
	ok(test_exec(v, sql) == SQLITE_OK, "%s: create", module);
	for (i = 0; i < 20; i++) {
		snprintf(sql, sizeof sql, "BEGIN; INSERT INTO f VALUES "
		    "('word%d', 'calm river %d'); COMMIT", i, i);
		test_exec(v, sql);
	}
	vault_close(v);
	ok(1, "%s: closed after writing", module);
	v = test_open_vault(test_path(name));
	ok(test_int(v, "SELECT count(*) FROM f WHERE f MATCH 'river'") == 20,
	    "%s: search", module);
	rc = sqlite3_prepare_v2(vault_db(v), "SELECT a FROM f WHERE f MATCH "
	    "'calm' ORDER BY rowid", -1, &st, NULL);
	ok(rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW,
	    "%s: a statement stepped", module);
	sqlite3_finalize(st);
	vault_close(v);
	ok(1, "%s: closed", module);
	v = test_open_vault(test_path(name));
	ok(test_int(v, "SELECT count(*) FROM f WHERE f MATCH 'calm'") == 20,
	    "%s: reopened", module);
	vault_close(v);
}

int
main(void)
{
	test_init();
	one("fts4.tend", "fts4");
	one("fts5.tend", "fts5");
	return tap_done();
}
