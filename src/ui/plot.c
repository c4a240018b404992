/*
 * plot.c: columns of days, averaged values and their dots, for the chart
 * screen.  No terminal here: rows come out as UTF-8 or ASCII text.
 */
#include "config.h"

#include "ui/plot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/err.h"

#define PLOT_WIDTH_MAX 4        /* a column never grows wider than this */

long
plot_day(time_t t, int off_min)
{
	long long s = (long long)t + (long long)off_min * 60;

	return (long)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

/* Days since 1970-01-01 to a calendar date (proleptic Gregorian). */
static void
plot_civil(long day, int *y, int *m, int *d)
{
	long z = day + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void
plot_date(long day, int by_month, char *buf, size_t len)
{
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	int y, m, d;

	plot_civil(day, &y, &m, &d);
	if (by_month)
		snprintf(buf, len, "%s %d", months[m - 1], y);
	else
		snprintf(buf, len, "%d %s", d, months[m - 1]);
}

void
plot_axis_fit(struct plot_axis *ax, long first, long days, int avail)
{
	if (avail < 1)
		avail = 1;
	if (days < 1)
		days = 1;
	ax->first = first;
	ax->days = days;
	ax->per_col = (int)((days + avail - 1) / avail);
	ax->cols = (int)((days + ax->per_col - 1) / ax->per_col);
	ax->width = avail / ax->cols;
	if (ax->width > PLOT_WIDTH_MAX)
		ax->width = PLOT_WIDTH_MAX;
	if (ax->width < 1)
		ax->width = 1;
}

int
plot_col(const struct plot_axis *ax, long day)
{
	if (day < ax->first || day >= ax->first + ax->days)
		return -1;
	return (int)((day - ax->first) / ax->per_col);
}

int
plot_cells(const struct plot_axis *ax)
{
	return ax->cols * ax->width;
}

void
plot_series_init(struct plot_series *s, int cols)
{
	s->cols = cols > 0 ? cols : 0;
	s->sum = xcalloc((size_t)s->cols + 1, sizeof *s->sum);
	s->n = xcalloc((size_t)s->cols + 1, sizeof *s->n);
	s->min = xcalloc((size_t)s->cols + 1, sizeof *s->min);
}

void
plot_series_free(struct plot_series *s)
{
	free(s->sum);
	free(s->n);
	free(s->min);
	s->sum = NULL;
	s->n = NULL;
	s->min = NULL;
	s->cols = 0;
}

void
plot_series_add(struct plot_series *s, int col, double v)
{
	if (col < 0 || col >= s->cols)
		return;
	if (v < 0)
		v = 0;
	if (v > PLOT_MAX)
		v = PLOT_MAX;
	if (s->n[col] == 0 || v < s->min[col])
		s->min[col] = v;
	s->sum[col] += v;
	s->n[col]++;
}

int
plot_series_get(const struct plot_series *s, int col, double *v)
{
	if (col < 0 || col >= s->cols || s->n[col] == 0)
		return 0;
	*v = s->sum[col] / s->n[col];
	return 1;
}

int
plot_series_min(const struct plot_series *s, int col, double *v)
{
	if (col < 0 || col >= s->cols || s->n[col] == 0)
		return 0;
	*v = s->min[col];
	return 1;
}

int
plot_level(double v, int levels)
{
	int l;

	if (levels < 2)
		return 0;
	if (v < 0)
		v = 0;
	if (v > PLOT_MAX)
		v = PLOT_MAX;
	l = (int)(v * (levels - 1) / PLOT_MAX + 0.5);     /* v >= 0 */
	return l < levels ? l : levels - 1;
}

size_t
plot_row_size(const struct plot_axis *ax)
{
	return (size_t)plot_cells(ax) * 3 + 1;
}

/* Append the braille cell with dots bits (both halves of one dot row). */
static size_t
plot_put_braille(char *p, unsigned bits)
{
	unsigned c = 0x2800 + bits;

	p[0] = (char)(0xe0 | (c >> 12));
	p[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	p[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

/* A session mark in a column's first cell, or a space. */
static char *
plot_put_mark(char *p, int mark, int braille)
{
	if (mark != 0 && braille) {
		/* U+250A ┊ (medicine) or U+254E ╎ (any other session). */
		p[0] = (char)0xe2;
		p[1] = (char)(mark > 0 ? 0x94 : 0x95);
		p[2] = (char)(mark > 0 ? 0x8a : 0x8e);
		return p + 3;
	}
	*p++ = (char)(mark > 0 ? '|' : mark < 0 ? ':' : ' ');
	return p;
}

static void
plot_draw(const struct plot_axis *ax, const struct plot_series *s,
    const int *marks, int rows, int braille, int low, char **out)
{
	/* Both dots of a braille dot row, top row first; the left dot. */
	static const unsigned dots[4] = { 0x09, 0x12, 0x24, 0xc0 };
	static const unsigned left[4] = { 0x01, 0x02, 0x04, 0x40 };
	int r, col, cell, levels = braille ? rows * 4 : rows;

	for (r = 0; r < rows; r++) {
		char *p = out[r];

		for (col = 0; col < ax->cols; col++) {
			double v, m;
			int has = plot_series_get(s, col, &v), lv = 0, row = -1;
			int lm = 0, lrow = -1;
			unsigned bits = 0;

			if (has) {
				lv = plot_level(v, levels);
				row = rows - 1 - (braille ? lv / 4 : lv);
			}
			if (has && low && plot_series_min(s, col, &m) &&
			    (lm = plot_level(m, levels)) < lv)
				lrow = rows - 1 - (braille ? lm / 4 : lm);
			if (row == r)
				bits |= dots[3 - lv % 4];
			if (lrow == r)
				bits |= left[3 - lm % 4];
			for (cell = 0; cell < ax->width; cell++) {
				if (bits != 0 && braille)
					p += plot_put_braille(p, bits);
				else if (row == r)
					*p++ = '*';
				else if (lrow == r)
					*p++ = 'v';
				else if (cell == 0 && marks != NULL)
					p = plot_put_mark(p, marks[col],
					    braille);
				else
					*p++ = ' ';
			}
		}
		*p = '\0';
	}
}

void
plot_render(const struct plot_axis *ax, const struct plot_series *s,
    const int *marks, int rows, int braille, char **out)
{
	plot_draw(ax, s, marks, rows, braille, 0, out);
}

void
plot_render_low(const struct plot_axis *ax, const struct plot_series *s,
    const int *marks, int rows, int braille, char **out)
{
	plot_draw(ax, s, marks, rows, braille, 1, out);
}
