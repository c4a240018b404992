/*
 * test-inbox.c: notes jotted without the passphrase (src/vault/inbox.c)
 * and brought into the journal at the next unlock (src/store/jot.c).
 *
 * The inbox is hostile input: cut short, damaged, sealed to another key,
 * random bytes.  None of it may crash, lose a note that was reported
 * saved, or bring one in twice.
 */
#include "config.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/header.h"
#include "tend/inbox.h"
#include "tend/store.h"
#include "vault/vault-int.h"
#include "vtest.h"

#define T0 1764900000

static int
jot(const char *vpath, const char *text, struct err *e)
{
	return inbox_jot(vpath, text, strlen(text), T0, 60, e);
}

/* Import into the vault at path; *added, problem (may be NULL). */
static int
import(const char *path, size_t *added, char problem[ERR_MSG_MAX])
{
	char tmp[ERR_MSG_MAX];
	struct vault *v = test_open_vault(path);
	struct store *s;
	struct err e;
	int rc;

	if (store_open(v, &s, &e) != 0)
		fatal("store: %s", e.msg);
	rc = store_jot_import(s, added, problem ? problem : tmp, ERR_MSG_MAX,
	    &e);
	if (rc != 0)
		tap_diag("import: %s", e.msg);
	store_close(s);
	vault_close(v);
	return rc;
}

/* How many entries tagged jot hold text (and in all). */
static long long
jots_with(const char *path, const char *text)
{
	struct vault *v = test_open_vault(path);
	char *sql = sqlite3_mprintf("SELECT count(*) FROM entries e JOIN "
	    "tags t ON t.entry = e.id AND t.tag = 'jot' WHERE %Q IS NULL OR "
	    "e.body = %Q", text, text);
	long long n = test_int(v, sql);

	sqlite3_free(sql);
	vault_close(v);
	return n;
}

static int
exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void
test_round_trip(void)
{
	char *path = xstrdup(test_path("rt.tend"));
	char *in = inbox_path(path), *saved = xstrdup(test_path("rt.saved"));
	struct vault *v = test_new_vault(path);
	unsigned char zero[32] = { 0 };
	char problem[ERR_MSG_MAX];
	struct stat st;
	struct err e;
	size_t added = 0;

	ok(memcmp(v->hdr.pub, zero, 32) != 0, "a new vault has a public key "
	    "for notes in its header");
	vault_close(v);
	ok(jot(path, "the river at dawn, quietly", &e) == 0, "jot one note");
	ok(jot(path, "a second thought about the garden", &e) == 0,
	    "jot another");
	ok(stat(in, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "the inbox is mode 0600");
	ok(st.st_size == 16 + 2 * (4 + 48 + 1024), "each note is padded to "
	    "1 KiB (size %lld)", (long long)st.st_size);
	ok(test_count_in_file(in, "river") == 0 &&
	    test_count_in_file(in, "garden") == 0, "no word of the notes is "
	    "in the inbox");
	ok(inbox_waiting(path) == 2, "two notes wait");
	vt_copy(in, saved);
	ok(import(path, &added, problem) == 0 && added == 2, "the unlock "
	    "brings both in");
	ok(problem[0] == '\0', "with nothing to report");
	ok(!exists(in), "the inbox is gone after the import");
	ok(jots_with(path, "the river at dawn, quietly") == 1 &&
	    jots_with(path, "a second thought about the garden") == 1,
	    "each is an entry tagged jot");
	v = test_open_vault(path);
	ok(test_int(v, "SELECT count(*) FROM entries WHERE created = 1764900000 "
	    "AND created_off = 60 AND shared = 0 AND kind = 'journal'") == 2,
	    "kept with the jot time, not shared");
	vault_close(v);
	ok(import(path, &added, NULL) == 0 && added == 0,
	    "another unlock brings nothing more");
	/* A crash after the commit and before the removal. */
	vt_copy(saved, in);
	ok(import(path, &added, NULL) == 0 && added == 0,
	    "the same inbox again (a crash before it was removed) adds "
	    "nothing");
	ok(!exists(in), "and is removed then");
	ok(jots_with(path, NULL) == 2, "still two notes in the journal");
	free(in);
	free(saved);
	free(path);
}

/* Cut the inbox by n bytes at the end. */
static void
cut(const char *in, off_t n)
{
	struct stat st;

	if (stat(in, &st) != 0 || truncate(in, st.st_size - n) != 0)
		fatal("cut %s", in);
}

static void
test_cut_short(void)
{
	char *path = xstrdup(test_path("cut.tend"));
	char *in = inbox_path(path);
	char problem[ERR_MSG_MAX];
	struct err e;
	size_t added = 0;

	vault_close(test_new_vault(path));
	jot(path, "first whole note", &e);
	jot(path, "second note, cut by a crash", &e);
	cut(in, 300);
	ok(inbox_waiting(path) == 1, "a cut-short note is not counted");
	ok(jot(path, "third note after the crash", &e) == 0,
	    "jot after a crash mid-append");
	ok(inbox_waiting(path) == 2, "the torn record was cut off first");
	jot(path, "fourth note, cut again", &e);
	cut(in, 1);
	ok(import(path, &added, problem) == 0 && added == 2,
	    "the whole notes come in");
	ok(vt_says(problem, "cut short"), "the cut one is named: %s",
	    problem);
	ok(jots_with(path, "first whole note") == 1 &&
	    jots_with(path, "third note after the crash") == 1,
	    "the right two");
	ok(!exists(in), "the inbox is removed");
	free(in);
	free(path);
}

static void
test_damaged(void)
{
	char *path = xstrdup(test_path("dmg.tend"));
	char *in = inbox_path(path);
	unsigned char junk[8] = { 0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4 };
	char problem[ERR_MSG_MAX];
	struct err e;
	size_t added = 0;
	int fd;

	vault_close(test_new_vault(path));
	jot(path, "before the damage", &e);
	fd = open(in, O_WRONLY | O_APPEND);
	if (fd < 0 || write(fd, junk, sizeof junk) != (ssize_t)sizeof junk)
		fatal("append junk");
	close(fd);
	ok(jot(path, "after the damage", &e) != 0 && vt_says(e.msg, "damaged")
	    && vt_one_sentence(e.msg), "jot refuses a damaged inbox: %s",
	    e.msg);
	ok(import(path, &added, problem) == 0 && added == 1,
	    "what came before the damage comes in");
	ok(vt_says(problem, "damaged"), "the damage is named: %s", problem);
	ok(exists(in), "the damaged inbox is kept");
	ok(import(path, &added, NULL) == 0 && added == 0,
	    "a later unlock brings in nothing twice");
	free(in);
	free(path);
}

/* Notes sealed to another journal's key are kept, not lost, not read. */
static void
test_other_key(void)
{
	char *a = xstrdup(test_path("ka.tend")), *b = xstrdup(test_path("kb.tend"));
	char *ina = inbox_path(a), *inb = inbox_path(b);
	char problem[ERR_MSG_MAX];
	struct err e;
	size_t added = 0;

	vault_close(test_new_vault(a));
	vault_close(test_new_vault(b));
	jot(b, "meant for the other journal", &e);
	vt_copy(inb, ina);
	jot(a, "meant for this one", &e);
	ok(import(a, &added, problem) == 0 && added == 1,
	    "the note for this journal comes in");
	ok(vt_says(problem, "could not be opened"), "the other is "
	    "named: %s", problem);
	ok(exists(ina), "and kept in the inbox");
	ok(jots_with(a, "meant for the other journal") == 0,
	    "it is not read");
	free(a);
	free(b);
	free(ina);
	free(inb);
}

/* Write pub into both header copies with a good checksum (no MAC key). */
static void
plant(const char *path, const unsigned char pub[32])
{
	size_t n;
	unsigned char *buf = test_slurp(path, &n);
	int i;

	for (i = 0; i < 2; i++) {
		unsigned char *h = buf + i * HDR_COPY;

		memcpy(h + HDR_PUB_OFF, pub, 32);
		crypto_generichash(h + HDR_SUM_OFF, 32, h, HDR_SUM_OFF,
		    NULL, 0);
	}
	if (test_spit(path, buf, n) != 0)
		fatal("plant");
	free(buf);
}

static void
test_planted_key(void)
{
	char *path = xstrdup(test_path("plant.tend"));
	unsigned char pk[32], sk[32];
	struct vault *v = NULL;
	struct err e;

	vault_close(test_new_vault(path));
	crypto_box_keypair(pk, sk);
	plant(path, pk);
	ok(jot(path, "sealed to a planted key", &e) == 0,
	    "jot cannot tell a planted key (it has no passphrase)");
	ok(vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e) != 0 && vt_says(e.msg, "authentication"),
	    "the unlock notices the planted key: %s", e.msg);
	free(path);
}

/* A vault made before tend jot: no public key, but a good MAC. */
static void
make_old(const char *path)
{
	struct vault *v = test_new_vault(path);
	unsigned char buf[2 * HDR_COPY];
	struct header h = v->hdr;
	int fd;

	memset(h.pub, 0, sizeof h.pub);
	h.generation = 1;
	hdr_encode(&h, v->keys->mac, buf);
	h.generation = 2;
	hdr_encode(&h, v->keys->mac, buf + HDR_COPY);
	vault_close(v);
	fd = open(path, O_WRONLY);
	if (fd < 0 || pwrite(fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf)
		fatal("make_old");
	close(fd);
}

static void
test_old_vault(void)
{
	char *path = xstrdup(test_path("old.tend"));
	unsigned char zero[32] = { 0 };
	struct vault *v;
	struct err e;
	size_t added = 0;

	make_old(path);
	ok(jot(path, "too early", &e) != 0 && vt_says(e.msg, "no key") &&
	    vt_one_sentence(e.msg), "jot on an old vault says why: %s",
	    e.msg);
	{
		char *in = inbox_path(path);

		ok(!exists(in), "and writes nothing");
		free(in);
	}
	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), 0, &v, &e) != 0)
		fatal("%s", e.msg);
	ok(memcmp(v->hdr.pub, zero, 32) == 0, "an old vault still opens, "
	    "and reading does not change it");
	vault_close(v);
	v = test_open_vault(path);
	ok(memcmp(v->hdr.pub, zero, 32) != 0 && vault_warning(v, 1) == NULL,
	    "an unlock that may write gives it a key");
	vault_close(v);
	ok(jot(path, "now it works", &e) == 0, "then jot works");
	ok(import(path, &added, NULL) == 0 && added == 1, "and the note "
	    "comes in");
	free(path);
}

static void
test_rekey(void)
{
	char *path = xstrdup(test_path("rk.tend"));
	char recovery[VAULT_RECOVERY_CHARS + 1];
	unsigned char before[32];
	struct vault *v = test_new_vault(path);
	struct err e;
	size_t added = 0;

	memcpy(before, v->hdr.pub, 32);
	vault_close(v);
	jot(path, "jotted before the rekey", &e);
	v = test_open_vault(path);
	ok(vault_rekey(v, TEST_PASS, strlen(TEST_PASS), -1, NULL, recovery,
	    &e) == 0, "rekey");
	ok(memcmp(v->hdr.pub, before, 32) == 0, "the key for notes survives "
	    "a rekey");
	vault_close(v);
	jot(path, "jotted after the rekey", &e);
	ok(import(path, &added, NULL) == 0 && added == 2,
	    "notes from before and after the rekey come in");
	free(path);
}

/* Random records after a good head: never a crash, never a note. */
static void
test_random(void)
{
	char *path = xstrdup(test_path("rnd.tend"));
	char *in = inbox_path(path);
	unsigned char buf[8192];
	char problem[ERR_MSG_MAX];
	struct err e;
	size_t added = 0, len, total = 0;
	int i, fails = 0;

	vault_close(test_new_vault(path));
	for (i = 0; i < 40; i++) {
		jot(path, "x", &e);
		len = 16 + randombytes_uniform(sizeof buf - 16);
		randombytes_buf(buf + 16, len - 16);
		{
			size_t n;
			unsigned char *head = test_slurp(in, &n);

			memcpy(buf, head, 16);
			free(head);
		}
		if (i % 2 == 0) {       /* a plausible length */
			buf[16] = (unsigned char)(1072 & 0xff);
			buf[17] = (unsigned char)(1072 >> 8);
			buf[18] = buf[19] = 0;
		}
		test_spit(in, buf, len);
		if (import(path, &added, problem) != 0 || added != 0)
			fails++;
		total += added;
		unlink(in);
	}
	ok(fails == 0 && total == 0, "40 random inboxes: no note, no "
	    "failure, no crash");
	free(in);
	free(path);
}

int
main(void)
{
	test_init();
	test_round_trip();
	test_cut_short();
	test_damaged();
	test_other_key();
	test_planted_key();
	test_old_vault();
	test_rekey();
	test_random();
	return tap_done();
}
