/*
 * report-measure.c: questionnaire answers (measure.h) in the Markdown,
 * HTML and CSV reports.
 *
 * Each format gets two pieces, called from one place each in report.c
 * and report-html.c: the answers to look at first (a fired flag: PHQ-9
 * item 9 above 0, treated like a yes to the safety question; a WHO-5 of
 * 50 or lower), and a section with every answer, oldest first, with its
 * total, subscales, band and the change from the one before.  Texts from
 * a definition are journal data (a bundle may carry a therapist's file)
 * and are escaped like any other.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "share/report-int.h"
#include "tend/err.h"
#include "tend/measure.h"
#include "tend/store.h"
#include "tend/timefmt.h"

/* The flags that fired, "; " between, into b (as plain text). */
static void
flag_texts(struct rbuf *b, const struct measure_response *r)
{
	int i, n = 0;

	for (i = 0; i < r->def->nflags; i++)
		if (r->score.fired & (1U << i))
			rbuf_printf(b, "%s%s", n++ ? "; " : "",
			    r->def->flags[i].text);
}

/* "total 45 of 80 (moderate); B 15, C 4, D 14, E 12; percentage 48;
 * item rule met; above the cut-off range 31-33" as plain text. */
static void
score_text(struct rbuf *b, const struct measure_response *r)
{
	const struct measure_def *d = r->def;
	const struct measure_score *sc = &r->score;
	int i;

	if (d == NULL) {
		rbuf_put(b, "not scored (its version is not in this journal)");
		return;
	}
	rbuf_printf(b, "total %d of %d", sc->total, d->total_max);
	if (sc->band != NULL)
		rbuf_printf(b, " (%s)", sc->band);
	if (d->multiplier != 1)
		rbuf_printf(b, "; %s %d", d->scaled_label[0] ?
		    d->scaled_label : "scaled", sc->scaled);
	for (i = 0; i < sc->nsub; i++)
		rbuf_printf(b, "%s%s %d", i ? ", " : "; ", sc->sub[i].name,
		    sc->sub[i].score);
	if (sc->criterion >= 0)
		rbuf_printf(b, "; item rule %s", sc->criterion ? "met" :
		    "not met");
	if (sc->cutoff >= 0 && d->cut_lo != d->cut_hi)
		rbuf_printf(b, "; %s the cut-off range %d-%d", sc->cutoff == 0 ?
		    "below" : sc->cutoff == 1 ? "within" : "above", d->cut_lo,
		    d->cut_hi);
	else if (sc->cutoff >= 0)
		rbuf_printf(b, "; %s the cut-off %d", sc->cutoff == 0 ?
		    "below" : sc->cutoff == 1 ? "at" : "above", d->cut_lo);
}

static void
change_text(struct rbuf *b, const struct measure_response *r)
{
	char buf[400];

	if (r->def == NULL || !r->has_prev)
		return;
	measure_change_text(r->def, r->prev_total, r->score.total, buf,
	    sizeof buf);
	rbuf_put(b, buf);
}

/* head, when set, is written before the first row: a buffer that streams
 * (report_write) cannot take back a heading once it has gone out. */
struct out {
	struct rbuf *b;
	long n;
	const char *head;
};

static void
out_row(struct out *o)
{
	if (o->n == 0 && o->head != NULL)
		rbuf_put(o->b, o->head);
	o->n++;
}

/* How one format writes an answer: as a line among those to look at
 * first, and as a table row.  text escapes what comes from the journal
 * (the names and flag texts may come from a therapist's file). */
struct fmt {
	void (*text)(struct rbuf *b, const char *text);
	const char *first_open[2]; /* before the time, after it */
	const char *first_flags; /* after the name, before the flag texts */
	const char *first_place; /* after the flag texts, before the place */
	const char *first_close;
	const char *row_open[2]; /* before the time, after it */
	const char *cell;        /* between two cells */
	const char *row_close;
};

static int
first_line(const struct measure_response *r, struct out *o,
    const struct fmt *f)
{
	struct rbuf t = { .p = NULL };
	char when[32];

	report_time(r->time, r->time_off, when, sizeof when);
	out_row(o);
	rbuf_put(&t, "");
	flag_texts(&t, r);
	rbuf_put(o->b, f->first_open[0]);
	rbuf_put(o->b, when);
	rbuf_put(o->b, f->first_open[1]);
	rbuf_put(o->b, r->score.safety ? "safety: " : "");
	f->text(o->b, r->name);
	rbuf_put(o->b, f->first_flags);
	f->text(o->b, t.p);
	rbuf_put(o->b, f->first_place);
	f->text(o->b, r->placement);
	rbuf_put(o->b, f->first_close);
	rbuf_free(&t);
	return 0;
}

static int
table_row(const struct measure_response *r, struct out *o,
    const struct fmt *f)
{
	struct rbuf t = { .p = NULL };
	char when[32];
	int i;

	report_time(r->time, r->time_off, when, sizeof when);
	out_row(o);
	rbuf_put(o->b, f->row_open[0]);
	rbuf_put(o->b, when);
	rbuf_put(o->b, f->row_open[1]);
	f->text(o->b, r->name);
	for (i = 0; i < 3; i++) {
		rbuf_put(&t, "");
		t.len = 0;
		t.p[0] = '\0';
		if (i == 0)
			score_text(&t, r);
		else if (i == 1)
			change_text(&t, r);
		else if (r->def != NULL)
			flag_texts(&t, r);
		rbuf_put(o->b, f->cell);
		f->text(o->b, t.p);
	}
	rbuf_put(o->b, f->cell);
	f->text(o->b, r->placement);
	rbuf_put(o->b, f->row_close);
	rbuf_free(&t);
	return 0;
}

/* ---- Markdown ---- */

static void
md_text(struct rbuf *b, const char *text)
{
	const char *p;

	for (p = report_nz(text); *p != '\0'; p++) {
		if (strchr("\\`*_[]<>#|", *p) != NULL)
			rbuf_put(b, "\\");
		if (*p == '\n')
			rbuf_put(b, " ");
		else
			rbuf_putn(b, p, 1);
	}
}

static const struct fmt md = {
	md_text,
	{ "- ", " · **" }, "** · ", " · *", "*\n",
	{ "| ", " | " }, " | ", " |\n",
};

static int
md_first(const struct measure_response *r, void *arg)
{
	return first_line(r, arg, &md);
}

int
report_md_measures_first(struct store *s, struct rbuf *b, struct err *e)
{
	struct out o = { b, 0, NULL };

	if (store_measure_flagged(s, md_first, &o, e) != 0)
		return -1;
	if (o.n > 0)
		rbuf_put(b, "\n");
	return 0;
}

static int
md_row(const struct measure_response *r, void *arg)
{
	return table_row(r, arg, &md);
}

int
report_md_measures(struct store *s, struct rbuf *b, struct err *e)
{
	struct out o = { b, 0, "| When | Questionnaire | Score | Change | "
	    "Flags | Timeline |\n| --- | --- | --- | --- | --- | --- |\n" };

	rbuf_put(b, "## Questionnaires\n\n");
	if (store_measure_responses(s, NULL, 0, 0, md_row, &o, e) != 0)
		return -1;
	if (o.n == 0) {
		rbuf_put(b, "None.\n\n");
	} else {
		rbuf_put(b, "\n");
	}
	return 0;
}

/* ---- HTML ---- */

static const struct fmt html = {
	rbuf_html,
	{ "<li><span class=\"nw\">", "</span> · <span class=\"why\">" },
	"</span> · ", " · ", "</li>\n",
	{ "<tr><td class=\"nw\">", "</td><td>" }, "</td><td>",
	"</td></tr>\n",
};

static int
html_first(const struct measure_response *r, void *arg)
{
	return first_line(r, arg, &html);
}

int
report_html_measures_first(struct store *s, struct rbuf *b, struct err *e)
{
	struct out o = { b, 0, "<p>Questionnaire answers with a flag, "
	    "oldest first.</p>\n<ul class=\"attention\">\n" };

	if (store_measure_flagged(s, html_first, &o, e) != 0)
		return -1;
	if (o.n > 0)
		rbuf_put(b, "</ul>\n");
	return 0;
}

static int
html_row(const struct measure_response *r, void *arg)
{
	return table_row(r, arg, &html);
}

int
report_html_measures(struct store *s, struct rbuf *b, struct err *e)
{
	struct out o = { b, 0, "<table>\n<thead><tr><th>When</th>"
	    "<th>Questionnaire</th><th>Score</th><th>Change</th><th>Flags</th>"
	    "<th>Timeline</th></tr></thead>\n<tbody>\n" };

	rbuf_put(b, "<section id=\"measures\">\n<h2>Questionnaires</h2>\n");
	if (store_measure_responses(s, NULL, 0, 0, html_row, &o, e) != 0)
		return -1;
	if (o.n == 0) {
		rbuf_put(b, "<p class=\"none\">No questionnaire answers in "
		    "this export.</p>\n");
	} else {
		rbuf_put(b, "</tbody>\n</table>\n");
	}
	rbuf_put(b, "</section>\n");
	return 0;
}

/* ---- CSV ---- */

struct csv {
	struct store *s;
	struct rbuf *b;
	int flagged;            /* 1: only flagged ones, 0: only the rest */
	long n;
};

static int
csv_row(const struct measure_response *r, void *arg)
{
	struct csv *c = arg;
	struct rbuf t = { .p = NULL };
	char when[40], *f;
	int i, fired = r->def != NULL && r->score.fired != 0;

	if (fired != c->flagged)
		return 0;
	time_format_iso(r->time, r->time_off, when, sizeof when);
	f = report_csv_field(r->uuid);
	rbuf_printf(c->b, "%s,%s,,,,,,,,,%s,", f, when, r->shared ? "yes" :
	    "no");
	report_free(f, strlen(f));
	f = report_csv_field(r->placement);
	rbuf_put(c->b, f);
	report_free(f, strlen(f));
	rbuf_printf(c->b, ",%s,", fired && r->score.safety ? "yes" : "");
	rbuf_put(&t, "");
	if (fired)
		flag_texts(&t, r);
	f = report_csv_field(t.p);
	rbuf_put(c->b, f);
	report_free(f, strlen(f));
	f = report_csv_field(r->name);
	rbuf_printf(c->b, ",%s,", f);
	report_free(f, strlen(f));
	if (r->def != NULL) {
		rbuf_printf(c->b, "%d,", r->score.total);
		f = report_csv_field(r->score.band ? r->score.band : "");
		rbuf_put(c->b, f);
		report_free(f, strlen(f));
	} else {
		rbuf_put(c->b, ",");
	}
	rbuf_put(c->b, ",");
	for (i = 0; i < r->nanswers; i++)
		rbuf_printf(c->b, "%s%d", i ? " " : "", r->answers[i]);
	/* The last column: days after the latest medicine session. */
	report_medicine_day_text(c->s, r->time, when, sizeof when);
	rbuf_printf(c->b, ",%s\r\n", when);
	rbuf_free(&t);
	c->n++;
	return 0;
}

int
report_csv_measures(struct store *s, struct rbuf *b, int flagged,
    struct err *e)
{
	struct csv c = { s, b, flagged, 0 };

	return store_measure_responses(s, NULL, 0, 0, csv_row, &c, e);
}

struct any {
	int n;
};

static int
any_one(const struct measure_response *r, void *arg)
{
	(void)r;
	((struct any *)arg)->n = 1;
	return 1;
}

int
report_has_measures(struct store *s, struct err *e)
{
	struct any a = { 0 };

	return store_measure_responses(s, NULL, 0, 0, any_one, &a, e) < 0 ?
	    -1 : a.n;
}
