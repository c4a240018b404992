/*
 * due.h: which questionnaires are due, for the reminder on the home
 * screen (due.c).
 *
 * The rule is a pure function of the sessions, the time each instrument
 * was last taken, each instrument's schedule and the time now, so the
 * unit tests can check it by hand.  Days are local calendar days
 * (time_days_between).  An instrument is due when any of these holds:
 *
 *   treatment  a preparation session has taken place and the instrument
 *              was not taken since the first one ("for the start of your
 *              treatment");
 *   treatment  seven days or more have passed since the latest medicine
 *              session and the instrument was not taken since the fifth
 *              day after it (one taken a little early counts);
 *   every N    it was never taken and some session has taken place, or
 *              7 * N days or more have passed since it was last taken.
 *
 * The schedules are journal settings (store_remind_get/set), so that
 * they travel with the journal.  Built-in defaults: PCL-5 every 4 weeks
 * and around the treatment; PHQ-9 and GAD-7 every 2 weeks; anything else
 * off.
 */
#ifndef TEND_UI_DUE_H
#define TEND_UI_DUE_H

#include <stddef.h>
#include <time.h>

#include "tend/store.h"

struct err;

#define DUE_WEEKS_MAX STORE_REMIND_WEEKS_MAX  /* the longest "every N weeks" */
#define DUE_AFTER_DAYS 7        /* a week after a medicine session */
#define DUE_EARLY_DAYS 5        /* from this day after it, one counts */

struct due_rule {
	int every_weeks;        /* 0: no regular reminder */
	int treatment;          /* at preparation and a week after each
	                         * medicine session */
};

struct due_input {
	const char *name;       /* the instrument, e.g. "PCL-5" */
	struct due_rule rule;
	time_t last;            /* when it was last taken; 0: never */
};

enum due_why {
	DUE_PREPARATION,        /* for the start of the treatment */
	DUE_AFTER_MEDICINE,     /* a week after medicine session K */
	DUE_FIRST,              /* never taken, the treatment has begun */
	DUE_AGAIN,              /* N weeks since the last one */
};

struct due {
	size_t index;           /* into the inputs */
	enum due_why why;
	int medicine_no;        /* DUE_AFTER_MEDICINE: K */
	long weeks;             /* DUE_AGAIN: whole weeks since the last */
};

/* The instruments of in[0 .. n-1] due at now, in their order, into out
 * (room for n).  sessions: any order; those after now do not count.
 * Returns how many are due. */
size_t due_list(const struct timeline_point *sessions, size_t nsessions,
    const struct due_input *in, size_t n, time_t now, struct due *out);

/* One sentence for the home screen about what is due (n > 0), ending in
 * how to start: "PCL-5 is due, a week after medicine session 2. Press m
 * when ready." */
void due_text(const struct due *d, size_t n, const struct due_input *in,
    char *buf, size_t len);

/* Everything due_list needs, read from the journal: every instrument
 * (store_measure_list) with its schedule and the last time it was
 * taken, the sessions, and what is due at now. */
struct due_state {
	size_t n;
	struct due_input *in;           /* names malloc'd */
	size_t ndue;
	struct due *due;
};
/* 0, or -1 with e filled (st is then empty). */
int due_state_load(struct store *s, time_t now, struct due_state *st,
    struct err *e);
void due_state_free(struct due_state *st);
/* Whether name is due: its entry in st->due, or NULL. */
const struct due *due_state_find(const struct due_state *st,
    const char *name);

/* The schedule built in for name. */
void due_rule_default(const char *name, struct due_rule *r);
/* The journal's schedule for name (the default where it has none). */
void due_rule_load(struct store *s, const char *name, struct due_rule *r);
/* Keep r as the journal's schedule for name. */
int due_rule_save(struct store *s, const char *name,
    const struct due_rule *r, struct err *e);

#endif
