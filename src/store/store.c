/*
 * store.c: opening the journal inside a vault, the statement cache,
 * transactions, IDs, meta settings and the SQL functions the queries use.
 *
 * Guarantees: a store_* call that fails has changed nothing (each change
 * runs in a savepoint); every statement is prepared once per store and
 * finalized by store_close(); foreign keys are enforced.
 */
#include "config.h"

#include "tend/store.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"
#include "tend/vault.h"

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_read_begin[] = "BEGIN DEFERRED";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";
static const char sql_savepoint[] = "SAVEPOINT store_write";
static const char sql_release[] = "RELEASE store_write";
static const char sql_rollback_to[] = "ROLLBACK TO store_write";
static const char sql_timeline[] =
    "SELECT time, kind FROM sessions ORDER BY time, id";
static const char sql_meta_set[] =
    "INSERT INTO meta(key, value) VALUES (?1, ?2) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char sql_meta_get[] = "SELECT value FROM meta WHERE key = ?1";

static const char *const meta_keys[] = {
	"title", "owner", "created", "safety_plan", "crisis_contacts", NULL,
};

/* Resolving typed IDs: a range scan on the UUID index, at most two rows. */
static const char *const sql_resolve[] = {
	[STORE_ENTRY] = "SELECT uuid FROM entries WHERE uuid >= ?1 AND "
	    "uuid < ?1 || '~' AND trashed IS NULL LIMIT 2",
	[STORE_ENTRY_TRASHED] = "SELECT uuid FROM entries WHERE uuid >= ?1 "
	    "AND uuid < ?1 || '~' AND trashed IS NOT NULL LIMIT 2",
	[STORE_CHECKIN] = "SELECT uuid FROM checkins WHERE uuid >= ?1 AND "
	    "uuid < ?1 || '~' LIMIT 2",
	[STORE_SESSION] = "SELECT uuid FROM sessions WHERE uuid >= ?1 AND "
	    "uuid < ?1 || '~' LIMIT 2",
	[STORE_AGENDA] = "SELECT uuid FROM agenda WHERE uuid >= ?1 AND "
	    "uuid < ?1 || '~' LIMIT 2",
	[STORE_MEASURE] = "SELECT uuid FROM measures WHERE uuid >= ?1 AND "
	    "uuid < ?1 || '~' LIMIT 2",
};
static const char *const table_names[] = {
	[STORE_ENTRY] = "entry",
	[STORE_ENTRY_TRASHED] = "entry in the trash",
	[STORE_CHECKIN] = "check-in",
	[STORE_SESSION] = "session",
	[STORE_AGENDA] = "agenda item",
	[STORE_MEASURE] = "questionnaire answer",
};

/* ---- SQL functions: placement and times for the JSON queries ---- */

/* The result of say (timeline_place or timeline_phase) for the moment
 * argv[0], against the store's sessions. */
static void
fn_timeline(sqlite3_context *ctx, sqlite3_value **argv,
    void (*say)(const struct timeline_point *, size_t, time_t, char *,
    size_t))
{
	struct store *s = sqlite3_user_data(ctx);
	const struct timeline_point *tl;
	char buf[96];
	size_t n;

	tl = store_timeline(s, &n);
	say(tl, n, (time_t)sqlite3_value_int64(argv[0]), buf, sizeof buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

static void
fn_place(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	fn_timeline(ctx, argv, timeline_place);
}

static void
fn_phase(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	fn_timeline(ctx, argv, timeline_phase);
}

/* tend_iso(t, off): the moment as written, "2026-11-26T14:05:00+01:00". */
static void
fn_iso(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[40];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	time_format_iso((time_t)sqlite3_value_int64(argv[0]),
	    sqlite3_value_int(argv[1]), buf, sizeof buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* tend_local(t): the moment in the current local time zone. */
static void
fn_local(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	time_t t = (time_t)sqlite3_value_int64(argv[0]);
	char buf[40];

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	time_format_iso(t, time_offset(t), buf, sizeof buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

static const struct {
	const char *name;
	int nargs;
	void (*fn)(sqlite3_context *, int, sqlite3_value **);
} functions[] = {
	{ "tend_place", 1, fn_place },
	{ "tend_phase", 1, fn_phase },
	{ "tend_iso", 2, fn_iso },
	{ "tend_local", 1, fn_local },
};

static int
register_functions(struct store *s, int on)
{
	size_t i;

	for (i = 0; i < sizeof functions / sizeof functions[0]; i++) {
		int rc = sqlite3_create_function(s->db, functions[i].name,
		    functions[i].nargs, SQLITE_UTF8 | SQLITE_DIRECTONLY,
		    on ? s : NULL, on ? functions[i].fn : NULL, NULL, NULL);
		if (rc != SQLITE_OK && on)
			return rc;
	}
	return SQLITE_OK;
}

/* ---- opening and closing ---- */

int
store_wrap(sqlite3 *db, struct vault *v, int version, struct store **out,
    struct err *e)
{
	struct store *s = xcalloc(1, sizeof *s);
	int rc;

	*out = NULL;
	s->v = v;
	s->db = db;
	s->own_db = v == NULL;
	rc = sqlite3_exec(s->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = register_functions(s, 1);
	if (rc == SQLITE_OK)
		rc = store_fts_register(s->db);
	if (rc != SQLITE_OK) {
		store_sqlerr(s, rc, e);
		store_close(s);
		return -1;
	}
	if (version > 0 && schema_migrate(s, version, e) != 0) {
		store_close(s);
		return -1;
	}
	*out = s;
	return 0;
}

int
store_open_at(struct vault *v, int version, struct store **out,
    struct err *e)
{
	return store_wrap(vault_db(v), v, version, out, e);
}

int
store_open(struct vault *v, struct store **out, struct err *e)
{
	return store_open_at(v, STORE_SCHEMA_VERSION, out, e);
}

void
store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	register_functions(s, 0);
	if (s->own_db)
		sqlite3_close(s->db);
	free(s->budget);
	free(s->tl);
	free(s);
}

int
store_schema_version(struct store *s)
{
	return s->version;
}

/* ---- statements ---- */

sqlite3_stmt *
store_stmt(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if (store_budget_statement(s) != 0) {
		store_sqlerr(s, SQLITE_INTERRUPT, e);
		return NULL;
	}
	for (i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			st = s->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (s->ncache == STORE_CACHE_MAX)
		fatal("store: statement cache full");
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL);
	if (rc != SQLITE_OK) {
		store_sqlerr(s, rc, e);
		return NULL;
	}
	s->cache[s->ncache].sql = sql;
	s->cache[s->ncache].st = st;
	s->ncache++;
	return st;
}

int
store_sqlerr(struct store *s, int rc, struct err *e)
{
	if (s->budget != NULL && s->budget->spent)
		return err_set(e, "the shared journal takes more work to read "
		    "than tend allows (%d seconds), so it was not read",
		    s->budget->seconds);
	if (s->v == NULL && ((rc & 0xff) == SQLITE_TOOBIG ||
	    (rc & 0xff) == SQLITE_NOMEM))
		return err_set(e, "the shared journal holds more than tend "
		    "reads (%s)", sqlite3_errstr(rc));
	if ((rc & 0xff) == SQLITE_ERROR || (rc & 0xff) == SQLITE_CONSTRAINT)
		return err_set(e, "the journal's database refused a change "
		    "(%s)", sqlite3_errmsg(s->db));
	if (s->v == NULL) {
		if ((rc & 0xff) == SQLITE_READONLY)
			return err_set(e, "this journal is read-only here");
		return err_set(e, "the journal's database failed (%s)",
		    sqlite3_errstr(rc));
	}
	return vault_sql_error(s->v, rc, e);
}

int
store_done(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_sqlerr(s, rc, e);
	return 0;
}

int
store_rows(struct store *s, sqlite3_stmt *st,
    int (*row)(sqlite3_stmt *, void *), void *arg, struct err *e)
{
	int rc, stop = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((stop = row(st, arg)) != 0)
			break;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, e);
}

int
store_json_row(struct store *s, sqlite3_stmt *st, char **json,
    struct err *e)
{
	const char *text;
	int rc = sqlite3_step(st);

	*json = NULL;
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_sqlerr(s, rc == SQLITE_DONE ? SQLITE_ERROR : rc, e);
	}
	text = (const char *)sqlite3_column_text(st, 0);
	*json = xstrdup(text != NULL ? text : "null");
	sqlite3_reset(st);
	return 0;
}

static int
write_failed(struct err *e)
{
	return err_set(e, "cannot write the export (%s)", strerror(errno));
}

/* A FILE as a store_write_fn. */
static int
file_write(const char *p, size_t n, void *arg)
{
	return fwrite(p, 1, n, arg) == n ? 0 : -1;
}

int
store_json_rows(struct store *s, sqlite3_stmt *st, FILE *out,
    struct err *e)
{
	static const char was[] = "cannot write the export";

	if (store_json_rows_sink(s, st, file_write, out, e) == 0)
		return 0;
	/* The listings on standard output say what they could not write. */
	if (strncmp(e->msg, was, sizeof was - 1) == 0) {
		char why[ERR_MSG_MAX];

		snprintf(why, sizeof why, "%s", e->msg + sizeof was - 1);
		err_set(e, "cannot write the list%s", why);
	}
	return -1;
}

int
store_json_put(const char *text, store_write_fn w, void *arg,
    struct err *e)
{
	char *safe = utf8_json_controls(text != NULL ? text : "null");
	size_t n = strlen(safe);
	int rc = w(safe, n, arg);
	int saved = errno;

	vault_wipe(safe, n);
	free(safe);
	if (rc != 0) {
		errno = saved;
		return write_failed(e);
	}
	return 0;
}

int
store_json_rows_sink(struct store *s, sqlite3_stmt *st, store_write_fn w,
    void *arg, struct err *e)
{
	long n = 0;
	int rc = SQLITE_DONE, bad;

	bad = w("[", 1, arg) != 0 ? write_failed(e) : 0;
	while (bad == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* DEL and C1 controls as \u escapes, as cli_print_json does */
		if (n++ > 0 && w(",", 1, arg) != 0)
			bad = write_failed(e);
		else
			bad = store_json_put((const char *)
			    sqlite3_column_text(st, 0), w, arg, e);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (bad != 0)
		return -1;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, e);
	return w("]", 1, arg) != 0 ? write_failed(e) : 0;
}

int
store_bind_time(sqlite3_stmt *st, int i, time_t t)
{
	if (t == 0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, (sqlite3_int64)t);
}

/* ---- transactions ---- */

/* Run one of the cached transaction statements. */
static int
run(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	return store_done(s, st, e);
}

int
store_begin(struct store *s, struct err *e)
{
	return run(s, sql_begin, e);
}

int
store_read_begin(struct store *s, struct err *e)
{
	return run(s, sql_read_begin, e);
}

int
store_commit(struct store *s, struct err *e)
{
	if (run(s, sql_commit, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	struct err ignored;

	if (!sqlite3_get_autocommit(s->db))
		run(s, sql_rollback, &ignored);
	store_timeline_changed(s);
}

/* Outside a transaction a change takes the write lock at once (BEGIN
 * IMMEDIATE, so two tends wait for each other instead of deadlocking);
 * inside one (store_begin) it is a savepoint. */
int
store_write_begin(struct store *s, struct err *e)
{
	s->own_tx = sqlite3_get_autocommit(s->db);
	return run(s, s->own_tx ? sql_begin : sql_savepoint, e);
}

int
store_write_end(struct store *s, int rc, struct err *e)
{
	struct err ignored;

	if (rc != 0) {
		if (s->own_tx)
			run(s, sql_rollback, &ignored);
		else {
			run(s, sql_rollback_to, &ignored);
			run(s, sql_release, &ignored);
		}
		store_timeline_changed(s);
		return rc;
	}
	if (run(s, s->own_tx ? sql_commit : sql_release, e) != 0) {
		store_write_end(s, -1, e);
		return -1;
	}
	return 0;
}

/* ---- IDs and text ---- */

void
store_uuid_from(const unsigned char id[16], char out[STORE_UUID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	int i, o = 0;

	memcpy(b, id, sizeof b);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

void
store_new_uuid(char out[STORE_UUID_LEN + 1])
{
	unsigned char b[16];

	sqlite3_randomness(sizeof b, b);
	store_uuid_from(b, out);
}

int
store_check_text(const char *text, const char *what, int may_be_empty,
    struct err *e)
{
	if (text == NULL)
		text = "";
	if (!utf8_valid(text, strlen(text)))
		return err_set(e, "%s is not valid UTF-8 text", what);
	if (!may_be_empty && utf8_blank(text))
		return err_set(e, "%s is empty", what);
	return 0;
}

int
store_check_when(time_t when, struct err *e)
{
	if (when > time_tomorrow(time(NULL)))
		return err_set(e, "that date is more than a day ahead: entries "
		    "and check-ins can be dated up to this time tomorrow (only "
		    "sessions can be further ahead)");
	return 0;
}

/* Lower-case the typed ID into out, with dashes where a UUID has them if
 * it was typed without; -1 if it cannot be an ID prefix. */
static int
normalize_id(const char *typed, char out[STORE_UUID_LEN + 1])
{
	size_t i, o = 0, hexdigits = 0;
	int dashes = strchr(typed, '-') != NULL;

	for (i = 0; typed[i] != '\0'; i++) {
		char c = (char)tolower((unsigned char)typed[i]);

		if (!dashes && (o == 8 || o == 13 || o == 18 || o == 23)) {
			if (o >= STORE_UUID_LEN)
				return -1;
			out[o++] = '-';
		}
		if (o >= STORE_UUID_LEN)
			return -1;
		if (isxdigit((unsigned char)c))
			hexdigits++;
		else if (c != '-')
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	return hexdigits >= STORE_ID_MIN ? 0 : -1;
}

int
store_resolve(struct store *s, enum store_table t, const char *typed,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	char prefix[STORE_UUID_LEN + 1];
	sqlite3_stmt *st;
	int rc, found = 0;

	if (strlen(typed) > STORE_UUID_LEN || normalize_id(typed, prefix) != 0)
		return err_set(e, "'%.40s' is not an ID: type at least %d of "
		    "its hex digits", typed, STORE_ID_MIN);
	if ((st = store_stmt(s, sql_resolve[t], e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found++ == 0)
			memcpy(uuid, sqlite3_column_text(st, 0),
			    STORE_UUID_LEN + 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, e);
	if (found == 0 && t == STORE_ENTRY &&
	    store_resolve(s, STORE_ENTRY_TRASHED, typed, uuid, NULL) == 0)
		return err_set(e, "the entry %s is in the trash (tend restore "
		    "%s brings it back)", typed, typed);
	if (found == 0)
		return err_set(e, "there is no %s with the ID %s",
		    table_names[t], typed);
	if (found > 1)
		return err_set(e, "the ID %s matches more than one %s; type "
		    "more of it", typed, table_names[t]);
	return 0;
}

/* ---- meta ---- */

int
store_meta_set(struct store *s, const char *key, const char *value,
    struct err *e)
{
	size_t i;

	for (i = 0; meta_keys[i] != NULL; i++)
		if (strcmp(meta_keys[i], key) == 0)
			break;
	if (meta_keys[i] == NULL)
		return err_set(e, "'%s' is not a journal setting", key);
	if (store_check_text(value, "the setting's value", 1, e) != 0)
		return -1;
	return store_meta_put(s, key, value, e);
}

int
store_meta_put(struct store *s, const char *key, const char *value,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, sql_meta_set, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	return store_write_end(s, rc, e);
}

int
store_meta_flag(struct store *s, const char *key)
{
	char *v = store_meta_get(s, key);
	int on = v == NULL || strcmp(v, "0") != 0;

	free(v);
	return on;
}

char *
store_meta_get(struct store *s, const char *key)
{
	sqlite3_stmt *st;
	struct err e;
	char *r = NULL;

	if ((st = store_stmt(s, sql_meta_get, &e)) == NULL)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return r;
}

/* ---- the sessions for placement ---- */

void
store_timeline_changed(struct store *s)
{
	s->tl_valid = 0;
}

const struct timeline_point *
store_timeline(struct store *s, size_t *n)
{
	if (!s->tl_valid) {
		sqlite3_stmt *st;
		struct err e;
		size_t cap = 0;

		s->ntl = 0;
		if ((st = store_stmt(s, sql_timeline, &e)) == NULL) {
			*n = 0;
			return NULL;
		}
		while (sqlite3_step(st) == SQLITE_ROW) {
			enum session_kind k = SESSION_OTHER;

			if (s->ntl == cap) {
				cap = cap ? cap * 2 : 16;
				s->tl = xrealloc(s->tl, cap * sizeof *s->tl);
			}
			store_session_kind_parse(
			    (const char *)sqlite3_column_text(st, 1), &k);
			s->tl[s->ntl].time = (time_t)sqlite3_column_int64(st, 0);
			s->tl[s->ntl].kind = k;
			s->ntl++;
		}
		sqlite3_reset(st);
		s->tl_valid = 1;
	}
	*n = s->ntl;
	return s->ntl ? s->tl : NULL;
}

void
store_place(struct store *s, time_t t, char *buf, size_t bufsz)
{
	const struct timeline_point *tl;
	size_t n;

	tl = store_timeline(s, &n);
	timeline_place(tl, n, t, buf, bufsz);
}
