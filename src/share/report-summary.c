/*
 * report-summary.c: the summary a therapist reads first, at the top of
 * the Markdown and HTML reports (the review app shows the same on its
 * first page, screen-summary.c, through the text helpers here).
 *
 * It holds, in this order: who wrote the journal and which days it
 * covers; every check-in to look at first (a yes to the safety
 * question, a mood of 2 or lower) with its date; the open agenda items;
 * mood, anxiety and sleep (mean, lowest, highest) and symptom counts for
 * each phase of the treatment timeline (store_phase_summary); the
 * questionnaires.  Everything comes from the store given, so a bundle's
 * summary can only hold what the patient chose to share.
 */
#include "config.h"

#include "tend/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "share/report-int.h"
#include "tend/err.h"
#include "tend/measure.h"
#include "tend/store.h"
#include "tend/timefmt.h"

/* ---- text shared with the app ---- */

void
report_scale_text(const struct phase_scale *sc, char *buf, size_t n)
{
	if (sc->n == 0)
		snprintf(buf, n, "-");
	else if (sc->min == sc->max)
		snprintf(buf, n, "%.1f", sc->mean);
	else
		snprintf(buf, n, "%.1f (%d-%d)", sc->mean, sc->min, sc->max);
}

void
report_phase_symptoms(const struct phase_summary *p, char *buf, size_t n)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < STORE_NSYMPTOMS && used < n; i++)
		if (p->symptoms[i] > 0)
			used += (size_t)snprintf(buf + used, n - used, "%s%s %ld",
			    used ? ", " : "", store_symptoms[i], p->symptoms[i]);
}

void
report_phase_days(const struct phase_summary *p, char *buf, size_t n)
{
	if (strcmp(p->first_day, p->last_day) == 0)
		snprintf(buf, n, "%s", p->first_day);
	else if (strncmp(p->first_day, p->last_day, 5) == 0)
		snprintf(buf, n, "%s to %s", p->first_day, p->last_day + 5);
	else
		snprintf(buf, n, "%s to %s", p->first_day, p->last_day);
}

void
report_medicine_day_text(struct store *s, time_t t, char *buf, size_t n)
{
	long d = store_medicine_day(s, t, NULL);

	if (d < 0)
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%ld", d);
}

/* A meta value (malloc'd), NULL when missing or empty. */
static char *
meta(struct store *s, const char *key)
{
	char *v = store_meta_get(s, key);

	if (v != NULL && v[0] == '\0') {
		free(v);
		v = NULL;
	}
	return v;
}

char *
report_who(struct store *s)
{
	char *alias = meta(s, "export_alias"), *fpr = meta(s,
	    "export_fingerprint"), *sender = meta(s, "export_sender");
	char *out;

	if (alias == NULL && fpr == NULL)
		alias = meta(s, "owner");
	out = xasprintf("%s%s%s%s%s%s%s", alias != NULL ? "\"" : "",
	    alias != NULL ? alias : "a journal without a name",
	    alias != NULL ? "\"" : "", fpr != NULL ? ", signing key " : "",
	    fpr != NULL ? fpr : "", sender != NULL ? "; " : "",
	    sender != NULL ? sender : "");
	free(alias);
	free(fpr);
	free(sender);
	return out;
}

/* An export_since or export_until value as the summary says it, into
 * out ("" when the meta key is missing). */
static void
range_end(struct store *s, const char *key, char *out, size_t n)
{
	char *value = store_meta_get(s, key);

	out[0] = '\0';
	if (value != NULL) {
		char label[32], buf[32];
		const char *shown = report_meta_label(key, value, label,
		    sizeof label, buf, sizeof buf);

		snprintf(out, n, "%s", shown != NULL ? shown : "");
	}
	free(value);
}

char *
report_range(struct store *s, const struct report_summary *sum)
{
	char from[64], to[64];
	char *out;

	range_end(s, "export_since", from, sizeof from);
	range_end(s, "export_until", to, sizeof to);
	if (sum->first == 0)
		out = xasprintf("no check-ins or entries");
	else {
		char first[16], last[16];

		report_day(sum->first, sum->first_off, first, sizeof first);
		report_day(sum->last, sum->last_off, last, sizeof last);
		if (strcmp(first, last) == 0)
			out = xasprintf("%s", first);
		else
			out = xasprintf("%s to %s", first, last);
	}
	if (from[0] != '\0' || to[0] != '\0') {
		char *asked = xasprintf("%s (the export asked for %s to %s)",
		    out, from[0] != '\0' ? from : "the beginning",
		    to[0] != '\0' ? to : "now");

		free(out);
		out = asked;
	}
	return out;
}

/* ---- the questionnaires ---- */

#define SM_MAX 32               /* instruments summed up at most */

/* What the summary says of one instrument, built while the responses
 * are walked (oldest first): the latest response replaces the text. */
struct sm_one {
	char name[MEASURE_NAME_MAX + 1];
	long n;
	int first_total, first_scored;
	char first_day[16];
	char text[1024];
	int flagged;
};

struct sm_walk {
	struct sm_one one[SM_MAX];
	int n;
};

/* measure_change_text's sentence, about the first response instead of
 * the one before ("than the time before" becomes "than the first one,
 * on DAY"). */
static void
sm_change_first(const struct measure_def *d, int from, int to,
    const char *day, char *buf, size_t n)
{
	char tmp[512], *at;
	const char *was = "the time before";

	measure_change_text(d, from, to, tmp, sizeof tmp);
	at = strstr(tmp, was);
	if (at == NULL) {
		snprintf(buf, n, "%s", tmp);
		return;
	}
	*at = '\0';
	snprintf(buf, n, "%sthe first one, on %s%s", tmp, day,
	    at + strlen(was));
}

static int
sm_response(const struct measure_response *r, void *arg)
{
	struct sm_walk *w = arg;
	struct sm_one *o = NULL;
	const struct measure_def *d = r->def;
	char day[16], change[600];
	size_t used;
	int i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->one[i].name, r->name) == 0)
			o = &w->one[i];
	if (o == NULL) {
		if (w->n == SM_MAX)
			return 0;
		o = &w->one[w->n++];
		memset(o, 0, sizeof *o);
		snprintf(o->name, sizeof o->name, "%s", r->name);
	}
	report_day(r->time, r->time_off, day, sizeof day);
	if (o->n++ == 0) {
		o->first_scored = d != NULL;
		o->first_total = d != NULL ? r->score.total : 0;
		snprintf(o->first_day, sizeof o->first_day, "%s", day);
	}
	o->flagged = d != NULL && r->score.fired != 0;
	if (d == NULL) {
		snprintf(o->text, sizeof o->text, "%s on %s: not scored (its "
		    "version is not in this journal)", r->name, day);
		return 0;
	}
	used = (size_t)snprintf(o->text, sizeof o->text, "%s on %s: %d of %d",
	    r->name, day, r->score.total, d->total_max);
	if (d->multiplier != 1 && used < sizeof o->text)
		used += (size_t)snprintf(o->text + used, sizeof o->text - used,
		    " (%s %d)", d->scaled_label[0] != '\0' ? d->scaled_label :
		    "scaled", r->score.scaled);
	if (r->score.band != NULL && used < sizeof o->text)
		used += (size_t)snprintf(o->text + used, sizeof o->text - used,
		    ", %s", r->score.band);
	if (r->has_prev && used < sizeof o->text) {
		measure_change_text(d, r->prev_total, r->score.total, change,
		    sizeof change);
		used += (size_t)snprintf(o->text + used, sizeof o->text - used,
		    "; %s", change);
	}
	if (o->n > 2 && o->first_scored && used < sizeof o->text) {
		sm_change_first(d, o->first_total, r->score.total,
		    o->first_day, change, sizeof change);
		used += (size_t)snprintf(o->text + used, sizeof o->text - used,
		    "; %s", change);
	}
	for (i = 0; i < d->nflags && used < sizeof o->text; i++)
		if (r->score.fired & (1U << i))
			used += (size_t)snprintf(o->text + used,
			    sizeof o->text - used, "; %s%s",
			    d->flags[i].safety ? "safety: " : "",
			    d->flags[i].text);
	if (used < sizeof o->text)
		snprintf(o->text + used, sizeof o->text - used, " (%ld "
		    "answer%s)", o->n, o->n == 1 ? "" : "s");
	return 0;
}

int
report_measure_summary(struct store *s,
    int (*cb)(const char *line, int flagged, void *), void *arg,
    struct err *e)
{
	struct sm_walk *w = xcalloc(1, sizeof *w);
	int i, rc = 0;

	if (store_measure_responses(s, NULL, 0, 0, sm_response, w, e) != 0)
		rc = -1;
	for (i = 0; rc == 0 && i < w->n; i++)
		rc = cb(w->one[i].text, w->one[i].flagged, arg);
	sodium_memzero(w, sizeof *w);
	free(w);
	return rc;
}

/* Counters: the buffer may stream to a file as it grows (its length is
 * no measure of what was written), so what is there is counted. */
static int
count_line(const char *line, int flagged, void *arg)
{
	(void)line;
	(void)flagged;
	(*(long *)arg)++;
	return 0;
}

static int
count_flagged(const struct measure_response *r, void *arg)
{
	(void)r;
	(*(long *)arg)++;
	return 0;
}

/* One phase's row as text, the same for Markdown and HTML (nothing in
 * it comes from the journal's words: days, numbers, the fixed symptom
 * names). */
struct phase_cells {
	char days[40], mood[24], anx[24], slp[24], sym[200];
};

static void
phase_cells(const struct phase_summary *p, struct phase_cells *c)
{
	report_phase_days(p, c->days, sizeof c->days);
	report_scale_text(&p->mood, c->mood, sizeof c->mood);
	report_scale_text(&p->anxiety, c->anx, sizeof c->anx);
	report_scale_text(&p->sleep, c->slp, sizeof c->slp);
	report_phase_symptoms(p, c->sym, sizeof c->sym);
	if (c->sym[0] == '\0')
		snprintf(c->sym, sizeof c->sym, "%s", "none");
}

/* ---- Markdown ---- */

static int
md_flag(const struct checkin *r, void *arg)
{
	struct rbuf *b = arg;
	char when[32], why[64];

	report_time(r->time, r->time_off, when, sizeof when);
	report_flag_text(r, why, sizeof why);
	rbuf_printf(b, "- %s · **%s** · mood %d · *", when, why, r->mood);
	report_md_inline(b, r->placement, 0);
	rbuf_put(b, "*");
	if (report_nz(r->note)[0] != '\0') {
		rbuf_put(b, " · ");
		report_md_inline(b, r->note, 0);
	}
	rbuf_put(b, "\n");
	return 0;
}

struct open_count {
	struct rbuf *b;
	int html;
	long n;
};

static int
open_item(const struct agenda_item *r, void *arg)
{
	struct open_count *o = arg;

	if (r->done)
		return 0;
	o->n++;
	if (o->html) {
		rbuf_put(o->b, "<li>☐ ");
		rbuf_html(o->b, r->text);
		rbuf_put(o->b, "</li>\n");
	} else {
		rbuf_put(o->b, "- [ ] ");
		report_md_inline(o->b, r->text, 0);
		rbuf_put(o->b, "\n");
	}
	return 0;
}

static int
md_phase(const struct phase_summary *p, void *arg)
{
	struct rbuf *b = arg;
	struct phase_cells c;

	phase_cells(p, &c);
	rbuf_put(b, "| ");
	report_md_inline(b, p->label, 1);
	rbuf_printf(b, " | %s | %ld | %s | %s | %s | %s |\n", c.days,
	    p->checkins, c.mood, c.anx, c.slp, c.sym);
	return 0;
}

static int
md_measure_line(const char *line, int flagged, void *arg)
{
	struct rbuf *b = arg;

	rbuf_put(b, "- ");
	if (flagged)
		rbuf_put(b, "**");
	report_md_inline(b, line, 0);
	rbuf_put(b, flagged ? "**\n" : "\n");
	return 0;
}

/* The latest answer of each questionnaire, its band, the change from the
 * one before and from the first, and its flags. */
static int
md_measures_summary(struct store *s, struct rbuf *b, struct err *e)
{
	long n = 0;

	if (report_measure_summary(s, count_line, &n, e) != 0)
		return -1;
	if (n == 0) {
		rbuf_put(b, REPORT_NO_MEASURES "\n\n");
		return 0;
	}
	if (report_measure_summary(s, md_measure_line, b, e) != 0)
		return -1;
	rbuf_put(b, "\n");
	return 0;
}

int
report_summary_md(struct store *s, const struct report_summary *sum,
    struct rbuf *b, struct err *e)
{
	struct open_count o = { b, 0, 0 };
	char *who = report_who(s), *range = report_range(s, sum);
	long nflag = 0;

	rbuf_put(b, "## Summary\n\n- From: ");
	report_md_inline(b, who, 0);
	rbuf_put(b, "\n- Covers: ");
	report_md_inline(b, range, 0);
	rbuf_put(b, "\n\n");
	free(who);
	free(range);

	rbuf_put(b, "### To look at first\n\n");
	if (sum->flagged > 0) {
		rbuf_put(b, REPORT_FLAGGED_ABOUT "\n\n");
		if (store_checkin_flagged(s, md_flag, b, e) != 0)
			return -1;
		rbuf_put(b, "\n");
	}
	if (store_measure_flagged(s, count_flagged, &nflag, e) != 0 ||
	    report_md_measures_first(s, b, e) != 0)
		return -1;
	if (sum->flagged == 0 && nflag == 0)
		rbuf_put(b, REPORT_NOTHING_FLAGGED "\n\n");

	rbuf_put(b, "### Open agenda items\n\n");
	if (store_agenda_list(s, open_item, &o, e) != 0)
		return -1;
	rbuf_put(b, o.n == 0 ? "Nothing open.\n\n" : "\n");

	rbuf_put(b, "### Mood, anxiety and sleep by phase\n\n");
	if (sum->checkins == 0)
		rbuf_put(b, "No check-ins.\n\n");
	else {
		rbuf_put(b, REPORT_PHASES_ABOUT "\n\n"
		    "| Phase | Days | Check-ins | Mood | Anxiety | Sleep | "
		    "Symptoms noted |\n"
		    "| --- | --- | --- | --- | --- | --- | --- |\n");
		if (store_phase_summary(s, md_phase, b, e) != 0)
			return -1;
		rbuf_put(b, "\n");
	}

	rbuf_put(b, "### Questionnaires\n\n");
	return md_measures_summary(s, b, e);
}

/* ---- HTML ---- */

static int
html_flag(const struct checkin *r, void *arg)
{
	struct rbuf *b = arg;
	char when[32], why[64];

	report_time(r->time, r->time_off, when, sizeof when);
	report_flag_text(r, why, sizeof why);
	rbuf_printf(b, "<li><span class=\"nw\">%s</span> · <span "
	    "class=\"why\">%s</span> · mood %d · ", when, why, r->mood);
	rbuf_html(b, r->placement);
	if (report_nz(r->note)[0] != '\0') {
		rbuf_put(b, " · ");
		rbuf_html(b, r->note);
	}
	rbuf_put(b, "</li>\n");
	return 0;
}

static int
html_phase(const struct phase_summary *p, void *arg)
{
	struct rbuf *b = arg;
	struct phase_cells c;

	phase_cells(p, &c);
	rbuf_put(b, "<tr><td>");
	rbuf_html(b, p->label);
	rbuf_printf(b, "</td><td class=\"nw\">%s</td><td class=\"num\">%ld"
	    "</td><td class=\"num nw\">%s</td><td class=\"num nw\">%s</td>"
	    "<td class=\"num nw\">%s</td><td>%s</td></tr>\n", c.days,
	    p->checkins, c.mood, c.anx, c.slp, c.sym);
	return 0;
}

static int
html_measure_line(const char *line, int flagged, void *arg)
{
	struct rbuf *b = arg;

	rbuf_put(b, flagged ? "<li><strong>" : "<li>");
	rbuf_html(b, line);
	rbuf_put(b, flagged ? "</strong></li>\n" : "</li>\n");
	return 0;
}

/* As md_measures_summary. */
static int
html_measures_summary(struct store *s, struct rbuf *b, struct err *e)
{
	long n = 0;

	if (report_measure_summary(s, count_line, &n, e) != 0)
		return -1;
	if (n == 0) {
		rbuf_put(b, "<p class=\"none\">" REPORT_NO_MEASURES "</p>\n");
		return 0;
	}
	rbuf_put(b, "<ul>\n");
	if (report_measure_summary(s, html_measure_line, b, e) != 0)
		return -1;
	rbuf_put(b, "</ul>\n");
	return 0;
}

int
report_summary_html(struct store *s, const struct report_summary *sum,
    struct rbuf *b, struct err *e)
{
	struct open_count o = { b, 1, 0 };
	char *who = report_who(s), *range = report_range(s, sum);
	long nflag = 0;

	rbuf_put(b, "<section id=\"summary\">\n<h2>Summary</h2>\n"
	    "<dl class=\"meta\">\n<dt>from</dt><dd>");
	rbuf_html(b, who);
	rbuf_put(b, "</dd>\n<dt>covers</dt><dd>");
	rbuf_html(b, range);
	rbuf_put(b, "</dd>\n</dl>\n");
	free(who);
	free(range);

	rbuf_put(b, "<div id=\"attention\">\n<h3>To look at first</h3>\n");
	if (sum->flagged > 0) {
		rbuf_put(b, "<p>" REPORT_FLAGGED_ABOUT "</p>\n"
		    "<ul class=\"attention\">\n");
		if (store_checkin_flagged(s, html_flag, b, e) != 0)
			return -1;
		rbuf_put(b, "</ul>\n");
	}
	if (store_measure_flagged(s, count_flagged, &nflag, e) != 0 ||
	    report_html_measures_first(s, b, e) != 0)
		return -1;
	if (sum->flagged == 0 && nflag == 0)
		rbuf_put(b, "<p class=\"none\">" REPORT_NOTHING_FLAGGED
		    "</p>\n");
	rbuf_put(b, "</div>\n<h3>Open agenda items</h3>\n");
	if (sum->agenda_open == 0)
		rbuf_put(b, "<p class=\"none\">Nothing open.</p>\n");
	else {
		rbuf_put(b, "<ul class=\"agenda\">\n");
		if (store_agenda_list(s, open_item, &o, e) != 0)
			return -1;
		rbuf_put(b, "</ul>\n");
	}

	rbuf_put(b, "<h3>Mood, anxiety and sleep by phase</h3>\n");
	if (sum->checkins == 0)
		rbuf_put(b, "<p class=\"none\">No check-ins.</p>\n");
	else {
		rbuf_put(b, "<p>" REPORT_PHASES_ABOUT "</p>\n<table>\n<thead>"
		    "<tr><th>Phase</th><th>Days</th><th class=\"num\">"
		    "Check-ins</th><th class=\"num\">Mood</th><th class=\"num\">"
		    "Anxiety</th><th class=\"num\">Sleep</th><th>Symptoms noted"
		    "</th></tr></thead>\n<tbody>\n");
		if (store_phase_summary(s, html_phase, b, e) != 0)
			return -1;
		rbuf_put(b, "</tbody>\n</table>\n");
	}
	rbuf_put(b, "<h3>Questionnaires</h3>\n");
	if (html_measures_summary(s, b, e) != 0)
		return -1;
	rbuf_put(b, "</section>\n");
	return 0;
}
