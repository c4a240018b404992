/*
 * chart-measure.h: a questionnaire's totals over time on the chart
 * screen, with every session marked (chart-measure.c).
 */
#ifndef TEND_UI_CHART_MEASURE_H
#define TEND_UI_CHART_MEASURE_H

#include <stddef.h>

struct app;
struct chart_measure;

/* The questionnaires taken at least once, in the order tend lists them
 * (*names and each name malloc'd; free with chart_measure_names_free).
 * Returns the count. */
size_t chart_measure_names(struct app *, char ***names);
void chart_measure_names_free(char **names, size_t n);

/* Read the totals of name and every session (NULL when nothing could be
 * read; the message line says why). */
struct chart_measure *chart_measure_load(struct app *, const char *name);
void chart_measure_free(struct chart_measure *);

/* Draw the body: the last days days (0: everything), called range in the
 * heading ("the last 4 weeks"). */
void chart_measure_draw(struct app *, const struct chart_measure *,
    long days, const char *range);

#endif
