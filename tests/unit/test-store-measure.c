/*
 * test-store-measure.c: questionnaires.  The built-in PCL-5, PHQ-9,
 * GAD-7 and WHO-5 scored against worked examples added up by hand below
 * (totals, subscales, bands, flags, the PCL-5 item rule and cut-off, the
 * WHO-5 percentage, the change wording); the questionnaire file parser
 * (a good file, every mistake reported with its line, the hard bounds);
 * and the store: adding a definition, taking it, responses oldest first
 * with the change from the one before, flags, sharing, versions, JSON.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/measure.h"
#include "tend/store.h"
#include "tend/vault.h"

#include <sqlite3.h>

#define DAY 86400
#define T0 1767225600           /* 2026-01-01 00:00 UTC */

static struct vault *v;

static void
is_str(const char *got, const char *want, const char *what)
{
	ok(got != NULL && strcmp(got, want) == 0, "%s", what);
	if (got == NULL || strcmp(got, want) != 0)
		tap_diag("got  '%s'\nwant '%s'", got ? got : "(null)", want);
}

static void
is_int(long long got, long long want, const char *what)
{
	ok(got == want, "%s", what);
	if (got != want)
		tap_diag("got %lld, want %lld", got, want);
}

static struct measure_def *
builtin(struct store *s, const char *name)
{
	struct measure_def *d = NULL;
	struct err e;

	if (store_measure_get(s, name, &d, &e) != 0)
		tap_diag("%s: %s", name, e.msg);
	return d;
}

/* ---- the built-ins ---- */

static void
test_pcl5(struct store *s)
{
	/* B 3+2+0+1+1 = 7, C 2+0 = 2, D 0+2+3+1+0+0+2 = 8,
	 * E 1+0+3+2+1+2 = 9; total 26.  Rated 2 or more: B items 1, 2;
	 * C item 6; D items 9, 10, 14; E items 17, 18, 20: the rule (1 B,
	 * 1 C, 2 D, 2 E) is met although the total is below 31. */
	static const int a[20] = { 3, 2, 0, 1, 1, 2, 0, 0, 2, 3, 1, 0, 0, 2,
		1, 0, 3, 2, 1, 2 };
	/* Everything 4 but C (items 6, 7) at 1: total 20+2+28+24 = 74, no C
	 * item at 2 or more, so the rule is not met; above the range. */
	static const int b[20] = { 4, 4, 4, 4, 4, 1, 1, 4, 4, 4, 4, 4, 4, 4,
		4, 4, 4, 4, 4, 4 };
	/* Items 1-12 at 2, 13-20 at 1: 24 + 8 = 32, inside 31-33; E has no
	 * item at 2, so not met. */
	static const int c[20] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1,
		1, 1, 1, 1, 1, 1 };
	struct measure_def *d = builtin(s, "pcl-5");
	struct measure_score sc;
	char buf[300];
	struct err e;

	if (d == NULL) {
		ok(0, "PCL-5 is built in");
		return;
	}
	is_str(d->name, "PCL-5", "PCL-5 found by its name in any case");
	is_int(d->nitems, 20, "PCL-5 has 20 items");
	is_int(d->scale_max, 4, "answered 0-4");
	is_str(d->scale_labels[0], "Not at all", "0 is Not at all");
	is_str(d->scale_labels[4], "Extremely", "4 is Extremely");
	is_str(d->items[16], "Being \"superalert\" or watchful or on guard?",
	    "item 17 word for word");
	is_str(d->time_frame, "In the past month, how much were you bothered "
	    "by:", "the time frame");
	ok(strstr(d->attribution, "National Center for PTSD") != NULL &&
	    strstr(d->attribution, "public domain") != NULL,
	    "attribution names the National Center for PTSD");
	is_int(d->total_max, 80, "total 0-80");

	ok(measure_score(d, a, 20, &sc, &e) == 0, "score example A");
	is_int(sc.total, 26, "A: total 26");
	is_int(sc.nsub, 4, "four clusters");
	is_str(sc.sub[0].name, "B", "cluster B first");
	is_int(sc.sub[0].score, 7, "A: B = 7");
	is_int(sc.sub[1].score, 2, "A: C = 2");
	is_int(sc.sub[2].score, 8, "A: D = 8");
	is_int(sc.sub[3].score, 9, "A: E = 9");
	is_int(sc.sub[2].max, 28, "D counts 7 items, at most 28");
	is_int(sc.criterion, 1, "A: item rule met");
	is_int(sc.cutoff, 0, "A: below the cut-off range");
	ok(sc.band == NULL && sc.fired == 0 && !sc.safety,
	    "PCL-5 has no bands and no flags");

	ok(measure_score(d, b, 20, &sc, &e) == 0, "score example B");
	is_int(sc.total, 74, "B: total 74");
	is_int(sc.sub[1].score, 2, "B: C = 2");
	is_int(sc.criterion, 0, "B: no C item at 2 or more, rule not met");
	is_int(sc.cutoff, 2, "B: above the range");

	ok(measure_score(d, c, 20, &sc, &e) == 0, "score example C");
	is_int(sc.total, 32, "C: total 32");
	is_int(sc.cutoff, 1, "C: within 31-33");
	is_int(sc.criterion, 0, "C: no E item at 2 or more");

	measure_change_text(d, 40, 28, buf, sizeof buf);
	is_str(buf, "12 points lower than the time before: a change of 10 "
	    "points or more is commonly read as a meaningful change",
	    "change of 12 points");
	measure_change_text(d, 30, 40, buf, sizeof buf);
	is_str(buf, "10 points higher than the time before: a change of 10 "
	    "points or more is commonly read as a meaningful change",
	    "10 points is meaningful");
	measure_change_text(d, 30, 39, buf, sizeof buf);
	is_str(buf, "9 points higher than the time before: a small change",
	    "9 points is a small change");
	measure_change_text(d, 30, 35, buf, sizeof buf);
	is_str(buf, "5 points higher than the time before: a small change",
	    "5 points is a small change");
	measure_change_text(d, 40, 36, buf, sizeof buf);
	is_str(buf, "4 points lower than the time before: under 5 points, "
	    "within day-to-day variation", "4 points is noise");
	measure_change_text(d, 41, 40, buf, sizeof buf);
	is_str(buf, "1 point lower than the time before: under 5 points, "
	    "within day-to-day variation", "1 point, singular");
	measure_change_text(d, 20, 20, buf, sizeof buf);
	is_str(buf, "the same total as the time before", "no change");

	ok(measure_score(d, a, 19, &sc, &e) == -1 &&
	    strcmp(e.msg, "PCL-5 has 20 items; 19 answers were given") == 0,
	    "a wrong count is refused");
	{
		int bad[20];

		memcpy(bad, a, sizeof bad);
		bad[6] = 5;
		ok(measure_score(d, bad, 20, &sc, &e) == -1 &&
		    strcmp(e.msg, "the answer to item 7 must be from 0 to "
		    "4") == 0, "an answer out of range names its item");
	}
	measure_def_free(d);
}

static void
test_phq9(struct store *s)
{
	/* 1+2+1+0+3+1+2+0+1 = 11: moderate; item 9 is 1. */
	static const int a[9] = { 1, 2, 1, 0, 3, 1, 2, 0, 1 };
	/* 3*6 + 2 + 2 + 0 = 22: severe, item 9 at 0. */
	static const int b[9] = { 3, 3, 3, 3, 3, 3, 2, 2, 0 };
	static const struct {
		int a[9];
		int total;
		const char *band;
	} edges[] = {
		{ { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, "minimal" },
		{ { 2, 2, 0, 0, 0, 0, 0, 0, 0 }, 4, "minimal" },
		{ { 2, 2, 1, 0, 0, 0, 0, 0, 0 }, 5, "mild" },
		{ { 3, 3, 3, 0, 0, 0, 0, 0, 0 }, 9, "mild" },
		{ { 3, 3, 3, 1, 0, 0, 0, 0, 0 }, 10, "moderate" },
		{ { 3, 3, 3, 3, 2, 0, 0, 0, 0 }, 14, "moderate" },
		{ { 3, 3, 3, 3, 3, 0, 0, 0, 0 }, 15, "moderately severe" },
		{ { 3, 3, 3, 3, 3, 3, 1, 0, 0 }, 19, "moderately severe" },
		{ { 3, 3, 3, 3, 3, 3, 2, 0, 0 }, 20, "severe" },
		{ { 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 27, "severe" },
	};
	struct measure_def *d = builtin(s, "PHQ-9");
	struct measure_score sc;
	struct err e;
	size_t i;

	if (d == NULL) {
		ok(0, "PHQ-9 is built in");
		return;
	}
	ok(strstr(d->attribution, "Developed by Drs. Robert L. Spitzer, Janet "
	    "B.W. Williams, Kurt Kroenke and colleagues, with an educational "
	    "grant from Pfizer Inc. No permission required to reproduce, "
	    "translate, display or distribute.") != NULL,
	    "PHQ-9 keeps the Pfizer notice");
	is_str(d->items[8], "Thoughts that you would be better off dead or of "
	    "hurting yourself in some way", "item 9 word for word");
	is_str(d->scale_labels[2], "More than half the days", "2 is More than "
	    "half the days");
	ok(measure_score(d, a, 9, &sc, &e) == 0, "score PHQ-9 example A");
	is_int(sc.total, 11, "A: total 11");
	is_str(sc.band, "moderate", "A: moderate");
	ok(sc.fired == 1 && sc.safety == 1, "A: item 9 above 0 sets the "
	    "safety flag");
	ok(measure_score(d, b, 9, &sc, &e) == 0, "score PHQ-9 example B");
	is_int(sc.total, 22, "B: total 22");
	is_str(sc.band, "severe", "B: severe");
	ok(sc.fired == 0 && sc.safety == 0, "B: item 9 at 0, no flag "
	    "whatever the total");
	for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		char what[80];

		ok(measure_score(d, edges[i].a, 9, &sc, &e) == 0 &&
		    sc.total == edges[i].total, "PHQ-9 total %d",
		    edges[i].total);
		snprintf(what, sizeof what, "PHQ-9 %d is %s", edges[i].total,
		    edges[i].band);
		is_str(sc.band, edges[i].band, what);
	}
	is_int(edges[9].a[8] > 0 && measure_score(d, edges[9].a, 9, &sc,
	    &e) == 0 && sc.safety, 1, "27 with item 9 at 3: flagged");
	{
		int bad[9] = { 0, 0, 0, 0, 0, 0, 0, 0, 4 };

		ok(measure_score(d, bad, 9, &sc, &e) == -1 &&
		    strcmp(e.msg, "the answer to item 9 must be from 0 to "
		    "3") == 0, "PHQ-9 answers stop at 3");
	}
	measure_def_free(d);
}

static void
test_gad7_who5(struct store *s)
{
	static const struct {
		int a[7];
		int total;
		const char *band;
	} g[] = {
		{ { 1, 1, 1, 1, 0, 0, 0 }, 4, "minimal" },
		{ { 1, 1, 1, 1, 1, 0, 0 }, 5, "mild" },
		{ { 2, 2, 2, 2, 1, 0, 0 }, 9, "mild" },
		{ { 2, 2, 2, 2, 2, 0, 0 }, 10, "moderate" },
		{ { 3, 3, 3, 3, 2, 0, 0 }, 14, "moderate" },
		{ { 3, 3, 3, 3, 3, 0, 0 }, 15, "severe" },
		{ { 3, 3, 3, 3, 3, 3, 3 }, 21, "severe" },
	};
	/* WHO-5: 3+2+3+2+2 = 12, x4 = 48 <= 50: flagged (not a safety
	 * flag); 3+3+2+2+3 = 13, 52: not flagged; all 5: 25, 100. */
	static const int w1[5] = { 3, 2, 3, 2, 2 };
	static const int w2[5] = { 3, 3, 2, 2, 3 };
	static const int w3[5] = { 5, 5, 5, 5, 5 };
	struct measure_def *d = builtin(s, "GAD-7");
	struct measure_score sc;
	struct err e;
	size_t i;

	if (d == NULL) {
		ok(0, "GAD-7 is built in");
		return;
	}
	is_int(d->nitems, 7, "GAD-7 has 7 items");
	is_str(d->items[6], "Feeling afraid, as if something awful might "
	    "happen", "GAD-7 item 7 word for word");
	ok(strstr(d->attribution, "Pfizer Inc. No permission required") !=
	    NULL, "GAD-7 keeps the Pfizer notice");
	for (i = 0; i < sizeof g / sizeof g[0]; i++) {
		char what[80];

		ok(measure_score(d, g[i].a, 7, &sc, &e) == 0 &&
		    sc.total == g[i].total, "GAD-7 total %d", g[i].total);
		snprintf(what, sizeof what, "GAD-7 %d is %s", g[i].total,
		    g[i].band);
		is_str(sc.band, g[i].band, what);
	}
	measure_def_free(d);

	if ((d = builtin(s, "who-5")) == NULL) {
		ok(0, "WHO-5 is built in");
		return;
	}
	is_int(d->scale_max, 5, "WHO-5 answers 0-5");
	is_str(d->scale_labels[5], "All of the time", "5 is All of the time");
	is_str(d->scale_labels[0], "At no time", "0 is At no time");
	is_str(d->items[3], "I woke up feeling fresh and rested",
	    "WHO-5 item 4 word for word");
	ok(strstr(d->attribution, "Psychiatric Centre North Zealand") !=
	    NULL && strstr(d->attribution, "1998") != NULL,
	    "WHO-5 cites its source");
	ok(measure_score(d, w1, 5, &sc, &e) == 0, "score WHO-5 12");
	is_int(sc.total, 12, "raw 12");
	is_int(sc.scaled, 48, "percentage 48");
	ok(sc.fired == 1 && !sc.safety, "48 is flagged, not as safety");
	ok(measure_score(d, w2, 5, &sc, &e) == 0 && sc.total == 13 &&
	    sc.scaled == 52 && sc.fired == 0, "13 -> 52, not flagged");
	ok(measure_score(d, w3, 5, &sc, &e) == 0 && sc.total == 25 &&
	    sc.scaled == 100, "25 -> 100");
	measure_def_free(d);
}

static void
test_list_builtins(struct store *s)
{
	char *json = NULL;
	struct err e;

	ok(store_measure_list_json(s, &json, &e) == 0, "list as JSON");
	ok(json != NULL && strstr(json, "\"name\":\"PCL-5\"") != NULL &&
	    strstr(json, "\"name\":\"WHO-5\"") != NULL &&
	    strstr(json, "C-SSRS") == NULL, "built-ins listed, no C-SSRS");
	ok(json != NULL && test_int(v, "SELECT 1") == 1, "vault usable");
	free(json);
}

/* ---- the file format ---- */

static const char good[] =
    "# A short check of sleep, written by a therapist.\n"
    "format: tend-questionnaire 1\n"
    "name: Sleep-3\n"
    "title: Three questions on sleep\n"
    "time frame: In the past week\n"
    "instructions: Choose the number that fits best.\n"
    "instructions: There are no wrong answers.\n"
    "attribution: Written for this practice, 2026.\n"
    "scale 0: never\n"
    "scale 1: sometimes\n"
    "scale 2: often\r\n"
    "item: I slept badly\n"
    "item: I woke up at night: more than once\n"
    "item: I was tired in the day\n"
    "score: sum\n"
    "subscale night waking at night: 1, 2\n"
    "subscale day: 3\n"
    "band 0: little trouble\n"
    "band 3: some trouble\n"
    "band 5: much trouble\n"
    "flag item 2 >= 2: waking often\n"
    "safety total = 6: every answer at its highest\n"
    "flag subscale night > 3: nights are hard\n"
    "criterion 2 night=1 day=1: both night and day affected\n"
    "cutoff 4: 4 or more is worth talking about\n"
    "change 0: about the same\n"
    "change 2: a clear change\n"
    "multiply 10: out of 60\n";

static void
test_parse_good(void)
{
	static const int a[3] = { 2, 2, 1 };
	struct measure_def *d = NULL;
	struct measure_score sc;
	char *problems = NULL, buf[200];
	struct err e;
	int n;

	n = measure_def_parse("sleep.txt", good, strlen(good), &d, &problems);
	is_int(n, 0, "a good file parses");
	if (n != 0 || d == NULL) {
		tap_diag("%s", problems ? problems : "");
		free(problems);
		return;
	}
	ok(problems == NULL, "no problems text for a good file");
	is_str(d->name, "Sleep-3", "name");
	is_str(d->instructions, "Choose the number that fits best.\nThere "
	    "are no wrong answers.", "instruction lines joined");
	is_str(d->items[1], "I woke up at night: more than once",
	    "a colon inside an item stays");
	is_str(d->scale_labels[2], "often", "CR before LF is dropped");
	is_str(d->subscales[0].label, "waking at night", "subscale label");
	is_int(d->total_max, 6, "3 items of 0-2: at most 6");
	is_int(strlen(d->hash), 16, "a 16-digit version hash");
	ok(measure_score(d, a, 3, &sc, &e) == 0, "score it");
	/* 2+2+1 = 5: band "much trouble"; item 2 at 2 fires flag 0; total
	 * 5 is not 6; subscale night 4 > 3 fires flag 2; criterion: night
	 * has items at 2, day's item is 1 -> not met; cutoff 4: above. */
	is_int(sc.total, 5, "total 5");
	is_int(sc.scaled, 50, "times 10");
	is_str(sc.band, "much trouble", "band from 5");
	is_int(sc.fired, 1 | 4, "flags 1 and 3 fire, the safety one not");
	is_int(sc.safety, 0, "no safety flag");
	is_int(sc.criterion, 0, "criterion not met");
	is_int(sc.cutoff, 2, "above a single cut-off");
	measure_change_text(d, 5, 3, buf, sizeof buf);
	is_str(buf, "2 points lower than the time before: a clear change",
	    "the file's change wording");
	measure_def_free(d);
}

static void
test_parse_bad(void)
{
	static const char bad[] =
	    "name: Bad One\n"                           /* 1 */
	    "format: tend-questionnaire 2\n"            /* 2 */
	    "title: Bad\n"                              /* 3 */
	    "scale 0: no\n"                             /* 4 */
	    "scale 2: yes\n"                            /* 5 */
	    "item: first\n"                             /* 6 */
	    "item:\n"                                   /* 7 */
	    "colour: red\n"                             /* 8 */
	    "band 1: low\n"                             /* 9 */
	    "flag item 7 > 0: no such item\n"           /* 10 */
	    "flag total ~ 3: odd operator\n"            /* 11 */
	    "subscale A: 1-3\n"                         /* 12 */
	    "just words\n"                              /* 13 */
	    "title: again\n"                            /* 14 */
	    "score: mean\n";                            /* 15 */
	const char *want =
	    "bad.txt:1: a name is 1-24 letters, digits, '-', '_' or '.', "
	    "starting with a letter or digit\n"
	    "bad.txt:2: this tend reads 'format: tend-questionnaire 1' only\n"
	    "bad.txt:2: the format line must come first\n"
	    "bad.txt:7: the item is empty\n"
	    "bad.txt:8: 'colour' is not a key tend knows (see "
	    "tend-questionnaire(5))\n"
	    "bad.txt:11: a flag line reads 'flag total|scaled|item N|subscale "
	    "NAME OP NUMBER: text' with OP one of < <= = >= >\n"
	    "bad.txt:13: expected 'key: value' (see tend-questionnaire(5))\n"
	    "bad.txt:14: a second 'title' line (the first is line 3)\n"
	    "bad.txt:15: the score is 'sum' (the answers added up)\n"
	    "bad.txt: there is no 'time frame:' line\n"
	    "bad.txt: the scale has no label for 1 (every value from 0 to 2 "
	    "needs one)\n"
	    "bad.txt:12: subscale A names item 3, but the file has 1 item\n"
	    "bad.txt:9: the first band must start at the lowest total, 0\n"
	    "bad.txt:10: there is no item 7 (the file has 1)\n";
	struct measure_def *d = NULL;
	char *problems = NULL;
	int n;

	n = measure_def_parse("bad.txt", bad, strlen(bad), &d, &problems);
	is_int(n, 14, "fourteen mistakes (the name is wrong, not missing)");
	ok(d == NULL, "no definition from a bad file");
	is_str(problems, want, "every mistake on a line of its own, with "
	    "its line number");
	free(problems);
}

static void
test_parse_bounds(void)
{
	struct measure_def *d = NULL;
	char *problems = NULL, *big, *p;
	size_t i, o;
	int n;

	/* One byte over 64 KiB. */
	big = xmalloc(MEASURE_FILE_MAX + 2);
	memset(big, '#', MEASURE_FILE_MAX + 1);
	big[MEASURE_FILE_MAX + 1] = '\0';
	n = measure_def_parse("big.txt", big, MEASURE_FILE_MAX + 1, &d,
	    &problems);
	ok(n == 1 && d == NULL, "a file over 64 KiB is refused");
	is_str(problems, "big.txt: the file is larger than 64 KiB\n",
	    "in one line");
	free(problems);

	/* A line of 1025 bytes (a comment, harmless otherwise). */
	o = (size_t)snprintf(big, MEASURE_FILE_MAX, "%s", good);
	big[o++] = '#';
	for (i = 0; i < MEASURE_LINE_MAX; i++)
		big[o++] = 'x';
	big[o++] = '\n';
	n = measure_def_parse("long.txt", big, o, &d, &problems);
	ok(n == 1 && d == NULL, "a line over 1024 bytes is refused");
	is_str(problems, "long.txt:29: the line is longer than 1024 bytes\n",
	    "with its line number");
	free(problems);

	/* 61 items. */
	o = (size_t)snprintf(big, MEASURE_FILE_MAX, "%s", good);
	for (i = 0; i < 58; i++)
		o += (size_t)snprintf(big + o, MEASURE_FILE_MAX - o,
		    "item: more %zu\n", i);
	n = measure_def_parse("many.txt", big, o, &d, &problems);
	ok(n == 1 && problems != NULL && strcmp(problems, "many.txt:86: "
	    "more than 60 items\n") == 0, "the 61st item is refused");
	if (n != 1 || problems == NULL || strstr(problems, "86") == NULL)
		tap_diag("%s", problems ? problems : "(null)");
	free(problems);

	/* A label of 81 characters (umlauts count as one each). */
	p = big;
	o = (size_t)snprintf(big, MEASURE_FILE_MAX, "%s", good);
	o += (size_t)snprintf(big + o, MEASURE_FILE_MAX - o, "band 6: ");
	for (i = 0; i < 81; i++)
		o += (size_t)snprintf(big + o, MEASURE_FILE_MAX - o, "\xc3\xa4");
	o += (size_t)snprintf(big + o, MEASURE_FILE_MAX - o, "\n");
	n = measure_def_parse("label.txt", p, o, &d, &problems);
	is_str(problems, "label.txt:29: the band's label is longer than 80 "
	    "characters\n", "an 81-character label is refused");
	free(problems);

	/* Not UTF-8, a control character. */
	o = (size_t)snprintf(big, MEASURE_FILE_MAX, "%s", good);
	o += (size_t)snprintf(big + o, MEASURE_FILE_MAX - o,
	    "item: caf\xe9\nitem: a\x1b[2Jb\n");
	n = measure_def_parse("enc.txt", big, o, &d, &problems);
	is_str(problems, "enc.txt:29: the line is not UTF-8 text\n"
	    "enc.txt:30: the line holds a control character\n",
	    "bad bytes are named by line");
	free(problems);
	free(big);
	ok(n == 2, "two mistakes");

	n = measure_def_parse("empty.txt", "", 0, &d, &problems);
	ok(n == 7 && d == NULL, "an empty file lists what is missing");
	free(problems);
}

/* ---- the store ---- */

struct seen {
	char buf[1200];
	size_t o;
};

static int
note(const struct measure_response *r, void *arg)
{
	struct seen *s = arg;
	char change[200] = "-";

	if (r->def != NULL && r->has_prev)
		measure_change_text(r->def, r->prev_total, r->score.total,
		    change, sizeof change);
	s->o += (size_t)snprintf(s->buf + s->o, sizeof s->buf - s->o,
	    "%s %lld %s %d [%s];", r->name, (long long)(r->time - T0) / DAY,
	    r->def ? "scored" : "unscored", r->def ? r->score.total : -1,
	    change);
	return 0;
}

static const char *
walk_all(struct store *s, const char *name, time_t since)
{
	static struct seen seen;
	struct err e;

	memset(&seen, 0, sizeof seen);
	if (store_measure_responses(s, name, since, 0, note, &seen, &e) != 0)
		snprintf(seen.buf, sizeof seen.buf, "error: %s", e.msg);
	return seen.buf;
}

static int
names(const struct measure_def *d, void *arg)
{
	struct seen *s = arg;

	s->o += (size_t)snprintf(s->buf + s->o, sizeof s->buf - s->o,
	    "%s%s", s->o ? " " : "", d->name);
	return 0;
}

static void
test_store(struct store *s)
{
	static const int p1[20] = { 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2,
		2, 2, 2, 2, 2, 2 };    /* 15 + 4 + 14 + 12 = 45 */
	static const int p2[20] = { 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1 };    /* 10 + 2 + 7 + 6 = 25 */
	static const int p3[20] = { 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 2, 2, 2 };    /* 25 + 3 = 28 */
	static const int q[9] = { 0, 0, 1, 0, 0, 0, 0, 0, 2 };    /* 3 */
	static const int sl[3] = { 1, 1, 1 };
	struct measure_def *pcl = builtin(s, "PCL-5"), *phq = builtin(s,
	    "PHQ-9"), *sleep = NULL, *none = NULL;
	char id[4][STORE_UUID_LEN + 1], uuid[STORE_UUID_LEN + 1];
	char *problems = NULL, *json = NULL, *clash;
	struct seen seen;
	struct err e;

	if (pcl == NULL || phq == NULL) {
		ok(0, "built-ins there");
		return;
	}
	is_int(store_measure_share_default(s), 1, "shared by default");
	ok(store_measure_save(s, pcl, p1, 20, 1, T0 + 1 * DAY, id[0], &e) == 0,
	    "save PCL-5 on day 1");
	ok(store_measure_save(s, phq, q, 9, 0, T0 + 2 * DAY, id[1], &e) == 0,
	    "save PHQ-9 on day 2, private");
	ok(store_measure_save(s, pcl, p3, 20, 1, T0 + 15 * DAY, id[3], &e) ==
	    0, "save PCL-5 on day 15");
	ok(store_measure_save(s, pcl, p2, 20, 1, T0 + 8 * DAY, id[2], &e) == 0,
	    "save PCL-5 on day 8 (after the fact)");
	ok(store_measure_save(s, pcl, p2, 19, 1, 0, uuid, &e) == -1 &&
	    test_int(v, "SELECT count(*) FROM measures") == 4,
	    "a wrong count is refused and nothing is written");
	is_str(walk_all(s, NULL, 0),
	    "PCL-5 1 scored 45 [-];"
	    "PHQ-9 2 scored 3 [-];"
	    "PCL-5 8 scored 25 [20 points lower than the time before: a "
	    "change of 10 points or more is commonly read as a meaningful "
	    "change];"
	    "PCL-5 15 scored 28 [3 points higher than the time before: under 5 "
	    "points, within day-to-day variation];",
	    "oldest first, each with the change from the one before");
	is_str(walk_all(s, "pcl-5", T0 + 10 * DAY),
	    "PCL-5 15 scored 28 [3 points higher than the time before: under 5 "
	    "points, within day-to-day variation];",
	    "by instrument and range; the one before still counts");

	memset(&seen, 0, sizeof seen);
	ok(store_measure_flagged(s, note, &seen, &e) == 0 &&
	    strcmp(seen.buf, "PHQ-9 2 scored 3 [-];") == 0,
	    "the PHQ-9 with item 9 above 0 is flagged");

	ok(store_measure_resolve(s, id[1], uuid, &e) == 0 &&
	    strcmp(uuid, id[1]) == 0, "resolve a full ID");
	ok(store_measure_response_json(s, id[1], &json, &e) == 0, "one as "
	    "JSON");
	ok(json != NULL && strstr(json, "\"instrument\":\"PHQ-9\"") &&
	    strstr(json, "\"total\":3") && strstr(json, "\"band\":\"minimal\"")
	    && strstr(json, "\"safety\":true") &&
	    strstr(json, "\"shared\":false") &&
	    strstr(json, "\"answers\":[0,0,1,0,0,0,0,0,2]"),
	    "the JSON holds instrument, total, band, flag, shared, answers");
	if (json != NULL) {
		char *sql = xasprintf("SELECT json_valid('%s')", json);

		is_int(test_int(v, sql), 1, "and is valid JSON");
		free(sql);
	}
	free(json);
	ok(store_measure_responses_json(s, "PCL-5", 0, 0, &json, &e) == 0 &&
	    strstr(json, "\"change\":{\"from\":45,\"points\":-20") != NULL &&
	    strstr(json, "\"criterion\":{") != NULL &&
	    strstr(json, "\"cutoff\":{\"range\":\"31-33\",\"where\":\"above\""),
	    "PCL-5 JSON: change, criterion, cut-off");
	free(json);

	/* A therapist's file. */
	ok(store_measure_add(s, "sleep.txt", good, strlen(good), &problems,
	    &e) == 0, "add a questionnaire file");
	free(problems);
	memset(&seen, 0, sizeof seen);
	store_measure_list(s, names, &seen, &e);
	is_str(seen.buf, "PCL-5 PHQ-9 GAD-7 WHO-5 Sleep-3", "listed after the "
	    "built-ins");
	ok(store_measure_get(s, "sleep-3", &sleep, &e) == 0 && sleep != NULL &&
	    !sleep->builtin, "found by name in any case");
	ok(sleep != NULL && store_measure_save(s, sleep, sl, 3, 1,
	    T0 + 20 * DAY, uuid, &e) == 0, "take it");
	clash = xasprintf("%s", good);
	memcpy(strstr(clash, "Sleep-3"), "PHQ-9  ", 7);
	ok(store_measure_add(s, "clash.txt", clash, strlen(clash), NULL, &e)
	    == -1 && strcmp(e.msg, "PHQ-9 is the name of a built-in "
	    "questionnaire; give this one another name") == 0,
	    "a built-in's name is refused");
	free(clash);
	ok(store_measure_add(s, "bad.txt", "name: x\n", 8, &problems, &e) ==
	    -1 && strcmp(e.msg, "bad.txt has 6 mistakes; nothing was added")
	    == 0 && problems != NULL, "a file with mistakes is not added");
	free(problems);
	is_int(test_int(v, "SELECT count(*) FROM measure_defs"), 1,
	    "only the good file is stored");
	/* A new version of the same name: the old answer keeps its own. */
	{
		char *v2 = xasprintf("%s", good);

		memcpy(strstr(v2, "band 3: some"), "band 2: some", 12);
		ok(store_measure_add(s, "sleep.txt", v2, strlen(v2), NULL,
		    &e) == 0, "add a second version");
		free(v2);
	}
	is_int(test_int(v, "SELECT count(*) FROM measure_defs"), 2,
	    "both versions kept");
	is_str(walk_all(s, "Sleep-3", 0), "Sleep-3 20 scored 3 [-];",
	    "the old answer is scored by its own version");
	ok(store_measure_get(s, "PCL", &none, &e) == -1 && none == NULL &&
	    strcmp(e.msg, "there is no questionnaire named 'PCL' (there are: "
	    "PCL-5, PHQ-9, GAD-7, WHO-5, Sleep-3)") == 0,
	    "an unknown name lists the ones there are");
	/* An answer whose version the journal does not know. */
	test_exec(v, "UPDATE measures SET version = '0000000000000000' "
	    "WHERE name = 'Sleep-3'");
	is_str(walk_all(s, "Sleep-3", 0), "Sleep-3 20 unscored -1 [-];",
	    "an unknown version is listed unscored, not guessed at");
	/* A built-in's earlier text this tend no longer has: scored by the
	 * built-in as it is (its published rules), if the answers fit. */
	test_exec(v, "UPDATE measures SET version = 'ffffffffffffffff' "
	    "WHERE name = 'PCL-5'");
	is_str(walk_all(s, "PCL-5", T0 + 10 * DAY),
	    "PCL-5 15 scored 28 [3 points higher than the time before: under 5 "
	    "points, within day-to-day variation];",
	    "an unknown version of a built-in is scored by the built-in");
	test_exec(v, "UPDATE measures SET answers = '[9,9,9,9]' "
	    "WHERE name = 'PHQ-9'");
	is_str(walk_all(s, "PHQ-9", 0), "PHQ-9 2 unscored -1 [-];",
	    "answers that do not fit are unscored");

	ok(store_measure_share_default_set(s, 0, &e) == 0 &&
	    store_measure_share_default(s) == 0, "the default can be private");
	measure_def_free(pcl);
	measure_def_free(phq);
	measure_def_free(sleep);
}

/* ---- a bundle's image from outside ---- */

/* img with sql run on a copy (sqlite3_free the result). */
static unsigned char *
changed(const unsigned char *img, size_t len, const char *sql, size_t *out)
{
	unsigned char *copy = sqlite3_malloc64(len), *ser;
	sqlite3_int64 n = 0;
	sqlite3 *db;

	memcpy(copy, img, len);
	sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_MEMORY, NULL);
	sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
	    (sqlite3_int64)len, SQLITE_DESERIALIZE_FREEONCLOSE |
	    SQLITE_DESERIALIZE_RESIZEABLE);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		tap_diag("changed: %s", sqlite3_errmsg(db));
	ser = sqlite3_serialize(db, "main", &n, 0);
	sqlite3_close(db);
	*out = (size_t)n;
	return ser;
}

/* The Sleep-3 answers in an image as walk_all lists them, or the error. */
static const char *
image_walk(const unsigned char *img, size_t len)
{
	static char buf[1300];
	struct store *r = NULL;
	struct err e;

	if (store_open_image(img, len, &r, &e) != 0) {
		snprintf(buf, sizeof buf, "refused: %s", e.msg);
		return buf;
	}
	snprintf(buf, sizeof buf, "%s", walk_all(r, "Sleep-3", 0));
	store_close(r);
	return buf;
}

static void
test_image(struct store *s)
{
	static const int sl[3] = { 2, 1, 0 };
	struct export_scope sc = { 0, 0, 1 };
	struct export_meta m = { "alias", "fp", "test", T0 };
	struct measure_def *d = NULL;
	char uuid[STORE_UUID_LEN + 1], *big;
	unsigned char *img = NULL, *bad;
	size_t len = 0, badlen;
	struct err e;

	ok(store_measure_get(s, "Sleep-3", &d, &e) == 0 &&
	    store_measure_save(s, d, sl, 3, 0, T0 + 21 * DAY, uuid, &e) == 0,
	    "answer the second version of Sleep-3");
	measure_def_free(d);
	ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0, "an image");
	/* 2 + 1 + 0 = 3 under the second version too (bands differ). */
	is_str(image_walk(img, len), "Sleep-3 20 unscored -1 [-];"
	    "Sleep-3 21 scored 3 [-];", "the image carries the definition its "
	    "answers need");
	bad = changed(img, len, "PRAGMA ignore_check_constraints = ON; "
	    "UPDATE measures SET answers = '{\"a\":1}'",
	    &badlen);
	ok(strstr(image_walk(bad, badlen), "refused: the shared journal "
	    "holds rows tend does not write") != NULL,
	    "answers that are not an array are refused on import");
	sqlite3_free(bad);
	bad = changed(img, len, "UPDATE measure_defs SET source = 'name: x'",
	    &badlen);
	is_str(image_walk(bad, badlen), "Sleep-3 20 unscored -1 [-];"
	    "Sleep-3 21 unscored -1 [-];", "a definition that does not parse "
	    "leaves its answers unscored");
	sqlite3_free(bad);
	bad = changed(img, len, "UPDATE measure_defs SET source = replace("
	    "source, 'band 0: little', 'band 0: LITTLE')", &badlen);
	is_str(image_walk(bad, badlen), "Sleep-3 20 unscored -1 [-];"
	    "Sleep-3 21 unscored -1 [-];", "a text that is not its version "
	    "is not used for it");
	sqlite3_free(bad);
	big = xmalloc(70000 + 200);
	memcpy(big, "PRAGMA ignore_check_constraints = ON; "
	    "UPDATE measure_defs SET source = '", 72);
	memset(big + 72, '#', 70000);
	memcpy(big + 72 + 70000, "'", 2);
	bad = changed(img, len, big, &badlen);
	ok(strstr(image_walk(bad, badlen), "refused: the shared journal "
	    "holds rows tend does not write") != NULL,
	    "a definition over 64 KiB is refused on import");
	sqlite3_free(bad);
	free(big);
	free(img);
}

int
main(void)
{
	struct store *s;
	struct err e;

	setenv("TZ", "UTC", 1);
	test_init();
	v = test_new_vault(test_path("measure.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	test_pcl5(s);
	test_phq9(s);
	test_gad7_who5(s);
	test_list_builtins(s);
	test_parse_good();
	test_parse_bad();
	test_parse_bounds();
	test_store(s);
	test_image(s);
	store_close(s);
	vault_close(v);
	return tap_done();
}
