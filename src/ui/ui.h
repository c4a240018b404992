/*
 * ui.h: the full-screen app's own interfaces (private to src/ui).
 *
 * The app is a stack of screens.  A screen is a table of functions (enter,
 * draw, key, resize, leave) and a key table; the top screen gets the keys.
 * Key handlers return a set of UI_* flags saying what must be redrawn, so
 * the main loop redraws no more than it must.  All state lives in struct
 * app, which is passed everywhere; nothing here is global except the
 * constant tables.
 *
 * The parts that do not touch the terminal (the line parser, themes as
 * data, the config table, the key tables) are kept apart from drawing so
 * the unit tests can check them without a terminal.
 */
#ifndef TEND_UI_PRIV_H
#define TEND_UI_PRIV_H

#include <stddef.h>
#include <time.h>
#include <wchar.h>

#include "tend/err.h"
#include "tend/progress.h"
#include "tend/vault.h"

struct app;
struct frame;
struct share_sender;
struct store;
struct vault;

/* ---- notes: messages gathered while loading files (notes.c) ---- */

#define NOTES_MAX 8

struct notes {
	char *msg[NOTES_MAX];
	int n;
	int dropped;            /* more than NOTES_MAX arrived */
};

void notes_add(struct notes *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void notes_clear(struct notes *);

/* ---- lines: the one parser for theme and config files (lines.c) ---- */

/*
 * A file is lines of "KEY VALUE" or "KEY = VALUE"; blank lines and lines
 * whose first non-blank character is '#' are skipped.  For every other
 * line fn gets the key and the value (both trimmed, the value possibly
 * empty).  When fn returns -1 with e filled, the line is reported to notes
 * as "FILE:LINE: message" and parsing carries on with the next line.
 * Returns the number of lines reported.
 */
typedef int (*lines_fn)(void *arg, const char *key, const char *value,
    struct err *e);
int lines_parse(const char *file, const char *text, lines_fn fn, void *arg,
    struct notes *notes);

/* ---- themes (theme.c) ---- */

/*
 * Semantic roles: what a piece of text is, never what colour it has.
 * X(NAME, "name in theme files", monochrome fallback attributes, what it is)
 * The fallback is used when colour is off (NO_COLOR, a terminal without
 * colour, or a colour the terminal lacks) and is chosen so that every
 * distinction the colours make is still visible.
 */
#define UI_ROLES(X) \
	X(NORMAL,    "normal",    THEME_A_NONE, "ordinary text") \
	X(TITLE,     "title",     THEME_A_BOLD, "the title line at the top") \
	X(HEADING,   "heading",   THEME_A_BOLD | THEME_A_UNDERLINE, \
	    "headings inside a screen") \
	X(BAR,       "bar",       THEME_A_REVERSE, "the shortcut bar") \
	X(BAR_KEY,   "bar-key",   THEME_A_REVERSE | THEME_A_BOLD, \
	    "a key in the shortcut bar") \
	X(MESSAGE,   "message",   THEME_A_BOLD, "a short message above the bar") \
	X(SELECTED,  "selected",  THEME_A_REVERSE, "the chosen row of a list") \
	X(INPUT,     "input",     THEME_A_UNDERLINE, "a field being typed in") \
	X(HINT,      "hint",      THEME_A_DIM, "gentle hints under a field") \
	X(KEY,       "key",       THEME_A_BOLD, "a key name in help text") \
	X(DIM,       "dim",       THEME_A_DIM, "less important text") \
	X(WARNING,   "warning",   THEME_A_BOLD | THEME_A_UNDERLINE, \
	    "something to take care about") \
	X(GOOD,      "good",      THEME_A_BOLD, "something went well") \
	X(MOOD_LOW,  "mood-low",  THEME_A_UNDERLINE, "a low mood or a hard day") \
	X(MOOD_MID,  "mood-mid",  THEME_A_NONE, "a middling mood") \
	X(MOOD_HIGH, "mood-high", THEME_A_BOLD, "a good mood") \
	X(SHARED,    "shared",    THEME_A_BOLD, "marked to share with the therapist") \
	X(PRIVATE,   "private",   THEME_A_DIM, "kept private") \
	X(MEDICINE,  "medicine",  THEME_A_BOLD | THEME_A_REVERSE, \
	    "a medicine session on a timeline or chart")

enum role {
#define X(name, key, mono, help) ROLE_##name,
	UI_ROLES(X)
#undef X
	ROLE_COUNT
};

/* Attributes, as independent of ncurses as the parser is. */
enum {
	THEME_A_NONE = 0,
	THEME_A_BOLD = 1,
	THEME_A_DIM = 2,
	THEME_A_UNDERLINE = 4,
	THEME_A_REVERSE = 8,
	THEME_A_ITALIC = 16,
};

#define THEME_DEFAULT_COLOUR (-1)       /* the terminal's own colour */
#define THEME_INHERIT (-2)              /* the colour of the normal role */
#define THEME_NAME_MAX 64

struct theme_style {
	short fg, bg;           /* 0-255, THEME_DEFAULT_COLOUR, THEME_INHERIT */
	int attrs;              /* THEME_A_* */
};

struct theme {
	char name[THEME_NAME_MAX];
	struct theme_style style[ROLE_COUNT];
};

const char *theme_role_name(enum role);
const char *theme_role_help(enum role);
int theme_role_mono(enum role);

/* The built-in theme (the same as themes/default.theme). */
void theme_defaults(struct theme *);

/* Parse theme text over what t holds; bad lines go to notes. */
void theme_parse(struct theme *t, const char *file, const char *text,
    struct notes *notes);

/* Load the theme called name: the built-in defaults, then the first
 * NAME.theme found in the theme directories.  A theme that is missing, or
 * whose file has a mistake, is not used: one note says why, the defaults
 * stay, and -1 is returned.  0 if the file loaded. */
int theme_load(struct theme *t, const char *name, struct notes *notes);

/* The directories searched, best first: $XDG_CONFIG_HOME/tend/themes,
 * $TEND_THEME_DIR if set, themes/ next to the tend executable (running
 * from the source tree), the installed data directory.  Returns how many
 * were stored in dirs (free() each). */
#define THEME_DIRS_MAX 4
int theme_dirs(char *dirs[THEME_DIRS_MAX]);

/* Names of the themes that load, sorted, no duplicates (free() each and
 * the array); why each theme file that cannot be used was left out goes
 * to unusable (may be NULL).  Returns the count. */
int theme_list(char ***names, struct notes *unusable);

/* A valid theme name: letters, digits, '-', '_', '.', not starting with
 * '.'. */
int theme_name_ok(const char *name);

/* ---- config (config.c) ---- */

#define CONFIG_THEME_MAX THEME_NAME_MAX

struct config {
	char theme[CONFIG_THEME_MAX];
	int autolock;           /* minutes idle before locking; 0: never */
};

enum config_type { CONFIG_STRING, CONFIG_INT };

struct config_def {
	const char *key;
	enum config_type type;
	const char *def;        /* the default, as written in the file */
	int min, max;           /* CONFIG_INT only */
	const char *label;      /* on the settings screen */
	const char *help;       /* in the file, the settings screen, help */
};

extern const struct config_def config_defs[];
extern const size_t config_ndefs;

void config_defaults(struct config *);

/* Set one key from its text; -1 with e filled when key or value is bad. */
int config_set(struct config *, const char *key, const char *value,
    struct err *e);

/* One key's value as text into buf. */
void config_get(const struct config *, const char *key, char *buf,
    size_t len);

void config_parse(struct config *, const char *file, const char *text,
    struct notes *notes);

/* The file's text (free() it). */
char *config_format(const struct config *);

/* $XDG_CONFIG_HOME/tend/config (free() it). */
char *config_path(void);

/* Load from path: a missing file is not an error (defaults stay). */
void config_load(struct config *, const char *path, struct notes *notes);

/* Write atomically, mode 0600 in a 0700 directory. */
int config_save(const struct config *, const char *path, struct err *e);

/* ---- keys (keys.c) ---- */

/* What a key does.  The same action may be bound on several screens. */
enum action {
	ACT_NONE = 0,
	ACT_HELP,
	ACT_QUIT,
	ACT_LOCK,
	ACT_BACK,
	ACT_SETTINGS,
	ACT_CONFIRM,
	ACT_CLEAR,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_FIRST,
	ACT_LAST,
	ACT_LESS,
	ACT_MORE,
	ACT_YES,
	ACT_NO,
	ACT_RESET,
	/* the journal's screens */
	ACT_NEW,                /* a new entry */
	ACT_CHECKIN,
	ACT_SEARCH,
	ACT_CHART,
	ACT_SESSIONS,
	ACT_AGENDA,
	ACT_EXPORT,
	ACT_TRASH,
	ACT_SUPPORT,
	ACT_OPEN,               /* open the selected row */
	ACT_EDIT,
	ACT_ADD,
	ACT_DELETE,
	ACT_RESTORE,
	ACT_DONE,
	ACT_SAVE,
	ACT_UNDO,
	ACT_TOGGLE,
	ACT_NEXT_FIELD,
	ACT_PREV_FIELD,
	ACT_RANGE,
	ACT_PROMPT,
	ACT_INFO,               /* what a reviewed export holds */
	ACT_NAME,               /* the name a journal's files carry */
	ACT_MEASURE,            /* questionnaires */
	ACT_COUNT
};

/* Keys are ints: a character (a wchar_t value), or an ncurses KEY_* code
 * with UI_KEYCODE set, so that the two never collide. */
#define UI_KEYCODE 0x40000000
#define UI_KC(k) ((k) | UI_KEYCODE)
#define UI_CTRL(c) ((c) & 0x1f)
#define UI_ESC 27
#define UI_ENTER '\n'
#define KEYDEF_KEYS 4

struct keydef {
	enum action action;
	int keys[KEYDEF_KEYS];  /* the default keys; 0 ends the list early */
	const char *label;      /* short: the shortcut bar and help's key list */
	const char *help;       /* one sentence for the help screen */
	int bar;                /* shown in the always-visible shortcut bar */
};

/* Rows many key tables share: locking, and leaving tend (from a screen
 * other than home, where q is Quit). */
#define KEYS_LOCK \
	{ ACT_LOCK, { 'L' }, "Lock", \
	  "The screen clears at once and the journal closes until you type " \
	  "your passphrase.", 0 }
#define KEYS_QUIT \
	{ ACT_QUIT, { UI_CTRL('q') }, "Quit", \
	  "Leave tend. Everything is already saved.", 0 }

/* The moves of a list (list_key, rows_key), each with its help sentence,
 * e.g. "Choose the item above.". */
#define KEYS_LIST_MOVES(up, down, page_up, page_down, first, last) \
	{ ACT_UP, { UI_KC(KEY_UP), 'k' }, "Up", up, 0 }, \
	{ ACT_DOWN, { UI_KC(KEY_DOWN), 'j' }, "Down", down, 0 }, \
	{ ACT_PAGE_UP, { UI_KC(KEY_PPAGE) }, "Page up", page_up, 0 }, \
	{ ACT_PAGE_DOWN, { UI_KC(KEY_NPAGE) }, "Page down", page_down, 0 }, \
	{ ACT_FIRST, { UI_KC(KEY_HOME), 'g' }, "First", first, 0 }, \
	{ ACT_LAST, { UI_KC(KEY_END), 'G' }, "Last", last, 0 }

/* The action bound to key in table (a row with action ACT_NONE ends it). */
enum action keys_lookup(const struct keydef *table, int key);

/* How a key is written on screen: "q", "^S", "F1", "Esc", "Enter", "↑",
 * "Shift-Tab"; never a bare key code. */
const char *keys_name(int key, char *buf, size_t len);

/* All keys of a row, e.g. "? F1" (into buf). */
const char *keys_names(const struct keydef *row, char *buf, size_t len);

/* Number of rows before the terminating ACT_NONE row. */
size_t keys_count(const struct keydef *table);

/* ---- screens ---- */

/* What a key handler asks the main loop to do. */
enum {
	UI_NOTHING = 0,
	UI_DRAW_BODY = 1,       /* redraw the screen's own area */
	UI_DRAW_BARS = 2,       /* redraw the title, message and shortcut bar */
	UI_DRAW_ALL = UI_DRAW_BODY | UI_DRAW_BARS,
	UI_PASS = 4,            /* not handled: let the app try (help, quit) */
};

/*
 * A screen.  To add one: write src/ui/screen-NAME.c with its key table and
 * a const struct screen, declare it below, add it to ui_screens[] (app.c)
 * and src/ui/local.mk; the key table test then checks its table.
 *
 * enter   makes the screen's state and stores it in frame->data.
 * draw    draws the body (rows ui_body_top() .. LINES - 4); the title,
 *         message line and shortcut bar are drawn for it.  It ends by
 *         putting the cursor on what has the focus (ui_focus; list_draw
 *         does it for the chosen row).
 * key     gets the action the key table maps key to (ACT_NONE if none)
 *         and the key itself (for typing); returns UI_* flags, UI_PASS
 *         to let the app do the common actions (help, quit, lock, back,
 *         settings).  After ui_push, ui_pop or ui_unlocked the frame may
 *         be gone: return at once.
 * resize  the window changed size (draw follows).
 * idle    (optional) the idle time passed while no journal was open
 *         (nothing to lock): hide anything private on screen.  Returns
 *         UI_* flags.
 * leave   frees the state.  It is also called when tend locks, and on
 *         SIGHUP, SIGTERM and SIGINT before tend exits: a screen holding
 *         unsaved text saves it here (encrypted, as a draft).
 * tick    (optional) called on the top screen after every key and about
 *         four times a second while no key comes (an autosave checks its
 *         clock here).  Returns UI_* flags.
 * resume  (optional) the screen above this one was closed with ui_pop and
 *         this one is on top again: reload what the other screen may have
 *         changed (a list of entries, say); draw follows.  Not called
 *         when the stack is emptied (locking, quitting) or by ui_replace.
 */
struct screen {
	const char *name;
	const char *title;              /* shown in the title line */
	void (*enter)(struct app *, struct frame *);
	void (*draw)(struct app *, struct frame *);
	int (*key)(struct app *, struct frame *, enum action, int key);
	void (*resize)(struct app *, struct frame *);
	void (*leave)(struct app *, struct frame *);
	int (*idle)(struct app *, struct frame *);
	/* Whether an action of the key table applies right now (NULL: all
	 * do).  One that does not is left out of the bar and help, and its
	 * keys do nothing. */
	int (*active)(struct app *, struct frame *, enum action);
	const struct keydef *keys;
	const char *about;              /* a paragraph for the help screen */
	int (*tick)(struct app *, struct frame *);
	void (*resume)(struct app *, struct frame *);
	/* The shortcut bar may take two rows (nano style) so that every key
	 * marked for the bar shows; the body is one row shorter then. */
	int bar2;
};

struct frame {
	const struct screen *screen;
	void *data;                     /* the screen's own state */
	void *arg;                      /* given by whoever pushed it */
};

/* The arg of the support screen (NULL: opened from home): a sentence
 * saying kindly why it appeared, and whether to offer to put the subject
 * on the agenda for the next session (after a yes to the safety
 * question, or a questionnaire's safety answer: from names it in the
 * agenda item, NULL for a check-in).  It lasts as long as the screen
 * below the support screen. */
struct support_why {
	const char *text;
	int offer_agenda;
	const char *from;
};

extern const struct screen screen_firstrun;
extern const struct screen screen_unlock;
extern const struct screen screen_home;
extern const struct screen screen_help;
extern const struct screen screen_settings;
extern const struct screen screen_passwd;
extern const struct screen screen_confirm;
extern const struct screen screen_checkin;
extern const struct screen screen_support;
extern const struct screen screen_sessions;
extern const struct screen screen_session;
extern const struct screen screen_session_form;
extern const struct screen screen_agenda;
extern const struct screen screen_agenda_add;
extern const struct screen screen_trash;
extern const struct screen screen_chart;
extern const struct screen screen_search;
extern const struct screen screen_editor;
extern const struct screen screen_entry;
extern const struct screen screen_bundle;
extern const struct screen screen_export;
extern const struct screen screen_sender;
extern const struct screen screen_name;
extern const struct screen screen_therapist;
extern const struct screen screen_jot;
extern const struct screen screen_measures;
extern const struct screen screen_measure;
extern const struct screen screen_summary;

/* Open a review (screen-summary.c): the timeline, the summary on top. */
void summary_open_review(struct app *);

/* Every screen, for the tests and the help screen. */
extern const struct screen *const ui_screens[];

/* ---- the app (app.c) ---- */

#define UI_STACK_MAX 16
#define UI_MIN_COLS 44
#define UI_MIN_LINES 14

struct app {
	const char *vault_path;
	struct vault *vault;            /* NULL while locked */
	/* The journal screens read and write only through the store, never
	 * the vault: in review mode store is a bundle's database in memory,
	 * vault is NULL and readonly is set.  A screen that changes anything
	 * leaves its editing actions out (its active function) when readonly
	 * is set. */
	struct store *store;            /* NULL while locked */
	int readonly;
	int review_locked;              /* review mode ended by a lock */
	const struct share_sender *sender;      /* review: who sent it */
	struct config config;
	char *config_path;
	struct theme theme;
	int attr[ROLE_COUNT];           /* ncurses attributes per role */
	int colour;                     /* colours in use */

	struct frame stack[UI_STACK_MAX];
	int depth;

	char message[256];              /* one line above the shortcut bar */
	char jot_message[96];           /* notes that came in: home says it once */
	enum role message_role;
	int message_rows;               /* rows it took when last drawn: a
	                                 * long one wraps onto the body's
	                                 * last rows */
	int dirty;                      /* UI_DRAW_* still to do */
	int cursor_y, cursor_x;         /* where the cursor shows; -1: hidden */
	struct vault_progress progress;
	const char *progress_what;
	const char *step_what;          /* the long step shown, if any */
	struct timespec last_key;       /* for the idle lock */
	int idle_done;                  /* the idle time passed, no key since */
	int idle_seconds;               /* test override; 0: use config */
	int quit;
	int too_small;
	int utf8;                       /* the locale can show UTF-8 */
	int chart_text;                 /* the chart shows its numbers as
	                                 * text (t there), until tend ends */
	struct notes notes;
};

/* The screen stack.  push calls enter; pop and replace call leave; pop
 * then calls resume on the screen that is on top again. */
void ui_push(struct app *, const struct screen *, void *arg);
void ui_pop(struct app *);
void ui_replace(struct app *, const struct screen *, void *arg);

/* Push the screen called name (its struct screen's name) from ui_screens[];
 * returns -1 with a message on the message line if there is none. */
int ui_open(struct app *, const char *name, void *arg);

/* The frame below the top one (NULL if none). */
struct frame *ui_below(struct app *);

/* Whether act applies on frame f now (its screen's active function). */
int ui_key_active(struct app *, struct frame *, enum action);

/* Set the message line (empty fmt clears it). */
void ui_message(struct app *, enum role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* After an unlock: the open vault belongs to the app now. */
void ui_unlocked(struct app *, struct vault *);

/* Lock now: every screen leaves, the vault closes, the unlock screen. */
void ui_lock(struct app *);

/* Apply the theme in app->theme (and NO_COLOR) to the terminal. */
void ui_theme_apply(struct app *);

/* Load config->theme and apply it; problems go to the message line. */
void ui_theme_reload(struct app *);

/* ---- drawing helpers (draw.c) ---- */

/* The body is the area between the title line and the message line:
 * rows ui_body_top() to ui_body_end() - 1, ui_body_lines() of them. */
int ui_body_top(void);
int ui_body_end(void);
int ui_body_lines(void);

/* The screen now on top (NULL: none), for the bar's rows; ui_push and
 * ui_pop call it. */
void ui_bar_for(const struct screen *s);
#define UI_BAR2_MIN_LINES 20
#define UI_MESSAGE_ROWS 3       /* a long message wraps onto at most 3 */

/* Print UTF-8 text at (y, x) clipped to width columns; returns the
 * columns used. */
int draw_text(struct app *, int y, int x, int width, enum role,
    const char *s);
/* The same in the curses attributes attr (a role's, with more added). */
int draw_text_attr(struct app *, int y, int x, int width, int attr,
    const char *s);

/* Word-wrap s into the rows y.. (at most maxrows) between x and x+width;
 * returns the rows used. */
int draw_wrap(struct app *, int y, int x, int width, int maxrows,
    enum role, const char *s);

/* Word-wrap all of s from row y, drawing only the rows from first to
 * last - 1 (for scrolling text); returns the rows s takes. */
int draw_wrap_clip(struct app *, int y, int x, int width, int first,
    int last, enum role, const char *s);

/* Rows draw_wrap would use. */
int draw_wrap_rows(int width, const char *s);

/* utf8 where the locale can show it, else ascii (tend draws only a few
 * symbols; everything else is plain text). */
const char *draw_glyph(const struct app *, const char *utf8,
    const char *ascii);

/* Display width of UTF-8 text. */
int draw_width(const char *s);

/* Clear rows y..y+n-1. */
void draw_clear_rows(int y, int n);

/* The title line, the message line and the shortcut bar for the top
 * screen. */
void draw_bars(struct app *);

/*
 * Put the terminal's cursor on the focused item: the chosen row of a list,
 * the field being typed in, a question's answers, the line being read.
 * Screen readers (Speakup, BRLTTY) follow the cursor, so every screen
 * calls this at the end of its draw; the cursor is shown there.  The last
 * call wins.  A screen that calls it nowhere gets the cursor hidden at
 * the start of the title line.
 */
void ui_focus(struct app *, int y, int x);

/* ---- the list widget (list.c) ---- */

#define LIST_NONE (-1LL)        /* no row: fetch from the first or last */

struct list_source {
	/* Up to n row ids after row from (dir 1) or before it (dir -1),
	 * nearest first, into out; from LIST_NONE means from the first
	 * (dir 1) or the last (dir -1) row itself.  Returns how many. */
	size_t (*fetch)(void *arg, long long from, int dir, long long *out,
	    size_t n);
	/* Whether row id still exists (after a reload it may not). */
	int (*exists)(void *arg, long long id);
	/* Draw row id in width columns at (y, x); the list has already
	 * filled a selected row with the selection colour. */
	void (*draw)(struct app *, void *arg, long long id, int y, int x,
	    int width, int selected);
};

struct list {
	const struct list_source *src;
	void *arg;
	long long *rows;        /* the ids in the window, top first */
	int n, cap;
	int height;             /* rows in the window */
	int sel;                /* index of the selected row in rows */
};

void list_init(struct list *, const struct list_source *, void *arg);
void list_free(struct list *);

/* (Re)fill a window of height rows, keeping the top row and the selection
 * when they still exist.  Call after a resize or a change in the data. */
void list_reload(struct list *, int height);

/* ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST: 1 if
 * the list changed (redraw it), 0 if the action is not a list move or
 * there was nowhere to go. */
int list_key(struct list *, enum action);

/* The selected row's id, or LIST_NONE when the list is empty. */
long long list_selected(const struct list *);

void list_draw(struct app *, struct list *, int y, int x, int width);

/* fetch for a list of rows 0 .. count-1. */
size_t list_count_fetch(size_t count, long long from, int dir,
    long long *out, size_t n);

/* ---- rows read into memory, shown in a list (rows.c) ---- */

/* The rows a screen read all at once (sessions, agenda, trash): n rows of
 * size bytes, list ids 0 .. n-1, the list drawn from rows_top() down to
 * the message line. */
struct rows {
	struct list list;
	struct list_source src;
	char *v;                /* the rows */
	size_t n, cap, size;
	void (*wipe)(void *row);        /* wipes and frees what a row holds */
	void (*draw)(struct app *, void *owner, long long id, int y, int x,
	    int width, int selected);   /* as list_source's, with owner */
	void *owner;
};

void rows_init(struct rows *, size_t size, void (*wipe)(void *row),
    void (*draw)(struct app *, void *owner, long long id, int y, int x,
    int width, int selected), void *owner);
void rows_free(struct rows *);          /* wipes every row too */
void *rows_add(struct rows *);          /* a new zeroed row at the end */
void *rows_at(const struct rows *, size_t i);
void rows_clear(struct rows *);         /* wipe every row; none left */
int rows_top(void);                     /* below two header lines */
int rows_height(void);
void rows_reload(struct rows *);        /* after a load or a resize */
void rows_select(struct rows *, long long i);   /* select row i, show it */
void rows_draw(struct app *, struct rows *);
/* A list move (see list_key): UI_DRAW_BODY if the list changed,
 * UI_NOTHING if there was nowhere to go; UI_PASS for any other action. */
int rows_key(struct rows *, enum action);

/* ---- a yes-or-no question (screen-confirm.c) ---- */

struct confirm {
	const char *question;   /* a full sentence or two */
	const char *keys_hint;  /* e.g. "y: put them back   n: keep them" */
	/* Called once with the answer, after the question has closed. */
	void (*answer)(struct app *, void *arg, int yes);
	void *arg;
};

/* Ask q over the current screen (q is copied; its strings must last). */
void confirm_ask(struct app *, const struct confirm *q);

/* ---- the entry editor (screen-editor.c) ---- */

/* After an unlock: if the editor left a draft, ask whether to continue
 * it (over the screen on top). */
void editor_offer_draft(struct app *);

/* ---- a one-line input field (field.c) ---- */

#define FIELD_MAX 1024          /* bytes of UTF-8 */

struct field {
	char *buf;              /* guarded memory when secret */
	size_t len;
	size_t max;
	int secret;             /* hidden, kept in guarded memory, wiped */
};

void field_init(struct field *, int secret, size_t max);
void field_free(struct field *);
void field_reset(struct field *);

/* Feed a key: 1 if the field used it (text, Backspace, ^U), else 0. */
int field_key(struct field *, int key);

/* Draw at (y, x) in width columns; hidden fields show one dot per
 * character.  Places the cursor at the end. */
void field_draw(struct app *, struct field *, int y, int x, int width);

/* Characters typed (not bytes). */
size_t field_chars(const struct field *);

/* ---- helpers shared by the passphrase screens (passphrase.c) ---- */

/* A gentle sentence about how strong a new passphrase looks. */
const char *passphrase_hint(const char *pass, size_t len, enum role *role);

/* Show "what" and the seconds so far on the message line while a key is
 * derived (the vault calls back about ten times a second); end drops keys
 * typed meanwhile. */
void passphrase_progress_begin(struct app *, const char *what);
void passphrase_progress_end(struct app *);
/* A long step (export, emptying the trash, re-encrypting) with a bar on
 * the message row once it has taken half a second (see progress.h). */
void ui_step_begin(struct app *, struct progress *p, const char *what);
void ui_step_end(struct app *, struct progress *p);

/* A label and a field on row y; the cursor goes to the field when it is
 * the one being typed in (active). */
void passphrase_field(struct app *, int y, const char *label,
    struct field *fld, int active);

/* A recovery key in two rows of seven groups at row y; returns 2. */
int recovery_draw(struct app *, int y, const char *key);
/* Whether last holds the key's last group of four, read the way Crockford
 * base32 reads (any case, O as 0, I and L as 1, spaces and dashes
 * ignored): proof that the key was written down. */
int recovery_last_ok(const char *key, const struct field *last);

#endif
