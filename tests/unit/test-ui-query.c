/*
 * test-ui-query.c: what search makes of typed text, without a terminal:
 * the words sent to the index (odd characters only separate, the last
 * word a prefix while typed), folding of case and accents, and which
 * words of a title or text count as matches.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "ui/query.h"

/* What the index gets for typed. */
static void
fts_is(const char *typed, const char *want)
{
	struct query q;

	query_parse(&q, typed);
	ok(strcmp(q.fts, want) == 0, "'%s' is searched as '%s'", typed, want);
	if (strcmp(q.fts, want) != 0)
		tap_diag("got '%s'", q.fts);
	query_free(&q);
}

/* Whether word matches what was typed. */
static int
matches(const char *typed, const char *word)
{
	struct query q;
	int m;

	query_parse(&q, typed);
	m = query_match(&q, word, strlen(word));
	query_free(&q);
	return m;
}

static int
has_match(const char *typed, const char *text)
{
	struct query q;
	int m;

	query_parse(&q, typed);
	m = query_has_match(&q, text, strlen(text));
	query_free(&q);
	return m;
}

static void
test_fts(void)
{
	struct query q;
	char many[200] = "";
	int i;

	fts_is("", "");
	fts_is("   ", "");
	fts_is("fühlte", "fühlte*");
	fts_is("fühlte ", "fühlte");
	fts_is("sleep well", "sleep well*");
	fts_is("  sleep   well  ", "sleep well");
	fts_is("\"(self-care", "self care*");
	fts_is("\")-*", "");
	fts_is("don't", "don t");
	fts_is("a", "a");
	fts_is("river a", "river a");
	fts_is("NEAR(a b)", "NEAR a b");
	fts_is("x OR y*", "x OR y");
	fts_is("«Träume»", "Träume");
	fts_is("tea\xe2\x80\x94time", "tea time*");
	fts_is("日本語", "日本語*");

	for (i = 0; i < 20; i++)
		strcat(many, "word ");
	strcat(many, "last");
	query_parse(&q, many);
	ok(q.n == QUERY_WORDS && strlen(q.fts) == strlen(many) + 1,
	    "more words than are kept for matching all reach the index");
	query_free(&q);

	query_parse(&q, "Fühlte ");
	ok(q.n == 1 && q.w[0].n == 6 && !q.w[0].prefix && !q.open,
	    "a finished word is no prefix");
	ok(q.w[0].ch[0] == 'f' && q.w[0].ch[1] == 'u' && q.w[0].ch[5] == 'e',
	    "kept folded: fuhlte");
	query_free(&q);
}

static void
test_fold(void)
{
	ok(query_fold('A') == 'a' && query_fold('z') == 'z' &&
	    query_fold('5') == '5', "ASCII lower-cased");
	ok(query_fold(0xfc) == 'u' && query_fold(0xdc) == 'u',
	    "ü and Ü are u");
	ok(query_fold(0xe9) == 'e' && query_fold(0xc7) == 'c' &&
	    query_fold(0xf1) == 'n' && query_fold(0xf8) == 'o',
	    "é ç ñ ø");
	ok(query_fold(0x17e) == 'z' && query_fold(0x141) == 'l' &&
	    query_fold(0x15b) == 's' && query_fold(0x11b) == 'e',
	    "ž Ł ś ě");
	ok(query_fold(0xd7) == 0xd7, "× stays itself");
	ok(query_wordch('a') && query_wordch('7') && query_wordch(0xfc) &&
	    query_wordch(0x65e5), "letters, digits, ü and 日 are word parts");
	ok(!query_wordch('-') && !query_wordch('"') && !query_wordch('(') &&
	    !query_wordch(0xab) && !query_wordch(0x2014) &&
	    !query_wordch(0x2019), "- \" ( « — and ’ separate words");
}

static void
test_match(void)
{
	unsigned cp;

	ok(matches("fuhlte", "fühlte"), "fuhlte matches fühlte");
	ok(matches("FÜHL", "Fühlte"), "capitals and accents either way");
	ok(matches("sitz", "Sitzung"), "the last word matches as a prefix");
	ok(!matches("sitz ", "Sitzung"), "a finished word must be whole");
	ok(matches("sitz ", "SITZ"), "a finished word matches itself");
	ok(!matches("der sitz", "derlei"), "earlier words must be whole");
	ok(matches("der sitz", "Der"), "earlier words match whole");
	ok(!matches("a", "apple"), "one letter is no prefix");
	ok(!matches("river", "riv"), "a shorter word does not match");
	ok(!matches("", "anything"), "nothing typed matches nothing");
	ok(has_match("calm", "The river was calm today"),
	    "a matching word inside text");
	ok(!has_match("calm", "[brackets] only"), "no matching word");
	ok(has_match("gart", "die Gärten am"), "Gärten by gart");
	ok(matches("strasse ", "Straße") && matches("Straße ", "STRASSE"),
	    "ß and ss either way, as the index has them");
	ok(matches("mueller ", "Müller") && matches("Müller ", "Mueller") &&
	    matches("uber ", "über"), "ü and ue either way");
	ok(!matches("strase ", "Straße"), "ß is two letters, not one");
	ok(has_match("東京", "私は東京に住んでいます") &&
	    has_match("不安", "我今天感到很不安"),
	    "a Chinese or Japanese word inside a sentence");
	ok(!has_match("東京", "京都の東に"), "but not its characters apart");

	ok(query_decode("\xc3\xbc", &cp) == 2 && cp == 0xfc, "two bytes");
	ok(query_decode("\xe2\x80\x94", &cp) == 3 && cp == 0x2014,
	    "three bytes");
	ok(query_decode("\xf0\x9f\x98\x80", &cp) == 4 && cp == 0x1f600,
	    "four bytes");
	ok(query_decode("\xc3(", &cp) == 1 && cp == 0xfffd,
	    "a broken sequence takes one byte");
}

int
main(void)
{
	test_init();
	test_fts();
	test_fold();
	test_match();
	return tap_done();
}
