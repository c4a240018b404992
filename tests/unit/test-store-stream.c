/*
 * test-store-stream.c: the JSON lists written row by row
 * (store_entry_list_json_to, store_search_json_to) are byte for byte the
 * texts the whole-string functions build, for every filter, an empty
 * result, the trash and search; a failed write is an error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

static struct store *s;

/* What a _json_to function wrote, as one string. */
static char *
streamed_list(const struct entry_filter *f, int *rc)
{
	struct err e;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		fatal("open_memstream");
	*rc = store_entry_list_json_to(s, f, m, &e);
	fclose(m);
	return buf;
}

static char *
streamed_search(const char *q, long limit, int *rc)
{
	struct err e;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		fatal("open_memstream");
	*rc = store_search_json_to(s, q, limit, m, &e);
	fclose(m);
	return buf;
}

static void
same_list(const struct entry_filter *f, const char *what)
{
	struct err e;
	char *whole = NULL, *rows;
	int rc;

	if (store_entry_list_json(s, f, &whole, &e) != 0)
		fatal("list_json: %s", e.msg);
	rows = streamed_list(f, &rc);
	ok(rc == 0 && strcmp(whole, rows) == 0, "list %s: the same %zu bytes",
	    what, strlen(whole));
	free(whole);
	free(rows);
}

static void
same_search(const char *q, long limit)
{
	struct err e;
	char *whole = NULL, *rows;
	int rc;

	if (store_search_json(s, q, limit, &whole, &e) != 0)
		fatal("search_json: %s", e.msg);
	rows = streamed_search(q, limit, &rc);
	ok(rc == 0 && strcmp(whole, rows) == 0,
	    "search '%s' limit %ld: the same %zu bytes", q, limit,
	    strlen(whole));
	free(whole);
	free(rows);
}

int
main(void)
{
	static const char *const bodies[] = {
		"Am Meer \"gewesen\"\n\tmit \\ Sand",
		"Tr\xc3\xa4ume vom Meer, wieder und wieder",
		"a plain day",
		"\xf0\x9f\x8c\x8a waves; the sea at night",
		"control \x01 and </script> in text",
	};
	const char *tags[] = { "meer", "nacht" };
	char id[STORE_UUID_LEN + 1];
	struct entry_filter f;
	struct entry_new n;
	struct vault *v;
	struct err e;
	char *rows;
	size_t i;
	int rc;
	FILE *full;

	test_init();
	v = test_new_vault(test_path("j.tend"));
	if (store_open(v, &s, &e) != 0)
		fatal("open: %s", e.msg);
	memset(&f, 0, sizeof f);
	rows = streamed_list(&f, &rc);
	ok(rc == 0 && strcmp(rows, "[]") == 0, "an empty journal is []");
	free(rows);
	same_list(&f, "of nothing");

	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		memset(&n, 0, sizeof n);
		n.body = bodies[i];
		n.title = i % 2 ? "Titel" : NULL;
		n.kind = i == 1 ? "dream" : NULL;
		n.tags = tags;
		n.ntags = i % 3;
		n.shared = (int)(i % 2);
		n.when = 1767261600 + (time_t)i * 86400;
		if (store_entry_add(s, &n, id, &e) != 0)
			fatal("add: %s", e.msg);
		if (i == 2 && store_entry_edit(s, id, "edited", &e) != 0)
			fatal("edit: %s", e.msg);
		if (i == 4 && store_entry_trash(s, id, &e) != 0)
			fatal("trash: %s", e.msg);
	}

	same_list(&f, "of all");
	f.newest_first = 1;
	same_list(&f, "newest first");
	f.limit = 2;
	f.offset = 1;
	same_list(&f, "a page");
	memset(&f, 0, sizeof f);
	f.kind = "dream";
	same_list(&f, "of dreams");
	f.kind = NULL;
	f.tag = "nacht";
	same_list(&f, "by tag");
	f.tag = NULL;
	f.since = 1767261600 + 86400;
	f.until = 1767261600 + 3 * 86400;
	same_list(&f, "of a range");
	memset(&f, 0, sizeof f);
	f.trashed = 1;
	same_list(&f, "of the trash");
	f.trashed = 0;
	f.since = 1;
	f.until = 2;
	rows = streamed_list(&f, &rc);
	ok(rc == 0 && strcmp(rows, "[]") == 0, "no match is []");
	free(rows);

	same_search("meer", 0);
	same_search("meer", 1);
	same_search("traume", 0);
	same_search("nothingmatches", 0);
	same_search("wav*", 0);

	memset(&f, 0, sizeof f);
	full = fopen("/dev/full", "w");
	if (full == NULL)
		fatal("/dev/full");
	setvbuf(full, NULL, _IONBF, 0);
	ok(store_entry_list_json_to(s, &f, full, &e) == -1,
	    "a failed write is an error: %s", e.msg);
	fclose(full);
	store_close(s);
	vault_close(v);
	return tap_done();
}
