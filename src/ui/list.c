/*
 * list.c: the one list widget: a window of rows with a selection, drawn
 * through a callback, paged by key.
 *
 * The list never asks its source for "row number 40,000": it asks for the
 * rows after (or before) a row it already holds.  A source backed by SQL
 * can answer that with an index ("WHERE created < ? ORDER BY created DESC
 * LIMIT ?"), so moving through 100,000 entries costs what one screenful
 * costs.  Rows are named by a 64-bit id the source chooses (an SQLite rowid
 * fits); the list holds only the ids on screen.
 *
 * The list itself knows nothing of the terminal except in list_draw, so
 * its paging can be tested without one.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

void
list_init(struct list *l, const struct list_source *src, void *arg)
{
	memset(l, 0, sizeof *l);
	l->src = src;
	l->arg = arg;
}

void
list_free(struct list *l)
{
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

/* Make room for h rows. */
static void
list_room(struct list *l, int h)
{
	if (h < 1)
		h = 1;
	if (h > l->cap) {
		l->rows = xrealloc(l->rows, sizeof *l->rows * (size_t)h);
		l->cap = h;
	}
}

/* Sources hand rows out nearest first; upwards that is bottom first. */
static void
list_reverse(long long *v, int n)
{
	int i;

	for (i = 0; i < n / 2; i++) {
		long long t = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/* Fill the window from the first row (dir 1) or so that it ends at the
 * last row (dir -1). */
static void
list_fill_from_end(struct list *l, int dir)
{
	int k = (int)l->src->fetch(l->arg, LIST_NONE, dir, l->rows,
	    (size_t)l->height);

	if (dir < 0)
		list_reverse(l->rows, k);
	l->n = k;
}

/* Fill the window starting at the row top (which exists); if that leaves
 * the window short and there are rows before, pull them in. */
static void
list_fill_at(struct list *l, long long top)
{
	long long *before;
	int k, b;

	l->rows[0] = top;
	k = (int)l->src->fetch(l->arg, top, 1, l->rows + 1,
	    (size_t)l->height - 1);
	l->n = k + 1;
	if (l->n == l->height)
		return;
	before = xmalloc(sizeof *before * (size_t)(l->height - l->n));
	b = (int)l->src->fetch(l->arg, top, -1, before,
	    (size_t)(l->height - l->n));
	if (b > 0) {
		list_reverse(before, b);
		memmove(l->rows + b, l->rows, sizeof *l->rows * (size_t)l->n);
		memcpy(l->rows, before, sizeof *before * (size_t)b);
		l->n += b;
		l->sel += b;
	}
	free(before);
}

void
list_reload(struct list *l, int height)
{
	long long top = l->n > 0 ? l->rows[0] : LIST_NONE;
	long long keep = l->n > 0 ? l->rows[l->sel] : LIST_NONE;
	int i;

	l->height = height < 1 ? 1 : height;
	list_room(l, l->height);
	if (top == LIST_NONE || !l->src->exists(l->arg, top)) {
		l->sel = 0;
		list_fill_from_end(l, 1);
	} else
		list_fill_at(l, top);
	/* Keep the selected row selected if it is still in the window. */
	for (i = 0; i < l->n; i++)
		if (l->rows[i] == keep) {
			l->sel = i;
			return;
		}
	if (l->sel >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
}

/* Move by one row; 1 if the selection moved. */
static int
list_step(struct list *l, int dir)
{
	long long next;

	if (l->n == 0)
		return 0;
	if (dir > 0 && l->sel + 1 < l->n) {
		l->sel++;
		return 1;
	}
	if (dir < 0 && l->sel > 0) {
		l->sel--;
		return 1;
	}
	if (l->src->fetch(l->arg, l->rows[l->sel], dir, &next, 1) != 1)
		return 0;
	if (dir > 0) {
		if (l->n == l->height)
			memmove(l->rows, l->rows + 1,
			    sizeof *l->rows * (size_t)(l->n - 1));
		else
			l->n++;
		l->rows[l->n - 1] = next;
		l->sel = l->n - 1;
	} else {
		memmove(l->rows + 1, l->rows, sizeof *l->rows *
		    (size_t)(l->n == l->height ? l->n - 1 : l->n));
		if (l->n < l->height)
			l->n++;
		l->rows[0] = next;
		l->sel = 0;
	}
	return 1;
}

/* A page: the row a window below (or above) becomes the top (or bottom). */
static int
list_page(struct list *l, int dir)
{
	long long *got;
	int k, h = l->height;

	if (l->n == 0)
		return 0;
	got = xmalloc(sizeof *got * (size_t)h);
	k = (int)l->src->fetch(l->arg, dir > 0 ? l->rows[l->n - 1] :
	    l->rows[0], dir, got, (size_t)h);
	if (k == 0) {
		free(got);
		if (l->sel == (dir > 0 ? l->n - 1 : 0))
			return 0;
		l->sel = dir > 0 ? l->n - 1 : 0;
		return 1;
	}
	if (dir > 0) {
		/* Keep the last h rows of (window, got). */
		int keep = h - k;

		if (keep > l->n)
			keep = l->n;
		memmove(l->rows, l->rows + l->n - keep,
		    sizeof *l->rows * (size_t)keep);
		memcpy(l->rows + keep, got, sizeof *got * (size_t)k);
		l->n = keep + k;
	} else {
		int keep = h - k;

		if (keep > l->n)
			keep = l->n;
		list_reverse(got, k);
		memmove(l->rows + k, l->rows, sizeof *l->rows * (size_t)keep);
		memcpy(l->rows, got, sizeof *got * (size_t)k);
		l->n = keep + k;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	free(got);
	return 1;
}

int
list_key(struct list *l, enum action act)
{
	switch (act) {
	case ACT_UP:
		return list_step(l, -1);
	case ACT_DOWN:
		return list_step(l, 1);
	case ACT_PAGE_UP:
		return list_page(l, -1);
	case ACT_PAGE_DOWN:
		return list_page(l, 1);
	case ACT_FIRST:
		list_fill_from_end(l, 1);
		l->sel = 0;
		return 1;
	case ACT_LAST:
		list_fill_from_end(l, -1);
		l->sel = l->n > 0 ? l->n - 1 : 0;
		return 1;
	default:
		return 0;
	}
}

long long
list_selected(const struct list *l)
{
	return l->n > 0 ? l->rows[l->sel] : LIST_NONE;
}

void
list_draw(struct app *a, struct list *l, int y, int x, int width)
{
	int i;

	for (i = 0; i < l->n; i++) {
		if (i == l->sel) {
			attrset(a->attr[ROLE_SELECTED]);
			mvhline(y + i, x, ' ', width);
		}
		l->src->draw(a, l->arg, l->rows[i], y + i, x, width,
		    i == l->sel);
		attrset(a->attr[ROLE_NORMAL]);
	}
	if (l->n > 0)
		ui_focus(a, y + l->sel, x);
}

/* ---- a source over rows 0 .. count-1, for short fixed lists ---- */

size_t
list_count_fetch(size_t count, long long from, int dir, long long *out,
    size_t n)
{
	long long next = from == LIST_NONE ? (dir > 0 ? 0 :
	    (long long)count - 1) : from + dir;
	size_t k = 0;

	while (k < n && next >= 0 && next < (long long)count) {
		out[k++] = next;
		next += dir;
	}
	return k;
}
