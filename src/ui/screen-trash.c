/*
 * screen-trash.c: entries that were deleted, newest first, until they are
 * put back (r) or the trash is emptied for good (E, after a question that
 * says plainly it cannot be undone).
 *
 * Emptying deletes the rows and then VACUUMs the file so the text is gone
 * from it (store_trash_empty); on a big journal that takes a moment, so
 * the message line says what is happening before it starts.  In review
 * mode (app->readonly) nothing can be put back or emptied.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/timefmt.h"

#define TRASH_PREVIEW 160       /* bytes of an untitled entry shown */

struct trow {
	char uuid[STORE_UUID_LEN + 1];
	time_t created;
	char *text;             /* the title, or the start of the text */
	int titled;
};

/* The first line of s, at most TRASH_PREVIEW bytes, not cut inside a
 * character. */
static char *
trash_preview(const char *s)
{
	size_t n = strcspn(s, "\n");
	char *p;

	if (n > TRASH_PREVIEW) {
		n = TRASH_PREVIEW;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int
trash_collect(const struct entry *r, void *arg)
{
	struct trow *w = rows_add(arg);

	snprintf(w->uuid, sizeof w->uuid, "%s", r->uuid);
	w->created = r->created;
	w->titled = r->title != NULL && r->title[0] != '\0';
	w->text = trash_preview(w->titled ? r->title :
	    r->body != NULL ? r->body : "");
	return 0;
}

static void
trash_wipe(void *row)
{
	struct trow *w = row;

	vault_wipe(w->text, strlen(w->text));
	free(w->text);
}

static void
trash_load(struct app *a, struct rows *t)
{
	struct entry_filter filter;
	struct err e;

	rows_clear(t);
	memset(&filter, 0, sizeof filter);
	filter.trashed = 1;
	filter.newest_first = 1;
	if (store_entry_list(a->store, &filter, trash_collect, t, &e) != 0)
		ui_message(a, ROLE_WARNING, "The trash could not be read: %s.",
		    e.msg);
	rows_reload(t);
}

static void
trash_row(struct app *a, void *arg, long long id, int y, int x, int width,
    int selected)
{
	const struct trow *r = rows_at(arg, (size_t)id);
	char when[32];
	int col = x + 1, end = x + width;

	time_format_local(r->created, when, sizeof when);
	if (width < 60)
		when[10] = '\0';
	col += draw_text(a, y, col, end - col, selected ? ROLE_SELECTED :
	    ROLE_NORMAL, when) + 2;
	if (col < end)
		draw_text(a, y, col, end - col, selected ? ROLE_SELECTED :
		    r->titled ? ROLE_NORMAL : ROLE_DIM, r->text);
}

static const struct keydef trash_keys[] = {
	{ ACT_RESTORE, { 'r' }, "Put back",
	  "Put the chosen entry back into your journal.", 1 },
	{ ACT_CLEAR, { 'E' }, "Empty",
	  "Delete every entry in the trash for good (asks first). This "
	  "cannot be undone.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	KEYS_LIST_MOVES("Choose the entry above.",
	    "Choose the entry below.",
	    "Show the newer entries a page up.",
	    "Show the older entries a page down.",
	    "Choose the newest entry.",
	    "Choose the oldest entry."),
	KEYS_LOCK,
	KEYS_QUIT,
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
trash_enter(struct app *a, struct frame *f)
{
	struct rows *t = xmalloc(sizeof *t);

	rows_init(t, sizeof(struct trow), trash_wipe, trash_row, t);
	f->data = t;
	trash_load(a, t);
}

static void
trash_leave(struct app *a, struct frame *f)
{
	(void)a;
	rows_free(f->data);
	free(f->data);
	f->data = NULL;
}

static void
trash_resize(struct app *a, struct frame *f)
{
	(void)a;
	rows_reload(f->data);
}

static void
trash_draw(struct app *a, struct frame *f)
{
	struct rows *t = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char line[96];

	draw_text(a, y, 2, w, ROLE_HEADING, "Deleted entries, newest first");
	if (t->n == 0) {
		draw_wrap(a, y + 2, 2, w, maxy - y - 2, ROLE_NORMAL,
		    "The trash is empty. Entries you delete wait here, so you "
		    "can put them back with r until you empty the trash.");
		ui_focus(a, y + 2, 2);
		return;
	}
	snprintf(line, sizeof line, "%zu entr%s in the trash. r puts the "
	    "chosen one back.", t->n, t->n == 1 ? "y" : "ies");
	if (draw_width(line) > w)       /* narrow: not half a sentence */
		snprintf(line, sizeof line, "%zu entr%s in the trash.", t->n,
		    t->n == 1 ? "y" : "ies");
	draw_text(a, y + 1, 2, w, ROLE_HINT, line);
	rows_draw(a, t);
}

static void
trash_empty_answer(struct app *a, void *arg, int yes)
{
	struct frame *f = &a->stack[a->depth - 1];
	struct rows *t = arg;
	struct progress p;
	struct err e;
	long n = 0;
	int rc;

	if (f->data != t)
		return;
	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "Nothing was deleted.");
		return;
	}
	/* Say what is happening before the file is rewritten; a bar once
	 * it takes a while. */
	ui_message(a, ROLE_MESSAGE, "Emptying the trash; this can take a "
	    "moment...");
	draw_bars(a);
	refresh();
	ui_step_begin(a, &p, "Emptying the trash");
	rc = store_trash_empty(a->store, &n, &e);
	ui_step_end(a, &p);
	if (rc != 0) {
		ui_message(a, ROLE_WARNING, "The trash was not emptied: %s.",
		    e.msg);
		trash_load(a, t);
		return;
	}
	trash_load(a, t);
	ui_message(a, ROLE_GOOD, "%ld entr%s deleted for good.", n,
	    n == 1 ? "y was" : "ies were");
}

static int
trash_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct rows *t = f->data;
	long long sel = list_selected(&t->list);
	char uuid[STORE_UUID_LEN + 1];
	struct err e;

	(void)key;
	switch (act) {
	case ACT_RESTORE:
		snprintf(uuid, sizeof uuid, "%s",
		    ((const struct trow *)rows_at(t, (size_t)sel))->uuid);
		if (store_entry_restore(a->store, uuid, &e) != 0) {
			ui_message(a, ROLE_WARNING, "The entry was not put back: "
			    "%s.", e.msg);
			return UI_DRAW_ALL;
		}
		trash_load(a, t);
		ui_message(a, ROLE_GOOD, "The entry is back in your journal.");
		return UI_DRAW_ALL;
	case ACT_CLEAR: {
		struct confirm q = {
			.question = "Delete every entry in the trash for good? "
			    "This cannot be undone: their text is removed from "
			    "your journal file.",
			.keys_hint = "y: delete for good    n: keep them",
			.answer = trash_empty_answer,
			.arg = t,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	default:
		return rows_key(t, act);
	}
}

static int
trash_active(struct app *a, struct frame *f, enum action act)
{
	const struct rows *t = f->data;

	if (act == ACT_RESTORE || act == ACT_CLEAR)
		return !a->readonly && t->n > 0;
	return 1;
}

const struct screen screen_trash = {
	.name = "trash",
	.title = "Trash",
	.enter = trash_enter,
	.draw = trash_draw,
	.key = trash_key,
	.resize = trash_resize,
	.leave = trash_leave,
	.active = trash_active,
	.keys = trash_keys,
	.about = "Entries you deleted wait here. Put one back with r, or "
	    "empty the trash with E to delete them all for good; tend then "
	    "rewrites the file so their text is gone from it.",
};
