/*
 * screen-summary.c: the first page of a review, for the therapist.
 *
 * What the Markdown and HTML reports begin with (report-summary.c), on
 * one scrolling page: who wrote the journal and which days it covers;
 * every check-in to look at first, with its date; the open agenda
 * items; mood, anxiety and sleep per phase of the treatment (mean,
 * lowest-highest) and the symptoms noted in each; the questionnaires.
 * Dense, so that it can be read in under two minutes at 80x24, and calm:
 * numbers and words, never colour alone.
 *
 * The page is a list of paragraphs built once when the screen opens and
 * wiped when it leaves (notes and agenda items are the patient's words).
 * One paragraph has the focus: the hardware cursor sits at its start
 * (screen readers follow it) and a small mark shows it; the arrows move
 * it, Tab jumps to the next heading.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/measure.h"
#include "tend/report.h"
#include "tend/share.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"
#include "tend/vault.h"

#define SUMMARY_INDENT 2        /* columns of the focus mark */

struct para {
	char *text;
	enum role role;
	int heading;
	int table;              /* a table row: clipped, never wrapped */
};

struct summary {
	struct para *p;
	int n, cap;
	int cur;                /* the paragraph with the focus */
	int top;                /* the first row shown */
};

static const struct keydef summary_keys[] = {
	{ ACT_NEXT_FIELD, { '\t' }, "Next part",
	  "Go to the next part of the summary.", 1 },
	{ ACT_PREV_FIELD, { UI_KC(KEY_BTAB) }, "Previous part",
	  "Go to the part of the summary before this one.", 0 },
	{ ACT_INFO, { 'i' }, "Check-ins",
	  "Every check-in as a table, and who signed this export.", 1 },
	{ ACT_CHART, { 'g' }, "Chart",
	  "Mood, anxiety and sleep over time, with the sessions marked.", 1 },
	{ ACT_BACK, { UI_ESC, 'q', UI_ENTER }, "Timeline",
	  "Go to the timeline of entries and check-ins.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_LOCK, { 'L' }, "Close",
	  "Close the review at once; it opens again only with your "
	  "passphrase.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up", "Go to the line above.", 0 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Go to the line below.", 0 },
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE) }, "Page up", "Scroll up a page.",
	  0 },
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE), ' ' }, "Page down",
	  "Scroll down a page.", 0 },
	{ ACT_FIRST, { UI_KC(KEY_HOME) }, "Top", "Go to the top.", 0 },
	{ ACT_LAST, { UI_KC(KEY_END) }, "End", "Go to the end.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* ---- building the page ---- */

static void
add(struct summary *s, enum role r, char *text)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->p = xrealloc(s->p, (size_t)s->cap * sizeof *s->p);
	}
	s->p[s->n].text = text;
	s->p[s->n].role = r;
	s->p[s->n].heading = r == ROLE_HEADING;
	s->p[s->n].table = 0;
	s->n++;
}

static void
add_row(struct summary *s, enum role r, char *text)
{
	add(s, r, text);
	s->p[s->n - 1].table = 1;
}

static void
blank(struct summary *s)
{
	add(s, ROLE_NORMAL, xstrdup(""));
}

/* Who sent it, in the words the sender screen uses. */
static char *
summary_who(struct app *a)
{
	const struct share_sender *sd = a->sender;
	char alias[SHARE_NAME_BYTES];
	char *fpr = store_meta_get(a->store, "export_fingerprint"), *out;
	char *raw = store_meta_get(a->store, "export_alias");

	snprintf(alias, sizeof alias, "%s", raw != NULL ? raw : "");
	utf8_clean(alias, 0, SHARE_NAME_MAX);
	free(raw);
	if (sd != NULL && sd->from == SHARE_FROM_KNOWN)
		out = xasprintf("From %s (known)%s%s%s, fingerprint %s",
		    sd->name, alias[0] != '\0' ? ", named \"" : "", alias,
		    alias[0] != '\0' ? "\"" : "", sd->fpr);
	else if (sd != NULL && sd->from == SHARE_FROM_CHANGED)
		out = xasprintf("From \"%s\", fingerprint %s: not signed by "
		    "the journal of your patient %s", alias, sd->fpr,
		    sd->name);
	else if (sd != NULL)
		out = xasprintf("From %s%s%s, fingerprint %s: not one of your "
		    "known patients", alias[0] != '\0' ? "\"" :
		    "a journal without a name", alias, alias[0] != '\0' ?
		    "\"" : "", sd->fpr);
	else
		out = xasprintf("From %s%s%s, fingerprint %s",
		    alias[0] != '\0' ? "\"" : "a journal without a name",
		    alias, alias[0] != '\0' ? "\"" : "",
		    fpr != NULL && fpr[0] != '\0' ? fpr : "unknown");
	free(fpr);
	return out;
}

static int
flag_row(const struct checkin *c, void *arg)
{
	struct summary *s = arg;
	char when[32], why[64], *t;
	int f = store_checkin_flags(c);

	time_format_iso(c->time, c->time_off, when, sizeof when);
	if ((t = strchr(when, 'T')) != NULL)
		*t = ' ';
	snprintf(why, sizeof why, "%s%s%s", f & CHECKIN_FLAG_SAFETY ?
	    "safety question: yes" : "", f == (CHECKIN_FLAG_SAFETY |
	    CHECKIN_FLAG_LOW_MOOD) ? "; " : "", f & CHECKIN_FLAG_LOW_MOOD ?
	    "low mood" : "");
	add(s, ROLE_MOOD_LOW, xasprintf("%.16s  %s, mood %d, %s%s%s", when,
	    why, c->mood, c->placement != NULL ? c->placement : "",
	    c->note != NULL && c->note[0] != '\0' ? ": " : "",
	    c->note != NULL ? c->note : ""));
	return 0;
}

static int
agenda_row(const struct agenda_item *it, void *arg)
{
	struct app *a = ((void **)arg)[0];
	struct summary *s = ((void **)arg)[1];

	if (it->done)
		return 0;
	add(s, ROLE_NORMAL, xasprintf("%s %s", draw_glyph(a, "•", "-"),
	    it->text));
	return 0;
}

/* "2026-01-05" and "2026-01-18" as "01-05..01-18". */
static void
phase_days(const struct phase_summary *p, char *buf, size_t n)
{
	const char *f = strlen(p->first_day) >= 10 ? p->first_day + 5 :
	    p->first_day;
	const char *l = strlen(p->last_day) >= 10 ? p->last_day + 5 :
	    p->last_day;

	if (strcmp(p->first_day, p->last_day) == 0)
		snprintf(buf, n, "%s", f);
	else
		snprintf(buf, n, "%s..%s", f, l);
}

static int
phase_row(const struct phase_summary *p, void *arg)
{
	struct summary *s = arg;
	char days[32], mood[24], anx[24], slp[24];

	phase_days(p, days, sizeof days);
	report_scale_text(&p->mood, mood, sizeof mood);
	report_scale_text(&p->anxiety, anx, sizeof anx);
	report_scale_text(&p->sleep, slp, sizeof slp);
	add_row(s, p->mood.min != CHECKIN_UNSET && p->mood.min <=
	    STORE_MOOD_LOW ? ROLE_MOOD_LOW : ROLE_NORMAL, xasprintf(
	    "%-24.24s %-12s %3ld %-11s %-11s %s", p->label, days, p->checkins,
	    mood, anx, slp));
	return 0;
}

static int
symptom_row(const struct phase_summary *p, void *arg)
{
	struct summary *s = arg;
	char sym[200];

	report_phase_symptoms(p, sym, sizeof sym);
	add(s, ROLE_NORMAL, xasprintf("%s: %s", p->label, sym[0] != '\0' ?
	    sym : "none"));
	return 0;
}

/* A questionnaire answer with a flag (PHQ-9 item 9 above 0, say). */
static int
measure_flag_row(const struct measure_response *r, void *arg)
{
	struct summary *s = arg;
	char when[32], *t, flags[400];
	size_t used = 0;
	int i;

	if (r->def == NULL)
		return 0;
	time_format_iso(r->time, r->time_off, when, sizeof when);
	if ((t = strchr(when, 'T')) != NULL)
		*t = ' ';
	flags[0] = '\0';
	for (i = 0; i < r->def->nflags && used < sizeof flags; i++)
		if (r->score.fired & (1U << i))
			used += (size_t)snprintf(flags + used, sizeof flags - used,
			    "%s%s", used ? "; " : "", r->def->flags[i].text);
	add(s, ROLE_MOOD_LOW, xasprintf("%.16s  %s%s: %s, %s", when,
	    r->score.safety ? "safety: " : "", r->name, flags,
	    r->placement != NULL ? r->placement : ""));
	return 0;
}

static int
measure_line(const char *line, int flagged, void *arg)
{
	add(arg, flagged ? ROLE_MOOD_LOW : ROLE_NORMAL, xstrdup(line));
	return 0;
}

/* The questionnaires: the latest score of each, its band, the change
 * from the one before and the first, and any flag. */
static void
summary_measures(struct app *a, struct summary *s)
{
	long before = s->n;
	struct err e;

	if (report_measure_summary(a->store, measure_line, s, &e) != 0)
		add(s, ROLE_WARNING, xasprintf("The questionnaires could not "
		    "be read: %s.", e.msg));
	else if (s->n == before)
		add(s, ROLE_DIM, xstrdup(REPORT_NO_MEASURES));
}

static void
summary_build(struct app *a, struct summary *s)
{
	struct report_summary sum;
	struct err e;
	char *who, *range;
	long before;
	void *pair[2] = { a, s };

	if (report_summarize(a->store, &sum, &e) != 0) {
		add(s, ROLE_WARNING, xasprintf("This export could not be read: "
		    "%s.", e.msg));
		return;
	}
	who = summary_who(a);
	range = report_range(a->store, &sum);
	add(s, a->sender != NULL && a->sender->from != SHARE_FROM_KNOWN ?
	    ROLE_WARNING : ROLE_NORMAL, who);
	add(s, ROLE_NORMAL, xasprintf("Covers %s", range));
	free(range);
	add(s, ROLE_DIM, xasprintf("%ld check-in%s, %ld entr%s, %ld "
	    "session%s; %s", sum.checkins, sum.checkins == 1 ? "" : "s",
	    sum.entries, sum.entries == 1 ? "y" : "ies", sum.sessions,
	    sum.sessions == 1 ? "" : "s", sum.private_entries +
	    sum.private_checkins > 0 ? "also what was not marked to share" :
	    "only what the patient marked to share"));
	blank(s);

	before = s->n;
	add(s, ROLE_HEADING, xstrdup("To look at first"));
	if (store_checkin_flagged(a->store, flag_row, s, &e) != 0 ||
	    store_measure_flagged(a->store, measure_flag_row, s, &e) != 0)
		add(s, ROLE_WARNING, xasprintf("The check-ins could not be "
		    "read: %s.", e.msg));
	else if (s->n == before + 1)
		add(s, ROLE_DIM, xstrdup("No check-in here has a yes to the "
		    "safety question or a mood of 2 or lower."));
	blank(s);

	before = s->n;
	add(s, ROLE_HEADING, xstrdup("Open agenda items"));
	if (store_agenda_list(a->store, agenda_row, pair, &e) != 0)
		add(s, ROLE_WARNING, xasprintf("The agenda could not be read: "
		    "%s.", e.msg));
	else if (s->n == before + 1)
		add(s, ROLE_DIM, xstrdup("Nothing open."));
	blank(s);

	add(s, ROLE_HEADING, xstrdup("Mood, anxiety and sleep by phase"));
	if (sum.checkins == 0)
		add(s, ROLE_DIM, xstrdup("No check-ins."));
	else {
		add(s, ROLE_HINT, xstrdup("Mean (lowest-highest), 0-10; higher "
		    "is a better mood, stronger anxiety, better sleep."));
		add_row(s, ROLE_DIM, xasprintf("%-24s %-12s %3s %-11s %-11s %s",
		    "Phase", "Days", "N", "Mood", "Anxiety", "Sleep"));
		if (store_phase_summary(a->store, phase_row, s, &e) != 0)
			add(s, ROLE_WARNING, xasprintf("The phases could not be "
			    "read: %s.", e.msg));
		blank(s);
		add(s, ROLE_HEADING, xstrdup("Symptoms noted, by phase"));
		add(s, ROLE_HINT, xstrdup("How many check-ins noted each."));
		if (store_phase_summary(a->store, symptom_row, s, &e) != 0)
			add(s, ROLE_WARNING, xasprintf("The phases could not be "
			    "read: %s.", e.msg));
	}
	blank(s);

	add(s, ROLE_HEADING, xstrdup("Questionnaires"));
	summary_measures(a, s);
}

/* ---- layout ---- */

static int
para_width(void)
{
	return COLS - SUMMARY_INDENT - 1;
}

static int
para_rows(const struct para *p)
{
	int r;

	if (p->table || p->text[0] == '\0')
		return 1;
	r = draw_wrap_rows(para_width(), p->text);
	return r > 0 ? r : 1;
}

/* The first row of paragraph i, and the rows of all of them. */
static int
para_start(const struct summary *s, int i)
{
	int k, row = 0;

	for (k = 0; k < i && k < s->n; k++)
		row += para_rows(&s->p[k]);
	return row;
}

/* Scroll so that the focused paragraph shows (its first row at least). */
static void
summary_show_cur(struct summary *s)
{
	int start = para_start(s, s->cur), rows = para_rows(&s->p[s->cur]);
	int lines = ui_body_lines(), total = para_start(s, s->n);

	if (rows > lines)
		rows = lines;
	if (start < s->top)
		s->top = start;
	if (start + rows > s->top + lines)
		s->top = start + rows - lines;
	if (s->top > total - lines)
		s->top = total - lines;
	if (s->top < 0)
		s->top = 0;
	if (start < s->top)
		s->top = start;
}

static int
focusable(const struct para *p)
{
	return p->text[0] != '\0';
}

/* The next paragraph in direction dir that can have the focus (and is a
 * heading, when headings), or -1. */
static int
summary_next(const struct summary *s, int from, int dir, int headings)
{
	int i;

	for (i = from + dir; i >= 0 && i < s->n; i += dir)
		if (focusable(&s->p[i]) && (!headings || s->p[i].heading))
			return i;
	return -1;
}

/* The paragraph on row (of the page), or the last one. */
static int
summary_at_row(const struct summary *s, int row)
{
	int i, r = 0;

	for (i = 0; i < s->n; i++) {
		r += para_rows(&s->p[i]);
		if (r > row)
			return i;
	}
	return s->n - 1;
}

/* ---- the screen ---- */

static void
summary_enter(struct app *a, struct frame *f)
{
	struct summary *s = xcalloc(1, sizeof *s);

	f->data = s;
	summary_build(a, s);
	s->cur = summary_next(s, -1, 1, 0);
	if (s->cur < 0)
		s->cur = 0;
}

static void
summary_leave(struct app *a, struct frame *f)
{
	struct summary *s = f->data;
	int i;

	(void)a;
	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		vault_wipe(s->p[i].text, strlen(s->p[i].text));
		free(s->p[i].text);
	}
	free(s->p);
	free(s);
	f->data = NULL;
}

static void
summary_draw(struct app *a, struct frame *f)
{
	struct summary *s = f->data;
	int first = ui_body_top(), last = ui_body_end(), i, row = 0;
	int w = para_width();

	if (s->n == 0)
		return;
	summary_show_cur(s);
	for (i = 0; i < s->n && row - s->top < last - first; i++) {
		const struct para *p = &s->p[i];
		int rows = para_rows(p), y = first + row - s->top;

		if (row + rows > s->top) {
			if (p->table && y >= first)
				draw_text(a, y, SUMMARY_INDENT, w, p->role,
				    p->text);
			else if (!p->table)
				draw_wrap_clip(a, y, SUMMARY_INDENT, w, first,
				    last, p->role, p->text);
			if (i == s->cur && y >= first) {
				draw_text(a, y, 0, 1, ROLE_KEY,
				    draw_glyph(a, "›", ">"));
				a->cursor_y = y;
				a->cursor_x = SUMMARY_INDENT;
			}
		}
		row += rows;
	}
}

static int
summary_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct summary *s = f->data;
	int page = ui_body_lines() > 1 ? ui_body_lines() - 1 : 1;
	int to, top = s->top;

	(void)key;
	switch (act) {
	case ACT_INFO:
		ui_open(a, "bundle", NULL);
		return UI_DRAW_ALL;
	case ACT_CHART:
		ui_open(a, "chart", NULL);
		return UI_DRAW_ALL;
	case ACT_UP:
	case ACT_DOWN:
		to = summary_next(s, s->cur, act == ACT_UP ? -1 : 1, 0);
		break;
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		to = summary_next(s, s->cur, act == ACT_PREV_FIELD ? -1 : 1, 1);
		if (act == ACT_NEXT_FIELD && to >= 0) {
			/* Show the part below its heading, not only the
			 * heading at the bottom row. */
			s->top = para_start(s, to);
		}
		break;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		s->top += act == ACT_PAGE_UP ? -page : page;
		if (s->top < 0)
			s->top = 0;
		to = summary_at_row(s, s->top);
		if (!focusable(&s->p[to]))
			to = summary_next(s, to, 1, 0);
		break;
	case ACT_FIRST:
		to = summary_next(s, -1, 1, 0);
		s->top = 0;
		break;
	case ACT_LAST:
		to = summary_next(s, s->n, -1, 0);
		break;
	default:
		return UI_PASS;
	}
	if (to < 0 || (to == s->cur && top == s->top))
		return UI_NOTHING;
	s->cur = to;
	return UI_DRAW_BODY;
}

/* Open a review: the timeline below, the summary on top. */
void
summary_open_review(struct app *a)
{
	ui_push(a, &screen_home, NULL);
	ui_push(a, &screen_summary, NULL);
}

const struct screen screen_summary = {
	.name = "summary",
	.title = "Summary",
	.enter = summary_enter,
	.draw = summary_draw,
	.key = summary_key,
	.leave = summary_leave,
	.keys = summary_keys,
	.about = "The first page of a review: who wrote the journal and the "
	    "days it covers, every check-in to look at first (a yes to the "
	    "safety question, a mood of 2 or lower) with its date, the open "
	    "agenda items, mood, anxiety and sleep in each phase of the "
	    "treatment (mean, with the lowest and highest), the symptoms "
	    "noted in each phase, and the questionnaires. Phases follow the "
	    "sessions: before the first session, preparation, after each "
	    "medicine session. Press i for every check-in as a table, Enter "
	    "or Esc for the timeline, and i on the timeline brings you back "
	    "here.",
};
