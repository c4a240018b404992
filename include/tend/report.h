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

/* One CSV field for text: quoted when it holds a comma, a double quote,
 * CR or LF (inner quotes doubled), with the formula guard above.  For
 * tests; malloc'd. */
char *report_csv_field(const char *text);

#endif
