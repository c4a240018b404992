/*
 * screen-help.c: help for the screen below it, made from that screen's key
 * table, so the help always says what the keys really do.
 *
 * The text is word-wrapped to the window each time it is drawn.  It is
 * read line by line: the arrows move the cursor (which screen readers
 * follow) a line at a time, and the text scrolls when the cursor reaches
 * its edge; PgUp/PgDn move both a page.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

#define HELP_KEYCOL 14

struct help {
	int top;                /* first row shown */
	int cur;                /* the row the cursor is on */
	int rows;               /* rows the whole text takes at this width */
};

static const struct keydef help_keys[] = {
	{ ACT_BACK, { UI_ESC, 'q', '?', UI_KC(KEY_F(1)) }, "Back",
	  "Close help and go back.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Go down one line; the text scrolls at the bottom.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up",
	  "Go up one line; the text scrolls at the top.", 1 },
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE), ' ' }, "Page down",
	  "Scroll down one page.", 0 },
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE), 'b' }, "Page up",
	  "Scroll up one page.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* The frame help is about: the one below, or help itself. */
static struct frame *
help_subject(struct app *a)
{
	struct frame *below = ui_below(a);

	return below != NULL ? below : &a->stack[a->depth - 1];
}

/* Draw the help text scrolled by top rows (or with draw 0 only measure
 * it); returns the rows it takes. */
static int
help_layout(struct app *a, int top, int draw)
{
	struct frame *f = help_subject(a);
	const struct screen *s = f->screen;
	const struct keydef *k;
	int first = ui_body_top(), last = draw ? ui_body_end() : 0;
	int y = first + 1 - top, w = COLS - 4;
	char names[64], *text;

	text = xasprintf("Help: %s", s->title);
	y += draw_wrap_clip(a, y, 2, w, first, last, ROLE_HEADING, text) + 1;
	free(text);
	if (s->about != NULL)
		y += draw_wrap_clip(a, y, 2, w, first, last, ROLE_NORMAL,
		    s->about) + 1;
	y += draw_wrap_clip(a, y, 2, w, first, last, ROLE_HEADING,
	    "Keys") + 1;
	for (k = s->keys; k != NULL && k->action != ACT_NONE; k++) {
		int n;

		if (!ui_key_active(a, f, k->action))
			continue;
		keys_names(k, names, sizeof names);
		draw_wrap_clip(a, y, 2, HELP_KEYCOL - 1, first, last,
		    ROLE_KEY, names);
		text = xasprintf("%s: %s", k->label, k->help);
		n = draw_wrap_clip(a, y, 2 + HELP_KEYCOL, w - HELP_KEYCOL,
		    first, last, ROLE_NORMAL, text);
		free(text);
		y += n;
	}
	y++;
	y += draw_wrap_clip(a, y, 2, w, first, last, ROLE_DIM,
	    "Ctrl-C leaves tend from any screen, keeping everything that "
	    "was saved.");
	return y + top - first;
}

static void
help_enter(struct app *a, struct frame *f)
{
	(void)a;
	struct help *h = xcalloc(1, sizeof *h);

	h->cur = 1;             /* the heading; row 0 is blank */
	f->data = h;
}

static void
help_leave(struct app *a, struct frame *f)
{
	(void)a;
	free(f->data);
	f->data = NULL;
}

static void
help_draw(struct app *a, struct frame *f)
{
	struct help *h = f->data;

	int lines = ui_body_lines();

	h->rows = help_layout(a, 0, 0);
	if (h->cur > h->rows - 1)
		h->cur = h->rows - 1;
	if (h->cur < 1)
		h->cur = 1;
	if (h->top > h->cur)
		h->top = h->cur;
	if (h->top < h->cur - lines + 1)
		h->top = h->cur - lines + 1;
	if (h->top > h->rows - lines)
		h->top = h->rows - lines;
	if (h->top < 0)
		h->top = 0;
	help_layout(a, h->top, 1);
	ui_focus(a, ui_body_top() + h->cur - h->top, 2);
}

static int
help_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct help *h = f->data;
	int page = ui_body_lines() - 1;

	(void)a;
	(void)key;
	switch (act) {
	case ACT_DOWN:
		h->cur++;
		return UI_DRAW_BODY;
	case ACT_UP:
		h->cur--;
		return UI_DRAW_BODY;
	case ACT_PAGE_DOWN:
		h->top += page;
		h->cur += page;
		return UI_DRAW_BODY;
	case ACT_PAGE_UP:
		h->top -= page;
		h->cur -= page;
		return UI_DRAW_BODY;
	default:
		return UI_PASS;
	}
}

const struct screen screen_help = {
	.name = "help",
	.title = "Help",
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
	.leave = help_leave,
	.keys = help_keys,
	.about = "Help shows the keys of the screen you came from. Every "
	    "screen keeps a short list of its keys in the bar at the bottom.",
};
