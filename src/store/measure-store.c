/*
 * measure-store.c: the journal's questionnaires and the answers to them.
 *
 * Built-in definitions are compiled in (measure-builtin.c); those the
 * patient added live in measure_defs, every version kept, found by name
 * (the latest) or by version hash (for old answers).  A response row
 * holds the answers as a JSON array; it is scored whenever it is read,
 * against the definition of the version it was answered with.  A row
 * whose definition is not in the journal, or whose answers do not fit it
 * (a bundle from outside may hold anything), is listed unscored, never
 * guessed at.
 *
 * Whether a new response is shared starts from the journal setting
 * "share_measures" (on unless "0"), as check-ins do with theirs.
 */
#include "config.h"

#include "tend/measure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/measure-int.h"
#include "store/store-int.h"
#include "tend/err.h"
#include "tend/timefmt.h"
#include "tend/vault.h"

static const char sql_def_latest[] =
    "SELECT source FROM measure_defs WHERE name = ?1 COLLATE NOCASE "
    "ORDER BY added DESC, id DESC LIMIT 1";
static const char sql_def_version[] =
    "SELECT source, name FROM measure_defs WHERE version = ?1";
static const char sql_def_all[] =
    "SELECT source, name FROM measure_defs AS d WHERE id = (SELECT id FROM "
    "measure_defs WHERE name = d.name COLLATE NOCASE "
    "ORDER BY added DESC, id DESC LIMIT 1) ORDER BY name COLLATE NOCASE";
static const char sql_def_add[] =
    "INSERT INTO measure_defs(name, version, added, source) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(version) DO UPDATE SET "
    "added = excluded.added";
static const char sql_def_known[] =
    "SELECT 1 FROM measure_defs WHERE version = ?1";
static const char sql_add[] =
    "INSERT INTO measures(uuid, name, version, time, time_off, answers, "
    "shared) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
/* ?1 instrument (NULL: all), ?2 since, ?3 until, ?4 one response's
 * uuid; the previous response of the same instrument comes along even
 * when it is outside the range. */
static const char sql_responses[] =
    "SELECT uuid, name, version, time, time_off, answers, shared, "
    "tend_place(time), pv, pa, pt FROM (SELECT id, uuid, name, version, "
    "time, time_off, answers, shared, lag(version) OVER w AS pv, "
    "lag(answers) OVER w AS pa, lag(time) OVER w AS pt FROM measures "
    "WHERE ?1 IS NULL OR name = ?1 COLLATE NOCASE "
    "WINDOW w AS (PARTITION BY name COLLATE NOCASE ORDER BY time, id)) "
    "WHERE (?2 IS NULL OR time >= ?2) AND (?3 IS NULL OR time < ?3) "
    "AND (?4 IS NULL OR uuid = ?4) ORDER BY time, id";
static const char sql_count[] =
    "SELECT count(*) FROM measures WHERE name = ?1 COLLATE NOCASE";

/* ---- definitions ---- */

static struct measure_def *
builtin_named(const char *name)
{
	size_t i;

	for (i = 0; measure_builtin_names[i] != NULL; i++)
		if (strcasecmp(name, measure_builtin_names[i]) == 0)
			return measure_def_load(measure_builtin_names[i],
			    measure_builtin_src[i], 1);
	return NULL;
}

static int
is_builtin_name(const char *name)
{
	size_t i;

	for (i = 0; measure_builtin_names[i] != NULL; i++)
		if (strcasecmp(name, measure_builtin_names[i]) == 0)
			return 1;
	return 0;
}

/* A definition stored in the journal, from its text column. */
static struct measure_def *
stored_def(sqlite3_stmt *st, int col)
{
	const char *src = (const char *)sqlite3_column_text(st, col);

	return src != NULL ? measure_def_load("journal", src, 0) : NULL;
}

int
store_measure_list(struct store *s,
    int (*cb)(const struct measure_def *, void *), void *arg, struct err *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0, step;

	for (i = 0; rc == 0 && measure_builtin_names[i] != NULL; i++) {
		struct measure_def *d = builtin_named(measure_builtin_names[i]);

		if (d == NULL)
			fatal("store: the built-in %s does not parse",
			    measure_builtin_names[i]);
		rc = cb(d, arg);
		measure_def_free(d);
	}
	if (rc != 0)
		return rc;
	if ((st = store_stmt(s, sql_def_all, e)) == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct measure_def *d = stored_def(st, 0);

		/* One that does not parse (from outside) is left out. */
		if (d != NULL && !is_builtin_name(d->name))
			rc = cb(d, arg);
		measure_def_free(d);
	}
	if (rc == 0 && step != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_sqlerr(s, step, e);
	}
	sqlite3_reset(st);
	return rc;
}

struct names {
	char buf[400];
	size_t o;
};

static int
add_name(const struct measure_def *d, void *arg)
{
	struct names *n = arg;

	if (n->o < sizeof n->buf)
		n->o += (size_t)snprintf(n->buf + n->o, sizeof n->buf - n->o,
		    "%s%s", n->o ? ", " : "", d->name);
	return 0;
}

int
store_measure_get(struct store *s, const char *name,
    struct measure_def **out, struct err *e)
{
	struct names n;
	sqlite3_stmt *st;

	if ((*out = builtin_named(name)) != NULL)
		return 0;
	if ((st = store_stmt(s, sql_def_latest, e)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = stored_def(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (*out != NULL)
		return 0;
	memset(&n, 0, sizeof n);
	if (store_measure_list(s, add_name, &n, e) < 0)
		return -1;
	return err_set(e, "there is no questionnaire named '%.30s' (there "
	    "are: %s)", name, n.buf);
}

int
store_measure_add(struct store *s, const char *file, const char *text,
    size_t len, char **problems, struct err *e)
{
	struct measure_def *d;
	sqlite3_stmt *st;
	int n, rc;

	if ((n = measure_def_parse(file, text, len, &d, problems)) != 0)
		return err_set(e, "%s has %d mistake%s; nothing was added",
		    file, n, n == 1 ? "" : "s");
	if (is_builtin_name(d->name)) {
		err_set(e, "%s is the name of a built-in questionnaire; give "
		    "this one another name", d->name);
		measure_def_free(d);
		return -1;
	}
	if ((st = store_stmt(s, sql_def_add, e)) == NULL) {
		measure_def_free(d);
		return -1;
	}
	sqlite3_bind_text(st, 1, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 4, d->source, -1, SQLITE_STATIC);
	if (store_write_begin(s, e) != 0) {
		sqlite3_clear_bindings(st);
		measure_def_free(d);
		return -1;
	}
	rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	measure_def_free(d);
	return store_write_end(s, rc, e);
}

/* The definition of version hash: built-in (now or earlier) or stored;
 * NULL if the journal does not have it. */
static struct measure_def *
def_version(struct store *s, const char *hash)
{
	struct measure_def *d = NULL;
	sqlite3_stmt *st;
	char h[MEASURE_HASH_LEN + 1];
	size_t i;

	for (i = 0; measure_builtin_src[i] != NULL; i++) {
		measure_hash(measure_builtin_src[i],
		    strlen(measure_builtin_src[i]), h);
		if (strcmp(h, hash) == 0)
			return measure_def_load(measure_builtin_names[i],
			    measure_builtin_src[i], 1);
	}
	for (i = 0; measure_builtin_old[i] != NULL; i++) {
		measure_hash(measure_builtin_old[i],
		    strlen(measure_builtin_old[i]), h);
		if (strcmp(h, hash) == 0)
			return measure_def_load("built-in",
			    measure_builtin_old[i], 1);
	}
	if ((st = store_stmt(s, sql_def_version, NULL)) == NULL)
		return NULL;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		d = stored_def(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	/* A stored text whose hash is not its own (from outside) is not
	 * that version. */
	if (d != NULL && strcmp(d->hash, hash) != 0) {
		measure_def_free(d);
		d = NULL;
	}
	return d;
}

/* ---- sharing default ---- */

int
store_measure_share_default(struct store *s)
{
	return store_meta_flag(s, "share_measures");
}

int
store_measure_share_default_set(struct store *s, int on, struct err *e)
{
	return store_meta_put(s, "share_measures", on ? "1" : "0", e);
}

/* ---- responses ---- */

/* The answers as a JSON array of whole numbers, into buf. */
static void
answers_json(const int *answers, size_t n, char *buf, size_t bufsz)
{
	size_t i, o = 0;

	o += (size_t)snprintf(buf + o, bufsz - o, "[");
	for (i = 0; i < n && o < bufsz; i++)
		o += (size_t)snprintf(buf + o, bufsz - o, "%s%d", i ? "," : "",
		    answers[i]);
	if (o < bufsz)
		snprintf(buf + o, bufsz - o, "]");
}

/* Read a JSON array of whole numbers 0-99 (what answers_json writes, with
 * any spacing) into out; the count, or -1 if it is anything else. */
static int
answers_parse(const char *s, int out[MEASURE_ITEMS_MAX])
{
	int n = 0, want = 1;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	if (*s++ != '[')
		return -1;
	for (;;) {
		while (*s == ' ' || *s == '\n' || *s == '\t')
			s++;
		if (*s == ']' && (n == 0 || !want))
			break;
		if (want && *s >= '0' && *s <= '9') {
			int v = 0, digits = 0;

			while (*s >= '0' && *s <= '9' && digits++ < 3)
				v = v * 10 + (*s++ - '0');
			if (digits > 2 || n == MEASURE_ITEMS_MAX)
				return -1;
			out[n++] = v;
			want = 0;
		} else if (!want && *s == ',') {
			s++;
			want = 1;
		} else {
			return -1;
		}
	}
	s++;
	while (*s == ' ' || *s == '\n')
		s++;
	return *s == '\0' ? n : -1;
}

int
store_measure_save(struct store *s, const struct measure_def *d,
    const int *answers, size_t n, int shared, time_t when,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	struct measure_score sc;
	char json[MEASURE_ITEMS_MAX * 4 + 8];
	sqlite3_stmt *st;
	int rc;

	if (when == 0)
		when = time(NULL);
	if (measure_score(d, answers, n, &sc, e) != 0)
		return -1;
	if (!d->builtin) {
		if ((st = store_stmt(s, sql_def_known, e)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, d->hash, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_ROW)
			return err_set(e, "%s is not in this journal; add it "
			    "with tend measure add first", d->name);
	}
	answers_json(answers, n, json, sizeof json);
	if ((st = store_stmt(s, sql_add, e)) == NULL)
		return -1;
	store_new_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, d->hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)when);
	sqlite3_bind_int(st, 5, time_offset(when));
	sqlite3_bind_text(st, 6, json, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, shared != 0);
	if (store_write_begin(s, e) != 0) {
		sqlite3_clear_bindings(st);
		return -1;
	}
	rc = store_done(s, st, e);
	sqlite3_clear_bindings(st);
	return store_write_end(s, rc, e);
}

/* The definitions met during one walk, by version. */
#define WALK_DEFS 16

struct walk {
	struct store *s;
	measure_cb cb;
	void *arg;
	int flagged_only;
	struct {
		char hash[MEASURE_HASH_LEN + 1];
		struct measure_def *d;  /* NULL: not in the journal */
	} defs[WALK_DEFS];
	int ndefs;
};

/* The definition of version hash for the instrument name, cached; when
 * the cache is full the oldest one other than keep (still in use by the
 * caller) is dropped.  A built-in's version this tend does not know (its
 * text was changed since, without keeping the old one) is scored by the
 * built-in as it is now: the rules of a published instrument do not
 * change, and its answers must still fit it. */
static const struct measure_def *
walk_def(struct walk *w, const char *hash, const char *name,
    const struct measure_def *keep)
{
	struct measure_def *d;
	int i;

	if (hash == NULL || name == NULL || strlen(hash) != MEASURE_HASH_LEN)
		return NULL;
	for (i = 0; i < w->ndefs; i++)
		if (strcmp(w->defs[i].hash, hash) == 0)
			return w->defs[i].d != NULL &&
			    strcasecmp(w->defs[i].d->name, name) == 0 ?
			    w->defs[i].d : NULL;
	d = def_version(w->s, hash);
	if (d == NULL)
		d = builtin_named(name);
	if (w->ndefs == WALK_DEFS) {
		int drop = w->defs[0].d == keep && keep != NULL ? 1 : 0;
		measure_def_free(w->defs[drop].d);
		memmove(&w->defs[drop], &w->defs[drop + 1],
		    (size_t)(WALK_DEFS - 1 - drop) * sizeof w->defs[0]);
		w->ndefs--;
	}
	snprintf(w->defs[w->ndefs].hash, sizeof w->defs[0].hash, "%s", hash);
	w->defs[w->ndefs++].d = d;
	return d;
}

static void
walk_free(struct walk *w)
{
	int i;

	for (i = 0; i < w->ndefs; i++)
		measure_def_free(w->defs[i].d);
	w->ndefs = 0;
}

/* Score the answers text against the definition of version hash: 0 and
 * *d set, or -1 (unscored). */
static int
score_text(struct walk *w, const char *hash, const char *name,
    const char *text, int answers[MEASURE_ITEMS_MAX], int *n,
    const struct measure_def **d, struct measure_score *sc,
    const struct measure_def *keep)
{
	*d = walk_def(w, hash, name, keep);
	*n = answers_parse(text, answers);
	if (*d == NULL || *n < 0 ||
	    measure_score(*d, answers, (size_t)*n, sc, NULL) != 0) {
		*d = NULL;
		return -1;
	}
	return 0;
}

static int
response_row(sqlite3_stmt *st, void *arg)
{
	struct walk *w = arg;
	struct measure_response r;
	const struct measure_def *pd;
	struct measure_score psc;
	int answers[MEASURE_ITEMS_MAX], prev[MEASURE_ITEMS_MAX], np, n;

	memset(&r, 0, sizeof r);
	r.uuid = (const char *)sqlite3_column_text(st, 0);
	r.name = (const char *)sqlite3_column_text(st, 1);
	r.hash = (const char *)sqlite3_column_text(st, 2);
	r.time = (time_t)sqlite3_column_int64(st, 3);
	r.time_off = sqlite3_column_int(st, 4);
	r.shared = sqlite3_column_int(st, 6);
	r.placement = (const char *)sqlite3_column_text(st, 7);
	if (score_text(w, r.hash, r.name,
	    (const char *)sqlite3_column_text(st, 5),
	    answers, &n, &r.def, &r.score, NULL) == 0) {
		r.answers = answers;
		r.nanswers = n;
	} else {
		/* Unscored: the answers if they read as numbers at all. */
		n = answers_parse((const char *)sqlite3_column_text(st, 5),
		    answers);
		r.answers = answers;
		r.nanswers = n > 0 ? n : 0;
	}
	if (r.def != NULL && sqlite3_column_type(st, 8) != SQLITE_NULL &&
	    score_text(w, (const char *)sqlite3_column_text(st, 8), r.name,
	    (const char *)sqlite3_column_text(st, 9), prev, &np, &pd,
	    &psc, r.def) == 0) {
		r.has_prev = 1;
		r.prev_total = psc.total;
		r.prev_time = (time_t)sqlite3_column_int64(st, 10);
	}
	if (w->flagged_only && (r.def == NULL || r.score.fired == 0))
		return 0;
	return w->cb(&r, w->arg);
}

static int
walk(struct store *s, const char *name, time_t since, time_t until,
    const char *uuid, int flagged_only, measure_cb cb, void *arg,
    struct err *e)
{
	struct walk w;
	sqlite3_stmt *st;
	int rc;

	memset(&w, 0, sizeof w);
	w.s = s;
	w.cb = cb;
	w.arg = arg;
	w.flagged_only = flagged_only;
	if ((st = store_stmt(s, sql_responses, e)) == NULL)
		return -1;
	if (name != NULL)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	store_bind_time(st, 2, since);
	store_bind_time(st, 3, until);
	if (uuid != NULL)
		sqlite3_bind_text(st, 4, uuid, -1, SQLITE_TRANSIENT);
	rc = store_rows(s, st, response_row, &w, e);
	walk_free(&w);
	return rc;
}

int
store_measure_responses(struct store *s, const char *name, time_t since,
    time_t until, measure_cb cb, void *arg, struct err *e)
{
	return walk(s, name, since, until, NULL, 0, cb, arg, e);
}

struct found {
	measure_cb cb;
	void *arg;
	int seen;
};

static int
found_one(const struct measure_response *r, void *arg)
{
	struct found *f = arg;

	f->seen = 1;
	return f->cb(r, f->arg);
}

int
store_measure_response(struct store *s, const char *uuid, measure_cb cb,
    void *arg, struct err *e)
{
	struct found f = { cb, arg, 0 };
	int rc = walk(s, NULL, 0, 0, uuid, 0, found_one, &f, e);

	if (rc == 0 && !f.seen)
		return err_set(e, "there is no questionnaire answer with the "
		    "ID %.40s", uuid);
	return rc;
}

int
store_measure_resolve(struct store *s, const char *typed,
    char uuid[STORE_UUID_LEN + 1], struct err *e)
{
	return store_resolve(s, STORE_MEASURE, typed, uuid, e);
}

int
store_measure_flagged(struct store *s, measure_cb cb, void *arg,
    struct err *e)
{
	return walk(s, NULL, 0, 0, NULL, 1, cb, arg, e);
}

/* ---- JSON ---- */

struct jbuf {
	char *p;
	size_t n, cap;
};

static void
jraw(struct jbuf *b, const char *s)
{
	size_t len = strlen(s);

	if (b->n + len + 1 > b->cap) {
		b->cap = (b->n + len + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, len + 1);
	b->n += len;
}

static void
jfmt(struct jbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
jfmt(struct jbuf *b, const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	jraw(b, buf);
}

/* s as a JSON string (NULL: null). */
static void
jstr(struct jbuf *b, const char *s)
{
	char u[8];

	if (s == NULL) {
		jraw(b, "null");
		return;
	}
	jraw(b, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			u[0] = '\\', u[1] = (char)c, u[2] = '\0';
			jraw(b, u);
		} else if (c == '\n') {
			jraw(b, "\\n");
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(u, sizeof u, "\\u%04x", c);
			jraw(b, u);
		} else {
			u[0] = (char)c, u[1] = '\0';
			jraw(b, u);
		}
	}
	jraw(b, "\"");
}

static void
jresponse(struct jbuf *b, const struct measure_response *r)
{
	const struct measure_def *d = r->def;
	const struct measure_score *sc = &r->score;
	char iso[40], buf[400];
	int i, first;

	time_format_iso(r->time, r->time_off, iso, sizeof iso);
	jraw(b, "{\"id\":");
	jstr(b, r->uuid);
	jfmt(b, ",\"short\":\"%.8s\",\"instrument\":", r->uuid);
	jstr(b, r->name);
	jraw(b, ",\"title\":");
	jstr(b, d ? d->title : NULL);
	jraw(b, ",\"version\":");
	jstr(b, r->hash);
	jraw(b, ",\"time\":");
	jstr(b, iso);
	jfmt(b, ",\"time_utc\":%lld,\"placement\":", (long long)r->time);
	jstr(b, r->placement);
	jfmt(b, ",\"shared\":%s,\"answers\":[", r->shared ? "true" : "false");
	for (i = 0; i < r->nanswers; i++)
		jfmt(b, "%s%d", i ? "," : "", r->answers[i]);
	jraw(b, "]");
	if (d == NULL) {
		jraw(b, ",\"total\":null}");
		return;
	}
	jfmt(b, ",\"total\":%d,\"total_max\":%d", sc->total, d->total_max);
	if (d->multiplier != 1) {
		jfmt(b, ",\"scaled\":%d,\"scaled_max\":%d,\"scaled_label\":",
		    sc->scaled, d->total_max * d->multiplier);
		jstr(b, d->scaled_label);
	}
	jraw(b, ",\"subscales\":{");
	for (i = 0; i < sc->nsub; i++) {
		jraw(b, i ? "," : "");
		jstr(b, sc->sub[i].name);
		jfmt(b, ":%d", sc->sub[i].score);
	}
	jraw(b, "},\"band\":");
	jstr(b, sc->band);
	jraw(b, ",\"criterion\":");
	if (sc->criterion < 0) {
		jraw(b, "null");
	} else {
		jraw(b, "{\"label\":");
		jstr(b, d->crit_label);
		jfmt(b, ",\"met\":%s}", sc->criterion ? "true" : "false");
	}
	jraw(b, ",\"cutoff\":");
	if (sc->cutoff < 0) {
		jraw(b, "null");
	} else {
		jfmt(b, "{\"range\":\"%d-%d\",\"where\":\"%s\",\"text\":",
		    d->cut_lo, d->cut_hi, sc->cutoff == 0 ? "below" :
		    sc->cutoff == 1 ? "within" : "above");
		jstr(b, d->cut_text);
		jraw(b, "}");
	}
	jraw(b, ",\"flags\":[");
	for (first = 1, i = 0; i < d->nflags; i++) {
		if (!(sc->fired & (1U << i)))
			continue;
		jraw(b, first ? "{\"text\":" : ",{\"text\":");
		jstr(b, d->flags[i].text);
		jfmt(b, ",\"safety\":%s}", d->flags[i].safety ? "true" :
		    "false");
		first = 0;
	}
	jraw(b, "],\"change\":");
	if (!r->has_prev) {
		jraw(b, "null}");
		return;
	}
	measure_change_text(d, r->prev_total, sc->total, buf, sizeof buf);
	time_format_iso(r->prev_time, time_offset(r->prev_time), iso,
	    sizeof iso);
	jfmt(b, "{\"from\":%d,\"points\":%d,\"previous\":\"%s\",\"text\":",
	    r->prev_total, sc->total - r->prev_total, iso);
	jstr(b, buf);
	jraw(b, "}}");
}

static int
json_one(const struct measure_response *r, void *arg)
{
	struct jbuf *b = arg;

	if (b->n > 1)
		jraw(b, ",");
	jresponse(b, r);
	return 0;
}

static void
jbuf_drop(struct jbuf *b)
{
	if (b->p != NULL) {
		vault_wipe(b->p, b->cap);
		free(b->p);
	}
	b->p = NULL;
}

int
store_measure_response_json(struct store *s, const char *uuid, char **json,
    struct err *e)
{
	struct jbuf b = { NULL, 0, 0 };

	*json = NULL;
	jraw(&b, "[");
	if (store_measure_response(s, uuid, json_one, &b, e) != 0) {
		jbuf_drop(&b);
		return -1;
	}
	/* The object without the array around it. */
	*json = xstrdup(b.p + 1);
	vault_wipe(b.p, b.cap);
	free(b.p);
	return 0;
}

int
store_measure_responses_json(struct store *s, const char *name,
    time_t since, time_t until, char **json, struct err *e)
{
	struct jbuf b = { NULL, 0, 0 };

	*json = NULL;
	jraw(&b, "[");
	if (store_measure_responses(s, name, since, until, json_one, &b,
	    e) != 0) {
		jbuf_drop(&b);
		return -1;
	}
	jraw(&b, "]");
	*json = b.p;
	return 0;
}

int
store_measure_flagged_json(struct store *s, char **json, struct err *e)
{
	struct jbuf b = { NULL, 0, 0 };

	*json = NULL;
	jraw(&b, "[");
	if (store_measure_flagged(s, json_one, &b, e) != 0) {
		jbuf_drop(&b);
		return -1;
	}
	jraw(&b, "]");
	*json = b.p;
	return 0;
}

struct list_json {
	struct store *s;
	struct jbuf b;
	int n;
	struct err *e;
	int failed;
};

static int
list_one(const struct measure_def *d, void *arg)
{
	struct list_json *l = arg;
	sqlite3_stmt *st = store_stmt(l->s, sql_count, l->e);
	long long count = 0;
	int v;

	if (st == NULL) {
		l->failed = 1;
		return 1;
	}
	sqlite3_bind_text(st, 1, d->name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	jraw(&l->b, l->n++ ? ",{\"name\":" : "{\"name\":");
	jstr(&l->b, d->name);
	jraw(&l->b, ",\"title\":");
	jstr(&l->b, d->title);
	jfmt(&l->b, ",\"items\":%d,\"builtin\":%s,\"time_frame\":",
	    d->nitems, d->builtin ? "true" : "false");
	jstr(&l->b, d->time_frame);
	jfmt(&l->b, ",\"scale_min\":%d,\"scale\":[", d->scale_min);
	for (v = d->scale_min; v <= d->scale_max; v++) {
		jraw(&l->b, v > d->scale_min ? "," : "");
		jstr(&l->b, d->scale_labels[v]);
	}
	jraw(&l->b, "],\"attribution\":");
	jstr(&l->b, d->attribution);
	jfmt(&l->b, ",\"version\":\"%s\",\"responses\":%lld}", d->hash,
	    count);
	return 0;
}

int
store_measure_list_json(struct store *s, char **json, struct err *e)
{
	struct list_json l;

	memset(&l, 0, sizeof l);
	l.s = s;
	l.e = e;
	*json = NULL;
	jraw(&l.b, "[");
	if (store_measure_list(s, list_one, &l, e) != 0) {
		free(l.b.p);
		return -1;
	}
	jraw(&l.b, "]");
	*json = l.b.p;
	return 0;
}
