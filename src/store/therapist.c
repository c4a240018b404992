/*
 * therapist.c: the therapists a patient shares bundles with.
 *
 * Each is a name the patient chose and the therapist's public key; the
 * key's text form and fingerprint belong to src/share.
 */
#include "config.h"

#include "tend/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"
#include "tend/utf8.h"

#define NAME_MAX_CHARS 64

static const char sql_add[] =
    "INSERT INTO therapists(name, key, added) VALUES (?1, ?2, ?3)";
static const char sql_rm[] = "DELETE FROM therapists WHERE name = ?1";
static const char sql_get[] = "SELECT key FROM therapists WHERE name = ?1";
static const char sql_by_key[] = "SELECT name FROM therapists WHERE key = ?1";
static const char sql_list[] =
    "SELECT name, key, added FROM therapists ORDER BY name";

static int
check_name(const char *name, struct err *e)
{
	size_t i, n = strlen(name), chars = 0;

	if (store_check_text(name, "the therapist's name", 0, e) != 0)
		return -1;
	for (i = 0; i < n; i++)
		chars += ((unsigned char)name[i] & 0xc0) != 0x80;
	if (chars > NAME_MAX_CHARS)
		return err_set(e, "the therapist's name is longer than %d "
		    "characters", NAME_MAX_CHARS);
	for (i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set(e, "the therapist's name contains a "
			    "control character");
	return 0;
}

int
store_therapist_add(struct store *s, const char *name,
    const unsigned char key[32], struct err *e)
{
	unsigned char have[32];
	sqlite3_stmt *st;
	int rc;

	if (check_name(name, e) != 0)
		return -1;
	if (store_therapist_get(s, name, have, NULL) == 0)
		return err_set(e, "a therapist named %s is already stored "
		    "(tend therapist rm %s first to replace the key)", name,
		    name);
	if ((st = store_stmt(s, sql_by_key, e)) == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, key, 32, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		char *other = xstrdup((const char *)sqlite3_column_text(st, 0));

		sqlite3_reset(st);
		rc = err_set(e, "this key is already stored as %s", other);
		free(other);
		return rc;
	}
	sqlite3_reset(st);
	if ((st = store_stmt(s, sql_add, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, key, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	return store_write_end(s, rc, e);
}

int
store_therapist_rm(struct store *s, const char *name, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, sql_rm, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	if (rc == 0 && sqlite3_changes(s->db) == 0)
		rc = err_set(e, "there is no therapist named %s", name);
	return store_write_end(s, rc, e);
}

int
store_therapist_get(struct store *s, const char *name,
    unsigned char key[32], struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt(s, sql_get, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32) {
		memcpy(key, sqlite3_column_blob(st, 0), 32);
		sqlite3_reset(st);
		return 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, rc, e);
	return err_set(e, "there is no therapist named %s (tend therapist "
	    "list shows them)", name);
}

int
store_therapist_list(struct store *s,
    int (*cb)(const struct therapist *, void *), void *arg, struct err *e)
{
	struct therapist t;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if ((st = store_stmt(s, sql_list, e)) == NULL)
		return -1;
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		t.name = (const char *)sqlite3_column_text(st, 0);
		t.key = sqlite3_column_blob(st, 1);
		t.added = (time_t)sqlite3_column_int64(st, 2);
		if (sqlite3_column_bytes(st, 1) != 32)
			continue;
		stop = cb(&t, arg);
	}
	sqlite3_reset(st);
	if (stop != 0)
		return stop;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, e);
	return 0;
}
