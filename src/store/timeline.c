/*
 * timeline.c: the treatment timeline: placing a moment on it, and paging
 * through entries and check-ins together.
 *
 * Placement is pure functions over a list of sessions sorted by time; the
 * rules are in store.h above timeline_place() and in the man page.  Days
 * are counted between local calendar days, so an entry written the evening
 * after a medicine session is "day 1" however few hours have passed.
 *
 * Paging is by key (time, rank, id), never by position: each page is two
 * range scans, one over the index entries_trashed (trashed, created, id)
 * and one over checkins_time (time, id), each stopping after n rows, then
 * the two short lists are merged.  A 100,000-entry journal pages as fast
 * at its end as at its start.
 */
#include "config.h"

#include "tend/store.h"

#include <stdint.h>
#include <stdio.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"

/* Where t falls: *last is the index of the latest session at or before t
 * (-1: none), *med that of the latest medicine session (-1: none) and
 * *medno its number. */
static void
locate(const struct timeline_point *ss, size_t n, time_t t, long *last,
    long *med, int *medno)
{
	size_t i;
	int count = 0;

	*last = *med = -1;
	*medno = 0;
	for (i = 0; i < n && ss[i].time <= t; i++) {
		*last = (long)i;
		if (ss[i].kind == SESSION_MEDICINE) {
			*med = (long)i;
			*medno = ++count;
		}
	}
}

void
timeline_place(const struct timeline_point *ss, size_t n, time_t t,
    char *buf, size_t bufsz)
{
	long last, med, days;
	int k;

	locate(ss, n, t, &last, &med, &k);
	if (last < 0) {
		snprintf(buf, bufsz, "before the first session");
		return;
	}
	if (med < 0) {
		snprintf(buf, bufsz, "preparation");
		return;
	}
	days = time_days_between(ss[med].time, t);
	if (days == 0) {
		snprintf(buf, bufsz, "medicine session %d", k);
		return;
	}
	switch (ss[last].kind) {
	case SESSION_INTEGRATION:
		snprintf(buf, bufsz, "integration, day %ld after medicine "
		    "session %d", days, k);
		break;
	case SESSION_PREPARATION:
		snprintf(buf, bufsz, "preparation, day %ld after medicine "
		    "session %d", days, k);
		break;
	default:
		snprintf(buf, bufsz, "day %ld after medicine session %d", days,
		    k);
		break;
	}
}

void
timeline_phase(const struct timeline_point *ss, size_t n, time_t t,
    char *buf, size_t bufsz)
{
	long last, med;
	int k;

	locate(ss, n, t, &last, &med, &k);
	if (last < 0)
		snprintf(buf, bufsz, "before the first session");
	else if (med < 0)
		snprintf(buf, bufsz, "preparation");
	else
		snprintf(buf, bufsz, "after medicine session %d", k);
}

/* ---- paging through entries and check-ins ---- */

/* The rank of a table at equal times: entries above check-ins. */
#define RANK_ENTRY 1
#define RANK_CHECKIN 0

/* ?1 time, ?2 rank, ?3 id of the key to page from; ?4 how many.  The
 * "created <= ?1" (or ">=") bound is what the index answers; the rest of
 * the condition only sorts out the rows of that very second. */
static const char sql_older[] =
    "SELECT t, r, i FROM ("
    "SELECT created AS t, 1 AS r, id AS i FROM entries "
    "WHERE trashed IS NULL AND created <= ?1 "
    "AND (created < ?1 OR 1 < ?2 OR (1 = ?2 AND id < ?3)) "
    "ORDER BY created DESC, id DESC LIMIT ?4) "
    "UNION ALL SELECT t, r, i FROM ("
    "SELECT time AS t, 0 AS r, id AS i FROM checkins "
    "WHERE time <= ?1 AND (time < ?1 OR 0 < ?2 OR (0 = ?2 AND id < ?3)) "
    "ORDER BY time DESC, id DESC LIMIT ?4) "
    "ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT ?4";
static const char sql_newer[] =
    "SELECT t, r, i FROM ("
    "SELECT created AS t, 1 AS r, id AS i FROM entries "
    "WHERE trashed IS NULL AND created >= ?1 "
    "AND (created > ?1 OR 1 > ?2 OR (1 = ?2 AND id > ?3)) "
    "ORDER BY created, id LIMIT ?4) "
    "UNION ALL SELECT t, r, i FROM ("
    "SELECT time AS t, 0 AS r, id AS i FROM checkins "
    "WHERE time >= ?1 AND (time > ?1 OR 0 > ?2 OR (0 = ?2 AND id > ?3)) "
    "ORDER BY time, id LIMIT ?4) "
    "ORDER BY 1, 2, 3 LIMIT ?4";

/* The columns of struct timeline_item, the same for both tables. */
#define ITEM_ENTRY \
    "SELECT e.id, e.uuid, e.created, e.created_off, e.kind, e.title, " \
    "substr(e.body, 1, 200), coalesce((SELECT group_concat(tag, ' ') " \
    "FROM (SELECT tag FROM tags WHERE entry = e.id ORDER BY tag)), ''), " \
    "e.shared, NULL, NULL, NULL, NULL, NULL, NULL, '[]', NULL " \
    "FROM entries e " \
    "WHERE e.trashed IS NULL AND "
#define ITEM_CHECKIN \
    "SELECT id, uuid, time, time_off, 'check-in', '', note, '', shared, " \
    "mood, anxiety, sleep, energy, connection, sleep_hours, symptoms, " \
    "safety FROM checkins WHERE "

static const char sql_entry_by_id[] = ITEM_ENTRY "e.id = ?1";
static const char sql_entry_by_uuid[] = ITEM_ENTRY "e.uuid = ?1";
static const char sql_checkin_by_id[] = ITEM_CHECKIN "id = ?1";
static const char sql_checkin_by_uuid[] = ITEM_CHECKIN "uuid = ?1";

long
store_timeline_fetch(struct store *s, const struct timeline_key *from,
    int dir, struct timeline_key *out, size_t n, struct err *e)
{
	sqlite3_stmt *st;
	long k = 0;
	int rc = SQLITE_DONE;

	if (n == 0)
		return 0;
	st = store_stmt(s, dir > 0 ? sql_older : sql_newer, e);
	if (st == NULL)
		return -1;
	if (from == NULL) {
		/* A key beyond every item on the side we start from. */
		sqlite3_bind_int64(st, 1, dir > 0 ? INT64_MAX : INT64_MIN);
		sqlite3_bind_int(st, 2, dir > 0 ? RANK_ENTRY + 1 :
		    RANK_CHECKIN - 1);
		sqlite3_bind_int64(st, 3, 0);
	} else {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)from->time);
		sqlite3_bind_int(st, 2, from->table == STORE_ENTRY ?
		    RANK_ENTRY : RANK_CHECKIN);
		sqlite3_bind_int64(st, 3, from->id);
	}
	sqlite3_bind_int64(st, 4, (sqlite3_int64)(n > INT32_MAX ? INT32_MAX :
	    n));
	while ((size_t)k < n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out[k].time = (time_t)sqlite3_column_int64(st, 0);
		out[k].table = sqlite3_column_int(st, 1) == RANK_ENTRY ?
		    STORE_ENTRY : STORE_CHECKIN;
		out[k].id = sqlite3_column_int64(st, 2);
		k++;
	}
	if ((size_t)k < n && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_sqlerr(s, rc, e);
	}
	sqlite3_reset(st);
	return k;
}

static int
item_scale(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return CHECKIN_UNSET;
	return sqlite3_column_int(st, i);
}

static const char *
item_text(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL ? t : "";
}

/* Step st (bound already) for at most one item and hand it to cb. */
static int
item_step(struct store *s, sqlite3_stmt *st, enum store_table t,
    timeline_cb cb, void *arg, struct err *e)
{
	struct timeline_item it;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_sqlerr(s, rc, e);
	}
	it.key.table = t;
	it.key.id = sqlite3_column_int64(st, 0);
	it.uuid = item_text(st, 1);
	it.key.time = (time_t)sqlite3_column_int64(st, 2);
	it.time_off = sqlite3_column_int(st, 3);
	it.kind = item_text(st, 4);
	it.title = item_text(st, 5);
	it.text = item_text(st, 6);
	it.tags = item_text(st, 7);
	it.shared = sqlite3_column_int(st, 8);
	it.mood = item_scale(st, 9);
	it.anxiety = item_scale(st, 10);
	it.sleep = item_scale(st, 11);
	it.energy = item_scale(st, 12);
	it.connection = item_scale(st, 13);
	it.sleep_hours = sqlite3_column_type(st, 14) == SQLITE_NULL ?
	    CHECKIN_UNSET : sqlite3_column_double(st, 14);
	it.safety = sqlite3_column_type(st, 16) == SQLITE_NULL ?
	    CHECKIN_SAFETY_UNANSWERED : sqlite3_column_int(st, 16) ?
	    CHECKIN_SAFETY_YES : CHECKIN_SAFETY_NO;
	it.symptoms = item_text(st, 15);
	cb(&it, arg);
	sqlite3_reset(st);
	return 1;
}

int
store_timeline_get(struct store *s, enum store_table t, long long id,
    timeline_cb cb, void *arg, struct err *e)
{
	sqlite3_stmt *st;

	if (t != STORE_ENTRY && t != STORE_CHECKIN)
		return 0;
	st = store_stmt(s, t == STORE_ENTRY ? sql_entry_by_id :
	    sql_checkin_by_id, e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return item_step(s, st, t, cb, arg, e);
}

int
store_timeline_find(struct store *s, const char *uuid, timeline_cb cb,
    void *arg, struct err *e)
{
	sqlite3_stmt *st;
	int r;

	if ((st = store_stmt(s, sql_entry_by_uuid, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	r = item_step(s, st, STORE_ENTRY, cb, arg, e);
	sqlite3_clear_bindings(st);
	if (r != 0)
		return r;
	if ((st = store_stmt(s, sql_checkin_by_uuid, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	r = item_step(s, st, STORE_CHECKIN, cb, arg, e);
	sqlite3_clear_bindings(st);
	return r;
}
