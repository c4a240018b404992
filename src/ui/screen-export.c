/*
 * screen-export.c: write an encrypted file for the therapist.
 *
 * One calm page: who can open the file (the therapists stored with
 * `tend therapist add`, and/or a six-word share passphrase), the range,
 * whether private entries go too, and the file's name.  Before anything
 * is written tend always says what the file will hold (store_export_counts)
 * and asks; the file itself is written by share_export_bundle, the same
 * function `tend export` uses, so both write exactly the same bundle.
 *
 * An existing file is never replaced.  A share passphrase is shown once,
 * on this screen after writing, in guarded memory that is wiped when the
 * screen closes (and when tend locks).  Exporting needs the journal's
 * signing key, so the screen does nothing in review mode.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui.h"
#include "tend/err.h"
#include "tend/share.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

#define EXPORT_MAX_TO 8         /* key slots in a bundle, all told */
#define EXPORT_NAME_MAX 65      /* a therapist's name, 64 characters */

enum range { RANGE_SESSION, RANGE_WEEKS, RANGE_ALL, RANGE_COUNT };

struct xtherapist {
	char *name;
	unsigned char key[32];
	int on;
};

struct export {
	struct xtherapist *th;
	int nth;
	int pass;               /* also a share passphrase */
	enum range range;
	time_t last_session;    /* the latest session not in the future; 0 */
	int private_too;
	struct field file;
	int focus;              /* a therapist, or nth + ITEM_* */
	int top;                /* the first row shown when it must scroll */
	char *question;         /* the summary asked about */
	/* after writing */
	int done;
	char *written;          /* the path as typed */
	char *words;            /* the share passphrase (guarded) or NULL */
	/* the journal itself: what the therapist will see */
	char own_fpr[SHARE_FPR_CHARS];
	char *own_name;         /* the "owner" setting, or NULL */
};

/* The items after the therapists, in order. */
enum { ITEM_PASS, ITEM_RANGE, ITEM_PRIVATE, ITEM_FILE, ITEM_WRITE,
    ITEM_COUNT };

static const struct keydef export_keys[] = {
	{ ACT_TOGGLE, { ' ' }, "Choose",
	  "Tick or untick the chosen line; on the range, the next range.", 1 },
	{ ACT_NEXT_FIELD, { '\t', UI_KC(KEY_DOWN) }, "Next",
	  "Go to the next line.", 1 },
	{ ACT_PREV_FIELD, { UI_KC(KEY_BTAB), UI_KC(KEY_UP) }, "Previous",
	  "Go to the line before.", 0 },
	{ ACT_SAVE, { UI_CTRL('s') }, "Write",
	  "Write the file. tend first shows what it will hold and asks.", 1 },
	{ ACT_CONFIRM, { UI_ENTER }, "Enter",
	  "On Write: write the file. On any other line: go to the next "
	  "one.", 0 },
	{ ACT_MORE, { UI_KC(KEY_RIGHT) }, "Next range",
	  "On the range: the next choice.", 0 },
	{ ACT_LESS, { UI_KC(KEY_LEFT) }, "Range before",
	  "On the range: the choice before.", 0 },
	{ ACT_ADD, { UI_CTRL('t') }, "Add therapist",
	  "Store a therapist's key (the line starting with tend1) and see "
	  "its fingerprint.", 1 },
	{ ACT_EDIT, { UI_CTRL('n') }, "Name",
	  "Change the name your files carry.", 0 },
	{ ACT_BACK, { UI_ESC }, "Back",
	  "Go back. Nothing is written until you say yes.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* ---- loading ---- */

static int
export_add_therapist(const struct therapist *t, void *arg)
{
	struct export *x = arg;
	struct xtherapist *r;

	x->th = xrealloc(x->th, (size_t)(x->nth + 1) * sizeof *x->th);
	r = &x->th[x->nth++];
	r->name = xstrdup(t->name);
	memcpy(r->key, t->key, 32);
	r->on = 0;
	return 0;
}

static int
export_see_session(const struct session *s, void *arg)
{
	struct export *x = arg;

	if (s->time <= time(NULL) && s->time > x->last_session)
		x->last_session = s->time;
	return 0;
}

static void
export_day(time_t t, char out[16])
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static void
export_enter(struct app *a, struct frame *f)
{
	struct export *x = xcalloc(1, sizeof *x);
	char day[16], name[48];
	struct err e;

	field_init(&x->file, 0, FIELD_MAX);
	export_day(time(NULL), day);
	snprintf(name, sizeof name, "~/tend-export-%s.tend", day);
	memcpy(x->file.buf, name, strlen(name) + 1);
	x->file.len = strlen(name);
	if (a->store != NULL && !a->readonly) {
		if (store_therapist_list(a->store, export_add_therapist, x,
		    &e) != 0)
			ui_message(a, ROLE_WARNING, "tend cannot read the "
			    "stored therapists: %s.", e.msg);
		if (store_session_list(a->store, export_see_session, x,
		    &e) != 0)
			x->last_session = 0;
	}
	if (a->vault != NULL && !a->readonly) {
		unsigned char pk[32];

		vault_sign_public(a->vault, pk);
		share_fingerprint(pk, x->own_fpr);
		x->own_name = store_meta_get(a->store, "owner");
	}
	if (x->nth == 1)
		x->th[0].on = 1;        /* the one there is */
	x->pass = x->nth == 0;
	x->range = x->last_session != 0 ? RANGE_SESSION : RANGE_WEEKS;
	x->focus = 0;
	f->data = x;
}

static void
export_leave(struct app *a, struct frame *f)
{
	struct export *x = f->data;
	int i;

	(void)a;
	for (i = 0; i < x->nth; i++)
		free(x->th[i].name);
	free(x->th);
	free(x->own_name);
	field_free(&x->file);
	free(x->question);
	free(x->written);
	if (x->words != NULL)
		vault_secret_free(x->words);
	free(x);
	f->data = NULL;
}

/* Back from adding a therapist or naming the journal: read both again.
 * Ticks stay with their therapists; one that is new is ticked. */
static void
export_resume(struct app *a, struct frame *f)
{
	struct export *x = f->data;
	struct xtherapist *old = x->th;
	int oldn = x->nth, i, k, item = x->focus - oldn;
	struct err e;

	if (a->readonly || a->store == NULL || x->done)
		return;
	free(x->own_name);
	x->own_name = store_meta_get(a->store, "owner");
	x->th = NULL;
	x->nth = 0;
	if (store_therapist_list(a->store, export_add_therapist, x, &e) != 0)
		ui_message(a, ROLE_WARNING, "tend cannot read the stored "
		    "therapists: %s.", e.msg);
	for (i = 0; i < x->nth; i++) {
		x->th[i].on = 1;        /* new: just added */
		for (k = 0; k < oldn; k++)
			if (strcmp(old[k].name, x->th[i].name) == 0)
				x->th[i].on = old[k].on;
	}
	for (k = 0; k < oldn; k++)
		free(old[k].name);
	free(old);
	if (item >= 0)
		x->focus = x->nth + item;
	else if (x->focus >= x->nth)
		x->focus = 0;
}

/* ---- what the choices mean ---- */

static int
export_item(const struct export *x)
{
	return x->focus < x->nth ? -1 : x->focus - x->nth;
}

static int
export_chosen(const struct export *x)
{
	int i, n = 0;

	for (i = 0; i < x->nth; i++)
		n += x->th[i].on;
	return n;
}

static time_t
export_weeks_ago(int weeks)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_mday -= weeks * 7 - 1;    /* today and the 27 days before */
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void
export_scope(const struct export *x, struct export_scope *sc)
{
	memset(sc, 0, sizeof *sc);
	if (x->range == RANGE_SESSION)
		sc->since = x->last_session;
	else if (x->range == RANGE_WEEKS)
		sc->since = export_weeks_ago(4);
	sc->all = x->private_too;
}

static void
export_range_text(const struct export *x, char *buf, size_t len)
{
	char day[16];

	switch (x->range) {
	case RANGE_SESSION:
		export_day(x->last_session, day);
		snprintf(buf, len, "since the last session (%s)", day);
		break;
	case RANGE_WEEKS:
		snprintf(buf, len, "the last 4 weeks");
		break;
	default:
		snprintf(buf, len, "everything");
		break;
	}
}

static void
export_step_range(struct export *x, int dir)
{
	do
		x->range = (enum range)((x->range + dir + RANGE_COUNT) %
		    RANGE_COUNT);
	while (x->range == RANGE_SESSION && x->last_session == 0);
}

/* The file name with a leading ~ made the home folder (free() it). */
static char *
export_path(const char *typed)
{
	const char *home = getenv("HOME");

	if (home != NULL && home[0] != '\0' && typed[0] == '~' &&
	    (typed[1] == '/' || typed[1] == '\0'))
		return xasprintf("%s%s", home, typed + 1);
	return xstrdup(typed);
}

/* "Dr Ada", "Dr Ada and Bo", "Dr Ada, Bo and Cy" (free() it). */
static char *
export_names(const struct export *x)
{
	char *s = xstrdup(""), *t;
	int i, n = 0, total = export_chosen(x);

	for (i = 0; i < x->nth; i++) {
		if (!x->th[i].on)
			continue;
		n++;
		t = xasprintf("%s%s%s", s, n == 1 ? "" : n == total ?
		    " and " : ", ", x->th[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* Who can open it, as the end of a sentence (free() it). */
static char *
export_who(const struct export *x)
{
	char *names = export_names(x), *s;

	if (names[0] == '\0')
		s = xstrdup("whoever has the share passphrase");
	else if (x->pass)
		s = xasprintf("%s and whoever has the share passphrase",
		    names);
	else
		s = xstrdup(names);
	free(names);
	return s;
}

static const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The summary asked about before writing (free() it). */
static char *
export_summary(const struct export *x, const struct export_counts *n)
{
	char *who = export_who(x), *s, *range, *priv;
	long entries = n->entries_shared + (x->private_too ?
	    n->entries_private : 0);
	long checkins = n->checkins + (x->private_too ?
	    n->checkins_private : 0);

	if (n->first != 0) {
		char a[16], b[16];

		export_day(n->first, a);
		export_day(n->last, b);
		range = strcmp(a, b) == 0 ? xasprintf(", all on %s", a) :
		    xasprintf(", from %s to %s", a, b);
	} else
		range = xstrdup("");
	/* Say what stays home: private check-ins are counted. */
	if (x->private_too)
		priv = xstrdup("Private entries and check-ins are included.");
	else if (n->checkins_private > 0)
		priv = xasprintf("Private entries stay out, and so %s %ld "
		    "private check-%s.", plural(n->checkins_private, "does",
		    "do"), n->checkins_private,
		    plural(n->checkins_private, "in", "ins"));
	else
		priv = xstrdup("Private entries and check-ins stay out.");
	s = xasprintf("The file will hold %ld %s%s, %ld check-%s, %ld %s and "
	    "%ld open agenda %s%s. %s Only %s can open it. Write it now?",
	    entries, plural(entries, "entry", "entries"),
	    x->private_too ? "" : " marked to share", checkins,
	    plural(checkins, "in", "ins"), n->sessions,
	    plural(n->sessions, "session", "sessions"), n->agenda,
	    plural(n->agenda, "item", "items"), range, priv, who);
	free(priv);
	free(range);
	free(who);
	return s;
}

/* ---- writing ---- */

static void
export_answer(struct app *a, void *arg, int yes)
{
	struct export *x = arg;
	unsigned char keys[EXPORT_MAX_TO][32];
	char fpr[SHARE_FPR_CHARS], *path, *who;
	struct export_scope sc;
	struct share_export sx;
	struct progress step;
	struct err e;
	int i, n = 0, rc;

	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "Nothing was written.");
		return;
	}
	for (i = 0; i < x->nth && n < EXPORT_MAX_TO; i++)
		if (x->th[i].on)
			memcpy(keys[n++], x->th[i].key, 32);
	export_scope(x, &sc);
	memset(&sx, 0, sizeof sx);
	sx.scope = &sc;
	sx.keys = (const unsigned char (*)[32])keys;
	sx.nkeys = (size_t)n;
	sx.share_pass = x->pass;
	sx.kdf = share_export_kdf();
	if (x->pass) {
		x->words = vault_secret_alloc(SHARE_PASSPHRASE_MAX);
		passphrase_progress_begin(a, "Sealing the file for the share "
		    "passphrase...");
	}
	path = export_path(x->file.buf);
	ui_step_begin(a, &step, "Writing the file");
	rc = share_export_bundle(a->store, a->vault, &sx, path, x->words, fpr,
	    &e);
	ui_step_end(a, &step);
	/* Say where it went: as typed when from the home folder or a full
	 * path, else in full. */
	if (rc == 0) {
		char *full = x->file.buf[0] == '~' || x->file.buf[0] == '/' ?
		    NULL : realpath(path, NULL);

		x->written = full != NULL ? full : xstrdup(x->file.buf);
	}
	free(path);
	if (x->pass)
		passphrase_progress_end(a);
	if (rc != 0) {
		if (x->words != NULL)
			vault_secret_free(x->words);
		x->words = NULL;
		ui_message(a, ROLE_WARNING, "The file was not written: %s.",
		    e.msg);
		return;
	}
	x->done = 1;
	who = export_who(x);
	ui_message(a, ROLE_GOOD, "Written to %s; only %s can open it.",
	    x->written, who);
	free(who);
}

/* Whether the folder path would be written into exists and takes new
 * files. */
static int
export_folder_ok(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ok;

	if (slash == NULL)
		return access(".", W_OK | X_OK) == 0;
	dir = slash == path ? xstrdup("/") :
	    xasprintf("%.*s", (int)(slash - path), path);
	ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

static int
export_write(struct app *a, struct export *x)
{
	struct export_counts n;
	struct export_scope sc;
	struct confirm q;
	struct err e;
	char *path;
	int exists, folder;

	if (export_chosen(x) == 0 && !x->pass) {
		x->focus = 0;
		ui_message(a, ROLE_WARNING, "Please choose who can open the "
		    "file: a therapist, or a share passphrase.");
		return UI_DRAW_ALL;
	}
	if (x->file.len == 0) {
		x->focus = x->nth + ITEM_FILE;
		ui_message(a, ROLE_WARNING, "Please give the file a name.");
		return UI_DRAW_ALL;
	}
	path = export_path(x->file.buf);
	exists = access(path, F_OK) == 0;
	folder = export_folder_ok(path);
	free(path);
	if (!folder) {          /* before the question, not after the yes */
		x->focus = x->nth + ITEM_FILE;
		ui_message(a, ROLE_WARNING, "That folder does not exist or "
		    "cannot be written to; please choose another.");
		return UI_DRAW_ALL;
	}
	if (exists) {
		x->focus = x->nth + ITEM_FILE;
		ui_message(a, ROLE_WARNING, "A file with that name is already "
		    "there; tend never replaces it, so please choose another "
		    "name.");
		return UI_DRAW_ALL;
	}
	export_scope(x, &sc);
	if (store_export_counts(a->store, &sc, &n, &e) != 0) {
		ui_message(a, ROLE_WARNING, "tend cannot gather the entries: "
		    "%s.", e.msg);
		return UI_DRAW_ALL;
	}
	free(x->question);
	x->question = export_summary(x, &n);
	memset(&q, 0, sizeof q);
	q.question = x->question;
	q.keys_hint = "y: yes, write it    n: no, not now";
	q.answer = export_answer;
	q.arg = x;
	confirm_ask(a, &q);
	return UI_DRAW_ALL;
}

/* ---- drawing ---- */

/* What the page says when no therapist is stored: how to add one (the
 * command on a line of its own), and the share passphrase instead. */
static const char *const none_text[3] = {
	"No therapist is stored yet. To add yours, press Ctrl-T, or leave "
	"tend and type:",
	"tend therapist add NAME KEY",
	"where KEY is the line starting with tend1 that your therapist gives "
	"you. Until then, a share passphrase works:",
};

/* Rows of the page: a few lines of text, then one per item. */
struct layout {
	int own;                /* this journal's fingerprint and name */
	int heading;            /* "Who can open it" */
	int none_rows;          /* the how-to when no therapist is stored */
	int first;              /* the first therapist's row */
	int item[ITEM_COUNT];
	int total;
};

static void
export_layout(const struct export *x, int width, struct layout *l)
{
	int r = 0;

	l->own = r;
	r += 3;
	l->heading = r;
	r += 2;
	l->none_rows = 0;
	if (x->nth == 0) {
		l->none_rows = draw_wrap_rows(width, none_text[0]) + 1 +
		    draw_wrap_rows(width, none_text[2]) + 1;
		r += l->none_rows;
	}
	l->first = r;
	r += x->nth;
	l->item[ITEM_PASS] = r++;
	r++;
	l->item[ITEM_RANGE] = r++;
	l->item[ITEM_PRIVATE] = r++;
	l->item[ITEM_FILE] = r++;
	r++;
	l->item[ITEM_WRITE] = r++;
	l->total = r;
}

/* Row r of the page on the screen, or -1 when it is scrolled away. */
static int
export_y(const struct export *x, int r)
{
	int y = ui_body_top() + 1 + r - x->top;

	return y >= ui_body_top() + 1 && y < ui_body_end() ? y : -1;
}

static void
export_label(struct app *a, const struct export *x, int focus, int y,
    const char *label)
{
	char buf[48];

	snprintf(buf, sizeof buf, "%s %s", x->focus == focus ?
	    draw_glyph(a, "▸", ">") : " ", label);
	draw_text(a, y, 2, 12, x->focus == focus ? ROLE_KEY : ROLE_NORMAL,
	    buf);
}

static void
export_check(struct app *a, const struct export *x, int focus, int y,
    int on, const char *text)
{
	char buf[160];
	int w = COLS - 6;

	snprintf(buf, sizeof buf, "%s %s %s", x->focus == focus ?
	    draw_glyph(a, "▸", ">") : " ", on ? "[x]" : "[ ]", text);
	draw_text(a, y, 2, w, x->focus == focus ? ROLE_SELECTED :
	    ROLE_NORMAL, buf);
}

static void
export_draw_done(struct app *a, struct export *x)
{
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char *who = export_who(x), *s;

	y += draw_wrap(a, y, 2, w, maxy - y, ROLE_HEADING,
	    "The file is written") + 1;
	if (y < maxy)
		y += draw_wrap(a, y, 4, w - 2, maxy - y, ROLE_NORMAL,
		    x->written) + 1;
	s = xasprintf("Only %s can open it. It is signed by your journal, "
	    "so your therapist can tell it comes from you.", who);
	if (y < maxy)
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL, s) + 1;
	free(s);
	free(who);
	if (x->words != NULL && y < maxy) {
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_WARNING,
		    "The share passphrase, shown only now:") + 1;
		if (y < maxy)
			y += draw_wrap(a, y, 4, w - 2, maxy - y, ROLE_TITLE,
			    x->words) + 1;
		if (y < maxy)
			y += draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL,
			    "Pass it on in person or by phone, never in the "
			    "same message as the file: whoever has both can "
			    "read it.") + 1;
	}
	if (y < maxy)
		draw_wrap(a, y, 2, w, maxy - y, ROLE_HINT,
		    "Esc goes back to your journal.");
	ui_focus(a, ui_body_top() + 1, 2);      /* the heading */
}

static void
export_draw(struct app *a, struct frame *f)
{
	struct export *x = f->data;
	int w = COLS - 4, x0 = 14, fw = COLS - x0 - 2, y, i, rows;
	int cy = -1, cx = 0, item = export_item(x);
	char buf[160], fpr[SHARE_FPR_CHARS];
	struct layout l;

	if (a->readonly || a->vault == NULL) {
		draw_wrap(a, ui_body_top() + 1, 2, w, ui_body_lines() - 1,
		    ROLE_NORMAL, "Writing a file for a therapist needs your "
		    "own journal open; this is a bundle opened for review.");
		ui_focus(a, ui_body_top() + 1, 2);
		return;
	}
	if (x->done) {
		export_draw_done(a, x);
		return;
	}
	export_layout(x, w, &l);
	rows = ui_body_end() - ui_body_top() - 1;
	/* Keep the chosen line on screen. */
	i = item < 0 ? l.first + x->focus : l.item[item];
	if (i < x->top)
		x->top = i <= l.first ? 0 : i;
	if (i >= x->top + rows)
		x->top = i - rows + 1;
	if ((y = export_y(x, l.own)) >= 0) {
		snprintf(buf, sizeof buf, "Your journal's fingerprint: %s",
		    x->own_fpr);
		draw_text(a, y, 2, w, ROLE_NORMAL, buf);
	}
	if ((y = export_y(x, l.own + 1)) >= 0) {
		char *name = x->own_name != NULL && x->own_name[0] != '\0' ?
		    xasprintf("Its files carry the name \"%s\" (Ctrl-N "
		    "changes it).", x->own_name) :
		    xstrdup("Its files carry no name (Ctrl-N gives it one).");

		draw_text(a, y, 2, w, ROLE_DIM, name);
		free(name);
	}
	if ((y = export_y(x, l.heading)) >= 0)
		draw_text(a, y, 2, w, ROLE_HEADING, "Who can open the file");
	if (l.none_rows > 0) {
		int top = ui_body_top() + 1, end = ui_body_end();

		y = top + l.heading + 2 - x->top;
		y += draw_wrap_clip(a, y, 2, w, top, end, ROLE_NORMAL,
		    none_text[0]);
		if (y >= top && y < end)
			draw_text(a, y, 6, w - 4, ROLE_KEY, none_text[1]);
		draw_wrap_clip(a, y + 1, 2, w, top, end, ROLE_NORMAL,
		    none_text[2]);
	}
	for (i = 0; i < x->nth; i++) {
		if ((y = export_y(x, l.first + i)) < 0)
			continue;
		share_fingerprint(x->th[i].key, fpr);
		snprintf(buf, sizeof buf, "%-20.*s fingerprint %s",
		    EXPORT_NAME_MAX, x->th[i].name, fpr);
		export_check(a, x, i, y, x->th[i].on, buf);
	}
	if ((y = export_y(x, l.item[ITEM_PASS])) >= 0)
		export_check(a, x, x->nth + ITEM_PASS, y, x->pass, x->nth > 0 ?
		    "also a six-word share passphrase" :
		    "a six-word share passphrase");
	if ((y = export_y(x, l.item[ITEM_RANGE])) >= 0) {
		char range[64];

		export_label(a, x, x->nth + ITEM_RANGE, y, "Range");
		export_range_text(x, range, sizeof range);
		snprintf(buf, sizeof buf, "%s %s %s", draw_glyph(a, "‹", "<"),
		    range, draw_glyph(a, "›", ">"));
		draw_text(a, y, x0, fw, item == ITEM_RANGE ? ROLE_SELECTED :
		    ROLE_NORMAL, buf);
	}
	if ((y = export_y(x, l.item[ITEM_PRIVATE])) >= 0) {
		export_label(a, x, x->nth + ITEM_PRIVATE, y, "Private");
		snprintf(buf, sizeof buf, "%s %s", x->private_too ? "[x]" :
		    "[ ]", x->private_too ? "included: every entry and "
		    "check-in in the range" : "left out: only what is marked "
		    "to share");
		draw_text(a, y, x0, fw, item == ITEM_PRIVATE ? ROLE_SELECTED :
		    ROLE_NORMAL, buf);
	}
	if ((y = export_y(x, l.item[ITEM_FILE])) >= 0) {
		export_label(a, x, x->nth + ITEM_FILE, y, "File");
		field_draw(a, &x->file, y, x0, fw);
		if (item == ITEM_FILE)
			getyx(stdscr, cy, cx);
	}
	if ((y = export_y(x, l.item[ITEM_WRITE])) >= 0) {
		export_label(a, x, x->nth + ITEM_WRITE, y, "");
		draw_text(a, y, x0, fw, item == ITEM_WRITE ? ROLE_SELECTED :
		    ROLE_KEY, "[ Write the file ]");
	}
	y = ui_body_top() + 1 + l.total - x->top + 1;
	if (y < ui_body_end())
		draw_wrap(a, y, 2, w, ui_body_end() - y, ROLE_HINT,
		    "Nothing is written until you have seen what the file "
		    "will hold and said yes. It is encrypted: only the people "
		    "ticked above can open it.");
	a->cursor_y = cy;
	a->cursor_x = cx;
	if (cy < 0 && (y = export_y(x, item < 0 ? l.first + x->focus :
	    l.item[item])) >= 0)
		ui_focus(a, y, 2);      /* the chosen line */
}

static void
export_resize(struct app *a, struct frame *f)
{
	struct export *x = f->data;

	(void)a;
	x->top = 0;             /* draw scrolls to the chosen line again */
}

/* ---- keys ---- */

static int
export_toggle(struct app *a, struct export *x)
{
	int item = export_item(x);

	if (item < 0) {
		struct xtherapist *t = &x->th[x->focus];

		if (!t->on && export_chosen(x) + x->pass >= EXPORT_MAX_TO) {
			ui_message(a, ROLE_WARNING, "A file can be opened by "
			    "at most %d people.", EXPORT_MAX_TO);
			return UI_DRAW_BARS;
		}
		t->on = !t->on;
		return UI_DRAW_BODY;
	}
	switch (item) {
	case ITEM_PASS:
		if (!x->pass && export_chosen(x) >= EXPORT_MAX_TO) {
			ui_message(a, ROLE_WARNING, "A file can be opened by "
			    "at most %d people.", EXPORT_MAX_TO);
			return UI_DRAW_BARS;
		}
		x->pass = !x->pass;
		return UI_DRAW_BODY;
	case ITEM_RANGE:
		export_step_range(x, 1);
		return UI_DRAW_BODY;
	case ITEM_PRIVATE:
		x->private_too = !x->private_too;
		return UI_DRAW_BODY;
	case ITEM_FILE:
		return field_key(&x->file, ' ') ? UI_DRAW_BODY : UI_NOTHING;
	default:
		return export_write(a, x);
	}
}

static int
export_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct export *x = f->data;
	int n = x->nth + ITEM_COUNT, item = export_item(x);

	if (item == ITEM_FILE && act == ACT_HELP && key == '?')
		act = ACT_NONE;         /* a '?' in a file name */
	switch (act) {
	case ACT_TOGGLE:
		return export_toggle(a, x);
	case ACT_NEXT_FIELD:
		x->focus = (x->focus + 1) % n;
		return UI_DRAW_BODY;
	case ACT_PREV_FIELD:
		x->focus = (x->focus + n - 1) % n;
		return UI_DRAW_BODY;
	case ACT_CONFIRM:
		if (item == ITEM_WRITE)
			return export_write(a, x);
		x->focus = (x->focus + 1) % n;
		return UI_DRAW_BODY;
	case ACT_SAVE:
		return export_write(a, x);
	case ACT_ADD:
		ui_push(a, &screen_therapist, NULL);
		return UI_DRAW_ALL;
	case ACT_EDIT:
		ui_push(a, &screen_name, NULL);
		return UI_DRAW_ALL;
	case ACT_MORE:
	case ACT_LESS:
		export_step_range(x, act == ACT_MORE ? 1 : -1);
		return UI_DRAW_BODY;
	case ACT_NONE:
		if (item == ITEM_FILE && !x->done && !a->readonly)
			return field_key(&x->file, key) ? UI_DRAW_BODY :
			    UI_NOTHING;
		return UI_NOTHING;
	default:
		return UI_PASS;
	}
}

static int
export_active(struct app *a, struct frame *f, enum action act)
{
	struct export *x = f->data;

	if (act == ACT_BACK || act == ACT_HELP)
		return 1;
	if (a->readonly || a->vault == NULL || x == NULL || x->done)
		return 0;
	if (act == ACT_MORE || act == ACT_LESS)
		return export_item(x) == ITEM_RANGE;
	return 1;
}

const struct screen screen_export = {
	.name = "export",
	.title = "Export for your therapist",
	.enter = export_enter,
	.draw = export_draw,
	.key = export_key,
	.resize = export_resize,
	.leave = export_leave,
	.resume = export_resume,
	.active = export_active,
	.keys = export_keys,
	.about = "Write an encrypted file for your therapist. Tick who can "
	    "open it: the therapists you stored with tend therapist add, "
	    "and, if you like, a six-word share passphrase that you pass on "
	    "in person. Choose the range and whether private entries go "
	    "too. Before anything is written tend shows what the file will "
	    "hold and asks; an existing file is never replaced.",
};
