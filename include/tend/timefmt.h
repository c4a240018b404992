/*
 * timefmt.h: the dates people type, and times shown back to them.
 *
 * tend stores a moment as UTC seconds plus the local UTC offset (minutes
 * east) at the time of writing, and shows it in the current local time.
 * Accepted input (local time):
 *
 *   YYYY-MM-DD          that day (at 12:00 when a moment is needed)
 *   YYYY-MM-DD HH:MM    that minute
 *   now, today          now
 *   yesterday           the day before, at the current clock time
 *   N days ago          N days before, at the current clock time (N <= 36500)
 *
 * Impossible dates (2026-02-30, 24:00) are refused with one sentence.
 */
#ifndef TEND_TIMEFMT_H
#define TEND_TIMEFMT_H

#include <stddef.h>
#include <time.h>

struct err;

struct tdate {
	int y, m, d;            /* the local calendar day */
	int hh, mm, ss;
	int has_time;           /* 0: a day only */
};

/* Parse s relative to now; -1 and one sentence on failure. */
int time_parse(const char *s, time_t now, struct tdate *out, struct err *e);

/* The moment the date names (a day alone: 12:00 local). */
time_t tdate_moment(const struct tdate *d);
/* The first second of the date's day, and the first of the next day. */
time_t tdate_day_start(const struct tdate *d);
time_t tdate_day_end(const struct tdate *d);

/* The local UTC offset at t, in minutes east of UTC. */
int time_offset(time_t t);

/* Days between the local calendar days of a and b (b - a). */
long time_days_between(time_t a, time_t b);

/* t in local time: "2026-11-26 14:05" (buf: at least 17 bytes). */
void time_format_local(time_t t, char *buf, size_t n);
/* t as written: "2026-11-26T14:05:00+01:00" at offset off (26 bytes). */
void time_format_iso(time_t t, int off, char *buf, size_t n);

#endif
