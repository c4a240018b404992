/*
 * screen-unlock.c: the passphrase screen, at start and after a lock.
 *
 * The passphrase is typed into a hidden field in guarded memory, wiped as
 * soon as the vault has tried it.  A wrong passphrase gets a calm sentence
 * and another try, as many as the person needs; after a few, the recovery
 * key is mentioned.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/inbox.h"
#include "tend/vault.h"

struct unlock {
	struct field pass;
	int tries;
	char note[ERR_MSG_MAX + 64];
	enum role note_role;
};

static const struct keydef unlock_keys[] = {
	{ ACT_CONFIRM, { UI_ENTER }, "Unlock",
	  "Open your journal with the passphrase you typed.", 1 },
	{ ACT_CLEAR, { UI_CTRL('u') }, "Clear",
	  "Clear the passphrase field and start again.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_QUIT, { UI_CTRL('q') }, "Quit",
	  "Leave tend. Your journal stays locked and safe.", 1 },
	{ ACT_NEW, { UI_CTRL('n') }, "Quick note",
	  "Write a note without unlocking. It is sealed at once and comes "
	  "into your journal at the next unlock.", 1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
unlock_enter(struct app *a, struct frame *f)
{
	struct unlock *u = xcalloc(1, sizeof *u);

	(void)a;
	field_init(&u->pass, 1, FIELD_MAX);
	f->data = u;
}

static void
unlock_leave(struct app *a, struct frame *f)
{
	struct unlock *u = f->data;

	(void)a;
	field_free(&u->pass);
	free(u);
	f->data = NULL;
}

static void
unlock_draw(struct app *a, struct frame *f)
{
	static const char how[] = "Type your passphrase and press Enter.";
	struct unlock *u = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end(), fw;
	int note = u->note[0] != '\0' ? draw_wrap_rows(w, u->note) + 1 : 0;
	char *where;
	size_t waiting;

	y += draw_wrap(a, y, 2, w, 1, ROLE_HEADING,
	    "Your journal is locked.") + 1;
	if (y + draw_wrap_rows(w, how) + 2 + note <= maxy)  /* room for it */
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL, how) + 1;
	draw_text(a, y, 2, w, ROLE_NORMAL, "Passphrase:");
	fw = COLS - 18 < 40 ? COLS - 18 : 40;
	field_draw(a, &u->pass, y, 15, fw);
	getyx(stdscr, a->cursor_y, a->cursor_x);
	y += 2;
	if (note > 0)
		y += draw_wrap(a, y, 2, w, maxy - y, u->note_role, u->note) + 1;
	if ((waiting = inbox_waiting(a->vault_path)) > 0 && y < maxy - 2) {
		char *msg = xasprintf("%zu %s, written while locked, will come "
		    "in when you unlock.", waiting, waiting == 1 ? "note" :
		    "notes");

		draw_wrap(a, maxy - 3, 2, w, 1, ROLE_DIM, msg);
		free(msg);
	}
	where = xasprintf("Journal: %s", a->vault_path);
	if (y < maxy - 1)
		draw_wrap(a, maxy - 2, 2, w, 1, ROLE_DIM, where);
	free(where);
}

/* Try the passphrase; on success the app takes the vault and this screen
 * is gone (f must not be used after). */
static int
unlock_try(struct app *a, struct frame *f)
{
	struct unlock *u = f->data;
	struct vault *v = NULL;
	struct err e;
	int rc;

	if (u->pass.len == 0) {
		snprintf(u->note, sizeof u->note, "Type your passphrase "
		    "first, then press Enter.");
		u->note_role = ROLE_HINT;
		return UI_DRAW_BODY;
	}
	passphrase_progress_begin(a, draw_glyph(a, "One moment: unlocking "
	    "your journal…", "One moment: unlocking your journal..."));
	rc = vault_open(a->vault_path, u->pass.buf, u->pass.len, VAULT_WRITE,
	    &v, &e);
	passphrase_progress_end(a);
	field_reset(&u->pass);
	if (rc == 0) {
		ui_unlocked(a, v);
		return UI_DRAW_ALL;
	}
	u->tries++;
	u->note_role = ROLE_WARNING;
	if (strcmp(e.msg, "wrong passphrase") != 0)
		snprintf(u->note, sizeof u->note, "The journal could not be "
		    "opened: %s.", e.msg);
	else if (u->tries < 3)
		snprintf(u->note, sizeof u->note, "That passphrase did not "
		    "open your journal. Take your time and try again.");
	else
		snprintf(u->note, sizeof u->note, "That passphrase did not "
		    "open your journal. Take your time. If it is lost, the "
		    "recovery key can set a new one: quit and run "
		    "'tend recover'.");
	return UI_DRAW_ALL;
}

static int
unlock_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct unlock *u = f->data;

	if (act == ACT_CONFIRM)
		return unlock_try(a, f);
	if (act == ACT_NEW) {
		field_reset(&u->pass);
		ui_push(a, &screen_jot, NULL);
		return UI_DRAW_ALL;
	}
	if (field_key(&u->pass, key))
		return UI_DRAW_BODY;
	return UI_PASS;
}

const struct screen screen_unlock = {
	.name = "unlock",
	.title = "Unlock",
	.enter = unlock_enter,
	.draw = unlock_draw,
	.key = unlock_key,
	.leave = unlock_leave,
	.keys = unlock_keys,
	.about = "Your journal is kept encrypted and locked. Type your "
	    "passphrase and press Enter to open it. Nothing you type here is "
	    "shown or kept.",
};
