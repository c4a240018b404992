/*
 * measure.c: questionnaire files (tend-questionnaire(5)), parsed into a
 * struct measure_def, and scoring answers against one.
 *
 * The format is line-based and strict: every line is blank, a comment
 * (# first), or "KEY [ARGS]: VALUE".  Each mistake is reported on a line
 * of its own as "FILE:LINE: what is wrong" and parsing carries on, so one
 * run shows every mistake (up to MISTAKES_SHOWN of them); whole-file
 * mistakes (a required line missing) read "FILE: what is wrong".  Bounds
 * (file size, line length, item count, label length) are hard: a file
 * beyond them is refused, never cut.  The parser never quotes the file's
 * text in a message beyond a key it did not know.
 */
#include "config.h"

#include "tend/measure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/measure-int.h"
#include "tend/err.h"
#include "tend/utf8.h"

#define MISTAKES_SHOWN 100
#define WORDS_MAX 12

const char *const measure_builtin_names[] = {
	"PCL-5", "PHQ-9", "GAD-7", "WHO-5", NULL,
};

/* The definition and the strings it owns; d comes first so a
 * struct measure_def * is the struct owned_def *. */
struct owned_def {
	struct measure_def d;
	char **strs;
	size_t nstrs, cap;
};

struct parse {
	const char *file;
	struct owned_def *o;
	struct measure_def *d;
	char *problems;
	size_t plen;
	int mistakes;
	int line;               /* the current line */
	int items_over;         /* items beyond MEASURE_ITEMS_MAX */
	int format_line, name_line, title_line, frame_line, score_line;
	int multiply_line, crit_line, cutoff_line, first_line;
	int scale_line[MEASURE_SCALE_MAX + 1];
	char *instructions, *attribution;
	/* Checked when the whole file is read. */
	int sub_line[MEASURE_SUBSCALES_MAX];
	int band_line[MEASURE_BANDS_MAX];
	int flag_line[MEASURE_FLAGS_MAX];
	char *flag_sub[MEASURE_FLAGS_MAX];      /* a subscale by name */
	int change_line[MEASURE_CHANGES_MAX];
	int ncrit;
	char *crit_name[MEASURE_SUBSCALES_MAX];
	int crit_count[MEASURE_SUBSCALES_MAX];
};

/* ---- small helpers ---- */

static char *
own(struct owned_def *o, const char *s, size_t n)
{
	char *c = xmalloc(n + 1);

	memcpy(c, s, n);
	c[n] = '\0';
	if (o->nstrs == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->strs = xrealloc(o->strs, o->cap * sizeof *o->strs);
	}
	o->strs[o->nstrs++] = c;
	return c;
}

static void
mistake_at(struct parse *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
mistake_at(struct parse *p, int line, const char *fmt, ...)
{
	char msg[300], *head;
	va_list ap;

	if (++p->mistakes > MISTAKES_SHOWN)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		head = xasprintf("%s:%d: %s\n", p->file, line, msg);
	else
		head = xasprintf("%s: %s\n", p->file, msg);
	p->problems = xrealloc(p->problems, p->plen + strlen(head) + 1);
	memcpy(p->problems + p->plen, head, strlen(head) + 1);
	p->plen += strlen(head);
	free(head);
}

#define mistake(p, ...) mistake_at((p), (p)->line, __VA_ARGS__)

/* Characters (not bytes) in valid UTF-8 text. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* A whole number 0-9999 written with digits only; -1 otherwise. */
static int
number(const char *s)
{
	int v = 0;
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > 4)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

static int
name_valid(const char *s, size_t max)
{
	size_t i;

	if (s[0] == '\0' || strlen(s) > max || !((s[0] >= 'a' && s[0] <= 'z')
	    || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!name_char(s[i]))
			return 0;
	return 1;
}

/* Take the value as a text of at most max characters; NULL (a mistake
 * reported) if it is empty or too long. */
static const char *
text_value(struct parse *p, const char *what, const char *value, size_t max)
{
	if (value[0] == '\0') {
		mistake(p, "%s is empty", what);
		return NULL;
	}
	if (chars(value) > max) {
		mistake(p, "%s is longer than %zu characters", what, max);
		return NULL;
	}
	return own(p->o, value, strlen(value));
}

static int
once(struct parse *p, int *seen, const char *key)
{
	if (*seen) {
		mistake(p, "a second '%s' line (the first is line %d)", key,
		    *seen);
		return 0;
	}
	*seen = p->line;
	return 1;
}

/* Append value to a text joined from several lines (newline between). */
static void
join(char **acc, const char *value)
{
	size_t have = *acc ? strlen(*acc) : 0;

	*acc = xrealloc(*acc, have + strlen(value) + 2);
	if (have)
		(*acc)[have++] = '\n';
	memcpy(*acc + have, value, strlen(value) + 1);
}

/* "1-5", "1,3,5", "1-3, 7": item numbers into sub (sorted, no repeats);
 * 0 or -1 (a mistake reported). */
static int
item_list(struct parse *p, const char *value, struct measure_subscale *sub)
{
	unsigned char in[MEASURE_ITEMS_MAX + 1];
	char buf[MEASURE_LINE_MAX + 1], *part, *save = NULL;
	int i;

	memset(in, 0, sizeof in);
	snprintf(buf, sizeof buf, "%s", value);
	for (part = strtok_r(buf, ",", &save); part != NULL;
	    part = strtok_r(NULL, ",", &save)) {
		char *dash, *a = part, *b;
		int lo, hi;

		while (*a == ' ' || *a == '\t')
			a++;
		for (b = a + strlen(a); b > a && (b[-1] == ' ' ||
		    b[-1] == '\t'); b--)
			b[-1] = '\0';
		if ((dash = strchr(a, '-')) != NULL) {
			*dash = '\0';
			lo = number(a);
			hi = number(dash + 1);
		} else {
			lo = hi = number(a);
		}
		if (lo < 1 || hi < lo || hi > MEASURE_ITEMS_MAX) {
			mistake(p, "items are numbers from 1 to %d, or ranges "
			    "such as 1-5, separated by commas",
			    MEASURE_ITEMS_MAX);
			return -1;
		}
		for (i = lo; i <= hi; i++) {
			if (in[i]) {
				mistake(p, "item %d is listed twice", i);
				return -1;
			}
			in[i] = 1;
		}
	}
	for (sub->nitems = 0, i = 1; i <= MEASURE_ITEMS_MAX; i++)
		if (in[i])
			sub->items[sub->nitems++] = i;
	if (sub->nitems == 0) {
		mistake(p, "a subscale needs at least one item");
		return -1;
	}
	return 0;
}

static int
parse_op(const char *s, enum measure_op *op)
{
	static const struct {
		const char *text;
		enum measure_op op;
	} ops[] = {
		{ "<", MEASURE_LT }, { "<=", MEASURE_LE }, { "=", MEASURE_EQ },
		{ ">=", MEASURE_GE }, { ">", MEASURE_GT },
	};
	size_t i;

	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(s, ops[i].text) == 0) {
			*op = ops[i].op;
			return 0;
		}
	return -1;
}

/* ---- one line ---- */

static void
key_flag(struct parse *p, char **w, int nw, const char *value, int safety)
{
	struct measure_def *d = p->d;
	struct measure_flag f;
	int k = 1, i;

	memset(&f, 0, sizeof f);
	f.safety = safety;
	if (d->nflags == MEASURE_FLAGS_MAX) {
		mistake(p, "more than %d flag and safety lines",
		    MEASURE_FLAGS_MAX);
		return;
	}
	if (nw >= 2 && strcmp(w[1], "total") == 0) {
		f.on = MEASURE_ON_TOTAL, k = 2;
	} else if (nw >= 2 && strcmp(w[1], "scaled") == 0) {
		f.on = MEASURE_ON_SCALED, k = 2;
	} else if (nw >= 3 && strcmp(w[1], "item") == 0) {
		f.on = MEASURE_ON_ITEM, k = 3;
		if ((f.item = number(w[2])) < 1 || f.item > MEASURE_ITEMS_MAX)
			k = 0;
	} else if (nw >= 3 && strcmp(w[1], "subscale") == 0) {
		f.on = MEASURE_ON_SUBSCALE, k = 3;
	} else {
		k = 0;
	}
	if (k == 0 || nw != k + 2 || parse_op(w[k], &f.op) != 0 ||
	    (f.value = number(w[k + 1])) < 0) {
		mistake(p, "a %s line reads '%s total|scaled|item N|subscale "
		    "NAME OP NUMBER: text' with OP one of < <= = >= >",
		    w[0], w[0]);
		return;
	}
	if ((f.text = text_value(p, "the flag's text", value,
	    MEASURE_TEXT_MAX)) == NULL)
		return;
	i = d->nflags++;
	p->flag_line[i] = p->line;
	if (f.on == MEASURE_ON_SUBSCALE)
		p->flag_sub[i] = own(p->o, w[2], strlen(w[2]));
	d->flags[i] = f;
}

static void
key_criterion(struct parse *p, char **w, int nw, const char *value)
{
	struct measure_def *d = p->d;
	int i;

	if (!once(p, &p->crit_line, "criterion"))
		return;
	if (nw < 3 || (d->crit_min = number(w[1])) < 0 ||
	    nw - 2 > MEASURE_SUBSCALES_MAX) {
		mistake(p, "a criterion line reads 'criterion MIN NAME=COUNT "
		    "...: label', e.g. 'criterion 2 B=1 C=1: label'");
		return;
	}
	for (i = 2; i < nw; i++) {
		char *eq = strchr(w[i], '=');
		int n = eq ? number(eq + 1) : -1;

		if (eq == NULL || n < 1) {
			mistake(p, "'%.*s' should be a subscale name, '=' and "
			    "a count of 1 or more", 40, w[i]);
			return;
		}
		p->crit_name[p->ncrit] = own(p->o, w[i], (size_t)(eq - w[i]));
		p->crit_count[p->ncrit++] = n;
	}
	if ((d->crit_label = text_value(p, "the criterion's label", value,
	    MEASURE_LABEL_MAX * 2)) != NULL)
		d->has_criterion = 1;
}

static void
key_numbered(struct parse *p, char **w, int nw, const char *value)
{
	struct measure_def *d = p->d;
	int n = nw == 2 ? number(w[1]) : -1;

	if (strcmp(w[0], "scale") == 0) {
		if (n < 0 || n > MEASURE_SCALE_MAX) {
			mistake(p, "a scale line reads 'scale N: label' with N "
			    "from 0 to %d", MEASURE_SCALE_MAX);
			return;
		}
		if (p->scale_line[n]) {
			mistake(p, "a second label for %d (the first is line "
			    "%d)", n, p->scale_line[n]);
			return;
		}
		if ((d->scale_labels[n] = text_value(p, "the label", value,
		    MEASURE_LABEL_MAX)) != NULL)
			p->scale_line[n] = p->line;
	} else if (strcmp(w[0], "band") == 0) {
		if (n < 0) {
			mistake(p, "a band line reads 'band N: label', N the "
			    "lowest total in the band");
			return;
		}
		if (d->nbands == MEASURE_BANDS_MAX) {
			mistake(p, "more than %d bands", MEASURE_BANDS_MAX);
			return;
		}
		if ((d->bands[d->nbands].label = text_value(p, "the band's "
		    "label", value, MEASURE_LABEL_MAX)) == NULL)
			return;
		p->band_line[d->nbands] = p->line;
		d->bands[d->nbands++].from = n;
	} else if (strcmp(w[0], "change") == 0) {
		if (n < 0) {
			mistake(p, "a change line reads 'change N: text', N "
			    "the least difference in points it describes");
			return;
		}
		if (d->nchanges == MEASURE_CHANGES_MAX) {
			mistake(p, "more than %d change lines",
			    MEASURE_CHANGES_MAX);
			return;
		}
		if ((d->changes[d->nchanges].text = text_value(p, "the "
		    "change's text", value, MEASURE_TEXT_MAX)) == NULL)
			return;
		p->change_line[d->nchanges] = p->line;
		d->changes[d->nchanges++].at = n;
	} else if (strcmp(w[0], "multiply") == 0) {
		if (!once(p, &p->multiply_line, "multiply"))
			return;
		if (n < 2 || n > 100) {
			mistake(p, "a multiply line reads 'multiply N: label' "
			    "with N from 2 to 100");
			return;
		}
		d->multiplier = n;
		if (value[0] != '\0')
			d->scaled_label = text_value(p, "the label", value,
			    MEASURE_LABEL_MAX);
	} else if (strcmp(w[0], "cutoff") == 0) {
		char *dash = nw == 2 ? strchr(w[1], '-') : NULL;

		if (!once(p, &p->cutoff_line, "cutoff"))
			return;
		if (dash != NULL)
			*dash = '\0';
		d->cut_lo = nw == 2 ? number(w[1]) : -1;
		d->cut_hi = dash != NULL ? number(dash + 1) : d->cut_lo;
		if (d->cut_lo < 0 || d->cut_hi < d->cut_lo) {
			mistake(p, "a cutoff line reads 'cutoff N: text' or "
			    "'cutoff LOW-HIGH: text'");
			return;
		}
		if ((d->cut_text = text_value(p, "the cut-off's text", value,
		    MEASURE_TEXT_MAX)) != NULL)
			d->has_cutoff = 1;
	}
}

static void
key_subscale(struct parse *p, char **w, int nw, const char *value)
{
	struct measure_def *d = p->d;
	struct measure_subscale *sub;
	char label[MEASURE_LINE_MAX + 1];
	size_t o = 0;
	int i;

	if (nw < 2 || !name_valid(w[1], 16)) {
		mistake(p, "a subscale line reads 'subscale NAME [label]: "
		    "items', NAME a short word (letters, digits, - _ .)");
		return;
	}
	if (d->nsubscales == MEASURE_SUBSCALES_MAX) {
		mistake(p, "more than %d subscales", MEASURE_SUBSCALES_MAX);
		return;
	}
	for (i = 0; i < d->nsubscales; i++)
		if (strcmp(d->subscales[i].name, w[1]) == 0) {
			mistake(p, "a second subscale named %s", w[1]);
			return;
		}
	label[0] = '\0';
	for (i = 2; i < nw; i++)
		o += (size_t)snprintf(label + o, sizeof label - o, "%s%s",
		    i > 2 ? " " : "", w[i]);
	if (chars(label) > MEASURE_LABEL_MAX) {
		mistake(p, "the subscale's label is longer than %d characters",
		    MEASURE_LABEL_MAX);
		return;
	}
	sub = &d->subscales[d->nsubscales];
	if (item_list(p, value, sub) != 0)
		return;
	sub->name = own(p->o, w[1], strlen(w[1]));
	sub->label = own(p->o, label, strlen(label));
	p->sub_line[d->nsubscales++] = p->line;
}

static void
key_line(struct parse *p, char **w, int nw, const char *value)
{
	struct measure_def *d = p->d;
	const char *k = w[0];

	if (nw == 1 && strcmp(k, "format") == 0) {
		if (!once(p, &p->format_line, "format"))
			return;
		if (strcmp(value, "tend-questionnaire 1") != 0)
			mistake(p, "this tend reads 'format: tend-"
			    "questionnaire 1' only");
		if (p->first_line != p->line)
			mistake(p, "the format line must come first");
	} else if (nw == 1 && strcmp(k, "name") == 0) {
		if (!once(p, &p->name_line, "name"))
			return;
		if (!name_valid(value, MEASURE_NAME_MAX))
			mistake(p, "a name is 1-%d letters, digits, '-', '_' "
			    "or '.', starting with a letter or digit",
			    MEASURE_NAME_MAX);
		else
			d->name = own(p->o, value, strlen(value));
	} else if (nw == 1 && strcmp(k, "title") == 0) {
		if (once(p, &p->title_line, "title"))
			d->title = text_value(p, "the title", value,
			    MEASURE_LABEL_MAX);
	} else if (nw == 2 && strcmp(k, "time") == 0 &&
	    strcmp(w[1], "frame") == 0) {
		if (once(p, &p->frame_line, "time frame"))
			d->time_frame = text_value(p, "the time frame", value,
			    MEASURE_TEXT_MAX);
	} else if (nw == 1 && (strcmp(k, "instructions") == 0 ||
	    strcmp(k, "attribution") == 0)) {
		if (text_value(p, k, value, MEASURE_TEXT_MAX) != NULL)
			join(k[0] == 'i' ? &p->instructions : &p->attribution,
			    value);
	} else if (nw == 1 && strcmp(k, "item") == 0) {
		if (d->nitems == MEASURE_ITEMS_MAX) {
			if (p->items_over++ == 0)
				mistake(p, "more than %d items",
				    MEASURE_ITEMS_MAX);
			return;
		}
		d->items[d->nitems] = text_value(p, "the item", value,
		    MEASURE_TEXT_MAX);
		if (d->items[d->nitems] != NULL)
			d->nitems++;
	} else if (nw == 1 && strcmp(k, "score") == 0) {
		if (once(p, &p->score_line, "score") &&
		    strcmp(value, "sum") != 0)
			mistake(p, "the score is 'sum' (the answers added up)");
	} else if (strcmp(k, "scale") == 0 || strcmp(k, "band") == 0 ||
	    strcmp(k, "change") == 0 || strcmp(k, "multiply") == 0 ||
	    strcmp(k, "cutoff") == 0) {
		key_numbered(p, w, nw, value);
	} else if (strcmp(k, "subscale") == 0) {
		key_subscale(p, w, nw, value);
	} else if (strcmp(k, "flag") == 0 || strcmp(k, "safety") == 0) {
		key_flag(p, w, nw, value, k[0] == 's');
	} else if (strcmp(k, "criterion") == 0) {
		key_criterion(p, w, nw, value);
	} else {
		mistake(p, "'%.*s' is not a key tend knows (see "
		    "tend-questionnaire(5))", 32, k);
	}
}

/* Trim spaces and tabs on both ends, in place. */
static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

static void
one_line(struct parse *p, char *line, size_t len)
{
	char *colon, *key, *value, *w[WORDS_MAX], *save = NULL, *t;
	int nw = 0;
	size_t i;

	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	if (len > MEASURE_LINE_MAX) {
		mistake(p, "the line is longer than %d bytes",
		    MEASURE_LINE_MAX);
		return;
	}
	if (!utf8_valid(line, len)) {
		mistake(p, "the line is not UTF-8 text");
		return;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)line[i] < 0x20 && line[i] != '\t') {
			mistake(p, "the line holds a control character");
			return;
		}
	line = trim(line);
	if (line[0] == '\0' || line[0] == '#')
		return;
	if (p->first_line == 0)
		p->first_line = p->line;
	if ((colon = strchr(line, ':')) == NULL) {
		mistake(p, "expected 'key: value' (see tend-questionnaire(5))");
		return;
	}
	*colon = '\0';
	key = line;
	value = trim(colon + 1);
	for (t = strtok_r(key, " \t", &save); t != NULL;
	    t = strtok_r(NULL, " \t", &save)) {
		if (nw == WORDS_MAX) {
			mistake(p, "too many words before the colon");
			return;
		}
		w[nw++] = t;
	}
	if (nw == 0) {
		mistake(p, "the line starts with a colon; a key comes first");
		return;
	}
	key_line(p, w, nw, value);
}

/* ---- the whole file ---- */

static int
subscale_index(const struct measure_def *d, const char *name)
{
	int i;

	for (i = 0; i < d->nsubscales; i++)
		if (strcmp(d->subscales[i].name, name) == 0)
			return i;
	return -1;
}

static void
check_scale(struct parse *p)
{
	struct measure_def *d = p->d;
	int v, lo = -1, hi = -1;

	for (v = 0; v <= MEASURE_SCALE_MAX; v++)
		if (p->scale_line[v]) {
			if (lo < 0)
				lo = v;
			hi = v;
		}
	if (lo < 0 || lo == hi) {
		mistake_at(p, 0, "the answers need a scale of at least two "
		    "values ('scale 0: ...', 'scale 1: ...')");
		return;
	}
	for (v = lo; v <= hi; v++)
		if (!p->scale_line[v])
			mistake_at(p, 0, "the scale has no label for %d (every "
			    "value from %d to %d needs one)", v, lo, hi);
	d->scale_min = lo;
	d->scale_max = hi;
	for (v = 0; v <= MEASURE_SCALE_MAX; v++)
		if (d->scale_labels[v] == NULL)
			d->scale_labels[v] = "";
}

static void
check_rules(struct parse *p)
{
	struct measure_def *d = p->d;
	int i;

	d->total_min = d->nitems * d->scale_min;
	d->total_max = d->nitems * d->scale_max;
	for (i = 0; i < d->nsubscales; i++) {
		const struct measure_subscale *s = &d->subscales[i];

		if (s->items[s->nitems - 1] > d->nitems)
			mistake_at(p, p->sub_line[i], "subscale %s names item "
			    "%d, but the file has %d item%s", s->name,
			    s->items[s->nitems - 1], d->nitems,
			    d->nitems == 1 ? "" : "s");
	}
	for (i = 0; i < d->nbands; i++) {
		if (i == 0 && d->bands[0].from != d->total_min)
			mistake_at(p, p->band_line[0], "the first band must "
			    "start at the lowest total, %d", d->total_min);
		if (i > 0 && d->bands[i].from <= d->bands[i - 1].from)
			mistake_at(p, p->band_line[i], "bands must go up: "
			    "this one starts at or below the one before");
		if (d->bands[i].from > d->total_max)
			mistake_at(p, p->band_line[i], "this band starts above "
			    "the highest total, %d", d->total_max);
	}
	for (i = 0; i < d->nchanges; i++)
		if (i > 0 && d->changes[i].at <= d->changes[i - 1].at)
			mistake_at(p, p->change_line[i], "change lines must "
			    "go up: this one is at or below the one before");
	for (i = 0; i < d->nflags; i++) {
		struct measure_flag *f = &d->flags[i];

		if (f->on == MEASURE_ON_ITEM && f->item > d->nitems)
			mistake_at(p, p->flag_line[i], "there is no item %d "
			    "(the file has %d)", f->item, d->nitems);
		if (f->on == MEASURE_ON_SCALED && d->multiplier == 1)
			mistake_at(p, p->flag_line[i], "a flag on 'scaled' "
			    "needs a multiply line");
		if (f->on == MEASURE_ON_SUBSCALE && (f->subscale =
		    subscale_index(d, p->flag_sub[i])) < 0)
			mistake_at(p, p->flag_line[i], "there is no subscale "
			    "named %.*s", 16, p->flag_sub[i]);
	}
	for (i = 0; i < p->ncrit; i++) {
		int k;

		if ((k = subscale_index(d, p->crit_name[i])) < 0) {
			mistake_at(p, p->crit_line, "there is no subscale "
			    "named %.*s", 16, p->crit_name[i]);
			continue;
		}
		if (d->crit_need[k] != 0)
			mistake_at(p, p->crit_line, "subscale %s is named "
			    "twice", d->subscales[k].name);
		if (p->crit_count[i] > d->subscales[k].nitems)
			mistake_at(p, p->crit_line, "subscale %s has only %d "
			    "items", d->subscales[k].name,
			    d->subscales[k].nitems);
		d->crit_need[k] = p->crit_count[i];
	}
	if (d->has_criterion && (d->crit_min <= d->scale_min ||
	    d->crit_min > d->scale_max))
		mistake_at(p, p->crit_line, "the criterion's lowest answer "
		    "must be above %d and at most %d", d->scale_min,
		    d->scale_max);
	if (d->has_cutoff && d->cut_hi > d->total_max)
		mistake_at(p, p->cutoff_line, "the cut-off is above the "
		    "highest total, %d", d->total_max);
}

static void
check_file(struct parse *p)
{
	struct measure_def *d = p->d;

	if (!p->format_line)
		mistake_at(p, p->first_line, "the first line must be "
		    "'format: tend-questionnaire 1'");
	if (!p->name_line)
		mistake_at(p, 0, "there is no 'name:' line");
	if (!p->title_line)
		mistake_at(p, 0, "there is no 'title:' line");
	if (!p->frame_line)
		mistake_at(p, 0, "there is no 'time frame:' line");
	if (!p->score_line)
		mistake_at(p, 0, "there is no 'score: sum' line");
	if (d->nitems == 0)
		mistake_at(p, 0, "there are no 'item:' lines");
	check_scale(p);
	check_rules(p);
	d->instructions = p->instructions ?
	    own(p->o, p->instructions, strlen(p->instructions)) : "";
	d->attribution = p->attribution ?
	    own(p->o, p->attribution, strlen(p->attribution)) : "";
	if (d->scaled_label == NULL)
		d->scaled_label = "";
}

void
measure_hash(const char *text, size_t len, char out[MEASURE_HASH_LEN + 1])
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 0x100000001b3ULL;
	}
	snprintf(out, MEASURE_HASH_LEN + 1, "%016llx", h);
}

void
measure_def_free(struct measure_def *d)
{
	struct owned_def *o = (struct owned_def *)d;
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->nstrs; i++)
		free(o->strs[i]);
	free(o->strs);
	free(o);
}

int
measure_def_parse(const char *file, const char *text, size_t len,
    struct measure_def **out, char **problems)
{
	struct parse p;
	int n;

	*out = NULL;
	if (problems != NULL)
		*problems = NULL;
	memset(&p, 0, sizeof p);
	p.file = file;
	p.o = xcalloc(1, sizeof *p.o);
	p.d = &p.o->d;
	p.d->multiplier = 1;
	if (len > MEASURE_FILE_MAX) {
		mistake_at(&p, 0, "the file is larger than %d KiB",
		    MEASURE_FILE_MAX / 1024);
	} else {
		char *copy = xmalloc(len + 1), *line, *nl;

		memcpy(copy, text, len);
		copy[len] = '\0';
		for (line = copy; line < copy + len; line = nl + 1) {
			size_t n_line;

			nl = memchr(line, '\n', (size_t)(copy + len - line));
			if (nl == NULL)
				nl = copy + len;
			*nl = '\0';
			n_line = (size_t)(nl - line);
			p.line++;
			if (strlen(line) != n_line) {
				mistake(&p, "the line holds a NUL byte");
				continue;
			}
			one_line(&p, line, n_line);
		}
		free(copy);
		check_file(&p);
	}
	if (p.mistakes > MISTAKES_SHOWN) {
		int more = p.mistakes - MISTAKES_SHOWN;

		p.mistakes = 0;
		mistake_at(&p, 0, "%d more mistakes not shown", more);
		p.mistakes = more + MISTAKES_SHOWN;
	}
	free(p.instructions);
	free(p.attribution);
	n = p.mistakes;
	if (n == 0) {
		p.d->source = own(p.o, text, len);
		measure_hash(text, len, p.d->hash);
		*out = p.d;
	} else {
		measure_def_free(p.d);
	}
	if (problems != NULL)
		*problems = p.problems;
	else
		free(p.problems);
	return n;
}

struct measure_def *
measure_def_load(const char *name, const char *text, int builtin)
{
	struct measure_def *d;

	if (measure_def_parse(name, text, strlen(text), &d, NULL) != 0)
		return NULL;
	d->builtin = builtin;
	return d;
}

/* ---- scoring ---- */

static int
holds(enum measure_op op, int a, int b)
{
	switch (op) {
	case MEASURE_LT:
		return a < b;
	case MEASURE_LE:
		return a <= b;
	case MEASURE_EQ:
		return a == b;
	case MEASURE_GE:
		return a >= b;
	case MEASURE_GT:
		return a > b;
	}
	return 0;
}

int
measure_score(const struct measure_def *d, const int *answers, size_t n,
    struct measure_score *out, struct err *e)
{
	int i, k, counted[MEASURE_SUBSCALES_MAX];

	memset(out, 0, sizeof *out);
	if (n != (size_t)d->nitems)
		return err_set(e, "%s has %d items; %zu answers were given",
		    d->name, d->nitems, n);
	for (i = 0; i < d->nitems; i++) {
		if (answers[i] < d->scale_min || answers[i] > d->scale_max)
			return err_set(e, "the answer to item %d must be from "
			    "%d to %d", i + 1, d->scale_min, d->scale_max);
		out->total += answers[i];
	}
	out->scaled = out->total * d->multiplier;
	out->nsub = d->nsubscales;
	for (k = 0; k < d->nsubscales; k++) {
		const struct measure_subscale *s = &d->subscales[k];

		out->sub[k].name = s->name;
		out->sub[k].max = s->nitems * d->scale_max;
		counted[k] = 0;
		for (i = 0; i < s->nitems; i++) {
			int a = answers[s->items[i] - 1];

			out->sub[k].score += a;
			if (d->has_criterion && a >= d->crit_min)
				counted[k]++;
		}
	}
	out->band = NULL;
	for (i = 0; i < d->nbands; i++)
		if (out->total >= d->bands[i].from)
			out->band = d->bands[i].label;
	out->criterion = -1;
	if (d->has_criterion) {
		out->criterion = 1;
		for (k = 0; k < d->nsubscales; k++)
			if (counted[k] < d->crit_need[k])
				out->criterion = 0;
	}
	out->cutoff = !d->has_cutoff ? -1 : out->total < d->cut_lo ? 0 :
	    out->total <= d->cut_hi ? 1 : 2;
	for (i = 0; i < d->nflags; i++) {
		const struct measure_flag *f = &d->flags[i];
		int v = 0;

		switch (f->on) {
		case MEASURE_ON_ITEM:
			v = answers[f->item - 1];
			break;
		case MEASURE_ON_TOTAL:
			v = out->total;
			break;
		case MEASURE_ON_SCALED:
			v = out->scaled;
			break;
		case MEASURE_ON_SUBSCALE:
			v = out->sub[f->subscale].score;
			break;
		}
		if (holds(f->op, v, f->value)) {
			out->fired |= 1U << i;
			if (f->safety)
				out->safety = 1;
		}
	}
	return 0;
}

void
measure_change_text(const struct measure_def *d, int from, int to,
    char *buf, size_t n)
{
	int diff = to - from, abs = diff < 0 ? -diff : diff, i;
	const char *text = NULL;

	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].at <= abs)
			text = d->changes[i].text;
	if (diff == 0)
		snprintf(buf, n, "the same total as the time before");
	else
		snprintf(buf, n, "%d point%s %s than the time before%s%s", abs,
		    abs == 1 ? "" : "s", diff < 0 ? "lower" : "higher",
		    text ? ": " : "", text ? text : "");
}

void
measure_scale_text(const struct measure_def *d, char *buf, size_t n)
{
	size_t o = 0;
	int v;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (v = d->scale_min; v <= d->scale_max && o < n; v++)
		o += (size_t)snprintf(buf + o, n - o, "%s%d %s",
		    v > d->scale_min ? ", " : "", v, d->scale_labels[v]);
}
