/*
 * chart-text.c: the chart's numbers as lines of text, one day a line,
 * newest first, for people who read the screen with a screen reader or a
 * braille display (which follow the cursor, kept on the chosen line):
 *
 *	Mon 3 Nov: mood 4.5 (lowest 2), anxiety 6, sleep 5; 2 check-ins
 *	Sun 2 Nov: medicine session 1; mood 7, anxiety 3
 *
 * A day's values are the averages of its check-ins, as on the chart; the
 * lowest mood is named when a day had several and one was lower.  Days
 * without a check-in or a session are left out.  It reads the store
 * itself, so the chart's own data stays as it is.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend/store.h"
#include "tend/timefmt.h"
#include "ui/chart-text.h"
#include "ui/plot.h"
#include "ui/ui.h"

#define CT_SERIES 3

static const char *const ct_names[CT_SERIES] = { "mood", "anxiety", "sleep" };

struct ct_day {
	long day;
	int n;                          /* check-ins */
	int count[CT_SERIES];
	int sum[CT_SERIES];
	int low;                        /* lowest mood */
	char sessions[96];              /* "medicine session 1" ... */
};

struct ct_load {
	struct ct_day *d;
	size_t n, cap;
	long first;                     /* days before it are left out */
};

/* The entry for day (days arrive oldest first, sessions in time order). */
static struct ct_day *
ct_at(struct ct_load *l, long day)
{
	size_t i;

	for (i = l->n; i > 0; i--)
		if (l->d[i - 1].day == day)
			return &l->d[i - 1];
	if (l->n == l->cap) {
		l->cap = l->cap != 0 ? l->cap * 2 : 64;
		l->d = xrealloc(l->d, l->cap * sizeof *l->d);
	}
	memset(&l->d[l->n], 0, sizeof *l->d);
	l->d[l->n].day = day;
	l->d[l->n].low = PLOT_MAX + 1;
	return &l->d[l->n++];
}

static int
ct_checkin(const struct checkin *c, void *arg)
{
	struct ct_load *l = arg;
	long day = plot_day(c->time, c->time_off);
	const int v[CT_SERIES] = { c->mood, c->anxiety, c->sleep };
	struct ct_day *d;
	int i;

	if (day < l->first)
		return 0;
	d = ct_at(l, day);
	d->n++;
	for (i = 0; i < CT_SERIES; i++) {
		if (v[i] == CHECKIN_UNSET)
			continue;
		d->count[i]++;
		d->sum[i] += v[i];
		if (i == 0 && v[i] < d->low)
			d->low = v[i];
	}
	return 0;
}

static int
ct_session(const struct session *s, void *arg)
{
	struct ct_load *l = arg;
	long day = plot_day(s->time, s->time_off);
	struct ct_day *d;
	char what[40];
	size_t used;

	if (day < l->first)
		return 0;
	switch (s->kind) {
	case SESSION_PREPARATION:
		snprintf(what, sizeof what, "preparation session");
		break;
	case SESSION_MEDICINE:
		snprintf(what, sizeof what, "medicine session %d",
		    s->medicine_no);
		break;
	case SESSION_INTEGRATION:
		snprintf(what, sizeof what, "integration session");
		break;
	default:
		snprintf(what, sizeof what, "a session");
		break;
	}
	d = ct_at(l, day);
	used = strlen(d->sessions);
	snprintf(d->sessions + used, sizeof d->sessions - used, "%s%s",
	    used > 0 ? " and " : "", what);
	return 0;
}

/* The mean of n values summing to sum, as "4" or "4.5". */
static void
ct_mean(int sum, int n, char *buf, size_t len)
{
	if (sum % n == 0)
		snprintf(buf, len, "%d", sum / n);
	else
		snprintf(buf, len, "%.1f", (double)sum / n);
}

static int
ct_day_cmp(const void *a, const void *b)
{
	long x = ((const struct ct_day *)a)->day;
	long y = ((const struct ct_day *)b)->day;

	return x < y ? 1 : x > y ? -1 : 0;      /* newest first */
}

/* "Mon 3 Nov" (with the year when it is not this_year's). */
static void
ct_date(long day, long today, char *buf, size_t len)
{
	static const char *const wd[7] = {
		"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"
	};
	char dm[16], my[16], ty[16];
	long w = day % 7;

	plot_date(day, 0, dm, sizeof dm);
	plot_date(day, 1, my, sizeof my);
	plot_date(today, 1, ty, sizeof ty);
	if (w < 0)
		w += 7;
	if (strcmp(strchr(my, ' '), strchr(ty, ' ')) != 0)
		snprintf(buf, len, "%s %s%s", wd[w], dm, strchr(my, ' '));
	else
		snprintf(buf, len, "%s %s", wd[w], dm);
}

static char *
ct_line(const struct ct_day *d, long today)
{
	char date[32], vals[160], num[16];
	size_t used = 0;
	int i;

	ct_date(d->day, today, date, sizeof date);
	vals[0] = '\0';
	for (i = 0; i < CT_SERIES; i++) {
		if (d->count[i] == 0)
			continue;
		ct_mean(d->sum[i], d->count[i], num, sizeof num);
		used += (size_t)snprintf(vals + used, sizeof vals - used,
		    "%s%s %s", used > 0 ? ", " : "", ct_names[i], num);
		if (i == 0 && d->count[0] > 1 && d->low * d->count[0] <
		    d->sum[0])
			used += (size_t)snprintf(vals + used,
			    sizeof vals - used, " (lowest %d)", d->low);
		if (used >= sizeof vals)
			used = sizeof vals - 1;
	}
	if (d->n > 1 && used < sizeof vals)
		snprintf(vals + used, sizeof vals - used, "; %d check-ins",
		    d->n);
	if (d->sessions[0] != '\0')
		return xasprintf("%s: %s; %s", date, d->sessions, d->n == 0 ?
		    "no check-in" : vals);
	if (vals[0] == '\0')
		return xasprintf("%s: a check-in without these numbers", date);
	return xasprintf("%s: %s", date, vals);
}

static size_t
ct_fetch(void *arg, long long from, int dir, long long *out, size_t n)
{
	const struct chart_text *t = arg;

	return list_count_fetch(t->n, from, dir, out, n);
}

static int
ct_exists(void *arg, long long id)
{
	const struct chart_text *t = arg;

	return id >= 0 && id < (long long)t->n;
}

static void
ct_row(struct app *a, void *arg, long long id, int y, int x, int width,
    int selected)
{
	const struct chart_text *t = arg;

	draw_text(a, y, x + 1, width - 1, selected ? ROLE_SELECTED :
	    ROLE_NORMAL, t->line[id]);
}

static const struct list_source ct_source = {
	.fetch = ct_fetch,
	.exists = ct_exists,
	.draw = ct_row,
};

static int
ct_height(void)
{
	int h = ui_body_end() - (ui_body_top() + 3);

	return h < 1 ? 1 : h;
}

void
chart_text_free(struct chart_text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->line[i]);
	free(t->line);
	if (t->list.src != NULL)
		list_free(&t->list);
	memset(t, 0, sizeof *t);
}

int
chart_text_load(struct app *a, struct chart_text *t, long days,
    struct err *e)
{
	time_t now = time(NULL), since = 0;
	struct ct_load l = { NULL, 0, 0, 0 };
	size_t i;
	int rc;

	chart_text_free(t);
	t->today = plot_day(now, time_offset(now));
	l.first = days > 0 ? t->today - days + 1 : 0;
	if (days > 0)   /* a day's margin for offsets; filtered by day */
		since = now - (time_t)(days + 2) * 86400;
	rc = store_checkin_list(a->store, since, 0, ct_checkin, &l, e);
	if (rc == 0)
		rc = store_session_list(a->store, ct_session, &l, e);
	if (l.n > 0)
		qsort(l.d, l.n, sizeof *l.d, ct_day_cmp);
	t->line = xcalloc(l.n > 0 ? l.n : 1, sizeof *t->line);
	for (i = 0; i < l.n; i++)
		if (l.d[i].day <= t->today || l.d[i].n > 0)
			t->line[t->n++] = ct_line(&l.d[i], t->today);
	free(l.d);
	list_init(&t->list, &ct_source, t);
	list_reload(&t->list, ct_height());
	return rc;
}

int
chart_text_key(struct chart_text *t, enum action act)
{
	return list_key(&t->list, act);
}

void
chart_text_draw(struct app *a, struct chart_text *t, const char *range)
{
	int y = ui_body_top(), w = COLS - 2;
	char *head;

	head = xasprintf("Mood, anxiety and sleep, %s, newest day first",
	    range);
	if (draw_width(head) > w) {
		free(head);
		head = xasprintf("%s, newest first", range);
	}
	draw_text(a, y, 1, w, ROLE_HEADING, head);
	free(head);
	draw_text(a, y + 1, 1, w, ROLE_HINT, "From 0 to 10; a day with "
	    "several check-ins shows their average.");
	if (t->n == 0) {
		draw_wrap(a, y + 3, 2, COLS - 4, ui_body_end() - y - 3,
		    ROLE_NORMAL, "No check-ins or sessions in this range. "
		    "r shows a longer one.");
		ui_focus(a, y + 3, 2);
		return;
	}
	if (t->list.height != ct_height())
		list_reload(&t->list, ct_height());
	list_draw(a, &t->list, y + 3, 1, w);
}
