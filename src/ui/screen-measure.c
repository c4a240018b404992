/*
 * screen-measure.c: taking one questionnaire (PCL-5, PHQ-9, a therapist's
 * own...), from the keyboard, one question at a time.
 *
 * Four pages follow each other: the instructions and time frame with the
 * source; the questions, each with its answers listed; a review of every
 * answer; and, once saved, the score.  A digit answers the question and
 * moves on at once (nothing slow happens between questions, so the 20
 * of the PCL-5 take well under three minutes); the left and right arrows
 * choose an answer and Enter takes it; Up or Backspace goes back to
 * change one.  On the review a digit changes the chosen answer, Space
 * switches whether the answers are shared, Enter or ^S saves.  Esc
 * leaves, asking first when answers would be lost.
 *
 * The frame's arg is the instrument's name (malloc'd; the screen frees
 * it).  Answers are kept in memory only; when the screen closes
 * unfinished (tend locks itself, the terminal goes away) they are kept
 * as an encrypted draft ("measure:NAME") and come back the next time the
 * same questionnaire is opened.
 *
 * An answer that raises a safety flag (PHQ-9's question 9 above 0) opens
 * the support screen at once, as the check-in's safety question does;
 * the answers wait underneath.  A safety flag that only the saved scores
 * show opens it after saving.  The hardware cursor sits on the chosen
 * answer (or row) for screen readers; nothing here redraws on a timer.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/measure.h"
#include "tend/store.h"
#include "tend/timefmt.h"

enum mt_page { MT_INTRO, MT_ITEM, MT_REVIEW, MT_RESULT };

#define MT_UNSET (-1)
#define MT_DRAFT_PREFIX "measure:"

struct mtake {
	char *name;                     /* as asked for */
	struct measure_def *def;        /* NULL: it could not be read */
	int answers[MEASURE_ITEMS_MAX]; /* MT_UNSET: not answered */
	enum mt_page page;
	int item;               /* the question (MT_ITEM) or row (review) */
	int focus;              /* the chosen answer on a question page */
	int top;                /* the review's first row shown */
	int shared;
	int support_shown;      /* the support screen was opened already */
	int changed;            /* an answer was given: leaving asks */
	int done;               /* saved, or left on purpose: no draft */
	/* after saving */
	char uuid[STORE_UUID_LEN + 1];
	struct measure_score score;
	int has_prev, prev_total;
	time_t prev_time;
	struct support_why why;         /* the support screen's, above */
};

/* Shown at the top of the support screen (see screen-support.c). */
static const char mt_why_open[] =
    "Thank you for answering. Here is your plan and the people you can "
    "reach. Your answers wait underneath; Esc takes you back to them.";
static const char mt_why_saved[] =
    "Your answers are saved. Thank you for answering. Here is your plan "
    "and the people you can reach.";

static const struct keydef measure_keys[] = {
	{ ACT_CONFIRM, { UI_ENTER }, "OK",
	  "Begin; take the chosen answer and go on; on the review, save; "
	  "after saving, close.", 1 },
	{ ACT_BACK, { UI_ESC }, "Leave",
	  "Leave the questionnaire (asks first if answers would be lost).",
	  1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)), '?' }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), UI_KC(KEY_BACKSPACE) }, "Before",
	  "Go back to the question before, to change its answer (Backspace "
	  "does the same); on the review, Up chooses the answer above and "
	  "Backspace opens the chosen question.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN) }, "Next",
	  "Go on to the next question once this one has an answer; on the "
	  "review, choose the answer below.", 1 },
	{ ACT_MORE, { UI_KC(KEY_RIGHT), UI_KC(KEY_LEFT) }, "Choose",
	  "Choose another answer: Right the one below, Left the one above; "
	  "Enter takes it.", 1 },
	{ ACT_TOGGLE, { ' ' }, "Share",
	  "On the review: share these answers with your therapist, or keep "
	  "them private.", 1 },
	{ ACT_SAVE, { UI_CTRL('s') }, "Save",
	  "On the review: save the answers.", 1 },
	{ ACT_FIRST, { UI_KC(KEY_HOME) }, "First",
	  "Go to the first question (on the review, the first answer).", 0 },
	{ ACT_LAST, { UI_KC(KEY_END) }, "Last",
	  "Go to the first question without an answer, or the review.", 0 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase; your answers so far are kept for next time.", 0 },
	{ ACT_QUIT, { UI_CTRL('q') }, "Quit",
	  "Leave tend; your answers so far are kept for next time.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* ---- answers ---- */

static int
mt_answered(const struct mtake *m)
{
	int i, n = 0;

	for (i = 0; i < m->def->nitems; i++)
		n += m->answers[i] != MT_UNSET;
	return n;
}

/* The first question without an answer, or -1. */
static int
mt_first_open(const struct mtake *m)
{
	int i;

	for (i = 0; i < m->def->nitems; i++)
		if (m->answers[i] == MT_UNSET)
			return i;
	return -1;
}

/* The label of answer v ("" if the file gives none). */
static const char *
mt_label(const struct measure_def *d, int v)
{
	if (v < 0 || v > MEASURE_SCALE_MAX || d->scale_labels[v] == NULL)
		return "";
	return d->scale_labels[v];
}

/* A digit typed: the answer it stands for, or -1. */
static int
mt_digit(const struct mtake *m, int key)
{
	if (key == 'x' || key == 'X')   /* the Roman ten, as in a check-in */
		key = 10;
	else if (key >= '0' && key <= '9')
		key -= '0';
	else
		return -1;
	return key >= m->def->scale_min && key <= m->def->scale_max ? key : -1;
}

/* "0 to 4", or "0 to 9 (x is 10)" for a scale up to 10. */
static void
mt_range(const struct measure_def *d, char *buf, size_t len)
{
	if (d->scale_max == 10)
		snprintf(buf, len, "%d to 9 (x is 10)", d->scale_min);
	else
		snprintf(buf, len, "%d to %d", d->scale_min, d->scale_max);
}

static int
mt_op_holds(enum measure_op op, int a, int b)
{
	switch (op) {
	case MEASURE_LT: return a < b;
	case MEASURE_LE: return a <= b;
	case MEASURE_EQ: return a == b;
	case MEASURE_GE: return a >= b;
	case MEASURE_GT: return a > b;
	}
	return 0;
}

/* Whether answering item (0-based) with v raises a safety flag that
 * looks at that item alone. */
static int
mt_safety_answer(const struct measure_def *d, int item, int v)
{
	int i;

	for (i = 0; i < d->nflags; i++) {
		const struct measure_flag *fl = &d->flags[i];

		if (fl->safety && fl->on == MEASURE_ON_ITEM &&
		    fl->item == item + 1 && mt_op_holds(fl->op, v, fl->value))
			return 1;
	}
	return 0;
}

/* Show the question (page MT_ITEM) with its answer, or the first one,
 * chosen. */
static void
mt_show_item(struct mtake *m, int item)
{
	m->page = MT_ITEM;
	m->item = item;
	m->focus = m->answers[item] != MT_UNSET ? m->answers[item] :
	    m->def->scale_min;
}

/* The review page, with row item chosen. */
static void
mt_show_review(struct mtake *m, int item)
{
	m->page = MT_REVIEW;
	m->item = item;
}

/* ---- the draft: "ms1 HASH PAGE ITEM SHARED SUPPORT A1 A2 ..." ---- */

static char *
mt_draft_key(const struct mtake *m)
{
	return xasprintf("%s%s", MT_DRAFT_PREFIX, m->def->name);
}

static void
mt_draft_save(struct app *a, const struct mtake *m)
{
	char *key = mt_draft_key(m), *text;
	size_t len = 64 + (size_t)m->def->nitems * 4, o;
	struct err e;
	int i;

	text = xmalloc(len);
	o = (size_t)snprintf(text, len, "ms1 %s %d %d %d %d", m->def->hash,
	    m->page == MT_REVIEW ? MT_REVIEW : MT_ITEM, m->item, m->shared,
	    m->support_shown);
	for (i = 0; i < m->def->nitems && o < len; i++)
		o += (size_t)snprintf(text + o, len - o, " %d", m->answers[i]);
	if (store_draft_save(a->store, key, text, &e) != 0)
		ui_message(a, ROLE_WARNING, "The unfinished answers were not "
		    "kept: %s.", e.msg);
	vault_wipe(text, len);
	free(text);
	free(key);
}

static void
mt_draft_drop(struct app *a, const struct mtake *m)
{
	char *key = mt_draft_key(m), *text = store_draft_get(a->store, key);
	struct err e;

	if (text != NULL) {
		vault_wipe(text, strlen(text));
		free(text);
		if (store_draft_save(a->store, key, NULL, &e) != 0)
			ui_message(a, ROLE_WARNING, "The copy of the unfinished "
			    "answers could not be cleared away: %s.", e.msg);
	}
	free(key);
}

/* Take back a draft made with this very definition; 0 if there was one. */
static int
mt_draft_load(struct app *a, struct mtake *m)
{
	char *key = mt_draft_key(m), *text = store_draft_get(a->store, key);
	char hash[MEASURE_HASH_LEN + 2], *p, *end;
	int v[4], ans[MEASURE_ITEMS_MAX], i, n, ok;

	free(key);
	if (text == NULL)
		return -1;
	ok = sscanf(text, "ms1 %17s %d %d %d %d%n", hash, &v[0], &v[1], &v[2],
	    &v[3], &n) == 5 && strcmp(hash, m->def->hash) == 0 &&
	    (v[0] == MT_ITEM || v[0] == MT_REVIEW) && v[1] >= 0 &&
	    v[1] < m->def->nitems;
	p = text + (ok ? n : 0);
	for (i = 0; ok && i < m->def->nitems; i++) {
		long x = strtol(p, &end, 10);

		ok = end != p && (x == MT_UNSET || (x >= m->def->scale_min &&
		    x <= m->def->scale_max));
		ans[i] = (int)x;
		p = end;
	}
	if (ok) {
		memcpy(m->answers, ans, sizeof ans[0] * (size_t)i);
		m->shared = v[2] != 0;
		/* The support screen shows again after saving, in case. */
		m->changed = 1;
		if (v[0] == MT_REVIEW && mt_first_open(m) < 0)
			mt_show_review(m, v[1]);
		else
			mt_show_item(m, v[1]);
	}
	vault_wipe(text, strlen(text));
	free(text);
	return ok ? 0 : -1;
}

/* ---- the screen's life ---- */

static void
measure_enter(struct app *a, struct frame *f)
{
	struct mtake *m = xcalloc(1, sizeof *m);
	struct err e;
	int i;

	m->name = f->arg;
	f->arg = NULL;
	f->data = m;
	for (i = 0; i < MEASURE_ITEMS_MAX; i++)
		m->answers[i] = MT_UNSET;
	m->page = MT_INTRO;
	if (a->store == NULL || m->name == NULL ||
	    store_measure_get(a->store, m->name, &m->def, &e) != 0) {
		m->def = NULL;
		ui_message(a, ROLE_WARNING, "This questionnaire could not be "
		    "opened: %s.", m->name == NULL ? "none was chosen" : e.msg);
		return;
	}
	m->shared = store_measure_share_default(a->store);
	if (!a->readonly && mt_draft_load(a, m) == 0)
		ui_message(a, ROLE_MESSAGE, "Your unfinished answers are back.");
}

static void
measure_leave(struct app *a, struct frame *f)
{
	struct mtake *m = f->data;

	if (m == NULL)
		return;
	if (m->def != NULL && !a->readonly && a->store != NULL) {
		if (m->done)
			mt_draft_drop(a, m);
		else if (m->changed)
			mt_draft_save(a, m);
	}
	measure_def_free(m->def);
	free(m->name);
	vault_wipe(m, sizeof *m);
	free(m);
	f->data = NULL;
}

/* ---- drawing ---- */

/* Wrapped text from *y (at most up to end); *y moves past it and a blank
 * row when there is room. */
static void
mt_para(struct app *a, int *y, int end, enum role r, const char *text)
{
	if (*y >= end || text == NULL || text[0] == '\0')
		return;
	*y += draw_wrap(a, *y, 2, COLS - 4, end - *y, r, text);
	if (*y < end)
		(*y)++;
}

static void
mt_draw_intro(struct app *a, struct mtake *m, int y, int end)
{
	const struct measure_def *d = m->def;
	char *line;

	line = xasprintf("%s: %s", d->name, d->title);
	mt_para(a, &y, end, ROLE_HEADING, line);
	free(line);
	line = xasprintf("%d questions. Type the number of your answer and "
	    "the next question comes at once.", d->nitems);
	mt_para(a, &y, end, ROLE_NORMAL, line);
	free(line);
	mt_para(a, &y, end, ROLE_NORMAL, d->instructions);
	mt_para(a, &y, end, ROLE_DIM, d->attribution);
	if (y < end) {
		draw_text(a, y, 2, COLS - 4, ROLE_HINT,
		    "Press Enter to begin, or type your first answer.");
		a->cursor_y = y;
		a->cursor_x = 2;
	}
}

/*
 * A question page: a heading, the time frame, the question, its answers
 * and a hint.  The question and every answer come first; what is left
 * goes to the heading, the hint, the time frame (whole or not at all;
 * the intro shows it too) and blank rows between, in that order, so a
 * small window still shows all of the question it can.
 */
static void
mt_draw_item(struct app *a, struct mtake *m, int y, int end)
{
	const struct measure_def *d = m->def;
	const char *tf = d->time_frame != NULL ? d->time_frame : "";
	int nopt = d->scale_max - d->scale_min + 1, v, rows, extra;
	int head = 1, hint = 0, tfrows = 0, gaps;
	char buf[64 + MEASURE_LABEL_MAX * 4];

	rows = draw_wrap_rows(COLS - 4, d->items[m->item]);
	extra = end - y - rows - nopt;
	if (extra < 1) {                /* the blank row at the top too */
		y--;
		extra++;
	}
	if (extra < 1) {                /* no heading, and if need be the
	                                 * question cut short */
		head = 0;
		rows += extra;
		if (rows < 1)
			rows = 1;
		extra = 0;
	} else
		extra--;
	if (extra >= 1) {
		hint = 1;
		extra--;
	}
	if (tf[0] != '\0' && draw_wrap_rows(COLS - 4, tf) <= 2 &&
	    draw_wrap_rows(COLS - 4, tf) <= extra) {
		tfrows = draw_wrap_rows(COLS - 4, tf);
		extra -= tfrows;
	}
	gaps = extra;
	if (head) {
		snprintf(buf, sizeof buf, "%s, question %d of %d", d->name,
		    m->item + 1, d->nitems);
		draw_text(a, y++, 2, COLS - 4, ROLE_HEADING, buf);
	}
	if (tfrows > 0)
		y += draw_wrap(a, y, 2, COLS - 4, tfrows, ROLE_DIM, tf);
	if (gaps-- > 0)
		y++;
	y += draw_wrap(a, y, 2, COLS - 4, rows, ROLE_NORMAL,
	    d->items[m->item]);
	if (gaps-- > 0)
		y++;
	for (v = d->scale_min; v <= d->scale_max && y < end; v++, y++) {
		int chosen = m->answers[m->item] == v, focus = m->focus == v;

		snprintf(buf, sizeof buf, "%s %d  %s", chosen ?
		    draw_glyph(a, "●", "*") : draw_glyph(a, "○", "o"), v,
		    mt_label(d, v));
		if (focus)
			draw_text(a, y, 2, 2, ROLE_SELECTED,
			    draw_glyph(a, "▸ ", "> "));
		draw_text(a, y, 4, COLS - 6, focus ? ROLE_SELECTED :
		    ROLE_NORMAL, buf);
		if (focus) {
			a->cursor_y = y;
			a->cursor_x = 4;
		}
	}
	if (gaps > 0)
		y++;
	if (hint && y < end) {
		char range[32];

		mt_range(d, range, sizeof range);
		snprintf(buf, sizeof buf, "Type %s. Up or Backspace: the "
		    "question before. %d of %d answered.", range,
		    mt_answered(m), d->nitems);
		if (draw_width(buf) > COLS - 4)
			snprintf(buf, sizeof buf, "Type %s. %d of %d answered.",
			    range, mt_answered(m), d->nitems);
		draw_text(a, y, 2, COLS - 4, ROLE_HINT, buf);
	}
}

/* Rows of the review's list at this size. */
static int
mt_review_rows(void)
{
	int n = ui_body_lines() - 4;

	return n > 1 ? n : 1;
}

static void
mt_draw_review(struct app *a, struct mtake *m, int y, int end)
{
	const struct measure_def *d = m->def;
	int rows = mt_review_rows(), i, open = mt_first_open(m);
	int valw = 0, w = COLS - 4;
	char buf[64 + MEASURE_LABEL_MAX * 4];

	if (m->item < m->top)
		m->top = m->item;
	if (m->item >= m->top + rows)
		m->top = m->item - rows + 1;
	draw_text(a, y++, 2, w, ROLE_HEADING, open < 0 ?
	    "Your answers. Check them, then press Enter to save." :
	    "Your answers so far.");
	for (i = d->scale_min; i <= d->scale_max; i++) {
		int lw = draw_width(mt_label(d, i)) + 4;

		if (lw > valw)
			valw = lw;
	}
	if (valw > w / 2)
		valw = w / 2;
	for (i = m->top; i < d->nitems && i < m->top + rows && y < end;
	    i++, y++) {
		int sel = i == m->item;
		enum role r = sel ? ROLE_SELECTED : ROLE_NORMAL;

		snprintf(buf, sizeof buf, "%2d ", i + 1);
		draw_text(a, y, 2, w, r, buf);
		draw_text(a, y, 5, w - 4 - valw, r, d->items[i]);
		if (m->answers[i] == MT_UNSET)
			snprintf(buf, sizeof buf, " -  not answered");
		else
			snprintf(buf, sizeof buf, "%2d  %s", m->answers[i],
			    mt_label(d, m->answers[i]));
		draw_text(a, y, 2 + w - valw, valw, sel ? ROLE_SELECTED :
		    m->answers[i] == MT_UNSET ? ROLE_WARNING : ROLE_NORMAL,
		    buf);
		if (sel) {
			a->cursor_y = y;
			a->cursor_x = 2;
		}
	}
	/* The last two rows of the body (the list stops above them). */
	if (end - 2 > ui_body_top())
		draw_text(a, end - 2, 2, w, ROLE_NORMAL, m->shared ?
		    "Shared with your therapist (Space keeps them private)." :
		    "Private: exports leave them out (Space shares them).");
	if (end - 1 > ui_body_top())
		draw_text(a, end - 1, 2, w, ROLE_HINT, open < 0 ?
		    "A number changes the chosen answer. Enter saves." :
		    "A number answers the chosen question.");
}

/* text as a sentence of its own: a capital first letter and a full
 * stop (the texts of a questionnaire file may start in lower case). */
static void
mt_sentence(struct app *a, int *y, int end, enum role r, const char *text)
{
	size_t n = strlen(text);
	char *t;

	if (*y >= end || n == 0)
		return;
	t = xasprintf("%s%s", text, strchr(".?!", text[n - 1]) != NULL ?
	    "" : ".");
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	*y += draw_wrap(a, *y, 2, COLS - 4, end - *y, r, t);
	free(t);
}

static void
mt_draw_result(struct app *a, struct mtake *m, int y, int end)
{
	const struct measure_def *d = m->def;
	const struct measure_score *sc = &m->score;
	char buf[512];
	int i, o;

	snprintf(buf, sizeof buf, "%s saved. Thank you.", d->name);
	a->cursor_y = y;                /* a screen reader starts here */
	a->cursor_x = 2;
	mt_para(a, &y, end, ROLE_HEADING, buf);
	if (d->multiplier != 1)
		o = snprintf(buf, sizeof buf, "Total %d of %d; %s %d of %d.",
		    sc->total, d->total_max, d->scaled_label[0] != '\0' ?
		    d->scaled_label : "scaled", sc->scaled,
		    d->total_max * d->multiplier);
	else
		o = snprintf(buf, sizeof buf, "Total %d of %d.", sc->total,
		    d->total_max);
	if (sc->band != NULL && sc->band[0] != '\0' && o < (int)sizeof buf)
		snprintf(buf + o, sizeof buf - (size_t)o, " Band: %s.",
		    sc->band);
	mt_sentence(a, &y, end, ROLE_NORMAL, buf);
	for (i = 0; i < sc->nsub && i < d->nsubscales && y < end; i++) {
		const struct measure_subscale *sub = &d->subscales[i];

		snprintf(buf, sizeof buf, "  %s%s%s: %d of %d", sub->name,
		    sub->label[0] != '\0' ? " " : "", sub->label,
		    sc->sub[i].score, sc->sub[i].max);
		y += draw_wrap(a, y, 2, COLS - 4, 1, ROLE_NORMAL, buf);
	}
	if (sc->criterion >= 0 && d->crit_label != NULL && y < end) {
		snprintf(buf, sizeof buf, "%s: %s", d->crit_label,
		    sc->criterion ? "met" : "not met");
		mt_sentence(a, &y, end, ROLE_NORMAL, buf);
	}
	if (sc->cutoff >= 1 && d->has_cutoff) {
		if (d->cut_lo == d->cut_hi)
			o = snprintf(buf, sizeof buf, "The cut-off is %d",
			    d->cut_lo);
		else
			o = snprintf(buf, sizeof buf, "The cut-off range is "
			    "%d-%d", d->cut_lo, d->cut_hi);
		if (d->cut_text != NULL && d->cut_text[0] != '\0' &&
		    o < (int)sizeof buf)
			snprintf(buf + o, sizeof buf - (size_t)o, ": %s",
			    d->cut_text);
		mt_sentence(a, &y, end, ROLE_NORMAL, buf);
	}
	for (i = 0; i < d->nflags && i < 32; i++)
		if ((sc->fired & (1u << i)) && d->flags[i].text != NULL)
			mt_sentence(a, &y, end, ROLE_NORMAL, d->flags[i].text);
	if (y < end)
		y++;
	if (d->nchanges > 0 && m->has_prev && y < end) {
		char change[256], when[32];

		measure_change_text(d, m->prev_total, sc->total, change,
		    sizeof change);
		time_format_local(m->prev_time, when, sizeof when);
		when[10] = '\0';
		snprintf(buf, sizeof buf, "Since your last %s on %s (total "
		    "%d): %s.", d->name, when, m->prev_total, change);
		mt_para(a, &y, end, ROLE_NORMAL, buf);
	} else if (d->nchanges > 0 && y < end)
		mt_para(a, &y, end, ROLE_NORMAL, "This is your first one "
		    "here; the next will show the change.");
	mt_para(a, &y, end, ROLE_DIM, "A questionnaire is not a diagnosis. "
	    "Your therapist can help you read it. Enter or Esc goes back.");
}

static void
measure_draw(struct app *a, struct frame *f)
{
	struct mtake *m = f->data;
	int y = ui_body_top() + 1, end = ui_body_end();

	if (m->def == NULL) {
		draw_wrap(a, y, 2, COLS - 4, end - y, ROLE_NORMAL,
		    "This questionnaire could not be opened. Esc goes back.");
		return;
	}
	switch (m->page) {
	case MT_INTRO:
		mt_draw_intro(a, m, y, end);
		break;
	case MT_ITEM:
		mt_draw_item(a, m, y, end);
		break;
	case MT_REVIEW:
		mt_draw_review(a, m, y, end);
		break;
	case MT_RESULT:
		mt_draw_result(a, m, y, end);
		break;
	}
}

/* ---- saving ---- */

/* Open the support screen over this one, once, saying why; it offers to
 * put the subject on the agenda. */
static void
mt_support(struct app *a, struct mtake *m, const char *why)
{
	m->support_shown = 1;
	m->why.text = why;
	m->why.offer_agenda = 1;
	m->why.from = m->def->name;
	ui_open(a, "support", &m->why);
}

static int
mt_read_back(const struct measure_response *r, void *arg)
{
	struct mtake *m = arg;

	/* r->score points into r->def, gone after the call: the screen
	 * keeps its own, from the same definition. */
	m->has_prev = r->has_prev;
	m->prev_total = r->prev_total;
	m->prev_time = r->prev_time;
	return 0;
}

static int
mt_save(struct app *a, struct mtake *m)
{
	struct err e;
	int open = mt_first_open(m), safety;

	if (open >= 0) {
		mt_show_item(m, open);
		ui_message(a, ROLE_MESSAGE, "Question %d has no answer yet.",
		    open + 1);
		return UI_DRAW_ALL;
	}
	if (store_measure_save(a->store, m->def, m->answers,
	    (size_t)m->def->nitems, m->shared, 0, m->uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
		return UI_DRAW_ALL;
	}
	m->done = 1;
	mt_draft_drop(a, m);
	/* The scores as everything else will show them. */
	if (measure_score(m->def, m->answers, (size_t)m->def->nitems,
	    &m->score, &e) != 0)
		memset(&m->score, 0, sizeof m->score);
	store_measure_response(a->store, m->uuid, mt_read_back, m, &e);
	m->page = MT_RESULT;
	safety = m->score.safety && !m->support_shown;
	ui_message(a, ROLE_GOOD, "Saved. Thank you.");
	if (safety) {
		mt_support(a, m, mt_why_saved);
	}
	return UI_DRAW_ALL;
}

static void
mt_leave_answer(struct app *a, void *arg, int yes)
{
	struct mtake *m = arg;

	if (a->stack[a->depth - 1].data != m)
		return;
	if (yes) {
		m->done = 1;
		ui_pop(a);
	} else
		ui_message(a, ROLE_MESSAGE, "Your answers are still here.");
}

/* ---- keys ---- */

/* Answer the question shown with v and go on: to the next question
 * without an answer (after this one, else from the first), or to the
 * review when every one has an answer. */
static int
mt_answer(struct app *a, struct mtake *m, int v)
{
	int item = m->item, i, next = -1;

	m->answers[item] = v;
	m->changed = 1;
	for (i = item + 1; i < m->def->nitems && next < 0; i++)
		if (m->answers[i] == MT_UNSET)
			next = i;
	if (next < 0)
		next = mt_first_open(m);
	if (next >= 0)
		mt_show_item(m, next);
	else
		mt_show_review(m, 0);
	if (mt_safety_answer(m->def, item, v) && !m->support_shown)
		mt_support(a, m, mt_why_open);
	return UI_DRAW_ALL;
}

static int
mt_key_item(struct app *a, struct mtake *m, enum action act, int key)
{
	const struct measure_def *d = m->def;
	int v = mt_digit(m, key), open;

	if (v >= 0)
		return mt_answer(a, m, v);
	if ((key >= '0' && key <= '9') || key == 'x' || key == 'X') {
		char range[32];

		mt_range(d, range, sizeof range);
		ui_message(a, ROLE_MESSAGE, "The answers here run from %s.",
		    range);
		return UI_DRAW_BARS;
	}
	switch (act) {
	case ACT_CONFIRM:
		return mt_answer(a, m, m->focus);
	case ACT_MORE:
		if (key == UI_KC(KEY_LEFT) && m->focus > d->scale_min)
			m->focus--;
		else if (key != UI_KC(KEY_LEFT) && m->focus < d->scale_max)
			m->focus++;
		return UI_DRAW_BODY;
	case ACT_UP:
		if (m->item > 0)
			mt_show_item(m, m->item - 1);
		else
			m->page = MT_INTRO;
		return UI_DRAW_BODY;
	case ACT_DOWN:
		if (m->answers[m->item] == MT_UNSET) {
			ui_message(a, ROLE_MESSAGE, "This question has no "
			    "answer yet.");
			return UI_DRAW_BARS;
		}
		if (m->item + 1 < d->nitems)
			mt_show_item(m, m->item + 1);
		else
			mt_show_review(m, 0);
		return UI_DRAW_BODY;
	case ACT_FIRST:
		mt_show_item(m, 0);
		return UI_DRAW_BODY;
	case ACT_LAST:
		open = mt_first_open(m);
		if (open >= 0)
			mt_show_item(m, open);
		else
			mt_show_review(m, 0);
		return UI_DRAW_BODY;
	default:
		return UI_PASS;
	}
}

static int
mt_key_review(struct app *a, struct mtake *m, enum action act, int key)
{
	const struct measure_def *d = m->def;
	int v = mt_digit(m, key);

	if (v >= 0) {
		m->answers[m->item] = v;
		m->changed = 1;
		if (mt_safety_answer(d, m->item, v) && !m->support_shown)
			mt_support(a, m, mt_why_open);
		return UI_DRAW_ALL;
	}
	switch (act) {
	case ACT_CONFIRM:
	case ACT_SAVE:
		return mt_save(a, m);
	case ACT_UP:
		/* Backspace opens the chosen question, to read it whole. */
		if (key == UI_KC(KEY_BACKSPACE))
			mt_show_item(m, m->item);
		else if (m->item > 0)
			m->item--;
		return UI_DRAW_BODY;
	case ACT_DOWN:
		if (m->item + 1 < d->nitems)
			m->item++;
		return UI_DRAW_BODY;
	case ACT_FIRST:
		m->item = 0;
		return UI_DRAW_BODY;
	case ACT_LAST:
		m->item = d->nitems - 1;
		return UI_DRAW_BODY;
	case ACT_TOGGLE:
		m->shared = !m->shared;
		m->changed = 1;
		return UI_DRAW_BODY;
	default:
		return UI_PASS;
	}
}

static int
measure_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct mtake *m = f->data;

	if (act == ACT_BACK) {
		static const struct confirm q = {
			.question = "Leave without saving your answers? They "
			    "will be lost.",
			.keys_hint = "y: yes, leave    n: no, stay",
			.answer = mt_leave_answer,
		};
		struct confirm ask = q;

		if (m->def == NULL || m->page == MT_RESULT || !m->changed) {
			m->done = 1;
			ui_pop(a);
			return UI_DRAW_ALL;
		}
		ask.arg = m;
		confirm_ask(a, &ask);
		return UI_DRAW_ALL;
	}
	if (m->def == NULL || a->readonly)
		return UI_PASS;
	switch (m->page) {
	case MT_INTRO:
		if (mt_digit(m, key) >= 0) {
			mt_show_item(m, 0);
			return mt_answer(a, m, mt_digit(m, key));
		}
		if (act == ACT_CONFIRM || act == ACT_DOWN) {
			int open = mt_first_open(m);

			mt_show_item(m, open >= 0 ? open : 0);
			return UI_DRAW_BODY;
		}
		return UI_PASS;
	case MT_ITEM:
		return mt_key_item(a, m, act, key);
	case MT_REVIEW:
		return mt_key_review(a, m, act, key);
	case MT_RESULT:
		if (act == ACT_CONFIRM) {
			ui_pop(a);
			return UI_DRAW_ALL;
		}
		return UI_PASS;
	}
	return UI_PASS;
}

static int
measure_active(struct app *a, struct frame *f, enum action act)
{
	struct mtake *m = f->data;
	enum mt_page p = m->def != NULL ? m->page : MT_RESULT;

	switch (act) {
	case ACT_BACK:
	case ACT_HELP:
	case ACT_LOCK:
	case ACT_QUIT:
		return 1;
	case ACT_CONFIRM:
		return m->def != NULL && !a->readonly;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		return p == MT_ITEM || p == MT_REVIEW;
	case ACT_MORE:
		return p == MT_ITEM;
	case ACT_TOGGLE:
	case ACT_SAVE:
		return p == MT_REVIEW;
	default:
		return 1;
	}
}

const struct screen screen_measure = {
	.name = "measure",
	.title = "Questionnaire",
	.enter = measure_enter,
	.draw = measure_draw,
	.key = measure_key,
	.leave = measure_leave,
	.active = measure_active,
	.keys = measure_keys,
	.about = "One question at a time, each with its answers listed. "
	    "Type the number of your answer and the next question comes at "
	    "once; or choose one with the left and right arrows and press "
	    "Enter. Up or Backspace goes back to change an answer. At the "
	    "end you see every answer again: a number changes the chosen "
	    "one, Space decides whether your therapist sees them, and "
	    "Enter saves. Then the total shows, and for some questionnaires "
	    "how it changed since the last time. If you leave before the "
	    "end, tend asks first; if it locks itself meanwhile, your "
	    "answers are kept for next time.",
};
