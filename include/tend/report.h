/*
 * report.h: plaintext exports of a store: Markdown, JSON, CSV (the
 * check-ins) and a self-contained HTML report.
 *
 * A renderer takes a struct store * and writes down everything in it:
 * entries not in the trash (with their tags), check-ins, sessions, agenda
 * items and the export's own description (meta keys starting with
 * "export_").  What goes into the store is decided before: `tend export
 * --format` renders an export image (store_export_image) that holds only
 * the chosen subset, and a live journal store renders whole.
 *
 * The rendered text exists only in memory: report_write() hands it to a
 * writer piece by piece as it is rendered (a few dozen KiB at a time,
 * each wiped once handed over), so memory stays small whatever the
 * store's size; report_render() gathers it in a buffer that
 * report_free() wipes.  Errors never quote journal text.
 *
 * Every format puts the check-ins to look at first (store_checkin_flags:
 * a yes to the safety question, a mood of 2 or lower) at the top: a
 * section before the entries (Markdown, HTML), an "attention" list
 * (JSON), their rows first (CSV, with "safety" and "attention" columns).
 *
 * CSV cells that a spreadsheet would read as a formula (starting with
 * '=', '+', '-', '@', a tab or a carriage return) get a single quote in
 * front, so that "=HYPERLINK(...)" in a note stays text; the quote is the
 * only change made to a cell's text.
 */
#ifndef TEND_REPORT_H
#define TEND_REPORT_H

#include <stddef.h>
#include <time.h>

struct err;
struct phase_scale;
struct phase_summary;
struct store;

enum report_format { REPORT_MD, REPORT_JSON, REPORT_CSV, REPORT_HTML };

/* "md", "json", "csv" or "html"; -1 for anything else. */
int report_format_parse(const char *name, enum report_format *out);
const char *report_format_name(enum report_format f);

/* What a store holds, for the summary shown before an export is written
 * and the statement at the top of a report. */
struct report_summary {
	long entries;
	long private_entries;   /* entries not marked to share */
	long checkins;
	long private_checkins;  /* check-ins not marked to share */
	long flagged;           /* check-ins to look at first (a yes to the
	                         * safety question, a low mood) */
	long sessions;
	long agenda_open, agenda_done;
	time_t first, last;     /* earliest and latest entry or check-in;
	                         * 0 when there is none */
	int first_off, last_off;        /* their UTC offsets as written */
};
int report_summarize(struct store *s, struct report_summary *out,
    struct err *e);

/* Render everything in s as format f and hand the text to w(p, n, arg)
 * in order, in pieces that end on whole UTF-8 characters (w returns 0,
 * or -1 with errno set: the render stops with "cannot write the export").
 * On failure part of the text may have been handed over. */
typedef int (*report_write_fn)(const char *p, size_t n, void *arg);
int report_write(struct store *s, enum report_format f, report_write_fn w,
    void *arg, struct err *e);
/* The same into a malloc'd NUL-terminated
 * buffer (*out, *len without the NUL).  On failure *out is NULL. */
int report_render(struct store *s, enum report_format f, char **out,
    size_t *len, struct err *e);
/* Wipe and free a rendered text (NULL is fine). */
void report_free(char *text, size_t len);

/* ---- the summary a therapist reads first (report-summary.c) ---- */

/* Said above the table of phases. */
#define REPORT_PHASES_ABOUT "Mean (lowest-highest) of the 0-10 scales " \
    "in each phase of the treatment: higher is a better mood, stronger " \
    "anxiety, better sleep. Symptoms: how many check-ins noted each."
/* Said when there are no questionnaire answers. */
#define REPORT_NO_MEASURES "No questionnaires in this export."

/* A scale over a phase as shown: "5.2 (2-8)", "3.0" when lowest and
 * highest are the same, "-" when nobody answered it. */
void report_scale_text(const struct phase_scale *sc, char *buf, size_t n);
/* The symptoms noted in a phase, "nightmares 3, on-edge 1"; "" for none. */
void report_phase_symptoms(const struct phase_summary *p, char *buf,
    size_t n);
/* The days of a phase's check-ins: "2026-01-05", "2026-01-05 to 01-18",
 * "2025-12-30 to 2026-01-04". */
void report_phase_days(const struct phase_summary *p, char *buf, size_t n);
/* The days after the latest medicine session at t ("0" its day), or ""
 * before any. */
void report_medicine_day_text(struct store *s, time_t t, char *buf,
    size_t n);
/* Who wrote it, from the export's meta: "\"Sam\", signing key ABCD...",
 * with the reader's note on the sender (export_sender) after a ';'; a
 * journal's own owner when it is no export.  malloc'd. */
char *report_who(struct store *s);
/* The days the check-ins and entries cover, and the range the export
 * asked for when it says; malloc'd. */
char *report_range(struct store *s, const struct report_summary *sum);

/* The questionnaires for the summary: one line for each instrument
 * answered, "PHQ-9 on 2026-11-08: 12 of 27, moderate; 4 points lower
 * than the time before: ...; ... than the first one, on 2026-10-01: ...;
 * safety: <flag> (3 answers)", about its latest answer; flagged: a flag
 * of that answer fired.  cb's nonzero return stops and is returned. */
int report_measure_summary(struct store *s,
    int (*cb)(const char *line, int flagged, void *), void *arg,
    struct err *e);

/* One CSV field for text: quoted when it holds a comma, a double quote,
 * CR or LF (inner quotes doubled), with the formula guard above.  For
 * tests; malloc'd. */
char *report_csv_field(const char *text);

#endif
