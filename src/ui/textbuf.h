/*
 * textbuf.h: the entry editor's text: a gap buffer of UTF-8 with a
 * cursor, undo, word wrap and cursor moves (private to src/ui; no
 * ncurses, so the unit test needs no terminal).
 *
 * The text is kept in one buffer with a gap at the last place written,
 * so typing or pasting n bytes in one place costs O(n) overall.  It holds
 * journal text: the buffer and every undo record are wiped when freed,
 * and when the buffer grows the old copy is wiped before it is freed.
 *
 * The cursor is a byte offset that always sits at the start of a
 * character cluster: a character with the zero-width characters after it
 * (combining marks, variation selectors), and a character after U+200D
 * ZERO WIDTH JOINER.  Moves, deletes and wrapping work in clusters, so
 * the cursor never lands inside a character or between a base and its
 * marks.  Columns are display columns (wcwidth; the locale must be
 * UTF-8).
 *
 * Wrapping: a visual line takes whole clusters while they fit in the
 * width; when one does not, the line ends after its last space (a space
 * that does not fit hangs at the end of the line), or, with no space in
 * the line, just before the cluster that does not fit.  A newline ends a
 * logical line.  Up and Down move by visual lines keeping the column;
 * Home and End go to the start and end of the logical line (the
 * paragraph as typed), which is the same for every width.
 *
 * Undo: every change is recorded; a run of typing (or of Backspace, or
 * of Delete) at one place is one record, so one undo takes back the whole
 * run.  Any cursor move ends a run.  Up to TB_UNDO_MAX records are kept.
 */
#ifndef TEND_UI_TEXTBUF_H
#define TEND_UI_TEXTBUF_H

#include <stddef.h>
#include <wchar.h>

#define TB_UNDO_MAX 200

struct tb_change;

struct textbuf {
	char *buf;              /* text [0, gap) and [gap_end, cap) */
	size_t cap, gap, gap_end;
	size_t cursor;          /* a byte offset in the text */
	int goal;               /* the column Up and Down keep; -1: none */
	struct tb_change *undo; /* oldest first */
	size_t nundo, capundo;
	int run;                /* the last record may grow */
	size_t edit_pos;        /* the lowest offset the last change touched */
	unsigned long version;  /* counts changes (undo too) */
};

void tb_init(struct textbuf *);
/* Wipe and free everything. */
void tb_free(struct textbuf *);
/* Replace the text (n bytes of UTF-8); forgets undo, cursor at the end. */
void tb_set(struct textbuf *, const char *s, size_t n);
size_t tb_len(const struct textbuf *);
/* The text, NUL-terminated; valid until the next change. */
const char *tb_text(struct textbuf *);

/* Insert n bytes of UTF-8 at the cursor (which moves past them). */
void tb_insert(struct textbuf *, const char *s, size_t n);
/* Insert one character (a code point). */
void tb_insert_char(struct textbuf *, unsigned cp);
/* Delete the cluster before / after the cursor; 0 if there was none. */
int tb_backspace(struct textbuf *);
int tb_delete(struct textbuf *);
/* Take back the last change; 0 if there is nothing to undo. */
int tb_undo(struct textbuf *);
/* End the current run of typing (the next change is a record of its
 * own). */
void tb_end_run(struct textbuf *);

/* Moves; each returns 1 if the cursor moved. */
int tb_left(struct textbuf *);
int tb_right(struct textbuf *);
int tb_word_left(struct textbuf *);
int tb_word_right(struct textbuf *);
int tb_home(struct textbuf *);          /* logical line */
int tb_end(struct textbuf *);
/* n visual lines down (up when negative) at width; past the first line
 * the cursor goes to the start, past the last to the end. */
int tb_lines(struct textbuf *, int width, int n);

/* ---- layout ---- */

/* The cluster at byte i: up to max characters into out (may be NULL),
 * its display width into *width (may be NULL); returns where the next
 * one starts (i itself at the end of the text). */
size_t tb_cluster(const struct textbuf *, size_t i, wchar_t *out,
    size_t max, size_t *nout, int *width);
/* The visual line starting at s: *end gets where its shown text ends
 * (before the newline); returns where the next visual line starts.  It is
 * the last line when *end is the length of the text. */
size_t tb_vline(const struct textbuf *, size_t s, int width, size_t *end);
/* The start of the visual line that shows position pos. */
size_t tb_vline_start(const struct textbuf *, size_t pos, int width);
/* Where the cursor shows, relative to the visual line starting at top
 * (which must be at or before it): row and column. */
void tb_cursor_at(const struct textbuf *, int width, size_t top, int *row,
    int *col);
/* A new top line for a window of height rows so that the cursor shows,
 * scrolling as little as it can. */
size_t tb_view(const struct textbuf *, int width, int height, size_t top);

#endif
