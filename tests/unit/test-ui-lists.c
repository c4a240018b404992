/*
 * test-ui-lists.c: the sessions, agenda and trash screens without a
 * terminal: in review mode (app->readonly) every editing action is left
 * out, while moving, help and the way back stay; outside it the actions
 * apply and change the store (the session form with its date check, a
 * session removed after the question, an agenda item marked done, an
 * entry put back).  Drawing is left to tests/e2e/lists.sh.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "ui/ui.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

#define DAY 86400
#define T0 1767225600           /* 2026-01-01 00:00 UTC */

static const enum action editing[] = {
	ACT_ADD, ACT_EDIT, ACT_DELETE, ACT_DONE, ACT_RESTORE, ACT_CLEAR,
};
static const enum action reading[] = {
	ACT_UP, ACT_DOWN, ACT_HELP, ACT_BACK, ACT_QUIT, ACT_LOCK,
};

/* Whether act is bound on the screen at all. */
static int
bound(const struct screen *s, enum action act)
{
	const struct keydef *k;

	for (k = s->keys; k->action != ACT_NONE; k++)
		if (k->action == act)
			return 1;
	return 0;
}

/* Count the bound editing actions that apply (and the reading ones that
 * do not) on the top screen. */
static void
check_actions(struct app *a, int want_editing)
{
	struct frame *f = &a->stack[a->depth - 1];
	size_t i;
	int wrong = 0, n = 0;

	for (i = 0; i < sizeof editing / sizeof editing[0]; i++)
		if (bound(f->screen, editing[i])) {
			n++;
			wrong += ui_key_active(a, f, editing[i]) != want_editing;
		}
	for (i = 0; i < sizeof reading / sizeof reading[0]; i++)
		if (bound(f->screen, reading[i]))
			wrong += !ui_key_active(a, f, reading[i]);
	ok(n > 0 && wrong == 0, "%s, %s: editing actions %s, moving, help "
	    "and back apply", f->screen->name, a->readonly ? "review mode" :
	    "own journal", want_editing ? "apply" : "are left out");
}

/* Whether the way back and help are among the shortcut bar's keys at the
 * smallest width, 44 columns (the bar is filled in table order, every
 * key here taken as applying, which is its widest). */
static int
bar_fits(const struct screen *s)
{
	const struct keydef *k;
	char name[32];
	int x = 0, back = 0, help = 0;

	for (k = s->keys; k->action != ACT_NONE; k++) {
		if (!k->bar)
			continue;
		keys_name(k->keys[0], name, sizeof name);
		x += 1 + draw_width(name) + 1 + draw_width(k->label) + 1;
		if (x > UI_MIN_COLS)
			break;
		back |= k->action == ACT_BACK;
		help |= k->action == ACT_HELP;
	}
	return back && help;
}

static int
key(struct app *a, enum action act, int k)
{
	struct frame *f = &a->stack[a->depth - 1];

	return f->screen->key(a, f, act, k);
}

static void
type(struct app *a, const char *s)
{
	for (; *s != '\0'; s++)
		key(a, ACT_NONE, (unsigned char)*s);
}

static const char *
top(struct app *a)
{
	return a->stack[a->depth - 1].screen->name;
}

static int
count_sessions(const struct session *r, void *arg)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

static int
find_session(const struct session *r, void *arg)
{
	const char *title = arg;

	return strcmp(r->title, title) == 0 && r->kind == SESSION_MEDICINE ?
	    1 : 0;
}

static int
find_notes(const struct session *r, void *arg)
{
	const char *notes = arg;

	return strcmp(r->title, "renamed") == 0 &&
	    strcmp(r->notes, notes) == 0 ? 1 : 0;
}

static int
first_done(const struct agenda_item *r, void *arg)
{
	*(time_t *)arg = r->done;
	return 1;
}

static int
count_items(const struct agenda_item *r, void *arg)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

static int
count_entries(const struct entry *r, void *arg)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

int
main(void)
{
	char uuid[STORE_UUID_LEN + 1];
	struct entry_filter filter;
	struct entry_new n;
	struct app *a;
	struct store *s;
	struct vault *v;
	struct err e;
	time_t done = 0;
	int k, ro;

	setenv("TZ", "UTC", 1);
	setlocale(LC_ALL, "");
	test_init();
	{
		static const struct screen *const narrow[] = {
			&screen_checkin, &screen_support, &screen_sessions,
			&screen_session, &screen_session_form, &screen_agenda,
			&screen_agenda_add, &screen_trash, &screen_entry,
		};
		size_t i;

		for (i = 0; i < sizeof narrow / sizeof narrow[0]; i++)
			ok(bar_fits(narrow[i]), "%s: Back and Help fit the bar "
			    "at 44 columns", narrow[i]->name);
	}
	v = test_new_vault(test_path("lists.tend"));
	if (store_open(v, &s, &e) != 0)
		return tap_done();
	store_session_add(s, SESSION_PREPARATION, T0, "first", NULL, uuid, &e);
	store_session_add(s, SESSION_MEDICINE, T0 + 9 * DAY, "second", NULL,
	    uuid, &e);
	store_agenda_add(s, "an open item", uuid, &e);
	memset(&n, 0, sizeof n);
	n.body = "in the trash";
	store_entry_add(s, &n, uuid, &e);
	store_entry_trash(s, uuid, &e);

	a = xcalloc(1, sizeof *a);
	a->store = s;
	for (ro = 1; ro >= 0; ro--) {
		a->readonly = ro;
		ui_push(a, &screen_sessions, NULL);
		check_actions(a, !ro);
		ui_pop(a);
		ui_push(a, &screen_agenda, NULL);
		check_actions(a, !ro);
		ui_pop(a);
		ui_push(a, &screen_trash, NULL);
		check_actions(a, !ro);
		ui_pop(a);
	}
	a->readonly = 1;
	ui_push(a, &screen_sessions, NULL);
	key(a, ACT_OPEN, '\n');
	ok(strcmp(top(a), "session") == 0 &&
	    !ui_key_active(a, &a->stack[a->depth - 1], ACT_EDIT),
	    "review mode: a session's notes can be read, not changed");
	ui_pop(a);
	ui_pop(a);

	/* Review mode: the form and the one-line field save nothing, even
	 * when something opens them without the Add key. */
	ui_push(a, &screen_sessions, NULL);
	ui_push(a, &screen_session_form, a->stack[a->depth - 1].data);
	type(a, "m");
	ok(!ui_key_active(a, &a->stack[a->depth - 1], ACT_SAVE),
	    "review mode: the session form's Save is left out");
	key(a, ACT_SAVE, '\n');
	k = 0;
	store_session_list(s, count_sessions, &k, &e);
	ok(k == 2 && strcmp(top(a), "session-form") == 0,
	    "review mode: the form saves nothing (%d sessions)", k);
	ui_pop(a);
	ui_pop(a);
	ui_push(a, &screen_agenda, NULL);
	ui_push(a, &screen_agenda_add, a->stack[a->depth - 1].data);
	type(a, "not in a review");
	ok(!ui_key_active(a, &a->stack[a->depth - 1], ACT_SAVE),
	    "review mode: adding to the agenda is left out");
	key(a, ACT_SAVE, '\n');
	k = 0;
	store_agenda_list(s, count_items, &k, &e);
	ok(k == 1 && strcmp(top(a), "agenda-add") == 0,
	    "review mode: nothing is added (%d items)", k);
	ui_pop(a);
	ui_pop(a);

	/* The form: a date it cannot read keeps it open with a message. */
	a->readonly = 0;
	ui_push(a, &screen_sessions, NULL);
	key(a, ACT_ADD, 'a');
	ok(strcmp(top(a), "session-form") == 0, "a opens the form");
	type(a, "m");
	key(a, ACT_NEXT_FIELD, '\t');
	key(a, ACT_NONE, UI_CTRL('u'));
	type(a, "soon");
	key(a, ACT_SAVE, '\n');
	ok(strcmp(top(a), "session-form") == 0 &&
	    strstr(a->message, "cannot read that date") != NULL,
	    "an unreadable date is refused in one sentence: %s", a->message);
	key(a, ACT_NONE, UI_CTRL('u'));
	type(a, "2026-01-20 09:30");
	key(a, ACT_NEXT_FIELD, '\t');
	type(a, "third");
	key(a, ACT_SAVE, '\n');
	ok(strcmp(top(a), "sessions") == 0, "saved: back on the list (%s)",
	    a->message);
	ok(store_session_list(s, find_session, "third", &e) == 1,
	    "the session is in the store, a medicine session");

	/* Esc asks before dropping what was typed; untouched, it just
	 * goes back. */
	key(a, ACT_ADD, 'a');
	ok((key(a, ACT_BACK, UI_ESC) & UI_PASS) != 0,
	    "Esc on an untouched form goes back at once");
	type(a, "o");
	key(a, ACT_NEXT_FIELD, '\t');
	key(a, ACT_NEXT_FIELD, '\t');
	type(a, "half a title");
	key(a, ACT_BACK, UI_ESC);
	ok(strcmp(top(a), "confirm") == 0, "Esc after typing asks first");
	key(a, ACT_NO, 'n');
	ok(strcmp(top(a), "session-form") == 0, "n stays on the form");
	key(a, ACT_BACK, UI_ESC);
	key(a, ACT_YES, 'y');
	ok(strcmp(top(a), "sessions") == 0, "y leaves without saving");
	k = 0;
	store_session_list(s, count_sessions, &k, &e);
	ok(k == 3, "nothing was added (%d sessions)", k);

	/* Removing asks first; no keeps it. */
	k = 0;
	store_session_list(s, count_sessions, &k, &e);
	key(a, ACT_DELETE, 'd');
	ok(strcmp(top(a), "confirm") == 0, "d asks first");
	key(a, ACT_NO, 'n');
	key(a, ACT_DELETE, 'd');
	key(a, ACT_YES, 'y');
	ro = 0;
	store_session_list(s, count_sessions, &ro, &e);
	ok(k == 3 && ro == 2, "no keeps it, yes removes it (%d, then %d)", k,
	    ro);
	ui_pop(a);

	/* Notes with line breaks (written elsewhere) do not fit the form's
	 * one line: changing the title keeps them whole. */
	store_session_add(s, SESSION_OTHER, T0 + 30 * DAY, "old",
	    "line one\nline two", uuid, &e);
	ui_push(a, &screen_sessions, NULL);
	key(a, ACT_LAST, 'G');
	key(a, ACT_EDIT, 'e');
	key(a, ACT_NEXT_FIELD, '\t');
	key(a, ACT_NEXT_FIELD, '\t');
	key(a, ACT_NONE, UI_CTRL('u'));
	type(a, "renamed");
	key(a, ACT_NEXT_FIELD, '\t');
	type(a, "typed into kept notes");
	key(a, ACT_SAVE, '\n');
	ok(store_session_list(s, find_notes, "line one\nline two", &e) == 1,
	    "a new title, the notes kept whole (%s)", a->message);
	ui_pop(a);

	ui_push(a, &screen_agenda, NULL);
	key(a, ACT_DONE, ' ');
	store_agenda_list(s, first_done, &done, &e);
	ok(done != 0, "Space marks the item done");
	ok(!ui_key_active(a, &a->stack[a->depth - 1], ACT_DONE),
	    "with nothing open, Done is left out");
	key(a, ACT_ADD, 'a');
	key(a, ACT_SAVE, '\n');
	ok(strcmp(top(a), "agenda-add") == 0 && a->message[0] != '\0',
	    "an empty item is not added: %s", a->message);
	type(a, "bring the drawing");
	key(a, ACT_SAVE, '\n');
	ok(strcmp(top(a), "agenda") == 0 &&
	    ui_key_active(a, &a->stack[a->depth - 1], ACT_DONE),
	    "added: back on the list, one open");
	key(a, ACT_ADD, 'a');
	type(a, "half a thought");
	key(a, ACT_BACK, UI_ESC);
	ok(strcmp(top(a), "confirm") == 0, "Esc after writing asks first");
	key(a, ACT_YES, 'y');
	k = 0;
	store_agenda_list(s, count_items, &k, &e);
	ok(strcmp(top(a), "agenda") == 0 && k == 2,
	    "y leaves; nothing was added (%d items)", k);
	ui_pop(a);

	ui_push(a, &screen_trash, NULL);
	key(a, ACT_RESTORE, 'r');
	k = 0;
	memset(&filter, 0, sizeof filter);
	store_entry_list(s, &filter, count_entries, &k, &e);
	ok(k == 1, "r puts the entry back");
	ok(!ui_key_active(a, &a->stack[a->depth - 1], ACT_RESTORE) &&
	    !ui_key_active(a, &a->stack[a->depth - 1], ACT_CLEAR),
	    "with the trash empty, its actions are left out");
	ui_pop(a);

	free(a);
	store_close(s);
	vault_close(v);
	return tap_done();
}
