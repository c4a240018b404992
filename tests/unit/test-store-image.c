/*
 * test-store-image.c: an export image is untrusted input.
 *
 * store_open_image must accept what tend writes (at this schema and at
 * every older one, built with this tend's own migrations) and refuse an
 * image whose schema differs in any row of sqlite_schema, before a single
 * row is read: a view in place of a table, an extra trigger, index or
 * view, a changed column.  What it opens is a fresh database tend made:
 * the rows are there, the search index is rebuilt from them (not taken
 * from the image), and an image's own search index is never read.  Every
 * query on the store runs under the CPU budget: an endless query is
 * stopped within STORE_IMAGE_SECONDS (and a generous margin) with one
 * sentence; in interactive mode the next statement gets a new budget.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"
#include "tap.h"
#include "testutil.h"
#include "vtest.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

/* A changed copy of img: sql run on it (schema changes allowed); the
 * result is sqlite3_malloc'd. */
static unsigned char *
changed(const unsigned char *img, size_t len, const char *sql, size_t *out)
{
	unsigned char *copy = sqlite3_malloc64(len), *ser;
	sqlite3_int64 n = 0;
	sqlite3 *db;

	memcpy(copy, img, len);
	sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_MEMORY, NULL);
	store_fts_register(db);   /* the indexes' own */
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

static int
count_entry(const struct entry *en, void *arg)
{
	(void)en;
	(*(int *)arg)++;
	return 0;
}

/* The store opens, or says why not in one sentence. */
static int
refused(const unsigned char *img, size_t len, const char *why)
{
	struct store *r = NULL;
	struct err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = store_open_image(img, len, &r, &e);
	if (rc == 0) {
		store_close(r);
		return 0;
	}
	if (r != NULL || !vt_one_sentence(e.msg) || strstr(e.msg, why) ==
	    NULL) {
		tap_diag("refused as: %s", e.msg);
		return 0;
	}
	return 1;
}

static double
cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char endless[] =
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
    "SELECT count(*) FROM r";

/* Run the endless query on the store's connection: the SQLite result and
 * the CPU seconds it took. */
static int
run_endless(struct store *r, double *secs)
{
	sqlite3_stmt *st;
	double t0 = cpu_seconds();
	int rc;

	if (sqlite3_prepare_v2(r->db, endless, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	*secs = cpu_seconds() - t0;
	return rc;
}

int
main(void)
{
	const char *sneaky[] = {
		"CREATE TRIGGER t AFTER INSERT ON agenda BEGIN SELECT 1; END",
		"CREATE VIEW v AS SELECT 1",
		"CREATE INDEX extra ON entries(title)",
		"ALTER TABLE agenda ADD COLUMN extra TEXT",
		"DROP INDEX checkins_time",
		"DROP TABLE agenda; CREATE TABLE agenda(id INTEGER PRIMARY KEY, "
		    "uuid TEXT, text TEXT, created INTEGER, created_off INTEGER, "
		    "done INTEGER)",
		"DROP TABLE entries; CREATE VIEW entries AS WITH RECURSIVE "
		    "r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n "
		    "AS id FROM r",
	};
	struct export_meta m = { NULL, "ABCD-EFGH-IJKL-MNOP", "9.9.9", 0 };
	struct export_scope sc = { 0, 0, 1 };
	struct entry_new en;
	struct entry_filter f;
	struct store *s, *r;
	struct vault *v;
	struct err e;
	unsigned char *img, *bad;
	size_t len, badlen, i;
	char id[STORE_UUID_LEN + 1], *meta = NULL;
	const char *tags[1] = { "seaweed" };
	double secs;
	int n, rc, allok;

	memset(&e, 0, sizeof e);
	test_init();
	v = test_new_vault(test_path("image.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	memset(&en, 0, sizeof en);
	en.title = "Harbour";
	en.body = "pelicanword on the pier";
	en.tags = tags;
	en.ntags = 1;
	en.shared = 1;
	ok(store_entry_add(s, &en, id, &e) == 0, "an entry");
	ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0, "an image");
	store_close(s);
	vault_close(v);

	/* What tend writes opens, as a fresh store with its own index. */
	ok(store_open_image(img, len, &r, &e) == 0, "the image opens: %s",
	    e.msg);
	n = 0;
	ok(store_search(r, "seaweed", 10, count_entry, &n, &e) == 0 && n == 1,
	    "the search index is there, tags included");
	store_close(r);

	/* The image's search index is not read: emptied, search still
	 * finds the entry (the fresh database built its own). */
	bad = changed(img, len, "DELETE FROM entries_fts_data; "
	    "DELETE FROM entries_fts_idx", &badlen);
	n = 0;
	ok(store_open_image(bad, badlen, &r, &e) == 0 &&
	    store_search(r, "pelicanword", 10, count_entry, &n, &e) == 0 &&
	    n == 1, "an image's own search index is never read: %s", e.msg);
	store_close(r);
	sqlite3_free(bad);

	/* Any difference in the schema is refused before a row is read. */
	allok = 1;
	for (i = 0; i < sizeof sneaky / sizeof sneaky[0]; i++) {
		bad = changed(img, len, sneaky[i], &badlen);
		if (!refused(bad, badlen, "not laid out as tend writes it")) {
			allok = 0;
			tap_diag("not refused: %s", sneaky[i]);
		}
		sqlite3_free(bad);
	}
	ok(allok, "%zu schema changes are each refused in one sentence",
	    sizeof sneaky / sizeof sneaky[0]);

	/* Older schemas: what an older tend wrote (this tend's migrations up
	 * to that version) opens; with anything more it does not. */
	bad = changed(img, len, "DROP TABLE measures; "
	    "DROP TABLE measure_defs; DROP TABLE therapists; "
	    "ALTER TABLE checkins DROP COLUMN safety; "
	    TEST_SQL_FTS_V2
	    "PRAGMA user_version = 2", &badlen);
	ok(store_open_image(bad, badlen, &r, &e) == 0 &&
	    store_schema_version(r) == STORE_SCHEMA_VERSION,
	    "a schema 2 image opens at the current schema: %s", e.msg);
	n = 0;
	ok(store_search(r, "harbour", 10, count_entry, &n, &e) == 0 && n == 1,
	    "with its rows");
	store_close(r);
	sqlite3_free(bad);
	bad = changed(img, len, "DROP TABLE measures; "
	    "DROP TABLE measure_defs; DROP TABLE therapists; "
	    "ALTER TABLE checkins DROP COLUMN safety; "
	    TEST_SQL_FTS_V2
	    "CREATE VIEW therapists AS SELECT 1; PRAGMA user_version = 2",
	    &badlen);
	ok(refused(bad, badlen, "not laid out"), "a schema 2 image with a "
	    "view too is refused");
	sqlite3_free(bad);
	bad = changed(img, len, "PRAGMA user_version = 2", &badlen);
	ok(refused(bad, badlen, "schema 2"),
	    "a current image that says it is schema 2 is refused");
	sqlite3_free(bad);

	/* Rows: a constraint the schema makes is checked again. */
	bad = changed(img, len, "PRAGMA ignore_check_constraints = ON; "
	    "UPDATE entries SET kind = 'poison'", &badlen);
	ok(refused(bad, badlen, "rows tend does not write"),
	    "a row its own schema forbids is refused");
	sqlite3_free(bad);

	/* The budget grows with the image, never below the floor. */
	ok(store_image_seconds(len) == STORE_IMAGE_SECONDS,
	    "a small image gets %d s", STORE_IMAGE_SECONDS);
	ok(store_image_seconds((size_t)400 << 20) ==
	    STORE_IMAGE_SECONDS + 400 / STORE_IMAGE_MIB_PER_SECOND,
	    "a 400 MiB image (100,000 entries) gets %d s",
	    store_image_seconds((size_t)400 << 20));

	/* The budget, for the life of the store. */
	ok(store_open_image(img, len, &r, &e) == 0, "open again");
	rc = run_endless(r, &secs);
	ok(rc == SQLITE_INTERRUPT && secs < STORE_IMAGE_SECONDS + 3,
	    "an endless query on the store is stopped (%.1f s CPU)", secs);
	store_sqlerr(r, rc, &e);
	ok(strstr(e.msg, "more work") != NULL && vt_one_sentence(e.msg),
	    "in one sentence: %s", e.msg);
	memset(&f, 0, sizeof f);
	n = 0;
	ok(store_entry_list(r, &f, count_entry, &n, &e) == -1,
	    "the spent budget stays spent: %s", e.msg);
	store_image_interactive(r);
	n = 0;
	ok(store_entry_list(r, &f, count_entry, &n, &e) == 0 && n == 1,
	    "interactive: the next statement has a budget of its own");
	rc = run_endless(r, &secs);
	ok(rc == SQLITE_INTERRUPT, "interactive: still stopped (%.1f s CPU)",
	    secs);

	/* What the reader found out replaces what the image says. */
	ok(store_image_note(r, "export_named", "yes", &e) == 0 &&
	    (meta = store_meta_get(r, "export_named")) != NULL &&
	    strcmp(meta, "yes") == 0, "a note on the image");
	free(meta);
	ok(store_agenda_add(r, "no", id, &e) == -1,
	    "and it is read-only again: %s", e.msg);
	store_close(r);

	vault_wipe(img, len);
	free(img);
	return tap_done();
}
