/*
 * screen-passwd.c: changing the passphrase from the settings, and the
 * re-encryption offered after it.
 *
 * Steps: the passphrase in use (someone at an unlocked screen cannot
 * change it), the new one twice, then the change itself.  A new
 * passphrase keeps the journal's data key, so whoever had the old
 * passphrase and an old copy of the file could read what is written later;
 * the screen explains that and asks whether to re-encrypt everything with
 * a new key as well (no by default).  A yes closes the store, re-encrypts
 * the vault (a bar counts the pages once it takes a while) and shows the
 * new recovery key once; as at the first run, its last four characters are typed back
 * before the screen closes.  The journal is closed while the key is shown
 * (so the idle lock has nothing to lock and only hides the key, as at the
 * first run), and opens again with the new passphrase on the unlock
 * screen: a first use of it.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/store.h"
#include "tend/vault.h"

enum passwd_step { STEP_CURRENT, STEP_NEW, STEP_AGAIN, STEP_ASK, STEP_KEY };

struct passwd {
	enum passwd_step step;
	struct field cur, pass, again, last;
	char *recovery;                 /* guarded memory, during STEP_KEY */
	int hidden;
	int quit_asked;
	char note[ERR_MSG_MAX + 64];
	enum role note_role;
};

static const struct keydef passwd_keys[] = {
	{ ACT_YES, { 'y', 'Y' }, "Yes",
	  "Yes: re-encrypt everything with a new key.", 1 },
	{ ACT_NO, { 'n', 'N' }, "No",
	  "No: keep the key; the new passphrase is set already.", 1 },
	{ ACT_CONFIRM, { UI_ENTER }, "Next",
	  "Go on to the next step.", 1 },
	{ ACT_BACK, { UI_ESC }, "Back",
	  "Leave without changing anything (before the new passphrase is "
	  "set).", 1 },
	{ ACT_CLEAR, { UI_CTRL('u') }, "Clear",
	  "Clear what you typed in the field.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_QUIT, { UI_CTRL('q') }, "Quit",
	  "Leave tend. While the new recovery key is shown, asks once more "
	  "first.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
passwd_enter(struct app *a, struct frame *f)
{
	struct passwd *p = xcalloc(1, sizeof *p);

	(void)a;
	field_init(&p->cur, 1, FIELD_MAX);
	field_init(&p->pass, 1, FIELD_MAX);
	field_init(&p->again, 1, FIELD_MAX);
	field_init(&p->last, 0, 16);
	f->data = p;
}

static void
passwd_forget_recovery(struct passwd *p)
{
	if (p->recovery != NULL) {
		vault_secret_free(p->recovery);
		p->recovery = NULL;
	}
}

static void
passwd_leave(struct app *a, struct frame *f)
{
	struct passwd *p = f->data;

	(void)a;
	field_free(&p->cur);
	field_free(&p->pass);
	field_free(&p->again);
	field_free(&p->last);
	passwd_forget_recovery(p);
	free(p);
	f->data = NULL;
}

static void
passwd_note(struct passwd *p, enum role r, const char *s)
{
	snprintf(p->note, sizeof p->note, "%s", s);
	p->note_role = r;
}

static void
passwd_draw(struct app *a, struct frame *f)
{
	static const char ask[] = "Your new passphrase is set. The journal "
	    "itself is still locked with the same inner key as before, so "
	    "someone who knew the old passphrase and has an old copy of the "
	    "file (a backup, a cloud folder) could read what you write from "
	    "now on. Re-encrypting puts everything under a new key and gives "
	    "you a new recovery key; it takes a moment and needs room for a "
	    "second copy of the journal.";
	static const char keep[] = "Everything is re-encrypted. This is "
	    "your new recovery key; the old one no longer opens the journal. "
	    "Please write it down and keep it somewhere safe, away from this "
	    "computer. It is shown only this once.";
	static const char type[] = "Then type its last four characters "
	    "here and press Enter.";
	struct passwd *p = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	enum role hr = ROLE_HINT;
	const char *hint;

	y += draw_wrap(a, y, 2, w, 1, ROLE_HEADING, "Change your passphrase")
	    + 1;
	switch (p->step) {
	case STEP_CURRENT:
	case STEP_NEW:
	case STEP_AGAIN:
		passphrase_field(a, y++, "Passphrase now:", &p->cur,
		    p->step == STEP_CURRENT);
		if (p->step >= STEP_NEW)
			passphrase_field(a, y++, "New passphrase:", &p->pass,
			    p->step == STEP_NEW);
		if (p->step == STEP_AGAIN)
			passphrase_field(a, y++, "Once more:", &p->again, 1);
		y++;
		hint = p->step == STEP_CURRENT ? "First the passphrase you "
		    "use now, so that nobody else can change it." :
		    p->step == STEP_AGAIN ? "Type the new passphrase again, "
		    "so we know it is the one you meant." :
		    passphrase_hint(p->pass.buf, p->pass.len, &hr);
		y += draw_wrap(a, y, 2, w, maxy - y, hr, hint) + 1;
		break;
	case STEP_ASK:
		y += draw_wrap(a, y, 2, w, maxy - y - 2, ROLE_NORMAL, ask) + 1;
		y += draw_wrap(a, y, 2, w, maxy - y, ROLE_NORMAL,
		    "Also re-encrypt everything with a new key? [y/N]") + 1;
		break;
	case STEP_KEY:
		y += draw_wrap(a, y, 2, w, maxy - y - 5, ROLE_NORMAL, keep) + 1;
		if (p->hidden)
			y += draw_wrap(a, y, 4, w - 2, 2, ROLE_HINT,
			    "(hidden while you were away)") + 1;
		else
			y += recovery_draw(a, y, p->recovery) + 1;
		y += draw_wrap(a, y, 2, w, maxy - y - 1, ROLE_NORMAL, type);
		passphrase_field(a, y++, "Last four:", &p->last, 1);
		break;
	}
	if (p->note[0] != '\0' && y + 1 < maxy)
		draw_wrap(a, y + 1, 2, w, maxy - y - 1, p->note_role, p->note);
}

static int
passwd_active(struct app *a, struct frame *f, enum action act)
{
	struct passwd *p = f->data;

	(void)a;
	switch (act) {
	case ACT_YES:
	case ACT_NO:
		return p->step == STEP_ASK;
	case ACT_BACK:
	case ACT_CLEAR:
		return p->step <= STEP_AGAIN || (act == ACT_CLEAR &&
		    p->step == STEP_KEY);
	case ACT_CONFIRM:
		return p->step != STEP_ASK;
	default:
		return 1;
	}
}

/* The passphrase in use: check it by opening the vault a second time. */
static int
passwd_check_current(struct app *a, struct passwd *p)
{
	struct vault *v;
	struct err e;
	int rc;

	passphrase_progress_begin(a, draw_glyph(a, "One moment: checking "
	    "the passphrase…", "One moment: checking the passphrase..."));
	rc = vault_open(a->vault_path, p->cur.buf, p->cur.len, 0, &v, &e);
	passphrase_progress_end(a);
	if (rc != 0) {
		field_reset(&p->cur);
		passwd_note(p, ROLE_WARNING, strcmp(e.msg, "wrong passphrase")
		    == 0 ? "That is not the passphrase in use. Please try "
		    "again." : e.msg);
		return UI_DRAW_ALL;
	}
	vault_close(v);
	p->step = STEP_NEW;
	passwd_note(p, ROLE_HINT, "");
	return UI_DRAW_ALL;
}

static int
passwd_set(struct app *a, struct passwd *p)
{
	struct err e;
	int rc;

	if (p->pass.len != p->again.len ||
	    memcmp(p->pass.buf, p->again.buf, p->pass.len) != 0) {
		field_reset(&p->pass);
		field_reset(&p->again);
		p->step = STEP_NEW;
		passwd_note(p, ROLE_WARNING, "The two were not the same. No "
		    "harm done: please type the new passphrase twice again.");
		return UI_DRAW_BODY;
	}
	passphrase_progress_begin(a, draw_glyph(a, "One moment: locking the "
	    "journal with the new passphrase…", "One moment: locking the "
	    "journal with the new passphrase..."));
	rc = vault_passwd(a->vault, p->pass.buf, p->pass.len, &e);
	passphrase_progress_end(a);
	field_reset(&p->cur);
	if (rc != 0) {
		char msg[ERR_MSG_MAX + 64];

		snprintf(msg, sizeof msg, "The passphrase was not changed: "
		    "%s.", e.msg);
		field_reset(&p->pass);
		field_reset(&p->again);
		p->step = STEP_NEW;
		passwd_note(p, ROLE_WARNING, msg);
		return UI_DRAW_ALL;
	}
	field_reset(&p->again);
	p->step = STEP_ASK;
	passwd_note(p, ROLE_HINT, "");
	return UI_DRAW_ALL;
}

/* Close the store, re-encrypt the vault and close it (the key is shown
 * next); when nothing was re-encrypted, open the store again. */
static int
passwd_rekey(struct app *a, struct passwd *p)
{
	struct progress step;
	struct err e, e2;
	int rc;

	p->recovery = vault_secret_alloc(VAULT_RECOVERY_CHARS + 1);
	store_close(a->store);
	a->store = NULL;
	curs_set(0);
	passphrase_progress_begin(a, draw_glyph(a, "One moment: locking the "
	    "new key…", "One moment: locking the new key..."));
	ui_step_begin(a, &step, "Re-encrypting");
	rc = vault_rekey(a->vault, p->pass.buf, p->pass.len, -1, NULL,
	    p->recovery, &e);
	ui_step_end(a, &step);
	passphrase_progress_end(a);
	field_reset(&p->pass);
	if (rc < 0) {
		char msg[ERR_MSG_MAX + 96];

		passwd_forget_recovery(p);
		snprintf(msg, sizeof msg, "Nothing was re-encrypted: %s. The "
		    "new passphrase is set.", e.msg);
		if (store_open(a->vault, &a->store, &e2) != 0) {
			ui_lock(a);
			ui_message(a, ROLE_WARNING, "%s", msg);
			return UI_DRAW_ALL;
		}
		ui_pop(a);
		ui_message(a, ROLE_WARNING, "%s", msg);
		return UI_DRAW_ALL;
	}
	/* Done (rc 1: in place, but not opened again): the journal stays
	 * closed until the unlock screen, after the key is written down. */
	vault_close(a->vault);
	a->vault = NULL;
	p->step = STEP_KEY;
	passwd_note(p, ROLE_HINT, "");
	return UI_DRAW_ALL;
}

static int
passwd_idle(struct app *a, struct frame *f)
{
	struct passwd *p = f->data;

	(void)a;
	if (p->step != STEP_KEY)
		return UI_NOTHING;
	p->hidden = 1;
	field_reset(&p->last);
	return UI_DRAW_BODY;
}

static int
passwd_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct passwd *p = f->data;
	struct field *fld = p->step == STEP_CURRENT ? &p->cur :
	    p->step == STEP_NEW ? &p->pass : p->step == STEP_AGAIN ?
	    &p->again : &p->last;

	if (act != ACT_QUIT)
		p->quit_asked = 0;
	if (p->hidden) {
		p->hidden = 0;
		if (act != ACT_HELP && act != ACT_QUIT)
			return UI_DRAW_BODY;
	}
	if (act == ACT_QUIT && p->step == STEP_KEY && !p->quit_asked) {
		p->quit_asked = 1;
		passwd_note(p, ROLE_WARNING, "The recovery key will not be "
		    "shown again. Press ^Q once more to leave anyway; your "
		    "journal and new passphrase still work.");
		return UI_DRAW_BODY;
	}
	if (p->step == STEP_ASK) {
		if (act == ACT_YES)
			return passwd_rekey(a, p);
		if (act == ACT_NO || act == ACT_CONFIRM) {
			field_reset(&p->pass);
			ui_pop(a);
			ui_message(a, ROLE_GOOD, "Your passphrase is changed. "
			    "The recovery key still works.");
			return UI_DRAW_ALL;
		}
		return act == ACT_HELP ? UI_PASS : UI_NOTHING;
	}
	switch (act) {
	case ACT_CONFIRM:
		if (p->step == STEP_CURRENT)
			return p->cur.len == 0 ? UI_NOTHING :
			    passwd_check_current(a, p);
		if (p->step == STEP_NEW) {
			if (p->pass.len == 0)
				return UI_NOTHING;
			p->step = STEP_AGAIN;
			passwd_note(p, ROLE_HINT, "");
			return UI_DRAW_BODY;
		}
		if (p->step == STEP_AGAIN)
			return passwd_set(a, p);
		if (!recovery_last_ok(p->recovery, &p->last)) {
			field_reset(&p->last);
			passwd_note(p, ROLE_WARNING, "That is not how the key "
			    "ends. Look at the last group of four above and "
			    "type it here.");
			return UI_DRAW_BODY;
		}
		ui_lock(a);             /* this screen is gone now */
		ui_message(a, ROLE_GOOD, "Everything is re-encrypted under a "
		    "new key. Type your new passphrase to open the journal.");
		return UI_DRAW_ALL;
	case ACT_BACK:
		ui_pop(a);
		ui_message(a, ROLE_MESSAGE, "The passphrase was not changed.");
		return UI_DRAW_ALL;
	default:
		break;
	}
	if (field_key(fld, key))
		return UI_DRAW_BODY;
	return UI_PASS;
}

const struct screen screen_passwd = {
	.name = "passwd",
	.title = "Passphrase",
	.enter = passwd_enter,
	.draw = passwd_draw,
	.key = passwd_key,
	.leave = passwd_leave,
	.idle = passwd_idle,
	.active = passwd_active,
	.keys = passwd_keys,
	.about = "Change the passphrase that locks your journal: type the one "
	    "you use now, then the new one twice. Afterwards tend offers to "
	    "re-encrypt everything with a new key, so that old copies of the "
	    "journal and the old passphrase cannot read what you write from "
	    "now on; that also gives you a new recovery key.",
};
