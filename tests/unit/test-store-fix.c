/*
 * test-store-fix.c: putting mistakes right in the store: a check-in
 * changed or deleted, an agenda item opened again, and dates more than a
 * day ahead refused for entries and check-ins but not for sessions.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

struct got {
	int n;
	time_t time;
	int mood, anxiety, sleep, shared;
	double hours;
	enum checkin_safety safety;
	char note[64], symptoms[128];
};

static int
got_one(const struct checkin *c, void *arg)
{
	struct got *g = arg;

	g->n++;
	g->time = c->time;
	g->mood = c->mood;
	g->anxiety = c->anxiety;
	g->sleep = c->sleep;
	g->shared = c->shared;
	g->hours = c->sleep_hours;
	g->safety = c->safety;
	snprintf(g->note, sizeof g->note, "%s", c->note);
	snprintf(g->symptoms, sizeof g->symptoms, "%s", c->symptoms);
	return 0;
}

static struct got
get(struct store *s, const char *uuid)
{
	struct got g;
	struct err e;

	memset(&g, 0, sizeof g);
	store_checkin_get(s, uuid, got_one, &g, &e);
	return g;
}

static int
agenda_done_of(const struct agenda_item *r, void *arg)
{
	*(time_t *)arg = r->done;
	return 0;
}

int
main(void)
{
	const char *sym[] = { "nightmares" }, *sym2[] = { "numbness",
	    "avoidance" };
	char a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1];
	char ag[STORE_UUID_LEN + 1], ses[STORE_UUID_LEN + 1];
	time_t now = time(NULL), then = now - 3 * 86400, done;
	struct checkin_new n;
	struct entry_new en;
	struct store *s;
	struct vault *v;
	struct got g;
	struct err e;

	test_init();
	v = test_new_vault(test_path("fix.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");

	memset(&n, 0, sizeof n);
	n.mood = 3;
	n.anxiety = 7;
	n.sleep = CHECKIN_UNSET;
	n.energy = n.connection = CHECKIN_UNSET;
	n.sleep_hours = 5.5;
	n.symptoms = sym;
	n.nsymptoms = 1;
	n.note = "wrong day";
	n.shared = 1;
	n.safety = CHECKIN_SAFETY_NO;
	n.when = then;
	ok(store_checkin_add(s, &n, a, &e) == 0, "a check-in");
	n.note = "the other one";
	ok(store_checkin_add(s, &n, b, &e) == 0, "and another");
	g = get(s, a);
	ok(g.n == 1 && g.mood == 3 && g.anxiety == 7 && g.time == then &&
	    fabs(g.hours - 5.5) < 1e-9 && strcmp(g.note, "wrong day") == 0,
	    "store_checkin_get reads it back");

	/* Change it: every field, its time kept when when is 0. */
	n.mood = 6;
	n.anxiety = CHECKIN_UNSET;
	n.sleep = 4;
	n.sleep_hours = CHECKIN_UNSET;
	n.symptoms = sym2;
	n.nsymptoms = 2;
	n.note = "right now";
	n.shared = 0;
	n.safety = CHECKIN_SAFETY_UNANSWERED;
	n.when = 0;
	ok(store_checkin_update(s, a, &n, &e) == 0, "update: %s",
	    e.msg);
	g = get(s, a);
	ok(g.mood == 6 && g.anxiety == CHECKIN_UNSET && g.sleep == 4 &&
	    g.hours == CHECKIN_UNSET && !g.shared &&
	    g.safety == CHECKIN_SAFETY_UNANSWERED &&
	    strcmp(g.note, "right now") == 0 &&
	    strcmp(g.symptoms, "[\"avoidance\",\"numbness\"]") == 0,
	    "every field changed: %s", g.symptoms);
	ok(g.time == then, "the time kept");
	n.when = then - 86400;
	ok(store_checkin_update(s, a, &n, &e) == 0 &&
	    get(s, a).time == then - 86400, "a new time when one is given");
	g = get(s, b);
	ok(g.mood == 3 && strcmp(g.note, "the other one") == 0,
	    "the other check-in is as it was");

	/* Refused changes change nothing. */
	n.mood = 11;
	ok(store_checkin_update(s, a, &n, &e) == -1 && get(s, a).mood == 6,
	    "a mood of 11 is refused, nothing written: %s", e.msg);
	n.mood = 5;
	n.when = now + 2 * 86400;
	ok(store_checkin_update(s, a, &n, &e) == -1 &&
	    strstr(e.msg, "more than a day ahead") != NULL &&
	    get(s, a).time == then - 86400, "two days ahead is refused: %s",
	    e.msg);
	n.when = 0;
	ok(store_checkin_update(s, "00000000-0000-4000-8000-000000000000",
	    &n, &e) == -1, "an unknown check-in: %s", e.msg);

	/* Delete. */
	ok(store_checkin_rm(s, a, &e) == 0, "rm");
	ok(get(s, a).n == 0, "it is gone");
	ok(get(s, b).n == 1, "the other stays");
	ok(store_checkin_rm(s, a, &e) == -1, "rm again: %s", e.msg);
	ok(store_resolve(s, STORE_CHECKIN, a, b, &e) == -1,
	    "its ID no longer resolves");

	/* Dates ahead: a day is fine, more is not, sessions may be. */
	n.note = NULL;
	n.nsymptoms = 0;
	n.when = time_tomorrow(time(NULL)) - 60;
	ok(store_checkin_add(s, &n, a, &e) == 0, "almost a day ahead is "
	    "fine (a time zone away)");
	n.when = time_tomorrow(time(NULL)) + 120;
	ok(store_checkin_add(s, &n, a, &e) == -1 &&
	    strstr(e.msg, "more than a day ahead") != NULL,
	    "a check-in more than a day ahead is refused: %s", e.msg);
	memset(&en, 0, sizeof en);
	en.body = "a dream I will have";
	en.when = now + 30 * 86400;
	ok(store_entry_add(s, &en, a, &e) == -1 &&
	    strstr(e.msg, "more than a day ahead") != NULL,
	    "an entry a month ahead is refused: %s", e.msg);
	en.when = now - 30 * 86400;
	ok(store_entry_add(s, &en, a, &e) == 0, "a month back is fine");
	ok(store_session_add(s, SESSION_INTEGRATION, now + 14 * 86400,
	    "next", NULL, ses, &e) == 0, "a session two weeks ahead is fine");

	/* Agenda: done, then open again. */
	ok(store_agenda_add(s, "the lake", ag, &e) == 0, "an agenda item");
	ok(store_agenda_undone(s, ag, &e) == -1, "an open item cannot be "
	    "opened again: %s", e.msg);
	ok(store_agenda_done(s, ag, &e) == 0, "done");
	done = 0;
	store_agenda_list(s, agenda_done_of, &done, &e);
	ok(done != 0, "it is done");
	ok(store_agenda_undone(s, ag, &e) == 0, "undone");
	done = 1;
	store_agenda_list(s, agenda_done_of, &done, &e);
	ok(done == 0, "it is open again");
	ok(store_agenda_done(s, ag, &e) == 0, "and can be done again");

	store_close(s);
	vault_close(v);
	return tap_done();
}
