/*
 * screen-therapist.c: store a therapist's key without leaving tend.
 *
 * Opened from the export screen.  Two fields: a name, and the key (the
 * line starting with tend1 that the therapist gives, pasted or typed).  As
 * soon as the key reads correctly its fingerprint shows, to compare with
 * the therapist's before saving; a mistyped key says so and cannot be
 * saved.  Saving is store_therapist_add, as `tend therapist add` does.
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

struct addth {
	struct field name, key;
	int on_key;             /* the key field has the cursor */
};

static const struct keydef addth_keys[] = {
	{ ACT_NEXT_FIELD, { '\t', UI_KC(KEY_DOWN), UI_KC(KEY_UP),
	  UI_KC(KEY_BTAB) }, "Other field",
	  "Go to the other field.", 1 },
	{ ACT_SAVE, { UI_CTRL('s') }, "Save",
	  "Save the therapist (Enter does too, on the key).", 1 },
	{ ACT_CONFIRM, { UI_ENTER }, "Enter",
	  "On the name: go to the key. On the key: save.", 0 },
	{ ACT_BACK, { UI_ESC }, "Cancel", "Go back without saving.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
addth_enter(struct app *a, struct frame *f)
{
	struct addth *t = xcalloc(1, sizeof *t);

	(void)a;
	field_init(&t->name, 0, SHARE_NAME_BYTES);
	field_init(&t->key, 0, 256);
	f->data = t;
}

static void
addth_leave(struct app *a, struct frame *f)
{
	struct addth *t = f->data;

	(void)a;
	field_free(&t->name);
	field_free(&t->key);
	free(t);
	f->data = NULL;
}

static void
addth_draw(struct app *a, struct frame *f)
{
	struct addth *t = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, x0 = 9, cy, cx;
	unsigned char pk[32];
	struct err e;

	y += draw_wrap(a, y, 2, w, 3, ROLE_NORMAL, "Your therapist gives you "
	    "a key: one line starting with tend1. Paste or type it below, "
	    "with a name you will know them by.") + 1;
	draw_text(a, y, 2, 6, t->on_key ? ROLE_NORMAL : ROLE_KEY, "Name");
	field_draw(a, &t->name, y, x0, COLS - x0 - 2);
	getyx(stdscr, cy, cx);
	if (!t->on_key) {
		a->cursor_y = cy;
		a->cursor_x = cx;
	}
	y += 2;
	draw_text(a, y, 2, 6, t->on_key ? ROLE_KEY : ROLE_NORMAL, "Key");
	field_draw(a, &t->key, y, x0, COLS - x0 - 2);
	getyx(stdscr, cy, cx);
	if (t->on_key) {
		a->cursor_y = cy;
		a->cursor_x = cx;
	}
	y += 2;
	if (t->key.len == 0)
		return;
	if (share_key_parse(t->key.buf, pk, &e) == 0) {
		char fpr[SHARE_FPR_CHARS], *s;

		share_fingerprint(pk, fpr);
		s = xasprintf("Fingerprint: %s", fpr);
		draw_text(a, y, 2, w, ROLE_TITLE, s);
		free(s);
		draw_wrap(a, y + 2, 2, w, 3, ROLE_NORMAL, "Compare it with the "
		    "fingerprint your therapist sees, in person or by phone, "
		    "before you save. Ctrl-S saves.");
	} else
		draw_wrap(a, y, 2, w, 3, ROLE_HINT, "This is not a whole key "
		    "yet: it is one line of 64 letters and digits starting "
		    "with tend1.");
}

static int
addth_save(struct app *a, struct addth *t)
{
	unsigned char pk[32];
	struct err e;

	if (a->readonly || a->store == NULL)
		return UI_NOTHING;
	if (t->name.len == 0 || share_name_check(t->name.buf, "the name",
	    &e) != 0) {
		t->on_key = 0;
		ui_message(a, ROLE_WARNING, "Please give your therapist a "
		    "name%s%s.", t->name.len > 0 ? ": " : "",
		    t->name.len > 0 ? e.msg : "");
		return UI_DRAW_ALL;
	}
	if (share_key_parse(t->key.buf, pk, &e) != 0) {
		t->on_key = 1;
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
		return UI_DRAW_ALL;
	}
	if (store_therapist_add(a->store, t->name.buf, pk, &e) != 0) {
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
		return UI_DRAW_ALL;
	}
	ui_pop(a);              /* the frame is gone now */
	ui_message(a, ROLE_GOOD, "Saved. Tick them to write a file they can "
	    "open.");
	return UI_DRAW_ALL;
}

static int
addth_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct addth *t = f->data;

	switch (act) {
	case ACT_NONE:
		return field_key(t->on_key ? &t->key : &t->name, key) ?
		    UI_DRAW_BODY : UI_NOTHING;
	case ACT_NEXT_FIELD:
		t->on_key = !t->on_key;
		return UI_DRAW_BODY;
	case ACT_CONFIRM:
		if (!t->on_key) {
			t->on_key = 1;
			return UI_DRAW_BODY;
		}
		return addth_save(a, t);
	case ACT_SAVE:
		return addth_save(a, t);
	default:
		return UI_PASS;
	}
}

const struct screen screen_therapist = {
	.name = "therapist",
	.title = "Add a therapist",
	.enter = addth_enter,
	.draw = addth_draw,
	.key = addth_key,
	.leave = addth_leave,
	.keys = addth_keys,
	.about = "Store your therapist's key so that you can write files only "
	    "they can open. Paste the line starting with tend1 that they "
	    "gave you, and compare the fingerprint shown with theirs before "
	    "you save.",
};
