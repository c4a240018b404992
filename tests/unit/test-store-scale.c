/*
 * test-store-scale.c: a journal of 100,000 entries (and 10,000 check-ins)
 * written through the store API in one transaction; then a list page, a
 * search, the statistics and a timeline page at either end must each
 * answer quickly.  The bound checked (500 ms, under the sanitizers) is
 * only a guard; the measured figures are printed as TAP diagnostics.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

#define ENTRIES 100000
#define CHECKINS 10000
#define BOUND_MS 500.0
#define RUNS 5

/* Under AddressSanitizer: do not fill every new block (SQLite allocates
 * a page at a time) and keep the quarantine small; the checks stay on.
 * Without the sanitizer this function is never called. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "max_malloc_fill_size=0:quarantine_size_mb=16";
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
count(const struct entry *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

/* A deterministic pseudo-random number (xorshift). */
static unsigned
rnd(void)
{
	static unsigned x = 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* A made-up word from a vocabulary of 4096. */
static void
word(unsigned n, char *out)
{
	static const char *const syl[] = { "ka", "lo", "mi", "ne", "su", "ta",
	    "ri", "po", "ve", "da", "zu", "fe", "go", "hi", "ja", "ba" };

	sprintf(out, "%s%s%s", syl[n & 15], syl[(n >> 4) & 15],
	    syl[(n >> 8) & 15]);
}

enum { OP_LIST, OP_LIST_JSON, OP_SEARCH, OP_SEARCH_JSON, OP_STATS,
    OP_STATS_JSON, OP_TIMELINE, OP_TIMELINE_END, OP_COUNT };

static const char *const op_names[] = {
	"list page (50, newest)", "list page as JSON", "search (rare word, 50)",
	"search as JSON", "stats", "stats as JSON",
	"timeline page (50, newest)", "timeline page (50, from the oldest)",
};

static int
run(struct store *s, int op, int *hits)
{
	struct entry_filter f;
	struct timeline_key keys[50];
	struct stats st;
	struct err e;
	char *json = NULL;
	long got;
	int rc;

	memset(&f, 0, sizeof f);
	f.newest_first = 1;
	f.limit = 50;
	*hits = 0;
	switch (op) {
	case OP_LIST:
		return store_entry_list(s, &f, count, hits, &e);
	case OP_LIST_JSON:
		rc = store_entry_list_json(s, &f, &json, &e);
		break;
	case OP_SEARCH:
		return store_search(s, "quokka", 50, count, hits, &e);
	case OP_SEARCH_JSON:
		rc = store_search_json(s, "quokka", 50, &json, &e);
		break;
	case OP_STATS:
		rc = store_stats(s, time(NULL), &st, &e);
		*hits = (int)st.entries;
		return rc;
	case OP_TIMELINE:
		got = store_timeline_fetch(s, NULL, 1, keys, 50, &e);
		*hits = (int)got;
		return got < 0 ? -1 : 0;
	case OP_TIMELINE_END:
		/* End, then a page up: the oldest item, the 50 after it. */
		if (store_timeline_fetch(s, NULL, -1, keys, 1, &e) != 1)
			return -1;
		got = store_timeline_fetch(s, &keys[0], -1, keys, 50, &e);
		*hits = (int)got;
		return got < 0 ? -1 : 0;
	default:
		rc = store_stats_json(s, time(NULL), &json, &e);
		break;
	}
	*hits = json != NULL ? (int)strlen(json) : 0;
	free(json);
	return rc;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(void)
{
	static const char *const tags[] = { "sleep", "family", "body" };
	static const char *const kinds[] = { "journal", "reflection", "dream",
	    "other" };
	char uuid[STORE_UUID_LEN + 1], body[512], w[16];
	time_t t0 = time(NULL) - (time_t)ENTRIES * 1800;
	struct checkin_new c;
	struct entry_new n;
	struct store *s;
	struct vault *v;
	struct err e;
	double start, ms[RUNS];
	int i, k, op, hits, failed = 0;

	test_init();
	v = test_new_vault(test_path("scale.tend"));
	if (store_open(v, &s, &e) != 0)
		fatal("%s", e.msg);
	store_session_add(s, SESSION_PREPARATION, t0 + 86400, NULL, NULL,
	    uuid, &e);
	for (k = 1; k <= 3; k++) {
		store_session_add(s, SESSION_MEDICINE, t0 + k * 600 * 86400L,
		    NULL, NULL, uuid, &e);
		store_session_add(s, SESSION_INTEGRATION,
		    t0 + (k * 600 + 2) * 86400L, NULL, NULL, uuid, &e);
	}

	/* A big transaction: keep its pages in memory instead of spilling
	 * them to the journal halfway. */
	test_exec(v, "PRAGMA cache_size = -262144");
	start = now_ms();
	ok(store_begin(s, &e) == 0, "begin");
	memset(&n, 0, sizeof n);
	n.body = body;
	for (i = 0; i < ENTRIES && !failed; i++) {
		size_t o = 0;

		for (k = 0; k < 30; k++) {
			word(rnd() & 4095, w);
			o += (size_t)snprintf(body + o, sizeof body - o, "%s ",
			    w);
		}
		if (i % 100 == 7)
			snprintf(body + o, sizeof body - o, "quokka");
		n.kind = kinds[i & 3];
		n.tags = tags + (i % 3);
		n.ntags = (size_t)(i % 2);
		n.when = t0 + (time_t)i * 1800;
		if (store_entry_add(s, &n, uuid, &e) != 0)
			failed = 1;
	}
	memset(&c, 0, sizeof c);
	c.anxiety = c.sleep = c.energy = c.connection = CHECKIN_UNSET;
	c.sleep_hours = CHECKIN_UNSET;
	for (i = 0; i < CHECKINS && !failed; i++) {
		c.mood = (int)(rnd() % 11);
		c.when = t0 + (time_t)i * 18000;
		if (store_checkin_add(s, &c, uuid, &e) != 0)
			failed = 1;
	}
	ok(!failed && store_commit(s, &e) == 0, "%d entries and %d check-ins "
	    "in one transaction", ENTRIES, CHECKINS);
	tap_diag("writing them took %.0f ms", now_ms() - start);
	test_exec(v, "PRAGMA cache_size = -2000");

	for (op = 0; op < OP_COUNT; op++) {
		for (k = 0; k < RUNS; k++) {
			start = now_ms();
			if (run(s, op, &hits) != 0)
				failed = 1;
			ms[k] = now_ms() - start;
		}
		qsort(ms, RUNS, sizeof ms[0], cmp);
		ok(!failed && ms[RUNS / 2] < BOUND_MS && hits > 0,
		    "%s: median %.2f ms (first %.2f, best %.2f)", op_names[op],
		    ms[RUNS / 2], ms[RUNS - 1], ms[0]);
	}
	run(s, OP_SEARCH, &hits);
	ok(hits == 50, "search returns a full page (%d)", hits);
	/* For the record, no bound: an ordinary word (in about 700
	 * entries), and a prefix that matches most entries, so that ranking
	 * reads nearly all of them. */
	start = now_ms();
	hits = 0;
	store_search(s, "kakaka", 50, count, &hits, &e);
	tap_diag("search for an ordinary word (%d shown): %.2f ms", hits,
	    now_ms() - start);
	start = now_ms();
	hits = 0;
	store_search(s, "ka*", 50, count, &hits, &e);
	tap_diag("search for a prefix in most entries (%d shown): %.2f ms",
	    hits, now_ms() - start);
	store_close(s);
	vault_close(v);
	return tap_done();
}
