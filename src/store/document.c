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
static const char sql_document[] =
    "SELECT json_object('format', 'tend-export', 'version', 1, "
    "'title', (SELECT value FROM meta WHERE key = 'title'), "
    "'export', json(?1), 'attention', json(?6), "
    "'measures_attention', json(?8), 'entries', json(?2), "
    "'checkins', json(?3), 'sessions', json(?4), 'agenda', json(?5), "
    "'measures', json(?7))";

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

int
store_document_json(struct store *s, char **json, struct err *e)
{
	struct entry_filter all;
	sqlite3_stmt *st;
	char *piece[8] = { NULL };
	size_t i;
	int rc = -1;

	*json = NULL;
	memset(&all, 0, sizeof all);
	if ((st = store_stmt(s, sql_meta_json, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, EXPORT_PREFIX, -1, SQLITE_STATIC);
	if (store_json_row(s, st, &piece[0], e) != 0 ||
	    store_entry_list_json(s, &all, &piece[1], e) != 0 ||
	    store_checkin_list_json(s, 0, 0, &piece[2], e) != 0 ||
	    store_session_list_json(s, &piece[3], e) != 0 ||
	    store_agenda_list_json(s, &piece[4], e) != 0 ||
	    store_checkin_flagged_json(s, &piece[5], e) != 0 ||
	    store_measure_responses_json(s, NULL, 0, 0, &piece[6], e) != 0 ||
	    store_measure_flagged_json(s, &piece[7], e) != 0)
		goto out;
	if ((st = store_stmt(s, sql_document, e)) == NULL)
		goto out;
	for (i = 0; i < 8; i++)
		sqlite3_bind_text(st, (int)i + 1, piece[i], -1, SQLITE_STATIC);
	rc = store_json_row(s, st, json, e);
	sqlite3_clear_bindings(st);
out:
	for (i = 0; i < 8; i++)
		piece_free(piece[i]);
	return rc;
}
