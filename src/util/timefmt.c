/*
 * timefmt.c: parsing the dates people type and formatting times.
 *
 * All calendar arithmetic goes through mktime() and localtime_r() in the
 * process's time zone (TZ), so daylight saving changes are handled by the C
 * library.  Nothing here reads the clock: callers pass "now".
 */
#include "config.h"

#include "tend/timefmt.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tend/err.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Read exactly n digits at *s into *v, advancing *s. */
static int
digits(const char **s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

/* The local date and time of now, n days earlier (n < 0: later). */
static void
days_before(time_t now, long n, struct tdate *out)
{
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mday -= (int)n;
	tm.tm_isdst = -1;
	mktime(&tm);
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	out->hh = tm.tm_hour;
	out->mm = tm.tm_min;
	out->ss = tm.tm_sec;
	out->has_time = 1;
}

static int
parse_absolute(const char *s, struct tdate *out)
{
	memset(out, 0, sizeof *out);
	if (digits(&s, 4, &out->y) != 0 || *s++ != '-' ||
	    digits(&s, 2, &out->m) != 0 || *s++ != '-' ||
	    digits(&s, 2, &out->d) != 0)
		return -1;
	if (*s == ' ' || *s == 'T') {
		s++;
		if (digits(&s, 2, &out->hh) != 0 || *s++ != ':' ||
		    digits(&s, 2, &out->mm) != 0)
			return -1;
		out->has_time = 1;
	}
	return *s == '\0' ? 0 : -1;
}

/* "HH:MM" and nothing after it, into out's clock. */
static int
parse_clock(const char *s, struct tdate *out)
{
	int hh, mm;

	if (digits(&s, 2, &hh) != 0 || *s++ != ':' ||
	    digits(&s, 2, &mm) != 0 || *s != '\0' || hh > 23 || mm > 59)
		return -1;
	out->hh = hh;
	out->mm = mm;
	out->ss = 0;
	return 0;
}

/* A whole number of at most 6 digits at *s, advancing *s. */
static int
count(const char **s, long *n)
{
	int i;

	for (*n = 0, i = 0; isdigit((unsigned char)**s); (*s)++, i++) {
		if (i == 6)
			return -1;
		*n = *n * 10 + (**s - '0');
	}
	return i > 0 ? 0 : -1;
}

/* "day", "days", "week" or "weeks" at *s: the days in one, advancing
 * *s; 0 for anything else. */
static int
unit(const char **s)
{
	static const struct {
		const char *word;
		int days;
	} units[] = {
		{ "days", 1 }, { "day", 1 }, { "weeks", 7 }, { "week", 7 },
	};
	size_t i;

	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t n = strlen(units[i].word);

		if (strncasecmp(*s, units[i].word, n) == 0) {
			*s += n;
			return units[i].days;
		}
	}
	return 0;
}

/*
 * The words: "now"; "today", "yesterday" or "tomorrow"; "N days ago",
 * "N weeks ago", "in N days", "in N weeks" (N up to TIME_DAYS_MAX days);
 * each but "now" with an optional " HH:MM".  1 if s is none of them, -1
 * if it is one with a time that cannot be (25:00, 9:00).
 */
static int
parse_words(const char *s, time_t now, struct tdate *out)
{
	static const struct {
		const char *word;
		int days;               /* after today */
	} days[] = {
		{ "today", 0 }, { "yesterday", -1 }, { "tomorrow", 1 },
	};
	long n, sign = -1;
	size_t i;
	int per;

	if (strcasecmp(s, "now") == 0) {
		days_before(now, 0, out);
		return 0;
	}
	for (i = 0; i < sizeof days / sizeof days[0]; i++) {
		size_t len = strlen(days[i].word);

		if (strncasecmp(s, days[i].word, len) != 0 ||
		    (s[len] != '\0' && s[len] != ' '))
			continue;
		days_before(now, -days[i].days, out);
		if (s[len] == '\0')
			return 0;
		return parse_clock(s + len + 1, out) == 0 ? 0 : -1;
	}
	if (strncasecmp(s, "in ", 3) == 0) {
		s += 3;
		sign = 1;
	}
	if (count(&s, &n) != 0 || *s++ != ' ' || (per = unit(&s)) == 0)
		return 1;
	if (sign < 0) {
		if (strncasecmp(s, " ago", 4) != 0)
			return 1;
		s += 4;
	}
	if ((*s != '\0' && *s != ' ') || n * per > TIME_DAYS_MAX)
		return 1;
	days_before(now, -sign * n * per, out);
	if (*s == '\0')
		return 0;
	return parse_clock(s + 1, out) == 0 ? 0 : -1;
}

int
time_parse(const char *s, time_t now, struct tdate *out, struct err *e)
{
	int rc = parse_words(s, now, out);

	if (rc == 0)
		return 0;
	if (rc < 0)
		return err_set(e, "there is no such time as '%s'", s);
	if (parse_absolute(s, out) != 0)
		return err_set(e, "cannot read the date '%s' (use YYYY-MM-DD, "
		    "YYYY-MM-DD HH:MM, yesterday, tomorrow 14:00, 3 days ago "
		    "or in 2 weeks)", s);
	if (out->y < 1900 || out->m < 1 || out->m > 12 || out->d < 1 ||
	    out->d > month_days(out->y, out->m) || out->hh > 23 ||
	    out->mm > 59)
		return err_set(e, "there is no such date as '%s'", s);
	return 0;
}

time_t
time_tomorrow(time_t now)
{
	struct tdate d;
	struct tm tm;

	days_before(now, -1, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = d.hh;
	tm.tm_min = d.mm;
	tm.tm_sec = d.ss;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static time_t
local_mktime(int y, int m, int d, int hh, int mm, int ss)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
tdate_moment(const struct tdate *d)
{
	if (!d->has_time)
		return local_mktime(d->y, d->m, d->d, 12, 0, 0);
	return local_mktime(d->y, d->m, d->d, d->hh, d->mm, d->ss);
}

time_t
tdate_day_start(const struct tdate *d)
{
	return local_mktime(d->y, d->m, d->d, 0, 0, 0);
}

time_t
tdate_day_end(const struct tdate *d)
{
	return local_mktime(d->y, d->m, d->d + 1, 0, 0, 0);
}

int
time_offset(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return (int)(tm.tm_gmtoff / 60);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static long
local_day(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

long
time_days_between(time_t a, time_t b)
{
	return local_day(b) - local_day(a);
}

void
time_format_local(time_t t, char *buf, size_t n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void
time_format_iso(time_t t, int off, char *buf, size_t n)
{
	struct tm tm;
	time_t shifted = t + (time_t)off * 60;
	int a = off < 0 ? -off : off;
	char day[24];

	gmtime_r(&shifted, &tm);
	strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%s%c%02d:%02d", day, off < 0 ? '-' : '+', a / 60,
	    a % 60);
}
