/*
 * screen-bundle.c: what a reviewed export holds, for the therapist.
 *
 * Only reachable in review mode (key i on the timeline).  The top says who
 * signed the bundle, when it was written, which days it covers and whether
 * the patient included private entries; below, every check-in as one row
 * of a table (the timeline shows them one by one, the chart as lines; a
 * clinician often wants the numbers side by side).  Columns are numbers
 * and words, never colour.
 *
 * Above everything, the check-ins to look at first: a yes to the safety
 * question, or a mood of 2 or lower (store_checkin_flagged), said in
 * words.
 *
 * The text is built once when the screen opens, as lines in memory, and
 * wiped when it leaves: notes in check-ins are the patient's words.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/share.h"
#include "tend/store.h"
#include "tend/timefmt.h"
#include "tend/utf8.h"
#include "tend/vault.h"

struct bline {
	char *text;
	enum role role;
};

struct bundle {
	struct app *app;
	struct bline *line;
	int n, cap;
	int top;                /* first line shown */
};

static const struct keydef bundle_keys[] = {
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up", "Scroll up a line.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Scroll down a line.", 1 },
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE) }, "PgUp", "Scroll up a page.", 0 },
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE), ' ' }, "PgDn",
	  "Scroll down a page.", 0 },
	{ ACT_FIRST, { UI_KC(KEY_HOME) }, "Top", "Go to the top.", 0 },
	{ ACT_LAST, { UI_KC(KEY_END) }, "End", "Go to the end.", 0 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back", "Go back.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_LOCK, { 'L' }, "Close",
	  "Close the review at once; it opens again only with your "
	  "passphrase.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
bundle_add(struct bundle *b, enum role r, char *text)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->line = xrealloc(b->line, (size_t)b->cap * sizeof *b->line);
	}
	b->line[b->n].text = text;
	b->line[b->n].role = r;
	b->n++;
}

/* A meta value, or the fallback when it is missing or empty. */
static char *
bundle_meta(struct app *a, const char *key, const char *fallback)
{
	char *v = store_meta_get(a->store, key);

	if (v == NULL || v[0] == '\0') {
		free(v);
		return xstrdup(fallback);
	}
	return v;
}

/* A moment kept as UTC seconds in text, shown in local time; other text
 * as it is. */
static char *
bundle_when(char *v)
{
	char *end, buf[40];
	long long t = strtoll(v, &end, 10);

	if (end == v || *end != '\0' || t <= 0)
		return v;
	time_format_local((time_t)t, buf, sizeof buf);
	free(v);
	return xstrdup(buf);
}

static void
bundle_scale(char *buf, size_t len, int v)
{
	if (v == CHECKIN_UNSET)
		snprintf(buf, len, "%s", "-");
	else
		snprintf(buf, len, "%d", v);
}

static int
bundle_checkin(const struct checkin *c, void *arg)
{
	struct bundle *b = arg;
	char when[32], mood[12], anx[4], slp[4], hrs[8], en[4], con[4];
	char sym[160], day[8], *t;
	long d = store_medicine_day(b->app->store, c->time, NULL);
	int low = c->mood != CHECKIN_UNSET && c->mood <= 2;

	time_format_iso(c->time, c->time_off, when, sizeof when);
	if ((t = strchr(when, 'T')) != NULL)
		*t = ' ';
	if (c->mood == CHECKIN_UNSET)
		snprintf(mood, sizeof mood, "%8s", "-");
	else    /* a low mood is said in words, not only by the role */
		snprintf(mood, sizeof mood, "%s%4d", low ? "low " : "    ",
		    c->mood);
	bundle_scale(anx, sizeof anx, c->anxiety);
	bundle_scale(slp, sizeof slp, c->sleep);
	bundle_scale(en, sizeof en, c->energy);
	bundle_scale(con, sizeof con, c->connection);
	if (c->sleep_hours < 0)
		snprintf(hrs, sizeof hrs, "%s", "-");
	else
		snprintf(hrs, sizeof hrs, "%.1f", c->sleep_hours);
	store_symptoms_text(c->symptoms, sym, sizeof sym);
	if (d < 0 || d > 9999)
		snprintf(day, sizeof day, "%s", "-");
	else
		snprintf(day, sizeof day, "%ld", d);
	bundle_add(b, low ? ROLE_MOOD_LOW : ROLE_NORMAL,
	    xasprintf(" %-16.16s %4s %8s %6s %4s %5s %5s %6s %4s", when, day,
	    mood,
	    c->safety == CHECKIN_SAFETY_YES ? "yes" :
	    c->safety == CHECKIN_SAFETY_NO ? "no" : "-", anx, slp, hrs, en,
	    con));
	/* Symptoms and the note on a line of their own, so they are not cut
	 * short by the numbers. */
	if (sym[0] != '\0' || (c->note != NULL && c->note[0] != '\0'))
		bundle_add(b, ROLE_NORMAL, xasprintf("      %s%s%s", sym,
		    sym[0] != '\0' && c->note != NULL && c->note[0] != '\0' ?
		    "; " : "", c->note != NULL ? c->note : ""));
	vault_wipe(sym, sizeof sym);
	return 0;
}

/* One check-in to look at first: when, why, the mood, the note. */
static int
bundle_flagged_row(const struct checkin *c, void *arg)
{
	struct bundle *b = arg;
	int f = store_checkin_flags(c);
	char when[32], *t;

	time_format_iso(c->time, c->time_off, when, sizeof when);
	if ((t = strchr(when, 'T')) != NULL)
		*t = ' ';
	bundle_add(b, ROLE_MOOD_LOW, xasprintf(" %.16s  %s%s%s, mood %d%s%s",
	    when, f & CHECKIN_FLAG_SAFETY ? "safety question: yes" : "",
	    f == (CHECKIN_FLAG_SAFETY | CHECKIN_FLAG_LOW_MOOD) ? "; " : "",
	    f & CHECKIN_FLAG_LOW_MOOD ? "low mood" : "", c->mood,
	    c->note != NULL && c->note[0] != '\0' ? ": " : "",
	    c->note != NULL ? c->note : ""));
	return 0;
}

/* The check-ins to look at first, at the top. */
static void
bundle_flagged(struct app *a, struct bundle *b)
{
	long before = b->n;
	struct err e;

	bundle_add(b, ROLE_HEADING, xstrdup("To look at first"));
	if (store_checkin_flagged(a->store, bundle_flagged_row, b, &e) != 0)
		bundle_add(b, ROLE_WARNING, xasprintf("The check-ins could not "
		    "be read: %s.", e.msg));
	else if (b->n == before + 1)
		bundle_add(b, ROLE_DIM, xstrdup(" No check-in here has a yes to "
		    "the safety question or a mood of 2 or lower."));
	bundle_add(b, ROLE_NORMAL, xstrdup(""));
}

/* Who sent it: a known patient by the name the therapist gave, anyone
 * else as unknown, with the name the bundle carries (at most 64
 * characters, no control characters). */
static void
bundle_from(struct app *a, struct bundle *b, const char *raw)
{
	const struct share_sender *sd = a->sender;
	char alias[SHARE_NAME_BYTES];

	snprintf(alias, sizeof alias, "%s", raw);
	utf8_clean(alias, 0, SHARE_NAME_MAX);
	if (sd != NULL && sd->from == SHARE_FROM_KNOWN)
		bundle_add(b, ROLE_NORMAL, xasprintf("From: %s (known)%s%s%s",
		    sd->name, alias[0] != '\0' ? ", named \"" : "", alias,
		    alias[0] != '\0' ? "\"" : ""));
	else if (sd != NULL && sd->from == SHARE_FROM_CHANGED)
		bundle_add(b, ROLE_WARNING, xasprintf("From: \"%s\", but not "
		    "signed by the journal of your patient %s", alias,
		    sd->name));
	else if (alias[0] != '\0')
		bundle_add(b, sd != NULL ? ROLE_WARNING : ROLE_NORMAL,
		    xasprintf("From: \"%s\"%s", alias, sd != NULL ?
		    ", not one of your known patients" : ""));
	else
		bundle_add(b, sd != NULL ? ROLE_WARNING : ROLE_NORMAL,
		    xstrdup(sd != NULL ? "From: a journal without a name, not "
		    "one of your known patients" :
		    "From: a journal without a name"));
}

static void
bundle_build(struct app *a, struct bundle *b)
{
	char *alias = bundle_meta(a, "export_alias", "");
	char *when = bundle_when(bundle_meta(a, "export_time",
	    "an unknown time"));
	char *since = bundle_when(bundle_meta(a, "export_since",
	    "the beginning"));
	char *until = bundle_when(bundle_meta(a, "export_until",
	    "the time of export"));
	char *fpr = bundle_meta(a, "export_fingerprint", "unknown");
	char *all = bundle_meta(a, "export_all", "0");
	char *ver = bundle_meta(a, "export_version", "unknown");
	char *rcpt = bundle_meta(a, "export_recipients", "unknown");
	char *named = bundle_meta(a, "export_named", "");
	long before;
	struct err e;

	bundle_flagged(a, b);
	bundle_add(b, ROLE_HEADING, xstrdup("About this export"));
	bundle_from(a, b, alias);
	bundle_add(b, ROLE_NORMAL, xasprintf("Signed by the journal with the "
	    "fingerprint %s", fpr));
	bundle_add(b, ROLE_HINT, xstrdup("Compare it with your patient in "
	    "person."));
	bundle_add(b, ROLE_NORMAL, xasprintf("Made for: %s", rcpt));
	bundle_add(b, ROLE_NORMAL, strcmp(named, "yes") == 0 ?
	    xstrdup("Your identity is named in the signature.") :
	    xstrdup("Opened with the share passphrase, not your identity."));
	bundle_add(b, ROLE_NORMAL, xasprintf("Written: %s", when));
	bundle_add(b, ROLE_NORMAL, xasprintf("Covers: %s to %s", since,
	    until));
	bundle_add(b, ROLE_NORMAL, strcmp(all, "1") == 0 ?
	    xstrdup("Entries and check-ins: all, including those not "
	    "marked to share") :
	    xstrdup("Entries and check-ins: only those the patient marked "
	    "to share"));
	bundle_add(b, ROLE_DIM, xasprintf("Made with tend %s; opened "
	    "read-only: nothing here can be changed.", ver));
	bundle_add(b, ROLE_NORMAL, xstrdup(""));
	bundle_add(b, ROLE_HEADING, xstrdup("Check-ins"));
	before = b->n;
	bundle_add(b, ROLE_DIM, xasprintf(" %-16s %4s %8s %6s %4s %5s %5s %6s "
	    "%4s", "When", "Day", "Mood", "Safety", "Anx", "Sleep", "Hours",
	    "Energy", "Conn"));
	if (store_checkin_list(a->store, 0, 0, bundle_checkin, b, &e) != 0)
		bundle_add(b, ROLE_WARNING, xasprintf("The check-ins could not "
		    "be read: %s.", e.msg));
	else if (b->n == before + 1)
		bundle_add(b, ROLE_DIM, xstrdup(" This export holds no "
		    "check-ins."));
	else {
		bundle_add(b, ROLE_HINT, xstrdup(" Day: days after the latest "
		    "medicine session (0: its day; -: before the first)."));
		bundle_add(b, ROLE_HINT, xstrdup(" Scales 0-10; -: not "
		    "answered; low: a mood of 2 or lower."));
		bundle_add(b, ROLE_HINT, xstrdup(" Safety: the answer to the "
		    "question about thoughts of harming oneself."));
	}
	free(alias);
	free(when);
	free(since);
	free(until);
	free(fpr);
	free(all);
	free(ver);
	free(rcpt);
	free(named);
}

static void
bundle_enter(struct app *a, struct frame *f)
{
	struct bundle *b = xcalloc(1, sizeof *b);

	f->data = b;
	b->app = a;
	bundle_build(a, b);
}

static void
bundle_leave(struct app *a, struct frame *f)
{
	struct bundle *b = f->data;
	int i;

	(void)a;
	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		vault_wipe(b->line[i].text, strlen(b->line[i].text));
		free(b->line[i].text);
	}
	free(b->line);
	free(b);
	f->data = NULL;
}

static int
bundle_max_top(const struct bundle *b)
{
	int m = b->n - ui_body_lines();

	return m > 0 ? m : 0;
}

static void
bundle_draw(struct app *a, struct frame *f)
{
	struct bundle *b = f->data;
	int y = ui_body_top(), i;

	if (b->top > bundle_max_top(b))
		b->top = bundle_max_top(b);
	for (i = b->top; i < b->n && y < ui_body_end(); i++, y++) {
		const struct bline *l = &b->line[i];

		draw_text(a, y, 1, COLS - 2, l->role, l->text);
	}
	ui_focus(a, ui_body_top(), 1);  /* the first line shown */
}

static int
bundle_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct bundle *b = f->data;
	int page = ui_body_lines() > 1 ? ui_body_lines() - 1 : 1;
	int top = b->top;

	(void)a;
	(void)key;
	switch (act) {
	case ACT_UP: top--; break;
	case ACT_DOWN: top++; break;
	case ACT_PAGE_UP: top -= page; break;
	case ACT_PAGE_DOWN: top += page; break;
	case ACT_FIRST: top = 0; break;
	case ACT_LAST: top = bundle_max_top(b); break;
	default:
		return UI_PASS;
	}
	if (top > bundle_max_top(b))
		top = bundle_max_top(b);
	if (top < 0)
		top = 0;
	if (top == b->top)
		return UI_NOTHING;
	b->top = top;
	return UI_DRAW_BODY;
}

const struct screen screen_bundle = {
	.name = "bundle",
	.title = "About this export",
	.enter = bundle_enter,
	.draw = bundle_draw,
	.key = bundle_key,
	.leave = bundle_leave,
	.keys = bundle_keys,
	.about = "The check-ins to look at first (a yes to the safety "
	    "question, a mood of 2 or lower), who signed this export, when "
	    "it was written, the days it covers, and every check-in in it as "
	    "a table.",
};
