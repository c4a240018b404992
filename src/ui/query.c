/*
 * query.c: what was typed into search, cut into words for the store's
 * full-text index and for underlining matches, without a terminal.
 */
#include "config.h"

#include "ui/query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "tend/err.h"

/* Characters of a run of text compared with the words (a CJK sentence
 * without spaces is one run). */
#define QUERY_TEXT_MAX (4 * QUERY_WORD_MAX)

size_t
query_decode(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2;
		*cp = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3;
		*cp = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4;
		*cp = u[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		*cp = (*cp << 6) | (u[i] & 0x3f);
	}
	return n;
}

int
query_wordch(unsigned cp)
{
	if (cp < 0x80)
		return isalnum((int)cp);
	if ((cp >= 0xa0 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7)
		return 0;
	return !(cp >= 0x2000 && cp <= 0x206f) && cp != 0xfffd;
}

unsigned
query_fold(unsigned cp)
{
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
	/* U+0100 to U+017F, letter by letter */
	static const char exta[] = "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee"
	    "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk" "llllllllll"
	    "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt"
	    "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

	_Static_assert(sizeof latin1 == 65 && sizeof exta == 129,
	    "one letter for every character folded");

	if (cp < 0x80)
		return (unsigned)tolower((int)cp);
	if (cp >= 0xc0 && cp <= 0xff && latin1[cp - 0xc0] != '\0')
		return (unsigned char)latin1[cp - 0xc0];
	if (cp >= 0x100 && cp <= 0x17f)
		return (unsigned char)exta[cp - 0x100];
	return (unsigned)towlower((wint_t)cp);
}

/* Append cp to the n characters of buf (room for max) the way words are
 * compared, as the index's tokenizer does: folded, ß as "ss", and an e
 * after a, o or u dropped, so that Mueller, Müller and Muller compare
 * equal (the index found them; this only decides what is underlined).
 * Returns the new length. */
static int
query_canon(unsigned *buf, int n, int max, unsigned cp)
{
	unsigned f;

	if (cp == 0xdf || cp == 0x1e9e) {
		if (n + 2 > max)
			return max + 1;
		buf[n++] = 's';
		buf[n++] = 's';
		return n;
	}
	f = query_fold(cp);
	if (f == 'e' && n > 0 && n <= max &&
	    (buf[n - 1] == 'a' || buf[n - 1] == 'o' || buf[n - 1] == 'u'))
		return n;
	if (n >= max)
		return max + 1;
	buf[n++] = f;
	return n;
}

/* Whether cp is Chinese, Japanese or Korean (Han, kana, Hangul): such
 * words are found inside runs of text without spaces. */
static int
query_cjk(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x11ff) ||
	    (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0x3005 && cp <= 0x3007) ||
	    (cp >= 0x3040 && cp <= 0x30ff && cp != 0x30fb) ||
	    (cp >= 0x3100 && cp <= 0x31ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7ff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff66 && cp <= 0xffdc) ||
	    (cp >= 0x20000 && cp <= 0x3134f);
}

void
query_parse(struct query *q, const char *typed)
{
	size_t len = strlen(typed) + 2, o = 0;
	const char *p = typed, *last = NULL;
	unsigned cp;

	q->n = 0;
	q->fts = xmalloc(len);
	q->fts[0] = '\0';
	while (*p != '\0') {
		struct query_word *w = NULL;
		const char *start = p;
		size_t n = query_decode(p, &cp);

		if (!query_wordch(cp)) {
			p += n;
			continue;
		}
		if (q->n < QUERY_WORDS) {
			w = &q->w[q->n++];
			w->n = 0;
			w->prefix = 0;
			w->inside = 0;
		}
		while (*p != '\0' && (n = query_decode(p, &cp),
		    query_wordch(cp))) {
			if (w != NULL && w->n <= QUERY_WORD_MAX)
				w->n = query_canon(w->ch, w->n,
				    QUERY_WORD_MAX, cp);
			if (w != NULL && query_cjk(cp))
				w->inside = 1;
			p += n;
		}
		if (w != NULL && w->n > QUERY_WORD_MAX)
			w->n = QUERY_WORD_MAX;
		if (o > 0)
			q->fts[o++] = ' ';
		memcpy(q->fts + o, start, (size_t)(p - start));
		o += (size_t)(p - start);
		q->fts[o] = '\0';
		last = p;
	}
	q->open = last != NULL && *last == '\0';
	if (q->open && q->n > 0 && q->w[q->n - 1].n >= 2) {
		q->w[q->n - 1].prefix = 1;
		q->fts[o++] = '*';
		q->fts[o] = '\0';
	}
}

void
query_free(struct query *q)
{
	free(q->fts);
	q->fts = NULL;
	q->n = 0;
}

int
query_match(const struct query *q, const char *t, size_t n)
{
	unsigned folded[QUERY_TEXT_MAX] = { 0 }, cp;
	int len = 0, i, j;
	size_t k = 0;

	while (k < n && len <= QUERY_TEXT_MAX) {
		k += query_decode(t + k, &cp);
		len = query_canon(folded, len, QUERY_TEXT_MAX, cp);
	}
	if (k < n || len > QUERY_TEXT_MAX)
		return 0;       /* longer than any run compared */
	for (i = 0; i < q->n; i++) {
		const struct query_word *w = &q->w[i];
		int at;

		/* CJK: anywhere in the run (it has no spaces) */
		for (at = 0; w->inside && at + w->n <= len; at++) {
			for (j = 0; j < w->n && w->ch[j] == folded[at + j];
			    j++)
				;
			if (j == w->n)
				return 1;
		}
		if (w->inside)
			continue;

		if (w->n > len || (!w->prefix && w->n != len))
			continue;
		for (j = 0; j < w->n && w->ch[j] == folded[j]; j++)
			;
		if (j == w->n)
			return 1;
	}
	return 0;
}

int
query_has_match(const struct query *q, const char *t, size_t n)
{
	const char *end = t + n;

	while (t < end) {
		const char *w = t;
		unsigned cp;
		size_t k = query_decode(t, &cp);

		if (!query_wordch(cp)) {
			t += k;
			continue;
		}
		while (t < end && (k = query_decode(t, &cp),
		    query_wordch(cp)))
			t += k;
		if (query_match(q, w, (size_t)(t - w)))
			return 1;
	}
	return 0;
}

