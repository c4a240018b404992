/*
 * screen-name.c: the name the journal's exported files carry.
 *
 * A one-line field over the screen below (settings or export), filled
 * with the journal setting "owner" (tend name NAME sets the same).  Enter
 * saves it, an empty field means no name; Esc changes nothing.  The
 * therapist sees the name next to the journal's fingerprint, so it is a
 * label, not a proof: the fingerprint is what identifies the journal.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/err.h"
#include "tend/share.h"
#include "tend/store.h"

static const struct keydef name_keys[] = {
	{ ACT_SAVE, { UI_ENTER, UI_CTRL('s') }, "Save",
	  "Save the name (an empty line: no name).", 1 },
	{ ACT_BACK, { UI_ESC }, "Cancel", "Go back without changing it.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
name_enter(struct app *a, struct frame *f)
{
	struct field *fl = xmalloc(sizeof *fl);
	char *now = a->store != NULL ? store_meta_get(a->store, "owner") :
	    NULL;

	field_init(fl, 0, SHARE_NAME_BYTES);
	if (now != NULL && strlen(now) < SHARE_NAME_BYTES) {
		memcpy(fl->buf, now, strlen(now) + 1);
		fl->len = strlen(now);
	}
	free(now);
	f->data = fl;
}

static void
name_leave(struct app *a, struct frame *f)
{
	(void)a;
	field_free(f->data);
	free(f->data);
	f->data = NULL;
}

static void
name_draw(struct app *a, struct frame *f)
{
	struct frame *below = NULL;
	int y = ui_body_end() - 4, i;

	for (i = 1; i < a->depth; i++)
		if (&a->stack[i] == f)
			below = &a->stack[i - 1];
	if (below != NULL && below->screen->draw != NULL)
		below->screen->draw(a, below);
	draw_clear_rows(y - 1, 5);
	draw_text(a, y, 2, COLS - 4, ROLE_HEADING, "The name your exported "
	    "files carry:");
	field_draw(a, f->data, y + 1, 2, COLS - 4);
	getyx(stdscr, a->cursor_y, a->cursor_x);
	draw_wrap(a, y + 2, 2, COLS - 4, 2, ROLE_HINT, "Your therapist sees "
	    "it beside your journal's fingerprint. Enter saves; Esc goes "
	    "back.");
}

static int
name_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct field *fl = f->data;
	struct err e;

	if (act == ACT_NONE)
		return field_key(fl, key) ? UI_DRAW_BODY : UI_NOTHING;
	if (act != ACT_SAVE)
		return UI_PASS;
	if (a->readonly || a->store == NULL)
		return UI_NOTHING;
	if (fl->len > 0 && share_name_check(fl->buf, "the name", &e) != 0) {
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
		return UI_DRAW_BARS;
	}
	if (store_meta_set(a->store, "owner", fl->buf, &e) != 0) {
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
		return UI_DRAW_BARS;
	}
	ui_pop(a);              /* f is gone now */
	ui_message(a, ROLE_GOOD, "Saved.");
	return UI_DRAW_ALL;
}

const struct screen screen_name = {
	.name = "name",
	.title = "Your journal's name",
	.enter = name_enter,
	.draw = name_draw,
	.key = name_key,
	.leave = name_leave,
	.keys = name_keys,
	.about = "The name your exported files carry, so your therapist "
	    "knows at a glance whose they are. It is a label: your "
	    "journal's fingerprint is what proves a file comes from you.",
};
