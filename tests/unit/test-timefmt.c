/*
 * test-timefmt.c: date parsing, local times, and UTF-8 checks (util).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"

int
main(void)
{
	static const struct {
		const char *in;
		int ok;
		int y, m, d, hh, mm, has_time;
	} dates[] = {
		{ "2026-03-01", 1, 2026, 3, 1, 0, 0, 0 },
		{ "2026-03-01 07:30", 1, 2026, 3, 1, 7, 30, 1 },
		{ "2024-02-29", 1, 2024, 2, 29, 0, 0, 0 },
		{ "2026-12-31 23:59", 1, 2026, 12, 31, 23, 59, 1 },
		{ "today", 1, 2026, 11, 26, 15, 4, 1 },
		{ "now", 1, 2026, 11, 26, 15, 4, 1 },
		{ "yesterday", 1, 2026, 11, 25, 15, 4, 1 },
		{ "3 days ago", 1, 2026, 11, 23, 15, 4, 1 },
		{ "1 day ago", 1, 2026, 11, 25, 15, 4, 1 },
		{ "30 days ago", 1, 2026, 10, 27, 15, 4, 1 },
		{ "0 days ago", 1, 2026, 11, 26, 15, 4, 1 },
		{ "2026-02-30", 0, 0, 0, 0, 0, 0, 0 },
		{ "2025-02-29", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-04-31", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-13-01", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-00-10", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-01-00", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-01-01 24:00", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-01-01 12:60", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-1-1", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-01-01x", 0, 0, 0, 0, 0, 0, 0 },
		{ "2026-01-01 7:30", 0, 0, 0, 0, 0, 0, 0 },
		{ "", 0, 0, 0, 0, 0, 0, 0 },
		{ "tomorrow", 1, 2026, 11, 27, 15, 4, 1 },
		{ "Tomorrow", 1, 2026, 11, 27, 15, 4, 1 },
		{ "tomorrow 14:00", 1, 2026, 11, 27, 14, 0, 1 },
		{ "yesterday 08:30", 1, 2026, 11, 25, 8, 30, 1 },
		{ "today 23:59", 1, 2026, 11, 26, 23, 59, 1 },
		{ "2 weeks ago", 1, 2026, 11, 12, 15, 4, 1 },
		{ "1 week ago", 1, 2026, 11, 19, 15, 4, 1 },
		{ "in 3 days", 1, 2026, 11, 29, 15, 4, 1 },
		{ "in 1 day", 1, 2026, 11, 27, 15, 4, 1 },
		{ "in 2 weeks", 1, 2026, 12, 10, 15, 4, 1 },
		{ "in 6 weeks", 1, 2027, 1, 7, 15, 4, 1 },
		{ "5 weeks ago", 1, 2026, 10, 22, 15, 4, 1 },
		{ "in 0 days", 1, 2026, 11, 26, 15, 4, 1 },
		{ "2 days ago 09:00", 1, 2026, 11, 24, 9, 0, 1 },
		{ "in 1 week 10:30", 1, 2026, 12, 3, 10, 30, 1 },
		{ "2 days ago 9:00", 0, 0, 0, 0, 0, 0, 0 },
		{ "in 1 week 10:30x", 0, 0, 0, 0, 0, 0, 0 },
		{ "tomorrow 24:00", 0, 0, 0, 0, 0, 0, 0 },
		{ "tomorrow 9:00", 0, 0, 0, 0, 0, 0, 0 },
		{ "tomorrow at 14:00", 0, 0, 0, 0, 0, 0, 0 },
		{ "tomorrowx", 0, 0, 0, 0, 0, 0, 0 },
		{ "now 12:00", 0, 0, 0, 0, 0, 0, 0 },
		{ "in 3 days ago", 0, 0, 0, 0, 0, 0, 0 },
		{ "3 days", 0, 0, 0, 0, 0, 0, 0 },
		{ "in 3", 0, 0, 0, 0, 0, 0, 0 },
		{ "in -3 days", 0, 0, 0, 0, 0, 0, 0 },
		{ "in 3 months", 0, 0, 0, 0, 0, 0, 0 },
		{ "3 weeks agox", 0, 0, 0, 0, 0, 0, 0 },
		{ "5215 weeks ago", 0, 0, 0, 0, 0, 0, 0 },
		{ "in 1234567 days", 0, 0, 0, 0, 0, 0, 0 },
		{ "-3 days ago", 0, 0, 0, 0, 0, 0, 0 },
		{ "three days ago", 0, 0, 0, 0, 0, 0, 0 },
		{ "99999 days ago", 0, 0, 0, 0, 0, 0, 0 },
	};
	static const struct {
		const char *s;
		int valid;
	} utf8[] = {
		{ "plain", 1 },
		{ "Tr\xc3\xa4ume", 1 },
		{ "\xe2\x82\xac \xf0\x9f\x8c\x8a", 1 },
		{ "\xc3", 0 },                  /* cut short */
		{ "\xc0\x80", 0 },              /* overlong NUL */
		{ "\xe0\x80\xaf", 0 },          /* overlong slash */
		{ "\xed\xa0\x80", 0 },          /* surrogate */
		{ "\xf4\x90\x80\x80", 0 },      /* above U+10FFFF */
		{ "\xff", 0 },
		{ "a\x80", 0 },                 /* stray continuation */
	};
	struct tdate d;
	struct err e;
	struct tm tm;
	time_t now, t;
	char buf[64];
	size_t i, n;
	char *json;

	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 126;
	tm.tm_mon = 10;
	tm.tm_mday = 26;
	tm.tm_hour = 15;
	tm.tm_min = 4;
	tm.tm_isdst = -1;
	now = mktime(&tm);

	for (i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		int rc = time_parse(dates[i].in, now, &d, &e);

		if (!dates[i].ok) {
			ok(rc == -1 && strstr(e.msg, dates[i].in) != NULL,
			    "'%s' refused, naming it: %s", dates[i].in,
			    rc ? e.msg : "");
			continue;
		}
		ok(rc == 0 && d.y == dates[i].y && d.m == dates[i].m &&
		    d.d == dates[i].d && d.has_time == dates[i].has_time &&
		    (!d.has_time || (d.hh == dates[i].hh &&
		    d.mm == dates[i].mm)), "'%s' -> %04d-%02d-%02d %02d:%02d",
		    dates[i].in, d.y, d.m, d.d, d.hh, d.mm);
	}

	time_parse("2026-03-01", now, &d, &e);
	t = tdate_moment(&d);
	time_format_local(t, buf, sizeof buf);
	ok(strcmp(buf, "2026-03-01 12:00") == 0, "a day alone is noon: %s", buf);
	ok(tdate_day_end(&d) - tdate_day_start(&d) == 86400, "a day is 24 h");
	time_parse("2026-03-29", now, &d, &e);
	ok(tdate_day_end(&d) - tdate_day_start(&d) == 23 * 3600,
	    "the spring-forward day is 23 h");
	ok(time_offset(t) == 60, "offset in winter: +60 min");
	time_format_iso(t, time_offset(t), buf, sizeof buf);
	ok(strcmp(buf, "2026-03-01T12:00:00+01:00") == 0, "iso: %s", buf);
	time_format_iso(t, -330, buf, sizeof buf);
	ok(strcmp(buf, "2026-03-01T05:30:00-05:30") == 0,
	    "iso at a negative half-hour offset: %s", buf);
	time_parse("2026-07-01 10:00", now, &d, &e);
	ok(time_offset(tdate_moment(&d)) == 120, "offset in summer: +120 min");
	time_parse("2026-03-01 23:30", now, &d, &e);
	t = tdate_moment(&d);
	time_parse("2026-03-02 00:30", now, &d, &e);
	ok(time_days_between(t, tdate_moment(&d)) == 1,
	    "an hour across midnight is one day");
	ok(time_days_between(tdate_moment(&d), t) == -1, "and back is -1");

	/* A day ahead is the same clock time tomorrow, even across the
	 * autumn change (25 h) and the spring one (23 h). */
	ok(time_tomorrow(now) - now == 86400, "tomorrow is 24 h ahead");
	time_parse("2026-10-24 10:00", now, &d, &e);
	t = tdate_moment(&d);
	ok(time_tomorrow(t) - t == 25 * 3600, "across the autumn change: 25 h");
	time_parse("tomorrow", t, &d, &e);
	ok(tdate_moment(&d) == time_tomorrow(t), "'tomorrow' is that moment");
	time_parse("2026-03-28 10:00", now, &d, &e);
	t = tdate_moment(&d);
	ok(time_tomorrow(t) - t == 23 * 3600, "across the spring change: 23 h");

	for (i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
		ok(utf8_valid(utf8[i].s, strlen(utf8[i].s)) == utf8[i].valid,
		    "utf8_valid case %zu", i);
	ok(!utf8_valid("a\0b", 3), "a NUL byte is refused");
	ok(utf8_blank(" \t\r\n") && !utf8_blank(" x "), "utf8_blank");
	utf8_first_line("\n  Tr\xc3\xa4ume am Meer\nzweite", 6, buf,
	    sizeof buf);
	ok(strcmp(buf, "Tr\xc3\xa4ume...") == 0, "first line cut by "
	    "characters: %s", buf);
	utf8_first_line("short", 50, buf, sizeof buf);
	ok(strcmp(buf, "short") == 0, "a short line is whole");

	/* Text from a bundle on a terminal: no ESC, no C1, no DEL. */
	snprintf(buf, sizeof buf, "%s", "a\x1b[2Jb\x7f\xc2\x9b" "c\td\ne\xff");
	n = utf8_clean(buf, 0, 0);
	ok(strcmp(buf, "a[2Jbc d e") == 0 && n == strlen(buf),
	    "controls, C1, DEL and bad bytes go: %s", buf);
	snprintf(buf, sizeof buf, "%s", "one\r\ntwo\x1b]0;x\x07");
	utf8_clean(buf, 1, 0);
	ok(strcmp(buf, "one\ntwo]0;x") == 0, "multiline keeps the newline: %s",
	    buf);
	snprintf(buf, sizeof buf, "%s", "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4");
	utf8_clean(buf, 0, 3);
	ok(strcmp(buf, "\xc3\xa4\xc3\xa4\xc3\xa4") == 0, "cut after 3 "
	    "characters, never inside one");
	json = utf8_json_controls("{\"a\":\"x\x7fy\xc2\x85z\xc3\xa4\x9b\"}");
	ok(strcmp(json, "{\"a\":\"x\\u007fy\\u0085z\xc3\xa4\\ufffd\"}") == 0,
	    "JSON: DEL and C1 escaped, a bad byte is U+FFFD: %s", json);
	free(json);
	return tap_done();
}
