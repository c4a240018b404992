/*
 * report-int.h: what the report renderers share (private to src/share).
 *
 * struct rbuf is a growing text buffer for journal text: when it grows,
 * the old memory is wiped before it is freed, so no copy of the text is
 * left behind in the heap.  With a sink (report_write) it streams: once
 * it holds RBUF_FLUSH bytes, what it holds goes to the sink and is wiped,
 * all but the last RBUF_KEEP bytes and an unfinished UTF-8 character, so
 * a renderer may still look back at b->p[b->len - RBUF_KEEP] and a sink
 * always gets whole characters.
 */
#ifndef TEND_REPORT_INT_H
#define TEND_REPORT_INT_H

#include <stddef.h>
#include <time.h>

#include "tend/report.h"

struct checkin;

struct rbuf {
	char *p;
	size_t len, cap;
	/* Optional: where the text goes as it grows (report_write). */
	int (*sink)(const char *p, size_t n, void *arg);
	void *arg;
	int failed;             /* the errno of a sink that failed, or 0 */
};
#define RBUF_FLUSH ((size_t)64 * 1024)
#define RBUF_KEEP 2

/* Hand everything b holds to its sink (if it has one); 0, or -1 if the
 * sink failed now or before. */
int rbuf_flush(struct rbuf *b);

void rbuf_put(struct rbuf *b, const char *s);
void rbuf_putn(struct rbuf *b, const char *s, size_t n);
void rbuf_printf(struct rbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Wipe and free. */
void rbuf_free(struct rbuf *b);

/* s, or "" for NULL: a store opened from an image someone else made may
 * hold NULL where tend always writes text. */
const char *report_nz(const char *s);

/* text with & < > " ' as HTML character references. */
void rbuf_html(struct rbuf *b, const char *text);

/* A moment as written, "2026-01-05 14:05", at offset off (minutes east);
 * buf at least 20 bytes. */
/* Markdown text on one line (line breaks become spaces); in a table cell
 * (cell != 0) '|' is escaped too. */
void report_md_inline(struct rbuf *b, const char *text, int cell);
void report_time(time_t t, int off, char *buf, size_t n);
/* The day only, "2026-01-05". */
void report_day(time_t t, int off, char *buf, size_t n);

/* The title an entry is shown under: its own, else its kind's name
 * ("Journal entry", "Reflection", "Dream", "Entry"). */
const char *report_entry_title(const char *title, const char *kind);

/* An export_* meta key as shown: its label (into label) and the value
 * to show (value itself, words for a known one, or a time written as
 * UTC seconds formatted into buf); NULL: leave it out (an empty value). */
const char *report_meta_label(const char *key, const char *value,
    char *label, size_t n, char *buf, size_t bufsz);

/* The export_* meta keys in a reading order: the known ones first (when
 * exported, by whom, the range, which entries), then any others by key. */
int report_meta_walk(struct store *s,
    int (*cb)(const char *key, const char *value, void *), void *arg,
    struct err *e);

/* The sentence that says what a report contains and that it is plain
 * text; appended to b as plain text (escape it yourself for HTML: it
 * holds no journal text, only counts and dates). */
void report_statement(struct rbuf *b, const struct report_summary *sum);

/* Why a check-in is one to look at first, in words ("safety question:
 * yes; low mood"), into buf; "" when it is not. */
void report_flag_text(const struct checkin *c, char *buf, size_t n);
/* A check-in's safety answer: "yes", "no" or "" (not answered). */
const char *report_safety(const struct checkin *c);

/* Said when there is nothing to look at first. */
#define REPORT_NOTHING_FLAGGED "No check-in here has a yes to the safety " \
    "question or a mood of 2 or lower."
/* What the section at the top holds. */
#define REPORT_FLAGGED_ABOUT "Check-ins with a yes to the safety " \
    "question (thoughts of harming oneself) or a mood of 2 or lower, " \
    "oldest first."

int report_html(struct store *s, struct rbuf *b, struct err *e);

/* The summary at the top of a report (report-summary.c): a "## Summary"
 * section (Markdown) or <section id="summary"> (HTML). */
int report_summary_md(struct store *s, const struct report_summary *sum,
    struct rbuf *b, struct err *e);
int report_summary_html(struct store *s, const struct report_summary *sum,
    struct rbuf *b, struct err *e);

/* Questionnaire answers (report-measure.c).  _first: the answers with a
 * flag, for the section to look at first (Markdown list items; HTML a
 * paragraph and a list; nothing when there are none); then a section of
 * every answer.  CSV: the rows of flagged (1) or the other (0) answers,
 * in the columns of the check-ins and four more (questionnaire, total,
 * band, answers).  report_has_measures: 1 if s holds any answer, 0 if
 * not, -1 on error. */
int report_md_measures_first(struct store *s, struct rbuf *b,
    struct err *e);
int report_md_measures(struct store *s, struct rbuf *b, struct err *e);
int report_html_measures_first(struct store *s, struct rbuf *b,
    struct err *e);
int report_html_measures(struct store *s, struct rbuf *b, struct err *e);
int report_csv_measures(struct store *s, struct rbuf *b, int flagged,
    struct err *e);
int report_has_measures(struct store *s, struct err *e);
#define REPORT_CSV_MEASURE_COLUMNS ",questionnaire,total,band,answers"

#endif
