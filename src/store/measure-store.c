/*
 * measure-store.c: the journal's questionnaires and responses.
 */
#include "config.h"

#include "tend/measure.h"

#include <stdlib.h>

#include "store/store-int.h"
#include "tend/err.h"

static int
not_ready(struct err *e)
{
	return err_set(e, "questionnaires are not ready yet");
}

int
store_measure_list(struct store *s,
    int (*cb)(const struct measure_def *, void *), void *arg, struct err *e)
{
	(void)s;
	(void)cb;
	(void)arg;
	return not_ready(e);
}

int
store_measure_get(struct store *s, const char *name,
    struct measure_def **out, struct err *e)
{
	(void)s;
	(void)name;
	*out = NULL;
	return not_ready(e);
}

int
store_measure_add(struct store *s, const char *file, const char *text,
    size_t len, char **problems, struct err *e)
{
	(void)s;
	(void)file;
	(void)text;
	(void)len;
	if (problems != NULL)
		*problems = NULL;
	return not_ready(e);
}

int
store_measure_share_default(struct store *s)
{
	(void)s;
	return 1;
}

int
store_measure_share_default_set(struct store *s, int on, struct err *e)
{
	(void)s;
	(void)on;
	return not_ready(e);
}

int
store_measure_save(struct store *s, const struct measure_def *d,
    const int *answers, size_t n, int shared, time_t when,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	(void)s;
	(void)d;
	(void)answers;
	(void)n;
	(void)shared;
	(void)when;
	uuid[0] = '\0';
	return not_ready(e);
}

int
store_measure_responses(struct store *s, const char *name, time_t since,
    time_t until, measure_cb cb, void *arg, struct err *e)
{
	(void)s;
	(void)name;
	(void)since;
	(void)until;
	(void)cb;
	(void)arg;
	return not_ready(e);
}

int
store_measure_response(struct store *s, const char *uuid, measure_cb cb,
    void *arg, struct err *e)
{
	(void)s;
	(void)uuid;
	(void)cb;
	(void)arg;
	return not_ready(e);
}

int
store_measure_resolve(struct store *s, const char *typed,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	(void)s;
	(void)typed;
	uuid[0] = '\0';
	return not_ready(e);
}

int
store_measure_flagged(struct store *s, measure_cb cb, void *arg,
    struct err *e)
{
	(void)s;
	(void)cb;
	(void)arg;
	return not_ready(e);
}

int
store_measure_response_json(struct store *s, const char *uuid, char **json,
    struct err *e)
{
	(void)s;
	(void)uuid;
	*json = NULL;
	return not_ready(e);
}

int
store_measure_responses_json(struct store *s, const char *name,
    time_t since, time_t until, char **json, struct err *e)
{
	(void)s;
	(void)name;
	(void)since;
	(void)until;
	*json = NULL;
	return not_ready(e);
}

int
store_measure_list_json(struct store *s, char **json, struct err *e)
{
	(void)s;
	*json = NULL;
	return not_ready(e);
}
