/*
 * screen-sessions.c: the treatment timeline: every preparation, medicine,
 * integration and other session in time order, the next one marked in
 * words; a small form to add or change one; a page with its notes.
 *
 * Three screens share one state: the list ("sessions") holds the rows it
 * read from the store; the notes page ("session") and the form
 * ("session-form") are pushed over it and get that state as their arg, so
 * after a change the form reloads the list it came from.  The store keeps
 * only a handful of sessions, so the list reads them all at once.
 *
 * Dates are typed as text and read by the same parser as the command
 * line's --date (timefmt.h).  In review mode (app->readonly) nothing can
 * be added, changed or removed.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/timefmt.h"

struct srow {
	char uuid[STORE_UUID_LEN + 1];
	enum session_kind kind;
	time_t time;
	char *title;
	char *notes;
	int medicine_no;
};

struct sessions {
	struct rows rows;       /* of struct srow */
	long long next;         /* the next session from today, or -1 */
	int form_row;           /* the row the form changes; -1: a new one */
	int view_row;           /* the row the notes page shows */
	char rm_uuid[STORE_UUID_LEN + 1];       /* asked about removing */
};

/* ---- the rows ---- */

static struct srow *
sessions_at(const struct sessions *s, long long i)
{
	return rows_at(&s->rows, (size_t)i);
}

static int
sessions_collect(const struct session *r, void *arg)
{
	struct srow *w = rows_add(arg);

	snprintf(w->uuid, sizeof w->uuid, "%s", r->uuid);
	w->kind = r->kind;
	w->time = r->time;
	w->title = xstrdup(r->title != NULL ? r->title : "");
	w->notes = xstrdup(r->notes != NULL ? r->notes : "");
	w->medicine_no = r->medicine_no;
	return 0;
}

static void
sessions_wipe(void *row)
{
	struct srow *w = row;

	vault_wipe(w->title, strlen(w->title));
	vault_wipe(w->notes, strlen(w->notes));
	free(w->title);
	free(w->notes);
}

/* Read the sessions again; a problem goes to the message line. */
static void
sessions_load(struct app *a, struct sessions *s)
{
	time_t now = time(NULL);
	struct err e;
	size_t i;

	rows_clear(&s->rows);
	if (store_session_list(a->store, sessions_collect, &s->rows, &e) != 0)
		ui_message(a, ROLE_WARNING, "The sessions could not be read: "
		    "%s.", e.msg);
	s->next = -1;
	for (i = 0; i < s->rows.n; i++)
		if (time_days_between(now, sessions_at(s, (long long)i)->time)
		    >= 0) {
			s->next = (long long)i;
			break;
		}
	rows_reload(&s->rows);
}

static long long
sessions_find(const struct sessions *s, const char *uuid)
{
	size_t i;

	for (i = 0; i < s->rows.n; i++)
		if (strcmp(sessions_at(s, (long long)i)->uuid, uuid) == 0)
			return (long long)i;
	return -1;
}

/* "Medicine session 2", "Integration session". */
static void
sessions_kind_words(const struct srow *r, char *buf, size_t len)
{
	static const char *const words[] = {
		[SESSION_PREPARATION] = "Preparation session",
		[SESSION_MEDICINE] = "Medicine session",
		[SESSION_INTEGRATION] = "Integration session",
		[SESSION_OTHER] = "Other session",
	};

	if (r->kind == SESSION_MEDICINE && r->medicine_no > 0)
		snprintf(buf, len, "%s %d", words[r->kind], r->medicine_no);
	else
		snprintf(buf, len, "%s", words[r->kind]);
}

static void
sessions_row(struct app *a, void *arg, long long id, int y, int x,
    int width, int selected)
{
	const struct sessions *s = arg;
	const struct srow *r = sessions_at(s, id);
	enum role normal = selected ? ROLE_SELECTED : ROLE_NORMAL;
	char when[32], kind[48];
	int wide = width >= 60, col = x, end = x + width;

	time_format_local(r->time, when, sizeof when);
	if (!wide)
		when[10] = '\0';        /* the day is enough when narrow */
	if (id == s->next)
		draw_text(a, y, col + 1, 6, normal,
		    draw_glyph(a, "▸ next", "> next"));
	col += 8;
	draw_text(a, y, col, end - col, normal, when);
	col += wide ? 18 : 12;
	sessions_kind_words(r, kind, sizeof kind);
	if (col < end)
		draw_text(a, y, col, end - col, normal, kind);
	col += 21;
	if (end - col >= 8)     /* a stub of a title says nothing */
		draw_text(a, y, col, end - col, normal, r->title);
}

/* ---- the list ---- */

static const struct keydef sessions_keys[] = {
	{ ACT_ADD, { 'a' }, "Add",
	  "Add a session: its kind, its date and a title.", 1 },
	{ ACT_OPEN, { UI_ENTER }, "Notes",
	  "Show the chosen session with its notes.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	{ ACT_EDIT, { 'e' }, "Change",
	  "Change the chosen session's kind, date, title or notes.", 1 },
	{ ACT_DELETE, { 'd', UI_KC(KEY_DC) }, "Remove",
	  "Remove the chosen session (asks first). Your entries stay as they "
	  "are.", 1 },
	KEYS_LIST_MOVES("Choose the session above.",
	    "Choose the session below.",
	    "Show the sessions a page earlier.",
	    "Show the sessions a page later.",
	    "Choose the first session.",
	    "Choose the last session."),
	KEYS_LOCK,
	KEYS_QUIT,
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
sessions_enter(struct app *a, struct frame *f)
{
	struct sessions *s = xcalloc(1, sizeof *s);

	s->form_row = -1;
	rows_init(&s->rows, sizeof(struct srow), sessions_wipe, sessions_row,
	    s);
	f->data = s;
	sessions_load(a, s);
}

static void
sessions_leave(struct app *a, struct frame *f)
{
	struct sessions *s = f->data;

	(void)a;
	rows_free(&s->rows);
	free(s);
	f->data = NULL;
}

static void
sessions_resize(struct app *a, struct frame *f)
{
	struct sessions *s = f->data;

	(void)a;
	rows_reload(&s->rows);
}

static void
sessions_draw(struct app *a, struct frame *f)
{
	struct sessions *s = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char line[160];

	draw_text(a, y, 2, w, ROLE_HEADING, "Your treatment sessions, in "
	    "time order");
	if (s->rows.n == 0) {
		draw_wrap(a, y + 2, 2, w, maxy - y - 2, ROLE_NORMAL,
		    a->readonly ? "No sessions were shared in this bundle." :
		    "No sessions yet. Add your preparation, medicine and "
		    "integration sessions here, and tend places every entry "
		    "and check-in on your treatment timeline. Press a to add "
		    "the first one.");
		ui_focus(a, y + 2, 2);
		return;
	}
	if (s->next >= 0) {
		const struct srow *r = sessions_at(s, s->next);
		long d = time_days_between(time(NULL), r->time);
		char kind[48], when[32];

		sessions_kind_words(r, kind, sizeof kind);
		time_format_local(r->time, when, sizeof when);
		if (d == 0)
			snprintf(line, sizeof line, "Next today at %s: %s.",
			    when + 11, kind);
		else
			snprintf(line, sizeof line, "Next in %ld day%s: %s on "
			    "%.10s.", d, d == 1 ? "" : "s", kind, when);
		if (d != 0 && draw_width(line) > w)     /* narrow */
			snprintf(line, sizeof line, "Next: %s, in %ld day%s.",
			    kind, d, d == 1 ? "" : "s");
	} else
		snprintf(line, sizeof line, "No session is planned after "
		    "today.");
	draw_text(a, y + 1, 2, w, ROLE_HINT, line);
	rows_draw(a, &s->rows);
}

static void
sessions_rm_answer(struct app *a, void *arg, int yes)
{
	struct frame *f = &a->stack[a->depth - 1];
	struct sessions *s = arg;
	struct err e;

	if (f->screen != &screen_sessions || f->data != s)
		return;
	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "The session stays.");
		return;
	}
	if (store_session_rm(a->store, s->rm_uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "The session was not removed: %s.",
		    e.msg);
		return;
	}
	sessions_load(a, s);
	ui_message(a, ROLE_GOOD, "The session was removed.");
}

static int
sessions_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct sessions *s = f->data;
	long long sel = list_selected(&s->rows.list);

	(void)key;
	switch (act) {
	case ACT_ADD:
		s->form_row = -1;
		ui_push(a, &screen_session_form, s);
		return UI_DRAW_ALL;
	case ACT_EDIT:
		s->form_row = (int)sel;
		ui_push(a, &screen_session_form, s);
		return UI_DRAW_ALL;
	case ACT_OPEN:
		s->view_row = (int)sel;
		ui_push(a, &screen_session, s);
		return UI_DRAW_ALL;
	case ACT_DELETE: {
		struct confirm q = {
			.question = "Remove this session from your timeline? "
			    "Your entries and check-ins stay; only where they "
			    "are placed changes.",
			.keys_hint = "y: yes, remove it    n: no, keep it",
			.answer = sessions_rm_answer,
			.arg = s,
		};

		snprintf(s->rm_uuid, sizeof s->rm_uuid, "%s",
		    sessions_at(s, sel)->uuid);
		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	default:
		return rows_key(&s->rows, act);
	}
}

/* Editing only outside review mode; row actions only with a row. */
static int
sessions_active(struct app *a, struct frame *f, enum action act)
{
	struct sessions *s = f->data;

	switch (act) {
	case ACT_ADD:
		return !a->readonly;
	case ACT_EDIT:
	case ACT_DELETE:
		return !a->readonly && s->rows.n > 0;
	case ACT_OPEN:
		return s->rows.n > 0;
	default:
		return 1;
	}
}

const struct screen screen_sessions = {
	.name = "sessions",
	.title = "Sessions",
	.enter = sessions_enter,
	.draw = sessions_draw,
	.key = sessions_key,
	.resize = sessions_resize,
	.leave = sessions_leave,
	.active = sessions_active,
	.keys = sessions_keys,
	.about = "Your treatment timeline: preparation, medicine, integration "
	    "and other sessions, in time order, with the next one marked. "
	    "tend uses it to place every entry and check-in, as in \"day 2 "
	    "after medicine session 1\".",
};

/* ---- one session with its notes ---- */

static const struct keydef session_keys[] = {
	{ ACT_EDIT, { 'e' }, "Change",
	  "Change this session's kind, date, title or notes.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back to the sessions.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up",
	  "Scroll the notes up.", 0 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Scroll the notes down.", 0 },
	KEYS_LOCK,
	KEYS_QUIT,
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

struct session_view {
	int scroll;             /* rows of notes scrolled past */
	int rows;               /* rows the notes take */
};

static void
session_enter(struct app *a, struct frame *f)
{
	(void)a;
	f->data = xcalloc(1, sizeof(struct session_view));
}

static void
session_leave(struct app *a, struct frame *f)
{
	(void)a;
	free(f->data);
	f->data = NULL;
}

static void
session_draw(struct app *a, struct frame *f)
{
	struct sessions *s = f->arg;
	struct session_view *v = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char kind[48], when[32];
	const struct srow *r;

	if (s->view_row < 0 || s->view_row >= (int)s->rows.n)
		return;
	r = sessions_at(s, s->view_row);
	sessions_kind_words(r, kind, sizeof kind);
	time_format_local(r->time, when, sizeof when);
	ui_focus(a, y, 2);
	draw_text(a, y++, 2, w, ROLE_HEADING, kind);
	draw_text(a, y++, 2, w, ROLE_NORMAL, when);
	if (r->title[0] != '\0')
		y += draw_wrap(a, y, 2, w, 2, ROLE_TITLE, r->title);
	y++;
	if (r->notes[0] == '\0') {
		draw_wrap(a, y, 2, w, maxy - y, ROLE_HINT, a->readonly ?
		    "No notes for this session." : "No notes for this session "
		    "yet. Press e to write some.");
		v->rows = 0;
		return;
	}
	v->rows = draw_wrap_rows(w, r->notes);
	if (v->scroll > v->rows - (maxy - y))
		v->scroll = v->rows - (maxy - y);
	if (v->scroll < 0)
		v->scroll = 0;
	draw_wrap_clip(a, y - v->scroll, 2, w, y, maxy, ROLE_NORMAL,
	    r->notes);
	if (v->scroll > 0)
		ui_focus(a, y, 2);      /* the first line of notes shown */
}

static int
session_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct sessions *s = f->arg;
	struct session_view *v = f->data;

	(void)key;
	switch (act) {
	case ACT_EDIT:
		s->form_row = s->view_row;
		ui_push(a, &screen_session_form, s);
		return UI_DRAW_ALL;
	case ACT_UP:
		if (v->scroll == 0)
			return UI_NOTHING;
		v->scroll--;
		return UI_DRAW_BODY;
	case ACT_DOWN:
		v->scroll++;            /* draw keeps it in range */
		return UI_DRAW_BODY;
	default:
		return UI_PASS;
	}
}

static int
session_active(struct app *a, struct frame *f, enum action act)
{
	(void)f;
	return act != ACT_EDIT || !a->readonly;
}

const struct screen screen_session = {
	.name = "session",
	.title = "Session",
	.enter = session_enter,
	.draw = session_draw,
	.key = session_key,
	.leave = session_leave,
	.active = session_active,
	.keys = session_keys,
	.about = "One session of your treatment with its notes.",
};

/* ---- the form: a new session, or changes to one ---- */

enum { FORM_KIND, FORM_DATE, FORM_TITLE, FORM_NOTES, FORM_FIELDS };

struct session_form {
	enum session_kind kind;
	struct field date, title, notes;
	/* A title or notes too long for a one-line field, or with line
	 * breaks (written elsewhere), is kept as it is, never cut short. */
	int keep_title, keep_notes;
	int focus;
	int changed;            /* something typed or chosen: Esc asks */
};

static const struct keydef form_keys[] = {
	{ ACT_SAVE, { UI_ENTER, UI_CTRL('s') }, "Save",
	  "Save the session.", 1 },
	{ ACT_NEXT_FIELD, { '\t', UI_KC(KEY_DOWN) }, "Next",
	  "Go to the next field.", 1 },
	{ ACT_PREV_FIELD, { UI_KC(KEY_BTAB), UI_KC(KEY_UP) }, "Previous",
	  "Go to the field before.", 0 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_BACK, { UI_ESC }, "Cancel",
	  "Go back without saving (asks first if you typed anything).", 1 },
	{ ACT_MORE, { UI_KC(KEY_RIGHT) }, "Kind",
	  "On the kind: the next kind. Space does the same, and p, m, i or o "
	  "choose preparation, medicine, integration or other.", 1 },
	{ ACT_LESS, { UI_KC(KEY_LEFT) }, "Kind before",
	  "On the kind: the kind before.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
form_set(struct field *fl, const char *text)
{
	size_t n = strlen(text);

	if (n > fl->max)
		n = fl->max;
	while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;            /* never cut a character in two */
	memcpy(fl->buf, text, n);
	fl->buf[n] = '\0';
	fl->len = n;
}

static void
form_enter(struct app *a, struct frame *f)
{
	struct sessions *s = f->arg;
	struct session_form *m = xcalloc(1, sizeof *m);
	char when[32];

	(void)a;
	field_init(&m->date, 0, 40);
	field_init(&m->title, 0, FIELD_MAX);
	field_init(&m->notes, 0, FIELD_MAX);
	if (s->form_row >= 0 && s->form_row < (int)s->rows.n) {
		const struct srow *r = sessions_at(s, s->form_row);

		m->kind = r->kind;
		time_format_local(r->time, when, sizeof when);
		form_set(&m->date, when);
		m->keep_title = strlen(r->title) > FIELD_MAX ||
		    strchr(r->title, '\n') != NULL;
		m->keep_notes = strlen(r->notes) > FIELD_MAX ||
		    strchr(r->notes, '\n') != NULL;
		if (!m->keep_title)
			form_set(&m->title, r->title);
		if (!m->keep_notes)
			form_set(&m->notes, r->notes);
	} else {
		s->form_row = -1;
		m->kind = SESSION_INTEGRATION;
		time_format_local(time(NULL), when, sizeof when);
		when[10] = '\0';
		form_set(&m->date, when);
	}
	f->data = m;
}

static void
form_leave(struct app *a, struct frame *f)
{
	struct session_form *m = f->data;

	(void)a;
	field_free(&m->date);
	field_free(&m->title);
	field_free(&m->notes);
	free(m);
	f->data = NULL;
}

static void
form_label(struct app *a, struct session_form *m, int which, int y,
    const char *label)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%s %s", m->focus == which ?
	    draw_glyph(a, "▸", ">") : " ", label);
	draw_text(a, y, 2, 10, m->focus == which ? ROLE_KEY : ROLE_NORMAL,
	    buf);
}

static void
form_draw(struct app *a, struct frame *f)
{
	struct sessions *s = f->arg;
	struct session_form *m = f->data;
	int y = ui_body_top() + 1, x = 12, w = COLS - x - 2;
	int cy = -1, cx = 0, maxy = ui_body_end(), step;
	char kind[48];

	draw_text(a, y, 2, COLS - 4, ROLE_HEADING, s->form_row >= 0 ?
	    "Change this session" : "A new session");
	y += 2;
	/* A field, its hint and a blank row each; in a short window no
	 * blank rows, so the notes still show. */
	step = y + 3 * 3 < maxy ? 3 : 2;
	form_label(a, m, FORM_KIND, y, "Kind");
	snprintf(kind, sizeof kind, "%s %s %s", draw_glyph(a, "‹", "<"),
	    store_session_kind_name(m->kind), draw_glyph(a, "›", ">"));
	draw_text(a, y, x, w, m->focus == FORM_KIND ? ROLE_SELECTED :
	    ROLE_NORMAL, kind);
	if (m->focus == FORM_KIND && y + 1 < maxy)
		draw_text(a, y + 1, x, w, ROLE_HINT, "Space, arrows, or p, "
		    "m, i, o");
	if (m->focus == FORM_KIND) {
		cy = y;
		cx = x;
	}
	y += step;
	if (y < maxy) {
		form_label(a, m, FORM_DATE, y, "Date");
		field_draw(a, &m->date, y, x, w > 30 ? 30 : w);
		if (m->focus == FORM_DATE) {
			getyx(stdscr, cy, cx);
		}
		if (y + 1 < maxy)
			draw_text(a, y + 1, x, w, ROLE_HINT, "like 2026-12-02 "
			    "10:00 or today");
	}
	y += step;
	if (y < maxy) {
		form_label(a, m, FORM_TITLE, y, "Title");
		if (m->keep_title)
			draw_text(a, y, x, w, ROLE_HINT, "(too long to change "
			    "here; it stays as it is)");
		else
			field_draw(a, &m->title, y, x, w);
		if (m->focus == FORM_TITLE && !m->keep_title)
			getyx(stdscr, cy, cx);
		if (y + 1 < maxy)
			draw_text(a, y + 1, x, w, ROLE_HINT, "if you like");
	}
	y += step;
	if (y < maxy) {
		form_label(a, m, FORM_NOTES, y, "Notes");
		if (m->keep_notes)
			draw_text(a, y, x, w, ROLE_HINT, "(too long to change "
			    "here; they stay as they are)");
		else
			field_draw(a, &m->notes, y, x, w);
		if (m->focus == FORM_NOTES && !m->keep_notes)
			getyx(stdscr, cy, cx);
	}
	y += 2;
	if (y < maxy)
		draw_wrap(a, y, 2, COLS - 4, maxy - y, ROLE_HINT,
		    "Tab moves to the next field, Enter saves, Esc goes back "
		    "without saving.");
	a->cursor_y = cy;
	a->cursor_x = cx;
}

/* Save; on a problem say what in one sentence and stay. */
static int
form_save(struct app *a, struct frame *f)
{
	struct sessions *s = f->arg;
	struct session_form *m = f->data;
	char uuid[STORE_UUID_LEN + 1];
	int adding = s->form_row < 0;
	const char *title = m->title.buf, *notes = m->notes.buf;
	struct tdate d;
	struct err e;
	int rc;

	if (a->readonly)
		return UI_NOTHING;
	if (m->date.len == 0) {
		m->focus = FORM_DATE;
		ui_message(a, ROLE_WARNING, "Please give the session a date, "
		    "like 2026-12-02.");
		return UI_DRAW_ALL;
	}
	if (time_parse(m->date.buf, time(NULL), &d, &e) != 0) {
		m->focus = FORM_DATE;
		ui_message(a, ROLE_WARNING, "tend cannot read that date; "
		    "please write it like 2026-12-02 or 2026-12-02 10:00.");
		return UI_DRAW_ALL;
	}
	if (adding)
		rc = store_session_add(a->store, m->kind, tdate_moment(&d),
		    title, notes, uuid, &e);
	else {
		const struct srow *r = sessions_at(s, s->form_row);

		snprintf(uuid, sizeof uuid, "%s", r->uuid);
		rc = store_session_edit(a->store, uuid, m->kind,
		    tdate_moment(&d), m->keep_title ? r->title : title,
		    m->keep_notes ? r->notes : notes, &e);
	}
	if (rc != 0) {
		ui_message(a, ROLE_WARNING, "The session was not saved: %s.",
		    e.msg);
		return UI_DRAW_ALL;
	}
	ui_pop(a);              /* f is gone now; s stays below */
	sessions_load(a, s);
	s->view_row = (int)sessions_find(s, uuid);
	rows_select(&s->rows, s->view_row);
	ui_message(a, ROLE_GOOD, adding ? "The session was added." :
	    "The session was changed.");
	return UI_DRAW_ALL;
}

/* Moving between the fields, and typing or choosing in them. */
static int
form_edit(struct session_form *m, enum action act, int key)
{
	static const char letters[] = "pmio";

	switch (act) {
	case ACT_NEXT_FIELD:
		m->focus = (m->focus + 1) % FORM_FIELDS;
		return UI_DRAW_BODY;
	case ACT_PREV_FIELD:
		m->focus = (m->focus + FORM_FIELDS - 1) % FORM_FIELDS;
		return UI_DRAW_BODY;
	case ACT_MORE:
		m->kind = (enum session_kind)((m->kind + 1) % 4);
		return UI_DRAW_BODY;
	case ACT_LESS:
		m->kind = (enum session_kind)((m->kind + 3) % 4);
		return UI_DRAW_BODY;
	case ACT_NONE:
		break;
	default:
		return UI_PASS;
	}
	switch (m->focus) {
	case FORM_KIND: {
		const char *p;

		if (key == ' ')
			m->kind = (enum session_kind)((m->kind + 1) % 4);
		else if (key > 0 && key < 128 &&
		    (p = strchr(letters, key)) != NULL)
			m->kind = (enum session_kind)(p - letters);
		else
			return UI_NOTHING;
		return UI_DRAW_BODY;
	}
	case FORM_DATE:
		return field_key(&m->date, key) ? UI_DRAW_BODY : UI_NOTHING;
	case FORM_TITLE:
		if (m->keep_title)
			return UI_NOTHING;
		return field_key(&m->title, key) ? UI_DRAW_BODY : UI_NOTHING;
	default:
		if (m->keep_notes)
			return UI_NOTHING;
		return field_key(&m->notes, key) ? UI_DRAW_BODY : UI_NOTHING;
	}
}

static void
form_leave_answer(struct app *a, void *arg, int yes)
{
	struct frame *f = &a->stack[a->depth - 1];
	struct session_form *m = arg;

	if (f->screen != &screen_session_form || f->data != m)
		return;
	if (yes) {
		m->changed = 0;         /* dropped on purpose */
		ui_pop(a);
	} else
		ui_message(a, ROLE_MESSAGE, "What you typed is still here.");
}

static int
form_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct session_form *m = f->data;
	int r;

	if (act == ACT_BACK && m->changed) {
		const struct confirm q = {
			.question = "Leave without saving? What you typed "
			    "here will not be kept.",
			.keys_hint = "y: yes, leave    n: no, stay",
			.answer = form_leave_answer,
			.arg = m,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	if (act == ACT_SAVE)
		return form_save(a, f);
	r = form_edit(m, act, key);
	if (r == UI_DRAW_BODY && act != ACT_NEXT_FIELD &&
	    act != ACT_PREV_FIELD)
		m->changed = 1;
	return r;
}

static int
form_active(struct app *a, struct frame *f, enum action act)
{
	struct session_form *m = f->data;

	if (act == ACT_SAVE)            /* review mode: nothing is saved */
		return !a->readonly;
	if (act == ACT_MORE || act == ACT_LESS)
		return m->focus == FORM_KIND;
	return 1;
}

const struct screen screen_session_form = {
	.name = "session-form",
	.title = "Add or change a session",
	.enter = form_enter,
	.draw = form_draw,
	.key = form_key,
	.leave = form_leave,
	.active = form_active,
	.keys = form_keys,
	.about = "Add a session to your treatment timeline, or change one. "
	    "Choose its kind, type its date (like 2026-12-02, 2026-12-02 "
	    "10:00, yesterday, 3 days ago, tomorrow 14:00 or in 2 weeks) "
	    "and, if you like, a "
	    "title and a note.",
};
