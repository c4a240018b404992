/*
 * keys.c: key tables and how keys are named on screen.
 *
 * Each screen has one table of struct keydef rows {action, default keys,
 * label, help, bar}; the shortcut bar and the help screen are both drawn
 * from it, so what the bar and help promise is what the keys do.
 */
#include "config.h"

#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

enum action
keys_lookup(const struct keydef *table, int key)
{
	int i;

	for (; table->action != ACT_NONE; table++)
		for (i = 0; i < KEYDEF_KEYS && table->keys[i] != 0; i++)
			if (table->keys[i] == key)
				return table->action;
	return ACT_NONE;
}

size_t
keys_count(const struct keydef *table)
{
	size_t n = 0;

	while (table[n].action != ACT_NONE)
		n++;
	return n;
}

/* A key ncurses knows by a name tend has no words for: its curses name
 * without "KEY_", in lower case after the first letter ("Sprevious"),
 * never a bare number; "Special key" when even curses has no name. */
static void
keys_curses_name(int code, char *buf, size_t len)
{
	const char *n = keyname(code);
	size_t i;

	if (n == NULL || strncmp(n, "KEY_", 4) != 0 || n[4] == '\0') {
		snprintf(buf, len, "Special key");
		return;
	}
	snprintf(buf, len, "%s", n + 4);
	for (i = 1; buf[i] != '\0'; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
}

const char *
keys_name(int key, char *buf, size_t len)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ UI_ENTER, "Enter" },
		{ UI_ESC, "Esc" },
		{ '\t', "Tab" },
		{ ' ', "Space" },
		{ UI_KC(KEY_UP), "↑" },
		{ UI_KC(KEY_DOWN), "↓" },
		{ UI_KC(KEY_LEFT), "←" },
		{ UI_KC(KEY_RIGHT), "→" },
		{ UI_KC(KEY_PPAGE), "PgUp" },
		{ UI_KC(KEY_NPAGE), "PgDn" },
		{ UI_KC(KEY_HOME), "Home" },
		{ UI_KC(KEY_END), "End" },
		{ UI_KC(KEY_BACKSPACE), "Backspace" },
		{ UI_KC(KEY_DC), "Delete" },
		{ UI_KC(KEY_BTAB), "Shift-Tab" },
		{ UI_KC(KEY_ENTER), "Enter" },
		{ UI_KC(KEY_IC), "Insert" },
		{ UI_KC(KEY_SLEFT), "Shift-←" },
		{ UI_KC(KEY_SRIGHT), "Shift-→" },
		{ UI_KC(KEY_SR), "Shift-↑" },
		{ UI_KC(KEY_SF), "Shift-↓" },
		{ UI_KC(KEY_SHOME), "Shift-Home" },
		{ UI_KC(KEY_SEND), "Shift-End" },
		{ UI_KC(KEY_SDC), "Shift-Delete" },
		{ UI_KC(KEY_RESIZE), "Resize" },
	};
	static const struct {
		int key;
		const char *name;
	} ascii[] = {
		{ UI_KC(KEY_UP), "Up" },
		{ UI_KC(KEY_DOWN), "Down" },
		{ UI_KC(KEY_LEFT), "Left" },
		{ UI_KC(KEY_RIGHT), "Right" },
		{ UI_KC(KEY_SLEFT), "Shift-Left" },
		{ UI_KC(KEY_SRIGHT), "Shift-Right" },
		{ UI_KC(KEY_SR), "Shift-Up" },
		{ UI_KC(KEY_SF), "Shift-Down" },
	};
	size_t i;

	if (MB_CUR_MAX == 1)    /* a locale without UTF-8: no arrows */
		for (i = 0; i < sizeof ascii / sizeof ascii[0]; i++)
			if (ascii[i].key == key) {
				snprintf(buf, len, "%s", ascii[i].name);
				return buf;
			}
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, len, "%s", names[i].name);
			return buf;
		}
	if ((key & UI_KEYCODE) && (key & ~UI_KEYCODE) >= KEY_F(1) &&
	    (key & ~UI_KEYCODE) <= KEY_F(24))
		snprintf(buf, len, "F%d", (key & ~UI_KEYCODE) - KEY_F(0));
	else if (key & UI_KEYCODE)
		keys_curses_name(key & ~UI_KEYCODE, buf, len);
	else if (key > 0 && key < 32)
		snprintf(buf, len, "^%c", key + '@');
	else {
		mbstate_t st;
		char mb[8];
		size_t n;

		memset(&st, 0, sizeof st);
		n = wcrtomb(mb, (wchar_t)key, &st);
		if (n == (size_t)-1)
			snprintf(buf, len, "U+%04X", (unsigned)key);
		else
			snprintf(buf, len, "%.*s", (int)n, mb);
	}
	return buf;
}

const char *
keys_names(const struct keydef *row, char *buf, size_t len)
{
	char one[32];
	size_t used = 0;
	int i;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < KEYDEF_KEYS && row->keys[i] != 0; i++) {
		keys_name(row->keys[i], one, sizeof one);
		used += (size_t)snprintf(buf + used, used < len ? len - used :
		    0, "%s%s", i > 0 ? " " : "", one);
		if (used >= len)
			break;
	}
	return buf;
}
