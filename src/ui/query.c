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
		}
		while (*p != '\0' && (n = query_decode(p, &cp),
		    query_wordch(cp))) {
			if (w != NULL && w->n < QUERY_WORD_MAX)
				w->ch[w->n++] = query_fold(cp);
			p += n;
		}
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
	unsigned folded[QUERY_WORD_MAX], cp;
	int len = 0, i, j;
	size_t k = 0;

	while (k < n && len < QUERY_WORD_MAX) {
		k += query_decode(t + k, &cp);
		folded[len++] = query_fold(cp);
	}
	if (k < n)
		return 0;       /* longer than any word kept */
	for (i = 0; i < q->n; i++) {
		const struct query_word *w = &q->w[i];

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

