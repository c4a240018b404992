/*
 * measure.h: standard questionnaires (PCL-5, PHQ-9, GAD-7, WHO-5) and the
 * ones a therapist writes, their scoring, and the patient's answers.
 *
 * An instrument is described by a questionnaire file (tend-questionnaire(5)):
 * plain UTF-8 lines giving its name, title, time frame, instructions,
 * attribution, one response scale shared by every item, the items, and
 * the scoring rules (a sum, subscales, bands, flags, an item criterion, a
 * cut-off range, change wording, a multiplier).  The built-in ones are
 * compiled in as such files and parsed by the same parser, so they behave
 * exactly like one added with `tend measure add`.
 *
 * A definition's version is a hash (FNV-1a 64, hex) of its file text: it
 * tells versions apart, it is not a security feature.  A response records
 * the instrument's name and the hash of the definition it was taken with,
 * so an older response is still scored by the definition it was answered
 * against (a built-in's version this tend no longer has: by the built-in
 * as it is now, if the answers fit).  Added definitions live in the journal (every version kept);
 * a name may not be a built-in's.
 *
 * Scores are never stored: they are computed from the answers whenever a
 * response is read, so reports, `--json` and the app agree.
 *
 * Pointers inside a struct measure_def stay valid until
 * measure_def_free(); those inside a struct measure_score point into the
 * definition it was scored with.  Everything here lives in the store
 * layer (it keeps the SQL); it never touches the terminal.
 */
#ifndef TEND_MEASURE_H
#define TEND_MEASURE_H

#include <stddef.h>
#include <time.h>

#include "tend/store.h"

struct err;
struct store;

/* Hard bounds of a questionnaire file (the parser refuses more). */
#define MEASURE_FILE_MAX (64 * 1024)    /* bytes */
#define MEASURE_LINE_MAX 1024           /* bytes per line */
#define MEASURE_NAME_MAX 24             /* bytes: letters, digits, - _ . */
#define MEASURE_LABEL_MAX 80            /* characters: scale and band
                                         * labels, subscale names, titles */
#define MEASURE_TEXT_MAX 600            /* characters: item texts, flag and
                                         * instruction texts */
#define MEASURE_ITEMS_MAX 60
#define MEASURE_SCALE_MAX 10            /* answers are 0..MEASURE_SCALE_MAX */
#define MEASURE_SUBSCALES_MAX 8
#define MEASURE_BANDS_MAX 8
#define MEASURE_FLAGS_MAX 8
#define MEASURE_CHANGES_MAX 6
#define MEASURE_HASH_LEN 16             /* hex digits */

/* What a flag rule looks at. */
enum measure_target {
	MEASURE_ON_ITEM,        /* the answer to item .item */
	MEASURE_ON_TOTAL,       /* the total */
	MEASURE_ON_SCALED,      /* the total times the multiplier */
	MEASURE_ON_SUBSCALE,    /* subscale .subscale's score */
};

enum measure_op { MEASURE_LT, MEASURE_LE, MEASURE_EQ, MEASURE_GE,
	MEASURE_GT };

struct measure_flag {
	enum measure_target on;
	int item;               /* 1-based, MEASURE_ON_ITEM */
	int subscale;           /* index into subscales, MEASURE_ON_SUBSCALE */
	enum measure_op op;
	int value;
	int safety;             /* a `safety` rule: treated like a yes to the
	                         * check-in's safety question (the app opens
	                         * the support screen, reports list it first) */
	const char *text;       /* what is said when it holds */
};

struct measure_subscale {
	const char *name;       /* "B" */
	const char *label;      /* "intrusions", or "" */
	int nitems;
	int items[MEASURE_ITEMS_MAX];   /* 1-based item numbers, ascending */
};

struct measure_band {
	int from;               /* this band holds totals from here up to the
	                         * next band's from - 1 */
	const char *label;      /* "mild" */
};

/* A wording for the change between two totals: the change line with the
 * highest at <= |difference| applies. */
struct measure_change {
	int at;
	const char *text;       /* "a change of 10 points or more is commonly
	                         * read as a meaningful change" */
};

struct measure_def {
	const char *name;       /* "PCL-5": what `tend measure take` takes */
	const char *title;      /* "PTSD Checklist for DSM-5" */
	const char *time_frame; /* "In the past month" */
	const char *instructions;
	const char *attribution;        /* source and terms, may hold \n */
	char hash[MEASURE_HASH_LEN + 1];
	int builtin;
	int scale_min, scale_max;       /* answers run scale_min..scale_max */
	const char *scale_labels[MEASURE_SCALE_MAX + 1];        /* by value;
	                                 * "" where the file gives none */
	int nitems;
	const char *items[MEASURE_ITEMS_MAX];
	int nsubscales;
	struct measure_subscale subscales[MEASURE_SUBSCALES_MAX];
	int nbands;
	struct measure_band bands[MEASURE_BANDS_MAX];   /* ascending from */
	int nflags;
	struct measure_flag flags[MEASURE_FLAGS_MAX];
	/* Criterion: an item counts when answered crit_min or more; it is met
	 * when every listed subscale has at least its count of such items. */
	int has_criterion;
	int crit_min;
	int crit_need[MEASURE_SUBSCALES_MAX];   /* by subscale; 0: any */
	const char *crit_label; /* "provisional PTSD (DSM-5 item rule)" */
	/* Cut-off range: a total from cut_lo to cut_hi is read as around the
	 * cut-off (single cut-off: cut_lo == cut_hi). */
	int has_cutoff;
	int cut_lo, cut_hi;
	const char *cut_text;
	int multiplier;         /* 1 unless the file says otherwise (WHO-5: 4) */
	const char *scaled_label;       /* "percentage score", or "" */
	int nchanges;
	struct measure_change changes[MEASURE_CHANGES_MAX];     /* ascending */
	int total_max;          /* nitems * scale_max */
	int total_min;          /* nitems * scale_min */
	const char *source;     /* the file text it was parsed from */
};

/* A scored set of answers. */
struct measure_score {
	int total;
	int scaled;             /* total * multiplier */
	int nsub;
	struct {
		const char *name;
		int score, max;
	} sub[MEASURE_SUBSCALES_MAX];
	const char *band;       /* the band's label, NULL if none defined */
	int criterion;          /* -1: none defined, 0: not met, 1: met */
	int cutoff;             /* -1: none, 0: below, 1: within the range,
	                         * 2: above */
	unsigned fired;         /* bit i: flags[i] holds */
	int safety;             /* a fired flag is a safety one */
};

/* ---- definitions (measure.c) ---- */

/* Parse the questionnaire file text (len bytes; need not end in NUL).
 * file names it in the messages.  On success *out holds the definition
 * (free with measure_def_free) and 0 is returned.  Otherwise the number of
 * mistakes is returned and *problems (if not NULL) gets a malloc'd text of
 * one line per mistake, "FILE:LINE: what is wrong\n" ("FILE: what is
 * wrong\n" for the file as a whole, e.g. a required line missing): every
 * mistake, not only the first (past 100, one line says how many more). */
int measure_def_parse(const char *file, const char *text, size_t len,
    struct measure_def **out, char **problems);
void measure_def_free(struct measure_def *d);

/* The built-in instruments' names in their fixed order, NULL-ended:
 * "PCL-5", "PHQ-9", "GAD-7", "WHO-5". */
extern const char *const measure_builtin_names[];

/* Score n answers against d.  Refuses (one sentence in e, -1) a count
 * other than d->nitems and an answer outside the scale, naming the item. */
int measure_score(const struct measure_def *d, const int *answers,
    size_t n, struct measure_score *out, struct err *e);

/* The change from total `from` (an earlier response) to total `to`, as
 * one sentence into buf: "12 points lower than the time before: a change
 * of 10 points or more is commonly read as a meaningful change", "the
 * same total as the time before", "3 points higher than the time before:
 * under 5 points, within day-to-day variation" (the wording after the
 * colon is the definition's change line for the difference, if any). */
void measure_change_text(const struct measure_def *d, int from, int to,
    char *buf, size_t n);

/* The response scale as one line, "0 Not at all, 1 A little bit, ...". */
void measure_scale_text(const struct measure_def *d, char *buf, size_t n);

/* ---- the journal's instruments and responses (measure-store.c) ---- */

/* Every instrument that can be taken: the built-ins in their order, then
 * those added to the journal (their latest version), by name.  cb may
 * keep nothing past the call; a nonzero return stops the walk. */
int store_measure_list(struct store *s,
    int (*cb)(const struct measure_def *, void *), void *arg, struct err *e);

/* The instrument named name (any case) as a definition of the caller's
 * own (measure_def_free it).  An unknown name is an error naming it and
 * listing the ones there are. */
int store_measure_get(struct store *s, const char *name,
    struct measure_def **out, struct err *e);

/* Validate the questionnaire file text and store it in the journal.  A
 * name that is a built-in's is refused; adding a changed file under a
 * name already added makes it the new version (earlier responses keep
 * theirs); the same text again changes nothing.  Mistakes in the file:
 * -1, e says how many, *problems as measure_def_parse. */
int store_measure_add(struct store *s, const char *file, const char *text,
    size_t len, char **problems, struct err *e);

/* Whether a new response is shared when nobody says otherwise: the
 * journal's "share_measures" setting, on ("1") unless it is "0". */
int store_measure_share_default(struct store *s);
int store_measure_share_default_set(struct store *s, int on,
    struct err *e);

/* Save answers (scored first: the same refusals as measure_score) to d,
 * taken at when (0: now). */
int store_measure_save(struct store *s, const struct measure_def *d,
    const int *answers, size_t n, int shared, time_t when,
    char uuid[STORE_UUID_LEN + 1], struct err *e);

/* A response as read back; pointers valid during the callback only. */
struct measure_response {
	const char *uuid;
	const char *name;
	const char *hash;
	time_t time;
	int time_off;
	int shared;
	const char *placement;  /* on the treatment timeline */
	int nanswers;
	const int *answers;
	const struct measure_def *def;  /* NULL if its definition is not in
	                                 * the journal: then unscored */
	struct measure_score score;     /* valid when def is not NULL */
	int has_prev;           /* an earlier response of this instrument */
	int prev_total;
	time_t prev_time;
};
typedef int (*measure_cb)(const struct measure_response *, void *arg);

/* Responses to the instrument name (any case; NULL: every instrument),
 * oldest first, each scored and with the previous one of its instrument.
 * since/until: [since, until), 0 open.  A nonzero return from cb stops.
 * cb must not start another walk of responses (the statement is in use);
 * it may call measure_* functions and every other store_* reader. */
int store_measure_responses(struct store *s, const char *name,
    time_t since, time_t until, measure_cb cb, void *arg, struct err *e);
/* One response by full UUID (store_measure_resolve turns what was typed
 * into one). */
int store_measure_response(struct store *s, const char *uuid, measure_cb cb,
    void *arg, struct err *e);
int store_measure_resolve(struct store *s, const char *typed,
    char uuid[STORE_UUID_LEN + 1], struct err *e);

/* Responses with a fired flag (safety or not), oldest first. */
int store_measure_flagged(struct store *s, measure_cb cb, void *arg,
    struct err *e);

/* JSON (malloc'd; the caller wipes and frees it):
 * one response: {"id", "short", "instrument", "title", "version", "time",
 *  "time_utc", "placement", "shared", "answers": [..], "total",
 *  "total_max", "scaled" (multiplier != 1), "subscales": {"B": n, ..},
 *  "band", "criterion": {"label", "met"}, "cutoff": {"range", "where"},
 *  "flags": [{"text", "safety"}], "change": {"from", "points", "text"}
 *  or null}; unscored responses have "total": null.
 * store_measure_responses_json: an array of those (name NULL: all). */
int store_measure_response_json(struct store *s, const char *uuid,
    char **json, struct err *e);
int store_measure_responses_json(struct store *s, const char *name,
    time_t since, time_t until, char **json, struct err *e);
/* The responses with a fired flag (store_measure_flagged), as an array
 * of the same objects. */
int store_measure_flagged_json(struct store *s, char **json,
    struct err *e);
/* The instruments as an array of {"name", "title", "items", "builtin",
 * "time_frame", "scale": [labels], "version", "responses": n}. */
int store_measure_list_json(struct store *s, char **json, struct err *e);

#endif
