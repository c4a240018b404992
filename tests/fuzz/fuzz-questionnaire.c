/*
 * fuzz-questionnaire.c: libFuzzer target for the questionnaire file
 * parser (tend-questionnaire(5)).
 *
 * The input is a file's text.  The parser must either report at least one
 * mistake, each on a line of its own starting with the file's name, or
 * give a definition within the documented bounds that scores its lowest
 * and highest answers to its lowest and highest totals and words a change.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tend/err.h"
#include "tend/measure.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void
check_def(const struct measure_def *d)
{
	int lo[MEASURE_ITEMS_MAX], hi[MEASURE_ITEMS_MAX], i;
	struct measure_score sc;
	char buf[1400];
	struct err e;

	if (d->nitems < 1 || d->nitems > MEASURE_ITEMS_MAX ||
	    d->scale_min < 0 || d->scale_max > MEASURE_SCALE_MAX ||
	    d->scale_min >= d->scale_max || strlen(d->name) == 0 ||
	    strlen(d->name) > MEASURE_NAME_MAX)
		abort();
	for (i = 0; i < d->nitems; i++) {
		lo[i] = d->scale_min;
		hi[i] = d->scale_max;
	}
	if (measure_score(d, lo, (size_t)d->nitems, &sc, &e) != 0 ||
	    sc.total != d->total_min)
		abort();
	if (measure_score(d, hi, (size_t)d->nitems, &sc, &e) != 0 ||
	    sc.total != d->total_max)
		abort();
	hi[0] = d->scale_max + 1;
	if (measure_score(d, hi, (size_t)d->nitems, &sc, &e) == 0)
		abort();
	measure_change_text(d, d->total_max, d->total_min, buf, sizeof buf);
	measure_scale_text(d, buf, sizeof buf);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct measure_def *d = NULL;
	char *problems = NULL, *p;
	int n;

	n = measure_def_parse("f", (const char *)data, size, &d, &problems);
	if (n < 0 || (n == 0) != (d != NULL) || (n == 0) != (problems == NULL))
		abort();
	if (d != NULL)
		check_def(d);
	for (p = problems; p != NULL && *p != '\0'; p = strchr(p, '\n') + 1)
		if (strncmp(p, "f:", 2) != 0 || strchr(p, '\n') == NULL)
			abort();
	free(problems);
	measure_def_free(d);
	return 0;
}
