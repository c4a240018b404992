/*
 * test-store-export.c: the shared subset of a journal as a database image.
 *
 * The image holds what the scope says and nothing else: an entry or a
 * check-in not marked shared, a trashed entry, an earlier revision, a
 * draft, the safety plan and a done agenda item are searched for in the
 * serialized bytes (memmem) and must be absent; with "all" the unshared
 * entry and check-in are present.  A check-in's safety answer travels
 * with it.
 * The image opens as a read-only store on which the normal read API
 * (lists, search, JSON, meta) works and every write fails.  Building it
 * never opens a file: a counting VFS registered as the default after the
 * vault library started sees no xOpen.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

static int opens;
static sqlite3_vfs counting, *real;

static int
count_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f,
    int flags, int *out)
{
	(void)vfs;
	opens++;
	return real->xOpen(real, name, f, flags, out);
}

static int
has(const unsigned char *img, size_t len, const char *word)
{
	return memmem(img, len, word, strlen(word)) != NULL;
}

static int
count_entry(const struct entry *en, void *arg)
{
	(void)en;
	(*(int *)arg)++;
	return 0;
}

static int
count_checkin(const struct checkin *c, void *arg)
{
	(void)c;
	(*(int *)arg)++;
	return 0;
}

static int
count_flagged(const struct checkin *c, void *arg)
{
	if (c->safety == CHECKIN_SAFETY_YES &&
	    strcmp(c->note, "checkinnoteword") == 0)
		(*(int *)arg)++;
	return 0;
}

static int
count_agenda(const struct agenda_item *a, void *arg)
{
	(void)a;
	(*(int *)arg)++;
	return 0;
}

static int
count_therapist(const struct therapist *t, void *arg)
{
	(void)t;
	(*(int *)arg)++;
	return 0;
}

static void
add(struct store *s, const char *title, const char *body, const char *tag,
    int shared, time_t when, char uuid[STORE_UUID_LEN + 1])
{
	const char *tags[1];
	struct entry_new n;
	struct err e;

	memset(&n, 0, sizeof n);
	tags[0] = tag;
	n.title = title;
	n.body = body;
	n.tags = tags;
	n.ntags = tag != NULL;
	n.shared = shared;
	n.when = when;
	if (store_entry_add(s, &n, uuid, &e) != 0)
		tap_diag("add: %s", e.msg);
}

int
main(void)
{
	const time_t day = 86400, t0 = 1790000000;
	char id[STORE_UUID_LEN + 1], trash[STORE_UUID_LEN + 1];
	char edited[STORE_UUID_LEN + 1], agenda_done[STORE_UUID_LEN + 1];
	struct export_meta m = { NULL, "ABCD-EFGH-IJKL-MNOP", "9.9.9", t0 };
	struct export_scope sc = { 0, 0, 0 };
	struct export_counts c;
	struct checkin_new cn;
	struct store *s, *r;
	struct vault *v;
	struct err e;
	unsigned char *img;
	size_t len;
	char *json, *meta;
	int n;

	memset(&e, 0, sizeof e);
	test_init();
	v = test_new_vault(test_path("export.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	store_meta_set(s, "owner", "river", &e);
	store_meta_set(s, "safety_plan", "safetyplanwordzz", &e);
	add(s, "sharedtitleword", "sharedpelicanword body", "sharedtagword", 1,
	    t0, id);
	add(s, NULL, "privatequetzalword body", "privatetagword", 0,
	    t0 + day, id);
	add(s, NULL, "oldrevisionwordzz first", NULL, 1, t0 + 2 * day, edited);
	ok(store_entry_edit(s, edited, "newrevisionword now", &e) == 0,
	    "edit a shared entry");
	add(s, NULL, "trashedwordzz body", NULL, 1, t0 + 3 * day, trash);
	ok(store_entry_trash(s, trash, &e) == 0, "trash a shared entry");
	add(s, NULL, "earlysharedword body", NULL, 1, t0 - 30 * day, id);
	ok(store_draft_save(s, "new", "draftwordzz typing", &e) == 0,
	    "a draft");
	memset(&cn, 0, sizeof cn);
	cn.mood = 6;
	cn.anxiety = cn.sleep = cn.energy = cn.connection = CHECKIN_UNSET;
	cn.sleep_hours = CHECKIN_UNSET;
	cn.note = "checkinnoteword";
	cn.when = t0 + day;
	cn.shared = 1;
	cn.safety = CHECKIN_SAFETY_YES;
	ok(store_checkin_add(s, &cn, id, &e) == 0, "a check-in");
	cn.safety = CHECKIN_SAFETY_UNANSWERED;
	cn.when = t0 - 30 * day;
	cn.note = "earlycheckinword";
	ok(store_checkin_add(s, &cn, id, &e) == 0, "an early check-in");
	cn.when = t0 + day + 60;
	cn.note = "privatecheckinword";
	cn.shared = 0;
	cn.safety = CHECKIN_SAFETY_NO;
	ok(store_checkin_add(s, &cn, id, &e) == 0, "a private check-in");
	ok(store_session_add(s, SESSION_MEDICINE, t0 - day, "sessiontitleword",
	    NULL, id, &e) == 0, "a session");
	ok(store_agenda_add(s, "agendaopenword", id, &e) == 0, "agenda item");
	ok(store_agenda_add(s, "agendadoneword", agenda_done, &e) == 0 &&
	    store_agenda_done(s, agenda_done, &e) == 0, "a done agenda item");

	/* Counts first: what the export will say before writing. */
	ok(store_export_counts(s, &sc, &c, &e) == 0, "counts");
	ok(c.entries_shared == 3 && c.entries_private == 1,
	    "3 shared, 1 private entry (%ld, %ld)", c.entries_shared,
	    c.entries_private);
	ok(c.checkins == 2 && c.sessions == 1 && c.agenda == 1,
	    "2 check-ins, 1 session, 1 open agenda item (%ld %ld %ld)",
	    c.checkins, c.sessions, c.agenda);
	ok(c.checkins_private == 1, "1 private check-in left out (%ld)",
	    c.checkins_private);
	ok(c.first == t0 - 30 * day && c.last == t0 + 2 * day,
	    "first and last moment");

	/* The default scope, never touching the disk. */
	real = sqlite3_vfs_find(NULL);
	counting = *real;
	counting.zName = "counting";
	counting.xOpen = count_open;
	ok(sqlite3_vfs_register(&counting, 1) == SQLITE_OK,
	    "a counting VFS is the default");
	ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0,
	    "export image: %s", e.msg);
	ok(opens == 0, "building the image opened no file (%d)", opens);
	sqlite3_vfs_unregister(&counting);
	ok(has(img, len, "sharedpelicanword") && has(img, len,
	    "sharedtitleword") && has(img, len, "sharedtagword") &&
	    has(img, len, "newrevisionword"), "shared text is in the image");
	ok(!has(img, len, "privatequetzalword") &&
	    !has(img, len, "privatetagword"),
	    "the unshared entry's text and tag are not in the image");
	ok(!has(img, len, "oldrevisionwordzz"), "no earlier revision");
	ok(!has(img, len, "trashedwordzz"), "nothing from the trash");
	ok(!has(img, len, "draftwordzz"), "no draft");
	ok(!has(img, len, "safetyplanwordzz"), "no safety plan");
	ok(!has(img, len, "agendadoneword") && has(img, len, "agendaopenword"),
	    "open agenda items only");
	ok(has(img, len, "checkinnoteword") && has(img, len,
	    "sessiontitleword"), "check-ins and sessions");
	ok(!has(img, len, "privatecheckinword"),
	    "the private check-in's note is not in the image");

	/* The image as a store. */
	ok(store_open_image(img, len, &r, &e) == 0, "the image opens: %s",
	    e.msg);
	vault_wipe(img, len);
	free(img);
	ok(store_is_image(r) && !store_is_image(s), "store_is_image");
	n = 0;
	{
		struct entry_filter f;

		memset(&f, 0, sizeof f);
		ok(store_entry_list(r, &f, count_entry, &n, &e) == 0 && n == 3,
		    "three entries listed");
	}
	n = 0;
	ok(store_search(r, "sharedpelican*", 10, count_entry, &n, &e) == 0 && n == 1,
	    "search works in the image");
	n = 0;
	ok(store_search(r, "sharedtagword", 10, count_entry, &n, &e) == 0 &&
	    n == 1, "tags are in the search index");
	n = 0;
	ok(store_checkin_list(r, 0, 0, count_checkin, &n, &e) == 0 && n == 2,
	    "check-ins listed: the two shared ones");
	n = 0;
	ok(store_checkin_flagged(r, count_flagged, &n, &e) == 0 && n == 1,
	    "the safety yes travelled with its check-in");
	n = 0;
	ok(store_agenda_list(r, count_agenda, &n, &e) == 0 && n == 1,
	    "agenda listed");
	ok(store_session_list_json(r, &json, &e) == 0 &&
	    strstr(json, "sessiontitleword") != NULL, "sessions as JSON");
	free(json);
	meta = store_meta_get(r, "export_alias");
	ok(meta != NULL && strcmp(meta, "river") == 0, "alias from owner");
	free(meta);
	meta = store_meta_get(r, "export_fingerprint");
	ok(meta != NULL && strcmp(meta, m.fingerprint) == 0, "fingerprint");
	free(meta);
	meta = store_meta_get(r, "export_all");
	ok(meta != NULL && strcmp(meta, "0") == 0, "export_all 0");
	free(meta);
	meta = store_meta_get(r, "export_time");
	ok(meta != NULL && strtoll(meta, NULL, 10) == (long long)t0,
	    "export time");
	free(meta);
	ok(store_agenda_add(r, "no", id, &e) == -1, "writes fail: %s", e.msg);
	ok(store_meta_set(r, "title", "x", &e) == -1, "meta writes fail");
	store_close(r);

	/* A range. */
	sc.since = t0 - day;
	ok(store_export_counts(s, &sc, &c, &e) == 0 && c.entries_shared == 2 &&
	    c.checkins == 1 && c.first == t0, "counts in a range");
	ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0, "range image");
	ok(!has(img, len, "earlysharedword") &&
	    !has(img, len, "earlycheckinword") &&
	    has(img, len, "sessiontitleword"),
	    "the range leaves earlier text out, keeps sessions");
	vault_wipe(img, len);
	free(img);

	/* With all. */
	sc.since = 0;
	sc.all = 1;
	m.alias = "other alias";
	ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0, "all image");
	ok(has(img, len, "privatequetzalword") && has(img, len,
	    "privatetagword"), "with all the unshared entry is included");
	ok(has(img, len, "privatecheckinword"),
	    "with all the private check-in is included");
	ok(!has(img, len, "trashedwordzz") && !has(img, len,
	    "oldrevisionwordzz"), "still no trash or revisions");
	ok(store_open_image(img, len, &r, &e) == 0, "reopen");
	meta = store_meta_get(r, "export_alias");
	ok(meta != NULL && strcmp(meta, "other alias") == 0, "alias given");
	free(meta);
	store_close(r);

	/* An image from an older tend (schema 2) is brought up to date in
	 * memory and stays read-only. */
	{
		sqlite3 *raw;
		unsigned char *old, *copy = sqlite3_malloc64(len);
		sqlite3_int64 oldlen = 0;

		memcpy(copy, img, len);
		sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_MEMORY, NULL);
		store_fts_register(raw);
		sqlite3_deserialize(raw, "main", copy, (sqlite3_int64)len,
		    (sqlite3_int64)len, SQLITE_DESERIALIZE_FREEONCLOSE |
		    SQLITE_DESERIALIZE_RESIZEABLE);
		/* The search indexes and the questionnaires back to schema
		 * 2's (testutil.h). */
		ok(sqlite3_exec(raw, "DROP TABLE measures; "
		    "DROP TABLE measure_defs; DROP TABLE therapists; "
		    "ALTER TABLE checkins DROP COLUMN safety; "
		    TEST_SQL_FTS_V2
		    "PRAGMA user_version = 2", NULL, NULL, NULL) == SQLITE_OK,
		    "make a schema 2 image");
		old = sqlite3_serialize(raw, "main", &oldlen, 0);
		sqlite3_close(raw);
		ok(store_open_image(old, (size_t)oldlen, &r, &e) == 0 &&
		    store_schema_version(r) == STORE_SCHEMA_VERSION,
		    "an older image opens at the current schema: %s", e.msg);
		n = 0;
		{
			struct entry_filter f;

			memset(&f, 0, sizeof f);
			ok(store_entry_list(r, &f, count_entry, &n, &e) == 0 &&
			    n == 4, "with its entries");
		}
		ok(store_agenda_add(r, "no", id, &e) == -1,
		    "and is read-only: %s", e.msg);
		store_close(r);
		sqlite3_free(old);
	}

	/* Not an image. */
	memset(img, 'x', 600);
	ok(store_open_image(img, len, &r, &e) == -1 && r == NULL,
	    "garbage is refused: %s", e.msg);
	memcpy(img, "SQLite format 3", 16);
	ok(store_open_image(img, len, &r, &e) == -1,
	    "a damaged image is refused: %s", e.msg);
	vault_wipe(img, len);
	free(img);

	/* Therapists, kept in the journal and never exported. */
	{
		unsigned char k1[32], k2[32], got[32];

		memset(k1, 0x11, sizeof k1);
		memset(k2, 0x22, sizeof k2);
		ok(store_therapist_add(s, "Dr Ada", k1, &e) == 0,
		    "add a therapist");
		ok(store_therapist_add(s, "Dr Ada", k2, &e) == -1,
		    "the same name twice is refused: %s", e.msg);
		ok(store_therapist_add(s, "Other", k1, &e) == -1,
		    "the same key twice is refused: %s", e.msg);
		ok(store_therapist_add(s, "bad\tname", k2, &e) == -1,
		    "a control character is refused");
		ok(store_therapist_add(s, "Bo", k2, &e) == 0, "a second one");
		n = 0;
		ok(store_therapist_list(s, count_therapist, &n, &e) == 0 &&
		    n == 2, "two listed");
		ok(store_therapist_get(s, "Bo", got, &e) == 0 &&
		    memcmp(got, k2, 32) == 0, "get the key by name");
		sc.all = 1;
		ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0 &&
		    !has(img, len, "Dr Ada"), "therapists are not exported");
		vault_wipe(img, len);
		free(img);
		ok(store_therapist_rm(s, "Bo", &e) == 0, "remove one");
		ok(store_therapist_rm(s, "Bo", &e) == -1 &&
		    strstr(e.msg, "Bo") != NULL, "removing it again: %s",
		    e.msg);
		ok(store_therapist_get(s, "Bo", got, &e) == -1, "gone");
	}

	store_close(s);
	vault_close(v);
	return tap_done();
}
