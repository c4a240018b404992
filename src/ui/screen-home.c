/*
 * screen-home.c: the timeline, tend's home screen: entries and check-ins
 * together, newest first, under headings that say where each falls in the
 * treatment ("Integration - day 4 after medicine session 2").
 *
 * Above the list: the mood of recent check-ins as a sparkline and, in the
 * week after a medicine session, a quiet invitation to check in when today
 * has no check-in yet; and when a questionnaire is due (due.h), a line
 * saying so (a row of its own when the invitation is there too).
 *
 * The list is the list widget over store_timeline_fetch(), so paging never
 * counts rows and a journal of 100,000 entries scrolls like a short one.
 * A row id is the item's row id times four, plus 1 for a check-in, plus 2
 * for "the heading above this item".  Headings are rows of their own: the
 * fetch callback puts one before an item whose placement differs from the
 * item above it (and before the newest item), so they page and scroll
 * with everything else.  A heading is never left selected: a move that
 * lands on one carries on in the same direction.
 *
 * d puts the chosen entry in the trash at once, and u brings it back (so
 * does the trash screen); a check-in has no trash, so d asks first and
 * deletes it for good.  E opens the chosen entry in the editor, or the
 * chosen check-in in its form to change it.  After a row goes the window
 * stays where it was and the cursor on the same line, where the next row
 * has moved up.
 */
#include "config.h"

#include <curses.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/due.h"
#include "ui/ui.h"
#include "tend/store.h"
#include "tend/timefmt.h"

#define HOME_PLACE_MAX 96
#define HOME_SPARK_MAX 30       /* check-ins in the sparkline at most */
#define HOME_SPARK_DAYS 30      /* how far back it looks */
#define HOME_INVITE_DAYS 7      /* days after a medicine session */
#define HOME_HEADER_ROWS 2
#define HOME_WIDE 60            /* narrower rows show marks as symbols */

#define ROW_CHECKIN 1LL
#define ROW_HEADING 2LL

struct home {
	struct app *app;
	struct list list;
	int spark[HOME_SPARK_MAX];      /* moods, oldest first */
	int nspark;
	char invite[192];               /* "" when there is none */
	char due[192];                  /* the questionnaires due, or "" */
	long long newest;               /* the newest item's row at the last
	                                 * load (LIST_NONE: none) */
	char undo[STORE_UUID_LEN + 1];  /* the entry last put in the trash */
	long long undo_row;
};

static const struct keydef home_keys[] = {
	{ ACT_NEW, { 'n' }, "New",
	  "Write a new entry.", 1 },
	{ ACT_CHECKIN, { 'c' }, "Check-in",
	  "Record how you are today: mood and a few scales, in half a "
	  "minute.", 1 },
	{ ACT_OPEN, { UI_ENTER }, "Read",
	  "Read the chosen entry or check-in.", 1 },
	{ ACT_INFO, { 'i' }, "Summary",
	  "The summary of this export: who wrote it, what to look at "
	  "first, the agenda, each phase in numbers (reviewing an export "
	  "only).", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_SEARCH, { '/' }, "Search",
	  "Find entries by their words or tags.", 1 },
	{ ACT_CHART, { 'g' }, "Chart",
	  "See how mood, sleep and the rest moved over time.", 1 },
	{ ACT_SESSIONS, { 's' }, "Sessions",
	  "Your therapy sessions: add them so tend can place your entries.",
	  1 },
	{ ACT_AGENDA, { 'a' }, "Agenda",
	  "Things you want to bring to your next session.", 1 },
	{ ACT_EXPORT, { 'e' }, "Export",
	  "Write entries and check-ins to a file or a report for your "
	  "therapist.", 1 },
	{ ACT_TRASH, { 't' }, "Trash",
	  "Entries you put in the trash: bring them back or delete them for "
	  "good.", 1 },
	{ ACT_SUPPORT, { 'S' }, "Support",
	  "Your safety plan and the people and numbers you can call.", 1 },
	{ ACT_MEASURE, { 'm' }, "Questionnaires",
	  "Standard questionnaires such as the PCL-5 and PHQ-9: take one, "
	  "see when each is due.", 1 },
	{ ACT_SETTINGS, { 'o' }, "Settings",
	  "Choose the theme and when tend locks itself.", 1 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase.", 1 },
	{ ACT_QUIT, { 'q' }, "Quit",
	  "Leave tend. Everything is already saved.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up",
	  "Choose the row above.", 0 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Choose the row below.", 0 },
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE) }, "Newer",
	  "A page of newer rows.", 0 },
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE), ' ' }, "Older",
	  "A page of older rows.", 0 },
	{ ACT_FIRST, { UI_KC(KEY_HOME) }, "Newest",
	  "Go to the newest row.", 0 },
	{ ACT_LAST, { UI_KC(KEY_END) }, "Oldest",
	  "Go to the oldest row.", 0 },
	{ ACT_EDIT, { 'E' }, "Edit",
	  "Change the chosen entry in the editor, or the chosen check-in's "
	  "answers.", 0 },
	{ ACT_DELETE, { 'd', UI_KC(KEY_DC) }, "Delete",
	  "Move the chosen entry to the trash (u brings it back); a check-in "
	  "is deleted for good, after a yes.", 0 },
	{ ACT_UNDO, { 'u' }, "Undo",
	  "Bring back the entry you just moved to the trash.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* ---- rows ---- */

static long long
home_row_id(const struct timeline_key *k, int heading)
{
	return k->id * 4 + (k->table == STORE_CHECKIN ? ROW_CHECKIN : 0) +
	    (heading ? ROW_HEADING : 0);
}

static int
home_is_heading(long long row)
{
	return (row & ROW_HEADING) != 0;
}

static enum store_table
home_row_table(long long row)
{
	return (row & ROW_CHECKIN) ? STORE_CHECKIN : STORE_ENTRY;
}

static int
home_keep_key(const struct timeline_item *it, void *arg)
{
	*(struct timeline_key *)arg = it->key;
	return 0;
}

/* The key of the item a row belongs to; 0 if it is gone. */
static int
home_key(struct home *h, long long row, struct timeline_key *k)
{
	struct err e;

	return store_timeline_get(h->app->store, home_row_table(row),
	    row / 4, home_keep_key, k, &e) == 1;
}

static void
home_place(struct home *h, const struct timeline_key *k, char *buf)
{
	store_place(h->app->store, k->time, buf, HOME_PLACE_MAX);
}

/* Whether the item at k starts a new placement: it is the newest (newer
 * is NULL) or placed apart from newer, its newer neighbour. */
static int
home_needs_heading(struct home *h, const struct timeline_key *k,
    const struct timeline_key *newer)
{
	char a[HOME_PLACE_MAX], b[HOME_PLACE_MAX];

	if (newer == NULL)
		return 1;
	home_place(h, k, a);
	home_place(h, newer, b);
	return strcmp(a, b) != 0;
}

/* Rows after from (older), headings included. */
static size_t
home_fetch_older(struct home *h, long long from, long long *out, size_t n)
{
	struct timeline_key prev, *keys;
	struct err e;
	size_t k = 0;
	long got, i;
	int have = 0;

	if (from != LIST_NONE) {
		if (!home_key(h, from, &prev))
			return 0;
		have = 1;
		if (home_is_heading(from))
			out[k++] = home_row_id(&prev, 0);
		if (k == n)
			return k;
	}
	keys = xcalloc(n, sizeof *keys);
	got = store_timeline_fetch(h->app->store, have ? &prev : NULL, 1, keys,
	    n, &e);
	for (i = 0; i < got && k < n; i++) {
		if (home_needs_heading(h, &keys[i], have ? &prev : NULL)) {
			out[k++] = home_row_id(&keys[i], 1);
			if (k == n)
				break;
		}
		out[k++] = home_row_id(&keys[i], 0);
		prev = keys[i];
		have = 1;
	}
	free(keys);
	return k;
}

/* Rows before from (newer), nearest first, headings included. */
static size_t
home_fetch_newer(struct home *h, long long from, long long *out, size_t n)
{
	struct timeline_key anchor, *keys;
	struct err e;
	size_t k = 0;
	long got, i;

	/* One more than n: each item's heading depends on the next. */
	keys = xcalloc(n + 1, sizeof *keys);
	if (from == LIST_NONE)
		got = store_timeline_fetch(h->app->store, NULL, -1, keys, n + 1,
		    &e);
	else {
		if (!home_key(h, from, &anchor)) {
			free(keys);
			return 0;
		}
		got = store_timeline_fetch(h->app->store, &anchor, -1, keys,
		    n + 1, &e);
		if (got < 0)
			got = 0;
		if (!home_is_heading(from) && home_needs_heading(h, &anchor,
		    got > 0 ? &keys[0] : NULL))
			out[k++] = home_row_id(&anchor, 1);
	}
	for (i = 0; i < got && k < n; i++) {
		out[k++] = home_row_id(&keys[i], 0);
		/* The (n+1)th item is never reached with room to spare, so
		 * the last item judged here is the newest one when it has no
		 * neighbour. */
		if (k < n && home_needs_heading(h, &keys[i], i + 1 < got ?
		    &keys[i + 1] : NULL))
			out[k++] = home_row_id(&keys[i], 1);
	}
	free(keys);
	return k;
}

static size_t
home_fetch(void *arg, long long from, int dir, long long *out, size_t n)
{
	if (n == 0)
		return 0;
	if (dir > 0)
		return home_fetch_older(arg, from, out, n);
	return home_fetch_newer(arg, from, out, n);
}

static int
home_exists(void *arg, long long row)
{
	struct home *h = arg;
	struct timeline_key k, newer;
	struct err e;
	long got;

	if (!home_key(h, row, &k))
		return 0;
	if (!home_is_heading(row))
		return 1;
	got = store_timeline_fetch(h->app->store, &k, -1, &newer, 1, &e);
	return home_needs_heading(h, &k, got == 1 ? &newer : NULL);
}

/* ---- drawing a row ---- */

struct home_draw {
	struct app *app;
	int y, x, right;        /* the next column and the first one past */
	int selected;
	int heading;
};

static void
home_put(struct home_draw *d, enum role r, const char *s)
{
	if (d->x >= d->right)
		return;
	d->x += draw_text(d->app, d->y, d->x, d->right - d->x,
	    d->selected ? ROLE_SELECTED : r, s);
}

/* "integration, day 4 after ..." as a heading: "Integration - day 4 ...". */
static void
home_heading_text(const char *place, char *buf, size_t len)
{
	const char *comma = strstr(place, ", ");

	if (comma != NULL)
		snprintf(buf, len, "%.*s - %s", (int)(comma - place), place,
		    comma + 2);
	else
		snprintf(buf, len, "%s", place);
	buf[0] = (char)toupper((unsigned char)buf[0]);
}

/* Text on one line: runs of blanks and line breaks become one space. */
static void
home_one_line(const char *s, char *buf, size_t len)
{
	size_t o = 0;
	int space = 0;

	for (; *s != '\0' && o + 1 < len; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < len)
			buf[o++] = ' ';
		space = 0;
		buf[o++] = *s;
	}
	/* Cut short: do not end in half a character. */
	if (*s != '\0') {
		while (o > 0 && ((unsigned char)buf[o - 1] & 0xc0) == 0x80)
			o--;
		if (o > 0 && (unsigned char)buf[o - 1] >= 0xc0)
			o--;
	}
	buf[o] = '\0';
}

/* Text in width columns, ending in an ellipsis when it does not fit. */
static void
home_clipped(struct home_draw *d, int width, const char *s)
{
	int right = d->right;

	if (draw_width(s) <= width) {
		d->right = d->x + width;
		home_put(d, ROLE_NORMAL, s);
	} else if (width > 1) {
		d->right = d->x + width - 1;
		home_put(d, ROLE_NORMAL, s);
		d->right = d->x + 1;
		home_put(d, ROLE_NORMAL, draw_glyph(d->app, "…", "~"));
	}
	d->right = right;
}

static enum role
home_mood_role(int mood)
{
	if (mood <= 3)
		return ROLE_MOOD_LOW;
	return mood >= 7 ? ROLE_MOOD_HIGH : ROLE_MOOD_MID;
}

/* The shared mark: a word when there is room, else a symbol; never only
 * a colour. */
static const char *
home_mark(const struct app *a, int shared, int wide)
{
	if (wide)
		return shared ? "shared " : "private";
	return shared ? draw_glyph(a, "●", "*") : draw_glyph(a, "○", "-");
}

/* Draw an item's row; text and buf are room for its words. */
static void
home_draw_words(struct home_draw *d, const struct timeline_item *it,
    char *text, size_t textsz, char *buf, size_t bufsz)
{
	char when[32];
	int wide = d->right - d->x >= HOME_WIDE, markx;

	if (d->heading) {
		char place[HOME_PLACE_MAX];

		store_place(d->app->store, it->key.time, place, sizeof place);
		home_heading_text(place, buf, bufsz);
		home_put(d, ROLE_HEADING, buf);
		return;
	}
	markx = d->right - (wide ? 8 : 2);
	draw_text(d->app, d->y, markx, d->right - markx, d->selected ?
	    ROLE_SELECTED : it->shared ? ROLE_SHARED : ROLE_PRIVATE,
	    home_mark(d->app, it->shared, wide));
	d->right = markx - 1;
	time_format_local(it->key.time, when, sizeof when);
	/* Narrow rows leave the year to the headings. */
	snprintf(buf, bufsz, "  %s  %-10s ", wide ? when : when + 5,
	    it->kind);
	home_put(d, ROLE_NORMAL, buf);
	if (it->key.table == STORE_CHECKIN) {
		snprintf(buf, bufsz, "mood %d/10", it->mood);
		home_put(d, home_mood_role(it->mood), buf);
		home_one_line(it->text, text, textsz);
		if (text[0] != '\0') {
			home_put(d, ROLE_DIM, "  ");
			home_put(d, ROLE_DIM, text);
		}
		return;
	}
	home_one_line(it->title[0] != '\0' ? it->title : it->text, text,
	    textsz);
	/* Tags keep a little room even after a long title. */
	if (it->tags[0] != '\0' && d->right - d->x > 30) {
		const char *t;
		size_t o = 0;
		int titlew = d->right - d->x - 2;

		for (t = it->tags; *t != '\0' && o + 3 < bufsz; t++) {
			if (t == it->tags || t[-1] == ' ')
				buf[o++] = '#';
			buf[o++] = *t;
		}
		buf[o] = '\0';
		if (draw_width(buf) > titlew / 2)
			titlew = titlew - titlew / 3;
		else
			titlew -= draw_width(buf);
		if (draw_width(text) < titlew)
			titlew = draw_width(text);
		home_clipped(d, titlew, text);
		home_put(d, ROLE_DIM, "  ");
		home_put(d, ROLE_DIM, buf);
		return;
	}
	home_clipped(d, d->right - d->x, text);
}

static int
home_draw_item(const struct timeline_item *it, void *arg)
{
	char text[256], buf[320];

	home_draw_words(arg, it, text, sizeof text, buf, sizeof buf);
	vault_wipe(text, sizeof text);  /* they held journal text */
	vault_wipe(buf, sizeof buf);
	return 0;
}

static void
home_row(struct app *a, void *arg, long long row, int y, int x, int width,
    int selected)
{
	struct home_draw d;
	struct err e;

	(void)arg;
	d.app = a;
	d.y = y;
	d.x = x;
	d.right = x + width;
	d.selected = selected;
	d.heading = home_is_heading(row);
	store_timeline_get(a->store, home_row_table(row), row / 4,
	    home_draw_item, &d, &e);
}

static const struct list_source home_source = {
	.fetch = home_fetch,
	.exists = home_exists,
	.draw = home_row,
};

/* ---- the header: mood lately, and an invitation ---- */

static int
home_spark_add(const struct checkin *c, void *arg)
{
	struct home *h = arg;

	if (h->nspark == HOME_SPARK_MAX) {
		memmove(h->spark, h->spark + 1, sizeof h->spark[0] *
		    (HOME_SPARK_MAX - 1));
		h->nspark--;
	}
	h->spark[h->nspark++] = c->mood;
	return 0;
}

struct home_medicine {
	time_t now;
	time_t when;            /* the latest medicine session so far */
	int no;
};

static int
home_medicine_find(const struct session *ss, void *arg)
{
	struct home_medicine *m = arg;

	if (ss->kind == SESSION_MEDICINE && ss->time <= m->now) {
		m->when = ss->time;
		m->no = ss->medicine_no;
	}
	return 0;
}

static int
home_today(const struct checkin *c, void *arg)
{
	const time_t *now = arg;

	return time_days_between(c->time, *now) == 0;
}

static int
home_count(const struct checkin *c, void *arg)
{
	(void)c;
	(*(long *)arg)++;
	return 0;
}

/* The questionnaires due now, as a sentence in h->due ("" if none). */
static void
home_due_load(struct home *h)
{
	struct due_state st;
	struct err e;

	h->due[0] = '\0';
	if (h->app->readonly ||
	    due_state_load(h->app->store, time(NULL), &st, &e) != 0)
		return;
	if (st.ndue > 0)
		due_text(st.due, st.ndue, st.in, h->due, sizeof h->due);
	due_state_free(&st);
}

/* The sparkline, the invitation (in a review: what to look at first)
 * and the questionnaires due, from the store. */
static void
home_header_load(struct home *h)
{
	struct app *a = h->app;
	struct home_medicine m;
	struct err e;
	time_t now = time(NULL);
	long days;

	home_due_load(h);
	h->nspark = 0;
	store_checkin_list(a->store, now - HOME_SPARK_DAYS * 86400L, 0,
	    home_spark_add, h, &e);
	h->invite[0] = '\0';
	if (a->readonly) {
		long n = 0;

		/* A review says first what to look at first. */
		if (store_checkin_flagged(a->store, home_count, &n, &e) == 0 &&
		    n > 0)
			snprintf(h->invite, sizeof h->invite, "Look at first: "
			    "%ld check-in%s with a safety yes or a low mood "
			    "(press i).", n, n == 1 ? "" : "s");
		return;
	}
	memset(&m, 0, sizeof m);
	m.now = now;
	if (store_session_list(a->store, home_medicine_find, &m, &e) != 0 ||
	    m.no == 0)
		return;
	days = time_days_between(m.when, now);
	if (days < 1 || days > HOME_INVITE_DAYS)
		return;
	if (a->readonly)        /* a review has its own line, above */
		return;
	if (store_checkin_list(a->store, now - 86400L, 0, home_today, &now,
	    &e) == 1)
		return;
	snprintf(h->invite, sizeof h->invite, "Day %ld after medicine "
	    "session %d: a short check-in today? Press c when ready.", days,
	    m.no);
}

/* The moods as a sparkline from (y, x); returns the columns used. */
static int
home_spark_draw(struct app *a, const struct home *h, int y, int x)
{
	static const char *const blocks[] = {
		"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█",
	};
	static const char *const digits[] = {
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+",
	};
	int i, used = 0;

	for (i = 0; i < h->nspark && x + used < COLS - 2; i++) {
		int m = h->spark[i] < 0 ? 0 : h->spark[i] > 10 ? 10 :
		    h->spark[i];

		used += draw_text(a, y, x + used, 1, home_mood_role(m),
		    a->utf8 ? blocks[m * 7 / 10] : digits[m]);
	}
	return used;
}

/* Rows above the list: the sparkline, a line for a note or the
 * invitation, and one more when a questionnaire is due as well. */
static int
home_header_rows(const struct home *h)
{
	return HOME_HEADER_ROWS + (h->due[0] != '\0' &&
	    (h->app->jot_message[0] != '\0' || h->invite[0] != '\0'));
}

static void
home_header_draw(struct app *a, struct home *h, int y)
{
	int x = 2, w = COLS - 4, duey = y + home_header_rows(h) - 1;

	if (h->nspark == 0) {
		if (h->list.n > 0)      /* an empty journal has its own words */
			draw_text(a, y, x, w, ROLE_DIM, "No check-ins in the "
			    "last 30 days.");
	} else {
		char buf[64];

		x += draw_text(a, y, x, w, ROLE_NORMAL, "Mood lately ");
		x += home_spark_draw(a, h, y, x);
		snprintf(buf, sizeof buf, "  latest %d/10, %d check-in%s",
		    h->spark[h->nspark - 1], h->nspark,
		    h->nspark == 1 ? "" : "s");
		if (x + draw_width(buf) > COLS - 2)     /* narrow: less */
			*strchr(buf, ',') = '\0';
		draw_text(a, y, x, COLS - 2 - x, ROLE_DIM, buf);
	}
	if (a->jot_message[0] != '\0')
		draw_text(a, y + 1, 2, w, ROLE_HINT, a->jot_message);
	else if (h->invite[0] != '\0')
		draw_text(a, y + 1, 2, w, a->readonly ? ROLE_MESSAGE :
		    ROLE_HINT, draw_width(h->invite) <= w ? h->invite :
		    a->readonly ? "Check-ins to look at first: i" :
		    "A check-in today? Press c when ready.");
	if (h->due[0] != '\0')
		draw_text(a, duey, 2, w, ROLE_HINT, draw_width(h->due) <= w ?
		    h->due : "A questionnaire is due: m.");
}

/* ---- the screen ---- */

static int
home_list_height(const struct home *h)
{
	int n = ui_body_lines() - home_header_rows(h);

	return n > 1 ? n : 1;
}

/* Move the selection off a heading, in the direction dir (or the other
 * way when there is nothing further). */
static void
home_skip_heading(struct home *h, int dir)
{
	if (!home_is_heading(list_selected(&h->list)))
		return;
	if (!list_key(&h->list, dir > 0 ? ACT_DOWN : ACT_UP) ||
	    home_is_heading(list_selected(&h->list)))
		list_key(&h->list, dir > 0 ? ACT_UP : ACT_DOWN);
}

/* The newest item's row, or LIST_NONE. */
static long long
home_newest(struct home *h)
{
	struct timeline_key k;
	struct err e;

	if (store_timeline_fetch(h->app->store, NULL, 1, &k, 1, &e) != 1)
		return LIST_NONE;
	return home_row_id(&k, 0);
}

/* Read everything again.  A window that began at the newest item begins
 * at the newest item still, so what was written meanwhile shows; any
 * other window keeps its place. */
static void
home_reload(struct app *a, struct home *h)
{
	struct list *l = &h->list;
	long long sel = list_selected(l);

	(void)a;
	home_header_load(h);
	if (l->n > 0 && (l->rows[0] | ROW_HEADING) ==
	    (h->newest | ROW_HEADING)) {
		int i;

		l->n = 0;
		l->sel = 0;
		list_reload(l, home_list_height(h));
		for (i = 0; i < l->n; i++)
			if (l->rows[i] == sel)
				l->sel = i;
	} else
		list_reload(l, home_list_height(h));
	home_skip_heading(h, 1);
	h->newest = home_newest(h);
}

static void
home_enter(struct app *a, struct frame *f)
{
	struct home *h = xcalloc(1, sizeof *h);

	h->app = a;
	h->newest = LIST_NONE;
	list_init(&h->list, &home_source, h);
	f->data = h;
	home_reload(a, h);
}

static void
home_leave(struct app *a, struct frame *f)
{
	struct home *h = f->data;

	(void)a;
	list_free(&h->list);
	free(h);
	f->data = NULL;
}

static void
home_resume(struct app *a, struct frame *f)
{
	struct home *h = f->data;

	/* Back from elsewhere: u undoes only what was just done here (the
	 * trash screen still brings anything back). */
	h->undo[0] = '\0';
	home_reload(a, h);
}

static void
home_resize(struct app *a, struct frame *f)
{
	struct home *h = f->data;

	(void)a;
	list_reload(&h->list, home_list_height(h));
	home_skip_heading(h, 1);
}

static void
home_draw(struct app *a, struct frame *f)
{
	struct home *h = f->data;
	int y = ui_body_top();

	home_header_draw(a, h, y);
	y += home_header_rows(h);
	if (h->list.n == 0) {
		char *where;

		ui_focus(a, y + 1, 2);
		y += 1 + draw_wrap(a, y + 1, 2, COLS - 4, ui_body_end() - y - 1,
		    ROLE_NORMAL, a->readonly ? "Nothing here yet." :
		    "Nothing here yet. Press n to write, c to check in.");
		if (a->vault_path == NULL || a->readonly)
			return;
		where = xasprintf("Journal: %s", a->vault_path);
		draw_wrap(a, y + 1, 2, COLS - 4, ui_body_end() - y - 1,
		    ROLE_DIM, where);
		free(where);
		return;
	}
	list_draw(a, &h->list, y, 1, COLS - 2);
}

static int
home_item_uuid(const struct timeline_item *it, void *arg)
{
	snprintf(arg, STORE_UUID_LEN + 1, "%s", it->uuid);
	return 0;
}

/* Open the chosen row in the read view. */
static int
home_open(struct app *a, struct home *h)
{
	char uuid[STORE_UUID_LEN + 1];
	long long row = list_selected(&h->list);
	struct err e;
	char *arg;

	if (row == LIST_NONE || home_is_heading(row))
		return UI_NOTHING;
	if (store_timeline_get(a->store, home_row_table(row), row / 4,
	    home_item_uuid, uuid, &e) != 1) {
		home_reload(a, h);
		return UI_DRAW_ALL;
	}
	arg = xstrdup(uuid);
	if (ui_open(a, "entry", arg) != 0)
		free(arg);
	return UI_DRAW_ALL;
}

/* The chosen item's UUID (0), or -1 when the row is a heading or gone. */
static int
home_chosen(struct app *a, struct home *h, long long *row,
    char uuid[STORE_UUID_LEN + 1])
{
	struct err e;

	*row = list_selected(&h->list);
	if (*row == LIST_NONE || home_is_heading(*row))
		return -1;
	return store_timeline_get(a->store, home_row_table(*row), *row / 4,
	    home_item_uuid, uuid, &e) == 1 ? 0 : -1;
}

/* Whether rows a and b belong to the same item. */
static int
home_same_item(long long a, long long b)
{
	return (a & ~ROW_HEADING) == (b & ~ROW_HEADING);
}

/* The item at row gone has left the timeline: read it again with the
 * window where it was and the cursor on the same line, now the next item
 * (or the one above, at the end). */
static void
home_after_remove(struct app *a, struct home *h, long long gone)
{
	struct list *l = &h->list;
	long long top = LIST_NONE, want = LIST_NONE;
	int i;

	for (i = l->sel + 1; i < l->n && want == LIST_NONE; i++)
		if (!home_is_heading(l->rows[i]) &&
		    !home_same_item(l->rows[i], gone))
			want = l->rows[i];
	for (i = l->sel - 1; i >= 0 && want == LIST_NONE; i--)
		if (!home_is_heading(l->rows[i]) &&
		    !home_same_item(l->rows[i], gone))
			want = l->rows[i];
	for (i = 0; i < l->n && top == LIST_NONE; i++)
		if (!home_same_item(l->rows[i], gone) &&
		    home_exists(h, l->rows[i]))
			top = l->rows[i];
	if (top != LIST_NONE) {
		l->rows[0] = top;
		l->n = 1;
		l->sel = 0;
	}
	home_reload(a, h);
	for (i = 0; i < l->n; i++)
		if (l->rows[i] == want)
			l->sel = i;
	home_skip_heading(h, 1);
}

static void
home_delete_answer(struct app *a, void *arg, int yes)
{
	struct frame *f = &a->stack[a->depth - 1];
	struct home *h = arg;
	char uuid[STORE_UUID_LEN + 1];
	long long row;
	struct err e;

	if (f->screen != &screen_home || f->data != h)
		return;
	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "The check-in stays.");
		return;
	}
	if (home_chosen(a, h, &row, uuid) != 0 ||
	    home_row_table(row) != STORE_CHECKIN)
		return;
	if (store_checkin_rm(a->store, uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "It was not deleted: %s.", e.msg);
		return;
	}
	home_after_remove(a, h, row);
	ui_message(a, ROLE_GOOD, "Check-in deleted.");
}

/* d: an entry to the trash (undone with u), a check-in deleted after a
 * yes. */
static int
home_delete(struct app *a, struct home *h)
{
	char uuid[STORE_UUID_LEN + 1];
	long long row;
	struct err e;

	if (home_chosen(a, h, &row, uuid) != 0)
		return UI_NOTHING;
	if (home_row_table(row) == STORE_CHECKIN) {
		const struct confirm q = {
			.question = "Delete this check-in for good? Check-ins "
			    "have no trash, so it cannot be brought back.",
			.keys_hint = "y: yes, delete it    n: no, keep it",
			.answer = home_delete_answer,
			.arg = h,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	if (store_entry_trash(a->store, uuid, &e) != 0) {
		ui_message(a, ROLE_WARNING, "It was not moved to the trash: %s.",
		    e.msg);
		return UI_DRAW_BARS;
	}
	snprintf(h->undo, sizeof h->undo, "%s", uuid);
	h->undo_row = row;
	home_after_remove(a, h, row);
	ui_message(a, ROLE_GOOD, "Moved to the trash. u to undo.");
	return UI_DRAW_ALL;
}

/* u: the entry last put in the trash comes back, chosen again. */
static int
home_undo(struct app *a, struct home *h)
{
	struct list *l = &h->list;
	struct err e;
	int i;

	if (h->undo[0] == '\0')
		return UI_NOTHING;
	if (store_entry_restore(a->store, h->undo, &e) != 0) {
		ui_message(a, ROLE_WARNING, "It could not be brought back: %s.",
		    e.msg);
		h->undo[0] = '\0';
		return UI_DRAW_ALL;
	}
	h->undo[0] = '\0';
	home_reload(a, h);
	for (i = 0; i < l->n; i++)
		if (l->rows[i] == h->undo_row)
			break;
	if (i < l->n)
		l->sel = i;
	else {                  /* out of the window: show it at the top */
		l->rows[0] = h->undo_row;
		l->n = 1;
		l->sel = 0;
		list_reload(l, home_list_height(h));
	}
	ui_message(a, ROLE_GOOD, "It is back in your journal.");
	return UI_DRAW_ALL;
}

/* E: the editor for an entry, the check-in form for a check-in. */
static int
home_edit(struct app *a, struct home *h)
{
	char uuid[STORE_UUID_LEN + 1], *arg;
	long long row;

	if (home_chosen(a, h, &row, uuid) != 0)
		return UI_NOTHING;
	arg = xstrdup(uuid);
	if (ui_open(a, home_row_table(row) == STORE_CHECKIN ? "checkin" :
	    "editor", arg) != 0)
		free(arg);
	return UI_DRAW_ALL;
}

static int
home_key_fn(struct app *a, struct frame *f, enum action act, int key)
{
	struct home *h = f->data;
	static const struct {
		enum action act;
		const char *screen;
	} opens[] = {
		{ ACT_NEW, "editor" }, { ACT_CHECKIN, "checkin" },
		{ ACT_SEARCH, "search" }, { ACT_CHART, "chart" },
		{ ACT_SESSIONS, "sessions" }, { ACT_AGENDA, "agenda" },
		{ ACT_EXPORT, "export" }, { ACT_TRASH, "trash" },
		{ ACT_SUPPORT, "support" }, { ACT_INFO, "summary" },
		{ ACT_MEASURE, "measures" },
	};
	size_t i;

	(void)key;
	a->jot_message[0] = '\0';      /* said once */
	for (i = 0; i < sizeof opens / sizeof opens[0]; i++)
		if (opens[i].act == act) {
			ui_open(a, opens[i].screen, NULL);
			return UI_DRAW_ALL;
		}
	switch (act) {
	case ACT_OPEN:
		return home_open(a, h);
	case ACT_EDIT:
		return home_edit(a, h);
	case ACT_DELETE:
		return home_delete(a, h);
	case ACT_UNDO:
		return home_undo(a, h);
	case ACT_UP:
	case ACT_PAGE_UP:
		if (!list_key(&h->list, act))
			return UI_NOTHING;
		home_skip_heading(h, act == ACT_UP ? -1 : 1);
		return UI_DRAW_BODY;
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_FIRST:
	case ACT_LAST:
		if (!list_key(&h->list, act))
			return UI_NOTHING;
		home_skip_heading(h, 1);
		return UI_DRAW_BODY;
	default:
		return UI_PASS;
	}
}

static int
home_active(struct app *a, struct frame *f, enum action act)
{
	struct home *h = f != NULL ? f->data : NULL;

	switch (act) {
	case ACT_UNDO:
		return !a->readonly && h != NULL && h->undo[0] != '\0';
	case ACT_EDIT:
	case ACT_DELETE:
	case ACT_NEW:
	case ACT_CHECKIN:
	case ACT_TRASH:
	case ACT_EXPORT:
	case ACT_MEASURE:
		return !a->readonly;
	case ACT_INFO:
		return a->readonly;
	default:
		return 1;
	}
}

const struct screen screen_home = {
	.name = "home",
	.title = "Home",
	.enter = home_enter,
	.draw = home_draw,
	.key = home_key_fn,
	.resize = home_resize,
	.leave = home_leave,
	.resume = home_resume,
	.bar2 = 1,
	.active = home_active,
	.keys = home_keys,
	.about = "Your timeline: entries and check-ins, newest first, under "
	    "headings that say where each one falls in your treatment. Each "
	    "row shows when, what kind, the title or first words, the tags, "
	    "and whether it is shared with your therapist or kept private "
	    "(in a narrow window: a filled or an empty circle). At the top: "
	    "your mood over the last 30 days of check-ins, one mark per "
	    "check-in, low to high (0 to 9, and + for 10, where the terminal "
	    "cannot show blocks). When a questionnaire is due, a line there "
	    "says so; m opens the questionnaires.",
};
