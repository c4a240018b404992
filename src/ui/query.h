/*
 * query.h: a search query as typed, cut into words (query.c, no
 * terminal).
 *
 * Words are runs of letters and digits (ASCII letters and digits, and
 * characters beyond ASCII other than Latin-1 signs and general
 * punctuation), roughly as the index's tokenizer sees them; everything
 * else only separates words, so quotes, brackets and hyphens never reach
 * the index as syntax.  The words are also kept folded (lower case, the
 * usual Latin accents taken off, as the index does) to find the matches
 * in a title or text and underline them; they are compared as the index
 * compares them: ß as ss, Mueller as Müller, and Chinese or Japanese
 * words inside a run of text.
 */
#ifndef TEND_UI_QUERY_H
#define TEND_UI_QUERY_H

#include <stddef.h>

#define QUERY_WORDS 16          /* words kept for matching */
#define QUERY_WORD_MAX 64       /* characters of one word kept */

struct query_word {
	unsigned ch[QUERY_WORD_MAX];    /* folded */
	int n;
	int prefix;             /* matches longer words that start so */
	int inside;             /* Chinese, Japanese or Korean: matches
	                         * inside a longer run of such text */
};

struct query {
	struct query_word w[QUERY_WORDS];
	int n;                  /* words (at most QUERY_WORDS kept) */
	int open;               /* the text ends inside a word */
	char *fts;              /* for store_search: the words with single
	                         * spaces, the last with a * while it is
	                         * being typed (open, two characters or
	                         * more); "" when there are none */
};

/* Cut typed (UTF-8) into q; query_free() it afterwards. */
void query_parse(struct query *q, const char *typed);
void query_free(struct query *q);

/* One character of UTF-8 at s into *cp; returns the bytes it takes (a
 * bad byte reads as U+FFFD and takes one). */
size_t query_decode(const char *s, unsigned *cp);

/* Whether cp is part of a word. */
int query_wordch(unsigned cp);

/* cp in lower case without its accent, for the Latin letters U+00C0 to
 * U+017F; other characters only lower-cased. */
unsigned query_fold(unsigned cp);

/* Whether the word at t (n bytes, all word characters) matches a word of
 * q: equal when folded, or starting with a prefix word, or (CJK) holding
 * it. */
int query_match(const struct query *q, const char *t, size_t n);

/* Whether the n bytes at t hold a word that matches. */
int query_has_match(const struct query *q, const char *t, size_t n);

#endif
