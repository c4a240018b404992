/*
 * test-store-session.c: changing a session after it was added: every
 * field changes, medicine numbers and placement follow a new kind or
 * time, and a bad change (unknown ID, invalid text, unknown kind) leaves
 * the session as it was.  Runs in UTC so that days are fixed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

#define DAY 86400
#define T0 1767225600           /* 2026-01-01 00:00 UTC */

/* Each session as "kind/medicine number/time/title/notes;". */
static int
line(const struct session *r, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 512 - n, "%s/%d/%lld/%s/%s;",
	    store_session_kind_name(r->kind), r->medicine_no,
	    (long long)(r->time - T0), r->title, r->notes);
	return 0;
}

static void
is_str(const char *got, const char *want, const char *what)
{
	ok(strcmp(got, want) == 0, "%s", what);
	if (strcmp(got, want) != 0)
		tap_diag("got %s, wanted %s", got, want);
}

static const char *
sessions(struct store *s)
{
	static char buf[512];
	struct err e;

	buf[0] = '\0';
	if (store_session_list(s, line, buf, &e) != 0)
		snprintf(buf, sizeof buf, "error: %.200s", e.msg);
	return buf;
}

int
main(void)
{
	char a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1], place[96];
	char gone[STORE_UUID_LEN + 1];
	struct store *s;
	struct vault *v;
	struct err e;

	setenv("TZ", "UTC", 1);
	test_init();
	v = test_new_vault(test_path("session.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	ok(store_session_add(s, SESSION_PREPARATION, T0, "first", NULL, a,
	    &e) == 0, "add a preparation session");
	ok(store_session_add(s, SESSION_MEDICINE, T0 + 10 * DAY, "big day",
	    NULL, b, &e) == 0, "add a medicine session");
	is_str(sessions(s), "preparation/0/0/first/;medicine/1/864000/"
	    "big day/;", "as added");

	ok(store_session_edit(s, a, SESSION_MEDICINE, T0 + 20 * DAY,
	    "moved", "Ängste, Träume", &e) == 0, "edit every field");
	is_str(sessions(s), "medicine/1/864000/big day/;medicine/2/1728000/"
	    "moved/Ängste, Träume;", "kind, time, title and notes changed; "
	    "medicine numbers follow the new order");
	store_place(s, T0 + 22 * DAY, place, sizeof place);
	is_str(place, "day 2 after medicine session 2",
	    "placement sees the change");

	ok(store_session_edit(s, a, SESSION_INTEGRATION, T0 + 20 * DAY, NULL,
	    NULL, &e) == 0, "title and notes may be empty");
	is_str(sessions(s), "medicine/1/864000/big day/;integration/0/1728000/"
	    "/;", "emptied");

	ok(store_session_edit(s, a, SESSION_OTHER, T0, "\xc0", NULL, &e) ==
	    -1, "invalid UTF-8 title refused");
	ok(strstr(e.msg, "title") != NULL, "the error names the field: %s",
	    e.msg);
	ok(store_session_edit(s, a, SESSION_OTHER, T0, NULL, "\xff", &e) ==
	    -1, "invalid UTF-8 notes refused");
	ok(store_session_edit(s, a, (enum session_kind)9, T0, NULL, NULL,
	    &e) == -1, "unknown kind refused");
	is_str(sessions(s), "medicine/1/864000/big day/;integration/0/1728000/"
	    "/;", "a refused change changes nothing");

	snprintf(gone, sizeof gone, "%s", a);
	ok(store_session_rm(s, a, &e) == 0, "rm");
	ok(store_session_edit(s, gone, SESSION_OTHER, T0, "x", NULL, &e) ==
	    -1, "editing a removed session is refused");
	ok(strstr(e.msg, "no session") != NULL, "and said so: %s", e.msg);
	is_str(sessions(s), "medicine/1/864000/big day/;", "one left");

	store_close(s);
	vault_close(v);
	return tap_done();
}
