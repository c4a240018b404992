/*
 * screen-entry.c: reading one entry (or one check-in) from the timeline.
 *
 * The frame's arg is a malloc'd full UUID of an entry or a check-in; the
 * screen owns it and frees it.  On top: the title, when it was written,
 * its kind, whether it is shared, where it falls in the treatment and its
 * tags; below, the text word-wrapped and scrolled with the arrows and
 * page keys.  E (or Enter) opens the editor on an entry, or the check-in
 * form filled in with a check-in, except in review mode.  The text is
 * read again whenever the screen is on top again, so it shows what the
 * editor saved; on leaving, the copy is wiped.
 *
 * d puts an entry in the trash at once (nothing is lost: u here, or the
 * trash screen, brings it back); the screen then says the entry is in the
 * trash.  A check-in has no trash, so d asks first and deletes it for
 * good, then goes back.
 */
#include "config.h"

#include <curses.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/store.h"
#include "tend/timefmt.h"

#define ENTRY_HEAD_ROWS 5       /* title, when, placement, tags, a gap */

struct entry_view {
	char *uuid;             /* the frame's arg */
	int found;
	int checkin;
	int trashed;            /* an entry in the trash */
	char title[256];
	char when[128];
	char place[128];
	char *tags;             /* "#a #b", "" if none */
	char *body;
	int top;                /* the first row of the body shown */
};

static const struct keydef entry_keys[] = {
	{ ACT_EDIT, { 'E', UI_ENTER }, "Edit",
	  "Change this entry's text in the editor (the earlier text is "
	  "kept), or this check-in's answers.", 1 },
	{ ACT_DELETE, { 'd', UI_KC(KEY_DC) }, "Delete",
	  "Move this entry to the trash (u brings it back, and so does the "
	  "trash screen); a check-in is deleted for good, after a yes.", 1 },
	{ ACT_UNDO, { 'u' }, "Undo",
	  "Bring the entry back from the trash.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back",
	  "Go back to the timeline.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Scroll the text down a line.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up",
	  "Scroll the text up a line.", 1 },
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE), ' ' }, "Page",
	  "Scroll the text down a page.", 0 },
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE) }, "Page up",
	  "Scroll the text up a page.", 0 },
	{ ACT_FIRST, { UI_KC(KEY_HOME) }, "Start",
	  "Go to the start of the text.", 0 },
	{ ACT_LAST, { UI_KC(KEY_END) }, "End",
	  "Go to the end of the text.", 0 },
	KEYS_LOCK,
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* Free and wipe what was read. */
static void
entry_forget(struct entry_view *v)
{
	if (v->body != NULL) {
		vault_wipe(v->body, strlen(v->body));
		free(v->body);
	}
	if (v->tags != NULL) {
		vault_wipe(v->tags, strlen(v->tags));
		free(v->tags);
	}
	vault_wipe(v->title, sizeof v->title);
	v->body = v->tags = NULL;
	v->found = 0;
}

static void
entry_place(struct app *a, time_t t, char *buf, size_t len)
{
	char place[128];
	const char *comma;

	store_place(a->store, t, place, sizeof place);
	comma = strstr(place, ", ");
	if (comma != NULL)
		snprintf(buf, len, "%.*s - %s", (int)(comma - place), place,
		    comma + 2);
	else
		snprintf(buf, len, "%s", place);
	buf[0] = (char)toupper((unsigned char)buf[0]);
}

/* "a b" as "#a #b" (malloc'd). */
static char *
entry_tags(const char *tags)
{
	char *out = xmalloc(strlen(tags) * 2 + 2);
	size_t o = 0;
	const char *t;

	for (t = tags; *t != '\0'; t++) {
		if (t == tags || t[-1] == ' ')
			out[o++] = '#';
		out[o++] = *t;
	}
	out[o] = '\0';
	return out;
}

struct entry_load {
	struct app *app;
	struct entry_view *v;
};

static int
entry_got(const struct entry *r, void *arg)
{
	struct entry_load *l = arg;
	struct entry_view *v = l->v;
	char when[32];

	v->found = 1;
	v->trashed = r->trashed != 0;
	if (r->title[0] != '\0')
		snprintf(v->title, sizeof v->title, "%s", r->title);
	else
		snprintf(v->title, sizeof v->title, "%c%s entry",
		    toupper((unsigned char)r->kind[0]), r->kind + 1);
	time_format_local(r->created, when, sizeof when);
	snprintf(v->when, sizeof v->when, "%s%s%s%s%s", when,
	    draw_glyph(l->app, " · ", " - "), r->kind,
	    draw_glyph(l->app, " · ", " - "), r->shared ?
	    "shared with your therapist" : "private");
	entry_place(l->app, r->created, v->place, sizeof v->place);
	v->tags = entry_tags(r->tags);
	v->body = xstrdup(r->body);
	return 0;
}

/* One line "Label: n/10" for a scale that was answered. */
static void
entry_scale(char *buf, size_t len, size_t *o, const char *label, int n)
{
	if (n == CHECKIN_UNSET || *o >= len)
		return;
	*o += (size_t)snprintf(buf + *o, len - *o, "%s: %d/10\n", label, n);
}

static int
entry_checkin_got(const struct timeline_item *it, void *arg)
{
	struct entry_load *l = arg;
	struct entry_view *v = l->v;
	char when[32], buf[1024], sym[160];
	size_t o = 0;

	if (it->key.table != STORE_CHECKIN)
		return 0;
	v->found = 1;
	v->checkin = 1;
	snprintf(v->title, sizeof v->title, "Check-in");
	time_format_local(it->key.time, when, sizeof when);
	snprintf(v->when, sizeof v->when, "%s%s%s", when,
	    draw_glyph(l->app, " · ", " - "), it->shared ?
	    "shared with your therapist" : "private");
	entry_place(l->app, it->key.time, v->place, sizeof v->place);
	v->tags = xstrdup("");
	entry_scale(buf, sizeof buf, &o, "Mood", it->mood);
	entry_scale(buf, sizeof buf, &o, "Anxiety", it->anxiety);
	entry_scale(buf, sizeof buf, &o, "Sleep quality", it->sleep);
	if (it->sleep_hours != CHECKIN_UNSET && o < sizeof buf)
		o += (size_t)snprintf(buf + o, sizeof buf - o,
		    "Hours slept: %.1f\n", it->sleep_hours);
	entry_scale(buf, sizeof buf, &o, "Energy", it->energy);
	entry_scale(buf, sizeof buf, &o, "Feeling connected",
	    it->connection);
	if (it->safety != CHECKIN_SAFETY_UNANSWERED && o < sizeof buf)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "Thoughts of "
		    "hurting %s: %s\n", l->app->readonly ? "oneself" :
		    "yourself", it->safety == CHECKIN_SAFETY_YES ? "yes" :
		    "no");
	store_symptoms_text(it->symptoms, sym, sizeof sym);
	if (sym[0] != '\0' && o < sizeof buf)
		o += (size_t)snprintf(buf + o, sizeof buf - o,
		    "Symptoms: %s\n", sym);
	v->body = it->text[0] != '\0' ? xasprintf("%s\n%s", buf, it->text) :
	    xstrdup(buf);
	vault_wipe(buf, sizeof buf);
	return 0;
}

static void
entry_load(struct app *a, struct entry_view *v)
{
	struct entry_load l = { a, v };
	struct err e;

	entry_forget(v);
	v->checkin = 0;
	v->trashed = 0;
	if (store_entry_get(a->store, v->uuid, entry_got, &l, &e) != 0 ||
	    !v->found)
		store_timeline_find(a->store, v->uuid, entry_checkin_got, &l,
		    &e);
}

static int
entry_body_rows(void)
{
	int n = ui_body_lines() - ENTRY_HEAD_ROWS;

	return n > 1 ? n : 1;
}

static int
entry_text_width(void)
{
	return COLS - 4 > 1 ? COLS - 4 : 1;
}

/* Keep the scroll position inside the text. */
static void
entry_clamp(struct entry_view *v)
{
	int total = v->body != NULL ? draw_wrap_rows(entry_text_width(),
	    v->body) : 0;
	int max = total - entry_body_rows();

	if (v->top > max)
		v->top = max;
	if (v->top < 0)
		v->top = 0;
}

static void
entry_enter(struct app *a, struct frame *f)
{
	struct entry_view *v = xcalloc(1, sizeof *v);

	v->uuid = f->arg;
	f->data = v;
	if (v->uuid != NULL)
		entry_load(a, v);
}

static void
entry_leave(struct app *a, struct frame *f)
{
	struct entry_view *v = f->data;

	(void)a;
	entry_forget(v);
	free(v->uuid);
	free(v);
	f->data = NULL;
	f->arg = NULL;
}

static void
entry_resume(struct app *a, struct frame *f)
{
	struct entry_view *v = f->data;

	if (v->uuid != NULL)
		entry_load(a, v);
	entry_clamp(v);
}

static void
entry_resize(struct app *a, struct frame *f)
{
	(void)a;
	entry_clamp(f->data);
}

static void
entry_draw(struct app *a, struct frame *f)
{
	struct entry_view *v = f->data;
	int y = ui_body_top(), w = entry_text_width(), end = ui_body_end();
	int total, rows = entry_body_rows();

	if (!v->found) {
		draw_wrap(a, y + 1, 2, w, end - y - 1, ROLE_NORMAL,
		    "This is no longer in your journal. Press Esc to go "
		    "back.");
		ui_focus(a, y + 1, 2);
		return;
	}
	draw_text(a, y, 2, w, ROLE_TITLE, v->title);
	if (v->trashed) {
		draw_wrap(a, y + 2, 2, w, end - y - 2, ROLE_NORMAL,
		    a->readonly ? "This entry is in the trash." :
		    "This entry is in the trash. Press u to bring it back, or "
		    "Esc to go back; the trash screen (t on the home screen) "
		    "can bring it back later too.");
		return;
	}
	draw_text(a, y + 1, 2, w, ROLE_DIM, v->when);
	draw_text(a, y + 2, 2, w, ROLE_HEADING, v->place);
	draw_text(a, y + 3, 2, w, ROLE_DIM, v->tags);
	y += ENTRY_HEAD_ROWS;
	total = draw_wrap_rows(w, v->body);
	draw_wrap_clip(a, y - v->top, 2, w, y, end, ROLE_NORMAL, v->body);
	if (v->top + rows < total)
		draw_text(a, y - 1, COLS - 16, 14, ROLE_HINT,
		    draw_glyph(a, "  more below ↓", "  more below v"));
	else if (v->top > 0)
		draw_text(a, y - 1, COLS - 16, 14, ROLE_HINT,
		    draw_glyph(a, "  more above ↑", "  more above ^"));
	ui_focus(a, y, 2);      /* the first line of text shown */
}

static int
entry_scroll(struct entry_view *v, enum action act)
{
	int old = v->top, page = entry_body_rows() - 1;

	switch (act) {
	case ACT_UP:
		v->top--;
		break;
	case ACT_DOWN:
		v->top++;
		break;
	case ACT_PAGE_UP:
		v->top -= page > 0 ? page : 1;
		break;
	case ACT_PAGE_DOWN:
		v->top += page > 0 ? page : 1;
		break;
	case ACT_FIRST:
		v->top = 0;
		break;
	default:
		v->top = 1 << 28;
		break;
	}
	entry_clamp(v);
	return v->top != old ? UI_DRAW_BODY : UI_NOTHING;
}

/* The answer to "Delete this check-in for good?". */
static void
entry_delete_answer(struct app *a, void *arg, int yes)
{
	struct frame *f = &a->stack[a->depth - 1];
	struct entry_view *v = arg;
	struct err e;

	if (f->screen != &screen_entry || f->data != v)
		return;
	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "The check-in stays.");
		return;
	}
	if (store_checkin_rm(a->store, v->uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "It was not deleted: %s.", e.msg);
		return;
	}
	ui_pop(a);              /* v is gone now */
	ui_message(a, ROLE_GOOD, "Check-in deleted.");
}

static int
entry_delete(struct app *a, struct entry_view *v)
{
	struct err e;

	if (v->checkin) {
		const struct confirm q = {
			.question = "Delete this check-in for good? Check-ins "
			    "have no trash, so it cannot be brought back.",
			.keys_hint = "y: yes, delete it    n: no, keep it",
			.answer = entry_delete_answer,
			.arg = v,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	if (store_entry_trash(a->store, v->uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "It was not moved to the trash: %s.",
		    e.msg);
		return UI_DRAW_BARS;
	}
	entry_load(a, v);
	ui_message(a, ROLE_GOOD, "Moved to the trash. u to undo.");
	return UI_DRAW_ALL;
}

static int
entry_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct entry_view *v = f->data;
	struct err e;
	char *arg;

	(void)key;
	switch (act) {
	case ACT_EDIT:
		arg = xstrdup(v->uuid);
		if (ui_open(a, v->checkin ? "checkin" : "editor", arg) != 0)
			free(arg);
		return UI_DRAW_ALL;
	case ACT_DELETE:
		return entry_delete(a, v);
	case ACT_UNDO:
		if (store_entry_restore(a->store, v->uuid, &e) != 0) {
			ui_message(a, ROLE_WARNING, "It could not be brought "
			    "back: %s.", e.msg);
			return UI_DRAW_BARS;
		}
		entry_load(a, v);
		ui_message(a, ROLE_GOOD, "It is back in your journal.");
		return UI_DRAW_ALL;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		if (v->trashed)
			return UI_NOTHING;
		return entry_scroll(v, act);
	default:
		return UI_PASS;
	}
}

static int
entry_active(struct app *a, struct frame *f, enum action act)
{
	struct entry_view *v = f->data;

	int shown = v != NULL && v->found && !v->trashed;

	switch (act) {
	case ACT_EDIT:
	case ACT_DELETE:
		return !a->readonly && shown;
	case ACT_UNDO:
		return !a->readonly && v != NULL && v->found && v->trashed;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		return v == NULL || !v->trashed;
	default:
		return 1;
	}
}

const struct screen screen_entry = {
	.name = "entry",
	.title = "Read",
	.enter = entry_enter,
	.draw = entry_draw,
	.key = entry_key,
	.resize = entry_resize,
	.leave = entry_leave,
	.resume = entry_resume,
	.active = entry_active,
	.keys = entry_keys,
	.about = "One entry or check-in from your timeline: when it was "
	    "written, where it falls in your treatment, whether it is shared "
	    "with your therapist, and its text. Scroll with the arrows and "
	    "the page keys. d moves an entry to the trash, and u brings it "
	    "back; a check-in is deleted for good, after a yes.",
};
