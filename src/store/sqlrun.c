/*
 * sqlrun.c: `tend sql`, SQL from the user run on the unlocked vault.
 *
 * For power users and benchmarks.  Read-only unless asked: each statement
 * is prepared and refused if SQLite says it could write, and the connection
 * is also put in query_only mode for the duration.
 */
#include "config.h"

#include "tend/store.h"

#include <sqlite3.h>
#include <string.h>

#include "tend/err.h"
#include "tend/vault.h"

static void
print_value(sqlite3_stmt *st, int i, FILE *out)
{
	const unsigned char *b;
	int n, k;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		break;
	case SQLITE_BLOB:
		b = sqlite3_column_blob(st, i);
		n = sqlite3_column_bytes(st, i);
		fputs("X'", out);
		for (k = 0; k < n; k++)
			fprintf(out, "%02x", b[k]);
		fputc('\'', out);
		break;
	default:
		fputs((const char *)sqlite3_column_text(st, i), out);
		break;
	}
}

/* Errors in the SQL itself, as opposed to the vault or the disk. */
static int
is_sql_mistake(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_ERROR:
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_RANGE:
	case SQLITE_TOOBIG:
	case SQLITE_AUTH:
		return 1;
	default:
		return 0;
	}
}

int
store_sql_run(struct vault *v, const char *sql, int write, FILE *out,
    struct err *e)
{
	sqlite3 *db = vault_db(v);
	sqlite3_stmt *st = NULL;
	const char *tail = sql;
	int rc = 0;

	if (!write)
		sqlite3_exec(db, "PRAGMA query_only=ON", NULL, NULL, NULL);
	while (rc == 0 && tail != NULL && *tail != '\0') {
		int src = sqlite3_prepare_v2(db, tail, -1, &st, &tail);

		if (src != SQLITE_OK) {
			rc = err_set(e, "SQL error: %s", sqlite3_errmsg(db));
			break;
		}
		if (st == NULL)         /* whitespace or a comment */
			continue;
		if (!write && !sqlite3_stmt_readonly(st)) {
			rc = err_set(e, "this statement would change the vault; "
			    "use tend sql --write to allow that");
			sqlite3_finalize(st);
			break;
		}
		while ((src = sqlite3_step(st)) == SQLITE_ROW) {
			int i, n = sqlite3_column_count(st);

			for (i = 0; i < n; i++) {
				if (i > 0)
					fputc('\t', out);
				print_value(st, i, out);
			}
			fputc('\n', out);
		}
		if (src != SQLITE_DONE)
			rc = is_sql_mistake(src) ?
			    err_set(e, "SQL error: %s", sqlite3_errmsg(db)) :
			    vault_sql_error(v, src, e);
		sqlite3_finalize(st);
	}
	if (!write)
		sqlite3_exec(db, "PRAGMA query_only=OFF", NULL, NULL, NULL);
	if (rc != 0 && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	else if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (fflush(out) != 0 && rc == 0)
		rc = err_set(e, "cannot write the output");
	return rc;
}
