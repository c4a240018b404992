/*
 * document.c: the whole store as one JSON document, for plaintext
 * exports, and the meta keys under a prefix (an export image describes
 * itself in meta keys starting with "export_").
 *
 * The document is put together from the same *_list_json queries that
 * `tend list --json` and friends print, so an export and a listing never
 * disagree about what a record looks like.  Every piece holds journal
 * text and is wiped once it has been copied into the document.
 */
#include "config.h"

#include "tend/store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/measure.h"
#include "tend/err.h"
#include "tend/vault.h"

static const char sql_meta_each[] =
    "SELECT key, value FROM meta WHERE substr(key, 1, length(?1)) = ?1 "
    "ORDER BY key";
static const char sql_meta_json[] =
    "SELECT json_group_object(substr(key, length(?1) + 1), value) FROM ("
    "SELECT key, value FROM meta WHERE substr(key, 1, length(?1)) = ?1 "
    "AND length(key) > length(?1) ORDER BY key)";
/* The document's first members; the records follow row by row. */
static const char sql_document_head[] =
    "SELECT json_object('format', 'tend-export', 'version', 1, "
    "'title', (SELECT value FROM meta WHERE key = 'title'), "
    "'export', json(?1), 'attention', json(?2), "
    "'measures_attention', json(?3))";

#define EXPORT_PREFIX "export_"

struct meta_walk {
	int (*cb)(const char *key, const char *value, void *);
	void *arg;
};

static int
meta_row(sqlite3_stmt *st, void *p)
{
	const struct meta_walk *w = p;
	const char *value = (const char *)sqlite3_column_text(st, 1);

	return w->cb((const char *)sqlite3_column_text(st, 0),
	    value != NULL ? value : "", w->arg);
}

int
store_meta_each(struct store *s, const char *prefix,
    int (*cb)(const char *key, const char *value, void *), void *arg,
    struct err *e)
{
	struct meta_walk w = { cb, arg };
	sqlite3_stmt *st = store_stmt(s, sql_meta_each, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
	return store_rows(s, st, meta_row, &w, e);
}

static void
piece_free(char *p)
{
	if (p != NULL) {
		vault_wipe(p, strlen(p));
		free(p);
	}
}

/* A piece of JSON text written without its last character (the closing
 * brace of an object that goes on). */
static int
put_open(char *json, store_write_fn w, void *arg, struct err *e)
{
	size_t n = strlen(json);

	if (n == 0 || json[n - 1] != '}')
		return err_set(e, "store: a JSON object expected");
	json[n - 1] = '\0';
	return store_json_put(json, w, arg, e);
}

static int
put_text(const char *text, store_write_fn w, void *arg, struct err *e)
{
	if (w(text, strlen(text), arg) != 0)
		return err_set(e, "cannot write the export (%s)",
		    strerror(errno));
	return 0;
}

/* ,"entries":[...],"checkins":[...],"sessions":[...],"agenda":[...],
 * "measures":[...] after the members before them. */
static int
put_records(struct store *s, char *const piece[6], store_write_fn w,
    void *arg, struct err *e)
{
	struct entry_filter all;

	memset(&all, 0, sizeof all);
	if (put_text(",\"entries\":", w, arg, e) != 0 ||
	    store_entry_json_sink(s, &all, w, arg, e) != 0 ||
	    put_text(",\"checkins\":", w, arg, e) != 0 ||
	    store_checkin_json_sink(s, 0, 0, w, arg, e) != 0 ||
	    put_text(",\"sessions\":", w, arg, e) != 0 ||
	    store_json_put(piece[2], w, arg, e) != 0 ||
	    put_text(",\"agenda\":", w, arg, e) != 0 ||
	    store_json_put(piece[3], w, arg, e) != 0 ||
	    put_text(",\"measures\":", w, arg, e) != 0 ||
	    store_json_put(piece[5], w, arg, e) != 0)
		return -1;
	return 0;
}

/* The small pieces, whole: export meta, attention, sessions, agenda,
 * the questionnaire answers with a flag, and all the answers (a few per
 * month at most, so kept whole). */
static int
small_pieces(struct store *s, char *piece[6], struct err *e)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(s, sql_meta_json, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, EXPORT_PREFIX, -1, SQLITE_STATIC);
	if (store_json_row(s, st, &piece[0], e) != 0) {
		sqlite3_clear_bindings(st);
		return -1;
	}
	sqlite3_clear_bindings(st);
	if (store_checkin_flagged_json(s, &piece[1], e) != 0 ||
	    store_session_list_json(s, &piece[2], e) != 0 ||
	    store_agenda_list_json(s, &piece[3], e) != 0 ||
	    store_measure_flagged_json(s, &piece[4], e) != 0 ||
	    store_measure_responses_json(s, NULL, 0, 0, &piece[5], e) != 0)
		return -1;
	return 0;
}

int
store_document_json_to(struct store *s, store_write_fn w, void *arg,
    struct err *e)
{
	sqlite3_stmt *st;
	char *piece[6] = { NULL }, *head = NULL;
	size_t i;
	int rc = -1;

	if (small_pieces(s, piece, e) != 0 ||
	    (st = store_stmt(s, sql_document_head, e)) == NULL)
		goto out;
	sqlite3_bind_text(st, 1, piece[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, piece[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, piece[4], -1, SQLITE_STATIC);
	rc = store_json_row(s, st, &head, e);
	sqlite3_clear_bindings(st);
	if (rc == 0)
		rc = put_open(head, w, arg, e);
	if (rc == 0)
		rc = put_records(s, piece, w, arg, e);
	if (rc == 0)
		rc = put_text("}", w, arg, e);
out:
	piece_free(head);
	for (i = 0; i < 6; i++)
		piece_free(piece[i]);
	return rc;
}

int
store_review_json_to(struct store *s, const char *signer,
    store_write_fn w, void *arg, struct err *e)
{
	char *piece[6] = { NULL }, *members = NULL;
	size_t i;
	int rc = -1;

	/* The signer's fingerprint is base32 and dashes: no quoting needed,
	 * but check rather than trust. */
	for (i = 0; signer[i] != '\0'; i++)
		if (signer[i] == '"' || signer[i] == '\\' ||
		    (unsigned char)signer[i] < 0x20)
			fatal("store: a fingerprint with odd characters");
	if (small_pieces(s, piece, e) != 0)
		goto out;
	/* The check-ins to look at first come before any journal text. */
	members = xasprintf("\"export\":%s,\"signer\":\"%s\",\"attention\":%s,"
	    "\"measures_attention\":%s", piece[0], signer, piece[1], piece[4]);
	rc = store_json_put(members, w, arg, e);
	if (rc == 0)
		rc = put_records(s, piece, w, arg, e);
out:
	piece_free(members);
	for (i = 0; i < 6; i++)
		piece_free(piece[i]);
	return rc;
}
