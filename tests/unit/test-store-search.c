/*
 * test-store-search.c: one search over entries, check-in notes and the
 * agenda (store_find): German spellings (ß and ss, ä ö ü and ae oe ue)
 * match both ways, Chinese, Japanese and Korean words are found inside
 * sentences (two characters, one, three), each hit says what it is and
 * the hits come best first across the kinds; the indexes of notes and
 * agenda items follow every insert, edit and delete (triggers) and hold
 * what a rebuild would.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

static struct store *s;
static struct vault *v;

struct hits {
	int n;
	char what[1024];        /* "E:first words|C:...|A:...|" */
	double rank[64];
	enum store_table table[64];
};

static int
collect(const struct store_hit *h, void *arg)
{
	struct hits *r = arg;
	size_t o = strlen(r->what);
	const char *c = h->table == STORE_ENTRY ? "E" :
	    h->table == STORE_CHECKIN ? "C" : h->table == STORE_AGENDA ? "A" :
	    "?";

	if (r->n < 64) {
		r->rank[r->n] = h->rank;
		r->table[r->n] = h->table;
	}
	r->n++;
	snprintf(r->what + o, sizeof r->what - o, "%s:%.12s|", c, h->text);
	return 0;
}

static struct hits
find(const char *q)
{
	struct hits r;
	struct err e;

	memset(&r, 0, sizeof r);
	if (store_find(s, q, 0, collect, &r, &e) != 0) {
		tap_diag("find %s: %s", q, e.msg);
		r.n = -1;
	}
	return r;
}

/* How many hits the query has whose text starts with want. */
static int
found(const char *q, const char *want)
{
	struct hits r = find(q);
	char key[128];
	int n = 0;
	const char *p = r.what;

	snprintf(key, sizeof key, ":%.12s", want);
	while ((p = strstr(p, key)) != NULL) {
		n++;
		p++;
	}
	return n;
}

static char *
add(const char *body)
{
	static char uuid[STORE_UUID_LEN + 1];
	struct entry_new n;
	struct err e;

	memset(&n, 0, sizeof n);
	n.body = body;
	if (store_entry_add(s, &n, uuid, &e) != 0)
		fatal("add: %s", e.msg);
	return uuid;
}

static void
checkin(const char *note, int mood)
{
	char uuid[STORE_UUID_LEN + 1];
	struct checkin_new c;
	struct err e;

	memset(&c, 0, sizeof c);
	c.anxiety = c.sleep = c.energy = c.connection = CHECKIN_UNSET;
	c.sleep_hours = CHECKIN_UNSET;
	c.mood = mood;
	c.note = note;
	if (store_checkin_add(s, &c, uuid, &e) != 0)
		fatal("checkin: %s", e.msg);
}

/* Every word an index holds, where, as one text. */
static char *
index_dump(const char *table)
{
	sqlite3_stmt *st;
	char *sql, *out;

	sql = xasprintf("DROP TABLE IF EXISTS temp.words; CREATE VIRTUAL "
	    "TABLE temp.words USING fts5vocab(main, %s, instance)", table);
	if (test_exec(v, sql) != SQLITE_OK)
		fatal("index_dump: %s", sqlite3_errmsg(vault_db(v)));
	free(sql);
	if (sqlite3_prepare_v2(vault_db(v), "SELECT group_concat(term || ',' "
	    "|| doc || ',' || col || ',' || offset, '|') FROM (SELECT * FROM "
	    "temp.words ORDER BY term, doc, col, offset)", -1, &st, NULL) !=
	    SQLITE_OK)
		fatal("index_dump: %s", sqlite3_errmsg(vault_db(v)));
	out = xstrdup(sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL ?
	    (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	return out;
}

/* The index holds what a rebuild from its table gives, and its row
 * count matches the table's. */
static int
in_step(const char *table, const char *content)
{
	char *now = index_dump(table), *fresh, *sql;
	long long rows, want;
	int same;

	sql = xasprintf("SELECT count(*) FROM %s", content);
	want = test_int(v, sql);
	free(sql);
	sql = xasprintf("INSERT INTO %s(%s) VALUES ('integrity-check')",
	    table, table);
	same = test_exec(v, sql) == SQLITE_OK;
	free(sql);
	sql = xasprintf("INSERT INTO %s(%s) VALUES ('rebuild')", table, table);
	test_exec(v, sql);
	free(sql);
	fresh = index_dump(table);
	sql = xasprintf("SELECT count(*) FROM %s_docsize", table);
	rows = test_int(v, sql);
	free(sql);
	same = same && strcmp(now, fresh) == 0 && rows == want;
	if (!same)
		tap_diag("%s: %s\nrebuilt: %s (%lld rows, %lld)", table, now,
		    fresh, rows, want);
	free(now);
	free(fresh);
	return same;
}

/* With entries only, tend_rank is FTS5's bm25(): the best hit of
 * store_find has the rank store_search_json gives it. */
static void
same_as_bm25(const char *q)
{
	struct hits r = find(q);
	struct err e;
	char *json = NULL, *p;
	double bm25 = 0;

	if (store_search_json(s, q, 1, &json, &e) == 0 &&
	    (p = strstr(json, "\"rank\":")) != NULL)
		bm25 = strtod(p + 7, NULL);
	ok(r.n > 0 && bm25 < 0 && r.rank[0] - bm25 < 1e-9 &&
	    bm25 - r.rank[0] < 1e-9, "%s: ranked as bm25() ranks it (%g, %g)",
	    q, r.n > 0 ? r.rank[0] : 0, bm25);
	free(json);
}

static void
test_german(void)
{
	add("Wir gingen die Straße entlang zum Haus.");
	add("Herr Mueller wohnt in der Strasse am Fluss.");
	add("Ich sprach mit Frau Müller über den Traum.");
	add("Muller sagte nichts dazu.");
	add("Es ging ueber den Berg.");
	add("Zwei Tage u\xcc\x88" "ber Land, Gru\xcc\x88\xc3\x9f" "e.");
	add("I hurt my toe and went to bed.");

	ok(found("strasse", "Wir gingen") == 1 &&
	    found("strasse", "Herr Muelle") == 1,
	    "strasse finds Straße and Strasse");
	ok(found("Straße", "Herr Muelle") == 1 &&
	    found("STRASSE", "Wir gingen") == 1,
	    "Straße finds Strasse; capitals do not matter");
	ok(found("uber", "Ich sprach") == 1, "uber finds über");
	ok(found("ueber", "Ich sprach") == 1 && found("ueber", "Es ging") == 1,
	    "ueber finds über and ueber");
	ok(found("über", "Es ging") == 1 && found("über", "Ich sprach") == 1,
	    "über finds ueber and über");
	ok(found("ueber", "Zwei Tage") == 1 && found("gruesse", "Zwei Tage") ==
	    1, "a decomposed ü (u and U+0308) is found as ue, ß as ss");
	ok(found("Muller", "Ich sprach") == 1 &&
	    found("Mueller", "Ich sprach") == 1,
	    "Muller and Mueller find Müller");
	ok(found("Müller", "Herr Muelle") == 1 &&
	    found("Müller", "Muller sagt") == 1 &&
	    found("Müller", "Ich sprach") == 1,
	    "Müller finds Mueller, Muller and Müller");
	ok(found("Muller", "Herr Muelle") == 0,
	    "Muller does not find Mueller (every ue is not a u)");
	ok(found("to", "I hurt my t") == 1 && found("toe", "I hurt my t") == 1 &&
	    find("to").n == 1, "toe and to stay words of their own");
	ok(found("Mül*", "Herr Muelle") == 1 && found("Mül*", "Ich sprach") ==
	    1, "a prefix with an umlaut finds both spellings");
	ok(in_step("entries_fts", "entries"), "the entries' index is in step");
	same_as_bm25("strasse");
	same_as_bm25("Müller strasse herr");
}

static void
test_cjk(void)
{
	add("私は東京に住んでいます。今日は少し不安でした。");
	add("我今天感到很不安，但是朋友来了。");
	add("京都の庭はとても静かだった");
	add("서울에서 친구를 만났다");

	ok(found("東京", "私は東京に住んでいます") == 1,
	    "a two-character Japanese word inside a sentence");
	ok(found("不安", "私は東京") == 1 && found("不安", "我今天") == 1,
	    "不安 in Japanese and in Chinese");
	ok(found("不安でした", "私は東京") == 1 && find("不安でした").n == 1,
	    "a longer phrase, only where it stands");
	ok(found("京", "私は東京") == 1 && found("京", "京都の庭") == 1 &&
	    find("京").n == 2, "one character, at the start and the end of a "
	    "pair");
	ok(found("朋友", "我今天") == 1, "a Chinese word after a comma");
	ok(find("東に").n == 0 && find("京東").n == 0,
	    "characters not side by side do not match");
	ok(found("静か", "京都の庭") == 1, "kanji and kana together");
	ok(found("서울", "서울에서") == 1, "a Korean word with its ending");
	ok(found("東京 不安", "私は東京") == 1 && find("東京 朋友").n == 0,
	    "two words: both must be there");
	ok(in_step("entries_fts", "entries"), "still in step");
}

/* Odd text from outside (an image, `tend sql`) never trips the
 * tokenizer: words longer than it folds, a long run of kanji, bytes
 * that are not UTF-8, a combining mark cut off; the index stays in step
 * and the sanitizers stay quiet. */
static void
test_odd(void)
{
	ok(test_exec(v, "INSERT INTO entries(uuid, created, created_off, "
	    "updated, body) VALUES "
	    "('00000000-0000-4000-8000-0000000000a1', 1, 0, 1, "
	    "  replace(hex(zeroblob(200)), '00', 'x') || 'ß ẞuẞ Ü'), "
	    "('00000000-0000-4000-8000-0000000000a2', 1, 0, 1, "
	    "  replace(hex(zeroblob(3000)), '00', '森林') || 'の道'), "
	    "('00000000-0000-4000-8000-0000000000a3', 1, 0, 1, "
	    "  CAST(X'e69db1ff20c3a4c3' AS TEXT) || 'u' || CAST(X'cc' AS TEXT)"
	    "  || ' a' || CAST(X'cc88' AS TEXT) || 'rger')") == SQLITE_OK,
	    "odd text written behind the store's back");
	ok(found("林の道", "森林森林森林") == 1 && found("林森", "森林森林森林") ==
	    1, "a word at the end of 6,000 kanji, and inside them");
	ok(find("ssuss").n == 1 && find("aerger").n == 1 && find("ärger").n == 1,
	    "ẞ as ss, a decomposed ä as ae, beside broken bytes");
	ok(in_step("entries_fts", "entries"), "the index is in step");
	ok(test_exec(v, "DELETE FROM entries WHERE uuid LIKE "
	    "'00000000-0000-4000-8000-0000000000a%'") == SQLITE_OK &&
	    in_step("entries_fts", "entries"), "and after they are deleted");
}

static void
test_kinds(void)
{
	char uuid[STORE_UUID_LEN + 1], *trashed;
	struct hits r;
	struct err e;
	FILE *f;
	char buf[8192];
	size_t n;

	add("A morning by the quokkariver, calm.");
	checkin("slept badly, dreamt of the quokkariver", 3);
	checkin("", 5);
	if (store_agenda_add(s, "ask about the quokkariver dream", uuid, &e))
		fatal("agenda: %s", e.msg);
	trashed = xstrdup(add("quokkariver in the trash"));
	ok(store_entry_trash(s, trashed, &e) == 0, "one in the trash");
	free(trashed);

	r = find("quokkariver");
	ok(r.n == 3 && strstr(r.what, "E:A morning by") != NULL &&
	    strstr(r.what, "C:slept badly") != NULL &&
	    strstr(r.what, "A:ask about th") != NULL,
	    "an entry, a check-in note and an agenda item, the trash left "
	    "out: %s", r.what);
	ok(r.n == 3 && r.rank[0] <= r.rank[1] && r.rank[1] <= r.rank[2],
	    "best first across the kinds (%g %g %g)", r.rank[0], r.rank[1],
	    r.rank[2]);

	f = tmpfile();
	ok(f != NULL && store_find_json_to(s, "quokkariver", 0, f, &e) == 0,
	    "as JSON");
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	ok(strstr(buf, "\"type\":\"entry\"") != NULL &&
	    strstr(buf, "\"type\":\"checkin\"") != NULL &&
	    strstr(buf, "\"type\":\"agenda\"") != NULL &&
	    strstr(buf, "\"mood\":3") != NULL &&
	    strstr(buf, "\"snippet\":\"slept badly, dreamt of the "
	    "[quokkariver]\"") != NULL, "each object says what it is");

	/* Notes and items edited and deleted behind the store's back: the
	 * triggers keep the indexes in step. */
	ok(test_exec(v, "UPDATE checkins SET note = 'slept well by the "
	    "wombatlake' WHERE note LIKE 'slept badly%'") == SQLITE_OK,
	    "a note edited");
	ok(find("quokkariver").n == 2 && found("wombatlake", "slept well") ==
	    1, "the old words are gone, the new ones found");
	ok(in_step("checkins_fts", "checkins"), "notes: in step after an edit");
	ok(test_exec(v, "DELETE FROM checkins WHERE note LIKE '%wombat%'") ==
	    SQLITE_OK && find("wombatlake").n == 0, "a deleted note is gone");
	ok(in_step("checkins_fts", "checkins"),
	    "notes: in step after a delete");
	ok(test_exec(v, "UPDATE agenda SET text = 'ask about sleep'") ==
	    SQLITE_OK && find("quokkariver").n == 1 &&
	    found("sleep", "ask about sl") == 1, "an agenda item edited");
	ok(in_step("agenda_fts", "agenda"), "agenda: in step after an edit");
	ok(test_exec(v, "DELETE FROM agenda") == SQLITE_OK &&
	    find("sleep").n == 0 && in_step("agenda_fts", "agenda"),
	    "agenda: in step after a delete");
	ok(test_int(v, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	    "('checkins_fts_content', 'agenda_fts_content')") == 0,
	    "no second copy of notes or items");
}

static void
test_rank(void)
{
	struct hits r;
	struct err e;
	char uuid[STORE_UUID_LEN + 1];
	int i, sorted = 1;

	/* Filler, so that the word is rare in every index. */
	for (i = 0; i < 20; i++) {
		add("an ordinary day with tea and a walk in the park");
		checkin("tired but fine", 5);
	}
	add("the pelicanbay was far away, and then some more words were "
	    "written about the day, the weather, the people, the food and "
	    "many other things that have nothing to do with it at all");
	add("pelicanbay pelicanbay pelicanbay");
	checkin("pelicanbay", 4);
	checkin("thought of the pelicanbay once while doing the washing up "
	    "and talking on the phone for a long time about other things", 6);
	if (store_agenda_add(s, "pelicanbay", uuid, &e))
		fatal("agenda: %s", e.msg);
	r = find("pelicanbay");
	for (i = 1; i < r.n && i < 64; i++)
		if (r.rank[i - 1] > r.rank[i])
			sorted = 0;
	ok(r.n == 5 && sorted, "five hits, rank never decreasing: %s", r.what);
	ok(strstr(r.what, "E:pelicanbay p") != NULL &&
	    strstr(r.what, "E:pelicanbay p") < strstr(r.what, "E:the pelicanb"),
	    "a word said often in a short text ranks above a passing "
	    "mention");
	ok(strstr(r.what, "A:pelicanbay|") != NULL &&
	    strstr(r.what, "A:pelicanbay|") < strstr(r.what, "E:the pelicanb"),
	    "the agenda's only item is no weaker for its list being short "
	    "(one rarity for the word across the kinds)");
	ok(strstr(r.what, "C:pelicanbay|") < strstr(r.what, "C:thought of"),
	    "a note that is the word ranks above a long note");
	ok(strstr(r.what, "E:the pelicanb") != NULL &&
	    strstr(r.what, "C:pelicanbay|") < strstr(r.what, "E:the pelicanb"),
	    "a short note ranks above a long entry with one mention");
	memset(&r, 0, sizeof r);
	ok(store_find(s, "pelicanbay", 2, collect, &r, &e) == 0 && r.n == 2 &&
	    r.rank[0] <= r.rank[1], "a limit keeps the best two");
	ok(store_find(s, "   ", 0, collect, &r, &e) == -1,
	    "a blank search is refused: %s", e.msg);
}

int
main(void)
{
	struct err e;

	test_init();
	v = test_new_vault(test_path("search.tend"));
	if (store_open(v, &s, &e) != 0)
		fatal("%s", e.msg);
	test_german();
	test_cjk();
	test_odd();
	test_kinds();
	test_rank();
	store_close(s);
	vault_close(v);
	return tap_done();
}
