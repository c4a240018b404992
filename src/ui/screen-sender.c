/*
 * screen-sender.c: a review's first screen when the sender is not a known
 * patient.
 *
 * The therapist knows patients by their journal's signing fingerprint
 * (tend patient add).  A bundle signed by any other key opens on this
 * screen, which says so plainly (and, when the bundle carries a known
 * patient's name, whose key it should have had).  Nothing of the journal
 * shows until the therapist presses Enter; q closes the review instead.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"
#include "tend/share.h"

static const struct keydef sender_keys[] = {
	{ ACT_CONFIRM, { UI_ENTER, UI_KC(KEY_ENTER) }, "Read it",
	  "I have read this: show the export.", 1 },
	{ ACT_QUIT, { 'q', UI_ESC, UI_CTRL('q') }, "Close",
	  "Close the review without reading the export.", 1 },
	{ ACT_HELP, { '?', UI_KC(KEY_F(1)) }, "Help",
	  "Show the keys and what they do.", 1 },
	{ ACT_LOCK, { 'L' }, "Close now",
	  "Close the review at once.", 0 },
	{ ACT_NONE, { 0 }, NULL, NULL, 0 },
};

/* The paragraphs, each wrapped to the width; NULL ends them. */
static void
sender_text(const struct app *a, char *out[8])
{
	const struct share_sender *sd = a->sender;
	const char *alias = sd->alias;
	int n = 0;

	if (sd->from == SHARE_FROM_CHANGED) {
		out[n++] = xasprintf("This export is named \"%s\", like your "
		    "patient %s, but another journal signed it.", alias,
		    sd->name);
		out[n++] = xasprintf("This export is signed by %s.", sd->fpr);
		out[n++] = xasprintf("%s's journal signs with %s.", sd->name,
		    sd->was);
		out[n++] = xasprintf("%s may have started a new journal, or "
		    "someone else may be writing in their name. Ask %s in "
		    "person before you trust what it says.", sd->name,
		    sd->name);
		out[n++] = xasprintf("If it is %s's new journal, leave the "
		    "review and type: tend patient rm %s, then tend patient "
		    "add %s %s", sd->name, sd->name, sd->name, a->vault_path);
	} else {
		out[n++] = xstrdup("This export is signed by a journal that "
		    "is not one of your known patients.");
		out[n++] = alias[0] != '\0' ?
		    xasprintf("It calls itself: %s", alias) :
		    xstrdup("It carries no name.");
		out[n++] = xasprintf("Its fingerprint: %s", sd->fpr);
		out[n++] = xstrdup("Compare the fingerprint with your patient "
		    "in person before you trust what it says (they see it on "
		    "their export screen).");
		out[n++] = xasprintf("To know this journal from now on, leave "
		    "the review and type: tend patient add NAME %s",
		    a->vault_path);
	}
	out[n++] = xstrdup("Press Enter to read the export, or q to close "
	    "it.");
	out[n] = NULL;
}

static void
sender_draw(struct app *a, struct frame *f)
{
	char *para[8];
	int y = ui_body_top() + 1, w = COLS - 4, i;

	(void)f;
	draw_text(a, y++, 2, w, ROLE_WARNING,
	    a->sender->from == SHARE_FROM_CHANGED ?
	    "This journal's key has changed" : "Unknown sender");
	y++;
	sender_text(a, para);
	for (i = 0; para[i] != NULL; i++) {
		int rows = draw_wrap_rows(w, para[i]);

		if (y + rows > ui_body_end())
			rows = ui_body_end() - y;
		if (rows > 0)
			draw_wrap(a, y, 2, w, rows, ROLE_NORMAL, para[i]);
		y += rows + 1;
		free(para[i]);
	}
	ui_focus(a, ui_body_top() + 1, 2);
}

static int
sender_key(struct app *a, struct frame *f, enum action act, int key)
{
	(void)f;
	(void)key;
	if (act != ACT_CONFIRM)
		return UI_PASS;
	ui_replace(a, &screen_home, NULL);      /* f is gone now */
	ui_push(a, &screen_summary, NULL);
	return UI_DRAW_ALL;
}

const struct screen screen_sender = {
	.name = "sender",
	.title = "Who sent this export",
	.draw = sender_draw,
	.key = sender_key,
	.keys = sender_keys,
	.about = "This export was not signed by one of your known patients "
	    "(tend patient list). Read who signed it, then press Enter to "
	    "see the export, or q to close it.",
};
