/*
 * export.c: the shared subset of a journal as a database image.
 *
 * An export is built in a private in-memory database ("main" of a
 * ":memory:" connection with temp_store=MEMORY, so neither the database,
 * its journal nor any sort spills to disk) that gets the same schema
 * through the same migrations as a journal, so every store_* function
 * works on it.  Rows are copied column by column from the journal; the
 * search index fills itself through the schema's triggers.  The result is
 * serialized with sqlite3_serialize; store_open_image turns such an image
 * back into a read-only store with sqlite3_deserialize.
 *
 * What goes out is decided here and only here (see struct export_scope),
 * for bundles and plaintext exports alike: "private" means private, for
 * check-ins as for entries (only sc->all lets them out).  The safety plan
 * and crisis contacts stay home: they are the patient's own plan for bad
 * moments, not part of the course the therapist reviews.
 */
#include "config.h"

#include "tend/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"
#include "tend/measure.h"
#include "tend/err.h"
#include "tend/vault.h"

/* ?1 since, ?2 until (NULL: open), ?3 all.  What goes out is decided
 * here and only here: an entry or a check-in the patient did not mark to
 * share stays out unless all. */
#define ENTRY_WHERE \
    " WHERE trashed IS NULL AND (shared = 1 OR ?3) AND " \
    "(?1 IS NULL OR created >= ?1) AND (?2 IS NULL OR created < ?2)"
#define ENTRY_SCOPE " FROM entries" ENTRY_WHERE
#define CHECKIN_RANGE_WHERE \
    " WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR time < ?2)"
#define CHECKIN_RANGE " FROM checkins" CHECKIN_RANGE_WHERE
#define CHECKIN_WHERE CHECKIN_RANGE_WHERE " AND (shared = 1 OR ?3)"
#define CHECKIN_SCOPE " FROM checkins" CHECKIN_WHERE
/* Questionnaire answers go out as check-ins do; with them the
 * definitions (added by the patient) they were answered against. */
#define MEASURE_WHERE CHECKIN_WHERE
#define MEASURE_SCOPE " FROM measures" MEASURE_WHERE
#define AGENDA_SCOPE \
    " FROM agenda WHERE done IS NULL AND (?1 IS NULL OR created >= ?1) " \
    "AND (?2 IS NULL OR created < ?2)"

/* Rows are copied in rowid order straight from the table (NOT INDEXED:
 * through an index they would be sorted, whole texts and all, in
 * memory). */
static const char sql_entries[] = "SELECT * FROM entries NOT INDEXED"
    ENTRY_WHERE " ORDER BY id";
static const char sql_tags[] =
    "SELECT * FROM tags WHERE entry IN (SELECT id" ENTRY_SCOPE ") "
    "ORDER BY entry, tag";
static const char sql_checkins[] = "SELECT * FROM checkins NOT INDEXED"
    CHECKIN_WHERE " ORDER BY id";
static const char sql_measures[] = "SELECT * FROM measures NOT INDEXED"
    MEASURE_WHERE " ORDER BY id";
static const char sql_measure_defs[] = "SELECT * FROM measure_defs "
    "WHERE version IN (SELECT version" MEASURE_SCOPE ") ORDER BY id";
static const char sql_sessions[] = "SELECT * FROM sessions ORDER BY id";
static const char sql_agenda[] = "SELECT *" AGENDA_SCOPE " ORDER BY id";
static const char sql_owner[] = "SELECT value FROM meta WHERE key = 'owner'";

static const char sql_count_entries[] =
    "SELECT count(*) FILTER (WHERE shared = 1), "
    "count(*) FILTER (WHERE shared = 0), "
    "min(created) FILTER (WHERE shared = 1 OR ?3), "
    "max(created) FILTER (WHERE shared = 1 OR ?3)"
    " FROM entries WHERE trashed IS NULL AND "
    "(?1 IS NULL OR created >= ?1) AND (?2 IS NULL OR created < ?2)";
static const char sql_count_checkins[] =
    "SELECT count(*) FILTER (WHERE shared = 1), "
    "count(*) FILTER (WHERE shared = 0), "
    "min(time) FILTER (WHERE shared = 1 OR ?3), "
    "max(time) FILTER (WHERE shared = 1 OR ?3)" CHECKIN_RANGE;
static const char sql_count_measures[] =
    "SELECT count(*) FILTER (WHERE shared = 1), "
    "count(*) FILTER (WHERE shared = 0), "
    "min(time) FILTER (WHERE shared = 1 OR ?3), "
    "max(time) FILTER (WHERE shared = 1 OR ?3) FROM measures"
    CHECKIN_RANGE_WHERE;
static const char sql_count_sessions[] = "SELECT count(*) FROM sessions";
static const char sql_count_agenda[] = "SELECT count(*)" AGENDA_SCOPE;

/* Room for the image, from the text it will hold: rows, b-tree pages and
 * the search index come to about twice the entries' text (measured with
 * tests/bench/memory.sh); check-ins, sessions and agenda items are small. */
static const char sql_estimate[] =
    "SELECT (SELECT coalesce(sum(length(CAST(title AS BLOB)) + "
    "length(CAST(body AS BLOB)) + length(coalesce(prompt, '')) + 160), 0)"
    ENTRY_SCOPE ") * 2 + "
    "(SELECT count(*) * 320 + coalesce(sum(length(CAST(note AS BLOB))), 0)"
    CHECKIN_SCOPE ") + "
    "(SELECT coalesce(sum(length(CAST(notes AS BLOB)) + 256), 0) "
    "FROM sessions) + "
    "(SELECT count(*) * 256" MEASURE_SCOPE ") + "
    "(SELECT coalesce(sum(length(CAST(source AS BLOB))), 0) * 2 "
    "FROM measure_defs) + 1048576";

#define EXPORT_ROOM_MAX ((long long)1 << 30)

static const char sql_meta_json[] =
    "SELECT json_group_object(substr(key, 8), value) FROM meta "
    "WHERE key LIKE 'export\\_%' ESCAPE '\\'";


static int count_row(struct store *s, const char *sql,
    const struct export_scope *sc, long long *out, int n, struct err *e);

static void
bind_scope(sqlite3_stmt *st, const struct export_scope *sc)
{
	store_bind_time(st, 1, sc->since);
	store_bind_time(st, 2, sc->until);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int(st, 3, sc->all != 0);
}

/* "INSERT INTO table("c1", ...) VALUES (?, ...)" for src's columns. */
static char *
insert_sql(sqlite3_stmt *src, const char *table)
{
	int i, n = sqlite3_column_count(src);
	size_t cap = 64 + strlen(table), used;
	char *ins;

	for (i = 0; i < n; i++)
		cap += strlen(sqlite3_column_name(src, i)) + 8;
	ins = xmalloc(cap);
	used = (size_t)snprintf(ins, cap, "INSERT INTO %s(", table);
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(ins + used, cap - used, "%s\"%s\"",
		    i ? ", " : "", sqlite3_column_name(src, i));
	used += (size_t)snprintf(ins + used, cap - used, ") VALUES (");
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(ins + used, cap - used, "%s?",
		    i ? ", " : "");
	snprintf(ins + used, cap - used, ")");
	return ins;
}

/* Copy the rows of sql (run on the journal) into table of the image, by
 * column name. */
static int
copy_rows(struct store *s, const char *sql, const struct export_scope *sc,
    struct store *img, const char *table, struct err *e)
{
	sqlite3_stmt *src, *dst = NULL;
	char *ins = NULL;
	int rc, i, img_failed = 0;

	if ((src = store_stmt(s, sql, e)) == NULL)
		return -1;
	bind_scope(src, sc);
	while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
		if (dst == NULL) {
			ins = insert_sql(src, table);
			rc = sqlite3_prepare_v2(img->db, ins, -1, &dst, NULL);
			if (rc != SQLITE_OK) {
				img_failed = 1;
				break;
			}
		}
		for (i = 0; i < sqlite3_column_count(src); i++)
			sqlite3_bind_value(dst, i + 1,
			    sqlite3_column_value(src, i));
		rc = sqlite3_step(dst);
		sqlite3_reset(dst);
		sqlite3_clear_bindings(dst);
		if (rc != SQLITE_DONE) {
			img_failed = 1;
			break;
		}
	}
	sqlite3_reset(src);
	sqlite3_finalize(dst);
	free(ins);
	if (rc != SQLITE_DONE)
		return store_sqlerr(img_failed ? img : s, rc, e);
	return 0;
}

static int
put_meta(struct store *img, const char *key, const char *value,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(img->db, "INSERT INTO meta(key, value) "
	    "VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = "
	    "excluded.value", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return store_sqlerr(img, rc, e);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value != NULL ? value : "", -1,
	    SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sqlerr(img, rc, e);
}

static void
time_text(time_t t, char buf[32])
{
	if (t == 0)
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%lld", (long long)t);
}

static int
write_meta(struct store *s, struct store *img, const struct export_scope *sc,
    const struct export_meta *m, struct err *e)
{
	char when[32], since[32], until[32];
	char *owner = NULL;
	int rc;

	if (m->alias == NULL) {
		sqlite3_stmt *st = store_stmt(s, sql_owner, e);

		if (st == NULL)
			return -1;
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL)
			owner = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	} else
		owner = xstrdup(m->alias);
	time_text(m->when != 0 ? m->when : time(NULL), when);
	time_text(sc->since, since);
	time_text(sc->until, until);
	rc = put_meta(img, "export_time", when, e);
	if (rc == 0)
		rc = put_meta(img, "export_since", since, e);
	if (rc == 0)
		rc = put_meta(img, "export_until", until, e);
	if (rc == 0)
		rc = put_meta(img, "export_alias", owner, e);
	if (rc == 0)
		rc = put_meta(img, "owner", owner, e);
	if (rc == 0)
		rc = put_meta(img, "export_fingerprint", m->fingerprint, e);
	if (rc == 0)
		rc = put_meta(img, "export_version", m->version, e);
	if (rc == 0)
		rc = put_meta(img, "export_all", sc->all ? "1" : "0", e);
	free(owner);
	return rc;
}

/* A fresh in-memory database that never spills to disk. */
static int
open_memory(sqlite3 **db, struct err *e)
{
	int rc = sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*db, "PRAGMA temp_store=MEMORY", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return err_set(e, "cannot make an in-memory database (%s)",
		    sqlite3_errstr(rc));
	}
	return 0;
}

/* Build the subset into *img, a store on one block of memory. */
static int
build_image(struct store *s, const struct export_scope *sc,
    const struct export_meta *m, struct store **img, struct err *e)
{
	struct store *out;
	sqlite3 *db;
	unsigned char *buf;
	long long room;
	int rc;

	*img = NULL;

	if (count_row(s, sql_estimate, sc, &room, 1, e) != 0)
		return -1;
	if (room > EXPORT_ROOM_MAX)
		room = EXPORT_ROOM_MAX;
	if (open_memory(&db, e) != 0)
		return -1;
	/* An empty image with room made ahead: "main" becomes one block of
	 * memory that sqlite3_serialize hands out without a copy, and that
	 * rarely has to grow (each growth copies it). */
	if ((buf = sqlite3_malloc64((sqlite3_uint64)room)) == NULL) {
		sqlite3_close(db);
		err_set(e, "not enough memory to build the export");
		return -1;
	}
	rc = sqlite3_deserialize(db, "main", buf, 0, room,
	    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
	/* A half-built image is thrown away, never rolled back: no journal
	 * to keep a second copy of the pages the index rewrites. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA journal_mode=OFF", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		err_set(e, "cannot make an in-memory database (%s)",
		    sqlite3_errstr(rc));
		return -1;
	}
	if (store_wrap(db, NULL, STORE_SCHEMA_VERSION, &out, e) != 0 ||
	    out == NULL)
		return -1;
	/* One read transaction on the journal, so the subset is consistent. */
	rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_close(out);
		store_sqlerr(s, rc, e);
		return -1;
	}
	rc = sqlite3_exec(out->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ?
	    0 : store_sqlerr(out, SQLITE_ERROR, e);
	if (rc == 0)
		rc = copy_rows(s, sql_entries, sc, out, "entries", e);
	if (rc == 0)
		rc = copy_rows(s, sql_tags, sc, out, "tags", e);
	if (rc == 0)
		rc = copy_rows(s, sql_checkins, sc, out, "checkins", e);
	if (rc == 0)
		rc = copy_rows(s, sql_measures, sc, out, "measures", e);
	if (rc == 0)
		rc = copy_rows(s, sql_measure_defs, sc, out, "measure_defs", e);
	if (rc == 0)
		rc = copy_rows(s, sql_sessions, sc, out, "sessions", e);
	if (rc == 0)
		rc = copy_rows(s, sql_agenda, sc, out, "agenda", e);
	if (rc == 0)
		rc = write_meta(s, out, sc, m, e);
	sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc == 0 && sqlite3_exec(out->db, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK)
		rc = store_sqlerr(out, SQLITE_ERROR, e);
	if (rc != 0) {
		store_close(out);
		return -1;
	}
	*img = out;
	return 0;
}

int
store_export_image_use(struct store *s, const struct export_scope *sc,
    const struct export_meta *m,
    int (*use)(const unsigned char *img, size_t len, void *arg,
    struct err *e), void *arg, struct err *e)
{
	struct store *out;
	unsigned char *ser;
	sqlite3_int64 n = 0;
	int rc;

	if (build_image(s, sc, m, &out, e) != 0)
		return -1;
	if ((ser = sqlite3_serialize(out->db, "main", &n,
	    SQLITE_SERIALIZE_NOCOPY)) != NULL && n > 0)
		rc = use(ser, (size_t)n, arg, e);
	else
		rc = err_set(e, "cannot serialize the export (out of memory)");
	store_close(out);       /* the library's allocator wipes the image */
	return rc;
}

int
store_export_open(struct store *s, const struct export_scope *sc,
    const struct export_meta *m, struct store **out, struct err *e)
{
	if (build_image(s, sc, m, out, e) != 0)
		return -1;
	if (sqlite3_exec((*out)->db, "PRAGMA query_only=ON", NULL, NULL,
	    NULL) != SQLITE_OK) {
		store_close(*out);
		*out = NULL;
		return err_set(e, "cannot make the export read-only");
	}
	return 0;
}

struct image_copy {
	unsigned char **img;
	size_t *len;
};

static int
image_dup(const unsigned char *img, size_t len, void *arg, struct err *e)
{
	struct image_copy *c = arg;

	(void)e;
	*c->img = xmalloc(len);
	memcpy(*c->img, img, len);
	*c->len = len;
	return 0;
}

int
store_export_image(struct store *s, const struct export_scope *sc,
    const struct export_meta *m, unsigned char **img, size_t *len,
    struct err *e)
{
	struct image_copy c = { img, len };

	*img = NULL;
	*len = 0;
	return store_export_image_use(s, sc, m, image_dup, &c, e);
}

/* ---- opening an image from outside ----
 *
 * A bundle's image is untrusted: whoever made it may have written any
 * database at all.  It is read as SQLite advises for such files: a
 * connection of its own, no functions of tend's, defensive mode, an
 * untrusted schema, views and triggers off, low limits and a progress
 * handler with a CPU budget.  Its schema must be, row for row, the one a
 * fresh database gets from this tend's migrations for the image's
 * user_version; then only its rows are copied into such a fresh database
 * (which checks every constraint again and builds its own search index),
 * and that one is migrated and reviewed.
 */

/* SQLite's limits while an image is read (and on the store made from it). */
static const struct {
	int id, value;
} image_limits[] = {
	{ SQLITE_LIMIT_LENGTH, 64 << 20 },
	{ SQLITE_LIMIT_SQL_LENGTH, 100000 },
	{ SQLITE_LIMIT_COLUMN, 100 },
	{ SQLITE_LIMIT_EXPR_DEPTH, 100 },
	{ SQLITE_LIMIT_COMPOUND_SELECT, 10 },
	{ SQLITE_LIMIT_VDBE_OP, 25000 },
	{ SQLITE_LIMIT_FUNCTION_ARG, 64 },
	{ SQLITE_LIMIT_ATTACHED, 0 },
	{ SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 10000 },
	{ SQLITE_LIMIT_VARIABLE_NUMBER, 100 },
	{ SQLITE_LIMIT_TRIGGER_DEPTH, 10 },
};

int
store_image_seconds(size_t len)
{
	return STORE_IMAGE_SECONDS +
	    (int)(len / ((size_t)STORE_IMAGE_MIB_PER_SECOND << 20));
}

/* How many virtual machine steps between looks at the clock. */
#define BUDGET_STEPS 10000

static long long
cpu_ns(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0)
		return 0;
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void
budget_start(struct store_budget *b)
{
	long long now = cpu_ns();

	b->start.tv_sec = (time_t)(now / 1000000000LL);
	b->start.tv_nsec = (long)(now % 1000000000LL);
}

/* The progress handler: nonzero stops the statement. */
static int
budget_check(void *arg)
{
	struct store_budget *b = arg;
	long long start = (long long)b->start.tv_sec * 1000000000LL +
	    b->start.tv_nsec;

	if (!b->spent && cpu_ns() - start > b->seconds * 1000000000LL)
		b->spent = 1;
	return b->spent;
}

int
store_budget_statement(struct store *s)
{
	if (s->budget == NULL)
		return 0;
	if (s->budget->each) {
		s->budget->spent = 0;
		budget_start(s->budget);
	}
	return budget_check(s->budget);
}

void
store_image_interactive(struct store *s)
{
	if (s->budget != NULL) {
		s->budget->each = 1;
		s->budget->spent = 0;
		budget_start(s->budget);
	}
}

/* SQLite's defences on a connection that reads something from outside;
 * 0 or an SQLite result code. */
static int
harden(sqlite3 *db, struct store_budget *b, int image)
{
	size_t i;
	int rc = SQLITE_OK;

	for (i = 0; i < sizeof image_limits / sizeof image_limits[0]; i++)
		sqlite3_limit(db, image_limits[i].id, image_limits[i].value);
	sqlite3_progress_handler(db, BUDGET_STEPS, budget_check, b);
	if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	/* SQLite 3.40 does not count json_valid(), which tend's schema uses
	 * in a CHECK, as innocuous: with an untrusted schema it would refuse
	 * to parse tend's own.  The image's connection has triggers and
	 * views off and none of tend's functions instead; the store built
	 * from it turns the trust off once its (own) schema is loaded. */
	if (!image && sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0,
	    NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	if (image) {
		if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0,
		    NULL) != SQLITE_OK)
			return SQLITE_ERROR;
#ifdef SQLITE_DBCONFIG_ENABLE_VIEW
		if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0,
		    NULL) != SQLITE_OK)
			return SQLITE_ERROR;
#endif
		rc = sqlite3_exec(db, "PRAGMA cell_size_check=ON", NULL, NULL,
		    NULL);
	}
	return rc;
}

/* The image in memory SQLite owns (freed, and so wiped, on close),
 * read-only. */
static int
deserialize(sqlite3 *db, const unsigned char *img, size_t len,
    struct err *e)
{
	unsigned char *copy = sqlite3_malloc64(len);
	int rc;

	if (copy == NULL)
		fatal("out of memory");
	memcpy(copy, img, len);
	rc = sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
	    (sqlite3_int64)len, SQLITE_DESERIALIZE_FREEONCLOSE |
	    SQLITE_DESERIALIZE_READONLY);
	if (rc != SQLITE_OK)
		return err_set(e, "cannot load the journal into memory (%s)",
		    sqlite3_errstr(rc));
	return 0;
}

/* One sentence for a failure of SQLite on the image. */
static int
image_error(sqlite3 *db, const struct store_budget *b, int rc,
    struct err *e)
{
	if (b->spent)
		return err_set(e, "the shared journal takes more work to read "
		    "than tend allows (%d seconds), so it was not read",
		    b->seconds);
	switch (rc & 0xff) {
	case SQLITE_TOOBIG:
		return err_set(e, "the shared journal holds a value larger "
		    "than tend reads (%d MiB)", image_limits[0].value >> 20);
	case SQLITE_NOMEM:
		return err_set(e, "not enough memory to read the shared "
		    "journal");
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, "the shared journal is damaged");
	default:
		/* SQLite's own message may quote the image's names: only
		 * the generic text. */
		(void)db;
		return err_set(e, "the shared journal cannot be read (%s)",
		    sqlite3_errstr(rc));
	}
}

static int
image_version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static const char sql_schema_rows[] =
    "SELECT type, name, tbl_name, sql FROM sqlite_schema "
    "ORDER BY type, name, tbl_name, sql";

/* Column i of a and b hold the same value (text compared byte for byte). */
static int
same_column(sqlite3_stmt *a, sqlite3_stmt *b, int i)
{
	int n = sqlite3_column_bytes(a, i);
	const void *pa, *pb;

	if (sqlite3_column_type(a, i) != sqlite3_column_type(b, i))
		return 0;
	pa = sqlite3_column_blob(a, i);
	pb = sqlite3_column_blob(b, i);
	if (n != sqlite3_column_bytes(b, i))
		return 0;
	return n == 0 || memcmp(pa, pb, (size_t)n) == 0;
}

/* Every row of the image's sqlite_schema equals one of the fresh
 * database's and the other way round: 0, 1 (they differ) or an SQLite
 * result code (as a negative number) from the image. */
static int
schema_differs(sqlite3 *img, sqlite3 *fresh, int *rc_img)
{
	sqlite3_stmt *a = NULL, *b = NULL;
	int i, differs = 0;

	*rc_img = sqlite3_prepare_v2(img, sql_schema_rows, -1, &a, NULL);
	if (*rc_img != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(fresh, sql_schema_rows, -1, &b, NULL) !=
	    SQLITE_OK)
		fatal("store: cannot read a fresh schema");
	for (;;) {
		int ra = sqlite3_step(a), rb = sqlite3_step(b);

		/* (The fresh one fails only when the budget is spent.) */
		if (ra != SQLITE_ROW && ra != SQLITE_DONE) {
			*rc_img = ra;
			differs = -1;
			break;
		}
		if (rb != SQLITE_ROW && rb != SQLITE_DONE) {
			*rc_img = rb;
			differs = -1;
			break;
		}
		if (ra != rb) {
			differs = 1;
			break;
		}
		if (ra == SQLITE_DONE)
			break;
		for (i = 0; i < 4; i++)
			if (!same_column(a, b, i))
				differs = 1;
		if (differs)
			break;
	}
	sqlite3_finalize(a);
	sqlite3_finalize(b);
	return differs;
}

/* The ordinary tables of the fresh database, in the order they were made
 * (so an entry is there before its tags): not virtual tables, not their
 * shadow tables, not SQLite's own. */
static const char sql_copy_tables[] =
    "SELECT s.name FROM sqlite_schema AS s WHERE s.type = 'table' AND "
    "s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND "
    "s.sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND NOT EXISTS (SELECT 1 "
    "FROM sqlite_schema AS v WHERE v.type = 'table' AND "
    "v.sql LIKE 'CREATE VIRTUAL TABLE%' AND "
    "s.name LIKE v.name || '\\_%' ESCAPE '\\') ORDER BY s.rootpage";

/* Copy table name's rows from the image into the fresh store. */
static int
copy_table(sqlite3 *img, const struct store_budget *b, struct store *out,
    const char *name, struct err *e)
{
	sqlite3_stmt *src = NULL, *dst = NULL;
	char *sql = xasprintf("SELECT * FROM \"%s\"", name), *ins = NULL;
	int rc, i, n;

	rc = sqlite3_prepare_v2(img, sql, -1, &src, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return image_error(img, b, rc, e);
	n = sqlite3_column_count(src);
	ins = insert_sql(src, name);
	if (sqlite3_prepare_v2(out->db, ins, -1, &dst, NULL) != SQLITE_OK) {
		free(ins);
		sqlite3_finalize(src);
		return err_set(e, "the shared journal cannot be read (%s)",
		    sqlite3_errmsg(out->db));
	}
	free(ins);
	while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			sqlite3_bind_value(dst, i + 1,
			    sqlite3_column_value(src, i));
		rc = sqlite3_step(dst);
		sqlite3_reset(dst);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(src);
			sqlite3_finalize(dst);
			if (out->budget->spent || (rc & 0xff) != SQLITE_CONSTRAINT)
				return image_error(out->db, out->budget, rc, e);
			return err_set(e, "the shared journal holds rows tend "
			    "does not write (%s)", sqlite3_errmsg(out->db));
		}
	}
	sqlite3_finalize(dst);
	sqlite3_finalize(src);
	return rc == SQLITE_DONE ? 0 : image_error(img, b, rc, e);
}

/* Copy every table's rows from the image into out (fresh, same schema
 * version), in one transaction whose foreign keys are checked at commit. */
static int
copy_image(sqlite3 *img, const struct store_budget *b, struct store *out,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0, step;

	if (sqlite3_exec(out->db, "BEGIN; PRAGMA defer_foreign_keys=ON",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(out->db, sql_copy_tables, -1, &st, NULL) !=
	    SQLITE_OK)
		return image_error(out->db, out->budget, SQLITE_ERROR, e);
	while (rc == 0 && (step = sqlite3_step(st)) != SQLITE_DONE) {
		char *name, *del;

		if (step != SQLITE_ROW) {
			rc = image_error(out->db, out->budget, step, e);
			break;
		}
		name = xstrdup((const char *)sqlite3_column_text(st, 0));
		del = xasprintf("DELETE FROM \"%s\"", name);
		/* The fresh database's own rows (meta) give way. */
		if (sqlite3_exec(out->db, del, NULL, NULL, NULL) != SQLITE_OK)
			rc = image_error(out->db, out->budget, SQLITE_ERROR, e);
		else
			rc = copy_table(img, b, out, name, e);
		free(del);
		free(name);
	}
	sqlite3_finalize(st);
	if (rc == 0 && (step = sqlite3_exec(out->db, "COMMIT", NULL, NULL,
	    NULL)) != SQLITE_OK)
		rc = (step & 0xff) == SQLITE_CONSTRAINT ? err_set(e, "the "
		    "shared journal holds rows tend does not write (tags or "
		    "revisions of entries it does not hold)") :
		    image_error(out->db, out->budget, step, e);
	if (rc != 0)
		sqlite3_exec(out->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* The image's connection: hardened, then the image. */
static int
open_untrusted(const unsigned char *img, size_t len, struct store_budget *b,
    sqlite3 **db, int *version, struct err *e)
{
	int rc;

	if (open_memory(db, e) != 0)
		return -1;
	if (harden(*db, b, 1) != SQLITE_OK) {
		sqlite3_close(*db);
		*db = NULL;
		return err_set(e, "cannot make a safe place to read the "
		    "shared journal");
	}
	if (deserialize(*db, img, len, e) != 0 ||
	    ((rc = image_version(*db, version)) != SQLITE_OK &&
	    image_error(*db, b, rc, e) != 0)) {
		sqlite3_close(*db);
		*db = NULL;
		return -1;
	}
	if (*version > STORE_SCHEMA_VERSION || *version < 1) {
		sqlite3_close(*db);
		*db = NULL;
		if (*version < 1)
			return err_set(e, "the shared journal is not a tend "
			    "journal");
		return err_set(e, "the shared journal was written by a newer "
		    "tend (schema %d; this one knows %d): please update tend",
		    *version, STORE_SCHEMA_VERSION);
	}
	return 0;
}

int
store_open_image(const unsigned char *img, size_t len, struct store **out,
    struct err *e)
{
	struct store_budget *b = xcalloc(1, sizeof *b);
	struct store *s = NULL;
	sqlite3 *idb = NULL, *db;
	int version = 0, rc, differs;

	*out = NULL;
	b->seconds = store_image_seconds(len);
	budget_start(b);
	if (len < 512 || memcmp(img, "SQLite format 3", 16) != 0) {
		free(b);
		return err_set(e, "the shared journal is not a database");
	}
	if (open_untrusted(img, len, b, &idb, &version, e) != 0) {
		free(b);
		return -1;
	}
	/* A fresh database at the image's version: the schema to compare
	 * with, and the place its rows go. */
	if (open_memory(&db, e) != 0 ||
	    store_wrap(db, NULL, version, &s, e) != 0)
		goto fail;
	s->budget = b;
	b = NULL;
	sqlite3_progress_handler(s->db, BUDGET_STEPS, budget_check, s->budget);
	differs = schema_differs(idb, s->db, &rc);
	if (differs < 0 && (s->budget->spent || (rc & 0xff) == SQLITE_NOMEM ||
	    (rc & 0xff) == SQLITE_TOOBIG)) {
		image_error(idb, s->budget, rc, e);
		goto fail;
	}
	/* A schema SQLite cannot even parse under the limits is as foreign
	 * as one that differs. */
	if (differs) {
		err_set(e, "the shared journal's database is not laid out as "
		    "tend writes it (schema %d), so it is not read", version);
		goto fail;
	}
	if (copy_image(idb, s->budget, s, e) != 0)
		goto fail;
	sqlite3_close(idb);
	idb = NULL;
	/* From an older tend: the fresh copy is brought up to date. */
	if (version < STORE_SCHEMA_VERSION &&
	    schema_migrate(s, STORE_SCHEMA_VERSION, e) != 0) {
		if (s->budget->spent)
			image_error(s->db, s->budget, SQLITE_INTERRUPT, e);
		goto fail;
	}
	if (harden(s->db, s->budget, 0) != SQLITE_OK ||
	    sqlite3_exec(s->db, "PRAGMA query_only=ON", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		err_set(e, "cannot make the shared journal read-only");
		goto fail;
	}
	*out = s;
	return 0;
fail:
	sqlite3_close(idb);
	store_close(s);
	free(b);
	return -1;
}

int
store_image_note(struct store *s, const char *key, const char *value,
    struct err *e)
{
	int rc;

	if (s->budget == NULL || strncmp(key, "export_", 7) != 0)
		fatal("store: a note on a store that is not an image");
	if (sqlite3_exec(s->db, "PRAGMA query_only=OFF", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return store_sqlerr(s, SQLITE_ERROR, e);
	rc = put_meta(s, key, value, e);
	if (sqlite3_exec(s->db, "PRAGMA query_only=ON", NULL, NULL, NULL) !=
	    SQLITE_OK)
		fatal("store: an image cannot be made read-only again");
	return rc;
}

int
store_is_image(const struct store *s)
{
	return s->v == NULL;
}

/* Step st for one row of integers; the columns go to out[0..n). */
static int
count_row(struct store *s, const char *sql, const struct export_scope *sc,
    long long *out, int n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc, i;

	if (st == NULL)
		return -1;
	bind_scope(st, sc);
	rc = sqlite3_step(st);
	for (i = 0; i < n; i++)
		out[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, i) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, e);
}

static void
widen(time_t *first, time_t *last, long long lo, long long hi)
{
	if (lo != 0 && (*first == 0 || (time_t)lo < *first))
		*first = (time_t)lo;
	if (hi != 0 && (time_t)hi > *last)
		*last = (time_t)hi;
}

int
store_export_counts(struct store *s, const struct export_scope *sc,
    struct export_counts *out, struct err *e)
{
	long long r[4];

	memset(out, 0, sizeof *out);
	if (count_row(s, sql_count_entries, sc, r, 4, e) != 0)
		return -1;
	out->entries_shared = (long)r[0];
	out->entries_private = (long)r[1];
	widen(&out->first, &out->last, r[2], r[3]);
	if (count_row(s, sql_count_checkins, sc, r, 4, e) != 0)
		return -1;
	out->checkins = (long)r[0];
	out->checkins_private = (long)r[1];
	widen(&out->first, &out->last, r[2], r[3]);
	if (count_row(s, sql_count_measures, sc, r, 4, e) != 0)
		return -1;
	out->measures = (long)r[0];
	out->measures_private = (long)r[1];
	widen(&out->first, &out->last, r[2], r[3]);
	if (count_row(s, sql_count_sessions, sc, r, 1, e) != 0)
		return -1;
	out->sessions = (long)r[0];
	if (count_row(s, sql_count_agenda, sc, r, 1, e) != 0)
		return -1;
	out->agenda = (long)r[0];
	return 0;
}

/* The questionnaire answers (measure.h) and, apart, those with a flag:
 * the review's "measures" and "measures_attention". */
static int
review_measures(struct store *s, char **all, char **flagged, struct err *e)
{
	if (store_measure_responses_json(s, NULL, 0, 0, all, e) != 0)
		return -1;
	return store_measure_flagged_json(s, flagged, e);
}

int
store_review_json(struct store *s, const char *signer, char **json,
    struct err *e)
{
	struct entry_filter f;
	sqlite3_stmt *st;
	char *part[8] = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	char *sig;
	int rc = -1, i;

	*json = NULL;
	memset(&f, 0, sizeof f);
	if ((st = store_stmt(s, sql_meta_json, e)) == NULL ||
	    store_json_row(s, st, &part[0], e) != 0 ||
	    store_entry_list_json(s, &f, &part[1], e) != 0 ||
	    store_checkin_list_json(s, 0, 0, &part[2], e) != 0 ||
	    store_session_list_json(s, &part[3], e) != 0 ||
	    store_agenda_list_json(s, &part[4], e) != 0 ||
	    store_checkin_flagged_json(s, &part[5], e) != 0 ||
	    review_measures(s, &part[6], &part[7], e) != 0)
		goto done;
	/* The signer's fingerprint is base32 and dashes: no quoting needed,
	 * but check rather than trust. */
	for (i = 0; signer[i] != '\0'; i++)
		if (signer[i] == '"' || signer[i] == '\\' ||
		    (unsigned char)signer[i] < 0x20)
			fatal("store: a fingerprint with odd characters");
	sig = xasprintf("\"%s\"", signer);
	/* The check-ins to look at first come before any journal text. */
	*json = xasprintf("{\"export\":%s,\"signer\":%s,\"attention\":%s,"
	    "\"measures_attention\":%s,\"entries\":%s,\"checkins\":%s,"
	    "\"sessions\":%s,\"agenda\":%s,\"measures\":%s}",
	    part[0], sig, part[5], part[7], part[1], part[2], part[3],
	    part[4], part[6]);
	free(sig);
	rc = 0;
done:
	for (i = 0; i < 8; i++)
		if (part[i] != NULL) {
			vault_wipe(part[i], strlen(part[i]));
			free(part[i]);
		}
	return rc;
}
