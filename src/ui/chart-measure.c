/*
 * chart-measure.c: one questionnaire's totals over time, for the chart
 * screen (its m key switches between the check-ins and each
 * questionnaire taken).
 *
 * One panel from 0 to the highest total the questionnaire allows, a
 * column for one or more days as on the mood chart (several totals in a
 * column are averaged, plot.c).  Every session is marked with a dotted
 * line and a letter above the panel: P preparation, M1 M2 ... medicine
 * (they win where labels would overlap), I integration, O other.  Below:
 * the dates, what the marks mean, and the totals themselves as text,
 * newest first, so the numbers are there without reading the dots.
 */
#include "config.h"

#include "ui/chart-measure.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend/measure.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "ui/plot.h"
#include "ui/ui.h"

#define CM_MARGIN 12            /* "PCL-5    80┤" */
#define CM_MIN_DAYS 28          /* everything: at least four weeks */

struct cm_point {
	long day;
	int total;
};

struct cm_session {
	long day;
	enum session_kind kind;
	int no;                 /* medicine sessions: 1, 2, ... */
};

struct chart_measure {
	char *name;
	int total_max;
	struct cm_point *pts;
	size_t npts;
	struct cm_session *ss;
	size_t nss;
	long today;
};

/* ---- the questionnaires taken ---- */

struct cm_names {
	char **v;
	size_t n;
	int *taken;
};

static int
cm_name_add(const struct measure_def *d, void *arg)
{
	struct cm_names *l = arg;

	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->taken = xrealloc(l->taken, (l->n + 1) * sizeof *l->taken);
	l->v[l->n] = xstrdup(d->name);
	l->taken[l->n++] = 0;
	return 0;
}

static int
cm_name_taken(const struct measure_response *r, void *arg)
{
	struct cm_names *l = arg;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], r->name) == 0)
			l->taken[i] = 1;
	return 0;
}

size_t
chart_measure_names(struct app *a, char ***names)
{
	struct cm_names l = { NULL, 0, NULL };
	struct err e;
	size_t i, k = 0;

	if (store_measure_list(a->store, cm_name_add, &l, &e) == 0 &&
	    store_measure_responses(a->store, NULL, 0, 0, cm_name_taken, &l,
	    &e) == 0) {
		for (i = 0; i < l.n; i++)
			if (l.taken[i])
				l.v[k++] = l.v[i];
			else
				free(l.v[i]);
	} else
		for (i = 0; i < l.n; i++)
			free(l.v[i]);
	free(l.taken);
	if (k == 0) {
		free(l.v);
		l.v = NULL;
	}
	*names = l.v;
	return k;
}

void
chart_measure_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- loading ---- */

static int
cm_add_point(const struct measure_response *r, void *arg)
{
	struct chart_measure *cm = arg;

	if (r->def == NULL)
		return 0;
	cm->pts = xrealloc(cm->pts, (cm->npts + 1) * sizeof *cm->pts);
	cm->pts[cm->npts].day = plot_day(r->time, r->time_off);
	cm->pts[cm->npts].total = r->score.total;
	cm->npts++;
	if (r->def->total_max > cm->total_max)
		cm->total_max = r->def->total_max;
	return 0;
}

static int
cm_add_session(const struct session *s, void *arg)
{
	struct chart_measure *cm = arg;

	cm->ss = xrealloc(cm->ss, (cm->nss + 1) * sizeof *cm->ss);
	cm->ss[cm->nss].day = plot_day(s->time, s->time_off);
	cm->ss[cm->nss].kind = s->kind;
	cm->ss[cm->nss].no = s->medicine_no;
	cm->nss++;
	return 0;
}

struct chart_measure *
chart_measure_load(struct app *a, const char *name)
{
	struct chart_measure *cm = xcalloc(1, sizeof *cm);
	time_t now = time(NULL);
	struct err e;

	cm->name = xstrdup(name);
	cm->today = plot_day(now, time_offset(now));
	if (store_measure_responses(a->store, name, 0, 0, cm_add_point, cm,
	    &e) != 0 || store_session_list(a->store, cm_add_session, cm,
	    &e) != 0) {
		ui_message(a, ROLE_WARNING, "The chart could not be read: %s",
		    e.msg);
		chart_measure_free(cm);
		return NULL;
	}
	return cm;
}

void
chart_measure_free(struct chart_measure *cm)
{
	if (cm == NULL)
		return;
	free(cm->name);
	free(cm->pts);
	free(cm->ss);
	free(cm);
}

/* ---- drawing ---- */

static void
cm_span(const struct chart_measure *cm, long days, long *first, long *n)
{
	size_t i;

	if (days > 0) {
		*first = cm->today - days + 1;
		*n = days;
		return;
	}
	*first = cm->today - CM_MIN_DAYS + 1;
	for (i = 0; i < cm->npts; i++)
		if (cm->pts[i].day < *first)
			*first = cm->pts[i].day;
	for (i = 0; i < cm->nss; i++)
		if (cm->ss[i].day < *first && cm->ss[i].day <= cm->today)
			*first = cm->ss[i].day;
	*n = cm->today - *first + 1;
}

/* The letters above the panel; marks gets a nonzero entry for every
 * column with a session.  Medicine sessions are labelled first. */
static void
cm_labels(struct app *a, const struct chart_measure *cm,
    const struct plot_axis *ax, int *marks, int y)
{
	char *used = xcalloc((size_t)COLS + 1, 1), lab[16];
	int pass, cx, len, i;
	size_t k;

	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < cm->nss; k++) {
			const struct cm_session *s = &cm->ss[k];
			int col = plot_col(ax, s->day), med;

			med = s->kind == SESSION_MEDICINE;
			if (col < 0 || med != (pass == 0))
				continue;
			marks[col] = 1;
			if (med)
				snprintf(lab, sizeof lab, "M%d", s->no);
			else
				snprintf(lab, sizeof lab, "%c",
				    s->kind == SESSION_PREPARATION ? 'P' :
				    s->kind == SESSION_INTEGRATION ? 'I' : 'O');
			cx = CM_MARGIN + col * ax->width;
			len = (int)strlen(lab);
			if (cx + len > COLS)
				continue;
			for (i = cx; i < cx + len + (cx + len < COLS); i++)
				if (used[i])
					break;
			if (i < cx + len + (cx + len < COLS))
				continue;
			draw_text(a, y, cx, len, med ? ROLE_MEDICINE :
			    ROLE_HEADING, lab);
			for (i = cx; i < cx + len + (cx + len < COLS); i++)
				used[i] = 1;
		}
	free(used);
}

static void
cm_margin(struct app *a, const struct chart_measure *cm, int y, int row,
    int rows)
{
	char buf[48], num[16] = "";
	int mid = rows >= 3 ? (rows - 1) / 2 : -1;

	if (row == 0)
		snprintf(num, sizeof num, "%d", cm->total_max);
	else if (row == rows - 1)
		snprintf(num, sizeof num, "0");
	else if (row == mid)
		snprintf(num, sizeof num, "%d", cm->total_max / 2);
	snprintf(buf, sizeof buf, "%-8.8s%3s%s", row == 0 ? cm->name : "",
	    num, num[0] != '\0' ? draw_glyph(a, "┤", "+") :
	    draw_glyph(a, "│", "|"));
	draw_text(a, y, 0, CM_MARGIN, row == 0 ? ROLE_HEADING : ROLE_NORMAL,
	    buf);
}

static void
cm_dates(struct app *a, const struct plot_axis *ax, int y)
{
	char buf[16];
	int col, next = 0, by_month = ax->days > 200;

	for (col = 0; col < ax->cols; col++) {
		int cx = col * ax->width;

		if (cx < next)
			continue;
		plot_date(ax->first + (long)col * ax->per_col, by_month, buf,
		    sizeof buf);
		if (CM_MARGIN + cx + draw_width(buf) > COLS)
			break;
		draw_text(a, y, CM_MARGIN + cx, COLS - CM_MARGIN - cx,
		    ROLE_DIM, buf);
		next = cx + draw_width(buf) + 3;
	}
}

/* The totals in the range as text, newest first, as many as fit. */
static void
cm_numbers(struct app *a, const struct chart_measure *cm,
    const struct plot_axis *ax, int y)
{
	char line[512], one[48], date[16];
	size_t i, o;
	int n = 0;

	o = (size_t)snprintf(line, sizeof line, "Totals, newest first:");
	for (i = cm->npts; i-- > 0;) {
		if (plot_col(ax, cm->pts[i].day) < 0)
			continue;
		plot_date(cm->pts[i].day, 0, date, sizeof date);
		snprintf(one, sizeof one, "%s %d (%s)", n ? "," : "",
		    cm->pts[i].total, date);
		if ((int)(o + strlen(one)) > COLS - 2 || o + strlen(one) + 1 >
		    sizeof line)
			break;
		o += (size_t)snprintf(line + o, sizeof line - o, "%s", one);
		n++;
	}
	if (n == 0)
		snprintf(line, sizeof line, "No %s in this range; r shows "
		    "more.", cm->name);
	draw_text(a, y, 1, COLS - 2, ROLE_NORMAL, line);
	/* The numbers are what a screen reader should read first. */
	a->cursor_y = y;
	a->cursor_x = 1;
}

void
chart_measure_draw(struct app *a, const struct chart_measure *cm,
    long days, const char *range)
{
	struct plot_axis ax;
	struct plot_series s;
	int top = ui_body_top(), end = ui_body_end(), rows, y, r, *marks;
	long first, n;
	size_t k, count = 0;
	char title[160], **lines;

	if (cm == NULL)
		return;
	cm_span(cm, days, &first, &n);
	plot_axis_fit(&ax, first, n, COLS - CM_MARGIN - 1);
	marks = xcalloc((size_t)ax.cols, sizeof *marks);
	plot_series_init(&s, ax.cols);
	for (k = 0; k < cm->npts; k++) {
		int col = plot_col(&ax, cm->pts[k].day);

		if (col < 0 || cm->total_max <= 0)
			continue;
		count++;
		plot_series_add(&s, col, (double)cm->pts[k].total * PLOT_MAX /
		    cm->total_max);
	}
	snprintf(title, sizeof title, "%s totals: %s (%zu time%s)", cm->name,
	    range, count, count == 1 ? "" : "s");
	draw_text(a, top, 1, COLS - 2, ROLE_HEADING, title);
	cm_labels(a, cm, &ax, marks, top + 1);

	/* heading, labels, the panel, dates, legend, numbers */
	rows = end - top - 5;
	if (rows < 1)
		rows = 1;
	lines = xcalloc((size_t)rows, sizeof *lines);
	for (r = 0; r < rows; r++)
		lines[r] = xmalloc(plot_row_size(&ax));
	plot_render(&ax, &s, marks, rows, a->utf8, lines);
	y = top + 2;
	for (r = 0; r < rows && y < end; r++, y++) {
		cm_margin(a, cm, y, r, rows);
		draw_text(a, y, CM_MARGIN, COLS - CM_MARGIN, ROLE_NORMAL,
		    lines[r]);
	}
	if (y < end)
		cm_dates(a, &ax, y++);
	if (y < end) {
		char legend[200];

		snprintf(legend, sizeof legend, "%s P preparation, M medicine, "
		    "I integration, O other session. %d day%s a column.",
		    draw_glyph(a, "┊", "|"), ax.per_col, ax.per_col == 1 ?
		    "" : "s");
		if (draw_width(legend) > COLS - 2)
			snprintf(legend, sizeof legend, "%s P, M, I, O: "
			    "sessions. %d day%s a column.",
			    draw_glyph(a, "┊", "|"), ax.per_col,
			    ax.per_col == 1 ? "" : "s");
		draw_text(a, y++, 1, COLS - 2, ROLE_DIM, legend);
	}
	if (y < end)
		cm_numbers(a, cm, &ax, y);
	for (r = 0; r < rows; r++)
		free(lines[r]);
	free(lines);
	free(marks);
	plot_series_free(&s);
}
