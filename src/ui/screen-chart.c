/*
 * screen-chart.c: mood, anxiety and sleep over time, with every session
 * marked (medicine sessions as M1, M2; P preparation, I integration, O
 * other) and, in the mood panel, each day's lowest mood beside its mean.
 *
 * Three small panels are stacked, one a series, so they are told apart
 * by their names and places rather than by colour.  Each column is one
 * or more days; several check-ins in a column are averaged and a day
 * without one stays empty.  The arithmetic lives in plot.c; this file
 * loads the check-ins and sessions (read only) and lays the panels out.
 *
 *	Mood, anxiety and sleep: the last 4 weeks (12 check-ins)
 *	                          M1
 *	Mood    10┤      ⠉⠉      ┊
 *	         5┤  ⣀⣀          ┊ ⠒⠒
 *	...
 *	            3 Nov      10 Nov
 *	┊ M medicine  ╎ P preparation, I integration, O other  ⠁ lowest mood
 *
 * m switches to each questionnaire taken, in turn, and back: its totals
 * with every session marked (chart-measure.c).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend/store.h"
#include "tend/timefmt.h"
#include "ui/chart-measure.h"
#include "ui/chart-text.h"
#include "ui/plot.h"
#include "ui/ui.h"

enum chart_range { RANGE_WEEKS, RANGE_MONTHS, RANGE_ALL, RANGE_COUNT };

static const struct {
	const char *name;       /* "Mood, anxiety and sleep: NAME" */
	const char *brief;      /* the heading on a narrow screen */
	long days;              /* 0: everything */
} chart_ranges[RANGE_COUNT] = {
	{ "the last 4 weeks", "Last 4 weeks", 28 },
	{ "the last 3 months", "Last 3 months", 91 },
	{ "everything", "Everything", 0 },
};

#define CHART_SERIES 3
#define CHART_MARGIN 12         /* "Anxiety 10┤" and a space */

static const char *const chart_names[CHART_SERIES] = {
	"Mood", "Anxiety", "Sleep",
};

struct chart_point {
	long day;
	int v[CHART_SERIES];    /* CHECKIN_UNSET when not given */
};

/* A session of any kind (the name is older than that). */
struct chart_medicine {
	long day;
	int no;                 /* medicine sessions: 1, 2, ...; else 0 */
	enum session_kind kind;
};

struct chart {
	enum chart_range range;
	long today;
	int any;                /* the journal has check-ins at all */
	struct chart_point *pts;
	size_t npts, cap;
	struct chart_medicine *med;
	size_t nmed, medcap;
	/* The questionnaires taken; view 0 is the check-ins, view k the
	 * k-th questionnaire (measure holds its totals). */
	char **measures;
	size_t nmeasures, view;
	struct chart_measure *measure;
	struct chart_text text;         /* shown when app->chart_text */
};

static const struct keydef chart_keys[] = {
	{ ACT_RANGE, { 'r', '\t' }, "Range",
	  "Show the last 4 weeks, the last 3 months or everything, in "
	  "turn.", 1 },
	{ ACT_MEASURE, { 'm' }, "Questionnaire",
	  "Show the totals of each questionnaire you took, in turn, then "
	  "the check-ins again.", 1 },
	{ ACT_TOGGLE, { 't' }, "Text",
	  "Show the numbers as text, one day a line, to read line by line "
	  "(with a screen reader, say); t again shows the chart.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase.", 0 },
	KEYS_LIST_MOVES("Go to the day above.", "Go to the day below.",
	    "Go up a screenful of days.", "Go down a screenful of days.",
	    "Go to the newest day.", "Go to the oldest day."),
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static int
chart_add_point(const struct checkin *c, void *arg)
{
	struct chart *ch = arg;
	struct chart_point *p;

	if (ch->npts == ch->cap) {
		ch->cap = ch->cap != 0 ? ch->cap * 2 : 64;
		ch->pts = xrealloc(ch->pts, ch->cap * sizeof *ch->pts);
	}
	p = &ch->pts[ch->npts++];
	p->day = plot_day(c->time, c->time_off);
	p->v[0] = c->mood;
	p->v[1] = c->anxiety;
	p->v[2] = c->sleep;
	return 0;
}

static int
chart_add_session(const struct session *s, void *arg)
{
	struct chart *ch = arg;

	if (ch->nmed == ch->medcap) {
		ch->medcap = ch->medcap != 0 ? ch->medcap * 2 : 8;
		ch->med = xrealloc(ch->med, ch->medcap * sizeof *ch->med);
	}
	ch->med[ch->nmed].day = plot_day(s->time, s->time_off);
	ch->med[ch->nmed].no = s->medicine_no;
	ch->med[ch->nmed].kind = s->kind;
	ch->nmed++;
	return 0;
}

static int
chart_stop(const struct checkin *c, void *arg)
{
	(void)c;
	*(int *)arg = 1;
	return 1;
}

/* Read the check-ins of the range and the medicine sessions again. */
static void
chart_load(struct app *a, struct chart *ch)
{
	time_t now = time(NULL), since = 0;
	long days = chart_ranges[ch->range].days;
	struct err e;

	ch->today = plot_day(now, time_offset(now));
	ch->npts = ch->nmed = 0;
	ch->any = 0;
	if (days > 0)   /* a day's margin for offsets; filtered by day later */
		since = now - (time_t)(days + 2) * 86400;
	if (store_checkin_list(a->store, since, 0, chart_add_point, ch,
	    &e) != 0 || store_session_list(a->store, chart_add_session, ch,
	    &e) != 0) {
		ui_message(a, ROLE_WARNING, "The chart could not be read: %s",
		    e.msg);
		return;
	}
	ch->any = ch->npts > 0;
	if (!ch->any && days > 0)
		store_checkin_list(a->store, 0, 0, chart_stop, &ch->any, &e);
	if (a->chart_text && chart_text_load(a, &ch->text, days, &e) != 0)
		ui_message(a, ROLE_WARNING, "The chart could not be read: %s",
		    e.msg);
}

/* The days shown: the range, or for everything from the first check-in
 * or medicine session on (at least 4 weeks). */
static void
chart_span(const struct chart *ch, long *first, long *days)
{
	long d = chart_ranges[ch->range].days;
	size_t i;

	if (d > 0) {
		*first = ch->today - d + 1;
		*days = d;
		return;
	}
	*first = ch->today - chart_ranges[RANGE_WEEKS].days + 1;
	for (i = 0; i < ch->npts; i++)
		if (ch->pts[i].day < *first)
			*first = ch->pts[i].day;
	for (i = 0; i < ch->nmed; i++)
		if (ch->med[i].day < *first)
			*first = ch->med[i].day;
	*days = ch->today - *first + 1;
}

static void
chart_enter(struct app *a, struct frame *f)
{
	struct chart *ch = xcalloc(1, sizeof *ch);

	f->data = ch;
	chart_load(a, ch);
	ch->nmeasures = chart_measure_names(a, &ch->measures);
}

static void
chart_leave(struct app *a, struct frame *f)
{
	struct chart *ch = f->data;

	(void)a;
	chart_text_free(&ch->text);
	free(ch->pts);
	free(ch->med);
	chart_measure_free(ch->measure);
	chart_measure_names_free(ch->measures, ch->nmeasures);
	free(ch);
	f->data = NULL;
}

static void
chart_draw_empty(struct app *a)
{
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();

	y += draw_wrap(a, y, 2, w, maxy - y, ROLE_HEADING,
	    "There are no check-ins yet.") + 1;
	if (y < maxy)
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL,
		    "This chart shows how your mood, anxiety and sleep move "
		    "over the weeks, with your medicine sessions marked. It "
		    "fills in as you check in.") + 1;
	if (y < maxy)
		draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL,
		    "A check-in takes under a minute: start one from the "
		    "home screen, or type  tend checkin --mood 6  in a "
		    "terminal (mood from 0 to 10).");
}

/* The left margin of a panel row: the series name on the first row,
 * 10, 5 and 0 at their heights, then the axis line. */
static void
chart_margin(struct app *a, int y, int series, int row, int rows)
{
	char buf[32];
	const char *num = "";
	int mid = rows >= 3 ? (rows - 1) / 2 : -1;

	if (row == 0)
		num = "10";
	else if (row == rows - 1)
		num = "0";
	else if (row == mid)
		num = "5";
	snprintf(buf, sizeof buf, "%-8s%2s%s", row == 0 ?
	    chart_names[series] : "", num, num[0] != '\0' ?
	    draw_glyph(a, "┤", "+") : draw_glyph(a, "│", "|"));
	draw_text(a, y, 0, CHART_MARGIN, row == 0 ? ROLE_HEADING :
	    ROLE_NORMAL, buf);
}

/* Date labels under the columns, left to right, none overlapping. */
static void
chart_dates(struct app *a, const struct plot_axis *ax, int y, int x)
{
	char buf[16];
	int col, next = 0, by_month = ax->days > 200;

	for (col = 0; col < ax->cols; col++) {
		int cx = col * ax->width;

		if (cx < next)
			continue;
		plot_date(ax->first + (long)col * ax->per_col, by_month, buf,
		    sizeof buf);
		if (x + cx + draw_width(buf) > COLS)
			break;
		draw_text(a, y, x + cx, COLS - x - cx, ROLE_DIM, buf);
		next = cx + draw_width(buf) + 3;
	}
}

/* Whether the chart shows a session of kind k (any kind: -1). */
static int
chart_has(const struct chart *ch, int k)
{
	size_t i;

	for (i = 0; i < ch->nmed; i++)
		if (k < 0 || (int)ch->med[i].kind == k)
			return 1;
	return 0;
}

/* What the marks and columns mean, as much as fits on row y: the
 * longest of the wordings that fits. */
static void
chart_legend(struct app *a, const struct chart *ch,
    const struct plot_axis *ax, size_t count, int y)
{
	const char *med = draw_glyph(a, "┊", "|"), *oth = draw_glyph(a, "╎",
	    ":"), *low = draw_glyph(a, "⠁", "v");
	char kinds[3][96], text[4][240];
	int i, has_med = chart_has(ch, SESSION_MEDICINE);
	int has_oth = chart_has(ch, SESSION_PREPARATION) ||
	    chart_has(ch, SESSION_INTEGRATION) || chart_has(ch, SESSION_OTHER);

	snprintf(kinds[0], sizeof kinds[0], "%s%s%s%s%s%s%s",
	    has_med ? med : "", has_med ? " M medicine  " : "",
	    has_oth ? oth : "", has_oth ? " P preparation, I integration, "
	    "O other  " : "", low, " lowest mood  ", "");
	snprintf(kinds[1], sizeof kinds[1], "%s%s%s%s%s lowest mood  ",
	    has_med ? med : "", has_med ? " M medicine  " : "",
	    has_oth ? oth : "", has_oth ? " P prep  I integration  O other  " :
	    "", low);
	snprintf(kinds[2], sizeof kinds[2], "%s%s%s lowest ",
	    has_med || has_oth ? med : "", has_med || has_oth ?
	    " sessions  " : "", low);
	snprintf(text[0], sizeof text[0], "%s%sEach column is %d day%s.",
	    kinds[0], count == 0 ? "No check-ins in this range. " : "",
	    ax->per_col, ax->per_col == 1 ? "" : "s");
	snprintf(text[1], sizeof text[1], "%s%d day%s a column.", kinds[0],
	    ax->per_col, ax->per_col == 1 ? "" : "s");
	snprintf(text[2], sizeof text[2], "%s%d day%s a column.", kinds[1],
	    ax->per_col, ax->per_col == 1 ? "" : "s");
	snprintf(text[3], sizeof text[3], "%s%d d/col.", kinds[2],
	    ax->per_col);
	for (i = 0; i < 3 && draw_width(text[i]) > COLS - 2; i++)
		;
	draw_text(a, y, 1, COLS - 2, ROLE_DIM, text[i]);
}

/* The sessions above the panels: every kind marked in marks (medicine
 * over the others), labelled M1, M2 or P, I, O where there is room,
 * medicine sessions first. */
static void
chart_sessions(struct app *a, const struct chart *ch,
    const struct plot_axis *ax, int *marks, int y, int x)
{
	static const char *const letter[] = {
		[SESSION_PREPARATION] = "P", [SESSION_MEDICINE] = "M",
		[SESSION_INTEGRATION] = "I", [SESSION_OTHER] = "O",
	};
	char *used = xcalloc((size_t)COLS + 1, 1);
	int pass;
	size_t k;

	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < ch->nmed; k++) {
			const struct chart_medicine *m = &ch->med[k];
			int col = plot_col(ax, m->day), cx, w, i, free_ = 1;
			int medicine = m->kind == SESSION_MEDICINE;
			char lab[16];

			if (col < 0 || medicine != (pass == 0))
				continue;
			if (medicine)
				marks[col] = m->no > 0 ? m->no : 1;
			else if (marks[col] == 0)
				marks[col] = PLOT_MARK_OTHER;
			cx = x + col * ax->width;
			if (medicine)
				snprintf(lab, sizeof lab, "M%d", m->no);
			else
				snprintf(lab, sizeof lab, "%s",
				    letter[m->kind]);
			w = (int)strlen(lab);
			if (cx + w > COLS)
				continue;
			/* A label needs its cells and a space on each side. */
			for (i = cx > 0 ? cx - 1 : 0; i <= cx + w && i < COLS;
			    i++)
				if (used[i])
					free_ = 0;
			if (!free_)
				continue;
			memset(used + cx, 1, (size_t)w);
			draw_text(a, y, cx, COLS - cx, medicine ? ROLE_MEDICINE :
			    ROLE_DIM, lab);
		}
	free(used);
}

static void
chart_draw(struct app *a, struct frame *f)
{
	struct chart *ch = f->data;
	struct plot_axis ax;
	struct plot_series s[CHART_SERIES];
	int top = ui_body_top(), end = ui_body_end(), rows, gap, y, i, r;
	int *marks, x = CHART_MARGIN;
	long first, days;
	char title[128], **lines;
	size_t k, count = 0;

	if (ch->view > 0) {
		chart_measure_draw(a, ch->measure, chart_ranges[ch->range].days,
		    chart_ranges[ch->range].name);
		return;
	}
	if (!ch->any) {
		chart_draw_empty(a);
		if (ch->nmeasures > 0)
			draw_text(a, ui_body_end() - 1, 2, COLS - 4, ROLE_HINT,
			    "m shows the totals of your questionnaires.");
		ui_focus(a, ui_body_top() + 1, 2);
		return;
	}
	if (a->chart_text) {
		chart_text_draw(a, &ch->text, chart_ranges[ch->range].name);
		return;
	}
	ui_focus(a, top, 1);    /* the heading */
	chart_span(ch, &first, &days);
	plot_axis_fit(&ax, first, days, COLS - CHART_MARGIN - 1);
	marks = xcalloc((size_t)ax.cols, sizeof *marks);
	for (i = 0; i < CHART_SERIES; i++)
		plot_series_init(&s[i], ax.cols);
	for (k = 0; k < ch->npts; k++) {
		int col = plot_col(&ax, ch->pts[k].day);

		if (col < 0)
			continue;
		count++;
		for (i = 0; i < CHART_SERIES; i++)
			if (ch->pts[k].v[i] != CHECKIN_UNSET)
				plot_series_add(&s[i], col, ch->pts[k].v[i]);
	}

	/* heading, medicine labels, panels with gaps, dates, legend */
	gap = end - top >= 4 + 3 * 3 + 2 ? 1 : 0;
	rows = (end - top - 4 - 2 * gap) / CHART_SERIES;
	if (rows < 1)
		rows = 1;
	snprintf(title, sizeof title, "Mood, anxiety and sleep: %s "
	    "(%zu check-in%s)", chart_ranges[ch->range].name, count,
	    count == 1 ? "" : "s");
	if (draw_width(title) > COLS - 2)
		snprintf(title, sizeof title, "%s: %zu check-in%s",
		    chart_ranges[ch->range].brief, count,
		    count == 1 ? "" : "s");
	draw_text(a, top, 1, COLS - 2, ROLE_HEADING, title);
	chart_sessions(a, ch, &ax, marks, top + 1, x);

	lines = xcalloc((size_t)rows, sizeof *lines);
	for (r = 0; r < rows; r++)
		lines[r] = xmalloc(plot_row_size(&ax));
	y = top + 2;
	for (i = 0; i < CHART_SERIES; i++) {
		/* The mood panel shows each day's lowest mood too. */
		if (i == 0)
			plot_render_low(&ax, &s[i], marks, rows, a->utf8,
			    lines);
		else
			plot_render(&ax, &s[i], marks, rows, a->utf8, lines);
		for (r = 0; r < rows && y < end; r++, y++) {
			chart_margin(a, y, i, r, rows);
			draw_text(a, y, x, COLS - x, ROLE_NORMAL, lines[r]);
		}
		y += gap;
		plot_series_free(&s[i]);
	}
	y -= gap;
	if (y < end)
		chart_dates(a, &ax, y++, x);
	if (y < end)
		chart_legend(a, ch, &ax, count, y);
	for (r = 0; r < rows; r++)
		free(lines[r]);
	free(lines);
	free(marks);
}

static int
chart_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct chart *ch = f->data;

	(void)key;
	if (act == ACT_MEASURE && ch->nmeasures > 0) {
		ch->view = (ch->view + 1) % (ch->nmeasures + 1);
		chart_measure_free(ch->measure);
		ch->measure = ch->view > 0 ? chart_measure_load(a,
		    ch->measures[ch->view - 1]) : NULL;
		return UI_DRAW_ALL;
	}
	if (act == ACT_TOGGLE) {
		a->chart_text = !a->chart_text;
		chart_load(a, ch);
		return UI_DRAW_ALL;
	}
	if (act != ACT_RANGE)
		return a->chart_text && chart_text_key(&ch->text, act) ?
		    UI_DRAW_BODY : UI_PASS;
	ch->range = (ch->range + 1) % RANGE_COUNT;
	chart_load(a, ch);
	return UI_DRAW_ALL;
}

/* m only when a questionnaire was taken; the moves belong to the text
 * view; with no check-ins at all there is nothing to show as text. */
static int
chart_active(struct app *a, struct frame *f, enum action act)
{
	struct chart *ch = f->data;

	switch (act) {
	case ACT_MEASURE:
		return ch != NULL && ch->nmeasures > 0;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		return a->chart_text && ch != NULL && ch->any && ch->view == 0;
	case ACT_TOGGLE:
		return ch != NULL && ch->any && ch->view == 0;
	default:
		return 1;
	}
}

const struct screen screen_chart = {
	.name = "chart",
	.title = "Chart",
	.enter = chart_enter,
	.draw = chart_draw,
	.key = chart_key,
	.leave = chart_leave,
	.active = chart_active,
	.keys = chart_keys,
	.about = "How your mood, anxiety and sleep moved over time, one "
	    "small chart each, from your check-ins (sleep is how well you "
	    "slept). Higher is more: a high point is a good mood, strong "
	    "anxiety or good sleep. "
	    "Days with several check-ins show their average; days without "
	    "one stay empty; in the mood chart a single dot below a day's "
	    "mark (v without braille) is the lowest mood of that day. Dotted "
	    "lines mark your sessions: M1, M2 the medicine sessions, P "
	    "preparation, I integration, O other sessions. t shows the same "
	    "numbers as text, one day a line, and tend remembers which you "
	    "chose until it closes. Once you have taken a questionnaire, m "
	    "shows its totals instead, with every session marked.",
};
