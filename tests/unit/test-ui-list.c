/*
 * test-ui-list.c: the list widget's paging over a source of 100,000 rows,
 * without a terminal: where the window and the selection go, and that no
 * move asks the source for more than a window's worth of rows.
 */
#include "config.h"

#include <stdlib.h>

#include "tap.h"
#include "ui/ui.h"

struct src {
	size_t count;
	size_t fetched;         /* rows handed out, to show the cost */
	long long gone;         /* a row that no longer exists */
};

static size_t
src_fetch(void *arg, long long from, int dir, long long *out, size_t n)
{
	struct src *s = arg;
	size_t k = list_count_fetch(s->count, from, dir, out, n);

	s->fetched += k;
	return k;
}

static int
src_exists(void *arg, long long id)
{
	struct src *s = arg;

	return id >= 0 && id < (long long)s->count && id != s->gone;
}

static const struct list_source source = {
	.fetch = src_fetch,
	.exists = src_exists,
	.draw = NULL,
};

/* The window holds consecutive rows from top. */
static int
window_is(const struct list *l, long long top, int n)
{
	int i;

	if (l->n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (l->rows[i] != top + i)
			return 0;
	return 1;
}

int
main(void)
{
	struct src s = { 100000, 0, LIST_NONE };
	struct list l;
	int i, worst = 0;

	list_init(&l, &source, &s);
	ok(list_selected(&l) == LIST_NONE, "empty before the first reload");
	list_reload(&l, 10);
	ok(window_is(&l, 0, 10) && l.sel == 0, "first window: rows 0-9");
	for (i = 0; i < 9; i++)
		list_key(&l, ACT_DOWN);
	ok(window_is(&l, 0, 10) && list_selected(&l) == 9,
	    "down moves the selection inside the window");
	list_key(&l, ACT_DOWN);
	ok(window_is(&l, 1, 10) && list_selected(&l) == 10,
	    "down at the bottom scrolls by one");
	ok(list_key(&l, ACT_UP) && list_selected(&l) == 9, "up");
	list_key(&l, ACT_PAGE_DOWN);
	ok(window_is(&l, 11, 10) && list_selected(&l) == 19,
	    "page down: the next ten rows (selected %lld)", list_selected(&l));
	list_key(&l, ACT_PAGE_UP);
	ok(window_is(&l, 1, 10), "page up: back again");
	list_key(&l, ACT_PAGE_UP);
	ok(window_is(&l, 0, 10), "page up stops at the first row");
	ok(list_key(&l, ACT_PAGE_UP) && list_selected(&l) == 0,
	    "another page up selects the first row");
	ok(!list_key(&l, ACT_PAGE_UP) && !list_key(&l, ACT_UP),
	    "and then there is nowhere to go");

	s.fetched = 0;
	list_key(&l, ACT_LAST);
	ok(window_is(&l, 99990, 10) && list_selected(&l) == 99999,
	    "last: the final ten rows, the last selected");
	ok(s.fetched <= 10, "last fetched %zu rows, not 100,000", s.fetched);
	ok(!list_key(&l, ACT_DOWN) && !list_key(&l, ACT_PAGE_DOWN),
	    "nowhere below the last row");
	list_key(&l, ACT_FIRST);
	ok(window_is(&l, 0, 10) && list_selected(&l) == 0, "first");

	for (i = 0; i < 2000; i++) {
		s.fetched = 0;
		list_key(&l, (i % 7) == 3 ? ACT_PAGE_UP : ACT_PAGE_DOWN);
		if ((int)s.fetched > worst)
			worst = (int)s.fetched;
	}
	ok(worst <= 10, "no page move fetched more than a window (%d)", worst);
	ok(l.n == 10 && l.rows[9] - l.rows[0] == 9, "the window stays whole");

	/* A taller window after a resize keeps the top row. */
	list_key(&l, ACT_FIRST);
	list_key(&l, ACT_PAGE_DOWN);
	list_key(&l, ACT_DOWN);
	list_reload(&l, 20);
	ok(window_is(&l, 10, 20) && list_selected(&l) == 11,
	    "reload taller: same top, same selection");
	list_reload(&l, 5);
	ok(window_is(&l, 10, 5) && l.sel < 5, "reload shorter: still whole");

	/* Near the end a reload pulls earlier rows in to fill the window. */
	list_key(&l, ACT_LAST);
	list_reload(&l, 8);
	ok(window_is(&l, 99992, 8), "reload at the end fills upwards");

	/* The top row disappears: start again from the first row. */
	s.gone = l.rows[0];
	list_reload(&l, 8);
	ok(window_is(&l, 0, 8), "a vanished top row: back to the start");

	/* Fewer rows than the window. */
	s.count = 3;
	s.gone = LIST_NONE;
	list_key(&l, ACT_FIRST);
	ok(window_is(&l, 0, 3), "a short list");
	list_key(&l, ACT_PAGE_DOWN);
	ok(list_selected(&l) == 2, "page down in a short list selects the last");
	s.count = 0;
	list_key(&l, ACT_FIRST);
	ok(l.n == 0 && list_selected(&l) == LIST_NONE && !list_key(&l, ACT_DOWN),
	    "an empty list");
	list_free(&l);
	return tap_done();
}
