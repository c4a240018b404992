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
 *   yesterday, tomorrow the day before or after, at the current clock time
 *   today HH:MM         that minute today (yesterday HH:MM, tomorrow HH:MM)
 *   N days ago          N days before, at the current clock time
 *   N weeks ago         7 N days before
 *   in N days           N days later, at the current clock time
 *   in N weeks          7 N days later
 *   ... HH:MM           any of these but now at that minute ("2 days ago 09:00")
 *
 * N counts at most TIME_DAYS_MAX days; "day" and "week" may be written
 * singular or plural, words in any case.
 *
 * Impossible dates (2026-02-30, 24:00) are refused with one sentence.
 */
#ifndef TEND_TIMEFMT_H
#define TEND_TIMEFMT_H

#include <stddef.h>
#include <time.h>

struct err;

#define TIME_DAYS_MAX 36500L

struct tdate {
	int y, m, d;            /* the local calendar day */
	int hh, mm, ss;
	int has_time;           /* 0: a day only */
};

/* Parse s relative to now; -1 and one sentence on failure. */
int time_parse(const char *s, time_t now, struct tdate *out, struct err *e);

/* The same clock time on the next local calendar day (a day ahead of
 * now, 23 or 25 hours across a daylight saving change).  Entries and
 * check-ins may not be dated later than this. */
time_t time_tomorrow(time_t now);

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
