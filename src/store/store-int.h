/*
 * store-int.h: what the files of src/store share and nobody else sees.
 *
 * struct store holds the connection, the statement cache and the sessions
 * loaded for timeline placement.  Statements are cached by the address of
 * their (static) SQL text, so each file keeps its SQL next to the code that
 * runs it and every statement is prepared once per store.
 */
#ifndef TEND_STORE_INT_H
#define TEND_STORE_INT_H

#include <sqlite3.h>
#include <time.h>

#include "tend/store.h"

#define STORE_CACHE_MAX 96

struct store {
	struct vault *v;
	sqlite3 *db;
	int version;
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[STORE_CACHE_MAX];
	size_t ncache;
	struct timeline_point *tl;      /* sessions by time, loaded lazily */
	size_t ntl;
	int tl_valid;
	int own_tx;                     /* store_write_begin began it */
	int own_db;                     /* an image: close db with the store */
	struct store_budget *budget;    /* an image: the work it may take */
};

/* The work an image from outside may cost (export.c): CPU seconds of the
 * process from start, checked by a progress handler that interrupts
 * SQLite once they are spent; with each, start moves to every new
 * statement (the interactive review). */
struct store_budget {
	struct timespec start;
	int seconds;            /* store_image_seconds() of the image */
	int each;
	int spent;
};

/* A statement is about to run: restart an interactive budget; nonzero
 * when the budget is spent. */
int store_budget_statement(struct store *s);

/* The cached statement for sql (a static string), reset and unbound;
 * NULL with e filled if it cannot be prepared. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct err *e);

/* e gets one sentence for SQLite result rc; returns -1. */
int store_sqlerr(struct store *s, int rc, struct err *e);

/* Step a statement that returns no rows; resets it.  0 or -1. */
int store_done(struct store *s, sqlite3_stmt *st, struct err *e);

/* Step st (prepared and bound) through its rows, calling row(st, arg) for
 * each; stop at the first nonzero return and return it.  Resets st and
 * clears its bindings.  0 when every row was seen, -1 with e filled if
 * SQLite failed. */
int store_rows(struct store *s, sqlite3_stmt *st,
    int (*row)(sqlite3_stmt *, void *), void *arg, struct err *e);

/* Step st for one row and return a malloc'd copy of its first column as
 * *json; resets it. */
int store_json_row(struct store *s, sqlite3_stmt *st, char **json,
    struct err *e);

/* Step st (prepared and bound) through its rows and write them to out as
 * one JSON array: "[" row "," row ... "]", each row's first column as it
 * is (SQLite's JSON text), byte for byte what json_group_array(json(col))
 * gives, without the whole array in memory.  Resets st and clears its
 * bindings.  0, or -1 with e filled (SQLite failed or out failed). */
int store_json_rows(struct store *s, sqlite3_stmt *st, FILE *out,
    struct err *e);
/* The same array handed to w piece by piece (a write failure is "cannot
 * write the export"). */
int store_json_rows_sink(struct store *s, sqlite3_stmt *st, store_write_fn w,
    void *arg, struct err *e);
/* Entries matching f and check-ins in [since, until) as JSON arrays
 * handed to w row by row (the objects of the *_list_json functions). */
int store_entry_json_sink(struct store *s, const struct entry_filter *f,
    store_write_fn w, void *arg, struct err *e);
int store_checkin_json_sink(struct store *s, time_t since, time_t until,
    store_write_fn w, void *arg, struct err *e);
/* Write text to w with DEL and C1 controls as \u escapes (see
 * utf8_json_controls); the copy is wiped.  0, or -1 with e filled. */
int store_json_put(const char *text, store_write_fn w, void *arg,
    struct err *e);

/* Every change runs between store_write_begin and store_write_end (its
 * own transaction, or a savepoint inside store_begin's): on rc != 0
 * everything since the begin is undone.  Returns rc, or -1 if the commit
 * failed.  They do not nest otherwise. */
int store_write_begin(struct store *s, struct err *e);
int store_write_end(struct store *s, int rc, struct err *e);

/* A meta row written without store_meta_set's list of the settings a
 * user may name: for the journal's own keys.  0, or -1 with e filled. */
int store_meta_put(struct store *s, const char *key, const char *value,
    struct err *e);
/* A yes/no meta setting: 0 when it is "0", 1 otherwise (unset included,
 * so a flag defaults to on). */
int store_meta_flag(struct store *s, const char *key);

/* A new random (version 4) UUID. */
void store_new_uuid(char out[STORE_UUID_LEN + 1]);
/* The 16 bytes id as a version 4 UUID (the version and variant bits set),
 * lower-case hex with dashes. */
void store_uuid_from(const unsigned char id[16],
    char out[STORE_UUID_LEN + 1]);

/* Refuse text that is not UTF-8 or (unless may_be_empty) is blank; what
 * names the field in the message ("the entry's text"). */
int store_check_text(const char *text, const char *what, int may_be_empty,
    struct err *e);
/* A moment an entry or check-in may have: not later than the same clock
 * time tomorrow (time_tomorrow); -1 with one sentence if it is. */
int store_check_when(time_t when, struct err *e);

/* The sessions changed: reload them before the next placement. */
void store_timeline_changed(struct store *s);
/* The loaded sessions (loading them if needed); NULL n=0 when none. */
const struct timeline_point *store_timeline(struct store *s, size_t *n);

/* Bind a time, or NULL for 0. */
int store_bind_time(sqlite3_stmt *st, int i, time_t t);

/* Make a store around an open connection db (v NULL: an in-memory
 * database of this store's own, closed by store_close), migrated to
 * version (0: do not migrate). */
int store_wrap(sqlite3 *db, struct vault *v, int version, struct store **out,
    struct err *e);

/* The columns every entry query returns (of entries e), in struct entry's
 * order: 13 of them. */
#define STORE_ENTRY_COLS \
    "e.uuid, e.created, e.created_off, e.updated, e.title, e.body, " \
    "e.kind, e.prompt, coalesce((SELECT group_concat(tag, ' ') FROM " \
    "(SELECT tag FROM tags WHERE entry = e.id ORDER BY tag)), ''), " \
    "e.shared, e.trashed, tend_place(e.created), " \
    "(SELECT count(*) FROM entry_revisions WHERE entry = e.id)"

/* The same entry as a JSON object, without its closing parenthesis (so
 * that more keys can follow). */
#define STORE_ENTRY_JSON \
    "json_object('id', e.uuid, 'short', substr(e.uuid, 1, 8), " \
    "'created', tend_iso(e.created, e.created_off), " \
    "'created_utc', e.created, 'updated_utc', e.updated, " \
    "'kind', e.kind, 'title', e.title, 'body', e.body, " \
    "'prompt', e.prompt, 'tags', json((SELECT json_group_array(tag) FROM " \
    "(SELECT tag FROM tags WHERE entry = e.id ORDER BY tag))), " \
    "'shared', json(CASE WHEN e.shared THEN 'true' ELSE 'false' END), " \
    "'trashed_utc', e.trashed, 'placement', tend_place(e.created), " \
    "'revision_count', (SELECT count(*) FROM entry_revisions " \
    "WHERE entry = e.id)"

/* Fill r from a row whose columns from c on are STORE_ENTRY_COLS (with
 * c 0, a snippet at column 13). */
void store_entry_from_row(sqlite3_stmt *st, int c, struct entry *r);

/* What was typed into search as an FTS5 query (search.c): each word a
 * quoted string, ANDed; malloc'd, or NULL with e filled. */
char *store_fts_query(const char *typed, struct err *e);

/* A check-in row of table checkins as a JSON object: what
 * `tend checkin` lists, exports and reviews print for one check-in. */
#define STORE_CHECKIN_JSON \
    "json_object('id', uuid, 'short', substr(uuid, 1, 8), " \
    "'time', tend_iso(time, time_off), 'time_utc', time, 'mood', mood, " \
    "'anxiety', anxiety, 'sleep', sleep, 'sleep_hours', sleep_hours, " \
    "'energy', energy, 'connection', connection, " \
    "'symptoms', json(symptoms), 'note', note, " \
    "'shared', json(CASE WHEN shared THEN 'true' ELSE 'false' END), " \
    "'safety', CASE safety WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END, " \
    "'placement', tend_place(time))"

/* The full-text tokenizer "tend" (tokenize.c) and the ranking function
 * "tend_rank" (search.c) made known to db's FTS5, once per connection: an
 * SQLite result code.  Every connection that writes or searches the
 * journal's indexes needs them. */
int store_fts_register(sqlite3 *db);
int store_rank_register(fts5_api *api);
/* Whether cp is a character of a script written without spaces (Han,
 * kana, Hangul), which the tokenizer indexes in pairs. */
int store_tok_cjk(unsigned cp);

/* An item of the agenda (table agenda) as a JSON object: what
 * `tend agenda list --json` prints for one item. */
#define STORE_AGENDA_JSON \
    "json_object('id', uuid, 'short', substr(uuid, 1, 8), 'text', text, " \
    "'created', tend_iso(created, created_off), 'created_utc', created, " \
    "'done', tend_local(done), 'done_utc', done)"

/* Migrations (schema.c): bring the open database to version. */
int schema_migrate(struct store *s, int version, struct err *e);

#endif
