/*
 * screen-home.c: what shows once the journal is open.
 *
 * For now a placeholder that says plainly what it is: the timeline of
 * entries and check-ins takes this place once the journal store exists.
 * It shows which file is open and the keys that work.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui/ui.h"

static const struct keydef home_keys[] = {
	{ ACT_NEW, { 'n' }, "Write",
	  "Write a new entry.", 0 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_SETTINGS, { 'o' }, "Settings",
	  "Choose the theme and when tend locks itself.", 1 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase.", 1 },
	{ ACT_QUIT, { 'q' }, "Quit",
	  "Leave tend. Everything is already saved.", 1 },
	{ ACT_SESSIONS, { 's' }, "Sessions",
	  "Your treatment sessions, in time order.", 0 },
	{ ACT_AGENDA, { 'a' }, "Agenda",
	  "What to bring to your next session.", 0 },
	{ ACT_TRASH, { 't' }, "Trash",
	  "Deleted entries, to put back or delete for good.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
home_draw(struct app *a, struct frame *f)
{
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char *where;

	(void)f;
	y += draw_wrap(a, y, 2, w, 2, ROLE_HEADING, "Your journal is open.");
	y++;
	where = xasprintf("Journal: %s", a->vault_path);
	y += draw_wrap(a, y, 2, w, 3, ROLE_DIM, where);
	free(where);
	y++;
	y += draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL,
	    "This version of the full-screen app can make, lock and unlock "
	    "your journal, and keep your settings. Writing entries, "
	    "check-ins and the timeline come in the next version; they will "
	    "appear here.");
	y++;
	draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL,
	    "Press ? for help, o for settings, L to lock, q to quit.");
}

static int
home_key(struct app *a, struct frame *f, enum action act, int key)
{
	(void)f;
	/* Until the new home screen binds them in its table: c opens the
	 * check-in, S the safety plan. */
	if (act == ACT_NONE && (key == 'g' || key == '/')) {
		ui_open(a, key == 'g' ? "chart" : "search", NULL);
		return UI_DRAW_ALL;
	}
	if (key == 'c' || key == 'S') {
		ui_open(a, key == 'c' ? "checkin" : "support", NULL);
		return UI_DRAW_ALL;
	}
	switch (act) {
	case ACT_NEW:
		if (a->readonly)
			return UI_PASS;
		ui_open(a, "editor", NULL);
		return UI_DRAW_ALL;
	case ACT_SESSIONS:
		ui_open(a, "sessions", NULL);
		return UI_DRAW_ALL;
	case ACT_AGENDA:
		ui_open(a, "agenda", NULL);
		return UI_DRAW_ALL;
	case ACT_TRASH:
		ui_open(a, "trash", NULL);
		return UI_DRAW_ALL;
	default:
		return UI_PASS;
	}
}

const struct screen screen_home = {
	.name = "home",
	.title = "Home",
	.draw = home_draw,
	.key = home_key,
	.keys = home_keys,
	.about = "The home screen. Your timeline of entries and check-ins "
	    "will live here.",
};
