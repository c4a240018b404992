/*
 * screen-confirm.c: a yes-or-no question asked over the screen it is
 * about ("Put every setting back?", later "Leave without saving?").
 *
 * The screen below stays drawn, with the question in a box along its
 * bottom (where nano asks too), so the person sees what they are deciding
 * about.  Only y answers yes; n
 * and Esc answer no, and Enter does nothing, so a key pressed by habit
 * never does something that cannot be undone.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui/ui.h"

static const struct keydef confirm_keys[] = {
	{ ACT_YES, { 'y', 'Y' }, "Yes", "Answer yes.", 1 },
	{ ACT_NO, { 'n', 'N', UI_ESC }, "No",
	  "Answer no: nothing changes.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

void
confirm_ask(struct app *a, const struct confirm *q)
{
	struct confirm *copy = xmalloc(sizeof *copy);

	*copy = *q;
	ui_push(a, &screen_confirm, copy);
}

static void
confirm_leave(struct app *a, struct frame *f)
{
	(void)a;
	free(f->arg);
	f->arg = NULL;
}

static void
confirm_draw(struct app *a, struct frame *f)
{
	struct confirm *q = f->arg;
	struct frame *below = ui_below(a);
	int w, h, y, x, i, rows;

	if (below != NULL && below->screen->draw != NULL) {
		below->screen->draw(a, below);
		a->cursor_y = -1;
	}
	w = COLS - 2;
	rows = draw_wrap_rows(w - 4, q->question);
	h = rows + 4;
	y = ui_body_end() - h;
	x = 1;
	attrset(a->attr[ROLE_NORMAL]);
	for (i = -1; i < h; i++)        /* a blank row above sets it apart */
		mvhline(y + i, 0, ' ', COLS);
	attrset(a->attr[ROLE_HEADING]);
	mvwhline(stdscr, y, x, ACS_HLINE, w);
	mvwhline(stdscr, y + h - 1, x, ACS_HLINE, w);
	mvwvline(stdscr, y, x, ACS_VLINE, h);
	mvwvline(stdscr, y, x + w - 1, ACS_VLINE, h);
	mvaddch(y, x, ACS_ULCORNER);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
	attrset(a->attr[ROLE_NORMAL]);
	draw_wrap(a, y + 1, x + 2, w - 4, rows, ROLE_NORMAL, q->question);
	draw_text(a, y + h - 2, x + 2, w - 4, ROLE_KEY, q->keys_hint);
	ui_focus(a, y + h - 2, x + 2);
}

static int
confirm_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct confirm q = *(struct confirm *)f->arg;

	(void)key;
	if (act != ACT_YES && act != ACT_NO)
		return UI_PASS;
	ui_pop(a);              /* f is gone now */
	q.answer(a, q.arg, act == ACT_YES);
	return UI_DRAW_ALL;
}

const struct screen screen_confirm = {
	.name = "confirm",
	.title = "A question",
	.draw = confirm_draw,
	.key = confirm_key,
	.leave = confirm_leave,
	.keys = confirm_keys,
	.about = "tend asks before doing something that cannot be undone. "
	    "Press y for yes; n or Esc for no, which changes nothing.",
};
