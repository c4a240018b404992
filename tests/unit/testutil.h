/*
 * testutil.h: shared helpers for the unit tests: a private temporary
 * directory (removed at exit), file helpers and vault shortcuts.
 */
#ifndef TEND_TESTUTIL_H
#define TEND_TESTUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "tend/vault.h"

#define TEST_PASS "correct horse battery staple"

/* A fresh directory under $TMPDIR, removed with its contents at exit. */
const char *test_dir(void);

/* test_dir()/name (static buffer per call: copy it if needed). */
char *test_path(const char *name);

/* Whole file into memory (NULL if missing); *n gets the size. */
unsigned char *test_slurp(const char *path, size_t *n);
int test_spit(const char *path, const void *buf, size_t n);

/* How many times needle occurs in the file (0 if missing). */
int test_count_in_file(const char *path, const char *needle);

/* Start the vault library (fatal on failure). */
void test_init(void);

/* Create a vault with the minimal KDF and TEST_PASS; open it. */
struct vault *test_new_vault(const char *path);
struct vault *test_open_vault(const char *path);

/* Run SQL on an open vault; returns the SQLite result code. */
int test_exec(struct vault *v, const char *sql);
/* First column of the first row as an integer (-1 on error). */
long long test_int(struct vault *v, const char *sql);

/* Flip one byte of a file at off (xor 0x01). */
int test_flip(const char *path, off_t off);


/* SQL that turns a current image's search index (schema 5: external
 * content) back into schema 2's, statement for statement as schema.c
 * wrote it then: for tests that make an image of an older tend. */
/* Schema 7's indexes of check-in notes and agenda items gone (entries_fts
 * is made again by TEST_SQL_FTS_V2).  The connection needs the "tend"
 * tokenizer (store_fts_register) to drop them. */
#define TEST_SQL_UNDO_V7 \
"DROP TRIGGER checkins_fts_insert;" \
"DROP TRIGGER checkins_fts_update;" \
"DROP TRIGGER checkins_fts_delete;" \
"DROP TABLE checkins_fts;" \
"DROP TRIGGER agenda_fts_insert;" \
"DROP TRIGGER agenda_fts_update;" \
"DROP TRIGGER agenda_fts_delete;" \
"DROP TABLE agenda_fts;"
#define TEST_SQL_FTS_V2 \
TEST_SQL_UNDO_V7 \
"DROP TRIGGER entries_fts_insert;" \
"DROP TRIGGER entries_fts_update;" \
"DROP TRIGGER entries_fts_delete;" \
"DROP TRIGGER tags_fts_insert;" \
"DROP TRIGGER tags_fts_delete;" \
"DROP TRIGGER tags_fts_update;" \
"DROP TABLE entries_fts; DROP VIEW entries_fts_src;" \
"CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, tags," \
"  tokenize = 'unicode61 remove_diacritics 2');" \
"INSERT INTO entries_fts(rowid, title, body, tags)" \
"  SELECT id, title, body, coalesce((SELECT group_concat(tag, ' ')" \
"    FROM tags WHERE entry = entries.id), '') FROM entries;" \
"CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN" \
"  INSERT INTO entries_fts(rowid, title, body, tags)" \
"    VALUES (new.id, new.title, new.body, '');" \
"END;" \
"CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body" \
"  ON entries BEGIN" \
"  UPDATE entries_fts SET title = new.title, body = new.body" \
"    WHERE rowid = new.id;" \
"END;" \
"CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN" \
"  DELETE FROM entries_fts WHERE rowid = old.id;" \
"END;" \
"CREATE TRIGGER tags_fts_insert AFTER INSERT ON tags BEGIN" \
"  UPDATE entries_fts SET tags = (SELECT group_concat(tag, ' ')" \
"    FROM tags WHERE entry = new.entry) WHERE rowid = new.entry;" \
"END;" \
"CREATE TRIGGER tags_fts_delete AFTER DELETE ON tags BEGIN" \
"  UPDATE entries_fts SET tags = coalesce((SELECT group_concat(tag, ' ')" \
"    FROM tags WHERE entry = old.entry), '') WHERE rowid = old.entry;" \
"END;"

#endif
