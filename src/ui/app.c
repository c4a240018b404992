/*
 * app.c: the full-screen app's core: taking over and restoring the
 * terminal, the main loop, the screen stack, locking and themes on screen.
 *
 * The loop waits for a key at most a quarter of a second at a time, so it
 * notices signals and the idle time without real work in a handler: the
 * SIGINT, SIGTERM and SIGHUP handlers only set a flag, and ncurses turns
 * SIGWINCH into KEY_RESIZE.  On any of those signals the screens leave (a
 * screen that holds unsaved text saves it in its leave function), the vault
 * closes and the terminal is restored.
 *
 * Locking closes the vault (vault_close wipes the keys and SQLite's page
 * cache), makes every screen leave, clears the terminal and shows the
 * unlock screen; unlocking starts again from the home screen.
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui.h"
#include "tend/share.h"
#include "tend/store.h"
#include "tend/ui.h"
#include "tend/testhook.h"
#include "tend/vault.h"

#define UI_TICK_MS 250

const struct screen *const ui_screens[] = {
	&screen_firstrun,
	&screen_unlock,
	&screen_home,
	&screen_help,
	&screen_settings,
	&screen_passwd,
	&screen_confirm,
	&screen_checkin,
	&screen_support,
	&screen_sessions,
	&screen_session,
	&screen_session_form,
	&screen_agenda,
	&screen_agenda_add,
	&screen_trash,
	&screen_chart,
	&screen_search,
	&screen_editor,
	&screen_entry,
	&screen_bundle,
	&screen_export,
	&screen_sender,
	&screen_summary,
	&screen_name,
	&screen_therapist,
	&screen_jot,
	&screen_measures,
	&screen_measure,
	NULL
};

/* The only thing a signal handler touches. */
static volatile sig_atomic_t ui_signal;

static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

/* fatal() runs this before printing, so its message lands on a sane
 * terminal. */
static void
ui_fatal_hook(void)
{
	if (!isendwin())
		endwin();
}

/* ---- themes on screen ---- */

static int
ui_curses_attrs(int t)
{
	int a = A_NORMAL;

	if (t & THEME_A_BOLD)
		a |= A_BOLD;
	if (t & THEME_A_DIM)
		a |= A_DIM;
	if (t & THEME_A_UNDERLINE)
		a |= A_UNDERLINE;
	if (t & THEME_A_REVERSE)
		a |= A_REVERSE;
	if (t & THEME_A_ITALIC)
		a |= A_ITALIC;
	return a;
}

/* A theme colour the terminal can show, or -2 if it cannot. */
static int
ui_colour(int c)
{
	if (c < 0 || c < COLORS)
		return c;
	if (c < 16 && COLORS >= 8)
		return c - 8;
	return -2;
}

void
ui_theme_apply(struct app *a)
{
	const char *nc = getenv("NO_COLOR");
	const struct theme_style *normal = &a->theme.style[ROLE_NORMAL];
	int r;

	a->colour = has_colors() && (nc == NULL || nc[0] == '\0');
	if (a->colour) {
		start_color();
		use_default_colors();
	}
	for (r = 0; r < ROLE_COUNT; r++) {
		const struct theme_style *st = &a->theme.style[r];
		int fg, bg;

		fg = st->fg == THEME_INHERIT ? normal->fg : st->fg;
		bg = st->bg == THEME_INHERIT ? normal->bg : st->bg;
		if (fg == THEME_INHERIT)
			fg = THEME_DEFAULT_COLOUR;
		if (bg == THEME_INHERIT)
			bg = THEME_DEFAULT_COLOUR;
		fg = ui_colour(fg);
		bg = ui_colour(bg);
		if (!a->colour || fg == -2 || bg == -2 || r + 1 >= COLOR_PAIRS) {
			a->attr[r] = ui_curses_attrs(st->attrs |
			    theme_role_mono((enum role)r));
			continue;
		}
		a->attr[r] = ui_curses_attrs(st->attrs);
		if (fg != -1 || bg != -1) {
			init_pair((short)(r + 1), (short)fg, (short)bg);
			a->attr[r] |= (int)COLOR_PAIR(r + 1);
		}
	}
	bkgdset((chtype)a->attr[ROLE_NORMAL] | ' ');
	a->dirty = UI_DRAW_ALL;
}

void
ui_theme_reload(struct app *a)
{
	notes_clear(&a->notes);
	theme_load(&a->theme, a->config.theme, &a->notes);
	if (a->notes.n > 0)
		ui_message(a, ROLE_WARNING, "%s", a->notes.msg[0]);
	if (stdscr != NULL)
		ui_theme_apply(a);
}

/* ---- the screen stack ---- */

void
ui_push(struct app *a, const struct screen *s, void *arg)
{
	struct frame *f;

	if (a->depth == UI_STACK_MAX)
		fatal("too many screens open");
	f = &a->stack[a->depth++];
	memset(f, 0, sizeof *f);
	f->screen = s;
	f->arg = arg;
	ui_bar_for(s);
	if (s->enter != NULL)
		s->enter(a, f);
	a->dirty = UI_DRAW_ALL;
}

/* Close the top screen; resume the one below it if asked. */
static void
ui_pop_frame(struct app *a, int resume)
{
	struct frame *f;

	if (a->depth == 0)
		return;
	f = &a->stack[a->depth - 1];
	if (f->screen->leave != NULL)
		f->screen->leave(a, f);
	a->depth--;
	a->dirty = UI_DRAW_ALL;
	f = a->depth > 0 ? &a->stack[a->depth - 1] : NULL;
	ui_bar_for(f != NULL ? f->screen : NULL);
	if (resume && f != NULL && f->screen->resume != NULL)
		f->screen->resume(a, f);
}

void
ui_pop(struct app *a)
{
	ui_pop_frame(a, 1);
}

void
ui_replace(struct app *a, const struct screen *s, void *arg)
{
	ui_pop_frame(a, 0);
	ui_push(a, s, arg);
}

int
ui_open(struct app *a, const char *name, void *arg)
{
	size_t i;

	for (i = 0; ui_screens[i] != NULL; i++)
		if (strcmp(ui_screens[i]->name, name) == 0) {
			ui_push(a, ui_screens[i], arg);
			return 0;
		}
	ui_message(a, ROLE_WARNING, "This version of tend has no %s screen.",
	    name);
	return -1;
}

struct frame *
ui_below(struct app *a)
{
	return a->depth >= 2 ? &a->stack[a->depth - 2] : NULL;
}

int
ui_key_active(struct app *a, struct frame *f, enum action act)
{
	if (f->screen->active == NULL)
		return 1;
	return f->screen->active(a, f, act);
}

static void
ui_pop_all(struct app *a)
{
	while (a->depth > 0)
		ui_pop_frame(a, 0);
}

void
ui_message(struct app *a, enum role r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->message_role = r;
	/* A message on two rows covered the body's last row: redraw it. */
	a->dirty |= a->message_rows > 1 ? UI_DRAW_ALL : UI_DRAW_BARS;
}

/* ---- locking ---- */

/* The answer to "this journal is older than the last version this
 * computer saw": yes makes the copy the current version, no locks it. */
static void
ui_rollback_answer(struct app *a, void *arg, int yes)
{
	struct err e;

	(void)arg;
	if (!yes) {
		ui_lock(a);
		return;
	}
	if (a->vault != NULL && vault_accept_version(a->vault, &e) != 0)
		ui_message(a, ROLE_WARNING, "%s.", e.msg);
	else
		ui_message(a, ROLE_MESSAGE, "%s",
		    "This copy is now the current version of your journal.");
}

static void
ui_ask_rollback(struct app *a)
{
	static const struct confirm q = {
		.question = "This journal is older than the last version this "
		    "computer saw, so it may have been replaced by an old "
		    "copy. If you restored a backup yourself, that is fine: "
		    "go on, and this copy becomes the current version.",
		.keys_hint = "y: go on with this copy   n: lock it again",
		.answer = ui_rollback_answer,
	};

	confirm_ask(a, &q);
}

/* Bring in the notes jotted while the journal was locked: how many came
 * in goes to a->jot_message for the home screen to show once; what went
 * wrong to problem (n bytes, "" if nothing). */
static void
ui_take_jots(struct app *a, char *problem, size_t n)
{
	char why[ERR_MSG_MAX];
	struct err e;
	size_t added;

	a->jot_message[0] = '\0';
	if (store_jot_import(a->store, &added, why, sizeof why, &e) != 0) {
		snprintf(problem, n, "Notes written while locked could not "
		    "come in yet: %s.", e.msg);
		return;
	}
	if (why[0] != '\0')
		snprintf(problem, n, "Note: %s.", why);
	else
		problem[0] = '\0';
	if (added > 0)
		snprintf(a->jot_message, sizeof a->jot_message, "%zu %s came "
		    "in while your journal was locked (tagged jot).", added,
		    added == 1 ? "note" : "notes");
}

void
ui_unlocked(struct app *a, struct vault *v)
{
	const char *w = vault_warning(v, 0);
	char problem[ERR_MSG_MAX + 64];
	struct err e;

	a->vault = v;
	ui_pop_all(a);
	if (store_open(v, &a->store, &e) != 0) {
		/* The journal cannot be read by this tend (a newer schema, a
		 * damaged file): say so and stay locked. */
		vault_close(v);
		a->vault = NULL;
		clear();
		ui_push(a, &screen_unlock, NULL);
		ui_message(a, ROLE_WARNING, "%s.", e.msg);
		return;
	}
	ui_take_jots(a, problem, sizeof problem);
	ui_push(a, &screen_home, NULL);
	if (w != NULL && !vault_rolled_back(v))
		ui_message(a, ROLE_WARNING, "Note: %s.", w);
	else if (problem[0] != '\0')
		ui_message(a, ROLE_WARNING, "%s", problem);
	else
		ui_message(a, ROLE_MESSAGE, "%s", "");
	editor_offer_draft(a);
	if (vault_rolled_back(v))       /* asked first, over the draft offer */
		ui_ask_rollback(a);
	clock_gettime(CLOCK_MONOTONIC, &a->last_key);
}

/* The store before the vault: store_close finalizes its statements. */
static void
ui_close_journal(struct app *a)
{
	if (!a->readonly)       /* a review's store belongs to the caller */
		store_close(a->store);
	a->store = NULL;
	if (a->vault != NULL) {
		vault_close(a->vault);
		a->vault = NULL;
	}
}

void
ui_lock(struct app *a)
{
	if (a->readonly) {      /* review: the bundle closes, tend ends */
		a->review_locked = 1;
		a->quit = 1;
		return;
	}
	ui_pop_all(a);
	ui_close_journal(a);
	clear();                /* repaint every cell: nothing stays behind */
	ui_push(a, &screen_unlock, NULL);
}

static int
ui_idle_limit(const struct app *a)
{
	if (a->idle_seconds > 0)
		return a->idle_seconds;
	return a->config.autolock * 60;
}

static void
ui_check_idle(struct app *a)
{
	struct timespec now;
	struct frame *f = &a->stack[a->depth - 1];
	int limit = ui_idle_limit(a);

	if (limit <= 0 || a->idle_done)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - a->last_key.tv_sec < limit)
		return;
	if (a->vault == NULL && !a->readonly) {
		/* Nothing to lock, but a screen may hide what it shows. */
		a->idle_done = 1;
		if (f->screen->idle != NULL)
			a->dirty |= f->screen->idle(a, f);
		return;
	}
	ui_lock(a);
	if (a->idle_seconds > 0)
		ui_message(a, ROLE_MESSAGE, "Locked after a while without a "
		    "key press.");
	else
		ui_message(a, ROLE_MESSAGE, "Locked after %d minute%s "
		    "without a key press.", a->config.autolock,
		    a->config.autolock == 1 ? "" : "s");
}

/* ---- drawing ---- */

static void
ui_draw_too_small(struct app *a)
{
	static const char msg[] = "This window is too small for tend. "
	    "Please make it larger.";

	erase();
	draw_wrap(a, 0, 0, COLS, LINES, ROLE_MESSAGE, msg);
	a->cursor_y = -1;
}

static void
ui_redraw(struct app *a)
{
	struct frame *f;

	a->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
	if (a->too_small) {
		if (a->dirty)
			ui_draw_too_small(a);
	} else if (a->dirty & UI_DRAW_BODY) {
		erase();
		a->cursor_y = -1;
		f = &a->stack[a->depth - 1];
		if (f->screen->draw != NULL)
			f->screen->draw(a, f);
		draw_bars(a);
	} else if (a->dirty & UI_DRAW_BARS)
		draw_bars(a);
	a->dirty = 0;
	if (a->cursor_y >= 0) {         /* see ui_focus */
		curs_set(1);
		move(a->cursor_y, a->cursor_x);
	} else {
		curs_set(0);
		move(0, 0);
	}
	refresh();
}

/* ---- keys ---- */

/* Read one key into *key: 1 if there was one, 0 on timeout. */
static int
ui_read_key(int *key)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			*key = UI_ENTER;
		else
			*key = UI_KC((int)wc);
		return 1;
	}
	if (wc == '\r')
		*key = UI_ENTER;
	else if (wc == 127 || wc == 8)
		*key = UI_KC(KEY_BACKSPACE);
	else
		*key = (int)wc;
	return 1;
}

/* What the app does for an action no screen took. */
static int
ui_common(struct app *a, enum action act)
{
	switch (act) {
	case ACT_HELP:
		if (a->stack[a->depth - 1].screen != &screen_help)
			ui_push(a, &screen_help, NULL);
		return UI_DRAW_ALL;
	case ACT_QUIT:
		a->quit = 1;
		return UI_NOTHING;
	case ACT_LOCK:
		if (a->readonly) {
			ui_lock(a);
			return UI_NOTHING;
		}
		if (a->vault != NULL) {
			ui_lock(a);
			ui_message(a, ROLE_MESSAGE, "Locked. Your journal is "
			    "closed until you type your passphrase.");
		}
		return UI_DRAW_ALL;
	case ACT_SETTINGS:
		ui_push(a, &screen_settings, NULL);
		return UI_DRAW_ALL;
	case ACT_BACK:
		if (a->depth > 1)
			ui_pop(a);
		return UI_DRAW_ALL;
	default:
		return UI_NOTHING;
	}
}

static void
ui_handle_key(struct app *a, int key)
{
	struct frame *f = &a->stack[a->depth - 1];
	enum action act = keys_lookup(f->screen->keys, key);
	int flags;

	if (act != ACT_NONE && !ui_key_active(a, f, act))
		act = ACT_NONE;
	if (key == UI_CTRL('c')) {
		a->quit = 1;
		return;
	}
	if (a->too_small)
		return;
	if (a->message[0] != '\0') {   /* a message lasts until the next key */
		a->message[0] = '\0';
		a->dirty |= a->message_rows > 1 ? UI_DRAW_ALL : UI_DRAW_BARS;
	}
	flags = f->screen->key != NULL ? f->screen->key(a, f, act, key) :
	    UI_PASS;
	if (flags & UI_PASS)
		flags = (flags & ~UI_PASS) | ui_common(a, act);
	a->dirty |= flags;
}

/* The top screen's tick, if it has one. */
static void
ui_tick(struct app *a)
{
	struct frame *f = &a->stack[a->depth - 1];

	if (f->screen->tick != NULL)
		a->dirty |= f->screen->tick(a, f);
}

static long
ui_ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 +
	    (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Keys that are already waiting (a paste) are handled before the screen
 * is drawn again, so a long paste costs one redraw per UI_BATCH_MS
 * rather than one per character. */
#define UI_BATCH_MS 100

static void
ui_loop(struct app *a)
{
	struct timespec drawn;
	int key;

	a->dirty = UI_DRAW_ALL;
	clock_gettime(CLOCK_MONOTONIC, &drawn);
	while (!a->quit && ui_signal == 0) {
		if (a->dirty && ui_ms_since(&drawn) >= UI_BATCH_MS) {
			ui_redraw(a);
			clock_gettime(CLOCK_MONOTONIC, &drawn);
		}
		timeout(a->dirty ? 0 : UI_TICK_MS);
		if (!ui_read_key(&key)) {
			if (a->dirty) {         /* nothing waiting: draw */
				ui_redraw(a);
				clock_gettime(CLOCK_MONOTONIC, &drawn);
				continue;
			}
			ui_check_idle(a);
			ui_tick(a);
			continue;
		}
		if (key == UI_KC(KEY_RESIZE)) {
			struct frame *f = &a->stack[a->depth - 1];

			clear();
			if (f->screen->resize != NULL)
				f->screen->resize(a, f);
			a->dirty = UI_DRAW_ALL;
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &a->last_key);
		a->idle_done = 0;
		ui_handle_key(a, key);
		if (!a->quit && a->depth > 0)
			ui_tick(a);
	}
}

/* ---- start and finish ---- */

static void
ui_signals(int on)
{
	struct sigaction sa;
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on ? ui_on_signal : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

int
ui_run(const struct ui_opts *opts, int *locked, struct err *e)
{
	struct app *a;
	const char *idle;
	SCREEN *term;

	setlocale(LC_ALL, "");
	a = xcalloc(1, sizeof *a);
	a->vault_path = opts->vault_path;
	a->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* Test builds only: lock after this many idle seconds instead of
	 * the configured minutes, so the e2e tests need not wait. */
	idle = test_hook(TEST_HOOK_IDLE_SECONDS);
	if (idle != NULL)
		a->idle_seconds = atoi(idle);
	config_defaults(&a->config);
	a->config_path = config_path();
	config_load(&a->config, a->config_path, &a->notes);
	theme_load(&a->theme, a->config.theme, &a->notes);

	term = newterm(NULL, stdout, stdin);
	if (term == NULL) {
		free(a->config_path);
		free(a);
		return err_set(e, "cannot use this terminal (TERM=%s)",
		    getenv("TERM") != NULL ? getenv("TERM") : "");
	}
	fatal_on_exit(ui_fatal_hook);
	ui_signals(1);
	raw();                  /* ^S, ^Q and ^C come to tend as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	ui_theme_apply(a);
	if (a->notes.n > 0)
		ui_message(a, ROLE_WARNING, "%s", a->notes.msg[0]);
	clock_gettime(CLOCK_MONOTONIC, &a->last_key);

	if (opts->review != NULL) {
		a->store = opts->review;
		a->readonly = 1;
		a->sender = opts->sender;
		/* Not a known patient: that screen first, nothing else;
		 * then the summary, with the timeline below it. */
		if (a->sender != NULL && a->sender->from != SHARE_FROM_KNOWN)
			ui_push(a, &screen_sender, NULL);
		else
			summary_open_review(a);
	} else
		ui_push(a, access(a->vault_path, F_OK) == 0 ? &screen_unlock :
		    &screen_firstrun, NULL);
	ui_loop(a);

	ui_pop_all(a);
	ui_close_journal(a);
	endwin();
	delscreen(term);
	ui_signals(0);
	if (locked != NULL)
		*locked = a->review_locked;
	notes_clear(&a->notes);
	free(a->config_path);
	free(a);
	return 0;
}
