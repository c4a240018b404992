/*
 * bench-search.c: how long one search takes in a large journal, for each
 * kind of word people type.  Run by `make bench`; not a test.
 *
 * A journal of BENCH_SEARCH_N entries (default 100,000) of about 1 KB of
 * made-up words, with German words (Straße, Müller) in some entries and
 * Japanese sentences in others, N/33 check-ins with notes and 300 agenda
 * items, all written through the store in one transaction (so the
 * indexes are filled by the schema's triggers, as in use).  Then each
 * query runs BENCH_SEARCH_RUNS times (default 7) through store_find, as
 * the app's search screen asks (the best 201) and the median is printed:
 *
 *   search latin word: 1.23 ms per query (201 hits)
 *
 * Kinds: an ordinary word in 1% of entries; a German word typed in its
 * ASCII spelling (mueller for Müller, strasse for Straße); a Japanese
 * word inside sentences (two characters, and one); a word only in
 * check-in notes; a word only in agenda items.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

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
static int
word(unsigned n, char *out, size_t size)
{
	static const char *const syl[] = { "ka", "lo", "mi", "ne", "su", "ta",
	    "ri", "po", "ve", "da", "zu", "fe", "go", "hi", "ja", "ba" };

	return snprintf(out, size, "%s%s%s ", syl[n & 15], syl[(n >> 4) & 15],
	    syl[(n >> 8) & 15]);
}

static int
count(const struct store_hit *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static int
count_entry(const struct entry *en, void *arg)
{
	(void)en;
	(*(int *)arg)++;
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static long
env_long(const char *name, long def)
{
	const char *v = getenv(name);
	long n = v != NULL ? strtol(v, NULL, 10) : 0;

	return n > 0 ? n : def;
}

int
main(void)
{
	static const struct {
		const char *kind, *query;
	} queries[] = {
		{ "latin word", "quokka" },
		{ "latin prefix (common)", "ka*" },
		{ "umlaut-folded word (mueller)", "mueller" },
		{ "sharp s folded (strasse)", "strasse" },
		{ "CJK inside a sentence (東京)", "東京" },
		{ "CJK one character (京)", "京" },
		{ "check-in note", "pelikan" },
		{ "agenda", "boundaries" },
	};
	long n = env_long("BENCH_SEARCH_N", 100000);
	long runs = env_long("BENCH_SEARCH_RUNS", 7), i;
	long checkins = n / 33;
	time_t t0 = time(NULL) - (time_t)n * 1800;
	char body[1400], note[200], uuid[STORE_UUID_LEN + 1];
	struct checkin_new c;
	struct entry_new en;
	struct store *s;
	struct vault *v;
	struct err e;
	double start, *ms;
	size_t q;

	test_init();
	v = test_new_vault(test_path("bench-search.tend"));
	if (store_open(v, &s, &e) != 0)
		fatal("%s", e.msg);
	test_exec(v, "PRAGMA cache_size = -262144");
	start = now_ms();
	if (store_begin(s, &e) != 0)
		fatal("%s", e.msg);
	memset(&en, 0, sizeof en);
	en.body = body;
	for (i = 0; i < n; i++) {
		size_t o = 0;

		if (i % 50 == 3)
			o += (size_t)snprintf(body, sizeof body, "Wir gingen "
			    "die Straße entlang zu Herrn Müller. ");
		if (i % 40 == 5)
			o += (size_t)snprintf(body + o, sizeof body - o,
			    "私は東京に住んでいます。今日は少し不安でした。");
		while (o < 1000)
			o += (size_t)word(rnd() & 4095, body + o,
			    sizeof body - o);
		if (i % 100 == 7)
			snprintf(body + o, sizeof body - o, "quokka");
		en.when = t0 + (time_t)i * 1800;
		if (store_entry_add(s, &en, uuid, &e) != 0)
			fatal("%s", e.msg);
	}
	memset(&c, 0, sizeof c);
	c.anxiety = c.sleep = c.energy = c.connection = CHECKIN_UNSET;
	c.sleep_hours = CHECKIN_UNSET;
	c.note = note;
	for (i = 0; i < checkins; i++) {
		size_t o = 0;

		if (i % 10 == 1)
			o += (size_t)snprintf(note, sizeof note, "pelikan ");
		while (o < 60)
			o += (size_t)word(rnd() & 4095, note + o,
			    sizeof note - o);
		c.mood = (int)(rnd() % 11);
		c.when = t0 + (time_t)i * 18000;
		if (store_checkin_add(s, &c, uuid, &e) != 0)
			fatal("%s", e.msg);
	}
	for (i = 0; i < 300; i++) {
		snprintf(note, sizeof note, "%s item %ld", i % 10 == 2 ?
		    "talk about boundaries, " : "something else,", i);
		if (store_agenda_add(s, note, uuid, &e) != 0)
			fatal("%s", e.msg);
	}
	if (store_commit(s, &e) != 0)
		fatal("%s", e.msg);
	test_exec(v, "PRAGMA cache_size = -2000");
	printf("search at %ld entries, %ld check-ins, 300 agenda items "
	    "(written in %.0f ms):\n", n, checkins, now_ms() - start);

	ms = calloc((size_t)runs, sizeof *ms);
	if (ms == NULL)
		fatal("out of memory");
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		int hits = 0;

		for (i = 0; i < runs; i++) {
			hits = 0;
			start = now_ms();
			if (store_find(s, queries[q].query, 201, count, &hits,
			    &e) != 0)
				fatal("%s: %s", queries[q].query, e.msg);
			ms[i] = now_ms() - start;
		}
		qsort(ms, (size_t)runs, sizeof *ms, cmp);
		printf("search %s: %.2f ms per query (%d hits)\n",
		    queries[q].kind, ms[runs / 2], hits);
	}
	/* For comparison: entries alone, ranked by FTS5's bm25(). */
	for (q = 0; q < 2; q++) {
		int hits = 0;

		for (i = 0; i < runs; i++) {
			hits = 0;
			start = now_ms();
			if (store_search(s, queries[q].query, 201, count_entry,
			    &hits, &e) != 0)
				fatal("%s: %s", queries[q].query, e.msg);
			ms[i] = now_ms() - start;
		}
		qsort(ms, (size_t)runs, sizeof *ms, cmp);
		printf("  (entries only, bm25: %s: %.2f ms, %d hits)\n",
		    queries[q].kind, ms[runs / 2], hits);
	}
	free(ms);
	store_close(s);
	vault_close(v);
	return 0;
}
