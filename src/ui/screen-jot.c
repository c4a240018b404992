/*
 * screen-jot.c: a quick note from the unlock screen, without the
 * passphrase.
 *
 * The note is sealed to the journal's public key and put in the inbox
 * beside it (src/vault/inbox.c); the next unlock brings it in.  Nothing
 * typed is lost: leaving the screen in any way other than saying so
 * twice (Esc, Esc) seals what is there, and so does the idle time.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend/err.h"
#include "tend/inbox.h"
#include "tend/timefmt.h"
#include "ui/textbuf.h"
#include "ui/ui.h"

struct jot {
	struct textbuf tb;
	size_t top;             /* the first visual line shown */
	int done;               /* sealed, or dropped on purpose */
	int leaving;            /* Esc once with text: again drops it */
	char note[ERR_MSG_MAX + 64];
};

static const struct keydef jot_keys[] = {
	{ ACT_SAVE, { UI_CTRL('s') }, "Keep",
	  "Seal the note and go back; it comes into your journal at the "
	  "next unlock.", 1 },
	{ ACT_BACK, { UI_ESC }, "Leave",
	  "Go back. With text written, press it twice to leave without "
	  "keeping the note.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static int
jot_width(void)
{
	return COLS - 4 > 10 ? COLS - 4 : 10;
}

static int
jot_top_row(void)
{
	return ui_body_top() + 4;
}

static int
jot_rows(void)
{
	int rows = ui_body_end() - jot_top_row() - 1;

	return rows > 1 ? rows : 1;
}

static void
jot_enter(struct app *a, struct frame *f)
{
	struct jot *j = xcalloc(1, sizeof *j);

	(void)a;
	tb_init(&j->tb);
	f->data = j;
}

/* Seal the text; 0, or -1 with j->note saying why. */
static int
jot_seal(struct app *a, struct jot *j)
{
	time_t now = time(NULL);
	struct err e;
	const char *text = tb_text(&j->tb);
	size_t len = tb_len(&j->tb);

	while (len > 0 && strchr(" \t\r\n", text[len - 1]) != NULL)
		len--;
	if (len == 0) {
		j->done = 1;
		return 0;
	}
	if (inbox_jot(a->vault_path, text, len, now, time_offset(now),
	    &e) != 0) {
		snprintf(j->note, sizeof j->note, "The note could not be "
		    "kept: %s.", e.msg);
		return -1;
	}
	j->done = 1;
	return 0;
}

static void
jot_leave(struct app *a, struct frame *f)
{
	struct jot *j = f->data;

	if (!j->done)
		jot_seal(a, j);         /* nothing typed is lost */
	tb_free(&j->tb);
	free(j);
	f->data = NULL;
}

static void
jot_draw(struct app *a, struct frame *f)
{
	struct jot *j = f->data;
	int y = ui_body_top() + 1, width = jot_width(), y0 = jot_top_row();
	int rows = jot_rows(), r, row, col, x, w;
	size_t s, end, len = tb_len(&j->tb), i, n, k;
	wchar_t wc[16];

	draw_wrap(a, y, 2, width, 2, j->note[0] ? ROLE_WARNING : ROLE_DIM,
	    j->note[0] ? j->note :
	    "Sealed at once; only your passphrase opens it. It comes into "
	    "your journal at the next unlock.");
	j->top = tb_view(&j->tb, width, rows, j->top);
	attrset(a->attr[ROLE_NORMAL]);
	for (s = j->top, r = 0; r < rows; r++) {
		size_t next = tb_vline(&j->tb, s, width, &end);
		move(y0 + r, 2);
		for (x = 0, i = s; i < end;) {
			i = tb_cluster(&j->tb, i, wc, 15, &n, &w);
			for (k = 0; k < n; k++)
				if (wc[k] < ' ' || wc[k] == 0x7f)
					wc[k] = ' ';
			if (x + w > width + 1)
				break;
			addnwstr(wc, (int)n);
			x += w;
		}
		if (end == len)
			break;
		s = next;
	}
	if (len == 0)
		draw_text(a, y0, 2, width, ROLE_HINT, "Write here. Ctrl-S "
		    "keeps it.");
	tb_cursor_at(&j->tb, width, j->top, &row, &col);
	a->cursor_y = y0 + row;
	a->cursor_x = 2 + (col > width ? width : col);
}

static int
jot_text_key(struct jot *j, int key)
{
	int width = jot_width();

	if (key == UI_ENTER)
		tb_insert_char(&j->tb, '\n');
	else if (key == UI_KC(KEY_BACKSPACE) || key == 127 || key == 8)
		tb_backspace(&j->tb);
	else if (key == UI_KC(KEY_DC))
		tb_delete(&j->tb);
	else if (key == UI_KC(KEY_LEFT))
		tb_left(&j->tb);
	else if (key == UI_KC(KEY_RIGHT))
		tb_right(&j->tb);
	else if (key == UI_KC(KEY_UP))
		tb_lines(&j->tb, width, -1);
	else if (key == UI_KC(KEY_DOWN))
		tb_lines(&j->tb, width, 1);
	else if (key == UI_KC(KEY_HOME))
		tb_home(&j->tb);
	else if (key == UI_KC(KEY_END))
		tb_end(&j->tb);
	else if (!(key & UI_KEYCODE) && (key >= ' ' || key == '\t'))
		tb_insert_char(&j->tb, (unsigned)key);
	else
		return UI_PASS;
	if (j->tb.edit_pos <= j->top)
		j->top = tb_vline_start(&j->tb, j->tb.edit_pos, width);
	j->leaving = 0;
	return UI_DRAW_BODY;
}

static int
jot_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct jot *j = f->data;

	switch (act) {
	case ACT_SAVE:
		if (jot_seal(a, j) != 0)
			return UI_DRAW_BODY;
		ui_pop(a);
		ui_message(a, ROLE_MESSAGE, "Your note is sealed. It comes "
		    "into your journal at the next unlock.");
		return UI_DRAW_ALL;
	case ACT_BACK:
		if (tb_len(&j->tb) > 0 && !j->leaving) {
			j->leaving = 1;
			ui_message(a, ROLE_HINT, "Press Esc again to leave "
			    "without keeping the note, or Ctrl-S to keep it.");
			return UI_DRAW_BARS;
		}
		j->done = 1;
		ui_pop(a);
		ui_message(a, ROLE_MESSAGE, "%s", "");
		return UI_DRAW_ALL;
	default:
		break;
	}
	if (act == ACT_HELP)
		return UI_PASS;
	return jot_text_key(j, key);
}

/* The idle time passed: seal the note so no text stays on screen. */
static int
jot_idle(struct app *a, struct frame *f)
{
	struct jot *j = f->data;

	if (jot_seal(a, j) != 0)
		return UI_DRAW_BODY;
	ui_pop(a);
	ui_message(a, ROLE_MESSAGE, "Your note was sealed while you were "
	    "away. It comes into your journal at the next unlock.");
	return UI_DRAW_ALL;
}

const struct screen screen_jot = {
	.name = "jot",
	.title = "A quick note",
	.enter = jot_enter,
	.draw = jot_draw,
	.key = jot_key,
	.leave = jot_leave,
	.idle = jot_idle,
	.keys = jot_keys,
	.about = "Write a note without unlocking your journal. It is sealed "
	    "as soon as you keep it, so that only your passphrase can open "
	    "it, and it comes into your journal, tagged jot, the next time "
	    "you unlock. Someone with your files can see that notes are "
	    "waiting and when they were written, never what they say.",
};
