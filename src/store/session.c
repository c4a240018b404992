/*
 * session.c: the treatment timeline: preparation, medicine, integration
 * and other sessions, each at a moment.  Medicine sessions are numbered in
 * time order (1, 2, ...); placement of entries and check-ins is computed
 * from these rows (timeline.c), never stored.
 */
#include "config.h"

#include "tend/store.h"

#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"

static const char *const kind_names[] = {
	[SESSION_PREPARATION] = "preparation",
	[SESSION_MEDICINE] = "medicine",
	[SESSION_INTEGRATION] = "integration",
	[SESSION_OTHER] = "other",
};

static const char sql_add[] =
    "INSERT INTO sessions(uuid, kind, time, time_off, title, notes) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_edit[] =
    "UPDATE sessions SET kind = ?2, time = ?3, time_off = ?4, title = ?5, "
    "notes = ?6 WHERE uuid = ?1";
static const char sql_rm[] = "DELETE FROM sessions WHERE uuid = ?1";
static const char sql_list[] =
    "SELECT uuid, kind, time, time_off, title, notes, "
    "  CASE kind WHEN 'medicine' THEN count(*) FILTER "
    "    (WHERE kind = 'medicine') OVER (ORDER BY time, id) ELSE 0 END "
    "FROM sessions ORDER BY time, id";
static const char sql_list_json[] =
    "SELECT json_group_array(json_object('id', uuid, "
    "  'short', substr(uuid, 1, 8), 'kind', kind, "
    "  'time', tend_iso(time, time_off), 'time_utc', time, "
    "  'title', title, 'notes', notes, "
    "  'medicine_no', CASE WHEN n > 0 THEN n END)) FROM ("
    "SELECT uuid, kind, time, time_off, title, notes, "
    "  CASE kind WHEN 'medicine' THEN count(*) FILTER "
    "    (WHERE kind = 'medicine') OVER (ORDER BY time, id) ELSE 0 END "
    "  AS n FROM sessions ORDER BY time, id)";

int
store_session_kind_parse(const char *name, enum session_kind *k)
{
	size_t i;

	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (name != NULL && strcmp(name, kind_names[i]) == 0) {
			*k = (enum session_kind)i;
			return 0;
		}
	return -1;
}

const char *
store_session_kind_name(enum session_kind k)
{
	return kind_names[k];
}

/* Check a session's fields and bind them to ?2..?6 of sql (an INSERT or
 * UPDATE whose ?1 is the session's ID, left for the caller); when 0 means
 * now.  NULL with e filled if a field is refused. */
static sqlite3_stmt *
session_stmt(struct store *s, const char *sql, enum session_kind kind,
    time_t when, const char *title, const char *notes, struct err *e)
{
	sqlite3_stmt *st;

	if ((unsigned)kind > SESSION_OTHER) {
		err_set(e, "unknown session kind");
		return NULL;
	}
	if (store_check_text(title, "the session's title", 1, e) != 0 ||
	    store_check_text(notes, "the session's notes", 1, e) != 0)
		return NULL;
	if (when == 0)
		when = time(NULL);
	if ((st = store_stmt(s, sql, e)) == NULL)
		return NULL;
	sqlite3_bind_text(st, 2, kind_names[kind], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)when);
	sqlite3_bind_int(st, 4, time_offset(when));
	sqlite3_bind_text(st, 5, title ? title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, notes ? notes : "", -1, SQLITE_STATIC);
	return st;
}

int
store_session_add(struct store *s, enum session_kind kind, time_t when,
    const char *title, const char *notes, char uuid[STORE_UUID_LEN + 1],
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = session_stmt(s, sql_add, kind, when, title, notes, e)) ==
	    NULL)
		return -1;
	store_new_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	store_timeline_changed(s);
	return store_write_end(s, rc, e);
}

/* Run st (an UPDATE or DELETE whose ?1 is bound here to uuid), which must
 * change the one session with that ID. */
static int
change_one(struct store *s, sqlite3_stmt *st, const char *uuid,
    struct err *e)
{
	int rc;

	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "there is no session with the ID %s", uuid);
	store_timeline_changed(s);
	return store_write_end(s, rc, e);
}

int
store_session_edit(struct store *s, const char *uuid, enum session_kind kind,
    time_t when, const char *title, const char *notes, struct err *e)
{
	sqlite3_stmt *st;

	if ((st = session_stmt(s, sql_edit, kind, when, title, notes, e)) ==
	    NULL)
		return -1;
	return change_one(s, st, uuid, e);
}

int
store_session_rm(struct store *s, const char *uuid, struct err *e)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, sql_rm, e)) == NULL)
		return -1;
	return change_one(s, st, uuid, e);
}

struct session_walk {
	int (*cb)(const struct session *, void *);
	void *arg;
};

static int
session_row(sqlite3_stmt *st, void *p)
{
	const struct session_walk *w = p;
	struct session r;

	memset(&r, 0, sizeof r);
	r.uuid = (const char *)sqlite3_column_text(st, 0);
	r.kind = SESSION_OTHER;
	store_session_kind_parse((const char *)sqlite3_column_text(st, 1),
	    &r.kind);
	r.time = (time_t)sqlite3_column_int64(st, 2);
	r.time_off = sqlite3_column_int(st, 3);
	r.title = (const char *)sqlite3_column_text(st, 4);
	r.notes = (const char *)sqlite3_column_text(st, 5);
	r.medicine_no = sqlite3_column_int(st, 6);
	return w->cb(&r, w->arg);
}

int
store_session_list(struct store *s,
    int (*cb)(const struct session *, void *), void *arg, struct err *e)
{
	struct session_walk w = { cb, arg };
	sqlite3_stmt *st;

	if ((st = store_stmt(s, sql_list, e)) == NULL)
		return -1;
	return store_rows(s, st, session_row, &w, e);
}

int
store_session_list_json(struct store *s, char **json, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_list_json, e);

	if (st == NULL)
		return -1;
	return store_json_row(s, st, json, e);
}
