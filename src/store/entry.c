/*
 * entry.c: journal entries: writing, editing (earlier texts are kept as
 * revisions), the trash, listing, tags and full-text search.
 *
 * The FTS5 index (entries_fts, rowid = entries.id, external content: the
 * text itself is read from entries) is kept in sync by the
 * triggers in schema.c; nothing here writes to it except the optimize step
 * of store_trash_empty(), which rewrites the index without the deleted
 * entries so that their words are gone from the file too.
 */
#include "config.h"

#include "tend/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/progress.h"
#include "tend/timefmt.h"

static const char *const kinds[] = {
	"journal", "reflection", "dream", "other", NULL,
};

/* The columns of an entry and its JSON object (store-int.h). */
#define ENTRY_COLS STORE_ENTRY_COLS
#define ENTRY_JSON STORE_ENTRY_JSON

/* ?1 since, ?2 until, ?3 kind, ?4 tag, ?5 trash, ?6 limit, ?7 offset. */
#define ENTRY_FILTER \
    " FROM entries e WHERE (?1 IS NULL OR e.created >= ?1) " \
    "AND (?2 IS NULL OR e.created < ?2) AND (?3 IS NULL OR e.kind = ?3) " \
    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM tags t " \
    "WHERE t.entry = e.id AND t.tag = ?4)) " \
    "AND (e.trashed IS NOT NULL) = ?5 "

static const char sql_list_asc[] = "SELECT " ENTRY_COLS ENTRY_FILTER
    "ORDER BY e.created, e.id LIMIT ?6 OFFSET ?7";
static const char sql_list_desc[] = "SELECT " ENTRY_COLS ENTRY_FILTER
    "ORDER BY e.created DESC, e.id DESC LIMIT ?6 OFFSET ?7";
static const char sql_list_json_asc[] =
    "SELECT json_group_array(json(j)) FROM (SELECT " ENTRY_JSON ") AS j "
    ENTRY_FILTER "ORDER BY e.created, e.id LIMIT ?6 OFFSET ?7)";
static const char sql_list_json_desc[] =
    "SELECT json_group_array(json(j)) FROM (SELECT " ENTRY_JSON ") AS j "
    ENTRY_FILTER "ORDER BY e.created DESC, e.id DESC LIMIT ?6 OFFSET ?7)";
/* The same objects one row each, for store_json_rows. */
static const char sql_rows_json_asc[] =
    "SELECT " ENTRY_JSON ") AS j " ENTRY_FILTER
    "ORDER BY e.created, e.id LIMIT ?6 OFFSET ?7";
static const char sql_rows_json_desc[] =
    "SELECT " ENTRY_JSON ") AS j " ENTRY_FILTER
    "ORDER BY e.created DESC, e.id DESC LIMIT ?6 OFFSET ?7";
static const char sql_get[] =
    "SELECT " ENTRY_COLS " FROM entries e WHERE e.uuid = ?1";
static const char sql_get_json[] =
    "SELECT json_insert(" ENTRY_JSON "), '$.revisions', json((SELECT "
    "json_group_array(json_object('saved', tend_local(saved), "
    "'saved_utc', saved, 'title', title, 'body', body)) FROM (SELECT * "
    "FROM entry_revisions WHERE entry = e.id ORDER BY id)))) "
    "FROM entries e WHERE e.uuid = ?1";
static const char sql_revisions[] =
    "SELECT r.saved, r.title, r.body FROM entry_revisions r "
    "JOIN entries e ON e.id = r.entry WHERE e.uuid = ?1 ORDER BY r.id";

#define SEARCH_FROM \
    " FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid " \
    "WHERE entries_fts MATCH ?1 AND e.trashed IS NULL " \
    "ORDER BY entries_fts.rank LIMIT ?2"
#define SNIPPET "snippet(entries_fts, -1, '[', ']', '...', 12)"

static const char sql_search[] = "SELECT " ENTRY_COLS ", " SNIPPET
    SEARCH_FROM;
static const char sql_search_json[] =
    "SELECT json_group_array(json(j)) FROM (SELECT json_insert("
    ENTRY_JSON "), '$.snippet', " SNIPPET ", '$.rank', "
    "entries_fts.rank) AS j" SEARCH_FROM ")";
static const char sql_search_rows[] =
    "SELECT json_insert(" ENTRY_JSON "), '$.snippet', " SNIPPET
    ", '$.rank', entries_fts.rank) AS j" SEARCH_FROM;

static const char sql_add[] =
    "INSERT INTO entries(uuid, created, created_off, updated, title, body, "
    "kind, prompt, shared) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_add_tag[] =
    "INSERT OR IGNORE INTO tags(entry, tag) VALUES (?1, ?2)";
static const char sql_keep_revision[] =
    "INSERT INTO entry_revisions(entry, saved, title, body) "
    "SELECT id, updated, title, body FROM entries "
    "WHERE uuid = ?1 AND trashed IS NULL";
static const char sql_edit[] =
    "UPDATE entries SET body = ?2, updated = ?3 WHERE uuid = ?1";
static const char sql_update[] =
    "UPDATE entries SET title = ?2, body = ?3, kind = ?4, shared = ?5, "
    "prompt = coalesce(?6, prompt), updated = ?7 WHERE uuid = ?1";
static const char sql_drop_tags[] =
    "DELETE FROM tags WHERE entry = (SELECT id FROM entries WHERE uuid = ?1)";
static const char sql_add_tag_uuid[] =
    "INSERT OR IGNORE INTO tags(entry, tag) "
    "SELECT id, ?2 FROM entries WHERE uuid = ?1";
static const char sql_trash[] =
    "UPDATE entries SET trashed = ?2 WHERE uuid = ?1 AND trashed IS NULL";
static const char sql_restore[] =
    "UPDATE entries SET trashed = NULL "
    "WHERE uuid = ?1 AND trashed IS NOT NULL";
static const char sql_empty[] =
    "DELETE FROM entries WHERE trashed IS NOT NULL";
static const char sql_optimize[] =
    "INSERT INTO entries_fts(entries_fts) VALUES ('optimize')";
static const char sql_vacuum[] = "VACUUM";
static const char sql_tags[] =
    "SELECT t.tag, count(*) FROM tags t JOIN entries e ON e.id = t.entry "
    "WHERE e.trashed IS NULL GROUP BY t.tag ORDER BY t.tag";
static const char sql_tags_json[] =
    "SELECT json_group_array(json_object('tag', tag, 'count', n)) FROM ("
    "SELECT t.tag AS tag, count(*) AS n FROM tags t JOIN entries e "
    "ON e.id = t.entry WHERE e.trashed IS NULL GROUP BY t.tag "
    "ORDER BY t.tag)";

int
store_kind_valid(const char *kind)
{
	size_t i;

	for (i = 0; kinds[i] != NULL; i++)
		if (kind != NULL && strcmp(kind, kinds[i]) == 0)
			return 1;
	return 0;
}

/* A tag: UTF-8, not empty, no blanks, at most 64 bytes. */
static int
check_tag(const char *tag, struct err *e)
{
	if (store_check_text(tag, "a tag", 0, e) != 0)
		return -1;
	if (strpbrk(tag, " \t\r\n") != NULL)
		return err_set(e, "a tag cannot contain spaces");
	if (strlen(tag) > 64)
		return err_set(e, "a tag can be at most 64 bytes long");
	return 0;
}

static int
check_kind(const char *kind, struct err *e)
{
	if (!store_kind_valid(kind))
		return err_set(e, "'%s' is not a kind of entry (journal, "
		    "reflection, dream or other)", kind);
	return 0;
}

/* Refuse an entry whose text, title, prompt, kind or tags are not fit. */
static int
check_entry(const struct entry_new *n, const char *kind, struct err *e)
{
	size_t i;

	if (store_check_text(n->body, "the entry's text", 0, e) != 0 ||
	    store_check_text(n->title, "the title", 1, e) != 0 ||
	    store_check_text(n->prompt, "the prompt", 1, e) != 0)
		return -1;
	if (check_kind(kind, e) != 0)
		return -1;
	for (i = 0; i < n->ntags; i++)
		if (check_tag(n->tags[i], e) != 0)
			return -1;
	return 0;
}

int
store_entry_add(struct store *s, const struct entry_new *n,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	const char *kind = n->kind ? n->kind : "journal";
	time_t now = time(NULL), when = n->when ? n->when : now;
	sqlite3_stmt *st, *tag;
	sqlite3_int64 id;
	size_t i;
	int rc;

	if (check_entry(n, kind, e) != 0 || store_check_when(when, e) != 0)
		return -1;
	if ((st = store_stmt(s, sql_add, e)) == NULL ||
	    (tag = store_stmt(s, sql_add_tag, e)) == NULL)
		return -1;
	store_new_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)when);
	sqlite3_bind_int(st, 3, time_offset(when));
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	sqlite3_bind_text(st, 5, n->title ? n->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, n->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, kind, -1, SQLITE_STATIC);
	if (n->prompt != NULL)
		sqlite3_bind_text(st, 8, n->prompt, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, n->shared != 0);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	id = sqlite3_last_insert_rowid(s->db);
	for (i = 0; rc == 0 && i < n->ntags; i++) {
		sqlite3_bind_int64(tag, 1, id);
		sqlite3_bind_text(tag, 2, n->tags[i], -1, SQLITE_STATIC);
		rc = store_done(s, tag, e);
	}
	sqlite3_clear_bindings(st);
	sqlite3_clear_bindings(tag);
	return store_write_end(s, rc, e);
}

int
store_entry_edit(struct store *s, const char *uuid, const char *body,
    struct err *e)
{
	sqlite3_stmt *keep, *st;
	int rc;

	if (store_check_text(body, "the entry's text", 0, e) != 0)
		return -1;
	if ((keep = store_stmt(s, sql_keep_revision, e)) == NULL ||
	    (st = store_stmt(s, sql_edit, e)) == NULL)
		return -1;
	sqlite3_bind_text(keep, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, keep, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "there is no entry with the ID %s", uuid);
	if (rc == 0)
		rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	return store_write_end(s, rc, e);
}

int
store_entry_update(struct store *s, const char *uuid,
    const struct entry_new *n, struct err *e)
{
	const char *kind = n->kind ? n->kind : "journal";
	sqlite3_stmt *keep, *st, *drop, *tag;
	size_t i;
	int rc;

	if (check_entry(n, kind, e) != 0)
		return -1;
	if ((keep = store_stmt(s, sql_keep_revision, e)) == NULL ||
	    (st = store_stmt(s, sql_update, e)) == NULL ||
	    (drop = store_stmt(s, sql_drop_tags, e)) == NULL ||
	    (tag = store_stmt(s, sql_add_tag_uuid, e)) == NULL)
		return -1;
	sqlite3_bind_text(keep, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, n->title ? n->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, n->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, n->shared != 0);
	if (n->prompt != NULL)
		sqlite3_bind_text(st, 6, n->prompt, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(drop, 1, uuid, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0)
		return -1;
	/* The revision first: it must hold the text before this change. */
	rc = store_done(s, keep, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "there is no entry with the ID %s outside the "
		    "trash", uuid);
	if (rc == 0)
		rc = store_done(s, st, e);
	if (rc == 0)
		rc = store_done(s, drop, e);
	for (i = 0; rc == 0 && i < n->ntags; i++) {
		sqlite3_bind_text(tag, 1, uuid, -1, SQLITE_STATIC);
		sqlite3_bind_text(tag, 2, n->tags[i], -1, SQLITE_STATIC);
		rc = store_done(s, tag, e);
	}
	sqlite3_clear_bindings(st);
	sqlite3_clear_bindings(tag);
	sqlite3_clear_bindings(drop);
	return store_write_end(s, rc, e);
}

/* Run an UPDATE keyed by ?1 = uuid (?2 = now) that must change one row. */
static int
update_one(struct store *s, const char *sql, const char *uuid,
    const char *missing, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "there is no %s with the ID %s", missing, uuid);
	return store_write_end(s, rc, e);
}

int
store_entry_trash(struct store *s, const char *uuid, struct err *e)
{
	return update_one(s, sql_trash, uuid, "entry", e);
}

int
store_entry_restore(struct store *s, const char *uuid, struct err *e)
{
	return update_one(s, sql_restore, uuid, "entry in the trash", e);
}

int
store_trash_empty(struct store *s, long *n, struct err *e)
{
	sqlite3_stmt *del, *opt, *vac;
	int rc;

	*n = 0;
	if (!sqlite3_get_autocommit(s->db))
		return err_set(e, "cannot empty the trash inside a transaction");
	if ((del = store_stmt(s, sql_empty, e)) == NULL ||
	    (opt = store_stmt(s, sql_optimize, e)) == NULL)
		return -1;
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, del, e);
	if (rc == 0)
		*n = (long)sqlite3_changes(s->db);
	if (rc == 0 && *n > 0)
		rc = store_done(s, opt, e);
	if (store_write_end(s, rc, e) != 0) {
		*n = 0;
		return -1;
	}
	/* Rebuild the file so that no freed page is left behind. */
	progress_tick();
	if ((vac = store_stmt(s, sql_vacuum, e)) == NULL)
		return -1;
	return store_done(s, vac, e);
}

void
store_entry_from_row(sqlite3_stmt *st, int c, struct entry *r)
{
	memset(r, 0, sizeof *r);
	r->uuid = (const char *)sqlite3_column_text(st, c);
	r->created = (time_t)sqlite3_column_int64(st, c + 1);
	r->created_off = sqlite3_column_int(st, c + 2);
	r->updated = (time_t)sqlite3_column_int64(st, c + 3);
	r->title = (const char *)sqlite3_column_text(st, c + 4);
	r->body = (const char *)sqlite3_column_text(st, c + 5);
	r->kind = (const char *)sqlite3_column_text(st, c + 6);
	r->prompt = (const char *)sqlite3_column_text(st, c + 7);
	r->tags = (const char *)sqlite3_column_text(st, c + 8);
	r->shared = sqlite3_column_int(st, c + 9);
	r->trashed = (time_t)sqlite3_column_int64(st, c + 10);
	r->placement = (const char *)sqlite3_column_text(st, c + 11);
	r->revisions = sqlite3_column_int(st, c + 12);
	if (c == 0 && sqlite3_column_count(st) > 13)
		r->snippet = (const char *)sqlite3_column_text(st, 13);
}

struct entry_walk {
	entry_cb cb;
	void *arg;
};

static int
entry_row(sqlite3_stmt *st, void *p)
{
	const struct entry_walk *w = p;
	struct entry r;

	store_entry_from_row(st, 0, &r);
	return w->cb(&r, w->arg);
}

/* Step st, calling cb for each row; resets st. */
static int
walk(struct store *s, sqlite3_stmt *st, entry_cb cb, void *arg,
    struct err *e)
{
	struct entry_walk w = { cb, arg };

	return store_rows(s, st, entry_row, &w, e);
}

static void
bind_filter(sqlite3_stmt *st, const struct entry_filter *f)
{
	store_bind_time(st, 1, f->since);
	store_bind_time(st, 2, f->until);
	if (f->kind != NULL)
		sqlite3_bind_text(st, 3, f->kind, -1, SQLITE_STATIC);
	if (f->tag != NULL)
		sqlite3_bind_text(st, 4, f->tag, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, f->trashed != 0);
	sqlite3_bind_int64(st, 6, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(st, 7, f->offset > 0 ? f->offset : 0);
}

static int
check_filter(const struct entry_filter *f, struct err *e)
{
	if (f->kind != NULL && check_kind(f->kind, e) != 0)
		return -1;
	if (f->tag != NULL && check_tag(f->tag, e) != 0)
		return -1;
	return 0;
}

/* The listing statement for f, oldest or newest first, bound; NULL with
 * e filled when f is refused or the statement cannot be made. */
static sqlite3_stmt *
filtered(struct store *s, const struct entry_filter *f, const char *asc,
    const char *desc, struct err *e)
{
	sqlite3_stmt *st;

	if (check_filter(f, e) != 0)
		return NULL;
	if ((st = store_stmt(s, f->newest_first ? desc : asc, e)) != NULL)
		bind_filter(st, f);
	return st;
}

int
store_entry_list(struct store *s, const struct entry_filter *f,
    entry_cb cb, void *arg, struct err *e)
{
	sqlite3_stmt *st = filtered(s, f, sql_list_asc, sql_list_desc, e);

	return st == NULL ? -1 : walk(s, st, cb, arg, e);
}

int
store_entry_list_json(struct store *s, const struct entry_filter *f,
    char **json, struct err *e)
{
	sqlite3_stmt *st = filtered(s, f, sql_list_json_asc,
	    sql_list_json_desc, e);
	int rc;

	if (st == NULL)
		return -1;
	rc = store_json_row(s, st, json, e);
	sqlite3_clear_bindings(st);
	return rc;
}

int
store_entry_list_json_to(struct store *s, const struct entry_filter *f,
    FILE *out, struct err *e)
{
	sqlite3_stmt *st = filtered(s, f, sql_rows_json_asc,
	    sql_rows_json_desc, e);

	return st == NULL ? -1 : store_json_rows(s, st, out, e);
}

int
store_entry_json_sink(struct store *s, const struct entry_filter *f,
    store_write_fn w, void *arg, struct err *e)
{
	sqlite3_stmt *st = filtered(s, f, sql_rows_json_asc,
	    sql_rows_json_desc, e);

	return st == NULL ? -1 : store_json_rows_sink(s, st, w, arg, e);
}

int
store_entry_get(struct store *s, const char *uuid, entry_cb cb, void *arg,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_get, e);
	int found = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		struct entry r;

		store_entry_from_row(st, 0, &r);
		found = cb(&r, arg) == 0 ? 1 : 2;
	}
	sqlite3_reset(st);
	if (found == 0)
		return err_set(e, "there is no entry with the ID %s", uuid);
	return found == 1 ? 0 : -1;
}

int
store_entry_get_json(struct store *s, const char *uuid, char **json,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_get_json, e);
	int rc;

	*json = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*json = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return err_set(e, "there is no entry with the ID %s", uuid);
	return rc == SQLITE_ROW ? 0 : store_sqlerr(s, rc, e);
}

struct revision_walk {
	int (*cb)(time_t, const char *, const char *, void *);
	void *arg;
};

static int
revision_row(sqlite3_stmt *st, void *p)
{
	const struct revision_walk *w = p;

	return w->cb((time_t)sqlite3_column_int64(st, 0),
	    (const char *)sqlite3_column_text(st, 1),
	    (const char *)sqlite3_column_text(st, 2), w->arg);
}

int
store_entry_revisions(struct store *s, const char *uuid,
    int (*cb)(time_t, const char *, const char *, void *), void *arg,
    struct err *e)
{
	struct revision_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_revisions, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	return store_rows(s, st, revision_row, &w, e);
}

int
store_search(struct store *s, const char *query, long limit, entry_cb cb,
    void *arg, struct err *e)
{
	sqlite3_stmt *st;
	char *q;
	int rc;

	if ((q = store_fts_query(query, e)) == NULL)
		return -1;
	if ((st = store_stmt(s, sql_search, e)) == NULL) {
		free(q);
		return -1;
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	rc = walk(s, st, cb, arg, e);
	free(q);
	return rc;
}

int
store_search_json(struct store *s, const char *query, long limit,
    char **json, struct err *e)
{
	sqlite3_stmt *st;
	char *q;
	int rc;

	if ((q = store_fts_query(query, e)) == NULL)
		return -1;
	if ((st = store_stmt(s, sql_search_json, e)) == NULL) {
		free(q);
		return -1;
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	rc = store_json_row(s, st, json, e);
	sqlite3_clear_bindings(st);
	free(q);
	return rc;
}

int
store_search_json_to(struct store *s, const char *query, long limit,
    FILE *out, struct err *e)
{
	sqlite3_stmt *st;
	char *q;
	int rc;

	if ((q = store_fts_query(query, e)) == NULL)
		return -1;
	if ((st = store_stmt(s, sql_search_rows, e)) == NULL) {
		free(q);
		return -1;
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	rc = store_json_rows(s, st, out, e);
	free(q);
	return rc;
}

struct tag_walk {
	int (*cb)(const char *, long, void *);
	void *arg;
};

static int
tag_row(sqlite3_stmt *st, void *p)
{
	const struct tag_walk *w = p;

	return w->cb((const char *)sqlite3_column_text(st, 0),
	    (long)sqlite3_column_int64(st, 1), w->arg);
}

int
store_tags(struct store *s, int (*cb)(const char *, long, void *),
    void *arg, struct err *e)
{
	struct tag_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_tags, e);

	if (st == NULL)
		return -1;
	return store_rows(s, st, tag_row, &w, e);
}

int
store_tags_json(struct store *s, char **json, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_tags_json, e);

	if (st == NULL)
		return -1;
	return store_json_row(s, st, json, e);
}
