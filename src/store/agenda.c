/*
 * agenda.c: the "bring to next session" list, and editor drafts.
 *
 * Agenda items are never deleted by tend; marking one done (which can be
 * undone) keeps it with
 * its done time so the therapist can see what was covered.  A draft is the
 * editor's text saved while typing, one per key (e.g. "new" or an entry's
 * UUID), replaced on every save and removed once the entry is saved.
 */
#include "config.h"

#include "tend/store.h"

#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"

static const char sql_add[] =
    "INSERT INTO agenda(uuid, text, created, created_off) "
    "VALUES (?1, ?2, ?3, ?4)";
static const char sql_done[] =
    "UPDATE agenda SET done = ?2 WHERE uuid = ?1 AND done IS NULL";
static const char sql_undone[] =
    "UPDATE agenda SET done = NULL WHERE uuid = ?1 AND done IS NOT NULL";
#define AGENDA_ORDER \
    " FROM agenda ORDER BY done IS NOT NULL, " \
    "CASE WHEN done IS NULL THEN created ELSE -done END, id"
static const char sql_list[] =
    "SELECT uuid, text, created, done" AGENDA_ORDER;
static const char sql_list_json[] =
    "SELECT json_group_array(json(j)) FROM (SELECT json_object("
    "'id', uuid, 'short', substr(uuid, 1, 8), 'text', text, "
    "'created', tend_iso(created, created_off), 'created_utc', created, "
    "'done', tend_local(done), 'done_utc', done) AS j" AGENDA_ORDER ")";
static const char sql_draft_save[] =
    "INSERT INTO drafts(key, text, saved) VALUES (?1, ?2, ?3) "
    "ON CONFLICT(key) DO UPDATE SET text = excluded.text, "
    "saved = excluded.saved";
static const char sql_draft_rm[] = "DELETE FROM drafts WHERE key = ?1";
static const char sql_draft_get[] = "SELECT text FROM drafts WHERE key = ?1";
static const char sql_draft_list[] =
    "SELECT key, saved FROM drafts ORDER BY saved DESC, key";

int
store_agenda_add(struct store *s, const char *text,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	time_t now = time(NULL);
	sqlite3_stmt *st;
	int rc;

	if (store_check_text(text, "the agenda item", 0, e) != 0)
		return -1;
	if ((st = store_stmt(s, sql_add, e)) == NULL)
		return -1;
	store_new_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	sqlite3_bind_int(st, 4, time_offset(now));
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	return store_write_end(s, rc, e);
}

int
store_agenda_done(struct store *s, const char *uuid, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_done, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "the agenda item %s is already done or does "
		    "not exist", uuid);
	return store_write_end(s, rc, e);
}

int
store_agenda_undone(struct store *s, const char *uuid, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_undone, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "the agenda item %s is still open or does not "
		    "exist", uuid);
	return store_write_end(s, rc, e);
}

struct agenda_walk {
	int (*cb)(const struct agenda_item *, void *);
	void *arg;
};

static int
agenda_row(sqlite3_stmt *st, void *p)
{
	const struct agenda_walk *w = p;
	struct agenda_item r;

	r.uuid = (const char *)sqlite3_column_text(st, 0);
	r.text = (const char *)sqlite3_column_text(st, 1);
	r.created = (time_t)sqlite3_column_int64(st, 2);
	r.done = (time_t)sqlite3_column_int64(st, 3);
	return w->cb(&r, w->arg);
}

int
store_agenda_list(struct store *s,
    int (*cb)(const struct agenda_item *, void *), void *arg, struct err *e)
{
	struct agenda_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_list, e);

	if (st == NULL)
		return -1;
	return store_rows(s, st, agenda_row, &w, e);
}

int
store_agenda_list_json(struct store *s, char **json, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_list_json, e);

	if (st == NULL)
		return -1;
	return store_json_row(s, st, json, e);
}

int
store_draft_save(struct store *s, const char *key, const char *text,
    struct err *e)
{
	int empty = text == NULL || *text == '\0';
	sqlite3_stmt *st;
	int rc;

	if (!empty && store_check_text(text, "the draft", 1, e) != 0)
		return -1;
	st = store_stmt(s, empty ? sql_draft_rm : sql_draft_save, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (!empty) {
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	}
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	return store_write_end(s, rc, e);
}

char *
store_draft_get(struct store *s, const char *key)
{
	sqlite3_stmt *st;
	struct err e;
	char *r = NULL;

	if ((st = store_stmt(s, sql_draft_get, &e)) == NULL)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return r;
}

int
store_draft_list(struct store *s,
    int (*cb)(const char *key, time_t saved, void *), void *arg,
    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_draft_list, e);
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((stop = cb((const char *)sqlite3_column_text(st, 0),
		    (time_t)sqlite3_column_int64(st, 1), arg)) != 0)
			break;
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : store_sqlerr(s, rc, e);
}
