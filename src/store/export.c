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
 * What goes out is decided here and only here (see struct export_scope).
 * The safety plan and crisis contacts stay home: they are the patient's
 * own plan for bad moments, not part of the course the therapist reviews.
 */
#include "config.h"

#include "tend/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/vault.h"

/* ?1 since, ?2 until (NULL: open), ?3 all. */
#define ENTRY_SCOPE \
    " FROM entries WHERE trashed IS NULL AND (shared = 1 OR ?3) AND " \
    "(?1 IS NULL OR created >= ?1) AND (?2 IS NULL OR created < ?2)"
#define CHECKIN_SCOPE \
    " FROM checkins WHERE (?1 IS NULL OR time >= ?1) AND " \
    "(?2 IS NULL OR time < ?2)"
#define AGENDA_SCOPE \
    " FROM agenda WHERE done IS NULL AND (?1 IS NULL OR created >= ?1) " \
    "AND (?2 IS NULL OR created < ?2)"

/* Rows are copied in rowid order straight from the table (NOT INDEXED:
 * through an index they would be sorted, whole texts and all, in
 * memory).  The conditions are ENTRY_SCOPE's and CHECKIN_SCOPE's. */
static const char sql_entries[] = "SELECT * FROM entries NOT INDEXED "
    "WHERE trashed IS NULL AND (shared = 1 OR ?3) AND "
    "(?1 IS NULL OR created >= ?1) AND (?2 IS NULL OR created < ?2) "
    "ORDER BY id";
static const char sql_tags[] =
    "SELECT * FROM tags WHERE entry IN (SELECT id" ENTRY_SCOPE ") "
    "ORDER BY entry, tag";
static const char sql_checkins[] = "SELECT * FROM checkins NOT INDEXED "
    "WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR time < ?2) "
    "ORDER BY id";
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
    "SELECT count(*), min(time), max(time)" CHECKIN_SCOPE;
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
    "FROM sessions) + 1048576";

#define EXPORT_ROOM_MAX ((long long)1 << 30)

static const char sql_meta_json[] =
    "SELECT json_group_object(substr(key, 8), value) FROM meta "
    "WHERE key LIKE 'export\\_%' ESCAPE '\\'";
static const char sql_checkins_json[] =
    "SELECT json_group_array(json(j)) FROM (SELECT json_object("
    "'id', uuid, 'short', substr(uuid, 1, 8), "
    "'time', tend_iso(time, time_off), 'time_utc', time, "
    "'mood', mood, 'anxiety', anxiety, 'sleep', sleep, "
    "'sleep_hours', sleep_hours, 'energy', energy, 'connection', "
    "connection, 'symptoms', json(symptoms), 'note', note, "
    "'placement', tend_place(time)) AS j FROM checkins ORDER BY time, id)";

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
		return err_set(e, "not enough memory to build the export");
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
		return err_set(e, "cannot make an in-memory database (%s)",
		    sqlite3_errstr(rc));
	}
	if (store_wrap(db, NULL, STORE_SCHEMA_VERSION, &out, e) != 0)
		return -1;
	/* One read transaction on the journal, so the subset is consistent. */
	rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		store_close(out);
		return store_sqlerr(s, rc, e);
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
copy_image(const unsigned char *img, size_t len, void *arg, struct err *e)
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
	return store_export_image_use(s, sc, m, copy_image, &c, e);
}

/* An image in memory SQLite owns (freed, and so wiped, on close). */
static int
deserialize(sqlite3 *db, const unsigned char *img, size_t len, int ro,
    struct err *e)
{
	unsigned char *copy = sqlite3_malloc64(len);
	int rc;

	if (copy == NULL)
		fatal("out of memory");
	memcpy(copy, img, len);
	rc = sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
	    (sqlite3_int64)len, SQLITE_DESERIALIZE_FREEONCLOSE |
	    (ro ? SQLITE_DESERIALIZE_READONLY :
	    SQLITE_DESERIALIZE_RESIZEABLE));
	if (rc != SQLITE_OK)
		return err_set(e, "cannot load the journal into memory (%s)",
		    sqlite3_errstr(rc));
	return 0;
}

static int
image_version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_open_image(const unsigned char *img, size_t len, struct store **out,
    struct err *e)
{
	sqlite3 *db;
	int version = 0;

	*out = NULL;
	if (len < 512 || memcmp(img, "SQLite format 3", 16) != 0)
		return err_set(e, "the shared journal is not a database");
	if (open_memory(&db, e) != 0)
		return -1;
	if (deserialize(db, img, len, 1, e) != 0) {
		sqlite3_close(db);
		return -1;
	}
	if (image_version(db, &version) != 0) {
		sqlite3_close(db);
		return err_set(e, "the shared journal is damaged");
	}
	if (version < STORE_SCHEMA_VERSION) {
		/* From an older tend: bring it up to date in memory only. */
		if (deserialize(db, img, len, 0, e) != 0) {
			sqlite3_close(db);
			return -1;
		}
	}
	if (store_wrap(db, NULL, STORE_SCHEMA_VERSION, out, e) != 0)
		return -1;
	if (sqlite3_exec(db, "PRAGMA query_only=ON", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		store_close(*out);
		*out = NULL;
		return err_set(e, "cannot make the shared journal read-only");
	}
	return 0;
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
	if (count_row(s, sql_count_checkins, sc, r, 3, e) != 0)
		return -1;
	out->checkins = (long)r[0];
	widen(&out->first, &out->last, r[1], r[2]);
	if (count_row(s, sql_count_sessions, sc, r, 1, e) != 0)
		return -1;
	out->sessions = (long)r[0];
	if (count_row(s, sql_count_agenda, sc, r, 1, e) != 0)
		return -1;
	out->agenda = (long)r[0];
	return 0;
}

int
store_review_json(struct store *s, const char *signer, char **json,
    struct err *e)
{
	struct entry_filter f;
	sqlite3_stmt *st;
	char *part[5] = { NULL, NULL, NULL, NULL, NULL };
	char *sig;
	int rc = -1, i;

	*json = NULL;
	memset(&f, 0, sizeof f);
	if ((st = store_stmt(s, sql_meta_json, e)) == NULL ||
	    store_json_row(s, st, &part[0], e) != 0 ||
	    store_entry_list_json(s, &f, &part[1], e) != 0 ||
	    (st = store_stmt(s, sql_checkins_json, e)) == NULL ||
	    store_json_row(s, st, &part[2], e) != 0 ||
	    store_session_list_json(s, &part[3], e) != 0 ||
	    store_agenda_list_json(s, &part[4], e) != 0)
		goto done;
	/* The signer's fingerprint is base32 and dashes: no quoting needed,
	 * but check rather than trust. */
	for (i = 0; signer[i] != '\0'; i++)
		if (signer[i] == '"' || signer[i] == '\\' ||
		    (unsigned char)signer[i] < 0x20)
			fatal("store: a fingerprint with odd characters");
	sig = xasprintf("\"%s\"", signer);
	*json = xasprintf("{\"export\":%s,\"signer\":%s,\"entries\":%s,"
	    "\"checkins\":%s,\"sessions\":%s,\"agenda\":%s}", part[0], sig,
	    part[1], part[2], part[3], part[4]);
	free(sig);
	rc = 0;
done:
	for (i = 0; i < 5; i++)
		if (part[i] != NULL) {
			vault_wipe(part[i], strlen(part[i]));
			free(part[i]);
		}
	return rc;
}
