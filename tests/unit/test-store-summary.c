/*
 * test-store-summary.c: the therapist's summary in the store: mood,
 * anxiety and sleep (answers, mean, lowest, highest), symptom counts and
 * flagged check-ins for each phase of the timeline, and the days after
 * the latest medicine session.  Every expected number below was worked
 * out by hand from the check-ins written here.  Runs in UTC so that days
 * are fixed.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

#define DAY 86400
#define HOUR 3600
#define T0 1767225600           /* 2026-01-01 00:00 UTC */
#define U CHECKIN_UNSET

struct want {
	const char *label;
	long checkins;
	const char *first_day, *last_day;
	long mood_n; double mood_mean; int mood_min, mood_max;
	long anx_n; double anx_mean; int anx_min, anx_max;
	long sleep_n; double sleep_mean; int sleep_min, sleep_max;
	long flagged;
	long symptoms[STORE_NSYMPTOMS];
};

struct seen {
	struct phase_summary ph[8];
	char label[8][64], first[8][16], last[8][16];
	int n;
};

static int
collect(const struct phase_summary *p, void *arg)
{
	struct seen *s = arg;

	if (s->n == 8)
		return 1;
	s->ph[s->n] = *p;
	snprintf(s->label[s->n], sizeof s->label[0], "%s", p->label);
	snprintf(s->first[s->n], sizeof s->first[0], "%s", p->first_day);
	snprintf(s->last[s->n], sizeof s->last[0], "%s", p->last_day);
	s->n++;
	return 0;
}

static int
same(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void
check_scale(const struct phase_scale *got, long n, double mean, int min,
    int max, const char *what, const char *phase)
{
	ok(got->n == n && same(got->mean, mean) && got->min == min &&
	    got->max == max, "%s, %s: %ld answers, mean %.3f, %d to %d",
	    phase, what, n, mean, min, max);
	if (!(got->n == n && same(got->mean, mean) && got->min == min &&
	    got->max == max))
		tap_diag("got %ld, %.6f, %d, %d", got->n, got->mean, got->min,
		    got->max);
}

static void
check(const struct seen *s, int i, const struct want *w)
{
	const struct phase_summary *p = &s->ph[i];
	int k, sym = 1;

	ok(strcmp(s->label[i], w->label) == 0, "phase %d is \"%s\" (%s)",
	    i + 1, w->label, s->label[i]);
	ok(p->checkins == w->checkins, "%s: %ld check-ins (%ld)", w->label,
	    w->checkins, p->checkins);
	ok(strcmp(s->first[i], w->first_day) == 0 &&
	    strcmp(s->last[i], w->last_day) == 0, "%s: from %s to %s (%s to "
	    "%s)", w->label, w->first_day, w->last_day, s->first[i],
	    s->last[i]);
	check_scale(&p->mood, w->mood_n, w->mood_mean, w->mood_min,
	    w->mood_max, "mood", w->label);
	check_scale(&p->anxiety, w->anx_n, w->anx_mean, w->anx_min,
	    w->anx_max, "anxiety", w->label);
	check_scale(&p->sleep, w->sleep_n, w->sleep_mean, w->sleep_min,
	    w->sleep_max, "sleep", w->label);
	ok(p->flagged == w->flagged, "%s: %ld to look at first (%ld)",
	    w->label, w->flagged, p->flagged);
	for (k = 0; k < STORE_NSYMPTOMS; k++)
		if (p->symptoms[k] != w->symptoms[k]) {
			sym = 0;
			tap_diag("%s: %ld, wanted %ld", store_symptoms[k],
			    p->symptoms[k], w->symptoms[k]);
		}
	ok(sym, "%s: symptom counts", w->label);
}

static int
add(struct store *s, time_t when, int mood, int anx, int sleep,
    enum checkin_safety safety, const char *sym1, const char *sym2)
{
	const char *sym[2];
	struct checkin_new c;
	char uuid[STORE_UUID_LEN + 1];
	struct err e;
	size_t n = 0;

	if (sym1 != NULL)
		sym[n++] = sym1;
	if (sym2 != NULL)
		sym[n++] = sym2;
	memset(&c, 0, sizeof c);
	c.mood = mood;
	c.anxiety = anx;
	c.sleep = sleep;
	c.energy = c.connection = U;
	c.sleep_hours = U;
	c.symptoms = sym;
	c.nsymptoms = n;
	c.safety = safety;
	c.shared = 1;
	c.when = when;
	return store_checkin_add(s, &c, uuid, &e);
}

static void
pure_days(void)
{
	const struct timeline_point tl[] = {
		{ T0, SESSION_PREPARATION },
		{ T0 + 5 * DAY + 23 * HOUR, SESSION_MEDICINE },
		{ T0 + 8 * DAY, SESSION_INTEGRATION },
		{ T0 + 30 * DAY, SESSION_MEDICINE },
	};
	int no = -7;

	ok(timeline_medicine_day(tl, 4, T0 + DAY, &no) == -1 && no == 0,
	    "before any medicine session: -1, number 0");
	ok(timeline_medicine_day(tl, 4, T0 + 5 * DAY + 23 * HOUR, &no) == 0 &&
	    no == 1, "the moment of medicine session 1: day 0");
	ok(timeline_medicine_day(tl, 4, T0 + 6 * DAY + HOUR, &no) == 1 &&
	    no == 1, "two hours later, after midnight: day 1");
	ok(timeline_medicine_day(tl, 4, T0 + 12 * DAY, &no) == 7 && no == 1,
	    "an integration session between does not restart the count");
	ok(timeline_medicine_day(tl, 4, T0 + 31 * DAY, &no) == 1 && no == 2,
	    "after medicine session 2: counted from it");
	ok(timeline_medicine_day(NULL, 0, T0, NULL) == -1,
	    "no sessions at all: -1 (no may be NULL)");
}

int
main(void)
{
	static const struct want before = {
		"before the first session", 2, "2026-01-02", "2026-01-03",
		2, 5.0, 4, 6, 2, 4.0, 2, 6, 1, 5.0, 5, 5, 0,
		{ 2, 1, 0, 0, 0, 0, 0 },
	}, prep = {
		"preparation", 1, "2026-01-05", "2026-01-05",
		1, 3.0, 3, 3, 1, 7.0, 7, 7, 1, 4.0, 4, 4, 0,
		{ 0, 0, 0, 1, 0, 0, 0 },
	}, after1 = {
		"after medicine session 1", 3, "2026-01-11", "2026-01-14",
		3, 17.0 / 3.0, 2, 8, 2, 4.0, 3, 5, 2, 7.0, 6, 8, 2,
		{ 1, 0, 0, 0, 0, 0, 1 },
	}, after2 = {
		"after medicine session 2", 1, "2026-01-22", "2026-01-22",
		1, 5.0, 5, 5, 0, 0.0, U, U, 0, 0.0, U, U, 0,
		{ 0, 0, 0, 0, 0, 0, 0 },
	};
	char uuid[STORE_UUID_LEN + 1];
	struct seen seen;
	struct store *s;
	struct vault *v;
	struct err e;
	int no, rc = 0;

	setenv("TZ", "UTC", 1);
	test_init();
	pure_days();

	v = test_new_vault(test_path("summary.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	memset(&seen, 0, sizeof seen);
	ok(store_phase_summary(s, collect, &seen, &e) == 0 && seen.n == 0,
	    "no check-ins: no phases");

	/* Before any session: moods 4 and 6, anxiety 6 and 2, one sleep. */
	rc |= add(s, T0 + DAY + 10 * HOUR, 4, 6, U, CHECKIN_SAFETY_NO,
	    "nightmares", NULL);
	rc |= add(s, T0 + 2 * DAY + 10 * HOUR, 6, 2, 5, 0, "nightmares",
	    "flashbacks");
	rc |= store_session_add(s, SESSION_PREPARATION, T0 + 3 * DAY +
	    9 * HOUR, NULL, NULL, uuid, &e);
	rc |= add(s, T0 + 4 * DAY + 10 * HOUR, 3, 7, 4, 0, "on-edge", NULL);
	rc |= store_session_add(s, SESSION_MEDICINE, T0 + 10 * DAY +
	    9 * HOUR, NULL, NULL, uuid, &e);
	/* Medicine session 1: moods 2 (low), 7 (safety yes), 8. */
	rc |= add(s, T0 + 10 * DAY + 20 * HOUR, 2, 5, U, 0, NULL, NULL);
	rc |= add(s, T0 + 12 * DAY + 8 * HOUR, 7, 3, 8, CHECKIN_SAFETY_YES,
	    "irritability", "nightmares");
	rc |= add(s, T0 + 13 * DAY + 8 * HOUR, 8, U, 6, 0, NULL, NULL);
	rc |= store_session_add(s, SESSION_INTEGRATION, T0 + 15 * DAY,
	    NULL, NULL, uuid, &e);
	rc |= store_session_add(s, SESSION_MEDICINE, T0 + 20 * DAY, NULL,
	    NULL, uuid, &e);
	rc |= add(s, T0 + 21 * DAY + 12 * HOUR, 5, U, U, 0, NULL, NULL);
	ok(rc == 0, "check-ins and sessions written");

	memset(&seen, 0, sizeof seen);
	ok(store_phase_summary(s, collect, &seen, &e) == 0, "summary read");
	ok(seen.n == 4, "four phases with check-ins (%d)", seen.n);
	if (seen.n == 4) {
		check(&seen, 0, &before);
		check(&seen, 1, &prep);
		check(&seen, 2, &after1);
		check(&seen, 3, &after2);
	}

	ok(store_medicine_day(s, T0 + 4 * DAY, &no) == -1 && no == 0,
	    "store: preparation is before any medicine session");
	ok(store_medicine_day(s, T0 + 10 * DAY + 20 * HOUR, &no) == 0 &&
	    no == 1, "store: the evening of medicine session 1 is day 0");
	ok(store_medicine_day(s, T0 + 17 * DAY, &no) == 7 && no == 1,
	    "store: after the integration session, day 7 after session 1");
	ok(store_medicine_day(s, T0 + 21 * DAY + 12 * HOUR, &no) == 1 &&
	    no == 2, "store: day 1 after medicine session 2");

	memset(&seen, 0, sizeof seen);
	ok(store_phase_summary(s, collect, &seen, &e) == 0 && seen.n == 4,
	    "the same again from the cached statement");
	store_close(s);
	vault_close(v);
	return tap_done();
}
