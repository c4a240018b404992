/*
 * timeline.c: placing a moment on the treatment timeline.
 *
 * Pure functions over a list of sessions sorted by time; the rules are in
 * store.h above timeline_place() and in the man page.  Days are counted
 * between local calendar days, so an entry written the evening after a
 * medicine session is "day 1" however few hours have passed.
 */
#include "config.h"

#include "tend/store.h"

#include <stdio.h>

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
