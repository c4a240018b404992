/*
 * test-ui-text.c: the text helpers under every screen, without a
 * terminal: display widths (wide and combining characters), word
 * wrapping, the one-line field's UTF-8 editing and the passphrase hint.
 */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "ui/ui.h"

int
main(void)
{
	struct field f;
	enum role r;
	const char *h;
	int i;

	setlocale(LC_ALL, "");
	test_init();

	ok(draw_width("hello") == 5, "ASCII width");
	ok(draw_width("café") == 4, "é is one column");
	ok(draw_width("e\xcc\x81") == 1, "e + combining acute is one column");
	ok(draw_width("日本") == 4, "CJK characters are two columns each");
	ok(draw_width("a\xff" "b") == 3, "a bad byte counts as one character");

	ok(draw_wrap_rows(10, "") == 0, "nothing takes no rows");
	ok(draw_wrap_rows(10, "one two three four") == 2,
	    "words wrap at spaces");
	ok(draw_wrap_rows(5, "abcdefghijkl") == 3,
	    "a word longer than the width is broken");
	ok(draw_wrap_rows(10, "line\nnext\n\nlast") == 4,
	    "newlines end lines; an empty line counts");
	ok(draw_wrap_rows(4, "日本日本日") == 3, "wide characters wrap whole");
	ok(draw_wrap_rows(0, "x") == 0, "no width: no rows");

	field_init(&f, 1, 16);
	for (i = 0; i < 3; i++)
		field_key(&f, (int)L"añ☕"[i]);
	ok(f.len == strlen("añ☕") && memcmp(f.buf, "añ☕", f.len) == 0,
	    "typed characters are stored as UTF-8");
	ok(field_chars(&f) == 3, "three characters");
	field_key(&f, UI_KC(KEY_BACKSPACE));
	ok(f.len == strlen("añ") && field_chars(&f) == 2,
	    "Backspace removes one whole character");
	ok(field_key(&f, UI_KC(KEY_UP)) == 0 && field_key(&f, UI_ENTER) == 0,
	    "arrows and Enter are not text");
	for (i = 0; i < 40; i++)
		field_key(&f, 'x');
	ok(f.len == 16, "the field stops at its size");
	field_key(&f, UI_CTRL('u'));
	ok(f.len == 0 && field_chars(&f) == 0, "^U clears it");
	field_free(&f);

	h = passphrase_hint("", 0, &r);
	ok(r == ROLE_HINT && strstr(h, "words") != NULL, "empty: a suggestion");
	h = passphrase_hint("abc", 3, &r);
	ok(r == ROLE_HINT && strstr(h, "short") != NULL, "short: says so");
	h = passphrase_hint("abcdefghij", 10, &r);
	ok(r == ROLE_HINT && strncmp(h, "Fair", 4) == 0, "ten: fair");
	h = passphrase_hint("blue kettle morning walk", 24, &r);
	ok(r == ROLE_GOOD && strncmp(h, "Strong", 6) == 0, "four words: strong");
	h = passphrase_hint("ééééééééé", strlen("ééééééééé"), &r);
	ok(strncmp(h, "Fair", 4) == 0, "characters are counted, not bytes");
	return tap_done();
}
