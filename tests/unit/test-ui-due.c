/*
 * test-ui-due.c: which questionnaires are due, by hand-worked cases:
 * nothing before any session, a first one once treatment has begun, the
 * one for the start of treatment, a week after the latest medicine
 * session (counted in calendar days, one taken from day 5 on counts,
 * later sessions ignored), every N weeks after the last one, and each
 * rule switched off; the sentence the home screen shows; the schedules
 * kept in the journal.  Runs in UTC so that days are fixed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"
#include "ui/due.h"

#define DAY 86400L
#define HOUR 3600L
#define NOW 1796472000L         /* 2026-12-05 12:00 UTC */
#define AGO(d) (NOW - (d) * DAY)

enum { PCL, PHQ, GAD, WHO, NINST };

static struct due_input in[NINST];

static void
is_str(const char *got, const char *want, const char *what)
{
	ok(strcmp(got, want) == 0, "%s", what);
	if (strcmp(got, want) != 0)
		tap_diag("got '%s', wanted '%s'", got, want);
}

/* The four instruments with the built-in schedules, never taken. */
static void
reset(void)
{
	static const char *const names[NINST] = {
		"PCL-5", "PHQ-9", "GAD-7", "WHO-5",
	};
	int i;

	for (i = 0; i < NINST; i++) {
		in[i].name = names[i];
		due_rule_default(names[i], &in[i].rule);
		in[i].last = 0;
	}
}

/* What is due, as "NAME:why[:K or weeks] ..." ("" when nothing). */
static const char *
due_at(const struct timeline_point *ss, size_t n, time_t now)
{
	static const char *const why[] = {
		[DUE_PREPARATION] = "prep", [DUE_AFTER_MEDICINE] = "med",
		[DUE_FIRST] = "first", [DUE_AGAIN] = "again",
	};
	static char buf[256];
	struct due d[NINST];
	size_t k, i, o = 0;

	k = due_list(ss, n, in, NINST, now, d);
	buf[0] = '\0';
	for (i = 0; i < k; i++) {
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s:%s",
		    i ? " " : "", in[d[i].index].name, why[d[i].why]);
		if (d[i].why == DUE_AFTER_MEDICINE)
			o += (size_t)snprintf(buf + o, sizeof buf - o, ":%d",
			    d[i].medicine_no);
		if (d[i].why == DUE_AGAIN)
			o += (size_t)snprintf(buf + o, sizeof buf - o, ":%ld",
			    d[i].weeks);
	}
	return buf;
}

static void
test_defaults(void)
{
	struct due_rule r;

	due_rule_default("PCL-5", &r);
	ok(r.every_weeks == 4 && r.treatment == 1,
	    "PCL-5: every 4 weeks and around the sessions");
	due_rule_default("PHQ-9", &r);
	ok(r.every_weeks == 2 && r.treatment == 0, "PHQ-9: every 2 weeks");
	due_rule_default("GAD-7", &r);
	ok(r.every_weeks == 2 && r.treatment == 0, "GAD-7: every 2 weeks");
	due_rule_default("WHO-5", &r);
	ok(r.every_weeks == 0 && r.treatment == 0, "WHO-5: off");
	due_rule_default("My own scale", &r);
	ok(r.every_weeks == 0 && r.treatment == 0, "a therapist's file: off");
}

static void
test_start(void)
{
	struct timeline_point prep = { AGO(3), SESSION_PREPARATION };
	struct timeline_point later = { NOW + 2 * DAY, SESSION_PREPARATION };
	struct timeline_point other = { AGO(1), SESSION_OTHER };

	reset();
	is_str(due_at(NULL, 0, NOW), "", "no session yet: nothing is due");
	is_str(due_at(&later, 1, NOW), "",
	    "a session planned for later does not count");
	is_str(due_at(&prep, 1, NOW),
	    "PCL-5:prep PHQ-9:first GAD-7:first",
	    "after a preparation session: PCL-5 for the start, a first "
	    "PHQ-9 and GAD-7; WHO-5 is off");
	is_str(due_at(&other, 1, NOW), "PCL-5:first PHQ-9:first GAD-7:first",
	    "after another kind of session: a first one of each on");

	in[PCL].last = AGO(2);          /* after the preparation session */
	in[PHQ].last = AGO(2);
	in[GAD].last = AGO(13);         /* 13 days: not yet two weeks */
	is_str(due_at(&prep, 1, NOW), "",
	    "taken since the preparation session: nothing is due");
	in[PCL].last = AGO(4);          /* a day before it */
	is_str(due_at(&prep, 1, NOW), "PCL-5:prep",
	    "PCL-5 taken before the first preparation session is due again");
	in[PCL].rule.treatment = 0;
	is_str(due_at(&prep, 1, NOW), "",
	    "with the treatment reminder off, 4 weeks must pass");
}

static void
test_medicine(void)
{
	struct timeline_point ss[4] = {
		{ AGO(8), SESSION_MEDICINE },
		{ AGO(30), SESSION_PREPARATION },
		{ NOW + 20 * DAY, SESSION_MEDICINE },   /* planned: ignored */
		{ AGO(40), SESSION_MEDICINE },
	};

	reset();
	in[PHQ].rule.every_weeks = 0;
	in[GAD].rule.every_weeks = 0;
	in[PCL].last = AGO(20);         /* after preparation, before M2 */
	is_str(due_at(ss, 4, NOW), "PCL-5:med:2",
	    "8 days after medicine session 2 (given out of order): due");
	is_str(due_at(ss, 4, NOW - 2 * DAY), "",
	    "6 days after it: not yet");
	/* 7 calendar days: 23:00 on day 0, 00:30 on day 7. */
	ss[0].time = AGO(8) + 11 * HOUR;        /* 23:00, 8 days ago */
	is_str(due_at(ss, 4, AGO(1) - 11 * HOUR - 30 * 60),
	    "PCL-5:med:2", "7 calendar days, under 7 times 24 hours: due");
	is_str(due_at(ss, 4, AGO(1) - 12 * HOUR - 30 * 60), "",
	    "the evening before: not yet");
	ss[0].time = AGO(8);
	in[PCL].last = AGO(3);          /* day 5 after it */
	is_str(due_at(ss, 4, NOW), "", "one taken on day 5 after it counts");
	in[PCL].last = AGO(4);          /* day 4 */
	is_str(due_at(ss, 4, NOW), "PCL-5:med:2",
	    "one taken on day 4 is too early to count");
	in[PCL].rule.treatment = 0;
	is_str(due_at(ss, 4, NOW), "",
	    "with the treatment reminder off, none a week after");
	in[PCL].rule.treatment = 1;
	in[PCL].rule.every_weeks = 0;
	is_str(due_at(ss, 4, NOW), "PCL-5:med:2",
	    "without the regular one, still a week after");
	in[PCL].last = 0;
	is_str(due_at(ss, 4, NOW), "PCL-5:med:2",
	    "never taken: the week after medicine comes first");
	ss[0].kind = SESSION_INTEGRATION;
	is_str(due_at(ss, 4, NOW), "PCL-5:med:1",
	    "with one medicine session, 40 days on: medicine session 1");
}

static void
test_every(void)
{
	struct timeline_point ss[1] = { { AGO(100), SESSION_INTEGRATION } };

	reset();
	in[PCL].last = AGO(27);
	in[PHQ].last = AGO(14);
	in[GAD].last = AGO(13);
	is_str(due_at(ss, 1, NOW), "PHQ-9:again:2",
	    "PCL-5 at 27 days (every 28), PHQ-9 at 14 (due), GAD-7 at 13");
	in[PCL].last = AGO(28);
	in[GAD].last = AGO(45);
	is_str(due_at(ss, 1, NOW), "PCL-5:again:4 PHQ-9:again:2 "
	    "GAD-7:again:6", "28 days; 45 days is 6 whole weeks");
	in[PHQ].rule.every_weeks = 0;
	in[GAD].rule.every_weeks = 26;
	is_str(due_at(ss, 1, NOW), "PCL-5:again:4",
	    "off, and every 26 weeks, are not due");
	in[WHO].rule.every_weeks = 1;
	is_str(due_at(ss, 1, NOW), "PCL-5:again:4 WHO-5:first",
	    "WHO-5 switched on and never taken: due");
	in[WHO].last = NOW - HOUR;
	is_str(due_at(ss, 1, NOW), "PCL-5:again:4",
	    "taken an hour ago: not due");
}

static void
test_text(void)
{
	struct due d[3];
	char buf[200];

	reset();
	memset(d, 0, sizeof d);
	d[0].index = PCL;
	d[0].why = DUE_AFTER_MEDICINE;
	d[0].medicine_no = 2;
	due_text(d, 1, in, buf, sizeof buf);
	is_str(buf, "PCL-5 is due, a week after medicine session 2. Press m "
	    "when ready.", "one due, a week after a session");
	d[0].why = DUE_PREPARATION;
	due_text(d, 1, in, buf, sizeof buf);
	is_str(buf, "PCL-5 is due, for the start of your treatment. Press m "
	    "when ready.", "one due at the start");
	d[0].why = DUE_FIRST;
	due_text(d, 1, in, buf, sizeof buf);
	is_str(buf, "PCL-5 is due, a first one to compare later ones with. "
	    "Press m when ready.", "a first one due");
	d[0].why = DUE_AGAIN;
	d[0].weeks = 5;
	due_text(d, 1, in, buf, sizeof buf);
	is_str(buf, "PCL-5 is due, 5 weeks since the last one. Press m when "
	    "ready.", "one due again");
	d[1].index = PHQ;
	due_text(d, 2, in, buf, sizeof buf);
	is_str(buf, "Questionnaires due: PCL-5 and PHQ-9. Press m when ready.",
	    "two due");
	d[2].index = GAD;
	due_text(d, 3, in, buf, sizeof buf);
	is_str(buf, "Questionnaires due: PCL-5, PHQ-9 and GAD-7. Press m when "
	    "ready.", "three due");
	due_text(d, 3, in, buf, 24);
	ok(strlen(buf) == 23, "a short buffer is filled, not overrun");
}

static void
test_store(void)
{
	struct due_rule r;
	struct store *s;
	struct vault *v;
	struct err e;
	int w = -1, t = -1;

	v = test_new_vault(test_path("due.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	ok(store_remind_get(s, "PCL-5", &w, &t) == 0 && w == -1,
	    "a new journal keeps no schedule");
	due_rule_load(s, "PCL-5", &r);
	ok(r.every_weeks == 4 && r.treatment == 1, "so the default holds");
	r.every_weeks = 6;
	r.treatment = 0;
	ok(due_rule_save(s, "PCL-5", &r, &e) == 0, "save PCL-5 every 6 weeks");
	r.every_weeks = 0;
	ok(due_rule_save(s, "PHQ-9", &r, &e) == 0, "save PHQ-9 off");
	due_rule_load(s, "PCL-5", &r);
	ok(r.every_weeks == 6 && r.treatment == 0, "PCL-5 reads back");
	due_rule_load(s, "PHQ-9", &r);
	ok(r.every_weeks == 0 && r.treatment == 0, "PHQ-9 reads back off");
	due_rule_load(s, "GAD-7", &r);
	ok(r.every_weeks == 2, "GAD-7 keeps its default");
	ok(store_remind_set(s, "GAD-7", 27, 0, &e) == -1 &&
	    strstr(e.msg, "26 weeks") != NULL,
	    "27 weeks is refused in one sentence");
	ok(store_remind_set(s, "", 2, 0, &e) == -1, "an empty name is refused");
	due_rule_load(s, "GAD-7", &r);
	ok(r.every_weeks == 2, "and nothing was written");
	store_close(s);
	vault_close(v);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	test_init();
	test_defaults();
	test_start();
	test_medicine();
	test_every();
	test_text();
	test_store();
	return tap_done();
}
