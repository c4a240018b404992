/*
 * test-store-schema.c: migrations.  A journal built at every earlier
 * schema (with rows in every table) is opened by the current store and
 * migrated with every row intact and the search index filled; a check-in
 * from before schema 4 reads as "safety question not answered"; a schema
 * newer than this tend is refused untouched; a failing migration changes
 * nothing.  Schema 4's safety answer and the share_checkins setting are
 * checked through the store API.  Schema 6: the indexes are rebuilt with
 * tend's tokenizer, and old check-in notes and agenda items are indexed.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

/* Every row of every version-1 table as one text. */
static char *
dump(struct vault *v)
{
	static const char *const sql[] = {
		"SELECT group_concat(key || '=' || value, '|') FROM "
		    "(SELECT * FROM meta WHERE key <> 'created' ORDER BY key)",
		"SELECT group_concat(uuid || created || created_off || updated "
		    "|| title || body || kind || coalesce(prompt, '-') || "
		    "shared || coalesce(trashed, '-'), '|') FROM "
		    "(SELECT * FROM entries ORDER BY id)",
		"SELECT group_concat(entry || saved || title || body, '|') "
		    "FROM (SELECT * FROM entry_revisions ORDER BY id)",
		"SELECT group_concat(entry || tag, '|') FROM "
		    "(SELECT * FROM tags ORDER BY entry, tag)",
		"SELECT group_concat(uuid || time || mood || "
		    "coalesce(anxiety, '-') || coalesce(sleep_hours, '-') || "
		    "symptoms || note, '|') FROM (SELECT * FROM checkins "
		    "ORDER BY id)",
		"SELECT group_concat(uuid || kind || time || title, '|') FROM "
		    "(SELECT * FROM sessions ORDER BY id)",
		"SELECT group_concat(uuid || text || coalesce(done, '-'), '|') "
		    "FROM (SELECT * FROM agenda ORDER BY id)",
	};
	size_t i;
	char *out = xstrdup("");

	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *st;
		const char *t = "";
		char *n;

		if (sqlite3_prepare_v2(vault_db(v), sql[i], -1, &st, NULL) !=
		    SQLITE_OK)
			fatal("dump: %s", sqlite3_errmsg(vault_db(v)));
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL)
			t = (const char *)sqlite3_column_text(st, 0);
		n = xasprintf("%s#%s", out, t);
		sqlite3_finalize(st);
		free(out);
		out = n;
	}
	return out;
}

static int
count(const struct entry *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

/* Every word the search index holds, with where it stands, as one text. */
static char *
index_dump(struct vault *v)
{
	sqlite3_stmt *st;
	char *out;

	test_exec(v, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING "
	    "fts5vocab(main, entries_fts, instance)");
	if (sqlite3_prepare_v2(vault_db(v), "SELECT group_concat(term || ',' "
	    "|| doc || ',' || col || ',' || offset, '|') FROM (SELECT * FROM "
	    "temp.words ORDER BY term, doc, col, offset)", -1, &st, NULL) !=
	    SQLITE_OK)
		fatal("index_dump: %s", sqlite3_errmsg(vault_db(v)));
	out = xstrdup(sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL ?
	    (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return out;
}

/* The index holds exactly what a rebuild from the entries would give. */
static int
index_in_step(struct vault *v)
{
	char *now = index_dump(v), *fresh;
	int same;

	test_exec(v, "INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')");
	fresh = index_dump(v);
	same = strcmp(now, fresh) == 0 && strlen(now) > 0;
	if (!same)
		tap_diag("index: %s\nrebuilt: %s", now, fresh);
	free(now);
	free(fresh);
	return same;
}

/* Tag changes, edits, the trash and its emptying keep the index in step. */
static void
churn(struct vault *v, struct store *s)
{
	const char *t1[] = { "zebra", "apfel" }, *t2[] = { "apfel", "mond" };
	char a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1];
	struct entry_new n;
	struct err e;
	long gone;
	int hits = 0;

	memset(&n, 0, sizeof n);
	n.title = "Am Fluss";
	n.body = "Wasser und Steine";
	n.tags = t1;
	n.ntags = 2;
	if (store_entry_add(s, &n, a, &e) != 0 ||
	    store_entry_add(s, &n, b, &e) != 0)
		fatal("churn: %s", e.msg);
	ok(index_in_step(v), "in step after adding tagged entries");
	n.body = "Wasser, Sand und Wind";
	n.tags = t2;
	ok(store_entry_update(s, a, &n, &e) == 0 &&
	    store_entry_edit(s, b, "nur noch Steine", &e) == 0,
	    "edit and retag");
	ok(index_in_step(v), "in step after edits and new tags");
	ok(store_search(s, "zebra", 0, count, &hits, &e) == 0 && hits == 1,
	    "a removed tag is no longer found");
	hits = 0;
	ok(store_search(s, "sand", 0, count, &hits, &e) == 0 && hits == 1,
	    "the new text is found");
	ok(store_entry_trash(s, b, &e) == 0 &&
	    store_trash_empty(s, &gone, &e) == 0 && gone == 2,
	    "the trash is emptied");
	ok(index_in_step(v), "in step after emptying the trash");
	ok(test_exec(v, "UPDATE tags SET tag = 'x'") != 0,
	    "a tag cannot be changed in place behind the index's back");
}

/* Fill an old journal through the store API (the check-in by hand:
 * the API writes schema 4's safety column). */
static void
fill(struct vault *v, struct store *s)
{
	const char *tags[] = { "meer", "nacht" };
	char id[STORE_UUID_LEN + 1], gone[STORE_UUID_LEN + 1];
	struct entry_new n;
	struct err e;

	memset(&n, 0, sizeof n);
	n.title = "Tr\xc3\xa4ume";
	n.body = "Ich tr\xc3\xa4umte vom Meer";
	n.kind = "dream";
	n.tags = tags;
	n.ntags = 2;
	n.when = 1767261600;
	if (store_entry_add(s, &n, id, &e) != 0 ||
	    store_entry_edit(s, id, "zweite Fassung", &e) != 0)
		fatal("fill: %s", e.msg);
	n.title = NULL;
	n.ntags = 0;
	n.body = "in the trash";
	if (store_entry_add(s, &n, gone, &e) != 0 ||
	    store_entry_trash(s, gone, &e) != 0)
		fatal("fill: %s", e.msg);
	if (test_exec(v, "INSERT INTO checkins(uuid, time, time_off, mood, "
	    "anxiety, sleep_hours, symptoms, note, shared) VALUES ("
	    "'0b0e0c0a-0000-4000-8000-000000000001', 1767100000, 60, 4, 6, "
	    "6.5, '[\"nightmares\"]', 'tired', 1)") != SQLITE_OK ||
	    store_session_add(s, SESSION_MEDICINE, 1767000000, "first", NULL,
	    id, &e) != 0 ||
	    store_agenda_add(s, "the house", id, &e) != 0 ||
	    store_agenda_done(s, id, &e) != 0 ||
	    store_meta_set(s, "owner", "R.", &e) != 0)
		fatal("fill: %s", e.msg);
}

static int
count_hit(const struct store_hit *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static int
safety_of(const struct checkin *c, void *arg)
{
	*(int *)arg = (int)c->safety;
	return 0;
}

static int
count_checkin(const struct checkin *c, void *arg)
{
	(void)c;
	(*(int *)arg)++;
	return 0;
}

/* A journal made at schema ver, filled, opened by this tend. */
static void
migrate_from(int ver)
{
	char name[32], *before, *after;
	struct store *s;
	struct vault *v;
	struct err e;
	int safety = -1;

	snprintf(name, sizeof name, "from%d.tend", ver);
	v = test_new_vault(test_path(name));
	ok(store_open_at(v, ver, &s, &e) == 0 && store_schema_version(s) ==
	    ver, "schema %d: made", ver);
	fill(v, s);
	store_close(s);
	before = dump(v);
	vault_close(v);
	v = test_open_vault(test_path(name));
	ok(store_open(v, &s, &e) == 0 && store_schema_version(s) ==
	    STORE_SCHEMA_VERSION && test_int(v, "PRAGMA user_version") ==
	    STORE_SCHEMA_VERSION, "schema %d: migrated to %d", ver,
	    STORE_SCHEMA_VERSION);
	after = dump(v);
	ok(strcmp(before, after) == 0, "schema %d: every row intact", ver);
	ok(store_checkin_list(s, 0, 0, safety_of, &safety, &e) == 0 &&
	    safety == CHECKIN_SAFETY_UNANSWERED,
	    "schema %d: an old check-in's safety question: not answered", ver);
	store_close(s);
	vault_close(v);
	free(before);
	free(after);
}

/* Schema 4: the safety answer, the flagged check-ins, the setting. */
static void
test_safety(void)
{
	static const enum checkin_safety answers[] = {
		CHECKIN_SAFETY_UNANSWERED, CHECKIN_SAFETY_NO, CHECKIN_SAFETY_YES,
	};
	char id[STORE_UUID_LEN + 1];
	struct checkin_new c;
	enum checkin_safety parsed;
	struct store *s;
	struct vault *v;
	struct err e;
	size_t i;
	int n = 0;
	char *json;

	v = test_new_vault(test_path("safety.tend"));
	ok(store_open(v, &s, &e) == 0, "a new journal");
	memset(&c, 0, sizeof c);
	c.anxiety = c.sleep = c.energy = c.connection = CHECKIN_UNSET;
	c.sleep_hours = CHECKIN_UNSET;
	c.mood = 5;
	for (i = 0; i < 3; i++) {
		c.safety = answers[i];
		c.when = 1767000000 + (time_t)i;
		if (store_checkin_add(s, &c, id, &e) != 0)
			tap_diag("add: %s", e.msg);
	}
	ok(test_int(v, "SELECT count(*) FROM checkins WHERE safety IS NULL") ==
	    1 && test_int(v, "SELECT count(*) FROM checkins WHERE safety = 0") ==
	    1 && test_int(v, "SELECT count(*) FROM checkins WHERE safety = 1") ==
	    1, "stored as NULL, 0 and 1");
	ok(test_exec(v, "UPDATE checkins SET safety = 2") != SQLITE_OK,
	    "the table refuses any other answer");
	c.safety = CHECKIN_SAFETY_UNANSWERED;
	c.mood = 2;
	c.when = 1767000100;
	ok(store_checkin_add(s, &c, id, &e) == 0, "a low mood");
	c.mood = 3;
	c.when = 1767000200;
	ok(store_checkin_add(s, &c, id, &e) == 0, "a mood of 3");
	ok(store_checkin_flagged(s, count_checkin, &n, &e) == 0 && n == 2,
	    "flagged: the yes and the mood of 2, not the 3 (%d)", n);
	ok(store_checkin_flagged_json(s, &json, &e) == 0 &&
	    strstr(json, "\"why\":[\"safety\"]") != NULL &&
	    strstr(json, "\"why\":[\"low mood\"]") != NULL &&
	    strstr(json, "\"mood\":3") == NULL, "flagged as JSON, with why");
	free(json);
	ok(store_checkin_list_json(s, 0, 0, &json, &e) == 0 &&
	    strstr(json, "\"safety\":\"yes\"") != NULL &&
	    strstr(json, "\"safety\":\"no\"") != NULL &&
	    strstr(json, "\"safety\":null") != NULL, "listed as yes, no, null");
	free(json);
	ok(store_safety_parse("YES", &parsed) == 0 &&
	    parsed == CHECKIN_SAFETY_YES && store_safety_parse("no", &parsed) ==
	    0 && parsed == CHECKIN_SAFETY_NO && store_safety_parse("maybe",
	    &parsed) == -1, "yes and no parse, maybe does not");

	ok(store_checkin_share_default(s) == 1,
	    "check-ins are shared by default");
	ok(store_checkin_share_default_set(s, 0, &e) == 0 &&
	    store_checkin_share_default(s) == 0 && test_int(v,
	    "SELECT value = '0' FROM meta WHERE key = 'share_checkins'") == 1,
	    "the setting turns it off, in the journal");
	ok(store_checkin_share_default_set(s, 1, &e) == 0 &&
	    store_checkin_share_default(s) == 1, "and on again");
	store_close(s);
	vault_close(v);
}

int
main(void)
{
	struct store *s;
	struct vault *v;
	struct err e;
	char *before, *after;
	int hits = 0, ver, k;

	test_init();
	for (ver = 1; ver < STORE_SCHEMA_VERSION; ver++)
		migrate_from(ver);
	test_safety();

	v = test_new_vault(test_path("v1.tend"));
	ok(store_open_at(v, 1, &s, &e) == 0, "open at schema 1");
	ok(store_schema_version(s) == 1, "schema version 1");
	ok(test_int(v, "PRAGMA user_version") == 1, "user_version 1");
	ok(test_int(v, "SELECT count(*) FROM sqlite_schema WHERE name = "
	    "'entries_fts'") == 0, "no search index at version 1");
	fill(v, s);
	store_close(s);
	before = dump(v);
	vault_close(v);

	v = test_open_vault(test_path("v1.tend"));
	ok(store_open(v, &s, &e) == 0, "the current store opens it");
	ok(store_schema_version(s) == STORE_SCHEMA_VERSION,
	    "migrated to version %d", STORE_SCHEMA_VERSION);
	ok(test_int(v, "PRAGMA user_version") == STORE_SCHEMA_VERSION,
	    "user_version bumped");
	after = dump(v);
	ok(strcmp(before, after) == 0, "every row intact (%zu bytes)",
	    strlen(after));
	ok(store_search(s, "traumte", 0, count, &hits, &e) == 0 && hits == 0,
	    "the old text is not indexed (it was edited)");
	ok(store_search(s, "zweite", 0, count, &hits, &e) == 0 && hits == 1,
	    "the index was filled from existing rows");
	hits = 0;
	ok(store_search(s, "nacht", 0, count, &hits, &e) == 0 && hits == 1,
	    "tags of existing rows are indexed");
	hits = 0;
	ok(store_search(s, "trash", 0, count, &hits, &e) == 0 && hits == 0,
	    "trashed entries are not found");
	ok(store_draft_save(s, "new", "half a thought", &e) == 0,
	    "the drafts table exists");
	store_close(s);
	free(before);
	free(after);

	/* Opening again is a no-op. */
	ok(store_open(v, &s, &e) == 0 && store_schema_version(s) ==
	    STORE_SCHEMA_VERSION, "reopening does not migrate again");
	store_close(s);

	/* A newer schema is refused and left alone. */
	test_exec(v, "PRAGMA user_version = 99");
	ok(store_open(v, &s, &e) == -1 && strstr(e.msg, "newer") != NULL,
	    "a newer schema is refused: %s", e.msg);
	ok(test_int(v, "PRAGMA user_version") == 99, "and not touched");
	vault_close(v);

	/* A migration that fails leaves version 1 as it was. */
	v = test_new_vault(test_path("v1b.tend"));
	ok(store_open_at(v, 1, &s, &e) == 0, "another journal at version 1");
	store_close(s);
	test_exec(v, "CREATE TABLE drafts (x)");
	ok(store_open(v, &s, &e) == -1, "a failing migration is an error: %s",
	    e.msg);
	ok(test_int(v, "PRAGMA user_version") == 1, "still version 1");
	ok(test_int(v, "SELECT count(*) FROM sqlite_schema WHERE name = "
	    "'entries_fts'") == 0, "nothing of version 2 was left behind");
	vault_close(v);

	/* From every earlier version: the index is rebuilt without a copy of
	 * the text, finds the same entries and stays in step. */
	for (k = 1; k < STORE_SCHEMA_VERSION; k++) {
		char *path = xasprintf("old%d.tend", k);

		v = test_new_vault(test_path(path));
		ok(store_open_at(v, k, &s, &e) == 0, "a journal at schema %d", k);
		fill(v, s);
		store_close(s);
		ok(store_open(v, &s, &e) == 0 && store_schema_version(s) ==
		    STORE_SCHEMA_VERSION, "schema %d migrates to %d", k,
		    STORE_SCHEMA_VERSION);
		ok(test_int(v, "SELECT count(*) FROM sqlite_schema WHERE "
		    "name = 'entries_fts_content'") == 0,
		    "from %d: the index keeps no copy of the text", k);
		hits = 0;
		ok(store_search(s, "zweite", 0, count, &hits, &e) == 0 &&
		    hits == 1, "from %d: entries are found", k);
		hits = 0;
		ok(store_search(s, "meer", 0, count, &hits, &e) == 0 &&
		    hits == 1, "from %d: tags are found", k);
		ok(index_in_step(v), "from %d: the index is in step", k);
		hits = 0;
		ok(store_find(s, "tired", 0, count_hit, &hits, &e) == 0 &&
		    hits == 1 && store_find(s, "house", 0, count_hit, &hits,
		    &e) == 0 && hits == 2, "from %d: the old check-in note and "
		    "agenda item are found", k);
		hits = 0;
		ok(store_search(s, "traeume", 0, count, &hits, &e) == 0 &&
		    hits == 1, "from %d: the rebuilt index knows ae for ä", k);
		ok(test_int(v, "SELECT count(*) FROM checkins_fts_docsize") ==
		    test_int(v, "SELECT count(*) FROM checkins") &&
		    test_int(v, "SELECT count(*) FROM agenda_fts_docsize") ==
		    test_int(v, "SELECT count(*) FROM agenda") &&
		    test_exec(v, "INSERT INTO checkins_fts(checkins_fts) "
		    "VALUES ('integrity-check'); INSERT INTO agenda_fts("
		    "agenda_fts) VALUES ('integrity-check')") == SQLITE_OK,
		    "from %d: notes and agenda indexed, every row once", k);
		churn(v, s);
		store_close(s);
		vault_close(v);
		free(path);
	}
	return tap_done();
}
