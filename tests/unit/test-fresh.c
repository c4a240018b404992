/*
 * test-fresh.c: a page put back from an older copy of the vault is found
 * on read, not only by verify (issue 11, point 4).
 *
 * Every page that changed between an older copy and the vault, put back
 * alone from the older copy (page 1 too), makes opening fail with one
 * sentence saying part of the vault is older; the same page put back while
 * the vault is open is named by the next read of it.  No false alarms:
 * another connection's changes, a shrinking VACUUM, a rolled-back
 * transaction that spilled pages to the file.  A vault written before the
 * digest existed (page 1 bytes 72-91 zero) opens, verifies and gets its
 * digest at its next change; a digest marker tend does not know is
 * refused.
 */
#include "config.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/header.h"
#include "tend/vault.h"
#include "testutil.h"
#include "vault/shim.h"
#include "vtest.h"

#define ROWS    60

static char *path;

static off_t
page_off(uint32_t pgno)
{
	return SHIM_HEADER + (off_t)(pgno - 1) * SHIM_PAGE;
}

static int
try_open(struct err *e)
{
	struct vault *v;

	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), 0, &v, e) != 0)
		return -1;
	vault_close(v);
	return 0;
}

static int
says_older(const char *msg)
{
	return vt_one_sentence(msg) && vt_says(msg, "older than the rest") &&
	    vt_says(msg, "older copy");
}

/* ---- pages put back from an older copy ---- */

static void
replayed_pages(void)
{
	unsigned char *old, *cur, *mix;
	size_t nold, ncur;
	uint32_t p, changed = 0, caught = 0, n;
	struct vault *v = test_open_vault(path);
	struct err e = { .msg = "" };

	vault_close(v);
	old = test_slurp(path, &nold);
	v = test_open_vault(path);
	ok(test_exec(v, "UPDATE t SET body = 'changed ' || n || substr(body, "
	    "20) WHERE n % 7 = 0") == SQLITE_OK && vt_add_rows(v, "new",
	    ROWS + 1, 5, 1500) == SQLITE_OK, "later changes to the vault");
	vault_close(v);
	cur = test_slurp(path, &ncur);
	if (old == NULL || cur == NULL || ncur < nold)
		fatal("cannot read the vault copies");
	mix = malloc(ncur);
	n = (uint32_t)((nold - SHIM_HEADER) / SHIM_PAGE);
	for (p = 1; p <= n; p++) {
		off_t o = page_off(p);

		if (memcmp(old + o, cur + o, SHIM_PAGE) == 0)
			continue;
		changed++;
		memcpy(mix, cur, ncur);
		memcpy(mix + o, old + o, SHIM_PAGE);
		test_spit(path, mix, ncur);
		if (try_open(&e) != 0 && says_older(e.msg))
			caught++;
		else
			tap_diag("page %u put back: %s", p, e.msg);
	}
	ok(changed >= 3, "%u pages changed between the copies", changed);
	ok(caught == changed, "each one put back alone is refused when the "
	    "vault opens (%u of %u)", caught, changed);
	test_spit(path, mix, ncur);     /* the last mix: what the message is */
	ok(try_open(&e) != 0 && says_older(e.msg), "... in one sentence: %s",
	    e.msg);
	test_spit(path, cur, ncur);
	ok(try_open(&e) == 0, "the vault itself still opens");
	free(old);
	free(cur);
	free(mix);
}

/* The same while the vault is open: the next read of the page names it. */
static void
replayed_in_session(void)
{
	unsigned char *old, page[SHIM_PAGE], keep[SHIM_PAGE];
	size_t nold;
	struct vault *v = test_open_vault(path);
	uint32_t pages, p, target = 0;
	struct err e = { .msg = "" };
	int fd;

	vault_close(v);
	old = test_slurp(path, &nold);
	v = test_open_vault(path);
	test_exec(v, "UPDATE t SET body = 'again ' || n || substr(body, 20) "
	    "WHERE n % 5 = 0");
	fd = open(path, O_RDWR);
	for (p = 2; fd >= 0 && target == 0 &&
	    page_off(p) + SHIM_PAGE <= (off_t)nold; p++)
		if (pread(fd, keep, SHIM_PAGE, page_off(p)) == SHIM_PAGE &&
		    memcmp(keep, old + page_off(p), SHIM_PAGE) != 0)
			target = p;
	ok(target != 0, "a page changed while the vault is open (page %u)",
	    target);
	if (fd >= 0 && target != 0 && pwrite(fd, old + page_off(target),
	    SHIM_PAGE, page_off(target)) != SHIM_PAGE)
		fatal("cannot write %s", path);
	if (fd >= 0)
		close(fd);
	ok(vault_verify(v, &pages, &e) != 0 && vt_names_page(e.msg, target) &&
	    says_older(e.msg), "put back under the open vault: the next read "
	    "names page %u (%s)", target, e.msg);
	ok(vault_read_page(v, target, page, &e) != 0 &&
	    vt_names_page(e.msg, target), "... every time it is read");
	vault_close(v);
	sodium_memzero(page, sizeof page);
	/* the current page back, for the next tests */
	fd = open(path, O_RDWR);
	if (fd < 0 || target == 0 ||
	    pwrite(fd, keep, SHIM_PAGE, page_off(target)) != SHIM_PAGE)
		fatal("cannot write %s", path);
	close(fd);
	free(old);
}

/* ---- no false alarms ---- */

static void
no_false_alarms(void)
{
	struct vault *v1, *v2;
	uint32_t pages;
	struct err e = { .msg = "" };
	long long before;

	v1 = test_open_vault(path);
	before = test_int(v1, "SELECT max(n) FROM t");
	v2 = test_open_vault(path);
	ok(vt_add_rows(v2, NULL, (int)before + 1, 10, 3000) == SQLITE_OK,
	    "another connection adds rows");
	vault_close(v2);
	ok(test_int(v1, "SELECT max(n) FROM t") == before + 10,
	    "the first sees them, no alarm");
	ok(vault_verify(v1, &pages, &e) == 0, "... and verifies (%s)",
	    e.msg);
	ok(test_exec(v1, "BEGIN") == SQLITE_OK &&
	    vt_add_rows(v1, "spill", (int)before + 11, 3000, 4000) ==
	    SQLITE_OK && test_exec(v1, "ROLLBACK") == SQLITE_OK,
	    "a 12 MB transaction (spilling pages to the file) rolled back");
	ok(test_int(v1, "SELECT max(n) FROM t") == before + 10,
	    "... leaves the rows as they were");
	vault_close(v1);
	ok(try_open(&e) == 0, "... and the vault opens (%s)", e.msg);

	v1 = test_open_vault(path);
	ok(test_exec(v1, "DELETE FROM t WHERE n > 20") == SQLITE_OK &&
	    test_exec(v1, "VACUUM") == SQLITE_OK, "rows deleted, VACUUM");
	vault_close(v1);
	v1 = test_open_vault(path);
	ok(vault_verify(v1, &pages, &e) == 0 &&
	    test_int(v1, "SELECT count(*) FROM t") == 20,
	    "the smaller vault opens and verifies (%u pages)", pages);
	vault_close(v1);
}

/* ---- page 1's digest field, rewritten as an older tend would ---- */

/* Decrypt page 1 with the vault's key, let fn change it, encrypt it again
 * under a new nonce. */
static int
rewrite_page1(void (*fn)(unsigned char *page))
{
	unsigned char both[2 * HDR_COPY], page[SHIM_PAGE], ad[29];
	unsigned char *nonce = page + SHIM_USABLE, *tag = nonce + SHIM_NONCE;
	struct keys *k = sodium_malloc(sizeof *k);
	struct header h;
	struct err e = { .msg = "" };
	int fd = open(path, O_RDWR), which, bad, i, rc = -1;

	if (fd < 0 || k == NULL ||
	    pread(fd, both, sizeof both, 0) != (ssize_t)sizeof both ||
	    pread(fd, page, SHIM_PAGE, SHIM_HEADER) != SHIM_PAGE ||
	    hdr_pick(both, HDR_KIND_VAULT, &h, &which, &bad, &e) != 0)
		goto out;
	for (i = 0; i < HDR_SLOTS; i++)
		if (h.slot[i].type == SLOT_PASSPHRASE &&
		    slot_open_passphrase(&h.slot[i], h.uuid, TEST_PASS,
		    strlen(TEST_PASS), k->dek, &e) == 0)
			break;
	if (i == HDR_SLOTS)
		goto out;
	keys_derive(k);
	ad[0] = SHIM_DOMAIN_DB;
	memcpy(ad + 1, h.uuid, 16);
	memcpy(ad + 17, "\1\0\0\0", 4);
	memcpy(ad + 21, "\0\20\0\0", 4);
	memcpy(ad + 25, "\1\0\0\0", 4);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(page, NULL,
	    page, SHIM_USABLE, tag, ad, sizeof ad, nonce, k->page) != 0)
		goto out;
	fn(page);
	randombytes_buf(nonce, SHIM_NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(page, tag, NULL,
	    page, SHIM_USABLE, ad, sizeof ad, NULL, nonce, k->page);
	if (pwrite(fd, page, SHIM_PAGE, SHIM_HEADER) == SHIM_PAGE)
		rc = 0;
out:
	sodium_memzero(page, sizeof page);
	sodium_free(k);
	if (fd >= 0)
		close(fd);
	return rc;
}

static void
no_digest(unsigned char *page)
{
	memset(page + SHIM_DIGEST_OFF, 0, 4 + SHIM_DIGEST_LEN);
}

static void
unknown_digest(unsigned char *page)
{
	memcpy(page + SHIM_DIGEST_OFF, "TDG9", 4);
}

static void
older_vaults(void)
{
	unsigned char page[SHIM_PAGE];
	struct vault *v;
	uint32_t pages;
	struct err e = { .msg = "" };

	v = test_open_vault(path);
	ok(vault_read_page(v, 1, page, &e) == 0 &&
	    memcmp(page + SHIM_DIGEST_OFF, "TDG1", 4) == 0,
	    "page 1 carries the digest marker at byte 72");
	vault_close(v);

	ok(rewrite_page1(no_digest) == 0, "page 1 as tend wrote it before "
	    "the digest (bytes 72-91 zero)");
	v = test_open_vault(path);
	ok(vault_verify(v, &pages, &e) == 0, "such a vault opens and "
	    "verifies (%s)", e.msg);
	ok(vault_read_page(v, 1, page, &e) == 0 &&
	    sodium_is_zero(page + SHIM_DIGEST_OFF, 4 + SHIM_DIGEST_LEN),
	    "... and is left as it is while only read");
	ok(vt_add_rows(v, "late", 1000, 1, 100) == SQLITE_OK,
	    "... its next change");
	ok(vault_read_page(v, 1, page, &e) == 0 &&
	    memcmp(page + SHIM_DIGEST_OFF, "TDG1", 4) == 0,
	    "... gives it the digest");
	vault_close(v);
	ok(try_open(&e) == 0, "... and it opens again (%s)", e.msg);

	ok(rewrite_page1(unknown_digest) == 0, "a digest marker tend does "
	    "not know");
	ok(try_open(&e) != 0 && vt_one_sentence(e.msg) &&
	    vt_says(e.msg, "newer version of tend"), "is refused: %s", e.msg);
	sodium_memzero(page, sizeof page);
}

int
main(void)
{
	struct vault *v;

	test_dir();
	test_init();
	path = strdup(test_path("fresh.tend"));
	v = test_new_vault(path);
	if (vt_add_rows(v, NULL, 1, ROWS, 1500) != SQLITE_OK)
		fatal("cannot fill %s", path);
	vault_close(v);

	replayed_pages();
	replayed_in_session();
	no_false_alarms();
	older_vaults();
	free(path);
	return tap_done();
}
