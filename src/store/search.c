/*
 * search.c: one search over the whole journal: entries (titles, bodies,
 * tags), check-in notes and the agenda ("bring to next session").
 *
 * Each has its own FTS5 index with external content (schema version 7;
 * the words are read back from the table itself, so no text is stored
 * twice), all three with the tokenizer of tokenize.c.  A query runs on
 * each index, best first, and the three lists are merged by score, best
 * first; on equal scores entries come first, then check-ins, then the
 * agenda.
 *
 * How the kinds are ranked together: the score is Okapi BM25, as FTS5's
 * own bm25() computes it (k1 1.2, b 0.75, every column weighing the
 * same, lower is better), with one change: a word's rarity (its IDF) is
 * counted over all three indexes together, as if they were one
 * collection of texts, instead of each index alone.  FTS5's bm25() on
 * each index would rate a word by its own rows only: in an agenda of
 * five items a word on three of them counts for (almost) nothing, so
 * every agenda hit would sink below every entry, and a word common in
 * notes but rare in entries would weigh differently in each list.  With
 * one IDF, a word weighs the same wherever it is found, and what differs
 * between hits is how often it occurs and how long the text is compared
 * with the average text of its kind (notes are short, entries long, and
 * each is measured against its own).  Merging by position or by each
 * list's best score instead would put the best check-in level with the
 * best entry however weak its match.
 *
 * The IDFs are counted before the search (a count of matching rows per
 * word and index, what bm25() itself does per index) and handed to
 * tend_rank() through FTS5's "rank MATCH" so that each index still sorts
 * by it itself and only the rows shown get a snippet.
 */
#include "config.h"

#include "tend/store.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/utf8.h"
#include "tend/vault.h"

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

/* ---- the ranking ---- */

#define BM25_K1 1.2
#define BM25_B 0.75
#define RANK_PHRASES 64         /* words of a query given their own IDF */

/* tend_rank's state for one query on one index. */
struct rank_data {
	int n;                  /* phrases */
	double avgdl;           /* tokens per row of the index */
	double idf[RANK_PHRASES];
	double freq[RANK_PHRASES];
};

/* tend_rank(index, idf): BM25 of the row with the IDF of each phrase of
 * the query given (a blob of doubles, in the order of the phrases), the
 * negated score so that lower is better as with bm25(). */
static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	double score = 0;
	int i, ninst, dl = 0;

	if (d == NULL) {
		sqlite3_int64 rows = 0, tokens = 0;
		const double *idf = NULL;
		int bytes = 0;

		if ((d = sqlite3_malloc(sizeof *d)) == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		memset(d, 0, sizeof *d);
		d->n = api->xPhraseCount(fts);
		if (d->n > RANK_PHRASES)
			d->n = RANK_PHRASES;
		if (nval > 0) {
			idf = sqlite3_value_blob(val[0]);
			bytes = sqlite3_value_bytes(val[0]);
		}
		for (i = 0; i < d->n; i++)
			if (idf != NULL && (size_t)bytes >= (size_t)(i + 1) *
			    sizeof(double))
				memcpy(&d->idf[i], &idf[i], sizeof(double));
			else
				d->idf[i] = 1e-6;
		if (api->xRowCount(fts, &rows) == SQLITE_OK &&
		    api->xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK &&
		    rows > 0)
			d->avgdl = (double)tokens / (double)rows;
		if (d->avgdl <= 0)
			d->avgdl = 1;
		if (api->xSetAuxdata(fts, d, sqlite3_free) != SQLITE_OK) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	memset(d->freq, 0, sizeof d->freq);
	if (api->xInstCount(fts, &ninst) != SQLITE_OK ||
	    api->xColumnSize(fts, -1, &dl) != SQLITE_OK) {
		sqlite3_result_error(ctx, "cannot rank the row", -1);
		return;
	}
	for (i = 0; i < ninst; i++) {
		int phrase, col, off;

		if (api->xInst(fts, i, &phrase, &col, &off) == SQLITE_OK &&
		    phrase >= 0 && phrase < d->n)
			d->freq[phrase] += 1;
	}
	for (i = 0; i < d->n; i++)
		if (d->freq[i] > 0)
			score += d->idf[i] * d->freq[i] * (BM25_K1 + 1) /
			    (d->freq[i] + BM25_K1 * (1 - BM25_B + BM25_B *
			    dl / d->avgdl));
	sqlite3_result_double(ctx, -score);
}

int
store_rank_register(fts5_api *api)
{
	return api->xCreateFunction(api, "tend_rank", NULL, rank_fn, NULL);
}

static const char sql_rows_all[] =
    "SELECT (SELECT count(*) FROM entries_fts_docsize) + "
    "(SELECT count(*) FROM checkins_fts_docsize) + "
    "(SELECT count(*) FROM agenda_fts_docsize)";
static const char sql_rows_with[] =
    "SELECT (SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?1) "
    "+ (SELECT count(*) FROM checkins_fts WHERE checkins_fts MATCH ?1) "
    "+ (SELECT count(*) FROM agenda_fts WHERE agenda_fts MATCH ?1)";

/* One number from st (bound); -1 with e filled on failure. */
static sqlite3_int64
count_rows(struct store *s, sqlite3_stmt *st, struct err *e)
{
	sqlite3_int64 n = -1;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW)
		store_sqlerr(s, rc, e);
	return n;
}

/* The "rank MATCH" text for the FTS5 query q: tend_rank(X'...') with the
 * IDF of each of q's phrases over all three indexes, as FTS5's bm25()
 * computes it (log((N - n + 0.5) / (n + 0.5)), at least 1e-6).  q is as
 * store_fts_query makes it: "..." or "..."* phrases, one space apart.
 * malloc'd, or NULL with e filled. */
static char *
rank_expr(struct store *s, const char *q, struct err *e)
{
	double idf[RANK_PHRASES] = { 0 };
	sqlite3_stmt *all, *with;
	sqlite3_int64 rows;
	const unsigned char *b;
	char *out, *phrase;
	size_t i, n = 0, o, len = strlen(q);

	if ((all = store_stmt(s, sql_rows_all, e)) == NULL ||
	    (rows = count_rows(s, all, e)) < 0)
		return NULL;
	phrase = xmalloc(len + 1);
	for (i = 0; i < len && n < RANK_PHRASES; ) {
		size_t j = i + 1;
		sqlite3_int64 hits;
		double x;

		if (q[i] != '"') {
			i++;
			continue;
		}
		while (j < len && !(q[j] == '"' && q[j + 1] != '"'))
			j += q[j] == '"' ? 2 : 1;
		j += j < len;                   /* the closing quote */
		j += j < len && q[j] == '*';
		memcpy(phrase, q + i, j - i);
		phrase[j - i] = '\0';
		if ((with = store_stmt(s, sql_rows_with, e)) == NULL) {
			free(phrase);
			return NULL;
		}
		sqlite3_bind_text(with, 1, phrase, -1, SQLITE_STATIC);
		if ((hits = count_rows(s, with, e)) < 0) {
			free(phrase);
			return NULL;
		}
		x = log(((double)rows - (double)hits + 0.5) /
		    ((double)hits + 0.5));
		idf[n++] = x > 1e-6 ? x : 1e-6;
		i = j;
	}
	free(phrase);
	out = xmalloc(16 + n * sizeof(double) * 2);
	o = (size_t)sprintf(out, "tend_rank(X'");
	b = (const unsigned char *)idf;
	for (i = 0; i < n * sizeof(double); i++)
		o += (size_t)sprintf(out + o, "%02x", b[i]);
	sprintf(out + o, "')");
	return out;
}

/* ---- the search ---- */

#define SNIP(t, col) "snippet(" t ", " col ", '[', ']', '...', 12)"

/* The best ?2 of one kind for the query ?1, ranked by ?3 (rank_expr),
 * best first, as rows of (type, id, rank, then cols).  FTS5 sorts by its
 * rank column itself, keeping only row ids and scores, so the text and
 * snippet of a row are read when it is stepped to: the three statements
 * are merged row by row (find_merge) and memory stays small whatever
 * the number of hits. */
#define FIND_ENTRIES(cols) \
    "SELECT 0, e.id, entries_fts.rank, " cols " FROM entries_fts " \
    "JOIN entries e ON e.id = entries_fts.rowid WHERE entries_fts " \
    "MATCH ?1 AND entries_fts.rank MATCH ?3 AND e.trashed IS NULL " \
    "ORDER BY entries_fts.rank LIMIT ?2"
#define FIND_IN(type, fts, cols, from) \
    "SELECT " type ", " fts ".rowid, " fts ".rank, " cols " FROM " fts \
    from " WHERE " fts " MATCH ?1 AND " fts ".rank MATCH ?3 ORDER BY " \
    fts ".rank LIMIT ?2"

/* Columns 3 on: the snippet, the 13 of an entry, a mood, a time done. */
static const char sql_find_entries[] = FIND_ENTRIES(
    SNIP("entries_fts", "-1") ", " STORE_ENTRY_COLS ", NULL, NULL");
static const char sql_find_checkins[] = FIND_IN("1", "checkins_fts",
    SNIP("checkins_fts", "0") ", c.uuid, c.time, c.time_off, c.time, '', "
    "c.note, NULL, NULL, '', c.shared, NULL, tend_place(c.time), 0, "
    "c.mood, NULL", " JOIN checkins c ON c.id = checkins_fts.rowid");
static const char sql_find_agenda[] = FIND_IN("2", "agenda_fts",
    SNIP("agenda_fts", "0") ", a.uuid, a.created, a.created_off, "
    "a.created, '', a.text, NULL, NULL, '', 0, NULL, tend_place(a.created), "
    "0, NULL, a.done", " JOIN agenda a ON a.id = agenda_fts.rowid");

/* Column 3: the object `tend search --json` prints: what list --json,
 * checkin list --json and agenda list --json print for it, with
 * "snippet", "rank" and "type".  (The check-in's and the item's own
 * columns are read in a subquery, where their names are not also the
 * index's.) */
static const char sql_json_entries[] = FIND_ENTRIES(
    "json_insert(" STORE_ENTRY_JSON "), '$.snippet', "
    SNIP("entries_fts", "-1") ", '$.rank', entries_fts.rank, "
    "'$.type', 'entry')");
static const char sql_json_checkins[] = FIND_IN("1", "checkins_fts",
    "json_insert((SELECT " STORE_CHECKIN_JSON " FROM checkins "
    "WHERE id = checkins_fts.rowid), '$.snippet', "
    SNIP("checkins_fts", "0") ", '$.rank', checkins_fts.rank, "
    "'$.type', 'checkin')", "");
static const char sql_json_agenda[] = FIND_IN("2", "agenda_fts",
    "json_insert((SELECT " STORE_AGENDA_JSON " FROM agenda "
    "WHERE id = agenda_fts.rowid), '$.snippet', "
    SNIP("agenda_fts", "0") ", '$.rank', agenda_fts.rank, "
    "'$.type', 'agenda')", "");

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

/* Step the three statements (each best first) as one list, best first,
 * calling row for each of at most limit rows (0: all); equal ranks keep
 * the statements' order.  Resets them.  0, row's nonzero return, or -1
 * with e filled. */
static int
find_merge(struct store *s, sqlite3_stmt *const st[3], long limit,
    int (*row)(sqlite3_stmt *, void *), void *arg, struct err *e)
{
	int rc[3], i, stop = 0, failed = SQLITE_OK;
	long n = 0;

	for (i = 0; i < 3; i++)
		rc[i] = sqlite3_step(st[i]);
	while (limit <= 0 || n < limit) {
		int best = -1;

		for (i = 0; i < 3; i++) {
			if (rc[i] != SQLITE_ROW) {
				if (rc[i] != SQLITE_DONE)
					failed = rc[i];
				continue;
			}
			if (best < 0 || sqlite3_column_double(st[i], 2) <
			    sqlite3_column_double(st[best], 2))
				best = i;
		}
		if (failed != SQLITE_OK || best < 0)
			break;
		if ((stop = row(st[best], arg)) != 0)
			break;
		n++;
		rc[best] = sqlite3_step(st[best]);
	}
	for (i = 0; i < 3; i++) {
		sqlite3_reset(st[i]);
		sqlite3_clear_bindings(st[i]);
	}
	if (stop != 0)
		return stop;
	return failed == SQLITE_OK ? 0 : store_sqlerr(s, failed, e);
}

/* Prepare the three statements of sqls with the query, limit and
 * ranking bound; *q and *rank are what they hold (free() them after the
 * search).  0, or -1 with e filled. */
static int
find_stmts(struct store *s, const char *const sqls[3], const char *query,
    long limit, sqlite3_stmt *st[3], char **q, char **rank, struct err *e)
{
	int i;

	*rank = NULL;
	if ((*q = store_fts_query(query, e)) == NULL)
		return -1;
	if ((*rank = rank_expr(s, *q, e)) == NULL)
		goto fail;
	for (i = 0; i < 3; i++)
		if ((st[i] = store_stmt(s, sqls[i], e)) == NULL)
			goto fail;
	for (i = 0; i < 3; i++) {
		sqlite3_bind_text(st[i], 1, *q, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st[i], 2, limit > 0 ? limit : -1);
		sqlite3_bind_text(st[i], 3, *rank, -1, SQLITE_STATIC);
	}
	return 0;
fail:
	free(*q);
	free(*rank);
	*q = *rank = NULL;
	return -1;
}

int
store_find(struct store *s, const char *query, long limit,
    int (*cb)(const struct store_hit *, void *), void *arg, struct err *e)
{
	static const char *const sqls[3] = {
		sql_find_entries, sql_find_checkins, sql_find_agenda,
	};
	struct find_walk w = { cb, arg };
	sqlite3_stmt *st[3];
	char *q, *rank;
	int rc;

	if (find_stmts(s, sqls, query, limit, st, &q, &rank, e) != 0)
		return -1;
	rc = find_merge(s, st, limit, find_row, &w, e);
	free(q);
	free(rank);
	return rc;
}

struct json_walk {
	FILE *out;
	long n;
};

/* One object, after a comma unless it is the first; 1 if writing
 * failed.  DEL and C1 controls as \u escapes, as store_json_rows. */
static int
json_row(sqlite3_stmt *st, void *p)
{
	struct json_walk *w = p;
	const char *text = (const char *)sqlite3_column_text(st, 3);
	char *safe = utf8_json_controls(text != NULL ? text : "null");
	int bad = (w->n++ > 0 && fputc(',', w->out) == EOF) ||
	    fputs(safe, w->out) == EOF;

	vault_wipe(safe, strlen(safe));
	free(safe);
	return bad;
}

int
store_find_json_to(struct store *s, const char *query, long limit,
    FILE *out, struct err *e)
{
	static const char *const sqls[3] = {
		sql_json_entries, sql_json_checkins, sql_json_agenda,
	};
	struct json_walk w = { out, 0 };
	sqlite3_stmt *st[3];
	char *q, *rank;
	int rc;

	if (find_stmts(s, sqls, query, limit, st, &q, &rank, e) != 0)
		return -1;
	if (fputc('[', out) == EOF)
		rc = 1;
	else
		rc = find_merge(s, st, limit, json_row, &w, e);
	free(q);
	free(rank);
	if (rc == 0 && fputc(']', out) == EOF)
		rc = 1;
	if (rc == 1)
		return err_set(e, "cannot write the list (%s)",
		    strerror(errno));
	return rc;
}
