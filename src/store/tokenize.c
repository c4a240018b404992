/*
 * tokenize.c: "tend", the tokenizer of the journal's full-text indexes
 * (entries_fts, checkins_fts, agenda_fts; schema version 7).
 *
 * It wraps SQLite's unicode61 tokenizer (remove_diacritics 2: case and
 * accents folded, "fuhlte" finds "fühlte") and changes three things, the
 * same way for the text indexed and for the words searched for:
 *
 *  - German sharp s: a word's ß (and capital ẞ) is indexed as "ss", so
 *    "strasse" and "Straße" are one word.
 *  - German umlauts written out: unicode61 indexes "Müller" as "muller";
 *    a word with ä, ö or ü is indexed under its spelled-out form too
 *    ("mueller"), at the same position (an FTS5 colocated token).  A query
 *    word with an umlaut asks for either form.  So "Muller", "Mueller" and
 *    "Müller" all find "Müller", and "Müller" finds all three; "Muller"
 *    does not find "Mueller" (that would need every "ue" read as "u", and
 *    "due" would find "du", "toe" would find "to").
 *  - Chinese, Japanese and Korean: unicode61 takes a whole run of such
 *    characters as one word, because these languages put no spaces
 *    between words.  Here a run is indexed as overlapping pairs of
 *    characters (bigrams: 東京都 is 東京, 京都) plus its last character
 *    alone; a query word of two or more such characters is the phrase of
 *    its pairs, so 東京 or 不安 is found inside any sentence.  A query of
 *    one character is searched as a prefix (the store adds the *), which
 *    every position holds.
 *
 * Changing what this tokenizer emits changes what the indexes hold: it
 * takes a new schema version that rebuilds them.
 *
 * unicode61 keeps the token it hands out in a buffer of its own instance,
 * so text is never tokenized again by the instance that is in the middle
 * of it: each level has an instance of its own.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define TOK_MAX 256     /* bytes of a word folded here; longer ones are
                         * indexed as unicode61 gives them */

typedef int (*token_fn)(void *, int, const char *, int, int, int);

struct tend_tok {
	fts5_tokenizer u61;             /* unicode61's methods */
	Fts5Tokenizer *text;            /* for the text */
	Fts5Tokenizer *piece;           /* for the Latin parts of a CJK run */
	Fts5Tokenizer *spelled;         /* for words with umlauts spelled out */
};

struct tok_run {
	struct tend_tok *t;
	void *ctx;
	token_fn emit;
	int query;                      /* tokenizing a query */
	const char *text;
	int ntext;
	int base;                       /* offset of the piece re-read */
};

/* The code point at s (n bytes left) into *cp; the bytes it takes.  A
 * byte that does not start UTF-8 reads as itself, one byte. */
static int
decode(const unsigned char *s, int n, unsigned *cp)
{
	int len, i;

	if (s[0] < 0x80 || n < 2) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		*cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		*cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		*cp = s[0] & 0x07;
	} else {
		*cp = s[0];
		return 1;
	}
	if (len > n) {
		*cp = s[0];
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = s[0];
			return 1;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

/* Han, kana, Hangul and their relatives: scripts written without spaces
 * between words (Korean has spaces, but words carry endings, so pairs
 * find a word inside them too). */
int
store_tok_cjk(unsigned cp)
{
	static const struct {
		unsigned lo, hi;
	} ranges[] = {
		{ 0x1100, 0x11ff },     /* Hangul Jamo */
		{ 0x2e80, 0x2fdf },     /* CJK and Kangxi radicals */
		{ 0x3005, 0x3007 },     /* 々 〆 〇 */
		{ 0x3021, 0x3029 },     /* Hangzhou numerals */
		{ 0x3031, 0x3035 },     /* kana repeat marks */
		{ 0x3040, 0x30fa },     /* Hiragana, Katakana */
		{ 0x30fc, 0x30ff },     /* ー ヽ ヾ ヿ */
		{ 0x3100, 0x312f },     /* Bopomofo */
		{ 0x3131, 0x318e },     /* Hangul compatibility Jamo */
		{ 0x31a0, 0x31bf },     /* Bopomofo extended */
		{ 0x31f0, 0x31ff },     /* Katakana phonetic extensions */
		{ 0x3400, 0x4dbf },     /* CJK extension A */
		{ 0x4e00, 0x9fff },     /* CJK unified ideographs */
		{ 0xa960, 0xa97f },     /* Hangul Jamo extended A */
		{ 0xac00, 0xd7ff },     /* Hangul syllables, Jamo extended B */
		{ 0xf900, 0xfaff },     /* CJK compatibility ideographs */
		{ 0xff66, 0xff9f },     /* halfwidth Katakana */
		{ 0xffa0, 0xffdc },     /* halfwidth Hangul */
		{ 0x1b000, 0x1b16f },   /* kana supplement and extended */
		{ 0x20000, 0x3134f },   /* CJK extensions B to G */
	};
	size_t i;

	for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (cp >= ranges[i].lo && cp <= ranges[i].hi)
			return 1;
	return 0;
}

static int
has_cjk(const char *s, int n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp;
	int i = 0;

	while (i < n) {
		if (u[i] < 0xe1) {      /* below U+1000 */
			i++;
			continue;
		}
		i += decode(u + i, n - i, &cp);
		if (store_tok_cjk(cp))
			return 1;
	}
	return 0;
}

/* tok with every ß and ẞ as "ss" into out (size TOK_MAX); the length, or
 * -1 when there is none or the result would not fit. */
static int
fold_sharp_s(const char *tok, int n, char *out)
{
	int i, o = 0, found = 0;

	for (i = 0; i < n; i++) {
		int sharp = 0;

		if (i + 1 < n && (unsigned char)tok[i] == 0xc3 &&
		    (unsigned char)tok[i + 1] == 0x9f)
			sharp = 2;
		else if (i + 2 < n && (unsigned char)tok[i] == 0xe1 &&
		    (unsigned char)tok[i + 1] == 0xba &&
		    (unsigned char)tok[i + 2] == 0x9e)
			sharp = 3;
		if (o + 2 > TOK_MAX)
			return -1;
		if (sharp) {
			out[o++] = 's';
			out[o++] = 's';
			i += sharp - 1;
			found = 1;
		} else
			out[o++] = tok[i];
	}
	return found ? o : -1;
}

/* The n bytes at s with ä ö ü (precomposed, or a vowel and U+0308) as
 * ae oe ue into out (size 2 * TOK_MAX); the length, or -1 when there is
 * no umlaut or it would not fit. */
static int
spell_umlauts(const char *s, int n, char *out)
{
	const unsigned char *u = (const unsigned char *)s;
	int i, o = 0, found = 0;

	if (n > TOK_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		char base = 0;

		if (u[i] == 0xc3 && i + 1 < n) {
			switch (u[i + 1]) {
			case 0xa4: base = 'a'; break;
			case 0x84: base = 'A'; break;
			case 0xb6: base = 'o'; break;
			case 0x96: base = 'O'; break;
			case 0xbc: base = 'u'; break;
			case 0x9c: base = 'U'; break;
			default: break;
			}
		}
		if (base != 0) {
			out[o++] = base;
			out[o++] = 'e';
			i++;
			found = 1;
		} else if (strchr("aouAOU", u[i]) != NULL && u[i] != 0 &&
		    i + 2 < n && u[i + 1] == 0xcc && u[i + 2] == 0x88) {
			out[o++] = (char)u[i];
			out[o++] = 'e';
			i += 2;
			found = 1;
		} else
			out[o++] = (char)u[i];
	}
	return found ? o : -1;
}

/* Collects the first token unicode61 makes of a spelled-out word. */
struct first_token {
	char buf[TOK_MAX];
	int n;                          /* -1: none, or too long */
};

static int
keep_first(void *p, int tflags, const char *tok, int n, int start, int end)
{
	struct first_token *f = p;

	(void)tflags;
	(void)start;
	(void)end;
	if (f->n == -1 && n <= TOK_MAX) {
		memcpy(f->buf, tok, (size_t)n);
		f->n = n;
	}
	return SQLITE_OK;
}

/* A word that is not CJK: ß as ss, and the spelled-out form of a word
 * with umlauts at the same position. */
static int
latin_word(struct tok_run *r, int tflags, const char *tok, int n, int start,
    int end)
{
	char folded[TOK_MAX], spelled[2 * TOK_MAX];
	struct first_token alt;
	int nf, ns, rc;

	nf = fold_sharp_s(tok, n, folded);
	if (nf >= 0) {
		tok = folded;
		n = nf;
	}
	rc = r->emit(r->ctx, tflags, tok, n, start, end);
	if (rc != SQLITE_OK || n > TOK_MAX)
		return rc;
	ns = spell_umlauts(r->text + start, end - start, spelled);
	if (ns < 0)
		return SQLITE_OK;
	if (tok != folded)
		memcpy(folded, tok, (size_t)n);
	alt.n = -1;
	rc = r->t->u61.xTokenize(r->t->spelled, &alt, FTS5_TOKENIZE_DOCUMENT,
	    spelled, ns, keep_first);
	if (rc != SQLITE_OK || alt.n < 0)
		return rc;
	nf = fold_sharp_s(alt.buf, alt.n, spelled);
	if (nf < 0) {
		memcpy(spelled, alt.buf, (size_t)alt.n);
		nf = alt.n;
	}
	if (nf == n && memcmp(spelled, folded, (size_t)n) == 0)
		return SQLITE_OK;
	return r->emit(r->ctx, FTS5_TOKEN_COLOCATED, spelled, nf, start, end);
}

/* A token of the Latin part of a CJK run, read again on its own (its
 * offsets are from r->base). */
static int
piece_token(void *p, int tflags, const char *tok, int n, int start, int end)
{
	struct tok_run *r = p;

	return latin_word(r, tflags, tok, n, r->base + start, r->base + end);
}

/* The CJK characters from offset a to b: overlapping pairs, and in the
 * text the last one alone. */
static int
cjk_run(struct tok_run *r, int a, int b)
{
	const unsigned char *u = (const unsigned char *)r->text;
	int o0 = a, o1;
	unsigned cp;

	o1 = o0 + decode(u + o0, b - o0, &cp);
	if (o1 >= b)            /* one character */
		return r->emit(r->ctx, 0, r->text + o0, o1 - o0, o0, o1);
	while (o1 < b) {
		int o2 = o1 + decode(u + o1, b - o1, &cp);
		int rc = r->emit(r->ctx, 0, r->text + o0, o2 - o0, o0, o2);

		if (rc != SQLITE_OK)
			return rc;
		o0 = o1;
		o1 = o2;
	}
	if (r->query)
		return SQLITE_OK;
	return r->emit(r->ctx, 0, r->text + o0, o1 - o0, o0, o1);
}

/* A unicode61 word holding CJK characters: the runs of CJK as pairs, the
 * rest read again as words of their own. */
static int
cjk_word(struct tok_run *r, int start, int end)
{
	const unsigned char *u = (const unsigned char *)r->text;
	int i = start, rc = SQLITE_OK;

	while (i < end && rc == SQLITE_OK) {
		unsigned cp;
		int j = i, n, cjk;

		decode(u + i, end - i, &cp);
		cjk = store_tok_cjk(cp);

		while (j < end && (n = decode(u + j, end - j, &cp),
		    store_tok_cjk(cp) == cjk))
			j += n;
		if (cjk)
			rc = cjk_run(r, i, j);
		else {
			struct tok_run sub = *r;

			sub.base = i;
			rc = r->t->u61.xTokenize(r->t->piece, &sub,
			    FTS5_TOKENIZE_DOCUMENT, r->text + i, j - i,
			    piece_token);
		}
		i = j;
	}
	return rc;
}

static int
text_token(void *p, int tflags, const char *tok, int n, int start, int end)
{
	struct tok_run *r = p;

	if (has_cjk(r->text + start, end - start))
		return cjk_word(r, start, end);
	return latin_word(r, tflags, tok, n, start, end);
}

static void
tok_delete(Fts5Tokenizer *p)
{
	struct tend_tok *t = (struct tend_tok *)p;

	if (t == NULL)
		return;
	if (t->text != NULL)
		t->u61.xDelete(t->text);
	if (t->piece != NULL)
		t->u61.xDelete(t->piece);
	if (t->spelled != NULL)
		t->u61.xDelete(t->spelled);
	sqlite3_free(t);
}

static int
tok_create(void *api_p, const char **argv, int argc, Fts5Tokenizer **out)
{
	static const char *u61_args[] = { "remove_diacritics", "2" };
	fts5_api *api = api_p;
	struct tend_tok *t;
	void *ud = NULL;
	int rc;

	(void)argv;
	*out = NULL;
	if (argc != 0)
		return SQLITE_ERROR;
	if ((t = sqlite3_malloc(sizeof *t)) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	rc = api->xFindTokenizer(api, "unicode61", &ud, &t->u61);
	if (rc == SQLITE_OK)
		rc = t->u61.xCreate(ud, u61_args, 2, &t->text);
	if (rc == SQLITE_OK)
		rc = t->u61.xCreate(ud, u61_args, 2, &t->piece);
	if (rc == SQLITE_OK)
		rc = t->u61.xCreate(ud, u61_args, 2, &t->spelled);
	if (rc != SQLITE_OK) {
		tok_delete((Fts5Tokenizer *)t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static int
tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int ntext, token_fn emit)
{
	struct tend_tok *t = (struct tend_tok *)p;
	struct tok_run r;

	r.t = t;
	r.ctx = ctx;
	r.emit = emit;
	r.query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	r.text = text;
	r.ntext = ntext;
	r.base = 0;
	return t->u61.xTokenize(t->text, &r, flags, text, ntext, text_token);
}

int
store_fts_register(sqlite3 *db)
{
	static fts5_tokenizer methods = {
		tok_create, tok_delete, tok_tokenize,
	};
	fts5_tokenizer have;
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	void *ud;
	int rc;

	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	rc = sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	if (api == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	/* Once per connection (a vault's outlives its stores). */
	if (api->xFindTokenizer(api, "tend", &ud, &have) == SQLITE_OK)
		return SQLITE_OK;
	rc = api->xCreateTokenizer(api, "tend", api, &methods, NULL);
	return rc == SQLITE_OK ? store_rank_register(api) : rc;
}
