/*
 * screen-measures.c: the questionnaires that can be taken (the built-in
 * ones, then those a therapist's file added), each with when it was last
 * taken, its total then, and whether it is due; Enter takes the chosen
 * one (screen-measure.c).
 *
 * Above the list, a line says the chosen one's reminder schedule (see
 * due.h; Settings changes it).  In a review nothing can be taken.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/due.h"
#include "ui/ui.h"
#include "tend/measure.h"
#include "tend/store.h"
#include "tend/timefmt.h"

struct mrow {
	char *name, *title;
	int nitems;
	time_t last;            /* 0: never taken */
	int total, total_max, scored;
	const struct due *due;  /* into the screen's due state, or NULL */
	struct due_rule rule;
};

struct measures {
	struct rows rows;
	struct due_state due;
};

static const struct keydef measures_keys[] = {
	{ ACT_OPEN, { UI_ENTER }, "Take",
	  "Answer the chosen questionnaire.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_SETTINGS, { 'o' }, "Reminders",
	  "Change when tend reminds you of each questionnaire (Settings).",
	  1 },
	KEYS_LIST_MOVES("Choose the questionnaire above.",
	    "Choose the questionnaire below.",
	    "A page up.", "A page down.",
	    "Choose the first questionnaire.",
	    "Choose the last questionnaire."),
	KEYS_LOCK,
	KEYS_QUIT,
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
mrow_wipe(void *row)
{
	struct mrow *r = row;

	free(r->name);
	free(r->title);
}

static int
measures_add(const struct measure_def *d, void *arg)
{
	struct measures *ms = arg;
	struct mrow *r = rows_add(&ms->rows);

	r->name = xstrdup(d->name);
	r->title = xstrdup(d->title);
	r->nitems = d->nitems;
	r->total_max = d->total_max;
	return 0;
}

static int
measures_last(const struct measure_response *resp, void *arg)
{
	struct measures *ms = arg;
	size_t i;

	for (i = 0; i < ms->rows.n; i++) {
		struct mrow *r = rows_at(&ms->rows, i);

		if (strcmp(r->name, resp->name) != 0 || resp->time < r->last)
			continue;
		r->last = resp->time;
		r->scored = resp->def != NULL;
		r->total = resp->score.total;
	}
	return 0;
}

static void
measures_load(struct app *a, struct measures *ms)
{
	struct err e;
	size_t i;

	rows_clear(&ms->rows);
	due_state_free(&ms->due);
	if (store_measure_list(a->store, measures_add, ms, &e) != 0 ||
	    store_measure_responses(a->store, NULL, 0, 0, measures_last, ms,
	    &e) != 0)
		ui_message(a, ROLE_WARNING, "The questionnaires could not be "
		    "read: %s.", e.msg);
	if (!a->readonly && due_state_load(a->store, time(NULL), &ms->due,
	    &e) != 0)
		memset(&ms->due, 0, sizeof ms->due);
	for (i = 0; i < ms->rows.n; i++) {
		struct mrow *r = rows_at(&ms->rows, i);

		r->due = due_state_find(&ms->due, r->name);
		due_rule_load(a->store, r->name, &r->rule);
	}
	rows_reload(&ms->rows);
}

static void
measures_row(struct app *a, void *owner, long long id, int y, int x,
    int width, int selected)
{
	struct measures *ms = owner;
	const struct mrow *r = rows_at(&ms->rows, (size_t)id);
	enum role role = selected ? ROLE_SELECTED : ROLE_NORMAL;
	const char *due = r->due != NULL ? "  due" : "     ";
	char right[64];
	int rw, end = x + width;

	if (r->last == 0)
		snprintf(right, sizeof right, "not taken yet%s", due);
	else {
		char when[32];

		time_format_local(r->last, when, sizeof when);
		when[10] = '\0';
		if (r->scored)
			snprintf(right, sizeof right, "%s: %d of %d%s", when,
			    r->total, r->total_max, due);
		else
			snprintf(right, sizeof right, "%s%s", when, due);
	}
	rw = draw_width(right);
	/* The name in 8 columns, the title between it and the right. */
	draw_text(a, y, x + 1, 8, role, r->name);
	if (x + 10 < end - rw - 1) {
		draw_text(a, y, x + 10, end - rw - 2 - (x + 10), selected ?
		    role : ROLE_DIM, r->title);
		draw_text(a, y, end - rw - 1, rw, r->due != NULL && !selected ?
		    ROLE_MESSAGE : role, right);
	}
	if (selected) {
		a->cursor_y = y;
		a->cursor_x = x + 1;
	}
}

static void
measures_enter(struct app *a, struct frame *f)
{
	struct measures *ms = xcalloc(1, sizeof *ms);

	rows_init(&ms->rows, sizeof(struct mrow), mrow_wipe, measures_row, ms);
	f->data = ms;
	measures_load(a, ms);
}

static void
measures_leave(struct app *a, struct frame *f)
{
	struct measures *ms = f->data;

	(void)a;
	rows_free(&ms->rows);
	due_state_free(&ms->due);
	free(ms);
	f->data = NULL;
}

static void
measures_resume(struct app *a, struct frame *f)
{
	measures_load(a, f->data);
}

static void
measures_resize(struct app *a, struct frame *f)
{
	struct measures *ms = f->data;

	(void)a;
	rows_reload(&ms->rows);
}

/* The chosen row's reminder schedule, as a sentence. */
static void
measures_schedule(const struct mrow *r, char *buf, size_t len)
{
	char every[48] = "";

	if (r->rule.every_weeks > 0)
		snprintf(every, sizeof every, "every %d week%s",
		    r->rule.every_weeks, r->rule.every_weeks == 1 ? "" : "s");
	if (r->rule.every_weeks > 0 && r->rule.treatment)
		snprintf(buf, len, "%s: reminders %s, at the start and a week "
		    "after each medicine session.", r->name, every);
	else if (r->rule.treatment)
		snprintf(buf, len, "%s: reminders at the start and a week "
		    "after each medicine session.", r->name);
	else if (r->rule.every_weeks > 0)
		snprintf(buf, len, "%s: reminders %s.", r->name, every);
	else
		snprintf(buf, len, "%s: no reminders (o changes that).",
		    r->name);
}

static void
measures_draw(struct app *a, struct frame *f)
{
	struct measures *ms = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, end = ui_body_end();
	long long sel = list_selected(&ms->rows.list);
	const struct mrow *r;
	char line[256];

	draw_text(a, y, 2, w, ROLE_HEADING, "Questionnaires");
	if (ms->rows.n == 0) {
		draw_wrap(a, y + 2, 2, w, end - y - 2, ROLE_NORMAL,
		    "No questionnaire could be read.");
		return;
	}
	draw_text(a, y + 1, 2, w, ROLE_HINT, a->readonly ?
	    "When each was last taken, and its total then." :
	    "Enter takes the chosen one; it takes a few minutes.");
	rows_draw(a, &ms->rows);
	if (sel == LIST_NONE)
		return;
	/* Below the list: the chosen one's reminders. */
	r = rows_at(&ms->rows, (size_t)sel);
	y = rows_top() + ms->rows.list.n + 1;
	if (a->readonly || y >= end)
		return;
	measures_schedule(r, line, sizeof line);
	y += draw_wrap(a, y, 2, w, end - y, ROLE_NORMAL, line);
	if (r->due != NULL && y < end) {
		due_text(r->due, 1, ms->due.in, line, sizeof line);
		draw_wrap(a, y, 2, w, end - y, ROLE_MESSAGE, line);
	}
}

static int
measures_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct measures *ms = f->data;
	long long sel = list_selected(&ms->rows.list);
	char *name;

	(void)key;
	switch (act) {
	case ACT_OPEN:
		if (sel == LIST_NONE)
			return UI_NOTHING;
		name = xstrdup(((const struct mrow *)rows_at(&ms->rows,
		    (size_t)sel))->name);
		if (ui_open(a, "measure", name) != 0)
			free(name);
		return UI_DRAW_ALL;
	case ACT_SETTINGS:
		ui_open(a, "settings", NULL);
		return UI_DRAW_ALL;
	default:
		return rows_key(&ms->rows, act);
	}
}

static int
measures_active(struct app *a, struct frame *f, enum action act)
{
	struct measures *ms = f->data;

	if (act == ACT_OPEN)
		return !a->readonly && ms->rows.n > 0;
	if (act == ACT_SETTINGS)
		return !a->readonly;
	return 1;
}

const struct screen screen_measures = {
	.name = "measures",
	.title = "Questionnaires",
	.enter = measures_enter,
	.draw = measures_draw,
	.key = measures_key,
	.resize = measures_resize,
	.leave = measures_leave,
	.resume = measures_resume,
	.active = measures_active,
	.keys = measures_keys,
	.about = "Standard questionnaires your therapist may ask for, and any "
	    "your therapist added: PCL-5 about PTSD symptoms, PHQ-9 about "
	    "low mood, GAD-7 about worry and anxiety, WHO-5 about "
	    "wellbeing. Each row says when you last took it and its total "
	    "then; \"due\" marks one tend reminds you of. Enter takes the "
	    "chosen one; o changes the reminders.",
};
