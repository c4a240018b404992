/*
 * screen-search.c: find entries, check-ins and agenda items as you type.
 *
 * Every key that changes the query runs the store's search again, best
 * matches first and at most SEARCH_LIMIT of them, so a large journal
 * costs no more than a small one per key.  What was typed is cut into
 * words here (letters and digits; everything else separates them), so
 * quotes, brackets and hyphens never reach the index as syntax; the last
 * word is searched as a prefix while it is still being typed.
 *
 * Matches are underlined (the input role, the look of what was typed):
 * in the snippet the store marks them with [ and ]; in the title they
 * are found here, ignoring case and the usual Latin accents as the index
 * does.  A check-in or an agenda item says what it is where an entry
 * shows its title.  Enter opens the chosen entry or check-in on the
 * "entry" screen, an agenda item on the "agenda" screen with that item
 * chosen; each gets a malloc'd copy of the UUID and frees it.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"
#include "ui/query.h"
#include "ui/ui.h"

#define SEARCH_LIMIT 200
#define SEARCH_FIRST_LINE 1024  /* bytes of a body's first line shown */

struct search_hit {
	char uuid[STORE_UUID_LEN + 1];
	enum store_table table; /* STORE_ENTRY, STORE_CHECKIN, STORE_AGENDA */
	time_t created;
	char *title;            /* "" if none; what it is for the others */
	char *snippet;          /* [ and ] around matches */
	int marked;             /* snippet has the store's marks (else it is
	                         * the body's start, matched here) */
};

struct search {
	struct field field;
	struct list list;       /* rows are indices into hits */
	struct search_hit *hits;
	size_t nhits, cap;
	int more;               /* more than SEARCH_LIMIT matched */
	int stale;              /* the query changed, not yet searched */
	int failed;
	int on_list;            /* the cursor is on the chosen result (the
	                         * last key moved in the list), not in Find */
	struct query q;         /* what was searched for */
};

static const struct keydef search_keys[] = {
	{ ACT_OPEN, { UI_ENTER }, "Open",
	  "Open the chosen entry or check-in, or the agenda at the chosen "
	  "item.", 1 },
	{ ACT_BACK, { UI_ESC }, "Back", "Go back.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_UP, { UI_KC(KEY_UP) }, "Up", "Choose the result above.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN) }, "Down",
	  "Choose the result below.", 1 },
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE) }, "Page up",
	  "Go up a screenful of results.", 0 },
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE) }, "Page down",
	  "Go down a screenful of results.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* Draw n bytes of t at (y, x) in at most width columns, in the base
 * role, a match (mark) underlined: in the input role on a plain row, and
 * on the chosen row in its own colours so its bar stays whole.  Returns
 * the columns used, or all of width when the text did not fit (so the
 * rest of the row is left alone). */
static int
search_span(struct app *a, int y, int x, int width, enum role base,
    int mark, const char *t, size_t n)
{
	char *part = xmalloc(n + 1);
	int used, attr = a->attr[base];

	if (mark)
		attr = base == ROLE_NORMAL ? a->attr[ROLE_INPUT] :
		    (int)((unsigned)attr | (unsigned)A_UNDERLINE);
	memcpy(part, t, n);
	part[n] = '\0';
	used = draw_text_attr(a, y, x, width, attr, part);
	if (used < draw_width(part))
		used = width;
	free(part);
	return used;
}

/* Text (a title, a body's start) with the words that match underlined. */
static int
search_draw_words(struct app *a, struct search *s, int y, int x,
    int width, enum role base, const char *t)
{
	int used = 0;

	while (*t != '\0' && used < width) {
		const char *p = t;
		unsigned cp;
		size_t n;
		int word;

		query_decode(p, &cp);
		word = query_wordch(cp);
		while (*p != '\0' && (n = query_decode(p, &cp),
		    query_wordch(cp) == word))
			p += n;
		used += search_span(a, y, x + used, width - used, base,
		    word && query_match(&s->q, t, (size_t)(p - t)), t,
		    (size_t)(p - t));
		t = p;
	}
	return used;
}

/* The snippet with the store's [ ] marks turned into underlining.  The
 * text itself may hold brackets: a pair around no word of the query is
 * shown as it is. */
static int
search_draw_snippet(struct app *a, const struct search *s, int y, int x,
    int width, enum role base, const char *t)
{
	int used = 0;

	while (*t != '\0' && used < width) {
		size_t n = strcspn(t, "[");
		const char *in = t + n + 1, *close;

		used += search_span(a, y, x + used, width - used, base, 0, t,
		    n);
		t += n;
		if (*t == '\0')
			break;
		close = strchr(in, ']');
		if (close != NULL && query_has_match(&s->q, in,
		    (size_t)(close - in))) {
			used += search_span(a, y, x + used, width - used,
			    base, 1, in, (size_t)(close - in));
			t = close + 1;
		} else {
			used += search_span(a, y, x + used, width - used,
			    base, 0, t, 1);
			t++;
		}
	}
	return used;
}

static size_t
search_fetch(void *arg, long long from, int dir, long long *out, size_t n)
{
	return list_count_fetch(((struct search *)arg)->nhits, from, dir, out,
	    n);
}

static int
search_exists(void *arg, long long id)
{
	return id >= 0 && (size_t)id < ((struct search *)arg)->nhits;
}

/* One result: its day, its title and the words around the match. */
static void
search_row(struct app *a, void *arg, long long id, int y, int x, int width,
    int selected)
{
	struct search *s = arg;
	const struct search_hit *h = &s->hits[id];
	enum role base = selected ? ROLE_SELECTED : ROLE_NORMAL;
	char when[32];
	int used;

	time_format_local(h->created, when, sizeof when);
	when[10] = '\0';
	used = draw_text(a, y, x + 1, width - 1, selected ? ROLE_SELECTED :
	    ROLE_DIM, when) + 3;
	if (h->table != STORE_ENTRY) {
		used += draw_text(a, y, x + used, width - used, selected ?
		    ROLE_SELECTED : ROLE_DIM, h->title);
		used += draw_text(a, y, x + used, width - used, base,
		    draw_glyph(a, " · ", " - "));
	} else if (h->title[0] != '\0') {
		used += search_draw_words(a, s, y, x + used, width - used,
		    base, h->title);
		used += draw_text(a, y, x + used, width - used, base,
		    draw_glyph(a, " · ", " - "));
	}
	if (h->marked)
		search_draw_snippet(a, s, y, x + used, width - used - 1,
		    base, h->snippet);
	else
		search_draw_words(a, s, y, x + used, width - used - 1, base,
		    h->snippet);
}

static const struct list_source search_source = {
	.fetch = search_fetch,
	.exists = search_exists,
	.draw = search_row,
};

static void
search_clear(struct search *s)
{
	size_t i;

	for (i = 0; i < s->nhits; i++) {
		free(s->hits[i].title);
		free(s->hits[i].snippet);
	}
	s->nhits = 0;
	s->more = 0;
	s->failed = 0;
}

/* Whether the snippet is the whole title, marks aside. */
static int
search_is_title(const char *snippet, const char *title)
{
	while (*snippet != '\0') {
		if (*snippet == '[' || *snippet == ']') {
			snippet++;
			continue;
		}
		if (*snippet++ != *title++)
			return 0;
	}
	return *title == '\0';
}

static int
search_add(const struct store_hit *hit, void *arg)
{
	const struct entry *en = hit->entry;
	struct search *s = arg;
	struct search_hit *h;
	char *p;

	if (s->nhits == SEARCH_LIMIT) {
		s->more = 1;
		return 1;
	}
	if (s->nhits == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 32;
		s->hits = xrealloc(s->hits, s->cap * sizeof *s->hits);
	}
	h = &s->hits[s->nhits++];
	snprintf(h->uuid, sizeof h->uuid, "%s", hit->uuid);
	h->table = hit->table;
	h->created = hit->when;
	if (hit->table == STORE_CHECKIN)
		h->title = xasprintf("Check-in, mood %d", hit->mood);
	else if (hit->table == STORE_AGENDA)
		h->title = xstrdup(hit->done != 0 ? "To bring up (done)" :
		    "To bring up");
	else
		h->title = xstrdup(en->title != NULL ? en->title : "");
	h->snippet = xstrdup(hit->snippet != NULL ? hit->snippet : "");
	h->marked = 1;
	if (en != NULL && search_is_title(h->snippet, h->title)) {
		/* the match is in the title: show how the text begins */
		char first[SEARCH_FIRST_LINE];

		utf8_first_line(en->body != NULL ? en->body : "", 200, first,
		    sizeof first);
		free(h->snippet);
		h->snippet = xstrdup(first);
		h->marked = 0;
	}
	for (p = h->snippet; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return 0;
}

/* The rows the result list can use. */
static int
search_height(void)
{
	int h = ui_body_end() - (ui_body_top() + 5);

	return h > 1 ? h : 1;
}

/* Run the query in the field again. */
static void
search_run(struct app *a, struct search *s)
{
	struct err e;

	search_clear(s);
	s->stale = 0;
	query_free(&s->q);
	query_parse(&s->q, s->field.buf != NULL ? s->field.buf : "");
	if (s->q.fts[0] != '\0' && store_find(a->store, s->q.fts,
	    SEARCH_LIMIT + 1, search_add, s, &e) < 0) {
		search_clear(s);
		s->failed = 1;
	}
	list_free(&s->list);
	list_init(&s->list, &search_source, s);
	list_reload(&s->list, search_height());
}

static void
search_enter(struct app *a, struct frame *f)
{
	struct search *s = xcalloc(1, sizeof *s);

	field_init(&s->field, 0, FIELD_MAX);
	f->data = s;
	search_run(a, s);
}

static void
search_leave(struct app *a, struct frame *f)
{
	struct search *s = f->data;

	(void)a;
	search_clear(s);
	free(s->hits);
	query_free(&s->q);
	list_free(&s->list);
	field_free(&s->field);
	free(s);
	f->data = NULL;
}

static void
search_resize(struct app *a, struct frame *f)
{
	struct search *s = f->data;

	(void)a;
	list_reload(&s->list, search_height());
}

/* Back from an entry or the agenda, where it may have been changed or
 * moved to the trash: search again, and keep the cursor on the same
 * result, or where it was when that one is gone. */
static void
search_resume(struct app *a, struct frame *f)
{
	struct search *s = f->data;
	long long top = s->list.n > 0 ? s->list.rows[0] : LIST_NONE;
	long long sel = list_selected(&s->list), want;
	char *uuid = NULL;
	size_t i;
	int k;

	if (sel != LIST_NONE)
		uuid = xstrdup(s->hits[sel].uuid);
	search_run(a, s);
	if (uuid == NULL || s->nhits == 0) {
		free(uuid);
		return;
	}
	want = sel < (long long)s->nhits ? sel : (long long)s->nhits - 1;
	for (i = 0; i < s->nhits; i++)
		if (strcmp(s->hits[i].uuid, uuid) == 0)
			want = (long long)i;
	free(uuid);
	/* The same window as before where it still holds the result. */
	if (top > want || top >= (long long)s->nhits)
		top = want;
	s->list.rows[0] = top;
	s->list.n = 1;
	s->list.sel = 0;
	list_reload(&s->list, search_height());
	for (k = 0; k < s->list.n; k++)
		if (s->list.rows[k] == want)
			s->list.sel = k;
}

/* Whether every hit is an entry (the count then says "entries"). */
static int
search_only_entries(const struct search *s)
{
	size_t i;

	for (i = 0; i < s->nhits; i++)
		if (s->hits[i].table != STORE_ENTRY)
			return 0;
	return 1;
}

static void
search_draw(struct app *a, struct frame *f)
{
	struct search *s = f->data;
	int top = ui_body_top(), y = top + 1, w = COLS - 4, maxy = ui_body_end();
	int fy, fx;

	draw_text(a, y, 2, w, ROLE_NORMAL, "Find:");
	if (y + 2 < maxy) {
		char count[96];

		if (s->failed)
			snprintf(count, sizeof count, "These words cannot be "
			    "searched for; try other ones.");
		else if (s->q.n == 0)
			snprintf(count, sizeof count, "Type a word or two. "
			    "Capitals and accents do not matter.");
		else if (s->nhits == 0 && s->q.open &&
		    s->q.w[s->q.n - 1].n < 2 && !s->q.w[s->q.n - 1].inside)
			snprintf(count, sizeof count, "Keep typing: a single "
			    "letter is searched as a whole word.");
		else if (s->nhits == 0)
			snprintf(count, sizeof count, "Nothing you wrote has "
			    "these words.");
		else if (s->more)
			snprintf(count, sizeof count, "More than %d %sfound; "
			    "the best %d are shown.", SEARCH_LIMIT,
			    search_only_entries(s) ? "entries " : "",
			    SEARCH_LIMIT);
		else if (search_only_entries(s))
			snprintf(count, sizeof count, "%zu %s found, best "
			    "first.", s->nhits, s->nhits == 1 ? "entry" :
			    "entries");
		else
			snprintf(count, sizeof count, "%zu found, best "
			    "first.", s->nhits);
		draw_text(a, y + 2, 2, w, ROLE_HINT, count);
	}
	if (top + 5 < maxy)
		list_draw(a, &s->list, top + 5, 1, COLS - 2);
	field_draw(a, &s->field, y, 8, COLS - 10);
	getyx(stdscr, fy, fx);
	if (!s->on_list || s->list.n == 0)
		ui_focus(a, fy, fx);    /* else list_draw put it on a result */
}

/* Whether another key is already waiting (typed fast, or pasted): then
 * searching for the query so far would only delay the next one. */
static int
search_typeahead(void)
{
	wint_t wc;
	int r;

	timeout(0);
	r = get_wch(&wc);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES)
		ungetch((int)wc);
	else
		unget_wch((wchar_t)wc);
	return 1;
}

static int
search_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct search *s = f->data;
	long long id;
	char *uuid;

	if (s->stale && (act == ACT_OPEN || act == ACT_UP ||
	    act == ACT_DOWN || act == ACT_PAGE_UP || act == ACT_PAGE_DOWN))
		search_run(a, s);
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		s->on_list = s->list.n > 0;
		return list_key(&s->list, act) || s->on_list ? UI_DRAW_BODY :
		    UI_NOTHING;
	case ACT_OPEN:
		if ((id = list_selected(&s->list)) == LIST_NONE)
			return UI_NOTHING;
		uuid = xstrdup(s->hits[id].uuid);
		if (ui_open(a, s->hits[id].table == STORE_AGENDA ? "agenda" :
		    "entry", uuid) != 0)
			free(uuid);
		return UI_DRAW_ALL;
	case ACT_NONE:
		if (!field_key(&s->field, key))
			return UI_PASS;
		s->on_list = 0;
		if (search_typeahead())
			s->stale = 1;
		else
			search_run(a, s);
		return UI_DRAW_BODY;
	default:
		return UI_PASS;
	}
}

const struct screen screen_search = {
	.name = "search",
	.title = "Search",
	.enter = search_enter,
	.draw = search_draw,
	.key = search_key,
	.resize = search_resize,
	.leave = search_leave,
	.resume = search_resume,
	.keys = search_keys,
	.about = "Find entries, check-in notes and things to bring to your "
	    "next session by the words in them. Results show as you type, "
	    "best first; the matching words are underlined. Capitals and "
	    "accents do not matter: fuhlte finds fühlte, strasse finds "
	    "Straße, Mueller finds Müller. Chinese and Japanese words are "
	    "found inside sentences. The last word also finds longer words "
	    "that start with it. Entries in the trash are not searched.",
};
