/*
 * screen-checkin.c: a quick check-in, meant to take under half a minute
 * from the keyboard.
 *
 * The rows, top to bottom: five 0-10 scales (mood, which is needed, then
 * anxiety, sleep quality, energy, feeling connected), hours slept, one row
 * per symptom, a one-line note, whether it is shared, and a question about
 * thoughts of self-harm.  A digit sets the chosen scale and moves to the
 * next row, x sets 10 (the Roman ten), Backspace leaves a scale out; the
 * arrows change it by one.  Enter moves on and saves on the last row; ^S
 * saves from anywhere.  A scale left out is stored as "not answered",
 * never as a made-up middle value.
 *
 * After saving, a mood of 2 or lower opens the support screen with a
 * short line saying why.  Answering yes to the safety question saves the
 * check-in and opens the support screen at once (if no mood is chosen yet
 * the support screen opens anyway and the check-in waits underneath).
 *
 * A check-in closed without saving or leaving on purpose (tend locked
 * itself, the terminal went away) is kept as an encrypted draft and comes
 * back the next time the screen opens.
 *
 * The safety answer is kept with the check-in (not answered, no, yes).
 * A shared check-in goes to the therapist with its answer, and the screen
 * says so beside the Share row and on the question's hint.  Whether a new
 * check-in starts shared is the journal's setting "share check-ins by
 * default" (on; see the settings screen), the same one `tend checkin`
 * follows; a private one stays out of exports unless the patient asks
 * for private items too.  After a yes the support screen offers to put
 * it on the agenda.
 *
 * Opened with a check-in's UUID as its arg (malloc'd; the screen frees
 * it), the form is that check-in, filled in, and saving changes it in
 * place (its time stays).  Changes not saved when tend locks are kept as
 * a draft of their own (CK_DRAFT ":UUID") and come back the next time
 * that check-in is opened to change; leaving on purpose asks first.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/store.h"
#include "tend/timefmt.h"

#define CK_SCALES 5
#define CK_SYMPTOMS_MAX 16
#define CK_NOTE_MAX 500
#define CK_LABEL_W 20           /* the label column */
#define CK_LABEL_NARROW 12      /* the same below CK_WIDE columns */
#define CK_WIDE 64
#define CK_LOW_MOOD 2           /* at or below: show the support screen */

struct ck_scale {
	const char *label, *narrow;     /* narrow: in a narrow window */
	const char *low, *high;         /* what 0 and 10 mean */
};

static const struct ck_scale ck_scales[CK_SCALES] = {
	{ "Mood", "Mood", "very low", "very good" },
	{ "Anxiety", "Anxiety", "calm", "very anxious" },
	{ "Sleep quality", "Sleep", "very poor", "very good" },
	{ "Energy", "Energy", "none", "plenty" },
	{ "Feeling connected", "Connected", "cut off", "very connected" },
};

/* How each symptom in store_symptoms[] reads on screen. */
static const struct {
	const char *name, *label;
} ck_symptom_labels[] = {
	{ "nightmares", "Nightmares" },
	{ "flashbacks", "Intrusive memories or flashbacks" },
	{ "avoidance", "Avoiding reminders" },
	{ "on-edge", "On edge" },
	{ "numbness", "Feeling numb" },
	{ "concentration", "Trouble concentrating" },
	{ "irritability", "Irritable" },
};

enum ck_kind { CK_SCALE, CK_HOURS, CK_SYMPTOM, CK_NOTE, CK_SHARE, CK_SAFETY };

enum { CK_UNANSWERED = -1, CK_NO = 0, CK_YES = 1 };

#define CK_DRAFT "checkin"      /* the key of an unfinished check-in */
#define CK_DRAFT_KEY_MAX (sizeof CK_DRAFT + STORE_UUID_LEN + 2)

struct checkin_state {
	int scale[CK_SCALES];   /* 0-10 or CHECKIN_UNSET */
	char hours[8];          /* as typed, "" when left out */
	int nsym;
	int sym[CK_SYMPTOMS_MAX];
	struct field note;
	int shared;
	int safety;             /* CK_UNANSWERED, CK_NO, CK_YES */
	int focus;              /* the chosen row (an item number) */
	int top;                /* first line shown when scrolled */
	int changed;
	int done;               /* saved, or left on purpose: no draft */
	char *uuid;             /* the check-in changed (NULL: a new one) */
	char draft[CK_DRAFT_KEY_MAX];   /* CK_DRAFT, or CK_DRAFT ":UUID" */
	char when[32];          /* its time, "2026-11-26 14:05" */
};


/* Shown at the top of the support screen (see screen-support.c). */
static const struct support_why ck_why_low = {
	"Your check-in is saved. You noted a low mood, so your safety plan "
	"is here in case it helps. Esc takes you back.", 0, NULL,
};
static const struct support_why ck_why_safety = {
	"Your check-in is saved. Thank you for saying so. Here is your plan "
	"and the people you can reach.", 1, NULL,
};
static const struct support_why ck_why_safety_open = {
	"Thank you for saying so. Here is your plan and the people you can "
	"reach. Your check-in waits underneath; Esc takes you back to it.",
	1, NULL,
};

static const struct keydef checkin_keys[] = {
	/* Saving, the way back and help first: at 44 columns the bar has
	 * room for little more. */
	{ ACT_SAVE, { UI_CTRL('s') }, "Save",
	  "Save the check-in now. Only the mood is needed.", 1 },
	{ ACT_BACK, { UI_ESC }, "Back",
	  "Leave without saving (asks first if you chose anything).", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)), '?' }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), UI_KC(KEY_BTAB) }, "Up",
	  "Go to the row above (Shift-Tab does the same).", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), '\t' }, "Down",
	  "Go to the row below (Tab does the same).", 1 },
	{ ACT_LESS, { UI_KC(KEY_LEFT), '-' }, "Less",
	  "Lower the chosen scale by one, or the hours slept by half an "
	  "hour; on Share, switch it.", 1 },
	{ ACT_MORE, { UI_KC(KEY_RIGHT), '+' }, "More",
	  "Raise the chosen scale by one, or the hours slept by half an "
	  "hour; on Share, switch it.", 1 },
	{ ACT_TOGGLE, { ' ' }, "Mark",
	  "Mark or unmark the chosen symptom, or switch sharing.", 1 },
	{ ACT_FIRST, { UI_KC(KEY_HOME) }, "First",
	  "Go to the first row, the mood.", 0 },
	{ ACT_LAST, { UI_KC(KEY_END) }, "Last",
	  "Go to the last row, the question about hurting yourself.", 0 },
	{ ACT_NEXT_FIELD, { UI_ENTER }, "Next",
	  "Go on to the next row; on the last row, save.", 0 },
	{ ACT_CLEAR, { UI_KC(KEY_BACKSPACE), UI_KC(KEY_DC) }, "Clear",
	  "Leave the chosen scale or the hours out (not answered).", 0 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase; an unfinished check-in is kept for next time "
	  "(on the note row, L is just a letter).", 0 },
	{ ACT_QUIT, { UI_CTRL('q') }, "Quit",
	  "Leave tend; an unfinished check-in is kept for next time.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* ---- rows ---- */

static int
ck_items(const struct checkin_state *s)
{
	return CK_SCALES + 1 + s->nsym + 3;
}

/* What item i is; *idx gets its number within its kind. */
static enum ck_kind
ck_item(const struct checkin_state *s, int i, int *idx)
{
	*idx = 0;
	if (i < CK_SCALES) {
		*idx = i;
		return CK_SCALE;
	}
	i -= CK_SCALES;
	if (i == 0)
		return CK_HOURS;
	i--;
	if (i < s->nsym) {
		*idx = i;
		return CK_SYMPTOM;
	}
	i -= s->nsym;
	return i == 0 ? CK_NOTE : i == 1 ? CK_SHARE : CK_SAFETY;
}

/*
 * The lines of the form, top to bottom: each is an item number, or -1 for
 * a blank line, or -2 for the heading.  Returns the count (lines must
 * hold ck_items() + 6).
 */
static int
ck_lines(const struct checkin_state *s, int *lines)
{
	int n = 0, i, idx;
	enum ck_kind prev = CK_SCALE;

	lines[n++] = -1;
	lines[n++] = -2;
	for (i = 0; i < ck_items(s); i++) {
		enum ck_kind k = ck_item(s, i, &idx);

		if ((k == CK_SYMPTOM && prev != CK_SYMPTOM) ||
		    (k == CK_NOTE && prev != CK_NOTE))
			lines[n++] = -1;
		lines[n++] = i;
		prev = k;
	}
	return n;
}

static const char *
ck_symptom_label(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof ck_symptom_labels / sizeof ck_symptom_labels[0];
	    i++)
		if (strcmp(ck_symptom_labels[i].name, name) == 0)
			return ck_symptom_labels[i].label;
	return name;
}

/* The hours typed, or CHECKIN_UNSET; -2 if what is typed is no number. */
static double
ck_hours_value(const struct checkin_state *s)
{
	char *end;
	double h;

	if (s->hours[0] == '\0')
		return CHECKIN_UNSET;
	h = strtod(s->hours, &end);
	if (*end != '\0' || h < 0 || h > 24)
		return -2;
	return h;
}

/* ---- drawing ---- */

static void
ck_draw_scale(struct app *a, int v, int y, int x, int width)
{
	char buf[128];
	size_t o = 0;
	int i;

	for (i = 1; i <= 10; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s",
		    i <= v ? draw_glyph(a, "█", "#") :
		    draw_glyph(a, "░", "."));
	if (v == CHECKIN_UNSET)
		snprintf(buf + o, sizeof buf - o, "   %s", draw_glyph(a, "–",
		    "-"));
	else
		snprintf(buf + o, sizeof buf - o, "  %2d", v);
	draw_text(a, y, x, width, v == CHECKIN_UNSET ? ROLE_DIM :
	    ROLE_NORMAL, buf);
}

static void
ck_draw_item(struct app *a, struct checkin_state *s, int i, int y)
{
	int wide = COLS >= CK_WIDE, idx, focused = i == s->focus;
	int lw = wide ? CK_LABEL_W : CK_LABEL_NARROW, x = 2 + lw;
	int w = COLS - x - 1;
	enum ck_kind k = ck_item(s, i, &idx);
	const char *label = "";
	char buf[256];

	draw_text(a, y, 0, 2, focused ? ROLE_SELECTED : ROLE_NORMAL,
	    focused ? draw_glyph(a, "▸ ", "> ") : "  ");
	if (focused)            /* a field below moves it to its end */
		ui_focus(a, y, 2);
	switch (k) {
	case CK_SCALE:
		label = wide ? ck_scales[idx].label : ck_scales[idx].narrow;
		ck_draw_scale(a, s->scale[idx], y, x, w);
		if (idx == 0 && s->scale[0] == CHECKIN_UNSET)
			draw_text(a, y, x + 16, w - 16, ROLE_HINT, " (needed)");
		break;
	case CK_HOURS:
		label = wide ? "Hours slept" : "Hours";
		if (s->hours[0] == '\0')
			draw_text(a, y, x, w, ROLE_DIM, draw_glyph(a, "–", "-"));
		else {
			snprintf(buf, sizeof buf, "%s h", s->hours);
			draw_text(a, y, x, w, ROLE_NORMAL, buf);
		}
		if (focused) {
			a->cursor_y = y;
			a->cursor_x = x + (int)strlen(s->hours);
		}
		break;
	case CK_SYMPTOM:
		label = idx == 0 ? "Symptoms" : "";
		snprintf(buf, sizeof buf, "[%s] %s", s->sym[idx] ? "x" : " ",
		    ck_symptom_label(store_symptoms[idx]));
		draw_text(a, y, x, w, s->sym[idx] ? ROLE_MESSAGE : ROLE_NORMAL,
		    buf);
		break;
	case CK_NOTE:
		label = "Note";
		if (focused) {
			field_draw(a, &s->note, y, x, w);
			getyx(stdscr, a->cursor_y, a->cursor_x);
		} else if (s->note.len == 0)
			draw_text(a, y, x, w, ROLE_DIM, "(optional)");
		else
			draw_text(a, y, x, w, ROLE_NORMAL, s->note.buf);
		break;
	case CK_SHARE:
		label = "Share";
		draw_text(a, y, x, w, s->shared ? ROLE_SHARED : ROLE_PRIVATE,
		    s->shared ? (wide ? "[x] shared with your therapist, with "
		    "the answer below" : "[x] shared") : "[ ] private");
		break;
	case CK_SAFETY:
		snprintf(buf, sizeof buf, "%s  (%s) no   (%s) yes", wide ?
		    "Any thoughts of hurting yourself?" :
		    "Thoughts of self-harm?",
		    s->safety == CK_NO ? draw_glyph(a, "•", "*") : " ",
		    s->safety == CK_YES ? draw_glyph(a, "•", "*") : " ");
		draw_text(a, y, 2, COLS - 3, focused ? ROLE_SELECTED :
		    ROLE_NORMAL, buf);
		return;
	}
	draw_text(a, y, 2, lw - 1, focused ? ROLE_SELECTED :
	    ROLE_NORMAL, label);
}

/* The hint for the chosen row, into buf. */
static void
ck_hint(const struct checkin_state *s, char *buf, size_t len)
{
	int idx;

	switch (ck_item(s, s->focus, &idx)) {
	case CK_SCALE:
		snprintf(buf, len, "0 %s, 10 %s. Type 0-9 (x is 10) or use "
		    "the arrows.", ck_scales[idx].low, ck_scales[idx].high);
		break;
	case CK_HOURS:
		snprintf(buf, len, "Type the hours (7 or 6.5), or use the "
		    "arrows for half hours.");
		break;
	case CK_SYMPTOM:
		snprintf(buf, len, "Space marks it, or unmarks it.");
		break;
	case CK_NOTE:
		snprintf(buf, len, "A few words, if you like. Enter goes on.");
		break;
	case CK_SHARE:
		snprintf(buf, len, "%s", s->shared ?
		    "Your therapist sees this check-in, with all its answers, "
		    "in your next export. Space makes it private." :
		    "Private: exports leave it out unless you include "
		    "private items. Space shares it.");
		break;
	case CK_SAFETY:
		/* Whether the therapist will see the answer, always; in a
		 * narrow window in fewer words, so it fits in three rows. */
		if (COLS >= CK_WIDE)
			snprintf(buf, len, "n for no, y for yes. Either is "
			    "fine; yes opens your safety plan. %sEnter saves.",
			    s->shared ? "It is shared, so your therapist will "
			    "see your answer. " : "It is private: exports leave "
			    "it out unless you include private items. ");
		else
			snprintf(buf, len, "n: no, y: yes (it opens your safety "
			    "plan). %s Enter saves.", s->shared ? "Your "
			    "therapist will see it." : "Private: it stays out "
			    "of exports.");
		break;
	}
}

/* Scroll so the chosen row shows in rows lines of the form. */
static void
ck_scroll(struct checkin_state *s, const int *lines, int n, int rows)
{
	int i, at = 0;

	for (i = 0; i < n; i++)
		if (lines[i] == s->focus)
			at = i;
	if (at < s->top)
		s->top = at;
	if (at >= s->top + rows)
		s->top = at - rows + 1;
	if (s->top > n - rows)
		s->top = n - rows;
	if (s->top < 0 || s->focus == 0)
		s->top = 0;
}

static void
checkin_draw(struct app *a, struct frame *f)
{
	struct checkin_state *s = f->data;
	int lines[CK_SCALES + CK_SYMPTOMS_MAX + 16], n, i, y;
	int top = ui_body_top(), rows = ui_body_end() - top - 1, hrows;
	char hint[256];

	a->cursor_y = -1;
	if (a->readonly) {
		draw_wrap(a, top + 1, 2, COLS - 4, rows, ROLE_NORMAL,
		    "Check-ins are written in the journal they belong to; "
		    "a review cannot add one. Esc goes back.");
		return;
	}
	/* The hint is read whole (it says what y does on the safety row):
	 * in a narrow window it takes up to three rows from the form. */
	ck_hint(s, hint, sizeof hint);
	hrows = draw_wrap_rows(COLS - 3, hint);
	hrows = hrows < 1 ? 1 : hrows > 3 ? 3 : hrows;
	rows = ui_body_end() - top - hrows;
	n = ck_lines(s, lines);
	ck_scroll(s, lines, n, rows);
	for (i = s->top, y = top; i < n && y < top + rows; i++, y++) {
		if (lines[i] == -2 && s->uuid != NULL) {
			char head[80];

			snprintf(head, sizeof head, "Your check-in of %s",
			    s->when);
			draw_text(a, y, 2, COLS - 4, ROLE_HEADING, head);
		} else if (lines[i] == -2)
			draw_text(a, y, 2, COLS - 4, ROLE_HEADING,
			    "How are you right now?");
		else if (lines[i] >= 0)
			ck_draw_item(a, s, lines[i], y);
	}
	draw_wrap(a, top + rows, 2, COLS - 3, hrows, ROLE_HINT, hint);
	if (a->cursor_y >= 0)
		move(a->cursor_y, a->cursor_x);
}

/* ---- state ---- */

/*
 * An unfinished check-in is kept as a draft (encrypted in the journal,
 * like the editor's) when the screen closes without saving: when tend
 * locks itself, or the terminal goes away.  One line of numbers, then
 * the note:
 *   "ck1 MOOD ANX SLEEP ENERGY CONN SHARED SAFETY FOCUS HOURS SYMPTOMS"
 * with -1 for a scale left out, "-" for no hours, symptoms as 0s and 1s.
 */
static void
ck_draft_save(struct app *a, const struct checkin_state *s)
{
	char sym[CK_SYMPTOMS_MAX + 1], *text;
	struct err e;
	int i;

	for (i = 0; i < s->nsym; i++)
		sym[i] = s->sym[i] ? '1' : '0';
	sym[i] = '\0';
	text = xasprintf("ck1 %d %d %d %d %d %d %d %d %s %s\n%s",
	    s->scale[0], s->scale[1], s->scale[2], s->scale[3], s->scale[4],
	    s->shared, s->safety, s->focus,
	    s->hours[0] != '\0' ? s->hours : "-", sym, s->note.buf);
	if (store_draft_save(a->store, s->draft, text, &e) != 0)
		ui_message(a, ROLE_WARNING, "The unfinished check-in was not "
		    "kept: %s.", e.msg);
	vault_wipe(text, strlen(text));
	free(text);
}

/* Take back a draft; 0 if there was a sound one. */
static int
ck_draft_load(struct app *a, struct checkin_state *s)
{
	char *text = store_draft_get(a->store, s->draft), *nl;
	char hours[sizeof s->hours], sym[CK_SYMPTOMS_MAX + 1];
	int v[8], i, ok;

	if (text == NULL)
		return -1;
	nl = strchr(text, '\n');
	ok = nl != NULL && sscanf(text, "ck1 %d %d %d %d %d %d %d %d %7s %16s",
	    &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], hours,
	    sym) == 10 && (int)strlen(sym) == s->nsym;
	for (i = 0; ok && i < CK_SCALES; i++)
		ok = v[i] == CHECKIN_UNSET || (v[i] >= 0 && v[i] <= 10);
	if (ok && v[6] >= CK_UNANSWERED && v[6] <= CK_YES && v[7] >= 0 &&
	    v[7] < ck_items(s)) {
		for (i = 0; i < CK_SCALES; i++)
			s->scale[i] = v[i];
		s->shared = v[5] != 0;
		s->safety = v[6];
		s->focus = v[7];
		snprintf(s->hours, sizeof s->hours, "%s",
		    strcmp(hours, "-") == 0 ? "" : hours);
		if (ck_hours_value(s) == -2)
			s->hours[0] = '\0';
		for (i = 0; i < s->nsym; i++)
			s->sym[i] = sym[i] == '1';
		nl++;
		if (strlen(nl) <= s->note.max) {
			s->note.len = strlen(nl);
			memcpy(s->note.buf, nl, s->note.len + 1);
		}
		s->changed = 1;
	} else
		ok = 0;
	vault_wipe(text, strlen(text));
	free(text);
	return ok ? 0 : -1;
}

static int
ck_fill(const struct checkin *c, void *arg)
{
	struct checkin_state *s = arg;
	char quoted[40];
	int i;

	s->scale[0] = c->mood;
	s->scale[1] = c->anxiety;
	s->scale[2] = c->sleep;
	s->scale[3] = c->energy;
	s->scale[4] = c->connection;
	if (c->sleep_hours != CHECKIN_UNSET) {
		char h[32];     /* 0-24 by the store's rule: "6.5", "7" */

		snprintf(h, sizeof h, "%g", c->sleep_hours);
		snprintf(s->hours, sizeof s->hours, "%.7s", h);
		if (ck_hours_value(s) == -2)
			s->hours[0] = '\0';
	}
	for (i = 0; i < s->nsym; i++) {
		snprintf(quoted, sizeof quoted, "\"%s\"", store_symptoms[i]);
		s->sym[i] = c->symptoms != NULL &&
		    strstr(c->symptoms, quoted) != NULL;
	}
	if (c->note != NULL && strlen(c->note) <= s->note.max) {
		s->note.len = strlen(c->note);
		memcpy(s->note.buf, c->note, s->note.len + 1);
	}
	s->shared = c->shared;
	s->safety = c->safety == CHECKIN_SAFETY_YES ? CK_YES :
	    c->safety == CHECKIN_SAFETY_NO ? CK_NO : CK_UNANSWERED;
	time_format_local(c->time, s->when, sizeof s->when);
	return 0;
}

static void
checkin_enter(struct app *a, struct frame *f)
{
	struct checkin_state *s = xcalloc(1, sizeof *s);
	int i;

	for (i = 0; i < CK_SCALES; i++)
		s->scale[i] = CHECKIN_UNSET;
	while (s->nsym < CK_SYMPTOMS_MAX && store_symptoms[s->nsym] != NULL)
		s->nsym++;
	field_init(&s->note, 0, CK_NOTE_MAX);
	/* The journal's setting, which `tend checkin` follows too. */
	s->shared = a->store != NULL && !a->readonly ?
	    store_checkin_share_default(a->store) : 1;
	s->safety = CK_UNANSWERED;
	snprintf(s->draft, sizeof s->draft, "%s", CK_DRAFT);
	f->data = s;
	if (f->arg != NULL && a->store != NULL) {
		struct err e;

		s->uuid = f->arg;
		f->arg = NULL;
		if (store_checkin_get(a->store, s->uuid, ck_fill, s, &e) != 0 ||
		    s->when[0] == '\0') {
			/* Gone meanwhile: the form makes a new one. */
			free(s->uuid);
			s->uuid = NULL;
			ui_message(a, ROLE_MESSAGE, "That check-in is no longer "
			    "in your journal; this is a new one.");
			return;
		}
		snprintf(s->draft, sizeof s->draft, "%s:%s", CK_DRAFT,
		    s->uuid);
		if (!a->readonly && ck_draft_load(a, s) == 0)
			ui_message(a, ROLE_MESSAGE, "Your unsaved changes to "
			    "this check-in are back.");
		return;
	}
	if (!a->readonly && a->store != NULL && ck_draft_load(a, s) == 0)
		ui_message(a, ROLE_MESSAGE, "Your unfinished check-in is back.");
}

static void
checkin_leave(struct app *a, struct frame *f)
{
	struct checkin_state *s = f->data;
	struct err e;

	if (s == NULL)
		return;
	if (!a->readonly && a->store != NULL) {
		if (s->done) {
			if (store_draft_save(a->store, s->draft, NULL, &e) != 0)
				ui_message(a, ROLE_WARNING, "The copy of the "
				    "unfinished check-in could not be cleared "
				    "away: %s.", e.msg);
		} else if (s->changed)
			ck_draft_save(a, s);
	}
	free(s->uuid);
	field_free(&s->note);
	vault_wipe(s, sizeof *s);
	free(s);
	f->data = NULL;
}

static int
checkin_active(struct app *a, struct frame *f, enum action act)
{
	(void)f;
	return !a->readonly || act == ACT_BACK || act == ACT_HELP ||
	    act == ACT_LOCK || act == ACT_QUIT;
}

/* ---- saving ---- */

/* Save; 0 if saved.  Says what went wrong on the message line. */
static int
ck_save(struct app *a, struct checkin_state *s)
{
	const char *symptoms[CK_SYMPTOMS_MAX];
	struct checkin_new n;
	char uuid[STORE_UUID_LEN + 1];
	struct err e;
	int i;

	if (s->scale[0] == CHECKIN_UNSET) {
		s->focus = 0;
		ui_message(a, ROLE_MESSAGE, "Choose your mood first (0-10); "
		    "the rest is up to you.");
		return -1;
	}
	memset(&n, 0, sizeof n);
	n.mood = s->scale[0];
	n.anxiety = s->scale[1];
	n.sleep = s->scale[2];
	n.energy = s->scale[3];
	n.connection = s->scale[4];
	n.sleep_hours = ck_hours_value(s);
	if (n.sleep_hours == -2) {
		s->focus = CK_SCALES;
		ui_message(a, ROLE_MESSAGE, "Hours slept: a number from 0 to "
		    "24, like 7 or 6.5.");
		return -1;
	}
	for (i = 0; i < s->nsym; i++)
		if (s->sym[i])
			symptoms[n.nsymptoms++] = store_symptoms[i];
	n.symptoms = symptoms;
	n.note = s->note.len > 0 ? s->note.buf : NULL;
	n.shared = s->shared;
	n.safety = s->safety == CK_YES ? CHECKIN_SAFETY_YES :
	    s->safety == CK_NO ? CHECKIN_SAFETY_NO : CHECKIN_SAFETY_UNANSWERED;
	if (s->uuid != NULL ? store_checkin_update(a->store, s->uuid, &n,
	    &e) != 0 : store_checkin_add(a->store, &n, uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
		return -1;
	}
	return 0;
}

/* Save, leave, and show the support screen when it may help. */
static int
ck_save_and_go(struct app *a, struct checkin_state *s)
{
	int low, safety, edit = s->uuid != NULL;

	if (ck_save(a, s) != 0)
		return UI_DRAW_ALL;
	low = s->scale[0] <= CK_LOW_MOOD;
	safety = s->safety == CK_YES;
	s->done = 1;
	ui_pop(a);              /* s is gone now */
	if (safety)
		ui_open(a, "support", (void *)&ck_why_safety);
	else if (low)
		ui_open(a, "support", (void *)&ck_why_low);
	else if (a->message[0] == '\0')       /* leave may have said more */
		ui_message(a, ROLE_GOOD, edit ? "Check-in changed." :
		    "Check-in saved. Thank you.");
	return UI_DRAW_ALL;
}

static void
ck_leave_answer(struct app *a, void *arg, int yes)
{
	struct checkin_state *s = arg;

	if (yes) {
		s->done = 1;
		ui_pop(a);
	}
	else
		ui_message(a, ROLE_MESSAGE, "Your check-in is still here.");
}

/* ---- keys ---- */

static void
ck_move(struct checkin_state *s, int dir)
{
	int n = ck_items(s);

	s->focus += dir;
	if (s->focus < 0)
		s->focus = 0;
	if (s->focus >= n)
		s->focus = n - 1;
}

/* Change the hours by half hours. */
static void
ck_hours_step(struct checkin_state *s, int dir)
{
	double h = ck_hours_value(s);

	if (h == CHECKIN_UNSET || h == -2)
		h = dir > 0 ? 7 : 8;    /* start from a common night */
	h = (double)(long)(h * 2 + 0.5) / 2 + dir * 0.5;
	if (h < 0)
		h = 0;
	if (h > 24)
		h = 24;
	if (h == (double)(long)h)
		snprintf(s->hours, sizeof s->hours, "%ld", (long)h);
	else
		snprintf(s->hours, sizeof s->hours, "%.1f", h);
}

/* A typed character on the hours row: digits and one point. */
static int
ck_hours_type(struct checkin_state *s, int key)
{
	size_t len = strlen(s->hours);
	char old[sizeof s->hours];

	if (key == UI_KC(KEY_BACKSPACE)) {
		if (len > 0)
			s->hours[len - 1] = '\0';
		return 1;
	}
	if (!((key >= '0' && key <= '9') || key == '.' || key == ','))
		return 0;
	if (key == ',')
		key = '.';
	if (len + 1 >= sizeof s->hours || (key == '.' &&
	    strchr(s->hours, '.') != NULL)) {
		beep();
		return 1;
	}
	memcpy(old, s->hours, sizeof old);
	s->hours[len] = (char)key;
	s->hours[len + 1] = '\0';
	if (key != '.' && ck_hours_value(s) == -2) {
		memcpy(s->hours, old, sizeof old);
		beep();
	}
	return 1;
}

/* The safety question answered yes: save and show the plan at once. */
static int
ck_safety_yes(struct app *a, struct checkin_state *s)
{
	s->safety = CK_YES;
	s->changed = 1;
	if (s->scale[0] != CHECKIN_UNSET && ck_hours_value(s) != -2)
		return ck_save_and_go(a, s);
	ui_open(a, "support", (void *)&ck_why_safety_open);
	return UI_DRAW_ALL;
}

/* Something was chosen: leaving now asks first. */
static int
ck_changed(struct checkin_state *s)
{
	s->changed = 1;
	return UI_DRAW_BODY;
}

static int
ck_key_item(struct app *a, struct checkin_state *s, enum action act,
    int key)
{
	int idx;
	enum ck_kind k = ck_item(s, s->focus, &idx);

	switch (k) {
	case CK_SCALE:
		if ((key >= '0' && key <= '9') || key == 'x' || key == 'X') {
			s->scale[idx] = key >= '0' && key <= '9' ? key - '0' :
			    10;
			ck_move(s, 1);
			return ck_changed(s);
		}
		if (act == ACT_LESS || act == ACT_MORE) {
			int v = s->scale[idx];

			if (v == CHECKIN_UNSET)
				v = 5;
			else
				v += act == ACT_MORE ? 1 : -1;
			s->scale[idx] = v < 0 ? 0 : v > 10 ? 10 : v;
			return ck_changed(s);
		}
		if (act == ACT_CLEAR) {
			s->scale[idx] = CHECKIN_UNSET;
			return ck_changed(s);
		}
		break;
	case CK_HOURS:
		if (act == ACT_LESS || act == ACT_MORE) {
			ck_hours_step(s, act == ACT_MORE ? 1 : -1);
			return ck_changed(s);
		}
		if (key == UI_KC(KEY_DC)) {
			s->hours[0] = '\0';
			return ck_changed(s);
		}
		if (ck_hours_type(s, key))
			return ck_changed(s);
		break;
	case CK_SYMPTOM:
		if (act == ACT_TOGGLE || key == 'x' || key == 'X') {
			s->sym[idx] = !s->sym[idx];
			return ck_changed(s);
		}
		break;
	case CK_NOTE:
		if (field_key(&s->note, key))
			return ck_changed(s);
		break;
	case CK_SHARE:
		if (act == ACT_TOGGLE || act == ACT_LESS || act == ACT_MORE) {
			s->shared = !s->shared;
			return ck_changed(s);
		}
		if (key == 'y' || key == 'n') {
			s->shared = key == 'y';
			return ck_changed(s);
		}
		break;
	case CK_SAFETY:
		/* Only y answers yes (it acts at once); no arrow or Space
		 * does it by accident. */
		if (key == 'y' || key == 'Y')
			return ck_safety_yes(a, s);
		if (key == 'n' || key == 'N') {
			s->safety = CK_NO;
			return ck_changed(s);
		}
		break;
	}
	return -1;
}

static int
checkin_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct checkin_state *s = f->data;
	int r;

	if (a->readonly)
		return UI_PASS;
	/* Typing in the note: every character is text, even ? and q. */
	if (ck_item(s, s->focus, &r) == CK_NOTE && !(key & UI_KEYCODE) &&
	    key >= ' ' && key != 127) {
		field_key(&s->note, key);
		s->changed = 1;
		return UI_DRAW_BODY;
	}
	switch (act) {
	case ACT_UP:
		ck_move(s, -1);
		return UI_DRAW_BODY;
	case ACT_DOWN:
		ck_move(s, 1);
		return UI_DRAW_BODY;
	case ACT_FIRST:
		s->focus = 0;
		return UI_DRAW_BODY;
	case ACT_LAST:
		s->focus = ck_items(s) - 1;
		return UI_DRAW_BODY;
	case ACT_NEXT_FIELD:
		if (s->focus == ck_items(s) - 1)
			return ck_save_and_go(a, s);
		ck_move(s, 1);
		return UI_DRAW_BODY;
	case ACT_SAVE:
		return ck_save_and_go(a, s);
	case ACT_BACK:
		if (s->changed) {
			const struct confirm q = {
				.question = s->uuid != NULL ? "Leave without "
				    "saving your changes? The check-in stays as "
				    "it was." : "Leave without saving this "
				    "check-in? What you chose here will not "
				    "be kept.",
				.keys_hint = "y: yes, leave    n: no, stay",
				.answer = ck_leave_answer,
				.arg = s,
			};

			confirm_ask(a, &q);
			return UI_DRAW_ALL;
		}
		return UI_PASS;
	case ACT_HELP:
	case ACT_LOCK:
	case ACT_QUIT:
		return UI_PASS;
	default:
		break;
	}
	/* After ck_key_item s may be gone (saved and left). */
	r = ck_key_item(a, s, act, key);
	return r < 0 ? UI_NOTHING : r;
}

const struct screen screen_checkin = {
	.name = "checkin",
	.title = "Check-in",
	.enter = checkin_enter,
	.draw = checkin_draw,
	.key = checkin_key,
	.leave = checkin_leave,
	.active = checkin_active,
	.keys = checkin_keys,
	.about = "A quick check-in: how you are right now. Only the mood is "
	    "needed. On a scale, type a digit from 0 to 9 (or x for 10) and "
	    "tend moves to the next row, or use the left and right arrows; "
	    "Backspace leaves a scale out. Space marks a symptom. Enter "
	    "moves on, and on the last row saves; Ctrl-S saves from "
	    "anywhere. If you say yes to the question about hurting "
	    "yourself, your check-in is saved and your safety plan opens "
	    "straight away; there, A puts it on your agenda if you like. A "
	    "check-in marked shared goes to your therapist in your next "
	    "export with all its answers, that one too; a private one stays "
	    "out. Whether new check-ins start shared is a setting (o on the "
	    "home screen). If tend locks before you save, the check-in is "
	    "kept and comes back next time.",
};
