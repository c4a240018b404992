/*
 * due.c: which questionnaires are due (see due.h for the rule), and the
 * reminder schedules kept as journal settings.
 */
#include "config.h"

#include "ui/due.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/err.h"
#include "tend/measure.h"
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

/* ---- what the journal says ---- */

static int
due_add_instrument(const struct measure_def *d, void *arg)
{
	struct due_state *st = arg;

	st->in = xrealloc(st->in, (st->n + 1) * sizeof *st->in);
	memset(&st->in[st->n], 0, sizeof st->in[0]);
	st->in[st->n].name = xstrdup(d->name);
	st->n++;
	return 0;
}

static int
due_add_response(const struct measure_response *r, void *arg)
{
	struct due_state *st = arg;
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->in[i].name, r->name) == 0 &&
		    r->time > st->in[i].last)
			st->in[i].last = r->time;
	return 0;
}

struct due_sessions {
	struct timeline_point *v;
	size_t n;
};

static int
due_add_session(const struct session *ss, void *arg)
{
	struct due_sessions *l = arg;

	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n].time = ss->time;
	l->v[l->n].kind = ss->kind;
	l->n++;
	return 0;
}

int
due_state_load(struct store *s, time_t now, struct due_state *st,
    struct err *e)
{
	struct due_sessions ss = { NULL, 0 };
	size_t i;

	memset(st, 0, sizeof *st);
	if (store_measure_list(s, due_add_instrument, st, e) != 0 ||
	    store_measure_responses(s, NULL, 0, 0, due_add_response, st,
	    e) != 0 || store_session_list(s, due_add_session, &ss, e) != 0) {
		free(ss.v);
		due_state_free(st);
		return -1;
	}
	for (i = 0; i < st->n; i++)
		due_rule_load(s, st->in[i].name, &st->in[i].rule);
	st->due = xcalloc(st->n + 1, sizeof *st->due);
	st->ndue = due_list(ss.v, ss.n, st->in, st->n, now, st->due);
	free(ss.v);
	return 0;
}

void
due_state_free(struct due_state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		free((char *)st->in[i].name);
	free(st->in);
	free(st->due);
	memset(st, 0, sizeof *st);
}

const struct due *
due_state_find(const struct due_state *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->ndue; i++)
		if (strcmp(st->in[st->due[i].index].name, name) == 0)
			return &st->due[i];
	return NULL;
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
