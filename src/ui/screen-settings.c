/*
 * screen-settings.c: the settings from the config table, changed with the
 * arrow keys and saved at once.
 *
 * Every change is written to the config file straight away (atomically),
 * so there is no "save" to forget; a new theme shows at once.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

struct settings {
	struct list list;       /* rows are indices into config_defs */
	char **themes;
	int nthemes;
};

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
	(void)arg;
	return list_count_fetch(config_ndefs, from, dir, out, n);
}

static int
settings_exists(void *arg, long long id)
{
	(void)arg;
	return id >= 0 && id < (long long)config_ndefs;
}

static void
settings_value(const struct app *a, const struct config_def *d, char *buf,
    size_t len)
{
	config_get(&a->config, d->key, buf, len);
	if (strcmp(d->key, "autolock") == 0 && a->config.autolock == 0)
		snprintf(buf, len, "off");
}

static void
settings_row(struct app *a, void *arg, long long id, int y, int x,
    int width, int selected)
{
	char value[CONFIG_THEME_MAX + 16], row[256];

	(void)arg;
	settings_value(a, &config_defs[id], value, sizeof value);
	snprintf(row, sizeof row, " %-24s %s %s %s ", config_defs[id].label,
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

	(void)a;
	s->nthemes = theme_list(&s->themes);
	list_init(&s->list, &settings_source, NULL);
	list_reload(&s->list, (int)config_ndefs);
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
	list_free(&s->list);
	free(s);
	f->data = NULL;
}

static void
settings_draw(struct app *a, struct frame *f)
{
	struct settings *s = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	char *where;

	y += draw_wrap(a, y, 2, w, 2, ROLE_HEADING, "Settings") + 1;
	list_draw(a, &s->list, y, 2, w);
	y += s->list.n + 1;
	if (y < maxy)
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_HINT,
		    config_defs[list_selected(&s->list)].help) + 1;
	where = xasprintf("Saved in %s", a->config_path);
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

/* Step the chosen setting by dir (-1 or +1). */
static int
settings_change(struct app *a, struct settings *s, int dir)
{
	const struct config_def *d = &config_defs[list_selected(&s->list)];
	char value[CONFIG_THEME_MAX + 16];
	struct err e;
	if (strcmp(d->key, "theme") == 0) {
		int i, cur = 0;

		if (s->nthemes == 0)
			return UI_NOTHING;
		for (i = 0; i < s->nthemes; i++)
			if (strcmp(s->themes[i], a->config.theme) == 0)
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
	char theme[CONFIG_THEME_MAX];

	(void)arg;
	if (!yes) {
		ui_message(a, ROLE_MESSAGE, "Nothing was changed.");
		return;
	}
	snprintf(theme, sizeof theme, "%s", a->config.theme);
	config_defaults(&a->config);
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
	case ACT_EDIT:
		ui_push(a, &screen_passwd, NULL);
		return UI_DRAW_ALL;
	case ACT_RESET: {
		static const struct confirm q = {
			.question = "Put every setting back to how tend comes? "
			    "Your journal is not touched.",
			.keys_hint = "y: yes, put them back    n: no, keep them",
			.answer = settings_reset,
		};

		confirm_ask(a, &q);
		return UI_DRAW_ALL;
	}
	default:
		return UI_PASS;
	}
}

/* The passphrase belongs to an open journal (not to a review). */
static int
settings_active(struct app *a, struct frame *f, enum action act)
{
	(void)f;
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
	.about = "Your settings for tend on this computer. Choose one with "
	    "the up and down arrows and change it with left and right; "
	    "every change is saved at once. p changes the journal's "
	    "passphrase.",
};
