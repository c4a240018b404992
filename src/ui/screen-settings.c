/*
 * screen-settings.c: the settings from the config table, changed with the
 * arrow keys and saved at once.
 *
 * Every change is written to the config file straight away (atomically),
 * so there is no "save" to forget; a new theme shows at once.
 *
 * After the config rows come the settings that belong to the journal
 * itself and are kept inside it (so the command line reads them too):
 * whether new check-ins and questionnaire answers start out shared, and
 * when each questionnaire is due (every N weeks or off, and for the PCL-5
 * at the start of treatment and a week after each medicine session; see
 * due.h).  They are left out in a review, where the journal is someone
 * else's.
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

/* What a row past the config rows sets. */
enum settings_kind {
	SET_SHARE_CHECKINS, SET_SHARE_MEASURES, SET_EVERY, SET_TREATMENT,
};

struct settings_journal {
	enum settings_kind kind;
	char name[MEASURE_NAME_MAX + 1];        /* the questionnaire */
	char label[48];
};

struct settings {
	struct list list;       /* rows are indices into config_defs, then
	                         * into journal */
	char **themes;          /* the themes that load */
	int nthemes;
	struct notes unusable;  /* why theme files were left out */
	struct settings_journal *journal;
	size_t njournal;
	size_t count;           /* rows in all */
};

/* The journal's own settings, kept in the vault. */
static const struct {
	const char *label;
	const char *help;
} journal_defs[] = {
	[SET_SHARE_CHECKINS] = { "Share check-ins by default",
	  "Whether a new check-in starts out shared with your therapist (you "
	  "can still change each one). A private check-in stays out of "
	  "exports unless you include private items. Kept in your journal: "
	  "tend checkin follows it too." },
	[SET_SHARE_MEASURES] = { "Share answers by default",
	  "Whether your answers to a questionnaire start out shared with "
	  "your therapist (you can still change it before saving). Kept in "
	  "your journal: tend measure take follows it too." },
	[SET_EVERY] = { NULL,
	  "How often the home screen reminds you of this questionnaire: "
	  "every 1 to 26 weeks after you last took it, or off. Kept in "
	  "your journal." },
	[SET_TREATMENT] = { NULL,
	  "Whether the home screen also reminds you of this questionnaire "
	  "at the start of your treatment (after a preparation session) and "
	  "a week after each medicine session. Kept in your journal." },
};

static int
settings_add_measure(const struct measure_def *d, void *arg)
{
	struct settings *s = arg;
	struct due_rule def;
	int k;

	due_rule_default(d->name, &def);
	for (k = 0; k < 1 + def.treatment; k++) {
		struct settings_journal *j;

		s->journal = xrealloc(s->journal, (s->njournal + 1) *
		    sizeof *s->journal);
		j = &s->journal[s->njournal++];
		j->kind = k == 0 ? SET_EVERY : SET_TREATMENT;
		snprintf(j->name, sizeof j->name, "%s", d->name);
		snprintf(j->label, sizeof j->label, k == 0 ? "%s reminder" :
		    "%s after medicine", d->name);
	}
	return 0;
}

/* The journal's rows: sharing, then each questionnaire's reminders. */
static void
settings_journal_load(struct app *a, struct settings *s)
{
	struct err e;
	int k;

	for (k = SET_SHARE_CHECKINS; k <= SET_SHARE_MEASURES; k++) {
		s->journal = xrealloc(s->journal, (s->njournal + 1) *
		    sizeof *s->journal);
		memset(&s->journal[s->njournal], 0, sizeof *s->journal);
		s->journal[s->njournal].kind = (enum settings_kind)k;
		snprintf(s->journal[s->njournal].label,
		    sizeof s->journal[0].label, "%s", journal_defs[k].label);
		s->njournal++;
	}
	store_measure_list(a->store, settings_add_measure, s, &e);
}

static const struct settings_journal *
settings_journal_row(const struct settings *s, long long id)
{
	return &s->journal[id - (long long)config_ndefs];
}

static const struct keydef settings_keys[] = {
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up",
	  "Choose the setting above.", 1 },
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down",
	  "Choose the setting below.", 1 },
	{ ACT_LESS, { UI_KC(KEY_LEFT), '-', 'h' }, "Less",
	  "Change the chosen setting: the theme before, or one minute "
	  "less.", 1 },
	{ ACT_MORE, { UI_KC(KEY_RIGHT), '+', 'l', UI_ENTER }, "More",
	  "Change the chosen setting: the next theme, or one minute more.",
	  1 },
	{ ACT_NAME, { 'n' }, "Name",
	  "Change the name your exported files carry (with your journal "
	  "open).", 0 },     /* the screen says n; the bar keeps Help */
	{ ACT_RESET, { 'r' }, "Defaults",
	  "Put every setting back to how tend comes (asks first).", 1 },
	{ ACT_EDIT, { 'p' }, "Passphrase",
	  "Change your passphrase, and re-encrypt everything with a new key "
	  "if you like.", 1 },
	{ ACT_BACK, { UI_ESC, 'q' }, "Back",
	  "Go back. Changes are saved as you make them.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_LOCK, { 'L' }, "Lock",
	  "The screen clears at once and the journal closes until you type "
	  "your passphrase.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static size_t
settings_fetch(void *arg, long long from, int dir, long long *out, size_t n)
{
	const struct settings *s = arg;

	return list_count_fetch(s->count, from, dir, out, n);
}

static int
settings_exists(void *arg, long long id)
{
	const struct settings *s = arg;

	return id >= 0 && id < (long long)s->count;
}

/* A row's label and help. */
static const char *
settings_label(const struct settings *s, long long id)
{
	return id < (long long)config_ndefs ? config_defs[id].label :
	    settings_journal_row(s, id)->label;
}

static const char *
settings_help(const struct settings *s, long long id)
{
	if (id == LIST_NONE)
		return "";
	return id < (long long)config_ndefs ? config_defs[id].help :
	    journal_defs[settings_journal_row(s, id)->kind].help;
}

/* A journal row's value as text. */
static void
settings_journal_value(struct app *a, const struct settings_journal *j,
    char *buf, size_t len)
{
	struct due_rule r;

	switch (j->kind) {
	case SET_SHARE_CHECKINS:
		snprintf(buf, len, "%s", store_checkin_share_default(a->store) ?
		    "on" : "off");
		return;
	case SET_SHARE_MEASURES:
		snprintf(buf, len, "%s", store_measure_share_default(a->store) ?
		    "on" : "off");
		return;
	case SET_EVERY:
		due_rule_load(a->store, j->name, &r);
		if (r.every_weeks == 0)
			snprintf(buf, len, "off");
		else
			snprintf(buf, len, "every %d week%s", r.every_weeks,
			    r.every_weeks == 1 ? "" : "s");
		return;
	case SET_TREATMENT:
		due_rule_load(a->store, j->name, &r);
		snprintf(buf, len, "%s", r.treatment ? "on" : "off");
		return;
	}
}

/* The row of the theme setting. */
static long long
settings_theme_row(void)
{
	size_t i;

	for (i = 0; i < config_ndefs; i++)
		if (strcmp(config_defs[i].key, "theme") == 0)
			break;
	return (long long)i;
}

static void
settings_value(const struct app *a, const struct config_def *d, char *buf,
    size_t len)
{
	config_get(&a->config, d->key, buf, len);
	if (strcmp(d->key, "autolock") == 0 && a->config.autolock == 0)
		snprintf(buf, len, "off");
	if (strcmp(d->key, "theme") == 0)       /* the one in use */
		snprintf(buf, len, "%s", a->theme.name);
}

static void
settings_row(struct app *a, void *arg, long long id, int y, int x,
    int width, int selected)
{
	const struct settings *s = arg;
	char value[CONFIG_THEME_MAX + 16], row[256];
	int pad;

	if (id < (long long)config_ndefs)
		settings_value(a, &config_defs[id], value, sizeof value);
	else
		settings_journal_value(a, settings_journal_row(s, id), value,
		    sizeof value);
	/* Labels are padded by columns (a name may hold UTF-8). */
	pad = 26 - draw_width(settings_label(s, id));
	snprintf(row, sizeof row, " %s%*s %s %s %s ", settings_label(s, id),
	    pad > 0 ? pad : 0, "",
	    draw_glyph(a, "‹", "<"), value, draw_glyph(a, "›", ">"));
	draw_text(a, y, x, width, selected ? ROLE_SELECTED : ROLE_NORMAL, row);
}

static const struct list_source settings_source = {
	.fetch = settings_fetch,
	.exists = settings_exists,
	.draw = settings_row,
};

static void
settings_enter(struct app *a, struct frame *f)
{
	struct settings *s = xcalloc(1, sizeof *s);

	s->nthemes = theme_list(&s->themes, &s->unusable);
	if (a->store != NULL && !a->readonly)
		settings_journal_load(a, s);
	s->count = config_ndefs + s->njournal;
	list_init(&s->list, &settings_source, s);
	list_reload(&s->list, (int)s->count);
	f->data = s;
}

static void
settings_leave(struct app *a, struct frame *f)
{
	struct settings *s = f->data;
	int i;

	(void)a;
	for (i = 0; i < s->nthemes; i++)
		free(s->themes[i]);
	free(s->themes);
	free(s->journal);
	notes_clear(&s->unusable);
	list_free(&s->list);
	free(s);
	f->data = NULL;
}

static void
settings_draw(struct app *a, struct frame *f)
{
	struct settings *s = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end(), h;
	char *where;

	y += draw_wrap(a, y, 2, w, 2, ROLE_HEADING, "Settings") + 1;
	/* The rows that fit above the help, the name and the file. */
	h = maxy - y - 7;
	if (h > (int)s->count)
		h = (int)s->count;
	if (h < 1)
		h = 1;
	if (s->list.height != h)
		list_reload(&s->list, h);
	list_draw(a, &s->list, y, 2, w);
	if (s->list.n > 0) {
		a->cursor_y = y + s->list.sel;
		a->cursor_x = 3;
	}
	y += s->list.n + 1;
	if (y < maxy)
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_HINT,
		    settings_help(s, list_selected(&s->list))) + 1;
	if (y < maxy && s->unusable.n > 0 && list_selected(&s->list) ==
	    settings_theme_row()) {
		char *why = xasprintf("Not offered, as %s: %s",
		    s->unusable.n + s->unusable.dropped == 1 ?
		    "its file has a mistake" : "their files have mistakes",
		    s->unusable.msg[0]);

		/* Before the name line, which gives way when rows are few. */
		y += draw_wrap(a, y, 2, w, maxy - y - 2, ROLE_WARNING,
		    why) + 1;
		free(why);
	}
	if (a->store != NULL && !a->readonly && y < maxy - 3) {
		char *name = store_meta_get(a->store, "owner");
		char *line = name != NULL && name[0] != '\0' ?
		    xasprintf("Your exported files carry the name \"%s\" "
		    "(n changes it).", name) :
		    xstrdup("Your exported files carry no name (n gives "
		    "them one).");

		draw_wrap(a, maxy - 4, 2, w, 1, ROLE_NORMAL, line);
		free(line);
		free(name);
	}
	where = list_selected(&s->list) < (long long)config_ndefs ?
	    xasprintf("Saved in %s", a->config_path) :
	    xstrdup("Saved in your journal.");
	if (y < maxy)
		draw_wrap(a, maxy - 2, 2, w, 1, ROLE_DIM, where);
	free(where);
}

/* Save the settings and apply the theme; say how it went. */
static void
settings_commit(struct app *a, int theme_changed)
{
	struct err e;

	if (config_save(&a->config, a->config_path, &e) != 0)
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
	else
		ui_message(a, ROLE_GOOD, "Saved.");
	if (theme_changed)
		ui_theme_reload(a);
}

/* Switch the journal's share default; say how it went. */
static int
settings_share_toggle(struct app *a)
{
	struct err e;

	if (store_checkin_share_default_set(a->store,
	    !store_checkin_share_default(a->store), &e) != 0)
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
	else
		ui_message(a, ROLE_GOOD, "Saved.");
	return UI_DRAW_ALL;
}

/* Step a journal row by dir (-1 or +1); say how it went. */
static int
settings_journal_change(struct app *a, const struct settings_journal *j,
    int dir)
{
	struct due_rule r;
	struct err e;
	int rc;

	switch (j->kind) {
	case SET_SHARE_CHECKINS:
		return settings_share_toggle(a);
	case SET_SHARE_MEASURES:
		rc = store_measure_share_default_set(a->store,
		    !store_measure_share_default(a->store), &e);
		break;
	case SET_EVERY:
	case SET_TREATMENT:
	default:
		due_rule_load(a->store, j->name, &r);
		if (j->kind == SET_TREATMENT)
			r.treatment = !r.treatment;
		else if (r.every_weeks + dir < 0 ||
		    r.every_weeks + dir > DUE_WEEKS_MAX)
			return UI_NOTHING;
		else
			r.every_weeks += dir;
		rc = due_rule_save(a->store, j->name, &r, &e);
		break;
	}
	if (rc != 0)
		ui_message(a, ROLE_WARNING, "Not saved: %s.", e.msg);
	else
		ui_message(a, ROLE_GOOD, "Saved.");
	return UI_DRAW_ALL;
}

/* Every journal row back to how tend comes. */
static void
settings_journal_reset(struct app *a, const struct settings *s)
{
	struct due_rule r;
	struct err e;
	size_t i;

	if (!store_checkin_share_default(a->store))
		settings_share_toggle(a);
	if (!store_measure_share_default(a->store))
		store_measure_share_default_set(a->store, 1, &e);
	for (i = 0; i < s->njournal; i++)
		if (s->journal[i].kind == SET_EVERY) {
			due_rule_default(s->journal[i].name, &r);
			due_rule_save(a->store, s->journal[i].name, &r, &e);
		}
}

/* Step the chosen setting by dir (-1 or +1). */
static int
settings_change(struct app *a, struct settings *s, int dir)
{
	const struct config_def *d;
	char value[CONFIG_THEME_MAX + 16];
	struct err e;

	if (list_selected(&s->list) >= (long long)config_ndefs)
		return settings_journal_change(a, settings_journal_row(s,
		    list_selected(&s->list)), dir);
	d = &config_defs[list_selected(&s->list)];
	if (strcmp(d->key, "theme") == 0) {
		int i, cur = 0;

		if (s->nthemes == 0)
			return UI_NOTHING;
		for (i = 0; i < s->nthemes; i++)
			if (strcmp(s->themes[i], a->theme.name) == 0)
				cur = i;
		cur = (cur + dir + s->nthemes) % s->nthemes;
		snprintf(value, sizeof value, "%s", s->themes[cur]);
	} else {
		int n = a->config.autolock + dir;

		if (n < d->min || n > d->max)
			return UI_NOTHING;
		snprintf(value, sizeof value, "%d", n);
	}
	if (config_set(&a->config, d->key, value, &e) != 0) {
		ui_message(a, ROLE_WARNING, "%s", e.msg);
		return UI_DRAW_BARS;
	}
	settings_commit(a, strcmp(d->key, "theme") == 0);
	return UI_DRAW_ALL;
}

static void
settings_reset(struct app *a, void *arg, int yes)
{
	struct settings *s = arg;
	char theme[CONFIG_THEME_MAX];

	if (a->stack[a->depth - 1].data != s)
		return;
	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "Nothing was changed.");
		return;
	}
	snprintf(theme, sizeof theme, "%s", a->config.theme);
	config_defaults(&a->config);
	if (a->store != NULL && !a->readonly)
		settings_journal_reset(a, s);
	settings_commit(a, strcmp(theme, a->config.theme) != 0);
}

static int
settings_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct settings *s = f->data;

	(void)key;
	switch (act) {
	case ACT_UP:
	case ACT_DOWN:
		return list_key(&s->list, act) ? UI_DRAW_BODY : UI_NOTHING;
	case ACT_LESS:
		return settings_change(a, s, -1);
	case ACT_MORE:
		return settings_change(a, s, 1);
	case ACT_NAME:
		if (a->store == NULL || a->readonly)
			return UI_NOTHING;
		ui_push(a, &screen_name, NULL);
		return UI_DRAW_ALL;
	case ACT_EDIT:
		ui_push(a, &screen_passwd, NULL);
		return UI_DRAW_ALL;
	case ACT_RESET: {
		struct confirm q = {
			.question = "Put every setting back to how tend comes? "
			    "Your entries and check-ins are not touched.",
			.keys_hint = "y: yes, put them back    n: no, keep them",
			.answer = settings_reset,
			.arg = s,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	default:
		return UI_PASS;
	}
}

/* The passphrase and the name belong to an open journal (not to a
 * review). */
static int
settings_active(struct app *a, struct frame *f, enum action act)
{
	(void)f;
	if (act == ACT_NAME)
		return a->store != NULL && !a->readonly;
	return act != ACT_EDIT || (a->vault != NULL && !a->readonly);
}

const struct screen screen_settings = {
	.name = "settings",
	.title = "Settings",
	.enter = settings_enter,
	.draw = settings_draw,
	.key = settings_key,
	.leave = settings_leave,
	.active = settings_active,
	.keys = settings_keys,
	.about = "Your settings for tend on this computer, and below them "
	    "the ones kept in your journal: what starts out shared, and when "
	    "the home screen reminds you of each questionnaire (every few "
	    "weeks, or off; for the PCL-5 also at the start of treatment and "
	    "a week after each medicine session). Choose one with the up and "
	    "down arrows and change it with left and right; every change is "
	    "saved at once. p changes the journal's passphrase.",
};
