/*
 * remind.c: the questionnaire reminder schedules, kept as journal
 * settings in meta ("remind:NAME" = "WEEKS TREATMENT", both whole
 * numbers) so they travel with the journal.  What the numbers mean and
 * which questionnaire is due is decided in the app (src/ui/due.c); here
 * they are only read and written.
 */
#include "config.h"

#include "tend/store.h"

#include <stdio.h>
#include <string.h>

#include "store/store-int.h"
#include "tend/err.h"

static const char sql_remind_get[] =
    "SELECT value FROM meta WHERE key = 'remind:' || ?1";
static const char sql_remind_set[] =
    "INSERT INTO meta(key, value) VALUES ('remind:' || ?1, ?2) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";

int
store_remind_get(struct store *s, const char *name, int *every_weeks,
    int *treatment)
{
	struct err e;
	sqlite3_stmt *st = store_stmt(s, sql_remind_get, &e);
	int found = 0, w, t;
	char end;

	if (st == NULL)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    sscanf((const char *)sqlite3_column_text(st, 0), "%d %d%c", &w,
	    &t, &end) == 2 && w >= 0 && w <= STORE_REMIND_WEEKS_MAX &&
	    (t == 0 || t == 1)) {
		*every_weeks = w;
		*treatment = t;
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

int
store_remind_set(struct store *s, const char *name, int every_weeks,
    int treatment, struct err *e)
{
	sqlite3_stmt *st;
	char value[32];
	int rc;

	if (every_weeks < 0 || every_weeks > STORE_REMIND_WEEKS_MAX)
		return err_set(e, "a reminder is every 1 to %d weeks, or off",
		    STORE_REMIND_WEEKS_MAX);
	if (store_check_text(name, "the questionnaire's name", 0, e) != 0)
		return -1;
	if ((st = store_stmt(s, sql_remind_set, e)) == NULL)
		return -1;
	snprintf(value, sizeof value, "%d %d", every_weeks, treatment ? 1 : 0);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0)
		return -1;
	rc = store_done(s, st, e);
	return store_write_end(s, rc, e);
}
