/*
 * rows.c: a list over rows a screen read into memory all at once (the
 * sessions, the agenda, the trash): the rows themselves, their list
 * window, and where that window sits on the screen.
 *
 * Each screen keeps its own kind of row; rows.c only knows its size and
 * how to wipe what a row holds, so text read from the journal is wiped
 * in one place before it is freed.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/err.h"

static size_t
rows_fetch(void *arg, long long from, int dir, long long *out, size_t n)
{
	const struct rows *r = arg;

	return list_count_fetch(r->n, from, dir, out, n);
}

static int
rows_exists(void *arg, long long id)
{
	const struct rows *r = arg;

	return id >= 0 && id < (long long)r->n;
}

static void
rows_draw_row(struct app *a, void *arg, long long id, int y, int x,
    int width, int selected)
{
	const struct rows *r = arg;

	r->draw(a, r->owner, id, y, x, width, selected);
}

void
rows_init(struct rows *r, size_t size, void (*wipe)(void *),
    void (*draw)(struct app *, void *, long long, int, int, int, int),
    void *owner)
{
	memset(r, 0, sizeof *r);
	r->size = size;
	r->wipe = wipe;
	r->draw = draw;
	r->owner = owner;
	r->src.fetch = rows_fetch;
	r->src.exists = rows_exists;
	r->src.draw = rows_draw_row;
	list_init(&r->list, &r->src, r);
}

void *
rows_add(struct rows *r)
{
	void *row;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->size * r->cap);
	}
	row = rows_at(r, r->n++);
	memset(row, 0, r->size);
	return row;
}

void *
rows_at(const struct rows *r, size_t i)
{
	return r->v + i * r->size;
}

void
rows_clear(struct rows *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		r->wipe(rows_at(r, i));
	r->n = 0;
}

void
rows_free(struct rows *r)
{
	rows_clear(r);
	free(r->v);
	list_free(&r->list);
	memset(r, 0, sizeof *r);
}

int
rows_top(void)
{
	return ui_body_top() + 4;
}

int
rows_height(void)
{
	int h = ui_body_end() - rows_top();

	return h < 1 ? 1 : h;
}

void
rows_reload(struct rows *r)
{
	list_reload(&r->list, rows_height());
}

void
rows_select(struct rows *r, long long i)
{
	if (i < 0 || i >= (long long)r->n || r->list.cap < 1)
		return;
	r->list.rows[0] = i;
	r->list.n = 1;
	r->list.sel = 0;
	rows_reload(r);
}

void
rows_draw(struct app *a, struct rows *r)
{
	if (r->list.height != rows_height())
		rows_reload(r);
	list_draw(a, &r->list, rows_top(), 1, COLS - 2);
}

int
rows_key(struct rows *r, enum action act)
{
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		return list_key(&r->list, act) ? UI_DRAW_BODY : UI_NOTHING;
	default:
		return UI_PASS;
	}
}
