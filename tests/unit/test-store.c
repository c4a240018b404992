/*
 * test-store.c: the store's functions, table by table: timeline placement,
 * entries (add, IDs, list filters, edit, trash, search, tags), check-ins,
 * sessions, the agenda, drafts, meta, stats, transactions and the
 * statement cache.  Runs in UTC so that days and weeks are fixed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

#define DAY 86400
#define T0 1767225600           /* 2026-01-01 00:00 UTC, a Thursday */

static struct vault *v;

static int
json_valid(const char *json)
{
	sqlite3_stmt *st;
	int r = 0;

	if (json == NULL || sqlite3_prepare_v2(vault_db(v),
	    "SELECT json_valid(?1)", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return r;
}

/* The value at path in a JSON text, as text (static buffer). */
static const char *
json_at(const char *json, const char *path)
{
	static char buf[512];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(vault_db(v), "SELECT json_extract(?1, ?2)", -1,
	    &st, NULL) != SQLITE_OK)
		return buf;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

/* The store's prepared statements (FTS5 keeps its own, which name the
 * schema as 'main'; those belong to the index and end with the vault). */
static int
statements(void)
{
	sqlite3_stmt *st = NULL;
	int n = 0;

	while ((st = sqlite3_next_stmt(vault_db(v), st)) != NULL)
		if (strstr(sqlite3_sql(st), "'main'") == NULL)
			n++;
	return n;
}

static int
count_entry(const struct entry *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

static int
last_entry(const struct entry *r, void *arg)
{
	snprintf(arg, 256, "%s|%s|%s|%s|%d", r->title, r->body, r->tags,
	    r->placement, r->revisions);
	return 0;
}

static int
revision_line(time_t saved, const char *title, const char *body, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	(void)saved;
	(void)title;
	snprintf(buf + n, 256 - n, "%s|", body);
	return 0;
}

static int
tag_line(const char *tag, long n, void *arg)
{
	char *buf = arg;
	size_t o = strlen(buf);

	snprintf(buf + o, 256 - o, "%s=%ld,", tag, n);
	return 0;
}

static int
checkin_line(const struct checkin *r, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 256 - n, "%d/%d/%s/%s;", r->mood, r->anxiety,
	    r->symptoms, r->placement);
	return 0;
}

static int
group_line(const struct stats_group *g, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 256 - n, "%s:%ld:%.1f:%d-%d;", g->label, g->checkins,
	    g->mood_mean, g->mood_min, g->mood_max);
	return 0;
}

static void
test_timeline(void)
{
	static const struct timeline_point tl[] = {
		{ T0 + 1 * DAY, SESSION_PREPARATION },
		{ T0 + 9 * DAY + 9 * 3600, SESSION_MEDICINE },
		{ T0 + 10 * DAY + 12 * 3600, SESSION_INTEGRATION },
		{ T0 + 30 * DAY, SESSION_PREPARATION },
		{ T0 + 39 * DAY + 9 * 3600, SESSION_MEDICINE },
		{ T0 + 44 * DAY, SESSION_OTHER },
	};
	static const struct {
		time_t t;
		const char *place, *phase;
	} cases[] = {
		{ T0, "before the first session", "before the first session" },
		{ T0 + DAY, "preparation", "preparation" },
		{ T0 + 5 * DAY, "preparation", "preparation" },
		{ T0 + 9 * DAY + 8 * 3600, "preparation", "preparation" },
		{ T0 + 9 * DAY + 9 * 3600, "medicine session 1",
		    "after medicine session 1" },
		{ T0 + 9 * DAY + 23 * 3600, "medicine session 1",
		    "after medicine session 1" },
		{ T0 + 10 * DAY + 1, "day 1 after medicine session 1",
		    "after medicine session 1" },
		{ T0 + 10 * DAY + 13 * 3600,
		    "integration, day 1 after medicine session 1",
		    "after medicine session 1" },
		{ T0 + 21 * DAY, "integration, day 12 after medicine session 1",
		    "after medicine session 1" },
		{ T0 + 31 * DAY, "preparation, day 22 after medicine session 1",
		    "after medicine session 1" },
		{ T0 + 43 * DAY, "day 4 after medicine session 2",
		    "after medicine session 2" },
		{ T0 + 50 * DAY, "day 11 after medicine session 2",
		    "after medicine session 2" },
	};
	char buf[96], phase[96];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		timeline_place(tl, sizeof tl / sizeof tl[0], cases[i].t, buf,
		    sizeof buf);
		timeline_phase(tl, sizeof tl / sizeof tl[0], cases[i].t, phase,
		    sizeof phase);
		ok(strcmp(buf, cases[i].place) == 0 &&
		    strcmp(phase, cases[i].phase) == 0,
		    "placement %zu: %s / %s", i, buf, phase);
	}
	timeline_place(NULL, 0, T0, buf, sizeof buf);
	ok(strcmp(buf, "before the first session") == 0, "no sessions");
}

static void
test_entries(struct store *s)
{
	static const char *const two[] = { "calm", "sea" };
	static const char *const spaced[] = { "two words" };
	static const char *const empty[] = { "" };
	static const struct {
		const char *title, *body, *kind;
		const char *const *tags;
		size_t ntags;
		time_t when;
		const char *err;        /* NULL: accepted */
	} adds[] = {
		{ "First", "the first words", NULL, two, 2, T0 + 2 * DAY, NULL },
		{ NULL, "Ich hatte Tr\xc3\xa4ume vom Meer", "dream", NULL, 0,
		    T0 + 12 * DAY, NULL },
		{ "R", "looking back", "reflection", two, 1, T0 + 20 * DAY,
		    NULL },
		{ NULL, "other things", "other", NULL, 0, T0 + 40 * DAY, NULL },
		{ NULL, "", NULL, NULL, 0, 0, "empty" },
		{ NULL, " \n\t", NULL, NULL, 0, 0, "empty" },
		{ NULL, "bad \xc3", NULL, NULL, 0, 0, "UTF-8" },
		{ "\xff", "fine", NULL, NULL, 0, 0, "UTF-8" },
		{ NULL, "fine", "poem", NULL, 0, 0, "kind" },
		{ NULL, "fine", NULL, spaced, 1, 0, "spaces" },
		{ NULL, "fine", NULL, empty, 1, 0, "empty" },
	};
	static const struct {
		time_t since, until;
		const char *kind, *tag;
		int trashed, newest, limit, want;
	} lists[] = {
		{ 0, 0, NULL, NULL, 0, 0, 0, 4 },
		{ 0, 0, NULL, NULL, 0, 1, 2, 2 },
		{ T0 + 10 * DAY, 0, NULL, NULL, 0, 0, 0, 3 },
		{ 0, T0 + 12 * DAY, NULL, NULL, 0, 0, 0, 1 },
		{ T0 + 12 * DAY, T0 + 12 * DAY + 1, NULL, NULL, 0, 0, 0, 1 },
		{ 0, 0, "dream", NULL, 0, 0, 0, 1 },
		{ 0, 0, "journal", NULL, 0, 0, 0, 1 },
		{ 0, 0, NULL, "calm", 0, 0, 0, 2 },
		{ 0, 0, NULL, "sea", 0, 0, 0, 1 },
		{ 0, 0, NULL, "none", 0, 0, 0, 0 },
		{ 0, 0, NULL, NULL, 1, 0, 0, 0 },
	};
	static const struct {
		const char *q;
		int want;
	} searches[] = {
		{ "traume", 1 }, { "TRÄUME", 1 }, { "meer", 1 }, { "me*", 1 },
		{ "first", 1 }, { "words first", 1 }, { "first nothing", 0 },
		{ "calm", 2 }, { "\"quoted", 0 }, { "AND", 0 },
		{ "NEAR(a b)", 0 }, { "looking", 1 },
	};
	char ids[sizeof adds / sizeof adds[0]][STORE_UUID_LEN + 1];
	char uuid[STORE_UUID_LEN + 1], buf[256], typed[64];
	struct entry_filter f;
	struct entry_new n;
	struct err e;
	char *json;
	size_t i;
	int got;
	long long rows = test_int(v, "SELECT count(*) FROM entries");

	store_session_add(s, SESSION_MEDICINE, T0 + 9 * DAY, NULL, NULL, uuid,
	    &e);
	for (i = 0; i < sizeof adds / sizeof adds[0]; i++) {
		int rc;

		memset(&n, 0, sizeof n);
		n.title = adds[i].title;
		n.body = adds[i].body;
		n.kind = adds[i].kind;
		n.tags = adds[i].tags;
		n.ntags = adds[i].ntags;
		n.when = adds[i].when;
		rc = store_entry_add(s, &n, ids[i], &e);
		if (adds[i].err == NULL)
			ok(rc == 0, "add %zu", i);
		else
			ok(rc == -1 && strstr(e.msg, adds[i].err) != NULL,
			    "add %zu refused: %s", i, e.msg);
	}
	ok(test_int(v, "SELECT count(*) FROM entries") == rows + 4,
	    "only the good ones were written");

	/* IDs: prefixes of every form. */
	{
		const struct {
			const char *typed;
			int ok;
		} cases[] = {
			{ ids[0], 1 }, { NULL, 1 }, { NULL, 1 }, { NULL, 1 },
			{ "abc", 0 }, { "xyz12345", 0 }, { "ffffffff", 0 },
			{ "", 0 },
		};
		size_t k;

		for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			const char *t = cases[k].typed;

			if (k == 1) {
				snprintf(typed, sizeof typed, "%.4s", ids[0]);
				t = typed;
			} else if (k == 2) {
				size_t j;

				snprintf(typed, sizeof typed, "%.8s", ids[0]);
				for (j = 0; typed[j]; j++)
					typed[j] = (char)(typed[j] >= 'a' ?
					    typed[j] - 32 : typed[j]);
				t = typed;
			} else if (k == 3) {
				snprintf(typed, sizeof typed, "%.8s%.4s",
				    ids[0], ids[0] + 9);
				t = typed;
			}
			got = store_resolve(s, STORE_ENTRY, t, uuid, &e);
			if (cases[k].ok)
				ok(got == 0 && strcmp(uuid, ids[0]) == 0,
				    "resolve '%s'", t);
			else
				ok(got == -1, "resolve '%s' refused: %s", t,
				    e.msg);
		}
	}

	for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		memset(&f, 0, sizeof f);
		f.since = lists[i].since;
		f.until = lists[i].until;
		f.kind = lists[i].kind;
		f.tag = lists[i].tag;
		f.trashed = lists[i].trashed;
		f.newest_first = lists[i].newest;
		f.limit = lists[i].limit;
		got = 0;
		ok(store_entry_list(s, &f, count_entry, &got, &e) == 0 &&
		    got == lists[i].want, "list %zu: %d entries", i, got);
		ok(store_entry_list_json(s, &f, &json, &e) == 0 &&
		    json_valid(json) && test_int(v, "SELECT 1") == 1,
		    "list %zu as JSON", i);
		free(json);
	}
	memset(&f, 0, sizeof f);
	f.kind = "poem";
	ok(store_entry_list(s, &f, count_entry, &got, &e) == -1,
	    "list by an unknown kind is refused");

	/* show, edit, revisions */
	ok(store_entry_get(s, ids[0], last_entry, buf, &e) == 0 &&
	    strcmp(buf, "First|the first words|calm sea|"
	    "before the first session|0") == 0, "get: %s", buf);
	ok(store_entry_edit(s, ids[0], "second words", &e) == 0, "edit");
	ok(store_entry_edit(s, ids[0], "third words", &e) == 0, "edit again");
	ok(store_entry_edit(s, ids[0], "", &e) == -1, "edit to empty refused");
	ok(store_entry_get(s, ids[0], last_entry, buf, &e) == 0 &&
	    strcmp(buf, "First|third words|calm sea|before the first session|2")
	    == 0, "after two edits: %s", buf);
	ok(store_entry_get_json(s, ids[0], &json, &e) == 0 && json_valid(json),
	    "get as JSON");
	ok(strcmp(json_at(json, "$.revisions[0].body"), "the first words") ==
	    0 && strcmp(json_at(json, "$.revisions[1].body"), "second words")
	    == 0, "revisions oldest first");
	ok(strcmp(json_at(json, "$.tags[1]"), "sea") == 0, "tags in JSON");
	free(json);
	ok(store_entry_get(s, "00000000-0000-4000-8000-000000000000",
	    last_entry, buf, &e) == -1, "get an unknown ID");
	buf[0] = '\0';
	ok(store_entry_revisions(s, ids[0], revision_line, buf, &e) == 0 &&
	    strcmp(buf, "the first words|second words|") == 0,
	    "store_entry_revisions: %s", buf);
	{
		static const struct {
			const char *kind;
			int valid;
		} kinds[] = {
			{ "journal", 1 }, { "reflection", 1 }, { "dream", 1 },
			{ "other", 1 }, { "Journal", 0 }, { "", 0 },
			{ NULL, 0 },
		};
		size_t k;

		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			ok(store_kind_valid(kinds[k].kind) == kinds[k].valid,
			    "store_kind_valid(%s)", kinds[k].kind ?
			    kinds[k].kind : "NULL");
	}

	/* search */
	for (i = 0; i < sizeof searches / sizeof searches[0]; i++) {
		got = 0;
		ok(store_search(s, searches[i].q, 0, count_entry, &got, &e) ==
		    0 && got == searches[i].want, "search '%s': %d",
		    searches[i].q, got);
	}
	ok(store_search(s, "  ", 0, count_entry, &got, &e) == -1,
	    "an empty search is refused");
	ok(store_search_json(s, "traume", 10, &json, &e) == 0 &&
	    json_valid(json) && strstr(json_at(json, "$[0].snippet"),
	    "[Tr\xc3\xa4ume]") != NULL, "search JSON with a snippet");
	ok(strcmp(json_at(json, "$[0].placement"),
	    "day 3 after medicine session 1") == 0, "search carries placement");
	free(json);

	/* tags */
	buf[0] = '\0';
	ok(store_tags(s, tag_line, buf, &e) == 0 &&
	    strcmp(buf, "calm=2,sea=1,") == 0, "store_tags: %s", buf);
	got = store_tags_json(s, &json, &e);
	ok(got == 0 && strcmp(json,
	    "[{\"tag\":\"calm\",\"count\":2},{\"tag\":\"sea\",\"count\":1}]")
	    == 0, "tags JSON: %s", json);
	free(json);

	/* trash and restore */
	ok(store_entry_trash(s, ids[2], &e) == 0, "trash");
	ok(store_entry_trash(s, ids[2], &e) == -1, "trash twice refused");
	ok(store_resolve(s, STORE_ENTRY, ids[2], uuid, &e) == -1 &&
	    strstr(e.msg, "in the trash") != NULL &&
	    store_resolve(s, STORE_ENTRY_TRASHED, ids[2], uuid, &e) == 0,
	    "a trashed entry resolves only in the trash");
	got = 0;
	ok(store_search(s, "looking", 0, count_entry, &got, &e) == 0 &&
	    got == 0, "trashed entries are not found");
	memset(&f, 0, sizeof f);
	f.trashed = 1;
	got = 0;
	ok(store_entry_list(s, &f, count_entry, &got, &e) == 0 && got == 1,
	    "the trash lists it");
	ok(store_tags_json(s, &json, &e) == 0 && strstr(json,
	    "\"calm\",\"count\":1") != NULL, "tags skip the trash");
	free(json);
	ok(store_entry_restore(s, ids[2], &e) == 0, "restore");
	ok(store_entry_restore(s, ids[2], &e) == -1, "restore twice refused");
}

static void
test_checkins(struct store *s)
{
	static const char *const good[] = { "on-edge", "nightmares",
	    "on-edge" };
	static const char *const bad[] = { "sadness" };
	static const struct {
		int mood, anxiety, sleep;
		double hours;
		const char *const *symptoms;
		size_t n;
		const char *err;
	} cases[] = {
		{ 5, CHECKIN_UNSET, CHECKIN_UNSET, CHECKIN_UNSET, NULL, 0, NULL },
		{ 0, 10, 0, 0, good, 3, NULL },
		{ 10, 0, 10, 24, NULL, 0, NULL },
		{ 11, 0, 0, 0, NULL, 0, "mood" },
		{ -1, 0, 0, 0, NULL, 0, "mood" },
		{ 5, 11, 0, 0, NULL, 0, "anxiety" },
		{ 5, 0, -2, 0, NULL, 0, "sleep" },
		{ 5, 0, 0, 24.5, NULL, 0, "hours" },
		{ 5, 0, 0, -0.5, NULL, 0, "hours" },
		{ 5, 0, 0, 0, bad, 1, "symptom" },
	};
	char uuid[STORE_UUID_LEN + 1];
	struct checkin_new n;
	struct err e;
	size_t i;
	long long before = test_int(v, "SELECT count(*) FROM checkins");

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc;

		memset(&n, 0, sizeof n);
		n.mood = cases[i].mood;
		n.anxiety = cases[i].anxiety;
		n.sleep = cases[i].sleep;
		n.energy = n.connection = CHECKIN_UNSET;
		n.sleep_hours = cases[i].hours;
		n.symptoms = cases[i].symptoms;
		n.nsymptoms = cases[i].n;
		n.when = T0 + 50 * DAY + (time_t)i;
		rc = store_checkin_add(s, &n, uuid, &e);
		if (cases[i].err == NULL)
			ok(rc == 0, "checkin %zu", i);
		else
			ok(rc == -1 && strstr(e.msg, cases[i].err) != NULL,
			    "checkin %zu refused: %s", i, e.msg);
	}
	ok(test_int(v, "SELECT count(*) FROM checkins") == before + 3,
	    "only the good check-ins were written");
	ok(test_int(v, "SELECT count(*) FROM checkins WHERE symptoms = "
	    "'[\"nightmares\",\"on-edge\"]'") == 1,
	    "symptoms in canonical order, once each");
	ok(test_int(v, "SELECT count(*) FROM checkins WHERE anxiety IS NULL "
	    "AND sleep_hours IS NULL") == 1, "unset values are NULL");
	{
		static const char *const names[] = { "nightmares", "flashbacks",
		    "avoidance", "on-edge", "numbness", "concentration",
		    "irritability" };
		char buf[256] = "";

		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			ok(store_symptom_valid(names[i]), "symptom %s", names[i]);
		ok(!store_symptom_valid("On-edge") && !store_symptom_valid(""),
		    "symptoms are exact");
		ok(store_checkin_list(s, T0 + 50 * DAY + 1, T0 + 50 * DAY + 3,
		    checkin_line, buf, &e) == 0 && strcmp(buf,
		    "0/10/[\"nightmares\",\"on-edge\"]/day 41 after medicine "
		    "session 1;10/0/[]/day 41 after medicine session 1;") == 0,
		    "store_checkin_list in a range: %s", buf);
	}
}

static int
session_line(const struct session *r, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 256 - n, "%s%d,", store_session_kind_name(r->kind),
	    r->medicine_no);
	return 0;
}

static void
test_sessions(struct store *s)
{
	char a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1], buf[256] = "";
	char place[96];
	enum session_kind k;
	struct err e;
	char *json;

	ok(store_session_kind_parse("integration", &k) == 0 &&
	    k == SESSION_INTEGRATION && store_session_kind_parse("x", &k) == -1,
	    "session kinds");
	ok(store_session_add(s, SESSION_MEDICINE, T0 + 39 * DAY, "second",
	    NULL, a, &e) == 0, "add medicine 2");
	ok(store_session_add(s, SESSION_INTEGRATION, T0 + 41 * DAY, NULL,
	    NULL, b, &e) == 0, "add integration");
	ok(store_session_add(s, SESSION_OTHER, T0, "\xc0", NULL, b, &e) == -1,
	    "invalid UTF-8 title refused");
	store_place(s, T0 + 43 * DAY, place, sizeof place);
	ok(strcmp(place, "integration, day 4 after medicine session 2") == 0,
	    "placement sees new sessions: %s", place);
	ok(store_session_list(s, session_line, buf, &e) == 0 &&
	    strcmp(buf, "medicine1,medicine2,integration0,") == 0,
	    "list in order, medicine numbered: %s", buf);
	ok(store_session_list_json(s, &json, &e) == 0 && json_valid(json) &&
	    strcmp(json_at(json, "$[1].title"), "second") == 0,
	    "list as JSON");
	free(json);
	ok(store_session_rm(s, a, &e) == 0, "rm");
	ok(store_session_rm(s, a, &e) == -1, "rm twice refused");
	store_place(s, T0 + 43 * DAY, place, sizeof place);
	ok(strcmp(place, "integration, day 34 after medicine session 1") == 0,
	    "placement after rm: %s", place);
}

static int
agenda_line(const struct agenda_item *r, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 256 - n, "%s%s,", r->text, r->done ? "+" : "");
	return 0;
}

static void
test_agenda_drafts_meta(struct store *s)
{
	char a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1], buf[256] = "";
	struct err e;
	char *t, *json;

	ok(store_agenda_add(s, "one", a, &e) == 0, "agenda add");
	ok(store_agenda_add(s, "two", b, &e) == 0, "agenda add two");
	ok(store_agenda_add(s, "", b, &e) == -1, "empty item refused");
	ok(store_agenda_done(s, a, &e) == 0, "agenda done");
	ok(store_agenda_done(s, a, &e) == -1, "done twice refused");
	ok(store_agenda_list(s, agenda_line, buf, &e) == 0 &&
	    strcmp(buf, "two,one+,") == 0, "open first: %s", buf);
	ok(store_agenda_list_json(s, &json, &e) == 0 && json_valid(json) &&
	    strcmp(json_at(json, "$[1].text"), "one") == 0 &&
	    *json_at(json, "$[1].done_utc") != '\0', "agenda JSON");
	free(json);

	ok(store_draft_get(s, "new") == NULL, "no draft yet");
	ok(store_draft_save(s, "new", "half", &e) == 0 &&
	    store_draft_save(s, "new", "half a thought", &e) == 0,
	    "save a draft twice");
	t = store_draft_get(s, "new");
	ok(t != NULL && strcmp(t, "half a thought") == 0, "the latest draft");
	free(t);
	ok(store_draft_save(s, "new", NULL, &e) == 0 &&
	    store_draft_get(s, "new") == NULL, "saving nothing deletes it");

	ok(store_meta_set(s, "safety_plan", "call R.", &e) == 0, "meta set");
	t = store_meta_get(s, "safety_plan");
	ok(t != NULL && strcmp(t, "call R.") == 0, "meta get");
	free(t);
	t = store_meta_get(s, "created");
	ok(t != NULL && atoll(t) > 1700000000, "created is set at creation");
	free(t);
	ok(store_meta_set(s, "colour", "x", &e) == -1, "unknown key refused");
}

static void
test_stats(struct store *s)
{
	static const struct {
		int days_ago;
		int want;               /* streak after adding this one */
	} steps[] = {
		{ 3, 0 }, { 1, 1 }, { 2, 3 }, { 0, 4 }, { 0, 4 },
	};
	char uuid[STORE_UUID_LEN + 1];
	struct checkin_new n;
	struct stats st;
	struct err e;
	char *json;
	time_t now = time(NULL);
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		memset(&n, 0, sizeof n);
		n.mood = 4;
		n.anxiety = n.sleep = n.energy = n.connection = CHECKIN_UNSET;
		n.sleep_hours = CHECKIN_UNSET;
		n.when = now - steps[i].days_ago * DAY;
		store_checkin_add(s, &n, uuid, &e);
		ok(store_stats(s, now, &st, &e) == 0 &&
		    st.streak == steps[i].want, "streak step %zu: %ld", i,
		    st.streak);
	}
	ok(st.entries == 4 && st.checkins == 8 && st.sessions == 2 &&
	    st.agenda_open == 1, "counts: %ld %ld %ld %ld", st.entries,
	    st.checkins, st.sessions, st.agenda_open);
	{
		char buf[256] = "";

		ok(store_stats_groups(s, 0, group_line, buf, &e) == 0 &&
		    strcmp(buf, "after medicine session 1:8:4.4:0-10;") == 0,
		    "mood by phase: %s", buf);
		buf[0] = '\0';
		ok(store_stats_groups(s, 1, group_line, buf, &e) == 0 &&
		    strncmp(buf, "2026-02-16:3:5.0:0-10;", 22) == 0,
		    "mood by week: %s", buf);
	}
	ok(store_stats_json(s, now, &json, &e) == 0 && json_valid(json),
	    "stats JSON");
	ok(strcmp(json_at(json, "$.checkin_streak"), "4") == 0 &&
	    strcmp(json_at(json, "$.mood_by_phase[0].phase"),
	    "after medicine session 1") == 0, "stats JSON fields");
	ok(strcmp(json_at(json, "$.mood_by_week[0].week"), "2026-02-16") == 0,
	    "weeks start on Monday: %s",
	    json_at(json, "$.mood_by_week[0].week"));
	free(json);
}

/* Call every reading and writing function once, without checking. */
static void
exercise(struct store *s)
{
	char id[STORE_UUID_LEN + 1], place[96], buf[256];
	struct entry_filter f;
	struct entry_new n;
	struct stats st;
	struct err e;
	char *json;
	long deleted;
	int got = 0;

	memset(&n, 0, sizeof n);
	n.body = "exercise";
	store_entry_add(s, &n, id, &e);
	store_entry_edit(s, id, "exercise again", &e);
	store_entry_get(s, id, last_entry, buf, &e);
	store_entry_get_json(s, id, &json, &e);
	free(json);
	store_entry_trash(s, id, &e);
	store_entry_restore(s, id, &e);
	store_entry_trash(s, id, &e);
	store_trash_empty(s, &deleted, &e);
	memset(&f, 0, sizeof f);
	store_entry_list(s, &f, count_entry, &got, &e);
	store_entry_list_json(s, &f, &json, &e);
	free(json);
	store_search(s, "words", 0, count_entry, &got, &e);
	store_search_json(s, "words", 0, &json, &e);
	free(json);
	store_tags_json(s, &json, &e);
	free(json);
	store_session_add(s, SESSION_OTHER, T0, NULL, NULL, id, &e);
	store_session_rm(s, id, &e);
	store_place(s, T0, place, sizeof place);
	store_session_list_json(s, &json, &e);
	free(json);
	store_agenda_list_json(s, &json, &e);
	free(json);
	store_stats(s, time(NULL), &st, &e);
	store_stats_json(s, time(NULL), &json, &e);
	free(json);
	store_resolve(s, STORE_CHECKIN, "abcd", id, &e);
}

int
main(void)
{
	struct store *s;
	struct err e;
	char uuid[STORE_UUID_LEN + 1];
	struct entry_new n;
	int before, k;

	setenv("TZ", "UTC", 1);
	test_init();
	test_timeline();
	v = test_new_vault(test_path("store.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	ok(store_schema_version(s) == STORE_SCHEMA_VERSION, "current schema");
	test_entries(s);
	test_checkins(s);
	test_sessions(s);
	test_agenda_drafts_meta(s);
	test_stats(s);

	/* Transactions: a rollback undoes everything since store_begin. */
	memset(&n, 0, sizeof n);
	n.body = "in a transaction";
	ok(store_begin(s, &e) == 0 && store_entry_add(s, &n, uuid, &e) == 0,
	    "add inside a transaction");
	store_rollback(s);
	ok(store_resolve(s, STORE_ENTRY, uuid, uuid, &e) == -1,
	    "rolled back");

	/* The statement cache: doing it all again prepares nothing new. */
	exercise(s);
	before = statements();
	for (k = 0; k < 3; k++)
		exercise(s);
	ok(statements() == before, "every statement is prepared once "
	    "(%d, then %d)", before, statements());
	store_close(s);
	ok(statements() == 0, "store_close finalizes them all");
	vault_close(v);
	return tap_done();
}
