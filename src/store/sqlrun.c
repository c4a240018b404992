/*
 * sqlrun.c: `tend sql`, SQL from the user run on the unlocked vault.
 *
 * For power users and benchmarks.  Read-only unless asked, three times
 * over: an authorizer lets through only reading (SELECT, reads of tables,
 * functions, transactions and the PRAGMAs in read_pragmas below), each
 * statement is refused if SQLite says it could write, and the connection
 * is in query_only mode for the duration.  The authorizer is what stops
 * PRAGMAs that SQLite counts as read-only but that write (query_only=OFF
 * followed by optimize, which runs ANALYZE) or change how later writes
 * behave (writable_schema, secure_delete).
 */
#include "config.h"

#include "tend/store.h"

#include <sqlite3.h>
#include <string.h>

#include "store/store-int.h"
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

/* PRAGMAs that only report: allowed with any argument (a table or index
 * name, or a row limit). */
static const char *const report_pragmas[] = {
	"table_info", "table_xinfo", "table_list", "index_info",
	"index_xinfo", "index_list", "foreign_key_list", "foreign_key_check",
	"integrity_check", "quick_check", "database_list", "collation_list",
	"function_list", "module_list", "pragma_list", "compile_options",
	"page_count", "freelist_count", "data_version",
};

/* PRAGMAs that read a setting without an argument and change it with one:
 * allowed only without. */
static const char *const setting_pragmas[] = {
	"application_id", "auto_vacuum", "automatic_index", "busy_timeout",
	"cache_size", "cache_spill", "cell_size_check", "defer_foreign_keys",
	"encoding", "foreign_keys", "journal_mode", "journal_size_limit",
	"legacy_alter_table", "locking_mode", "max_page_count", "mmap_size",
	"page_size", "query_only", "recursive_triggers", "schema_version",
	"secure_delete", "synchronous", "temp_store", "trusted_schema",
	"user_version", "writable_schema",
};

static int
in_list(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (sqlite3_stricmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/* The authorizer of a read-only run: *denied is set when it refuses. */
static int
read_only_auth(void *denied, int action, const char *a1, const char *a2,
    const char *db, const char *trigger)
{
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
	case SQLITE_TRANSACTION:
	case SQLITE_SAVEPOINT:
		return SQLITE_OK;
	case SQLITE_UPDATE:
		/* SQLite 3.40 prepares (and never runs) an UPDATE of the
		 * schema table while it connects a virtual table (FTS5, the
		 * pragma_* functions); refusing it fails the query.  A real
		 * UPDATE of the schema is still refused below by
		 * sqlite3_stmt_readonly, and writable_schema stays off. */
		if (a1 != NULL && sqlite3_stricmp(a1, "sqlite_master") == 0 &&
		    db != NULL && strcmp(db, "main") == 0 && trigger == NULL)
			return SQLITE_OK;
		break;
	case SQLITE_PRAGMA:
		if (a1 != NULL && (in_list(a1, report_pragmas,
		    sizeof report_pragmas / sizeof report_pragmas[0]) ||
		    (a2 == NULL && in_list(a1, setting_pragmas,
		    sizeof setting_pragmas / sizeof setting_pragmas[0]))))
			return SQLITE_OK;
		break;
	default:
		break;
	}
	*(int *)denied = 1;
	return SQLITE_DENY;
}

static int
refuse_write(struct err *e)
{
	return err_set(e, "this statement would change the vault; use tend "
	    "sql --write to allow that");
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
	int rc = 0, denied = 0;

	/* The search indexes' tokenizer: triggers of the rows written and
	 * MATCH queries need it (only the vault's connection is open). */
	if (store_fts_register(db) != SQLITE_OK)
		return err_set(e, "cannot prepare the search index (%s)",
		    sqlite3_errmsg(db));
	if (!write) {
		sqlite3_exec(db, "PRAGMA query_only=ON", NULL, NULL, NULL);
		sqlite3_set_authorizer(db, read_only_auth, &denied);
	}
	while (rc == 0 && tail != NULL && *tail != '\0') {
		int src = sqlite3_prepare_v2(db, tail, -1, &st, &tail);

		if (src != SQLITE_OK && denied) {
			rc = refuse_write(e);
			break;
		}
		if (src != SQLITE_OK) {
			rc = err_set(e, "SQL error: %s", sqlite3_errmsg(db));
			break;
		}
		if (st == NULL)         /* whitespace or a comment */
			continue;
		if (!write && !sqlite3_stmt_readonly(st)) {
			rc = refuse_write(e);
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
		if (src != SQLITE_DONE && denied)
			rc = refuse_write(e);
		else if (src != SQLITE_DONE)
			rc = is_sql_mistake(src) ?
			    err_set(e, "SQL error: %s", sqlite3_errmsg(db)) :
			    vault_sql_error(v, src, e);
		sqlite3_finalize(st);
	}
	if (!write) {
		sqlite3_set_authorizer(db, NULL, NULL);
		sqlite3_exec(db, "PRAGMA query_only=OFF", NULL, NULL, NULL);
	}
	if (rc != 0 && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	else if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (fflush(out) != 0 && rc == 0)
		rc = err_set(e, "cannot write the output");
	return rc;
}
