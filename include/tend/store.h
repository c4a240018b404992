/*
 * store.h: everything tend keeps inside the vault's database.
 *
 * All SQL lives under src/store.  A struct store wraps an open vault: it
 * brings the schema up to date when opened (numbered migrations, each in
 * one transaction with the version bump), prepares each statement once and
 * keeps it until store_close(), which must come before vault_close().
 *
 * Records are identified by UUIDs ("8-4-4-4-12" lower-case hex).  People
 * type a prefix: any unique prefix of at least STORE_ID_MIN hex digits;
 * the short form shown is the first STORE_ID_SHORT.
 *
 * Moments are UTC seconds plus the local UTC offset (minutes east) at the
 * time of writing.  Text is UTF-8; functions that take text refuse invalid
 * UTF-8 and empty text, and nothing is written when they fail.  Errors
 * never quote journal text.
 *
 * Every moment can be placed on the treatment timeline (the sessions);
 * see store_place() for the rules.  Functions ending in _json return a
 * malloc'd JSON text built by SQLite's JSON functions; free() it.
 */
#ifndef TEND_STORE_H
#define TEND_STORE_H

#include <stdio.h>
#include <time.h>

struct err;
struct vault;
struct store;

#define STORE_SCHEMA_VERSION 5
#define STORE_UUID_LEN 36
#define STORE_ID_MIN 4
#define STORE_ID_SHORT 8

/* Run the SQL script sql on the vault and print each result row to out,
 * columns separated by tabs (NULL as an empty field, blobs as X'hex').
 * Unless write is set every statement must be read-only; a statement that
 * would write is refused before it runs.  Stops at the first error. */
int store_sql_run(struct vault *v, const char *sql, int write, FILE *out,
    struct err *e);

/* ---- opening, transactions, meta (store.c) ---- */

/* Open the store on v, migrating to STORE_SCHEMA_VERSION.  A schema newer
 * than this tend knows is refused without touching the file. */
int store_open(struct vault *v, struct store **out, struct err *e);
/* The same, migrating only up to version (tests build old schemas). */
int store_open_at(struct vault *v, int version, struct store **out,
    struct err *e);
/* Finalize every statement and free s (NULL is fine). */
void store_close(struct store *s);
int store_schema_version(struct store *s);

/* Bring in the notes written with tend jot while the journal was locked
 * (jot.c): each becomes a journal entry tagged "jot", written at its jot
 * time and not shared, all in one transaction; then the inbox is removed.
 * *added: the notes new to the journal (a note already in is not added
 * again).  problem (n bytes) gets a sentence on what was left out, or "".
 * -1 when nothing could be brought in (the inbox is left as it was). */
int store_jot_import(struct store *s, size_t *added, char *problem,
    size_t n, struct err *e);

/* Group many changes into one transaction (nesting is not supported). */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

/* Journal settings: "title", "owner", "created", "safety_plan",
 * "crisis_contacts", "share_checkins" (see store_checkin_share_default).
 * store_meta_get gives a malloc'd copy or NULL. */
int store_meta_set(struct store *s, const char *key, const char *value,
    struct err *e);
char *store_meta_get(struct store *s, const char *key);

/* Resolve what the user typed (a UUID prefix) in one table to a full UUID.
 * Unknown, ambiguous and malformed IDs are errors naming the ID. */
enum store_table {
	STORE_ENTRY, STORE_ENTRY_TRASHED, STORE_CHECKIN, STORE_SESSION,
	STORE_AGENDA,
};
int store_resolve(struct store *s, enum store_table t, const char *typed,
    char uuid[STORE_UUID_LEN + 1], struct err *e);

/* ---- entries (entry.c) ---- */

/* 1 if kind is journal, reflection, dream or other. */
int store_kind_valid(const char *kind);

struct entry_new {
	const char *title;      /* NULL: none */
	const char *body;
	const char *kind;       /* NULL: journal */
	const char *prompt;     /* NULL: none */
	const char *const *tags;
	size_t ntags;
	int shared;
	time_t when;            /* 0: now */
};

/* A row handed to a callback; pointers are valid during the call only. */
struct entry {
	const char *uuid;
	time_t created;
	int created_off;
	time_t updated;
	const char *title;
	const char *body;
	const char *kind;
	const char *prompt;     /* NULL if none */
	const char *tags;       /* space-separated, "" if none */
	int shared;
	time_t trashed;         /* 0 if not in the trash */
	const char *placement;
	const char *snippet;    /* search only */
	int revisions;
};
typedef int (*entry_cb)(const struct entry *, void *arg);

struct entry_filter {
	time_t since, until;    /* [since, until); 0: open */
	const char *kind;       /* NULL: any */
	const char *tag;        /* NULL: any */
	int trashed;            /* list the trash instead */
	int newest_first;
	long limit;             /* 0: all */
	long offset;
};

/* A when later than this clock time tomorrow (time_tomorrow) is refused,
 * as for check-ins. */
int store_entry_add(struct store *s, const struct entry_new *n,
    char uuid[STORE_UUID_LEN + 1], struct err *e);
/* Replace the body; the previous title and body become a revision. */
int store_entry_edit(struct store *s, const char *uuid, const char *body,
    struct err *e);
/* Replace an entry's title, body, kind, tags and shared flag at once (and
 * its prompt when n->prompt is not NULL; n->when is not used).  The
 * previous title and body become a revision.  Entries in the trash are
 * refused.  Nothing is written when it fails. */
int store_entry_update(struct store *s, const char *uuid,
    const struct entry_new *n, struct err *e);
int store_entry_trash(struct store *s, const char *uuid, struct err *e);
int store_entry_restore(struct store *s, const char *uuid, struct err *e);
/* Delete every trashed entry for good, then optimize the index and VACUUM
 * so the text is gone from the file.  *n gets the number deleted. */
int store_trash_empty(struct store *s, long *n, struct err *e);

/* Entries matching f, oldest first unless f->newest_first.  A callback
 * returning nonzero stops the walk (that value is returned). */
int store_entry_list(struct store *s, const struct entry_filter *f,
    entry_cb cb, void *arg, struct err *e);
int store_entry_list_json(struct store *s, const struct entry_filter *f,
    char **json, struct err *e);
/* The same JSON text written to out row by row, so memory stays small
 * whatever the journal's size (_json_to functions; on failure part of the
 * text may have been written). */
int store_entry_list_json_to(struct store *s, const struct entry_filter *f,
    FILE *out, struct err *e);
/* One entry (trashed or not). */
int store_entry_get(struct store *s, const char *uuid, entry_cb cb,
    void *arg, struct err *e);
/* One entry with its revisions (oldest first). */
int store_entry_get_json(struct store *s, const char *uuid, char **json,
    struct err *e);
/* Earlier texts of an entry, oldest first: saved time, title, body. */
int store_entry_revisions(struct store *s, const char *uuid,
    int (*cb)(time_t saved, const char *title, const char *body, void *),
    void *arg, struct err *e);

/* Full-text search over titles, bodies and tags of entries not in the
 * trash, best first.  The query is words (all must match; a trailing * on a
 * word matches a prefix), case and diacritics ignored. */
int store_search(struct store *s, const char *query, long limit,
    entry_cb cb, void *arg, struct err *e);
int store_search_json(struct store *s, const char *query, long limit,
    char **json, struct err *e);
int store_search_json_to(struct store *s, const char *query, long limit,
    FILE *out, struct err *e);

/* Tags of entries not in the trash, with their counts, by name. */
int store_tags(struct store *s, int (*cb)(const char *tag, long n, void *),
    void *arg, struct err *e);
int store_tags_json(struct store *s, char **json, struct err *e);

/* ---- check-ins (checkin.c) ---- */

#define CHECKIN_UNSET (-1)

/* The symptoms a check-in can record, as typed and stored. */
extern const char *const store_symptoms[];
int store_symptom_valid(const char *name);
/* The symptoms of a check-in (its JSON array text) as "a, b" into buf, in
 * the order of store_symptoms; "" when there are none. */
void store_symptoms_text(const char *json, char *buf, size_t n);

/* The answer to the check-in's safety question (thoughts of harming
 * oneself).  Zero is "not answered", so a zeroed struct asks nothing. */
enum checkin_safety {
	CHECKIN_SAFETY_UNANSWERED = 0, CHECKIN_SAFETY_NO, CHECKIN_SAFETY_YES,
};
/* "yes", "no" (as typed: any case) to *out; -1 for anything else. */
int store_safety_parse(const char *text, enum checkin_safety *out);

/* A mood at or below this is low: such a check-in, like a yes to the
 * safety question, is one to look at first (store_checkin_flags). */
#define STORE_MOOD_LOW 2

struct checkin_new {
	int mood;               /* 0-10, required */
	int anxiety, sleep, energy, connection; /* 0-10 or CHECKIN_UNSET */
	double sleep_hours;     /* 0-24 or CHECKIN_UNSET */
	const char *const *symptoms;
	size_t nsymptoms;
	const char *note;       /* NULL: none */
	int shared;             /* see store_checkin_share_default */
	enum checkin_safety safety;
	time_t when;            /* 0: now */
};

struct checkin {
	const char *uuid;
	time_t time;
	int time_off;
	int mood, anxiety, sleep, energy, connection;   /* CHECKIN_UNSET */
	double sleep_hours;                             /* CHECKIN_UNSET */
	const char *symptoms;   /* JSON array text */
	const char *note;
	int shared;
	enum checkin_safety safety;
	const char *placement;
};

/* Why a check-in is one to look at first: a yes to the safety question,
 * a mood of STORE_MOOD_LOW or lower (flags or'ed; 0: neither). */
enum { CHECKIN_FLAG_SAFETY = 1, CHECKIN_FLAG_LOW_MOOD = 2 };
int store_checkin_flags(const struct checkin *c);

/* Whether a new check-in is marked shared when nobody says otherwise:
 * the journal's "share_checkins" setting, on ("1") unless it is "0".
 * The app's check-in and `tend checkin` both start from it. */
int store_checkin_share_default(struct store *s);
int store_checkin_share_default_set(struct store *s, int on, struct err *e);

/* Entries and check-ins (not sessions) are refused when dated more than
 * a day ahead: later than the same clock time tomorrow. */
int store_checkin_add(struct store *s, const struct checkin_new *n,
    char uuid[STORE_UUID_LEN + 1], struct err *e);
/* Replace every field of check-in uuid with n's (n->when 0: keep its
 * time).  Nothing changes when it fails. */
int store_checkin_update(struct store *s, const char *uuid,
    const struct checkin_new *n, struct err *e);
/* Delete check-in uuid for good (check-ins have no trash; secure_delete
 * overwrites its row in the file). */
int store_checkin_rm(struct store *s, const char *uuid, struct err *e);
/* One check-in to cb (nothing when there is none). */
int store_checkin_get(struct store *s, const char *uuid,
    int (*cb)(const struct checkin *, void *), void *arg, struct err *e);
/* Check-ins in [since, until) (0: open), oldest first. */
int store_checkin_list(struct store *s, time_t since, time_t until,
    int (*cb)(const struct checkin *, void *), void *arg, struct err *e);
int store_checkin_list_json(struct store *s, time_t since, time_t until,
    char **json, struct err *e);
/* The check-ins to look at first (store_checkin_flags not 0), oldest
 * first. */
int store_checkin_flagged(struct store *s,
    int (*cb)(const struct checkin *, void *), void *arg, struct err *e);
/* The same as JSON: the objects of store_checkin_list_json, each with
 * "why": ["safety"] and/or ["low mood"]. */
int store_checkin_flagged_json(struct store *s, char **json,
    struct err *e);

/* ---- the treatment timeline (session.c, timeline.c) ---- */

enum session_kind {
	SESSION_PREPARATION, SESSION_MEDICINE, SESSION_INTEGRATION,
	SESSION_OTHER,
};
int store_session_kind_parse(const char *name, enum session_kind *k);
const char *store_session_kind_name(enum session_kind k);

struct session {
	const char *uuid;
	enum session_kind kind;
	time_t time;
	int time_off;
	const char *title;
	const char *notes;
	int medicine_no;        /* 1, 2, ... for medicine sessions, else 0 */
};

int store_session_add(struct store *s, enum session_kind kind, time_t when,
    const char *title, const char *notes, char uuid[STORE_UUID_LEN + 1],
    struct err *e);
/* Change every field of the session uuid (when 0: now); title and notes
 * may be NULL or empty.  Nothing changes when it fails. */
int store_session_edit(struct store *s, const char *uuid,
    enum session_kind kind, time_t when, const char *title,
    const char *notes, struct err *e);
int store_session_rm(struct store *s, const char *uuid, struct err *e);
/* Sessions in time order. */
int store_session_list(struct store *s,
    int (*cb)(const struct session *, void *), void *arg, struct err *e);
int store_session_list_json(struct store *s, char **json, struct err *e);

/* A moment on the timeline, for a session list sorted by time:
 *
 *   before any session                   "before the first session"
 *   after a session, none medicine yet   "preparation"
 *   the day of medicine session K        "medicine session K"
 *   later, last session medicine K       "day N after medicine session K"
 *   ... last session integration         "integration, day N after
 *                                          medicine session K"
 *   ... last session preparation         "preparation, day N after
 *                                          medicine session K"
 *   ... last session other               "day N after medicine session K"
 *
 * K is the latest medicine session at or before t; N counts local calendar
 * days from that session's day.  The phase (for statistics) drops the day:
 * "before the first session", "preparation", "after medicine session K". */
struct timeline_point {
	time_t time;
	enum session_kind kind;
};
void timeline_place(const struct timeline_point *sessions, size_t n,
    time_t t, char *buf, size_t bufsz);
void timeline_phase(const struct timeline_point *sessions, size_t n,
    time_t t, char *buf, size_t bufsz);
/* The same against the store's sessions. */
void store_place(struct store *s, time_t t, char *buf, size_t bufsz);

/* ---- the timeline: entries and check-ins together (timeline.c) ---- */

/*
 * One item's place on the timeline.  The timeline holds the entries not
 * in the trash and every check-in, newest first: ordered by (time, rank,
 * id) descending, where an entry ranks above a check-in of the same second
 * and id is the row id in its table.  No two items share a key, so paging
 * from a key never skips or repeats one.
 */
struct timeline_key {
	time_t time;
	enum store_table table; /* STORE_ENTRY or STORE_CHECKIN */
	long long id;           /* the row id in that table */
};

/* Up to n keys after from (dir 1: older) or before it (dir -1: newer),
 * nearest first, into out.  from NULL starts at the newest (dir 1) or the
 * oldest (dir -1) item, which is then included.  Two index range scans of
 * at most n rows each (no OFFSET), so any page costs what the first one
 * costs.  Returns how many were stored, or -1. */
long store_timeline_fetch(struct store *s, const struct timeline_key *from,
    int dir, struct timeline_key *out, size_t n, struct err *e);

/* What a timeline row shows; pointers valid during the callback only. */
struct timeline_item {
	struct timeline_key key;
	const char *uuid;
	int time_off;
	const char *kind;       /* the entry's kind, or "check-in" */
	const char *title;      /* "" if none (always for check-ins) */
	const char *text;       /* the start of the body (200 characters at
	                         * most), or the check-in's note ("") */
	const char *tags;       /* space-separated, sorted; "" if none */
	int shared;
	/* Check-ins only; CHECKIN_UNSET (mood too) for entries. */
	int mood, anxiety, sleep, energy, connection;
	double sleep_hours;
	const char *symptoms;   /* JSON array text ("[]" for entries) */
	enum checkin_safety safety;     /* unanswered for entries */
};
typedef int (*timeline_cb)(const struct timeline_item *, void *arg);

/* The item in table t with row id id: cb is called and 1 returned; 0 if
 * there is none (an entry in the trash counts as none); -1 on error. */
int store_timeline_get(struct store *s, enum store_table t, long long id,
    timeline_cb cb, void *arg, struct err *e);
/* The same for a full UUID of an entry or a check-in. */
int store_timeline_find(struct store *s, const char *uuid, timeline_cb cb,
    void *arg, struct err *e);

/* ---- the agenda: things to bring to the next session (agenda.c) ---- */

struct agenda_item {
	const char *uuid;
	const char *text;
	time_t created;
	time_t done;            /* 0: open */
};

int store_agenda_add(struct store *s, const char *text,
    char uuid[STORE_UUID_LEN + 1], struct err *e);
int store_agenda_done(struct store *s, const char *uuid, struct err *e);
/* Open a done item again (undoing store_agenda_done). */
int store_agenda_undone(struct store *s, const char *uuid, struct err *e);
/* Open items first (oldest first), then done ones (latest done first). */
int store_agenda_list(struct store *s,
    int (*cb)(const struct agenda_item *, void *), void *arg, struct err *e);
int store_agenda_list_json(struct store *s, char **json, struct err *e);

/* ---- drafts: editor text kept while typing (agenda.c) ---- */

/* Save (replace) the draft named key; NULL or "" text deletes it. */
int store_draft_save(struct store *s, const char *key, const char *text,
    struct err *e);
/* The draft's text (malloc'd) or NULL if there is none. */
char *store_draft_get(struct store *s, const char *key);
/* Every draft's key and when it was saved, the latest first.  A callback
 * returning nonzero stops the walk (that value is returned). */
int store_draft_list(struct store *s,
    int (*cb)(const char *key, time_t saved, void *), void *arg,
    struct err *e);

/* ---- the whole store as one document (document.c) ---- */

/* Meta keys starting with prefix (e.g. "export_", which an export image
 * uses for its own description), by key; cb gets the key and value. */
int store_meta_each(struct store *s, const char *prefix,
    int (*cb)(const char *key, const char *value, void *), void *arg,
    struct err *e);

/* Everything in the store as one JSON object:
 *   {"format": "tend-export", "version": 1, "title": meta title or null,
 *    "export": {export_* meta keys without the prefix},
 *    "attention": as store_checkin_flagged_json, "entries": [...], "checkins": [...], "sessions": [...],
 *    "agenda": [...]}
 * with the objects of the *_list_json functions (entries not in the
 * trash, oldest first).  The text holds journal text: wipe it
 * (vault_wipe) before free(). */
int store_document_json(struct store *s, char **json, struct err *e);

/* ---- statistics (stats.c) ---- */

struct stats_group {
	const char *label;      /* a phase, or the Monday of a week */
	long checkins;
	double mood_mean;
	int mood_min, mood_max;
};

struct stats {
	long entries, trashed, checkins, sessions, agenda_open;
	long streak;            /* days in a row with a check-in, up to today
	                         * (or yesterday when today has none yet) */
};

int store_stats(struct store *s, time_t now, struct stats *out,
    struct err *e);
/* Mood per phase (timeline order) and per week (oldest first). */
int store_stats_groups(struct store *s, int by_week,
    int (*cb)(const struct stats_group *, void *), void *arg,
    struct err *e);
int store_stats_json(struct store *s, time_t now, char **json,
    struct err *e);

/* ---- therapists the journal is shared with (therapist.c) ---- */

/* key: a therapist's X25519 public key, 32 bytes. */
struct therapist {
	const char *name;
	const unsigned char *key;
	time_t added;
};

/* A name is 1-64 characters of UTF-8 text without control characters;
 * a name or a key already stored is refused. */
int store_therapist_add(struct store *s, const char *name,
    const unsigned char key[32], struct err *e);
int store_therapist_rm(struct store *s, const char *name, struct err *e);
/* The key stored under name; an unknown name is an error naming it. */
int store_therapist_get(struct store *s, const char *name,
    unsigned char key[32], struct err *e);
/* By name. */
int store_therapist_list(struct store *s,
    int (*cb)(const struct therapist *, void *), void *arg, struct err *e);

/* ---- the shared subset, for export bundles (export.c) ---- */

/* What goes out: entries marked shared (with all, every entry not in the
 * trash) created in [since, until), with their tags; check-ins marked
 * shared (with all, every one) in the range; every session (the timeline gives the range its context); open
 * agenda items written in the range.  0: open end.  Never revisions,
 * drafts, the trash, the safety plan or the crisis contacts. */
struct export_scope {
	time_t since, until;
	int all;
};

/* Written into the image's meta as export_time, export_alias,
 * export_fingerprint, export_version, with export_since, export_until
 * (empty when open) and export_all ("1" or "0").  alias NULL: the store's
 * "owner" setting, or empty. */
struct export_meta {
	const char *alias, *fingerprint, *version;
	time_t when;
};

/* Build the subset as a complete database with this store's schema in a
 * private in-memory database (nothing touches the disk) and serialize it:
 * *img is malloc'd; the caller wipes (vault_wipe) and frees it. */
int store_export_image(struct store *s, const struct export_scope *sc,
    const struct export_meta *m, unsigned char **img, size_t *len,
    struct err *e);
/* The same image handed to use(img, len, arg, e) without a copy: it is the
 * in-memory database itself, wiped and freed when use returns.  Returns
 * use's result, or -1 with e filled if the image could not be built. */
int store_export_image_use(struct store *s, const struct export_scope *sc,
    const struct export_meta *m,
    int (*use)(const unsigned char *img, size_t len, void *arg,
    struct err *e), void *arg, struct err *e);
/* The same subset as a read-only store of its own, without serializing
 * it (what store_open_image would give for the image); store_close() it.
 * It does not depend on s once built. */
int store_export_open(struct store *s, const struct export_scope *sc,
    const struct export_meta *m, struct store **out, struct err *e);

/* Open an image as a read-only store (every store_* read works, every
 * write fails).  The image is untrusted: it is read under SQLite's
 * defences (defensive mode, untrusted schema, reduced limits), its
 * schema must be exactly the one this tend writes for its user_version,
 * and only its rows are copied, into a fresh in-memory database tend
 * makes at that version and then migrates; the image itself never runs
 * a migration, trigger or view.  Reading it and every query on the store
 * afterwards share one budget of CPU time, store_image_seconds(len) (a
 * progress handler stops SQLite when it is spent).  The caller still owns
 * img; the store's memory is wiped when it is closed. */
#define STORE_IMAGE_SECONDS 5
/* The CPU seconds an image of len bytes may cost: STORE_IMAGE_SECONDS,
 * and one more for every STORE_IMAGE_MIB_PER_SECOND MiB of image.  Work
 * an honest journal needs grows with its size (copying 100,000 entries
 * and indexing them takes tens of seconds); what a hostile image can make
 * SQLite do is then bounded by the bytes it brings, never endless. */
#define STORE_IMAGE_MIB_PER_SECOND 16
int store_image_seconds(size_t len);
int store_open_image(const unsigned char *img, size_t len,
    struct store **out, struct err *e);
/* The budget restarts with every statement from now on (an interactive
 * review, where the reader decides how much is asked). */
void store_image_interactive(struct store *s);
/* Set meta key (starting "export_") of an image to what the reader
 * found out about it (who it was for), replacing whatever the image
 * said. */
int store_image_note(struct store *s, const char *key, const char *value,
    struct err *e);
/* 1 if s was opened by store_open_image. */
int store_is_image(const struct store *s);

/* What an export with this scope would hold, to show before writing.
 * entries_private and checkins_private count entries and check-ins not
 * marked shared in the range: they go out only with sc->all (checkins
 * counts those marked shared).  first and last: the earliest and latest
 * moment of an entry or check-in going out (0 when none). */
struct export_counts {
	long entries_shared, entries_private;
	long checkins, checkins_private, sessions, agenda;
	time_t first, last;
};
int store_export_counts(struct store *s, const struct export_scope *sc,
    struct export_counts *out, struct err *e);

/* An image (or any store) as one JSON document for review:
 * {"export": {time, since, until, alias, fingerprint, version, all},
 *  "signer": the verified signer's fingerprint as given,
 *  "attention": the check-ins to look at first, as
 *  store_checkin_flagged_json,
 *  "entries": as store_entry_list_json, "checkins": [...],
 *  "sessions": as store_session_list_json, "agenda": as
 *  store_agenda_list_json}.  The caller wipes and frees *json. */
int store_review_json(struct store *s, const char *signer, char **json,
    struct err *e);

#endif
