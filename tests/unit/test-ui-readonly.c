/*
 * test-ui-readonly.c: in review mode (app->readonly) the check-in and
 * support screens leave every editing action out, and keep the ways to
 * read, get help and go back.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "ui/ui.h"

static int
active(const struct screen *s, int readonly, enum action act)
{
	struct app a;
	struct frame f;

	memset(&a, 0, sizeof a);
	memset(&f, 0, sizeof f);
	a.readonly = readonly;
	f.screen = s;
	return s->active(&a, &f, act);
}

int
main(void)
{
	static const enum action edits[] = { ACT_EDIT, ACT_ADD, ACT_DELETE };
	static const enum action checkin_edits[] = {
		ACT_SAVE, ACT_TOGGLE, ACT_LESS, ACT_MORE, ACT_CLEAR,
		ACT_NEXT_FIELD,
	};
	size_t i;

	for (i = 0; i < sizeof edits / sizeof edits[0]; i++)
		ok(!active(&screen_support, 1, edits[i]),
		    "support, read-only: action %d is left out", edits[i]);
	ok(active(&screen_support, 1, ACT_UP) &&
	    active(&screen_support, 1, ACT_DOWN) &&
	    active(&screen_support, 1, ACT_BACK) &&
	    active(&screen_support, 1, ACT_HELP),
	    "support, read-only: moving, help and back stay");
	for (i = 0; i < sizeof checkin_edits / sizeof checkin_edits[0]; i++)
		ok(!active(&screen_checkin, 1, checkin_edits[i]),
		    "check-in, read-only: action %d is left out",
		    checkin_edits[i]);
	ok(active(&screen_checkin, 1, ACT_BACK) &&
	    active(&screen_checkin, 1, ACT_HELP),
	    "check-in, read-only: help and back stay");
	ok(active(&screen_checkin, 0, ACT_SAVE),
	    "check-in: saving is there when not read-only");
	return tap_done();
}
