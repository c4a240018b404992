/*
 * test-ui-plot.c: the chart's arithmetic without a terminal: local days,
 * date labels, fitting days into columns, averaging, levels, and the
 * rendered rows in braille and in ASCII (with medicine marks).
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "ui/plot.h"

/* got equals want, or both are shown. */
#define is_str(got, want, what) do { \
	int same_ = strcmp((got), (want)) == 0; \
	ok(same_, "%s", (what)); \
	if (!same_) \
		tap_diag("got '%s', want '%s'", (got), (want)); \
} while (0)

static void
test_days(void)
{
	char buf[16];

	ok(plot_day(0, 0) == 0, "the epoch is day 0");
	ok(plot_day(86399, 0) == 0 && plot_day(86400, 0) == 1,
	    "a day ends at midnight");
	ok(plot_day(86400 - 3600, 60) == 1,
	    "23:00 UTC is the next day an hour east");
	ok(plot_day(3600, -120) == -1,
	    "01:00 UTC is the day before two hours west");
	/* 2025-11-03 is day 20395 */
	ok(plot_day(1762171200, 0) == 20395, "2025-11-03 12:00 UTC");
	plot_date(20395, 0, buf, sizeof buf);
	is_str(buf, "3 Nov", "a short date");
	plot_date(20395, 1, buf, sizeof buf);
	is_str(buf, "Nov 2025", "a month");
	plot_date(0, 0, buf, sizeof buf);
	is_str(buf, "1 Jan", "the epoch");
	plot_date(19782, 0, buf, sizeof buf);
	is_str(buf, "29 Feb", "a leap day (2024)");
	plot_date(-1, 1, buf, sizeof buf);
	is_str(buf, "Dec 1969", "before the epoch");
}

static void
test_axis(void)
{
	struct plot_axis ax;

	plot_axis_fit(&ax, 100, 28, 68);
	ok(ax.per_col == 1 && ax.cols == 28 && ax.width == 2,
	    "4 weeks in 68 cells: a day a column, two cells each");
	ok(plot_cells(&ax) == 56, "56 cells used");
	ok(plot_col(&ax, 99) == -1 && plot_col(&ax, 128) == -1,
	    "days outside the range have no column");
	ok(plot_col(&ax, 100) == 0 && plot_col(&ax, 127) == 27,
	    "the first and last day");

	plot_axis_fit(&ax, 0, 91, 68);
	ok(ax.per_col == 2 && ax.cols == 46 && ax.width == 1,
	    "13 weeks in 68 cells: two days a column");
	ok(plot_col(&ax, 0) == 0 && plot_col(&ax, 1) == 0 &&
	    plot_col(&ax, 2) == 1 && plot_col(&ax, 90) == 45,
	    "days share columns in pairs");

	plot_axis_fit(&ax, 0, 1000, 31);
	ok(ax.per_col == 33 && ax.cols == 31 && plot_cells(&ax) <= 31,
	    "a long range never takes more cells than there are");

	plot_axis_fit(&ax, 0, 3, 80);
	ok(ax.cols == 3 && ax.width == 4, "a column is at most 4 cells");

	plot_axis_fit(&ax, 0, 0, 0);
	ok(ax.cols == 1 && ax.width == 1 && ax.per_col == 1,
	    "no days and no room still make one column");
}

static void
test_series(void)
{
	struct plot_series s;
	double v = -1;

	plot_series_init(&s, 4);
	ok(!plot_series_get(&s, 0, &v) && v == -1, "an empty column is empty");
	plot_series_add(&s, 1, 4);
	plot_series_add(&s, 1, 7);
	ok(plot_series_get(&s, 1, &v) && v == 5.5,
	    "two values in one column are averaged");
	plot_series_add(&s, 2, 15);
	plot_series_add(&s, 2, -3);
	ok(plot_series_get(&s, 2, &v) && v == 5,
	    "values are clamped to 0-10 before averaging");
	plot_series_add(&s, 4, 1);
	plot_series_add(&s, -1, 1);
	ok(!plot_series_get(&s, 3, &v) && !plot_series_get(&s, 4, &v) &&
	    !plot_series_get(&s, -1, &v), "columns outside are ignored");
	plot_series_free(&s);

	ok(plot_level(0, 20) == 0 && plot_level(10, 20) == 19,
	    "0 and 10 are the bottom and top of 20 levels");
	ok(plot_level(5, 5) == 2, "5 is the middle of 5 levels");
	ok(plot_level(2.4, 5) == 1 && plot_level(2.6, 5) == 1 &&
	    plot_level(1.2, 5) == 0 && plot_level(1.3, 5) == 1,
	    "levels round to the nearest");
	ok(plot_level(-2, 5) == 0 && plot_level(99, 5) == 4,
	    "out-of-range values are clamped");
	ok(plot_level(7, 1) == 0, "a single level");
}

static void
test_render(void)
{
	struct plot_axis ax;
	struct plot_series s;
	char r0[64], r1[64], r2[64], r3[64], r4[64], *rows[5];
	int marks[4] = { 0, 0, 1, 0 };

	rows[0] = r0, rows[1] = r1, rows[2] = r2, rows[3] = r3, rows[4] = r4;
	plot_axis_fit(&ax, 0, 4, 8);            /* 4 columns, 2 cells */
	ok(plot_row_size(&ax) == 8 * 3 + 1, "room for 8 three-byte cells");
	plot_series_init(&s, ax.cols);
	plot_series_add(&s, 0, 10);
	plot_series_add(&s, 1, 0);
	plot_series_add(&s, 3, 4);
	plot_series_add(&s, 3, 6);

	plot_render(&ax, &s, marks, 5, 0, rows);
	is_str(r0, "**  |   ", "ASCII: 10 at the top, the mark in column 3");
	is_str(r1, "    |   ", "ASCII: an empty row keeps the mark");
	is_str(r2, "    | **", "ASCII: 4 and 6 average to 5, the middle");
	is_str(r3, "    |   ", "ASCII: row 4");
	is_str(r4, "  **|   ", "ASCII: 0 at the bottom");

	/* 2 rows of braille: 8 levels; 10 -> 7 (top dots of row 0),
	 * 0 -> 0 (bottom dots of row 1), 5 -> 3.5 -> 4 (bottom dots of
	 * row 0). */
	plot_render(&ax, &s, NULL, 2, 1, rows);
	is_str(r0, "\xe2\xa0\x89\xe2\xa0\x89    "
	    "\xe2\xa3\x80\xe2\xa3\x80", "braille: the top row");
	is_str(r1, "  \xe2\xa3\x80\xe2\xa3\x80    ",
	    "braille: the bottom row");
	plot_render(&ax, &s, marks, 2, 1, rows);
	is_str(r1, "  \xe2\xa3\x80\xe2\xa3\x80\xe2\x94\x8a   ",
	    "braille: a mark is a dotted line");
	plot_series_free(&s);
}

int
main(void)
{
	test_init();
	test_days();
	test_axis();
	test_series();
	test_render();
	return tap_done();
}
