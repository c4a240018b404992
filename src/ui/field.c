/*
 * field.c: a one-line text field, used for passphrases and short answers.
 *
 * A secret field keeps its text in guarded memory from the vault module
 * (locked, wiped when freed) and shows one dot per character typed, so the
 * person sees that their typing arrives without anyone reading it over
 * their shoulder.  Backspace removes one character, ^U the whole line.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/ui.h"
#include "tend/vault.h"

void
field_init(struct field *f, int secret, size_t max)
{
	memset(f, 0, sizeof *f);
	f->secret = secret;
	f->max = max > FIELD_MAX ? FIELD_MAX : max;
	f->buf = secret ? vault_secret_alloc(f->max + 1) : xmalloc(f->max + 1);
	f->buf[0] = '\0';
}

void
field_reset(struct field *f)
{
	if (f->buf != NULL)
		vault_wipe(f->buf, f->max + 1);
	f->len = 0;
}

void
field_free(struct field *f)
{
	if (f->buf == NULL)
		return;
	field_reset(f);
	if (f->secret)
		vault_secret_free(f->buf);
	else
		free(f->buf);
	f->buf = NULL;
}

size_t
field_chars(const struct field *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->len; i++)
		if (((unsigned char)f->buf[i] & 0xc0) != 0x80)
			n++;
	return n;
}

int
field_key(struct field *f, int key)
{
	char mb[8];
	mbstate_t st;
	size_t n;

	if (key == UI_KC(KEY_BACKSPACE)) {
		while (f->len > 0 &&
		    ((unsigned char)f->buf[f->len - 1] & 0xc0) == 0x80)
			f->buf[--f->len] = '\0';
		if (f->len > 0)
			f->buf[--f->len] = '\0';
		return 1;
	}
	if (key == UI_CTRL('u')) {
		field_reset(f);
		return 1;
	}
	if ((key & UI_KEYCODE) || key < ' ' || key == 127)
		return 0;
	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)key, &st);
	if (n == (size_t)-1)
		return 1;
	if (f->len + n <= f->max) {
		memcpy(f->buf + f->len, mb, n);
		f->len += n;
		f->buf[f->len] = '\0';
	} else
		beep();
	vault_wipe(mb, sizeof mb);
	return 1;
}

void
field_draw(struct app *a, struct field *f, int y, int x, int width)
{
	const char *dot = draw_glyph(a, "•", "*");
	size_t i;
	int used = 0, cx;

	if (width <= 0)
		return;
	attrset(a->attr[ROLE_INPUT]);
	move(y, x);
	for (i = 0; i < (size_t)width; i++)
		addch(' ');
	move(y, x);
	if (f->secret) {
		size_t n = field_chars(f);

		if (n > (size_t)width - 1)
			n = (size_t)width - 1;
		for (i = 0; i < n; i++)
			addstr(dot);
		used = (int)n;
	} else {
		const char *s = f->buf;
		int w = draw_width(s);

		while (w > width - 1 && *s != '\0') {
			wchar_t wc;
			mbstate_t st;
			size_t k;

			memset(&st, 0, sizeof st);
			k = mbrtowc(&wc, s, MB_CUR_MAX, &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
				k = 1;
			s += k;
			w = draw_width(s);
		}
		used = draw_text(a, y, x, width - 1, ROLE_INPUT, s);
	}
	attrset(a->attr[ROLE_NORMAL]);
	cx = x + used;
	move(y, cx);
}
