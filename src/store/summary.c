/*
 * summary.c: what a therapist reads first about a journal or an export:
 * mood, anxiety and sleep for each phase of the treatment timeline, how
 * often each symptom was noted in it, and how many days after the latest
 * medicine session a moment falls.
 *
 * Phases are timeline_phase()'s ("before the first session",
 * "preparation", "after medicine session K"); a phase follows the one
 * before it in time, so ordering the groups by their first check-in
 * gives the timeline's order.  A phase without check-ins has no row.
 * Days are counted between local calendar days, as placement counts
 * them.
 */
#include "config.h"

#include "tend/store.h"

#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"

#define STR(x) #x
#define XSTR(x) STR(x)

/* The check-ins of a phase that noted symptom name (stored as a JSON
 * array of names, which store_symptoms_text reads the same way). */
#define SYMPTOM(name) ", sum(instr(symptoms, '\"" name "\"') > 0)"
/* Answers, mean, lowest and highest of one 0-10 scale. */
#define SCALE(col) \
    ", count(" col "), avg(" col "), min(" col "), max(" col ")"

static const char sql_phases[] =
    "SELECT ph, count(*), min(time), max(time), min(day), max(day)"
    SCALE("mood") SCALE("anxiety") SCALE("sleep")
    ", sum(safety = 1 OR mood <= " XSTR(STORE_MOOD_LOW) ")"
    SYMPTOM("nightmares") SYMPTOM("flashbacks") SYMPTOM("avoidance")
    SYMPTOM("on-edge") SYMPTOM("numbness") SYMPTOM("concentration")
    SYMPTOM("irritability")
    " FROM (SELECT *, tend_phase(time) AS ph, "
    "date(time + time_off * 60, 'unixepoch') AS day FROM checkins) "
    "GROUP BY ph ORDER BY min(time)";

/* The column where the symptom counts start. */
#define COL_SYMPTOMS 19

long
timeline_medicine_day(const struct timeline_point *ss, size_t n, time_t t,
    int *no)
{
	size_t i;
	long found = -1;
	int count = 0, k = 0;

	for (i = 0; i < n && ss[i].time <= t; i++)
		if (ss[i].kind == SESSION_MEDICINE) {
			found = (long)i;
			k = ++count;
		}
	if (no != NULL)
		*no = k;
	if (found < 0)
		return -1;
	return time_days_between(ss[found].time, t);
}

long
store_medicine_day(struct store *s, time_t t, int *no)
{
	size_t n;
	const struct timeline_point *tl = store_timeline(s, &n);

	return timeline_medicine_day(tl, n, t, no);
}

static void
scale(sqlite3_stmt *st, int col, struct phase_scale *out)
{
	out->n = (long)sqlite3_column_int64(st, col);
	if (out->n == 0) {
		out->mean = 0;
		out->min = out->max = CHECKIN_UNSET;
		return;
	}
	out->mean = sqlite3_column_double(st, col + 1);
	out->min = sqlite3_column_int(st, col + 2);
	out->max = sqlite3_column_int(st, col + 3);
}

struct phase_walk {
	int (*cb)(const struct phase_summary *, void *);
	void *arg;
};

static int
phase_row(sqlite3_stmt *st, void *p)
{
	const struct phase_walk *w = p;
	struct phase_summary ph;
	int i;

	memset(&ph, 0, sizeof ph);
	ph.label = (const char *)sqlite3_column_text(st, 0);
	ph.checkins = (long)sqlite3_column_int64(st, 1);
	ph.first = (time_t)sqlite3_column_int64(st, 2);
	ph.last = (time_t)sqlite3_column_int64(st, 3);
	ph.first_day = (const char *)sqlite3_column_text(st, 4);
	ph.last_day = (const char *)sqlite3_column_text(st, 5);
	scale(st, 6, &ph.mood);
	scale(st, 10, &ph.anxiety);
	scale(st, 14, &ph.sleep);
	ph.flagged = (long)sqlite3_column_int64(st, 18);
	for (i = 0; i < STORE_NSYMPTOMS; i++)
		ph.symptoms[i] = (long)sqlite3_column_int64(st,
		    COL_SYMPTOMS + i);
	if (ph.label == NULL)
		ph.label = "";
	if (ph.first_day == NULL)
		ph.first_day = "";
	if (ph.last_day == NULL)
		ph.last_day = "";
	return w->cb(&ph, w->arg);
}

int
store_phase_summary(struct store *s,
    int (*cb)(const struct phase_summary *, void *), void *arg,
    struct err *e)
{
	struct phase_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_phases, e);

	if (st == NULL)
		return -1;
	return store_rows(s, st, phase_row, &w, e);
}
