/*
 * test-ui-textbuf.c: the editor's text buffer without a terminal:
 * inserting and deleting UTF-8, clusters of wide and combining
 * characters, wrapping positions, word and line moves, undo, and the
 * time a 1 MB paste takes.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "testutil.h"
#include "ui/textbuf.h"

static int
text_is(struct textbuf *tb, const char *want)
{
	return strcmp(tb_text(tb), want) == 0;
}

/* Type s character by character, as keys arrive. */
static void
type(struct textbuf *tb, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof st);
	while (*s != '\0' && (n = mbrtowc(&wc, s, 4, &st)) > 0 &&
	    n < (size_t)-2) {
		tb_insert_char(tb, (unsigned)wc);
		s += n;
	}
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
test_edit(void)
{
	struct textbuf tb;

	tb_init(&tb);
	ok(tb_len(&tb) == 0 && text_is(&tb, ""), "empty at first");
	type(&tb, "Ich fühlte mich sicher. 安心 🌿");
	ok(text_is(&tb, "Ich fühlte mich sicher. 安心 🌿"),
	    "typed UTF-8 comes out the same");
	ok(tb.cursor == tb_len(&tb), "the cursor is at the end");
	ok(tb_backspace(&tb) && text_is(&tb, "Ich fühlte mich sicher. 安心 "),
	    "Backspace removes the whole emoji");
	tb_left(&tb);
	tb_left(&tb);
	ok(tb_backspace(&tb) && text_is(&tb, "Ich fühlte mich sicher. 心 "),
	    "Backspace removes a whole CJK character");
	tb_home(&tb);
	ok(tb.cursor == 0, "Home goes to the start");
	ok(tb_delete(&tb) && text_is(&tb, "ch fühlte mich sicher. 心 "),
	    "Delete removes the character after the cursor");
	tb_right(&tb);
	tb_right(&tb);
	tb_right(&tb);
	tb_right(&tb);
	ok(tb_delete(&tb) && text_is(&tb, "ch fhlte mich sicher. 心 "),
	    "Delete removes a two-byte character whole");
	tb_end(&tb);
	ok(tb.cursor == tb_len(&tb), "End goes to the end");
	ok(!tb_delete(&tb), "nothing to delete at the end");
	tb_set(&tb, "", 0);
	ok(!tb_backspace(&tb), "nothing to remove at the start");
	tb_free(&tb);
}

static void
test_clusters(void)
{
	struct textbuf tb;
	wchar_t wc[8];
	size_t n, end;
	int w;

	tb_init(&tb);
	/* e + combining acute, then o + two combining marks, then x */
	type(&tb, "e\xcc\x81o\xcc\x88\xcc\xb1x");
	tb_home(&tb);
	tb_right(&tb);
	ok(tb.cursor == 3, "Right steps over a base and its mark (at %zu)",
	    tb.cursor);
	tb_right(&tb);
	ok(tb.cursor == 8, "and over two marks (at %zu)", tb.cursor);
	ok(tb_left(&tb) && tb.cursor == 3, "Left steps back over them");
	end = tb_cluster(&tb, 3, wc, 8, &n, &w);
	ok(end == 8 && n == 3 && w == 1, "one cluster: 3 characters, "
	    "one column (%zu %zu %d)", end, n, w);
	ok(tb_delete(&tb) && text_is(&tb, "e\xcc\x81x"),
	    "Delete removes the base with its marks");
	tb_end(&tb);
	tb_left(&tb);
	ok(tb_backspace(&tb) && text_is(&tb, "x"),
	    "Backspace removes the base with its mark");
	tb_set(&tb, "a\xe2\x80\x8d" "b", 5);
	tb_home(&tb);
	tb_right(&tb);
	ok(tb.cursor == 5, "a character after a zero width joiner joins "
	    "the cluster (at %zu)", tb.cursor);
	tb_set(&tb, "日本", 6);
	tb_cluster(&tb, 0, NULL, 0, NULL, &w);
	ok(w == 2, "a CJK character is two columns");
	tb_set(&tb, "🌿", 4);
	tb_cluster(&tb, 0, NULL, 0, NULL, &w);
	ok(w == 2, "an emoji is two columns");
	tb_set(&tb, "\n\xcc\x81", 3);
	tb.cursor = 0;
	tb_right(&tb);
	ok(tb.cursor == 1, "a mark never joins a newline");
	tb_free(&tb);
}

static void
test_wrap(void)
{
	struct textbuf tb;
	size_t end, next;
	int row, col;

	tb_init(&tb);
	tb_set(&tb, "one two three", 13);
	next = tb_vline(&tb, 0, 10, &end);
	ok(next == 8 && end == 8, "wraps after the last space that fits "
	    "(%zu %zu)", next, end);
	next = tb_vline(&tb, 8, 10, &end);
	ok(next == 13 && end == 13, "the rest is the last line");
	next = tb_vline(&tb, 0, 7, &end);
	ok(next == 8 && end == 8, "a space that does not fit hangs at the "
	    "end (%zu)", next);
	tb_set(&tb, "abcdefghijkl", 12);
	next = tb_vline(&tb, 0, 5, &end);
	ok(next == 5 && end == 5, "a long word is broken at the width");
	tb_set(&tb, "日本日本日", 15);
	next = tb_vline(&tb, 0, 5, &end);
	ok(next == 6, "wide characters are never split (%zu)", next);
	tb_set(&tb, "ab\ncd\n", 6);
	next = tb_vline(&tb, 0, 10, &end);
	ok(end == 2 && next == 3, "a newline ends the line");
	next = tb_vline(&tb, 3, 10, &end);
	ok(end == 5 && next == 6, "the next line");
	next = tb_vline(&tb, 6, 10, &end);
	ok(end == 6 && next == 6, "an empty last line after the newline");
	ok(tb_vline_start(&tb, 6, 10) == 6 && tb_vline_start(&tb, 4, 10) == 3
	    && tb_vline_start(&tb, 2, 10) == 0, "which line shows a "
	    "position");

	tb_set(&tb, "one two three", 13);
	tb.cursor = 8;
	tb_cursor_at(&tb, 10, 0, &row, &col);
	ok(row == 1 && col == 0, "the start of a wrapped line shows at the "
	    "start of the next row");
	tb.cursor = 13;
	tb_cursor_at(&tb, 10, 0, &row, &col);
	ok(row == 1 && col == 5, "the end");
	tb_set(&tb, "e\xcc\x81" "日x", 7);
	tb_cursor_at(&tb, 10, 0, &row, &col);
	ok(row == 0 && col == 4, "columns count marks as 0, CJK as 2 (%d)",
	    col);
	tb_free(&tb);
}

static void
test_moves(void)
{
	struct textbuf tb;
	size_t top;
	int i;

	tb_init(&tb);
	type(&tb, "Hello, wide world.  Zweite Zeile");
	tb_home(&tb);
	ok(tb_word_right(&tb) && tb.cursor == 5, "Ctrl-Right: end of a word");
	tb_word_right(&tb);
	ok(tb.cursor == 11, "skips the punctuation (%zu)", tb.cursor);
	tb_word_right(&tb);
	tb_word_right(&tb);
	ok(tb.cursor == 26, "then the next word (%zu)", tb.cursor);
	tb_word_left(&tb);
	ok(tb.cursor == 20, "Ctrl-Left: start of the word (%zu)", tb.cursor);
	tb_word_left(&tb);
	ok(tb.cursor == 12, "back over the blanks (%zu)", tb.cursor);
	tb_set(&tb, "süß 日本語 wörter", strlen("süß 日本語 wörter"));
	tb_home(&tb);
	tb_word_right(&tb);
	ok(tb.cursor == strlen("süß"), "words of non-ASCII letters");
	tb_word_right(&tb);
	ok(tb.cursor == strlen("süß 日本語"), "CJK is a word too");
	tb_end(&tb);
	tb_word_left(&tb);
	ok(tb.cursor == strlen("süß 日本語 "), "back to the last word");

	/* Up and Down by visual lines, keeping the column. */
	tb_set(&tb, "aaaa bbbb cccc\nshort\nlonger line", 32);
	tb.cursor = 2;
	ok(tb_lines(&tb, 10, 1) && tb.cursor == 12,
	    "Down keeps the column in the wrapped line (%zu)", tb.cursor);
	tb_lines(&tb, 10, 1);
	ok(tb.cursor == 17, "Down to the next paragraph (%zu)", tb.cursor);
	tb_set(&tb, "abcdefgh\nab\nabcdefgh", 20);
	tb.cursor = 6;
	tb_lines(&tb, 40, 1);
	ok(tb.cursor == 11, "a short line: its end (%zu)", tb.cursor);
	tb_lines(&tb, 40, 1);
	ok(tb.cursor == 18, "the column comes back on a long line (%zu)",
	    tb.cursor);
	ok(tb_lines(&tb, 40, 1) && tb.cursor == 20,
	    "Down on the last line goes to the end");
	ok(tb_lines(&tb, 40, -5) && tb.cursor == 6,
	    "up as far as there is (%zu)", tb.cursor);
	ok(tb_lines(&tb, 40, -1) && tb.cursor == 0,
	    "Up on the first line goes to the start");
	tb_set(&tb, "ab cd efghijklmn", 16);
	tb_lines(&tb, 10, -1);
	ok(tb.cursor == 5, "the end of a wrapped line stays on it (%zu)",
	    tb.cursor);
	tb_set(&tb, "one two three", 13);
	tb.cursor = 10;
	tb_home(&tb);
	ok(tb.cursor == 0, "Home: the logical line");
	tb_end(&tb);
	ok(tb.cursor == 13, "End: the logical line, past the wrap");

	/* Scrolling: the cursor always in the window. */
	tb_set(&tb, "", 0);
	for (i = 0; i < 100; i++)
		type(&tb, "line\n");
	top = tb_view(&tb, 20, 10, 0);
	ok(top == 91 * 5, "at the end, the last 10 rows show (%zu)", top);
	tb.cursor = 0;
	ok(tb_view(&tb, 20, 10, top) == 0, "back at the start");
	tb.cursor = 5 * 9;
	ok(tb_view(&tb, 20, 10, 0) == 0, "row 9 still fits");
	tb.cursor = 5 * 10;
	ok(tb_view(&tb, 20, 10, 0) == 5, "row 10 scrolls by one");
	tb.cursor = 5 * 50;
	ok(tb_view(&tb, 20, 10, 0) == 5 * 41, "a jump: the cursor at the "
	    "bottom");
	tb_free(&tb);
}

static void
test_undo(void)
{
	struct textbuf tb;

	tb_init(&tb);
	ok(!tb_undo(&tb), "nothing to undo at first");
	type(&tb, "first run");
	tb_left(&tb);
	tb_right(&tb);
	type(&tb, " second");
	ok(tb_undo(&tb) && text_is(&tb, "first run"),
	    "one undo takes back a run of typing");
	ok(tb.cursor == 9, "and puts the cursor back");
	tb_backspace(&tb);
	tb_backspace(&tb);
	tb_backspace(&tb);
	ok(text_is(&tb, "first "), "three Backspaces");
	ok(tb_undo(&tb) && text_is(&tb, "first run") && tb.cursor == 9,
	    "one undo brings them back");
	tb_home(&tb);
	tb_delete(&tb);
	tb_delete(&tb);
	ok(tb_undo(&tb) && text_is(&tb, "first run") && tb.cursor == 0,
	    "a run of Delete comes back whole");
	ok(tb_undo(&tb) && text_is(&tb, ""), "then the first run");
	ok(!tb_undo(&tb), "and then nothing more");
	type(&tb, "日本");
	tb_end_run(&tb);
	type(&tb, "語");
	ok(tb_undo(&tb) && text_is(&tb, "日本"), "a run can be ended");
	tb_free(&tb);
}

static void
test_big(void)
{
	struct textbuf tb;
	struct timespec t0;
	const size_t mb = 1024 * 1024;
	double secs;
	size_t i, top = 0;
	int row, col;

	tb_init(&tb);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < mb; i++)
		tb_insert_char(&tb, i % 61 == 60 ? '\n' : 'a' + (unsigned)(i %
		    26));
	secs = seconds_since(&t0);
	top = tb_view(&tb, 76, 20, top);
	ok(tb_len(&tb) == mb, "1 MB typed character by character");
	ok(secs < 1.0, "in well under a second: %.3f s", secs);
	tb_cursor_at(&tb, 76, top, &row, &col);
	ok(row >= 0 && row < 20, "the cursor is in the window (row %d)", row);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(tb_undo(&tb) && tb_len(&tb) == 0, "one undo takes it all back");
	ok(seconds_since(&t0) < 0.5, "at once");

	/* Typing at the bottom of the window: scrolling costs only the
	 * window, even in a paragraph of 1 MB without a newline. */
	tb_set(&tb, "", 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < mb / 3; i++) {
		tb_insert_char(&tb, i % 7 == 6 ? ' ' : 0x5fc3);
		if (i % 256 == 0)       /* the screen keeps up now and then */
			top = tb_view(&tb, 76, 20, top);
	}
	top = tb_view(&tb, 76, 20, top);
	secs = seconds_since(&t0);
	ok(tb_len(&tb) > 3 * mb / 4, "a 1 MB paragraph of CJK typed");
	ok(secs < 1.0, "with the window following: %.3f s", secs);
	tb_cursor_at(&tb, 76, top, &row, &col);
	ok(row >= 0 && row < 20, "the cursor is in the window (row %d)", row);
	tb.cursor = 0;
	top = tb_view(&tb, 76, 20, top);
	ok(top == 0, "back at the top");
	tb.cursor = tb_len(&tb);
	top = tb_view(&tb, 76, 20, top);
	tb_cursor_at(&tb, 76, top, &row, &col);
	ok(row == 19, "a jump to the end: the cursor on the last row (%d)",
	    row);
	tb.cursor = tb_len(&tb) / 2;
	tb.cursor = tb_vline_start(&tb, tb.cursor, 76);
	tb_insert(&tb, "x", 1);
	ok(tb_len(&tb) > 3 * mb / 4 && tb_text(&tb)[tb.cursor - 1] == 'x',
	    "an insert in the middle");
	tb_free(&tb);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	test_init();
	test_edit();
	test_clusters();
	test_wrap();
	test_moves();
	test_undo();
	test_big();
	return tap_done();
}
