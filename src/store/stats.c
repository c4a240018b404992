/*
 * stats.c: counts, the check-in streak, and mood per treatment phase and
 * per week.
 *
 * Weeks start on Monday and are taken in the local time at which each
 * check-in was written; phases come from timeline_phase() (store.h).  The
 * streak is the number of consecutive local days, ending today, with at
 * least one check-in; a day without one yet today does not break it until
 * the day is over (it then ends yesterday).
 */
#include "config.h"

#include "tend/store.h"

#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"

#define COUNTS \
    "(SELECT count(*) FROM entries WHERE trashed IS NULL) AS e, " \
    "(SELECT count(*) FROM entries WHERE trashed IS NOT NULL) AS t, " \
    "(SELECT count(*) FROM checkins) AS c, " \
    "(SELECT count(*) FROM sessions) AS s, " \
    "(SELECT count(*) FROM agenda WHERE done IS NULL) AS a"
#define BY_PHASE \
    "SELECT tend_phase(time) AS label, count(*) AS n, avg(mood) AS m, " \
    "min(mood) AS lo, max(mood) AS hi FROM checkins GROUP BY label " \
    "ORDER BY min(time)"
#define BY_WEEK \
    "SELECT date(time + time_off * 60, 'unixepoch', '-6 days', " \
    "'weekday 1') AS label, count(*) AS n, avg(mood) AS m, " \
    "min(mood) AS lo, max(mood) AS hi FROM checkins GROUP BY label " \
    "ORDER BY label"
#define GROUP_JSON(key) \
    "json_group_array(json_object('" key "', label, 'checkins', n, " \
    "'mood_mean', round(m, 2), 'mood_min', lo, 'mood_max', hi))"

static const char sql_counts[] = "SELECT " COUNTS;
static const char sql_days[] =
    "SELECT time, time_off FROM checkins ORDER BY time DESC";
static const char sql_by_phase[] = BY_PHASE;
static const char sql_by_week[] = BY_WEEK;
static const char sql_json[] =
    "SELECT json_object('entries', c.e, 'trashed', c.t, 'checkins', c.c, "
    "'sessions', c.s, 'agenda_open', c.a, 'checkin_streak', ?1, "
    "'mood_by_phase', json((SELECT " GROUP_JSON("phase") " FROM ("
    BY_PHASE "))), 'mood_by_week', json((SELECT " GROUP_JSON("week")
    " FROM (" BY_WEEK ")))) FROM (SELECT " COUNTS ") AS c";

/* The local day number of a moment written at offset off. */
static long
day_of(time_t t, int off)
{
	long long x = (long long)t + (long long)off * 60;

	return (long)(x >= 0 ? x / 86400 : (x - 86399) / 86400);
}

static int
streak(struct store *s, time_t now, long *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_days, e);
	long today = day_of(now, time_offset(now)), want = today;
	int rc;

	*out = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long d = day_of((time_t)sqlite3_column_int64(st, 0),
		    sqlite3_column_int(st, 1));

		if (d > want)
			continue;       /* later today, or in the future */
		if (d == want) {
			(*out)++;
			want--;
			continue;
		}
		if (*out == 0 && want == today && d == today - 1) {
			/* Nothing yet today: count from yesterday. */
			(*out)++;
			want = d - 1;
			continue;
		}
		break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, rc, e);
	return 0;
}

int
store_stats(struct store *s, time_t now, struct stats *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql_counts, e);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->entries = (long)sqlite3_column_int64(st, 0);
		out->trashed = (long)sqlite3_column_int64(st, 1);
		out->checkins = (long)sqlite3_column_int64(st, 2);
		out->sessions = (long)sqlite3_column_int64(st, 3);
		out->agenda_open = (long)sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, e);
	return streak(s, now, &out->streak, e);
}

struct group_walk {
	int (*cb)(const struct stats_group *, void *);
	void *arg;
};

static int
group_row(sqlite3_stmt *st, void *p)
{
	const struct group_walk *w = p;
	struct stats_group g;

	g.label = (const char *)sqlite3_column_text(st, 0);
	g.checkins = (long)sqlite3_column_int64(st, 1);
	g.mood_mean = sqlite3_column_double(st, 2);
	g.mood_min = sqlite3_column_int(st, 3);
	g.mood_max = sqlite3_column_int(st, 4);
	return w->cb(&g, w->arg);
}

int
store_stats_groups(struct store *s, int by_week,
    int (*cb)(const struct stats_group *, void *), void *arg, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, by_week ? sql_by_week : sql_by_phase,
	    e);
	struct group_walk w = { cb, arg };

	if (st == NULL)
		return -1;
	return store_rows(s, st, group_row, &w, e);
}

int
store_stats_json(struct store *s, time_t now, char **json, struct err *e)
{
	sqlite3_stmt *st;
	long n;
	int rc;

	*json = NULL;
	if (streak(s, now, &n, e) != 0)
		return -1;
	if ((st = store_stmt(s, sql_json, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, n);
	rc = store_json_row(s, st, json, e);
	sqlite3_clear_bindings(st);
	return rc;
}
