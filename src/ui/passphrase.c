/*
 * passphrase.c: what the first-run, unlock and passphrase screens share: a
 * gentle strength hint for a new passphrase, the progress line shown while
 * Argon2id derives the key (about a second with the default profile), and
 * showing a recovery key and checking that its last group was copied.
 *
 * The hint never forbids anything: it says how the passphrase looks and
 * how to make it stronger, in one calm sentence.
 */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/base32.h"
#include "tend/vault.h"

const char *
passphrase_hint(const char *pass, size_t len, enum role *role)
{
	size_t i, chars = 0, words = 0;
	int in_word = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)pass[i] & 0xc0) != 0x80)
			chars++;
		if (pass[i] == ' ')
			in_word = 0;
		else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	*role = ROLE_HINT;
	if (chars == 0)
		return "A few ordinary words in a row make a passphrase that is "
		    "easy to remember and hard to guess.";
	if (chars < 8)
		return "This is short and could be guessed. A few more words "
		    "would make it much stronger.";
	if (chars < 12)
		return "Fair. Another word or two would make it stronger.";
	if (chars < 16 && words < 4)
		return "Good. Longer is stronger, as long as you can remember "
		    "it.";
	*role = ROLE_GOOD;
	return "Strong. Make sure it is one you will remember.";
}

static void
passphrase_tick(void *arg, double elapsed, int done)
{
	struct app *a = arg;

	if (done)
		return;
	ui_message(a, ROLE_MESSAGE, "%s %.1f s", a->progress_what, elapsed);
	if (!a->too_small) {
		draw_bars(a);
		refresh();
	}
}

void
passphrase_progress_begin(struct app *a, const char *what)
{
	a->progress.tick = passphrase_tick;
	a->progress.arg = a;
	a->progress_what = what;
	vault_set_progress(&a->progress);
	curs_set(0);
	passphrase_tick(a, 0.0, 0);
}

void
passphrase_progress_end(struct app *a)
{
	vault_set_progress(NULL);
	ui_message(a, ROLE_MESSAGE, "%s", "");
	flushinp();             /* keys pressed while waiting are dropped */
}

/* A long step's line on the message row: its words and a bar of 20
 * cells with the percentage, or the seconds when the whole is not known. */
/* A long step's line on the message row: its words and a bar of 20
 * cells, filled up to the percentage, or with a block that moves along
 * while the whole is not known. */
static void
step_draw(void *arg, const char *line, double frac)
{
	struct app *a = arg;
	char bar[20 * 3 + 1];
	size_t o = 0;
	int i, from = 0, to;

	if (line == NULL) {
		ui_message(a, ROLE_MESSAGE, "%s", "");
		return;
	}
	if (frac >= 0)
		to = (int)(frac * 20 + 0.5);
	else {
		static int turn;

		from = turn++ % 17;
		to = from + 4;
	}
	for (i = 0; i < 20; i++) {
		int on = i >= from && i < to;
		const char *g;

		g = on ? draw_glyph(a, "\u2588", "#") :
		    draw_glyph(a, "\u2591", "-");
		memcpy(bar + o, g, strlen(g));
		o += strlen(g);
	}
	bar[o] = '\0';
	if (frac >= 0)
		ui_message(a, ROLE_MESSAGE, "%s  %s %d%%", a->step_what, bar,
		    (int)(frac * 100));
	else
		ui_message(a, ROLE_MESSAGE, "%s  %s", a->step_what, bar);
	if (!a->too_small) {
		draw_bars(a);
		refresh();
	}
}

void
ui_step_begin(struct app *a, struct progress *p, const char *what)
{
	p->draw = step_draw;
	p->arg = a;
	a->step_what = what;
	curs_set(0);
	progress_begin(p, what);
}

void
ui_step_end(struct app *a, struct progress *p)
{
	progress_end(p);
	a->step_what = NULL;
	flushinp();             /* keys pressed while waiting are dropped */
}

void
passphrase_field(struct app *a, int y, const char *label, struct field *fld,
    int active)
{
	int fw = COLS - 24 < 40 ? COLS - 24 : 40;

	draw_text(a, y, 2, 18, active ? ROLE_NORMAL : ROLE_DIM, label);
	field_draw(a, fld, y, 21, fw);
	if (active)
		getyx(stdscr, a->cursor_y, a->cursor_x);
}

int
recovery_draw(struct app *a, int y, const char *key)
{
	char row[64];
	size_t i, o, g;

	for (g = 0; g < 2; g++) {
		for (i = g * 35, o = 0; i < g * 35 + 34 && key[i] != '\0';
		    i++) {
			row[o] = key[i];
			if (row[o] == '-')
				row[o] = ' ';
			o++;
		}
		row[o] = '\0';
		draw_text(a, y + (int)g, 4, COLS - 6, ROLE_KEY, row);
	}
	vault_wipe(row, sizeof row);
	return 2;
}

int
recovery_last_ok(const char *key, const struct field *last)
{
	const char *want = key + VAULT_RECOVERY_CHARS - 4;
	char got[8];
	size_t i, n = 0;

	for (i = 0; i < last->len && n < sizeof got - 1; i++) {
		char c = last->buf[i];

		if (c == ' ' || c == '-')
			continue;
		/* a character outside the alphabet ('\0') never matches */
		got[n++] = base32_canon(c);
	}
	got[n] = '\0';
	return n == 4 && memcmp(got, want, 4) == 0;
}
