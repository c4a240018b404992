/*
 * test-rekey.c: a new data key (vault_rekey) and a new recovery key
 * (vault_recovery_new).
 *
 * Regression (issue 11): after a passphrase change the data key stayed
 * the same, so an old copy of the header glued onto today's pages opened
 * with the old passphrase and showed what was written after the change.
 * After a rekey it must not: every page is under a new key and UUID.
 */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "vtest.h"

#define NEWPASS "a new passphrase for the new key"

struct ticks {
	unsigned calls, last, total;
	int backwards;
};

static void
tick(void *arg, unsigned done, unsigned total)
{
	struct ticks *t = arg;

	if (done < t->last)
		t->backwards = 1;
	t->calls++;
	t->last = done;
	t->total = total;
}

/* The old header (4096 bytes) of old followed by the pages of now. */
static void
glue(const char *old, const char *now, const char *out)
{
	size_t n_old, n_now;
	unsigned char *a = test_slurp(old, &n_old);
	unsigned char *b = test_slurp(now, &n_now);

	if (a == NULL || b == NULL || n_now < 4096)
		fatal("glue: cannot read");
	memcpy(b, a, 4096);
	if (test_spit(out, b, n_now) != 0)
		fatal("glue: cannot write");
	free(a);
	free(b);
}

/* How many 4096-byte pages after the header of a also appear, byte for
 * byte, at the same place in b. */
static int
same_pages(const char *a, const char *b)
{
	size_t na, nb, off;
	unsigned char *pa = test_slurp(a, &na), *pb = test_slurp(b, &nb);
	int same = 0;

	for (off = 4096; off + 4096 <= na && off + 4096 <= nb; off += 4096)
		same += memcmp(pa + off, pb + off, 4096) == 0;
	free(pa);
	free(pb);
	return same;
}

static int
opens(const char *path, const char *pass, struct err *e)
{
	struct vault *v;

	if (vault_open(path, pass, strlen(pass), 0, &v, e) != 0)
		return 0;
	/* A page that does not authenticate shows when it is read. */
	if (vt_check_rows(v) < 0) {
		vault_close(v);
		return 0;
	}
	vault_close(v);
	return 1;
}

static void
test_leak_closed(void)
{
	char *path = xstrdup(test_path("leak.tend"));
	char *old = xstrdup(test_path("leak-old.tend"));
	char *glued = xstrdup(test_path("leak-glued.tend"));
	char recovery[VAULT_RECOVERY_CHARS + 1];
	unsigned char uuid0[16], uuid1[16], pk0[32], pk1[32], d0[32], d1[32];
	struct vault *v = test_new_vault(path);
	struct ticks t = { 0 };
	struct vault_rekey_progress p = { tick, &t };
	struct err e;
	int rc;

	ok(vt_add_rows(v, "before", 1, 200, 900) == SQLITE_OK, "rows written");
	ok(test_exec(v, "CREATE VIRTUAL TABLE f USING fts5(body); "
	    "INSERT INTO f SELECT body FROM t; CREATE TABLE drafts(x); "
	    "INSERT INTO drafts VALUES ('unsaved text')") == SQLITE_OK,
	    "search index and a draft written");
	ok(test_int(v, "SELECT count(*) FROM f WHERE f MATCH 'before'") == 200,
	    "search finds the rows");
	vault_uuid(v, uuid0);
	vault_sign_public(v, pk0);
	vault_close(v);
	ok(vt_copy(path, old) == 0, "an old copy kept (a backup)");

	v = test_open_vault(path);
	ok(vault_passwd(v, NEWPASS, strlen(NEWPASS), &e) == 0,
	    "passphrase changed");
	rc = vault_rekey(v, NEWPASS, strlen(NEWPASS), -1, &p, recovery, &e);
	ok(rc == 0, "rekey: %s", rc == 0 ? "done" : e.msg);
	ok(t.calls >= 2 && !t.backwards && t.last == t.total && t.total > 10,
	    "progress ran forward to the end (%u calls, %u of %u pages)",
	    t.calls, t.last, t.total);
	vault_uuid(v, uuid1);
	vault_sign_public(v, pk1);
	ok(memcmp(uuid0, uuid1, 16) != 0, "a new UUID");
	ok(memcmp(pk0, pk1, 32) == 0, "the same signing key");
	ok(vt_check_rows(v) == 200, "the handle reads the new file");
	ok(vt_add_rows(v, "after", 201, 20, 900) == SQLITE_OK,
	    "rows written after the rekey");
	ok(test_int(v, "SELECT count(*) FROM f WHERE f MATCH 'before'") == 200,
	    "the search index survived");
	ok(test_int(v, "SELECT count(*) FROM drafts") == 1,
	    "the draft survived");
	vault_close(v);

	ok(same_pages(old, path) == 0, "no page of the old file is left as "
	    "it was");
	glue(old, path, glued);
	ok(!opens(glued, TEST_PASS, &e), "old header and new pages: the old "
	    "passphrase reads nothing");
	ok(opens(old, TEST_PASS, &e), "the old copy itself still opens with "
	    "the old passphrase (nothing can change that)");
	ok(!opens(path, TEST_PASS, &e), "the vault does not open with the "
	    "old passphrase");
	ok(opens(path, NEWPASS, &e), "the vault opens with the new one");
	if (vault_open(path, NEWPASS, strlen(NEWPASS), 0, &v, &e) == 0) {
		uint32_t pages;

		ok(vault_verify(v, &pages, &e) == 0, "verify after rekey");
		ok(vt_check_rows(v) == 220, "every row there");
		vt_digest_rows(v, d0);
		vault_close(v);
	}
	ok(vault_open_recovery(path, recovery, 0, &v, &e) == 0,
	    "the new recovery key opens it");
	if (v != NULL) {
		vt_digest_rows(v, d1);
		ok(memcmp(d0, d1, 32) == 0, "same rows through the recovery "
		    "key");
		vault_close(v);
	}
	ok(access(path, F_OK) == 0 && vt_size(path) % 4096 == 0,
	    "one vault file");
	free(path);
	free(old);
	free(glued);
}

/* The highest generation of the two header copies of path. */
static uint64_t
generation(const char *path)
{
	size_t n, i;
	unsigned char *b = test_slurp(path, &n);
	uint64_t g[2] = { 0, 0 };
	int c;

	for (c = 0; c < 2 && b != NULL && n >= 4096; c++)
		for (i = 0; i < 8; i++)
			g[c] |= (uint64_t)b[c * 2048 + 16 + i] << (8 * i);
	free(b);
	return g[0] > g[1] ? g[0] : g[1];
}

static void
test_generation_grows(void)
{
	char *path = xstrdup(test_path("gen.tend"));
	char recovery[VAULT_RECOVERY_CHARS + 1];
	struct vault *v = test_new_vault(path);
	struct err e;
	uint64_t before;

	vault_passwd(v, NEWPASS, strlen(NEWPASS), &e);
	vault_passwd(v, TEST_PASS, strlen(TEST_PASS), &e);
	before = generation(path);
	ok(vault_rekey(v, TEST_PASS, strlen(TEST_PASS), -1, NULL, recovery,
	    &e) == 0, "rekey");
	ok(generation(path) == before + 2, "the generation goes on from %llu "
	    "to %llu, never back", (unsigned long long)before,
	    (unsigned long long)generation(path));
	vault_close(v);
	free(path);
}

/* Without a rekey the leak is there: this is what passwd alone leaves. */
static void
test_passwd_alone_leaks(void)
{
	char *path = xstrdup(test_path("alone.tend"));
	char *old = xstrdup(test_path("alone-old.tend"));
	char *glued = xstrdup(test_path("alone-glued.tend"));
	struct vault *v = test_new_vault(path);
	struct err e;

	vt_add_rows(v, "x", 1, 10, 500);
	vault_close(v);
	vt_copy(path, old);
	v = test_open_vault(path);
	vault_passwd(v, NEWPASS, strlen(NEWPASS), &e);
	vt_add_rows(v, "x", 11, 10, 500);
	vault_close(v);
	glue(old, path, glued);
	ok(opens(glued, TEST_PASS, &e), "passwd alone: the old header still "
	    "reads the new pages (why rekey exists)");
	free(path);
	free(old);
	free(glued);
}

static void
test_recovery_new(void)
{
	char *path = xstrdup(test_path("rk.tend"));
	char first[VAULT_RECOVERY_CHARS + 1], second[VAULT_RECOVERY_CHARS + 1];
	struct vault *v;
	struct err e;

	if (vault_create(path, TEST_PASS, strlen(TEST_PASS), VAULT_KDF_MINIMAL,
	    first, &e) != 0)
		fatal("%s", e.msg);
	ok(vault_open_recovery(path, first, 0, &v, &e) == 0,
	    "the first recovery key opens it");
	vault_close(v);
	v = test_open_vault(path);
	vt_add_rows(v, "r", 1, 5, 100);
	ok(vault_recovery_new(v, second, &e) == 0, "new recovery key");
	ok(strcmp(first, second) != 0, "it differs");
	ok(vt_check_rows(v) == 5, "the vault is still usable");
	vault_close(v);
	ok(vault_open_recovery(path, first, 0, &v, &e) != 0 &&
	    strcmp(e.msg, "wrong recovery key for this vault") == 0,
	    "the old recovery key no longer opens it");
	ok(vault_open_recovery(path, second, 0, &v, &e) == 0,
	    "the new one does");
	if (v != NULL) {
		ok(vt_check_rows(v) == 5, "and reads the rows");
		vault_close(v);
	}
	ok(opens(path, TEST_PASS, &e), "the passphrase still works");
	free(path);
}

/* A second connection (another tend) that has the vault open while it is
 * re-encrypted: it cannot write to the file that is no longer the vault,
 * so nothing it does is lost without a word. */
static void
test_second_writer(void)
{
	char *path = xstrdup(test_path("two.tend"));
	char recovery[VAULT_RECOVERY_CHARS + 1];
	struct vault *a, *b;
	struct err e;
	int rc;

	a = test_new_vault(path);
	vt_add_rows(a, "two", 1, 10, 300);
	b = test_open_vault(path);
	ok(vt_check_rows(b) == 10, "the other instance reads the vault");
	ok(test_exec(b, "BEGIN IMMEDIATE") == SQLITE_OK,
	    "the other instance is writing");
	ok(vault_rekey(a, TEST_PASS, strlen(TEST_PASS), -1, NULL, recovery,
	    &e) == -1 && vt_says(e.msg, "busy"),
	    "rekey waits, then says the vault is busy");
	test_exec(b, "ROLLBACK");
	ok(vt_check_rows(a) == 10, "after a refused rekey the vault is usable");
	rc = vault_rekey(a, TEST_PASS, strlen(TEST_PASS), -1, NULL, recovery,
	    &e);
	ok(rc == 0, "rekey once the other is idle: %s", rc ? e.msg : "ok");
	rc = vt_add_rows(b, "two", 11, 5, 300);
	ok(rc != SQLITE_OK, "a write through the old file is refused");
	ok(vault_sql_error(b, rc, &e) == -1 && vt_says(e.msg, "replaced") &&
	    vt_one_sentence(e.msg), "and told in one sentence: %s", e.msg);
	ok(vt_check_rows(a) == 10, "the vault holds what it held");
	ok(vt_add_rows(a, "two", 11, 5, 300) == SQLITE_OK &&
	    vt_check_rows(a) == 15, "the rekeyed handle writes");
	vault_close(b);
	vault_close(a);
	free(path);
}

int
main(void)
{
	test_init();
	test_leak_closed();
	test_passwd_alone_leaks();
	test_generation_grows();
	test_recovery_new();
	test_second_writer();
	return tap_done();
}
