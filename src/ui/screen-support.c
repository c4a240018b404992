/*
 * screen-support.c: the person's own safety plan and the people to
 * contact, one key away, and after a hard check-in.
 *
 * It always says first that tend is not an emergency service.  The plan
 * and the contacts are lists of lines kept in the journal's settings
 * "safety_plan" and "crisis_contacts" (one line each, joined with
 * newlines), so every change is one store_meta_set and is saved at once.
 * A line is edited with the one-line field in place: Enter keeps it, Esc
 * leaves it as it was.  When a list is empty the screen explains what
 * goes in it.  In review mode (read-only) the lines are shown, nothing
 * can be changed.
 *
 * Whoever opens the screen may pass a struct support_why (static
 * storage) as the frame's arg: its sentence is shown at the top, to say
 * kindly why the screen appeared; after a yes to the safety question it
 * also offers to put the subject on the agenda (A), once.
 *
 * In a review the lists are the bundle's, and a bundle never carries
 * them: each says "Not included in this export", never that it is empty.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/ui.h"
#include "tend/store.h"

#define SP_LINE_MAX 500         /* bytes in one line */
#define SP_LINES_MAX 200        /* lines in one list */

enum { SP_PLAN, SP_CONTACTS, SP_LISTS };

static const struct {
	const char *key;        /* the journal setting */
	const char *heading, *heading_review;
	const char *empty;      /* what it is for, when it is empty */
} sp_lists[SP_LISTS] = {
	{ "safety_plan", "Your safety plan", "The patient's safety plan",
	  "A safety plan is a short list you write for hard moments, best "
	  "together with your therapist: the signs that a hard time is "
	  "starting, things you can do on your own that help, people and "
	  "places that take your mind off things, and ways to make where "
	  "you are safer. One thing per line is enough; press a to add the "
	  "first line." },
	{ "crisis_contacts", "People to contact",
	  "The patient's people to contact",
	  "The people you can call or write to when things get hard: "
	  "friends or family, your therapist, a doctor, a crisis line near "
	  "you. Add a name and a number on each line, so they are here "
	  "when you need them." },
};

struct sp_list {
	char **line;
	int n;
};

struct support {
	struct sp_list list[SP_LISTS];
	int sel;                /* the chosen line, counting across lists */
	int top;                /* first row shown when scrolled */
	int follow;             /* scroll to the chosen line (after a key);
	                         * before that the top, with the first
	                         * sentences, shows */
	int editing;            /* 0, SP_EDIT or SP_ADD */
	struct field edit;
	int agenda_added;       /* the offer was taken */
};

enum { SP_EDIT = 1, SP_ADD = 2 };

static const struct keydef support_keys[] = {
	/* The way back and help before removing and moving: at 44 columns
	 * the bar has room for four or five. */
	{ ACT_EDIT, { UI_ENTER, 'e' }, "Edit",
	  "Change the chosen line; Enter keeps the change, Esc leaves the "
	  "line as it was.", 1 },
	{ ACT_ADD, { 'a' }, "Add", "Add a line below the chosen one.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	/* Only after a yes to the safety question. */
	{ ACT_AGENDA, { 'A' }, "Add to agenda",
	  "Put the thoughts you noted on your agenda, to talk about at your "
	  "next session.", 1 },
	{ ACT_DELETE, { 'd' }, "Remove",
	  "Remove the chosen line (asks first).", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up", "Choose the line above.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Choose the line below.", 1 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static const char sp_emergency[] =
    "tend is not an emergency service. If you are in danger right now, "
    "call your local emergency number (for example 112 in the EU or 911 "
    "in the US) or go to the nearest emergency department.";

/* ---- the lists ---- */

static void
sp_list_free(struct sp_list *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		vault_wipe(l->line[i], strlen(l->line[i]));
		free(l->line[i]);
	}
	free(l->line);
	l->line = NULL;
	l->n = 0;
}

/* Split the setting's text into its non-empty lines. */
static void
sp_list_load(struct app *a, struct sp_list *l, const char *key)
{
	char *text = store_meta_get(a->store, key), *p, *nl;

	sp_list_free(l);
	if (text == NULL)
		return;
	l->line = xcalloc(SP_LINES_MAX, sizeof *l->line);
	for (p = text; *p != '\0' && l->n < SP_LINES_MAX; p = nl) {
		size_t len;

		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0) {
			l->line[l->n] = xmalloc(len + 1);
			memcpy(l->line[l->n], p, len);
			l->line[l->n++][len] = '\0';
		}
		if (nl == NULL)
			break;
		nl++;
	}
	vault_wipe(text, strlen(text));
	free(text);
}

/* Write list k back to the journal; says so on the message line. */
static int
sp_list_save(struct app *a, struct support *s, int k)
{
	struct sp_list *l = &s->list[k];
	size_t len = 1, o = 0;
	struct err e;
	char *text;
	int i, rc;

	for (i = 0; i < l->n; i++)
		len += strlen(l->line[i]) + 1;
	text = xmalloc(len);
	text[0] = '\0';
	for (i = 0; i < l->n; i++) {
		size_t n = strlen(l->line[i]);

		memcpy(text + o, l->line[i], n);
		o += n;
		if (i + 1 < l->n)
			text[o++] = '\n';
		text[o] = '\0';
	}
	rc = store_meta_set(a->store, sp_lists[k].key, text, &e);
	vault_wipe(text, len);
	free(text);
	if (rc != 0)
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
	else
		ui_message(a, ROLE_GOOD, "Saved.");
	return rc;
}

/* Rows a list offers to choose: its lines, or one placeholder. */
static int
sp_rows(const struct support *s, int k)
{
	return s->list[k].n > 0 ? s->list[k].n : 1;
}

/* The list and line of the chosen row (*line -1: the placeholder). */
static int
sp_where(const struct support *s, int *line)
{
	int k, sel = s->sel;

	for (k = 0; k < SP_LISTS - 1 && sel >= sp_rows(s, k); k++)
		sel -= sp_rows(s, k);
	*line = s->list[k].n > 0 ? sel : -1;
	return k;
}

/* ---- drawing ---- */

/* Wrapped text at layout row *y (drawn only when draw is set, and only
 * within rows [y0, y1) after scrolling by first); *y moves past it. */
static void
sp_text(struct app *a, int draw, int *y, int y0, int y1, int first,
    enum role role, const char *text)
{
	int w = COLS - 4;

	*y += draw ? draw_wrap_clip(a, y0 + *y - first, 2, w, y0, y1, role,
	    text) : draw_wrap_rows(w, text);
}

/*
 * Lay out (or, with draw set, draw) the screen from row top0, scrolled by
 * s->top, within rows [y0, y1).  Returns the rows the whole screen takes;
 * *sel_at and *sel_h get where the chosen line is, in unscrolled rows.
 */
static int
sp_layout(struct app *a, struct frame *f, int draw, int y0, int y1,
    int *sel_at, int *sel_h)
{
	struct support *s = f->data;
	const struct support_why *why = f->arg;
	const char *bullet = draw_glyph(a, "•", "*");
	int w = COLS - 4, y = 0, k, i, row = 0, first = s->top;

	*sel_at = *sel_h = 0;
	if (why != NULL && why->text != NULL)
		sp_text(a, draw, &y, y0, y1, first, ROLE_MESSAGE, why->text);
	if (why != NULL && why->offer_agenda && !a->readonly)
		sp_text(a, draw, &y, y0, y1, first, ROLE_NORMAL,
		    s->agenda_added ? "It is on your agenda for your next "
		    "session." : "To talk about it at your next session, "
		    "press A: it goes on your agenda.");
	if (why != NULL)
		y++;
	sp_text(a, draw, &y, y0, y1, first, ROLE_NORMAL, sp_emergency);
	for (k = 0; k < SP_LISTS; k++) {
		const struct sp_list *l = &s->list[k];

		y++;
		sp_text(a, draw, &y, y0, y1, first, ROLE_HEADING,
		    a->readonly ? sp_lists[k].heading_review :
		    sp_lists[k].heading);
		if (l->n == 0 && !a->readonly)  /* it says how to add */
			sp_text(a, draw, &y, y0, y1, first, ROLE_NORMAL,
			    sp_lists[k].empty);
		for (i = 0; i < sp_rows(s, k); i++, row++) {
			int chosen = row == s->sel, at = y0 + y - first, h;
			char *text;

			if (chosen && s->editing == SP_EDIT) {
				if (draw && at >= y0 && at < y1) {
					draw_text(a, at, 0, 2, ROLE_SELECTED,
					    draw_glyph(a, "▸ ", "> "));
					field_draw(a, &s->edit, at, 2, w);
					getyx(stdscr, a->cursor_y, a->cursor_x);
				}
				*sel_at = y;
				*sel_h = 1;
				y++;
				continue;
			}
			if (l->n == 0)
				text = xstrdup(a->readonly ? "Not included "
				    "in this export: it stays in the "
				    "patient's own journal." :
				    "(empty: press a to add a line)");
			else
				text = xasprintf("%s %s", bullet, l->line[i]);
			h = draw_wrap_rows(w, text);
			if (chosen) {
				*sel_at = y;
				*sel_h = h;
			}
			if (draw) {
				if (chosen && at >= y0 && at < y1)
					draw_text(a, at, 0, 2, ROLE_SELECTED,
					    draw_glyph(a, "▸ ", "> "));
				draw_wrap_clip(a, at, 2, w, y0, y1,
				    chosen ? ROLE_SELECTED : l->n == 0 ?
				    ROLE_DIM : ROLE_NORMAL, text);
			}
			y += h;
			vault_wipe(text, strlen(text));
			free(text);
			if (chosen && s->editing == SP_ADD) {
				if (draw && at + h >= y0 && at + h < y1) {
					draw_text(a, at + h, 0, 2,
					    ROLE_SELECTED, draw_glyph(a, "+ ",
					    "+ "));
					field_draw(a, &s->edit, at + h, 2, w);
					getyx(stdscr, a->cursor_y, a->cursor_x);
				}
				*sel_at = y;
				*sel_h = 1;
				y++;
			}
		}
	}
	return y;
}

static void
support_draw(struct app *a, struct frame *f)
{
	struct support *s = f->data;
	int y0 = ui_body_top() + 1, y1 = ui_body_end() - 1, rows = y1 - y0;
	int at, h, total;

	a->cursor_y = -1;
	total = sp_layout(a, f, 0, y0, y1, &at, &h);
	if (at + h > s->top + rows)
		s->top = at + h - rows;
	if (at < s->top)
		s->top = at;
	if (s->top > total - rows)
		s->top = total - rows;
	if (s->top < 0 || !s->follow)
		s->top = 0;
	sp_layout(a, f, 1, y0, y1, &at, &h);
	if (s->editing)
		draw_text(a, y1, 2, COLS - 4, ROLE_HINT,
		    "Enter keeps this line; Esc leaves it as it was.");
	if (a->cursor_y < 0 && at - s->top >= 0 && y0 + at - s->top < y1)
		ui_focus(a, y0 + at - s->top, 2);      /* the chosen line */
	if (a->cursor_y >= 0)
		move(a->cursor_y, a->cursor_x);
}

/* ---- state ---- */

static void
support_load(struct app *a, struct support *s)
{
	int k, rows = 0;

	for (k = 0; k < SP_LISTS; k++) {
		sp_list_load(a, &s->list[k], sp_lists[k].key);
		rows += sp_rows(s, k);
	}
	if (s->sel >= rows)
		s->sel = rows - 1;
}

static void
support_enter(struct app *a, struct frame *f)
{
	struct support *s = xcalloc(1, sizeof *s);

	field_init(&s->edit, 0, SP_LINE_MAX);
	f->data = s;
	support_load(a, s);
}

static void
support_leave(struct app *a, struct frame *f)
{
	struct support *s = f->data;
	int k;

	(void)a;
	if (s == NULL)
		return;
	for (k = 0; k < SP_LISTS; k++)
		sp_list_free(&s->list[k]);
	field_free(&s->edit);
	free(s);
	f->data = NULL;
}

static int
support_active(struct app *a, struct frame *f, enum action act)
{
	struct support *s = f->data;
	int line;

	if (act == ACT_AGENDA) {
		const struct support_why *why = f->arg;

		return !a->readonly && !s->editing && why != NULL &&
		    why->offer_agenda && !s->agenda_added;
	}
	if (act != ACT_EDIT && act != ACT_ADD && act != ACT_DELETE)
		return 1;
	if (a->readonly || s->editing)
		return 0;
	if (act == ACT_EDIT || act == ACT_DELETE) {
		sp_where(s, &line);
		return line >= 0;
	}
	return 1;
}

/* The offer taken: the thoughts noted today go on the agenda. */
static void
sp_agenda_add(struct app *a, struct support *s, const char *from)
{
	char uuid[STORE_UUID_LEN + 1], day[16], *text;
	time_t now = time(NULL);
	struct tm tm;
	struct err e;

	localtime_r(&now, &tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	text = xasprintf("Talk about my thoughts of hurting myself (my "
	    "%s of %s)", from != NULL ? from : "check-in", day);
	if (store_agenda_add(a->store, text, uuid, &e) != 0)
		ui_message(a, ROLE_WARNING, "Not added: %s.", e.msg);
	else {
		s->agenda_added = 1;
		ui_message(a, ROLE_GOOD, "Added to your agenda.");
	}
	free(text);
}

/* ---- editing ---- */

/* Start editing the chosen line (SP_EDIT) or a new one below it (SP_ADD).
 * A line longer than the field (written elsewhere) is not cut short:
 * it is left as it is, with a word why. */
static void
sp_begin(struct app *a, struct support *s, int how)
{
	int line, k = sp_where(s, &line);

	field_reset(&s->edit);
	if (how == SP_EDIT) {
		const char *t = s->list[k].line[line];
		size_t n = strlen(t);

		if (n > s->edit.max) {
			ui_message(a, ROLE_MESSAGE, "This line is too long to "
			    "change here; it stays as it is.");
			return;
		}
		memcpy(s->edit.buf, t, n + 1);
		s->edit.len = n;
	}
	s->editing = how;
}

/* Enter while editing: keep the text (an empty new line is dropped). */
static void
sp_commit(struct app *a, struct support *s)
{
	int line, k = sp_where(s, &line), i;
	struct sp_list *l = &s->list[k];
	char *text;

	if (s->edit.len == 0) {
		ui_message(a, ROLE_MESSAGE, "Nothing was changed.");
		s->editing = 0;
		return;
	}
	text = xstrdup(s->edit.buf);
	if (s->editing == SP_EDIT) {
		vault_wipe(l->line[line], strlen(l->line[line]));
		free(l->line[line]);
		l->line[line] = text;
	} else if (l->n >= SP_LINES_MAX) {
		ui_message(a, ROLE_WARNING, "This list is full.");
		vault_wipe(text, strlen(text));
		free(text);
		s->editing = 0;
		return;
	} else {
		if (l->line == NULL)
			l->line = xcalloc(SP_LINES_MAX, sizeof *l->line);
		for (i = l->n; i > line + 1; i--)
			l->line[i] = l->line[i - 1];
		l->line[line + 1] = text;
		l->n++;
		if (line >= 0)  /* choose the new line */
			s->sel++;
	}
	s->editing = 0;
	field_reset(&s->edit);
	sp_list_save(a, s, k);
}

static void
sp_remove_answer(struct app *a, void *arg, int yes)
{
	struct support *s = arg;
	int line, k = sp_where(s, &line), i;
	struct sp_list *l = &s->list[k];

	if (!yes || line < 0) {
		ui_message(a, ROLE_MESSAGE, "Nothing was changed.");
		return;
	}
	vault_wipe(l->line[line], strlen(l->line[line]));
	free(l->line[line]);
	for (i = line; i + 1 < l->n; i++)
		l->line[i] = l->line[i + 1];
	l->n--;
	if (line > 0 && line == l->n)
		s->sel--;
	sp_list_save(a, s, k);
}

static int
support_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct support *s = f->data;
	int rows = sp_rows(s, SP_PLAN) + sp_rows(s, SP_CONTACTS);

	s->follow = 1;
	if (s->editing) {
		if (key == UI_ENTER)
			sp_commit(a, s);
		else if (key == UI_ESC) {
			s->editing = 0;
			field_reset(&s->edit);
		} else if (key == UI_KC(KEY_F(1)))
			return UI_PASS;
		else
			field_key(&s->edit, key);
		return UI_DRAW_ALL;
	}
	switch (act) {
	case ACT_AGENDA:
		sp_agenda_add(a, s, ((const struct support_why *)f->arg)->from);
		return UI_DRAW_ALL;
	case ACT_UP:
		if (s->sel > 0)
			s->sel--;
		else
			s->top = 0;
		return UI_DRAW_BODY;
	case ACT_DOWN:
		if (s->sel + 1 < rows)
			s->sel++;
		return UI_DRAW_BODY;
	case ACT_EDIT:
		sp_begin(a, s, SP_EDIT);
		return UI_DRAW_ALL;
	case ACT_ADD:
		sp_begin(a, s, SP_ADD);
		return UI_DRAW_ALL;
	case ACT_DELETE: {
		struct confirm q = {
			.keys_hint = "y: yes, remove it    n: no, keep it",
			.answer = sp_remove_answer,
			.arg = s,
		};
		int line, k = sp_where(s, &line);

		q.question = k == SP_PLAN ?
		    "Remove this line from your safety plan?" :
		    "Remove this line from your contacts?";
		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	default:
		return UI_PASS;
	}
}

static void
support_resize(struct app *a, struct frame *f)
{
	struct support *s = f->data;

	(void)a;
	s->top = 0;
	s->follow = s->editing != 0;
}

const struct screen screen_support = {
	.name = "support",
	.title = "Support",
	.enter = support_enter,
	.draw = support_draw,
	.key = support_key,
	.resize = support_resize,
	.leave = support_leave,
	.active = support_active,
	.keys = support_keys,
	.about = "Your own safety plan and the people you can contact, "
	    "kept encrypted in your journal. tend is not an emergency "
	    "service: if you are in danger right now, call your local "
	    "emergency number. Choose a line with the arrows; Enter "
	    "changes it, a adds a line below it, d removes it. Every change "
	    "is saved at once.",
};
