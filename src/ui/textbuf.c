/*
 * textbuf.c: the entry editor's text buffer (see textbuf.h for what it
 * guarantees).  No ncurses here: the unit test drives it directly.
 */
#include "config.h"

#include "ui/textbuf.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "tend/err.h"
#include "tend/vault.h"

#define TB_ZWJ 0x200d
#define TB_MIN_CAP 256

enum { TB_INSERT, TB_DELETE };

/* One change: text inserted at pos, or deleted from pos.  back marks a
 * run of Backspace, which grows towards the start. */
struct tb_change {
	int kind;
	int back;
	size_t pos;
	char *text;
	size_t len, cap;
	size_t cursor;          /* the cursor before the change */
};

/* ---- bytes and characters ---- */

size_t
tb_len(const struct textbuf *tb)
{
	return tb->cap - (tb->gap_end - tb->gap);
}

static unsigned char
tb_at(const struct textbuf *tb, size_t i)
{
	return (unsigned char)(i < tb->gap ? tb->buf[i] :
	    tb->buf[i + (tb->gap_end - tb->gap)]);
}

/* Decode the character at i into *cp; returns its length in bytes (a bad
 * byte reads as U+FFFD, one byte long). */
static size_t
tb_decode(const struct textbuf *tb, size_t i, unsigned *cp)
{
	size_t len = tb_len(tb), n, k;
	unsigned c = tb_at(tb, i), v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c < 0xe0) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c < 0xf0) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c < 0xf5) {
		n = 4;
		v = c & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (i + n > len) {
		*cp = 0xfffd;
		return 1;
	}
	for (k = 1; k < n; k++) {
		c = tb_at(tb, i + k);
		if ((c & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		v = (v << 6) | (c & 0x3f);
	}
	*cp = v;
	return n;
}

/* The start of the character before i (i > 0). */
static size_t
tb_prev_char(const struct textbuf *tb, size_t i)
{
	size_t k = 0;

	while (k < 3 && i - k > 1 && (tb_at(tb, i - k - 1) & 0xc0) == 0x80)
		k++;
	return i - k - 1;
}

static unsigned
tb_cp(const struct textbuf *tb, size_t i)
{
	unsigned cp;

	tb_decode(tb, i, &cp);
	return cp;
}

/* Joins the cluster before it: combining marks and other zero-width
 * characters (never a control character). */
static int
tb_extends(unsigned cp)
{
	return cp >= 0x300 && wcwidth((wchar_t)cp) == 0;
}

static int
tb_cp_width(unsigned cp)
{
	int w;

	if (cp < 0x7f)
		return 1;       /* ASCII; control characters show as one */
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static int
tb_is_word(unsigned cp)
{
	return cp == '_' || iswalnum((wint_t)cp);
}

size_t
tb_cluster(const struct textbuf *tb, size_t i, wchar_t *out, size_t max,
    size_t *nout, int *width)
{
	size_t len = tb_len(tb), n = 0;
	unsigned cp, prev;
	int w = 0;

	if (nout != NULL)
		*nout = 0;
	if (width != NULL)
		*width = 0;
	if (i >= len)
		return len;
	i += tb_decode(tb, i, &cp);
	if (out != NULL && n < max)
		out[n++] = (wchar_t)cp;
	if (cp == '\n') {
		if (nout != NULL)
			*nout = n;
		return i;
	}
	w = tb_cp_width(cp);
	prev = cp;
	while (i < len) {
		size_t k = tb_decode(tb, i, &cp);

		if (cp == '\n' || (!tb_extends(cp) && prev != TB_ZWJ))
			break;
		if (!tb_extends(cp))
			w += tb_cp_width(cp);
		if (out != NULL && n < max)
			out[n++] = (wchar_t)cp;
		prev = cp;
		i += k;
	}
	if (nout != NULL)
		*nout = n;
	if (width != NULL)
		*width = w;
	return i;
}

/* The start of the cluster that ends at i (i > 0). */
static size_t
tb_cluster_before(const struct textbuf *tb, size_t i)
{
	size_t q = tb_prev_char(tb, i);

	while (q > 0) {
		unsigned c = tb_cp(tb, q);
		size_t p = tb_prev_char(tb, q);
		unsigned pc = tb_cp(tb, p);

		if (c == '\n' || pc == '\n')
			break;
		if (!tb_extends(c) && pc != TB_ZWJ)
			break;
		q = p;
	}
	return q;
}

/* ---- the gap ---- */

/* Room for at least n more bytes in the gap.  A bigger buffer is a new
 * allocation; the old one is wiped before it is freed. */
static void
tb_reserve(struct textbuf *tb, size_t n)
{
	size_t len = tb_len(tb), cap, tail;
	char *nb;

	if (tb->gap_end - tb->gap >= n)
		return;
	cap = tb->cap < TB_MIN_CAP ? TB_MIN_CAP : tb->cap;
	while (cap - len < n)
		cap *= 2;
	nb = xmalloc(cap);
	tail = tb->cap - tb->gap_end;
	if (tb->buf != NULL) {
		memcpy(nb, tb->buf, tb->gap);
		memcpy(nb + cap - tail, tb->buf + tb->gap_end, tail);
		vault_wipe(tb->buf, tb->cap);
		free(tb->buf);
	}
	tb->buf = nb;
	tb->gap_end = cap - tail;
	tb->cap = cap;
}

static void
tb_move_gap(struct textbuf *tb, size_t pos)
{
	size_t glen = tb->gap_end - tb->gap;

	if (pos < tb->gap)
		memmove(tb->buf + pos + glen, tb->buf + pos, tb->gap - pos);
	else if (pos > tb->gap)
		memmove(tb->buf + tb->gap, tb->buf + tb->gap_end,
		    pos - tb->gap);
	tb->gap = pos;
	tb->gap_end = pos + glen;
}

static void
tb_raw_insert(struct textbuf *tb, size_t pos, const char *s, size_t n)
{
	tb_reserve(tb, n + 1);
	tb_move_gap(tb, pos);
	memcpy(tb->buf + tb->gap, s, n);
	tb->gap += n;
}

/* Copy the n bytes at pos into out (not NUL-terminated). */
static void
tb_copy(const struct textbuf *tb, size_t pos, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = (char)tb_at(tb, pos + i);
}

static void
tb_raw_delete(struct textbuf *tb, size_t pos, size_t n)
{
	tb_move_gap(tb, pos);
	vault_wipe(tb->buf + tb->gap_end, n);
	tb->gap_end += n;
}

void
tb_init(struct textbuf *tb)
{
	memset(tb, 0, sizeof *tb);
	tb->goal = -1;
	tb_reserve(tb, TB_MIN_CAP);
}

static void
tb_change_free(struct tb_change *c)
{
	if (c->text != NULL) {
		vault_wipe(c->text, c->cap);
		free(c->text);
	}
	memset(c, 0, sizeof *c);
}

static void
tb_undo_clear(struct textbuf *tb)
{
	size_t i;

	for (i = 0; i < tb->nundo; i++)
		tb_change_free(&tb->undo[i]);
	tb->nundo = 0;
	tb->run = 0;
}

void
tb_free(struct textbuf *tb)
{
	tb_undo_clear(tb);
	free(tb->undo);
	if (tb->buf != NULL) {
		vault_wipe(tb->buf, tb->cap);
		free(tb->buf);
	}
	memset(tb, 0, sizeof *tb);
}

void
tb_set(struct textbuf *tb, const char *s, size_t n)
{
	tb_undo_clear(tb);
	tb_raw_delete(tb, 0, tb_len(tb));
	tb_raw_insert(tb, 0, s, n);
	tb->cursor = n;
	tb->goal = -1;
	tb->edit_pos = 0;
	tb->version++;
}

const char *
tb_text(struct textbuf *tb)
{
	tb_reserve(tb, 1);
	tb_move_gap(tb, tb_len(tb));
	tb->buf[tb->gap] = '\0';
	return tb->buf;
}

/* ---- undo records ---- */

static void
tb_change_append(struct tb_change *c, const char *s, size_t n, int front)
{
	if (c->len + n > c->cap) {
		size_t cap = c->cap < 16 ? 16 : c->cap;
		char *nt;

		while (cap < c->len + n)
			cap *= 2;
		nt = xmalloc(cap);
		if (c->text != NULL) {
			memcpy(nt, c->text, c->len);
			vault_wipe(c->text, c->cap);
			free(c->text);
		}
		c->text = nt;
		c->cap = cap;
	}
	if (front) {
		memmove(c->text + n, c->text, c->len);
		memcpy(c->text, s, n);
	} else
		memcpy(c->text + c->len, s, n);
	c->len += n;
}

/* A new record (the oldest goes when there are TB_UNDO_MAX). */
static struct tb_change *
tb_change_new(struct textbuf *tb, int kind, int back, size_t pos)
{
	struct tb_change *c;

	if (tb->nundo == TB_UNDO_MAX && tb->undo != NULL) {
		tb_change_free(&tb->undo[0]);
		memmove(tb->undo, tb->undo + 1,
		    (tb->nundo - 1) * sizeof *tb->undo);
		tb->nundo--;
	}
	if (tb->undo == NULL || tb->nundo == tb->capundo) {
		tb->capundo = tb->capundo ? tb->capundo * 2 : 16;
		tb->undo = xrealloc(tb->undo, tb->capundo * sizeof *tb->undo);
	}
	c = &tb->undo[tb->nundo++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->back = back;
	c->pos = pos;
	c->cursor = tb->cursor;
	tb->run = 1;
	return c;
}

static struct tb_change *
tb_last(struct textbuf *tb)
{
	if (!tb->run || tb->nundo == 0 || tb->undo == NULL)
		return NULL;
	return &tb->undo[tb->nundo - 1];
}

void
tb_end_run(struct textbuf *tb)
{
	tb->run = 0;
}

/* ---- changes ---- */

void
tb_insert(struct textbuf *tb, const char *s, size_t n)
{
	struct tb_change *c = tb_last(tb);

	if (n == 0)
		return;
	if (c == NULL || c->kind != TB_INSERT || c->pos + c->len != tb->cursor)
		c = tb_change_new(tb, TB_INSERT, 0, tb->cursor);
	tb_change_append(c, s, n, 0);
	tb_raw_insert(tb, tb->cursor, s, n);
	tb->edit_pos = tb->cursor;
	tb->cursor += n;
	tb->goal = -1;
	tb->version++;
}

void
tb_insert_char(struct textbuf *tb, unsigned cp)
{
	char s[4];
	size_t n;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		return;
	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xc0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xe0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		s[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	tb_insert(tb, s, n);
}

/* Delete [from, to) as part of a run of Backspace (back) or Delete. */
static void
tb_remove(struct textbuf *tb, size_t from, size_t to, int back)
{
	struct tb_change *c = tb_last(tb);
	size_t n = to - from;
	char *tmp = xmalloc(n);

	tb_copy(tb, from, n, tmp);
	if (c == NULL || c->kind != TB_DELETE || c->back != back ||
	    c->pos != (back ? to : from))
		c = tb_change_new(tb, TB_DELETE, back, back ? to : from);
	tb_change_append(c, tmp, n, back);
	c->pos = from;
	vault_wipe(tmp, n);
	free(tmp);
	tb_raw_delete(tb, from, n);
	tb->cursor = from;
	tb->edit_pos = from;
	tb->goal = -1;
	tb->version++;
}

int
tb_backspace(struct textbuf *tb)
{
	if (tb->cursor == 0)
		return 0;
	tb_remove(tb, tb_cluster_before(tb, tb->cursor), tb->cursor, 1);
	return 1;
}

int
tb_delete(struct textbuf *tb)
{
	size_t end = tb_cluster(tb, tb->cursor, NULL, 0, NULL, NULL);

	if (end == tb->cursor)
		return 0;
	tb_remove(tb, tb->cursor, end, 0);
	return 1;
}

int
tb_undo(struct textbuf *tb)
{
	struct tb_change *c;

	if (tb->nundo == 0)
		return 0;
	c = &tb->undo[tb->nundo - 1];
	if (c->kind == TB_INSERT)
		tb_raw_delete(tb, c->pos, c->len);
	else
		tb_raw_insert(tb, c->pos, c->text, c->len);
	tb->cursor = c->cursor;
	tb->edit_pos = c->pos;
	tb_change_free(c);
	tb->nundo--;
	tb->run = 0;
	tb->goal = -1;
	tb->version++;
	return 1;
}

/* ---- moves ---- */

static int
tb_move(struct textbuf *tb, size_t to)
{
	int moved = to != tb->cursor;

	tb->cursor = to;
	tb->run = 0;
	tb->goal = -1;
	return moved;
}

int
tb_left(struct textbuf *tb)
{
	if (tb->cursor == 0)
		return tb_move(tb, 0);
	return tb_move(tb, tb_cluster_before(tb, tb->cursor));
}

int
tb_right(struct textbuf *tb)
{
	return tb_move(tb, tb_cluster(tb, tb->cursor, NULL, 0, NULL, NULL));
}

int
tb_word_right(struct textbuf *tb)
{
	size_t i = tb->cursor, len = tb_len(tb);

	while (i < len && !tb_is_word(tb_cp(tb, i)))
		i = tb_cluster(tb, i, NULL, 0, NULL, NULL);
	while (i < len && tb_is_word(tb_cp(tb, i)))
		i = tb_cluster(tb, i, NULL, 0, NULL, NULL);
	return tb_move(tb, i);
}

int
tb_word_left(struct textbuf *tb)
{
	size_t i = tb->cursor, p;

	while (i > 0 && !tb_is_word(tb_cp(tb, p = tb_cluster_before(tb, i))))
		i = p;
	while (i > 0 && tb_is_word(tb_cp(tb, p = tb_cluster_before(tb, i))))
		i = p;
	return tb_move(tb, i);
}

/* The start of the logical line holding pos. */
static size_t
tb_line_start(const struct textbuf *tb, size_t pos)
{
	while (pos > 0 && tb_at(tb, pos - 1) != '\n')
		pos--;
	return pos;
}

int
tb_home(struct textbuf *tb)
{
	return tb_move(tb, tb_line_start(tb, tb->cursor));
}

int
tb_end(struct textbuf *tb)
{
	size_t i = tb->cursor, len = tb_len(tb);

	while (i < len && tb_at(tb, i) != '\n')
		i++;
	return tb_move(tb, i);
}

/* ---- layout ---- */

size_t
tb_vline(const struct textbuf *tb, size_t s, int width, size_t *end)
{
	size_t len = tb_len(tb), i = s, brk = s;
	int col = 0, w;

	while (i < len) {
		unsigned cp = tb_cp(tb, i);
		size_t j;

		if (cp == '\n') {
			*end = i;
			return i + 1;
		}
		j = tb_cluster(tb, i, NULL, 0, NULL, &w);
		if (col + w > width && i > s) {
			if (cp == ' ') {        /* it hangs at the end */
				*end = j;
				return j;
			}
			*end = brk > s ? brk : i;
			return *end;
		}
		col += w;
		i = j;
		if (cp == ' ')
			brk = i;
	}
	*end = len;
	return len;
}

size_t
tb_vline_start(const struct textbuf *tb, size_t pos, int width)
{
	size_t len = tb_len(tb), s, end;

	if (pos > len)
		pos = len;
	s = tb_line_start(tb, pos);
	for (;;) {
		size_t next = tb_vline(tb, s, width, &end);

		if (pos < next || end == len)
			return s;
		s = next;
	}
}

/* Display columns from s to pos. */
static int
tb_columns(const struct textbuf *tb, size_t s, size_t pos)
{
	int col = 0, w;

	while (s < pos) {
		s = tb_cluster(tb, s, NULL, 0, NULL, &w);
		col += w;
	}
	return col;
}

/* The position in the visual line s nearest column col (not past it). */
static size_t
tb_at_column(const struct textbuf *tb, size_t s, int width, int col)
{
	size_t end, next = tb_vline(tb, s, width, &end), i = s;
	int c = 0, w;

	while (i < end) {
		size_t j = tb_cluster(tb, i, NULL, 0, NULL, &w);

		if (c + w > col)
			return i;
		c += w;
		i = j;
	}
	/* The end of a wrapped line is where the next one starts: stay on
	 * this one. */
	if (i == next && i < tb_len(tb) && i > s)
		i = tb_cluster_before(tb, i);
	return i;
}

int
tb_lines(struct textbuf *tb, int width, int n)
{
	size_t s = tb_vline_start(tb, tb->cursor, width), end;
	size_t len = tb_len(tb), to;
	int col = tb->goal >= 0 ? tb->goal : tb_columns(tb, s, tb->cursor);
	int up = n < 0, moved = 0;

	for (; n < 0 && s > 0; n++, moved = 1)
		s = tb_vline_start(tb, s - 1, width);
	for (; n > 0; n--, moved = 1) {
		size_t next = tb_vline(tb, s, width, &end);

		if (end == len)
			break;
		s = next;
	}
	if (moved)
		to = tb_at_column(tb, s, width, col);
	else                    /* on the first or last line already */
		to = up ? 0 : len;
	moved = to != tb->cursor;
	tb->cursor = to;
	tb->run = 0;
	tb->goal = col;
	return moved;
}

void
tb_cursor_at(const struct textbuf *tb, int width, size_t top, int *row,
    int *col)
{
	size_t s = top, end, len = tb_len(tb);
	int r = 0;

	for (;;) {
		size_t next = tb_vline(tb, s, width, &end);

		if (tb->cursor < next || end == len)
			break;
		s = next;
		r++;
	}
	*row = r;
	*col = tb_columns(tb, s, tb->cursor);
}

size_t
tb_view(const struct textbuf *tb, int width, int height, size_t top)
{
	size_t len = tb_len(tb), from, s, next, end, *ring, count = 0, h;

	if (height < 1)
		height = 1;
	h = (size_t)height;
	if (top > len)
		top = len;
	if (tb->cursor < top)
		return tb_vline_start(tb, tb->cursor, width);
	/* Walk to the cursor's line from the top, or from the start of the
	 * cursor's paragraph when that is further on, keeping the last h
	 * line starts: typing on at the bottom costs a window, not the
	 * text. */
	for (from = tb->cursor; from > top && tb_at(tb, from - 1) != '\n';)
		from--;
	ring = xmalloc(h * sizeof *ring);
	for (s = from;; s = next) {
		ring[count++ % h] = s;
		next = tb_vline(tb, s, width, &end);
		if (tb->cursor < next || end == len)
			break;
	}
	if (count >= h)
		s = ring[count % h];
	else if (from == top)
		s = top;
	else {
		for (s = from; count < h && s > top; count++)
			s = tb_vline_start(tb, s - 1, width);
		if (s < top)
			s = top;
	}
	free(ring);
	return s;
}
