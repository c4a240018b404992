/*
 * screen-firstrun.c: making a new journal, the first time tend starts.
 *
 * Three steps: choose a passphrase (hidden, with a gentle strength hint),
 * type it again, then the recovery key is shown once.  To leave that step
 * the person types the key's last group (four characters) back: a sign
 * that they wrote it down rather than pressed a key by habit.  Nothing is
 * made until the passphrase has been typed the same twice; once it has,
 * the vault is created and opened at once, and the passphrase is wiped.
 *
 * In test builds TEND_TEST_KDF names a cheaper key derivation profile, so
 * the e2e tests need not spend a second and 256 MiB per run (testhook.h).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/testhook.h"
#include "tend/vault.h"

enum firstrun_step { STEP_CHOOSE, STEP_REPEAT, STEP_RECOVERY };

struct firstrun {
	enum firstrun_step step;
	struct field pass, again, last;
	char *recovery;                 /* guarded memory */
	struct vault *vault;            /* open during STEP_RECOVERY */
	int quit_asked;
	int hidden;                     /* key hidden after the idle time */
	char note[ERR_MSG_MAX + 64];
	enum role note_role;
};

static const struct keydef firstrun_keys[] = {
	{ ACT_CONFIRM, { UI_ENTER }, "Next",
	  "Go on to the next step.", 1 },
	{ ACT_BACK, { UI_ESC }, "Back",
	  "Go back to the first passphrase and choose again.", 1 },
	{ ACT_CLEAR, { UI_CTRL('u') }, "Clear",
	  "Clear what you typed in the field.", 1 },
	{ ACT_HELP, { UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_QUIT, { UI_CTRL('q') }, "Quit",
	  "Leave tend. Before the passphrase is confirmed nothing is saved.",
	  1 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

static void
firstrun_enter(struct app *a, struct frame *f)
{
	struct firstrun *fr = xcalloc(1, sizeof *fr);

	(void)a;
	field_init(&fr->pass, 1, FIELD_MAX);
	field_init(&fr->again, 1, FIELD_MAX);
	field_init(&fr->last, 0, 16);
	f->data = fr;
}

static void
firstrun_forget_recovery(struct firstrun *fr)
{
	if (fr->recovery != NULL) {
		vault_secret_free(fr->recovery);
		fr->recovery = NULL;
	}
}

static void
firstrun_leave(struct app *a, struct frame *f)
{
	struct firstrun *fr = f->data;

	(void)a;
	field_free(&fr->pass);
	field_free(&fr->again);
	field_free(&fr->last);
	firstrun_forget_recovery(fr);
	if (fr->vault != NULL)
		vault_close(fr->vault);
	free(fr);
	f->data = NULL;
}

static void
firstrun_note(struct firstrun *fr, enum role r, const char *s)
{
	snprintf(fr->note, sizeof fr->note, "%s", s);
	fr->note_role = r;
}

/* Draw full if it fits in room rows with a blank row after it, else
 * brief if that fits, else nothing: on a small window the explanations
 * give way to the fields.  Returns the rows used. */
static int
firstrun_para(struct app *a, int y, int w, int room, enum role r,
    const char *full, const char *brief)
{
	if (draw_wrap_rows(w, full) + 1 <= room)
		return draw_wrap(a, y, 2, w, room, r, full) + 1;
	if (brief != NULL && draw_wrap_rows(w, brief) + 1 <= room)
		return draw_wrap(a, y, 2, w, room, r, brief) + 1;
	return 0;
}

static void
firstrun_draw(struct app *a, struct frame *f)
{
	static const char intro[] = "tend keeps your journal in one "
	    "encrypted file on this computer. Choose a passphrase to lock it: "
	    "nobody can read the journal without it.";
	static const char again[] = "Type the same passphrase again, so we "
	    "know it is the one you meant.";
	static const char keep[] = "This is your recovery key. If you ever "
	    "forget your passphrase, it is the way back in. Please write it "
	    "down on paper and keep it somewhere safe, away from this "
	    "computer. It is shown only this once.";
	static const char keep_brief[] = "Write it down: it is shown only "
	    "once.";
	static const char type[] = "When you have written it down, type its "
	    "last four characters here and press Enter.";
	static const char type_brief[] = "Then type its last four:";
	struct firstrun *fr = f->data;
	int y = ui_body_top() + 1, w = COLS - 4, maxy = ui_body_end();
	int note = fr->note[0] != '\0' ? draw_wrap_rows(w, fr->note) + 1 : 0;
	const char *hint;
	enum role hr = ROLE_HINT;
	int need;

	switch (fr->step) {
	case STEP_CHOOSE:
	case STEP_REPEAT:
		hint = fr->step == STEP_REPEAT ? again :
		    passphrase_hint(fr->pass.buf, fr->pass.len, &hr);
		need = (fr->step == STEP_REPEAT ? 2 : 1) + 1 +
		    draw_wrap_rows(w, hint) + note;
		y += draw_wrap(a, y, 2, w, 1, ROLE_HEADING,
		    "Welcome to tend.") + 1;
		y += firstrun_para(a, y, w, maxy - y - need, ROLE_NORMAL,
		    intro, "Choose a passphrase for your journal.");
		passphrase_field(a, y++, "New passphrase:", &fr->pass,
		    fr->step == STEP_CHOOSE);
		if (fr->step == STEP_REPEAT)
			passphrase_field(a, y++, "Once more:", &fr->again, 1);
		y++;
		y += draw_wrap(a, y, 2, w, maxy - y, hr, hint);
		break;
	case STEP_RECOVERY:
		need = 3 + draw_wrap_rows(w, type_brief) + 1 + 1 + note;
		y += draw_wrap(a, y, 2, w, 1, ROLE_HEADING,
		    "Your journal is ready.") + 1;
		y += firstrun_para(a, y, w, maxy - y - need, ROLE_NORMAL, keep,
		    keep_brief);
		if (fr->hidden)
			y += draw_wrap(a, y, 4, w - 2, 2, ROLE_HINT,
			    "(hidden while you were away)") + 1;
		else
			y += recovery_draw(a, y, fr->recovery) + 1;
		y += firstrun_para(a, y, w, maxy - y - 1 - note, ROLE_NORMAL,
		    type, type_brief);
		passphrase_field(a, y++, "Last four:", &fr->last, 1);
		break;
	}
	if (note > 0 && y + 1 < maxy)
		draw_wrap(a, y + 1, 2, w, maxy - y - 1, fr->note_role,
		    fr->note);
}

/* Left alone with the recovery key on screen: hide it until a key is
 * pressed, so it does not sit there for anyone passing by. */
static int
firstrun_idle(struct app *a, struct frame *f)
{
	struct firstrun *fr = f->data;

	(void)a;
	if (fr->step != STEP_RECOVERY)
		return UI_NOTHING;
	fr->hidden = 1;
	field_reset(&fr->last);
	firstrun_note(fr, ROLE_HINT, "The recovery key is hidden while you "
	    "are away. Press any key to show it again.");
	return UI_DRAW_BODY;
}

/* Back only from the second passphrase to the first: before that there
 * is no step to go back to, and after it the journal is made. */
static int
firstrun_active(struct app *a, struct frame *f, enum action act)
{
	struct firstrun *fr = f->data;

	(void)a;
	return act != ACT_BACK || fr->step == STEP_REPEAT;
}

static enum vault_kdf
firstrun_kdf(void)
{
	const char *name = test_hook(TEST_HOOK_KDF);
	enum vault_kdf kdf = VAULT_KDF_MODERATE;

	if (name != NULL && name[0] != '\0' &&
	    vault_kdf_parse(name, &kdf, NULL) != 0)
		kdf = VAULT_KDF_MODERATE;
	return kdf;
}

/* Both passphrases typed: make the vault and open it. */
static int
firstrun_create(struct app *a, struct firstrun *fr)
{
	struct err e;
	int rc;

	if (fr->pass.len != fr->again.len ||
	    memcmp(fr->pass.buf, fr->again.buf, fr->pass.len) != 0) {
		field_reset(&fr->pass);
		field_reset(&fr->again);
		fr->step = STEP_CHOOSE;
		firstrun_note(fr, ROLE_WARNING, "The two were not the same. "
		    "No harm done: please choose a passphrase and type it "
		    "twice again.");
		return UI_DRAW_BODY;
	}
	fr->recovery = vault_secret_alloc(VAULT_RECOVERY_CHARS + 1);
	passphrase_progress_begin(a, draw_glyph(a, "One moment: making your "
	    "journal's key…", "One moment: making your journal's key..."));
	rc = vault_create(a->vault_path, fr->pass.buf, fr->pass.len,
	    firstrun_kdf(), fr->recovery, &e);
	if (rc == 0)
		rc = vault_open(a->vault_path, fr->pass.buf, fr->pass.len,
		    VAULT_WRITE, &fr->vault, &e);
	passphrase_progress_end(a);
	field_reset(&fr->pass);
	field_reset(&fr->again);
	if (rc != 0) {
		firstrun_forget_recovery(fr);
		fr->step = STEP_CHOOSE;
		snprintf(fr->note, sizeof fr->note, "The journal could not be "
		    "made: %s.", e.msg);
		fr->note_role = ROLE_WARNING;
		return UI_DRAW_ALL;
	}
	fr->step = STEP_RECOVERY;
	firstrun_note(fr, ROLE_HINT, "");
	return UI_DRAW_ALL;
}

static int
firstrun_key(struct app *a, struct frame *f, enum action act, int key)
{
	struct firstrun *fr = f->data;
	struct vault *v;
	struct field *fld = fr->step == STEP_CHOOSE ? &fr->pass :
	    fr->step == STEP_REPEAT ? &fr->again : &fr->last;

	if (act != ACT_QUIT)
		fr->quit_asked = 0;
	if (fr->hidden) {
		fr->hidden = 0;         /* any key shows it again */
		firstrun_note(fr, ROLE_HINT, "");
		if (act != ACT_QUIT && act != ACT_HELP)
			return UI_DRAW_BODY;
	}
	switch (act) {
	case ACT_CONFIRM:
		if (fr->step == STEP_CHOOSE) {
			if (fr->pass.len == 0) {
				firstrun_note(fr, ROLE_HINT, "Type a "
				    "passphrase first, then press Enter.");
				return UI_DRAW_BODY;
			}
			fr->step = STEP_REPEAT;
			firstrun_note(fr, ROLE_HINT, "");
			return UI_DRAW_BODY;
		}
		if (fr->step == STEP_REPEAT)
			return firstrun_create(a, fr);
		if (!recovery_last_ok(fr->recovery, &fr->last)) {
			field_reset(&fr->last);
			firstrun_note(fr, ROLE_WARNING, "That is not how the "
			    "key ends. Look at the last group of four above "
			    "and type it here.");
			return UI_DRAW_BODY;
		}
		v = fr->vault;
		fr->vault = NULL;
		ui_unlocked(a, v);      /* this screen is gone now */
		ui_message(a, ROLE_GOOD, "Your journal is ready.");
		return UI_DRAW_ALL;
	case ACT_BACK:
		if (fr->step == STEP_REPEAT) {
			field_reset(&fr->again);
			fr->step = STEP_CHOOSE;
		}
		return UI_DRAW_BODY;
	case ACT_QUIT:
		if (fr->step == STEP_RECOVERY && !fr->quit_asked) {
			fr->quit_asked = 1;
			firstrun_note(fr, ROLE_WARNING, "The recovery key will "
			    "not be shown again. Press ^Q once more to leave "
			    "anyway; your journal and passphrase still work.");
			return UI_DRAW_BODY;
		}
		return UI_PASS;
	default:
		break;
	}
	if (field_key(fld, key))
		return UI_DRAW_BODY;
	return UI_PASS;
}

const struct screen screen_firstrun = {
	.name = "firstrun",
	.title = "New journal",
	.enter = firstrun_enter,
	.draw = firstrun_draw,
	.key = firstrun_key,
	.leave = firstrun_leave,
	.idle = firstrun_idle,
	.active = firstrun_active,
	.keys = firstrun_keys,
	.about = "There is no journal on this computer yet. Choose a "
	    "passphrase and type it twice; tend then makes the encrypted "
	    "journal and shows a recovery key, once, for you to write down.",
};
