/*
 * screen-editor.c: writing a journal entry, or changing one.
 *
 * The screen has a title, tags (words separated by spaces), the kind of
 * entry, whether it is shared with the therapist, an optional reflection
 * prompt and the text itself (a textbuf: wrapped to the window, with
 * undo).  Tab and Shift-Tab move between the fields and the text.
 *
 * Opened with a NULL argument it writes a new entry; with a malloc'd
 * UUID string (which this screen then owns and frees) it changes that
 * entry, keeping the earlier text as a revision.
 *
 * Nothing typed is lost.  While there are unsaved changes the screen
 * saves a draft into the journal (the encrypted vault; never a file of
 * its own) every ED_AUTOSAVE_SECONDS, and when it leaves for any other
 * reason than saving or a confirmed discard: locking, the idle lock,
 * SIGHUP, SIGTERM and Ctrl-C all make the screens leave first.  The draft
 * is named "editor" for a new entry and "editor:UUID" for a change.  Its
 * text is a small header, one "name value" line each, then an empty line
 * and the entry's text:
 *
 *	tend-draft 1
 *	saved 1764213000
 *	title Ein ruhiger Abend
 *	tags sleep calm
 *	kind journal
 *	shared 0
 *	prompt What stood out most from the session, right now?
 *
 *	The entry's text...
 *
 * (the prompt line only when one was chosen).  Saving the entry or
 * leaving without saving (after a question) deletes the draft.  Opening
 * the editor when its draft exists continues the draft.  After an unlock,
 * editor_offer_draft() asks whether to continue one; "no" asks whether to
 * throw it away, and "no" again keeps it to be offered next time.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>

#include "ui/ui.h"
#include "ui/prompts.h"
#include "ui/textbuf.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"
#include "tend/vault.h"

#define ED_AUTOSAVE_SECONDS 3
#define ED_TITLE_MAX 200
#define ED_TAGS_MAX 1000
#define ED_KEY_MAX (7 + STORE_UUID_LEN + 1)
#define ED_DRAFT_MAGIC "tend-draft 1\n"
/* Codes for Ctrl-Left/Right when the terminal description has none. */
#define ED_KEY_CTRL_LEFT (KEY_MAX + 1001)
#define ED_KEY_CTRL_RIGHT (KEY_MAX + 1002)
/* Bracketed paste: the terminal marks pasted text, so a Tab in it is
 * text and not a move to the next field. */
#define ED_KEY_PASTE_START (KEY_MAX + 1003)
#define ED_KEY_PASTE_END (KEY_MAX + 1004)

enum ed_focus { ED_TITLE, ED_TAGS, ED_KIND, ED_SHARE, ED_BODY, ED_FOCI };

static const char *const ed_kinds[] = {
	"journal", "reflection", "dream", "other",
};
#define ED_NKINDS (sizeof ed_kinds / sizeof ed_kinds[0])

struct editor {
	struct textbuf tb;
	struct field title, tags;
	int kind;               /* index into ed_kinds */
	int shared;
	char *prompt;           /* the prompt chosen, or NULL */
	enum ed_focus focus;
	char *uuid;             /* the entry changed; NULL: a new one */
	char key[ED_KEY_MAX];   /* the draft's name */
	int missing;            /* the entry to change could not be read */

	enum prompt_phase phase;
	unsigned prompt_turn;
	const struct prompt *shown;     /* the built-in prompt on screen */

	size_t top;             /* the first text line in the window */
	int ctrl_left, ctrl_right;
	int paste_start, paste_end;
	int pasting;            /* inside a bracketed paste */

	/* Unsaved: the text or a field changed since the entry was read or
	 * saved.  Draft pending: they changed since the draft was saved. */
	unsigned long saved_tb, draft_tb;
	unsigned meta, saved_meta, draft_meta;
	struct timespec draft_time;
	int drafted;            /* a draft of this entry is in the journal */
};

static const struct keydef editor_keys[] = {
	{ ACT_SAVE, { UI_CTRL('s') }, "Save",
	  "Save the entry and go back.", 1 },
	{ ACT_BACK, { UI_ESC }, "Leave",
	  "Go back. If there are unsaved changes, tend asks first.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_PROMPT, { UI_CTRL('p') }, "Prompt",
	  "Show a reflection prompt for where you are in your treatment; "
	  "press again for another.", 1 },
	{ ACT_NEXT_FIELD, { '\t' }, "Next",
	  "Move to the next field: title, tags, kind, sharing, text.", 1 },
	{ ACT_PREV_FIELD, { UI_KC(KEY_BTAB) }, "Previous",
	  "Move to the field before.", 0 },
	{ ACT_UNDO, { UI_CTRL('z') }, "Undo",
	  "Take back the last change to the text (a run of typing at "
	  "once); press again for the one before.", 1 },
	{ ACT_MORE, { UI_CTRL('k') }, "Kind",
	  "Change the kind of entry: journal, reflection, dream, other.", 1 },
	{ ACT_TOGGLE, { UI_CTRL('t') }, "Share",
	  "Mark the entry to share with your therapist, or keep it "
	  "private.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* ---- small helpers ---- */

static int
ed_unsaved(const struct editor *ed)
{
	return ed->tb.version != ed->saved_tb || ed->meta != ed->saved_meta;
}

static int
ed_draft_pending(const struct editor *ed)
{
	return ed_unsaved(ed) &&
	    (ed->tb.version != ed->draft_tb || ed->meta != ed->draft_meta);
}

static void
ed_mark_saved(struct editor *ed)
{
	ed->saved_tb = ed->draft_tb = ed->tb.version;
	ed->saved_meta = ed->draft_meta = ed->meta;
}

/* The text window: columns and rows, below the fields. */
static int
ed_text_width(void)
{
	return COLS - 4 > 1 ? COLS - 4 : 1;
}

static int
ed_header_rows(const struct editor *ed)
{
	return ed->prompt != NULL ? 6 : 4;
}

static int
ed_text_top(const struct editor *ed)
{
	return ui_body_top() + ed_header_rows(ed) + 1;
}

static int
ed_text_rows(const struct editor *ed)
{
	int n = ui_body_end() - ed_text_top(ed);

	return n > 1 ? n : 1;
}

/* The key code for a capability like kLFT5, defining fallback as a new
 * key when the terminal description has none. */
static int
ed_keycode(const char *cap, const char *fallback, int code)
{
	char *s = tigetstr(cap);
	int k;

	/* tigetstr() says "not a string capability" with (char *)-1. */
	if (s == NULL || (intptr_t)s == -1)
		s = (char *)fallback;
	k = key_defined(s);
	if (k > 0)
		return k;
	return define_key(s, code) == OK ? code : -1;
}

static void
ed_set_field(struct field *f, const char *s)
{
	size_t n = strlen(s);

	field_reset(f);
	if (n > f->max)
		n = f->max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;            /* never cut a character */
	memcpy(f->buf, s, n);
	f->buf[n] = '\0';
	f->len = n;
}

static int
ed_kind_index(const char *kind)
{
	size_t i;

	for (i = 0; i < ED_NKINDS; i++)
		if (kind != NULL && strcmp(kind, ed_kinds[i]) == 0)
			return (int)i;
	return 0;
}

/* ---- drafts ---- */

/* The draft text for ed (malloc'd; wipe and free it). */
static char *
ed_draft_text(struct editor *ed, size_t *len)
{
	const char *body = tb_text(&ed->tb);
	size_t blen = tb_len(&ed->tb), hlen;
	char *head, *out;

	head = xasprintf(ED_DRAFT_MAGIC "saved %lld\ntitle %s\ntags %s\n"
	    "kind %s\nshared %d\n%s%s%s\n", (long long)time(NULL),
	    ed->title.buf, ed->tags.buf, ed_kinds[ed->kind], ed->shared,
	    ed->prompt != NULL ? "prompt " : "",
	    ed->prompt != NULL ? ed->prompt : "",
	    ed->prompt != NULL ? "\n" : "");
	hlen = strlen(head);
	out = xmalloc(hlen + blen + 1);
	memcpy(out, head, hlen);
	memcpy(out + hlen, body, blen + 1);
	vault_wipe(head, hlen);
	free(head);
	*len = hlen + blen;
	return out;
}

static void
ed_draft_drop(struct app *a, struct editor *ed)
{
	struct err e;

	if (a->store != NULL && !a->readonly)
		store_draft_save(a->store, ed->key, NULL, &e);
	ed->drafted = 0;
}

/* Save the draft now; 0 or -1 (said on the message line). */
static int
ed_draft_save(struct app *a, struct editor *ed)
{
	struct err e;
	size_t len;
	char *text;
	int rc;

	if (a->store == NULL || a->readonly)
		return -1;
	if (tb_len(&ed->tb) == 0 && ed->title.len == 0 && ed->tags.len == 0) {
		/* Nothing typed: nothing to keep (or to offer back). */
		if (ed->drafted)
			ed_draft_drop(a, ed);
		ed->draft_tb = ed->tb.version;
		ed->draft_meta = ed->meta;
		clock_gettime(CLOCK_MONOTONIC, &ed->draft_time);
		return 0;
	}
	text = ed_draft_text(ed, &len);
	rc = store_draft_save(a->store, ed->key, text, &e);
	vault_wipe(text, len);
	free(text);
	clock_gettime(CLOCK_MONOTONIC, &ed->draft_time);
	if (rc != 0) {
		ui_message(a, ROLE_WARNING, "The draft could not be kept: %s.",
		    e.msg);
		return -1;
	}
	ed->draft_tb = ed->tb.version;
	ed->draft_meta = ed->meta;
	ed->drafted = 1;
	return 0;
}

/* Fill ed from a draft's text; returns when it was saved (0 if it does
 * not say). */
static time_t
ed_draft_load(struct editor *ed, const char *text)
{
	size_t mlen = strlen(ED_DRAFT_MAGIC);
	const char *p = text, *nl;
	time_t saved = 0;

	if (strncmp(text, ED_DRAFT_MAGIC, mlen) != 0) {
		tb_set(&ed->tb, text, strlen(text));
		return 0;
	}
	p += mlen;
	while ((nl = strchr(p, '\n')) != NULL && nl != p) {
		size_t n = (size_t)(nl - p);
		char *line = xmalloc(n + 1);
		const char *v;

		memcpy(line, p, n);
		line[n] = '\0';
		v = strchr(line, ' ') != NULL ? strchr(line, ' ') + 1 : "";
		if (strncmp(line, "saved ", 6) == 0)
			saved = (time_t)strtoll(v, NULL, 10);
		else if (strncmp(line, "title ", 6) == 0)
			ed_set_field(&ed->title, v);
		else if (strncmp(line, "tags ", 5) == 0)
			ed_set_field(&ed->tags, v);
		else if (strncmp(line, "kind ", 5) == 0)
			ed->kind = ed_kind_index(v);
		else if (strncmp(line, "shared ", 7) == 0)
			ed->shared = atoi(v) != 0;
		else if (strncmp(line, "prompt ", 7) == 0 && *v != '\0') {
			free(ed->prompt);
			ed->prompt = xstrdup(v);
		}
		vault_wipe(line, n);
		free(line);
		p = nl + 1;
	}
	if (nl != NULL)
		p = nl + 1;
	tb_set(&ed->tb, p, strlen(p));
	return saved;
}

/* ---- entering and leaving ---- */

static int
ed_load_entry(const struct entry *r, void *arg)
{
	struct editor *ed = arg;

	ed_set_field(&ed->title, r->title != NULL ? r->title : "");
	ed_set_field(&ed->tags, r->tags != NULL ? r->tags : "");
	ed->kind = ed_kind_index(r->kind);
	ed->shared = r->shared;
	free(ed->prompt);
	ed->prompt = r->prompt != NULL && r->prompt[0] != '\0' ?
	    xstrdup(r->prompt) : NULL;
	tb_set(&ed->tb, r->body, strlen(r->body));
	ed->missing = 0;
	return 0;
}

static void
editor_enter(struct app *a, struct frame *f)
{
	struct editor *ed = xcalloc(1, sizeof *ed);
	char place[128], *draft;
	struct err e;

	tb_init(&ed->tb);
	field_init(&ed->title, 0, ED_TITLE_MAX);
	field_init(&ed->tags, 0, ED_TAGS_MAX);
	ed->uuid = f->arg;
	f->arg = NULL;
	f->data = ed;
	ed->focus = ED_BODY;
	snprintf(ed->key, sizeof ed->key, "editor%s%s",
	    ed->uuid != NULL ? ":" : "", ed->uuid != NULL ? ed->uuid : "");
	ed->ctrl_left = ed_keycode("kLFT5", "\033[1;5D", ED_KEY_CTRL_LEFT);
	ed->ctrl_right = ed_keycode("kRIT5", "\033[1;5C", ED_KEY_CTRL_RIGHT);
	ed->paste_start = ed_keycode("PS", "\033[200~", ED_KEY_PASTE_START);
	ed->paste_end = ed_keycode("PE", "\033[201~", ED_KEY_PASTE_END);
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	if (a->store == NULL)
		return;
	store_place(a->store, time(NULL), place, sizeof place);
	ed->phase = prompt_phase_of(place);
	if (ed->uuid != NULL) {
		ed->missing = 1;
		if (store_entry_get(a->store, ed->uuid, ed_load_entry, ed,
		    &e) != 0 || ed->missing) {
			ui_message(a, ROLE_WARNING, "This entry could not be "
			    "opened. Press Esc to go back.");
			ed->missing = 1;
			return;
		}
	}
	ed->tb.cursor = ed->uuid != NULL ? tb_len(&ed->tb) : 0;
	ed_mark_saved(ed);
	draft = store_draft_get(a->store, ed->key);
	if (draft != NULL) {
		time_t saved = ed_draft_load(ed, draft);
		char when[32];

		vault_wipe(draft, strlen(draft));
		free(draft);
		ed->meta++;             /* unsaved until saved */
		ed->draft_tb = ed->tb.version;
		ed->draft_meta = ed->meta;
		ed->drafted = 1;
		time_format_local(saved, when, sizeof when);
		ui_message(a, ROLE_MESSAGE, "Here is your unsaved entry from "
		    "%s, as you left it.", when);
	}
}

static void
editor_leave(struct app *a, struct frame *f)
{
	struct editor *ed = f->data;

	if (ed == NULL)
		return;
	/* Locking, a signal or Ctrl-C: keep what was typed. */
	if (!ed->missing && ed_draft_pending(ed))
		ed_draft_save(a, ed);
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	tb_free(&ed->tb);
	field_free(&ed->title);
	field_free(&ed->tags);
	if (ed->prompt != NULL) {
		vault_wipe(ed->prompt, strlen(ed->prompt));
		free(ed->prompt);
	}
	free(ed->uuid);
	free(ed);
	f->data = NULL;
}

static int
editor_tick(struct app *a, struct frame *f)
{
	struct editor *ed = f->data;
	struct timespec now;

	if (ed == NULL || ed->missing || !ed_draft_pending(ed))
		return UI_NOTHING;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ed->drafted && now.tv_sec - ed->draft_time.tv_sec <
	    ED_AUTOSAVE_SECONDS)
		return UI_NOTHING;
	if (!ed->drafted && now.tv_sec - ed->draft_time.tv_sec < 1)
		return UI_NOTHING;
	ed_draft_save(a, ed);
	return UI_DRAW_BARS;
}

/* ---- drawing ---- */

static void
ed_label(struct app *a, struct editor *ed, enum ed_focus which, int y,
    const char *label)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%s%s", ed->focus == which ?
	    draw_glyph(a, "▸ ", "> ") : "  ", label);
	draw_text(a, y, 0, 9, ed->focus == which ? ROLE_HEADING :
	    ROLE_NORMAL, buf);
}

static void
ed_draw_field(struct app *a, struct editor *ed, struct field *fl,
    enum ed_focus which, int y, const char *label, const char *hint)
{
	ed_label(a, ed, which, y, label);
	field_draw(a, fl, y, 9, COLS - 11);
	if (fl->len == 0 && ed->focus != which)
		draw_text(a, y, 9, COLS - 11, ROLE_HINT, hint);
	if (ed->focus == which) {
		int cy, cx;

		getyx(stdscr, cy, cx);
		a->cursor_y = cy;
		a->cursor_x = cx;
	}
}

/* Draw the text from ed->top; places the cursor when the text has the
 * focus. */
static void
ed_draw_text(struct app *a, struct editor *ed, int y0, int rows)
{
	int width = ed_text_width(), r, row, col;
	size_t s = ed->top, end, len = tb_len(&ed->tb), i;
	wchar_t wc[16];
	size_t n;
	int w;

	attrset(a->attr[ROLE_NORMAL]);
	for (r = 0; r < rows; r++) {
		size_t next = tb_vline(&ed->tb, s, width, &end);
		int x = 0;

		move(y0 + r, 2);
		for (i = s; i < end;) {
			size_t k;

			i = tb_cluster(&ed->tb, i, wc, 15, &n, &w);
			for (k = 0; k < n; k++)
				if (wc[k] < ' ' || wc[k] == 0x7f)
					wc[k] = ' ';    /* a tab or a stray
							 * control character */
			if (x + w > width + 1)
				break;
			addnwstr(wc, (int)n);
			x += w;
		}
		if (end == len)
			break;
		s = next;
	}
	if (len == 0 && ed->focus != ED_BODY)
		draw_text(a, y0, 2, width, ROLE_HINT,
		    "Press Tab to come back to the text.");
	if (ed->focus == ED_BODY) {
		tb_cursor_at(&ed->tb, width, ed->top, &row, &col);
		if (col > width)
			col = width;
		a->cursor_y = y0 + row;
		a->cursor_x = 2 + col;
	}
}

static void
editor_draw(struct app *a, struct frame *f)
{
	struct editor *ed = f->data;
	int y = ui_body_top(), rows;
	char buf[160];

	if (ed->missing) {
		draw_wrap(a, y + 1, 2, COLS - 4, 3, ROLE_NORMAL,
		    "This entry could not be opened. Nothing was changed; "
		    "press Esc to go back.");
		return;
	}
	ed_draw_field(a, ed, &ed->title, ED_TITLE, y, "Title",
	    "(none yet: Tab to add one)");
	ed_draw_field(a, ed, &ed->tags, ED_TAGS, y + 1, "Tags",
	    "(none yet: words separated by spaces)");
	ed_label(a, ed, ED_KIND, y + 2, "Kind");
	snprintf(buf, sizeof buf, "%s %s %s", draw_glyph(a, "‹", "<"),
	    ed_kinds[ed->kind], draw_glyph(a, "›", ">"));
	draw_text(a, y + 2, 9, COLS - 11, ed->focus == ED_KIND ?
	    ROLE_SELECTED : ROLE_NORMAL, buf);
	if (ed->focus == ED_KIND) {
		a->cursor_y = y + 2;
		a->cursor_x = 10;
	}
	ed_label(a, ed, ED_SHARE, y + 3, "Share");
	draw_text(a, y + 3, 9, COLS - 11, ed->shared ? ROLE_SHARED :
	    ROLE_PRIVATE, ed->shared ? "shared with your therapist" :
	    "private: only you can read it");
	if (ed->focus == ED_SHARE) {
		a->cursor_y = y + 3;
		a->cursor_x = 9;
	}
	if (ed->prompt != NULL) {
		if (ed->shown != NULL)
			snprintf(buf, sizeof buf, "A prompt (%s, %s):",
			    prompt_area_name(ed->shown->area),
			    prompt_phase_name(ed->shown->phase));
		else
			snprintf(buf, sizeof buf, "The prompt:");
		draw_text(a, y + 4, 2, COLS - 4, ROLE_HINT, buf);
		draw_wrap(a, y + 5, 4, COLS - 6, 1, ROLE_HINT, ed->prompt);
	}
	y = ed_text_top(ed) - 1;
	attrset(a->attr[ROLE_DIM]);
	mvhline(y, 2, ACS_HLINE, COLS - 4);
	attrset(a->attr[ROLE_NORMAL]);
	snprintf(buf, sizeof buf, " %s%s ", ed->focus == ED_BODY ?
	    draw_glyph(a, "▸ ", "> ") : "", ed->uuid != NULL ?
	    "Your entry (changing it keeps the earlier text)" : "Your entry");
	draw_text(a, y, 4, COLS - 8, ed->focus == ED_BODY ? ROLE_HEADING :
	    ROLE_DIM, buf);
	rows = ed_text_rows(ed);
	ed->top = tb_view(&ed->tb, ed_text_width(), rows, ed->top);
	ed_draw_text(a, ed, ed_text_top(ed), rows);
}

static void
editor_resize(struct app *a, struct frame *f)
{
	struct editor *ed = f->data;

	(void)a;
	/* The same text wraps differently: find its line again. */
	ed->top = tb_vline_start(&ed->tb, ed->top, ed_text_width());
}

/* ---- saving and leaving ---- */

/* Split the tags field into words (pointers into copy). */
static size_t
ed_tags_split(char *copy, const char **tags, size_t max)
{
	size_t n = 0;
	char *p = copy, *save = NULL, *w;

	while (n < max && (w = strtok_r(p, " \t", &save)) != NULL) {
		tags[n++] = w;
		p = NULL;
	}
	return n;
}

static int
ed_save(struct app *a, struct editor *ed)
{
	char *tagcopy;
	const char *tags[ED_TAGS_MAX / 2 + 1];
	struct entry_new n;
	struct err e;
	int rc;

	if (ed->missing)
		return UI_NOTHING;
	memset(&n, 0, sizeof n);
	n.body = tb_text(&ed->tb);
	if (utf8_blank(n.body)) {
		ui_message(a, ROLE_MESSAGE, "There is nothing to save yet: "
		    "the text is empty.");
		return UI_DRAW_BARS;
	}
	tagcopy = xstrdup(ed->tags.buf);
	n.ntags = ed_tags_split(tagcopy, tags, sizeof tags / sizeof tags[0]);
	n.tags = tags;
	n.title = ed->title.len > 0 ? ed->title.buf : NULL;
	n.kind = ed_kinds[ed->kind];
	n.prompt = ed->prompt;
	n.shared = ed->shared;
	if (ed->uuid != NULL)
		rc = store_entry_update(a->store, ed->uuid, &n, &e);
	else {
		char id[STORE_UUID_LEN + 1];

		rc = store_entry_add(a->store, &n, id, &e);
	}
	vault_wipe(tagcopy, strlen(ed->tags.buf));
	free(tagcopy);
	if (rc != 0) {
		ui_message(a, ROLE_WARNING, "Not saved yet: %s.", e.msg);
		return UI_DRAW_BARS;
	}
	ed_draft_drop(a, ed);
	ed_mark_saved(ed);
	rc = ed->shared;
	ui_pop(a);              /* ed is gone now */
	ui_message(a, ROLE_GOOD, "Your entry is saved%s.", rc ?
	    ", marked to share with your therapist" : " and kept private");
	return UI_DRAW_ALL;
}

static void
ed_discard_answer(struct app *a, void *arg, int yes)
{
	struct editor *ed = arg;

	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "Nothing was thrown away. Carry "
		    "on when you are ready.");
		return;
	}
	ed_draft_drop(a, ed);
	ed_mark_saved(ed);
	ui_pop(a);
	ui_message(a, ROLE_MESSAGE, "You left without saving. The unsaved "
	    "text is gone.");
}

static int
ed_back(struct app *a, struct editor *ed)
{
	if (ed->missing || !ed_unsaved(ed)) {
		ui_pop(a);
		return UI_DRAW_ALL;
	}
	{
		struct confirm q = {
			.question = "Leave without saving? What you wrote "
			    "here since the last save will be thrown away.",
			.keys_hint = "y: yes, throw it away    n: no, keep "
			    "writing",
			.answer = ed_discard_answer,
			.arg = ed,
		};

		confirm_ask(a, &q);
	}
	return UI_DRAW_ALL;
}

/* ---- keys ---- */

static int
ed_text_key(struct editor *ed, int key)
{
	int width = ed_text_width(), rows = ed_text_rows(ed);
	int changed = 0;

	if (key == UI_ENTER)
		tb_insert_char(&ed->tb, '\n'), changed = 1;
	else if (key == UI_KC(KEY_BACKSPACE))
		changed = tb_backspace(&ed->tb);
	else if (key == UI_KC(KEY_DC))
		changed = tb_delete(&ed->tb);
	else if (key == UI_KC(KEY_LEFT))
		tb_left(&ed->tb);
	else if (key == UI_KC(KEY_RIGHT))
		tb_right(&ed->tb);
	else if (key == UI_KC(KEY_UP))
		tb_lines(&ed->tb, width, -1);
	else if (key == UI_KC(KEY_DOWN))
		tb_lines(&ed->tb, width, 1);
	else if (key == UI_KC(KEY_PPAGE))
		tb_lines(&ed->tb, width, -(rows > 2 ? rows - 1 : 1));
	else if (key == UI_KC(KEY_NPAGE))
		tb_lines(&ed->tb, width, rows > 2 ? rows - 1 : 1);
	else if (key == UI_KC(KEY_HOME))
		tb_home(&ed->tb);
	else if (key == UI_KC(KEY_END))
		tb_end(&ed->tb);
	else if (ed->ctrl_left > 0 && key == UI_KC(ed->ctrl_left))
		tb_word_left(&ed->tb);
	else if (ed->ctrl_right > 0 && key == UI_KC(ed->ctrl_right))
		tb_word_right(&ed->tb);
	else if (!(key & UI_KEYCODE) && (key >= ' ' || key == '\t') &&
	    key != 127)
		tb_insert_char(&ed->tb, (unsigned)key), changed = 1;
	else
		return UI_NOTHING;
	/* A change at or before the first line shown may rewrap it. */
	if (changed && ed->tb.edit_pos <= ed->top)
		ed->top = tb_vline_start(&ed->tb, ed->tb.edit_pos, width);
	return UI_DRAW_BODY;
}

static int
editor_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct editor *ed = f->data;

	if (a->readonly && act != ACT_BACK && act != ACT_HELP)
		return UI_NOTHING;
	if (ed->paste_start > 0 && key == UI_KC(ed->paste_start)) {
		ed->pasting = 1;
		return UI_NOTHING;
	}
	if (ed->paste_end > 0 && key == UI_KC(ed->paste_end)) {
		ed->pasting = 0;
		return UI_NOTHING;
	}
	if (ed->pasting && ed->focus == ED_BODY && key == '\t')
		return ed_text_key(ed, key);    /* pasted: text, not a key */
	switch (act) {
	case ACT_SAVE:
		return ed_save(a, ed);
	case ACT_BACK:
		return ed_back(a, ed);
	case ACT_HELP:
		return UI_PASS;
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		ed->focus = (enum ed_focus)((ed->focus + (act == ACT_NEXT_FIELD ?
		    1 : ED_FOCI - 1)) % ED_FOCI);
		tb_end_run(&ed->tb);
		return UI_DRAW_BODY;
	case ACT_PROMPT:
		ed->shown = prompt_next(ed->phase, &ed->prompt_turn);
		if (ed->shown == NULL)
			return UI_NOTHING;
		free(ed->prompt);
		ed->prompt = xstrdup(ed->shown->text);
		ed->meta++;
		return UI_DRAW_BODY;
	case ACT_UNDO:
		if (!tb_undo(&ed->tb))
			ui_message(a, ROLE_MESSAGE, "There is nothing more to "
			    "undo in the text.");
		ed->top = tb_vline_start(&ed->tb, ed->top, ed_text_width());
		ed->focus = ED_BODY;
		return UI_DRAW_ALL;
	case ACT_MORE:
		ed->kind = (ed->kind + 1) % (int)ED_NKINDS;
		ed->meta++;
		return UI_DRAW_BODY;
	case ACT_TOGGLE:
		ed->shared = !ed->shared;
		ed->meta++;
		return UI_DRAW_BODY;
	default:
		break;
	}
	if (ed->missing)
		return UI_NOTHING;
	switch (ed->focus) {
	case ED_TITLE:
	case ED_TAGS:
		if (key == UI_ENTER) {
			ed->focus++;
			return UI_DRAW_BODY;
		}
		if (!field_key(ed->focus == ED_TITLE ? &ed->title : &ed->tags,
		    key))
			return UI_NOTHING;
		ed->meta++;
		return UI_DRAW_BODY;
	case ED_KIND:
	case ED_SHARE:
		if (key == UI_ENTER) {
			ed->focus++;
			return UI_DRAW_BODY;
		}
		if (key != ' ' && key != UI_KC(KEY_LEFT) &&
		    key != UI_KC(KEY_RIGHT))
			return UI_NOTHING;
		if (ed->focus == ED_SHARE)
			ed->shared = !ed->shared;
		else
			ed->kind = (ed->kind + (key == UI_KC(KEY_LEFT) ?
			    (int)ED_NKINDS - 1 : 1)) % (int)ED_NKINDS;
		ed->meta++;
		return UI_DRAW_BODY;
	default:
		return ed_text_key(ed, key);
	}
}

static int
editor_active(struct app *a, struct frame *f, enum action act)
{
	(void)f;
	return !a->readonly || act == ACT_BACK || act == ACT_HELP;
}

/* ---- offering a draft back after an unlock ---- */

struct ed_offer {
	char key[ED_KEY_MAX];
	char question[160];
};

static int
ed_find_draft(const char *key, time_t saved, void *arg)
{
	struct ed_offer *o = arg;
	char when[32];

	if (strcmp(key, "editor") != 0 && strncmp(key, "editor:", 7) != 0)
		return 0;
	snprintf(o->key, sizeof o->key, "%s", key);
	time_format_local(saved, when, sizeof when);
	snprintf(o->question, sizeof o->question, "You have an unsaved "
	    "entry from %s. Continue it?", when);
	return 1;
}

static void
ed_offer_drop(struct app *a, void *arg, int yes)
{
	struct ed_offer *o = arg;
	struct err e;

	if (yes && store_draft_save(a->store, o->key, NULL, &e) == 0)
		ui_message(a, ROLE_MESSAGE, "The unsaved entry is gone.");
	else
		ui_message(a, ROLE_MESSAGE, "It is kept: tend will ask again "
		    "next time, and it comes back when you write a%s entry.",
		    strchr(o->key, ':') != NULL ? "gain in that" : " new");
	free(o);
}

static void
ed_offer_answer(struct app *a, void *arg, int yes)
{
	struct ed_offer *o = arg;
	const char *colon = strchr(o->key, ':');

	if (yes) {
		ui_open(a, "editor", colon != NULL ? xstrdup(colon + 1) : NULL);
		free(o);
		return;
	}
	{
		static const struct confirm q = {
			.question = "Throw the unsaved entry away for good?",
			.keys_hint = "y: yes, throw it away    n: no, keep it "
			    "for later",
			.answer = ed_offer_drop,
		};
		struct confirm c = q;

		c.arg = o;
		confirm_ask(a, &c);
	}
}

void
editor_offer_draft(struct app *a)
{
	struct ed_offer *o;
	struct err e;

	if (a->store == NULL || a->readonly)
		return;
	o = xcalloc(1, sizeof *o);
	if (store_draft_list(a->store, ed_find_draft, o, &e) != 1) {
		free(o);
		return;
	}
	{
		struct confirm q = {
			.question = o->question,
			.keys_hint = "y: yes, continue it    n: no",
			.answer = ed_offer_answer,
			.arg = o,
		};

		confirm_ask(a, &q);
	}
}

const struct screen screen_editor = {
	.name = "editor",
	.title = "Write",
	.enter = editor_enter,
	.draw = editor_draw,
	.key = editor_key,
	.resize = editor_resize,
	.leave = editor_leave,
	.tick = editor_tick,
	.active = editor_active,
	.keys = editor_keys,
	.about = "Write in your own words; nothing here is checked or "
	    "judged. Arrows move in the text, Ctrl with Left or Right by "
	    "word, Home and End to the start and end of the paragraph, "
	    "PgUp and PgDn by a screen. Backspace and Delete remove a "
	    "character, Enter starts a new line. In the kind and sharing "
	    "fields, Space or the arrows change them. While you write, tend "
	    "keeps a draft inside your encrypted journal every few seconds, "
	    "so nothing is lost if the window closes or the journal locks; "
	    "you are offered it back next time.",
};
