/*
 * test-store-update.c: store_entry_update replaces an entry's title,
 * body, kind, tags and shared flag in one step, keeps the earlier title
 * and body as a revision, keeps the search index in step, writes nothing
 * when it refuses; and store_draft_list names every draft.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/vault.h"

struct got {
	char title[64], body[128], kind[16], tags[64], prompt[64];
	int shared, revisions;
};

static int
got_entry(const struct entry *r, void *arg)
{
	struct got *g = arg;

	snprintf(g->title, sizeof g->title, "%s", r->title);
	snprintf(g->body, sizeof g->body, "%s", r->body);
	snprintf(g->kind, sizeof g->kind, "%s", r->kind);
	snprintf(g->tags, sizeof g->tags, "%s", r->tags);
	snprintf(g->prompt, sizeof g->prompt, "%s",
	    r->prompt != NULL ? r->prompt : "(none)");
	g->shared = r->shared;
	g->revisions = r->revisions;
	return 0;
}

struct rev {
	int n;
	char title[64], body[128];
};

static int
got_revision(time_t saved, const char *title, const char *body, void *arg)
{
	struct rev *r = arg;

	(void)saved;
	r->n++;
	snprintf(r->title, sizeof r->title, "%s", title);
	snprintf(r->body, sizeof r->body, "%s", body);
	return 0;
}

static int
count_hits(const struct entry *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

struct drafts {
	int n;
	char first[64];
};

static int
got_draft(const char *key, time_t saved, void *arg)
{
	struct drafts *d = arg;

	if (d->n++ == 0)
		snprintf(d->first, sizeof d->first, "%s", key);
	return saved > 0 ? 0 : 1;
}

int
main(void)
{
	const char *tags1[] = { "alpha", "beta" };
	const char *tags2[] = { "gamma", "délta" };
	const char *bad[] = { "two words" };
	char id[STORE_UUID_LEN + 1];
	struct entry_new n;
	struct store *s;
	struct vault *v;
	struct got g;
	struct rev rv;
	struct drafts d;
	struct err e;
	int hits;

	test_init();
	v = test_new_vault(test_path("update.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	memset(&n, 0, sizeof n);
	n.title = "First title";
	n.body = "first body with pelicanword";
	n.kind = "dream";
	n.prompt = "What stood out?";
	n.tags = tags1;
	n.ntags = 2;
	ok(store_entry_add(s, &n, id, &e) == 0, "add an entry");

	memset(&n, 0, sizeof n);
	n.title = "Zweiter Titel";
	n.body = "Ich fühlte mich sicher. 安心 🌿 heronword";
	n.kind = "reflection";
	n.tags = tags2;
	n.ntags = 2;
	n.shared = 1;
	ok(store_entry_update(s, id, &n, &e) == 0, "update it: %s",
	    e.msg);
	memset(&g, 0, sizeof g);
	ok(store_entry_get(s, id, got_entry, &g, &e) == 0, "read it back");
	ok(strcmp(g.title, "Zweiter Titel") == 0, "the new title");
	ok(strcmp(g.body, "Ich fühlte mich sicher. 安心 🌿 heronword") == 0,
	    "the new body, exactly");
	ok(strcmp(g.kind, "reflection") == 0, "the new kind");
	ok(strcmp(g.tags, "délta gamma") == 0, "the tags replaced: %s",
	    g.tags);
	ok(g.shared == 1, "now shared");
	ok(strcmp(g.prompt, "What stood out?") == 0,
	    "a NULL prompt keeps the old one");
	ok(g.revisions == 1, "one revision");
	memset(&rv, 0, sizeof rv);
	ok(store_entry_revisions(s, id, got_revision, &rv, &e) == 0 &&
	    rv.n == 1, "the revision is listed");
	ok(strcmp(rv.title, "First title") == 0 &&
	    strcmp(rv.body, "first body with pelicanword") == 0,
	    "it holds the earlier title and body");
	ok(test_int(v, "SELECT count(*) FROM tags") == 2,
	    "the old tags are gone from the table");

	hits = 0;
	ok(store_search(s, "heronword", 10, count_hits, &hits, &e) == 0 &&
	    hits == 1, "the index finds the new text");
	hits = 0;
	ok(store_search(s, "pelicanword", 10, count_hits, &hits, &e) == 0 &&
	    hits == 0, "and no longer the old text");
	hits = 0;
	ok(store_search(s, "gamma", 10, count_hits, &hits, &e) == 0 &&
	    hits == 1, "the index has the new tags");
	hits = 0;
	ok(store_search(s, "alpha", 10, count_hits, &hits, &e) == 0 &&
	    hits == 0, "and not the old ones");

	/* Back to private, no tags; the prompt changes when given. */
	memset(&n, 0, sizeof n);
	n.body = "third";
	n.prompt = "A new prompt";
	ok(store_entry_update(s, id, &n, &e) == 0, "update again");
	memset(&g, 0, sizeof g);
	store_entry_get(s, id, got_entry, &g, &e);
	ok(g.shared == 0 && g.tags[0] == '\0' && g.title[0] == '\0' &&
	    strcmp(g.kind, "journal") == 0, "private, untitled, no tags, "
	    "a journal entry");
	ok(strcmp(g.prompt, "A new prompt") == 0, "the prompt given is kept");
	ok(g.revisions == 2, "two revisions");

	/* Refusals change nothing. */
	n.body = "";
	ok(store_entry_update(s, id, &n, &e) != 0, "empty text is refused");
	n.body = "fourth";
	n.kind = "novel";
	ok(store_entry_update(s, id, &n, &e) != 0, "a bad kind is refused");
	n.kind = NULL;
	n.tags = bad;
	n.ntags = 1;
	ok(store_entry_update(s, id, &n, &e) != 0, "a bad tag is refused");
	n.tags = NULL;
	n.ntags = 0;
	ok(store_entry_update(s, "00000000-0000-4000-8000-000000000000", &n,
	    &e) != 0, "an unknown entry is refused");
	ok(strstr(e.msg, "fourth") == NULL, "the error does not quote text");
	memset(&g, 0, sizeof g);
	store_entry_get(s, id, got_entry, &g, &e);
	ok(strcmp(g.body, "third") == 0 && g.revisions == 2,
	    "nothing changed (%d revisions)", g.revisions);
	ok(test_int(v, "SELECT count(*) FROM entry_revisions") == 2,
	    "no stray revision was written");

	ok(store_entry_trash(s, id, &e) == 0, "move it to the trash");
	ok(store_entry_update(s, id, &n, &e) != 0,
	    "an entry in the trash is refused");

	/* Drafts are listed by key. */
	memset(&d, 0, sizeof d);
	ok(store_draft_list(s, got_draft, &d, &e) == 0 && d.n == 0,
	    "no drafts at first");
	ok(store_draft_save(s, "editor", "one", &e) == 0 &&
	    store_draft_save(s, "editor:abc", "two", &e) == 0, "two drafts");
	ok(store_draft_list(s, got_draft, &d, &e) == 0 && d.n == 2,
	    "both are listed");
	ok(store_draft_save(s, "editor", NULL, &e) == 0, "delete one");
	memset(&d, 0, sizeof d);
	ok(store_draft_list(s, got_draft, &d, &e) == 0 && d.n == 1 &&
	    strcmp(d.first, "editor:abc") == 0, "the other is left");
	store_close(s);
	vault_close(v);
	return tap_done();
}
