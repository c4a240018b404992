/*
 * checkin.c: quick check-ins: 0-10 scales (mood required; anxiety, sleep
 * quality, energy, connection optional), hours slept, symptoms from a
 * fixed list, a short note.
 *
 * Symptoms are stored as a JSON array of the names below, in this order,
 * each at most once.  The answer to the safety question is stored as
 * NULL (not answered), 0 (no) or 1 (yes).  Whether a new check-in is
 * shared starts from the journal's "share_checkins" setting, so the app
 * and `tend checkin` agree.  Out-of-range values are refused here before anything
 * is written (the table's CHECK constraints are a second guard).
 */
#include "config.h"

#include "tend/store.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"

const char *const store_symptoms[] = {
	"nightmares", "flashbacks", "avoidance", "on-edge", "numbness",
	"concentration", "irritability", NULL,
};
_Static_assert(sizeof store_symptoms / sizeof store_symptoms[0] ==
    STORE_NSYMPTOMS + 1, "STORE_NSYMPTOMS counts store_symptoms");

void
store_symptoms_text(const char *json, char *buf, size_t n)
{
	size_t i, o = 0;
	char quoted[40];

	buf[0] = '\0';
	for (i = 0; json != NULL && store_symptoms[i] != NULL; i++) {
		snprintf(quoted, sizeof quoted, "\"%s\"", store_symptoms[i]);
		if (strstr(json, quoted) == NULL || o >= n)
			continue;
		o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "",
		    store_symptoms[i]);
	}
}

#define STR(x) #x
#define XSTR(x) STR(x)
/* The rule of store_checkin_flags in SQL. */
#define FLAGGED "(safety = 1 OR mood <= " XSTR(STORE_MOOD_LOW) ")"

static const char sql_add[] =
    "INSERT INTO checkins(uuid, time, time_off, mood, anxiety, sleep, "
    "sleep_hours, energy, connection, symptoms, note, shared, safety) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
#define LIST_COLUMNS \
    "SELECT uuid, time, time_off, mood, anxiety, sleep, sleep_hours, " \
    "energy, connection, symptoms, note, shared, tend_place(time), " \
    "safety FROM checkins "
static const char sql_update[] =
    "UPDATE checkins SET time = coalesce(?2, time), "
    "time_off = coalesce(?3, time_off), mood = ?4, anxiety = ?5, "
    "sleep = ?6, sleep_hours = ?7, energy = ?8, connection = ?9, "
    "symptoms = ?10, note = ?11, shared = ?12, safety = ?13 "
    "WHERE uuid = ?1";
static const char sql_rm[] = "DELETE FROM checkins WHERE uuid = ?1";
static const char sql_get[] = LIST_COLUMNS "WHERE uuid = ?1";
static const char sql_list[] = LIST_COLUMNS
    "WHERE (?1 IS NULL OR time >= ?1) "
    "AND (?2 IS NULL OR time < ?2) ORDER BY time, id";
static const char sql_flagged[] = LIST_COLUMNS
    "WHERE " FLAGGED " ORDER BY time, id";
static const char sql_list_json[] =
    "SELECT json_group_array(json(j)) FROM (SELECT " STORE_CHECKIN_JSON
    " AS j FROM checkins "
    "WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR time < ?2) "
    "ORDER BY time, id)";
/* The same objects one row each, for store_json_rows_sink. */
static const char sql_rows_json[] =
    "SELECT " STORE_CHECKIN_JSON " AS j FROM checkins "
    "WHERE (?1 IS NULL OR time >= ?1) AND (?2 IS NULL OR time < ?2) "
    "ORDER BY time, id";
static const char sql_flagged_json[] =
    "SELECT json_group_array(json(j)) FROM (SELECT json_set("
    STORE_CHECKIN_JSON ", '$.why', CASE "
    "WHEN safety = 1 AND mood <= " XSTR(STORE_MOOD_LOW) " THEN "
    "json_array('safety', 'low mood') "
    "WHEN safety = 1 THEN json_array('safety') "
    "ELSE json_array('low mood') END) AS j FROM checkins "
    "WHERE " FLAGGED " ORDER BY time, id)";

int
store_safety_parse(const char *text, enum checkin_safety *out)
{
	if (strcasecmp(text, "yes") == 0)
		*out = CHECKIN_SAFETY_YES;
	else if (strcasecmp(text, "no") == 0)
		*out = CHECKIN_SAFETY_NO;
	else
		return -1;
	return 0;
}

int
store_checkin_flags(const struct checkin *c)
{
	return (c->safety == CHECKIN_SAFETY_YES ? CHECKIN_FLAG_SAFETY : 0) |
	    (c->mood != CHECKIN_UNSET && c->mood <= STORE_MOOD_LOW ?
	    CHECKIN_FLAG_LOW_MOOD : 0);
}

int
store_checkin_share_default(struct store *s)
{
	return store_meta_flag(s, "share_checkins");
}

int
store_checkin_share_default_set(struct store *s, int on, struct err *e)
{
	return store_meta_put(s, "share_checkins", on ? "1" : "0", e);
}

int
store_symptom_valid(const char *name)
{
	size_t i;

	for (i = 0; store_symptoms[i] != NULL; i++)
		if (strcmp(name, store_symptoms[i]) == 0)
			return 1;
	return 0;
}

static int
check_scale(int v, const char *what, int required, struct err *e)
{
	if (v == CHECKIN_UNSET && !required)
		return 0;
	if (v < 0 || v > 10)
		return err_set(e, "%s must be a whole number from 0 to 10", what);
	return 0;
}

static void
bind_scale(sqlite3_stmt *st, int i, int v)
{
	if (v == CHECKIN_UNSET)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v);
}

/* The symptoms as a JSON array in canonical order, into buf. */
static int
symptoms_json(const struct checkin_new *n, char *buf, size_t bufsz,
    struct err *e)
{
	size_t i, k, o = 0;
	int have;

	for (k = 0; k < n->nsymptoms; k++)
		if (!store_symptom_valid(n->symptoms[k]))
			return err_set(e, "'%s' is not a symptom tend knows "
			    "(nightmares, flashbacks, avoidance, on-edge, "
			    "numbness, concentration, irritability)",
			    n->symptoms[k]);
	buf[o++] = '[';
	for (i = 0; store_symptoms[i] != NULL; i++) {
		for (have = 0, k = 0; k < n->nsymptoms; k++)
			if (strcmp(n->symptoms[k], store_symptoms[i]) == 0)
				have = 1;
		if (!have)
			continue;
		o += (size_t)snprintf(buf + o, bufsz - o, "%s\"%s\"",
		    o > 1 ? "," : "", store_symptoms[i]);
	}
	snprintf(buf + o, bufsz - o, "]");
	return 0;
}

/* Check n and bind it to st (?2 to ?13 of sql_add and sql_update; the
 * time only when set is set, else NULL).  symptoms is room for the JSON
 * array, bound statically. */
static int
checkin_bind(sqlite3_stmt *st, const struct checkin_new *n, time_t when,
    int set, char *symptoms, size_t symsz, struct err *e)
{
	if (check_scale(n->mood, "mood", 1, e) != 0 ||
	    check_scale(n->anxiety, "anxiety", 0, e) != 0 ||
	    check_scale(n->sleep, "sleep quality", 0, e) != 0 ||
	    check_scale(n->energy, "energy", 0, e) != 0 ||
	    check_scale(n->connection, "connection", 0, e) != 0)
		return -1;
	if (n->sleep_hours != CHECKIN_UNSET && (!isfinite(n->sleep_hours) ||
	    n->sleep_hours < 0 || n->sleep_hours > 24))
		return err_set(e, "hours of sleep must be from 0 to 24");
	if (symptoms_json(n, symptoms, symsz, e) != 0 ||
	    store_check_text(n->note, "the note", 1, e) != 0 ||
	    store_check_when(when, e) != 0)
		return -1;
	if (set) {
		sqlite3_bind_int64(st, 2, (sqlite3_int64)when);
		sqlite3_bind_int(st, 3, time_offset(when));
	}
	sqlite3_bind_int(st, 4, n->mood);
	bind_scale(st, 5, n->anxiety);
	bind_scale(st, 6, n->sleep);
	if (n->sleep_hours != CHECKIN_UNSET)
		sqlite3_bind_double(st, 7, n->sleep_hours);
	bind_scale(st, 8, n->energy);
	bind_scale(st, 9, n->connection);
	sqlite3_bind_text(st, 10, symptoms, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, n->note ? n->note : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 12, n->shared != 0);
	if (n->safety == CHECKIN_SAFETY_YES || n->safety == CHECKIN_SAFETY_NO)
		sqlite3_bind_int(st, 13, n->safety == CHECKIN_SAFETY_YES);
	return 0;
}

int
store_checkin_add(struct store *s, const struct checkin_new *n,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	time_t when = n->when ? n->when : time(NULL);
	char symptoms[256];
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, sql_add, e)) == NULL)
		return -1;
	if (checkin_bind(st, n, when, 1, symptoms, sizeof symptoms, e) != 0) {
		sqlite3_clear_bindings(st);
		return -1;
	}
	store_new_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0) {
		sqlite3_clear_bindings(st);
		return -1;
	}
	rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	return store_write_end(s, rc, e);
}

int
store_checkin_update(struct store *s, const char *uuid,
    const struct checkin_new *n, struct err *e)
{
	char symptoms[256];
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, sql_update, e)) == NULL)
		return -1;
	if (checkin_bind(st, n, n->when ? n->when : time(NULL), n->when != 0,
	    symptoms, sizeof symptoms, e) != 0) {
		sqlite3_clear_bindings(st);
		return -1;
	}
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	if (store_write_begin(s, e) != 0) {
		sqlite3_clear_bindings(st);
		return -1;
	}
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "there is no check-in %s", uuid);
	sqlite3_clear_bindings(st);
	return store_write_end(s, rc, e);
}

int
store_checkin_rm(struct store *s, const char *uuid, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_rm, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) != 1)
		rc = err_set(e, "there is no check-in %s", uuid);
	return store_write_end(s, rc, e);
}

static int
column_scale(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return CHECKIN_UNSET;
	return sqlite3_column_int(st, i);
}

struct checkin_walk {
	int (*cb)(const struct checkin *, void *);
	void *arg;
};

static int
checkin_row(sqlite3_stmt *st, void *p)
{
	const struct checkin_walk *w = p;
	struct checkin r;

	r.uuid = (const char *)sqlite3_column_text(st, 0);
	r.time = (time_t)sqlite3_column_int64(st, 1);
	r.time_off = sqlite3_column_int(st, 2);
	r.mood = sqlite3_column_int(st, 3);
	r.anxiety = column_scale(st, 4);
	r.sleep = column_scale(st, 5);
	r.sleep_hours = sqlite3_column_type(st, 6) == SQLITE_NULL ?
	    CHECKIN_UNSET : sqlite3_column_double(st, 6);
	r.energy = column_scale(st, 7);
	r.connection = column_scale(st, 8);
	r.symptoms = (const char *)sqlite3_column_text(st, 9);
	r.note = (const char *)sqlite3_column_text(st, 10);
	r.shared = sqlite3_column_int(st, 11);
	r.placement = (const char *)sqlite3_column_text(st, 12);
	r.safety = sqlite3_column_type(st, 13) == SQLITE_NULL ?
	    CHECKIN_SAFETY_UNANSWERED : sqlite3_column_int(st, 13) ?
	    CHECKIN_SAFETY_YES : CHECKIN_SAFETY_NO;
	return w->cb(&r, w->arg);
}

int
store_checkin_list(struct store *s, time_t since, time_t until,
    int (*cb)(const struct checkin *, void *), void *arg, struct err *e)
{
	struct checkin_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_list, e);

	if (st == NULL)
		return -1;
	store_bind_time(st, 1, since);
	store_bind_time(st, 2, until);
	return store_rows(s, st, checkin_row, &w, e);
}

int
store_checkin_get(struct store *s, const char *uuid,
    int (*cb)(const struct checkin *, void *), void *arg, struct err *e)
{
	struct checkin_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_get, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_TRANSIENT);
	rc = store_rows(s, st, checkin_row, &w, e);
	return rc;
}

int
store_checkin_list_json(struct store *s, time_t since, time_t until,
    char **json, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_list_json, e);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_time(st, 1, since);
	store_bind_time(st, 2, until);
	rc = store_json_row(s, st, json, e);
	sqlite3_clear_bindings(st);
	return rc;
}

int
store_checkin_json_sink(struct store *s, time_t since, time_t until,
    store_write_fn w, void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_rows_json, e);

	if (st == NULL)
		return -1;
	store_bind_time(st, 1, since);
	store_bind_time(st, 2, until);
	return store_json_rows_sink(s, st, w, arg, e);
}

int
store_checkin_flagged(struct store *s,
    int (*cb)(const struct checkin *, void *), void *arg, struct err *e)
{
	struct checkin_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_flagged, e);

	if (st == NULL)
		return -1;
	return store_rows(s, st, checkin_row, &w, e);
}

int
store_checkin_flagged_json(struct store *s, char **json, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_flagged_json, e);

	if (st == NULL)
		return -1;
	return store_json_row(s, st, json, e);
}
