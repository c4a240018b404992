/*
 * jot.c: bring the notes jotted while the journal was locked into it.
 *
 * The inbox (src/vault/inbox.c) is locked and read, every note goes in as
 * a journal entry tagged "jot" in one transaction, and only after the
 * commit is the inbox removed.  A note's random ID becomes the entry's
 * UUID and goes in with INSERT OR IGNORE: a crash between the commit and
 * the removal brings the same notes back at the next unlock, and they go
 * in no second time.
 */
#include "config.h"

#include "tend/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/inbox.h"

static const char sql_jot_add[] =
    "INSERT OR IGNORE INTO entries(uuid, created, created_off, updated, "
    "body, kind, shared) VALUES (?1, ?2, ?3, ?4, ?5, 'journal', 0)";
static const char sql_jot_tag[] =
    "INSERT OR IGNORE INTO tags(entry, tag) VALUES (?1, 'jot')";

static int
jot_insert(struct store *s, const struct inbox_note *nt, time_t now,
    size_t *added, struct err *e)
{
	char uuid[STORE_UUID_LEN + 1];
	sqlite3_stmt *st, *tag;
	int rc;

	if ((st = store_stmt(s, sql_jot_add, e)) == NULL ||
	    (tag = store_stmt(s, sql_jot_tag, e)) == NULL)
		return -1;
	store_uuid_from(nt->id, uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)nt->when);
	sqlite3_bind_int(st, 3, nt->offset);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	sqlite3_bind_text(st, 5, nt->text, (int)nt->len, SQLITE_STATIC);
	rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	if (rc != 0 || sqlite3_changes(s->db) == 0)
		return rc;
	(*added)++;
	sqlite3_bind_int64(tag, 1, sqlite3_last_insert_rowid(s->db));
	return store_done(s, tag, e);
}

int
store_jot_import(struct store *s, size_t *added, char *problem, size_t n,
    struct err *e)
{
	struct inbox *in;
	time_t now = time(NULL);

	*added = 0;
	if (problem != NULL && n > 0)
		problem[0] = '\0';
	if (s->v == NULL)
		return 0;
	if (inbox_take(s->v, &in, e) != 0)
		return -1;
	if (in == NULL)
		return 0;
	if (problem != NULL && inbox_problem(in) != NULL)
		snprintf(problem, n, "%s", inbox_problem(in));
	if (inbox_count(in) > 0) {
		size_t i;
		int rc = 0;

		if (store_write_begin(s, e) != 0) {
			inbox_release(in);
			return -1;
		}
		for (i = 0; rc == 0 && i < inbox_count(in); i++)
			rc = jot_insert(s, inbox_note(in, i), now, added, e);
		if (store_write_end(s, rc, e) != 0) {
			*added = 0;
			inbox_release(in);
			return -1;
		}
	}
	if (inbox_finish(in, e) != 0 && problem != NULL)
		/* The notes are in; the next unlock finds them in again. */
		snprintf(problem, n, "%s", e->msg);
	return 0;
}
