/*
 * tamper.c: every change to a vault file is reported.
 *
 * On a vault of at least 200 pages this flips one byte at a time (xor
 * 0x01) at sampled offsets covering both header copies (every field, the
 * MAC and the checksum) and every page (its first and last byte, the
 * ciphertext, the nonce and the tag), then truncates and extends the file
 * at page and non-page boundaries.  After each change the vault must fail
 * to open with a message, or open and fail vault_verify with a message; a
 * damaged header copy must also be named by a warning when the vault
 * opens from the other copy.  Prints "tamper: N changes, N detected".
 *
 * TAMPER_SEED chooses the random offsets (default 1).
 */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/vault.h"

#define HDR             2048
#define PAGE            4096
#define USABLE          4056
#define NONCE           24
#define MIN_PAGES       200

enum kind { K_HDR_A, K_HDR_B, K_PAGE_EDGE, K_CIPHER, K_NONCE, K_TAG,
	K_TRUNCATE, K_EXTEND, K_MAX };

static const char *const kind_name[K_MAX] = {
	"header copy A flips", "header copy B flips",
	"first and last byte of every page", "page ciphertext flips",
	"page nonce flips", "page tag flips", "truncations", "extensions",
};

struct tally {
	long changes[K_MAX], detected[K_MAX];
	int shown;
};

static const char *vpath;
static unsigned char *orig;
static size_t origlen;
static uint64_t rs;

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

/* Whether the file at vpath, as it is now, is reported as damaged; the
 * message goes to msg. */
static int
reported(int header_copy, char *msg, size_t n)
{
	struct vault *v;
	struct err e;
	uint32_t pages;
	const char *w;
	int i, warned = 0, rc;

	e.msg[0] = '\0';
	if (vault_open(vpath, TEST_PASS, strlen(TEST_PASS), 0, &v, &e) != 0) {
		snprintf(msg, n, "open: %s", e.msg);
		return e.msg[0] != '\0';
	}
	for (i = 0; (w = vault_warning(v, i)) != NULL; i++)
		if (strstr(w, "header copy") != NULL)
			warned = 1;
	e.msg[0] = '\0';
	rc = vault_verify(v, &pages, &e);
	vault_close(v);
	if (rc == 0) {
		snprintf(msg, n, "opened and verified (%u pages)%s", pages,
		    warned ? ", with a header warning" : "");
		return 0;
	}
	snprintf(msg, n, "verify: %s", e.msg);
	if (header_copy && !warned) {
		snprintf(msg, n, "opened without a warning about the header; "
		    "verify: %s", e.msg);
		return 0;
	}
	return e.msg[0] != '\0';
}

static void
count(struct tally *t, enum kind k, int ok_, const char *what,
    const char *msg)
{
	t->changes[k]++;
	if (ok_)
		t->detected[k]++;
	else if (t->shown++ < 30)
		tap_diag("not reported: %s: %s", what, msg);
}

static void
flip(struct tally *t, enum kind k, size_t off)
{
	char msg[700], what[64];
	int det;

	if (test_flip(vpath, (off_t)off) != 0)
		fatal("cannot change %s", vpath);
	det = reported(k == K_HDR_A || k == K_HDR_B, msg, sizeof msg);
	if (test_flip(vpath, (off_t)off) != 0)
		fatal("cannot change %s back", vpath);
	snprintf(what, sizeof what, "byte %zu flipped", off);
	count(t, k, det, what, msg);
}

/* The file cut to len bytes, or grown to it with extra (NULL: zeros). */
static void
resize(struct tally *t, size_t len, const unsigned char *extra)
{
	unsigned char *buf = xcalloc(1, len > origlen ? len : origlen);
	char msg[700], what[64];
	int det;

	memcpy(buf, orig, len < origlen ? len : origlen);
	if (len > origlen && extra != NULL)
		memcpy(buf + origlen, extra, len - origlen);
	if (test_spit(vpath, buf, len) != 0)
		fatal("cannot write %s", vpath);
	det = reported(0, msg, sizeof msg);
	snprintf(what, sizeof what, "%s to %zu bytes",
	    len < origlen ? "truncated" : "extended", len);
	count(t, len < origlen ? K_TRUNCATE : K_EXTEND, det, what, msg);
	free(buf);
}

static void
make_vault(void)
{
	struct vault *v = test_new_vault(vpath);
	unsigned char raw[1300];
	char hex[2601], *sql;
	long long pages;
	int i;

	test_exec(v, "CREATE TABLE t(id INTEGER PRIMARY KEY, x TEXT); BEGIN");
	for (i = 0; i < 300; i++) {
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
		sql = sqlite3_mprintf("INSERT INTO t(x) VALUES ('%s')", hex);
		test_exec(v, sql);
		sqlite3_free(sql);
	}
	test_exec(v, "COMMIT");
	pages = test_int(v, "PRAGMA page_count");
	vault_close(v);
	ok(pages >= MIN_PAGES, "a vault of %lld pages (at least %d)", pages,
	    MIN_PAGES);
}

/* Offsets inside one header copy: every field, then random ones. */
static void
sweep_header(struct tally *t, enum kind k, size_t at)
{
	static const size_t fields[] = {
		0, 7, 8, 10, 11, 16, 23, 24, 39, 40, 44, 46, 48, 56, 80, 127,
		128, 129, 132, 136, 144, 160, 184, 232, 300, 320, 321, 352,
		376, 424, 512, 1000, 1663, 1664, 1800, 1983, 1984, 2000, 2015,
		2016, 2030, 2047,
	};
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		flip(t, k, at + fields[i]);
	for (i = 0; i < 40; i++)
		flip(t, k, at + rnd() % HDR);
}

static void
sweep_pages(struct tally *t, size_t npages)
{
	size_t p, i, base;

	for (p = 0; p < npages; p++) {
		base = PAGE + p * PAGE;
		flip(t, K_PAGE_EDGE, base);
		flip(t, K_PAGE_EDGE, base + PAGE - 1);
		for (i = 0; i < 4; i++)
			flip(t, K_CIPHER, base + rnd() % USABLE);
		flip(t, K_NONCE, base + USABLE + rnd() % NONCE);
		flip(t, K_NONCE, base + USABLE + rnd() % NONCE);
		flip(t, K_TAG, base + USABLE + NONCE + rnd() % 16);
		flip(t, K_TAG, base + USABLE + NONCE + rnd() % 16);
	}
}

static void
sweep_sizes(struct tally *t, size_t npages)
{
	static const size_t small[] = { 0, 1, 100, HDR - 1, HDR, HDR + 1,
	    PAGE - 1, PAGE, PAGE + 1, PAGE + 512, 2 * PAGE - 1, 2 * PAGE };
	unsigned char *junk = xmalloc(2 * PAGE);
	size_t i, p;

	for (i = 0; i < sizeof small / sizeof small[0]; i++)
		resize(t, small[i], NULL);
	for (p = 2; p < npages; p += 1 + rnd() % 23) {
		resize(t, PAGE + p * PAGE, NULL);
		resize(t, PAGE + p * PAGE + 1 + rnd() % (PAGE - 1), NULL);
	}
	resize(t, origlen - 1, NULL);
	resize(t, origlen - 16, NULL);
	resize(t, origlen - 40, NULL);
	resize(t, origlen - 512, NULL);
	resize(t, origlen - PAGE, NULL);
	resize(t, origlen - 2 * PAGE, NULL);
	resize(t, origlen + 1, NULL);
	resize(t, origlen + 512, NULL);
	resize(t, origlen + PAGE - 1, NULL);
	resize(t, origlen + PAGE, NULL);
	resize(t, origlen + 2 * PAGE, NULL);
	randombytes_buf(junk, 2 * PAGE);
	resize(t, origlen + PAGE, junk);
	resize(t, origlen + 100, junk);
	memcpy(junk, orig + origlen - PAGE, PAGE);     /* the last page again */
	resize(t, origlen + PAGE, junk);
	memcpy(junk, orig + PAGE, PAGE);               /* page 1 again */
	resize(t, origlen + PAGE, junk);
	free(junk);
	if (test_spit(vpath, orig, origlen) != 0)
		fatal("cannot restore %s", vpath);
}

int
main(void)
{
	struct tally t = { 0 };
	const char *env = getenv("TAMPER_SEED");
	char msg[700];
	long changes = 0, detected = 0;
	size_t npages;
	int k;

	rs = env ? strtoull(env, NULL, 10) : 1;
	if (rs == 0)
		rs = 1;
	test_init();
	vpath = test_path("tamper.tend");
	make_vault();
	orig = test_slurp(vpath, &origlen);
	if (orig == NULL)
		fatal("cannot read %s", vpath);
	npages = (origlen - PAGE) / PAGE;
	ok(!reported(0, msg, sizeof msg), "the untouched vault opens and "
	    "verifies: %s", msg);

	sweep_header(&t, K_HDR_A, 0);
	sweep_header(&t, K_HDR_B, HDR);
	sweep_pages(&t, npages);
	sweep_sizes(&t, npages);

	ok(!reported(0, msg, sizeof msg), "the restored vault opens and "
	    "verifies: %s", msg);
	for (k = 0; k < K_MAX; k++) {
		ok(t.changes[k] > 0 && t.detected[k] == t.changes[k],
		    "%s: %ld changes, %ld reported", kind_name[k],
		    t.changes[k], t.detected[k]);
		changes += t.changes[k];
		detected += t.detected[k];
	}
	ok(changes >= 2000, "at least 2,000 changes");
	printf("tamper: %ld changes, %ld detected\n", changes, detected);
	free(orig);
	return tap_done();
}
