/*
 * draw.c: drawing helpers every screen uses: UTF-8 text clipped or
 * word-wrapped to a width (wide and combining characters counted by their
 * display width), and the frame around the screens: the title line on top,
 * the message line and the always-visible shortcut bar at the bottom.
 *
 *	row 0              title line
 *	rows 1 .. L-3      the screen's body (ui_body_top .. ui_body_end - 1)
 *	row L-2            message line
 *	row L-1            shortcut bar, from the top screen's key table
 * A screen with bar2 set gets a two-row bar (and a body one row shorter)
 * when the window has at least UI_BAR2_MIN_LINES rows: its keys wrap onto
 * the second row instead of being left out.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/ui.h"
#include "tend/share.h"

int
ui_body_top(void)
{
	return 1;
}

/* Whether the top screen lets its shortcut bar take two rows (set by
 * ui_push and ui_pop through ui_bar_for). */
static int bar_two;

void
ui_bar_for(const struct screen *s)
{
	bar_two = s != NULL && s->bar2;
}

/* Rows the shortcut bar takes: two, nano style, on a screen with many
 * keys when the window has room; otherwise one. */
static int
ui_bar_rows(void)
{
	return bar_two && LINES >= UI_BAR2_MIN_LINES ? 2 : 1;
}

int
ui_body_end(void)
{
	int end = LINES - 1 - ui_bar_rows();

	return end > 1 ? end : 1;
}

int
ui_body_lines(void)
{
	int n = LINES - 2 - ui_bar_rows();

	return n > 0 ? n : 0;
}

/* Decode one character of s into *wc; returns bytes used (at least 1, a
 * bad byte reads as U+FFFD). */
static size_t
draw_next(const char *s, wchar_t *wc)
{
	mbstate_t st;
	size_t n;

	memset(&st, 0, sizeof st);
	n = mbrtowc(wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = 0xfffd;
		return 1;
	}
	return n;
}

static int
draw_wcwidth(wchar_t wc)
{
	int w = wcwidth(wc);

	return w < 0 ? 0 : w;
}

int
draw_width(const char *s)
{
	wchar_t wc;
	int w = 0;

	while (*s != '\0') {
		s += draw_next(s, &wc);
		w += draw_wcwidth(wc);
	}
	return w;
}

/* Print at most n bytes of s, clipped to width columns. */
static int
draw_span(int y, int x, int width, const char *s, size_t n)
{
	const char *end = s + n;
	wchar_t wc;
	int used = 0, w;

	move(y, x);
	while (s < end && *s != '\0') {
		s += draw_next(s, &wc);
		if (wc == '\t')
			wc = ' ';
		if (wc < ' ' || (wc >= 0x7f && wc <= 0x9f))
			continue;       /* controls never reach the terminal */
		w = draw_wcwidth(wc);
		if (used + w > width)
			break;
		addnwstr(&wc, 1);
		used += w;
	}
	return used;
}

int
draw_text(struct app *a, int y, int x, int width, enum role r, const char *s)
{
	return draw_text_attr(a, y, x, width, a->attr[r], s);
}

int
draw_text_attr(struct app *a, int y, int x, int width, int attr,
    const char *s)
{
	int used;

	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	attrset(attr);
	used = draw_span(y, x, width, s, strlen(s));
	attrset(a->attr[ROLE_NORMAL]);
	return used;
}

/* The next line of s that fits width: its length in bytes; *next gets
 * where the line after it starts. */
static size_t
draw_wrap_line(const char *s, int width, const char **next)
{
	const char *p = s, *space = NULL;
	wchar_t wc;
	int used = 0;

	while (*p != '\0' && *p != '\n') {
		size_t n = draw_next(p, &wc);
		int w = draw_wcwidth(wc);

		if (wc == ' ')
			space = p;
		if (used + w > width && used > 0) {
			if (space != NULL && space > s) {
				*next = space + 1;
				while (**next == ' ')
					(*next)++;
				return (size_t)(space - s);
			}
			*next = p;
			return (size_t)(p - s);
		}
		used += w;
		p += n;
	}
	*next = *p == '\n' ? p + 1 : p;
	return (size_t)(p - s);
}

int
draw_wrap_clip(struct app *a, int y, int x, int width, int first, int last,
    enum role r, const char *s)
{
	const char *next;
	int rows = 0;

	if (width <= 0)
		return 0;
	attrset(a->attr[r]);
	while (*s != '\0') {
		size_t n = draw_wrap_line(s, width, &next);

		if (y + rows >= first && y + rows < last)
			draw_span(y + rows, x, width, s, n);
		rows++;
		s = next;
	}
	attrset(a->attr[ROLE_NORMAL]);
	return rows;
}

int
draw_wrap(struct app *a, int y, int x, int width, int maxrows, enum role r,
    const char *s)
{
	int last = y + maxrows < LINES ? y + maxrows : LINES;

	if (maxrows <= 0)
		return 0;
	draw_wrap_clip(a, y, x, width, y, last, r, s);
	return draw_wrap_rows(width, s) < maxrows ? draw_wrap_rows(width, s) :
	    maxrows;
}

int
draw_wrap_rows(int width, const char *s)
{
	const char *next;
	int rows = 0;

	if (width <= 0)
		return 0;
	while (*s != '\0') {
		draw_wrap_line(s, width, &next);
		rows++;
		s = next;
	}
	return rows;
}

const char *
draw_glyph(const struct app *a, const char *utf8, const char *ascii)
{
	return a->utf8 ? utf8 : ascii;
}

void
draw_clear_rows(int y, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		move(y + i, 0);
		clrtoeol();
	}
}

/* The shortcut bar: " KEY label " for each bar row that fits. */
static void
draw_shortcuts(struct app *a, struct frame *f)
{
	const struct keydef *keys = f != NULL ? f->screen->keys : NULL;
	char name[32];
	int x, need, rows = ui_bar_rows(), y = LINES - rows;

	attrset(a->attr[ROLE_BAR]);
	for (int r = y; r < LINES; r++) {
		move(r, 0);
		for (x = 0; x < COLS; x++)
			addch(' ');
	}
	x = 0;
	for (; keys != NULL && keys->action != ACT_NONE; keys++) {
		if (!keys->bar || !ui_key_active(a, f, keys->action))
			continue;
		keys_name(keys->keys[0], name, sizeof name);
		need = 1 + draw_width(name) + 1 + draw_width(keys->label) + 1;
		if (x + need > COLS) {
			if (y == LINES - 1)
				break;
			y++;
			x = 0;
		}
		x += 1;
		x += draw_text(a, y, x, COLS - x, ROLE_BAR_KEY, name);
		x += 1;
		x += draw_text(a, y, x, COLS - x, ROLE_BAR, keys->label);
		x += 1;
	}
	attrset(a->attr[ROLE_NORMAL]);
}

/* Review mode: who sent the bundle, in the title line from column x up
 * to READ-ONLY, as far as it fits. */
static void
draw_sender(struct app *a, int x)
{
	const struct share_sender *sd = a->sender;
	char buf[SHARE_NAME_BYTES + 32];
	int w = COLS - 12 - x;

	if (sd->from == SHARE_FROM_KNOWN)
		snprintf(buf, sizeof buf, "From: %s (known)", sd->name);
	else
		snprintf(buf, sizeof buf, "From: %s", sd->from ==
		    SHARE_FROM_CHANGED ? "a changed key" : "an unknown sender");
	if (w < 12)
		return;
	draw_text(a, 0, x, w, sd->from == SHARE_FROM_KNOWN ? ROLE_TITLE :
	    ROLE_WARNING, buf);
}

void
draw_bars(struct app *a)
{
	struct frame *f = a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
	const struct screen *s = f != NULL ? f->screen : NULL;
	char title[128];

	draw_clear_rows(0, 1);
	snprintf(title, sizeof title, " tend%s%s",
	    s != NULL ? draw_glyph(a, " · ", " - ") : "",
	    s != NULL ? s->title : "");
	draw_text(a, 0, 0, COLS, ROLE_TITLE, title);
	if (a->readonly)        /* review mode: said in words, not colour */
		draw_text(a, 0, COLS - 11, 10, ROLE_WARNING, "READ-ONLY");
	if (a->readonly && a->sender != NULL)
		draw_sender(a, draw_width(title) + 3);
	draw_clear_rows(ui_body_end(), 1);
	a->message_rows = 0;
	if (a->message[0] != '\0') {
		/* Too long for one row: it wraps upward onto the body's last
		 * rows rather than being cut; those rows are redrawn when the
		 * message goes (ui_message, the next key). */
		int rows = draw_wrap_rows(COLS - 2, a->message);
		int y;

		if (rows > UI_MESSAGE_ROWS)
			rows = UI_MESSAGE_ROWS;
		if (rows > ui_body_lines())
			rows = ui_body_lines() > 0 ? ui_body_lines() : 1;
		y = ui_body_end() - rows + 1;

		draw_clear_rows(y, rows);
		draw_wrap(a, y, 1, COLS - 2, rows, a->message_role,
		    a->message);
		a->message_rows = rows;
	}
	draw_shortcuts(a, f);
}

void
ui_focus(struct app *a, int y, int x)
{
	if (y < 0 || y >= LINES)
		return;
	a->cursor_y = y;
	a->cursor_x = x < 0 ? 0 : x >= COLS ? COLS - 1 : x;
}
