/*
 * test-store-timeline.c: paging through entries and check-ins together
 * (store_timeline_fetch): newest first with a fixed order among items of
 * the same second, one row at a time and a page at a time in both
 * directions, the trash left out; the items' contents and their places on
 * the treatment timeline.  Runs in UTC so that days are fixed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

#define DAY 86400
#define HOUR 3600
#define T0 1767225600           /* 2026-01-01 00:00 UTC */
#define NITEMS 7

static struct store *s;

/* The uuid of each item, in the order the timeline must show them. */
static char want[NITEMS][STORE_UUID_LEN + 1];

struct got {
	char uuid[STORE_UUID_LEN + 1];
	struct timeline_item it;        /* its strings are not kept */
	char tags[64], title[64], text[64], kind[16];
};

static int
keep(const struct timeline_item *it, void *arg)
{
	struct got *g = arg;

	snprintf(g->uuid, sizeof g->uuid, "%s", it->uuid);
	snprintf(g->tags, sizeof g->tags, "%s", it->tags);
	snprintf(g->title, sizeof g->title, "%s", it->title);
	snprintf(g->text, sizeof g->text, "%s", it->text);
	snprintf(g->kind, sizeof g->kind, "%s", it->kind);
	g->it = *it;
	return 0;
}

/* Which of want[] the key names (-1: none). */
static int
which(const struct timeline_key *k)
{
	struct got g;
	struct err e;
	int i;

	if (store_timeline_get(s, k->table, k->id, keep, &g, &e) != 1)
		return -1;
	if (g.it.key.time != k->time)
		return -1;
	for (i = 0; i < NITEMS; i++)
		if (strcmp(g.uuid, want[i]) == 0)
			return i;
	return -1;
}

static void
add_entry(time_t when, const char *title, const char *tag, int shared,
    char uuid[STORE_UUID_LEN + 1])
{
	const char *tags[] = { tag, "alpha" };
	struct entry_new n;
	struct err e;

	memset(&n, 0, sizeof n);
	n.title = title;
	n.body = "Words of the day, and more words after them.";
	n.tags = tags;
	n.ntags = tag != NULL ? 2 : 0;
	n.shared = shared;
	n.when = when;
	if (store_entry_add(s, &n, uuid, &e) != 0)
		fatal("cannot add an entry: %s", e.msg);
}

static void
add_checkin(time_t when, int mood, char uuid[STORE_UUID_LEN + 1])
{
	struct checkin_new n;
	struct err e;

	memset(&n, 0, sizeof n);
	n.mood = mood;
	n.anxiety = n.sleep = n.energy = n.connection = CHECKIN_UNSET;
	n.sleep_hours = CHECKIN_UNSET;
	n.note = "a short note";
	n.when = when;
	if (store_checkin_add(s, &n, uuid, &e) != 0)
		fatal("cannot add a check-in: %s", e.msg);
}

/* Walk from the start in dir with pages of n; the indices seen, in
 * order, into seq (at most NITEMS + 1); returns how many. */
static int
walk(int dir, size_t n, int *seq, int *pages)
{
	struct timeline_key page[NITEMS + 1], from;
	struct err e;
	int k = 0, have = 0;
	long got;
	size_t i;

	*pages = 0;
	for (;;) {
		got = store_timeline_fetch(s, have ? &from : NULL, dir, page, n,
		    &e);
		if (got <= 0)
			return got < 0 ? -1 : k;
		(*pages)++;
		for (i = 0; i < (size_t)got && k <= NITEMS; i++)
			seq[k++] = which(&page[i]);
		if (k > NITEMS)
			return k;
		from = page[got - 1];
		have = 1;
	}
}

static int
in_order(const int *seq, int k, int dir)
{
	int i;

	if (k != NITEMS)
		return 0;
	for (i = 0; i < NITEMS; i++)
		if (seq[i] != (dir > 0 ? i : NITEMS - 1 - i))
			return 0;
	return 1;
}

static void
check_paging(void)
{
	int seq[NITEMS + 1], pages;
	size_t n;

	for (n = 1; n <= NITEMS + 1; n++) {
		int k = walk(1, n, seq, &pages);

		ok(in_order(seq, k, 1) && pages == (NITEMS + (int)n - 1) /
		    (int)n, "older, pages of %zu: every item once, newest "
		    "first", n);
		k = walk(-1, n, seq, &pages);
		ok(in_order(seq, k, -1) && pages == (NITEMS + (int)n - 1) /
		    (int)n, "newer, pages of %zu: every item once, oldest "
		    "first", n);
	}
}

/* From the middle: after the third item and before it. */
static void
check_from_middle(void)
{
	struct timeline_key first[NITEMS], out[NITEMS];
	struct err e;
	long k;

	k = store_timeline_fetch(s, NULL, 1, first, NITEMS, &e);
	ok(k == NITEMS, "the whole timeline in one page (%ld)", k);
	if (k != NITEMS)
		return;
	k = store_timeline_fetch(s, &first[2], 1, out, 2, &e);
	ok(k == 2 && which(&out[0]) == 3 && which(&out[1]) == 4,
	    "two after the third item: the fourth and fifth");
	k = store_timeline_fetch(s, &first[2], -1, out, NITEMS, &e);
	ok(k == 2 && which(&out[0]) == 1 && which(&out[1]) == 0,
	    "before the third item: the second, then the first");
	k = store_timeline_fetch(s, &first[NITEMS - 1], 1, out, 3, &e);
	ok(k == 0, "nothing after the oldest item");
	k = store_timeline_fetch(s, &first[0], -1, out, 3, &e);
	ok(k == 0, "nothing before the newest item");
	k = store_timeline_fetch(s, NULL, 1, out, 0, &e);
	ok(k == 0, "a page of none is empty");
}

static void
check_place(time_t t, const char *expect)
{
	char buf[128];

	store_place(s, t, buf, sizeof buf);
	ok(strcmp(buf, expect) == 0, "placed \"%s\" (%s)", expect, buf);
}

int
main(void)
{
	char trashed[STORE_UUID_LEN + 1], u[STORE_UUID_LEN + 1];
	struct timeline_key one;
	struct vault *v;
	struct got g;
	struct err e;

	setenv("TZ", "UTC", 1);
	test_init();
	v = test_new_vault(test_path("timeline.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");

	if (store_session_add(s, SESSION_PREPARATION, T0 + 10 * HOUR, NULL,
	    NULL, u, &e) != 0 || store_session_add(s, SESSION_MEDICINE,
	    T0 + 2 * DAY + 9 * HOUR, NULL, NULL, u, &e) != 0 ||
	    store_session_add(s, SESSION_INTEGRATION, T0 + 3 * DAY + 10 * HOUR,
	    NULL, NULL, u, &e) != 0)
		fatal("cannot add sessions: %s", e.msg);

	/* Added out of order on purpose; want[] is newest first.  Three
	 * items share one second: the entries (the later one first), then
	 * the check-in. */
	add_entry(T0 - DAY, "Before", NULL, 0, want[6]);
	add_entry(T0 + 3 * DAY + 12 * HOUR, "Same second, first", "zeta", 1,
	    want[2]);
	add_checkin(T0 + 3 * DAY + 12 * HOUR, 4, want[3]);
	add_entry(T0 + 3 * DAY + 12 * HOUR, "Same second, second", NULL, 0,
	    want[1]);
	add_checkin(T0 + 12 * HOUR, 6, want[5]);
	add_entry(T0 + 2 * DAY + 15 * HOUR, "The day", NULL, 1, want[4]);
	add_entry(T0 + 6 * DAY, "Thrown away", NULL, 0, trashed);
	add_checkin(T0 + 6 * DAY + HOUR, 7, want[0]);
	ok(store_entry_trash(s, trashed, &e) == 0, "an entry goes to the "
	    "trash");

	check_paging();
	check_from_middle();

	ok(store_timeline_find(s, trashed, keep, &g, &e) == 0,
	    "an entry in the trash is not on the timeline");
	ok(store_timeline_find(s, "00000000-0000-4000-8000-000000000000", keep,
	    &g, &e) == 0, "an unknown UUID is not found");
	ok(store_timeline_get(s, STORE_ENTRY, 123456, keep, &g, &e) == 0,
	    "an unknown row is not found");

	ok(store_timeline_find(s, want[2], keep, &g, &e) == 1 &&
	    g.it.key.table == STORE_ENTRY && strcmp(g.kind, "journal") == 0 &&
	    strcmp(g.title, "Same second, first") == 0 &&
	    strcmp(g.tags, "alpha zeta") == 0 && g.it.shared == 1 &&
	    g.it.mood == CHECKIN_UNSET &&
	    strncmp(g.text, "Words of the day", 16) == 0,
	    "an entry's row: kind, title, sorted tags, shared, its text");
	ok(store_timeline_find(s, want[3], keep, &g, &e) == 1 &&
	    g.it.key.table == STORE_CHECKIN &&
	    strcmp(g.kind, "check-in") == 0 && g.it.mood == 4 &&
	    g.it.anxiety == CHECKIN_UNSET && g.it.shared == 0 &&
	    strcmp(g.text, "a short note") == 0 && g.title[0] == '\0',
	    "a check-in's row: its mood and note, nothing unset made up");
	one = g.it.key;
	ok(store_timeline_get(s, one.table, one.id, keep, &g, &e) == 1 &&
	    strcmp(g.uuid, want[3]) == 0, "found again by its row id");

	check_place(T0 - DAY, "before the first session");
	check_place(T0 + 12 * HOUR, "preparation");
	check_place(T0 + 2 * DAY + 15 * HOUR, "medicine session 1");
	check_place(T0 + 3 * DAY + 12 * HOUR,
	    "integration, day 1 after medicine session 1");
	check_place(T0 + 6 * DAY + HOUR,
	    "integration, day 4 after medicine session 1");

	store_close(s);
	vault_close(v);
	return tap_done();
}
