/*
 * schema.c: the journal's tables and the numbered migrations between them.
 *
 * The schema version is PRAGMA user_version.  migrations[i] takes version i
 * to version i + 1; a step, once released, is never changed (the test in
 * tests/unit/test-store-schema.c builds version 1 with the step below and
 * migrates it).  All pending steps and the version bump run in one
 * transaction, so a crash leaves the old schema or the new one.  A version
 * newer than this tend knows is refused before anything is written.
 *
 * Times are UTC seconds; *_off columns are the local UTC offset in minutes
 * at the time of writing.
 */
#include "config.h"

#include "tend/store.h"

#include <stdio.h>

#include "store/store-int.h"
#include "tend/err.h"

/* Version 1: the journal's records. */
static const char schema_v1[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT"
    ") WITHOUT ROWID;"
    "INSERT INTO meta(key, value) VALUES"
    "  ('created', strftime('%s', 'now')), ('title', 'Journal');"
    "CREATE TABLE entries ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  created INTEGER NOT NULL,"
    "  created_off INTEGER NOT NULL,"
    "  updated INTEGER NOT NULL,"
    "  title TEXT NOT NULL DEFAULT '',"
    "  body TEXT NOT NULL,"
    "  kind TEXT NOT NULL DEFAULT 'journal'"
    "    CHECK (kind IN ('journal', 'reflection', 'dream', 'other')),"
    "  prompt TEXT,"
    "  shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),"
    "  trashed INTEGER"
    ");"
    "CREATE INDEX entries_created ON entries(created);"
    "CREATE TABLE entry_revisions ("
    "  id INTEGER PRIMARY KEY,"
    "  entry INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
    "  saved INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  body TEXT NOT NULL"
    ");"
    "CREATE INDEX entry_revisions_entry ON entry_revisions(entry);"
    "CREATE TABLE tags ("
    "  entry INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
    "  tag TEXT NOT NULL CHECK (tag <> ''),"
    "  PRIMARY KEY (entry, tag)"
    ") WITHOUT ROWID;"
    "CREATE INDEX tags_tag ON tags(tag);"
    "CREATE TABLE checkins ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  time INTEGER NOT NULL,"
    "  time_off INTEGER NOT NULL,"
    "  mood INTEGER NOT NULL CHECK (mood BETWEEN 0 AND 10),"
    "  anxiety INTEGER CHECK (anxiety BETWEEN 0 AND 10),"
    "  sleep INTEGER CHECK (sleep BETWEEN 0 AND 10),"
    "  sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),"
    "  energy INTEGER CHECK (energy BETWEEN 0 AND 10),"
    "  connection INTEGER CHECK (connection BETWEEN 0 AND 10),"
    "  symptoms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(symptoms)),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1))"
    ");"
    "CREATE INDEX checkins_time ON checkins(time);"
    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL CHECK (kind IN"
    "    ('preparation', 'medicine', 'integration', 'other')),"
    "  time INTEGER NOT NULL,"
    "  time_off INTEGER NOT NULL,"
    "  title TEXT NOT NULL DEFAULT '',"
    "  notes TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX sessions_time ON sessions(time);"
    "CREATE TABLE agenda ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  text TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  created_off INTEGER NOT NULL,"
    "  done INTEGER"
    ");";

/* Version 2: editor drafts; the full-text index over entries (titles,
 * bodies, tags), kept in sync by triggers (unicode61 with
 * remove_diacritics 2 folds case and accents: "traume" finds "Träume");
 * an index that lets counts and lists skip the trash without reading
 * every entry. */
static const char schema_v2[] =
    "CREATE INDEX entries_trashed ON entries(trashed, created);"
    "CREATE TABLE drafts ("
    "  key TEXT PRIMARY KEY,"
    "  text TEXT NOT NULL,"
    "  saved INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tags,"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO entries_fts(rowid, title, body, tags)"
    "  SELECT id, title, body, coalesce((SELECT group_concat(tag, ' ')"
    "    FROM tags WHERE entry = entries.id), '') FROM entries;"
    "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN"
    "  INSERT INTO entries_fts(rowid, title, body, tags)"
    "    VALUES (new.id, new.title, new.body, '');"
    "END;"
    "CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body"
    "  ON entries BEGIN"
    "  UPDATE entries_fts SET title = new.title, body = new.body"
    "    WHERE rowid = new.id;"
    "END;"
    "CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN"
    "  DELETE FROM entries_fts WHERE rowid = old.id;"
    "END;"
    "CREATE TRIGGER tags_fts_insert AFTER INSERT ON tags BEGIN"
    "  UPDATE entries_fts SET tags = (SELECT group_concat(tag, ' ')"
    "    FROM tags WHERE entry = new.entry) WHERE rowid = new.entry;"
    "END;"
    "CREATE TRIGGER tags_fts_delete AFTER DELETE ON tags BEGIN"
    "  UPDATE entries_fts SET tags = coalesce((SELECT group_concat(tag, ' ')"
    "    FROM tags WHERE entry = old.entry), '') WHERE rowid = old.entry;"
    "END;";

/* Version 3: the therapists a patient shares with: a name of the
 * patient's choosing and the therapist's X25519 public key (32 bytes). */
static const char schema_v3[] =
    "CREATE TABLE therapists ("
    "  name TEXT PRIMARY KEY CHECK (name <> ''),"
    "  key BLOB NOT NULL UNIQUE CHECK (length(key) = 32),"
    "  added INTEGER NOT NULL"
    ") WITHOUT ROWID;";

/* Version 4: the answer to the check-in's safety question (thoughts of
 * harming oneself): NULL not answered, 0 no, 1 yes.  Clinical data, so
 * it is kept and travels with a shared check-in. */
static const char schema_v4[] =
    "ALTER TABLE checkins ADD COLUMN safety INTEGER"
    "  CHECK (safety IN (0, 1));";

/* Version 5: the search index keeps no copy of the text.  entries_fts
 * becomes an FTS5 index with external content: the words it finds are read
 * back from entries (through the view entries_fts_src, which adds the
 * entry's tags in order) for snippets, so each entry is stored once.  An
 * external-content index forgets a row only when told the exact text it
 * indexed, so the triggers hand it the old title, body and tags before the
 * new ones; an entry is taken out before it is deleted, and the tag
 * triggers leave alone an entry that is already gone (the cascade of its
 * tags runs after the row itself is deleted). */
#define FTS_TAGS(where) \
    "coalesce((SELECT group_concat(tag, ' ') FROM (SELECT tag FROM (" \
    where ") ORDER BY tag)), '')"
static const char schema_v5[] =
    "DROP TRIGGER entries_fts_insert;"
    "DROP TRIGGER entries_fts_update;"
    "DROP TRIGGER entries_fts_delete;"
    "DROP TRIGGER tags_fts_insert;"
    "DROP TRIGGER tags_fts_delete;"
    "DROP TABLE entries_fts;"
    "CREATE VIEW entries_fts_src(id, title, body, tags) AS"
    "  SELECT id, title, body, "
    FTS_TAGS("SELECT tag FROM tags WHERE entry = entries.id")
    "  FROM entries;"
    "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tags,"
    "  content = 'entries_fts_src', content_rowid = 'id',"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO entries_fts(entries_fts) VALUES ('rebuild');"
    "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN"
    "  INSERT INTO entries_fts(rowid, title, body, tags)"
    "    SELECT id, title, body, tags FROM entries_fts_src"
    "    WHERE id = new.id;"
    "END;"
    "CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body"
    "  ON entries BEGIN"
    "  INSERT INTO entries_fts(entries_fts, rowid, title, body, tags)"
    "    SELECT 'delete', old.id, old.title, old.body, tags"
    "    FROM entries_fts_src WHERE id = new.id;"
    "  INSERT INTO entries_fts(rowid, title, body, tags)"
    "    SELECT id, title, body, tags FROM entries_fts_src"
    "    WHERE id = new.id;"
    "END;"
    "CREATE TRIGGER entries_fts_delete BEFORE DELETE ON entries BEGIN"
    "  INSERT INTO entries_fts(entries_fts, rowid, title, body, tags)"
    "    SELECT 'delete', id, title, body, tags FROM entries_fts_src"
    "    WHERE id = old.id;"
    "END;"
    "CREATE TRIGGER tags_fts_insert AFTER INSERT ON tags"
    "  WHEN EXISTS (SELECT 1 FROM entries WHERE id = new.entry) BEGIN"
    "  INSERT INTO entries_fts(entries_fts, rowid, title, body, tags)"
    "    SELECT 'delete', id, title, body, "
    FTS_TAGS("SELECT tag FROM tags WHERE entry = new.entry"
    " AND tag <> new.tag")
    "    FROM entries WHERE id = new.entry;"
    "  INSERT INTO entries_fts(rowid, title, body, tags)"
    "    SELECT id, title, body, tags FROM entries_fts_src"
    "    WHERE id = new.entry;"
    "END;"
    "CREATE TRIGGER tags_fts_delete AFTER DELETE ON tags"
    "  WHEN EXISTS (SELECT 1 FROM entries WHERE id = old.entry) BEGIN"
    "  INSERT INTO entries_fts(entries_fts, rowid, title, body, tags)"
    "    SELECT 'delete', id, title, body, "
    FTS_TAGS("SELECT tag FROM tags WHERE entry = old.entry"
    " UNION ALL SELECT old.tag")
    "    FROM entries WHERE id = old.entry;"
    "  INSERT INTO entries_fts(rowid, title, body, tags)"
    "    SELECT id, title, body, tags FROM entries_fts_src"
    "    WHERE id = old.entry;"
    "END;"
    "CREATE TRIGGER tags_fts_update AFTER UPDATE ON tags BEGIN"
    "  SELECT RAISE(ABORT, 'tags are added and removed, not changed');"
    "END;";
#undef FTS_TAGS

/* Version 6: questionnaires (measure.c, measure-store.c).  measure_defs
 * keeps every version of each questionnaire the patient added, as its
 * file text, by version hash; built-in ones are compiled in and not
 * stored.  measures holds each time a questionnaire was answered: the
 * instrument's name, the version hash of the definition it was answered
 * against, the answers as a JSON array of whole numbers in item order, and
 * the shared flag (as check-ins).  Scores are computed when read. */
static const char schema_v6[] =
    "CREATE TABLE measure_defs ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 24),"
    "  version TEXT NOT NULL UNIQUE CHECK (length(version) = 16),"
    "  added INTEGER NOT NULL,"
    "  source TEXT NOT NULL CHECK (length(CAST(source AS BLOB)) <= 65536)"
    ");"
    "CREATE INDEX measure_defs_name ON measure_defs(name COLLATE NOCASE);"
    "CREATE TABLE measures ("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 24),"
    "  version TEXT NOT NULL CHECK (length(version) = 16),"
    "  time INTEGER NOT NULL,"
    "  time_off INTEGER NOT NULL,"
    "  answers TEXT NOT NULL CHECK (length(answers) <= 1024 AND"
    "    json_valid(answers) AND json_type(answers) = 'array'),"
    "  shared INTEGER NOT NULL DEFAULT 1 CHECK (shared IN (0, 1))"
    ");"
    "CREATE INDEX measures_time ON measures(time);"
    "CREATE INDEX measures_name ON measures(name COLLATE NOCASE, time);";

/* Version 7: search finds what people type (src/store/tokenize.c).  The
 * indexes use tend's own tokenizer "tend": unicode61 with diacritics
 * removed, ß as ss, words with umlauts also under their spelled-out form
 * (Müller as mueller), and Chinese, Japanese and Korean text in pairs of
 * characters so that words are found inside sentences.  entries_fts is
 * made again with it and rebuilt from the entries (its triggers name it
 * and stay).  Check-in notes and agenda items get an index each, with
 * external content too (no second copy of the text), kept in step by
 * triggers: an edited note is taken out with its old text and put back
 * with the new one, a deleted one taken out.  Every row is indexed, empty
 * notes too, so that a 'rebuild' gives the same index the triggers do. */
static const char schema_v7[] =
    "DROP TABLE entries_fts;"
    "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tags,"
    "  content = 'entries_fts_src', content_rowid = 'id',"
    "  tokenize = 'tend');"
    "INSERT INTO entries_fts(entries_fts) VALUES ('rebuild');"
    "CREATE VIRTUAL TABLE checkins_fts USING fts5(note,"
    "  content = 'checkins', content_rowid = 'id', tokenize = 'tend');"
    "INSERT INTO checkins_fts(checkins_fts) VALUES ('rebuild');"
    "CREATE TRIGGER checkins_fts_insert AFTER INSERT ON checkins BEGIN"
    "  INSERT INTO checkins_fts(rowid, note) VALUES (new.id, new.note);"
    "END;"
    "CREATE TRIGGER checkins_fts_update AFTER UPDATE OF id, note"
    "  ON checkins BEGIN"
    "  INSERT INTO checkins_fts(checkins_fts, rowid, note)"
    "    VALUES ('delete', old.id, old.note);"
    "  INSERT INTO checkins_fts(rowid, note) VALUES (new.id, new.note);"
    "END;"
    "CREATE TRIGGER checkins_fts_delete AFTER DELETE ON checkins BEGIN"
    "  INSERT INTO checkins_fts(checkins_fts, rowid, note)"
    "    VALUES ('delete', old.id, old.note);"
    "END;"
    "CREATE VIRTUAL TABLE agenda_fts USING fts5(text,"
    "  content = 'agenda', content_rowid = 'id', tokenize = 'tend');"
    "INSERT INTO agenda_fts(agenda_fts) VALUES ('rebuild');"
    "CREATE TRIGGER agenda_fts_insert AFTER INSERT ON agenda BEGIN"
    "  INSERT INTO agenda_fts(rowid, text) VALUES (new.id, new.text);"
    "END;"
    "CREATE TRIGGER agenda_fts_update AFTER UPDATE OF id, text"
    "  ON agenda BEGIN"
    "  INSERT INTO agenda_fts(agenda_fts, rowid, text)"
    "    VALUES ('delete', old.id, old.text);"
    "  INSERT INTO agenda_fts(rowid, text) VALUES (new.id, new.text);"
    "END;"
    "CREATE TRIGGER agenda_fts_delete AFTER DELETE ON agenda BEGIN"
    "  INSERT INTO agenda_fts(agenda_fts, rowid, text)"
    "    VALUES ('delete', old.id, old.text);"
    "END;";

static const char *const migrations[STORE_SCHEMA_VERSION] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
	schema_v6,
	schema_v7,
};

static int
user_version(struct store *s, int *v, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*v = 0;
	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sqlerr(s, rc, e);
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_sqlerr(s, rc, e);
	return 0;
}

static int
exec(struct store *s, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_sqlerr(s, rc, e);
}

int
schema_migrate(struct store *s, int version, struct err *e)
{
	char bump[64];
	int have, i;

	if (version < 1 || version > STORE_SCHEMA_VERSION)
		return err_set(e, "no such journal schema version: %d", version);
	if (user_version(s, &have, e) != 0)
		return -1;
	if (have > STORE_SCHEMA_VERSION)
		return err_set(e, "this journal was written by a newer tend "
		    "(schema %d; this one knows %d): please update tend",
		    have, STORE_SCHEMA_VERSION);
	if (have >= version) {
		s->version = have;
		return 0;
	}
	if (exec(s, "BEGIN IMMEDIATE", e) != 0)
		return -1;
	/* Another process may have migrated between the check and the lock. */
	if (user_version(s, &have, e) != 0)
		goto fail;
	for (i = have; i < version; i++)
		if (exec(s, migrations[i], e) != 0) {
			err_prefix(e, "cannot update the journal to schema %d",
			    i + 1);
			goto fail;
		}
	if (have < version) {
		snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version);
		if (exec(s, bump, e) != 0)
			goto fail;
	}
	if (exec(s, "COMMIT", e) != 0)
		goto fail;
	s->version = have > version ? have : version;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
