/*
 * chart-text.h: the chart's numbers as text, one day a line (chart-text.c),
 * shown by the chart screen when t is pressed.
 */
#ifndef TEND_UI_CHART_TEXT_H
#define TEND_UI_CHART_TEXT_H

#include <stddef.h>

#include "tend/err.h"
#include "ui/ui.h"

struct chart_text {
	char **line;            /* one a day, newest first */
	size_t n;
	long today;
	struct list list;       /* rows are indices into line */
};

/* Read the last days days (0: everything) from the store; the lines made
 * so far stay on failure (-1 with e filled). */
int chart_text_load(struct app *, struct chart_text *, long days,
    struct err *e);
void chart_text_free(struct chart_text *);

/* A list move: 1 if the chosen line changed. */
int chart_text_key(struct chart_text *, enum action);

/* Draw the body; the cursor goes to the chosen line.  range says which
 * days ("the last 4 weeks"). */
void chart_text_draw(struct app *, struct chart_text *, const char *range);

#endif
