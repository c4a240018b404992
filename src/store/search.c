/*
 * search.c: one search over the whole journal: entries (titles, bodies,
 * tags), check-in notes and the agenda ("bring to next session").
 *
 * Each has its own FTS5 index with external content (schema version 6;
 * the words are read back from the table itself, so no text is stored
 * twice), all three with the tokenizer of tokenize.c.  A query runs on
 * each index, best first by FTS5's bm25 (its "rank"), and the three lists
 * are merged by that value, lower first; equal ranks keep entries, then
 * check-ins, then the agenda, then the order they were written.
 *
 * Why the raw bm25 values are merged: bm25 is a sum over the query's
 * words of the word's rarity (IDF) times how often it occurs, damped and
 * set against the length of the row relative to the average row of the
 * same index.  The three indexes measure the same thing on the same
 * scale, each against its own rows, so a word that is rare among notes
 * ranks a note high, and a note made of the words searched for ranks as
 * high as an entry that is.  Normalising each list (dividing by its best
 * score, or merging by position) would put the best check-in level with
 * the best entry however weak its match; merging by value does not.  One
 * thing to know: FTS5 counts a word found in more than half of an
 * index's rows as nearly worthless there, so in a short agenda a word on
 * most items ranks low.
 *
 * Each index gives at most limit rows (the best), so a search for a
 * common word reads and sorts no more than three pages.
 */
#include "config.h"

#include "tend/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"

/* ---- what was typed, as an FTS5 query ---- */

/* The code point at s; the bytes it takes (a bad byte takes one). */
static size_t
next_cp(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	len = (u[0] & 0xe0) == 0xc0 ? 2 : (u[0] & 0xf0) == 0xe0 ? 3 :
	    (u[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (len == 0 || len > n) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = u[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++)
		*cp = (*cp << 6) | (u[i] & 0x3f);
	return len;
}

/* Punctuation that ends a word: ASCII, CJK (U+3000 to U+303F, apart
 * from 々 〆 〇) and the full-width forms of ASCII punctuation. */
static int
punct(unsigned cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z'));
	if (cp >= 0x3000 && cp <= 0x303f)
		return !(cp >= 0x3005 && cp <= 0x3007);
	return (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20);
}

/* Whether the word (n bytes) ends in a single CJK character (punctuation
 * after it aside): the index holds such characters in pairs, so one is
 * searched as the start of a pair. */
static int
ends_in_one_cjk(const char *w, size_t n)
{
	size_t i = 0;
	int run = 0, prev_cjk = 0;

	while (i < n) {
		unsigned cp;

		i += next_cp(w + i, n - i, &cp);
		if (store_tok_cjk(cp)) {
			run = prev_cjk ? run + 1 : 1;
			prev_cjk = 1;
		} else if (punct(cp))
			prev_cjk = 0;
		else {
			run = 0;
			prev_cjk = 0;
		}
	}
	return run == 1;
}

/* Each word a quoted string (so punctuation and FTS5 operators are plain
 * text), a trailing * kept as a prefix search, and a word ending in one
 * CJK character searched as a prefix; the words are ANDed. */
char *
store_fts_query(const char *q, struct err *e)
{
	size_t n = strlen(q), o = 0;
	char *out;
	int words = 0;

	if (store_check_text(q, "the search", 0, e) != 0)
		return NULL;
	out = xmalloc(n * 2 + 8);
	while (*q != '\0') {
		size_t len, i;
		int prefix;

		q += strspn(q, " \t\r\n");
		len = strcspn(q, " \t\r\n");
		if (len == 0)
			break;
		prefix = q[len - 1] == '*' && len > 1;
		if (words++ > 0)
			out[o++] = ' ';
		out[o++] = '"';
		for (i = 0; i < len - (size_t)prefix; i++) {
			if (q[i] == '"')
				out[o++] = '"';
			out[o++] = q[i];
		}
		out[o++] = '"';
		if (prefix || ends_in_one_cjk(q, len))
			out[o++] = '*';
		q += len;
	}
	out[o] = '\0';
	return out;
}

/* ---- the search ---- */

#define SNIP(t, col) "snippet(" t ", " col ", '[', ']', '...', 12)"

/* The best ?2 of each kind for the query ?1 as rows of (type, id, rank,
 * then cols): e the entry, c the check-in, a the agenda item. */
#define FIND_ENTRIES(cols) \
    "SELECT * FROM (SELECT 0 AS type, e.id AS id, entries_fts.rank AS " \
    "rank, " cols " FROM entries_fts JOIN entries e ON e.id = " \
    "entries_fts.rowid WHERE entries_fts MATCH ?1 AND e.trashed IS NULL " \
    "ORDER BY entries_fts.rank LIMIT ?2)"
#define FIND_CHECKINS(cols) \
    "SELECT 1, c.id, h.rank, " cols " FROM (SELECT rowid AS hid, rank, " \
    SNIP("checkins_fts", "0") " AS snip FROM checkins_fts " \
    "WHERE checkins_fts MATCH ?1 ORDER BY rank LIMIT ?2) AS h " \
    "JOIN checkins c ON c.id = h.hid"
#define FIND_AGENDA(cols) \
    "SELECT 2, a.id, h.rank, " cols " FROM (SELECT rowid AS hid, rank, " \
    SNIP("agenda_fts", "0") " AS snip FROM agenda_fts " \
    "WHERE agenda_fts MATCH ?1 ORDER BY rank LIMIT ?2) AS h " \
    "JOIN agenda a ON a.id = h.hid"
#define FIND(e, c, a) \
    "FROM (" FIND_ENTRIES(e) " UNION ALL " FIND_CHECKINS(c) \
    " UNION ALL " FIND_AGENDA(a) ") ORDER BY rank, type, id LIMIT ?2"

/* Columns 3 on: the snippet, the 13 of an entry, a mood, a time done. */
static const char sql_find[] = "SELECT * " FIND(
    SNIP("entries_fts", "-1") ", " STORE_ENTRY_COLS ", NULL, NULL",
    "h.snip, c.uuid, c.time, c.time_off, c.time, '', c.note, NULL, NULL, "
    "'', c.shared, NULL, tend_place(c.time), 0, c.mood, NULL",
    "h.snip, a.uuid, a.created, a.created_off, a.created, '', a.text, "
    "NULL, NULL, '', 0, NULL, tend_place(a.created), 0, NULL, a.done");

/* The objects of `tend search --json`: what list --json, checkin list
 * --json and agenda list --json print for each, with "snippet", "rank"
 * and "type". */
static const char sql_find_json[] = "SELECT j " FIND(
    "json_insert(" STORE_ENTRY_JSON "), '$.snippet', "
    SNIP("entries_fts", "-1") ", '$.rank', entries_fts.rank, "
    "'$.type', 'entry') AS j",
    "json_insert(" STORE_CHECKIN_JSON ", '$.snippet', h.snip, "
    "'$.rank', h.rank, '$.type', 'checkin')",
    "json_insert(" STORE_AGENDA_JSON ", '$.snippet', h.snip, "
    "'$.rank', h.rank, '$.type', 'agenda')");

const char *
store_hit_type(enum store_table t)
{
	return t == STORE_CHECKIN ? "checkin" : t == STORE_AGENDA ? "agenda" :
	    "entry";
}

struct find_walk {
	int (*cb)(const struct store_hit *, void *);
	void *arg;
};

static int
find_row(sqlite3_stmt *st, void *p)
{
	static const enum store_table types[] = {
		STORE_ENTRY, STORE_CHECKIN, STORE_AGENDA,
	};
	const struct find_walk *w = p;
	struct store_hit h;
	struct entry en;
	int type = sqlite3_column_int(st, 0);

	memset(&h, 0, sizeof h);
	h.table = types[type >= 0 && type <= 2 ? type : 0];
	h.rank = sqlite3_column_double(st, 2);
	h.snippet = (const char *)sqlite3_column_text(st, 3);
	store_entry_from_row(st, 4, &en);
	en.snippet = h.snippet;
	if (h.table == STORE_ENTRY)
		h.entry = &en;
	h.uuid = en.uuid;
	h.when = en.created;
	h.when_off = en.created_off;
	h.text = en.body;
	h.placement = en.placement;
	h.mood = sqlite3_column_type(st, 17) == SQLITE_NULL ? CHECKIN_UNSET :
	    sqlite3_column_int(st, 17);
	h.done = (time_t)sqlite3_column_int64(st, 18);
	return w->cb(&h, w->arg);
}

/* The statement for sql with the query and limit bound, or NULL. */
static sqlite3_stmt *
find_stmt(struct store *s, const char *sql, const char *query, long limit,
    char **q, struct err *e)
{
	sqlite3_stmt *st;

	if ((*q = store_fts_query(query, e)) == NULL)
		return NULL;
	if ((st = store_stmt(s, sql, e)) == NULL) {
		free(*q);
		*q = NULL;
		return NULL;
	}
	sqlite3_bind_text(st, 1, *q, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	return st;
}

int
store_find(struct store *s, const char *query, long limit,
    int (*cb)(const struct store_hit *, void *), void *arg, struct err *e)
{
	struct find_walk w = { cb, arg };
	sqlite3_stmt *st;
	char *q;
	int rc;

	if ((st = find_stmt(s, sql_find, query, limit, &q, e)) == NULL)
		return -1;
	rc = store_rows(s, st, find_row, &w, e);
	free(q);
	return rc;
}

int
store_find_json_to(struct store *s, const char *query, long limit,
    FILE *out, struct err *e)
{
	sqlite3_stmt *st;
	char *q;
	int rc;

	if ((st = find_stmt(s, sql_find_json, query, limit, &q, e)) == NULL)
		return -1;
	rc = store_json_rows(s, st, out, e);
	free(q);
	return rc;
}
