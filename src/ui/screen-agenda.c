/*
 * screen-agenda.c: "bring to next session": what the person wants to talk
 * about with their therapist, open items first, then the ones already
 * talked about (marked "done" in words and dimmed, never by colour alone).
 *
 * Items are added with a one-line field drawn over the list
 * ("agenda-add") and marked done with Space or d; u opens the item last
 * marked done again, and the cursor stays on the same row (the next item
 * moves up into it), the list window where it was.  Opened with an arg (a
 * malloc'd UUID, from search), it starts on that item and frees the arg.
 * tend never deletes an
 * item: a done one stays, so the therapist can see what was covered.  In
 * review mode (app->readonly) the list can only be read.
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

struct arow {
	char uuid[STORE_UUID_LEN + 1];
	char *text;
	time_t done;            /* 0: still open */
};

struct agenda {
	struct rows rows;       /* of struct arow */
	size_t open;
	char undo[STORE_UUID_LEN + 1];  /* the item last marked done, "" */
};

static struct arow *
agenda_at(const struct agenda *g, long long i)
{
	return rows_at(&g->rows, (size_t)i);
}

static int
agenda_collect(const struct agenda_item *r, void *arg)
{
	struct agenda *g = arg;
	struct arow *w = rows_add(&g->rows);

	snprintf(w->uuid, sizeof w->uuid, "%s", r->uuid);
	w->text = xstrdup(r->text);
	w->done = r->done;
	if (r->done == 0)
		g->open++;
	return 0;
}

static void
agenda_wipe(void *row)
{
	struct arow *w = row;

	vault_wipe(w->text, strlen(w->text));
	free(w->text);
}

static void
agenda_load(struct app *a, struct agenda *g)
{
	struct err e;

	rows_clear(&g->rows);
	g->open = 0;
	if (store_agenda_list(a->store, agenda_collect, g, &e) != 0)
		ui_message(a, ROLE_WARNING, "The list could not be read: %s.",
		    e.msg);
	rows_reload(&g->rows);
}

static void
agenda_row(struct app *a, void *arg, long long id, int y, int x,
    int width, int selected)
{
	const struct agenda *g = arg;
	const struct arow *r = agenda_at(g, id);
	enum role role = selected ? ROLE_SELECTED :
	    r->done ? ROLE_DIM : ROLE_NORMAL;
	int col = x + 1, end = x + width;

	/* The state in words, in a column as wide as "done" and its day. */
	if (r->done) {
		char mark[48], when[32];

		time_format_local(r->done, when, sizeof when);
		snprintf(mark, sizeof mark, "%s done %.10s",
		    draw_glyph(a, "✓", "x"), width >= 60 ? when : "");
		draw_text(a, y, col, end - col, role, mark);
	} else
		draw_text(a, y, col, end - col, role,
		    draw_glyph(a, "○ open", "- open"));
	col += width >= 60 ? 19 : 8;
	if (col < end)
		draw_text(a, y, col, end - col, role, r->text);
}

static const struct keydef agenda_keys[] = {
	{ ACT_ADD, { 'a' }, "Add",
	  "Write down something to bring to your next session.", 1 },
	{ ACT_DONE, { ' ', 'd' }, "Done",
	  "Mark the chosen item done, once you have talked about it. It "
	  "stays on the list, dimmed and marked done.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	{ ACT_UNDO, { 'u' }, "Undo",
	  "Open the item you last marked done again.", 1 },
	KEYS_LIST_MOVES("Choose the item above.",
	    "Choose the item below.",
	    "Show the items a page up.",
	    "Show the items a page down.",
	    "Choose the first item.",
	    "Choose the last item."),
	KEYS_LOCK,
	KEYS_QUIT,
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
agenda_enter(struct app *a, struct frame *f)
{
	struct agenda *g = xcalloc(1, sizeof *g);

	rows_init(&g->rows, sizeof(struct arow), agenda_wipe, agenda_row, g);
	f->data = g;
	agenda_load(a, g);
	if (f->arg != NULL) {
		size_t i;

		for (i = 0; i < g->rows.n; i++)
			if (strcmp(agenda_at(g, (long long)i)->uuid,
			    f->arg) == 0)
				rows_select(&g->rows, (long long)i);
	}
}

static void
agenda_leave(struct app *a, struct frame *f)
{
	struct agenda *g = f->data;

	(void)a;
	rows_free(&g->rows);
	free(g);
	f->data = NULL;
	free(f->arg);
	f->arg = NULL;
}

static void
agenda_resize(struct app *a, struct frame *f)
{
	struct agenda *g = f->data;

	(void)a;
	rows_reload(&g->rows);
}

static void
agenda_draw(struct app *a, struct frame *f)
{
	struct agenda *g = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char line[96];

	draw_text(a, y, 2, w, ROLE_HEADING, "Things to bring up at your next "
	    "session");
	if (g->rows.n == 0) {
		draw_wrap(a, y + 2, 2, w, maxy - y - 2, ROLE_NORMAL,
		    a->readonly ? "Nothing was shared to bring to the next "
		    "session." : "Nothing here yet. When something comes up "
		    "that you want to talk about with your therapist, press a "
		    "and write it down; it waits here for your next session.");
		ui_focus(a, y + 2, 2);
		return;
	}
	if (a->readonly)
		snprintf(line, sizeof line, "%zu still open, %zu talked about.",
		    g->open, g->rows.n - g->open);
	else
		snprintf(line, sizeof line, "%zu still open; mark one done once "
		    "you have talked about it.", g->open);
	if (draw_width(line) > w)       /* narrow: the count, not half a
					 * sentence */
		snprintf(line, sizeof line, "%zu still open.", g->open);
	draw_text(a, y + 1, 2, w, ROLE_HINT, line);
	rows_draw(a, &g->rows);
}

/* Select row i, leaving the window where it is when i is in it. */
static void
agenda_select(struct agenda *g, long long i)
{
	struct list *l = &g->rows.list;
	int k;

	for (k = 0; k < l->n; k++)
		if (l->rows[k] == i) {
			l->sel = k;
			return;
		}
	rows_select(&g->rows, i);
}

static int
agenda_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct agenda *g = f->data;
	long long sel = list_selected(&g->rows.list);
	char uuid[STORE_UUID_LEN + 1];
	struct err e;
	size_t i;

	(void)key;
	switch (act) {
	case ACT_ADD:
		ui_push(a, &screen_agenda_add, g);
		return UI_DRAW_ALL;
	case ACT_DONE:
		if (agenda_at(g, sel)->done != 0) {
			ui_message(a, ROLE_MESSAGE, "That one is already done.");
			return UI_DRAW_BARS;
		}
		snprintf(uuid, sizeof uuid, "%s", agenda_at(g, sel)->uuid);
		if (store_agenda_done(a->store, uuid, &e) != 0) {
			ui_message(a, ROLE_WARNING, "It was not marked done: %s.",
			    e.msg);
			return UI_DRAW_ALL;
		}
		snprintf(g->undo, sizeof g->undo, "%s", uuid);
		agenda_load(a, g);
		/* The same row: the next item has moved up into it. */
		agenda_select(g, sel < (long long)g->rows.n ? sel :
		    (long long)g->rows.n - 1);
		ui_message(a, ROLE_GOOD, "Marked done. u to undo.");
		return UI_DRAW_ALL;
	case ACT_UNDO:
		if (g->undo[0] == '\0')
			return UI_NOTHING;
		if (store_agenda_undone(a->store, g->undo, &e) != 0) {
			ui_message(a, ROLE_WARNING, "It could not be opened "
			    "again: %s.", e.msg);
			g->undo[0] = '\0';
			return UI_DRAW_ALL;
		}
		agenda_load(a, g);
		for (i = 0; i < g->rows.n; i++)
			if (strcmp(agenda_at(g, (long long)i)->uuid,
			    g->undo) == 0)
				agenda_select(g, (long long)i);
		g->undo[0] = '\0';
		ui_message(a, ROLE_GOOD, "Open again.");
		return UI_DRAW_ALL;
	default:
		return rows_key(&g->rows, act);
	}
}

static int
agenda_active(struct app *a, struct frame *f, enum action act)
{
	struct agenda *g = f->data;

	if (act == ACT_ADD)
		return !a->readonly;
	if (act == ACT_DONE)
		return !a->readonly && g->open > 0;
	if (act == ACT_UNDO)
		return !a->readonly && g->undo[0] != '\0';
	return 1;
}

const struct screen screen_agenda = {
	.name = "agenda",
	.title = "Bring to next session",
	.enter = agenda_enter,
	.draw = agenda_draw,
	.key = agenda_key,
	.resize = agenda_resize,
	.leave = agenda_leave,
	.active = agenda_active,
	.keys = agenda_keys,
	.about = "What you want to bring up at your next session. Write "
	    "things down as they come up; mark each one done once you have "
	    "talked about it (u opens it again if you marked the wrong one). "
	    "Done items stay on the list so you and your "
	    "therapist can see what was covered.",
};

/* ---- adding an item: one line over the list ---- */

static const struct keydef add_keys[] = {
	{ ACT_SAVE, { UI_ENTER }, "Add", "Add what you wrote to the list.",
	  1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_BACK, { UI_ESC }, "Cancel",
	  "Go back to the list without adding (asks first if you wrote "
	  "something).", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
add_enter(struct app *a, struct frame *f)
{
	struct field *fl = xmalloc(sizeof *fl);

	(void)a;
	field_init(fl, 0, FIELD_MAX);
	f->data = fl;
}

static void
add_leave(struct app *a, struct frame *f)
{
	(void)a;
	field_free(f->data);
	free(f->data);
	f->data = NULL;
}

static void
add_draw(struct app *a, struct frame *f)
{
	/* The frame under this one, not ui_below(): with a question open
	 * over this screen that would be this frame again. */
	struct frame *below = NULL;
	int y = ui_body_end() - 3, i;

	for (i = 1; i < a->depth; i++)
		if (&a->stack[i] == f)
			below = &a->stack[i - 1];
	if (below != NULL && below->screen->draw != NULL)
		below->screen->draw(a, below);
	draw_clear_rows(y - 1, 4);
	draw_text(a, y, 2, COLS - 4, ROLE_HEADING, "Something to bring to "
	    "your next session:");
	field_draw(a, f->data, y + 1, 2, COLS - 4);
	getyx(stdscr, a->cursor_y, a->cursor_x);
	draw_text(a, y + 2, 2, COLS - 4, ROLE_HINT, "Enter adds it; Esc goes "
	    "back.");
}

static void
add_leave_answer(struct app *a, void *arg, int yes)
{
	struct frame *f = &a->stack[a->depth - 1];
	struct field *fl = arg;

	if (f->screen != &screen_agenda_add || f->data != fl)
		return;
	if (yes) {
		field_reset(fl);        /* wiped now, freed by add_leave */
		ui_pop(a);
	} else
		ui_message(a, ROLE_MESSAGE, "What you wrote is still here.");
}

static int
add_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct agenda *g = f->arg;
	struct field *fl = f->data;
	char uuid[STORE_UUID_LEN + 1];
	struct err e;
	size_t i;

	if (act == ACT_NONE)
		return field_key(fl, key) ? UI_DRAW_BODY : UI_NOTHING;
	if (act == ACT_BACK && strspn(fl->buf, " ") < fl->len) {
		const struct confirm q = {
			.question = "Leave without adding it? What you wrote "
			    "here will not be kept.",
			.keys_hint = "y: yes, leave    n: no, stay",
			.answer = add_leave_answer,
			.arg = fl,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	if (act != ACT_SAVE)
		return UI_PASS;
	if (a->readonly)                /* review mode: nothing is added */
		return UI_NOTHING;
	if (strspn(fl->buf, " ") == fl->len) {
		ui_message(a, ROLE_WARNING, "Please write a few words first, "
		    "or press Esc to go back.");
		return UI_DRAW_BARS;
	}
	if (store_agenda_add(a->store, fl->buf, uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "It was not added: %s.", e.msg);
		return UI_DRAW_BARS;
	}
	ui_pop(a);              /* f is gone now; g stays below */
	agenda_load(a, g);
	for (i = 0; i < g->rows.n; i++)
		if (strcmp(agenda_at(g, (long long)i)->uuid, uuid) == 0)
			rows_select(&g->rows, (long long)i);
	ui_message(a, ROLE_GOOD, "Added to the list.");
	return UI_DRAW_ALL;
}

static int
add_active(struct app *a, struct frame *f, enum action act)
{
	(void)f;
	return act != ACT_SAVE || !a->readonly;
}

const struct screen screen_agenda_add = {
	.name = "agenda-add",
	.title = "Bring to next session",
	.enter = add_enter,
	.draw = add_draw,
	.key = add_key,
	.leave = add_leave,
	.active = add_active,
	.keys = add_keys,
	.about = "Write one line about what you want to bring up at your next "
	    "session, then press Enter.",
};
