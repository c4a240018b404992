/*
 * report.c: plaintext exports of a store: the text buffer, the summary,
 * and the Markdown, JSON and CSV renderers (the HTML report is in
 * report-html.c).
 *
 * Each renderer walks the store through its public functions and writes
 * into one struct rbuf; nothing is written to a file here.  Every buffer
 * that held journal text is wiped before it is freed.
 */
#include "config.h"

#include "tend/report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "share/report-int.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/timefmt.h"

/* ---- the buffer ---- */

/* Where a flush may stop so that the bytes after it keep at least keep
 * bytes and start a UTF-8 character. */
static size_t
rbuf_cut(const struct rbuf *b, size_t keep)
{
	size_t cut = b->len > keep ? b->len - keep : 0;

	while (cut > 0 && ((unsigned char)b->p[cut] & 0xC0) == 0x80 &&
	    b->len - cut < keep + 4)
		cut--;
	return cut;
}

/* Hand the first n bytes to the sink, wipe them and move the rest down. */
static void
rbuf_hand(struct rbuf *b, size_t n)
{
	if (n == 0)
		return;
	if (b->failed == 0 && b->sink(b->p, n, b->arg) != 0)
		b->failed = errno != 0 ? errno : EIO;
	memmove(b->p, b->p + n, b->len - n);
	sodium_memzero(b->p + b->len - n, n);
	b->len -= n;
	b->p[b->len] = '\0';
}

int
rbuf_flush(struct rbuf *b)
{
	if (b->sink != NULL && b->p != NULL)
		rbuf_hand(b, b->len);
	if (b->failed != 0) {
		errno = b->failed;
		return -1;
	}
	return 0;
}

static void
rbuf_grow(struct rbuf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *p;

	if (b->sink != NULL && b->len >= RBUF_FLUSH)
		rbuf_hand(b, rbuf_cut(b, RBUF_KEEP));
	if (b->len + more + 1 <= b->cap)
		return;
	while (cap < b->len + more + 1)
		cap *= 2;
	/* Not realloc: the old block must be wiped, not left in the heap. */
	p = xmalloc(cap);
	if (b->p != NULL) {
		memcpy(p, b->p, b->len);
		sodium_memzero(b->p, b->cap);
		free(b->p);
	}
	b->p = p;
	b->cap = cap;
}

void
rbuf_putn(struct rbuf *b, const char *s, size_t n)
{
	rbuf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
rbuf_put(struct rbuf *b, const char *s)
{
	s = report_nz(s);
	rbuf_putn(b, s, strlen(s));
}

const char *
report_nz(const char *s)
{
	return s != NULL ? s : "";
}

void
rbuf_printf(struct rbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("report: bad format");
	rbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
rbuf_free(struct rbuf *b)
{
	if (b->p != NULL) {
		sodium_memzero(b->p, b->cap);
		free(b->p);
	}
	memset(b, 0, sizeof *b);
}

void
rbuf_html(struct rbuf *b, const char *text)
{
	const char *p;

	for (p = report_nz(text); *p != '\0'; p++) {
		switch (*p) {
		case '&':
			rbuf_put(b, "&amp;");
			break;
		case '<':
			rbuf_put(b, "&lt;");
			break;
		case '>':
			rbuf_put(b, "&gt;");
			break;
		case '"':
			rbuf_put(b, "&quot;");
			break;
		case '\'':
			rbuf_put(b, "&#39;");
			break;
		default:
			rbuf_putn(b, p, 1);
		}
	}
}

/* ---- shared pieces ---- */

void
report_time(time_t t, int off, char *buf, size_t n)
{
	time_t shifted = t + (time_t)off * 60;
	struct tm tm;

	gmtime_r(&shifted, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void
report_day(time_t t, int off, char *buf, size_t n)
{
	time_t shifted = t + (time_t)off * 60;
	struct tm tm;

	gmtime_r(&shifted, &tm);
	strftime(buf, n, "%Y-%m-%d", &tm);
}

const char *
report_entry_title(const char *title, const char *kind)
{
	if (title != NULL && title[0] != '\0')
		return title;
	if (kind != NULL && strcmp(kind, "journal") == 0)
		return "Journal entry";
	if (kind != NULL && strcmp(kind, "reflection") == 0)
		return "Reflection";
	if (kind != NULL && strcmp(kind, "dream") == 0)
		return "Dream";
	return "Entry";
}

/* What tend's export image writes (store_export_image), in words. */
static const struct {
	const char *key, *label;
} meta_labels[] = {
	{ "export_time", "exported" },
	{ "export_alias", "written by" },
	{ "export_fingerprint", "signing key" },
	{ "export_recipients", "made for" },
	{ "export_named", "your identity named" },
	{ "export_sender", "sender" },
	{ "export_since", "from" },
	{ "export_until", "to" },
	{ "export_all", "entries and check-ins" },
	{ "export_version", "tend version" },
};

/* A time written as UTC seconds ("1768478400") into buf: the moment,
 * or (day) its day; NULL if value is not such a number. */
static const char *
meta_time(const char *value, int day, char *buf, size_t n)
{
	char *end;
	long long t = strtoll(value, &end, 10);

	if (value[0] == '\0' || *end != '\0' || t <= 0)
		return NULL;
	if (day)
		report_day((time_t)t, time_offset((time_t)t), buf, n);
	else
		report_time((time_t)t, time_offset((time_t)t), buf, n);
	return buf;
}

const char *
report_meta_label(const char *key, const char *value, char *label,
    size_t n, char *buf, size_t bufsz)
{
	const char *shown;
	size_t i;

	for (i = 0; i < sizeof meta_labels / sizeof meta_labels[0]; i++)
		if (strcmp(key, meta_labels[i].key) == 0)
			break;
	if (i == sizeof meta_labels / sizeof meta_labels[0]) {
		char *p;

		snprintf(label, n, "%s", key + strlen("export_"));
		for (p = label; *p != '\0'; p++)
			if (*p == '_')
				*p = ' ';
	} else
		snprintf(label, n, "%s", meta_labels[i].label);
	if (strcmp(key, "export_all") == 0)
		return strcmp(value, "1") == 0 ? "all, also those not marked "
		    "to share" : "only those marked to share";
	if (strcmp(key, "export_since") == 0)
		return value[0] == '\0' ? "the beginning" :
		    (shown = meta_time(value, 1, buf, bufsz)) ? shown : value;
	if (strcmp(key, "export_until") == 0) {
		/* The range ends before this moment: show its last day. */
		char *end;
		long long t = strtoll(value, &end, 10);

		if (value[0] == '\0')
			return "now";
		if (*end != '\0' || t <= 1)
			return value;
		snprintf(label, n, "to");
		report_day((time_t)(t - 1), time_offset((time_t)(t - 1)), buf,
		    bufsz);
		return buf;
	}
	if (strcmp(key, "export_time") == 0 &&
	    (shown = meta_time(value, 0, buf, bufsz)) != NULL)
		return shown;
	return value[0] != '\0' ? value : NULL;
}

static int
known_meta(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof meta_labels / sizeof meta_labels[0]; i++)
		if (strcmp(key, meta_labels[i].key) == 0)
			return 1;
	return 0;
}

struct meta_walk {
	int (*cb)(const char *key, const char *value, void *);
	void *arg;
};

static int
other_meta(const char *key, const char *value, void *arg)
{
	struct meta_walk *w = arg;

	return known_meta(key) ? 0 : w->cb(key, value, w->arg);
}

int
report_meta_walk(struct store *s,
    int (*cb)(const char *key, const char *value, void *), void *arg,
    struct err *e)
{
	struct meta_walk w = { cb, arg };
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < sizeof meta_labels / sizeof meta_labels[0];
	    i++) {
		char *value = store_meta_get(s, meta_labels[i].key);

		if (value != NULL)
			rc = cb(meta_labels[i].key, value, arg);
		free(value);
	}
	if (rc != 0)
		return rc;
	return store_meta_each(s, "export_", other_meta, &w, e);
}

int
report_format_parse(const char *name, enum report_format *out)
{
	static const char *const names[] = { "md", "json", "csv", "html" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (name != NULL && strcmp(name, names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	return -1;
}

const char *
report_format_name(enum report_format f)
{
	switch (f) {
	case REPORT_MD:
		return "md";
	case REPORT_JSON:
		return "json";
	case REPORT_CSV:
		return "csv";
	case REPORT_HTML:
		return "html";
	}
	return "?";
}

/* ---- the summary ---- */

static void
widen(struct report_summary *sum, time_t t, int off)
{
	if (sum->first == 0 || t < sum->first) {
		sum->first = t;
		sum->first_off = off;
	}
	if (sum->last == 0 || t > sum->last) {
		sum->last = t;
		sum->last_off = off;
	}
}

static int
sum_entry(const struct entry *r, void *arg)
{
	struct report_summary *sum = arg;

	sum->entries++;
	if (!r->shared)
		sum->private_entries++;
	widen(sum, r->created, r->created_off);
	return 0;
}

static int
sum_checkin(const struct checkin *r, void *arg)
{
	struct report_summary *sum = arg;

	sum->checkins++;
	if (!r->shared)
		sum->private_checkins++;
	if (store_checkin_flags(r) != 0)
		sum->flagged++;
	widen(sum, r->time, r->time_off);
	return 0;
}

static int
sum_session(const struct session *r, void *arg)
{
	(void)r;
	((struct report_summary *)arg)->sessions++;
	return 0;
}

static int
sum_agenda(const struct agenda_item *r, void *arg)
{
	struct report_summary *sum = arg;

	if (r->done)
		sum->agenda_done++;
	else
		sum->agenda_open++;
	return 0;
}

int
report_summarize(struct store *s, struct report_summary *out, struct err *e)
{
	struct entry_filter all;

	memset(out, 0, sizeof *out);
	memset(&all, 0, sizeof all);
	if (store_entry_list(s, &all, sum_entry, out, e) != 0 ||
	    store_checkin_list(s, 0, 0, sum_checkin, out, e) != 0 ||
	    store_session_list(s, sum_session, out, e) != 0 ||
	    store_agenda_list(s, sum_agenda, out, e) != 0)
		return -1;
	return 0;
}

/* "1 entry", "3 entries". */
static void
count(struct rbuf *b, long n, const char *one, const char *many)
{
	rbuf_printf(b, "%ld %s", n, n == 1 ? one : many);
}

void
report_statement(struct rbuf *b, const struct report_summary *sum)
{
	rbuf_put(b, "This export holds ");
	count(b, sum->entries, "journal entry", "journal entries");
	if (sum->private_entries > 0)
		rbuf_printf(b, " (%ld not marked to share)",
		    sum->private_entries);
	rbuf_put(b, ", ");
	count(b, sum->checkins, "check-in", "check-ins");
	if (sum->private_checkins > 0)
		rbuf_printf(b, " (%ld not marked to share)",
		    sum->private_checkins);
	rbuf_put(b, ", ");
	count(b, sum->sessions, "session", "sessions");
	rbuf_put(b, " and ");
	count(b, sum->agenda_open + sum->agenda_done, "agenda item",
	    "agenda items");
	if (sum->first != 0) {
		char first[16], last[16];

		report_day(sum->first, sum->first_off, first, sizeof first);
		report_day(sum->last, sum->last_off, last, sizeof last);
		if (strcmp(first, last) == 0)
			rbuf_printf(b, ", from %s", first);
		else
			rbuf_printf(b, ", from %s to %s", first, last);
	}
	rbuf_put(b, ". It is not encrypted: anyone who can open this file "
	    "can read it.");
}

const char *
report_safety(const struct checkin *c)
{
	return c->safety == CHECKIN_SAFETY_YES ? "yes" :
	    c->safety == CHECKIN_SAFETY_NO ? "no" : "";
}

void
report_flag_text(const struct checkin *c, char *buf, size_t n)
{
	int f = store_checkin_flags(c);

	snprintf(buf, n, "%s%s%s", f & CHECKIN_FLAG_SAFETY ?
	    "safety question: yes" : "", f == (CHECKIN_FLAG_SAFETY |
	    CHECKIN_FLAG_LOW_MOOD) ? "; " : "", f & CHECKIN_FLAG_LOW_MOOD ?
	    "low mood" : "");
}

/* ---- Markdown ---- */

struct md {
	struct store *s;
	struct rbuf *b;
};

void
report_md_inline(struct rbuf *b, const char *text, int cell)
{
	const char *p;

	for (p = report_nz(text); *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n')
			rbuf_put(b, " ");
		else if (cell && *p == '|')
			rbuf_put(b, "\\|");
		else
			rbuf_putn(b, p, 1);
	}
}

static int
md_meta(const char *key, const char *value, void *arg)
{
	struct rbuf *b = arg;
	char label[64], buf[32];

	value = report_meta_label(key, value, label, sizeof label, buf,
	    sizeof buf);
	if (value == NULL)
		return 0;
	rbuf_printf(b, "- %s: ", label);
	report_md_inline(b, value, 0);
	rbuf_put(b, "\n");
	return 0;
}

static int
md_entry(const struct entry *r, void *arg)
{
	struct md *m = arg;
	const char *kind = report_nz(r->kind), *tags = report_nz(r->tags);
	const char *body = report_nz(r->body);
	char when[32], place[96];
	size_t n;

	report_time(r->created, r->created_off, when, sizeof when);
	store_place(m->s, r->created, place, sizeof place);
	rbuf_printf(m->b, "### %s · ", when);
	report_md_inline(m->b, report_entry_title(r->title, kind), 0);
	rbuf_printf(m->b, "\n\n*%s* · ", place);
	report_md_inline(m->b, kind, 0);
	if (tags[0] != '\0') {
		rbuf_put(m->b, " · tags: ");
		report_md_inline(m->b, tags, 0);
	}
	if (!r->shared)
		rbuf_put(m->b, " · not marked to share");
	rbuf_put(m->b, "\n\n");
	rbuf_put(m->b, body);
	n = strlen(body);
	rbuf_put(m->b, n > 0 && body[n - 1] == '\n' ? "\n" : "\n\n");
	return 0;
}

static void
md_scale(struct rbuf *b, int v)
{
	if (v == CHECKIN_UNSET)
		rbuf_put(b, " |");
	else
		rbuf_printf(b, " %d |", v);
}

/* " text |", or " |" when text is empty. */
static void
md_cell(struct rbuf *b, const char *text)
{
	if (report_nz(text)[0] != '\0') {
		rbuf_put(b, " ");
		report_md_inline(b, text, 1);
	}
	rbuf_put(b, " |");
}

static int
md_checkin(const struct checkin *r, void *arg)
{
	struct md *m = arg;
	char when[32], symptoms[160], day[24];

	report_time(r->time, r->time_off, when, sizeof when);
	report_medicine_day_text(m->s, r->time, day, sizeof day);
	rbuf_printf(m->b, "| %s |", when);
	md_cell(m->b, day);
	rbuf_printf(m->b, " %d |", r->mood);
	md_cell(m->b, report_safety(r));
	md_scale(m->b, r->anxiety);
	md_scale(m->b, r->sleep);
	if (r->sleep_hours == CHECKIN_UNSET)
		rbuf_put(m->b, " |");
	else
		rbuf_printf(m->b, " %g |", r->sleep_hours);
	md_scale(m->b, r->energy);
	md_scale(m->b, r->connection);
	store_symptoms_text(r->symptoms, symptoms, sizeof symptoms);
	md_cell(m->b, symptoms);
	md_cell(m->b, r->note != NULL ? r->note : "");
	md_cell(m->b, r->placement);
	rbuf_put(m->b, "\n");
	return 0;
}

static int
md_session(const struct session *r, void *arg)
{
	struct md *m = arg;
	char when[32];

	report_time(r->time, r->time_off, when, sizeof when);
	rbuf_printf(m->b, "- %s · ", when);
	if (r->kind == SESSION_MEDICINE)
		rbuf_printf(m->b, "medicine session %d", r->medicine_no);
	else
		rbuf_printf(m->b, "%s session", store_session_kind_name(r->kind));
	if (report_nz(r->title)[0] != '\0') {
		rbuf_put(m->b, " · ");
		report_md_inline(m->b, r->title, 0);
	}
	rbuf_put(m->b, "\n");
	if (report_nz(r->notes)[0] != '\0') {
		const char *p;

		rbuf_put(m->b, "\n  ");
		for (p = r->notes; *p != '\0'; p++)
			if (*p == '\n')
				rbuf_put(m->b, "\n  ");
			else
				rbuf_putn(m->b, p, 1);
		rbuf_put(m->b, "\n\n");
	}
	return 0;
}

static int
md_agenda(const struct agenda_item *r, void *arg)
{
	struct md *m = arg;

	rbuf_put(m->b, r->done ? "- [x] " : "- [ ] ");
	report_md_inline(m->b, r->text, 0);
	if (r->done) {
		char when[32];

		report_time(r->done, time_offset(r->done), when,
		    sizeof when);
		rbuf_printf(m->b, " (done %s)", when);
	}
	rbuf_put(m->b, "\n");
	return 0;
}

static int
render_md(struct store *s, struct rbuf *b, struct err *e)
{
	struct report_summary sum;
	struct entry_filter all;
	struct md m = { s, b };
	char *title = store_meta_get(s, "title");

	memset(&all, 0, sizeof all);
	if (report_summarize(s, &sum, e) != 0) {
		free(title);
		return -1;
	}
	rbuf_put(b, "# ");
	report_md_inline(b, title != NULL && title[0] != '\0' ? title : "Journal",
	    0);
	free(title);
	rbuf_put(b, "\n\n");
	report_statement(b, &sum);
	rbuf_put(b, "\n\n");
	if (report_summary_md(s, &sum, b, e) != 0)
		return -1;
	rbuf_put(b, "## About this export\n\n");
	if (report_meta_walk(s, md_meta, b, e) != 0)
		return -1;
	if (b->p[b->len - 2] != '\n')
		rbuf_put(b, "\n");

	rbuf_put(b, "## Entries\n\n");
	if (sum.entries == 0)
		rbuf_put(b, "None.\n\n");
	if (store_entry_list(s, &all, md_entry, &m, e) != 0)
		return -1;

	rbuf_put(b, "## Check-ins\n\n");
	if (sum.checkins == 0)
		rbuf_put(b, "None.\n\n");
	else
		rbuf_put(b, "| When | Days after medicine | Mood | Safety | "
		    "Anxiety | Sleep | Hours slept | Energy | Connection | "
		    "Symptoms | Note | Timeline |\n"
		    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | "
		    "--- | --- | --- |\n");
	if (store_checkin_list(s, 0, 0, md_checkin, &m, e) != 0)
		return -1;
	if (sum.checkins > 0)
		rbuf_put(b, "\n");
	if (report_md_measures(s, b, e) != 0)
		return -1;

	rbuf_put(b, "## Sessions\n\n");
	if (sum.sessions == 0)
		rbuf_put(b, "None.\n");
	if (store_session_list(s, md_session, &m, e) != 0)
		return -1;

	rbuf_put(b, "\n## To bring to the next session\n\n");
	if (sum.agenda_open + sum.agenda_done == 0)
		rbuf_put(b, "None.\n");
	return store_agenda_list(s, md_agenda, &m, e);
}

/* ---- JSON ---- */

/* A store_write_fn into b, so the document is handed on in b's pieces. */
static int
rbuf_take(const char *p, size_t n, void *arg)
{
	struct rbuf *b = arg;

	rbuf_putn(b, p, n);
	if (b->failed != 0) {
		errno = b->failed;
		return -1;
	}
	return 0;
}

static int
render_json(struct store *s, struct rbuf *b, struct err *e)
{
	if (store_document_json_to(s, rbuf_take, b, e) != 0)
		return -1;
	rbuf_put(b, "\n");
	return 0;
}

/* ---- CSV (RFC 4180) ---- */

static void
csv_field(struct rbuf *b, const char *text)
{
	int quote;
	const char *p;

	text = report_nz(text);
	quote = strpbrk(text, ",\"\r\n") != NULL;
	if (quote)
		rbuf_put(b, "\"");
	if (strchr("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
		rbuf_put(b, "'");
	for (p = text; *p != '\0'; p++) {
		if (*p == '"')
			rbuf_put(b, "\"\"");
		else
			rbuf_putn(b, p, 1);
	}
	if (quote)
		rbuf_put(b, "\"");
}

char *
report_csv_field(const char *text)
{
	struct rbuf b = { .p = NULL };

	rbuf_put(&b, "");
	csv_field(&b, text);
	return b.p;
}

static void
csv_scale(struct rbuf *b, int v)
{
	if (v != CHECKIN_UNSET)
		rbuf_printf(b, "%d", v);
	rbuf_put(b, ",");
}

/* The CSV being written; pad: the four questionnaire columns follow
 * (empty on a check-in's row). */
struct csv {
	struct store *s;        /* for the days after a medicine session */
	struct rbuf *b;
	int pad;
};

static int
csv_checkin(const struct checkin *r, void *arg)
{
	const struct csv *c = arg;
	struct rbuf *b = c->b;
	char when[40], symptoms[160];

	time_format_iso(r->time, r->time_off, when, sizeof when);
	csv_field(b, r->uuid);
	rbuf_printf(b, ",%s,%d,", when, r->mood);
	csv_scale(b, r->anxiety);
	csv_scale(b, r->sleep);
	if (r->sleep_hours != CHECKIN_UNSET)
		rbuf_printf(b, "%g", r->sleep_hours);
	rbuf_put(b, ",");
	csv_scale(b, r->energy);
	csv_scale(b, r->connection);
	store_symptoms_text(r->symptoms, symptoms, sizeof symptoms);
	csv_field(b, symptoms);
	rbuf_put(b, ",");
	csv_field(b, r->note != NULL ? r->note : "");
	rbuf_printf(b, ",%s,", r->shared ? "yes" : "no");
	csv_field(b, r->placement);
	report_flag_text(r, symptoms, sizeof symptoms);
	rbuf_printf(b, ",%s,%s%s,", report_safety(r), symptoms,
	    c->pad ? ",,,," : "");
	report_medicine_day_text(c->s, r->time, symptoms, sizeof symptoms);
	rbuf_printf(b, "%s\r\n", symptoms);
	return 0;
}

/* The others, after the flagged rows. */
static int
csv_unflagged(const struct checkin *r, void *arg)
{
	return store_checkin_flags(r) != 0 ? 0 : csv_checkin(r, arg);
}

/* The check-ins to look at first come first (their "attention" cell says
 * why), then the rest; each group oldest first.  When there are
 * questionnaire answers, four columns follow and their rows come after
 * the check-ins of the same group (flagged ones after the flagged
 * check-ins, the rest last). */
static int
render_csv(struct store *s, struct rbuf *b, struct err *e)
{
	struct csv c = { s, b, report_has_measures(s, e) };

	if (c.pad < 0)
		return -1;
	rbuf_printf(b, "id,time,mood,anxiety,sleep_quality,sleep_hours,energy,"
	    "connection,symptoms,note,shared,timeline,safety,attention%s,"
	    "days_after_medicine\r\n", c.pad ? REPORT_CSV_MEASURE_COLUMNS :
	    "");
	if (store_checkin_flagged(s, csv_checkin, &c, e) != 0 ||
	    (c.pad && report_csv_measures(s, b, 1, e) != 0) ||
	    store_checkin_list(s, 0, 0, csv_unflagged, &c, e) != 0)
		return -1;
	return c.pad ? report_csv_measures(s, b, 0, e) : 0;
}

/* ---- all formats ---- */

int
report_write(struct store *s, enum report_format f, report_write_fn w,
    void *arg, struct err *e)
{
	struct rbuf b = { .sink = w, .arg = arg };
	int rc = -1;

	rbuf_put(&b, "");
	switch (f) {
	case REPORT_MD:
		rc = render_md(s, &b, e);
		break;
	case REPORT_JSON:
		rc = render_json(s, &b, e);
		break;
	case REPORT_CSV:
		rc = render_csv(s, &b, e);
		break;
	case REPORT_HTML:
		rc = report_html(s, &b, e);
		break;
	}
	if (rbuf_flush(&b) != 0 && rc == 0)
		rc = err_set(e, "cannot write the export (%s)",
		    strerror(errno));
	rbuf_free(&b);
	return rc;
}

/* report_render's sink: the text gathered in a buffer of its own. */
static int
gather(const char *p, size_t n, void *arg)
{
	rbuf_putn(arg, p, n);
	return 0;
}

int
report_render(struct store *s, enum report_format f, char **out,
    size_t *len, struct err *e)
{
	struct rbuf b = { .p = NULL };

	*out = NULL;
	*len = 0;
	rbuf_put(&b, "");
	if (report_write(s, f, gather, &b, e) != 0) {
		rbuf_free(&b);
		return -1;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}

void
report_free(char *text, size_t len)
{
	if (text != NULL) {
		sodium_memzero(text, len);
		free(text);
	}
}
