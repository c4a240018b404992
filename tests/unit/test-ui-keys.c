/*
 * test-ui-keys.c: every screen's key table: each row has a label for the
 * shortcut bar and a help sentence, no key is bound twice on one screen,
 * and help and a way out are always in the bar.
 */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <string.h>

#include "tap.h"
#include "ui/ui.h"

/* Whether key's name is words a person can read: not "key 353", not a
 * bare number, not empty. */
static int
named(int key)
{
	char buf[64];
	size_t i;
	int digit = 0;

	keys_name(key, buf, sizeof buf);
	if (buf[0] == '\0' || strncmp(buf, "key ", 4) == 0 ||
	    strncmp(buf, "U+", 2) == 0)
		return 0;
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] >= '0' && buf[i] <= '9')
			digit++;
	/* A digit key is itself; otherwise a name is never only digits. */
	return strlen(buf) == 1 || (size_t)digit < strlen(buf);
}

static void
test_table(const struct screen *s)
{
	const struct keydef *k, *j;
	int i, m, dup = 0, help = 0, out = 0, nokeys = 0, text = 0;
	int unnamed = 0;
	char bad[64] = "";

	for (k = s->keys; k->action != ACT_NONE; k++) {
		if (k->label == NULL || k->label[0] == '\0' || k->help == NULL ||
		    k->help[0] == '\0')
			text++;
		if (k->keys[0] == 0)
			nokeys++;
		if (k->bar && (k->action == ACT_HELP ||
		    (k->action == ACT_BACK && s == &screen_help)))
			help = 1;
		if (k->bar && (k->action == ACT_QUIT ||
		    k->action == ACT_BACK || k->action == ACT_NO))
			out = 1;
		for (i = 0; i < KEYDEF_KEYS && k->keys[i] != 0; i++) {
			if (!named(k->keys[i])) {
				unnamed++;
				keys_name(k->keys[i], bad, sizeof bad);
			}
			for (m = i + 1; m < KEYDEF_KEYS && k->keys[m] != 0; m++)
				if (k->keys[m] == k->keys[i])
					dup++;
			for (j = s->keys; j != k; j++)
				for (m = 0; m < KEYDEF_KEYS && j->keys[m] != 0;
				    m++)
					if (j->keys[m] == k->keys[i])
						dup++;
		}
	}
	ok(unnamed == 0, "%s: every key has a name in words (%s)", s->name,
	    unnamed ? bad : "");
	ok(text == 0, "%s: every action has a bar label and help text",
	    s->name);
	ok(nokeys == 0, "%s: every action has a key", s->name);
	ok(dup == 0, "%s: no key is bound twice", s->name);
	ok(help, "%s: help is in the shortcut bar", s->name);
	ok(out, "%s: a way out is in the shortcut bar", s->name);
	ok(s->about != NULL && s->title != NULL && s->draw != NULL &&
	    s->key != NULL, "%s: has a title, help text, draw and key",
	    s->name);
}

int
main(void)
{
	static const struct keydef table[] = {
		{ ACT_QUIT, { 'q', UI_CTRL('q') }, "Quit", "Leave.", 1 },
		{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help", "Help.", 1 },
		{ ACT_NONE, { 0 }, NULL, NULL, 0 },
	};
	char buf[64];
	int i;

	setlocale(LC_ALL, "");
	for (i = 0; ui_screens[i] != NULL; i++)
		test_table(ui_screens[i]);
	ok(i >= 6, "at least the six foundation screens");
	for (int j = 0; j < i; j++)
		for (int k = j + 1; k < i; k++)
			ok(strcmp(ui_screens[j]->name, ui_screens[k]->name) != 0,
			    "screen names %s and %s differ", ui_screens[j]->name,
			    ui_screens[k]->name);

	ok(keys_lookup(table, 'q') == ACT_QUIT &&
	    keys_lookup(table, UI_CTRL('q')) == ACT_QUIT &&
	    keys_lookup(table, UI_KC(KEY_F(1))) == ACT_HELP &&
	    keys_lookup(table, 'x') == ACT_NONE, "lookup");
	ok(keys_count(table) == 2, "count");
	ok(strcmp(keys_name(UI_CTRL('s'), buf, sizeof buf), "^S") == 0,
	    "^S");
	ok(strcmp(keys_name(UI_KC(KEY_F(1)), buf, sizeof buf), "F1") == 0,
	    "F1");
	ok(strcmp(keys_name(UI_ESC, buf, sizeof buf), "Esc") == 0, "Esc");
	ok(strcmp(keys_name(UI_ENTER, buf, sizeof buf), "Enter") == 0,
	    "Enter");
	ok(strcmp(keys_name(UI_KC(KEY_BTAB), buf, sizeof buf),
	    "Shift-Tab") == 0, "Shift-Tab: %s", buf);
	ok(strcmp(keys_name(UI_KC(KEY_DC), buf, sizeof buf), "Delete") == 0,
	    "Delete: %s", buf);
	ok(strcmp(keys_name(UI_KC(KEY_IC), buf, sizeof buf), "Insert") == 0,
	    "Insert: %s", buf);
	/* Every code curses has, even one tend never binds, is words. */
	for (int c = KEY_MIN; c <= KEY_MAX; c++)
		if (!named(UI_KC(c))) {
			ok(0, "code %d named in words: %s", c,
			    keys_name(UI_KC(c), buf, sizeof buf));
			break;
		} else if (c == KEY_MAX)
			ok(1, "every curses key code is named in words");
	ok(strcmp(keys_name(L'é', buf, sizeof buf), "é") == 0, "é");
	ok(strcmp(keys_names(&table[1], buf, sizeof buf), "? F1") == 0,
	    "all keys of a row: %s", buf);
	ok(UI_KC(KEY_F(1)) != (int)L'ŉ' && (UI_KC(0401) & 0xffff) == 0401,
	    "key codes and characters do not collide");
	return tap_done();
}
