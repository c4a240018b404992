/*
 * plot.h: the chart's arithmetic, kept apart from the terminal so the
 * unit tests can check it (plot.c).
 *
 * Time runs in whole local days: a check-in belongs to the day it was
 * written on, at the UTC offset it was written with.  A range of days is
 * split into columns of per_col days each; a column is width cells wide.
 * Values (0-10) put in a column are averaged; a column nobody wrote in
 * stays empty.  A panel of rows text rows is drawn as braille dots (four
 * levels a row) or, without UTF-8, as one '*' a column.
 */
#ifndef TEND_UI_PLOT_H
#define TEND_UI_PLOT_H

#include <stddef.h>
#include <time.h>

#define PLOT_MAX 10             /* values run 0 .. PLOT_MAX */

/* The day t falls on at offset off_min (minutes east of UTC), counted in
 * days since 1970-01-01. */
long plot_day(time_t t, int off_min);

/* A day as "3 Nov" (short) or "Nov 2026" (by_month); buf of 16 bytes. */
void plot_date(long day, int by_month, char *buf, size_t len);

struct plot_axis {
	long first;             /* the first day shown */
	long days;              /* days shown */
	int per_col;            /* days in one column */
	int cols;               /* columns */
	int width;              /* cells a column takes */
};

/* Fit days days from first into at most avail cells: as few days a column
 * as fit, then as many cells a column as fit.  avail < 1 counts as 1. */
void plot_axis_fit(struct plot_axis *, long first, long days, int avail);

/* The column day falls in, or -1 outside the range. */
int plot_col(const struct plot_axis *, long day);

/* Cells the columns take (cols * width). */
int plot_cells(const struct plot_axis *);

/* One series: the sum, count and lowest of the values in each column. */
struct plot_series {
	int cols;
	double *sum;
	int *n;
	double *min;
};

void plot_series_init(struct plot_series *, int cols);
void plot_series_free(struct plot_series *);
/* Add v (clamped to 0 .. PLOT_MAX) to column col (ignored outside). */
void plot_series_add(struct plot_series *, int col, double v);
/* The mean of column col into *v; 0 if the column is empty. */
int plot_series_get(const struct plot_series *, int col, double *v);
/* The lowest value of column col into *v; 0 if the column is empty. */
int plot_series_min(const struct plot_series *, int col, double *v);

/* v (0 .. PLOT_MAX) as one of levels steps, 0 at the bottom, rounded to
 * the nearest. */
int plot_level(double v, int levels);

/* Bytes one rendered row can take, with its NUL. */
size_t plot_row_size(const struct plot_axis *);

/*
 * Render s into rows rows of text, top row first, into out[0 .. rows-1]
 * (each plot_row_size bytes).  A column with a value gets a dot in every
 * one of its cells at the value's height; with braille a cell holds four
 * levels (the dots of both halves set, so a point reads as a short dash),
 * without it one '*' a row.  marks (NULL: none) has one entry a column;
 * a column with a nonzero entry gets a vertical line ("┊" or "|") in its
 * first cell wherever no dot is.  Everything else is a space.
 */
void plot_render(const struct plot_axis *, const struct plot_series *s,
    const int *marks, int rows, int braille, char **out);

/*
 * The same, and each column's lowest value too where it lies below the
 * mean's level: with braille one dot (the left of the cell's two) at its
 * level, in the cell of the mean's dash when they share a row; without,
 * a 'v' on its row.  For a mood: the lowest of the day beside its mean.
 *
 * marks: a positive entry (a medicine session) draws "┊" or '|' as
 * above; a negative one (any other session) draws "╎" or ':'.
 */
#define PLOT_MARK_OTHER (-1)
void plot_render_low(const struct plot_axis *, const struct plot_series *s,
    const int *marks, int rows, int braille, char **out);

#endif
