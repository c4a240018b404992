/*
 * test-ui-timeline.c: the timeline's screens without a terminal: the
 * resume call when the screen above closes (and not on replace), the
 * editing actions left out in review mode, and the read view owning its
 * argument (the sanitizers see a leak or a double free).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "ui/ui.h"

static int resumed, left;

static void
count_resume(struct app *a, struct frame *f)
{
	(void)a;
	(void)f;
	resumed++;
}

static void
count_leave(struct app *a, struct frame *f)
{
	(void)a;
	(void)f;
	left++;
}

static const struct screen lower = {
	.name = "lower", .title = "Lower", .leave = count_leave,
	.resume = count_resume,
};
static const struct screen upper = {
	.name = "upper", .title = "Upper", .leave = count_leave,
};

static void
check_resume(void)
{
	struct app a;

	memset(&a, 0, sizeof a);
	ui_push(&a, &lower, NULL);
	ui_push(&a, &upper, NULL);
	ok(resumed == 0, "pushing does not resume");
	ui_pop(&a);
	ok(resumed == 1 && left == 1 && a.depth == 1,
	    "popping resumes the screen below, once");
	ui_push(&a, &upper, NULL);
	ui_replace(&a, &upper, NULL);
	ok(resumed == 1 && left == 2, "replacing does not resume");
	ui_pop(&a);
	ui_pop(&a);
	ok(resumed == 2 && left == 4 && a.depth == 0,
	    "the last screen closing resumes nothing");
}

static void
check_readonly(struct app *a)
{
	static const enum action editing[] = {
		ACT_NEW, ACT_CHECKIN, ACT_TRASH, ACT_EXPORT,
	};
	static const enum action reading[] = {
		ACT_SEARCH, ACT_CHART, ACT_SESSIONS, ACT_AGENDA,
		ACT_SUPPORT, ACT_OPEN, ACT_HELP, ACT_QUIT,
	};
	size_t i;
	int on = 0, off = 0;

	for (i = 0; i < sizeof editing / sizeof editing[0]; i++) {
		a->readonly = 0;
		on += screen_home.active(a, NULL, editing[i]);
		a->readonly = 1;
		off += screen_home.active(a, NULL, editing[i]);
	}
	ok(on == 4 && off == 0, "home: new, check-in, trash and export only "
	    "when the journal can be changed");
	on = 0;
	for (i = 0; i < sizeof reading / sizeof reading[0]; i++)
		on += screen_home.active(a, NULL, reading[i]);
	ok(on == (int)(sizeof reading / sizeof reading[0]),
	    "home: reading and finding stay in review mode");
	ok(screen_home.active(a, NULL, ACT_INFO),
	    "home: the export's details in review mode");
	a->readonly = 0;
	ok(!screen_home.active(a, NULL, ACT_INFO),
	    "home: no export details for a journal");
}

/* Open the read view on uuid; whether Edit applies. */
static int
entry_editable(struct app *a, const char *uuid)
{
	struct frame f;
	int r;

	memset(&f, 0, sizeof f);
	f.screen = &screen_entry;
	f.arg = xstrdup(uuid);
	screen_entry.enter(a, &f);
	r = screen_entry.active(a, &f, ACT_EDIT);
	screen_entry.resume(a, &f);
	r += 2 * screen_entry.active(a, &f, ACT_EDIT);
	screen_entry.leave(a, &f);
	return r;
}

int
main(void)
{
	char entry[STORE_UUID_LEN + 1], checkin[STORE_UUID_LEN + 1];
	struct entry_new en;
	struct checkin_new cn;
	struct vault *v;
	struct app a;
	struct frame f;
	struct err e;

	test_init();
	check_resume();

	memset(&a, 0, sizeof a);
	v = test_new_vault(test_path("ui.tend"));
	if (store_open(v, &a.store, &e) != 0)
		fatal("cannot open the store: %s", e.msg);
	memset(&en, 0, sizeof en);
	en.body = "Heute war ein ruhiger Tag.";
	memset(&cn, 0, sizeof cn);
	cn.mood = 6;
	cn.anxiety = cn.sleep = cn.energy = cn.connection = CHECKIN_UNSET;
	cn.sleep_hours = CHECKIN_UNSET;
	if (store_entry_add(a.store, &en, entry, &e) != 0 ||
	    store_checkin_add(a.store, &cn, checkin, &e) != 0)
		fatal("cannot seed: %s", e.msg);

	check_readonly(&a);
	ok(entry_editable(&a, entry) == 3, "an entry can be edited");
	ok(entry_editable(&a, checkin) == 3, "a check-in can be changed too "
	    "(in its form)");
	a.readonly = 1;
	ok(entry_editable(&a, entry) == 0 && entry_editable(&a, checkin) == 0,
	    "nothing can be edited in review mode");
	a.readonly = 0;
	ok(store_entry_trash(a.store, entry, &e) == 0 &&
	    entry_editable(&a, entry) == 0, "an entry in the trash is not "
	    "shown to edit");

	/* The home screen loads, reloads and frees the timeline. */
	memset(&f, 0, sizeof f);
	f.screen = &screen_home;
	screen_home.enter(&a, &f);
	ok(f.data != NULL, "home: entered");
	screen_home.resume(&a, &f);
	screen_home.leave(&a, &f);
	ok(f.data == NULL, "home: left");

	store_close(a.store);
	vault_close(v);
	return tap_done();
}
