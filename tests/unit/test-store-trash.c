/*
 * test-store-trash.c: emptying the trash removes the text from the file.
 *
 * Every page of the database is decrypted with vault_read_page() and
 * searched for words that only the deleted entry held (its body, title,
 * tag and an earlier revision).  The same scan finds them before the
 * trash is emptied, which shows the scan can see them at all.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

static const char *const needles[] = {
	"quetzalpelican", "xylophonetitle", "zanzibartag", "oldrevisionword",
};

/* How many of the needles occur somewhere in the decrypted pages. */
static int
scan(struct vault *v, int *found)
{
	unsigned char page[4096];
	long long n = test_int(v, "PRAGMA page_count"), p;
	struct err e;
	size_t i;
	int hits = 0;

	memset(found, 0, sizeof needles / sizeof needles[0] * sizeof *found);
	for (p = 1; p <= n; p++) {
		if (vault_read_page(v, (uint32_t)p, page, &e) != 0)
			return -1;
		for (i = 0; i < sizeof needles / sizeof needles[0]; i++)
			if (memmem(page, sizeof page, needles[i],
			    strlen(needles[i])) != NULL)
				found[i]++;
	}
	for (i = 0; i < sizeof needles / sizeof needles[0]; i++)
		hits += found[i] > 0;
	vault_wipe(page, sizeof page);
	return hits;
}

int
main(void)
{
	const char *tags[] = { "zanzibartag" };
	char keep[STORE_UUID_LEN + 1], gone[STORE_UUID_LEN + 1];
	struct entry_new n;
	struct store *s;
	struct vault *v;
	struct err e;
	int found[4], i;
	long deleted;

	test_init();
	v = test_new_vault(test_path("trash.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	memset(&n, 0, sizeof n);
	n.body = "an ordinary entry that stays";
	ok(store_entry_add(s, &n, keep, &e) == 0, "add an entry to keep");
	n.title = "xylophonetitle";
	n.body = "oldrevisionword first version";
	n.tags = tags;
	n.ntags = 1;
	ok(store_entry_add(s, &n, gone, &e) == 0, "add the entry to delete");
	ok(store_entry_edit(s, gone, "now about quetzalpelican only", &e) == 0,
	    "edit it (the first text becomes a revision)");
	/* Many more entries so the index has several segments. */
	for (i = 0; i < 300; i++) {
		char body[64];

		snprintf(body, sizeof body, "filler entry number %d", i);
		n.title = NULL;
		n.body = body;
		n.ntags = 0;
		store_entry_add(s, &n, keep, &e);
	}
	ok(scan(v, found) == 4, "before: the scan finds every word "
	    "(%d %d %d %d pages)", found[0], found[1], found[2], found[3]);
	ok(store_entry_trash(s, gone, &e) == 0, "move it to the trash");
	ok(scan(v, found) == 4, "in the trash: still in the file");
	ok(store_trash_empty(s, &deleted, &e) == 0, "empty the trash: %s",
	    e.msg);
	ok(deleted == 1, "one entry deleted");
	ok(scan(v, found) == 0, "after: none of the words is in any page "
	    "(%d %d %d %d)", found[0], found[1], found[2], found[3]);
	ok(test_int(v, "SELECT count(*) FROM entry_revisions") == 0,
	    "its revision is gone");
	ok(test_int(v, "SELECT count(*) FROM tags") == 0, "its tag is gone");
	ok(test_int(v, "SELECT count(*) FROM entries") == 301,
	    "the other entries stay");
	ok(test_int(v, "PRAGMA freelist_count") == 0, "no free pages left");
	ok(store_trash_empty(s, &deleted, &e) == 0 && deleted == 0,
	    "emptying an empty trash is fine");
	store_close(s);
	{
		uint32_t pages;

		ok(vault_verify(v, &pages, &e) == 0, "the vault verifies");
	}
	vault_close(v);
	return tap_done();
}
