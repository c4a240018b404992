/*
 * due.c: which questionnaires are due (see due.h for the rule), and the
 * reminder schedules kept as journal settings.
 */
#include "config.h"

#include "ui/due.h"

#include <stdio.h>
#include <string.h>

#include "tend/err.h"
#include "tend/timefmt.h"

/* What the sessions up to now say, in time order. */
struct due_course {
	int any;                /* some session took place */
	time_t first_prep;      /* the first preparation session; 0: none */
	time_t last_med;        /* the latest medicine session; 0: none */
	int med_no;             /* its number */
};

static void
due_course(const struct timeline_point *ss, size_t n, time_t now,
    struct due_course *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < n; i++) {
		if (ss[i].time > now)
			continue;
		c->any = 1;
		if (ss[i].kind == SESSION_PREPARATION &&
		    (c->first_prep == 0 || ss[i].time < c->first_prep))
			c->first_prep = ss[i].time;
	}
	/* The latest medicine session, and how many came before it. */
	for (i = 0; i < n; i++)
		if (ss[i].kind == SESSION_MEDICINE && ss[i].time <= now &&
		    ss[i].time > c->last_med)
			c->last_med = ss[i].time;
	if (c->last_med == 0)
		return;
	for (i = 0; i < n; i++)
		if (ss[i].kind == SESSION_MEDICINE &&
		    ss[i].time <= c->last_med)
			c->med_no++;
}

/* Why in is due at now, into *d; 0 when it is not. */
static int
due_one(const struct due_course *c, const struct due_input *in, time_t now,
    struct due *d)
{
	const struct due_rule *r = &in->rule;

	if (r->treatment && c->last_med != 0 &&
	    time_days_between(c->last_med, now) >= DUE_AFTER_DAYS &&
	    (in->last == 0 || time_days_between(c->last_med, in->last) <
	    DUE_EARLY_DAYS)) {
		d->why = DUE_AFTER_MEDICINE;
		d->medicine_no = c->med_no;
		return 1;
	}
	if (r->treatment && c->first_prep != 0 && in->last < c->first_prep) {
		d->why = DUE_PREPARATION;
		return 1;
	}
	if (r->every_weeks <= 0)
		return 0;
	if (in->last == 0) {
		d->why = DUE_FIRST;
		return c->any;
	}
	d->weeks = time_days_between(in->last, now) / 7;
	if (time_days_between(in->last, now) < 7L * r->every_weeks)
		return 0;
	d->why = DUE_AGAIN;
	return 1;
}

size_t
due_list(const struct timeline_point *sessions, size_t nsessions,
    const struct due_input *in, size_t n, time_t now, struct due *out)
{
	struct due_course c;
	size_t i, k = 0;

	due_course(sessions, nsessions, now, &c);
	for (i = 0; i < n; i++) {
		struct due d;

		memset(&d, 0, sizeof d);
		d.index = i;
		if (due_one(&c, &in[i], now, &d))
			out[k++] = d;
	}
	return k;
}

void
due_text(const struct due *d, size_t n, const struct due_input *in,
    char *buf, size_t len)
{
	size_t i, o;

	if (n == 0) {
		snprintf(buf, len, "No questionnaire is due.");
		return;
	}
	if (n == 1) {
		const char *name = in[d->index].name;

		switch (d->why) {
		case DUE_AFTER_MEDICINE:
			snprintf(buf, len, "%s is due, a week after medicine "
			    "session %d. Press m when ready.", name,
			    d->medicine_no);
			return;
		case DUE_PREPARATION:
			snprintf(buf, len, "%s is due, for the start of your "
			    "treatment. Press m when ready.", name);
			return;
		case DUE_FIRST:
			snprintf(buf, len, "%s is due, a first one to compare "
			    "later ones with. Press m when ready.", name);
			return;
		case DUE_AGAIN:
			snprintf(buf, len, "%s is due, %ld weeks since the last "
			    "one. Press m when ready.", name, d->weeks);
			return;
		}
	}
	o = (size_t)snprintf(buf, len, "Questionnaires due:");
	for (i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s %s",
		    i == 0 ? "" : i + 1 == n ? " and" : ",", in[d[i].index].name);
	if (o < len)
		snprintf(buf + o, len - o, ". Press m when ready.");
}

/* ---- the schedules, as journal settings ---- */

static const struct {
	const char *name;
	struct due_rule rule;
} due_defaults[] = {
	{ "PCL-5", { 4, 1 } },
	{ "PHQ-9", { 2, 0 } },
	{ "GAD-7", { 2, 0 } },
};

void
due_rule_default(const char *name, struct due_rule *r)
{
	size_t i;

	r->every_weeks = 0;
	r->treatment = 0;
	for (i = 0; i < sizeof due_defaults / sizeof due_defaults[0]; i++)
		if (strcmp(due_defaults[i].name, name) == 0)
			*r = due_defaults[i].rule;
}

void
due_rule_load(struct store *s, const char *name, struct due_rule *r)
{
	int w, t;

	due_rule_default(name, r);
	if (store_remind_get(s, name, &w, &t)) {
		r->every_weeks = w;
		r->treatment = t;
	}
}

int
due_rule_save(struct store *s, const char *name, const struct due_rule *r,
    struct err *e)
{
	return store_remind_set(s, name, r->every_weeks, r->treatment, e);
}
