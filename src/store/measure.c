/*
 * measure.c: questionnaire definitions (the file format of
 * tend-questionnaire(5)), the built-in instruments and scoring.
 */
#include "config.h"

#include "tend/measure.h"

#include <stdlib.h>
#include <string.h>

#include "tend/err.h"

const char *const measure_builtin_names[] = {
	"PCL-5", "PHQ-9", "GAD-7", "WHO-5", NULL,
};

int
measure_def_parse(const char *file, const char *text, size_t len,
    struct measure_def **out, char **problems)
{
	(void)text;
	(void)len;
	*out = NULL;
	if (problems != NULL)
		*problems = xasprintf("%s:0: questionnaires are not ready yet\n",
		    file);
	return 1;
}

void
measure_def_free(struct measure_def *d)
{
	free(d);
}

int
measure_score(const struct measure_def *d, const int *answers, size_t n,
    struct measure_score *out, struct err *e)
{
	(void)d;
	(void)answers;
	(void)n;
	memset(out, 0, sizeof *out);
	return err_set(e, "questionnaires are not ready yet");
}

void
measure_change_text(const struct measure_def *d, int from, int to,
    char *buf, size_t n)
{
	(void)d;
	(void)from;
	(void)to;
	if (n > 0)
		buf[0] = '\0';
}

void
measure_scale_text(const struct measure_def *d, char *buf, size_t n)
{
	(void)d;
	if (n > 0)
		buf[0] = '\0';
}
